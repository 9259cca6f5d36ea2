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

import contextlib
import logging
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from harmony_desktop.store import settings
from harmony_desktop.store.models import SYNCED_MODELS, SyncedRow
from harmony_desktop.store.replica import sql
from harmony_desktop.store.replica.clock import Wall, load_clock, observe_all, save_clock
from harmony_desktop.store.replica.conflicts import store_server_conflict
from harmony_desktop.store.replica.outbox import now_iso
from harmony_desktop.store.replica.unapplied import apply_guarded, fits_whole, screen
from harmony_desktop.store.replica.wire import (
    Codec,
    Convert,
    codec,
    expand_pulled_clocks,
    pack_clocks,
    row_clocks,
    row_values,
    single_clock,
)
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
    expand_pulled_clocks(rows)  # {"*": clock} -> every field's, as the full form says
    with store.raw_write(foreign_keys=False) as s, _bulk_cache(s, len(rows)):
        clock = load_clock(s, store.device_id, wall)
        wall_ms = wall()
        by_table: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_table.setdefault(str(row.get("table")), []).append(row)
        newest = ""
        # Rows that cannot be applied are set aside for review; the rest go on.
        fitting: dict[type[SyncedRow], list[dict[str, Any]]] = {}
        for table, table_rows in by_table.items():
            model = SYNCED_MODELS.get(table)
            if model is None:
                log.warning("pulled rows of unknown table %s skipped", table)
                stamps = (c for row in table_rows for c in row.get("clocks", {}).values())
                newest = max(newest, max(stamps, default=""))
                continue
            whole = fits_whole(model, table_rows, wall_ms)  # the usual case, checked fast
            if whole is not None:
                fitting[model] = table_rows
                newest = max(newest, whole)
                continue
            fitting[model] = batch = screen(s, model, table_rows, now=now, wall_ms=wall_ms)
            for row in batch:
                newest = max(newest, max(row["clocks"].values(), default=""))
        # Refused (raises, the transaction rolls back) if too far in the future.
        observe_all(clock, [newest])
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
    """Merge pulled rows of one table: bulk insert the new ones (straight from wire to
    stored values, a column at a time, one executemany), merge the fields of the rest."""
    shape = codec(model)
    conn = sql.connection(s)
    ids = [str(r["id"]) for r in rows]
    known: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        found = sql.execute(conn, f'SELECT id FROM "{shape.table}" WHERE id IN ({marks})', chunk)
        known.update(r[0] for r in found)
    new = [(row_id, r) for row_id, r in zip(ids, rows, strict=True) if row_id not in known]
    if new and len({row_id for row_id, _r in new}) == len(new):  # each new row once
        _insert_new(conn, shape, [row_id for row_id, _r in new], [r for _id, r in new])
        rows = [r for row_id, r in zip(ids, rows, strict=True) if row_id in known]
    existing: dict[str, SyncedRow] = {}
    wanted = sorted(known)
    for start in range(0, len(wanted), _CHUNK):
        for row in s.exec(select(model).where(col(model.id).in_(wanted[start : start + _CHUNK]))):
            existing[row.id] = row
    fields = shape.from_wire.keys()
    required = shape.required
    plan = shape.pulled_plan
    fresh: dict[str, tuple[Any, ...]] = {}
    for pulled in rows:
        row_id = str(pulled["id"])
        values: dict[str, Any] = pulled["values"]
        clocks: dict[str, str] = pulled["clocks"]
        if not clocks.keys() <= fields:  # fields this version does not know: ignored
            clocks = {k: v for k, v in clocks.items() if k in fields}
        if not values.keys() <= fields:
            values = {k: v for k, v in values.items() if k in fields}
        stamps = iter(clocks.values())
        first = next(stamps, "")
        single = all(c == first for c in stamps)
        current = existing.get(row_id)
        if current is None:
            if row_id in fresh:  # the same row twice in one batch: merge, not insert
                _insert_fresh(conn, shape, fresh)
                fresh.clear()
                existing[row_id] = s.exec(select(model).where(model.id == row_id)).one()
                current = existing[row_id]
            else:
                if not required <= values.keys():
                    log.warning("pulled %s row without its required fields skipped", model.__name__)
                    continue
                if single:
                    packed = single_clock(first) if first else "{}"
                else:  # hub_id travels in the envelope, with the row's creation clock
                    packed = pack_clocks({"hub_id": min(clocks.values()), **clocks})
                get = values.get
                fresh[row_id] = (
                    row_id,
                    pulled.get("hub_id"),
                    packed,
                    *[
                        default
                        if (value := get(name, _MISSING)) is _MISSING
                        else (value if convert is None or value is None else convert(value))
                        for name, convert, default in plan
                    ],
                )
                continue
        values = {**values, "hub_id": pulled.get("hub_id")}
        clocks = dict(clocks)
        if "hub_id" not in clocks and clocks:
            clocks["hub_id"] = min(clocks.values())
        merged = merge_fields(row_values(current), row_clocks(current), values, clocks)
        if not merged.changed:
            continue
        for name, value in merged.changed.items():
            setattr(current, name, shape.python(name, value))
        current.clocks = pack_clocks(merged.clocks)
        s.add(current)
    _insert_fresh(conn, shape, fresh)


