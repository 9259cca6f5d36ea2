"""Benchmarks of the local store at Harmony Project LA's size. Prints figures; asserts nothing.

    python -m bench.bench_store            full scale: 17 hubs, 3,500 students, two years
    python -m bench.bench_store --quick    one 200-student hub (a few seconds)

1. Recording one attendance mark durably (WAL, synchronous=FULL), a new one and a
   correction, four ways interleaved in one run: through the change writer
   (``store.write()`` + ``writer.upsert``: the row, its clocks and one outbox row in the
   same transaction), through an untracked ORM session (``store.raw_write()``), through
   plain stdlib ``sqlite3`` with the same pragmas and transaction shape (``BEGIN
   IMMEDIATE``, one INSERT or UPDATE, ``COMMIT``), and the tracked write's statements
   alone through plain ``sqlite3`` (whether the kept clock is current, the stored row,
   the row with its clocks, the outbox entry): the floor the tracked write would reach
   if its Python took no time; and, as the physical limit of a durable commit, one 4 KiB
   write and ``fsync`` of a file on the same disk. Medians, p99, and the ratios. Run
   twice: each way on its own copy of the database (a laptop, where the app is the one
   writer while the roll is taken: the 1.3x target), then all four on one database
   (each write follows another connection's commit, as when a sync writes at the same
   moment).
   Then one mark as a key press on the register writes it (``RollService.mark``: the
   session, student and code checks, the stored mark, then the tracked write), against
   plain ``sqlite3``, each on its own copy.
2. A batch of 500 marks in one transaction ("mark all remaining present" on a 500-student
   ensemble) and its undo (500 marks set back in one step), against plain ``sqlite3``
   ``executemany`` of the same 500 rows in one transaction.
3. Opening the store (integrity check + migration check) and loading one hub's roster
   (its students and their ensembles) with a plain query.
4. Roster search over every student as the roster page runs it on each key press:
   ``RosterService.search`` over the loaded entries, and the roster table model.

The demo database is generated once and cached in the temp folder (see ``_common``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from bench._common import (
    FRAME_MS,
    copy_database,
    demo_database,
    summarize_ms,
    timed_ms,
)
from harmony_desktop.demo import DEFAULT_SEED
from harmony_desktop.services.roll import RollService
from harmony_desktop.store.db import BUSY_TIMEOUT_MS, Store, check_integrity
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Enrollment,
    Ensemble,
    Hub,
    Staff,
    Student,
)
from harmony_sync.protocol import attendance_mark_id, session_id

#: The fixed "today" of the benchmark database, so the cache stays valid across days.
BENCH_TODAY = dt.date(2026, 11, 18)


def _heading(text: str) -> None:
    print(f"\n== {text}")


# -- 1. one mark: tracked, untracked ORM, plain sqlite3 ---------------------------------------------


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
    for sid, hub_id in sessions:
        for student_id in by_hub[str(hub_id)]:
            targets.append(_Target(sid, student_id, str(hub_id)))
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


def plain_connection(path: Path) -> sqlite3.Connection:
    """A stdlib connection with the store's pragmas; transactions are ours to begin."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


_PLAIN_INSERT = (
    "INSERT INTO attendance_mark (id, hub_id, deleted, clocks, session_id, student_id, code, "
    "reason, note, recorded_by, recorded_at) VALUES (?, ?, 0, '{}', ?, ?, ?, '', '', ?, ?)"
)
_PLAIN_UPDATE = "UPDATE attendance_mark SET code = ?, recorded_by = ?, recorded_at = ? WHERE id = ?"


def _plain(conn: sqlite3.Connection, target: _Target, code: str, teacher: str, new: bool) -> None:
    conn.execute("BEGIN IMMEDIATE")
    if new:
        conn.execute(
            _PLAIN_INSERT,
            (
                target.mark_id,
                target.hub_id,
                target.session_id,
                target.student_id,
                code,
                teacher,
                _now_iso(),
            ),
        )
    else:
        conn.execute(_PLAIN_UPDATE, (code, teacher, _now_iso(), target.mark_id))
    conn.execute("COMMIT")


