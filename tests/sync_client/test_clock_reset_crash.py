"""Killing the laptop in the middle of the clock reset, or of the sync after it, leaves
nothing half-written: after a SIGKILL the database is as before the reset (or the push
is simply sent again) and the next sync delivers every mark, once.

A real program (``reset_crash_driver``) opens the laptop's data folder and hangs with its
writes made and not committed; the test kills it there, reopens the database
(integrity-checked) and compares it with a snapshot taken before.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from harmony_sync.hlc import MAX_FUTURE_MS, wall_clock_ms
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory, two_laptops
from tests.sync_client.test_clock_years_ahead import (
    mark_with_clock_two_years_ahead,
    marks,
    newest_own_stamp,
)

ROOT = Path(__file__).resolve().parents[2]


def snapshot(rep: Replica) -> dict[str, list[tuple[object, ...]]]:
    """What a reset may change: the outbox, the field clocks, review items, settings."""
    with sqlite3.connect(rep.store.path) as db:
        return {
            "outbox": db.execute("SELECT * FROM outbox ORDER BY mutation_id").fetchall(),
            "session": db.execute("SELECT id, clocks FROM session ORDER BY id").fetchall(),
            "marks": db.execute(
                "SELECT id, code, clocks FROM attendance_mark ORDER BY id"
            ).fetchall(),
            "conflict": db.execute("SELECT * FROM conflict ORDER BY id").fetchall(),
            "settings": db.execute("SELECT * FROM local_meta ORDER BY key").fetchall(),
        }


def run_and_kill(folder: Path, where: str) -> None:
    """Run the driver on ``folder`` and SIGKILL it where it hangs, mid-write."""
    env = {**os.environ, "HARMONY_TOKEN_STORE": "file", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.sync_client.reset_crash_driver", str(folder), where],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    try:
        line = proc.stdout.readline()
        assert line.strip() == "IN", f"the driver did not reach the write: {line!r}"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def test_killed_mid_reset_the_laptop_is_as_before_and_the_next_sync_resets_and_sends_all(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = two_laptops(replica, live, students=3)
    session = mark_with_clock_two_years_ahead(a, hub)
    a.store.wall = wall_clock_ms
    before = snapshot(a)
    waiting = a.store.pending_changes()
    assert waiting == 4  # the session's and the two marks'

    run_and_kill(a.folder, "reset")

    a.reopen()  # integrity-checked
    assert snapshot(a) == before
    assert newest_own_stamp(a) > wall_clock_ms() + MAX_FUTURE_MS  # still ahead: not reset
    report = a.sync.sync()
    assert report.clock_reset and (report.pushed, report.rejected) == (4, 0)
    b.sync.sync()
    expected = {hub.student_ids[0]: "P", hub.student_ids[1]: "L"}
    assert marks(b, session) == expected == marks(a, session)
    assert a.store.pending_changes() == 0 and a.review.review_items() == []


def test_killed_after_the_server_took_the_reset_push_the_next_sync_sends_it_once(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = two_laptops(replica, live, students=3)
    session = mark_with_clock_two_years_ahead(a, hub)
    a.store.wall = wall_clock_ms

    run_and_kill(a.folder, "push")  # reset committed, pushed, the answer never recorded

    a.reopen()
    assert newest_own_stamp(a) < wall_clock_ms() + 60_000  # the reset was committed
    assert a.store.pending_changes() == 4  # the answer was lost: sent again
    report = a.sync.sync()
    assert not report.clock_reset  # nothing left to reset
    assert (report.pushed, report.duplicates, report.rejected) == (0, 4, 0)
    b.sync.sync()
    expected = {hub.student_ids[0]: "P", hub.student_ids[1]: "L"}
    assert marks(b, session) == expected == marks(a, session)
    assert a.store.pending_changes() == 0
    assert a.review.review_items() == [] and b.review.review_items() == []
