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
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii as _quote  # C, when built
from typing import Any

from harmony_desktop.store.models import SyncedRow, data_fields

Convert = Callable[[Any], Any] | None


#: ``json.dumps(value, sort_keys=True)``, without building an encoder on every call
#: (every change encodes its values, clocks and bases).
dumps_sorted = json.JSONEncoder(sort_keys=True).encode

_SCALARS = {None: "null", True: "true", False: "false"}


def dumps_flat(mapping: dict[str, Any]) -> str:
    """:data:`dumps_sorted` of a flat mapping of field names to strings, None, booleans
    and integers (a change's values and bases), the same text written more directly:
    the general encoder's set-up costs more than a few fields. Anything else (a float,
    a nested value) goes to the general encoder."""
    parts = []
    for key in sorted(mapping):
        value = mapping[key]
        kind = type(value)
        if kind is str:
            text = _quote(value)
        elif value is None or kind is bool:
            text = _SCALARS[value]
        elif kind is int:
            text = int.__repr__(value)
        else:
            return dumps_sorted(mapping)
        if type(key) is not str:
            return dumps_sorted(mapping)
        parts.append(f"{_quote(key)}: {text}")
    return "{" + ", ".join(parts) + "}"


ISO_TYPES = (dt.date, dt.time)  # a tuple: ``date | time`` would be built on every call


class FlatWriter:
    """:func:`dumps_flat` of the wire values of a fixed set of fields, with the keys
    sorted and quoted once: a new row's change carries every field of its table."""

    __slots__ = ("_keys", "_names")

    def __init__(self, names: typing.Iterable[str]) -> None:
        self._names = tuple(sorted(names))
        self._keys = tuple(f"{_quote(name)}: " for name in self._names)

    def write(self, record: dict[str, Any]) -> str:
        """The JSON text of the fields' values in ``record`` (Python values: dates and
        times as ISO strings), as :func:`dumps_flat` writes their wire values."""
        parts = []
        for key, name in zip(self._keys, self._names, strict=True):
            value = record[name]
            kind = type(value)
            if kind is str:
                parts.append(key + _quote(value))
            elif value is None or kind is bool:
                parts.append(key + _SCALARS[value])
            elif kind is int:
                parts.append(key + int.__repr__(value))
            else:  # dates, times and anything unusual: the general way
                return dumps_flat({name: to_wire(record[name]) for name in self._names})
        return "{" + ", ".join(parts) + "}"


