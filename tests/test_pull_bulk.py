"""A pulled page is checked and inserted a column at a time (``fits_whole``,
``Field.check_all``, ``pull._insert_new``): it must keep exactly what the row-by-row way
keeps, sets aside and stores.

Two laptops' stores get the same page: one the usual way, one through the row-by-row
way (every row checked by ``unfit``, every new row built by ``_merge_rows``' loop).
Their rows, clocks and review items must be identical.
"""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmony_desktop.store import Store
from harmony_desktop.store.models import AttendanceMark
from harmony_desktop.store.replica import Replica, pull
from harmony_desktop.store.replica.unapplied import fits_whole
from harmony_sync import schema
from tests.support.store_template import new_store_file

NOW_MS = 1_795_000_000_000
OTHER = "00000000000000bb"
HUB = str(uuid.UUID(int=11))
SESSION = str(uuid.UUID(int=21))


def stamp(offset_ms: int = 0, counter: int = 0) -> str:
    return f"{NOW_MS + offset_ms:015d}-{counter:05d}-{OTHER}"


def mark(n: int, values: dict[str, Any], clocks: dict[str, str] | None = None) -> dict[str, Any]:
    values = {"session_id": SESSION, "student_id": str(uuid.UUID(int=1000 + n)), **values}
    return {
        "table": "attendance_mark",
        "id": str(uuid.UUID(int=5000 + n)),
        "hub_id": HUB,
        "values": values,
        "clocks": clocks if clocks is not None else dict.fromkeys(values, stamp(counter=n)),
    }


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row and review item of a store file, as stored."""
    with sqlite3.connect(path) as conn:
        marks = conn.execute("SELECT * FROM attendance_mark ORDER BY id").fetchall()
        students = conn.execute("SELECT * FROM student ORDER BY id").fetchall()
        review = conn.execute(
            "SELECT id, table_name, row_id, field_name, losing_value, winning_value "
            "FROM conflict ORDER BY id"
        ).fetchall()
    return {"marks": marks, "students": students, "review": review}


def apply_both(tmp: Path, rows: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> tuple:
    """The page applied the usual way and the row-by-row way, in two fresh stores."""
    dumps = []
    for way in ("columns", "rows"):
        path = new_store_file(tmp / way / "harmony.sqlite3")
        with monkeypatch.context() as patch, Store(path) as store:
            replica = Replica(store, wall=lambda: NOW_MS)
            if way == "columns":
                replica.apply_page(rows, [], 9)
            else:
                # every row checked by ``unfit``; a row twice in its page is inserted by
                # ``_merge_rows``' loop (then merged with itself: nothing changes)
                patch.setattr(pull, "fits_whole", lambda *_args: None)
                for n, row in enumerate(rows):
                    replica.apply_page([row, copy.deepcopy(row)], [], n + 1)
        dumps.append(dump(path))
    return dumps[0], dumps[1]


def test_marks_of_a_first_sync_are_stored_as_the_row_by_row_way_stores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole marks, one without the newer fields (a row stored before they existed),
    one with a field this version does not know, one whose fields have two clocks,
    times to convert, flags and nulls."""
    whole = {
        "code": "L",
        "arrival_time": "15:45",
        "departure_time": None,
        "reason": "",
        "note": "bus",
        "recorded_by": "T. Teacher",
        "recorded_at": "2026-01-05T23:00:00+00:00",
        "collected_by": "",
        "collected_at": None,
        "walked_home": True,
        "pickup_confirmed_by": None,
        "deleted": False,
    }
    older = {"code": "P", "reason": "", "note": "", "recorded_at": "", "deleted": False}
    rows = [
        mark(1, whole),
        mark(2, older),
        mark(3, {**whole, "arrival_time": "16:05:30", "a_field_from_later": 3}),
        mark(
            4,
            whole,
            clocks={
                **dict.fromkeys(["session_id", "student_id", *whole], stamp(0, 4)),
                "code": stamp(500, 1),
            },
        ),
    ]
    columns, one_by_one = apply_both(tmp_path, rows, monkeypatch)
    assert columns == one_by_one
    by_id = {m[0]: m for m in columns["marks"]}
    assert len(by_id) == 4
    with Store(tmp_path / "columns" / "harmony.sqlite3") as store, store.read() as s:
        first = s.get(AttendanceMark, rows[0]["id"])
        older_mark = s.get(AttendanceMark, rows[1]["id"])
        later = s.get(AttendanceMark, rows[2]["id"])
        two = s.get(AttendanceMark, rows[3]["id"])
        assert first is not None and older_mark is not None
        assert later is not None and two is not None
        assert first.arrival_time == dt.time(15, 45)
        assert first.walked_home is True
        assert first.clocks == '{"*": "001795000000000-00001-00000000000000bb"}'
        assert older_mark.collected_by == ""  # the model's default
        assert older_mark.walked_home is False
        assert older_mark.arrival_time is None
        assert later.arrival_time == dt.time(16, 5, 30)
        assert two.clocks == (
            '{"*": "001795000000000-00004-00000000000000bb", '
            '"code": "001795000000500-00001-00000000000000bb"}'
        )


