"""The register's consecutive-absence alert, in the window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.store import settings
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.tasks import Changes
from tests.reports.register import Register


def test_alert_lists_students_to_call(
    qtbot: QtBot, qapp: QApplication, services: Services, register: Register
) -> None:
    services.store.settings.set(settings.ABSENCE_ALERT_THRESHOLD, 2)
    install_translator(qapp, QLocale("en_US"))  # English, with its plural forms
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
        # One student: the singular ("1 students missed" was written before).
        assert panel.title.text() == (
            "1 student missed several sessions in a row without an excuse: call home."
        )
        alerts = list(panel.alerts)
        try:
            assert install_translator(qapp, QLocale("es_MX"))
            panel._show(alerts)
            assert panel.title.text() == (
                "1 estudiante faltó a varias sesiones seguidas sin justificación: llame a su casa."
            )
            panel._show(alerts * 2)
            assert panel.title.text() == (
                "2 estudiantes faltaron a varias sesiones seguidas sin justificación: "
                "llame a sus casas."
            )
        finally:
            install_translator(qapp, QLocale("en_US"))
        panel._show(alerts * 3)
        assert panel.title.text().startswith("3 students missed several sessions")
        # The list is as tall as its alerts, three at most (then it scrolls), so the roll
        # below keeps the room on a small screen; under the day's list, an alert may wrap
        # onto a second line, and the list is as tall as the wrapped rows.
        row = panel.list.visualItemRect(panel.list.item(0)).height()
        frame = 2 * panel.list.frameWidth()
        assert panel.list.height() == 3 * row + frame
        panel._show(alerts * 5)
        assert panel.list.height() == 3 * row + frame
        panel._show(alerts)
        assert panel.list.height() == row + frame
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
