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
from harmony_desktop.services.reports.presence import SEPARATOR, Roll, spans


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
            Column("missing_dates", _("Missing dates"), Format.DATES),
        ]),
        Sheet("missing", _("Missing rolls"), [
            Column("hub", _("Hub")), Column("ensemble", _("Ensemble")),
            Column("teacher", _("Teacher")), Column("date", _("Date"), Format.DATE),
            Column("start", _("Start"), Format.TIME),
            Column("on_roll", _("On the roll"), Format.INT),
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
    roll = Roll(spans(ctx, sql))
    # Per due session, the students of its marks with a code, read from its range of the
    # report index as one string; who was on its roll that day comes from the spans,
    # one set per stretch of days between two enrollment changes, rather than two
    # counts per session over the spans in SQL.
    rows = []
    for hub, ensemble_id, day, start, marked in ctx.rows(
        f"""
        SELECT s.hub_id, s.ensemble_id, s.date, substr(s.start, 1, 5),
               (SELECT group_concat(m.student_id, char(31))
                FROM attendance_mark m INDEXED BY ix_attendance_mark_report
                WHERE m.session_id = s.id AND m.deleted = 0 AND m.code IS NOT NULL)
        FROM session s
        WHERE s.deleted = 0 AND s.status IN ('held', 'scheduled')
          AND s.date >= :first AND s.date <= :last AND s.hub_id IN {sql.hubs} {ensemble}
          AND EXISTS (SELECT 1 FROM ensemble en WHERE en.id = s.ensemble_id
                      AND en.deleted = 0)
          AND {sql.not_closed("s")}
        ORDER BY s.date, s.start
        """,
        sql.params,
    ):
        expected = len(roll.roll(ensemble_id, day))
        if expected:
            recorded = len(roll.on_roll(ensemble_id, day, marked.split(SEPARATOR))) if marked else 0
            rows.append((hub, ensemble_id, day, start, expected, recorded))
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
    # TRANSLATORS: the report's word in its file name: lowercase, hyphens for spaces
    file_word=lambda: _("roll-completion"),
    description=lambda: _(
        "Per hub, ensemble and teacher: sessions due, rolls taken, rolls missing and their dates."
    ),
    sheets=sheets,
    run=run,
)
