"""The ``attendance`` figures over spans of enrollment with gaps, marks outside them,
two sessions on one day and runs of absences. Every figure is worked out by hand below.

East Hub, "Winds", Tuesdays 16:00–17:30, held on 2025-09-02, 09-09, 09-16, 09-23,
09-30, 10-07 and 10-14, and a rehearsal on 10-14 at 18:00–19:00 (eight sessions). A
session on Friday 2025-10-03 was cancelled.

* Ari Bell: enrolled 2025-09-01, withdrawn 2025-09-20, enrolled again 2025-09-29 (two
  spans; the gap holds 09-23). Marks 09-02 P, 09-09 AU, 09-16 P, 09-23 P (in the gap:
  not counted), 09-30 AU, 10-07 AE, 10-14 AU; nothing at the rehearsal.
  Held while enrolled: 09-02, 09-09, 09-16 + 09-30, 10-07, 10-14, the rehearsal = 7.
  Present 2, excused 1, unexcused 3, unrecorded 1. Absences in a row: after the last
  counted presence (09-16; the one in the gap does not break the run) AU AE AU = 3;
  unexcused in a row: after the excused 10-07, 1. Days 2, hours 3.0.
* Bea Cruz: enrolled 2025-09-10. Marks 09-02 P and 09-09 P (before she enrolled: not
  counted), 09-16 AU, 09-23 AU, 09-30 AU, P on the cancelled 10-03 (not counted, and
  it does not end the run), 10-07 AU, 10-14 AU; nothing at the rehearsal.
  Held while enrolled: 09-16 … 10-14 and the rehearsal = 6. Present 0, unexcused 5,
  unrecorded 1, rate 0, absences in a row 5, days 0, hours 0.
* Cal Diaz: enrolled 2025-09-01, P at all eight sessions: days 7 (two presences on
  10-14 make one day), hours 7 × 1.5 + 1 = 11.5, absences in a row 0.
* Dee Ellis: enrolled 2025-09-01; on 10-14 AU at 16:00 and P at the rehearsal: present
  1, unexcused 1, unrecorded 6, days 1 (present only at the later session of the day),
  absences in a row 0 (the presence comes after the absence).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

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

D = dt.date
TUESDAYS = [D(2025, 9, 2), D(2025, 9, 9), D(2025, 9, 16), D(2025, 9, 23), D(2025, 9, 30),
            D(2025, 10, 7), D(2025, 10, 14)]  # fmt: skip
PERIOD = ReportParams(first=D(2025, 9, 1), last=D(2025, 10, 31), today=D(2025, 11, 1))


def build(services: Services) -> str:
    """Write the register of the module docstring; returns the hub's id."""
    t = dt.time
    with services.store.write() as w:
        hub = w.insert(Hub(name="East Hub"))
        winds = w.insert(
            Ensemble(hub_id=hub.id, name="Winds",
                     schedule=json.dumps([{"weekday": 1, "start": "16:00", "end": "17:30"}]))
        )  # fmt: skip
        sessions: dict[tuple[dt.date, int], str] = {}

        def session(day: dt.date, start: int, end: dt.time, status: str = "held") -> None:
            row = w.insert(ClassSession(hub_id=hub.id, ensemble_id=winds.id, date=day,
                                        start=t(start), end=end, status=status))  # fmt: skip
            sessions[(day, start)] = row.id

        for day in TUESDAYS:
            session(day, 16, t(17, 30))
        session(D(2025, 10, 14), 18, t(19))
        session(D(2025, 10, 3), 16, t(17, 30), "cancelled")

        def student(first: str, last: str, *spans: tuple[dt.date, dt.date | None]) -> str:
            sid = w.insert(Student(hub_id=hub.id, legal_first_name=first, legal_last_name=last,
                                   grade="5", date_of_birth=D(2014, 5, 6))).id  # fmt: skip
            for on, ended in spans:
                w.insert(Enrollment(hub_id=hub.id, student_id=sid, ensemble_id=winds.id,
                                    status="withdrawn" if ended else "enrolled",
                                    enrolled_on=on, ended_on=ended))  # fmt: skip
            return sid

        def marks(sid: str, *coded: tuple[dt.date, str], start: int = 16) -> None:
            for day, code in coded:
                session_id = sessions[(day, start)]
                w.insert(AttendanceMark(id=attendance_mark_id(session_id, sid), hub_id=hub.id,
                                        session_id=session_id, student_id=sid, code=code))  # fmt: skip

        ari = student("Ari", "Bell", (D(2025, 9, 1), D(2025, 9, 20)), (D(2025, 9, 29), None))
        marks(ari, *zip(TUESDAYS, ["P", "AU", "P", "P", "AU", "AE", "AU"], strict=True))
        bea = student("Bea", "Cruz", (D(2025, 9, 10), None))
        marks(bea, *zip(TUESDAYS, ["P", "P", "AU", "AU", "AU", "AU", "AU"], strict=True))
        marks(bea, (D(2025, 10, 3), "P"))
        cal = student("Cal", "Diaz", (D(2025, 9, 1), None))
        marks(cal, *((day, "P") for day in TUESDAYS))
        marks(cal, (D(2025, 10, 14), "P"), start=18)
        dee = student("Dee", "Ellis", (D(2025, 9, 1), None))
        marks(dee, (D(2025, 10, 14), "AU"))
        marks(dee, (D(2025, 10, 14), "P"), start=18)
    return str(hub.id)


