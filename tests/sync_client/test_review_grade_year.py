"""Needs review keeps a student's grade with the programme year it is for, against a
real server: when two laptops changed a grade, keeping the other laptop's grade keeps
that grade's year with it (and settles the item of the year that lost with it), so
nobody ends up with grade 6 marked for the year of grade 8. Every name is generated."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from harmony_desktop.domain.calendar import label_for, start_year, year_label_of
from harmony_desktop.services.new_year import NewYearService
from harmony_desktop.services.review import GradeSides
from harmony_desktop.services.roster import RosterService
from harmony_desktop.store import Store
from harmony_desktop.store.models import Student
from harmony_desktop.store.replica import Replica as Sync
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory, later_millisecond, two_laptops

#: Last programme year (2025-26) and this one (2026-27).
JUNE = dt.date(2026, 6, 9)
SEPTEMBER = dt.date(2026, 9, 8)


def _grade(store: Store) -> tuple[str, str]:
    with store.read() as s:
        (st,) = s.exec(select(Student)).all()
    return st.grade, st.grade_year


def _set(rep: Replica, grade: str, year: str) -> None:
    """The student's grade and its year as written earlier (synced like any edit)."""
    with rep.store.write() as w:
        (st,) = w.session.exec(select(Student)).all()
        w.update(st, grade=grade, grade_year=year)


def _grade_items(rep: Replica) -> dict[str, tuple[object, object]]:
    """The student's fields to review: field -> (other value, value in use)."""
    return {
        item.field_name: (item.losing_value, item.winning_value)
        for item in rep.review.review_items()
        if item.table == "student"
    }


def _waiting(rep: Replica) -> int:
    """How many items the Needs review page lists (its tab's count)."""
    return Sync(rep.store).waiting()[1]


def _sync_all(a: Replica, b: Replica) -> None:
    for rep in (a, b, a, b):
        rep.sync.sync()


