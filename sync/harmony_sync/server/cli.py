"""``harmony-sync``: run the central sync server and administer hubs and devices.

Every command takes ``--database-url`` (default: ``$HARMONY_SYNC_DATABASE_URL``, else a
SQLite file in the user data folder) and brings the schema up to date first. ``--json``
prints machine-readable output for scripts and tests. A database that refuses the
connection exits with status 1 and says what to check.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from harmony_sync.server import accounts, db, store
from harmony_sync.server.admin import cli as admin_cli


def _engine(args: argparse.Namespace, pool_size: int = 2) -> Engine:
    """The checked, migrated engine of an admin command (which needs few connections)."""
    engine = db.make_engine(args.database_url or db.default_database_url(), pool_size=pool_size)
    db.check_connection(engine)
    db.upgrade(engine)
    return engine


def _print(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json.dumps(data) if args.json else text)


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the API with uvicorn: ``--workers`` processes, each with its own pool of at
    most ``--pool-size`` connections. The schema is migrated once before any starts."""
    import uvicorn

    from harmony_sync.server import logs

    logs.configure(args.log_level)
    url = args.database_url or db.default_database_url()
    pool_size = args.pool_size or db.pool_size_from_env()
    engine = db.make_engine(url, pool_size=pool_size)
    db.check_connection(engine)
    db.upgrade(engine)
    _warn_about_connections(engine, args.workers, pool_size)
    engine.dispose()
    # Each worker process builds its app from the environment (create_app's factory mode).
    os.environ[db.DATABASE_URL_ENV] = url
    os.environ[db.POOL_SIZE_ENV] = str(pool_size)
    os.environ[logs.LOG_LEVEL_ENV] = args.log_level
    ssl: dict[str, Any] = {}
    if args.ssl_certfile:
        ssl = {"ssl_certfile": args.ssl_certfile, "ssl_keyfile": args.ssl_keyfile}
    config = uvicorn.Config(
        "harmony_sync.server.app:create_app",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        **ssl,
    )
    if args.workers == 1:
        uvicorn.Server(config).run()
    else:
        _run_workers(config)
    return 0


def _run_workers(config: Any) -> None:
    """uvicorn's multi-process supervisor, on a listener whose connections get TCP_NODELAY.

    uvicorn binds the shared listener with its protocol number left at 0, and asyncio
    sets TCP_NODELAY only on connections from a listener that says IPPROTO_TCP, so every
    keep-alive answer of a worker would wait about 40 ms for the client's delayed ACK
    (uvicorn issue 3149). The same socket, re-wrapped with its protocol stated, is
    handed to the workers instead.
    """
    from uvicorn.supervisors import Multiprocess

    bound = config.bind_socket()
    listener = tcp_listener(bound)
    Multiprocess(config, sockets=[listener]).run()


def tcp_listener(bound: socket.socket) -> socket.socket:
    """``bound`` (a TCP listener) re-wrapped with ``proto`` IPPROTO_TCP, inheritable."""
    if bound.family not in (socket.AF_INET, socket.AF_INET6):
        return bound
    listener = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    listener.set_inheritable(True)
    return listener


def _warn_about_connections(engine: Engine, workers: int, pool_size: int) -> None:
    """Log a warning when the processes may open more connections than PostgreSQL allows."""
    available = db.max_connections(engine)
    wanted = workers * pool_size
    if available is not None and wanted > available:
        logging.getLogger("harmony_sync.server").warning(
            "connection budget exceeded",
            extra={
                "event": "connection_budget",
                "workers": workers,
                "pool_size": pool_size,
                "wanted": wanted,
                "max_connections_available": available,
                "advice": "lower --workers or --pool-size, or raise max_connections",
            },
        )


def cmd_migrate(args: argparse.Namespace) -> int:
    """Create or upgrade the database schema."""
    engine = _engine(args)
    _print(args, {"epoch": store.current_epoch(engine)}, "Database is up to date.")
    return 0


def cmd_add_hub(args: argparse.Namespace) -> int:
    """Register a hub."""
    hub_id = accounts.add_hub(_engine(args), args.name, args.id)
    _print(args, {"hub_id": hub_id, "name": args.name}, f"Hub {args.name!r} added: {hub_id}")
    return 0


def cmd_list_hubs(args: argparse.Namespace) -> int:
    """List registered hubs."""
    engine = _engine(args)
    hubs = accounts.list_hubs(engine)
    contacts = accounts.hub_contacts(engine) if not args.json else {}
    lines = [
        f"{h['id']}  {h['name']}{'  (archived)' if h['archived'] else ''}"
        + (f"  [call {contacts[h['id']]}]" if h["id"] in contacts else "")
        for h in hubs
    ]
    _print(args, hubs, "\n".join(lines) or "No hubs yet.")
    return 0


