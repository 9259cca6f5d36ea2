"""Import students and contacts: choose a file, confirm the column mapping (and, when
the file's dates do not say it or say both, the order of day and month they are written
in), see the dry run, then import (all or nothing). Reading, the dry run and the import
run on the window's database thread; closing the dialog cancels what has not started yet.

By keyboard: Enter takes the next step (choose a file, check it, import what the check
accepted, close), Alt+1 and Alt+2 the numbered ones, Alt+D the order of the dates,
Escape closes; Tab goes from the file to the mapping's fields, one per column, the order
of the dates, and on to the buttons."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.importing import (
    FIELD_ALIASES,
    ImportReport,
    RawTable,
    check_mapping,
    field_label,
    guess_mapping,
    read_table,
)
from harmony_desktop.services.sheets import DateOrderConflict
from harmony_desktop.ui.file_import import DateOrderChoice, ImportControls, failure_text
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.screen_fit import keep_on_screen
from harmony_desktop.ui.tasks import Changes, TaskManager, Ticket


class ImportDialog(QDialog):
    """The three steps of an import, in one window."""

    #: the import was written (its report)
    imported = Signal(object)
    #: a dry run finished (its report)
    checked = Signal(object)
    #: the file was read
    file_loaded = Signal()

    def __init__(self, tasks: TaskManager, hub_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import students"))
        self.resize(860, 620)
        keep_on_screen(self)  # 620 pixels was taller than a 1024×600 netbook's screen
        self.tasks = tasks
        self.hub_id = hub_id
        self._tickets: list[Ticket] = []
        self.table: RawTable | None = None
        self.report: ImportReport | None = None

        self.controls = c = ImportControls(
            self.tr("&Rejected rows and rows to check (row number: reason)"),
            self.tr("Rejected rows and rows to check"),
        )
        self.choose, self.file_label, self.summary = c.choose, c.file_label, c.summary
        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Example"), self.tr("Goes into")]
        )
        self.mapping.setAccessibleName(self.tr("Column mapping"))
        self.mapping.horizontalHeader().setStretchLastSection(True)
        # Tab leaves the table for the field of each column (and arrows move in it).
        self.mapping.setTabKeyNavigation(False)
        # How dates written with numbers only ("03/04/2014") are read: as the file's
        # dates show (said in the dry run), or in the order the person chooses.
        self.date_order = DateOrderChoice()
        self.dry_run_button, self.import_button = c.dry_run_button, c.import_button
        self.close_button, self.rejected_rows = c.close_button, c.rejected_rows
        mapping_label = QLabel(
            self.tr('Check &where each column goes. Columns set to "(ignore)" are skipped.')
        )
        mapping_label.setBuddy(self.mapping)
        layout = QVBoxLayout(self)
        layout.addLayout(c.file_row())
        layout.addWidget(mapping_label)
        layout.addWidget(self.mapping, 2)
        layout.addLayout(self.date_order.row())
        layout.addLayout(c.buttons_row())
        layout.addWidget(self.summary)
        layout.addWidget(c.rejected_label)
        layout.addWidget(self.rejected_rows, 1)
        self._order_tabs()
        self._enter_does(self.choose)

        self.choose.clicked.connect(self._choose_file)
        self.date_order.currentIndexChanged.connect(self._date_order_changed)
        self.dry_run_button.clicked.connect(self.dry_run)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)

    def done(self, result: int) -> None:
        """Close; a step not started yet is cancelled (a running import still finishes,
        all or nothing, and the roster hears of it)."""
        for ticket in self._tickets:
            ticket.cancel()
        self._tickets.clear()
        super().done(result)

    # -- step 1: the file and its mapping ----------------------------------------------

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import students"), "", self.tr("Spreadsheets (*.csv *.xlsx *.txt)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read ``path`` in the background, then show its columns and their mapping."""
        self.file_label.setText(self.tr("Reading {name}…").format(name=path.name))
        self._busy(True)
        self._tickets.append(
            QueryOp(
                self.tasks,
                op=lambda _s: read_table(path),
                success=lambda t: self._loaded(path, t),
                parent=self,
            )
            .failure(self._failed)
            .run_in_background()
        )

    def _loaded(self, path: Path, table: RawTable) -> None:
        self._busy(False)
        self.table = table
        self.file_label.setText(
            self.tr("{name}: %n row(s) ({encoding})", "", len(table.rows)).format(
                name=path.name, encoding=table.encoding
            )
        )
        guessed = guess_mapping(table.headers)
        self.mapping.setRowCount(len(table.headers))
        choices = [("", self.tr("(ignore)"))] + [(f, field_label(f)) for f in FIELD_ALIASES]
        for row, header in enumerate(table.headers):
            example = next(
                (
                    str(cells[row])
                    for _n, cells in table.rows[:20]
                    if row < len(cells) and cells[row] not in (None, "")
                ),
                "",
            )
            self.mapping.setItem(row, 0, QTableWidgetItem(header))
            self.mapping.setItem(row, 1, QTableWidgetItem(example.replace("\n", " ")[:40]))
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Field for column {header}").format(header=header))
            for value, label in choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(row) or "")))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping.setCellWidget(row, 2, combo)
        self.mapping.resizeColumnsToContents()
        self._order_tabs()
        self._mapping_changed()
        self._first_field().setFocus()  # the next step: check where each column goes
        self.file_loaded.emit()

    def current_mapping(self) -> dict[int, str | None]:
        """Column index → field as the user set it."""
        mapping: dict[int, str | None] = {}
        for row in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            mapping[row] = combo.currentData() or None
        return mapping

    def chosen_date_order(self) -> str | None:
        """The order of day and month chosen for the file's dates (None: as the file's
        dates show)."""
        return self.date_order.order()

    def choose_date_order(self, order: str | None) -> None:
        """Choose the order of day and month (None: as the file shows), as a user would."""
        self.date_order.choose(order)

    def set_field(self, column: int, field: str | None) -> None:
        """Map ``column`` to ``field`` (None: ignore), as a user picking it would."""
        combo = self.mapping.cellWidget(column, 2)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(field or ""))

    def _date_order_changed(self) -> None:
        if self.table is not None:
            self._mapping_changed()  # the dry run is to be run again

    def _mapping_changed(self) -> None:
        # A new mapping needs a new dry run before anything is imported.
        self.report = None
        self.import_button.setEnabled(False)
        self._enter_does(self.dry_run_button)
        self.rejected_rows.clear()
        try:
            check_mapping(self.current_mapping())
        except HarmonyError as exc:
            self._say(str(exc), error=True)
            self.dry_run_button.setEnabled(False)
            return
        self._say(self.tr("Check the mapping, then run the dry run."))
        self.dry_run_button.setEnabled(True)

    # -- step 2: the dry run -----------------------------------------------------------

    def dry_run(self) -> None:
        """Say what the import would do, without writing."""
        if self.table is None:
            return
        table, mapping, hub_id = self.table, self.current_mapping(), self.hub_id
        order = self.chosen_date_order()
        self._busy(True)
        self._tickets.append(
            QueryOp(
                self.tasks,
                op=lambda s: s.importing.dry_run(hub_id, table, mapping, date_order=order),
                success=self._checked,
                parent=self,
            )
            .failure(self._failed)
            .run_in_background()
        )

    def _checked(self, report: ImportReport) -> None:
        self._busy(False)
        self.report = report
        # How dates written with numbers only are read (day/month or month/day), said
        # before anything is imported.
        lines = [self.tr("Dry run: {summary}").format(summary=report.summary()), *report.dates]
        if report.warnings:
            lines.append(
                self.tr(
                    "%n row(s) to check (imported all the same): see the list below.",
                    "",
                    len(report.warnings),
                )
            )
        self._say("\n".join(lines))
        self._show_rejected(report)
        self.import_button.setEnabled(report.created + report.updated > 0)
        if self.import_button.isEnabled():
            # Enter imports what the dry run accepted (Escape closes without).
            self._enter_does(self.import_button)
            self.import_button.setFocus()
        elif self.rejected_rows.count():
            self.rejected_rows.setFocus()  # nothing to import: the reasons why
        else:
            self._first_field().setFocus()
        self.checked.emit(report)

    def _show_rejected(self, report: ImportReport) -> None:
        """The rejected rows, then the rows imported all the same that are worth a look
        (a grade far from the child's age), each marked as such."""
        self.rejected_rows.clear()
        for r in report.rejected:
            self.rejected_rows.addItem(
                self.tr("row {row}: {reason}").format(row=r.line, reason=r.reason)
            )
        for w in report.warnings:
            item = QListWidgetItem(
                self.tr("row {row} (to check): {reason}").format(row=w.line, reason=w.reason)
            )
            item.setForeground(QColor("#7a4b00"))
            self.rejected_rows.addItem(item)

    # -- step 3: the import ------------------------------------------------------------

    def run_import(self) -> None:
        """Import the rows the dry run accepted, in one transaction."""
        if self.table is None or self.report is None:
            return
        table, mapping, hub_id = self.table, self.current_mapping(), self.hub_id
        order = self.chosen_date_order()
        self._busy(True)
        self._tickets.append(
            CollectionOp(
                self.tasks,
                op=lambda s: s.importing.apply(hub_id, table, mapping, date_order=order),
                changes=Changes(students=True, enrollment=True),
                parent=self,
            )
            .success(self._imported)
            .failure(self._failed)
            .run_in_background(initiator=self)
        )

    def _imported(self, report: ImportReport) -> None:
        self._busy(False)
        self.report = None
        self.import_button.setEnabled(False)
        self._say(self.tr("Imported: {summary}").format(summary=report.summary()))
        self._show_rejected(report)
        self._enter_does(self.close_button)
        self.close_button.setFocus()
        self.imported.emit(report)

    # -- helpers -----------------------------------------------------------------------

    def _first_field(self) -> QWidget:
        """The field of the mapping's first column (the table while it has none)."""
        return self.mapping.cellWidget(0, 2) or self.mapping

    def _enter_does(self, button: QPushButton) -> None:
        """Make ``button`` the one Enter presses (while it is enabled and no other button
        has the keyboard)."""
        button.setDefault(True)

    def _order_tabs(self) -> None:
        """Tab order as the dialog reads: the file, the mapping and its field for each
        column, the steps, Close, then the rejected rows."""
        chain: list[QWidget] = [self.choose, self.mapping]
        for row in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(row, 2)
            if combo is not None:
                chain.append(combo)
        chain += [
            self.date_order,
            self.dry_run_button,
            self.import_button,
            self.close_button,
            self.rejected_rows,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _failed(self, exc: Any) -> None:
        self._busy(False)
        (self.choose if self.table is None else self._first_field()).setFocus()
        # A column with both orders is not the end of the import: the person who knows
        # the file says its order, and only the dates that cannot be read in it are
        # refused, each on its row.
        self._say(failure_text(exc), error=True)
        if isinstance(exc, DateOrderConflict):
            self.date_order.setFocus()

    def _busy(self, busy: bool) -> None:
        # While busy the keyboard rests on the dialog (Escape still closes it); each
        # step's end puts it where the next step is.
        self.choose.setEnabled(not busy)
        self.mapping.setEnabled(not busy)
        self.date_order.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)
            self.dry_run_button.setEnabled(False)
            return
        try:
            check_mapping(self.current_mapping())
        except HarmonyError:
            self.dry_run_button.setEnabled(False)
        else:
            self.dry_run_button.setEnabled(self.table is not None)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.controls.say(text, error=error)
