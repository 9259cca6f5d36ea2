"""``harmony-desktop demo``: fill the database with a generated, synthetic programme.

harmony-desktop demo [--hubs N] [--students N | --full] [--years N] [--seed N]
                     [--today YYYY-MM-DD] [--keep-outbox] [--force]

Exit status 0 on success, 2 when refused (the database already has hubs and ``--force``
was not given, or bad arguments), 1 on any other error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from harmony_desktop.cli.common import SubcommandParser, Subcommands
from harmony_desktop.domain.i18n import _, ngettext


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``demo`` (its options are declared when it is used: see ``declare``)."""
    description = _(
        "Fill the local database with a generated, entirely synthetic programme (no real people)."
    )
    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=_("generate a demo programme (synthetic data, no real people)"),
        description=description,
    )
    demo.set_defaults(func=run_demo, fills_data_dir=True)  # a demo folder made on purpose
    if isinstance(demo, SubcommandParser):
        demo.declare_later(declare)
    else:
        declare(demo)


def declare(demo: argparse.ArgumentParser) -> None:
    """The options of ``demo``, with the generator's defaults."""
    from harmony_desktop.demo import DEFAULT_SEED, DEFAULT_STUDENTS_PER_HUB, FULL_SCALE

    demo.add_argument("--hubs", type=int, default=1, help=_("number of hubs (default 1)"))
    demo.add_argument(
        "--students",
        type=int,
        help=_("students in all, split unevenly across the hubs (default {n} per hub)").format(
            n=DEFAULT_STUDENTS_PER_HUB
        ),
    )
    demo.add_argument(
        "--full",
        action="store_true",
        help=_("full scale: {hubs} hubs, {students} students").format(
            hubs=FULL_SCALE.hubs, students=FULL_SCALE.students
        ),
    )
    demo.add_argument("--years", type=int, default=2, help=_("years of history (default 2)"))
    demo.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=_("random seed (default {n})").format(n=DEFAULT_SEED),
    )
    demo.add_argument(
        "--today", type=dt.date.fromisoformat, help=_("pretend today is this date (YYYY-MM-DD)")
    )
    demo.add_argument(
        "--keep-outbox", action="store_true", help=_("keep the demo's changes queued for sync")
    )
    demo.add_argument(
        "--force", action="store_true", help=_("add the demo even if the database already has hubs")
    )


def run_demo(args: argparse.Namespace) -> int:
    """Generate the demo into the data folder's database (see the module's exit codes)."""
    from harmony_desktop.demo import FULL_SCALE, generate_demo, hub_count
    from harmony_desktop.domain.errors import HarmonyError
    from harmony_desktop.paths import resolve_paths
    from harmony_desktop.store import Store

    hubs = FULL_SCALE.hubs if args.full else args.hubs
    total = FULL_SCALE.students if args.full else args.students
    paths = resolve_paths(args.data_dir).ensure()
    try:
        with Store(paths.database, backup_dir=paths.backups) as store:
            existing = hub_count(store)
            if existing and not args.force:
                print(
                    ngettext(
                        "The database {path} already has {n} hub; a demo is only added to an "
                        "empty database. Use --force to add it anyway.",
                        "The database {path} already has {n} hubs; a demo is only added to an "
                        "empty database. Use --force to add it anyway.",
                        existing,
                    ).format(path=paths.database, n=existing),
                    file=sys.stderr,
                )
                return 2
            summary = generate_demo(
                store,
                hubs=hubs,
                total_students=total,
                years=args.years,
                seed=args.seed,
                today=args.today,
                keep_outbox=args.keep_outbox,
            )
    except HarmonyError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        _("Demo written to {path}: {summary}").format(
            path=paths.database, summary=summary.describe()
        )
    )
    return 0


def main_demo(argv: list[str]) -> int:
    """``harmony-desktop demo ARGS`` as a function (bad arguments: exit status 2)."""
    from harmony_desktop.cli import main

    try:
        return main(["demo", *argv])
    except SystemExit as exc:
        return int(exc.code or 0)
