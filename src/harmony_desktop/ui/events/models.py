"""Table models of the Events tab: the hub's events, and the roll of one family event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
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
from PySide6.QtWidgets import QLabel, QSizePolicy

from harmony_desktop.domain.names import fold
from harmony_desktop.services.events import (
    AdultEntry,
    FamilyEventInfo,
    MasterclassInfo,
    PerformanceInfo,
    kind_label,
)
from harmony_desktop.ui.language import date_text, time_text

Index = QModelIndex | QPersistentModelIndex
CAME = QColor("#1b6e20")


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate an Events-tab string (context ``Events``); ``n`` picks the plural form
    of a ``%n`` text (lupdate reads it as the third argument)."""
    return QCoreApplication.translate("Events", text, disambiguation or None, n)


def wrap_title(label: QLabel) -> None:
    """An event's title wraps onto more lines rather than widening the window: a long
    title once pushed the window past the screen's edge."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)


@dataclass(frozen=True)
class EventRow:
    """One event in the list: a family event, a masterclass or a performance."""

    kind: str  # "family", "masterclass", "performance"
    id: str
    date: dt.date
    start: dt.time
    title: str
    what: str
    figure: str
    item: FamilyEventInfo | MasterclassInfo | PerformanceInfo

    @property
    def figure_lines(self) -> str:
        """What it reached on two lines (the first figure, then the rest): a narrow
        column shows both figures whole rather than "19 participante…"."""
        first, sep, rest = self.figure.partition(" · ")
        return f"{first}\n{rest}" if sep else first


def event_rows(
    families: list[FamilyEventInfo],
    masterclasses: list[MasterclassInfo],
    performances: list[PerformanceInfo],
) -> list[EventRow]:
    """Every event as a list row, newest first."""
    rows = [
        EventRow(
            "family", f.id, f.date, f.start, f.title, kind_label(f.kind),
            tr("{families} · {adults}").format(
                families=tr("%n family(ies)", "", f.measure.families_reached),
                adults=tr("%n adult(s)", "", f.measure.adults),
            ),
            f,
        )
        for f in families
    ]  # fmt: skip
    rows += [
        EventRow(
            "masterclass", m.session_id, m.date, m.start, m.title or m.ensemble_name,
            tr("Masterclass"),
            # The form follows the present ("1/20 presente", "2/20 presentes").
            tr("{present}/{expected} present · {guest}", "", m.roll.present).format(
                present=m.roll.present, expected=m.roll.expected, guest=m.guest_artist
            ),
            m,
        )
        for m in masterclasses
    ]  # fmt: skip
    rows += [
        EventRow(
            "performance", p.session_id, p.date, p.start, p.title or p.ensemble_name,
            tr("Performance"),
            tr("%n performer(s) · audience {audience}", "", p.roll.present).format(
                audience=p.audience_count if p.audience_count is not None else "—",
            ),
            p,
        )
        for p in performances
    ]  # fmt: skip
    rows.sort(key=lambda r: (r.date, r.start, r.id), reverse=True)
    return rows


class EventColumn(IntEnum):
    """Columns of the event list."""

    DATE = 0
    WHAT = 1
    TITLE = 2
    FIGURE = 3


class EventsModel(QAbstractTableModel):
    """The events of a hub, newest first, of the kind chosen."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[EventRow] = []
        self._rows: list[EventRow] = []
        self._kind = ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(EventColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (tr("Date"), tr("What"), tr("Title"), tr("Reached"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            # the time under the date, so the title has the room on a netbook
            between = "\n" if role == Qt.ItemDataRole.DisplayRole else " "
            return (
                f"{date_text(row.date)}{between}{time_text(row.start)}",
                row.what,
                row.title,
                row.figure_lines if role == Qt.ItemDataRole.DisplayRole else row.figure,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (
            EventColumn.TITLE,
            EventColumn.FIGURE,
        ):  # whole, where a narrow column cuts it
            return row.title if index.column() == EventColumn.TITLE else row.figure
        return None

    def set_rows(self, rows: list[EventRow]) -> None:
        """Replace every event."""
        self._all = list(rows)
        self._refresh()

    def set_kind(self, kind: str) -> None:
        """Show only events of ``kind`` ("" for all)."""
        self._kind = kind
        self._refresh()

    def _refresh(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._all if not self._kind or r.kind == self._kind]
        self.endResetModel()

    def event_at(self, row: int) -> EventRow:
        """The event on ``row``."""
        return self._rows[row]

    def row_of(self, event_id: str) -> int:
        """The row of ``event_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == event_id), -1)


class AdultColumn(IntEnum):
    """Columns of a family event's roll."""

    ADULT = 0
    RELATIONSHIP = 1
    FAMILY = 2
    CAME = 3


class FamilyRollModel(QAbstractTableModel):
    """The adults of a family event's roll: guardians once per person, then walk-ins."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[AdultEntry] = []
        self._rows: list[AdultEntry] = []
        self._query = ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AdultColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (tr("Adult"), tr("Relationship"), tr("Students (family)"), tr("Came"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        adult = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == AdultColumn.ADULT:
                return adult.name + (" " + tr("(walk-in)") if adult.walk_in else "")
            if column == AdultColumn.RELATIONSHIP:
                return adult.relationship
            if column == AdultColumn.FAMILY:
                return adult.family
            return tr("✓ Came") if adult.attended else ""
        if role == Qt.ItemDataRole.ForegroundRole and column == AdultColumn.CAME:
            return QBrush(CAME)
        if role == Qt.ItemDataRole.FontRole and column == AdultColumn.CAME and adult.attended:
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and column == AdultColumn.FAMILY
            and len(adult.student_ids) > 1
        ):
            return tr("One adult for {count} students: counts once as an adult").format(
                count=len(adult.student_ids)
            )
        return None

    def set_adults(self, adults: list[AdultEntry]) -> None:
        """Replace the roll (after a load)."""
        self._all = list(adults)
        self._refresh()

    def set_query(self, query: str) -> None:
        """Show only the adults whose name or family matches every word."""
        self._query = query
        self._refresh()

    def _refresh(self) -> None:
        words = fold(self._query).split()
        self.beginResetModel()
        self._rows = [a for a in self._all if all(w in fold(f"{a.name} {a.family}") for w in words)]
        self.endResetModel()

    def adult(self, row: int) -> AdultEntry:
        """The adult on ``row``."""
        return self._rows[row]

    def row_of(self, key: str) -> int:
        """The row of the adult ``key``, or -1."""
        return next((i for i, a in enumerate(self._rows) if a.key == key), -1)

    def set_attended(self, key: str, attended: bool) -> None:
        """Show that an adult came (or not)."""
        self._all = [replace(a, attended=attended) if a.key == key else a for a in self._all]
        row = self.row_of(key)
        if row >= 0:
            self._rows[row] = replace(self._rows[row], attended=attended)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(AdultColumn) - 1))

    def came(self) -> int:
        """Adults marked as come, in the whole roll."""
        return sum(1 for a in self._all if a.attended)
