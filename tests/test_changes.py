"""The single write path: every change leaves exactly one outbox entry, atomically."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.store import Store
from harmony_desktop.store.models import SYNCED_MODELS, Hub, Outbox, Student
from harmony_desktop.store.replica import Replica, from_wire, row_clocks, row_values
from harmony_desktop.store.settings import CLOCK
from harmony_sync.protocol import merge_fields
from tests.support.store_template import new_store_file


def outbox(store: Store) -> list[Outbox]:
    with store.read() as s:
        return list(s.exec(select(Outbox).order_by(Outbox.mutation_id)))  # type: ignore[arg-type]


def test_insert_update_delete_each_leave_one_entry(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    with store.write() as w:
        st_ = w.insert(Student(hub_id=hub.id, legal_first_name="Ana", legal_last_name="Cruz"))
    with store.write() as w:
        w.update(w.get(Student, st_.id), preferred_name="Annie", grade="3")
    with store.write() as w:
        w.delete(w.get(Student, st_.id))
    entries = outbox(store)
    assert [e.table_name for e in entries] == ["hub", "student", "student", "student"]
    assert json.loads(entries[2].values) == {"preferred_name": "Annie", "grade": "3"}
    assert json.loads(entries[3].values) == {"deleted": True}
    # bases: the clock each field had before this edit
    assert json.loads(entries[2].bases) == {
        "preferred_name": entries[1].clock,
        "grade": entries[1].clock,
    }
    ids = [e.mutation_id for e in entries]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    with store.read() as s:
        row = s.get(Student, st_.id)
        assert row is not None and row.deleted  # a tombstone, not a hard delete
        assert row_clocks(row)["preferred_name"] == entries[2].clock
        assert row_clocks(row)["legal_first_name"] == entries[1].clock


def test_a_hub_scopes_itself(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    assert hub.hub_id == hub.id
    assert outbox(store)[0].hub_id == hub.id


def test_writing_the_same_values_is_not_a_change(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    with store.write() as w:
        w.update(w.get(Hub, hub.id), name="Hub")
    assert len(outbox(store)) == 1


def test_an_error_rolls_back_rows_and_outbox_together(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    with pytest.raises(RuntimeError), store.write() as w:
        w.insert(Student(hub_id=hub.id, legal_first_name="A", legal_last_name="B"))
        w.update(w.get(Hub, hub.id), name="Renamed")
        raise RuntimeError("power cut")
    with store.read() as s:
        assert s.exec(select(Student)).all() == []
        assert s.get(Hub, hub.id).name == "Hub"  # type: ignore[union-attr]
    assert len(outbox(store)) == 1


def test_rows_cannot_move_hubs_or_get_unknown_fields(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
        other = w.insert(Hub(name="Other"))
        st_ = w.insert(Student(hub_id=hub.id, legal_first_name="A", legal_last_name="B"))
    with pytest.raises(ValidationError, match="another hub"), store.write() as w:
        w.update(w.get(Student, st_.id), hub_id=other.id)
    with pytest.raises(ValidationError, match="Unknown field"), store.write() as w:
        w.update(w.get(Student, st_.id), shoe_size=3)
    assert len(outbox(store)) == 3


def test_insert_many_stamps_and_queues_every_row(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
        w.insert_many(
            [
                Student(hub_id=hub.id, legal_first_name=f"S{i}", legal_last_name="X")
                for i in range(50)
            ]
        )
    entries = outbox(store)
    assert len(entries) == 51
    with store.read() as s:
        students = s.exec(select(Student)).all()
    assert len(students) == 50 and all(row_clocks(x) for x in students)


def test_mutation_ids_keep_increasing_after_a_restore(tmp_path: Path) -> None:
    from harmony_desktop.store.db import restore_backup

    path = tmp_path / "h.sqlite3"
    with Store(path, backup_dir=tmp_path / "b") as store:
        with store.write() as w:
            hub = w.insert(Hub(name="Hub"))
        backup = store.backup_to(tmp_path / "b" / "harmony-2026-01-01.sqlite3")
        with store.write() as w:
            w.update(w.get(Hub, hub.id), name="After backup")
        last_before_restore = outbox(store)[-1].mutation_id
    restore_backup(backup, path)
    with Store(path) as store:
        with store.write() as w:
            w.update(w.get(Hub, hub.id), name="After restore")
        assert outbox(store)[-1].mutation_id > last_before_restore


def test_the_outbox_records_the_clock_and_it_never_turns_back_when_entries_leave(
    store: Store,
) -> None:
    store.wall = lambda: 1_800_000_000_000  # a wall clock that does not move
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    with store.write() as w:
        w.update(w.get(Hub, hub.id), name="Renamed")
    node = store.device_id
    assert [e.clock for e in outbox(store)] == [
        f"001800000000000-00000-{node}",
        f"001800000000000-00001-{node}",
    ]
    # Each change's outbox entry records the reading: the setting is not written.
    assert store.settings.get(CLOCK) == ""
    replica = Replica(store)
    batch = replica.next_batch(10)
    replica.acknowledge(batch, {"results": [
        {"mutation_id": e.mutation_id, "status": "applied"} for e in batch
    ]})  # fmt: skip
    assert outbox(store) == []
    # The newest reading left with its entry, so it was kept in the setting first.
    assert store.settings.get(CLOCK) == f"001800000000000-00001-{node}"
    store.wall = lambda: 1_700_000_000_000  # the computer's clock set back
    with store.write() as w:
        w.update(w.get(Hub, hub.id), name="Again")
    assert [e.clock for e in outbox(store)] == [f"001800000000000-00002-{node}"]


def test_a_stamp_no_outbox_entry_records_is_kept_in_the_setting(store: Store) -> None:
    store.wall = lambda: 1_800_000_000_000
    with store.write() as w:
        w.insert_many([Hub(name="Demo hub")], queue=False)
    node = store.device_id
    assert store.settings.get(CLOCK) == f"001800000000000-00000-{node}"
    with store.write() as w:
        w.insert(Hub(name="Another"))
    assert [e.clock for e in outbox(store)] == [f"001800000000000-00001-{node}"]


# -- property: the outbox is a complete record of every change --------------------------

FIELDS = ["preferred_name", "grade", "instrument", "deleted"]
ops = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 3)),
        st.tuples(
            st.just("update"),
            st.integers(0, 3),
            st.sampled_from(FIELDS),
            st.one_of(st.sampled_from(["", "Annie", "3", "violin"]), st.booleans()),
        ),
        st.tuples(st.just("fail"), st.integers(0, 3)),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops)
def test_replaying_the_outbox_rebuilds_every_row(
    tmp_path_factory: pytest.TempPathFactory, operations: list[Any]
) -> None:
    """Whatever the sequence of writes (some failing), folding the outbox entries with
    the merge rule gives exactly the rows in the database: nothing written escapes it."""
    # a copy of a migrated template: migrating a new file each example took most of the time
    path = new_store_file(tmp_path_factory.mktemp("prop") / "h.sqlite3")
    with Store(path) as store:
        with store.write() as w:
            hub = w.insert(Hub(name="Hub"))
        ids: dict[int, str] = {}
        effective = 1
        for op in operations:
            try:
                with store.write() as w:
                    if op[0] == "insert" and op[1] not in ids:
                        row = w.insert(
                            Student(hub_id=hub.id, legal_first_name="A", legal_last_name=str(op[1]))
                        )
                        ids[op[1]] = row.id
                    elif op[0] == "update" and op[1] in ids:
                        name, value = op[2], op[3]
                        if (name == "deleted") != isinstance(value, bool):
                            continue
                        w.update(w.session.get(Student, ids[op[1]]), **{name: value})
                    elif op[0] == "fail" and op[1] in ids:
                        w.update(w.session.get(Student, ids[op[1]]), notes="lost")
                        raise RuntimeError("crash mid-transaction")
                    effective += w.changes
            except RuntimeError:
                pass
        entries = outbox(store)
        assert len(entries) == effective
        rebuilt: dict[tuple[str, str], tuple[dict[str, Any], dict[str, str]]] = {}
        for e in entries:
            values, clocks = rebuilt.get((e.table_name, e.row_id), ({}, {}))
            incoming = json.loads(e.values)
            r = merge_fields(values, clocks, incoming, dict.fromkeys(incoming, e.clock))
            rebuilt[(e.table_name, e.row_id)] = (r.values, r.clocks)
        with store.read() as s:
            for (table, row_id), (values, clocks) in rebuilt.items():
                model = SYNCED_MODELS[table]
                row = s.get(model, row_id)
                assert row is not None
                assert row_values(row) == {k: values[k] for k in row_values(row)}
                assert row_clocks(row) == clocks
                assert {k: from_wire(model, k, v) for k, v in values.items()} == {
                    k: getattr(row, k) for k in values
                }
            assert len(s.exec(select(Student)).all()) == len(ids)


def test_upsert_many_is_one_change_per_changed_row(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
        kept = w.insert(Student(hub_id=hub.id, legal_first_name="A", legal_last_name="B"))
        gone = w.insert(Student(hub_id=hub.id, legal_first_name="C", legal_last_name="D"))
    with store.write() as w:
        w.delete(w.get(Student, gone.id))
    new_id = "00000000-0000-4000-8000-000000000001"
    before = len(outbox(store))
    with store.write() as w:
        changes = w.upsert_many(
            Student,
            [
                {"id": kept.id, "hub_id": hub.id, "legal_first_name": "A"},  # unchanged
                {"id": gone.id, "hub_id": hub.id, "grade": "4"},  # revives the tombstone
                {"id": new_id, "hub_id": hub.id, "legal_first_name": "E", "legal_last_name": "F"},
            ],
        )
    assert changes == 2
    entries = outbox(store)[before:]
    assert {e.row_id: json.loads(e.values) for e in entries}[gone.id] == {
        "grade": "4",
        "deleted": False,
    }
    with store.read() as s:
        revived = s.get(Student, gone.id)
        assert revived is not None and not revived.deleted and revived.grade == "4"
        assert s.get(Student, new_id) is not None
    with pytest.raises(ValidationError, match="another hub"), store.write() as w:
        w.upsert_many(Student, [{"id": kept.id, "hub_id": new_id}])


def test_a_synced_row_changed_behind_the_writer_is_refused(store: Store) -> None:
    from harmony_desktop.domain.errors import StoreError

    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    with pytest.raises(StoreError, match="without the change writer"), store.write() as w:
        row = w.get(Hub, hub.id)
        row.name = "Sneaky"  # no clock, no outbox entry: must not be saved
        w.session.add(row)
    with store.read() as s:
        assert s.get(Hub, hub.id).name == "Hub"  # type: ignore[union-attr]
    assert len(outbox(store)) == 1


def test_rows_read_in_the_transaction_see_the_writes(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    with store.write() as w:
        row = w.get(Hub, hub.id)
        w.upsert(Hub, hub.id, name="Renamed")  # by id: the loaded object follows
        assert row.name == "Renamed" and w.get(Hub, hub.id).name == "Renamed"
        assert row_clocks(row)["name"] > row_clocks(row)["address"]  # restamped, in place


def test_upsert_of_one_row_inserts_revives_or_changes_only_what_differs(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
    row_id = "00000000-0000-4000-8000-000000000002"
    names = {"hub_id": hub.id, "legal_first_name": "A", "legal_last_name": "B"}
    before = len(outbox(store))

    def upsert(**fields: Any) -> list[dict[str, Any]]:
        done = len(outbox(store))
        with store.write() as w:
            w.upsert(Student, row_id, **fields)
        return [json.loads(e.values) for e in outbox(store)[done:]]

    created = upsert(**names)
    assert len(created) == 1 and created[0]["legal_first_name"] == "A"
    assert upsert(**names) == []  # the same values again: not a change, not a clock tick
    with store.read() as s:
        first = row_clocks(s.get(Student, row_id))  # type: ignore[arg-type]
    assert upsert(**names, grade="4") == [{"grade": "4"}]  # a new row is tried, then not
    assert json.loads(outbox(store)[-1].bases) == {"grade": first["grade"]}
    with store.write() as w:
        w.delete(w.get(Student, row_id))
    assert upsert(**names) == [{"deleted": False}]  # revives the tombstone
    assert upsert(grade="5") == [{"grade": "5"}]  # some fields only
    # a date goes on the wire as ISO text, and is stored as the column stores it
    assert upsert(date_of_birth=dt.date(2015, 3, 9)) == [{"date_of_birth": "2015-03-09"}]
    assert upsert(date_of_birth=dt.date(2015, 3, 9)) == []
    assert len(outbox(store)) - before == 6
    with pytest.raises(ValidationError, match="another hub"):
        upsert(**{**names, "hub_id": row_id})
    for _ in range(2):  # refused every time, not only the first
        with pytest.raises(ValidationError, match="Unknown field"):
            upsert(grade="6", shoe_size=3)
    assert len(outbox(store)) - before == 6
    with store.read() as s:
        row = s.get(Student, row_id)
        assert row is not None and not row.deleted and row.grade == "5"
        assert row.date_of_birth == dt.date(2015, 3, 9)


def test_rows_read_before_an_upsert_are_used_only_when_they_cover_it(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
        one = w.insert(Student(hub_id=hub.id, legal_first_name="A", legal_last_name="B"))
        two = w.insert(Student(hub_id=hub.id, legal_first_name="C", legal_last_name="D"))
    before = len(outbox(store))
    with store.write() as w:
        stored = w.stored_rows(Student, [one.id], ("grade", "hub_id"))
        assert set(stored.rows) == {one.id} and stored.rows[one.id][4:-1] == ("", hub.id)
        assert (
            stored.rows[one.id][-1]
            == w.driver.execute("SELECT rowid FROM student WHERE id = ?", (one.id,)).fetchone()[0]
        )  # the rowid last, for an UPDATE of the row in this transaction
        # covers the first row only: the writer reads the second itself
        changes = w.upsert_many(
            Student,
            [{"id": one.id, "hub_id": hub.id, "grade": "3"}, {"id": two.id, "grade": "5"}],
            stored=stored,
        )
        # covers it: unchanged values are still no change
        again = w.upsert_many(
            Student,
            [{"id": one.id, "grade": "3"}],
            stored=w.stored_rows(Student, [one.id], ("grade",)),
        )
    assert (changes, again) == (2, 0)
    assert [json.loads(e.values) for e in outbox(store)[before:]] == [
        {"grade": "3"},
        {"grade": "5"},
    ]


def test_many_rows_read_through_an_index_range_are_the_rows_asked_for(store: Store) -> None:
    with store.write() as w:
        hub = w.insert(Hub(name="Hub"))
        other = w.insert(Hub(name="Other"))
        students = [
            w.insert(Student(hub_id=hub.id, legal_first_name=f"S{i}", legal_last_name="T"))
            for i in range(30)
        ]
        elsewhere = w.insert(Student(hub_id=other.id, legal_first_name="O", legal_last_name="P"))
    with store.write() as w:
        w.delete(w.get(Student, students[0].id))
    asked = [s.id for s in students[:25]] + ["not-stored"]
    with store.write() as w:
        by_id = w.stored_rows(Student, asked, ("legal_first_name",))
        ranged = w.stored_rows(Student, asked, ("legal_first_name",), within=("hub_id", hub.id))
    assert ranged.rows == by_id.rows and ranged.ids == by_id.ids
    assert len(ranged.rows) == 25 and elsewhere.id not in ranged.rows
    assert ranged.rows[students[0].id][2] == 1  # the tombstone is read too
    assert ranged.rows[students[3].id][4:-1] == ("S3",)  # then the rowid


_STUDENT_CHANGES = st.fixed_dictionaries(
    {},
    optional={
        "legal_first_name": st.sampled_from(["Ana", "Bea"]),
        "grade": st.sampled_from(["", "4", "5"]),
        "date_of_birth": st.sampled_from([None, dt.date(2015, 3, 9), dt.date(2016, 1, 2)]),
        "photo_consent": st.booleans(),
    },
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("upsert"), _STUDENT_CHANGES, st.booleans()),
            st.tuples(st.just("delete"), st.just({}), st.just(False)),
        ),
        max_size=12,
    )
)
def test_one_row_upserts_write_what_the_set_based_path_writes(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, dict[str, Any], bool]]
) -> None:
    """A key press's upsert takes short paths of its own (a new row, a change of a row as
    read, a row's own field clocks restamped): whatever the sequence, it leaves the row,
    its clocks and its outbox entries exactly as the set-based path (``upsert_many`` of
    several rows, ``insert_many_values``) leaves them, on a clock that reads the same."""
    folder = tmp_path_factory.mktemp("one-row")
    row_id = "00000000-0000-4000-8000-000000000007"
    filler_id = "00000000-0000-4000-8000-000000000008"
    with (
        Store(new_store_file(folder / "a.sqlite3")) as short,
        Store(new_store_file(folder / "b.sqlite3")) as long,
    ):
        for store in (short, long):
            store.device_id = "00000000000000aa"
            ticks = iter(range(1_800_000_000_000, 1_900_000_000_000, 7))
            store.wall = lambda ticks=ticks: next(ticks)  # type: ignore[misc]
            with store.write() as w:
                hub = w.insert(Hub(id="00000000-0000-4000-8000-000000000001", name="Hub"))
                w.insert_many_values(
                    Student, [{"id": filler_id, "hub_id": hub.id, "legal_first_name": "F",
                               "legal_last_name": "Filler"}],
                )  # fmt: skip
        names = {"hub_id": hub.id, "legal_first_name": "Ana", "legal_last_name": "Cruz"}
        exists = deleted = False
        for action, fields, loaded in [("upsert", {}, False), *steps]:
            if action == "delete":
                if not exists or deleted:
                    continue
                for store in (short, long):
                    with store.write() as w:
                        w.delete(w.get(Student, row_id))
                deleted = True
                continue
            given = {**names, **fields} if not exists else fields
            with short.write() as w:
                if loaded and exists and not deleted:
                    w.get(Student, row_id)  # the session holds the row: compared with it
                w.upsert(Student, row_id, **given)
            with long.write() as w:
                if not exists:
                    w.insert_many_values(Student, [{"id": row_id, **given}])
                else:  # with a row that does not change: the set-based path
                    w.upsert_many(Student, [{"id": row_id, **given}, {"id": filler_id}])
            exists, deleted = True, False  # an upsert revives a tombstone

        def written(store: Store) -> tuple[Any, ...]:
            with store.read() as s:
                row = s.get(Student, row_id)
                assert row is not None
                entries = [
                    (e.mutation_id, e.hub_id, json.loads(e.values), e.clock, json.loads(e.bases))
                    for e in outbox(store)
                    if e.row_id == row_id
                ]
                return row_values(row), row.clocks, entries

        assert written(short) == written(long)
