"""Import of messy CSV and .xlsx files: what is created, updated, rejected, and that a
failed import leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import (
    ImportRefused,
    ImportService,
    RawTable,
    guess_mapping,
    parse_date,
    parse_grade,
    read_table,
)
from harmony_desktop.store import Store
from harmony_desktop.store.models import Contact, Student
from tests.factories import HubFixture

DATA = Path(__file__).parent / "data" / "import"
TODAY = dt.date(2026, 9, 1)


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.store, today=lambda: TODAY)


def students(store: Store, hub_id: str) -> dict[str, Student]:
    with store.read() as s:
        rows = s.exec(select(Student).where(Student.hub_id == hub_id)).all()
    return {f"{r.legal_first_name} {r.legal_last_name}": r for r in rows}


def count_students(store: Store, hub_id: str) -> int:
    with store.read() as s:
        return len(s.exec(select(Student.id).where(Student.hub_id == hub_id)).all())


def contacts_of(store: Store, student_id: str) -> list[Contact]:
    with store.read() as s:
        rows = s.exec(select(Contact).where(Contact.student_id == student_id)).all()
    return sorted(rows, key=lambda c: c.priority)


def snapshot(store: Store) -> str:
    """A digest of every row of every table (outbox and local meta included)."""
    digest = hashlib.sha256()
    with store.read() as s:
        tables = [
            r[0]
            for r in s.connection().execute(
                text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            )
        ]
        for table in tables:
            for row in s.connection().execute(text(f'SELECT * FROM "{table}" ORDER BY 1')):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_utf8_bom_crlf_quoted_commas_and_newlines(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    table = read_table(DATA / "utf8_bom_crlf.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Student ID"  # the BOM is not part of the first header
    report = importer.dry_run(hub.hub_id, table)
    assert (report.created, report.updated, len(report.rejected)) == (4, 0, 1)
    # Row 6 as a spreadsheet shows it: José's quoted allergies take two text lines.
    assert [(r.line, "not a date" in r.reason) for r in report.rejected] == [(6, True)]
    before = len(students(services.store, hub.hub_id))
    assert len(students(services.store, hub.hub_id)) == before  # a dry run writes nothing

    done = importer.apply(hub.hub_id, table)
    assert done.applied and done.created == 4
    found = students(services.store, hub.hub_id)
    assert len(found) == before + 4
    chidi = found["Chidi Okafor, Jr."]
    assert chidi.school == "Lincoln Elementary, Annex"  # quoted comma
    assert chidi.grade == "3" and chidi.date_of_birth == dt.date(2014, 3, 5)
    assert chidi.allergy_notes == "peanuts, tree nuts"
    assert chidi.photo_consent is True and chidi.may_walk_home is False
    assert chidi.district_student_id == "900101"
    chidi_contacts = contacts_of(services.store, chidi.id)
    assert [(c.name, c.is_guardian, c.is_emergency) for c in chidi_contacts] == [
        ("Ada Okafor", True, False),
        ("Ben Okafor", False, True),
    ]
    assert chidi_contacts[0].email == "ada@example.org"
    jose = found["José Álvarez"]
    assert jose.preferred_name == "Pepe"
    assert jose.date_of_birth == dt.date(2012, 7, 4)  # US month-first
    assert jose.allergy_notes == "bee stings:\nEpiPen in backpack"  # newline in a cell
    assert jose.may_walk_home is True
    assert found["Linh Nguyen"].date_of_birth == dt.date(2013, 3, 15)
    assert found["Ava Smith"].grade == "K"
    assert "Date Bad" not in found


def test_windows_1252_spanish_headers_semicolons(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    table = read_table(DATA / "cp1252_spanish.csv")
    assert table.encoding == "cp1252"
    mapping = guess_mapping(table.headers)
    assert set(mapping.values()) >= {
        "district_student_id", "legal_last_name", "legal_first_name", "date_of_birth",
        "grade", "guardian1_name", "guardian1_phone", "guardian1_relationship",
        "emergency_name", "allergy_notes", "photo_consent", "home_language",
    }  # fmt: skip
    report = importer.apply(hub.hub_id, table)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert [r.line for r in report.rejected] == [5]
    assert "last name" in report.rejected[0].reason
    found = students(services.store, hub.hub_id)
    sofia = found["Sofía Muñoz"]
    assert sofia.date_of_birth == dt.date(2014, 4, 23)  # day first (23 > 12)
    assert sofia.grade == "3" and sofia.instrument == "violín" and sofia.photo_consent
    assert sofia.home_language == "español"
    guardian, emergency = contacts_of(services.store, sofia.id)
    assert (guardian.name, guardian.relationship, guardian.is_guardian) == (
        "Inés Muñoz",
        "madre",
        True,
    )
    assert emergency.name == "Ramón Muñoz" and emergency.is_emergency
    assert found["Lucía Ibáñez"].date_of_birth == dt.date(2012, 3, 12)  # "12 de marzo de 2012"
    assert found["Martín Peña"].photo_consent is False


def test_xlsx_title_row_serial_dates_extra_and_missing_columns(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    table = read_table(DATA / "sis_export.xlsx")
    assert table.headers[0] == "Student Name"  # the title row was skipped
    report = importer.apply(hub.hub_id, table)
    assert (report.created, len(report.rejected)) == (3, 2)
    assert {r.line: r.reason for r in report.rejected}.keys() == {8, 9}
    found = students(services.store, hub.hub_id)
    assert found["Daniel Kim"].date_of_birth == dt.date(2013, 6, 1)  # a date cell
    assert found["Camila Reyes"].date_of_birth == dt.date(2014, 9, 1)  # serial 41883
    assert found["Camila Reyes"].grade == "3"  # "03"
    assert found["Camila Reyes"].medical_notes == "asthma (inhaler)"
    assert found["Eli Brown"].grade == "6" and found["Eli Brown"].district_student_id == "700303"
    assert contacts_of(services.store, found["Eli Brown"].id) == []  # no guardian given
    assert "Ha Lee" not in found and "Mia Garcia" not in found


def test_utf16_tab_separated(services: Services, hub: HubFixture, importer: ImportService) -> None:
    report = importer.apply(hub.hub_id, read_table(DATA / "utf16_tabs.csv"))
    assert report.created == 2
    found = students(services.store, hub.hub_id)
    assert found["Zoë Brontë"].date_of_birth == dt.date(2014, 2, 2)
    assert contacts_of(services.store, found["Ñandú O'Neil"].id)[0].phone == "(323) 555-0402"


def test_matching_by_district_id_then_name_and_birth_date(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    importer.apply(hub.hub_id, read_table(DATA / "utf8_bom_crlf.csv"))
    existing = students(services.store, hub.hub_id)
    count = count_students(services.store, hub.hub_id)
    ana = services.roster.student(hub.student_ids[0])  # Ana Garcia, no district id
    rows = [
        # district id of Chidi: update his grade and school; keeps his other fields
        (2, ["900101", "Okafor, Jr.", "Chidi", "2014-03-05", "4", ""]),
        # name + birth date of Ana (no district id in the database): gains one
        (
            3,
            [
                "123456",
                ana.legal_last_name,
                ana.legal_first_name,
                ana.date_of_birth.isoformat(),
                ana.grade,
                "",
            ],
        ),  # type: ignore[union-attr]
        # identical to Linh: unchanged
        (4, ["900102", "Nguyen", "Linh", "2013-03-15", "4", ""]),
        # same name as Linh, other birth date, no district id: a new child
        (5, ["", "Nguyen", "Linh", "2014-08-08", "3", ""]),
        # the same child twice in one file: rejected with the first row number
        (6, ["900102", "Nguyen", "Linh", "2013-03-15", "4", ""]),
    ]
    table = RawTable(
        ["District ID", "Last name", "First name", "Date of birth", "Grade", "School"],
        rows,  # type: ignore[arg-type]
    )
    report = importer.dry_run(hub.hub_id, table)
    assert (report.created, report.updated, report.unchanged) == (1, 2, 1)
    assert [(r.line, "row 4" in r.reason) for r in report.rejected] == [(6, True)]
    importer.apply(hub.hub_id, table)
    after = students(services.store, hub.hub_id)
    assert count_students(services.store, hub.hub_id) == count + 1
    chidi = after["Chidi Okafor, Jr."]
    assert chidi.grade == "4" and chidi.school == "Lincoln Elementary, Annex"  # empty cell kept
    assert chidi.id == existing["Chidi Okafor, Jr."].id
    assert services.roster.student(ana.id).district_student_id == "123456"


def test_reimport_updates_contacts_without_duplicating_them(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    importer.apply(hub.hub_id, read_table(DATA / "utf8_bom_crlf.csv"))
    chidi = students(services.store, hub.hub_id)["Chidi Okafor, Jr."]
    table = RawTable(
        ["Student ID", "Last Name", "First Name", "Parent/Guardian Name", "Parent Phone"],
        [(2, ["900101", "Okafor, Jr.", "Chidi", "Ada Okafor", "(323) 555-9999"])],
    )
    report = importer.apply(hub.hub_id, table)
    assert (report.updated, report.contacts_updated, report.contacts_created) == (1, 1, 0)
    contacts = contacts_of(services.store, chidi.id)
    assert len(contacts) == 2 and contacts[0].phone == "(323) 555-9999"


def test_a_failing_import_changes_nothing(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    importer.apply(hub.hub_id, read_table(DATA / "utf8_bom_crlf.csv"))
    before = snapshot(services.store)

    def crash() -> None:
        raise RuntimeError("disk full")

    # updates (Chidi) and creations (the Spanish file) in one import, then a crash
    table = read_table(DATA / "cp1252_spanish.csv")
    with pytest.raises(RuntimeError):
        importer.apply(hub.hub_id, table, before_commit=crash)
    assert snapshot(services.store) == before

    with pytest.raises(ImportRefused) as refused:
        importer.apply(hub.hub_id, table, strict=True)
    assert [r.line for r in refused.value.report.rejected] == [5]
    assert snapshot(services.store) == before

    importer.apply(hub.hub_id, table)  # the same import without the failure goes through
    assert snapshot(services.store) != before


def test_mapping_must_identify_students(hub: HubFixture, importer: ImportService) -> None:
    table = RawTable(["Colour", "Grade"], [(2, ["red", "3"])])
    with pytest.raises(ValidationError, match="First name"):
        importer.dry_run(hub.hub_id, table)
    # the user fixes the mapping: "Colour" really holds full names
    report = importer.dry_run(hub.hub_id, table, {0: "full_name", 1: "grade"})
    assert report.rejected and "last name" in report.rejected[0].reason


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2014-03-05", dt.date(2014, 3, 5)),
        ("3/5/2014", dt.date(2014, 3, 5)),
        ("25/12/2013", dt.date(2013, 12, 25)),
        ("3/5/14", dt.date(2014, 3, 5)),
        (41883, dt.date(2014, 9, 1)),  # a number cell; the text "41883" is no date
        (41883.0, dt.date(2014, 9, 1)),
        ("March 4, 2015", dt.date(2015, 3, 4)),
        ("4 mar 2015", dt.date(2015, 3, 4)),
        ("4 de marzo de 2015", dt.date(2015, 3, 4)),
        ("2014-03-05 00:00:00", dt.date(2014, 3, 5)),
        (dt.datetime(2014, 3, 5, 0, 0), dt.date(2014, 3, 5)),
    ],
)
def test_parse_date(cell: object, expected: dt.date) -> None:
    assert parse_date(cell, today=TODAY) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("3rd", "3"),
        ("Grade 03", "3"),
        ("K", "K"),
        ("Kínder", "K"),
        ("TK", "PK"),
        (5, "5"),
        ("12th", "12"),
        ("3º", "3"),
    ],
)
def test_parse_grade(cell: object, expected: str) -> None:
    assert parse_grade(cell) == expected  # type: ignore[arg-type]


def test_cli_import_dry_run_then_import(
    services: Services, hub: HubFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.store.close()

    def state() -> str:
        with Store(services.store.path) as store:
            return snapshot(store)

    before = state()
    args = ["--data-dir", data_dir, "import", str(DATA / "cp1252_spanish.csv")]
    assert main([*args, "--dry-run"]) == 1  # a rejected row, said by the exit status too
    out = capsys.readouterr().out
    assert "Dry run: 3 to create, 0 to update, 0 unchanged, 1 rejected." in out
    assert "row 5: The student's first and last name are required." in out
    assert "Apellido(s)" in out and "-> Last name" in out
    assert state() == before  # the dry run wrote nothing
    assert main([*args, "--strict"]) == 1  # a rejected row refuses a strict import
    assert state() == before
    assert main([*args, "--map", "Escuela=ignore"]) == 1  # row 5 is still rejected
    assert "Imported: 3 created" in capsys.readouterr().out
    with Store(services.store.path) as store:
        sofia = students(store, hub.hub_id)["Sofía Muñoz"]
        assert sofia.school == ""  # the School column was ignored


def test_cli_import_exit_status_says_whether_a_row_is_rejected(
    services: Services, hub: HubFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """0 for a file whose every row imports, 1 when any row is rejected: on a dry run as
    on a real one (the other rows are still imported), as ``setup import`` does."""
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.store.close()
    clean = ["--data-dir", data_dir, "import", str(DATA / "google_forms.csv")]
    rejecting = ["--data-dir", data_dir, "import", str(DATA / "cp1252_spanish.csv")]

    assert main([*clean, "--dry-run"]) == 0
    assert "Dry run: 2 to create, 0 to update, 0 unchanged, 0 rejected." in capsys.readouterr().out
    assert main([*rejecting, "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert "Dry run: 3 to create, 0 to update, 0 unchanged, 1 rejected." in captured.out
    assert captured.err == ""  # the dry run lists the line; nothing is refused yet
    assert main([*rejecting, "--dry-run", "--strict"]) == 1

    assert main(rejecting) == 1
    captured = capsys.readouterr()
    assert "Imported: 3 created, 0 updated, 0 unchanged, 1 rejected." in captured.out
    assert captured.err == "1 row was rejected and not imported (see above).\n"
    assert main(clean) == 0
    captured = capsys.readouterr()
    assert "Imported: 2 created, 0 updated, 0 unchanged, 0 rejected." in captured.out
    assert captured.err == ""
    with Store(services.store.path) as store:
        assert count_students(store, hub.hub_id) == 8 + 5  # the hub's 8, 3 and 2 imported
    assert main([*rejecting, "--dry-run"]) == 1  # again: the 3 unchanged, row 5 rejected
    assert "0 to create, 0 to update, 3 unchanged, 1 rejected." in capsys.readouterr().out


def test_cli_import_help_says_what_the_exit_status_means(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from harmony_desktop.__main__ import main

    with pytest.raises(SystemExit) as exited:
        main(["import", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "Exit status: 0 when every row is imported (on a dry run: would be), 1 when any row "
        "is rejected (on a dry run too; without --strict the other rows are still imported), "
        "2 when the file or the command is refused."
    ) in text


def test_a_refused_import_counts_its_rows_in_the_languages_plural() -> None:
    from harmony_desktop.domain import i18n
    from harmony_desktop.services.importing import ImportReport, Rejection

    def refused(count: int) -> str:
        rejected = [Rejection(line, "no last name") for line in range(2, 2 + count)]
        return str(ImportRefused(ImportReport(rejected=rejected)))

    assert refused(1) == "Nothing was imported: 1 row was rejected."
    assert refused(3) == "Nothing was imported: 3 rows were rejected."
    with i18n.using("es"):
        assert refused(1) == "No se importó nada: se rechazó 1 fila."
        assert refused(3) == "No se importó nada: se rechazaron 3 filas."
