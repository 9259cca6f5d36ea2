"""A small in-process test client for the sync API: one enrolled device per instance."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine

from harmony_sync.hlc import HybridLogicalClock
from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from harmony_sync.server import accounts

VERSION_HEADERS = {
    "Harmony-Protocol-Version": str(PROTOCOL_VERSION),
    "Harmony-Schema-Version": str(SCHEMA_VERSION),
}


def new_id() -> str:
    """A fresh row id."""
    return str(uuid.uuid4())


class Laptop:
    """A device enrolled through the real API, with its own HLC and mutation counter."""

    def __init__(
        self,
        client: TestClient,
        engine: Engine,
        hubs: list[str],
        *,
        data_manager: bool = False,
        node: str | None = None,
    ) -> None:
        self.client = client
        self.node = node or uuid.uuid4().hex[:16]
        self.clock = HybridLogicalClock(self.node)
        self.key, code = accounts.create_device(
            engine, f"laptop {self.node}", hubs, data_manager=data_manager
        )
        response = client.post(
            "/v1/enroll",
            json={"code": code, "device_id": self.node, "device_name": "test laptop"},
            headers=VERSION_HEADERS,
        )
        assert response.status_code == 200, response.text
        self.enrollment = response.json()
        self.token = self.enrollment["device_token"]
        self.epoch: str | None = self.enrollment["epoch"]
        self.next_mutation_id = 1
        self.cursor = 0

    @property
    def headers(self) -> dict[str, str]:
        """Version headers plus this device's bearer token."""
        return {**VERSION_HEADERS, "Authorization": f"Bearer {self.token}"}

    def mutation(
        self,
        table: str,
        row_id: str,
        hub_id: str | None,
        values: dict[str, Any],
        *,
        clock: str | None = None,
        bases: dict[str, str | None] | None = None,
        mutation_id: int | None = None,
    ) -> dict[str, Any]:
        """Build a mutation stamped with this device's clock and next mutation id."""
        stamp = clock or self.clock.now()
        if mutation_id is None:
            mutation_id = self.next_mutation_id
        self.next_mutation_id = max(self.next_mutation_id, mutation_id) + 1
        return {
            "mutation_id": mutation_id,
            "table": table,
            "row_id": row_id,
            "hub_id": hub_id,
            "values": values,
            "clocks": dict.fromkeys(values, stamp),
            "bases": bases if bases is not None else dict.fromkeys(values),
        }

    def push_raw(self, mutations: list[dict[str, Any]], **extra: Any) -> Response:
        """POST /v1/push and return the raw response."""
        body = {"epoch": self.epoch, "mutations": mutations, **extra}
        return self.client.post("/v1/push", json=body, headers=self.headers)

    def push(self, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        """Push and assert success; return the JSON body."""
        response = self.push_raw(mutations)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def pull_raw(
        self,
        cursor: int | None = None,
        limit: int = 500,
        *,
        own_rows: bool = False,
        clocks: str | None = None,
    ) -> Response:
        """POST /v1/pull and return the raw response (``clocks``: the form asked for;
        None: the field left out, as an older client leaves it)."""
        body = {
            "epoch": self.epoch,
            "cursor": self.cursor if cursor is None else cursor,
            "limit": limit,
            **({"own_rows": True} if own_rows else {}),
            **({"clocks": clocks} if clocks is not None else {}),
        }
        return self.client.post("/v1/pull", json=body, headers=self.headers)

    def pull_all(
        self, limit: int = 500, *, own_rows: bool = False
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Pull pages until ``has_more`` is false; return (rows, conflicts)."""
        rows: list[dict[str, Any]] = []
        conflicts: list[dict[str, Any]] = []
        while True:
            response = self.pull_raw(limit=limit, own_rows=own_rows)
            assert response.status_code == 200, response.text
            page = response.json()
            rows.extend(page["rows"])
            conflicts.extend(page["conflicts"])
            assert page["cursor"] >= self.cursor
            self.cursor = page["cursor"]
            if not page["has_more"]:
                return rows, conflicts


def session_values(ensemble_id: str, **fields: Any) -> dict[str, Any]:
    """Every field a new session row needs (a Monday afternoon meeting)."""
    return {
        "ensemble_id": ensemble_id,
        "date": "2026-11-16",
        "start": "15:30:00",
        "end": "17:00:00",
        "status": "scheduled",
        "deleted": False,
        **fields,
    }


def mark_values(session_id: str, student_id: str, code: str | None = "P") -> dict[str, Any]:
    """Every field a new attendance mark row needs."""
    return {"session_id": session_id, "student_id": student_id, "code": code, "deleted": False}


def conflict_between(a: Laptop, b: Laptop, hub: str) -> dict[str, Any]:
    """Make one conflict on a new student of ``hub``: ``b`` writes its level, then ``a``
    an older value; return the conflict ``a``'s push reports."""
    row = new_id()
    b.push(
        [b.mutation("student", row, hub, {"level": "B"}, clock="000000000000002-00000-" + b.node)]
    )
    body = a.push(
        [a.mutation("student", row, hub, {"level": "A"}, clock="000000000000001-00000-" + a.node)]
    )
    [conflict] = body["conflicts"]
    return dict(conflict)
