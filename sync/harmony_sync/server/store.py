"""Push, pull, conflicts and epochs: the sync invariants, on SQLite or PostgreSQL.

Every writing transaction begins by updating the single ``server_state`` row. That takes
the write lock on SQLite and a row lock on PostgreSQL, so writers are serialized up to
their commit and change sequence numbers (``seq``) become visible in the order they were
assigned: a reader never sees seq N+1 before seq N, and a pull page never skips a row.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    String,
    Text,
    any_,
    bindparam,
    cast,
    insert,
    or_,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql

from harmony_sync import schema
from harmony_sync.hlc import (
    DEFAULT_MAX_DRIFT_MS,
    GENESIS,
    MAX_FUTURE_MS,
    Timestamp,
    is_valid,
    wall_clock_ms,
)
from harmony_sync.protocol import SYNCED_TABLES, merge_fields
from harmony_sync.server import scopes
from harmony_sync.server.accounts import (
    DEVICES,
    HUBS,
    ROWS,
    STATE,
    DeviceContext,
    as_utc,
    is_uuid,
    utcnow,
)
from harmony_sync.server.errors import ApiError
from harmony_sync.server.models import Conflict, RejectedMutation
from harmony_sync.server.schemas import Mutation

CONFLICTS = Conflict.__table__  # type: ignore[attr-defined]
REJECTIONS = RejectedMutation.__table__  # type: ignore[attr-defined]

#: Most fields in one mutation.
MAX_FIELDS = 200
#: Fields that travel in the mutation envelope rather than in ``values``.
ENVELOPE_FIELDS = ("id", "hub_id")


class FairLock:
    """A first-come, first-served lock for this process's writers.

    The database serializes writers anyway (and still does across processes); waiting
    here first keeps waiting requests in arrival order instead of SQLite's sleep-and-retry
    busy handler, and keeps them from holding database connections while they wait.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._next_ticket = 0
        self._serving = 0

    def __enter__(self) -> None:
        with self._condition:
            ticket = self._next_ticket
            self._next_ticket += 1
            while ticket != self._serving:
                self._condition.wait()

    def __exit__(self, *_exc: object) -> None:
        with self._condition:
            self._serving += 1
            self._condition.notify_all()


_writer_locks: weakref.WeakKeyDictionary[Engine, FairLock] = weakref.WeakKeyDictionary()
_writer_locks_guard = threading.Lock()


def writers(engine: Engine) -> FairLock:
    """The in-process writer queue of ``engine``."""
    with _writer_locks_guard:
        lock = _writer_locks.get(engine)
        if lock is None:
            lock = _writer_locks[engine] = FairLock()
        return lock


class Rejection(Exception):
    """A permanent, per-mutation refusal: recorded with a reason, the queue moves on."""

    #: whether the refused mutation counts as done for the device's "already applied"
    #: mark (``device.last_mutation_id``), so a mutation with a lower id is a duplicate
    counts_as_done = True

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class StampTooFarAhead(Rejection):
    """A change stamped more than ``MAX_FUTURE_MS`` ahead: refused alone, and it does
    not move the device's mark. The device's clock was set far ahead (a mistyped year);
    once it is fixed, the device stamps again from the right time, with LOWER mutation
    ids (derived from its clock) than the refused changes: they must be applied, not
    taken for duplicates of what was refused."""

    counts_as_done = False


@dataclass
class _Row:
    hub_id: str | None
    data: dict[str, Any]
    clocks: dict[str, str]
    exists: bool
    dirty: bool = False
    #: the device whose push made the current state, if it holds all of it (see ``_holder``)
    origin: int | None = None
    #: clocks the pushing device showed it holds for this row (its values and bases)
    seen: set[str] = field(default_factory=set)