#: The statements a tracked write runs besides plain's (whether its kept clock is current,
#: the stored row, the row's clocks, the outbox entry), with fixed values: the floor of
#: the tracked write if its Python took no time. (A write whose clock is not kept, after
#: another connection's commit, also reads the clock: one query more.)
_FLOOR_CLOCK = "PRAGMA data_version"
_FLOOR_READ = (
    "SELECT rowid, id, hub_id, deleted, clocks, session_id, student_id, code, recorded_by,"
    " recorded_at FROM attendance_mark WHERE id = ?"
)
_FLOOR_INSERT = (
    "INSERT INTO attendance_mark (id, hub_id, deleted, clocks, session_id, student_id, code,"
    " reason, note, recorded_by, recorded_at, collected_by, walked_home) VALUES (?, ?, 0, ?, ?,"
    " ?, ?, '', '', ?, ?, '', 0)"
)
_FLOOR_UPDATE = "UPDATE attendance_mark SET code = ?, recorded_at = ?, clocks = ? WHERE rowid = ?"
_FLOOR_OUTBOX = (
    'INSERT INTO outbox (mutation_id, table_name, row_id, hub_id, "values", clock, bases,'
    " created_at) VALUES (?, 'attendance_mark', ?, ?, ?, ?, ?, ?)"
)
_STAMP = "001800000000000-00000-0123456789abcdef"
_SEQ = iter(range(10**9))
_FLOOR_BASES = json.dumps(dict.fromkeys(("code", "recorded_at"), _STAMP), sort_keys=True)


def _floor(conn: sqlite3.Connection, target: _Target, code: str, teacher: str, new: bool) -> None:
    """The tracked write's statements through plain ``sqlite3``, no change writer."""
    now = _now_iso()
    mark_id = target.mark_id
    # an id in the past, with a counter no real write reaches: never one the writer issues
    mutation_id = (int(time.time() * 1000) - 5000) * 100_000 + 99_000 + next(_SEQ) % 1000
    # The outbox's JSON as text of the same length, written the cheapest way: the floor
    # is the statements, not encoding (json.dumps alone cost 0.1x of plain here).
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(_FLOOR_CLOCK).fetchone()
    stored = conn.execute(_FLOOR_READ, (mark_id,)).fetchone()
    if new:
        values = f'{{"code": "{code}", "recorded_at": "{now}", "recorded_by": "{teacher}"}}'
        bases = "{}"
        conn.execute(
            _FLOOR_INSERT,
            (mark_id, target.hub_id, f'{{"*": "{_STAMP}"}}', target.session_id,
             target.student_id, code, teacher, now),
        )  # fmt: skip
    else:
        values = f'{{"code": "{code}", "recorded_at": "{now}"}}'
        bases = _FLOOR_BASES
        clocks = f'{{"*": "{_STAMP}", "code": "{_STAMP}", "recorded_at": "{_STAMP}"}}'
        conn.execute(_FLOOR_UPDATE, (code, now, clocks, stored[0]))
    conn.execute(_FLOOR_OUTBOX, (mutation_id, mark_id, target.hub_id, values, _STAMP, bases, now))
    conn.execute("COMMIT")


def bench_mark_writes(path: Path, marks: int) -> None:
    """Median/p99 of one durable mark: tracked, untracked ORM, plain sqlite3, SQL alone.

    Twice: each way writing its own copy of the database (as on a laptop, where the
    app's write connection is the only writer while the roll is taken), then all four
    writing one database in turn (each write follows another connection's commit, as
    when a sync or a second window writes at the same moment: SQLite then re-reads the
    pages it had cached, and the writer reads its clock again)."""
    for shared in (False, True):
        where = "all on one database" if shared else "each on its own copy of the database"
        _heading(
            f"Recording one attendance mark, durable ({marks} marks each way, interleaved, {where})"
        )
        _mark_writes(path, marks, shared=shared)


