"""Set-up edits on two laptops of one hub meet through a real server process: an
ensemble changed offline on both merges field by field (the same field: the later write
wins and the other is kept for review), and a data manager's programme-wide staff member
and closure day reach the hub's laptops."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlmodel import select

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.setup import StaffRecord
from harmony_desktop.store.models import Ensemble
from tests.factories import make_hub
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import ReplicaFactory

MON_WED = ((0, dt.time(15, 30), dt.time(17, 0)), (2, dt.time(15, 30), dt.time(17, 0)))


def test_two_laptops_edit_one_ensemble_and_it_merges_per_field(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a, b, office = replica("a"), replica("b"), replica("office")
    hub = make_hub(a.services, students=2)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    office.enroll([hub.hub_id], data_manager=True)
    for rep in (a, b, office):
        rep.sync.sync()
    before = b.services.setup.ensemble(hub.ensemble_id)
    assert before.capacity == 30 and before.name == "Beginning Strings"

    # both laptops offline: A changes the places and the meetings, B the name and the
    # last day, and both the room
    on_a = a.services.setup.ensemble(hub.ensemble_id)
    a.services.setup.save_ensemble(replace(on_a, capacity=20, slots=MON_WED, location="Gym"))
    on_b = b.services.setup.ensemble(hub.ensemble_id)
    last_day = dt.date(2027, 5, 28)
    b.services.setup.save_ensemble(
        replace(on_b, name="Strings I", last_day=last_day, location="Room 12")
    )
    a.sync.sync()
    b.sync.sync()
    a.sync.sync()

    rows = []
    for rep in (a, b):
        now = rep.services.setup.ensemble(hub.ensemble_id)
        assert (now.name, now.capacity, now.last_day, now.location) == (
            "Strings I", 20, last_day, "Room 12"
        )  # fmt: skip
        assert now.slots == MON_WED and now.schedule_text == "Mon, Wed 3:30\u202fPM–5:00\u202fPM"
        conflicts = [i for i in rep.review.review_items() if i.kind == "conflict"]
        assert [(i.field_name, i.losing_value, i.winning_value) for i in conflicts] == [
            ("location", "Gym", "Room 12")
        ]
        with rep.store.read() as s:
            row = s.exec(select(Ensemble).where(Ensemble.id == hub.ensemble_id)).one()
            rows.append((row.schedule, row.first_day, row.teacher_id))
    assert rows[0] == rows[1]  # the stored schedule, with its history, is the same

    # the data manager adds a teacher of the hub and closes the programme for a day
    teacher = office.services.setup.save_staff(
        StaffRecord(None, "Rae Substitute", "teacher", hubs=(hub.hub_id,))
    )
    closed = dt.date(2027, 1, 18)
    office.services.calendar.add_closure(closed, "Martin Luther King Jr. Day")
    office.sync.sync()
    a.sync.sync()
    names = {m.name: m for m in a.services.setup.staff()}
    assert names["Rae Substitute"].id == teacher and names["Rae Substitute"].hub_id is None
    assert a.services.calendar.is_closed(hub.hub_id, closed)
    assert a.services.sessions.for_day(hub.hub_id, closed) == []
    week_after = a.services.sessions.for_day(hub.hub_id, closed + dt.timedelta(days=7))
    assert [i.ensemble_id for i in week_after] == [hub.ensemble_id]


def test_a_staff_member_archived_at_the_office_leaves_the_hubs_lists(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    site, office = replica("site"), replica("office")
    hub = make_hub(site.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    site.enroll([hub.hub_id])
    office.enroll([hub.hub_id], data_manager=True)
    site.sync.sync()
    office.sync.sync()
    leaving = office.services.setup.save_staff(
        StaffRecord(None, "Sam Leaving", "teacher", hubs=(hub.hub_id,))
    )
    office.sync.sync()
    site.sync.sync()
    assert "Sam Leaving" in [s.name for s in site.services.hubs.staff_for_hub(hub.hub_id)]

    # a hub's laptop does not archive a programme-wide person: the office does
    with pytest.raises(HarmonyError, match="data manager"):
        site.services.setup.set_staff_archived(leaving)
    office.services.setup.set_staff_archived(leaving)
    office.sync.sync()
    site.sync.sync()
    assert [s.name for s in site.services.hubs.staff_for_hub(hub.hub_id)] == ["Teacher One"]
    (record,) = [r for r in site.services.setup.staff() if r.id == leaving]
    assert record.archived and record.name == "Sam Leaving"
    # and they cannot be made an ensemble's teacher while archived
    ensemble = site.services.setup.ensemble(hub.ensemble_id)
    with pytest.raises(HarmonyError, match="archived"):
        site.services.setup.save_ensemble(replace(ensemble, teacher_id=leaving))
