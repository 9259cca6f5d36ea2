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
    QEvent,
    QModelIndex,
    QObject,
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
from harmony_desktop.ui.language import date_text, day_text, time_text
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


def field_label(name: str, table: str = "") -> str:
    """A field as staff call it, in the window's language ("recorded_at" → "Recorded at",
    "Registrado el"), as the form of ``table`` names it where that differs (a term's
    "first_day" is "From"); a field not named here as words ("date_of_birth" → "Date of
    birth")."""
    in_form = {
        ("programme_year", "label"): tr("Year"),
        ("term", "first_day"): tr("From"),
        ("term", "last_day"): tr("To"),
        ("ensemble", "location"): tr("Room"),
        ("ensemble", "schedule"): tr("Meets"),
        ("attendance_code", "label_es"): tr("Spanish label"),
    }.get((table, name))
    if in_form:
        return in_form
    labels = {
        # every record
        "deleted": tr("Removed"),
        "hub_id": tr("Hub"),
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
        "grade_year": tr("School year of the grade"),
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
        "language": tr("Language"),
        "priority": tr("Order to call"),
        "is_guardian": tr("Guardian"),
        "is_emergency": tr("Emergency contact"),
        "district_student_id": tr("District student ID"),
        "statewide_student_id": tr("Statewide student ID"),
        "home_language": tr("Home language"),
        "guardian_language": tr("Guardian's language"),
        # a hub, a member of staff, a code
        "address": tr("Address"),
        "partner": tr("Partner"),
        "partner_kind": tr("Kind of partner"),
        "timezone": tr("Time zone"),
        "role": tr("Role"),
        "hubs": tr("Hubs"),
        "archived": tr("Archived"),
        "label": tr("Label"),
        "label_es": tr("Label in Spanish"),
        "counts_present": tr("Counts as present"),
        "tardy": tr("Late"),
        "early_departure": tr("Left early"),
        "excused": tr("Excused"),
        "sort_order": tr("Order"),
        "active": tr("In use"),
        # an ensemble, an enrollment, a session
        "instrument_family": tr("Instrument family"),
        "schedule": tr("Schedule"),
        "capacity": tr("Capacity"),
        "teacher_id": tr("Teacher"),
        "first_day": tr("First day"),
        "last_day": tr("Last day"),
        "grade_min": tr("Lowest grade"),
        "grade_max": tr("Highest grade"),
        "follows_terms": tr("Follows the terms"),
        "student_id": tr("Student"),
        "ensemble_id": tr("Ensemble"),
        "session_id": tr("Session"),
        "applied_on": tr("Applied on"),
        "waitlisted_on": tr("Waitlisted on"),
        "waitlist_priority": tr("Waitlist priority"),
        "enrolled_on": tr("Enrolled on"),
        "ended_on": tr("Ended on"),
        "end_reason": tr("Why it ended"),
        "enrollment_id": tr("Enrollment"),
        "on": tr("Day"),
        "kind": tr("Kind"),
        "on_site": tr("On site"),
        "guest_artist": tr("Guest artist"),
        "audience_count": tr("Audience"),
        "target_id": tr("Kept student"),
        "year_label": tr("School year"),
        # a volunteer
        "first_name": tr("First name"),
        "last_name": tr("Last name"),
        "organisation": tr("Organisation"),
        "skills": tr("Skills"),
        "instruments": tr("Instruments"),
        "volunteer_id": tr("Volunteer"),
        "kind_id": tr("Clearance"),
        "validity_months": tr("Valid for (months)"),
        "required": tr("Required"),
        "done_on": tr("Done on"),
        "expires_on": tr("Expires on"),
        "sign_in": tr("Signed in"),
        "sign_out": tr("Signed out"),
        "confirmed_by": tr("Confirmed by"),
        "confirmed_at": tr("Confirmed at"),
        "confirmation_note": tr("Confirmation note"),
        "invited_hub_id": tr("Invited hub"),
        # a family event
        "event_id": tr("Event"),
        "contact_id": tr("Contact"),
        "adult_key": tr("Adult"),
        "attended": tr("Attended"),
    }
    return labels.get(name) or name.replace("_", " ").capitalize()


