"""One window per data folder: a second start brings the open window forward and opens
nothing itself; a window that crashed leaves nothing in the way; one that does not
answer is named, with what to do."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.paths import resolve_paths
from harmony_desktop.startup import LOG_FILE, open_app
from harmony_desktop.ui import single_instance
from harmony_desktop.ui.app import OPEN_LINE, READY_ENV, READY_LINE, run_window
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import make_hub

#: The first window: runs until a file named "quit" appears beside the data folder.
FIRST = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from harmony_desktop.ui.app import make_application, run_window

app = make_application()
stop = Path(sys.argv[2])

def poll():
    if stop.exists():
        QApplication.quit()
    else:
        QTimer.singleShot(100, poll)

QTimer.singleShot(100, poll)
print("EXIT", run_window(sys.argv[1]), flush=True)
"""

#: A later start of the same folder: it should come back at once, without a window.
SECOND = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from harmony_desktop.ui.app import make_application, run_window

app = make_application()
QTimer.singleShot(60000, QApplication.quit)  # a window of its own would stay this long
print("EXIT", run_window(sys.argv[1]), flush=True)
"""


def seeded(tmp_path: Path) -> Path:
    data = tmp_path / "app-data"
    with open_app(data) as services:
        make_hub(services, students=2)
    return data


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", READY_ENV: "1"}


def test_a_second_start_brings_the_open_window_forward_and_opens_nothing(tmp_path: Path) -> None:
    data = seeded(tmp_path)
    stop = tmp_path / "quit"
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST, str(data), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert first.stdout is not None
        # today's view is up, then its services (and the log) are open
        said = [first.stdout.readline().strip() for _ in range(2)]
        assert said == [READY_LINE, OPEN_LINE]
        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-c", SECOND, str(data)],
            capture_output=True,
            text=True,
            timeout=120,
            env=_env(),
        )
        took = time.monotonic() - started
    finally:
        stop.touch()
        out, err = first.communicate(timeout=60)
    assert second.returncode == 0, second.stderr[-800:]
    lines = second.stdout.splitlines()
    assert lines == ["EXIT 0"]  # no today's view of its own: it opened no window
    # not the 60 s its own window would have stayed (starting Python and Qt may take
    # a loaded machine several seconds)
    assert took < 40
    assert "EXIT 0" in out.splitlines(), err[-800:]
    log = (resolve_paths(data).log_dir / LOG_FILE).read_text(encoding="utf-8")
    assert log.count("started again: this window was brought forward") == 1
    assert not (data / single_instance.LOCK_NAME).exists()  # given up on closing
    assert not (data / single_instance.REQUEST_NAME).exists()


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def _close_when_open(opened: list[str]) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            opened.append(widget.hub_id)
            widget.close()
            return
    QTimer.singleShot(100, lambda: _close_when_open(opened))


def test_a_window_that_crashed_leaves_nothing_in_the_way(qtbot: QtBot, tmp_path: Path) -> None:
    # A lock left by a window whose process is gone (a crash, a power cut), and a
    # request it never saw.
    data = seeded(tmp_path)
    lock = data / single_instance.LOCK_NAME
    lock.write_text(f"{_dead_pid()}\nharmony-desktop\n{socket.gethostname()}\n")
    (data / single_instance.REQUEST_NAME).write_text("")
    opened: list[str] = []
    QTimer.singleShot(100, lambda: _close_when_open(opened))
    assert run_window(str(data)) == 0
    assert len(opened) == 1
    assert not lock.exists()
    assert not (data / single_instance.REQUEST_NAME).exists()


def test_a_window_that_does_not_answer_is_named_and_nothing_is_opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The folder's lock is held by a live process (this one) whose window never answers.
    data = tmp_path / "new-folder"
    data.mkdir()
    held = QLockFile(str(data / single_instance.LOCK_NAME))
    assert held.tryLock(0)
    monkeypatch.setattr(single_instance, "_WAIT_MS", 600)
    said: list[str] = []

    def read_the_box() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                said.append(f"{widget.text()} {widget.informativeText()}")
                widget.close()
                return
        QTimer.singleShot(100, read_the_box)

    QTimer.singleShot(100, read_the_box)
    try:
        assert run_window(str(data)) == 1
    finally:
        held.unlock()
    assert len(said) == 1
    assert f"already open on this computer, with the data in {data}" in said[0]
    assert "stopped responding, close it" in said[0]
    assert not (data / "harmony.sqlite3").exists()  # no database of its own was made
    assert not (data / single_instance.REQUEST_NAME).exists()  # its request taken back
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert [w for w in shown if w.isVisible()] == []


def test_before_the_main_window_the_dialog_on_screen_comes_forward(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # The first start's choices (no hub yet) are a dialog, not the main window: a second
    # start must bring that forward, and only then take its request away.
    from PySide6.QtWidgets import QDialog

    folder = tmp_path / "data"
    folder.mkdir()
    guard = single_instance.InstanceLock(folder)
    assert guard.acquire()
    try:
        guard.listen()
        guard.look()  # nothing asked: nothing to do
        assert single_instance.bring_forward() is False  # no window of the app on screen
        dialog = QDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog, timeout=20_000)
        (folder / single_instance.REQUEST_NAME).write_text("")
        guard.look()
        assert not (folder / single_instance.REQUEST_NAME).exists()
        assert single_instance.bring_forward() is True
        dialog.close()
        assert single_instance.bring_forward() is False
    finally:
        guard.release()
    assert not (folder / single_instance.LOCK_NAME).exists()


def test_a_window_that_closes_while_asked_lets_the_new_start_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The open window is closing as the second start asks: it never takes the request,
    # but its lock is gone by the time the second start stops waiting. No message: the
    # second start opens the folder itself.
    data = seeded(tmp_path)
    held = QLockFile(str(data / single_instance.LOCK_NAME))
    assert held.tryLock(0)
    asked: list[bool] = []

    def closing_meanwhile(folder: Path, wait_ms: int | None = None) -> bool:
        asked.append(True)
        held.unlock()
        return False

    monkeypatch.setattr(single_instance, "ask_open_window", closing_meanwhile)
    monkeypatch.setattr(
        single_instance, "say_already_open", lambda _f: pytest.fail("said it was open")
    )
    opened: list[str] = []
    QTimer.singleShot(100, lambda: _close_when_open(opened))
    assert run_window(str(data)) == 0
    assert asked == [True] and len(opened) == 1
    assert not (data / single_instance.LOCK_NAME).exists()
