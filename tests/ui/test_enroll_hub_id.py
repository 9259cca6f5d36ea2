"""The Enroll dialog names this laptop's hub with its id, selectable: the office needs
the id (``harmony-sync add-hub --id``) when a laptop set up alone joins a server."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.main_window import MainWindow
from tests.factories import HubFixture


def test_the_enroll_dialog_says_this_laptops_hub_and_its_id(
    qtbot: QtBot, window: MainWindow, hub: HubFixture
) -> None:
    dialog = window.sync_ui.show_enroll()
    try:
        label = dialog.hub_label
        assert label.isVisible()
        assert label.text() == f"This laptop's hub: Test Park Hub (id {hub.hub_id})"
        flags = label.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
        assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    finally:
        dialog.reject()
