"""Table models of the register: the sessions of a day and the roll of one session."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from harmony_desktop.domain.sessions import RollState, SessionInfo
from harmony_desktop.ui.language import hours_text, seconds_text, time_text
from harmony_desktop.ui.register.codes import CodeInfo

if TYPE_CHECKING:
    from harmony_desktop.services.roll import MarkState, RollEntry

Index = QModelIndex | QPersistentModelIndex

#: Custom roles shared by the models and their delegates.
IdRole = Qt.ItemDataRole.UserRole + 1
CodeRole = Qt.ItemDataRole.UserRole + 2
StateRole = Qt.ItemDataRole.UserRole + 3


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate a register string (context ``Register``); ``n`` picks the plural form
    of a ``%n`` text (lupdate reads it as the third argument)."""
    return QCoreApplication.translate("Register", text, disambiguation or None, n)


def saved_text(moment: dt.time) -> str:
    """What the register says after a write: "✓ Saved at 3:50:12 PM" (the window's
    language writes the time)."""
    return tr("✓ Saved at {time}").format(time=seconds_text(moment))


def state_text(info: SessionInfo, today: dt.date) -> str:
    """What a session's state says in the list; a past session without roll is missing."""
    state = info.state
    if is_missing_roll(info, today):
        return tr("Missing roll")
    return _state_texts()[state]


def _state_texts() -> dict[RollState, str]:
    return {
        RollState.NOT_STARTED: tr("Not started"),
        RollState.IN_PROGRESS: tr("In progress"),
        RollState.ROLL_TAKEN: tr("Roll taken"),
        RollState.CANCELLED: tr("Cancelled"),
    }


def state_texts() -> list[str]:
    """Every text :func:`state_text` may say, in the window's language."""
    return [*_state_texts().values(), tr("Missing roll")]


def is_missing_roll(info: SessionInfo, today: dt.date) -> bool:
    """A past, not-cancelled session whose roll is not complete."""
    return (
        info.date < today
        and info.expected > 0
        and info.state in (RollState.NOT_STARTED, RollState.IN_PROGRESS)
    )


class SessionColumn(IntEnum):
    """Columns of the sessions list."""

    TIME = 0
    SESSION = 1
    STATE = 2
    MARKED = 3


class SessionsModel(QAbstractTableModel):
    """The sessions of one day, with their roll state."""

    def __init__(self, today: dt.date, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._sessions: list[SessionInfo] = []
        self._time_under_name = False

    # -- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SessionColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(SessionColumn):
            return None
        return (tr("Time"), tr("Session"), tr("State"), tr("Marked"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        info = self._sessions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SessionColumn.TIME:
                return hours_text(info.start, info.end)
            if column == SessionColumn.SESSION:
                name = self.name(index.row())
                if self._time_under_name:
                    return f"{name}\n{hours_text(info.start, info.end)}"
                return name
            if column == SessionColumn.STATE:
                return state_text(info, self._today)
            if column == SessionColumn.MARKED:
                return f"{info.recorded}/{info.expected}"
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == SessionColumn.SESSION:  # whole, however narrow the column
                return self.data(index)
            if info.state == RollState.CANCELLED:
                return tr("Cancelled: {reason}").format(reason=info.cancel_reason)
            return tr("{recorded} of %n student(s) marked", "", info.expected).format(
                recorded=info.recorded
            )
        elif role == Qt.ItemDataRole.ForegroundRole and column == SessionColumn.STATE:
            if is_missing_roll(info, self._today):
                return QBrush(QColor("#b00020"))
            if info.state == RollState.ROLL_TAKEN:
                return QBrush(QColor("#1b6e20"))
            if info.state == RollState.CANCELLED:
                return QBrush(QColor("#666666"))
        elif role == Qt.ItemDataRole.FontRole and column == SessionColumn.STATE:
            font = QFont()
            font.setBold(is_missing_roll(info, self._today))
            font.setStrikeOut(False)
            return font
        elif role == IdRole:
            return info.id
        elif role == StateRole:
            return info.state.value
        return None

    # -- API --------------------------------------------------------------------------

    def set_time_under_name(self, under: bool) -> None:
        """Show each session's hours on a second line under its name (a narrow list,
        whose time column is hidden), or only its name (the time has its own column)."""
        if under == self._time_under_name:
            return
        self._time_under_name = under
        if self._sessions:
            column = SessionColumn.SESSION
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._sessions) - 1, column),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )

    def name(self, row: int) -> str:
        """The name the list shows for the session on ``row`` (without its hours)."""
        info = self._sessions[row]
        if info.off_schedule:  # kept for its marks: the site lead should look
            return tr("{label} (no longer on the schedule)").format(label=info.label)
        return info.label

    def set_sessions(self, sessions: list[SessionInfo], today: dt.date | None = None) -> None:
        """Replace the list (after a day was loaded)."""
        self.beginResetModel()
        self._sessions = list(sessions)
        if today is not None:
            self._today = today
        self.endResetModel()

    def session(self, row: int) -> SessionInfo:
        """The session shown on ``row``."""
        return self._sessions[row]

    def sessions(self) -> list[SessionInfo]:
        """Every session shown."""
        return list(self._sessions)

    def row_of(self, session_id: str) -> int:
        """The row of ``session_id``, or -1."""
        for row, info in enumerate(self._sessions):
            if info.id == session_id:
                return row
        return -1

    def replace_session(self, info: SessionInfo) -> None:
        """Show a fresher copy of one session (e.g. its marked count changed)."""
        row = self.row_of(info.id)
        if row < 0:
            return
        self._sessions[row] = info
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(SessionColumn) - 1))

    def set_recorded(self, session_id: str, recorded: int) -> None:
        """Update the marked count of a session after marks on its roll."""
        row = self.row_of(session_id)
        if row >= 0 and self._sessions[row].recorded != recorded:
            self.replace_session(replace(self._sessions[row], recorded=recorded))


