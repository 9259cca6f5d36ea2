"""Taking roll: mark, change, clear, and mark all remaining present.

"Not recorded" is a state of its own (docs/DOMAIN.md): a student with no mark (or a
cleared one) is never counted present. Every mark goes through the change-tracking writer, one transaction per
action, so it is durable the moment the call returns.

A roll is read and written by its session's id. A scheduled session not stored yet (a
roll opened on a certainly wrong "today" stores nothing) is passed as ``planned``, the
session as the day's list shows it: its roll is read from its ensemble and day, and the
first write that writes anything stores the session in the same transaction (held when
it records a code). ``planned`` is used only while the session is not stored.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlmodel import Session, col, select

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import display_name, name_sort_key
from harmony_desktop.domain.sessions import SessionInfo
from harmony_desktop.domain.vocab import SessionStatus, StaffRole, StudentStatus
from harmony_desktop.services.invitations import session_student_ids
from harmony_desktop.services.sessions import store_session
from harmony_desktop.store import ChangeWriter, Store
from harmony_desktop.store.memory import collector_paused
from harmony_desktop.store.models import (
    AttendanceCode,
    AttendanceMark,
    ClassSession,
    Contact,
    Staff,
    Student,
)
from harmony_desktop.store.queries import find_live, get_live, live
from harmony_desktop.store.replica import StoredRows, attendance_mark_id, codec
from harmony_desktop.store.today import (
    CodeFlags,
    read_attendance_code,
    read_session_and_students,
)


@dataclass(frozen=True)
class MarkState:
    """Everything a teacher can set on one student's mark. ``code`` None = not recorded."""

    code: str | None = None
    arrival_time: dt.time | None = None
    departure_time: dt.time | None = None
    reason: str = ""
    note: str = ""
    #: dismissal: the adult who collected the student ("" when walked home or not yet)
    collected_by: str = ""
    collected_at: dt.time | None = None
    walked_home: bool = False
    #: staff id of the site lead who confirmed an adult not on the pickup list
    pickup_confirmed_by: str | None = None

    @property
    def dismissed(self) -> bool:
        """True once the student's departure (collected or walked home) is recorded."""
        return bool(self.collected_by) or self.walked_home


def consistent_state(state: MarkState, flags: CodeFlags | None) -> MarkState:
    """``state`` as the register would store it for its code (``flags``; None: not
    recorded): an arrival time only for late (or a late student who left early), a
    departure time and reason only for left early, who collected the student only for a
    code that counts present.

    Nothing is asked for: a state that lacks something (left early without a reason,
    as another laptop may have recorded it) is kept as it was recorded. The register
    asks a teacher who marks a child left early why (:meth:`RollService.mark`)."""
    if flags is None:
        return MarkState(note=state.note)
    arrival = state.arrival_time if flags.tardy or flags.early_departure else None
    departure, reason = (
        (state.departure_time, state.reason) if flags.early_departure else (None, "")
    )
    if flags.counts_present:
        return replace(state, arrival_time=arrival, departure_time=departure, reason=reason)
    return MarkState(flags.code, arrival, departure, reason, state.note)


def _session_not_found() -> str:
    return _("That session does not exist. Open it from the sessions list.")


#: A mark not recorded (no mark stored), for comparisons.
_NOT_RECORDED = MarkState()


@dataclass(frozen=True)
class Dismissal:
    """Who took a student at the door, and when.

    ``collected_by`` names the adult (empty when ``walked_home``); ``confirmed_by`` is
    the staff id of the site lead who approved an adult who is not an authorised pickup.
    """

    at: dt.time
    collected_by: str = ""
    walked_home: bool = False
    confirmed_by: str | None = None


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

    def is_authorized(self, name: str) -> bool:
        """True when ``name`` is one of the authorised pickups (case and spaces aside)."""
        wanted = " ".join(name.split()).casefold()
        return any(" ".join(n.split()).casefold() == wanted for n, _r, _p in self.authorized)


