"""The register's check that this computer's clock is behind what its database already
recorded: the threshold on both sides, and each record it counts (this laptop's own
changes, changes pulled from another laptop, the last successful sync)."""

from __future__ import annotations

import datetime as dt
import uuid

from harmony_desktop.services.clock_check import BEHIND_AFTER, ClockCheck, is_behind
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
