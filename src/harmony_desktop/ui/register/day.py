"""Today's list: the day navigation, the sessions of the day and the missing-roll flag.

:class:`DayBar` chooses the day, :class:`SessionList` shows its sessions,
:class:`MissingRollBanner` links to past sessions without a complete roll, and
:class:`ClockBehindBanner` says when this computer's date is behind what the register
already recorded (a dead battery's 2000-01-01). They only show and ask; the register page
loads the day (on the database thread) and opens rolls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelection,
    QLocale,
    QModelIndex,
    QObject,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.sessions import SessionInfo
from harmony_desktop.ui.datefield import DateBox, keys_hint
from harmony_desktop.ui.language import time_text
from harmony_desktop.ui.register.models import (
    SessionColumn,
    SessionsModel,
    is_missing_roll,
    state_texts,
    tr,
)
from harmony_desktop.ui.register.widgets import button, fitting_button, heading
from harmony_desktop.ui.wrong_day import DateBand, long_day

if TYPE_CHECKING:  # the first paint comes before the services (and SQLAlchemy) load
    from harmony_desktop.services.sessions import RegisterSetup


@dataclass(frozen=True)
class DayView:
    """What the database thread loads for one day."""

    day: dt.date
    sessions: list[SessionInfo]
    missing: list[SessionInfo]
    setup: RegisterSetup | None = None
    """Read when the day has no session: what the hub lacks for a register (None: not
    read, as at the first paint)."""


#: What an empty day's button leads to: the ensembles of Programme set-up, the roster.
ENSEMBLES = "ensembles"
ROSTER = "roster"


def empty_day(setup: RegisterSetup | None) -> tuple[str, str | None]:
    """What a day with no session says, and where its button leads (None: no button).

    A hub without ensembles, without a weekly schedule or without students enrolled
    says what is missing and where to add it; a set-up hub's day off just has none."""
    if setup is None or (setup.scheduled and setup.enrolled):
        return tr("No sessions on this day."), None
    if not setup.ensembles:
        text = tr(
            "This hub has no ensembles yet, so there is no roll to take. Add an ensemble "
            "with its weekly schedule in File ▸ Programme set-up…, then add or import "
            "students on the Roster tab and enroll them."
        )
        return text, ENSEMBLES
    if not setup.scheduled:
        text = tr(
            "This hub's ensembles have no weekly schedule, so no sessions are listed. Add "
            "their meeting days in File ▸ Programme set-up…."
        )
        return text, ENSEMBLES
    text = tr(
        "No students are enrolled in this hub's ensembles yet. On the Roster tab, add or "
        "import students and enroll them in an ensemble."
    )
    return text, ROSTER


def day_label(day: dt.date, pattern: str) -> str:
    """``day`` in the user's language, as Qt's date ``pattern`` lays it out."""
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


