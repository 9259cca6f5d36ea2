"""Opening the local store: pragmas, integrity, migrations, backups and folders."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlmodel import select

from harmony_desktop.domain.errors import StoreCorruptError, StoreError
from harmony_desktop.paths import resolve_paths
from harmony_desktop.startup import open_app
from harmony_desktop.store import Store
from harmony_desktop.store.db import (
    BACKUPS_KEPT,
    _alembic_config,
    head_revision,
    list_backups,
    restore_backup,
)
from harmony_desktop.store.models import Hub, Student


def test_pragmas_wal_foreign_keys_and_full_sync(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    for _ in range(2):  # the change writer's connection, new and kept
        with store.write() as w:
            conn = w.connection
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            w.insert(Hub(name="Hub"))


def test_foreign_keys_are_enforced(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    from harmony_desktop.store.models import Contact

    with pytest.raises(IntegrityError), store.write() as w:
        w.insert(Contact(hub_id=None, student_id="no-such-student", name="X"))
    assert store.pending_changes() == 0


def test_device_id_is_stable_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with Store(path) as first:
        device = first.device_id
    with Store(path) as second:
        assert second.device_id == device
    assert len(device) == 16


def _corrupt(path: Path) -> bytes:
    with Store(path) as s, s.write() as w:
        w.insert(Hub(name="Hub"))
    data = bytearray(path.read_bytes())
    # Overwrite the middle of the file (past the header) with garbage.
    for i in range(4096, min(len(data), 4096 * 3)):
        data[i] = 0x5A
    path.write_bytes(bytes(data))
    return bytes(data)


def test_corrupt_database_is_reported_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with Store(path) as s:
        s.engine.dispose()
    # checkpoint everything into the main file first
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _corrupt(path)
    with pytest.raises(StoreCorruptError, match=r"damaged.*has not been changed.*restore"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_text("name,grade\nAna,3\n")
    with pytest.raises(StoreCorruptError):
        Store(path)
    assert path.read_text() == "name,grade\nAna,3\n"


def test_upgrade_from_the_first_schema_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    cfg = _alembic_config()
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(cfg, "0001")
    conn.execute(
        "INSERT INTO hub (id, hub_id, deleted, clocks, name, address, partner, partner_kind, timezone)"
        " VALUES ('h1', 'h1', 0, '{}', 'Old Hub', '', '', '', 'UTC')"
    )
    conn.commit()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "conflict" not in tables
    conn.close()

    with Store(path) as store:
        assert store.schema_revision() == head_revision() != "0001"
        with store.read() as s:
            assert s.get(Hub, "h1").name == "Old Hub"  # type: ignore[union-attr]
        with store.engine.connect() as c:
            names = {r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert {"conflict", "student_redirect"} <= names


def test_a_database_from_a_newer_app_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with Store(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999'")
    with pytest.raises(StoreError, match="Could not prepare"):
        Store(path)


def test_daily_backup_and_rolling_window(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    backups = tmp_path / "backups"
    with Store(path, backup_dir=backups) as store:
        with store.write() as w:
            w.insert(Hub(name="Hub"))
        start = dt.date(2026, 1, 1)
        for i in range(BACKUPS_KEPT + 5):
            assert store.backup_if_due(start + dt.timedelta(days=i)) is not None
        kept = list_backups(backups)
    assert len(kept) == BACKUPS_KEPT
    assert (
        kept[0].name
        == f"harmony-{(start + dt.timedelta(days=BACKUPS_KEPT + 4)).isoformat()}.sqlite3"
    )
    assert kept[0].stat().st_mode & 0o077 == 0


def test_backup_is_taken_once_a_day_on_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_app(data):
        pass  # a brand-new database: nothing to back up yet
    backups = data / "backups"
    assert list_backups(backups) == []
    with open_app(data):
        pass
    with open_app(data):
        pass
    assert len(list_backups(backups)) == 1
    with Store(data / "harmony.sqlite3", backup_dir=backups):
        pass  # opening the store alone takes none: the window takes it once it is up
    assert len(list_backups(backups)) == 1


def test_restore_replaces_database_and_keeps_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    backups = tmp_path / "backups"
    with Store(path, backup_dir=backups) as store:
        with store.write() as w:
            w.insert(Hub(name="Before"))
        backup = store.backup_to(backups / "harmony-2026-01-01.sqlite3")
        with store.write() as w:
            w.insert(Hub(name="After"))
    moved = restore_backup(backup, path).moved
    assert moved is not None and moved.exists()
    with Store(path) as store, store.read() as s:
        from sqlmodel import select

        assert [h.name for h in s.exec(select(Hub))] == ["Before"]
        mode = s.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"  # the database put back is written as any other
    # The backup is a rollback-journal file: checking and reading it (read-only) left
    # no -wal or -shm beside it in the backups folder.
    assert sorted(p.name for p in backups.iterdir()) == ["harmony-2026-01-01.sqlite3"]
    assert backup.read_bytes()[18:20] == bytes([1, 1])  # the header's journal: rollback


def test_a_laptops_own_backup_put_back_keeps_its_device_id(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with Store(path) as store:
        device = store.device_id
        backup = store.backup_to(tmp_path / "backups" / "harmony-2026-01-01.sqlite3")
    restored = restore_backup(backup, path)
    assert not restored.new_device
    with Store(path) as store:
        assert store.device_id == device


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100])
def test_a_damaged_database_put_back_from_its_own_backups_stays_this_laptop(
    tmp_path: Path, damage: bytes
) -> None:
    """The database is too damaged to say its device id (empty, or garbage); the backup
    comes from the data folder's own daily backups: it is this laptop's, still enrolled,
    not a new laptop that needs a new code."""
    path = tmp_path / "harmony.sqlite3"
    with Store(path, backup_dir=tmp_path / "backups") as store:
        device = store.device_id
        backup = store.backup_to(tmp_path / "backups" / "harmony-2026-01-01.sqlite3")
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    path.write_bytes(damage)
    restored = restore_backup(backup, path)
    assert not restored.new_device
    with Store(path) as store:
        assert store.device_id == device


def test_a_damaged_database_with_a_backup_from_elsewhere_becomes_a_laptop_of_its_own(
    tmp_path: Path,
) -> None:
    """The same damage, but the backup comes from elsewhere (a USB stick): it may be the
    old laptop's, so it becomes a laptop of its own."""
    with Store(tmp_path / "old" / "harmony.sqlite3") as old:
        old_device = old.device_id
        backup = old.backup_to(tmp_path / "usb" / "harmony-2026-01-01.sqlite3")
    path = tmp_path / "new" / "harmony.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"not a database at all" * 100)
    assert restore_backup(backup, path).new_device
    with Store(path) as store:
        assert store.device_id != old_device


