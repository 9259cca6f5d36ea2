"""The presences of each held session (``presence.py``): who was on the roll, by hand,
and on random registers the same presences as the ``counted`` block."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import no_progress
from harmony_desktop.services.reports.presence import HeldSession, Roll, held_sessions
from harmony_desktop.store import Store
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Enrollment,
    Ensemble,
    Hub,
    Student,
)
from harmony_desktop.store.replica import attendance_mark_id
from harmony_desktop.store.seed import ensure_attendance_codes
from tests.reports.register import Register
from tests.support.store_template import new_store_file

YEAR = ReportParams(year="2025-26", today=dt.date(2026, 7, 15))

SPANS = [
    ("a", "E", "2025-09-01", "9999-12-31"),
    ("b", "E", "2025-09-15", "2025-10-01"),
    ("b", "E", "2025-11-01", "2025-12-01"),
    ("c", "F", "2025-01-01", "2026-01-01"),
]


def test_roll_by_hand() -> None:
    roll = Roll(SPANS)
    assert roll.on_roll("E", "2025-08-31", ["a"]) == []
    assert roll.on_roll("E", "2025-09-01", ["a", "b"]) == ["a"]
    assert roll.on_roll("E", "2025-09-15", ["b", "a"]) == ["b", "a"]  # first day counts
    assert roll.on_roll("E", "2025-09-30", ["b"]) == ["b"]
    assert roll.on_roll("E", "2025-10-01", ["a", "b"]) == ["a"]  # the day after the last
    assert roll.on_roll("E", "2025-10-15", ["b", "a", "b"]) == ["a"]
    assert roll.on_roll("E", "2025-11-30", ["b", "b"]) == ["b", "b"]  # once per mark
    assert roll.on_roll("E", "2025-12-01", ["b", "c"]) == []  # c is in F, not E
    assert roll.on_roll("F", "2025-12-31", ["c", "a"]) == ["c"]
    assert roll.on_roll("G", "2025-10-01", ["a"]) == []  # no one enrolled in G


def _sessions(
    services: Services, first: dt.date | None = None
) -> dict[tuple[str, str], HeldSession]:
    with services.store.read() as session:
        ctx = ReportContext(session, YEAR, no_progress, whole_year=True)
        sql = None if first is None else ctx.sql(first=first, last=dt.date(first.year + 1, 6, 30))
        return {
            (ctx.ensemble_name(h.ensemble_id), f"{h.date} {h.start[:5]}"): h
            for h in held_sessions(ctx, sql, details=True)
        }


def test_the_register_session_by_session(services: Services, register: Register) -> None:
    ids = {v: k for k, v in register.students.items()}
    found = _sessions(services)

    def who(ensemble: str, day: str) -> tuple[list[str], list[tuple[object, ...]]]:
        h = found[(ensemble, day)]
        return (
            sorted(ids[s] for s in h.students[: h.whole]),
            sorted((ids[t[0]], t[1] and t[1][:5], t[2] and t[2][:5], *t[3:]) for t in h.timed),
        )

    # Ten Strings sessions and four of the Choir: not the cancelled, the scheduled or the
    # closed day.
    assert sorted(found) == sorted(
        [("Strings", f"{d} 15:00") for d in
         ["2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22", "2025-09-29", "2025-10-06",
          "2025-10-13", "2025-10-20", "2025-10-27", "2025-11-03"]]
        + [("Choir", "2025-09-06 10:00"), ("Choir", "2025-09-13 10:00"),
           ("Choir", "2025-09-13 12:00"), ("Choir", "2025-09-20 10:00")]
    )  # fmt: skip
    # Luis, present on 09-08, was not enrolled until 09-15.
    assert who("Strings", "2025-09-08 15:00") == (["Ana", "Maya"], [])
    assert who("Strings", "2025-09-15 15:00") == (["Luis"], [])
    # Ana left at 16:00 (medical): one hour of the two.
    assert who("Strings", "2025-09-22 15:00") == (
        ["Luis", "Maya"], [("Ana", None, "16:00", 1, "medical", 3600)])  # fmt: skip
    # Ana came at 15:30: late, not an early release; an hour and a half.
    assert who("Strings", "2025-10-13 15:00") == (
        ["Luis"], [("Ana", "15:30", None, 0, None, 5400)])  # fmt: skip
    assert who("Strings", "2025-11-03 15:00") == ([], [])
    assert who("Choir", "2025-09-13 12:00") == (["Diego"], [])
    assert found[("Choir", "2025-09-13 12:00")].seconds == 3600
    assert found[("Strings", "2025-09-01 15:00")].seconds == 7200
    # 2026-27: Maya enrolled again on 2026-09-01; Diego was absent.
    later = _sessions(services, dt.date(2026, 7, 1))
    assert sorted(ids[s] for s in later[("Strings", "2026-09-07 15:00")].students) == [
        "Ana", "Maya"]  # fmt: skip
    assert later[("Choir", "2026-09-12 10:00")].students == []


START = dt.date(2025, 9, 1)
CODES = [None, "P", "L", "LE", "OS", "AE", "AU"]
TIMES = [None, dt.time(14, 50), dt.time(15, 20), dt.time(15, 45), dt.time(16, 30)]
_counter = itertools.count()

spans_st = st.lists(  # a student's enrollments: start, length (None: still enrolled)
    st.tuples(st.integers(0, 20), st.one_of(st.none(), st.integers(1, 15))),
    min_size=1, max_size=3,
)  # fmt: skip


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    days=st.lists(st.integers(0, 20), min_size=1, max_size=10, unique=True),
    students=st.lists(spans_st, min_size=1, max_size=4),
    data=st.data(),
)
def test_the_same_presences_as_counted(
    days: list[int], students: list[list[tuple[int, int | None]]], data: st.DataObject
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="harmony-presence-"))
    path = new_store_file(folder / f"p{next(_counter)}.sqlite3")
    try:
        with Store(path) as store:
            ensure_attendance_codes(store)
            with store.write() as w:
                hub = w.insert(Hub(name="Random Hub"))
                ens = w.insert(Ensemble(hub_id=hub.id, name="Random Ensemble"))
                sessions = [
                    w.insert(ClassSession(hub_id=hub.id, ensemble_id=ens.id,
                                          date=START + dt.timedelta(days=day), start=dt.time(15),
                                          end=dt.time(16), status="held")).id
                    for day in days
                ]  # fmt: skip
                for i, enrollments in enumerate(students):
                    sid = w.insert(Student(hub_id=hub.id, legal_first_name=f"S{i}",
                                           legal_last_name="Random")).id  # fmt: skip
                    for start, length in enrollments:
                        on = START + dt.timedelta(days=start)
                        w.insert(Enrollment(hub_id=hub.id, student_id=sid, ensemble_id=ens.id,
                                            status="enrolled" if length is None else "withdrawn",
                                            enrolled_on=on, ended_on=None if length is None
                                            else on + dt.timedelta(days=length)))  # fmt: skip
                    for session_id in sessions:
                        code = data.draw(st.sampled_from(CODES))
                        w.insert(AttendanceMark(
                            id=attendance_mark_id(session_id, sid), hub_id=hub.id,
                            session_id=session_id, student_id=sid, code=code,
                            arrival_time=data.draw(st.sampled_from(TIMES)),
                            departure_time=data.draw(st.sampled_from(TIMES)),
                            reason=data.draw(st.sampled_from(["", "bus", "a, b"]))))  # fmt: skip
            params = ReportParams(first=START, last=START + dt.timedelta(days=20))
            with store.read() as session:
                ctx = ReportContext(session, params, no_progress)
                sql = ctx.sql()
                counted = Counter(
                    tuple(row)
                    for row in ctx.rows(
                        f"""{sql.standard(codes=sql.present)}
                        SELECT student_id, session_id, seconds,
                               arrival_time IS NULL AND departure_time IS NULL AND NOT early,
                               arrival_time, departure_time, early,
                               CASE WHEN early THEN reason END
                        FROM counted""",
                        sql.params,
                    )
                )
                ids = dict(ctx.rows("SELECT date, id FROM session"))
                found: Counter[tuple[object, ...]] = Counter()
                for h in held_sessions(ctx, details=True):
                    session_id = ids[h.date]
                    for student in h.students[: h.whole]:
                        found[(student, session_id, h.seconds, 1, None, None, 0, None)] += 1
                    for student, arrival, departure, early, reason, seconds in h.timed:
                        found[(student, session_id, seconds, 0, arrival, departure, early,
                               reason)] += 1  # fmt: skip
                plain = Counter((s, ids[h.date]) for h in held_sessions(ctx) for s in h.students)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert found == counted
    assert plain == Counter((row[0], row[1]) for row in counted.elements())
