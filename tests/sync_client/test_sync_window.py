"""install_sync_ui in the real MainWindow: status widget, Sync menu, review page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.app import Opened
from harmony_desktop.paths import resolve_paths
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.sync import install_sync_ui
from tests.factories import make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import ReplicaFactory


def test_sync_ui_in_the_main_window(
    qtbot: QtBot, replica: ReplicaFactory, live: SyncServer
) -> None:
    rep = replica("window")
    hub = make_hub(rep.services, students=3)
    live.add_hub("Test Park Hub", hub.hub_id)
    opened = Opened(resolve_paths(rep.folder), rep.store, rep.services)
    window = MainWindow(opened, hub.hub_id, today=dt.date(2026, 9, 14))
    qtbot.addWidget(window)
    try:
        install_sync_ui(window, auto=False)
        ui = window.sync_ui  # type: ignore[attr-defined]
        ui.controller.service.http_session = rep.http
        window.show()
        titles = [window.pages.tabText(i) for i in range(window.pages.count())]
        assert "Needs review" in titles  # nothing to review yet: no count
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&Sync" in menus
        assert not ui.status.isHidden() and window.sync_label.isHidden()
        assert "Not set up" in ui.status.online_label.text()
        # enroll (the dialog), then sync from the menu action; the register stays usable
        code = live.enrollment_code([hub.hub_id])
        dialog = ui.show_enroll()
        qtbot.keyClicks(dialog.server_edit, live.url)
        qtbot.keyClicks(dialog.code_edit, code)
        with qtbot.waitSignal(ui.controller.syncFinished, timeout=30_000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert rep.store.pending_changes() == 0
        assert ui.status.pending_label.text() == "All changes synced"
        rep.services.roster.update_student(hub.student_ids[0], grade="4")
        with qtbot.waitSignal(ui.controller.syncFinished, timeout=30_000):
            ui.sync_action.trigger()
        assert rep.store.pending_changes() == 0
    finally:
        window.shutdown()
