"""Attendance rate and chronic absence, as defined in docs/DOMAIN.md.

* attendance rate = present ÷ (present + absent); unrecorded marks and cancelled
  sessions are left out;
* chronically absent = absent on at least 10 % of the held sessions of the student's
  ensembles while the student was enrolled.

"Present" and "absent" come from the codes' flags, never from their letters.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import col, select

from harmony_desktop.domain.vocab import EnrollmentStatus, SessionStatus
from harmony_desktop.store import Store
from harmony_desktop.store.models import (
    AttendanceCode,
    AttendanceMark,
    ClassSession,
    Enrollment,
    Student,
)
from harmony_desktop.store.queries import live

CHRONIC_ABSENCE_THRESHOLD = 0.10


@dataclass(frozen=True)
class AttendanceSummary:
    """One student's attendance over a period."""

    student_id: str
    present: int
    absent: int
    unrecorded: int
    held_sessions: int

    @property
    def rate(self) -> float | None:
        """present ÷ (present + absent), or None with nothing recorded."""
        recorded = self.present + self.absent
        return self.present / recorded if recorded else None

    @property
    def chronically_absent(self) -> bool:
        """Absent on at least 10 % of held sessions while enrolled."""
        return bool(self.held_sessions) and (
            self.absent / self.held_sessions >= CHRONIC_ABSENCE_THRESHOLD
        )


class StatsService:
    """Attendance figures for site leads and the data manager."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def summaries(self, hub_id: str, first: dt.date, last: dt.date) -> dict[str, AttendanceSummary]:
        """Per student of the hub, attendance from ``first`` to ``last`` inclusive."""
        with self.store.read() as s:
            present_codes = {
                c.code: c.counts_present
                for c in s.exec(select(AttendanceCode).where(live(AttendanceCode)))
            }
            sessions = {
                row.id: row
                for row in s.exec(
                    select(ClassSession).where(
                        ClassSession.hub_id == hub_id,
                        live(ClassSession),
                        ClassSession.status == SessionStatus.HELD.value,
                        ClassSession.date >= first,
                        ClassSession.date <= last,
                    )
                )
            }
            by_ensemble: dict[str, list[ClassSession]] = defaultdict(list)
            for row in sessions.values():
                by_ensemble[row.ensemble_id].append(row)
            enrollments = s.exec(
                select(Enrollment).where(
                    Enrollment.hub_id == hub_id,
                    live(Enrollment),
                    col(Enrollment.enrolled_on).is_not(None),
                    col(Enrollment.status).in_(
                        [
                            EnrollmentStatus.ENROLLED.value,
                            EnrollmentStatus.WITHDRAWN.value,
                            EnrollmentStatus.COMPLETED.value,
                        ]
                    ),
                )
            ).all()
            marks = s.exec(
                select(AttendanceMark.student_id, AttendanceMark.session_id, AttendanceMark.code)
                .join(ClassSession, col(ClassSession.id) == AttendanceMark.session_id)
                .where(
                    AttendanceMark.hub_id == hub_id,
                    live(AttendanceMark),
                    ClassSession.status == SessionStatus.HELD.value,
                    ClassSession.date >= first,
                    ClassSession.date <= last,
                )
            ).all()
            student_ids = s.exec(
                select(Student.id).where(Student.hub_id == hub_id, live(Student))
            ).all()

        held: dict[str, set[str]] = defaultdict(set)
        for e in enrollments:
            assert e.enrolled_on is not None
            for row in by_ensemble.get(e.ensemble_id, []):
                if e.enrolled_on <= row.date and (e.ended_on is None or row.date < e.ended_on):
                    held[e.student_id].add(row.id)
        present: dict[str, int] = defaultdict(int)
        absent: dict[str, int] = defaultdict(int)
        recorded: dict[str, set[str]] = defaultdict(set)
        for student_id, session_id, code in marks:
            if code is None or code not in present_codes:
                continue
            recorded[student_id].add(session_id)
            if present_codes[code]:
                present[student_id] += 1
            else:
                absent[student_id] += 1
        return {
            sid: AttendanceSummary(
                student_id=sid,
                present=present[sid],
                absent=absent[sid],
                unrecorded=len(held[sid] - recorded[sid]),
                held_sessions=len(held[sid]),
            )
            for sid in student_ids
        }

    def attendance_rate(self, hub_id: str, first: dt.date, last: dt.date) -> float | None:
        """The hub's overall attendance rate over the period."""
        summaries = self.summaries(hub_id, first, last).values()
        p = sum(x.present for x in summaries)
        a = sum(x.absent for x in summaries)
        return p / (p + a) if p + a else None

    def chronically_absent(self, hub_id: str, first: dt.date, last: dt.date) -> list[str]:
        """Ids of the hub's chronically absent students over the period."""
        return [
            sid for sid, x in self.summaries(hub_id, first, last).items() if x.chronically_absent
        ]
