"""The Programme window's "Next grade" page, driven by the keyboard alone: what
will happen is on the page before anything is written; one question; one write; the
page then says nobody is left to move. The hand-built roster of tests/test_new_year.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.tasks import TaskManager
from tests.test_new_year import YEAR, _grades, _roster

TODAY = dt.date(2026, 9, 8)


@pytest.fixture
def tasks(services: Services) -> Iterator[TaskManager]:
    manager = TaskManager(services)
    yield manager
    manager.shutdown()


def test_move_students_up_from_the_programme_window_by_keyboard(
    qtbot: QtBot, services: Services, tasks: TaskManager
) -> None:
    ids = _roster(services)
    win = ProgrammeWindow(services, tasks, ids["hub"], today=TODAY)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=20_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=20_000)
    # the last tab: Ctrl+Shift+Tab from the first (every letter is some page's Alt+key)
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    page = win.new_year
    assert win.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.move_button.isEnabled(), timeout=20_000)
    assert page.title.text() == "Move students up a grade for 2026-27"
    assert page.move_button.text() == "&Move students up a grade for 2026-27…"
    # Fay's grade has no recorded year: left alone unless the box says it is last year's
    assert page.unknown.isVisible() and not page.unknown.isChecked()
    assert page.summary.text().splitlines()[0] == "• 3 students move up a grade for 2026-27."
    assert (
        "• 1 student whose grade has no recorded school year is left alone."
        in page.summary.text().splitlines()
    )
    # Alt+S ticks it (a mnemonic clicks a moment later, as a person sees it pressed)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.unknown.isChecked, timeout=20_000)
    qtbot.waitUntil(lambda: page.summary.text().startswith("• 4 students move up"), timeout=20_000)
    qtbot.waitUntil(lambda: page.move_button.isEnabled(), timeout=20_000)
    assert page.summary.text().splitlines()[:4] == [
        "• 4 students move up a grade for 2026-27.",
        "• 1 student in grade 12 finishes school: becomes inactive.",
        "• 1 student would be outside their ensemble's grades (listed, not changed).",
        "• 1 student has no grade: left alone.",
    ]
    rows = [page.names.topLevelItem(i) for i in range(page.names.topLevelItemCount())]
    assert [(r.text(0), r.text(2)) for r in rows] == [
        ("Cruz Calder", "Finishes school (grade 12): becomes inactive"),
        ("Ana Aldana", "Grade 6: Beginning Strings is for grades 3 to 5"),
    ]
    assert page.names.isColumnHidden(1)  # one hub: no hub column
    assert _grades(services.store)["Ana"] == ("5", "2025-26", "active")  # nothing written

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.question is not None, timeout=20_000)
    box = page.question
    assert isinstance(box, QMessageBox)
    assert box.text() == "Move 4 students up a grade for 2026-27?"
    assert box.informativeText() == "1 student in grade 12 will become inactive."
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=20_000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # "Move them up"
    qtbot.waitUntil(
        lambda: page.message.text() == "Done: 4 moved up, 1 finished school.", timeout=20_000
    )
    assert _grades(services.store)["Ana"] == ("6", YEAR, "active")
    qtbot.waitUntil(lambda: page.plan is not None and page.plan.changes == 0, timeout=20_000)
    assert not page.move_button.isEnabled()
    win.close_dropping_changes()
