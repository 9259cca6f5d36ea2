"""Taking roll and sessions: the rules and the errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlmodel import select

from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.vocab import SessionKind
from harmony_desktop.services.context import Services
from harmony_desktop.services.roll import Dismissal, MarkState, consistent_state
from harmony_desktop.services.sessions import RollState
from harmony_desktop.store.models import AttendanceMark, ClassSession, Outbox, Staff
from harmony_desktop.store.today import CodeFlags
from harmony_sync.protocol import attendance_mark_id
from tests.factories import HubFixture

MONDAY = dt.date(2026, 9, 7)


def opened(services: Services, hub: HubFixture, day: dt.date = MONDAY) -> str:
    info = services.sessions.for_day(hub.hub_id, day)[0]
    return services.sessions.open(info).id


def marks(services: Services, session_id: str) -> dict[str, str | None]:
    with services.store.read() as s:
        rows = s.exec(select(AttendanceMark).where(AttendanceMark.session_id == session_id)).all()
    return {m.student_id: m.code for m in rows}


def outbox_count(services: Services) -> int:
    with services.store.read() as s:
        return len(s.exec(select(Outbox)).all())


def test_sessions_come_from_schedules_within_the_term(services: Services, hub: HubFixture) -> None:
    assert [s.ensemble_name for s in services.sessions.for_day(hub.hub_id, MONDAY)] == [
        "Beginning Strings"
    ]
    saturday = [
        s.ensemble_name for s in services.sessions.for_day(hub.hub_id, dt.date(2026, 9, 12))
    ]
    assert saturday == ["Choir"]
    assert services.sessions.for_day(hub.hub_id, dt.date(2026, 8, 31)) == []  # before term
    listed = services.sessions.for_day(hub.hub_id, MONDAY)[0]
    assert not listed.stored and listed.state is RollState.NOT_STARTED and listed.expected == 8


def test_listing_sessions_writes_nothing(services: Services, hub: HubFixture) -> None:
    before = outbox_count(services)
    services.sessions.for_range(hub.hub_id, MONDAY, MONDAY + dt.timedelta(days=30))
    assert outbox_count(services) == before


def test_opening_a_session_twice_converges_on_one_row(services: Services, hub: HubFixture) -> None:
    first = opened(services, hub)
    assert opened(services, hub) == first
    with services.store.read() as s:
        assert len(s.exec(select(ClassSession)).all()) == 1


def test_mark_change_clear_and_the_states(services: Services, hub: HubFixture) -> None:
    sid = opened(services, hub)
    a, b = hub.student_ids[:2]
    services.roll.mark(sid, a, "P", by=hub.teacher_id)
    assert services.sessions.get(sid).state is RollState.IN_PROGRESS
    services.roll.mark(sid, a, "AU", by=hub.teacher_id)
    services.roll.mark(sid, b, "AE", by=hub.teacher_id, note="dentist")
    assert marks(services, sid) == {a: "AU", b: "AE"}
    services.roll.clear(sid, b, by=hub.teacher_id)
    entry = {e.student_id: e for e in services.roll.roll(sid)}[b]
    assert not entry.recorded and entry.mark.note == "dentist"
    with services.store.read() as s:
        mark = s.get(AttendanceMark, attendance_mark_id(sid, a))
        assert mark is not None and mark.recorded_by == hub.teacher_id and mark.recorded_at


def test_unrecorded_students_are_never_counted_present(services: Services, hub: HubFixture) -> None:
    sid = opened(services, hub)
    services.roll.mark(sid, hub.student_ids[0], "P", by=None)
    roll = services.roll.roll(sid)
    assert sum(e.recorded for e in roll) == 1
    assert services.stats.summaries(hub.hub_id, MONDAY, MONDAY)[hub.student_ids[1]].present == 0


def test_marking_the_same_code_again_is_not_a_new_change(
    services: Services, hub: HubFixture
) -> None:
    sid = opened(services, hub)
    services.roll.mark(sid, hub.student_ids[0], "P", by=None)
    before = outbox_count(services)
    services.roll.mark(sid, hub.student_ids[0], "P", by=None)
    assert outbox_count(services) == before


def test_late_gets_a_time_and_left_early_needs_a_reason(
    services: Services, hub: HubFixture
) -> None:
    services.roll._clock = lambda: dt.time(15, 47)
    sid = opened(services, hub)
    a = hub.student_ids[0]
    assert services.roll.mark(sid, a, "L", by=None).arrival_time == dt.time(15, 47)
    assert services.roll.mark(
        sid, a, "L", by=None, arrival_time=dt.time(15, 40)
    ).arrival_time == dt.time(15, 40)
    with pytest.raises(ValidationError, match="left early"):
        services.roll.mark(sid, a, "LE", by=None)
    state = services.roll.mark(
        sid, a, "LE", by=None, reason="medical", departure_time=dt.time(16, 20)
    )
    assert (state.departure_time, state.reason) == (dt.time(16, 20), "medical")
    with pytest.raises(ValidationError, match="departure time is before"):
        services.roll.set_state(
            sid, a, MarkState("LE", dt.time(16, 0), dt.time(15, 0), "medical"), by=None
        )


def test_bad_codes_and_cancelled_sessions_are_refused_without_writing(
    services: Services, hub: HubFixture
) -> None:
    sid = opened(services, hub)
    before = outbox_count(services)
    with pytest.raises(ValidationError, match="not an attendance code"):
        services.roll.mark(sid, hub.student_ids[0], "X", by=None)
    with pytest.raises(NotFoundError):
        services.roll.mark(sid, "no-such-student", "P", by=None)
    info = services.sessions.get(sid)
    with pytest.raises(ValidationError, match="why"):
        services.sessions.cancel(info, "  ")
    assert outbox_count(services) == before
    services.sessions.cancel(info, "Heat advisory")
    assert services.sessions.get(sid).state is RollState.CANCELLED
    with pytest.raises(ValidationError, match="cancelled"):
        services.roll.mark(sid, hub.student_ids[0], "P", by=None)
    services.sessions.uncancel(sid)
    services.roll.mark(sid, hub.student_ids[0], "P", by=None)


def test_one_student_and_several_are_checked_alike(services: Services, hub: HubFixture) -> None:
    """A key press (one student: one query for the session and the student) and a
    batch (several) refuse the same things, and write nothing when they do."""
    sid = opened(services, hub)
    first, second = hub.student_ids[0], hub.student_ids[1]
    services.roster.archive_student(second)
    before = outbox_count(services)
    with pytest.raises(NotFoundError, match="session does not exist"):
        services.roll.set_state("no-such-session", first, MarkState("P"), by=None)
    with pytest.raises(NotFoundError, match="session does not exist"):
        services.roll.set_states(
            "no-such-session", [(first, MarkState("P")), (second, MarkState("P"))], by=None
        )
    with pytest.raises(NotFoundError, match="student does not exist"):
        services.roll.set_state(sid, "no-such-student", MarkState("P"), by=None)
    with pytest.raises(NotFoundError, match="student does not exist"):
        services.roll.set_states(
            sid, [(first, MarkState("P")), ("no-such-student", MarkState("P"))], by=None
        )
    with pytest.raises(ValidationError, match="archived"):
        services.roll.set_state(sid, second, MarkState("P"), by=None)
    with pytest.raises(ValidationError, match="archived"):
        services.roll.set_states(sid, [(first, MarkState("P")), (second, MarkState("P"))], by=None)
    assert outbox_count(services) == before
    services.roll.set_state(sid, first, MarkState("P"), by=None)
    services.roll.set_states(sid, [(first, MarkState("L", dt.time(15, 40)))], by=None)
    assert marks(services, sid)[first] == "L"


def test_a_retired_code_is_refused_and_a_late_code_stamps_the_arrival(
    services: Services, hub: HubFixture
) -> None:
    """The register reads a code's flags with a plain query: a retired code is refused
    (nothing written), and a code's "late" flag still gives the mark an arrival time."""
    sid = opened(services, hub)
    student = hub.student_ids[0]
    off_site = next(c for c in services.setup.codes() if c.code == "OS")
    services.setup.save_code(replace(off_site, active=False))
    before = outbox_count(services)
    with pytest.raises(ValidationError, match="OS is not an attendance code"):
        services.roll.mark(sid, student, "OS", by=None)
    assert outbox_count(services) == before
    assert marks(services, sid) == {}
    services.roll.mark(sid, student, "L", by=None, arrival_time=dt.time(15, 47))
    state = services.roll.mark(sid, student, "L", by=None, note="  bus  ")
    assert (state.code, state.arrival_time, state.note) == ("L", dt.time(15, 47), "bus")


