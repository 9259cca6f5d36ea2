"""``harmony-desktop backup`` and ``harmony-desktop restore``: the daily backups by hand.

harmony-desktop restore --list                       the newest data first
harmony-desktop restore harmony-2026-11-20.sqlite3   the current file is kept aside
harmony-desktop backup                               take one now
"""

from __future__ import annotations

import argparse
import dataclasses
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
    # a new laptop's folder may not be made yet: restoring fills it
    restore.set_defaults(func=run_restore, fills_data_dir=True)
    backup = sub.add_parser("backup", parents=[common], help=_("take a backup now"))
    backup.set_defaults(func=run_backup)


def run_restore(args: argparse.Namespace) -> int:
    """List the backups, or put one back (the current database is moved aside, never lost)."""
    from harmony_desktop.paths import resolve_paths

    paths = resolve_paths(args.data_dir)
    if args.list or not args.backup:
        return _list_backups(paths.backups, args.list)
    from harmony_desktop.services.restore import restore

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


def _list_backups(folder: Path, asked: bool) -> int:
    """Print each backup, the newest data first, a tab, and what it holds (the damaged
    ones last, said so). Loads no SQLAlchemy: a few hundredths of a second."""
    from harmony_desktop.services.backup_list import describe, newest_marked
    from harmony_desktop.store.backups import backups_by_content

    backups = backups_by_content(folder)
    if not backups:
        print(_("No backups in {folder}.").format(folder=folder))
        return 0 if asked else 2
    today = dt.date.today()
    for number, info in enumerate(backups):
        said = describe(info, today)
        if number == 0 and not info.damaged:
            said = dataclasses.replace(said, held=newest_marked(said.held))
        print(f"{info.path}\t{said.line()}")
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
    for damaged in outcome.kept_damaged:
        print(
            _(
                "harmony-desktop: kept the damaged backup {name}: it cannot be read, and "
                "the app never deletes a backup it cannot read. Delete it yourself if you "
                "have no use for it."
            ).format(name=damaged.name),
            file=sys.stderr,
        )
    return 0
