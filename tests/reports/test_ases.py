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