# The fields of a record in the order its form shows them (the rest after them).
_FORM_ORDER = {
    "staff": ("name", "role", "hubs", "phone", "email", "archived"),
    "programme_year": ("label", "first_day", "last_day"),
    "term": ("year_label", "name", "first_day", "last_day"),
    "closure": ("date", "reason"),
    "attendance_code": (
        "code", "label", "label_es", "counts_present", "tardy", "early_departure", "excused",
        "sort_order", "active",
    ),
    "clearance_kind": ("code", "label", "validity_months", "required", "sort_order", "active"),
    "hub": ("name", "address", "partner", "partner_kind", "timezone"),
    "ensemble": (
        "name", "teacher_id", "capacity", "grade_min", "grade_max", "first_day", "last_day",
        "follows_terms", "schedule", "level", "instrument_family", "location", "archived",
    ),
}  # fmt: skip


def shown_fields(table: str, values: dict[str, Any], *, new: bool = False) -> list[str]:
    """The fields of a change worth naming, in the order the record's form shows them:
    never its hub (where the record belongs, not something typed), its removal only when
    it removes the record; for a ``new`` record only the fields it fills in."""
    order = _FORM_ORDER.get(table, ())
    names = [
        name
        for name, value in values.items()
        if name != "hub_id"
        and (name != "deleted" or value is True)
        and not (new and (value is None or value == "" or value is False or value == "[]"))
    ]
    return sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n))


def is_new_record(values: object) -> bool:
    """Whether a refused change made its record: a new record's change carries every
    field, its hub among them, which a later change never sets (a record's hub is
    fixed)."""
    return isinstance(values, dict) and "hub_id" in values


def _changed(item: ReviewItem) -> dict[str, Any]:
    """The values a refused or unapplied change sets ({} when unreadable)."""
    changed = item.losing_value
    if isinstance(changed, str):
        try:
            changed = json.loads(changed)
        except ValueError:
            return {}
    return changed if isinstance(changed, dict) else {}


def _programme_wide(item: ReviewItem) -> bool:
    """Whether the item's record is the whole programme's (no hub)."""
    return item.hub_id is None and item.table != "hub"


def refusal_text(reason: dict[str, Any], *, programme_wide: bool = False) -> str:
    """Why a change was refused (by the server) or not applied (here), as staff read it,
    in the window's language; the technical reason is the tooltip's
    (:func:`refusal_tip`). ``programme_wide``: the record is the whole programme's."""
    code = str(reason.get("code") or "")
    if code == "out_of_scope" and programme_wide:
        return tr("The server takes this only from a data manager's laptop.")
    texts = {
        "out_of_scope": tr("This laptop may not change that hub's records."),
        "unknown_hub": tr("The sync server does not know this hub."),
        "hub_change": tr("On the sync server the record belongs to another hub."),
        "scope_change": tr("On the sync server the record belongs to another hub."),
        "parent_hub_mismatch": tr("On the sync server the record belongs to another hub."),
        "unknown_parent": tr("The sync server does not have the record this one belongs to."),
        "bad_values": tr("A value does not fit what the sync server accepts."),
        "bad_clocks": tr("This computer's clock was wrong when the change was made."),
        "bad_bases": tr("The change was malformed (an older version of this app?)."),
        "bad_row_id": tr("The change was malformed (an older version of this app?)."),
        "bad_hub_id": tr("The change was malformed (an older version of this app?)."),
        "unknown_table": tr("The change was malformed (an older version of this app?)."),
        "not_applied": tr(
            "This laptop could not apply the change (is this app older than the others?)."
        ),
    }
    return texts.get(code) or str(reason.get("reason") or code)


def refusal_tip(reason: dict[str, Any], *, programme_wide: bool = False) -> str:
    """:func:`refusal_text` and, below it, the reason as the server or this laptop's
    database gave it (in English: for whoever looks into it)."""
    text = refusal_text(reason, programme_wide=programme_wide)
    detail = str(reason.get("reason") or "")
    return f"{text}\n{detail}" if detail and detail != text else text


def refusal_explanation(item: ReviewItem) -> str:
    """Everything a person needs about one refused or unapplied change: why, in words,
    and what to do about it (shown below the list for the selected item)."""
    reason = item.winning_value if isinstance(item.winning_value, dict) else {}
    code = str(reason.get("code") or "")
    if item.kind == "rejected" and code == "out_of_scope" and _programme_wide(item):
        return tr(
            "The server takes this only from a data manager's laptop: staff, the school "
            "year and its terms, closures of the whole programme, attendance codes and "
            "kinds of clearance are the whole programme's. The change stays on this "
            "laptop. If the programme was set up on this laptop, ask the office to make it "
            "the programme's data manager's laptop (they revoke its code and give it a "
            "data manager's code): enrolled again with that code, it sends the change by "
            "itself. Otherwise ask your data manager to make the change on their laptop, "
            "then dismiss it here."
        )
    if item.kind == "rejected" and code == "out_of_scope":
        return tr(
            "The server takes this only from a laptop enrolled for the record's hub, or a "
            "data manager's. The change stays on this laptop: enrolled again with a code "
            "for that hub (or a data manager's), it sends the change by itself. Otherwise "
            "ask a laptop of that hub to make the change, then dismiss it here."
        )
    text = refusal_text(reason)
    if item.kind == "rejected":
        return tr(
            "{reason} The change stays on this laptop; dismiss it once it is dealt with."
        ).format(reason=text)
    return text


