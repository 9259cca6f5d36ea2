"""The overdue rule at the week's edges, as the programme office reads it.

A laptop is flagged when its last sync was 2 (``HARMONY_SYNC_OVERDUE_DAYS``) or more
school days ago, counted in its hub's time zone: Monday to Friday, today included, the
closure days the laptops synced left out. A hub that met on Friday and did not sync is
late by Monday morning; after a holiday Monday, by Tuesday morning.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from harmony_sync.server.admin.health import build_report, school_days_since
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
    assert device.reasons(console.settings) == [
        "overdue: last synced 2 school days ago (flagged at 2 or more)"
    ]
    admin, _ = signed_in(console, "ana")
    page = admin.get("/admin?lang=es").text
    assert (
        "atrasado: se sincronizó por última vez hace 2 días de clases (se marca a partir de 2)"
        in page
    )
    assert "cuando su última sincronización fue hace 2 o más días de clases" in page
    hubs_page = admin.get("/admin/hubs?lang=es").text
    assert "última sincronización hace 2 días de clases (se marca a partir de 2)" in hubs_page
    english = admin.get("/admin/hubs?lang=en").text
    assert "last sync 2 school days ago (flagged at 2 or more)" in english


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
