"""Shared set-up for the sync server benchmarks: databases, a real server, clients.

Not a benchmark itself (``./dev bench`` runs it as a no-op).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from tests.support.postgres import PostgresCluster
from tests.support.sync_server import enroll_over_http

from harmony_sync.hlc import HybridLogicalClock
from harmony_sync.server import db


def parse_backends(description: str) -> list[str]:
    """``--backend sqlite|postgres|both`` (default both)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args, _ = parser.parse_known_args()
    return ["sqlite", "postgres"] if args.backend == "both" else [args.backend]


@contextlib.contextmanager
def database(backend: str) -> Iterator[str]:
    """A fresh database URL for ``backend``, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="harmony-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    with PostgresCluster() as cluster:
        yield cluster.create_database("bench")


def migrated_engine(url: str) -> Engine:
    """An engine on ``url`` with the server schema."""
    engine = db.make_engine(url)
    db.upgrade(engine)
    return engine


#: Create and enroll one device over HTTP: its auth headers, node and epoch.
enroll = enroll_over_http


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def roll_call(
    hub: str, clock: HybridLogicalClock, first_id: int, marks: int
) -> list[dict[str, Any]]:
    """One class's roll as a device pushes it: its ensemble, today's session, then one
    attendance mark per (generated) student, with consecutive mutation ids."""
    ensemble, session = str(uuid.uuid4()), str(uuid.uuid4())
    rows: list[tuple[str, str, dict[str, Any]]] = [
        ("ensemble", ensemble, {"name": "Bench strings", "capacity": 30, "deleted": False}),
        (
            "session",
            session,
            {
                "ensemble_id": ensemble,
                "date": "2026-11-16",
                "start": "15:30:00",
                "end": "17:00:00",
                "status": "held",
                "deleted": False,
            },
        ),
    ]
    rows += [
        (
            "attendance_mark",
            str(uuid.uuid4()),
            {
                "session_id": session,
                "student_id": str(uuid.uuid4()),
                "code": "P",
                "note": "",
                "deleted": False,
            },
        )
        for _ in range(marks)
    ]
    out = []
    for n, (table, row_id, values) in enumerate(rows):
        stamp = clock.now()
        out.append(
            {
                "mutation_id": first_id + n,
                "table": table,
                "row_id": row_id,
                "hub_id": hub,
                "values": values,
                "clocks": dict.fromkeys(values, stamp),
                "bases": dict.fromkeys(values),
            }
        )
    return out
