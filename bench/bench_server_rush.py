"""The end-of-day rush: 100 devices push 500 marks each (after their class's ensemble
and session), all at once.

A real ``harmony-sync serve`` process on loopback; each device is a thread with its own
HTTP connection pushing batches of 100. Every push that fails transiently is retried
(as the desktop does). Afterwards the database must hold exactly 100 x 500 rows and every
device's acknowledged mutation id must be 500: applied exactly once. Prints p50/p99 push
latency and the total rate.

    python -m bench.bench_server_rush [--backend sqlite|postgres|both] [--devices N]
"""

from __future__ import annotations

import argparse
import threading
import time

import httpx
from sqlalchemy import func, select
from tests.support.sync_server import SyncServer

from bench._server_common import (
    database,
    enroll,
    median,
    migrated_engine,
    parse_backends,
    percentile,
    roll_call,
)
from harmony_sync.hlc import HybridLogicalClock
from harmony_sync.server import accounts
from harmony_sync.server.accounts import DEVICES, ROWS

PER_DEVICE = 500
BATCH = 100


def run(backend: str, devices: int) -> None:
    """Measure one backend and print its figures."""
    with database(backend) as url:
        engine = migrated_engine(url)
        hub = accounts.add_hub(engine, "Rush hub")
        with SyncServer(url) as server:
            laptops = [enroll(server, engine, [hub]) for _ in range(devices)]
            latencies: list[float] = []
            retries: list[int] = []
            lock = threading.Lock()
            barrier = threading.Barrier(devices)

            def push_all(laptop: dict) -> None:
                # Each device takes one class's roll: its ensemble and session, then marks.
                mutations = roll_call(hub, HybridLogicalClock(laptop["node"]), 1, PER_DEVICE)
                with httpx.Client(
                    base_url=server.url, headers=laptop["headers"], timeout=120
                ) as client:
                    barrier.wait()
                    for start in range(0, len(mutations), BATCH):
                        body = {
                            "epoch": laptop["epoch"],
                            "mutations": mutations[start : start + BATCH],
                        }
                        while True:
                            began = time.perf_counter()
                            response = client.post("/v1/push", json=body)
                            elapsed = time.perf_counter() - began
                            if response.status_code == 200:
                                break
                            with lock:
                                retries.append(response.status_code)
                            time.sleep(0.2)
                        with lock:
                            latencies.append(elapsed)

            threads = [threading.Thread(target=push_all, args=(lap,)) for lap in laptops]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            total = time.perf_counter() - started
        with engine.connect() as conn:
            rows = conn.execute(
                select(func.count()).select_from(ROWS).where(ROWS.c.table_name == "attendance_mark")
            ).scalar_one()
            acked = conn.execute(
                select(func.count())
                .select_from(DEVICES)
                .where(DEVICES.c.last_mutation_id == PER_DEVICE + 2)
            ).scalar_one()
        engine.dispose()
    n = devices * PER_DEVICE
    ok = rows == n and acked == devices
    print(f"[{backend}] {devices} devices x {PER_DEVICE} mutations, batches of {BATCH}")
    print(
        f"[{backend}]   exactly once: {'yes' if ok else 'NO'} ({rows} rows stored for {n} "
        f"marks; {acked}/{devices} devices acknowledged all {PER_DEVICE + 2} mutations)"
    )
    print(
        f"[{backend}]   push latency p50 {median(latencies) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.0f} ms (per {BATCH}-mutation push)"
    )
    print(
        f"[{backend}]   all done in {total:.1f} s = {n / total:.0f} mutations/s; "
        f"transient retries: {len(retries)}"
    )
    if not ok:
        raise SystemExit(1)


def main() -> None:
    """Run on the chosen backends."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=100)
    args, _ = parser.parse_known_args()
    for backend in parse_backends(__doc__ or ""):
        run(backend, args.devices)


if __name__ == "__main__":
    main()
