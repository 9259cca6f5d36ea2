"""Who is expected on a session's roll: its ensemble's students, or a masterclass's guests.

A regular session, rehearsal or performance expects the students enrolled in its
ensemble that day. A masterclass may invite more: the students of other ensembles, or
of a whole hub (``SessionInvitation``); its roll is the union of the invited students
and its own ensemble's. ``services/roll.py`` and ``services/sessions.py`` ask here, so
a masterclass's roll is taken, counted and flagged like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, col, select

from harmony_desktop.store import today
from harmony_desktop.store.models import SessionInvitation
from harmony_desktop.store.queries import live
from harmony_desktop.store.today import plain


def invitations_of(s: Session, session_ids: Iterable[str]) -> dict[str, list[SessionInvitation]]:
    """The live invitations of each of ``session_ids`` that has any (one query)."""
    ids = list(session_ids)
    found: dict[str, list[SessionInvitation]] = {}
    for start in range(0, len(ids), 500):
        for row in s.exec(
            select(SessionInvitation).where(
                col(SessionInvitation.session_id).in_(ids[start : start + 500]),
                live(SessionInvitation),
            )
        ):
            found.setdefault(row.session_id, []).append(row)
    return found


def invited_ensembles(s: Session, invitations: Iterable[SessionInvitation]) -> list[str]:
    """The ensembles the invitations name, directly or as every ensemble of a hub."""
    return today.invited_ensembles(plain(s), _pairs(invitations))


def expected_student_ids(
    s: Session,
    ensemble_id: str,
    day: dt.date,
    invitations: Iterable[SessionInvitation] = (),
) -> list[str]:
    """The students expected at a session of ``ensemble_id`` on ``day``: enrolled in it
    that day, plus those enrolled that day in an ensemble or hub the session invites
    (the rule today's list counts with: ``store/today.py``)."""
    return today.expected_students(plain(s), ensemble_id, day, _pairs(invitations))


def _pairs(invitations: Iterable[SessionInvitation]) -> list[today.Invitation]:
    return [(i.ensemble_id, i.invited_hub_id) for i in invitations]


def session_student_ids(s: Session, session_id: str, ensemble_id: str, day: dt.date) -> list[str]:
    """:func:`expected_student_ids` of one stored or scheduled session."""
    return expected_student_ids(
        s, ensemble_id, day, invitations_of(s, [session_id]).get(session_id, ())
    )
