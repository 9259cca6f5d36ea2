"""Shared fixtures. Qt runs offscreen; no test may leave a QThread running."""

from __future__ import annotations

import os
import weakref

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.store import Store
from tests.factories import HubFixture, make_hub
from tests.support.store_template import new_store_file


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test runs may touch the real user data folder."""
    monkeypatch.setenv("HARMONY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HARMONY_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated local store in a temporary folder (a copy of a migrated template;
    like a brand-new file, opening it takes no backup)."""
    with Store(new_store_file(tmp_path / "store" / "harmony.sqlite3")) as s:
        s.backup_dir = tmp_path / "backups"
        yield s


@pytest.fixture
def services(store: Store) -> Services:
    """The services over :func:`store`, with the default attendance codes."""
    from harmony_desktop.store.seed import ensure_attendance_codes

    ensure_attendance_codes(store)
    return Services.open(store)


@pytest.fixture
def hub(services: Services) -> HubFixture:
    """A small hub: one teacher, two ensembles meeting every weekday, eight students."""
    return make_hub(services)


#: Every QThread made in this test session (weakly: a deleted thread drops out).
_QTHREADS: weakref.WeakSet[Any] = weakref.WeakSet()


@pytest.fixture(scope="session", autouse=True)
def _track_qthreads() -> None:
    """Record every QThread as it is made, so the check after each test looks at those
    alone instead of scanning the whole heap (which took most of a test's teardown)."""
    try:
        from PySide6.QtCore import QThread
    except ImportError:  # pragma: no cover - Qt always installed in dev
        return
    made = QThread.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        _QTHREADS.add(self)

    QThread.__init__ = init  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _no_dangling_qthreads() -> Iterator[None]:
    """Fail a test that leaves a QThread running (napari's guard, simplified)."""
    yield
    running = [thread for thread in list(_QTHREADS) if _is_running(thread)]
    if running:
        for thread in running:
            thread.quit()
            thread.wait(2000)
        pytest.fail(f"{len(running)} QThread(s) still running after the test")


def _is_running(thread: object) -> bool:
    try:
        return bool(thread.isRunning())  # type: ignore[attr-defined]
    except RuntimeError:  # C++ object already deleted
        return False
