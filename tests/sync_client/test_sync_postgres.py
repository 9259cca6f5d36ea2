"""The same client against the server on PostgreSQL (production's database).

One throwaway cluster and one server process for the module; a lost response, a server
killed mid-sync and a concurrent edit, end to end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from harmony_desktop.store.models import AttendanceMark
from harmony_sync.client import ServerUnreachable
from tests.factories import make_hub
from tests.support.postgres import PostgresCluster, postgres_available
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, open_session

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncServer]:
    """A real server process over a fresh PostgreSQL database."""
    if not postgres_available():
        pytest.fail("PostgreSQL server binaries are missing: run ./dev test (it installs them)")
    with PostgresCluster() as cluster:
        url = cluster.create_database("harmony_client_tests")
        server = SyncServer(url, log_dir=tmp_path_factory.mktemp("pg-server"))
        server.start()
        try:
            yield server
        finally:
            server.stop()


def test_sync_through_postgres_with_faults(pg_live: SyncServer, tmp_path: Path) -> None:
    a, b = Replica(tmp_path / "a", pg_live), Replica(tmp_path / "b", pg_live)
    try:
        hub = make_hub(a.services, students=4)
        pg_live.add_hub("Test Park Hub", hub.hub_id)
        a.enroll([hub.hub_id])
        b.enroll([hub.hub_id])
        a.adapter.lose_next["/v1/push"] = 1  # committed on the server, answer lost
        with pytest.raises(ServerUnreachable):
            a.sync.sync()
        assert a.sync.sync().duplicates > 0
        b.sync.sync()
        session = open_session(b, hub.hub_id, hub.ensemble_id)
        for student in hub.student_ids:
            b.services.roll.mark(session, student, "P", by=None)
        pg_live.kill()
        with pytest.raises(ServerUnreachable):
            b.sync.sync()
        pg_live.start()
        a.services.roster.update_student(hub.student_ids[0], school="Lincoln")
        b.services.roster.update_student(hub.student_ids[0], school="Roosevelt")
        for rep in (b, a, b):
            rep.sync.sync()
        for rep in (a, b):
            with rep.store.read() as s:
                assert len(s.exec(select(AttendanceMark)).all()) == 4
            # b wrote last: its value wins everywhere, a's is kept for review
            assert rep.services.roster.student(hub.student_ids[0]).school == "Roosevelt"
            conflicts = [i for i in rep.review.review_items() if i.field_name == "school"]
            assert [(c.winning_value, c.losing_value) for c in conflicts] == [
                ("Roosevelt", "Lincoln")
            ]
    finally:
        a.close()
        b.close()
