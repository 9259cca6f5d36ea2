"""Hardening: values checked against the shared schema, identical clocks, a mark's hub,
conflict ids that do not leak, lowercase ids, private files, no values in errors or logs."""

from __future__ import annotations

import io
import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, text

from harmony_sync import schema
from harmony_sync.server import db, logs
from harmony_sync.server.accounts import HUBS, ROWS, utcnow
from harmony_sync.server.store import CONFLICTS, REJECTIONS
from tests.server.conftest import LaptopFactory, WriterLockGuard
from tests.server.fakes import conflict_between, mark_values, new_id, session_values
from tests.server.test_push import stored_rows

SECRET = "Zebedee" + "Quill"  # never in the source line a traceback quotes


def codes(body: dict[str, Any]) -> list[str | None]:
    """The rejection code (None when applied) of every mutation result."""
    return [r["code"] for r in body["results"]]


# -- values fit their columns --------------------------------------------------------


#: (table, values, the field the reason must name): one of each kind of misfit.
MISFITS: list[tuple[str, dict[str, Any], str]] = [
    ("student", {"date_of_birth": "2026-02-30"}, "date_of_birth"),
    ("student", {"date_of_birth": "20260216"}, "date_of_birth"),
    ("ensemble", {"capacity": 10**30}, "capacity"),
    ("ensemble", {"capacity": -1}, "capacity"),
    ("ensemble", {"capacity": 12.5}, "capacity"),
    ("ensemble", {"capacity": True}, "capacity"),
    ("student", {"deleted": "false"}, "deleted"),
    ("student", {"photo_consent": 0}, "photo_consent"),
    ("student", {"legal_first_name": None}, "legal_first_name"),
    ("student", {"legal_first_name": "x" * (schema.NAME + 1)}, "legal_first_name"),
    ("student", {"legal_name": "Old field name"}, "legal_name"),
    ("session", {"start": "25:00"}, "start"),
    ("session", {"start": "15:30+02:00"}, "start"),
    ("contact", {"student_id": "not-a-row-id"}, "student_id"),
    ("attendance_mark", {"arrival_time": 1545}, "arrival_time"),
]


