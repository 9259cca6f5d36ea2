"""The Programme window: the programme's set-up in tabs, for site leads and the data
manager (File → Programme…, Ctrl+Shift+P).

Hubs (and under them the programme's name, on every printout), Ensembles, Staff, School
year (terms and closure days) and Attendance codes. It runs its work on the main
window's task manager, and every change it makes is announced there, so the register and
the roster follow at once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from harmony_desktop import APP_NAME
from harmony_desktop.services.context import Services
from harmony_desktop.ui.programme.calendar_page import CalendarPage
from harmony_desktop.ui.programme.ensembles import EnsemblesPage
from harmony_desktop.ui.programme.name_box import ProgrammeNameBox
from harmony_desktop.ui.programme.pages import CodesPage, HubsPage, StaffPage, button, tr
from harmony_desktop.ui.screen_fit import keep_on_screen
from harmony_desktop.ui.tasks import TaskManager


class ProgrammeWindow(QWidget):
    """Hubs, ensembles, staff, the school year and attendance codes, one tab each."""

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        hub_id: str | None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(tr("Programme set-up — {app}").format(app=APP_NAME))
        self.setAccessibleName(tr("Programme set-up"))
        self.resize(1180, 660)
        keep_on_screen(self)  # on a 1024-pixel netbook: no wider than the screen
        self.hubs = HubsPage(services, tasks, self)
        self.ensembles = EnsemblesPage(services, tasks, hub_id, self, today=today)
        self.staff = StaffPage(services, tasks, self)
        self.calendar = CalendarPage(services, tasks, self, today=today)
        self.codes = CodesPage(services, tasks, self)
        # The programme's name under the hubs, on the first tab: above the tabs it made
        # the window taller than a 1280x720 screen.
        self.name_box = ProgrammeNameBox(services, tasks, self.hubs)
        hubs_layout = self.hubs.layout()
        assert isinstance(hubs_layout, QVBoxLayout)
        hubs_layout.addWidget(self.name_box)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Set-up pages"))
        self.tabs.tabBar().setAccessibleName(tr("Set-up pages"))
        for page, title in (
            (self.hubs, tr("H&ubs")),
            (self.ensembles, tr("&Ensembles")),
            (self.staff, tr("Sta&ff")),
            (self.calendar, tr("School &year")),
            (self.codes, tr("Attendance &codes")),
        ):
            page.setAccessibleName(title.replace("&", ""))
            self.tabs.addTab(page, title)
        self.close_button = button(tr("Close"), tr("Close the programme set-up"))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._loaded_once = False

    def showEvent(self, event: QShowEvent) -> None:
        """Read every page the first time the window shows."""
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.name_box.reload()
            for page in (self.hubs, self.ensembles, self.staff, self.calendar, self.codes):
                page.reload()

    def show_page(self, page: QWidget) -> None:
        """Bring one tab to the front."""
        self.tabs.setCurrentWidget(page)
