"""What the window says when the database's disk keeps it from opening, started as a
person starts it (``run_window``): a full disk (a real small one, a tmpfs, filled), a
read-only disk (the tmpfs remounted read-only), and a disk error the integrity check
meets once the window is up.

Each is said in a box of its own, in the window's language, with what to do and only
a Close button: never the damaged-database box and its "Restore a backup…", and the
database is left as it was.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.domain import i18n
from harmony_desktop.startup import open_app
from harmony_desktop.store.db import check_integrity
from harmony_desktop.ui import restore as restore_ui
from harmony_desktop.ui.app import install_translator, run_window
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import make_hub
from tests.support.small_disk import MB, fill, free_again, small_disk

NOT_DAMAGE = (
    "This is not damage: nothing in the database has been changed, and restoring a "
    "backup would not help (it would lose the changes made since it was taken)."
)
NOT_DAMAGE_ES = (
    "No es un daño: no se modificó nada en la base de datos, y restaurar un respaldo no "
    "ayudaría (perdería los cambios hechos desde que se tomó)."
)


@dataclass(frozen=True)
class Box:
    """What a message box said, and over which window."""

    icon: QMessageBox.Icon
    text: str
    informative: str
    details: str
    buttons: list[str]
    over_the_window: bool


@contextmanager
def boxes_answered() -> Iterator[list[Box]]:
    """Note each message box shown in the block and close it, as a person would."""
    seen: list[Box] = []
    done: list[bool] = []

    def look() -> None:
        if done:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(
                Box(
                    box.icon(),
                    box.text(),
                    box.informativeText(),
                    box.detailedText(),
                    [b.text() for b in box.buttons()],
                    isinstance(box.parentWidget(), MainWindow),
                )
            )
            box.reject()
        QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    try:
        yield seen
    finally:
        done.append(True)


@pytest.fixture
def no_backup_offered(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The damaged database's box, noted instead of shown: it must not come."""
    offered: list[object] = []
    monkeypatch.setattr(restore_ui, "offer_backups", lambda _p, error, _f: offered.append(error))
    return offered


def seeded(folder: Path) -> Path:
    data = folder / "data"
    with open_app(data) as services:
        make_hub(services, students=3)
    return data


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_full_disk_at_start_up_is_said_with_what_to_do_and_no_backup_offered(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_backup_offered: list[object],
    language: str,
) -> None:
    """The tester's case: the data folder's disk full at start-up was "La base de datos
    de esta computadora está dañada…" with "Restaurar un respaldo…" as the default
    button; a site lead following it would have lost the day's marks."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with small_disk(tmp_path / "disk", 3 * MB) as disk:
        data = seeded(disk)
        database = data / "harmony.sqlite3"
        before = database.read_bytes()
        fill(disk, leave=0)
        monkeypatch.setenv("LANGUAGE", language)  # the system's: the file cannot say
        try:
            with boxes_answered() as seen:
                code = run_window(str(data))
        finally:
            monkeypatch.delenv("LANGUAGE")
            i18n.set_language(None)
            install_translator(app, QLocale("en_US"))
        assert no_backup_offered == []
        assert code == 2
        if language == "en":
            said = Box(
                QMessageBox.Icon.Warning,
                "The disk is full, so this computer's database cannot be opened.",
                f"Free some space on the disk holding {data} (empty the wastebasket, move "
                "videos or old files elsewhere), then start the app again.\n\n" + NOT_DAMAGE,
                f"File: {database}\nError reported: SQLITE_IOERR_SHMSIZE: disk I/O error",
                ["Close", "Show Details..."],
                over_the_window=False,
            )
        else:
            said = Box(
                QMessageBox.Icon.Warning,
                "El disco está lleno, así que no se puede abrir la base de datos de esta "
                "computadora.",
                f"Libere espacio en el disco de {data} (vacíe la papelera, mueva videos o "
                "archivos viejos a otro lugar) y vuelva a iniciar la aplicación.\n\n"
                + NOT_DAMAGE_ES,
                f"Archivo: {database}\nError informado: SQLITE_IOERR_SHMSIZE: disk I/O error",
                ["Cerrar", "Mostrar los detalles..."],
                over_the_window=False,
            )
        assert seen == [said]
        assert database.read_bytes() == before
        assert list((data / "backups").iterdir()) == []
        free_again(disk)
        check_integrity(database)


def test_a_read_only_disk_at_start_up_is_said_with_what_to_do(
    qtbot: QtBot, tmp_path: Path, no_backup_offered: list[object]
) -> None:
    with small_disk(tmp_path / "disk", 8 * MB) as disk:
        data = seeded(disk)
        database = data / "harmony.sqlite3"
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        try:
            with boxes_answered() as seen:
                code = run_window(str(data))
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert no_backup_offered == []
        assert code == 2
        assert seen == [
            Box(
                QMessageBox.Icon.Warning,
                "This computer's database cannot be opened: its folder is on a read-only "
                "disk, or this account may not write to it.",
                "Make the disk writable again, or ask your administrator to let this "
                f"account write to {data} and the files in it, then start the app again."
                "\n\n" + NOT_DAMAGE,
                f"File: {database}",
                ["Close", "Show Details..."],
                over_the_window=False,
            )
        ]


def test_a_disk_error_the_check_meets_behind_the_window_closes_it_without_a_backup(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_backup_offered: list[object],
) -> None:
    """The window shows today's view while the integrity check reads the file in the
    background: a disk error there (here raised by hand as SQLite raises it: a disk
    that fails to read cannot be made here) closes the window with its own box, and
    nothing is written meanwhile."""
    data = seeded(tmp_path)
    database = data / "harmony.sqlite3"
    real_connect = sqlite3.connect

    def connect(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if isinstance(target, str) and target.startswith("file:") and "mode=ro" in target:
            error = sqlite3.OperationalError("disk I/O error")
            error.sqlite_errorcode = sqlite3.SQLITE_IOERR_READ  # type: ignore[attr-defined]
            error.sqlite_errorname = "SQLITE_IOERR_READ"  # type: ignore[attr-defined]
            raise error
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    before = database.read_bytes()
    monkeypatch.setattr(sqlite3, "connect", connect)
    with boxes_answered() as seen:
        code = run_window(str(data))
    monkeypatch.setattr(sqlite3, "connect", real_connect)
    assert no_backup_offered == []
    assert code == 2
    assert seen == [
        Box(
            QMessageBox.Icon.Warning,
            "This computer's database could not be read from its disk: the disk may have "
            "been disconnected, or be failing.",
            f"Check that the disk holding {data} is connected, then start the app again. "
            "If this keeps happening, ask your administrator for help: the disk may be "
            "failing.\n\n" + NOT_DAMAGE,
            f"File: {database}\nError reported: SQLITE_IOERR_READ: disk I/O error",
            ["Close", "Show Details..."],
            over_the_window=True,  # found once the window was up
        )
    ]
    assert list((data / "backups").glob("*.sqlite3")) == []  # never backed up
    assert database.read_bytes() == before
    check_integrity(database)
