"""The "Needs review" page: losing values, refused changes and duplicate students.

For a conflict staff keep either value: "Keep current" accepts the merge's winner,
"Use other value" writes the losing value back as a new edit (it then syncs and wins).
Beside each value is the laptop that wrote it: "This laptop", another laptop's name as
the sync server gave it, or "Another laptop".
A child's mark that two laptops recorded differently is one row showing both marks
whole (code, times, reason, who collected the child); using the other one writes that
whole mark, as the register would.
A change the server refused, and a received change this laptop could not apply, can
only be acknowledged ("Dismiss"); the reason is shown, and beside it what this laptop
holds of the fields and the laptop that wrote it (whom to ask).
Duplicate students found after a sync are listed with what each record holds; "Merge"
keeps every enrollment and mark (see ``services/duplicates.py``).

Loading and every decision run on the database thread (the window's task manager); the
page reloads whenever the change notice says review items or students changed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.i18n import data_label
from harmony_desktop.ui.language import date_text, time_text
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.sync.controller import SyncController
from harmony_desktop.ui.tasks import Changes

if TYPE_CHECKING:
    from harmony_desktop.services.duplicates import DuplicatePair
    from harmony_desktop.services.review import MarkSides, ReviewItem, Writer
    from harmony_desktop.services.roll import MarkState

Index = QModelIndex | QPersistentModelIndex
#: the review item / duplicate pair behind a row
ItemRole = Qt.ItemDataRole.UserRole + 1


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate a review string (context ``SyncReview``); ``n`` picks the plural form
    of a ``%n`` text."""
    return QCoreApplication.translate("SyncReview", text, disambiguation or None, n)


def _record_counts(enrollments: int, marks: int) -> str:
    """What one record of a duplicate pair holds: "2 enrollments, 1 mark"."""
    return tr("{enrollments}, {marks}").format(
        enrollments=tr("%n enrollment(s)", "", enrollments), marks=tr("%n mark(s)", "", marks)
    )


def show_value(value: Any) -> str:
    """A stored value as staff read it."""
    if value is None or value == "":
        return tr("(empty)")
    if value is True:
        return tr("yes")
    if value is False:
        return tr("no")
    return str(value)


