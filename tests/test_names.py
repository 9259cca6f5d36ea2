"""Names that search and sort the way people expect, stored as typed (Unicode NFC).

Search ignores accents, case and hyphens; the duplicate check too, and catches swapped
names; lists sort in the collation of the user's language (Á with A; in Spanish Ñ after
N); names come back byte for byte from export, import and printing.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from harmony_desktop.demo import generate_demo
from harmony_desktop.domain import collation
from harmony_desktop.domain.collation import (
    collation_language,
    language_code,
    set_collation_language,
    sort_key,
    system_language,
)
from harmony_desktop.domain.names import fold, name_sort_key, people_labels, same_names, surnames
from harmony_desktop.printing import render_document
from harmony_desktop.services.context import Services
from harmony_desktop.services.exporting import ExportService
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.services.importing import ImportService, read_table
from harmony_desktop.store import Store
from harmony_desktop.store.models import Student
from tests.factories import HubFixture, copy_hub

TODAY = dt.date(2026, 11, 18)
DAY = dt.date(2026, 9, 8)
#: Typed as a Mac keyboard may deliver them: decomposed (a letter + a combining accent).
NFD_FIRST = unicodedata.normalize("NFD", "Begoña")
NFD_LAST = unicodedata.normalize("NFD", "Núñez-Ibáñez")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")


@pytest.fixture(autouse=True)
def _system_collation() -> Iterator[None]:
    """Every test starts and ends sorting in the system's language."""
    set_collation_language(None)
    yield
    set_collation_language(None)


def ordered(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)


# -- collation ---------------------------------------------------------------------------


def test_accented_letters_sort_with_their_letter() -> None:
    set_collation_language("en")
    assert ordered(["Wright", "Brown", "Álvarez", "Scott", "Sánchez", "Adams", "Azul"]) == [
        "Adams", "Álvarez", "Azul", "Brown", "Sánchez", "Scott", "Wright",
    ]  # fmt: skip


def test_pena_and_penner_in_english_and_in_spanish() -> None:
    set_collation_language("en")
    assert ordered(["Penner", "Peña", "Nuñez", "Nunez", "Nzinga", "Ñandú", "Oscar"]) == [
        "Ñandú", "Nunez", "Nuñez", "Nzinga", "Oscar", "Peña", "Penner",
    ]  # fmt: skip
    set_collation_language("es_MX")
    assert collation_language() == "es"
    assert ordered(["Penner", "Peña", "Nuñez", "Nunez", "Nzinga", "Ñandú", "Oscar"]) == [
        "Nunez", "Nuñez", "Nzinga", "Ñandú", "Oscar", "Penner", "Peña",
    ]  # fmt: skip
    # Case and accents still only break ties: the same letters, in a fixed order.
    assert ordered(["PEÑA", "Peña", "peña"]) == ["peña", "Peña", "PEÑA"]


def test_scripts_beyond_latin_load_the_whole_table_and_sort_after_latin() -> None:
    set_collation_language("en")
    assert ordered(["김민준", "Петросян", "Kim", "Zoë", "Ψάρρος"]) == [
        "Kim", "Zoë", "Ψάρρος", "Петросян", "김민준",
    ]  # fmt: skip
    # Keys made with the small table and the whole one are the same key.
    latin = collation._collator("en", False).sort_key(unicodedata.normalize("NFD", "Núñez"))
    assert latin == collation._collator("en", True).sort_key(unicodedata.normalize("NFD", "Núñez"))


