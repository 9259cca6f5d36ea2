"""Restoring a backup without a terminal: File ▸ Restore from a backup… in the window,
and "Restore a backup" at the first start of a new computer (its old laptop's disk
died); the window opens again on the backup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.startup import open_app
from harmony_desktop.store import Store, settings
from harmony_desktop.ui import app as app_module
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme.first_start import RESTORE, FirstStartDialog
from harmony_desktop.ui.restore import BackupList
from tests.factories import make_hub
from tests.ui.conftest import collect_what_the_test_left


@pytest.fixture(autouse=True)
def _collect_widgets_here() -> Iterator[None]:
    """Free the windows ``run_window`` left behind on this (the UI) thread."""
    yield from collect_what_the_test_left()


def _window() -> MainWindow:
    (window,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    return window


def _answer_dialogs(monkeypatch: pytest.MonkeyPatch, backup: Path) -> list[str]:
    """The list of daily backups (if any) has ``backup`` chosen and Restore is pressed,
    or the file dialog picks it; the confirmation says yes; returns what the app then
    says (its information messages)."""

    def restore_it(listed: BackupList) -> int:
        # (today's daily backup, taken once the window is up, may be listed above it)
        table = listed.table
        items = [table.topLevelItem(i) for i in range(table.topLevelItemCount())]
        table.setCurrentItem(next(i for i in items if i is not None and i.text(0) == backup.name))
        listed.restore_button.click()
        return int(listed.result())

    monkeypatch.setattr(BackupList, "exec", restore_it)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_args: (str(backup), "Harmony backups")
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    return said


def test_file_menu_puts_a_backup_back_and_the_window_opens_on_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "app-data"
    with open_app(data, backup=False) as services:
        hub = make_hub(services, students=2)
        backup = services.store.backup_to(data / "backups" / "harmony-2026-09-01.sqlite3")
        services.roster.create_student(
            hub.hub_id, {"legal_first_name": "Recorded", "legal_last_name": "Later"}
        )
    said = _answer_dialogs(monkeypatch, backup)
    rosters: list[int] = []

    def look(_app: QApplication) -> int:
        window = _window()
        rosters.append(len(window.services.roster.entries(hub.hub_id)))
        if len(rosters) == 1:
            assert window.restore_action.text() == "&Restore from a backup…"
            window.restore_action.trigger()  # chosen and confirmed: the window closes
            assert not window.isVisible()
        else:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", look)
    assert app_module.run_window(str(data), hub=hub.hub_id) == 0
    assert rosters == [3, 2]  # the student recorded after the backup is not in it
    (message,) = said
    assert message.startswith("Restored harmony-2026-09-01.sqlite3.")
    assert "What this laptop held before is kept as" in message
    assert "enroll" not in message  # this laptop's own backup: nothing more to do
    assert any(".before-restore-" in p.name for p in data.iterdir())


def test_a_new_computer_restores_the_old_laptops_backup_from_the_first_start(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_app(tmp_path / "old laptop", backup=False) as services:
        hub = make_hub(services, students=3)
        services.store.settings.set(settings.SYNC_SERVER, "https://sync.example.org")
        old_device = services.store.device_id
        backup = services.store.backup_to(tmp_path / "usb stick" / "harmony-2026-09-01.sqlite3")
    monkeypatch.setattr(app_module, "is_frozen", lambda: True)  # an installed app
    said = _answer_dialogs(monkeypatch, backup)
    chosen: list[str | None] = []

    def answer(dialog: FirstStartDialog) -> int:
        dialog.show()
        assert dialog.restore_button.isVisible()
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        chosen.append(dialog.choice)
        return int(dialog.result())

    opened: list[tuple[str, int, str]] = []

    def look(_app: QApplication) -> int:
        window = _window()
        status = window.sync_ui.status
        qtbot.waitUntil(lambda: bool(status.online_label.text()), timeout=10_000)
        opened.append(
            (
                window.hub_id,
                len(window.services.roster.entries(hub.hub_id)),
                status.online_label.text(),
            )
        )
        window.close()
        return 0

    monkeypatch.setattr(FirstStartDialog, "exec", answer)
    monkeypatch.setattr(QApplication, "exec", look)
    new = tmp_path / "new computer"
    new.mkdir()  # its empty data folder (one that does not exist is a disk not connected)
    assert app_module.run_window(str(new)) == 0
    assert chosen == [RESTORE]
    assert opened == [(hub.hub_id, 3, "Not enrolled on this computer")]
    (message,) = said
    assert message.startswith("Restored harmony-2026-09-01.sqlite3.")
    assert "new enrollment code" in message
    assert "held before" not in message  # the first start's empty database: no news
    with Store(new / "harmony.sqlite3") as store:
        assert store.device_id != old_device  # a laptop of its own
