"""No-op pull latency with 1,000 and with 1,000,000 changes in the log.

A real ``harmony-sync serve`` process on loopback. The log (the synced rows, each with its
change sequence number) is filled directly in the database, then a device that is up to
date pulls again and again: the median time of that no-op pull over HTTP must stay under
20 ms and be the same for both log sizes. Also prints the storage-only time of the same
pull (no HTTP) and a one-page pull (500 rows).

    python -m bench.bench_server_pull [--backend sqlite|postgres|both] [--big N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time

import httpx
from sqlalchemy import Engine, text, update
from tests.support.sync_server import SyncServer

from bench._server_common import (
    database,
    enroll,
    median,
    migrated_engine,
    parse_backends,
    percentile,
)
from harmony_sync.server import accounts, store
from harmony_sync.server.accounts import STATE

PULLS = 300


def fill(engine: Engine, hub: str, count: int) -> int:
    """Add ``count`` rows to the change log of ``hub``; return the last sequence number."""
    data = json.dumps({"code": "P", "note": "", "deleted": False})
    clocks = json.dumps(
        dict.fromkeys(("code", "note", "deleted"), "001700000000000-00000-00000000000000ab")
    )
    with engine.begin() as conn:
        start = int(conn.execute(text("SELECT last_seq FROM server_state")).scalar_one())
        params = {"hub": hub, "data": data, "clocks": clocks, "start": start, "n": count}
        if engine.dialect.name == "postgresql":
            conn.execute(
                text(
                    "INSERT INTO synced_row (table_name, row_id, hub_id, seq, data, clocks) "
                    "SELECT 'attendance_mark', "
                    "  lpad(to_hex(:start + g), 8, '0') || '-0000-4000-8000-' "
                    "  || lpad(to_hex(:start + g), 12, '0'), "
                    "  :hub, :start + g, CAST(:data AS json), CAST(:clocks AS json) "
                    "FROM generate_series(1, :n) AS g"
                ),
                params,
            )
        else:
            conn.execute(
                text(
                    "WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < :n) "
                    "INSERT INTO synced_row (table_name, row_id, hub_id, seq, data, clocks) "
                    "SELECT 'attendance_mark', "
                    "  printf('%08x-0000-4000-8000-%012x', :start + x, :start + x), "
                    "  :hub, :start + x, :data, :clocks "
                    "FROM g"
                ),
                params,
            )
        conn.execute(update(STATE).values(last_seq=start + count))
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE synced_row"))
    return start + count


def run(backend: str, big: int) -> None:
    """Measure one backend and print its figures.

    Two databases (1,000 and ``big`` changes), two servers; the pulls alternate between
    them so that the load of the machine weighs on both sizes alike.
    """
    sizes = (1_000, big)
    with contextlib.ExitStack() as stack:
        setups = []
        for size in sizes:
            url = stack.enter_context(database(backend))
            engine = migrated_engine(url)
            stack.callback(engine.dispose)
            hub = accounts.add_hub(engine, "Pull hub")
            filled = time.perf_counter()
            high = fill(engine, hub, size)
            print(
                f"[{backend}] filled a log of {size:,} changes in "
                f"{time.perf_counter() - filled:.1f} s"
            )
            server = stack.enter_context(SyncServer(url))
            laptop = enroll(server, engine, [hub])
            client = stack.enter_context(
                httpx.Client(base_url=server.url, headers=laptop["headers"])
            )
            key = accounts.authenticate(engine, laptop["headers"]["Authorization"][7:])
            setups.append((size, engine, client, laptop, high, key))
        http: dict[int, list[float]] = {size: [] for size in sizes}
        page: dict[int, list[float]] = {size: [] for size in sizes}
        storage: dict[int, list[float]] = {size: [] for size in sizes}
        for round_ in range(PULLS + 20):
            for size, engine, client, laptop, high, device in setups:
                body = {"epoch": laptop["epoch"], "cursor": high, "limit": 500}
                began = time.perf_counter()
                response = client.post("/v1/pull", json=body)
                elapsed = time.perf_counter() - began
                assert response.status_code == 200 and response.json()["rows"] == []
                began = time.perf_counter()
                store.pull(engine, device, laptop["epoch"], high, 500)
                in_process = time.perf_counter() - began
                began = time.perf_counter()
                full = client.post("/v1/pull", json={**body, "cursor": high - 500})
                paged = time.perf_counter() - began
                assert len(full.json()["rows"]) == 500
                if round_ >= 20:  # warmed up
                    http[size].append(elapsed)
                    storage[size].append(in_process)
                    page[size].append(paged)
    for size in sizes:
        print(
            f"[{backend}] log of {size:>9,}: no-op pull over HTTP median "
            f"{median(http[size]) * 1000:.2f} ms (p99 {percentile(http[size], 99) * 1000:.2f}); "
            f"storage only {median(storage[size]) * 1000:.3f} ms; "
            f"500-row page {median(page[size]) * 1000:.1f} ms"
        )
    small, large = sizes
    print(
        f"[{backend}]   no-op ratio {large:,} / {small:,}: HTTP "
        f"{median(http[large]) / median(http[small]):.2f}, storage "
        f"{median(storage[large]) / median(storage[small]):.2f} "
        f"(target: under 20 ms and about 1.0)"
    )


def main() -> None:
    """Run on the chosen backends."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=1_000_000)
    args, _ = parser.parse_known_args()
    for backend in parse_backends(__doc__ or ""):
        run(backend, args.big)


if __name__ == "__main__":
    main()
