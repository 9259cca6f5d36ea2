"""``harmony-sync admin health`` in words: each count in the form it takes ("1 conflict",
"2 conflicts"; Spanish's three forms), in English or Spanish (``--lang``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from harmony_sync.server.admin.cli import _text_report
from harmony_sync.server.admin.health import HealthReport, HubHealth
from harmony_sync.server.admin.settings import ConsoleSettings
from harmony_sync.server.cli import main

AS_OF = datetime(2026, 11, 18, 21, 5, tzinfo=UTC)  # a Wednesday


def report_with(*conflicts: int) -> HealthReport:
    """Hubs without laptops, each with its count of conflicts waiting."""
    hubs = [
        HubHealth(id=f"hub-{n}", name=f"Hub {n}", archived=False, conflicts_waiting=count)
        for n, count in enumerate(conflicts, start=1)
    ]
    return HealthReport(as_of=AS_OF, settings=ConsoleSettings(), hubs=hubs, devices=[])


def test_one_conflict_is_one_conflict() -> None:
    lines = _text_report(report_with(0, 1, 2)).splitlines()
    assert lines[1:4] == [
        "Hub 1: no devices enrolled; 0 conflicts waiting for review",
        "Hub 2: no devices enrolled; 1 conflict waiting for review",
        "Hub 3: no devices enrolled; 2 conflicts waiting for review",
    ]
    assert lines[0].startswith("Sync health as of Wed 18 Nov 2026 21:05 UTC (overdue when 2 ")
    assert lines[-1] == "Every enrolled device is current."


def test_in_spanish_each_count_takes_its_form() -> None:
    lines = _text_report(report_with(1, 2, 1_000_000), "es").splitlines()
    assert lines[1:4] == [
        "Hub 1: ningún dispositivo registrado; 1 conflicto en espera de revisión",
        "Hub 2: ningún dispositivo registrado; 2 conflictos en espera de revisión",
        "Hub 3: ningún dispositivo registrado; 1000000 de conflictos en espera de revisión",
    ]
    assert lines[0].startswith("Estado de la sincronización al mié 18 nov 2026 21:05 UTC ")
    assert lines[-1] == "Todos los dispositivos registrados están al día."


def test_the_command_takes_the_language(
    engine: Engine, hubs: tuple[str, str], database_url: str, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("HARMONY_SYNC_NOW", AS_OF.isoformat())
    url = ["--database-url", database_url]
    assert main(["admin", "health", "--lang", "es", *url]) == 0
    out = capsys.readouterr().out
    assert "ningún dispositivo registrado; 0 conflictos en espera de revisión" in out
    assert main(["admin", "health", *url]) == 0  # English unless asked
    assert "no devices enrolled; 0 conflicts waiting for review" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["admin", "health", "--lang", "fr", *url])
