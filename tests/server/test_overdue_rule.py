"""The overdue rule at the week's edges, as the programme office reads it.

A laptop is flagged when it is 2 (``HARMONY_SYNC_OVERDUE_DAYS``) or more days late,
counted in its hub's time zone from the first meeting day after its last sync (a day its
hub's ensembles meet: their schedules, first and last days, the terms for those that
follow them): that day, then each office day (Monday to Friday) after it, today included,
the closure days the laptops synced left out. A Tuesday/Thursday hub that did not sync
after Tuesday's class is late on Wednesday, and not at all on Monday; a Saturday hub that
missed Saturday's sync is late on Monday; between terms nobody is. While the server knows
no ensemble of a hub it counts Monday to Friday: a hub that met on Friday and did not sync
is late by Monday morning; after a holiday Monday, by Tuesday.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from harmony_sync.server.admin.health import build_report, school_days_since
from harmony_sync.server.cli import main
from tests.server.console import Console, signed_in
from tests.server.fakes import Laptop, new_id

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
WED, THU, FRI, SAT, SUN, MON, TUE = (date(2026, 11, d) for d in range(18, 25))


@pytest.mark.parametrize(
    ("last", "today", "closed", "expected"),
    [
        (WED, WED, (), 0),  # synced today
        (WED, THU, (), 1),  # Thursday has begun
        (WED, FRI, (), 2),  # Thursday and Friday: Wednesday was 2 school days ago
        (THU, FRI, (), 1),  # Friday evening after a Thursday sync
        (THU, SAT, (), 1),  # the weekend adds nothing
        (THU, SUN, (), 1),
        (THU, MON, (), 2),  # Monday morning: Friday, and Monday itself
        (FRI, MON, (), 1),  # synced Friday evening: only Monday
        (FRI, TUE, (), 2),
        (THU, MON, (MON,), 1),  # a holiday Monday is not a school day
        (THU, TUE, (MON,), 2),  # ... so the Tuesday after it is the second
        (THU, MON, (FRI,), 1),  # nor is a closed Friday
        (THU, MON, (SAT, WED), 2),  # closures on a weekend or before the sync change nothing
        (WED, date(2026, 12, 2), (), 10),  # two weeks: Thu, Fri, 5, Mon, Tue, Wed
        (WED, date(2026, 11, 10), (), 0),  # a clock before the sync
    ],
)
def test_school_days_since(
    last: date, today: date, closed: tuple[date, ...], expected: int
) -> None:
    assert school_days_since(last, today, set(closed)) == expected


def pacific(day: date, hour: int, minute: int = 0) -> datetime:
    """``day`` at ``hour`` in Los Angeles, as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOS_ANGELES).astimezone(UTC)


def at(console: Console, moment: datetime) -> tuple[bool, int | None, bool, int | None]:
    """The laptop's and its hub's (overdue, school days ago) at ``moment``."""
    console.clock.now = moment
    report = build_report(console.engine, console.settings)
    [device] = [d for d in report.devices if not d.data_manager]
    [hub] = [h for h in report.hubs if h.active_devices]
    return device.overdue, device.school_days_silent, hub.overdue, hub.school_days_silent


def a_hub_in_los_angeles(engine: Engine, hubs, closed: list[tuple[str | None, date]]):
    """North Park in Los Angeles, whose laptop last synced on Thursday at 19:00 there
    (Friday 03:00 UTC), and the closure days given (hub id, or None for the programme)."""
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    console.clock.now = pacific(THU, 19)
    assert console.clock.now == datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    rows = [
        laptop.mutation(
            "hub", north, north, {"name": "North Park", "timezone": "America/Los_Angeles"}
        )
    ]
    rows += [
        laptop.mutation("closure", new_id(), hub, {"date": day.isoformat(), "reason": "Holiday"})
        for hub, day in closed
        if hub is not None
    ]
    programme_wide = [day for hub, day in closed if hub is None]
    if programme_wide:  # only a data manager writes those
        manager = Laptop(console.client(), engine, [], data_manager=True)
        manager.push(
            [
                manager.mutation(
                    "closure", new_id(), None, {"date": d.isoformat(), "reason": "Holiday"}
                )
                for d in programme_wide
            ]
        )
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    laptop.push(rows)
    laptop.pull_all()
    console.flush()
    return console


