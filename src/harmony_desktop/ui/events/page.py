"""The Events tab: the hub's family events, masterclasses and performances.

The list shows each event with what it reached. A family event opens its roll
(``family.py``); a masterclass shows its guest and who is invited (its roll is taken in
the Register, like any session); a performance shows its venue, performers and audience,
which can be recorded here. Loading goes through the task manager; the tab reloads when
the change notice says events, sessions or marks changed, and when this computer's date
turns (a laptop left open past midnight).

The list spans the year before today and the six months after, today being this
computer's date unless the register knows that date is certainly wrong (its clock is
behind what was already recorded): then the newest day recorded, and a red band says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.vocab import FamilyEventKind
from harmony_desktop.services.clock_check import at_least
from harmony_desktop.services.context import Services
from harmony_desktop.services.events import (
    FamilyEventInfo,
    MasterclassInfo,
    PerformanceInfo,
)
from harmony_desktop.ui.events.dialogs import (
    EventDialog,
    FamilyEventDialog,
    MasterclassDialog,
    PerformanceDialog,
    audience_box,
    audience_value,
    checked,
)
from harmony_desktop.ui.events.family import FamilyRollPanel
from harmony_desktop.ui.events.models import (
    EventColumn,
    EventRow,
    EventsModel,
    event_rows,
    tr,
    wrap_title,
)
from harmony_desktop.ui.language import date_text, time_text
from harmony_desktop.ui.operations import QueryOp
from harmony_desktop.ui.screen_fit import available_geometry
from harmony_desktop.ui.tasks import Changes, TaskManager
from harmony_desktop.ui.wrong_day import DAY_CHECK_MS, JudgedDayBand

if TYPE_CHECKING:
    from harmony_desktop.ui.wrong_day import WrongDayQuestion

Loaded = tuple[list[EventRow], dt.date]

#: The "Reached" column is at most this wide (pixels): the title keeps the rest.
FIGURE_MOST = 140


def _fits(metrics: QFontMetrics, text: str, width: int, *, lines: int) -> bool:
    """``text`` whole in ``width`` pixels of ``metrics``' font, wrapped at its spaces onto
    ``lines`` lines at most."""
    box = metrics.boundingRect(QRect(0, 0, max(1, width), 100000), Qt.TextFlag.TextWordWrap, text)
    return box.width() <= width and box.height() <= lines * metrics.lineSpacing()


class SessionDetails(QWidget):
    """A masterclass or a performance: what it is, who came; a performance's audience."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel()
        self.title.setAccessibleName(tr("Event"))
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold")
        wrap_title(self.title)
        layout.addWidget(self.title)
        self.facts = QLabel()
        self.facts.setAccessibleName(tr("About the event"))
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.facts)
        self.performance_box = QWidget()
        form = QFormLayout(self.performance_box)
        self.venue = QLineEdit()
        self.venue.setAccessibleName(tr("Venue"))
        self.on_site = QCheckBox(tr("At the hub"))
        self.on_site.setAccessibleName(tr("On site"))
        self.audience = audience_box()
        self.audience.setAccessibleName(tr("Audience"))
        self.save_button = QPushButton(tr("Sav&e"))
        self.save_button.setAccessibleName(tr("Save the performance"))
        form.addRow(tr("&Venue:"), self.venue)
        form.addRow(tr("&On site:"), self.on_site)
        form.addRow(tr("A&udience:"), self.audience)
        form.addRow(self.save_button)
        layout.addWidget(self.performance_box)
        self.message = QLabel()
        self.message.setAccessibleName(tr("Save status"))
        layout.addWidget(self.message)
        layout.addStretch(1)

    def show_masterclass(self, m: MasterclassInfo) -> None:
        """A masterclass's guest, invitations and attendance."""
        self.title.setText(m.title or m.ensemble_name)
        invited = ", ".join([m.ensemble_name, *m.invited])
        self.facts.setText(
            tr(
                "<p>Masterclass on {date}, {start}–{end}, with <b>{guest}</b>.</p>"
                "<p>Invited: {invited}.</p>"
                "<p>Present {present} of {expected} · absent {absent} · not recorded "
                "{unrecorded} · {hours} student hours (reported apart from ensemble hours)."
                "</p><p>Take its roll in the Register, on its day.</p>"
            ).format(
                date=date_text(m.date), start=time_text(m.start), end=time_text(m.end),
                guest=m.guest_artist, invited=invited, present=m.roll.present,
                expected=m.roll.expected, absent=m.roll.absent, unrecorded=m.roll.unrecorded,
                hours=m.student_hours,
            )
        )  # fmt: skip
        self.performance_box.hide()
        self.message.clear()

    def show_performance(self, p: PerformanceInfo) -> None:
        """A performance's venue, performers and audience (editable)."""
        self.title.setText(p.title or p.ensemble_name)
        self.facts.setText(
            tr(
                "<p>{ensemble}, {date} {start}–{end}.</p><p>Performers (present on its roll, "
                "taken in the Register): <b>{performers}</b> of {expected}.</p>"
            ).format(
                ensemble=p.ensemble_name, date=date_text(p.date), start=time_text(p.start),
                end=time_text(p.end), performers=p.roll.present, expected=p.roll.expected,
            )
        )  # fmt: skip
        self.venue.setText(p.venue)
        self.on_site.setChecked(p.on_site)
        self.audience.setValue(-1 if p.audience_count is None else p.audience_count)
        self.performance_box.show()
        self.message.clear()