#: who may confirm releasing a student to an adult who is not an authorised pickup
_CONFIRMERS = (StaffRole.SITE_LEAD, StaffRole.DATA_MANAGER)


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

    def roll(self, session_id: str, *, planned: SessionInfo | None = None) -> list[RollEntry]:
        """Every student expected in the session (enrolled that day, plus anyone marked).
        ``planned``: the session as listed, read from if it is not stored yet."""
        with self.store.read() as s:
            ensemble_id, day = _ensemble_and_day(s, session_id, planned)
            ids = session_student_ids(s, session_id, ensemble_id, day)
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
            return self._pickup(s, get_live(s, Student, student_id))

    @staticmethod
    def _pickup(s: Session, student: Student) -> PickupInfo:
        contacts = s.exec(
            select(Contact).where(Contact.student_id == student.id, live(Contact))
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
        dismissal: Dismissal | None = None,
        planned: SessionInfo | None = None,
    ) -> MarkState:
        """Record ``code`` for a student; late and left-early get a time (default now).

        Left early needs a reason; ``dismissal`` records who collected the student (it
        is checked as :meth:`sign_out` checks it). Returns the stored state. The session
        ``planned``, if not stored yet, is stored with the mark.
        """
        with self.store.write() as w:
            stored = _stored_marks(w, session_id, [student_id])
            current = _current(stored, student_id)
            code_row = self._code(w.driver, code)
            arrival: dt.time | None
            departure: dt.time | None
            if code_row.tardy:
                arrival = arrival_time or current.arrival_time or self._clock()
            elif code_row.early_departure:
                # A late student who then leaves early keeps the time they came: their
                # hours and the sign-in record run from it to the departure.
                arrival = arrival_time or current.arrival_time
            else:
                arrival = arrival_time
            if code_row.early_departure:
                departure = departure_time or current.departure_time or self._clock()
                why = (reason if reason is not None else current.reason).strip()
                if not why:
                    raise ValidationError(_("Choose why the student left early."), "reason")
            else:
                departure, why = departure_time, (reason or "").strip()
            if dismissal is None and not code_row.counts_present:
                collected: tuple[Any, ...] = ("", None, False, None)  # left with nobody
            else:
                collected = (
                    current.collected_by,
                    current.collected_at,
                    current.walked_home,
                    current.pickup_confirmed_by,
                )
            # one MarkState built (dataclasses.replace costs more than the key press's SQL)
            state = MarkState(
                code_row.code,
                arrival,
                departure,
                why,
                current.note if note is None else note.strip(),
                *collected,
            )
            if dismissal is not None:
                state = self._dismissed(w.session, student_id, state, dismissal)
            return self._write(w, session_id, student_id, state, by, stored=stored, planned=planned)

    def sign_out(
        self,
        session_id: str,
        student_id: str,
        dismissal: Dismissal,
        *,
        by: str | None,
        planned: SessionInfo | None = None,
    ) -> MarkState:
        """Record who collected a student at the end (or that they walked home).

        Only a student marked present can be signed out. Walking home needs the
        student's permission; an adult who is not an authorised pickup needs a site
        lead's confirmation (``dismissal.confirmed_by``), which is recorded.
        """
        with self.store.write() as w:
            stored = _stored_marks(w, session_id, [student_id])
            current = _current(stored, student_id)
            code_row = self._code(w.driver, current.code) if current.code else None
            if code_row is None or not code_row.counts_present:
                raise ValidationError(
                    _("Only a student marked present can be signed out. Mark them first."),
                    "code",
                )
            state = self._dismissed(w.session, student_id, current, dismissal)
            return self._write(w, session_id, student_id, state, by, stored=stored, planned=planned)

    def site_leads(self, hub_id: str) -> list[tuple[str, str]]:
        """(staff id, name) of the staff who may confirm a release: site leads and
        data managers of the hub's staff."""
        with self.store.read() as s:
            rows = s.exec(select(Staff).where(live(Staff))).all()
        leads = [
            r
            for r in rows
            if r.role in _CONFIRMERS and r.hub_id in (hub_id, None) and not r.archived
        ]
        leads.sort(key=lambda r: (r.role != StaffRole.SITE_LEAD, sort_key(r.name)))
        return [(r.id, r.name) for r in leads]

    def _dismissed(
        self, s: Session, student_id: str, state: MarkState, dismissal: Dismissal
    ) -> MarkState:
        """``state`` with ``dismissal`` recorded, once it passes the safety rules."""
        student = get_live(s, Student, student_id)
        who = " ".join(dismissal.collected_by.split())
        confirmed_by = None
        if dismissal.walked_home:
            if not student.may_walk_home:
                raise ValidationError(
                    _("This student may not walk home alone. Choose the adult collecting them."),
                    "collected_by",
                )
            who = ""
        elif not who:
            raise ValidationError(_("Choose who collected the student."), "collected_by")
        elif not self._pickup(s, student).is_authorized(who):
            lead = s.get(Staff, dismissal.confirmed_by) if dismissal.confirmed_by else None
            if lead is None or lead.deleted or lead.role not in _CONFIRMERS:
                raise ValidationError(
                    _(
                        "This adult is not an authorised pickup. A site lead must confirm "
                        "the release before the student leaves."
                    ),
                    "confirmed_by",
                )
            confirmed_by = lead.id
        return replace(
            state,
            collected_by=who,
            collected_at=dismissal.at,
            walked_home=dismissal.walked_home,
            pickup_confirmed_by=confirmed_by,
        )

    def set_state(
        self, session_id: str, student_id: str, state: MarkState, *, by: str | None
    ) -> MarkState:
        """Write a whole mark state (used by undo/redo and corrections)."""
        with self.store.write() as w:
            if state.code is not None:
                self._code(w.driver, state.code)
            return self._write(w, session_id, student_id, state, by)

    def restore_state(
        self, w: ChangeWriter, session_id: str, student_id: str, state: MarkState, *, by: str | None
    ) -> MarkState:
        """Write a whole mark state inside the caller's transaction ``w``, first made to
        follow the register's rules (:func:`consistent_state`): a side of two laptops'
        marks kept in "Needs review" is written as one ordinary change. What it lacks is
        not asked for (a left-early mark without a reason stays so): "Needs review"
        keeps what a laptop recorded."""
        flags = self._code(w.driver, state.code) if state.code is not None else None
        return self._write(w, session_id, student_id, consistent_state(state, flags), by)

    def set_states(
        self,
        session_id: str,
        states: Sequence[tuple[str, MarkState]],
        *,
        by: str | None,
        planned: SessionInfo | None = None,
    ) -> list[MarkState]:
        """Write whole mark states of many students of one session in ONE transaction
        (undo and redo of "mark all remaining present"); all or nothing."""
        with self.store.write() as w, collector_paused():
            for code in {state.code for _student, state in states} - {None}:
                self._code(w.driver, str(code))
            return self._write_many(w, session_id, list(states), by, planned=planned)

    def clear(
        self,
        session_id: str,
        student_id: str,
        *,
        by: str | None,
        planned: SessionInfo | None = None,
    ) -> MarkState:
        """Set a student back to "not recorded" (the note is kept)."""
        with self.store.write() as w:
            stored = _stored_marks(w, session_id, [student_id])
            current = _current(stored, student_id)
            return self._write(
                w,
                session_id,
                student_id,
                MarkState(note=current.note),
                by,
                stored=stored,
                planned=planned,
            )

    def set_note(
        self,
        session_id: str,
        student_id: str,
        note: str,
        *,
        by: str | None,
        planned: SessionInfo | None = None,
    ) -> MarkState:
        """Attach a note to a student's mark (recorded or not)."""
        with self.store.write() as w:
            stored = _stored_marks(w, session_id, [student_id])
            current = _current(stored, student_id)
            return self._write(
                w,
                session_id,
                student_id,
                replace(current, note=note.strip()),
                by,
                stored=stored,
                planned=planned,
            )

    def mark_remaining_present(
        self, session_id: str, *, by: str | None, planned: SessionInfo | None = None
    ) -> list[str]:
        """Mark every enrolled student still not recorded as present (P), in one step.

        Returns the ids of the students marked.
        """
        with self.store.write() as w, collector_paused():
            ensemble_id, day = _ensemble_and_day(w.session, session_id, planned)
            present = self._present_code(w.session)
            expected = session_student_ids(w.session, session_id, ensemble_id, day)
            stored = _stored_marks(w, session_id, expected)
            current = _states_of(stored, session_id, expected)
            todo = [sid for sid in expected if current.get(sid, _NOT_RECORDED).code is None]
            states = [
                (sid, replace(current.get(sid, _NOT_RECORDED), code=present.code)) for sid in todo
            ]
            self._write_many(w, session_id, states, by, stored=stored, planned=planned)
            return todo

    # -- internals ---------------------------------------------------------------------

    def _write(
        self,
        w: ChangeWriter,
        session_id: str,
        student_id: str,
        state: MarkState,
        by: str | None,
        *,
        stored: _StoredMarks | None = None,
        planned: SessionInfo | None = None,
    ) -> MarkState:
        return self._write_many(
            w, session_id, [(student_id, state)], by, stored=stored, planned=planned
        )[0]

    def _write_many(
        self,
        w: ChangeWriter,
        session_id: str,
        states: list[tuple[str, MarkState]],
        by: str | None,
        *,
        stored: _StoredMarks | None = None,
        planned: SessionInfo | None = None,
    ) -> list[MarkState]:
        """Check and write mark states of one session: one set-based write for all.
        ``stored``: the students' marks as :func:`_stored_marks` read them, if read;
        ``planned``: the session as listed, stored here first if it is not yet (held
        when a code is written), unless nothing is to be written."""
        ids = [student_id for student_id, _state in states]
        # no ORM session needed to undo; one query for one student
        found = read_session_and_students(w.driver, session_id, ids)
        if found is None:
            if planned is None or planned.id != session_id:
                raise NotFoundError(_session_not_found())
            if all(state == _NOT_RECORDED for _student, state in states):
                return [state for _student, state in states]  # nothing to store
            # Not stored yet (its roll was opened on a certainly wrong "today"): stored
            # now, with these marks, in this transaction.
            held = any(state.code is not None for _student, state in states)
            store_session(
                w, planned.ensemble_id, planned.date, planned.start, planned.end,
                status=(SessionStatus.HELD if held else SessionStatus.SCHEDULED).value,
            )  # fmt: skip
            found = read_session_and_students(w.driver, session_id, ids)
            if found is None:
                raise NotFoundError(_session_not_found())
        hub_id, status, students = found
        if status == SessionStatus.CANCELLED:
            raise ValidationError(
                _("This session is cancelled. Restore it before taking roll."), "session"
            )
        for student_id, state in states:
            known = students.get(student_id)
            if known is None or known[0]:
                raise NotFoundError(_("That student does not exist."))
            if known[1] == StudentStatus.ARCHIVED and state.code is not None:
                raise ValidationError(
                    _("This student is archived; restore them to mark attendance.")
                )
            arrived = state.arrival_time  # left early, or signed out, before arriving
            left = (t for t in (state.departure_time, state.collected_at) if t is not None)
            if arrived is not None and any(t < arrived for t in left):
                raise ValidationError(
                    _("The departure time is before the arrival time."), "departure"
                )
        if stored is None:
            stored = _stored_marks(w, session_id, ids)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = []
        recorded = False
        for student_id, state in states:
            mark_id = stored.mark_ids[student_id]
            row: dict[str, Any] = {"id": mark_id}
            before = stored.rows.get(mark_id)
            if before is None or before[2]:  # a new mark, or a deleted one: all of it
                if state == _NOT_RECORDED:
                    continue  # no mark, and none asked for
                row["hub_id"] = hub_id
                row["session_id"] = session_id
                row["student_id"] = student_id
                row.update(zip(_STATE_FIELDS, _state_values(state), strict=True))
            else:  # only what changes (the id says whose mark in which session)
                now_stored, new_stored = _state_at(before), _stored_state(state)
                if now_stored == new_stored:
                    continue  # unchanged: no write
                for name, old, new, value in zip(
                    _STATE_FIELDS, now_stored, new_stored, _state_values(state), strict=True
                ):
                    if old != new:
                        row[name] = value
            row["recorded_by"] = by
            row["recorded_at"] = now
            rows.append(row)
            recorded = recorded or state.code is not None
        w.upsert_many(AttendanceMark, rows, stored=stored)
        if recorded and status == SessionStatus.SCHEDULED:
            w.update(self._session(w.session, session_id), status=SessionStatus.HELD.value)
        return [state for _student, state in states]

    @staticmethod
    def _session(s: Session, session_id: str) -> ClassSession:
        return get_live(s, ClassSession, session_id, message=_session_not_found())

    @staticmethod
    def _code(conn: sqlite3.Connection, code: str) -> CodeFlags:
        """The live, active attendance code ``code`` (a plain read: one mark needs no
        ORM session)."""
        row = read_attendance_code(conn, code)
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


