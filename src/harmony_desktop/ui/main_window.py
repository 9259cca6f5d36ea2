"""The main window: the pages in tabs (register, roster, needs review), the Sync menu, and
a status bar that always shows the hub, the date and the sync state.

The window owns the :class:`~harmony_desktop.ui.tasks.TaskManager` every page runs its
background work on; :meth:`MainWindow.shutdown` stops it when the window closes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from harmony_desktop import APP_NAME
from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.store import settings
from harmony_desktop.ui.language import language_actions
from harmony_desktop.ui.register import RegisterPage
from harmony_desktop.ui.roster import RosterPage
from harmony_desktop.ui.sync import SyncUi
from harmony_desktop.ui.tasks import TaskManager


def tr(text: str) -> str:
    """Translate a main-window string (context ``MainWindow``)."""
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """One open hub: pages in tabs, hub/date/sync state in the status bar.

    ``auto_sync`` False leaves syncing to the user (no timers, no network watch): for
    tests and benchmarks, which must not sync on their own.
    """

    def __init__(
        self,
        services: Services,
        hub_id: str,
        *,
        today: dt.date | None = None,
        auto_sync: bool = True,
    ) -> None:
        super().__init__()
        self.services = services
        self.hub_id = hub_id
        hub = next((h for h in services.hubs.hubs() if h.id == hub_id), None)
        self.hub_name = hub.name if hub else hub_id
        self.tasks = TaskManager(services, self)
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
        status = self.statusBar()
        status.setAccessibleName(tr("Status bar"))
        status.setSizeGripEnabled(False)  # it clipped the sync state at the right edge
        status.addPermanentWidget(self.hub_label)
        status.addPermanentWidget(self.date_label)
        self.tasks.error.connect(lambda message: status.showMessage(message, 15_000))

        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(tr("&File"))
        file_menu.addAction(quit_action)
        self.chosen_language: str | None = None
        self._add_language_menu()

        self.register = RegisterPage(services, hub_id, self.tasks, today=today)
        self.register.dayChanged.connect(self._show_date)
        self._show_date(self.register.day)
        self.add_page(self.register, tr("Register"))
        self.roster = RosterPage(services, hub_id, self.tasks, today=today)
        self.add_page(self.roster, tr("Roster"))
        self.sync_ui = SyncUi(self, self.tasks, hub_id, auto=auto_sync)
        self.sync_ui.install(self.pages)
        self._closed = False

    def _add_language_menu(self) -> None:
        """Settings → Language: English / Español, each named in its own language."""
        menu = self.menuBar().addMenu(tr("&Settings")).addMenu(tr("&Language"))
        menu.setAccessibleName(tr("Language"))
        self.language_actions = language_actions(
            menu, i18n.current_language(), self.choose_language
        )

    def choose_language(self, code: str) -> None:
        """Keep ``code`` as this database's language and reopen the window in it (every
        mark is already stored, so closing loses nothing)."""
        self.services.store.settings.set(settings.LANGUAGE, code)
        if code == i18n.current_language():
            return
        self.chosen_language = code
        self.close()

    def add_page(self, widget: QWidget, title: str) -> None:
        """Add a page (roster, sync review …) as a tab."""
        if not widget.accessibleName():
            widget.setAccessibleName(title)
        self.pages.addTab(widget, title)

    def _show_date(self, day: dt.date) -> None:
        label = QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")
        self.date_label.setText(tr("Date: {date}").format(date=label))

    def shutdown(self) -> None:
        """Stop the timers and the background threads (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.sync_ui.shutdown()
        self.register.shutdown()
        self.roster.shutdown()
        self.tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every mark is already stored; just stop the background threads."""
        self.shutdown()
        super().closeEvent(event)
