"""What every import window shares: the choice of how the file writes dates with numbers
only ("Dates written with numbers": as the file shows, day first, month first), and a
file import window for the imports without a column mapping (volunteers, the programme's
set-up).

The choice is the roster import's (``ui/roster/import_dialog.py``) and the command line's
``--dates``: by default a date column's order is read from its dates (``services.sheets.
date_columns``, said in the dry run); chosen, every column is read so, and a date that
cannot be read so is refused on its row. A column holding both orders is refused with the
rows of each (:class:`~harmony_desktop.services.sheets.DateOrderConflict`), and
:func:`date_order_refusal` adds where to choose.

:class:`FileImportDialog`, by keyboard: Enter takes the next step (choose a file, check,
import what the check accepted, close), Alt+F the file, Alt+D the order of the dates,
Alt+1 and Alt+2 the steps, Escape closes. Reading and the dry run run on the window's
database thread, the import as one write (all or nothing as the service says).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.sheets import DAY_MONTH, MONTH_DAY, DateOrderConflict
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.screen_fit import keep_on_screen
from harmony_desktop.ui.tasks import Changes, TaskManager, Ticket

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services

_ERROR_STYLE = "color: #a40000; font-weight: bold;"


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate an import window string (context ``FileImport``)."""
    return QCoreApplication.translate("FileImport", text, disambiguation or None, n)


