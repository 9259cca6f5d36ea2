"""Table models of the Volunteers tab: the volunteers with their clearance state, and the
clearances expiring soon. A volunteer who is not cleared is shown in red everywhere."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.names import fold
from harmony_desktop.services.volunteers import (
    ClearanceState,
    ExpiringClearance,
    VolunteerInfo,
    role_label,
    status_label,
)
from harmony_desktop.ui.language import day_text

Index = QModelIndex | QPersistentModelIndex
#: the volunteer id of a row
VolunteerIdRole = int(Qt.ItemDataRole.UserRole) + 1
#: what a column sorts by
SortRole = int(Qt.ItemDataRole.UserRole) + 2
NOT_CLEARED = QColor("#b00020")
EXPIRING = QColor("#8a4b00")
CLEARED = QColor("#1b6e20")


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate a Volunteers-tab string (context ``Volunteers``); ``n`` picks the plural form
    of a ``%n`` text (lupdate reads it as the third argument)."""
    return QCoreApplication.translate("Volunteers", text, disambiguation or None, n)


def clearance_summary(v: VolunteerInfo, today: dt.date) -> tuple[str, str]:
    """(state, details): "Not cleared" with what is missing or expired, "Expiring" with
    the soonest date, or "Cleared"."""
    if not v.cleared:
        return tr("Not cleared"), "; ".join(v.problems)
    expiring = [c for c in v.expiring if c.expires_on]
    if expiring:
        soonest = min(expiring, key=lambda c: c.expires_on or today)
        assert soonest.expires_on is not None
        days = (soonest.expires_on - today).days
        return tr("Expiring"), tr("{kind} expires {date} (in %n day(s))", "", days).format(
            kind=soonest.kind_label, date=day_text(soonest.expires_on)
        )
    return tr("Cleared"), ""


class VolunteerColumn(IntEnum):
    """Columns of the volunteer list."""

    NAME = 0
    CLEARANCE = 1
    DETAILS = 2
    ROLE = 3
    STATUS = 4
    ASSISTS = 5
    PHONE = 6


class VolunteerTableModel(QAbstractTableModel):
    """Every volunteer of a hub, filtered as you type, sortable by column."""

    def __init__(self, today: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._all: list[VolunteerInfo] = []
        self._rows: list[VolunteerInfo] = []
        self._query = ""
        self._column = VolunteerColumn.NAME
        self._order = Qt.SortOrder.AscendingOrder

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(VolunteerColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            tr("Name"), tr("Clearance"), tr("What is due"), tr("Role"), tr("Status"),
            tr("Assists"), tr("Phone"),
        )  # fmt: skip
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        v = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(v, column)
        if role == VolunteerIdRole:
            return v.id
        if role == SortRole:
            return self._sort_value(v, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (
            VolunteerColumn.CLEARANCE,
            VolunteerColumn.DETAILS,
        ):
            if not v.cleared:
                return QBrush(NOT_CLEARED)
            return QBrush(EXPIRING if v.expiring else CLEARED)
        if role == Qt.ItemDataRole.FontRole and column == VolunteerColumn.CLEARANCE:
            font = QFont()
            font.setBold(not v.cleared)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == VolunteerColumn.CLEARANCE:
            no_expiry = tr("no expiry")  # (outside the f-string, where lupdate finds it)
            return "\n".join(
                f"{c.kind_label}: {c.done_on or '—'} → {c.expires_on or no_expiry}"
                for c in v.clearances
            )
        return None

    def _text(self, v: VolunteerInfo, column: int) -> str:
        if column == VolunteerColumn.NAME:
            return v.display_name
        if column == VolunteerColumn.CLEARANCE:
            return clearance_summary(v, self._today)[0]
        if column == VolunteerColumn.DETAILS:
            return clearance_summary(v, self._today)[1]
        if column == VolunteerColumn.ROLE:
            return role_label(v.role)
        if column == VolunteerColumn.STATUS:
            return status_label(v.status)
        if column == VolunteerColumn.ASSISTS:
            return ", ".join(a.label for a in v.assignments)
        return v.phone

    def _sort_value(self, v: VolunteerInfo, column: int) -> Any:
        if column == VolunteerColumn.NAME:
            return v.sort_name
        if column == VolunteerColumn.CLEARANCE:
            return (v.cleared, not v.expiring, v.sort_name)
        return (sort_key(self._text(v, column)), v.sort_name)

    # -- data in -----------------------------------------------------------------------

    def set_today(self, today: dt.date) -> None:
        """Judge the clearances' details on ``today`` (a new day, or the register's when
        this computer's date is wrong)."""
        self._today = today

    def set_volunteers(self, volunteers: list[VolunteerInfo]) -> None:
        """Replace every volunteer (after a load), keeping the search and the order."""
        self._all = list(volunteers)
        self._refresh()

    def set_query(self, query: str) -> None:
        """Show only the volunteers matching every word of ``query``."""
        self._query = query
        self._refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (the view's header asks)."""
        self._column = VolunteerColumn(column)
        self._order = order
        self._refresh()

    def _refresh(self) -> None:
        words = fold(self._query).split()
        shown = [v for v in self._all if all(w in v.search_text() for w in words)]
        shown.sort(
            key=lambda v: self._sort_value(v, self._column),
            reverse=self._order == Qt.SortOrder.DescendingOrder,
        )
        self.beginResetModel()
        self._rows = shown
        self.endResetModel()

    # -- data out ----------------------------------------------------------------------

    def volunteer(self, row: int) -> VolunteerInfo:
        """The volunteer on ``row``."""
        return self._rows[row]

    def row_of(self, volunteer_id: str) -> int:
        """The row of ``volunteer_id``, or -1."""
        return next((i for i, v in enumerate(self._rows) if v.id == volunteer_id), -1)

    def not_cleared(self) -> int:
        """How many active volunteers shown are not cleared."""
        return sum(1 for v in self._rows if v.status == "active" and not v.cleared)


class ExpiringColumn(IntEnum):
    """Columns of the expiring list."""

    EXPIRES = 0
    VOLUNTEER = 1
    CLEARANCE = 2
    WHEN = 3


class ExpiringTableModel(QAbstractTableModel):
    """Clearances expiring within 30 days (or expired), soonest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ExpiringClearance] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ExpiringColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (tr("Expires"), tr("Volunteer"), tr("Clearance"), tr("When"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == ExpiringColumn.EXPIRES:
                return day_text(e.expires_on)
            if column == ExpiringColumn.WHEN:
                if e.days_left < 0:
                    return tr("expired %n day(s) ago", "", -e.days_left)
                return tr("in %n day(s)", "", e.days_left)
            if column == ExpiringColumn.CLEARANCE:
                return e.kind_label
            return e.volunteer_name
        if role == VolunteerIdRole:
            return e.volunteer_id
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(NOT_CLEARED if e.state == ClearanceState.EXPIRED else EXPIRING)
        return None

    def set_rows(self, rows: list[ExpiringClearance]) -> None:
        """Show these clearances."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
