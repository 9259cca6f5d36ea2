"""``harmony-desktop sync`` and ``harmony-desktop enroll``: sync from a scheduled task.

``harmony-desktop sync`` prints ONE line (fit for a log) and exits with:

== ===========================================================================
0  synced (the line gives the counts)
1  the server could not be reached; nothing lost, try again later
2  needs a person: not enrolled, token revoked, clock skew, version mismatch, the
   local database cannot be opened or written (a full disk: the line says what to do)
3  unexpected failure (see the app's log file)
== ===========================================================================

``harmony-desktop enroll --server URL --code CODE`` enrolls this laptop once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys

from harmony_desktop.cli.common import Subcommands, open_services
from harmony_desktop.domain.errors import (
    StoreError,
    StoreUnavailableError,
    StoreWriteError,
    log_failure,
)
from harmony_desktop.domain.i18n import _, ngettext

log = logging.getLogger(__name__)

EXIT_OK, EXIT_RETRY, EXIT_ACTION, EXIT_BUG = 0, 1, 2, 3


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``sync`` and ``enroll``."""
    sync = sub.add_parser(
        "sync",
        parents=[common],
        help=_("sync now (for scheduled tasks: one log line, exit code 0/1/2/3)"),
    )
    sync.set_defaults(func=cmd_sync)
    enroll = sub.add_parser(
        "enroll", parents=[common], help=_("enroll this laptop with the sync server")
    )
    enroll.add_argument("--server", required=True, help=_("the sync server's address"))
    enroll.add_argument("--code", required=True, help=_("the one-time enrollment code"))
    enroll.add_argument(
        "--name",
        help=_("a new name for this laptop (default: the name your administrator gave it)"),
    )
    enroll.set_defaults(func=cmd_enroll)


def _stamp() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def cmd_sync(args: argparse.Namespace) -> int:
    """Run one sync; print one line; return the exit code."""
    from harmony_sync.client import SyncError

    try:
        opened = open_services(args)
    except StoreError as err:  # damaged, or on a full disk: the one line says which
        _store_failed(err)
        return EXIT_ACTION
    with opened as services:
        service = services.sync
        try:
            report = service.sync()
        except SyncError as err:
            code = EXIT_RETRY if err.retryable else EXIT_ACTION
            pending = services.store.pending_changes()
            message = str(err)
            if err.code == "not_enrolled":  # the window's wording names its menu
                message = _(
                    "This laptop is not enrolled with a sync server yet. Enroll it once "
                    "with: harmony-desktop enroll --server URL --code CODE (the address and "
                    "the one-time code come from your administrator). Everything keeps "
                    "working offline meanwhile."
                )
            print(
                _("{stamp} sync FAILED [{code}] ({pending} changes waiting): {message}").format(
                    stamp=_stamp(), code=err.code, pending=pending, message=message
                )
            )
            return code
        except (StoreWriteError, StoreUnavailableError) as err:  # a full disk, say
            _store_failed(err)
            return EXIT_ACTION
        except Exception as err:  # a bug: keep the scheduled task's log useful
            log_failure(log, "sync", err)  # by type and place: a message can quote a row
            print(
                _("{stamp} sync FAILED [internal] {kind}: see the app's log file").format(
                    stamp=_stamp(), kind=type(err).__name__
                )
            )
            return EXIT_BUG
        review = service.status().needs_review
        line = f"{_stamp()} {report.summary()}"
        if review:
            line += ngettext(
                "; {n} item needs review in the app", "; {n} items need review in the app", review
            ).format(n=review)
        print(line)
        return EXIT_OK


def _store_failed(error: StoreError) -> None:
    """The one line of a sync the local database stopped: what is wrong, what to do."""
    print(
        _("{stamp} sync FAILED [local_database]: {message}").format(stamp=_stamp(), message=error)
    )


def cmd_enroll(args: argparse.Namespace) -> int:
    """Enroll this laptop with a server and a one-time code."""
    from harmony_sync.client import SyncError

    with open_services(args) as services:
        service = services.sync
        try:
            # No name given: the server keeps the administrator's ("North laptop 2"), which
            # the console shows; host names are often alike ("vm", "DESKTOP-…").
            enrolled = service.enroll(args.server, args.code, args.name or "")
        except (SyncError, ValueError) as err:
            print(_("Enrollment failed: {message}").format(message=err), file=sys.stderr)
            return EXIT_RETRY if getattr(err, "retryable", False) else EXIT_ACTION
        print(
            _("Enrolled with {server} for: {hubs}. The token is kept in {where}.").format(
                server=service.server_url(),
                hubs=", ".join(enrolled.hubs) or _("all hubs"),
                where=service.tokens.location,
            )
        )
        # what became of the set-up made here before joining, and what it cannot send
        for line in (enrolled.rescoped_text(), enrolled.unsendable_text()):
            if line:
                print(line)
        return EXIT_OK