class RollColumn(IntEnum):
    """Columns of the roll."""

    STUDENT = 0
    MARK = 1
    TIME = 2
    NOTE = 3
    GRADE = 4
    ALERTS = 5


class RollOrder(IntEnum):
    """How the roll is sorted (the teacher's choice)."""

    LAST_NAME = 0
    FIRST_NAME = 1


class RollTableModel(QAbstractTableModel):
    """The students of one session and their marks. One row per student."""

    def __init__(self, codes: list[CodeInfo], parent: Any = None) -> None:
        super().__init__(parent)
        self._codes = {c.code: c for c in codes}
        self._entries: list[RollEntry] = []
        self._rows: dict[str, int] = {}
        self._order = RollOrder.LAST_NAME

    # -- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RollColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._entries) else None
        if not 0 <= section < len(RollColumn):
            return None
        return (tr("Student"), tr("Mark"), tr("Time"), tr("Note"), tr("Grade"), tr("Alerts"))[
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        mark = entry.mark
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RollColumn.STUDENT:
                return entry.display_name
            if column == RollColumn.MARK:
                return mark.code if mark.code else tr("Not recorded")
            if column == RollColumn.TIME:
                return self._time_text(mark)
            if column == RollColumn.NOTE:
                return self._note_text(mark)
            if column == RollColumn.GRADE:
                return entry.grade
            if column == RollColumn.ALERTS:
                return self._alerts_text(entry)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == RollColumn.MARK:
                code = self._codes.get(mark.code or "")
                return code.label if code else tr("Not recorded yet")
            if column == RollColumn.ALERTS:
                return self._alerts_tooltip(entry)
            if column == RollColumn.NOTE and mark.note:
                return mark.note
            if column == RollColumn.TIME:
                return self._time_text(mark) or None  # the whole of it when cut short
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == RollColumn.MARK:
            code = self._codes.get(mark.code or "")
            return code.label if code else tr("Not recorded")
        elif role == Qt.ItemDataRole.ForegroundRole and column == RollColumn.ALERTS:
            if entry.has_custody_restriction:
                return QBrush(QColor("#b00020"))
        elif role == IdRole:
            return entry.student_id
        elif role == CodeRole:
            return mark.code
        return None

    # -- API --------------------------------------------------------------------------

    def set_entries(self, entries: list[RollEntry]) -> None:
        """Show a freshly loaded roll."""
        self.beginResetModel()
        self._entries = self._sorted(entries)
        self._reindex()
        self.endResetModel()

    def refresh(self, entries: list[RollEntry]) -> None:
        """Show a re-read roll: rows that changed are updated in place (the current row
        and the scroll position stay); a different set of students resets the table."""
        if {e.student_id for e in entries} != set(self._rows):
            self.set_entries(entries)
            return
        for entry in entries:
            row = self._rows[entry.student_id]
            if self._entries[row] != entry:
                self._entries[row] = entry
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(RollColumn) - 1))

    def set_order(self, order: RollOrder) -> None:
        """Sort by last name or first name."""
        if order == self._order:
            return
        self._order = order
        self.layoutAboutToBeChanged.emit()
        old_ids = [e.student_id for e in self._entries]
        persistent = self.persistentIndexList()
        self._entries = self._sorted(self._entries)
        self._reindex()
        moved = [
            self.index(self._rows[old_ids[p.row()]], p.column()) if p.isValid() else QModelIndex()
            for p in persistent
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def entry(self, row: int) -> RollEntry:
        """The student on ``row``."""
        return self._entries[row]

    def entries(self) -> list[RollEntry]:
        """Every row, in display order."""
        return list(self._entries)

    def row_of(self, student_id: str) -> int:
        """The row of a student, or -1."""
        return self._rows.get(student_id, -1)

    def update_mark(self, student_id: str, mark: MarkState) -> None:
        """Show a student's stored mark (after a write)."""
        row = self._rows.get(student_id)
        if row is None:
            return
        self._entries[row] = replace(self._entries[row], mark=mark)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(RollColumn) - 1))

    def recorded_count(self) -> int:
        """How many students have a mark."""
        return sum(1 for e in self._entries if e.mark.code is not None)

    def first_unrecorded(self, after: int = -1) -> int:
        """The first unrecorded row after ``after`` (wrapping), or -1."""
        n = len(self._entries)
        for step in range(1, n + 1):
            row = (after + step) % n
            if self._entries[row].mark.code is None:
                return row
        return -1

    # -- internals --------------------------------------------------------------------

    def _sorted(self, entries: list[RollEntry]) -> list[RollEntry]:
        # Collation keys made by the roll service: the language's order, and a double
        # surname by its first surname ("Cervantes" before "Cervantes García").
        if self._order == RollOrder.FIRST_NAME:
            return sorted(entries, key=lambda e: (e.first_name_key, e.student_id))
        return sorted(entries, key=lambda e: (e.last_name_key, e.student_id))

    def _reindex(self) -> None:
        self._rows = {e.student_id: r for r, e in enumerate(self._entries)}

    @staticmethod
    def _time_text(mark: MarkState) -> str:
        parts = []
        if mark.arrival_time:
            parts.append(tr("arrived {time}").format(time=time_text(mark.arrival_time)))
        if mark.departure_time:
            parts.append(tr("left {time}").format(time=time_text(mark.departure_time)))
        if mark.walked_home and mark.collected_at:
            parts.append(tr("walked home {time}").format(time=time_text(mark.collected_at)))
        elif mark.collected_by and mark.collected_at:
            parts.append(
                tr("collected {time} by {adult}").format(
                    time=time_text(mark.collected_at), adult=mark.collected_by
                )
            )
        return ", ".join(parts)

    @staticmethod
    def _note_text(mark: MarkState) -> str:
        parts = []
        if mark.reason:
            parts.append(reason_label(mark.reason))
        if mark.note:
            parts.append(mark.note.replace("\n", " "))
        return " · ".join(parts)

    @staticmethod
    def _alerts_text(entry: RollEntry) -> str:
        parts = []
        if entry.has_custody_restriction:
            parts.append(tr("Custody"))
        if entry.allergy_notes or entry.medical_notes:
            parts.append(tr("Medical"))
        if entry.may_walk_home:  # the exception; pickup by an adult is the rule
            parts.append(tr("Walks home"))
        return " · ".join(parts)

    @staticmethod
    def _alerts_tooltip(entry: RollEntry) -> str:
        lines = []
        if entry.has_custody_restriction:
            lines.append(tr("Custody restriction: check before release."))
        if entry.allergy_notes:
            lines.append(tr("Allergies: {notes}").format(notes=entry.allergy_notes))
        if entry.medical_notes:
            lines.append(tr("Medical: {notes}").format(notes=entry.medical_notes))
        lines.append(
            tr("May walk home alone.")
            if entry.may_walk_home
            else tr("Must be picked up by an authorized adult.")
        )
        return "\n".join(lines)


def reason_label(reason: str) -> str:
    """A left-early reason code as words."""
    return {
        "picked_up_by_guardian": tr("Picked up by guardian"),
        "medical": tr("Medical"),
        "appointment": tr("Appointment"),
        "transport": tr("Transport"),
        "other": tr("Other"),
        # California's early-release reasons (ASES / 21st CCLC), counted by the ases report
        "ca_family_emergency": tr("Family emergency (CA early release)"),
        "ca_illness": tr("Illness (CA early release)"),
        "ca_medical_appointment": tr("Medical appointment (CA early release)"),
        "ca_other_enrichment": tr("Other enrichment programme (CA early release)"),
        "ca_transportation": tr("Transportation (CA early release)"),
        "ca_parent_request": tr("Parent request under the site policy (CA early release)"),
    }.get(reason, reason)
