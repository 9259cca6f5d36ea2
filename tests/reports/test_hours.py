"""The ``hours`` kind against the hand-built register."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.services.reports.hours import days_band, hours_band
from tests.reports.register import Register

YEAR = ReportParams(year="2025-26", today=dt.date(2026, 7, 15))


@pytest.mark.parametrize(
    ("hours", "label"),
    [(0, "0"), (0.25, "<15"), (14.99, "<15"), (15, "15–44"), (44.5, "15–44"), (45, "45–89"),
     (90, "90–179"), (179.9, "90–179"), (180, "180–269"), (270, "270+"), (1000, "270+")],
)  # fmt: skip
def test_hour_bands(hours: float, label: str) -> None:
    assert hours_band(hours) == label


@pytest.mark.parametrize(("days", "label"), [(0, "<10"), (9, "<10"), (10, "10–29"),
                                             (29, "10–29"), (30, "30–59"), (60, "60+")])  # fmt: skip
def test_day_bands(days: int, label: str) -> None:
    assert days_band(days) == label


def test_hours_figures(services: Services, register: Register) -> None:
    report = services.reports.run("hours", YEAR)
    students = {r["student"]: r for r in report.sheet("by_student").as_dicts()}
    diego = students["Smith, Diego"]
    # 1.5 h (09-06) + 1.5 h (09-13 class) + 1 h (09-13 performance, extra-curricular)
    assert (diego["hours_attended"], diego["curriculum_hours"]) == (4.0, 3.0)
    assert (diego["extracurricular_hours"], diego["days_attended"]) == (1.0, 2)
    assert (diego["hours_band"], diego["days_band"], diego["regular_attendee"]) == (
        "<15", "<10", False)  # fmt: skip
    assert students["Garcia, Ana"]["hours_attended"] == 12.5
    assert students["Kim, Sofia"]["hours_band"] == "0"
    ensembles = {r["ensemble"]: r for r in report.sheet("by_ensemble").as_dicts()}
    assert (ensembles["Strings"]["sessions_held"], ensembles["Strings"]["hours_offered"]) == (
        10,
        20.0,
    )
    choir = ensembles["Choir"]
    assert (choir["sessions_held"], choir["hours_offered"]) == (4, 5.5)
    assert (choir["curriculum_hours"], choir["extracurricular_hours"]) == (4.5, 1.0)
    bands = {
        (r["hub"], r["measure"], r["band"]): r["students"] for r in report.sheet("bands").as_dicts()
    }
    # North: Sofia 0 h, Ana, Luis and Maya under 15 h; South: Diego
    assert bands[("North Hub", "hours", "0")] == 1 and bands[("North Hub", "hours", "<15")] == 3
    assert bands[("South Hub", "hours", "0")] == 0 and bands[("South Hub", "hours", "<15")] == 1
    assert bands[("All hubs", "hours", "0")] == 1 and bands[("All hubs", "hours", "<15")] == 4
    assert bands[("All hubs", "days", "<10")] == 5
    assert bands[("All hubs", "regular_attendees", "≥30")] == 0
    assert [r[0] for r in report.sheet("bands").rows] == (
        ["North Hub"] * 12 + ["South Hub"] * 12 + ["All hubs"] * 12
    )
