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

#: The share of the sessions ever held in scope from which ``pair_figures`` tallies
#: span by span. Measured over the two-year demo: at half of the sessions (a
#: programme year) span by span costs about two thirds of grouping the period's marks;
#: at a seventh (a year to date in November) about a third more.
BY_SPAN_SHARE = 0.3


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

    One statement. A pair's marks are tallied in one aggregate: present, excused,
    unexcused, seconds, the days attended (a presence, less one at a later session of
    a day the student was already present: those sessions are few, flagged in
    ``sessions``), the last presence (the greatest ``seq`` of a mark that breaks a run)
    and the ``seq`` of every mark that makes a run (a tenth of the marks): the current
    run is those after the last break. The held sessions while enrolled come from the
    sessions and spans in one date order (``expected``).

    When the period holds most of the register's sessions, each span of enrollment
    tallies its own marks, read by student (:meth:`~.sql.Sql.counted_in_span`): no
    mark is sorted and none is checked against the spans one by one. For a shorter
    period the counted marks of the period are grouped by pair instead, which reads
    only the period's marks.
    ``run_codes`` "unexcused" counts runs of unexcused absences instead (an excused
    absence or a presence ends them).
    """
    sql = ctx.sql()
    codes = ctx.codes
    breaks = "present" if run_codes == "absent" else "(present OR excused)"
    run_list = sql.in_list("run", codes.absent if run_codes == "absent" else codes.unexcused)
    tallies = {
        "present": "SUM(present)",
        "excused": "SUM(excused)",
        "unexcused": "SUM(unexcused)",
        "seconds": "SUM(seconds)",
        "last_break": f"MAX(CASE WHEN {breaks} THEN seq END)",
        "run_seqs": f"group_concat(CASE WHEN code IN {run_list} THEN seq END)",
        "days": f"""SUM(CASE WHEN NOT present THEN 0 WHEN NOT later THEN 1
                        WHEN EXISTS (
                            -- a presence at an earlier held session of the ensemble that
                            -- day (read from the session index: the planner scans the
                            -- materialised held sessions here)
                            SELECT 1 FROM session o INDEXED BY ix_session_report
                            CROSS JOIN attendance_mark m INDEXED BY ix_attendance_mark_report
                                 ON m.session_id = o.id AND m.deleted = 0
                            WHERE {sql.is_held("o", first="c.date", last="c.date")}
                              AND o.ensemble_id = c.ensemble_id
                              AND (o.start, o.id) < (c.start, c.session_id)
                              AND m.code IN {sql.present} AND m.student_id = c.student_id)
                        THEN 0
                        ELSE 1 END)""",
    }
    if _by_span(ctx):
        figures = ", ".join(f"json_extract(f, '$[{i}]') AS {k}" for i, k in enumerate(tallies))
        tally = f"""
            spans AS MATERIALIZED (
                SELECT sp.student_id, sp.ensemble_id, (
                    SELECT json_array({", ".join(tallies.values())})
                    FROM ({sql.counted_in_span(held="sessions", columns=["later"])}) c
                ) AS f
                FROM enrolled sp
            ),
            tally AS MATERIALIZED (
                -- a pair's spans added up (the run marks' seqs strung together)
                SELECT student_id, ensemble_id, SUM(present) AS present,
                       SUM(excused) AS excused, SUM(unexcused) AS unexcused,
                       SUM(seconds) AS seconds, MAX(last_break) AS last_break,
                       group_concat(run_seqs) AS run_seqs, SUM(days) AS days
                FROM (SELECT student_id, ensemble_id, {figures} FROM spans)
                GROUP BY student_id, ensemble_id
            ),"""
    else:
        tally = f"""
            tally AS MATERIALIZED (
                SELECT c.student_id, c.ensemble_id,
                       {", ".join(f"{expression} AS {k}" for k, expression in tallies.items())}
                FROM ({sql.counted(held="sessions", columns=["later"])}) c
                GROUP BY c.student_id, c.ensemble_id
            ),"""
    rows = ctx.rows(
        f"""
        WITH held AS MATERIALIZED ({sql.held()}),
             enrolled AS MATERIALIZED ({sql.enrolled()}),
             sessions AS MATERIALIZED (
                -- the held sessions, ``later`` when an earlier one of the ensemble was
                -- held that day (a rehearsal after the class: few, and the only ones
                -- whose presences can repeat a day already attended)
                SELECT h.*, EXISTS (
                    SELECT 1 FROM held o WHERE o.ensemble_id = h.ensemble_id
                    AND o.date = h.date AND o.seq < h.seq) AS later
                FROM held h
             ),
        {tally}
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
               COALESCE(t.excused, 0), COALESCE(t.unexcused, 0), COALESCE(t.days, 0),
               COALESCE(t.seconds, 0),
               (SELECT COUNT(*) FROM json_each('[' || COALESCE(t.run_seqs, '') || ']')
                WHERE value > COALESCE(t.last_break, 0))
        FROM expected e
        LEFT JOIN tally t ON t.student_id = e.student_id AND t.ensemble_id = e.ensemble_id
        UNION ALL
        SELECT NULL, ensemble_id, COUNT(*), 0, 0, 0, 0, 0, 0 FROM held GROUP BY ensemble_id
        """,
        sql.params,
    )
    ctx.step(_("Counting sessions"), 2, 3)
    sessions = {row[1]: row[2] for row in rows if row[0] is None}
    return [PairFigures(*row) for row in rows if row[0] is not None], sessions


def _by_span(ctx: ReportContext) -> bool:
    """Whether the period holds at least :data:`BY_SPAN_SHARE` of the sessions ever
    held in scope (then tallying span by span, reading every mark of each student,
    costs less than grouping the period's marks)."""
    sql = ctx.sql()
    ensemble = "AND s.ensemble_id = :ensemble" if ctx.ensemble_id else ""
    ((in_period, ever),) = ctx.rows(
        f"""
        SELECT COALESCE(SUM(s.date >= :first AND s.date <= :last), 0), COUNT(*)
        FROM session s INDEXED BY ix_session_report
        WHERE s.hub_id IN {sql.hubs} AND s.deleted = 0 AND s.status = 'held' {ensemble}
        """,
        sql.params,
    )
    return bool(ever) and in_period >= BY_SPAN_SHARE * ever


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
