"""Fuzz the OpenAPI schema with schemathesis: no 5xx on any generated input.

Every operation is fuzzed with valid (positive) and invalid (negative) generated input
(the console's pages and forms too, as a signed-in administrator),
in-process on the test's database (SQLite and PostgreSQL). Requests carry a valid device
token and versions so generated bodies reach the storage code; the token and version
checks themselves are covered by ``test_access.py`` and ``test_guards.py``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from sqlalchemy import Engine

from harmony_sync.server.app import create_app
from tests.server.console import Console, signed_in
from tests.server.fakes import Laptop

#: Examples per operation and generation mode (bounded to keep the suite fast).
EXAMPLES = int(os.environ.get("HARMONY_FUZZ_EXAMPLES", "15"))


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(engine: Engine, hubs: tuple[str, str], mode: GenerationMode) -> None:
    app = create_app(engine)
    with TestClient(app) as client:
        headers = Laptop(client, engine, list(hubs)).headers
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"POST /v1/push", "POST /v1/pull"}
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.path} {case.body!r}: {response.text}")
            elif response.status_code >= 400:
                error = response.json()["error"]
                assert error["code"] and error["message"], response.text

        try:
            run()
        except Unsatisfiable:
            # No invalid input exists for an operation without parameters (GET /health).
            assert mode == GenerationMode.NEGATIVE and operation.method.upper() == "GET"
    assert failures == []


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_console_routes_give_no_server_errors(
    engine: Engine, hubs: tuple[str, str], mode: GenerationMode
) -> None:
    """The console's pages and forms, fuzzed as a signed-in administrator whose forms
    carry the session's real CSRF token (so generated input reaches the handlers)."""
    console = Console(engine)
    client, csrf = signed_in(console, "fuzz admin")
    with TestClient(console.app) as api:
        Laptop(api, engine, list(hubs))  # a device to look at, rename and revoke
    headers = {"Cookie": f"harmony_console={client.cookies.get('harmony_console')}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", console.app)
    operations = [
        op
        for op in (result.ok() for result in schema.get_all_operations())
        if op.path.startswith("/admin") and op.label != "POST /admin/logout"
    ]
    assert {op.label for op in operations} >= {
        "GET /admin",
        "POST /admin/devices/codes",
        "POST /admin/devices/{key}/revoke",
        "POST /admin/hubs/{hub_id}/rename",
    }
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            if isinstance(case.body, dict) and mode == GenerationMode.POSITIVE:
                case.body["csrf_token"] = csrf
            response = case.call(headers=headers, allow_redirects=False)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.path} {case.body!r}: {response.text}")

        try:
            run()
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE and operation.method.upper() == "GET"
    assert failures == []
