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
import os
import secrets
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from harmony_desktop.domain.errors import (
    StoreCorruptError,
    StoreError,
    StoreUnavailableError,
    StoreWriteError,
    Trouble,
)
from harmony_desktop.domain.i18n import _
from harmony_desktop.paths import migrations_dir
from harmony_desktop.store import settings
from harmony_desktop.store.backups import BACKUP_GLOB, backups_by_content, prune
from harmony_desktop.store.replica import ChangeWriter, KeptClock, Replica, Wall, wall_clock_ms
from harmony_desktop.store.revision import HEAD_REVISION, MIGRATION_FILES, migration_files
from harmony_desktop.store.today import nothing_to_write_back

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

BACKUPS_KEPT = 14
BUSY_TIMEOUT_MS = 10_000
#: Free space a backup must leave on the disk: the day's marks must still fit.
BACKUP_SPARE_BYTES = 16 * 1_000_000
#: Pages copied per backup step (4 MiB of 4 KiB pages): progress and cancellation.
BACKUP_STEP_PAGES = 1024
#: A partial backup left unwritten this long was cut short (a backup under way writes
#: every few hundredths of a second): the next backup removes it.
STALE_PARTIAL_S = 60 * 60
#: Free space under which a disk error opening the database is a full disk: SQLite
#: reports the shared-memory file it could not make beside the database (32 KiB) as a
#: disk I/O error (SQLITE_IOERR_SHMSIZE), not as a full disk.
NEARLY_FULL_BYTES = 1_000_000


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
        # Straight to the driver: this runs for every transaction, reads included. The
        # change writer begins its transaction on the driver itself (Store.write); an
        # ORM session joined to it later must not begin another.
        dbapi = conn.connection.dbapi_connection
        if not dbapi.in_transaction:
            dbapi.execute(begin_sql)


