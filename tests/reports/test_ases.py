"""The ``ases`` kind against the hand-built register."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from tests.reports.register import Register

YEAR = ReportParams(year="2025-26", today=dt.date(2026, 7, 15))


def test_ases_figures(services: Services, register: Register) -> None:
    report = services.reports.run("ases", YEAR)
    rows = {(r["site"], r["half_year"]): r for r in report.sheet("ases").as_dicts()}
    assert len(rows) == 4  # two sites × two halves
    north = rows[("North Hub", "2025 Jul–Dec")]
    # Present per day: 09-01 Ana Maya, 09-08 Ana Maya, 09-15 Luis, 09-22 Ana Luis Maya,
    # 09-29 …10-20 Ana Luis (4 days × 2), 10-27 Luis, 11-03 nobody = 2+2+1+3+8+1+0 = 17
    assert (north["days_of_operation"], north["students_served"]) == (10, 17)
    assert north["average_daily_attendance"] == pytest.approx(1.7)
    assert north["early_releases"] == 1
    assert (north["first_day"], north["last_day"]) == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    south = rows[("South Hub", "2025 Jul–Dec")]
    assert (south["days_of_operation"], south["students_served"]) == (3, 2)
    assert south["average_daily_attendance"] == pytest.approx(0.6667)
    spring = rows[("North Hub", "2026 Jan–Jun")]
    assert (spring["days_of_operation"], spring["average_daily_attendance"]) == (0, None)
    assert report.sheet("early_release").as_dicts() == [
        {"site": "North Hub", "half_year": "2025 Jul–Dec", "reason": "medical", "students": 1}
    ]
    by_day = report.sheet("by_day").as_dicts()
    assert len(by_day) == 19  # 17 at North, 2 at South
    ana = register.students["Ana"]
    left = [r for r in by_day if r["student_id"] == ana and r["date"] == dt.date(2025, 9, 22)]
    assert [(r["time_in"], r["time_out"], r["early_release_reason"]) for r in left] == [
        ("15:00", "16:00", "medical")
    ]
    diego = [r for r in by_day if r["date"] == dt.date(2025, 9, 13)]
    assert [(r["student"], r["time_in"], r["time_out"]) for r in diego] == [
        ("Smith, Diego", "10:00", "13:00")
    ]


def test_by_day_reads_by_date_site_and_name(services: Services, register: Register) -> None:
    """A day's rows go by site name, then by student name, as sign-in sheets read, not
    by the app's ids (which put a day's students in no order a reader can follow). Two
    students whose ids sort against their names join Strings on 1 Sep 2025 (Zoe
    Zimmer's id is all zeros, Aaron Abbott's all f's), and a hub named "Aardvark Hub",
    whose id sorts after North Hub's, has a session that day with one of them: 1 Sep
    reads Aardvark Hub (Abbott), then North Hub: Abbott, Garcia, Nguyen, Zimmer."""
    from harmony_desktop.store.models import (
        AttendanceMark,
        ClassSession,
        Enrollment,
        Ensemble,
        Hub,
        Student,
    )
    from harmony_desktop.store.replica import attendance_mark_id

    day = dt.date(2025, 9, 1)
    with services.store.write() as w:
        aardvark = w.insert(Hub(id="ffffffff-ffff-4fff-8fff-fffffffffff0", name="Aardvark Hub"))
        brass = w.insert(Ensemble(hub_id=aardvark.id, name="Brass"))
        zed = w.insert(
            Student(
                id="00000000-0000-4000-8000-000000000001",
                hub_id=register.north,
                legal_first_name="Zoe",
                legal_last_name="Zimmer",
                grade="5",
            )
        )
        abbott = w.insert(
            Student(
                id="ffffffff-ffff-4fff-8fff-ffffffffffff",
                hub_id=register.north,
                legal_first_name="Aaron",
                legal_last_name="Abbott",
                grade="5",
            )
        )
        strings = register.sessions[("Strings", day, "15:00")]
        brass_session = w.insert(
            ClassSession(
                hub_id=aardvark.id,
                ensemble_id=brass.id,
                date=day,
                start=dt.time(10),
                end=dt.time(11),
                status="held",
            )
        )
        for student, ensemble, hub, session in (
            (zed.id, register.strings, register.north, strings),
            (abbott.id, register.strings, register.north, strings),
            (abbott.id, brass.id, aardvark.id, brass_session.id),
        ):
            w.insert(
                Enrollment(
                    hub_id=hub,
                    student_id=student,
                    ensemble_id=ensemble,
                    status="enrolled",
                    enrolled_on=day,
                )
            )
            w.insert(
                AttendanceMark(
                    id=attendance_mark_id(session, student),
                    hub_id=hub,
                    session_id=session,
                    student_id=student,
                    code="P",
                )
            )
    report = services.reports.run("ases", YEAR)
    first_day = [(r["site"], r["student"]) for r in report.sheet("by_day").as_dicts()
                 if r["date"] == day]  # fmt: skip
    assert first_day == [
        ("Aardvark Hub", "Abbott, Aaron"),
        ("North Hub", "Abbott, Aaron"),
        ("North Hub", "Garcia, Ana"),
        ("North Hub", "Nguyen, Maya"),
        ("North Hub", "Zimmer, Zoe"),
    ]
