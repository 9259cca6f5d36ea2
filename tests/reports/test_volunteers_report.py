"""The ``volunteers`` report over a small hand-built set of volunteers and shifts.

Test Park Hub (the ``hub`` fixture, strings 15:30-17:00 every weekday) and Second Hub
(a copy, renamed). Every figure below is worked out by hand from the shifts recorded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.vocab import ShiftStatus
from harmony_desktop.services.context import Services
from harmony_desktop.services.events import EventService
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.services.reports.export import write_report
from harmony_desktop.services.volunteers import VolunteerService
from harmony_desktop.store.models import Hub, Outbox
from tests.factories import HubFixture, make_hub

TODAY = dt.date(2026, 9, 1)  # a Tuesday
PERIOD = {"first": dt.date(2026, 9, 1), "last": dt.date(2026, 10, 31), "today": TODAY}
PERIOD_DAYS = (PERIOD["first"], PERIOD["last"])


@pytest.fixture
def volunteers(services: Services) -> VolunteerService:
    """The volunteer service with a fixed today."""
    return VolunteerService(services.store, today=lambda: TODAY, clock=lambda: dt.time(15, 25))


def session_of(services: Services, hub: HubFixture, day: dt.date) -> str:
    """The stored strings session of ``day``."""
    [info] = [
        i for i in services.sessions.for_day(hub.hub_id, day) if i.ensemble_id == hub.ensemble_id
    ]
    return services.sessions.open(info).id


def person(
    volunteers: VolunteerService, hub_id: str, first: str, last: str, *, cleared_on: dt.date | None,
    **fields: str,
) -> str:  # fmt: skip
    """A volunteer; with ``cleared_on``, every required clearance done that day."""
    vid = volunteers.save(
        hub_id, {"first_name": first, "last_name": last, "status": "active", **fields}
    )
    if cleared_on is not None:
        for kind in volunteers.kinds():
            volunteers.record_clearance(vid, kind.id, cleared_on)
    return vid


@pytest.fixture
def second(services: Services) -> HubFixture:
    """A second hub, named apart."""
    other = make_hub(services, students=2)
    with services.store.write() as w:
        w.update(w.session.get(Hub, other.hub_id), name="Second Hub")
    return other


def build(
    services: Services, volunteers: VolunteerService, hub: HubFixture, second: HubFixture
) -> None:
    """Ada (TA, cleared) works four shifts at Test Park (one a no-show) and a
    masterclass; Bo (mentor, not cleared), Cy (prospect), Ed (inactive); Di (TA, home
    at Second Hub, assisting at both, safeguarding expiring) works one shift there."""
    ada = person(volunteers, hub.hub_id, "Ada", "Tester", cleared_on=dt.date(2026, 1, 10))
    person(volunteers, hub.hub_id, "Bo", "Helper", cleared_on=None, role="mentor")
    person(volunteers, hub.hub_id, "Cy", "Prospect", cleared_on=None, status="prospect")
    person(volunteers, hub.hub_id, "Ed", "Retired", cleared_on=None, status="inactive")
    di = person(volunteers, second.hub_id, "Di", "Visitor", cleared_on=dt.date(2026, 1, 10))
    safeguarding = {k.code: k.id for k in volunteers.kinds()}["safeguarding"]
    volunteers.record_clearance(di, safeguarding, dt.date(2025, 9, 20))  # expires 2026-09-20
    volunteers.set_assignments(di, [(hub.hub_id, None), (second.hub_id, None)])

    def shift(session: str, vid: str, start: dt.time, end: dt.time) -> None:
        volunteers.sign_in(session, vid, by=None, at=start)
        volunteers.sign_out(session, vid, by=None, at=end)

    shift(session_of(services, hub, TODAY), ada, dt.time(15, 20), dt.time(17, 5))  # 1.75 h
    shift(session_of(services, hub, dt.date(2026, 9, 2)), ada, dt.time(15, 30), dt.time(17))  # 1.5
    no_show = session_of(services, hub, dt.date(2026, 9, 3))
    volunteers.set_shift(no_show, ada, ShiftStatus.NO_SHOW, by=None)  # counts nothing
    shift(session_of(services, hub, dt.date(2026, 10, 1)), ada, dt.time(15, 30), dt.time(16, 30))
    masterclass = EventService(services.store).add_masterclass(
        hub.ensemble_id, dt.date(2026, 9, 2), dt.time(17, 30), dt.time(19),
        title="Bowing", guest_artist="Guest Artist",
    )  # fmt: skip
    shift(masterclass, ada, dt.time(17, 30), dt.time(19))  # 1.5 h of masterclass
    shift(session_of(services, second, TODAY), di, dt.time(15, 30), dt.time(17))  # 1.5 h


def test_hours_headcounts_and_clearances_of_every_hub(
    services: Services, volunteers: VolunteerService, hub: HubFixture, second: HubFixture
) -> None:
    build(services, volunteers, hub, second)
    with services.store.read() as s:
        outbox_before = len(s.exec(select(Outbox)).all())
    report = services.reports.run("volunteers", ReportParams(**PERIOD))
    hours = report.sheet("hours")
    assert [c.key for c in hours.columns] == [
        "volunteer", "role", "hub", "month", "sessions_of", "shifts", "hours"]  # fmt: skip
    assert hours.rows == [
        ["Tester, Ada", "Teaching assistant", "Test Park Hub", "2026-09", "ensemble", 2, 3.25],
        ["Tester, Ada", "Teaching assistant", "Test Park Hub", "2026-09", "masterclass", 1, 1.5],
        ["Tester, Ada", "Teaching assistant", "Test Park Hub", "2026-10", "ensemble", 1, 1.0],
        ["Visitor, Di", "Teaching assistant", "Second Hub", "2026-09", "ensemble", 1, 1.5],
    ]
    # Second Hub: Di. Test Park: Ada, Bo, Cy, Ed and Di (assisting there too).
    assert report.sheet("by_hub").as_dicts() == [
        {"hub": "Second Hub", "active": 1, "active_teaching_assistants": 1, "prospects": 0,
         "inactive": 0, "active_cleared": 1, "active_not_cleared": 0,
         "clearances_expiring": 1, "hours": 1.5},
        {"hub": "Test Park Hub", "active": 3, "active_teaching_assistants": 2, "prospects": 1,
         "inactive": 1, "active_cleared": 2, "active_not_cleared": 1,
         "clearances_expiring": 1, "hours": 5.75},
    ]  # fmt: skip
    clearances = report.sheet("clearances")
    assert len(clearances.rows) == 5 * 4  # five volunteers, four required kinds
    assert [r for r in clearances.as_dicts() if r["volunteer"] == "Visitor, Di"][2] == {
        "volunteer": "Visitor, Di", "status": "Active", "cleared": True,
        "clearance": "Safeguarding training", "done_on": dt.date(2025, 9, 20),
        "expires_on": dt.date(2026, 9, 20), "state": "expiring",
    }  # fmt: skip
    not_cleared = {r["volunteer"] for r in clearances.as_dicts() if not r["cleared"]}
    assert not_cleared == {"Helper, Bo", "Prospect, Cy", "Retired, Ed"}
    # The note printed under the tables writes its day in words, as the scope line does.
    assert report.notes == ["Clearances stand as on 1 Sep 2026; only attended shifts count hours."]
    # The Volunteers tab's exports read the same figures.
    assert volunteers.hours_table(None, PERIOD["first"], PERIOD["last"])[1] == hours.rows
    # A report writes nothing.
    with services.store.read() as s:
        assert len(s.exec(select(Outbox)).all()) == outbox_before


def test_one_hub_one_ensemble_and_one_month(
    services: Services, volunteers: VolunteerService, hub: HubFixture, second: HubFixture
) -> None:
    build(services, volunteers, hub, second)
    report = services.reports.run("volunteers", ReportParams(hub_id=second.hub_id, **PERIOD))
    assert report.sheet("hours").values("hours") == [1.5]
    assert report.sheet("by_hub").values("hub") == ["Second Hub"]
    assert {r[0] for r in report.sheet("clearances").rows} == {"Visitor, Di"}

    september = {**PERIOD, "last": dt.date(2026, 9, 30)}
    report = services.reports.run("volunteers", ReportParams(hub_id=hub.hub_id, **september))
    assert report.sheet("hours").values("hours") == [3.25, 1.5]
    assert report.sheet("by_hub").values("hours") == [4.75]

    # The choir had no volunteer: no hours, the hub's people still counted.
    report = services.reports.run(
        "volunteers", ReportParams(ensemble_id=hub.second_ensemble_id, **PERIOD)
    )
    assert report.sheet("hours").rows == []
    assert report.sheet("by_hub").as_dicts()[0]["active"] == 3
    assert any("ensemble" in note for note in report.notes)

    with pytest.raises(ValidationError, match="before it starts"):
        services.reports.run(
            "volunteers", ReportParams(first=dt.date(2026, 9, 5), last=dt.date(2026, 9, 1))
        )


def test_the_default_clearances_are_named_in_the_reports_language(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    """The clearance kinds every database starts with are stored in English and read in
    the report's language; a kind a programme names itself stays as it was written."""
    from harmony_desktop.domain import i18n

    person(volunteers, hub.hub_id, "Ada", "Tester", cleared_on=dt.date(2026, 1, 10))
    volunteers.add_kind("cpr", "CPR card", validity_months=24)
    with i18n.using("es"):
        report = services.reports.run("volunteers", ReportParams(**PERIOD))
    rows = report.sheet("clearances").as_dicts()
    assert [r["clearance"] for r in rows] == [
        "Huellas digitales / verificación de antecedentes",
        "Constancia de prueba de tuberculosis (TB)",
        "Capacitación en protección de menores",
        "Acuerdo de voluntariado firmado",
        "CPR card",
    ]
    assert (rows[0]["status"], rows[0]["state"]) == ("Activo", "vigente")
    assert rows[4]["state"] == "falta"
    report = services.reports.run("volunteers", ReportParams(**PERIOD))
    assert report.sheet("clearances").as_dicts()[1]["clearance"] == "TB clearance"


