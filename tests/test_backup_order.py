"""The daily backups go by what they hold, not by the laptop's date in their names.

One laptop, a week of days: a change each afternoon, the daily backup each morning
(before that day's change). On 4 Dec its clock ran a year ahead (the backup is named
2027-12-04, and that afternoon's change is stamped 2027), on 6 Dec years behind (named
2019-06-06). Two damaged files sit among them. By name, 2027-12-04 came first (offered as
the newest, never pruned) and 2019-06-06, holding the newest data but one, last (pruned
at once). The list, the newest offered, and pruning now follow the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmony_desktop.__main__ import main
from harmony_desktop.domain import i18n
from harmony_desktop.services.backup_list import describe_backup
from harmony_desktop.store import Store
from harmony_desktop.store.backups import backups_by_content, newest_backup, read_backup
from harmony_desktop.store.db import BACKUPS_KEPT, list_backups
from harmony_desktop.store.models import Hub
from tests.support.time_zone import time_zone


@pytest.fixture(autouse=True)
def _los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The programme's time zone: a change at 23:30 UTC is made at 3:30 PM the same day."""
    with time_zone(monkeypatch, "America/Los_Angeles"):
        yield


def at(day: dt.date, hour: int = 23, minute: int = 30) -> int:
    """Wall milliseconds of ``day`` at ``hour``:``minute`` UTC."""
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)
    return int(moment.timestamp() * 1000)


def change(store: Store, wall_ms: int, name: str) -> None:
    """One change written while the laptop's clock reads ``wall_ms``."""
    store.wall = lambda: wall_ms
    with store.write() as w:
        w.insert(Hub(name=name))


#: (the laptop's date each morning, the day it really was)
DAYS = [
    (dt.date(2026, 12, 1), dt.date(2026, 12, 1)),
    (dt.date(2026, 12, 2), dt.date(2026, 12, 2)),
    (dt.date(2026, 12, 3), dt.date(2026, 12, 3)),
    (dt.date(2027, 12, 4), dt.date(2026, 12, 4)),  # the clock a year ahead all day
    (dt.date(2026, 12, 5), dt.date(2026, 12, 5)),
    (dt.date(2019, 6, 6), dt.date(2026, 12, 6)),  # the clock years behind all day
    (dt.date(2026, 12, 7), dt.date(2026, 12, 7)),
]
TODAY = dt.date(2026, 12, 7)


def a_week(folder: Path) -> Path:
    """The week above in ``folder``; returns the backups folder."""
    backups = folder / "backups"
    with Store(folder / "harmony.sqlite3", backup_dir=backups) as store:
        change(store, at(dt.date(2026, 11, 30)), "Hub before the week")
        for laptop_date, _real in DAYS:
            made = store.backup_if_due(laptop_date)
            assert made is not None and made.made
            change(store, at(laptop_date), f"Hub of {laptop_date}")
    return backups


def add_damaged(backups: Path) -> None:
    """A file that is no database, and a real backup cut short (a copy interrupted)."""
    (backups / "harmony-2026-11-28.sqlite3").write_bytes(b"not a database " * 400)
    whole = (backups / "harmony-2026-12-07.sqlite3").read_bytes()
    (backups / "harmony-2026-12-08.sqlite3").write_bytes(whole[:-4096])  # its last page


def names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_the_list_goes_by_the_newest_change_inside_not_the_name(tmp_path: Path) -> None:
    backups = a_week(tmp_path)
    add_damaged(backups)
    assert names(list_backups(backups)) == [
        "harmony-2026-12-07.sqlite3",
        "harmony-2019-06-06.sqlite3",  # the laptop said 2019; it holds 6 Dec's data but one
        "harmony-2026-12-05.sqlite3",
        "harmony-2027-12-04.sqlite3",  # taken on 4 Dec, holding 3 Dec's change
        "harmony-2026-12-03.sqlite3",
        "harmony-2026-12-02.sqlite3",
        "harmony-2026-12-01.sqlite3",
        "harmony-2026-12-08.sqlite3",  # damaged: last, by the date in their names
        "harmony-2026-11-28.sqlite3",
    ]
    # by name (as before) 2027-12-04 came first and 2019-06-06 last
    by_name = sorted(backups.glob("harmony-*.sqlite3"), reverse=True)
    assert by_name[0].name == "harmony-2027-12-04.sqlite3"
    assert by_name[-1].name == "harmony-2019-06-06.sqlite3"

    newest = newest_backup(backups)
    assert newest is not None and newest.path.name == "harmony-2026-12-07.sqlite3"
    damaged = {i.path.name: i.problem for i in backups_by_content(backups) if i.damaged}
    assert damaged == {
        "harmony-2026-12-08.sqlite3": "database disk image is malformed",  # cut short
        "harmony-2026-11-28.sqlite3": "file is not a database",
    }
    # looking leaves nothing beside the files (no -wal, no -shm)
    assert len(list(backups.iterdir())) == 9


