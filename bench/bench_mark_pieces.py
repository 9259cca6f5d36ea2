"""Where the time of one tracked mark goes, piece by piece, in microseconds. Prints figures.

    python -m bench.bench_mark_pieces            3,000 marks each way, full-scale database

``bench_store --only writes`` says how far a tracked mark is from plain ``sqlite3`` (the
1.3x target, with the disk's ``fsync``); this says what the difference is made of, with
the disk out of the way (``synchronous=OFF``: what is left is CPU, the part the disk does
not hide):

1. each statement alone, through plain ``sqlite3`` on a copy of the database: plain's
   (``BEGIN IMMEDIATE``, the UPDATE by id, ``COMMIT``) and the tracked write's
   (``BEGIN IMMEDIATE``, ``PRAGMA data_version``, the stored row, the UPDATE by rowid,
   the outbox entry, ``COMMIT``);
2. ``store.write()`` + ``writer.upsert`` of a new mark and of a correction, in three
   pieces: the block's start (its connection, ``BEGIN IMMEDIATE``), the upsert (its
   statements and its Python), the block's end (``COMMIT``);
3. the same correction's Python alone: the driver replaced by a stand-in that answers
   every statement at once with a fixed row.

Medians; the machine's load is printed at the end (figures taken at a load above one per
core are not worth comparing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._common import copy_database, demo_database
from bench.bench_store import BENCH_TODAY, _now_iso, _Target, _unmarked_targets, plain_connection
from harmony_desktop.demo import DEFAULT_SEED
from harmony_desktop.store.db import Store
from harmony_desktop.store.models import AttendanceMark, Hub

_STAMP = "001800000000000-00000-0123456789abcdef"
_READ = (
    "SELECT rowid, id, hub_id, deleted, clocks, session_id, student_id, code, recorded_by,"
    " recorded_at FROM attendance_mark WHERE id = ?"
)
_INSERT = (
    "INSERT INTO attendance_mark (id, hub_id, deleted, clocks, session_id, student_id, code,"
    " reason, note, recorded_by, recorded_at, collected_by, walked_home) VALUES (?, ?, 0, ?, ?,"
    " ?, ?, '', '', ?, ?, '', 0)"
)
_UPDATE_BY_ID = "UPDATE attendance_mark SET code = ?, recorded_by = ?, recorded_at = ? WHERE id = ?"
_UPDATE_BY_ROWID = (
    "UPDATE attendance_mark SET code = ?, recorded_at = ?, clocks = ? WHERE rowid = ?"
)
_OUTBOX = (
    'INSERT INTO outbox (mutation_id, table_name, row_id, hub_id, "values", clock, bases,'
    " created_at) VALUES (?, 'attendance_mark', ?, ?, ?, ?, ?, ?)"
)


def _median_us(samples: list[int]) -> float:
    return statistics.median(samples) / 1000


def _line(label: str, pieces: dict[str, list[int]]) -> None:
    total = sum(_median_us(v) for v in pieces.values())
    print(
        f"  {label}: "
        + ", ".join(f"{name} {_median_us(v):.1f}" for name, v in pieces.items())
        + f"; sum {total:.1f} us"
    )


def statements(path: Path, targets: list[_Target], teacher: str) -> None:
    """Each statement of a correction alone: plain's, then the tracked write's."""
    print("\n== 1. a correction's statements alone (plain sqlite3, synchronous=OFF, us)")
    conn = plain_connection(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    clocks = f'{{"*": "{_STAMP}"}}'
    for t in targets:  # every target marked first: the runs below correct them
        conn.execute(
            _INSERT, (t.mark_id, t.hub_id, clocks, t.session_id, t.student_id, "P", teacher, "")
        )
    conn.execute("COMMIT")
    now = time.perf_counter_ns
    plain: dict[str, list[int]] = {"BEGIN": [], "UPDATE by id": [], "COMMIT": []}
    tracked: dict[str, list[int]] = {
        "BEGIN": [], "data_version": [], "read": [], "UPDATE by rowid": [], "outbox": [],
        "COMMIT": [],
    }  # fmt: skip
    restamped = f'{{"*": "{_STAMP}", "code": "{_STAMP}", "recorded_at": "{_STAMP}"}}'
    bases = f'{{"code": "{_STAMP}", "recorded_at": "{_STAMP}"}}'
    first_id = (int(time.time() * 1000) - 10_000) * 100_000 + 99_000
    for i, t in enumerate(targets):
        stamp = _now_iso()
        code = "LA"[i % 2]
        if i % 2:
            a = now()
            conn.execute("BEGIN IMMEDIATE")
            b = now()
            conn.execute(_UPDATE_BY_ID, (code, teacher, stamp, t.mark_id))
            c = now()
            conn.execute("COMMIT")
            d = now()
            for name, took in zip(plain, (b - a, c - b, d - c), strict=True):
                plain[name].append(took)
            continue
        values = f'{{"code": "{code}", "recorded_at": "{stamp}"}}'
        a = now()
        conn.execute("BEGIN IMMEDIATE")
        b = now()
        conn.execute("PRAGMA data_version").fetchone()
        c = now()
        stored = conn.execute(_READ, (t.mark_id,)).fetchone()
        d = now()
        conn.execute(_UPDATE_BY_ROWID, (code, stamp, restamped, stored[0]))
        e = now()
        conn.execute(_OUTBOX, (first_id + i, t.mark_id, t.hub_id, values, _STAMP, bases, stamp))
        f = now()
        conn.execute("COMMIT")
        g = now()
        for name, took in zip(
            tracked, (b - a, c - b, d - c, e - d, f - e, g - f), strict=True
        ):  # fmt: skip
            tracked[name].append(took)
    conn.close()
    _line("plain  ", plain)
    _line("tracked", tracked)


def tracked_pieces(path: Path, targets: list[_Target], teacher: str) -> None:
    """``store.write()`` + ``writer.upsert``: the block's start, the upsert, its end."""
    print("\n== 2. store.write() + writer.upsert in pieces (synchronous=OFF, us)")
    with Store(path) as store:
        with store.write() as w:
            w.insert(Hub(name="Pieces"))  # the connection made, its clock kept
        # the thread's kept write connection, between two writes (not in a transaction)
        store._writers.kept.dbapi.execute("PRAGMA synchronous=OFF")
        now = time.perf_counter_ns
        for label, code in (("new mark  ", "P"), ("correction", "L")):
            pieces: dict[str, list[int]] = {"block start": [], "upsert": [], "block end": []}
            for t in targets:
                recorded_at = _now_iso()
                a = now()
                block = store.write()
                writer = block.__enter__()
                b = now()
                writer.upsert(
                    AttendanceMark, t.mark_id, session_id=t.session_id,
                    student_id=t.student_id, hub_id=t.hub_id, code=code,
                    recorded_by=teacher, recorded_at=recorded_at,
                )  # fmt: skip
                c = now()
                block.__exit__(None, None, None)
                d = now()
                for name, took in zip(pieces, (b - a, c - b, d - c), strict=True):
                    pieces[name].append(took)
            _line(label, pieces)


