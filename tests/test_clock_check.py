"""The register's check that this computer's clock is behind what its database already
recorded: the threshold on both sides, and each record it counts (this laptop's own
changes, changes pulled from another laptop, the last successful sync)."""

from __future__ import annotations

import datetime as dt
import uuid

from harmony_desktop.services.clock_check import (
    BEHIND_AFTER,
    FAR_AHEAD_AFTER,
    ClockCheck,
    is_behind,
)
from harmony_desktop.store import Store
from harmony_desktop.store import settings as local
from harmony_desktop.store.models import Hub
from harmony_desktop.store.replica import Replica

UTC = dt.UTC


def ms(moment: dt.datetime) -> int:
    """``moment`` in milliseconds since the epoch."""
    return int(moment.timestamp() * 1000)


#: The last change made on this laptop: Thursday 3 December 2026, 16:45 UTC.
RECORDED = dt.datetime(2026, 12, 3, 16, 45, tzinfo=UTC)
#: A dead battery's date.
Y2K = dt.datetime(2000, 1, 1, 0, 5, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)


def test_the_threshold_is_two_days_and_only_behind_counts() -> None:
    assert dt.timedelta(hours=48) == BEHIND_AFTER
    recorded = ms(RECORDED)
    # 26 hours behind: a time zone set wrong, the local time typed in by hand.
    assert not is_behind(ms(RECORDED - 26 * HOUR), recorded)
    assert not is_behind(ms(RECORDED - 48 * HOUR), recorded)  # exactly two days: not yet
    assert is_behind(ms(RECORDED - 48 * HOUR) - 1, recorded)  # a millisecond more
    assert is_behind(ms(Y2K), recorded)
    # Ahead, however far (a laptop unused for months), is never behind.
    assert not is_behind(ms(RECORDED + dt.timedelta(days=300)), recorded)
    assert not is_behind(ms(RECORDED), recorded)
    assert not is_behind(ms(Y2K), None)  # nothing recorded yet: nothing to compare


def _write_at(store: Store, moment: dt.datetime) -> None:
    store.wall = lambda: ms(moment)
    with store.write() as w:
        w.insert(Hub(name="North Park"))


def test_a_change_made_here_dates_the_database(store: Store) -> None:
    assert ClockCheck(store).behind() is None  # a new database records nothing yet
    _write_at(store, RECORDED)
    check = ClockCheck(store)
    assert check.newest_recorded_ms() == ms(RECORDED)
    store.wall = lambda: ms(Y2K)
    found = check.behind()
    assert found is not None
    assert found.now == Y2K
    assert found.recorded == RECORDED
    assert found.behind == RECORDED - Y2K
    assert found.now.tzinfo is not None  # local time, with its offset, for the band


def test_a_correct_clock_is_never_behind(store: Store) -> None:
    _write_at(store, RECORDED)
    check = ClockCheck(store)
    for now in (
        RECORDED + 2 * HOUR,  # the same afternoon
        RECORDED + dt.timedelta(days=200),  # back after the summer
        RECORDED - 26 * HOUR,  # a time zone mistake on this or the other laptop
        RECORDED - BEHIND_AFTER,
    ):
        store.wall = lambda now=now: ms(now)  # type: ignore[misc]
        assert check.behind() is None, now
    store.wall = lambda: ms(RECORDED - BEHIND_AFTER) - 60_000  # a minute more: behind
    assert check.behind() is not None


def test_the_band_stays_while_changes_are_made_on_the_wrong_date(store: Store) -> None:
    # The clock never turns back: changes made at 2000-01-01 still record 3 December.
    _write_at(store, RECORDED)
    _write_at(store, Y2K)
    found = ClockCheck(store).behind()
    assert found is not None and found.recorded == RECORDED


def test_changes_pulled_from_another_laptop_count(store: Store) -> None:
    _write_at(store, dt.datetime(2026, 9, 1, 15, tzinfo=UTC))  # used here in September
    pulled_at = dt.datetime(2026, 12, 4, 18, 30, tzinfo=UTC)  # another laptop, December
    hub = str(uuid.UUID(int=7))
    clock = f"{ms(pulled_at):015d}-00000-00000000000000aa"
    Replica(store, wall=lambda: ms(pulled_at)).apply_page(
        [
            {
                "table": "hub",
                "id": hub,
                "hub_id": hub,
                "values": {"name": "South Hub", "deleted": False},
                "clocks": {"name": clock, "deleted": clock},
            }
        ],
        [],
        1,
    )
    store.wall = lambda: ms(dt.datetime(2026, 10, 1, tzinfo=UTC))  # the BIOS date
    found = ClockCheck(store).behind()
    assert found is not None and found.recorded == pulled_at


def test_the_last_successful_sync_counts(store: Store) -> None:
    _write_at(store, dt.datetime(2026, 9, 1, 15, tzinfo=UTC))
    synced = dt.datetime(2026, 12, 4, 19, 2, 7, tzinfo=UTC)
    store.settings.set(local.SYNC_LAST_SUCCESS, synced)
    store.wall = lambda: ms(Y2K)
    found = ClockCheck(store).behind()
    assert found is not None and found.recorded == synced


