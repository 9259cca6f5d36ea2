"""``harmony-desktop report``: a report to .csv, .xlsx or .pdf (docs/REPORTS.md).

harmony-desktop report KIND [--hub NAME|all] [--ensemble NAME] [--from YYYY-MM-DD]
                            [--to YYYY-MM-DD] [--year 2025-26] --out FILE.csv|.xlsx|.pdf

KIND is one of the report kinds (``harmony-desktop report --help`` lists them).
``--hub all`` (the default) covers every hub in this database. Without dates a report
covers the programme year to date (retention, ases and leap: the whole year).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from harmony_desktop.cli.common import Subcommands, date_arg, lang_help, open_services
from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _

OUT_SUFFIXES = (".csv", ".xlsx", ".pdf")


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``report``."""
    report = sub.add_parser(
        "report", parents=[common], help=_("a report (attendance, hours, …) to .csv/.xlsx/.pdf")
    )
    report.declare_later(_declare)
    report.set_defaults(func=run_report)


def _declare(report: argparse.ArgumentParser) -> None:
    from harmony_desktop.services.reports.registry import kinds

    report.add_argument("kind", choices=list(kinds()), help=_("which report (listed below)"))
    # A new user's first question is what each kind is and which days it covers.
    report.formatter_class = argparse.RawDescriptionHelpFormatter
    report.epilog = _kinds_help()
    report.add_argument(
        "--hub",
        default="all",
        metavar=_("HUB"),
        help=_("hub name or id, or all (default: every hub)"),
    )
    report.add_argument(
        "--ensemble", metavar=_("ENSEMBLE"), help=_("only this ensemble (name or id)")
    )
    report.add_argument(
        "--from", dest="first", type=date_arg, metavar=_("DATE"), help=_("first day (YYYY-MM-DD)")
    )
    report.add_argument(
        "--to", dest="last", type=date_arg, metavar=_("DATE"), help=_("last day (YYYY-MM-DD)")
    )
    report.add_argument("--year", metavar=_("YEAR"), help=_("programme year, like 2025-26"))
    report.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar=_("FILE"),
        help=_("the file to write: .csv, .xlsx or .pdf"),
    )
    report.add_argument(
        "--page-size",
        default="Letter",
        choices=["Letter", "A4", "letter", "a4"],
        help=_("paper size (default: Letter)"),
    )
    report.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help=lang_help())


def _kinds_help() -> str:
    """The report kinds, each with what it holds, and the days a report covers."""
    import textwrap

    from harmony_desktop.services.reports.registry import kinds

    lines = [_("Reports:")]
    for name, kind in kinds().items():
        lines += textwrap.wrap(
            f"{kind.title()}. {kind.description()}",
            width=79,
            initial_indent=f"  {name:<12}",
            subsequent_indent=" " * 14,
        )
    lines.append("")
    lines += textwrap.wrap(
        _(
            "The days: --year picks a programme year (2025-26); --from and --to narrow it or"
            " replace it. With none of them a report covers this programme year to date;"
            " ases and leap the whole of this year, and retention the whole of the previous"
            " year (it compares a year with the next)."
        ),
        width=79,
    )
    return "\n".join(lines)


def run_report(args: argparse.Namespace) -> int:
    """Run the report, write it, print where it went and how many rows it has."""
    from harmony_desktop.services.reports import ReportParams

    out = Path(args.out)
    if out.suffix.casefold() not in OUT_SUFFIXES:
        raise ValidationError(
            _("Reports are written to .csv, .xlsx or .pdf files, not {name!r}.").format(
                name=out.name
            )
        )
    from harmony_desktop.services.files import check_target

    check_target(out)  # a folder that does not exist, say: before the data folder opens
    with open_services(args) as services:
        hub_id = None
        if args.hub and args.hub.casefold() != "all":
            hub_id = services.hubs.find_hub(args.hub).id
        ensemble_id = None
        if args.ensemble:
            ensemble = services.hubs.find_ensemble(hub_id, args.ensemble)
            ensemble_id, hub_id = ensemble.id, ensemble.hub_id
        params = ReportParams(
            hub_id=hub_id, ensemble_id=ensemble_id, first=args.first, last=args.last,
            year=args.year,
        )  # fmt: skip
        pdf = out.suffix.casefold() == ".pdf"
        with i18n.using(args.lang):  # the report's words, dates and times
            report = services.reports.run(args.kind, params, charts=pdf)
            if pdf:
                from harmony_desktop.printing.language import document_language
                from harmony_desktop.printing.reports import render_report_pdf

                with document_language(args.lang):
                    render_report_pdf(report, out, page_size=args.page_size)
            else:
                services.reports.export(report, out)
    print(f"{out}\t{report.row_count}\t{report.scope}")
    return 0
