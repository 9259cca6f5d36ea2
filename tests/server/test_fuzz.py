"""Fuzz the OpenAPI schema with schemathesis: no 5xx on any generated input.

Every operation is fuzzed with valid (positive) and invalid (negative) generated input,
in-process on the test's database (SQLite and PostgreSQL). Requests carry a valid device
token and versions so generated bodies reach the storage code; the token and version
checks themselves are covered by ``test_access.py`` and ``test_guards.py``.

Then stateful sequences: schemathesis chains requests along the API's OpenAPI links
(push -> resolve its conflicts, pull -> next page, ...), mixed with pushes of generated
rows (from the shared schema, some values fitting, some not), resolves, and a revoked
device replaced by a new one.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from hypothesis.stateful import initialize, rule
from schemathesis import GenerationMode
from sqlalchemy import Engine, select

from harmony_sync import schema
from harmony_sync.server import accounts
from harmony_sync.server.accounts import ROWS
from harmony_sync.server.app import create_app
from tests.server.console import Console, signed_in
from tests.server.fakes import Laptop, conflict_between, new_id

#: Examples per operation and generation mode (bounded to keep the suite fast).
EXAMPLES = int(os.environ.get("HARMONY_FUZZ_EXAMPLES", "15"))
#: Invalid examples per operation. Fewer: invalid input is refused by the request's
#: validation (or, on the console's forms, its CSRF check) before it reaches the
#: storage code, so a further example mostly proves the same refusal again, and
#: generating invalid input costs Hypothesis about three times as long as valid input
#: (15 took 17-19 s a test on a loaded machine, over half the fuzzing's time). Each
#: run draws new examples, on SQLite and PostgreSQL both.
NEGATIVE_EXAMPLES = int(os.environ.get("HARMONY_FUZZ_NEGATIVE_EXAMPLES", "7"))


def examples(mode: GenerationMode) -> int:
    """How many examples of each operation to generate in ``mode``."""
    return NEGATIVE_EXAMPLES if mode == GenerationMode.NEGATIVE else EXAMPLES


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
            max_examples=examples(mode),
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


# -- stateful sequences ---------------------------------------------------------------

#: Rows shared by every generated push, so pushes collide and conflicts appear.
ROW_IDS = [str(uuid.UUID(int=n + 1)) for n in range(6)]
NODES = ["00000000000000a1", "00000000000000b2"]

_plain = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


def field_values(spec: schema.Field) -> st.SearchStrategy[Any]:
    """Values that fit ``spec``."""
    kinds: dict[str, st.SearchStrategy[Any]] = {
        "str": st.sampled_from(ROW_IDS) if spec.row_ref else _plain,
        "int": st.integers(spec.minimum or 0, spec.maximum or 0),
        "bool": st.booleans(),
        "date": st.dates().map(lambda d: d.isoformat()),
        "time": st.times().map(lambda t: t.isoformat()),
    }
    valid = kinds[spec.kind]
    return st.one_of(st.none(), valid) if spec.nullable else valid


#: Anything JSON: most of it does not fit a given field.
any_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    _plain,
    st.just("false"),
)


@st.composite
def mutations(draw: st.DrawFn, hub: str, first_id: int) -> list[dict[str, Any]]:
    """A push of 1-5 mutations on the shared rows: mostly fitting values, a few not,
    clocks from two devices often equal (ties and conflicts), bases sometimes stale."""
    out = []
    for offset in range(draw(st.integers(1, 5))):
        table = draw(st.sampled_from(sorted(schema.TABLES)))
        fields = schema.TABLES[table]
        names = draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=4, unique=True))
        values = {name: draw(field_values(fields[name])) for name in names}
        if draw(st.integers(0, 3)) == 0:  # now and then a value that does not fit
            values[draw(st.sampled_from(names))] = draw(any_scalar)
        clock = f"{1_700_000_000_000 + draw(st.integers(0, 2)):015d}-00000-" + draw(
            st.sampled_from(NODES)
        )
        row_id = draw(st.sampled_from(ROW_IDS))
        out.append(
            {
                "mutation_id": first_id + offset,
                "table": table,
                "row_id": hub if table == "hub" else row_id,
                "hub_id": hub,
                "values": values,
                "clocks": dict.fromkeys(values, clock),
                "bases": dict.fromkeys(values, draw(st.sampled_from([None, clock]))),
            }
        )
    return out


def test_stateful_sequences_never_fail_the_server(engine: Engine, hubs: tuple[str, str]) -> None:
    """Push, pull, resolve and revoke in generated sequences with a valid token: no 5xx,
    every stored row still fits the shared schema, and a laptop still syncs afterwards."""
    north, _ = hubs
    app = create_app(engine)
    client = TestClient(app)
    device = {"laptop": Laptop(client, engine, [north])}
    failures: list[str] = []
    seen: Counter[str] = Counter()
    # The sync API only: the console's pages are fuzzed with a console session below.
    api = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex="^/v1/")
    base: Any = api.as_state_machine()

    class Sequences(base):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": device["laptop"].headers}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            seen[f"{case.path} {response.status_code}"] += 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.path} {case.body!r}: {response.text}")
            elif response.status_code >= 400:
                error = response.json()["error"]
                assert error["code"] and error["message"], response.text

        @initialize()
        def start_with_a_conflict_and_a_refusal(self) -> None:
            """Every sequence starts with a conflict to resolve and a refused value."""
            # Fresh devices: generated pushes may have moved the current one's
            # acknowledged mutation id anywhere.
            laptop, other = Laptop(client, engine, [north]), Laptop(client, engine, [north])
            conflict_between(laptop, other, north)
            seen.update({"conflicts": 1, "push applied": 2})
            bad = laptop.mutation("student", new_id(), north, {"deleted": "false"})
            result = laptop.push([bad])["results"][0]
            seen[f"push {result['status']}"] += 1

        @rule(data=st.data())
        def push_rows(self, data: st.DataObject) -> None:
            laptop = device["laptop"]
            batch = data.draw(mutations(north, laptop.next_mutation_id))
            laptop.next_mutation_id += len(batch)
            response = laptop.push_raw(batch)
            assert response.status_code == 200, response.text
            conflicts = response.json()["conflicts"]
            seen.update(f"push {r['status']}" for r in response.json()["results"])
            seen["conflicts"] += len(conflicts)
            # Drawn every time: whether there are conflicts depends on the server's
            # state, and Hypothesis must see the same draws when it replays a sequence.
            resolve = data.draw(st.booleans())
            if conflicts and resolve:
                ids = [c["id"] for c in conflicts]
                resolved = client.post(
                    "/v1/conflicts/resolve",
                    json={"epoch": laptop.epoch, "conflict_ids": ids},
                    headers=laptop.headers,
                )
                assert resolved.status_code == 200, resolved.text
                seen["resolved"] += len(ids)

        @rule()
        def pull_everything(self) -> None:
            device["laptop"].cursor = 0
            device["laptop"].pull_all(limit=3)

        @rule()
        def revoke_and_enroll_again(self) -> None:
            old = device["laptop"]
            accounts.revoke_device(engine, old.key)
            assert old.pull_raw().status_code == 401
            device["laptop"] = Laptop(client, engine, [north])
            seen["revoked"] += 1

    Sequences.run(
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=8,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    assert failures == []
    print(dict(seen))
    # The sequences did reach every part: linked calls answered, applied and refused
    # rows, conflicts, revocation.
    assert sum(n for what, n in seen.items() if what.startswith("/v1/") and "200" in what)
    for what in ("push applied", "push rejected", "conflicts", "revoked"):
        assert seen[what] > 0, (what, seen)
    with engine.connect() as conn:
        stored = list(conn.execute(select(ROWS.c.table_name, ROWS.c.data)))
    assert stored and all(schema.row_problems(t, dict(data)) == [] for t, data in stored)
    fresh = Laptop(client, engine, [north])
    rows, _ = fresh.pull_all()
    assert {r["id"] for r in rows} >= {north}
    assert fresh.push([fresh.mutation("student", new_id(), north, {"level": "1"})])


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
            max_examples=examples(mode),
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