def test_keeping_the_other_grade_keeps_the_year_that_lost_with_it(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    """Grade 7 with no recorded year. In June (2025-26) laptop b sets grade 6, which
    records 2025-26; later laptop a moves the student up for 2026-27 (the unknown year
    taken as last year's): grade 8 for 2026-27 wins both fields. Keeping b's grade on a
    gives grade 6 for 2025-26, both items are settled, and b agrees after a sync."""
    a, b, hub = two_laptops(replica, live, students=1)
    _set(a, "7", "")
    _sync_all(a, b)
    RosterService(b.store, today=lambda: JUNE).update_student(_id(b), grade="6")
    assert _grade(b.store) == ("6", "2025-26")
    later_millisecond()
    NewYearService(a.store, today=lambda: SEPTEMBER).apply(
        "2026-27", [hub.hub_id], move_unknown=True
    )
    assert _grade(a.store) == ("8", "2026-27")
    b.sync.sync()
    a.sync.sync()  # a's later change wins both fields; b's lose
    b.sync.sync()
    for rep in (a, b):
        assert _grade(rep.store) == ("8", "2026-27")
        # one item: the grade with its year, each side whole
        (grade_item,) = rep.review.review_items()
        assert (grade_item.field_name, grade_item.losing_value) == ("grade", "6")
        assert grade_item.grade == GradeSides(current=("8", "2026-27"), other=("6", "2025-26"))
        assert _waiting(rep) == 1
        assert len(Sync(rep.store).conflicts()) == 2  # the grade's and the year's
    (grade_item,) = a.review.review_items()
    a.review.keep_value(grade_item.id, "losing")
    assert _grade(a.store) == ("6", "2025-26")  # not grade 6 for 2026-27
    assert _grade_items(a) == {}  # the year's item went with the grade's
    _sync_all(a, b)
    for rep in (a, b):
        assert _grade(rep.store) == ("6", "2025-26")
        assert _grade_items(rep) == {}


def test_keeping_the_other_grades_year_keeps_its_grade_too(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    """The same two changes, decided on laptop b from the year's item."""
    a, b, hub = two_laptops(replica, live, students=1)
    _set(a, "7", "")
    _sync_all(a, b)
    RosterService(b.store, today=lambda: JUNE).update_student(_id(b), grade="6")
    later_millisecond()
    NewYearService(a.store, today=lambda: SEPTEMBER).apply(
        "2026-27", [hub.hub_id], move_unknown=True
    )
    b.sync.sync()
    a.sync.sync()
    b.sync.sync()
    # the year's conflict, kept by its own id (the page shows it with the grade's)
    year_item = next(c for c in Sync(b.store).conflicts() if c.field_name == "grade_year")
    b.review.keep_value(year_item.id, "losing")
    assert _grade(b.store) == ("6", "2025-26")
    assert _grade_items(b) == {}
    _sync_all(a, b)
    for rep in (a, b):
        assert _grade(rep.store) == ("6", "2025-26")
        assert _grade_items(rep) == {}


def test_keeping_the_grade_in_use_settles_its_years_item_and_writes_nothing(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, hub = two_laptops(replica, live, students=1)
    _set(a, "7", "")
    _sync_all(a, b)
    RosterService(b.store, today=lambda: JUNE).update_student(_id(b), grade="6")
    later_millisecond()
    NewYearService(a.store, today=lambda: SEPTEMBER).apply(
        "2026-27", [hub.hub_id], move_unknown=True
    )
    b.sync.sync()
    a.sync.sync()
    (grade_item,) = a.review.review_items()
    a.review.keep_value(grade_item.id, "winning")
    assert _grade(a.store) == ("8", "2026-27")
    assert _grade_items(a) == {}
    assert a.store.pending_changes() == 0


def test_a_grade_whose_year_did_not_lose_keeps_the_year_of_the_day_it_was_written(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    """The student is in grade 7 for this programme year (the one holding the computer's
    day) and laptop b sets grade 6 today: its year unchanged, only the grade is sent.
    Laptop a, a year on, moves the student up: grade 8 for next year, a later change
    winning the grade; the year was only a's change, so only the grade is to review.
    Keeping b's grade 6 keeps it for the year b wrote it in, for Next grade to move up
    again, not grade 6 for next year."""
    this_year = year_label_of(dt.date.today())
    next_year = label_for(start_year(this_year) + 1)
    a_year_on = dt.date(start_year(next_year), 9, 8)
    a, b, hub = two_laptops(replica, live, students=1)
    _set(a, "7", this_year)
    _sync_all(a, b)
    RosterService(b.store).update_student(_id(b), grade="6")
    assert _grade(b.store) == ("6", this_year)
    later_millisecond()
    NewYearService(a.store, today=lambda: a_year_on).apply(next_year, [hub.hub_id])
    b.sync.sync()
    a.sync.sync()
    b.sync.sync()
    for rep in (a, b):
        assert _grade(rep.store) == ("8", next_year)
        assert _grade_items(rep) == {"grade": ("6", "8")}
        (item,) = rep.review.review_items()
        assert item.grade == GradeSides(current=("8", next_year), other=("6", this_year))
    (item,) = a.review.review_items()
    a.review.keep_value(item.id, "losing")
    assert _grade(a.store) == ("6", this_year)
    _sync_all(a, b)
    assert _grade(b.store) == ("6", this_year)
    assert _grade_items(b) == {}


def test_a_grade_whose_year_was_held_before_keeps_that_year(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    """Grade 7 for 2025-26; in June (2025-26) laptop b sets grade 6 and laptop a, later,
    grade 8: neither changes the year. Keeping b's grade keeps 2025-26, the year both
    held (written before either grade)."""
    a, b, _hub = two_laptops(replica, live, students=1)
    _set(a, "7", "2025-26")
    _sync_all(a, b)
    RosterService(b.store, today=lambda: JUNE).update_student(_id(b), grade="6")
    later_millisecond()
    RosterService(a.store, today=lambda: JUNE).update_student(_id(a), grade="8")
    b.sync.sync()
    a.sync.sync()
    (item,) = a.review.review_items()
    assert item.grade == GradeSides(current=("8", "2025-26"), other=("6", "2025-26"))
    a.review.keep_value(item.id, "losing")
    assert _grade(a.store) == ("6", "2025-26")


def _id(rep: Replica) -> str:
    with rep.store.read() as s:
        (st,) = s.exec(select(Student)).all()
    return st.id
