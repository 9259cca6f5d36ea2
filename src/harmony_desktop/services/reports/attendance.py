"""``attendance``: one row per student per ensemble in the period (docs/REPORTS.md).

Sessions held while enrolled; present, excused and unexcused marks (from the codes'
flags); unrecorded; the attendance rate; chronic absence (absent on at least 10 % of
the held sessions while enrolled); the current run of absences counted back from the
period's end; distinct days and hours attended.
"""

from __future__ import annotations

from dataclasses import dataclass

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import (
    Chart,
    ChartKind,
    Column,
    Format,
    Report,
    ReportKind,
    Series,
    Sheet,
)

#: Absent on at least this share of the held sessions while enrolled.
CHRONIC_ABSENCE_THRESHOLD = 0.10


def rate(present: int, absent: int) -> float | None:
    """present ÷ (present + absent); None when nothing is recorded (not 0 %)."""
    return present / (present + absent) if present + absent else None


def chronically_absent(absent: int, held: int) -> bool:
    """Absent on at least 10 % of the held sessions while enrolled."""
    return held > 0 and absent / held >= CHRONIC_ABSENCE_THRESHOLD


def sheets() -> list[Sheet]:
    """The columns of the ``attendance`` report."""
    return [
        Sheet(
            "attendance",
            _("Attendance"),
            [
                Column("student_id", _("Student id")),
                Column("student", _("Student")),
                Column("hub", _("Hub")),
                Column("ensemble", _("Ensemble")),
                Column("grade", _("Grade")),
                Column("sessions_held", _("Sessions held"), Format.INT),
                Column("present", _("Present"), Format.INT),
                Column("excused", _("Excused"), Format.INT),
                Column("unexcused", _("Unexcused"), Format.INT),
                Column("unrecorded", _("Unrecorded"), Format.INT),
                Column("rate", _("Rate"), Format.RATE),
                Column("chronically_absent", _("Chronically absent"), Format.BOOL),
                Column("consecutive_absences", _("Absences in a row"), Format.INT),
                Column("days_attended", _("Days attended"), Format.INT),
                Column("hours_attended", _("Hours attended"), Format.HOURS),
            ],
        ),
        Sheet(
            "by_ensemble",
            _("By ensemble"),
            [
                Column("hub", _("Hub")),
                Column("ensemble", _("Ensemble")),
                Column("teacher", _("Teacher")),
                *_summary_columns(),
            ],
        ),
        Sheet("by_hub", _("By hub"), [Column("hub", _("Hub")), *_summary_columns()]),
    ]


def _summary_columns() -> list[Column]:
    return [
        Column("sessions_held", _("Sessions held"), Format.INT),
        Column("students", _("Students"), Format.INT),
        Column("present", _("Present"), Format.INT),
        Column("excused", _("Excused"), Format.INT),
        Column("unexcused", _("Unexcused"), Format.INT),
        Column("unrecorded", _("Unrecorded"), Format.INT),
        Column("rate", _("Rate"), Format.RATE),
        Column("chronically_absent", _("Chronically absent"), Format.INT),
        Column("hours_attended", _("Hours attended"), Format.HOURS),
    ]


def _summary_row(sessions: int, pairs: list[PairFigures]) -> list[object]:
    """Totals of a group of (student, ensemble) figures; a student counts once, and is
    chronically absent on their absences over all their held sessions in the group."""
    per_student: dict[str, list[int]] = {}
    for f in pairs:
        totals = per_student.setdefault(f.student_id, [0, 0])
        totals[0] += f.excused + f.unexcused
        totals[1] += f.held
    present = sum(f.present for f in pairs)
    excused = sum(f.excused for f in pairs)
    unexcused = sum(f.unexcused for f in pairs)
    unrecorded = sum(max(0, f.held - f.present - f.excused - f.unexcused) for f in pairs)
    return [
        sessions, len(per_student), present, excused, unexcused, unrecorded,
        rate(present, excused + unexcused),
        sum(chronically_absent(a, h) for a, h in per_student.values()),
        round(sum(f.seconds for f in pairs) / 3600, 2),
    ]  # fmt: skip


@dataclass(frozen=True)
class PairFigures:
    """One student's figures in one ensemble over the period."""

    student_id: str
    ensemble_id: str
    held: int = 0
    present: int = 0
    excused: int = 0
    unexcused: int = 0
    days: int = 0
    seconds: int = 0
    #: absences since the last presence (or since the period began), most recent last
    run: int = 0


