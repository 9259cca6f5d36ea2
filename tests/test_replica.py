"""The replica's riskiest code without HTTP: applying pulled pages, merging, a push's
answer, re-base and the outbox's bookkeeping, on a real store."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from harmony_desktop.store import Store
from harmony_desktop.store import settings as local
from harmony_desktop.store.models import (
    AttendanceCode,
    AttendanceMark,
    ClassSession,
    Conflict,
    Ensemble,
    Hub,
    Outbox,
    Student,
)
from harmony_desktop.store.replica import (
    REJECTED_FIELD,
    UNAPPLIED_FIELD,
    Replica,
    pack_clocks,
    row_clocks,
    row_values,
    session_id,
    wall_clock_ms,
)
from harmony_desktop.store.replica.wire import (
    dumps_flat,
    restamp,
    restamp_encoded,
    unpack_clocks,
)
from harmony_sync.protocol import merge_fields
from tests.support.store_template import new_store_file

#: A fixed "now" for the pulled stamps: 2026-11-18 12:00 UTC.
NOW_MS = 1_795_000_000_000
OTHER = "00000000000000aa"  # another laptop's HLC node


def stamp(offset_ms: int = 0, counter: int = 0, node: str = OTHER) -> str:
    """An HLC reading ``offset_ms`` after NOW_MS."""
    return f"{NOW_MS + offset_ms:015d}-{counter:05d}-{node}"


def replica(store: Store, now_ms: int = NOW_MS) -> Replica:
    """The store's replica, with this computer's clock at ``now_ms``."""
    return Replica(store, wall=lambda: now_ms)


def outbox(store: Store) -> list[Outbox]:
    with store.read() as s:
        return list(s.exec(select(Outbox).order_by(Outbox.mutation_id)))  # type: ignore[arg-type]


def pulled(table: str, row_id: str, hub_id: str | None, values: dict[str, Any], clock: str):  # type: ignore[no-untyped-def]
    """A row as a pull page carries it: every field at ``clock``."""
    return {
        "table": table,
        "id": row_id,
        "hub_id": hub_id,
        "values": values,
        "clocks": dict.fromkeys(values, clock),
    }


HUB = str(uuid.UUID(int=1))
ENSEMBLE = str(uuid.UUID(int=2))
STUDENT = str(uuid.UUID(int=3))


def hub_page(clock: str) -> list[dict[str, Any]]:
    """A hub, one ensemble, one student and one held session with a late mark."""
    day, start = dt.date(2026, 11, 18), dt.time(15, 30)
    sid = session_id(ENSEMBLE, day, start)
    return [
        pulled("hub", HUB, HUB, {"name": "North Park", "deleted": False}, clock),
        pulled("ensemble", ENSEMBLE, HUB, {"name": "Strings", "deleted": False}, clock),
        pulled(
            "student",
            STUDENT,
            HUB,
            {
                "legal_first_name": "Ana",
                "legal_last_name": "Cruz",
                "date_of_birth": "2015-03-04",
                "photo_consent": True,
                "deleted": False,
            },
            clock,
        ),
        pulled(
            "session",
            sid,
            HUB,
            {
                "ensemble_id": ENSEMBLE,
                "date": "2026-11-18",
                "start": "15:30:00",
                "end": "17:00:00",
                "status": "held",
                "deleted": False,
            },
            clock,
        ),
        pulled(
            "attendance_mark",
            str(uuid.UUID(int=4)),
            HUB,
            {
                "session_id": sid,
                "student_id": STUDENT,
                "code": "L",
                "arrival_time": "15:42:00",
                "deleted": False,
            },
            clock,
        ),
    ]


# -- applying a page ---------------------------------------------------------------------


def test_a_page_is_stored_as_the_orm_would_store_it_with_its_cursor(store: Store) -> None:
    clock = stamp()
    new = replica(store).apply_page(hub_page(clock), [], cursor=42)
    assert new == 0
    with store.read() as s:
        student = s.get(Student, STUDENT)
        assert student is not None
        assert student.date_of_birth == dt.date(2015, 3, 4) and student.photo_consent is True
        assert student.preferred_name == ""  # not sent: the model's default
        assert row_clocks(student)["legal_first_name"] == clock
        assert row_clocks(student)["hub_id"] == clock  # hub_id travels in the envelope
        mark = s.exec(select(AttendanceMark)).one()
        assert mark.arrival_time == dt.time(15, 42) and mark.code == "L"
        session = s.exec(select(ClassSession)).one()
        assert (session.date, session.start) == (dt.date(2026, 11, 18), dt.time(15, 30))
        # dates are stored as the ORM stores them, so SQL comparisons still work
        same_day = s.exec(
            select(ClassSession).where(ClassSession.date == dt.date(2026, 11, 18))
        ).all()
        assert len(same_day) == 1
    assert store.settings.get(local.SYNC_CURSOR) == 42
    assert outbox(store) == []  # pulled rows are never echoed back


def test_the_pulled_clock_moves_this_device_past_it(store: Store) -> None:
    ahead = stamp(60_000, 7)  # a minute ahead of this computer, within the allowed skew
    replica(store).apply_page(hub_page(ahead), [], cursor=5)
    with store.write() as w:
        w.update(w.get(Hub, HUB), name="Renamed")
    [entry] = outbox(store)
    assert entry.clock > ahead  # a later local edit sorts after everything pulled


def test_a_write_after_another_program_moved_the_clock_sorts_after_it(
    store: Store,
) -> None:
    """The write connection keeps its clock from one write to the next; a write made
    after a second program (a scheduled sync, say) moved the clock in the same file
    still stamps later than that."""
    store.wall = lambda: NOW_MS
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))  # the writer now keeps its clock
    ahead = f"{NOW_MS + 60_000:015d}-00003-{store.device_id}"
    second_program = (
        "import sys; from harmony_desktop.store import Store, settings; "
        "store = Store(sys.argv[1]); store.settings.set(settings.CLOCK, sys.argv[2]); "
        "store.close()"
    )
    subprocess.run([sys.executable, "-c", second_program, str(store.path), ahead], check=True)
    with store.write() as w:
        w.update(w.get(Hub, hub.id), name="Renamed")
    first, renamed = outbox(store)
    assert first.clock == f"{NOW_MS:015d}-00000-{store.device_id}"
    assert renamed.clock == f"{NOW_MS + 60_000:015d}-00004-{store.device_id}"


def test_a_write_after_a_pull_sorts_after_the_pulled_clock(store: Store) -> None:
    store.wall = lambda: NOW_MS
    with store.write() as w:
        w.insert(AttendanceCode(hub_id=None, code="RH", label="Rehearsal"))
    ahead = stamp(60_000, 7)
    replica(store).apply_page(hub_page(ahead), [], cursor=5)
    with store.write() as w:
        w.update(w.get(Hub, HUB), name="Renamed")
    renamed = outbox(store)[-1]
    assert renamed.clock == f"{NOW_MS + 60_000:015d}-00008-{store.device_id}"


def test_a_write_that_rolls_back_leaves_the_next_one_to_read_the_clock(store: Store) -> None:
    store.wall = lambda: NOW_MS
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))  # ...00000, kept with the connection
    with pytest.raises(RuntimeError), store.write() as w:
        w.clock.now()  # ...00001, a reading that is rolled back with the block
        raise RuntimeError("the block fails")
    with store.write() as w:
        w.update(w.get(Hub, hub.id), name="Renamed")
    # read again from the database, where the rolled-back reading never was
    assert outbox(store)[-1].clock == f"{NOW_MS:015d}-00001-{store.device_id}"


def test_edits_stamped_by_a_clock_that_was_a_day_ahead_apply_and_carry_the_clock(
    store: Store,
) -> None:
    """Another laptop edited while its clock was a day ahead, then fixed its clock and
    synced: its rows apply here, and this laptop's later edits still sort after them."""
    day_ahead = stamp(86_400_000, 3)
    replica(store).apply_page(hub_page(day_ahead), [], cursor=9)
    with store.read() as s:
        assert s.exec(select(Hub)).one().name == "North Park"
    assert store.settings.get(local.SYNC_CURSOR) == 9
    with store.write() as w:
        w.update(w.get(Hub, HUB), name="Renamed")
    [entry] = outbox(store)
    assert entry.clock > day_ahead


