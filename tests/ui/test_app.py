"""``run_window``: opens the data folder, picks the hub, runs the window, closes the store."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.domain.errors import StoreCorruptError
from harmony_desktop.startup import open_app
from harmony_desktop.ui import restore as restore_ui
from harmony_desktop.ui.app import run_window
from harmony_desktop.ui.main_window import MainWindow
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


def test_a_damaged_database_is_reported_and_left_unchanged(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window checks the file in the background while it shows today's view: a
    # damaged one must still be reported, the window closed, and nothing written to it.
    from tests.test_store import _corrupt

    data, _hub_id = seeded_data_dir(tmp_path)
    database = data / "harmony.sqlite3"
    assert not (data / "harmony.sqlite3-wal").exists()  # closed cleanly: checked later
    before = _corrupt(database)
    shown: list[StoreCorruptError] = []
    monkeypatch.setattr(restore_ui, "offer_backups", lambda _p, error, _f: shown.append(error))
    assert run_window(str(data)) == 2
    assert len(shown) == 1 and shown[0].path == database and shown[0].detail
    assert database.read_bytes() == before
    assert not list((data / "backups").glob("*.sqlite3"))  # no backup of a damaged file


def test_a_damaged_database_offers_its_backups_and_opens_on_the_one_chosen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A teacher at a site has no command line: the window itself offers the daily
    # backups, puts the chosen one back (the damaged file kept beside it) and opens on it.
    from harmony_desktop.ui.main_window import MainWindow

    data, hub_id = seeded_data_dir(tmp_path)
    with open_app(data) as services:
        backup = services.store.backup_to(data / "backups" / "harmony-2026-11-20.sqlite3")
    database = data / "harmony.sqlite3"
    damaged = database.read_bytes()
    damaged = damaged[:4096] + b"\x5a" * 8192 + damaged[4096 + 8192 :]
    database.write_bytes(damaged)
    offered: list[tuple[StoreCorruptError, Path | None]] = []

    def choose(_parent: object, error: StoreCorruptError, folder: Path | None) -> Path:
        offered.append((error, folder))
        return backup

    monkeypatch.setattr(restore_ui, "offer_backups", choose)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    opened: list[str] = []

    def close_when_reopened() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if not offered or not windows:
            QTimer.singleShot(100, close_when_reopened)
            return
        opened.append(windows[0].hub_id)
        windows[0].close()

    QTimer.singleShot(100, close_when_reopened)
    assert run_window(str(data)) == 0
    assert len(offered) == 1
    assert offered[0][0].path == database and offered[0][1] == data / "backups"
    assert said and said[0].startswith(f"Restored {backup.name}.")
    assert opened == [hub_id]
    kept = list(data.glob("harmony.sqlite3.before-restore-*"))
    assert [p.read_bytes() for p in kept if not p.name.endswith(("-wal", "-shm"))] == [damaged]
    from harmony_desktop.store.db import check_integrity

    check_integrity(database)


def test_damage_found_after_the_window_is_up_closes_it_and_refuses_writes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Damage the start-up did not read past (a page of old marks): the check running in
    # the background finds it once the window is up.
    import threading

    from harmony_desktop.store import db
    from harmony_desktop.ui.main_window import MainWindow
    from harmony_desktop.ui.opening import PendingServices

    data, _hub_id = seeded_data_dir(tmp_path)
    release = threading.Event()

    def slow_check(path: Path) -> None:
        release.wait(20)
        raise db.corrupt_error(path, "page 7: btree damaged")

    monkeypatch.setattr(db, "check_integrity", slow_check)
    shown: list[StoreCorruptError] = []
    refused: list[str] = []
    monkeypatch.setattr(restore_ui, "offer_backups", lambda _p, error, _f: shown.append(error))

    def while_checking() -> None:
        # today's view is up meanwhile (an earlier test's closed window may linger)
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        assert not shown
        if isinstance(window.services, PendingServices):
            window.services.begin()  # as the first paint does (it may not have come yet)
        writing = threading.Thread(target=lambda: write_setting(window))
        writing.start()
        release.set()
        writing.join(20)

    def write_setting(window: MainWindow) -> None:
        try:
            window.services.store.set_meta("probe", "x")
        except StoreCorruptError as exc:
            refused.append(str(exc))

    QTimer.singleShot(300, while_checking)
    assert run_window(str(data)) == 2
    assert len(shown) == 1 and shown[0].detail == "page 7: btree damaged"
    assert len(refused) == 1  # the write waited for the check, then was refused
    with sqlite3.connect(data / "harmony.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM local_meta WHERE key = 'probe'").fetchone() == (
            0,
        )
    assert not list((data / "backups").glob("*.sqlite3"))


@pytest.mark.parametrize("existing", [True, False], ids=["first-paint", "new-folder"])
def test_a_data_folder_that_cannot_be_written_is_said_in_a_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    # Started from its icon, the app has no terminal: a log or data folder on a disk
    # that turned read-only must be said in a dialog, not only on the command line's
    # standard error (where the window never shows it).
    import errno

    from harmony_desktop import startup

    data = seeded_data_dir(tmp_path)[0] if existing else tmp_path / "new-data"
    data.mkdir(exist_ok=True)  # new: an empty folder (a missing one is refused first)
    log = data / "logs" / "harmony-desktop.log"

    def read_only(_folder: Path, **_kw: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(log))

    monkeypatch.setattr(startup, "setup_logging", read_only)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert run_window(str(data)) == 2
    assert shown == [f"Could not save {log}: that disk is read-only. Choose another folder."]
    # Nothing of the failed opening holds the input of what opens next (a window
    # reopened on a backup put back): typing reaches a new field.
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "ok")
    assert field.text() == "ok"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_damaged_database_box_speaks_of_its_own_buttons_in_the_windows_language(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    """The box offering a backup said the store's message: the command line's
    ``harmony-desktop restore`` a window user cannot type, and SQLite's "database disk
    image is malformed" in English. Now it speaks of its buttons, in the window's
    language; the file and SQLite's words are under Show Details."""
    from PySide6.QtCore import QLocale

    from harmony_desktop.store.db import check_integrity
    from harmony_desktop.ui.app import install_translator
    from tests.test_store import _corrupt

    database = tmp_path / "harmony.sqlite3"
    _corrupt(database)
    with pytest.raises(StoreCorruptError) as found:
        check_integrity(database)
    assert "harmony-desktop restore" in str(found.value)  # the command line's own message
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if language == "es":
        assert install_translator(app, QLocale("es_MX"))
    seen: list[tuple[str, str, list[str]]] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        seen.append((box.text(), box.detailedText(), [b.text() for b in box.buttons()]))
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(20, look)
    try:
        assert restore_ui.offer_backups(None, found.value, tmp_path / "backups") is None
    finally:
        if language == "es":
            install_translator(app, QLocale("en_US"))
    ((text, details, buttons),) = seen
    assert "harmony-desktop" not in text and "restore --list" not in text
    assert "malformed" not in text and str(database) not in text
    assert details == (
        f"File: {database}\nSQLite reported: database disk image is malformed"
        if language == "en"
        else f"Archivo: {database}\nSQLite informó: database disk image is malformed"
    )
    if language == "en":
        assert "&Restore a backup…" in buttons
        assert text == (
            "This computer's database is damaged: part of it can no longer be read. "
            "Nothing has been changed in it.\n\n"
            "Choose Restore a backup… to put back one of its daily backups (the newest is "
            "usually the one to choose). The damaged file is kept beside it, never deleted. "
            "Or close this message and ask your administrator for help."
        )
    else:
        assert "&Restaurar un respaldo…" in buttons and "Cerrar" in buttons
        assert text == (
            "La base de datos de esta computadora está dañada: una parte ya no se puede "
            "leer. No se modificó nada en ella.\n\n"
            "Elija Restaurar un respaldo… para volver a poner uno de sus respaldos diarios "
            "(normalmente el más reciente es el indicado). El archivo dañado se guarda a "
            "su lado, nunca se borra. O cierre este mensaje y pida ayuda a su administrador."
        )


