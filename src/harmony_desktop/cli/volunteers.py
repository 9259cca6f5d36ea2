"""``harmony-desktop volunteers …`` and ``harmony-desktop events …``: for the volunteer
coordinator's scheduled tasks and the programme's engagement figures.

harmony-desktop volunteers expiring --within 30 [--out FILE] [--hub NAME|all] [--lang es]
harmony-desktop volunteers import FILE [--dry-run] [--strict] [--hub NAME]
harmony-desktop volunteers export hours|clearances|summary --out FILE [--from D] [--to D]
    [--lang es]
harmony-desktop events export families|families-per-hub|performances|masterclasses|student-hours
    --out FILE [--from D] [--to D] [--hub NAME|all]

``--lang`` writes the list or the file in that language (default: the app's), the
clearance kinds every programme starts with included, as the window shows them.

Written files (.csv or .xlsx) hold people's names: they are readable only by their
owner. ``--hub all`` covers every hub on this laptop; the default is the first hub.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harmony_desktop.cli.common import (
    Subcommands,
    add_dates_option,
    asking_date_order,
    chosen_date_order,
    date_arg,
    lang_help,
    open_services,
)
from harmony_desktop.cli.files import import_exit_help, imported_status
from harmony_desktop.domain import i18n
from harmony_desktop.domain.i18n import _, ngettext

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services

VOLUNTEER_TABLES = ("hours", "clearances", "summary")
EVENT_TABLES = {
    "families": "family_events",
    "families-per-hub": "families_per_hub",
    "performances": "performances",
    "masterclasses": "masterclasses",
    "student-hours": "student_hours",
}


def _hub_option(parser: argparse.ArgumentParser, *, allow_all: bool = True) -> None:
    parser.add_argument(
        "--hub",
        default=argparse.SUPPRESS,
        help=_("hub name or id, or 'all' for every hub (default: the first hub)")
        if allow_all
        else _("hub name or id (default: the first hub)"),
    )


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="first", type=date_arg, help=_("from (date; default a year ago)")
    )
    parser.add_argument("--to", dest="last", type=date_arg, help=_("to (date; default today)"))


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``volunteers`` and ``events``."""
    volunteers = sub.add_parser(
        "volunteers", parents=[common], help=_("volunteers and their clearances")
    )
    vsub = volunteers.add_subparsers(dest="action", metavar="ACTION", required=True)

    expiring = vsub.add_parser("expiring", parents=[common], help=_("clearances expiring soon"))
    expiring.add_argument(
        "--within", type=int, default=30, metavar="DAYS", help=_("days ahead (default 30)")
    )
    expiring.add_argument("--out", type=Path, help=_("also write the list to a .csv or .xlsx file"))
    _hub_option(expiring)
    expiring.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help=lang_help())
    expiring.set_defaults(func=run_expiring)

    importing = vsub.add_parser(
        "import",
        parents=[common],
        help=_("import volunteers (CSV or .xlsx)"),
        epilog=import_exit_help(),
    )
    importing.add_argument("file", type=Path)
    importing.add_argument("--dry-run", action="store_true", help=_("only say what would happen"))
    importing.add_argument(
        "--strict", action="store_true", help=_("import nothing if any row is rejected")
    )
    _hub_option(importing, allow_all=False)
    add_dates_option(importing)
    importing.set_defaults(func=run_import)

    exporting = vsub.add_parser(
        "export", parents=[common], help=_("hours, clearances or a summary")
    )
    exporting.add_argument("kind", choices=VOLUNTEER_TABLES)
    exporting.add_argument("--out", required=True, type=Path, help=_(".csv or .xlsx file"))
    _period(exporting)
    _hub_option(exporting)
    exporting.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help=lang_help())
    exporting.set_defaults(func=run_volunteer_export)

    events = sub.add_parser(
        "events", parents=[common], help=_("family events, performances and masterclasses")
    )
    esub = events.add_subparsers(dest="action", metavar="ACTION", required=True)
    report = esub.add_parser("export", parents=[common], help=_("engagement figures to a file"))
    report.add_argument("kind", choices=list(EVENT_TABLES))
    report.add_argument("--out", required=True, type=Path, help=_(".csv or .xlsx file"))
    _period(report)
    _hub_option(report)
    report.set_defaults(func=run_event_export)


def _hub_scope(services: Services, args: argparse.Namespace) -> tuple[str | None, str]:
    """(hub id or None for every hub, the name to print)."""
    wanted = getattr(args, "hub", None)
    if wanted is not None and wanted.strip().casefold() in ("all", "todos", "todas"):
        return None, _("every hub")
    hub = services.hubs.find_hub(wanted)
    return hub.id, hub.name