@pytest.mark.parametrize("here", ["another laptop's database", "no database yet"])
def test_a_backup_put_on_another_computer_becomes_a_laptop_of_its_own(
    tmp_path: Path, here: str
) -> None:
    """A backup restored where its laptop's database is not (a new computer, after the old
    one's disk died) must not go on as that laptop: the old laptop may turn up again and
    sync, and two laptops with one device id would stamp the same clocks."""
    with Store(tmp_path / "old" / "harmony.sqlite3") as old:
        old_device = old.device_id
        with old.write() as w:
            w.insert(Hub(name="Recorded on the old laptop"))
        backup = old.backup_to(tmp_path / "usb" / "harmony-2026-01-01.sqlite3")
    path = tmp_path / "new" / "harmony.sqlite3"
    path.parent.mkdir()
    others = set()
    if here == "another laptop's database":
        with Store(path) as new:
            others.add(new.device_id)
    restored = restore_backup(backup, path)
    assert restored.new_device
    with Store(path) as store:
        assert store.device_id not in {old_device, *others}
        assert len(store.device_id) == 16
        with store.read() as s:
            assert [h.name for h in s.exec(select(Hub))] == ["Recorded on the old laptop"]
        with store.write() as w:
            w.insert(Hub(name="Recorded after the restore"))
        with store.read() as s:
            clocks = {h.name: h.clocks for h in s.exec(select(Hub))}
    # what the old laptop wrote stays its own; what is written now is this laptop's
    assert old_device in clocks["Recorded on the old laptop"]
    assert store.device_id in clocks["Recorded after the restore"]


