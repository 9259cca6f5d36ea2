"""The real ``harmony-sync`` process: CLI administration, HTTP, kill -9, logs."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from tests.support.postgres import PostgresCluster
from tests.support.sync_server import SyncServer, SyncServerError

HEADERS = {
    "Harmony-Protocol-Version": str(PROTOCOL_VERSION),
    "Harmony-Schema-Version": str(SCHEMA_VERSION),
}


def scenario(server: SyncServer) -> None:
    """Administer, enroll, push, kill -9, restart, retry: applied exactly once."""
    hub = server.add_hub("North Park")
    code = server.enroll_device("Laptop 1", [hub])
    node = uuid.uuid4().hex[:16]
    enrolled = httpx.post(server.url + "/v1/enroll", headers=HEADERS,
                          json={"code": code, "device_id": node, "device_name": "L1"}).json()
    auth = {**HEADERS, "Authorization": "Bearer " + enrolled["device_token"]}
    secret_name = "Zebedee-" + uuid.uuid4().hex
    row = str(uuid.uuid4())
    clock = f"{1_700_000_000_000:015d}-00000-{node}"
    mutation = {"mutation_id": 1, "table": "student", "row_id": row, "hub_id": hub,
                "values": {"legal_name": secret_name}, "clocks": {"legal_name": clock},
                "bases": {"legal_name": None}}
    body = {"epoch": enrolled["epoch"], "mutations": [mutation]}
    first = httpx.post(server.url + "/v1/push", json=body, headers=auth)
    assert first.json()["results"][0]["status"] == "applied"
    server.restart()  # power cut right after the push
    retry = httpx.post(server.url + "/v1/push", json=body, headers=auth)
    assert retry.json()["results"][0]["status"] == "duplicate"
    pulled = httpx.post(server.url + "/v1/pull", json={"epoch": enrolled["epoch"], "cursor": 0},
                        headers=auth).json()
    assert [r["values"] for r in pulled["rows"] if r["id"] == row] == [
        {"legal_name": secret_name}]
    [device] = server.list_devices()
    assert device["status"] == "enrolled" and device["last_mutation_id"] == 1
    server.revoke_device(device["key"])
    denied = httpx.post(server.url + "/v1/pull", json={"cursor": 0}, headers=auth)
    assert denied.status_code == 401
    new_epoch = server.new_epoch()
    assert httpx.get(server.url + "/ready").json()["epoch"] == new_epoch
    # Logs are JSON lines, and never carry row values or tokens.
    logs = server.logs()
    assert any(e.get("event") == "push" and e.get("applied") == 1 for e in logs)
    assert any(e.get("event") == "request" and e.get("path") == "/v1/push"
               and e.get("device") == device["key"] and e.get("status") == 200 for e in logs)
    text = server.log_text()
    assert secret_name not in text and enrolled["device_token"] not in text


@pytest.mark.slow
def test_real_server_on_sqlite(tmp_path: Path) -> None:
    with SyncServer.sqlite(tmp_path) as server:
        scenario(server)
    assert server.process is None


@pytest.mark.slow
@pytest.mark.postgres
def test_real_server_on_postgres(pg_cluster: PostgresCluster, tmp_path: Path) -> None:
    url = pg_cluster.create_database("real_server")
    try:
        with SyncServer(url, log_dir=tmp_path) as server:
            scenario(server)
    finally:
        pg_cluster.drop_database("real_server")


def test_admin_errors_are_reported(tmp_path: Path) -> None:
    server = SyncServer.sqlite(tmp_path)
    with pytest.raises(SyncServerError, match="No such hub"):
        server.enroll_device("x", [str(uuid.uuid4())])
