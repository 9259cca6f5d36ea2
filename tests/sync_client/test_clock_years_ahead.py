"""A laptop whose year was mistyped syncs again, everything it wrote, once it is fixed.

The whole story against a real server process, with the store's wall-clock seam: marks
taken while the laptop's clock reads two years ahead (the sync is refused, with advice
about this computer's clock), the clock fixed, a sync: the laptop's clock is reset and
the marks are stamped afresh and sent; a new mark reaches the other laptop too, nothing
waits for review, and the other laptop's later edit still wins. Also the laptop that
synced before this version, whose far-ahead marks the server refused and set aside for
review: they are queued again and reach the other laptop, and the review list empties.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlmodel import select

from harmony_desktop.services.sync import SyncService
from harmony_desktop.store.models import SYNCED_MODELS, AttendanceMark
from harmony_sync.client import ClockSkew, SyncError
from harmony_sync.hlc import MAX_FUTURE_MS, wall_clock_ms
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory, open_session, two_laptops

DAY_MS = 86_400_000
TWO_YEARS_MS = 730 * DAY_MS


def marks(rep: Replica, session_id: str) -> dict[str, str | None]:
    """Student id -> code of the live marks of a session."""
    with rep.store.read() as s:
        rows = s.exec(select(AttendanceMark).where(AttendanceMark.session_id == session_id))
        return {m.student_id: m.code for m in rows if not m.deleted}


def newest_own_stamp(rep: Replica) -> int:
    """The latest wall time (ms) of any field clock this laptop wrote in its rows."""
    node = rep.store.device_id
    newest = 0
    with rep.store.read() as s:
        conn = s.connection()
        for table in SYNCED_MODELS:
            for (packed,) in conn.exec_driver_sql(f'SELECT clocks FROM "{table}"'):
                for stamp in str(packed).split('"'):
                    if stamp.endswith(node) and len(stamp) == 38:
                        newest = max(newest, int(stamp[:15]))
    return newest


def mark_with_clock_two_years_ahead(a: Replica, hub: Any) -> str:
    """Laptop A's year is mistyped: it opens a session and marks two children; its sync
    is refused. Returns the session id."""
    a.store.wall = lambda: wall_clock_ms() + TWO_YEARS_MS
    session = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
    a.services.roll.mark(session, hub.student_ids[0], "P", by=None)
    a.services.roll.mark(session, hub.student_ids[1], "L", by=None)
    with pytest.raises(ClockSkew) as refused:
        a.sync.sync()
    assert "hours ahead" in str(refused.value) and "Nothing was sent" in str(refused.value)
    assert newest_own_stamp(a) > wall_clock_ms() + MAX_FUTURE_MS
    return session


def test_marks_taken_two_years_ahead_sync_once_the_clock_is_fixed_and_so_do_later_ones(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = two_laptops(replica, live, students=3)
    session = mark_with_clock_two_years_ahead(a, hub)
    waiting = a.store.pending_changes()
    assert waiting >= 3  # the session and two marks

    # The clock is fixed. The next sync resets A's clock before pushing: every change
    # made meanwhile is stamped afresh and applied, none refused.
    a.store.wall = wall_clock_ms
    # The sync found the clock two years ahead: the stamps it wrote are explained, and
    # the clock set right is not called behind them (services/clock_check.py).
    assert a.services.clock.behind() is None
    report = a.sync.sync()
    assert (report.pushed, report.rejected) == (waiting, 0)
    assert a.services.clock.behind() is None  # the reading is right again: no band
    assert newest_own_stamp(a) < wall_clock_ms() + 60_000

    # A new mark on A reaches B, and so do the old ones.
    a.services.roll.mark(session, hub.student_ids[2], "AU", by=None)
    assert a.sync.sync().pushed == 1
    b.sync.sync()
    expected = {hub.student_ids[0]: "P", hub.student_ids[1]: "L", hub.student_ids[2]: "AU"}
    assert marks(b, session) == expected == marks(a, session)
    assert a.review.review_items() == [] and b.review.review_items() == []
    assert a.sync.status().needs_review == 0 and a.sync.status().pending == 0
    # The sync that reset the clock says so (counts only).
    assert report.clock_reset and report.restamped == waiting
    assert "clock had been set far ahead: reset" in report.summary()

    # B's later edit wins on both laptops: A's stamps are not ahead any more.
    b.services.roll.mark(session, hub.student_ids[0], "L", by=None)
    b.sync.sync()
    a.sync.sync()
    assert marks(a, session)[hub.student_ids[0]] == "L"
    assert marks(a, session) == marks(b, session)


def test_marks_the_server_refusedbefore_the_reset_are_sent_again_and_leave_review(
    replica: ReplicaFactory, live: SyncServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The laptop synced after the fix without resetting its clock (the version before
    this one): the server refused its far-ahead changes, which wait in Needs review. One
    of them the teacher dismissed. The reset queues them all again."""
    a, b, hub = two_laptops(replica, live, students=3)
    session = mark_with_clock_two_years_ahead(a, hub)
    a.store.wall = wall_clock_ms
    with monkeypatch.context() as old:
        # (raising=False: the same story runs on the version before, which has none)
        old.setattr(SyncService, "_reset_clock", lambda self, report: None, raising=False)
        report = a.sync.sync()
        a.services.roll.mark(session, hub.student_ids[2], "AU", by=None)  # still ahead
        a.sync.sync()
    assert report.pushed == 0 and report.rejected >= 3
    refused = a.review.review_items()
    assert {i.kind for i in refused} == {"rejected"} and len(refused) >= 4
    assert all("days ahead" in i.winning_value["reason"] for i in refused)
    dismissed = next(i for i in refused if i.table == "attendance_mark")
    a.review.keep_value(dismissed.id, "winning")
    b.sync.sync()
    assert marks(b, session) == {}

    report = a.sync.sync()
    b.sync.sync()
    expected = {hub.student_ids[0]: "P", hub.student_ids[1]: "L", hub.student_ids[2]: "AU"}
    assert marks(b, session) == expected == marks(a, session)
    assert a.review.review_items() == [] and b.review.review_items() == []
    assert newest_own_stamp(a) < wall_clock_ms() + 60_000
    assert report.rejected == 0 and report.clock_reset

    # A's next mark reaches B at once.
    a.services.roll.mark(session, hub.student_ids[0], "AE", by=None)
    a.sync.sync()
    b.sync.sync()
    assert marks(b, session)[hub.student_ids[0]] == "AE"


