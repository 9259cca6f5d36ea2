"""Applying a pulled page: merge per field, bulk insert new rows, save the cursor.

A page (or several prefetched pages) is applied in ONE transaction together with the
cursor that follows it, so a crash between pages loses nothing and repeats nothing. The
page's newest clock is folded into this device's HLC first. Pulled rows are merged
without change tracking: they are the server's state, never echoed back to it. A row
this laptop cannot apply (a value that does not fit the schema, a malformed clock, a
constraint of the local database) is set aside for review and the rest of the page
applies (``unapplied.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from harmony_desktop.store import settings
from harmony_desktop.store.models import SYNCED_MODELS, SyncedRow
from harmony_desktop.store.replica.clock import Wall, load_clock, observe_all, save_clock
from harmony_desktop.store.replica.conflicts import store_server_conflict
from harmony_desktop.store.replica.outbox import now_iso
from harmony_desktop.store.replica.unapplied import apply_guarded, screen
from harmony_desktop.store.replica.wire import codec, pack_clocks, row_clocks, row_values
from harmony_sync.protocol import merge_fields

if TYPE_CHECKING:
    from harmony_desktop.store.db import Store

log = logging.getLogger(__name__)

#: Called inside a page's transaction after its rows are merged, before its cursor is
#: saved; whatever it raises rolls the whole page back (tests simulate a crash with it).
BeforeCursor = Callable[[int], None]

_CHUNK = 500


def apply_page(
    store: Store,
    rows: list[dict[str, Any]],
    conflicts: list[dict[str, Any]],
    cursor: int,
    *,
    wall: Wall,
    before_cursor: BeforeCursor | None = None,
) -> int:
    """Merge pulled rows and conflicts and save ``cursor``, all in one transaction.

    Returns the number of new conflicts stored. Raises
    :class:`~harmony_desktop.store.replica.clock.PulledClockAhead` (and changes nothing)
    when a pulled clock is too far ahead of this computer's.
    """
    now = now_iso()
    new_conflicts = 0
    with store.raw_write(foreign_keys=False) as s:
        clock = load_clock(s, store.device_id, wall)
        wall_ms = wall()
        by_table: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_table.setdefault(str(row.get("table")), []).append(row)
        # Rows that cannot be applied are set aside for review; the rest go on.
        fitting: dict[type[SyncedRow], list[dict[str, Any]]] = {}
        for table, table_rows in by_table.items():
            model = SYNCED_MODELS.get(table)
            if model is None:
                log.warning("pulled rows of unknown table %s skipped", table)
                continue
            fitting[model] = screen(s, model, table_rows, now=now, wall_ms=wall_ms)
        observe_all(
            clock,
            (
                stamp
                for batch in fitting.values()
                for row in batch
                for stamp in row["clocks"].values()
            ),
        )
        for model, batch in fitting.items():
            apply_guarded(
                s,
                model.__tablename__,  # type: ignore[arg-type]
                batch,
                lambda part, model=model: _merge_rows(s, model, part),  # type: ignore[misc]
                now=now,
            )
        for conflict in conflicts:
            if store_server_conflict(s, conflict, now):
                new_conflicts += 1
        save_clock(s, clock)
        s.flush()
        if before_cursor is not None:
            before_cursor(cursor)
        settings.write(s, settings.SYNC_CURSOR, cursor)
    return new_conflicts


def _merge_rows(s: Session, model: type[SyncedRow], rows: list[dict[str, Any]]) -> None:
    """Merge pulled rows of one table: bulk insert the new ones, merge fields of the rest."""
    shape = codec(model)
    names = shape.fields
    ids = [str(r["id"]) for r in rows]
    existing: dict[str, SyncedRow] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for row in s.exec(select(model).where(col(model.id).in_(chunk))):
            existing[row.id] = row
    fresh: dict[str, dict[str, Any]] = {}
    for pulled in rows:
        row_id = str(pulled["id"])
        values = {k: v for k, v in pulled["values"].items() if k in shape.from_wire}
        clocks = {k: v for k, v in pulled["clocks"].items() if k in shape.from_wire}
        values["hub_id"] = pulled.get("hub_id")
        if "hub_id" not in clocks and clocks:
            clocks["hub_id"] = min(clocks.values())
        current = existing.get(row_id)
        if current is None:
            if not shape.required <= values.keys():
                log.warning("pulled %s row without its required fields skipped", model.__name__)
                continue
            record = {"id": row_id, "clocks": pack_clocks(clocks)}
            for name in names:
                record[name] = (
                    shape.python(name, values[name]) if name in values else shape.default(name)
                )
            fresh[row_id] = record
            continue
        merged = merge_fields(row_values(current), row_clocks(current), values, clocks)
        if not merged.changed:
            continue
        for name, value in merged.changed.items():
            setattr(current, name, shape.python(name, value))
        current.clocks = pack_clocks(merged.clocks)
        s.add(current)
    if fresh:
        _bulk_insert(s, model, list(fresh.values()))


def _bulk_insert(s: Session, model: type[SyncedRow], records: list[dict[str, Any]]) -> None:
    """INSERT many rows through the driver's executemany, stored exactly as the ORM
    stores them (the columns' own bind processing)."""
    shape = codec(model)
    quoted = ", ".join(f'"{name}"' for name in shape.columns)
    marks = ", ".join("?" for _ in shape.columns)
    sql = f'INSERT INTO "{shape.table}" ({quoted}) VALUES ({marks})'
    params = [tuple(shape.stored(name, rec[name]) for name in shape.columns) for rec in records]
    s.connection().exec_driver_sql(sql, params)