BAD_MARKS = [
    ("a flag as 1", {"walked_home": 1}),
    ("a time that does not exist", {"arrival_time": "25:61"}),
    ("a row id in capitals", {"student_id": str(uuid.UUID(int=77)).upper()}),
    ("two row ids as one", {"student_id": str(uuid.UUID(int=7)) + str(uuid.UUID(int=8))}),
    ("a NUL in a note", {"note": "a\x00b"}),
    ("a lone surrogate in a note", {"note": "a\ud800"}),
    ("a code too long", {"code": "x" * 65}),
    ("null for a note", {"note": None}),
    ("a number for a code", {"code": 1.0}),
]


@pytest.mark.parametrize(("label", "bad"), BAD_MARKS, ids=[b[0] for b in BAD_MARKS])
def test_one_mark_that_does_not_fit_among_many_is_set_aside_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, label: str, bad: dict[str, Any]
) -> None:
    good = {"code": "P", "note": "", "deleted": False}
    rows = [mark(n, good) for n in range(50)]
    rows[17] = mark(17, {**good, **bad})
    columns, one_by_one = apply_both(tmp_path, rows, monkeypatch)
    assert columns == one_by_one
    assert len(columns["marks"]) == 49
    assert [item[2] for item in columns["review"]] == [rows[17]["id"]]


def test_a_clock_far_ahead_or_malformed_is_found_among_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = {"code": "P", "deleted": False}
    rows = [mark(n, good) for n in range(30)]
    rows[3]["clocks"]["code"] = stamp(500 * 86_400_000)  # 500 days ahead
    rows[4]["clocks"]["code"] = stamp()[:-1] + "G"
    rows[5]["clocks"]["code"] = stamp() + "\n"  # the row-by-row check's own verdict
    columns, one_by_one = apply_both(tmp_path, rows, monkeypatch)
    assert columns == one_by_one
    assert {item[2] for item in columns["review"]} == {rows[3]["id"], rows[4]["id"]}


def test_fits_whole_says_yes_only_for_rows_that_fit() -> None:
    good = [mark(n, {"code": "P", "deleted": False}) for n in range(3)]
    assert fits_whole(AttendanceMark, good, NOW_MS) == stamp(counter=2)
    without_session = [mark(0, {"code": "P"})]
    del without_session[0]["values"]["session_id"]
    assert fits_whole(AttendanceMark, without_session, NOW_MS) is None
    with_hub_value = [mark(0, {"code": "P", "hub_id": HUB})]
    assert fits_whole(AttendanceMark, with_hub_value, NOW_MS) is None
    id_not_text = [{**mark(0, {"code": "P"}), "id": 5}]
    assert fits_whole(AttendanceMark, id_not_text, NOW_MS) is None