def test_a_server_that_counted_far_ahead_changes_as_applied_gets_nothing_and_says_so(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    """A server older than this version moved the laptop's "already applied" mark to
    the far-ahead ids it refused: everything the laptop pushes now would be taken for a
    duplicate and dropped. The laptop sends nothing and says what to do."""
    a, b, hub = two_laptops(replica, live, students=3)
    session = mark_with_clock_two_years_ahead(a, hub)
    a.store.wall = wall_clock_ms
    far_mark = (wall_clock_ms() + TWO_YEARS_MS) * 100_000
    with sqlite3.connect(live.db_path) as server_db:
        server_db.execute(
            "UPDATE device SET last_mutation_id = ? WHERE node = ?", (far_mark, a.store.device_id)
        )
    try:
        with pytest.raises(SyncError) as stopped:
            a.sync.sync()
        assert stopped.value.code == "mark_ahead"
        assert "Nothing was sent" in str(stopped.value) and "update the sync server" in str(
            stopped.value
        )
        assert a.store.pending_changes() >= 3  # stamped afresh, kept
        assert newest_own_stamp(a) < wall_clock_ms() + 60_000
        assert a.sync.status().last_error == str(stopped.value)
    finally:
        with sqlite3.connect(live.db_path) as server_db:
            server_db.execute(
                "UPDATE device SET last_mutation_id = 0 WHERE node = ?", (a.store.device_id,)
            )
    # Once the server forgets that mark (updated, or a new epoch), everything arrives.
    a.sync.sync()
    b.sync.sync()
    assert (
        marks(b, session)
        == marks(a, session)
        == {
            hub.student_ids[0]: "P",
            hub.student_ids[1]: "L",
        }
    )
