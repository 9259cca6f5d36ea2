"""``services.stats`` gives the register's figures by the ``attendance`` report's
definitions (figures worked out by hand in the comments of tests/reports/register.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.services.context import Services
from tests.reports.register import Register

AUTUMN = (dt.date(2025, 9, 1), dt.date(2025, 11, 30))


def test_per_student_figures_follow_the_report(services: Services, register: Register) -> None:
    summaries = services.stats.summaries(register.north, *AUTUMN)
    s = register.students
    figures = {
        first: (x.present, x.absent, x.unrecorded, x.held_sessions)
        for first, sid in s.items()
        if (x := summaries.get(sid)) is not None
    }
    assert figures == {
        "Ana": (7, 3, 0, 10),  # the cancelled and the closed day's marks left out
        "Luis": (7, 0, 1, 8),  # enrolled 09-15: his 09-08 mark is not counted
        "Maya": (3, 2, 0, 5),  # withdrawn 10-01: her 10-06 absence is not counted
        "Sofia": (0, 0, 10, 10),  # enrolled, never marked
        "Noah": (0, 0, 0, 0),  # only waitlisted
    }
    assert summaries[s["Ana"]].rate == pytest.approx(0.7)
    assert summaries[s["Luis"]].rate == 1.0
    assert summaries[s["Sofia"]].rate is None and not summaries[s["Sofia"]].chronically_absent
    assert set(services.stats.chronically_absent(register.north, *AUTUMN)) == {
        s["Ana"], s["Maya"]}  # fmt: skip
    # present 7 + 7 + 3 = 17, absent 3 + 0 + 2 = 5
    assert services.stats.attendance_rate(register.north, *AUTUMN) == pytest.approx(17 / 22)


def test_a_period_with_no_session_has_no_rate(services: Services, register: Register) -> None:
    day = dt.date(2025, 12, 1)
    assert services.stats.attendance_rate(register.north, day, day) is None
    assert services.stats.chronically_absent(register.north, day, day) == []