def test_rows_stamped_years_ahead_are_set_aside_and_the_rest_applies(store: Store) -> None:
    """A stamp 2 years ahead is no clock that was merely wrong for a while: that row is
    kept for review, every other row applies, and the cursor moves on."""
    page = hub_page(stamp())
    page[0]["clocks"] = dict.fromkeys(page[0]["clocks"], stamp(2 * 365 * 86_400_000))
    replica(store).apply_page(page, [], cursor=9)
    with store.read() as s:
        assert s.exec(select(Hub)).all() == []
        assert s.get(Student, STUDENT) is not None
        [kept] = s.exec(select(Conflict)).all()
    assert (kept.table_name, kept.row_id, kept.field_name) == ("hub", HUB, UNAPPLIED_FIELD)
    assert "730 days ahead" in json.loads(kept.winning_value)["reason"]
    assert store.settings.get(local.SYNC_CURSOR) == 9
    assert NOW_MS <= int(store.settings.get(local.CLOCK)[:15]) < NOW_MS + 60_000


def test_a_crash_before_the_cursor_loses_the_whole_page(store: Store) -> None:
    seen: list[int] = []

    def crash(cursor: int) -> None:
        seen.append(cursor)
        raise KeyboardInterrupt

    conflict = {"id": 7, "table": "student", "row_id": STUDENT, "field": "school"}
    with pytest.raises(KeyboardInterrupt):
        replica(store).apply_page(hub_page(stamp()), [conflict], cursor=12, before_cursor=crash)
    assert seen == [12]
    with store.read() as s:
        assert s.exec(select(Student)).all() == []
        assert s.exec(select(Conflict)).all() == []
    assert store.settings.get(local.SYNC_CURSOR) == 0
    # and applying it again afterwards stores it once
    replica(store).apply_page(hub_page(stamp()), [conflict], cursor=12)
    with store.read() as s:
        assert len(s.exec(select(Student)).all()) == 1


