"""The Reports tab: choose a kind, hub(s), ensemble and period; run it off the UI thread
with progress; read it as a sortable table; export it to .xlsx or .csv; print it to PDF
with its charts.

Every report runs on the task manager's database thread (``ReportService.run``) and can
be cancelled; exports and the PDF are written there too, so the window never waits.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyleOptionHeaderV2,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import Report, ReportParams, Sheet
from harmony_desktop.services.reports.export import write_report
from harmony_desktop.ui.datefield import DateBox, keys_hint
from harmony_desktop.ui.language import day_text
from harmony_desktop.ui.narrow import FlowLayout, row_group
from harmony_desktop.ui.reports.model import ReportTableModel
from harmony_desktop.ui.tasks import Progress, TaskManager, Ticket


def tr(text: str) -> str:
    """Translate a Reports tab string (context ``Reports``)."""
    return QCoreApplication.translate("Reports", text)


# Columns that say who a row is about: shown first in the tab.
PERSON_COLUMNS = ("student", "volunteer", "legal_first_name", "legal_last_name")
# The app's own ids (UUIDs): for machines and for matching rows, not for reading. The
# tab shows them last and narrow; the files keep them where docs/REPORTS.md says.
ID_COLUMNS = ("student_id", "local_id")
# Width of an id column in the tab, in characters (a UUID is 36).
ID_WIDTH_CHARS = 10
#: Qt's own sizing of a column (a double click on the edge of its title) reads at most
#: this many cells of the sheet: every cell of a thousand rows of a grid of 2,500
#: students by 210 dates took twenty seconds. The table itself is sized to each
#: column's widest texts (``ReportTableModel.widest_rows``), wherever they are.
SIZE_SAMPLE_CELLS = 10_000
#: After a resize of the table, how long it must stay still (ms) before the titles are
#: fitted again (not at every step of a drag).
RESIZE_SETTLE_MS = 150


class TitleHeader(QHeaderView):
    """The column titles across the top. A title on two lines narrowed by hand is cut
    short line by line, each ending in "…": Qt would measure it as one line and cut it
    short even where both lines fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)

    def shown_title(self, title: str, width: int) -> str:
        """``title`` as a section ``width`` wide shows it: each line whole, or cut short
        with "…" where it is wider than the section."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        metrics = self.fontMetrics()
        return "\n".join(
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, width - 2 * margin)
            for line in title.split("\n")
        )

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        """Qt's section; a two-line title elided line by line."""
        title = self.model().headerData(logicalIndex, self.orientation()) if self.model() else None
        if not isinstance(title, str) or "\n" not in title:
            super().paintSection(painter, rect, logicalIndex)
            return
        option = QStyleOptionHeaderV2()
        self.initStyleOption(option)
        self.initStyleOptionForIndex(option, logicalIndex)
        option.rect = rect
        option.text = self.shown_title(title, rect.width())
        option.textElideMode = Qt.TextElideMode.ElideNone
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()


