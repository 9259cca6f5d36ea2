"""Run a REAL ``harmony-sync serve`` process on 127.0.0.1 for integration tests.

Usage::

    from tests.support.sync_server import SyncServer

    with SyncServer.sqlite(tmp_path) as server:          # or SyncServer(database_url=...)
        hub = server.add_hub("North Park")              # admin commands on the same database
        code = server.enroll_device("Laptop 1", [hub])  # one-time enrollment code
        requests.get(server.url + "/ready")             # http://127.0.0.1:PORT
        server.kill()                                   # kill -9, like a power cut
        server.start()                                  # same database, same port
    # stopped (and the process reaped) here, even if the test failed

The process is started with ``python -m harmony_sync.server.cli`` from the running
interpreter, so it needs no PATH set-up. ``start()`` waits until ``/ready`` answers.
Its output goes to ``server.log_path`` (JSON lines), which ``logs()`` returns.

Admin commands run the ``harmony-sync`` command line's own ``main`` in one long-lived
helper process, one JSON line per command: the server's SQLModel tables share
SQLModel's global metadata with the desktop's (both define a ``conflict`` table), so
the two cannot be imported into one process, and a fresh ``harmony-sync`` process per
command costs seconds on a loaded machine.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
from sqlalchemy import Engine

from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from harmony_sync.server import accounts
from tests.support.ports import free_port

VERSION_HEADERS = {
    "Harmony-Protocol-Version": str(PROTOCOL_VERSION),
    "Harmony-Schema-Version": str(SCHEMA_VERSION),
}


class SyncServerError(RuntimeError):
    """The server process did not start, or an admin command failed."""


class SyncServer:
    """One ``harmony-sync serve`` subprocess and admin commands on its database."""

    def __init__(
        self,
        database_url: str,
        *,
        port: int | None = None,
        env: dict[str, str] | None = None,
        log_dir: Path | None = None,
        launcher: tuple[str, ...] = ("-m", "harmony_sync.server.cli"),
        serve_args: tuple[str, ...] = (),
    ) -> None:
        self.database_url = database_url
        #: how the interpreter runs the command line (a test build may wrap it)
        self.launcher = launcher
        #: extra ``serve`` options, e.g. ``("--workers", "2")``
        self.serve_args = serve_args
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.folder = Path(log_dir) if log_dir else Path(tempfile.mkdtemp(prefix="harmony-sync-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log_path = self.folder / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._admin: subprocess.Popen[str] | None = None

    @classmethod
    def sqlite(cls, folder: Path, **kwargs: Any) -> SyncServer:
        """A server on a new SQLite file inside ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{folder / 'harmony-sync.sqlite3'}", log_dir=folder, **kwargs)

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:50123`` (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_path(self) -> Path:
        """The SQLite database file (SQLite servers only)."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix):
            raise SyncServerError("this server does not run on a SQLite file")
        return Path(self.database_url.removeprefix(prefix))

    # -- process control -------------------------------------------------------------

    def start(self, timeout: float = 30.0, *, wait: bool = True) -> SyncServer:
        """Start the process (if not running) and wait until ``/ready`` answers 200
        (``wait=False``: return at once; call :meth:`wait_ready` later)."""
        if self.process is not None and self.process.poll() is None:
            return self
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                *self.launcher,
                "serve",
                *self.serve_args,
                "--database-url",
                self.database_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
            start_new_session=True,
        )
        log.close()
        return self.wait_ready(timeout) if wait else self

    def wait_ready(self, timeout: float = 30.0) -> SyncServer:
        """Wait until ``/ready`` answers 200; stop the process and raise if it does not."""
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SyncServerError(f"harmony-sync serve exited early:\n{self.log_text()}")
            try:
                if httpx.get(self.url + "/ready", timeout=1.0).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise SyncServerError(f"harmony-sync serve not ready in {timeout}s:\n{self.log_text()}")

    def kill(self) -> None:
        """SIGKILL the process and its worker processes (no clean shutdown); reap it."""
        if self.process is not None and self.process.poll() is None:
            # Its own session (start_new_session): the group is this server and its workers.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the process gracefully (SIGTERM), SIGKILL if it does not exit in time;
        end the admin helper."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout)
        self.process = None
        self.close_admin()

    def restart(self) -> SyncServer:
        """kill -9 then start again on the same port and database."""
        self.kill()
        return self.start()

    def __enter__(self) -> SyncServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- admin command line ----------------------------------------------------------

    def admin(self, *args: str) -> Any:
        """Run ``harmony-sync ARGS --json`` on this database and return the parsed output."""
        if self._admin is None or self._admin.poll() is not None:
            self._admin = subprocess.Popen(
                [sys.executable, "-c", _ADMIN_LOOP, self.database_url],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=self.env,
            )
        assert self._admin.stdin is not None and self._admin.stdout is not None
        self._admin.stdin.write(json.dumps(list(args)) + "\n")
        self._admin.stdin.flush()
        line = self._admin.stdout.readline()
        if not line:
            raise SyncServerError(f"harmony-sync {' '.join(args)}: the admin helper died")
        answer = json.loads(line)
        if "error" in answer:
            raise SyncServerError(f"harmony-sync {' '.join(args)} failed: {answer['error']}")
        return answer["result"]

    def close_admin(self) -> None:
        """End the admin helper process (it holds connections to the database)."""
        if self._admin is not None and self._admin.poll() is None:
            assert self._admin.stdin is not None
            self._admin.stdin.close()
            self._admin.wait(10)
        self._admin = None

    def add_hub(self, name: str, hub_id: str | None = None) -> str:
        """Register a hub; return its id."""
        extra = ["--id", hub_id] if hub_id else []
        return str(self.admin("add-hub", name, *extra)["hub_id"])

    def enroll_device(self, name: str, hub_ids: list[str]) -> str:
        """Create a device for ``hub_ids``; return its one-time enrollment code."""
        args = [arg for hub in hub_ids for arg in ("--hub", hub)]
        return str(self.admin("enroll-device", name, *args)["enrollment_code"])

    def add_data_manager(self, name: str) -> str:
        """Create a data-manager device; return its one-time enrollment code."""
        return str(self.admin("add-data-manager", name)["enrollment_code"])

    def enrollment_code(self, hubs: list[str], *, data_manager: bool = False) -> str:
        """A one-time code for a new test laptop of ``hubs`` (or a data manager)."""
        if data_manager:
            return self.add_data_manager("test manager")
        return self.enroll_device("test laptop", hubs)

    def list_devices(self) -> list[dict[str, Any]]:
        """Every device as ``harmony-sync list-devices --json`` reports it."""
        return list(self.admin("list-devices"))

    def revoke_device(self, key: int) -> None:
        """Revoke a device by its number."""
        self.admin("revoke-device", str(key))

    def revoke_all(self) -> None:
        """Revoke every device not yet revoked."""
        for device in self.list_devices():
            if device["status"] != "revoked":
                self.revoke_device(int(device["key"]))

    def new_epoch(self) -> str:
        """Start a new epoch (as after restoring a backup); return it."""
        return str(self.admin("new-epoch")["epoch"])

    # -- backup and restore (SQLite) -------------------------------------------------

    def backup(self, target: Path) -> None:
        """Copy the database while the server runs (SQLite's online backup)."""
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
        self.close_admin()
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        shutil.copy(backup, self.db_path)
        epoch = self.new_epoch()
        self.start()
        return epoch

    # -- logs --------------------------------------------------------------------------

    def log_text(self) -> str:
        """Everything the process wrote so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def logs(self) -> list[dict[str, Any]]:
        """The process's JSON log lines, parsed (non-JSON lines are skipped)."""
        entries = []
        for line in self.log_text().splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
        return entries


#: The admin helper: the ``harmony-sync`` command line's ``main`` behind a JSON-lines loop.
_ADMIN_LOOP = """
import contextlib, io, json, sys
from harmony_sync.server import cli
url = sys.argv[1]
for line in sys.stdin:
    args = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([*args, "--database-url", url, "--json"])
        if code == 0:
            answer = {"result": json.loads(out.getvalue())}
        else:
            answer = {"error": (err.getvalue() + out.getvalue()).strip()}
    except BaseException as exc:
        answer = {"error": (err.getvalue() + repr(exc)).strip()}
    print(json.dumps(answer), flush=True)
"""


def enroll_over_http(server: SyncServer, engine: Engine, hubs: list[str]) -> dict[str, Any]:
    """Create a device on ``engine``'s database (in-process, quicker than the admin
    command) and enroll it over HTTP; return its auth headers, node and epoch."""
    _, code = accounts.create_device(engine, "test device", hubs)
    node = uuid.uuid4().hex[:16]
    data = httpx.post(
        server.url + "/v1/enroll",
        headers=VERSION_HEADERS,
        json={"code": code, "device_id": node},
        timeout=60,
    ).json()
    return {
        "headers": {**VERSION_HEADERS, "Authorization": "Bearer " + data["device_token"]},
        "node": node,
        "epoch": data["epoch"],
    }