def test_double_surnames_sort_by_the_first_surname() -> None:
    set_collation_language("en")
    people = [
        ("Ana", "Mendozas"),
        ("Ana", "Mendoza Ruiz"),
        ("Zoe", "Mendoza"),
        ("Beto", "Mendoza-Ruiz"),
        ("Ana", "Mendoza Álvarez"),
    ]
    people.sort(key=lambda p: name_sort_key(*p))
    assert people == [
        ("Zoe", "Mendoza"),
        ("Ana", "Mendoza Álvarez"),
        ("Ana", "Mendoza Ruiz"),
        ("Beto", "Mendoza-Ruiz"),
        ("Ana", "Mendozas"),
    ]
    assert surnames("García-López  Ruiz") == ["García", "López", "Ruiz"]
    by_first = sorted(people, key=lambda p: name_sort_key(*p, first_name_first=True))
    assert [p[0] for p in by_first] == ["Ana", "Ana", "Ana", "Beto", "Zoe"]


def test_the_language_comes_from_the_system_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "es_MX.UTF-8")
    set_collation_language(None)
    assert system_language() == "es" and collation_language() == "es"
    set_collation_language("en")
    assert collation_language() == "en"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    set_collation_language(None)
    assert collation_language() == "en"
    assert [language_code(t) for t in ("es-419", "Spanish_Mexico.1252", "POSIX", "")] == [
        "es", "es", "en", "en",
    ]  # fmt: skip


def test_fold_and_same_names() -> None:
    assert fold("  Núñez-Ibáñez ") == "nunez ibanez"
    assert fold("MENDOZA RUIZ") == fold("Mendoza-Ruiz") == fold("mendoza\u2011ruiz")
    assert same_names("Aaliyah", "Hernandez", "Aaliyah", "Hernández")
    assert same_names("hernández", "AALIYAH", "Aaliyah", "Hernández")  # swapped
    assert not same_names("Aaliyah", "Hernández", "Aaliyah", "Fernández")


# -- search over the demo ----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """One generated demo hub of 200 students (accented names among them)."""
    store = Store(tmp_path_factory.mktemp("demo") / "harmony.sqlite3")
    generate_demo(store, hubs=1, students_per_hub=200, seed=7, today=TODAY)
    yield Services.open(store)
    store.close()


@pytest.mark.parametrize(
    ("query", "surname"),
    [("alvarez", "Álvarez"), ("nunez", "Núñez"), ("ÁLVAREZ", "Álvarez"), ("NÚÑEZ", "Núñez")],
)
def test_search_finds_accented_students_of_the_demo(
    demo: Services, query: str, surname: str
) -> None:
    hub_id = HubDirectory(demo.store).hubs()[0].id
    entries = demo.roster.entries(hub_id)
    expected = {e.student_id for e in entries if surname in e.last_name}
    assert expected  # the generator writes such names
    found = demo.roster.search(entries, query)
    assert {e.student_id for e in found} == expected
    assert all(surname in e.legal_name for e in found)


def test_search_treats_hyphens_and_spaces_alike(services: Services, hub: HubFixture) -> None:
    sid = services.roster.create_student(
        hub.hub_id, {"legal_first_name": "María José", "legal_last_name": "Mendoza-Ruiz"}
    )
    entries = services.roster.entries(hub.hub_id)
    for query in ("mendoza ruiz", "Mendoza-Ruiz", "maria jose mendoza", "mendoza—ruiz"):
        assert [e.student_id for e in services.roster.search(entries, query)] == [sid], query
    assert services.roster.search(entries, "mendoza ruiz grade 3") == []


def test_typing_on_narrows_only_when_it_can(services: Services) -> None:
    narrows = services.roster.narrows
    assert narrows("nu", "nun") and narrows("garcia", "garcia a")
    assert narrows("grade 1", "grade 1 ana")
    assert not narrows("grade 1", "grade 12")  # another grade, not a subset of grade 1
    assert not narrows("", "a")


# -- the duplicate check -----------------------------------------------------------------


