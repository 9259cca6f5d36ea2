"""Volunteers and events through a real sync server process: a performance's audience
count reaches a second laptop; a volunteer shared with a second hub reaches that hub's
laptop with their clearances, and no other hub's; the visited hub's "Needs review" names
the home hub's laptop that keeps the volunteer's record."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from harmony_desktop.domain.vocab import ShiftStatus
from harmony_desktop.services.review import Writer
from harmony_desktop.store.models import Ensemble, Hub, Staff
from harmony_desktop.ui.sync.review import ReviewModel, held_text
from tests.factories import make_hub
from tests.sync_client.conftest import ReplicaFactory, later_millisecond, name_laptops

DAY = dt.date(2026, 9, 3)


def test_a_performances_audience_count_syncs_to_a_second_laptop(
    replica: ReplicaFactory, live
) -> None:  # type: ignore[no-untyped-def]
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=4)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    session = a.services.events.add_performance(
        hub.ensemble_id, DAY, dt.time(18, 0), dt.time(19, 30),
        title="Fall concert", venue="City Hall rotunda", on_site=False,
    )  # fmt: skip
    for student in hub.student_ids[:3]:
        a.services.roll.mark(session, student, "OS", by=hub.teacher_id)
    a.sync.sync()
    b.sync.sync()
    [seen] = b.services.events.performances(hub.hub_id)
    assert (seen.venue, seen.audience_count, seen.roll.present) == ("City Hall rotunda", None, 3)
    # The audience is counted afterwards, on the first laptop.
    a.services.events.set_performance(session, audience_count=212)
    a.sync.sync()
    report = b.sync.sync()
    assert report.pulled >= 1
    [seen] = b.services.events.performances(hub.hub_id)
    assert seen.audience_count == 212


def test_a_volunteer_assigned_to_two_hubs_reaches_both_laptops_and_no_other(
    replica: ReplicaFactory, live
) -> None:  # type: ignore[no-untyped-def]
    office, north, east = replica("office"), replica("north"), replica("east")
    home = make_hub(office.services, students=2)  # the volunteer's home hub
    with office.store.write() as w:
        visited = w.insert(Hub(name="Visited Hub")).id
        other = w.insert(Hub(name="Other Hub")).id
    live.add_hub("Test Park Hub", home.hub_id)
    live.add_hub("Visited Hub", visited)
    live.add_hub("Other Hub", other)
    office.enroll([], data_manager=True)
    north.enroll([visited])
    east.enroll([other])
    volunteers = office.services.volunteers
    vid = volunteers.save(
        home.hub_id, {"first_name": "Shared", "last_name": "Helper", "status": "active"}
    )
    tb = next(k for k in volunteers.kinds() if k.code == "tb")
    volunteers.record_clearance(vid, tb.id, dt.date(2022, 1, 10))  # expired 2026-01-10
    volunteers.set_assignments(vid, [(home.hub_id, None), (visited, None)])
    office.sync.sync()
    north.sync.sync()
    east.sync.sync()

    [seen] = north.services.volunteers.for_hub(visited)
    assert seen.display_name == "Shared Helper"
    tb_seen = next(c for c in seen.clearances if c.kind_id == tb.id)
    assert tb_seen.expires_on == dt.date(2026, 1, 10) and not seen.cleared
    assert {a.hub_name for a in seen.assignments} >= {"Visited Hub"}
    assert east.services.volunteers.for_hub(None) == []

    # The visited hub records the volunteer's hours at its own session; its attempt to
    # edit the shared record is refused by the server and kept for review.
    with north.store.write() as w:
        ensemble = w.insert(Ensemble(hub_id=visited, name="Strings", schedule="[]")).id
    session = north.services.events.add_performance(
        ensemble, DAY, dt.time(18, 0), dt.time(19, 0), title="Recital", venue="Hall",
        on_site=True,
    )  # fmt: skip
    with north.store.write() as w:
        lead = w.insert(Staff(hub_id=visited, name="Lead", role="site_lead")).id
    north.services.volunteers.set_shift(
        session, vid, ShiftStatus.SIGNED_UP, by=None, confirmed_by=lead
    )
    north.services.volunteers.save(visited, {"phone": "(323) 555-0170"}, volunteer_id=vid)
    report = north.sync.sync()
    assert report.rejected == 1
    [refused] = north.review.review_items()
    assert (refused.kind, refused.table, refused.row_id) == ("rejected", "volunteer", vid)
    office.sync.sync()
    _headers, rows = office.services.volunteers.hours_table(None, DAY, DAY)
    assert rows == []  # signed up, not attended: no hours
    assert office.services.volunteers.get(vid).phone == ""
    east.sync.sync()
    assert east.services.volunteers.for_hub(None) == []


def test_the_visited_hubs_review_names_the_home_hubs_laptop_that_keeps_the_volunteer(
    replica: ReplicaFactory,
    live,
    qapp,  # type: ignore[no-untyped-def]
) -> None:
    """A volunteer of the south hub assists at the north hub. The north laptop's edit of
    their record is refused (only the home hub keeps it), and "Needs review" there shows
    the record in use beside the laptop that wrote it: the south laptop, by the name the
    office gave it, though it is enrolled for no hub of the north laptop."""
    office, south, north = replica("office"), replica("south"), replica("north")
    home = make_hub(office.services, students=1)
    with office.store.write() as w:
        visited = w.insert(Hub(name="North Hub")).id
    live.add_hub("South Hub", home.hub_id)
    live.add_hub("North Hub", visited)
    office.enroll([], data_manager=True)
    south.enroll([home.hub_id])
    north.enroll([visited])
    name_laptops(
        live, **{"Office laptop": office, "South laptop 2": south, "North laptop 1": north}
    )
    volunteers = office.services.volunteers
    vid = volunteers.save(
        home.hub_id, {"first_name": "Shared", "last_name": "Helper", "status": "active"}
    )
    volunteers.set_assignments(vid, [(home.hub_id, None), (visited, None)])
    for rep in (office, south, north):
        rep.sync.sync()

    north.services.volunteers.save(visited, {"phone": "(323) 555-0170"}, volunteer_id=vid)
    later_millisecond()  # the south laptop's edit is the later one
    south.services.volunteers.save(home.hub_id, {"phone": "(323) 555-0199"}, volunteer_id=vid)
    south.sync.sync()
    assert north.sync.sync().rejected == 1

    [item] = north.review.review_items()
    assert (item.kind, item.table, item.row_id) == ("rejected", "volunteer", vid)
    assert item.in_use == {"phone": "(323) 555-0199"}
    assert item.current_by == Writer(name="South laptop 2")
    assert item.other_by == Writer(this_laptop=True)
    model = ReviewModel()
    model.set_items([item])
    shown = [
        model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole)
        for column in range(len(model.COLUMNS))
    ]
    assert shown[0] == "Volunteer Shared Helper"  # by name, not the table's word
    assert shown[1:6] == [
        "Refused change: Phone",
        "(323) 555-0199",
        "South laptop 2",
        "This laptop may not change that hub's records.",
        "This laptop",
    ]
    # the server's own words (English, technical) are below it in the tooltip
    tip = model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert tip == (
        "This laptop may not change that hub's records.\n"
        "This device is not enrolled for the row's hub."
    )
    # a refused change of more fields shows each, named
    both = held_text({"email": "x@example.org", "phone": "(323) 555-0199"})
    assert both == "Email: x@example.org; Phone: (323) 555-0199"
