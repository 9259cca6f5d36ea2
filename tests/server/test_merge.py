"""Field-level last-writer-wins merges, conflicts kept for review, and tombstones."""

from __future__ import annotations

from sqlalchemy import Engine, select

from harmony_sync.hlc import wall_clock_ms
from harmony_sync.server.store import CONFLICTS
from tests.server.conftest import LaptopFactory
from tests.server.fakes import new_id
from tests.server.test_push import stored_rows


def at(offset_ms: int, node: str) -> str:
    """An explicit HLC reading up to 10 s ahead of now (+ offset), ahead of every clock the
    test laptops stamp by themselves and independent of the wall clock's resolution."""
    return f"{(wall_clock_ms() // 10_000 + 1) * 10_000 + offset_ms:015d}-00000-{node}"


def test_fields_merge_independently(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    created = a.mutation(
        "student", row, north, {"legal_first_name": "Ana", "level": "1", "grade": "3"}
    )
    a.push([created])
    base = created["clocks"]["level"]
    # Offline, A edits the level and B the grade, each having seen the created row.
    a.push([a.mutation("student", row, north, {"level": "2"}, bases={"level": base})])
    body = b.push([b.mutation("student", row, north, {"grade": "4"}, bases={"grade": base})])
    assert body["conflicts"] == []
    assert stored_rows(engine)[("student", row)] == {
        "legal_first_name": "Ana",
        "level": "2",
        "grade": "4",
    }


def test_concurrent_edit_keeps_loser_for_review(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    created = a.mutation("student", row, north, {"instrument": "violin"})
    a.push([created])
    base = created["clocks"]["instrument"]
    older = a.mutation(
        "student",
        row,
        north,
        {"instrument": "viola"},
        bases={"instrument": base},
        clock=at(0, a.node),
    )
    newer = b.mutation(
        "student",
        row,
        north,
        {"instrument": "cello"},
        bases={"instrument": base},
        clock=at(1, b.node),
    )
    b.push([newer])
    body = a.push([older])  # older write arrives last: it loses, and is reported
    assert stored_rows(engine)[("student", row)] == {"instrument": "cello"}
    [conflict] = body["conflicts"]
    assert conflict["field"] == "instrument"
    assert (conflict["losing_value"], conflict["winning_value"]) == ("viola", "cello")
    assert conflict["hub_id"] == north and conflict["resolved"] is False
    # Every device of the hub sees it in its pull.
    _, conflicts = b.pull_all()
    assert [c["id"] for c in conflicts] == [conflict["id"]]
    with engine.connect() as conn:
        stored = conn.execute(select(CONFLICTS)).one()
    assert (stored.losing_value, stored.losing_clock) == ("viola", older["clocks"]["instrument"])


def test_newer_concurrent_write_wins_and_reports_overwritten_value(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    created = a.mutation("contact", row, north, {"phone": "1"})
    a.push([created])
    base = created["clocks"]["phone"]
    older = a.mutation(
        "contact", row, north, {"phone": "2"}, bases={"phone": base}, clock=at(0, a.node)
    )
    newer = b.mutation(
        "contact", row, north, {"phone": "3"}, bases={"phone": base}, clock=at(1, b.node)
    )
    a.push([older])
    body = b.push([newer])  # newer, but B never saw "2": concurrent, "2" is kept
    assert stored_rows(engine)[("contact", row)] == {"phone": "3"}
    assert [(c["losing_value"], c["winning_value"]) for c in body["conflicts"]] == [("2", "3")]


def test_sequential_overwrite_is_not_a_conflict(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    created = a.mutation("contact", row, north, {"phone": "1"})
    a.push([created])
    body = b.push(
        [
            b.mutation(
                "contact", row, north, {"phone": "2"}, bases={"phone": created["clocks"]["phone"]}
            )
        ]
    )
    assert body["conflicts"] == []
    assert stored_rows(engine)[("contact", row)] == {"phone": "2"}


def test_tie_broken_by_device_id(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    low = laptop([north], node="00000000000000aa")
    high = laptop([north], node="00000000000000bb")
    row = new_id()
    millis = "001700000000000-00000-"
    high.push([high.mutation("student", row, north, {"level": "high"}, clock=millis + high.node)])
    low.push([low.mutation("student", row, north, {"level": "low"}, clock=millis + low.node)])
    assert stored_rows(engine)[("student", row)] == {"level": "high"}


def test_tombstone_wins_over_concurrent_edit_until_restored(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    a.push(
        [
            a.mutation(
                "ensemble", row, north, {"name": "Strings", "deleted": False}, clock=at(0, a.node)
            )
        ]
    )
    a.push([a.mutation("ensemble", row, north, {"deleted": True}, clock=at(1, a.node))])
    b.push(
        [b.mutation("ensemble", row, north, {"name": "Strings II"}, clock=at(2, b.node))]
    )  # a later edit
    assert stored_rows(engine)[("ensemble", row)] == {"name": "Strings II", "deleted": True}
    rows, _ = b.pull_all()
    [pulled] = [r for r in rows if r["id"] == row]
    assert pulled["values"]["deleted"] is True and pulled["clocks"]["deleted"]
    b.push([b.mutation("ensemble", row, north, {"deleted": False}, clock=at(3, b.node))])
    assert stored_rows(engine)[("ensemble", row)]["deleted"] is False


def test_merge_is_idempotent_on_replay_with_original_clocks(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    m = a.mutation("ensemble", row, north, {"location": "Hall"})
    a.push([m])
    replay = dict(m, mutation_id=1)  # another device re-pushes the same value and clock
    body = b.push([replay])
    assert body["results"][0]["status"] == "applied" and body["conflicts"] == []
    assert stored_rows(engine)[("ensemble", row)] == {"location": "Hall"}


def test_resolving_a_conflict_is_delivered_to_hub_devices(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, south = hubs
    a, b, other = laptop([north]), laptop([north]), laptop([south])
    row = new_id()
    newer = b.mutation("student", row, north, {"level": "B"}, clock=at(2, b.node))
    older_clock = at(1, a.node)
    b.push([newer])
    body = a.push([a.mutation("student", row, north, {"level": "A"}, clock=older_clock)])
    [conflict] = body["conflicts"]
    b.pull_all()
    response = other.client.post(
        "/v1/conflicts/resolve",
        json={"epoch": other.epoch, "conflict_ids": [conflict["id"]]},
        headers=other.headers,
    )
    assert response.status_code == 404  # another hub's conflict looks like a missing one
    response = b.client.post(
        "/v1/conflicts/resolve",
        json={"epoch": b.epoch, "conflict_ids": [conflict["id"]]},
        headers=b.headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["resolved"] == [conflict["id"]]
    _, conflicts = b.pull_all()
    assert [(c["id"], c["resolved"]) for c in conflicts] == [(conflict["id"], True)]
    with engine.connect() as conn:
        assert conn.execute(select(CONFLICTS.c.resolved_by)).scalar_one() == b.key
    response = b.client.post(
        "/v1/conflicts/resolve", json={"epoch": b.epoch, "conflict_ids": [99999]}, headers=b.headers
    )
    assert response.status_code == 404
    response = b.client.post(  # beyond the 32-bit key range: a 422, not a storage error
        "/v1/conflicts/resolve", json={"epoch": b.epoch, "conflict_ids": [2**40]}, headers=b.headers
    )
    assert response.status_code == 422
