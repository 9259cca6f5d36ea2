"""``run_window``: opens the data folder, picks the hub, runs the window, closes the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.startup import open_app
from harmony_desktop.ui.app import run_window
from tests.factories import make_hub


def seeded_data_dir(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "app-data"
    services = open_app(data)
    hub = make_hub(services, students=3)
    services.close()
    return data, hub.hub_id


RUN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from harmony_desktop.ui.app import make_application, run_window
from harmony_desktop.ui.main_window import MainWindow

app = make_application()

def look_then_quit():
    try:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                print("HUB", w.hub_id, w.register.sessions_model.rowCount() >= 0, flush=True)
                w.close()
    finally:
        QApplication.quit()

QTimer.singleShot(800, look_then_quit)
print("EXIT", run_window(sys.argv[1], hub=sys.argv[2]), flush=True)
print("APP", QApplication.applicationName(), flush=True)
"""


def test_run_window_opens_the_hub_by_name(tmp_path: Path) -> None:
    data, hub_id = seeded_data_dir(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(data), "test park hub"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-800:]
    lines = result.stdout.splitlines()
    assert f"HUB {hub_id} True" in lines
    assert "EXIT 0" in lines and "APP Harmony Desktop" in lines


def test_run_window_refuses_an_unknown_hub(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _hub_id = seeded_data_dir(tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert run_window(str(data), hub="Nowhere Park") == 2
    assert shown and "Test Park Hub" in shown[0]
