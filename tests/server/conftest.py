"""Server test fixtures: every storage-level test runs on SQLite and on PostgreSQL.

One PostgreSQL cluster is started per test session (on 127.0.0.1, stopped at the end);
each test gets its own fresh database in it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harmony_sync.server import accounts, db
from harmony_sync.server.app import create_app
from tests.server.fakes import Laptop
from tests.support.postgres import PostgresCluster, postgres_available

_names = itertools.count(1)


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