def test_only_a_clock_behind_the_last_sync_is_certainly_wrong(store: Store) -> None:
    # Changes stamped 3 December (this laptop's year was mistyped, or another's clock
    # ran ahead); the last sync, whose clock the server found right, on 1 October.
    _write_at(store, RECORDED)
    store.settings.set(local.SYNC_LAST_SUCCESS, dt.datetime(2026, 10, 1, 15, tzinfo=UTC))
    check = ClockCheck(store)
    store.wall = lambda: ms(dt.datetime(2026, 10, 20, 9, tzinfo=UTC))  # after that sync
    found = check.behind()
    assert found is not None and not found.certain  # may be right: the stamps ahead
    store.wall = lambda: ms(dt.datetime(2026, 9, 29, 14, 59, tzinfo=UTC))  # 2 days + 1 min
    found = check.behind()
    assert found is not None and found.certain
    store.wall = lambda: ms(Y2K)
    found = check.behind()
    assert found is not None and found.certain


# -- a clock ahead -------------------------------------------------------------------------

#: The sync server's clock when this laptop last reached it: Friday 4 December 2026, 19:00.
SERVER = dt.datetime(2026, 12, 4, 19, 0, tzinfo=UTC)
DAY = dt.timedelta(days=1)


def _seen(store: Store, server: dt.datetime, here: dt.datetime) -> None:
    """The sync compared the server's clock (``server``) with this one's (``here``)."""
    store.settings.set(local.SYNC_CLOCK_SEEN, {"server_ms": ms(server), "here_ms": ms(here)})


def test_the_far_threshold_is_ten_months() -> None:
    # more than a summer and a term without a network (about 7 months), less than a
    # mistyped year (365 days at least past the last time the server vouched for)
    assert dt.timedelta(days=300) == FAR_AHEAD_AFTER
    assert dt.timedelta(days=215) < FAR_AHEAD_AFTER < dt.timedelta(days=365)


def test_a_clock_the_server_found_a_year_ahead_is_certainly_ahead_until_set_right(
    store: Store,
) -> None:
    """A year mistyped at home, the sync refused; then three days in a park without a
    network: the register still knows the date is a year ahead."""
    _write_at(store, SERVER - DAY)  # marks taken the day before, the clock right then
    _seen(store, SERVER, SERVER + 365 * DAY)
    check = ClockCheck(store)
    store.wall = lambda: ms(
        SERVER + 365 * DAY + 3 * DAY - 3 * HOUR
    )  # Tuesday 7 December 2027, 16:00
    found = check.ahead()
    assert found is not None and found.certain
    assert found.now == dt.datetime(2027, 12, 7, 16, tzinfo=UTC)
    assert found.server == SERVER
    assert found.by == 365 * DAY
    assert found.probably == dt.datetime(2026, 12, 7, 16, tzinfo=UTC)
    assert check.behind() is None  # its own marks follow it: nothing is behind
    # the clock is set right (back before the reading the server found ahead)
    store.wall = lambda: ms(dt.datetime(2026, 12, 7, 16, tzinfo=UTC))
    assert check.ahead() is None


def test_two_days_ahead_is_ahead_and_minutes_on_the_right_day_are_not(store: Store) -> None:
    check = ClockCheck(store)
    _seen(store, SERVER, SERVER + 2 * DAY)
    store.wall = lambda: ms(SERVER + 2 * DAY + HOUR)
    found = check.ahead()
    assert found is not None and found.certain and found.by == 2 * DAY
    # 20 minutes ahead at 16:00: the sync refuses it (and says so), but the date is
    # right: marks land on the right day, so the register says nothing
    afternoon = dt.datetime(2026, 12, 4, 16, tzinfo=UTC)
    _seen(store, afternoon, afternoon + 20 * dt.timedelta(minutes=1))
    store.wall = lambda: ms(afternoon + dt.timedelta(minutes=21))
    assert check.ahead() is None
    # ... and 4 minutes ahead is within what the sync allows
    _seen(store, SERVER, SERVER + 4 * dt.timedelta(minutes=1))
    store.wall = lambda: ms(SERVER + DAY)
    assert check.ahead() is None


def test_a_clock_the_server_found_right_is_never_ahead_in_the_park(store: Store) -> None:
    """The sync agreed with the server's clock; then weeks, months without a network:
    nothing is said (a false alarm in a park teaches people to ignore the band)."""
    _seen(store, SERVER, SERVER + dt.timedelta(seconds=2))
    store.settings.set(local.SYNC_LAST_SUCCESS, SERVER)
    check = ClockCheck(store)
    for later in (HOUR, 3 * 7 * DAY, 215 * DAY, 300 * DAY):
        store.wall = lambda later=later: ms(SERVER + later)
        assert check.ahead() is None, later
    store.wall = lambda: ms(SERVER + 300 * DAY + dt.timedelta(milliseconds=1))
    found = check.ahead()
    assert found is not None and not found.certain and found.server == SERVER


