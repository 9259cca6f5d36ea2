"""The window opens with today's view only: the other tabs are built the first time the
user opens them, and then behave as if they had always been there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.roster import RosterPage


def click_tab(qtbot: QtBot, bar: QTabBar, index: int) -> None:
    """Click the tab at ``index`` as a user would."""
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_a_tab_is_built_when_first_opened(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    pages = window.pages
    titles = [pages.tabText(i) for i in range(pages.count())]
    assert titles[:5] == ["Register", "Roster", "Volunteers", "Events", "Reports"]
    assert isinstance(pages.widget(0), RegisterPage)
    assert not any(isinstance(pages.widget(i), RosterPage) for i in range(pages.count()))

    click_tab(qtbot, pages.tabBar(), 1)
    page = pages.currentWidget()
    assert isinstance(page, RosterPage) and pages.currentIndex() == 1
    assert window.roster is page and pages.tabText(1) == "Roster"
    qtbot.waitUntil(lambda: page.model.rowCount() == 8, timeout=20_000)  # the hub's eight students
    qtmodeltester.check(page.model)
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()  # the page's own shortcuts work as before

    click_tab(qtbot, pages.tabBar(), 0)
    click_tab(qtbot, pages.tabBar(), 1)
    assert pages.widget(1) is page  # built once
    assert [pages.tabText(i) for i in range(pages.count())] == titles


def test_asking_for_a_page_builds_it_in_its_tab_without_showing_it(window: MainWindow) -> None:
    reports = window.reports  # e.g. a menu action reaching into another tab
    assert window.pages.indexOf(reports) == 4 and window.pages.currentIndex() == 0
    assert window.reports is reports
