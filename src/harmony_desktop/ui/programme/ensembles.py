"""The Ensembles page of the Programme window: a hub's ensembles, each with its teacher,
capacity, grades, days and weekly meetings. Archive, never delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.names import people_labels
from harmony_desktop.services.access import Access
from harmony_desktop.services.context import Services
from harmony_desktop.services.roster import GRADES
from harmony_desktop.services.setup import MAX_CAPACITY, EnsembleRecord, EnsembleSaved
from harmony_desktop.ui.datefield import DateBox
from harmony_desktop.ui.language import date_text, time_text
from harmony_desktop.ui.programme.models import Column
from harmony_desktop.ui.programme.pages import (
    EditorPage,
    button,
    check_box,
    combo,
    line_edit,
    select_data,
    share_columns,
    tr,
)
from harmony_desktop.ui.tasks import TaskManager
from harmony_desktop.ui.timefield import TimeField

Slot = tuple[int, dt.time, dt.time]
# The weekly meetings the Meets table shows without scrolling.
MEETINGS_IN_SIGHT = 4
FAMILIES = ("strings", "woodwinds", "brass", "percussion", "voice", "keyboard", "guitar", "mixed")


def weekday_names() -> list[str]:
    """Monday … Sunday, translated."""
    return [
        tr("Monday"),
        tr("Tuesday"),
        tr("Wednesday"),
        tr("Thursday"),
        tr("Friday"),
        tr("Saturday"),
        tr("Sunday"),
    ]


class MeetingsEditor(QWidget):
    """An ensemble's weekly meetings: one row per meeting (day, start, end)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(tr("Weekly meetings"))
        self.table.setHorizontalHeaderLabels([tr("Day"), tr("Starts"), tr("Ends")])
        self.table.verticalHeader().hide()
        # The three columns share the table's width (the day takes what the times
        # leave): on a 1024-pixel netbook fixed 100-pixel columns scrolled sideways.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        sample = TimeField()  # the widest time as the window writes it, and the box's frame
        widest = sample.fontMetrics().horizontalAdvance(time_text(dt.time(12, 45)))
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(widest + 10, header.sectionSizeHint(column)))
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a header and four meetings without scrolling (two a week are common, three or
        # four happen: with room for two, a third scrolled the table)
        self.table.setMinimumHeight(
            header.sizeHint().height()
            + MEETINGS_IN_SIGHT * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        # Tab leaves the table after its last box, as everywhere else in the form; with
        # the table's own Tab moving cell to cell (and round again) the keyboard could
        # never reach Add meeting, the fields below or Save.
        self.table.setTabKeyNavigation(False)
        self.add_button = button(tr("Add meet&ing"), tr("Add a meeting"))
        self.remove_button = button(tr("Remo&ve meeting"), tr("Remove the chosen meeting"))
        self.add_button.clicked.connect(lambda: self.add_meeting())
        self.remove_button.clicked.connect(self.remove_meeting)
        # the label and the buttons on one row above the table: the table has the room
        # a row of buttons under it took
        self.label = QLabel(tr("&Meets:"))
        self.label.setBuddy(self.table)
        top = QHBoxLayout()
        top.addWidget(self.label)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        # Tab goes from the meetings to Add meeting, although the buttons are above them
        QWidget.setTabOrder(self.table, self.add_button)
        QWidget.setTabOrder(self.add_button, self.remove_button)

    def add_meeting(
        self, weekday: int | None = None, start: dt.time | None = None, end: dt.time | None = None
    ) -> int:
        """Add a row (by default the day after the last one, at the same time); returns it."""
        row = self.table.rowCount()
        if weekday is None:
            last = self.slots()[-1:] if row else []
            weekday = (last[0][0] + 1) % 7 if last else 0
            start = start or (last[0][1] if last else dt.time(15, 30))
            end = end or (last[0][2] if last else dt.time(17, 0))
        self.table.insertRow(row)
        day_box = QComboBox()
        day_box.addItems(weekday_names())
        day_box.setCurrentIndex(weekday)
        day_box.setAccessibleName(tr("Day of meeting {n}").format(n=row + 1))
        self.table.setCellWidget(row, 0, day_box)
        for column, value, name in (
            (1, start or dt.time(15, 30), tr("Start of meeting {n}")),
            (2, end or dt.time(17, 0), tr("End of meeting {n}")),
        ):
            # typed as people write times ("4pm", "16:30"), read whole or refused; shown
            # as the window writes them ("4:15 PM" in US English), like the table beside
            edit = TimeField()
            edit.setTime(QTime(value.hour, value.minute))
            edit.setAccessibleName(name.format(n=row + 1))
            self.table.setCellWidget(row, column, edit)
        # Tab goes on from the row above (or the table) through this row's boxes, then to
        # Add meeting: a box made now would otherwise come last in the window's order.
        previous = self.table.cellWidget(row - 1, 2) if row else self.table
        for column in range(3):
            box = self.table.cellWidget(row, column)
            QWidget.setTabOrder(previous, box)
            previous = box
        # then on to Add meeting and Remove meeting (above the table, but next to do)
        QWidget.setTabOrder(previous, self.add_button)
        QWidget.setTabOrder(self.add_button, self.remove_button)
        self.table.setCurrentCell(row, 0)
        return row

    def remove_meeting(self) -> None:
        """Remove the current row."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_slots(self, slots: Sequence[Slot]) -> None:
        """Show these meetings."""
        self.table.setRowCount(0)
        for weekday, start, end in slots:
            self.add_meeting(weekday, start, end)

    def slots(self) -> list[Slot]:
        """The meetings as set."""
        found: list[Slot] = []
        for row in range(self.table.rowCount()):
            day = self.table.cellWidget(row, 0)
            start = self.table.cellWidget(row, 1)
            end = self.table.cellWidget(row, 2)
            assert isinstance(day, QComboBox)
            assert isinstance(start, TimeField) and isinstance(end, TimeField)
            for edit in (start, end):
                refused = edit.refusal()  # a typed time that is none: said, nothing saved
                if refused is not None:
                    raise ValidationError(refused, "meetings")
            found.append((day.currentIndex(), start.time().toPython(), end.time().toPython()))  # type: ignore[arg-type]
        return found


class OptionalDate(QWidget):
    """A date that may be left open: a tick box and a date box (typed whole in the
    window's language's order, or picked from its calendar)."""

    def __init__(self, label: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.check.setAccessibleName(name)
        self.edit = DateBox()
        self.edit.setAccessibleName(name)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def set_date(self, day: dt.date | None, default: dt.date) -> None:
        """Show ``day`` (None: open, the date box showing ``default``)."""
        self.check.setChecked(day is not None)
        self.edit.set_day(day or default)
        self.edit.setToolTip("")

    def refusal(self) -> str | None:
        """Why the ticked date's text is no date (None: a date, or left open)."""
        return self.edit.refusal() if self.check.isChecked() else None

    def date(self) -> dt.date | None:
        """The date, or None when left open; :class:`ValidationError` when the ticked
        date's text is none."""
        if not self.check.isChecked():
            return None
        refused = self.edit.refusal()
        if refused:
            raise ValidationError(refused, "days")
        return self.edit.day()


def teacher_and_days(ensemble: EnsembleRecord) -> str:
    """An ensemble's teacher and when it meets, on one line ("Rebecca García · Mon, Wed
    4:15 PM–5:45 PM"): under its name in a narrow list."""
    return " · ".join(part for part in (ensemble.teacher, ensemble.schedule_text) if part)


class EnsemblesPage(EditorPage[EnsembleRecord]):
    """One hub's ensembles."""

    list_name = tr("Ensembles")

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        hub_id: str | None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        self.hub_id = hub_id
        self.today = today
        self.hub_names: dict[str, str] = {}
        #: archived staff of the hub (id → name): offered only to the ensemble they teach
        self.archived_teachers: dict[str, str] = {}
        #: items of the teacher box before an archived teacher's (the empty choice too)
        self.active_teachers = 1
        super().__init__(services, tasks, parent)
        self.hub_box = combo(tr("Hub"), [])
        self.hub_box.currentIndexChanged.connect(self._hub_chosen)
        hub_row = QHBoxLayout()
        label = QLabel(tr("Hu&b:"))
        label.setBuddy(self.hub_box)
        hub_row.addWidget(label)
        hub_row.addWidget(self.hub_box, 1)
        # above the list alone: the details beside it have its height for the meetings
        self.list_side.insertLayout(0, hub_row)
        # name, teacher and days share what the figures leave: no sideways scrolling;
        # when they do not fit side by side (a 1024-pixel netbook), the name is whole on
        # its line and the teacher and days go under it
        share_columns(self.view, [0, 1, 2], under=[1, 2])

    def columns(self) -> Sequence[Column[EnsembleRecord]]:
        return [
            Column(tr("Name"), lambda e: e.name, under=teacher_and_days),
            Column(tr("Teacher"), lambda e: e.teacher),
            Column(tr("Meets"), lambda e: e.schedule_text),
            Column(tr("Places"), lambda e: e.capacity),
            Column(tr("Enrolled"), lambda e: e.enrolled),
            Column(tr("Waiting"), lambda e: e.waiting),
            Column(tr("Archived"), lambda e: e.archived),
        ]

    def build_form(self) -> None:
        self.name_edit = line_edit(tr("Ensemble name"))
        self.level_edit = line_edit(tr("Level"))
        self.family_box = combo(tr("Instrument family"), [(f, f) for f in FAMILIES], editable=True)
        self.location_edit = line_edit(tr("Room or location"))
        self.teacher_box = combo(tr("Teacher"), [])
        self.capacity_box = QSpinBox()
        self.capacity_box.setRange(0, MAX_CAPACITY)
        self.capacity_box.setAccessibleName(tr("Capacity"))
        grades = [("—", ""), *((g, g) for g in GRADES)]
        self.grade_min_box = combo(tr("Lowest grade"), grades)
        self.grade_max_box = combo(tr("Highest grade"), grades)
        grade_row = QWidget()
        grade_layout = QHBoxLayout(grade_row)
        grade_layout.setContentsMargins(0, 0, 0, 0)
        grade_layout.addWidget(self.grade_min_box)
        grade_layout.addWidget(QLabel(tr("to")))
        grade_layout.addWidget(self.grade_max_box)
        self.first_day = OptionalDate(tr("From"), tr("First day"))
        self.last_day = OptionalDate(tr("Until"), tr("Last day"))
        self.follows_terms = check_box(tr("Meets only in the terms (s&kips the breaks)"))
        self.meetings = MeetingsEditor()
        self.fill_waitlist = check_box(tr("New places go to t&he waitlist"))
        self.fill_waitlist.setChecked(True)
        self.form.addRow(tr("&Name:"), self.name_edit)
        self.form.addRow(tr("&Teacher:"), self.teacher_box)
        self.form.addRow(tr("Ca&pacity:"), self.capacity_box)
        self.form.addRow(tr("&Grades:"), grade_row)
        self.form.addRow(tr("&Days:"), self.first_day)
        self.form.addRow("", self.last_day)
        self.form.addRow(self.follows_terms)  # the whole row wide (long in Spanish)
        # the meetings' table the details' whole width, under its label: beside the
        # labels (long in Spanish) its day column cut "Miércoles" on a 1024-pixel netbook
        self.form.addRow(self.meetings)
        self.form.addRow(tr("&Level:"), self.level_edit)
        self.form.addRow(tr("Inst&ruments:"), self.family_box)
        self.form.addRow(tr("R&oom:"), self.location_edit)
        self.form.addRow(self.fill_waitlist)
        # A label's Alt+key goes to its first box: these rows hold several.
        for row, field in (
            (grade_row, self.grade_min_box),
            (self.first_day, self.first_day.check),
        ):
            label = self.form.labelForField(row)
            assert isinstance(label, QLabel)
            label.setBuddy(field)
        self.archive_button = button(tr("&Archive"), tr("Archive this ensemble"))
        self.archive_button.clicked.connect(self.toggle_archived)

    def extra_buttons(self) -> list[QPushButton]:
        return [self.archive_button]

    def save(self) -> None:
        """Save the form; a ticked day whose text is no date is said first, the keyboard
        in its box, and nothing is saved."""
        for optional in (self.first_day, self.last_day):
            refused = optional.refusal()
            if refused:
                self._failed(ValidationError(refused, "days"))
                optional.edit.setFocus()
                return
        super().save()

    def _setup(self, services: Services) -> Any:
        from harmony_desktop.services.setup import SetupService

        if self.today is None:
            return services.setup
        today = self.today
        return SetupService(services.store, today=lambda: today)

    def load(self, services: Services) -> Any:
        hubs = {h.id: h.name for h in services.hubs.hubs()}
        hub_id = self.hub_id if self.hub_id in hubs else next(iter(hubs), None)
        if hub_id is None:
            return services.setup.access(), [], hubs, None, []
        setup = self._setup(services)
        people = setup.staff(hub_id)
        # Two people of one name (two Ana Garcías) are told apart by their emails.
        staff = [
            (label, r.id, r.archived)
            for label, r in zip(people_labels(people), people, strict=True)
        ]
        return setup.access(), setup.ensembles(hub_id), hubs, hub_id, staff

    def _loaded(self, loaded: Any) -> None:
        self.typed_before_load()  # before the teachers' list is refilled
        access, records, self.hub_names, self.hub_id, staff = loaded
        self.hub_box.blockSignals(True)
        self.hub_box.clear()
        for hub_id, name in sorted(self.hub_names.items(), key=lambda kv: kv[1]):
            self.hub_box.addItem(name, hub_id)
        select_data(self.hub_box, self.hub_id)
        self.hub_box.blockSignals(False)
        teacher = self.teacher_box.currentData()  # kept for a new ensemble being typed
        self.teacher_box.clear()
        self.teacher_box.addItem(tr("(no teacher yet)"), None)
        self.archived_teachers.clear()
        for name, staff_id, archived in staff:
            if archived:  # not offered; shown only as the teacher an ensemble still has
                self.archived_teachers[staff_id] = name
            else:
                self.teacher_box.addItem(name, staff_id)
        self.active_teachers = self.teacher_box.count()
        select_data(self.teacher_box, teacher)
        super()._loaded((access, records))

    def editable(self, access: Access) -> bool:
        return self.hub_id is not None

    def read_only_note(self) -> str:
        return tr("Add a hub first (the Hubs tab).")

    def _hub_chosen(self) -> None:
        chosen = self.hub_box.currentData()
        if self.has_changes():  # the hub shown until the typed changes are saved or not
            self.hub_box.blockSignals(True)
            select_data(self.hub_box, self.hub_id)
            self.hub_box.blockSignals(False)

            def choose() -> None:
                select_data(self.hub_box, chosen)

            if not self.confirm_leave(choose):
                return
            choose()
            return
        self.hub_id = chosen
        self.current_id = None
        self.reload()

    def fill(self, record: EnsembleRecord | None) -> None:
        today = self.today or dt.date.today()
        record = record or EnsembleRecord(None, self.hub_id or "", "", capacity=20)
        self.name_edit.setText(record.name)
        self.level_edit.setText(record.level)
        self.family_box.setCurrentText(record.instrument_family)
        self.location_edit.setText(record.location)
        while self.teacher_box.count() > self.active_teachers:
            self.teacher_box.removeItem(self.teacher_box.count() - 1)
        if record.teacher_id in self.archived_teachers:
            name = self.archived_teachers[record.teacher_id]
            self.teacher_box.addItem(tr("{name} (archived)").format(name=name), record.teacher_id)
        select_data(self.teacher_box, record.teacher_id)
        self.capacity_box.setValue(record.capacity)
        select_data(self.grade_min_box, record.grade_min)
        select_data(self.grade_max_box, record.grade_max)
        self.first_day.set_date(record.first_day, today)
        self.last_day.set_date(record.last_day, today)
        self.follows_terms.setChecked(record.follows_terms)
        self.meetings.set_slots(record.slots)
        self.archive_button.setText(tr("Bring b&ack") if record.archived else tr("&Archive"))
        self.archive_button.setEnabled(record.id is not None)

    def record(self) -> EnsembleRecord:
        current = self.model.record(self.model.row_of(self.current_id))
        return EnsembleRecord(
            id=self.current_id,
            hub_id=self.hub_id or "",
            name=self.name_edit.text(),
            level=self.level_edit.text(),
            instrument_family=self.family_box.currentText(),
            location=self.location_edit.text(),
            teacher_id=self.teacher_box.currentData(),
            capacity=self.capacity_box.value(),
            grade_min=self.grade_min_box.currentData() or "",
            grade_max=self.grade_max_box.currentData() or "",
            first_day=self.first_day.date(),
            last_day=self.last_day.date(),
            follows_terms=self.follows_terms.isChecked(),
            archived=current.archived if current is not None else False,
            slots=tuple(self.meetings.slots()),
        )

    def save_op(self, record: EnsembleRecord) -> Callable[[Services], Any]:
        fill = self.fill_waitlist.isChecked()
        return lambda s: self._setup(s).save_ensemble(record, fill_waitlist=fill)

    def saved_text(self, result: Any) -> str:
        if not isinstance(result, EnsembleSaved):
            return tr("Saved.")
        parts = [tr("Saved.")]
        if result.enrolled_from_waitlist:
            parts.append(
                tr(
                    "%n student(s) from the waitlist took the new places.",
                    "",
                    len(result.enrolled_from_waitlist),
                )
            )
        if result.kept_sessions:
            days = ", ".join(
                f"{date_text(i.date)} {time_text(i.start)}" for i in result.kept_sessions
            )
            parts.append(
                tr(
                    "These sessions already have marks and are no longer on the schedule; "
                    "they were kept, check them in the register: {days}."
                ).format(days=days)
            )
        return " ".join(parts)

    def toggle_archived(self) -> None:
        """Archive the chosen ensemble (or bring it back)."""
        self.archive_current(
            lambda s, ensemble_id, archived: s.setup.set_archived(ensemble_id, archived)
        )
