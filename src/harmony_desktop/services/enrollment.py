"""Enrollment: apply, waitlist, enroll within capacity, withdraw, and history.

Every status change appends an :class:`EnrollmentEvent`, so the history of an
enrollment is never overwritten. The states and the waitlist order are defined in
docs/DOMAIN.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import CapacityError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import display_name
from harmony_desktop.domain.vocab import EnrollmentStatus, StudentStatus
from harmony_desktop.store import ChangeWriter, Store
from harmony_desktop.store.models import Enrollment, EnrollmentEvent, Ensemble, Student
from harmony_desktop.store.queries import live
from harmony_desktop.store.today import ON_ROLL_STATUSES, enrollment_spans, on_roll, plain

_ACTIVE_ON_ROLL = ON_ROLL_STATUSES


def enrolled_student_ids(session: Session, ensemble_id: str, day: dt.date) -> list[str]:
    """Students enrolled in ``ensemble_id`` on ``day`` (enrolled on or before, not yet ended)."""
    rows = session.exec(
        select(Enrollment.student_id).where(
            Enrollment.ensemble_id == ensemble_id,
            live(Enrollment),
            col(Enrollment.status).in_(_ACTIVE_ON_ROLL),
            col(Enrollment.enrolled_on).is_not(None),
            col(Enrollment.enrolled_on) <= day,
            or_(col(Enrollment.ended_on).is_(None), col(Enrollment.ended_on) > day),
        )
    ).all()
    return list(dict.fromkeys(rows))


class EnrolledOn:
    """:func:`enrolled_student_ids` of several ensembles on any day, from one query: a
    range of sessions (today's missing rolls, a month of them) counts its students
    without a query per session."""

    def __init__(self, session: Session, ensemble_ids: list[str]) -> None:
        self._spans = enrollment_spans(plain(session), ensemble_ids)

    def student_ids(self, ensemble_id: str, day: dt.date) -> list[str]:
        """Students enrolled in ``ensemble_id`` on ``day`` (as :func:`enrolled_student_ids`)."""
        return on_roll(self._spans, ensemble_id, day)


@dataclass(frozen=True)
class WaitlistEntry:
    """A student waiting for a place, in the order they will be offered one."""

    enrollment_id: str
    student_id: str
    student_name: str
    priority: int
    waitlisted_on: dt.date | None


def waitlist_in(s: Session, ensemble_id: str) -> list[WaitlistEntry]:
    """The ensemble's waitlist read in the session's transaction, in the order places
    are offered: by priority (lower first), then by date waitlisted, then by name."""
    rows = s.exec(
        select(Enrollment, Student)
        .join(Student, col(Student.id) == Enrollment.student_id)
        .where(
            Enrollment.ensemble_id == ensemble_id,
            Enrollment.status == EnrollmentStatus.WAITLISTED.value,
            live(Enrollment),
        )
    ).all()
    entries = [
        WaitlistEntry(
            e.id,
            st.id,
            display_name(st.legal_first_name, st.legal_last_name, st.preferred_name),
            e.waitlist_priority,
            e.waitlisted_on,
        )
        for e, st in rows
    ]
    entries.sort(
        key=lambda w: (w.priority, w.waitlisted_on or dt.date.max, sort_key(w.student_name))
    )
    return entries


class EnrollmentService:
    """Moves students through Applied → Waitlisted → Enrolled → Withdrawn / Completed."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- queries -----------------------------------------------------------------------

    def enrolled_count(self, ensemble_id: str, day: dt.date) -> int:
        """How many places are taken in the ensemble on ``day``."""
        with self.store.read() as s:
            return len(enrolled_student_ids(s, ensemble_id, day))

    def waitlist(self, ensemble_id: str) -> list[WaitlistEntry]:
        """The ensemble's waitlist: by priority (lower first), then by date waitlisted."""
        with self.store.read() as s:
            return waitlist_in(s, ensemble_id)

    def for_student(self, student_id: str) -> list[Enrollment]:
        """Every enrollment of a student, newest first."""
        with self.store.read() as s:
            rows = s.exec(
                select(Enrollment).where(Enrollment.student_id == student_id, live(Enrollment))
            ).all()
        return sorted(
            rows, key=lambda e: e.applied_on or e.enrolled_on or dt.date.min, reverse=True
        )

    def history(self, enrollment_id: str) -> list[EnrollmentEvent]:
        """The status history of one enrollment, oldest first."""
        with self.store.read() as s:
            rows = s.exec(
                select(EnrollmentEvent).where(EnrollmentEvent.enrollment_id == enrollment_id)
            ).all()
        return sorted(rows, key=lambda e: (e.on, e.clocks))

    # -- changes -----------------------------------------------------------------------

    def apply(self, student_id: str, ensemble_id: str, on: dt.date, by: str | None = None) -> str:
        """Record an application; returns the enrollment id."""
        with self.store.write() as w:
            enrollment = self._new(w, student_id, ensemble_id)
            enrollment.status = EnrollmentStatus.APPLIED.value
            enrollment.applied_on = on
            w.insert(enrollment)
            self._event(w, enrollment, EnrollmentStatus.APPLIED, on, "", by)
            return enrollment.id

    def add_to_waitlist(
        self,
        student_id: str,
        ensemble_id: str,
        on: dt.date,
        *,
        priority: int = 100,
        by: str | None = None,
    ) -> str:
        """Put a student on the ensemble's waitlist (reusing a pending application)."""
        with self.store.write() as w:
            enrollment = self._pending(w, student_id, ensemble_id)
            if enrollment is None:
                enrollment = self._new(w, student_id, ensemble_id)
                enrollment.applied_on = on
                enrollment.status = EnrollmentStatus.WAITLISTED.value
                enrollment.waitlisted_on = on
                enrollment.waitlist_priority = priority
                w.insert(enrollment)
            else:
                w.update(
                    enrollment,
                    status=EnrollmentStatus.WAITLISTED.value,
                    waitlisted_on=on,
                    waitlist_priority=priority,
                )
            self._event(w, enrollment, EnrollmentStatus.WAITLISTED, on, "", by)
            return enrollment.id

    def enroll(
        self, student_id: str, ensemble_id: str, on: dt.date, *, by: str | None = None
    ) -> str:
        """Enroll a student from ``on``, if the ensemble has a free place."""
        with self.store.write() as w:
            ensemble = w.get(Ensemble, ensemble_id)
            enrollment = self._pending(w, student_id, ensemble_id)
            self._check_capacity(w, ensemble, on)
            if enrollment is None:
                enrollment = self._new(w, student_id, ensemble_id)
                enrollment.applied_on = on
                enrollment.status = EnrollmentStatus.ENROLLED.value
                enrollment.enrolled_on = on
                w.insert(enrollment)
            else:
                w.update(enrollment, status=EnrollmentStatus.ENROLLED.value, enrolled_on=on)
            self._event(w, enrollment, EnrollmentStatus.ENROLLED, on, "", by)
            return enrollment.id

    def enroll_next_from_waitlist(
        self, ensemble_id: str, on: dt.date, *, by: str | None = None
    ) -> str | None:
        """Enroll the first student on the waitlist; None if nobody is waiting.

        Raises :class:`CapacityError` if the ensemble is full.
        """
        waiting = self.waitlist(ensemble_id)
        if not waiting:
            return None
        return self.enroll(waiting[0].student_id, ensemble_id, on, by=by)

    def place(
        self,
        w: ChangeWriter,
        student_id: str,
        ensemble_id: str,
        on: dt.date,
        *,
        by: str | None = None,
    ) -> EnrollmentStatus | None:
        """Inside the caller's transaction: enroll the student from ``on`` if a place is
        free, else put them on the waitlist. None (and no change) when they are already
        enrolled or waiting there."""
        current = w.session.exec(
            select(Enrollment.status).where(
                Enrollment.student_id == student_id,
                Enrollment.ensemble_id == ensemble_id,
                live(Enrollment),
                col(Enrollment.status).in_(
                    [EnrollmentStatus.ENROLLED.value, EnrollmentStatus.WAITLISTED.value]
                ),
            )
        ).first()
        if current is not None:
            return None
        ensemble = w.get(Ensemble, ensemble_id)
        enrollment = self._pending(w, student_id, ensemble_id) or self._new(
            w, student_id, ensemble_id
        )
        full = len(enrolled_student_ids(w.session, ensemble_id, on)) >= ensemble.capacity
        status = EnrollmentStatus.WAITLISTED if full else EnrollmentStatus.ENROLLED
        dates = {"waitlisted_on": on} if full else {"enrolled_on": on}
        if w.session.get(Enrollment, enrollment.id) is None:
            enrollment.applied_on = on
            enrollment.status = status.value
            for name, value in dates.items():
                setattr(enrollment, name, value)
            w.insert(enrollment)
        else:
            w.update(enrollment, status=status.value, **dates)
        self._event(w, enrollment, status, on, "", by)
        return status

    def fill_from_waitlist(
        self, w: ChangeWriter, ensemble_id: str, on: dt.date, *, by: str | None = None
    ) -> list[str]:
        """Inside the caller's transaction: enroll students from the waitlist, in order,
        while the ensemble has free places on ``on``. Returns their student ids."""
        ensemble = w.get(Ensemble, ensemble_id)
        free = ensemble.capacity - len(enrolled_student_ids(w.session, ensemble_id, on))
        enrolled: list[str] = []
        for entry in waitlist_in(w.session, ensemble_id)[: max(free, 0)]:
            enrollment = w.get(Enrollment, entry.enrollment_id)
            w.update(enrollment, status=EnrollmentStatus.ENROLLED.value, enrolled_on=on)
            self._event(w, enrollment, EnrollmentStatus.ENROLLED, on, "", by)
            enrolled.append(entry.student_id)
        return enrolled

    def withdraw(
        self, enrollment_id: str, on: dt.date, reason: str, *, by: str | None = None
    ) -> None:
        """End an enrollment (or take a student off the waitlist) with a reason."""
        self._end(enrollment_id, on, reason, EnrollmentStatus.WITHDRAWN, by)

    def complete(self, enrollment_id: str, on: dt.date, *, by: str | None = None) -> None:
        """Mark an enrollment completed (the student finished the ensemble's course)."""
        self._end(enrollment_id, on, "", EnrollmentStatus.COMPLETED, by)

    # -- internals ---------------------------------------------------------------------

    def _end(
        self,
        enrollment_id: str,
        on: dt.date,
        reason: str,
        status: EnrollmentStatus,
        by: str | None,
    ) -> None:
        reason = reason.strip()
        if status is EnrollmentStatus.WITHDRAWN and not reason:
            raise ValidationError(_("Give a reason for the withdrawal."), "reason")
        with self.store.write() as w:
            enrollment = w.get(Enrollment, enrollment_id)
            if enrollment.status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.COMPLETED):
                raise ValidationError(_("This enrollment has already ended."))
            if enrollment.enrolled_on and on < enrollment.enrolled_on:
                raise ValidationError(
                    _("The end date cannot be before the enrollment date ({date}).").format(
                        date=enrollment.enrolled_on.isoformat()
                    ),
                    "on",
                )
            w.update(enrollment, status=status.value, ended_on=on, end_reason=reason)
            self._event(w, enrollment, status, on, reason, by)

    def _new(self, w: ChangeWriter, student_id: str, ensemble_id: str) -> Enrollment:
        student = w.get(Student, student_id)
        ensemble = w.get(Ensemble, ensemble_id)
        if student.status == StudentStatus.ARCHIVED:
            raise ValidationError(_("An archived student cannot be enrolled. Restore them first."))
        if student.hub_id != ensemble.hub_id:
            raise ValidationError(_("The student and the ensemble belong to different hubs."))
        current = w.session.exec(
            select(Enrollment).where(
                Enrollment.student_id == student_id,
                Enrollment.ensemble_id == ensemble_id,
                live(Enrollment),
                col(Enrollment.status) == EnrollmentStatus.ENROLLED.value,
            )
        ).first()
        if current is not None:
            raise ValidationError(_("The student is already enrolled in this ensemble."))
        return Enrollment(hub_id=ensemble.hub_id, student_id=student_id, ensemble_id=ensemble_id)

    def _pending(self, w: ChangeWriter, student_id: str, ensemble_id: str) -> Enrollment | None:
        rows = w.session.exec(
            select(Enrollment).where(
                Enrollment.student_id == student_id,
                Enrollment.ensemble_id == ensemble_id,
                live(Enrollment),
                col(Enrollment.status).in_(
                    [
                        EnrollmentStatus.APPLIED.value,
                        EnrollmentStatus.WAITLISTED.value,
                        EnrollmentStatus.ENROLLED.value,
                    ]
                ),
            )
        ).all()
        for row in rows:
            if row.status == EnrollmentStatus.ENROLLED:
                raise ValidationError(_("The student is already enrolled in this ensemble."))
        return rows[0] if rows else None

    def _check_capacity(self, w: ChangeWriter, ensemble: Ensemble, on: dt.date) -> None:
        taken = len(enrolled_student_ids(w.session, ensemble.id, on))
        if taken >= ensemble.capacity:
            raise CapacityError(
                _(
                    "{name} is full ({taken} of {capacity} places). Add the student to the "
                    "waitlist instead, or raise the capacity."
                ).format(name=ensemble.name, taken=taken, capacity=ensemble.capacity),
                "capacity",
            )

    def _event(
        self,
        w: ChangeWriter,
        enrollment: Enrollment,
        status: EnrollmentStatus,
        on: dt.date,
        reason: str,
        by: str | None,
    ) -> None:
        w.insert(
            EnrollmentEvent(
                hub_id=enrollment.hub_id,
                enrollment_id=enrollment.id,
                status=status.value,
                on=on,
                reason=reason,
                recorded_by=by,
            )
        )
