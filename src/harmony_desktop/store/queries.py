"""Reading live rows: the one way to say "not deleted" and "this row, or not found".

Synced rows are never removed: a delete is a tombstone (``deleted`` true) so that it can
sync. Every query the use cases make therefore filters tombstones out, and every lookup
by id treats a tombstone as missing. See docs/DOMAIN.md ("Archive, never delete").
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session, col

from harmony_desktop.domain.errors import NotFoundError
from harmony_desktop.domain.i18n import _
from harmony_desktop.store.models import (
    ClassSession,
    Contact,
    Enrollment,
    Ensemble,
    Hub,
    Staff,
    Student,
    SyncedRow,
)

R = TypeVar("R", bound=SyncedRow)


def live(model: type[SyncedRow]) -> Any:
    """The WHERE clause keeping ``model``'s live rows: ``select(M).where(live(M), …)``."""
    return col(model.deleted).is_(False)


def _not_found_message(model: type[SyncedRow]) -> str:
    # Messages are looked up when raised, so they come out in the current language.
    messages = {
        Student: _("That student does not exist."),
        Contact: _("That contact does not exist."),
        Hub: _("That hub does not exist."),
        Ensemble: _("That ensemble does not exist."),
        Enrollment: _("That enrollment does not exist."),
        Staff: _("That staff member does not exist."),
        ClassSession: _("That session does not exist."),
    }
    return messages.get(model) or _("That record does not exist.")


def get_live(session: Session, model: type[R], row_id: str, *, message: str | None = None) -> R:
    """The live row ``row_id`` of ``model``, or :class:`NotFoundError` (with ``message``,
    or a plain "That … does not exist.") if it is missing or tombstoned."""
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFoundError(message or _not_found_message(model))
    return row


def find_live(session: Session, model: type[R], row_id: str) -> R | None:
    """The live row ``row_id`` of ``model``, or None if it is missing or tombstoned."""
    row = session.get(model, row_id)
    return None if row is None or row.deleted else row
