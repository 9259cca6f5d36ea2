"""Volunteers: clearances and their states, confirmation of volunteers who are not
cleared, shifts and hours, the expiring list, who is visible at a hub."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.vocab import ShiftStatus
from harmony_desktop.services.context import Services
from harmony_desktop.services.volunteers import (
    ClearanceState,
    NeedsConfirmation,
    VolunteerService,
    add_months,
    clearance_state,
    shift_hours,
)
from harmony_desktop.store.models import Hub, Outbox, Staff, VolunteerAssignment, VolunteerShift
from harmony_desktop.store.replica import natural_id
from tests.factories import HubFixture, make_hub

TODAY = dt.date(2026, 9, 1)  # a Tuesday: the test hub's strings meet 15:30-17:00


@pytest.fixture
def volunteers(services: Services) -> VolunteerService:
    """The volunteer service with a fixed today and a fixed clock."""
    return VolunteerService(services.store, today=lambda: TODAY, clock=lambda: dt.time(15, 25))


@pytest.fixture
def site_lead(services: Services, hub: HubFixture) -> str:
    """A site lead of the test hub."""
    with services.store.write() as w:
        return w.insert(Staff(hub_id=hub.hub_id, name="Lead One", role="site_lead")).id


def kind_ids(volunteers: VolunteerService) -> dict[str, str]:
    """Clearance kind code -> id."""
    return {k.code: k.id for k in volunteers.kinds()}


def cleared_volunteer(volunteers: VolunteerService, hub_id: str, **fields: str) -> str:
    """An active volunteer of ``hub_id`` with every default clearance valid."""
    vid = volunteers.save(
        hub_id, {"first_name": "Vol", "last_name": "Tester", "status": "active", **fields}
    )
    for kind_id in kind_ids(volunteers).values():
        volunteers.record_clearance(vid, kind_id, dt.date(2026, 1, 10))
    return vid


def open_session(services: Services, hub: HubFixture, day: dt.date = TODAY) -> str:
    """The stored strings session of ``day``."""
    [info] = [
        i for i in services.sessions.for_day(hub.hub_id, day) if i.ensemble_id == hub.ensemble_id
    ]
    return services.sessions.open(info).id


def test_default_clearance_kinds_are_seeded_with_natural_ids(volunteers: VolunteerService) -> None:
    kinds = volunteers.kinds()
    assert [(k.code, k.label, k.validity_months, k.required) for k in kinds] == [
        ("background", "Fingerprint / background check", 0, True),
        ("tb", "TB clearance", 48, True),
        ("safeguarding", "Safeguarding training", 12, True),
        ("agreement", "Signed volunteer agreement", 0, True),
    ]
    assert all(k.id == natural_id("clearance_kind", k.code) for k in kinds)


def test_clearance_states_and_months() -> None:
    today = dt.date(2026, 9, 1)
    assert clearance_state(None, None, today) == ClearanceState.MISSING
    assert clearance_state(dt.date(2020, 1, 1), None, today) == ClearanceState.OK
    assert (
        clearance_state(dt.date(2025, 1, 1), dt.date(2026, 8, 31), today) == ClearanceState.EXPIRED
    )
    assert (
        clearance_state(dt.date(2025, 1, 1), dt.date(2026, 9, 1), today) == ClearanceState.EXPIRING
    )
    assert (
        clearance_state(dt.date(2025, 1, 1), dt.date(2026, 10, 1), today) == ClearanceState.EXPIRING
    )
    assert clearance_state(dt.date(2025, 1, 1), dt.date(2026, 10, 2), today) == ClearanceState.OK
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2022, 3, 15), 48) == dt.date(2026, 3, 15)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)


def test_tb_clearance_expires_after_four_years_and_makes_the_volunteer_not_cleared(
    volunteers: VolunteerService, hub: HubFixture
) -> None:
    vid = cleared_volunteer(volunteers, hub.hub_id)
    assert volunteers.get(vid).cleared
    tb = kind_ids(volunteers)["tb"]
    info = volunteers.record_clearance(vid, tb, dt.date(2022, 8, 15))
    assert info.expires_on == dt.date(2026, 8, 15) and info.state == ClearanceState.EXPIRED
    volunteer = volunteers.get(vid)
    assert not volunteer.cleared
    assert volunteer.problems == ["TB clearance: expired on 15 Aug 2026"]
    volunteers.remove_clearance(vid, kind_ids(volunteers)["agreement"])
    assert volunteers.get(vid).problems == [
        "TB clearance: expired on 15 Aug 2026",
        "Signed volunteer agreement: missing",
    ]


def test_a_volunteer_with_an_expired_tb_clearance_needs_a_site_leads_confirmation(
    services: Services, volunteers: VolunteerService, hub: HubFixture, site_lead: str
) -> None:
    vid = cleared_volunteer(volunteers, hub.hub_id)
    volunteers.record_clearance(vid, kind_ids(volunteers)["tb"], dt.date(2022, 8, 15))
    session = open_session(services, hub)
    pending = services.store.pending_changes()
    with pytest.raises(NeedsConfirmation) as refused:
        volunteers.set_shift(session, vid, ShiftStatus.SIGNED_UP, by=hub.teacher_id)
    assert refused.value.problems == ["TB clearance: expired on 15 Aug 2026"]
    with pytest.raises(NeedsConfirmation):
        volunteers.sign_in(session, vid, by=hub.teacher_id)
    with pytest.raises(ValidationError, match="Only a site lead"):
        volunteers.sign_in(session, vid, by=hub.teacher_id, confirmed_by=hub.teacher_id)
    assert services.store.pending_changes() == pending  # nothing written
    with services.store.read() as s:
        assert s.exec(select(VolunteerShift)).all() == []

    state = volunteers.sign_in(session, vid, by=hub.teacher_id, confirmed_by=site_lead)
    assert (state.status, state.sign_in, state.confirmed_by) == (
        "attended",
        dt.time(15, 25),
        "Lead One",
    )
    with services.store.read() as s:
        [shift] = s.exec(select(VolunteerShift)).all()
    assert shift.confirmed_by == site_lead and shift.confirmed_at
    assert shift.confirmation_note == "TB clearance: expired on 15 Aug 2026"
    assert shift.id == natural_id("shift", session, vid) and shift.hub_id == hub.hub_id
    # Confirmed once for this session: signing out needs no second confirmation.
    assert volunteers.sign_out(
        session, vid, by=hub.teacher_id, at=dt.time(17, 0)
    ).hours == pytest.approx(95 / 60)
    # A no-show or a cancellation assigns nobody: no confirmation asked.
    other = open_session(services, hub, TODAY + dt.timedelta(days=1))
    assert volunteers.set_shift(other, vid, ShiftStatus.NO_SHOW, by=None).status == "no_show"


def test_a_cleared_volunteer_signs_in_without_confirmation(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    vid = cleared_volunteer(volunteers, hub.hub_id)
    session = open_session(services, hub)
    state = volunteers.sign_in(session, vid, by=hub.teacher_id, at=dt.time(15, 30))
    assert state.confirmed_by == "" and state.status == ShiftStatus.ATTENDED


def test_a_clearance_is_judged_on_the_sessions_day(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    """A TB clearance valid through Thursday 3 Sep: on the Wednesday session the volunteer
    was cleared (recording it later asks nobody), on Friday's they are not, although
    "today" is the Tuesday before both."""
    vid = cleared_volunteer(volunteers, hub.hub_id)
    volunteers.record_clearance(vid, kind_ids(volunteers)["tb"], dt.date(2022, 9, 3))
    wednesday = open_session(services, hub, dt.date(2026, 9, 2))
    friday = open_session(services, hub, dt.date(2026, 9, 4))
    [entry] = volunteers.session_volunteers(wednesday)
    assert entry.volunteer.cleared
    assert volunteers.sign_in(wednesday, vid, by=hub.teacher_id).confirmed_by == ""
    [entry] = volunteers.session_volunteers(friday)
    assert not entry.volunteer.cleared
    with pytest.raises(NeedsConfirmation) as refused:
        volunteers.set_shift(friday, vid, ShiftStatus.SIGNED_UP, by=hub.teacher_id)
    assert refused.value.problems == ["TB clearance: expired on 3 Sep 2026"]


def test_signing_in_and_out_gives_the_right_hours(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    vid = cleared_volunteer(volunteers, hub.hub_id)
    tuesday = open_session(services, hub)
    wednesday = open_session(services, hub, TODAY + dt.timedelta(days=1))
    thursday = open_session(services, hub, TODAY + dt.timedelta(days=2))
    friday = open_session(services, hub, TODAY + dt.timedelta(days=3))
    volunteers.sign_in(tuesday, vid, by=None, at=dt.time(15, 20))
    state = volunteers.sign_out(tuesday, vid, by=None, at=dt.time(17, 5))
    assert state.hours == pytest.approx(1.75)  # 15:20 to 17:05
    volunteers.sign_in(wednesday, vid, by=None, at=dt.time(15, 30))
    volunteers.sign_out(wednesday, vid, by=None, at=dt.time(17, 0))
    volunteers.set_shift(thursday, vid, ShiftStatus.NO_SHOW, by=None)
    volunteers.set_shift(friday, vid, ShiftStatus.CANCELLED, by=None)
    headers, rows = volunteers.hours_table(hub.hub_id, TODAY, TODAY + dt.timedelta(days=6))
    assert headers[-2:] == ["Shifts", "Hours"]
    assert rows == [
        ["Tester, Vol", "Teaching assistant", "Test Park Hub", "2026-09", "ensemble", 2, 3.25]
    ]
    # a sign-out before the sign-in is refused, saying both times
    with pytest.raises(
        ValidationError, match=r"signed in at 3:20.PM: signing out at 3:00.PM would be before"
    ):
        volunteers.sign_out(tuesday, vid, by=None, at=dt.time(15, 0))
    with pytest.raises(ValidationError, match="Sign the volunteer in"):
        volunteers.sign_out(thursday, vid, by=None)


def test_a_cancelled_session_counts_no_volunteer_hours(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    """A volunteer signed in and out of Tuesday's and Wednesday's sessions; Wednesday's
    is then cancelled (a fire drill sent everyone home). Its students' marks count
    nothing in any report, and its shift counts no hours either: only Tuesday's 1.75 h
    (15:20 to 17:05). Restoring the session brings its 1.5 h back."""
    vid = cleared_volunteer(volunteers, hub.hub_id)
    tuesday = open_session(services, hub)
    wednesday = open_session(services, hub, TODAY + dt.timedelta(days=1))
    volunteers.sign_in(tuesday, vid, by=None, at=dt.time(15, 20))
    volunteers.sign_out(tuesday, vid, by=None, at=dt.time(17, 5))
    volunteers.sign_in(wednesday, vid, by=None, at=dt.time(15, 30))
    volunteers.sign_out(wednesday, vid, by=None, at=dt.time(17, 0))
    services.sessions.cancel(services.sessions.get(wednesday), "Fire drill")
    week = (TODAY, TODAY + dt.timedelta(days=6))
    assert volunteers.hours_table(hub.hub_id, *week)[1] == [
        ["Tester, Vol", "Teaching assistant", "Test Park Hub", "2026-09", "ensemble", 1, 1.75]
    ]
    services.sessions.uncancel(wednesday)
    assert volunteers.hours_table(hub.hub_id, *week)[1] == [
        ["Tester, Vol", "Teaching assistant", "Test Park Hub", "2026-09", "ensemble", 2, 3.25]
    ]


def test_a_closure_day_counts_no_volunteer_hours(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    """A volunteer works Tuesday to Thursday, 15:30 to 17:00 each day (1.5 h a shift).
    Wednesday is then made a closure day of the whole programme and Thursday one of this
    hub (the sessions had been opened before): those days' students' marks count
    nothing, so their shifts count no hours either: 1 shift, 1.5 h, not 3 and 4.5 h. A
    closure of another hub on Tuesday changes nothing here; opening the days again
    brings the hours back."""
    other = make_hub(services, students=1)
    vid = cleared_volunteer(volunteers, hub.hub_id)
    tuesday, wednesday, thursday = (TODAY + dt.timedelta(days=n) for n in range(3))
    for day in (tuesday, wednesday, thursday):
        session = open_session(services, hub, day)
        volunteers.sign_in(session, vid, by=None, at=dt.time(15, 30))
        volunteers.sign_out(session, vid, by=None, at=dt.time(17, 0))
    calendar = services.calendar
    closed = [
        calendar.add_closure(wednesday, "Staff training day"),
        calendar.add_closure(thursday, "Park maintenance", hub.hub_id),
    ]
    calendar.add_closure(tuesday, "Pool repairs", other.hub_id)
    week = (TODAY, TODAY + dt.timedelta(days=6))
    row = ["Tester, Vol", "Teaching assistant", "Test Park Hub", "2026-09", "ensemble"]
    assert volunteers.hours_table(hub.hub_id, *week)[1] == [[*row, 1, 1.5]]
    assert volunteers.hours_table(None, *week)[1] == [[*row, 1, 1.5]]
    assert [r[-1] for r in volunteers.summary_table(hub.hub_id, *week)[1]] == [1.5]
    for closure_id in closed:
        calendar.remove_closure(closure_id)
    assert volunteers.hours_table(hub.hub_id, *week)[1] == [[*row, 3, 4.5]]


def test_shift_hours_count_attended_shifts_only() -> None:
    assert shift_hours("attended", dt.time(15, 0), dt.time(16, 45)) == pytest.approx(1.75)
    assert shift_hours("attended", dt.time(15, 0), None) == 0.0
    assert shift_hours("no_show", dt.time(15, 0), dt.time(16, 0)) == 0.0
    assert shift_hours("signed_up", dt.time(15, 0), dt.time(16, 0)) == 0.0
    assert shift_hours("attended", dt.time(16, 0), dt.time(15, 0)) == 0.0


def test_expiring_clearances_within_thirty_days(
    volunteers: VolunteerService, hub: HubFixture
) -> None:
    soon = cleared_volunteer(volunteers, hub.hub_id, first_name="Soon")
    later = cleared_volunteer(volunteers, hub.hub_id, first_name="Later")
    gone = cleared_volunteer(volunteers, hub.hub_id, first_name="Lapsed")
    idle = cleared_volunteer(volunteers, hub.hub_id, first_name="Idle", status="inactive")
    tb = kind_ids(volunteers)["tb"]
    volunteers.record_clearance(soon, tb, dt.date(2022, 9, 11))  # expires 2026-09-11
    volunteers.record_clearance(later, tb, dt.date(2022, 10, 16))  # 2026-10-16: 45 days
    volunteers.record_clearance(gone, tb, dt.date(2022, 8, 20))  # expired 2026-08-20
    volunteers.record_clearance(idle, tb, dt.date(2022, 9, 5))  # inactive: not listed
    found = volunteers.expiring(hub.hub_id, within_days=30)
    assert [(e.volunteer_name, e.kind_label, e.days_left, e.state) for e in found] == [
        ("Lapsed Tester", "TB clearance", -12, ClearanceState.EXPIRED),
        ("Soon Tester", "TB clearance", 10, ClearanceState.EXPIRING),
    ]
    assert [e.volunteer_name for e in volunteers.expiring(hub.hub_id, within_days=60)] == [
        "Lapsed Tester",
        "Soon Tester",
        "Later Tester",
    ]


def test_a_hub_sees_its_own_and_its_assigned_volunteers(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    with services.store.write() as w:
        other = w.insert(Hub(name="Other Hub")).id
    home = cleared_volunteer(volunteers, hub.hub_id, first_name="Home")
    visiting = cleared_volunteer(volunteers, other, first_name="Visiting")
    elsewhere = cleared_volunteer(volunteers, other, first_name="Elsewhere")
    volunteers.set_assignments(visiting, [(hub.hub_id, hub.ensemble_id), (other, None)])
    assert {v.id for v in volunteers.for_hub(hub.hub_id)} == {home, visiting}
    assert {v.id for v in volunteers.for_hub(other)} == {visiting, elsewhere}
    labels = [a.label for a in volunteers.get(visiting).assignments]
    assert labels == ["Other Hub", "Test Park Hub — Beginning Strings"]
    volunteers.set_assignments(visiting, [(other, None)])
    assert {v.id for v in volunteers.for_hub(hub.hub_id)} == {home}
    with services.store.read() as s:
        rows = s.exec(select(VolunteerAssignment)).all()
    assert sorted((r.hub_id == other, r.deleted) for r in rows) == [(False, True), (True, False)]
    with pytest.raises(ValidationError, match="another hub"):
        volunteers.set_assignments(visiting, [(other, hub.ensemble_id)])


def test_the_register_lists_the_hubs_volunteers_with_their_shift(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    helper = cleared_volunteer(volunteers, hub.hub_id, first_name="Helper")
    strings = cleared_volunteer(volunteers, hub.hub_id, first_name="Strings")
    cleared_volunteer(volunteers, hub.hub_id, first_name="Retired", status="inactive")
    volunteers.set_assignments(strings, [(hub.hub_id, hub.ensemble_id)])
    session = open_session(services, hub)
    volunteers.set_shift(session, helper, ShiftStatus.SIGNED_UP, by=None)
    entries = volunteers.session_volunteers(session)
    assert [(e.volunteer.first_name, e.shift.status, e.assigned_here) for e in entries] == [
        ("Helper", "signed_up", False),
        ("Strings", None, True),
    ]
    volunteers.clear_shift(session, helper)
    assert [e.shift.status for e in volunteers.session_volunteers(session)] == [None, None]


def test_invalid_volunteers_are_refused_and_nothing_is_written(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    before = services.store.pending_changes()
    for values, message in (
        ({"first_name": "", "last_name": "Tester"}, "First name is required"),
        ({"first_name": "Vol", "last_name": "Tester", "status": "retired"}, "Unknown status"),
        ({"first_name": "Vol", "last_name": "Tester", "email": "not-an-email"}, "not an email"),
        ({"first_name": "Vol", "last_name": "Tester", "phone": "12"}, "phone number"),
    ):
        with pytest.raises(ValidationError, match=message):
            volunteers.save(hub.hub_id, values)
    assert services.store.pending_changes() == before
    vid = cleared_volunteer(volunteers, hub.hub_id)
    with pytest.raises(ValidationError, match="future"):
        volunteers.record_clearance(vid, kind_ids(volunteers)["tb"], TODAY + dt.timedelta(days=1))


def test_the_summary_counts_active_teaching_assistants_and_clearances(
    volunteers: VolunteerService, hub: HubFixture
) -> None:
    cleared_volunteer(volunteers, hub.hub_id, first_name="Ta")
    mentor = cleared_volunteer(volunteers, hub.hub_id, first_name="Mentor", role="mentor")
    volunteers.remove_clearance(mentor, kind_ids(volunteers)["background"])
    cleared_volunteer(volunteers, hub.hub_id, first_name="New", status="prospect")
    headers, rows = volunteers.summary_table(hub.hub_id, TODAY, TODAY)
    assert dict(zip(headers, rows[0], strict=True)) == {
        "Hub": "Test Park Hub",
        "Active": 2,
        "Active teaching assistants": 1,
        "Prospects": 1,
        "Inactive": 0,
        "Active and cleared": 1,
        "Active, not cleared": 1,
        "Clearances expiring within 30 days": 0,
        "Hours": 0.0,
    }


def test_every_change_goes_through_the_outbox(
    services: Services, volunteers: VolunteerService, hub: HubFixture
) -> None:
    vid = cleared_volunteer(volunteers, hub.hub_id)
    with services.store.read() as s:
        tables = [o.table_name for o in s.exec(select(Outbox).order_by(Outbox.mutation_id))]
    assert tables[-5:] == ["volunteer"] + ["volunteer_clearance"] * 4
    assert vid