def _enroll(args: argparse.Namespace, data_manager: bool) -> int:
    key, code = accounts.create_device(
        _engine(args), args.name, list(args.hub or []), data_manager=data_manager
    )
    days = accounts.ENROLLMENT_TTL.days
    _print(
        args,
        {"device_key": key, "enrollment_code": code, "expires_in_days": days},
        f"Device {key} ({args.name}) created. Enrollment code (works once, "
        f"for {days} days):\n\n    {code}\n",
    )
    return 0


def cmd_enroll_device(args: argparse.Namespace) -> int:
    """Create a device for one or more hubs and print its one-time enrollment code."""
    return _enroll(args, data_manager=False)


def cmd_add_data_manager(args: argparse.Namespace) -> int:
    """Create a data-manager device (reads every hub) and print its enrollment code."""
    return _enroll(args, data_manager=True)


def cmd_list_devices(args: argparse.Namespace) -> int:
    """List devices, their hubs and status."""
    devices = accounts.list_devices(_engine(args))
    lines = [
        f"{d['key']:>4}  {d['status']:<20} {d['name']}  "
        f"{'ALL HUBS (data manager)' if d['data_manager'] else ', '.join(d['hubs'])}"
        for d in devices
    ]
    _print(args, devices, "\n".join(lines) or "No devices yet.")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    """Revoke a device's token."""
    if not accounts.revoke_device(_engine(args), args.key):
        print(f"No device {args.key} (see `harmony-sync list-devices`).", file=sys.stderr)
        return 1
    _print(args, {"revoked": args.key}, f"Device {args.key} revoked.")
    return 0


def cmd_rename_hub(args: argparse.Namespace) -> int:
    """Rename a hub (also on every laptop, at their next sync)."""
    old = accounts.rename_hub(_engine(args), args.hub, args.name)
    _print(args, {"hub_id": args.hub, "name": args.name.strip(), "was": old}, "Hub renamed.")
    return 0


def cmd_archive_hub(args: argparse.Namespace) -> int:
    """Archive a hub (or restore it with --restore)."""
    accounts.set_hub_archived(_engine(args), args.hub, not args.restore)
    state = "restored" if args.restore else "archived"
    _print(args, {"hub_id": args.hub, "state": state}, f"Hub {state}.")
    return 0


def cmd_set_hub_contact(args: argparse.Namespace) -> int:
    """Set whom the office calls about a hub (shown in the console), or clear it."""
    if args.clear == (args.contact is not None):
        print("Give the hub's contact, or --clear (not both).", file=sys.stderr)
        return 2
    contact, _ = accounts.set_hub_contact(
        _engine(args), args.hub, None if args.clear else args.contact
    )
    text = "Contact saved." if contact else "Contact cleared."
    _print(args, {"hub_id": args.hub, "contact": contact}, text)
    return 0


def cmd_rename_device(args: argparse.Namespace) -> int:
    """Rename a device."""
    old = accounts.rename_device(_engine(args), args.key, args.name)
    _print(args, {"key": args.key, "name": args.name.strip(), "was": old}, "Device renamed.")
    return 0


def cmd_set_programme_name(args: argparse.Namespace) -> int:
    """Name the programme (every laptop prints it from its next sync), or clear the name."""
    if args.clear == (args.name is not None):
        print("Give the programme's name, or --clear (not both).", file=sys.stderr)
        return 2
    new, old = accounts.set_programme_name(_engine(args), None if args.clear else args.name)
    text = (
        f"The programme is now named {new!r}: laptops print it from their next sync."
        if new is not None
        else "The programme's name is cleared: each laptop prints its own again."
    )
    _print(args, {"programme_name": new, "was": old}, text)
    return 0


def cmd_show_programme_name(args: argparse.Namespace) -> int:
    """Print the programme's name (nothing when it is not set)."""
    name = accounts.programme_name(_engine(args))
    _print(args, {"programme_name": name}, name or "(not set: each laptop prints its own)")
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    """Start a new epoch; run this after restoring the database from a backup."""
    epoch = store.new_epoch(_engine(args))
    _print(args, {"epoch": epoch}, f"New epoch {epoch}: devices will re-base on next sync.")
    return 0


