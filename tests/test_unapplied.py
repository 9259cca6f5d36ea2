"""A pulled row this laptop cannot apply is set aside for review; the rest of the page
applies and the cursor moves on. Database failures (not the row's fault) still stop the
page, and nothing of it is written."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from harmony_desktop.services.review import ReviewService
from harmony_desktop.store import Store
from harmony_desktop.store import settings as local
from harmony_desktop.store.models import Conflict, Ensemble, Hub, Student
from harmony_desktop.store.replica import UNAPPLIED_FIELD, Replica

NOW_MS = 1_795_000_000_000
OTHER = "00000000000000bb"
HUB = str(uuid.UUID(int=11))


def stamp(offset_ms: int = 0) -> str:
    return f"{NOW_MS + offset_ms:015d}-00000-{OTHER}"


def row(table: str, values: dict[str, Any], *, row_id: str | None = None, clock: str = "") -> dict:
    return {
        "table": table,
        "id": row_id or str(uuid.uuid4()),
        "hub_id": HUB,
        "values": values,
        "clocks": dict.fromkeys(values, clock or stamp()),
    }


def apply(store: Store, rows: list[dict[str, Any]], cursor: int) -> int:
    return Replica(store, wall=lambda: NOW_MS).apply_page(rows, [], cursor)


def hub_row() -> dict[str, Any]:
    return row("hub", {"name": "North Park", "deleted": False}, row_id=HUB)


def student(first: str = "Generated", **more: Any) -> dict[str, Any]:
    return row(
        "student",
        {"legal_first_name": first, "legal_last_name": "Testrow", "deleted": False, **more},
    )


def set_aside(store: Store) -> dict[str, dict[str, Any]]:
    """Review items of rows not applied, by row id: their reason."""
    with store.read() as s:
        kept = s.exec(select(Conflict).where(Conflict.field_name == UNAPPLIED_FIELD)).all()
    return {c.row_id: json.loads(c.winning_value) for c in kept}


POISON = [
    ("a day that does not exist", {"date_of_birth": "2026-02-30"}, "date_of_birth"),
    ("a string for a flag", {"deleted": "false"}, "deleted"),
    ("null for a name", {"legal_first_name": None}, "legal_first_name"),
    ("a number for a name", {"legal_first_name": 12}, "legal_first_name"),
    ("a number for a date", {"date_of_birth": 20160229}, "date_of_birth"),
]


@pytest.mark.parametrize(("label", "bad", "field"), POISON, ids=[p[0] for p in POISON])
def test_a_new_row_that_does_not_fit_is_set_aside_and_the_page_goes_on(
    store: Store, label: str, bad: dict[str, Any], field: str
) -> None:
    poison, good = student(**bad), student("Kept")
    apply(store, [hub_row(), poison, good], cursor=7)
    with store.read() as s:
        assert s.get(Student, poison["id"]) is None
        assert s.get(Student, good["id"]) is not None
        assert s.get(Hub, HUB) is not None
    reasons = set_aside(store)
    assert list(reasons) == [poison["id"]]
    assert reasons[poison["id"]]["code"] == "not_applied"
    assert repr(field) in reasons[poison["id"]]["reason"]
    assert store.settings.get(local.SYNC_CURSOR) == 7


def test_a_string_false_never_makes_a_tombstone(store: Store) -> None:
    kept = student("Stays")
    apply(store, [hub_row(), kept], cursor=1)
    later = {**kept, "values": {"deleted": "false"}, "clocks": {"deleted": stamp(1000)}}
    apply(store, [later], cursor=2)
    with store.read() as s:
        found = s.get(Student, kept["id"])
        assert found is not None and found.deleted is False
    assert list(set_aside(store)) == [kept["id"]]
    assert "true or false" in set_aside(store)[kept["id"]]["reason"]


def test_an_existing_row_keeps_its_value_when_an_update_does_not_fit(store: Store) -> None:
    ensemble = row("ensemble", {"name": "Strings", "capacity": 20, "deleted": False})
    apply(store, [hub_row(), ensemble], cursor=1)
    huge = {**ensemble, "values": {"capacity": 10**30}, "clocks": {"capacity": stamp(5)}}
    fine = {**ensemble, "values": {"name": "Strings II"}, "clocks": {"name": stamp(6)}}
    apply(store, [huge, fine], cursor=2)
    with store.read() as s:
        found = s.get(Ensemble, ensemble["id"])
        assert found is not None and (found.capacity, found.name) == (20, "Strings II")
    assert "'capacity'" in set_aside(store)[ensemble["id"]]["reason"]


def test_a_new_row_without_a_required_field_is_set_aside_not_dropped(store: Store) -> None:
    partial = row("student", {"legal_first_name": "Only", "deleted": False})
    apply(store, [hub_row(), partial], cursor=3)
    reason = set_aside(store)[partial["id"]]["reason"]
    assert "'legal_last_name': is required and missing" in reason
    # A complete version of the same row later applies as usual.
    complete = student("Only")
    complete["id"] = partial["id"]
    complete["clocks"] = dict.fromkeys(complete["values"], stamp(10))
    apply(store, [complete], cursor=4)
    with store.read() as s:
        assert s.get(Student, partial["id"]) is not None


def test_a_malformed_clock_is_set_aside(store: Store) -> None:
    odd = student("Odd")
    odd["clocks"]["legal_first_name"] = "yesterday"
    apply(store, [hub_row(), odd], cursor=3)
    assert "clock is malformed" in set_aside(store)[odd["id"]]["reason"]
    assert store.settings.get(local.SYNC_CURSOR) == 3


def test_a_row_the_local_database_refuses_is_set_aside_alone(store: Store) -> None:
    """A constraint the schema does not know (here a trigger) refuses one row: the page
    is applied again row by row and only that row is left out."""
    conn = sqlite3.connect(store.path)
    conn.execute(
        "CREATE TRIGGER refuse_one BEFORE INSERT ON student WHEN NEW.legal_first_name = "
        "'Refused' BEGIN SELECT RAISE(ABORT, 'refused by a local rule'); END"
    )
    conn.close()
    rows = [hub_row(), student("Before"), student("Refused"), student("After")]
    apply(store, rows, cursor=5)
    with store.read() as s:
        names = sorted(st.legal_first_name for st in s.exec(select(Student)))
    assert names == ["After", "Before"]
    reason = set_aside(store)[rows[2]["id"]]["reason"]
    assert "refused it (IntegrityError: refused by a local rule)" in reason
    assert "Refused'" not in reason  # the value itself is never quoted
    assert store.settings.get(local.SYNC_CURSOR) == 5


def test_a_database_failure_stops_the_page_and_writes_nothing(store: Store) -> None:
    """Not the row's fault (here a broken local trigger; in life a full disk): the page
    is not applied, nothing is set aside, the cursor stays, the next sync retries."""
    conn = sqlite3.connect(store.path)
    conn.execute(
        "CREATE TRIGGER broken BEFORE INSERT ON student BEGIN "
        "INSERT INTO no_such_table VALUES (1); END"
    )
    conn.close()
    with pytest.raises(OperationalError):
        apply(store, [hub_row(), student("Any")], cursor=5)
    with store.read() as s:
        assert s.exec(select(Hub)).all() == []
    assert set_aside(store) == {}
    assert store.settings.get(local.SYNC_CURSOR) == 0


def test_the_same_page_twice_keeps_one_review_item_and_review_lists_it(store: Store) -> None:
    poison = student(date_of_birth="2026-02-30")
    apply(store, [hub_row(), poison], cursor=1)
    apply(store, [hub_row(), poison], cursor=1)
    [item] = ReviewService(store).review_items()
    assert (item.kind, item.table, item.row_id) == ("unapplied", "student", poison["id"])
    assert "'date_of_birth'" in item.winning_value["reason"]
    ReviewService(store).keep_value(item.id, "losing")  # dismissing never applies it
    assert ReviewService(store).review_items() == []
    with store.read() as s:
        assert s.get(Student, poison["id"]) is None
