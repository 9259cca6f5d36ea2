"""A device that speaks the sync protocol by hand over HTTP (httpx), for pushing rows no
laptop would write: values that do not fit, clocks from a wrong date."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from harmony_sync.hlc import HybridLogicalClock
from tests.support.sync_server import VERSION_HEADERS, SyncServer


class RawDevice:
    """One device enrolled with a real server; pushes hand-made mutations."""

    def __init__(self, server: SyncServer, hubs: list[str], *, wall_ms: int | None = None) -> None:
        self.server = server
        self.node = uuid.uuid4().hex[:16]
        wall = (lambda: wall_ms) if wall_ms is not None else None
        self.clock = HybridLogicalClock(self.node, **({"wall": wall} if wall else {}))
        code = server.enroll_device("hand-made device", hubs)
        answer = httpx.post(
            server.url + "/v1/enroll",
            json={"code": code, "device_id": self.node, "device_name": "hand-made device"},
            headers=VERSION_HEADERS,
            timeout=30,
        )
        answer.raise_for_status()
        self.token = answer.json()["device_token"]
        self.epoch = answer.json()["epoch"]
        self.next_id = 1

    def push(self, rows: list[tuple[str, str, str | None, dict[str, Any]]]) -> dict[str, Any]:
        """Push (table, row id, hub id, values) rows, each stamped now; the answer."""
        mutations = []
        for table, row_id, hub_id, values in rows:
            stamp = self.clock.now()
            mutations.append(
                {
                    "mutation_id": self.next_id,
                    "table": table,
                    "row_id": row_id,
                    "hub_id": hub_id,
                    "values": values,
                    "clocks": dict.fromkeys(values, stamp),
                    "bases": dict.fromkeys(values),
                }
            )
            self.next_id += 1
        answer = httpx.post(
            self.server.url + "/v1/push",
            json={"epoch": self.epoch, "mutations": mutations},
            headers={**VERSION_HEADERS, "Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        answer.raise_for_status()
        return dict(answer.json())


def new_id() -> str:
    """A fresh row id."""
    return str(uuid.uuid4())
