"""``harmony-desktop import`` and ``harmony-desktop export``: students in, tables out.

harmony-desktop import students.csv [--dry-run] [--strict] [--map "Apellido=legal_last_name"]
harmony-desktop export roster|contacts|attendance --out roster.xlsx [--from D] [--to D] [--lang es]

The dry run of an import is always printed first; ``--strict`` imports nothing at all
if any row is rejected. ``--hub NAME-OR-ID`` picks the hub (default: the first one).
An import exits 0 when every row is (or, on a dry run, would be) imported, 1 when any row
is rejected, on a dry run too (as ``setup import`` does), and 2 when the file or the
command is refused: a script can tell a clean file from one with rejected rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from harmony_desktop.cli.common import (
    Subcommands,
    add_dates_option,
    asking_date_order,
    chosen_date_order,
    date_arg,
    hub_help,
    lang_help,
    open_services,
)
from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _, ngettext

if TYPE_CHECKING:
    from harmony_desktop.services.importing import Rejection


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``import`` and ``export``."""
    importing = sub.add_parser(
        "import",
        parents=[common],
        help=_("import students and contacts (CSV or .xlsx)"),
        epilog=import_exit_help(),
    )
    importing.add_argument("file", type=Path)
    importing.add_argument("--dry-run", action="store_true", help=_("only say what would happen"))
    importing.add_argument(
        "--strict", action="store_true", help=_("import nothing if any row is rejected")
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help=_("map a column to a field (FIELD 'ignore' skips it); repeatable"),
    )
    importing.add_argument("--hub", default=argparse.SUPPRESS, help=hub_help())
    add_dates_option(importing)
    importing.set_defaults(func=run_import)

    exporting = sub.add_parser("export", parents=[common], help=_("export to CSV or .xlsx"))
    exporting.add_argument("kind", choices=["roster", "contacts", "attendance"])
    exporting.add_argument("--out", required=True, type=Path, help=_(".csv or .xlsx file"))
    exporting.add_argument("--from", dest="first", type=date_arg, help=_("attendance from (date)"))
    exporting.add_argument("--to", dest="last", type=date_arg, help=_("attendance to (date)"))
    exporting.add_argument("--hub", default=argparse.SUPPRESS, help=hub_help())
    exporting.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help=lang_help())
    exporting.set_defaults(func=run_export)


def import_exit_help() -> str:
    """What the exit status of ``import`` says (its ``--help``)."""
    return _(
        "Exit status: 0 when every row is imported (on a dry run: would be), 1 when any "
        "row is rejected (on a dry run too; without --strict the other rows are still "
        "imported), 2 when the file or the command is refused."
    )


def column_mapping(headers: list[str], overrides: list[str]) -> dict[int, str | None]:
    """The guessed column → field mapping, with each ``HEADER=FIELD`` override applied."""
    from harmony_desktop.services.importing import (
        FIELD_ALIASES,
        guess_mapping,
        normalise_header,
    )

    mapping = guess_mapping(headers)
    for item in overrides:
        header, sep, target = item.partition("=")
        if not sep:
            raise ValidationError(_("--map takes HEADER=FIELD, not {item!r}").format(item=item))
        matches = [
            i for i, h in enumerate(headers) if normalise_header(h) == normalise_header(header)
        ]
        if not matches:
            raise ValidationError(
                _("The file has no column {header!r}.").format(header=header.strip())
            )
        target = target.strip()
        if target.casefold() in ("", "ignore", "none"):
            mapping[matches[0]] = None
        elif target not in FIELD_ALIASES:
            raise ValidationError(
                _("Unknown field {field!r}. Fields: {fields}").format(
                    field=target, fields=", ".join(FIELD_ALIASES)
                )
            )
        else:
            mapping = {i: (None if t == target else t) for i, t in mapping.items()}
            mapping[matches[0]] = target
    return mapping


def run_import(args: argparse.Namespace) -> int:
    """``harmony-desktop import FILE …``: the dry run is always printed first."""
    from harmony_desktop.services.importing import ImportRefused, field_label, read_table

    table = read_table(args.file)
    mapping = column_mapping(table.headers, args.map)
    with open_services(args) as services:
        hub = services.hubs.find_hub(getattr(args, "hub", None))
        importer = services.importing
        print(
            _("Importing {file} into {hub} (read as {encoding}).").format(
                file=args.file.name, hub=hub.name, encoding=table.encoding
            )
        )
        ignored = _("(ignored)")  # (outside the f-string, where xgettext finds it)
        for index, header in enumerate(table.headers):
            target = mapping.get(index)
            print(f"  {header or '?'!s:30} -> {field_label(target) if target else ignored}")
        order = chosen_date_order(args)
        with asking_date_order():
            report = importer.dry_run(hub.id, table, mapping, date_order=order)
        print_unmapped(report.unmapped)
        print(_("Dry run: {summary}").format(summary=report.summary()))
        for note in report.dates:  # how dates like 03/04/2014 are read, before importing
            print(note)
        for rejection in report.rejected:
            print(_("  row {row}: {reason}").format(row=rejection.line, reason=rejection.reason))
        print_warnings(report.warnings)
        if args.dry_run:
            return 1 if report.rejected else 0
        try:
            report = importer.apply(hub.id, table, mapping, strict=args.strict, date_order=order)
        except ImportRefused as exc:
            print(str(exc), file=sys.stderr)
            return 1
        print(_("Imported: {summary}").format(summary=report.summary()))
    return imported_status(len(report.rejected))


def imported_status(rejected: int) -> int:
    """The exit status of a real import: 1, said on stderr, when ``rejected`` rows were
    left out (the rest is imported, and a script hears it), else 0."""
    if not rejected:
        return 0
    print(
        ngettext(
            "{count} row was rejected and not imported (see above).",
            "{count} rows were rejected and not imported (see above).",
            rejected,
        ).format(count=rejected),
        file=sys.stderr,
    )
    return 1


def print_warnings(warnings: list[Rejection]) -> None:
    """Say which rows are imported all the same but are worth a look (a grade far from
    the child's age), one line each."""
    if warnings:
        print(_("To check (imported all the same):"))
    for warning in warnings:
        print(_("  row {row}: {reason}").format(row=warning.line, reason=warning.reason))


def print_unmapped(columns: list[str]) -> None:
    """Say which columns an import leaves out, and how to keep one."""
    if columns:
        print(
            _(
                "Not imported (no field matches): {columns}. If one holds something to keep, "
                'map it with --map "HEADER=FIELD".'
            ).format(columns=", ".join(columns))
        )


def run_export(args: argparse.Namespace) -> int:
    """``harmony-desktop export KIND --out FILE``."""
    from harmony_desktop.services.files import check_target

    check_target(args.out)  # a folder that does not exist, say: before the data folder opens
    with open_services(args) as services:
        hub = services.hubs.find_hub(getattr(args, "hub", None))
        with i18n.using(args.lang):
            count = services.exporting.export(
                args.kind, hub.id, args.out, first=args.first, last=args.last
            )
    print(
        ngettext("{count} row written to {path}", "{count} rows written to {path}", count).format(
            count=count, path=args.out
        )
    )
    return 0