class EventsPage(QWidget):
    """Family events, masterclasses and performances of one hub."""

    loaded = Signal(int)
    """The list was (re)loaded: number of events."""

    def __init__(
        self,
        services: Services,
        hub_id: str,
        tasks: TaskManager,
        *,
        staff: Callable[[], str | None] | None = None,
        today: dt.date | None = None,
        wrong_day: WrongDayQuestion | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub_id = hub_id
        self.tasks = tasks
        #: the day given (tests, screenshots); None: this computer's date, read each load
        self._given_today = today
        #: this computer's date at the last load
        self.today = self.computer_today()
        #: the day the list was centred on at the last load: :attr:`today`, or the newest
        #: day the register recorded when this computer's date is certainly wrong
        self.judged_on = self.today
        self.current: EventRow | None = None
        self.active_dialog: QWidget | None = None
        self._generation = 0
        self._select_next: str | None = None
        # The event just added: the keyboard goes to it once it is listed (a family
        # event's roll once its adults are read), not back to the "New …" button.
        self._focus_next: str | None = None
        self.setAccessibleName(tr("Events"))

        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Which events"))
        for label, value in (
            (tr("All events"), ""),
            (tr("Family events"), "family"),
            (tr("Masterclasses"), "masterclass"),
            (tr("Performances"), "performance"),
        ):
            self.kind.addItem(label, value)
        self.kind_label = QLabel(tr("Sho&w:"))
        self.kind_label.setBuddy(self.kind)
        self.new_family = QPushButton(tr("&New family event…"))
        self.new_masterclass = QPushButton(tr("New &masterclass…"))
        self.new_performance = QPushButton(tr("New &performance…"))
        for b in (self.new_family, self.new_masterclass, self.new_performance):
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
        self.message = QLabel()
        self.message.setAccessibleName(tr("Event messages"))
        self.wrong_day_band = JudgedDayBand()

        self.model = EventsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Events"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setAccessibleName(tr("Event rows"))
        header = self.view.horizontalHeader()
        header.setAccessibleName(tr("Event columns"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The title takes what the date, the kind and "Reached" leave (wrapping onto a
        # second line), so the list never scrolls sideways, even on a 1024-pixel netbook;
        # the date has its time under it, the kind is as wide as its two lines need and
        # "Reached" as its longest line (its figures on two lines; see :meth:`_fit`),
        # whole on hover.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(EventColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(EventColumn.DATE, self._date_width())
        self.view.setColumnWidth(EventColumn.WHAT, 100)

        self.family = FamilyRollPanel(services, tasks, staff, wrong_day=wrong_day)
        self.details = SessionDetails()
        self.placeholder = QLabel(tr("Choose an event, or add one."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setAccessibleName(tr("No event chosen"))
        self.stack = QStackedWidget()
        for widget in (self.placeholder, self.family, self.details):
            self.stack.addWidget(widget)

        bar = QHBoxLayout()
        bar.addWidget(self.kind_label)
        bar.addWidget(self.kind)
        bar.addStretch(1)
        for b in (self.new_family, self.new_masterclass, self.new_performance):
            bar.addWidget(b)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.stack)
        # 545 of 1280 pixels for the list; on a narrower screen (a 1024-pixel netbook)
        # no less than 520, so its titles keep a readable column.
        room = min(1280, available_geometry(self).width())
        listed = max(545 * room // 1280, min(520, room // 2))
        splitter.setSizes([listed, room - listed])
        layout = QVBoxLayout(self)
        layout.addWidget(self.wrong_day_band)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.kind.currentIndexChanged.connect(
            lambda _i: self.model.set_kind(str(self.kind.currentData()))
        )
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._chosen(cur.row())
        )
        self.new_family.clicked.connect(self.add_family_event)
        self.new_masterclass.clicked.connect(self.add_masterclass)
        self.new_performance.clicked.connect(self.add_performance)
        self.details.save_button.clicked.connect(self.save_performance)
        self.family.loaded.connect(self._family_roll_loaded)
        tasks.changed.connect(self._on_changes)
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_day)
        self.day_timer.start()
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the events of the last year and the next six months."""
        hub_id = self.hub_id
        self.today = today = self.computer_today()
        self._generation += 1
        generation = self._generation

        def load(s: Services) -> Loaded:
            # Around the day it at least really is: the register's, if this date is wrong.
            day = at_least(today, s.clock.behind())
            first = day - dt.timedelta(days=365)
            last = day + dt.timedelta(days=183)
            rows = event_rows(
                s.events.family_events(hub_id, first, last),
                s.events.masterclasses(hub_id, first, last),
                s.events.performances(hub_id, first, last),
            )
            return rows, day

        QueryOp(
            self.tasks, op=load, success=lambda got: self._loaded(got, generation), parent=self
        ).failure(lambda exc: self._say(str(exc), error=True)).run_in_background()

    def _loaded(self, got: Loaded, generation: int) -> None:
        if generation != self._generation:
            return
        rows, self.judged_on = got
        self.wrong_day_band.show_judged(
            self.today,
            self.judged_on,
            tr(
                "It says {today}, but this register already has changes from {recorded}, "
                "the earliest today can be: the events listed are those of the year before "
                "that day and the six months after. Set the date and time in this "
                "computer's settings, then close and reopen Harmony."
            ),
        )
        wanted, self._select_next = (
            self._select_next or (self.current.id if self.current else None),
            None,
        )
        self.model.set_rows(rows)
        self._fit()
        row = self.model.row_of(wanted) if wanted else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        if self._focus_next is not None and self._focus_next == wanted:
            event = self.model.event_at(row) if row >= 0 else None
            # a family event's roll is being read: _family_roll_loaded moves there
            if event is None or not isinstance(event.item, FamilyEventInfo):
                self._focus_next = None
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # on its row
        self.loaded.emit(self.model.rowCount())

    def _date_width(self) -> int:
        """The date column: the widest date of a year ("mié 30 dic 2026") or time
        ("12:45 p.m.") on its line, at least its heading."""
        metrics = self.view.fontMetrics()
        first = dt.date(2026, 1, 1)
        lines = [date_text(first + dt.timedelta(days=n)) for n in range(365)]
        lines += [time_text(dt.time(hour, 45)) for hour in (0, 10, 12, 22)]
        heading = self._heading_width(EventColumn.DATE)
        return max(heading + 24, max(metrics.horizontalAdvance(line) for line in lines) + 14)

    def _heading_width(self, column: EventColumn) -> int:
        heading = str(self.model.headerData(column, Qt.Orientation.Horizontal))
        return self.view.horizontalHeader().fontMetrics().horizontalAdvance(heading)

    def _fit(self) -> None:
        """The kind and "Reached" columns as narrow as their text allows: the title keeps
        the rest."""
        self._fit_kind()
        self._fit_figures()

    def _fit_kind(self) -> None:
        """The kind column ("Presentación", "Taller para padres") as narrow as lets each
        kind shown wrap onto two lines at most, at least its heading."""
        metrics = self.view.fontMetrics()
        kinds = {self.model.event_at(i).what for i in range(self.model.rowCount())}
        width = self._heading_width(EventColumn.WHAT) + 24
        for kind in kinds:
            needed = max(metrics.horizontalAdvance(word) for word in kind.split() or [""])
            while needed < metrics.horizontalAdvance(kind) and not _fits(
                metrics, kind, needed, lines=2
            ):
                needed += 2
            width = max(width, needed + 14)
        self.view.setColumnWidth(EventColumn.WHAT, width)

    def _fit_figures(self) -> None:
        """The "Reached" column as wide as its longest figure ("19 participantes",
        "audience 137"; a masterclass's guest is cut, whole on hover), at least its
        heading and at most :data:`FIGURE_MOST`: the title keeps the rest."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        widest = max(
            (
                metrics.horizontalAdvance(line)
                for i in range(self.model.rowCount())
                for line in self._figures(self.model.event_at(i))
            ),
            default=0,
        )
        heading = header.fontMetrics().horizontalAdvance(tr("Reached")) + 24
        width = max(heading, min(FIGURE_MOST, widest + 14))
        self.view.setColumnWidth(EventColumn.FIGURE, width)

    @staticmethod
    def _figures(row: EventRow) -> list[str]:
        """The lines of ``row``'s figure that are figures (not a masterclass's guest)."""
        lines = row.figure_lines.splitlines()
        return lines[:1] if row.kind == "masterclass" else lines

    def _family_roll_loaded(self) -> None:
        """The roll of a family event just added is read: the keyboard goes to it (to
        "Add walk-in…" when the hub has no families yet)."""
        shown = self.family.shown
        if self._focus_next is None or shown is None or shown.id != self._focus_next:
            return
        self._focus_next = None
        panel = self.family
        target = panel.view if panel.model.rowCount() else panel.walk_in_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is self.family:
            self._refresh_figures()
            return
        # after a sync too: the register compares the clock again then
        if changes.events or changes.sessions or changes.marks or changes.roster or changes.sync:
            self.reload()

    def computer_today(self) -> dt.date:
        """This computer's date now (the day given, in tests)."""
        return self._given_today or dt.date.today()

    def check_day(self) -> None:
        """Load again if this computer's date turned since the last load (a laptop left
        open past midnight lists around the new day)."""
        if self.computer_today() != self.today:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """The tab shown: around today's date (it may have turned meanwhile)."""
        super().showEvent(event)
        self.check_day()

    def _refresh_figures(self) -> None:
        """The family roll stored something: the list's figure follows, the roll stays."""
        keep = self.current
        self.reload()
        self.current = keep

    # -- choosing ------------------------------------------------------------------------

    def _chosen(self, row: int) -> None:
        if row < 0:
            self.current = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        event = self.model.event_at(row)
        same = self.current is not None and self.current.id == event.id
        self.current = event
        if isinstance(event.item, FamilyEventInfo):
            if not same or self.stack.currentWidget() is not self.family:
                self.family.show_event(event.item)
            self.stack.setCurrentWidget(self.family)
        elif isinstance(event.item, MasterclassInfo):
            self.details.show_masterclass(event.item)
            self.stack.setCurrentWidget(self.details)
        else:
            self.details.show_performance(event.item)
            self.stack.setCurrentWidget(self.details)

    def select(self, event_id: str) -> None:
        """Choose ``event_id`` if listed."""
        row = self.model.row_of(event_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    # -- adding --------------------------------------------------------------------------

    def _ensembles(self) -> list[tuple[str, str]]:
        """The hub's ensembles for a dialog (a small read; the list may not be loaded)."""
        return [(e.id, e.name) for e in self.services.hubs.ensembles(self.hub_id)]

    def add_family_event(self) -> None:
        """A new family event at this hub."""
        dialog = FamilyEventDialog(self.judged_on, self)

        def submit() -> str | None:
            day, start, end = dialog.times()
            try:
                self._select_next = self.services.events.add_family_event(
                    self.hub_id, day, start, end, title=dialog.title.text(),
                    kind=FamilyEventKind(dialog.kind.currentData()),
                    location=dialog.location.text(), notes=dialog.notes.toPlainText(),
                )  # fmt: skip
            except HarmonyError as exc:
                return str(exc)
            return None

        self._open(dialog, submit)

    def add_masterclass(self) -> None:
        """A new masterclass of one of the hub's ensembles."""
        dialog = MasterclassDialog(self._ensembles(), self.judged_on, self)

        def submit() -> str | None:
            day, start, end = dialog.times()
            try:
                self._select_next = self.services.events.add_masterclass(
                    str(dialog.ensemble.currentData()), day, start, end,
                    title=dialog.title.text(), guest_artist=dialog.guest.text(),
                    invite_ensembles=checked(dialog.invite), on_site=dialog.on_site.isChecked(),
                    location=dialog.location.text(),
                )  # fmt: skip
            except HarmonyError as exc:
                return str(exc)
            return None

        self._open(dialog, submit)

    def add_performance(self) -> None:
        """A new performance of one of the hub's ensembles."""
        dialog = PerformanceDialog(self._ensembles(), self.judged_on, self)

        def submit() -> str | None:
            day, start, end = dialog.times()
            try:
                self._select_next = self.services.events.add_performance(
                    str(dialog.ensemble.currentData()), day, start, end,
                    title=dialog.title.text(), venue=dialog.venue.text(),
                    on_site=dialog.on_site.isChecked(),
                    audience_count=audience_value(dialog.audience),
                )  # fmt: skip
            except HarmonyError as exc:
                return str(exc)
            return None

        self._open(dialog, submit)

    def save_performance(self) -> None:
        """Store the venue, on-site and audience of the performance shown."""
        if self.current is None or not isinstance(self.current.item, PerformanceInfo):
            return
        count = audience_value(self.details.audience)
        try:
            self.services.events.set_performance(
                self.current.id,
                audience_count=count,
                clear_audience=count is None,
                venue=self.details.venue.text(),
                on_site=self.details.on_site.isChecked(),
            )
        except HarmonyError as exc:
            self.details.message.setText(str(exc))
            return
        self.details.message.setText(tr("✓ Saved"))
        self.tasks.notify(Changes(events=True), self)

    def _open(self, dialog: EventDialog, submit: Callable[[], str | None]) -> None:
        dialog.on_submit = submit

        def added() -> None:
            self._focus_next = self._select_next
            self.tasks.notify(Changes(events=True, sessions=True), self)

        dialog.accepted.connect(added)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QWidget) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020" if error else "")

    def shutdown(self) -> None:
        """Nothing runs on its own here; kept for the window's symmetry."""