def test_a_year_past_the_last_sync_alone_asks(store: Store) -> None:
    """No comparison kept (an older version synced): the last successful sync is the
    moment the server vouched for."""
    synced = dt.datetime(2026, 1, 10, 18, tzinfo=UTC)
    store.settings.set(local.SYNC_LAST_SUCCESS, synced)
    _write_at(store, synced + 365 * DAY)  # its own marks, a year on, prove nothing
    found = ClockCheck(store).ahead()
    assert found is not None and not found.certain
    assert found.server == synced and found.now == synced + 365 * DAY


def test_nothing_to_compare_says_nothing(store: Store) -> None:
    """A laptop set up alone, never synced: however far its clock, nothing is said and
    nothing stops the roll."""
    _write_at(store, dt.datetime(2099, 9, 1, tzinfo=UTC))
    assert ClockCheck(store).ahead() is None


class Counter:
    """A clock nobody sets (the time since this computer started), moved by hand."""

    def __init__(self) -> None:
        self.ms = 40 * 60 * 1000  # started 40 minutes ago

    def __call__(self) -> int:
        return self.ms

    def wait(self, span: dt.timedelta) -> None:
        self.ms += span // dt.timedelta(milliseconds=1)


def test_a_clock_turned_back_only_partly_is_still_certainly_ahead(store: Store) -> None:
    """Found a year ahead at home; in the park the teacher sets the year right but the
    month a month on: the register still knows the date is ahead, by a month now, and
    only a clock set right ends it."""
    _seen(store, SERVER, SERVER + 365 * DAY)
    check = ClockCheck(store)
    counter = Counter()
    check.counter = counter  # type: ignore[method-assign]
    store.wall = lambda: ms(SERVER + 365 * DAY + HOUR)  # an hour after the sync
    found = check.ahead()
    assert found is not None and found.certain and found.by == 365 * DAY
    assert not found.turned_back
    counter.wait(2 * HOUR)  # two hours later, 22:00 on Friday 4 December 2026 ...
    # ... the clock says Monday 4 January 2027, 22:00: the year right, the month not
    store.wall = lambda: ms(SERVER + 31 * DAY + 3 * HOUR)
    found = check.ahead()
    assert found is not None and found.certain and found.turned_back
    assert found.by == 31 * DAY
    assert found.probably == dt.datetime(2026, 12, 4, 22, tzinfo=UTC)
    assert found.server == SERVER
    counter.wait(dt.timedelta(minutes=10))
    # turned back again, a day too far on still: still ahead, by a day
    store.wall = lambda: ms(dt.datetime(2026, 12, 5, 22, 10, tzinfo=UTC))
    found = check.ahead()
    assert found is not None and found.certain and found.by == DAY
    counter.wait(dt.timedelta(minutes=5))
    # set right (a minute fast): nothing is said
    store.wall = lambda: ms(dt.datetime(2026, 12, 4, 22, 16, tzinfo=UTC))
    assert check.ahead() is None
    # set right, and then a day in the park with Harmony open: nothing either
    counter.wait(DAY)
    store.wall = lambda: ms(dt.datetime(2026, 12, 5, 22, 15, tzinfo=UTC))
    assert check.ahead() is None


def test_a_clock_turned_back_right_is_never_ahead_however_long_it_sleeps(store: Store) -> None:
    """Found two days ahead, set right at once; then the laptop sleeps a week (the
    clock nobody sets counts sleep) and wakes on the right day: nothing is said."""
    _seen(store, SERVER, SERVER + 2 * DAY)
    check = ClockCheck(store)
    counter = Counter()
    check.counter = counter  # type: ignore[method-assign]
    store.wall = lambda: ms(SERVER + 2 * DAY + dt.timedelta(minutes=1))
    assert check.ahead() is not None
    counter.wait(7 * DAY + HOUR)
    store.wall = lambda: ms(SERVER + 7 * DAY + HOUR + dt.timedelta(minutes=1))
    assert check.ahead() is None


def test_a_clock_turned_back_before_the_check_saw_it_ahead_waits_for_the_sync(
    store: Store,
) -> None:
    """Turned back while Harmony was closed (or before it looked): how much time passed
    since the sync is unknown, so only the sync's next comparison (or ten months without
    one) can say; a right clock is never called ahead on a guess."""
    _seen(store, SERVER, SERVER + 365 * DAY)
    store.wall = lambda: ms(SERVER + 31 * DAY)
    assert ClockCheck(store).ahead() is None


def test_stamps_written_ahead_do_not_call_a_clock_set_right_behind(store: Store) -> None:
    """A month ahead, the sync found it (and refused); marks were taken on that clock for
    two days. Set right, the clock is a month behind those stamps: not called behind for
    that month. A dead battery afterwards still is."""
    _seen(store, SERVER, SERVER + 30 * DAY)
    _write_at(store, SERVER + 30 * DAY + 2 * DAY)  # the last mark on the clock ahead
    store.wall = lambda: ms(SERVER + 2 * DAY + HOUR)  # set right
    check = ClockCheck(store)
    assert check.newest_recorded_ms() == ms(SERVER + 2 * DAY)
    assert check.behind() is None
    store.wall = lambda: ms(Y2K)
    found = check.behind()
    assert found is not None and found.recorded == SERVER + 2 * DAY
