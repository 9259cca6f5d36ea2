"""``engagement``: families reached, performances and masterclasses (docs/REPORTS.md).

Built on :func:`harmony_desktop.services.events.engagement`, the tables behind the
Events exports, run in the report's read snapshot. A guardian of two siblings is one
adult reaching two students (docs/DOMAIN.md, "Family events"); masterclass hours are
kept apart from ensemble hours.
"""

from __future__ import annotations

from harmony_desktop.domain.i18n import _, pgettext
from harmony_desktop.services.events import engagement
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import Column, Format, ReportKind, Sheet


def sheets() -> list[Sheet]:
    """The columns of the ``engagement`` report."""
    return [
        Sheet("family_events", _("Family events"), [
            Column("hub", _("Hub")), Column("date", _("Date"), Format.DATE),
            Column("event", _("Event")), Column("kind", _("Kind")),
            Column("families_reached", _("Families reached"), Format.INT),
            Column("adults", _("Adults"), Format.INT),
            Column("walk_ins", _("Walk-ins"), Format.INT),
        ]),
        Sheet("families_per_hub", _("Families per hub"), [
            Column("hub", _("Hub")), Column("family_events", _("Family events"), Format.INT),
            Column("families_reached", _("Families reached"), Format.INT),
            Column("adult_attendances", _("Adult attendances"), Format.INT),
        ]),
        Sheet("performances", _("Performances"), [
            Column("hub", _("Hub")), Column("date", _("Date"), Format.DATE),
            Column("ensemble", _("Ensemble")), Column("performance", _("Performance")),
            Column("venue", _("Venue")), Column("on_site", _("On site"), Format.BOOL),
            Column("performers", _("Performers"), Format.INT),
            Column("audience", _("Audience"), Format.INT),
        ]),
        Sheet("masterclasses", _("Masterclasses"), [
            Column("hub", _("Hub")), Column("date", _("Date"), Format.DATE),
            Column("masterclass", _("Masterclass")),
            Column("guest_artist", _("Guest artist")), Column("invited", _("Invited")),
            Column("expected", _("Expected"), Format.INT),
            Column("present", pgettext("count", "Present"), Format.INT),
            Column("absent", _("Absent"), Format.INT),
            Column("not_recorded", _("Not recorded"), Format.INT),
            Column("student_hours", _("Student hours"), Format.HOURS),
        ]),
        Sheet("student_hours", _("Student hours"), [
            Column("hub", _("Hub")),
            Column("ensemble_hours", _("Ensemble hours"), Format.HOURS),
            Column("masterclass_hours", _("Masterclass hours"), Format.HOURS),
            Column("performance_hours", _("Performance hours"), Format.HOURS),
        ]),
    ]  # fmt: skip


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``engagement`` sheets."""
    found = sheets()
    hub_id = None if ctx.all_hubs else ctx.hub_ids[0]
    ctx.step(_("Counting families and events"), 0, 1)
    tables = engagement(ctx.session, hub_id, ctx.first, ctx.last, ensemble_id=ctx.ensemble_id)
    for sheet in found:
        sheet.fill(*tables[sheet.key])
    ctx.step(_("Counting families and events"), 1, 1)
    if ctx.ensemble_id is not None:
        ctx.notes.append(
            _(
                "Performances, masterclasses and student hours are the ensemble's; family "
                "events belong to the whole hub."
            )
        )
    return found


KIND = ReportKind(
    name="engagement",
    title=lambda: _("Engagement"),
    # TRANSLATORS: the report's word in its file name: lowercase, hyphens for spaces
    file_word=lambda: _("engagement"),
    description=lambda: _(
        "Families reached and adults per family event and per hub; performances with "
        "performers and audience; masterclasses with attendance; masterclass hours apart "
        "from ensemble hours."
    ),
    sheets=sheets,
    run=run,
)
