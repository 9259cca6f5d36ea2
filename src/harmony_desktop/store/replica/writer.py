"""The single write path: every change is clock-stamped and queued for sync.

:class:`ChangeWriter` is what :meth:`Store.write` yields. Each ``insert``, ``update`` or
``delete`` call is one change: it stamps the changed fields with a fresh hybrid logical
clock (HLC) reading and appends exactly one outbox entry, inside the caller's
transaction, so a row and its change record commit or roll back together.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlmodel import Session

from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.store.models import SyncedRow, new_id, table_name
from harmony_desktop.store.replica import outbox
from harmony_desktop.store.replica.clock import load_clock, save_clock
from harmony_desktop.store.replica.wire import (
    codec,
    pack_clocks,
    row_clocks,
    row_values,
    to_wire,
)

R = TypeVar("R", bound=SyncedRow)


class ChangeWriter:
    """Writes synced rows inside one transaction, recording each change for sync."""

    def __init__(self, session: Session, device_id: str) -> None:
        self.session = session
        self.device_id = device_id
        self.clock = load_clock(session, device_id)
        self._loaded_last = self.clock.last
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
        self._queue(
            [
                outbox.entry(
                    table_name(model), row.id, row.hub_id, values, stamp, {}, outbox.now_iso()
                )
            ]
        )
        return row

    def insert_many(self, rows: Sequence[SyncedRow], *, queue: bool = True) -> int:
        """Insert many new rows at once (bulk), each stamped and queued like ``insert``.

        For generated or imported data at scale; rows of several tables may be mixed and
        are inserted table by table in the order given by their first appearance, so
        parents must come before children. Returns the number of rows inserted.

        ``queue=False`` stamps the rows without queueing them: they are this database's
        local starting state (the generated demo), not changes to send. A later edit
        of such a row is tracked and synced like any other.
        """
        by_model: dict[type[SyncedRow], list[dict[str, Any]]] = {}
        entries: list[outbox.Entry] = []
        created = outbox.now_iso()
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
            if queue:
                entries.append(
                    outbox.entry(table_name(model), row.id, row.hub_id, values, stamp, {}, created)
                )
        for model, dicts in by_model.items():
            self.session.execute(insert(model.__table__), dicts)  # type: ignore[attr-defined]
        self._queue(entries)
        return len(rows)

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
        fields = codec(model).fields
        table = table_name(model)
        created = outbox.now_iso()
        dicts: list[dict[str, Any]] = []
        entries: list[outbox.Entry] = []
        for given in rows:
            unknown = set(given) - set(defaults) - {"id"}
            if unknown:
                raise ValidationError(
                    _("Unknown field(s) for {table}: {names}").format(
                        table=table, names=", ".join(sorted(unknown))
                    )
                )
            row = {**defaults, **given}
            row_id = row.get("id") or new_id()
            if row["hub_id"] is None and model.SELF_SCOPED:
                row["hub_id"] = row_id
            stamp = self.clock.now()
            values = {name: to_wire(row[name]) for name in fields}
            dicts.append({**row, "id": row_id, "clocks": json.dumps({"*": stamp})})
            entries.append(outbox.entry(table, row_id, row["hub_id"], values, stamp, {}, created))
        if dicts:
            self.session.execute(insert(model.__table__), dicts)  # type: ignore[attr-defined]
        self._queue(entries)
        return len(entries)

    def update(self, row: R, **fields: Any) -> R:
        """Change some fields of an existing row; only fields whose value differs count.

        Returns the row. Writing values equal to the current ones is not a change and
        leaves no outbox entry.
        """
        model = type(row)
        unknown = set(fields) - set(codec(model).fields)
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
        values = {k: to_wire(v) for k, v in changed.items()}
        self._queue(
            [
                outbox.entry(
                    table_name(model), row.id, row.hub_id, values, stamp, bases, outbox.now_iso()
                )
            ]
        )
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

    def _queue(self, entries: list[outbox.Entry]) -> None:
        outbox.queue(self.session, entries)
        self.changes += len(entries)

    def finish(self) -> None:
        """Persist the clock; called by :meth:`Store.write` just before commit."""
        if self.changes or self.clock.last != self._loaded_last:
            save_clock(self.session, self.clock)
