"""What the window says when another program holds the database's write lock as it
starts (a command line's import, a backup, a sync from a scheduled task): the database
is in use, what to do, a Close button; never the damaged-database box and its backups.
The other program is a real second process (``tests/test_store_busy.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.domain import i18n
from harmony_desktop.store import db as store_db
from harmony_desktop.store.db import check_integrity
from harmony_desktop.ui.app import install_translator, run_window
from harmony_desktop.ui.main_window import MainWindow
from tests.test_store_busy import data_folder, held
from tests.ui.test_disk_start import NOT_DAMAGE, NOT_DAMAGE_ES, Box, boxes_answered
from tests.ui.test_disk_start import no_backup_offered as no_backup_offered  # the fixture

IN_USE = Box(
    QMessageBox.Icon.Warning,
    "This computer's database is in use by another program, so the app cannot open it now.",
    "Another Harmony command may be running (a printout, an import, a backup or a sync "
    "started from the command line or a scheduled task). Wait a minute for it to finish, "
    "or close it, then choose Try again.\n\n" + NOT_DAMAGE,
    "File: {database}\nError reported: SQLITE_BUSY: database is locked",
    ["&Try again", "Close", "Show Details..."],
    over_the_window=False,
)
IN_USE_ES = Box(
    QMessageBox.Icon.Warning,
    "La base de datos de esta computadora está en uso por otro programa, así que la "
    "aplicación no puede abrirla ahora.",
    "Puede estar en curso otro comando de Harmony (una impresión, una importación, un "
    "respaldo o una sincronización iniciados desde la línea de comandos o una tarea "
    "programada). Espere un minuto a que termine, o ciérrelo, y elija Intentar de "
    "nuevo.\n\n" + NOT_DAMAGE_ES,
    "Archivo: {database}\nError informado: SQLITE_BUSY: database is locked",
    ["&Intentar de nuevo", "Cerrar", "Mostrar los detalles..."],
    over_the_window=False,
)


@pytest.mark.parametrize(
    ("journal", "language"),
    [("wal", "en"), ("delete", "en"), ("delete", "es")],
)
def test_a_database_in_use_at_start_up_is_said_so_and_no_backup_offered(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_backup_offered: list[object],
    journal: str,
    language: str,
) -> None:
    """A file in WAL mode shows today's view at once (reading does not wait for a
    writer), and the services opening behind it meet the lock: the box comes over the
    window. A file in rollback-journal mode is checked first: the check met the lock
    and the window offered "Restore a backup…" for a "damaged" database."""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 400)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    data = data_folder(tmp_path, journal)
    database = data / "harmony.sqlite3"
    before = database.read_bytes()
    monkeypatch.setenv("LANGUAGE", language)  # the system's: the file cannot say
    try:
        with held(database), boxes_answered() as seen:
            code = run_window(str(data))
    finally:
        i18n.set_language(None)
        install_translator(app, QLocale("en_US"))
    assert no_backup_offered == []
    assert code == 2
    said = IN_USE if language == "en" else IN_USE_ES
    assert seen == [
        Box(
            said.icon,
            said.text,
            said.informative,
            said.details.format(database=database),
            said.buttons,
            over_the_window=journal == "wal",
        )
    ]
    assert database.read_bytes() == before
    assert list((data / "backups").iterdir()) == []
    check_integrity(database)


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_try_again_opens_the_window_once_the_other_program_is_done(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_backup_offered: list[object],
    journal: str,
) -> None:
    """The other program finishes while the box is up: Try again opens the window on
    today's view, with nothing lost, without starting the app again."""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 400)
    data = data_folder(tmp_path, journal)
    database = data / "harmony.sqlite3"
    seen: list[list[str]] = []
    opened: list[MainWindow] = []

    def answer() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox) and widget.isVisible():
            seen.append([b.text() for b in widget.buttons()])
            if not holder():  # as a person would: wait for the other program
                QTimer.singleShot(50, answer)
                return
            (again,) = [b for b in widget.buttons() if b.text() == "&Try again"]
            again.click()
        shown = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.register.attached
        ]  # fmt: skip
        if shown:  # open, its services too: as a person would, close it
            opened.extend(shown)
            shown[0].close()
            return
        QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    with held(database, seconds=1.5) as holder:
        code = run_window(str(data))
    assert no_backup_offered == []
    assert seen and seen[0] == ["&Try again", "Close", "Show Details..."]
    assert len(opened) == 1 and code == 0
    check_integrity(database)
