"""The ``retention`` kind against the hand-built register."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from tests.reports.register import Register

#: the note a retention of 2025-26 run after that year carries (written out by hand)
GRADES_NOTE = (
    "Grades are the students' grades as recorded on {today}, not those they had in"
    " 2025-26 (no history of grades is kept): the grade rows and the grade 12 students"
    " left out go by them."
)


def test_retention_figures(services: Services, register: Register) -> None:
    report = services.reports.run(
        "retention", ReportParams(year="2025-26", today=dt.date(2027, 7, 15))
    )
    rows = {(r["breakdown"], r["group"]): r for r in report.sheet("retention").as_dicts()}
    # Active in 2025-26: Ana, Maya (North, grade 4), Diego (South, grade 7); Luis is in
    # grade 12 and left out; Sofia never present. Back in 2026-27: Ana and Maya.
    everyone = rows[("all", "All students")]
    assert (everyone["active"], everyone["retained"], everyone["final_grade_left_out"]) == (3, 2, 1)
    assert everyone["retention_rate"] == pytest.approx(2 / 3)
    assert (rows[("hub", "North Hub")]["active"], rows[("hub", "North Hub")]["retained"]) == (2, 2)
    assert rows[("hub", "North Hub")]["final_grade_left_out"] == 1
    assert rows[("hub", "South Hub")]["retention_rate"] == 0.0
    assert rows[("ensemble", "South Hub · Choir")]["active"] == 1
    assert (rows[("grade", "4")]["active"], rows[("grade", "4")]["retained"]) == (2, 2)
    assert rows[("grade", "12")]["active"] == 0 and rows[("grade", "12")]["retention_rate"] is None
    assert rows[("first_year", "2025-26")]["active"] == 3
    # 2026-27 is over by 2027-07-15: the only note is the one on grades
    assert report.notes == [GRADES_NOTE.format(today="15 Jul 2027")]
    waitlist = report.sheet("waitlist").as_dicts()
    assert waitlist == [
        {"hub": "North Hub", "ensemble": "Strings", "waiting": 1, "enrolled_from_waitlist": 1,
         "median_days_waited": 12.0}
    ]  # fmt: skip
    conversions = {r["term"]: r["conversions"] for r in report.sheet("conversions").as_dicts()}
    assert conversions == {"Fall": 1, "Spring": 0}


def test_retention_notes_a_year_in_progress(services: Services, register: Register) -> None:
    report = services.reports.run(
        "retention", ReportParams(year="2025-26", today=dt.date(2026, 10, 1))
    )
    assert any("2026-27" in note for note in report.notes)


def test_the_breakdown_is_written_in_words(
    services: Services, register: Register, tmp_path: Path
) -> None:
    from harmony_desktop.domain import i18n
    from harmony_desktop.services.reports.export import write_report

    report = services.reports.run(
        "retention", ReportParams(year="2025-26", today=dt.date(2027, 7, 15))
    )
    write_report(report, tmp_path / "retention.csv")
    lines = (tmp_path / "retention.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("breakdown,group,")  # the header keeps its key
    assert lines[1].startswith("All students,All students,2025-26,3,2,")
    assert {line.split(",")[0] for line in lines[1:]} == {
        "All students", "Hub", "Ensemble", "Grade", "First year (cohort)"
    }  # fmt: skip
    i18n.set_language("es")
    column = report.sheet("retention").columns[0]
    assert column.word("first_year") == "Primer año (cohorte)"


def test_the_grade_used_is_said_on_the_sheet_the_file_and_the_printout(
    services: Services, register: Register, tmp_path: Path
) -> None:
    """A student's grade is one field, today's: there is no grade per year or per
    enrollment. Luis is recorded in grade 12 on 15 Jul 2027, so he is left out of
    2025-26 as graduating, whatever grade he was in then; the report says the grades are
    those of 15 Jul 2027, not of 2025-26, on the tab (its notes), in the .xlsx's About
    sheet and at the foot of the printout, in English and in Spanish. A retention of
    the year in progress (2026-27 on 1 Oct 2026) uses the grades of that year: no note."""
    from openpyxl import load_workbook

    from harmony_desktop.domain import i18n
    from harmony_desktop.printing.language import document_language
    from harmony_desktop.printing.reports import render_report_pdf
    from harmony_desktop.services.reports.export import write_report

    params = ReportParams(year="2025-26", today=dt.date(2027, 7, 15))
    report = services.reports.run("retention", params)
    note = GRADES_NOTE.format(today="15 Jul 2027")
    assert note in report.notes
    assert report.sheet("retention").as_dicts()[0]["final_grade_left_out"] == 1  # Luis
    about = load_workbook(write_report(report, tmp_path / "retention.xlsx"))["About"]
    assert note in [row[0] for row in about.iter_rows(values_only=True)]
    with document_language("en"):
        pdf = render_report_pdf(report, tmp_path / "retention.pdf", printed_on=params.today)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "no history of grades is kept" in " ".join(text.split())
    i18n.set_language("es")
    try:
        spanish = services.reports.run("retention", params)
    finally:
        i18n.set_language("en")
    assert any("no se guarda un historial de grados" in n for n in spanish.notes)
    current = services.reports.run(
        "retention", ReportParams(year="2026-27", today=dt.date(2026, 10, 1))
    )
    assert not any("grades" in n for n in current.notes)
