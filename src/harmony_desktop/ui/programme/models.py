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
    """One column: its header and how a record shows in it (text, or a yes/no mark)."""

    def __init__(self, header: str, value: Callable[[R], Any]) -> None:
        self.header = header
        self.value = value


class RecordsModel(QAbstractTableModel, Generic[R]):
    """Records in rows; ``set_records`` replaces them all (after a load)."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        """Show these records."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

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
