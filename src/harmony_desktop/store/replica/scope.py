"""Joining a server later: the rows a laptop never sent, fitted to the scope it joins with.

A laptop set up on its own is the whole programme, so what it makes for the whole
programme is programme-wide (``hub_id`` None): its staff, closure days of the whole
programme, the school year and its terms, attendance codes, kinds of clearance. The
server takes programme-wide rows only from a data manager's laptop (``out_of_scope``).
When such a laptop joins a server as a hub's laptop, :func:`fit` (run when it enrolls,
and again before every push) does in ONE transaction:

* **Re-scope.** A programme-wide row this laptop made and that no server ever accepted,
  which belongs to one hub this laptop is enrolled for, becomes that hub's row: a staff
  member whose hubs are that hub alone (or none, in a programme of one hub), a closure
  day of a programme of one hub. "No server ever accepted it": its creation, the change
  that stamped its ``hub_id`` (a hub is stamped once, when the row is made, and never
  changes), was stamped by this laptop and is still queued, or the server refused it as
  out of scope. So no other replica holds the row, and giving it its hub now is what
  making it for that hub would have been: it keeps its id (ensembles name their teacher
  by it) and its field clocks; a closure's id is derived from its hub and day
  (``closure_id``), so it takes the id of that hub's closure that day (nothing refers to
  a closure). Its queued changes are replaced by its whole state under the hub (one
  change per clock, fresh mutation ids), and the refusals it had in Needs review are
  closed.
* **Send again.** The changes the server refused as out of scope that this laptop may
  send now (it was enrolled again as a data manager's laptop, or for the refused row's
  hub) are queued again as they were (values, clocks, bases), with fresh mutation ids,
  and their review items closed; a row this laptop made whose creation was refused is
  queued whole (even if its refusal was dismissed: the server has no such row). Each
  change is sent again once: refused again, it stays in Needs review.

What stays queued that this laptop cannot send (programme-wide rows on a hub's laptop,
rows of hubs it is not enrolled for) is counted by kind for the enrollment to say so.
No field gets a new clock: no value changes, only where rows belong and what is queued.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from harmony_desktop.store.models import SYNCED_MODELS
from harmony_desktop.store.replica import outbox, sql
from harmony_desktop.store.replica.clock import (
    Wall,
    load_clock,
    mutation_id_for,
    save_clock,
    writer_of,
)
from harmony_desktop.store.replica.conflicts import REJECTED_FIELD
from harmony_desktop.store.replica.wire import row_clocks, row_values, unpack_clocks
from harmony_sync.protocol import closure_id

if TYPE_CHECKING:
    from harmony_desktop.store.db import Store

#: How a review item is closed when its change is queued again here.
REQUEUED = "sent again: this laptop may send it now"
#: Tables whose programme-wide rows a hub's row can stand for. The school year, terms,
#: attendance codes and kinds of clearance have no hub's kind: they stay the programme's.
RESCOPABLE = ("staff", "closure")
_OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class ScopeFit:
    """What :func:`fit` did, and what this laptop still cannot send (counts only)."""

    #: table -> programme-wide rows made this hub's
    rescoped: dict[str, int] = field(default_factory=dict)
    #: refused changes queued again (a row queued whole counts once)
    requeued: int = 0
    #: table -> programme-wide rows waiting that only a data manager's laptop can send
    programme_only: dict[str, int] = field(default_factory=dict)
    #: (hub id, hub name) -> rows waiting of a hub this laptop is not enrolled for
    other_hubs: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def unsendable(self) -> bool:
        """Whether something waits that this laptop cannot send."""
        return bool(self.programme_only or self.other_hubs)


@dataclass
class _Refusal:
    id: str
    table: str
    row_id: str
    hub_id: str | None
    values: str
    clock: str
    bases: dict[str, Any]
    resolved: bool


@dataclass
class _Work:
    #: (table, id, target hub) of rows to re-scope
    rescope: list[tuple[str, str, str]] = field(default_factory=list)
    #: (table, id) of rows to queue whole, as they are
    whole: list[tuple[str, str]] = field(default_factory=list)
    #: refusals to queue again as they were
    again: list[_Refusal] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.rescope or self.whole or self.again)


def fit(store: Store, hubs: Sequence[str], *, data_manager: bool, wall: Wall) -> ScopeFit:
    """Fit the rows never sent to the scope of a laptop enrolled for ``hubs`` (or a
    data manager's); one transaction. See the module docstring."""
    enrolled = frozenset(hubs)
    node = store.device_id
    with store.read() as s:  # most syncs find nothing to do: no write transaction
        conn = sql.connection(s)
        if not _work(conn, node, enrolled, data_manager):
            return _waiting(conn, enrolled, data_manager)
    with store.raw_write() as s:
        conn = sql.connection(s)
        work = _work(conn, node, enrolled, data_manager)
        clock = load_clock(conn, node, wall)
        now = outbox.now_iso()
        entries: list[outbox.Entry] = []

        def next_id() -> int:
            return mutation_id_for(clock.now())

        rescoped: Counter[str] = Counter()
        for table, row_id, hub in work.rescope:
            values, clocks = _state(s, table, row_id)
            new_id = row_id
            if table == "closure":  # the id of the hub's closure that day
                new_id = closure_id(hub, dt.date.fromisoformat(values["date"]))
            sql.execute(
                conn, f'UPDATE "{table}" SET id = ?, hub_id = ? WHERE id = ?', (new_id, hub, row_id)
            )
            _forget(conn, table, row_id, now)
            values["hub_id"] = hub
            entries += outbox.whole_row(table, new_id, hub, values, clocks, now, next_id)
            rescoped[table] += 1
        for table, row_id in work.whole:
            values, clocks = _state(s, table, row_id)
            _forget(conn, table, row_id, now)
            entries += outbox.whole_row(
                table, row_id, values["hub_id"], values, clocks, now, next_id
            )
        for r in work.again:
            values = json.loads(r.values)
            entries.append(
                outbox.entry(
                    r.table,
                    r.row_id,
                    r.hub_id,
                    values,
                    r.clock,
                    r.bases,
                    now,
                    mutation_id=next_id(),
                )
            )
        outbox.queue(conn, entries)
        sql.executemany(
            conn,
            "UPDATE conflict SET resolved_at = ?, resolution = ? WHERE id = ?",
            [(now, REQUEUED, r.id) for r in work.again],
        )
        save_clock(conn, clock)
        waiting = _waiting(conn, enrolled, data_manager)
    return ScopeFit(
        rescoped=dict(rescoped),
        requeued=len(work.whole) + len(work.again),
        programme_only=waiting.programme_only,
        other_hubs=waiting.other_hubs,
    )


def _work(conn: Any, node: str, enrolled: frozenset[str], data_manager: bool) -> _Work:
    """What :func:`fit` would change, read in the caller's transaction."""
    work = _Work()
    refused, requeued = _refusals(conn)
    if not data_manager:
        work.rescope = _to_rescope(conn, node, enrolled, refused)
    rescoped = {(table, row_id) for table, row_id, _hub in work.rescope}
    # the refusals this laptop may now send: programme-wide rows on a data manager's
    # laptop, a hub's rows once enrolled for it; each change at most once (sent again
    # and refused again, it stays refused: no sync sends it over and over)
    sendable = [
        r
        for r in refused
        if (data_manager or (r.hub_id is not None and r.hub_id in enrolled))
        and (r.table, r.row_id) not in rescoped
        and (r.table, r.row_id, r.clock) not in requeued
    ]
    queued = _queued_clocks(conn, {(r.table, r.row_id) for r in sendable})
    whole: set[tuple[str, str]] = set()
    for r in sendable:
        key = (r.table, r.row_id)
        creation = _creation(conn, r.table, r.row_id, node)
        made_here = creation is not None and creation == r.clock
        if made_here and creation not in queued.get(key, ()) and key not in whole:
            whole.add(key)  # made here and never taken: the whole row goes
            work.whole.append(key)
    work.again = [r for r in sendable if not r.resolved and (r.table, r.row_id) not in whole]
    return work


def _to_rescope(
    conn: Any, node: str, enrolled: frozenset[str], refused: list[_Refusal]
) -> list[tuple[str, str, str]]:
    """(table, id, hub) of the programme-wide rows made here and never accepted by a
    server that belong to one hub this laptop is enrolled for."""
    marks = ",".join("?" * len(RESCOPABLE))
    found = sql.execute(
        conn,
        f"SELECT table_name, row_id, clock FROM outbox WHERE hub_id IS NULL "
        f"AND table_name IN ({marks})",
        RESCOPABLE,
    ).fetchall()
    sent: dict[tuple[str, str], set[str]] = {}
    for table, row_id, stamp in found:
        sent.setdefault((table, row_id), set()).add(stamp)
    for r in refused:
        if r.hub_id is None and r.table in RESCOPABLE:
            sent.setdefault((r.table, r.row_id), set()).add(r.clock)
    if not sent:
        return []
    live_hubs = [h for (h,) in sql.execute(conn, "SELECT id FROM hub WHERE deleted = 0")]
    only = live_hubs[0] if len(live_hubs) == 1 and live_hubs[0] in enrolled else None
    rows = []
    for (table, row_id), stamps in sorted(sent.items()):
        creation = _creation(conn, table, row_id, node)
        if creation is None or creation not in stamps:
            continue  # another laptop made it, or a server accepted it: it stays as it is
        hub = _target(conn, table, row_id, enrolled, only)
        if hub is not None:
            rows.append((table, row_id, hub))
    return rows


def _refusals(conn: Any) -> tuple[list[_Refusal], set[tuple[str, str, str]]]:
    """The changes the server refused as out of scope and this laptop has not queued
    again, and (table, row, clock) of those it has."""
    found = sql.execute(
        conn,
        "SELECT id, table_name, row_id, hub_id, losing_value, losing_clock, winning_value, "
        "resolved_at, resolution FROM conflict WHERE field_name = ? ORDER BY losing_clock",
        (REJECTED_FIELD,),
    ).fetchall()
    refusals = []
    requeued = set()
    for conflict_id, table, row_id, hub_id, values, stamp, reason, resolved, how in found:
        if how == REQUEUED:
            requeued.add((table, row_id, stamp))
            continue
        kept = json.loads(reason or "{}")
        if not isinstance(kept, dict) or kept.get("code") != _OUT_OF_SCOPE:
            continue
        if table not in SYNCED_MODELS:
            continue
        bases = kept.get("bases")
        refusals.append(
            _Refusal(
                conflict_id,
                table,
                row_id,
                hub_id,
                values,
                stamp,
                bases if isinstance(bases, dict) else {},
                resolved is not None,
            )
        )
    return refusals, requeued


def _queued_clocks(conn: Any, keys: set[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    """The clocks of the queued changes of the rows ``keys``."""
    queued: dict[tuple[str, str], set[str]] = {}
    for table, row_id in keys:
        for (stamp,) in sql.execute(
            conn, "SELECT clock FROM outbox WHERE table_name = ? AND row_id = ?", (table, row_id)
        ):
            queued.setdefault((table, row_id), set()).add(stamp)
    return queued


def _creation(conn: Any, table: str, row_id: str, node: str) -> str | None:
    """The clock of the change that made the row (its ``hub_id``'s: a row's hub is
    stamped once, when it is made) when this laptop made it; None otherwise (or when
    there is no such row)."""
    found = sql.execute(conn, f'SELECT clocks FROM "{table}" WHERE id = ?', (row_id,)).fetchone()
    if found is None:
        return None
    stamp = unpack_clocks(found[0], ["hub_id"]).get("hub_id")
    return stamp if stamp and writer_of(stamp) == node else None


def _target(
    conn: Any, table: str, row_id: str, enrolled: frozenset[str], only: str | None
) -> str | None:
    """The hub the programme-wide row belongs to alone, when it is one this laptop is
    enrolled for: a staff member's one hub (none listed: the programme's one hub), the
    programme's one hub for a closure; None when it belongs to several (or to one
    this laptop is not enrolled for)."""
    if table == "staff":
        found = sql.execute(
            conn, "SELECT hub_id, hubs FROM staff WHERE id = ?", (row_id,)
        ).fetchone()
        if found is None or found[0] is not None:
            return None
        try:
            listed = json.loads(found[1] or "[]")
        except ValueError:
            return None
        hubs = {h for h in listed if isinstance(h, str)} if isinstance(listed, list) else set()
        if not hubs:
            return only
        [hub] = hubs if len(hubs) == 1 else [None]
        return hub if hub in enrolled else None
    if table == "closure" and only is not None:
        found = sql.execute(
            conn, "SELECT hub_id, date FROM closure WHERE id = ?", (row_id,)
        ).fetchone()
        if found is None or found[0] is not None:
            return None
        day = dt.date.fromisoformat(str(found[1])[:10])
        taken = sql.execute(
            conn, "SELECT 1 FROM closure WHERE id = ?", (closure_id(only, day),)
        ).fetchone()
        return None if taken else only  # the hub has a closure that day already
    return None


def _state(s: Session, table: str, row_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A row's wire values and field clocks, as stored now."""
    row = s.get(SYNCED_MODELS[table], row_id)
    assert row is not None  # found by id in this transaction
    return row_values(row), row_clocks(row)


def _forget(conn: Any, table: str, row_id: str, now: str) -> None:
    """Drop the row's queued changes (its whole state is queued instead), and close its
    refusals: open ones in Needs review, and dismissed ones too, so that none of them
    brings the row back here again once the server holds it."""
    sql.execute(conn, "DELETE FROM outbox WHERE table_name = ? AND row_id = ?", (table, row_id))
    sql.execute(
        conn,
        "UPDATE conflict SET resolved_at = coalesce(resolved_at, ?), resolution = ? "
        "WHERE field_name = ? AND table_name = ? AND row_id = ?",
        (now, REQUEUED, REJECTED_FIELD, table, row_id),
    )


def _waiting(conn: Any, enrolled: frozenset[str], data_manager: bool) -> ScopeFit:
    """What waits in the outbox that a laptop of this scope cannot send, by kind."""
    if data_manager:
        return ScopeFit()
    programme: Counter[str] = Counter()
    others: Counter[tuple[str, str]] = Counter()
    names = dict(sql.execute(conn, "SELECT id, name FROM hub").fetchall())
    for table, hub_id, _row in sql.execute(
        conn,
        "SELECT DISTINCT table_name, hub_id, row_id FROM outbox WHERE hub_id IS NULL "
        "OR hub_id NOT IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(enrolled)),),
    ).fetchall():
        if hub_id is None:
            programme[table] += 1
        else:
            others[(hub_id, str(names.get(hub_id, "")))] += 1
    return ScopeFit(programme_only=dict(programme), other_hubs=dict(others))