def test_a_laptop_silent_since_thursday_evening_is_late_on_monday_morning(
    engine: Engine, hubs
) -> None:
    console = a_hub_in_los_angeles(engine, hubs, [])
    assert at(console, pacific(FRI, 19)) == (False, 1, False, 1)  # Friday evening
    # Sunday night in Los Angeles is Monday in UTC: still the weekend there
    assert at(console, pacific(SUN, 23, 30)) == (False, 1, False, 1)
    assert at(console, pacific(MON, 0, 5)) == (True, 2, True, 2)  # Monday has begun
    assert at(console, pacific(MON, 8)) == (True, 2, True, 2)  # Monday morning
    report = build_report(engine, console.settings)
    [device] = report.overdue
    # the server knows no ensemble of North Park: Monday to Friday, and it says so
    assert (device.days_counted, report.hubs[0].days_counted) == ("weekdays", "weekdays")
    assert device.reasons(console.settings) == [
        "overdue: last synced 2 school days ago, Monday to Friday, as the server knows no "
        "ensemble of its hub yet (flagged at 2 or more)"
    ]
    admin, _ = signed_in(console, "ana")
    page = admin.get("/admin?lang=es").text
    assert (
        "atrasado: se sincronizó por última vez hace 2 días de clases, de lunes a viernes, "
        "porque el servidor aún no conoce ninguna agrupación de su sede (se marca a partir de 2)"
    ) in page
    assert "Un dispositivo se marca cuando lleva 2 o más días de atraso" in page
    hubs_page = admin.get("/admin/hubs?lang=es").text
    assert (
        "última sincronización hace 2 días de clases, de lunes a viernes, porque el servidor "
        "aún no conoce ninguna agrupación de esta sede (se marca a partir de 2)"
    ) in hubs_page
    english = admin.get("/admin/hubs?lang=en").text
    assert (
        "last sync 2 school days ago, Monday to Friday, as the server knows no ensemble of "
        "this hub yet (flagged at 2 or more)"
    ) in english


def test_after_a_holiday_monday_the_laptop_is_late_on_tuesday(engine: Engine, hubs) -> None:
    north, south = hubs
    # the hub's own closure on Monday, another hub's on Tuesday (not this hub's)
    console = a_hub_in_los_angeles(engine, hubs, [(north, MON), (south, TUE)])
    assert at(console, pacific(MON, 8)) == (False, 1, False, 1)
    assert at(console, pacific(TUE, 8)) == (True, 2, True, 2)


def test_a_programme_wide_closure_counts_for_every_hub(engine: Engine, hubs) -> None:
    console = a_hub_in_los_angeles(engine, hubs, [(None, FRI)])
    assert at(console, pacific(MON, 8)) == (False, 1, False, 1)
    assert at(console, pacific(TUE, 8)) == (True, 2, True, 2)


# -- the days a hub meets -------------------------------------------------------------

TUE_THU = [
    {"weekday": 1, "start": "15:30", "end": "17:00"},
    {"weekday": 3, "start": "15:30", "end": "17:00"},
]


def ensemble(schedule: list[dict[str, object]], **values: object) -> dict[str, object]:
    """An ensemble row's values: a name, its schedule as the laptop stores it (JSON text)."""
    return {"name": "Strings", "schedule": json.dumps(schedule), **values}