class ReportsPage(QWidget):
    """The Reports tab (see the module docstring)."""

    #: a report finished and is shown
    reportShown = Signal()
    #: a file was written: its path
    fileWritten = Signal(str)

    def __init__(
        self,
        services: Services,
        hub_id: str,
        tasks: TaskManager,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.tasks = tasks
        self.today = today or dt.date.today()
        self.report: Report | None = None
        self._ticket: Ticket | None = None
        self.message = ""

        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(tr("Report"))
        self._previous_year_kinds: set[str] = set()
        for kind in services.reports.kinds():
            if kind.previous_year:
                self._previous_year_kinds.add(kind.name)
            self.kind_box.addItem(kind.title(), kind.name)
            self.kind_box.setItemData(self.kind_box.count() - 1, kind.description(), 3)
        self.hub_box = QComboBox()
        self.hub_box.setAccessibleName(tr("Hub"))
        self.hub_box.addItem(tr("All hubs"), None)
        for hub in services.hubs.hubs():
            self.hub_box.addItem(hub.name, hub.id)
        if (i := self.hub_box.findData(hub_id)) >= 0:
            self.hub_box.setCurrentIndex(i)
        self.ensemble_box = QComboBox()
        self.ensemble_box.setAccessibleName(tr("Ensemble"))
        # Sized to the hub's ensembles when they are filled in ("Beginning Strings"),
        # not to "All ensembles", the only item when the tab opened.
        self.ensemble_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.hub_box.currentIndexChanged.connect(self._fill_ensembles)
        self._fill_ensembles()
        self.year_box = QComboBox()
        self.year_box.setAccessibleName(tr("Programme year"))
        # Only years that have begun: a year not yet started has nothing to report.
        years = [y for y in services.calendar.years(self.today) if y.first_day <= self.today]
        current = services.calendar.programme_year_for(self.today).label
        for year in years:
            self.year_box.addItem(year.label, year.label)
        previous = services.calendar.programme_year_for(
            services.calendar.year_bounds(current)[0] - dt.timedelta(days=1)
        ).label
        if self.year_box.findData(previous) < 0:
            self.year_box.addItem(previous, previous)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(current)))
        self._current_year, self._previous_year = current, previous
        # A year left as it opened follows the kind: retention measures the previous
        # year (the current one has no next year yet), as on the command line.
        self._kind = self.kind_box.currentData()
        self._year_picked = False
        self.year_box.activated.connect(self._pick_year)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.dates_box = QCheckBox(tr("Only from"))
        self.dates_box.setAccessibleName(tr("Only some days"))
        # Typed whole in the window's language's order ("5/6/2026"), or picked from their
        # calendars (Alt+Down); written as dates are printed once left: "1 Jul 2025".
        self.first_edit = DateBox(self.today - dt.timedelta(days=27), today=self.today)
        self.last_edit = DateBox(self.today, today=self.today)
        for edit, name in ((self.first_edit, tr("From")), (self.last_edit, tr("To"))):
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        self.dates_box.toggled.connect(self.first_edit.setEnabled)
        self.dates_box.toggled.connect(self.last_edit.setEnabled)
        # Why the period was refused, right under its boxes (as under the register's day
        # bar), not in the status line at the foot of the tab: hidden while there is
        # nothing; it goes once the period is put right.
        self.period_refusal = QLabel()
        self.period_refusal.setAccessibleName(tr("Why the period was not taken"))
        self.period_refusal.setStyleSheet("color: #b00020")
        self.period_refusal.setWordWrap(True)
        self.period_refusal.hide()
        self.dates_box.toggled.connect(self._recheck_period)
        for edit in (self.first_edit, self.last_edit):
            edit.textChanged.connect(self._recheck_period)
            edit.editingFinished.connect(self._period_left)

        self.run_button = QPushButton(tr("&Run report"))
        self.run_button.clicked.connect(self.run_report)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Progress"))
        self.progress.setVisible(False)

        self.sheet_box = QComboBox()
        self.sheet_box.setAccessibleName(tr("Table"))
        # Empty when the tab opens: sized to the sheets' names once a report fills it.
        self.sheet_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_box.currentIndexChanged.connect(self._show_sheet)
        self.scope_label = QLabel()
        self.scope_label.setWordWrap(True)
        self.model = ReportTableModel(self)
        self.table = QTableView()
        self.table.setHorizontalHeader(TitleHeader(self.table))
        self.table.setAccessibleName(tr("Report table"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        # One line per row: a narrowed id is cut short ("06a37c7b-eb…"), not wrapped.
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # A title narrowed by hand ends in "…" (its tooltip reads it whole), not clipped
        # at both ends.
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        #: the shown sheet's cells' widths and its width with every title on one line
        #: (None: no sheet, or one with no rows), to decide again on a resize whether
        #: titles go on two lines
        self._fit: tuple[list[int], int] | None = None
        self._wrapped = False
        # A resize (a window dragged wider or narrower, a netbook's screen turned)
        # decides again, once it settles.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(RESIZE_SETTLE_MS)
        self._refit.timeout.connect(self._refit_titles)
        self.table.installEventFilter(self)
        self.xlsx_button = QPushButton(tr("Export .xlsx…"))
        self.csv_button = QPushButton(tr("Export .csv…"))
        self.pdf_button = QPushButton(tr("Print to PDF…"))
        self.xlsx_button.clicked.connect(lambda: self._ask_file(".xlsx"))
        self.csv_button.clicked.connect(lambda: self._ask_file(".csv"))
        self.pdf_button.clicked.connect(lambda: self._ask_file(".pdf"))
        for button in (
            self.run_button,
            self.cancel_button,
            self.xlsx_button,
            self.csv_button,
            self.pdf_button,
        ):  # read out by their label, without the Alt+key's "&"
            button.setAccessibleName(button.text().replace("&", ""))
        self.status_label = QLabel()
        self.status_label.setAccessibleName(tr("Report status"))
        self._set_file_buttons()

        # One row at 1280 px; on a narrow window (a netbook) the choices that do not fit
        # go on a second line, each with its caption, rather than off the screen.
        choose = FlowLayout()
        for label, widget in ((tr("Report:"), self.kind_box), (tr("Hub:"), self.hub_box),
                              (tr("Ensemble:"), self.ensemble_box),
                              (tr("Year:"), self.year_box)):  # fmt: skip
            caption = QLabel(label)
            caption.setBuddy(widget)
            choose.addWidget(row_group(caption, widget))
        choose.addWidget(
            row_group(self.dates_box, self.first_edit, QLabel(tr("to")), self.last_edit)
        )
        actions = QHBoxLayout()
        actions.addWidget(self.run_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress, 3)
        # Keeps the buttons their natural size while the progress bar is hidden.
        actions.addStretch(1)
        table_label = QLabel(tr("Table:"))
        table_label.setBuddy(self.sheet_box)
        actions.addWidget(table_label)
        actions.addWidget(self.sheet_box)
        actions.addWidget(self.xlsx_button)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.period_refusal)
        layout.addLayout(actions)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

    # -- choosing ---------------------------------------------------------------------

    def _default_year(self, kind: str) -> str:
        return self._previous_year if kind in self._previous_year_kinds else self._current_year

    def _pick_year(self) -> None:
        self._year_picked = True

    def _kind_changed(self) -> None:
        """The year follows the kind while it is the one the kind left opened on (a year
        the user chose stays)."""
        left, self._kind = self._kind, self.kind_box.currentData()
        if not self._year_picked and self.year_box.currentData() == self._default_year(left):
            year = self._default_year(self._kind)
            self.year_box.setCurrentIndex(max(0, self.year_box.findData(year)))

    def _fill_ensembles(self) -> None:
        self.ensemble_box.clear()
        self.ensemble_box.addItem(tr("All ensembles"), None)
        hub_id = self.hub_box.currentData()
        if hub_id is not None:
            for ensemble in self.services.hubs.ensembles(hub_id, archived=True):
                self.ensemble_box.addItem(ensemble.name, ensemble.id)
        self.ensemble_box.setEnabled(hub_id is not None)

    def params(self) -> ReportParams:
        """What the controls ask for."""
        first = last = None
        if self.dates_box.isChecked():
            first = self.first_edit.day()
            last = self.last_edit.day()
        return ReportParams(
            hub_id=self.hub_box.currentData(),
            ensemble_id=self.ensemble_box.currentData(),
            first=first,
            last=last,
            year=None if first else self.year_box.currentData(),
            today=self.today,
        )

    # -- running ------------------------------------------------------------------------

    def refused_period(self) -> str | None:
        """Why the days asked for are no period (a text that is no date, a first day
        after the last), said under the period's boxes with the keyboard put in the box
        to correct; None when they are one (or the year is asked for)."""
        found = self._period_fault()
        if found is None:
            self._say_period(None)
            return None
        refused, edit = found
        self._say_period(refused, edit)
        edit.setFocus()
        edit.selectAll()
        return refused

    def _period_fault(self) -> tuple[str, DateBox] | None:
        """Why the period is refused and the box at fault, or None."""
        if not self.dates_box.isChecked():
            return None
        for edit in (self.first_edit, self.last_edit):
            refused = edit.refusal()
            if refused:
                return refused, edit
        first, last = self.first_edit.day(), self.last_edit.day()
        if first is not None and last is not None and first > last:
            text = tr(
                "The period ends ({last}) before it starts ({first}). Choose a first day "
                "on or before the last."
            ).format(first=day_text(first), last=day_text(last))
            return text, self.first_edit
        return None

    def _say_period(self, refused: str | None, edit: DateBox | None = None) -> None:
        """Say ``refused`` under the period's boxes, read out with ``edit`` (the box at
        fault) too; None: say nothing."""
        self.period_refusal.setText(refused or "")
        self.period_refusal.setVisible(bool(refused))
        if edit is not None:
            self.period_refusal.setBuddy(edit)
        for box in (self.first_edit, self.last_edit):
            box.setAccessibleDescription(refused if refused and box is edit else keys_hint())

    def _recheck_period(self) -> None:
        """A refusal shown goes as soon as the period is put right (while it is typed)."""
        if self.period_refusal.isVisible() and self._period_fault() is None:
            self._say_period(None)

    def _period_left(self) -> None:
        """A box left (or Enter in it): a refusal shown says what is wrong now, and a
        text that is no date is said at once."""
        found = self._period_fault()
        if found is None:
            self._say_period(None)
        elif self.period_refusal.isVisible() or found[1].refusal():
            self._say_period(*found)

    def run_report(self) -> None:
        """Run the chosen report in the background, showing its progress; a period that
        is none is said, and nothing is run."""
        self.cancel()
        if self.refused_period():
            self._run_failed(None)  # said under the period's boxes, not in the status line
            return
        kind, params = self.kind_box.currentData(), self.params()
        reports = self.services.reports

        def job(progress: Progress) -> Report:
            return reports.run(kind, params, progress=progress.report)

        self._busy(True, tr("Running the report…"))
        self._ticket = self.tasks.run(
            job, self._shown, self._run_failed, owner=self, on_progress=self._progressed
        )

    def cancel(self) -> None:
        """Stop the report or file being made (nothing is shown or written)."""
        if self._ticket is not None:
            self._ticket.cancel()
            self._ticket = None
            self._busy(False, tr("Cancelled."))

    def _progressed(self, phase: str, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(done)
        self.progress.setFormat(phase)

    def _busy(self, busy: bool, message: str) -> None:
        self.run_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        self._say(message)
        self._set_file_buttons(busy)

    def _set_file_buttons(self, busy: bool = False) -> None:
        for button in (self.xlsx_button, self.csv_button, self.pdf_button):
            button.setEnabled(self.report is not None and not busy)

    def _say(self, message: str) -> None:
        self.message = message
        self.status_label.setText(message)

    def _shown(self, report: Report) -> None:
        self._ticket = None
        self.report = report
        self._busy(False, "")
        self.scope_label.setText(" · ".join([report.title, report.scope, *report.notes]))
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for sheet in report.sheets:
            self.sheet_box.addItem(sheet.title, sheet.key)
        self.sheet_box.blockSignals(False)
        self._show_sheet()
        self.reportShown.emit()

    def _show_sheet(self) -> None:
        index = self.sheet_box.currentIndex()
        sheet = self.report.sheets[index] if self.report and index >= 0 else None
        self.model.set_sheet(sheet)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, header.sortIndicatorOrder())
        columns = len(sheet.columns) if sheet is not None else 1
        header.setResizeContentsPrecision(max(10, min(1000, SIZE_SAMPLE_CELLS // columns)))
        if sheet is None:
            self.table.resizeColumnsToContents()
        else:
            self._size_columns(sheet)
            self._arrange_columns([c.key for c in sheet.columns])
            if self._ticket is None:  # not over "Writing …" while a file is written
                self._say(self.rows_text(len(sheet.rows)))

    def _size_columns(self, sheet: Sheet) -> None:
        """Each column as wide as its cells (a sample of them) or its title. When the
        titles on one line make the table wider than its window, a title of two words
        or more that is wider than the column's cells is written on two lines, so the
        column is as wide as its longer half or its cells ("Sesiones realizadas" over
        figures of three digits): the attendance by hub fits 1280 px in Spanish. The
        tooltips read the titles whole; the ids keep theirs on one line (their column
        is cut short anyway). Resizing the window decides again."""
        header = self.table.horizontalHeader()
        cells = [self._cells_width(i) for i in range(len(sheet.columns))]
        self.model.set_two_line_titles([])
        self._fit = None
        if sheet.rows:
            keys = [c.key for c in sheet.columns]
            one_line = sum(
                self._id_width(i) if key in ID_COLUMNS else max(cells[i], header.sectionSizeHint(i))
                for i, key in enumerate(keys)
            )
            self._fit = (cells, one_line)
        self._wrapped = False
        self._apply_titles(self._too_wide())

    def _cells_width(self, column: int) -> int:
        """What Qt's ``sizeHintForColumn`` says of ``column`` over all its rows, asked
        of its widest cells only (:meth:`ReportTableModel.widest_rows`)."""
        table, sheet = self.table, self.model.sheet
        if sheet is None or sheet.columns[column].key in ID_COLUMNS:
            return 0  # an id column is sized to its title (_id_width)
        widest = self.model.widest_rows(column, table.fontMetrics())
        width = max(
            (table.sizeHintForIndex(self.model.index(row, column)).width() for row in widest),
            default=0,
        )
        return width + 1 if table.showGrid() else width  # as sizeHintForColumn counts

    def _too_wide(self) -> bool:
        """Whether the shown sheet, its titles on one line, is wider than the table."""
        return self._fit is not None and self._fit[1] > self.table.viewport().width()

    def _apply_titles(self, wrap: bool) -> None:
        """Titles on two lines (``wrap``) or on one, and the columns sized to them."""
        sheet, fit = self.model.sheet, self._fit
        header = self.table.horizontalHeader()
        if sheet is None:
            return
        cells = fit[0] if fit else [self._cells_width(i) for i in range(len(sheet.columns))]
        self._wrapped = wrap
        self.model.set_two_line_titles(
            i for i, column in enumerate(sheet.columns)
            if wrap and column.key not in ID_COLUMNS and header.sectionSizeHint(i) > cells[i]
        )  # fmt: skip
        for i, (column, width) in enumerate(zip(sheet.columns, cells, strict=True)):
            if column.key in ID_COLUMNS:
                header.resizeSection(i, self._id_width(i))
            else:
                header.resizeSection(i, max(width, header.sectionSizeHint(i)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A resize of the table decides again, once it settles, whether the titles go
        on two lines."""
        if watched is self.table and event.type() == QEvent.Type.Resize and self._fit:
            self._refit.start()
        return super().eventFilter(watched, event)

    def _refit_titles(self) -> None:
        """Titles on two lines where the window became too narrow for them on one, on
        one line where it became wide enough; nothing changes (a column widened by hand
        keeps its width) while the answer stays the same."""
        if self._fit is not None and self._too_wide() != self._wrapped:
            self._apply_titles(not self._wrapped)

    def _id_width(self, logical: int) -> int:
        """An id column's width: narrow, but never narrower than its title ("ID del
        estudiante"): the ids are cut short, the title is read whole."""
        header = self.table.horizontalHeader()
        width = self.table.fontMetrics().horizontalAdvance("0" * ID_WIDTH_CHARS)
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        title = str(self.model.headerData(logical, Qt.Orientation.Horizontal))
        return max(width, header.fontMetrics().horizontalAdvance(title) + 2 * margin + 2)

    def rows_text(self, count: int) -> str:
        """ "1 row", "2 rows": the language's plural forms, from the catalogue (lupdate
        files a plural only from ``self.tr`` with a count)."""
        return self.tr("%Ln row(s)", "", count)

    def _arrange_columns(self, keys: list[str]) -> None:
        """The person first, the app's ids last and narrow (the model, the sort and
        the files keep the sheet's own column order)."""
        header = self.table.horizontalHeader()
        for logical in range(header.count()):  # undo the previous sheet's moves
            header.moveSection(header.visualIndex(logical), logical)
        people = [keys.index(k) for k in PERSON_COLUMNS if k in keys]
        for target, logical in enumerate(people):
            header.moveSection(header.visualIndex(logical), target)
        for key in ID_COLUMNS:
            if key in keys:
                logical = keys.index(key)
                header.moveSection(header.visualIndex(logical), header.count() - 1)
                header.resizeSection(logical, self._id_width(logical))

    def visible_columns(self) -> list[str]:
        """The keys of the columns shown, in the order shown (left to right)."""
        sheet = self.model.sheet
        if sheet is None:
            return []
        header = self.table.horizontalHeader()
        return [sheet.columns[header.logicalIndex(v)].key for v in range(header.count())]

    def _failed(self, error: BaseException) -> None:
        self._ticket = None
        self._busy(False, str(error))

    def _run_failed(self, error: BaseException | None) -> None:
        """A report that could not run: the one shown before goes (its scope and its
        export buttons would pass for the report asked for), the reason stays (None: a
        period refused, said under its boxes)."""
        self.report = None
        self.scope_label.clear()
        self.sheet_box.clear()
        self.model.set_sheet(None)
        if error is None:
            self._busy(False, "")
            return
        self._failed(error)

    # -- files --------------------------------------------------------------------------

    def _ask_file(self, suffix: str) -> None:
        if self.report is None:
            return
        # Kind, scope and period: "attendance-echo-park-lake-2025-26.xlsx".
        name = f"{self.report.file_stem or self.report.kind}{suffix}"
        # A PDF is for a paper size: the US Letter most programmes print on, or A4.
        papers = (
            {
                tr("PDF, Letter paper") + " (*.pdf)": "Letter",
                tr("PDF, A4 paper") + " (*.pdf)": "A4",
            }
            if suffix == ".pdf"
            else {f"*{suffix}": ""}
        )
        path, chosen = QFileDialog.getSaveFileName(
            self, tr("Save the report"), str(Path.home() / name), ";;".join(papers)
        )
        if path:
            self.write_file(
                Path(path) if Path(path).suffix else Path(path + suffix),
                page_size=papers.get(chosen) or "Letter",
            )

    def write_file(self, path: Path, *, page_size: str = "Letter") -> None:
        """Write the report shown to ``path`` (.xlsx, .csv or .pdf, this on ``page_size``
        paper: "Letter" or "A4"), in the background."""
        report, reports = self.report, self.services.reports
        if report is None:
            return

        def job(progress: Progress) -> str:
            if path.suffix.casefold() == ".pdf":
                from harmony_desktop.printing.reports import render_report_pdf

                report.charts = reports.charts(report, progress=progress.report)
                render_report_pdf(report, path, page_size=page_size)
            else:
                write_report(report, path, progress=progress.report)
            return str(path)

        def written(where: Any) -> None:
            self._ticket = None
            self._busy(False, tr("Saved {path}").format(path=where))
            self.fileWritten.emit(str(where))

        self._busy(True, tr("Writing {name}…").format(name=path.name))
        self._ticket = self.tasks.run(
            job, written, self._failed, owner=self, on_progress=self._progressed
        )

    def shutdown(self) -> None:
        """Cancel what is running (the window is closing)."""
        self.cancel()
