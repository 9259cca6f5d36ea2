"""Fuzz the OpenAPI schema with schemathesis: no 5xx on any generated input.

Every operation is fuzzed with valid (positive) and invalid (negative) generated input,
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
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
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
