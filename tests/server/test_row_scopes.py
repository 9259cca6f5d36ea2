"""Shared rows (a volunteer assigned to two hubs) on SQLite and PostgreSQL: the family
reaches the devices of both hubs and of no other, and sharing never lets a device
write into another hub."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harmony_sync.schema import SHARED
from harmony_sync.server import accounts
from tests.server.conftest import LaptopFactory
from tests.server.fakes import Laptop, new_id, session_values


@pytest.fixture
def three_hubs(engine: Engine) -> tuple[str, str, str]:
    """Hubs A, B and C."""
    return (
        accounts.add_hub(engine, "Hub A"),
        accounts.add_hub(engine, "Hub B"),
        accounts.add_hub(engine, "Hub C"),
    )


def volunteer(first: str = "Vol", **fields: Any) -> dict[str, Any]:
    """Every field a new volunteer row needs (generated, not a real person)."""
    return {"first_name": first, "last_name": "Tester", "deleted": False, **fields}


def ids_of(rows: list[dict[str, Any]], table: str) -> set[str]:
    """The ids of the pulled rows of ``table``."""
    return {r["id"] for r in rows if r["table"] == table}


def family(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pulled rows of the shared tables (volunteers, clearances, assignments)."""
    return [r for r in rows if r["table"] in SHARED]