class DateOrderChoice(QComboBox):
    """How the file writes dates with numbers only: as its dates show (the check says
    how), day first or month first. ``label`` is its "&Dates written with numbers:"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(tr("As the file shows (the check says how)"), "")
        self.addItem(tr("Day first: 31/12/2014"), DAY_MONTH)
        self.addItem(tr("Month first: 12/31/2014"), MONTH_DAY)
        self.setAccessibleName(tr("Order of day and month in the file's dates"))
        self.label = QLabel(tr("&Dates written with numbers:"))
        self.label.setBuddy(self)

    def order(self) -> str | None:
        """The order chosen (None: as the file's dates show)."""
        return self.currentData() or None

    def choose(self, order: str | None) -> None:
        """Choose ``order`` (None: as the file shows), as a user would."""
        self.setCurrentIndex(max(0, self.findData(order or "")))

    def row(self) -> QHBoxLayout:
        """The label and the choice on a line of their own."""
        line = QHBoxLayout()
        line.addWidget(self.label)
        line.addWidget(self)
        line.addStretch(1)
        return line


def date_order_refusal(exc: DateOrderConflict) -> str:
    """A column with both orders refused, and where to say the file's order instead."""
    return tr(
        '{refusal}\nOr say above, in "Dates written with numbers", how the file '
        "writes its dates, and check again: the dates that cannot be read so are "
        "refused on their rows."
    ).format(refusal=str(exc))


def failure_text(exc: object) -> str:
    """What an import window says when reading, checking or importing failed: a column
    with both orders and where to choose instead, a refusal, or that nothing changed."""
    if isinstance(exc, DateOrderConflict):
        return date_order_refusal(exc)
    if isinstance(exc, HarmonyError):
        return str(exc)
    return tr("The import failed and nothing was changed: {error}").format(error=exc)


class ImportControls:
    """The controls every import window has, in the order it reads: the file, the steps
    (check, import; Close on the right), what the check said, and the rejected rows,
    whose reasons wrap rather than run off the right."""

    def __init__(self, rejected_label: str, rejected_name: str) -> None:
        self.choose = QPushButton(tr("Choose a CSV or Excel &file…"))
        self.choose.setAccessibleName(tr("Choose file"))
        self.file_label = QLabel(tr("No file chosen."))
        self.file_label.setAccessibleName(tr("Chosen file"))
        self.dry_run_button = QPushButton(tr("&1. Check (dry run)"))
        self.dry_run_button.setAccessibleName(tr("Check the import (dry run)"))
        self.import_button = QPushButton(tr("&2. Import"))
        self.import_button.setAccessibleName(tr("Import"))
        self.close_button = QPushButton(tr("&Close"))
        self.close_button.setAccessibleName(tr("Close"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Import summary"))
        self.rejected_rows = QListWidget()
        self.rejected_rows.setAccessibleName(rejected_name)
        self.rejected_rows.setWordWrap(True)
        self.rejected_rows.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.rejected_rows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rejected_label = QLabel(rejected_label)
        self.rejected_label.setBuddy(self.rejected_rows)
        self.dry_run_button.setEnabled(False)
        self.import_button.setEnabled(False)

    def file_row(self) -> QHBoxLayout:
        """The file button and what was chosen."""
        row = QHBoxLayout()
        row.addWidget(self.choose)
        row.addWidget(self.file_label, 1)
        return row

    def buttons_row(self) -> QHBoxLayout:
        """The steps, then Close on the right."""
        row = QHBoxLayout()
        row.addWidget(self.dry_run_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        return row

    def say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` as what the import says (in red: a refusal)."""
        self.summary.setText(text)
        self.summary.setStyleSheet(_ERROR_STYLE if error else "")


class ImportReportLike(Protocol):
    """What the window shows of a dry run or an import."""

    dates: list[str]

    def summary(self) -> str: ...


#: (services, file, date order) → the report of a dry run or of the import
ImportStep = Callable[["Services", Path, str | None], Any]


class FileImportDialog(QDialog):
    """Choose a file, say how it writes dates, see the dry run, import."""

    #: a dry run finished (its report)
    checked = Signal(object)
    #: the import was written (its report)
    imported = Signal(object)
    #: the file, the check or the import was refused (what the window says)
    refused = Signal(str)

    def __init__(
        self,
        tasks: TaskManager,
        *,
        title: str,
        dry_run: ImportStep,
        apply: ImportStep,
        rows: Callable[[Any], list[str]],
        importable: Callable[[Any], bool],
        changes: Changes,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(820, 560)
        keep_on_screen(self)
        self.tasks = tasks
        self._title = title
        self._dry_run, self._apply = dry_run, apply
        self._rows, self._importable, self._changes = rows, importable, changes
        self._tickets: list[Ticket] = []
        self.path: Path | None = None
        self.report: Any = None

        self.controls = c = ImportControls(
            tr("&Rejected rows (row number: reason)"), tr("Rejected rows")
        )
        self.choose, self.file_label, self.summary = c.choose, c.file_label, c.summary
        self.dry_run_button, self.import_button = c.dry_run_button, c.import_button
        self.close_button, self.rejected_rows = c.close_button, c.rejected_rows
        self.file_label.setWordWrap(True)
        self.summary.setText(tr("Choose the file to import."))
        self.date_order = DateOrderChoice()
        layout = QVBoxLayout(self)
        layout.addLayout(c.file_row())
        layout.addLayout(self.date_order.row())
        layout.addLayout(c.buttons_row())
        layout.addWidget(self.summary)
        layout.addWidget(c.rejected_label)
        layout.addWidget(self.rejected_rows, 1)
        for before, after in itertools.pairwise(
            [
                self.choose,
                self.date_order,
                self.dry_run_button,
                self.import_button,
                self.close_button,
                self.rejected_rows,
            ]
        ):
            QWidget.setTabOrder(before, after)
        self.choose.setDefault(True)

        self.choose.clicked.connect(self._choose_file)
        self.date_order.currentIndexChanged.connect(self._order_changed)
        self.dry_run_button.clicked.connect(self.dry_run)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)

    def done(self, result: int) -> None:
        """Close; a step not started yet is cancelled (a running import still finishes)."""
        for ticket in self._tickets:
            ticket.cancel()
        self._tickets.clear()
        super().done(result)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self._title, "", tr("Spreadsheets (*.csv *.xlsx *.txt)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Take ``path`` and check it at once (the dry run)."""
        self.path = path
        self.file_label.setText(path.name)
        self.dry_run()

    def _order_changed(self) -> None:
        # Another order: what the check said no longer holds; check again.
        if self.path is not None:
            self.dry_run()

    def dry_run(self) -> None:
        """Say what the import would do, without writing."""
        if self.path is None:
            return
        path, order, step = self.path, self.date_order.order(), self._dry_run
        self._busy(True)
        self._tickets.append(
            QueryOp(
                self.tasks,
                op=lambda s: step(s, path, order),
                success=self._checked,
                parent=self,
            )
            .failure(self._failed)
            .run_in_background()
        )

    def _checked(self, report: ImportReportLike) -> None:
        self._busy(False)
        self.report = report
        self._say(
            "\n".join([tr("Dry run: {summary}").format(summary=report.summary()), *report.dates])
        )
        self._show_rows(report)
        self.import_button.setEnabled(self._importable(report))
        if self.import_button.isEnabled():
            self.import_button.setDefault(True)
            self.import_button.setFocus()
        else:
            self.dry_run_button.setDefault(True)
            (self.rejected_rows if self.rejected_rows.count() else self.date_order).setFocus()
        self.checked.emit(report)

    def run_import(self) -> None:
        """Import what the dry run accepted."""
        if self.path is None or self.report is None:
            return
        path, order, step = self.path, self.date_order.order(), self._apply
        self._busy(True)
        self._tickets.append(
            CollectionOp(
                self.tasks,
                op=lambda s: step(s, path, order),
                changes=self._changes,
                parent=self,
            )
            .success(self._imported)
            .failure(self._failed)
            .run_in_background(initiator=self)
        )

    def _imported(self, report: ImportReportLike) -> None:
        self._busy(False)
        self.report = None
        self.import_button.setEnabled(False)
        self._say(tr("Imported: {summary}").format(summary=report.summary()))
        self._show_rows(report)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.imported.emit(report)

    def _show_rows(self, report: Any) -> None:
        self.rejected_rows.clear()
        self.rejected_rows.addItems(self._rows(report))

    def _failed(self, exc: Any) -> None:
        self._busy(False)
        self.report = None
        self.import_button.setEnabled(False)
        self.rejected_rows.clear()
        self._say(failure_text(exc), error=True)
        # a column with both orders: the person who knows the file says its order
        (self.date_order if isinstance(exc, DateOrderConflict) else self.choose).setFocus()
        self.refused.emit(self.summary.text())

    def _busy(self, busy: bool) -> None:
        for widget in (self.choose, self.date_order, self.dry_run_button):
            widget.setEnabled(not busy)
        self.dry_run_button.setEnabled(not busy and self.path is not None)
        if busy:
            self.import_button.setEnabled(False)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.controls.say(text, error=error)
