"""Apply throughput of the sync server's push, as a ratio to a plain bulk insert.

Both run in this process on the same database, in the same run: ``store.push`` applying
N new-row mutations in batches of 500 (validation, scope checks, per-field merge, change
sequence, exactly-once bookkeeping) versus one ``executemany`` INSERT of the same rows
into a table with the same columns, keys and indexes. Also: re-applying the same rows as
updates (merge path).

    python -m bench.bench_server_apply [--backend sqlite|postgres|both] [--rows N]
"""

from __future__ import annotations

import argparse
import os
import time
import uuid

from sqlalchemy import Column, Index, MetaData, Table, insert

from bench._server_common import database, migrated_engine, parse_backends, roll_call
from harmony_sync.hlc import HybridLogicalClock
from harmony_sync.server import accounts, store
from harmony_sync.server.accounts import ROWS
from harmony_sync.server.schemas import Mutation

BATCH = 500


def run(backend: str, n: int) -> None:
    """Measure one backend and print its figures."""
    with database(backend) as url:
        engine = migrated_engine(url)
        hub = accounts.add_hub(engine, "Bench hub")
        key, _ = accounts.create_device(engine, "bench", [hub])
        device = accounts.DeviceContext(key, "00000000000000ab", "bench", False, frozenset([hub]))
        clock = HybridLogicalClock(device.node)
        ids = [str(uuid.uuid4()) for _ in range(n)]
        # The marks' session (and its ensemble): the server derives a mark's hub from it.
        setup = roll_call(hub, clock, 1, 0)
        store.push(engine, device, None, [Mutation(**m) for m in setup])
        session = setup[1]["row_id"]

        def mutations(start_id: int, values: dict, base: str | None) -> list[Mutation]:
            stamp = clock.now()
            return [
                Mutation(
                    mutation_id=start_id + i,
                    table="attendance_mark",
                    row_id=row,
                    hub_id=hub,
                    values=values,
                    clocks=dict.fromkeys(values, stamp),
                    bases=dict.fromkeys(values, base),
                )
                for i, row in enumerate(ids)
            ]

        values = {
            "code": "P",
            "session_id": session,
            "student_id": str(uuid.uuid4()),
            "arrival_time": "15:31",
            "note": "",
            "recorded_by": "teacher",
            "deleted": False,
        }
        created = mutations(3, values, None)
        started = time.perf_counter()
        for i in range(0, n, BATCH):
            store.push(engine, device, None, created[i : i + BATCH])
        apply_s = time.perf_counter() - started

        # A later, sequential edit of two fields (its base is the created value's clock).
        updated = mutations(n + 3, {"code": "L", "note": "late bus"}, created[0].clocks["code"])
        started = time.perf_counter()
        for i in range(0, n, BATCH):
            store.push(engine, device, None, updated[i : i + BATCH])
        update_s = time.perf_counter() - started

        # The baseline: the same rows, one plain bulk INSERT into a table with the same
        # columns, primary key and indexes (so index upkeep is counted on both sides).
        plain = Table(
            "plain_rows",
            MetaData(),
            *[
                Column(c.name, c.type, primary_key=c.primary_key, unique=bool(c.unique))
                for c in ROWS.columns
            ],
            Index("ix_plain_rows_hub_seq", "hub_id", "seq"),
        )
        plain.create(engine)
        rows = [
            {
                "table_name": "attendance_mark",
                "row_id": row,
                "hub_id": hub,
                "seq": k,
                "data": values,
                "clocks": dict.fromkeys(values, created[0].clocks["code"]),
            }
            for k, row in enumerate(ids)
        ]
        started = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(insert(plain), rows)
        bulk_s = time.perf_counter() - started
        engine.dispose()
    apply_rate, update_rate, bulk_rate = n / apply_s, n / update_s, n / bulk_s
    print(f"[{backend}] {n} mutations, batches of {BATCH}")
    print(f"[{backend}]   apply (new rows):   {apply_rate:9.0f} mutations/s")
    print(f"[{backend}]   apply (merge/upd):  {update_rate:9.0f} mutations/s")
    print(f"[{backend}]   plain bulk insert:  {bulk_rate:9.0f} rows/s")
    print(
        f"[{backend}]   ratio apply/bulk:   {apply_rate / bulk_rate:9.2f}  "
        f"(merge/bulk {update_rate / bulk_rate:.2f})"
    )
    print(f"[{backend}]   load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


def main() -> None:
    """Run on the chosen backends."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    args, _ = parser.parse_known_args()
    for backend in parse_backends(__doc__ or ""):
        run(backend, args.rows)


if __name__ == "__main__":
    main()
