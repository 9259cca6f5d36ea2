"""Database engines and schema migrations for the sync server.

SQLite (the default, a single file) and PostgreSQL (by URL) are both supported. SQLite
connections use WAL and a generous busy timeout so concurrent requests wait for the one
writer instead of failing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, inspect

#: Environment variable holding the database URL (overridden by ``--database-url``).
DATABASE_URL_ENV = "HARMONY_SYNC_DATABASE_URL"

_MIGRATIONS = Path(__file__).with_name("migrations")


def default_database_url() -> str:
    """The URL from the environment, else a SQLite file in the user data folder."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    folder = Path(user_data_dir("harmony-sync", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'harmony-sync.sqlite3'}"


def normalize_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine for ``url`` with the settings the server relies on."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 60},
            pool_size=8,
            max_overflow=32,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=8, max_overflow=32, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that runs the package's migrations on ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database schema up to date (creating it, and the epoch, on first use)."""
    command.upgrade(alembic_config(engine), "head")


def is_initialized(engine: Engine) -> bool:
    """True when the database already holds the server's tables."""
    return inspect(engine).has_table("server_state")
