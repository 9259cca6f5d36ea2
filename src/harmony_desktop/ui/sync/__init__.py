"""The sync UI: status bar widget, Sync menu, enrollment dialog and review page.

The main window builds one :class:`SyncUi` and calls :meth:`SyncUi.install` on itself;
its :meth:`SyncUi.shutdown` is part of the window's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from harmony_desktop.ui.sync.controller import SyncController
from harmony_desktop.ui.sync.enroll import EnrollDialog
from harmony_desktop.ui.sync.review import ReviewPage
from harmony_desktop.ui.sync.status import SyncStatusWidget
from harmony_desktop.ui.tasks import TaskManager

if TYPE_CHECKING:
    from harmony_desktop.services.sync import SyncService, SyncStatus


def tr(text: str) -> str:
    """Translate a Sync menu string (context ``SyncMenu``)."""
    return QCoreApplication.translate("SyncMenu", text)


class SyncUi(QObject):
    """The sync pieces of one window: controller, status widget, review page, actions."""

    def __init__(
        self,
        window: QMainWindow,
        tasks: TaskManager,
        hub_id: str | None,
        *,
        auto: bool = True,
        service: SyncService | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = SyncController(tasks, service, self, auto=auto)
        self.status = SyncStatusWidget(self.controller)
        self.review = ReviewPage(self.controller, hub_id)
        self.sync_action = QAction(tr("&Sync now"), window)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_or_enroll)
        self.status.enrollRequested.connect(self.show_enroll)
        self.enroll_action = QAction(tr("&Enroll this laptop…"), window)
        self.enroll_action.triggered.connect(self.show_enroll)
        self.review_action = QAction(tr("Needs &review"), window)
        self.review_action.triggered.connect(self.show_review)
        self.controller.syncFailed.connect(self.explain_error)
        self._pages: QTabWidget | None = None
        self._conflicts = 0

    def install(self, pages: QTabWidget) -> None:
        """Put the pieces in the window: status bar, Sync menu, review tab.

        No toolbar: the status bar's button already syncs (or sets sync up), and a
        toolbar row would take the height of a roll row from every page."""
        window = self.window
        window.statusBar().addPermanentWidget(self.status)
        menu = window.menuBar().addMenu(tr("&Sync"))
        menu.addAction(self.sync_action)
        menu.addAction(self.review_action)
        menu.addSeparator()
        menu.addAction(self.enroll_action)
        self.review.setAccessibleName(tr("Needs review"))
        pages.addTab(self.review, tr("Needs review"))
        self._pages = pages
        self.controller.statusChanged.connect(self._status)
        self.review.loaded.connect(self._retitle)
        self.controller.refresh_status()
        self.review.reload()

    def sync_or_enroll(self) -> None:
        """Sync now, or ask for the enrollment first on a laptop not enrolled yet."""
        if self.controller.is_enrolled() is False:
            self.show_enroll()
        else:
            self.controller.sync_now()  # not enrolled after all: it says so

    def show_enroll(self) -> EnrollDialog:
        """Open the enrollment dialog (non-blocking)."""
        # The window's hub (its name and id: the office adds a hub set up here with it)
        hub_id = getattr(self.window, "hub_id", None)
        hub = (str(getattr(self.window, "hub_name", hub_id)), hub_id) if hub_id else None
        dialog = EnrollDialog(self.controller, self.window, hub=hub)
        dialog.open()
        return dialog

    def show_review(self) -> None:
        """Bring the review page to the front."""
        if self._pages is not None:
            self._pages.setCurrentWidget(self.review)
        self.review.reload()

    def explain_error(self, error: Exception) -> None:
        """A revoked token or a version mismatch needs a person: say so in a dialog."""
        code = getattr(error, "code", "")
        if code in ("device_revoked", "invalid_token", "version_mismatch"):
            QMessageBox.warning(self.window, tr("Sync"), str(error))

    def _status(self, status: SyncStatus) -> None:
        self._conflicts = status.needs_review
        # A laptop working alone has nothing to sync: the action offers to join a server.
        self.sync_action.setText(tr("&Sync now") if status.enrolled else tr("Set up s&ync…"))
        self._retitle()

    def _retitle(self) -> None:
        """Title the review tab with the number of items waiting for a decision."""
        if self._pages is None:
            return
        waiting = self._conflicts + self.review.duplicates.rowCount()
        title = tr("Needs review ({n})").format(n=waiting) if waiting else tr("Needs review")
        self._pages.setTabText(self._pages.indexOf(self.review), title)
        self.status.show_review_count(waiting)  # one count, in the tab and the status bar

    def shutdown(self) -> None:
        """Stop the sync timers (the window's task manager stops the threads)."""
        self.controller.shutdown()