class DayBar(QWidget):
    """Previous day, the date with its weekday ("Wed 18 Nov 2026": Tuesday's ensemble
    or Wednesday's), next day, today.

    The date is typed whole (a :class:`~harmony_desktop.ui.datefield.DateBox`: "5/6/2026"
    in the window's language's order, "2026-06-05", "5 jun 2026") or picked from its
    calendar (Alt+Down, F4). The register moves to a typed day only when the teacher
    settles on it (Enter, leaving the box, a calendar pick; Up/Down a day, Page Up/Page
    Down a week): never at "1/2" on the way to "1/23". A text that is no date leaves the
    register on its day, and the line under the bar says why (Escape puts the day shown
    back in the box)."""

    dayRequested = Signal(object)
    """The teacher asked for another day: the ``datetime.date``."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.day = today
        # On a narrow window (a netbook) the arrows alone; the name stays whole.
        self.prev_day_button = fitting_button(tr("◀ Previous day"), tr("Previous day"), ["◀"])
        self.prev_day_button.clicked.connect(
            lambda: self.dayRequested.emit(self.day - dt.timedelta(days=1))
        )
        # with its weekday ("Wed 16 Sep 2026"): Tuesday's ensemble or Wednesday's
        self.date_edit = DateBox(today, today=today, weekday=True)
        self.date_edit.setAccessibleName(tr("Date"))
        self.date_edit.setMinimumWidth(self.date_edit.fitting_width())
        self.date_edit.dayCommitted.connect(self._edited)
        self.date_edit.editingFinished.connect(self._say_refusal)
        self.date_edit.installEventFilter(self)
        # why the typed text took the register nowhere (hidden while there is nothing)
        self.refusal_label = QLabel()
        self.refusal_label.setAccessibleName(tr("Why the date was not taken"))
        self.refusal_label.setStyleSheet("color: #b00020")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.hide()
        self.next_day_button = fitting_button(tr("Next day ▶"), tr("Next day"), ["▶"])
        self.next_day_button.clicked.connect(
            lambda: self.dayRequested.emit(self.day + dt.timedelta(days=1))
        )
        self.today_button = button(tr("Today"), tr("Go to today"))
        self.today_button.clicked.connect(lambda: self.dayRequested.emit(self.today))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.prev_day_button,
            self.date_edit,
            self.next_day_button,
            self.today_button,
        ):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.refusal_label)

    def show_day(self, day: dt.date) -> None:
        """Show ``day`` in the date field (without asking for it again). The same day
        loaded again (a sync, a new session) leaves what the teacher is typing there."""
        typing = day == self.day and self.date_edit.hasFocus() and self.date_edit.isModified()
        self.day = day
        if not typing:
            self._put_back()

    def _put_back(self) -> None:
        """The day shown in the box again, and nothing refused."""
        day = self.day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.setToolTip(keys_hint())
        self.date_edit.blockSignals(False)
        self._say("")

    def _edited(self, day: object) -> None:
        if isinstance(day, dt.date):
            self._say("")
            if day != self.day:
                self.dayRequested.emit(day)

    def _say_refusal(self) -> None:
        """The text settled on is no date: say why; the register stays on its day."""
        refused = self.date_edit.refusal()
        if refused:
            self._say(refused)

    def _say(self, text: str) -> None:
        self.refusal_label.setText(text)
        self.refusal_label.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the date box puts back the day the register shows (when the box
        says another, or nothing it takes)."""
        if (
            watched is self.date_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.date_edit.text() != self.date_edit.written(self.day)
        ):
            self._put_back()
            return True
        return super().eventFilter(watched, event)


class MissingRollBanner(QFrame):
    """The flag of past sessions still missing roll, linking straight to each."""

    sessionRequested = Signal(str)
    """A link or the button was used: the id of the session to open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing: list[SessionInfo] = []
        self.setObjectName("missingBanner")
        self.setStyleSheet(
            "QFrame#missingBanner { background: #fdecea; border: 1px solid #e6a19a;"
            " border-radius: 6px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(tr("Sessions missing roll"))
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.label.linkActivated.connect(self.sessionRequested)
        self.button = button(tr("Open oldest missing roll"), tr("Open oldest missing roll"))
        self.button.clicked.connect(self._oldest)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_missing(self, sessions: list[SessionInfo], today: dt.date) -> list[SessionInfo]:
        """Flag the past sessions of ``sessions`` still missing roll; returns them."""
        missing = [m for m in sessions if is_missing_roll(m, today)]
        self.missing = missing
        self.setVisible(bool(missing))
        if not missing:
            return missing
        links = [
            f"<a href='{m.id}'>{day_label(m.date, 'ddd d MMM')}"
            f" {time_text(m.start)} · {escape(m.label)}</a>"
            for m in missing[:4]
        ]
        more = len(missing) - len(links)
        text = tr("⚠ %n past session(s) missing roll:", "", len(missing))
        html = f"<b>{text}</b> " + ", ".join(links)
        if more > 0:
            html += " " + tr("and {count} more").format(count=more)
        self.label.setText(html)
        return missing

    def _oldest(self) -> None:
        if self.missing:
            self.sessionRequested.emit(self.missing[0].id)


class ClockBehindBanner(DateBand):
    """The warning that this computer's date is behind what the register already
    recorded: marks taken on "today" would land on the wrong day. The register compares
    the date when it opens, after each sync and whenever the window looks whether the
    day moved on (every minute, and when the app comes back to the front): the band
    comes when the date goes wrong while the register is open, and goes when a sync sets
    the register's clock right on that same date. It never takes the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("clockBehind", parent)

    def show_behind(self, today: dt.date, recorded: dt.date, *, certain: bool = True) -> None:
        """Say that this computer's date, ``today``, is behind ``recorded``, the newest
        day the register already has changes from.

        ``certain``: the date is behind the last successful sync too, so it is wrong (red).
        Otherwise it may be right and the changes stamped ahead on a computer whose
        clock ran ahead (amber): the band names both possibilities."""
        if certain:
            head = tr("⚠ This computer's date is wrong.")
            body = tr(
                "It says {today}, but this register already has changes from {recorded}. "
                "Marks taken today would be saved on the wrong day. Set the date and time in "
                "this computer's settings, then close and reopen Harmony."
            )
            colours = self.RED
        else:
            head = tr("⚠ Check this computer's date.")
            body = tr(
                "It says {today}, but this register has changes dated as late as "
                "{recorded}. If {today} is wrong, set the date and time in this computer's "
                "settings, then close and reopen Harmony. If it is right, those changes were "
                "made on a computer whose clock was ahead: take roll as usual."
            )
            colours = self.AMBER
        self.set_colours(colours)
        self.say(head, body, today, recorded)

    def show_gone_wrong(self, today: dt.date, recorded: dt.date, shown: dt.date) -> None:
        """Say that this computer's date went wrong while the register was open on
        ``shown``: it now says ``today``, behind ``recorded``, the newest day the register
        already has changes from. The register stays on ``shown`` (red)."""
        self.set_colours(self.RED)
        self.say(
            tr("⚠ This computer's date is wrong."),
            tr(
                "It now says {today}, but this register already has changes from "
                "{recorded}. The register stays on {shown}, so marks are still saved on "
                "that day. Set the date and time in this computer's settings."
            ),
            today,
            recorded,
            shown=shown,
        )


