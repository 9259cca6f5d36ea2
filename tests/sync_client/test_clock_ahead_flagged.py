"""A laptop whose clock was set a year ahead is told so by the register, before roll,
even days later in a park without a network; and only while it is wrong.

Against a real server process, with the store's wall-clock seam: the sync at home is
refused for the clock, and the comparison is kept; three days later, with no network,
the register's check still says the date is a year ahead and what today probably is.
The clock set right, the warning goes, and the next sync (which agrees) keeps it away.
"""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.services.clock_check import ClockCheck
from harmony_sync.client import ClockSkew
from harmony_sync.hlc import wall_clock_ms
from tests.factories import make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import ReplicaFactory

DAY_MS = 86_400_000


def test_a_clock_a_year_ahead_is_flagged_in_the_park_and_cleared_once_right(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a = replica("ahead")
    hub = make_hub(a.services, students=2)
    live.add_hub("Clock Park", hub.hub_id)
    a.enroll([hub.hub_id])
    a.sync.sync()
    check = ClockCheck(a.store)
    assert check.ahead() is None  # the server agreed

    # The year is mistyped at home: the sync is refused, and the comparison kept.
    a.store.wall = lambda: wall_clock_ms() + 365 * DAY_MS
    with pytest.raises(ClockSkew):
        a.sync.sync()
    # Three days later, in the park: no network, the clock still a year ahead.
    a.store.wall = lambda: wall_clock_ms() + 368 * DAY_MS
    found = check.ahead()
    assert found is not None and found.certain
    # a year, give or take the time the comparison took: the laptop's reading is taken
    # once the server's answer is in, less half the round trip (a run saw 365 days 1 ms)
    assert dt.timedelta(days=364, hours=23) < found.by < dt.timedelta(days=365, minutes=1)
    real = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    assert abs(found.probably - real) < dt.timedelta(minutes=1)

    # The clock is set right: the warning goes, and the sync agrees again.
    a.store.wall = lambda: wall_clock_ms() + 3 * DAY_MS
    assert check.ahead() is None
    a.store.wall = wall_clock_ms
    a.sync.sync()
    assert check.ahead() is None
