"""Capacity of 1, 2 and 4 server processes over one PostgreSQL database.

For each process count, a real ``harmony-sync serve --workers N`` on loopback over a fresh
database in a throwaway PostgreSQL cluster, then three measurements, each with the load
average beside it:

- **mutations/s**: ``--devices`` devices push one class's roll each (``--marks`` marks
  after its ensemble and session, batches of 100) all at once; every mutation must be
  applied exactly once;
- **pulls/s**: ``--pullers`` up-to-date devices pull again and again for ``--seconds``
  (the no-op pull every laptop makes every 10 minutes), and page pulls of 500 rows from
  cursor 0 (a laptop's first sync);
- **baseline**: ``GET /health`` with the same concurrency: an HTTP round trip through
  the same middleware (its one epoch read included) and no endpoint work, the ceiling of
  this machine for any request.

Pulls are sent by two load processes (plain ``http.client``, one thread per puller, each
on its own keep-alive connection). They run on the same machine (and cores) as the
server and PostgreSQL, so on a small machine the figures are pessimistic; compare
process counts within one run.

    python -m bench.bench_server_processes [--processes 1 2 4] [--devices 40] [--marks 500]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import func, select
from tests.support.postgres import PostgresCluster
from tests.support.sync_server import SyncServer

from bench._server_common import enroll, migrated_engine, roll_call
from harmony_sync.hlc import HybridLogicalClock
from harmony_sync.server import accounts
from harmony_sync.server.accounts import ROWS

BATCH = 100


def load() -> str:
    """The 1-minute load average, for the figures beside it."""
    return f"{os.getloadavg()[0]:.1f}"


#: One request a load thread repeats: method, path, headers, body.
Request = tuple[str, str, dict[str, str], bytes]


def _repeat(port: int, requests: list[Request], start_at: float, seconds: float) -> int:
    """In a load process: one thread per request, each repeating it on its own keep-alive
    connection from ``start_at`` for ``seconds``; the number of 200 answers."""
    done = [0] * len(requests)

    def loop(n: int) -> None:
        method, path, headers, body = requests[n]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        time.sleep(max(0.0, start_at - time.time()))
        while time.time() < start_at + seconds:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{method} {path} answered {response.status}")
            done[n] += 1
        conn.close()

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(len(requests))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done)


def hammer(port: int, requests: list[Request], seconds: float, processes: int = 2) -> float:
    """Requests per second answered while ``processes`` load processes (plain http.client,
    the lightest Python client) repeat ``requests``, one thread each, for ``seconds``."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        pool.map(time.sleep, [0.0] * processes * 4)  # every load process is up
        start_at = time.time() + 0.5  # and connected by then
        counts = pool.starmap(
            _repeat, [(port, requests[k::processes], start_at, seconds) for k in range(processes)]
        )
    return sum(counts) / seconds


def measure(cluster: PostgresCluster, processes: int, args: argparse.Namespace) -> dict[str, Any]:
    """The three figures for one process count."""
    name = f"bench{processes}"
    url = cluster.create_database(name)
    engine = migrated_engine(url)
    hub = accounts.add_hub(engine, "Bench hub")
    figures: dict[str, Any] = {"processes": processes}
    with SyncServer(url, serve_args=("--workers", str(processes))) as server:
        laptops = [enroll(server, engine, [hub]) for _ in range(args.devices + args.pullers)]
        pushers, pullers = laptops[: args.devices], laptops[args.devices :]

        barrier = threading.Barrier(len(pushers) + 1)

        def push_roll(laptop: dict[str, Any]) -> None:
            batch = roll_call(hub, HybridLogicalClock(laptop["node"]), 1, args.marks)
            with httpx.Client(base_url=server.url, headers=laptop["headers"], timeout=300) as c:
                barrier.wait()
                for start in range(0, len(batch), BATCH):
                    body = {"epoch": laptop["epoch"], "mutations": batch[start : start + BATCH]}
                    while c.post("/v1/push", json=body).status_code != 200:
                        time.sleep(0.2)  # a transient 503: retry, as the laptops do

        threads = [threading.Thread(target=push_roll, args=(lap,)) for lap in pushers]
        for t in threads:
            t.start()
        before = load()
        barrier.wait()
        started = time.monotonic()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        mutations = len(pushers) * (args.marks + 2)
        with engine.connect() as conn:
            stored = conn.execute(
                select(func.count()).select_from(ROWS).where(ROWS.c.hub_id == hub)
            ).scalar_one()
        if stored != 1 + len(pushers) * (args.marks + 2):
            raise SystemExit(f"{stored} rows stored for {mutations} mutations")
        figures["mutations/s"] = mutations / elapsed
        figures["push load"] = f"{before}->{load()}"

        heads = []
        for laptop in pullers:
            cursor, more = 0, True
            with httpx.Client(base_url=server.url, headers=laptop["headers"], timeout=60) as c:
                while more:  # catch up first: the measured pulls find nothing new
                    page = c.post(
                        "/v1/pull", json={"epoch": laptop["epoch"], "cursor": cursor, "limit": 1000}
                    ).json()
                    cursor, more = page["cursor"], page["has_more"]
            heads.append(cursor)

        def pulls(cursor_of: Callable[[int], int], limit: int) -> list[Request]:
            return [
                (
                    "POST",
                    "/v1/pull",
                    {**lap["headers"], "Content-Type": "application/json"},
                    json.dumps(
                        {"epoch": lap["epoch"], "cursor": cursor_of(n), "limit": limit}
                    ).encode(),
                )
                for n, lap in enumerate(pullers)
            ]

        health: list[Request] = [("GET", "/health", {}, b"")] * len(pullers)
        for label, requests in (
            ("no-op pulls/s", pulls(lambda n: heads[n], 500)),
            ("500-row pages/s", pulls(lambda n: 0, 500)),
            ("GET /health/s", health),
        ):
            before = load()
            figures[label] = hammer(server.port, requests, args.seconds)
            figures[label + " load"] = f"{before}->{load()}"
    engine.dispose()
    cluster.drop_database(name)
    return figures


def main() -> None:
    """Measure each process count and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--devices", type=int, default=40)
    parser.add_argument("--marks", type=int, default=500)
    parser.add_argument("--pullers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    args, _ = parser.parse_known_args()
    rows = []
    with PostgresCluster() as cluster:
        for processes in args.processes:
            figures = measure(cluster, processes, args)
            rows.append(figures)
            print(figures, flush=True)
    print(
        f"\n{args.devices} devices x {args.marks + 2} mutations (batches of {BATCH}); "
        f"{args.pullers} pullers for {args.seconds:.0f} s; {os.cpu_count()} CPUs; "
        "load = 1-minute load average before->after"
    )
    print(
        "| processes | mutations/s | load | no-op pulls/s | load | 500-row pages/s | load "
        "| GET /health/s (baseline) | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for f in rows:
        print(
            f"| {f['processes']} | {f['mutations/s']:,.0f} | {f['push load']} "
            f"| {f['no-op pulls/s']:,.0f} | {f['no-op pulls/s load']} "
            f"| {f['500-row pages/s']:,.1f} | {f['500-row pages/s load']} "
            f"| {f['GET /health/s']:,.0f} | {f['GET /health/s load']} |"
        )


if __name__ == "__main__":
    main()