@dataclass
class PushOutcome:
    """What a push did, in the order of mutation ids."""

    epoch: str
    results: list[dict[str, Any]]
    last_mutation_id: int
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many mutations ended with ``status``."""
        return sum(1 for r in self.results if r["status"] == status)


def check_epoch(current: str, claimed: str | None) -> None:
    """409 ``epoch_changed`` when the client last saw another epoch (a restored server)."""
    if claimed is not None and claimed != current:
        raise ApiError(
            409,
            "epoch_changed",
            "The server was restored from a backup or reset since this device last synced. "
            "Re-base: set the pull cursor to 0, push the whole local state again with its "
            "original clocks, then pull everything. Send the new epoch from now on.",
            epoch=current,
        )


def check_clocks(
    mutations: Iterable[Mutation], *, now_ms: int | None = None, device_time_ms: int | None = None
) -> None:
    """Refuse the whole push when the device's clock is more than 5 minutes off.

    ``device_time_ms`` is the device's wall clock as it sent the push (the
    ``Harmony-Device-Time`` header): that is what is checked. The clocks of the changes
    are not, because edits made while a computer's clock was wrong keep their stamps
    and must still sync once the clock is right (they merge by the usual rule). A
    device that does not send its time (an older app) is checked by the stamps it
    pushes instead.
    """
    now = wall_clock_ms() if now_ms is None else now_ms
    if device_time_ms is not None:
        offset = device_time_ms - now
        if abs(offset) <= DEFAULT_MAX_DRIFT_MS:
            return
        way = "ahead of" if offset > 0 else "behind"
        raise ApiError(
            422,
            "clock_skew",
            f"This computer's clock is {abs(offset) / 60000:.1f} minutes {way} the server's "
            f"(at most {DEFAULT_MAX_DRIFT_MS // 60000} allowed); nothing was applied. Fix the "
            "date, time and time zone of this computer (or the server's if it is the one "
            "that is wrong), then sync again.",
            ahead_ms=offset,
            server_time_ms=now,
        )
    worst = 0
    for m in mutations:
        stamps: list[Any] = []
        if isinstance(m.clocks, dict):
            stamps.extend(m.clocks.values())
        if isinstance(m.bases, dict):
            stamps.extend(m.bases.values())
        for stamp in stamps:
            if isinstance(stamp, str) and is_valid(stamp):
                worst = max(worst, Timestamp.parse(stamp).millis - now)
    if worst > DEFAULT_MAX_DRIFT_MS:
        raise ApiError(
            422,
            "clock_skew",
            f"This push carries changes stamped up to {worst / 60000:.1f} minutes ahead of the "
            f"server's clock (at most {DEFAULT_MAX_DRIFT_MS // 60000} allowed) and does not say "
            "what this computer's clock reads now; nothing was applied. If this computer's "
            "date, time or time zone is wrong, fix it; if it is right now, update the app "
            "(newer versions send changes made while the clock was wrong).",
            ahead_ms=worst,
            server_time_ms=now,
        )


def validate(
    m: Mutation, *, now_ms: int | None = None
) -> tuple[str, str, str | None, dict[str, Any], dict[str, str], dict]:
    """Check one mutation's shape and every value against the shared schema; return
    (table, row_id, hub_id, values, clocks, bases)."""
    if not isinstance(m.table, str) or m.table not in SYNCED_TABLES:
        raise Rejection("unknown_table", f"Table {_printable(m.table)!r} is not synced.")
    if not is_uuid(m.row_id):
        raise Rejection("bad_row_id", "row_id must be a UUID string in lowercase canonical form.")
    if m.hub_id is not None and not is_uuid(m.hub_id):
        raise Rejection("bad_hub_id", "hub_id must be a lowercase UUID string or null.")
    if m.table == "hub" and m.hub_id != m.row_id:
        raise Rejection("bad_hub_id", "A hub row's hub_id must equal its id.")
    if not isinstance(m.values, dict) or not m.values or len(m.values) > MAX_FIELDS:
        raise Rejection("bad_values", f"values must be an object of 1 to {MAX_FIELDS} fields.")
    values = dict(m.values)
    for name in ENVELOPE_FIELDS:
        if name in values:
            expected = m.row_id if name == "id" else m.hub_id
            if values.pop(name) != expected:
                raise Rejection("bad_values", f"values.{name} disagrees with the envelope's.")
    if not values:
        raise Rejection("bad_values", "values must set at least one field besides id and hub_id.")
    problems = schema.row_problems(m.table, values)
    if problems:
        first = problems[0]
        problem = schema.FieldProblem(first.table, _printable(first.field) or "", first.problem)
        raise Rejection("bad_values", problem.message(m.row_id))
    clocks = m.clocks
    if not isinstance(clocks, dict):
        raise Rejection("bad_clocks", "clocks must be an object with one HLC per field.")
    clocks = {k: v for k, v in clocks.items() if k not in ENVELOPE_FIELDS}
    if set(clocks) != set(values):
        raise Rejection("bad_clocks", "clocks must have exactly one HLC for each field in values.")
    if not all(isinstance(c, str) and is_valid(c) for c in clocks.values()):
        raise Rejection("bad_clocks", "Every clock must be an HLC string (see PROTOCOL.md).")
    ahead = max(Timestamp.parse(c).millis for c in clocks.values()) - (
        wall_clock_ms() if now_ms is None else now_ms
    )
    if ahead > MAX_FUTURE_MS:
        raise StampTooFarAhead(
            "bad_clocks",
            f"A clock is {ahead / 86_400_000:,.0f} days ahead of the server's; no clock that "
            f"was merely wrong for a while is more than {MAX_FUTURE_MS // 86_400_000} days "
            "ahead, so this change was not applied.",
        )
    bases = m.bases if m.bases is not None else {}
    if not isinstance(bases, dict):
        raise Rejection("bad_bases", "bases must be an object of field -> HLC or null.")
    bases = {k: v for k, v in bases.items() if k not in ENVELOPE_FIELDS}
    if not set(bases) <= set(values):
        raise Rejection("bad_bases", "bases may only name fields present in values.")
    if not all(b is None or (isinstance(b, str) and is_valid(b)) for b in bases.values()):
        raise Rejection("bad_bases", "Every base must be an HLC string or null.")
    full_bases = {name: bases.get(name) for name in values}
    return m.table, m.row_id, m.hub_id, values, clocks, full_bases


def _lock(conn: Connection) -> tuple[str, int]:
    """Take the writer lock; return (epoch, last assigned seq).

    THE invariant that makes pull cursors safe: sequence numbers are assigned only
    under this database-wide row lock (the write lock on SQLite), held until commit,
    so they become visible in the order they were assigned. Every transaction that
    writes a ``seq`` must call this first; ``tests/server/conftest.py`` fails any test
    whose writer does not.
    """
    row = conn.execute(
        update(STATE)
        .where(STATE.c.id == 1)
        .values(last_seq=STATE.c.last_seq)
        .returning(STATE.c.epoch, STATE.c.last_seq)
    ).one()
    return str(row.epoch), int(row.last_seq)


def _publish(conn: Connection, seq: int) -> None:
    """Record the last sequence number assigned (pulls read up to it), under the lock."""
    conn.execute(update(STATE).where(STATE.c.id == 1).values(last_seq=seq))


def _one_of(conn: Connection, column: Any, values: list[str]) -> Any:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``, one parameter whose
    prepared (generic) plan still uses the primary key, unlike a 500-parameter IN list."""
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam("ids", values, type_=postgresql.ARRAY(String)))
    return column.in_(values)


