"""Turning this device's clock back after its wall clock was set far ahead.

A laptop whose year was mistyped (2028 for 2026) stamps its changes two years ahead, and
its hybrid logical clock continues from its last reading (``clock.load_clock``), so
after the wall clock is fixed every later change would be stamped two years ahead too.
The server refuses any stamp more than ``MAX_FUTURE_MS`` ahead: nothing this laptop
wrote would reach the others for over a year.

Once a sync has confirmed this computer's wall clock (the server's clock agrees) and
the recorded reading is more than ``MAX_FUTURE_MS`` ahead of it, :func:`reset` turns the
clock back in ONE transaction, before anything is pushed:

* every stamp of THIS device beyond the limit (in the outbox's clocks and bases, in the
  field clocks of local rows, in the changes the server refused for it and set aside
  for review) is replaced by a fresh reading of the corrected clock, in the original
  order; other devices' stamps are never touched;
* outbox entries whose mutation id (a reading of the clock) is beyond the limit get
  fresh ids, in their original order, so the server (whose "already applied" mark such
  refused changes never moved) applies them;
* the refused changes set aside for review are queued again with their fresh stamps
  and their review items are closed: they are this laptop's own edits, never applied
  anywhere, and nothing a teacher entered is lost. So is any other field of a local
  row that still carries such a stamp and no queued change (a refusal that was
  dismissed): its value is queued as it is now;
* the clock restarts from the newest stamp within the limit that the database holds
  (its own and pulled ones), or the wall clock if later, so later edits still sort
  after everything it has seen; the ``CLOCK`` setting records the last reading issued.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from harmony_desktop.store.models import SYNCED_MODELS
from harmony_desktop.store.replica import outbox, sql
from harmony_desktop.store.replica.clock import (
    HybridLogicalClock,
    Wall,
    load_clock,
    mutation_id_for,
    save_clock,
)
from harmony_desktop.store.replica.conflicts import REJECTED_FIELD
from harmony_desktop.store.replica.wire import (
    codec,
    dumps_flat,
    dumps_sorted,
    single_clock,
    to_wire,
    unpack_clocks,
)
from harmony_sync.hlc import MAX_FUTURE_MS

if TYPE_CHECKING:
    from harmony_desktop.store.db import Store

#: How a refused change's review item is closed when it is queued again.
REQUEUED = "queued again after the clock was reset"

_STAMP = re.compile(r"(\d{15})-(\d{5})-([0-9a-f]{16})")

Reading = tuple[int, int]  # (millis, counter)


@dataclass(frozen=True)
class ClockReset:
    """What a reset did (counts only: nothing about children)."""

    #: how far the recorded reading was ahead of the confirmed wall clock
    ahead_ms: int
    #: changes that will be sent with fresh stamps (outbox entries and re-queued ones)
    changes: int
    #: refused changes set aside for review, queued again (their items closed)
    requeued: int
    #: local rows whose field clocks were stamped again
    rows: int


def far_ahead(store: Store, wall: Wall) -> int:
    """How far (ms) the recorded reading is beyond ``MAX_FUTURE_MS`` ahead of ``wall``;
    0 when it is not."""
    with store.read() as s:
        clock = load_clock(s, store.device_id, wall)
    ahead = _reading(clock.last)[0] - wall()
    return ahead if ahead > MAX_FUTURE_MS else 0


def reset(store: Store, *, wall: Wall) -> ClockReset | None:
    """Turn this device's clock back if its recorded reading is more than
    ``MAX_FUTURE_MS`` ahead of ``wall`` (which a sync has just confirmed); None when it
    is not. One transaction: see the module docstring."""
    if not far_ahead(store, wall):  # every sync asks: no write transaction for a no
        return None
    node = store.device_id
    with store.raw_write() as s:
        conn = sql.connection(s)
        now_ms = wall()
        recorded = load_clock(conn, node, wall)
        ahead = _reading(recorded.last)[0] - now_ms
        if ahead <= MAX_FUTURE_MS:  # another program reset it meanwhile
            return None
        plan = _Plan(node, now_ms + MAX_FUTURE_MS)
        queued = plan.read_outbox(conn)
        rows = plan.read_rows(conn)
        refused = plan.read_refused(conn)
        start = f"{plan.newest[0]:015d}-{plan.newest[1]:05d}-{node}" if plan.newest else None
        clock = HybridLogicalClock(node, last=start, wall=wall)
        fresh = {reading: clock.now() for reading in sorted(plan.beyond)}
        entries, covered = plan.renumbered(queued, fresh, clock)
        requeued = plan.requeued(refused, fresh, clock, entries, covered)
        fixed = plan.restamp_rows(conn, rows, fresh)
        entries += plan.uncovered(s, fixed, covered, clock)
        moved = [(e[0],) for e in queued if plan.moves(e)]
        sql.executemany(conn, "DELETE FROM outbox WHERE mutation_id = ?", moved)
        outbox.queue(conn, entries)
        if refused:
            sql.executemany(
                conn,
                "UPDATE conflict SET resolved_at = ?, resolution = ? WHERE id = ?",
                [(outbox.now_iso(), REQUEUED, r[0]) for r in refused],
            )
        save_clock(conn, clock)
    return ClockReset(ahead, len(entries), requeued, len(fixed))


def mark_far_ahead(mark: object, now_ms: int) -> bool:
    """Whether a server's "already applied" mutation id for this device, read as a
    reading of its clock, is more than ``MAX_FUTURE_MS`` ahead of ``now_ms``."""
    if not isinstance(mark, int) or isinstance(mark, bool):
        return False
    return mark // 100_000 - now_ms > MAX_FUTURE_MS


def _reading(stamp: str) -> Reading:
    return int(stamp[:15]), int(stamp[16:21])


class _Plan:
    """What one reset reads and decides, inside its transaction."""

    def __init__(self, node: str, limit_ms: int) -> None:
        self.node = node
        self.limit_ms = limit_ms
        #: readings of this device's stamps and mutation ids beyond the limit
        self.beyond: set[Reading] = set()
        #: the newest reading within the limit, of any device
        self.newest: Reading | None = None
        #: mutation ids the outbox will hold after the reset
        self._used: set[int] = set()

    def see(self, stamp: str | None) -> bool:
        """Note ``stamp``; True when it is this device's and beyond the limit."""
        if not stamp:
            return False
        found = _STAMP.fullmatch(stamp)
        if found is None:
            return False
        reading = (int(found.group(1)), int(found.group(2)))
        if reading[0] > self.limit_ms:
            if found.group(3) == self.node:
                self.beyond.add(reading)
                return True
            return False  # another device's: never touched (a pull refuses such rows)
        if self.newest is None or reading > self.newest:
            self.newest = reading
        return False

    def see_all(self, text: str | None) -> bool:
        """:meth:`see` every stamp in ``text`` (JSON of clocks); True if any is beyond."""
        hit = False
        for found in _STAMP.finditer(text or ""):
            hit = self.see(found.group(0)) or hit
        return hit

    def id_beyond(self, mutation_id: int) -> bool:
        millis, counter = divmod(int(mutation_id), 100_000)
        return self.see(f"{millis:015d}-{counter:05d}-{self.node}")

    def moves(self, entry: tuple[Any, ...]) -> bool:
        """Whether an outbox entry (as read) is renumbered or restamped."""
        return bool(entry[-1])

    def remap(self, stamp: str, fresh: dict[Reading, str]) -> str:
        if stamp.endswith(self.node) and len(stamp) == 38 and int(stamp[:15]) > self.limit_ms:
            return fresh.get(_reading(stamp), stamp)
        return stamp

    def remap_json(self, text: str, fresh: dict[Reading, str]) -> str:
        mapping: dict[str, Any] = json.loads(text or "{}")
        return dumps_flat(
            {k: self.remap(v, fresh) if isinstance(v, str) else v for k, v in mapping.items()}
        )

    # -- reading -----------------------------------------------------------------------

    def read_outbox(self, conn: Any) -> list[tuple[Any, ...]]:
        """Every outbox entry, in order, each with a last item: whether it moves."""
        found = sql.execute(
            conn,
            'SELECT mutation_id, table_name, row_id, hub_id, "values", clock, bases, created_at '
            "FROM outbox ORDER BY mutation_id",
        ).fetchall()
        entries = []
        for entry in found:
            moves = self.id_beyond(entry[0])
            moves = self.see(entry[5]) or moves
            moves = self.see_all(entry[6]) or moves
            entries.append((*entry, moves))
        return entries

    def read_rows(self, conn: Any) -> list[tuple[str, str, str]]:
        """(table, id, packed clocks) of every local row carrying a stamp of this device
        beyond the limit; notes every row's stamps."""
        hits = []
        for table in SYNCED_MODELS:
            for row_id, packed in sql.execute(conn, f'SELECT id, clocks FROM "{table}"'):
                if self.see_all(packed):
                    hits.append((table, str(row_id), str(packed)))
        return hits

    def read_refused(self, conn: Any) -> list[tuple[Any, ...]]:
        """The unresolved review items of this device's changes the server refused,
        stamped beyond the limit: (id, table, row id, hub id, values, clock, reason)."""
        found = sql.execute(
            conn,
            "SELECT id, table_name, row_id, hub_id, losing_value, losing_clock, winning_value "
            "FROM conflict WHERE field_name = ? AND resolved_at IS NULL ORDER BY losing_clock",
            (REJECTED_FIELD,),
        ).fetchall()
        refused = [r for r in found if self.see(r[5])]
        for r in refused:
            self.see_all(r[6])  # the bases it replaced, kept with the reason
        return refused

    # -- writing -----------------------------------------------------------------------

    def renumbered(
        self, queued: list[tuple[Any, ...]], fresh: dict[Reading, str], clock: HybridLogicalClock
    ) -> tuple[list[outbox.Entry], set[tuple[str, str, str]]]:
        """The moved outbox entries with fresh ids, stamps and bases, in their order; and
        (table, row, clock) of every change queued after the reset."""
        entries: list[outbox.Entry] = []
        covered: set[tuple[str, str, str]] = set()
        self._used = {int(e[0]) for e in queued if not self.moves(e)}
        for mutation_id, table, row_id, hub_id, values, stamp, bases, created, moves in queued:
            new_stamp = self.remap(stamp, fresh)
            covered.add((table, row_id, new_stamp))
            if not moves:
                continue
            millis, counter = divmod(int(mutation_id), 100_000)
            new_id = self._fresh_id((millis, counter), fresh, clock)
            entries.append(
                (
                    new_id,
                    table,
                    row_id,
                    hub_id,
                    values,
                    new_stamp,
                    self.remap_json(bases, fresh),
                    created,
                )
            )
        return entries, covered

    def _fresh_id(
        self, reading: Reading, fresh: dict[Reading, str], clock: HybridLogicalClock
    ) -> int:
        """The id of a change once read as ``reading``: its fresh reading's, unless that
        id is taken (then a later one)."""
        if reading[0] > self.limit_ms and reading in fresh:
            new_id = mutation_id_for(fresh[reading])
        else:
            new_id = reading[0] * 100_000 + reading[1]
        if new_id in self._used:
            new_id = mutation_id_for(clock.now())
        self._used.add(new_id)
        return new_id

    def requeued(
        self,
        refused: list[tuple[Any, ...]],
        fresh: dict[Reading, str],
        clock: HybridLogicalClock,
        entries: list[outbox.Entry],
        covered: set[tuple[str, str, str]],
    ) -> int:
        """Queue the refused changes again (added to ``entries``, in stamp order with
        them); returns how many."""
        created = outbox.now_iso()
        for _id, table, row_id, hub_id, values, stamp, reason in refused:
            new_stamp = fresh[_reading(stamp)]
            kept = json.loads(reason or "{}")
            bases = kept.get("bases") if isinstance(kept, dict) else None
            entries.append(
                (
                    self._fresh_id(_reading(stamp), fresh, clock),
                    table,
                    row_id,
                    hub_id,
                    values,
                    new_stamp,
                    self.remap_json(json.dumps(bases), fresh) if isinstance(bases, dict) else "{}",
                    created,
                )
            )
            covered.add((table, row_id, new_stamp))
        entries.sort(key=lambda e: e[0])
        return len(refused)

    def restamp_rows(
        self, conn: Any, rows: list[tuple[str, str, str]], fresh: dict[Reading, str]
    ) -> list[tuple[str, str, dict[str, str]]]:
        """Stamp the rows' fields again; returns (table, id, the fresh stamps by field)."""
        fixed = []
        updates: dict[str, list[tuple[str, str]]] = {}
        for table, row_id, packed in rows:
            stored: dict[str, str] = json.loads(packed)
            mapped = {k: self.remap(v, fresh) for k, v in stored.items()}
            single = set(mapped) == {"*"}
            text = single_clock(mapped["*"]) if single else dumps_sorted(mapped)
            updates.setdefault(table, []).append((text, row_id))
            fields = codec(SYNCED_MODELS[table]).fields
            clocks = unpack_clocks(text, fields)
            new = set(fresh.values())
            fixed.append((table, row_id, {k: v for k, v in clocks.items() if v in new}))
        for table, params in updates.items():
            sql.executemany(conn, f'UPDATE "{table}" SET clocks = ? WHERE id = ?', params)
        return fixed

    def uncovered(
        self,
        s: Any,
        fixed: list[tuple[str, str, dict[str, str]]],
        covered: set[tuple[str, str, str]],
        clock: HybridLogicalClock,
    ) -> list[outbox.Entry]:
        """Changes for the restamped fields no queued change carries (a refusal that was
        dismissed): their values as the row holds them now."""
        created = outbox.now_iso()
        entries: list[outbox.Entry] = []
        for table, row_id, stamps in fixed:
            groups: dict[str, list[str]] = {}
            for name, stamp in stamps.items():
                if (table, row_id, stamp) not in covered:
                    groups.setdefault(stamp, []).append(name)
            if not groups:
                continue
            model = SYNCED_MODELS[table]
            row = s.get(model, row_id)
            if row is None:
                continue
            for stamp, names in sorted(groups.items()):
                values = {name: to_wire(getattr(row, name)) for name in names}
                entries.append(
                    outbox.entry(
                        table,
                        row_id,
                        row.hub_id,
                        values,
                        stamp,
                        {},
                        created,
                        mutation_id=mutation_id_for(clock.now()),
                    )
                )
        return entries
