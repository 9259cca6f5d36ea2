"""``harmony-desktop``: the app and its command line.

harmony-desktop [--data-dir DIR]            open the register window
harmony-desktop demo [--hubs N] …           generate a demo programme
harmony-desktop restore [--list | BACKUP]   restore the database from a daily backup
harmony-desktop backup                      take a backup now
harmony-desktop print|import|export …       roster documents and files (cli_print.py)
harmony-desktop sync                        sync now (scheduled tasks: one line, exit code)
harmony-desktop enroll --server URL --code CODE   enroll this laptop with the sync server
harmony-desktop --self-test[=STEPS]         check this build in a temporary folder, headless
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harmony_desktop import APP_NAME, __version__
from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.i18n import _


def _restore(args: argparse.Namespace) -> int:
    from harmony_desktop.paths import resolve_paths
    from harmony_desktop.store.db import list_backups, restore_backup

    paths = resolve_paths(args.data_dir)
    backups = list_backups(paths.backups) if paths.backups.exists() else []
    if args.list or not args.backup:
        if not backups:
            print(_("No backups in {folder}.").format(folder=paths.backups))
            return 0 if args.list else 2
        for backup in backups:
            print(backup)
        return 0
    backup = Path(args.backup)
    if not backup.exists():
        backup = paths.backups / args.backup
    if not backup.exists():
        print(
            _("No backup {name}. List them with: harmony-desktop restore --list").format(
                name=args.backup
            ),
            file=sys.stderr,
        )
        return 2
    moved = restore_backup(backup, paths.database)
    print(_("Restored {backup}.").format(backup=backup.name))
    if moved:
        print(_("The previous database was kept as {moved}.").format(moved=moved))
    return 0


def _backup(args: argparse.Namespace) -> int:
    import datetime as dt

    from harmony_desktop.paths import resolve_paths
    from harmony_desktop.store import Store

    paths = resolve_paths(args.data_dir).ensure()
    with Store(paths.database) as store:
        stamp = dt.datetime.now().strftime("%Y-%m-%d")
        target = store.backup_to(paths.backups / f"harmony-{stamp}.sqlite3")
    print(target)
    return 0


def _run_window(args: argparse.Namespace) -> int:
    from harmony_desktop.ui.app import run_window

    return run_window(args.data_dir, hub=args.hub)


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(prog="harmony-desktop", description=APP_NAME)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", help=_("folder for the database, backups and logs (or HARMONY_DATA_DIR)")
    )
    parser.add_argument("--hub", help=_("open this hub (name or id) instead of the first one"))
    parser.add_argument(
        "--self-test",
        nargs="?",
        const="",
        metavar="STEPS",
        help=_(
            "check this build in a temporary folder, headless, and exit 0 if it works "
            "(steps: bundle,store,mark,print,ui; default all)"
        ),
    )
    sub = parser.add_subparsers(dest="command")
    restore = sub.add_parser("restore", help=_("restore the database from a daily backup"))
    restore.add_argument("--list", action="store_true", help=_("list the backups"))
    restore.add_argument("backup", nargs="?", help=_("backup file (name or path)"))
    restore.set_defaults(func=_restore)
    backup = sub.add_parser("backup", help=_("take a backup now"))
    backup.set_defaults(func=_backup)
    from harmony_desktop.cli_print import register_print_commands
    from harmony_desktop.cli_sync import add_commands

    register_print_commands(sub)
    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``harmony-desktop``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["demo"]:
        from harmony_desktop.demo import main_demo

        return main_demo(argv[1:])
    args = build_parser().parse_args(argv)
    if args.self_test is not None:
        from harmony_desktop.selftest import main_self_test

        return main_self_test(args.self_test or None)
    func = getattr(args, "func", _run_window)
    try:
        return int(func(args))
    except HarmonyError as exc:
        print(f"harmony-desktop: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
