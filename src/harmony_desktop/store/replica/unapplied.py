"""Pulled rows this laptop cannot apply: set aside for review, never a stopped sync.

The server checks every pushed value against the shared schema (``harmony_sync.schema``),
so a pulled row should always fit. A server database can still hold rows stored before
it checked, or a row can break a rule only the laptop's database knows. One such row
must not stop the hub: it used to fail every sync of every laptop of the hub until
someone repaired the server.

So a pulled page is applied in two guarded steps, inside the page's own transaction:

1. :func:`screen` checks each row before anything is written: its shape, its clocks
   (well-formed, not absurdly far in the future), and every value against the same
   schema the server uses (``deleted: "false"`` is a type error, never a tombstone). A
   new row must also carry every required field.
2. :func:`apply_guarded` merges the rows that passed under a savepoint; if the local
   database still refuses (an integrity error, a value Python cannot convert), the
   batch is rolled back to the savepoint and merged again row by row, each under its
   own savepoint, so only the rows that fail are left out.

A row left out is kept in the ``conflict`` table (the "Needs review" list), with
``field_name`` :data:`UNAPPLIED_FIELD`, the pulled values as the losing value and the
reason as the winning value: the same shape as a change the server refused, and
dismissed the same way. The rest of the page applies and the cursor advances; the row
keeps its previous local state (or stays absent), and a later version of it that fits
applies as usual. Reasons name the table, row and field, never the value: rows are
about children, and reasons are shown on screen and may reach a log.

Failures of the database itself (a full disk, an I/O error, a lock) are not the row's
fault: they abort the page as before, and the next sync tries again.
"""

from __future__ import annotations

import json
import logging
import operator
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import exc as sa_exc
from sqlmodel import Session, col, select

from harmony_desktop.store.models import Conflict, SyncedRow
from harmony_desktop.store.replica.wire import codec
from harmony_sync import schema
from harmony_sync.hlc import MAX_FUTURE_MS, is_valid

log = logging.getLogger(__name__)

#: Marker in ``Conflict.field_name`` for a pulled row this laptop could not apply.
UNAPPLIED_FIELD = "*unapplied*"
#: The ``code`` stored with the reason.
UNAPPLIED_CODE = "not_applied"

_CHUNK = 500
T = TypeVar("T")
Row = dict[str, Any]


def screen(
    s: Session, model: type[SyncedRow], rows: list[Row], *, now: str, wall_ms: int
) -> list[Row]:
    """The rows of one table that fit; every other one is set aside with its reason."""
    fitting: list[Row] = []
    incomplete: list[Row] = []
    table = codec(model).table
    for row in rows:
        reason = unfit(table, model, row, wall_ms)
        if reason is not None:
            set_aside(s, table, row, reason, now)
        elif codec(model).required <= _known_values(model, row).keys():
            fitting.append(row)
        else:
            incomplete.append(row)
    if incomplete:
        present = _existing_ids(s, model, [str(r["id"]) for r in incomplete])
        for row in incomplete:
            if str(row["id"]) in present:
                fitting.append(row)
                continue
            missing = sorted(codec(model).required - _known_values(model, row).keys())
            problems = [
                schema.FieldProblem(table, name, "is required and missing") for name in missing
            ]
            set_aside(s, table, row, _problems_text(problems, str(row["id"])), now)
    return fitting


def fits_whole(model: type[SyncedRow], rows: list[Row], wall_ms: int) -> str | None:
    """When every one of ``rows`` (pulled rows of one table) provably fits, so that
    :func:`screen` would keep them all and set none aside: the newest clock among them
    ("" when they carry none). None when any row may not fit: then :func:`screen` checks
    each row, as it always did.

    Decided a column at a time (every row's ids, every clock, each field's values;
    :meth:`harmony_sync.schema.Field.check_all`), not by a call per row and value: a
    first sync screens 150,000 marks. It only ever says yes where :func:`unfit` finds
    nothing wrong with any row and each row carries every required field.
    """
    shape = codec(model)
    table = shape.table
    fields = schema.TABLES.get(table)
    if fields is None or not rows:
        return None
    try:
        ids = [row["id"] for row in rows]
        values = [row["values"] for row in rows]
        clocks = [row["clocks"] for row in rows]
    except (KeyError, TypeError):
        return None
    hubs = set(map(type, [row.get("hub_id") for row in rows]))
    if (
        set(map(type, ids)) != {str}
        or set(map(type, values)) != {dict}
        or set(map(type, clocks)) != {dict}
        or not hubs <= {str, type(None)}
    ):
        return None
    try:
        stamps = set(chain.from_iterable(map(dict.values, clocks)))
        text = "".join(stamps)  # TypeError: a clock that is not text
    except TypeError:
        return None
    # fixed width, digits and hex only: ``unfit`` finds every one of them well formed
    if len(text) != _STAMP_LENGTH * len(stamps) or not _STAMPS.fullmatch(text):
        return None
    newest = max(stamps, default="")
    if newest and int(newest[:15]) - wall_ms > MAX_FUTURE_MS:
        return None
    names = [name for name in shape.from_wire if name in fields]
    for name in shape.from_wire:
        if name not in fields and any(map(operator.contains, values, repeat(name))):
            return None  # ``hub_id`` is the envelope's, never a value
    columns: Iterable[Sequence[Any]]
    try:  # every row carries every field: the usual case
        columns = zip(*map(itemgetter(*names), values), strict=True) if len(names) > 1 else ()
    except KeyError:
        columns = ()
    if not columns:
        columns = [[value[name] for value in values if name in value] for name in names]
    for name, column in zip(names, columns, strict=True):
        if name in shape.required and len(column) != len(values):
            return None  # a new row without it is set aside, an existing one is merged
        if not fields[name].check_all(column):
            return None
    return newest