def to_wire(value: Any) -> Any:
    """A Python field value as a JSON scalar (dates and times as ISO strings)."""
    if isinstance(value, ISO_TYPES):
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
    #: field -> default, for fields that have a plain (not computed) default
    defaults: dict[str, Any]
    #: ``INSERT`` of every column, in :attr:`columns` order
    insert_sql: str
    #: (field, wire value to stored value or None for "as is", stored default) for every
    #: column but ``id, hub_id, clocks``, in column order: what a pulled row's INSERT
    #: needs, decided once
    pulled_plan: tuple[tuple[str, Convert, Any], ...]
    #: (field names, whether "id" may be among them) already checked as known fields
    checked: set[tuple[tuple[str, ...], bool]] = field(default_factory=set, compare=False)

    def default(self, name: str) -> Any:
        """The model's default for a field a pulled row does not carry."""
        if name in self.defaults:
            return self.defaults[name]
        return self.model.model_fields[name].get_default(call_default_factory=True)

    def update_sql(self, names: tuple[str, ...], key: str = "id") -> str:
        """``UPDATE`` of ``names`` and the clocks of one row by ``key``: its id, or its
        ``rowid`` as read in the same transaction, which spares SQLite the look-up of the
        id in its index (cached per field set)."""
        sql = _UPDATE_SQL.get((self.table, names, key))
        if sql is None:
            sets = ", ".join(f'"{name}" = ?' for name in names)
            sql = f'UPDATE "{self.table}" SET {sets}, clocks = ? WHERE {key} = ?'
            _UPDATE_SQL[(self.table, names, key)] = sql
        return sql

    def select_sql(self, names: tuple[str, ...], count: int) -> str:
        """``SELECT id, hub_id, deleted, clocks, names..., rowid`` of ``count`` rows by id
        (cached per field set and count): the rowid lets an UPDATE of one of them in
        the same transaction find it directly."""
        sql = _SELECT_SQL.get((self.table, names, count))
        if sql is None:  # the condition written only when the statement is not cached
            sql = self._select(names, f"id IN ({', '.join('?' * count)})", count, last=", rowid")
        return sql

    def select_where_sql(self, names: tuple[str, ...], field: str) -> str:
        """``SELECT id, hub_id, deleted, clocks, names..., rowid`` of the rows whose
        ``field`` holds a value (cached per field set)."""
        return self._select(names, f'"{field}" = ?', field, last=", rowid")

    def select_one_sql(self, names: tuple[str, ...]) -> str:
        """``SELECT rowid, id, hub_id, deleted, clocks, names...`` of one row by id
        (cached per field set): the rowid lets the UPDATE that follows in the same
        transaction find the row directly."""
        return self._select(names, "id = ?", 0, first="rowid, ")

    def _select(
        self, names: tuple[str, ...], where: str, kind: int | str, first: str = "", last: str = ""
    ) -> str:
        """``SELECT id, hub_id, deleted, clocks, names...`` ``WHERE where``, cached by
        the field set and ``kind`` (what the condition depends on); ``first`` and
        ``last``, columns before and after those."""
        key = (self.table, names, kind)
        sql = _SELECT_SQL.get(key)
        if sql is None:
            wanted = ", ".join(f'"{n}"' for n in ("id", "hub_id", "deleted", "clocks", *names))
            sql = f'SELECT {first}{wanted}{last} FROM "{self.table}" WHERE {where}'
            if len(_SELECT_SQL) < 4096:  # field sets are few; counts of a bulk vary
                _SELECT_SQL[key] = sql
        return sql

    def positions(self, names: tuple[str, ...]) -> dict[str, tuple[int, Convert]]:
        """Each of ``names``: its position in ``names`` and its Python value to stored
        value conversion (cached per field set)."""
        found = _POSITIONS.get((self.table, names))
        if found is None:
            found = {name: (i, self.to_column[name]) for i, name in enumerate(names)}
            _POSITIONS[(self.table, names)] = found
        return found

    def stored_row(self, record: dict[str, Any]) -> tuple[Any, ...]:
        """A record of every column (Python values) as the INSERT's parameters."""
        to_column = self.to_column
        return tuple(
            value if value is None or (convert := to_column[name]) is None else convert(value)
            for name in self.columns
            for value in (record[name],)
        )

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
_UPDATE_SQL: dict[tuple[str, tuple[str, ...], str], str] = {}
_SELECT_SQL: dict[tuple[str, tuple[str, ...], int | str], str] = {}
_POSITIONS: dict[tuple[str, tuple[str, ...]], dict[str, tuple[int, Convert]]] = {}


def codec(model: type[SyncedRow]) -> Codec:
    """The (cached) :class:`Codec` of ``model``."""
    found = _CODECS.get(model)
    if found is not None:
        return found
    from sqlalchemy.dialects import sqlite

    table: Any = model.__table__  # type: ignore[attr-defined]
    dialect = sqlite.dialect()
    names = tuple(data_fields(model))
    columns = tuple(c.name for c in table.columns)
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    plain_defaults = {
        n: info.default
        for n, info in model.model_fields.items()
        if n in names and not info.is_required() and info.default_factory is None
    }
    from_wire = {n: _FROM_WIRE.get(_base_type(model.model_fields[n].annotation)) for n in names}
    to_column = {
        c.name: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns
    }
    found = Codec(
        model=model,
        table=str(table.name),
        fields=names,
        required=frozenset(n for n in names if model.model_fields[n].is_required()),
        from_wire=from_wire,
        columns=columns,
        to_column=to_column,
        defaults=plain_defaults,
        insert_sql=f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})',
        pulled_plan=tuple(
            (
                n,
                _wire_to_stored(from_wire[n], to_column[n]),
                _stored(to_column[n], plain_defaults.get(n)),
            )
            for n in columns
            if n not in ("id", "hub_id", "clocks")
        ),
    )
    _CODECS[model] = found
    return found


def _stored(to_column: Convert, value: Any) -> Any:
    return value if value is None or to_column is None else to_column(value)


def _wire_to_stored(from_wire: Convert, to_column: Convert) -> Convert:
    """One function taking a wire value straight to its stored form (None: as is)."""
    if from_wire is None and to_column is None:
        return None
    if from_wire is bool:
        return lambda value: 1 if value else 0
    if from_wire is None:
        return to_column
    parse = from_wire
    store: Callable[[Any], Any] = to_column or (lambda value: value)
    return lambda value: store(parse(value) if isinstance(value, str) else value)


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


