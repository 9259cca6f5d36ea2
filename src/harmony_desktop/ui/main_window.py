"""The main window: a page area (register first; roster and sync pages are added later)
and a status bar that always shows the hub, the date and the sync state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from harmony_desktop import APP_NAME
from harmony_desktop.app import Opened
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.ui.pyside_fixes import RefcountGuard
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.worker import DatabaseWorker

#: How often the pending-changes count is refreshed even without local writes (other
#: pages, a sync) — the count is also refreshed shortly after every write.
SYNC_STATE_REFRESH_MS = 30_000


def tr(text: str) -> str:
    """Translate a main-window string (context ``MainWindow``)."""
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """One open hub: pages in tabs, hub/date/sync state in the status bar."""

    def __init__(self, opened: Opened, hub_id: str, *, today: dt.date | None = None) -> None:
        super().__init__()
        self._refcount_guard = RefcountGuard(self)  # also when run without run_window
        self.opened = opened
        self.hub_id = hub_id
        hub = next((h for h in HubDirectory(opened.store).hubs() if h.id == hub_id), None)
        self.hub_name = hub.name if hub else hub_id
        self.worker = DatabaseWorker(self)
        self.setWindowTitle(f"{self.hub_name} — {APP_NAME}")
        self.setAccessibleName(tr("Harmony Desktop main window"))
        self.resize(1280, 720)

        self.pages = QTabWidget()
        self.pages.setAccessibleName(tr("Pages"))
        self.pages.setDocumentMode(True)
        self.setCentralWidget(self.pages)

        self.hub_label = QLabel(tr("Hub: {name}").format(name=self.hub_name))
        self.hub_label.setAccessibleName(tr("Hub"))
        self.date_label = QLabel()
        self.date_label.setAccessibleName(tr("Date shown"))
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName(tr("Sync state"))
        status = self.statusBar()
        status.setAccessibleName(tr("Status bar"))
        status.addPermanentWidget(self.hub_label)
        status.addPermanentWidget(self.date_label)
        status.addPermanentWidget(self.sync_label)

        self.register = RegisterPage(opened.services, hub_id, self.worker, today=today)
        self.register.dayChanged.connect(self._show_date)
        self.register.changed.connect(self.schedule_sync_state)
        self._show_date(self.register.day)
        self.add_page(self.register, tr("Register"))

        # The outbox count is a query: refresh it a moment after writes, not per key.
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(300)
        self._sync_timer.timeout.connect(self.refresh_sync_state)
        self._sync_poll = QTimer(self)
        self._sync_poll.setInterval(SYNC_STATE_REFRESH_MS)
        self._sync_poll.timeout.connect(self.refresh_sync_state)
        self._sync_poll.start()
        self.refresh_sync_state()

        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(tr("&File"))
        file_menu.addAction(quit_action)
        self._closed = False

    def add_page(self, widget: QWidget, title: str) -> None:
        """Add a page (roster, sync review …) as a tab."""
        if not widget.accessibleName():
            widget.setAccessibleName(title)
        self.pages.addTab(widget, title)

    def schedule_sync_state(self) -> None:
        """Refresh the pending-changes count shortly (coalesces bursts of writes)."""
        self._sync_timer.start()

    def refresh_sync_state(self) -> None:
        """Show how many local changes wait to be synced."""
        pending = self.opened.store.pending_changes()
        last = self.opened.store.get_meta("last_sync_at")
        when = tr("last synced {at}").format(at=last) if last else tr("never synced")
        if pending == 0:
            text = tr("Sync: no changes waiting · {when}").format(when=when)
        elif pending == 1:
            text = tr("Sync: 1 change waiting · {when}").format(when=when)
        else:
            text = tr("Sync: {count} changes waiting · {when}").format(count=pending, when=when)
        self.sync_label.setText(text)
        self.pending_changes = pending

    def _show_date(self, day: dt.date) -> None:
        label = QDate(day.year, day.month, day.day).toString("ddd d MMM yyyy")
        self.date_label.setText(tr("Date: {date}").format(date=label))

    def shutdown(self) -> None:
        """Stop timers and the database thread (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._sync_timer.stop()
        self._sync_poll.stop()
        self.register.shutdown()
        self.worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every mark is already stored; just stop the worker thread."""
        self.shutdown()
        super().closeEvent(event)
