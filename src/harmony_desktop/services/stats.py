"""Attendance rate and chronic absence of a hub's students, for site leads.

The figures are the ``attendance`` report's (docs/REPORTS.md, docs/DOMAIN.md): this
module runs that report for the hub and period and adds up its rows per student, and
takes the rate and the chronic-absence rule from :mod:`.reports.attendance`, so the
register's figures and the reports can never disagree.

* attendance rate = present ÷ (present + absent); unrecorded marks and cancelled
  sessions are left out;
* chronically absent = absent on at least 10 % of the held sessions of the student's
  ensembles while the student was enrolled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select

from harmony_desktop.services.reports import ReportParams, ReportService
from harmony_desktop.services.reports.attendance import (
    CHRONIC_ABSENCE_THRESHOLD,
    chronically_absent,
    rate,
)
from harmony_desktop.store import Store
from harmony_desktop.store.models import Student
from harmony_desktop.store.queries import live

__all__ = ["CHRONIC_ABSENCE_THRESHOLD", "AttendanceSummary", "StatsService"]


@dataclass(frozen=True)
class AttendanceSummary:
    """One student's attendance over a period, over all their ensembles."""

    student_id: str
    present: int
    absent: int
    unrecorded: int
    held_sessions: int

    @property
    def rate(self) -> float | None:
        """present ÷ (present + absent), or None with nothing recorded."""
        return rate(self.present, self.absent)

    @property
    def chronically_absent(self) -> bool:
        """Absent on at least 10 % of held sessions while enrolled."""
        return chronically_absent(self.absent, self.held_sessions)


class StatsService:
    """Attendance figures for site leads and the data manager."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def summaries(self, hub_id: str, first: dt.date, last: dt.date) -> dict[str, AttendanceSummary]:
        """Per student of the hub, attendance from ``first`` to ``last`` inclusive (a
        student with no held session in the period has zeros)."""
        report = ReportService(self.store).run(
            "attendance", ReportParams(hub_id=hub_id, first=first, last=last, today=last)
        )
        sheet = report.sheet("attendance")
        keys = ("student_id", "present", "excused", "unexcused", "unrecorded", "sessions_held")
        columns = [sheet.column_index(key) for key in keys]
        totals: dict[str, list[int]] = {}
        for row in sheet.rows:
            student_id, present, excused, unexcused, unrecorded, held = (row[i] for i in columns)
            figures = totals.setdefault(student_id, [0, 0, 0, 0])
            figures[0] += present
            figures[1] += excused + unexcused
            figures[2] += unrecorded
            figures[3] += held
        with self.store.read() as s:
            student_ids = s.exec(
                select(Student.id).where(Student.hub_id == hub_id, live(Student))
            ).all()
        return {sid: AttendanceSummary(sid, *totals.get(sid, (0, 0, 0, 0))) for sid in student_ids}

    def attendance_rate(self, hub_id: str, first: dt.date, last: dt.date) -> float | None:
        """The hub's overall attendance rate over the period."""
        summaries = self.summaries(hub_id, first, last).values()
        return rate(sum(x.present for x in summaries), sum(x.absent for x in summaries))

    def chronically_absent(self, hub_id: str, first: dt.date, last: dt.date) -> list[str]:
        """Ids of the hub's chronically absent students over the period."""
        return [
            sid for sid, x in self.summaries(hub_id, first, last).items() if x.chronically_absent
        ]