def cmd_show_epoch(args: argparse.Namespace) -> int:
    """Print the current epoch."""
    epoch = store.current_epoch(_engine(args))
    _print(args, {"epoch": epoch}, epoch)
    return 0


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser (``harmony-sync --help``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        help=f"SQLAlchemy URL (default ${db.DATABASE_URL_ENV}, else a SQLite file)",
    )
    common.add_argument("--json", action="store_true", help="machine-readable output")
    parser = argparse.ArgumentParser(prog="harmony-sync", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="run the server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--log-level", default="info")
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="server processes (default 1); see sync/README.md, 'Several processes'",
    )
    serve.add_argument(
        "--pool-size",
        type=_positive,
        help=f"most database connections per process (default ${db.POOL_SIZE_ENV}, "
        f"else {db.DEFAULT_POOL_SIZE}); workers x pool size must stay below PostgreSQL's "
        "max_connections",
    )
    serve.add_argument("--ssl-certfile", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--ssl-keyfile", help="the certificate's private key (PEM)")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", parents=[common], help="create/upgrade the schema").set_defaults(
        func=cmd_migrate
    )
    add_hub = sub.add_parser("add-hub", parents=[common], help="register a hub")
    add_hub.add_argument("name")
    add_hub.add_argument("--id", help="use this UUID (default: a new one)")
    add_hub.set_defaults(func=cmd_add_hub)
    sub.add_parser("list-hubs", parents=[common], help="list hubs").set_defaults(func=cmd_list_hubs)
    rename_hub = sub.add_parser("rename-hub", parents=[common], help="rename a hub")
    rename_hub.add_argument("hub", help="the hub id (see list-hubs)")
    rename_hub.add_argument("name")
    rename_hub.set_defaults(func=cmd_rename_hub)
    hub_contact = sub.add_parser(
        "set-hub-contact",
        parents=[common],
        help="whom the office calls about a hub, shown in the console (or --clear)",
    )
    hub_contact.add_argument("hub", help="the hub id (see list-hubs)")
    hub_contact.add_argument("contact", nargs="?", help="e.g. 'Ana Ruiz (site lead), 555-0142'")
    hub_contact.add_argument("--clear", action="store_true", help="forget it")
    hub_contact.set_defaults(func=cmd_set_hub_contact)
    archive_hub = sub.add_parser(
        "archive-hub", parents=[common], help="archive a hub (no new devices, no health flags)"
    )
    archive_hub.add_argument("hub", help="the hub id (see list-hubs)")
    archive_hub.add_argument("--restore", action="store_true", help="bring it back")
    archive_hub.set_defaults(func=cmd_archive_hub)
    enroll = sub.add_parser(
        "enroll-device", parents=[common], help="create a device, print its enrollment code"
    )
    enroll.add_argument("name", help="a name people recognise, e.g. 'Park hub laptop 2'")
    enroll.add_argument("--hub", action="append", required=True, help="hub id (repeatable)")
    enroll.set_defaults(func=cmd_enroll_device)
    manager = sub.add_parser(
        "add-data-manager", parents=[common], help="a device that reads every hub"
    )
    manager.add_argument("name")
    manager.set_defaults(func=cmd_add_data_manager, hub=None)
    sub.add_parser("list-devices", parents=[common], help="list devices").set_defaults(
        func=cmd_list_devices
    )
    rename_device = sub.add_parser("rename-device", parents=[common], help="rename a device")
    rename_device.add_argument("key", type=int, help="the device number from list-devices")
    rename_device.add_argument("name")
    rename_device.set_defaults(func=cmd_rename_device)
    revoke = sub.add_parser("revoke-device", parents=[common], help="revoke a device")
    revoke.add_argument("key", type=int, help="the device number from list-devices")
    revoke.set_defaults(func=cmd_revoke_device)
    programme = sub.add_parser(
        "set-programme-name",
        parents=[common],
        help="name the programme on every laptop's printouts (or --clear)",
    )
    programme.add_argument("name", nargs="?", help="e.g. 'Eastside Youth Strings'")
    programme.add_argument(
        "--clear", action="store_true", help="forget it: each laptop prints its own again"
    )
    programme.set_defaults(func=cmd_set_programme_name)
    sub.add_parser(
        "show-programme-name", parents=[common], help="print the programme's name"
    ).set_defaults(func=cmd_show_programme_name)
    sub.add_parser(
        "new-epoch", parents=[common], help="after restoring a backup: make devices re-base"
    ).set_defaults(func=cmd_new_epoch)
    sub.add_parser("show-epoch", parents=[common], help="print the epoch").set_defaults(
        func=cmd_show_epoch
    )
    admin_cli.add_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = build_parser().parse_args(argv)
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        # The reader stopped reading (``| head``): nothing to report.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except db.DatabaseUnavailable as err:
        print(f"harmony-sync: {err}", file=sys.stderr)
        return 1
    except ValueError as err:
        print(f"harmony-sync: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
