"""``ases``: California after-school (ASES / 21st CCLC) attendance (docs/REPORTS.md).

By site (hub) and half-year (1 July – 31 December, 1 January – 30 June): days of
operation (distinct dates with a held session), total students served (summed over
those days: the distinct students present each day), average daily attendance (total
÷ days of operation), and the early releases by reason. A by-day sheet lists each
student present each day with their time in, time out and early-release reason.
"""

from __future__ import annotations

import datetime as dt

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.reports.calendar import half_years
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.labels import reason_label
from harmony_desktop.services.reports.model import Column, Format, ReportKind, Sheet

#: SQL: the half-year key of a stored date ("2025H2" for 1 July – 31 December 2025).
_HALF = "substr({d}, 1, 4) || CASE WHEN substr({d}, 6, 2) <= '06' THEN 'H1' ELSE 'H2' END"


def sheets() -> list[Sheet]:
    """The columns of the ``ases`` report."""
    return [
        Sheet("ases", _("ASES attendance"), [
            Column("site", _("Site")), Column("half_year", _("Half-year")),
            Column("first_day", _("From"), Format.DATE), Column("last_day", _("To"), Format.DATE),
            Column("days_of_operation", _("Days of operation"), Format.INT),
            Column("students_served", _("Total students served"), Format.INT),
            Column("average_daily_attendance", _("Average daily attendance"), Format.DECIMAL),
            Column("early_releases", _("Early releases"), Format.INT),
        ]),
        Sheet("early_release", _("Early release"), [
            Column("site", _("Site")), Column("half_year", _("Half-year")),
            Column("reason", _("Reason"), labels=reason_label), Column("students", _("Early releases"), Format.INT),
        ]),
        Sheet("by_day", _("By day"), [
            Column("date", _("Date"), Format.DATE), Column("site", _("Site")),
            Column("student_id", _("Student id")), Column("student", _("Student")),
            Column("grade", _("Grade")), Column("time_in", _("Time in"), Format.TIME),
            Column("time_out", _("Time out"), Format.TIME),
            Column("early_release_reason", _("Early-release reason"), labels=reason_label),
        ]),
    ]  # fmt: skip


def _half_key(day: dt.date) -> str:
    return f"{day.year}{'H1' if day.month <= 6 else 'H2'}"


def _half_key_text(day: str) -> str:
    """The half-year key of a stored date, as ``_HALF`` computes it in SQL."""
    return day[:4] + ("H1" if day[5:7] <= "06" else "H2")


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``ases`` sheets."""
    summary, early, by_day = sheets()
    sql = ctx.sql()
    halves = half_years(ctx.first, ctx.last)
    ctx.step(_("Days of operation"), 0, 3)
    days = {
        (hub, half): count
        for hub, half, count in ctx.rows(
            f"WITH held AS MATERIALIZED ({sql.held()}) SELECT hub_id, "
            f"{_HALF.format(d='date')} AS half, COUNT(DISTINCT date) FROM held GROUP BY hub_id, half",
            sql.params,
        )
    }
    ctx.step(_("Attendance by day"), 1, 3)
    # One pass over the counted marks, one row per student present per site and day:
    # the by-day sheet, and the students served and early releases summed from it
    # (the same rows; a second GROUP BY over the marks would cost as much again).
    served: dict[tuple[str, str], int] = {}
    #: early releases per (site, half-year, reason as stored, None included)
    by_reason: dict[tuple[str, str, str | None], int] = {}
    result = ctx.stream(
        f"""
        {sql.standard(codes=sql.present)}
        SELECT date, hub_id, student_id,
               substr(MIN(COALESCE(arrival_time, start)), 1, 5),
               substr(MAX(COALESCE(departure_time, "end")), 1, 5),
               MAX(early), MAX(CASE WHEN early THEN reason END)
        FROM counted GROUP BY date, hub_id, student_id
        ORDER BY date, hub_id, student_id
        """,
        sql.params,
    )
    # A student's name and grade, a site's name and a day's date are worked out once,
    # not once per row (a row per student per day).
    people: dict[str, tuple[str, str]] = {}
    places: dict[str, str] = {}
    days_of: dict[str, tuple[dt.date, str]] = {}
    for day, hub, student_id, time_in, time_out, left_early, reason in result:
        found = days_of.get(day)
        if found is None:
            text = str(day)[:10]
            found = days_of[day] = (dt.date.fromisoformat(text), _half_key_text(text))
        key = (hub, found[1])
        served[key] = served.get(key, 0) + 1
        if left_early:
            reason_key = (hub, key[1], reason)
            by_reason[reason_key] = by_reason.get(reason_key, 0) + 1
        person = people.get(student_id)
        if person is None:
            st = ctx.students.get(student_id)
            person = people[student_id] = (st.name, st.grade) if st else ("", "")
        site = places.get(hub)
        if site is None:
            site = places[hub] = ctx.hub_name(hub)
        by_day.rows.append([found[0], site, student_id, *person, time_in, time_out, reason or ""])
    releases: dict[tuple[str, str], int] = {}
    reasons: dict[tuple[str, str, str], int] = {}
    # In SQL's order (a missing reason first), so a missing and an empty reason end as
    # they always have: one "" row, the later count.
    for (hub, half, reason), count in sorted(
        by_reason.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] is not None,
                                             item[0][2] or "")
    ):  # fmt: skip
        releases[(hub, half)] = releases.get((hub, half), 0) + count
        reasons[(hub, half, reason or "")] = count
    for hub in sorted(ctx.hub_ids, key=lambda h: sort_key(ctx.hub_name(h))):
        for label, first, last in halves:
            key = (hub, _half_key(first))
            n_days, total = days.get(key, 0), served.get(key, 0)
            summary.rows.append(
                [ctx.hub_name(hub), label, first, last, n_days, total,
                 round(total / n_days, 4) if n_days else None, releases.get(key, 0)]
            )  # fmt: skip
            for (r_hub, r_half, reason), count in sorted(reasons.items()):
                if (r_hub, r_half) == key:
                    early.rows.append([ctx.hub_name(hub), label, reason, count])
    ctx.step(_("Attendance by day"), 3, 3)
    return [summary, early, by_day]


KIND = ReportKind(
    name="ases",
    title=lambda: _("ASES / 21st CCLC attendance"),
    description=lambda: _(
        "By site and half-year: days of operation, total students served, average "
        "daily attendance and early releases; every student present each day."
    ),
    sheets=sheets,
    run=run,
    whole_year=True,
)
