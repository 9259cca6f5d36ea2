"""Enrollment, tokens and hub scope on every endpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from harmony_sync.server import accounts
from harmony_sync.server.accounts import DEVICES, ROWS
from tests.server.conftest import LaptopFactory
from tests.server.fakes import VERSION_HEADERS, conflict_between, new_id
from tests.server.test_push import stored_rows

AUTHED_ENDPOINTS = [
    ("post", "/v1/push", {"epoch": None, "mutations": []}),
    ("post", "/v1/pull", {"epoch": None, "cursor": 0}),
    ("get", "/v1/session", None),
    ("post", "/v1/conflicts/resolve", {"epoch": None, "conflict_ids": []}),
]


def call(client: TestClient, method: str, path: str, body: object, headers: dict) -> object:
    """Send one request."""
    if method == "get":
        return client.get(path, headers=headers)
    return client.post(path, json=body, headers=headers)


def test_enrollment_stores_only_hashes_and_code_works_once(
    engine: Engine, client: TestClient, hubs
) -> None:
    north, _ = hubs
    key, code = accounts.create_device(engine, "Lab laptop", [north])
    body = {"code": code.lower().replace("-", " "), "device_id": "0123456789abcdef"}
    response = client.post("/v1/enroll", json=body, headers=VERSION_HEADERS)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["hubs"] == [{"id": north, "name": "North Park"}]
    assert data["device_id"] == "0123456789abcdef" and data["data_manager"] is False
    token = data["device_token"]
    with engine.connect() as conn:
        stored = conn.execute(select(DEVICES).where(DEVICES.c.key == key)).one()
    assert stored.token_hash == accounts.secret_hash(token) and token not in str(stored)
    assert stored.enroll_code_hash is None and stored.node == "0123456789abcdef"
    again = client.post("/v1/enroll", json=body, headers=VERSION_HEADERS)
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_enrollment_code"


def test_expired_code_and_device_id_in_use(engine: Engine, client: TestClient, hubs) -> None:
    north, _ = hubs
    _, old = accounts.create_device(engine, "x", [north], ttl=timedelta(seconds=-1))
    response = client.post(
        "/v1/enroll", json={"code": old, "device_id": "00000000000000aa"}, headers=VERSION_HEADERS
    )
    assert response.json()["error"]["code"] == "enrollment_code_expired"
    _, first = accounts.create_device(engine, "a", [north])
    _, second = accounts.create_device(engine, "b", [north])
    ok = client.post(
        "/v1/enroll", json={"code": first, "device_id": "00000000000000bb"}, headers=VERSION_HEADERS
    )
    assert ok.status_code == 200
    clash = client.post(
        "/v1/enroll",
        json={"code": second, "device_id": "00000000000000bb"},
        headers=VERSION_HEADERS,
    )
    assert clash.status_code == 409
    assert clash.json()["error"]["code"] == "device_id_in_use"


@pytest.mark.parametrize(("method", "path", "body"), AUTHED_ENDPOINTS)
def test_every_endpoint_needs_a_valid_token(
    client: TestClient, hubs, laptop: LaptopFactory, method: str, path: str, body: object
) -> None:
    for headers, code in (
        (VERSION_HEADERS, "missing_token"),
        ({**VERSION_HEADERS, "Authorization": "Bearer nope"}, "invalid_token"),
        ({**VERSION_HEADERS, "Authorization": "Basic abc"}, "missing_token"),
    ):
        response = call(client, method, path, body, headers)
        assert response.status_code == 401, (path, headers)  # type: ignore[attr-defined]
        assert response.json()["error"]["code"] == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(("method", "path", "body"), AUTHED_ENDPOINTS)
def test_revoked_device_is_denied_everywhere(
    engine: Engine,
    client: TestClient,
    hubs,
    laptop: LaptopFactory,
    method: str,
    path: str,
    body: object,
) -> None:
    north, _ = hubs
    dev = laptop([north])
    assert call(client, method, path, body, dev.headers).status_code == 200  # type: ignore
    assert accounts.revoke_device(engine, dev.key)
    response = call(client, method, path, body, dev.headers)
    assert response.status_code == 401  # type: ignore[attr-defined]
    error = response.json()["error"]  # type: ignore[attr-defined]
    assert error["code"] == "device_revoked" and "administrator" in error["message"]


def test_revoked_device_push_changes_nothing(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    accounts.revoke_device(engine, dev.key)
    response = dev.push_raw([dev.mutation("student", new_id(), north, {"level": "1"})])
    assert response.status_code == 401
    assert stored_rows(engine) == {}


def test_cross_hub_push_is_rejected_and_stored_hub_is_checked(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, south = hubs
    n_dev, s_dev = laptop([north]), laptop([south])
    s_row = new_id()
    s_dev.push([s_dev.mutation("student", s_row, south, {"legal_first_name": "Sam"})])
    body = n_dev.push(
        [
            # claims the south row belongs to north (the stored hub is south)
            n_dev.mutation("student", s_row, north, {"legal_first_name": "Hijacked"}),
            # writes into south openly
            n_dev.mutation("student", s_row, south, {"legal_first_name": "Hijacked"}),
            n_dev.mutation("student", new_id(), south, {"legal_first_name": "New"}),
            # programme-wide rows are for data managers only
            n_dev.mutation("attendance_code", new_id(), None, {"code": "X"}),
            # a hub row must name itself as its hub
            n_dev.mutation("hub", south, north, {"name": "Mine"}),
            n_dev.mutation("hub", south, south, {"name": "Mine"}),
            n_dev.mutation("student", new_id(), new_id(), {"legal_first_name": "Nowhere"}),
        ]
    )
    assert [r["code"] for r in body["results"]] == [
        "hub_change",
        "out_of_scope",
        "out_of_scope",
        "out_of_scope",
        "bad_hub_id",
        "out_of_scope",
        "out_of_scope",
    ]
    assert stored_rows(engine) == {("student", s_row): {"legal_first_name": "Sam"}}
    with engine.connect() as conn:
        name = conn.execute(select(ROWS.c.data).where(ROWS.c.row_id == south)).scalar_one()
    assert name["name"] == "South School"


def test_hub_row_cannot_move(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, south = hubs
    both = laptop([north, south])
    row = new_id()
    both.push([both.mutation("ensemble", row, north, {"name": "Brass"})])
    body = both.push([both.mutation("ensemble", row, south, {"name": "Brass"})])
    assert body["results"][0]["code"] == "hub_change"
    with engine.connect() as conn:
        assert conn.execute(select(ROWS.c.hub_id).where(ROWS.c.row_id == row)).scalar() == north


def test_data_manager_reads_all_and_writes_programme_rows(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, south = hubs
    manager = laptop([], data_manager=True)
    code = new_id()
    body = manager.push(
        [
            manager.mutation("attendance_code", code, None, {"code": "P", "counts_present": True}),
            manager.mutation("student", new_id(), new_id(), {"level": "1"}),  # unregistered hub
        ]
    )
    assert [r["code"] for r in body["results"]] == [None, "unknown_hub"]
    session = manager.client.get("/v1/session", headers=manager.headers).json()
    assert {h["id"] for h in session["hubs"]} == {north, south}
    assert session["data_manager"] is True


def test_conflicts_of_other_hubs_are_not_delivered(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, south = hubs
    a, b, outsider = laptop([north]), laptop([north]), laptop([south])
    conflict_between(a, b, north)
    rows, conflicts = outsider.pull_all()
    assert conflicts == [] and {r["id"] for r in rows} == {south}
    assert len(b.pull_all()[1]) == 1


def test_session_reports_scope(client: TestClient, hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    data = client.get("/v1/session", headers=dev.headers).json()
    assert data["hubs"] == [{"id": north, "name": "North Park"}]
    assert data["device_key"] == dev.key and data["last_mutation_id"] == 0


@pytest.mark.parametrize(
    "hub_id", ["not-a-hub", "ab\x00cd", "7D6F3A52-5F0E-4C8E-9A53-0C6B8E2F1A10"]
)
def test_a_code_for_a_hub_that_is_no_hub_is_refused_without_touching_the_database(
    engine: Engine, hub_id: str
) -> None:
    """Any text given as the hub (a form field of the console) names no hub unless it
    is a hub's id: refused with a message, on PostgreSQL too, where a NUL byte in the
    query itself made the console answer "database unavailable"."""
    with pytest.raises(ValueError, match="No such hub"):
        accounts.create_device(engine, "Laptop 1", [hub_id])
    with engine.connect() as conn:
        assert conn.execute(select(DEVICES.c.key)).all() == []


def test_session_names_every_device_of_the_programme(
    engine: Engine, client: TestClient, hubs, laptop: LaptopFactory
) -> None:
    """A clock ends with its device's id; the session answer names every device of the
    programme, revoked ones too, whatever the asking device's hubs: a hub's laptop holds
    rows written outside its hubs (a shared volunteer's record, kept by their home hub's
    laptops), so it can say who wrote any value. A device id enrolled again after its
    device was revoked is named as last enrolled; a device not enrolled yet has no id
    and is not named."""
    north, south = hubs
    a = laptop([north], node="a" * 16)
    b = laptop([north, south], node="b" * 16)
    c = laptop([south], node="c" * 16)
    manager = laptop([], data_manager=True, node="d" * 16)
    old = laptop([north], node="e" * 16)
    for dev, name in ((a, "North laptop 1"), (b, "Roaming laptop"), (c, "South laptop 1")):
        accounts.rename_device(engine, dev.key, name)
    accounts.rename_device(engine, manager.key, "Programme office")
    accounts.rename_device(engine, old.key, "Old north laptop")
    accounts.revoke_device(engine, old.key)
    accounts.create_device(engine, "South laptop 2", [south])  # its code not used yet

    def devices(dev) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
        body = client.get("/v1/session", headers=dev.headers).json()
        return [(d["device_id"], d["name"]) for d in body["devices"]]

    everyone = [
        ("a" * 16, "North laptop 1"),
        ("b" * 16, "Roaming laptop"),
        ("c" * 16, "South laptop 1"),
        ("d" * 16, "Programme office"),
        ("e" * 16, "Old north laptop"),
    ]
    assert devices(a) == everyone  # a north laptop names the south one too
    assert devices(c) == everyone  # and a south laptop the north ones, revoked too
    assert devices(b) == everyone
    assert devices(manager) == everyone
    # the revoked laptop's disk is enrolled again under a new name, for the other hub
    again = laptop([south], node="e" * 16)
    accounts.rename_device(engine, again.key, "South laptop 3")
    assert devices(a)[-1] == ("e" * 16, "South laptop 3")
    assert devices(c)[-1] == ("e" * 16, "South laptop 3")
