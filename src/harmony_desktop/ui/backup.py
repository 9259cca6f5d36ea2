"""The daily backup of the window: taken in the background once the window is up.

Copying a large database takes seconds; done before the window appeared it delayed the
first launch of every day. Here it runs on the task manager's maintenance thread after
the window is shown: it reads one snapshot of the database (WAL), so marks written
meanwhile are neither blocked nor part of today's copy. A backup that cannot be made (a
nearly full disk) never stops anything: the status bar says so and how much space it
needs, and the next start tries again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow

from harmony_desktop.store.db import BACKUP_SPARE_BYTES, BackupResult
from harmony_desktop.ui.tasks import Lane, Progress, TaskManager, Ticket


def tr(text: str) -> str:
    """Translate a backup string (context ``Backup``)."""
    return QCoreApplication.translate("Backup", text)


def megabytes(count: int) -> str:
    """A size in bytes as people read it (one decimal: a nearly full disk has 0.1 MB)."""
    return tr("{n} MB").format(n=f"{count / 1_000_000:,.1f}")


class BackupNotice(QLabel):
    """The status-bar notice of a daily backup that could not be made."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__()
        self.setObjectName("backupNotice")
        self.setAccessibleName(tr("Backup"))
        self.setStyleSheet("color: #a33a00; font-weight: bold;")
        self.setWordWrap(False)
        self.hide()
        window.statusBar().addWidget(self)

    def show_skipped(self, result: BackupResult) -> None:
        """Say the backup was skipped, how much space it needs, and what to do."""
        # Short, for the status bar; the tooltip says what to do. "Needed" counts the
        # room the day's marks must still have, as the full message does.
        needed = result.needed_bytes + BACKUP_SPARE_BYTES
        self.setText(
            tr("Backup skipped: disk full ({free} free, {needed} needed)").format(
                free=megabytes(result.free_bytes), needed=megabytes(needed)
            )
        )
        self.setToolTip(result.problem)
        self.show()

    def show_failed(self) -> None:
        """Say the backup failed for another reason (the log says where)."""
        self.setText(tr("Today's backup could not be made; the app works normally."))
        self.setToolTip(tr("The next start tries again. The log file says what went wrong."))
        self.show()


def start_daily_backup(window: QMainWindow, tasks: TaskManager) -> tuple[Ticket, BackupNotice]:
    """Take today's backup (if due) on the maintenance thread; the notice shows on the
    window's status bar if it cannot be made. Closing the window cancels it (the partial
    file is removed)."""
    store = tasks.services.store
    notice = BackupNotice(window)

    def job(progress: Progress) -> BackupResult | None:
        return store.backup_if_due(
            progress=lambda done, total: progress.report("backup", done, total)
        )

    def done(result: BackupResult | None) -> None:
        if result is not None and not result.made:
            notice.show_skipped(result)

    ticket = tasks.run(
        job, done, lambda _error: notice.show_failed(), lane=Lane.MAINTENANCE, owner=notice
    )
    return ticket, notice
