"""Volunteers at the open session: sign in and out beside the student roll, as fast.

:class:`VolunteerShiftPanel` lists the hub's volunteers for the session the register
shows (those assisting its ensemble first), with their clearance: a volunteer who is not
cleared is shown **Not cleared** in red, and putting them on the session (signing them
up or in) asks for a site lead's confirmation first (:class:`ConfirmAssignmentDialog`),
which is recorded on the shift. One key acts on the current volunteer and moves on:
``I`` sign in, ``O`` sign out, ``S`` signed up, ``N`` no-show, ``C`` cancelled, ``Del``
off the session, ``T`` correct the times. Signing in or out takes the clock's time while
the session is on; otherwise (a register filled in after class, or a past session) it
asks for the time, offering the session's start or end (:class:`VolunteerTimeDialog`), as
a student's late time is asked.

Like the roll's marks (``commands.py``), each of these is written synchronously on the
UI thread, a few milliseconds, so "Saved" is true when it shows; loading the list goes
through the task manager. The register page inserts the panel and tells it which
session is open (:meth:`show_session`), and, when its roll was opened without storing it
(a certainly wrong "today"), the session as listed: the first shift written stores it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.names import people_labels
from harmony_desktop.domain.vocab import ShiftStatus
from harmony_desktop.store import settings
from harmony_desktop.ui.keyed_table import KeyedTableView
from harmony_desktop.ui.language import day_text, time_text
from harmony_desktop.ui.operations import QueryOp
from harmony_desktop.ui.register.dialogs import VolunteerTimeDialog
from harmony_desktop.ui.register.models import saved_text, tr
from harmony_desktop.ui.register.widgets import row_end
from harmony_desktop.ui.screen_fit import grow_to_contents
from harmony_desktop.ui.tasks import Changes, TaskManager
from harmony_desktop.ui.timefield import TimeField

if TYPE_CHECKING:
    from harmony_desktop.domain.sessions import SessionInfo
    from harmony_desktop.services.context import Services
    from harmony_desktop.services.volunteers import ShiftEntry, ShiftState, VolunteerInfo
    from harmony_desktop.ui.wrong_day import WrongDayQuestion

Index = QModelIndex | QPersistentModelIndex
NOT_CLEARED = QColor("#b00020")
EXPIRING = QColor("#8a4b00")
CLEARED = QColor("#1b6e20")

#: key -> what it does
KEYS: dict[str, str] = {
    "I": "sign_in",
    "O": "sign_out",
    "S": ShiftStatus.SIGNED_UP.value,
    "N": ShiftStatus.NO_SHOW.value,
    "C": ShiftStatus.CANCELLED.value,
    "T": "times",
}


def clearance_text(entry: ShiftEntry, judged_on: dt.date | None = None) -> str:
    """ "Not cleared", "Cleared · expires 30 Sep 2026" or "Cleared".

    ``judged_on``: the clearances were judged on that day, not on the session's, because
    this computer's date is certainly wrong (see :meth:`VolunteerShiftPanel.show_session`):
    a volunteer whose clearances expire is then not called cleared: "Valid? · expires 30
    Jun 2027", the date for the teacher to check (no longer than "Cleared · expires …",
    so the column keeps its width)."""
    volunteer = entry.volunteer
    if not volunteer.cleared:
        return tr("Not cleared")
    if judged_on is not None and (soonest := _soonest_expiry(volunteer)) is not None:
        return tr("Valid? · expires {date}").format(date=day_text(soonest))
    expiring = volunteer.expiring
    if expiring:
        soonest = min(c.expires_on for c in expiring if c.expires_on)
        return tr("Cleared · expires {date}").format(date=day_text(soonest))
    return tr("Cleared")


def _soonest_expiry(volunteer: VolunteerInfo) -> dt.date | None:
    """When the first of a volunteer's required clearances expires (None: none does)."""
    days = [c.expires_on for c in volunteer.clearances if c.required and c.expires_on]
    return min(days, default=None)


