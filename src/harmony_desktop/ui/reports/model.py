"""The table model of the Reports tab: one sheet of a report, sortable by any column.

Sorting compares the values themselves (numbers as numbers, names in the user's
collation, empty cells last), not the text shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.services.reports import Format, Sheet
from harmony_desktop.services.reports.export import display_text

Index = QModelIndex | QPersistentModelIndex
_RIGHT = (Format.INT, Format.RATE, Format.HOURS, Format.DECIMAL)


class ReportTableModel(QAbstractTableModel):
    """Rows and columns of one :class:`~harmony_desktop.services.reports.Sheet`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sheet: Sheet | None = None
        self._rows: list[list[Any]] = []

    def set_sheet(self, sheet: Sheet | None) -> None:
        """Show ``sheet`` (None: nothing)."""
        self.beginResetModel()
        self._sheet = sheet
        self._rows = list(sheet.rows) if sheet else []
        self.endResetModel()

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
        if not index.isValid() or self._sheet is None:
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
                return self._sheet.columns[section].title
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
