"""Students to call home: a run of unexcused absences at or above a threshold
(docs/REPORTS.md, "Consecutive-absence alert").

A run is counted back from today in each ensemble, like the ``attendance`` report's
``consecutive_absences``, except that only unexcused absences extend it: a presence or
an excused absence ends it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.services.reports.attendance import pair_figures
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import ReportParams, no_progress
from harmony_desktop.store import Store


@dataclass(frozen=True)
class AbsenceAlert:
    """One student with a run of unexcused absences in one ensemble."""

    student_id: str
    student: str
    ensemble: str
    absences: int


def absence_alerts(store: Store, hub_id: str, today: dt.date, threshold: int) -> list[AbsenceAlert]:
    """Students on a roll at ``hub_id`` today whose current run of unexcused absences
    there (this programme year, up to ``today``) is at least ``threshold``, longest run
    first."""
    with store.read() as session:
        ctx = ReportContext(session, ReportParams(hub_id=hub_id, today=today), no_progress)
        found, _sessions = pair_figures(ctx, run_codes="unexcused")
        # Only students still on the roll: no one calls home about a student who left.
        on_roll = {(st, en) for st, en, _first, end in ctx.spans if str(end) > today.isoformat()}
        alerts = [
            AbsenceAlert(
                f.student_id,
                ctx.students[f.student_id].name if f.student_id in ctx.students else "",
                ctx.ensemble_name(f.ensemble_id),
                f.run,
            )
            for f in found
            if f.run >= max(1, threshold) and (f.student_id, f.ensemble_id) in on_roll
        ]
    alerts.sort(key=lambda a: (-a.absences, sort_key(a.student), sort_key(a.ensemble)))
    return alerts
