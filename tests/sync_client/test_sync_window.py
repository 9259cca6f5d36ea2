"""The sync UI in the real MainWindow: status widget, Sync menu, review page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.main_window import MainWindow
from tests.factories import make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import ReplicaFactory


def test_sync_ui_in_the_main_window(
    qtbot: QtBot, replica: ReplicaFactory, live: SyncServer
) -> None:
    rep = replica("window")
    hub = make_hub(rep.services, students=3)
    live.add_hub("Test Park Hub", hub.hub_id)
    window = MainWindow(rep.services, hub.hub_id, today=dt.date(2026, 9, 14), auto_sync=False)
    qtbot.addWidget(window)
    try:
        ui = window.sync_ui
        ui.controller.service.http_session = rep.http
        window.show()
        titles = [window.pages.tabText(i) for i in range(window.pages.count())]
        assert "Needs review" in titles  # nothing to review yet: no count
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&Sync" in menus
        assert not ui.status.isHidden()
        qtbot.waitUntil(lambda: "Working alone" in ui.status.online_label.text(), timeout=20_000)
        assert ui.sync_action.text() == "Set up s&ync…"  # nothing to sync with yet
        # enroll (the dialog), then sync from the menu action; the register stays usable
        code = live.enrollment_code([hub.hub_id])
        dialog = ui.show_enroll()
        qtbot.keyClicks(dialog.server_edit, live.url)
        qtbot.keyClicks(dialog.code_edit, code)
        with qtbot.waitSignal(ui.controller.syncFinished, timeout=30_000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert rep.store.pending_changes() == 0
        assert ui.status.pending_label.text() == "All changes synced"
        assert ui.sync_action.text() == "&Sync now"
        rep.services.roster.update_student(hub.student_ids[0], grade="4")
        with qtbot.waitSignal(ui.controller.syncFinished, timeout=30_000):
            ui.sync_action.trigger()
        assert rep.store.pending_changes() == 0
    finally:
        window.shutdown()