_STAMP_LENGTH = 38
_STAMPS = re.compile(r"(?:[0-9]{15}-[0-9]{5}-[0-9a-f]{16})*")


def unfit(table: str, model: type[SyncedRow], row: Row, wall_ms: int) -> str | None:
    """Why a pulled row cannot be applied as it is, or None when it can."""
    row_id = row.get("id")
    values, clocks = row.get("values"), row.get("clocks")
    if not isinstance(row_id, str) or not isinstance(values, dict) or not isinstance(clocks, dict):
        return f"{table}: a pulled row without its id, values or clocks."
    hub_id = row.get("hub_id")
    if hub_id is not None and not isinstance(hub_id, str):
        return f"{table} row {row_id}: its hub id is not text."
    checked = None  # most rows carry one clock for every field: check each once
    for name, stamp in clocks.items():
        if stamp == checked:
            continue
        checked = stamp
        if not isinstance(stamp, str) or not is_valid(stamp):
            return f"{table} row {row_id}, field {name!r}: its clock is malformed."
        if int(stamp[:15]) - wall_ms > MAX_FUTURE_MS:
            days = (int(stamp[:15]) - wall_ms) / 86_400_000
            return (
                f"{table} row {row_id}, field {name!r}: its clock is {days:,.0f} days ahead "
                "of this computer's; a clock set that far ahead is a mistake."
            )
    problems = schema.row_problems(table, _known_values(model, row))
    if problems:
        return _problems_text(problems, row_id)
    return None


def _known_values(model: type[SyncedRow], row: Row) -> dict[str, Any]:
    """The row's values of the fields this version knows (newer fields are ignored)."""
    values: dict[str, Any] = row["values"]
    known = codec(model).from_wire
    if values.keys() <= known.keys():
        return values
    return {name: value for name, value in values.items() if name in known}


def _problems_text(problems: list[schema.FieldProblem], row_id: str) -> str:
    return " ".join(problem.message(row_id) for problem in problems)


def _existing_ids(s: Session, model: type[SyncedRow], ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found.update(s.exec(select(model.id).where(col(model.id).in_(chunk))))
    return found


def apply_guarded(
    s: Session, table: str, rows: list[Row], merge: Callable[[list[Row]], T], *, now: str
) -> list[T]:
    """``merge(rows)`` under a savepoint; if the database refuses a row, merge again one
    row at a time and set aside the rows it refuses. Returns what each merge returned.

    Errors of the database itself (disk full, I/O, locks) are raised as they are.
    """
    if not rows:
        return []
    try:
        with s.begin_nested():
            return [merge(rows)]
    except Exception as err:
        if not _row_refused(err):
            raise
        log.warning("a pulled %s page was refused (%s); applying it row by row", table, _kind(err))
    results: list[T] = []
    for row in rows:
        try:
            with s.begin_nested():
                results.append(merge([row]))
        except Exception as err:
            if not _row_refused(err):
                raise
            set_aside(s, table, row, _refusal_text(table, row, err), now)
    return results


def _row_refused(err: BaseException) -> bool:
    """True when ``err`` is the row's fault (a constraint, a value Python cannot convert),
    False when it is the database's (disk full, I/O error, lock)."""
    if isinstance(err, sa_exc.IntegrityError | sqlite3.IntegrityError):
        return True
    if isinstance(err, sa_exc.DBAPIError | sqlite3.Error):
        return False
    if isinstance(err, sa_exc.StatementError):  # a bind parameter could not be converted
        return isinstance(err.orig, ValueError | TypeError | OverflowError)
    return isinstance(err, ValueError | TypeError | OverflowError | KeyError)


def _kind(err: BaseException) -> str:
    orig = getattr(err, "orig", None)
    return type(orig).__name__ if isinstance(orig, BaseException) else type(err).__name__


def _refusal_text(table: str, row: Row, err: BaseException) -> str:
    """Why the database refused a row, without quoting any value: SQLite's constraint
    messages name only the table and column; other messages can quote the value."""
    orig = getattr(err, "orig", err)
    detail = ""
    if isinstance(orig, sqlite3.IntegrityError):
        detail = f": {orig}"
    return f"{table} row {row.get('id')}: this laptop's database refused it ({_kind(err)}{detail})."


def set_aside(s: Session, table: str, row: Row, reason: str, now: str) -> None:
    """Keep a pulled row that was not applied as a review item, with its reason.

    The same version of a row pulled again (a page re-applied after a crash) updates
    the same item rather than adding another.
    """
    row_id = str(row.get("id"))
    clocks = row.get("clocks")
    stamps = [c for c in clocks.values() if isinstance(c, str)] if isinstance(clocks, dict) else []
    newest = max(stamps, default="")
    hub_id = row.get("hub_id")
    s.merge(
        Conflict(
            id=f"unapplied-{table}-{row_id}-{newest}"[:200],
            table_name=table,
            row_id=row_id,
            hub_id=hub_id if isinstance(hub_id, str) else None,
            field_name=UNAPPLIED_FIELD,
            losing_value=json.dumps(row.get("values"), default=repr),
            losing_clock=newest,
            winning_value=json.dumps({"code": UNAPPLIED_CODE, "reason": reason}),
            winning_clock="",
            detected_at=now,
        )
    )
    log.warning("a pulled %s row could not be applied; kept for review", table)