def test_duplicate_check_folds_accents_case_hyphens_and_swapped_names(
    services: Services, hub: HubFixture
) -> None:
    born = dt.date(2015, 3, 4)
    existing = services.roster.create_student(
        hub.hub_id,
        {
            "legal_first_name": "Aaliyah",
            "legal_last_name": "Hernández Ruiz",
            "date_of_birth": born,
        },
    )
    check = services.roster.possible_duplicates
    assert [s.id for s in check(hub.hub_id, "Aaliyah", "Hernandez Ruiz", born)] == [existing]
    assert [s.id for s in check(hub.hub_id, "AALIYAH", "hernández-ruiz", born)] == [existing]
    assert [s.id for s in check(hub.hub_id, "Hernandez Ruiz", "Aaliyah", born)] == [existing]
    assert check(hub.hub_id, "Aaliyah", "Hernandez Ruiz", dt.date(2015, 3, 5)) == []
    assert check(hub.hub_id, "Aaliyah", "Hernandez", born) == []
    assert check(hub.hub_id, "Aaliyah", "Hernandez Ruiz", born, exclude=existing) == []


# -- sorting everywhere --------------------------------------------------------------------

SURNAMES = ["Wright", "Penner", "Brown", "Peña", "Scott", "Álvarez", "Sánchez"]
ENGLISH = ["Álvarez", "Brown", "Peña", "Penner", "Sánchez", "Scott", "Wright"]
SPANISH = ["Álvarez", "Brown", "Penner", "Peña", "Sánchez", "Scott", "Wright"]


@pytest.fixture
def named_hub(services: Services, hub: HubFixture) -> HubFixture:
    """The test hub with its students renamed to surnames that sort differently."""
    for sid, last in zip(hub.student_ids, SURNAMES, strict=False):
        services.roster.update_student(sid, legal_last_name=last, legal_first_name="Ana")
    for sid in hub.student_ids[len(SURNAMES) :]:
        services.roster.archive_student(sid)  # out of printouts and rolls
        services.enrollment.withdraw(
            services.enrollment.for_student(sid)[0].id, hub.start, "moved away"
        )
    return hub


@pytest.mark.parametrize(("language", "expected"), [("en", ENGLISH), ("es", SPANISH)])
def test_roster_and_roll_sort_in_the_language(
    services: Services, named_hub: HubFixture, language: str, expected: list[str]
) -> None:
    set_collation_language(language)
    roster = [e.last_name for e in services.roster.entries(named_hub.hub_id)]
    assert [n for n in roster if n in SURNAMES] == expected
    session = services.sessions.open(
        services.sessions.for_day(named_hub.hub_id, named_hub.start + dt.timedelta(days=1))[0]
    )
    roll = [e.display_name.split(" ", 1)[1] for e in services.roll.roll(session.id)]
    assert roll == expected


