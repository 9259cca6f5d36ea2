"""A database made by the release before programme set-up (store schema 0002, with a
hub, rolls of marks and changes waiting to be sent) upgrades to this version and loses
nothing: every row and value is still there, the renamed ensemble dates carry their
values, clocks, waiting changes and conflicts over, and the staff and codes gain what
this version adds. The file was made by that release's own code
(``tests/data/previous_release/make_file.py``)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from harmony_desktop.services.context import Services
from harmony_desktop.store import Store
from harmony_desktop.store.db import head_revision

OLD = Path(__file__).parent / "data" / "previous_release" / "harmony-0002.sqlite3.gz"
#: Tables whose rows must all survive, as they were.
KEPT = (
    "hub",
    "staff",
    "attendance_code",
    "student",
    "contact",
    "ensemble",
    "enrollment",
    "enrollment_event",
    "session",
    "attendance_mark",
    "student_redirect",
    "outbox",
    "conflict",
    "local_meta",
)
RENAMED = {"term_start": "first_day", "term_end": "last_day"}


def _unpack(tmp_path: Path) -> Path:
    path = tmp_path / "harmony.sqlite3"
    with gzip.open(OLD, "rb") as packed, path.open("wb") as raw:
        shutil.copyfileobj(packed, raw)
    return path


def _rows(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every row of the kept tables, by table and first column."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return {
            table: {str(r[0]): dict(r) for r in conn.execute(f'SELECT * FROM "{table}"')}
            for table in KEPT
        }
    finally:
        conn.close()


def test_a_previous_release_database_upgrades_and_loses_nothing(tmp_path: Path) -> None:
    path = _unpack(tmp_path)
    before = _rows(path)
    assert len(before["attendance_mark"]) > 500 and before["outbox"]  # what we protect
    assert sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone() == (
        "0002",
    )

    with Store(path) as store:
        assert store.schema_revision() == head_revision()
    after = _rows(path)

    for table in KEPT:
        assert after[table].keys() == before[table].keys(), table
        for row_id, old in before[table].items():
            new = after[table][row_id]
            for column, value in old.items():
                column_now = RENAMED.get(column, column) if table == "ensemble" else column
                if (table, column) in {
                    ("ensemble", "clocks"),
                    ("outbox", "values"),
                    ("outbox", "bases"),
                    ("conflict", "field_name"),
                }:
                    continue  # renamed inside: checked below
                assert new[column_now] == value, (table, column)

    # Renamed ensemble fields: values, field clocks, the waiting change, the conflict.
    for row_id, old in before["ensemble"].items():
        new = after["ensemble"][row_id]
        assert (new["first_day"], new["last_day"]) == (old["term_start"], old["term_end"])
        old_clocks = json.loads(old["clocks"])
        assert json.loads(new["clocks"]) == {RENAMED.get(k, k): v for k, v in old_clocks.items()}
        assert (new["grade_min"], new["grade_max"], new["follows_terms"], new["archived"]) == (
            "", "", 0, 0
        )  # fmt: skip
    waiting = [r for r in after["outbox"].values() if r["table_name"] == "ensemble"]
    assert len(waiting) == 1
    values, bases = json.loads(waiting[0]["values"]), json.loads(waiting[0]["bases"])
    assert values["last_day"] == "2027-06-01" and "term_end" not in values
    assert set(bases) == set(values)
    (conflict,) = after["conflict"].values()
    assert conflict["field_name"] == "first_day"

    # Staff work at the hub their row was made in; the default codes speak Spanish.
    for row in after["staff"].values():
        assert json.loads(row["hubs"]) == [row["hub_id"]]
    spanish = {r["code"]: r["label_es"] for r in after["attendance_code"].values()}
    assert spanish["P"] == "Presente" and spanish["AU"] == "Falta injustificada"


def test_the_upgraded_database_keeps_its_rolls_and_sessions(tmp_path: Path) -> None:
    """The app reads the upgraded file as before: the same held sessions and marks, the
    ensembles' dates still bound their sessions."""
    path = _unpack(tmp_path)
    conn = sqlite3.connect(path)
    hub_id, day = conn.execute(
        "SELECT e.hub_id, s.date FROM session s JOIN ensemble e ON e.id = s.ensemble_id "
        "JOIN attendance_mark m ON m.session_id = s.id WHERE m.code IS NOT NULL "
        "ORDER BY s.date DESC LIMIT 1"
    ).fetchone()
    held = conn.execute(
        "SELECT s.id, COUNT(m.id) FROM session s JOIN attendance_mark m ON m.session_id = s.id "
        "WHERE s.date = ? AND m.code IS NOT NULL GROUP BY s.id",
        (day,),
    ).fetchall()
    conn.close()
    with Store(path) as store:
        services = Services.open(store)
        infos = {i.id: i for i in services.sessions.for_day(hub_id, dt.date.fromisoformat(day))}
        for session_id, marks in held:
            assert infos[session_id].recorded == marks
            assert not infos[session_id].off_schedule
