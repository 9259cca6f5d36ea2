"""Shared fixtures. Qt runs offscreen; no test may leave a QThread running."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from harmony_desktop.domain import i18n
from harmony_desktop.paths import resource
from harmony_desktop.services.context import Services
from harmony_desktop.store import Store
from tests.factories import HubFixture, make_hub
from tests.support.store_template import new_store_file

# No time limit on one Hypothesis example anywhere (each test's @settings may still set
# one): the default 200 ms fails an example that a loaded machine or a parallel worker
# slowed, as "DeadlineExceeded" or "Unreliable test timings" when its rerun is quick.
settings.register_profile("harmony", deadline=None)
settings.load_profile("harmony")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test runs may touch the real user data folder."""
    monkeypatch.setenv("HARMONY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HARMONY_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture(autouse=True)
def _english_unless_chosen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Text is English unless a test chooses a language: the machine's locale (an es_MX
    laptop) must not decide what tests read, nor a Spanish test leak into the next."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_COLLATE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.install(resource("translations"))
    yield
    i18n.set_language(None)


@pytest.fixture(autouse=True)
def _english_window(_english_unless_chosen: None) -> None:
    """A test with a Qt application reads the window's English as the app shows it, with
    English's catalogue of plural forms ("1 change waiting", "2 changes waiting"), and
    dates in US English; a test may install another language after this."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    from harmony_desktop.ui.app import install_translator

    install_translator(app, QLocale("en_US"))


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


@pytest.fixture(autouse=True)
def _dangling_qthreads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QThread running, naming where it was started (napari)."""
    from tests.support.qt_threads import QThreadWatch

    watch = QThreadWatch()
    watch.install(monkeypatch)
    yield
    left = watch.running()
    if left:
        watch.stop(left)
        pytest.fail(watch.describe(left))
