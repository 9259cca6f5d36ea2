"""Printed documents, read back from the PDF with pdftotext / pdfinfo."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from harmony_desktop.printing import DOCUMENT_KINDS, render_document
from harmony_desktop.services.context import Services
from tests.factories import HubFixture, make_hub

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
DAY = dt.date(2026, 9, 8)  # a Tuesday


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def page_size(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return re.search(r"Page size:\s+(.*)", info.stdout)[1]  # type: ignore[index]


@pytest.fixture
def big_hub(services: Services) -> HubFixture:
    """60 students in one ensemble, with the details the documents show."""
    hub = make_hub(services, students=60, capacity=60)
    first = hub.student_ids[0]
    services.roster.update_student(
        first, preferred_name="Annie", allergy_notes="peanuts", medical_notes="asthma"
    )
    services.roster.add_contact(
        first, name="Carl Father", relationship="father", phone="323-555-9000",
        custody_restriction="No contact with father (court order)",
    )  # fmt: skip
    for sid in hub.student_ids[::2]:
        services.roster.update_student(sid, photo_consent=True)
    return hub


def names(services: Services, hub: HubFixture) -> list[str]:
    return [
        f"{e.last_name}, {e.preferred_name or e.legal_name.split()[0]}"
        for e in services.roster.entries(hub.hub_id)
    ]


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_class_roster_every_name_once_headers_on_every_page(
    services: Services, big_hub: HubFixture, tmp_path: Path, size: str
) -> None:
    pdf = render_document(
        "roster", services, hub_id=big_hub.hub_id, ensemble_id=big_hub.ensemble_id,
        day=DAY, pdf_path=tmp_path / "roster.pdf", page_size=size,
    )  # fmt: skip
    assert ("612 x 792" if size == "Letter" else "595 x 842") in page_size(pdf)
    total = pages(pdf)
    assert total >= 2
    seen: list[int] = []
    everything = ""
    for n in range(1, total + 1):
        text = page_text(pdf, n)
        assert "Class roster" in text
        assert "Harmony Project · Test Park Hub · Beginning Strings · Tue 8 Sep 2026" in text
        assert f"Page {n} of {total}" in text
        assert re.search(r"#\s+Name\s+Grade\s+Age", text), "table header repeated"
        seen += [int(m) for m in re.findall(r"^\s*(\d+)\s+\S+,", text, re.M)]
        everything += text
    assert sorted(seen) == list(range(1, 61))  # every row once: none lost, none split
    for name in names(services, big_hub):
        assert name.split(",")[0] in everything
    assert "60 students enrolled (capacity 60)" in page_text(pdf, 1)


def test_signin_sheet_columns_flags_and_staff_signature(
    services: Services, big_hub: HubFixture, tmp_path: Path
) -> None:
    info = services.sessions.open(services.sessions.for_day(big_hub.hub_id, DAY)[0])
    pdf = render_document(
        "signin", services, hub_id=big_hub.hub_id, session_id=info.id, pdf_path=tmp_path / "s.pdf"
    )
    total = pages(pdf)
    text = page_text(pdf, 1)
    for column in ("Time in", "Signature", "Time out", "Early-", "May be collected by"):
        assert column in text
    # pdftotext gives the narrow no-break space before PM as a space.
    assert "3:30 PM–5:00 PM" in text and "may walk home" in text
    assert "G = picked up by guardian" in text
    everything = "\n".join(page_text(pdf, n) for n in range(1, total + 1))
    assert "Annie" in everything
    # Each child's authorised pickups by name; a custody restriction only as "see site
    # lead": its details stay on the confidential emergency sheet.
    assert "Guardian 0" in everything and "Guardian 59" in everything
    assert "SEE SITE LEAD" in everything
    assert "court order" not in everything and "Carl Father" not in everything
    rows_per_page = []
    for n in range(1, total + 1):
        assert "Staff signature" in page_text(pdf, n)
        assert f"Page {n} of {total}" in page_text(pdf, n)
        rows_per_page.append(len(re.findall(r"^\s*(\d+)\s", page_text(pdf, n), re.M)))
    # 60 students on balanced pages; blank lines for walk-ins only where the last page
    # has room, every number printed once.
    numbers = [
        int(m)
        for n in range(1, total + 1)
        for m in re.findall(r"^\s*(\d+)\s", page_text(pdf, n), re.M)
    ]
    assert numbers[:60] == list(range(1, 61)) and numbers == list(range(1, len(numbers) + 1))
    students = [min(c, 60 - sum(rows_per_page[:i])) for i, c in enumerate(rows_per_page)]
    assert max(students) - min(students) <= 1, rows_per_page


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_no_page_holds_a_few_lonely_rows(services: Services, tmp_path: Path, size: str) -> None:
    hub = make_hub(services, students=41, capacity=41)
    for kind in ("signin", "blank-roll"):
        pdf = render_document(
            kind, services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
            pdf_path=tmp_path / f"{kind}.pdf", page_size=size,
        )  # fmt: skip
        counts = [
            len(re.findall(r"^\s*(\d+)\s", page_text(pdf, n), re.M))
            for n in range(1, pages(pdf) + 1)
        ]
        assert min(counts) >= 10, (kind, counts)
        if kind == "blank-roll":
            assert counts == [30, 30]  # 41 students and 19 blank lines on two pages


def test_blank_roll_is_about_thirty_rows_a_page(
    services: Services, big_hub: HubFixture, tmp_path: Path
) -> None:
    pdf = render_document(
        "blank-roll", services, hub_id=big_hub.hub_id, ensemble_id=big_hub.ensemble_id,
        day=DAY, pdf_path=tmp_path / "b.pdf",
    )  # fmt: skip
    # 60 students fill two pages of 30: no third page for blank lines only.
    assert pages(pdf) == 2
    first = page_text(pdf, 1)
    rows = re.findall(r"^\s*(\d+)\s", first, re.M)
    assert rows == [str(i) for i in range(1, 31)]
    second = re.findall(r"^\s*(\d+)\s", page_text(pdf, 2), re.M)
    assert second == [str(i) for i in range(31, 61)]
    assert "Tue" in first and "9/8" in first and "9/21" in first  # ten class dates
    assert "P present" in first


def test_emergency_sheet_is_confidential_and_complete(
    services: Services, big_hub: HubFixture, tmp_path: Path
) -> None:
    pdf = render_document(
        "emergency", services, hub_id=big_hub.hub_id, ensemble_id=big_hub.ensemble_id,
        day=DAY, pdf_path=tmp_path / "e.pdf",
    )  # fmt: skip
    total = pages(pdf)
    everything = "\n".join(page_text(pdf, n) for n in range(1, total + 1))
    assert everything.count("CONFIDENTIAL") == total
    assert "peanuts" in everything and "asthma" in everything
    assert "No contact" in everything and "Carl Father" in everything
    assert "Guardian 59" in everything and "(323) 555-1059" in everything


def test_no_photo_list_has_only_students_without_consent(
    services: Services, big_hub: HubFixture, tmp_path: Path
) -> None:
    pdf = render_document(
        "no-photo", services, hub_id=big_hub.hub_id, pdf_path=tmp_path / "n.pdf", day=DAY
    )
    text = "\n".join(page_text(pdf, n) for n in range(1, pages(pdf) + 1))
    assert "30 of 60 students have no photo consent" in text
    assert "Keep these students out of photos" in text
    without = {e.student_id for e in services.roster.entries(big_hub.hub_id) if not e.photo_consent}
    assert len(without) == 30
    assert "All ensembles" in text
    listed = [int(m) for m in re.findall(r"^\s*(\d+)\s+\S+,", text, re.M)]
    assert listed == list(range(1, 31))


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_every_kind_prints_for_an_empty_ensemble(
    services: Services, tmp_path: Path, kind: str
) -> None:
    hub = make_hub(services, students=0)
    pdf = render_document(
        kind, services, hub_id=hub.hub_id, ensemble_id=hub.second_ensemble_id,
        day=DAY, pdf_path=tmp_path / f"{kind}.pdf", page_size="A4",
    )  # fmt: skip
    assert pages(pdf) == 1
    assert "Choir" in page_text(pdf, 1)


@pytest.mark.parametrize(
    ("language", "printed"),
    [
        ("en", "Printed Tue 8 Sep 2026 3:30 PM · Harmony Desktop"),
        ("es", "Impreso mar 8 sep 2026 3:30 p.m. · Harmony Desktop"),
    ],
)
def test_the_footer_says_when_it_was_printed_in_words(
    services: Services, tmp_path: Path, language: str, printed: str
) -> None:
    hub = make_hub(services, students=2)
    pdf = render_document(
        "roster", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / "roster.pdf", language_code=language,
        now=dt.datetime(2026, 9, 8, 15, 30),
    )  # fmt: skip
    text = page_text(pdf, 1)
    assert printed in text  # as the header writes the day: not 9/8/26, nor 8/9/2026
    assert "/26" not in text and "/2026" not in text


def test_cli_prints_a_roster(services: Services, big_hub: HubFixture, tmp_path: Path) -> None:
    from harmony_desktop.__main__ import main

    data_dir = services.store.path.parent
    services.store.close()
    out = tmp_path / "cli.pdf"
    code = main(
        ["--data-dir", str(data_dir), "print", "roster", "--ensemble", "beginning strings",
         "--pdf", str(out), "--page-size", "A4", "--date", DAY.isoformat()]
    )  # fmt: skip
    assert code == 0 and "Class roster" in page_text(out, 1)
    assert main(["--data-dir", str(data_dir), "print", "roster", "--pdf", str(out)]) == 2


def test_cli_signin_sheet_only_for_a_meeting_day(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from harmony_desktop.__main__ import main

    hub = make_hub(services, students=5)
    services.roster.add_contact(
        hub.student_ids[1], name="Restricted Adult", custody_restriction="No contact at all"
    )
    data_dir = services.store.path.parent
    services.store.close()
    out = tmp_path / "signin.pdf"
    base = ["--data-dir", str(data_dir), "print", "signin", "--pdf", str(out)]
    saturday = ["--ensemble", "beginning strings", "--date", "2026-09-12"]
    assert main([*base, *saturday]) == 2  # Beginning Strings meets Monday to Friday
    said = capsys.readouterr().err
    assert "does not meet on Sat 12 Sep 2026" in said and "Mon 14 Sep 2026" in said
    assert not out.exists()
    assert main([*base, *saturday, "--any-day"]) == 0
    assert main([*base, "--ensemble", "beginning strings", "--date", DAY.isoformat()]) == 0
    text = page_text(out, 1)
    assert "Tue 8 Sep 2026, 3:30 PM–5:00 PM" in text
    assert "Guardian 0" in text and "Guardian 4" in text and "SEE SITE LEAD" in text
    assert "No contact at all" not in text and "Restricted Adult" not in text


def test_a_date_that_does_not_exist_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    from harmony_desktop.__main__ import main

    with pytest.raises(SystemExit):
        main(["print", "signin", "--pdf", "x.pdf", "--date", "2026-02-30"])
    assert "2026-02-30 does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(("students", "last"), [(30, None), (25, 5)])
def test_a_roster_fills_its_first_page(
    services: Services, tmp_path: Path, students: int, last: int | None
) -> None:
    """A roster is read from the top: its first page full, not a third of it left blank
    to share the rows out evenly; a short last page still gets a few rows."""
    hub = make_hub(services, students=students, capacity=students)
    pdf = render_document(
        "roster", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / "roster.pdf", page_size="Letter",
    )  # fmt: skip
    counts = [
        len(re.findall(r"^\s*(\d+)\s+\S+,", page_text(pdf, n), re.M))
        for n in range(1, pages(pdf) + 1)
    ]
    assert len(counts) == 2 and sum(counts) == students, counts
    # About 21 rows fit on a Letter page; shared out evenly, 30 would be 15 and 15.
    assert counts[0] >= 20, counts
    if last is not None:
        assert counts[1] == last, counts  # 25 filled in order would leave 4 or 5 alone


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def page_words(pdf: Path, page: int) -> list[Word]:
    """The words of a page with their boxes (points from the top left), as pdftotext
    reads them: text a clip hides is still read, at the place it was painted."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = (
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        Word(text, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, text in re.findall(pattern, html)
    ]


