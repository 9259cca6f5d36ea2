"""Faults against a real server process: kills, lost responses, skew, restores, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, func, select

from harmony_desktop.services import sync as sync_module
from harmony_desktop.services.sync import SyncService
from harmony_desktop.store import settings
from harmony_desktop.store.models import AttendanceMark, Student
from harmony_sync import client as client_module
from harmony_sync.client import (
    ClockSkew,
    NotEnrolled,
    ServerUnreachable,
    TokenRejected,
    VersionMismatch,
)
from harmony_sync.hlc import wall_clock_ms
from tests.factories import HubFixture, make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory, open_session


def _pair(
    replica: ReplicaFactory, live: SyncServer, students: int = 3
) -> tuple[Replica, Replica, HubFixture]:
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=students)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    return a, b, hub


def _count(rep: Replica, model: type) -> int:
    with rep.store.read() as s:
        return int(
            s.exec(
                select(func.count()).select_from(model).where(col(model.deleted).is_(False))
            ).one()
        )


def _mark_days(rep: Replica, hub: HubFixture, days: list[str], code: str = "P") -> int:
    n = 0
    for day in days:
        sid = open_session(rep, hub.hub_id, hub.ensemble_id, day)
        for student in hub.student_ids:
            rep.services.roll.mark(sid, student, code, by=None)
            n += 1
    return n


def test_lost_response_after_commit_is_retried_without_duplicates(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = _pair(replica, live)
    a.sync.sync()
    _mark_days(a, hub, ["2026-09-01", "2026-09-02"])
    waiting = a.store.pending_changes()
    a.adapter.lose_next["/v1/push"] = 1
    with pytest.raises(ServerUnreachable):
        a.sync.sync()
    assert a.store.pending_changes() == waiting  # nothing forgotten locally
    report = a.sync.sync()
    assert report.duplicates == waiting and report.pushed == 0  # the server had them all
    assert a.store.pending_changes() == 0
    b.sync.sync()
    assert _count(b, AttendanceMark) == 2 * len(hub.student_ids)


def test_network_fails_mid_push_then_recovers(
    replica: ReplicaFactory, live: SyncServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_module, "PUSH_BATCH", 4)
    a, b, _hub = _pair(replica, live)
    pushes = {"n": 0}

    def second_push_fails(path: str) -> None:
        if path == "/v1/push":
            pushes["n"] += 1
            if pushes["n"] == 2:
                raise ServerUnreachable("injected", "unreachable")

    a.adapter.before_send = second_push_fails
    before = a.store.pending_changes()
    with pytest.raises(ServerUnreachable):
        a.sync.sync()
    assert 0 < a.store.pending_changes() < before  # acknowledged batches left the queue
    a.adapter.before_send = None
    a.sync.sync()
    b.sync.sync()
    assert _count(b, Student) == 3


def test_server_killed_mid_push_and_restarted(
    replica: ReplicaFactory, live: SyncServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_module, "PUSH_BATCH", 5)
    a, b, _hub = _pair(replica, live)
    pushes = {"n": 0}

    def kill_on_third_push(path: str) -> None:
        if path == "/v1/push":
            pushes["n"] += 1
            if pushes["n"] == 3:
                live.kill()

    a.adapter.before_send = kill_on_third_push
    with pytest.raises(ServerUnreachable) as err:
        a.sync.sync()
    assert "cannot be reached" in str(err.value)
    assert a.sync.status().last_error
    live.start()
    a.adapter.before_send = None
    a.sync.sync()
    assert a.store.pending_changes() == 0
    assert a.sync.status().last_error is None
    b.sync.sync()
    assert _count(b, Student) == 3


@pytest.mark.parametrize(
    ("skew_ms", "word"),
    [(3_600_000, "ahead"), (-3_600_000, "behind"), (86_400_000, "ahead")],
    ids=["plus-1-hour", "minus-1-hour", "plus-1-day"],
)
def test_clock_skew_is_refused_with_advice(
    replica: ReplicaFactory, live: SyncServer, skew_ms: int, word: str
) -> None:
    a, _b, hub = _pair(replica, live)
    a.sync.sync()
    a.services.roster.update_student(hub.student_ids[0], grade="6")
    skewed = SyncService(
        a.store,
        a.folder,
        tokens=a.sync.tokens,
        http_session=a.http,
        wall=lambda: wall_clock_ms() + skew_ms,
    )
    with pytest.raises(ClockSkew) as err:
        skewed.sync()
    assert word in str(err.value) and "date, time and time zone" in str(err.value)
    assert a.store.pending_changes() == 1  # nothing was sent
    a.sync.sync()  # clock fixed: the same change goes through
    assert a.store.pending_changes() == 0


def test_a_laptop_whose_clock_is_behind_pulls_nothing(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    """A laptop 1 hour behind is stopped by the check of its wall clock against the
    server's before it applies anything, so it never folds the others' clocks into its
    HLC while its own clock is wrong."""
    a, b, _hub = _pair(replica, live)
    a.sync.sync()
    behind = SyncService(
        b.store,
        b.folder,
        tokens=b.sync.tokens,
        http_session=b.http,
        wall=lambda: wall_clock_ms() - 3_600_000,
    )
    with pytest.raises(ClockSkew, match="behind"):
        behind.sync()
    assert _count(b, Student) == 0  # the page was not applied
    assert b.store.settings.get(settings.CLOCK) == ""


def test_server_restored_from_old_backup_rebases(
    replica: ReplicaFactory, live: SyncServer, tmp_path: Path
) -> None:
    a, b, hub = _pair(replica, live)
    a.sync.sync()
    backup = tmp_path / "server-backup.sqlite3"
    live.backup(backup)
    # work acknowledged AFTER the backup: the restore will forget it
    n = _mark_days(a, hub, ["2026-09-01"])
    a.services.roster.update_student(hub.student_ids[1], instrument="viola")
    a.sync.sync()
    assert a.store.pending_changes() == 0
    live.restore(backup)
    report = a.sync.sync()
    assert report.rebased
    assert a.store.pending_changes() == 0
    b.sync.sync()
    assert _count(b, AttendanceMark) == n
    assert b.services.roster.student(hub.student_ids[1]).instrument == "viola"
    # and B, which had synced nothing before, needs no re-base; A's next sync is a no-op
    again = a.sync.sync()
    assert not again.rebased and again.pushed == 0


def test_a_push_is_not_pulled_back_but_a_restored_laptop_gets_its_work_back(
    replica: ReplicaFactory, live: SyncServer, tmp_path: Path
) -> None:
    from harmony_desktop.store.db import restore_backup

    a, _b, hub = _pair(replica, live)
    a.sync.sync()
    backup = a.store.backup_to(tmp_path / "laptop-a" / "harmony-2026-09-01.sqlite3")
    n = _mark_days(a, hub, ["2026-09-01"])
    report = a.sync.sync()
    assert report.pushed > n and report.pulled == 0  # its own work is not echoed back
    a.store.close()
    restore_backup(backup, a.folder / "harmony.sqlite3")  # the marks are gone locally …
    a.reopen()
    assert _count(a, AttendanceMark) == 0
    a.sync.sync()
    assert _count(a, AttendanceMark) == n  # … and come back from the server
    assert a.sync.sync().pulled == 0


def test_revoked_token_says_enroll_again(replica: ReplicaFactory, live: SyncServer) -> None:
    a, _b, _hub = _pair(replica, live)
    a.sync.sync()
    live.revoke_all()
    with pytest.raises(TokenRejected, match="new enrollment code"):
        a.sync.sync()


def test_version_mismatch_says_which_side_to_update(
    replica: ReplicaFactory, live: SyncServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _b, _hub = _pair(replica, live)
    monkeypatch.setattr(client_module, "PROTOCOL_VERSION", 99)
    with pytest.raises(VersionMismatch) as err:
        a.sync.sync()
    assert err.value.update == "server" and "update the sync server" in str(err.value)
    monkeypatch.setattr(client_module, "PROTOCOL_VERSION", 0)
    with pytest.raises(VersionMismatch) as err:
        a.sync.sync()
    assert err.value.update == "desktop" and "Update the Harmony desktop app" in str(err.value)


def test_unreachable_and_not_enrolled(tmp_path: Path) -> None:
    from tests.support.ports import free_port

    rep = Replica(tmp_path / "alone")
    try:
        make_hub(rep.services, students=1)
        with pytest.raises(NotEnrolled, match="not enrolled"):
            rep.sync.sync()
        rep.store.settings.set(settings.SYNC_SERVER, f"http://127.0.0.1:{free_port()}")
        rep.sync.tokens.save("whatever")
        with pytest.raises(ServerUnreachable, match="work is safe"):
            rep.sync.sync()
        assert rep.sync.status().pending > 0  # the app works offline all along
    finally:
        rep.close()


def test_permanent_rejection_is_kept_for_review_not_dropped(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    from harmony_desktop.store.models import AttendanceCode

    a, _b, _hub = _pair(replica, live)
    # a teacher's laptop may not write programme-wide rows (only a data manager may)
    with a.store.write() as w:
        w.insert(AttendanceCode(hub_id=None, code="RH", label="Rehearsal"))
    report = a.sync.sync()
    assert report.rejected == 1
    assert a.store.pending_changes() == 0  # the queue moved on …
    items = [i for i in a.review.review_items() if i.kind == "rejected"]
    assert len(items) == 1  # … but the refused change is visible, with the reason
    assert (
        items[0].table == "attendance_code" and "data-manager" in items[0].winning_value["reason"]
    )
    assert items[0].losing_value["label"] == "Rehearsal"
    assert items[0].what == "Attendance code Rehearsal"
    a.review.keep_value(items[0].id, "winning")  # "Dismiss"
    assert [i for i in a.review.review_items() if i.kind == "rejected"] == []


def test_killed_between_applying_a_page_and_saving_its_cursor(
    replica: ReplicaFactory, live: SyncServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page and its cursor are one transaction: a crash leaves neither."""
    monkeypatch.setattr(sync_module, "PULL_PAGE", 5)
    monkeypatch.setattr(sync_module, "PREFETCH_PAGES", 1)
    a, b, _hub = _pair(replica, live, students=6)
    a.sync.sync()
    saved = {"n": 0}

    def die_on_second_cursor(_cursor: int) -> None:
        saved["n"] += 1
        if saved["n"] == 2:
            raise KeyboardInterrupt  # the process dies here

    b.sync.before_cursor_saved = die_on_second_cursor
    with pytest.raises(KeyboardInterrupt):
        b.sync.sync()
    b.sync.before_cursor_saved = None
    b.reopen()
    cursor = b.store.settings.get(settings.SYNC_CURSOR)
    assert cursor > 0 and _count(b, Student) < 6  # exactly the first page is in
    report = b.sync.sync()
    assert _count(b, Student) == 6 and report.pulled > 0
    with a.store.read() as sa, b.store.read() as sb:
        assert len(sa.exec(select(Student)).all()) == len(sb.exec(select(Student)).all())
