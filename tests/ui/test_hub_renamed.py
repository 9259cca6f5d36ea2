"""The main window follows the programme's set-up: a hub renamed in File ▸ Programme
set-up… is renamed in the window's title and its status bar at once, and a second hub
added there can be switched to (File ▸ Switch hub… stayed greyed out, and the old name
stayed, until the app was closed and opened again)."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import HubRecord
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.tasks import Changes
from tests.factories import HubFixture


def test_a_hub_renamed_and_a_hub_added_in_the_set_up_show_in_the_window_at_once(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    assert not window.switch_hub_action.isEnabled()  # one hub
    (record,) = (h for h in services.setup.hubs() if h.id == hub.hub_id)
    services.setup.save_hub(dataclasses.replace(record, name="Riverside Music Hub"))
    services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    window.tasks.notify(Changes(setup=True))  # as the Programme window's Save does
    qtbot.waitUntil(lambda: window.hub_label.text() == "Riverside Music Hub", timeout=20_000)
    assert window.windowTitle() == "Riverside Music Hub — Harmony Desktop"
    assert window.hub_label.toolTip() == "Hub: Riverside Music Hub"
    assert window.hub_name == "Riverside Music Hub"
    assert window.switch_hub_action.isEnabled()


def test_a_change_elsewhere_leaves_the_hub_as_it_was(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    before = window.hub_label.text()
    (record,) = (h for h in services.setup.hubs() if h.id == hub.hub_id)
    services.setup.save_hub(dataclasses.replace(record, name="Not read yet"))
    window.tasks.notify(Changes(marks=True))  # a mark: the set-up is not read again
    # whatever the notice started has come back (on a loaded machine, a fixed wait
    # could end before a wrong read of the set-up did, and prove nothing)
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=20_000)
    qtbot.wait(100)
    assert window.hub_label.text() == before
    assert not window.switch_hub_action.isEnabled()