def _ensemble_and_day(
    s: Session, session_id: str, planned: SessionInfo | None
) -> tuple[str, dt.date]:
    """The ensemble and day of the session ``session_id``: stored, or else ``planned``
    (the session as listed, not stored yet)."""
    session = find_live(s, ClassSession, session_id)
    if session is not None:
        return session.ensemble_id, session.date
    if planned is not None and planned.id == session_id:
        return planned.ensemble_id, planned.date
    raise NotFoundError(_session_not_found())


def _state(mark: AttendanceMark | None) -> MarkState:
    if mark is None or mark.deleted:
        return MarkState()
    return MarkState(
        mark.code,
        mark.arrival_time,
        mark.departure_time,
        mark.reason,
        mark.note,
        mark.collected_by,
        mark.collected_at,
        mark.walked_home,
        mark.pickup_confirmed_by,
    )


#: The fields of a mark a teacher sets, in :class:`MarkState` order.
_STATE_FIELDS = tuple(f.name for f in fields(MarkState))
#: A state's values in that order (``dataclasses.astuple`` deep-copies each value).
_state_values = operator.attrgetter(*_STATE_FIELDS)
#: Every field of a mark the register writes (read before a write, for its changes).
_MARK_FIELDS = (
    *sorted({"hub_id", "session_id", "student_id", *_STATE_FIELDS}),
    "recorded_by",
    "recorded_at",
)