def show_when(stamp: str) -> str:
    """An ISO timestamp (UTC) as the window writes a local day and time: "Mon 14 Sep
    2026 5:05 PM", "lun 14 sep 2026 5:05 p.m."."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16]
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{date_text(moment.date())} {time_text(moment.time())}"


def show_phone(digits: str) -> str:
    """A normalised 10-digit phone as (323) 555-0199; anything else as it is."""
    if len(digits) == 10 and digits.isdigit():
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return digits


def field_label(name: str) -> str:
    """A field as staff call it, in the window's language ("recorded_at" → "Recorded at",
    "Registrado el"); a field not named here as words ("date_of_birth" → "Date of birth")."""
    labels = {
        # a mark
        "code": tr("Attendance code"),
        "arrival_time": tr("Arrival time"),
        "departure_time": tr("Departure time"),
        "reason": tr("Reason"),
        "note": tr("Note"),
        "recorded_by": tr("Recorded by"),
        "recorded_at": tr("Recorded at"),
        "collected_by": tr("Collected by"),
        "collected_at": tr("Collected at"),
        "walked_home": tr("Walked home"),
        "pickup_confirmed_by": tr("Pickup confirmed by"),
        # a session
        "status": tr("Status"),
        "date": tr("Date"),
        "start": tr("Start"),
        "end": tr("End"),
        "cancel_reason": tr("Reason for cancelling"),
        "location": tr("Location"),
        "title": tr("Title"),
        # a student
        "legal_first_name": tr("First name"),
        "legal_last_name": tr("Last name"),
        "preferred_name": tr("Preferred name"),
        "date_of_birth": tr("Date of birth"),
        "grade": tr("Grade"),
        "school": tr("School"),
        "instrument": tr("Instrument"),
        "level": tr("Level"),
        "medical_notes": tr("Medical notes"),
        "allergy_notes": tr("Allergies"),
        "photo_consent": tr("Photo consent"),
        "may_walk_home": tr("May walk home"),
        "notes": tr("Notes"),
        # a contact
        "name": tr("Name"),
        "relationship": tr("Relationship"),
        "phone": tr("Phone"),
        "phone_alt": tr("Other phone"),
        "email": tr("Email"),
        "authorized_pickup": tr("May collect"),
        "custody_restriction": tr("Custody restriction"),
    }
    return labels.get(name) or name.replace("_", " ").capitalize()


def show_field_value(name: str, value: Any) -> str:
    """A value of field ``name`` as staff read it: a session's roll state in words, a
    moment of recording as a local day and time; anything else by :func:`show_value`."""
    if name == "status" and isinstance(value, str):
        states = {
            "scheduled": tr("Roll not taken"),
            "held": tr("Roll taken"),
            "cancelled": tr("Cancelled"),
        }
        if value in states:
            return states[value]
    if name in ("recorded_at", "collected_at") and isinstance(value, str) and value:
        return show_when(value)
    return show_value(value)


def mark_record(sides: MarkSides, fallback: str) -> str:
    """Whose mark in which session: "Ana Garcia, Beginning Strings on Mon 14 Sep 2026"."""
    if sides.date is None:
        return fallback
    return tr("{student}, {ensemble} on {date}").format(
        student=sides.student, ensemble=sides.ensemble, date=date_text(sides.date)
    )


def mark_text(sides: MarkSides, state: MarkState) -> str:
    """One side of a child's mark, whole, in the window's language: "Late at 4:10 PM",
    "Left early at 5:00 PM, arrived 4:10 PM: dentist", "Present; collected by Rosa
    Garcia at 5:30 PM", "Unexcused absence"."""
    if state.code is None:
        text = tr("Not recorded")
    else:
        label, label_es = sides.labels.get(state.code, (state.code, ""))
        text = data_label(label, label_es)
    left = state.departure_time
    if left is not None:
        text = tr("{mark} at {time}").format(mark=text, time=time_text(left))
        if state.arrival_time is not None:
            text = tr("{mark}, arrived {time}").format(
                mark=text, time=time_text(state.arrival_time)
            )
    elif state.arrival_time is not None:
        text = tr("{mark} at {time}").format(mark=text, time=time_text(state.arrival_time))
    if state.reason:
        text = tr("{mark}: {reason}").format(mark=text, reason=state.reason)
    when = state.collected_at
    if state.walked_home:
        text = (
            tr("{mark}; walked home at {time}").format(mark=text, time=time_text(when))
            if when
            else tr("{mark}; walked home").format(mark=text)
        )
    elif state.collected_by:
        text = (
            tr("{mark}; collected by {name} at {time}").format(
                mark=text, name=state.collected_by, time=time_text(when)
            )
            if when
            else tr("{mark}; collected by {name}").format(mark=text, name=state.collected_by)
        )
    if sides.current.note != sides.other.note:
        text = tr("{mark}; note: {note}").format(mark=text, note=show_value(state.note))
    return text


def writer_text(writer: Writer | None) -> str:
    """The laptop that wrote a value: "This laptop", another laptop's name as the sync
    server gave it ("Park laptop 2"), or "Another laptop" when this laptop was not told
    its name; "" when nobody is known to have written it."""
    if writer is None:
        return ""
    if writer.this_laptop:
        return tr("This laptop")
    return writer.name or tr("Another laptop")


def held_text(values: dict[str, Any]) -> str:
    """What this laptop holds of the fields a refused or unapplied change sets: the value
    alone for one field, "Phone: …; Email: …" for more ("" when it holds no such row)."""
    if len(values) == 1:
        [(name, value)] = values.items()
        return show_field_value(name, value)
    return "; ".join(
        tr("{field}: {value}").format(field=field_label(name), value=show_field_value(name, v))
        for name, v in values.items()
    )