#: The synced fields that hold a day (a wire value "2014-06-05"): shown as the window
#: writes a date (a test keeps this the models' every date field).
DATE_FIELDS = frozenset(
    {
        "date_of_birth", "first_day", "last_day", "applied_on", "waitlisted_on",
        "enrolled_on", "ended_on", "on", "date", "done_on", "expires_on",
    }
)  # fmt: skip


#: The synced fields that hold a time of day (a wire value "15:30:00").
TIME_FIELDS = frozenset(
    {"start", "end", "arrival_time", "departure_time", "collected_at", "sign_in", "sign_out"}
)


def _time(value: Any) -> dt.time | None:
    """The time of day a time field's value holds (a wire value is ISO text), else None."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _day(value: Any) -> dt.date | None:
    """The day a date field's value holds (a wire value is ISO text), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def role_words(role: str, table: str) -> str:
    """A role stored as a code, in words in the window's language: a staff member's as
    the Programme window names it ("site_lead" → "Site lead", "Coordinador(a) de sede"),
    a volunteer's as the Volunteers tab does; a code neither knows, as it is."""
    if table == "volunteer":
        from harmony_desktop.services.volunteers import role_label as volunteer_role

        return str(volunteer_role(role))
    from harmony_desktop.ui.programme.pages import role_label as staff_role

    return staff_role(role)


def show_field_value(name: str, value: Any, table: str = "") -> str:
    """A value of field ``name`` (of a record of ``table``) as staff read it: a day as
    the window writes dates ("5 Jun 2014", "5 jun 2014"; it was "2014-06-05"), a time of
    day as it writes times ("3:30 PM"), a role, a volunteer's status and a hub's kind of
    partner in words (it was "site_lead"), a session's roll state in words, a moment of
    recording as a local day and time; anything else by :func:`show_value`."""
    if name in DATE_FIELDS and (day := _day(value)) is not None:
        return day_text(day)
    if name in TIME_FIELDS and (moment := _time(value)) is not None:
        return time_text(moment)
    if name == "role" and isinstance(value, str) and value:
        return role_words(value, table)
    if name == "status" and table == "volunteer" and isinstance(value, str) and value:
        from harmony_desktop.services.volunteers import status_label

        return str(status_label(value))
    if name == "partner_kind" and isinstance(value, str) and value:
        from harmony_desktop.ui.programme.pages import partner_kind_label

        return partner_kind_label(value)
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


def grade_text(side: tuple[str, str]) -> str:
    """One side of a student's grade with the programme year it is for: "6 for
    2025-26"; the grade alone when its year was never recorded; "(empty)" for none."""
    grade, year = side
    if not grade:
        return show_value(grade)
    return tr("{grade} for {year}").format(grade=grade, year=year) if year else grade


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


