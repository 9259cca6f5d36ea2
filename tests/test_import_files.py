"""Import as people's files really are: headers from form tools and Spanish sheets,
encodings that are not UTF-8, a ';' file with a title line, a brand-new data folder, and
the "Ensembles" column that enrolls students (or waitlists them beyond the capacity)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import (
    ImportService,
    guess_mapping,
    read_table,
)
from harmony_desktop.services.sheets import decode_bytes, sniff_delimiter
from harmony_desktop.store import Store
from harmony_desktop.store.models import Contact, Enrollment, Student
from tests.factories import HubFixture

DATA = Path(__file__).parent / "data" / "import"
TODAY = dt.date(2026, 9, 1)


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.store, today=lambda: TODAY)


def _student(store: Store, hub_id: str, first: str) -> Student:
    with store.read() as s:
        return s.exec(
            select(Student).where(Student.hub_id == hub_id, Student.legal_first_name == first)
        ).one()


def test_google_forms_headers_are_recognised_and_the_rest_listed(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    table = read_table(DATA / "google_forms.csv")
    mapping = guess_mapping(table.headers)
    assert dict(zip(table.headers, mapping.values(), strict=True)) == {
        "Timestamp": None,
        "Email Address": "guardian1_email",
        "Student's full name": "full_name",
        "Date of birth": "date_of_birth",
        "Grade (2025-26)": "grade",
        "Instrument you want to play": "instrument",
        "Can your child walk home alone?": "may_walk_home",
        "Parent/Guardian name": "guardian1_name",
        "Parent's cell phone": "guardian1_phone",
        "How did you hear about us?": None,
    }
    report = importer.apply(hub.hub_id, table)  # no --map needed
    assert (report.created, report.rejected) == (2, [])
    assert report.unmapped == ["Timestamp", "How did you hear about us?"]
    ilse = _student(services.store, hub.hub_id, "Ilse")
    assert (ilse.legal_last_name, ilse.grade, ilse.instrument, ilse.may_walk_home) == (
        "Varga", "5", "Cello", True
    )  # fmt: skip
    assert services.roster.contacts(ilse.id)[0].email == "ole.varga@example.org"


def test_a_spanish_email_column_is_kept(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    _rename_choir(services, hub)
    table = read_table(DATA / "spanish_email.csv")
    assert guess_mapping(table.headers)[5] == "guardian1_email"  # "Correo electrónico"
    report = importer.apply(hub.hub_id, table)
    assert report.created == 2 and report.unmapped == []
    iker = _student(services.store, hub.hub_id, "Iker")
    with services.store.read() as s:
        emails = s.exec(select(Contact.email).where(Contact.student_id == iker.id)).all()
    assert emails == ["amaia.z@example.org"]


def _rename_choir(services: Services, hub: HubFixture, capacity: int = 30) -> None:
    from harmony_desktop.store.models import Ensemble

    with services.store.write() as w:
        w.update(w.get(Ensemble, hub.second_ensemble_id), name="Coro", capacity=capacity)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Student's full name", "full_name"),
        ("Nombre completo del estudiante", "full_name"),
        ("Grade (2025-26)", "grade"),
        ("Grado (2025-26)", "grade"),
        ("Instrument you want to play", "instrument"),
        ("¿Qué instrumento quiere tocar?", "instrument"),
        ("Can your child walk home alone?", "may_walk_home"),
        ("¿Puede su hijo caminar a casa solo?", "may_walk_home"),
        ("Correo electrónico", "guardian1_email"),
        ("Any medical conditions we should know about?", "medical_notes"),
        ("Preferred language for communication", "guardian_language"),
        ("Emergency contact's phone number", "emergency_phone"),
        ("First day of class", None),  # "first" alone is not a first name
        ("Name of school", "school"),
        ("Student or parent name", None),  # two fields equally: left for the person to map
        ("Home address", None),
    ],
)
def test_headers_match_by_their_words(header: str, field: str | None) -> None:
    assert guess_mapping([header])[0] == field


def test_a_semicolon_file_with_a_title_line_in_windows_1252(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """The title line holds a comma; the delimiter is chosen from the lines together."""
    table = read_table(DATA / "semicolon_title_cp1252.csv")
    assert table.encoding == "cp1252"
    assert table.headers == ["Apellido(s)", "Nombre", "Fecha de nacimiento", "Grado", "Instrumento"]
    report = importer.apply(hub.hub_id, table)
    assert (report.created, report.rejected) == (2, [])
    begona = _student(services.store, hub.hub_id, "Begoña")
    assert (begona.legal_last_name, begona.date_of_birth, begona.instrument) == (
        "Ibarra Peña", dt.date(2015, 3, 14), "violín"
    )  # fmt: skip
    assert _student(services.store, hub.hub_id, "Ángel").legal_last_name == "Núñez"


def test_encodings_are_identified_not_guessed_blindly() -> None:
    spanish = "Nombre;Apellido\r\nJosé;Núñez\r\nBegoña;Peña – “Beño”\r\n"
    assert decode_bytes(spanish.encode("cp1252")) == (spanish, "cp1252")
    assert decode_bytes(spanish.encode("utf-8")) == (spanish, "utf-8")
    # a workbook renamed .csv, or any file that is not text, is refused with what to do
    with pytest.raises(ValidationError, match="CSV UTF-8"):
        decode_bytes(bytes(range(256)) * 8)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Roster, spring\nLast;First;Grade\nA;B;3\nC;D;4\n", ";"),
        ("Roster; spring; 2026\nLast,First,Grade\nA,B,3\nC,D,4\n", ","),
        ("Last\tFirst\tGrade\nA\tB\t3\n", "\t"),
        ('"Ruiz, Ana";3\n"Lee, Bo";4\n', ";"),
    ],
)
def test_the_delimiter_is_chosen_from_the_first_lines_together(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_a_brand_new_data_folder_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from harmony_desktop.__main__ import main

    new = tmp_path / "new"
    new.mkdir()  # a new, empty data folder (one that does not exist at all is refused)
    status = main(["--data-dir", str(new), "import", str(DATA / "google_forms.csv")])
    err = capsys.readouterr().err
    assert status == 2
    assert "There is no hub in this database yet" in err
    assert "setup import" in err and "enroll --server URL --code CODE" in err


def test_cli_dry_run_shows_the_mapping_and_the_columns_left_out(
    services: Services, hub: HubFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.store.close()
    args = ["--data-dir", data_dir, "import", str(DATA / "google_forms.csv"), "--dry-run"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Student's full name" in out and '-> Full name ("Last, First")' in out
    assert "Not imported (no field matches): Timestamp, How did you hear about us?." in out
    assert "Dry run: 2 to create, 0 to update, 0 unchanged, 0 rejected." in out


def test_the_ensembles_column_enrolls_then_waitlists(
    services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """With one place left in Coro the first student is enrolled and the second
    waitlisted; importing the same file again changes nothing; an unknown ensemble is a
    reason to reject the row."""
    _rename_choir(services, hub, capacity=1)
    table = read_table(DATA / "spanish_email.csv")
    dry = importer.dry_run(hub.hub_id, table)
    assert (dry.created, dry.enrolled, dry.waitlisted) == (2, 1, 1)
    assert "1 to enroll in ensembles, 1 to waitlist." in dry.summary()
    done = importer.apply(hub.hub_id, table)
    assert (done.enrolled, done.waitlisted) == (1, 1)
    with services.store.read() as s:
        statuses = {
            e.student_id: e.status
            for e in s.exec(
                select(Enrollment).where(Enrollment.ensemble_id == hub.second_ensemble_id)
            )
        }
    iker, nerea = (_student(services.store, hub.hub_id, n).id for n in ("Iker", "Nerea"))
    assert statuses == {iker: "enrolled", nerea: "waitlisted"}

    again = importer.dry_run(hub.hub_id, table)
    assert (again.created, again.updated, again.unchanged, again.enrolled, again.waitlisted) == (
        0, 0, 2, 0, 0
    )  # fmt: skip

    wrong = table.rows[0][1].copy()
    wrong[0], wrong[6] = "Unai", "Orquesta"
    refused = importer.dry_run(hub.hub_id, type(table)(table.headers, [(9, wrong)]))
    assert [r.line for r in refused.rejected] == [9]
    assert "no ensemble 'Orquesta'" in refused.rejected[0].reason
    assert "Beginning Strings, Coro" in refused.rejected[0].reason
