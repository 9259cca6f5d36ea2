"""``grid``: one row per student, one column per date, 1 or 0 (docs/REPORTS.md).

The columns after ``student_id``, ``student``, ``hub`` and ``grade`` are the dates with
a held session in scope, in order, keyed by their ISO 8601 date (the files' headers) and
titled in words in the tab and on paper ("lun 1 sep 2025"): 1 when the student was present on that
date (in any ensemble in scope, while enrolled), else 0. Rows: every student on a roll
in scope during the period.
"""

from __future__ import annotations

import datetime as dt

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.i18n import _, format_date
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.export import DATE_PATTERN
from harmony_desktop.services.reports.model import Column, Format, ReportKind, Sheet
from harmony_desktop.services.reports.presence import held_sessions
from harmony_desktop.store.memory import collector_paused


def sheets() -> list[Sheet]:
    """The fixed columns of the ``grid`` report (one more per date when it runs)."""
    return [
        Sheet("grid", _("Attendance grid"), [
            Column("student_id", _("Student id")), Column("student", _("Student")),
            Column("hub", _("Hub")), Column("grade", _("Grade")),
        ]),
    ]  # fmt: skip


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``grid`` sheet."""
    with collector_paused():
        return _fill(ctx)


def _fill(ctx: ReportContext) -> list[Sheet]:
    (sheet,) = sheets()
    ctx.step(_("Reading attendance"), 0, 1)
    held = held_sessions(ctx)
    dates = sorted({str(session.date)[:10] for session in held})
    position = {day: 4 + i for i, day in enumerate(dates)}
    # Keyed "2025-09-01" in the files, titled as the tab and the printout write a date.
    sheet.columns.extend(
        Column(day, format_date(dt.date.fromisoformat(day), DATE_PATTERN), Format.INT)
        for day in dates
    )
    rows: dict[str, list[object]] = {}
    for student_id in dict.fromkeys(span[0] for span in ctx.spans):
        st = ctx.students.get(student_id)
        rows[student_id] = [student_id, st.name if st else "",
                            ctx.hub_name(st.hub_id if st else None), st.grade if st else "",
                            *([0] * len(dates))]  # fmt: skip
    # A second presence the same day sets the same 1.
    for session in held:
        column = position[str(session.date)[:10]]
        for student_id in session.students:
            rows[student_id][column] = 1
    sheet.rows = list(rows.values())
    ctx.sort_rows(
        sheet.rows, [(sort_key(str(r[2])), ctx.student_key(str(r[0]))) for r in sheet.rows]
    )
    ctx.step(_("Reading attendance"), 1, 1)
    return [sheet]


KIND = ReportKind(
    name="grid",
    title=lambda: _("Attendance grid"),
    # TRANSLATORS: the report's word in its file name: lowercase, hyphens for spaces
    file_word=lambda: _("attendance-grid"),
    description=lambda: _("One row per student, one column per date: 1 present, 0 not."),
    sheets=sheets,
    run=run,
)