@dataclass(frozen=True)
class _StoredMarks(StoredRows):
    """The stored marks of some students in one session, and each student's mark id."""

    mark_ids: dict[str, str] = field(default_factory=dict)


def _stored_marks(w: ChangeWriter, session_id: str, student_ids: list[str]) -> _StoredMarks:
    """The stored marks (tombstones too) of the students in the session, as the change
    writer reads them: the register decides what changes from them, and the writer
    writes it without reading them again."""
    mark_ids = {sid: attendance_mark_id(session_id, sid) for sid in student_ids}
    stored = w.stored_rows(
        AttendanceMark, list(mark_ids.values()), _MARK_FIELDS, within=("session_id", session_id)
    )
    return _StoredMarks(stored.model, stored.fields, stored.ids, stored.rows, mark_ids)


def _states_of(
    stored: _StoredMarks, session_id: str, student_ids: list[str]
) -> dict[str, MarkState]:
    """The current mark state of each student with a live mark among ``stored``."""
    found: dict[str, MarkState] = {}
    for student_id in student_ids:
        row = stored.rows.get(stored.mark_ids[student_id])
        if row is not None and not row[2]:
            found[student_id] = _state_of(row)
    return found


def _current(stored: _StoredMarks, student_id: str) -> MarkState:
    """The student's current mark state among ``stored`` ("not recorded" if none)."""
    row = stored.rows.get(stored.mark_ids[student_id])
    return _NOT_RECORDED if row is None or row[2] else _state_of(row)


