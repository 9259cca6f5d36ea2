"""Putting a backup back from the window (File ▸ Restore from a backup…) or from the
first start of a new computer ("Restore a backup"), as ``harmony-desktop restore`` does.

The database cannot be replaced under open services: the window (or the first-start
dialog) only chooses the file and closes; ``ui/app.py`` puts it back once the services
are closed (:func:`restore_and_say`), then opens the window again on it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop import APP_NAME
from harmony_desktop.domain.errors import HarmonyError, StoreCorruptError
from harmony_desktop.services.backup_list import describe, newest_marked
from harmony_desktop.store.backups import BackupInfo, backups_by_content
from harmony_desktop.ui.screen_fit import keep_on_screen


def tr(text: str) -> str:
    """Translate a restore string (context ``Restore``)."""
    return QCoreApplication.translate("Restore", text)


def choose_backup(parent: QWidget | None, folder: Path | None, *, replacing: bool) -> Path | None:
    """Ask for a backup: the daily backups listed by what they hold, the newest chosen
    (:class:`BackupList`), or, with none there, any file; ``replacing``: this laptop
    holds data, so say what becomes of it and ask to go on. None if the person stops."""
    backups = backups_by_content(folder) if folder is not None else []
    if backups:
        assert folder is not None
        listed = BackupList(parent, folder, backups)
        if listed.exec() != QDialog.DialogCode.Accepted or listed.chosen is None:
            return None
        chosen = listed.chosen
    else:
        picked = ask_for_file(parent, folder)
        if picked is None:
            return None
        chosen = picked
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


def ask_for_file(parent: QWidget | None, folder: Path | None) -> Path | None:
    """Any backup file (a copy on a USB stick, another laptop's), the file dialog opened
    on ``folder``; None if the person stops."""
    start = str(folder) if folder is not None and folder.exists() else ""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Restore from a backup"),
        start,
        tr("Harmony backups (*.sqlite3);;All files (*)"),
    )
    return Path(name) if name else None


class BackupList(QDialog):
    """The daily backups, the one holding the newest data first and chosen, each with
    when its data was last changed (from inside it, whatever its name says); a damaged
    one is listed, greyed, saying so. "Other file…" opens any file instead."""

    def __init__(
        self,
        parent: QWidget | None,
        folder: Path,
        backups: list[BackupInfo],
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Restore from a backup"))
        self.setAccessibleName(tr("Restore from a backup"))
        self.folder = folder
        # the backup chosen (set when the dialog is accepted)
        self.chosen: Path | None = None
        today = today or dt.date.today()
        intro = QLabel(
            tr(
                "The daily backups in {folder}, the one holding the newest data first. "
                "Each says when its data was last changed."
            ).format(folder=folder)
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setAccessibleName(tr("Backups"))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(False)
        self.table.setAlternatingRowColors(True)  # a row's two lines read as one backup
        # a note longer than the column (Spanish, a small screen) wraps, never cut short:
        # each row as tall as its text at the column's width (_fit_rows)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHeaderLabels([tr("Backup file"), tr("What it holds")])
        newest: QTreeWidgetItem | None = None
        for info in backups:
            said = describe(info, today)
            held = said.held
            if newest is None and not info.damaged:
                held = newest_marked(held)
            # the note on a line of its own, begun as a sentence
            note = said.note[:1].upper() + said.note[1:]
            item = QTreeWidgetItem([info.path.name, f"{held}\n{note}" if note else held])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(0, str(info.path))
            item.setToolTip(1, said.line())
            if info.damaged:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed; cannot be chosen
            elif newest is None:
                newest = item
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFont(1, font)
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setStretchLastSection(True)
        self.table.resizeColumnToContents(0)
        # room for the bold name of the newest (measured in the plain font)
        self.table.setColumnWidth(0, self.table.columnWidth(0) + 24)
        self.table.itemDoubleClicked.connect(lambda _item, _column: self._restore())
        self.table.currentItemChanged.connect(lambda *_: self._can_restore())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.other_button = buttons.addButton(
            tr("&Other file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button.setToolTip(tr("A backup elsewhere: a copy on a USB stick, say"))
        buttons.accepted.connect(self._restore)
        buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._other)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if newest is not None:
            self.table.setCurrentItem(newest)
        self._can_restore()
        self.resize(1000, 440)  # a note whole at 1280 px (keep_on_screen fits smaller)
        keep_on_screen(self)
        # the last column stretches with the view (a scroll bar that appears narrows it):
        # rows are refitted once the layout has settled
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._refit.start())
        self.table.viewport().installEventFilter(self)
        self._fit_rows()
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._refit.start()
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        """Make each row as tall as its second column's text wrapped at that column's
        width (the view's own size hint does not wrap)."""
        width = self.table.columnWidth(1) - 12  # the cell's margins
        if width <= 0:
            return
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item is None:
                continue
            metrics = QFontMetrics(item.font(1))
            flags = Qt.TextFlag.TextWordWrap.value
            box = metrics.boundingRect(QRect(0, 0, width, 0), flags, item.text(1))
            item.setSizeHint(1, QSize(width, box.height() + 6))
        self.table.doItemsLayout()

    def _current(self) -> Path | None:
        item = self.table.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return Path(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def _can_restore(self) -> None:
        self.restore_button.setEnabled(self._current() is not None)

    def _restore(self) -> None:
        chosen = self._current()
        if chosen is not None:
            self.chosen = chosen
            self.accept()

    def _other(self) -> None:
        picked = ask_for_file(self, self.folder)
        if picked is not None:
            self.chosen = picked
            self.accept()


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
