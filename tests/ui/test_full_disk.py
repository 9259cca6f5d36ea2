"""Taking roll on a disk that fills up (a real small disk, a tmpfs), driven by keys.

Every key press whose mark cannot be written says so in the window; that row is never
shown as marked and the status never says "Saved" for it; the marks saved before stay;
once space returns the same keys save, and the database is whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.startup import open_app
from harmony_desktop.store.db import check_integrity
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import ArrivalDialog, NoteDialog
from harmony_desktop.ui.register.page import RegisterPage
from tests.factories import make_hub
from tests.support.small_disk import MB, fill, free_again, small_disk
from tests.ui.conftest import TODAY
from tests.ui.test_register import open_first_session, stored_marks


@contextmanager
def roll_on_a_small_disk(
    qtbot: QtBot, tmp_path: Path, *, students: int
) -> Iterator[tuple[Path, Services, RegisterPage]]:
    """The register of a hub of ``students`` on a real 24 MB disk, its day shown; the
    database is checked whole once the window and the services are closed."""
    with small_disk(tmp_path / "disk", 24 * MB) as disk:
        services = open_app(disk / "data")
        window: MainWindow | None = None
        try:
            hub = make_hub(services, students=students, start=TODAY)
            window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
            qtbot.addWidget(window)
            with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
                window.show()
            yield disk, services, window.register
        finally:
            if window is not None:
                window.shutdown()
            services.close()
        check_integrity(disk / "data" / "harmony.sqlite3")


def fill_up(disk: Path, services: Services) -> None:
    """Fill the disk, the WAL emptied first: it must grow to take the next write."""
    conn = sqlite3.connect(services.store.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    fill(disk, leave=0)


def test_every_failed_mark_says_so_and_nothing_is_lost(qtbot: QtBot, tmp_path: Path) -> None:
    with roll_on_a_small_disk(qtbot, tmp_path, students=8) as (disk, services, page):
        session_id = open_first_session(qtbot, page)
        view = page.roll_view
        qtbot.keyClicks(view, "pp")
        assert page.save_label.text().startswith("✓ Saved")
        order = [e.student_id for e in page.roll_model.entries()]

        # The disk fills up.
        fill_up(disk, services)
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


def test_a_note_the_full_disk_refuses_stays_in_its_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    """A typed note is the teacher's words: when it cannot be saved, the dialog stays
    open with the reason and the text, and Enter saves it once there is room."""
    with roll_on_a_small_disk(qtbot, tmp_path, students=3) as (disk, services, page):
        session_id = open_first_session(qtbot, page)
        view = page.roll_view
        qtbot.keyClicks(view, "p")
        qtbot.keyClick(view, Qt.Key.Key_Up)
        student = page.roll_model.entry(0).student_id
        fill_up(disk, services)

        qtbot.keyClick(view, Qt.Key.Key_N)
        dialog = page.active_dialog
        assert isinstance(dialog, NoteDialog)
        qtbot.keyClicks(dialog.edit, "Mother collects at 5; asthma inhaler in bag")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        assert dialog.isVisible()  # not closed on a note that was not saved
        assert "The disk is full: this change was NOT saved" in dialog.error.text()
        assert dialog.edit.toPlainText() == "Mother collects at 5; asthma inhaler in bag"
        assert stored_marks(services, session_id)[student].note == ""

        free_again(disk)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
        assert stored_marks(services, session_id)[student].note == (
            "Mother collects at 5; asthma inhaler in bag"
        )
        assert page.save_label.text().startswith("✓ Saved")


def test_an_undo_the_full_disk_refuses_stays_to_undo(qtbot: QtBot, tmp_path: Path) -> None:
    """Ctrl+Z that cannot be written leaves the mark and the undo history as they were:
    once there is room the same Ctrl+Z undoes that mark, not the one before it."""
    with roll_on_a_small_disk(qtbot, tmp_path, students=3) as (disk, services, page):
        session_id = open_first_session(qtbot, page)
        view = page.roll_view
        qtbot.keyClicks(view, "pl")  # first present, second late (a time asked)
        if page.active_dialog is not None:
            qtbot.keyClick(page.active_dialog.focusWidget(), Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
        first, second = (page.roll_model.entry(i).student_id for i in (0, 1))
        assert stored_marks(services, session_id)[second].code == "L"
        fill_up(disk, services)

        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert "The disk is full: this change was NOT saved" in page.save_label.text()
        assert stored_marks(services, session_id)[second].code == "L"
        assert page.undo_stack.undoText() == "Mark L"  # still the step to undo

        free_again(disk)
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        marks = stored_marks(services, session_id)
        assert (marks[first].code, marks[second].code) == ("P", None)
        qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        marks = stored_marks(services, session_id)
        assert (marks[first].code, marks[second].code) == ("P", "L")


def test_a_late_mark_the_full_disk_refuses_keeps_its_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    """Late, left early and the sign-out ask first (a time, who collected the child): a
    mark the disk cannot take keeps that dialog open with the reason and what was
    chosen, and Enter saves it once there is room."""
    with roll_on_a_small_disk(qtbot, tmp_path, students=3) as (disk, services, page):
        session_id = open_first_session(qtbot, page)
        view = page.roll_view
        qtbot.keyClicks(view, "p")
        student = page.roll_model.entry(1).student_id
        fill_up(disk, services)

        qtbot.keyClick(view, Qt.Key.Key_L)
        dialog = page.active_dialog
        assert isinstance(dialog, ArrivalDialog)
        chosen = dialog.arrival()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert "The disk is full: this change was NOT saved" in dialog.error.text()
        assert stored_marks(services, session_id)[student].code is None

        free_again(disk)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
        mark = stored_marks(services, session_id)[student]
        assert (mark.code, mark.arrival_time) == ("L", chosen)
        assert page.save_label.text().startswith("✓ Saved")
