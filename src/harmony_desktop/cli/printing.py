"""``harmony-desktop print``: roster documents to PDF, from a script or a scheduled task.

harmony-desktop print roster --ensemble "Beginning Strings" --pdf roster.pdf [--page-size A4]
harmony-desktop print signin --session ID --pdf signin.pdf
harmony-desktop print signin --ensemble NAME --date 2026-09-08 --pdf signin.pdf [--any-day]
harmony-desktop print signin --ensemble NAME --date 2026-09-08 --pdf hoja.pdf --lang es
harmony-desktop print blank-roll|emergency|no-photo [--ensemble NAME] --pdf out.pdf

``--hub NAME-OR-ID`` picks the hub (default: the first one); ``--lang en|es`` the
document's language (default: the app's). A sign-in sheet is for a day the ensemble
meets: another day is refused (naming the next meetings) unless ``--any-day`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from harmony_desktop.cli.common import Subcommands, date_arg, hub_help, lang_help, open_services
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import LANGUAGES, _

PRINT_KINDS = ("roster", "signin", "blank-roll", "emergency", "no-photo")


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``print``."""
    printing = sub.add_parser("print", parents=[common], help=_("print a roster document to PDF"))
    printing.add_argument("kind", choices=PRINT_KINDS, help=_("which document"))
    printing.add_argument("--ensemble", metavar=_("ENSEMBLE"), help=_("ensemble name or id"))
    printing.add_argument("--session", metavar="ID", help=_("session id (sign-in sheet)"))
    printing.add_argument(
        "--date", type=date_arg, metavar=_("DATE"), help=_("day of the sheet (default: today)")
    )
    printing.add_argument(
        "--any-day",
        action="store_true",
        help=_("print a sign-in sheet even for a day the ensemble does not meet"),
    )
    printing.add_argument(
        "--pdf", required=True, type=Path, metavar=_("FILE"), help=_("the PDF file to write")
    )
    printing.add_argument(
        "--page-size",
        default="Letter",
        choices=["Letter", "A4", "letter", "a4"],
        help=_("paper size (default: Letter)"),
    )
    printing.add_argument("--hub", default=argparse.SUPPRESS, metavar=_("HUB"), help=hub_help())
    printing.add_argument("--lang", choices=tuple(LANGUAGES), help=lang_help())
    printing.set_defaults(func=run_print)


def run_print(args: argparse.Namespace) -> int:
    """``harmony-desktop print KIND …``: render the document, print the PDF's path."""
    from harmony_desktop.printing import check_meeting_day, render_document
    from harmony_desktop.services.files import check_target

    check_target(args.pdf)  # a folder that does not exist, say: before the data folder opens
    with open_services(args) as services:
        directory = services.hubs
        hub_id = directory.find_hub(getattr(args, "hub", None)).id
        ensemble_id = None
        if args.ensemble:
            ensemble = directory.find_ensemble(
                hub_id if getattr(args, "hub", None) else None, args.ensemble
            )
            ensemble_id, hub_id = ensemble.id, ensemble.hub_id
        if args.kind in ("roster", "blank-roll") and not ensemble_id:
            raise ValidationError(_("Give the ensemble: --ensemble NAME-OR-ID"))
        if args.kind == "signin" and not (ensemble_id or args.session):
            raise ValidationError(_("Give --session ID, or --ensemble NAME and --date."))
        if args.kind == "signin" and ensemble_id and not args.session and not args.any_day:
            check_meeting_day(
                services, hub_id, directory.ensemble(ensemble_id), args.date or dt.date.today()
            )
        path = render_document(
            args.kind,
            services,
            hub_id=hub_id,
            ensemble_id=ensemble_id,
            session_id=args.session,
            day=args.date,
            pdf_path=args.pdf,
            page_size=args.page_size,
            language_code=args.lang,
        )
    print(path)
    return 0