def test_mark_all_remaining_present_only_touches_unrecorded(
    services: Services, hub: HubFixture
) -> None:
    sid = opened(services, hub)
    services.roll.mark(sid, hub.student_ids[0], "AU", by=None)
    done = services.roll.mark_remaining_present(sid, by=hub.teacher_id)
    assert len(done) == 7 and hub.student_ids[0] not in done
    codes = marks(services, sid)
    assert codes[hub.student_ids[0]] == "AU"
    assert sorted(c for k, c in codes.items() if k != hub.student_ids[0]) == ["P"] * 7
    assert services.sessions.get(sid).state is RollState.ROLL_TAKEN
    assert services.roll.mark_remaining_present(sid, by=None) == []


def test_roll_lists_only_students_enrolled_that_day(services: Services, hub: HubFixture) -> None:
    late_joiner = services.roster.create_student(
        hub.hub_id, {"legal_first_name": "New", "legal_last_name": "Student"}
    )
    services.enrollment.enroll(late_joiner, hub.ensemble_id, MONDAY + dt.timedelta(days=7))
    leaver = hub.student_ids[0]
    enrollment = services.enrollment.for_student(leaver)[0]
    services.enrollment.withdraw(enrollment.id, MONDAY + dt.timedelta(days=1), "moved away")
    on_monday = {e.student_id for e in services.roll.roll(opened(services, hub))}
    assert leaver in on_monday and late_joiner not in on_monday
    week_later = {
        e.student_id
        for e in services.roll.roll(opened(services, hub, MONDAY + dt.timedelta(days=7)))
    }
    assert leaver not in week_later and late_joiner in week_later


