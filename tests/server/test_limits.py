"""Uploads bigger than the limit, against a REAL server process: the token is checked
before any of the body is read, and a body is counted as it streams (chunked transfer
encoding included) and no longer read once it passes the limit. The server's memory is
measured from /proc before and after."""

from __future__ import annotations

import contextlib
import select
import socket
import uuid
from pathlib import Path

import httpx
import pytest

from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from harmony_sync.server.app import MAX_BODY_BYTES
from tests.support.sync_server import SyncServer

MB = 2**20
HEADERS = {
    "Harmony-Protocol-Version": str(PROTOCOL_VERSION),
    "Harmony-Schema-Version": str(SCHEMA_VERSION),
}


def memory_mb(pid: int) -> dict[str, float]:
    """The process's resident memory now (VmRSS) and at its peak so far (VmHWM), in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def chunked_post(port: int, headers: dict[str, str], total: int) -> tuple[int | None, int]:
    """POST /v1/push with a chunked body of ``total`` bytes, 1 MB a chunk, and stop as soon
    as the server answers or stops reading. Returns (status or None, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(5)
    head = "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
    head += "Content-Type: application/json\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    chunk = b'{"mutations": [' + b" " * (MB - 15)
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    with contextlib.closing(sock):
        try:
            sock.sendall(head.encode())
            while sent < total and not select.select([sock], [], [], 0)[0]:
                sock.sendall(frame)
                sent += len(chunk)
            if sent >= total:
                sock.sendall(b"0\r\n\r\n")
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: its answer is waiting
        answer = b""
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            while b"\r\n" not in answer:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
    status = int(answer.split(b" ")[1]) if answer.startswith(b"HTTP/1.1 ") else None
    return status, sent


@pytest.mark.slow
def test_big_chunked_uploads_are_refused_without_reading_them(tmp_path: Path) -> None:
    with SyncServer.sqlite(tmp_path) as server:
        hub = server.add_hub("North Park")
        code = server.enroll_device("Laptop", [hub])
        enrolled = httpx.post(
            server.url + "/v1/enroll",
            headers=HEADERS,
            json={"code": code, "device_id": uuid.uuid4().hex[:16]},
        ).json()
        assert server.process is not None
        pid = server.process.pid
        warm = httpx.post(server.url + "/v1/pull", headers=HEADERS, json={"cursor": 0})
        assert warm.status_code == 401
        before = memory_mb(pid)

        # 96 MB without a token: 401 before the body is read.
        status, sent = chunked_post(server.port, HEADERS, 96 * MB)
        after_anonymous = memory_mb(pid)
        assert status == 401
        assert sent < 16 * MB, f"the client could send {sent / MB:.0f} MB"
        assert after_anonymous["VmHWM"] - before["VmHWM"] < 16

        # 48 MB with a token: 413 once the count passes the limit, nothing past it read.
        auth = {**HEADERS, "Authorization": "Bearer " + enrolled["device_token"]}
        status, sent = chunked_post(server.port, auth, 48 * MB)
        after_device = memory_mb(pid)
        assert status == 413
        assert sent < MAX_BODY_BYTES + 16 * MB, f"the client could send {sent / MB:.0f} MB"
        peak_growth = after_device["VmHWM"] - before["VmHWM"]
        assert peak_growth < 48, f"peak memory grew {peak_growth:.0f} MB for a 48 MB body"

        # The server goes on serving.
        assert httpx.get(server.url + "/ready").status_code == 200
        print(  # the figures, for the record (pytest -s)
            f"\nserver memory MB: before {before}, after 96 MB anonymous {after_anonymous}, "
            f"after 48 MB with token {after_device}"
        )
