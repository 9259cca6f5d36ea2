"""``volunteers``: volunteer hours, headcounts and clearances (docs/REPORTS.md).

Built on the tables behind the Volunteers tab's exports
(:func:`harmony_desktop.services.volunteers.volunteer_hours`, ``volunteer_summary``,
``clearance_status``), run in the report's read snapshot, so the report and the exports
cannot disagree. Only attended shifts count hours; a volunteer assisting at two hubs
counts at both.
"""

from __future__ import annotations

from harmony_desktop.domain.i18n import _, format_date, pgettext
from harmony_desktop.services.reports.context import SCOPE_DATE, ReportContext
from harmony_desktop.services.reports.model import Column, Format, ReportKind, Sheet
from harmony_desktop.services.volunteers import (
    clearance_status,
    volunteer_hours,
    volunteer_summary,
)


def sheets() -> list[Sheet]:
    """The columns of the ``volunteers`` report."""
    return [
        Sheet("hours", _("Hours per volunteer"), [
            Column("volunteer", _("Volunteer")), Column("role", _("Role")),
            Column("hub", _("Hub")), Column("month", _("Month"), Format.MONTH),
            Column("sessions_of", _("Sessions of")),
            Column("shifts", _("Shifts"), Format.INT),
            Column("hours", _("Hours"), Format.HOURS),
        ]),
        Sheet("by_hub", _("Volunteers per hub"), [
            Column("hub", _("Hub")), Column("active", pgettext("count", "Active"), Format.INT),
            Column("active_teaching_assistants", _("Active teaching assistants"), Format.INT),
            Column("prospects", _("Prospects"), Format.INT),
            Column("inactive", pgettext("count", "Inactive"), Format.INT),
            Column("active_cleared", _("Active and cleared"), Format.INT),
            Column("active_not_cleared", _("Active, not cleared"), Format.INT),
            Column("clearances_expiring", _("Clearances expiring within 30 days"), Format.INT),
            Column("hours", _("Hours"), Format.HOURS),
        ]),
        Sheet("clearances", _("Clearances"), [
            Column("volunteer", _("Volunteer")), Column("status", _("Status")),
            Column("cleared", _("Cleared"), Format.BOOL), Column("clearance", _("Clearance")),
            Column("done_on", _("Done"), Format.DATE),
            Column("expires_on", _("Expires"), Format.DATE),
            Column("state", _("State")),
        ]),
    ]  # fmt: skip


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``volunteers`` sheets."""
    hours, by_hub, clearances = sheets()
    hub_id = None if ctx.all_hubs else ctx.hub_ids[0]
    s = ctx.session
    ctx.step(_("Counting volunteer hours"), 0, 3)
    hours.fill(
        *volunteer_hours(s, hub_id, ctx.first, ctx.last, ensemble_id=ctx.ensemble_id, exact=True)
    )
    ctx.step(_("Counting volunteers"), 1, 3)
    by_hub.fill(
        *volunteer_summary(s, hub_id, ctx.first, ctx.last, ctx.today, ensemble_id=ctx.ensemble_id)
    )
    ctx.step(_("Checking clearances"), 2, 3)
    clearances.fill(*clearance_status(s, hub_id, ctx.today))
    ctx.step(_("Checking clearances"), 3, 3)
    if ctx.ensemble_id is not None:
        ctx.notes.append(
            _(
                "Hours count only the ensemble's sessions; volunteers and clearances are "
                "the whole hub's."
            )
        )
    ctx.notes.append(
        _("Clearances stand as on {today}; only attended shifts count hours.").format(
            today=format_date(ctx.today, SCOPE_DATE)
        )
    )
    return [hours, by_hub, clearances]


KIND = ReportKind(
    name="volunteers",
    title=lambda: _("Volunteers"),
    # TRANSLATORS: the report's word in its file name: lowercase, hyphens for spaces
    file_word=lambda: _("volunteers"),
    description=lambda: _(
        "Volunteer hours per volunteer, hub and month (attended shifts only); active "
        "volunteers and teaching assistants per hub; every volunteer's clearances."
    ),
    sheets=sheets,
    run=run,
)
