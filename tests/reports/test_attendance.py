"""The ``attendance`` kind against the hand-built register (figures worked out by hand
in the comments of tests/reports/register.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import func, select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.store.models import Hub, Outbox
from tests.reports.register import Register

YEAR = ReportParams(year="2025-26", today=dt.date(2026, 7, 15))


def by_student(services: Services, params: ReportParams = YEAR) -> dict[str, dict]:
    report = services.reports.run("attendance", params)
    return {row["student"]: row for row in report.sheets[0].as_dicts()}


def test_attendance_figures(services: Services, register: Register) -> None:
    rows = by_student(services)
    assert set(rows) == {"Garcia, Ana", "Lopez, Luis", "Nguyen, Maya", "Smith, Diego",
                         "Kim, Sofia"}  # fmt: skip
    ana = rows["Garcia, Ana"]
    # Ten held sessions; the cancelled one and the closure day do not count.
    assert (ana["sessions_held"], ana["present"], ana["excused"], ana["unexcused"]) == (10, 7, 1, 2)
    assert ana["unrecorded"] == 0
    assert ana["rate"] == pytest.approx(0.7)
    assert ana["chronically_absent"] is True
    assert ana["consecutive_absences"] == 2
    assert ana["days_attended"] == 7
    # 5 whole sessions (10 h) + left at 16:00 (1 h) + arrived 15:30 (1.5 h)
    assert ana["hours_attended"] == 12.5
    luis = rows["Lopez, Luis"]  # enrolled 09-15: eight sessions, the 09-08 mark ignored
    assert (luis["sessions_held"], luis["present"], luis["unrecorded"]) == (8, 7, 1)
    assert luis["rate"] == 1.0 and luis["chronically_absent"] is False
    assert (luis["consecutive_absences"], luis["days_attended"], luis["hours_attended"]) == (
        0,
        7,
        14.0,
    )
    maya = rows["Nguyen, Maya"]  # withdrawn 10-01: five sessions, the 10-06 mark ignored
    assert (maya["sessions_held"], maya["present"], maya["unexcused"]) == (5, 3, 2)
    assert maya["rate"] == pytest.approx(0.6)
    assert maya["consecutive_absences"] == 1
    assert maya["hours_attended"] == 6.0
    diego = rows["Smith, Diego"]  # two sessions on 09-13: one day, 1.5 + 1.5 + 1 hours
    assert (diego["sessions_held"], diego["present"], diego["unexcused"]) == (4, 3, 1)
    assert (diego["days_attended"], diego["hours_attended"]) == (2, 4.0)
    assert diego["rate"] == pytest.approx(0.75) and diego["chronically_absent"] is True
    sofia = rows["Kim, Sofia"]
    assert (sofia["sessions_held"], sofia["unrecorded"], sofia["rate"]) == (10, 10, None)
    assert sofia["chronically_absent"] is False


def test_scope_hub_ensemble_and_dates(services: Services, register: Register) -> None:
    south = by_student(services, ReportParams(hub_id=register.south, year="2025-26",
                                              today=dt.date(2026, 7, 15)))  # fmt: skip
    assert list(south) == ["Smith, Diego"]
    october = by_student(services, ReportParams(ensemble_id=register.strings,
                                                first=dt.date(2025, 10, 1),
                                                last=dt.date(2025, 10, 31)))  # fmt: skip
    # Maya left on 10-01: no session of hers in October, yet her span meets the period
    assert october["Garcia, Ana"]["sessions_held"] == 4  # 10-06, 10-13, 10-20, 10-27
    assert october["Garcia, Ana"]["consecutive_absences"] == 1  # counted back from 10-31
    assert october["Lopez, Luis"]["present"] == 4


def test_reports_never_write(services: Services, register: Register) -> None:
    with services.store.read() as s:
        before = s.exec(select(func.count()).select_from(Outbox)).one()
    services.reports.run("attendance", YEAR)
    with services.store.read() as s:
        assert s.exec(select(func.count()).select_from(Outbox)).one() == before


def test_unknown_kind_and_bad_period(services: Services) -> None:
    with pytest.raises(ValidationError, match="no report"):
        services.reports.run("nonsense")
    with pytest.raises(ValidationError, match="before it starts"):
        services.reports.run("attendance", ReportParams(first=dt.date(2025, 10, 2),
                                                        last=dt.date(2025, 10, 1)))  # fmt: skip


def test_summaries_by_ensemble_and_hub(services: Services, register: Register) -> None:
    report = services.reports.run("attendance", YEAR)
    ensembles = {r["ensemble"]: r for r in report.sheet("by_ensemble").as_dicts()}
    strings = ensembles["Strings"]
    # Ana 7/1/2, Luis 7/0/0 (1 unrecorded), Maya 3/0/2, Sofia 10 unrecorded
    assert (strings["hub"], strings["teacher"]) == ("North Hub", "Teacher North")
    assert (strings["sessions_held"], strings["students"]) == (10, 4)
    assert strings["served"] == 3  # Sofia, on the roll, never came
    assert (strings["present"], strings["excused"], strings["unexcused"]) == (17, 1, 4)
    assert strings["unrecorded"] == 11
    assert strings["rate"] == pytest.approx(17 / 22)
    assert strings["chronically_absent"] == 2  # Ana and Maya
    assert strings["hours_attended"] == 32.5  # 12.5 + 14 + 6
    hubs = {r["hub"]: r for r in report.sheet("by_hub").as_dicts()}
    assert list(hubs) == ["North Hub", "South Hub", "All hubs"]
    south = hubs["South Hub"]
    assert (south["sessions_held"], south["students"], south["present"]) == (4, 1, 3)
    assert (hubs["North Hub"]["students"], hubs["North Hub"]["served"]) == (4, 3)
    assert south["chronically_absent"] == 1 and south["hours_attended"] == 4.0


def test_by_hub_ends_with_the_programme_counting_each_student_once(
    services: Services, register: Register
) -> None:
    """Over more than one hub, by_hub ends with "All hubs": the figures a funder asks
    first, with each student once, which no sum of the hubs' rows gives. Sofia (North,
    never marked) is enrolled in South's Choir too: she is a student of each hub (North
    4, South 2) and one of the programme's 5 (Ana, Luis, Maya, Sofia, Diego); served 4
    (all but Sofia). Sessions 10 + 4 = 14; present 17 + 3 = 20; excused 1; unexcused
    4 + 1 = 5; unrecorded 11 + 4 (Sofia's Choir sessions) = 15; rate 20 / 26;
    chronically absent Ana (3 of 10), Maya (2 of 5), Diego (1 of 4) = 3; hours 32.5 +
    4.0 = 36.5. One hub's report has no such row."""
    from harmony_desktop.store.models import Enrollment

    with services.store.write() as w:
        w.insert(Enrollment(hub_id=register.south, student_id=register.students["Sofia"],
                            ensemble_id=register.choir, status="enrolled",
                            enrolled_on=dt.date(2025, 9, 1)))  # fmt: skip
    report = services.reports.run("attendance", YEAR)
    hubs = {r["hub"]: r for r in report.sheet("by_hub").as_dicts()}
    assert list(hubs) == ["North Hub", "South Hub", "All hubs"]
    assert (hubs["South Hub"]["students"], hubs["South Hub"]["served"]) == (2, 1)
    assert hubs["All hubs"] == {
        "hub": "All hubs", "sessions_held": 14, "students": 5, "served": 4, "present": 20,
        "excused": 1, "unexcused": 5, "unrecorded": 15, "rate": pytest.approx(20 / 26),
        "chronically_absent": 3, "hours_attended": 36.5,
    }  # fmt: skip
    north = services.reports.run(
        "attendance", ReportParams(hub_id=register.north, year="2025-26", today=YEAR.today)
    )
    assert [r["hub"] for r in north.sheet("by_hub").as_dicts()] == ["North Hub"]


def test_the_weekly_chart_gives_each_hub_its_period_rate(
    services: Services, register: Register
) -> None:
    """North's Strings meet once a week. By hand, its weekly rates 2025-26 are 2/2, 2/2,
    1/3, 3/3, 2/3, 2/2, 2/2, 2/2, 1/2 and 0/1: their mean is 7.5 / 10 = 75 %. The
    printout used to write that beside the hub as its mean, while the tables say 77.3 %
    (17 present of 22 marks): a week of one mark counted as much as a week of three. The
    chart now carries the period's rate, the tables' 17/22."""
    report = services.reports.run("attendance", YEAR, charts=True)
    [chart] = report.charts
    north = next(s for s in chart.series if s.name == "North Hub")
    assert north.values == pytest.approx([1, 1, 1 / 3, 1, 2 / 3, 1, 1, 1, 1 / 2, 0])
    assert north.overall == pytest.approx(17 / 22)
    [hub] = [r for r in report.sheet("by_hub").as_dicts() if r["hub"] == "North Hub"]
    assert hub["rate"] == north.overall


def test_a_hub_renamed_mid_year_is_one_row_under_its_new_name(
    services: Services, register: Register
) -> None:
    """North Hub is renamed in the spring, after its autumn marks: last year's report
    has one row for it, under the name it has now, with the same figures (10 sessions,
    4 students, 3 served, 17 present of 22), and its retention row likewise."""
    with services.store.write() as w:
        w.update(w.session.get(Hub, register.north), name="North Hub Annex")
    report = services.reports.run("attendance", YEAR)
    hubs = {r["hub"]: r for r in report.sheet("by_hub").as_dicts()}
    assert list(hubs) == ["North Hub Annex", "South Hub", "All hubs"]
    north = hubs["North Hub Annex"]
    assert (north["sessions_held"], north["students"], north["served"]) == (10, 4, 3)
    assert (north["present"], north["rate"]) == (17, pytest.approx(17 / 22))
    retention = services.reports.run("retention", YEAR).sheet("retention").as_dicts()
    assert [r["group"] for r in retention if r["breakdown"] == "hub"] == [
        "North Hub Annex", "South Hub"]  # fmt: skip
