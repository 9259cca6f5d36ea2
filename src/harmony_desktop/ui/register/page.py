"""The register page: a day's sessions on the left, the roll of one session on the right.

Marks are written synchronously on the UI thread: one write is a few milliseconds
(``bench/bench_roll_ui.py`` measures key press → stored → repainted), so the teacher's
"Saved" is true the moment it shows. Loading a day (schedules, counts, missing rolls over
four weeks) goes through the window's :class:`~harmony_desktop.ui.worker.DatabaseWorker`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.context import Services
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.services.roll import MarkState, RollEntry
from harmony_desktop.services.sessions import RollState, SessionInfo
from harmony_desktop.store import settings
from harmony_desktop.ui.register.codes import CodeInfo, assign_keys
from harmony_desktop.ui.register.delegates import CodeDelegate
from harmony_desktop.ui.register.dialogs import (
    AdHocDialog,
    ArrivalDialog,
    CancelDialog,
    DepartureDialog,
    NoteDialog,
)
from harmony_desktop.ui.register.models import (
    RollColumn,
    RollOrder,
    RollTableModel,
    SessionColumn,
    SessionsModel,
    is_missing_roll,
)
from harmony_desktop.ui.worker import DatabaseWorker

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    """Translate a register string (context ``Register``)."""
    return QCoreApplication.translate("Register", text)


def _now() -> dt.time:
    return dt.datetime.now().time().replace(second=0, microsecond=0)


@dataclass(frozen=True)
class DayView:
    """What the worker loads for one day."""

    day: dt.date
    sessions: list[SessionInfo]
    missing: list[SessionInfo]


class RollView(QTableView):
    """The roll table: arrows or j/k move, a code key marks and advances."""

    markKeyPressed = Signal(str)
    """A code key was pressed on the current row: the attendance code."""
    clearKeyPressed = Signal()
    """Delete or Backspace: set the current student back to not recorded."""
    noteKeyPressed = Signal()
    """N: add or edit a note on the current student's mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: dict[str, str] = {}

    def set_codes(self, codes: list[CodeInfo]) -> None:
        """Letters and digits that mark."""
        self._keys = {}
        for c in codes:
            if c.key:
                self._keys[c.key] = c.code
            if c.digit:
                self._keys[c.digit] = c.code

    def step_row(self, step: int) -> None:
        """Move the current row by ``step`` (clamped)."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        row = self.currentIndex().row()
        row = 0 if row < 0 else max(0, min(model.rowCount() - 1, row + step))
        self.setCurrentIndex(model.index(row, RollColumn.MARK))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Marking keys first; everything else (arrows, Page Up/Down…) as usual."""
        mods = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        text = event.text().upper()
        if mods == Qt.KeyboardModifier.NoModifier and text:
            if text == "J":
                self.step_row(1)
                return
            if text == "K":
                self.step_row(-1)
                return
            if text in self._keys:
                self.markKeyPressed.emit(self._keys[text])
                return
            if text == "N":
                self.noteKeyPressed.emit()
                return
        if mods == Qt.KeyboardModifier.NoModifier and event.key() in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
        ):
            self.clearKeyPressed.emit()
            return
        super().keyPressEvent(event)


class _MarkCommand(QUndoCommand):
    """Undoable change of one or more marks: (student id, before, after) triples."""

    def __init__(
        self,
        page: RegisterPage,
        session_id: str,
        changes: list[tuple[str, MarkState, MarkState]],
        text: str,
    ) -> None:
        super().__init__(text)
        self._page = page
        self._session_id = session_id
        self._changes = changes
        self._done = True  # pushed after the write already happened

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._page._write_states(self._session_id, [(s, after) for s, _b, after in self._changes])

    def undo(self) -> None:
        self._page._write_states(
            self._session_id, [(s, before) for s, before, _a in reversed(self._changes)]
        )


