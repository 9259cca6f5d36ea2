"""Masterclasses, performances and family events: their rolls and what they count."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.vocab import FamilyEventKind, SessionKind
from harmony_desktop.services.context import Services
from harmony_desktop.services.events import EventService, FamilyMeasure
from tests.factories import HubFixture

DAY = dt.date(2026, 9, 3)  # a Thursday in the test hub's term


@pytest.fixture
def events(services: Services) -> EventService:
    """The event service."""
    return EventService(services.store)


def add_student(services: Services, hub: HubFixture, first: str, guardians: list[dict]) -> str:
    """A student enrolled in the strings from the term's start, with ``guardians``."""
    sid = services.roster.create_student(
        hub.hub_id,
        {
            "legal_first_name": first,
            "legal_last_name": "Ortega",
            "date_of_birth": dt.date(2016, 5, 1),
        },
        [{"relationship": "mother", "is_guardian": True, "priority": 1, **g} for g in guardians],
    )
    services.enrollment.enroll(sid, hub.ensemble_id, hub.start)
    return sid


def test_a_family_event_counts_siblings_who_share_a_guardian(
    services: Services, events: EventService, hub: HubFixture
) -> None:
    mother = {"name": "Rosa Ortega", "phone": "(323) 555-0142"}
    ana = add_student(services, hub, "Ana", [mother])
    ben = add_student(services, hub, "Ben", [{**mother, "phone": "323-555-0142"}])  # same phone
    father = {"name": "Luis Ortega", "phone": "(323) 555-0143", "relationship": "father"}
    services.roster.add_contact(ben, **father, is_guardian=True, priority=2)
    event = events.add_family_event(
        hub.hub_id, DAY, dt.time(18, 0), dt.time(19, 30), title="Family night"
    )
    roll = events.family_roll(event)
    # Eight students from the fixture, each with their own guardian, plus the Ortegas:
    # Rosa once (for Ana and Ben), Luis once (for Ben).
    assert len(roll) == 8 + 2
    [rosa] = [a for a in roll if a.name == "Rosa Ortega"]
    [luis] = [a for a in roll if a.name == "Luis Ortega"]
    assert set(rosa.student_ids) == {ana, ben} and rosa.family == "Ana Ortega, Ben Ortega"
    assert luis.student_ids == (ben,)

    measure = events.mark_adult(event, rosa, True, by=hub.teacher_id)
    assert measure == FamilyMeasure(families_reached=2, adults=1, walk_ins=0)
    measure = events.mark_adult(event, luis, True, by=hub.teacher_id)
    assert measure == FamilyMeasure(families_reached=2, adults=2, walk_ins=0)
    # A grandmother walks in for Ana; a neighbour comes on her own.
    events.add_walk_in(
        event, "Carmen Ortega", relationship="grandmother", student_ids=[ana], by=None
    )
    events.add_walk_in(event, "Pat Neighbour", by=None)
    info = events.family_event(event)
    assert info.measure == FamilyMeasure(families_reached=2, adults=4, walk_ins=2)
    # Rosa did not come after all.
    [rosa] = [a for a in events.family_roll(event) if a.name == "Rosa Ortega"]
    assert rosa.attended
    assert events.mark_adult(event, rosa, False, by=None) == FamilyMeasure(2, 3, 2)
    walk_ins = [a for a in events.family_roll(event) if a.walk_in]
    # Walk-ins after the guardians; one who came for no student before the others.
    assert [(a.name, a.family) for a in walk_ins] == [
        ("Pat Neighbour", ""),
        ("Carmen Ortega", "Ana Ortega"),
    ]
    events.remove_walk_in(event, walk_ins[0].key)
    assert events.family_event(event).measure.adults == 2


def test_family_event_rules(services: Services, events: EventService, hub: HubFixture) -> None:
    with pytest.raises(ValidationError, match="title"):
        events.add_family_event(hub.hub_id, DAY, dt.time(18, 0), dt.time(19, 0), title=" ")
    with pytest.raises(ValidationError, match="end after"):
        events.add_family_event(hub.hub_id, DAY, dt.time(18, 0), dt.time(17, 0), title="Night")
    event = events.add_family_event(
        hub.hub_id,
        DAY,
        dt.time(18, 0),
        dt.time(19, 0),
        title="Parent workshop: practising at home",
        kind=FamilyEventKind.PARENT_WORKSHOP,
    )
    with pytest.raises(ValidationError, match="name"):
        events.add_walk_in(event, "  ", by=None)
    events.update_family_event(event, title="Practising at home", location="Gym")
    [info] = events.family_events(hub.hub_id)
    assert (info.title, info.location, info.kind) == (
        "Practising at home",
        "Gym",
        "parent_workshop",
    )
    events.remove_family_event(event)
    assert events.family_events(hub.hub_id) == []


