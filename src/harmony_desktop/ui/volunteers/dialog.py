"""The volunteer form: the person, where they assist at this hub, and their clearances.

Each clearance kind the programme requires has a row: done (and when) and when it
expires, filled in from the kind's validity as the date done is typed, and its state
(valid, expiring, expired, missing) in colour. Everything the form holds is saved in
one transaction (``VolunteerService.save_record``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.vocab import VolunteerRole, VolunteerStatus
from harmony_desktop.services.context import Services
from harmony_desktop.services.hubs import EnsembleInfo
from harmony_desktop.services.volunteers import (
    ClearanceKindInfo,
    ClearanceState,
    VolunteerInfo,
    add_months,
    clearance_label,
    clearance_state,
    role_label,
    status_label,
)
from harmony_desktop.ui.datefield import DateBox
from harmony_desktop.ui.screen_fit import scrolling_dialog
from harmony_desktop.ui.volunteers.model import CLEARED, EXPIRING, NOT_CLEARED, tr

#: an empty date box: no date
_NO_DATE = QDate()


def _qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else _NO_DATE


def _pydate(value: QDate) -> dt.date | None:
    return None if value == _NO_DATE else dt.date(value.year(), value.month(), value.day())


class ClearanceRow:
    """The widgets of one clearance kind in the form."""

    def __init__(
        self,
        kind: ClearanceKindInfo,
        today: dt.date,
        grid: QGridLayout,
        row: int,
        judged_on: dt.date | None = None,
    ):
        self.kind = kind
        #: this computer's date: a clearance ticked done is done then
        self.today = today
        #: the day its state is judged on (the register's when this computer's date is
        #: certainly wrong)
        self.judged_on = judged_on or today
        label = clearance_label(kind.label)  # a default kind's in the window's language
        self.done = QCheckBox(label)
        self.done.setAccessibleName(tr("{kind} done").format(kind=label))
        # Typed whole ("5/6/2014" in the window's order) or picked from a calendar;
        # empty is no date (a clearance that does not expire).
        self.done_on = DateBox(today=today, empty_allowed=True)
        self.expires_on = DateBox(today=today, empty_allowed=True)
        for edit, name in ((self.done_on, tr("date done")), (self.expires_on, tr("expires"))):
            edit.setAccessibleName(f"{label}: {name}")
        self.state = QLabel()
        self.state.setAccessibleName(tr("{kind} state").format(kind=label))
        grid.addWidget(self.done, row, 0)
        grid.addWidget(self.done_on, row, 1)
        grid.addWidget(self.expires_on, row, 2)
        grid.addWidget(self.state, row, 3)
        self.done.toggled.connect(self._toggled)
        self.done_on.dateChanged.connect(self._done_changed)
        self.expires_on.dateChanged.connect(lambda _d: self.show_state())

    def load(self, done: dt.date | None, expires: dt.date | None) -> None:
        """Show a stored clearance (or none)."""
        self.done.blockSignals(True)
        self.done_on.blockSignals(True)
        self.done.setChecked(done is not None)
        self.done_on.setDate(_qdate(done))
        self.expires_on.setDate(_qdate(expires))
        self.done.blockSignals(False)
        self.done_on.blockSignals(False)
        self._enable()
        self.show_state()

    def _enable(self) -> None:
        self.done_on.setEnabled(self.done.isChecked())
        self.expires_on.setEnabled(self.done.isChecked())

    def _toggled(self, on: bool) -> None:
        if on and self.done_on.date() == _NO_DATE:
            self.done_on.setDate(_qdate(self.today))
        self._enable()
        self.show_state()

    def _done_changed(self, _read: object) -> None:
        done = _pydate(self.done_on.date())
        if done is not None and self.kind.validity_months:
            self.expires_on.setDate(_qdate(add_months(done, self.kind.validity_months)))
        self.show_state()

    def values(self) -> tuple[dt.date | None, dt.date | None] | None:
        """(done, expires), or None when not done."""
        if not self.done.isChecked():
            return None
        return _pydate(self.done_on.date()), _pydate(self.expires_on.date())

    def show_state(self) -> None:
        """Valid, expiring, expired or missing, in colour."""
        got = self.values()
        state = clearance_state(got[0], got[1], self.judged_on) if got else ClearanceState.MISSING
        text, colour = {
            ClearanceState.OK: (tr("Valid"), CLEARED),
            ClearanceState.EXPIRING: (tr("Expiring"), EXPIRING),
            ClearanceState.EXPIRED: (tr("Expired"), NOT_CLEARED),
            ClearanceState.MISSING: (tr("Missing"), NOT_CLEARED),
        }[state]
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {colour.name()}; font-weight: bold")


class VolunteerDialog(QDialog):
    """Create or edit one volunteer."""

    saved = Signal(str)
    """The volunteer was stored: their id."""

    def __init__(
        self,
        services: Services,
        hub_id: str,
        ensembles: list[EnsembleInfo],
        kinds: list[ClearanceKindInfo],
        volunteer: VolunteerInfo | None,
        today: dt.date,
        parent: QWidget | None = None,
        *,
        judged_on: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        #: the clearances' states are judged on this day (``today`` when None)
        self.judged_on = judged_on or today
        self.hub_id = hub_id
        self.volunteer = volunteer
        self.setWindowTitle(volunteer.display_name if volunteer else tr("New volunteer"))
        self.setAccessibleName(tr("Volunteer form"))
        self.resize(760, 640)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.visiting_note = QLabel()
        self.visiting_note.setWordWrap(True)
        self.visiting_note.setAccessibleName(tr("Whose record this is"))
        self.visiting_note.hide()
        layout.addWidget(self.visiting_note)
        columns = QHBoxLayout()
        layout.addLayout(columns)
        columns.addWidget(self._person(volunteer), 3)
        right = QVBoxLayout()
        columns.addLayout(right, 2)
        right.addWidget(self._assists(ensembles, volunteer))
        layout.addWidget(self._clearances(kinds, volunteer, today))
        self.error = QLabel()
        self.error.setAccessibleName(tr("What is wrong"))
        self.error.setStyleSheet(f"color: {NOT_CLEARED.name()}; font-weight: bold")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        # On a 1024x600 netbook the form is taller than the screen: its fields scroll,
        # Save and Cancel stay in sight.
        scrolling_dialog(self, body, buttons)
        self.first_name.setFocus()
        #: A volunteer of another hub who assists here: their record and clearances
        #: belong to their home hub (the server refuses edits from here), so only the
        #: ensembles they assist at this hub can change.
        self.visiting = volunteer is not None and volunteer.hub_id not in (None, hub_id)
        if self.visiting:
            self._read_only_record(volunteer)  # type: ignore[arg-type]

    def _read_only_record(self, v: VolunteerInfo) -> None:
        home = next((a.hub_name for a in v.assignments if a.hub_id == v.hub_id), None)
        self.visiting_note.setText(
            tr("{name}'s record and clearances are kept by {home}: change them there. Here "
               "you choose what they assist at this hub.").format(
                name=v.display_name, home=home or tr("their home hub")
            )
        )  # fmt: skip
        self.visiting_note.show()
        for edit in self.fields.values():
            edit.setReadOnly(True)
        self.notes.setReadOnly(True)
        locked: list[QWidget] = [self.role, self.status]
        for row in self.clearance_rows:
            locked += [row.done, row.done_on, row.expires_on]
        for widget in locked:
            widget.setEnabled(False)
        self.assists.setFocus()

    # -- parts ---------------------------------------------------------------------------

    def _person(self, v: VolunteerInfo | None) -> QGroupBox:
        box = QGroupBox(tr("Person"))
        form = QFormLayout(box)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in (
            ("first_name", tr("First name")),
            ("last_name", tr("Last name")),
            ("preferred_name", tr("Preferred name")),
            ("phone", tr("Phone")),
            ("email", tr("E-mail")),
            ("address", tr("Address")),
            ("organisation", tr("Organisation")),
            ("instruments", tr("Instruments")),
            ("skills", tr("Skills")),
        ):
            edit = QLineEdit(str(getattr(v, name)) if v else "")
            edit.setAccessibleName(label)
            form.addRow(label + ":", edit)
            self.fields[name] = edit
        self.first_name = self.fields["first_name"]
        self.role = QComboBox()
        self.role.setAccessibleName(tr("Role"))
        for role in VolunteerRole:
            self.role.addItem(role_label(role), role.value)
        self.status = QComboBox()
        self.status.setAccessibleName(tr("Status"))
        for status in VolunteerStatus:
            self.status.addItem(status_label(status), status.value)
        if v:
            self.role.setCurrentIndex(self.role.findData(v.role))
            self.status.setCurrentIndex(self.status.findData(v.status))
        form.addRow(tr("Role:"), self.role)
        form.addRow(tr("Status:"), self.status)
        self.notes = QPlainTextEdit(v.notes if v else "")
        self.notes.setAccessibleName(tr("Notes"))
        self.notes.setMaximumHeight(60)
        form.addRow(tr("Notes:"), self.notes)
        return box

    def _assists(self, ensembles: list[EnsembleInfo], v: VolunteerInfo | None) -> QGroupBox:
        box = QGroupBox(tr("Assists at this hub"))
        column = QVBoxLayout(box)
        self.assists = QListWidget()
        self.assists.setAccessibleName(tr("Hub and ensembles assisted"))
        here = {a.ensemble_id for a in v.assignments if a.hub_id == self.hub_id} if v else set()
        whole = QListWidgetItem(tr("The whole hub"))
        whole.setData(Qt.ItemDataRole.UserRole, None)
        items = [whole]
        for e in ensembles:
            item = QListWidgetItem(e.name)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            items.append(item)
        for item in items:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ensemble_id = item.data(Qt.ItemDataRole.UserRole)
            on = ensemble_id in here if v else ensemble_id is None
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.assists.addItem(item)
        column.addWidget(self.assists)
        elsewhere = [a.label for a in v.assignments if a.hub_id != self.hub_id] if v else []
        if elsewhere:
            also = QLabel(tr("Also assists at: {places}").format(places=", ".join(elsewhere)))
            also.setWordWrap(True)
            column.addWidget(also)
        return box

    def _clearances(
        self, kinds: list[ClearanceKindInfo], v: VolunteerInfo | None, today: dt.date
    ) -> QGroupBox:
        box = QGroupBox(tr("Clearances"))
        grid = QGridLayout(box)
        for col, head in enumerate((tr("Kind"), tr("Done on"), tr("Expires"), tr("State"))):
            label = QLabel(f"<b>{head}</b>")
            grid.addWidget(label, 0, col)
        stored = {c.kind_id: c for c in v.clearances} if v else {}
        self.clearance_rows: list[ClearanceRow] = []
        for row, kind in enumerate(kinds, start=1):
            widgets = ClearanceRow(kind, today, grid, row, self.judged_on)
            found = stored.get(kind.id)
            widgets.load(found.done_on if found else None, found.expires_on if found else None)
            self.clearance_rows.append(widgets)
        return box

    # -- saving ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The person fields as typed."""
        values: dict[str, Any] = {name: edit.text() for name, edit in self.fields.items()}
        values["role"] = self.role.currentData()
        values["status"] = self.status.currentData()
        values["notes"] = self.notes.toPlainText()
        return values

    def assignments(self) -> set[tuple[str, str | None]]:
        """(this hub, ensemble or None) for every item checked."""
        chosen = set()
        for i in range(self.assists.count()):
            item = self.assists.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.add((self.hub_id, item.data(Qt.ItemDataRole.UserRole)))
        return chosen

    def save(self) -> None:
        """Store everything in one transaction, or say what is wrong and keep the form."""
        for row in [] if self.visiting else self.clearance_rows:
            for box in (row.done_on, row.expires_on) if row.done.isChecked() else ():
                refused = box.refusal()
                if refused:
                    self.error.setText(f"{box.accessibleName()}: {refused}")
                    box.setFocus()
                    return
        try:
            volunteer_id = self.services.volunteers.save_record(
                self.hub_id,
                {} if self.visiting else self.values(),
                volunteer_id=self.volunteer.id if self.volunteer else None,
                assignments=self.assignments(),
                clearances=None
                if self.visiting
                else {row.kind.id: row.values() for row in self.clearance_rows},
            )
        except HarmonyError as exc:
            self.error.setText(str(exc))
            return
        self.saved.emit(volunteer_id)
        self.accept()
