"""A report's file name says its kind, its scope and its period (the Reports tab named
every file "attendance-2026-11-18.xlsx": six reports for three hubs differed only by
the day they were saved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.reports.filename import slug
from harmony_desktop.services.reports.model import ReportParams
from harmony_desktop.store.models import Hub
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.reports import ReportsPage
from harmony_desktop.ui.tasks import TaskManager
from tests.reports.register import Register

TODAY = dt.date(2026, 7, 15)
D = dt.date


def stem(services: Services, kind: str, **params: object) -> str:
    return services.reports.run(kind, ReportParams(today=TODAY, **params)).file_stem  # type: ignore[arg-type]


def test_kind_scope_and_period(services: Services, register: Register) -> None:
    """The whole programme year by its label, other periods by their first and last
    days; every hub "all hubs", an ensemble with its hub."""
    assert stem(services, "attendance", year="2025-26") == "attendance-all-hubs-2025-26"
    assert stem(services, "attendance", hub_id=register.north, year="2025-26") == (
        "attendance-north-hub-2025-26"
    )
    assert (
        stem(services, "hours", hub_id=register.south, first=D(2025, 9, 1), last=D(2025, 12, 19))
        == "hours-south-hub-2025-09-01-to-2025-12-19"
    )
    # The year to date is not the whole year: its days.
    assert stem(services, "attendance", first=D(2025, 7, 1), last=D(2026, 2, 28)) == (
        "attendance-all-hubs-2025-07-01-to-2026-02-28"
    )
    assert stem(services, "attendance", ensemble_id=register.choir, year="2025-26") == (
        "attendance-choir-south-hub-2025-26"
    )
    # The funders' own programmes keep their names; retention asked for a term measures
    # (and so names) its whole year.
    assert stem(services, "ases", year="2025-26") == "ases-all-hubs-2025-26"
    assert stem(services, "retention", first=D(2025, 9, 1), last=D(2025, 12, 19)) == (
        "retention-all-hubs-2025-26"
    )
    assert stem(services, "completion", year="2025-26") == "roll-completion-all-hubs-2025-26"


def test_spanish_words(services: Services, register: Register) -> None:
    with i18n.using("es"):
        assert stem(services, "attendance", year="2025-26") == (
            "asistencia-todas-las-sedes-2025-26"
        )
        assert (
            stem(
                services, "hours", hub_id=register.north, first=D(2025, 9, 1), last=D(2025, 12, 19)
            )
            == "horas-north-hub-2025-09-01-al-2025-12-19"
        )
        assert stem(services, "grid", year="2025-26") == (
            "cuadricula-de-asistencia-todas-las-sedes-2025-26"
        )


def test_names_safe_in_a_file_name(services: Services, register: Register) -> None:
    """Accents, slashes, colons and spaces of a hub's name become plain letters and
    hyphens; a place whose words the ensemble's name holds is not written twice."""
    with services.store.write() as w:
        hub = w.insert(Hub(name="  Peñasco / Río Grande: Año Ñandú  "))
    assert stem(services, "attendance", hub_id=hub.id, year="2025-26") == (
        "attendance-penasco-rio-grande-ano-nandu-2025-26"
    )
    assert slug("Echo Park Lake") == "echo-park-lake"
    assert slug('a\\b/c:d*e?f"g<h>i|j') == "a-b-c-d-e-f-g-h-i-j"
    assert slug("Escuela Primaria Benito Juárez de la Ciudad de México", 30) == (
        "escuela-primaria-benito-juarez"
    )


@pytest.fixture
def tasks(qapp: QApplication, services: Services) -> Iterator[TaskManager]:
    manager = TaskManager(services)
    yield manager
    manager.shutdown()


@pytest.mark.parametrize(
    ("locale", "offered"),
    [
        ("en_US", "attendance-north-hub-2025-26.xlsx"),
        ("es_MX", "asistencia-north-hub-2025-26.xlsx"),
    ],
)
def test_the_tab_offers_the_name(
    qtbot: QtBot, qapp: QApplication, services: Services, register: Register,
    tasks: TaskManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    locale: str, offered: str,
) -> None:  # fmt: skip
    """The Reports tab's save box starts on the name (it offered
    "attendance-2026-07-15.xlsx")."""
    asked: list[str] = []

    def save_as(*args: object) -> tuple[str, str]:
        asked.append(Path(str(args[2])).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    language = locale[:2]
    install_translator(qapp, QLocale(locale))
    try:
        with i18n.using(language):
            page = ReportsPage(services, register.north, tasks, today=TODAY)
            qtbot.addWidget(page)
            page.kind_box.setCurrentIndex(page.kind_box.findData("attendance"))
            page.hub_box.setCurrentIndex(page.hub_box.findData(register.north))
            page.year_box.setCurrentIndex(page.year_box.findData("2025-26"))
            with qtbot.waitSignal(page.reportShown, timeout=10_000):
                qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    finally:
        install_translator(qapp, QLocale("en_US"))
    assert asked == [offered]
