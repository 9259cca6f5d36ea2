"""Opening the local database: pragmas, integrity check, migrations, backups.

The file is SQLite in WAL mode with foreign keys on and ``synchronous=FULL``, so a mark
acknowledged to the user survives a crash or a dead battery. Reads and writes use
separate engines: write transactions start with ``BEGIN IMMEDIATE`` so two writers (the
UI's worker and the sync thread) queue on the lock instead of failing half-way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from harmony_desktop.domain.errors import StoreCorruptError, StoreError
from harmony_desktop.domain.i18n import _
from harmony_desktop.paths import migrations_dir
from harmony_desktop.store import settings
from harmony_desktop.store.replica import ChangeWriter, Replica, Wall, wall_clock_ms

log = logging.getLogger(__name__)

BACKUPS_KEPT = 14
BUSY_TIMEOUT_MS = 10_000


def _configure_engine(engine: Engine, begin_sql: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so the driver must not.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)


def _alembic_config(connection: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest schema revision this build of the app knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def check_integrity(path: Path) -> None:
    """Raise :class:`StoreCorruptError` unless ``path`` is a healthy SQLite database.

    Opens the file read-only so a damaged file is never modified.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreCorruptError(_corrupt_message(path, str(exc))) from exc
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        raise StoreCorruptError(_corrupt_message(path, detail))


def _corrupt_message(path: Path, detail: str) -> str:
    return _(
        "The database {path} is damaged ({detail}). It has not been changed. "
        "Restore the newest backup with: harmony-desktop restore --list, then "
        "harmony-desktop restore BACKUP-FILE."
    ).format(path=path, detail=detail)


class Store:
    """The open local database of one laptop.

    Use :meth:`read` for queries and :meth:`write` for every change; ``write`` yields a
    :class:`~harmony_desktop.store.replica.ChangeWriter` that stamps clocks and fills the
    outbox in the same transaction. :attr:`settings` reads and writes the typed local
    settings (``store/settings.py``). :attr:`wall` is the wall clock (milliseconds) the
    writes' clocks follow: tests set it to run a story under a wrong date.
    """

    def __init__(self, path: Path, *, backup_dir: Path | None = None) -> None:
        self.path = Path(path)
        self.backup_dir = backup_dir
        self.wall: Wall = wall_clock_ms
        self.settings = settings.Settings(self)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 0
        if existed:
            check_integrity(self.path)
        url = f"sqlite:///{self.path}"
        self.engine = create_engine(url, hide_parameters=True)
        _configure_engine(self.engine, "BEGIN")
        self._write_engine = create_engine(url, hide_parameters=True)
        _configure_engine(self._write_engine, "BEGIN IMMEDIATE")
        try:
            self._migrate()
        except Exception as exc:
            self.close()
            raise StoreError(
                _("Could not prepare the database {path}: {error}").format(
                    path=self.path, error=exc
                )
            ) from exc
        self.device_id = self._ensure_device_id()
        if backup_dir is not None and existed:
            self.backup_if_due()

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
        self._write_engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        with self._write_engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current != head_revision():
                log.info("migrating local store from %s to %s", current, head_revision())
                command.upgrade(_alembic_config(conn), "head")
            conn.commit()

    def schema_revision(self) -> str | None:
        """The Alembic revision the file is at."""
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # -- sessions ------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only ORM session (a consistent snapshot until it ends)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[ChangeWriter]:
        """One write transaction through the change-tracking writer.

        Everything written inside, and its outbox entries, commit together when the block
        ends, or roll back together if it raises.
        """
        with Session(self._write_engine, expire_on_commit=False) as session:
            writer = ChangeWriter(session, self.device_id, wall=self.wall)
            try:
                yield writer
                writer.finish()
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextlib.contextmanager
    def raw_write(self, *, foreign_keys: bool = True) -> Iterator[Session]:
        """A write transaction WITHOUT change tracking.

        Only for local bookkeeping (sync cursor, conflicts) and for applying rows pulled
        from the server, which must not be echoed back into the outbox.

        ``foreign_keys=False`` turns foreign-key enforcement off for this transaction
        only: pulled pages arrive in server order, where a mark may come a page before
        the (since edited) student it refers to.
        """
        if foreign_keys:
            with Session(self._write_engine, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
            return
        with self._write_engine.connect() as conn:
            dbapi = conn.connection.dbapi_connection
            assert dbapi is not None
            # Must run outside a transaction, i.e. before the session begins one.
            dbapi.execute("PRAGMA foreign_keys=OFF")
            try:
                with Session(bind=conn, expire_on_commit=False) as session:
                    try:
                        yield session
                        session.commit()
                    except BaseException:
                        session.rollback()
                        raise
            finally:
                dbapi.execute("PRAGMA foreign_keys=ON")

    # -- local facts ---------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """Read one local setting's stored text by key (prefer :attr:`settings`)."""
        with self.read() as s:
            text = settings.read_text(s, key)
        return default if text is None else text

    def set_meta(self, key: str, value: str) -> None:
        """Write one local setting's text by key (prefer :attr:`settings`)."""
        with self.raw_write() as s:
            settings.write_text(s, key, value)

    def _ensure_device_id(self) -> str:
        existing = self.settings.get(settings.DEVICE_ID)
        if existing:
            return existing
        with self.raw_write() as s:
            device = settings.read(s, settings.DEVICE_ID)
            if not device:  # nobody else made one meanwhile (BEGIN IMMEDIATE)
                device = secrets.token_hex(8)
                settings.write(s, settings.DEVICE_ID, device)
        return device

    def pending_changes(self) -> int:
        """How many local changes wait in the outbox."""
        return Replica(self).pending()

    # -- backups -------------------------------------------------------------------

    def backup_if_due(self, today: dt.date | None = None) -> Path | None:
        """Take today's backup unless there is one; keep the newest ``BACKUPS_KEPT``."""
        if self.backup_dir is None:
            return None
        today = today or dt.date.today()
        target = self.backup_dir / f"harmony-{today.isoformat()}.sqlite3"
        if target.exists():
            return None
        made = self.backup_to(target)
        self.prune_backups()
        return made

    def backup_to(self, target: Path) -> Path:
        """Copy the live database to ``target`` with SQLite's online backup API."""
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_suffix(".partial")
        src = sqlite3.connect(self.path)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        partial.replace(target)
        target.chmod(0o600)
        log.info("backup written: %s", target.name)
        return target

    def prune_backups(self) -> None:
        """Delete all but the newest ``BACKUPS_KEPT`` daily backups."""
        if self.backup_dir is None:
            return
        for old in list_backups(self.backup_dir)[BACKUPS_KEPT:]:
            old.unlink(missing_ok=True)


def list_backups(backup_dir: Path) -> list[Path]:
    """Daily backups, newest first."""
    return sorted(backup_dir.glob("harmony-*.sqlite3"), reverse=True)


def restore_backup(backup: Path, database: Path) -> Path | None:
    """Replace ``database`` with ``backup``; the current file is kept beside it.

    Returns where the replaced file was moved (None if there was none). The backup is
    checked first, so a damaged backup never replaces anything.
    """
    check_integrity(backup)
    moved: Path | None = None
    if database.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        moved = database.with_name(f"{database.name}.before-restore-{stamp}")
        database.replace(moved)
        for suffix in ("-wal", "-shm"):
            side = database.with_name(database.name + suffix)
            if side.exists():
                side.replace(moved.with_name(moved.name + suffix))
    shutil.copy2(backup, database)
    database.chmod(0o600)
    return moved