def test_pruning_keeps_the_newest_data_and_every_damaged_file(tmp_path: Path) -> None:
    backups = a_week(tmp_path)
    add_damaged(backups)
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        kept_damaged = store.prune_backups(keep=3)
    assert sorted(p.name for p in backups.iterdir()) == [
        "harmony-2019-06-06.sqlite3",
        "harmony-2026-11-28.sqlite3",
        "harmony-2026-12-05.sqlite3",
        "harmony-2026-12-07.sqlite3",
        "harmony-2026-12-08.sqlite3",
    ]
    assert names(list(kept_damaged)) == ["harmony-2026-12-08.sqlite3", "harmony-2026-11-28.sqlite3"]
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        store.prune_backups(keep=0)  # never fewer than the newest
    assert names(list_backups(backups)) == [
        "harmony-2026-12-07.sqlite3",
        "harmony-2026-12-08.sqlite3",
        "harmony-2026-11-28.sqlite3",
    ]


def test_a_backup_taken_with_the_clock_years_behind_is_not_pruned_at_once(
    tmp_path: Path,
) -> None:
    backups = tmp_path / "backups"
    first = dt.date(2026, 11, 1)
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        for n in range(BACKUPS_KEPT):
            day = first + dt.timedelta(days=n)
            change(store, at(day, 16), f"Hub {n}")
            assert store.backup_if_due(day) is not None
        change(store, at(dt.date(2026, 11, 15), 16), "Hub of the 15th")
        behind = store.backup_if_due(dt.date(2019, 6, 6))  # the clock years behind
        assert behind is not None and behind.made
    listed = names(list_backups(backups))
    assert len(listed) == BACKUPS_KEPT
    assert listed[0] == "harmony-2019-06-06.sqlite3"
    assert listed[1] == "harmony-2026-11-14.sqlite3"
    assert listed[-1] == "harmony-2026-11-02.sqlite3"  # 1 Nov held the oldest data: pruned


def test_each_backup_says_when_its_data_was_last_changed(tmp_path: Path) -> None:
    backups = a_week(tmp_path)
    add_damaged(backups)
    said = {info.path.name: describe_backup(info, TODAY) for info in backups_by_content(backups)}
    assert said == {
        "harmony-2026-12-07.sqlite3": (
            # the changes since 4 Dec carry its 2027 stamp: the clock never goes back
            "Changes up to Sat 4 Dec 2027, 3:30\u202fPM (dated after today: a computer's "
            "date was set ahead when they were made)"
        ),
        "harmony-2019-06-06.sqlite3": (
            "Changes up to Sat 4 Dec 2027, 3:30\u202fPM (dated after today: a computer's "
            "date was set ahead when they were made)"
        ),
        "harmony-2026-12-05.sqlite3": (
            "Changes up to Sat 4 Dec 2027, 3:30\u202fPM (dated after today: a computer's "
            "date was set ahead when they were made)"
        ),
        "harmony-2027-12-04.sqlite3": (
            "Changes up to Thu 3 Dec 2026, 3:30\u202fPM (named 4 Dec 2027: the laptop's "
            "date was wrong when it was taken)"
        ),
        "harmony-2026-12-03.sqlite3": "Changes up to Wed 2 Dec 2026, 3:30\u202fPM",
        "harmony-2026-12-02.sqlite3": "Changes up to Tue 1 Dec 2026, 3:30\u202fPM",
        "harmony-2026-12-01.sqlite3": "Changes up to Mon 30 Nov 2026, 3:30\u202fPM",
        "harmony-2026-12-08.sqlite3": (
            "Damaged (database disk image is malformed): it cannot be put back. It is "
            "kept: the app never deletes a backup it cannot read; delete it yourself if "
            "you have no use for it."
        ),
        "harmony-2026-11-28.sqlite3": (
            "Damaged (file is not a database): it cannot be put back. It is kept: the app "
            "never deletes a backup it cannot read; delete it yourself if you have no use "
            "for it."
        ),
    }
    behind = read_backup(backups / "harmony-2019-06-06.sqlite3")
    a_year_on = dt.date(2028, 1, 10)  # once real time has passed the 2027 stamps
    assert describe_backup(behind, a_year_on) == (
        "Changes up to Sat 4 Dec 2027, 3:30\u202fPM (named 6 Jun 2019: the laptop's date "
        "was wrong when it was taken)"
    )
    with i18n.using("es"):
        assert describe_backup(read_backup(backups / "harmony-2027-12-04.sqlite3"), TODAY) == (
            "Cambios hasta el jue 3 dic 2026, 3:30\u202fp.m. (con nombre del 4 dic 2027: la "
            "fecha de la computadora estaba mal cuando se hizo)"
        )


