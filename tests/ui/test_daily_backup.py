"""The window's daily backup: in the background once the window is up, never in the way.

- While it copies, the teacher marks and opens rolls as usual (it runs on the task
  manager's maintenance thread and reads one snapshot of the database).
- On a nearly full disk (a real tmpfs) it is skipped: the status bar says so and how
  much space it needs, and nothing is left behind.
- Skipped or failed, it is tried again at a later mark (at most every few minutes), in
  the background; a window still open the next day takes that day's backup so too.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.startup import open_app
from harmony_desktop.store import Store
from harmony_desktop.store.db import BackupProgress, list_backups
from harmony_desktop.ui.backup import start_daily_backup
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.tasks import Lane
from tests.factories import HubFixture, make_hub
from tests.support.small_disk import MB, fill, small_disk
from tests.ui.conftest import TODAY
from tests.ui.test_register import open_first_session, stored_marks


def test_marks_are_saved_while_the_backup_copies(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copying, release = threading.Event(), threading.Event()
    real = Store.backup_to

    def held(self: Store, target: Path, *, progress: BackupProgress | None = None) -> Path:
        def step(done: int, total: int) -> None:
            copying.set()
            release.wait(20)  # the copy is stuck half-way until the test lets it go
            if progress is not None:
                progress(done, total)

        return real(self, target, progress=step)

    monkeypatch.setattr(Store, "backup_to", held)
    monkeypatch.setattr("harmony_desktop.store.db.BACKUP_STEP_PAGES", 1)
    start_daily_backup(window, window.tasks)
    assert copying.wait(20)
    assert window.tasks.busy(Lane.MAINTENANCE)

    page = window.register
    session_id = open_first_session(qtbot, page)  # a query on the database thread
    qtbot.keyClicks(page.roll_view, "pp")
    assert page.save_label.text().startswith("✓ Saved")
    marked = [m.code for m in stored_marks(services, session_id).values()]
    assert marked.count("P") == 2
    assert window.tasks.busy(Lane.MAINTENANCE)  # still copying all along

    release.set()
    qtbot.waitUntil(lambda: not window.tasks.busy(Lane.MAINTENANCE), timeout=20_000)
    assert services.store.backup_dir is not None
    assert len(list_backups(services.store.backup_dir)) == 1


def test_a_backup_on_a_nearly_full_disk_is_skipped_with_a_notice(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", 24 * MB) as disk:
        data = disk / "data"
        with open_app(data) as services:
            hub = make_hub(services, students=20, start=TODAY)
        # Room for a few pages of the write-ahead log (opening a roll stores its session and
        # its indexes), far too little for the backup.
        fill(disk, leave=256 * 1024)
        services = open_app(data, backup=False)
        window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
        try:
            qtbot.addWidget(window)
            with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
                window.show()
            _ticket, notice = start_daily_backup(window, window.tasks)
            qtbot.waitUntil(notice.isVisible, timeout=20_000)
            shown = re.fullmatch(
                r"Backup skipped: disk full \(0\.\d MB free, ([\d.]+) MB needed\)", notice.text()
            )
            assert shown is not None, notice.text()
            assert float(shown.group(1)) > 16.0  # the backup, and 16 MB for the day's marks
            assert "MB of free space" in notice.toolTip()
            assert list((data / "backups").iterdir()) == []
            session_id = open_first_session(qtbot, window.register)  # the app goes on
            assert stored_marks(services, session_id)
        finally:
            window.shutdown()
            services.close()


def test_a_skipped_backup_is_tried_again_at_a_later_mark_once_space_is_freed(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backups = services.store.backup_dir
    assert backups is not None
    free = {"bytes": 64 * 1024}  # a nearly full disk, then space freed
    monkeypatch.setattr("harmony_desktop.store.db.free_space", lambda _folder: free["bytes"])
    _ticket, notice = start_daily_backup(window, window.tasks)
    qtbot.waitUntil(lambda: not notice.isHidden(), timeout=20_000)
    assert notice.text().startswith("Backup skipped: disk full (0.1 MB free")
    assert list_backups(backups) == []

    free["bytes"] = 10**12
    page = window.register
    session_id = open_first_session(qtbot, page)
    qtbot.keyClicks(page.roll_view, "p")  # a minute later: too soon to try again
    assert not window.tasks.busy(Lane.MAINTENANCE)
    assert list_backups(backups) == [] and not notice.isHidden()

    notice.daily.retry_after_s = 0  # as if five minutes had passed
    days = {dt.date.today()}  # the backup is named for the day it is made on
    qtbot.keyClicks(page.roll_view, "p")  # the next mark tries again, in the background
    qtbot.waitUntil(lambda: not window.tasks.busy(Lane.MAINTENANCE), timeout=20_000)
    days.add(dt.date.today())  # (midnight may have passed meanwhile)
    assert [p.name for p in list_backups(backups)] in [
        [f"harmony-{day.isoformat()}.sqlite3"] for day in days
    ]
    assert notice.isHidden()
    assert window.statusBar().currentMessage() == "Today's backup was made."
    assert [m.code for m in stored_marks(services, session_id).values()].count("P") == 2

    qtbot.keyClicks(page.roll_view, "p")  # made: nothing more to try today
    assert not window.tasks.busy(Lane.MAINTENANCE)


def test_a_failed_backup_is_tried_again_and_a_new_day_gets_its_own(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backups = services.store.backup_dir
    assert backups is not None
    real = Store.backup_to
    failures = [RuntimeError("an injected failure")]

    def failing_once(self: Store, target: Path, *, progress: BackupProgress | None = None) -> Path:
        if failures:
            raise failures.pop()
        return real(self, target, progress=progress)

    monkeypatch.setattr(Store, "backup_to", failing_once)
    _ticket, notice = start_daily_backup(window, window.tasks)
    daily = notice.daily
    daily.today = lambda: dt.date(2026, 12, 3)
    daily.retry_after_s = 0
    qtbot.waitUntil(lambda: not notice.isHidden(), timeout=20_000)
    assert notice.text() == "Today's backup could not be made; the app works normally."
    assert "tried again a few minutes later" in notice.toolTip()

    page = window.register
    open_first_session(qtbot, page)
    qtbot.keyClicks(page.roll_view, "p")
    qtbot.waitUntil(lambda: notice.isHidden(), timeout=20_000)
    assert [p.name for p in list_backups(backups)] == ["harmony-2026-12-03.sqlite3"]

    daily.today = lambda: dt.date(2026, 12, 4)  # the window still open the next day
    qtbot.keyClicks(page.roll_view, "p")
    qtbot.waitUntil(lambda: daily.done_on == dt.date(2026, 12, 4), timeout=20_000)
    assert sorted(p.name for p in list_backups(backups)) == [
        "harmony-2026-12-03.sqlite3",
        "harmony-2026-12-04.sqlite3",
    ]
