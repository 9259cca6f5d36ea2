"""The Roster tab's reminder once a programme year has begun: how many students' grades
are still for an earlier year, and a button to Programme set-up's Next grade tab, where
they move up; gone once they have. The hand-built roster of tests/test_new_year.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.new_year import NewYearService
from harmony_desktop.ui.main_window import MainWindow
from tests.test_new_year import TODAY, YEAR, _roster


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[tuple[MainWindow, str]]:
    ids = _roster(services)
    win = MainWindow(services, ids["hub"], today=TODAY, auto_sync=False)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.register.dayLoaded, timeout=20_000):
        win.show()
    try:
        yield win, ids["hub"]
    finally:
        if win.programme_window is not None:
            win.programme_window.close_dropping_changes()
        win.shutdown()


def test_the_roster_says_grades_are_still_last_years_and_opens_next_grade(
    qtbot: QtBot, window: tuple[MainWindow, str]
) -> None:
    """Ana, Ben and Cruz (grade 12, finishing) for 2025-26 and Gil for 2024-25 are still
    to move up; Eli's grade is 2026-27's; Fay's year is unknown, Dana has no grade, Hal is
    archived: 4."""
    win, _hub = window
    roster = win.roster
    with qtbot.waitSignal(roster.loaded, timeout=20_000):
        win.pages.setCurrentWidget(roster)
        roster.reload()
    assert roster.new_year_band.isVisible()
    assert roster.new_year_label.text() == (
        "2026-27 has begun: 4 students' grades are still for an earlier year."
    )
    roster.new_year_button.setFocus()
    qtbot.keyClick(roster.new_year_button, Qt.Key.Key_Space)
    programme = win.programme_window
    assert programme is not None and programme.isVisible()
    assert programme.tabs.currentWidget() is programme.new_year


def test_the_reminder_goes_once_the_students_have_moved_up(
    qtbot: QtBot, services: Services, window: tuple[MainWindow, str]
) -> None:
    win, hub_id = window
    roster = win.roster
    with qtbot.waitSignal(roster.loaded, timeout=20_000):
        roster.reload()
    assert roster.new_year_band.isVisibleTo(roster)
    NewYearService(services.store, today=lambda: TODAY).apply(YEAR, [hub_id])
    with qtbot.waitSignal(roster.loaded, timeout=20_000):
        roster.reload()
    assert not roster.new_year_band.isVisibleTo(roster)