def expand_pulled_clocks(rows: list[dict[str, Any]]) -> None:
    """Give every pulled row in the compact form every field's clock, in place.

    A server asked for ``"clocks": "compact"`` sends a row whose fields all share one
    clock as ``{"*": clock}`` (and a row of several clocks, or any row from an older
    server, with every field's). That clock belongs to each field of the row's
    ``values``, exactly the fields the full form names, so after this the page is the
    page the full form would have been and is merged the same way. A ``"*"`` beside
    other names (no server sends it) is the clock of every field not named.
    """
    for row in rows:
        clocks = row.get("clocks")
        if type(clocks) is not dict or "*" not in clocks:
            continue
        values = row.get("values")
        names = values if type(values) is dict else ()
        default = clocks["*"]
        if len(clocks) == 1:
            row["clocks"] = dict.fromkeys(names, default)
        else:
            expanded = dict.fromkeys(names, default)
            expanded.update((k, v) for k, v in clocks.items() if k != "*")
            row["clocks"] = expanded


def row_clocks(row: SyncedRow) -> dict[str, str]:
    """The field -> HLC map of a row (see the module docstring for the stored form)."""
    return unpack_clocks(row.clocks, codec(type(row)).fields)


def single_clock(clock: str) -> str:
    """The stored clocks of a row whose fields were all written at ``clock``."""
    if not _plain_clock(clock):  # never a valid HLC; the JSON must stay valid and canonical
        return json.dumps({"*": clock})
    return f'{{"*": "{clock}"}}'


def pack_clocks(clocks: dict[str, str]) -> str:
    """The compact stored form of a field -> HLC map."""
    if not clocks:
        return "{}"
    values = iter(clocks.values())
    first = next(values)
    if all(c == first for c in values):  # written once: most rows
        return single_clock(first)
    counts: dict[str, int] = {}
    for clock in clocks.values():
        counts[clock] = counts.get(clock, 0) + 1
    default = max(counts, key=lambda c: (counts[c], c))
    packed = {"*": default}
    packed.update({name: clock for name, clock in clocks.items() if clock != default})
    return dumps_sorted(packed)


_SINGLE_HEAD = '{"*": "'


def _plain_clock(text: str) -> bool:
    """True if JSON writes ``text`` as it is (every valid HLC): printable ASCII, no quote
    or backslash."""
    return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


def restamp(
    packed: str | None, fields: tuple[str, ...], changed: typing.Iterable[str], stamp: str
) -> tuple[str, dict[str, str | None]]:
    """Stamp the ``changed`` fields of a row whose clocks are ``packed`` with ``stamp``.

    Returns the new packed clocks and the bases (each changed field's clock before),
    exactly as :func:`unpack_clocks`, the update and :func:`pack_clocks` would give. A
    row written once (``{"*": X}``, most rows) takes a short path that builds the
    packed text directly; any other form takes the general one.
    """
    restamped, bases, _text = restamp_encoded(packed, fields, changed, stamp)
    return restamped, bases


def restamp_encoded(
    packed: str | None, fields: tuple[str, ...], changed: typing.Iterable[str], stamp: str
) -> tuple[str, dict[str, str | None], str | None]:
    """:func:`restamp`, and the bases as :func:`dumps_flat` writes them when the short
    path wrote them too (None: encode them)."""
    names = tuple(changed)
    key = (fields, names)
    plan = _PLANS.get(key, _UNPLANNED)
    if plan is _UNPLANNED:
        plan = _plan(fields, names)
        if len(_PLANS) < 4096:  # field sets and changes are few; never grow without bound
            _PLANS[key] = plan
    if (
        plan
        and packed is not None
        and packed.startswith(_SINGLE_HEAD)
        and packed.endswith('"}')
        # _plain_clock of both, inline (this runs for every change)
        and (old := packed[7:-2]).isascii()
        and old.isprintable()
        and '"' not in old
        and "\\" not in old
        and stamp.isascii()
        and stamp.isprintable()
        and '"' not in stamp
        and "\\" not in stamp
    ):
        kept, restamped, own_new, own_old, bases_around = plan
        bases: dict[str, str | None] = dict.fromkeys(names, old)
        bases_text = old.join(bases_around)
        if kept == 0 or stamp == old:
            return single_clock(stamp), bases, bases_text
        # pack_clocks' default is the clock most fields hold, the later one on a tie.
        if (kept, old) > (restamped, stamp):
            default, other, own = old, stamp, own_new
        else:
            default, other, own = stamp, old, own_old
        return f'{_SINGLE_HEAD}{default}"{other.join(own)}}}', bases, bases_text
    if plan and packed:
        found = _restamp_own(packed, fields, names, stamp)
        if found is not None:
            return found
    clocks = unpack_clocks(packed, fields)
    bases = {name: clocks.get(name) for name in names}
    for name in names:
        clocks[name] = stamp
    return pack_clocks(clocks), bases, None