@pytest.mark.parametrize("kind", ["roster", "signin"])
def test_a_wrapped_bold_name_grows_its_row_in_spanish(
    services: Services, tmp_path: Path, kind: str
) -> None:
    """A name too long for its column's line, in bold, wraps and its row grows to hold
    every line: none is painted over the next row (where the row's edge clipped it).
    Spanish headers are longer, so its name column is narrower than in English."""
    hub = make_hub(services, students=10)
    # Names of a few lengths, so some of them need one line more in bold than in the
    # body font in either sheet's name column.
    long_names = [
        ("Camila", "Jiménez López"),
        ("Tomás", "Ortiz Navarro"),
        ("Esmeralda", "Castellanos"),
        ("Guadalupe", "Gutiérrez"),
        ("Camila", "Ramírez Ramírez"),
        ("Esmeralda", "Jiménez López"),
        ("Maximiliano", "Ortiz Navarro"),
        ("Sebastián", "Salazar Álvarez"),
    ]
    for sid, (first, last) in zip(hub.student_ids, long_names, strict=False):
        services.roster.update_student(sid, legal_first_name=first, legal_last_name=last)
    pdf = render_document(
        kind, services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / f"{kind}.pdf", language_code="es",
    )  # fmt: skip
    words = page_words(pdf, 1)
    hash_column = next(w for w in words if w.text == "#")
    centre = (hash_column.x_min + hash_column.x_max) / 2
    numbers = [
        w
        for w in words
        if w.text.isdigit()
        and w.y_min > hash_column.y_max
        and abs((w.x_min + w.x_max) / 2 - centre) < 10
    ]
    assert [int(n.text) for n in numbers] == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 8
    # Some long names wrap (the case this test is about) ...
    wrapped = [
        (first, last)
        for first, last in long_names
        if any(
            g.y_min > s.y_max - 1
            for g in words
            if g.text == first
            for s in words
            if s.text == last.split()[-1] + ","
        )
    ]
    assert len(wrapped) >= 2, wrapped
    # ... and every word of a row ends inside it: at least the cell's padding above the
    # row's bottom edge and the next cell's padding (1.2 mm each, 6.8 pt) above the next
    # row's number. A line painted past the edge is clipped there, yet pdftotext reads it.
    padding = 2 * 1.2 * 72 / 25.4
    for row in numbers[1:]:
        for w in words:
            if w.y_min < row.y_min - 1:
                assert row.y_min - w.y_max > padding - 0.5, (row.text, w.text)


