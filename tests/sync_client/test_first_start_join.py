"""First start, "Join your programme": a new laptop enrolls with a real server from the
welcome dialog, syncs, and opens on the hub that arrives with its ensembles and roster."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.programme.first_start import JOIN, FirstStartDialog
from tests.factories import make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import ReplicaFactory

WAIT = 30_000


def test_a_new_laptop_joins_and_receives_its_hub(
    qtbot: QtBot, replica: ReplicaFactory, live: SyncServer
) -> None:
    site, new = replica("site"), replica("new")
    hub = make_hub(site.services, students=3)
    live.add_hub("Test Park Hub", hub.hub_id)
    site.enroll([hub.hub_id])
    site.sync.sync()
    assert new.services.hubs.hubs() == []

    dialog = FirstStartDialog(new.services, sync=new.sync)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        enroll = dialog.enroll_dialog
        qtbot.keyClicks(enroll.server_edit, live.url)
        qtbot.keyClicks(enroll.code_edit, live.enrollment_code([hub.hub_id]))
        held: list[bool] = []  # while the programme arrives, nothing else can be chosen
        dialog.controller.syncStarted.connect(  # type: ignore[union-attr]
            lambda: held.append(
                not dialog.demo_button.isEnabled()
                and not dialog.alone_button.isEnabled()
                and not dialog.restore_button.isEnabled()
            )
        )
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
            qtbot.mouseClick(enroll.ok_button, Qt.MouseButton.LeftButton)
        assert held == [True]
        assert (dialog.choice, dialog.hub_id) == (JOIN, hub.hub_id)
        assert new.sync.is_enrolled()
        assert [e.name for e in new.services.setup.ensembles(hub.hub_id)] == [
            "Beginning Strings",
            "Choir",
        ]
        assert not new.services.setup.access().hubs_editable  # hubs come from the server now
    finally:
        dialog.shutdown()