# -- Field.check_all never says yes where Field.check refuses a value -------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-2_000_000, max_value=2_000_000),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(
        [
            "2026-02-28",
            "2026-02-30",
            "15:30",
            "15:30:00",
            "25:00",
            str(uuid.UUID(int=5)),
            str(uuid.UUID(int=5)).upper(),
            "x" * 70,
            "a\x00",
            "\ud800",
        ]
    ),
)
SPECS = [spec for fields in schema.TABLES.values() for spec in fields.values()]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(spec=st.sampled_from(SPECS), column=st.lists(SCALARS, max_size=6))
def test_check_all_never_accepts_a_value_check_refuses(
    spec: schema.Field, column: list[Any]
) -> None:
    if spec.check_all(column):
        assert all(spec.check(value) for value in column)


@pytest.mark.parametrize(
    ("spec", "column", "verdict"),
    [
        (schema.FLAG, [True, False, True], True),
        (schema.FLAG, [True, 1], False),
        (schema.FLAG, [True, None], False),
        (schema.number(0, 10), [0, 10, 3], True),
        (schema.number(0, 10), [0, 11], False),
        (schema.number(0, 10), [True], False),
        (schema.number(0, 10), [1.0], False),
        (schema.text(3), ["abc", "", "é"], True),
        (schema.text(3), ["abcd"], False),
        (schema.text(3), ["a\x00"], False),
        (schema.text(3), ["\ud83d", "\ude00"], False),
        (schema.text(3), [None], False),
        (schema.text(3, nullable=True), [None, "a"], True),
        (schema.ref(), [str(uuid.UUID(int=1)), str(uuid.UUID(int=2))], True),
        (schema.ref(), [str(uuid.UUID(int=0xABCDEF)).upper()], False),
        (schema.ref(), [str(uuid.UUID(int=1))[:-1] + "\n"], False),
        (schema.OPTIONAL_DATE, ["2026-02-28", None, "2026-02-28"], True),
        (schema.OPTIONAL_DATE, ["2026-02-30"], False),
        (schema.Field("time", nullable=True), ["15:30", "15:30:00.5", None], True),
        (schema.Field("time", nullable=True), ["15:30:00\n"], False),
        (schema.FLAG, [], True),
    ],
)
def test_check_all_of_a_column(spec: schema.Field, column: list[Any], verdict: bool) -> None:
    assert spec.check_all(column) is verdict
    if verdict:
        assert all(spec.check(value) for value in column)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    codes=st.lists(st.sampled_from(["P", "A", "L", None, "", "AU"]), min_size=1, max_size=8),
    arrival=st.lists(st.sampled_from([None, "15:30", "16:00:01", "9:00"]), min_size=8, max_size=8),
    walked=st.lists(st.sampled_from([True, False, None, 0]), min_size=8, max_size=8),
    drop=st.lists(
        st.sampled_from(["note", "walked_home", "arrival_time", "session_id"]), max_size=3
    ),
    twice=st.booleans(),
)
def test_any_page_of_marks_is_stored_as_the_row_by_row_way_stores_it(
    tmp_path_factory: pytest.TempPathFactory,
    codes: list[str | None],
    arrival: list[str | None],
    walked: list[Any],
    drop: list[str],
    twice: bool,
) -> None:
    rows = []
    for n, code in enumerate(codes):
        values = {
            "code": code,
            "arrival_time": arrival[n],
            "walked_home": walked[n],
            "note": "",
            "deleted": False,
        }
        row = mark(n, values)
        if n == 0:
            for name in drop:
                row["values"].pop(name, None)
                row["clocks"].pop(name, None)
        rows.append(row)
    if twice:  # the same row twice in one page
        rows.append(mark(0, {"code": "A", "deleted": False}, clocks=None))
    tmp = tmp_path_factory.mktemp("page")
    with pytest.MonkeyPatch.context() as monkeypatch:
        columns, one_by_one = apply_both(tmp, rows, monkeypatch)
    assert columns == one_by_one
