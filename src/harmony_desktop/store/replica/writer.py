"""The single write path: every change is clock-stamped and queued for sync.

:class:`ChangeWriter` is what :meth:`Store.write` yields. Each ``insert``, ``update``,
``delete`` or ``upsert`` of a row is one change: it stamps the changed fields with a
fresh hybrid logical clock (HLC) reading and queues exactly one outbox entry, inside the
caller's transaction, so a row and its change record commit or roll back together.

The writes are fixed, set-based SQL on the transaction's driver connection (one
``executemany`` per table and field set for the batch methods), not the ORM's unit of
work: tracking a change costs little more than the write itself. Rows the session has
loaded are kept up to date in place, so reads later in the same transaction see the
new values; a synced row changed behind the writer's back is refused at commit
(:meth:`finish`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from harmony_desktop.domain.errors import NotFoundError, StoreError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.store.memory import collector_paused
from harmony_desktop.store.models import SyncedRow, new_id
from harmony_desktop.store.replica import outbox, sql
from harmony_desktop.store.replica.clock import (
    HybridLogicalClock,
    Wall,
    load_clock,
    mutation_id_for,
    save_clock,
    wall_clock_ms,
)
from harmony_desktop.store.replica.wire import (
    ISO_TYPES,
    Codec,
    Convert,
    FlatWriter,
    codec,
    dumps_flat,
    restamp_encoded,
    restamp_plan,
    restamp_text,
    single_clock,
    to_wire,
)

R = TypeVar("R", bound=SyncedRow)

#: Ids per ``SELECT ... WHERE id IN (...)`` (SQLite allows 32,766 parameters).
_CHUNK = 500
#: From how many ids :meth:`ChangeWriter.stored_rows` reads an index range ``within``.
_RANGE_FROM = 20
#: From how many rows :meth:`ChangeWriter.upsert_many` pauses the garbage collector.
_PAUSE_FROM = 50


class ChangeWriter:
    """Writes synced rows inside one transaction, recording each change for sync.

    ``connection`` is the connection of the transaction; :meth:`begin` begins it on
    the driver, :meth:`commit` or :meth:`rollback` ends it. SQLAlchemy's side of it
    (:attr:`connection` in a transaction, and :attr:`session`, an ORM session joined to
    it) is made the first time the block uses either: most writes never need it.
    """

    __slots__ = (
        "_clock",
        "_connection",
        "_created",
        "_db",
        "_joined",
        "_kept",
        "_queued",
        "_session",
        "_unrecorded",
        "_version",
        "_wall",
        "changes",
        "device_id",
    )

    def __init__(
        self,
        connection: Connection,
        device_id: str,
        *,
        wall: Wall = wall_clock_ms,
        kept: KeptClock | None = None,
        dbapi: sqlite3.Connection | None = None,
    ) -> None:
        self._connection = connection
        self.device_id = device_id
        self._wall = wall
        self._kept = kept
        self._session: Session | None = None
        self._clock: HybridLogicalClock | None = None  # loaded with the first change
        self._version = -1  # the database's data_version when the clock was taken
        #: whether a stamp was issued that no queued outbox entry records
        self._unrecorded = False
        if dbapi is None:
            found = connection.connection.dbapi_connection
            assert isinstance(found, sqlite3.Connection)
            dbapi = found
        self._db: sqlite3.Connection = dbapi
        #: whether SQLAlchemy's side joined the transaction (see :attr:`connection`)
        self._joined = False
        self._queued: list[outbox.Entry] = []
        self._created: str = ""
        #: how many changes (= outbox entries) this transaction has made
        self.changes: int = 0

    @property
    def connection(self) -> Connection:
        """This transaction's SQLAlchemy connection (in the transaction)."""
        if not self._connection.in_transaction():
            # joins the driver's transaction (the engine's begin hook sees it begun)
            self._connection.begin()
            self._joined = True
        return self._connection

    @property
    def driver(self) -> sqlite3.Connection:
        """The ``sqlite3`` connection of this transaction, for plain reads (writes of
        synced rows go through the writer's methods)."""
        return self._db

    @property
    def session(self) -> Session:
        """An ORM session in this transaction, for reading (and for local bookkeeping
        rows that are not synced)."""
        if self._session is None:
            self._session = Session(bind=self.connection, expire_on_commit=False)
        return self._session

    def begin(self) -> None:
        """Begin the write transaction (``BEGIN IMMEDIATE``: wait for the write lock
        now, so two writers queue instead of failing half-way)."""
        sql.execute(self._db, "BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Commit the transaction (through SQLAlchemy if the block used it)."""
        if self._joined:
            self._connection.commit()
        else:
            try:
                self._db.commit()
            except sqlite3.Error as err:
                raise sql.translated("COMMIT", (), err) from err
        kept = self._kept
        if kept is not None and self._clock is not None:
            kept.keep(self._clock, self._wall, self._version, self._db.total_changes)

    def rollback(self) -> None:
        """Roll the transaction back: nothing of it is kept."""
        if self._kept is not None:
            self._kept.forget()
        if self._joined:
            self._connection.rollback()
        else:
            sql.rollback(self._db)

    @property
    def clock(self) -> HybridLogicalClock:
        """This device's HLC, as the database records it in this transaction."""
        if self._clock is None:
            db = self._db
            try:
                self._version = db.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error as err:
                raise sql.translated("PRAGMA data_version", (), err) from err
            kept = self._kept
            clock = None if kept is None else kept.clock_for(self._wall, self._version, db)
            if clock is None:
                clock = load_clock(db, self.device_id, self._wall)
            self._clock = clock
            self._created = outbox.now_iso()
        return self._clock

    # -- one row -----------------------------------------------------------------------

    def insert(self, row: R) -> R:
        """Add a new row; every data field is stamped and sent. Returns the row (added
        to :attr:`session`, if the block has one, as the object later reads return).

        A hub is its own scope: its ``hub_id`` is set to its ``id``.
        """
        model = type(row)
        shape = codec(model)
        if row.hub_id is None and model.SELF_SCOPED:
            row.hub_id = row.id
        record = {name: getattr(row, name) for name in shape.columns}
        self._insert_records(shape, [record], queue=True)
        row.clocks = record["clocks"]
        if self._session is not None:  # later reads in this session see this very object
            make_transient_to_detached(row)
            self._session.add(row)
        return row

    def update(self, row: R, **fields: Any) -> R:
        """Change some fields of an existing row; only fields whose value differs count.

        Returns the row. Writing values equal to the current ones is not a change and
        leaves no outbox entry.
        """
        model = type(row)
        shape = codec(model)
        self._check_fields(shape, fields)
        if "hub_id" in fields and fields["hub_id"] != row.hub_id:
            raise ValidationError(_("A record cannot be moved to another hub."), "hub_id")
        changed = {k: v for k, v in fields.items() if getattr(row, k) != v}
        if not changed:
            return row
        clocks = self._write_update(shape, row.id, row.hub_id, row.clocks, changed)
        for name, value in changed.items():
            set_committed_value(row, name, value)
        set_committed_value(row, "clocks", clocks)
        return row

    def delete(self, row: R) -> R:
        """Tombstone a row: it stays, marked deleted, and the delete syncs."""
        return self.update(row, deleted=True)

    def upsert(self, model: type[SyncedRow], row_id: str, **fields: Any) -> None:
        """Update the row ``row_id`` if it exists (reviving a tombstone), else insert it.

        Used for rows with deterministic ids (sessions, marks) that another device may
        already have created. The row is written without being loaded as an object.

        The same change as ``upsert_many`` with one row makes, on a shorter path (one
        mark on the register is one upsert): one read of the stored row by id, then one
        INSERT, or one UPDATE and its outbox entry. What the field set needs (the
        check that every field exists, the read's SQL, each field's conversion) is
        worked out once per model and field set (:func:`_one_plan`).
        """
        names = tuple(fields)
        plan = _ONE_PLANS.get((model, names))
        if plan is None:
            plan = self._one_plan(model, names)
        db = self._db
        select = plan.select
        try:
            current = db.execute(select, (row_id,)).fetchone()
        except sqlite3.Error as err:
            raise sql.translated(select, (row_id,), err) from err
        if current is None:
            self._insert_one(plan, row_id, fields)
            return
        rowid, _id, hub_id, deleted, clocks, *values = current
        if plan.sets_hub and fields["hub_id"] != hub_id:
            raise ValidationError(_("A record cannot be moved to another hub."), "hub_id")
        session = self._session
        instance = None if session is None else session.identity_map.get((model, (row_id,), None))
        changed: dict[str, Any]
        if instance is not None or not plan.revives:  # the general path
            changed = _changed(plan.shape, names, fields, values, deleted, instance)
            if changed:
                packed = self._write_one(plan.shape, row_id, rowid, hub_id, clocks, changed)
                if instance is not None:  # kept up to date in the session
                    for name, value in changed.items():
                        set_committed_value(instance, name, value)
                    set_committed_value(instance, "clocks", packed)
            return
        # _changed's comparison with the stored values, inline; ``mask`` says which
        # fields changed (bit i: the i-th given field; the last bit: a tombstone revived)
        changed = {}
        mask = 0
        bit = 1
        for (name, value), old, convert in zip(
            fields.items(), values, plan.converters, strict=True
        ):  # fmt: skip
            if (value if value is None or convert is None else convert(value)) != old:
                changed[name] = value
                mask |= bit
            bit <<= 1
        if deleted:
            changed["deleted"] = False
            mask |= bit
        if not mask:
            return
        change = plan.changes.get(mask)
        if change is None:
            change = plan.change(mask, tuple(changed))
        clock = self._clock
        if clock is None:
            clock = self.clock
        stamp = clock.now()
        restamped, bases_text = restamp_text(
            change.restamp, clocks, plan.shape.fields, change.names, stamp
        )
        params = [
            value if value is None or convert is None else convert(value)
            for value, convert in zip(changed.values(), change.converters, strict=True)
        ]
        params.append(restamped)
        params.append(rowid)
        entry = (
            # mutation_id_for(stamp): this clock's readings are always of fixed width
            int(stamp[:15]) * 100_000 + int(stamp[16:21]),
            change.table,
            row_id,
            hub_id,
            change.values.write(changed),
            stamp,
            bases_text,
            self._created,
        )
        update = change.update
        try:
            db.execute(update, params)
        except sqlite3.Error as err:
            raise sql.translated(update, params, err) from err
        try:
            db.execute(outbox.INSERT_SQL, entry)
        except sqlite3.Error as err:
            raise sql.translated(outbox.INSERT_SQL, entry, err) from err
        self.changes += 1

    def _one_plan(self, model: type[SyncedRow], names: tuple[str, ...]) -> _OnePlan:
        """What :meth:`upsert` needs for ``model`` and the field set ``names`` (see
        :class:`_OnePlan`). Raises :class:`ValidationError` for an unknown field."""
        shape = codec(model)
        self._check_fields(shape, names)
        plan = _OnePlan(shape, names)
        if len(_ONE_PLANS) < 256:  # field sets are few
            _ONE_PLANS[(model, names)] = plan
        return plan

    def _insert_one(self, plan: _OnePlan, row_id: str, fields: dict[str, Any]) -> None:
        """:meth:`_insert_records` of one new row for :meth:`upsert`, on a shorter path
        (a new mark on the register): the model's defaults for the fields not given
        are known once per field set, and the outbox entry is written now rather than
        queued for :meth:`finish`."""
        shape = plan.shape
        record = {**plan.defaults, **fields}
        for name in plan.computed:  # defaults made by a function, made for each row
            record[name] = shape.default(name)
        record["id"] = row_id
        if record["hub_id"] is None and shape.model.SELF_SCOPED:
            record["hub_id"] = row_id
        clock = self._clock
        if clock is None:
            clock = self.clock
        stamp = clock.now()
        record["clocks"] = single_clock(stamp)
        params = shape.stored_row(record)
        entry = (
            mutation_id_for(stamp),
            shape.table,
            row_id,
            record["hub_id"],
            plan.values.write(record),
            stamp,
            "{}",
            self._created,
        )
        db = self._db
        try:
            db.execute(shape.insert_sql, params)
        except sqlite3.Error as err:
            if "UNIQUE constraint failed" in str(err) and f"{shape.table}.id" in str(err):
                raise ValidationError(
                    _("A {table} with id {id} already exists.").format(table=shape.table, id=row_id)
                ) from err
            raise sql.translated(shape.insert_sql, params, err) from err
        try:
            db.execute(outbox.INSERT_SQL, entry)
        except sqlite3.Error as err:
            raise sql.translated(outbox.INSERT_SQL, entry, err) from err
        self.changes += 1

    # -- many rows ---------------------------------------------------------------------

    def stored_rows(
        self,
        model: type[SyncedRow],
        ids: Sequence[str],
        fields: Sequence[str],
        *,
        within: tuple[str, str] | None = None,
    ) -> StoredRows:
        """The stored rows (tombstones too) among ``ids``, with the stored values of
        ``fields``, read in one query per 500: for a caller that needs them before it
        decides what to write, and then hands them to :meth:`upsert_many` (which would
        otherwise read them again).

        ``within`` (an indexed field and its value that every one of ``ids`` has, such
        as a mark's session) reads the rows with that value instead, one index range
        rather than a look-up per id: faster for many ids (a whole session's marks)."""
        shape = codec(model)
        names = tuple(fields)
        self._check_fields(shape, names)
        found: dict[str, tuple[Any, ...]] = {}
        if within is not None and len(ids) >= _RANGE_FROM:
            field, value = within
            self._check_fields(shape, (field,))
            wanted = set(ids)
            for stored in sql.execute(self._db, shape.select_where_sql(names, field), (value,)):
                if stored[0] in wanted:
                    found[stored[0]] = stored
            return StoredRows(model, names, frozenset(wanted), found)
        if len(ids) == 1:  # one row (a key press)
            stored = sql.execute(self._db, shape.select_sql(names, 1), ids).fetchone()
            if stored is not None:
                found[stored[0]] = stored
            return StoredRows(model, names, frozenset(ids), found)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for stored in sql.execute(self._db, shape.select_sql(names, len(chunk)), chunk):
                found[stored[0]] = stored
        return StoredRows(model, names, frozenset(ids), found)

    def upsert_many(
        self,
        model: type[SyncedRow],
        rows: Sequence[Mapping[str, Any]],
        *,
        stored: StoredRows | None = None,
    ) -> int:
        """:meth:`upsert` for many rows of one table, set-based: one query finds the
        existing rows, one ``executemany`` inserts the new ones, one per field set
        updates the rest. Each row that changes is one change (its own clock and outbox
        entry), exactly as one :meth:`upsert` per row would make. Returns the changes.

        ``stored`` (from :meth:`stored_rows`, in this transaction) saves the query when
        it covers every row's id and field."""
        if not rows:
            return 0
        if len(rows) < _PAUSE_FROM:  # one key press: pausing costs more than it saves
            return self._upsert_rows(model, rows, stored)
        with collector_paused():  # 500 rows build thousands of dicts and tuples
            return self._upsert_rows(model, rows, stored)

    def _upsert_rows(
        self,
        model: type[SyncedRow],
        rows: Sequence[Mapping[str, Any]],
        stored: StoredRows | None,
    ) -> int:
        shape = codec(model)
        wanted: dict[str, Mapping[str, Any]] = {}
        checked: set[tuple[str, ...]] = set()
        for given in rows:
            keys = tuple(given)
            if keys not in checked:  # the rows of one call mostly share their keys
                self._check_fields(shape, keys, allow_id=True)
                checked.add(keys)
            wanted[str(given["id"])] = given
        fields = tuple(sorted({name for keys in checked for name in keys if name != "id"}))
        identities = self._identities()
        if stored is not None and stored.covers(model, wanted, fields):
            found, fields = stored.rows, stored.fields
        else:
            found = self.stored_rows(model, list(wanted), fields).rows
        conn = self._db
        before = self.changes
        fresh: list[dict[str, Any]] = []
        updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row_id, given in wanted.items():
            current = found.get(row_id)
            if current is None:
                fresh.append({**given, "id": row_id})
                continue
            _id, hub_id, deleted, clocks, *values = current
            if "hub_id" in given and given["hub_id"] != hub_id:
                raise ValidationError(_("A record cannot be moved to another hub."), "hub_id")
            # SQLAlchemy's identity key: (class, primary key tuple, identity token)
            instance = identities.get((model, (row_id,), None))
            changed = _changed(shape, fields, given, values, deleted, instance)
            if not changed:
                continue
            if len(wanted) == 1:  # one row (a key press): its change written at once
                # (by the rowid read with it: the row's last column)
                packed = self._write_one(shape, row_id, values[-1], hub_id, clocks, changed)
                if instance is not None:
                    for name, value in changed.items():
                        set_committed_value(instance, name, value)
                    set_committed_value(instance, "clocks", packed)
                continue
            names, params = self._update_params(shape, row_id, hub_id, clocks, changed)
            updates.setdefault(names, []).append(params)
            if instance is not None:
                for name, value in changed.items():
                    set_committed_value(instance, name, value)
                set_committed_value(instance, "clocks", params[-2])
        for names, rows_params in updates.items():  # one executemany per field set
            if len(rows_params) == 1:  # one mark: execute costs less than executemany
                sql.execute(conn, shape.update_sql(names), rows_params[0])
            else:
                sql.executemany(conn, shape.update_sql(names), rows_params)
        if len(fresh) == 1:  # one new row (a key press): its change written at once
            given = dict(fresh[0])
            row_id = given.pop("id")
            names = tuple(given)
            plan = _ONE_PLANS.get((model, names))
            if plan is None:
                plan = self._one_plan(model, names)
            self._insert_one(plan, row_id, given)
        elif fresh:
            self._insert_records(shape, [self._complete(shape, r) for r in fresh], queue=True)
        return self.changes - before

    def insert_many(self, rows: Sequence[SyncedRow], *, queue: bool = True) -> int:
        """Insert many new rows at once (bulk), each stamped and queued like ``insert``.

        For generated or imported data at scale; rows of several tables may be mixed and
        are inserted table by table in the order given by their first appearance, so
        parents must come before children. Returns the number of rows inserted. The
        row objects are not added to the session.

        ``queue=False`` stamps the rows without queueing them: they are this database's
        local starting state (the generated demo), not changes to send. A later edit
        of such a row is tracked and synced like any other.
        """
        by_model: dict[type[SyncedRow], list[dict[str, Any]]] = {}
        for row in rows:
            model = type(row)
            if row.hub_id is None and model.SELF_SCOPED:
                row.hub_id = row.id
            shape = codec(model)
            by_model.setdefault(model, []).append({n: getattr(row, n) for n in shape.columns})
        done = 0
        for model, records in by_model.items():
            self._insert_records(codec(model), records, queue=queue)
            done += len(records)
        # the caller's objects carry their stamps, as after ``insert``
        stamps = {r["id"]: r["clocks"] for records in by_model.values() for r in records}
        for row in rows:
            row.clocks = stamps[row.id]
        return done

    def insert_many_values(self, model: type[SyncedRow], rows: Sequence[dict[str, Any]]) -> int:
        """Like :meth:`insert_many` for rows of one table given as field dicts.

        Skips building ORM objects (most of the cost of a 3,500-student import); missing
        fields take the model's defaults and a missing ``id`` a new UUID. Each row is
        stamped and queued exactly as :meth:`insert` would. Returns the rows inserted.
        """
        shape = codec(model)
        records = []
        for given in rows:
            self._check_fields(shape, given, allow_id=True)
            records.append(self._complete(shape, {**given, "id": given.get("id") or new_id()}))
        self._insert_records(shape, records, queue=True)
        return len(records)

    # -- helpers -----------------------------------------------------------------------

    def get(self, model: type[R], row_id: str) -> R:
        """Load a live (not deleted) row or raise :class:`NotFoundError`."""
        row = self.session.get(model, row_id)
        if row is None or row.deleted:
            raise NotFoundError(
                _("No {table} with id {id}.").format(table=codec(model).table, id=row_id)
            )
        return row

    def finish(self) -> None:
        """Write the queued outbox entries (their mutation ids record the clock's new
        readings; the ``CLOCK`` setting is written only for stamps no entry records);
        called by :meth:`Store.write` just before commit. Refuses a synced row changed
        without the writer."""
        if self._session is None and not self._queued and not self._unrecorded:
            return  # one change written as it was made (one mark): nothing left to do
        if self._session is not None:
            session = self._session
            bypassed = [o for o in (*session.new, *session.dirty) if isinstance(o, SyncedRow)]
            if bypassed:
                raise StoreError(
                    _(
                        "A {table} row was changed without the change writer; nothing was saved."
                    ).format(table=codec(type(bypassed[0])).table)
                )
            session.flush()  # local bookkeeping rows added through the session
        if self._queued:
            outbox.queue(self._db, self._queued)
            self._queued = []
        if self._clock is not None and self._unrecorded:
            save_clock(self._db, self._clock)

    def close(self) -> None:
        """Release the ORM session, if one was made (the transaction ends with the
        connection)."""
        if self._session is not None:
            self._session.close()
            self._session = None

    def _identities(self) -> Any:
        """The session's identity map (empty when no session was made)."""
        return self._session.identity_map if self._session is not None else {}

    def _check_fields(self, shape: Codec, fields: Iterable[str], *, allow_id: bool = False) -> None:
        allowed = shape.from_wire.keys()
        if type(fields) is dict and fields.keys() <= allowed:
            return  # all known (the keys views compare in C)
        if type(fields) is tuple and (fields, allow_id) in shape.checked:
            return  # a field set seen before (a mark's, on every key press)
        unknown = {k for k in fields if k not in allowed and not (allow_id and k == "id")}
        if unknown:
            raise ValidationError(
                _("Unknown field(s) for {table}: {names}").format(
                    table=shape.table, names=", ".join(sorted(unknown))
                )
            )
        if type(fields) is tuple and len(shape.checked) < 256:  # field sets are few
            shape.checked.add((fields, allow_id))

    def _complete(self, shape: Codec, given: Mapping[str, Any]) -> dict[str, Any]:
        """A full record of a new row: the model's defaults for what is not given."""
        record = {
            name: given[name] if name in given else shape.default(name) for name in shape.fields
        }
        record["id"] = given["id"]
        if record["hub_id"] is None and shape.model.SELF_SCOPED:
            record["hub_id"] = record["id"]
        record["clocks"] = "{}"
        return record

    def _insert_records(self, shape: Codec, records: list[dict[str, Any]], *, queue: bool) -> None:
        """INSERT full records (stamping each) in one executemany."""
        clock = self.clock
        created = self._created
        for record in records:
            stamp = clock.now()
            record["clocks"] = single_clock(stamp)
            if queue:
                values = {name: to_wire(record[name]) for name in shape.fields}
                self._queued.append(
                    outbox.entry(
                        shape.table, record["id"], record["hub_id"], values, stamp, {}, created
                    )
                )
        try:
            if len(records) == 1:
                sql.execute(self._db, shape.insert_sql, shape.stored_row(records[0]))
            else:
                sql.executemany(self._db, shape.insert_sql, [shape.stored_row(r) for r in records])
        except Exception as err:
            if "UNIQUE constraint failed" in str(err) and f"{shape.table}.id" in str(err):
                raise ValidationError(
                    _("A {table} with id {id} already exists.").format(
                        table=shape.table, id=_duplicate(self._db, shape, records)
                    )
                ) from err
            raise
        if queue:
            self.changes += len(records)
        else:
            self._unrecorded = True

    def _write_update(
        self,
        shape: Codec,
        row_id: str,
        hub_id: str | None,
        packed: str,
        changed: dict[str, Any],
    ) -> str:
        """UPDATE the changed fields of one row and queue the change; returns its clocks."""
        names, params = self._update_params(shape, row_id, hub_id, packed, changed)
        sql.execute(self._db, shape.update_sql(names), params)
        return str(params[-2])

    def _write_one(
        self,
        shape: Codec,
        row_id: str,
        rowid: int | None,
        hub_id: str | None,
        packed: str,
        changed: dict[str, Any],
    ) -> str:
        """:meth:`_write_update` of one row on a shorter path (one mark on the register):
        the UPDATE, of the row by the ``rowid`` read in this transaction (or by its id,
        for ``rowid`` None), and the outbox entry's INSERT, the entry written now rather
        than queued for :meth:`finish`. Returns the new clocks."""
        names = tuple(changed)
        key = (shape.table, names, rowid is None)
        how = _ONE_WRITES.get(key)
        if how is None:
            how = _OneWrite(shape, names, "id" if rowid is None else "rowid")
            if len(_ONE_WRITES) < 1024:  # field sets and changes are few
                _ONE_WRITES[key] = how
        clock = self._clock
        if clock is None:
            clock = self.clock
        stamp = clock.now()
        restamped, bases_text = restamp_text(how.restamp, packed, shape.fields, names, stamp)
        params = [
            value if value is None or convert is None else convert(value)
            for value, convert in zip(changed.values(), how.converters, strict=True)
        ]
        params.append(restamped)
        params.append(row_id if rowid is None else rowid)
        values = {
            name: value.isoformat() if isinstance(value, ISO_TYPES) else value
            for name, value in changed.items()
        }
        entry = (
            mutation_id_for(stamp),
            shape.table,
            row_id,
            hub_id,
            dumps_flat(values),
            stamp,
            bases_text,
            self._created,
        )
        db = self._db
        update = how.update
        try:
            db.execute(update, params)
        except sqlite3.Error as err:
            raise sql.translated(update, params, err) from err
        try:
            db.execute(outbox.INSERT_SQL, entry)
        except sqlite3.Error as err:
            raise sql.translated(outbox.INSERT_SQL, entry, err) from err
        self.changes += 1
        return restamped

    def _update_params(
        self,
        shape: Codec,
        row_id: str,
        hub_id: str | None,
        packed: str,
        changed: dict[str, Any],
    ) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """Stamp a change of ``changed`` fields and queue it; returns the UPDATE's field
        names and parameters (the new values, the new clocks, the id)."""
        params, entry = self._stamped(shape, row_id, hub_id, packed, changed)
        self._queued.append(entry)
        return tuple(changed), tuple(params)

    def _stamped(
        self,
        shape: Codec,
        row_id: str,
        hub_id: str | None,
        packed: str,
        changed: dict[str, Any],
    ) -> tuple[list[Any], outbox.Entry]:
        """Stamp a change of ``changed`` fields (counted in :attr:`changes`): the UPDATE's
        parameters (the new values as stored, the new clocks, the id) and the change's
        outbox entry."""
        clock = self._clock
        if clock is None:
            clock = self.clock
        stamp = clock.now()
        restamped, bases, bases_text = restamp_encoded(packed, shape.fields, changed, stamp)
        to_column = shape.to_column
        params: list[Any] = []
        values: dict[str, Any] = {}  # the new values on the wire
        for name, value in changed.items():
            if value is None or (convert := to_column[name]) is None:
                params.append(value)
            else:
                params.append(convert(value))
            values[name] = value.isoformat() if isinstance(value, ISO_TYPES) else value
        params.append(restamped)
        params.append(row_id)
        entry = outbox.entry(
            shape.table, row_id, hub_id, values, stamp, bases, self._created, bases_text=bases_text
        )
        self.changes += 1
        return params, entry


class KeptClock:
    """A kept write connection's clock from one write to its next.

    Loading the clock is a query and some parsing on every write; after a write on the
    same connection the clock in memory is what the database records, unless something
    else has written since: another connection (SQLite's ``data_version`` moves when
    one commits) or this connection outside the writer (its ``total_changes`` moves).
    Either way, and after a rollback, the next write loads the clock again."""

    __slots__ = ("_changes", "_clock", "_version", "_wall")

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Let the next write load the clock from the database."""
        self._clock: HybridLogicalClock | None = None
        self._wall: Wall | None = None
        self._version = -1
        self._changes = -1

    def keep(self, clock: HybridLogicalClock, wall: Wall, version: int, changes: int) -> None:
        """Keep ``clock`` after a commit that left the database at ``version`` (as this
        connection read it in the transaction) and the connection at ``changes``."""
        self._clock, self._wall, self._version, self._changes = clock, wall, version, changes

    def clock_for(
        self, wall: Wall, version: int, db: sqlite3.Connection
    ) -> HybridLogicalClock | None:
        """The kept clock if nothing has written since it was kept, else None."""
        if (
            self._clock is not None
            and version == self._version
            and db.total_changes == self._changes
            and wall is self._wall
        ):
            return self._clock
        return None


@dataclass(frozen=True)
class StoredRows:
    """Rows as :meth:`ChangeWriter.stored_rows` read them: by id, each ``(id, hub_id,
    deleted, clocks, *values of fields, rowid)``; ``ids`` are those looked for (found or
    not)."""

    model: type[SyncedRow]
    fields: tuple[str, ...]
    ids: frozenset[str]
    rows: dict[str, tuple[Any, ...]]

    def covers(
        self, model: type[SyncedRow], wanted: Mapping[str, object], fields: Sequence[str]
    ) -> bool:
        """True if these rows answer for every id in ``wanted`` and every field."""
        return (
            model is self.model
            and self.ids.issuperset(wanted)
            and set(self.fields).issuperset(fields)
        )


_ABSENT = object()


class _OnePlan:
    """What :meth:`ChangeWriter.upsert` needs of a model and a field set, worked out once:
    the model's codec, the read of the stored row, each field's Python to stored value
    conversion, whether the fields set ``hub_id``, a new row's defaults for the fields
    not given (plain ones once; ``computed``: those a function makes) and its change's
    JSON writer, and the :class:`_Change` of each set of fields that changes.

    ``revives``: "deleted" is not among the fields, so a change of a stored tombstone
    sets it back to False (with it among them, the general path decides)."""

    __slots__ = (
        "changes",
        "computed",
        "converters",
        "defaults",
        "revives",
        "select",
        "sets_hub",
        "shape",
        "values",
    )

    def __init__(self, shape: Codec, names: tuple[str, ...]) -> None:
        self.shape = shape
        self.select = shape.select_one_sql(names)
        self.converters: tuple[Convert, ...] = tuple(shape.to_column[n] for n in names)
        self.sets_hub = "hub_id" in names
        self.revives = "deleted" not in names
        missing = [n for n in shape.fields if n not in names]
        self.defaults = {n: shape.defaults[n] for n in missing if n in shape.defaults}
        self.computed = tuple(n for n in missing if n not in shape.defaults)
        self.values = FlatWriter(shape.fields)  # a new row's change: every field
        self.changes: dict[int, _Change] = {}

    def change(self, mask: int, names: tuple[str, ...]) -> _Change:
        """The :class:`_Change` of the fields ``names`` (``mask``, see ``upsert``)."""
        found = _Change(self.shape, names)
        if len(self.changes) < 64:  # the sets of fields that change are few
            self.changes[mask] = found
        return found


class _Change:
    """What :meth:`ChangeWriter.upsert` needs to write a change of the fields ``names``
    of one stored row, worked out once: the UPDATE by rowid, each field's conversion,
    the restamp plan and the writer of the change's values as JSON."""

    __slots__ = ("converters", "names", "restamp", "table", "update", "values")

    def __init__(self, shape: Codec, names: tuple[str, ...]) -> None:
        self.names = names
        self.table = shape.table
        self.update = shape.update_sql(names, "rowid")
        self.converters: tuple[Convert, ...] = tuple(shape.to_column[n] for n in names)
        self.restamp = restamp_plan(shape.fields, names)
        self.values = FlatWriter(names)


class _OneWrite:
    """What :meth:`ChangeWriter._write_one` needs of a model and the fields that change,
    worked out once: the UPDATE by ``key`` (rowid or id), each field's conversion, the
    restamp plan."""

    __slots__ = ("converters", "restamp", "update")

    def __init__(self, shape: Codec, names: tuple[str, ...], key: str) -> None:
        self.update = shape.update_sql(names, key)
        self.converters: tuple[Convert, ...] = tuple(shape.to_column[n] for n in names)
        self.restamp = restamp_plan(shape.fields, names)


_ONE_PLANS: dict[tuple[type[SyncedRow], tuple[str, ...]], _OnePlan] = {}
_ONE_WRITES: dict[tuple[str, tuple[str, ...], bool], _OneWrite] = {}


def _changed(
    shape: Codec,
    names: tuple[str, ...],
    given: Mapping[str, Any],
    stored: Sequence[Any],
    deleted: Any,
    instance: SyncedRow | None,
) -> dict[str, Any]:
    """The fields of ``given`` whose value differs from the row's: from ``instance`` when
    the ORM session holds the row, else from ``stored`` (the stored values of ``names``,
    compared as SQLite stores each value). Writing to a tombstone revives it
    (``deleted`` becomes False)."""
    changed: dict[str, Any] = {}
    if instance is not None:  # compare with what this session already holds
        for name, value in given.items():
            if name != "id" and getattr(instance, name) != value:
                changed[name] = value
    else:
        positions = shape.positions(names)
        for name, value in given.items():
            if name == "id":
                continue
            index, convert = positions[name]
            if (value if value is None or convert is None else convert(value)) != stored[index]:
                changed[name] = value
    if deleted:
        changed["deleted"] = False
    return changed


def _duplicate(conn: sqlite3.Connection, shape: Codec, records: list[dict[str, Any]]) -> str:
    """The first id among ``records`` that already exists (for the error message)."""
    for record in records:
        if sql.execute(
            conn, f'SELECT 1 FROM "{shape.table}" WHERE id = ?', (record["id"],)
        ).fetchone():
            return str(record["id"])
    return str(records[0]["id"])
