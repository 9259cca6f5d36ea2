"""Hours of provision belong to the hub where the session was held: a student who moved
hub mid-year counts at both hubs, and once in the programme.

A register of its own, every name made up. Alder Hub, "Brass" (Mondays 15:00–17:00),
held on 2025-09-01, 09-08 and 09-15. Birch Hub, "Reeds" (Wednesdays 16:00–17:30), held
on 2025-09-17 and 09-24, and a performance of Reeds on 09-24 18:00–19:00
(extra-curricular).

* Mover Testperson moved from Alder to Birch: on Brass from 09-01 to 09-16 (withdrawn),
  on Reeds from 09-16; their student record now says Birch. Brass: P, L (arrived 15:30),
  P; Reeds: P, P and P at the performance.
* Stayer Testperson, Alder, Brass from 09-01: P, P, AU.
* Birchy Testperson, Birch, Reeds from 09-01: P, AE.

By hand:

* Mover at Alder: 2 + 1.5 + 2 = 5.5 h, all curriculum, 3 days; at Birch: 1.5 + 1.5 + 1
  = 4.0 h, 3.0 curriculum and 1.0 extra-curricular, 2 days.
* Stayer at Alder: 4.0 h, 2 days. Birchy at Birch: 1.5 h, 1 day.
* Alder: 9.5 h, 2 students; Birch: 5.5 h, 2 students; the programme: 15.0 h,
  3 students (Mover once, 9.5 h over 5 days).

Before, Mover's 9.5 h all went to Birch (their hub now): Alder 4.0 h, Birch 11.0 h.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Enrollment,
    Ensemble,
    Hub,
    Student,
)
from harmony_desktop.store.replica import attendance_mark_id

D, T = dt.date, dt.time
PERIOD = ReportParams(first=D(2025, 9, 1), last=D(2025, 9, 30), today=D(2025, 10, 1))


@pytest.fixture
def moved(services: Services) -> str:
    """The register of the module docstring; returns Alder Hub's id."""
    with services.store.write() as w:
        alder = w.insert(Hub(name="Alder Hub"))
        birch = w.insert(Hub(name="Birch Hub"))
        brass = w.insert(Ensemble(hub_id=alder.id, name="Brass", schedule=json.dumps(
            [{"weekday": 0, "start": "15:00", "end": "17:00"}])))  # fmt: skip
        reeds = w.insert(Ensemble(hub_id=birch.id, name="Reeds", schedule=json.dumps(
            [{"weekday": 2, "start": "16:00", "end": "17:30"}])))  # fmt: skip
        sessions = {}
        for ens, day, start, end, kind in [
            (brass, D(2025, 9, 1), T(15), T(17), "regular"),
            (brass, D(2025, 9, 8), T(15), T(17), "regular"),
            (brass, D(2025, 9, 15), T(15), T(17), "regular"),
            (reeds, D(2025, 9, 17), T(16), T(17, 30), "regular"),
            (reeds, D(2025, 9, 24), T(16), T(17, 30), "regular"),
            (reeds, D(2025, 9, 24), T(18), T(19), "performance"),
        ]:
            sessions[(ens.name, day, start)] = w.insert(
                ClassSession(hub_id=ens.hub_id, ensemble_id=ens.id, date=day, start=start,
                             end=end, status="held", kind=kind)
            ).id  # fmt: skip

        def student(first: str, hub: Hub) -> str:
            return w.insert(Student(hub_id=hub.id, legal_first_name=first,
                                    legal_last_name="Testperson", grade="6",
                                    date_of_birth=D(2014, 5, 6))).id  # fmt: skip

        def enroll(sid: str, ens: Ensemble, on: dt.date, ended: dt.date | None = None) -> None:
            w.insert(Enrollment(hub_id=ens.hub_id, student_id=sid, ensemble_id=ens.id,
                                status="withdrawn" if ended else "enrolled",
                                enrolled_on=on, ended_on=ended))  # fmt: skip

        def mark(ens: Ensemble, sid: str, day: dt.date, start: dt.time, code: str,
                 arrival: dt.time | None = None) -> None:  # fmt: skip
            session_id = sessions[(ens.name, day, start)]
            w.insert(AttendanceMark(id=attendance_mark_id(session_id, sid), hub_id=ens.hub_id,
                                    session_id=session_id, student_id=sid, code=code,
                                    arrival_time=arrival))  # fmt: skip

        mover = student("Mover", birch)  # their record says Birch now
        enroll(mover, brass, D(2025, 9, 1), D(2025, 9, 16))
        enroll(mover, reeds, D(2025, 9, 16))
        mark(brass, mover, D(2025, 9, 1), T(15), "P")
        mark(brass, mover, D(2025, 9, 8), T(15), "L", arrival=T(15, 30))
        mark(brass, mover, D(2025, 9, 15), T(15), "P")
        mark(reeds, mover, D(2025, 9, 17), T(16), "P")
        mark(reeds, mover, D(2025, 9, 24), T(16), "P")
        mark(reeds, mover, D(2025, 9, 24), T(18), "P")
        stayer = student("Stayer", alder)
        enroll(stayer, brass, D(2025, 9, 1))
        for day, code in [(D(2025, 9, 1), "P"), (D(2025, 9, 8), "P"), (D(2025, 9, 15), "AU")]:
            mark(brass, stayer, day, T(15), code)
        birchy = student("Birchy", birch)
        enroll(birchy, reeds, D(2025, 9, 1))
        mark(reeds, birchy, D(2025, 9, 17), T(16), "P")
        mark(reeds, birchy, D(2025, 9, 24), T(16), "AE")
        return alder.id


