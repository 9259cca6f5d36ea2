"""Running reports: :class:`ReportService` (``services.reports``).

A report runs in one read transaction (its sheets agree with each other) and never
writes: not a row, not an outbox entry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from harmony_desktop.services.reports.alerts import AbsenceAlert, absence_alerts
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.export import write_report
from harmony_desktop.services.reports.model import (
    Chart,
    ProgressCallback,
    Report,
    ReportKind,
    ReportParams,
    no_progress,
)
from harmony_desktop.services.reports.registry import kind, kinds
from harmony_desktop.store import Store, settings


class ReportService:
    """Lists the report kinds, runs them, computes their charts and writes them out."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def kinds(self) -> list[ReportKind]:
        """Every report kind, in menu order."""
        return list(kinds().values())

    def run(
        self,
        name: str,
        params: ReportParams | None = None,
        *,
        progress: ProgressCallback = no_progress,
        charts: bool = False,
    ) -> Report:
        """Run the report ``name`` for ``params``; with ``charts``, compute its charts
        too (a printout wants them; the tab and the spreadsheets do not)."""
        chosen = kind(name)
        params = params or ReportParams()
        with self.store.read() as session:
            ctx = ReportContext(
                session, params, progress, whole_year=chosen.whole_year,
                previous_year=chosen.previous_year,
            )  # fmt: skip
            sheets = chosen.run(ctx)
            report = Report(
                kind=chosen.name,
                title=chosen.title(),
                scope=ctx.describe(),
                sheets=sheets,
                notes=ctx.notes,
                params=params,
                file_stem=ctx.file_stem(chosen.file_word() if chosen.file_word else chosen.name),
            )
            if charts and chosen.charts is not None:
                ctx.step(chosen.title(), 1, 1)
                report.charts = chosen.charts(ctx, report)
        return report

    def charts(self, report: Report, *, progress: ProgressCallback = no_progress) -> list[Chart]:
        """The charts of a report that already ran (for printing it from the tab)."""
        chosen = kind(report.kind)
        if chosen.charts is None:
            return []
        with self.store.read() as session:
            ctx = ReportContext(
                session, report.params, progress, whole_year=chosen.whole_year,
                previous_year=chosen.previous_year,
            )  # fmt: skip
            return chosen.charts(ctx, report)

    def absence_alerts(
        self, hub_id: str, today: dt.date, threshold: int | None = None
    ) -> list[AbsenceAlert]:
        """Students of the hub with a run of unexcused absences of at least
        ``threshold`` (default: the ``ABSENCE_ALERT_THRESHOLD`` setting)."""
        if threshold is None:
            threshold = self.store.settings.get(settings.ABSENCE_ALERT_THRESHOLD)
        return absence_alerts(self.store, hub_id, today, threshold)

    def export(self, report: Report, path: Path) -> Path:
        """Write ``report`` to a .csv or .xlsx file (see :func:`write_report`)."""
        return write_report(report, Path(path))
