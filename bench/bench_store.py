"""Benchmarks of the local store at Harmony Project LA's size. Prints figures; asserts nothing.

    python -m bench.bench_store            full scale: 17 hubs, 3,500 students, two years
    python -m bench.bench_store --quick    one 200-student hub (a few seconds)

1. Recording one attendance mark durably (WAL, synchronous=FULL) through the change
   writer (``store.write()`` + ``writer.upsert``, one outbox row in the same transaction),
   against the same row upsert through an untracked session (``store.raw_write()``),
   interleaved in one run: median, p99 and the tracked/untracked ratio.
2. Opening the store (integrity check + migration check) and loading one hub's roster
   (its students and their ensembles) with a plain query.
3. Roster search over every student, as a UI filter does on each key press: per-query
   time, median and p99, against the 16 ms frame.

The demo database is generated once and cached in the temp folder (see ``_common``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import func
from sqlmodel import col, select

from bench._common import (
    FRAME_MS,
    copy_database,
    demo_database,
    percentile,
    summarize_ms,
    timed_ms,
)
from harmony_desktop.demo import DEFAULT_SEED
from harmony_desktop.store.db import Store, check_integrity
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Enrollment,
    Ensemble,
    Hub,
    Staff,
    Student,
)
from harmony_sync.protocol import attendance_mark_id

#: The fixed "today" of the benchmark database, so the cache stays valid across days.
BENCH_TODAY = dt.date(2026, 11, 18)


def _heading(text: str) -> None:
    print(f"\n== {text}")


# -- 1. one mark, tracked vs untracked -------------------------------------------------


@dataclass(frozen=True)
class _Target:
    session_id: str
    student_id: str
    hub_id: str

    @property
    def mark_id(self) -> str:
        return attendance_mark_id(self.session_id, self.student_id)


def _unmarked_targets(store: Store, needed: int) -> tuple[list[_Target], str]:
    """(session, student) pairs with no mark yet: today's and missing-roll sessions of
    each hub crossed with that hub's students. Also returns a teacher id."""
    with store.read() as s:
        sessions = s.exec(
            select(ClassSession.id, ClassSession.hub_id).where(ClassSession.status == "scheduled")
        ).all()
        students = s.exec(select(Student.id, Student.hub_id)).all()
        teacher = s.exec(select(Staff.id).where(Staff.role == "teacher")).first()
    by_hub: dict[str, list[str]] = defaultdict(list)
    for student_id, hub_id in students:
        by_hub[str(hub_id)].append(student_id)
    targets: list[_Target] = []
    for session_id, hub_id in sessions:
        for student_id in by_hub[str(hub_id)]:
            targets.append(_Target(session_id, student_id, str(hub_id)))
            if len(targets) >= needed:
                return targets, str(teacher)
    raise SystemExit(f"only {len(targets)} unmarked (session, student) pairs; need {needed}")


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _tracked(store: Store, target: _Target, code: str, teacher: str) -> None:
    with store.write() as writer:
        writer.upsert(
            AttendanceMark,
            target.mark_id,
            session_id=target.session_id,
            student_id=target.student_id,
            hub_id=target.hub_id,
            code=code,
            recorded_by=teacher,
            recorded_at=_now_iso(),
        )


def _untracked(store: Store, target: _Target, code: str, teacher: str) -> None:
    with store.raw_write() as session:
        row = session.get(AttendanceMark, target.mark_id)
        if row is None:
            row = AttendanceMark(
                id=target.mark_id,
                session_id=target.session_id,
                student_id=target.student_id,
                hub_id=target.hub_id,
            )
        row.code = code
        row.recorded_by = teacher
        row.recorded_at = _now_iso()
        session.add(row)


