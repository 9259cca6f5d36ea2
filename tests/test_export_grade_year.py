"""The roster export writes each grade's programme year in a column of its own, right
after the grade ("School year of grade", Spanish "Curso escolar del grado"), and the
student import reads it back: a file exported and imported again keeps last year's grade
as last year's, instead of making it this year's. Every name is generated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.exporting import ExportService
from harmony_desktop.services.importing import ImportService, RawTable, guess_mapping, read_table
from tests.factories import HubFixture, copy_hub
from tests.test_export import read_csv

#: In programme year 2026-27: an imported grade with no year is this year's.
TODAY = dt.date(2026, 9, 8)


def _grades(services: Services, hub: HubFixture) -> dict[str, tuple[str, str]]:
    """Each of the hub's first three students' grade set for a year of its own:
    grade 7 for 2025-26, grade 3 for 2026-27, no grade (no year)."""
    a, b, c = hub.student_ids[:3]
    services.roster.update_student(a, grade="7", grade_year="2025-26")
    services.roster.update_student(b, grade="3", grade_year="2026-27")
    services.roster.update_student(c, grade="", grade_year="")
    return {
        "a": ("7", "2025-26"),
        "b": ("3", "2026-27"),
        "c": ("", ""),
    }


def _name(services: Services, student_id: str) -> str:
    st = services.roster.student(student_id)
    return f"{st.legal_last_name}, {st.legal_first_name}"


def _by_name(services: Services, hub_id: str) -> dict[str, tuple[str, str]]:
    """Legal name -> (grade, the grade's year) of every student of ``hub_id``."""
    found = {}
    for entry in services.roster.entries(hub_id):
        st = services.roster.student(entry.student_id)
        found[f"{st.legal_last_name}, {st.legal_first_name}"] = (st.grade, st.grade_year)
    return found


def test_the_roster_csv_has_the_grades_year_after_the_grade(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    _grades(services, hub)
    ExportService(services.store).export("roster", hub.hub_id, tmp_path / "roster.csv")
    header, *body = read_csv(tmp_path / "roster.csv")
    grade = header.index("Grade")
    assert header[grade + 1] == "School year of grade"
    a, b, c = (_name(services, i) for i in hub.student_ids[:3])
    last, first = header.index("Last name"), header.index("First name")
    rows = {f"{r[last]}, {r[first]}": r for r in body}
    assert len(rows) == len(body) == 8
    assert rows[a][grade : grade + 2] == ["7", "2025-26"]
    assert rows[b][grade : grade + 2] == ["3", "2026-27"]
    assert rows[c][grade : grade + 2] == ["", ""]


def test_the_spanish_xlsx_names_the_column_in_spanish(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    _grades(services, hub)
    with i18n.using("es"):
        ExportService(services.store).export("roster", hub.hub_id, tmp_path / "lista.xlsx")
    sheet = load_workbook(tmp_path / "lista.xlsx").active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    grade = header.index("Grado")
    assert header[grade + 1] == "Curso escolar del grado"
    values = {row[grade + 1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "2025-26" in values


@pytest.mark.parametrize(("name", "language"), [("roster.csv", "en"), ("lista.xlsx", "es")])
def test_an_exported_roster_imported_again_keeps_each_grades_year(
    services: Services, hub: HubFixture, tmp_path: Path, name: str, language: str
) -> None:
    _grades(services, hub)
    before = _by_name(services, hub.hub_id)
    with i18n.using(language):
        ExportService(services.store).export("roster", hub.hub_id, tmp_path / name)
    table = read_table(tmp_path / name)
    mapping = guess_mapping(table.headers)
    assert sorted(t for t in mapping.values() if t in ("grade", "grade_year")) == [
        "grade", "grade_year"
    ]  # fmt: skip
    other = copy_hub(services, hub.hub_id, "Second Hub")
    report = ImportService(services.store, today=lambda: TODAY).apply(other, table, mapping)
    assert (report.created, report.rejected) == (8, [])
    after = _by_name(services, other)
    a, b, c = (_name(services, i) for i in hub.student_ids[:3])
    assert after[a] == ("7", "2025-26")  # last year's grade stays last year's
    assert after[b] == ("3", "2026-27")
    assert after[c] == ("", "")
    assert after == before


def test_a_grade_with_no_year_is_this_years_and_a_year_is_read_as_a_year(
    services: Services, hub: HubFixture
) -> None:
    headers = ["First name", "Last name", "Date of birth", "Grade", "Grade year"]
    table = RawTable(
        headers,
        [
            (2, ["Ysolde", "Brannock", "2015-03-02", "5", "2024-25"]),
            (3, ["Corwen", "Brannock", "2016-04-03", "4", ""]),  # no year: this year's
            (4, ["Elowen", "Brannock", "2017-05-04", "", "2024-25"]),  # no grade: no year
            (5, ["Tamsin", "Brannock", "2014-06-05", "6", "2024/25"]),  # not a year
        ],
    )
    mapping = guess_mapping(headers)
    assert mapping[4] == "grade_year"
    report = ImportService(services.store, today=lambda: TODAY).apply(hub.hub_id, table, mapping)
    assert report.created == 3
    assert [(r.line, r.reason) for r in report.rejected] == [
        (5, "A school year is written like \"2025-26\", not '2024/25'.")
    ]
    found = {
        st.legal_first_name: (st.grade, st.grade_year)
        for st in (
            services.roster.student(e.student_id) for e in services.roster.entries(hub.hub_id)
        )
        if st.legal_last_name == "Brannock"
    }
    assert found == {
        "Ysolde": ("5", "2024-25"),
        "Corwen": ("4", "2026-27"),
        "Elowen": ("", ""),
    }
