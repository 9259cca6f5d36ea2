"""``harmony-desktop setup``: the programme's set-up from a spreadsheet, and back.

harmony-desktop setup import programme.xlsx [--dry-run]
harmony-desktop setup import hubs.csv staff.csv ensembles.csv calendar.csv [--dry-run]
harmony-desktop setup export programme.xlsx [--lang es]

The sheets (or CSV files) are named Hubs, Staff, Ensembles, Calendar and Terms (or
Sedes, Personal, Conjuntos, Calendario, Periodos); headers in English or Spanish. The dry
run is always printed first; an import with any rejected line writes nothing (exit 1,
on a dry run too). Every file is read before the data folder is opened, so one refused
(exit 2: missing, damaged, no set-up sheet) leaves nothing behind.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harmony_desktop.cli.common import Subcommands, lang_help, open_services
from harmony_desktop.cli.files import print_unmapped
from harmony_desktop.domain import i18n
from harmony_desktop.domain.i18n import _


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``setup import`` and ``setup export``."""
    setup = sub.add_parser(
        "setup", parents=[common], help=_("the programme's hubs, staff, ensembles and calendar")
    )
    actions = setup.add_subparsers(dest="setup_command", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        parents=[common],
        help=_("import a set-up workbook (.xlsx) or CSV files"),
        epilog=_(
            "Exit status: 0 when every line is imported (on a dry run: would be), 1 when "
            "any line is rejected (then nothing is imported), 2 when a file or the command "
            "is refused (a file that cannot be read leaves the data folder as it was)."
        ),
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help=_("only say what would happen"))
    importing.set_defaults(func=run_setup_import)
    exporting = actions.add_parser(
        "export", parents=[common], help=_("write the set-up to an .xlsx workbook")
    )
    exporting.add_argument("file", type=Path, metavar="FILE.xlsx")
    exporting.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help=lang_help())
    exporting.set_defaults(func=run_setup_export)


def run_setup_import(args: argparse.Namespace) -> int:
    """``harmony-desktop setup import FILE …``: the dry run first, then the import."""
    from harmony_desktop.services.setup_import import SetupRefused, SetupReport, read_setup

    # Every file is read whole before the data folder is opened: one that is missing,
    # damaged or no set-up at all is refused (exit 2) and leaves nothing behind.
    files = read_setup(args.files)
    with open_services(args) as services:
        importer = services.setup_import
        report = importer.dry_run(files)
        _print_plan(report)
        print(_("Dry run:"))
        print(_indent(report.summary()))
        for rejection in report.rejected:
            print(f"  {rejection}")
        if args.dry_run:
            return 1 if report.rejected else 0
        if report.rejected:
            print(SetupRefused(report), file=sys.stderr)
            return 1
        done: SetupReport = importer.apply(files)
        print(_("Imported:"))
        print(_indent(done.summary()))
    return 0


def _print_plan(report: object) -> None:
    from harmony_desktop.services.setup_import import SetupReport, column_label, sheet_label

    assert isinstance(report, SetupReport)
    for sheet in report.sheets:
        print(
            _("{sheet} (from {source}):").format(
                sheet=sheet_label(sheet.sheet), source=sheet.source
            )
        )
        for index, header in enumerate(sheet.headers):
            target = sheet.mapping.get(index)
            if target:
                print(f"  {header!s:30} -> {column_label(sheet.sheet, target)}")
        print_unmapped(sheet.unmapped)
    for source in report.ignored:
        print(
            _("Left out: {source} is none of Hubs, Staff, Ensembles, Calendar or Terms.").format(
                source=source
            )
        )


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def run_setup_export(args: argparse.Namespace) -> int:
    """``harmony-desktop setup export FILE.xlsx [--lang es]``: sheets and headers in the
    language asked for (default: the app's), which the import reads back."""
    with open_services(args) as services, i18n.using(getattr(args, "lang", None)):
        path = services.setup_import.export(args.file)
    print(path)
    return 0
