"""``harmony-desktop new-year``: move students up a grade for the programme year on now.

harmony-desktop new-year [--hub NAME] [--dry-run] [--move-unknown] [--yes]

What would happen is always printed first: who moves up, who finishes school (grade 12:
becomes inactive), who would be outside their ensemble's grades (listed, not changed),
who has no grade. Then one question (or ``--yes``), and one write. Refused (exit 2)
before the year's first day. A student whose grade is already this year's is not moved
again, so running it twice (or on two laptops) moves nobody up two grades.
"""

from __future__ import annotations

import argparse
import sys

from harmony_desktop.cli.common import Subcommands, open_services
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``new-year``."""
    new_year = sub.add_parser(
        "new-year",
        parents=[common],
        help=_("move students up a grade for the programme year that has begun"),
        epilog=_(
            "Exit status: 0 when the students are moved (on a dry run: when they could be), "
            "1 when the question is answered no, 2 when it is refused (before the year begins)."
        ),
    )
    new_year.add_argument(
        "--hub", default=argparse.SUPPRESS, help=_("only this hub (name or id; default: every hub)")
    )
    new_year.add_argument(
        "--year", default=None, help=_('the programme year, like "2026-27" (default: this one)')
    )
    new_year.add_argument("--dry-run", action="store_true", help=_("only say what would happen"))
    new_year.add_argument(
        "--move-unknown",
        action="store_true",
        help=_(
            "also move up students whose grade has no recorded school year, taking it as"
            " last year's (without it they are left alone)"
        ),
    )
    new_year.add_argument("--yes", action="store_true", help=_("do not ask before moving them up"))
    new_year.set_defaults(func=run_new_year)


def run_new_year(args: argparse.Namespace) -> int:
    """Print the preview, ask once, move the students up in one write."""
    with open_services(args) as services:
        wanted = getattr(args, "hub", None)
        hubs = [services.hubs.find_hub(wanted)] if wanted else services.hubs.hubs()
        if not hubs:
            services.hubs.find_hub(None)  # says what to do on a new data folder
        service = services.new_year
        year = args.year or service.current_year()
        refused = service.refusal(year)
        if refused is not None:
            raise ValidationError(refused, "year")
        move_unknown = args.move_unknown
        plan = service.preview(year, [h.id for h in hubs], move_unknown=move_unknown)
        print(
            _("Move students up a grade for {year} ({hubs}):").format(
                year=year, hubs=", ".join(h.name for h in hubs)
            )
        )
        for line in plan.summary():
            print("  " + line)
        for move in plan.finishing:
            print("  " + _("Finishes school: {name} ({hub})").format(name=move.name, hub=move.hub))
        for item in plan.outside:
            print(
                "  "
                + _("Outside the ensemble's grades: {what}").format(what=plan.outside_text(item))
            )
        if plan.unknown_left:
            print(
                _(
                    "If the grades with no recorded school year are last year's, run it again"
                    " with --move-unknown to move those students up too."
                )
            )
        if args.dry_run or not plan.changes:
            if not plan.changes:
                print(_("Nothing to do."))
            return 0
        if not args.yes:
            question = _("Make these changes now? [y/N] ")
            answer = input(question) if sys.stdin.isatty() else ""
            if answer.strip().casefold() not in ("y", "yes", "s", "sí", "si"):
                print(_("Nothing was changed (answer yes, or give --yes)."))
                return 1
        done = service.apply(year, [h.id for h in hubs], move_unknown=move_unknown)
        print(
            _("Done: {moved} moved up, {finished} finished school.").format(
                moved=len(done.moving), finished=len(done.finishing)
            )
        )
        return 0
