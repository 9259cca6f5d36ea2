"""``harmony-sync admin``: console accounts and sync health from the command line.

``admin add-user NAME --role admin|viewer`` reads the password from the terminal (asked
twice) or, when standard input is not a terminal, from its first line; never from an
argument, where other users of the machine could see it. ``admin health`` prints the
console's flags and exits 1 when any device is flagged (overdue, or over the backlog
limit), so cron or a monitoring system can page someone.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TextIO

from sqlalchemy import Engine

from harmony_sync.server import accounts
from harmony_sync.server.admin import audit, health, users
from harmony_sync.server.admin.i18n import DEFAULT, LANGUAGES, Language
from harmony_sync.server.admin.settings import ConsoleSettings


def _engine(args: argparse.Namespace) -> Engine:
    from harmony_sync.server import cli

    return cli._engine(args)


def read_password(name: str, stream: TextIO | None = None) -> str:
    """A new password: asked twice on a terminal, else the first line of ``stream``."""
    stream = stream or sys.stdin
    if stream.isatty():
        first = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("The same password again: ") != first:
            raise ValueError("The two passwords differ; nothing was changed.")
        return first
    line = stream.readline()
    if not line:
        raise ValueError("No password on standard input; nothing was changed.")
    return line.rstrip("\r\n")


def cmd_add_user(args: argparse.Namespace) -> int:
    """Create a console user."""
    engine = _engine(args)
    settings = ConsoleSettings.from_env()
    password = users.check_password(read_password(args.name))
    users.add_user(engine, args.name, args.role, password, settings.now())
    audit.record(
        engine,
        audit.command_line(),
        audit.USER_ADDED,
        args.name.strip(),
        audit.role(args.role),
        at=settings.now(),
    )
    message = f"Console user {args.name.strip()!r} added ({args.role}). Sign in at /admin."
    print(json.dumps({"name": args.name.strip(), "role": args.role}) if args.json else message)
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    """Give a console user a new password (their sessions end)."""
    engine = _engine(args)
    settings = ConsoleSettings.from_env()
    users.set_password(engine, args.name, read_password(args.name))
    audit.record(engine, audit.command_line(), audit.PASSWORD_CHANGED, args.name, at=settings.now())
    print(json.dumps({"name": args.name}) if args.json else f"Password of {args.name!r} changed.")
    return 0


def cmd_disable_user(args: argparse.Namespace) -> int:
    """Disable a console user (or enable again with --enable)."""
    engine = _engine(args)
    settings = ConsoleSettings.from_env()
    users.set_disabled(engine, args.name, not args.enable, settings.now())
    action = audit.USER_ENABLED if args.enable else audit.USER_DISABLED
    audit.record(engine, audit.command_line(), action, args.name, at=settings.now())
    state = "enabled" if args.enable else "disabled"
    print(
        json.dumps({"name": args.name, "state": state}) if args.json else f"{args.name!r} {state}."
    )
    return 0


def cmd_list_users(args: argparse.Namespace) -> int:
    """List console users."""
    found = users.list_users(_engine(args))
    lines = [
        f"{u['name']:<24} {u['role']:<7} {'disabled' if u['disabled'] else ''}".rstrip()
        for u in found
    ]
    print(json.dumps(found) if args.json else "\n".join(lines) or "No console users yet.")
    return 0


def _text_report(report: health.HealthReport, code: str = DEFAULT) -> str:
    """``admin health`` as text, in the console's language ``code`` (``--lang``)."""
    settings = report.settings
    zone = settings.zone
    lang = Language(code, zone)
    _ = lang.gettext
    # TRANSLATORS: a date and time in the CLDR pattern syntax, as "EEE d MMM y, HH:mm".
    as_of = lang.moment(report.as_of, _("EEE dd MMM y HH:mm"))
    lines = [
        _(
            "Sync health as of %(when)s %(zone)s (overdue when %(days)s or more days late, "
            "counted from the first meeting not synced; backlog limit %(limit)s changes)",
            when=as_of,
            zone=settings.timezone,
            days=settings.overdue_school_days,
            limit=settings.backlog_limit,
        )
    ]

    def device_line(d: health.DeviceHealth) -> str:
        mark = "FLAGGED" if d.flagged else "ok"  # the same in every language, for grep
        if d.flagged:
            what = "; ".join(d.reasons(settings, lang))
        elif d.last_success_at:
            # in its hub's time zone, named when it is not the console's
            # TRANSLATORS: as "EEE d MMM y, HH:mm", without the year.
            when = lang.moment(d.last_success_at, _("EEE dd MMM HH:mm"), d.zone)
            if lang.other_zone(d.last_success_at, d.zone):
                when += f" {lang.zone_name(d.last_success_at, d.zone)}"
            what = _("synced %(when)s", when=when)
        else:
            what = _("enrolled, not synced yet")
        return f"  {mark:<8}#{d.key} {d.name}: {what}"

    for hub in report.hubs:
        if hub.archived:
            continue
        active = hub.active_devices
        if not active:
            state = _("no devices enrolled")
        elif hub.all_current:
            count = len(active)
            state = lang.ngettext(
                "all %(count)s current", "all %(count)s current", count, count=count
            )
        else:
            flagged = len(hub.flagged_devices)
            state = lang.ngettext(
                "%(flagged)s of %(count)s flagged",
                "%(flagged)s of %(count)s flagged",
                flagged,
                flagged=flagged,
                count=len(active),
            )
        waiting = hub.conflicts_waiting
        conflicts = lang.ngettext(
            "%(num)d conflict waiting for review", "%(num)d conflicts waiting for review", waiting
        )
        lines.append(f"{hub.name}: {state}; {conflicts}")
        if active and hub.days_counted == health.WEEKDAYS:
            lines.append(f"  {hub.days_counted_words(lang)}")
        lines.extend(device_line(d) for d in active)
    managers = [d for d in report.devices if d.data_manager and d.status == health.ENROLLED]
    if managers:
        lines.append(_("Data managers:"))
        lines.extend(device_line(d) for d in managers)
    flagged = len(report.flagged)
    lines.append(
        lang.ngettext(
            "%(count)s device needs attention.",
            "%(count)s devices need attention.",
            flagged,
            count=flagged,
        )
        if flagged
        else _("Every enrolled device is current.")
    )
    return "\n".join(lines)


