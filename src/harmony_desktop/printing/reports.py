"""Reports on paper: their charts drawn with QPainter, then their sheets as tables
(:class:`~harmony_desktop.printing.layout.TablePainter`), in one PDF.

PySide6-Essentials has no QtCharts, and the charts a funder reads are simple: a small
line chart of the weekly attendance rate for each hub side by side (same scales, so
hubs compare at a glance), and one horizontal bar per hub for a rate such as retention.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextOption,
)

from harmony_desktop.domain.i18n import format_date
from harmony_desktop.printing.documents import ensure_gui_application, set_up_device
from harmony_desktop.printing.layout import (
    SMALLEST_PT,
    Column,
    TableDocument,
    TablePainter,
    _font,
    begin_painting,
    natural_widths,
    tr,
)
from harmony_desktop.services.files import check_target, file_error
from harmony_desktop.services.reports import Chart, ChartKind, Format, Report
from harmony_desktop.services.reports.context import SCOPE_DATE
from harmony_desktop.services.reports.export import DATE_PATTERN, display_text, shown_percent

#: The sheet's first columns (the student and the hub, the hub and the ensemble, …),
#: repeated on every table a sheet too wide for the page continues on.
KEPT_COLUMNS = 2
#: The cells' text of a printed report table, in points (never under SMALLEST_PT).
TABLE_PT = 8.0
_RIGHT = (Format.INT, Format.RATE, Format.HOURS, Format.DECIMAL)
#: A sheet longer than this is not printed (thousands of pages help no one): the
#: printout says so and points to the spreadsheet export.
MAX_PRINTED_ROWS = 5000
# Nor is a sheet with more cells than this (5,000 rows of 12 columns): the grid of
# every hub (2,400 students × 230 days) would be 1,600 pages; one ensemble's prints.
MAX_PRINTED_CELLS = 60_000
_NOT_PRINTED = {"student_id", "local_id"}
_INK = QColor(31, 78, 121)
_GRID = QColor(200, 200, 200)
#: Lines a hub's name may take above its small chart (about 75 letters): past them it
#: ends in "…". It wraps between its words rather than be cut short on one line, so hubs
#: named alike are told apart.
NAME_LINES = 3
# A hub's name beside its bar wraps between its words, inside one only when the word is
# wider than its room.
_WRAP_RIGHT = QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_WRAP_RIGHT.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def split_columns(widths: list[float], room: float) -> list[list[int]]:
    """The columns of ``widths`` (their indices, in order) in as few parts as fit
    ``room`` each (a column wider than the room alone in its part), shared out as
    evenly as they go: of the ways into that many parts, the one whose parts' widths
    differ least (the least sum of their squares), none of one column where another
    way has none."""
    count, used = 1, 0.0
    for width in widths:  # as few parts as filling them in order takes
        if used and used + width > room:
            count, used = count + 1, 0.0
        used += width
    if count < 2:
        return [list(range(len(widths)))]
    lone = sum(widths) ** 2 + 1.0  # a part of one column costs more than any evenness
    ends = [0.0]
    for width in widths:
        ends.append(ends[-1] + width)

    def cost(start: int, end: int) -> float | None:
        """The part of columns start..end-1: None if it does not fit."""
        width = ends[end] - ends[start]
        if width > room and end - start > 1:
            return None
        return width * width + (lone if end - start == 1 else 0.0)

    # best[j][i]: the least cost of the first i columns in j parts, and where the last began.
    total = len(widths)
    inf = float("inf")
    best: list[list[tuple[float, int]]] = [[(inf, -1)] * (total + 1) for _ in range(count + 1)]
    best[0][0] = (0.0, -1)
    for parts in range(1, count + 1):
        for end in range(1, total + 1):
            for start in range(end - 1, -1, -1):
                here = cost(start, end)
                if here is None:
                    break  # a part from further back is wider still
                before = best[parts - 1][start][0]
                if before + here < best[parts][end][0]:
                    best[parts][end] = (before + here, start)
    split: list[list[int]] = []
    end = total
    for parts in range(count, 0, -1):
        start = best[parts][end][1]
        split.insert(0, list(range(start, end)))
        end = start
    return split


def report_tables(
    report: Report, *, printed_on: str = "", device: QPaintDevice | None = None
) -> list[TableDocument]:
    """The report's sheets as printable tables. A sheet wider than ``device``'s page
    (its columns measured there in the table's font, each as wide as its widest cell
    or its title's longest word) continues on further tables, each repeating the
    sheet's first columns, the rest shared out evenly (:func:`split_columns`); with no
    device every sheet is one table. Sheets with nothing in them, when there are two or
    more, are named together on one page after the others rather than given a page
    each."""
    tables = []
    empty = [sheet for sheet in report.sheets if not sheet.rows]
    if len(empty) < 2:
        empty = []
    for sheet in report.sheets:
        if any(sheet is e for e in empty):
            continue
        # Ids are for machines; on paper the name says who it is.
        shown = [i for i, c in enumerate(sheet.columns) if c.key not in _NOT_PRINTED]
        too_many = ""
        if len(sheet.rows) > MAX_PRINTED_ROWS:
            too_many = tr(
                "This table has {rows} rows, too many to print: export the report "
                "to .xlsx or .csv to read it."
            ).format(rows=f"{len(sheet.rows):,}")
        elif len(sheet.rows) * len(shown) > MAX_PRINTED_CELLS:
            too_many = tr(
                "This table has {rows} rows and {columns} columns, too many to print: "
                "export the report to .xlsx or .csv to read it, or print one hub or "
                "ensemble."
            ).format(rows=f"{len(sheet.rows):,}", columns=f"{len(shown):,}")
        if too_many:
            tables.append(
                TableDocument(
                    title=_title(report, sheet.title),
                    subtitle=report.scope,
                    columns=[],
                    rows=[],
                    landscape=True,
                    printed_on=printed_on,
                    footer_lines=list(report.notes),
                    empty_message=too_many,
                )
            )
            continue
        texts = [
            [display_text(sheet.columns[i].word(row[i]), sheet.columns[i].format) for i in shown]
            for row in sheet.rows
        ]
        keep, rest = shown[:KEPT_COLUMNS], shown[KEPT_COLUMNS:]
        chunks = [rest]
        if device is not None and rest:
            page = float(device.width())
            widths = natural_widths(
                [sheet.columns[i].title for i in shown],
                [[row[n] for row in texts] for n in range(len(shown))],
                device,
                TABLE_PT,
                most=page * 0.3,
            )
            room = page - sum(widths[: len(keep)])
            chunks = [[rest[n] for n in part] for part in split_columns(widths[len(keep) :], room)]
        at = {column: n for n, column in enumerate(shown)}
        for part, chunk in enumerate(chunks, start=1):
            indices = keep + chunk
            title = _title(report, sheet.title)
            if len(chunks) > 1:
                title += f" ({part}/{len(chunks)})"
            tables.append(
                TableDocument(
                    title=title,
                    subtitle=report.scope,
                    columns=[
                        Column(
                            sheet.columns[i].title,
                            2.0 if i in keep else 1.0,
                            Qt.AlignmentFlag.AlignRight
                            if sheet.columns[i].format in _RIGHT
                            else Qt.AlignmentFlag.AlignLeft,
                        )
                        for i in indices
                    ],
                    rows=[[row[at[i]] for i in indices] for row in texts],
                    landscape=True,
                    min_row_mm=4.5,
                    font_pt=TABLE_PT,
                    write_in_blank_columns=False,
                    footer_lines=list(report.notes) if part == 1 else [],
                    printed_on=printed_on,
                    empty_message=tr("Nothing to report for this period."),
                )
            )
    if empty:
        tables.append(
            TableDocument(
                title=report.title,
                subtitle=report.scope,
                columns=[],
                rows=[],
                landscape=True,
                font_pt=8.0,
                printed_on=printed_on,
                footer_lines=[] if tables else list(report.notes),
                empty_message=tr("Nothing to report for this period: {tables}.").format(
                    tables="; ".join(sheet.title or report.title for sheet in empty)
                ),
            )
        )
    return tables


def _title(report: Report, sheet_title: str) -> str:
    """A printed table's title: the report's, and the sheet's when it says more."""
    if not sheet_title or sheet_title == report.title:
        return report.title
    return f"{report.title} — {sheet_title}"


class ReportPainter(TablePainter):
    """Paints a report's charts, one per page, then its tables, on one device, its
    pages numbered through the whole report."""

    def __init__(self, report: Report, *, printed_on: str = "") -> None:
        self.report = report
        self.printed_on = printed_on
        self.tables = report_tables(report, printed_on=printed_on)
        super().__init__(self.tables[0])

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint everything on ``device``; returns the pages."""
        painter = QPainter()
        begin_painting(painter, device)
        try:
            # A wide sheet split where the page's width ends.
            self.tables = report_tables(self.report, printed_on=self.printed_on, device=device)
            # Every table laid out first: the first page says how many there are.
            painters = [TablePainter(table) for table in self.tables]
            layouts = [p.lay_out(painter, device) for p in painters]
            total = len(self.report.charts) + sum(len(pages) for pages in layouts)
            number = 0
            for chart in self.report.charts:
                number += 1
                if number > 1:
                    device.newPage()
                paint_chart(
                    painter, device, chart, self.report.scope,
                    page=(number, total), printed_on=self.printed_on,
                )  # fmt: skip
            for table_painter, pages in zip(painters, layouts, strict=True):
                table_painter.paint_pages(painter, device, pages, first=number + 1, total=total)
                number += len(pages)
        finally:
            painter.end()
        return total


def paint_chart(
    painter: QPainter,
    device: QPagedPaintDevice,
    chart: Chart,
    scope: str,
    *,
    page: tuple[int, int] = (1, 1),
    printed_on: str = "",
) -> None:
    """One page: the chart's title and its page number of the report's pages (``page``),
    what it covers, the chart, its note, and the foot every page of a report has (the
    day it was printed, the title and page number again)."""
    mm = device.logicalDpiY() / 25.4
    width, height = float(device.width()), float(device.height())
    number, total = page
    painter.setPen(QColor("black"))
    painter.setFont(_font(14, bold=True))
    painter.drawText(QRectF(0, 0, width, 9 * mm), int(Qt.AlignmentFlag.AlignLeft), chart.title)
    painter.setFont(_font(9))
    painter.drawText(
        QRectF(0, 0, width, 9 * mm),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        tr("Page {n} of {total}").format(n=number, total=total),
    )
    painter.drawText(QRectF(0, 9 * mm, width, 6 * mm), int(Qt.AlignmentFlag.AlignLeft), scope)
    painter.drawText(
        QRectF(0, height - 11 * mm, width, 6 * mm), int(Qt.AlignmentFlag.AlignLeft), chart.note
    )
    small = _font(SMALLEST_PT)
    painter.setFont(small)
    painter.setPen(QColor(80, 80, 80))
    foot = QRectF(0, height - 4.5 * mm, width, 4.5 * mm)
    painter.drawText(foot, int(Qt.AlignmentFlag.AlignLeft), printed_on)
    painter.drawText(
        foot,
        int(Qt.AlignmentFlag.AlignRight),
        tr("{title} — page {n} of {total}").format(title=chart.title, n=number, total=total),
    )
    painter.setPen(QColor("black"))
    painter.setFont(_font(9))
    area = QRectF(0, 18 * mm, width, height - 31 * mm)
    if not chart.categories or not chart.series:
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), tr("No data for this period."))
    elif chart.kind is ChartKind.BARS:
        _bars(painter, area, chart, mm)
    else:
        _small_multiples(painter, area, chart, mm)


def _label(value: float | None, percent: bool) -> str:
    if value is None:
        return "–"
    return f"{shown_percent(value, 0):.0f} %" if percent else f"{value:,.1f}"


def _bars(painter: QPainter, area: QRectF, chart: Chart, mm: float) -> None:
    """One horizontal bar per category (the first series), 0–100 % when a rate."""
    values = chart.series[0].values
    top = max((v for v in values if v is not None), default=0.0)
    scale = 1.0 if chart.percent else (top or 1.0)
    # A quarter of the width for the hubs' names, more (up to two fifths) when the
    # longest needs it; a name longer still wraps between its words, never cut short.
    label_font = _font(9)
    longest = max(
        (
            QFontMetricsF(label_font, painter.device()).horizontalAdvance(n)
            for n in chart.categories
        ),
        default=0.0,
    )
    label_w = min(max(area.width() * 0.25, longest + 3 * mm), area.width() * 0.4)
    value_w = 18 * mm
    plot = QRectF(area.left() + label_w, area.top() + 6 * mm,
                  area.width() - label_w - value_w, area.height() - 6 * mm)  # fmt: skip
    row_h = min(plot.height() / len(values), 12 * mm)
    painter.setFont(_font(8))
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = plot.left() + plot.width() * tick
        painter.setPen(QPen(_GRID, 0.2 * mm))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.top() + row_h * len(values)))
        painter.setPen(QColor(90, 90, 90))
        painter.drawText(QRectF(x - 10 * mm, area.top(), 20 * mm, 5 * mm),
                         int(Qt.AlignmentFlag.AlignCenter), _label(tick * scale, chart.percent))  # fmt: skip
    painter.setFont(label_font)
    for i, (name, value) in enumerate(zip(chart.categories, values, strict=True)):
        y = plot.top() + i * row_h
        painter.setPen(QColor("black"))
        painter.drawText(QRectF(area.left(), y, label_w - 2 * mm, row_h), name, _WRAP_RIGHT)
        length = plot.width() * min(1.0, (value or 0.0) / scale)
        painter.fillRect(QRectF(plot.left(), y + row_h * 0.2, length, row_h * 0.6), _INK)
        painter.drawText(QRectF(plot.left() + length + 1.5 * mm, y, value_w + 20 * mm, row_h),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         _label(value, chart.percent))  # fmt: skip


def _small_multiples(painter: QPainter, area: QRectF, chart: Chart, mm: float) -> None:
    """One small line chart per series, on the same scales, in a grid of panels."""
    count = len(chart.series)
    cols = 1 if count == 1 else 2 if count <= 4 else 3 if count <= 9 else 4
    rows = -(-count // cols)
    gap = 4 * mm
    panel_w = (area.width() - gap * (cols - 1)) / cols
    panel_h = (area.height() - gap * (rows - 1)) / rows
    weeks = len(chart.categories)
    small = _font(SMALLEST_PT)
    name_font = _font(SMALLEST_PT, bold=True)
    means = []
    for series in chart.series:
        known = [v for v in series.values if v is not None]
        mean = series.overall
        if mean is None and known:
            mean = sum(known) / len(known)
        text = tr("mean {value}").format(value=_label(mean, chart.percent))
        means.append((text, QFontMetricsF(small, painter.device()).horizontalAdvance(text)))
    # Every hub's whole name, wrapped between its words beside its mean (two hubs named
    # alike, "Van Nuys Sherman Oaks Park North" and "… South", were both cut to "Van Nuys
    # Sherman Oaks …"). The longest name sets the room above every panel's plot, so the
    # plots stay the same size and in line.
    name_metrics = QFontMetricsF(name_font, painter.device())
    names = [
        _wrap_lines(name_metrics, series.name, panel_w - mean_w - 2 * mm, NAME_LINES)
        for series, (_text, mean_w) in zip(chart.series, means, strict=True)
    ]
    line_h = name_metrics.lineSpacing()
    names_h = max(len(lines) for lines in names) * line_h
    panels = zip(chart.series, names, means, strict=True)
    for index, (series, lines, (mean_text, _mean_w)) in enumerate(panels):
        x0 = area.left() + (index % cols) * (panel_w + gap)
        y0 = area.top() + (index // cols) * (panel_h + gap)
        painter.setPen(QColor("black"))
        painter.setFont(name_font)
        for number, line in enumerate(lines):
            painter.drawText(
                QRectF(x0, y0 + number * line_h, panel_w, line_h),
                int(Qt.AlignmentFlag.AlignLeft),
                line,
            )
        painter.setFont(small)
        painter.drawText(QRectF(x0, y0, panel_w, 4.5 * mm), int(Qt.AlignmentFlag.AlignRight),
                         mean_text)  # fmt: skip
        # Room on the left for "100 %", above for its upper half (under the name) and
        # below for the first and last weeks' days.
        plot = QRectF(
            x0 + 11 * mm, y0 + names_h + 2.5 * mm, panel_w - 11 * mm, panel_h - names_h - 7.5 * mm
        )
        painter.setPen(QPen(_GRID, 0.2 * mm))
        painter.drawRect(plot)
        for tick in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * tick
            painter.setPen(QPen(_GRID, 0.2 * mm))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(90, 90, 90))
            painter.drawText(QRectF(x0, y - 2.5 * mm, 10.5 * mm, 5 * mm),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             _label(tick, True))  # fmt: skip
        # The first week's day starts at the plot's left edge and the last one's ends at
        # its right edge: centred there, they ran into the next panel's.
        below = QRectF(plot.left(), plot.bottom() + 0.5 * mm, plot.width(), 4.5 * mm)
        if weeks > 1:
            painter.drawText(below, int(Qt.AlignmentFlag.AlignLeft),
                             _short_date(chart.categories[0]))  # fmt: skip
            painter.drawText(below, int(Qt.AlignmentFlag.AlignRight),
                             _short_date(chart.categories[-1]))  # fmt: skip
        else:
            painter.drawText(below, int(Qt.AlignmentFlag.AlignCenter),
                             _short_date(chart.categories[0]))  # fmt: skip
        path = QPainterPath()
        pen_down = False
        for i, value in enumerate(series.values):
            if value is None:
                pen_down = False  # a week with no marks leaves a gap in the line
                continue
            point = QPointF(
                plot.left() + (plot.width() * i / (weeks - 1) if weeks > 1 else plot.width() / 2),
                plot.bottom() - plot.height() * max(0.0, min(1.0, value)),
            )
            if pen_down:
                path.lineTo(point)
            else:
                path.moveTo(point)
                pen_down = True
        painter.setPen(QPen(_INK, 0.5 * mm))
        painter.drawPath(path)


def _wrap_lines(metrics: QFontMetricsF, text: str, width: float, most: int) -> list[str]:
    """``text`` in lines no wider than ``width``, broken between words (inside a word
    only where it alone is wider); past ``most`` lines, the last ends in "…"."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(joined) <= width:
            lines[-1] = joined
            continue
        # A new line: a word too wide for one is cut where it reaches the edge.
        while metrics.horizontalAdvance(word) > width and len(word) > 1:
            cut = max(
                (i for i in range(1, len(word)) if metrics.horizontalAdvance(word[:i]) <= width),
                default=1,
            )
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    if len(lines) > most:
        rest = " ".join(lines[most - 1 :])
        lines = [*lines[: most - 1], metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines or [""]


def _short_date(text: str) -> str:
    """A week's Monday under a chart, as the scope line writes its days ("7 Sep 2026")."""
    try:
        return format_date(dt.date.fromisoformat(text), SCOPE_DATE)
    except ValueError:
        return text


def printed_line(day: dt.date) -> str:
    """The foot of every page: when it was printed, in words as the tab writes dates
    ("Printed Thu 3 Dec 2026 · Harmony Desktop"), in the document's language."""
    return tr("Printed {when} · Harmony Desktop").format(when=format_date(day, DATE_PATTERN))


def render_report_pdf(
    report: Report, path: Path, *, page_size: str = "Letter", printed_on: dt.date | None = None
) -> Path:
    """Print ``report`` (with the charts it carries) to the PDF ``path``, landscape;
    ``printed_on`` is the day its pages say it was printed (default: today).

    Written beside and moved into place, so a failure leaves no half PDF behind.
    Creates a QApplication when none is running (offscreen on a headless machine).
    """
    ensure_gui_application()
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        _write_pdf(report, path, partial, page_size, printed_on)
    except OSError as exc:
        raise file_error(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):  # none was made where no folder is
            partial.unlink(missing_ok=True)
    return path


def _write_pdf(
    report: Report, path: Path, partial: Path, page_size: str, printed_on: dt.date | None
) -> None:
    """Paint ``report`` into ``partial``, then move it to ``path`` (an OSError says why
    a file could not be written: the folder is checked before Qt, which only says it
    could not paint; a folder that does not exist is never made)."""
    check_target(path)
    partial.touch(mode=0o600)
    writer = QPdfWriter(str(partial))
    writer.setResolution(300)
    writer.setTitle(report.title)
    writer.setCreator("Harmony Desktop")
    set_up_device(writer, page_size, landscape=True)
    printed = printed_line(printed_on or dt.date.today())
    try:
        ReportPainter(report, printed_on=printed).paint(writer)
    except RuntimeError as exc:  # Qt could not open the file: say it as the OS would
        raise OSError(errno.EIO, str(exc)) from exc
    finally:
        del writer  # finishes the file
    partial.chmod(0o600)  # students' records: readable by their owner only
    partial.replace(path)
