"""The roster table model: every student of a hub, filtered as you type and sortable.

All entries are held in memory (3,500 rows is small); a search keeps the matching
entries in a list, so the view only ever sees a plain table of visible rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.names import display_name
from harmony_desktop.domain.vocab import StudentStatus
from harmony_desktop.services.roster import GRADES, RosterEntry, RosterService

Index = QModelIndex | QPersistentModelIndex
#: the student id of a row
StudentIdRole = int(Qt.ItemDataRole.UserRole) + 1
_GRADE_ORDER = {g: i for i, g in enumerate(GRADES)}


class RosterTableModel(QAbstractTableModel):
    """Rows are roster entries; columns are what a site lead scans and sorts by."""

    NAME, PREFERRED, GRADE, DISTRICT_ID, ENSEMBLES, INSTRUMENT, STATUS = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[RosterEntry] = []
        self._sorted: list[RosterEntry] = []
        self._rows: list[RosterEntry] = []
        self._query = ""
        self._sort_column = self.NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = [
            self.tr("Name"),
            self.tr("Preferred name"),
            self.tr("Grade"),
            self.tr("District ID"),
            self.tr("Ensembles"),
            self.tr("Instrument"),
            self.tr("Status"),
        ]

    # -- data in -----------------------------------------------------------------------

    def set_entries(self, entries: list[RosterEntry]) -> None:
        """Replace every entry (after a load), keeping the search and the sort."""
        self._all = list(entries)
        self._refresh()

    def set_query(self, query: str) -> None:
        """Show only the entries matching every word of ``query``."""
        previous, self._query = self._query, query
        if RosterService.narrows(previous, query):
            # Typing on: the matches can only narrow, so filter the rows shown.
            self.beginResetModel()
            self._rows = RosterService.search(self._rows, query)
            self.endResetModel()
        else:
            self._refresh(resort=False)

    def _refresh(self, *, resort: bool = True) -> None:
        # Sorting happens once per load or sort change, not per keystroke: the search keeps
        # the order of the sorted list it filters.
        if resort:
            self._sorted = sorted(
                self._all,
                key=self._sort_key,
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
        self.beginResetModel()
        self._rows = RosterService.search(self._sorted, self._query)
        self.endResetModel()

    def _sort_key(self, e: RosterEntry) -> Any:
        # Text sorts in the collation of the user's language (Á with A; in Spanish Ñ
        # after N); the name key was computed with the entry, off the UI thread.
        name = (e.sort_key, e.student_id)
        column = self._sort_column
        if column == self.PREFERRED:
            return (sort_key(e.preferred_name), *name)
        if column == self.GRADE:
            return (_GRADE_ORDER.get(e.grade, 99), *name)
        if column == self.DISTRICT_ID:
            return (e.district_student_id, *name)
        if column == self.ENSEMBLES:
            return (tuple(sort_key(n) for n in e.ensembles), *name)
        if column == self.INSTRUMENT:
            return (sort_key(e.instrument), *name)
        if column == self.STATUS:
            return (e.status, *name)
        return name

    # -- Qt model API ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Visible rows (none under a valid parent: this is a table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The seven columns."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the student id (``StudentIdRole``), and archived rows greyed out."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column)
        if role == StudentIdRole:
            return entry.student_id
        if role == Qt.ItemDataRole.ForegroundRole and entry.status == StudentStatus.ARCHIVED:
            return QColor(120, 120, 120)
        if role == Qt.ItemDataRole.FontRole and entry.status == StudentStatus.ARCHIVED:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.GRADE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, e: RosterEntry, column: int) -> str:
        if column == self.NAME:
            return display_name(e.first_name, e.last_name, last_first=True)
        if column == self.PREFERRED:
            return e.preferred_name
        if column == self.GRADE:
            return e.grade
        if column == self.DISTRICT_ID:
            return e.district_student_id
        if column == self.ENSEMBLES:
            return ", ".join(e.ensembles)
        if column == self.INSTRUMENT:
            return e.instrument
        if column == self.STATUS:
            return {
                "active": self.tr("Active"),
                "inactive": self.tr("Inactive"),
                "archived": self.tr("Archived"),
            }.get(e.status, e.status)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (the view's header calls this)."""
        self._sort_column, self._sort_order = column, order
        self._refresh()

    # -- helpers ---------------------------------------------------------------------

    def entry(self, row: int) -> RosterEntry:
        """The entry shown on ``row``."""
        return self._rows[row]

    def row_of(self, student_id: str) -> int:
        """The row showing ``student_id``, or -1."""
        for row, e in enumerate(self._rows):
            if e.student_id == student_id:
                return row
        return -1

    @property
    def total(self) -> int:
        """Entries loaded, matching or not."""
        return len(self._all)