def _insert_new(conn: Any, shape: Codec, ids: list[str], rows: list[dict[str, Any]]) -> None:
    """INSERT pulled rows new to this laptop (each once) in one executemany, in id order,
    their parameters built a column at a time: each field's values taken from every row
    at once, each distinct value converted once (a first sync's 150,000 marks share a
    few dates, times and codes). The same rows and values as :func:`_merge_rows`' loop
    would insert one by one."""
    plan = shape.pulled_plan
    names = [name for name, _c, _d in plan]
    values = [r["values"] for r in rows]
    complete = len(names) > 1
    columns: list[Any]
    try:  # every row carries every column: the usual case
        columns = list(zip(*map(itemgetter(*names), values), strict=True)) if complete else []
    except KeyError:
        complete = False
    if not complete:
        columns = [[value.get(name, _MISSING) for value in values] for name in names]
        lacking = {
            i
            for name, column in zip(names, columns, strict=True)
            if name in shape.required
            for i, value in enumerate(column)
            if value is _MISSING
        }
        if lacking:
            for _ in lacking:
                log.warning(
                    "pulled %s row without its required fields skipped", shape.model.__name__
                )
            keep = [i for i in range(len(rows)) if i not in lacking]
            ids, rows = [ids[i] for i in keep], [rows[i] for i in keep]
            columns = [[column[i] for i in keep] for column in columns]
            if not rows:
                return
    stored = [
        _column(column, convert, default, complete)
        for (_name, convert, default), column in zip(plan, columns, strict=True)
    ]
    packed = _packed_all([r["clocks"] for r in rows], shape.from_wire.keys())
    hubs = [r.get("hub_id") for r in rows]
    params = sorted(zip(ids, hubs, packed, *stored, strict=True))  # ids differ: by id
    quoted = ", ".join(f'"{name}"' for name in ("id", "hub_id", "clocks", *names))
    marks = ", ".join("?" * (len(names) + 3))
    sql.executemany(conn, f'INSERT INTO "{shape.table}" ({quoted}) VALUES ({marks})', params)


def _column(column: Any, convert: Convert, default: Any, complete: bool) -> Any:
    """One column's wire values as stored values (the model's default where missing)."""
    if convert is None:
        return column if complete else [default if v is _MISSING else v for v in column]
    try:
        distinct = set(column)
    except TypeError:  # not a scalar: converted one by one (and refused there)
        distinct = None
    if distinct is not None and len(set(map(type, distinct)) - _NOT_VALUES) <= 1:
        # one kind of value (True and 1 are never both keys of one dict here)
        stored = {
            v: default if v is _MISSING else (v if v is None else convert(v)) for v in distinct
        }
        return list(map(stored.__getitem__, column))
    return [default if v is _MISSING else (v if v is None else convert(v)) for v in column]


