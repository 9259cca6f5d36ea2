"""Database engines and schema migrations for the sync server.

SQLite (the default, a single file) and PostgreSQL (by URL) are both supported. SQLite
connections use WAL and a generous busy timeout so concurrent requests wait for the one
writer instead of failing.

Every setting a server process needs can come from the environment
(:func:`engine_from_environment`), so any ASGI server or process manager can start
``harmony_sync.server.app:create_app`` as a factory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:
    from alembic.config import Config

#: Environment variable holding the database URL (overridden by ``--database-url``).
DATABASE_URL_ENV = "HARMONY_SYNC_DATABASE_URL"
#: Environment variable holding the connection pool size of one process (``--pool-size``).
POOL_SIZE_ENV = "HARMONY_SYNC_POOL_SIZE"
#: Most database connections one server process opens (see sync/README.md, "Capacity").
DEFAULT_POOL_SIZE = 10
#: Seconds a request waits for a free pooled connection before answering 503.
POOL_TIMEOUT_S = 30

_MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration (a test checks it against the scripts): when the database is
#: already there, commands skip loading Alembic, which keeps the admin CLI quick.
HEAD_REVISION = "0009_refusals_dealt"
#: PostgreSQL advisory lock key held while migrating ("HarmSyn" in ASCII).
MIGRATION_LOCK_KEY = 0x4861726D53796E
#: How long a process waits for another one's migration before giving up.
MIGRATION_WAIT_S = 600


class DatabaseUnavailable(RuntimeError):
    """The database refused or dropped the connection at start-up; the message says
    what to check."""


def data_folder() -> Path:
    """The server's default data folder, readable by its owner only (0700)."""
    folder = Path(user_data_dir("harmony-sync", appauthor=False))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _tighten(folder, 0o700)
    return folder


def default_database_url() -> str:
    """The URL from the environment, else a SQLite file in the user data folder."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    return f"sqlite:///{data_folder() / 'harmony-sync.sqlite3'}"


def pool_size_from_env() -> int:
    """``$HARMONY_SYNC_POOL_SIZE``, else the default; a clear error when it is not a
    positive whole number."""
    raw = os.environ.get(POOL_SIZE_ENV, "").strip()
    if not raw:
        return DEFAULT_POOL_SIZE
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{POOL_SIZE_ENV} must be a whole number of connections (1 or more).")
    return int(raw)


def normalize_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _tighten(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` if it is looser (and ours to change)."""
    try:
        if stat.S_IMODE(path.stat().st_mode) & ~mode:
            path.chmod(mode)
    except OSError:
        pass  # not ours, or gone: SQLite reports what matters when it opens the file


