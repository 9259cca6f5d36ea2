"""The register's clock-behind band on laptops whose stamps ran ahead, against a real
server: it goes as soon as a sync in the open window has set the register's clock right
(it used to stay, and ask before the first mark, until Harmony was reopened), and it
stays, with the register working, while the server cannot be reached."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.store import settings as local
from harmony_desktop.ui.main_window import MainWindow
from harmony_sync.hlc import wall_clock_ms
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory, two_laptops
from tests.sync_client.test_clock_years_ahead import mark_with_clock_two_years_ahead

WAIT = 30_000


def open_window(qtbot: QtBot, rep: Replica, hub_id: str) -> MainWindow:
    """The laptop's main window on today, its day loaded and its clock checked."""
    window = MainWindow(rep.services, hub_id, today=dt.date.today(), auto_sync=False)
    qtbot.addWidget(window)
    page = window.register
    with qtbot.waitSignals([page.dayLoaded, page.clockChecked], timeout=WAIT):
        window.show()
    return window


def test_the_band_goes_when_the_windows_sync_resets_a_clock_that_was_years_ahead(
    qtbot: QtBot, replica: ReplicaFactory, live: SyncServer
) -> None:
    a, _b, hub = two_laptops(replica, live, students=3)
    mark_with_clock_two_years_ahead(a, hub)
    # Stamps ahead that no comparison explains (an older version kept none): a sync
    # that found the clock ahead would explain them, and no band would show at all.
    a.store.settings.set(local.SYNC_CLOCK_SEEN, None)
    a.store.wall = wall_clock_ms  # the year is fixed
    window = open_window(qtbot, a, hub.hub_id)
    page = window.register
    try:
        assert page.clock_banner.isVisible() and page.clock_behind is not None
        controller = window.sync_ui.controller
        with qtbot.waitSignals([controller.syncFinished, page.clockChecked], timeout=WAIT):
            assert controller.sync_now()
        assert page.clock_behind is None
        assert not page.clock_banner.isVisible()
        assert a.store.pending_changes() == 0
    finally:
        window.shutdown()
        QApplication.processEvents()
