"""Cancelling or adding a session on this computer's certainly wrong "today" (its clock
is behind what the register recorded) asks first, as a mark does: the question's go-on
button names the action, and Escape writes nothing. On another day nothing is asked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.register.dialogs import AdHocDialog, CancelDialog
from harmony_desktop.ui.register.page import RegisterPage
from tests.factories import HubFixture
from tests.ui.test_clock_behind import BIOS, MONDAY, open_window, recorded_hub, zone
from tests.ui.test_roll_taker import open_session
from tests.ui.test_wrong_day_open import NOTHING, Added, stored_session

__all__ = ["recorded_hub", "zone"]  # fixtures


def question(qtbot: QtBot, page: RegisterPage) -> QMessageBox:
    qtbot.waitUntil(lambda: page.active_dialog is not None, timeout=20_000)
    box = page.active_dialog
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Check this computer's date"
    return box


def escape(qtbot: QtBot, page: RegisterPage, box: QMessageBox) -> None:
    assert box.defaultButton() is box.escapeButton()  # Enter does not go on by mistake
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)


def test_cancelling_a_session_on_the_wrong_today_asks_first(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    try:
        assert page.day == MONDAY
        monday = open_session(qtbot, window)
        added = Added(services, monkeypatch)

        page.cancel_button.click()
        box = question(qtbot, page)
        assert box.text() == (
            "This computer says today is Monday 14 September 2026, but this register "
            "already has changes from Thursday 3 December 2026. The session cancelled now "
            "is the one on Monday 14 September 2026.\n\nIf you can, set the date and time "
            "in this computer's settings first, then close and reopen Harmony."
        )
        names = [b.text() for b in box.buttons()]
        assert sorted(names) == ["Cancel", "Cancel session anyway"]
        escape(qtbot, page, box)
        assert added() == NOTHING
        assert stored_session(services, monday) is None

        # Asked again; going on opens the reason, and only then is anything written.
        page.cancel_button.click()
        box = question(qtbot, page)
        go_on = next(b for b in box.buttons() if b.text() == "Cancel session anyway")
        go_on.click()
        qtbot.waitUntil(lambda: isinstance(page.active_dialog, CancelDialog), timeout=20_000)
        assert added() == NOTHING
        dialog = page.active_dialog
        assert isinstance(dialog, CancelDialog)
        dialog.reason_box.setCurrentText("Weather")
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            dialog.accept()
        assert stored_session(services, monday) == ("2026-09-14", "cancelled")
        counts = added()
        assert counts["sessions"] == 1
        assert counts["outbox"] >= 1
    finally:
        window.shutdown()


def test_cancelling_on_another_day_asks_nothing(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    try:
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            page.set_day(dt.date(2026, 9, 11))
        open_session(qtbot, window)
        page.cancel_button.click()
        qtbot.waitUntil(lambda: page.active_dialog is not None, timeout=20_000)
        assert isinstance(page.active_dialog, CancelDialog)
    finally:
        window.shutdown()


def test_adding_a_session_on_the_wrong_today_asks_first(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    try:
        added = Added(services, monkeypatch)
        page.add_session_button.click()
        box = question(qtbot, page)
        assert (
            "A session added now is dated Monday 14 September 2026 unless you change its date."
            in box.text()
        )
        assert sorted(b.text() for b in box.buttons()) == ["Add session anyway", "Cancel"]
        escape(qtbot, page, box)
        assert added() == NOTHING

        page.add_session_button.click()
        box = question(qtbot, page)
        next(b for b in box.buttons() if b.text() == "Add session anyway").click()
        qtbot.waitUntil(lambda: isinstance(page.active_dialog, AdHocDialog), timeout=20_000)
        dialog = page.active_dialog
        assert isinstance(dialog, AdHocDialog)
        assert dialog.values()["day"] == MONDAY
        dialog.title_edit.setText("Sectional")
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            dialog.accept()
        counts = added()
        assert counts["sessions"] == 1
        assert counts["outbox"] >= 1
    finally:
        window.shutdown()
