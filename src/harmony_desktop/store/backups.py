"""The daily backups in the order of what they hold, not of the laptop's date.

A daily backup is named by the laptop's date (``harmony-YYYY-MM-DD.sqlite3``), and that
date can be wrong: a backup taken one day with the clock a year ahead would sort as the
newest for a year, one taken with the clock years behind as the oldest. So the list, the
newest backup offered, and pruning all go by the newest change each backup records: its
hybrid logical clock (HLC) reading, which never goes back whatever the wall clock does.

The reading is the later of the ``CLOCK`` setting and the newest outbox entry's
``mutation_id`` (which encodes a reading of the clock, ``millis * 100000 + counter``:
see ``store/replica/clock.py``), read in one statement over two indexed look-ups, the
file opened read-only and immutable (nothing written beside it, no lock taken): a few
pages of each file, whatever its size. Every stamped change records its reading in one
of the two, so a backup holding neither holds no change at all.

A file that cannot be read so (not a database, cut short, not the app's) is listed as
damaged, after the readable ones (by the date in its name, else its modification time),
and is never deleted by pruning: the list says so. Nor is a file whose name is not a
daily backup's, nor the backup just written (:func:`prune`). Damage deeper in a file
that reads is found when it is put back (``restore_backup`` checks the whole file first).

No SQLAlchemy here: ``harmony-desktop restore --list`` loads only this.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from harmony_desktop.store import settings

log = logging.getLogger(__name__)

#: The file names of the daily backups.
BACKUP_GLOB = "harmony-*.sqlite3"
_NAMED = re.compile(r"harmony-(\d{4}-\d{2}-\d{2})\.sqlite3")
#: A clock reading: 15 digits of wall milliseconds, "-", 5 digits of counter, "-", node.
_READING = re.compile(r"(\d{15})-(\d{5})-[0-9a-f]{16}")

#: The CLOCK setting and the newest outbox entry, in one statement.
_READING_SQL = (
    "SELECT (SELECT value FROM local_meta WHERE key = ?), (SELECT max(mutation_id) FROM outbox)"
)

#: ``harmony_sync.hlc.MAX_FUTURE_MS`` (a test checks they agree): a reading further ahead
#: is turned back by a sync. Written out, as only the replica may import the clock.
MAX_FUTURE_MS = 400 * 86_400_000

#: The data folder's database, beside its ``backups`` folder (``paths.AppPaths``).
DATABASE_NAME = "harmony.sqlite3"

#: What a backup holding no change at all reads as: older than any change.
NO_CHANGE = (0, 0)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it holds, as far as a cheap read-only look tells."""

    path: Path
    #: the newest change it records, as (wall milliseconds, counter) of its clock:
    #: :data:`NO_CHANGE` when it records none; None when it cannot be read
    reading: tuple[int, int] | None
    #: why it cannot be read (English, technical: "file is not a database"); "" if it can
    problem: str
    #: the date in its file name (None for a name without one)
    named: dt.date | None
    #: its modification time (seconds since the epoch; 0 when it cannot be told)
    mtime: float

    @property
    def damaged(self) -> bool:
        """True when the file cannot be read as a backup of the app."""
        return self.reading is None

    @property
    def changed_at(self) -> dt.datetime | None:
        """When its newest change was made, as the clock that stamped it read, in this
        computer's time zone (None: damaged, or no change recorded)."""
        if self.reading is None or self.reading == NO_CHANGE:
            return None
        utc = dt.datetime.fromtimestamp(self.reading[0] / 1000, tz=dt.UTC)
        return utc.astimezone()

    def ahead_of(self, today: dt.date) -> bool:
        """True when its newest change is dated after ``today``: made, or pulled from a
        computer, while a clock was set ahead."""
        changed = self.changed_at
        return changed is not None and changed.date() > today

    def misnamed(self, today: dt.date) -> bool:
        """True when the date in its name cannot be the day it was taken: a day still to
        come, or a day before the newest change it holds (the laptop's date was wrong)."""
        if self.named is None or self.damaged:
            return False
        if self.named > today:
            return True
        changed = self.changed_at
        return changed is not None and changed.date() > self.named


def named_date(path: Path) -> dt.date | None:
    """The date a daily backup's name carries (None when it carries none)."""
    match = _NAMED.fullmatch(path.name)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def read_backup(path: Path) -> BackupInfo:
    """Look into one backup file without changing it or leaving anything beside it."""
    try:
        stat = path.stat()
    except OSError as err:
        return BackupInfo(path, None, err.strerror or type(err).__name__, named_date(path), 0.0)
    reading, problem = _reading(path, stat.st_size)
    return BackupInfo(path, reading, problem, named_date(path), stat.st_mtime)


