"""Fixtures for the register window: the real MainWindow over a generated hub."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.tasks import TaskManager
from tests.factories import HubFixture


@pytest.fixture
def us_english() -> Iterator[None]:
    """Times and numbers as US English writes them ("3:30 PM"), whatever the machine's
    locale; the default locale is put back after the test."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(before)


#: A Monday in term: Beginning Strings meets 15:30-17:00 every weekday.
TODAY = dt.date(2026, 9, 14)


@pytest.fixture
def window(qtbot: QtBot, services: Services, hub: HubFixture) -> Iterator[MainWindow]:
    """The main window on TODAY (syncing only when asked), shown, with the day loaded."""
    win = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.register.dayLoaded, timeout=5000):
        win.show()
    yield win
    win.shutdown()


@pytest.fixture
def page(window: MainWindow) -> RegisterPage:
    """The register page of :func:`window`."""
    return window.register


@pytest.fixture(params=["en_US", "es_MX"])
def language(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    """The window's language for a test run once in English and once in Spanish (the
    translator and the default locale), set back to English afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    code = str(request.param)
    if code != "en_US":
        assert install_translator(app, QLocale(code))
    QLocale.setDefault(QLocale(code))
    yield code
    QLocale.setDefault(QLocale("en_US"))
    install_translator(app, QLocale("en_US"))


@contextlib.contextmanager
def programme_window(qtbot: QtBot, services: Services) -> Iterator[ProgrammeWindow]:
    """The Programme window on 1 Sep 2026, shown, loaded and active (the keyboard is
    its); closed with its task manager afterwards."""
    tasks = TaskManager(services)
    win = ProgrammeWindow(services, tasks, None, today=dt.date(2026, 9, 1))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.codes.loaded, timeout=5000):
        win.show()
    qtbot.waitUntil(lambda: win.ensembles.hub_box.count() == 1, timeout=5000)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    try:
        yield win
    finally:
        win.close()
        tasks.shutdown()