def clearance_tip(entry: ShiftEntry, judged_on: dt.date | None = None) -> str | None:
    """What the clearance column's tooltip says: what is missing or expired, or why its
    date is to be checked."""
    volunteer = entry.volunteer
    if not volunteer.cleared:
        return "\n".join(volunteer.problems)
    if judged_on is not None and (soonest := _soonest_expiry(volunteer)) is not None:
        return tr(
            "This computer's date is wrong, so Harmony cannot tell whether this clearance "
            "is still valid. It was valid on {recorded}, the newest day this register "
            "recorded, and expires on {date}."
        ).format(recorded=day_text(judged_on), date=day_text(soonest))
    return None


class ShiftColumn(IntEnum):
    """Columns of the volunteer panel."""

    VOLUNTEER = 0
    CLEARANCE = 1
    STATUS = 2
    SIGN_IN = 3
    SIGN_OUT = 4
    HOURS = 5


class VolunteerShiftModel(QAbstractTableModel):
    """The volunteers of a session and their shifts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[ShiftEntry] = []
        #: the clearances were judged on this day, not the session's (its date is
        #: this computer's, certainly wrong); None: on the session's day
        self.judged_on: dt.date | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ShiftColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (tr("Volunteer"), tr("Clearance"), tr("Status"), tr("In"), tr("Out"), tr("Hours"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        shift = entry.shift
        # Loaded with the services, after the window's first paint (no rows before).
        from harmony_desktop.services.volunteers import role_label, shift_label

        if role == Qt.ItemDataRole.DisplayRole:
            if column == ShiftColumn.VOLUNTEER:
                star = " ★" if entry.assigned_here else ""
                return f"{entry.volunteer.display_name}{star}"
            if column == ShiftColumn.CLEARANCE:
                return clearance_text(entry, self.judged_on)
            if column == ShiftColumn.STATUS:
                text = shift_label(shift.status)
                return f"{text} ✓ {shift.confirmed_by}" if shift.confirmed_by else text
            if column == ShiftColumn.SIGN_IN:
                return time_text(shift.sign_in) if shift.sign_in else ""
            if column == ShiftColumn.SIGN_OUT:
                return time_text(shift.sign_out) if shift.sign_out else ""
            if column == ShiftColumn.HOURS:
                return f"{shift.hours:.2f}" if shift.hours else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == ShiftColumn.CLEARANCE:
                # (whole, when a narrow column elides it)
                return clearance_tip(entry, self.judged_on) or clearance_text(entry, self.judged_on)
            if column == ShiftColumn.STATUS and shift.confirmed_by:
                return tr("Confirmed by site lead {name}").format(name=shift.confirmed_by)
            if column == ShiftColumn.VOLUNTEER:
                return role_label(entry.volunteer.role)
        elif role == Qt.ItemDataRole.ForegroundRole and column == ShiftColumn.CLEARANCE:
            if not entry.volunteer.cleared:
                return QBrush(NOT_CLEARED)
            checked = self.judged_on is not None and _soonest_expiry(entry.volunteer)
            return QBrush(EXPIRING if entry.volunteer.expiring or checked else CLEARED)
        elif role == Qt.ItemDataRole.FontRole and column == ShiftColumn.CLEARANCE:
            if not entry.volunteer.cleared:
                font = QFont()
                font.setBold(True)
                return font
        elif role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def set_entries(self, entries: list[ShiftEntry], judged_on: dt.date | None = None) -> None:
        """Show these volunteers (their clearances judged on ``judged_on``: see
        :attr:`judged_on`)."""
        self.beginResetModel()
        self._entries = list(entries)
        self.judged_on = judged_on
        self.endResetModel()

    def entry(self, row: int) -> ShiftEntry:
        """The volunteer on ``row``."""
        return self._entries[row]

    def row_of(self, volunteer_id: str) -> int:
        """The row of ``volunteer_id``, or -1."""
        for row, entry in enumerate(self._entries):
            if entry.volunteer.id == volunteer_id:
                return row
        return -1

    def update_shift(self, volunteer_id: str, shift: ShiftState) -> None:
        """Show a volunteer's new shift."""
        row = self.row_of(volunteer_id)
        if row < 0:
            return
        self._entries[row] = replace(self._entries[row], shift=shift)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(ShiftColumn) - 1))

    def total_hours(self) -> float:
        """Hours of every attended shift shown (signed in and out: those still here
        have none yet)."""
        return sum(e.shift.hours for e in self._entries)

    def here_count(self) -> int:
        """Volunteers signed in at this session and not signed out."""
        return sum(
            1
            for e in self._entries
            if e.shift.status == ShiftStatus.ATTENDED and e.shift.sign_out is None
        )

    def left_count(self) -> int:
        """Volunteers who signed in and out at this session."""
        return sum(
            1
            for e in self._entries
            if e.shift.status == ShiftStatus.ATTENDED and e.shift.sign_out is not None
        )


