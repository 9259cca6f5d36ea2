"""The shared sync schema (``harmony_sync.schema``) is exactly the desktop's synced tables:
same tables, same fields, same types, nullability and required fields, and every
desktop default is a value the schema accepts. If either side changes alone, this fails."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

import pytest

from harmony_desktop.store.models import SYNCED_MODELS, SyncedRow, data_fields
from harmony_desktop.store.replica import to_wire
from harmony_sync import schema
from harmony_sync.protocol import SYNCED_TABLES

KINDS: dict[Any, str] = {str: "str", int: "int", bool: "bool", dt.date: "date", dt.time: "time"}
#: Row references that have no foreign key on the desktop (the target may be absent
#: locally: a redirect points at a student kept on another laptop).
UNCHECKED_REFERENCES = {("student_redirect", "target_id")}


def desktop_field(model: type[SyncedRow], name: str) -> tuple[str, bool]:
    """(kind, nullable) of a desktop column, from its annotation."""
    annotation = model.model_fields[name].annotation
    args = typing.get_args(annotation)
    union = isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union
    if union:
        kinds = [a for a in args if a is not type(None)]
        assert len(kinds) == 1, f"{model.__name__}.{name}: one type or None"
        return KINDS[kinds[0]], type(None) in args
    return KINDS[annotation], False


def test_same_tables() -> None:
    assert list(schema.TABLES) == list(SYNCED_MODELS) == list(SYNCED_TABLES)


@pytest.mark.parametrize("table", list(SYNCED_MODELS))
def test_same_fields_types_and_nullability(table: str) -> None:
    model = SYNCED_MODELS[table]
    desktop = [n for n in data_fields(model) if n != "hub_id"]  # hub_id: the envelope's
    shared = schema.TABLES[table]
    assert sorted(shared) == sorted(desktop)
    for name in desktop:
        kind, nullable = desktop_field(model, name)
        spec = shared[name]
        assert (spec.kind, spec.nullable) == (kind, nullable), f"{table}.{name}"
        assert spec.required == model.model_fields[name].is_required(), f"{table}.{name}"
        column = model.__table__.c[name]  # type: ignore[attr-defined]
        if column.foreign_keys or (table, name) in UNCHECKED_REFERENCES:
            assert spec.row_ref, f"{table}.{name} holds a row id"
        else:
            assert not spec.row_ref, f"{table}.{name} is not a reference on the desktop"
        length = getattr(column.type, "length", None)
        if length is not None:
            assert spec.max_length == length, f"{table}.{name}: same maximum length"


@pytest.mark.parametrize("table", list(SYNCED_MODELS))
def test_desktop_defaults_and_a_new_row_pass_the_schema(table: str) -> None:
    """What the desktop writes for a new row with only its required fields set passes
    the shared check, so a laptop's own rows are never refused."""
    model = SYNCED_MODELS[table]
    samples = {
        "str": "x",
        "int": 1,
        "bool": True,
        "date": dt.date(2026, 2, 28),
        "time": dt.time(15, 30),
    }
    values: dict[str, Any] = {}
    for name, spec in schema.TABLES[table].items():
        field = model.model_fields[name]
        if field.is_required():
            sample = "6f1c0000-0000-4000-8000-000000000001" if spec.row_ref else samples[spec.kind]
            values[name] = to_wire(sample)
        else:
            values[name] = to_wire(field.get_default(call_default_factory=True))
    assert schema.row_problems(table, values, complete=True) == []
