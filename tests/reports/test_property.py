"""Property: on random registers, the ``attendance`` report agrees with a direct SQL
count written independently of the report's SQL (held, present, excused, unexcused,
absences in a row)."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
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
from tests.support.store_template import new_store_file

START = dt.date(2025, 9, 1)
CODES = [None, "P", "L", "LE", "OS", "AE", "AU"]
_counter = itertools.count()

sessions_st = st.lists(
    st.tuples(st.integers(0, 40), st.sampled_from(["held", "held", "held", "cancelled", "scheduled"])),
    min_size=1, max_size=12, unique_by=lambda s: s[0],
)  # fmt: skip
students_st = st.lists(
    st.tuples(st.integers(0, 30), st.one_of(st.none(), st.integers(1, 40))),  # start, length
    min_size=1, max_size=5,
)  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions=sessions_st, students=students_st, data=st.data())
def test_attendance_matches_a_direct_count(
    sessions: list[tuple[int, str]], students: list[tuple[int, int | None]], data: st.DataObject
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="harmony-property-"))
    path = new_store_file(folder / f"p{next(_counter)}.sqlite3")
    with Store(path) as store:
        ensure_attendance_codes(store)
        services = Services.open(store)
        with store.write() as w:
            hub = w.insert(Hub(name="Random Hub"))
            ens = w.insert(Ensemble(hub_id=hub.id, name="Random Ensemble"))
            session_ids = []
            for day, status in sessions:
                row = w.insert(ClassSession(hub_id=hub.id, ensemble_id=ens.id,
                                            date=START + dt.timedelta(days=day),
                                            start=dt.time(15), end=dt.time(16), status=status))  # fmt: skip
                session_ids.append(row.id)
            for i, (start, length) in enumerate(students):
                sid = w.insert(Student(hub_id=hub.id, legal_first_name=f"S{i}",
                                       legal_last_name="Random")).id  # fmt: skip
                enrolled = START + dt.timedelta(days=start)
                w.insert(Enrollment(hub_id=hub.id, student_id=sid, ensemble_id=ens.id,
                                    status="enrolled" if length is None else "withdrawn",
                                    enrolled_on=enrolled,
                                    ended_on=None if length is None
                                    else enrolled + dt.timedelta(days=length)))  # fmt: skip
                for session_id in session_ids:
                    code = data.draw(st.sampled_from(CODES))
                    if code is not None or data.draw(st.booleans()):
                        w.insert(AttendanceMark(id=attendance_mark_id(session_id, sid),
                                                hub_id=hub.id, session_id=session_id,
                                                student_id=sid, code=code))  # fmt: skip
        report = services.reports.run(
            "attendance", ReportParams(first=START, last=START + dt.timedelta(days=60))
        )
    got = {
        r["student"]: (
            r["sessions_held"],
            r["present"],
            r["excused"],
            r["unexcused"],
            r["consecutive_absences"],
        )
        for r in report.sheets[0].as_dicts()
    }
    conn = sqlite3.connect(path)
    try:
        expected = {
            f"Random, {first}": (held, present, excused, unexcused, run)
            for first, held, present, excused, unexcused, run in conn.execute(
                """
                SELECT st.legal_first_name,
                  (SELECT COUNT(*) FROM session s WHERE s.status = 'held'
                     AND s.date >= e.enrolled_on AND (e.ended_on IS NULL OR s.date < e.ended_on)),
                  (SELECT COUNT(*) FROM attendance_mark m JOIN session s ON s.id = m.session_id
                     JOIN attendance_code c ON c.code = m.code
                   WHERE m.student_id = st.id AND s.status = 'held' AND c.counts_present
                     AND s.date >= e.enrolled_on AND (e.ended_on IS NULL OR s.date < e.ended_on)),
                  (SELECT COUNT(*) FROM attendance_mark m JOIN session s ON s.id = m.session_id
                     JOIN attendance_code c ON c.code = m.code
                   WHERE m.student_id = st.id AND s.status = 'held' AND NOT c.counts_present
                     AND c.excused
                     AND s.date >= e.enrolled_on AND (e.ended_on IS NULL OR s.date < e.ended_on)),
                  (SELECT COUNT(*) FROM attendance_mark m JOIN session s ON s.id = m.session_id
                     JOIN attendance_code c ON c.code = m.code
                   WHERE m.student_id = st.id AND s.status = 'held' AND NOT c.counts_present
                     AND NOT c.excused
                     AND s.date >= e.enrolled_on AND (e.ended_on IS NULL OR s.date < e.ended_on)),
                  -- absences after the last presence (one session a day: dates order them)
                  (SELECT COUNT(*) FROM attendance_mark m JOIN session s ON s.id = m.session_id
                     JOIN attendance_code c ON c.code = m.code
                   WHERE m.student_id = st.id AND s.status = 'held' AND NOT c.counts_present
                     AND s.date >= e.enrolled_on AND (e.ended_on IS NULL OR s.date < e.ended_on)
                     AND s.date > COALESCE((
                       SELECT MAX(s2.date) FROM attendance_mark m2
                         JOIN session s2 ON s2.id = m2.session_id
                         JOIN attendance_code c2 ON c2.code = m2.code
                       WHERE m2.student_id = st.id AND s2.status = 'held' AND c2.counts_present
                         AND s2.date >= e.enrolled_on
                         AND (e.ended_on IS NULL OR s2.date < e.ended_on)), ''))
                FROM student st JOIN enrollment e ON e.student_id = st.id
                WHERE e.enrolled_on <= ? AND (e.ended_on IS NULL OR e.ended_on > ?)
                  AND (e.ended_on IS NULL OR e.ended_on > e.enrolled_on)
                """,
                ((START + dt.timedelta(days=60)).isoformat(), START.isoformat()),
            )
        }
    finally:
        conn.close()
        shutil.rmtree(folder, ignore_errors=True)
    assert got == expected
