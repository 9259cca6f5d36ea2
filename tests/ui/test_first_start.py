"""The first start on a database with no hub: an installed app offers three ways in
(join the programme, set one up on this laptop, try the demo); run from a clone
(``./dev run``) it opens on the demo as before."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import HubRecord
from harmony_desktop.startup import open_app
from harmony_desktop.ui import app as app_module
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme.first_start import ALONE, DEMO, FirstStartDialog
from harmony_desktop.ui.sync.enroll import EnrollDialog


@pytest.fixture(autouse=True)
def _collect_widgets_here() -> Iterator[None]:
    """Free the windows ``run_window`` left behind on this (the UI) thread: collected
    later by chance on a worker thread, their deletion crashed the next test."""
    yield
    gc.collect()


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> Iterator[FirstStartDialog]:
    made = FirstStartDialog(services)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.shutdown()


def set_up_alone(qtbot: QtBot, dialog: FirstStartDialog, name: str) -> None:
    """Choose "Set up a programme on this laptop", name the hub, create it."""
    qtbot.mouseClick(dialog.alone_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    qtbot.keyClicks(dialog.hub_name, name)
    dialog.hub_timezone.setCurrentText("America/Chicago")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.hub_name, Qt.Key.Key_Return)  # the form's default button


def test_set_up_alone_creates_the_first_hub(
    qtbot: QtBot, dialog: FirstStartDialog, services: Services
) -> None:
    assert services.hubs.hubs() == []
    # a hub needs a name: the dialog says so and stays open
    qtbot.mouseClick(dialog.alone_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "name" in dialog.message.text().lower(), timeout=10_000)
    assert dialog.isVisible() and services.hubs.hubs() == []
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    set_up_alone(qtbot, dialog, "Riverside Community Centre")
    (hub,) = services.setup.hubs()
    assert (hub.name, hub.timezone) == ("Riverside Community Centre", "America/Chicago")
    assert (dialog.choice, dialog.hub_id) == (ALONE, hub.id)
    assert services.setup.access().hubs_editable  # on its own, this laptop is the programme


def test_try_the_demo_makes_a_generated_hub(
    qtbot: QtBot, dialog: FirstStartDialog, services: Services
) -> None:
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    (hub,) = services.hubs.hubs()
    assert (dialog.choice, dialog.hub_id) == (DEMO, hub.id)
    assert services.setup.ensembles(hub.id)


def test_join_opens_the_enrollment_dialog(qtbot: QtBot, dialog: FirstStartDialog) -> None:
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    enroll = dialog.enroll_dialog
    assert isinstance(enroll, EnrollDialog)
    qtbot.waitUntil(enroll.isVisible, timeout=5000)
    enroll.reject()
    assert dialog.isVisible() and dialog.hub_id is None  # the three choices stay


def _empty_data_dir(tmp_path: Path) -> Path:
    return tmp_path / "app-data"


def test_an_installed_app_asks_and_opens_the_programme_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "is_frozen", lambda: True)
    asked: list[FirstStartDialog] = []

    def answer(dialog: FirstStartDialog) -> int:
        asked.append(dialog)
        dialog.show()
        set_up_alone(qtbot, dialog, "Maple School Hub")
        return int(dialog.result())

    seen: list[tuple[str, str]] = []

    def look(_app: QApplication) -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        programme = window.programme_window
        assert programme is not None and programme.isVisible()
        seen.append(
            (
                window.services.hubs.hub(window.hub_id).name,
                programme.tabs.currentWidget() is programme.ensembles,
            )
        )
        window.close()
        return 0

    monkeypatch.setattr(FirstStartDialog, "exec", answer)
    monkeypatch.setattr(QApplication, "exec", look)
    assert app_module.run_window(str(_empty_data_dir(tmp_path))) == 0
    assert len(asked) == 1 and seen == [("Maple School Hub", True)]

    # A second hub, first by name, arrives later (set up or imported): the next start
    # still opens the hub the site lead made, not the first one in the list.
    with open_app(_empty_data_dir(tmp_path), backup=False) as services:
        services.setup.save_hub(HubRecord(None, "Aspen Park Hub", timezone="America/Chicago"))
    reopened: list[str] = []

    def look_again(_app: QApplication) -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        reopened.append(window.services.hubs.hub(window.hub_id).name)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", look_again)
    assert app_module.run_window(str(_empty_data_dir(tmp_path))) == 0
    assert len(asked) == 1 and reopened == ["Maple School Hub"]


def test_run_from_a_clone_opens_on_the_demo(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "is_frozen", lambda: False)

    def never(_dialog: FirstStartDialog) -> int:
        raise AssertionError("a clone opens on the demo without asking")

    opened: list[str] = []

    def look(_app: QApplication) -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        opened.append(window.hub_id)
        window.close()
        return 0

    monkeypatch.setattr(FirstStartDialog, "exec", never)
    monkeypatch.setattr(QApplication, "exec", look)
    data = _empty_data_dir(tmp_path)
    assert app_module.run_window(str(data)) == 0
    with open_app(data) as services:
        (hub,) = services.hubs.hubs()
    assert opened == [hub.id]
