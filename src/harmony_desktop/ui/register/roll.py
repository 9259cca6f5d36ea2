"""The roll of one session: its header, a button per code, the tools and the table.

:class:`RollPanel` shows a roll and says what the teacher asked for (mark, clear, note,
mark all remaining present, restore a cancelled session); the register page does it.
:class:`RollView` is the table itself: arrows or j/k move, a code key marks and advances.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.sessions import RollState, SessionInfo
from harmony_desktop.ui.keyed_table import KeyedTableView
from harmony_desktop.ui.language import hours_text
from harmony_desktop.ui.narrow import FittingButton
from harmony_desktop.ui.register.codes import CodeInfo
from harmony_desktop.ui.register.delegates import CodeDelegate
from harmony_desktop.ui.register.models import (
    RollColumn,
    RollOrder,
    RollTableModel,
    saved_text,
    tr,
)
from harmony_desktop.ui.register.widgets import (
    button,
    fitting_button,
    heading,
    row_end,
    without_key,
)

if TYPE_CHECKING:
    from harmony_desktop.services.roll import RollEntry

#: "Mark all remaining present" from anywhere on the register page (main and keypad Enter)
ALL_PRESENT_KEYS = (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))


def all_present_keys_text() -> str:
    """How the roll names the "all remaining present" keys (as the keyboard labels them)."""
    return tr("Ctrl+Enter")


#: the roll's row height in pixels
ROW_HEIGHT = 38
# On a short window (a 1024×600 netbook's is 552 pixels tall, 1280×720's 672) the rows
# are this tall instead, so that about eight students are in sight rather than six
# (the mark's pill still taller than its words, with 3 pixels above and below)
SHORT_ROW_HEIGHT = 32
SHORT_WINDOW = 620

_SAVED_STYLE = "color: #1b6e20; font-weight: bold"
_ERROR_STYLE = "color: #b00020; font-weight: bold"


def _no_wider_than_text(widget: QPushButton) -> None:
    """A short word ("Undo") on a button as wide as its text and the style's margins,
    not the 80 pixels the style gives every button."""
    style = widget.style()
    margins = 2 * (
        style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin)
        + style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    )
    fits = widget.fontMetrics().horizontalAdvance(widget.text()) + margins + 8
    if fits < widget.sizeHint().width():
        widget.setMaximumWidth(fits)


def _tool(text: str, accessible: str) -> FittingButton:
    """A tool button whose key in [ ] is left off when its row is squeezed."""
    return fitting_button(text, accessible, [without_key(text)])


#: The roll's columns' widths (a window of 1280 pixels and more)
COLUMN_WIDTHS = {
    RollColumn.STUDENT: 210,
    RollColumn.MARK: 140,
    RollColumn.TIME: 170,  # "collected 17:02 by …"
    RollColumn.GRADE: 60,
    RollColumn.ALERTS: 150,
}
#: Narrower (a netbook), these give way, down to 60 % of their width, before the table
#: scrolls sideways; the note (which takes the rest) keeps this much.
_GIVING_WAY = (RollColumn.STUDENT, RollColumn.TIME, RollColumn.ALERTS)
_NOTE_ROOM = 60


# Between the roll's title and its progress
_TITLE_GAP = 12


def _short_progress(recorded: int, total: int) -> str:
    """The roll's progress in few words, for a narrow roll: "0 of 23 marked"."""
    return tr("{recorded} of {total} marked").format(recorded=recorded, total=total)