def _mark_writes(path: Path, marks: int, *, shared: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="harmony-bench-") as folder:
        copies = {}
        for way in ("tracked", "orm", "plain", "floor"):
            if shared:
                copies[way] = copies.get("tracked") or copy_database(path, Path(folder))
            else:
                (Path(folder) / way).mkdir()
                copies[way] = copy_database(path, Path(folder) / way)
        with Store(copies["tracked"]) as store, Store(copies["orm"]) as orm_store:
            with store.raw_write() as s:
                conn = s.connection()
                journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
                sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
            print(f"journal_mode={journal}, synchronous={sync} (2 = FULL)")
            plain = plain_connection(copies["plain"])
            floor = plain_connection(copies["floor"])
            warmup = 20
            ways = ("tracked", "orm", "plain", "floor", "disk")
            disk = _DiskCommit(Path(folder) / "disk-alone")
            # distinct pairs for each way, so the shared database never sees one twice
            targets, teacher = _unmarked_targets(store, 4 * (marks + warmup))
            outbox_before = store.pending_changes()
            phases = ("new mark", "correct a mark")
            wall: dict[str, dict[str, list[float]]] = {p: {w: [] for w in ways} for p in phases}
            cpu: dict[str, dict[str, list[float]]] = {p: {w: [] for w in ways} for p in phases}
            for phase, code in zip(phases, ("P", "L"), strict=True):
                new = phase == "new mark"
                for i in range(marks + warmup):
                    a, b, c, d = targets[4 * i : 4 * i + 4]
                    order: list[tuple[str, Callable[[], None]]] = [
                        ("tracked", partial(_tracked, store, a, code, teacher)),
                        ("orm", partial(_untracked, orm_store, b, code, teacher)),
                        ("plain", partial(_plain, plain, c, code, teacher, new)),
                        ("floor", partial(_floor, floor, d, code, teacher, new)),
                        ("disk", disk.commit),
                    ]
                    # Rotate which goes first so none always follows a checkpoint.
                    order = order[i % 5 :] + order[: i % 5]
                    for name, action in order:
                        began_cpu = time.process_time()
                        ms = timed_ms(action)
                        if i >= warmup:
                            wall[phase][name].append(ms)
                            cpu[phase][name].append((time.process_time() - began_cpu) * 1000)
            queued = store.pending_changes() - outbox_before
            if shared:  # less the outbox rows the SQL-alone runs added (one per run)
                queued -= 2 * (marks + warmup)
            plain.close()
            floor.close()
            disk.close()
        for phase in phases:
            got = wall[phase]
            print(f"{phase} (wall time, includes the fsync of the commit):")
            print(f"  tracked (writer.upsert + outbox): {summarize_ms(got['tracked'])}")
            print(f"  untracked ORM session:            {summarize_ms(got['orm'])}")
            print(f"  plain sqlite3, same pragmas:      {summarize_ms(got['plain'])}")
            print(f"  the tracked write's SQL alone:    {summarize_ms(got['floor'])}")
            print(f"  the disk alone (4 KiB + fsync):   {summarize_ms(got['disk'])}")
            tracked = statistics.median(got["tracked"])
            to_plain = tracked / statistics.median(got["plain"])
            to_orm = tracked / statistics.median(got["orm"])
            verdict = "within" if to_plain <= 1.3 else "OVER"
            to_floor = statistics.median(got["floor"]) / statistics.median(got["plain"])
            print(
                f"  ratio tracked/plain sqlite3: median {to_plain:.2f}x ({verdict} the 1.3x "
                f"target); tracked/ORM: {to_orm:.2f}x; its SQL alone/plain: {to_floor:.2f}x"
            )
            print(
                "  above the disk alone (the physical limit of a durable commit): median "
                + ", ".join(
                    f"{way} +{statistics.median(got[way]) - statistics.median(got['disk']):.3f} ms"
                    for way in ("tracked", "plain", "floor")
                )
            )
            cpus = {w: statistics.median(cpu[phase][w]) for w in ways}
            print(
                "  CPU time of this process (the part the disk does not hide): median "
                f"tracked {cpus['tracked']:.3f} ms, ORM {cpus['orm']:.3f} ms, "
                f"plain {cpus['plain']:.3f} ms, SQL alone {cpus['floor']:.3f} ms"
            )
        print(
            f"outbox entries queued by the tracked writes: {queued} "
            f"(expected {2 * (marks + warmup)})"
        )