def figures(services: Services, params: ReportParams = PERIOD) -> dict[str, tuple[Any, ...]]:
    """Per student: held, present, excused, unexcused, unrecorded, rate, in a row,
    days, hours."""
    report = services.reports.run("attendance", params)
    keys = ("sessions_held", "present", "excused", "unexcused", "unrecorded", "rate",
            "consecutive_absences", "days_attended", "hours_attended")  # fmt: skip
    return {row["student"]: tuple(row[k] for k in keys) for row in report.sheets[0].as_dicts()}


def test_the_hand_worked_figures(services: Services) -> None:
    build(services)
    assert figures(services) == {
        "Bell, Ari": (7, 2, 1, 3, 1, pytest.approx(2 / 6), 3, 2, 3.0),
        "Cruz, Bea": (6, 0, 0, 5, 1, 0.0, 5, 0, 0.0),
        "Diaz, Cal": (8, 8, 0, 0, 0, 1.0, 0, 7, 11.5),
        "Ellis, Dee": (8, 1, 0, 1, 6, 0.5, 0, 1, 1.0),
    }


def test_runs_of_unexcused_absences(services: Services) -> None:
    hub = build(services)
    alerts = services.reports.absence_alerts(hub, D(2025, 10, 20), threshold=1)
    # Bea: five unexcused in a row; Ari: the excused 10-07 ends hers, one since.
    assert [(a.student, a.absences) for a in alerts] == [("Cruz, Bea", 5), ("Bell, Ari", 1)]


def test_a_shorter_period_counts_its_own_sessions(services: Services) -> None:
    build(services)
    # 09-01 to 09-20: 09-02, 09-09 and 09-16 held. Ari P AU P; Bea enrolled 09-10, AU
    # on 09-16 (her P of 09-09 came before: it neither counts nor ends the run); Cal P
    # at all three; Dee unmarked.
    early = ReportParams(first=D(2025, 9, 1), last=D(2025, 9, 20), today=D(2025, 11, 1))
    assert figures(services, early) == {
        "Bell, Ari": (3, 2, 0, 1, 0, pytest.approx(2 / 3), 0, 2, 3.0),
        "Cruz, Bea": (1, 0, 0, 1, 0, 0.0, 1, 0, 0.0),
        "Diaz, Cal": (3, 3, 0, 0, 0, 1.0, 0, 3, 4.5),
        "Ellis, Dee": (3, 0, 0, 0, 3, None, 0, 0, 0.0),
    }
    # One week: 09-30 only (10-03 was cancelled). Ari AU, Bea AU, Cal P, Dee unmarked.
    week = ReportParams(first=D(2025, 9, 29), last=D(2025, 10, 5), today=D(2025, 11, 1))
    assert figures(services, week) == {
        "Bell, Ari": (1, 0, 0, 1, 0, 0.0, 1, 0, 0.0),
        "Cruz, Bea": (1, 0, 0, 1, 0, 0.0, 1, 0, 0.0),
        "Diaz, Cal": (1, 1, 0, 0, 0, 1.0, 0, 1, 1.5),
        "Ellis, Dee": (1, 0, 0, 0, 1, None, 0, 0, 0.0),
    }
