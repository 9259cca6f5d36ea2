"""Shared set-up for the benchmarks: timing helpers and the cached demo databases.

The full-scale database (17 hubs, 3,500 students, two years of marks) takes most of a
minute to generate, so it is made once per (seed, generator version, today) and kept in
the system temp folder. Only generated, synthetic data is ever written there.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from harmony_desktop.demo import DEMO_VERSION, FULL_SCALE, DemoSummary, generate_demo
from harmony_desktop.store.db import Store

#: 16 ms: one frame at 60 Hz, the budget of anything done while the user types.
FRAME_MS = 16.0


def cache_dir() -> Path:
    """Where benchmark databases are cached (a folder in the system temp folder)."""
    folder = Path(tempfile.gettempdir()) / "harmony-bench"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def demo_database(
    *, seed: int, today: dt.date, quick: bool = False, fresh: bool = False
) -> tuple[Path, DemoSummary | None]:
    """A demo database file: full scale, or one 200-student hub with ``quick``.

    Returns its path and the generation summary when it was generated now (None when a
    cached copy was reused). ``fresh`` regenerates even if a cached copy exists.
    """
    scale = "quick" if quick else "full"
    path = cache_dir() / f"{scale}-seed{seed}-v{DEMO_VERSION}-{today.isoformat()}.sqlite3"
    if path.exists() and path.stat().st_size > 0 and not fresh:
        return path, None
    # One partial file per process: two benchmarks generating at once must not write
    # (or delete) each other's file; the last to finish replaces the cached copy.
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    with Store(partial) as store:
        if quick:
            summary = generate_demo(store, hubs=1, seed=seed, today=today)
        else:
            summary = generate_demo(
                store,
                hubs=FULL_SCALE.hubs,
                total_students=FULL_SCALE.students,
                seed=seed,
                today=today,
            )
    # Closing the last connection folded the WAL into the file; make sure, outside any
    # transaction, so the cached file is self-contained.
    conn = sqlite3.connect(partial)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for side in ("-wal", "-shm"):
        partial.with_name(partial.name + side).unlink(missing_ok=True)
    partial.replace(path)
    return path, summary


def copy_database(source: Path, folder: Path) -> Path:
    """A private copy of ``source`` in ``folder`` (benchmarks that write must not touch
    the cached file)."""
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``samples``, nearest-rank."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summarize_ms(samples: Sequence[float]) -> str:
    """Median, p99 and max of millisecond samples, for printing."""
    return (
        f"median {statistics.median(samples):.3f} ms, p99 {percentile(samples, 0.99):.3f} ms, "
        f"max {max(samples):.3f} ms (n={len(samples)})"
    )


def timed_ms(action: Callable[[], object]) -> float:
    """Wall time of one call, in milliseconds."""
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000.0
