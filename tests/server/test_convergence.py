"""Property: whatever order the server receives concurrent edits in, it stores the same row,
and that row holds, per field, the value with the greatest clock (ties by device id); two
different values under one identical clock are settled by the value, the same way in any
order, and the loser is kept as a conflict, unless its own device wrote the field again
later."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from harmony_sync.protocol import tie_key
from harmony_sync.server import accounts, store
from harmony_sync.server.accounts import ROWS, DeviceContext
from harmony_sync.server.schemas import Mutation
from harmony_sync.server.store import CONFLICTS

NODES = ("00000000000000a1", "00000000000000b2", "00000000000000c3")
#: Fields of the ``ensemble`` table and values each may take.
FIELDS = {
    "level": st.sampled_from(["", "a", "b"]),
    "capacity": st.integers(0, 3),
    "deleted": st.booleans(),
    "first_day": st.sampled_from([None, "2026-01-05", "2026-09-01"]),
}

edits = st.lists(
    st.sampled_from(sorted(FIELDS)).flatmap(
        lambda name: st.tuples(
            st.sampled_from(range(len(NODES))),
            st.just(name),
            FIELDS[name],
            st.integers(0, 5),  # millisecond offset: small, so equal times (ties) are common
            st.integers(0, 1),  # counter: small, so identical clocks are common too
        )
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

    @given(edits=edits, data=st.data())
    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(edits: list[tuple[int, str, Any, int, int]], data: st.DataObject) -> None:
        base_ms = 1_700_000_000_000
        stamped = [
            (d, name, value, f"{base_ms + ms:015d}-{counter:05d}-{NODES[d]}")
            for d, name, value, ms, counter in edits
        ]
        order = data.draw(st.permutations(range(len(stamped))))
        stored = []
        for sequence in (range(len(stamped)), order):
            row_id = str(uuid.uuid4())
            for index in sequence:
                d, name, value, clock = stamped[index]
                mutation = Mutation(
                    mutation_id=next(next_id),
                    table="ensemble",
                    row_id=row_id,
                    hub_id=hub,
                    values={name: value},
                    clocks={name: clock},
                    bases={name: None},
                )
                outcome = store.push(engine, devices[d], None, [mutation])
                assert outcome.results[0]["status"] == "applied"
            with engine.connect() as conn:
                row = conn.execute(
                    select(ROWS.c.data, ROWS.c.clocks).where(ROWS.c.row_id == row_id)
                ).one()
                losers = {
                    (c.field_name, tie_key(c.losing_value))
                    for c in conn.execute(select(CONFLICTS).where(CONFLICTS.c.row_id == row_id))
                }
            stored.append((row.data, row.clocks))
            # No value is ever dropped silently: each one written is the field's final
            # value, the losing value of a conflict, or one its own device wrote over
            # later (a device's later write had seen its earlier one).
            for d, name, value, clock in stamped:
                final = tie_key(row.data[name])
                overwritten = any(
                    d2 == d and name2 == name and clock2 > clock for d2, name2, _, clock2 in stamped
                )
                assert tie_key(value) == final or (name, tie_key(value)) in losers or overwritten
        assert stored[0] == stored[1]
        expected: dict[str, tuple[str, str, Any]] = {}
        for _, name, value, clock in stamped:
            key = (clock, tie_key(value))
            if name not in expected or key > expected[name][:2]:
                expected[name] = (clock, tie_key(value), value)
        assert stored[0][0] == {name: value for name, (_, _, value) in expected.items()}
        assert stored[0][1] == {name: clock for name, (clock, _, _) in expected.items()}

    check()
