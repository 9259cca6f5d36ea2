"""``harmony-desktop setup``: the programme's set-up from a spreadsheet, and back.

harmony-desktop setup import programme.xlsx [--dry-run]
harmony-desktop setup import hubs.csv staff.csv ensembles.csv calendar.csv [--dry-run]
harmony-desktop setup export programme.xlsx [--lang es]

The sheets (or CSV files) are named Hubs, Staff, Ensembles, Calendar and Terms (or
Sedes, Personal, Conjuntos, Calendario, Periodos); headers in English or Spanish. The dry
run is always printed first; an import with any rejected line writes nothing (exit 1,
on a dry run too). Every file is read before the data folder is opened, so one refused
(exit 2: missing, damaged, no set-up sheet) leaves nothing behind; on a data folder with
no database yet the dry run is made on a temporary one, so a rejected line (or a dry
run) leaves the folder as it was too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from harmony_desktop.cli.common import (
    Subcommands,
    add_dates_option,
    asking_date_order,
    chosen_date_order,
    lang_help,
    open_services,
)
from harmony_desktop.cli.files import print_unmapped
from harmony_desktop.domain import i18n
from harmony_desktop.domain.i18n import _

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services
    from harmony_desktop.services.setup_import import SetupFiles, SetupReport


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
            "Exit status: 0 when every row is imported (on a dry run: would be), 1 when "
            "any row is rejected (then nothing is imported), 2 when a file or the command "
            "is refused (a file that cannot be read leaves the data folder as it was)."
        ),
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help=_("only say what would happen"))
    add_dates_option(importing)
    importing.set_defaults(func=run_setup_import)
    exporting = actions.add_parser(
        "export", parents=[common], help=_("write the set-up to an .xlsx workbook")
    )
    exporting.add_argument("file", type=Path, metavar="FILE.xlsx")
    exporting.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help=lang_help())
    exporting.set_defaults(func=run_setup_export)


def run_setup_import(args: argparse.Namespace) -> int:
    """``harmony-desktop setup import FILE …``: the dry run first, then the import."""
    from harmony_desktop.paths import resolve_paths
    from harmony_desktop.services.setup_import import read_setup

    # Every file is read whole before the data folder is opened: one that is missing,
    # damaged or no set-up at all is refused (exit 2) and leaves nothing behind.
    with asking_date_order():
        files = read_setup(args.files, date_order=chosen_date_order(args))
    fresh = not resolve_paths(getattr(args, "data_dir", None)).database.exists()
    if fresh:
        # No database yet: the dry run is made on a new one of its own, so a rejected
        # line (or --dry-run) leaves the data folder as it was, no database in it.
        refused = _dry_run(_dry_run_on_a_new_database(files), args)
        if refused is not None:
            return refused
    with open_services(args) as services:
        if not fresh:
            refused = _dry_run(services.setup_import.dry_run(files), args)
            if refused is not None:
                return refused
        return _import(services, files)


def _dry_run_on_a_new_database(files: SetupFiles) -> SetupReport:
    """What the import would do on a data folder that has no database yet, found on a
    new database in a temporary folder (removed after): the folder itself is untouched."""
    from harmony_desktop.services.context import Services
    from harmony_desktop.store import Store

    with (
        tempfile.TemporaryDirectory(prefix="harmony-dry-run-", ignore_cleanup_errors=True) as room,
        Store(Path(room) / "harmony.sqlite3") as store,
    ):
        return Services.open(store).setup_import.dry_run(files)


def _dry_run(report: SetupReport, args: argparse.Namespace) -> int | None:
    """Print the dry run; the exit status if the command ends here (``--dry-run``, or a
    line rejected: nothing is imported), None to go on and import."""
    from harmony_desktop.services.setup_import import SetupRefused

    _print_plan(report)
    print(_("Dry run:"))
    print(_indent(report.summary()))
    for note in report.dates:  # how dates like 03/04/2025 are read, before importing
        print(_indent(note))
    for rejection in report.rejected:
        print(f"  {rejection}")
    if args.dry_run:
        return 1 if report.rejected else 0
    if report.rejected:
        print(SetupRefused(report), file=sys.stderr)
        print(
            _("Fix the rows listed above in {files}, then run the same command again.").format(
                files=", ".join(path.name for path in args.files)
            ),
            file=sys.stderr,
        )
        return 1
    return None


def _import(services: Services, files: SetupFiles) -> int:
    """Import the files (the dry run found no line to reject) and say what was done."""
    done = services.setup_import.apply(files)
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
    from harmony_desktop.services.files import check_target

    check_target(args.file)  # a folder that does not exist, say: before the data folder opens
    with open_services(args) as services, i18n.using(getattr(args, "lang", None)):
        path = services.setup_import.export(args.file)
    print(path)
    return 0
