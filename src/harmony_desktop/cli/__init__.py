"""The command line of ``harmony-desktop``: one module per group of subcommands.

harmony-desktop [--data-dir DIR] [--hub HUB]      open the register window
harmony-desktop [--data-dir DIR] COMMAND …        a subcommand (``--help`` lists them):

=================  ===================================================  =============
demo               generate a demo programme                            ``demo.py``
restore, backup    the daily backups                                    ``backup.py``
print              roster documents to PDF                              ``printing.py``
import, export     students in, tables out (CSV, .xlsx)                 ``files.py``
sync, enroll       sync from a scheduled task; enroll this laptop       ``sync.py``
volunteers, events clearances, volunteer import, engagement figures     ``volunteers.py``
setup              programme set-up from and to a spreadsheet           ``setup.py``
sessions           one day's sessions                                   ``sessions.py``
report             reports to .csv, .xlsx or .pdf                        ``report.py``
new-year           move students up a grade for a new programme year      ``new_year.py``
=================  ===================================================  =============

harmony-desktop --self-test[=STEPS]               check this build in a temporary folder

The global options work before any subcommand, and ``--data-dir`` after it as well.
"""

from __future__ import annotations

import argparse
import os
import sys

from harmony_desktop import APP_NAME, __version__
from harmony_desktop.cli import (
    backup,
    demo,
    files,
    new_year,
    printing,
    report,
    sessions,
    setup,
    sync,
    volunteers,
)
from harmony_desktop.cli.common import SubcommandParser, common_options, data_dir_help
from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.i18n import _
from harmony_desktop.paths import require_data_dir, resource

#: Each registers its subcommands with ``add_commands(subparsers, common_options)``;
#: a new group is one module and one entry here.
COMMAND_GROUPS = (
    demo, backup, printing, files, sync, volunteers, setup, sessions, report, new_year,
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(prog="harmony-desktop", description=APP_NAME)
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument("--data-dir", metavar=_("FOLDER"), help=data_dir_help())
    parser.add_argument(
        "--hub", metavar=_("HUB"), help=_("open this hub (name or id) instead of the first one")
    )
    parser.add_argument(
        "--self-test",
        nargs="?",
        const="",
        metavar=_("STEPS"),
        help=_(
            "check this build in a temporary folder, headless, and exit 0 if it works "
            "(steps: bundle,store,mark,print,ui; default all)"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=SubcommandParser)
    common = common_options()
    for group in COMMAND_GROUPS:
        group.add_commands(sub, common)
    return parser


def run_window(args: argparse.Namespace) -> int:
    """No subcommand: open the register window (today's view first, its store and
    services behind it: see ``ui/opening.py``)."""
    from harmony_desktop.ui.app import run_window as run

    return run(args.data_dir, hub=args.hub)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``harmony-desktop``; returns the exit status."""
    # The system's language (LANGUAGE, LC_ALL, LANG) for --help and the parser's errors;
    # opening a database then switches to the language chosen in the window, if any.
    i18n.install(resource("translations"))
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test is not None:
        from harmony_desktop.selftest import main_self_test

        return main_self_test(args.self_test or None)
    func = getattr(args, "func", run_window)
    try:
        # A --data-dir that does not exist is a disk not connected, not a new programme
        # (the window says so in a box of its own); restore and demo fill a new folder.
        if func is not run_window and not getattr(args, "fills_data_dir", False):
            require_data_dir(getattr(args, "data_dir", None))
        status = int(func(args))
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        # The reader stopped reading (``| head``): nothing went wrong that a person
        # must hear of, and no file is involved.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except HarmonyError as exc:
        print(f"harmony-desktop: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        # A file a command reads or writes that no check above caught: one line saying
        # which file and what to do, never a traceback.
        print(f"harmony-desktop: {os_error_message(exc)}", file=sys.stderr)
        return 2


def os_error_message(exc: OSError) -> str:
    """What to tell a person about a file error nothing else explained: the file (the
    one asked for, not the ``.partial`` written beside it) and what to do."""
    from pathlib import Path

    from harmony_desktop.services.files import PARTIAL_SUFFIX, file_error

    if not exc.filename:
        return _("A file could not be read or written: {reason}.").format(
            reason=exc.strerror or type(exc).__name__
        )
    name = str(exc.filename).removesuffix(PARTIAL_SUFFIX)
    return str(file_error(Path(name), exc))
