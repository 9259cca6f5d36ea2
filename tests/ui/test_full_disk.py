"""Taking roll on a disk that fills up (a real small disk, a tmpfs), driven by keys.

Every key press whose mark cannot be written says so in the window; that row is never
shown as marked and the status never says "Saved" for it; the marks saved before stay;
once space returns the same keys save, and the database is whole.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.startup import open_app
from harmony_desktop.store.db import check_integrity
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import make_hub
from tests.support.small_disk import MB, fill, free_again, small_disk
from tests.ui.conftest import TODAY
from tests.ui.test_register import open_first_session, stored_marks


def test_every_failed_mark_says_so_and_nothing_is_lost(qtbot: QtBot, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 24 * MB) as disk:
        services = open_app(disk / "data")
        window: MainWindow | None = None
        try:
            hub = make_hub(services, students=8, start=TODAY)
            window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
            qtbot.addWidget(window)
            with qtbot.waitSignal(window.register.dayLoaded, timeout=5000):
                window.show()
            page = window.register
            session_id = open_first_session(qtbot, page)
            view = page.roll_view
            qtbot.keyClicks(view, "pp")
            assert page.save_label.text().startswith("✓ Saved")
            order = [e.student_id for e in page.roll_model.entries()]

            # The disk fills up: an empty WAL must grow to take the next mark.
            conn = sqlite3.connect(services.store.path)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            fill(disk, leave=0)
            for _ in range(5):
                qtbot.keyClick(view, Qt.Key.Key_P)
                assert "The disk is full: this change was NOT saved" in page.save_label.text()
                assert "Saved at" not in page.save_label.text()
                assert view.currentIndex().row() == 2  # the cursor waits on the same student
                assert page.roll_model.entry(2).mark.code is None  # never shown as marked
            assert page.progress_label.text().startswith("2 of 8 marked")

            free_again(disk)
            qtbot.keyClicks(view, "pppppp")
            assert page.save_label.text().startswith("✓ Saved")
            marks = stored_marks(services, session_id)
            assert [marks[s].code for s in order] == ["P"] * 8
        finally:
            if window is not None:
                window.shutdown()
            services.close()
        check_integrity(disk / "data" / "harmony.sqlite3")