def test_restore_list_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    a_week(data)
    add_damaged(data / "backups")
    assert main(["--data-dir", str(data), "restore", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        str(path) for path in list_backups(data / "backups")
    ]
    path, said = lines[0].split("\t")
    assert path.endswith("harmony-2026-12-07.sqlite3")
    assert said.startswith("Changes up to Sat 4 Dec 2027, 3:30\u202fPM — the newest (")
    assert lines[-1].split("\t")[1].startswith("Damaged (file is not a database)")


def test_a_backup_by_hand_says_it_kept_the_damaged_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    a_week(data)
    add_damaged(data / "backups")
    assert main(["--data-dir", str(data), "backup"]) == 0
    said = capsys.readouterr().err
    for name in ("harmony-2026-12-08.sqlite3", "harmony-2026-11-28.sqlite3"):
        assert f"harmony-desktop: kept the damaged backup {name}: it cannot be read" in said
        assert (data / "backups" / name).exists()


def test_backups_from_before_a_clock_reset_go_after_the_later_ones(tmp_path: Path) -> None:
    """A year typed two years ahead: its stamps are beyond what the server takes, and
    the first sync on the fixed clock turns the clock back (clock_reset.py); the backups
    taken before read further ahead than every later one, yet hold older data."""
    from harmony_desktop.store import backups as backup_module
    from harmony_desktop.store.replica.clock_reset import reset
    from harmony_sync.hlc import MAX_FUTURE_MS, wall_clock_ms

    assert backup_module.MAX_FUTURE_MS == MAX_FUTURE_MS  # the limit the reset uses

    now = wall_clock_ms()
    day = 86_400_000
    backups = tmp_path / "backups"
    with Store(tmp_path / "harmony.sqlite3", backup_dir=backups) as store:
        change(store, now - 3 * day, "Hub before the typo")
        store.backup_if_due(dt.date(2026, 12, 2))
        change(store, now + 730 * day, "Hub while the year read two ahead")
        store.backup_if_due(dt.date(2028, 12, 3))
        assert names(list_backups(backups))[0] == "harmony-2028-12-03.sqlite3"  # no reset yet
        assert reset(store, wall=lambda: now) is not None  # a sync confirmed the clock
        change(store, now, "Hub after the clock was fixed")
        store.backup_if_due(dt.date(2026, 12, 5))
        assert names(list_backups(backups)) == [
            "harmony-2026-12-05.sqlite3",  # the newest data, whatever the 2028 stamps say
            "harmony-2026-12-02.sqlite3",
            "harmony-2028-12-03.sqlite3",
        ]
        store.prune_backups(keep=2)
    assert names(list_backups(backups)) == [
        "harmony-2026-12-05.sqlite3",
        "harmony-2026-12-02.sqlite3",
    ]
