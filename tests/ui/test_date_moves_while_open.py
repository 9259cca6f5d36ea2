"""This computer's date changed while the register is open: the register compares it
again with what it recorded whenever the window looks whether the day moved on (every
minute, and when the app comes back to the front), in the background. A date gone wrong
brings the band without moving the register off its day or the open roll; set right
again, the band goes. A date set right while the register was open on the wrong day
opens the window on the right day, as a new day does."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.clock_check import ClockBehind, ClockCheck
from harmony_desktop.services.context import Services
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import HubFixture
from tests.ui.test_clock_behind import (
    BIOS,
    RECORDED,
    Y2K,
    ms,
    open_window,
    recorded_hub,
    stored_codes,
    zone,
)
from tests.ui.test_roll_taker import open_session

__all__ = ["recorded_hub", "zone"]  # fixtures

#: The same afternoon as the last recorded change: Thursday 3 December 2026, 13:45 in
#: Mexico City, while Beginning Strings meets every weekday.
THURSDAY = RECORDED + dt.timedelta(hours=3)


def app_comes_to_the_front(qtbot: QtBot, window: MainWindow) -> None:
    """The app comes back to the front (as after the computer's settings were used), and
    the register's comparison has answered."""
    with qtbot.waitSignal(window.register.clockChecked, timeout=20_000):
        window._app_state_changed(Qt.ApplicationState.ApplicationActive)


def minute_passes(qtbot: QtBot, window: MainWindow) -> None:
    """The window's one-minute look at the date (its timer's slot), answered."""
    with qtbot.waitSignal(window.register.clockChecked, timeout=20_000):
        window.look_at_the_date()


def test_a_date_gone_wrong_brings_the_band_and_the_roll_stays_open(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    window = open_window(qtbot, services, recorded_hub, THURSDAY)
    window._opened_on = dt.date(2026, 12, 3)  # the computer's day when it opened
    page = window.register
    try:
        assert not page.clock_banner.isVisible()
        session = open_session(qtbot, window)
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        on = page.roll.current_entry()
        assert on is not None

        # The computer's clock falls back to a dead battery's date.
        services.store.wall = lambda: ms(Y2K)
        app_comes_to_the_front(qtbot, window)
        band = page.clock_banner
        assert band.isVisible()
        assert band.label.text() == (
            "<b>⚠ This computer's date is wrong.</b> It now says Saturday 1 January 2000, "
            "but this register already has changes from Thursday 3 December 2026. The "
            "register stays on Thursday 3 December 2026, so marks are still saved on that "
            "day. Set the date and time in this computer's settings."
        )
        assert "#b00020" in band.styleSheet()  # red
        # The window did not open again on 1 January 2000: the day, the roll, the
        # student and the keyboard are where the teacher left them.
        assert window.successor is None and window.isVisible()
        assert page.today == dt.date(2026, 12, 3) and page.day == dt.date(2026, 12, 3)
        assert window.date_label.text() == "Thu 3 Dec 2026"
        assert page.session is not None and page.session.id == session and page.roll_ready
        current = page.roll.current_entry()
        assert current is not None and current.student_id == on.student_id
        assert QApplication.focusWidget() is page.roll_view
        # Marks still land on Thursday, asked about nothing.
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "A")
        assert page.active_dialog is None
        assert stored_codes(services, session) == ["AE", "P"]
        # The next minute's look changes nothing.
        minute_passes(qtbot, window)
        assert window.successor is None and band.isVisible()

        # Set right again (the same afternoon): the band goes at the next look.
        services.store.wall = lambda: ms(THURSDAY + dt.timedelta(minutes=5))
        minute_passes(qtbot, window)
        assert not band.isVisible()
        assert page.date_gone_wrong is None and page.clock_behind is None
        assert window.successor is None and page.session is not None
        assert page.session.id == session
        assert QApplication.focusWidget() is page.roll_view
    finally:
        window.shutdown()


def test_a_date_set_right_opens_the_window_on_the_right_day_once_nothing_is_asked(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    """Opened on the BIOS's Monday 14 September 2026 (red band), a mark asked about; the
    date is set right meanwhile. While the question is open the window stays as it is,
    band and all (the register still shows 14 September); once it is answered, the next
    look opens the window on Thursday 3 December, without the band."""
    window = open_window(qtbot, services, recorded_hub, BIOS)
    window._opened_on = dt.date(2026, 9, 14)
    page = window.register
    after: MainWindow | None = None
    try:
        assert page.clock_banner.isVisible()
        open_session(qtbot, window)
        qtbot.keyClick(page.roll_view, "P")
        box = page.active_dialog
        assert isinstance(box, QMessageBox)

        services.store.wall = lambda: ms(THURSDAY)
        app_comes_to_the_front(qtbot, window)
        assert window.successor is None
        assert page.clock_banner.isVisible()
        assert "It says Monday 14 September 2026" in page.clock_banner.label.text()
        assert page.active_dialog is box

        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
        with qtbot.waitSignal(page.clockChecked, timeout=20_000):
            window.look_at_the_date()
        after = window.successor
        assert after is not None
        qtbot.addWidget(after)
        with qtbot.waitSignal(after.register.clockChecked, timeout=20_000):
            pass
        assert after.register.today == dt.date(2026, 12, 3)
        assert after.register.clock_behind is None
        assert not after.register.clock_banner.isVisible()
    finally:
        if after is not None:
            after.shutdown()
        window.shutdown()


def test_one_comparison_at_a_time_and_never_on_the_ui_thread(
    qtbot: QtBot,
    services: Services,
    recorded_hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, services, recorded_hub, THURSDAY)
    window._opened_on = dt.date(2026, 12, 3)
    page = window.register
    threads: list[threading.Thread] = []
    reading = threading.Event()
    reading.set()
    compare = ClockCheck.behind

    def counted(self: ClockCheck) -> ClockBehind | None:
        threads.append(threading.current_thread())
        reading.wait(5)
        return compare(self)

    monkeypatch.setattr(ClockCheck, "behind", counted)
    answered: list[object] = []
    page.clockChecked.connect(answered.append)
    try:
        # Three looks while the database thread is busy with something else: one
        # comparison, on that thread, answered once.
        busy = threading.Event()
        window.tasks.run(lambda _progress: busy.wait(5), lambda _done: None)
        window._app_state_changed(Qt.ApplicationState.ApplicationActive)
        window.look_at_the_date()
        window.look_at_the_date()
        with qtbot.waitSignal(page.clockChecked, timeout=20_000):
            busy.set()
        qtbot.wait(200)
        assert len(threads) == 1 and len(answered) == 1
        assert threads[0] is not threading.main_thread()

        # A look while the comparison is reading: it may have read before the date
        # changed, so one more follows, and only its answer shows.
        reading.clear()
        window.look_at_the_date()
        qtbot.waitUntil(lambda: len(threads) == 2, timeout=20_000)
        services.store.wall = lambda: ms(Y2K)
        window.look_at_the_date()
        with qtbot.waitSignal(page.clockChecked, timeout=20_000):
            reading.set()
        qtbot.wait(200)
        assert len(threads) == 3 and len(answered) == 2
        assert page.date_gone_wrong is not None and page.clock_banner.isVisible()
    finally:
        reading.set()
        window.shutdown()


def test_the_band_of_a_date_gone_wrong_in_spanish(
    qtbot: QtBot, language: str, services: Services, recorded_hub: HubFixture
) -> None:
    window = open_window(qtbot, services, recorded_hub, THURSDAY)
    window._opened_on = dt.date(2026, 12, 3)
    try:
        services.store.wall = lambda: ms(Y2K)
        app_comes_to_the_front(qtbot, window)
        text = window.register.clock_banner.label.text()
        if language == "es_MX":
            assert text.startswith("<b>⚠ La fecha de esta computadora está mal.</b>")
            assert "sáb 1 de enero de 2000" in text
            assert "jue 3 de diciembre de 2026" in text
            assert "It now says" not in text
        else:
            assert "It now says Saturday 1 January 2000" in text
    finally:
        window.shutdown()
