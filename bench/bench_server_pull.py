"""No-op pull latency with 1,000 and with 1,000,000 changes in the log.

A real ``harmony-sync serve`` process on loopback. The log (the synced rows, each with its
change sequence number) is filled directly in the database, then a device that is up to
date pulls again and again: the median time of that no-op pull over HTTP must stay under
20 ms and be the same for both log sizes. Also prints a one-page pull (500 rows).

    python bench/bench_server_pull.py [--backend sqlite|postgres|both] [--big N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

import httpx
from bench._server_common import (
    database,
    enroll,
    median,
    migrated_engine,
    parse_backends,
    percentile,
)
from sqlalchemy import Engine, text, update
from tests.support.sync_server import SyncServer

from harmony_sync.server import accounts
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


def time_pulls(client: httpx.Client, epoch: str, cursor: int, limit: int) -> list[float]:
    """Wall times of repeated pulls from ``cursor``."""
    times = []
    for _ in range(PULLS):
        began = time.perf_counter()
        response = client.post("/v1/pull", json={"epoch": epoch, "cursor": cursor, "limit": limit})
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.text
    return times


def run(backend: str, big: int) -> None:
    """Measure one backend and print its figures."""
    with database(backend) as url:
        engine = migrated_engine(url)
        hub = accounts.add_hub(engine, "Pull hub")
        results = {}
        with SyncServer(url) as server:
            laptop = enroll(server, engine, [hub])
            total = 0
            for size in (1_000, big):
                filled = time.perf_counter()
                high = fill(engine, hub, size - total)
                total = size
                fill_s = time.perf_counter() - filled
                with httpx.Client(base_url=server.url, headers=laptop["headers"]) as client:
                    time_pulls(client, laptop["epoch"], high, 500)  # warm up
                    noop = time_pulls(client, laptop["epoch"], high, 500)
                    page = time_pulls(client, laptop["epoch"], high - 500, 500)
                    body = client.post(
                        "/v1/pull", json={"epoch": laptop["epoch"], "cursor": high}
                    ).json()
                    assert body["rows"] == [] and not body["has_more"]
                results[size] = (median(noop), percentile(noop, 99), median(page))
                print(
                    f"[{backend}] log of {size:>9,} changes (filled in {fill_s:.1f} s): "
                    f"no-op pull median {median(noop) * 1000:.2f} ms, "
                    f"p99 {percentile(noop, 99) * 1000:.2f} ms; "
                    f"500-row page median {median(page) * 1000:.1f} ms"
                )
        engine.dispose()
    small, large = results[1_000][0], results[big][0]
    print(
        f"[{backend}]   no-op ratio {big:,} / 1,000: {large / small:.2f} "
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