def _packed_all(clocks: list[dict[str, str]], fields: Any) -> list[str]:
    """:func:`_packed` of every row's clocks; when every row's fields (all known) share
    one clock, as a first sync's rows do, without a Python call per row."""
    try:
        shared = (
            bool(clocks)
            and all(map(fields.__ge__, map(dict.keys, clocks)))
            and set(map(len, map(set, map(dict.values, clocks)))) == {1}
        )
        firsts = [next(iter(c.values())) for c in clocks] if shared else []
        text = "".join(firsts)
    except TypeError:  # a clock that is not text: the row-by-row way decides
        shared = False
    # what JSON writes as it is (every valid clock), as single_clock() checks each
    if (
        shared
        and all(firsts)
        and text.isascii()
        and text.isprintable()
        and '"' not in text
        and "\\" not in text
    ):
        return list(map(_SINGLE.format, firsts))
    return [_packed(c, fields) for c in clocks]


#: :func:`single_clock` of a clock that JSON writes as it is
_SINGLE = '{{"*": "{}"}}'


def _packed(clocks: dict[str, str], fields: Any) -> str:
    """The stored clocks of a new row, as :func:`_merge_rows` packs them."""
    if not clocks.keys() <= fields:  # fields this version does not know: ignored
        clocks = {k: v for k, v in clocks.items() if k in fields}
    distinct = set(clocks.values())
    if len(distinct) <= 1:
        first = next(iter(distinct), "")
        return single_clock(first) if first else "{}"
    # hub_id travels in the envelope, with the row's creation clock
    return pack_clocks({"hub_id": min(clocks.values()), **clocks})


class _Missing:
    """A field a pulled row does not carry."""


_MISSING = _Missing()
_NOT_VALUES = frozenset({type(None), _Missing})

#: Rows from which a page gets a bigger page cache: inserting thousands of rows into a
#: table with several indexes touches pages all over them.
_BULK_ROWS = 2000
_BULK_CACHE_KIB = 32 * 1024
#: WAL pages (4 KiB) after which a commit of a large page checkpoints (SQLite's default
#: is 1,000, which a page of a first sync passes at every commit).
_BULK_WAL_PAGES = 16 * 1024


@contextlib.contextmanager
def _bulk_cache(s: Session, rows: int) -> Iterator[None]:
    """For a large page: a 32 MiB page cache, and a checkpoint only every 64 MiB of WAL.

    Both stay on the connection (pooled, it applies the next pages too): a first sync
    applies 150 pages in a row, and setting the cache back after each page threw away
    the index pages the next page needs, while a checkpoint at every commit copied the
    same index pages into the database again and again. The connection closes with the
    store; its last close checkpoints whatever the WAL still holds.
    """
    if rows >= _BULK_ROWS:
        conn = sql.connection(s)
        if sql.execute(conn, "PRAGMA cache_size").fetchone()[0] != -_BULK_CACHE_KIB:
            sql.execute(conn, f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
            sql.execute(conn, f"PRAGMA wal_autocheckpoint={_BULK_WAL_PAGES}")
    yield


def _insert_fresh(conn: Any, shape: Codec, fresh: dict[str, tuple[Any, ...]]) -> None:
    """INSERT new rows (id, hub_id, clocks, then the plan's columns) in one executemany,
    in id order (the primary key's B-tree fills in order)."""
    if not fresh:
        return
    columns = ("id", "hub_id", "clocks", *(name for name, _c, _d in shape.pulled_plan))
    quoted = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" * len(columns))
    sql.executemany(
        conn,
        f'INSERT INTO "{shape.table}" ({quoted}) VALUES ({marks})',
        [fresh[row_id] for row_id in sorted(fresh)],
    )