#: Hours attended per hub and student, straight from the tables: present marks of held
#: sessions while enrolled in the session's ensemble, by the session's hub.
HAND_SQL = """
SELECT h.name, st.legal_first_name,
       SUM(MAX(0, MIN(strftime('%s', '2000-01-01 ' || s."end"),
                      strftime('%s', '2000-01-01 ' || COALESCE(m.departure_time, s."end")))
                - MAX(strftime('%s', '2000-01-01 ' || s.start),
                      strftime('%s', '2000-01-01 ' || COALESCE(m.arrival_time, s.start))))
       ) / 3600.0,
       COUNT(DISTINCT s.date)
FROM attendance_mark m
JOIN session s ON s.id = m.session_id AND s.status = 'held' AND s.deleted = 0
JOIN hub h ON h.id = s.hub_id
JOIN student st ON st.id = m.student_id
JOIN attendance_code c ON c.code = m.code AND c.counts_present
WHERE m.deleted = 0 AND EXISTS (
    SELECT 1 FROM enrollment e
    WHERE e.student_id = m.student_id AND e.ensemble_id = s.ensemble_id
      AND e.enrolled_on <= s.date AND (e.ended_on IS NULL OR s.date < e.ended_on))
GROUP BY h.name, st.legal_first_name
"""


def test_hours_go_to_the_hub_where_the_session_was_held(services: Services, moved: str) -> None:
    report = services.reports.run("hours", PERIOD)
    rows = {
        (r["hub"], r["student"]): (
            r["hours_attended"], r["curriculum_hours"], r["extracurricular_hours"],
            r["days_attended"],
        )
        for r in report.sheet("by_student").as_dicts()
    }  # fmt: skip
    assert rows == {
        ("Alder Hub", "Testperson, Mover"): (5.5, 5.5, 0.0, 3),
        ("Alder Hub", "Testperson, Stayer"): (4.0, 4.0, 0.0, 2),
        ("Birch Hub", "Testperson, Birchy"): (1.5, 1.5, 0.0, 1),
        ("Birch Hub", "Testperson, Mover"): (4.0, 3.0, 1.0, 2),
    }
    hub_hours: dict[str, float] = {}
    for (hub, _student), (hours, *_rest) in rows.items():
        hub_hours[hub] = hub_hours.get(hub, 0) + hours
    assert hub_hours == {"Alder Hub": 9.5, "Birch Hub": 5.5}

    conn = sqlite3.connect(services.store.path)
    try:
        by_hand = {
            (hub, f"Testperson, {first}"): (hours, days)
            for hub, first, hours, days in conn.execute(HAND_SQL)
        }
    finally:
        conn.close()
    assert by_hand == {key: (hours, days) for key, (hours, _c, _e, days) in rows.items()}

    bands = {
        (r["hub"], r["measure"], r["band"]): r["students"] for r in report.sheet("bands").as_dicts()
    }
    # two students at each hub, three in the programme (Mover once)
    assert bands[("Alder Hub", "hours", "<15")] == 2
    assert bands[("Birch Hub", "hours", "<15")] == 2
    assert bands[("All hubs", "hours", "<15")] == 3
    assert bands[("All hubs", "days", "<10")] == 3
    assert sum(n for (hub, measure, _b), n in bands.items()
               if hub == "All hubs" and measure == "hours") == 3  # fmt: skip
    assert bands[("All hubs", "regular_attendees", "≥30")] == 0


def test_one_hub_has_its_own_students_only(services: Services, moved: str) -> None:
    """Alder's report holds Mover's hours at Alder, not their hours at Birch."""
    report = services.reports.run("hours", dataclasses.replace(PERIOD, hub_id=moved))
    rows = {r["student"]: r["hours_attended"] for r in report.sheet("by_student").as_dicts()}
    assert rows == {"Testperson, Mover": 5.5, "Testperson, Stayer": 4.0}
    assert {r["hub"] for r in report.sheet("bands").as_dicts()} == {"Alder Hub"}
