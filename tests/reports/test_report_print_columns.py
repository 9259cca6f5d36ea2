"""A printed sheet wider than the page continues on further tables where the page's
width ends, measured in the table's font, the parts shared out evenly (it split at a
fixed twelve columns: the attendance by ensemble put "Hours attended" alone on a set
of pages)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harmony_desktop.domain import i18n
from harmony_desktop.printing.language import document_language
from harmony_desktop.printing.reports import render_report_pdf, split_columns
from harmony_desktop.services.reports import Column, Format, Report, Sheet

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def test_split_columns_shares_the_parts_out() -> None:
    # Thirteen columns of 10 in room for twelve: seven and six, not twelve and one.
    assert split_columns([10.0] * 13, 120.0) == [list(range(7)), list(range(7, 13))]
    # All that fit: one part.
    assert split_columns([10.0] * 12, 120.0) == [list(range(12))]
    # Twenty-five in room for ten: three parts of 9, 8, 8 (not 10, 10, 5).
    parts = split_columns([10.0] * 25, 100.0)
    assert [len(p) for p in parts] == [9, 8, 8] and [i for p in parts for i in p] == list(range(25))
    # Widths unlike: the widest part as narrow as two parts allow (60 | 40 + 30 + 20).
    assert split_columns([30.0, 30.0, 40.0, 30.0, 20.0], 100.0) == [[0, 1], [2, 3, 4]]
    # No column alone where another split of as many parts has none: 50 + 10 | 30 + 10
    # + 10, not 50 + 10 + 30 + 10 | 10 (filled in order) nor 50 | 10 + 30 + 10 + 10
    # (as even: 50² + 60² = 60² + 50²).
    assert split_columns([50.0, 10.0, 30.0, 10.0, 10.0], 100.0) == [[0, 1], [2, 3, 4]]
    # Nothing fits beside a column wider than the room: it is alone.
    assert split_columns([10.0, 10.0, 10.0, 95.0], 100.0) == [[0, 1, 2], [3]]
    assert split_columns([10.0, 120.0, 10.0], 100.0) == [[0], [1], [2]]


def by_ensemble(rows: int) -> Report:
    """The attendance report's by-ensemble sheet (its own columns, in the language in
    use), with generated hubs, ensembles and teachers."""
    from harmony_desktop.services.reports.attendance import sheets

    sheet = next(s for s in sheets() if s.key == "by_ensemble")
    hubs = ["Hollenbeck Park", "MacArthur Park", "Westlake Elementary"]
    ensembles = ["Beginning Strings", "Musicianship K-1", "Youth Orchestra"]
    for n in range(rows):
        values: dict[str, object] = {
            "hub": hubs[n % 3], "hub_id": f"h{n % 3}", "ensemble": ensembles[n // 3 % 3],
            "ensemble_id": f"e{n}", "teacher": "Teacher Number " + str(n),
        }  # fmt: skip
        row = []
        for column in sheet.columns:
            if column.key in values:
                row.append(values[column.key])
            elif column.format is Format.RATE:
                row.append(0.9123)
            elif column.format in (Format.HOURS, Format.DECIMAL):
                row.append(1234.56)
            elif column.format is Format.INT:
                row.append(1234)
            else:
                row.append("")
        sheet.rows.append(row)
    return Report("attendance", "Attendance", "All hubs (3) · 1 Jul 2026 to 6 Dec 2026", [sheet])


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_the_attendance_by_ensemble_prints_whole_in_english(tmp_path: Path, size: str) -> None:
    """Its thirteen columns fit a landscape page at 8 points: one table, the hours on
    the page of the hub and the ensemble (it printed twelve, then the hours alone)."""
    with document_language("en"):
        pdf = render_report_pdf(
            by_ensemble(9), tmp_path / "report.pdf", page_size=size,
            printed_on=dt.date(2026, 12, 6),
        )  # fmt: skip
    (page,) = page_texts(pdf)
    assert "(1/2)" not in page and "Hub Ensemble Teacher" in page
    assert "Hours" in page and "attended" in page


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_in_spanish_its_longer_titles_take_two_even_parts(tmp_path: Path, size: str) -> None:
    """In Spanish ("Injustificadas", "Estudiantes") they do not fit: two tables of six
    and seven of its columns after the hub and the ensemble, "Horas asistidas" among
    others."""
    with i18n.using("es"), document_language("es"):
        report = by_ensemble(9)
        pdf = render_report_pdf(
            report, tmp_path / "report.pdf", page_size=size, printed_on=dt.date(2026, 12, 6)
        )
    pages = page_texts(pdf)
    assert len(pages) == 2 and "(1/2)" in pages[0] and "(2/2)" in pages[1]
    titles = [c.title for c in report.sheets[0].columns if not c.key.endswith("_id")][2:]
    held = [[t for t in titles if t.split()[0] in page] for page in pages]
    assert sorted(len(h) for h in held) in ([5, 6], [6, 5]), held  # of 11
    assert "Horas asistidas" in held[1]


def wide_sheet(columns: int) -> Report:
    """A grid-like sheet: a student, a hub, then ``columns`` days ("D01", …) of 1s."""
    sheet = Sheet(
        "grid", "Attendance grid",
        [Column("student", "Student"), Column("hub", "Hub")]
        + [Column(f"d{n}", f"D{n:02}", Format.INT) for n in range(1, columns + 1)],
        [[f"Student {n}", "Hollenbeck Park", *([1] * columns)] for n in range(5)],
    )  # fmt: skip
    return Report("grid", "Attendance grid", "Hollenbeck Park · 1 Sep 2026", [sheet])


def test_a_wide_sheet_is_shared_out_evenly(tmp_path: Path) -> None:
    """A hundred days: as few tables as the page takes, each repeating the student and
    the hub, their days differing by one at most, none holding one day alone."""
    pdf = render_report_pdf(wide_sheet(100), tmp_path / "grid.pdf", printed_on=dt.date(2026, 12, 6))
    pages = page_texts(pdf)
    days = [re.findall(r"\bD(\d+)\b", page) for page in pages]
    assert sorted(int(d) for page in days for d in page) == list(range(1, 101))
    counts = [len(d) for d in days]
    assert len(pages) >= 3 and max(counts) - min(counts) <= 1, counts
    assert all(f"({n}/{len(pages)})" in page for n, page in enumerate(pages, start=1))
    assert all("Student Hub" in page for page in pages)
