"""File ▸ Restore from a backup… lists the daily backups by what they hold: the newest
data first and chosen, each with when its data was last changed, a wrong name said so,
damaged files greyed and said so (the week of ``tests/test_backup_order.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from harmony_desktop.store.backups import backups_by_content
from harmony_desktop.ui.restore import BackupList
from tests.support.time_zone import time_zone
from tests.test_backup_order import TODAY, a_week, add_damaged


@pytest.fixture(autouse=True)
def _los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with time_zone(monkeypatch, "America/Los_Angeles"):
        yield


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    folder = a_week(tmp_path)
    add_damaged(folder)
    return folder


def rows(listed: BackupList) -> list[tuple[str, str, bool]]:
    table = listed.table
    return [
        (item.text(0), item.text(1), bool(item.flags() & Qt.ItemFlag.ItemIsEnabled))
        for item in (table.topLevelItem(i) for i in range(table.topLevelItemCount()))
        if item is not None
    ]


def test_the_newest_data_first_and_chosen_with_its_date_from_inside(
    qtbot: QtBot, backups: Path
) -> None:
    listed = BackupList(None, backups, backups_by_content(backups), TODAY)
    qtbot.addWidget(listed)
    ahead = "Dated after today: a computer's date was set ahead when they were made"
    kept = (
        "It is kept: the app never deletes a backup it cannot read; delete it yourself if "
        "you have no use for it."
    )
    assert rows(listed) == [
        (
            "harmony-2026-12-07.sqlite3",
            f"Changes up to Sat 4 Dec 2027, 3:30\u202fPM — the newest\n{ahead}",
            True,
        ),
        (
            "harmony-2019-06-06.sqlite3",
            f"Changes up to Sat 4 Dec 2027, 3:30\u202fPM\n{ahead}",
            True,
        ),
        (
            "harmony-2026-12-05.sqlite3",
            f"Changes up to Sat 4 Dec 2027, 3:30\u202fPM\n{ahead}",
            True,
        ),
        (
            "harmony-2027-12-04.sqlite3",
            "Changes up to Thu 3 Dec 2026, 3:30\u202fPM\n"
            "Named 4 Dec 2027: the laptop's date was wrong when it was taken",
            True,
        ),
        ("harmony-2026-12-03.sqlite3", "Changes up to Wed 2 Dec 2026, 3:30\u202fPM", True),
        ("harmony-2026-12-02.sqlite3", "Changes up to Tue 1 Dec 2026, 3:30\u202fPM", True),
        ("harmony-2026-12-01.sqlite3", "Changes up to Mon 30 Nov 2026, 3:30\u202fPM", True),
        (
            "harmony-2026-12-08.sqlite3",
            f"Damaged (database disk image is malformed): it cannot be put back.\n{kept}",
            False,
        ),
        (
            "harmony-2026-11-28.sqlite3",
            f"Damaged (file is not a database): it cannot be put back.\n{kept}",
            False,
        ),
    ]
    listed.show()
    assert listed.table.currentItem().text(0) == "harmony-2026-12-07.sqlite3"
    qtbot.keyClick(listed.table, Qt.Key.Key_Down)  # another one, by the keyboard
    qtbot.keyClick(listed.table, Qt.Key.Key_Return)
    assert listed.result() == BackupList.DialogCode.Accepted
    assert listed.chosen == backups / "harmony-2019-06-06.sqlite3"


def test_a_damaged_backup_cannot_be_chosen_and_another_file_can(
    qtbot: QtBot, backups: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = BackupList(None, backups, backups_by_content(backups), TODAY)
    qtbot.addWidget(listed)
    listed.show()
    damaged = listed.table.topLevelItem(8)
    assert damaged is not None and damaged.text(0) == "harmony-2026-11-28.sqlite3"
    listed.table.setCurrentItem(damaged)
    assert listed.table.currentItem() is not damaged  # it cannot be selected
    assert listed.restore_button.isEnabled()  # still the newest

    elsewhere = tmp_path / "usb stick" / "harmony-2026-10-01.sqlite3"
    asked: list[str] = []

    def pick(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(elsewhere), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    qtbot.mouseClick(listed.other_button, Qt.MouseButton.LeftButton)
    assert asked == [str(backups)]  # opened on the backups' folder
    assert listed.result() == BackupList.DialogCode.Accepted
    assert listed.chosen == elsewhere


def test_on_a_small_screen_each_note_wraps_whole_in_its_row(qtbot: QtBot, backups: Path) -> None:
    """At 200 % on a 1280x720 screen the dialog is about 630 px wide: a note longer than
    its column wraps, and its row is as tall as the wrapped text (it was cut with "…")."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    listed = BackupList(None, backups, backups_by_content(backups), TODAY)
    qtbot.addWidget(listed)
    listed.resize(620, 320)
    listed.show()
    qtbot.waitExposed(listed, timeout=20_000)
    table = listed.table

    def short_rows() -> list[tuple[str, int, int]]:
        """(file, row height, height its wrapped text needs) of each row too short."""
        width = table.columnWidth(1) - 12  # the cell's margins
        short = []
        for i in range(table.topLevelItemCount()):
            item = table.topLevelItem(i)
            assert item is not None
            metrics = QFontMetrics(item.font(1))
            box = metrics.boundingRect(
                QRect(0, 0, width, 0), Qt.TextFlag.TextWordWrap.value, item.text(1)
            )
            row = table.visualItemRect(item).height()
            if row < box.height():
                short.append((item.text(0), row, box.height()))
        return short

    qtbot.waitUntil(lambda: short_rows() == [], timeout=20_000)
    assert table.columnWidth(1) < 420  # narrower than the longest note: it wraps
    first = table.topLevelItem(0)
    assert first is not None
    # the newest backup's two lines ("Changes up to … — the newest", "Dated after
    # today: …") take more than two lines at this width
    assert table.visualItemRect(first).height() > 2 * QFontMetrics(first.font(1)).lineSpacing()
