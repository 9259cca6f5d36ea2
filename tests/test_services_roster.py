"""Roster, enrollment and attendance statistics: rules and errors."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from harmony_desktop.domain.errors import CapacityError, ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.store.models import EnrollmentEvent, Outbox, Student
from tests.factories import HubFixture, make_hub

DAY = dt.date(2026, 9, 1)


def new_student(services: Services, hub_id: str, first: str, **extra: object) -> str:
    return services.roster.create_student(
        hub_id, {"legal_first_name": first, "legal_last_name": "Test", **extra}
    )


def test_student_validation_messages_and_nothing_written(
    services: Services, hub: HubFixture
) -> None:
    with services.store.read() as s:
        before = len(s.exec(select(Outbox)).all())
    cases = [
        ({"legal_first_name": "", "legal_last_name": "X"}, "First name is required"),
        (
            {"legal_first_name": "A", "legal_last_name": "X", "date_of_birth": dt.date(2090, 1, 1)},
            "future",
        ),
        (
            {"legal_first_name": "A", "legal_last_name": "X", "date_of_birth": dt.date(1960, 1, 1)},
            "Check the year",
        ),
        ({"legal_first_name": "A", "legal_last_name": "X", "grade": "13"}, "Grade must be"),
        ({"legal_first_name": "A", "legal_last_name": "X", "shoe": 3}, "Unknown field"),
    ]
    for fields, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.roster.create_student(hub.hub_id, fields)
    with pytest.raises(ValidationError, match="phone number"):
        services.roster.create_student(
            hub.hub_id,
            {"legal_first_name": "A", "legal_last_name": "B"},
            [{"name": "Mom", "phone": "12"}],
        )
    with services.store.read() as s:
        assert len(s.exec(select(Outbox)).all()) == before


def test_search_by_name_id_ensemble_grade_and_status(services: Services, hub: HubFixture) -> None:
    sid = new_student(
        services,
        hub.hub_id,
        "Guadalupe",
        preferred_name="Lupe",
        district_student_id="LA-99812",
        grade="K",
    )
    services.enrollment.enroll(sid, hub.second_ensemble_id, DAY)
    entries = services.roster.entries(hub.hub_id)
    search = services.roster.search
    assert [e.student_id for e in search(entries, "lupe")] == [sid]
    assert [e.student_id for e in search(entries, "99812")] == [sid]
    assert sid in {e.student_id for e in search(entries, "choir")}
    assert [e.student_id for e in search(entries, "grade k")] == [sid]
    assert len(search(entries, "")) == len(entries) == 9
    services.roster.archive_student(sid)
    archived = services.roster.search(services.roster.entries(hub.hub_id), "archived")
    assert [e.student_id for e in archived] == [sid]
    with services.store.read() as s:
        assert s.get(Student, sid) is not None  # archived, never deleted


def test_possible_duplicates_by_name_and_birth_date_or_phone(
    services: Services, hub: HubFixture
) -> None:
    first = services.roster.create_student(
        hub.hub_id,
        {
            "legal_first_name": "Mateo",
            "legal_last_name": "Reyes",
            "date_of_birth": dt.date(2016, 3, 4),
        },
        [{"name": "Rosa Reyes", "phone": "(213) 555-0142", "is_guardian": True}],
    )
    same_name = services.roster.possible_duplicates(
        hub.hub_id, " mateo", "REYES", dt.date(2016, 3, 4)
    )
    assert [s.id for s in same_name] == [first]
    same_phone = services.roster.possible_duplicates(
        hub.hub_id, "Matt", "Reyes", None, ["+1 213-555-0142"]
    )
    assert [s.id for s in same_phone] == [first]
    assert (
        services.roster.possible_duplicates(hub.hub_id, "Mateo", "Reyes", dt.date(2016, 3, 5)) == []
    )


def test_capacity_waitlist_and_enroll_next(services: Services) -> None:
    hub = make_hub(services, students=2, capacity=2)
    waiting = [new_student(services, hub.hub_id, n) for n in ("Wait1", "Wait2", "Wait3")]
    with pytest.raises(CapacityError, match="full"):
        services.enrollment.enroll(waiting[0], hub.ensemble_id, DAY)
    services.enrollment.add_to_waitlist(waiting[0], hub.ensemble_id, DAY, priority=50)
    services.enrollment.add_to_waitlist(
        waiting[1], hub.ensemble_id, DAY - dt.timedelta(days=3), priority=50
    )
    services.enrollment.add_to_waitlist(
        waiting[2], hub.ensemble_id, DAY - dt.timedelta(days=9), priority=90
    )
    order = [w.student_id for w in services.enrollment.waitlist(hub.ensemble_id)]
    assert order == [waiting[1], waiting[0], waiting[2]]  # priority, then date
    with pytest.raises(CapacityError):
        services.enrollment.enroll_next_from_waitlist(hub.ensemble_id, DAY)
    leaving = services.enrollment.for_student(hub.student_ids[0])[0]
    with pytest.raises(ValidationError, match="reason"):
        services.enrollment.withdraw(leaving.id, DAY, "")
    services.enrollment.withdraw(leaving.id, DAY, "Family moved")
    promoted = services.enrollment.enroll_next_from_waitlist(hub.ensemble_id, DAY)
    assert promoted is not None
    assert [w.student_id for w in services.enrollment.waitlist(hub.ensemble_id)] == [
        waiting[0],
        waiting[2],
    ]
    assert services.enrollment.enrolled_count(hub.ensemble_id, DAY) == 2
    history = services.enrollment.history(promoted)
    assert [e.status for e in history] == ["waitlisted", "enrolled"]
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrollment.enroll(waiting[1], hub.ensemble_id, DAY)
    with services.store.read() as s:
        withdrawn = s.exec(
            select(EnrollmentEvent).where(EnrollmentEvent.enrollment_id == leaving.id)
        ).all()
    assert [(e.status, e.reason) for e in sorted(withdrawn, key=lambda e: e.status)] == [
        ("enrolled", ""),
        ("withdrawn", "Family moved"),
    ]


def test_attendance_rate_and_chronic_absence(services: Services) -> None:
    hub = make_hub(services, students=3)
    good, absent, half = hub.student_ids
    # 10 weekdays of sessions; one cancelled, which leaves every denominator.
    days = [
        DAY + dt.timedelta(days=i) for i in range(14) if (DAY + dt.timedelta(days=i)).weekday() < 5
    ][:10]
    for n, day in enumerate(days):
        info = services.sessions.for_day(hub.hub_id, day)[0]
        if n == 9:
            services.sessions.cancel(info, "Heat")
            continue
        sid = services.sessions.open(info).id
        services.roll.mark(sid, good, "L" if n == 0 else "P", by=None)
        services.roll.mark(sid, absent, "AE" if n == 0 else "P", by=None)
        if n % 2 == 0:
            services.roll.mark(sid, half, "AU", by=None)
        # odd days: `half` left unrecorded
    summary = services.stats.summaries(hub.hub_id, days[0], days[-1])
    assert summary[good].present == 9 and summary[good].rate == 1.0
    assert summary[good].held_sessions == 9 and not summary[good].chronically_absent
    assert summary[absent].absent == 1 and summary[absent].rate == pytest.approx(8 / 9)
    assert summary[absent].chronically_absent  # 1 of 9 held sessions ≥ 10 %
    assert summary[half].absent == 5 and summary[half].unrecorded == 4 and summary[half].rate == 0.0
    assert set(services.stats.chronically_absent(hub.hub_id, days[0], days[-1])) == {absent, half}
    assert services.stats.attendance_rate(hub.hub_id, days[0], days[-1]) == pytest.approx(17 / 23)
