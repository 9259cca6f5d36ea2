"""Printed documents, read back from the PDF with pdftotext / pdfinfo."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

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
    for column in ("Time in", "Signature", "Time out", "Early-", "Notes"):
        assert column in text
    assert "3:30 PM–5:00 PM" in text and "Annie" in text  # pdftotext: U+202F as a space
    assert "CUSTODY ALERT" in text and "May walk home" in text
    assert "G = picked up by guardian" in text
    for n in range(1, total + 1):
        assert "Staff signature" in page_text(pdf, n)
        assert f"Page {n} of {total}" in page_text(pdf, n)
    # 60 students plus 3 blank lines, every number printed once
    numbers = [
        int(m)
        for n in range(1, total + 1)
        for m in re.findall(r"^\s*(\d+)\s", page_text(pdf, n), re.M)
    ]
    assert sorted(numbers) == list(range(1, 64))


def test_blank_roll_is_about_thirty_rows_a_page(
    services: Services, big_hub: HubFixture, tmp_path: Path
) -> None:
    pdf = render_document(
        "blank-roll", services, hub_id=big_hub.hub_id, ensemble_id=big_hub.ensemble_id,
        day=DAY, pdf_path=tmp_path / "b.pdf",
    )  # fmt: skip
    assert pages(pdf) == 3  # 60 students + 4 blank lines at 30 a page
    first = page_text(pdf, 1)
    rows = re.findall(r"^\s*(\d+)\s", first, re.M)
    assert rows == [str(i) for i in range(1, 31)]
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
