"""The register page: a day's sessions on the left, the roll of one session on the right.

It is put together from three parts and wires them:

* today's list (``day.py``): the day bar, the sessions of the day, the missing-roll flag;
* the roll (``roll.py``): header, code buttons, tools and the roll table;
* the commands (``commands.py``): every write to a roll, synchronous, with undo/redo.

Loading a day or a roll, and cancelling, restoring or adding a session, go through the
window's :class:`~harmony_desktop.ui.tasks.TaskManager`. Opening a roll stores its
session (other laptops and the roll completion report see it was opened), except on a
certainly wrong "today": there it writes nothing, and the first write that goes ahead
after the wrong-day question stores the session with it. The page subscribes to its
change notice: when someone else (a sync, the roster, the review page) changes sessions,
marks or who is enrolled, the day and the open roll are read again in the background.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.i18n import data_label
from harmony_desktop.domain.names import people_labels
from harmony_desktop.domain.sessions import RollState, SessionInfo
from harmony_desktop.store import settings
from harmony_desktop.ui.operations import QueryOp
from harmony_desktop.ui.register.alerts import AbsenceAlertPanel
from harmony_desktop.ui.register.clock_ahead import ClockAheadBanner
from harmony_desktop.ui.register.codes import CodeInfo, assign_keys
from harmony_desktop.ui.register.commands import RollEditor
from harmony_desktop.ui.register.day import (
    ClockBehindBanner,
    DayBar,
    DayView,
    MissingRollBanner,
    SessionList,
    empty_day,
)
from harmony_desktop.ui.register.dialogs import (
    AdHocDialog,
    ArrivalDialog,
    CancelDialog,
    DepartureDialog,
    NoteDialog,
    default_time,
)
from harmony_desktop.ui.register.models import saved_text, tr
from harmony_desktop.ui.register.roll import ALL_PRESENT_KEYS, ROW_HEIGHT, RollPanel
from harmony_desktop.ui.register.volunteers import VolunteerShiftPanel
from harmony_desktop.ui.register.widgets import button
from harmony_desktop.ui.screen_fit import available_geometry
from harmony_desktop.ui.tasks import Changes, TaskManager, Ticket
from harmony_desktop.ui.wrong_day import ADD, CANCEL, WrongDayQuestion

if TYPE_CHECKING:
    from harmony_desktop.services.clock_check import ClockAhead, ClockBehind
    from harmony_desktop.services.context import Services
    from harmony_desktop.services.roll import Dismissal, MarkState, RollEntry

log = logging.getLogger(__name__)

#: The roll's rows kept in sight on a short screen before the volunteers get two rows.
ROLL_ROWS_KEPT = 5


def _now() -> dt.time:
    return dt.datetime.now().time().replace(second=0, microsecond=0)


def _saved_text() -> str:
    return saved_text(dt.datetime.now().time())


class RegisterPage(QWidget):
    """Take roll: pick a day and a session, mark every student, fix past rolls."""

    markSaved = Signal(str, str)
    """A mark was stored: (student id, code; "" when set back to not recorded)."""
    dayLoaded = Signal()
    """The sessions of the chosen day are on screen."""
    dayChanged = Signal(object)
    """The day shown changed: the new ``datetime.date``."""
    rollOpened = Signal(str)
    """The roll of a session is on screen: its id."""
    setupRequested = Signal(str)
    """A day without sessions asked to go on with the hub's set-up:
    :data:`~harmony_desktop.ui.register.day.ENSEMBLES` or ``ROSTER``."""
    clockChecked = Signal(object)
    """This computer's clock was compared with the register: the
    :class:`~harmony_desktop.services.clock_check.ClockBehind` found, or None."""

    def __init__(
        self,
        services: Services,
        hub_id: str,
        tasks: TaskManager,
        *,
        today: dt.date | None = None,
        clock: Callable[[], dt.time] | None = None,
        first: DayView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub_id = hub_id
        self.tasks = tasks
        self.today = today or dt.date.today()
        self.clock = clock or _now
        #: False while the page shows the window's first paint (``first``): the
        #: services are still opening, and :meth:`attach` completes the page.
        self.attached = False
        self.codes: list[CodeInfo] = []
        self._code_info: dict[str, CodeInfo] = {}
        self.day = self.today
        self.session: SessionInfo | None = None
        self.missing: list[SessionInfo] = []
        self._load_generation = 0
        self._roll_generation = 0
        self._select_after_load: str | None = None
        #: the day shown has no session and the hub's set-up was not read (first paint)
        self._setup_unread = False
        self.active_dialog: QWidget | None = None
        self.roll_ready = False
        self._opening: str | None = None
        #: this computer's clock is behind what the register recorded (None: it is not,
        #: or not known yet); marks on "today" are then asked about once
        self.clock_behind: ClockBehind | None = None
        #: this computer's clock is ahead of what the sync server last vouched for (None:
        #: it is not, nothing can say, or it is behind)
        self.clock_ahead: ClockAhead | None = None
        #: this computer's date went certainly wrong while the register was open on a day
        #: it trusted (None: it did not, or was set right again): the register keeps its
        #: day, the band says so, and the window does not open again on the wrong date
        self.date_gone_wrong: ClockBehind | None = None
        self._clock_check: Ticket | None = None  # the check on its way
        self._clock_read_begun = [False]  # ... has begun reading (on the database thread)
        self._clock_check_again = False  # ... and one more must follow it
        self._after_clock_check: list[Callable[[dt.date | None], object]] = []
        #: a comparison of the clock has answered (before, opening a roll compares it
        #: itself before storing a session dated "today")
        self._clock_compared = False
        #: the one question before a write on that wrong "today" (shared with the
        #: volunteers below the roll and the events page)
        self.wrong_day = WrongDayQuestion(self.today)
        self.editor = RollEditor(services, tasks, lambda: self.staff_id, self)
        self.undo_stack = self.editor.undo_stack
        self.setAccessibleName(tr("Register"))
        self._build()
        #: who was chosen for a session here (a substitute): session id -> staff id
        self._chosen_for: dict[str, str] = {}
        self._laptop_choice: str | None = None
        self.editor.stored.connect(self._stored)
        self.editor.failed.connect(lambda message: self._set_save_text(message, error=True))
        self.undo_stack.canUndoChanged.connect(lambda _can: self._update_actions())
        self.undo_stack.canRedoChanged.connect(lambda _can: self._update_actions())
        tasks.changed.connect(self._changed_elsewhere)
        if first is None:
            self.attach()
            self.load_day(self.today)
        else:  # the first paint: today's view, read before the services were open
            self._show_day(first.day)
            self._day_loaded(first, self._load_generation)

    def attach(self) -> None:
        """Complete the page with the services: the codes and the roll they drive, and
        who takes roll (at once, or after the first paint once the services are open)."""
        if self.attached:
            return
        self.attached = True
        self.codes = assign_keys(
            [
                (
                    c.code,
                    data_label(c.label, c.label_es),
                    c.counts_present,
                    c.tardy,
                    c.early_departure,
                    c.excused,
                )
                for c in self.services.roll.codes()
            ]
        )
        self._code_info = {c.code: c for c in self.codes}
        self._build_roll()
        self._load_staff()
        self.absence_alerts.refresh()
        self.check_clock()
        if self._setup_unread:  # the first paint's empty day: say what the hub lacks
            self.reload_day()

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        self.clock_banner = ClockBehindBanner()
        layout.addWidget(self.clock_banner)
        self.clock_ahead_banner = ClockAheadBanner()
        layout.addWidget(self.clock_ahead_banner)
        layout.addLayout(self._build_bar())
        self.banner = MissingRollBanner()
        self.banner.sessionRequested.connect(self.open_session_by_id)
        layout.addWidget(self.banner)
        # The students to call home: under the day's list, which has room to spare,
        # rather than above the roll, which on a netbook with the date band and the
        # missing-roll flag kept two of its rows.
        self.absence_alerts = AbsenceAlertPanel(self.tasks, self.hub_id, self.today)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.sessions = SessionList(self.today)
        self.sessions.sessionSelected.connect(self._session_selected)
        self.sessions.setupRequested.connect(self.setupRequested)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.sessions, 1)
        left_layout.addWidget(self.absence_alerts)
        splitter.addWidget(left)

        self.sessions.sessionActivated.connect(lambda _info: self.roll.view.setFocus())
        self.roll_stack = QStackedWidget()
        self.placeholder = QLabel(choose_text())
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setAccessibleName(tr("No session chosen"))
        self.roll_stack.addWidget(self.placeholder)
        # The volunteers of the open session, under its roll.
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.roll_stack)
        self.volunteers = VolunteerShiftPanel(
            self.services, self.hub_id, self.tasks, lambda: self.staff_id, self.clock,
            today=self.today, wrong_day=self.wrong_day,
        )  # fmt: skip
        self.rollOpened.connect(self._show_volunteers)
        self.dayChanged.connect(self.volunteers.day_shown)
        right.addWidget(self.volunteers)
        # The roll is what the teacher works in: it gets the room as the window grows or
        # shrinks; the volunteers' panel keeps two whole rows (drag the splitter for more),
        # or one line when there are none.
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        # folded until a session with volunteers opens (then it asks for two rows)
        right.setSizes([600, self.volunteers.maximumHeight()])
        self._right = right
        self.volunteers.roomWanted.connect(self._give_volunteers_room)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        # 380 and 880 pixels on a 1280-pixel screen; on a narrower one (a netbook) in
        # the same proportion, so the day's list is not squeezed to its least width.
        room = min(1260, available_geometry(self).width() - 20)
        splitter.setSizes([room * 380 // 1260, room - room * 380 // 1260])
        self._expose_parts()
        self._add_undo_shortcuts()
        all_present = QShortcut(self)
        all_present.setKeys(list(ALL_PRESENT_KEYS))
        all_present.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        all_present.activated.connect(self.mark_remaining_present)
        # A freshly opened window waits on the day's sessions: ↑/↓ and Enter work at once.
        self._update_actions()
        self.sessions.view.setFocus()

    def _build_roll(self) -> None:
        """The roll panel (its code buttons come from the stored codes)."""
        self.roll = RollPanel(self.codes)
        self.roll.markRequested.connect(self.mark_current)
        self.roll.clearRequested.connect(self.clear_current)
        self.roll.noteRequested.connect(self.edit_note)
        self.roll.allPresentRequested.connect(self.mark_remaining_present)
        self.roll.signOutRequested.connect(self.sign_out_current)
        self.roll.restoreRequested.connect(self.restore_session)
        self.roll.undo_button.clicked.connect(self.editor.undo)
        self.roll.redo_button.clicked.connect(self.editor.redo)
        self.roll_stack.addWidget(self.roll)
        # Tab goes down the page: the roll's order and "Mark all remaining present" in
        # the row above it, the roll, then the volunteers under it (their "Show" button
        # while they are hidden); Shift+Tab comes back.
        volunteers = self.volunteers
        roll = self.roll
        QWidget.setTabOrder(roll.order_box, roll.all_present_button)
        QWidget.setTabOrder(roll.all_present_button, roll.view)
        QWidget.setTabOrder(roll.view, volunteers.view)
        QWidget.setTabOrder(volunteers.view, volunteers.toggle)
        self._expose_roll_parts()
        self._update_actions()

    def _build_bar(self) -> QHBoxLayout:
        """The day, the teacher taking roll, and the session commands."""
        bar = QHBoxLayout()
        self.day_bar = DayBar(self.today)
        self.day_bar.dayRequested.connect(self.set_day)
        teacher_label = QLabel(tr("Teacher:"))
        self.staff_box = QComboBox()
        self.staff_box.setAccessibleName(tr("Teacher taking roll"))
        self.staff_box.setMinimumWidth(180)
        teacher_label.setBuddy(self.staff_box)
        self.staff_box.currentIndexChanged.connect(self._staff_changed)
        self.add_session_button = button(tr("Add session…"), tr("Add an ad-hoc session"))
        self.add_session_button.clicked.connect(self.add_ad_hoc)
        self.cancel_button = button(tr("Cancel session…"), tr("Cancel this session"))
        self.cancel_button.clicked.connect(self.cancel_session)
        # Along the top: a date the day bar refuses says why on a line under the bar,
        # and the teacher and the buttons stay where they were.
        top = Qt.AlignmentFlag.AlignTop
        teacher_label.setMinimumHeight(self.staff_box.sizeHint().height())  # level with it
        bar.addWidget(self.day_bar, 0, top)
        bar.addSpacing(16)
        bar.addWidget(teacher_label, 0, top)
        bar.addWidget(self.staff_box, 0, top)
        bar.addStretch(1)
        bar.addWidget(self.add_session_button, 0, top)
        bar.addWidget(self.cancel_button, 0, top)
        return bar

    def _give_volunteers_room(self, height: int) -> None:
        """The volunteers' panel folded (the roll takes what it leaves) or has rows
        again (it gets back ``height`` if it has less)."""
        sizes = self._right.sizes()
        limit = self.volunteers.maximumHeight()
        # (no less than the panel can be squeezed to: its table's least height)
        one_row = max(
            self.volunteers.height_for_rows(1), self.volunteers.minimumSizeHint().height()
        )
        if height > one_row:
            # A short screen (a 1024×600 netbook): one row of volunteers rather than two
            # when two would leave the roll fewer than five rows, and only their heading
            # (Show brings them back) when even one would.
            spare = self._roll_spare()
            if spare >= one_row:
                height = min(height, spare)
            elif self.volunteers.fold_for_room():
                return  # it asks again, for its heading's line
            # (else the teacher pressed Show: the table gets its two rows, the roll less)
        if sizes[1] > limit or sizes[1] < height <= limit:
            self._right.setSizes([max(0, sum(sizes) - height), height])

    def _roll_spare(self) -> int:
        """The height the roll leaves below it with ``ROLL_ROWS_KEPT`` whole rows shown
        (all of the right side before a roll was ever shown). Rows of their full height:
        a short window's shorter rows are for more students in sight (about six then),
        not for the volunteers' table, which folds as it did."""
        total = sum(self._right.sizes())
        if not self.attached or not self.roll.isVisible():
            return total
        view = self.roll.view
        around = self.roll.height() - view.viewport().height()
        return (
            total - around - ROLL_ROWS_KEPT * max(ROW_HEIGHT, view.rowHeight(0))
            if view.model().rowCount()
            else total
        )

    def _expose_parts(self) -> None:
        """The parts' widgets under the names the page has always had (tests, scripts)."""
        self.prev_day_button = self.day_bar.prev_day_button
        self.next_day_button = self.day_bar.next_day_button
        self.today_button = self.day_bar.today_button
        self.date_edit = self.day_bar.date_edit
        self.missing_banner = self.banner
        self.missing_label = self.banner.label
        self.missing_button = self.banner.button
        self.day_title = self.sessions.title
        self.sessions_model = self.sessions.model
        self.sessions_view = self.sessions.view
        self.no_sessions_label = self.sessions.no_sessions_label

    def _expose_roll_parts(self) -> None:
        self.roll_model = self.roll.model
        self.roll_view = self.roll.view
        self.session_title = self.roll.title
        self.progress_label = self.roll.progress_label
        self.save_label = self.roll.save_label
        self.past_label = self.roll.past_label
        self.cancelled_box = self.roll.cancelled_box
        self.cancelled_label = self.roll.cancelled_label
        self.restore_button = self.roll.restore_button
        self.code_buttons = self.roll.code_buttons
        self.clear_button = self.roll.clear_button
        self.note_button = self.roll.note_button
        self.all_present_button = self.roll.all_present_button
        self.sign_out_button = self.roll.sign_out_button
        self.undo_button = self.roll.undo_button
        self.redo_button = self.roll.redo_button
        self.order_box = self.roll.order_box
        self.keys_help = self.roll.keys_help

    def _add_undo_shortcuts(self) -> None:
        for standard, extra, slot in (
            (QKeySequence.StandardKey.Undo, "Ctrl+Z", self.editor.undo),
            (QKeySequence.StandardKey.Redo, "Ctrl+Y", self.editor.redo),
        ):
            keys: list[QKeySequence] = []
            for seq in [*QKeySequence.keyBindings(standard), QKeySequence(extra)]:
                if not seq.isEmpty() and seq not in keys:
                    keys.append(seq)
            shortcut = QShortcut(self)
            shortcut.setKeys(keys)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- staff ------------------------------------------------------------------------

    def _staff_key(self) -> str:
        return settings.register_staff(self.hub_id).key

    def _load_staff(self) -> None:
        staff = self.services.hubs.staff_for_hub(self.hub_id)
        self.staff_box.blockSignals(True)
        self.staff_box.clear()
        for member, label in zip(staff, people_labels(staff), strict=True):
            self.staff_box.addItem(label, member.id)
        if not staff:
            self.staff_box.addItem(tr("(no staff set up)"), None)
        #: who was last chosen on this laptop: takes the roll of a session with no teacher
        self._laptop_choice = self.services.store.get_meta(self._staff_key())
        if self._laptop_choice and (i := self.staff_box.findData(self._laptop_choice)) >= 0:
            self.staff_box.setCurrentIndex(i)
        else:
            teachers = [i for i, m in enumerate(staff) if m.role == "teacher"]
            self.staff_box.setCurrentIndex(teachers[0] if teachers else 0)
        self.staff_box.blockSignals(False)
        if self.session is not None:
            self._pick_staff(self.session)

    def _pick_staff(self, info: SessionInfo) -> None:
        """Who takes this roll: whoever was chosen for it here, else the session's
        teacher, else the one last chosen on this laptop."""
        for wanted in (self._chosen_for.get(info.id), info.teacher_id, self._laptop_choice):
            index = self.staff_box.findData(wanted) if wanted else -1
            if index >= 0:
                self.staff_box.blockSignals(True)
                self.staff_box.setCurrentIndex(index)
                self.staff_box.blockSignals(False)
                return

    def _staff_changed(self) -> None:
        staff_id = self.staff_box.currentData()
        if staff_id:
            if self.session is not None:
                self._chosen_for[self.session.id] = str(staff_id)
            self._laptop_choice = str(staff_id)
            self.services.store.set_meta(self._staff_key(), str(staff_id))

    @property
    def staff_id(self) -> str | None:
        """Who is taking roll (recorded on every mark)."""
        value = self.staff_box.currentData()
        return str(value) if value else None

    # -- this computer's clock ------------------------------------------------------------

    def check_clock(self, then: Callable[[dt.date | None], object] | None = None) -> None:
        """Compare this computer's clock with what the register recorded, in the
        background (a read of two settings on the database thread, never the UI thread's
        work); the band shows, changes or goes. At attach, again after each sync (one that
        set the register's clock right takes the band away), and whenever the window looks
        whether the computer's date moved (every minute, and when the app comes back to
        the front): a clock set right, or gone wrong, while the register is open.

        ``then(day)`` follows on the UI thread: this computer's date now (None if the
        check failed). Checks asked for while one waits for the database thread are that
        one; asked for once it has begun reading (it may have read before what changed),
        one more follows it, and only that one's answer counts."""
        if then is not None:
            self._after_clock_check.append(then)
        pending = self._clock_check
        if pending is not None and not pending.progress.cancelled:
            self._clock_check_again = self._clock_check_again or self._clock_read_begun[0]
            return
        begun = [False]

        def read(s: Services) -> tuple[ClockBehind | None, dt.date, ClockAhead | None]:
            begun[0] = True  # on the database thread; read on the UI thread later
            return s.clock.behind(), s.clock.today(), s.clock.ahead()

        self._clock_read_begun = begun
        self._clock_check = (
            QueryOp(self.tasks, op=read, success=self._clock_checked, parent=self)
            .failure(self._clock_check_failed)
            .run_in_background()
        )

    def _check_clock_again(self) -> bool:
        """The check that answered may have read before something changed that a later
        call asked about: check once more (its answer counts, not this one's)."""
        self._clock_check = None
        if not self._clock_check_again:
            return False
        self._clock_check_again = False
        self.check_clock()
        return True

    def _clock_checked(self, found: tuple[ClockBehind | None, dt.date, ClockAhead | None]) -> None:
        if self._check_clock_again():
            return
        self._clock_compared = True
        behind, day, ahead = found
        shown = self._clock_band_shown()
        # ahead: said only when the date is not behind (that band says what matters)
        if ahead is not None and self.clock_ahead is None:
            log.warning(
                "this computer's clock is ahead of what the sync server last vouched for (%s)",
                "certain" if ahead.certain else "maybe",
            )
        self.clock_ahead = ahead if behind is None else None
        self.clock_ahead_banner.show_ahead(self.clock_ahead)
        if (
            day != self.today
            and behind is not None
            and behind.certain
            and not self._today_certainly_wrong
        ):
            # The computer's date went wrong while the register was open on a day it
            # trusted: the register stays on that day (no question before a mark: marks
            # still land on it), and the band says the computer's date is wrong.
            if self.date_gone_wrong is None:
                log.warning(
                    "this computer's clock went %d days behind what the register recorded",
                    behind.behind.days,
                )
            self.date_gone_wrong = behind
            self.clock_banner.show_gone_wrong(behind.now.date(), behind.recorded.date(), self.today)
            self._band_toggled(shown)
            self.clockChecked.emit(self.clock_behind)
            self._clock_answered(day)
            return
        self.date_gone_wrong = None
        if behind is None and self.clock_behind is not None and day != self.today:
            # The computer's date was changed while the register was open on the wrong
            # "today": the band stays until Harmony opens on the new day (the window
            # does so by itself when nothing is asked), as it says.
            behind = self.clock_behind
        was = self.clock_behind
        judged_on = self.volunteers.judged_on()
        self.clock_behind = behind
        self.wrong_day.behind = behind
        if self.volunteers.judged_on() != judged_on:  # their clearances: another day
            self.volunteers.reload()
        if behind is None:
            self.clock_banner.hide()
        else:
            if was is None:
                log.warning(
                    "this computer's clock is %d days behind what the register recorded",
                    behind.behind.days,
                )
            self.clock_banner.show_behind(
                behind.now.date(), behind.recorded.date(), certain=behind.certain
            )
        self._band_toggled(shown)
        self.clockChecked.emit(behind)
        self._clock_answered(day)

    def _clock_check_failed(self, exc: Exception) -> None:
        # Only a warning is lost: the register works as before.
        if self._check_clock_again():
            return
        log.warning("could not compare the clock with the register: %s", type(exc).__name__)
        self.clockChecked.emit(None)
        self._clock_answered(None)

    def _clock_answered(self, day: dt.date | None) -> None:
        waiting, self._after_clock_check = self._after_clock_check, []
        for then in waiting:
            then(day)

    @property
    def _today_certainly_wrong(self) -> bool:
        """The register's own "today" is certainly wrong (it opened on a wrong date)."""
        return self.clock_behind is not None and self.clock_behind.certain

    def _band_toggled(self, shown: bool) -> None:
        """After a check: if the band came or went (``shown``: it was shown before) the
        roll under it grew or shrank by its height; the student the teacher is on stays in
        sight."""
        if shown != self._clock_band_shown() and self.session is not None:
            QTimer.singleShot(0, self.roll.keep_current_in_sight)

    def _clock_band_shown(self) -> bool:
        """Whether a band about this computer's clock is over the register."""
        return not (self.clock_banner.isHidden() and self.clock_ahead_banner.isHidden())

    def _on_wrong_day(self, retry: Callable[[], None]) -> bool:
        """True when a write to the open roll would land on this computer's wrong
        "today": then the teacher is asked once, and ``retry`` runs if they go on."""
        if self.session is None or not self.wrong_day.needed(self.session.date):
            return False
        if self.active_dialog is None:  # else already asking
            self.wrong_day.ask(self, self._open_dialog, retry)
        return True

    def _ask_wrong_day(self, day: dt.date | None, retry: Callable[[], None], action: str) -> bool:
        """True when ``action`` (cancelling, adding a session) dated ``day`` would land on
        this computer's wrong "today": then the question is asked (unless one is open),
        and ``retry`` runs if the teacher goes on."""
        if not self.wrong_day.needed(day):
            return False
        if self.active_dialog is None:
            self.wrong_day.ask(self, self._open_dialog, retry, action)
        return True

    # -- days ---------------------------------------------------------------------------

    def set_day(self, day: dt.date) -> None:
        """Show the sessions of ``day``."""
        if day != self.day or not self.sessions_model.rowCount():
            self.load_day(day)

    def load_day(self, day: dt.date, *, select: str | None = None) -> None:
        """Load ``day`` in the background; keep the open session if it is on that day."""
        self._select_after_load = select or (self.session.id if self.session else None)
        self._show_day(day)
        generation = self._load_generation
        hub_id, today = self.hub_id, self.today
        QueryOp(
            self.tasks,
            op=lambda s: self._read_day(s, hub_id, day, today),
            success=lambda view: self._day_loaded(view, generation),
            parent=self,
        ).failure(self._load_failed).run_in_background()

    @staticmethod
    def _read_day(s: Services, hub_id: str, day: dt.date, today: dt.date) -> DayView:
        """The day's sessions and the flag; on a day without any, the hub's set-up."""
        sessions = s.sessions.for_day(hub_id, day)
        missing = s.sessions.missing_rolls(hub_id, today)
        return DayView(day, sessions, missing, None if sessions else s.sessions.setup(hub_id))

    def _show_day(self, day: dt.date) -> None:
        """Title the page with ``day``; a load under way for another day is dropped."""
        self.day = day
        self._load_generation += 1
        self.day_bar.show_day(day)
        self.sessions.show_day(day)
        self.dayChanged.emit(day)

    def reload_day(self) -> None:
        """Load the shown day again (after a cancel, restore or new session)."""
        self.load_day(self.day)

    def _day_loaded(self, view: DayView, generation: int) -> None:
        if generation != self._load_generation:
            return  # the teacher moved on to another day meanwhile
        self.sessions.set_sessions(view.sessions, view.setup)
        self.placeholder.setText(placeholder_text(view))
        self._setup_unread = not view.sessions and view.setup is None
        self.missing = self.banner.show_missing(view.missing, self.today)
        wanted = self._select_after_load
        self._select_after_load = None
        if wanted and self.sessions.select(wanted):
            if self.session and self.session.id == wanted:
                row = self.sessions_model.row_of(wanted)
                self.session = self.sessions_model.session(row)
                self._refresh_session_header()
        else:
            self._show_session(None)
            self.sessions.point_at(self._session_now(view.sessions))
        self.dayLoaded.emit()

    def _session_now(self, sessions: list[SessionInfo]) -> str | None:
        """The session Enter should open: the one on now, else the next one, else the
        last one that ended (on another day: the first)."""
        live = [s for s in sessions if s.state != RollState.CANCELLED] or sessions
        if not live:
            return None
        if self.day != self.today:
            return live[0].id
        now = self.clock()
        for info in live:
            if info.start <= now <= info.end or now < info.start:
                return info.id
        return live[-1].id

    def _load_failed(self, exc: Exception) -> None:
        self._set_save_text(tr("Could not load the day: {error}").format(error=exc), error=True)

    # -- sessions ---------------------------------------------------------------------------

    def _show_volunteers(self, session_id: str) -> None:
        """The volunteers of the roll just opened, with its hours (a sign-in outside them
        asks for the time)."""
        info = self.session
        hours = (info.start, info.end) if info is not None and info.id == session_id else None
        self.volunteers.show_session(
            session_id, self.day, hours, planned=self.editor.planned(session_id)
        )

    def _session_selected(self, info: SessionInfo) -> None:
        if self.session is not None and self.session.id == info.id:
            self.session = info
            if self.volunteers.session_id == info.id:  # its hours may have changed
                self.volunteers.session_hours = (info.start, info.end)
            self._refresh_session_header()
            return
        self.open_session(info)

    def open_session(self, info: SessionInfo) -> None:
        """Show the roll of ``info``: stored (if only scheduled) and read in the background.

        On a certainly wrong "today" (the wrong-day question's day) a session not stored
        yet is only read: nothing is written until the teacher's first write on it goes
        ahead, which stores it (:attr:`RollEditor.unstored`). Before this computer's clock
        was first compared (a key pressed as the window opens), the opening compares it.

        Until it arrives the panel says so and no key marks anything, so a mark can never
        land on the previous session's roll.
        """
        self.editor.clear_history()
        self.editor.unstored = None
        self.roll_ready = False
        self._opening = info.id
        self._roll_generation += 1
        self.roll_model.set_entries([])
        self._show_session(info)
        self._set_save_text("")
        wrong_day = self.wrong_day.needed(info.date)
        unknown = (  # the clock not compared yet: the opening compares it
            not self._clock_compared and info.date == self.today and not self.wrong_day.accepted
        )

        def load(s: Services) -> tuple[SessionInfo, list[RollEntry], bool]:
            if info.state == RollState.CANCELLED:
                return info, s.roll.roll(info.id) if info.stored else [], False
            if not info.stored and (wrong_day or (unknown and _wrong_today(s, info.date))):
                return info, s.roll.roll(info.id, planned=info), False  # nothing written
            opened = s.sessions.open(info)
            return opened, s.roll.roll(opened.id), not info.stored

        QueryOp(self.tasks, op=load, success=self._roll_loaded, parent=self).failure(
            self._roll_failed
        ).run_in_background()

    def _roll_loaded(self, loaded: tuple[SessionInfo, list[RollEntry], bool]) -> None:
        info, entries, stored_now = loaded
        if stored_now:  # opening stored the scheduled session: the others hear of it
            self.tasks.notify(Changes(sessions=True), self)
        if info.id != self._opening:
            return  # the teacher picked another session meanwhile
        self.editor.unstored = None if info.stored else info
        self.roll_model.set_entries(entries)
        if info.state != RollState.CANCELLED:
            self.sessions_model.replace_session(info)
        self.roll_ready = True
        self._show_session(info)
        self.roll.go_to_first_unrecorded()
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
        if info is not None:
            self._pick_staff(info)
        self.roll_stack.setCurrentIndex(0 if info is None else 1)
        if info is None and self.attached:
            self.roll_model.set_entries([])
        self._refresh_session_header()

    def _refresh_session_header(self) -> None:
        self._update_actions()
        if self.session is not None:
            self.roll.show_session(self.session, self.today, ready=self.roll_ready)

    # -- someone else wrote -------------------------------------------------------------

    def _changed_elsewhere(self, changes: Changes, initiator: object) -> None:
        """A sync, the roster or the review page changed what the register shows."""
        if changes.sync and self.attached:
            self.check_clock()  # a sync may have set the register's clock right
        if initiator in (self, self.editor) or not changes.register:
            return
        if changes.setup:
            self._load_staff()  # staff or an ensemble's teacher may have changed
        self.load_day(self.day)  # keeps the open session, refreshes counts and the flag
        if self.session is not None and self.roll_ready:
            self._refresh_roll(self.session.id)

    def _refresh_roll(self, session_id: str) -> None:
        """Read the open roll again without closing it (keys keep marking meanwhile)."""
        generation = self._roll_generation
        planned = self.editor.planned(session_id)
        QueryOp(
            self.tasks,
            op=lambda s: s.roll.roll(session_id, planned=planned),
            success=lambda entries: self._roll_refreshed(session_id, generation, entries),
            parent=self,
        ).failure(self._roll_failed).run_in_background()

    def _roll_refreshed(self, session_id: str, generation: int, entries: list[RollEntry]) -> None:
        if self.session is None or self.session.id != session_id:
            return
        if generation != self._roll_generation:
            self._refresh_roll(session_id)  # a mark was written meanwhile: read it again
            return
        current = self.roll.current_entry()
        self.roll_model.refresh(entries)
        if current is not None:
            self.roll.go_to(current.student_id)
        self._after_roll_changed()

    # -- marking ----------------------------------------------------------------------

    def _can_mark(self) -> bool:
        return (
            self.attached
            and self.roll_ready
            and self.session is not None
            and self.session.state != RollState.CANCELLED
            and self.roll_model.rowCount() > 0
        )

    def _may_mark(self, retry: Callable[[], None]) -> bool:
        """``_can_mark``, saying why not when the session is cancelled (a key pressed on
        a cancelled session otherwise did nothing, without a word); on a wrong "today"
        (this computer's clock is behind), asking once first (``retry`` goes on)."""
        if self._can_mark():
            return not self._on_wrong_day(retry)
        cancelled = self.session is not None and self.session.state == RollState.CANCELLED
        if self.attached and cancelled:
            self._set_save_text(
                tr("This session is cancelled. Restore it (Restore session) to take roll."),
                error=True,
            )
        return False

    def mark_current(self, code: str) -> None:
        """Mark the current student ``code``; late and left early ask for a time first."""
        entry = self.roll.current_entry()
        info = self._code_info.get(code)
        if not self._may_mark(lambda: self.mark_current(code)) or entry is None or info is None:
            return
        if info.early_departure:
            departure = self._departure_dialog(entry, info.label, with_reason=True)
            if departure is None:
                return
            departure.on_submit = lambda: self._apply_mark(
                entry.student_id,
                code,
                departure_time=departure.departure(),
                reason=departure.reason(),
                dismissal=departure.dismissal(),
            )
            self._open_dialog(departure)
        elif info.tardy:
            assert self.session is not None
            arrival = ArrivalDialog(
                entry.display_name,
                info.label,
                entry.mark.arrival_time or self._default_time(leaving=False),
                (self.session.start, self.session.end),
                self,
            )
            arrival.on_submit = lambda: self._apply_mark(
                entry.student_id, code, arrival_time=arrival.arrival()
            )
            self._open_dialog(arrival)
        else:
            self._apply_mark(entry.student_id, code)

    def _apply_mark(
        self,
        student_id: str,
        code: str,
        *,
        arrival_time: dt.time | None = None,
        departure_time: dt.time | None = None,
        reason: str | None = None,
        dismissal: Dismissal | None = None,
    ) -> str | None:
        """Write the mark; what the teacher must read when it could not be saved."""
        assert self.session is not None
        row = self.roll_model.row_of(student_id)
        before = self.roll_model.entry(row).mark
        stored = self.editor.mark(
            self.session.id,
            student_id,
            code,
            before,
            arrival_time=arrival_time,
            departure_time=departure_time,
            reason=reason,
            dismissal=dismissal,
        )
        if stored and row == self.roll.current_row():
            self.roll_view.step_row(1)
        return None if stored else self.editor.last_failure

    def _default_time(self, *, leaving: bool) -> dt.time:
        assert self.session is not None
        info = self.session
        return default_time(
            info.date, info.start, info.end, self.today, self.clock(), leaving=leaving
        )

    def _departure_dialog(
        self, entry: RollEntry, title: str, *, with_reason: bool
    ) -> DepartureDialog | None:
        """The left-early or sign-out dialog of ``entry``: who may take them, who did."""
        assert self.session is not None
        try:
            pickup = self.services.roll.pickup_info(entry.student_id)
            leads = self.services.roll.site_leads(self.hub_id)
        except HarmonyError as exc:
            self._set_save_text(str(exc), error=True)
            return None
        mark = entry.mark
        return DepartureDialog(
            entry.display_name,
            title,
            (mark.departure_time if with_reason else mark.collected_at)
            or self._default_time(leaving=True),
            (self.session.start, self.session.end),
            pickup,
            leads,
            self,
            reason=mark.reason,
            with_reason=with_reason,
            arrived=mark.arrival_time,
        )

    def sign_out_current(self) -> None:
        """Sign the current student out: who collected them, or that they walked home."""
        entry = self.roll.current_entry()
        if not self._may_mark(self.sign_out_current) or entry is None:
            return
        info = self._code_info.get(entry.mark.code or "")
        if info is None or not info.counts_present:
            self._set_save_text(
                tr("Only a student marked present can be signed out. Mark them first."),
                error=True,
            )
            return
        assert self.session is not None
        session_id = self.session.id
        dialog = self._departure_dialog(entry, tr("Sign out"), with_reason=False)
        if dialog is None:
            return

        def save() -> str | None:
            current = self.roll_model.entry(self.roll_model.row_of(entry.student_id)).mark
            stored = self.editor.sign_out(session_id, entry.student_id, dialog.dismissal(), current)
            if not stored:
                return self.editor.last_failure  # the dialog stays open, the choice kept
            if self.roll.current_entry() == entry:
                self.roll_view.step_row(1)
            return None

        dialog.on_submit = save
        self._open_dialog(dialog)

    def clear_current(self) -> None:
        """Set the current student back to not recorded."""
        entry = self.roll.current_entry()
        if not self._may_mark(self.clear_current) or entry is None or entry.mark.code is None:
            return
        assert self.session is not None
        self.editor.clear(self.session.id, entry.student_id, entry.mark)

    def edit_note(self) -> None:
        """Add or change the note on the current student's mark."""
        entry = self.roll.current_entry()
        if not self._may_mark(self.edit_note) or entry is None:
            return
        assert self.session is not None
        session_id = self.session.id
        dialog = NoteDialog(entry.display_name, entry.mark.note, self)

        def save() -> str | None:
            current = self.roll_model.entry(self.roll_model.row_of(entry.student_id)).mark
            if self.editor.set_note(session_id, entry.student_id, dialog.note(), current):
                return None
            return self.editor.last_failure  # the dialog stays open, the text kept

        dialog.on_submit = save
        self._open_dialog(dialog)

    def mark_remaining_present(self) -> None:
        """Mark every student not yet recorded present, in one undoable step."""
        if not self._may_mark(self.mark_remaining_present):
            return
        assert self.session is not None
        before = {e.student_id: e.mark for e in self.roll_model.entries()}
        self.editor.mark_remaining_present(self.session.id, before)

    def _stored(
        self, session_id: str, written: list[tuple[str, MarkState]], replayed: bool
    ) -> None:
        """The editor wrote marks: show them, then say they are saved."""
        self._roll_generation += 1
        on_screen = self.session is not None and self.session.id == session_id
        if on_screen:
            for student_id, state in written:
                self.roll_model.update_mark(student_id, state)
            if replayed and written:  # undo/redo: to the first student it changed
                rows = [self.roll_model.row_of(student_id) for student_id, _state in written]
                shown = [row for row in rows if row >= 0]
                if shown:
                    self.roll.go_to(self.roll_model.entry(min(shown)).student_id)
        self._after_roll_changed()
        self._set_save_text(_saved_text())
        for student_id, state in written:
            self.markSaved.emit(student_id, state.code or "")

    def _after_roll_changed(self) -> None:
        if self.session is not None:
            self.sessions_model.set_recorded(self.session.id, self.roll_model.recorded_count())
            row = self.sessions_model.row_of(self.session.id)
            if row >= 0:
                self.session = self.sessions_model.session(row)
            self._refresh_session_header()

    def _set_save_text(self, text: str, *, error: bool = False) -> None:
        self.roll.set_save_text(text, error=error)

    def _update_actions(self) -> None:
        if self.attached:  # before, no roll can be open
            self.roll.set_actions(
                can_mark=self._can_mark(),
                can_undo=self.undo_stack.canUndo(),
                can_redo=self.undo_stack.canRedo(),
            )
        self.cancel_button.setEnabled(
            self.session is not None and self.session.state != RollState.CANCELLED
        )

    # -- dialogs ----------------------------------------------------------------------

    def _open_dialog(self, dialog: QWidget) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()
        self.roll_view.setFocus()

    # -- cancel, restore, ad-hoc --------------------------------------------------------

    def cancel_session(self) -> None:
        """Ask why, then cancel the open session; on this computer's wrong "today" (its
        clock is behind), asking once first whether to go on."""
        info = self.session
        if info is None or info.state == RollState.CANCELLED:
            return
        if self._ask_wrong_day(info.date, self.cancel_session, CANCEL):
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
        """Add a rehearsal, performance or masterclass, then open it; when the day shown
        (the dialog's first date) is this computer's wrong "today", asking once first."""
        if self._ask_wrong_day(self.day, self.add_ad_hoc, ADD):
            return
        ensembles = [(e.id, e.name) for e in self.services.hubs.ensembles(self.hub_id)]
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
                self.tasks.notify(Changes(sessions=True), self)
                self.load_day(day, select=sid)

        dialog.accepted.connect(done)
        self._open_dialog(dialog)

    def _after_session_change(self, session_id: str) -> None:
        self.session = None  # reopen it fresh after the reload
        self.tasks.notify(Changes(sessions=True), self)
        self._set_save_text(_saved_text())
        self.load_day(self.day, select=session_id)

    def shutdown(self) -> None:
        """Drop the undo history (its commands refer to this page's editor)."""
        self.editor.clear_history()


def _wrong_today(services: Services, day: dt.date) -> bool:
    """Whether this computer's clock, compared now (on the database thread), says ``day``
    and is certainly wrong."""
    behind = services.clock.behind()
    return behind is not None and behind.certainly_wrong_on(day)


def choose_text() -> str:
    """Where the roll will be, before a session is chosen."""
    return tr(
        "Choose a session to take roll.\n\nKeyboard: ↑/↓ choose a session, Enter goes to its roll."
    )


def placeholder_text(view: DayView) -> str:
    """What the roll's place says for a loaded day: choose a session; or, on a day without
    any, why (what a new hub still lacks is said under the day's list, with its button)."""
    if view.sessions:
        return choose_text()
    _text, leads_to = empty_day(view.setup)
    if leads_to is not None:
        return tr(
            "There is no roll to take yet: what this hub still needs, and a button to it, "
            "are under the day's list."
        )
    return tr(
        "No sessions on this day.\n\nChoose another day with ◀ ▶ or the date above, or add "
        "a one-off session with the “Add session…” button."
    )