def _load_rows(conn: Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], _Row]:
    """The stored rows among ``keys``, by primary key (one query per table and chunk)."""
    found: dict[tuple[str, str], _Row] = {}
    by_table: dict[str, list[str]] = {}
    for table, row_id in sorted(keys):
        by_table.setdefault(table, []).append(row_id)
    for table, row_ids in by_table.items():
        for start in range(0, len(row_ids), 500):
            chunk = row_ids[start : start + 500]
            query = select(
                ROWS.c.row_id, ROWS.c.hub_id, ROWS.c.data, ROWS.c.clocks, ROWS.c.origin
            ).where(ROWS.c.table_name == table, _one_of(conn, ROWS.c.row_id, chunk))
            for r in conn.execute(query):
                found[(table, r.row_id)] = _Row(
                    r.hub_id, dict(r.data), dict(r.clocks), True, origin=r.origin
                )
    return found


def conflict_out(r: Any) -> dict[str, Any]:
    """A stored conflict as the API reports it."""
    created: datetime = as_utc(r.created_at)
    return {
        "id": r.id,
        "table": r.table_name,
        "row_id": r.row_id,
        "hub_id": r.hub_id,
        "field": r.field_name,
        "losing_value": r.losing_value,
        "losing_clock": r.losing_clock,
        "winning_value": r.winning_value,
        "winning_clock": r.winning_clock,
        "created_at": created.isoformat(),
        "resolved": r.resolved_at is not None,
    }


