"""Replication: the only code that touches clocks, the outbox and the wire format.

* ``clock``: this device's hybrid logical clock, kept in the database it stamps;
* ``wire``: wire <-> Python <-> column conversions, field clocks and their packing;
* ``outbox``: the queue of local changes (one builder for its rows);
* ``writer``: :class:`ChangeWriter`, the single write path of synced rows;
* ``push``: the next batch to send and what the server's answer changes;
* ``pull``: applying a pulled page (merge, bulk insert, cursor) in one transaction;
* ``conflicts``: losing values and refused changes kept for review;
* ``unapplied``: pulled rows this laptop cannot apply, set aside for review;
* ``rebase``: re-queueing the whole state after a server restore;
* ``scope``: the rows a laptop never sent, fitted to the scope it joins a server with;
* ``clock_reset``: turning the clock back after this computer's clock was set far ahead.

Everything above the store uses :class:`Replica` and the names exported here; the
import contracts in ``pyproject.toml`` keep it that way. The invariants this package
keeps are written down in ``docs/SYNC.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from harmony_desktop.store.replica import clock as _clock
from harmony_desktop.store.replica import clock_reset as _clock_reset
from harmony_desktop.store.replica import conflicts as _conflicts
from harmony_desktop.store.replica import outbox as _outbox
from harmony_desktop.store.replica import pull as _pull
from harmony_desktop.store.replica import push as _push
from harmony_desktop.store.replica import rebase as _rebase
from harmony_desktop.store.replica import scope as _scope
from harmony_desktop.store.replica.clock import (
    GENESIS,
    MAX_SKEW_MS,
    PulledClockAhead,
    Wall,
    wall_clock_ms,
    writer_of,
    written_at,
)
from harmony_desktop.store.replica.clock_reset import ClockReset
from harmony_desktop.store.replica.conflicts import REJECTED_FIELD, ConflictRecord
from harmony_desktop.store.replica.outbox import Queued
from harmony_desktop.store.replica.pull import BeforeCursor
from harmony_desktop.store.replica.push import PushTally
from harmony_desktop.store.replica.scope import ScopeFit
from harmony_desktop.store.replica.unapplied import UNAPPLIED_FIELD
from harmony_desktop.store.replica.wire import (
    codec,
    from_wire,
    pack_clocks,
    row_clocks,
    row_values,
    to_wire,
)
from harmony_desktop.store.replica.writer import ChangeWriter, KeptClock, StoredRows
from harmony_sync.protocol import (
    attendance_code_id,
    attendance_mark_id,
    closure_id,
    natural_id,
    programme_year_id,
    session_id,
)

if TYPE_CHECKING:
    from harmony_desktop.store.db import Store

__all__ = [
    "GENESIS",
    "GENESIS_CLOCKS",
    "MAX_SKEW_MS",
    "REJECTED_FIELD",
    "UNAPPLIED_FIELD",
    "BeforeCursor",
    "ChangeWriter",
    "ClockReset",
    "ConflictRecord",
    "KeptClock",
    "PulledClockAhead",
    "PushTally",
    "Queued",
    "Replica",
    "ScopeFit",
    "StoredRows",
    "Wall",
    "attendance_code_id",
    "attendance_mark_id",
    "close_conflicts",
    "closure_id",
    "codec",
    "from_wire",
    "natural_id",
    "pack_clocks",
    "programme_year_id",
    "resolve_conflict",
    "row_clocks",
    "row_values",
    "session_id",
    "to_wire",
    "wall_clock_ms",
    "writer_of",
    "written_at",
]

#: The stored clocks of a row every database starts with identically (the default
#: attendance codes): starting state, older than any change, never queued.
GENESIS_CLOCKS = pack_clocks({"*": GENESIS})

#: Resolve a review item inside a write transaction (see ``conflicts.resolve``).
resolve_conflict = _conflicts.resolve
#: Mark conflicts resolved whose kept value the caller wrote (see ``conflicts.close``).
close_conflicts = _conflicts.close


class Replica:
    """The sync side of one open store: what to push, what a push did, pulled pages,
    re-base, and the conflicts kept for review.

    ``wall`` is this computer's wall clock in milliseconds (by default the store's,
    which tests skew).
    """

    def __init__(self, store: Store, *, wall: Wall | None = None) -> None:
        self.store = store
        self.wall = wall or store.wall

    # -- push --------------------------------------------------------------------------

    def pending(self) -> int:
        """How many local changes wait to be pushed."""
        with self.store.read() as s:
            return _outbox.pending(s)

    def newest_reading_ms(self) -> int | None:
        """The wall time (milliseconds since the epoch) of the newest reading of this
        device's clock the database records (the later of the ``CLOCK`` setting and the
        newest outbox entry): its own changes, and every pulled stamp folded in. None
        before the first change."""
        with self.store.read() as s:
            last = _clock.load_clock(s, self.store.device_id, wall=self.wall).last
        return int(last[:15]) or None

    def next_batch(self, size: int) -> list[Queued]:
        """The ``size`` oldest waiting changes (``.mutation()`` is their wire form)."""
        return _push.next_batch(self.store, size)

    def acknowledge(self, batch: list[Queued], response: dict[str, Any]) -> PushTally:
        """Apply a push's answer: acknowledged changes leave the outbox, conflicts and
        refusals are kept, in one transaction."""
        return _push.acknowledge(self.store, batch, response)

    # -- pull --------------------------------------------------------------------------

    def apply_page(
        self,
        rows: list[dict[str, Any]],
        conflicts: list[dict[str, Any]],
        cursor: int,
        *,
        before_cursor: BeforeCursor | None = None,
    ) -> int:
        """Merge one pulled page (or several) and save ``cursor`` in ONE transaction;
        returns the new conflicts stored. Raises :class:`PulledClockAhead` (nothing
        changed) when a pulled clock is too far in this computer's future."""
        return _pull.apply_page(
            self.store, rows, conflicts, cursor, wall=self.wall, before_cursor=before_cursor
        )

    # -- re-base -----------------------------------------------------------------------

    def rebase(self, new_epoch: str) -> int:
        """After a server restore: re-queue the whole local state with its original
        clocks, cursor 0, the new epoch. Returns the changes queued."""
        return _rebase.rebase(self.store, new_epoch, wall=self.wall)

    # -- joining a server later ----------------------------------------------------------

    def fit_scope(self, hubs: Sequence[str], *, data_manager: bool) -> ScopeFit:
        """Fit what this laptop made and never had accepted by a server to the scope it
        syncs with (enrolled for ``hubs``, or a data manager's), in one transaction:
        programme-wide rows that belong to one of its hubs alone become that hub's, and
        on a data manager's laptop the changes refused as out of scope are queued again;
        returns that and what it still cannot send (``scope``)."""
        return _scope.fit(self.store, hubs, data_manager=data_manager, wall=self.wall)

    # -- a clock that was set far ahead -------------------------------------------------

    def reset_clock_if_far_ahead(self) -> ClockReset | None:
        """Once a sync has confirmed this computer's wall clock: if the clock's recorded
        reading is more than ``MAX_FUTURE_MS`` ahead of it (the computer's year was
        wrong), turn it back, stamping this device's changes made meanwhile afresh and
        queueing again those the server refused (``clock_reset``); None when it is not
        that far ahead."""
        return _clock_reset.reset(self.store, wall=self.wall)

    def mark_far_ahead(self, mark: object) -> bool:
        """Whether the server's "already applied" mark for this device (a mutation id,
        i.e. a reading of its clock) is more than ``MAX_FUTURE_MS`` ahead of this
        computer's clock: the server would take every change of this device for one it
        has applied."""
        return _clock_reset.mark_far_ahead(mark, self.wall())

    # -- review ------------------------------------------------------------------------

    def conflicts(self, *, include_resolved: bool = False) -> list[ConflictRecord]:
        """Stored conflicts and refused changes, newest first."""
        with self.store.read() as s:
            return _conflicts.list_conflicts(s, include_resolved=include_resolved)

    def waiting(self) -> tuple[int, int]:
        """(changes waiting to be pushed, conflicts and refusals waiting for review),
        read in one transaction."""
        with self.store.read() as s:
            return _outbox.pending(s), _conflicts.unresolved_count(s)

    def settle_moot(self) -> int:
        """Resolve the conflicts nobody needs to decide (see ``conflicts.settle_moot``);
        returns how many."""
        with self.store.read() as s:  # most rounds have none: no write transaction
            if not _conflicts.unresolved_count(s):
                return 0
        with self.store.raw_write() as s:
            return _conflicts.settle_moot(s, _outbox.now_iso())

    def resolutions_waiting(self) -> list[int]:
        """Server conflicts resolved here that the server does not know yet."""
        with self.store.read() as s:
            return _conflicts.resolutions_waiting(s)

    def resolutions_sent(self, sent: Sequence[int]) -> None:
        """The server acknowledged these resolutions."""
        with self.store.raw_write() as s:
            _conflicts.resolutions_sent(s, list(sent))