@pytest.mark.parametrize(
    ("language", "roster", "emergency", "no_photo"),
    [
        ("en", "1 student enrolled (capacity 30)", "1 student", "1 of 1 students has no photo"),
        ("es", "1 estudiante inscrito (cupo 30)", "1 estudiante", "1 de 1 estudiantes no tiene"),
    ],
)
def test_one_student_is_counted_in_the_singular(
    services: Services, tmp_path: Path, language: str, roster: str, emergency: str, no_photo: str
) -> None:
    """Not "1 students enrolled" nor "1 estudiantes inscritos"."""
    hub = make_hub(services, students=1)
    texts = {}
    for kind in ("roster", "emergency", "no-photo"):
        pdf = render_document(
            kind, services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
            pdf_path=tmp_path / f"{kind}.pdf", language_code=language,
        )  # fmt: skip
        texts[kind] = " ".join(page_text(pdf, 1).split())
    assert roster in texts["roster"]
    assert f"{emergency} " in texts["emergency"] and "1 students" not in texts["emergency"]
    assert no_photo in texts["no-photo"]
    everything = " ".join(texts.values())
    assert "1 students enrolled" not in everything and "1 estudiantes inscritos" not in everything
    assert "%n" not in everything


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "No student is enrolled in Beginning Strings yet on Tue 8 Sep 2026: its students "
            "are enrolled from Mon 14 Sep 2026. Print the sheet for Mon 14 Sep 2026 or later "
            "to list them; the lines below are for walk-ins.",
        ),
        (
            "es",
            "Ningún estudiante está inscrito en Beginning Strings todavía el mar 8 sep 2026: "
            "sus estudiantes están inscritos desde el lun 14 sep 2026. Imprima la hoja del "
            "lun 14 sep 2026 o de después para que aparezcan; las líneas de abajo son para "
            "quienes lleguen sin inscripción.",
        ),
    ],
)
def test_a_signin_sheet_before_the_students_are_enrolled_says_why_it_is_empty(
    services: Services, tmp_path: Path, language: str, said: str
) -> None:
    hub = make_hub(services, students=5, start=dt.date(2026, 9, 14))
    pdf = render_document(
        "signin", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / "signin.pdf", language_code=language,
    )  # fmt: skip
    text = " ".join(page_text(pdf, 1).split())
    assert said in text
    assert "Guardian 0" not in text  # nobody listed: enrolled from the 14th
    later = render_document(
        "signin", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id,
        day=dt.date(2026, 9, 14), pdf_path=tmp_path / "later.pdf", language_code=language,
    )  # fmt: skip
    text = " ".join(page_text(later, 1).split())
    assert "Guardian 0" in text and "Guardian 4" in text
    assert said.split(":")[0] not in text


