"""Sessions: today's list from ensemble schedules, ad-hoc sessions, cancellations.

A scheduled session exists before anyone writes it: its id is deterministic
(uuid5(ensemble, date, start)), so the list for a day is computed from the schedules and
merged with the rows already stored. A session is written (materialised) when a teacher
opens its roll, cancels it, or adds an ad-hoc one; two laptops doing so converge.
Statuses and the derived roll states are defined in docs/DOMAIN.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, col, select

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.schedule import Meeting, meetings
from harmony_desktop.domain.vocab import SessionKind, SessionStatus
from harmony_desktop.services.calendar import Calendar
from harmony_desktop.services.enrollment import EnrolledOn
from harmony_desktop.services.invitations import expected_student_ids, invitations_of
from harmony_desktop.store import Store
from harmony_desktop.store.models import AttendanceMark, ClassSession, Ensemble
from harmony_desktop.store.queries import find_live, get_live, live
from harmony_desktop.store.replica import session_id


class RollState(StrEnum):
    """What a teacher sees on a session: derived, never stored."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ROLL_TAKEN = "roll_taken"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class SessionInfo:
    """One session of a day as the sessions list shows it."""

    id: str
    ensemble_id: str
    ensemble_name: str
    date: dt.date
    start: dt.time
    end: dt.time
    status: str
    kind: str
    title: str
    on_site: bool
    cancel_reason: str
    stored: bool
    expected: int
    recorded: int
    #: a regular session no longer on the schedule (changed, a closure) kept because
    #: it already has marks: the site lead should look at it
    off_schedule: bool = False
    #: the ensemble's teacher (who takes its roll unless someone else is chosen)
    teacher_id: str | None = None

    @property
    def state(self) -> RollState:
        """Not started, in progress, roll taken or cancelled."""
        if self.status == SessionStatus.CANCELLED:
            return RollState.CANCELLED
        if self.recorded == 0:
            return RollState.NOT_STARTED
        if self.recorded >= self.expected:
            return RollState.ROLL_TAKEN
        return RollState.IN_PROGRESS

    @property
    def label(self) -> str:
        """Ensemble name, plus the title of an ad-hoc session."""
        return f"{self.ensemble_name} — {self.title}" if self.title else self.ensemble_name


def parse_schedule(text: str) -> list[tuple[int, dt.time, dt.time]]:
    """An ensemble's JSON weekly schedule as (weekday, start, end) triples (every meeting,
    whatever the days it is in effect; see :mod:`harmony_desktop.domain.schedule`)."""
    return [m.slot for m in meetings(text)]


