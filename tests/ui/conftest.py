"""Fixtures for the register window: the real MainWindow over a generated hub."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeout
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


#: How long a test waits for work done on a background thread (a load, a save, a query)
#: before failing, in ms: generous, since a machine busy with other work (a 2-core
#: laptop, CI) can take seconds to start a thread, and a wait that is met costs nothing.
BACKGROUND_WAIT = 20_000

#: A Monday in term: Beginning Strings meets 15:30-17:00 every weekday.
TODAY = dt.date(2026, 9, 14)


@pytest.fixture
def window(qtbot: QtBot, services: Services, hub: HubFixture) -> Iterator[MainWindow]:
    """The main window on TODAY (syncing only when asked), shown, with the day loaded."""
    yield from shown_main_window(qtbot, services, hub)


def shown_main_window(qtbot: QtBot, services: Services, hub: HubFixture) -> Iterator[MainWindow]:
    """:func:`window`'s body, for a test module whose own ``window`` is another one."""
    win = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(win)
    try:
        with qtbot.waitSignal(win.register.dayLoaded, timeout=BACKGROUND_WAIT):
            win.show()
        yield win
    finally:
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
    its); closed with its task manager afterwards. Typed changes left in it are dropped
    unasked, as when the application stops: pytest-qt closes (and deletes) the window
    before this closes it, and an open question is closed unanswered."""
    tasks = TaskManager(services)
    win = ProgrammeWindow(services, tasks, None, today=dt.date(2026, 9, 1))
    qtbot.addWidget(win, before_close_func=lambda w: w.close_dropping_changes())
    try:
        # Inside the try: a setup that times out (a loaded machine) still stops the
        # tasks' threads, rather than failing the next test with threads left running.
        with qtbot.waitSignal(win.codes.loaded, timeout=BACKGROUND_WAIT):
            win.show()
        qtbot.waitUntil(lambda: win.ensembles.hub_box.count() == 1, timeout=BACKGROUND_WAIT)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=BACKGROUND_WAIT)
        yield win
    finally:
        if shiboken6.isValid(win):  # not yet deleted by pytest-qt (a failed test)
            win.close_dropping_changes()
        tasks.shutdown()


# -- a small screen: 1280×720 at 200 % -----------------------------------------------------

#: What 1280×720 at 200 % leaves: 640×360 (less title bar and task bar: screen_fit).
SMALL = QRect(0, 0, 640, 360)


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Every window is fitted to a 640×360 screen (as at ``QT_SCALE_FACTOR=2``)."""
    from harmony_desktop.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: SMALL)
    return SMALL


def on_screen(widget: QWidget) -> bool:
    """``widget`` lies wholly inside the small screen and wholly in sight: not cut by
    the dialog's scroll area, nor squashed below the height its text needs."""
    rect = widget.rect()
    corners = (widget.mapToGlobal(rect.topLeft()), widget.mapToGlobal(rect.bottomRight()))
    whole = widget.visibleRegion().boundingRect() == rect
    needs = widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() else 0
    return all(SMALL.contains(c) for c in corners) and whole and widget.height() >= needs


@contextlib.contextmanager
def qt_file_dialogs() -> Iterator[None]:
    """Qt's own file dialog (a desktop's native one is fitted by the desktop)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    try:
        yield
    finally:
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, before)


def comes_true(qtbot: QtBot, condition: Callable[[], bool], timeout: int = 3000) -> bool:
    """Whether ``condition`` comes true within ``timeout`` ms: a check inside a modal
    dialog's event loop, which must close the dialog whatever it finds."""
    try:
        qtbot.waitUntil(condition, timeout=timeout)
    except WaitTimeout:
        return False
    return True


def collect_what_the_test_left() -> Iterator[None]:
    """A fixture's body: after the test, free on this (the UI) thread the objects it
    left in reference cycles, such as the windows ``run_window`` leaves behind
    (collected later by chance on a worker thread, their deletion crashed the next
    test). Only what the test made is looked at: what was there before is frozen
    meanwhile, since a full collection late in the suite (a million objects) took
    about 4 seconds each time."""
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()  # only what the test made: the rest is frozen
        gc.unfreeze()