# The day list's row height: two lines of a session's name
ROW_HEIGHT = 40


def _text_margins(view: QTableView) -> int:
    """The room a cell of ``view`` keeps beside its text (both sides and the grid)."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * margin + 1


def _fits(view: QTableView, text: str, width: int, *, lines: int) -> bool:
    """``text`` whole in ``width`` pixels of ``view``'s font, wrapped at its spaces onto
    ``lines`` lines at most (a word longer than the width is cut short in a cell)."""
    metrics = view.fontMetrics()
    box = metrics.boundingRect(QRect(0, 0, max(1, width), 100000), Qt.TextFlag.TextWordWrap, text)
    return box.width() <= width and box.height() <= lines * metrics.lineSpacing()


class SessionList(QWidget):
    """The sessions of the day shown, with their roll state."""

    sessionSelected = Signal(object)
    """The selected session: its :class:`SessionInfo`."""
    sessionActivated = Signal(object)
    """Enter or double-click on a session: its :class:`SessionInfo`."""
    setupRequested = Signal(str)
    """The empty day's button: :data:`ENSEMBLES` or :data:`ROSTER`."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self._quiet = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = heading(tr("Day shown"), 1.25, self)
        self.title.setWordWrap(True)  # two lines, not a wider window, on a netbook
        layout.addWidget(self.title)
        self.model = SessionsModel(today, self)
        self.view = QTableView()
        self.view.setAccessibleName(tr("Sessions of the day"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list; ↑/↓ choose a session
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.view.setWordWrap(True)  # a long session name takes a second line
        header = self.view.horizontalHeader()
        header.setAccessibleName(tr("Session columns"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SessionColumn.SESSION, QHeaderView.ResizeMode.Stretch)
        self._fit_state_column()
        # A narrow list (a netbook) puts each session's hours under its name, in one
        # column, rather than cut the name short ("Musicians… K-1").
        self._fitting_names = False
        self.view.viewport().installEventFilter(self)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.activated.connect(self._activated)
        layout.addWidget(self.view, 1)
        self.no_sessions_label = QLabel(tr("No sessions on this day."))
        self.no_sessions_label.setAccessibleName(tr("No sessions on this day."))
        self.no_sessions_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_sessions_label.setWordWrap(True)
        self.no_sessions_label.hide()
        layout.addWidget(self.no_sessions_label)
        # Where an empty hub's set-up goes on (Tab from the list, or Enter at once
        # when the list had the keyboard): see set_sessions.
        self._leads_to = ""
        self.setup_button = button("", "")
        self.setup_button.setAutoDefault(True)  # Enter presses it, as Space does
        self.setup_button.clicked.connect(lambda: self.setupRequested.emit(self._leads_to))
        self.setup_button.hide()
        layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def _fit_state_column(self) -> None:
        """Give the session's name the room: a state whose words are much shorter than
        the whole ("Asistencia tomada") takes two lines of its 40-pixel row, so its
        column is as wide as its longest word; one that fits in little more ("Roll
        taken") keeps its line."""
        metrics = self.view.fontMetrics()
        states = state_texts()
        title = self.model.headerData(SessionColumn.STATE, Qt.Orientation.Horizontal)
        whole = max(metrics.horizontalAdvance(text) for text in [*states, str(title)])
        words = max(metrics.horizontalAdvance(word) for text in states for word in text.split())
        words = max(
            words, self.view.horizontalHeader().sectionSizeFromContents(SessionColumn.STATE).width()
        )
        if whole <= 1.4 * words:
            return  # the column fits its contents on one line
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(SessionColumn.STATE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(SessionColumn.STATE, words + 12)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._fit_names()
        return super().eventFilter(watched, event)

    def _fit_names(self) -> None:
        """The time in its own column while every name fits whole beside it (on two
        lines at most); else the time on a second line under the name, and the rows
        as tall as their lines."""
        if self._fitting_names:
            return
        self._fitting_names = True
        try:
            view = self.view
            header = view.horizontalHeader()
            rows = self.model.rowCount()

            def width(column: int) -> int:
                if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Fixed:
                    return header.sectionSize(column)
                contents = header.sectionSizeFromContents(column).width()
                return max(view.sizeHintForColumn(column), contents)

            time = width(SessionColumn.TIME)
            room = view.viewport().width() - _text_margins(view)
            room -= width(SessionColumn.STATE) + width(SessionColumn.MARKED)
            under = not all(
                _fits(view, self.model.name(row), room - time, lines=2) for row in range(rows)
            )
            self.model.set_time_under_name(under)
            view.setColumnHidden(SessionColumn.TIME, under)
            metrics = view.fontMetrics()
            for row in range(rows):
                height = ROW_HEIGHT
                if under:  # the name's lines and the time's, in the column's whole width
                    text = str(self.model.index(row, SessionColumn.SESSION).data())
                    box = QRect(0, 0, max(1, room), 100000)
                    tall = metrics.boundingRect(box, Qt.TextFlag.TextWordWrap, text).height()
                    height = max(ROW_HEIGHT, tall + ROW_HEIGHT - 2 * metrics.lineSpacing())
                if view.rowHeight(row) != height:
                    view.setRowHeight(row, height)
        finally:
            self._fitting_names = False

    def show_day(self, day: dt.date) -> None:
        """Title the list with ``day`` ("Today, …" for today)."""
        label = long_day(day)
        self.title.setText(tr("Today, {date}").format(date=label) if day == self.today else label)

    def set_sessions(self, sessions: list[SessionInfo], setup: RegisterSetup | None = None) -> None:
        """Show a loaded day's sessions; on a day without any, what ``setup`` lacks."""
        self.model.set_sessions(sessions, self.today)
        self._fit_names()
        text, leads_to = empty_day(None if sessions else setup)
        self.no_sessions_label.setText(text)
        self.no_sessions_label.setAccessibleName(text)
        self.no_sessions_label.setVisible(not sessions)
        self._leads_to = leads_to or ""
        if leads_to is not None:
            label = tr("Set up ensembles…") if leads_to == ENSEMBLES else tr("Go to the Roster")
            self.setup_button.setText(label)
            self.setup_button.setAccessibleName(label)
        # the list has the keyboard, or will have it when its window is active again
        # (the Programme set-up window in front at the first start)
        had_keys = self.view.hasFocus() or self.window().focusWidget() is self.view
        if leads_to is None and self.window().focusWidget() is self.setup_button:
            self.view.setFocus()  # set up now: back on the list (not the next button)
        self.setup_button.setVisible(leads_to is not None)
        if leads_to is not None and had_keys:
            self.setup_button.setFocus()  # nothing to choose in the list: Enter goes on

    def select(self, session_id: str) -> bool:
        """Select (and show) a session's row; False when it is not in the list."""
        row = self.model.row_of(session_id)
        if row < 0:
            return False
        index = self.model.index(row, SessionColumn.SESSION)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def point_at(self, session_id: str | None) -> None:
        """Highlight a session without opening it: Enter opens it."""
        row = self.model.row_of(session_id) if session_id else -1
        if row < 0:
            return
        self._quiet = True  # shown as chosen, but its roll is not opened (nor stored)
        try:
            self.view.selectRow(row)
        finally:
            self._quiet = False
        self.view.scrollTo(self.model.index(row, SessionColumn.SESSION))

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._quiet:
            return
        rows = {i.row() for i in selected.indexes()}
        if rows:
            self.sessionSelected.emit(self.model.session(min(rows)))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            info = self.model.session(index.row())
            self.view.selectRow(index.row())
            self.sessionSelected.emit(info)  # opens it if only highlighted (point_at)
            self.sessionActivated.emit(info)
