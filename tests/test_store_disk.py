"""The store on a hostile disk: an empty file, an open folder, a nearly full disk.

- An existing 0-byte database is damaged, not new: reported, never seeded.
- The database, its WAL and shared memory, the backups, the before-restore copies and
  the logs are readable by their owner only, even in a folder others can read.
- A daily backup that cannot be made never stops the start-up: it is skipped with a
  warning saying how much space it needs, and no partial file is left. Tested on a real
  small disk (a tmpfs) where the machine allows mounting one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from harmony_desktop.domain.errors import StoreCorruptError, StoreError, StoreWriteError
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.startup import PrivateLogFile, open_app
from harmony_desktop.store import Store
from harmony_desktop.store import db as store_db
from harmony_desktop.store.db import list_backups, restore_backup
from harmony_desktop.store.models import Hub
from tests.factories import make_hub
from tests.support.small_disk import MB, fill, free_again, free_bytes, small_disk


def readable_by_others(folder: Path) -> list[str]:
    """Every file under ``folder`` whose mode lets group or others read it."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and stat.S_IMODE(p.stat().st_mode) & 0o077
    )


# -- an empty file ------------------------------------------------------------------------


def test_an_existing_empty_file_is_damaged_not_new(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "harmony.sqlite3").touch()
    with pytest.raises(StoreCorruptError, match=r"empty \(0 bytes\).*damaged, not new"):
        open_app(data, seed_demo=True)
    assert (data / "harmony.sqlite3").stat().st_size == 0  # untouched, nothing seeded


def test_only_a_database_just_created_gets_the_demo_hub(tmp_path: Path) -> None:
    with open_app(tmp_path / "new", seed_demo=True) as services:
        assert services.store.created
        assert len(HubDirectory(services.store).hubs()) == 1
    existing = tmp_path / "existing"
    Store(existing / "harmony.sqlite3").close()  # a database with no hub yet
    with open_app(existing, seed_demo=True) as services:
        assert not services.store.created
        assert HubDirectory(services.store).hubs() == []


# -- permissions ------------------------------------------------------------------------


def test_every_file_is_private_even_in_a_folder_others_can_read(tmp_path: Path) -> None:
    data = tmp_path / "shared"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    old_umask = os.umask(0o022)
    try:
        with open_app(data) as services:
            make_hub(services, students=2)
            with services.store.write() as w:  # the WAL and shared memory exist now
                w.insert(Hub(name="Second"))
            files = readable_by_others(data)
            made = services.store.backup_now(data / "backups" / "harmony-2026-01-01.sqlite3")
            assert made.path is not None
        moved = restore_backup(made.path, data / "harmony.sqlite3").moved
        assert moved is not None
        with open_app(data) as services:  # the daily backup, and the log again
            pass
    finally:
        os.umask(old_umask)
    names = {p.name for p in data.rglob("*")}
    assert "harmony.sqlite3" in names
    assert any(".before-restore-" in n for n in names)
    assert any(n.endswith("-wal") for n in names) or files == []
    assert readable_by_others(data) == []
    assert files == []


def test_log_files_are_private_and_stay_so_when_they_rotate(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        handler = PrivateLogFile(tmp_path / "app.log", maxBytes=200, backupCount=2)
        log = logging.getLogger("test.private.log")
        log.addHandler(handler)
        log.propagate = False
        try:
            for i in range(20):
                log.warning("line %d of a log that rotates", i)
        finally:
            log.removeHandler(handler)
            handler.close()
    finally:
        os.umask(old_umask)
    assert {p.name for p in tmp_path.iterdir()} == {"app.log", "app.log.1", "app.log.2"}
    assert readable_by_others(tmp_path) == []


def test_a_database_made_readable_by_an_older_version_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with Store(path) as store, store.write() as w:
        w.insert(Hub(name="Hub"))
    os.chmod(path, 0o644)
    with Store(path):
        pass
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# -- backups on a disk with too little room ------------------------------------------------


def test_a_backup_with_too_little_room_is_skipped_with_the_space_it_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    with open_app(data) as services:
        make_hub(services, students=2)
    real_free_space = store_db.free_space
    monkeypatch.setattr(store_db, "free_space", lambda _folder: 64 * 1024)
    warnings: list[str] = []
    with open_app(data, warn=warnings.append) as services:
        assert HubDirectory(services.store).hubs()  # the start-up went on
    [warning] = warnings
    assert "backup was not made" in warning and "0.1 MB is free" in warning
    assert "MB of free space" in warning
    assert "tried again a few minutes later while the window is open, and at the next start" in (
        " ".join(warning.split())
    )
    assert list((data / "backups").iterdir()) == []
    # space freed: the next start the same day takes it
    monkeypatch.setattr(store_db, "free_space", real_free_space)
    warnings.clear()
    days = {dt.date.today()}  # the backup is named for the day it is made on
    with open_app(data, warn=warnings.append):
        pass
    days.add(dt.date.today())  # (midnight may have passed meanwhile)
    assert warnings == []
    assert [p.name for p in (data / "backups").iterdir()] in [
        [f"harmony-{day.isoformat()}.sqlite3"] for day in days
    ]


def nearly_full_data_dir(disk: Path) -> Path:
    """A data folder with a hub on ``disk``, then the disk filled to 64 KB free."""
    data = disk / "data"
    with open_app(data) as services:
        make_hub(services, students=20)
    for old in (data / "backups").iterdir():
        old.unlink()  # today's backup is due again
    fill(disk, leave=64 * 1024)
    return data


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harmony_desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HARMONY_LOG_DIR": str(data.parent.parent / "logs")},
    )