def bench_mark_writes(path: Path, marks: int) -> None:
    """Median/p99 of one durable mark, with and without change tracking."""
    _heading(f"Recording one attendance mark, durable ({marks} marks each way, interleaved)")
    with tempfile.TemporaryDirectory(prefix="harmony-bench-") as folder:
        copy = copy_database(path, Path(folder))
        with Store(copy) as store:
            with store.raw_write() as s:
                conn = s.connection()
                journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
                sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
            print(f"journal_mode={journal}, synchronous={sync} (2 = FULL)")
            warmup = 20
            targets, teacher = _unmarked_targets(store, 2 * (marks + warmup))
            outbox_before = store.pending_changes()
            phases = ("new mark", "correct a mark")
            wall: dict[str, dict[str, list[float]]] = {
                p: {"tracked": [], "untracked": []} for p in phases
            }
            cpu: dict[str, dict[str, list[float]]] = {
                p: {"tracked": [], "untracked": []} for p in phases
            }
            for phase, code in zip(phases, ("P", "L"), strict=True):
                for i in range(marks + warmup):
                    a, b = targets[2 * i], targets[2 * i + 1]
                    # Alternate which goes first so neither always follows a checkpoint.
                    order: list[tuple[str, Callable[[], None]]] = [
                        ("tracked", partial(_tracked, store, a, code, teacher)),
                        ("untracked", partial(_untracked, store, b, code, teacher)),
                    ]
                    if i % 2:
                        order.reverse()
                    for name, action in order:
                        began_cpu = time.process_time()
                        ms = timed_ms(action)
                        if i >= warmup:
                            wall[phase][name].append(ms)
                            cpu[phase][name].append((time.process_time() - began_cpu) * 1000)
            queued = store.pending_changes() - outbox_before
        for phase in phases:
            tracked, untracked = wall[phase]["tracked"], wall[phase]["untracked"]
            print(f"{phase} (wall time, includes the fsync of the commit):")
            print(f"  tracked   (writer.upsert + outbox): {summarize_ms(tracked)}")
            print(f"  untracked (raw session upsert):     {summarize_ms(untracked)}")
            ratio_median = statistics.median(tracked) / statistics.median(untracked)
            ratio_p99 = percentile(tracked, 0.99) / percentile(untracked, 0.99)
            verdict = "within" if ratio_median <= 1.5 else "OVER"
            print(
                f"  ratio tracked/untracked: median {ratio_median:.2f}x, p99 {ratio_p99:.2f}x "
                f"({verdict} the 1.5x target)"
            )
            cpu_t = statistics.median(cpu[phase]["tracked"])
            cpu_u = statistics.median(cpu[phase]["untracked"])
            print(
                f"  CPU time of this process: median {cpu_t:.3f} ms vs {cpu_u:.3f} ms "
                f"= {cpu_t / cpu_u:.2f}x"
            )
        print(
            f"outbox entries queued by the tracked writes: {queued} "
            f"(expected {2 * (marks + warmup)})"
        )


# -- 2. opening and loading a roster ----------------------------------------------------


def _load_roster(store: Store, hub_id: str) -> tuple[int, int]:
    """One hub's students and, for each, the ensembles they are enrolled or waiting in."""
    with store.read() as s:
        students = s.exec(
            select(Student)
            .where(Student.hub_id == hub_id, col(Student.deleted).is_(False))
            .order_by(Student.legal_last_name, Student.legal_first_name)
        ).all()
        rows = s.exec(
            select(Enrollment.student_id, Enrollment.status, Ensemble.name)
            .join(Ensemble, col(Enrollment.ensemble_id) == Ensemble.id)
            .where(
                Enrollment.hub_id == hub_id,
                col(Enrollment.deleted).is_(False),
                col(Enrollment.status).in_(("enrolled", "waitlisted")),
            )
        ).all()
    ensembles: dict[str, list[str]] = defaultdict(list)
    for student_id, status, name in rows:
        ensembles[student_id].append(name if status == "enrolled" else f"{name} (waitlist)")
    return len(students), sum(len(v) for v in ensembles.values())


def bench_open_and_roster(path: Path, repeats: int = 5) -> None:
    """Wall time of opening the store and of loading the biggest hub's roster."""
    _heading("Opening the store and loading one hub's roster")
    size_mb = path.stat().st_size / 1e6
    with Store(path) as store, store.read() as s:
        hub_id, hub_name, _students = s.exec(
            select(Hub.id, Hub.name, func.count(col(Student.id)))
            .join(Student, col(Student.hub_id) == Hub.id)
            .group_by(col(Hub.id))
            .order_by(func.count(col(Student.id)).desc())
        ).first() or ("", "", 0)
        totals = {
            model.__name__: int(s.exec(select(func.count()).select_from(model)).one())
            for model in (Hub, Student, ClassSession, AttendanceMark)
        }
    print(f"database: {size_mb:.0f} MB, {totals}")
    integrity = [timed_ms(lambda: check_integrity(path)) for _ in range(repeats)]
    print(f"integrity check alone (PRAGMA quick_check): {summarize_ms(integrity)}")
    opens: list[float] = []
    loads: list[float] = []
    both: list[float] = []
    for _ in range(repeats):
        began = time.perf_counter()
        store = Store(path)
        opened = time.perf_counter()
        students, seats = _load_roster(store, hub_id)
        loaded = time.perf_counter()
        store.close()
        opens.append((opened - began) * 1000)
        loads.append((loaded - opened) * 1000)
        both.append((loaded - began) * 1000)
    print(f"open Store(...) incl. integrity + migration check: {summarize_ms(opens)}")
    print(
        f"load roster of {hub_name!r} ({students} students, {seats} seats): {summarize_ms(loads)}"
    )
    print(f"open + roster (what a teacher waits for): {summarize_ms(both)}")


