"""The real ``harmony-sync`` process: CLI administration, HTTP, kill -9, logs."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx
import pytest

from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from tests.server.fakes import mark_values, new_id, session_values
from tests.support.postgres import PostgresCluster
from tests.support.sync_server import SyncServer, SyncServerError

HEADERS = {
    "Harmony-Protocol-Version": str(PROTOCOL_VERSION),
    "Harmony-Schema-Version": str(SCHEMA_VERSION),
}


def scenario(server: SyncServer) -> None:
    """Administer, enroll, push, kill -9, restart, retry: applied exactly once."""
    hub = server.add_hub("North Park")
    code = server.enroll_device("Laptop 1", [hub])
    node = uuid.uuid4().hex[:16]
    enrolled = httpx.post(
        server.url + "/v1/enroll",
        headers=HEADERS,
        json={"code": code, "device_id": node, "device_name": "L1"},
    ).json()
    auth = {**HEADERS, "Authorization": "Bearer " + enrolled["device_token"]}
    secret_name = "Zebedee-" + uuid.uuid4().hex
    row = str(uuid.uuid4())
    clock = f"{1_700_000_000_000:015d}-00000-{node}"
    mutation = {
        "mutation_id": 1,
        "table": "student",
        "row_id": row,
        "hub_id": hub,
        "values": {"legal_first_name": secret_name},
        "clocks": {"legal_first_name": clock},
        "bases": {"legal_first_name": None},
    }
    body = {"epoch": enrolled["epoch"], "mutations": [mutation]}
    first = httpx.post(server.url + "/v1/push", json=body, headers=auth)
    assert first.json()["results"][0]["status"] == "applied"
    server.restart()  # power cut right after the push
    retry = httpx.post(server.url + "/v1/push", json=body, headers=auth)
    assert retry.json()["results"][0]["status"] == "duplicate"
    pulled = httpx.post(
        server.url + "/v1/pull",
        json={"epoch": enrolled["epoch"], "cursor": 0, "own_rows": True},
        headers=auth,
    ).json()
    assert [r["values"] for r in pulled["rows"] if r["id"] == row] == [
        {"legal_first_name": secret_name}
    ]
    [device] = server.list_devices()
    assert device["status"] == "enrolled" and device["last_mutation_id"] == 1
    server.revoke_device(device["key"])
    denied = httpx.post(server.url + "/v1/pull", json={"cursor": 0}, headers=auth)
    assert denied.status_code == 401
    new_epoch = server.new_epoch()
    assert httpx.get(server.url + "/ready").json()["epoch"] == new_epoch
    # Logs are JSON lines, and never carry row values or tokens.
    logs = server.logs()
    assert any(e.get("event") == "push" and e.get("applied") == 1 for e in logs)
    assert any(
        e.get("event") == "request"
        and e.get("path") == "/v1/push"
        and e.get("device") == device["key"]
        and e.get("status") == 200
        for e in logs
    )
    text = server.log_text()
    assert secret_name not in text and enrolled["device_token"] not in text


@pytest.mark.slow
def test_real_server_on_sqlite(tmp_path: Path) -> None:
    with SyncServer.sqlite(tmp_path) as server:
        scenario(server)
    assert server.process is None


@pytest.mark.slow
@pytest.mark.postgres
def test_real_server_on_postgres(pg_cluster: PostgresCluster, tmp_path: Path) -> None:
    url = pg_cluster.create_database("real_server")
    try:
        with SyncServer(url, log_dir=tmp_path) as server:
            scenario(server)
    finally:
        pg_cluster.drop_database("real_server")


def test_admin_errors_are_reported(tmp_path: Path) -> None:
    server = SyncServer.sqlite(tmp_path)
    with pytest.raises(SyncServerError, match="No such hub"):
        server.enroll_device("x", [str(uuid.uuid4())])


@pytest.mark.slow
def test_kill_9_during_pushes_then_retry_applies_exactly_once(tmp_path: Path) -> None:
    """Power cut while a device pushes: whatever had committed stays, the rest is retried,
    and every roll-call mark ends up stored exactly once."""
    import threading

    with SyncServer.sqlite(tmp_path) as server:
        hub = server.add_hub("North Park")
        code = server.enroll_device("Laptop", [hub])
        node = uuid.uuid4().hex[:16]
        enrolled = httpx.post(
            server.url + "/v1/enroll", headers=HEADERS, json={"code": code, "device_id": node}
        ).json()
        auth = {**HEADERS, "Authorization": "Bearer " + enrolled["device_token"]}
        clock = f"{1_700_000_000_000:015d}-00000-{node}"

        def mutation(mutation_id: int, table: str, values: dict) -> dict:
            return {
                "mutation_id": mutation_id,
                "table": table,
                "row_id": str(uuid.uuid4()),
                "hub_id": hub,
                "values": values,
                "clocks": dict.fromkeys(values, clock),
            }

        ensemble = mutation(1, "ensemble", {"name": "Strings"})
        session = mutation(2, "session", session_values(ensemble["row_id"]))
        batches = [
            [
                mutation(
                    b * 200 + i + 3, "attendance_mark", mark_values(session["row_id"], new_id())
                )
                for i in range(200)
            ]
            for b in range(10)
        ]
        batches[0][:0] = [ensemble, session]  # the roll's session first: it decides the hub
        acknowledged = 0

        def push_until_cut() -> None:
            nonlocal acknowledged
            for batch in batches:
                try:
                    response = httpx.post(
                        server.url + "/v1/push",
                        headers=auth,
                        timeout=30,
                        json={"epoch": enrolled["epoch"], "mutations": batch},
                    )
                except httpx.HTTPError:
                    return
                acknowledged = response.json()["last_mutation_id"]

        pusher = threading.Thread(target=push_until_cut)
        pusher.start()
        deadline = time.monotonic() + 60
        while acknowledged < 400 and time.monotonic() < deadline:
            time.sleep(0.001)
        assert acknowledged >= 400, "the pushes did not get going"
        server.kill()
        pusher.join(30)
        server.start()
        # The device retries its whole outbox from the first unacknowledged batch on.
        outcome = {"applied": 0, "duplicate": 0}
        for batch in batches:
            if batch[-1]["mutation_id"] <= acknowledged:
                continue
            response = httpx.post(
                server.url + "/v1/push",
                headers=auth,
                json={"epoch": enrolled["epoch"], "mutations": batch},
            )
            for result in response.json()["results"]:
                outcome[result["status"]] += 1
        rows = []
        cursor, more = 0, True
        while more:
            page = httpx.post(
                server.url + "/v1/pull",
                headers=auth,
                json={"epoch": enrolled["epoch"], "cursor": cursor, "own_rows": True},
            ).json()
            rows += [r["id"] for r in page["rows"] if r["table"] != "hub"]
            cursor, more = page["cursor"], page["has_more"]
        assert sorted(rows) == sorted(m["row_id"] for b in batches for m in b)
        assert server.list_devices()[0]["last_mutation_id"] == 2002
        assert outcome["applied"] + outcome["duplicate"] + acknowledged == 2002
