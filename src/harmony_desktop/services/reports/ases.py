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
from harmony_desktop.services.reports.presence import held_sessions
from harmony_desktop.store.memory import collector_paused


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
    """The half-year key of a stored date ("2025H2" for 1 July – 31 December 2025)."""
    return day[:4] + ("H1" if day[5:7] <= "06" else "H2")


#: A student's day at a site: earliest time in, latest time out (as stored, cut to
#: HH:MM: the earliest and latest of the cut times are the cut earliest and latest),
#: whether any mark left early (0 or 1), and the greatest early-release reason (None
#: if none).
Entry = tuple[str, str, int, str | None]


def _merge(entry: Entry, time_in: str, time_out: str, left_early: int, reason: str | None) -> Entry:
    """``entry`` with one more present mark of the same student, day and site, as SQL's
    MIN, MAX and MAX would combine them (a missing reason never wins)."""
    return (
        min(entry[0], time_in),
        max(entry[1], time_out),
        max(entry[2], left_early),
        reason if entry[3] is None else entry[3] if reason is None else max(entry[3], reason),
    )


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``ases`` sheets."""
    with collector_paused():
        return _fill(ctx)


def _fill(ctx: ReportContext) -> list[Sheet]:
    summary, early, by_day = sheets()
    halves = half_years(ctx.first, ctx.last)
    ctx.step(_("Days of operation"), 0, 3)
    # One entry per student present per site and day: nearly every entry is one
    # presence, so a GROUP BY in SQL would sort every mark by three text keys for
    # nothing; the days and sites are sorted here, then each one's students.
    #: (date, site) -> student -> entry
    places: dict[tuple[str, str], dict[str, Entry]] = {}
    dates: dict[tuple[str, str], set[str]] = {}
    #: (date, site) -> the students who left early (once early, the entry stays so)
    early_release: dict[tuple[str, str], set[str]] = {}
    for session in held_sessions(ctx, details=True):
        day, hub = session.date, session.hub_id
        here = places.setdefault((day, hub), {})
        dates.setdefault((hub, _half_key_text(str(day)[:10])), set()).add(day)
        # A presence with no times of its own is in and out with the session.
        plain: Entry = (session.start[:5], session.end[:5], 0, None)
        whole = session.students[: session.whole]
        # Another ensemble's session at the site that day has mostly other students:
        # only those already here are merged one by one.
        again = {s: _merge(here[s], *plain) for s in here.keys() & whole} if here else {}
        here.update(dict.fromkeys(whole, plain))
        here.update(again)
        for student_id, arrival, departure, left_early, reason, _seconds in session.timed:
            time_in = (session.start if arrival is None else arrival)[:5]
            time_out = (session.end if departure is None else departure)[:5]
            entry = here.get(student_id)
            here[student_id] = (
                (time_in, time_out, left_early, reason)
                if entry is None
                else _merge(entry, time_in, time_out, left_early, reason)
            )
            if left_early:
                early_release.setdefault((day, hub), set()).add(student_id)
    days = {key: len(found) for key, found in dates.items()}
    ctx.step(_("Attendance by day"), 1, 3)
    served: dict[tuple[str, str], int] = {}
    #: early releases per (site, half-year, reason as stored, None included)
    by_reason: dict[tuple[str, str, str | None], int] = {}
    # A student's id, name and grade, and a site's name, are worked out once, not once
    # per row (a row per student per day).
    people = {
        student_id: (student_id, st.name, st.grade) for student_id, st in ctx.students.items()
    }
    sites = {hub: ctx.hub_name(hub) for _day, hub in places}
    site_keys = {hub: sort_key(name) for hub, name in sites.items()}
    # Every student's place in name order, worked out once: a day's students are then
    # sorted by a look-up (a row per student per day: 150,000 in a year of 17 hubs).
    present = {student_id for here in places.values() for student_id in here}
    rank = {s: i for i, s in enumerate(sorted(present, key=ctx.student_key))}
    rows = by_day.rows
    # As a day's sign-in sheets read: by date, then site, then student, by name (not by
    # the ids, which would put a day's students in no order a reader could follow).
    for day, hub in sorted(places, key=lambda place: (place[0], site_keys[place[1]], place[1])):
        here = places[(day, hub)]
        if not here:
            continue
        text = str(day)[:10]
        date, half = dt.date.fromisoformat(text), _half_key_text(text)
        site = sites[hub]
        served[(hub, half)] = served.get((hub, half), 0) + len(here)
        rows.extend(
            [date, site, *people.get(student_id, (student_id, "", "")), entry[0], entry[1],
             entry[3] or ""]
            for student_id, entry in ((s, here[s]) for s in sorted(here, key=rank.__getitem__))
        )  # fmt: skip
        for student_id in early_release.get((day, hub), ()):
            reason_key = (hub, half, here[student_id][3])
            by_reason[reason_key] = by_reason.get(reason_key, 0) + 1
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
