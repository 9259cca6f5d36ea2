"""A small paged-table engine on QPainter, shared by the PDF writer and real printers.

Every page gets the document header (title, programme · hub · ensemble · date), the
table header repeated, and a footer with the page number ("Page 2 of 3"). Rows are
measured before painting and never split across a page break: a row that does not fit
goes whole to the next page. When slightly tighter rows (text down to 8 points, never a
row under its document's least height) would save a page, the table is laid out tighter:
no sheet printed for the one name that did not fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QPen,
    QTextOption,
)

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.printing import language

FONT_FAMILY = "DejaVu Sans"
# The smallest text printed, in points: a teacher reads a sheet outdoors.
SMALLEST_PT = 8.0
# How much tighter a table may be laid out to save a page, from the least to the most:
# its cells' text and its rows sized for comfort (``rows_per_page``) at these fractions
# of their size (text never under SMALLEST_PT, a row never under ``min_row_mm``). The
# tightest is an eighth smaller: a 9-point name at 8 points, 30 lines a page at 34.
TIGHTER = (0.97, 0.94, 0.91, 0.88)
# Where a cell's text may wrap: at spaces and tabs (not the no-break spaces of phone
# numbers), and after a hyphen between letters, as Qt wraps it.
_BREAKS = re.compile(r"[ \n\t]+|(?<=[^\W\d]-)(?=[^\W\d])")
# Cells wrap between words, and inside a word only where it is wider than its column.
_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate a printed string (context "Printing") into the document's language;
    ``n`` picks the plural form of a ``%n`` text (lupdate reads it as the third
    argument; printed strings have no disambiguation)."""
    return language.current().tr(text, n=n)


