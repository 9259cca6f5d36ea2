"""``retention``: who stayed from one programme year to the next (docs/REPORTS.md).

A student is *active* in a year when they have at least one present mark in a held
session while enrolled. Retention of year Y = students active in Y who are active again
in Y+1 ÷ students active in Y, in the hubs in scope. Students in grade 12 (they
finished school in Y) are left out of both and counted apart. The grade is the one the
student had in Y: their recorded grade when it is for Y, else worked out from it and the
year it is for, one grade a year (:func:`grade_in`); a grade whose year is unknown is
taken as it is, and a note says so. Broken down by hub,
ensemble and grade (where the student was active in Y) and by first year (the year of
their first enrollment). The waitlist: who is waiting now, how long those enrolled from
it waited (median days), and how many were enrolled from it in each term of Y.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from harmony_desktop.domain.calendar import start_year
from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.grades import grade_name, grade_number
from harmony_desktop.domain.i18n import _, format_date, ngettext, pgettext
from harmony_desktop.services.calendar import year_label_of
from harmony_desktop.services.reports.attendance import rate
from harmony_desktop.services.reports.calendar import next_label
from harmony_desktop.services.reports.context import SCOPE_DATE, ReportContext
from harmony_desktop.services.reports.labels import breakdown_label
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

#: Students in this grade finish school in the year: left out of retention.
FINAL_GRADE = "12"


def grade_in(grade: str, grade_year: str, year: str) -> tuple[str, bool]:
    """The grade a student had in programme year ``year``, and whether it was worked
    out: ``grade`` itself when it is for ``year`` (or no grade, or its year unknown:
    then as recorded); else one grade a year from ``grade_year`` (grade 6 for 2026-27
    was grade 5 in 2025-26; 12 at most, PK at least)."""
    number = grade_number(grade.upper())
    if number is None or not grade_year or grade_year == year:
        return grade, False
    try:
        years = start_year(year) - start_year(grade_year)
    except ValidationError:
        return grade, False
    return grade_name(number + years), True


_GRADE_ORDER = {g: i for i, g in enumerate(["PK", "K", *map(str, range(1, 13))])}


def sheets() -> list[Sheet]:
    """The columns of the ``retention`` report."""
    return [
        Sheet("retention", _("Retention"), [
            Column("breakdown", _("Breakdown"), labels=breakdown_label), Column("group", _("Group")),
            Column("year", _("Year")), Column("active", pgettext("count", "Active"), Format.INT),
            Column("retained", _("Active next year"), Format.INT),
            Column("retention_rate", _("Retention"), Format.RATE),
            Column("final_grade_left_out", _("Grade 12, left out"), Format.INT),
        ]),
        Sheet("waitlist", _("Waitlist"), [
            Column("hub", _("Hub")), Column("ensemble", _("Ensemble")),
            Column("waiting", _("Waiting now"), Format.INT),
            Column("enrolled_from_waitlist", _("Enrolled from the waitlist"), Format.INT),
            Column("median_days_waited", _("Median days waited"), Format.DECIMAL),
        ]),
        Sheet("conversions", _("Waitlist conversions per term"), [
            Column("hub", _("Hub")), Column("ensemble", _("Ensemble")),
            Column("term", _("Term")), Column("first_day", _("From"), Format.DATE),
            Column("last_day", _("To"), Format.DATE),
            Column("conversions", _("Enrolled from the waitlist"), Format.INT),
        ]),
    ]  # fmt: skip


def _active(ctx: ReportContext, first: dt.date, last: dt.date) -> list[tuple[str, str, str]]:
    """(student, ensemble, hub) with a present mark between ``first`` and ``last``.

    Asked of each enrollment span (a few thousand) rather than read off every present
    mark: the span's held sessions are read in date order from the session report
    index, from the later of its first day and ``first``, each with one look-up of the
    student's presence in the mark report index, and the first presence answers (most
    students are present at their first session), so neither every mark is read nor
    are they all sorted for a DISTINCT. A span's ensemble and site come from ``sites``,
    the held sessions' own: live, in scope, so the sessions looked at again need only
    be live, held and open on their day."""
    sql = ctx.sql(first=first, last=last)
    return ctx.rows(
        f"""
        WITH enrolled AS MATERIALIZED ({sql.enrolled()}),
             sites AS MATERIALIZED (
                 SELECT DISTINCT s.ensemble_id, s.hub_id FROM session s
                 WHERE {sql.is_held("s")})
        SELECT DISTINCT sp.student_id, sp.ensemble_id, si.hub_id
        FROM enrolled sp JOIN sites si ON si.ensemble_id = sp.ensemble_id
        WHERE EXISTS (
            SELECT 1 FROM session s INDEXED BY ix_session_report
            CROSS JOIN attendance_mark m INDEXED BY ix_attendance_mark_report
                 ON m.session_id = s.id AND m.deleted = 0
            WHERE s.hub_id = si.hub_id AND s.date >= MAX(sp.start_day, :first)
              AND s.date < sp.end_day AND s.date <= :last
              AND s.deleted = 0 AND s.status = 'held' AND s.ensemble_id = sp.ensemble_id
              AND {sql.not_closed("s")}
              AND m.code IN {sql.present} AND m.student_id = sp.student_id)
        """,
        sql.params,
    )


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``retention`` sheets."""
    retention, waitlist, conversions = sheets()
    year, following = ctx.year, next_label(ctx.year)
    if (ctx.first, ctx.last) != (ctx.year_first, ctx.year_last):
        # Retention compares whole years: days asked for (a term, a month) pick their
        # year, and the scope says the year measured, never days it did not keep to.
        ctx.notes.append(
            _(
                "Retention compares whole programme years: the days asked for ({first} to"
                " {last}) are in {year}, so the whole of {year} is measured."
            ).format(
                first=format_date(ctx.first, SCOPE_DATE),
                last=format_date(ctx.last, SCOPE_DATE),
                year=year,
            )
        )
        ctx.first, ctx.last = ctx.year_first, ctx.year_last
    ctx.step(_("Students active this year"), 0, 3)
    this_year = _active(ctx, ctx.year_first, ctx.year_last)
    ctx.step(_("Students active next year"), 1, 3)
    next_first, next_last = ctx.calendar.bounds(following)
    again = {row[0] for row in _active(ctx, next_first, next_last)}
    # Before the next year begins nobody can have come back: its retention is not
    # measured yet (empty), never 0 %.
    measured = ctx.today >= next_first
    if not measured:
        ctx.notes.append(
            _("{next} has not begun: the retention of {year} can be measured from {first}.").format(
                next=following, year=year, first=format_date(next_first, SCOPE_DATE)
            )
        )
    elif ctx.today <= next_last:
        ctx.notes.append(
            _("{year} is not over yet: students may still come back.").format(year=following)
        )
    # The grade each student had in Y (their grade and the year it is for), and whether
    # any was worked out or taken as recorded for want of its year: said, never silent.
    grades: dict[str, str] = {}
    worked_out = unknown = 0
    for student in {row[0] for row in this_year}:
        st = ctx.students.get(student)
        if st is None:
            continue
        grades[student], derived = grade_in(st.grade, st.grade_year, year)
        worked_out += derived
        unknown += bool(st.grade) and not st.grade_year
    if worked_out:
        ctx.notes.append(
            _(
                "Grades are those the students had in {year}: a grade recorded for another"
                " year is worked out from it and that year, one grade a year (grade 6 in"
                " {next} was grade 5 in {year})."
            ).format(year=year, next=following)
        )
    if unknown and ctx.today > ctx.year_last:  # in Y itself, today's grade is Y's
        ctx.notes.append(
            ngettext(
                "{n} student's grade has no recorded school year: the grade as recorded on"
                " {today} is used.",
                "{n} students' grades have no recorded school year: the grades as recorded"
                " on {today} are used.",
                unknown,
            ).format(n=unknown, today=format_date(ctx.today, SCOPE_DATE))
        )
    first_years = {
        student: year_label_of(dt.date.fromisoformat(str(first)[:10]))
        for student, first in ctx.rows(
            "SELECT student_id, MIN(enrolled_on) FROM enrollment WHERE deleted = 0"
            " AND enrolled_on IS NOT NULL AND status IN ('enrolled', 'withdrawn', 'completed')"
            " GROUP BY student_id"
        )
    }
    groups: dict[tuple[str, str], set[str]] = {}
    for student, ensemble, hub in this_year:
        grade = grades.get(student, "")
        for key in (("all", _("All students")), ("hub", ctx.hub_name(hub)),
                    ("ensemble", f"{ctx.hub_name(hub)} · {ctx.ensemble_name(ensemble)}"),
                    ("grade", grade or "?"), ("first_year", first_years.get(student, "?"))):  # fmt: skip
            groups.setdefault(key, set()).add(student)
    order = {"all": 0, "hub": 1, "ensemble": 2, "grade": 3, "first_year": 4}

    def group_key(key: tuple[str, str]) -> tuple[Any, ...]:
        return (order[key[0]], _GRADE_ORDER.get(key[1], 99) if key[0] == "grade" else 0,
                sort_key(key[1]))  # fmt: skip

    for key in sorted(groups, key=group_key):
        students = groups[key]
        final = {s for s in students if grades.get(s, "") == FINAL_GRADE}
        counted = students - final
        retained = len(counted & again)
        retention.rows.append(
            [key[0], key[1], year, len(counted), retained,
             rate(retained, len(counted) - retained) if measured else None, len(final)]
        )  # fmt: skip
    ctx.step(_("Waitlist"), 2, 3)
    _waitlist(ctx, waitlist, conversions)
    ctx.step(_("Waitlist"), 3, 3)
    return [retention, waitlist, conversions]


