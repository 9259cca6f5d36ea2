"""The services object: one of each service, built on first use, shared by every thread."""

from __future__ import annotations

import threading
from pathlib import Path

from harmony_desktop.paths import resolve_paths
from harmony_desktop.services.context import Services, provides
from harmony_desktop.services.roll import RollService
from harmony_desktop.store import Store


def test_each_service_is_built_once_on_first_use(store: Store) -> None:
    services = Services(store)
    assert "sync" not in vars(services)  # nothing probes the keyring until sync is used
    assert services.roll is services.roll
    assert isinstance(services.roll, RollService) and services.roll.store is store
    assert services.sync.data_dir == store.path.parent  # the token file's folder
    assert set(services.declared()) >= {
        "roll", "sessions", "roster", "enrollment", "stats", "hubs",
        "importing", "exporting", "duplicates", "sync",
    }  # fmt: skip


def test_every_service_builds_from_its_module(store: Store) -> None:
    # Each is named by module and class and imported on first use: a wrong name must
    # fail here, not in the window the first time someone opens that tab.
    services = Services(store)
    annotated = {name: str(hint) for name, hint in vars(Services)["__annotations__"].items()}
    for name in Services.declared():
        service = getattr(services, name)
        if name in annotated:  # "provides[RollService]"
            assert annotated[name] == f"provides[{type(service).__name__}]", name
    assert {"importing", "exporting", "reports", "calendar"} <= set(vars(services))


def test_threads_asking_at_once_share_one_instance(store: Store) -> None:
    built: list[int] = []
    gate = threading.Barrier(8)

    class Slow(Services):
        counted = provides(lambda s: built.append(1) or len(built))

    services = Slow(store)
    seen: list[int] = []

    def ask() -> None:
        gate.wait()
        seen.append(services.counted)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == [1] and seen == [1] * 8


def test_open_folder_owns_its_store(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "data").ensure()
    with Services.open_folder(paths) as services:
        assert services.paths == paths and services.data_dir == paths.data_dir
        assert [c.code for c in services.roll.codes()][:1] == ["P"]  # default codes seeded
        store = services.store
    assert store.path == paths.database
    borrowed = Store(paths.database)
    Services.open(borrowed).close()  # a borrowed store stays open
    assert borrowed.get_meta("nothing") is None
    borrowed.close()
