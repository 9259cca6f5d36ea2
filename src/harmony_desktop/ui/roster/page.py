"""The roster page of a hub: search as you type, sortable columns, and every roster action.

Loading the roster runs on the window's database thread; the search filters the loaded
entries in memory, so each keystroke costs a few milliseconds even at 3,500 students.
The page reloads whenever the change notice says students or enrollments changed,
whoever changed them (this page's forms, an import, a sync, a merge).
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageSize, QPaintEngine, QShortcut
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.vocab import StudentStatus
from harmony_desktop.printing import DOCUMENT_KINDS, DocumentBuilder
from harmony_desktop.printing.documents import set_up_device
from harmony_desktop.printing.language import document_language, in_language
from harmony_desktop.printing.layout import TableDocument, TablePainter
from harmony_desktop.services.context import Services
from harmony_desktop.services.files import saving
from harmony_desktop.services.new_year import NewYearService
from harmony_desktop.services.roster import RosterEntry
from harmony_desktop.ui.language import add_language_choice
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.roster.enrollment_panel import WaitlistDialog
from harmony_desktop.ui.roster.import_dialog import ImportDialog
from harmony_desktop.ui.roster.model import RosterTableModel, StudentIdRole
from harmony_desktop.ui.roster.print_day import SignInDayDialog
from harmony_desktop.ui.roster.student_dialog import StudentDialog
from harmony_desktop.ui.tasks import Changes, TaskManager


class RosterPage(QWidget):
    """Every student of one hub, and the actions a site lead takes on them."""

    #: the roster was (re)loaded: number of students
    loaded = Signal(int)
    #: "Move students up a grade…" on the reminder: Programme set-up's Next grade tab
    newYearRequested = Signal()

    def __init__(
        self,
        services: Services,
        hub_id: str,
        tasks: TaskManager,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub_id = hub_id
        self.tasks = tasks
        self.today = today or dt.date.today()
        self.setAccessibleName(self.tr("Roster"))

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search by name, district id, ensemble, instrument, grade or status")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the roster"))
        self.search_label = QLabel(self.tr("Searc&h:"))
        self.search_label.setBuddy(self.search)
        self.show_archived = QCheckBox(self.tr("Show ar&chived"))
        self.show_archived.setAccessibleName(self.tr("Show archived students"))
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of students shown"))

        self.model = RosterTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Students"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(RosterTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the list (and Ctrl+Tab changes tab); ↑/↓ choose a student
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((220, 120, 60, 110, 220, 110)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())

        self.new_button = QPushButton(self.tr("&New student"))
        self.edit_button = QPushButton(self.tr("&Open"))
        self.archive_button = QPushButton(self.tr("&Archive"))
        self.waitlist_button = QPushButton(self.tr("&Waitlists…"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("E&xport"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Each item of the Export and Print menus has its own letter: with the menu open,
        # the letter alone chooses it.
        self.export_menu = QMenu(self.export_button)
        for kind, label in (
            ("roster", self.tr("&Roster…")),
            ("contacts", self.tr("&Contacts…")),
            ("attendance", self.tr("&Attendance…")),
        ):
            self.export_menu.addAction(label, functools.partial(self.export_to_file, kind))
        self.export_button.setMenu(self.export_menu)
        self.print_ensemble = QComboBox()
        self.print_ensemble.setAccessibleName(self.tr("Ensemble to print"))
        self.print_button = QToolButton()
        self.print_button.setText(self.tr("&Print"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_menu = QMenu(self.print_button)
        # The printouts' titles as document_title() writes them, each with its letter.
        print_items = {
            "roster": self.tr("&Class roster…"),
            "signin": self.tr("&Sign-in / sign-out sheet…"),
            "blank-roll": self.tr("Paper &roll sheet…"),
            "emergency": self.tr("&Emergency contact sheet…"),
            "no-photo": self.tr("&No-photo list…"),
        }
        for kind in DOCUMENT_KINDS:
            self.print_menu.addAction(
                print_items[kind], functools.partial(self.print_preview, kind)
            )
        self.print_language = add_language_choice(self.print_menu)
        self.print_button.setMenu(self.print_menu)
        for button in (
            self.new_button, self.edit_button, self.archive_button, self.waitlist_button,
            self.import_button, self.export_button, self.print_button,
        ):  # fmt: skip
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Roster messages"))
        # Once a programme year has begun, students whose grade is recorded for an
        # earlier one are still to move up: said here, where the site lead keeps them.
        self.new_year_band = QFrame()
        self.new_year_band.setObjectName("newYearBand")
        self.new_year_band.setStyleSheet(
            "QFrame#newYearBand { background: #fff4d6; border: 1px solid #d9a520;"
            " border-radius: 6px; }"
        )
        band = QHBoxLayout(self.new_year_band)
        band.setContentsMargins(8, 4, 8, 4)
        self.new_year_label = QLabel()
        self.new_year_label.setWordWrap(True)
        self.new_year_button = QPushButton(self.tr("Move students up a grade…"))
        self.new_year_button.setAccessibleName(self.tr("Move students up a grade"))
        self.new_year_button.clicked.connect(self.newYearRequested)
        band.addWidget(self.new_year_label, 1)
        band.addWidget(self.new_year_button)
        self.new_year_band.hide()

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        top.addWidget(self.count)
        actions = QHBoxLayout()
        for w in (self.new_button, self.edit_button, self.archive_button, self.waitlist_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.print_for_label = QLabel(self.tr("Print fo&r"))
        self.print_for_label.setBuddy(self.print_ensemble)
        actions.addWidget(self.print_for_label)
        actions.addWidget(self.print_ensemble)
        actions.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new_year_band)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

        self.search.textChanged.connect(self._search_changed)
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.new_button.clicked.connect(self.new_student)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.archive_or_restore_selected)
        self.waitlist_button.clicked.connect(self.open_waitlists)
        self.import_button.clicked.connect(self.open_import)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_student)
        self._select_after_load: str | None = None
        self._select_next: str | None = None
        self._generation = 0
        tasks.changed.connect(self._on_changes)
        self._load_ensembles()
        self._update_buttons()
        self.reload()

    # -- loading -----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Load the roster again (in the background); select ``select`` when done."""
        self._select_after_load = select or self.selected_student_id()
        include_archived = self.show_archived.isChecked()
        hub_id = self.hub_id
        self._generation += 1
        generation = self._generation
        self.count.setText(self.tr("Loading…"))
        today = self.today

        def load(s: Services) -> tuple[list[RosterEntry], tuple[str, int]]:
            waiting = NewYearService(s.store, today=lambda: today).waiting([hub_id])
            return s.roster.entries(hub_id, include_archived=include_archived), waiting

        QueryOp(
            self.tasks,
            op=load,
            success=lambda loaded: self._loaded(*loaded, generation),
            parent=self,
        ).failure(lambda exc: self._say(str(exc), error=True)).run_in_background()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        """Students or enrollments changed (here or elsewhere): show them again."""
        if changes.roster:
            select, self._select_next = self._select_next, None
            self.reload(select=select)

    def wrote(self, changes: Changes, *, select: str | None = None) -> None:
        """This page's forms stored something: tell every view (this one reloads and
        then selects ``select``)."""
        self._select_next = select
        self.tasks.notify(changes, self)

    def _loaded(
        self, entries: list[RosterEntry], waiting: tuple[str, int], generation: int
    ) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        year, students = waiting
        if students:
            self.new_year_label.setText(
                self.tr(
                    "{year} has begun: %n student's grade is still for an earlier year.",
                    "",
                    students,
                ).format(year=year)
            )
        self.new_year_band.setVisible(bool(students))
        self.model.set_entries(entries)
        self._update_count()
        if self._select_after_load:
            self.select_student(self._select_after_load)
        self._update_buttons()
        self.loaded.emit(len(entries))

    def _load_ensembles(self) -> None:
        self.print_ensemble.clear()
        self.print_ensemble.addItem(self.tr("All ensembles"), None)
        for e in self.services.hubs.ensembles(self.hub_id):
            self.print_ensemble.addItem(e.name, e.id)
        if self.print_ensemble.count() > 1:
            self.print_ensemble.setCurrentIndex(1)

    def _search_changed(self, text: str) -> None:
        self.model.set_query(text)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(
            self.tr("%n student(s)", "", total)
            if shown == total
            else self.tr("{shown} of %n student(s)", "", total).format(shown=shown)
        )

    def shutdown(self) -> None:
        """Nothing of its own to stop: its background work runs on the window's task
        manager, which stops with the window."""

    # -- selection -------------------------------------------------------------------

    def selected_student_id(self) -> str | None:
        """The id of the selected student, if any."""
        if not hasattr(self, "view"):
            return None
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], StudentIdRole) if rows else None

    def select_student(self, student_id: str) -> bool:
        """Select (and show) a student's row; False if it is filtered out."""
        row = self.model.row_of(student_id)
        if row < 0:
            return False
        index: QModelIndex = self.model.index(row, 0)
        self.view.selectRow(row)
        self.view.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        student_id = self.selected_student_id()
        self.edit_button.setEnabled(student_id is not None)
        self.archive_button.setEnabled(student_id is not None)
        if student_id is not None:
            entry = self.model.entry(self.model.row_of(student_id))
            archived = entry.status == StudentStatus.ARCHIVED
            self.archive_button.setText(self.tr("R&estore") if archived else self.tr("&Archive"))
            self.archive_button.setAccessibleName(self.archive_button.text().replace("&", ""))

    # -- actions -----------------------------------------------------------------------

    def student_dialog(self, student_id: str | None = None) -> StudentDialog:
        """The form for a new (``None``) or existing student, wired to reload the roster."""
        dialog = StudentDialog(self.services, self.hub_id, student_id, self, today=self.today)
        dialog.saved.connect(lambda sid: self.wrote(Changes(students=True), select=sid))
        dialog.openInstead.connect(lambda sid: self.student_dialog(sid).open())
        dialog.enrollRequested.connect(self.enroll_student)
        if dialog.enrollment is not None:
            dialog.enrollment.changed.connect(lambda: self.wrote(Changes(enrollment=True)))
        return dialog

    def enroll_student(self, student_id: str) -> StudentDialog:
        """Open a student's form on its Enrollment tab, the keyboard on the ensemble."""
        dialog = self.student_dialog(student_id)
        assert dialog.enrollment is not None
        dialog.tabs.setCurrentWidget(dialog.enrollment)
        dialog.open()
        dialog.enrollment.ensemble.setFocus()
        return dialog

    def new_student(self) -> StudentDialog:
        """Open the form for a new student."""
        dialog = self.student_dialog()
        dialog.open()
        return dialog

    def edit_selected(self) -> StudentDialog | None:
        """Open the selected student's form."""
        student_id = self.selected_student_id()
        if not student_id:
            return None
        dialog = self.student_dialog(student_id)
        dialog.open()
        return dialog

    def archive_or_restore_selected(self) -> None:
        """Archive the selected student (after confirming), or restore an archived one."""
        student_id = self.selected_student_id()
        if not student_id:
            return
        entry = self.model.entry(self.model.row_of(student_id))
        name = entry.display_name
        if entry.status == StudentStatus.ARCHIVED:
            done = self.tr("{name} is active again.").format(name=name)
            CollectionOp(
                self.tasks,
                op=lambda s: s.roster.restore_student(student_id),
                changes=Changes(students=True),
                parent=self,
            ).success(lambda _r: self._say(done)).failure(
                lambda exc: self._say(str(exc), error=True)
            ).run_in_background(initiator=self)
            return
        answer = QMessageBox.question(
            self,
            self.tr("Archive student"),
            self.tr(
                "Archive {name}? They leave rolls and printouts; their records are kept "
                'and you can restore them from "Show archived".'
            ).format(name=name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        done = self.tr("{name} is archived.").format(name=name)
        CollectionOp(
            self.tasks,
            op=lambda s: s.roster.archive_student(student_id),
            changes=Changes(students=True, enrollment=True),
            parent=self,
        ).success(lambda _r: self._say(done)).failure(
            lambda exc: self._say(str(exc), error=True)
        ).run_in_background(initiator=self)

    def open_waitlists(self) -> WaitlistDialog:
        """Show the waitlists of the hub's ensembles."""
        dialog = WaitlistDialog(self.services, self.hub_id, self, today=self.today)
        dialog.changed.connect(lambda: self.wrote(Changes(enrollment=True)))
        dialog.open()
        return dialog

    def open_import(self) -> ImportDialog:
        """Open the import window."""
        dialog = ImportDialog(self.tasks, self.hub_id, self)
        dialog.open()
        return dialog

    def export_to_file(self, kind: str, path: Path | None = None) -> None:
        """Export ``kind`` to a file the user chooses (or ``path``)."""
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Export"),
                f"{kind}-{self.today.isoformat()}.xlsx",
                self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        hub_id, target, language = self.hub_id, path, self.print_language()
        QueryOp(
            self.tasks,
            op=lambda s: in_language(language, s.exporting.export, kind, hub_id, target),
            success=lambda count: self._say(
                self.tr("%n row(s) exported to {name}.", "", count).format(name=target.name)
            ),
            parent=self,
        ).failure(lambda exc: self._say(str(exc), error=True)).run_in_background()

    def print_preview(self, kind: str, day: dt.date | None = None) -> QPrintPreviewDialog | None:
        """Show the print preview of a document for the chosen ensemble (print or PDF from
        there). A sign-in sheet first asks which of the ensemble's meeting days it is for
        (:attr:`day_dialog`), then previews."""
        ensemble_id = self.print_ensemble.currentData()
        if kind == "signin" and day is None and ensemble_id:
            self.day_dialog = SignInDayDialog(
                self.services,
                self.hub_id,
                ensemble_id,
                self.print_ensemble.currentText(),
                self.today,
                self,
            )
            chooser = self.day_dialog
            chooser.accepted.connect(lambda: self.print_preview(kind, chooser.day()))
            chooser.open()
            return None
        language = self.print_language()
        try:
            with document_language(language):
                document = DocumentBuilder(self.services).build(
                    kind, hub_id=self.hub_id, ensemble_id=ensemble_id, day=day or self.today
                )
        except HarmonyError as exc:
            self._say(str(exc), error=True)
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        page_size = preview_page_size(printer)
        set_up_device(printer, page_size, landscape=document.landscape)
        printer.setDocName(document.title)
        dialog = QPrintPreviewDialog(printer, self)
        # QPrinter is not a QObject: keep it alive as long as the dialog that paints on it.
        self._preview_printer = printer
        dialog.setWindowTitle(document.title)
        dialog.paintRequested.connect(
            lambda device: self._paint_document(document, language, device)
        )
        dialog.open()
        return dialog

    def _paint_document(
        self, document: TableDocument, language: str | None, device: QPrinter
    ) -> None:
        """Paint ``document`` on the preview, a printer, or a PDF file. A PDF file is
        written beside and moved into place (never half a file, readable by its owner
        only); one that cannot be saved (a folder, a read-only folder, a file open
        elsewhere, a full disk) says why and what to do below the roster, as an export."""
        target = device.outputFileName()
        if not target or device.paintEngine().type() != QPaintEngine.Type.Pdf:
            try:  # preview, printer
                in_language(language, TablePainter(document).paint, device)
            except HarmonyError as exc:  # a printer that could not be used: nothing sent
                self._say(str(exc), error=True)
            return
        try:
            with saving(Path(target)) as partial:
                device.setOutputFileName(str(partial))
                try:
                    in_language(language, TablePainter(document).paint, device)
                except RuntimeError as exc:  # Qt could not open the file
                    raise OSError(errno.EIO, str(exc)) from exc
                finally:
                    device.setOutputFileName(target)
        except HarmonyError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("Saved {name}.").format(name=Path(target).name))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #a40000; font-weight: bold;" if error else "")


def preview_page_size(printer: QPrinter) -> str:
    """The paper of a print preview: the printer's own, Letter or A4; with no printer
    set up on this computer, Letter, as the command line and the Reports tab choose
    (Qt's fallback is A4, a paper US programmes do not have)."""
    if QPrinterInfo.defaultPrinter().isNull():
        return "Letter"
    return "A4" if printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4 else "Letter"
