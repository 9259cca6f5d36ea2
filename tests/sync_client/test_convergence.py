"""Convergence property test: three laptops and a REAL server, random work and faults.

Hypothesis drives random edits, marks, deletes, duplicate students and merges on each
laptop, and random syncs with faults injected in the transport (the network failing
before a push, a push's or a pull's response lost after the server committed) or in the
laptop (killed between applying a pulled page and saving its cursor: the transaction
dies, the store is reopened). After everyone syncs, every laptop must hold identical
data (per-table checksums), no acknowledged edit may be lost, and there is never more
than one live mark per (session, student).

The default attendance codes are seeded identically on every laptop and only a data
manager may push programme-wide rows, so that table is compared by values, not clocks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlmodel import col, select

from harmony_desktop.services.duplicates import find_duplicates, merge_students
from harmony_desktop.store.models import (
    SYNCED_MODELS,
    AttendanceMark,
    Contact,
    Outbox,
    Student,
    StudentRedirect,
)
from harmony_desktop.store.replica import row_clocks, row_values
from harmony_sync.client import SyncError
from tests.factories import make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import InjectedFault, Replica, open_session

REPLICAS = 3
DAYS = ["2026-09-01", "2026-09-02", "2026-09-03"]
FAULTS = ["none", "none", "fail_push", "lose_push", "lose_pull", "crash_before_cursor"]
SCHOOLS = ["Lincoln", "Roosevelt", "Garfield", "Hoover"]


class CrashBeforeCursor(Exception):
    """The laptop 'died' after applying a page, before its cursor was saved."""


def checksums(rep: Replica) -> dict[str, str]:
    """Per-table digest of every row: values and field clocks."""
    out = {}
    with rep.store.read() as s:
        for table, model in SYNCED_MODELS.items():
            digest = hashlib.sha256()
            for row in sorted(s.exec(select(model)).all(), key=lambda r: r.id):
                digest.update(
                    json.dumps([row.id, row_values(row), row_clocks(row)], sort_keys=True).encode()
                )
            out[table] = digest.hexdigest()
    return out


class SyncMachine(RuleBasedStateMachine):
    """Three laptops of one hub, editing offline and syncing with faults."""

    live: SyncServer  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="converge-"))
        self.reps: list[Replica] = []
        #: (table, row_id, field) -> newest clock acknowledged by the server
        self.acknowledged: dict[tuple[str, str, str], str] = {}

    @initialize()
    def setup(self) -> None:
        first = Replica(self.folder / "r0", self.live)
        self.hub = make_hub(first.services, students=3)
        self.live.add_hub("Test Park Hub", self.hub.hub_id)
        self.reps = [first] + [
            Replica(self.folder / f"r{i}", self.live) for i in range(1, REPLICAS)
        ]
        for rep in self.reps:
            rep.enroll([self.hub.hub_id])
        for rep in self.reps:
            self._sync(rep, "none")

    def teardown(self) -> None:
        try:
            for rep in self.reps:
                rep.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)  # one folder per example

    # -- work on one laptop ----------------------------------------------------------

    def _students(self, rep: Replica) -> list[str]:
        with rep.store.read() as s:
            return sorted(
                x.id
                for x in s.exec(select(Student).where(col(Student.deleted).is_(False)))
                if x.hub_id == self.hub.hub_id
            )

    @rule(
        r=st.integers(0, REPLICAS - 1),
        i=st.integers(0, 9),
        school=st.sampled_from(SCHOOLS),
        grade=st.sampled_from(["3", "4", "5"]),
    )
    def edit_student(self, r: int, i: int, school: str, grade: str) -> None:
        students = self._students(self.reps[r])
        if students:
            sid = students[i % len(students)]
            fields = {"school": school} if i % 2 else {"school": school, "grade": grade}
            self.reps[r].services.roster.update_student(sid, **fields)

    @rule(
        r=st.integers(0, REPLICAS - 1),
        i=st.integers(0, 9),
        day=st.sampled_from(DAYS),
        code=st.sampled_from(["P", "L", "AE", "AU"]),
    )
    def mark(self, r: int, i: int, day: str, code: str) -> None:
        rep = self.reps[r]
        students = self._students(rep)
        if not students:
            return
        sid = open_session(rep, self.hub.hub_id, self.hub.ensemble_id, day)
        student = students[i % len(students)]
        try:
            rep.services.roll.mark(sid, student, code, by=None)
        except Exception as err:  # an archived student, say: the service refuses, fine
            if "student" not in str(err).lower():
                raise

    @rule(r=st.integers(0, REPLICAS - 1), i=st.integers(0, 9))
    def delete_something(self, r: int, i: int) -> None:
        rep = self.reps[r]
        with rep.store.write() as w:
            marks = w.session.exec(
                select(AttendanceMark).where(col(AttendanceMark.deleted).is_(False))
            ).all()
            contacts = w.session.exec(select(Contact).where(col(Contact.deleted).is_(False))).all()
            pool = sorted(marks, key=lambda m: m.id) + sorted(contacts, key=lambda c: c.id)
            if pool:
                w.delete(pool[i % len(pool)])

    @rule(r=st.integers(0, REPLICAS - 1), i=st.integers(0, 9))
    def create_duplicate(self, r: int, i: int) -> None:
        """Enrol again a child this laptop already has (as a second laptop would)."""
        rep = self.reps[r]
        students = self._students(rep)
        if not students:
            return
        original = rep.services.roster.student(students[i % len(students)])
        phones = [c.phone for c in rep.services.roster.contacts(original.id) if c.phone]
        if not phones or original.date_of_birth is None:
            return
        rep.services.roster.create_student(
            self.hub.hub_id,
            {
                "legal_first_name": original.legal_first_name,
                "legal_last_name": original.legal_last_name,
                "date_of_birth": original.date_of_birth,
            },
            [{"name": "Guardian", "phone": phones[0], "is_guardian": True}],
        )

    @rule(r=st.integers(0, REPLICAS - 1))
    def merge_duplicates(self, r: int) -> None:
        rep = self.reps[r]
        for pair in find_duplicates(rep.store, self.hub.hub_id)[:1]:
            merge_students(rep.store, pair.keep_id, pair.drop_id)

    @rule(r=st.integers(0, REPLICAS - 1), fault=st.sampled_from(FAULTS))
    def sync(self, r: int, fault: str) -> None:
        self._sync(self.reps[r], fault)

    # -- syncing with faults ---------------------------------------------------------

    def _sync(self, rep: Replica, fault: str) -> None:
        with rep.store.read() as s:
            queued = s.exec(select(Outbox)).all()
        if fault == "fail_push":
            rep.adapter.fail_next["/v1/push"] = 1
        elif fault == "lose_push":
            rep.adapter.lose_next["/v1/push"] = 1
        elif fault == "lose_pull":
            rep.adapter.lose_next["/v1/pull"] = 1
        elif fault == "crash_before_cursor":

            def crash(_cursor: int) -> None:
                raise CrashBeforeCursor

            rep.sync.before_cursor_saved = crash
        try:
            report = rep.sync.sync()
        except (SyncError, InjectedFault, CrashBeforeCursor):
            if fault == "none":
                raise
            report = None
        finally:
            rep.adapter.fail_next.clear()
            rep.adapter.lose_next.clear()
            if fault == "crash_before_cursor":
                rep.sync.before_cursor_saved = None
                rep.reopen()
        if report is not None:
            assert report.rejected == 0
            for entry in queued:  # the whole queue was pushed and acknowledged
                for name in json.loads(entry.values):
                    key = (entry.table_name, entry.row_id, name)
                    self.acknowledged[key] = max(self.acknowledged.get(key, ""), entry.clock)

    # -- what must always hold -------------------------------------------------------

    @invariant()
    def one_live_mark_per_session_and_student(self) -> None:
        for rep in self.reps:
            with rep.store.read() as s:
                seen = set()
                for mark in s.exec(
                    select(AttendanceMark).where(col(AttendanceMark.deleted).is_(False))
                ):
                    key = (mark.session_id, mark.student_id)
                    assert key not in seen, "two live marks for one (session, student)"
                    seen.add(key)

    def converge(self) -> None:
        """Everyone syncs (no faults) until the outboxes are empty; then compare."""
        for _round in range(4):
            for rep in self.reps:
                self._sync(rep, "none")
            if all(rep.store.pending_changes() == 0 for rep in self.reps):
                break
        for rep in self.reps:  # one more round so every laptop saw the last pushes
            self._sync(rep, "none")
        sums = [checksums(rep) for rep in self.reps]
        for other in sums[1:]:
            assert other == sums[0], "replicas differ after everyone synced"
        with self.reps[0].store.read() as s:
            for (table, row_id, name), clock in self.acknowledged.items():
                row = s.get(SYNCED_MODELS[table], row_id)
                assert row is not None, f"acknowledged {table} row lost"
                assert row_clocks(row).get(name, "") >= clock, "acknowledged edit lost"
            old = set(s.exec(select(StudentRedirect.id)).all())
            live_marks = s.exec(
                select(AttendanceMark).where(col(AttendanceMark.deleted).is_(False))
            ).all()
            assert not [m for m in live_marks if m.student_id in old], "mark on a merged-away id"


@pytest.mark.slow
def test_replicas_converge_under_faults(live: SyncServer) -> None:
    class Machine(SyncMachine):
        pass

    Machine.live = live

    def teardown(self: SyncMachine) -> None:
        try:
            if self.reps:
                self.converge()
        finally:
            SyncMachine.teardown(self)

    Machine.teardown = teardown  # type: ignore[method-assign]
    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=15,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
