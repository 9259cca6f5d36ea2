"""The single write path: every change is clock-stamped and queued for sync.

:class:`ChangeWriter` is what :meth:`Store.write` yields. Each ``insert``, ``update`` or
``delete`` call is one change: it stamps the changed fields with a fresh hybrid logical
clock (HLC) reading and appends exactly one :class:`Outbox` entry, inside the caller's
transaction, so a row and its change record commit or roll back together.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlmodel import Session

from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.store.models import (
    Outbox,
    SyncedRow,
    data_fields,
    new_id,
    table_name,
)
from harmony_sync.hlc import HybridLogicalClock, Timestamp

R = TypeVar("R", bound=SyncedRow)

HLC_META_KEY = "hlc"


def mutation_id_for(clock: str) -> int:
    """The outbox/mutation id of a change stamped ``clock``.

    Derived from the HLC reading, so ids keep increasing on this device even after the
    database is restored from an older backup (the wall clock has moved on).
    """
    ts = Timestamp.parse(clock)
    return ts.millis * 100_000 + ts.counter


def to_wire(value: Any) -> Any:
    """A Python field value as a JSON scalar (dates and times as ISO strings)."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _base_type(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def from_wire(model: type[SyncedRow], name: str, value: Any) -> Any:
    """A JSON scalar received for ``model.name`` as the Python value the column holds."""
    if value is None:
        return None
    kind = _base_type(model.model_fields[name].annotation)
    if kind is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if kind is dt.time and isinstance(value, str):
        return dt.time.fromisoformat(value)
    if kind is bool:
        return bool(value)
    return value


def row_clocks(row: SyncedRow) -> dict[str, str]:
    """The field → HLC map of a row.

    Stored compactly: ``"*"`` holds the clock shared by most fields (the insert), and
    only fields written since carry their own entry.
    """
    stored: dict[str, str] = json.loads(row.clocks or "{}")
    default = stored.get("*")
    clocks = {name: stored.get(name, default) for name in data_fields(type(row))}
    return {name: clock for name, clock in clocks.items() if clock is not None}


def pack_clocks(clocks: dict[str, str]) -> str:
    """The compact stored form of a field → HLC map (see :func:`row_clocks`)."""
    if not clocks:
        return "{}"
    counts: dict[str, int] = {}
    for clock in clocks.values():
        counts[clock] = counts.get(clock, 0) + 1
    default = max(counts, key=lambda c: (counts[c], c))
    packed = {"*": default}
    packed.update({name: clock for name, clock in clocks.items() if clock != default})
    return json.dumps(packed, sort_keys=True)


def row_values(row: SyncedRow) -> dict[str, Any]:
    """Every synced data field of a row, as wire values."""
    return {name: to_wire(getattr(row, name)) for name in data_fields(type(row))}


