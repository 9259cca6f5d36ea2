"""The Programme window: the programme's set-up in tabs, for site leads and the data
manager (File → Programme…, Ctrl+Shift+P).

Hubs (and under them the programme's name, on every printout), Ensembles, Staff, School
year (terms and closure days), Attendance codes and Next grade (moving students
up a grade when a programme year begins: ``new_year_page.py``). A page's typed changes are never
dropped without asking (``unsaved.py``): not on another tab, nor when the window closes
(Close, Ctrl+W, Escape, the title bar's button, or the main window closing); the question
does not block (``unsaved.py``). It runs its work on the main
window's task manager, and every change it makes is announced there, so the register and
the roster follow at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from harmony_desktop import APP_NAME
from harmony_desktop.services.context import Services
from harmony_desktop.ui.file_import import FileImportDialog
from harmony_desktop.ui.programme.calendar_page import CalendarPage
from harmony_desktop.ui.programme.ensembles import EnsemblesPage
from harmony_desktop.ui.programme.name_box import ProgrammeNameBox
from harmony_desktop.ui.programme.new_year_page import NewYearPage
from harmony_desktop.ui.programme.pages import CodesPage, HubsPage, StaffPage, button, tr
from harmony_desktop.ui.programme.unsaved import UnsavedForm
from harmony_desktop.ui.screen_fit import keep_on_screen
from harmony_desktop.ui.tasks import Changes, TaskManager


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
        self.new_year = NewYearPage(services, tasks, hub_id, self, today=today)
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
            # no Alt+key: every letter of it is taken on some page (Ctrl+Tab reaches it)
            (self.new_year, tr("Next grade")),
        ):
            page.setAccessibleName(title.replace("&", ""))
            self.tabs.addTab(page, title)
        # what each tab asks about: the Hubs tab's hub form and the programme's name
        self._forms: dict[QWidget, list[UnsavedForm]] = {
            self.hubs: [self.hubs, self.name_box],
            self.ensembles: [self.ensembles],
            self.staff: [self.staff],
            self.calendar: [self.calendar],
            self.codes: [self.codes],
        }
        self._closing_anyway = False
        self._tab = self.tabs.currentIndex()
        self._putting_back = False
        self.tabs.currentChanged.connect(self._tab_changed)
        self.close_button = button(tr("Close"), tr("Close the programme set-up"))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        # The set-up from a workbook (Hubs, Staff, Ensembles, Calendar, Terms), as
        # ``setup import`` reads it: the dry run first, then all or nothing.
        # No Alt+key: every letter of its words is some page's already, in English and
        # in Spanish (tests/ui/test_programme_access.py); Ctrl+I from any page instead.
        self.import_button = button(tr("Import a set-up workbook…"), tr("Import a set-up workbook"))
        self.import_button.setToolTip(tr("Import a set-up workbook (Ctrl+I)"))
        self.import_button.setAccessibleDescription(self.import_button.toolTip())
        self.import_button.clicked.connect(self.open_import)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_button.click)
        self.import_dialog: FileImportDialog | None = None
        self._tasks = tasks
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
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
            self.new_year.reload()

    def open_import(self) -> FileImportDialog:
        """The set-up import window (ensembles' first and last days, the calendar's and
        the terms' dates read as the file writes them, or in the order chosen)."""
        from harmony_desktop.services.setup_import import SetupReport, read_setup

        def dry_run(s: Services, path: Path, order: str | None) -> SetupReport:
            return s.setup_import.dry_run(read_setup([path], date_order=order))

        def apply(s: Services, path: Path, order: str | None) -> SetupReport:
            return s.setup_import.apply(read_setup([path], date_order=order))

        dialog = FileImportDialog(
            self._tasks,
            title=tr("Import a set-up workbook"),
            dry_run=dry_run,
            apply=apply,
            rows=lambda report: [str(r) for r in report.rejected],
            importable=lambda report: not report.rejected,
            changes=Changes(setup=True),
            parent=self,
        )
        # every page reads itself again on the change notice (``Changes(setup=True)``)
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def forms(self) -> list[UnsavedForm]:
        """Every form that asks before its typed changes are dropped."""
        return [form for forms in self._forms.values() for form in forms]

    def _changed_form(self, page: QWidget | None) -> UnsavedForm | None:
        """The first form of ``page`` (a tab) holding typed changes."""
        forms = self._forms.get(page, []) if page is not None else []
        return next((form for form in forms if form.has_changes()), None)

    def _tab_changed(self, index: int) -> None:
        """Another tab: the page left asks first about its typed changes (the tab shown
        stays until the answer; Save or Discard then go on to the tab chosen)."""
        left = self._changed_form(self.tabs.widget(self._tab))
        if self._putting_back or left is None:
            self._tab = index
            return
        self._putting_back = True
        try:
            self.tabs.setCurrentIndex(self._tab)
        finally:
            self._putting_back = False
        if left.confirm_leave(lambda: self.tabs.setCurrentIndex(index)):
            self.tabs.setCurrentIndex(index)

    def may_close(self, then: Callable[[], object]) -> bool:
        """Whether the window may close now: True when no page has typed changes.
        Otherwise the page with them is shown and asks (without waiting): ``then`` runs
        once its changes are saved or discarded, and Cancel leaves everything open."""
        current = self.tabs.currentWidget()
        pages = [current, *(self.tabs.widget(i) for i in range(self.tabs.count()))]
        for page in pages:
            # A save still being stored: closing waits for it, and happens once it is
            # stored; a refusal keeps the window open on its message (and what was typed).
            if page is None:
                continue
            saving = next((f for f in self._forms.get(page, []) if f.saving_then(then)), None)
            if saving is not None:
                self._putting_back = True
                try:
                    self.tabs.setCurrentWidget(page)
                    self._tab = self.tabs.currentIndex()
                finally:
                    self._putting_back = False
                return False
        for page in pages:
            form = self._changed_form(page)
            if form is not None and page is not None:
                self._putting_back = True  # shown to be asked about, not left
                try:
                    self.tabs.setCurrentWidget(page)
                    self._tab = self.tabs.currentIndex()
                finally:
                    self._putting_back = False
                if self.isHidden():
                    self.show()
                self.raise_()
                self.activateWindow()
                return form.confirm_leave(then)
        return True

    def close_dropping_changes(self) -> None:
        """Close without asking, typed changes dropped: the application is stopping
        (the main window's shutdown, a test's teardown). An open question goes unanswered."""
        self._closing_anyway = True
        for form in self.forms():
            form.drop_question()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close, Ctrl+W, Escape, the title bar: typed changes are asked about first
        (the window stays open until they are saved or discarded)."""
        if not self._closing_anyway and not self.may_close(self.close):
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the window as Close does (an open list or calendar, or a box
        that uses Escape itself, takes it first: only what none took arrives here)."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def show_page(self, page: QWidget) -> None:
        """Bring one tab to the front."""
        self.tabs.setCurrentWidget(page)