def test_ad_hoc_sessions_and_their_errors(services: Services, hub: HubFixture) -> None:
    sid = services.sessions.add_ad_hoc(
        hub.ensemble_id,
        MONDAY,
        dt.time(18, 0),
        dt.time(19, 30),
        kind=SessionKind.PERFORMANCE,
        title="Fall concert",
        on_site=False,
    )
    listed = {s.id: s for s in services.sessions.for_day(hub.hub_id, MONDAY)}
    assert listed[sid].kind == "performance" and listed[sid].label.endswith("Fall concert")
    with pytest.raises(ValidationError, match="already has a session"):
        services.sessions.add_ad_hoc(hub.ensemble_id, MONDAY, dt.time(18, 0), dt.time(19, 0))
    with pytest.raises(ValidationError, match="end after"):
        services.sessions.add_ad_hoc(hub.ensemble_id, MONDAY, dt.time(18, 0), dt.time(17, 0))


def test_missing_rolls_flag_past_sessions_without_a_complete_roll(
    services: Services, hub: HubFixture
) -> None:
    today = MONDAY + dt.timedelta(days=7)
    missing = services.sessions.missing_rolls(hub.hub_id, today, days_back=7)
    assert {m.date for m in missing} == {MONDAY + dt.timedelta(days=i) for i in range(5)}  # Mon-Fri
    # Choir has no students, so its Saturday is not flagged; fix Monday's roll.
    sid = services.sessions.open(missing[0]).id
    services.roll.mark_remaining_present(sid, by=None)
    cancelled = missing[1]
    services.sessions.cancel(cancelled, "Holiday")
    still = services.sessions.missing_rolls(hub.hub_id, today, days_back=7)
    assert missing[0].id not in {m.id for m in still} and cancelled.id not in {m.id for m in still}
    assert len(still) == 3


