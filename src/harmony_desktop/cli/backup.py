"""``harmony-desktop backup`` and ``harmony-desktop restore``: the daily backups by hand.

harmony-desktop restore --list                       newest first
harmony-desktop restore harmony-2026-11-20.sqlite3   the current file is kept aside
harmony-desktop backup                               take one now
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from harmony_desktop.cli.common import Subcommands
from harmony_desktop.domain.i18n import _


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``restore`` and ``backup``."""
    restore = sub.add_parser(
        "restore", parents=[common], help=_("restore the database from a daily backup")
    )
    restore.add_argument("--list", action="store_true", help=_("list the backups"))
    restore.add_argument("backup", nargs="?", help=_("backup file (name or path)"))
    restore.set_defaults(func=run_restore)
    backup = sub.add_parser("backup", parents=[common], help=_("take a backup now"))
    backup.set_defaults(func=run_backup)


def run_restore(args: argparse.Namespace) -> int:
    """List the backups, or put one back (the current database is moved aside, never lost)."""
    from harmony_desktop.paths import resolve_paths
    from harmony_desktop.services.restore import restore
    from harmony_desktop.store.db import list_backups

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
    paths.ensure()  # a new computer: the app may never have been opened here
    done = restore(backup, paths.database)
    print(_("Restored {backup}.").format(backup=backup.name))
    if done.moved:
        print(_("The previous database was kept as {moved}.").format(moved=done.moved))
    if done.enroll_with:
        print(
            _(
                "This backup was not taken on this computer (or this computer's own "
                "database was missing), so this computer is not enrolled yet. To sync, ask "
                "your administrator for a new enrollment code and enroll it: "
                "harmony-desktop enroll --server {server} --code CODE (or Sync ▸ Enroll "
                "this laptop). The changes in it that never reached the server are sent "
                "at its first sync."
            ).format(server=done.enroll_with)
        )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """Take a backup now, into the backups folder; print its path (or, on a full disk,
    why it was not made and how much space it needs, and exit 1)."""
    from harmony_desktop.paths import resolve_paths
    from harmony_desktop.store import Store

    paths = resolve_paths(args.data_dir).ensure()
    with Store(paths.database, backup_dir=paths.backups) as store:
        stamp = dt.datetime.now().strftime("%Y-%m-%d")
        outcome = store.backup_now(paths.backups / f"harmony-{stamp}.sqlite3")
    if outcome.path is None:
        print(f"harmony-desktop: {outcome.problem}", file=sys.stderr)
        return 1
    print(outcome.path)
    return 0
