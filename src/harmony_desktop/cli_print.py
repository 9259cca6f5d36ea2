"""Command line for scripted roster work: print documents, import and export.

harmony-desktop print roster --ensemble "Beginning Strings" --pdf roster.pdf [--page-size A4]
harmony-desktop print signin --session ID --pdf signin.pdf
harmony-desktop print signin --ensemble NAME --date 2026-09-08 --pdf signin.pdf
harmony-desktop print blank-roll|emergency|no-photo [--ensemble NAME] --pdf out.pdf
harmony-desktop import students.csv [--dry-run] [--strict] [--map "Apellido=legal_last_name"]
harmony-desktop export roster|contacts|attendance --out roster.xlsx [--from D] [--to D]

``--hub NAME-OR-ID`` picks the hub (default: the first one); ``--data-dir`` works as for
the window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _

PRINT_KINDS = ("roster", "signin", "blank-roll", "emergency", "no-photo")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("dates are YYYY-MM-DD, not {text!r}").format(text=text)
        ) from exc


def register_print_commands(sub: Any) -> None:
    """Add the ``print``, ``import`` and ``export`` subcommands to ``sub``."""
    hub_help = _("hub name or id (default: the first hub)")

    printing = sub.add_parser("print", help=_("print a roster document to PDF"))
    printing.add_argument("kind", choices=PRINT_KINDS, help=_("which document"))
    printing.add_argument("--ensemble", help=_("ensemble name or id"))
    printing.add_argument("--session", help=_("session id (sign-in sheet)"))
    printing.add_argument("--date", type=_date, help=_("day of the sheet (default: today)"))
    printing.add_argument("--pdf", required=True, type=Path, help=_("the PDF file to write"))
    printing.add_argument("--page-size", default="Letter", choices=["Letter", "A4", "letter", "a4"])
    printing.add_argument("--hub", default=argparse.SUPPRESS, help=hub_help)
    printing.set_defaults(func=run_print)

    importing = sub.add_parser("import", help=_("import students and contacts (CSV or .xlsx)"))
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
    importing.add_argument("--hub", default=argparse.SUPPRESS, help=hub_help)
    importing.set_defaults(func=run_import)

    exporting = sub.add_parser("export", help=_("export to CSV or .xlsx"))
    exporting.add_argument("kind", choices=["roster", "contacts", "attendance"])
    exporting.add_argument("--out", required=True, type=Path, help=_(".csv or .xlsx file"))
    exporting.add_argument("--from", dest="first", type=_date, help=_("attendance from (date)"))
    exporting.add_argument("--to", dest="last", type=_date, help=_("attendance to (date)"))
    exporting.add_argument("--hub", default=argparse.SUPPRESS, help=hub_help)
    exporting.set_defaults(func=run_export)


def run_print(args: argparse.Namespace) -> int:
    """``harmony-desktop print KIND …``."""
    from harmony_desktop.app import open_app
    from harmony_desktop.printing import render_document
    from harmony_desktop.services.hubs import HubDirectory

    opened = open_app(args.data_dir)
    try:
        directory = HubDirectory(opened.store)
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
        path = render_document(
            args.kind,
            opened.services,
            hub_id=hub_id,
            ensemble_id=ensemble_id,
            session_id=args.session,
            day=args.date,
            pdf_path=args.pdf,
            page_size=args.page_size,
        )
    finally:
        opened.close()
    print(path)
    return 0


def _mapping(headers: list[str], overrides: list[str]) -> dict[int, str | None]:
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
    from harmony_desktop.app import open_app
    from harmony_desktop.services.hubs import HubDirectory
    from harmony_desktop.services.importing import (
        ImportRefused,
        ImportService,
        field_label,
        read_table,
    )

    table = read_table(args.file)
    mapping = _mapping(table.headers, args.map)
    opened = open_app(args.data_dir)
    try:
        hub = HubDirectory(opened.store).find_hub(getattr(args, "hub", None))
        service = ImportService(opened.store)
        print(
            _("Importing {file} into {hub} (read as {encoding}).").format(
                file=args.file.name, hub=hub.name, encoding=table.encoding
            )
        )
        for index, header in enumerate(table.headers):
            target = mapping.get(index)
            print(f"  {header or '?'!s:30} -> {field_label(target) if target else _('(ignored)')}")
        report = service.dry_run(hub.id, table, mapping)
        print(_("Dry run: {summary}").format(summary=report.summary()))
        for rejection in report.rejected:
            print(_("  line {line}: {reason}").format(line=rejection.line, reason=rejection.reason))
        if args.dry_run:
            return 0
        try:
            report = service.apply(hub.id, table, mapping, strict=args.strict)
        except ImportRefused as exc:
            print(str(exc), file=sys.stderr)
            return 1
        print(_("Imported: {summary}").format(summary=report.summary()))
    finally:
        opened.close()
    return 0


def run_export(args: argparse.Namespace) -> int:
    """``harmony-desktop export KIND --out FILE``."""
    from harmony_desktop.app import open_app
    from harmony_desktop.services.exporting import ExportService
    from harmony_desktop.services.hubs import HubDirectory

    opened = open_app(args.data_dir)
    try:
        export = ExportService(opened.store)
        hub = HubDirectory(opened.store).find_hub(getattr(args, "hub", None))
        count = export.export(args.kind, hub.id, args.out, first=args.first, last=args.last)
    finally:
        opened.close()
    print(_("{count} rows written to {path}").format(count=count, path=args.out))
    return 0
