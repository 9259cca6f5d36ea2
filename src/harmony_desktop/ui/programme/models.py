"""A read-only table of records (hubs, staff, ensembles, terms, closures, codes): one
row per record, one column per (header, getter)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
#: the id of a row's record (``record.id``)
IdRole = int(Qt.ItemDataRole.UserRole) + 1


class Column(Generic[R]):
    """One column: its header and how a record shows in it (text, or a yes/no mark).

    ``under``: what the first column shows on a second line when the list is too narrow
    for its text columns side by side (:meth:`RecordsModel.set_two_lines`)."""

    def __init__(
        self, header: str, value: Callable[[R], Any], *, under: Callable[[R], str] | None = None
    ) -> None:
        self.header = header
        self.value = value
        self.under = under


class RecordsModel(QAbstractTableModel, Generic[R]):
    """Records in rows; ``set_records`` replaces them all (after a load)."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._records: list[R] = []
        self._two_lines = False

    def set_records(self, records: Sequence[R]) -> None:
        """Show these records."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    @property
    def two_lines(self) -> bool:
        """The first column shows its ``under`` text on a second line."""
        return self._two_lines

    def set_two_lines(self, on: bool) -> None:
        """Show the first column's ``under`` text on a second line (the view hides the
        columns it repeats), or not."""
        on = on and bool(self.columns) and self.columns[0].under is not None
        if on == self._two_lines:
            return
        self._two_lines = on
        if self._records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._records) - 1, 0))

    def line(self, row: int, column: int) -> str:
        """The text of a cell on one line, as it shows without a second line."""
        record = self.record(row)
        if record is None or not 0 <= column < len(self.columns):
            return ""
        value = self.columns[column].value(record)
        if isinstance(value, bool):
            return "✓" if value else ""
        return "" if value is None else str(value)

    def records(self) -> list[R]:
        """Every record shown, in order."""
        return list(self._records)

    def record(self, row: int) -> R | None:
        """The record of ``row`` (None when out of range)."""
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, record_id: str | None) -> int:
        """The row of the record with this id, or -1."""
        for row, record in enumerate(self._records):
            if getattr(record, "id", None) == record_id:
                return row
        return -1

    # -- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None or not 0 <= index.column() < len(self.columns):
            return None
        under = self.columns[0].under if self._two_lines and index.column() == 0 else None
        if under is not None and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):  # the name, then what the hidden columns held
            between = ", " if role == Qt.ItemDataRole.AccessibleTextRole else "\n"
            return f"{self.columns[0].value(record)}{between}{under(record)}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = self.columns[index.column()].value(record)
            if isinstance(value, bool):
                if role == Qt.ItemDataRole.AccessibleTextRole:  # read aloud, not a tick
                    return self.tr("yes") if value else self.tr("no")
                return "✓" if value else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell cut short
            value = self.columns[index.column()].value(record)
            return None if value is None or isinstance(value, bool) else str(value)
        if role == IdRole:
            return getattr(record, "id", None)
        return None
