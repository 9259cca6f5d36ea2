"""A throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks.

Usage::

    from tests.support.postgres import PostgresCluster, postgres_available

    with PostgresCluster() as cluster:          # initdb + start on a port of its own
        url = cluster.create_database("t1")      # postgresql+psycopg://...@127.0.0.1:PORT/t1
        ...
    # stopped and deleted here

``initdb`` and ``pg_ctl`` refuse to run as root, so when the euid is 0 they run as the
``postgres`` user through ``runuser`` in a temporary folder owned by that user. The server
listens only on 127.0.0.1 with ``trust`` authentication, fsync off (test data only).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import psycopg

from tests.support.ports import free_port


def find_bindir() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl`` (newest installed version), or None."""
    env = os.environ.get("HARMONY_PG_BINDIR")
    if env:
        return Path(env)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def postgres_available() -> bool:
    """True when PostgreSQL server binaries are installed here."""
    bindir = find_bindir()
    return bindir is not None and (bindir / "initdb").exists()


class PostgresCluster:
    """One initdb'd cluster, started on a loopback port no other test process is given
    (tests/support/ports.py); stop() removes everything."""

    def __init__(self, bindir: Path | None = None) -> None:
        found = bindir or find_bindir()
        if found is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bindir = found
        self.port = 0
        self.user = "postgres"
        self._root: Path | None = None
        self._as_postgres = os.geteuid() == 0

    def _run(self, *argv: str) -> None:
        cmd = list(argv)
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd="/")

    @property
    def datadir(self) -> Path:
        """The cluster's data directory."""
        assert self._root is not None, "cluster not started"
        return self._root / "data"

    def start(self) -> PostgresCluster:
        """initdb and start the cluster; wait until it accepts connections."""
        self._root = Path(tempfile.mkdtemp(prefix="harmony-pg-"))
        if self._as_postgres:
            shutil.chown(self._root, "postgres", "postgres")
        self.port = free_port()
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            f"-c unix_socket_directories={self._root} -c shared_buffers=128MB"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-l",
            str(self._root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=2):
                    break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        return self

    def dsn(self, database: str) -> str:
        """A libpq connection string for ``database``."""
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={database}"

    def url(self, database: str) -> str:
        """A SQLAlchemy URL (psycopg 3 driver) for ``database``."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, disconnecting its sessions."""
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete the cluster's files."""
        if self._root is None:
            return
        try:
            if (self.datadir / "postmaster.pid").exists():
                self._run(
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.datadir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                )
        finally:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