def test_a_batch_of_states_is_one_transaction_with_one_change_per_mark(
    services: Services, hub: HubFixture
) -> None:
    sid = opened(services, hub)
    roll = services.roll
    first, second, third = hub.student_ids[:3]
    roll.mark(sid, first, "L", by=hub.teacher_id, arrival_time=dt.time(15, 40))
    before = outbox_count(services)
    late = MarkState("L", arrival_time=dt.time(15, 40))
    stored = roll.set_states(
        sid,
        [(first, late), (second, MarkState("P")), (third, MarkState("AU", note="bus"))],
        by=hub.teacher_id,
    )
    assert stored[0] == late
    assert outbox_count(services) == before + 2  # the first was already so: not a change
    assert marks(services, sid)[third] == "AU"
    # all or nothing: one bad state leaves every mark as it was
    with pytest.raises(ValidationError, match="departure time"):
        roll.set_states(
            sid,
            [
                (second, MarkState()),
                (third, MarkState("LE", dt.time(16), dt.time(15, 30), reason="sick")),
            ],
            by=hub.teacher_id,
        )
    assert marks(services, sid)[second] == "P"
    # undo of the batch: back to not recorded, still one change per mark
    roll.set_states(sid, [(second, MarkState()), (third, MarkState())], by=hub.teacher_id)
    assert marks(services, sid)[second] is None and marks(services, sid)[third] is None
    assert outbox_count(services) == before + 4


def _walker_and_rider(services: Services, hub: HubFixture) -> tuple[str, str]:
    """A student who may walk home (index 0) and one who may not (index 1)."""
    return hub.student_ids[0], hub.student_ids[1]


def test_sign_out_records_who_collected_the_student(services: Services, hub: HubFixture) -> None:
    sid = opened(services, hub)
    walker, rider = _walker_and_rider(services, hub)
    for student in (walker, rider):
        services.roll.mark(sid, student, "P", by=hub.teacher_id)
    state = services.roll.sign_out(
        sid, rider, Dismissal(dt.time(17, 0), collected_by="Guardian  1"), by=hub.teacher_id
    )
    assert (state.collected_by, state.collected_at, state.walked_home) == (
        "Guardian 1",
        dt.time(17, 0),
        False,
    )
    assert state.pickup_confirmed_by is None and state.dismissed
    walked = services.roll.sign_out(
        sid, walker, Dismissal(dt.time(17, 2), walked_home=True), by=hub.teacher_id
    )
    assert walked.walked_home and walked.collected_by == ""
    with pytest.raises(ValidationError, match="may not walk home"):
        services.roll.sign_out(
            sid, rider, Dismissal(dt.time(17, 0), walked_home=True), by=hub.teacher_id
        )
    # The dismissal travels with the mark, like every other field.
    with services.store.read() as s:
        last = s.exec(select(Outbox).order_by(Outbox.mutation_id.desc())).first()  # type: ignore[attr-defined]
    assert last is not None and '"walked_home": true' in last.values