class ReviewModel(QAbstractTableModel):
    """Conflicts and refusals, one per row; beside each value, the laptop that wrote it."""

    COLUMNS = ("what", "field", "current", "current_by", "other", "other_by", "when")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[ReviewItem] = []

    def set_items(self, items: list[ReviewItem]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                tr("Record"),
                tr("Field"),
                tr("Current value"),
                tr("Laptop"),
                tr("Other value / reason"),
                tr("Laptop"),
                tr("Detected"),
            )[section]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            column = self.COLUMNS[section]
            if column == "current_by":
                return tr("Laptop that wrote the current value")
            if column == "other_by":
                return tr("Laptop that wrote the other value")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == ItemRole:
            return item
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = self.COLUMNS[index.column()]
        if item.kind in ("rejected", "unapplied"):
            reason = item.winning_value if isinstance(item.winning_value, dict) else {}
            changed = item.losing_value
            if isinstance(changed, str):
                try:
                    changed = json.loads(changed)
                except ValueError:
                    changed = {}
            fields = ", ".join(field_label(k) for k in changed) if isinstance(changed, dict) else ""
            return {
                "what": item.what,
                "field": (
                    tr("Refused change: {fields}")
                    if item.kind == "rejected"
                    else tr("Received change not applied: {fields}")
                ).format(fields=fields),
                "current": held_text(item.in_use),
                "current_by": writer_text(item.current_by),
                "other": str(reason.get("reason") or reason.get("code") or ""),
                "other_by": writer_text(item.other_by),
                "when": show_when(item.detected_at),
            }[column]
        if column == "current_by":
            return writer_text(item.current_by)
        if column == "other_by":
            return writer_text(item.other_by)
        if item.mark is not None:  # one child's mark, each side whole
            return {
                "what": mark_record(item.mark, item.what),
                "field": tr("Attendance mark"),
                "current": mark_text(item.mark, item.mark.current),
                "other": mark_text(item.mark, item.mark.other),
                "when": show_when(item.detected_at),
            }[column]
        return {
            "what": item.what,
            "field": field_label(item.field_name),
            "current": show_field_value(item.field_name, item.winning_value),
            "other": show_field_value(item.field_name, item.losing_value),
            "when": show_when(item.detected_at),
        }[column]