#: Where a state's fields are in a stored row: ``(id, hub_id, deleted, clocks,
#: *_MARK_FIELDS)``.
_state_at = operator.itemgetter(*(4 + _MARK_FIELDS.index(name) for name in _STATE_FIELDS))


def _state_of(row: tuple[Any, ...]) -> MarkState:
    """A mark's state from its stored row (times as stored text, flags as 0 or 1)."""
    code, arrival, departure, reason, note, by, at, walked, confirmed = _state_at(row)
    return MarkState(
        code,
        _stored_time(arrival),
        _stored_time(departure),
        reason,
        note,
        by,
        _stored_time(at),
        bool(walked),
        confirmed,
    )


@functools.lru_cache(maxsize=256)
def _stored_state(state: MarkState) -> tuple[Any, ...]:
    """A state's values as the mark's columns store them (as the change writer compares
    them); states repeat (an undo sets 500 students to "not recorded"), so each is
    converted once."""
    to_column = codec(AttendanceMark).to_column
    return tuple(
        value if value is None or (convert := to_column[name]) is None else convert(value)
        for name, value in zip(_STATE_FIELDS, _state_values(state), strict=True)
    )


def _stored_time(text: str | None) -> dt.time | None:
    return None if text is None else dt.time.fromisoformat(text)