def test_an_adult_not_on_the_list_needs_a_site_lead(services: Services, hub: HubFixture) -> None:
    sid = opened(services, hub)
    rider = hub.student_ids[1]
    services.roll.mark(sid, rider, "P", by=hub.teacher_id)
    stranger = Dismissal(dt.time(16, 40), collected_by="Unknown Adult")
    with pytest.raises(ValidationError, match="site lead must confirm"):
        services.roll.sign_out(sid, rider, stranger, by=hub.teacher_id)
    # A teacher cannot confirm; a site lead can, and it is recorded.
    with pytest.raises(ValidationError, match="site lead must confirm"):
        services.roll.sign_out(
            sid, rider, replace(stranger, confirmed_by=hub.teacher_id), by=hub.teacher_id
        )
    with services.store.write() as w:
        lead = w.insert(Staff(hub_id=hub.hub_id, name="Lead Person", role="site_lead"))
    assert services.roll.site_leads(hub.hub_id) == [(lead.id, "Lead Person")]
    state = services.roll.sign_out(
        sid, rider, replace(stranger, confirmed_by=lead.id), by=hub.teacher_id
    )
    assert (state.collected_by, state.pickup_confirmed_by) == ("Unknown Adult", lead.id)
    headers, rows = services.exporting.attendance_table(hub.hub_id)
    row = dict(zip(headers, next(r for r in rows if r[headers.index("Collected by")]), strict=True))
    assert row["Collected at"] == "4:40\u202fPM" and row["Release confirmed by"] == "Lead Person"


def test_left_early_carries_the_pickup_and_absence_clears_it(
    services: Services, hub: HubFixture
) -> None:
    sid = opened(services, hub)
    rider = hub.student_ids[1]
    state = services.roll.mark(
        sid,
        rider,
        "LE",
        by=hub.teacher_id,
        departure_time=dt.time(16, 10),
        reason="medical",
        dismissal=Dismissal(dt.time(16, 10), collected_by="Guardian 1"),
    )
    assert state.collected_by == "Guardian 1" and state.departure_time == dt.time(16, 10)
    cleared = services.roll.mark(sid, rider, "AU", by=hub.teacher_id)
    assert not cleared.dismissed and cleared.collected_at is None
    with pytest.raises(ValidationError, match="Only a student marked present"):
        services.roll.sign_out(
            sid, rider, Dismissal(dt.time(17, 0), collected_by="Guardian 1"), by=hub.teacher_id
        )


def _last_entries(services: Services, count: int) -> list[Outbox]:
    with services.store.read() as s:
        rows = s.exec(select(Outbox).order_by(Outbox.mutation_id)).all()  # type: ignore[arg-type]
    return list(rows[-count:])


def test_a_change_of_state_sends_only_what_changed_and_a_deleted_mark_comes_back_whole(
    services: Services, hub: HubFixture
) -> None:
    import json

    sid = opened(services, hub)
    roll = services.roll
    first, second = hub.student_ids[:2]
    late = MarkState("L", arrival_time=dt.time(15, 40), note="bus")
    roll.set_states(sid, [(first, late), (second, MarkState("P", note="violin"))], by=None)
    # undo of the first: its code and arrival go, the note stays; the second is as it was
    roll.set_states(sid, [(first, MarkState(note="bus")), (second, MarkState("P", note="violin"))],
                    by=hub.teacher_id)  # fmt: skip
    (undo,) = _last_entries(services, 1)
    assert undo.row_id == attendance_mark_id(sid, first)
    # (recorded_at is sent when the second has turned since the first write)
    assert set(json.loads(undo.values)) - {"recorded_at"} == {"code", "arrival_time", "recorded_by"}
    assert json.loads(undo.values)["code"] is None
    # a mark deleted (as another laptop's merge of duplicates may do) comes back as set now:
    # every field that differs from the deleted row (its note too), not only the code
    with services.store.write() as w:
        w.delete(w.get(AttendanceMark, attendance_mark_id(sid, second)))
    roll.set_states(sid, [(second, MarkState("AU"))], by=None)
    (revived,) = _last_entries(services, 1)
    values = json.loads(revived.values)
    assert values["deleted"] is False and values["code"] == "AU" and values["note"] == ""
    assert set(values) - {"recorded_at"} == {"deleted", "code", "note"}
    assert marks(services, sid)[second] == "AU"
    # not recorded for a student with no mark writes nothing
    third = hub.student_ids[2]
    before = outbox_count(services)
    roll.set_states(sid, [(third, MarkState())], by=None)
    assert outbox_count(services) == before and third not in marks(services, sid)


