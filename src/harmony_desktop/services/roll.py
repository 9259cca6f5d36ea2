"""Taking roll: mark, change, clear, and mark all remaining present.

"Not recorded" is a state of its own (docs/DOMAIN.md): a student with no mark (or a
cleared one) is never counted present. Every mark goes through the change-tracking writer, one transaction per
action, so it is durable the moment the call returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlmodel import Session, col, select

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import display_name, name_sort_key
from harmony_desktop.domain.vocab import SessionStatus, StudentStatus
from harmony_desktop.services.invitations import session_student_ids
from harmony_desktop.store import ChangeWriter, Store
from harmony_desktop.store.models import (
    AttendanceCode,
    AttendanceMark,
    ClassSession,
    Contact,
    Student,
)
from harmony_desktop.store.queries import get_live, live
from harmony_desktop.store.replica import attendance_mark_id


@dataclass(frozen=True)
class MarkState:
    """Everything a teacher can set on one student's mark. ``code`` None = not recorded."""

    code: str | None = None
    arrival_time: dt.time | None = None
    departure_time: dt.time | None = None
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class RollEntry:
    """One row of a roll: the student and their current mark."""

    student_id: str
    display_name: str
    sort_name: str
    grade: str
    instrument: str
    may_walk_home: bool
    has_custody_restriction: bool
    allergy_notes: str
    medical_notes: str
    mark: MarkState
    recorded_at: str
    recorded_by: str | None
    #: by last name, then by first name, in the collation of the current language
    last_name_key: tuple[object, ...] = field(default=(), compare=False, repr=False)
    first_name_key: tuple[object, ...] = field(default=(), compare=False, repr=False)

    @property
    def recorded(self) -> bool:
        """True once the student has a mark."""
        return self.mark.code is not None


@dataclass(frozen=True)
class PickupInfo:
    """What staff must see before a student leaves."""

    may_walk_home: bool
    authorized: list[tuple[str, str, str]]  # (name, relationship, phone)
    restrictions: list[tuple[str, str]]  # (contact name, restriction)


def _now_time() -> dt.time:
    return dt.datetime.now().time().replace(second=0, microsecond=0)