def push(
    engine: Engine,
    device: DeviceContext,
    epoch: str | None,
    mutations: list[Mutation],
    *,
    device_time_ms: int | None = None,
) -> PushOutcome:
    """Apply a device's mutations exactly once, in id order, in one transaction
    (``device_time_ms``: the device's wall clock, see :func:`check_clocks`)."""
    started = wall_clock_ms()
    check_clocks(mutations, now_ms=started, device_time_ms=device_time_ms)
    ordered = sorted(mutations, key=lambda m: m.mutation_id)
    # Shape checks need no database: do them before taking the writer lock.
    shapes: list[tuple[str, str, str | None, dict, dict, dict] | Rejection] = []
    for m in ordered:
        try:
            shapes.append(validate(m, now_ms=started))
        except Rejection as err:
            shapes.append(err)
    now = utcnow()
    with writers(engine), engine.begin() as conn:
        current_epoch, seq = _lock(conn)
        check_epoch(current_epoch, epoch)
        last = int(
            conn.execute(
                select(DEVICES.c.last_mutation_id).where(DEVICES.c.key == device.key)
            ).scalar_one()
        )
        known_hubs = frozenset(h for (h,) in conn.execute(select(HUBS.c.id)))
        results: list[dict[str, Any]] = []
        #: refusals that leave the mark where it is: a retry refuses them again
        resent: set[int] = set()
        checked: list[tuple[Mutation, tuple[str, str, str | None, dict, dict, dict]]] = []
        for m, shape in zip(ordered, shapes, strict=True):
            if m.mutation_id <= last:
                results.append({"mutation_id": m.mutation_id, "status": "duplicate"})
                continue
            if isinstance(shape, Rejection):
                results.append(_rejected(m, shape))
                if shape.counts_as_done:
                    last = m.mutation_id
                else:
                    resent.add(m.mutation_id)
            else:
                last = m.mutation_id
                checked.append((m, shape))
                results.append({"mutation_id": m.mutation_id, "status": "applied"})
        rows = _load_rows(conn, {(c[0], c[1]) for _, c in checked} | _parents(checked))
        shares = scopes.ShareBook.load(conn, [(c[0], c[1], c[3]) for _, c in checked])
        new_conflicts: list[dict[str, Any]] = []
        by_id = {r["mutation_id"]: r for r in results if r["status"] == "applied"}
        for m, (table, row_id, hub_id, values, clocks, bases) in checked:
            try:
                row = _apply(rows, device, known_hubs, table, row_id, hub_id, values)
                shares.admit(rows, device, known_hubs, table, row_id, hub_id, values, row)
            except Rejection as err:
                by_id[m.mutation_id].update(_rejected(m, err))
                continue
            merged = merge_fields(row.data, row.clocks, values, clocks, bases)
            row.seen.update(clocks.values())
            row.seen.update(b for b in bases.values() if b)
            if merged.changed or not row.exists:
                held = _holder(row, device, merged.clocks)
                row.data, row.clocks, row.dirty = merged.values, merged.clocks, True
                row.origin = device.key if held else None
            for name, lose_v, lose_c, win_v, win_c in merged.losers:
                new_conflicts.append(
                    {
                        "hub_id": row.hub_id,
                        "table_name": table,
                        "row_id": row_id,
                        "field_name": name,
                        "losing_value": lose_v,
                        "losing_clock": lose_c,
                        "winning_value": win_v,
                        "winning_clock": win_c,
                        "device_key": device.key,
                        "created_at": now,
                    }
                )
        seq = _write_rows(conn, rows, seq)
        seq = shares.commit(conn, rows, seq)
        conflicts_out: list[dict[str, Any]] = []
        for c in new_conflicts:
            seq += 1
            c["seq"] = seq
        if new_conflicts:
            ids = conn.execute(
                insert(CONFLICTS).returning(CONFLICTS.c.id, sort_by_parameter_order=True),
                new_conflicts,
            ).scalars()
            for c, conflict_id in zip(new_conflicts, ids, strict=True):
                stored = _Obj({**c, "id": conflict_id, "resolved_at": None})
                conflicts_out.append(conflict_out(stored))
        rejected = [
            {
                "device_key": device.key,
                "mutation_id": r["mutation_id"],
                "table_name": r.pop("_table"),
                "row_id": r.pop("_row"),
                "code": r["code"],
                "reason": r["reason"],
                "created_at": now,
            }
            for r in results
            if r["status"] == "rejected"
        ]
        if resent:  # refused again (they did not move the mark): recorded once
            rejected = _not_recorded(conn, device.key, rejected, resent)
        if rejected:
            conn.execute(insert(REJECTIONS), rejected)
        conn.execute(
            update(DEVICES)
            .where(DEVICES.c.key == device.key)
            .values(last_mutation_id=last, last_seen_at=now)
        )
        _publish(conn, seq)
    return PushOutcome(current_epoch, results, last, conflicts_out)


