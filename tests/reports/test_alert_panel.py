"""The register's consecutive-absence alert, in the window."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.store import settings
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.tasks import Changes
from tests.reports.register import Register


def test_alert_lists_students_to_call(qtbot: QtBot, services: Services, register: Register) -> None:
    services.store.settings.set(settings.ABSENCE_ALERT_THRESHOLD, 2)
    win = MainWindow(services, register.north, today=dt.date(2025, 11, 20), auto_sync=False)
    qtbot.addWidget(win)
    try:
        panel = win.register.absence_alerts
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            win.show()
        assert panel.isVisible()
        assert [panel.list.item(i).text() for i in range(panel.list.count())] == [
            "Garcia, Ana · Strings · 2 unexcused absences in a row"
        ]
        # Ana's run ends when her absence is excused
        session = register.sessions[("Strings", dt.date(2025, 11, 3), "15:00")]
        services.roll.mark(session, register.students["Ana"], "AE", by=None)
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            win.tasks.notify(Changes(marks=True))
        assert panel.list.count() == 0 and not panel.isVisible()
    finally:
        win.shutdown()


def test_left_early_offers_the_california_reasons(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    from harmony_desktop.services.roll import PickupInfo
    from harmony_desktop.ui.register.dialogs import DepartureDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = DepartureDialog(
        "Ana",
        "Left early",
        dt.time(16),
        (dt.time(15, 30), dt.time(17)),
        PickupInfo(False, [], []),
        [],
        parent,
        reason="ca_illness",
    )
    box = dialog.reason_box
    texts = [box.itemText(i) for i in range(box.count())]
    assert "Medical" in texts and "Illness (CA early release)" in texts
    assert box.currentData() == "ca_illness"
