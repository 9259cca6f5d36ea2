"""Run ``harmony-sync`` with test-only changes to the server's writers.

    python -m tests.server.server_build [--write-delay-ms N] [--unlocked-sequence] serve ...

Used by ``test_processes.py`` only; the server itself honours no such switch.

- ``--write-delay-ms N``: every push sleeps up to N ms after writing its rows and before
  committing, which widens the window in which writers of several processes overlap.
  Both builds of the multi-process test get it, so they are compared under equal load.
- ``--unlocked-sequence``: the broken build, the positive control. Sequence numbers come
  from a PostgreSQL SEQUENCE (``unlocked_seq``, created by the test) in blocks, without
  the ``server_state`` row lock; only the final "last assigned seq" update still locks,
  briefly, at the end. Writers of different processes then commit out of sequence order,
  and a puller's cursor can pass rows that commit later: the test must catch it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from typing import Any

from sqlalchemy import Connection, select, text

from harmony_sync.server import cli, store
from harmony_sync.server.accounts import STATE

#: Sequence numbers reserved by one push of the broken build.
BLOCK = 1_000_000


def _delayed(write_rows: Any, most_ms: int) -> Any:
    def write_then_wait(conn: Connection, rows: Any, seq: int) -> int:
        assigned = write_rows(conn, rows, seq)
        time.sleep(random.uniform(0, most_ms) / 1000)
        return int(assigned)

    return write_then_wait


def _unlocked_lock(conn: Connection) -> tuple[str, int]:
    epoch = conn.execute(select(STATE.c.epoch).where(STATE.c.id == 1)).scalar_one()
    block = conn.execute(text("SELECT nextval('unlocked_seq')")).scalar_one()
    return str(epoch), int(block) * BLOCK


def _unlocked_publish(conn: Connection, seq: int) -> None:
    conn.execute(
        text("UPDATE server_state SET last_seq = GREATEST(last_seq, :seq) WHERE id = 1"),
        {"seq": seq},
    )


def main(argv: list[str]) -> int:
    """Patch the store as asked, then run the ordinary command line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-delay-ms", type=int, default=0)
    parser.add_argument("--unlocked-sequence", action="store_true")
    options, rest = parser.parse_known_args(argv)
    if options.write_delay_ms:
        store._write_rows = _delayed(store._write_rows, options.write_delay_ms)  # type: ignore[assignment]
    if options.unlocked_sequence:
        store._lock = _unlocked_lock  # type: ignore[assignment]
        store._publish = _unlocked_publish  # type: ignore[assignment]
    return cli.main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