def pair_figures(
    ctx: ReportContext, *, run_codes: str = "absent"
) -> tuple[list[PairFigures], dict[str, int]]:
    """Per student and ensemble in scope, their :class:`PairFigures`; and the held
    sessions per ensemble.

    One statement: the held sessions while enrolled per pair (sessions joined to
    spans); one pass over the counted marks for the tallies, which also finds each
    pair's last presence (the greatest ``seq`` of a mark that breaks a run); and a
    second pass over only the marks that make runs (read by their codes from the
    report index, a small share of the marks), counting those after the last break:
    the current run. (A window over every mark would sort them all twice.)
    ``run_codes`` "unexcused" counts runs of unexcused absences instead (an excused
    absence or a presence ends them).
    """
    sql = ctx.sql()
    codes = ctx.codes
    breaks = "present" if run_codes == "absent" else "(present OR excused)"
    run_list = sql.in_list("run", codes.absent if run_codes == "absent" else codes.unexcused)
    rows = ctx.rows(
        f"""
        {sql.standard()},
        tally AS MATERIALIZED (
            SELECT student_id, ensemble_id, SUM(present) AS present, SUM(excused) AS excused,
                   SUM(unexcused) AS unexcused, SUM(seconds) AS seconds,
                   COALESCE(MAX(CASE WHEN {breaks} THEN seq END), 0) AS last_break
            FROM counted GROUP BY student_id, ensemble_id
        ),
        later AS MATERIALIZED (
            -- The held sessions of an ensemble after its first one on the same day (a
            -- rehearsal after the class): few, and the only ones whose presences can
            -- repeat a day already attended.
            SELECT h.* FROM held h WHERE EXISTS (
                SELECT 1 FROM held o WHERE o.ensemble_id = h.ensemble_id
                AND o.date = h.date AND o.seq < h.seq)
        ),
        again AS (
            -- Presences on a day the student was already present in the ensemble: the
            -- days attended are the presences less these (no DISTINCT over every mark).
            -- Walked from the spans (a few thousand) to the later sessions of their
            -- ensemble: a span check per mark here would scan every span.
            SELECT sp.student_id, sp.ensemble_id, COUNT(*) AS repeats
            FROM enrolled sp
            CROSS JOIN later r ON r.ensemble_id = sp.ensemble_id
                 AND r.date >= sp.start_day AND r.date < sp.end_day
            CROSS JOIN attendance_mark m INDEXED BY ix_attendance_mark_report
                 ON m.session_id = r.id AND m.deleted = 0
            WHERE m.code IN {sql.present} AND m.student_id = sp.student_id
              AND EXISTS (
                SELECT 1 FROM held o
                CROSS JOIN attendance_mark m INDEXED BY ix_attendance_mark_report
                     ON m.session_id = o.id AND m.deleted = 0
                WHERE o.ensemble_id = r.ensemble_id AND o.date = r.date AND o.seq < r.seq
                  AND m.code IN {sql.present} AND m.student_id = sp.student_id)
            GROUP BY sp.student_id, sp.ensemble_id
        ),
        in_run AS ({sql.counted(codes=run_list)}),
        runs AS (
            SELECT r.student_id, r.ensemble_id, COUNT(*) AS run
            FROM in_run r
            JOIN tally t ON t.student_id = r.student_id AND t.ensemble_id = r.ensemble_id
            WHERE r.seq > t.last_break
            GROUP BY r.student_id, r.ensemble_id
        ),
        expected AS (
            -- Sessions, span starts and span ends of each ensemble in one date order
            -- (a span's ends before the sessions of its day): a running count of the
            -- sessions gives at each end the sessions before it, and a span's held
            -- sessions are the count at its end less the count at its start.
            SELECT student_id, ensemble_id,
                   SUM(CASE WHEN kind = 2 THEN before ELSE -before END) AS held
            FROM (
                SELECT student_id, ensemble_id, kind,
                       SUM(kind = 0) OVER (PARTITION BY ensemble_id ORDER BY day, kind DESC
                                           ROWS UNBOUNDED PRECEDING) AS before
                FROM (SELECT NULL AS student_id, ensemble_id, date AS day, 0 AS kind FROM held
                      UNION ALL SELECT student_id, ensemble_id, start_day, 1 FROM enrolled
                      UNION ALL SELECT student_id, ensemble_id, end_day, 2 FROM enrolled)
            )
            WHERE kind > 0 GROUP BY student_id, ensemble_id
        )
        SELECT e.student_id, e.ensemble_id, e.held, COALESCE(t.present, 0),
               COALESCE(t.excused, 0), COALESCE(t.unexcused, 0),
               COALESCE(t.present, 0) - COALESCE(a.repeats, 0),
               COALESCE(t.seconds, 0), COALESCE(r.run, 0)
        FROM expected e
        LEFT JOIN tally t ON t.student_id = e.student_id AND t.ensemble_id = e.ensemble_id
        LEFT JOIN runs r ON r.student_id = e.student_id AND r.ensemble_id = e.ensemble_id
        LEFT JOIN again a ON a.student_id = e.student_id AND a.ensemble_id = e.ensemble_id
        UNION ALL
        SELECT NULL, ensemble_id, COUNT(*), 0, 0, 0, 0, 0, 0 FROM held GROUP BY ensemble_id
        """,
        sql.params,
    )
    ctx.step(_("Counting sessions"), 2, 3)
    sessions = {row[1]: row[2] for row in rows if row[0] is None}
    return [PairFigures(*row) for row in rows if row[0] is not None], sessions


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``attendance`` sheets: per student and ensemble, per ensemble, per hub."""
    sheet, by_ensemble, by_hub = sheets()
    ctx.step(_("Counting marks"), 0, 3)
    found, sessions = pair_figures(ctx)
    ctx.step(_("Sorting"), 3, 3)
    keys = []
    for f in found:
        st = ctx.students.get(f.student_id)
        ensemble = ctx.ensembles.get(f.ensemble_id)
        hub = ctx.hub_name(ensemble.hub_id if ensemble else None)
        absent = f.excused + f.unexcused
        sheet.rows.append(
            [
                f.student_id, st.name if st else "", hub, ensemble.name if ensemble else "",
                st.grade if st else "", f.held, f.present, f.excused, f.unexcused,
                max(0, f.held - f.present - absent), rate(f.present, absent),
                chronically_absent(absent, f.held), f.run, f.days, round(f.seconds / 3600, 2),
            ]
        )  # fmt: skip
        keys.append(
            (
                sort_key(hub),
                sort_key(ensemble.name if ensemble else ""),
                ctx.student_key(f.student_id),
            )
        )
    ctx.sort_rows(sheet.rows, keys)
    groups: dict[str, list[PairFigures]] = {}
    for f in found:
        groups.setdefault(f.ensemble_id, []).append(f)
    hubs: dict[str, list[str]] = {}
    for ensemble_id in sessions.keys() | groups.keys():
        ensemble = ctx.ensembles.get(ensemble_id)
        hub_id = ensemble.hub_id if ensemble else ""
        hubs.setdefault(hub_id, []).append(ensemble_id)
        by_ensemble.rows.append(
            [ctx.hub_name(hub_id), ensemble.name if ensemble else "",
             ensemble.teacher if ensemble else "",
             *_summary_row(sessions.get(ensemble_id, 0), groups.get(ensemble_id, []))]
        )  # fmt: skip
    by_ensemble.rows.sort(key=lambda r: (sort_key(r[0]), sort_key(r[1])))
    for hub_id, ensemble_ids in hubs.items():
        by_hub.rows.append(
            [ctx.hub_name(hub_id),
             *_summary_row(sum(sessions.get(e, 0) for e in ensemble_ids),
                           [f for e in ensemble_ids for f in groups.get(e, [])])]
        )  # fmt: skip
    by_hub.rows.sort(key=lambda r: sort_key(r[0]))
    return [sheet, by_ensemble, by_hub]


def weekly_rates(ctx: ReportContext) -> Chart:
    """The weekly attendance rate of each hub in scope (weeks start on Monday)."""
    sql = ctx.sql()
    rows = ctx.rows(
        f"""
        {sql.standard()}
        SELECT hub_id, date(date, 'weekday 0', '-6 days') AS week,
               SUM(present), SUM(excused) + SUM(unexcused)
        FROM counted GROUP BY hub_id, week
        """,
        sql.params,
    )
    weeks = sorted({row[1] for row in rows})
    position = {week: i for i, week in enumerate(weeks)}
    by_hub: dict[str, list[float | None]] = {}
    for hub_id, week, present, absent in rows:
        values = by_hub.setdefault(hub_id, [None] * len(weeks))
        values[position[week]] = rate(present, absent)
    series = [
        Series(ctx.hub_name(hub_id), by_hub[hub_id]) for hub_id in ctx.hub_ids if hub_id in by_hub
    ]
    return Chart(
        _("Weekly attendance rate per hub"),
        ChartKind.SMALL_MULTIPLES,
        weeks,
        series,
        note=_("Present ÷ (present + absent), week by week from Monday."),
    )


def charts(ctx: ReportContext, _report: Report) -> list[Chart]:
    """The printout's chart: weekly attendance rate per hub."""
    return [weekly_rates(ctx)]


KIND = ReportKind(
    name="attendance",
    title=lambda: _("Attendance"),
    description=lambda: _(
        "Per student and ensemble: sessions held while enrolled, present, excused, "
        "unexcused, unrecorded, rate, chronic absence, absences in a row, days and hours."
    ),
    sheets=sheets,
    run=run,
    charts=charts,
)