def test_pulled_fields_merge_per_field_by_clock(store: Store) -> None:
    rep = replica(store)
    rep.apply_page(hub_page(stamp()), [], cursor=1)
    with store.write() as w:  # a local edit, newer than the pulled row
        w.update(w.get(Student, STUDENT), school="Lincoln")
    local_clock = outbox(store)[0].clock
    older = stamp(-1000)
    newer = stamp(120_000)
    rep.apply_page(
        [
            {
                "table": "student",
                "id": STUDENT,
                "hub_id": HUB,
                "values": {"school": "Hoover", "grade": "4", "legal_last_name": "Cruz-Ortiz"},
                "clocks": {"school": older, "grade": newer, "legal_last_name": older},
            }
        ],
        [],
        cursor=2,
    )
    with store.read() as s:
        student = s.get(Student, STUDENT)
        assert student is not None
        assert student.school == "Lincoln"  # local newer value kept
        assert student.grade == "4"  # pulled newer value taken
        assert student.legal_last_name == "Cruz"  # pulled older value lost
        clocks = row_clocks(student)
        assert clocks["school"] == local_clock and clocks["grade"] == newer
        assert clocks["legal_last_name"] == stamp()
    assert len(outbox(store)) == 1  # merging queued nothing


def test_rows_of_unknown_tables_or_without_required_fields_are_skipped(store: Store) -> None:
    page = [
        pulled("no_such_table", str(uuid.uuid4()), HUB, {"x": 1}, stamp()),
        pulled("student", str(uuid.uuid4()), HUB, {"grade": "3"}, stamp()),  # no names
        *hub_page(stamp())[:1],
    ]
    replica(store).apply_page(page, [], cursor=3)
    with store.read() as s:
        assert s.exec(select(Student)).all() == []
        assert len(s.exec(select(Hub)).all()) == 1
    assert store.settings.get(local.SYNC_CURSOR) == 3


