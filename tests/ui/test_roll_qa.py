"""Found taking roll with a class waiting: undoing "mark all remaining present", keys on
a cancelled session, a sign-out before the student arrived, a long event title."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.events.dialogs import FamilyEventDialog
from harmony_desktop.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_long_event_title_keeps_the_window_on_the_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.events
    window.pages.setCurrentWidget(page)
    before = window.minimumSizeHint().width()
    page.new_family.click()
    dialog = page.active_dialog
    assert isinstance(dialog, FamilyEventDialog)
    qtbot.keyClicks(dialog.title, "Family music night and potluck " * 8)
    dialog.day.setDate(QDate(2026, 9, 10))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.family.title.text() != "", timeout=5000)
    assert "potluck" in page.family.title.text()
    qtbot.wait(200)  # the layouts settle
    assert window.minimumSizeHint().width() <= max(before, 1024)
