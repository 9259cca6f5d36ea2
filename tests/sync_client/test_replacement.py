"""A hub's laptop lost, stolen or dead: revoked, replaced by a new computer (enrolled
from scratch or restored from a backup), and found again later, against a real server.

Nothing recorded on any of them may be lost or doubled, and the found laptop must still
be able to send its week of marks when it is enrolled again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, func, select

from harmony_desktop.services.credentials import TokenStore
from harmony_desktop.services.restore import restore
from harmony_desktop.services.sync import SyncService
from harmony_desktop.store.models import AttendanceMark, Student
from harmony_sync.client import NotEnrolled
from tests.factories import HubFixture, make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory, open_session


def _mark(rep: Replica, hub: HubFixture, day: str, code: str) -> None:
    """Take a whole roll of ``hub``'s first ensemble on ``day``."""
    session = open_session(rep, hub.hub_id, hub.ensemble_id, day)
    for student in hub.student_ids:
        rep.services.roll.mark(session, student, code, by=hub.teacher_id)


def _marks(rep: Replica) -> list[tuple[str, str, str]]:
    """Every live mark as (day, student, code), one per session and student."""
    with rep.store.read() as s:
        from harmony_desktop.store.models import ClassSession

        rows = s.exec(
            select(ClassSession.date, AttendanceMark.student_id, AttendanceMark.code)
            .join(ClassSession, col(ClassSession.id) == AttendanceMark.session_id)
            .where(col(AttendanceMark.deleted).is_(False))
        ).all()
    return sorted((str(day), student, code) for day, student, code in rows)


def _students(rep: Replica) -> int:
    with rep.store.read() as s:
        return int(
            s.exec(
                select(func.count()).select_from(Student).where(col(Student.deleted).is_(False))
            ).one()
        )


def _revoke(live: SyncServer, rep: Replica) -> None:
    """The office revokes the laptop (its every enrollment)."""
    for device in live.list_devices():
        if device["device_id"] == rep.store.device_id and device["status"] != "revoked":
            live.revoke_device(int(device["key"]))


def _restored(replica: ReplicaFactory, name: str, backup: Path) -> Replica:
    """A new computer: the app opened once (a new, empty database), then the backup put
    back with ``harmony-desktop restore`` (the same service)."""
    rep = replica(name)
    rep.store.close()
    restore(backup, rep.folder / "harmony.sqlite3")
    rep.reopen()
    rep.sync = SyncService(
        rep.store,
        rep.folder,
        tokens=TokenStore(rep.folder, rep.store.device_id),
        http_session=rep.http,
    )
    return rep


def _sync_as_a_user_would(rep: Replica, hub: HubFixture) -> None:
    """Sync now; if the app says this computer is not enrolled, enroll it with a new code
    from the office first."""
    try:
        rep.sync.sync()
    except NotEnrolled:
        rep.enroll([hub.hub_id])
        rep.sync.sync()


def test_a_laptop_restored_on_a_new_computer_and_the_old_one_found_later_both_send_their_work(
    replica: ReplicaFactory, live: SyncServer, tmp_path: Path
) -> None:
    old = replica("old")
    hub = make_hub(old.services, students=3)
    live.add_hub("Test Park Hub", hub.hub_id)
    old.enroll([hub.hub_id])
    old.sync.sync()
    _mark(old, hub, "2026-09-01", "P")  # never synced …
    backup = old.store.backup_to(tmp_path / "usb stick" / "harmony-2026-09-01.sqlite3")
    _mark(old, hub, "2026-09-02", "AU")  # … nor this, after the backup
    _revoke(live, old)  # the laptop is gone: the office revokes it

    new = _restored(replica, "new computer", backup)
    assert new.store.device_id != old.store.device_id  # a laptop of its own
    assert not new.sync.is_enrolled()  # so it asks to be enrolled
    _sync_as_a_user_would(new, hub)

    # The old laptop turns up in a cupboard with both days: enrolled again, it sends them.
    old.enroll([hub.hub_id])
    old.sync.sync()
    assert old.store.pending_changes() == 0
    new.sync.sync()
    office = replica("office")
    office.enroll([hub.hub_id])
    office.sync.sync()

    expected = sorted(
        [("2026-09-01", s, "P") for s in hub.student_ids]
        + [("2026-09-02", s, "AU") for s in hub.student_ids]
    )
    for rep in (office, new, old):
        assert _marks(rep) == expected  # each child once a day, nothing lost
        assert _students(rep) == 3
        assert [
            (i.table, i.field_name, i.losing_value, i.winning_value, i.kind)
            for i in rep.review.review_items()
        ] == []  # nothing for anyone to decide


@pytest.mark.parametrize("unsent", [1, 3])
def test_a_backup_restored_over_an_enrolled_laptop_never_syncs_with_that_laptops_token(
    replica: ReplicaFactory, live: SyncServer, tmp_path: Path, unsent: int
) -> None:
    """The token file belongs to the laptop whose database was replaced: synced with it,
    the backup's changes were taken for ones that laptop had already sent, and lost."""
    old = replica("old")
    hub = make_hub(old.services, students=unsent)
    live.add_hub("Test Park Hub", hub.hub_id)
    old.enroll([hub.hub_id])
    old.sync.sync()
    _mark(old, hub, "2026-09-01", "L")  # the week the old laptop never sent
    backup = old.store.backup_to(tmp_path / "usb stick" / "harmony-2026-09-01.sqlite3")
    _revoke(live, old)

    new = replica("new computer")  # enrolled from scratch first, and in use
    new.enroll([hub.hub_id])
    new.sync.sync()
    _mark(new, hub, "2026-09-03", "P")
    new.sync.sync()
    new.store.close()
    restore(backup, new.folder / "harmony.sqlite3")  # then the old backup put back
    restored = _restored_in_place(new)
    _sync_as_a_user_would(restored, hub)

    office = replica("office")
    office.enroll([hub.hub_id])
    office.sync.sync()
    assert _marks(office) == sorted(
        [("2026-09-01", s, "L") for s in hub.student_ids]
        + [("2026-09-03", s, "P") for s in hub.student_ids]
    )
    assert _marks(restored) == _marks(office)


def _restored_in_place(rep: Replica) -> Replica:
    """The same computer's app opened again on the restored database."""
    rep.reopen()
    rep.sync = SyncService(
        rep.store,
        rep.folder,
        tokens=TokenStore(rep.folder, rep.store.device_id),
        http_session=rep.http,
    )
    return rep
