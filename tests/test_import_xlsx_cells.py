"""An .xlsx workbook's cells read by the type Excel stores them with: only a number cell
(or a date cell) is a date; a TEXT cell that holds five digits is what someone typed, never
an Excel serial number (on main a text "45123" in a date column became 16 July 2023), and a
text id keeps its leading zeros. Every name is generated; the workbooks are built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import select

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import ImportService, read_table
from harmony_desktop.services.setup_import import SetupImportService, read_setup
from harmony_desktop.services.sheets import NotADate, parse_date
from harmony_desktop.store import Store
from harmony_desktop.store.models import Student, Volunteer, VolunteerClearance
from tests.factories import HubFixture

TODAY = dt.date(2026, 9, 1)


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.store, today=lambda: TODAY)


def workbook(path: Path, *rows: list[object], title: str = "Sheet") -> Path:
    """A one-sheet workbook of ``rows`` (a str is stored as a text cell, an int as a
    number cell, a datetime as a date cell: as openpyxl writes them)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def students(store: Store, hub_id: str) -> dict[str, Student]:
    with store.read() as s:
        rows = s.exec(select(Student).where(Student.hub_id == hub_id)).all()
    return {r.legal_first_name: r for r in rows}


def test_the_cells_type_decides_not_its_digits() -> None:
    # a number cell of a workbook: Excel's serial number of 16 July 2023
    assert parse_date(45123) == dt.date(2023, 7, 16)
    assert parse_date(45123.0) == dt.date(2023, 7, 16)
    # the same digits as text: no date, in a workbook (serials=True) as in a CSV file
    for serials in (True, False):
        with pytest.raises(NotADate):
            parse_date("45123", serials=serials)
        with pytest.raises(NotADate):
            parse_date("41883.0", serials=serials)


def test_a_text_cell_of_five_digits_in_a_date_column_is_refused_not_a_serial(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    path = workbook(
        tmp_path / "roster.xlsx",
        ["First name", "Last name", "Date of birth", "District ID"],
        ["Tadeo", "Ulloa Bravo", "45123", "01234"],  # text cells
        ["Vera", "Wong Soto", 41883, 1234],  # number cells
        ["Ximena", "Yanez Cid", dt.datetime(2015, 3, 25), "007"],  # a date cell
    )
    table = read_table(path)
    report = importer.dry_run(hub.hub_id, table)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "45123 is not a date: write the whole birth date, e.g. 2015-03-25.")
    ]
    with i18n.using("es"):
        assert [r.reason for r in importer.dry_run(hub.hub_id, table).rejected] == [
            "45123 no es una fecha: escriba la fecha de nacimiento completa, por ejemplo, "
            "2015-03-25."
        ]
    report = importer.apply(hub.hub_id, table)
    assert report.created == 2
    found = students(services.store, hub.hub_id)
    assert "Tadeo" not in found  # never stored as born on 16 July 2023
    assert found["Vera"].date_of_birth == dt.date(2014, 9, 1)  # a number cell: a serial
    assert found["Ximena"].date_of_birth == dt.date(2015, 3, 25)
    # ids: a text id keeps its leading zeros; a number cell has none left to keep
    assert found["Ximena"].district_student_id == "007"
    assert found["Vera"].district_student_id == "1234"


def test_a_number_padded_with_zeros_by_its_format_keeps_them(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """Excel keeps a ZIP code or id typed as 01234 as the number 1234 formatted "00000"
    (its "Zip Code" format): read as the sheet shows it, "01234" (on main: "1234", and
    the next import from the district's CSV file, "01234", made a second child)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["First name", "Last name", "Date of birth", "District ID", "Grade"])
    sheet.append(["Bea", "Cano Diaz", "2015-03-02", 1234, 3])
    sheet.append(["Ciro", "Duran Paz", "2014-05-06", 98765, 4])
    sheet["D2"].number_format = "00000"  # shown as 01234
    sheet["D3"].number_format = "00000"  # shown as 98765
    sheet["E2"].number_format = "00"  # shown as 03
    book.save(tmp_path / "sis.xlsx")
    report = importer.apply(hub.hub_id, read_table(tmp_path / "sis.xlsx"))
    assert report.created == 2 and not report.rejected
    found = students(services.store, hub.hub_id)
    assert found["Bea"].district_student_id == "01234"
    assert found["Ciro"].district_student_id == "98765"
    assert found["Bea"].grade == "3"
    # the district's CSV file later: the same child, not a second one
    csv = tmp_path / "sis.csv"
    csv.write_text("First name,Last name,Date of birth,District ID\nBea,Cano Diaz,,01234\n")
    again = importer.apply(hub.hub_id, read_table(csv))
    assert (again.created, again.unchanged) == (0, 1)


def test_a_volunteers_text_date_cell_is_refused_with_its_column(
    tmp_path: Path, services: Services, hub: HubFixture
) -> None:
    path = workbook(
        tmp_path / "volunteers.xlsx",
        ["First name", "Last name", "TB clearance"],
        ["Zoe", "Abad Luna", "45123"],
        ["Alba", "Bernal Gil", 45658],  # a number cell: 1 January 2025
    )
    report = services.volunteer_import.apply(hub.hub_id, read_table(path))
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "45123 is not a date (TB clearance): write the whole date, e.g. 2015-03-25.")
    ]
    with services.store.read() as s:
        people = {v.id: v.first_name for v in s.exec(select(Volunteer)).all()}
        done = {
            people[c.volunteer_id]: c.done_on
            for c in s.exec(select(VolunteerClearance)).all()
            if c.volunteer_id in people
        }
    assert done.get("Alba") == dt.date(2025, 1, 1)
    assert "Zoe" not in done


def test_a_set_up_workbooks_text_date_cell_is_refused_with_its_row_and_column(
    tmp_path: Path, services: Services
) -> None:
    path = workbook(
        tmp_path / "calendar.xlsx",
        ["Date", "Until", "Hub", "Reason"],
        ["45123", None, None, "Summer"],
        title="Calendar",
    )
    importer = SetupImportService(services.store, today=lambda: TODAY)
    report = importer.dry_run(read_setup([path]))
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "45123 is not a date (date): write the whole date, e.g. 2015-03-25.")
    ]
