"""The window's first paint: today's view before the services are open, and keys pressed
at once are handled once they are, never lost and never on a window not ready."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui import app as app_module
from harmony_desktop.ui.app import run_window
from harmony_desktop.ui.main_window import MainWindow
from tests.ui.test_app import seeded_data_dir

DAY = dt.date(2026, 9, 15)  # a Tuesday: the fixture hub's strings meet


@pytest.fixture(autouse=True)
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1280×720 laptop's screen, not the 800 pixels of the test's: the window is not
    fitted narrower while a click waits (the squeezed day buttons would move under it)."""
    from harmony_desktop.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(0, 0, 1280, 720))


def hold_the_services(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Keep the services from opening until the returned event is set."""
    release = threading.Event()
    real = app_module._open_behind

    def held(data_dir: str | None, hub_id: str) -> Services:
        release.wait(30)
        return real(data_dir, hub_id)

    monkeypatch.setattr(app_module, "_open_behind", held)
    return release


def the_window() -> MainWindow:
    return next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    )


def test_enter_and_a_mark_typed_as_the_window_shows_land(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _hub_id = seeded_data_dir(tmp_path)
    release = hold_the_services(monkeypatch)
    seen: dict[str, Any] = {}

    def teacher() -> None:
        window = the_window()
        register = window.register
        seen["first paint"] = (
            register.attached,
            register.sessions_model.rowCount(),
            register.day_title.text(),
            window.windowTitle(),
        )
        QTimer.singleShot(300, release.set)  # the services open while Enter waits

        def roll_open(_session_id: str) -> None:
            seen["roll"] = register.roll_model.rowCount()
            qtbot.keyClick(register.roll_view, Qt.Key.Key_P)

        def saved(_student: str, code: str) -> None:
            seen.setdefault("marks", []).append(code)
            window.close()

        register.rollOpened.connect(roll_open)
        register.markSaved.connect(saved)
        qtbot.keyClick(register.sessions_view, Qt.Key.Key_Return)  # waits, then opens
        seen["after enter"] = register.attached

    QTimer.singleShot(0, teacher)
    assert run_window(str(data), today=DAY) == 0
    assert seen["first paint"] == (
        False,  # the services were not open yet
        1,  # the strings meet on Tuesdays, the choir on Saturdays
        "Today, Tuesday 15 September 2026",
        "Test Park Hub — Harmony Desktop",
    )
    assert seen["after enter"] is True
    assert seen["roll"] == 3 and seen["marks"] == ["P"]
    with sqlite3.connect(data / "harmony.sqlite3") as conn:
        marks = conn.execute(
            "SELECT code FROM attendance_mark WHERE code IS NOT NULL AND deleted = 0"
        ).fetchall()
    conn.close()
    assert marks == [("P",)]


def test_a_click_on_the_next_day_waits_and_then_shows_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _hub_id = seeded_data_dir(tmp_path)
    release = hold_the_services(monkeypatch)
    seen: dict[str, Any] = {}

    def teacher() -> None:
        window = the_window()
        register = window.register
        QTimer.singleShot(200, release.set)

        def loaded() -> None:
            seen["day"] = (register.day, register.sessions_model.rowCount())
            window.close()

        register.dayLoaded.connect(loaded)
        qtbot.mouseClick(register.next_day_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, teacher)
    assert run_window(str(data), today=DAY) == 0
    assert seen["day"] == (dt.date(2026, 9, 16), 1)


def test_a_window_closed_before_its_services_open_closes_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _hub_id = seeded_data_dir(tmp_path)
    release = hold_the_services(monkeypatch)
    opened: list[Services] = []
    real = app_module._open_behind

    def kept(data_dir: str | None, hub_id: str) -> Services:
        services = real(data_dir, hub_id)
        opened.append(services)
        return services

    monkeypatch.setattr(app_module, "_open_behind", kept)

    def close() -> None:
        # Closing waits for the jobs under way, which wait for the services.
        release.set()
        the_window().close()

    QTimer.singleShot(0, close)
    assert run_window(str(data), today=DAY) == 0
    assert opened and not (data / "harmony.sqlite3-wal").exists()  # closed: log folded in


def test_services_opened_while_the_window_is_built_still_complete_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A job on the database thread (the absence alerts) can need the services, and so
    # open them, before the window is shown: their "opened" came before anyone listened,
    # and the window stayed incomplete — no integrity verdict, no backup — until a key.
    from harmony_desktop.ui import main_window

    data, _hub_id = seeded_data_dir(tmp_path)

    class OpenedEarly(MainWindow):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.services.hubs  # noqa: B018 - waits for (and so begins) the opening
            for thread in threading.enumerate():
                if thread.name == "harmony-open":
                    thread.join(30)  # "opened" has been emitted
            QTimer.singleShot(0, look)  # once the window is shown

    monkeypatch.setattr(main_window, "MainWindow", OpenedEarly)
    seen: dict[str, Any] = {}

    def look() -> None:
        window = the_window()
        try:
            qtbot.waitUntil(lambda: window.register.attached, timeout=10_000)
            seen["attached"] = True
        finally:
            window.close()

    assert run_window(str(data), today=DAY) == 0
    assert seen == {"attached": True}


def test_the_services_begin_opening_only_after_the_first_paint(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Their imports slow a paint: nothing built with the window (the absence alerts'
    # job, say) may begin the opening before today's view is on the screen.
    from PySide6.QtCore import QEvent, QObject

    data, _hub_id = seeded_data_dir(tmp_path)
    paints: list[int] = []

    class PaintCount(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow):
                paints.append(1)
            return False

    counter = PaintCount()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    paints_at_open: list[int] = []
    real = app_module._open_behind

    def counted(data_dir: str | None, hub_id: str) -> Services:
        paints_at_open.append(len(paints))
        return real(data_dir, hub_id)

    monkeypatch.setattr(app_module, "_open_behind", counted)

    def close_when_complete() -> None:
        window = the_window()
        try:
            qtbot.waitUntil(lambda: window.register.attached, timeout=10_000)
        finally:
            window.close()

    QTimer.singleShot(0, close_when_complete)
    try:
        assert run_window(str(data), today=DAY) == 0
    finally:
        app.removeEventFilter(counter)
    assert len(paints_at_open) == 1 and paints_at_open[0] >= 1
