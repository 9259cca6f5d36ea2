"""An ensemble name several hubs share ("Youth Choir" at every hub) is refused naming
the hubs that have it and how to choose one (it said "'Youth Choir' matches several
ensembles; give --hub or the ensemble id: Youth Choir")."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmony_desktop.cli import main
from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.store.models import Ensemble, Hub
from tests.reports.register import Register


@pytest.fixture
def youth_choirs(services: Services, register: Register) -> dict[str, str]:
    """A "Youth Choir" at North Hub, South Hub and East Hub (besides South's "Choir")."""
    ids = {}
    with services.store.write() as w:
        east = w.insert(Hub(name="East Hub"))
        for name, hub_id in (("North", register.north), ("South", register.south),
                             ("East", east.id)):  # fmt: skip
            ids[name] = w.insert(Ensemble(hub_id=hub_id, name="Youth Choir")).id
    return ids


def test_the_report_command_names_the_hubs(
    services: Services, youth_choirs: dict[str, str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    data_dir = services.store.path.parent
    out = tmp_path / "choir.csv"
    base = ["--data-dir", str(data_dir), "report", "attendance", "--year", "2025-26"]
    assert main([*base, "--ensemble", "youth choir", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert (
        "Several hubs have an ensemble called 'Youth Choir': East Hub, North Hub, and South"
        ' Hub. Choose the hub with --hub, e.g. --hub "East Hub" --ensemble "Youth Choir".'
    ) in " ".join(err.split())
    assert not out.exists()
    # The hub named, the one ensemble.
    assert main([*base, "--hub", "South Hub", "--ensemble", "Youth Choir", "--out", str(out)]) == 0
    assert out.exists()


def test_in_spanish(services: Services, youth_choirs: dict[str, str]) -> None:
    with i18n.using("es"), pytest.raises(ValidationError) as refused:
        services.hubs.find_ensemble(None, "Youth Choir")
    assert str(refused.value) == (
        "Varias sedes tienen un conjunto llamado 'Youth Choir': East Hub, North Hub y South"
        ' Hub. Elija la sede con --hub, por ejemplo --hub "East Hub" --ensemble "Youth Choir".'
    )


def test_part_of_a_name_lists_each_ensemble_with_its_hub(
    services: Services, register: Register, youth_choirs: dict[str, str]
) -> None:
    """ "youth" is North's "Youth Strings" and three "Youth Choir"s; two "Youth Choir"s
    at one hub are told apart by their ids."""
    with services.store.write() as w:
        w.insert(Ensemble(hub_id=register.north, name="Youth Strings"))
    with pytest.raises(ValidationError) as refused:
        services.hubs.find_ensemble(None, "youth")
    assert str(refused.value) == (
        "'youth' matches several ensembles: Youth Choir (at East Hub); Youth Choir (at North"
        " Hub); Youth Choir (at South Hub); Youth Strings (at North Hub). Give the whole name,"
        ' with --hub where several hubs have it (e.g. --hub "East Hub" --ensemble "Youth'
        " Choir\"), or the ensemble's id."
    )
    with i18n.using("es"), pytest.raises(ValidationError) as refused:
        services.hubs.find_ensemble(None, "youth")
    assert str(refused.value).startswith(
        "'youth' coincide con varios conjuntos: Youth Choir (en East Hub); Youth Choir (en"
        " North Hub);"
    )
    with services.store.write() as w:
        second = w.insert(Ensemble(hub_id=register.north, name="Youth Choir")).id
    with pytest.raises(ValidationError) as refused:
        services.hubs.find_ensemble(register.north, "Youth Choir")
    first, second = sorted([youth_choirs["North"], second])
    assert str(refused.value).startswith(
        f"'Youth Choir' matches several ensembles: Youth Choir (at North Hub, id {first});"
        f" Youth Choir (at North Hub, id {second}). "
    )
