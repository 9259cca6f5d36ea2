"""The programme's name is kept by the sync server and printed by every laptop: a real
``harmony-sync serve`` process, its command line, and laptops through the real sync
client."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.printing import DocumentBuilder
from tests.factories import make_hub
from tests.support.sync_server import SyncServer, SyncServerError
from tests.sync_client.conftest import ReplicaFactory


@pytest.fixture(autouse=True)
def _no_name_left(live: SyncServer):  # type: ignore[no-untyped-def]
    """Each test starts with no name on the module's server, and leaves none."""
    live.admin("set-programme-name", "--clear")
    yield
    live.admin("set-programme-name", "--clear")


def test_every_laptop_prints_the_servers_name(replica: ReplicaFactory, live: SyncServer) -> None:
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=2)
    live.add_hub("Test Park Hub", hub.hub_id)
    # a laptop set up alone first was named by hand: that name was local only
    a.services.setup.set_programme_name("Eastside Strings (typed on laptop A)")
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    a.sync.sync()
    b.sync.sync()
    # the server has no name yet: each laptop keeps its own, and may still change it
    assert a.services.exporting.programme_name() == "Eastside Strings (typed on laptop A)"
    assert b.services.exporting.programme_name() == "Harmony Project"
    assert not a.services.setup.programme_name().from_server

    answer = live.admin("set-programme-name", "  Eastside   Youth Strings ")
    assert answer == {"programme_name": "Eastside Youth Strings", "was": None}
    assert live.admin("show-programme-name") == {"programme_name": "Eastside Youth Strings"}
    a.sync.sync()
    b.sync.sync()
    for laptop in (a, b):
        assert laptop.services.exporting.programme_name() == "Eastside Youth Strings"
        shown = laptop.services.setup.programme_name()
        assert (shown.name, shown.from_server) == ("Eastside Youth Strings", True)
    # laptop A is told what its own name was (nothing else is lost); B typed none
    assert a.services.setup.programme_name().local == "Eastside Strings (typed on laptop A)"
    assert b.services.setup.programme_name().local is None
    # the server's name wins: a laptop cannot change it
    with pytest.raises(ValidationError, match="set on your sync server"):
        b.services.setup.set_programme_name("Another name")
    # the printed header carries it
    document = DocumentBuilder(b.services).build(
        "signin", hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=dt.date(2026, 9, 14)
    )
    assert document.subtitle.startswith("Eastside Youth Strings · ")

    # the office renames it: every laptop prints the new name from its next sync
    live.admin("set-programme-name", "Eastside Youth Orchestra")
    b.sync.sync()
    assert b.services.exporting.programme_name() == "Eastside Youth Orchestra"
    assert a.services.exporting.programme_name() == "Eastside Youth Strings"  # not synced yet

    # cleared on the server: each laptop prints (and may change) its own name again
    assert live.admin("set-programme-name", "--clear") == {
        "programme_name": None,
        "was": "Eastside Youth Orchestra",
    }
    a.sync.sync()
    assert a.services.exporting.programme_name() == "Eastside Strings (typed on laptop A)"
    a.services.setup.set_programme_name("Eastside Youth Strings")
    assert a.services.exporting.programme_name() == "Eastside Youth Strings"


def test_the_session_answer_names_the_programme_or_says_null(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    a = replica("a")
    hub = make_hub(a.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    client = a.sync._client()
    assert client.session_info()["programme_name"] is None
    live.admin("set-programme-name", "Westside Music Project")
    assert client.session_info()["programme_name"] == "Westside Music Project"


def test_a_bad_name_is_refused_by_the_command_line(live: SyncServer) -> None:
    with pytest.raises(SyncServerError, match="cannot be empty"):
        live.admin("set-programme-name", "   ")
    with pytest.raises(SyncServerError, match="at most 100 characters"):
        live.admin("set-programme-name", "x" * 101)
    assert live.admin("show-programme-name") == {"programme_name": None}