def _alembic_config(connection: Any = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest schema revision this build of the app knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _up_to_date(revision: str | None) -> bool:
    """True when a database at ``revision`` needs no migration."""
    if revision == HEAD_REVISION and migration_files() == MIGRATION_FILES:
        return True
    return revision == head_revision()


def _current_revision(conn: Connection) -> str | None:
    """The revision Alembic recorded in the file (its ``alembic_version`` table), None
    for a file never migrated. The app's migrations form one line, so there is at most
    one; several (branches) are left to Alembic to report."""
    known = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if known is None:
        return None
    rows = [
        str(r) for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
    ]
    if len(rows) > 1:
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()  # raises: several heads
    return rows[0] if rows else None


def check_integrity(path: Path) -> None:
    """Raise :class:`StoreCorruptError` unless ``path`` is a healthy SQLite database.

    Opens the file read-only so a damaged file is never modified. A file that cannot be
    read because of its disk (full, failing, read-only: :func:`unavailable`) is not
    called damaged: :class:`StoreUnavailableError` says what to do instead. Nor is a
    file another program keeps locked (a file not in WAL mode being written, a program
    holding it exclusively): the check waits for it as long as every connection of the
    app waits (:data:`BUSY_TIMEOUT_MS`), then says it is in use (:attr:`Trouble.BUSY`).
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        trouble = unavailable(path, exc)
        if trouble is not None:
            raise trouble from exc
        raise corrupt_error(path, str(exc)) from exc
    if rows != [("ok",)]:
        raise corrupt_error(path, "; ".join(str(r[0]) for r in rows[:3]))


def corrupt_error(path: Path, detail: str) -> StoreCorruptError:
    """The error of a damaged database ``path``; ``detail`` is what SQLite found."""
    return StoreCorruptError(_corrupt_message(path, detail), path=path, detail=detail)


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

    def __init__(
        self, path: Path, *, backup_dir: Path | None = None, check_later: bool = False
    ) -> None:
        self.path = Path(path)
        self.backup_dir = backup_dir
        self.wall: Wall = wall_clock_ms
        self.settings = settings.Settings(self)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        #: True when this open created the file: only then is the database new.
        try:
            self.created = _create_private(self.path)
        except sqlite3.Error as exc:  # nothing is left behind: see _create_private
            if not _disk_trouble(exc):
                raise
            raise StoreWriteError(_not_created_message(self.path.parent, exc)) from exc
        self._check: threading.Thread | None = None
        self._damage: Exception | None = None
        if not self.created:
            if self.path.stat().st_size == 0:
                raise StoreCorruptError(_empty_message(self.path), path=self.path, empty=True)
            if not _writable(self.path):
                raise unavailable_error(Trouble.READ_ONLY, self.path)
            make_private(self.path)
            if check_later and nothing_to_write_back(self.path):
                self._start_check()
            else:
                check_integrity(self.path)
        #: each thread's connection for :meth:`write`, kept between writes (a pool
        #: checkout and SQLAlchemy's transaction events cost more than the write's SQL)
        self._writers = threading.local()
        self._writer_connections: list[_Kept] = []
        self._writers_lock = threading.Lock()
        self._closed = False
        url = f"sqlite:///{self.path}"
        self.engine = create_engine(url, hide_parameters=True)
        _configure_engine(self.engine, "BEGIN")
        self._write_engine = create_engine(url, hide_parameters=True)
        _configure_engine(self._write_engine, "BEGIN IMMEDIATE")
        try:
            self._migrate()
        except Exception as exc:
            self.close()
            self.opening_failed(exc)
            raise StoreError(
                _("Could not prepare the database {path}: {error}").format(
                    path=self.path, error=exc
                )
            ) from exc
        try:
            self.device_id = self._ensure_device_id()
        except BaseException as exc:
            self.close()
            self.opening_failed(exc)
            raise

    def _start_check(self) -> None:
        """Run the integrity check on a thread of its own (see :meth:`checked`)."""

        def check() -> None:
            try:
                check_integrity(self.path)
            except Exception as exc:  # raised again by every checked()
                self._damage = exc

        self._check = threading.Thread(target=check, name="harmony-integrity", daemon=True)
        self._check.start()

    def opening_failed(self, error: BaseException) -> None:
        """Opening the store (or what start-up does first with it) failed with
        ``error``: raise what a person must be told instead, if there is such a thing:
        the damage the integrity check found (not what it broke), or the disk's trouble
        (:func:`unavailable`: a full disk is not damage). Returns otherwise, for the
        caller to raise ``error``."""
        self.checked()
        trouble = unavailable(self.path, error)
        if trouble is not None:
            raise trouble from error

    def checked(self) -> None:
        """Return once the file's integrity check has passed; raise what it found
        (:class:`StoreCorruptError` for a damaged file, :class:`StoreUnavailableError`
        for a disk it could not be read on) otherwise, every time.

        A store opened with ``check_later`` (the window's: it shows today's view while
        SQLite reads the whole file) runs the check on a thread; every write, migration
        and backup waits here first, so a damaged file is never written to.
        """
        check = self._check
        if check is not None:
            check.join()
            if self._damage is None:
                self._check = None  # passed: later writes need not wait on the thread
        if self._damage is not None:
            raise self._damage

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        """Release every connection (once a check under way has finished)."""
        check = self._check
        if check is not None:
            check.join()
        with self._writers_lock:
            # a connection in the middle of a write is closed when that write ends
            self._closed = True
            idle = [k for k in self._writer_connections if not k.busy]
            self._writer_connections = [k for k in self._writer_connections if k.busy]
            for kept in idle:
                kept.closed = True
        for kept in idle:
            kept.conn.close()
        self.engine.dispose()
        self._write_engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        with self._write_engine.connect() as conn:
            current = _current_revision(conn)
            if not _up_to_date(current):
                self.checked()
                # Alembic's migration machinery loads only when a migration is due: a
                # quarter of a second of every start-up otherwise.
                from alembic import command

                log.info("migrating local store from %s to %s", current, head_revision())
                command.upgrade(_alembic_config(conn), "head")
            conn.commit()

    def schema_revision(self) -> str | None:
        """The Alembic revision the file is at."""
        with self.engine.connect() as conn:
            return _current_revision(conn)

    # -- sessions ------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only ORM session (a consistent snapshot until it ends)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def write(self) -> _WriteBlock:
        """One write transaction through the change-tracking writer.

        Everything written inside, and its outbox entries, commit together when the block
        ends, or roll back together if it raises. The transaction is a connection's
        (``BEGIN IMMEDIATE``); the writer opens an ORM session on it only when the block
        reads through ``writer.session``.

        Each thread keeps its connection for the next write: ``BEGIN IMMEDIATE`` and
        ``COMMIT`` go straight to the driver, and SQLAlchemy's transaction is begun only
        if the block uses ``writer.session`` or ``writer.connection``.
        """
        return _WriteBlock(self)

    def _writer_checkout(self) -> _Kept:
        """This thread's write connection, kept for its next write with its clock; a
        connection of its own for a write begun inside another on the same thread (it
        waits for the lock as any other writer would, and never touches the outer
        transaction), kept for nothing."""
        kept: _Kept | None = getattr(self._writers, "kept", None)
        if kept is not None and kept.busy:
            return _Kept(self._write_engine.connect(), kept=False)  # nested
        with self._writers_lock:
            if kept is None or kept.closed:
                kept = _Kept(self._write_engine.connect(), kept=True)
                self._writer_connections.append(kept)
                self._writers.kept = kept
            kept.busy = True
        return kept

    def _writer_checkin(self, kept: _Kept, failed: bool) -> None:
        """End a write's use of its connection: a nested write's is closed; a kept one is
        kept for the next write, unless the write failed.

        A failed write (a full disk, say, failing the commit) can leave SQLAlchemy's
        side of the connection in a state a later write cannot begin from: the next
        write gets a fresh connection."""
        if kept.clock is None:
            kept.conn.close()
            return
        with self._writers_lock:
            kept.busy = False
            unended = failed or kept.dbapi.in_transaction
            if unended or self._closed:  # never reused; closed with the store
                kept.closed = True
                self._writers.kept = None
                if kept in self._writer_connections:
                    self._writer_connections.remove(kept)
                if unended:
                    kept.conn.invalidate()
                kept.conn.close()

    @contextlib.contextmanager
    def raw_write(self, *, foreign_keys: bool = True) -> Iterator[Session]:
        """A write transaction WITHOUT change tracking.

        Only for local bookkeeping (sync cursor, conflicts) and for applying rows pulled
        from the server, which must not be echoed back into the outbox.

        ``foreign_keys=False`` turns foreign-key enforcement off for this transaction
        only: pulled pages arrive in server order, where a mark may come a page before
        the (since edited) student it refers to.
        """
        self.checked()
        if foreign_keys:
            with (
                _unwritten(self.path),
                Session(self._write_engine, expire_on_commit=False) as session,
            ):
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
            return
        with _unwritten(self.path), self._write_engine.connect() as conn:
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

    def backup_if_due(
        self, today: dt.date | None = None, *, progress: BackupProgress | None = None
    ) -> BackupResult | None:
        """Take today's backup unless there is one; keep the newest ``BACKUPS_KEPT``.

        Returns None when no backup was due. A backup that cannot be made (too little
        free space, a full disk, a disk error) never fails the caller: the partial file
        is removed, and the result says why and how much space it needs.
        """
        if self.backup_dir is None:
            return None
        target = self.backup_dir / f"harmony-{(today or dt.date.today()).isoformat()}.sqlite3"
        if target.exists():
            return None
        return self.backup_now(target, progress=progress, daily=True)

    def backup_now(
        self, target: Path, *, progress: BackupProgress | None = None, daily: bool = False
    ) -> BackupResult:
        """Back up to ``target`` now (replacing it), unless the disk is too full.

        Like :meth:`backup_if_due`, a full disk or a disk error is reported in the result,
        never raised; the daily backups are pruned after a new one. A damaged file
        is never backed up (it would push a good backup out).
        """
        self.checked()
        needed = self.backup_size()
        folder = target.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _keep_private(folder)
        _remove_stale_partials(folder)
        free = free_space(folder)
        if free < needed + BACKUP_SPARE_BYTES:
            log.warning("backup skipped: %d bytes free, about %d needed", free, needed)
            return BackupResult(None, needed, free, _too_little_space(folder, needed, free, daily))
        try:
            made = self.backup_to(target, progress=progress)
        except (OSError, sqlite3.Error) as err:
            if not _disk_trouble(err):
                raise
            free = free_space(folder)
            log.warning("backup failed (%s); skipped", type(err).__name__)
            return BackupResult(None, needed, free, _too_little_space(folder, needed, free, daily))
        damaged = self.prune_backups(written=made)
        return BackupResult(made, needed, free_space(folder), kept_damaged=damaged)

    def backup_size(self) -> int:
        """How many bytes a backup of the database takes (its pages, WAL included)."""
        with self.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            size = conn.exec_driver_sql("PRAGMA page_size").scalar_one()
        return int(pages) * int(size)

    def backup_to(self, target: Path, *, progress: BackupProgress | None = None) -> Path:
        """Copy the live database to ``target`` with SQLite's online backup API.

        The copy is written to ``target.partial`` (created readable only by its owner)
        and renamed when complete; if anything fails, or ``progress`` raises (to cancel),
        the partial file is removed and the error raised. Marks written meanwhile are not
        held up: the copy reads one snapshot (WAL), a few megabytes at a time.
        """
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(target.name + ".partial")
        _remove_with_journal(partial)
        try:
            _create_private(partial, database=False)
            src = sqlite3.connect(self.path, isolation_level=None)
            dst = sqlite3.connect(partial)
            try:
                # One read snapshot for the whole copy: writes by others never restart it.
                src.execute("BEGIN")
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()

                def step(_status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total)

                src.backup(dst, pages=BACKUP_STEP_PAGES, progress=step)
                src.execute("COMMIT")
                # A copy in rollback-journal mode: a WAL file opened to be listed,
                # checked or put back (read-only) leaves -wal and -shm files beside it.
                # A database put back is opened in WAL mode again like any other.
                dst.execute("PRAGMA journal_mode=DELETE").fetchone()
            finally:
                dst.close()
                src.close()
            partial.replace(target)
        except BaseException:
            _remove_with_journal(partial)
            raise
        log.info("backup written: %s", target.name)
        return target

    def prune_backups(
        self, keep: int = BACKUPS_KEPT, *, written: Path | None = None
    ) -> tuple[Path, ...]:
        """Delete all but the ``keep`` daily backups holding the newest data (by what
        they hold, not their names: ``store/backups.py``), never ``written`` (the backup
        just taken). A damaged backup is never deleted; returns those kept so."""
        if self.backup_dir is None:
            return ()
        return prune(self.backup_dir, keep, written=written).kept_damaged


#: Called during a backup with (pages copied, pages in all); raising cancels the backup.
BackupProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    """What a backup did: the file written, or why it was not made."""

    path: Path | None
    #: about how many bytes the backup takes, and how many were free
    needed_bytes: int
    free_bytes: int
    #: why it was skipped, what to do (empty when it was written)
    problem: str = ""
    #: damaged daily backups pruning kept (it never deletes one it cannot read)
    kept_damaged: tuple[Path, ...] = ()

    @property
    def made(self) -> bool:
        """True when the backup was written."""
        return self.path is not None


def free_space(folder: Path) -> int:
    """Bytes free for this user on the disk holding ``folder``."""
    return shutil.disk_usage(folder).free


def _too_little_space(folder: Path, needed: int, free: int, daily: bool) -> str:
    text = _(
        "The backup was not made: it needs about {needed} of free space on the disk "
        "holding {folder}, and {free} is free. Free some space (empty the wastebasket, "
        "move videos or old files elsewhere); the app works normally meanwhile."
    ).format(needed=_size(needed + BACKUP_SPARE_BYTES), folder=folder, free=_size(free))
    if daily:
        text += " " + _(
            "The daily backup is tried again a few minutes later while the window is "
            "open, and at the next start."
        )
    return text


def _size(count: int) -> str:
    """A size in bytes as people read it (megabytes, one decimal)."""
    return _("{megabytes:,.1f} MB").format(megabytes=count / 1_000_000)


def _disk_trouble(err: BaseException) -> bool:
    """True for a full disk or a disk error (not a bug): the backup is skipped."""
    if isinstance(err, sqlite3.Error):
        code = getattr(err, "sqlite_errorcode", 0) & 0xFF
        return code in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
    return isinstance(err, OSError)


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _create_private(path: Path, *, database: bool = True) -> bool:
    """Create ``path`` readable and writable by its owner only (0600); False when it
    already exists. SQLite gives the WAL and shared-memory files the database's mode.

    A new ``database`` is first made whole under a temporary name (a valid empty
    SQLite file in WAL mode) and then linked into place, so a crash never leaves an
    empty file where the database should be: an empty file there is always damage.
    """
    if path.exists():
        return False
    if not database:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return True
    fresh = path.with_name(f"{path.name}.new-{secrets.token_hex(4)}")
    os.close(os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        conn = sqlite3.connect(fresh)
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # writes the header page
        finally:
            conn.close()
        try:
            os.link(fresh, path)  # never replaces a file another process just made
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links (FAT): rename, after a last look
            if path.exists():
                return False
            os.replace(fresh, path)
        return True
    finally:
        for leftover in (fresh, *(fresh.with_name(fresh.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _keep_private(folder: Path) -> None:
    """Make the backups folder (0700) and the backups in it (0600) readable by their
    owner only: a folder made by an older version, or backups copied in from a USB
    stick, may be readable by anyone using the computer."""
    with contextlib.suppress(OSError):
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
        for backup in folder.glob(BACKUP_GLOB):
            with contextlib.suppress(OSError):
                if backup.is_file() and backup.stat().st_mode & 0o077:
                    backup.chmod(0o600)


def _remove_stale_partials(folder: Path) -> None:
    """Remove the partial copies a backup cut short by a crash or a power cut left (each
    the size of the database, never finished nor listed). One written to in the last
    :data:`STALE_PARTIAL_S` seconds may be another process's backup under way: kept."""
    before = time.time() - STALE_PARTIAL_S
    for partial in folder.glob(BACKUP_GLOB + ".partial"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < before:
                _remove_with_journal(partial)
                log.info("removed %s, left by a backup that was cut short", partial.name)


def make_private(database: Path) -> None:
    """Make a database and its WAL and shared-memory files readable by their owner only
    (files made by older versions, or copied in, may be readable by others)."""
    for suffix in ("", "-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if side.stat().st_mode & 0o077:
                side.chmod(0o600)


def _writable(database: Path) -> bool:
    """False when SQLite could not write ``database`` or make its WAL and shared-memory
    files beside it: a disk mounted read-only, or a file or folder the user may not
    write (its WAL or shared memory too: left by the app run once as another user).
    Opened so, a healthy database fails as if it were damaged."""
    if not os.access(database.parent, os.W_OK | os.X_OK):
        return False
    sides = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
    return all(os.access(file, os.R_OK | os.W_OK) for file in (database, *sides) if file.exists())


def _sqlite_cause(error: BaseException) -> sqlite3.Error | None:
    """The SQLite error behind ``error`` (itself, SQLAlchemy's wrapped one, or one it
    was raised from: a :class:`StoreWriteError`'s full disk), if any."""
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if isinstance(found, sqlite3.Error):
            return found
        orig = getattr(found, "orig", None)  # SQLAlchemy's DBAPIError
        if isinstance(orig, sqlite3.Error):
            return orig
        found = found.__cause__
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        return free_space(folder) < NEARLY_FULL_BYTES
    except OSError:  # the disk is gone: a disk error
        return False


def unavailable(database: Path, error: BaseException) -> StoreUnavailableError | None:
    """What keeps ``database`` from being opened or checked, when it is its disk and
    not damage in the file: a full disk (SQLITE_FULL; a disk I/O error with the disk
    all but full, as SQLite reports the shared memory it could not make), a disk
    error (SQLITE_IOERR: disconnected, failing), a disk, file or folder that may not be
    written (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN), a file another program
    kept locked for longer than the app waits (SQLITE_BUSY: a command line's import, a
    backup or a sync in another process). None for anything else: damage
    (SQLITE_CORRUPT, SQLITE_NOTADB) and bugs."""
    cause = _sqlite_cause(error)
    trouble: Trouble | None = None
    detail: str | None = None
    if cause is not None:
        code = getattr(cause, "sqlite_errorcode", 0) & 0xFF
        name = getattr(cause, "sqlite_errorname", "")
        detail = f"{name}: {cause}" if name else str(cause)
        if code == sqlite3.SQLITE_FULL:
            trouble = Trouble.FULL
        elif code == sqlite3.SQLITE_IOERR:
            trouble = Trouble.FULL if _nearly_full(database.parent) else Trouble.DISK
        elif code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
            trouble = Trouble.READ_ONLY
        elif code == sqlite3.SQLITE_BUSY:
            trouble = Trouble.BUSY
        elif code == sqlite3.SQLITE_CANTOPEN:
            # a file or folder it may not use; else the disk did not let it open the file
            trouble = Trouble.DISK if _writable(database) else Trouble.READ_ONLY
    if trouble is None:
        return None
    return unavailable_error(trouble, database, detail)


def unavailable_error(
    trouble: Trouble, database: Path, detail: str | None = None
) -> StoreUnavailableError:
    """The error of ``database`` kept from opening by ``trouble`` (its disk's), with
    the command line's message: what is wrong and what to do, no backup to restore."""
    folder = database.parent
    not_damage = _(
        "This is not damage to the database: nothing in it has been changed, and "
        "restoring a backup would not help (it would lose the changes made since it was "
        "taken)."
    )
    if trouble is Trouble.FULL:
        what = _("The disk holding {folder} is full, so the database {path} cannot be opened.")
        todo = _(
            "Free some space on that disk (empty the wastebasket, move videos or old "
            "files elsewhere), then start again."
        )
    elif trouble is Trouble.BUSY:
        what = _(
            "The database {path} is in use by another program, so it cannot be opened "
            "now (another harmony-desktop command, such as an import, a backup or a "
            "sync, may be writing to it)."
        )
        todo = _(
            "Wait for that program to finish, or close it, then start again. Nothing "
            "needs to be repaired."
        )
    elif trouble is Trouble.DISK:
        what = _(
            "The database {path} could not be read from its disk ({detail}): the disk "
            "may have been disconnected, or be failing."
        )
        todo = _(
            "Check that the disk holding {folder} is connected, then start again. If "
            "this keeps happening, ask your administrator for help: the disk may be "
            "failing."
        )
    else:
        what = _(
            "The data folder {folder} is on a read-only disk, or you may not write to it "
            "or to the database's files in it, so the database cannot be opened."
        )
        todo = _(
            "Make the disk writable again, or ask your administrator to let you write to "
            "that folder and the files in it, then start again; or copy the folder to a "
            "disk you can write to and start with --data-dir FOLDER."
        )
    message = " ".join(
        (
            what.format(folder=folder, path=database, detail=detail),
            not_damage,
            todo.format(folder=folder),
        )
    )
    return StoreUnavailableError(
        message, trouble=trouble, path=database, folder=folder, detail=detail
    )


def _not_created_message(folder: Path, err: sqlite3.Error) -> str:
    if getattr(err, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_FULL:
        message = _(
            "The database could not be created in {folder}: the disk is full. Nothing "
            "was written. Free some space on that disk, then start again."
        )
    else:
        message = _(
            "The database could not be created in {folder}: the disk could not be "
            "written ({error}). Nothing was written. Check that the disk is connected "
            "and can be written to, then start again."
        )
    return message.format(folder=folder, error=getattr(err, "sqlite_errorname", "disk error"))


def _empty_message(path: Path) -> str:
    return _(
        "The database {path} is empty (0 bytes): it is damaged, not new, and it has not "
        "been changed. Restore the newest backup with: harmony-desktop restore --list, "
        "then harmony-desktop restore BACKUP-FILE."
    ).format(path=path)


class _Kept:
    """A write connection, its driver connection and, if it is kept between writes,
    the clock kept with it."""

    __slots__ = ("busy", "clock", "closed", "conn", "dbapi")

    def __init__(self, conn: Connection, *, kept: bool) -> None:
        self.conn = conn
        dbapi = conn.connection.dbapi_connection
        assert isinstance(dbapi, sqlite3.Connection)
        self.dbapi: sqlite3.Connection = dbapi
        self.clock: KeptClock | None = KeptClock() if kept else None
        self.busy: bool = False  # in a write now
        self.closed: bool = False


class _WriteBlock:
    """The ``with`` block of :meth:`Store.write` (a class, not a generator: it is on
    the path of every mark)."""

    __slots__ = ("_kept", "_store", "_writer")

    def __init__(self, store: Store) -> None:
        self._store = store

    def __enter__(self) -> ChangeWriter:
        store = self._store
        if store._check is not None or store._damage is not None:
            store.checked()  # waits for the integrity check, or raises what it found
        kept = store._writer_checkout()
        try:
            writer = ChangeWriter(
                kept.conn, store.device_id, wall=store.wall, kept=kept.clock, dbapi=kept.dbapi
            )
            writer.begin()
        except OperationalError as err:
            store._writer_checkin(kept, failed=True)
            translated = _write_error(store.path, err)
            if translated is None:
                raise
            raise translated from err
        except BaseException:
            store._writer_checkin(kept, failed=True)
            raise
        self._kept, self._writer = kept, writer
        return writer

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _tb: object
    ) -> None:
        store, writer = self._store, self._writer
        failed = True
        try:
            try:
                if kind is None:
                    try:
                        writer.finish()
                        writer.commit()
                    except BaseException:
                        writer.rollback()
                        raise
                    failed = False
                else:
                    writer.rollback()
            finally:
                writer.close()
        except OperationalError as err:
            translated = _write_error(store.path, err)
            if translated is None:
                raise
            raise translated from err
        finally:
            store._writer_checkin(self._kept, failed)
        if isinstance(error, OperationalError):
            translated = _write_error(store.path, error)
            if translated is not None:
                raise translated from error


@contextlib.contextmanager
def _unwritten(database: Path) -> Iterator[None]:
    """Turn a full disk or a disk error during a write into a :class:`StoreWriteError`
    that says what happened (the transaction has rolled back: nothing of it is saved)."""
    try:
        yield
    except OperationalError as err:
        translated = _write_error(database, err)
        if translated is None:
            raise
        raise translated from err


def _write_error(database: Path, err: OperationalError) -> StoreWriteError | None:
    """What to tell the user of a full disk, a disk error or a database another
    program kept locked during a write of ``database`` (None for any other error)."""
    code = getattr(err.orig, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return StoreWriteError(
            _(
                "The disk is full: this change was NOT saved. Free some space on the "
                "disk holding {folder}, then do it again. Everything saved before is safe."
            ).format(folder=database.parent)
        )
    if code == sqlite3.SQLITE_BUSY:
        # another program (a command line's import, a backup, a sync in another
        # process) kept the write lock for longer than the app waits
        return StoreWriteError(
            _(
                "This change was NOT saved: another program is writing to the database "
                "(another harmony-desktop command, such as an import, a backup or a sync). "
                "Everything saved before is safe. Wait a minute for it to finish, then do "
                "it again."
            )
        )
    if code == sqlite3.SQLITE_IOERR:
        return StoreWriteError(
            _(
                "This change could NOT be written to the disk ({error}) and was not "
                "saved. Everything saved before is safe. Check that the disk has "
                "space and is connected, then do it again."
            ).format(error=getattr(err.orig, "sqlite_errorname", "disk error"))
        )
    return None


def list_backups(backup_dir: Path) -> list[Path]:
    """Daily backups, the newest data first (by what they hold, whatever their names
    say), the damaged ones last: see ``store/backups.py``."""
    return [info.path for info in backups_by_content(backup_dir)]


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_backup` did."""

    #: where the replaced database was kept (None when there was none)
    moved: Path | None
    #: the backup is not this laptop's own (another computer's, or this one's database
    #: was missing or unreadable), so it was given a device id of its own
    new_device: bool


def _read_only(database: Path, sql: str, *params: str) -> object:
    """The first value ``sql`` reads from ``database``, opened read-only (None when the
    file is missing or unreadable, or the query finds nothing)."""
    if not database.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            row = conn.execute(sql, params).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def device_id_of(database: Path) -> str | None:
    """The device id a database file holds, read without changing it (None when the
    file is missing, unreadable or has none)."""
    found = _read_only(
        database, "SELECT value FROM local_meta WHERE key = ?", settings.DEVICE_ID.key
    )
    return str(found) if found else None


def _in_own_backups(backup: Path, database: Path) -> bool:
    """Whether ``backup`` is one of the daily backups this data folder keeps."""
    try:
        return backup.resolve().parent == (database.parent / "backups").resolve()
    except OSError:
        return False


def holds_a_hub(database: Path) -> bool:
    """Whether a database file holds any hub (a new computer's first start made an
    empty one), read without changing it."""
    return _read_only(database, "SELECT 1 FROM hub LIMIT 1") is not None


def restore_backup(backup: Path, database: Path) -> Restored:
    """Replace ``database`` with ``backup``; the current file is kept beside it.

    The backup is checked first, so a damaged backup never replaces anything. Every file
    involved stays readable by its owner only. The restored database pulls this device's
    own changes back at its next sync: the server has the changes made after the backup,
    and would otherwise not echo them to the device that made them.

    A backup put back over its own laptop's database (the same device id) goes on as
    that laptop. Any other (a new computer, after the old one's disk died) becomes a
    laptop of its own, with a new device id: the old laptop may turn up again and sync,
    and two laptops stamping changes with one device id would not be told apart. It must
    then be enrolled (the caller forgets the token of the laptop it replaced).

    A database too damaged to say its device id, put back from this data folder's own
    daily backups (``backups/`` beside it), is this laptop's: the laptop goes on as
    itself, still enrolled. From anywhere else, a laptop of its own, as above.
    """
    try:
        check_integrity(backup)
    except StoreUnavailableError as exc:  # not damaged: unreadable where it is
        raise StoreError(
            _(
                "The backup {path} could not be read where it is ({detail}). Nothing has "
                "been changed. Copy it to a folder on this computer, then put it back "
                "from there."
            ).format(path=backup, detail=exc.detail or exc.trouble.value)
        ) from exc
    own = device_id_of(database)
    if own is None and database.exists() and _in_own_backups(backup, database):
        own = device_id_of(backup)  # this laptop's own daily backup
    moved: Path | None = None
    if database.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        moved = database.with_name(f"{database.name}.before-restore-{stamp}")
        database.replace(moved)
        for suffix in ("-wal", "-shm"):
            side = database.with_name(database.name + suffix)
            if side.exists():
                side.replace(moved.with_name(moved.name + suffix))
        make_private(moved)
    partial = database.with_name(database.name + ".restoring")
    _remove_with_journal(partial)
    try:
        _create_private(partial, database=False)
        with backup.open("rb") as source, partial.open("r+b") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        partial.replace(database)
    except BaseException:
        _remove_with_journal(partial)
        raise
    with Store(database) as restored:
        new_device = restored.device_id != own
        with restored.raw_write() as s:
            settings.write(s, settings.SYNC_PULL_OWN, True)
            if new_device:
                # What the old laptop wrote keeps its stamps (its device id); this one
                # stamps from now on with its own. The old laptop's last error is not
                # this one's.
                settings.write(s, settings.DEVICE_ID, secrets.token_hex(8))
                settings.write(s, settings.SYNC_LAST_ERROR, "")
    if new_device:
        log.info("restored a backup of another device: this database has a new device id")
    return Restored(moved, new_device)
