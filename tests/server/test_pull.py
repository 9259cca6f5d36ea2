"""Pull: pages by cursor, current state once per row, never skipping concurrent writers."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from sqlalchemy import Engine

from harmony_sync.server import accounts, store
from harmony_sync.server.schemas import PullResponse
from tests.server.conftest import LaptopFactory
from tests.server.fakes import new_id


def test_pages_cover_every_row_once_with_current_state(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    writer, reader = laptop([north]), laptop([north])
    ids = [new_id() for _ in range(25)]
    writer.push(
        [writer.mutation("student", i, north, {"notes": str(k)}) for k, i in enumerate(ids)]
    )
    # Change some rows again: they come back once, with their latest values.
    writer.push([writer.mutation("student", i, north, {"notes": "100"}) for i in ids[:5]])
    pages = []
    while True:
        page = reader.pull_raw(limit=7).json()
        pages.append(page)
        reader.cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert [len(p["rows"]) for p in pages] == [7, 7, 7, 5]  # 25 students + the hub row
    rows = [r for p in pages for r in p["rows"]]
    students = {r["id"]: r for r in rows if r["table"] == "student"}
    assert len(students) == 25 and len(rows) == 26
    assert all(students[i]["values"]["notes"] == "100" for i in ids[:5])
    assert students[ids[7]]["values"] == {"notes": "7"}
    assert students[ids[7]]["hub_id"] == north
    assert set(students[ids[7]]["clocks"]) == {"notes"}
    # A no-op pull returns nothing and keeps the cursor.
    page = reader.pull_raw().json()
    assert (page["rows"], page["has_more"], page["cursor"]) == ([], False, reader.cursor)


def test_pull_only_returns_rows_in_scope(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    north, south = hubs
    n_dev, s_dev = laptop([north]), laptop([south])
    manager = laptop([], data_manager=True)
    code = new_id()
    manager.push([manager.mutation("attendance_code", code, None, {"code": "P"})])
    n_row, s_row = new_id(), new_id()
    n_dev.push([n_dev.mutation("student", n_row, north, {"level": "1"})])
    s_dev.push([s_dev.mutation("student", s_row, south, {"level": "2"})])
    seen = {r["id"] for r in n_dev.pull_all()[0]}
    assert seen == {north, code}  # not the south row (nor its own row: no echo)
    assert {r["id"] for r in s_dev.pull_all()[0]} == {south, code}
    # (the manager's own code is not echoed back to it)
    assert {r["id"] for r in manager.pull_all()[0]} == {north, south, n_row, s_row}


def test_concurrent_writers_never_skipped(engine: Engine, hubs, laptop: LaptopFactory) -> None:
    """Readers paging while several devices push: every committed row is seen."""
    north, _ = hubs
    writers = [laptop([north]) for _ in range(4)]
    reader = laptop([north])
    written: set[str] = set()
    lock = threading.Lock()
    errors: list[Any] = []

    def write(dev: Any) -> None:
        try:
            for _ in range(15):
                ids = [new_id() for _ in range(3)]
                dev.push([dev.mutation("student", i, north, {"level": "1"}) for i in ids])
                with lock:
                    written.update(ids)
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    for t in threads:
        t.start()
    seen: set[str] = set()
    while any(t.is_alive() for t in threads):
        page = reader.pull_raw(limit=5).json()
        seen.update(r["id"] for r in page["rows"])
        reader.cursor = page["cursor"]
    for t in threads:
        t.join()
    rows, _ = reader.pull_all(limit=5)
    seen.update(r["id"] for r in rows)
    assert not errors
    assert len(written) == 4 * 15 * 3
    assert written <= seen


def test_bad_cursor_and_limit_are_4xx(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    dev = laptop([north])
    for body in ({"cursor": -1}, {"cursor": "0"}, {"limit": 0}, {"limit": 5000}):
        response = dev.client.post("/v1/pull", json=body, headers=dev.headers)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "bad_request"


def test_writer_holding_a_sequence_blocks_later_commits(
    engine: Engine, hubs, laptop: LaptopFactory, monkeypatch
) -> None:
    """A push that has assigned seqs but not committed holds back every later writer, so a
    pull can never return a cursor past a row that is about to appear."""
    from harmony_sync.server import store

    north, _ = hubs
    slow, fast, reader = laptop([north]), laptop([north]), laptop([north])
    reader.pull_all()
    start = reader.cursor
    inside, release = threading.Event(), threading.Event()
    original = store._write_rows

    def paused(conn: Any, rows: Any, seq: int) -> int:
        result = original(conn, rows, seq)
        if ("student", slow_row) in rows:
            inside.set()
            assert release.wait(30)
        return result

    slow_row, fast_row = new_id(), new_id()
    monkeypatch.setattr(store, "_write_rows", paused)
    # Bypass the in-process writer queue: the database lock alone must serialize writers
    # (as it does between server processes).
    monkeypatch.setattr(store, "writers", lambda _engine: contextlib.nullcontext())
    done: list[str] = []
    t_slow = threading.Thread(
        name="slow",
        target=lambda: done.append(
            slow.push([slow.mutation("student", slow_row, north, {"level": "1"})])["epoch"]
        ),
    )
    t_fast = threading.Thread(
        name="fast",
        target=lambda: done.append(
            fast.push([fast.mutation("student", fast_row, north, {"level": "2"})])["epoch"]
        ),
    )
    t_slow.start()
    assert inside.wait(30)
    t_fast.start()
    t_fast.join(0.5)
    assert t_fast.is_alive(), "a second writer committed while the first held its sequence"
    page = reader.pull_raw().json()
    assert page["rows"] == [] and page["cursor"] == start
    release.set()
    t_slow.join(30)
    t_fast.join(30)
    assert len(done) == 2
    rows, _ = reader.pull_all()
    assert [r["id"] for r in rows] == [slow_row, fast_row]


# -- no echo: a device does not pull back what it pushed, unless someone else wrote ------


def test_a_device_does_not_pull_back_its_own_push(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    a.pull_all()
    row = new_id()
    a.push([a.mutation("student", row, north, {"legal_first_name": "Ana", "grade": "3"})])
    assert a.pull_all()[0] == []  # nobody else wrote: nothing comes back
    # another device edits one field: the row comes back, with both devices' fields
    [seen] = [r for r in b.pull_all()[0] if r["id"] == row]
    base = seen["clocks"]["grade"]
    b.push([b.mutation("student", row, north, {"grade": "4"}, bases={"grade": base})])
    [pulled] = a.pull_all()[0]
    assert pulled["values"] == {"legal_first_name": "Ana", "grade": "4"}
    # and b does not get its own edit back either
    assert b.pull_all()[0] == []
    # unless it asks for its own rows (a database restored from a backup)
    b.cursor = 0
    assert row in {r["id"] for r in b.pull_all(own_rows=True)[0]}


def test_a_pushed_row_with_a_field_the_device_never_pulled_comes_back(
    hubs, laptop: LaptopFactory
) -> None:
    """Another device changed a field the pusher has not seen: the merged row must reach
    the pusher, or that field would be lost on its laptop."""
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    a.pull_all()
    row = new_id()
    a.push([a.mutation("student", row, north, {"legal_first_name": "Ana", "school": "Lincoln"})])
    b.pull_all()
    b.push([b.mutation("student", row, north, {"school": "Hoover"})])
    # a writes another field without having pulled b's school
    created = a.clock.last
    a.push(
        [
            a.mutation(
                "student",
                row,
                north,
                {"legal_first_name": "Ann"},
                bases={"legal_first_name": created},
            )
        ]
    )
    rows = a.pull_all()[0]
    assert [r["values"] for r in rows] == [{"legal_first_name": "Ann", "school": "Hoover"}]


def test_editing_a_pulled_row_is_not_echoed(hubs, laptop: LaptopFactory) -> None:
    """A device that pulled a row and edits one field holds the whole new state."""
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    a.pull_all()
    b.pull_all()
    row = new_id()
    a.push([a.mutation("student", row, north, {"legal_first_name": "Ana", "school": "Lincoln"})])
    [pulled] = b.pull_all()[0]
    base = pulled["clocks"]["school"]
    b.push([b.mutation("student", row, north, {"school": "Hoover"}, bases={"school": base})])
    assert b.pull_all()[0] == []  # b holds everything in it
    assert [r["values"]["school"] for r in a.pull_all()[0]] == ["Hoover"]


def test_a_losing_push_still_pulls_the_winner(hubs, laptop: LaptopFactory) -> None:
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    a.pull_all()
    row = new_id()
    old = a.clock.now()  # a's edit is older than b's, but pushed later
    newer = f"{int(old[:15]) + 1000:015d}-00000-{b.node}"
    b.push([b.mutation("student", row, north, {"school": "Hoover", "grade": "3"}, clock=newer)])
    a.push(
        [
            a.mutation(
                "student", row, north, {"school": "Lincoln", "legal_first_name": "Ana"}, clock=old
            )
        ]
    )
    [pulled] = a.pull_all()[0]
    assert pulled["values"] == {"school": "Hoover", "grade": "3", "legal_first_name": "Ana"}


def test_the_page_over_http_is_the_stored_page_written_as_json(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    """The pull response is written from the stored JSON text: it must say exactly what
    the decoded page says, escapes, nulls and conflicts included."""
    north, _ = hubs
    a, b, reader = laptop([north]), laptop([north]), laptop([north])
    manager = laptop([], data_manager=True)
    manager.push([manager.mutation("attendance_code", new_id(), None, {"code": "P"})])
    row = new_id()
    old = a.clock.now()
    newer = f"{int(old[:15]) + 1000:015d}-00000-{b.node}"
    b.push([b.mutation("student", row, north, {"notes": 'Señora "Ana"\n\\ ✓'}, clock=newer)])
    a.push([a.mutation("student", row, north, {"notes": "older", "grade": "3"}, clock=old)])
    response = reader.pull_raw(cursor=0)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    page = response.json()
    PullResponse.model_validate(page)  # the documented response model
    device = accounts.authenticate(engine, reader.token)
    assert device is not None
    stored = store.pull(engine, device, reader.epoch, 0, 500)
    assert {k: v for k, v in page.items() if not k.startswith("server_time")} == stored
    [student] = [r for r in page["rows"] if r["id"] == row]
    assert student["values"] == {"notes": 'Señora "Ana"\n\\ ✓', "grade": "3"}
    assert [c["losing_value"] for c in page["conflicts"]] == ["older"]
    assert {r["hub_id"] for r in page["rows"]} == {north, None}


def _mixed_rows(a: Any, b: Any, north: str) -> tuple[str, str, str, str, str]:
    """A student written at one clock, and one whose fields have two clocks (``b``
    changed one of them later); returns their ids and the clocks."""
    one, two = new_id(), new_id()
    first = "001795000000000-00000-" + a.node
    later = "001795000005000-00002-" + b.node
    a.push(
        [
            a.mutation("student", one, north, {"notes": "x", "grade": "3"}, clock=first),
            a.mutation("student", two, north, {"notes": "y", "grade": "4"}, clock=first),
        ]
    )
    b.push([b.mutation("student", two, north, {"grade": "5"}, clock=later, bases={"grade": first})])
    return one, two, first, later, north


def test_a_compact_pull_sends_one_clock_for_a_row_written_at_one_clock(
    engine: Engine, hubs, laptop: LaptopFactory
) -> None:
    north, _ = hubs
    a, b, reader = laptop([north]), laptop([north]), laptop([north])
    one, two, first, later, _ = _mixed_rows(a, b, north)
    response = reader.pull_raw(cursor=0, clocks="compact")
    assert response.status_code == 200
    page = response.json()
    PullResponse.model_validate(page)
    rows = {r["id"]: r for r in page["rows"]}
    assert rows[one]["clocks"] == {"*": "001795000000000-00000-" + a.node}
    assert rows[one]["values"] == {"notes": "x", "grade": "3"}
    # fields of different clocks: every field's clock, as before
    assert rows[two]["clocks"] == {
        "notes": "001795000000000-00000-" + a.node,
        "grade": "001795000005000-00002-" + b.node,
    }
    assert rows[two]["values"] == {"notes": "y", "grade": "5"}
    assert (first, later) == (rows[one]["clocks"]["*"], rows[two]["clocks"]["grade"])
    # the hub row too (the server's genesis clock for its name and deleted)
    assert rows[north]["clocks"] == {"*": "000000000000000-00000-0000000000000000"}
    # what the response writes from the stored text is what the decoded page says
    device = accounts.authenticate(engine, reader.token)
    assert device is not None
    stored = store.pull(engine, device, reader.epoch, 0, 500, compact=True)
    assert {k: v for k, v in page.items() if not k.startswith("server_time")} == stored


def test_a_pull_that_does_not_ask_for_compact_clocks_gets_every_fields_clock(
    hubs, laptop: LaptopFactory
) -> None:
    """An older client leaves the field out; a newer one may ask for a form this server
    does not know: both get every field's clock."""
    north, _ = hubs
    a, b, reader = laptop([north]), laptop([north]), laptop([north])
    one, two, _first, _later, _ = _mixed_rows(a, b, north)
    for clocks in (None, "full", "tiny"):
        response = reader.pull_raw(cursor=0, clocks=clocks)
        assert response.status_code == 200, clocks
        rows = {r["id"]: r for r in response.json()["rows"]}
        assert rows[one]["clocks"] == {
            "notes": "001795000000000-00000-" + a.node,
            "grade": "001795000000000-00000-" + a.node,
        }
        assert rows[two]["clocks"] == {
            "notes": "001795000000000-00000-" + a.node,
            "grade": "001795000005000-00002-" + b.node,
        }
        assert rows[north]["clocks"] == {
            "name": "000000000000000-00000-0000000000000000",
            "deleted": "000000000000000-00000-0000000000000000",
        }


def test_a_compact_pull_still_leaves_out_the_devices_own_rows(hubs, laptop: LaptopFactory) -> None:
    """No echo: the compact form changes how clocks are written, not which rows go."""
    north, _ = hubs
    a, b = laptop([north]), laptop([north])
    row = new_id()
    a.pull_all()
    a.push([a.mutation("student", row, north, {"notes": "mine"})])
    assert a.pull_raw(clocks="compact").json()["rows"] == []
    [pulled] = [r for r in b.pull_all()[0] if r["id"] == row]
    assert set(pulled["clocks"]) == {"notes"}  # (the fake pulls the full form)
    page = b.pull_raw(cursor=0, clocks="compact").json()
    [compact] = [r for r in page["rows"] if r["id"] == row]
    assert compact["clocks"] == {"*": pulled["clocks"]["notes"]}