def _reading(path: Path, size: int) -> tuple[tuple[int, int] | None, str]:
    """The newest change ``path`` records, or None and why it cannot be read."""
    if size == 0:
        return None, "empty file"
    try:
        # immutable: no lock, no -wal or -shm file made beside the backup (a read-only
        # open of a WAL-mode file leaves both); a backup is never written once made
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            # a file cut short fails here too: SQLite compares the size its header
            # records with the file's ("database disk image is malformed")
            stored, newest = conn.execute(_READING_SQL, (settings.CLOCK.key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as err:
        return None, str(err) or type(err).__name__
    if isinstance(stored, str) and _READING.fullmatch(stored) is None:
        return None, "malformed clock"
    reading = _later_of(stored, newest)
    if reading is None:
        return None, "malformed outbox"
    return reading, ""


def _later_of(stored: object, newest: object) -> tuple[int, int] | None:
    """The later of the CLOCK setting's reading and the newest outbox entry's, as
    (wall milliseconds, counter); :data:`NO_CHANGE` for neither; None if malformed."""
    candidates = [NO_CHANGE]
    if isinstance(stored, str):
        match = _READING.fullmatch(stored)
        if match is None:
            return None
        candidates.append((int(match.group(1)), int(match.group(2))))
    if newest is not None:
        try:
            candidates.append(divmod(int(str(newest)), 100_000))
        except ValueError:
            return None
    return max(candidates)


def _readable_order(info: BackupInfo) -> tuple[tuple[int, int], dt.date, float, str]:
    """Newest data last (sorted in reverse); the same data: by name date, then time."""
    assert info.reading is not None
    return (info.reading, info.named or dt.date.min, info.mtime, info.path.name)


def _damaged_order(info: BackupInfo) -> tuple[dt.date, float, str]:
    """What a damaged file still tells: its name's date, else the day it was written."""
    day = info.named or dt.date.fromtimestamp(info.mtime)
    return (day, info.mtime, info.path.name)


def backups_by_content(backup_dir: Path, *, now_ms: int | None = None) -> list[BackupInfo]:
    """The daily backups in ``backup_dir``: the readable ones newest data first, then
    the damaged ones (newest first by name, else modification time).

    One exception to the order of readings: a clock set more than ``MAX_FUTURE_MS``
    ahead (a mistyped year) is turned back by the first sync that confirms the wall
    clock (``store/replica/clock_reset.py``), so backups taken before that reset read
    further ahead than every later one. When the data folder's database (beside
    ``backup_dir``) reads within that limit of ``now_ms`` (this computer's clock) and a
    backup beyond it, the backup predates a reset (or a restore of an older backup):
    it is listed, and pruned, after the backups within the limit."""
    if not backup_dir.is_dir():
        return []
    found = [read_backup(path) for path in backup_dir.glob(BACKUP_GLOB) if path.is_file()]
    readable = sorted((i for i in found if not i.damaged), key=_readable_order, reverse=True)
    damaged = sorted((i for i in found if i.damaged), key=_damaged_order, reverse=True)
    limit = (time.time_ns() // 1_000_000 if now_ms is None else now_ms) + MAX_FUTURE_MS
    beyond = [i for i in readable if i.reading is not None and i.reading[0] > limit]
    if beyond:
        live = _live_reading(backup_dir.parent / DATABASE_NAME)
        if live is not None and live[0] <= limit:
            readable = [i for i in readable if i not in beyond] + beyond
    return readable + damaged


def _live_reading(database: Path) -> tuple[int, int] | None:
    """The newest change the data folder's own database records (None when it cannot
    be read). Opened read-only but not immutable: the window may be writing it."""
    if not database.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            stored, newest = conn.execute(_READING_SQL, (settings.CLOCK.key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return _later_of(stored, newest)


def newest_backup(backup_dir: Path) -> BackupInfo | None:
    """The backup holding the newest data (None when no backup can be read)."""
    listed = backups_by_content(backup_dir)
    return listed[0] if listed and not listed[0].damaged else None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


@dataclass(frozen=True)
class Pruned:
    """What pruning did: the backups deleted, and the damaged ones it kept."""

    deleted: tuple[Path, ...]
    kept_damaged: tuple[Path, ...]


def prune(backup_dir: Path, keep: int, *, written: Path | None = None) -> Pruned:
    """Delete all but the ``keep`` daily backups holding the newest data (never fewer than
    one: the newest is never deleted), and never ``written``, the backup just taken: it
    holds what the laptop holds now, even when others read newer (a laptop put back to
    an older backup, or whose date fell back, with nothing changed since), so it counts
    among the ``keep`` and the oldest other goes instead.

    Only files named as the app names a daily backup (``harmony-YYYY-MM-DD.sqlite3``)
    are deleted: a copy named by a person ("harmony-before-the-concert.sqlite3") is
    listed, and kept. A damaged backup is kept and logged, never deleted: what is in it
    cannot be told, so whether it is old cannot either."""
    listed = backups_by_content(backup_dir)
    daily = [i for i in listed if not i.damaged and i.named is not None]
    just = [i for i in daily if written is not None and _same_file(i.path, written)]
    others = [i for i in daily if i not in just]
    deleted: list[Path] = []
    for old in others[max(keep, 1) - len(just) :]:
        try:
            old.path.unlink(missing_ok=True)
        except OSError as err:
            log.warning("could not delete the old backup %s: %s", old.path.name, err.strerror)
            continue
        deleted.append(old.path)
    damaged = tuple(i.path for i in listed if i.damaged)
    for path in damaged:  # (info: the command line and the list say it in words)
        log.info("kept the damaged backup %s (it cannot be read; never deleted)", path.name)
    return Pruned(tuple(deleted), damaged)