def cmd_health(args: argparse.Namespace) -> int:
    """Print the sync-health flags; exit 1 when any device is flagged."""
    settings = ConsoleSettings.from_env()
    if args.overdue_days is not None:
        settings.overdue_school_days = args.overdue_days
    if args.backlog_limit is not None:
        settings.backlog_limit = args.backlog_limit
    settings.__post_init__()  # re-check the overridden values
    engine = _engine(args)
    report = health.build_report(engine, settings)
    if args.json:
        contacts = accounts.hub_contacts(engine) if args.with_contacts else None
        print(json.dumps(report.as_dict(contacts)))
    else:
        print(_text_report(report, args.lang))
    return 1 if report.flagged else 0


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Register ``harmony-sync admin ...``."""
    admin = sub.add_parser("admin", help="console users and sync health (see `admin -h`)")
    commands = admin.add_subparsers(dest="admin_command", required=True)
    add_user = commands.add_parser(
        "add-user", parents=[common], help="create a console user (password from prompt or stdin)"
    )
    add_user.add_argument("name")
    add_user.add_argument("--role", choices=users.ROLES, required=True)
    add_user.set_defaults(func=cmd_add_user)
    password = commands.add_parser(
        "set-password", parents=[common], help="a new password (from prompt or stdin)"
    )
    password.add_argument("name")
    password.set_defaults(func=cmd_set_password)
    disable = commands.add_parser("disable-user", parents=[common], help="stop a user signing in")
    disable.add_argument("name")
    disable.add_argument("--enable", action="store_true", help="let the user sign in again")
    disable.set_defaults(func=cmd_disable_user)
    commands.add_parser("list-users", parents=[common], help="list console users").set_defaults(
        func=cmd_list_users
    )
    check = commands.add_parser(
        "health", parents=[common], help="print sync-health flags; exit 1 if any device is flagged"
    )
    check.add_argument(
        "--overdue-days",
        type=int,
        help="flag a device this many days late or more, counted from the first meeting day "
        "not synced: that day and the office days since (default 2)",
    )
    check.add_argument("--backlog-limit", type=int, help="changes waiting (default 200)")
    check.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default=DEFAULT,
        help="the language of the text (default en; --json is the same in every language)",
    )
    check.add_argument(
        "--with-contacts",
        action="store_true",
        help="with --json: each hub's contact too (whom the office calls; null if none)",
    )
    check.set_defaults(func=cmd_health)