def _draw(
    painter: QPainter,
    rect: QRectF,
    text: str,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    """Paint ``text`` from the top of ``rect``, wrapped as it is measured
    (:meth:`TablePainter._text_height`), in the painter's font."""
    option = QTextOption(_WRAP)
    option.setAlignment(align | Qt.AlignmentFlag.AlignTop)
    painter.drawText(rect, text, option)


class PrinterUnavailable(ValidationError):
    """A printer could not start printing (switched off, unplugged, gone from the
    network, or none installed): nothing was sent to it.

    Its message is said in the window's language when it is shown (its installed
    translator), not in the language of the document being printed when it was raised."""

    def __init__(self, printer: str) -> None:
        super().__init__(printer)
        self.printer = printer

    def __str__(self) -> str:
        if self.printer:
            return QCoreApplication.translate(
                "Printing",
                "Could not print: the printer {printer} could not be used. Check that it "
                "is switched on and connected, then print again, or print to PDF instead.",
            ).format(printer=self.printer)
        return QCoreApplication.translate(
            "Printing",
            "Could not print: the printer could not be used. Check that it is switched on "
            "and connected, then print again, or print to PDF instead.",
        )


def begin_painting(painter: QPainter, device: QPagedPaintDevice) -> None:
    """Start ``painter`` on ``device``, or say why not before anything is painted: a
    printer (a QPrinter with no output file) raises :class:`PrinterUnavailable`; a file
    Qt could not open, a RuntimeError, which its caller says as for any file it saves
    (:func:`harmony_desktop.services.files.file_error`)."""
    if painter.begin(device):
        return
    output = getattr(device, "outputFileName", None)
    if callable(output) and not output():  # a QPrinter printing to paper
        raise PrinterUnavailable(getattr(device, "printerName", str)())
    raise RuntimeError("could not start painting on the print device")


@dataclass(frozen=True)
class Column:
    """A table column: title, relative width, alignment."""

    title: str
    weight: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    bold: bool = False
    #: print the first line of each cell in bold (a name above its details)
    bold_first_line: bool = False


@dataclass
class TableDocument:
    """What to print: header lines, columns, rows of cell text, and page furniture."""

    title: str
    subtitle: str
    columns: Sequence[Column]
    rows: list[list[str]]
    landscape: bool = False
    #: minimum row height in millimetres (room to sign or write a mark)
    min_row_mm: float = 6.0
    #: if set, rows are sized so about this many fit on a page
    rows_per_page: int | None = None
    font_pt: float = 9.0
    #: lines printed under the table on every page (legends, signature lines)
    footer_lines: list[str] = field(default_factory=list)
    #: a short warning printed in the header of every page (e.g. confidentiality)
    notice: str = ""
    printed_on: str = ""
    empty_message: str = ""
    #: the last rows are optional blank lines: printed only where the last page has room
    spare_rows: int = 0
    #: share the rows out evenly over the pages (no last page with two lonely rows)
    balance: bool = True
    # (False fills each page before the next, as a roster read from the top wants: no
    # half-empty first page; only a lonely last page takes rows, see filled_pages.)
    #: a column whose every cell is blank is room to write in (a signature, a mark)
    #: and keeps its width; False: it holds nothing to read (a report's column nobody
    #: filled in) and narrows to its title
    write_in_blank_columns: bool = True
    #: laid out slightly tighter (:data:`TIGHTER`) when that takes a page fewer
    may_tighten: bool = True


@dataclass
class _Page:
    rows: list[tuple[int, float]]  # (row index, height)


def _font(pt: float, *, bold: bool = False) -> QFont:
    family = FONT_FAMILY if FONT_FAMILY in QFontDatabase.families() else QFont().family()
    font = QFont(family)
    font.setPointSizeF(pt)
    font.setBold(bold)
    # No ligatures: "ff" in "staff" must stay two letters, or PDF text search misses it.
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _fill(heights: list[float], limit: float) -> list[_Page]:
    """Rows onto pages in order, each page taking rows while they fit under ``limit``."""
    pages: list[_Page] = [_Page([])]
    used = 0.0
    for index, h in enumerate(heights):
        if pages[-1].rows and used + h > limit:
            pages.append(_Page([]))
            used = 0.0
        pages[-1].rows.append((index, h))
        used += h
    return pages


# The fewest rows a last page holds when pages are filled in order (fewer when the
# pages before it hold fewer): a row or two alone on a sheet is easily lost.
LAST_PAGE_ROWS = 5


def filled_pages(heights: list[float], available: float) -> list[_Page]:
    """Rows onto pages in order, each page as full as it goes, except that a last page
    of fewer than :data:`LAST_PAGE_ROWS` rows takes rows from the end of the page
    before it (never more than leaves that page the fuller of the two)."""
    pages = _fill(heights, available)
    if len(pages) < 2:
        return pages
    before, last = pages[-2], pages[-1]
    while len(last.rows) < LAST_PAGE_ROWS and len(before.rows) > len(last.rows) + 1:
        moved = before.rows.pop()
        if sum(h for _i, h in last.rows) + moved[1] > available:
            before.rows.append(moved)
            break
        last.rows.insert(0, moved)
    return pages


def balanced_pages(heights: list[float], available: float) -> list[_Page]:
    """Rows on as few pages as filling them would take, shared out evenly: no last page
    holding two lonely rows. The page count never grows; each page is as full as the
    fullest needs to be (the smallest limit that still fits that many pages)."""
    full = _fill(heights, available)
    count = len(full)
    if count < 2:
        return full
    low, high = sum(heights) / count, available  # a limit in [low, high] fits
    for _ in range(30):  # bisection on the page limit, to well under a row's height
        middle = (low + high) / 2
        if len(_fill(heights, middle)) <= count:
            high = middle
        else:
            low = middle
    return _fill(heights, high)


def natural_widths(
    titles: Sequence[str],
    texts: Sequence[Sequence[str]],
    device: QPaintDevice,
    font_pt: float,
    *,
    most: float,
) -> list[float]:
    """Each column's width on ``device`` with its cells on one line: its widest cell
    (``texts[i]``: the column's cells) in the body font of ``font_pt`` points, or its
    title's longest word in the column titles' font (a title wraps between its words),
    with the cell padding, as :meth:`TablePainter._column_widths` measures a column's
    natural width; at most ``most`` (a column of long texts wraps instead)."""
    cell_pt = max(SMALLEST_PT, font_pt)
    body = QFontMetricsF(_font(cell_pt), device)
    heads = QFontMetricsF(_font(max(SMALLEST_PT, cell_pt - 1), bold=True), device)
    pad = 1.2 * device.logicalDpiY() / 25.4
    widths = []
    for title, cells in zip(titles, texts, strict=True):
        title_w = max((heads.horizontalAdvance(w) for w in title.split()), default=0.0)
        lines = {line for cell in cells if cell for line in cell.split("\n")}
        widest = max((body.horizontalAdvance(line) for line in lines), default=0.0)
        widths.append(min(most, max(title_w, widest) + 2 * pad + 1))
    return widths


class TablePainter:
    """Lays out a :class:`TableDocument` on a paged device and paints every page."""

    def __init__(self, document: TableDocument) -> None:
        self.doc = document

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint the document on ``device`` (a QPdfWriter or QPrinter); returns the pages."""
        painter = QPainter()
        begin_painting(painter, device)
        try:
            pages = self.lay_out(painter, device)
            self.paint_pages(painter, device, pages)
            return len(pages)
        finally:
            painter.end()

    # -- geometry ------------------------------------------------------------------------

    def lay_out(self, painter: QPainter, device: QPagedPaintDevice) -> list[_Page]:
        """Measure the document on ``device`` (``painter`` begun on it) and share its
        rows out over pages; :meth:`paint_pages` paints them.

        A document on two pages or more is laid out slightly tighter (:data:`TIGHTER`,
        the least that does) when that takes a page fewer: a class of 27 on one roll
        sheet, not 26 and a second sheet for the last name."""
        pages = self._lay_out_at(painter, device, 1.0)
        if len(pages) < 2 or not self.doc.may_tighten:
            return pages
        # The tightest first: when even it takes as many pages, so does every other.
        if len(self._lay_out_at(painter, device, TIGHTER[-1])) < len(pages):
            for squeeze in TIGHTER:
                tighter = self._lay_out_at(painter, device, squeeze)
                if len(tighter) < len(pages):
                    return tighter
        return self._lay_out_at(painter, device, 1.0)

    def _lay_out_at(
        self, painter: QPainter, device: QPagedPaintDevice, squeeze: float
    ) -> list[_Page]:
        """:meth:`lay_out` with the cells' text and the rows sized for comfort at
        ``squeeze`` times their size (never under SMALLEST_PT nor ``min_row_mm``); the
        page's header and footer keep their size."""
        doc = self.doc
        self.mm = device.logicalDpiY() / 25.4
        self.width = float(device.width())
        self.height = float(device.height())
        self.pad = 1.2 * self.mm
        cell_pt = max(SMALLEST_PT, doc.font_pt * squeeze)
        self.body_font = _font(cell_pt)
        self.bold_font = _font(cell_pt, bold=True)
        # Column titles a point smaller than the cells (8 at least): short labels in
        # bold, whose longest word sets the least width of their column.
        self.column_title_font = _font(max(SMALLEST_PT, cell_pt - 1), bold=True)
        # The page's own lines (notice, footer lines) as designed, however tight the table.
        self.page_font = _font(doc.font_pt)
        self.page_bold_font = _font(doc.font_pt, bold=True)
        self.small_font = _font(max(SMALLEST_PT, doc.font_pt - 1.5))
        self.title_font = _font(doc.font_pt + 6, bold=True)
        self.header_font = _font(doc.font_pt + 1)
        painter.setFont(self.body_font)
        total_weight = sum(c.weight for c in doc.columns) or 1.0
        self.col_widths = self._column_widths(painter, total_weight)

        top = self._header_height(painter)
        bottom = self._footer_height(painter)
        # A table with no columns (a sheet too big to print) prints its message alone.
        table_header = (
            self._row_height(painter, [c.title for c in doc.columns], header=True)
            if doc.columns
            else 0.0
        )
        available = self.height - top - bottom - table_header
        min_row = doc.min_row_mm * self.mm
        if doc.rows_per_page:
            min_row = max(min_row, available / doc.rows_per_page * squeeze - 0.01)
        # A monster row is clipped rather than looping forever.
        heights = [min(available, max(min_row, self._row_height(painter, row))) for row in doc.rows]
        required = heights[: len(heights) - doc.spare_rows]
        pages = (balanced_pages if doc.balance else filled_pages)(required, available)
        # Spare rows (blank lines for walk-ins) only fill the last page: never a page of
        # their own, never a page holding two of them.
        last = pages[-1]
        used = sum(h for _i, h in last.rows)
        for index in range(len(required), len(heights)):
            if used + heights[index] > available:
                break
            last.rows.append((index, heights[index]))
            used += heights[index]
        self.top, self.table_header = top, table_header
        return pages

    def paint_pages(
        self,
        painter: QPainter,
        device: QPagedPaintDevice,
        pages: list[_Page],
        *,
        first: int = 1,
        total: int | None = None,
    ) -> None:
        """Paint ``pages`` laid out by :meth:`lay_out`, numbered from ``first`` of
        ``total`` (a report's tables and charts are numbered through the whole PDF); a
        page after the device's first begins a new page."""
        doc = self.doc
        total = total or len(pages)
        for number, page in enumerate(pages, start=first):
            if number > 1:
                device.newPage()
            self._paint_header(painter, number, total)
            y = self.top
            if doc.columns:
                y = self._paint_row(
                    painter, y, [c.title for c in doc.columns], self.table_header, header=True
                )
            for index, h in page.rows:
                y = self._paint_row(painter, y, doc.rows[index], h, shade=index % 2 == 1)
            if not doc.rows and doc.empty_message:
                painter.setPen(QColor("black"))
                h = self._text_height(painter, self.body_font, self.width, doc.empty_message)
                _draw(painter, QRectF(0, y + self.mm * 3, self.width, h), doc.empty_message)
            self._paint_footer(painter, number, total)

    def _column_widths(self, painter: QPainter, total_weight: float) -> list[float]:
        """Widths by weight, then fitted to what the columns hold: a column whose every
        line is shorter than its width (a grade, a count, "Yes") gives the room it does
        not use to columns whose lines wrap (names, a hub's name), as far as they need
        it; a column of blank cells (to write in) keeps its width. Then widened so no
        word (a header word, a district id, a phone number) is clipped, the room taken
        from columns that have some to spare."""
        widths = [self.width * c.weight / total_weight for c in self.doc.columns]
        bold = QFontMetricsF(self.bold_font, painter.device())
        titles = QFontMetricsF(self.column_title_font, painter.device())
        body = QFontMetricsF(self.body_font, painter.device())
        needed, natural, comfort = [], [], []
        for i, column in enumerate(self.doc.columns):
            # Each line and word in the font it is painted in (a bold name is wider than
            # its letters in the body font). Words split where the text may wrap: spaces
            # (not the no-break spaces of phone numbers) and after a hyphen joining two
            # words ("Domínguez-" / "Echeverría"), not one before a digit ("555-0101").
            lines = {
                (font is self.bold_font, line)
                for row in self.doc.rows
                if i < len(row) and row[i]
                for font, part in self._cell_parts(column, row[i])
                for line in part.split("\n")
            }
            words = {(is_bold, w) for is_bold, line in lines for w in _BREAKS.split(line)}
            # A title wraps between its words only: "Early-release" stays whole.
            title = max((titles.horizontalAdvance(w) for w in column.title.split()), default=0.0)
            longest = max(
                title,
                max(
                    ((bold if is_bold else body).horizontalAdvance(w) for is_bold, w in words),
                    default=0.0,
                ),
            )
            # A very long word (a pasted URL) may still wrap rather than squeeze the table.
            needed.append(min(longest + 2 * self.pad + 1, self.width * 0.3))
            widest = max(
                ((bold if is_bold else body).horizontalAdvance(t) for is_bold, t in lines),
                default=None,
            )
            if widest is None and self.doc.write_in_blank_columns:
                natural.append(widths[i])
                comfort.append(needed[-1])  # room to write in: its title is enough
            else:
                natural.append(max(widest or 0.0, title) + 2 * self.pad + 1)
                comfort.append(max(needed[-1], natural[-1]))
        spare = [max(0.0, w - n) for n, w in zip(natural, widths, strict=True)]
        wanted = [max(0.0, n - w) for n, w in zip(natural, widths, strict=True)]
        moved = min(sum(spare), sum(wanted))
        if moved:
            widths = [
                w - moved * s / sum(spare) + moved * x / sum(wanted)
                for w, s, x in zip(widths, spare, wanted, strict=True)
            ]
        # Every column as wide as its longest word: the room comes first from columns
        # wider than their lines (or than their title, for one to write in), then from
        # columns whose lines then wrap further.
        deficit = sum(max(0.0, n - w) for n, w in zip(needed, widths, strict=True))
        for floor in (comfort, needed):
            slack = [max(0.0, w - max(n, f)) for w, n, f in zip(widths, needed, floor, strict=True)]
            taken = min(deficit, sum(slack))
            if taken > 0:
                widths = [w - taken * s / sum(slack) for w, s in zip(widths, slack, strict=True)]
                deficit -= taken
        widths = [max(n, w) for n, w in zip(needed, widths, strict=True)]
        # Words too wide for every column to hold its longest: the table still fits the
        # page, its columns narrowed alike, and a word wider than its column wraps
        # inside it (_WRAP) rather than run into the next or off the page.
        total = sum(widths)
        if total > self.width:
            widths = [w * self.width / total for w in widths]
        return widths

    def _text_height(self, painter: QPainter, font: QFont, width: float, text: str) -> float:
        """The height of ``text`` wrapped to ``width`` as :func:`_draw` paints it."""
        painter.setFont(font)
        return painter.boundingRect(QRectF(0, 0, max(width, 1.0), 1e6), text, _WRAP).height()

    def _row_height(
        self, painter: QPainter, cells: Sequence[str], *, header: bool = False
    ) -> float:
        tallest = 0.0
        for column, width, text in zip(self.doc.columns, self.col_widths, cells, strict=False):
            inner = width - 2 * self.pad
            h = sum(
                self._text_height(painter, font, inner, part)
                for font, part in self._cell_parts(column, text, header=header)
            )
            tallest = max(tallest, h)
        return tallest + 2 * self.pad

    def _cell_parts(
        self, column: Column, text: str, *, header: bool = False
    ) -> list[tuple[QFont, str]]:
        """A cell's text in the pieces it is painted in, top to bottom, each with its
        font: a row is measured (:meth:`_row_height`), and its columns sized, from the
        very pieces :meth:`_paint_row` paints, so no line is measured in one font and
        painted in a wider one (and clipped)."""
        if header:
            return [(self.column_title_font, text)]
        if column.bold:
            return [(self.bold_font, text)]
        if column.bold_first_line:
            first, newline, rest = text.partition("\n")
            return [(self.bold_font, first)] + ([(self.body_font, rest)] if newline else [])
        return [(self.body_font, text)]

    def _header_height(self, painter: QPainter) -> float:
        h = self._text_height(painter, self.title_font, self.width, self.doc.title)
        h += self._text_height(painter, self.header_font, self.width * 0.75, self.doc.subtitle)
        if self.doc.notice:
            h += self._text_height(painter, self.page_bold_font, self.width, self.doc.notice)
        return h + 3 * self.mm

    def _footer_height(self, painter: QPainter) -> float:
        h = self._text_height(painter, self.small_font, self.width, "Page 1")
        for line in self.doc.footer_lines:
            h += self._text_height(painter, self.page_font, self.width, line) + 2.5 * self.mm
        return h + 3 * self.mm

    # -- painting ------------------------------------------------------------------------

    def _paint_header(self, painter: QPainter, number: int, total: int) -> None:
        doc = self.doc
        painter.setPen(QColor("black"))
        painter.setFont(self.title_font)
        title_h = self._text_height(painter, self.title_font, self.width, doc.title)
        painter.drawText(
            QRectF(0, 0, self.width, title_h), int(Qt.AlignmentFlag.AlignLeft), doc.title
        )
        painter.setFont(self.header_font)
        page_text = tr("Page {n} of {total}").format(n=number, total=total)
        painter.drawText(
            QRectF(0, 0, self.width, title_h),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            page_text,
        )
        y = title_h
        sub_h = self._text_height(painter, self.header_font, self.width * 0.75, doc.subtitle)
        _draw(painter, QRectF(0, y, self.width * 0.75, sub_h), doc.subtitle)
        y += sub_h
        if doc.notice:
            painter.setFont(self.page_bold_font)
            notice_h = self._text_height(painter, self.page_bold_font, self.width, doc.notice)
            _draw(painter, QRectF(0, y, self.width, notice_h), doc.notice)
            y += notice_h
        painter.setPen(QPen(QColor("black"), 0.4 * self.mm))
        painter.drawLine(0, int(y + self.mm), int(self.width), int(y + self.mm))

    def _paint_footer(self, painter: QPainter, number: int, total: int) -> None:
        doc = self.doc
        small_h = self._text_height(painter, self.small_font, self.width, "Page 1")
        y = self.height - small_h
        painter.setPen(QColor("black"))
        for line in reversed(doc.footer_lines):
            h = self._text_height(painter, self.page_font, self.width, line)
            y -= h + 2.5 * self.mm
            painter.setFont(self.page_font)
            _draw(painter, QRectF(0, y + 1.5 * self.mm, self.width, h), line)
        painter.setFont(self.small_font)
        painter.setPen(QColor(80, 80, 80))
        footer_rect = QRectF(0, self.height - small_h, self.width, small_h)
        painter.drawText(footer_rect, int(Qt.AlignmentFlag.AlignLeft), doc.printed_on)
        painter.drawText(
            footer_rect,
            int(Qt.AlignmentFlag.AlignRight),
            tr("{title} — page {n} of {total}").format(title=doc.title, n=number, total=total),
        )

    def _paint_row(
        self,
        painter: QPainter,
        y: float,
        cells: Sequence[str],
        height: float,
        *,
        header: bool = False,
        shade: bool = False,
    ) -> float:
        if header:
            painter.fillRect(QRectF(0, y, self.width, height), QColor(215, 215, 215))
        elif shade:
            painter.fillRect(QRectF(0, y, self.width, height), QColor(242, 242, 242))
        painter.setPen(QPen(QColor(90, 90, 90), 0.15 * self.mm))
        x = 0.0
        for column, width, text in zip(self.doc.columns, self.col_widths, cells, strict=False):
            painter.drawRect(QRectF(x, y, width, height))
            painter.setPen(QColor("black"))
            inner = QRectF(x + self.pad, y + self.pad, width - 2 * self.pad, height - 2 * self.pad)
            for font, part in self._cell_parts(column, text, header=header):
                painter.setFont(font)
                _draw(painter, inner, part, column.align)
                inner.setTop(inner.top() + self._text_height(painter, font, inner.width(), part))
            painter.setPen(QPen(QColor(90, 90, 90), 0.15 * self.mm))
            x += width
        return y + height
