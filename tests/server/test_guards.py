"""Epochs (restore from backup), future clocks, version checks and transient errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from harmony_sync.hlc import wall_clock_ms
from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from harmony_sync.server import db, store
from harmony_sync.server.app import create_app
from tests.server.conftest import LaptopFactory
from tests.server.fakes import Laptop, new_id
from tests.server.test_push import last_mutation_id, stored_rows


def test_epoch_change_forces_rebase(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    row = new_id()
    first = dev.mutation("student", row, north, {"legal_first_name": "Ana"})
    dev.push([first, dev.mutation("student", row, north, {"grade": "5"})])
    dev.pull_all()
    old_epoch = dev.epoch
    new = store.new_epoch(engine)  # the administrator restored a backup
    assert new != old_epoch
    for response in (
        dev.push_raw([dev.mutation("student", row, north, {"grade": "6"})]),
        dev.pull_raw(),
    ):
        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "epoch_changed" and error["epoch"] == new
        assert "cursor to 0" in error["message"]
    assert stored_rows(engine)[("student", row)] == {"legal_first_name": "Ana", "grade": "5"}
    # Re-base: the device re-pushes its state with original clocks and fresh ids from 1.
    dev.epoch = new
    replay = [dict(first, mutation_id=1)]
    body = dev.push(replay)
    assert body["results"][0]["status"] == "applied" and body["epoch"] == new
    assert last_mutation_id(engine, dev.key) == 1
    dev.cursor = 0
    rows, _ = dev.pull_all(own_rows=True)  # the state it pushed itself is not echoed
    assert row in {r["id"] for r in rows}


def test_first_contact_epoch_null_is_accepted(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    dev.epoch = None
    assert dev.pull_raw().status_code == 200


def test_future_clock_refuses_whole_push(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    ahead = f"{wall_clock_ms() + 6 * 60_000:015d}-00000-{dev.node}"
    fine = dev.mutation("student", new_id(), north, {"level": "1"})
    skewed = dev.mutation("student", new_id(), north, {"level": "2"}, clock=ahead)
    response = dev.push_raw([fine, skewed])
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "clock_skew"
    assert "6.0 minutes ahead" in error["message"] and "time" in error["message"]
    assert stored_rows(engine) == {} and last_mutation_id(engine, dev.key) == 0
    # Four minutes ahead is tolerated.
    near = f"{wall_clock_ms() + 4 * 60_000:015d}-00000-{dev.node}"
    assert dev.push([dev.mutation("student", new_id(), north, {"level": "3"}, clock=near)])


@pytest.mark.parametrize(
    ("protocol", "schema", "status", "update"),
    [
        (PROTOCOL_VERSION - 1, SCHEMA_VERSION, 409, "desktop"),
        (PROTOCOL_VERSION + 1, SCHEMA_VERSION, 409, "server"),
        (PROTOCOL_VERSION, SCHEMA_VERSION - 1, 409, "desktop"),
        (PROTOCOL_VERSION, SCHEMA_VERSION + 1, 409, "server"),
        (None, SCHEMA_VERSION, 400, None),
        ("one", SCHEMA_VERSION, 400, None),
    ],
)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # storage-independent
@pytest.mark.parametrize(
    "path", ["/v1/push", "/v1/pull", "/v1/session", "/v1/enroll", "/v1/conflicts/resolve"]
)
def test_version_mismatch_says_which_side_to_update(
    client: TestClient, hubs, laptop: LaptopFactory, protocol, schema, status, update, path
) -> None:
    north, _ = hubs
    dev = laptop([north])
    headers = {**dev.headers, "Harmony-Schema-Version": str(schema)}
    if protocol is None:
        del headers["Harmony-Protocol-Version"]
    else:
        headers["Harmony-Protocol-Version"] = str(protocol)
    if path == "/v1/session":
        response = client.get(path, headers=headers)
    else:
        response = client.post(path, json={}, headers=headers)
    assert response.status_code == status
    error = response.json()["error"]
    if update is None:
        assert error["code"] == "version_missing"
    else:
        assert error["code"] == "version_mismatch" and error["update"] == update
        assert ("desktop app" if update == "desktop" else "sync server") in error["message"]


def test_responses_carry_epoch_and_server_time(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    response = dev.pull_raw()
    body = response.json()
    assert body["epoch"] == dev.epoch
    assert abs(body["server_time_ms"] - wall_clock_ms()) < 60_000
    assert int(response.headers["Harmony-Server-Time"]) > 0
    assert response.headers["Harmony-Epoch"] == dev.epoch
    for other in (
        dev.client.get("/health"),
        dev.client.post("/v1/pull", json={}),
        dev.client.get("/nowhere"),
    ):
        assert other.headers["Harmony-Epoch"] == dev.epoch
    assert dev.client.get("/health").json() == {"status": "ok"}
    ready = dev.client.get("/ready").json()
    assert ready["status"] == "ready" and ready["epoch"] == dev.epoch


def test_transient_storage_error_is_503_and_advances_nothing(
    engine: Engine, database_url: str, hubs
) -> None:
    """Another connection holds the writer lock longer than the server waits: the push
    fails with 503, nothing advances, and the same push succeeds afterwards."""
    north, _ = hubs
    impatient = db.make_engine(database_url, busy_timeout_ms=200)
    with TestClient(create_app(impatient), raise_server_exceptions=False) as client:
        dev = Laptop(client, impatient, [north])
        batch = [dev.mutation("student", new_id(), north, {"level": "1"})]
        blocker = engine.connect()
        if engine.dialect.name == "sqlite":
            blocker.exec_driver_sql("BEGIN EXCLUSIVE")
        else:
            blocker.exec_driver_sql("SELECT * FROM server_state FOR UPDATE")
        try:
            response = dev.push_raw(batch)
        finally:
            blocker.rollback()
            blocker.close()
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "storage_unavailable"
        assert last_mutation_id(engine, dev.key) == 0 and stored_rows(engine) == {}
        assert dev.push(batch)["results"][0]["status"] == "applied"
    impatient.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # storage-independent
def test_oversized_body_is_413(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    big = b'{"epoch": null, "mutations": []' + b" " * (33 * 2**20) + b"}"
    response = dev.client.post(
        "/v1/push", content=big, headers={**dev.headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


def test_ready_is_503_without_a_database(tmp_path) -> None:
    empty = db.make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")  # never migrated
    with TestClient(create_app(empty), raise_server_exceptions=False) as client:
        assert client.get("/health").status_code == 200
        response = client.get("/ready")
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "storage_unavailable"
        assert "Harmony-Epoch" not in response.headers
    empty.dispose()