def held_text(values: dict[str, Any], table: str = "", *, new: bool = False) -> str:
    """What this laptop holds of the fields a refused or unapplied change sets: the value
    alone for one field, "Phone: …; Email: …" for more, in the order and the words of the
    record's form ("" when it holds no such row). ``new``: the change made the record,
    and only the fields it fills in are named."""
    names = shown_fields(table, values, new=new)
    if len(names) == 1 and not new:
        [name] = names
        return show_field_value(name, values[name], table)
    return "; ".join(
        tr("{field}: {value}").format(
            field=field_label(name, table), value=show_field_value(name, values[name], table)
        )
        for name in names
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
            changed = _changed(item)
            new = item.kind == "rejected" and is_new_record(changed)
            fields = ", ".join(
                field_label(name, item.table) for name in shown_fields(item.table, changed)
            )
            wide = _programme_wide(item)
            if new:
                field_text = tr("Refused new record")
            elif item.kind == "rejected":
                field_text = tr("Refused change: {fields}").format(fields=fields)
            else:
                field_text = tr("Received change not applied: {fields}").format(fields=fields)
            return {
                "what": item.what,
                "field": field_text,
                "current": held_text(item.in_use, item.table, new=new),
                "current_by": writer_text(item.current_by),
                "other": (
                    refusal_text(reason, programme_wide=wide)
                    if role == Qt.ItemDataRole.DisplayRole
                    else refusal_tip(reason, programme_wide=wide)
                ),
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
        if item.grade is not None:  # a grade and its year, kept together
            return {
                "what": item.what,
                "field": field_label("grade", item.table),
                "current": grade_text(item.grade.current),
                "other": grade_text(item.grade.other),
                "when": show_when(item.detected_at),
            }[column]
        return {
            "what": item.what,
            "field": field_label(item.field_name, item.table),
            "current": show_field_value(item.field_name, item.winning_value, item.table),
            "other": show_field_value(item.field_name, item.losing_value, item.table),
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
            return day_text(pair.date_of_birth) if pair.date_of_birth else ""
        if index.column() == 2:
            return show_phone(pair.shared_phone)
        return tr("kept record: {kept} · other record: {other}").format(
            kept=_record_counts(*pair.keep_counts), other=_record_counts(*pair.drop_counts)
        )


def conflicts_text() -> str:
    """What a conflict is, as the page says above its list."""
    return tr(
        "Two laptops changed the same thing before syncing. The newest change is in use; "
        "the other one is kept here so nothing is lost."
    )


def refusals_text() -> str:
    """What a refused (or unapplied) change is, as the page says above its list."""
    return tr(
        "The sync server did not take some changes from this laptop, or this laptop could "
        "not apply a change it received: each says why (select it to read more). They stay "
        "on this laptop; dismiss one once it is dealt with."
    )


def _table(model: QAbstractTableModel, name: str, *, wrapping: tuple[int, ...] = ()) -> QTableView:
    """A table of one selectable row per item. ``wrapping``: the columns of long text (a
    refusal's reason, a record's name): see :class:`_FitColumns`."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    if not wrapping:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setWordWrap(False)
        return view
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    rows.setMinimumSectionSize(rows.defaultSectionSize())  # a one-line row as tall as before
    # a row taller than a netbook's table is read through, not jumped over
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    _FitColumns(view, wrapping)
    return view


class _FitColumns(QObject):
    """Keeps a table within its width: every column as wide as its text when all fit;
    else the columns of short text keep theirs and the ``wrapping`` ones share the rest
    (a narrow text keeps its width, the longest ones split what is left), their words
    wrapping and each row as tall as its text. A long Spanish refusal at 1280 pixels
    made the table scroll sideways; equal shares wrapped short names for nothing."""

    def __init__(self, view: QTableView, wrapping: tuple[int, ...]) -> None:
        super().__init__(view)
        self.view = view
        self.wrapping = wrapping
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged):
            signal.connect(self.fit)
        model.rowsInserted.connect(self.fit)
        model.rowsRemoved.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self, *_args: object) -> None:
        """Set each column's width for the table's width now."""
        view, header = self.view, self.view.horizontalHeader()
        wanted = [
            max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count())
        ]
        widths = list(wanted)
        left = view.viewport().width() - sum(
            w for c, w in enumerate(wanted) if c not in self.wrapping
        )
        if sum(wanted[c] for c in self.wrapping) > left:
            narrowest = sorted(self.wrapping, key=lambda c: wanted[c])
            for i, column in enumerate(narrowest):
                share = max(header.minimumSectionSize(), left // (len(narrowest) - i))
                widths[column] = min(wanted[column], share)
                left -= widths[column]
        for column, width in enumerate(widths):
            header.resizeSection(column, width)


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
        self.explain = QLabel(conflicts_text())
        self.explain.setWordWrap(True)
        self.table = _table(
            self.model,
            tr("Conflicts and refused changes"),
            wrapping=tuple(
                ReviewModel.COLUMNS.index(c) for c in ("what", "field", "current", "other")
            ),
        )
        # why the selected change was refused and what to do: the list's column is cut
        # short (and off the screen of a small laptop)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(tr("Why the change was refused"))
        self.detail.hide()
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
        layout.addWidget(self.detail)
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
        # say what the listed items are: two laptops' edits, refusals, or both
        conflicts = any(item.kind == "conflict" for item in items)
        refusals = any(item.kind != "conflict" for item in items)
        texts = [conflicts_text()] if conflicts or not refusals else []
        self.explain.setText(" ".join([*texts, *([refusals_text()] if refusals else [])]))
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
        if item is not None and item.kind in ("rejected", "unapplied"):
            self.detail.setText(
                tr("{record}: {why}").format(record=item.what, why=refusal_explanation(item))
            )
            self.detail.show()
        else:
            self.detail.clear()
            self.detail.hide()
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
