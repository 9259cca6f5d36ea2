"""The status bar of a 1280 px wide window: the sync message is read whole, without
hovering, in English and in Spanish, beside the hub, the date, the connection, the last
sync, the changes waiting and the Sync button.

Before, in Spanish, the message was cut: "No se puede conectar con el servidor: se rei…",
so "your work is safe" was never seen.
"""

from __future__ import annotations

import contextlib
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
    with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
        window.show()
    window.resize(1280, 720)
    status = window.sync_ui.status
    controller = status.controller
    qtbot.waitUntil(lambda: controller.status is not None, timeout=20_000)
    last = dt.datetime(2025, 12, 5, 1, 58, tzinfo=dt.UTC)
    status.show_status(SyncStatus(True, "https://sync.example.org", last, 12, None, 0))
    controller._set_online(False)
    if retry:
        controller.auto_timer.start(60_000)
    status._failed(ServerUnreachable("unreachable", code="unreachable"))
    qtbot.waitUntil(
        lambda: window.width() == 1280 and status.message_label.width() > 0, timeout=20_000
    )
    # laid out: waited for, not a fixed 50 ms (a loaded machine or a parallel worker may
    # still have a pass of the bar's layout to come); a bar that never fits fails the
    # test's assertions after 5 s
    parts = [window.hub_label, window.date_label, status.online_label, status.last_label]
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(
            lambda: (
                status.message_label.shown_text() == status.message_label.text()
                and all(w.width() >= w.sizeHint().width() for w in parts if w.isVisible())
            ),
            timeout=5_000,
        )
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


#: The window on a 1024×600 netbook, less the room kept for a title bar and a task bar.
NETBOOK = (1012, 552)
LAST_YEAR = dt.datetime(2025, 12, 5, 1, 58, tzinfo=dt.UTC)  # the longest "last sync"


def _states() -> dict[str, tuple[SyncStatus, bool | None, bool]]:
    """The status bar's fullest states: (status, online, the end-of-day reminder)."""
    server = "https://sync.example.org"
    return {
        "not checked yet, reminder": (
            SyncStatus(True, server, LAST_YEAR, 12, None, 12),
            None,
            True,
        ),
        "offline": (SyncStatus(True, server, LAST_YEAR, 12, None, 12), False, False),
        "not a sync server": (SyncStatus(True, server, LAST_YEAR, 12, None, 12), True, False),
        "not enrolled here": (SyncStatus(False, server, LAST_YEAR, 12, None, 12), None, False),
        "working alone": (SyncStatus(False, None, None, 12, None, 0), None, False),
    }


@pytest.mark.parametrize("state", list(_states()))
def test_at_1024_px_every_part_of_the_status_bar_is_whole_and_on_the_bar(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str, state: str
) -> None:
    """On a 1024×600 netbook, in Spanish as in English, with 12 changes waiting and 12
    to review: the connection, the last sync, the counts and the button are whole and
    inside the window (before, in Spanish: "Pendiente de re…" cut at the edge, the
    button "rar la sincroni"); only the sync message and the hub's name give way, with
    "…", and say themselves whole in their tooltips."""
    with services.store.write() as w:
        w.update(w.get(Hub, hub.hub_id), name="Highland Park Community Center")
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
        window.show()
    try:
        window.resize(*NETBOOK)
        qtbot.waitUntil(lambda: window.width() == NETBOOK[0], timeout=20_000)
        bar = window.sync_ui.status
        controller = bar.controller
        qtbot.waitUntil(lambda: controller.status is not None, timeout=20_000)
        status, online, remind = _states()[state]
        controller.status = status
        controller.not_a_sync_server = state == "not a sync server"
        bar.show_status(status)
        controller.online = None
        if online is not None:
            controller._set_online(online)
        bar._show_online(online)
        window.sync_ui._conflicts = status.needs_review
        window.sync_ui._retitle()
        if remind:
            bar._remind(12)
        elif online is False:
            bar._failed(ServerUnreachable("unreachable", code="unreachable"))
        status_bar = window.statusBar()

        whole = [
            window.date_label, bar.online_label, bar.last_label, bar.pending_label,
            bar.review_label, bar.sync_button,
        ]  # fmt: skip
        # Laid out: a fixed 50 ms was too short on a loaded machine (a pass of the bar's
        # layout still to come, "Last sync" 107 px wide for 185). A bar that never fits
        # fails the assertions below after 5 s.
        with contextlib.suppress(qtbot.TimeoutError):
            qtbot.waitUntil(
                lambda: all(w.width() >= w.sizeHint().width() for w in whole if w.isVisible()),
                timeout=5_000,
            )
        for widget in whole:
            if not widget.isVisible():
                continue
            name = widget.accessibleName()
            assert widget.width() >= widget.sizeHint().width(), (name, widget.text())
            right = widget.mapTo(status_bar, widget.rect().topRight()).x()
            assert right < status_bar.width(), (name, widget.text())
        for giving in (window.hub_label, bar.message_label):
            if giving.isVisible() and giving.text():
                shown = giving.shown_text()
                assert shown == giving.text() or shown.endswith("…")
                assert giving.text() in giving.toolTip()
        if remind:
            assert (
                bar.message_label.text()
                == {
                    "en_US": "End of the day: 12 changes not synced yet. Sync before you leave?",
                    "es_MX": (
                        "¿Sincronizar antes de irse? Fin del día: 12 cambios todavía sin "
                        "sincronizar."
                    ),
                }[language]
            )
            # what is in sight is its start: in Spanish, the question
            assert bar.message_label.shown_text().startswith(
                {"en_US": "End of the day", "es_MX": "¿Sincronizar"}[language]
            )
    finally:
        window.shutdown()


def test_the_end_of_day_reminder_counts_what_the_counter_beside_it_counts(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """At 17:30 one change waited: "1 change not synced yet". Three more marks later the
    counter says 4; the reminder says 4 too, not a stale 1. Once all is synced it goes."""
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
        window.show()
    try:
        bar = window.sync_ui.status
        controller = bar.controller
        qtbot.waitUntil(lambda: controller.status is not None, timeout=20_000)
        controller.now = lambda: dt.datetime.combine(TODAY, dt.time(17, 40))
        server = "https://sync.example.org"
        controller._show_status(SyncStatus(True, server, LAST_YEAR, 1, None, 0))
        assert controller.check_reminder()
        texts = {
            "en_US": (
                "1 change waiting",
                "End of the day: 1 change not synced yet. Sync before you leave?",
                "4 changes waiting",
                "End of the day: 4 changes not synced yet. Sync before you leave?",
            ),
            "es_MX": (
                "1 cambio pendiente",
                "¿Sincronizar antes de irse? Fin del día: 1 cambio todavía sin sincronizar.",
                "4 cambios pendientes",
                "¿Sincronizar antes de irse? Fin del día: 4 cambios todavía sin sincronizar.",
            ),
        }[language]
        assert (bar.pending_label.text(), bar.message_label.text()) == texts[:2]
        controller._show_status(SyncStatus(True, server, LAST_YEAR, 4, None, 0))
        assert (bar.pending_label.text(), bar.message_label.text()) == texts[2:]
        assert bar.message_label.toolTip() == texts[3]
        assert not controller.check_reminder()  # once a day
        controller._show_status(SyncStatus(True, server, LAST_YEAR, 0, None, 0))
        assert bar.message_label.text() == ""
        controller._show_status(SyncStatus(True, server, LAST_YEAR, 2, None, 0))
        assert bar.message_label.text() == ""  # not brought back: it was said today
    finally:
        window.shutdown()
