"""The shared HLC and per-field last-writer-wins merge rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harmony_sync.hlc import ClockDriftError, ClockError, HybridLogicalClock, Timestamp
from harmony_sync.protocol import attendance_mark_id, merge_fields, session_id

NODE_A = "a" * 16
NODE_B = "b" * 16


def test_clock_never_goes_backwards_even_if_the_wall_clock_does() -> None:
    wall = iter([1000, 1000, 900, 2000]).__next__
    clock = HybridLogicalClock(NODE_A, wall=wall)
    stamps = [clock.now() for _ in range(4)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 4
    assert Timestamp.parse(stamps[2]).millis == 1000  # held at the last reading


def test_observe_moves_past_remote_and_refuses_far_future() -> None:
    clock = HybridLogicalClock(NODE_A, wall=lambda: 10_000_000)
    remote = HybridLogicalClock(NODE_B, wall=lambda: 10_060_000).now()  # 1 min ahead
    clock.observe(remote)
    assert clock.now() > remote
    future = HybridLogicalClock(NODE_B, wall=lambda: 10_000_000 + 3_600_000).now()
    with pytest.raises(ClockDriftError, match="ahead"):
        clock.observe(future)


def test_malformed_timestamps_and_nodes_are_refused() -> None:
    with pytest.raises(ClockError):
        Timestamp.parse("yesterday")
    with pytest.raises(ClockError):
        HybridLogicalClock("not-hex")


def test_string_order_is_time_then_counter_then_device() -> None:
    a = Timestamp(5, 0, NODE_A).encode()
    b = Timestamp(5, 0, NODE_B).encode()
    later = Timestamp(5, 1, NODE_A).encode()
    assert a < b < later


def test_deterministic_ids_converge() -> None:
    import datetime as dt

    s1 = session_id("e1", dt.date(2026, 9, 7), dt.time(15, 30))
    assert s1 == session_id("e1", dt.date(2026, 9, 7), dt.time(15, 30))
    assert s1 != session_id("e1", dt.date(2026, 9, 8), dt.time(15, 30))
    assert attendance_mark_id(s1, "st") == attendance_mark_id(s1, "st")


def test_merge_keeps_newer_value_and_reports_concurrent_loser() -> None:
    old = Timestamp(1, 0, NODE_A).encode()
    mine = Timestamp(2, 0, NODE_A).encode()
    theirs = Timestamp(3, 0, NODE_B).encode()
    values, clocks = {"code": "P", "note": "x"}, {"code": mine, "note": old}
    # B edited code without seeing A's value (its base is the old clock): a conflict.
    result = merge_fields(values, clocks, {"code": "AU"}, {"code": theirs}, {"code": old})
    assert result.values["code"] == "AU" and result.values["note"] == "x"
    assert result.losers == [("code", "P", mine, "AU", theirs)]
    # Same write again: nothing changes, nothing reported.
    again = merge_fields(result.values, result.clocks, {"code": "AU"}, {"code": theirs})
    assert again.changed == {} and again.losers == []


def test_sequential_overwrite_is_not_a_conflict() -> None:
    first = Timestamp(1, 0, NODE_A).encode()
    second = Timestamp(2, 0, NODE_B).encode()
    result = merge_fields(
        {"code": "P"}, {"code": first}, {"code": "L"}, {"code": second}, {"code": first}
    )
    assert result.values["code"] == "L" and result.losers == []


def test_older_incoming_value_loses_and_is_reported() -> None:
    newer = Timestamp(9, 0, NODE_A).encode()
    older = Timestamp(1, 0, NODE_B).encode()
    result = merge_fields({"code": "P"}, {"code": newer}, {"code": "AU"}, {"code": older})
    assert result.values["code"] == "P"
    assert result.losers == [("code", "AU", older, "P", newer)]


def test_a_laptops_own_earlier_write_arriving_late_is_not_a_conflict() -> None:
    """One laptop's writes of a field are in order: its later write had seen its earlier
    one. The earlier can still arrive second when a laptop's unsent changes are sent
    twice (by the laptop enrolled again after it was lost, and by a computer restored
    from its backup): it loses, and nobody has anything to decide."""
    opened = Timestamp(1, 0, NODE_A).encode()
    held = Timestamp(2, 0, NODE_A).encode()
    result = merge_fields(
        {"status": "held"}, {"status": held}, {"status": "scheduled"}, {"status": opened}
    )
    assert result.values == {"status": "held"} and result.changed == {}
    assert result.losers == []


writes = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.integers(0, 3),
        st.sampled_from([NODE_A, NODE_B]),
        st.sampled_from(["P", "L", "AU"]),
    ),
    min_size=1,
    max_size=12,
)


@given(writes, st.randoms(use_true_random=False))
def test_merge_order_does_not_matter(ws: list[tuple[int, int, str, str]], rnd: object) -> None:
    """Applying the same writes in any order gives the same value (convergence)."""
    stamped = [({"code": v}, {"code": Timestamp(m, c, n).encode()}) for m, c, n, v in ws]
    # The same clock always carries the same value (a clock names one write).
    by_clock = {clocks["code"]: values for values, clocks in stamped}
    stamped = [(by_clock[c["code"]], c) for _, c in stamped]

    def fold(order: list[tuple[dict[str, str], dict[str, str]]]) -> dict[str, str]:
        values: dict[str, str] = {}
        clocks: dict[str, str] = {}
        for v, c in order:
            r = merge_fields(values, clocks, v, c)
            values, clocks = r.values, r.clocks
        return values

    shuffled = list(stamped)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert fold(stamped) == fold(shuffled)


@given(st.text(max_size=80))
def test_deterministic_ids_are_the_standard_uuid5_of_their_key(key: str) -> None:
    import uuid

    from harmony_sync.protocol import HARMONY_NAMESPACE, _uuid5, natural_id

    assert _uuid5(key) == str(uuid.uuid5(HARMONY_NAMESPACE, key))
    assert natural_id("kind", key) == str(uuid.uuid5(HARMONY_NAMESPACE, f"kind:{key}"))
    assert attendance_mark_id("s", key) == str(uuid.uuid5(HARMONY_NAMESPACE, f"mark:s:{key}"))


def test_a_mark_id_is_fixed_for_ever() -> None:
    # written out once: every laptop and the server must derive the same id, in any version
    assert attendance_mark_id("session-1", "student-1") == "19d54c3c-0a7e-5410-9807-907a8109714f"
