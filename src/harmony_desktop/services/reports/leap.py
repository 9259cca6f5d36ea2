"""``leap``: the expanded-learning participation upload (docs/REPORTS.md).

One row per student registered in the programme year (on the roll of an ensemble in
scope on at least one day of it), those who never came included, with the identifiers
and fields a state's participation upload asks for: local id, district and statewide
student ids, legal names, birth date, grade, site, programme start date (their first
day on a roll in the year) and programme days (distinct days present).
"""

from __future__ import annotations

import datetime as dt

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import Column, Format, ReportKind, Sheet
from harmony_desktop.services.reports.presence import (
    days_present,
    held_sessions,
)
from harmony_desktop.store.memory import collector_paused


def sheets() -> list[Sheet]:
    """The columns of the ``leap`` report."""
    return [
        Sheet("participation", _("Participation"), [
            Column("local_id", _("Local id")),
            Column("district_student_id", _("District student id")),
            Column("statewide_student_id", _("Statewide student id")),
            Column("legal_first_name", _("Legal first name")),
            Column("legal_last_name", _("Legal last name")),
            Column("birth_date", _("Birth date"), Format.BIRTH_DATE), Column("grade", _("Grade")),
            Column("site", _("Site")),
            Column("program_start_date", _("Programme start date"), Format.DATE),
            Column("program_days", _("Programme days"), Format.INT),
        ]),
    ]  # fmt: skip


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``leap`` sheet."""
    with collector_paused():
        return _fill(ctx)


def _fill(ctx: ReportContext) -> list[Sheet]:
    (sheet,) = sheets()
    ctx.step(_("Counting days"), 0, 1)
    days = days_present(held_sessions(ctx))
    starts: dict[str, str] = {}
    for student, _ensemble, start_day, _end in ctx.spans:
        starts[student] = min(starts.get(student, start_day), start_day)
    keys = []
    for student_id, start in starts.items():
        st = ctx.students.get(student_id)
        if st is None:
            continue
        first = max(dt.date.fromisoformat(str(start)[:10]), ctx.first)
        sheet.rows.append(
            [st.id, st.district_id, st.statewide_id, st.first, st.last, st.date_of_birth,
             st.grade, ctx.hub_name(st.hub_id), first, days.get(student_id, 0)]
        )  # fmt: skip
        keys.append((sort_key(ctx.hub_name(st.hub_id)), ctx.student_key(student_id)))
    ctx.sort_rows(sheet.rows, keys)
    ctx.step(_("Counting days"), 1, 1)
    return [sheet]


KIND = ReportKind(
    name="leap",
    title=lambda: _("Participation upload (LEAP)"),
    description=lambda: _(
        "One row per student registered in the year, with their identifiers, "
        "programme start date and programme days."
    ),
    sheets=sheets,
    run=run,
    whole_year=True,
)
