"""Two laptops of one hub, one of them with its clock far ahead, against a real server:
what the correct laptop did is never lost, and the far laptop's edits win only by the
documented rule; the clock set ahead again after a reset; a clock behind while syncing
(the register's band and the sync's message agree); a correct laptop that pulled edits
stamped three days ahead (the documented false alarm) shows the band, keeps syncing,
and the band clears once real time has caught up."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_sync.client import ClockSkew
from harmony_sync.hlc import MAX_FUTURE_MS, wall_clock_ms
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import ReplicaFactory, later_millisecond, open_session, two_laptops
from tests.sync_client.test_clock_years_ahead import (
    DAY_MS,
    TWO_YEARS_MS,
    marks,
    newest_own_stamp,
)

HOUR_MS = 3_600_000


def test_the_correct_laptops_work_survives_a_far_laptops_reset_and_later_edits_win(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = two_laptops(replica, live, students=3)
    s0, s1, s2 = hub.student_ids
    session = open_session(b, hub.hub_id, hub.ensemble_id, "2026-09-14")
    b.services.roll.mark(session, s0, "P", by=None)
    b.sync.sync()
    a.sync.sync()
    # A's year is mistyped: it marks two children; its sync is refused.
    a.store.wall = lambda: wall_clock_ms() + TWO_YEARS_MS
    a.services.roll.mark(session, s0, "L", by=None)
    a.services.roll.mark(session, s1, "AE", by=None)
    with pytest.raises(ClockSkew):
        a.sync.sync()
    # B, correct, marks the same child and another one, later, and syncs.
    later_millisecond()
    b.services.roll.mark(session, s0, "AU", by=None)
    b.services.roll.mark(session, s2, "P", by=None)
    b.sync.sync()
    # A's year is fixed: its sync resets its clock. Its edits get stamps of the reset,
    # after B's (A's real time is unknown): A's "L" wins, B's "AU" is kept for review
    # on both laptops; B's other mark and A's other mark both stay.
    a.store.wall = wall_clock_ms
    report = a.sync.sync()
    assert report.clock_reset and (report.pushed, report.rejected, report.conflicts) == (2, 0, 1)
    b.sync.sync()
    assert marks(a, session) == marks(b, session) == {s0: "L", s1: "AE", s2: "P"}
    for rep in (a, b):
        (item,) = rep.review.review_items()
        assert item.kind == "conflict" and item.mark is not None
        assert (item.losing_value.code, item.winning_value.code) == ("AU", "L")
    # Later edits win by real time again, on either laptop.
    later_millisecond()
    b.services.roll.mark(session, s0, "P", by=None)
    b.sync.sync()
    a.sync.sync()
    later_millisecond()
    a.services.roll.mark(session, s1, "L", by=None)
    a.sync.sync()
    b.sync.sync()
    assert marks(a, session) == marks(b, session) == {s0: "P", s1: "L", s2: "P"}


def test_a_clock_set_far_ahead_again_after_a_reset_is_reset_again(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = two_laptops(replica, live, students=3)
    s0, s1, _s2 = hub.student_ids
    session = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
    for ahead_ms, student, code in ((TWO_YEARS_MS, s0, "P"), (3 * 365 * DAY_MS, s1, "L")):
        a.store.wall = lambda ahead_ms=ahead_ms: wall_clock_ms() + ahead_ms
        a.services.roll.mark(session, student, code, by=None)
        with pytest.raises(ClockSkew):
            a.sync.sync()
        assert a.services.clock.behind() is None  # ahead is not behind
        a.store.wall = wall_clock_ms
        # set right: the sync found it that far ahead, so its stamps ahead are explained
        # and the clock is not called behind them (services/clock_check.py)
        assert a.services.clock.behind() is None
        report = a.sync.sync()
        assert report.clock_reset and report.rejected == 0
        assert a.services.clock.behind() is None
        assert newest_own_stamp(a) < wall_clock_ms() + 60_000
    b.sync.sync()
    assert marks(a, session) == marks(b, session) == {s0: "P", s1: "L"}
    assert a.store.pending_changes() == 0 and a.review.review_items() == []


def test_a_clock_behind_the_band_and_the_sync_message_agree(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, _b, hub = two_laptops(replica, live, students=2)
    session = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
    a.services.roll.mark(session, hub.student_ids[0], "P", by=None)
    a.sync.sync()
    a.store.wall = lambda: wall_clock_ms() - 3 * DAY_MS
    behind = a.services.clock.behind()
    assert behind is not None and round(behind.behind / dt.timedelta(days=1)) == 3
    with pytest.raises(ClockSkew) as refused:
        a.sync.sync()
    assert "72.0 hours behind the sync server's" in str(refused.value)
    assert a.sync.status().last_error == str(refused.value)
    a.store.wall = wall_clock_ms
    assert a.services.clock.behind() is None
    a.sync.sync()
    assert a.sync.status().last_error is None


def test_pulled_stamps_three_days_ahead_show_the_band_on_a_correct_laptop_until_time_catches_up(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = two_laptops(replica, live, students=2)
    session = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
    a.store.wall = lambda: wall_clock_ms() + 3 * DAY_MS  # A's clock ran 3 days ahead
    a.services.roll.mark(session, hub.student_ids[0], "P", by=None)
    a.store.wall = wall_clock_ms  # fixed: its marks keep their stamps (under 400 days)
    report = a.sync.sync()
    assert not report.clock_reset and report.pushed >= 1
    assert newest_own_stamp(a) > wall_clock_ms() + 3 * DAY_MS - 60_000
    assert 3 * DAY_MS < MAX_FUTURE_MS
    b.sync.sync()
    assert marks(b, session) == {hub.student_ids[0]: "P"}
    # B's clock is right; the band shows (the documented false alarm); B still syncs,
    # and its own mark still reaches A.
    assert b.services.clock.behind() is not None
    b.services.roll.mark(session, hub.student_ids[1], "L", by=None)
    assert b.sync.sync().pushed == 1
    a.sync.sync()
    assert marks(a, session) == marks(b, session)
    # A day and a bit later the stamps are less than two days ahead: no band.
    b.store.wall = lambda: wall_clock_ms() + DAY_MS + 2 * HOUR_MS
    assert b.services.clock.behind() is None