def test_pulled_conflicts_are_kept_once_and_follow_their_resolution(store: Store) -> None:
    conflict = {
        "id": 31,
        "table": "student",
        "row_id": STUDENT,
        "hub_id": HUB,
        "field": "school",
        "losing_value": "Hoover",
        "losing_clock": stamp(-5),
        "winning_value": "Lincoln",
        "winning_clock": stamp(),
        "created_at": "2026-11-18T12:00:00+00:00",
        "resolved": False,
    }
    rep = replica(store)
    assert rep.apply_page(hub_page(stamp()), [conflict], cursor=4) == 1
    assert rep.apply_page([], [conflict], cursor=5) == 0  # seen again: not new
    [record] = rep.conflicts()
    assert (record.losing_value, record.winning_value) == ("Hoover", "Lincoln")
    rep.apply_page([], [{**conflict, "resolved": True}], cursor=6)
    assert rep.conflicts() == []
    [done] = rep.conflicts(include_resolved=True)
    assert done.resolution == "resolved on another device"


# -- a property: pages merge to the same state whatever their order ----------------------

versions = st.lists(
    st.tuples(
        st.integers(1, 50),  # clock offset (ms) after the row's creation
        st.sampled_from(["aa", "bb"]),  # which laptop wrote it
        st.sampled_from(["school", "grade", "notes"]),
        st.sampled_from(["", "x", "y", "z"]),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda w: (w[0], w[1]),  # one HLC reading is one write
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(versions, st.randoms(use_true_random=False), st.integers(1, 4))
def test_any_order_and_paging_of_pulled_states_converges(
    tmp_path_factory: pytest.TempPathFactory, writes: list[Any], rnd: Any, page_size: int
) -> None:
    """Applying the same pulled row states in any order and any page split gives the
    per-field newest value, as merging by clock promises."""
    base = hub_page(stamp())[2]
    states = [
        {
            "table": "student",
            "id": STUDENT,
            "hub_id": HUB,
            "values": {field: value},
            "clocks": {field: stamp(offset, 0, node * 8)},
        }
        for offset, node, field, value in writes
    ]
    expected: dict[str, tuple[str, str]] = {}
    for state in states:
        [(field, value)] = state["values"].items()
        clock = state["clocks"][field]
        if field not in expected or clock > expected[field][1]:
            expected[field] = (value, clock)
    shuffled = list(states)
    rnd.shuffle(shuffled)
    path = new_store_file(tmp_path_factory.mktemp("order") / "h.sqlite3")
    with Store(path) as store:
        rep = replica(store)
        rep.apply_page([base], [], cursor=1)
        for n, start in enumerate(range(0, len(shuffled), page_size)):
            rep.apply_page(shuffled[start : start + page_size], [], cursor=2 + n)
        with store.read() as s:
            student = s.get(Student, STUDENT)
            assert student is not None
            values, clocks = row_values(student), row_clocks(student)
        for field, (value, clock) in expected.items():
            assert (values[field], clocks[field]) == (value, clock)


# -- a push's answer -----------------------------------------------------------------------


def _three_changes(store: Store) -> list[int]:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    with store.write() as w:
        w.update(w.get(Hub, hub.id), name="Renamed")
    with store.write() as w:
        w.insert(AttendanceCode(hub_id=None, code="RH", label="Rehearsal"))
    return [e.mutation_id for e in outbox(store)]


def test_a_push_answer_clears_acknowledged_changes_and_keeps_refusals(store: Store) -> None:
    ids = _three_changes(store)
    rep = replica(store)
    batch = rep.next_batch(10)
    assert [c.mutation_id for c in batch] == ids
    server_conflict = {
        "id": 5,
        "table": "hub",
        "row_id": batch[0].row_id,
        "hub_id": batch[0].row_id,
        "field": "name",
        "losing_value": "Old",
        "losing_clock": stamp(),
        "winning_value": "Renamed",
        "winning_clock": stamp(1),
        "created_at": "2026-11-18T12:00:00+00:00",
        "resolved": False,
    }
    tally = rep.acknowledge(
        batch,
        {
            "results": [
                {"mutation_id": ids[0], "status": "applied"},
                {"mutation_id": ids[1], "status": "duplicate"},
                {
                    "mutation_id": ids[2],
                    "status": "rejected",
                    "code": "out_of_scope",
                    "reason": "Only data-manager devices write programme-wide rows.",
                },
            ],
            "conflicts": [server_conflict],
        },
    )
    assert (tally.applied, tally.duplicates, tally.rejected, tally.conflicts) == (1, 1, 1, 1)
    assert outbox(store) == []
    records = {r.id: r for r in rep.conflicts()}
    rejected = records[f"rejected-{store.device_id}-{ids[2]}"]
    assert rejected.rejected and rejected.field_name == REJECTED_FIELD
    assert rejected.losing_value["label"] == "Rehearsal"
    assert rejected.winning_value["code"] == "out_of_scope"
    assert records["server-5"].winning_value == "Renamed"


def test_unknown_statuses_and_missing_results_keep_the_change(store: Store) -> None:
    ids = _three_changes(store)
    rep = replica(store)
    tally = rep.acknowledge(
        rep.next_batch(10),
        {
            "results": [
                {"mutation_id": ids[0], "status": "applied"},
                {"mutation_id": ids[1], "status": "later"},
            ]
        },
    )
    assert tally.applied == 1
    assert [e.mutation_id for e in outbox(store)] == ids[1:]


def test_the_wire_form_of_a_change(store: Store) -> None:
    _three_changes(store)
    first, second, _third = replica(store).next_batch(3)
    mutation = second.mutation()
    assert mutation["values"] == {"name": "Renamed"}
    assert mutation["clocks"] == {"name": second.clock}
    assert mutation["bases"] == {"name": first.clock}
    assert mutation["hub_id"] == mutation["row_id"] == first.row_id
    assert first.mutation()["bases"] == {}


def test_resolutions_wait_until_the_server_acknowledges_them(store: Store) -> None:
    rep = replica(store)
    store.settings.set(local.SYNC_RESOLVE_PENDING, [3, 4])
    assert rep.resolutions_waiting() == [3, 4]
    with store.raw_write() as s:  # another one queued while the first two were sent
        local.write(s, local.SYNC_RESOLVE_PENDING, [3, 4, 9])
    rep.resolutions_sent([3, 4])
    assert rep.resolutions_waiting() == [9]


# -- re-base -----------------------------------------------------------------------------


def _state_with_history(store: Store) -> tuple[str, str]:
    """A hub and a student; the student's school edited later (two clocks in one row)."""
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
        student = w.insert(Student(hub_id=hub.id, legal_first_name="Ana", legal_last_name="Cruz"))
        w.insert(Ensemble(hub_id=hub.id, name="Strings"))
    with store.write() as w:
        w.update(w.get(Student, student.id), school="Lincoln")
    return hub.id, student.id


@pytest.mark.parametrize("data_manager", [False, True])
def test_rebase_requeues_the_whole_state_with_original_clocks(
    store: Store, data_manager: bool
) -> None:
    from harmony_desktop.store.seed import ensure_attendance_codes

    ensure_attendance_codes(store)
    _hub, student_id = _state_with_history(store)
    store.settings.set(local.SYNC_DATA_MANAGER, data_manager)
    store.settings.set(local.SYNC_CURSOR, 77)
    store.settings.set(local.SYNC_EPOCH, "old")
    before = outbox(store)
    with store.read() as s:
        student = s.get(Student, student_id)
        assert student is not None
        clocks = row_clocks(student)
    queued = replica(store, wall_clock_ms()).rebase("new-epoch")
    entries = outbox(store)
    assert queued == len(entries)
    assert min(e.mutation_id for e in entries) > max(e.mutation_id for e in before)
    mine = [e for e in entries if e.row_id == student_id]
    # one entry per clock of the row, each with the fields that carry that clock
    assert sorted(e.clock for e in mine) == sorted(set(clocks.values()))
    school = next(e for e in mine if "school" in json.loads(e.values))
    assert json.loads(school.values) == {"school": "Lincoln"}
    assert school.clock == clocks["school"] and json.loads(school.bases) == {}
    codes = [e for e in entries if e.table_name == "attendance_code"]
    assert bool(codes) == data_manager  # programme-wide rows: a data manager's only
    assert store.settings.get(local.SYNC_CURSOR) == 0
    assert store.settings.get(local.SYNC_EPOCH) == "new-epoch"


def test_rebase_entries_replay_to_the_same_rows(tmp_path: Path) -> None:
    """The re-based outbox, merged as the server merges it and pulled by an empty
    replica, gives back every row exactly: values and field clocks."""
    source = Store(new_store_file(tmp_path / "a" / "h.sqlite3"))
    target = Store(new_store_file(tmp_path / "b" / "h.sqlite3"))
    try:
        _state_with_history(source)
        replica(source, wall_clock_ms()).rebase("e")
        # fold the changes per row as the server does (hub_id travels in the envelope)
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for change in replica(source).next_batch(1000):
            m = change.mutation()
            row = rows.setdefault(
                (m["table"], m["row_id"]),
                {
                    "table": m["table"],
                    "id": m["row_id"],
                    "hub_id": m["hub_id"],
                    "values": {},
                    "clocks": {},
                },
            )
            values = {k: v for k, v in m["values"].items() if k != "hub_id"}
            merged = merge_fields(
                row["values"], row["clocks"], values, dict.fromkeys(values, change.clock)
            )
            row["values"], row["clocks"] = merged.values, merged.clocks
        replica(target, wall_clock_ms()).apply_page(list(rows.values()), [], cursor=1)
        with source.read() as a, target.read() as b:
            for model in (Hub, Student, Ensemble):
                mine = {r.id: (row_values(r), row_clocks(r)) for r in a.exec(select(model))}
                theirs = {r.id: (row_values(r), row_clocks(r)) for r in b.exec(select(model))}
                assert mine == theirs
    finally:
        source.close()
        target.close()


_STAMPS = st.sampled_from(
    [
        "001800000000000-00000-0123456789abcdef",
        "001800000000000-00001-0123456789abcdef",
        "001800000000001-00000-fedcba9876543210",
        'odd "quoted" \\ clock',
    ]
)


_FIELDS = ["code", "note", "reason", "a_b", "zeta"]


@given(st.fixed_dictionaries(dict.fromkeys(_FIELDS, _STAMPS)))
def test_packed_clocks_are_canonical_json_and_unpack_to_the_same_clocks(
    clocks: dict[str, str],
) -> None:
    packed = pack_clocks(clocks)
    # what json.dumps(sort_keys=True) writes: the packed text is byte for byte canonical
    assert packed == json.dumps(json.loads(packed), sort_keys=True)
    assert unpack_clocks(packed, _FIELDS) == clocks


def test_packing_keeps_the_clock_most_fields_share_as_the_default() -> None:
    a, b = "001800000000000-00000-0123456789abcdef", "001800000000009-00000-0123456789abcdef"
    assert pack_clocks({"code": b, "note": a, "reason": a}) == (
        '{"*": "001800000000000-00000-0123456789abcdef", '
        '"code": "001800000000009-00000-0123456789abcdef"}'
    )


def _restamped_the_long_way(
    packed: str, fields: tuple[str, ...], changed: list[str], stamp: str
) -> tuple[str, dict[str, str | None]]:
    clocks = unpack_clocks(packed, fields)
    bases = {name: clocks.get(name) for name in changed}
    clocks.update(dict.fromkeys(changed, stamp))
    return pack_clocks(clocks), bases


_ODD_STAMPS = _STAMPS | st.sampled_from(["", "ñ-clock", "tab\tclock", "x"])


@given(
    old=_ODD_STAMPS,
    stamp=_ODD_STAMPS,
    changed=st.lists(st.sampled_from([*_FIELDS, "not_a_field"]), max_size=7),
    others=st.dictionaries(st.sampled_from(_FIELDS), _STAMPS, max_size=3),
)
def test_restamping_a_row_gives_what_unpacking_stamping_and_packing_gives(
    old: str, stamp: str, changed: list[str], others: dict[str, str]
) -> None:
    # five fields, and four (two and two: a tie for the default clock)
    for fields in (tuple(_FIELDS), tuple(_FIELDS[:4])):
        # a row written once (the short path), and one with fields of its own (the long)
        for packed in (
            json.dumps({"*": old}, sort_keys=True),
            pack_clocks({**dict.fromkeys(fields, old), **others}),
            "{}",
        ):
            assert restamp(packed, fields, changed, stamp) == _restamped_the_long_way(
                packed, fields, changed, stamp
            )
            # the bases, when the short path writes them, as the encoder writes them
            _packed, bases, text = restamp_encoded(packed, fields, changed, stamp)
            assert text is None or text == json.dumps(bases, sort_keys=True)


def test_restamping_two_of_five_fields_keeps_the_old_default() -> None:
    old, new = "001800000000000-00000-0123456789abcdef", "001800000000009-00000-0123456789abcdef"
    packed, bases = restamp(f'{{"*": "{old}"}}', tuple(_FIELDS), ["note", "code"], new)
    assert packed == f'{{"*": "{old}", "code": "{new}", "note": "{new}"}}'
    assert bases == {"note": old, "code": old}
    packed, _bases = restamp(packed, tuple(_FIELDS), ["a_b", "reason", "zeta"], new)
    assert packed == f'{{"*": "{new}"}}'  # every field now holds the new clock
    # two fields of four: a tie, and the later clock becomes the default
    four = ("a_b", "code", "note", "zeta")
    packed, _bases = restamp(f'{{"*": "{old}"}}', four, ["note", "code"], new)
    assert packed == f'{{"*": "{new}", "a_b": "{old}", "zeta": "{old}"}}'


@given(
    st.dictionaries(
        st.text(max_size=6),
        st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False),
        max_size=6,
    )
)
def test_a_flat_change_is_written_as_the_json_encoder_writes_it(values: dict[str, Any]) -> None:
    assert dumps_flat(values) == json.dumps(values, sort_keys=True)


def test_a_clock_set_years_ahead_is_turned_back_in_order_leaving_other_laptops_stamps(
    store: Store,
) -> None:
    """Edits made while this computer's year was mistyped (two years ahead) are stamped
    afresh once its clock is confirmed right: in their order, after the newest stamp
    within the limit the database holds (another laptop's, a day ahead), with their
    bases following them; another laptop's stamps stay as they were."""
    day = 86_400_000
    day_ahead = stamp(day, 3)
    replica(store).apply_page(hub_page(day_ahead), [], cursor=9)
    store.wall = lambda: NOW_MS + 730 * day
    with store.write() as w:
        w.update(w.get(Student, STUDENT), legal_first_name="Ana María")
    with store.write() as w:
        w.update(w.get(Student, STUDENT), legal_first_name="Anita", grade="5")
    with store.write() as w:
        w.update(w.get(Hub, HUB), name="North")
    before = outbox(store)
    node = store.device_id
    assert all(e.clock.startswith(f"{NOW_MS + 730 * day:015d}") for e in before)

    store.wall = lambda: NOW_MS
    done = replica(store).reset_clock_if_far_ahead()

    assert done is not None and (done.changes, done.requeued, done.rows) == (3, 0, 2)
    assert 729 * day < done.ahead_ms <= 730 * day
    fresh = [stamp(day, 4, node), stamp(day, 5, node), stamp(day, 6, node)]
    after = outbox(store)
    assert [(e.table_name, e.row_id, e.values) for e in after] == [
        (e.table_name, e.row_id, e.values) for e in before
    ]
    assert [e.clock for e in after] == fresh
    assert [e.mutation_id for e in after] == [(NOW_MS + day) * 100_000 + n for n in (4, 5, 6)]
    assert [json.loads(e.bases) for e in after] == [
        {"legal_first_name": day_ahead},
        {"legal_first_name": fresh[0], "grade": day_ahead},
        {"name": day_ahead},
    ]
    with store.read() as s:
        student, hub = s.get(Student, STUDENT), s.get(Hub, HUB)
        assert student is not None and hub is not None
        student_clocks, hub_clocks = row_clocks(student), row_clocks(hub)
    assert student_clocks["legal_first_name"] == student_clocks["grade"] == fresh[1]
    assert student_clocks["legal_last_name"] == day_ahead
    assert (hub_clocks["name"], hub_clocks["deleted"]) == (fresh[2], day_ahead)
    assert store.settings.get(local.CLOCK) == fresh[2]

    # Done once: the next sync finds nothing to do, and the next edit sorts after.
    assert replica(store).reset_clock_if_far_ahead() is None
    with store.write() as w:
        w.update(w.get(Hub, HUB), name="North Park")
    assert outbox(store)[-1].clock == stamp(day, 7, node)