def a_hub_that_meets(
    engine: Engine,
    hub_ids: list[str],
    ensembles: list[tuple[str, dict[str, object]]],
    programme: list[tuple[str, dict[str, object]]] = (),  # type: ignore[assignment]
    synced: datetime | None = None,
    closed: tuple[date, ...] = (),
) -> Console:
    """One laptop for ``hub_ids`` (all in Los Angeles), which syncs ``ensembles`` (hub id,
    values) at ``synced`` (Thursday 19 November, 19:00 there, unless told); a data
    manager's laptop syncs the ``programme`` rows (years, terms) a minute before; the first
    hub is closed on the days ``closed``."""
    console = Console(engine)
    console.clock.now = (synced or pacific(THU, 19)) - timedelta(minutes=1)
    if programme:
        manager = Laptop(console.client(), engine, [], data_manager=True)
        manager.push([manager.mutation(t, new_id(), None, v) for t, v in programme])
    console.clock.now = synced or pacific(THU, 19)
    laptop = Laptop(console.client(), engine, hub_ids)
    rows = [
        laptop.mutation("hub", h, h, {"name": f"Hub {h[:4]}", "timezone": "America/Los_Angeles"})
        for h in hub_ids
    ]
    rows += [laptop.mutation("ensemble", new_id(), h, v) for h, v in ensembles]
    rows += [
        laptop.mutation("closure", new_id(), hub_ids[0], {"date": d.isoformat(), "reason": "Park"})
        for d in closed
    ]
    laptop.push(rows)
    laptop.pull_all()
    console.flush()
    return console


