"""This device's hybrid logical clock (HLC), kept in the database it stamps.

The clock is read in the transaction of the first change of a write, unless the write
connection made the last committed write and nothing else has written since (then it
reuses the clock it kept, see ``writer.KeptClock``), so two processes writing the same
file (the window and a scheduled ``harmony-desktop sync``) never issue the same or a
smaller reading, and a restore from an older backup does not turn the clock back (the
wall clock has moved on).

Its last reading is the later of two records, both in the database: the ``CLOCK``
setting, and the newest outbox entry, whose ``mutation_id`` *is* a reading of this
device's clock (``millis * 100000 + counter``). A change that queues its outbox entry
therefore records the clock with it and writes nothing more; the setting is written only
for readings no outbox entry holds: a pulled stamp folded in, stamps of rows not queued
(the generated demo), and before pushed entries leave the outbox (:func:`keep_reading`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from harmony_desktop.store import settings
from harmony_desktop.store.replica import sql
from harmony_sync.hlc import (
    DEFAULT_MAX_DRIFT_MS,
    GENESIS,
    MAX_FUTURE_MS,
    ClockDriftError,
    HybridLogicalClock,
    Timestamp,
    is_valid,
    wall_clock_ms,
)

__all__ = [
    "GENESIS",
    "MAX_SKEW_MS",
    "HybridLogicalClock",
    "PulledClockAhead",
    "keep_reading",
    "load_clock",
    "mutation_id_for",
    "observe_all",
    "save_clock",
    "wall_clock_ms",
    "writer_of",
    "written_at",
]

#: How far the server's wall clock and ours may differ before a sync is refused.
MAX_SKEW_MS = DEFAULT_MAX_DRIFT_MS

Wall = Callable[[], int]

_STAMP_LENGTH = len(GENESIS)


class PulledClockAhead(Exception):
    """A pulled stamp is further ahead of this computer's clock than any clock that was
    merely wrong for a while (``MAX_FUTURE_MS``)."""

    def __init__(self, ahead_ms: int) -> None:
        super().__init__(f"a pulled clock is {ahead_ms} ms ahead")
        self.ahead_ms = ahead_ms


#: The stored reading and the newest outbox entry's mutation id, in one statement.
_LOAD_SQL = (
    "SELECT (SELECT value FROM local_meta WHERE key = ?), (SELECT max(mutation_id) FROM outbox)"
)


def load_clock(session: sql.On, device_id: str, wall: Wall = wall_clock_ms) -> HybridLogicalClock:
    """This device's HLC, continuing from the last reading recorded in the database (the
    later of the ``CLOCK`` setting and the newest outbox entry).

    It folds in any pulled stamp up to ``MAX_FUTURE_MS`` ahead: edits made on a computer
    whose clock was wrong for a while keep their stamps, and later local edits must
    still sort after them. Whether this computer's clock is right now is checked
    separately, against the server's, before a sync sends or applies anything.
    """
    stored, newest = sql.execute(
        sql.connection(session), _LOAD_SQL, (settings.CLOCK.key,)
    ).fetchone()
    return HybridLogicalClock(
        device_id,
        last=_later(stored or "", _reading_of(newest, device_id)),
        wall=wall,
        max_drift_ms=MAX_FUTURE_MS,
    )


def save_clock(session: sql.On, clock: HybridLogicalClock) -> None:
    """Persist the clock's last reading in the ``CLOCK`` setting, in the current
    transaction (for a reading no outbox entry records)."""
    sql.execute(sql.connection(session), settings.WRITE_SQL, (settings.CLOCK.key, clock.last))


def keep_reading(session: sql.On, device_id: str) -> None:
    """Copy the reading the outbox records into the ``CLOCK`` setting, in the current
    transaction: call it before outbox entries are removed, so the clock never turns
    back when the newest entry leaves."""
    save_clock(session, load_clock(session, device_id))


def _reading_of(mutation_id: int | None, device_id: str) -> str:
    """The clock reading an outbox ``mutation_id`` of this device was derived from
    ("" for none); see :func:`mutation_id_for`."""
    if mutation_id is None:
        return ""
    millis, counter = divmod(int(mutation_id), 100_000)
    return f"{millis:015d}-{counter:05d}-{device_id}"


def _later(stored: str, queued: str) -> str | None:
    """The later of two readings by wall time and counter (the stored one on a tie); None
    when there is neither."""
    if not queued:
        return stored or None
    if not stored:
        return queued
    if len(stored) == _STAMP_LENGTH and stored[15] == "-":
        stored_key = stored[:21]  # fixed width: the prefix orders as the numbers do
    else:
        ts = Timestamp.parse(stored)  # raises a clear error for a malformed reading
        stored_key = f"{ts.millis:015d}-{ts.counter:05d}"
    return queued if queued[:21] > stored_key else stored


def observe_all(clock: HybridLogicalClock, stamps: Iterable[str]) -> None:
    """Fold the newest of ``stamps`` into ``clock``, so every later local stamp sorts
    after everything pulled. Raises :class:`PulledClockAhead` (and changes nothing)
    when it is too far in this computer's future."""
    newest = max(stamps, default="")
    if not newest:
        return
    try:
        clock.observe(newest)
    except ClockDriftError as err:
        raise PulledClockAhead(err.ahead_ms) from err


def mutation_id_for(clock: str) -> int:
    """The outbox/mutation id of a change stamped ``clock``.

    Derived from the HLC reading, so ids keep increasing on this device even after the
    database is restored from an older backup (the wall clock has moved on).
    """
    # The encoding is fixed width ("millis(15)-counter(5)-node"): slicing is the parse.
    if len(clock) != _STAMP_LENGTH or clock[15] != "-":
        ts = Timestamp.parse(clock)  # raises a clear error for a malformed stamp
        return ts.millis * 100_000 + ts.counter
    return int(clock[:15]) * 100_000 + int(clock[16:21])


def writer_of(stamp: str) -> str | None:
    """The device id of the device that wrote a value stamped ``stamp`` (a clock ends
    with it); None when ``stamp`` is no clock (a value never stamped)."""
    return stamp[-16:] if stamp and is_valid(stamp) else None


def written_at(stamp: str) -> dt.datetime | None:
    """When a value stamped ``stamp`` was written, by its writer's clock (UTC); None when
    ``stamp`` is no clock, or a value every database starts with."""
    if not stamp or not is_valid(stamp) or stamp == GENESIS:
        return None
    return dt.datetime.fromtimestamp(Timestamp.parse(stamp).millis / 1000, dt.UTC)