def test_a_damaged_backup_never_replaces_the_database(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with Store(path):
        pass
    bad = tmp_path / "harmony-2026-01-01.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreCorruptError):
        restore_backup(bad, path)
    assert path.read_bytes() == before


def test_data_dir_from_flag_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARMONY_DATA_DIR", str(tmp_path / "env"))
    monkeypatch.delenv("HARMONY_LOG_DIR")
    assert resolve_paths().data_dir == (tmp_path / "env").resolve()
    assert resolve_paths().log_dir == (tmp_path / "env").resolve() / "logs"
    assert resolve_paths(tmp_path / "flag").data_dir == (tmp_path / "flag").resolve()
    monkeypatch.delenv("HARMONY_DATA_DIR")
    default = resolve_paths()
    assert "HarmonyDesktop" in str(default.data_dir)


def test_student_dates_round_trip(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
        st = w.insert(
            Student(
                hub_id=hub.id,
                legal_first_name="A",
                legal_last_name="B",
                date_of_birth=dt.date(2015, 5, 6),
            )
        )
    with store.read() as s:
        assert s.get(Student, st.id).date_of_birth == dt.date(2015, 5, 6)  # type: ignore[union-attr]


def _hub_names(store: Store) -> list[str]:
    with store.read() as s:
        return sorted(h.name for h in s.exec(select(Hub)).all())


def test_a_failed_write_leaves_nothing_and_the_next_write_on_the_thread_works(
    store: Store,
) -> None:
    with store.write() as w:
        w.insert(Hub(name="First"))
    with pytest.raises(RuntimeError, match="typed wrong"), store.write() as w:
        w.insert(Hub(name="Lost"))
        w.session.get(Hub, "nothing")  # the ORM's side of the transaction too
        raise RuntimeError("typed wrong")
    with store.write() as w:
        w.insert(Hub(name="Second"))
    assert _hub_names(store) == ["First", "Second"]
    assert store.pending_changes() == 2


def test_a_write_begun_inside_another_on_the_same_thread_never_touches_the_outer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harmony_desktop.domain.errors import StoreWriteError

    # the inner write waits for the lock the outer holds: not 10 s in a test; then it is
    # refused as any write kept waiting is, nothing of it saved
    monkeypatch.setattr("harmony_desktop.store.db.BUSY_TIMEOUT_MS", 50)
    with Store(tmp_path / "h.sqlite3") as store:
        with store.write() as outer:
            outer.insert(Hub(name="Outer"))
            with pytest.raises(StoreWriteError, match="NOT saved"), store.write() as inner:
                inner.insert(Hub(name="Inner"))
            outer.insert(Hub(name="Outer too"))
        assert _hub_names(store) == ["Outer", "Outer too"]
        assert store.pending_changes() == 2


def test_writes_on_several_threads_each_commit(store: Store) -> None:
    import threading

    errors: list[BaseException] = []

    def write(name: str) -> None:
        try:
            for n in range(5):
                with store.write() as w:
                    w.insert(Hub(name=f"{name} {n}"))
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    workers = [threading.Thread(target=write, args=(f"T{i}",)) for i in range(3)]
    for worker in workers:
        worker.start()
    write("Main")
    for worker in workers:
        worker.join()
    assert errors == []
    assert len(_hub_names(store)) == 20
    assert store.pending_changes() == 20


def test_a_write_under_way_when_the_store_closes_still_commits(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "h.sqlite3"
    store = Store(path)
    with store.write() as w:  # this thread's connection is kept, and closed below
        w.insert(Hub(name="Before"))
    begun, closed = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with store.write() as w:
                w.insert(Hub(name="During"))
                begun.set()
                closed.wait(5)
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    assert begun.wait(5)
    store.close()
    closed.set()
    worker.join()
    assert errors == []
    with Store(path) as again:
        assert _hub_names(again) == ["Before", "During"]


def test_marks_are_looked_up_by_session_and_student_through_the_kept_indexes(
    store: Store,
) -> None:
    with store.read() as s:
        conn = s.connection()
        names = {
            r[1] for r in conn.exec_driver_sql("PRAGMA index_list(attendance_mark)").fetchall()
        }
        plan = " ".join(
            str(r[3])
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT code FROM attendance_mark "
                "WHERE session_id = 'a' AND student_id IN ('b', 'c')"
            ).fetchall()
        )
    # a session's marks come from the report index, whose first column is the session
    assert not {"ix_attendance_mark_session_id", "ix_attendance_mark_student_report"} & names
    assert {"ix_attendance_mark_report", "ix_attendance_mark_student_id"} <= names
    assert "INDEX ix_attendance_mark_report (session_id=?)" in plan