def test_the_backup_file_dialog_fits_a_small_screen_from_the_window_and_the_damage_box(
    qtbot: QtBot, window: MainWindow, small_screen: QRect, tmp_path: Path
) -> None:
    """File ▸ Restore from a backup… and the damaged database's Restore a backup… open
    Qt's file dialog, 412 pixels tall at 200 %: on 1280×720 its Open and Cancel were
    below the screen. Both now keep it (and the box) on the screen."""
    from harmony_desktop.store.db import corrupt_error
    from harmony_desktop.ui import app as app_module
    from tests.ui.conftest import SMALL, comes_true, on_screen, qt_file_dialogs

    seen: list[str] = []

    def answer() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QMessageBox) and shown.isVisible():
            fits = comes_true(qtbot, lambda: SMALL.contains(shown.frameGeometry()))
            seen.append("box" if fits else "box off the screen")
            next(b for b in shown.buttons() if b.text() == "&Restore a backup…").click()
        elif isinstance(shown, QFileDialog) and shown.isVisible():
            buttons = shown.findChildren(QDialogButtonBox)[0].buttons()
            fits = comes_true(qtbot, lambda: all(on_screen(b) for b in buttons))
            seen.append("file dialog" if fits else "file dialog off the screen")
            shown.reject()
            return
        QTimer.singleShot(50, answer)

    with qt_file_dialogs():
        QTimer.singleShot(50, answer)
        assert window.ask_restore() is None
        assert seen == ["file dialog"]
        QTimer.singleShot(50, answer)
        error = corrupt_error(tmp_path / "harmony.sqlite3", "database disk image is malformed")
        assert app_module._refused(window, error, tmp_path / "backups") is None
    assert seen == ["file dialog", "box", "file dialog"]


def test_a_data_folder_that_does_not_exist_is_said_in_a_window_and_nothing_is_made(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A USB disk not plugged in: no new empty database, no first-start set-up as if the
    # programme were new.
    usb = tmp_path / "usb" / "harmony"
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    appeared: list[str] = []  # a first-start set-up or a window would show; closed at once

    def close_any() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                appeared.append(type(widget).__name__)
                widget.close()

    timer = QTimer()
    timer.timeout.connect(close_any)
    timer.start(100)
    code = run_window(str(usb))
    timer.stop()
    assert appeared == []
    assert code == 2
    assert shown == [
        f"The data folder {usb} does not exist. If it is on a disk that is not connected, "
        "connect it and start again; to start a new database there, create the folder first."
    ]
    assert not (tmp_path / "usb").exists()
