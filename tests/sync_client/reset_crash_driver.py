"""A laptop program for the crash tests of the clock reset: it opens a laptop's data
folder and hangs at a chosen point, its writes not yet committed, until it is killed.

``python -m tests.sync_client.reset_crash_driver FOLDER reset``: the reset has written
everything (outbox renumbered, rows restamped, review items closed, the clock saved) and
not committed. ``... FOLDER push``: a sync reset the clock, pushed, the server committed
the push, and the laptop has not recorded the answer. It prints ``IN`` when it hangs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import requests

from harmony_desktop.services.credentials import TokenStore
from harmony_desktop.services.sync import SyncService
from harmony_desktop.store import Store
from harmony_desktop.store.replica import Replica, clock_reset


def hang(*_args: Any, **_kwargs: Any) -> None:
    print("IN", flush=True)
    time.sleep(120)
    raise SystemExit("not killed")


def main(folder: Path, where: str) -> None:
    store = Store(folder / "harmony.sqlite3")
    if where == "reset":
        save_clock = clock_reset.save_clock

        def save_then_hang(conn: Any, clock: Any) -> None:
            save_clock(conn, clock)
            hang()

        clock_reset.save_clock = save_then_hang  # type: ignore[assignment]
        Replica(store).reset_clock_if_far_ahead()
    else:
        Replica.acknowledge = hang  # type: ignore[method-assign,assignment]
        sync = SyncService(
            store,
            folder,
            tokens=TokenStore(folder, store.device_id),
            http_session=requests.Session(),
        )
        sync.sync()
    print("DONE", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
