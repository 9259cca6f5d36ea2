"""How long the console's sync-health report takes to build (``health.build_report``).

Every console page that shows hubs or devices (Sync health, Devices, a device, Hubs) and
``harmony-sync admin health`` build it once per request. A generated server database of
a full-scale programme: 17 hubs in Los Angeles, each with 8 ensembles (two follow the
terms, one is archived; two more hubs have only archived ensembles), 3 laptops and a data
manager's, the programme's year, terms and closures and each hub's own closures, each
laptop synced today or yesterday, one in seven
4 to 11 days ago; and 200,000 attendance marks in the
change log the report does not read. The figures are medians of 60 builds after 5
warm-up ones, with the 90th percentile and the median CPU time of this process (SQLite's
included, not PostgreSQL's): the report alone, and the Sync health and Hubs
pages as the office gets them (in-process, signed in; the report and the template).

    python -m bench.bench_console_health [--backend sqlite|postgres|both] [--marks N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from tests.server.console import Clock, Console, signed_in
from tests.server.fakes import Laptop, new_id

from bench._server_common import database, median, migrated_engine, parse_backends, percentile
from bench.bench_server_pull import fill
from harmony_sync.server import accounts
from harmony_sync.server.admin import health
from harmony_sync.server.admin.settings import ConsoleSettings
from harmony_sync.server.app import create_app

HUBS = 17
LAPTOPS = 3
ZONE = ZoneInfo("America/Los_Angeles")
#: "Now": a Tuesday afternoon in Los Angeles.
NOW = datetime(2026, 11, 24, 16, 30, tzinfo=ZONE).astimezone(UTC)
BUILDS, WARM_UP = 60, 5


def ensembles(hub: int) -> list[dict[str, object]]:
    """A hub's 8 ensembles: weekday afternoons, Saturday mornings; two follow the terms,
    one is archived. Hubs 15 and 16 have only archived ones."""
    out: list[dict[str, object]] = []
    for n in range(8):
        days = [(hub + n) % 5, (hub + n + 2) % 5] if n < 6 else [5]
        start, end = ("09:00", "12:00") if n >= 6 else ("15:30", "17:00")
        schedule = [{"weekday": d, "start": start, "end": end} for d in days]
        out.append(
            {
                "name": f"Ensemble {n + 1}",
                "schedule": json.dumps(schedule),
                "follows_terms": n in (1, 2),
                "archived": n == 7 or hub >= HUBS - 2,
                "first_day": "2026-08-17" if n == 3 else None,
            }
        )
    return out


def build(engine: Engine, marks: int) -> ConsoleSettings:
    """The database; returns the console settings its report is built with."""
    clock = Clock(NOW - timedelta(days=15))
    settings = ConsoleSettings(clock=clock, timezone="America/Los_Angeles")
    client = TestClient(create_app(engine, settings))
    manager = Laptop(client, engine, [], data_manager=True)
    year = {"label": "2026-27", "first_day": "2026-08-01", "last_day": "2027-06-15"}
    terms = [
        {
            "year_label": "2026-27",
            "name": "Fall",
            "first_day": "2026-08-17",
            "last_day": "2026-12-18",
        },
        {
            "year_label": "2026-27",
            "name": "Spring",
            "first_day": "2027-01-11",
            "last_day": "2027-05-28",
        },
    ]
    holidays = [date(2026, 9, 7), date(2026, 11, 11), date(2026, 11, 26), date(2026, 11, 27)]
    holidays += [date(2026, 12, 21) + timedelta(days=d) for d in range(12)]
    rows = [manager.mutation("programme_year", new_id(), None, year)]
    rows += [manager.mutation("term", new_id(), None, t) for t in terms]
    rows += [
        manager.mutation("closure", new_id(), None, {"date": d.isoformat(), "reason": "Holiday"})
        for d in holidays
    ]
    assert manager.client.get("/v1/session", headers=manager.headers).status_code == 200
    manager.push(rows)
    hub_ids = [accounts.add_hub(engine, f"Hub {n + 1:02d}") for n in range(HUBS)]
    laptops: list[Laptop] = []
    for n, hub in enumerate(hub_ids):
        mine = [Laptop(client, engine, [hub]) for _ in range(LAPTOPS)]
        first = mine[0]
        assert first.client.get("/v1/session", headers=first.headers).status_code == 200
        values = {"name": f"Hub {n + 1:02d}", "timezone": "America/Los_Angeles"}
        own = [first.mutation("hub", hub, hub, values)]
        own += [first.mutation("ensemble", new_id(), hub, e) for e in ensembles(n)]
        own += [
            first.mutation(
                "closure", new_id(), hub, {"date": f"2026-10-{10 + n:02d}", "reason": "Park"}
            )
        ]
        first.push(own)
        laptops += mine
    for n, laptop in enumerate([*laptops, manager]):
        # most today or yesterday; every seventh one to eleven days ago
        hours = 24 * (4 + n % 8) if n % 7 == 0 else 1 + n % 30
        clock.now = NOW - timedelta(hours=hours)
        assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
        laptop.pull_all()
    assert client.app.state.console_contacts.flush()  # type: ignore[attr-defined]
    client.close()
    for hub in hub_ids:  # last: the laptops above did not pull them
        fill(engine, hub, marks // HUBS)
    clock.now = NOW
    return settings


def timed(what: Callable[[], object]) -> tuple[list[float], list[float]]:
    """The seconds each of BUILDS calls of ``what`` took, after WARM_UP others: on the
    clock, and of this process's CPU (on a shared machine, less the others' load)."""
    wall, cpu = [], []
    for n in range(WARM_UP + BUILDS):
        began, began_cpu = time.perf_counter(), time.process_time()
        what()
        if n >= WARM_UP:
            wall.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
    return wall, cpu


def figures(times: tuple[list[float], list[float]]) -> str:
    wall, cpu = times
    return (
        f"median {median(wall) * 1000:.1f} ms, p90 {percentile(wall, 90) * 1000:.1f} ms "
        f"(CPU {median(cpu) * 1000:.1f} ms)"
    )


def run(backend: str, marks: int) -> None:
    with database(backend) as url:
        engine = migrated_engine(url)
        try:
            began = time.perf_counter()
            settings = build(engine, marks)
            print(f"[{backend}] built the database in {time.perf_counter() - began:.1f} s")
            report = health.build_report(engine, settings)
            times = timed(lambda: health.build_report(engine, settings))
            print(
                f"[{backend}] build_report, {len(report.hubs)} hubs, {len(report.devices)} "
                f"devices ({len(report.flagged)} flagged): {figures(times)}"
            )
            console = Console(engine, Clock(NOW))
            office, _csrf = signed_in(console, "office")
            for path in ("/admin", "/admin/hubs"):
                assert office.get(path).status_code == 200
                times = timed(lambda path=path: office.get(path))  # type: ignore[misc]
                print(f"[{backend}] GET {path}: {figures(times)}")
        finally:
            engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--marks", type=int, default=200_000)
    args, _ = parser.parse_known_args()
    for backend in parse_backends(__doc__ or ""):
        run(backend, args.marks)


if __name__ == "__main__":
    main()