def test_a_signin_sheet_of_an_ensemble_nobody_is_in_says_so(
    services: Services, tmp_path: Path
) -> None:
    hub = make_hub(services, students=3)
    pdf = render_document(
        "signin", services, hub_id=hub.hub_id, ensemble_id=hub.second_ensemble_id, day=DAY,
        pdf_path=tmp_path / "signin.pdf",
    )  # fmt: skip
    text = " ".join(page_text(pdf, 1).split())
    assert (
        "No student is enrolled in Choir on Tue 8 Sep 2026. Enroll students in the Roster "
        "tab; the lines below are for walk-ins."
    ) in text


def test_a_printer_that_cannot_be_used_says_what_to_do(
    services: Services, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A printer switched off or unplugged: Qt cannot start painting on it. The site lead
    reads what to do (in the window's language, though the sheet is in Spanish), and
    nothing is sent to the printer."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    from harmony_desktop.domain.errors import ValidationError
    from harmony_desktop.printing import DocumentBuilder
    from harmony_desktop.printing.language import document_language, in_language
    from harmony_desktop.printing.layout import PrinterUnavailable, TablePainter
    from harmony_desktop.ui.app import install_translator

    hub = make_hub(services, students=3)
    with document_language("es"):
        document = DocumentBuilder(services).build(
            "roster", hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY
        )
    began: list[object] = []

    def refuse(painter: QPainter, device: object) -> bool:
        began.append(device)
        return False

    monkeypatch.setattr(QPainter, "begin", refuse)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName("")  # the default printer, whatever this machine has
    printer.setOutputFileName("")  # to paper, not to a file
    with pytest.raises(ValidationError) as raised:
        in_language("es", TablePainter(document).paint, printer)
    assert began == [printer]
    assert str(raised.value) == (
        "Could not print: the printer could not be used. Check that it is switched on and "
        "connected, then print again, or print to PDF instead."
    )
    try:  # a Spanish window says it in Spanish, naming the printer when it has a name
        assert install_translator(qapp, QLocale("es_MX"))
        assert str(PrinterUnavailable("Oficina")) == (
            "No se pudo imprimir: no se pudo usar la impresora Oficina. Revise que esté "
            "encendida y conectada, e imprima de nuevo, o imprima en PDF."
        )
    finally:
        install_translator(qapp, QLocale("en_US"))


#: Long names as families write them: accents, two surnames joined by a hyphen.
LONG_NAMES = [
    ("María de los Ángeles", "Villaseñor-Hernández"),
    ("Luis Ángel", "Domínguez-Echeverría"),
    ("Maximiliano", "Castañeda Bustamante"),
    ("Ximena Itzel", "Montes de Oca Saldaña"),
    ("Juan Sebastián", "Gutiérrez de la Peña"),
    ("Xóchitl Citlali", "Zúñiga-Valenzuela"),
]


def long_named_hub(services: Services) -> HubFixture:
    """Six students with long accented names, their guardians' names as long, the
    instrument in Spanish and nine-digit district ids."""
    hub = make_hub(services, students=len(LONG_NAMES))
    for i, (sid, (first, last)) in enumerate(zip(hub.student_ids, LONG_NAMES, strict=True)):
        services.roster.update_student(
            sid, legal_first_name=first, legal_last_name=last, instrument="violonchelo",
            district_student_id=f"{100055433 + i}", allergy_notes="cacahuate",
        )  # fmt: skip
        services.roster.add_contact(
            sid, name=f"Rosa Elena {last}", relationship="madre", phone="(818) 555-2021",
            is_guardian=True, authorized_pickup=True, priority=0,
        )  # fmt: skip
    return hub


# Page widths and the 12 mm margins, in points.
PAGE_POINTS = {"Letter": (612.0, 792.0), "A4": (595.3, 841.9)}
MARGIN_POINTS = 12 * 72 / 25.4


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["Letter", "A4"])
@pytest.mark.parametrize("kind", ["roster", "signin", "emergency", "no-photo", "blank-roll"])
def test_long_names_keep_the_table_on_the_page(
    services: Services, tmp_path: Path, kind: str, size: str, language: str
) -> None:
    """Columns too narrow for a long name or a hyphenated surname still fit the page:
    the table ends inside the right margin and its last column is printed (a roster of
    such names ran off the page, its Alerts column cut off)."""
    hub = long_named_hub(services)
    pdf = render_document(
        kind, services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / f"{kind}.pdf", page_size=size, language_code=language,
    )  # fmt: skip
    width, height = PAGE_POINTS[size]
    if kind in ("signin", "emergency"):  # landscape
        width, height = height, width
    last_column = {
        ("roster", "en"): "Alerts",
        ("roster", "es"): "Alertas",
        ("signin", "en"): "code",
        ("signin", "es"): "temprana",
        ("emergency", "en"): "notes",
        ("emergency", "es"): "médicas",
        ("no-photo", "en"): "Ensembles",
        ("no-photo", "es"): "Conjuntos",
        ("blank-roll", "en"): "9/21",
        ("blank-roll", "es"): "21/9",
    }[kind, language]
    for n in range(1, pages(pdf) + 1):
        words = page_words(pdf, n)
        assert any(w.text == last_column for w in words), (n, last_column)
        overflowing = [w.text for w in words if w.x_max > width - MARGIN_POINTS + 0.5]
        assert not overflowing, (n, overflowing)
    text = " ".join(page_text(pdf, 1).split())
    for first, _last in LONG_NAMES:
        assert first.split()[0] in text


def smallest_font_points(pdf: Path) -> float:
    """The size of the smallest text in ``pdf``, in points, from the height of the words'
    boxes (DejaVu Sans: ascent and descent are 1.164 times the size)."""
    return min(
        (w.y_max - w.y_min) / 1.164 for n in range(1, pages(pdf) + 1) for w in page_words(pdf, n)
    )


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_no_text_smaller_than_8_points(services: Services, tmp_path: Path, kind: str) -> None:
    """A teacher reads these outdoors: nothing, not even the foot of the page with its
    page number and the day it was printed, is under 8 points (it was 7.5, and 7 on the
    emergency sheet)."""
    hub = make_hub(services, students=3)
    pdf = render_document(
        kind, services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / f"{kind}.pdf",
    )  # fmt: skip
    assert smallest_font_points(pdf) >= 7.9


@pytest.mark.parametrize(
    ("kind", "language", "said"),
    [
        ("no-photo", "en", "No student is enrolled in this ensemble on this date."),
        ("no-photo", "es", "Ningún estudiante está inscrito en este conjunto en esta fecha."),
        ("emergency", "en", "No student is enrolled in this ensemble on this date."),
        ("emergency", "es", "Ningún estudiante está inscrito en este conjunto en esta fecha."),
        (
            "blank-roll",
            "en",
            "No student is enrolled in Choir on Tue 8 Sep 2026. Enroll students in the Roster "
            "tab; the lines below are for walk-ins.",
        ),
        (
            "blank-roll",
            "es",
            "Ningún estudiante está inscrito en Choir el mar 8 sep 2026. Inscriba estudiantes",
        ),
    ],
)
def test_a_printout_of_nobody_says_nobody_is_enrolled(
    services: Services, tmp_path: Path, kind: str, language: str, said: str
) -> None:
    """An ensemble nobody is enrolled in: its no-photo list said "Every student listed
    here has photo consent", its emergency sheet only "No students.", and its paper roll
    sheet printed empty lines with no word of why."""
    hub = make_hub(services, students=3)
    pdf = render_document(
        kind, services, hub_id=hub.hub_id, ensemble_id=hub.second_ensemble_id, day=DAY,
        pdf_path=tmp_path / f"{kind}.pdf", language_code=language,
    )  # fmt: skip
    text = " ".join(page_text(pdf, 1).split())
    assert said in text
    assert "Every student listed" not in text and "Todos los estudiantes de esta" not in text


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "No student is enrolled at this hub."),
        ("es", "Ningún estudiante está inscrito en esta sede."),
    ],
)
def test_a_hub_printout_of_nobody_says_so(
    services: Services, tmp_path: Path, language: str, said: str
) -> None:
    hub = make_hub(services, students=0)
    for kind in ("emergency", "no-photo"):
        pdf = render_document(
            kind, services, hub_id=hub.hub_id, day=DAY, pdf_path=tmp_path / f"{kind}.pdf",
            language_code=language,
        )  # fmt: skip
        assert said in " ".join(page_text(pdf, 1).split()), kind