def test_a_value_that_does_not_fit_its_column_is_refused_by_name(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    """Each misfit is rejected for good (the device's queue moves on: the good row after
    them applies), its reason names the table, the row and the field, and never quotes
    the value."""
    north, _ = hubs
    dev = laptop([north])
    rows = [new_id() for _ in MISFITS]
    good = new_id()
    body = dev.push(
        [
            *(dev.mutation(t, row, north, v) for (t, v, _), row in zip(MISFITS, rows, strict=True)),
            dev.mutation("student", good, north, {"legal_first_name": "Ana"}),
        ]
    )
    assert codes(body) == ["bad_values"] * len(MISFITS) + [None]
    for (table, values, field), row, result in zip(MISFITS, rows, body["results"], strict=False):
        reason = result["reason"]
        assert table in reason and row in reason and repr(field) in reason, reason
        for value in values.values():
            if isinstance(value, str):
                assert repr(value) not in reason and json.dumps(value) not in reason
    assert set(stored_rows(engine)) == {("student", good)}
    with engine.connect() as conn:
        stored = list(conn.execute(select(REJECTIONS.c.code, REJECTIONS.c.reason)))
    assert len(stored) == len(MISFITS) and all(r.code == "bad_values" for r in stored)


def test_every_field_of_a_complete_row_is_accepted(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    ensemble, session, student = new_id(), new_id(), new_id()
    rows = [
        (
            "ensemble",
            ensemble,
            {
                "name": "Beginning Strings",
                "capacity": 30,
                "schedule": '[{"weekday": 0, "start": "15:30", "end": "17:00"}]',
                "teacher_id": None,
                "first_day": "2026-09-01",
                "last_day": None,
                "deleted": False,
            },
        ),
        (
            "student",
            student,
            {
                "legal_first_name": "Ana",
                "legal_last_name": "Example",
                "date_of_birth": "2016-02-29",
                "grade": "4",
                "photo_consent": True,
                "medical_notes": "x" * schema.TEXT,
                "deleted": False,
            },
        ),
        ("session", session, session_values(ensemble, start="15:30", end="17:00:00.5")),
        (
            "attendance_mark",
            new_id(),
            {**mark_values(session, student, "L"), "arrival_time": "15:42", "note": ""},
        ),
    ]
    body = dev.push([dev.mutation(t, r, north, v) for t, r, v in rows])
    assert codes(body) == [None, None, None, None]
    assert stored_rows(engine)[("student", student)]["date_of_birth"] == "2016-02-29"


def test_shared_check_reports_every_problem_and_missing_required_fields() -> None:
    """The function the laptops reuse: every bad field, and with ``complete=True`` the
    required ones that are missing."""
    problems = schema.row_problems(
        "session", {"date": "2026-13-01", "on_site": "yes"}, complete=True
    )
    assert {(p.field, p.problem.split(",")[0]) for p in problems} == {
        ("date", "must be a calendar date (YYYY-MM-DD)"),
        ("on_site", "must be true or false (a JSON boolean)"),
        ("ensemble_id", "is required and missing"),
        ("start", "is required and missing"),
        ("end", "is required and missing"),
    }
    with pytest.raises(schema.InvalidRow, match=r"session row r1, field 'date'"):
        schema.check_row("session", {"date": "2026-02-30"}, row_id="r1")
    schema.check_row("hub", {"name": "North Park", "deleted": False}, complete=True)


# -- identical clocks ----------------------------------------------------------------


@pytest.mark.parametrize("first", ["cello", "viola"])
def test_identical_clock_different_value_is_settled_the_same_way_and_kept(
    engine: Engine, hubs, laptop: LaptopFactory, first: str
) -> None:
    """Two values under one identical clock: whichever arrives first, the server keeps
    the same one (the same rule every laptop applies) and records the other."""
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    clock = f"{1_700_000_000_000:015d}-00007-{a.node}"
    second = "viola" if first == "cello" else "cello"
    a.push([a.mutation("student", row, north, {"instrument": first}, clock=clock)])
    body = b.push([b.mutation("student", row, north, {"instrument": second}, clock=clock)])
    assert stored_rows(engine)[("student", row)] == {"instrument": "viola"}
    [conflict] = body["conflicts"]
    assert (conflict["losing_value"], conflict["winning_value"]) == ("cello", "viola")
    assert conflict["losing_clock"] == conflict["winning_clock"] == clock
    # The same write seen again is still not a conflict.
    again = b.push([b.mutation("student", row, north, {"instrument": "viola"}, clock=clock)])
    assert again["conflicts"] == []


# -- a mark's hub comes from its session -----------------------------------------------


def test_mark_hub_comes_from_its_session(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    """A device of north that knows the id of one of south's future marks cannot create
    it first: the mark's hub must be its session's. South's real mark then applies."""
    north, south = hubs
    n_dev, s_dev = laptop([north]), laptop([south])
    s_ensemble, s_session, student = new_id(), new_id(), new_id()
    s_dev.push(
        [
            s_dev.mutation("ensemble", s_ensemble, south, {"name": "Brass"}),
            s_dev.mutation("session", s_session, south, session_values(s_ensemble)),
        ]
    )
    mark = new_id()  # uuid5(session, student) in the app: anyone can compute it
    stolen = n_dev.push(
        [
            n_dev.mutation("attendance_mark", mark, north, mark_values(s_session, student)),
            n_dev.mutation("attendance_mark", new_id(), north, mark_values(new_id(), student)),
            n_dev.mutation("attendance_mark", new_id(), north, {"code": "P"}),
        ]
    )
    assert codes(stolen) == ["parent_hub_mismatch", "unknown_parent", "unknown_parent"]
    assert "session" in stolen["results"][0]["reason"]
    real = s_dev.push(
        [s_dev.mutation("attendance_mark", mark, south, mark_values(s_session, student))]
    )
    assert codes(real) == [None]
    # A session and its marks in one push: the session comes first and decides the hub.
    n_ensemble, n_session = new_id(), new_id()
    body = n_dev.push(
        [
            n_dev.mutation("ensemble", n_ensemble, north, {"name": "Strings"}),
            n_dev.mutation("session", n_session, north, session_values(n_ensemble)),
            n_dev.mutation("attendance_mark", new_id(), north, mark_values(n_session, student)),
        ]
    )
    assert codes(body) == [None, None, None]
    with engine.connect() as conn:
        hubs_of_marks = conn.execute(
            select(ROWS.c.hub_id).where(ROWS.c.table_name == "attendance_mark")
        ).scalars()
        assert sorted(hubs_of_marks) == sorted([south, north])


# -- small leaks -----------------------------------------------------------------------


def test_another_hubs_conflict_answers_like_a_missing_one(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, south = hubs
    a, b, outsider = laptop([north]), laptop([north]), laptop([south])
    conflict = conflict_between(a, b, north)
    with engine.connect() as conn:
        missing = int(conn.execute(select(CONFLICTS.c.id)).scalar_one()) + 1

    def resolve(conflict_id: int) -> Any:
        return outsider.client.post(
            "/v1/conflicts/resolve",
            json={"epoch": outsider.epoch, "conflict_ids": [conflict_id]},
            headers=outsider.headers,
        )

    other_hubs, absent = resolve(conflict["id"]), resolve(missing)
    assert other_hubs.status_code == absent.status_code == 404
    assert other_hubs.json()["error"]["message"].replace(str(conflict["id"]), "N") == (
        absent.json()["error"]["message"].replace(str(missing), "N")
    )
    assert other_hubs.json()["error"]["code"] == absent.json()["error"]["code"]


def test_upper_case_ids_are_refused(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    row = new_id()
    body = dev.push(
        [
            dev.mutation("student", row.upper(), north, {"level": "1"}),
            dev.mutation("student", row, north.upper(), {"level": "1"}),
            dev.mutation("contact", new_id(), north, {"student_id": row.upper()}),
            dev.mutation("student", row, north, {"level": "1"}),
        ]
    )
    assert codes(body) == ["bad_row_id", "bad_hub_id", "bad_values", None]
    assert set(stored_rows(engine)) == {("student", row)}


# -- the writer lock guard can fail ----------------------------------------------------


def test_a_writer_without_the_lock_fails_the_guard(
    engine: Engine, writer_lock_guard: WriterLockGuard
) -> None:
    """Positive control of the guard every server test runs under."""
    with engine.begin() as conn:
        conn.execute(
            insert(ROWS).values(
                table_name="student", row_id=new_id(), hub_id=None, seq=10**9, data={}, clocks={}
            )
        )
    caught = list(writer_lock_guard.violations)
    writer_lock_guard.violations.clear()
    assert len(caught) == 1 and caught[0].lower().startswith("insert into synced_row")


# -- private files -----------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # files: SQLite only
def test_default_data_folder_and_files_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.delenv(db.DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(os, "umask", os.umask)  # restored by monkeypatch
    old_umask = os.umask(0o022)  # the usual umask, which made the files 0644
    try:
        url = db.default_database_url()
        engine = db.make_engine(url)
        db.upgrade(engine)
        from harmony_sync.server import accounts

        accounts.add_hub(engine, "North Park")  # a write: the WAL and its index exist now
        folder = tmp_path / "xdg" / "harmony-sync"
        files = sorted(folder.iterdir())
        assert {f.name for f in files} >= {
            "harmony-sync.sqlite3",
            "harmony-sync.sqlite3-wal",
            "harmony-sync.sqlite3-shm",
        }
        assert _mode(folder) == 0o700
        assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
        engine.dispose()
        # An existing folder and file left readable by others are tightened.
        folder.chmod(0o755)
        (folder / "harmony-sync.sqlite3").chmod(0o644)
        db.make_engine(db.default_database_url()).dispose()
        assert _mode(folder) == 0o700 and _mode(folder / "harmony-sync.sqlite3") == 0o600
    finally:
        os.umask(old_umask)


# -- no values in errors or logs ---------------------------------------------------------


def test_engines_hide_bound_values(engine: Engine) -> None:
    assert engine.hide_parameters
    with pytest.raises(Exception) as caught, engine.begin() as conn:
        conn.execute(insert(HUBS).values(id=SECRET, name=None, created_at=utcnow()))
    assert "[SQL parameters hidden" in str(caught.value)
    assert "[parameters:" not in str(caught.value)


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """Put the process's logging back as it was after a test that configures it."""
    names = ["", "harmony_sync", "uvicorn", "uvicorn.error", "uvicorn.access"]
    saved = [
        (
            logging.getLogger(n),
            logging.getLogger(n).handlers[:],
            logging.getLogger(n).level,
            logging.getLogger(n).propagate,
            logging.getLogger(n).disabled,
        )
        for n in names
    ]
    yield
    for logger, handlers, level, propagate, disabled in saved:
        logger.handlers, logger.level = handlers, level
        logger.propagate, logger.disabled = propagate, disabled


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)  # PostgreSQL's DETAIL
def test_no_logged_exception_carries_row_values(
    engine: Engine, restored_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database error's message quotes the failing row (PostgreSQL's DETAIL, which
    hide_parameters cannot hide). Whichever logger reports it, ours or a library's, the
    server's log has the exception's type, never its message."""
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    logs.configure("info")
    try:
        with engine.begin() as conn:
            conn.execute(insert(HUBS).values(id=SECRET, name=None, created_at=utcnow()))
    except Exception:
        for name in ("harmony_sync.server", "sqlalchemy.pool", "some.library"):
            logging.getLogger(name).exception("failed")
    with engine.connect() as conn:
        detail = conn.execute(text("SELECT 1")).scalar()  # the engine still works
    assert detail == 1
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [e["logger"] for e in lines] == [
        "harmony_sync.server",
        "sqlalchemy.pool",
        "some.library",
    ]
    assert all(e["exception"] == "IntegrityError" for e in lines)
    assert SECRET not in stream.getvalue()
