"""``completion``: roll completion, the register's own flag seen programme-wide
(docs/REPORTS.md).

A session is *due* when it is stored, not cancelled, in scope, not on a closure day and
before today; its roll is *taken* when every student on the roll that day has a mark
with a code, else it is *missing* (not started or in progress). Sessions no one ever
opened are not stored and are not counted here. Per hub, ensemble and teacher: due,
taken, missing, and the missing dates; a second sheet lists each missing roll.
"""

from __future__ import annotations

import datetime as dt

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import Column, Format, ReportKind, Sheet


def sheets() -> list[Sheet]:
    """The columns of the ``completion`` report."""
    return [
        Sheet("completion", _("Roll completion"), [
            Column("hub", _("Hub")), Column("ensemble", _("Ensemble")),
            Column("teacher", _("Teacher")),
            Column("sessions_due", _("Sessions due"), Format.INT),
            Column("rolls_taken", _("Rolls taken"), Format.INT),
            Column("rolls_missing", _("Rolls missing"), Format.INT),
            Column("completion_rate", _("Completion"), Format.RATE),
            Column("missing_dates", _("Missing dates")),
        ]),
        Sheet("missing", _("Missing rolls"), [
            Column("hub", _("Hub")), Column("ensemble", _("Ensemble")),
            Column("teacher", _("Teacher")), Column("date", _("Date"), Format.DATE),
            Column("start", _("Start")), Column("on_roll", _("On the roll"), Format.INT),
            Column("recorded", _("Recorded"), Format.INT),
        ]),
    ]  # fmt: skip


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``completion`` sheets."""
    summary, missing = sheets()
    cutoff = min(ctx.last, ctx.today - dt.timedelta(days=1))
    ctx.step(_("Checking rolls"), 0, 1)
    if cutoff < ctx.first:
        return [summary, missing]
    sql = ctx.sql(last=cutoff)
    ensemble = "AND s.ensemble_id = :ensemble" if ctx.ensemble_id else ""
    rows = ctx.rows(
        f"""
        WITH due AS MATERIALIZED (
            SELECT s.id, s.ensemble_id, s.hub_id, s.date, s.start FROM session s
            WHERE s.deleted = 0 AND s.status IN ('held', 'scheduled')
              AND s.date >= :first AND s.date <= :last AND s.hub_id IN {sql.hubs} {ensemble}
              AND EXISTS (SELECT 1 FROM ensemble en WHERE en.id = s.ensemble_id
                          AND en.deleted = 0)
              AND {sql.not_closed("s")}
        ),
        enrolled AS MATERIALIZED ({sql.enrolled()}),
        rolls AS MATERIALIZED (
            -- Per session, two counts looked up rather than two GROUP BYs over every
            -- (session, student on the roll) pair, which would sort them all: the
            -- students on its roll (spans covering its day), and the marks with a code
            -- among them (from the session to its marks, a range of the report index,
            -- then to the spans, the way the counted marks are read).
            SELECT d.id, d.hub_id, d.ensemble_id, d.date, d.start,
                   (SELECT COUNT(*) FROM enrolled sp WHERE sp.ensemble_id = d.ensemble_id
                    AND d.date >= sp.start_day AND d.date < sp.end_day) AS expected,
                   (SELECT COUNT(*)
                    FROM attendance_mark m INDEXED BY ix_attendance_mark_report
                    CROSS JOIN enrolled sp ON sp.student_id = m.student_id
                         AND sp.ensemble_id = d.ensemble_id
                         AND d.date >= sp.start_day AND d.date < sp.end_day
                    WHERE m.session_id = d.id AND m.deleted = 0
                      AND m.code IS NOT NULL) AS recorded
            FROM due d
        )
        SELECT d.hub_id, d.ensemble_id, d.date, substr(d.start, 1, 5), d.expected, d.recorded
        FROM rolls d WHERE d.expected > 0
        ORDER BY d.date, d.start
        """,
        sql.params,
    )
    totals: dict[tuple[str, str], list[object]] = {}
    for hub, ensemble_id, day, start, expected, recorded in rows:
        entry = totals.setdefault((hub, ensemble_id), [0, 0, []])
        entry[0] += 1  # type: ignore[operator]
        info = ctx.ensembles.get(ensemble_id)
        if recorded >= expected:
            entry[1] += 1  # type: ignore[operator]
            continue
        date = dt.date.fromisoformat(str(day)[:10])
        entry[2].append(date.isoformat())  # type: ignore[attr-defined]
        missing.rows.append(
            [ctx.hub_name(hub), info.name if info else "", info.teacher if info else "", date,
             start, expected, recorded]
        )  # fmt: skip
    for (hub, ensemble_id), (due, taken, dates) in totals.items():
        info = ctx.ensembles.get(ensemble_id)
        summary.rows.append(
            [ctx.hub_name(hub), info.name if info else "", info.teacher if info else "", due,
             taken, due - taken, taken / due if due else None, "; ".join(dates)]  # type: ignore[arg-type, operator]
        )  # fmt: skip
    summary.rows.sort(key=lambda r: (sort_key(r[0]), sort_key(r[1])))
    missing.rows.sort(key=lambda r: (sort_key(r[0]), sort_key(r[1]), r[3], r[4]))
    ctx.step(_("Checking rolls"), 1, 1)
    return [summary, missing]


KIND = ReportKind(
    name="completion",
    title=lambda: _("Roll completion"),
    description=lambda: _(
        "Per hub, ensemble and teacher: sessions due, rolls taken, rolls missing and their dates."
    ),
    sheets=sheets,
    run=run,
)
