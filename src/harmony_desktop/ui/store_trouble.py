"""The window's words for a database its disk keeps from opening: full, failing or
disconnected, read-only; or another program keeps locked
(:class:`~harmony_desktop.domain.errors.StoreUnavailableError`).

Unlike a damaged database (``ui/restore.py``'s :func:`offer_backups`), no backup is
offered: the file is not damaged, and a backup put back would lose the changes made
since it was taken. The box says what is wrong and what to do, and closes; a database
in use by another program can also be tried again, once that program is done, without
starting the app again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from harmony_desktop import APP_NAME
from harmony_desktop.domain.errors import StoreUnavailableError, Trouble


def tr(text: str) -> str:
    """Translate a string of this box (context ``StoreTrouble``)."""
    return QCoreApplication.translate("StoreTrouble", text)


def trouble_text(error: StoreUnavailableError, *, can_retry: bool = False) -> tuple[str, str, str]:
    """What the box says, in the window's language: what is wrong, what to do, and the
    details (the file, and SQLite's or the system's own words, which are English).
    ``can_retry``: the box has a Try again button (a database in use)."""
    if error.trouble is Trouble.FULL:
        what = tr("The disk is full, so this computer's database cannot be opened.")
        todo = tr(
            "Free some space on the disk holding {folder} (empty the wastebasket, move "
            "videos or old files elsewhere), then start the app again."
        )
    elif error.trouble is Trouble.BUSY:
        what = tr(
            "This computer's database is in use by another program, so the app cannot open it now."
        )
        todo = (
            tr(
                "Another Harmony command may be running (a printout, an import, a backup "
                "or a sync started from the command line or a scheduled task). Wait a "
                "minute for it to finish, or close it, then choose Try again."
            )
            if can_retry
            else tr(
                "Another Harmony command may be running (a printout, an import, a backup or "
                "a sync started from the command line or a scheduled task). Wait a minute for "
                "it to finish, or close it, then start the app again."
            )
        )
    elif error.trouble is Trouble.DISK:
        what = tr(
            "This computer's database could not be read from its disk: the disk may have "
            "been disconnected, or be failing."
        )
        todo = tr(
            "Check that the disk holding {folder} is connected, then start the app again. "
            "If this keeps happening, ask your administrator for help: the disk may be "
            "failing."
        )
    else:
        what = tr(
            "This computer's database cannot be opened: its folder is on a read-only "
            "disk, or this account may not write to it."
        )
        todo = tr(
            "Make the disk writable again, or ask your administrator to let this account "
            "write to {folder} and the files in it, then start the app again."
        )
    not_damage = tr(
        "This is not damage: nothing in the database has been changed, and restoring a "
        "backup would not help (it would lose the changes made since it was taken)."
    )
    details = [tr("File: {path}").format(path=error.path)]
    if error.detail:
        details.append(tr("Error reported: {detail}").format(detail=error.detail))
    return what, f"{todo.format(folder=error.folder)}\n\n{not_damage}", "\n".join(details)


def say_trouble(
    parent: QWidget | None, error: StoreUnavailableError, *, can_retry: bool = False
) -> bool:
    """Say why the database cannot be opened and what to do (:func:`trouble_text`).
    Nothing to restore: a Close button, and for a database in use by another program
    (where ``can_retry``: the app can open it again by itself) Try again. True when
    Try again was chosen."""
    retry = can_retry and error.trouble is Trouble.BUSY
    what, todo, details = trouble_text(error, can_retry=retry)
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, what, parent=parent)
    box.setInformativeText(todo)
    box.setDetailedText(details)  # Show Details…
    again = None
    if retry:
        again = box.addButton(tr("&Try again"), QMessageBox.ButtonRole.AcceptRole)
    close = box.addButton(QMessageBox.StandardButton.Close)
    box.setEscapeButton(close)
    box.setDefaultButton(again or close)
    box.exec()
    return again is not None and box.clickedButton() is again
