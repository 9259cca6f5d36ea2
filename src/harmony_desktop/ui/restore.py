"""Putting a backup back from the window (File ▸ Restore from a backup…) or from the
first start of a new computer ("Restore a backup"), as ``harmony-desktop restore`` does.

The database cannot be replaced under open services: the window (or the first-start
dialog) only chooses the file and closes; ``ui/app.py`` puts it back once the services
are closed (:func:`restore_and_say`), then opens the window again on it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from harmony_desktop import APP_NAME
from harmony_desktop.domain.errors import HarmonyError, StoreCorruptError


def tr(text: str) -> str:
    """Translate a restore string (context ``Restore``)."""
    return QCoreApplication.translate("Restore", text)


def choose_backup(parent: QWidget | None, folder: Path | None, *, replacing: bool) -> Path | None:
    """Ask for a backup file (the daily backups' folder first); ``replacing``: this laptop
    holds data, so say what becomes of it and ask to go on. None if the person stops."""
    start = str(folder) if folder is not None and folder.exists() else ""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Restore from a backup"),
        start,
        tr("Harmony backups (*.sqlite3);;All files (*)"),
    )
    if not name:
        return None
    chosen = Path(name)
    if not replacing:
        return chosen
    answer = QMessageBox.question(
        parent,
        tr("Restore from a backup"),
        tr(
            "Put back the backup {name}?\n\nWhat this laptop holds now is kept beside it "
            "as a copy, never deleted. Whatever was recorded after that backup comes back "
            "from the sync server if it reached it; the rest stays only in that copy. The "
            "window closes and opens again on the backup."
        ).format(name=chosen.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return chosen if answer == QMessageBox.StandardButton.Yes else None


def damaged_text(error: StoreCorruptError) -> tuple[str, str]:
    """What the window says of a damaged database, in the window's language and of the
    window's buttons (the store's message names the command line's ``restore``), and
    the details: the file and SQLite's own words, which are English."""
    if error.empty:
        what = tr("This computer's database is empty (0 bytes): it is damaged, not new.")
    else:
        what = tr("This computer's database is damaged: part of it can no longer be read.")
    unchanged = tr("Nothing has been changed in it.")
    text = "\n\n".join(
        [
            f"{what} {unchanged}",
            tr(
                "Choose Restore a backup… to put back one of its daily backups (the newest "
                "is usually the one to choose). The damaged file is kept beside it, never "
                "deleted. Or close this message and ask your administrator for help."
            ),
        ]
    )
    details = []
    if error.path is not None:
        details.append(tr("File: {path}").format(path=error.path))
    if error.detail:
        details.append(tr("SQLite reported: {detail}").format(detail=error.detail))
    return text, "\n".join(details)


def offer_backups(
    parent: QWidget | None, error: StoreCorruptError, folder: Path | None
) -> Path | None:
    """Say the database is damaged (:func:`damaged_text`) and offer to put a backup
    back, rather than leaving the person a command to type. The backup chosen, or None
    when the person closes: nothing has been changed either way."""
    text, details = damaged_text(error)
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text, parent=parent)
    if details:
        box.setDetailedText(details)  # Show Details…
    restore = box.addButton(tr("&Restore a backup…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return None
    # What the damaged file holds is kept beside the backup put back, never deleted.
    return choose_backup(parent, folder, replacing=False)


def restore_and_say(backup: Path, database: Path) -> bool:
    """Put ``backup`` in place of ``database`` (its services closed) and say what was
    done, or why nothing was; True when it was put back."""
    from harmony_desktop.services.restore import restore

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done = restore(backup, database)
    except (HarmonyError, OSError) as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.critical(
            None,
            APP_NAME,
            tr("{name} was not put back, and nothing was changed: {reason}").format(
                name=backup.name, reason=exc
            ),
        )
        return False
    QGuiApplication.restoreOverrideCursor()
    lines = [tr("Restored {name}.").format(name=backup.name)]
    if done.moved is not None:
        lines.append(tr("What this laptop held before is kept as {file}.").format(file=done.moved))
    if done.enroll_with:
        lines.append(
            tr(
                "This backup was not taken on this computer, so this computer is not "
                "enrolled yet: ask your administrator for a new enrollment code and enroll "
                "it with Sync ▸ Enroll this laptop. The changes in it that never reached the "
                "server are sent at its first sync."
            )
        )
    QMessageBox.information(None, APP_NAME, "\n\n".join(lines))
    return True
