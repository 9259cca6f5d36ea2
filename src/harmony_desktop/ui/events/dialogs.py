"""Dialogs of the Events tab: a new family event, masterclass or performance; a walk-in.

Each dialog validates by calling the service itself (``on_submit``): a refusal is shown
in the dialog, which stays open, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.vocab import FamilyEventKind
from harmony_desktop.services.events import kind_label
from harmony_desktop.ui.datefield import DateBox
from harmony_desktop.ui.events.models import tr
from harmony_desktop.ui.timefield import TimeField

Submit = Callable[[], str | None]


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _pytime(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


def checklist(name: str, items: list[tuple[str, str]]) -> QListWidget:
    """A list of checkable (id, label) items."""
    widget = QListWidget()
    widget.setAccessibleName(name)
    for item_id, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def checked(widget: QListWidget) -> list[str]:
    """The ids of the checked items."""
    return [
        str(widget.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class EventDialog(QDialog):
    """A form with an error line and Save/Cancel; ``on_submit`` stores it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.on_submit: Submit | None = None
        #: the dates and times of day of the form, read whole before anything is stored
        self.date_fields: list[DateBox] = []
        self.time_fields: list[TimeField] = []
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setAccessibleName(tr("What is wrong"))
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        layout.addWidget(buttons)

    def add(self, label: str, widget: QWidget) -> QWidget:
        """A row of the form, its widget named after its label."""
        widget.setAccessibleName(label)
        self.form.addRow(label + ":", widget)
        return widget

    def when(self, day: dt.date, start: dt.time, end: dt.time) -> None:
        """Date, start and end rows."""
        # Typed whole in the window's language's order ("5/6/2026"), or picked from its
        # calendar (Alt+Down); written as the window writes dates once left, with the
        # weekday ("Sat 12 Dec 2026"): a concert's day is told by its weekday.
        self.day = DateBox(day, today=day, weekday=True)
        self.day.setMinimumWidth(self.day.fitting_width())
        self.date_fields.append(self.day)
        # Typed as people type times ("7pm", "19:00"), shown as the window writes them.
        self.start = TimeField()
        self.start.setTime(QTime(start.hour, start.minute))
        self.end = TimeField()
        self.end.setTime(QTime(end.hour, end.minute))
        self.time_fields += [self.start, self.end]
        self.add(tr("Date"), self.day)
        self.add(tr("Starts"), self.start)
        self.add(tr("Ends"), self.end)

    def times(self) -> tuple[dt.date, dt.time, dt.time]:
        """(date, start, end) as chosen."""
        return _pydate(self.day.date()), _pytime(self.start.time()), _pytime(self.end.time())

    def submit(self) -> None:
        """Store through ``on_submit``; keep the dialog open with the reason if refused
        (a date or a start or end that is none is refused before anything is stored,
        the keyboard in its box)."""
        problem = None
        fields: list[DateBox | TimeField] = [*self.date_fields, *self.time_fields]
        for field in fields:
            problem = field.refusal()
            if problem:
                field.setFocus()
                break
        if problem is None and self.on_submit:
            problem = self.on_submit()
        if problem:
            self.error.setText(problem)
            return
        self.accept()


class FamilyEventDialog(EventDialog):
    """A new family event: title, kind, when, where."""

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(tr("New family event"), parent)
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("Family night, parent workshop…"))
        self.add(tr("Title"), self.title)
        self.kind = QComboBox()
        for kind in FamilyEventKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(FamilyEventKind.FAMILY_NIGHT.value))
        self.add(tr("Kind"), self.kind)
        self.when(day, dt.time(18, 0), dt.time(19, 30))
        self.location = QLineEdit()
        self.add(tr("Where"), self.location)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.add(tr("Notes"), self.notes)
        self.title.setFocus()


class MasterclassDialog(EventDialog):
    """A new masterclass: the host ensemble, the guest artist, who else is invited."""

    def __init__(
        self, ensembles: list[tuple[str, str]], day: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("New masterclass"), parent)
        self.ensemble = QComboBox()
        for ensemble_id, name in ensembles:
            self.ensemble.addItem(name, ensemble_id)
        self.add(tr("Host ensemble"), self.ensemble)
        self.title = QLineEdit()
        self.add(tr("Title"), self.title)
        self.guest = QLineEdit()
        self.add(tr("Guest artist"), self.guest)
        self.when(day, dt.time(17, 15), dt.time(18, 45))
        self.invite = checklist(tr("Also invite"), ensembles)
        self.invite.setMaximumHeight(120)
        self.add(tr("Also invite"), self.invite)
        self.on_site = QCheckBox(tr("At the hub"))
        self.on_site.setChecked(True)
        self.add(tr("On site"), self.on_site)
        self.location = QLineEdit()
        self.add(tr("Where"), self.location)
        self.title.setFocus()


class PerformanceDialog(EventDialog):
    """A new performance: the ensemble, the venue, on or off site, the audience."""

    def __init__(
        self, ensembles: list[tuple[str, str]], day: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("New performance"), parent)
        self.ensemble = QComboBox()
        for ensemble_id, name in ensembles:
            self.ensemble.addItem(name, ensemble_id)
        self.add(tr("Ensemble"), self.ensemble)
        self.title = QLineEdit()
        self.add(tr("Title"), self.title)
        self.when(day, dt.time(18, 0), dt.time(19, 30))
        self.venue = QLineEdit()
        self.add(tr("Venue"), self.venue)
        self.on_site = QCheckBox(tr("At the hub"))
        self.add(tr("On site"), self.on_site)
        self.audience = audience_box()
        self.add(tr("Audience"), self.audience)
        self.title.setFocus()


def audience_box() -> QSpinBox:
    """An audience count; its lowest value reads "not counted"."""
    box = QSpinBox()
    box.setRange(-1, 1_000_000)
    box.setSpecialValueText(tr("not counted"))
    box.setValue(-1)
    return box


def audience_value(box: QSpinBox) -> int | None:
    """The count typed, or None when not counted."""
    return None if box.value() < 0 else box.value()


class WalkInDialog(EventDialog):
    """An adult who is not on the roll, for which students (if any)."""

    def __init__(self, students: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(tr("Add a walk-in"), parent)
        self.name = QLineEdit()
        self.add(tr("Name"), self.name)
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText(tr("grandmother, uncle, neighbour…"))
        self.add(tr("Relationship"), self.relationship)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Type to find a student"))
        self.add(tr("Find"), self.filter)
        self.students = checklist(tr("For students"), students)
        self.add(tr("For students"), self.students)
        self.filter.textChanged.connect(self._filter)
        self.name.setFocus()

    def _filter(self, text: str) -> None:
        wanted = text.casefold()
        for i in range(self.students.count()):
            item = self.students.item(i)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())