def test_a_tuesday_thursday_hub_is_late_only_when_it_missed_a_class(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = a_hub_that_meets(engine, [north], [(north, ensemble(TUE_THU))])
    assert at(console, pacific(FRI, 19)) == (False, 0, False, 0)
    assert at(console, pacific(MON, 8)) == (False, 0, False, 0)  # the weekday rule said 2
    assert at(console, pacific(TUE, 8)) == (False, 1, False, 1)  # Tuesday's class
    assert at(console, pacific(TUE, 23, 55)) == (False, 1, False, 1)
    wednesday = pacific(date(2026, 11, 25), 0, 5)
    assert at(console, wednesday) == (True, 2, True, 2)  # Tuesday unsynced, Wednesday begun
    report = build_report(engine, console.settings)
    [device] = report.overdue
    assert device.days_counted == "meetings"
    assert device.missed_meeting == TUE
    assert device.reasons(console.settings) == [
        "overdue: its meeting on Tue 24 Nov has not synced: 2 days late, that day and the "
        "office days since (flagged at 2 or more)"
    ]
    admin, _ = signed_in(console, "ana")
    page = admin.get("/admin?lang=es").text
    assert (
        "atrasado: su reunión del mar 24 de nov no se ha sincronizado: 2 días de atraso, ese "
        "día y los días hábiles desde entonces (se marca a partir de 2)"
    ) in page
    assert "Un dispositivo se marca cuando lleva 2 o más días de atraso" in page
    assert "its meeting on Tue 24 Nov has not synced: 2 days late (flagged at 2 or more)" in (
        admin.get("/admin/hubs?lang=en").text
    )
    assert (
        "su reunión del mar 24 de nov no se ha sincronizado: 2 días de atraso (se marca a "
        "partir de 2)"
    ) in admin.get("/admin/hubs?lang=es").text


def test_a_saturday_hub_that_missed_saturday_is_late_on_monday(engine: Engine, hubs) -> None:
    # Saturdays only; the laptop synced after Saturday 21 November's class, then nothing.
    north, _ = hubs
    saturday = [{"weekday": 5, "start": "09:00", "end": "12:00"}]
    console = a_hub_that_meets(
        engine, [north], [(north, ensemble(saturday))], synced=pacific(SAT, 13)
    )
    assert at(console, pacific(date(2026, 11, 27), 19)) == (False, 0, False, 0)  # Friday
    assert at(console, pacific(date(2026, 11, 28), 13)) == (False, 1, False, 1)  # class, no sync
    assert at(console, pacific(date(2026, 11, 29), 23, 55)) == (False, 1, False, 1)  # Sunday
    monday = pacific(date(2026, 11, 30), 0, 5)
    assert at(console, monday) == (True, 2, True, 2)  # the office's first day: flagged
    assert at(console, pacific(date(2026, 12, 4), 8)) == (True, 6, True, 6)  # all week


def test_a_break_between_ensembles_flags_nobody(engine: Engine, hubs) -> None:
    # No terms set up: the fall ensemble's last day is Friday 18 December, the winter one
    # starts on Monday 11 January; the laptop synced after the last fall class.
    north, _ = hubs
    weekdays = [{"weekday": d, "start": "15:30", "end": "17:00"} for d in range(5)]
    fall = ensemble(weekdays, first_day="2026-09-01", last_day="2026-12-18")
    winter = ensemble(weekdays, first_day="2027-01-11", follows_terms=True)  # no terms: all year
    console = a_hub_that_meets(
        engine, [north], [(north, fall), (north, winter)], synced=pacific(date(2026, 12, 18), 18)
    )
    assert at(console, pacific(date(2026, 12, 22), 8)) == (False, 0, False, 0)
    assert at(console, pacific(date(2027, 1, 8), 8)) == (False, 0, False, 0)  # three weeks on
    assert at(console, pacific(date(2027, 1, 11), 8)) == (False, 1, False, 1)
    assert at(console, pacific(date(2027, 1, 12), 8)) == (True, 2, True, 2)


def test_an_ensemble_that_follows_the_terms_rests_between_them(engine: Engine, hubs) -> None:
    # Monday/Wednesday, following the terms: fall ends Friday 18 December, spring starts
    # Monday 11 January. Synced after Wednesday 16 December's class.
    north, _ = hubs
    monday_wednesday = [
        {"weekday": 0, "start": "15:30", "end": "17:00"},
        {"weekday": 2, "start": "15:30", "end": "17:00"},
    ]
    year = {"label": "2026-27", "first_day": "2026-08-01", "last_day": "2027-06-15"}
    fall = {
        "year_label": "2026-27",
        "name": "Fall",
        "first_day": "2026-08-17",
        "last_day": "2026-12-18",
    }
    spring = {
        "year_label": "2026-27",
        "name": "Spring",
        "first_day": "2027-01-11",
        "last_day": "2027-05-28",
    }
    console = a_hub_that_meets(
        engine,
        [north],
        [(north, ensemble(monday_wednesday, follows_terms=True))],
        [("programme_year", year), ("term", fall), ("term", spring)],
        synced=pacific(date(2026, 12, 16), 19),
    )
    assert at(console, pacific(date(2026, 12, 21), 8)) == (False, 0, False, 0)  # out of term
    assert at(console, pacific(date(2027, 1, 6), 8)) == (False, 0, False, 0)
    assert at(console, pacific(date(2027, 1, 11), 8)) == (False, 1, False, 1)  # Monday 11th
    assert at(console, pacific(date(2027, 1, 12), 8)) == (True, 2, True, 2)  # and Tuesday


def test_a_schedule_change_counts_each_meeting_while_in_effect(engine: Engine, hubs) -> None:
    # Monday, Wednesday and Friday until Friday 20 November; from Saturday 21st, Thursday only
    north, _ = hubs
    until = [
        {"weekday": d, "start": "15:30", "end": "17:00", "until": "2026-11-20"} for d in (0, 2, 4)
    ]
    after = [{"weekday": 3, "start": "16:00", "end": "17:30", "from": "2026-11-21"}]
    console = a_hub_that_meets(
        engine, [north], [(north, ensemble(until + after))], synced=pacific(FRI, 19)
    )  # after Friday's class
    assert at(console, pacific(MON, 8)) == (False, 0, False, 0)  # no Monday class any more
    assert at(console, pacific(date(2026, 11, 25), 8)) == (False, 0, False, 0)  # nor Wednesday
    assert at(console, pacific(date(2026, 11, 26), 8)) == (False, 1, False, 1)  # Thursday's
    assert at(console, pacific(date(2026, 11, 27), 8)) == (True, 2, True, 2)  # then Friday


def test_an_archived_ensemble_and_a_closure_take_away_their_days(engine: Engine, hubs) -> None:
    north, _ = hubs
    monday = [{"weekday": 0, "start": "15:30", "end": "17:00"}]
    console = a_hub_that_meets(
        engine,
        [north],
        [(north, ensemble(TUE_THU)), (north, ensemble(monday, archived=True))],
        closed=(TUE,),
    )
    assert at(console, pacific(MON, 8)) == (False, 0, False, 0)
    assert at(console, pacific(date(2026, 11, 26), 8)) == (False, 1, False, 1)  # Tuesday closed


def test_a_laptop_of_two_hubs_counts_the_days_either_meets(engine: Engine, hubs) -> None:
    # North Park meets Tuesday and Thursday, South School on Monday; the one laptop serving
    # both synced on Thursday evening.
    north, south = hubs
    monday = [{"weekday": 0, "start": "15:30", "end": "17:00"}]
    console = a_hub_that_meets(
        engine, [north, south], [(north, ensemble(TUE_THU)), (south, ensemble(monday))]
    )

    def judged(moment: datetime) -> tuple[int | None, bool, dict[str, int | None]]:
        console.clock.now = moment
        report = build_report(engine, console.settings)
        [device] = [d for d in report.devices if not d.data_manager]
        return (
            device.school_days_silent,
            device.overdue,
            {h.id: h.school_days_silent for h in report.hubs if h.active_devices},
        )

    assert judged(pacific(MON, 8)) == (1, False, {north: 0, south: 1})
    # Tuesday: the laptop missed South's Monday, and Tuesday is an office day since; North
    # missed only its Tuesday (begun), South its Monday and then Tuesday
    assert judged(pacific(TUE, 8)) == (2, True, {north: 1, south: 2})


def test_a_sync_before_the_days_meeting_does_not_carry_it(engine: Engine, hubs) -> None:
    # Saturdays 9:00–12:00; the laptop synced at 8:00 that Saturday, before the class
    north, _ = hubs
    saturday = [{"weekday": 5, "start": "09:00", "end": "12:00"}]
    console = a_hub_that_meets(
        engine, [north], [(north, ensemble(saturday))], synced=pacific(SAT, 8)
    )
    assert at(console, pacific(SAT, 13)) == (False, 1, False, 1)  # the class, not synced
    assert at(console, pacific(MON, 0, 5)) == (True, 2, True, 2)
    [device] = build_report(engine, console.settings).overdue
    assert device.missed_meeting == SAT


@pytest.mark.parametrize(
    "synced",
    [
        datetime(2026, 11, 23, 23, 59, tzinfo=LOS_ANGELES),  # Monday, last minute
        datetime(2026, 11, 24, 0, 1, tzinfo=LOS_ANGELES),  # Tuesday, first minute
        datetime(2026, 11, 24, 16, 0, tzinfo=LOS_ANGELES),  # Tuesday, during the class
    ],
)
def test_a_sync_either_side_of_midnight_before_tuesdays_class_misses_it(
    engine: Engine, hubs, synced: datetime
) -> None:
    # Tuesday and Thursday 15:30–17:00: each of these syncs came before Tuesday's class ended
    north, _ = hubs
    console = a_hub_that_meets(engine, [north], [(north, ensemble(TUE_THU))], synced=synced)
    assert at(console, pacific(TUE, 20)) == (False, 1, False, 1)
    assert at(console, pacific(date(2026, 11, 25), 0, 5)) == (True, 2, True, 2)
    [device] = build_report(engine, console.settings).overdue
    assert device.missed_meeting == TUE


# -- a hub that meets on no day: Monday to Friday ----------------------------------------

NEXT_TUE = date(2026, 11, 24)


def hub_row(report, hub_id: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A hub as ``admin health --json`` gives it."""
    [found] = [h for h in report.as_dict()["hubs"] if h["id"] == hub_id]
    return found


def test_a_hub_whose_ensembles_are_all_archived_counts_monday_to_friday(
    engine: Engine, hubs
) -> None:
    # Both of North Park's ensembles are archived: it meets on no day, so its laptop,
    # which still holds roster and contact changes, was "current" however long it was
    # silent. Last synced on Wednesday 18 November, 19:00 there.
    north, _ = hubs
    monday = [{"weekday": 0, "start": "15:30", "end": "17:00"}]
    console = a_hub_that_meets(
        engine,
        [north],
        [
            (north, ensemble(TUE_THU, archived=True)),
            (north, ensemble(monday, archived=True)),
        ],
        synced=pacific(WED, 19),
    )
    assert at(console, pacific(WED, 23)) == (False, 0, False, 0)
    assert at(console, pacific(THU, 8)) == (False, 1, False, 1)  # Thursday has begun
    assert at(console, pacific(FRI, 8)) == (True, 2, True, 2)  # Thursday and Friday
    assert at(console, pacific(SUN, 20)) == (True, 2, True, 2)  # the weekend adds nothing
    # the next Tuesday: Thursday, Friday, Monday and Tuesday
    assert at(console, pacific(NEXT_TUE, 9)) == (True, 4, True, 4)
    report = build_report(engine, console.settings)
    [device] = report.overdue
    assert (device.days_counted, device.weekdays_because) == ("weekdays", "ensembles_archived")
    assert device.missed_meeting == THU  # the first office day after the sync
    assert device.reasons(console.settings) == [
        "overdue: last synced 4 school days ago, Monday to Friday, as every ensemble of its "
        "hub is archived (flagged at 2 or more)"
    ]
    # admin health --json: the same field, the same value as for a hub without ensembles,
    # and why, in a field of its own and in words
    hub = hub_row(report, north)
    assert (hub["days_counted"], hub["weekdays_because"], hub["school_days_silent"]) == (
        "weekdays",
        "ensembles_archived",
        4,
    )
    assert hub["days_counted_words"] == (
        "Days late counted Monday to Friday after the last sync, less closure days: every "
        "ensemble of the hub is archived, so it meets on no day."
    )
    [as_json] = [d for d in report.as_dict()["devices"] if d["key"] == device.key]
    assert (as_json["days_counted"], as_json["weekdays_because"]) == (
        "weekdays",
        "ensembles_archived",
    )
    assert as_json["flags"] == device.reasons(console.settings)
    admin, _ = signed_in(console, "ana")
    assert (
        "last sync 4 school days ago, Monday to Friday, as every ensemble of this hub is "
        "archived (flagged at 2 or more)"
    ) in admin.get("/admin/hubs?lang=en").text
    assert (
        "última sincronización hace 4 días de clases, de lunes a viernes, porque todas las "
        "agrupaciones de esta sede están archivadas (se marca a partir de 2)"
    ) in admin.get("/admin/hubs?lang=es").text
    assert (
        "atrasado: se sincronizó por última vez hace 4 días de clases, de lunes a viernes, "
        "porque todas las agrupaciones de su sede están archivadas (se marca a partir de 2)"
    ) in admin.get("/admin?lang=es").text


def test_an_archived_hubs_closure_day_is_not_counted(engine: Engine, hubs) -> None:
    # As above, and the park is closed on Monday 23 November: on Tuesday, Thursday, Friday
    # and Tuesday count, 3 days late; on that Monday it is still 2, as on Friday.
    north, _ = hubs
    console = a_hub_that_meets(
        engine,
        [north],
        [(north, ensemble(TUE_THU, archived=True))],
        synced=pacific(WED, 19),
        closed=(MON,),
    )
    assert at(console, pacific(MON, 12)) == (True, 2, True, 2)
    assert at(console, pacific(NEXT_TUE, 9)) == (True, 3, True, 3)


def test_a_hub_whose_ensembles_have_ended_counts_monday_to_friday(engine: Engine, hubs) -> None:
    # North Park's only ensemble met on Tuesday and Thursday until Thursday 19 November,
    # its last day, and nothing follows it; the laptop synced that evening after the class.
    north, _ = hubs
    ended = ensemble(TUE_THU, first_day="2026-09-01", last_day="2026-11-19")
    console = a_hub_that_meets(engine, [north], [(north, ended)], synced=pacific(THU, 19))
    assert at(console, pacific(FRI, 19)) == (False, 1, False, 1)  # Friday
    assert at(console, pacific(MON, 8)) == (True, 2, True, 2)  # Friday, Monday
    assert at(console, pacific(NEXT_TUE, 9)) == (True, 3, True, 3)
    report = build_report(engine, console.settings)
    [device] = report.overdue
    assert device.weekdays_because == "no_meetings"
    assert device.reasons(console.settings) == [
        "overdue: last synced 3 school days ago, Monday to Friday, as no ensemble of its hub "
        "meets after that sync (flagged at 2 or more)"
    ]
    assert hub_row(report, north)["weekdays_because"] == "no_meetings"
    admin, _ = signed_in(console, "ana")
    assert (
        "última sincronización hace 3 días de clases, de lunes a viernes, porque ninguna "
        "agrupación de esta sede se reúne después de esa sincronización (se marca a partir "
        "de 2)"
    ) in admin.get("/admin/hubs?lang=es").text


def test_a_sync_before_the_last_class_of_an_ensemble_misses_that_class(
    engine: Engine, hubs
) -> None:
    # As above, but the laptop synced at 8:00 on that Thursday, before the last class:
    # that class has not synced, so it is counted by meetings, from Thursday.
    north, _ = hubs
    ended = ensemble(TUE_THU, first_day="2026-09-01", last_day="2026-11-19")
    console = a_hub_that_meets(engine, [north], [(north, ended)], synced=pacific(THU, 8))
    assert at(console, pacific(FRI, 19)) == (True, 2, True, 2)  # Thursday, Friday
    [device] = build_report(engine, console.settings).overdue
    assert (device.days_counted, device.missed_meeting) == ("meetings", THU)


def test_an_ensemble_without_a_weekly_meeting_counts_monday_to_friday(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = a_hub_that_meets(engine, [north], [(north, ensemble([]))], synced=pacific(WED, 19))
    assert at(console, pacific(NEXT_TUE, 9)) == (True, 4, True, 4)
    assert build_report(engine, console.settings).overdue[0].weekdays_because == "no_meetings"


def test_a_hub_meeting_again_after_a_break_still_rests(engine: Engine, hubs) -> None:
    # The Tuesday/Thursday ensemble is archived, and a new one starts on Monday 11 January:
    # the hub meets again, so the break between them flags nobody (weekday-counting it
    # would flag it from Friday on)
    north, _ = hubs
    monday = [{"weekday": 0, "start": "15:30", "end": "17:00"}]
    console = a_hub_that_meets(
        engine,
        [north],
        [
            (north, ensemble(TUE_THU, archived=True)),
            (north, ensemble(monday, first_day="2027-01-11")),
        ],
        synced=pacific(WED, 19),
    )
    assert at(console, pacific(NEXT_TUE, 9)) == (False, 0, False, 0)
    assert at(console, pacific(date(2027, 1, 11), 18)) == (False, 1, False, 1)
    report = build_report(engine, console.settings)
    assert report.devices[0].days_counted == "meetings"
    assert hub_row(report, north)["weekdays_because"] is None


def test_a_hub_that_knows_no_ensemble_says_why_in_json(engine: Engine, hubs) -> None:
    console = a_hub_in_los_angeles(engine, hubs, [])
    console.clock.now = pacific(MON, 8)
    report = build_report(engine, console.settings)
    hub = hub_row(report, hubs[0])
    assert (hub["days_counted"], hub["weekdays_because"], hub["timezone"]) == (
        "weekdays",
        "no_ensembles",
        "America/Los_Angeles",
    )
    assert hub["days_counted_words"] == (
        "Days late counted Monday to Friday after the last sync, less closure days: the "
        "server knows no ensemble of the hub yet."
    )


def test_admin_health_says_how_an_archived_hubs_days_are_counted(
    engine: Engine, hubs, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    north, _ = hubs
    a_hub_that_meets(
        engine, [north], [(north, ensemble(TUE_THU, archived=True))], synced=pacific(WED, 19)
    )
    url = ["--database-url", database_url]
    monkeypatch.setenv("HARMONY_SYNC_NOW", pacific(WED, 21).isoformat())  # that evening
    assert main(["admin", "health", *url]) == 0
    lines = capsys.readouterr().out.splitlines()
    [north_line] = [n for n, line in enumerate(lines) if line.startswith("North Park: all 1 ")]
    assert lines[north_line + 1] == (
        "  Days late counted Monday to Friday after the last sync, less closure days: every "
        "ensemble of the hub is archived, so it meets on no day."
    )
    # its sync in its own zone (Los Angeles), named: the console's is UTC
    assert lines[north_line + 2].endswith(": synced Wed 18 Nov 19:00 PST")
    monkeypatch.setenv("HARMONY_SYNC_NOW", pacific(NEXT_TUE, 9).isoformat())
    assert main(["admin", "health", "--json", *url]) == 1
    data = json.loads(capsys.readouterr().out)
    [device] = data["devices"]
    assert (device["school_days_silent"], device["days_counted"]) == (4, "weekdays")
    assert (device["weekdays_because"], device["timezone"]) == (
        "ensembles_archived",
        "America/Los_Angeles",
    )