def _dates(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    last = args.last or dt.date.today()
    first = args.first or last - dt.timedelta(days=365)
    return first, last


def run_expiring(args: argparse.Namespace) -> int:
    """``harmony-desktop volunteers expiring``: one line per clearance, soonest first
    (the list and its file in ``--lang``)."""
    from harmony_desktop.services.files import check_target
    from harmony_desktop.services.volunteers import (
        clearance_state_label,
        table_title,
        write_private_table,
    )

    if args.out:
        check_target(args.out)  # a folder, say: refused before the list is printed
    # (the language once the services are open: they set the app's, which --lang overrides)
    with open_services(args) as services, i18n.using(args.lang):
        hub_id, hub_name = _hub_scope(services, args)
        found = services.volunteers.expiring(hub_id, within_days=args.within)
        print(
            ngettext(
                "{count} clearance of {hub} expired or expiring within {days} days.",
                "{count} clearances of {hub} expired or expiring within {days} days.",
                len(found),
            ).format(count=len(found), hub=hub_name, days=args.within)
        )
        rows: list[list[Any]] = []
        for e in found:
            when = (
                _("expired {days} days ago").format(days=-e.days_left)
                if e.days_left < 0
                else _("in {days} days").format(days=e.days_left)
            )
            print(f"  {e.expires_on.isoformat()}  {when:<22} {e.kind_label:<32} {e.volunteer_name}")
            state = clearance_state_label(e.state)
            rows.append([e.volunteer_name, e.kind_label, e.expires_on, e.days_left, state, e.hubs])
        if args.out:
            headers = [
                _("Volunteer"),
                _("Clearance"),
                _("Expires"),
                _("Days left"),
                _("State"),
                _("Hubs"),
            ]
            write_private_table(args.out, headers, rows, title=table_title("expiring"))
            print(_written(len(rows), args.out))
    return 0


def run_import(args: argparse.Namespace) -> int:
    """``harmony-desktop volunteers import FILE``: the dry run is always printed first."""
    from harmony_desktop.services.importing import ImportRefused, read_table

    table = read_table(args.file)
    with open_services(args) as services:
        hub = services.hubs.find_hub(getattr(args, "hub", None))
        importer = services.volunteer_import
        mapping = importer.mapping(table.headers)
        print(
            _("Importing volunteers from {file} into {hub} (read as {encoding}).").format(
                file=args.file.name, hub=hub.name, encoding=table.encoding
            )
        )
        labels = _target_labels(services)
        ignored = _("(ignored)")  # (outside the f-string, where xgettext finds it)
        for index, header in enumerate(table.headers):
            target = mapping.get(index)
            print(f"  {header or '?'!s:30} -> {labels.get(target or '', ignored)}")
        order = chosen_date_order(args)
        with asking_date_order():
            report = importer.dry_run(hub.id, table, date_order=order)
        print(_("Dry run: {summary}").format(summary=report.summary()))
        for note in report.dates:  # how dates like 03/04/2014 are read, before importing
            print(note)
        for rejection in report.rejected:
            print(_("  row {row}: {reason}").format(row=rejection.line, reason=rejection.reason))
        if args.dry_run:
            return 1 if report.rejected else 0
        try:
            report = importer.apply(hub.id, table, strict=args.strict, date_order=order)
        except ImportRefused as exc:
            print(str(exc), file=sys.stderr)
            return 1
        print(_("Imported: {summary}").format(summary=report.summary()))
    return imported_status(len(report.rejected))


def _target_labels(services: Services) -> dict[str, str]:
    """What each import target is called, for the column list."""
    labels = {
        "first_name": _("first name"),
        "last_name": _("last name"),
        "full_name": _("full name"),
        "preferred_name": _("preferred name"),
        "email": _("e-mail"),
        "phone": _("phone"),
        "address": _("address"),
        "organisation": _("organisation"),
        "skills": _("skills"),
        "instruments": _("instruments"),
        "role": _("role"),
        "status": _("status"),
        "hubs": _("hubs assisted"),
    }
    from harmony_desktop.services.volunteers import clearance_label

    for kind in services.volunteers.kinds(include_inactive=True):
        label = clearance_label(kind.label)  # a default kind's in the app's language
        labels[f"done:{kind.id}"] = _("{kind}: date done").format(kind=label)
        labels[f"expires:{kind.id}"] = _("{kind}: expires").format(kind=label)
    return labels


def run_volunteer_export(args: argparse.Namespace) -> int:
    """``harmony-desktop volunteers export KIND --out FILE``, in ``--lang``."""
    from harmony_desktop.services.files import check_target
    from harmony_desktop.services.volunteers import table_title, write_private_table

    first, last = _dates(args)
    check_target(args.out)  # a folder that does not exist, say: before the data folder opens
    with open_services(args) as services:
        hub_id, _name = _hub_scope(services, args)
        volunteers = services.volunteers
        with i18n.using(args.lang):
            if args.kind == "hours":
                headers, rows = volunteers.hours_table(hub_id, first, last)
            elif args.kind == "clearances":
                headers, rows = volunteers.clearance_table(hub_id)
            else:
                headers, rows = volunteers.summary_table(hub_id, first, last)
            write_private_table(args.out, headers, rows, title=table_title(args.kind))
    print(_written(len(rows), args.out))
    return 0


def run_event_export(args: argparse.Namespace) -> int:
    """``harmony-desktop events export KIND --out FILE``."""
    from harmony_desktop.services.files import check_target
    from harmony_desktop.services.volunteers import write_private_table

    first, last = _dates(args)
    check_target(args.out)  # a folder that does not exist, say: before the data folder opens
    with open_services(args) as services:
        hub_id, _name = _hub_scope(services, args)
        headers, rows = services.events.engagement_tables(hub_id, first, last)[
            EVENT_TABLES[args.kind]
        ]
    write_private_table(args.out, headers, rows, title=args.kind.capitalize())
    print(_written(len(rows), args.out))
    return 0


def _written(count: int, path: object) -> str:
    return ngettext(
        "{count} row written to {path}", "{count} rows written to {path}", count
    ).format(count=count, path=path)
