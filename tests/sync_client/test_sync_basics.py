"""Push, pull and merge between laptops through a real server process."""

from __future__ import annotations

from sqlmodel import select

from harmony_desktop.store.models import AttendanceMark, ClassSession, Conflict, Outbox, Student
from tests.factories import make_hub
from tests.sync_client.conftest import ReplicaFactory, open_session


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
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    a.sync.sync()
    b.sync.sync()
    sid = hub.student_ids[0]
    # offline, different fields: both survive
    a.services.roster.update_student(sid, instrument="cello")
    b.services.roster.update_student(sid, grade="5")
    # offline, the same field: the later write wins, the other is kept for review
    a.services.roster.update_student(sid, school="Lincoln Elementary")
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
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=2)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    a.sync.sync()
    b.sync.sync()
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
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    a.sync.sync()
    b.sync.sync()
    session_id = open_session(a, hub.hub_id, hub.ensemble_id)
    a.sync.sync()
    b.sync.sync()
    child = hub.student_ids[0]
    a.services.roll.mark(session_id, child, "AU", by="teacher on laptop A")
    b.services.roll.mark(session_id, child, "P", by="teacher on laptop B")
    for rep in (a, b, a):
        rep.sync.sync()
    for rep in (a, b):
        items = [(i.table, i.field_name, i.losing_value) for i in rep.review.review_items()]
        assert items == [("attendance_mark", "code", "AU")]