def test_a_hubs_hours_are_its_shifts_hours_not_a_sum_of_rounded_rows(
    services: Services, volunteers: VolunteerService, hub: HubFixture, tmp_path: Path
) -> None:
    """Ada helps 20 minutes on 1 September and 20 minutes on 1 October: two rows of 1/3 h,
    shown 0.33 each. By hand the hub had 40 minutes of volunteering, 0.67 h; adding the
    rounded rows said 0.66. The .xlsx keeps the rows' exact hours, so its column adds up
    to the hub's 0.67 too; the Volunteers tab's own export still writes two places."""
    ada = person(volunteers, hub.hub_id, "Ada", "Tester", cleared_on=dt.date(2026, 1, 10))
    for day in (dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
        session = session_of(services, hub, day)
        volunteers.sign_in(session, ada, by=None, at=dt.time(15, 30))
        volunteers.sign_out(session, ada, by=None, at=dt.time(15, 50))
    report = services.reports.run("volunteers", ReportParams(**PERIOD))
    assert report.sheet("hours").values("hours") == pytest.approx([1 / 3, 1 / 3])
    assert report.sheet("by_hub").as_dicts()[0]["hours"] == 0.67
    out = write_report(report, tmp_path / "volunteers.xlsx")
    rows = list(load_workbook(out)[report.sheet("hours").title].iter_rows(values_only=True))
    assert sum(row[-1] for row in rows[1:]) == pytest.approx(2 / 3)
    assert [row[-1] for row in volunteers.hours_table(hub.hub_id, *PERIOD_DAYS)[1]] == [
        0.33, 0.33]  # fmt: skip


def test_a_closure_days_shifts_count_no_hours_in_the_report(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    """Ada helps 15:30-17:00 on 1 and 2 September (1.5 h each); 2 September then becomes
    a closure day of the whole programme. The report counts 1 shift and 1.5 h, on the
    hours sheet and on the hub's row, as its attendance counts nothing that day."""
    ada = person(volunteers, hub.hub_id, "Ada", "Tester", cleared_on=dt.date(2026, 1, 10))
    for day in (dt.date(2026, 9, 1), dt.date(2026, 9, 2)):
        session = session_of(services, hub, day)
        volunteers.sign_in(session, ada, by=None, at=dt.time(15, 30))
        volunteers.sign_out(session, ada, by=None, at=dt.time(17, 0))
    services.calendar.add_closure(dt.date(2026, 9, 2), "Staff training day")
    report = services.reports.run("volunteers", ReportParams(**PERIOD))
    assert report.sheet("hours").values("shifts") == [1]
    assert report.sheet("hours").values("hours") == [1.5]
    assert report.sheet("by_hub").as_dicts()[0]["hours"] == 1.5