def _sqlite_file(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _private_sqlite_file(path: Path) -> None:
    """Create the database file readable by its owner only before SQLite opens it, and
    tighten an existing one: SQLite gives its -wal and -shm files the same mode."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError:
        return  # a missing folder: SQLite says so when it opens the file
    for sibling in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        if sibling.exists():
            _tighten(sibling, 0o600)


def make_engine(
    url: str, *, pool_size: int = DEFAULT_POOL_SIZE, busy_timeout_ms: int = 60_000
) -> Engine:
    """Create an engine for ``url`` with the settings the server relies on.

    ``pool_size`` is the most connections this engine (one server process) opens.
    ``busy_timeout_ms`` is how long a writer waits for another one (SQLite busy timeout,
    PostgreSQL lock timeout) before the request fails with 503 and changes nothing.
    Statements' bound values never appear in error messages (``hide_parameters``): they
    are about children, and errors reach logs.
    """
    url = normalize_url(url)
    common: dict[str, Any] = {
        "hide_parameters": True,
        "pool_size": pool_size,
        "max_overflow": 0,
        "pool_timeout": POOL_TIMEOUT_S,
    }
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None:
            _private_sqlite_file(path)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
            **common,
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
        pool_pre_ping=True,
        connect_args={
            "options": f"-c lock_timeout={int(busy_timeout_ms)}",
            "connect_timeout": 10,
        },
        **common,
    )


def engine_from_environment() -> Engine:
    """The engine of a server process started from the environment alone
    (``$HARMONY_SYNC_DATABASE_URL``, ``$HARMONY_SYNC_POOL_SIZE``), checked and migrated."""
    engine = make_engine(default_database_url(), pool_size=pool_size_from_env())
    check_connection(engine)
    upgrade(engine)
    return engine


def describe(engine: Engine) -> str:
    """The engine's URL without its password, for messages."""
    return engine.url.render_as_string(hide_password=True)


def check_connection(engine: Engine) -> None:
    """Connect once; raise :class:`DatabaseUnavailable` with advice when the database
    refuses (not running, unreachable, wrong credentials, too many connections)."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as err:
        reason = str(err.orig).strip().splitlines()[0] if err.orig is not None else ""
        advice = (
            "Check that the folder exists and that this user may write to it."
            if engine.dialect.name == "sqlite"
            else "Check that PostgreSQL is running, reachable from this machine, and that "
            "the user and password are right."
        )
        if "too many" in reason.lower():
            advice = (
                "The database has no connection left: the server processes together may "
                "open workers x pool size connections, which must stay below PostgreSQL's "
                "max_connections. Lower --workers or --pool-size, or raise max_connections "
                "(sync/README.md, 'Capacity')."
            )
        raise DatabaseUnavailable(
            f"Cannot connect to the database {describe(engine)}: {reason.rstrip('.')}. {advice}"
        ) from None


def max_connections(engine: Engine) -> int | None:
    """PostgreSQL's ``max_connections`` minus its reserved ones (None on SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        total = int(conn.execute(text("SHOW max_connections")).scalar_one())
        reserved = int(conn.execute(text("SHOW superuser_reserved_connections")).scalar_one())
    return total - reserved


def alembic_config(engine: Engine, connection: Connection | None = None) -> Config:
    """An Alembic configuration that runs the package's migrations on ``engine`` (inside
    ``connection``'s transaction when given)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["engine"] = engine
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def schema_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, or None for an empty database."""
    try:
        with engine.connect() as conn:
            return _revision(conn)
    except SQLAlchemyError:
        return None


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value else None


@contextmanager
def _migration_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that only one process at a time can be in, committed at the end.

    PostgreSQL: a transaction-level advisory lock (released by commit, rollback, or the
    connection's death). SQLite: ``BEGIN IMMEDIATE``, the database's write lock, on a
    connection of its own. Its schema changes are transactional on both, so a migration
    either happens whole or not at all, and a waiting process finds it done.
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(
                text("SELECT set_config('lock_timeout', :ms, true)"),
                {"ms": str(MIGRATION_WAIT_S * 1000)},
            )
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            yield conn
        return
    locked = create_engine(
        engine.url,
        poolclass=NullPool,
        hide_parameters=True,
        connect_args={"check_same_thread": False, "timeout": MIGRATION_WAIT_S},
    )

    @event.listens_for(locked, "connect")
    def no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below, not the driver's

    @event.listens_for(locked, "begin")
    def begin_immediate(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with locked.begin() as conn:
            yield conn
    finally:
        locked.dispose()


def upgrade(engine: Engine) -> None:
    """Bring the database schema up to date (creating it, and the epoch, on first use).

    Safe to run from many processes at once: a process that finds the schema current
    returns at once; the others migrate one at a time, each checking again once it holds
    the lock, so only the first one changes anything.
    """
    if schema_revision(engine) == HEAD_REVISION:
        return
    from alembic import command  # only loaded when there is something to do

    with _migration_transaction(engine) as conn:
        if _revision(conn) != HEAD_REVISION:  # another process may have just done it
            command.upgrade(alembic_config(engine, conn), "head")
