"""Today's view read before the store opens (``store/today.py``): the same sessions as the
services list, and the normal way whenever opening first is what keeps the file safe."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from harmony_desktop.domain.sessions import RollState
from harmony_desktop.services.context import Services
from harmony_desktop.store import settings
from harmony_desktop.store.db import Store
from harmony_desktop.store.today import read_first_view
from tests.factories import HubFixture, copy_hub

DAY = dt.date(2026, 9, 15)  # a Tuesday of the fixture hub's first term


def test_the_first_view_lists_what_the_services_list(services: Services, hub: HubFixture) -> None:
    # A past session partly marked (missing roll), one cancelled today, and a masterclass
    # today inviting a whole hub: counts, states and the flag must agree.
    past = next(
        i
        for i in services.sessions.for_day(hub.hub_id, DAY - dt.timedelta(days=1))
        if i.ensemble_id == hub.ensemble_id
    )
    opened = services.sessions.open(past)
    services.roll.mark(opened.id, hub.student_ids[0], "P", by=hub.teacher_id)
    today = services.sessions.for_day(hub.hub_id, DAY)
    services.sessions.cancel(today[0], "Rain")
    masterclass = services.events.add_masterclass(
        hub.second_ensemble_id,  # the choir: no students of its own
        DAY,
        dt.time(18, 0),
        dt.time(19, 0),
        title="Masterclass",
        guest_artist="Guest Artist",
        invite_hubs=[hub.hub_id],
    )
    path = services.store.path
    services.store.close()  # the window reads before anything has the file open

    view = read_first_view(path, DAY)

    assert view is not None
    with Store(path) as store:
        again = Services.open(store)
        assert view.sessions == again.sessions.for_day(hub.hub_id, DAY)
        assert view.missing == again.sessions.missing_rolls(hub.hub_id, DAY)
    by_id = {i.id: i for i in view.sessions}
    assert [i.id for i in view.sessions] == [today[0].id, masterclass]
    assert by_id[today[0].id].state == RollState.CANCELLED
    assert (by_id[masterclass].expected, by_id[masterclass].recorded) == (8, 0)
    assert [(m.id, m.recorded, m.expected) for m in view.missing if m.id == opened.id] == [
        (opened.id, 1, 8)
    ]
    assert view.hubs == [(hub.hub_id, "Test Park Hub")] and view.hub_id == hub.hub_id


def test_the_hub_last_chosen_and_the_language(services: Services, hub: HubFixture) -> None:
    second = copy_hub(services, hub.hub_id, "Another Hub")
    services.store.settings.set(settings.CURRENT_HUB, second)
    services.store.settings.set(settings.LANGUAGE, "es")
    path = services.store.path
    services.store.close()
    view = read_first_view(path, DAY)
    assert view is not None
    assert (view.hub_id, view.hub_name, view.language) == (second, "Another Hub", "es")
    assert sorted(name for _id, name in view.hubs) == ["Another Hub", "Test Park Hub"]


def test_without_a_hub_chosen_the_first_by_name(services: Services, hub: HubFixture) -> None:
    second = copy_hub(services, hub.hub_id, "Another Hub")  # added last, first by name
    path = services.store.path
    services.store.close()
    view = read_first_view(path, DAY)
    assert view is not None
    assert view.hubs == [(second, "Another Hub"), (hub.hub_id, "Test Park Hub")]
    assert view.hub_id == second


def test_sessions_starting_together_go_by_name(services: Services, hub: HubFixture) -> None:
    strings = services.sessions.for_day(hub.hub_id, DAY)[0]
    services.sessions.add_ad_hoc(hub.second_ensemble_id, DAY, strings.start, strings.end)
    path = services.store.path
    services.store.close()
    view = read_first_view(path, DAY)
    assert view is not None
    assert [i.ensemble_name for i in view.sessions] == ["Beginning Strings", "Choir"]


def test_the_normal_way_when_the_file_asks_for_it(
    tmp_path: Path, services: Services, hub: HubFixture
) -> None:
    del hub
    source = services.store.path
    services.store.close()
    assert read_first_view(source, DAY) is not None
    assert read_first_view(source, DAY, hub="Test Park Hub") is None  # --hub: find() decides
    assert read_first_view(tmp_path / "missing.sqlite3", DAY) is None

    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert read_first_view(empty, DAY) is None  # damaged: the store says so

    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(source.read_bytes()[:4096] + b"\xff" * 8192)
    assert read_first_view(damaged, DAY) is None

    older = tmp_path / "older.sqlite3"
    older.write_bytes(source.read_bytes())
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0007_report_indexes'")
    conn.close()
    assert read_first_view(older, DAY) is None  # a migration is due

    rollback = tmp_path / "rollback.sqlite3"
    rollback.write_bytes(source.read_bytes())
    with sqlite3.connect(rollback) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    assert read_first_view(rollback, DAY) is None  # opening would switch it to WAL


def test_pages_in_the_log_are_checked_first(services: Services, hub: HubFixture) -> None:
    del hub
    source = services.store.path
    services.store.close()
    writer = sqlite3.connect(source)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("INSERT INTO local_meta (key, value) VALUES ('probe', 'x')")
        writer.commit()
        assert Path(f"{source}-wal").stat().st_size > 0
        assert read_first_view(source, DAY) is None
    finally:
        writer.close()
    assert read_first_view(source, DAY) is not None  # the log went into the file
