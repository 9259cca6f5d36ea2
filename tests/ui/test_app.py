"""``run_window``: opens the data folder, picks the hub, runs the window, closes the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.app import open_app
from harmony_desktop.ui.app import run_window
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import make_hub


def seeded_data_dir(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "app-data"
    opened = open_app(data)
    hub = make_hub(opened.services, students=3)
    opened.close()
    return data, hub.hub_id


def run_and_look(data: Path, hub: str | None) -> tuple[int, list[MainWindow]]:
    seen: list[MainWindow] = []

    def look_then_quit() -> None:
        seen.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        for window in seen:
            window.close()
        QApplication.quit()

    QTimer.singleShot(300, look_then_quit)
    return run_window(str(data), hub=hub), seen


def test_run_window_opens_the_hub_by_name(qtbot: QtBot, tmp_path: Path) -> None:
    data, hub_id = seeded_data_dir(tmp_path)
    code, seen = run_and_look(data, "test park hub")
    assert code == 0
    assert [w.hub_id for w in seen if w.isHidden()] == [hub_id]
    assert QApplication.applicationName() == "Harmony Desktop"


def test_run_window_refuses_an_unknown_hub(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _hub_id = seeded_data_dir(tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert run_window(str(data), hub="Nowhere Park") == 2
    assert shown and "Test Park Hub" in shown[0]