def _not_recorded(
    conn: Connection, device_key: int, rejected: list[dict[str, Any]], resent: set[int]
) -> list[dict[str, Any]]:
    """``rejected`` without the refusals among ``resent`` already recorded for the device
    (the same push retried after a lost response)."""
    query = select(REJECTIONS.c.mutation_id, REJECTIONS.c.code).where(
        REJECTIONS.c.device_key == device_key, REJECTIONS.c.mutation_id.in_(sorted(resent))
    )
    recorded = {(int(i), str(code)) for i, code in conn.execute(query)}
    return [r for r in rejected if (r["mutation_id"], r["code"]) not in recorded]


class _Obj:
    """Attribute access over a dict (so fresh and stored conflicts share ``conflict_out``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.__dict__.update(data)


def _rejected(m: Mutation, err: Rejection) -> dict[str, Any]:
    return {
        "mutation_id": m.mutation_id,
        "status": "rejected",
        "code": err.code,
        "reason": err.reason,
        "_table": _printable(m.table),
        "_row": _printable(m.row_id),
    }


def _printable(value: Any) -> str | None:
    """A short, storable rendering of a field of a rejected mutation (no NUL bytes)."""
    if value is None:
        return None
    text = str(value)[:64].encode("utf-8", "backslashreplace").decode("utf-8")
    return text.replace("\x00", "\\x00")


def _parents(checked: list[tuple[Mutation, tuple]]) -> set[tuple[str, str]]:
    """The parent rows whose hub decides a mutation's hub (a mark's session)."""
    keys = set()
    for _, (table, _row_id, _hub, values, _clocks, _bases) in checked:
        parent = schema.HUB_FROM_PARENT.get(table)
        if parent is not None and isinstance(values.get(parent[0]), str):
            keys.add((parent[1], values[parent[0]]))
    return keys


def _apply(
    rows: dict[tuple[str, str], _Row],
    device: DeviceContext,
    known_hubs: frozenset[str],
    table: str,
    row_id: str,
    hub_id: str | None,
    values: dict[str, Any],
) -> _Row:
    """The row a mutation may merge into, after the hub checks on the STORED hub and,
    for rows whose hub is their parent's, on the parent's stored hub."""
    row = rows.get((table, row_id))
    if row is not None and row.hub_id != hub_id:
        raise Rejection(
            "hub_change", "A row's hub is fixed when it is created; this mutation moves it."
        )
    if not device.can_write(hub_id, known_hubs):
        if hub_id is None:
            raise Rejection("out_of_scope", "Only data-manager devices write programme-wide rows.")
        if device.data_manager and hub_id not in known_hubs:
            raise Rejection("unknown_hub", "The row's hub is not registered on this server.")
        raise Rejection("out_of_scope", "This device is not enrolled for the row's hub.")
    parent = schema.HUB_FROM_PARENT.get(table)
    if parent is not None:
        _check_parent(rows, table, row_id, hub_id, values, row is None, *parent)
    if row is None:
        row = _Row(hub_id, {}, {}, False)
        rows[(table, row_id)] = row
    return row


def _check_parent(
    rows: dict[tuple[str, str], _Row],
    table: str,
    row_id: str,
    hub_id: str | None,
    values: dict[str, Any],
    new: bool,
    field_name: str,
    parent_table: str,
) -> None:
    """A row whose hub comes from its parent: the parent must be stored (or arrive
    earlier in the same push) in the same hub."""
    parent_id = values.get(field_name)
    if parent_id is None:
        if new:
            raise Rejection(
                "unknown_parent",
                f"{table} row {row_id}: a new row must carry {field_name!r}, whose "
                f"{parent_table} decides its hub.",
            )
        return
    parent = rows.get((parent_table, parent_id))
    if parent is None:
        raise Rejection(
            "unknown_parent",
            f"{table} row {row_id}: its {parent_table} {parent_id} is not on the server. "
            f"Push the {parent_table} first (in the same push or an earlier one).",
        )
    if parent.hub_id != hub_id:
        raise Rejection(
            "parent_hub_mismatch",
            f"{table} row {row_id}: its hub must be its {parent_table}'s hub, which is "
            "another one.",
        )


def _holder(row: _Row, device: DeviceContext, clocks: dict[str, str]) -> bool:
    """Whether ``device``, whose push is merged into ``row`` giving field ``clocks``,
    holds every field of the result, so it need not pull the row back (no echo).

    It does when it held the whole state before (it made it, or the row is new), since
    its own change only adds fields it wrote; otherwise when every field's clock is one
    it wrote (the HLC's node is the device id), the genesis clock every device starts
    with, or a clock its push showed it has (a value's clock or a base it replaced: a
    write's fields share one clock, and a device that has one field of a write from a
    pulled state had all of that write's fields). Anything else may be another device's
    field it has never pulled: then the row goes to every device, this one included.
    """
    if not row.exists or row.origin == device.key:
        return True
    return all(
        clock[-16:] == device.node or clock == GENESIS or clock in row.seen
        for clock in clocks.values()
    )


def _write_rows(conn: Connection, rows: dict[tuple[str, str], _Row], seq: int) -> int:
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for (table, row_id), row in rows.items():
        if not row.dirty:
            continue
        seq += 1
        item = {
            "t": table,
            "r": row_id,
            "h": row.hub_id,
            "s": seq,
            "d": row.data,
            "c": row.clocks,
            "o": row.origin,
        }
        (updates if row.exists else inserts).append(item)
    if inserts:
        conn.execute(
            insert(ROWS).values(
                table_name=bindparam("t"),
                row_id=bindparam("r"),
                hub_id=bindparam("h"),
                seq=bindparam("s"),
                data=bindparam("d", type_=ROWS.c.data.type),
                clocks=bindparam("c", type_=ROWS.c.clocks.type),
                origin=bindparam("o", type_=ROWS.c.origin.type),
            ),
            inserts,
        )
    if updates:
        conn.execute(
            update(ROWS)
            .where(ROWS.c.table_name == bindparam("t"), ROWS.c.row_id == bindparam("r"))
            .values(
                seq=bindparam("s"),
                data=bindparam("d", type_=ROWS.c.data.type),
                clocks=bindparam("c", type_=ROWS.c.clocks.type),
                origin=bindparam("o", type_=ROWS.c.origin.type),
            ),
            [{k: v for k, v in u.items() if k != "h"} for u in updates],
        )
    return seq


def _changed_rows(device: DeviceContext, cursor: int, high: int, limit: int, own_rows: bool) -> Any:
    """The query of the first ``limit`` rows of the device's scope with ``cursor < seq
    <= high`` (callers put them in seq order: the query of a hub's device does not).

    A device of a few hubs gets one ordered range scan of the ``(hub_id, seq)`` index per
    hub (and one for programme-wide rows), each stopping after ``limit`` rows, merged by
    seq: a single ``hub_id IN (...)`` would make the database collect and sort every
    remaining row of the scope for each page. The scans pick sequence numbers only, and
    the page's rows are then read by seq: merging whole rows made the database copy and
    sort every row's data (a 1,000-row page's query took 21 ms, now 6 ms). A data
    manager's scan is the seq index.
    """
    # data and clocks as their JSON text: the page decodes them in one go (see ``pull``)
    columns = (
        ROWS.c.table_name,
        ROWS.c.row_id,
        ROWS.c.hub_id,
        ROWS.c.seq,
        cast(ROWS.c.data, Text).label("data"),
        cast(ROWS.c.clocks, Text).label("clocks"),
    )

    def scan(*scope: Any, picked: Any = columns) -> Any:
        return (
            select(*picked)
            .where(
                ROWS.c.seq > cursor,
                ROWS.c.seq <= high,
                *scope,
                true() if own_rows else _not_from(device),
            )
            .order_by(ROWS.c.seq)
            .limit(limit)
        )

    if device.data_manager:
        return scan()
    hubs = sorted(device.hubs)
    seq_only = (ROWS.c.seq,)
    parts = [scan(ROWS.c.hub_id.is_(None), picked=seq_only)]
    parts += [scan(ROWS.c.hub_id == hub, picked=seq_only) for hub in hubs]
    # the families shared with its hubs (a volunteer of two hubs), from other hubs
    parts.append(
        scan(
            ROWS.c.scope_id.in_(scopes.shared_with(hubs)),
            ROWS.c.hub_id.is_not(None),
            ROWS.c.hub_id.not_in(hubs),
            picked=seq_only,
        )
    )
    # Each part as a subquery: SQLite takes ORDER BY and LIMIT only on a whole compound.
    merged = union_all(*(select(part.subquery()) for part in parts)).subquery()
    picked = select(merged.c.seq).order_by(merged.c.seq).limit(limit).subquery()
    return select(*columns).join_from(ROWS, picked, ROWS.c.seq == picked.c.seq)


def _by_seq(row: Any) -> int:
    return int(row.seq)


def _not_from(device: DeviceContext) -> Any:
    """Rows whose current state ``device`` did not make (and hold) itself."""
    return or_(ROWS.c.origin.is_(None), ROWS.c.origin != device.key)


def _scope(column: Any, device: DeviceContext) -> Any:
    if device.data_manager:
        return True
    return or_(column.is_(None), column.in_(sorted(device.hubs)))


@dataclass
class _Page:
    """One page as read: the rows' JSON text (``data``, ``clocks``) as stored."""

    epoch: str
    rows: list[Any]
    conflicts: list[Any]
    cursor: int
    has_more: bool


def _read_page(
    engine: Engine,
    device: DeviceContext,
    epoch: str | None,
    cursor: int,
    limit: int,
    own_rows: bool,
) -> _Page:
    with engine.connect() as conn:
        state = conn.execute(select(STATE.c.epoch, STATE.c.last_seq).where(STATE.c.id == 1)).one()
        check_epoch(state.epoch, epoch)
        high = int(state.last_seq)
        rows: list[Any] = []
        if cursor < high:
            found = conn.execute(_changed_rows(device, cursor, high, limit + 1, own_rows))
            rows = sorted(found, key=_by_seq)
        has_more = len(rows) > limit
        rows = rows[:limit]
        end = int(rows[-1].seq) if has_more else max(high, cursor)
        conflicts: list[Any] = []
        if cursor < end:
            conflicts = list(
                conn.execute(
                    select(CONFLICTS)
                    .where(
                        CONFLICTS.c.seq > cursor,
                        CONFLICTS.c.seq <= end,
                        _scope(CONFLICTS.c.hub_id, device),
                    )
                    .order_by(CONFLICTS.c.seq)
                )
            )
    return _Page(str(state.epoch), rows, conflicts, end, has_more)


def pull(
    engine: Engine,
    device: DeviceContext,
    epoch: str | None,
    cursor: int,
    limit: int,
    *,
    own_rows: bool = False,
    compact: bool = False,
) -> dict[str, Any]:
    """A page of rows changed after ``cursor`` in the device's scope, and their conflicts.

    The upper bound is the last *committed* seq, read first; writers commit in seq order,
    so every row up to it is visible and the returned cursor never passes a row.

    Rows whose current state this device pushed and holds whole (``origin``) are left
    out, as the device has them: no echo. ``own_rows`` includes them (a device whose
    database was restored from an older backup needs them back).

    ``compact``: a row whose fields all have one clock carries ``{"*": clock}`` instead
    of every field's (the device asked for ``"clocks": "compact"``). A row's stored
    clocks always name exactly the fields its values name (every writer sets both
    together: :func:`merge_fields`, the hub registry), so the device gives that clock
    to each field of ``values`` and has exactly the clocks of the full form.
    """
    page = _read_page(engine, device, epoch, cursor, limit, own_rows)
    rows = page.rows
    # One json.loads for the whole page instead of two per row.
    decoded = json.loads("[" + ",".join(f"[{r.data},{r.clocks}]" for r in rows) + "]")
    return {
        "epoch": page.epoch,
        "rows": [
            {
                "table": r.table_name,
                "id": r.row_id,
                "hub_id": r.hub_id,
                "values": values,
                "clocks": _compact(clocks) if compact else clocks,
            }
            for r, (values, clocks) in zip(rows, decoded, strict=True)
        ],
        "conflicts": [conflict_out(c) for c in page.conflicts],
        "cursor": page.cursor,
        "has_more": page.has_more,
    }


@dataclass(frozen=True)
class PageText:
    """A page's response body, and what the request log wants to know of it."""

    text: str
    epoch: str
    rows: int
    last: bool


def pull_json(
    engine: Engine,
    device: DeviceContext,
    epoch: str | None,
    cursor: int,
    limit: int,
    *,
    own_rows: bool = False,
    compact: bool = False,
    extra: dict[str, Any] | None = None,
) -> PageText:
    """:func:`pull`'s page as the JSON text of the response body, with ``extra`` fields
    (the server time) added.

    The rows' values and clocks are written as the JSON text the database holds (the
    server wrote it, from validated pushes), never decoded and encoded again: a first
    sync's page of 1,000 rows is mostly that text, and decoding it, building objects and
    validating them against the response model took most of the request's time. The
    result is the same JSON :func:`pull` describes.

    ``compact``: the clocks of a row written at one clock (almost every row) as
    ``{"*": clock}``, found in the stored text (:func:`_compact_text`): they were 60%
    of a first sync's bytes.
    """
    page = _read_page(engine, device, epoch, cursor, limit, own_rows)
    dumps = _dumps_text
    clocks_text = _compact_text if compact else _as_is
    rows = ",".join(
        f'{{"table":{dumps(r.table_name)},"id":{dumps(r.row_id)},'
        f'"hub_id":{"null" if r.hub_id is None else dumps(r.hub_id)},'
        f'"values":{r.data},"clocks":{clocks_text(r.clocks)}}}'
        for r in page.rows
    )
    head = json.dumps(
        {
            "epoch": page.epoch,
            "conflicts": [conflict_out(c) for c in page.conflicts],
            "cursor": page.cursor,
            "has_more": page.has_more,
            **(extra or {}),
        },
        separators=(",", ":"),
    )
    text = f'{head[:-1]},"rows":[{rows}]}}'
    return PageText(text, page.epoch, len(page.rows), not page.has_more)


#: A flat object of field names whose values are all one clock, as the database writes
#: it out (SQLite's JSON text, written by ``json.dumps``, and PostgreSQL's ``jsonb::text``
#: alike: ``{"a": "x", "b": "x"}``); group 1 is the clock. Field names are lower-case
#: words; a clock, digits, hex digits and dashes. About 2 µs a row.
_ONE_CLOCK = re.compile(r'\{"[a-z0-9_]+": "([0-9a-f-]+)"(?:, "[a-z0-9_]+": "\1")*\}')


def _compact_text(clocks: str) -> str:
    """A row's stored clocks (JSON text) as the pull sends them to a device that reads
    the compact form: ``{"*": clock}`` when every field has that one clock, else as
    stored. Exactly what :func:`_compact` gives for the decoded object (a text the
    pattern does not recognise is sent whole: never wrong, only longer)."""
    one = _ONE_CLOCK.fullmatch(clocks)
    return clocks if one is None else f'{{"*":"{one.group(1)}"}}'


def _compact(clocks: dict[str, str]) -> dict[str, str]:
    """:func:`_compact_text` of decoded clocks."""
    stamps = set(clocks.values())
    if len(stamps) != 1:
        return clocks
    [clock] = stamps
    return {"*": clock} if _ONE_CLOCK.fullmatch(json.dumps(clocks)) else clocks


def _as_is(clocks: str) -> str:
    return clocks


def _dumps_text(value: str) -> str:
    """A string as a JSON string (ids and table names need no escaping; others get it)."""
    if _PLAIN_TEXT.fullmatch(value):
        return f'"{value}"'
    return json.dumps(value)


_PLAIN_TEXT = re.compile(r"[A-Za-z0-9_\-]*")


def resolve_conflicts(
    engine: Engine, device: DeviceContext, epoch: str | None, ids: list[int]
) -> dict[str, Any]:
    """Mark conflicts reviewed; they are re-sent (``resolved: true``) to the hub's devices."""
    now = utcnow()
    with writers(engine), engine.begin() as conn:
        current_epoch, seq = _lock(conn)
        check_epoch(current_epoch, epoch)
        found = list(conn.execute(select(CONFLICTS).where(CONFLICTS.c.id.in_(sorted(set(ids))))))
        visible = {c.id for c in found if device.can_read(c.hub_id)}
        # Another hub's conflict is answered exactly like a missing one: the answer must
        # not tell a device which ids exist outside its hubs.
        unknown = sorted(set(ids) - visible)
        if unknown:
            raise ApiError(
                404,
                "conflict_not_found",
                f"No conflict with id {unknown[0]} in this device's hubs. Pull again and "
                "resolve only the conflicts the server sent.",
            )
        resolved = []
        for c in found:
            if c.resolved_at is None:
                seq += 1
                conn.execute(
                    update(CONFLICTS)
                    .where(CONFLICTS.c.id == c.id)
                    .values(resolved_at=now, resolved_by=device.key, seq=seq)
                )
            resolved.append(c.id)
        _publish(conn, seq)
    return {"epoch": current_epoch, "resolved": resolved}


def new_epoch(engine: Engine) -> str:
    """Start a new epoch (after restoring a backup): clients must re-base.

    Devices' mutation ids are accepted afresh: the restored database may have forgotten
    mutations the devices saw acknowledged, and they will push them again.
    """
    epoch = str(uuid.uuid4())
    with engine.begin() as conn:
        _lock(conn)
        conn.execute(update(STATE).where(STATE.c.id == 1).values(epoch=epoch))
        conn.execute(update(DEVICES).values(last_mutation_id=0))
    return epoch


def current_epoch(engine: Engine) -> str:
    """The epoch clients must send."""
    with engine.connect() as conn:
        return str(conn.execute(select(STATE.c.epoch).where(STATE.c.id == 1)).scalar_one())