class _Planner:
    """Which regular sessions a hub's ensembles have on a day: their meetings in
    effect, within their first and last day (or the terms), never on a closure day, and
    none for an archived ensemble."""

    def __init__(self, hub_id: str, ensembles: dict[str, Ensemble], calendar: Calendar) -> None:
        self.hub_id = hub_id
        self.ensembles = ensembles
        self.calendar = calendar
        self.meetings = {e.id: meetings(e.schedule) for e in ensembles.values()}

    def runs_on(self, ensemble: Ensemble, day: dt.date) -> bool:
        """True when ``ensemble`` may meet on ``day`` at all."""
        if ensemble.archived:
            return False
        if ensemble.first_day and day < ensemble.first_day:
            return False
        if ensemble.last_day and day > ensemble.last_day:
            return False
        return not (ensemble.follows_terms and self.calendar.in_term(day) is False)

    def sessions_on(self, day: dt.date) -> Iterator[tuple[Ensemble, Meeting]]:
        """Every (ensemble, meeting) that meets on ``day``."""
        if self.calendar.closure(self.hub_id, day) is not None:
            return
        for ensemble in self.ensembles.values():
            if self.runs_on(ensemble, day):
                for meeting in self.meetings[ensemble.id]:
                    if meeting.meets_on(day):
                        yield ensemble, meeting

    def scheduled(self, row: ClassSession) -> bool:
        """True when a stored regular session is still one the schedule makes."""
        return any(
            e.id == row.ensemble_id and m.start == row.start for e, m in self.sessions_on(row.date)
        )


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
            ensembles = {
                e.id: e
                for e in s.exec(select(Ensemble).where(Ensemble.hub_id == hub_id, live(Ensemble)))
            }
            planner = _Planner(hub_id, ensembles, Calendar.load(s, first, last))
            stored = {
                row.id: row
                for row in s.exec(
                    select(ClassSession).where(
                        col(ClassSession.ensemble_id).in_(list(ensembles)),
                        live(ClassSession),
                        ClassSession.date >= first,
                        ClassSession.date <= last,
                    )
                )
            }
            candidates: dict[str, tuple[Ensemble, dt.date, dt.time, dt.time, ClassSession | None]]
            candidates = {}
            day = first
            while day <= last:
                for ensemble, meeting in planner.sessions_on(day):
                    sid = session_id(ensemble.id, day, meeting.start)
                    candidates[sid] = (ensemble, day, meeting.start, meeting.end, None)
                day += dt.timedelta(days=1)
            recorded = _recorded(s, [*candidates, *stored])
            off_schedule: set[str] = set()
            for sid, found in stored.items():
                ensemble = ensembles[found.ensemble_id]
                if sid not in candidates and found.kind == SessionKind.REGULAR:
                    if not recorded.get(sid):
                        continue  # never held: it went with the schedule
                    if not ensemble.archived:
                        off_schedule.add(sid)
                candidates[sid] = (ensemble, found.date, found.start, found.end, found)
            invited = invitations_of(s, stored)
            enrolled = EnrolledOn(s, list(ensembles))
            infos = []
            for sid, (ensemble, day_, start, end, row) in candidates.items():
                if invitations := invited.get(sid, ()):
                    expected = len(expected_student_ids(s, ensemble.id, day_, invitations))
                else:  # the ensemble's own students (one query for the whole range)
                    expected = len(enrolled.student_ids(ensemble.id, day_))
                infos.append(
                    SessionInfo(
                        id=sid,
                        ensemble_id=ensemble.id,
                        ensemble_name=ensemble.name,
                        date=day_,
                        start=start,
                        end=end,
                        status=row.status if row else SessionStatus.SCHEDULED.value,
                        kind=row.kind if row else SessionKind.REGULAR.value,
                        title=row.title if row else "",
                        on_site=row.on_site if row else True,
                        cancel_reason=row.cancel_reason if row else "",
                        stored=row is not None,
                        expected=expected,
                        recorded=int(recorded.get(sid, 0)),
                        off_schedule=sid in off_schedule,
                        teacher_id=ensemble.teacher_id,
                    )
                )
        infos.sort(key=lambda i: (i.date, i.start, sort_key(i.ensemble_name), i.id))
        return infos

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
            planner = _Planner(hub_id, ensembles, Calendar.load(s, held[0].date, held[-1].date))
            days = sorted({row.date for row in held if not planner.scheduled(row)})
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
        sid = session_id(ensemble_id, day, start)
        with self.store.write() as w:
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
        self, hub_id: str, today: dt.date, *, days_back: int = 28
    ) -> list[SessionInfo]:
        """Past sessions (before ``today``) not cancelled and with roll not complete."""
        first = today - dt.timedelta(days=days_back)
        last = today - dt.timedelta(days=1)
        return [
            info
            for info in self.for_range(hub_id, first, last)
            if info.state in (RollState.NOT_STARTED, RollState.IN_PROGRESS) and info.expected
        ]


def _recorded(s: Session, session_ids: list[str]) -> dict[str, int]:
    """How many students have a mark with a code, per session."""
    found: dict[str, int] = {}
    for start in range(0, len(session_ids), 500):
        chunk = session_ids[start : start + 500]
        found.update(
            s.exec(
                select(AttendanceMark.session_id, func.count())
                .where(
                    col(AttendanceMark.session_id).in_(chunk),
                    col(AttendanceMark.code).is_not(None),
                    live(AttendanceMark),
                )
                .group_by(AttendanceMark.session_id)
            ).all()
        )
    return found