def sort_like_the_system(monkeypatch: pytest.MonkeyPatch, locale_name: str) -> None:
    """The system locale sorts in ``locale_name`` (LC_COLLATE only: messages stay as
    they are, so no catalogue is loaded for the rest of the test run)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_COLLATE", locale_name)
    set_collation_language(None)  # as at start-up: the system locale is read


@needs_poppler
@pytest.mark.parametrize(
    ("locale_name", "expected"), [("en_US.UTF-8", ENGLISH), ("es_MX.UTF-8", SPANISH)]
)
def test_cli_export_and_printed_roster_sort_in_the_system_language(
    services: Services,
    named_hub: HubFixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    locale_name: str,
    expected: list[str],
) -> None:
    from harmony_desktop.__main__ import main

    sort_like_the_system(monkeypatch, locale_name)
    data_dir = str(services.store.path.parent)
    services.store.close()
    out, pdf = tmp_path / "roster.csv", tmp_path / "roster.pdf"
    assert main(["--data-dir", data_dir, "export", "roster", "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    # columns: district id, last name, first name, …, status (found by its header)
    status = header.index("Status")
    assert [r[1] for r in rows if r[status] == "active"] == expected

    args = ["print", "roster", "--ensemble", "Beginning Strings", "--date", "2026-09-08"]
    assert main(["--data-dir", data_dir, *args, "--pdf", str(pdf)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    positions = [text.index(f"{last}, Ana") for last in expected]
    assert positions == sorted(positions)


# -- stored as typed, in NFC, byte for byte ---------------------------------------------------


def test_names_are_stored_in_nfc(services: Services, hub: HubFixture) -> None:
    sid = services.roster.create_student(
        hub.hub_id,
        {"legal_first_name": NFD_FIRST, "legal_last_name": NFD_LAST},
        [{"name": unicodedata.normalize("NFD", "José Núñez"), "is_guardian": True}],
    )
    student = services.roster.student(sid)
    assert student.legal_first_name.encode() == "Begoña".encode()
    assert student.legal_last_name.encode() == "Núñez-Ibáñez".encode()
    assert services.roster.contacts(sid)[0].name.encode() == "José Núñez".encode()
    services.roster.update_student(sid, preferred_name=unicodedata.normalize("NFD", " Beñi "))
    assert services.roster.student(sid).preferred_name.encode() == "Beñi".encode()


def test_names_round_trip_through_export_and_import_byte_for_byte(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    names = [("Begoña", "Núñez-Ibáñez"), ("Zoë", "O’Connor"), ("Thanh", "Nguyễn"), ("Ji-woo", "김")]
    for sid, (first, last) in zip(hub.student_ids, names, strict=False):
        services.roster.update_student(sid, legal_first_name=first, legal_last_name=last)
    export = ExportService(services.store)
    csv_path, xlsx_path = tmp_path / "roster.csv", tmp_path / "roster.xlsx"
    export.export("roster", hub.hub_id, csv_path)
    export.export("roster", hub.hub_id, xlsx_path)
    raw = csv_path.read_bytes()
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    for first, last in names:
        assert f"{last},{first}".encode() in raw
        assert {first, last} <= cells
    for path in (csv_path, xlsx_path):
        other = copy_hub(services, hub.hub_id, f"Copy {path.suffix}")
        report = ImportService(services.store).apply(other, read_table(path))
        assert report.created == len(hub.student_ids) and not report.rejected
        stored = {
            (e.first_name.encode(), e.last_name.encode()) for e in services.roster.entries(other)
        }
        assert {(f.encode(), last.encode()) for f, last in names} <= stored


def test_a_decomposed_file_is_imported_in_nfc(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    path = tmp_path / "mac.csv"
    path.write_text(f"First name,Last name\n{NFD_FIRST},{NFD_LAST}\n", encoding="utf-8")
    ImportService(services.store).apply(hub.hub_id, read_table(path))
    with services.store.read() as s:
        found = [st for st in s.exec(select(Student)) if st.legal_first_name.startswith("Beg")]
    assert [(st.legal_first_name, st.legal_last_name) for st in found] == [
        ("Begoña", "Núñez-Ibáñez")
    ]
    assert found[0].legal_last_name.encode() == "Núñez-Ibáñez".encode()


@needs_poppler
def test_printed_names_are_the_stored_names(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    sid = hub.student_ids[0]
    services.roster.update_student(sid, legal_first_name=NFD_FIRST, legal_last_name=NFD_LAST)
    pdf = render_document(
        "roster", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / "roster.pdf",
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    # The name comes back as stored (NFC), on one line in a column as wide as it.
    assert "Núñez-Ibáñez, Begoña".encode() in text.encode()


def test_a_picker_tells_namesakes_apart_by_email_only() -> None:
    from harmony_desktop.services.hubs import StaffInfo

    people = [
        StaffInfo("1", "Ana García", "teacher", "ana.g@example.org"),
        StaffInfo("2", "ana garcia", "teacher", "agarcia@example.org"),
        StaffInfo("3", "Luis Pérez", "teacher", "luis@example.org"),
        StaffInfo("4", "Luis Perez", "teacher", ""),
    ]
    assert people_labels(people) == [
        "Ana García <ana.g@example.org>",
        "ana garcia <agarcia@example.org>",
        "Luis Pérez <luis@example.org>",
        "Luis Perez",  # no email to tell them apart with: the name alone
    ]
    assert people_labels(people[2:3]) == ["Luis Pérez"]
