"""The programme's calendar (years, terms, closures) and the sessions it allows: no
session on a closure day, none outside an ensemble's days or terms, none for an archived
ensemble; a changed schedule moves only future sessions, and a session that would go
away but has marks is kept and flagged."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.schedule import Meeting, change, dumps, meetings
from harmony_desktop.services.calendar import default_bounds, start_year, year_label_of
from harmony_desktop.services.context import Services
from harmony_desktop.store.models import Ensemble
from tests.factories import HubFixture

MON = dt.date(2026, 9, 7)  # a Monday in the fixture hub's term
T1530, T1700 = dt.time(15, 30), dt.time(17, 0)


def _ensemble_days(services: Services, hub: HubFixture, first: dt.date, last: dt.date) -> list:
    return [
        i.date
        for i in services.sessions.for_range(hub.hub_id, first, last)
        if i.ensemble_id == hub.ensemble_id
    ]


def _edit(services: Services, ensemble_id: str, **fields: object) -> None:
    with services.store.write() as w:
        w.update(w.get(Ensemble, ensemble_id), **fields)


def test_default_year_runs_from_july_to_june() -> None:
    assert year_label_of(dt.date(2026, 6, 30)) == "2025-26"
    assert year_label_of(dt.date(2026, 7, 1)) == "2026-27"
    assert year_label_of(dt.date(2099, 12, 31)) == "2099-00"
    assert default_bounds("2025-26") == (dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    with pytest.raises(ValidationError, match="2025-26"):
        start_year("2025-27")


def test_a_stored_year_moves_its_bounds_and_its_neighbours(services: Services) -> None:
    calendar = services.calendar
    assert calendar.programme_year_for(dt.date(2026, 7, 15)).label == "2026-27"
    calendar.save_year("2026-27", dt.date(2026, 8, 1), dt.date(2027, 7, 31))
    assert calendar.year_bounds("2026-27") == (dt.date(2026, 8, 1), dt.date(2027, 7, 31))
    # 15 July 2026 is now before 2026-27 starts: the end of 2025-26, which ends the day before
    july = calendar.programme_year_for(dt.date(2026, 7, 15))
    assert (july.label, july.first_day, july.last_day, july.stored) == (
        "2025-26", dt.date(2025, 7, 1), dt.date(2026, 7, 31), False
    )  # fmt: skip
    late = calendar.programme_year_for(dt.date(2027, 7, 20))
    assert (late.label, late.stored) == ("2026-27", True)
    assert calendar.programme_year_for(dt.date(2027, 8, 1)).first_day == dt.date(2027, 8, 1)
    with pytest.raises(ValidationError, match="overlap"):
        calendar.save_year("2027-28", dt.date(2027, 7, 1), dt.date(2028, 6, 30))


def test_terms_lie_inside_their_year_and_never_overlap(services: Services) -> None:
    calendar = services.calendar
    fall = calendar.save_term("2026-27", "Fall", dt.date(2026, 9, 1), dt.date(2026, 12, 18))
    calendar.save_term("2026-27", "Spring", dt.date(2027, 1, 11), dt.date(2027, 5, 28))
    assert [t.name for t in calendar.terms("2026-27")] == ["Fall", "Spring"]
    with pytest.raises(ValidationError, match="overlap the term Fall"):
        calendar.save_term("2026-27", "Winter", dt.date(2026, 12, 1), dt.date(2027, 1, 5))
    with pytest.raises(ValidationError, match="lies between"):
        calendar.save_term("2026-27", "Summer", dt.date(2027, 6, 15), dt.date(2027, 7, 30))
    with pytest.raises(ValidationError, match="fall outside the year"):
        calendar.save_year("2026-27", dt.date(2026, 10, 1), dt.date(2027, 6, 30))
    calendar.save_term("2026-27", "Fall", dt.date(2026, 8, 25), dt.date(2026, 12, 18), fall)
    assert calendar.terms("2026-27")[0].first_day == dt.date(2026, 8, 25)
    calendar.delete_term(fall)
    assert [t.name for t in calendar.terms("2026-27")] == ["Spring"]


def test_no_session_on_a_closure_day(services: Services, hub: HubFixture) -> None:
    calendar = services.calendar
    tuesday, wednesday = MON + dt.timedelta(days=1), MON + dt.timedelta(days=2)
    calendar.add_closure(MON, "Labor Day")  # the whole programme
    calendar.add_closure(tuesday, "Park maintenance", hub.hub_id)
    calendar.add_closure(wednesday, "Other hub's fair", _other_hub(services))
    assert calendar.is_closed(hub.hub_id, MON) and calendar.is_closed(None, MON)
    assert calendar.closure_reason(hub.hub_id, tuesday) == "Park maintenance"
    assert not calendar.is_closed(hub.hub_id, wednesday)
    days = _ensemble_days(services, hub, MON, MON + dt.timedelta(days=4))
    assert days == [wednesday, wednesday + dt.timedelta(days=1), wednesday + dt.timedelta(days=2)]
    # the same closure twice is one row; removing it brings the sessions back
    same = calendar.add_closure(MON, "Labor Day (observed)")
    assert [c.reason for c in calendar.closures(first=MON, last=MON)] == ["Labor Day (observed)"]
    calendar.remove_closure(same)
    assert _ensemble_days(services, hub, MON, MON) == [MON]


def _other_hub(services: Services) -> str:
    from harmony_desktop.store.models import Hub

    with services.store.write() as w:
        return w.insert(Hub(name="Other Hub")).id


def test_first_and_last_day_terms_and_archive_bound_the_sessions(
    services: Services, hub: HubFixture
) -> None:
    week = (MON, MON + dt.timedelta(days=6))
    _edit(
        services,
        hub.ensemble_id,
        first_day=MON + dt.timedelta(days=1),
        last_day=MON + dt.timedelta(days=3),
    )
    assert _ensemble_days(services, hub, *week) == [MON + dt.timedelta(days=d) for d in (1, 2, 3)]

    _edit(services, hub.ensemble_id, first_day=None, last_day=None, follows_terms=True)
    assert len(_ensemble_days(services, hub, *week)) == 5  # no terms set up: all year
    services.calendar.save_term(
        "2026-27", "Fall", MON + dt.timedelta(days=2), dt.date(2026, 12, 18)
    )
    assert _ensemble_days(services, hub, *week) == [MON + dt.timedelta(days=d) for d in (2, 3, 4)]

    _edit(services, hub.ensemble_id, archived=True)
    assert _ensemble_days(services, hub, *week) == []


def test_a_schedule_change_moves_only_future_sessions(services: Services, hub: HubFixture) -> None:
    """Mon–Fri becomes Tue/Thu from Wednesday 16 Sep: the days before keep Mon–Fri, a
    past Monday with marks stays, a stored future Monday without marks goes away, and a
    future Monday that already has a mark is kept and flagged."""
    change_day = MON + dt.timedelta(days=9)  # Wednesday 16 September
    held = services.sessions.open(services.sessions.for_day(hub.hub_id, MON)[0])
    services.roll.mark(held.id, hub.student_ids[0], "P", by=hub.teacher_id)
    next_monday = MON + dt.timedelta(days=14)
    stored_only = services.sessions.open(
        next(
            i
            for i in services.sessions.for_day(hub.hub_id, next_monday)
            if i.ensemble_id == hub.ensemble_id
        )
    )
    marked_early = services.sessions.open(
        services.sessions.for_day(hub.hub_id, next_monday + dt.timedelta(days=7))[0]
    )
    services.roll.mark(marked_early.id, hub.student_ids[1], "AE", by=hub.teacher_id)

    with services.store.read() as s:
        schedule = s.get(Ensemble, hub.ensemble_id).schedule  # type: ignore[union-attr]
    new = change(meetings(schedule), [(1, T1530, T1700), (3, T1530, T1700)], change_day)
    _edit(services, hub.ensemble_id, schedule=dumps(new))

    before = _ensemble_days(services, hub, MON, change_day - dt.timedelta(days=1))
    assert before == [MON + dt.timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8)]
    after = _ensemble_days(services, hub, change_day, change_day + dt.timedelta(days=13))
    assert [d.weekday() for d in after] == [3, 1, 3, 0, 1]  # Thu, Tue, Thu, the kept Mon, Tue
    listed = {
        i.id: i
        for i in services.sessions.for_range(hub.hub_id, MON, next_monday + dt.timedelta(days=7))
    }
    assert held.id in listed and not listed[held.id].off_schedule
    assert stored_only.id not in listed
    assert listed[marked_early.id].off_schedule and listed[marked_early.id].recorded == 1
    assert [i.id for i in services.sessions.off_schedule(hub.hub_id)] == [marked_early.id]


def test_schedule_change_rules() -> None:
    today = dt.date(2026, 1, 12)
    mon = Meeting(0, T1530, T1700)
    fri_ended = Meeting(4, T1530, T1700, until=dt.date(2025, 12, 19))
    sat_future = Meeting(5, dt.time(10), dt.time(11), first=dt.date(2026, 2, 1))
    result = change([mon, fri_ended, sat_future], [(2, T1530, T1700)], today)
    assert result == [
        Meeting(0, T1530, T1700, until=dt.date(2026, 1, 11)),
        Meeting(2, T1530, T1700, first=today),
        fri_ended,
    ]  # Saturday had not started: it simply goes
    assert change([mon], [(0, T1530, T1700)], today) == [mon]  # unchanged stays unchanged
    assert change([], [(0, T1530, T1700)], today, new_ensemble=True) == [mon]
    with pytest.raises(ValidationError, match="overlap"):
        change([], [(0, T1530, T1700), (0, dt.time(16), dt.time(18))], today)
    stored = json.loads(dumps(result))
    assert stored[0] == {"weekday": 0, "start": "15:30", "end": "17:00", "until": "2026-01-11"}
    assert meetings("not json") == [] and meetings('[{"weekday": 9}]') == []