def test_the_paper_roll_sheet_has_a_column_only_for_days_the_ensemble_meets(
    services: Services, tmp_path: Path
) -> None:
    """Closure days and the days after the ensemble's last meeting get no column (the
    sheet counted weekdays: a teacher found a column for the staff training day)."""
    hub = make_hub(services, students=3)
    services.calendar.add_closure(dt.date(2026, 9, 10), "Staff training", hub.hub_id)
    services.calendar.add_closure(dt.date(2026, 9, 11), "Holiday")
    pdf = render_document(
        "blank-roll", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / "roll.pdf",
    )  # fmt: skip
    text = page_text(pdf, 1)
    days = re.findall(r"\b9/\d+\b", text)
    assert days == ["9/8", "9/9", "9/14", "9/15", "9/16", "9/17", "9/18", "9/21", "9/22", "9/23"]
    # Beginning Strings meets until 28 Jun 2027: a sheet begun on 23 Jun has four days.
    pdf = render_document(
        "blank-roll", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id,
        day=dt.date(2027, 6, 23), pdf_path=tmp_path / "june.pdf",
    )  # fmt: skip
    assert re.findall(r"\b6/\d+\b", page_text(pdf, 1)) == ["6/23", "6/24", "6/25", "6/28"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_legal_names_stay_off_the_sheets_families_and_volunteers_see(
    services: Services, tmp_path: Path, language: str
) -> None:
    """A student who goes by another name is listed by it: the sign-in sheet at the door
    (every family reads it) and the no-photo list (handed to photographers and
    volunteers) printed "legal: Maximiliano …" under "Max", a name the child may not want
    known. The class roster and the confidential emergency sheet, for staff, still say it."""
    hub = make_hub(services, students=3)
    first = hub.student_ids[0]
    services.roster.update_student(
        first, legal_first_name="Maximiliano", legal_last_name="Quintero", preferred_name="Max"
    )
    texts = {}
    for kind in DOCUMENT_KINDS:
        pdf = render_document(
            kind, services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
            pdf_path=tmp_path / f"{kind}.pdf", language_code=language,
        )  # fmt: skip
        texts[kind] = " ".join(page_text(pdf, 1).split())
    for kind in ("signin", "no-photo", "blank-roll"):
        assert "Quintero, Max" in texts[kind], kind
        assert "Maximiliano" not in texts[kind], kind
    for kind in ("roster", "emergency"):
        assert "Quintero, Max" in texts[kind] and "Maximiliano" in texts[kind], kind


def test_a_signin_name_stays_on_one_line_beside_long_pickups(
    services: Services, tmp_path: Path
) -> None:
    """The columns left blank to sign in give way before a student's name does: the name
    column lost room to the early-release code's title, and "Domínguez, Esmeralda"
    wrapped onto two lines while the signature column kept its width."""
    hub = make_hub(services, students=3)
    first = hub.student_ids[0]
    services.roster.update_student(first, legal_first_name="Esmeralda", legal_last_name="Domínguez")
    for name in ("Ximena Domínguez", "Alejandra Domínguez", "Fernanda Álvarez"):
        services.roster.add_contact(first, name=name, authorized_pickup=True)
    pdf = render_document(
        "signin", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / "signin.pdf",
    )  # fmt: skip
    words = page_words(pdf, 1)
    surname = next(w for w in words if w.text == "Domínguez,")
    given = next(w for w in words if w.text == "Esmeralda" and w.x_min > surname.x_min)
    assert abs(given.y_min - surname.y_min) < 1  # one line


def test_spanish_column_titles_leave_room_for_the_names(services: Services, tmp_path: Path) -> None:
    """The Spanish roster's titles ("Instrumento", "Permite fotos") are longer than
    the English ones and each sets the least width of its column: printed in the cells'
    bold they left the names a column so narrow that "García Vásquez, Joaquín" took
    three lines. Column titles are a point smaller (8 points, never less)."""
    hub = make_hub(services, students=3)
    for sid, guardian in zip(
        hub.student_ids,
        ("Valentina Robinson", "Alejandro Vásquez", "Esmeralda Flores"),
        strict=True,
    ):
        services.roster.update_student(
            sid, instrument="Percusión", district_student_id="9000000087", allergy_notes="x"
        )
        services.roster.add_contact(
            sid, name=guardian, phone="(213) 555-0187", is_guardian=True, priority=0
        )
    services.roster.update_student(
        hub.student_ids[0], legal_first_name="Joaquín", legal_last_name="García Vásquez",
    )  # fmt: skip
    pdf = render_document(
        "roster", services, hub_id=hub.hub_id, ensemble_id=hub.ensemble_id, day=DAY,
        pdf_path=tmp_path / "roster.pdf", language_code="es",
    )  # fmt: skip
    words = page_words(pdf, 1)
    garcia = next(w for w in words if w.text == "García")
    vasquez = next(w for w in words if w.text == "Vásquez,")
    assert abs(garcia.y_min - vasquez.y_min) < 1  # "García Vásquez," on one line
    assert smallest_font_points(pdf) >= 7.9