class DuplicatesModel(QAbstractTableModel):
    """Pairs of student records that look like the same child."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pairs: list[DuplicatePair] = []

    def set_pairs(self, pairs: list[DuplicatePair]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.pairs = list(pairs)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 4:
            return None
        return (tr("Student"), tr("Date of birth"), tr("Guardian phone"), tr("Records"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.pairs):
            return None
        pair = self.pairs[index.row()]
        if role == ItemRole:
            return pair
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == 0:
            return pair.name
        if index.column() == 1:
            return pair.date_of_birth.isoformat() if pair.date_of_birth else ""
        if index.column() == 2:
            return show_phone(pair.shared_phone)
        return tr("kept record: {kept} · other record: {other}").format(
            kept=_record_counts(*pair.keep_counts), other=_record_counts(*pair.drop_counts)
        )


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


class ReviewPage(QWidget):
    """Everything a sync left for a person to decide."""

    loaded = Signal()
    """The page finished (re)loading its rows."""

    def __init__(
        self, controller: SyncController, hub_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.hub_id = hub_id
        self.setAccessibleName(tr("Needs review"))
        self.model = ReviewModel(self)
        self.duplicates = DuplicatesModel(self)

        heading = QLabel(tr("<b>Changes that need a decision</b>"))
        heading.setAccessibleName(tr("Conflicts heading"))
        self.explain = QLabel(
            tr(
                "Two laptops changed the same thing before syncing. The newest change is "
                "in use; the other one is kept here so nothing is lost."
            )
        )
        self.explain.setWordWrap(True)
        self.table = _table(self.model, tr("Conflicts and refused changes"))
        self.keep_current = QPushButton(tr("Keep current value"))
        self.keep_current.setAccessibleName(tr("Keep current value"))
        self.use_other = QPushButton(tr("Use other value"))
        self.use_other.setAccessibleName(tr("Use other value"))
        self.dismiss = QPushButton(tr("Dismiss"))
        self.dismiss.setAccessibleName(tr("Dismiss refused change"))
        self.keep_current.clicked.connect(lambda: self._decide("winning"))
        self.use_other.clicked.connect(lambda: self._decide("losing"))
        self.dismiss.clicked.connect(lambda: self._decide("winning"))
        buttons = QHBoxLayout()
        for button in (self.keep_current, self.use_other, self.dismiss):
            buttons.addWidget(button)
        buttons.addStretch(1)

        dup_heading = QLabel(tr("<b>Possible duplicate students</b>"))
        dup_heading.setAccessibleName(tr("Duplicates heading"))
        dup_explain = QLabel(
            tr(
                "Same name, date of birth and guardian phone, probably entered on two "
                "laptops. Merging keeps every enrollment and attendance mark."
            )
        )
        dup_explain.setWordWrap(True)
        self.dup_table = _table(self.duplicates, tr("Possible duplicate students"))
        self.merge_button = QPushButton(tr("Merge into one student"))
        self.merge_button.setAccessibleName(tr("Merge duplicate students"))
        self.merge_button.clicked.connect(self._merge)
        self.status = QLabel()
        self.status.setAccessibleName(tr("Review status"))
        dup_buttons = QHBoxLayout()
        dup_buttons.addWidget(self.merge_button)
        dup_buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(dup_heading)
        layout.addWidget(dup_explain)
        layout.addWidget(self.dup_table, 2)
        layout.addLayout(dup_buttons)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.dup_table.selectionModel().selectionChanged.connect(self._update_buttons)
        controller.tasks.changed.connect(self._on_changes)
        self._update_buttons()

    def reload(self) -> None:
        """Load the review items and duplicate pairs in the background."""
        hub_id = self.hub_id
        QueryOp(
            self.controller.tasks,
            op=lambda s: (s.review.review_items(), s.duplicates.find(hub_id)),
            success=self._loaded,
            parent=self,
        ).failure(self._failed).run_in_background()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.review or changes.students:
            self.reload()

    def _loaded(self, result: tuple[list[ReviewItem], list[DuplicatePair]]) -> None:
        items, pairs = result
        self.model.set_items(items)
        self.duplicates.set_pairs(pairs)
        if not items and not pairs:
            self.status.setText(tr("Nothing needs review."))
        else:
            self.status.setText(
                tr("{changes} and {duplicates} to review.").format(
                    changes=tr("%n change(s)", "", len(items)),
                    duplicates=tr("%n possible duplicate(s)", "", len(pairs)),
                )
            )
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.status.setText(str(error))
        self._update_buttons()
        self.loaded.emit()

    def selected_item(self) -> ReviewItem | None:
        """The review item of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ItemRole) if rows else None

    def selected_pair(self) -> DuplicatePair | None:
        """The duplicate pair of the selected row."""
        rows = self.dup_table.selectionModel().selectedRows()
        return self.duplicates.data(rows[0], ItemRole) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        item = self.selected_item()
        conflict = item is not None and item.kind == "conflict"
        self.keep_current.setEnabled(conflict)
        self.use_other.setEnabled(conflict)
        self.dismiss.setEnabled(item is not None and item.kind in ("rejected", "unapplied"))
        self.merge_button.setEnabled(self.selected_pair() is not None)

    def _decide(self, keep: str) -> None:
        item = self.selected_item()
        if item is None:
            return
        # Keeping the other value writes it back to its row, whichever table that is.
        CollectionOp(
            self.controller.tasks,
            op=lambda s: s.review.keep_value(item.id, keep),
            changes=Changes.everything(),
            parent=self,
        ).failure(self._failed).run_in_background(initiator=self)

    def _merge(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        CollectionOp(
            self.controller.tasks,
            op=lambda s: s.duplicates.merge(pair.keep_id, pair.drop_id),
            changes=Changes(marks=True, students=True, enrollment=True, review=True),
            parent=self,
        ).failure(self._failed).run_in_background(initiator=self)
