"""Server test fixtures: every storage-level test runs on SQLite and on PostgreSQL.

One PostgreSQL cluster is started per test session (on 127.0.0.1, stopped at the end);
each test gets its own fresh database in it.

Every server test also runs under :class:`WriterLockGuard`: a transaction that writes a
table with a change sequence (``seq``) before taking the ``server_state`` row lock fails
the test. That lock is what keeps pull cursors from skipping rows (``store._lock``), so
any new writer that forgets it is caught by the first test that exercises it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, event

from harmony_sync.server import accounts, db
from harmony_sync.server.app import create_app
from harmony_sync.server.models import ServerModel
from tests.server.fakes import Laptop
from tests.support.postgres import PostgresCluster, postgres_available

_names = itertools.count(1)

#: Tables whose rows carry a change sequence number, i.e. what pulls page through.
SEQ_TABLES = sorted(t.name for t in ServerModel.metadata.tables.values() if "seq" in t.c)
_SEQ_NAMES = "|".join(SEQ_TABLES)
_SEQ_WRITE = re.compile(
    rf'^\s*(?:insert\s+into|update|delete\s+from)\s+"?({_SEQ_NAMES})"?\b', re.IGNORECASE
)
_TAKES_LOCK = re.compile(r'^\s*update\s+"?server_state"?\s+set\b', re.IGNORECASE)


class WriterLockGuard:
    """Records every statement that writes a ``seq`` table in a transaction that has not
    updated ``server_state`` first (on any engine of this process)."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def _statement(self, conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        if _TAKES_LOCK.match(statement):
            conn.info["holds_writer_lock"] = True
        elif _SEQ_WRITE.match(statement) and not conn.info.get("holds_writer_lock"):
            self.violations.append(" ".join(statement.split())[:120])

    @staticmethod
    def _end(conn: Connection, *_args: Any) -> None:
        conn.info.pop("holds_writer_lock", None)

    def install(self) -> None:
        """Watch every engine until :meth:`remove`."""
        event.listen(Engine, "before_cursor_execute", self._statement)
        for name in ("commit", "rollback", "begin"):
            event.listen(Engine, name, self._end)

    def remove(self) -> None:
        """Stop watching."""
        event.remove(Engine, "before_cursor_execute", self._statement)
        for name in ("commit", "rollback", "begin"):
            event.remove(Engine, name, self._end)


@pytest.fixture(autouse=True)
def writer_lock_guard() -> Iterator[WriterLockGuard]:
    """Fail the test if any writer skipped the ``server_state`` lock."""
    guard = WriterLockGuard()
    guard.install()
    try:
        yield guard
    finally:
        guard.remove()
    assert guard.violations == [], (
        "A transaction wrote a table with change sequence numbers before taking the "
        "server_state row lock (store._lock); pulls could skip its rows: "
        + "; ".join(guard.violations)
    )


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL cluster for the whole test session."""
    if not postgres_available():
        pytest.fail("PostgreSQL server binaries are missing: run ./dev test (it installs them)")
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new database in the session cluster."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    name = f"t{next(_names)}"
    url = cluster.create_database(name)
    yield url
    cluster.drop_database(name)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the fresh database, schema migrated to head."""
    eng = db.make_engine(database_url)
    db.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """The ASGI app in-process (real storage, no network)."""
    with TestClient(create_app(engine), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def hubs(engine: Engine) -> tuple[str, str]:
    """Two registered hubs: (north, south)."""
    return accounts.add_hub(engine, "North Park"), accounts.add_hub(engine, "South School")


LaptopFactory = Callable[..., Laptop]


@pytest.fixture
def laptop(client: TestClient, engine: Engine) -> LaptopFactory:
    """Factory: ``laptop([hub_id, ...], data_manager=False)`` enrolls a new device."""

    def make(hub_ids: list[str], **kwargs: object) -> Laptop:
        return Laptop(client, engine, hub_ids, **kwargs)  # type: ignore[arg-type]

    return make
