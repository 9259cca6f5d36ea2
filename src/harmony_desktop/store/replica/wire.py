"""The wire format of synced rows, and the conversions between wire, Python and column.

On the wire (and in the outbox) a field value is a JSON scalar: dates and times as ISO
strings, booleans as JSON booleans. In Python it is what the model annotates. In the
SQLite column it is what SQLAlchemy's column type stores. :class:`Codec` decides each
conversion once per field of a model (a first sync converts millions of values).

Field clocks are stored compactly: ``"*"`` holds the clock most fields share (the
insert), and only fields written since carry their own entry.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harmony_desktop.store.models import SyncedRow, data_fields

Convert = Callable[[Any], Any] | None


def to_wire(value: Any) -> Any:
    """A Python field value as a JSON scalar (dates and times as ISO strings)."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _base_type(annotation: Any) -> Any:
    """``X`` for ``X | None``; the annotation itself otherwise."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if len(args) == 1 else annotation


_FROM_WIRE: dict[Any, Callable[[Any], Any]] = {
    dt.date: dt.date.fromisoformat,
    dt.time: dt.time.fromisoformat,
    bool: bool,
}


@dataclass(frozen=True)
class Codec:
    """Everything the replica needs to know about one synced model, decided once."""

    model: type[SyncedRow]
    table: str
    #: synced data fields, in declaration order
    fields: tuple[str, ...]
    #: fields a new row must carry
    required: frozenset[str]
    #: field -> wire value to Python value (None: the wire value is the Python value)
    from_wire: dict[str, Convert]
    #: every column of the table, in table order (id, hub_id, deleted, clocks, ...)
    columns: tuple[str, ...]
    #: column -> Python value to stored value (the column type's own bind processing)
    to_column: dict[str, Convert]

    def default(self, name: str) -> Any:
        """The model's default for a field a pulled row does not carry."""
        return self.model.model_fields[name].get_default(call_default_factory=True)

    def python(self, name: str, value: Any) -> Any:
        """A wire value of field ``name`` as its Python value."""
        convert = self.from_wire[name]
        if value is None or convert is None:
            return value
        if convert is bool:
            return bool(value)
        return convert(value) if isinstance(value, str) else value

    def stored(self, name: str, value: Any) -> Any:
        """A Python value of column ``name`` as SQLite stores it."""
        convert = self.to_column[name]
        return value if value is None or convert is None else convert(value)


_CODECS: dict[type[SyncedRow], Codec] = {}


def codec(model: type[SyncedRow]) -> Codec:
    """The (cached) :class:`Codec` of ``model``."""
    found = _CODECS.get(model)
    if found is not None:
        return found
    from sqlalchemy.dialects import sqlite

    table: Any = model.__table__  # type: ignore[attr-defined]
    dialect = sqlite.dialect()
    names = tuple(data_fields(model))
    found = Codec(
        model=model,
        table=str(table.name),
        fields=names,
        required=frozenset(n for n in names if model.model_fields[n].is_required()),
        from_wire={n: _FROM_WIRE.get(_base_type(model.model_fields[n].annotation)) for n in names},
        columns=tuple(c.name for c in table.columns),
        to_column={
            c.name: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns
        },
    )
    _CODECS[model] = found
    return found


def from_wire(model: type[SyncedRow], name: str, value: Any) -> Any:
    """A JSON scalar received for ``model.name`` as the Python value the column holds."""
    return codec(model).python(name, value)


def row_values(row: SyncedRow) -> dict[str, Any]:
    """Every synced data field of a row, as wire values."""
    return {name: to_wire(getattr(row, name)) for name in codec(type(row)).fields}


def unpack_clocks(packed: str | None, fields: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The field -> HLC map stored as ``packed`` for a row with ``fields``."""
    stored: dict[str, str] = json.loads(packed or "{}")
    default = stored.get("*")
    clocks = {name: stored.get(name, default) for name in fields}
    return {name: clock for name, clock in clocks.items() if clock is not None}


def row_clocks(row: SyncedRow) -> dict[str, str]:
    """The field -> HLC map of a row (see the module docstring for the stored form)."""
    return unpack_clocks(row.clocks, codec(type(row)).fields)


def pack_clocks(clocks: dict[str, str]) -> str:
    """The compact stored form of a field -> HLC map."""
    if not clocks:
        return "{}"
    values = iter(clocks.values())
    first = next(values)
    if all(c == first for c in values):  # written once: most rows
        return json.dumps({"*": first})
    counts: dict[str, int] = {}
    for clock in clocks.values():
        counts[clock] = counts.get(clock, 0) + 1
    default = max(counts, key=lambda c: (counts[c], c))
    packed = {"*": default}
    packed.update({name: clock for name, clock in clocks.items() if clock != default})
    return json.dumps(packed, sort_keys=True)