class RegisterPage(QWidget):
    """Take roll: pick a day and a session, mark every student, fix past rolls."""

    markSaved = Signal(str, str)
    """A mark was stored: (student id, code; "" when set back to not recorded)."""
    changed = Signal()
    """Something was written to the store (mark, note, cancel, ad-hoc session)."""
    dayLoaded = Signal()
    """The sessions of the chosen day are on screen."""
    dayChanged = Signal(object)
    """The day shown changed: the new ``datetime.date``."""
    rollOpened = Signal(str)
    """The roll of a session is on screen: its id."""

    def __init__(
        self,
        services: Services,
        hub_id: str,
        worker: DatabaseWorker,
        *,
        today: dt.date | None = None,
        clock: Callable[[], dt.time] = _now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub_id = hub_id
        self.worker = worker
        self.today = today or dt.date.today()
        self.clock = clock
        self.directory = HubDirectory(services.store)
        self.codes = assign_keys(
            [
                (c.code, c.label, c.counts_present, c.tardy, c.early_departure, c.excused)
                for c in services.roll.codes()
            ]
        )
        self._code_info = {c.code: c for c in self.codes}
        self.day = self.today
        self.session: SessionInfo | None = None
        self.missing: list[SessionInfo] = []
        self._load_generation = 0
        self._select_after_load: str | None = None
        self.undo_stack = QUndoStack(self)
        self.active_dialog: QWidget | None = None
        self.roll_ready = False
        self._opening: str | None = None
        self.setAccessibleName(tr("Register"))
        self._build()
        self._load_staff()
        self.load_day(self.today)

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)

        # Day and teacher bar.
        bar = QHBoxLayout()
        self.prev_day_button = self._button(tr("◀ Previous day"), tr("Previous day"))
        self.prev_day_button.clicked.connect(lambda: self.set_day(self.day - dt.timedelta(days=1)))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName(tr("Date"))
        self.date_edit.setMinimumWidth(150)
        self.date_edit.dateChanged.connect(self._date_edited)
        self.next_day_button = self._button(tr("Next day ▶"), tr("Next day"))
        self.next_day_button.clicked.connect(lambda: self.set_day(self.day + dt.timedelta(days=1)))
        self.today_button = self._button(tr("Today"), tr("Go to today"))
        self.today_button.clicked.connect(lambda: self.set_day(self.today))
        teacher_label = QLabel(tr("Teacher:"))
        self.staff_box = QComboBox()
        self.staff_box.setAccessibleName(tr("Teacher taking roll"))
        self.staff_box.setMinimumWidth(180)
        teacher_label.setBuddy(self.staff_box)
        self.staff_box.currentIndexChanged.connect(self._staff_changed)
        self.add_session_button = self._button(tr("Add session…"), tr("Add an ad-hoc session"))
        self.add_session_button.clicked.connect(self.add_ad_hoc)
        self.cancel_button = self._button(tr("Cancel session…"), tr("Cancel this session"))
        self.cancel_button.clicked.connect(self.cancel_session)
        for w in (self.prev_day_button, self.date_edit, self.next_day_button, self.today_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        bar.addWidget(teacher_label)
        bar.addWidget(self.staff_box)
        bar.addStretch(1)
        bar.addWidget(self.add_session_button)
        bar.addWidget(self.cancel_button)
        layout.addLayout(bar)

        # Missing-roll flag: links straight to each session.
        self.missing_banner = QFrame()
        self.missing_banner.setObjectName("missingBanner")
        self.missing_banner.setStyleSheet(
            "QFrame#missingBanner { background: #fdecea; border: 1px solid #e6a19a;"
            " border-radius: 6px; }"
        )
        banner = QHBoxLayout(self.missing_banner)
        banner.setContentsMargins(8, 4, 8, 4)
        self.missing_label = QLabel()
        self.missing_label.setTextFormat(Qt.TextFormat.RichText)
        self.missing_label.setWordWrap(True)
        self.missing_label.setAccessibleName(tr("Sessions missing roll"))
        self.missing_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.missing_label.linkActivated.connect(self.open_session_by_id)
        self.missing_button = self._button(
            tr("Open oldest missing roll"), tr("Open oldest missing roll")
        )
        self.missing_button.clicked.connect(self.open_oldest_missing)
        banner.addWidget(self.missing_label, 1)
        banner.addWidget(self.missing_button)
        self.missing_banner.hide()
        layout.addWidget(self.missing_banner)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        # Sessions of the day.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.day_title = QLabel()
        self.day_title.setAccessibleName(tr("Day shown"))
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.day_title.setFont(title_font)
        left_layout.addWidget(self.day_title)
        self.sessions_model = SessionsModel(self.today, self)
        self.sessions_view = QTableView()
        self.sessions_view.setAccessibleName(tr("Sessions of the day"))
        self.sessions_view.setModel(self.sessions_model)
        self.sessions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions_view.verticalHeader().hide()
        self.sessions_view.verticalHeader().setDefaultSectionSize(40)
        self.sessions_view.setWordWrap(False)
        header = self.sessions_view.horizontalHeader()
        header.setAccessibleName(tr("Session columns"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SessionColumn.SESSION, QHeaderView.ResizeMode.Stretch)
        self.sessions_view.selectionModel().selectionChanged.connect(self._session_selected)
        self.sessions_view.activated.connect(self._session_activated)
        left_layout.addWidget(self.sessions_view, 1)
        self.no_sessions_label = QLabel(tr("No sessions on this day."))
        self.no_sessions_label.setAccessibleName(tr("No sessions on this day."))
        self.no_sessions_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_sessions_label.hide()
        left_layout.addWidget(self.no_sessions_label)
        splitter.addWidget(left)

        # The roll.
        self.roll_stack = QStackedWidget()
        self.placeholder = QLabel(
            tr(
                "Choose a session to take roll.\n\n"
                "Keyboard: ↑/↓ choose a session, Enter goes to its roll."
            )
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setAccessibleName(tr("No session chosen"))
        self.roll_stack.addWidget(self.placeholder)
        self.roll_stack.addWidget(self._build_roll_panel())
        splitter.addWidget(self.roll_stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 880])

        for standard, extra, slot in (
            (QKeySequence.StandardKey.Undo, "Ctrl+Z", self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, "Ctrl+Y", self.undo_stack.redo),
        ):
            keys: list[QKeySequence] = []
            for seq in [*QKeySequence.keyBindings(standard), QKeySequence(extra)]:
                if not seq.isEmpty() and seq not in keys:
                    keys.append(seq)
            shortcut = QShortcut(self)
            shortcut.setKeys(keys)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_actions()

    def _build_roll_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 0, 0, 0)

        head = QHBoxLayout()
        self.session_title = QLabel()
        self.session_title.setAccessibleName(tr("Session"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.session_title.setFont(font)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(tr("Roll progress"))
        self.save_label = QLabel()
        self.save_label.setAccessibleName(tr("Save status"))
        self.save_label.setObjectName("saveLabel")
        self.save_label.setStyleSheet(_SAVED_STYLE)
        # Fixed room for changing texts, so a new "Saved at" never relayouts the panel.
        self.save_label.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("✓ Saved at 00:00:00") + 16
        )
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.progress_label.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("000 of 000 marked · 000 not recorded") + 8
        )
        self._save_error = False
        head.addWidget(self.session_title)
        head.addSpacing(12)
        head.addWidget(self.progress_label)
        head.addStretch(1)
        head.addWidget(self.save_label)
        layout.addLayout(head)

        self.past_label = QLabel(
            tr("Correcting a past roll: every change is recorded with your name and the time.")
        )
        self.past_label.setAccessibleName(tr("Past roll notice"))
        self.past_label.setStyleSheet("color: #8a4b00")
        self.past_label.setWordWrap(True)
        layout.addWidget(self.past_label)

        # Cancelled sessions show why, and how to restore them.
        self.cancelled_box = QFrame()
        cancelled = QHBoxLayout(self.cancelled_box)
        cancelled.setContentsMargins(0, 0, 0, 0)
        self.cancelled_label = QLabel()
        self.cancelled_label.setAccessibleName(tr("Cancellation"))
        self.cancelled_label.setWordWrap(True)
        self.restore_button = self._button(tr("Restore session"), tr("Restore cancelled session"))
        self.restore_button.clicked.connect(self.restore_session)
        cancelled.addWidget(self.cancelled_label, 1)
        cancelled.addWidget(self.restore_button)
        layout.addWidget(self.cancelled_box)

        # One button per code, with its key.
        codes_row = QHBoxLayout()
        self.code_buttons: dict[str, QPushButton] = {}
        for info in self.codes:
            text = f"{info.code}  {info.label}  [{info.key}]" if info.key else info.code
            button = self._button(text, tr("Mark {label}").format(label=info.label))
            button.setToolTip(
                tr("Mark the chosen student {label} (key {key} or {digit})").format(
                    label=info.label, key=info.key, digit=info.digit
                )
            )
            colour = info.colour.name()
            button.setStyleSheet(
                f"QPushButton {{ background: {colour}; border: 1px solid #888;"
                " border-radius: 5px; padding: 6px 8px; color: #111; }"
                " QPushButton:disabled { background: #eee; color: #999; }"
            )
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep focus on the roll
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, code=info.code: self.mark_current(code))
            codes_row.addWidget(button)
            self.code_buttons[info.code] = button
        layout.addLayout(codes_row)

        tools = QHBoxLayout()
        self.clear_button = self._button(tr("Not recorded [Del]"), tr("Set back to not recorded"))
        self.clear_button.clicked.connect(self.clear_current)
        self.note_button = self._button(tr("Note… [N]"), tr("Add a note"))
        self.note_button.clicked.connect(self.edit_note)
        self.all_present_button = self._button(
            tr("Mark all remaining present"), tr("Mark all remaining present")
        )
        self.all_present_button.clicked.connect(self.mark_remaining_present)
        self.undo_button = self._button(tr("Undo"), tr("Undo last change"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button = self._button(tr("Redo"), tr("Redo"))
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self._undo_state_changed)
        self.undo_stack.canRedoChanged.connect(self._undo_state_changed)
        for b in (self.clear_button, self.note_button, self.undo_button, self.redo_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        sort_label = QLabel(tr("Order:"))
        self.order_box = QComboBox()
        self.order_box.setAccessibleName(tr("Order of the roll"))
        self.order_box.addItem(tr("Last name"), RollOrder.LAST_NAME)
        self.order_box.addItem(tr("First name"), RollOrder.FIRST_NAME)
        self.order_box.currentIndexChanged.connect(self._order_changed)
        sort_label.setBuddy(self.order_box)
        for w in (self.clear_button, self.note_button, self.undo_button, self.redo_button):
            tools.addWidget(w)
        tools.addStretch(1)
        tools.addWidget(sort_label)
        tools.addWidget(self.order_box)
        tools.addSpacing(12)
        tools.addWidget(self.all_present_button)
        layout.addLayout(tools)

        self.roll_model = RollTableModel(self.codes, self)
        self.roll_view = RollView()
        self.roll_view.setAccessibleName(tr("Roll"))
        self.roll_view.set_codes(self.codes)
        self.roll_view.setModel(self.roll_model)
        self.roll_view.setItemDelegateForColumn(RollColumn.MARK, CodeDelegate(self.codes, self))
        self.roll_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roll_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roll_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roll_view.setAlternatingRowColors(True)
        self.roll_view.setWordWrap(False)
        roll_font = QFont(self.font())
        roll_font.setPointSizeF(roll_font.pointSizeF() * 1.2)
        self.roll_view.setFont(roll_font)
        self.roll_view.verticalHeader().setDefaultSectionSize(42)
        self.roll_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.roll_view.horizontalHeader()
        header.setAccessibleName(tr("Roll columns"))
        self.roll_view.verticalHeader().setAccessibleName(tr("Row numbers"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RollColumn.NOTE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(RollColumn.STUDENT, 210)
        header.resizeSection(RollColumn.MARK, 140)
        header.resizeSection(RollColumn.TIME, 120)
        header.resizeSection(RollColumn.GRADE, 60)
        header.resizeSection(RollColumn.ALERTS, 150)
        header.moveSection(RollColumn.GRADE, RollColumn.MARK)  # grade next to name
        self.roll_view.markKeyPressed.connect(self.mark_current)
        self.roll_view.clearKeyPressed.connect(self.clear_current)
        self.roll_view.noteKeyPressed.connect(self.edit_note)
        layout.addWidget(self.roll_view, 1)

        self.keys_help = QLabel(
            tr(
                "Keys: ↑/↓ or j/k move · {codes} mark and move on · Del not recorded · N note · Ctrl+Z undo"
            ).format(codes=" ".join(f"{c.key}={c.code}" for c in self.codes if c.key))
        )
        self.keys_help.setAccessibleName(tr("Keyboard help"))
        self.keys_help.setStyleSheet("color: #555")
        layout.addWidget(self.keys_help)
        return panel

    @staticmethod
    def _button(text: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        return button

    # -- staff ------------------------------------------------------------------------

    def _staff_key(self) -> str:
        return settings.register_staff(self.hub_id).key

    def _load_staff(self) -> None:
        staff = self.directory.staff_for_hub(self.hub_id)
        self.staff_box.blockSignals(True)
        self.staff_box.clear()
        for member in staff:
            self.staff_box.addItem(member.name, member.id)
        if not staff:
            self.staff_box.addItem(tr("(no staff set up)"), None)
        last = self.services.store.get_meta(self._staff_key())
        if last and (i := self.staff_box.findData(last)) >= 0:
            self.staff_box.setCurrentIndex(i)
        else:
            teachers = [i for i, m in enumerate(staff) if m.role == "teacher"]
            self.staff_box.setCurrentIndex(teachers[0] if teachers else 0)
        self.staff_box.blockSignals(False)

    def _staff_changed(self) -> None:
        staff_id = self.staff_box.currentData()
        if staff_id:
            self.services.store.set_meta(self._staff_key(), str(staff_id))

    @property
    def staff_id(self) -> str | None:
        """Who is taking roll (recorded on every mark)."""
        value = self.staff_box.currentData()
        return str(value) if value else None

    # -- days and sessions --------------------------------------------------------------

    def set_day(self, day: dt.date) -> None:
        """Show the sessions of ``day``."""
        if day != self.day or not self.sessions_model.rowCount():
            self.load_day(day)

    def _date_edited(self, value: QDate) -> None:
        day = dt.date(value.year(), value.month(), value.day())
        if day != self.day:
            self.load_day(day)

    def load_day(self, day: dt.date, *, select: str | None = None) -> None:
        """Load ``day`` on the worker; keep the open session if it is on that day."""
        self.day = day
        self._select_after_load = select or (self.session.id if self.session else None)
        self._load_generation += 1
        generation = self._load_generation
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.day_title.setText(self._day_text(day))
        self.dayChanged.emit(day)
        sessions, hub_id, today = self.services.sessions, self.hub_id, self.today

        def job() -> DayView:
            return DayView(
                day, sessions.for_day(hub_id, day), sessions.missing_rolls(hub_id, today)
            )

        self.worker.submit(job, lambda view: self._day_loaded(view, generation), self._load_failed)

    def reload_day(self) -> None:
        """Load the shown day again (after a cancel, restore or new session)."""
        self.load_day(self.day)

    def _day_text(self, day: dt.date) -> str:
        label = QDate(day.year, day.month, day.day).toString("dddd d MMMM yyyy")
        if day == self.today:
            return tr("Today, {date}").format(date=label)
        return label

    def _day_loaded(self, view: DayView, generation: int) -> None:
        if generation != self._load_generation:
            return  # the teacher moved on to another day meanwhile
        self.sessions_model.set_sessions(view.sessions, self.today)
        self.missing = view.missing
        self._show_missing()
        self.no_sessions_label.setVisible(not view.sessions)
        wanted = self._select_after_load
        self._select_after_load = None
        row = self.sessions_model.row_of(wanted) if wanted else -1
        if row >= 0:
            self._select_session_row(row)
            if self.session and self.session.id == wanted:
                self._refresh_session_header()
        else:
            self._show_session(None)
        self.dayLoaded.emit()

    def _load_failed(self, exc: Exception) -> None:
        self._set_save_text(tr("Could not load the day: {error}").format(error=exc), error=True)

    def _select_session_row(self, row: int) -> None:
        index = self.sessions_model.index(row, SessionColumn.SESSION)
        self.sessions_view.setCurrentIndex(index)
        self.sessions_view.scrollTo(index)

    def _session_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if not rows:
            return
        info = self.sessions_model.session(min(rows))
        if self.session is not None and self.session.id == info.id:
            self.session = info
            self._refresh_session_header()
            return
        self.open_session(info)

    def _session_activated(self, index: QModelIndex) -> None:
        """Enter or double-click on a session: open it and go to its roll."""
        if not index.isValid():
            return
        info = self.sessions_model.session(index.row())
        if self.session is None or self.session.id != info.id:
            self.sessions_view.selectRow(index.row())
        self.roll_view.setFocus()

    def open_session(self, info: SessionInfo) -> None:
        """Show the roll of ``info``: stored (if only scheduled) and read on the worker.

        Until it arrives the panel says so and no key marks anything, so a mark can never
        land on the previous session's roll.
        """
        self.undo_stack.clear()
        self.roll_ready = False
        self._opening = info.id
        self.roll_model.set_entries([])
        self._show_session(info)
        self.progress_label.setText(tr("Loading the roll…"))
        self._set_save_text("")
        sessions, roll = self.services.sessions, self.services.roll

        def job() -> tuple[SessionInfo, list[RollEntry]]:
            if info.state == RollState.CANCELLED:
                return info, roll.roll(info.id) if info.stored else []
            opened = sessions.open(info)
            return opened, roll.roll(opened.id)

        self.worker.submit(job, self._roll_loaded, self._roll_failed)

    def _roll_loaded(self, loaded: tuple[SessionInfo, list[RollEntry]]) -> None:
        info, entries = loaded
        if info.id != self._opening:
            return  # the teacher picked another session meanwhile
        self.roll_model.set_entries(entries)
        if info.state != RollState.CANCELLED:
            self.sessions_model.replace_session(info)
        self.roll_ready = True
        self._show_session(info)
        if self.roll_model.rowCount():
            row = self.roll_model.first_unrecorded()
            self.roll_view.setCurrentIndex(self.roll_model.index(max(row, 0), RollColumn.MARK))
        self.rollOpened.emit(info.id)

    def _roll_failed(self, exc: Exception) -> None:
        self._set_save_text(tr("Could not open the roll: {error}").format(error=exc), error=True)

    def open_session_by_id(self, session_id: str) -> None:
        """Open a session from the missing-roll flag: go to its day and select it."""
        for info in [*self.missing, *self.sessions_model.sessions()]:
            if info.id == session_id:
                self.session = None
                self.load_day(info.date, select=session_id)
                return

    def open_oldest_missing(self) -> None:
        """Go straight to the oldest past session still missing roll."""
        if self.missing:
            self.open_session_by_id(self.missing[0].id)

    def _show_session(self, info: SessionInfo | None) -> None:
        self.session = info
        self.roll_stack.setCurrentIndex(0 if info is None else 1)
        if info is None:
            self.roll_model.set_entries([])
        self._refresh_session_header()

    def _refresh_session_header(self) -> None:
        info = self.session
        self._update_actions()
        if info is None:
            return
        self.session_title.setText(f"{info.label}  {info.start:%H:%M}–{info.end:%H:%M}")
        cancelled = info.state == RollState.CANCELLED
        self.cancelled_box.setVisible(cancelled)
        self.cancelled_label.setText(
            "<b>" + tr("Cancelled") + "</b>: " + info.cancel_reason if cancelled else ""
        )
        self.past_label.setVisible(info.date < self.today and not cancelled)
        recorded = self.roll_model.recorded_count()
        total = self.roll_model.rowCount()
        if not self.roll_ready:
            self.progress_label.setText(tr("Loading the roll…"))
        elif cancelled:
            self.progress_label.setText(tr("Cancelled"))
        elif total and recorded == total:
            self.progress_label.setText(tr("Roll taken: all {total} marked").format(total=total))
        else:
            self.progress_label.setText(
                tr("{recorded} of {total} marked · {left} not recorded").format(
                    recorded=recorded, total=total, left=total - recorded
                )
            )

    def _show_missing(self) -> None:
        missing = [m for m in self.missing if is_missing_roll(m, self.today)]
        self.missing = missing
        self.missing_banner.setVisible(bool(missing))
        if not missing:
            return
        links = [
            f"<a href='{m.id}'>{QDate(m.date.year, m.date.month, m.date.day).toString('ddd d MMM')}"
            f" {m.start:%H:%M} · {_esc(m.label)}</a>"
            for m in missing[:4]
        ]
        more = len(missing) - len(links)
        text = tr("⚠ {count} past sessions are missing roll:").format(count=len(missing))
        if len(missing) == 1:
            text = tr("⚠ 1 past session is missing roll:")
        html = f"<b>{text}</b> " + ", ".join(links)
        if more > 0:
            html += " " + tr("and {count} more").format(count=more)
        self.missing_label.setText(html)

    # -- marking ----------------------------------------------------------------------

    def _current_row(self) -> int:
        index = self.roll_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _can_mark(self) -> bool:
        return (
            self.roll_ready
            and self.session is not None
            and self.session.state != RollState.CANCELLED
            and self.roll_model.rowCount() > 0
        )

    def mark_current(self, code: str) -> None:
        """Mark the current student ``code``; late and left early ask for a time first."""
        row = self._current_row()
        if not self._can_mark() or row < 0:
            return
        info = self._code_info.get(code)
        if info is None:
            return
        entry = self.roll_model.entry(row)
        if info.early_departure:
            try:
                pickup = self.services.roll.pickup_info(entry.student_id)
            except HarmonyError as exc:
                self._set_save_text(str(exc), error=True)
                return
            dialog = DepartureDialog(
                entry.display_name,
                info.label,
                entry.mark.departure_time or self.clock(),
                pickup,
                self,
                reason=entry.mark.reason,
            )
            dialog.accepted.connect(
                lambda: self._apply_mark(
                    entry.student_id,
                    code,
                    departure_time=dialog.departure(),
                    reason=dialog.reason(),
                )
            )
            self._open_dialog(dialog)
        elif info.tardy:
            dialog_a = ArrivalDialog(
                entry.display_name, info.label, entry.mark.arrival_time or self.clock(), self
            )
            dialog_a.accepted.connect(
                lambda: self._apply_mark(entry.student_id, code, arrival_time=dialog_a.arrival())
            )
            self._open_dialog(dialog_a)
        else:
            self._apply_mark(entry.student_id, code)

    def _open_dialog(self, dialog: QWidget) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()
        self.roll_view.setFocus()

    def _apply_mark(
        self,
        student_id: str,
        code: str,
        *,
        arrival_time: dt.time | None = None,
        departure_time: dt.time | None = None,
        reason: str | None = None,
    ) -> None:
        assert self.session is not None
        session_id = self.session.id
        row = self.roll_model.row_of(student_id)
        before = self.roll_model.entry(row).mark
        try:
            after = self.services.roll.mark(
                session_id,
                student_id,
                code,
                by=self.staff_id,
                arrival_time=arrival_time,
                departure_time=departure_time,
                reason=reason,
            )
        except HarmonyError as exc:
            self._set_save_text(str(exc), error=True)
            return
        self._stored(session_id, student_id, before, after, tr("Mark {code}").format(code=code))
        if row == self._current_row():
            self.roll_view.step_row(1)

    def clear_current(self) -> None:
        """Set the current student back to not recorded."""
        row = self._current_row()
        if not self._can_mark() or row < 0:
            return
        assert self.session is not None
        entry = self.roll_model.entry(row)
        if entry.mark.code is None:
            return
        try:
            after = self.services.roll.clear(self.session.id, entry.student_id, by=self.staff_id)
        except HarmonyError as exc:
            self._set_save_text(str(exc), error=True)
            return
        self._stored(self.session.id, entry.student_id, entry.mark, after, tr("Clear mark"))

    def edit_note(self) -> None:
        """Add or change the note on the current student's mark."""
        row = self._current_row()
        if not self._can_mark() or row < 0:
            return
        assert self.session is not None
        session_id = self.session.id
        entry = self.roll_model.entry(row)
        dialog = NoteDialog(entry.display_name, entry.mark.note, self)

        def save() -> None:
            try:
                after = self.services.roll.set_note(
                    session_id, entry.student_id, dialog.note(), by=self.staff_id
                )
            except HarmonyError as exc:
                self._set_save_text(str(exc), error=True)
                return
            current = self.roll_model.entry(self.roll_model.row_of(entry.student_id)).mark
            self._stored(session_id, entry.student_id, current, after, tr("Note"))

        dialog.accepted.connect(save)
        self._open_dialog(dialog)

    def mark_remaining_present(self) -> None:
        """Mark every student not yet recorded present, in one undoable step."""
        if not self._can_mark():
            return
        assert self.session is not None
        session_id = self.session.id
        before = {e.student_id: e.mark for e in self.roll_model.entries()}
        try:
            done = self.services.roll.mark_remaining_present(session_id, by=self.staff_id)
            entries = {e.student_id: e for e in self.services.roll.roll(session_id)}
        except HarmonyError as exc:
            self._set_save_text(str(exc), error=True)
            return
        changes = []
        for student_id in done:
            if student_id in entries and student_id in before:
                after = entries[student_id].mark
                changes.append((student_id, before[student_id], after))
                self.roll_model.update_mark(student_id, after)
        if changes:
            self.undo_stack.push(
                _MarkCommand(
                    self,
                    session_id,
                    changes,
                    tr("Mark {count} present").format(count=len(changes)),
                )
            )
        self._after_write()
        for student_id, _b, after in changes:
            self.markSaved.emit(student_id, after.code or "")

    def _stored(
        self, session_id: str, student_id: str, before: MarkState, after: MarkState, text: str
    ) -> None:
        self.roll_model.update_mark(student_id, after)
        if before != after:
            self.undo_stack.push(
                _MarkCommand(self, session_id, [(student_id, before, after)], text)
            )
        self._after_write()
        self.markSaved.emit(student_id, after.code or "")

    def _write_states(self, session_id: str, states: list[tuple[str, MarkState]]) -> None:
        """Undo/redo: write whole mark states back, all in one transaction."""
        try:
            stored = self.services.roll.set_states(session_id, states, by=self.staff_id)
        except HarmonyError as exc:
            self._set_save_text(str(exc), error=True)
            return
        written = [(student_id, state) for (student_id, _s), state in zip(states, stored, strict=True)]
        if self.session is not None and self.session.id == session_id:
            for student_id, state in written:
                self.roll_model.update_mark(student_id, state)
            row = self.roll_model.row_of(written[-1][0]) if written else -1
            if row >= 0:
                self.roll_view.setCurrentIndex(self.roll_model.index(row, RollColumn.MARK))
        self._after_write()
        for student_id, state in written:
            self.markSaved.emit(student_id, state.code or "")

    def _after_write(self) -> None:
        if self.session is not None:
            recorded = self.roll_model.recorded_count()
            self.sessions_model.set_recorded(self.session.id, recorded)
            row = self.sessions_model.row_of(self.session.id)
            if row >= 0:
                self.session = self.sessions_model.session(row)
            self._refresh_session_header()
        self._set_save_text(
            tr("✓ Saved at {time}").format(time=dt.datetime.now().strftime("%H:%M:%S"))
        )
        self.changed.emit()

    def _set_save_text(self, text: str, *, error: bool = False) -> None:
        self.save_label.setText(text)
        if error != self._save_error:  # restyling is slow: only when the state flips
            self._save_error = error
            self.save_label.setStyleSheet(_ERROR_STYLE if error else _SAVED_STYLE)

    def _order_changed(self) -> None:
        student = None
        row = self._current_row()
        if row >= 0:
            student = self.roll_model.entry(row).student_id
        self.roll_model.set_order(RollOrder(self.order_box.currentData()))
        if student is not None:
            new_row = self.roll_model.row_of(student)
            self.roll_view.setCurrentIndex(self.roll_model.index(new_row, RollColumn.MARK))

    def shutdown(self) -> None:
        """Drop the undo history (its commands refer to this page) before teardown."""
        self.undo_stack.clear()

    def _undo_state_changed(self, _can: bool) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        can_mark = self._can_mark()
        for button in self.code_buttons.values():
            button.setEnabled(can_mark)
        for button in (self.clear_button, self.note_button, self.all_present_button):
            button.setEnabled(can_mark)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())
        self.cancel_button.setEnabled(
            self.session is not None and self.session.state != RollState.CANCELLED
        )

    # -- cancel, restore, ad-hoc --------------------------------------------------------

    def cancel_session(self) -> None:
        """Ask why, then cancel the open session."""
        info = self.session
        if info is None or info.state == RollState.CANCELLED:
            return
        dialog = CancelDialog(info.label, self)

        def submit() -> str | None:
            try:
                self.services.sessions.cancel(info, dialog.reason())
            except HarmonyError as exc:
                return str(exc)
            return None

        dialog.on_submit = submit
        dialog.accepted.connect(lambda: self._after_session_change(info.id))
        self._open_dialog(dialog)

    def restore_session(self) -> None:
        """Undo the cancellation of the open session."""
        if self.session is None:
            return
        session_id = self.session.id
        try:
            self.services.sessions.uncancel(session_id)
        except HarmonyError as exc:
            self._set_save_text(str(exc), error=True)
            return
        self._after_session_change(session_id)

    def add_ad_hoc(self) -> None:
        """Add a rehearsal, performance or masterclass, then open it."""
        ensembles = self.directory.ensembles(self.hub_id)
        dialog = AdHocDialog(ensembles, self.day, self)
        created: list[tuple[str, dt.date]] = []

        def submit() -> str | None:
            values = dialog.values()
            try:
                sid = self.services.sessions.add_ad_hoc(
                    str(values["ensemble_id"]),
                    values["day"],  # type: ignore[arg-type]
                    values["start"],  # type: ignore[arg-type]
                    values["end"],  # type: ignore[arg-type]
                    kind=values["kind"],  # type: ignore[arg-type]
                    title=str(values["title"]),
                    on_site=bool(values["on_site"]),
                )
            except HarmonyError as exc:
                return str(exc)
            created.append((sid, values["day"]))  # type: ignore[arg-type]
            return None

        dialog.on_submit = submit

        def done() -> None:
            if created:
                sid, day = created[0]
                self.session = None
                self.changed.emit()
                self.load_day(day, select=sid)

        dialog.accepted.connect(done)
        self._open_dialog(dialog)

    def _after_session_change(self, session_id: str) -> None:
        self.session = None  # reopen it fresh after the reload
        self.changed.emit()
        self._set_save_text(
            tr("✓ Saved at {time}").format(time=dt.datetime.now().strftime("%H:%M:%S"))
        )
        self.load_day(self.day, select=session_id)


_SAVED_STYLE = "color: #1b6e20; font-weight: bold"
_ERROR_STYLE = "color: #b00020; font-weight: bold"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
