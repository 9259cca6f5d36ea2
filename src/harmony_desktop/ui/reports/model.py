"""The table model of the Reports tab: one sheet of a report, sortable by any column.

Sorting compares the values themselves (numbers as numbers, names in the user's
collation, empty cells last), not the text shown.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.services.reports import Format, Sheet
from harmony_desktop.services.reports.export import display_text

Index = QModelIndex | QPersistentModelIndex
_RIGHT = (Format.INT, Format.RATE, Format.HOURS, Format.DECIMAL)
#: How many of a column's longest texts are measured to find its widest cell.
MEASURED = 50
#: The roles :meth:`ReportTableModel.data` answers.
_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.UserRole}
)


class ReportTableModel(QAbstractTableModel):
    """Rows and columns of one :class:`~harmony_desktop.services.reports.Sheet`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sheet: Sheet | None = None
        self._rows: list[list[Any]] = []
        #: columns whose title is shown on two lines (a table too wide for its window)
        self._two_lines: frozenset[int] = frozenset()

    def set_sheet(self, sheet: Sheet | None) -> None:
        """Show ``sheet`` (None: nothing), every title on one line."""
        self.beginResetModel()
        self._sheet = sheet
        self._rows = list(sheet.rows) if sheet else []
        self._two_lines = frozenset()
        self.endResetModel()

    def set_two_line_titles(self, sections: Iterable[int]) -> None:
        """Show the titles of ``sections`` on two lines where they have two words or
        more, so their columns can be narrower (the tooltip still reads them on one)."""
        self._two_lines = frozenset(sections)
        if self._sheet is not None and self._sheet.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._sheet.columns) - 1)

    @property
    def sheet(self) -> Sheet | None:
        """The sheet shown."""
        return self._sheet

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows of the sheet (a table has no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Columns of the sheet."""
        return 0 if parent.isValid() or self._sheet is None else len(self._sheet.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text, alignment, or (UserRole) its raw value."""
        # Sizing the columns asks each sampled cell for every role a delegate draws
        # (font, colours, check state …): those are answered before anything is looked
        # up, as they are most of the calls.
        if role not in _ROLES or not index.isValid() or self._sheet is None:
            return None
        column = self._sheet.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(column.word(value), column.format)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if column.format in _RIGHT
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def widest_rows(self, column: int, metrics: QFontMetrics, count: int = 3) -> list[int]:
        """The rows of ``column`` whose texts are the widest in ``metrics`` (at most
        ``count``, one row for each text): the cells a column is sized to.

        Qt's own sizing asks every cell for every role through Python (two-year
        attendance's table took 0.35 s of the window's thread for its widths alone,
        0.6 s on a busy machine).
        Here each different value is written once (a figure only where it is among
        the furthest from zero), each text's width is first summed from its
        characters' widths (each character measured once), and only the
        :data:`MEASURED` widest by that sum are measured whole (~13 us a text: kerning
        moves a text by a pixel or two, never past fifty others)."""
        if self._sheet is None or not 0 <= column < len(self._sheet.columns):
            return []
        shown = self._sheet.columns[column]
        shown_values = [cells[column] for cells in self._rows]
        # each value's first row (later keys overwrite earlier ones: built from the end)
        first_row = dict(
            zip(reversed(shown_values), range(len(shown_values) - 1, -1, -1), strict=True)
        )
        candidates: Iterable[tuple[Any, int]] = first_row.items()
        if shown.format in _RIGHT and all(isinstance(v, int | float) for v in first_row):
            # a figure's text is longest where the figure is furthest from zero
            candidates = heapq.nlargest(MEASURED, candidates, key=lambda pair: abs(pair[0]))
        letters = _Advances(metrics)

        def summed(text: str) -> int:
            return max(sum(map(letters.__getitem__, line)) for line in text.split("\n"))

        texts = heapq.nlargest(
            MEASURED,
            ((display_text(shown.word(value), shown.format), row) for value, row in candidates),
            key=lambda pair: summed(pair[0]),
        )
        widths = sorted(
            ((max(metrics.horizontalAdvance(line) for line in text.split("\n")), row)
             for text, row in texts),
            reverse=True,
        )  # fmt: skip
        return [row for _width, row in widths[:count]]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles across the top (also as their tooltips); row numbers down the
        side."""
        if self._sheet is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,  # the whole title of a narrowed column
        ):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._sheet.columns):
                title = self._sheet.columns[section].title
                if role == Qt.ItemDataRole.DisplayRole and section in self._two_lines:
                    return two_lines(title)
                return title
            return None
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``'s values; empty cells go last either way."""
        if self._sheet is None or not 0 <= column < len(self._sheet.columns):
            return
        shown = self._sheet.columns[column]
        text = shown.format in (Format.TEXT,)
        filled = [r for r in self._rows if r[column] is not None and r[column] != ""]
        empty = [r for r in self._rows if r[column] is None or r[column] == ""]
        filled.sort(
            # by the words shown (a reason's), not the code stored
            key=lambda r: sort_key(str(shown.word(r[column]))) if text else r[column],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutAboutToBeChanged.emit()
        self._rows = filled + empty
        self.layoutChanged.emit()


def two_lines(title: str) -> str:
    """``title`` broken at the space that makes its longer line the shortest
    ("Sessions held" → "Sessions\\nheld"); as it is when it has one word, or when a
    line would hold a word of two letters alone ("Sesiones de", "Grade 12")."""
    words = title.split(" ")
    splits = [
        i for i in range(1, len(words))
        if min(len(" ".join(words[:i])), len(" ".join(words[i:]))) > 2
    ]  # fmt: skip
    if not splits:
        return title
    best = min(splits, key=lambda i: max(len(" ".join(words[:i])), len(" ".join(words[i:]))))
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


class _Advances(dict[str, int]):
    """Each character's width in ``metrics``, measured the first time it is asked for."""

    def __init__(self, metrics: QFontMetrics) -> None:
        super().__init__()
        self._metrics = metrics

    def __missing__(self, letter: str) -> int:
        width = self[letter] = self._metrics.horizontalAdvance(letter)
        return width