def test_a_nearly_full_disk_never_stops_the_command_line(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 24 * MB) as disk:
        data = nearly_full_data_dir(disk)
        out = tmp_path / "roster.csv"
        result = run_cli(data, "export", "roster", "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "backup was not made" in result.stderr and "MB of free space" in result.stderr
        assert out.exists()
        assert list((data / "backups").iterdir()) == []  # no partial file left
        manual = run_cli(data, "backup")
        assert manual.returncode == 1 and "MB of free space" in manual.stderr
        assert "Traceback" not in manual.stderr
        free_again(disk)
        assert run_cli(data, "backup").returncode == 0
        assert len(list_backups(data / "backups")) == 1


def test_a_disk_that_fills_during_the_backup_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The space check passes (here forced), then the disk really fills half-way."""
    with small_disk(tmp_path / "disk", 24 * MB) as disk:
        data = disk / "data"
        with open_app(data) as services:
            make_hub(services, students=20)
            size = services.store.backup_size()
        for old in (data / "backups").iterdir():
            old.unlink()
        fill(disk, leave=size // 3)
        monkeypatch.setattr(store_db, "BACKUP_SPARE_BYTES", 0)
        monkeypatch.setattr(Store, "backup_size", lambda self: 0)
        warnings: list[str] = []
        with open_app(data, warn=warnings.append) as services:
            assert HubDirectory(services.store).hubs()
        assert len(warnings) == 1 and "backup was not made" in warnings[0]
        assert list((data / "backups").iterdir()) == []
        assert free_bytes(disk) > size // 4  # the partial copy's space came back


def test_a_full_disk_refuses_a_write_clearly_and_loses_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 24 * MB) as disk:
        store = Store(disk / "harmony.sqlite3")
        try:
            with store.write() as w:
                w.insert(Hub(name="Saved before"))
            fill(disk, leave=0)
            full = r"disk is full: this change was NOT saved"
            with pytest.raises(StoreWriteError, match=full), store.write() as w:
                for i in range(200):
                    w.insert(Hub(name=f"Lost {i}", address="x" * 2000))
            free_again(disk)
            with store.write() as w:
                w.insert(Hub(name="Saved after"))
            with store.read() as s:
                names = sorted(h.name for h in s.exec(select(Hub)))
            assert names == ["Saved after", "Saved before"]
        finally:
            store.close()
        store_db.check_integrity(disk / "harmony.sqlite3")


# -- a read-only disk ----------------------------------------------------------------------


def test_a_database_on_a_read_only_disk_is_not_called_damaged(tmp_path: Path) -> None:
    """A healthy database on a disk mounted read-only (a locked USB stick, a disk the
    system remounted read-only after an error) is refused as read-only, not as damaged:
    restoring a backup would not help, and the file is fine."""
    with small_disk(tmp_path / "disk", 16 * MB) as disk:
        data = disk / "data"
        with open_app(data) as services:
            make_hub(services, students=3)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        try:
            with pytest.raises(StoreError) as refused:
                Store(data / "harmony.sqlite3", backup_dir=data / "backups")
            assert not isinstance(refused.value, StoreCorruptError)
            message = str(refused.value)
            assert "damaged" not in message
            assert f"{data} is on a read-only disk" in message
            assert "--data-dir" in message
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        store_db.check_integrity(data / "harmony.sqlite3")
        with open_app(data) as services:  # writable again: it opens as before
            assert len(HubDirectory(services.store).hubs()) == 1


def test_a_new_database_on_a_full_disk_is_refused_clearly_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", 16 * MB) as disk:
        data = disk / "data"
        data.mkdir()
        fill(disk, leave=0)
        with pytest.raises(StoreWriteError) as refused:
            Store(data / "harmony.sqlite3")
        message = str(refused.value)
        assert f"could not be created in {data}: the disk is full" in message
        assert "Free some space" in message
        assert list(data.iterdir()) == []  # no empty or partial database left behind
        free_again(disk)
        with Store(data / "harmony.sqlite3") as store:
            assert store.created