# -- 3. roster search --------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Sofía' and 'sofia' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


QUERIES = (
    "g",
    "ga",
    "gar",
    "garc",
    "garci",
    "garcia",
    "sof",
    "sofia",
    "mar",
    "maria",
    "lop",
    "hern",
    "jo",
    "john",
    "ale",
    "alex",
    "chuy",
    "nguy",
    "9",
    "903",
    "9030001",
    "viol",
    "cello",
    "trump",
    "voice",
    "perc",
    "k",
    "5",
    "12",
    "inactive",
    "active",
    "zzz",
    "xq",
    "jimena r",
    "sánchez",
    "ángel",
    "emma",
    "liam",
    "rodr",
    "valen",
)


def bench_search(path: Path, per_query: int = 25) -> None:
    """Per-query time of a substring filter over every student, two ways."""
    with Store(path) as store, store.read() as s:
        # Read inside the session: what a roster table model caches for its rows.
        fields = [
            (
                st.legal_first_name,
                st.legal_last_name,
                st.preferred_name,
                st.district_student_id,
                st.instrument,
                st.grade,
                st.status,
            )
            for st in s.exec(select(Student)).all()
        ]
    _heading(f"Roster search over {len(fields)} students ({len(QUERIES)} queries x {per_query})")

    def naive(query: str) -> int:
        # What a filter proxy does without preparation: fold every field on every key press.
        q = _fold(query)
        return sum(1 for row in fields if any(q in _fold(value) for value in row))

    def lowered(query: str) -> int:
        # A case-insensitive proxy filter: lower-case every field per key press, no
        # accent folding (so "sofia" misses "Sofía").
        q = query.lower()
        return sum(1 for row in fields if any(q in value.lower() for value in row))

    haystacks = ["\x1f".join(_fold(v) for v in row) for row in fields]

    def prepared(query: str) -> int:
        # Fold once when the roster loads; each key press is one substring test per row.
        q = _fold(query)
        return sum(1 for hay in haystacks if q in hay)

    for name, search in (
        ("prepared (folded once per load)", prepared),
        ("lower() per key press, no accent folding", lowered),
        ("naive (accent-fold every field per key press)", naive),
    ):
        samples: list[float] = []
        hits = 0
        for _ in range(per_query):
            for query in QUERIES:
                began = time.perf_counter()
                hits = search(query)
                samples.append((time.perf_counter() - began) * 1000)
        over = sum(ms > FRAME_MS for ms in samples)
        print(f"{name}: {summarize_ms(samples)}; {over} over the {FRAME_MS:.0f} ms frame")
        assert hits >= 0
    build = timed_ms(lambda: ["\x1f".join(_fold(v) for v in row) for row in fields])
    print(f"building the prepared haystacks once: {build:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one 200-student hub")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached database")
    parser.add_argument("--marks", type=int, default=500, help="marks per write benchmark")
    parser.add_argument(
        "--only", choices=("open", "search", "writes"), help="run one benchmark only"
    )
    args = parser.parse_args(argv)
    scale = "quick: 1 hub, 200 students" if args.quick else "full: 17 hubs, 3,500 students"
    print(
        f"Harmony store benchmarks ({scale}, two years, seed {args.seed}), "
        f"Python {sys.version.split()[0]}"
    )
    began = time.perf_counter()
    path, summary = demo_database(
        seed=args.seed, today=BENCH_TODAY, quick=args.quick, fresh=args.fresh
    )
    if summary is not None:
        _heading("Generating the demo programme")
        print(f"generate_demo: {summary.describe()}")
        print(f"total incl. checkpoint: {time.perf_counter() - began:.1f} s -> {path}")
    else:
        print(f"using cached database {path}")
    if args.only in (None, "open"):
        bench_open_and_roster(path)
    if args.only in (None, "search"):
        bench_search(path)
    if args.only in (None, "writes"):
        bench_mark_writes(path, args.marks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