class RollView(KeyedTableView):
    """The roll table: arrows or j/k move, a code key marks and advances."""

    focus_column = RollColumn.MARK

    markKeyPressed = Signal(str)
    """A code key was pressed on the current row: the attendance code."""
    clearKeyPressed = Signal()
    """Delete or Backspace: set the current student back to not recorded."""
    noteKeyPressed = Signal()
    """N: add or edit a note on the current student's mark."""
    signOutKeyPressed = Signal()
    """D: sign the current student out (who collected them, or walked home)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: dict[str, str] = {}
        self.setTabKeyNavigation(False)  # Tab leaves the roll; arrows move within it

    def follow_resizing(self) -> None:
        """From now on a narrow roll narrows its name, time and alerts columns (until
        the teacher widens or narrows a column by hand)."""
        self._fitting = False
        self._sized_by_hand = False
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self._fit_columns()

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column != RollColumn.NOTE:
            self._sized_by_hand = True

    def _fit_columns(self) -> None:
        if getattr(self, "_sized_by_hand", True):
            return
        fixed = sum(w for c, w in COLUMN_WIDTHS.items() if c not in _GIVING_WAY) + _NOTE_ROOM
        giving = sum(COLUMN_WIDTHS[c] for c in _GIVING_WAY)
        scale = min(1.0, max(0.6, (self.viewport().width() - fixed) / giving))
        self._fitting = True
        try:
            for column in _GIVING_WAY:
                self.horizontalHeader().resizeSection(column, int(COLUMN_WIDTHS[column] * scale))
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()
        self._fit_columns()

    def _fit_rows(self) -> None:
        """Rows a little shorter on a short window (see :data:`SHORT_ROW_HEIGHT`)."""
        window = self.window()
        short = window is not self and window.height() < SHORT_WINDOW
        height = SHORT_ROW_HEIGHT if short else ROW_HEIGHT
        header = self.verticalHeader()
        if header.defaultSectionSize() != height:
            header.setDefaultSectionSize(height)

    def set_codes(self, codes: list[CodeInfo]) -> None:
        """Letters and digits that mark."""
        self._keys = {}
        for c in codes:
            if c.key:
                self._keys[c.key] = c.code
            if c.digit:
                self._keys[c.digit] = c.code

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home/End go to the first/last row (see :func:`row_end`)."""
        end = row_end(self, cursorAction)
        return end if end is not None else super().moveCursor(cursorAction, modifiers)

    def plain_key(self, text: str, key: int) -> bool:
        """A code key marks; N a note; D signs out; Delete or Backspace clears."""
        if text in self._keys:
            self.markKeyPressed.emit(self._keys[text])
        elif text == "N":
            self.noteKeyPressed.emit()
        elif text == "D":
            self.signOutKeyPressed.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clearKeyPressed.emit()
        else:
            return False
        return True