def _waitlist(ctx: ReportContext, waitlist: Sheet, conversions: Sheet) -> None:
    sql = ctx.sql()
    rows = ctx.rows(
        f"""
        SELECT en.hub_id, e.ensemble_id, e.status, e.waitlisted_on, e.enrolled_on
        FROM enrollment e JOIN ensemble en ON en.id = e.ensemble_id
        JOIN student st ON st.id = e.student_id
        WHERE e.deleted = 0 AND en.deleted = 0 AND st.deleted = 0
          AND en.hub_id IN {sql.hubs} {"AND e.ensemble_id = :ensemble" if ctx.ensemble_id else ""}
          AND e.waitlisted_on IS NOT NULL
        """,
        sql.params,
    )
    terms = [(t.name, t.first_day, t.last_day) for t in ctx.calendar.terms(ctx.year)] or [
        (ctx.year, ctx.year_first, ctx.year_last)
    ]
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for hub, ensemble, status, waitlisted_on, enrolled_on in rows:
        entry = found.setdefault((hub, ensemble), {"waiting": 0, "days": [], "terms": {}})
        if status == "waitlisted":
            entry["waiting"] += 1
        if enrolled_on is None:
            continue
        enrolled = dt.date.fromisoformat(str(enrolled_on)[:10])
        waited = dt.date.fromisoformat(str(waitlisted_on)[:10])
        if ctx.year_first <= enrolled <= ctx.year_last:
            entry["days"].append((enrolled - waited).days)
        for name, first, last in terms:
            if first <= enrolled <= last:
                entry["terms"][name] = entry["terms"].get(name, 0) + 1
    for (hub, ensemble), entry in sorted(
        found.items(), key=lambda i: (sort_key(ctx.hub_name(i[0][0])),
                                      sort_key(ctx.ensemble_name(i[0][1]))),
    ):  # fmt: skip
        days = entry["days"]
        waitlist.rows.append(
            [ctx.hub_name(hub), ctx.ensemble_name(ensemble), entry["waiting"], len(days),
             float(statistics.median(days)) if days else None]
        )  # fmt: skip
        for name, first, last in terms:
            conversions.rows.append(
                [ctx.hub_name(hub), ctx.ensemble_name(ensemble), name, first, last,
                 entry["terms"].get(name, 0)]
            )  # fmt: skip


def charts(_ctx: ReportContext, report: Report) -> list[Chart]:
    """The printout's chart: retention per hub."""
    rows = [r for r in report.sheet("retention").as_dicts() if r["breakdown"] == "hub"]
    return [
        Chart(
            _("Retention per hub"),
            ChartKind.BARS,
            [r["group"] for r in rows],
            [Series(_("Retention"), [r["retention_rate"] for r in rows])],
            note=_("Students active this year who are active again the next."),
        )
    ]


KIND = ReportKind(
    name="retention",
    title=lambda: _("Retention"),
    # TRANSLATORS: the report's word in its file name: lowercase, hyphens for spaces
    file_word=lambda: _("retention"),
    description=lambda: _(
        "Students active in the year who are active again the next, by hub, ensemble, "
        "grade and first year; the waitlist and its conversions."
    ),
    sheets=sheets,
    run=run,
    charts=charts,
    whole_year=True,
    previous_year=True,
)