def _restamp_own(
    packed: str, fields: tuple[str, ...], names: tuple[str, ...], stamp: str
) -> tuple[str, dict[str, str | None], str] | None:
    """:func:`restamp_encoded` of a row whose fields have clocks of their own besides the
    common one (a row changed since it was written: every correction of a mark), for
    ``names`` all among ``fields``: what unpacking every field's clock, stamping and
    packing again gives, worked out from the fields that have a clock of their own.
    None: a form this does not handle (the caller takes the general path)."""
    stored = json.loads(packed)
    if type(stored) is not dict:
        return None
    default = stored.pop("*", None)
    if type(default) is not str:
        return None
    own: dict[str, str] = {}
    for name, clock in stored.items():
        if type(clock) is not str:
            return None
        if name in fields:  # a clock of a field the row no longer has is dropped
            own[name] = clock
    bases: dict[str, str | None] = {name: own.get(name, default) for name in names}
    for name in names:
        own[name] = stamp
    # pack_clocks' default: the clock most fields hold (the later one on a tie)
    rest = len(fields) - len(own)  # the fields that keep the common clock
    counts = {default: rest} if rest else {}
    for clock in own.values():
        counts[clock] = counts.get(clock, 0) + 1
    common = max(counts, key=lambda c: (counts[c], c))
    packing = {"*": common}
    if common != default and rest:
        packing.update({name: default for name in fields if name not in own})
    packing.update({name: clock for name, clock in own.items() if clock != common})
    return dumps_flat(packing), bases, dumps_flat(bases)


_Plan = tuple[int, int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def restamp_plan(fields: tuple[str, ...], names: tuple[str, ...]) -> _Plan | None:
    """What :func:`restamp_text` needs to know of a field set and the fields changed,
    worked out once (a caller that writes the same fields again keeps it)."""
    return _plan(fields, names)


def restamp_text(
    plan: _Plan | None, packed: str | None, fields: tuple[str, ...], names: tuple[str, ...],
    stamp: str,
) -> tuple[str, str]:  # fmt: skip
    """:func:`restamp_encoded` with its plan already at hand (``restamp_plan(fields,
    names)``), the bases given as the JSON text :func:`dumps_flat` writes of them."""
    if (
        plan
        and packed is not None
        and packed.startswith(_SINGLE_HEAD)
        and packed.endswith('"}')
        and (old := packed[7:-2]).isascii()
        and old.isprintable()
        and '"' not in old
        and "\\" not in old
        and stamp.isascii()
        and stamp.isprintable()
        and '"' not in stamp
        and "\\" not in stamp
    ):
        kept, restamped, own_new, own_old, bases_around = plan
        bases_text = old.join(bases_around)
        if kept == 0 or stamp == old:
            return f'{_SINGLE_HEAD}{stamp}"}}', bases_text
        if (kept, old) > (restamped, stamp):
            default, other, own = old, stamp, own_new
        else:
            default, other, own = stamp, old, own_old
        return f'{_SINGLE_HEAD}{default}"{other.join(own)}}}', bases_text
    text, bases, encoded = restamp_encoded(packed, fields, names, stamp)
    if encoded is None:
        encoded = dumps_flat(bases) if bases else "{}"
    return text, encoded


def _plan(fields: tuple[str, ...], names: tuple[str, ...]) -> _Plan | None:
    """What :func:`restamp`'s short path needs to know of a field set and the fields
    changed, worked out once: how many fields keep their clock and how many change,
    then the text around the clock of the fields that do not take the default, for
    either default (``other.join(parts)`` writes them), and the text around the old
    clock in the bases. None: the long path."""
    written = set(names)
    if not fields or not written <= set(fields):
        return None
    kept = len(fields) - len(written)

    def around(own: list[str]) -> tuple[str, ...]:
        if not own:
            return ("",)
        return (f', "{own[0]}": "', *(f'", "{name}": "' for name in own[1:]), '"')

    ordered = sorted(written)
    if ordered:
        bases_around = (
            f'{{"{ordered[0]}": "',
            *(f'", "{name}": "' for name in ordered[1:]),
            '"}',
        )
    else:
        bases_around = ("{}",)
    return (
        kept,
        len(written),
        around(ordered),
        around([name for name in sorted(fields) if name not in written]),
        bases_around,
    )


_PLANS: dict[tuple[tuple[str, ...], tuple[str, ...]], _Plan | None] = {}
_UNPLANNED: Any = object()
