"""Push, pull and merge between laptops through a real server process."""

from __future__ import annotations

from sqlmodel import select

from harmony_desktop.store.models import AttendanceMark, Conflict, Outbox, Student
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
