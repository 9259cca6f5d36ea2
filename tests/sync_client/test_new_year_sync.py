"""Moving students up a grade on two laptops of one hub, against a real server: the
server takes and serves the grade's year, and nobody moves up two grades, whether the
second laptop has pulled the first one's move before running its own or both ran it
before either synced."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from harmony_desktop.services.new_year import NewYearService
from harmony_desktop.store import Store
from harmony_desktop.store.models import Student
from tests.factories import HubFixture
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory, two_laptops

TODAY = dt.date(2026, 9, 8)
YEAR = "2026-27"


def _last_years_grades(a: Replica) -> None:
    """Grades 5, 12 and 3, recorded for 2025-26 (names sort as made: ids, not names)."""
    with a.store.write() as w:
        students = sorted(w.session.exec(select(Student)).all(), key=lambda st: st.id)
        for st, grade in zip(students, ("5", "12", "3"), strict=True):
            w.update(st, grade=grade, grade_year="2025-26", status="active")


def _grades(store: Store) -> list[tuple[str, str, str]]:
    with store.read() as s:
        rows = s.exec(select(Student)).all()
    return sorted((st.grade, st.grade_year, st.status) for st in rows)


MOVED = [("12", "2025-26", "inactive"), ("4", YEAR, "active"), ("6", YEAR, "active")]


def _setup(replica: ReplicaFactory, live: SyncServer) -> tuple[Replica, Replica, HubFixture]:
    a, b, hub = two_laptops(replica, live, students=3)
    _last_years_grades(a)
    a.sync.sync()
    b.sync.sync()
    assert _grades(b.store) == sorted(
        [("5", "2025-26", "active"), ("12", "2025-26", "active"), ("3", "2025-26", "active")]
    )
    return a, b, hub


def test_a_laptop_that_pulled_the_move_moves_nobody_again(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = _setup(replica, live)
    done = NewYearService(a.store, today=lambda: TODAY).apply(YEAR, [hub.hub_id])
    assert (len(done.moving), len(done.finishing)) == (2, 1)
    a.sync.sync()
    b.sync.sync()
    assert _grades(b.store) == MOVED  # the server took the grade's year and served it
    plan = NewYearService(b.store, today=lambda: TODAY).apply(YEAR, [hub.hub_id])
    assert (plan.changes, plan.already, plan.left_alone) == (0, 2, 1)
    b.sync.sync()
    a.sync.sync()
    assert _grades(a.store) == _grades(b.store) == MOVED


def test_two_laptops_that_both_moved_up_before_syncing_agree_one_grade_up(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = _setup(replica, live)
    NewYearService(a.store, today=lambda: TODAY).apply(YEAR, [hub.hub_id])
    NewYearService(b.store, today=lambda: TODAY).apply(YEAR, [hub.hub_id])
    a.sync.sync()
    b.sync.sync()
    a.sync.sync()
    assert _grades(a.store) == _grades(b.store) == MOVED