# The per-write bookkeeping is plain SQL on the session's connection: fixed statements,
# no ORM unit of work, so change tracking costs little more than the write itself.
_LOAD_CLOCK_SQL = "SELECT value FROM local_meta WHERE key = ?"
_SAVE_CLOCK_SQL = (
    "INSERT INTO local_meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_QUEUE_SQL = (
    'INSERT INTO outbox (mutation_id, table_name, row_id, hub_id, "values", clock, bases, '
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def load_clock(session: Session, device_id: str) -> HybridLogicalClock:
    """This device's HLC, continuing from the last reading stored in the database.

    Read in the caller's transaction on every write (not cached in memory), so two
    processes writing the same file (the window and a scheduled ``harmony-desktop
    sync``) never issue the same or a smaller reading.
    """
    row = session.connection().exec_driver_sql(_LOAD_CLOCK_SQL, (HLC_META_KEY,)).first()
    return HybridLogicalClock(device_id, last=row[0] if row else None)


def save_clock(session: Session, clock: HybridLogicalClock) -> None:
    """Persist the clock's last reading in the current transaction."""
    session.connection().exec_driver_sql(_SAVE_CLOCK_SQL, (HLC_META_KEY, clock.last))


class ChangeWriter:
    """Writes synced rows inside one transaction, recording each change for sync."""

    def __init__(self, session: Session, device_id: str) -> None:
        self.session = session
        self.device_id = device_id
        self.clock = load_clock(session, device_id)
        #: how many changes (= outbox entries) this transaction has made
        self.changes = 0

    # -- the three kinds of change ----------------------------------------------------

    def insert(self, row: R) -> R:
        """Add a new row; every data field is stamped and sent.

        A hub is its own scope: its ``hub_id`` is set to its ``id``.
        """
        model = type(row)
        if self.session.get(model, row.id) is not None:
            raise ValidationError(
                _("A {table} with id {id} already exists.").format(
                    table=table_name(model), id=row.id
                )
            )
        if row.hub_id is None and model.SELF_SCOPED:
            row.hub_id = row.id
        stamp = self.clock.now()
        values = row_values(row)
        row.clocks = json.dumps({"*": stamp})
        self.session.add(row)
        self.session.flush()
        self._queue(row, values, stamp, {})
        return row

    def insert_many(self, rows: Sequence[SyncedRow]) -> int:
        """Insert many new rows at once (bulk), each stamped and queued like ``insert``.

        For generated or imported data at scale; rows of several tables may be mixed and
        are inserted table by table in the order given by their first appearance, so
        parents must come before children. Returns the number of rows inserted.
        """
        by_model: dict[type[SyncedRow], list[dict[str, Any]]] = {}
        outbox: list[dict[str, Any]] = []
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        for row in rows:
            model = type(row)
            if row.hub_id is None and model.SELF_SCOPED:
                row.hub_id = row.id
            stamp = self.clock.now()
            row.clocks = json.dumps({"*": stamp})
            values = row_values(row)
            by_model.setdefault(model, []).append(
                {"id": row.id, "clocks": row.clocks, **{k: getattr(row, k) for k in values}}
            )
            outbox.append(
                {
                    "mutation_id": mutation_id_for(stamp),
                    "table_name": table_name(model),
                    "row_id": row.id,
                    "hub_id": row.hub_id,
                    "values": json.dumps(values, sort_keys=True),
                    "clock": stamp,
                    "bases": "{}",
                    "created_at": created,
                }
            )
        for model, dicts in by_model.items():
            self.session.execute(insert(model.__table__), dicts)  # type: ignore[attr-defined]
        if outbox:
            self.session.execute(insert(Outbox.__table__), outbox)  # type: ignore[attr-defined]
        self.changes += len(outbox)
        return len(outbox)

    def insert_many_values(self, model: type[SyncedRow], rows: Sequence[dict[str, Any]]) -> int:
        """Like :meth:`insert_many` for rows of one table given as field dicts.

        Skips building ORM objects (most of the cost of a 3,500-student import); missing
        fields take the model's defaults and a missing ``id`` a new UUID. Each row is
        stamped and queued exactly as :meth:`insert` would. Returns the rows inserted.
        """
        defaults = {
            name: info.get_default(call_default_factory=True)
            for name, info in model.model_fields.items()
            if name not in ("id", "clocks")
        }
        fields = data_fields(model)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        dicts: list[dict[str, Any]] = []
        outbox: list[dict[str, Any]] = []
        for given in rows:
            unknown = set(given) - set(defaults) - {"id"}
            if unknown:
                raise ValidationError(
                    _("Unknown field(s) for {table}: {names}").format(
                        table=table_name(model), names=", ".join(sorted(unknown))
                    )
                )
            row = {**defaults, **given}
            row_id = row.get("id") or new_id()
            if row["hub_id"] is None and model.SELF_SCOPED:
                row["hub_id"] = row_id
            stamp = self.clock.now()
            values = {name: to_wire(row[name]) for name in fields}
            dicts.append({**row, "id": row_id, "clocks": json.dumps({"*": stamp})})
            outbox.append(
                {
                    "mutation_id": mutation_id_for(stamp),
                    "table_name": table_name(model),
                    "row_id": row_id,
                    "hub_id": row["hub_id"],
                    "values": json.dumps(values, sort_keys=True),
                    "clock": stamp,
                    "bases": "{}",
                    "created_at": created,
                }
            )
        if dicts:
            self.session.execute(insert(model.__table__), dicts)  # type: ignore[attr-defined]
            self.session.execute(insert(Outbox.__table__), outbox)  # type: ignore[attr-defined]
        self.changes += len(outbox)
        return len(outbox)

    def update(self, row: R, **fields: Any) -> R:
        """Change some fields of an existing row; only fields whose value differs count.

        Returns the row. Writing values equal to the current ones is not a change and
        leaves no outbox entry.
        """
        model = type(row)
        allowed = set(data_fields(model))
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(
                _("Unknown field(s) for {table}: {names}").format(
                    table=table_name(model), names=", ".join(sorted(unknown))
                )
            )
        if "hub_id" in fields and fields["hub_id"] != row.hub_id:
            raise ValidationError(_("A record cannot be moved to another hub."), "hub_id")
        changed = {k: v for k, v in fields.items() if getattr(row, k) != v}
        if not changed:
            return row
        stamp = self.clock.now()
        clocks = row_clocks(row)
        bases = {name: clocks.get(name) for name in changed}
        for name, value in changed.items():
            setattr(row, name, value)
            clocks[name] = stamp
        row.clocks = pack_clocks(clocks)
        self.session.add(row)
        self.session.flush()
        self._queue(row, {k: to_wire(v) for k, v in changed.items()}, stamp, bases)
        return row

    def delete(self, row: R) -> R:
        """Tombstone a row: it stays, marked deleted, and the delete syncs."""
        return self.update(row, deleted=True)

    # -- helpers -----------------------------------------------------------------------

    def get(self, model: type[R], row_id: str) -> R:
        """Load a live (not deleted) row or raise :class:`NotFoundError`."""
        row = self.session.get(model, row_id)
        if row is None or row.deleted:
            raise NotFoundError(
                _("No {table} with id {id}.").format(table=table_name(model), id=row_id)
            )
        return row

    def upsert(self, model: type[R], row_id: str, **fields: Any) -> R:
        """Update the row ``row_id`` if it exists (reviving a tombstone), else insert it.

        Used for rows with deterministic ids (sessions, marks) that another device may
        already have created.
        """
        existing = self.session.get(model, row_id)
        if existing is None:
            return self.insert(model(id=row_id, **fields))
        if existing.deleted:
            fields = {**fields, "deleted": False}
        return self.update(existing, **fields)

    def _queue(
        self, row: SyncedRow, values: dict[str, Any], stamp: str, bases: dict[str, str | None]
    ) -> None:
        self.session.connection().exec_driver_sql(
            _QUEUE_SQL,
            (
                mutation_id_for(stamp),
                table_name(row),
                row.id,
                row.hub_id,
                json.dumps(values, sort_keys=True),
                stamp,
                json.dumps(bases, sort_keys=True),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        self.changes += 1

    def finish(self) -> None:
        """Persist the clock; called by :meth:`Store.write` just before commit."""
        if self.changes:
            save_clock(self.session, self.clock)
