"""Property: whatever order the server receives concurrent edits in, it stores the same row,
and that row holds, per field, the value with the greatest clock (ties by device id)."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from harmony_sync.server import accounts, store
from harmony_sync.server.accounts import ROWS, DeviceContext
from harmony_sync.server.schemas import Mutation

NODES = ("00000000000000a1", "00000000000000b2", "00000000000000c3")
FIELDS = ("level", "instrument", "deleted")

edits = st.lists(
    st.tuples(
        st.sampled_from(range(len(NODES))),
        st.sampled_from(FIELDS),
        st.one_of(st.booleans(), st.integers(-3, 3), st.sampled_from(["", "a", "b"]), st.none()),
        st.integers(0, 5),  # millisecond offset: small, so equal times (tie-breaks) are common
    ),
    min_size=1,
    max_size=12,
)


def test_merge_is_order_independent(engine: Engine) -> None:
    hub = accounts.add_hub(engine, "Hub")
    devices = []
    for node in NODES:
        key, _ = accounts.create_device(engine, node, [hub])
        devices.append(DeviceContext(key, node, node, False, frozenset([hub])))
    next_id = itertools.count(1)
    counters = itertools.count()

    @given(edits=edits, data=st.data())
    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(edits: list[tuple[int, str, Any, int]], data: st.DataObject) -> None:
        base_ms = 1_700_000_000_000
        stamped = [
            (d, name, value, f"{base_ms + ms:015d}-{next(counters) % 100_000:05d}-{NODES[d]}")
            for d, name, value, ms in edits
        ]
        order = data.draw(st.permutations(range(len(stamped))))
        stored = []
        for sequence in (range(len(stamped)), order):
            row_id = str(uuid.uuid4())
            for index in sequence:
                d, name, value, clock = stamped[index]
                mutation = Mutation(mutation_id=next(next_id), table="student", row_id=row_id,
                                    hub_id=hub, values={name: value}, clocks={name: clock},
                                    bases={name: None})
                outcome = store.push(engine, devices[d], None, [mutation])
                assert outcome.results[0]["status"] == "applied"
            with engine.connect() as conn:
                row = conn.execute(
                    select(ROWS.c.data, ROWS.c.clocks).where(ROWS.c.row_id == row_id)
                ).one()
            stored.append((row.data, row.clocks))
        assert stored[0] == stored[1]
        expected: dict[str, tuple[str, Any]] = {}
        for _, name, value, clock in stamped:
            if name not in expected or clock > expected[name][0]:
                expected[name] = (clock, value)
        assert stored[0][0] == {name: value for name, (_, value) in expected.items()}
        assert stored[0][1] == {name: clock for name, (clock, _) in expected.items()}

    check()