class _ElideMiddle(QStyledItemDelegate):
    """A clearance too long for its column keeps its start and its date
    ("Cleared…30 Sep 2026"); the tooltip has it whole."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class VolunteerShiftView(KeyedTableView):
    """The volunteer table: arrows or j/k move, one key acts on the current volunteer.

    Its columns fit its width: on a narrow window (a 1024×600 netbook) the volunteer's
    name, clearance and status give up room, down to ``least``, rather than the hours
    going off to the right behind a sideways scroll bar."""

    focus_column = ShiftColumn.STATUS
    #: each column's width with room to spare, and the least the first three shrink to
    widths: tuple[int, ...] = ()
    least: tuple[int, ...] = ()

    def fit_columns(self) -> None:
        """Share the table's width out among the columns (see the class)."""
        if not self.widths:
            return
        room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        excess = sum(self.widths) - room
        slack = [w - m for w, m in zip(self.widths, self.least, strict=True)]
        give = sum(slack)
        header = self.horizontalHeader()
        for column, width in enumerate(self.widths):
            if excess > 0 and give > 0:
                width -= min(slack[column], excess * slack[column] // give + 1)
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    actionRequested = Signal(str)
    """A key asked for an action on the current volunteer (see ``KEYS``; "clear")."""

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home/End go to the first/last row (see :func:`row_end`)."""
        end = row_end(self, cursorAction)
        return end if end is not None else super().moveCursor(cursorAction, modifiers)

    def plain_key(self, text: str, key: int) -> bool:
        """An action key acts on the current volunteer; Delete or Backspace clears."""
        if text in KEYS:
            self.actionRequested.emit(KEYS[text])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.actionRequested.emit("clear")
        else:
            return False
        return True


class ConfirmAssignmentDialog(QDialog):
    """A volunteer who is not cleared: a site lead confirms, or nobody is assigned."""

    def __init__(
        self,
        name: str,
        problems: list[str],
        leads: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Volunteer not cleared"))
        self.setAccessibleName(tr("Confirm a volunteer who is not cleared"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("<b>{name} is not cleared</b> to work with children:").format(name=name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.problems = QLabel("<br>".join(f"• {p}" for p in problems))
        self.problems.setAccessibleName(tr("What is missing or expired"))
        self.problems.setStyleSheet(f"color: {NOT_CLEARED.name()}; font-weight: bold")
        layout.addWidget(self.problems)
        layout.addWidget(
            QLabel(tr("A site lead must confirm before they are assigned. This is recorded."))
        )
        form = QFormLayout()
        self.lead = QComboBox()
        self.lead.setAccessibleName(tr("Site lead confirming"))
        for staff_id, staff_name in leads:
            self.lead.addItem(staff_name, staff_id)
        form.addRow(tr("Site lead:"), self.lead)
        layout.addLayout(form)
        if not leads:
            missing = QLabel(
                tr("No site lead is set up for this hub; one must be added before confirming.")
            )
            missing.setWordWrap(True)
            layout.addWidget(missing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = buttons.addButton(
            tr("Confirm and assign"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm_button.setEnabled(bool(leads))
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.lead.setFocus()

    def lead_id(self) -> str | None:
        """The site lead chosen."""
        value = self.lead.currentData()
        return str(value) if value else None


class ShiftTimesDialog(QDialog):
    """Correct when a volunteer signed in and out."""

    def __init__(
        self, name: str, sign_in: dt.time, sign_out: dt.time | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Times of {name}").format(name=name))
        form = QFormLayout(self)
        # Typed as people type times ("4pm", "16:30"), shown as the window writes them.
        self.sign_in = TimeField()
        self.sign_in.setTime(QTime(sign_in.hour, sign_in.minute))
        self.sign_in.setAccessibleName(tr("Signed in at"))
        out = sign_out or sign_in
        self.sign_out = TimeField()
        self.sign_out.setTime(QTime(out.hour, out.minute))
        self.sign_out.setAccessibleName(tr("Signed out at"))
        form.addRow(tr("Signed in:"), self.sign_in)
        form.addRow(tr("Signed out:"), self.sign_out)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setAccessibleName(tr("Error"))
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        form.addRow(buttons)
        self.sign_in.setFocus()

    def accept(self) -> None:
        """Close once both times read as times and the sign-out is not before the
        sign-in; otherwise say what is wrong and stay open."""
        for field in (self.sign_in, self.sign_out):
            refused = field.refusal()
            if refused:
                self._refuse(refused, field)
                return
        start, end = self.times()
        if end < start:
            self._refuse(tr("Signing out must come after signing in."), self.sign_out)
            return
        super().accept()

    def _refuse(self, problem: str, field: TimeField) -> None:
        self.error.setText(problem)
        self.error.show()
        grow_to_contents(self)  # the message whole, not cut by the dialog's edge
        field.setFocus()
        field.selectAll()

    def times(self) -> tuple[dt.time, dt.time]:
        """(signed in, signed out)."""
        a, b = self.sign_in.time(), self.sign_out.time()
        return dt.time(a.hour(), a.minute()), dt.time(b.hour(), b.minute())


#: Qt's QWIDGETSIZE_MAX (PySide6 does not export it): no maximum size.
_NO_LIMIT = (1 << 24) - 1


class VolunteerShiftPanel(QWidget):
    """The volunteers of the open session, signed in and out with one key."""

    shiftSaved = Signal(str, str)
    """A shift was stored: (volunteer id, status; "" when taken off the session)."""
    loaded = Signal()
    """The volunteers of the session are on screen."""
    roomWanted = Signal(int)
    """The panel folded (no volunteers, or hidden with its "Hide" button: its heading's
    height) or unfolded (two rows' height): the height it wants."""

    def __init__(
        self,
        services: Services,
        hub_id: str,
        tasks: TaskManager,
        staff: Callable[[], str | None],
        clock: Callable[[], dt.time],
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        wrong_day: WrongDayQuestion | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub_id = hub_id
        self.tasks = tasks
        self.staff = staff
        self.clock = clock
        # a session before today has nobody "here now": those not signed out are said so
        self.today = today or dt.date.today()
        #: the register's question before a write on this computer's wrong "today"
        self.wrong_day = wrong_day
        self.session_id: str | None = None
        self.session_day: dt.date | None = None
        #: the open session's start and end (None: not known, the clock's time is taken)
        self.session_hours: tuple[dt.time, dt.time] | None = None
        #: the open session as listed while it is not stored (None: stored); a shift
        #: written stores it first
        self.planned: SessionInfo | None = None
        self.active_dialog: QDialog | None = None
        self._generation = 0
        self.setAccessibleName(tr("Volunteers at this session"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 0, 0)
        self._layout = layout
        head = QHBoxLayout()
        self.title = QLabel(tr("&Volunteers"))
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        # Hides the table for more roll rows (kept per laptop); shows it again.
        self.toggle = QToolButton()
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.clicked.connect(self._toggle_clicked)
        self.toggle.hide()
        #: the laptop's choice to hide the table (read when volunteers first show)
        self._hidden: bool | None = None
        #: folded for the roll's sake on a short screen (not kept: Show unfolds it)
        self._short = False
        self._chosen = False  # the teacher used Show or Hide: no folding for room
        self.summary = QLabel()
        self.summary.setAccessibleName(tr("Volunteer hours"))
        self.save_label = QLabel()
        self.save_label.setAccessibleName(tr("Volunteer save status"))
        head.addWidget(self.title)
        head.addSpacing(8)
        head.addWidget(self.toggle)
        head.addSpacing(12)
        head.addWidget(self.summary)
        head.addStretch(1)
        head.addWidget(self.save_label)
        layout.addLayout(head)
        self._head = head
        self.model = VolunteerShiftModel(self)
        self.view = VolunteerShiftView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Volunteers"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setAccessibleName(tr("Volunteer columns"))
        self.view.verticalHeader().setAccessibleName(tr("Volunteer rows"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Room for the longest clearance in the window's language ("Cleared · expires
        # 30 Sep 2026"); anything longer ends in "…" on its one line rather than
        # wrapping into a row too short for two.
        widths = (
            self.view.fontMetrics().horizontalAdvance(
                text.format(date=day_text(dt.date(2026, 9, 30)))
            )
            for text in (tr("Cleared · expires {date}"), tr("Valid? · expires {date}"))
        )
        clearance = max(200, *(w + 16 for w in widths))
        # The widest time in the language ("12:48 PM", "12:48 p.m.": 60 pixels cut the
        # Spanish "2:48 p.m." to "2:48 p.…"); the hours, last, fill the rest, from 60
        # pixels ("1.75"), not Qt's 100, or the Spanish columns scroll sideways.
        time = max(60, self.view.fontMetrics().horizontalAdvance(time_text(dt.time(12, 48))) + 12)
        # On a narrow window the name, the clearance (its middle elided: its start and
        # its date stay) and the status shrink; the times and the hours keep theirs.
        self.view.widths = (210, clearance, 160, time, time, 60)
        self.view.least = (120, 150, 110, time, time, 60)
        self.view.setItemDelegateForColumn(ShiftColumn.CLEARANCE, _ElideMiddle(self.view))
        self.view.fit_columns()
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.title.setBuddy(self.view)  # Alt+V goes to the volunteers
        self.view.actionRequested.connect(self.act)
        layout.addWidget(self.view, 1)
        self.keys_help = QLabel(
            tr(
                "Keys: I sign in · O sign out · S signed up · N no-show · C cancelled · "
                "Del off this session · T times · ★ assists this ensemble"
            )
        )
        self.keys_help.setStyleSheet("color: #555")
        self.keys_help.setAccessibleName(tr("Volunteer keys"))
        # One line at 1280 px; a narrow window (a netbook) wraps it rather than widening.
        self.keys_help.setWordWrap(True)
        layout.addWidget(self.keys_help)
        tasks.changed.connect(self._changed_elsewhere)
        self._fold(True, tr("Open a session to see its volunteers."))  # until one is open

    def height_for_rows(self, rows: int) -> int:
        """The panel's height that shows its heading, the table's header with ``rows``
        whole rows under it, and the keys' line."""
        layout = self._layout
        margins = layout.contentsMargins()
        view = self.view
        table = (
            view.horizontalHeader().sizeHint().height()
            + rows * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth()
        )
        heading = self._head.sizeHint().height()
        # (the keys' line wraps on a narrow window: its height at the panel's width)
        room = self.width() - margins.left() - margins.right()
        keys = self.keys_help.heightForWidth(room) if room > 0 else -1
        if keys < 0:
            keys = self.keys_help.fontMetrics().lineSpacing()
        return margins.top() + margins.bottom() + heading + table + keys + 2 * layout.spacing()

    # -- the session -------------------------------------------------------------------

    def show_session(
        self,
        session_id: str | None,
        day: dt.date | None = None,
        hours: tuple[dt.time, dt.time] | None = None,
        planned: SessionInfo | None = None,
    ) -> None:
        """Show the volunteers of ``session_id`` (None: no session open), on ``day``,
        from ``hours[0]`` to ``hours[1]`` (see :attr:`session_hours`); ``planned``: the
        session as listed, when it is not stored yet."""
        if session_id != self.session_id or hours is not None:
            self.session_hours = hours
        self.session_id = session_id
        self.session_day = day
        self.planned = planned if session_id is not None else None
        self._generation += 1
        generation = self._generation
        self.set_save_text("")
        if session_id is None:
            self.model.set_entries([])
            self._fold(True, tr("Open a session to see its volunteers."))
            return
        # On this computer's wrong "today" the session's real day is not known: at least
        # the newest day the register recorded, so clearances are judged on that.
        not_before = self.judged_on()
        QueryOp(
            self.tasks,
            op=lambda s: s.volunteers.session_volunteers(
                session_id, not_before=not_before, planned=planned
            ),
            success=lambda entries: self._loaded(entries, generation, not_before),
            parent=self,
        ).failure(lambda exc: self.set_save_text(str(exc), error=True)).run_in_background()

    def reload(self) -> None:
        """Read the open session's volunteers again (the clock check changed the day
        their clearances are judged on)."""
        if self.session_id is not None:
            self.show_session(self.session_id, self.session_day, planned=self.planned)

    def judged_on(self) -> dt.date | None:
        """The day the open session's volunteers' clearances are judged on instead of
        its own: the day it is at least really on, when its date is this computer's
        certainly wrong "today" (None otherwise)."""
        return self.wrong_day.not_before(self.session_day) if self.wrong_day else None

    def day_shown(self, day: dt.date) -> None:
        """The register moved to ``day``: forget a session of another day."""
        if self.session_day is not None and day != self.session_day:
            self.show_session(None)

    def _loaded(
        self, entries: list[ShiftEntry], generation: int, judged_on: dt.date | None = None
    ) -> None:
        if generation != self._generation:
            return
        current = self.current_entry()
        self.model.set_entries(entries, judged_on)
        row = self.model.row_of(current.volunteer.id) if current else 0
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(max(row, 0), ShiftColumn.STATUS))
        self._update_summary()
        self._fold(not entries, tr("No volunteers at this hub: add them on the Volunteers tab."))
        self.loaded.emit()

    def _fold(self, empty: bool, why: str = "") -> None:
        """Nothing to show (no session open, or no volunteers at the hub: ``why`` says
        which), or the table hidden on this laptop: only the heading line, and the roll
        takes the room; volunteers again: the table and its keys come back with two
        rows."""
        if empty:
            self.summary.setText(why)
        self.toggle.setVisible(not empty)
        # Alt+V only while it leads somewhere: the table, or the button that shows it.
        title = tr("&Volunteers")
        self.title.setText(title.replace("&", "") if empty else title)
        folded = empty or self._hidden_here() or self._short
        self._show_toggle(folded)
        if folded == self.view.isHidden():
            return
        self.view.setVisible(not folded)
        self.keys_help.setVisible(not folded)
        if folded:
            margins = self._layout.contentsMargins()
            line = margins.top() + margins.bottom() + self._head.sizeHint().height()
            self.setMaximumHeight(line)
            self.roomWanted.emit(line)
        else:
            self.setMaximumHeight(_NO_LIMIT)
            self.roomWanted.emit(self.height_for_rows(2))

    def fold_for_room(self) -> bool:
        """A short screen (a 1024×600 netbook): only the heading line, so the roll keeps
        its rows; Show (Alt+V, Space) brings the table back. Not kept for next time.
        False when the teacher chose to see the table (it stays)."""
        if self._chosen and not self.view.isHidden():
            return False
        if self._short or self.view.isHidden():
            return True
        self._short = True
        self._fold(False)
        return True

    def _hidden_here(self) -> bool:
        """Whether the table is hidden on this laptop (its local setting)."""
        if self._hidden is None:
            self._hidden = self.services.store.settings.get(settings.REGISTER_VOLUNTEERS_HIDDEN)
        return self._hidden

    def _show_toggle(self, folded: bool) -> None:
        """The button says what it will do; Alt+V goes to it while the table is hidden
        (Space then shows it), else to the table."""
        if folded:
            self.toggle.setText(tr("Show"))
            self.toggle.setArrowType(Qt.ArrowType.RightArrow)
            name = tr("Show the volunteers")
        else:
            self.toggle.setText(tr("Hide"))
            self.toggle.setArrowType(Qt.ArrowType.DownArrow)
            name = tr("Hide the volunteers, for more rows of the roll")
        self.toggle.setAccessibleName(name)
        self.toggle.setToolTip(name)
        self.title.setBuddy(self.toggle if folded else self.view)

    def _toggle_clicked(self) -> None:
        """Hide or show the table, and keep the choice for this laptop."""
        hidden = not (self._hidden_here() or self._short)
        self._short = False  # shown on a short screen: the teacher chose the rows
        self._chosen = True
        self._hidden = hidden
        try:
            self.services.store.settings.set(settings.REGISTER_VOLUNTEERS_HIDDEN, hidden)
        except HarmonyError as exc:  # shown or hidden all the same, until the app closes
            self.set_save_text(str(exc), error=True)
        self._fold(False)
        if not hidden:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _changed_elsewhere(self, changes: Changes, initiator: object) -> None:
        if initiator is self or self.session_id is None:
            return
        if changes.volunteers or changes.sessions:
            self.show_session(self.session_id, self.session_day, planned=self.planned)

    def current_entry(self) -> ShiftEntry | None:
        """The volunteer on the current row."""
        index = self.view.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def go_to(self, volunteer_id: str) -> None:
        """Make ``volunteer_id``'s row current."""
        row = self.model.row_of(volunteer_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, ShiftColumn.STATUS))

    # -- acting -------------------------------------------------------------------------

    def act(self, action: str) -> None:
        """Do ``action`` (a key of ``KEYS`` or "clear") for the current volunteer."""
        entry = self.current_entry()
        if self.session_id is None or entry is None:
            return
        if self.wrong_day is not None and self.wrong_day.needed(self.session_day):
            # A shift dated this computer's wrong "today": asked once, as the roll is.
            if self.active_dialog is None:
                self.wrong_day.ask(self, self._open, lambda: self.act(action))
            return
        if action == "times":
            self._edit_times(entry)
            return
        if action in ("sign_in", "sign_out"):
            self._sign(entry, leaving=action == "sign_out")
            return
        self._write(entry, action, None)

    def _sign(self, entry: ShiftEntry, *, leaving: bool) -> None:
        """Sign in or out: at the clock's time while the session is on (one key);
        otherwise asked, offering the session's start (in) or end (out). A sign-out is
        refused for a volunteer not signed in, or at a time before they signed in."""
        name = entry.volunteer.display_name
        shift = entry.shift
        arrived = shift.sign_in if shift.status == ShiftStatus.ATTENDED else None
        action = "sign_out" if leaving else "sign_in"
        if leaving and arrived is None:
            self.set_save_text(
                tr("{name} has not signed in: sign them in first (key I).").format(name=name),
                error=True,
            )
            return
        now = self.clock().replace(second=0, microsecond=0)
        hours = self.session_hours
        if hours is None or (self.session_day == self.today and hours[0] <= now <= hours[1]):
            if leaving and arrived is not None and now < arrived:
                self.set_save_text(
                    tr(
                        "{name} signed in at {time}: they cannot sign out before that. "
                        "Correct the times with T."
                    ).format(name=name, time=time_text(arrived)),
                    error=True,
                )
                return
            self._write(entry, action, None, at=now)
            return
        start, end = hours
        # what is recorded, else the session's start (in) or end (out); never a sign-out
        # before the arrival, which the dialog would refuse at once
        default = max(shift.sign_out or end, arrived or end) if leaving else arrived or start
        dialog = VolunteerTimeDialog(
            name, leaving=leaving, default=default, session=hours, parent=self, arrived=arrived
        )
        dialog.on_submit = lambda: self._write(entry, action, None, at=dialog.time())
        self._open(dialog)

    def _write(
        self,
        entry: ShiftEntry,
        action: str,
        confirmed_by: str | None,
        *,
        at: dt.time | None = None,
    ) -> str | None:
        """Store ``action`` for ``entry`` (signing in or out ``at``, else at the clock's
        time); what could not be stored, said beside the heading too (None: stored, or
        a site lead's confirmation is asked first)."""
        assert self.session_id is not None
        session_id, volunteer_id = self.session_id, entry.volunteer.id
        volunteers = self.services.volunteers
        from harmony_desktop.services.volunteers import NeedsConfirmation, ShiftState

        try:
            if action == "clear":
                volunteers.clear_shift(session_id, volunteer_id)
                state = ShiftState()
            elif action == "sign_in":
                state = volunteers.sign_in(
                    session_id, volunteer_id, by=self.staff(), at=at or self.clock(),
                    confirmed_by=confirmed_by, not_before=self.model.judged_on,
                    planned=self.planned,
                )  # fmt: skip
            elif action == "sign_out":
                state = volunteers.sign_out(
                    session_id, volunteer_id, by=self.staff(), at=at or self.clock()
                )
            else:
                state = volunteers.set_shift(
                    session_id, volunteer_id, ShiftStatus(action), by=self.staff(),
                    confirmed_by=confirmed_by, not_before=self.model.judged_on,
                    planned=self.planned,
                )  # fmt: skip
        except NeedsConfirmation as exc:
            problems = exc.problems
            if self.active_dialog is None:
                self._confirm(entry, action, problems, at)
            else:  # asked once the time's dialog has closed
                QTimer.singleShot(0, lambda: self._confirm(entry, action, problems, at))
            return None
        except HarmonyError as exc:
            self.set_save_text(str(exc), error=True)
            return str(exc)
        self._stored(volunteer_id, state, advance=action != "clear")
        return None

    def _stored(self, volunteer_id: str, state: ShiftState, *, advance: bool) -> None:
        row = self.model.row_of(volunteer_id)
        self.model.update_shift(volunteer_id, state)
        self._update_summary()
        self.set_save_text(saved_text(dt.datetime.now().time()))
        self.tasks.notify(Changes(volunteers=True), self)
        self.shiftSaved.emit(volunteer_id, state.status or "")
        if advance and row == self.view.currentIndex().row():
            self.view.step_row(1)

    def _confirm(
        self, entry: ShiftEntry, action: str, problems: list[str], at: dt.time | None = None
    ) -> None:
        staff = [s for s in self.services.hubs.staff_for_hub(self.hub_id) if s.role == "site_lead"]
        leads = [(s.id, label) for s, label in zip(staff, people_labels(staff), strict=True)]
        dialog = ConfirmAssignmentDialog(entry.volunteer.display_name, problems, leads, self)

        def confirmed() -> None:
            lead = dialog.lead_id()
            if lead is not None:
                self._write(entry, action, lead, at=at)

        dialog.accepted.connect(confirmed)
        self._open(dialog)

    def _edit_times(self, entry: ShiftEntry) -> None:
        if entry.shift.status != ShiftStatus.ATTENDED or entry.shift.sign_in is None:
            self.set_save_text(tr("Sign the volunteer in first (key I)."), error=True)
            return
        dialog = ShiftTimesDialog(
            entry.volunteer.display_name, entry.shift.sign_in, entry.shift.sign_out, self
        )

        def save() -> None:
            assert self.session_id is not None
            start, end = dialog.times()
            try:
                state = self.services.volunteers.set_shift(
                    self.session_id, entry.volunteer.id, ShiftStatus.ATTENDED,
                    by=self.staff(), sign_in=start, sign_out=end,
                )  # fmt: skip
            except HarmonyError as exc:
                self.set_save_text(str(exc), error=True)
                return
            self._stored(entry.volunteer.id, state, advance=False)

        dialog.accepted.connect(save)
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()
        if self.active_dialog is None:  # (not from a dialog opened meanwhile)
            self.view.setFocus()

    # -- showing --------------------------------------------------------------------------

    def _update_summary(self) -> None:
        """Who is here now (signed in, not out), who has signed out, and their hours:
        the hours that count, as the volunteers report counts them."""
        past = self.session_day is not None and self.session_day < self.today
        text = (
            tr("{here} did not sign out · {left} signed out ({hours:.2f} h)")
            if past
            else tr("{here} here now · {left} signed out ({hours:.2f} h)")
        )
        self.summary.setText(
            text.format(
                here=self.model.here_count(),
                left=self.model.left_count(),
                hours=self.model.total_hours(),
            )
        )

    def set_save_text(self, text: str, *, error: bool = False) -> None:
        """Say what happened to the last write."""
        self.save_label.setText(text)
        self.save_label.setStyleSheet(
            f"color: {NOT_CLEARED.name() if error else CLEARED.name()}; font-weight: bold"
        )
