"""Database engines and schema migrations for the sync server.

SQLite (the default, a single file) and PostgreSQL (by URL) are both supported. SQLite
connections use WAL and a generous busy timeout so concurrent requests wait for the one
writer instead of failing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from alembic.config import Config

#: Environment variable holding the database URL (overridden by ``--database-url``).
DATABASE_URL_ENV = "HARMONY_SYNC_DATABASE_URL"

_MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration (a test checks it against the scripts): when the database is
#: already there, commands skip loading Alembic, which keeps the admin CLI quick.
HEAD_REVISION = "0002_pull_origin"


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


def make_engine(url: str, *, busy_timeout_ms: int = 60_000) -> Engine:
    """Create an engine for ``url`` with the settings the server relies on.

    ``busy_timeout_ms`` is how long a writer waits for another one (SQLite busy timeout,
    PostgreSQL lock timeout) before the request fails with 503 and changes nothing.
    """
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
            pool_size=8,
            max_overflow=32,
        )

        def pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cursor.close()

        event.listen(engine, "connect", pragmas)
        return engine
    return create_engine(
        url,
        pool_size=8,
        max_overflow=32,
        pool_pre_ping=True,
        connect_args={"options": f"-c lock_timeout={int(busy_timeout_ms)}"},
    )


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that runs the package's migrations on ``engine``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def schema_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, or None for an empty database."""
    try:
        with engine.connect() as conn:
            value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None
    return str(value) if value else None


def upgrade(engine: Engine) -> None:
    """Bring the database schema up to date (creating it, and the epoch, on first use)."""
    if schema_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