def test_a_late_student_who_leaves_early_keeps_the_arrival_and_counts_from_it(
    services: Services, hub: HubFixture
) -> None:
    from harmony_desktop.services.reports import ReportParams

    sid = opened(services, hub)  # Monday 7 September 2026, 15:30-17:00
    late, early, corrected = hub.student_ids[:3]
    services.roll.mark(sid, late, "L", by=None, arrival_time=dt.time(15, 50))
    state = services.roll.mark(
        sid, late, "LE", by=None, departure_time=dt.time(16, 35), reason="medical"
    )
    assert (state.arrival_time, state.departure_time) == (dt.time(15, 50), dt.time(16, 35))
    services.roll.mark(sid, early, "LE", by=None, departure_time=dt.time(16, 30), reason="medical")
    services.roll.mark(sid, corrected, "L", by=None, arrival_time=dt.time(15, 50))
    state = services.roll.mark(
        sid, corrected, "LE", by=None, arrival_time=dt.time(16, 0),
        departure_time=dt.time(16, 45), reason="family",
    )  # fmt: skip
    assert state.arrival_time == dt.time(16, 0)  # a new arrival given replaces the old
    with pytest.raises(ValidationError, match="departure time is before the arrival"):
        services.roll.mark(sid, late, "LE", by=None, departure_time=dt.time(15, 40))
    stored = {e.student_id: e.mark for e in services.roll.roll(sid)}
    assert (stored[late].arrival_time, stored[late].departure_time) == (
        dt.time(15, 50),
        dt.time(16, 35),
    )
    params = ReportParams(
        hub_id=hub.hub_id, first=MONDAY, last=MONDAY, today=MONDAY + dt.timedelta(days=1)
    )
    report = services.reports.run("hours", params)
    hours = {r["student_id"]: r["hours_attended"] for r in report.sheet("by_student").as_dicts()}
    assert hours[late] == 0.75  # 15:50 to 16:35, not 15:30 to 16:35 (1.08)
    assert hours[early] == 1.0  # 15:30 (on time) to 16:30
    assert hours[corrected] == 0.75  # 16:00 to 16:45


def test_a_kept_mark_is_made_whole_by_the_register_rules() -> None:
    """What "Needs review" writes when a site lead keeps another laptop's mark: only a
    late (or left-early) mark keeps an arrival time, only left early a departure and a
    reason, only a present code who collected the child."""
    signed_out = MarkState(
        "L",
        arrival_time=dt.time(16, 10),
        departure_time=dt.time(17, 0),
        reason="dentist",
        note="brought her violin",
        collected_by="Rosa Garcia",
        collected_at=dt.time(17, 30),
    )
    absent = CodeFlags("AU", counts_present=False, tardy=False, early_departure=False, active=True)
    assert consistent_state(signed_out, absent) == MarkState("AU", note="brought her violin")
    late = CodeFlags("L", counts_present=True, tardy=True, early_departure=False, active=True)
    assert consistent_state(signed_out, late) == MarkState(
        "L",
        arrival_time=dt.time(16, 10),
        note="brought her violin",
        collected_by="Rosa Garcia",
        collected_at=dt.time(17, 30),
    )
    early = CodeFlags("E", counts_present=True, tardy=False, early_departure=True, active=True)
    assert consistent_state(signed_out, early) == signed_out
    assert consistent_state(signed_out, None) == MarkState(note="brought her violin")
    # left early with no reason, as another laptop recorded it: kept so, nothing asked
    no_reason = MarkState("E", arrival_time=dt.time(16, 10), departure_time=dt.time(17, 0))
    assert consistent_state(no_reason, early) == no_reason