class RollPanel(QWidget):
    """One session's roll: header, code buttons, tools, the table and the keys help."""

    markRequested = Signal(str)
    """Mark the current student with this code (a code button or key)."""
    clearRequested = Signal()
    """Set the current student back to not recorded."""
    noteRequested = Signal()
    """Add or edit the current student's note."""
    allPresentRequested = Signal()
    """Mark every student not yet recorded present."""
    signOutRequested = Signal()
    """Sign the current student out: who collected them, or walked home."""
    restoreRequested = Signal()
    """Restore the cancelled session shown."""

    def __init__(self, codes: list[CodeInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes = codes
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        # The header's rows close together: the room is the roll's (one more child at
        # 1280×720, with the red clock band too).
        layout.setSpacing(2)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_notices())
        self.empty_label = QLabel(
            tr(
                "No student is enrolled in this ensemble on this day. On the Roster tab, open "
                "a student and enroll them (Enrollment), or import students with their "
                "ensemble."
            )
        )
        self.empty_label.setAccessibleName(tr("No students on this roll"))
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        self.cancelled_box = self._build_cancelled()
        layout.addWidget(self.cancelled_box)
        layout.addLayout(self._build_code_buttons())
        layout.addLayout(self._build_tools())
        self.model = RollTableModel(codes, self)
        self.view = self._build_table()
        layout.addWidget(self.view, 1)
        keys = " ".join(f"{c.key}={c.code}" for c in codes if c.key)
        # One line at 1280 px, in Spanish too (two lines took room from the roll): the
        # keys the buttons above show in [ ] are left to them, and to the tooltip, which
        # names them all.
        self.keys_help = QLabel(
            tr(
                "Keys: ↑/↓ or j/k move · {codes} mark and move on · Ctrl+Z undo · Alt+V volunteers"
            ).format(codes=keys)
        )
        self.keys_help.setToolTip(
            tr(
                "Keys: ↑/↓ or j/k move · {codes} mark and move on · {all} all remaining "
                "present · D sign out · Del not recorded · N note · Ctrl+Z undo · "
                "Alt+V volunteers"
            ).format(codes=keys, all=all_present_keys_text())
        )
        self.keys_help.setAccessibleName(tr("Keyboard help"))
        self.keys_help.setStyleSheet("color: #555")
        self.keys_help.setWordWrap(True)  # a narrow window wraps it rather than widening
        layout.addWidget(self.keys_help)

    # -- building ---------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        head = QHBoxLayout()
        # Its hours on a second line on a narrow window (a netbook), not a wider roll.
        self.title = heading(tr("Session"), 1.35, self, wrap=True)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(tr("Roll progress"))
        self.save_label = QLabel()
        self.save_label.setAccessibleName(tr("Save status"))
        self.save_label.setObjectName("saveLabel")
        self.save_label.setStyleSheet(_SAVED_STYLE)
        # Fixed room for changing texts, so a new "Saved at" never relayouts the panel.
        self.save_label.setMinimumWidth(  # the widest time of day in the window's language
            self.fontMetrics().horizontalAdvance(saved_text(dt.time(12, 58, 58))) + 16
        )
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A long message ("Only a student marked present…") wraps in the room left of it
        # rather than losing its start off the label's left edge.
        self.save_label.setWordWrap(True)
        # The progress's room, for the longest counts: the whole words, and the short
        # ones a narrow roll (a netbook) shows so that its title stays on one line.
        metrics = self.fontMetrics()
        self._progress_room = (
            metrics.horizontalAdvance("000 of 000 marked · 000 not recorded") + 8,
            metrics.horizontalAdvance(_short_progress(888, 888)) + 8,
        )
        self.progress_label.setMinimumWidth(self._progress_room[0])
        self._progress = ("", "")
        self._save_error = False
        head.addWidget(self.title)
        head.addSpacing(_TITLE_GAP)
        head.addWidget(self.progress_label)
        head.addWidget(self.save_label, 1)
        self._head = head
        return head

    def _fit_header(self) -> None:
        """The progress in whole words while the title fits beside them on one line;
        else its short words ("0 of 23 marked"), the whole ones on hover."""
        whole, short = self._progress
        layout = self.layout()
        room = self.contentsRect().width()
        if layout is not None:
            room -= layout.contentsMargins().left() + layout.contentsMargins().right()
        wanted = (
            self.title.sizeHint().width()
            + _TITLE_GAP
            + self._progress_room[0]
            + self.save_label.minimumWidth()
            + 3 * max(0, self._head.spacing())
        )
        squeezed = bool(short) and wanted > room
        self.progress_label.setMinimumWidth(self._progress_room[1 if squeezed else 0])
        self.progress_label.setText(short if squeezed else whole)
        self.progress_label.setToolTip(whole if squeezed else "")
        self.progress_label.setAccessibleDescription(whole)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header()

    def _build_notices(self) -> QLabel:
        self.past_label = QLabel(
            tr("Correcting a past roll: every change is recorded with your name and the time.")
        )
        self.past_label.setAccessibleName(tr("Past roll notice"))
        self.past_label.setStyleSheet("color: #8a4b00")
        self.past_label.setWordWrap(True)
        return self.past_label

    def _build_cancelled(self) -> QFrame:
        """Cancelled sessions show why, and how to restore them."""
        box = QFrame()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.cancelled_label = QLabel()
        self.cancelled_label.setAccessibleName(tr("Cancellation"))
        self.cancelled_label.setWordWrap(True)
        self.restore_button = button(tr("Restore session"), tr("Restore cancelled session"))
        self.restore_button.clicked.connect(self.restoreRequested)
        row.addWidget(self.cancelled_label, 1)
        row.addWidget(self.restore_button)
        return box

    def _build_code_buttons(self) -> QHBoxLayout:
        """One button per code, with its key."""
        row = QHBoxLayout()
        self.code_buttons: dict[str, QPushButton] = {}
        for info in self.codes:
            text = f"{info.code}  {info.label}  [{info.key}]" if info.key else info.code
            # Narrow (a netbook), the code and its key, then the code: the label stays
            # in the tooltip and the accessible name.
            shorter = [f"{info.code}  [{info.key}]", info.code] if info.key else []
            widget = fitting_button(text, tr("Mark {label}").format(label=info.label), shorter)
            widget.setToolTip(
                tr("Mark the chosen student {label} (key {key} or {digit})").format(
                    label=info.label, key=info.key, digit=info.digit
                )
            )
            widget.setStyleSheet(
                f"QPushButton {{ background: {info.colour.name()}; border: 1px solid #888;"
                " border-radius: 5px; padding: 4px 8px; color: #111; }"
                " QPushButton:disabled { background: #eee; color: #999; }"
            )
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep focus on the roll
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            widget.clicked.connect(lambda _c=False, code=info.code: self.markRequested.emit(code))
            row.addWidget(widget)
            self.code_buttons[info.code] = widget
        return row

    def _build_tools(self) -> QHBoxLayout:
        tools = QHBoxLayout()
        tools.setSpacing(4)  # with the order in it, as wide as before in Spanish
        self.clear_button = _tool(tr("Not recorded [Del]"), tr("Set back to not recorded"))
        self.clear_button.clicked.connect(self.clearRequested)
        self.note_button = _tool(tr("Note… [N]"), tr("Add a note"))
        self.note_button.clicked.connect(self.noteRequested)
        keys = all_present_keys_text()
        whole = tr("Mark all remaining present [{keys}]").format(keys=keys)
        # Narrower still (a netbook), two words that still say "the rest", not everyone
        # ("All present" read as if it marked the students already marked): the tooltip
        # says what it does.
        self.all_present_button = fitting_button(
            whole, tr("Mark all remaining present"), [without_key(whole), tr("Rest present")]
        )
        self.all_present_button.setToolTip(
            tr("Everyone not marked yet is marked present, in one step you can undo.")
        )
        self.all_present_button.clicked.connect(self.allPresentRequested)
        self.sign_out_button = _tool(tr("Sign out… [D]"), tr("Sign out the chosen student"))
        self.sign_out_button.setToolTip(
            tr("Record who collected the student at the end, or that they walked home.")
        )
        self.sign_out_button.clicked.connect(self.signOutRequested)
        self.undo_button = button(tr("Undo"), tr("Undo last change"))
        self.redo_button = button(tr("Redo"), tr("Redo"))
        for b in (
            self.clear_button,
            self.note_button,
            self.sign_out_button,
            self.undo_button,
            self.redo_button,
        ):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            _no_wider_than_text(b)
        self.sort_label = sort_label = QLabel(tr("Order:"))
        self.order_box = QComboBox()
        self.order_box.setAccessibleName(tr("Order of the roll"))
        self.order_box.addItem(tr("Last name"), RollOrder.LAST_NAME)
        self.order_box.addItem(tr("First name"), RollOrder.FIRST_NAME)
        self.order_box.currentIndexChanged.connect(self._order_changed)
        sort_label.setBuddy(self.order_box)
        for w in (
            self.clear_button,
            self.note_button,
            self.sign_out_button,
            self.undo_button,
            self.redo_button,
        ):
            tools.addWidget(w)
        # The order in the row's free gap (it was beside the keys under the roll, a line
        # taller than the keys' text).
        tools.addStretch(1)
        tools.addWidget(sort_label)
        tools.addWidget(self.order_box)
        tools.addWidget(self.all_present_button)
        return tools

    def _build_table(self) -> RollView:
        view = RollView()
        view.setAccessibleName(tr("Roll"))
        view.set_codes(self.codes)
        view.setModel(self.model)
        view.setItemDelegateForColumn(RollColumn.MARK, CodeDelegate(self.codes, self))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        roll_font = QFont(self.font())
        roll_font.setPointSizeF(roll_font.pointSizeF() * 1.2)
        view.setFont(roll_font)
        # Rows a little shorter than the 42 pixels they were (one more child on a
        # 1280×720 screen); the mark still a pill 28 pixels tall in the roll's font.
        view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        header.setAccessibleName(tr("Roll columns"))
        view.verticalHeader().setAccessibleName(tr("Row numbers"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RollColumn.NOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        view.follow_resizing()
        header.moveSection(RollColumn.GRADE, RollColumn.MARK)  # grade next to name
        view.markKeyPressed.connect(self.markRequested)
        view.clearKeyPressed.connect(self.clearRequested)
        view.noteKeyPressed.connect(self.noteRequested)
        view.signOutKeyPressed.connect(self.signOutRequested)
        return view

    # -- showing ----------------------------------------------------------------------

    def current_row(self) -> int:
        """The current row of the table, or -1."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def current_entry(self) -> RollEntry | None:
        """The student on the current row."""
        row = self.current_row()
        return self.model.entry(row) if row >= 0 else None

    def go_to(self, student_id: str) -> None:
        """Make ``student_id``'s row current (if shown)."""
        row = self.model.row_of(student_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, RollColumn.MARK))

    def keep_current_in_sight(self) -> None:
        """Scroll the current student's row into sight if the table's room changed."""
        index = self.view.currentIndex()
        if index.isValid():
            self.view.scrollTo(index)

    def go_to_first_unrecorded(self) -> None:
        """Make the first student without a mark current (or the first student)."""
        if self.model.rowCount():
            row = self.model.first_unrecorded()
            self.view.setCurrentIndex(self.model.index(max(row, 0), RollColumn.MARK))

    def show_session(self, info: SessionInfo, today: dt.date, *, ready: bool) -> None:
        """The header of ``info``: title, progress, cancellation, past-roll notice."""
        self.title.setText(f"{info.label}  {hours_text(info.start, info.end)}")
        cancelled = info.state == RollState.CANCELLED
        self.cancelled_box.setVisible(cancelled)
        self.cancelled_label.setText(
            "<b>" + tr("Cancelled") + "</b>: " + info.cancel_reason if cancelled else ""
        )
        self.past_label.setVisible(info.date < today and not cancelled)
        recorded = self.model.recorded_count()
        total = self.model.rowCount()
        self.empty_label.setVisible(ready and not cancelled and not total)
        if not ready:
            self._progress = (tr("Loading the roll…"), "")
        elif cancelled:
            self._progress = (tr("Cancelled"), "")
        elif total and recorded == total:
            whole = tr("Roll taken: all %n marked", "", total)
            self._progress = (whole, _short_progress(recorded, total))
        else:
            whole = tr("{recorded} of {total} marked · {left} not recorded").format(
                recorded=recorded, total=total, left=total - recorded
            )
            self._progress = (whole, _short_progress(recorded, total))
        self._fit_header()

    def set_save_text(self, text: str, *, error: bool = False) -> None:
        """Say what happened to the last write ("✓ Saved at …", or what went wrong)."""
        self.save_label.setText(text)
        if error != self._save_error:  # restyling is slow: only when the state flips
            self._save_error = error
            self.save_label.setStyleSheet(_ERROR_STYLE if error else _SAVED_STYLE)

    def set_actions(self, *, can_mark: bool, can_undo: bool, can_redo: bool) -> None:
        """Enable the buttons that can act now."""
        for widget in self.code_buttons.values():
            widget.setEnabled(can_mark)
        for widget in (
            self.clear_button,
            self.note_button,
            self.all_present_button,
            self.sign_out_button,
        ):
            widget.setEnabled(can_mark)
        self.undo_button.setEnabled(can_undo)
        self.redo_button.setEnabled(can_redo)

    def _order_changed(self) -> None:
        entry = self.current_entry()
        self.model.set_order(RollOrder(self.order_box.currentData()))
        if entry is not None:
            self.go_to(entry.student_id)
