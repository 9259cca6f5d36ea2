"""A grade far from the child's age in an imported roster: the dry run names the row and
the import goes on (a note, never a refusal). Every name is generated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import ImportService, Rejection, read_table
from harmony_desktop.store.models import Student
from tests.factories import HubFixture

#: Programme year 2026-27: ages on 1 September 2026.
TODAY = dt.date(2026, 9, 8)


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.store, today=lambda: TODAY)


def roster(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(["First name,Last name,Date of birth,Grade", *rows]) + "\n")
    return path


def test_the_dry_run_names_each_row_whose_grade_is_far_from_the_age(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    table = read_table(
        roster(
            tmp_path,
            "Ixora,Vantablack,2013-05-10,PK",  # row 2: 13, usually grade 8
            "Jaxon,Quillfeather,2013-05-10,6",  # row 3: 13 in grade 6, 2 apart: fine
            "Kestrel,Umberwood,2021-09-01,K",  # row 4: 5 that very day: K
            "Lumen,Ashgrove,2021-09-02,3",  # row 5: 4 (PK), in grade 3: 4 apart
            "Mirela,Ostrovan,,PK",  # row 6: no birth date, nothing to compare
        )
    )
    report = importer.dry_run(hub.hub_id, table)
    assert report.warnings == [
        Rejection(
            2,
            "Grade PK for a child of 13 on 1 September 2026 (usually grade 8): check the "
            "grade or the date of birth.",
        ),
        Rejection(
            5,
            "Grade 3 for a child of 4 on 1 September 2026 (usually grade PK): check the "
            "grade or the date of birth.",
        ),
    ]
    assert (report.created, report.rejected) == (5, [])  # noted, not refused
    importer.apply(hub.hub_id, table)
    with services.store.read() as s:
        grades = {
            st.legal_first_name: st.grade
            for st in s.exec(select(Student).where(Student.hub_id == hub.hub_id))
        }
    assert (grades["Ixora"], grades["Lumen"]) == ("PK", "3")
    with i18n.using("es"):
        [first, _second] = importer.dry_run(hub.hub_id, table).warnings
    assert first.reason == (
        "Grado PK para una edad de 13 años al 1 de septiembre de 2026 (lo habitual: grado 8): "
        "revise el grado o la fecha de nacimiento."
    )


def test_a_row_without_the_birth_date_is_compared_with_the_one_on_the_roster(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    first = tmp_path / "first.csv"
    first.write_text(
        "First name,Last name,District id,Date of birth,Grade\nNerys,Calloway,9001,2013-05-10,8\n"
    )
    importer.apply(hub.hub_id, read_table(first))
    grade_only = tmp_path / "grades.csv"
    grade_only.write_text("First name,Last name,District id,Grade\nNerys,Calloway,9001,K\n")
    report = importer.dry_run(hub.hub_id, read_table(grade_only))
    assert (report.updated, [w.line for w in report.warnings]) == (1, [2])  # 13 on the roster
    birth_only = tmp_path / "births.csv"
    birth_only.write_text(
        "First name,Last name,District id,Date of birth\nNerys,Calloway,9001,2014-05-10\n"
    )
    assert importer.dry_run(hub.hub_id, read_table(birth_only)).warnings == []  # 12, grade 8


def test_the_command_line_dry_run_prints_the_row_to_check(
    tmp_path: Path, services: Services, hub: HubFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.store.close()
    # Born in 2012: 13 or more on any 1 September from 2025 on, so PK is always far.
    path = roster(tmp_path, "Orrin,Faulkbridge,2012-05-10,PK")
    assert main(["--data-dir", data_dir, "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "To check (imported all the same):\n  row 2: Grade PK for a child of " in out
