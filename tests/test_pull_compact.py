"""A page whose rows carry ``{"*": clock}`` (the compact pull, ``"clocks": "compact"``)
is stored exactly as the same page with every field's clock: the same rows, the same
field clocks, the same review items, on a fresh laptop and on one that holds some of
the rows already (the per-field merge gets the clocks it got before)."""

from __future__ import annotations

import copy
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from harmony_desktop.store import Store
from harmony_desktop.store.replica import Replica
from harmony_desktop.store.replica.wire import expand_pulled_clocks
from tests.support.store_template import new_store_file

NOW_MS = 1_795_000_000_000
HUB = str(uuid.UUID(int=11))
SESSION = str(uuid.UUID(int=21))
A = "001794999000000-00000-00000000000000aa"  # the first writes
B = "001794999500000-00003-00000000000000bb"  # later ones
C = "001794999800000-00001-00000000000000cc"


def mark(n: int, values: dict[str, Any], clocks: dict[str, str]) -> dict[str, Any]:
    return {
        "table": "attendance_mark",
        "id": str(uuid.UUID(int=5000 + n)),
        "hub_id": HUB,
        "values": values,
        "clocks": clocks,
    }


def mark_values(n: int, code: str, note: str = "") -> dict[str, Any]:
    return {
        "session_id": SESSION,
        "student_id": str(uuid.UUID(int=1000 + n)),
        "code": code,
        "note": note,
        "deleted": False,
    }


STUDENT = str(uuid.UUID(int=3001))
STUDENT_VALUES = {"legal_first_name": "Ana", "legal_last_name": "Test", "grade": "3"}

#: what both laptops hold before the page (pulled in the full form)
BEFORE = [
    mark(1, mark_values(1, "P"), dict.fromkeys(mark_values(1, "P"), A)),
    mark(2, mark_values(2, "P", "bus"), {**dict.fromkeys(mark_values(2, "P"), A), "note": C}),
    {
        "table": "student",
        "id": STUDENT,
        "hub_id": HUB,
        "values": STUDENT_VALUES,
        "clocks": dict.fromkeys(STUDENT_VALUES, A),
    },
]

#: the page in the full form: (row, its compact clocks, written out by hand)
PAGE: list[tuple[dict[str, Any], dict[str, str]]] = [
    # new rows written at one clock: the bulk insert
    (mark(3, mark_values(3, "A"), dict.fromkeys(mark_values(3, "A"), B)), {"*": B}),
    (mark(4, mark_values(4, "L"), dict.fromkeys(mark_values(4, "L"), A)), {"*": A}),
    # a field this version does not know, at the same clock
    (
        mark(
            5,
            {**mark_values(5, "P"), "a_field_from_later": 1},
            dict.fromkeys([*mark_values(5, "P"), "a_field_from_later"], B),
        ),
        {"*": B},
    ),
    # a new row whose fields have two clocks: stays in the full form
    (
        mark(6, mark_values(6, "E"), {**dict.fromkeys(mark_values(6, "E"), A), "code": B}),
        {**dict.fromkeys(mark_values(6, "E"), A), "code": B},
    ),
    # a row the laptop holds, all of it newer: every field wins
    (mark(1, mark_values(1, "A", "sick"), dict.fromkeys(mark_values(1, "A"), B)), {"*": B}),
    # a row the laptop holds whose note is newer there (C): the note stays, the code
    # (older there) takes B
    (mark(2, mark_values(2, "L", "car"), dict.fromkeys(mark_values(2, "L"), B)), {"*": B}),
    # a held row whose fields have two clocks
    (
        {
            "table": "student",
            "id": STUDENT,
            "hub_id": HUB,
            "values": {**STUDENT_VALUES, "grade": "4"},
            "clocks": {**dict.fromkeys(STUDENT_VALUES, A), "grade": B},
        },
        {**dict.fromkeys(STUDENT_VALUES, A), "grade": B},
    ),
]


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as conn:
        return {
            "marks": conn.execute("SELECT * FROM attendance_mark ORDER BY id").fetchall(),
            "students": conn.execute("SELECT * FROM student ORDER BY id").fetchall(),
            "review": conn.execute(
                "SELECT table_name, row_id, field_name, losing_value, losing_clock, "
                "winning_value, winning_clock FROM conflict ORDER BY row_id, field_name"
            ).fetchall(),
        }


def stored(tmp: Path, name: str, page: list[dict[str, Any]], held: bool) -> dict[str, Any]:
    path = new_store_file(tmp / name / "harmony.sqlite3")
    with Store(path) as store:
        replica = Replica(store, wall=lambda: NOW_MS)
        if held:
            replica.apply_page(copy.deepcopy(BEFORE), [], 1)
        replica.apply_page(page, [], 2)
    return dump(path)


def test_compact_rows_expand_to_exactly_the_full_clocks() -> None:
    full = [copy.deepcopy(row) for row, _ in PAGE]
    compact = [{**copy.deepcopy(row), "clocks": dict(clocks)} for row, clocks in PAGE]
    assert sum(c == {"*": B} or c == {"*": A} for _, c in PAGE) == 5
    expand_pulled_clocks(compact)
    assert compact == full
    expand_pulled_clocks(compact)  # a page applied again (a retry): unchanged
    assert compact == full


def test_a_compact_page_is_stored_exactly_as_the_full_page(tmp_path: Path) -> None:
    full = [copy.deepcopy(row) for row, _ in PAGE]
    compact = [{**copy.deepcopy(row), "clocks": dict(clocks)} for row, clocks in PAGE]
    for held in (False, True):
        as_full = stored(tmp_path, f"full-{held}", copy.deepcopy(full), held)
        as_compact = stored(tmp_path, f"compact-{held}", copy.deepcopy(compact), held)
        assert as_compact == as_full
    # and what that is, written out
    clocks = {row[0]: row for row in as_full["marks"]}
    with sqlite3.connect(tmp_path / "compact-True" / "harmony.sqlite3") as conn:
        got = dict(conn.execute("SELECT id, clocks FROM attendance_mark").fetchall())
        student = conn.execute("SELECT clocks, grade FROM student").fetchone()
    assert len(clocks) == 6
    assert got[str(uuid.UUID(int=5003))] == f'{{"*": "{B}"}}'
    assert got[str(uuid.UUID(int=5004))] == f'{{"*": "{A}"}}'
    assert got[str(uuid.UUID(int=5005))] == f'{{"*": "{B}"}}'
    assert got[str(uuid.UUID(int=5006))] == f'{{"*": "{A}", "code": "{B}"}}'
    # a held row: the fields the page names take B, the row's other fields keep A
    names = ("code", "deleted", "hub_id", "note", "session_id", "student_id")
    assert got[str(uuid.UUID(int=5001))] == (
        f'{{"*": "{A}", ' + ", ".join(f'"{n}": "{B}"' for n in names) + "}"
    )
    # its note, newer here (C), stays with its clock; the rest take B
    assert got[str(uuid.UUID(int=5002))] == (
        f'{{"*": "{A}", ' + ", ".join(f'"{n}": "{C if n == "note" else B}"' for n in names) + "}"
    )
    assert student == (f'{{"*": "{A}", "grade": "{B}"}}', "4")
    assert as_full["review"] == []  # a pull keeps no losers (the server reports them)
