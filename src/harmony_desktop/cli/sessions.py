"""``harmony-desktop sessions``: one day's sessions, so a person or a scheduled task can
check the calendar; ``harmony-desktop hubs``: this laptop's hubs with their ids (the
office adds a hub set up on a laptop to the server with ``harmony-sync add-hub --id``).

harmony-desktop sessions --date 2026-09-07 [--hub NAME]
harmony-desktop hubs

One line per session: hub, ensemble, start, end and status (not started, in progress,
roll taken, cancelled). A closed hub says why. Without ``--hub``, every hub.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from harmony_desktop.cli.common import Subcommands, date_arg, hub_help, open_services
from harmony_desktop.domain.i18n import _

if TYPE_CHECKING:
    from harmony_desktop.services.sessions import SessionInfo


def add_commands(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    """Register ``sessions`` and ``hubs``."""
    sessions = sub.add_parser("sessions", parents=[common], help=_("list one day's sessions"))
    sessions.add_argument(
        "--date", type=date_arg, default=None, help=_("the day, YYYY-MM-DD (default: today)")
    )
    sessions.add_argument("--hub", default=argparse.SUPPRESS, help=hub_help())
    sessions.set_defaults(func=run_sessions)
    hubs = sub.add_parser(
        "hubs",
        parents=[common],
        help=_("list this laptop's hubs with their ids (for harmony-sync add-hub --id)"),
    )
    hubs.set_defaults(func=run_hubs)


def run_hubs(args: argparse.Namespace) -> int:
    """``harmony-desktop hubs``: one line per hub, its name, a tab and its id."""
    with open_services(args) as services:
        hubs = services.hubs.hubs()
        if not hubs:
            services.hubs.find_hub(None)  # says what to do on a new data folder
        for hub in hubs:
            print(f"{hub.name}\t{hub.id}")
    return 0


def state_text(info: SessionInfo) -> str:
    """The status of a session in words."""
    from harmony_desktop.services.sessions import RollState

    words = {
        RollState.NOT_STARTED: _("not started"),
        RollState.IN_PROGRESS: _("in progress ({recorded} of {expected})"),
        RollState.ROLL_TAKEN: _("roll taken"),
        RollState.CANCELLED: _("cancelled: {reason}"),
    }
    text = words[info.state].format(
        recorded=info.recorded, expected=info.expected, reason=info.cancel_reason
    )
    if info.off_schedule:
        text += " " + _("(no longer on the schedule; kept because it has marks)")
    return text


def run_sessions(args: argparse.Namespace) -> int:
    """``harmony-desktop sessions --date D [--hub NAME]``."""
    day: dt.date = args.date or dt.date.today()
    with open_services(args) as services:
        wanted = getattr(args, "hub", None)
        hubs = [services.hubs.find_hub(wanted)] if wanted else services.hubs.hubs()
        if not hubs:
            services.hubs.find_hub(None)  # says what to do on a new data folder
        print(_("Sessions on {day}:").format(day=f"{day:%a} {day.isoformat()}"))
        for hub in hubs:
            closed = services.calendar.closure_reason(hub.id, day)
            infos = services.sessions.for_day(hub.id, day)
            if closed is not None:
                print(f"  {hub.name}: " + _("closed ({reason})").format(reason=closed or "—"))
            elif not infos:
                print(f"  {hub.name}: " + _("no sessions"))
            for info in infos:
                print(
                    f"  {hub.name}\t{info.label}\t{info.start:%H:%M}\t{info.end:%H:%M}\t"
                    f"{state_text(info)}"
                )
    return 0
