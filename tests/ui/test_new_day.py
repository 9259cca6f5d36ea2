"""A laptop left open, or asleep, overnight: the window opens again on the new day, so
the register's "today" and its sessions are the new day's and no roll is taken on
yesterday's sessions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import HubFixture

TUESDAY = dt.date(2026, 11, 17)
WEDNESDAY = dt.date(2026, 11, 18)


def opened_on_tuesday(qtbot: QtBot, services: Services, hub: HubFixture) -> MainWindow:
    window = MainWindow(services, hub.hub_id, today=TUESDAY, auto_sync=False)
    qtbot.addWidget(window)
    window._opened_on = TUESDAY  # the computer's day when it opened
    window.show()
    return window


def test_the_next_morning_the_window_opens_again_on_the_new_day(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    window = opened_on_tuesday(qtbot, services, hub)
    assert window.register.today == TUESDAY
    assert window.check_new_day(TUESDAY) is None  # the same day: nothing happens
    window.pages.setCurrentIndex(1)  # the Roster
    after = window.check_new_day(WEDNESDAY)
    assert after is not None
    qtbot.addWidget(after)
    try:
        assert window.successor is after and not window.isVisible()
        assert after.isVisible()
        assert after.register.today == WEDNESDAY and after.register.day == WEDNESDAY
        assert after.pages.currentIndex() == 1  # on the tab it was on
        assert after.statusBar().currentMessage() == (
            "A new day: the register now shows today, Wednesday 18 November 2026. "
            "Every mark is saved."
        )
        assert after.check_new_day(WEDNESDAY) is None
    finally:
        after.shutdown()


def test_not_while_a_question_is_open(qtbot: QtBot, services: Services, hub: HubFixture) -> None:
    window = opened_on_tuesday(qtbot, services, hub)
    box = QMessageBox(QMessageBox.Icon.Question, "Harmony", "Late at what time?", parent=window)
    box.open()  # window-modal, as the register's questions are
    qtbot.waitUntil(lambda: box.isVisible(), timeout=20_000)
    try:
        assert window.check_new_day(WEDNESDAY) is None
        assert window.successor is None and window.register.today == TUESDAY
    finally:
        box.close()
    after = window.check_new_day(WEDNESDAY)  # the next check, once it is answered
    assert after is not None
    qtbot.addWidget(after)
    after.shutdown()
