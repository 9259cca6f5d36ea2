"""The ``engagement`` report over a small hand-built set of events.

Test Park Hub (the ``hub`` fixture: eight strings students, each with a guardian of
their own) plus Ana and Ben, siblings whose mother is one guardian, and Second Hub (a
copy, renamed). Every figure below is worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.services.events import EventService
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.store.models import Hub
from tests.factories import HubFixture, make_hub

DAY = dt.date(2026, 9, 3)  # a Thursday
LATER = dt.date(2026, 9, 10)
PERIOD = {"first": dt.date(2026, 9, 1), "last": dt.date(2026, 9, 30), "today": LATER}


@pytest.fixture
def second(services: Services) -> HubFixture:
    """A second hub, named apart."""
    other = make_hub(services, students=2)
    with services.store.write() as w:
        w.update(w.session.get(Hub, other.hub_id), name="Second Hub")
    return other


def sibling(services: Services, hub: HubFixture, first: str, phone: str) -> str:
    """A student of the strings whose guardian is Rosa Ortega (``phone`` written her way)."""
    sid = services.roster.create_student(
        hub.hub_id,
        {"legal_first_name": first, "legal_last_name": "Ortega",
         "date_of_birth": dt.date(2016, 5, 1)},
        [{"name": "Rosa Ortega", "phone": phone, "relationship": "mother",
          "is_guardian": True, "priority": 1}],
    )  # fmt: skip
    services.enrollment.enroll(sid, hub.ensemble_id, hub.start)
    return sid


def mark(services: Services, session: str, codes: list[str], by: str) -> None:
    """Mark the first students of the session's roll with ``codes``, in roll order."""
    for entry, code in zip(services.roll.roll(session), codes, strict=False):
        services.roll.mark(session, entry.student_id, code, by=by)


def build(services: Services, hub: HubFixture, second: HubFixture) -> None:
    """Two family nights at Test Park and one at Second Hub; a strings and a choir
    performance; a strings masterclass; a strings lesson."""
    events = EventService(services.store)
    ana = sibling(services, hub, "Ana", "(323) 555-0142")
    sibling(services, hub, "Ben", "323-555-0142")  # the same mother
    night = events.add_family_event(hub.hub_id, DAY, dt.time(18), dt.time(19), title="Night")
    [rosa] = [a for a in events.family_roll(night) if a.name == "Rosa Ortega"]
    events.mark_adult(night, rosa, True, by=None)  # reaches Ana and Ben: two families
    events.add_walk_in(night, "Carmen Ortega", student_ids=[ana], by=None)  # Ana again
    workshop = events.add_family_event(
        hub.hub_id, LATER, dt.time(18), dt.time(19), title="Workshop"
    )
    roll = events.family_roll(workshop)
    [rosa] = [a for a in roll if a.name == "Rosa Ortega"]
    other = next(a for a in roll if a.name != "Rosa Ortega" and not a.walk_in)
    events.mark_adult(workshop, rosa, True, by=None)
    events.mark_adult(workshop, other, True, by=None)
    events.add_family_event(second.hub_id, DAY, dt.time(18), dt.time(19), title="Empty night")

    concert = events.add_performance(
        hub.ensemble_id, DAY, dt.time(18), dt.time(19, 30), title="Fall concert",
        venue="City Hall", on_site=False, audience_count=140,
    )  # fmt: skip
    mark(services, concert, ["P"] * 6, hub.teacher_id)  # 6 performers x 1.5 h
    events.add_performance(
        hub.second_ensemble_id, LATER, dt.time(18), dt.time(19), title="Choir sing",
        venue="", on_site=True, audience_count=50,
    )  # fmt: skip
    masterclass = events.add_masterclass(
        hub.ensemble_id, DAY, dt.time(17, 30), dt.time(19), title="Bowing",
        guest_artist="Guest Artist",
    )  # fmt: skip
    mark(services, masterclass, ["P"] * 7 + ["AE"], hub.teacher_id)  # 7 x 1.5 h
    [lesson] = [
        i
        for i in services.sessions.for_day(hub.hub_id, DAY)
        if i.ensemble_id == hub.ensemble_id and i.kind == "regular"
    ]
    mark(services, services.sessions.open(lesson).id, ["P"] * 4 + ["AU"], hub.teacher_id)


def test_families_performances_and_masterclasses_of_every_hub(
    services: Services, hub: HubFixture, second: HubFixture
) -> None:
    build(services, hub, second)
    report = services.reports.run("engagement", ReportParams(**PERIOD))
    # Night: Rosa (Ana and Ben) and a grandmother walking in for Ana: two families,
    # two adults. Workshop: Rosa and one other guardian: three families, two adults.
    assert report.sheet("family_events").rows == [
        ["Second Hub", DAY, "Empty night", "Family night", 0, 0, 0],
        ["Test Park Hub", DAY, "Night", "Family night", 2, 2, 1],
        ["Test Park Hub", LATER, "Workshop", "Family night", 3, 2, 0],
    ]
    # Over the month Test Park reached Ana, Ben and one more student once each.
    assert report.sheet("families_per_hub").as_dicts() == [
        {"hub": "Second Hub", "family_events": 1, "families_reached": 0, "adult_attendances": 0},
        {"hub": "Test Park Hub", "family_events": 2, "families_reached": 3,
         "adult_attendances": 4},
    ]  # fmt: skip
    assert report.sheet("performances").rows == [
        ["Test Park Hub", DAY, "Beginning Strings", "Fall concert", "City Hall", False, 6, 140],
        ["Test Park Hub", LATER, "Choir", "Choir sing", "", True, 0, 50],
    ]
    # Ten strings students expected (eight and the Ortegas), 7 present, 1 absent.
    assert report.sheet("masterclasses").as_dicts() == [
        {"hub": "Test Park Hub", "date": DAY, "masterclass": "Bowing",
         "guest_artist": "Guest Artist", "invited": "Beginning Strings", "expected": 10,
         "present": 7, "absent": 1, "not_recorded": 2, "student_hours": 10.5},
    ]  # fmt: skip
    # Lesson 4 x 1.5 h; masterclass 7 x 1.5 h apart; concert 6 x 1.5 h.
    assert report.sheet("student_hours").rows == [["Test Park Hub", 6.0, 10.5, 9.0]]
    assert report.notes == []


def test_one_hub_and_one_ensemble(services: Services, hub: HubFixture, second: HubFixture) -> None:
    build(services, hub, second)
    report = services.reports.run("engagement", ReportParams(hub_id=second.hub_id, **PERIOD))
    assert report.sheet("family_events").values("event") == ["Empty night"]
    assert [s.rows for s in report.sheets[2:]] == [[], [], []]

    choir = services.reports.run(
        "engagement", ReportParams(ensemble_id=hub.second_ensemble_id, **PERIOD)
    )
    assert choir.sheet("performances").values("performance") == ["Choir sing"]
    assert choir.sheet("masterclasses").rows == []
    assert choir.sheet("student_hours").rows == []
    # Family events belong to the hub, whatever its ensemble.
    assert choir.sheet("family_events").values("event") == ["Night", "Workshop"]
    assert any("family events" in note for note in choir.notes)

    first_week = {**PERIOD, "last": dt.date(2026, 9, 7)}
    report = services.reports.run("engagement", ReportParams(hub_id=hub.hub_id, **first_week))
    assert report.sheet("families_per_hub").rows == [["Test Park Hub", 1, 2, 2]]