class _DiskCommit:
    """The physical limit of a durable commit on this disk: one 4 KiB page written to a
    file beside the databases, then ``fsync`` (a WAL commit with ``synchronous=FULL``
    writes its pages and syncs them; SQLite adds its own work on top)."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._page = os.urandom(4096)
        self._at = 0

    def commit(self) -> None:
        os.pwrite(self._fd, self._page, self._at)
        self._at = (self._at + 4096) % (4096 * 256)
        os.fsync(self._fd)

    def close(self) -> None:
        os.close(self._fd)


def bench_register_mark(path: Path, marks: int) -> None:
    """Median of one mark as the register's key press writes it (``RollService.mark``),
    against plain sqlite3 writing the same mark, interleaved, each on its own copy."""
    _heading(f"One mark as a key press on the register writes it ({marks} marks each way)")
    with tempfile.TemporaryDirectory(prefix="harmony-bench-") as folder:
        copies = {}
        for way in ("register", "plain"):
            (Path(folder) / way).mkdir()
            copies[way] = copy_database(path, Path(folder) / way)
        with Store(copies["register"]) as store:
            roll = RollService(store)
            plain = plain_connection(copies["plain"])
            warmup = 20
            targets, teacher = _unmarked_targets(store, marks + warmup)
            for phase, code in (("new mark", "P"), ("correct a mark", "L")):
                new = phase == "new mark"
                wall: dict[str, list[float]] = {"register": [], "plain": []}
                for i, target in enumerate(targets):
                    order: list[tuple[str, Callable[[], Any]]] = [
                        (
                            "register",
                            partial(
                                roll.mark, target.session_id, target.student_id, code, by=teacher
                            ),
                        ),
                        ("plain", partial(_plain, plain, target, code, teacher, new)),
                    ]
                    if i % 2:
                        order.reverse()
                    for name, action in order:
                        ms = timed_ms(action)
                        if i >= warmup:
                            wall[name].append(ms)
                ratio = statistics.median(wall["register"]) / statistics.median(wall["plain"])
                print(f"{phase} (wall time, includes the fsync of the commit):")
                print(f"  RollService.mark:            {summarize_ms(wall['register'])}")
                print(f"  plain sqlite3, same pragmas: {summarize_ms(wall['plain'])}")
                print(f"  ratio register/plain sqlite3: median {ratio:.2f}x")
            plain.close()


# -- 2. a batch: mark all remaining present, and its undo ----------------------------------

BATCH = 500


def _batch_setup(store: Store, sessions: int) -> tuple[str, list[str], list[str], str]:
    """A hub with one 500-student ensemble and ``sessions`` stored sessions of it.

    Returns (hub id, session ids, student ids, teacher id)."""
    hub = Hub(name="Batch Hub")
    hub.hub_id = hub.id
    teacher = Staff(hub_id=hub.id, name="Batch Teacher", role="teacher")
    ensemble = Ensemble(hub_id=hub.id, name="Massed Strings", capacity=BATCH + 10)
    students = [
        Student(hub_id=hub.id, legal_first_name=f"First{i}", legal_last_name=f"Batch{i:03d}")
        for i in range(BATCH)
    ]
    enrollments = [
        Enrollment(
            hub_id=hub.id,
            student_id=st.id,
            ensemble_id=ensemble.id,
            status="enrolled",
            enrolled_on=BENCH_TODAY - dt.timedelta(days=90),
        )
        for st in students
    ]
    start, end = dt.time(15, 30), dt.time(17, 0)
    days = [BENCH_TODAY - dt.timedelta(days=n) for n in range(sessions)]
    rows: list[Any] = [
        hub,
        teacher,
        ensemble,
        *students,
        *enrollments,
        *[
            ClassSession(
                id=session_id(ensemble.id, day, start),
                hub_id=hub.id,
                ensemble_id=ensemble.id,
                date=day,
                start=start,
                end=end,
            )
            for day in days
        ],
    ]
    with store.write() as w:
        w.insert_many(rows)
    return (
        hub.id,
        [session_id(ensemble.id, day, start) for day in days],
        [st.id for st in students],
        teacher.id,
    )


def bench_batch(path: Path, repeats: int) -> None:
    """500 marks in one transaction, tracked (the roll service) and plain sqlite3."""
    from harmony_desktop.services.roll import MarkState, RollService

    _heading(f"A batch of {BATCH} marks in one transaction ({repeats} runs each, interleaved)")
    with tempfile.TemporaryDirectory(prefix="harmony-bench-") as folder:
        copy = copy_database(path, Path(folder))
        with Store(copy) as store:
            hub_id, sessions, students, teacher = _batch_setup(store, 2 * repeats + 2)
            roll = RollService(store)
            plain = plain_connection(copy)
            batch_undo = getattr(roll, "set_states", None)
            times: dict[str, list[float]] = {"mark": [], "undo": [], "insert": [], "update": []}
            for run in range(repeats + 1):
                tracked_session, plain_session = sessions[2 * run], sessions[2 * run + 1]
                marks = [
                    (
                        attendance_mark_id(plain_session, st),
                        hub_id,
                        plain_session,
                        st,
                        "P",
                        teacher,
                        _now_iso(),
                    )
                    for st in students
                ]

                def plain_insert(rows: list[Any] = marks) -> None:
                    plain.execute("BEGIN IMMEDIATE")
                    plain.executemany(_PLAIN_INSERT, rows)
                    plain.execute("COMMIT")

                def plain_update(rows: list[Any] = marks) -> None:
                    plain.execute("BEGIN IMMEDIATE")
                    plain.executemany(
                        _PLAIN_UPDATE, [(None, teacher, _now_iso(), r[0]) for r in rows]
                    )
                    plain.execute("COMMIT")

                def mark_all(sid: str = tracked_session) -> None:
                    done = roll.mark_remaining_present(sid, by=teacher)
                    assert len(done) == BATCH

                def undo_all(sid: str = tracked_session) -> None:
                    if batch_undo is not None:
                        batch_undo(sid, [(st, MarkState()) for st in students], by=teacher)
                    else:  # before the batch path: one transaction per student
                        for st in students:
                            roll.set_state(sid, st, MarkState(), by=teacher)

                steps = [("mark", mark_all), ("insert", plain_insert)]
                steps += [("undo", undo_all), ("update", plain_update)]
                if run % 2:
                    steps = [steps[1], steps[0], steps[3], steps[2]]
                for name, action in steps:
                    ms = timed_ms(action)
                    if run:  # the first run warms caches
                        times[name].append(ms)
            plain.close()
    print(f"mark all remaining present ({BATCH} new marks): {summarize_ms(times['mark'])}")
    print(f"plain sqlite3, {BATCH} INSERTs in one transaction:  {summarize_ms(times['insert'])}")
    ratio = statistics.median(times["mark"]) / statistics.median(times["insert"])
    print(f"  ratio: {ratio:.2f}x ({'within' if ratio <= 3 else 'OVER'} the 3x target)")
    how = "one transaction" if batch_undo is not None else "one transaction per mark"
    print(
        f"undo of that batch ({BATCH} marks back to not recorded, {how}): {summarize_ms(times['undo'])}"
    )
    print(f"plain sqlite3, {BATCH} UPDATEs in one transaction:  {summarize_ms(times['update'])}")
    ratio = statistics.median(times["undo"]) / statistics.median(times["update"])
    print(f"  ratio: {ratio:.2f}x ({'within' if ratio <= 3 else 'OVER'} the 3x target)")


# -- 3. opening and loading a roster ----------------------------------------------------


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


# -- 4. roster search --------------------------------------------------------------------


QUERIES = (
    "g", "ga", "gar", "garc", "garci", "garcia", "sof", "sofia", "mar", "maria", "lop",
    "hern", "jo", "john", "ale", "alex", "chuy", "nguy", "9", "903", "9030001", "viol",
    "cello", "trump", "voice", "perc", "k", "5", "12", "inactive", "active", "zzz", "xq",
    "jimena r", "sánchez", "ángel", "emma", "liam", "rodr", "valen",
)  # fmt: skip


def bench_search(path: Path, per_query: int = 10) -> None:
    """Per-query time of the roster search the roster page runs, over every student."""
    from PySide6.QtCore import QCoreApplication

    from harmony_desktop.services.roster import RosterService
    from harmony_desktop.ui.roster.model import RosterTableModel

    app = QCoreApplication.instance() or QCoreApplication([])
    with Store(path) as store:
        with store.read() as s:
            hub_ids = list(s.exec(select(Hub.id)).all())
        roster = RosterService(store)
        began = time.perf_counter()
        entries = [e for hub_id in hub_ids for e in roster.entries(hub_id)]
        loaded = (time.perf_counter() - began) * 1000
    _heading(f"Roster search over {len(entries)} students ({len(QUERIES)} queries x {per_query})")
    print(f"loading the entries of {len(hub_ids)} hubs (off the UI thread): {loaded:.0f} ms")
    model = RosterTableModel()
    model.set_entries(entries)
    for name, search in (
        ("RosterService.search", lambda q: len(RosterService.search(entries, q))),
        ("roster table model (filter + reset)", lambda q: (model.set_query(q), model.rowCount())),
    ):
        samples: list[float] = []
        for _ in range(per_query):
            for query in QUERIES:
                samples.append(timed_ms(partial(search, query)))
        over = sum(ms > FRAME_MS for ms in samples)
        print(f"{name}: {summarize_ms(samples)}; {over} over the {FRAME_MS:.0f} ms frame")
    del app


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one 200-student hub")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached database")
    parser.add_argument("--marks", type=int, default=500, help="marks per write benchmark")
    parser.add_argument("--repeats", type=int, default=10, help="runs of the batch benchmark")
    parser.add_argument(
        "--only", choices=("open", "search", "writes", "batch"), help="run one benchmark only"
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
        bench_register_mark(path, args.marks)
    if args.only in (None, "batch"):
        bench_batch(path, args.repeats)
    print(f"\nload average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
