"""Sessions: today's list from ensemble schedules, ad-hoc sessions, cancellations.

The list itself is read by ``store/today.py`` (the window's first paint reads it there
too, before the ORM loads). A scheduled session exists before anyone writes it: its id is deterministic
(uuid5(ensemble, date, start)), so the list for a day is computed from the schedules and
merged with the rows already stored. A session is written (materialised) when a teacher
opens its roll, cancels it, or adds an ad-hoc one; two laptops doing so converge. On a
day the register finds certainly wrong (this computer's clock behind its last sync),
opening the roll writes nothing: the first write on it that goes ahead stores the
session in its own transaction (:func:`store_session`, from the roll's and the
volunteers' writes). Statuses and the derived roll states are defined in docs/DOMAIN.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import col, func, select

from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.schedule import meetings
from harmony_desktop.domain.sessions import RollState, SessionInfo
from harmony_desktop.domain.vocab import EnrollmentStatus, SessionKind, SessionStatus
from harmony_desktop.services.calendar import Calendar
from harmony_desktop.store import ChangeWriter, Store
from harmony_desktop.store.models import AttendanceMark, ClassSession, Enrollment, Ensemble
from harmony_desktop.store.queries import find_live, get_live, live
from harmony_desktop.store.replica import session_id
from harmony_desktop.store.today import (
    MISSING_ROLL_DAYS,
    Planner,
    missing_roll_range,
    missing_rolls,
    plain,
    read_sessions,
)

__all__ = [
    "RegisterSetup",
    "RollState",
    "SessionInfo",
    "SessionService",
    "parse_schedule",
    "store_session",
]


@dataclass(frozen=True)
class RegisterSetup:
    """What a hub has for its register to list sessions with students on them."""

    ensembles: int
    """Its ensembles in use (not archived)."""
    scheduled: int
    """Those of them with at least one weekly meeting: only they make sessions."""
    enrolled: int
    """Students enrolled in those scheduled ensembles (each counted once)."""


def parse_schedule(text: str) -> list[tuple[int, dt.time, dt.time]]:
    """An ensemble's JSON weekly schedule as (weekday, start, end) triples (every meeting,
    whatever the days it is in effect; see :mod:`harmony_desktop.domain.schedule`)."""
    return [m.slot for m in meetings(text)]


class SessionService:
    """Lists, opens, adds and cancels sessions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def for_day(self, hub_id: str, day: dt.date) -> list[SessionInfo]:
        """Every session of the hub on ``day``: scheduled, stored and ad-hoc, by start."""
        return self.for_range(hub_id, day, day)

    def for_range(self, hub_id: str, first: dt.date, last: dt.date) -> list[SessionInfo]:
        """Every session of the hub from ``first`` to ``last`` inclusive.

        A stored regular session the schedule no longer makes (the schedule changed, a
        closure was added) is listed only if it has marks, flagged ``off_schedule``;
        without marks it was never held, and it is gone with the schedule.
        """
        with self.store.read() as s:
            return read_sessions(plain(s), hub_id, first, last)

    def setup(self, hub_id: str) -> RegisterSetup:
        """How far the hub is set up for taking roll: its ensembles, those with a weekly
        schedule, and the students enrolled in them (what an empty day should say is
        missing)."""
        with self.store.read() as s:
            rows = s.exec(
                select(Ensemble.id, Ensemble.schedule).where(
                    Ensemble.hub_id == hub_id, live(Ensemble), col(Ensemble.archived).is_(False)
                )
            ).all()
            scheduled = [row_id for row_id, schedule in rows if meetings(schedule)]
            enrolled = s.exec(
                select(func.count(func.distinct(Enrollment.student_id))).where(
                    col(Enrollment.ensemble_id).in_(scheduled),
                    live(Enrollment),
                    Enrollment.status == EnrollmentStatus.ENROLLED.value,
                )
            ).one()
        return RegisterSetup(len(rows), len(scheduled), int(enrolled))

    def off_schedule(self, hub_id: str, ensemble_id: str | None = None) -> list[SessionInfo]:
        """Sessions kept because they have marks although the schedule (or a closure) no
        longer makes them, oldest first: what the site lead should look at."""
        with self.store.read() as s:
            ensembles = {
                e.id: e
                for e in s.exec(select(Ensemble).where(Ensemble.hub_id == hub_id, live(Ensemble)))
                if ensemble_id in (None, e.id) and not e.archived
            }
            held = s.exec(
                select(ClassSession)
                .where(
                    col(ClassSession.ensemble_id).in_(list(ensembles)),
                    live(ClassSession),
                    ClassSession.kind == SessionKind.REGULAR.value,
                    col(ClassSession.id).in_(
                        select(AttendanceMark.session_id).where(
                            col(AttendanceMark.code).is_not(None), live(AttendanceMark)
                        )
                    ),
                )
                .order_by(col(ClassSession.date))
            ).all()
            if not held:
                return []
            planner = Planner(
                hub_id, ensembles.values(), Calendar.load(s, held[0].date, held[-1].date)
            )
            days = sorted(
                {r.date for r in held if not planner.scheduled(r.ensemble_id, r.date, r.start)}
            )
        return [
            info
            for day in days
            for info in self.for_day(hub_id, day)
            if info.off_schedule and ensemble_id in (None, info.ensemble_id)
        ]

    def get(self, session_id_: str) -> SessionInfo:
        """The stored session ``session_id_`` as a :class:`SessionInfo`."""
        with self.store.read() as s:
            row = get_live(s, ClassSession, session_id_)
            hub_id = s.get(Ensemble, row.ensemble_id).hub_id  # type: ignore[union-attr]
        assert hub_id is not None
        for info in self.for_day(hub_id, row.date):
            if info.id == session_id_:
                return info
        raise NotFoundError(_("That session does not exist."))

    def open(self, info: SessionInfo) -> SessionInfo:
        """Make sure a scheduled session is stored, so marks can refer to it."""
        if not info.stored:
            self.materialise(info.ensemble_id, info.date, info.start, info.end)
        return self.get(info.id)

    def materialise(
        self, ensemble_id: str, day: dt.date, start: dt.time, end: dt.time, **fields: object
    ) -> str:
        """Store the session of ``ensemble_id`` at ``day``/``start`` (idempotent)."""
        with self.store.write() as w:
            return store_session(w, ensemble_id, day, start, end, **fields)

    def add_ad_hoc(
        self,
        ensemble_id: str,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        *,
        kind: SessionKind = SessionKind.REHEARSAL,
        title: str = "",
        on_site: bool = True,
        location: str = "",
    ) -> str:
        """Add a rehearsal, performance or masterclass outside the weekly schedule."""
        if end <= start:
            raise ValidationError(_("The session must end after it starts."), "end")
        sid = session_id(ensemble_id, day, start)
        with self.store.read() as s:
            if find_live(s, ClassSession, sid) is not None:
                raise ValidationError(
                    _("This ensemble already has a session starting at {time} that day.").format(
                        time=start.strftime("%H:%M")
                    ),
                    "start",
                )
        fields: dict[str, object] = {"kind": kind.value, "title": title.strip(), "on_site": on_site}
        if location:
            fields["location"] = location
        return self.materialise(ensemble_id, day, start, end, **fields)

    def cancel(self, info: SessionInfo, reason: str) -> None:
        """Cancel a session with a reason; it leaves every attendance denominator."""
        reason = reason.strip()
        if not reason:
            raise ValidationError(_("Say why the session is cancelled."), "reason")
        self.open(info)
        with self.store.write() as w:
            row = w.get(ClassSession, info.id)
            w.update(row, status=SessionStatus.CANCELLED.value, cancel_reason=reason)

    def uncancel(self, session_id_: str) -> None:
        """Undo a cancellation: the session is scheduled (or held, if marks exist) again."""
        with self.store.write() as w:
            row = w.get(ClassSession, session_id_)
            has_marks = w.session.exec(
                select(AttendanceMark.id).where(
                    AttendanceMark.session_id == session_id_, col(AttendanceMark.code).is_not(None)
                )
            ).first()
            status = SessionStatus.HELD if has_marks else SessionStatus.SCHEDULED
            w.update(row, status=status.value, cancel_reason="")

    def missing_rolls(
        self, hub_id: str, today: dt.date, *, days_back: int = MISSING_ROLL_DAYS
    ) -> list[SessionInfo]:
        """Past sessions (before ``today``) not cancelled and with roll not complete."""
        return missing_rolls(self.for_range(hub_id, *missing_roll_range(today, days_back)))


def store_session(
    w: ChangeWriter, ensemble_id: str, day: dt.date, start: dt.time, end: dt.time, **fields: object
) -> str:
    """Store the session of ``ensemble_id`` at ``day``/``start`` in the caller's
    transaction ``w``, unless it is stored already (then it is left as it is); its id.

    :meth:`SessionService.materialise` writes a session so; so does the first write on
    a roll opened without storing its session (on a certainly wrong "today"), with the
    marks or the shift it writes."""
    sid = session_id(ensemble_id, day, start)
    ensemble = w.get(Ensemble, ensemble_id)
    if find_live(w.session, ClassSession, sid) is None:
        w.upsert(
            ClassSession,
            sid,
            hub_id=ensemble.hub_id,
            ensemble_id=ensemble_id,
            date=day,
            start=start,
            end=end,
            location=ensemble.location,
            **fields,
        )
    return sid