def statuses(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(status, rejection code) of each mutation of a push answer."""
    return [(r["status"], r.get("code")) for r in body["results"]]


def shared_volunteer(office: Laptop, a: str, b: str) -> tuple[str, str, str, str]:
    """A volunteer of hub B with a TB clearance, assigned to hubs A and B by the
    programme office: (volunteer, clearance, assignment at A, assignment at B)."""
    vid, clearance, at_a, at_b = new_id(), new_id(), new_id(), new_id()
    kind = new_id()
    body = office.push(
        [
            office.mutation("clearance_kind", kind, None, {"code": "tb", "label": "TB"}),
            office.mutation("volunteer", vid, b, volunteer(phone="(323) 555-0101")),
            office.mutation(
                "volunteer_clearance",
                clearance,
                b,
                {"volunteer_id": vid, "kind_id": kind, "done_on": "2026-01-05"},
            ),
            office.mutation("volunteer_assignment", at_a, a, {"volunteer_id": vid}),
            office.mutation("volunteer_assignment", at_b, b, {"volunteer_id": vid}),
        ]
    )
    assert statuses(body) == [("applied", None)] * 5
    return vid, clearance, at_a, at_b


def test_a_volunteer_of_two_hubs_reaches_both_and_no_other(
    laptop: LaptopFactory, three_hubs: tuple[str, str, str]
) -> None:
    a, b, c = three_hubs
    office = laptop([], data_manager=True)
    vid, clearance, at_a, at_b = shared_volunteer(office, a, b)
    on_a, on_b, on_c = laptop([a]), laptop([b]), laptop([c])
    rows_a, _ = on_a.pull_all()
    rows_b, _ = on_b.pull_all()
    rows_c, _ = on_c.pull_all()
    for rows in (rows_a, rows_b):
        assert ids_of(rows, "volunteer") == {vid}
        assert ids_of(rows, "volunteer_clearance") == {clearance}
        assert ids_of(rows, "volunteer_assignment") == {at_a, at_b}
    assert family(rows_c) == []
    # A later change reaches A and B, still not C.
    office.push([office.mutation("volunteer", vid, b, {"phone": "(323) 555-0102"})])
    assert [r["values"]["phone"] for r in on_a.pull_all()[0]] == ["(323) 555-0102"]
    assert [r["id"] for r in on_b.pull_all()[0]] == [vid]
    assert on_c.pull_all()[0] == []


def test_a_hub_a_device_cannot_write_into_hub_b_through_a_shared_volunteer(
    laptop: LaptopFactory, three_hubs: tuple[str, str, str]
) -> None:
    a, b, _c = three_hubs
    office = laptop([], data_manager=True)
    vid, clearance, _at_a, _at_b = shared_volunteer(office, a, b)
    other = new_id()
    office.push([office.mutation("volunteer", other, b, volunteer("Other"))])
    on_a = laptop([a])
    on_a.pull_all()
    body = on_a.push(
        [
            # edit the shared volunteer, whose hub is B
            on_a.mutation("volunteer", vid, b, {"phone": "(323) 555-0199"}),
            # claim it for hub A
            on_a.mutation("volunteer", vid, a, {"phone": "(323) 555-0199"}),
            # change its clearance, or add one in hub A
            on_a.mutation("volunteer_clearance", clearance, b, {"done_on": "2020-01-01"}),
            on_a.mutation(
                "volunteer_clearance", new_id(), a, {"volunteer_id": vid, "kind_id": new_id()}
            ),
            # assign it to hub B, or share another hub-B volunteer with hub A
            on_a.mutation("volunteer_assignment", new_id(), b, {"volunteer_id": vid}),
            on_a.mutation("volunteer_assignment", new_id(), a, {"volunteer_id": other}),
        ]
    )
    assert statuses(body) == [
        ("rejected", "out_of_scope"),
        ("rejected", "hub_change"),
        ("rejected", "out_of_scope"),
        ("rejected", "parent_hub_mismatch"),
        ("rejected", "out_of_scope"),
        ("rejected", "out_of_scope"),
    ]
    on_b = laptop([b])
    rows_b, _ = on_b.pull_all()
    [stored] = [r for r in rows_b if r["id"] == vid]
    assert stored["values"]["phone"] == "(323) 555-0101"
    assert ids_of(rows_b, "volunteer_assignment") == {_at_a, _at_b}
    assert other not in ids_of(on_a.pull_all()[0], "volunteer")


def test_hub_a_may_record_its_own_shifts_and_assign_within_hub_a(
    laptop: LaptopFactory, three_hubs: tuple[str, str, str]
) -> None:
    a, b, _c = three_hubs
    office = laptop([], data_manager=True)
    vid, _clearance, at_a, _at_b = shared_volunteer(office, a, b)
    on_a = laptop([a])
    ensemble, session = new_id(), new_id()
    body = on_a.push(
        [
            on_a.mutation("ensemble", ensemble, a, {"name": "Strings"}),
            on_a.mutation("session", session, a, session_values(ensemble)),
            on_a.mutation(
                "volunteer_shift",
                new_id(),
                a,
                {"session_id": session, "volunteer_id": vid, "status": "attended"},
            ),
            # already shared with hub A: a second assignment there shares nothing new
            on_a.mutation(
                "volunteer_assignment", new_id(), a, {"volunteer_id": vid, "ensemble_id": ensemble}
            ),
            # and hub A may end its own assignment
            on_a.mutation("volunteer_assignment", at_a, a, {"deleted": True}),
        ]
    )
    assert statuses(body) == [("applied", None)] * 5


def test_a_guessed_volunteer_id_gives_hub_c_nothing(
    laptop: LaptopFactory, three_hubs: tuple[str, str, str]
) -> None:
    a, b, c = three_hubs
    office = laptop([], data_manager=True)
    vid, _clearance, _at_a, _at_b = shared_volunteer(office, a, b)
    on_c = laptop([c])
    body = on_c.push([on_c.mutation("volunteer_assignment", new_id(), c, {"volunteer_id": vid})])
    assert statuses(body) == [("rejected", "out_of_scope")]
    body = on_c.push(
        [on_c.mutation("volunteer_assignment", new_id(), c, {"volunteer_id": new_id()})]
    )
    assert statuses(body) == [("rejected", "unknown_parent")]
    assert family(on_c.pull_all()[0]) == []


def test_a_newly_assigned_hub_receives_the_whole_family_and_an_ended_one_stops(
    laptop: LaptopFactory, three_hubs: tuple[str, str, str]
) -> None:
    a, b, c = three_hubs
    office = laptop([], data_manager=True)
    vid, clearance, at_a, at_b = shared_volunteer(office, a, b)
    on_c = laptop([c])
    assert family(on_c.pull_all()[0]) == []  # its cursor is now past every volunteer row
    at_c = new_id()
    office.push([office.mutation("volunteer_assignment", at_c, c, {"volunteer_id": vid})])
    rows_c, _ = on_c.pull_all()
    assert ids_of(rows_c, "volunteer") == {vid}
    assert ids_of(rows_c, "volunteer_clearance") == {clearance}
    assert ids_of(rows_c, "volunteer_assignment") == {at_a, at_b, at_c}
    # The assignment ends: hub C hears of it, then of nothing more.
    office.push([office.mutation("volunteer_assignment", at_c, c, {"deleted": True})])
    [ended] = on_c.pull_all()[0]
    assert (ended["id"], ended["values"]["deleted"]) == (at_c, True)
    office.push([office.mutation("volunteer", vid, b, {"phone": "(323) 555-0150"})])
    assert on_c.pull_all()[0] == []
    # A member's family is fixed: a clearance cannot move to another volunteer.
    other = new_id()
    body = office.push(
        [
            office.mutation("volunteer", other, b, volunteer("Other")),
            office.mutation("volunteer_clearance", clearance, b, {"volunteer_id": other}),
        ]
    )
    assert statuses(body) == [("applied", None), ("rejected", "scope_change")]


def test_a_hub_device_shares_its_own_volunteer_within_its_hubs(
    client: TestClient, laptop: LaptopFactory, three_hubs: tuple[str, str, str]
) -> None:
    a, b, c = three_hubs
    lead = laptop([a, b])  # a site lead enrolled for two hubs
    vid = new_id()
    body = lead.push(
        [
            lead.mutation("volunteer", vid, a, volunteer()),
            lead.mutation("volunteer_assignment", new_id(), b, {"volunteer_id": vid}),
            lead.mutation("volunteer_assignment", new_id(), c, {"volunteer_id": vid}),
        ]
    )
    assert statuses(body) == [("applied", None), ("applied", None), ("rejected", "out_of_scope")]
    assert ids_of(laptop([b]).pull_all()[0], "volunteer") == {vid}
    assert family(laptop([c]).pull_all()[0]) == []
