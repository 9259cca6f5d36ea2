"""This device's hybrid logical clock (HLC), kept in the database it stamps.

The clock is read at the start of every change (in the change's own transaction, never
cached), and its last reading is written back before that transaction commits, so two
processes writing the same file (the window and a scheduled ``harmony-desktop sync``)
never issue the same or a smaller reading, and a restore from an older backup does not
turn the clock back (the wall clock has moved on).
"""

from __future__ import annotations

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
    wall_clock_ms,
)

__all__ = [
    "GENESIS",
    "MAX_SKEW_MS",
    "HybridLogicalClock",
    "PulledClockAhead",
    "load_clock",
    "mutation_id_for",
    "observe_all",
    "save_clock",
    "wall_clock_ms",
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


def load_clock(session: sql.On, device_id: str, wall: Wall = wall_clock_ms) -> HybridLogicalClock:
    """This device's HLC, continuing from the last reading stored in the database.

    It folds in any pulled stamp up to ``MAX_FUTURE_MS`` ahead: edits made on a computer
    whose clock was wrong for a while keep their stamps, and later local edits must
    still sort after them. Whether this computer's clock is right now is checked
    separately, against the server's, before a sync sends or applies anything.
    """
    row = sql.execute(sql.connection(session), settings.READ_SQL, (settings.CLOCK.key,)).fetchone()
    return HybridLogicalClock(
        device_id,
        last=row[0] if row and row[0] else None,
        wall=wall,
        max_drift_ms=MAX_FUTURE_MS,
    )


def save_clock(session: sql.On, clock: HybridLogicalClock) -> None:
    """Persist the clock's last reading in the current transaction."""
    sql.execute(sql.connection(session), settings.WRITE_SQL, (settings.CLOCK.key, clock.last))


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
