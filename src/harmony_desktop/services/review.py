""" "Needs review": values that lost a merge and changes the server refused.

Nothing is dropped silently by a sync: a losing value that differs from the winner, and a
change the server refused for good, are kept (by ``store.replica``) until someone looks
at them here and keeps one value or dismisses the refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import display_name
from harmony_desktop.store import Store
from harmony_desktop.store.models import (
    SYNCED_MODELS,
    AttendanceMark,
    ClassSession,
    Contact,
    Ensemble,
    Student,
)
from harmony_desktop.store.replica import Replica, resolve_conflict


@dataclass
class ReviewItem:
    """One entry of "Needs review": a losing value, or a change the server refused."""

    id: str
    kind: str  # "conflict", "rejected" (refused by the server) or "unapplied" (pulled, not applied)
    table: str
    row_id: str
    field_name: str
    losing_value: Any
    winning_value: Any
    what: str  # a human description of the row, e.g. "Student Ana Garcia"
    detected_at: str
    resolved: bool = False
    resolution: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class ReviewService:
    """List and resolve the review items of one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def review_items(self, *, include_resolved: bool = False) -> list[ReviewItem]:
        """Conflicts and refused changes, newest first."""
        records = Replica(self.store).conflicts(include_resolved=include_resolved)
        with self.store.read() as s:
            return [
                ReviewItem(
                    id=c.id,
                    kind=c.kind,
                    table=c.table,
                    row_id=c.row_id,
                    field_name=c.field_name,
                    losing_value=c.losing_value,
                    winning_value=c.winning_value,
                    what=describe_row(s, c.table, c.row_id),
                    detected_at=c.detected_at,
                    resolved=c.resolved_at is not None,
                    resolution=c.resolution,
                )
                for c in records
            ]

    def keep_value(self, item_id: str, keep: str) -> None:
        """Resolve a conflict by keeping ``"losing"`` or ``"winning"`` (or dismiss a refusal).

        Keeping the losing value writes it as a new edit (it syncs like any other).
        """
        if keep not in ("losing", "winning"):
            raise ValidationError(_("Choose which value to keep."))
        with self.store.write() as w:
            resolve_conflict(w, item_id, keep)


def describe_row(s: Session, table: str, row_id: str) -> str:
    """A short human description of a synced row for the review panel."""

    def student_name(student_id: str) -> str:
        st = s.get(Student, student_id)
        if st is None:
            return _("unknown student")
        return display_name(st.legal_first_name, st.legal_last_name, st.preferred_name)

    if table == "student":
        return _("Student {name}").format(name=student_name(row_id))
    if table == "attendance_mark":
        mark = s.get(AttendanceMark, row_id)
        if mark is None:
            return _("Attendance mark")
        session = s.get(ClassSession, mark.session_id)
        when = session.date.isoformat() if session else "?"
        return _("Mark of {name} on {date}").format(name=student_name(mark.student_id), date=when)
    if table == "contact":
        contact = s.get(Contact, row_id)
        if contact is not None:
            return _("Contact {name} of {student}").format(
                name=contact.name, student=student_name(contact.student_id)
            )
    if table == "session":
        session = s.get(ClassSession, row_id)
        if session is not None:
            ensemble = s.get(Ensemble, session.ensemble_id)
            return _("Session of {ensemble} on {date}").format(
                ensemble=ensemble.name if ensemble else "?", date=session.date.isoformat()
            )
    model = SYNCED_MODELS.get(table)
    row = s.get(model, row_id) if model else None
    name = ""
    if row is not None:
        name = getattr(row, "name", "") or getattr(row, "label", "") or getattr(row, "title", "")
    return f"{table.replace('_', ' ').capitalize()} {name}".strip()
