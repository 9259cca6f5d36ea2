"""Fixtures of the sync client tests: one real server process per module, replicas.

A *replica* is one laptop: its own SQLite store, services and sync engine, enrolled with
the module's server for one hub. Its HTTP transport can inject faults (see
:class:`FaultyAdapter`) without leaving loopback; the server is never mocked.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from harmony_desktop.services.context import Services
from harmony_desktop.services.credentials import TokenStore
from harmony_desktop.services.review import ReviewService
from harmony_desktop.services.sync import SyncService
from harmony_desktop.store import Store
from harmony_desktop.store.seed import ensure_attendance_codes
from tests.factories import make_hub
from tests.support.store_template import new_store_file
from tests.support.sync_server import SyncServer

_names = itertools.count(1)


class InjectedFault(requests.ConnectionError):
    """A network failure made up by the test transport."""


class FaultyAdapter(HTTPAdapter):
    """A requests adapter that fails on demand.

    ``fail_next[path]`` > 0: the next request to ``path`` never reaches the server (the
    network failed mid-push). ``lose_next[path]`` > 0: the request reaches the server and
    commits, then the response is thrown away (lost after commit).
    """

    def __init__(self) -> None:
        super().__init__()
        self.fail_next: dict[str, int] = {}
        self.lose_next: dict[str, int] = {}
        self.calls: list[str] = []
        #: called with the path before each request is sent (e.g. to kill the server)
        self.before_send: Callable[[str], None] | None = None

    def send(self, request: requests.PreparedRequest, *args: object, **kwargs: object):  # type: ignore[override]
        path = requests.utils.urlparse(request.url or "").path
        self.calls.append(path)
        if self.before_send is not None:
            self.before_send(path)
        if self.fail_next.get(path, 0) > 0:
            self.fail_next[path] -= 1
            raise InjectedFault(f"injected: network down before {path}")
        response = super().send(request, *args, **kwargs)  # type: ignore[arg-type]
        if self.lose_next.get(path, 0) > 0:
            self.lose_next[path] -= 1
            response.close()
            raise InjectedFault(f"injected: response of {path} lost after the server committed")
        return response


class Replica:
    """One laptop: store, services, sync engine and a fault-injecting transport."""

    def __init__(self, folder: Path, server: SyncServer | None = None) -> None:
        self.folder = folder
        self.store = Store(new_store_file(folder / "harmony.sqlite3"))
        ensure_attendance_codes(self.store)
        self.services = Services.open(self.store)
        self.review = ReviewService(self.store)
        self.adapter = FaultyAdapter()
        self.http = requests.Session()
        self.http.mount("http://", self.adapter)
        self.sync = SyncService(
            self.store,
            folder,
            tokens=TokenStore(folder, self.store.device_id),
            http_session=self.http,
        )
        self.server = server

    def enroll(self, hubs: list[str], *, data_manager: bool = False) -> None:
        """Enroll with the module's server for ``hubs``."""
        assert self.server is not None
        code = self.server.enrollment_code(hubs, data_manager=data_manager)
        self.sync.enroll(self.server.url, code, "test laptop")

    def reopen(self) -> None:
        """Close and reopen the store (as after a crash or a restart)."""
        self.store.close()
        self.store = Store(self.folder / "harmony.sqlite3")
        self.services = Services.open(self.store)
        self.review = ReviewService(self.store)
        self.sync.store = self.store

    def close(self) -> None:
        """Release the store and the HTTP session."""
        self.http.close()
        self.store.close()


@pytest.fixture(autouse=True)
def _token_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the real keyring: the documented 0600 file fallback."""
    monkeypatch.setenv("HARMONY_TOKEN_STORE", "file")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncServer]:
    """One real ``harmony-sync serve`` process for the whole module."""
    server = SyncServer.sqlite(tmp_path_factory.mktemp("server"))
    server.start()
    yield server
    server.stop()


ReplicaFactory = Callable[..., Replica]


@pytest.fixture
def replica(tmp_path: Path, live: SyncServer) -> Iterator[ReplicaFactory]:
    """Factory of replicas bound to the module's server; all closed after the test."""
    made: list[Replica] = []

    def make(name: str | None = None) -> Replica:
        rep = Replica(tmp_path / (name or f"laptop{next(_names)}"), live)
        made.append(rep)
        return rep

    yield make
    for rep in made:
        rep.close()


def open_session(rep: Replica, hub_id: str, ensemble_id: str, day: str = "2026-09-01") -> str:
    """Store the scheduled session of ``ensemble_id`` on ``day``; returns its id."""
    import datetime as dt

    for info in rep.services.sessions.for_day(hub_id, dt.date.fromisoformat(day)):
        if info.ensemble_id == ensemble_id:
            return rep.services.sessions.open(info).id
    raise AssertionError("no session that day")


def two_laptops(replica: ReplicaFactory, live: SyncServer, students: int = 2):  # type: ignore[no-untyped-def]
    """Laptops "a" and "b" enrolled for one new hub of ``students`` and synced once
    each: the start of every test where two laptops change the same things."""
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=students)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    a.sync.sync()
    b.sync.sync()
    return a, b, hub


def later_millisecond() -> None:
    """Return once the wall clock is in a later millisecond: the next write on another
    laptop is then the later one. Two laptops' writes in the same millisecond are
    ordered by their device ids, not by which came first."""
    start = time.time_ns() // 1_000_000
    while time.time_ns() // 1_000_000 <= start:
        time.sleep(0.0002)


def name_laptops(live: SyncServer, **names: Replica) -> None:
    """Give laptops names on the server, as its administrator does (``harmony-sync
    rename-device``): ``name_laptops(live, **{"Park laptop 1": a})``. A laptop hears of
    them at its next sync."""
    keys = {d["device_id"]: d["key"] for d in live.list_devices()}
    for name, rep in names.items():
        live.admin("rename-device", str(keys[rep.store.device_id]), name)