def test_a_masterclass_invites_other_ensembles_and_counts_apart(
    services: Services, events: EventService, hub: HubFixture
) -> None:
    choir = [
        add_student(services, hub, name, [{"name": f"Guardian {name}"}]) for name in ("Cy", "Di")
    ]
    for sid in choir:
        services.enrollment.enroll(sid, hub.second_ensemble_id, hub.start)
    session = events.add_masterclass(
        hub.ensemble_id,
        DAY,
        dt.time(17, 30),
        dt.time(19, 0),
        title="Bowing with a guest",
        guest_artist="Guest Artist",
        invite_ensembles=[hub.second_ensemble_id],
    )
    roll = services.roll.roll(session)
    # The strings' eight plus the Ortega twins enrolled in the strings and the choir.
    assert len(roll) == 10
    info = services.sessions.get(session)
    assert (info.kind, info.expected) == (SessionKind.MASTERCLASS, 10)
    for entry in roll[:7]:
        services.roll.mark(session, entry.student_id, "P", by=hub.teacher_id)
    services.roll.mark(session, roll[7].student_id, "AE", by=hub.teacher_id)
    [mc] = events.masterclasses(hub.hub_id)
    assert mc.guest_artist == "Guest Artist" and mc.invited == ("Choir",)
    assert (mc.roll.expected, mc.roll.present, mc.roll.absent, mc.roll.unrecorded) == (10, 7, 1, 2)
    assert mc.student_hours == 10.5  # 7 present x 1.5 hours
    # Mark all remaining present covers the invited students too.
    assert len(services.roll.mark_remaining_present(session, by=hub.teacher_id)) == 2
    tables = events.engagement_tables(hub.hub_id, DAY, DAY)
    _headers, rows = tables["student_hours"]
    assert rows == [["Test Park Hub", 0.0, 13.5, 0.0]]  # 9 present x 1.5 h, apart
    with pytest.raises(ValidationError, match="guest artist"):
        events.add_masterclass(
            hub.ensemble_id, DAY, dt.time(19, 0), dt.time(20, 0), title="X", guest_artist=""
        )


def test_a_performance_records_venue_performers_and_audience(
    services: Services, events: EventService, hub: HubFixture
) -> None:
    session = events.add_performance(
        hub.ensemble_id,
        DAY,
        dt.time(18, 0),
        dt.time(19, 30),
        title="Fall concert",
        venue="City Hall rotunda",
        on_site=False,
    )
    for entry in services.roll.roll(session)[:6]:
        services.roll.mark(session, entry.student_id, "OS", by=hub.teacher_id)
    events.set_performance(session, audience_count=140)
    [perf] = events.performances(hub.hub_id)
    assert (perf.venue, perf.on_site, perf.roll.present, perf.audience_count) == (
        "City Hall rotunda",
        False,
        6,
        140,
    )
    _headers, rows = events.engagement_tables(hub.hub_id, DAY, DAY)["performances"]
    assert rows == [
        [
            "Test Park Hub",
            DAY,
            "Beginning Strings",
            "Fall concert",
            "City Hall rotunda",
            "no",
            6,
            140,
        ]
    ]
    with pytest.raises(ValidationError, match="audience"):
        events.set_performance(session, audience_count=-1)
    regular = services.sessions.open(services.sessions.for_day(hub.hub_id, DAY)[0]).id
    with pytest.raises(ValidationError, match="Only a performance"):
        events.set_performance(regular, audience_count=10)


def test_families_per_hub_count_a_student_once_over_the_period(
    services: Services, events: EventService, hub: HubFixture
) -> None:
    first = events.add_family_event(hub.hub_id, DAY, dt.time(18, 0), dt.time(19, 0), title="One")
    second = events.add_family_event(
        hub.hub_id, DAY + dt.timedelta(days=7), dt.time(18, 0), dt.time(19, 0), title="Two"
    )
    for event in (first, second):
        adult = events.family_roll(event)[0]
        events.mark_adult(event, adult, True, by=None)
    _headers, rows = events.engagement_tables(hub.hub_id, DAY, DAY + dt.timedelta(days=7))[
        "families_per_hub"
    ]
    assert rows == [["Test Park Hub", 2, 1, 2]]
