"""The daily backup of the window: taken in the background once the window is up.

Copying a large database takes seconds; done before the window appeared it delayed the
first launch of every day. Here it runs on the task manager's maintenance thread after
the window is shown: it reads one snapshot of the database (WAL), so marks written
meanwhile are neither blocked nor part of today's copy. A backup that cannot be made (a
nearly full disk) never stops anything: the status bar says so and how much space it
needs. It is tried again at the next change written once a few minutes have passed (a
window open all day would otherwise go without one after space was freed), and at the
next start; a window still open the next day takes that day's backup the same way. The
change notice only compares a time, so a key press is never held up; the backup runs on
the maintenance thread as before.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QMainWindow

from harmony_desktop.store.db import BACKUP_SPARE_BYTES, BackupResult
from harmony_desktop.ui.tasks import Changes, Lane, Progress, TaskManager, Ticket

#: How long after a backup that could not be made the next change tries again.
RETRY_AFTER_S = 5 * 60


def tr(text: str) -> str:
    """Translate a backup string (context ``Backup``)."""
    return QCoreApplication.translate("Backup", text)


def megabytes(count: int) -> str:
    """A size in bytes as people read it (one decimal: a nearly full disk has 0.1 MB)."""
    return tr("{n} MB").format(n=f"{count / 1_000_000:,.1f}")


class BackupNotice(QLabel):
    """The status-bar notice of a daily backup that could not be made."""

    daily: DailyBackup

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
        self.setToolTip(
            tr(
                "It is tried again a few minutes later while the window is open, and at "
                "the next start. The log file says what went wrong."
            )
        )
        self.show()


class DailyBackup(QObject):
    """Today's backup for one window: taken once it is up, tried again after a change
    written while it is missing (a skip, a failure, or a new day), at most every
    :attr:`retry_after_s` seconds."""

    def __init__(
        self,
        window: QMainWindow,
        tasks: TaskManager,
        notice: BackupNotice,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(notice)  # goes with the status bar's notice, so with the window
        self.window = window
        self.tasks = tasks
        self.notice = notice
        self.today = today
        self.retry_after_s: float = RETRY_AFTER_S
        #: the day whose backup is there (made now, or found made)
        self.done_on: dt.date | None = None
        self.running = False
        self._tried_at = 0.0
        tasks.changed.connect(self._changed)

    def attempt(self) -> Ticket:
        """Take the day's backup if it is due, on the maintenance thread."""
        store = self.tasks.services.store
        day = self.today()
        self.running = True
        self._tried_at = time.monotonic()

        def job(progress: Progress) -> BackupResult | None:
            return store.backup_if_due(
                day, progress=lambda done, total: progress.report("backup", done, total)
            )

        def done(result: BackupResult | None) -> None:
            self.running = False
            if result is not None and not result.made:
                self.notice.show_skipped(result)
                return
            self.done_on = day
            if not self.notice.isHidden():  # made after all: the warning is over
                self.notice.hide()
                self.window.statusBar().showMessage(tr("Today's backup was made."), 15_000)

        def failed(_error: Exception) -> None:
            self.running = False
            self.notice.show_failed()

        return self.tasks.run(job, done, failed, lane=Lane.MAINTENANCE, owner=self.notice)

    def _changed(self, _changes: Changes, _initiator: object) -> None:
        # On every write: a comparison or two, never more (see the module).
        if self.running or time.monotonic() - self._tried_at < self.retry_after_s:
            return
        if self.done_on != self.today():
            self.attempt()


def start_daily_backup(window: QMainWindow, tasks: TaskManager) -> tuple[Ticket, BackupNotice]:
    """Take today's backup (if due) on the maintenance thread; the notice shows on the
    window's status bar if it cannot be made, and it is tried again later (see
    :class:`DailyBackup`, the notice's ``daily``). Closing the window cancels it (the
    partial file is removed)."""
    notice = BackupNotice(window)
    notice.daily = DailyBackup(window, tasks, notice)
    return notice.daily.attempt(), notice
