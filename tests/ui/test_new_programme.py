"""A brand-new programme set up as a site lead does it, by keyboard: what tripped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import HubRecord
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.tasks import TaskManager

TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def tasks(services: Services) -> Iterator[TaskManager]:
    manager = TaskManager(services)
    yield manager
    manager.shutdown()


def staff_window(qtbot: QtBot, services: Services, tasks: TaskManager) -> ProgrammeWindow:
    win = ProgrammeWindow(services, tasks, None, today=TODAY)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.codes.loaded, timeout=20_000):
        win.show()
    win.show_page(win.staff)
    return win


def add_teacher(qtbot: QtBot, win: ProgrammeWindow, name: str) -> None:
    """Alt+W (New), the name, Alt+S (Save), as the keyboard does it."""
    page = win.staff
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.name_edit, name)
    with qtbot.waitSignal(page.saved, timeout=20_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)


def test_a_teacher_added_to_a_programme_of_one_hub_works_there(
    qtbot: QtBot, services: Services, tasks: TaskManager
) -> None:
    """Before, the hub was left unticked: the teacher was not offered for the hub's
    ensembles nor as the one taking roll, with nothing saying why."""
    hub_id = services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    win = staff_window(qtbot, services, tasks)
    qtbot.waitUntil(lambda: win.staff.hubs_list.count() == 1, timeout=20_000)
    add_teacher(qtbot, win, "Rosa Teacher")
    (rosa,) = services.setup.staff()
    assert (rosa.name, rosa.hubs) == ("Rosa Teacher", (hub_id,))
    assert [s.name for s in services.hubs.staff_for_hub(hub_id)] == ["Rosa Teacher"]
    win.close()


def test_with_two_hubs_a_new_staff_member_has_none_ticked(
    qtbot: QtBot, services: Services, tasks: TaskManager
) -> None:
    services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    services.setup.save_hub(HubRecord(None, "Lincoln Park Hub"))
    win = staff_window(qtbot, services, tasks)
    qtbot.waitUntil(lambda: win.staff.hubs_list.count() == 2, timeout=20_000)
    add_teacher(qtbot, win, "Rosa Teacher")
    (rosa,) = services.setup.staff()
    assert rosa.hubs == ()
    win.close()


def test_tab_and_ctrl_tab_leave_the_roster_s_list(qtbot: QtBot, window: MainWindow) -> None:
    """Before, Tab went from cell to cell of the student list (never reaching the
    buttons), and Ctrl+Tab / Ctrl+Shift+Tab moved a cell instead of changing tab."""
    roster = window.roster
    window.pages.setCurrentWidget(roster)
    qtbot.waitUntil(lambda: roster.view.model().rowCount() == 8, timeout=20_000)
    roster.view.setFocus()
    roster.view.selectRow(0)
    qtbot.keyClick(roster.view, Qt.Key.Key_Tab)
    assert not roster.view.hasFocus()
    assert roster.view.currentIndex().column() == 0
    roster.view.setFocus()
    qtbot.keyClick(roster.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.tabText(window.pages.currentIndex()) == "Volunteers"
    window.pages.setCurrentWidget(roster)
    roster.view.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(roster.view, Qt.Key.Key_Backtab, shift_ctrl)
    assert window.pages.tabText(window.pages.currentIndex()) == "Register"
