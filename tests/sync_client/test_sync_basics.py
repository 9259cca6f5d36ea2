"""Push, pull and merge between laptops through a real server process."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlmodel import select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.review import WHOLE_MARK, Writer
from harmony_desktop.services.roll import MarkState
from harmony_desktop.store import settings
from harmony_desktop.store.models import AttendanceMark, ClassSession, Conflict, Outbox, Student
from harmony_sync.client import SyncClient
from tests.factories import make_hub
from tests.sync_client.conftest import (
    Replica,
    ReplicaFactory,
    later_millisecond,
    name_laptops,
    open_session,
    two_laptops,
)


def test_two_laptops_converge_and_outbox_empties(replica: ReplicaFactory, live) -> None:  # type: ignore[no-untyped-def]
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=4)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])

    report = a.sync.sync()
    assert report.pushed > 0 and report.rejected == 0
    assert a.store.pending_changes() == 0
    b.sync.sync()
    with b.store.read() as s:
        names = sorted(st.legal_first_name for st in s.exec(select(Student)))
    assert names == ["Ana", "Diego", "Luis", "Maya"]

    # B takes roll; A sees the marks after both sync.
    session_id = open_session(b, hub.hub_id, hub.ensemble_id)
    b.services.roll.mark(session_id, hub.student_ids[0], "P", by=None)
    b.sync.sync()
    a.sync.sync()
    with a.store.read() as s:
        mark = s.exec(select(AttendanceMark)).one()
    assert mark.code == "P" and mark.student_id == hub.student_ids[0]
    # a no-op sync pushes and pulls nothing new
    again = a.sync.sync()
    assert again.pushed == 0 and again.pulled == 0


def test_concurrent_edits_merge_per_field_and_loser_kept(replica: ReplicaFactory, live) -> None:  # type: ignore[no-untyped-def]
    a, b, hub = two_laptops(replica, live, students=1)
    sid = hub.student_ids[0]
    # offline, different fields: both survive
    a.services.roster.update_student(sid, instrument="cello")
    b.services.roster.update_student(sid, grade="5")
    # offline, the same field: the later write wins, the other is kept for review
    a.services.roster.update_student(sid, school="Lincoln Elementary")
    later_millisecond()  # B's write is the later one
    b.services.roster.update_student(sid, school="Roosevelt Elementary")
    a.sync.sync()
    b.sync.sync()
    a.sync.sync()
    for rep in (a, b):
        st = rep.services.roster.student(sid)
        assert (st.instrument, st.grade, st.school) == ("cello", "5", "Roosevelt Elementary")
        items = [i for i in rep.review.review_items() if i.kind == "conflict"]
        assert [(i.field_name, i.losing_value, i.winning_value) for i in items] == [
            ("school", "Lincoln Elementary", "Roosevelt Elementary")
        ]
    # staff on A keep the losing value: it becomes a new edit that wins everywhere
    item = a.review.review_items()[0]
    a.review.keep_value(item.id, "losing")
    a.sync.sync()
    b.sync.sync()
    assert b.services.roster.student(sid).school == "Lincoln Elementary"
    assert a.review.review_items() == []
    assert b.review.review_items() == []  # resolved on the server, so on B too
    with a.store.read() as s:
        assert s.exec(select(Conflict)).all()  # kept, marked resolved
        assert s.exec(select(Outbox)).all() == []


def test_two_laptops_taking_one_roll_offline_leave_nothing_to_review(
    replica: ReplicaFactory, live
) -> None:  # type: ignore[no-untyped-def]
    """Two teachers open the same session offline and mark different children: the
    marks merge and the session is held everywhere. Its status lost a merge on the way
    (each laptop made the session "scheduled", then "held"), but the value that lost is
    the one the session holds: there is nothing for anyone to decide."""
    a, b, hub = two_laptops(replica, live, students=2)
    on_a = open_session(a, hub.hub_id, hub.ensemble_id)
    a.services.roll.mark(on_a, hub.student_ids[0], "P", by=None)
    on_b = open_session(b, hub.hub_id, hub.ensemble_id)
    b.services.roll.mark(on_b, hub.student_ids[1], "L", by=None)
    assert on_a == on_b
    for rep in (a, b, a):
        rep.sync.sync()
    for rep in (a, b):
        assert rep.services.roll.roll(on_a)  # both marks, the session held
        with rep.store.read() as s:
            codes = {m.student_id: m.code for m in s.exec(select(AttendanceMark))}
            assert codes == {hub.student_ids[0]: "P", hub.student_ids[1]: "L"}
            assert s.get(ClassSession, on_a).status == "held"
        assert [(i.table, i.field_name) for i in rep.review.review_items()] == []
    c = replica("c")  # a laptop joining later hears of no open conflict either
    c.enroll([hub.hub_id])
    c.sync.sync()
    assert c.review.review_items() == []


def test_two_codes_for_one_child_are_one_item_to_review(replica: ReplicaFactory, live) -> None:  # type: ignore[no-untyped-def]
    """Two teachers mark the same child differently offline: the later code wins and the
    other is one item to review, not one more for when and by whom each was written."""
    a, b, hub = two_laptops(replica, live, students=1)
    session_id = open_session(a, hub.hub_id, hub.ensemble_id)
    a.sync.sync()
    b.sync.sync()
    child = hub.student_ids[0]
    a.services.roll.mark(session_id, child, "AU", by="teacher on laptop A")
    later_millisecond()  # B's write is the later one
    b.services.roll.mark(session_id, child, "P", by="teacher on laptop B")
    for rep in (a, b, a):
        rep.sync.sync()
    for rep in (a, b):
        items = [(i.table, i.field_name, i.losing_value) for i in rep.review.review_items()]
        assert items == [("attendance_mark", WHOLE_MARK, MarkState("AU"))]


def _late_or_absent(replica: ReplicaFactory, live):  # type: ignore[no-untyped-def]
    """Offline, laptop A marks the child unexcused absent, then laptop B marks her late
    at 4:10 PM; A, B and A sync. Returns (a, b, hub, the mark's id)."""
    a, b, hub = two_laptops(replica, live, students=1)
    session_id = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
    a.sync.sync()
    b.sync.sync()
    child = hub.student_ids[0]
    a.services.roll.mark(session_id, child, "AU", by=None)
    later_millisecond()  # B's write is the later one
    b.services.roll.mark(session_id, child, "L", by=None, arrival_time=dt.time(16, 10))
    for rep in (a, b, a):
        rep.sync.sync()
    with a.store.read() as s:
        mark_id = s.exec(select(AttendanceMark)).one().id
    return a, b, hub, mark_id


def _mark(rep: Replica, mark_id: str) -> tuple[str | None, dt.time | None, dt.time | None]:
    with rep.store.read() as s:
        mark = s.get(AttendanceMark, mark_id)
        assert mark is not None
        return mark.code, mark.arrival_time, mark.departure_time


def test_late_or_absent_is_one_item_with_both_whole_marks(replica: ReplicaFactory, live) -> None:  # type: ignore[no-untyped-def]
    """The code and the arrival time both lost the merge: one item for the child's mark,
    each side whole, on both laptops."""
    a, b, _hub, mark_id = _late_or_absent(replica, live)
    for rep in (a, b):
        assert _mark(rep, mark_id) == ("L", dt.time(16, 10), None)
        [item] = rep.review.review_items()
        assert (item.kind, item.table, item.field_name) == (
            "conflict",
            "attendance_mark",
            WHOLE_MARK,
        )
        assert item.mark is not None
        assert item.mark.current == MarkState("L", arrival_time=dt.time(16, 10))
        assert item.mark.other == MarkState("AU")
        assert item.mark.fields == ("arrival_time", "code")
        assert item.mark.student == "Ana Garcia"
        assert item.mark.date == dt.date(2026, 9, 14)
        # the tab and the status bar count what the page lists: one item, not two fields
        assert rep.sync.status().needs_review == 1


def test_keeping_the_absence_restores_the_whole_mark_everywhere(
    replica: ReplicaFactory, live
) -> None:  # type: ignore[no-untyped-def]
    """Keeping "AU" writes an absence with no arrival time as one change; after syncing
    both laptops hold it and nobody (not even a laptop joining later) has an item left."""
    a, b, hub, mark_id = _late_or_absent(replica, live)
    [item] = a.review.review_items()
    assert a.store.pending_changes() == 0
    a.review.keep_value(item.id, "losing")
    assert _mark(a, mark_id) == ("AU", None, None)
    assert a.store.pending_changes() == 1  # one tracked change: the mark
    assert a.review.review_items() == []
    for rep in (a, b, a):
        rep.sync.sync()
    for rep in (a, b):
        assert _mark(rep, mark_id) == ("AU", None, None)
        assert rep.review.review_items() == []
        assert rep.store.pending_changes() == 0
    c = replica("c")
    c.enroll([hub.hub_id])
    c.sync.sync()
    assert _mark(c, mark_id) == ("AU", None, None)
    assert c.review.review_items() == []


def test_keeping_the_late_mark_resolves_without_a_change(replica: ReplicaFactory, live) -> None:  # type: ignore[no-untyped-def]
    """Keeping the mark in use ("L" at 4:10 PM) writes nothing and resolves the item
    everywhere."""
    a, b, hub, mark_id = _late_or_absent(replica, live)
    [item] = b.review.review_items()
    b.review.keep_value(item.id, "winning")
    assert b.store.pending_changes() == 0  # nothing written
    assert b.review.review_items() == []
    for rep in (b, a):
        rep.sync.sync()
    for rep in (a, b):
        assert _mark(rep, mark_id) == ("L", dt.time(16, 10), None)
        assert rep.review.review_items() == []
    c = replica("c")
    c.enroll([hub.hub_id])
    c.sync.sync()
    assert c.review.review_items() == []


def test_keeping_another_laptops_left_early_mark_without_a_reason_keeps_it_as_recorded(
    replica: ReplicaFactory, live
) -> None:  # type: ignore[no-untyped-def]
    """Offline, laptop A records the child as left early at 4:45 PM with no reason (a
    whole mark written as undo, redo and corrections write it; an older app, or a code
    that was not "left early" on that laptop yet, leaves the same); then laptop B marks
    her present. Keeping A's mark on the "Needs review" page keeps it as A recorded it:
    the page cannot ask why she left, and it used to refuse with "Choose why the student
    left early". The register still asks a teacher who marks a child left early."""
    a, b, hub = two_laptops(replica, live, students=1)
    session_id = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
    a.sync.sync()
    b.sync.sync()
    child = hub.student_ids[0]
    left = MarkState("LE", departure_time=dt.time(16, 45))
    a.services.roll.set_state(session_id, child, left, by=None)
    later_millisecond()  # B's write is the later one
    b.services.roll.mark(session_id, child, "P", by=None)
    for rep in (a, b, a):
        rep.sync.sync()
    with a.store.read() as s:
        mark_id = s.exec(select(AttendanceMark)).one().id
    for rep in (a, b):
        assert _mark(rep, mark_id) == ("P", None, None)
    [item] = b.review.review_items()
    assert item.mark is not None
    assert (item.mark.current, item.mark.other) == (MarkState("P"), left)

    b.review.keep_value(item.id, "losing")

    assert _mark(b, mark_id) == ("LE", None, dt.time(16, 45))
    assert b.review.review_items() == []
    for rep in (b, a):
        rep.sync.sync()
    for rep in (a, b):
        assert _mark(rep, mark_id) == ("LE", None, dt.time(16, 45))
        with rep.store.read() as s:
            assert s.get(AttendanceMark, mark_id).reason == ""  # type: ignore[union-attr]
        assert rep.review.review_items() == []
        assert rep.store.pending_changes() == 0
    # the register's own rule stands: marking a child left early asks why
    with pytest.raises(ValidationError, match="Choose why the student left early"):
        a.services.roll.mark(session_id, child, "LE", by=None, reason="")


def test_each_side_to_review_says_which_laptop_wrote_it(
    replica: ReplicaFactory, live, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A value's clock ends with its writer's device id, and the server tells each
    laptop the names of the programme's laptops: every side of an item says who wrote it,
    "this laptop" or the other laptop by name (a name the laptop was not told: another
    laptop, unnamed)."""
    a, b, hub = two_laptops(replica, live, students=2)
    name_laptops(live, **{"Park laptop 1": a, "Park laptop 2": b})
    sid, child = hub.student_ids
    session_id = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
    a.sync.sync()
    b.sync.sync()
    a.services.roster.update_student(sid, school="Lincoln Elementary")
    a.services.roll.mark(session_id, child, "AU", by=None)
    later_millisecond()  # B's writes are the later ones
    b.services.roster.update_student(sid, school="Roosevelt Elementary")
    b.services.roll.mark(session_id, child, "L", by=None, arrival_time=dt.time(16, 10))
    for rep in (a, b, a):
        rep.sync.sync()
    with a.store.read() as s:
        names = settings.read(s, settings.SYNC_DEVICE_NAMES)
    # every device of the server is named (this module's other tests enrolled more)
    assert {node: names[node] for node in (a.store.device_id, b.store.device_id)} == {
        a.store.device_id: "Park laptop 1",
        b.store.device_id: "Park laptop 2",
    }

    def sides(rep: Replica) -> list[tuple[str, Writer | None, Writer | None]]:
        return sorted((i.field_name, i.current_by, i.other_by) for i in rep.review.review_items())

    here, elsewhere = Writer(this_laptop=True), Writer
    assert sides(a) == [
        (WHOLE_MARK, elsewhere(name="Park laptop 2"), here),
        ("school", elsewhere(name="Park laptop 2"), here),
    ]
    assert sides(b) == [
        (WHOLE_MARK, here, elsewhere(name="Park laptop 1")),
        ("school", here, elsewhere(name="Park laptop 1")),
    ]
    # a server from before the device names: a laptop keeps the names it was told, and
    # a laptop never told any says "another laptop", unnamed
    answer = SyncClient.session_info
    monkeypatch.setattr(
        SyncClient, "session_info", lambda client: _without(answer(client), "devices")
    )
    b.sync.sync()
    assert sides(b)[0] == (WHOLE_MARK, here, elsewhere(name="Park laptop 1"))
    c = replica("c")
    c.enroll([hub.hub_id])
    c.sync.sync()
    assert sides(c) == [
        (WHOLE_MARK, elsewhere(), elsewhere()),
        ("school", elsewhere(), elsewhere()),
    ]


def _without(mapping: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k != key}


def test_a_laptop_pulling_compact_clocks_stores_what_an_older_one_stores(
    replica: ReplicaFactory, live, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Through a real server: a laptop that asks for ``"clocks": "compact"`` and one
    that does not (as an older version) hold the same rows with the same field clocks,
    rows written at one clock and rows whose fields have several alike."""
    import sqlite3

    from harmony_desktop.store.models import SYNCED_MODELS

    a, _b, hub = two_laptops(replica, live, students=3)
    session_id = open_session(a, hub.hub_id, hub.ensemble_id)
    a.services.roll.mark(session_id, hub.student_ids[0], "P", by=None)
    later_millisecond()
    a.services.roster.update_student(hub.student_ids[1], instrument="cello")
    a.sync.sync()
    seen: list[dict[str, str]] = []
    pull = SyncClient.pull

    def recorded(self: SyncClient, *args: Any, **kwargs: Any) -> dict[str, Any]:
        page = pull(self, *args, **kwargs)
        seen.extend(row["clocks"] for row in page["rows"])
        return page

    monkeypatch.setattr(SyncClient, "pull", recorded)
    compact = replica("compact")
    compact.enroll([hub.hub_id])
    compact.sync.sync()
    assert {"*"} in [set(c) for c in seen]  # the compact form was on the wire
    assert any(len(set(c.values())) > 1 for c in seen)  # and a row of several clocks
    seen.clear()
    monkeypatch.setattr(
        SyncClient,
        "pull",
        lambda self, *args, **kwargs: recorded(self, *args, **kwargs, compact_clocks=False),
    )
    older = replica("older")
    older.enroll([hub.hub_id])
    older.sync.sync()
    assert seen and all("*" not in c for c in seen)

    def synced(rep: Replica) -> dict[str, list[tuple[Any, ...]]]:
        with sqlite3.connect(rep.folder / "harmony.sqlite3") as conn:
            return {
                table: conn.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall()
                for table in SYNCED_MODELS
            }

    got, expected = synced(compact), synced(older)
    assert got == expected
    marks = got["attendance_mark"]
    assert len(marks) == 1
    student = [r for r in got["student"] if r[0] == hub.student_ids[1]]
    assert len(student) == 1 and '"instrument"' in student[0][3]  # two clocks kept
