"""Fixtures for the register window: the real MainWindow over a generated hub."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from harmony_desktop.app import Opened
from harmony_desktop.paths import resolve_paths
from harmony_desktop.services.context import Services
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.page import RegisterPage
from tests.factories import HubFixture


@pytest.fixture(autouse=True)
def _pyside_refcount_workaround() -> None:
    """Every UI test runs with the PySide6/CPython 3.11 workaround (see pyside_fixes)."""
    from harmony_desktop.ui.pyside_fixes import install

    install()


#: A Monday in term: Beginning Strings meets 15:30-17:00 every weekday.
TODAY = dt.date(2026, 9, 14)


@pytest.fixture
def opened(services: Services) -> Opened:
    """The test store as the app opens it."""
    return Opened(resolve_paths(), services.store, services)


@pytest.fixture
def window(qtbot: QtBot, opened: Opened, hub: HubFixture) -> Iterator[MainWindow]:
    """The main window on TODAY, shown, with the day loaded."""
    win = MainWindow(opened, hub.hub_id, today=TODAY)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.register.dayLoaded, timeout=5000):
        win.show()
    yield win
    win.shutdown()


@pytest.fixture
def page(window: MainWindow) -> RegisterPage:
    """The register page of :func:`window`."""
    return window.register