class _Answers:
    """A stand-in for the driver's connection: every statement answered at once."""

    total_changes = 0
    in_transaction = False

    def __init__(self, row: tuple[Any, ...], version: int) -> None:
        self._row = _Cursor(row)
        self._version = _Cursor((version,))
        self._none = _Cursor(None)

    def execute(self, sql: str, _params: Any = ()) -> _Cursor:
        if sql.startswith("SELECT"):
            return self._row
        if sql.startswith("PRAGMA"):
            return self._version
        return self._none

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass


class _Cursor:
    __slots__ = ("_row",)

    def __init__(self, row: tuple[Any, ...] | None) -> None:
        self._row = row

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._row


def python_alone(folder: Path, repeats: int) -> None:
    """A correction's Python: the driver answers at once, the rest is the app's code."""
    print("\n== 3. a correction's Python alone (the driver a stand-in that answers at once)")
    with Store(folder / "python-alone.sqlite3") as store:
        with store.write() as w:
            w.insert(Hub(name="Python alone"))
        kept = store._writers.kept  # the thread's kept connection and clock
        real = kept.dbapi
        version = real.execute("PRAGMA data_version").fetchone()[0]
        _Answers.total_changes = real.total_changes
        row = (5, "m" * 36, "h" * 36, 0, f'{{"*": "{_STAMP}"}}', "s" * 36, "t" * 36, "h" * 36,
               "P", "x" * 36, "2026-11-18T00:00:00+00:00")  # fmt: skip
        kept.dbapi = _Answers(row, version)
        try:

            def one() -> None:
                with store.write() as w:
                    w.upsert(
                        AttendanceMark, "m" * 36, session_id="s" * 36, student_id="t" * 36,
                        hub_id="h" * 36, code="L", recorded_by="x" * 36,
                        recorded_at="2026-11-18T00:00:01+00:00",
                    )  # fmt: skip

            took = _timed(one, repeats)
        finally:
            kept.dbapi = real
    print(f"  store.write() + writer.upsert, a correction: median {took:.1f} us")


def _timed(action: Callable[[], None], repeats: int) -> float:
    for _ in range(repeats // 10):  # warm-up
        action()
    samples = []
    for _ in range(repeats):
        began = time.perf_counter_ns()
        action()
        samples.append(time.perf_counter_ns() - began)
    return _median_us(samples)


def main(argv: list[str] | None = None) -> int:
    """Print where one tracked mark's time goes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marks", type=int, default=3000, help="marks each way")
    args = parser.parse_args(argv)
    path, _summary = demo_database(seed=DEFAULT_SEED, today=BENCH_TODAY)
    with tempfile.TemporaryDirectory(prefix="harmony-bench-") as name:
        folder = Path(name)
        for way in ("statements", "tracked"):
            (folder / way).mkdir()
        copies = {way: copy_database(path, folder / way) for way in ("statements", "tracked")}
        with Store(copies["tracked"]) as store:
            targets, teacher = _unmarked_targets(store, 2 * args.marks)
        statements(copies["statements"], targets[: args.marks], teacher)
        tracked_pieces(copies["tracked"], targets[args.marks :], teacher)
        python_alone(folder, 10 * args.marks)
    print(f"\nload average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
