"""A laptop whose clock was a day ahead syncs as soon as its clock is right again.

The whole story against a real server process, with the store's wall-clock seam: edit
under a clock one day ahead (the sync is refused, with advice about this computer's
clock), fix the clock, edit again, sync at once; the other laptop pulls the edits
stamped "tomorrow" without being blocked, both end with identical rows and clocks,
the value that lost is kept for review, and a later edit still wins.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from harmony_desktop.store.models import Student
from harmony_desktop.store.replica import row_clocks, row_values
from harmony_sync.client import ClockSkew
from harmony_sync.hlc import wall_clock_ms
from tests.factories import make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory

DAY_MS = 86_400_000


def student_state(rep: Replica, student_id: str) -> tuple[dict, dict]:
    with rep.store.read() as s:
        row = s.exec(select(Student).where(Student.id == student_id)).one()
        return row_values(row), row_clocks(row)


def test_a_clock_a_day_ahead_then_fixed_syncs_at_once_and_merges_the_same_everywhere(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b = replica("ahead"), replica("right")
    hub = make_hub(a.services, students=2)
    live.add_hub("Clock Park", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    a.sync.sync()
    b.sync.sync()
    child = hub.student_ids[0]

    # A's clock runs a day ahead; the teacher edits, and the sync is refused.
    a.store.wall = lambda: wall_clock_ms() + DAY_MS
    a.services.roster.update_student(child, grade="6")
    with pytest.raises(ClockSkew) as refused:
        a.sync.sync()
    message = str(refused.value)
    assert "This computer's clock is 24.0 hours ahead" in message and "Nothing was sent" in message
    assert a.store.pending_changes() == 1

    # Meanwhile, at the right time, B edits the same field and another one.
    b.services.roster.update_student(child, grade="7", instrument="viola")
    b.sync.sync()

    # A's clock is fixed. A edits once more (its HLC still carries the day ahead) and
    # syncs at once: nothing refers to the wrong date any more.
    a.store.wall = wall_clock_ms
    a.services.roster.update_student(child, level="2")
    report = a.sync.sync()
    assert report.pushed == 2 and a.store.pending_changes() == 0
    assert a.sync.status().last_error is None
    b.sync.sync()  # B pulls edits stamped "tomorrow" without being blocked

    # Deterministic: the edit stamped a day ahead wins the field on both laptops, the
    # other fields merge, and rows and clocks are identical.
    values_a, clocks_a = student_state(a, child)
    values_b, clocks_b = student_state(b, child)
    assert (values_a["grade"], values_a["instrument"], values_a["level"]) == ("6", "viola", "2")
    assert (values_a, clocks_a) == (values_b, clocks_b)
    assert clocks_a["grade"] > f"{wall_clock_ms() + DAY_MS - 3_600_000:015d}"
    # B's value that lost is kept for review, not dropped.
    losers = [i.losing_value for i in b.review.review_items() if i.field_name == "grade"]
    assert losers == ["7"]

    # B has folded the day-ahead clock into its own: its next edit still wins.
    b.services.roster.update_student(child, grade="8")
    b.sync.sync()
    a.sync.sync()
    assert student_state(a, child) == student_state(b, child)
    assert student_state(a, child)[0]["grade"] == "8"
