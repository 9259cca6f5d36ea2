"""A REAL sync server for the client tests: ``harmony-sync serve`` as a subprocess.

Uvicorn listens on a free loopback port over a SQLite file in a temporary folder. The process can be
killed with SIGKILL and started again on the same port and database, and the database
can be swapped for an older copy (a restore from backup).

Admin work runs in a separate long-lived Python process that calls the same functions
as the ``harmony-sync`` commands (``accounts``/``store``), one JSON line per command: the
server's SQLModel tables share SQLModel's global metadata with the desktop's (both
define a ``conflict`` table), so the two cannot be imported into one process, and a
fresh ``harmony-sync`` process per command costs seconds on a loaded machine.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """One server process and its database file."""

    def __init__(self, folder: Path, database_url: str | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db_path = self.folder / "server.sqlite3"
        #: SQLite in ``folder`` by default; a PostgreSQL URL runs the same tests there
        self.url_db = database_url or f"sqlite:///{self.db_path}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.exe = str(Path(sys.executable).with_name("harmony-sync"))
        self._admin: subprocess.Popen[str] | None = None

    # -- process -------------------------------------------------------------------

    def start(self) -> None:
        """Start ``harmony-sync serve`` and wait until it answers."""
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - lives with the process
        self.proc = subprocess.Popen(
            [
                self.exe,
                "serve",
                "--database-url",
                self.url_db,
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            stdout=log,
            stderr=log,
            env={**os.environ},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"sync server exited: see {self.folder / 'server.log'}")
            try:
                if requests.get(self.url + "/health", timeout=0.5).ok:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("sync server did not start in 30 s")

    def kill(self) -> None:
        """SIGKILL the server (no graceful shutdown) and wait for it."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        """Terminate the server and release the database."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None
        self.close_admin()

    # -- admin ---------------------------------------------------------------------

    def admin(self, *args: str) -> Any:
        """Run one ``harmony-sync`` command on this database; its ``--json`` output."""
        if self._admin is None or self._admin.poll() is not None:
            self._admin = subprocess.Popen(
                [sys.executable, "-c", _ADMIN_LOOP, self.url_db],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        assert self._admin.stdin is not None and self._admin.stdout is not None
        self._admin.stdin.write(json.dumps(list(args)) + "\n")
        self._admin.stdin.flush()
        answer = json.loads(self._admin.stdout.readline())
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer["result"]

    def close_admin(self) -> None:
        """End the admin helper process."""
        if self._admin is not None and self._admin.poll() is None:
            assert self._admin.stdin is not None
            self._admin.stdin.close()
            self._admin.wait(10)
        self._admin = None

    def add_hub(self, name: str, hub_id: str | None = None) -> str:
        """Register a hub (``harmony-sync add-hub``)."""
        extra = ["--id", hub_id] if hub_id else []
        return str(self.admin("add-hub", name, *extra)["hub_id"])

    def enrollment_code(self, hubs: list[str], *, data_manager: bool = False) -> str:
        """A one-time code for a new device (``harmony-sync enroll-device``)."""
        if data_manager:
            return str(self.admin("add-data-manager", "test manager")["enrollment_code"])
        hub_args = [arg for hub in hubs for arg in ("--hub", hub)]
        return str(self.admin("enroll-device", "test laptop", *hub_args)["enrollment_code"])

    def revoke_all(self) -> None:
        """Revoke every device (``harmony-sync revoke-device``)."""
        for device in self.admin("list-devices"):
            if device["status"] != "revoked":
                self.admin("revoke-device", str(device["key"]))

    def backup(self, target: Path) -> None:
        """Copy the database (the server may keep running: SQLite online backup)."""
        import sqlite3

        src = sqlite3.connect(self.db_path)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()

    def restore(self, backup: Path) -> str:
        """Stop, put an old copy back, start a new epoch, start again; returns the epoch."""
        self.kill()
        self.close_admin()  # it holds connections to the old file
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        shutil.copy(backup, self.db_path)
        epoch = str(self.admin("new-epoch")["epoch"])
        self.start()
        return epoch


#: The admin helper: the ``harmony-sync`` commands' functions behind a JSON-lines loop.
_ADMIN_LOOP = """
import contextlib, io, json, sys
from harmony_sync.server import cli
url = sys.argv[1]
for line in sys.stdin:
    args = json.loads(line)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            code = cli.main([*args, "--database-url", url, "--json"])
        answer = {"result": json.loads(out.getvalue())} if code == 0 else {"error": out.getvalue()}
    except BaseException as err:
        answer = {"error": repr(err)}
    print(json.dumps(answer), flush=True)
"""