class RollService:
    """The use cases of the register window."""

    def __init__(self, store: Store, *, clock: Callable[[], dt.time] = _now_time) -> None:
        self.store = store
        self._clock = clock

    # -- reading -----------------------------------------------------------------------

    def codes(self) -> list[AttendanceCode]:
        """The active attendance codes in display order."""
        with self.store.read() as s:
            rows = s.exec(
                select(AttendanceCode).where(
                    col(AttendanceCode.active).is_(True), live(AttendanceCode)
                )
            ).all()
        return sorted(rows, key=lambda c: (c.sort_order, c.code))

    def roll(self, session_id: str) -> list[RollEntry]:
        """Every student expected in the session (enrolled that day, plus anyone marked)."""
        with self.store.read() as s:
            session = self._session(s, session_id)
            ids = session_student_ids(s, session_id, session.ensemble_id, session.date)
            marks = {
                m.student_id: m
                for m in s.exec(
                    select(AttendanceMark).where(
                        AttendanceMark.session_id == session_id,
                        live(AttendanceMark),
                    )
                )
            }
            wanted = list(dict.fromkeys([*ids, *(k for k, m in marks.items() if m.code)]))
            students = s.exec(
                select(Student).where(col(Student.id).in_(wanted), live(Student))
            ).all()
            restricted = set(
                s.exec(
                    select(Contact.student_id).where(
                        col(Contact.student_id).in_(wanted),
                        live(Contact),
                        Contact.custody_restriction != "",
                    )
                ).all()
            )
        entries = []
        for st in students:
            mark = marks.get(st.id)
            name = (st.legal_first_name, st.legal_last_name, st.preferred_name)
            given = st.preferred_name or st.legal_first_name
            entries.append(
                RollEntry(
                    student_id=st.id,
                    display_name=display_name(*name),
                    sort_name=display_name(*name, last_first=True).casefold(),
                    grade=st.grade,
                    instrument=st.instrument,
                    may_walk_home=st.may_walk_home,
                    has_custody_restriction=st.id in restricted,
                    allergy_notes=st.allergy_notes,
                    medical_notes=st.medical_notes,
                    mark=_state(mark),
                    recorded_at=mark.recorded_at if mark else "",
                    recorded_by=mark.recorded_by if mark else None,
                    last_name_key=name_sort_key(given, st.legal_last_name),
                    first_name_key=name_sort_key(given, st.legal_last_name, first_name_first=True),
                )
            )
        entries.sort(key=lambda e: (e.last_name_key, e.student_id))
        return entries

    def pickup_info(self, student_id: str) -> PickupInfo:
        """Authorized pickups, custody restrictions and may-walk-home for a departure."""
        with self.store.read() as s:
            student = get_live(s, Student, student_id)
            contacts = s.exec(
                select(Contact).where(Contact.student_id == student_id, live(Contact))
            ).all()
        contacts = sorted(contacts, key=lambda c: (c.priority, sort_key(c.name)))
        return PickupInfo(
            may_walk_home=student.may_walk_home,
            authorized=[(c.name, c.relationship, c.phone) for c in contacts if c.authorized_pickup],
            restrictions=[
                (c.name, c.custody_restriction) for c in contacts if c.custody_restriction
            ],
        )

    # -- marking -----------------------------------------------------------------------

    def mark(
        self,
        session_id: str,
        student_id: str,
        code: str,
        *,
        by: str | None,
        arrival_time: dt.time | None = None,
        departure_time: dt.time | None = None,
        reason: str | None = None,
        note: str | None = None,
    ) -> MarkState:
        """Record ``code`` for a student; late and left-early get a time (default now).

        Left early needs a reason. Returns the stored state.
        """
        with self.store.write() as w:
            current = _state(
                w.session.get(AttendanceMark, attendance_mark_id(session_id, student_id))
            )
            code_row = self._code(w.session, code)
            state = replace(current, code=code_row.code)
            if code_row.tardy:
                state = replace(
                    state, arrival_time=arrival_time or current.arrival_time or self._clock()
                )
            else:
                state = replace(state, arrival_time=arrival_time)
            if code_row.early_departure:
                departure = departure_time or current.departure_time or self._clock()
                why = (reason if reason is not None else current.reason).strip()
                if not why:
                    raise ValidationError(_("Choose why the student left early."), "reason")
                state = replace(state, departure_time=departure, reason=why)
            else:
                state = replace(state, departure_time=departure_time, reason=(reason or "").strip())
            if note is not None:
                state = replace(state, note=note.strip())
            return self._write(w, session_id, student_id, state, by)

    def set_state(
        self, session_id: str, student_id: str, state: MarkState, *, by: str | None
    ) -> MarkState:
        """Write a whole mark state (used by undo/redo and corrections)."""
        with self.store.write() as w:
            if state.code is not None:
                self._code(w.session, state.code)
            return self._write(w, session_id, student_id, state, by)

    def clear(self, session_id: str, student_id: str, *, by: str | None) -> MarkState:
        """Set a student back to "not recorded" (the note is kept)."""
        with self.store.write() as w:
            current = _state(
                w.session.get(AttendanceMark, attendance_mark_id(session_id, student_id))
            )
            return self._write(w, session_id, student_id, MarkState(note=current.note), by)

    def set_note(self, session_id: str, student_id: str, note: str, *, by: str | None) -> MarkState:
        """Attach a note to a student's mark (recorded or not)."""
        with self.store.write() as w:
            current = _state(
                w.session.get(AttendanceMark, attendance_mark_id(session_id, student_id))
            )
            return self._write(w, session_id, student_id, replace(current, note=note.strip()), by)

    def mark_remaining_present(self, session_id: str, *, by: str | None) -> list[str]:
        """Mark every enrolled student still not recorded as present (P), in one step.

        Returns the ids of the students marked.
        """
        with self.store.write() as w:
            session = self._session(w.session, session_id)
            present = self._present_code(w.session)
            done = []
            expected = session_student_ids(w.session, session_id, session.ensemble_id, session.date)
            for student_id in expected:
                mark = w.session.get(AttendanceMark, attendance_mark_id(session_id, student_id))
                if mark is None or mark.deleted or mark.code is None:
                    current = _state(mark)
                    self._write(w, session_id, student_id, replace(current, code=present.code), by)
                    done.append(student_id)
            return done

    # -- internals ---------------------------------------------------------------------

    def _write(
        self, w: ChangeWriter, session_id: str, student_id: str, state: MarkState, by: str | None
    ) -> MarkState:
        session = self._session(w.session, session_id)
        if session.status == SessionStatus.CANCELLED:
            raise ValidationError(
                _("This session is cancelled. Restore it before taking roll."), "session"
            )
        student = get_live(w.session, Student, student_id)
        if student.status == StudentStatus.ARCHIVED and state.code is not None:
            raise ValidationError(_("This student is archived; restore them to mark attendance."))
        if (
            state.arrival_time
            and state.departure_time
            and state.departure_time < state.arrival_time
        ):
            raise ValidationError(_("The departure time is before the arrival time."), "departure")
        mark_id = attendance_mark_id(session_id, student_id)
        if _state(w.session.get(AttendanceMark, mark_id)) == state:
            return state  # nothing changed: no write, no outbox entry
        w.upsert(
            AttendanceMark,
            mark_id,
            hub_id=session.hub_id,
            session_id=session_id,
            student_id=student_id,
            code=state.code,
            arrival_time=state.arrival_time,
            departure_time=state.departure_time,
            reason=state.reason,
            note=state.note,
            recorded_by=by,
            recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        if state.code is not None and session.status == SessionStatus.SCHEDULED:
            w.update(session, status=SessionStatus.HELD.value)
        return state

    @staticmethod
    def _session(s: Session, session_id: str) -> ClassSession:
        return get_live(
            s,
            ClassSession,
            session_id,
            message=_("That session does not exist. Open it from the sessions list."),
        )

    @staticmethod
    def _code(s: Session, code: str) -> AttendanceCode:
        row = s.exec(
            select(AttendanceCode).where(AttendanceCode.code == code, live(AttendanceCode))
        ).first()
        if row is None or not row.active:
            raise ValidationError(
                _("{code} is not an attendance code. Use one of the codes shown.").format(
                    code=code
                ),
                "code",
            )
        return row

    @staticmethod
    def _present_code(s: Session) -> AttendanceCode:
        rows = s.exec(
            select(AttendanceCode).where(
                col(AttendanceCode.counts_present).is_(True),
                col(AttendanceCode.tardy).is_(False),
                col(AttendanceCode.early_departure).is_(False),
                col(AttendanceCode.active).is_(True),
                live(AttendanceCode),
            )
        ).all()
        if not rows:
            raise ValidationError(_("No plain 'present' attendance code is set up."))
        return sorted(rows, key=lambda c: (c.code != "P", c.sort_order))[0]


def _state(mark: AttendanceMark | None) -> MarkState:
    if mark is None or mark.deleted:
        return MarkState()
    return MarkState(mark.code, mark.arrival_time, mark.departure_time, mark.reason, mark.note)
