"""Who takes a student at the door: the safety panel and the choice of the adult.

:class:`PickupChooser` shows who may take the student (custody restrictions first, then
whether the student may walk home, then the authorised pickups) and asks who actually
did: one of the authorised pickups, "walked home" where the student may, or someone
else. Someone else is not on the list: the chooser then shows the custody alert again
and asks a site lead to confirm, and the confirmation is recorded with the mark.

Keyboard: the list has the focus; ↓/↑ or the digit of a row chooses, Enter accepts.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from harmony_desktop.services.roll import Dismissal, PickupInfo


#: list rows that are not an authorised adult
WALKED = "__walked_home__"
OTHER = "__someone_else__"


def tr(text: str) -> str:
    """Translate a pickup string (context ``RegisterDialogs``, with the dialogs)."""
    return QCoreApplication.translate("RegisterDialogs", text)


def safety_html(student: str, pickup: PickupInfo) -> str:
    """Who may take ``student``: restrictions in red, walk-home, the authorised list."""
    lines = [f"<b>{escape(student)}</b>"]
    for name, restriction in pickup.restrictions:
        lines.append(
            "<span style='color:#b00020'><b>"
            + tr("Custody restriction")
            + f"</b> ({escape(name)}): {escape(restriction)}</span>"
        )
    if pickup.may_walk_home:
        lines.append("<span style='color:#1b6e20'>" + tr("May walk home alone.") + "</span>")
    else:
        lines.append("<b>" + tr("May NOT walk home: release only to an authorized adult.") + "</b>")
    if not pickup.authorized:
        lines.append(
            "<span style='color:#b00020'>"
            + tr("No authorized pickup on file. Call the site lead.")
            + "</span>"
        )
    return "<br>".join(lines)


class _ChoiceList(QListWidget):
    """The choices; a digit key picks its row. Nothing is chosen until the teacher
    chooses: focus alone (which puts Qt's cursor on the first row) chooses nobody, and
    the first ↓ chooses the first row rather than skipping it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= self.count():
            self.setCurrentRow(int(text) - 1)
            return
        if not self.selectedItems() and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = 0 if event.key() == Qt.Key.Key_Down else self.count() - 1
            self.setCurrentRow(row)
            return
        super().keyPressEvent(event)


class PickupChooser(QWidget):
    """The safety panel and "collected by": authorised adults, walked home, someone else."""

    changed = Signal()
    """The choice changed (the dialog clears its error)."""

    def __init__(
        self,
        student: str,
        pickup: PickupInfo,
        site_leads: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pickup = pickup
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.safety = QLabel(safety_html(student, pickup))
        self.safety.setTextFormat(Qt.TextFormat.RichText)
        self.safety.setWordWrap(True)
        self.safety.setAccessibleName(tr("Who may take this student"))
        self.safety.setObjectName("pickupSafety")
        self.safety.setStyleSheet(
            "QLabel#pickupSafety { background: #fff8e1; border: 1px solid #e0c060;"
            " border-radius: 6px; padding: 8px; }"
        )
        layout.addWidget(self.safety)

        heading = QLabel(tr("&Collected by (↓/↑ or a digit):"))
        self.choices = _ChoiceList()
        self.choices.setAccessibleName(tr("Collected by"))
        self.choices.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        heading.setBuddy(self.choices)
        number = 0
        for name, relationship, phone in pickup.authorized:
            number += 1
            detail = ", ".join(p for p in (relationship, phone) if p)
            text = f"{number}  {name}" + (f" ({detail})" if detail else "")
            self._add(text, name)
        if pickup.may_walk_home:
            number += 1
            self._add(f"{number}  " + tr("Walked home alone"), WALKED)
        number += 1
        self._add(f"{number}  " + tr("Someone else (site lead must confirm)…"), OTHER)
        self.choices.setCurrentRow(-1)  # nobody is chosen for the teacher
        rows = self.choices.count()
        self.choices.setFixedHeight(self.choices.sizeHintForRow(0) * rows + 8)
        self.choices.itemSelectionChanged.connect(self._chosen)
        layout.addWidget(heading)
        layout.addWidget(self.choices)

        self.other_box = QFrame()
        self.other_box.setObjectName("pickupOther")
        self.other_box.setStyleSheet(
            "QFrame#pickupOther { background: #fdecea; border: 1px solid #e6a19a;"
            " border-radius: 6px; }"
        )
        other = QFormLayout(self.other_box)
        self.alert = QLabel()
        self.alert.setTextFormat(Qt.TextFormat.RichText)
        self.alert.setWordWrap(True)
        self.alert.setAccessibleName(tr("Custody alert"))
        self.other_name = QLineEdit()
        self.other_name.setAccessibleName(tr("Name of the adult collecting"))
        self.other_name.setPlaceholderText(tr("Full name, as on their ID"))
        self.other_name.textChanged.connect(lambda _t: self._update_alert())
        self.lead_box = QComboBox()
        self.lead_box.setAccessibleName(tr("Site lead confirming"))
        for staff_id, name in site_leads:
            self.lead_box.addItem(name, staff_id)
        if not site_leads:
            self.lead_box.addItem(tr("(no site lead set up)"), None)
        self.confirmed = QCheckBox(tr("The site lead has checked their &ID and confirms"))
        self.confirmed.setAccessibleName(tr("Site lead confirms the release"))
        other.addRow(self.alert)
        other.addRow(tr("A&dult:"), self.other_name)
        other.addRow(tr("Si&te lead:"), self.lead_box)
        other.addRow(self.confirmed)
        self.other_box.hide()
        layout.addWidget(self.other_box)
        for signal in (self.other_name.textChanged, self.confirmed.toggled):
            signal.connect(lambda *_a: self.changed.emit())

    def _add(self, text: str, value: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        self.choices.addItem(item)

    def _chosen(self) -> None:
        other = self.choice() == OTHER
        self.other_box.setVisible(other)
        if other:
            self._update_alert()
        self.changed.emit()

    def _update_alert(self) -> None:
        lines = ["<b>" + tr("Not an authorised pickup.") + "</b>"]
        for name, restriction in self.pickup.restrictions:
            lines.append(
                "<span style='color:#b00020'><b>"
                + tr("Custody restriction")
                + f"</b> ({escape(name)}): {escape(restriction)}</span>"
            )
        lines.append(tr("Do not release the student until a site lead has confirmed."))
        self.alert.setText("<br>".join(lines))

    def choice(self) -> str | None:
        """The chosen row's value: an adult's name, :data:`WALKED`, :data:`OTHER`, or None."""
        items = self.choices.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def problem(self) -> str | None:
        """What is still missing before the student may leave, or None."""
        choice = self.choice()
        if choice is None:
            return tr("Choose who collected the student.")
        if choice != OTHER:
            return None
        if not self.other_name.text().strip():
            return tr("Type the name of the adult collecting the student.")
        if self.pickup.is_authorized(self.other_name.text()):
            return None
        if self.lead_box.currentData() is None:
            return tr("No site lead is set up: the student cannot leave with this adult.")
        if not self.confirmed.isChecked():
            return tr("A site lead must confirm before the student leaves with this adult.")
        return None

    def dismissal(self, at: dt.time) -> Dismissal:
        """The choice as a :class:`Dismissal` at ``at`` (after :meth:`problem` is None)."""
        # Imported here: the register's modules load before the services do.
        from harmony_desktop.services.roll import Dismissal

        choice = self.choice()
        if choice == WALKED:
            return Dismissal(at, walked_home=True)
        if choice == OTHER:
            name = self.other_name.text().strip()
            lead = None if self.pickup.is_authorized(name) else self.lead_box.currentData()
            return Dismissal(at, collected_by=name, confirmed_by=lead)
        return Dismissal(at, collected_by=choice or "")
