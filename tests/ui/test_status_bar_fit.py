"""The status bar of a 1280 px wide window: the sync message is read whole, without
hovering, in English and in Spanish, beside the hub, the date, the connection, the last
sync, the changes waiting and the Sync button.

Before, in Spanish, the message was cut: "No se puede conectar con el servidor: se rei…",
so "your work is safe" was never seen.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.sync import SyncStatus
from harmony_desktop.store.models import Hub
from harmony_desktop.ui.main_window import MainWindow
from harmony_sync.client import ServerUnreachable
from tests.factories import HubFixture
from tests.ui.conftest import TODAY

#: The offline messages, retrying in a minute and with no retry planned.
OFFLINE = {
    "en_US": [
        "Server unreachable: retrying in 1 min. Your work is safe.",
        "Server unreachable. Your work is safe on this laptop.",
    ],
    "es_MX": [
        "Servidor sin respuesta: nuevo intento en 1 min. Su trabajo está a salvo.",
        "Servidor sin respuesta. Su trabajo está a salvo en esta computadora.",
    ],
}


def _offline_window(
    qtbot: QtBot, services: Services, hub: HubFixture, hub_name: str, *, retry: bool
) -> MainWindow:
    """A 1280×720 window offline after a failed sync: last synced in another year (the
    date's longest form) with 12 changes waiting."""
    with services.store.write() as w:
        w.update(w.get(Hub, hub.hub_id), name=hub_name)
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=5000):
        window.show()
    window.resize(1280, 720)
    status = window.sync_ui.status
    controller = status.controller
    qtbot.waitUntil(lambda: controller.status is not None, timeout=5000)
    last = dt.datetime(2025, 12, 5, 1, 58, tzinfo=dt.UTC)
    status.show_status(SyncStatus(True, "https://sync.example.org", last, 12, None, 0))
    controller._set_online(False)
    if retry:
        controller.auto_timer.start(60_000)
    status._failed(ServerUnreachable("unreachable", code="unreachable"))
    qtbot.waitUntil(lambda: window.width() == 1280 and status.message_label.width() > 0)
    qtbot.wait(50)  # laid out
    return window


@pytest.mark.parametrize("retry", [True, False], ids=["retrying", "no-retry"])
def test_at_1280_px_the_offline_message_is_shown_whole(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str, retry: bool
) -> None:
    window = _offline_window(qtbot, services, hub, "Hollenbeck Park", retry=retry)
    try:
        status = window.sync_ui.status
        message = status.message_label
        assert message.text() == OFFLINE[language][0 if retry else 1]
        assert message.shown_text() == message.text()  # no "…"
        assert window.hub_label.text() == "Hollenbeck Park"
        assert (
            window.date_label.text()
            == {"en_US": "Mon 14 Sep 2026", "es_MX": "lun 14 sep 2026"}[language]
        )
        assert status.last_label.text().endswith(
            "2025 1:58\u202fAM" if language == "en_US" else "2025 1:58\u202fa.m."
        )
        for label in (
            window.hub_label,
            window.date_label,
            status.online_label,
            status.last_label,
            status.pending_label,
            status.sync_button,
        ):
            assert label.isVisible(), label.accessibleName()
            assert label.width() >= label.sizeHint().width(), label.accessibleName()
    finally:
        window.shutdown()


def test_a_long_hub_name_gives_way_to_the_message(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """The hub's name is in the window's title too: a long one ends in "…" (whole in its
    tooltip), the sync message stays whole."""
    window = _offline_window(qtbot, services, hub, "Highland Park Community Center", retry=True)
    try:
        message = window.sync_ui.status.message_label
        assert message.shown_text() == message.text() == OFFLINE[language][0]
        hub_label = window.hub_label
        assert hub_label.text() == "Highland Park Community Center"
        assert hub_label.shown_text().startswith("Highland Park")
        assert hub_label.shown_text().endswith("…")
        assert "Highland Park Community Center" in hub_label.toolTip()
        assert "Highland Park Community Center" in window.windowTitle()
    finally:
        window.shutdown()
