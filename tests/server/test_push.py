"""Push: exactly once, in order, duplicates acknowledged, rejections recorded, not blocking."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from harmony_sync.server.accounts import DEVICES, ROWS
from harmony_sync.server.store import REJECTIONS
from tests.server.conftest import LaptopFactory
from tests.server.fakes import new_id


def stored_rows(engine: Engine) -> dict[tuple[str, str], dict[str, Any]]:
    """Every synced row in the database (minus the registry's hub rows)."""
    with engine.connect() as conn:
        return {
            (r.table_name, r.row_id): dict(r.data)
            for r in conn.execute(select(ROWS))
            if r.table_name != "hub"
        }


def last_mutation_id(engine: Engine, key: int) -> int:
    """The device's acknowledged mutation id, as stored."""
    with engine.connect() as conn:
        stmt = select(DEVICES.c.last_mutation_id).where(DEVICES.c.key == key)
        return int(conn.execute(stmt).scalar_one())


def test_push_applies_and_stores_rows(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    student = new_id()
    body = dev.push(
        [dev.mutation("student", student, north, {"legal_first_name": "Ana", "grade": "4"})]
    )
    assert body["results"] == [
        {"mutation_id": 1, "status": "applied", "code": None, "reason": None}
    ]
    assert body["last_mutation_id"] == 1
    assert body["epoch"] == dev.epoch
    assert stored_rows(engine) == {("student", student): {"legal_first_name": "Ana", "grade": "4"}}
    assert last_mutation_id(engine, dev.key) == 1


def test_duplicate_batch_is_acknowledged_not_reapplied(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    mark = new_id()
    batch = [
        dev.mutation("student", mark, north, {"level": "beginner"}),
        dev.mutation("student", mark, north, {"notes": "on time"}),
    ]
    dev.push(batch)
    with engine.connect() as conn:
        seq_before = conn.execute(select(ROWS.c.seq).where(ROWS.c.row_id == mark)).scalar_one()
    again = dev.push(batch)  # the retry after a lost response
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    with engine.connect() as conn:
        seq_after = conn.execute(select(ROWS.c.seq).where(ROWS.c.row_id == mark)).scalar_one()
    assert seq_after == seq_before  # nothing was rewritten
    assert stored_rows(engine)[("student", mark)] == {"level": "beginner", "notes": "on time"}
    assert last_mutation_id(engine, dev.key) == 2


def test_out_of_order_batches(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    """A batch sent out of id order is applied in id order; an old batch after a newer one
    is acknowledged as duplicates; overlapping retries apply only the new tail."""
    north, _ = hubs
    dev = laptop([north])
    row = new_id()
    m1 = dev.mutation("student", row, north, {"level": "beginner"})
    m2 = dev.mutation("student", row, north, {"level": "intermediate"})
    m3 = dev.mutation("student", row, north, {"level": "advanced"})
    m5 = dev.mutation("student", row, north, {"instrument": "cello"}, mutation_id=5)
    body = dev.push([m2, m1])
    assert [(r["mutation_id"], r["status"]) for r in body["results"]] == [
        (1, "applied"),
        (2, "applied"),
    ]
    assert stored_rows(engine)[("student", row)]["level"] == "intermediate"
    body = dev.push([m1, m2, m3, m5])  # overlapping retry with a gap in ids
    assert [r["status"] for r in body["results"]] == [
        "duplicate",
        "duplicate",
        "applied",
        "applied",
    ]
    assert dev.push([m3])["results"][0]["status"] == "duplicate"
    assert stored_rows(engine)[("student", row)] == {"level": "advanced", "instrument": "cello"}
    assert last_mutation_id(engine, dev.key) == 5


def test_rejection_is_recorded_and_does_not_block(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    good_before, good_after = new_id(), new_id()
    batch = [
        dev.mutation("student", good_before, north, {"legal_first_name": "A"}),
        dev.mutation("no_such_table", new_id(), north, {"x": 1}),
        dev.mutation("student", "not-a-uuid", north, {"legal_first_name": "B"}),
        dev.mutation("student", new_id(), north, {"photo": {"nested": True}}),
        dev.mutation("student", good_after, north, {"legal_first_name": "C"}),
    ]
    body = dev.push(batch)
    statuses = [(r["status"], r["code"]) for r in body["results"]]
    assert statuses == [
        ("applied", None),
        ("rejected", "unknown_table"),
        ("rejected", "bad_row_id"),
        ("rejected", "bad_values"),
        ("applied", None),
    ]
    assert all(r["reason"] for r in body["results"] if r["status"] == "rejected")
    assert set(stored_rows(engine)) == {("student", good_before), ("student", good_after)}
    with engine.connect() as conn:
        rejected = conn.execute(
            select(REJECTIONS.c.mutation_id, REJECTIONS.c.code, REJECTIONS.c.device_key).order_by(
                REJECTIONS.c.mutation_id
            )
        ).all()
    assert [(r.mutation_id, r.code, r.device_key) for r in rejected] == [
        (2, "unknown_table", dev.key),
        (3, "bad_row_id", dev.key),
        (4, "bad_values", dev.key),
    ]
    # The queue moved on: the next push continues after the rejected ones.
    assert last_mutation_id(engine, dev.key) == 5
    assert dev.push(batch[1:2])["results"][0]["status"] == "duplicate"


def test_malformed_clocks_and_bases_are_rejected(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    ok = dev.mutation("student", new_id(), north, {"legal_first_name": "A"})
    no_clock = dev.mutation("student", new_id(), north, {"legal_first_name": "A"})
    no_clock["clocks"] = {}
    bad_clock = dev.mutation("student", new_id(), north, {"legal_first_name": "A"})
    bad_clock["clocks"] = {"legal_first_name": "yesterday"}
    bad_base = dev.mutation("student", new_id(), north, {"legal_first_name": "A"})
    bad_base["bases"] = {"other": None}
    moved_id = dev.mutation("student", new_id(), north, {"id": new_id(), "level": "1"})
    nan = dev.mutation("student", new_id(), north, {"legal_first_name": "A"})
    nan["values"] = {"legal_first_name": "A\x00B"}
    body = dev.push([ok, no_clock, bad_clock, bad_base, moved_id, nan])
    assert [r["code"] for r in body["results"]] == [
        None,
        "bad_clocks",
        "bad_clocks",
        "bad_bases",
        "bad_values",
        "bad_values",
    ]
    assert len(stored_rows(engine)) == 1


def test_malformed_envelope_is_a_4xx_with_message(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    for bad in ([{"table": "student"}], [{"mutation_id": "7"}], [{"mutation_id": 0}], "x"):
        response = dev.push_raw(bad)  # type: ignore[arg-type]
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "bad_request"
        assert "mutation" in response.json()["error"]["message"]


def test_rejection_with_unstorable_text_still_moves_on(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    """NUL bytes (which PostgreSQL text cannot hold) in a rejected mutation's table and row
    id are recorded escaped: the rejection must never turn into a stuck queue."""
    north, _ = hubs
    dev = laptop([north])
    bad = dev.mutation("student", new_id(), north, {"level": "1"})
    bad["table"], bad["row_id"] = "stu\x00dent", "\x00" * 100
    good = dev.mutation("student", new_id(), north, {"level": "2"})
    body = dev.push([bad, good])
    assert [r["status"] for r in body["results"]] == ["rejected", "applied"]
    with engine.connect() as conn:
        table, row = conn.execute(select(REJECTIONS.c.table_name, REJECTIONS.c.row_id)).one()
    assert table == "stu\\x00dent" and "\x00" not in row and len(row) <= 64 * 4


def test_lone_surrogates_are_rejected_not_crashing(
    engine: Engine, client, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    mutations = [
        '{"mutation_id": 1, "table": "\\ud800", "row_id": 1}',
        '{"mutation_id": 2, "table": "student", "row_id": "'
        + new_id()
        + '", "hub_id": "'
        + north
        + '", "values": {"notes": "\\udfff"}, "clocks": {"notes": "'
        + dev.clock.now()
        + '"}}',
    ]
    raw = '{"epoch": null, "mutations": [' + ", ".join(mutations) + "]}"
    response = client.post(
        "/v1/push",
        content=raw.encode(),
        headers={**dev.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert [r["code"] for r in response.json()["results"]] == ["unknown_table", "bad_values"]
    enroll = client.post(
        "/v1/enroll",
        content=b'{"code": "\\ud800", "device_id": "%s"}' % dev.node.encode(),
        headers={**dev.headers, "Content-Type": "application/json"},
    )
    assert enroll.status_code == 422
