"""Pruning the daily backups, attacked with real files: it never deletes the backup just
written, a copy a person named, or anything but the app's daily backups; the folder and
its backups stay readable by their owner only; a partial copy a crash left goes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from harmony_desktop.store import Store
from harmony_desktop.store.db import list_backups, restore_backup
from harmony_desktop.store.models import Hub

FIRST = dt.date(2026, 11, 2)


def at(day: dt.date) -> int:
    """Wall milliseconds of ``day`` at noon UTC."""
    return int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp() * 1000)


def change(store: Store, day: dt.date, name: str) -> None:
    store.wall = lambda: at(day)
    with store.write() as w:
        w.insert(Hub(name=name))


def fortnight(store: Store) -> None:
    """14 days, 2 to 15 Nov: a change each day, then that day's backup."""
    for n in range(14):
        day = FIRST + dt.timedelta(days=n)
        change(store, day, f"Hub of {day}")
        made = store.backup_if_due(day)
        assert made is not None and made.made


def names(folder: Path) -> list[str]:
    return [p.name for p in list_backups(folder)]


def test_a_backup_taken_with_the_date_fallen_back_is_kept(tmp_path: Path) -> None:
    """A fortnight's holiday (a change on 1 Nov, none since), then the clock's battery
    died: the laptop says 6 June 2019. Today's backup holds what the fortnight's hold,
    named years earlier: it was deleted as soon as it was written. Now the oldest other
    goes instead."""
    backups = tmp_path / "backups"
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        change(store, dt.date(2026, 11, 1), "Hub before the holiday")
        for n in range(14):
            assert store.backup_if_due(FIRST + dt.timedelta(days=n)) is not None
        made = store.backup_if_due(dt.date(2019, 6, 6))
        assert made is not None and made.path is not None
        assert made.path.exists()
        # the next day, the day before's copy goes, not a fortnight's backup
        assert store.backup_if_due(dt.date(2019, 6, 7)) is not None
    expected = [f"harmony-2026-11-{d:02d}.sqlite3" for d in range(15, 2, -1)]
    assert names(backups) == [*expected, "harmony-2019-06-07.sqlite3"]


def test_the_backup_of_a_laptop_put_back_to_an_older_copy_is_kept(tmp_path: Path) -> None:
    """Put back to a copy from a USB stick older than every daily backup, with no
    change since: the next backup holds what the laptop holds, the oldest data of all."""
    database = tmp_path / "harmony.sqlite3"
    backups = tmp_path / "backups"
    with Store(database, backup_dir=backups) as store:
        change(store, dt.date(2026, 10, 1), "Hub of October")
    stick = tmp_path / "stick.sqlite3"
    shutil.copy(database, stick)
    with Store(database, backup_dir=backups) as store:
        fortnight(store)
    restore_backup(stick, database)
    with Store(database, backup_dir=backups) as store:
        made = store.backup_if_due(dt.date(2026, 11, 17))
    assert made is not None and made.path is not None and made.path.exists()
    listed = names(backups)
    assert len(listed) == 14
    assert listed[-1] == "harmony-2026-11-17.sqlite3"  # the oldest data, listed last
    assert "harmony-2026-11-02.sqlite3" not in listed  # the oldest other went instead


def test_a_copy_named_by_a_person_is_listed_and_never_deleted(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        change(store, dt.date(2026, 10, 1), "Hub of October")
        backups.mkdir(mode=0o700)
        store.backup_to(backups / "harmony-before-the-concert.sqlite3")
        store.backup_to(backups / "harmony-2026-10-01 (copy).sqlite3")
        fortnight(store)
    listed = names(backups)
    assert len(listed) == 16
    assert listed[-2:] == [  # the oldest data; the copy written last first
        "harmony-2026-10-01 (copy).sqlite3",
        "harmony-before-the-concert.sqlite3",
    ]


def test_the_folder_and_its_backups_are_made_owner_only(tmp_path: Path) -> None:
    """A backups folder an older version made readable by all, a backup copied in so."""
    backups = tmp_path / "backups"
    backups.mkdir()
    backups.chmod(0o755)
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        change(store, FIRST, "Hub")
        store.backup_to(backups / "harmony-2026-10-30.sqlite3")
        (backups / "harmony-2026-10-30.sqlite3").chmod(0o644)
        assert store.backup_if_due(FIRST) is not None
    assert backups.stat().st_mode & 0o777 == 0o700
    modes = {p.name: p.stat().st_mode & 0o777 for p in backups.iterdir()}
    assert modes == {"harmony-2026-10-30.sqlite3": 0o600, "harmony-2026-11-02.sqlite3": 0o600}


def test_a_partial_copy_left_by_a_crash_goes_at_the_next_backup(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir(mode=0o700)
    left = backups / "harmony-2026-11-01.sqlite3.partial"
    left.write_bytes(b"\0" * 40960)  # a power cut on 1 Nov
    two_hours_ago = time.time() - 2 * 3600
    os.utime(left, (two_hours_ago, two_hours_ago))
    under_way = backups / "harmony-2026-11-03.sqlite3.partial"  # another process's, now
    under_way.write_bytes(b"\0" * 4096)
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        change(store, FIRST, "Hub")
        assert store.backup_if_due(FIRST) is not None
    assert sorted(p.name for p in backups.iterdir()) == [
        "harmony-2026-11-02.sqlite3",
        "harmony-2026-11-03.sqlite3.partial",
    ]
