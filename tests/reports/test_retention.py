"""The ``retention`` kind against the hand-built register."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from tests.reports.register import Register

#: the note a retention of 2025-26 run after that year carries when the grades' years
#: are not recorded (the register's four active students: written out by hand)
GRADES_NOTE = (
    "4 students' grades have no recorded school year: the grades as recorded on {today} are used."
)
#: the note when grades recorded for another year were worked out
WORKED_OUT_NOTE = (
    "Grades are those the students had in 2025-26: a grade recorded for another year is"
    " worked out from it and that year, one grade a year (grade 6 in 2026-27 was grade 5"
    " in 2025-26)."
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
    """The register's grades have no recorded year (set before grades recorded it):
    Luis is recorded in grade 12, so he is left out of 2025-26 as graduating; the report
    says the grades are those of 15 Jul 2027 for want of their year, on the tab (its
    notes), in the .xlsx's About sheet and at the foot of the printout, in English and
    in Spanish. A retention of the year in progress (2026-27 on 1 Oct 2026) uses the
    grades of that year: no note."""
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
    assert "have no recorded school year" in " ".join(text.split())
    i18n.set_language("es")
    try:
        spanish = services.reports.run("retention", params)
    finally:
        i18n.set_language("en")
    assert any("no tienen curso escolar registrado" in n for n in spanish.notes)
    current = services.reports.run(
        "retention", ReportParams(year="2026-27", today=dt.date(2026, 10, 1))
    )
    assert not any("grades" in n for n in current.notes)


def _record_grades(services: Services, grades: dict[str, tuple[str, str]]) -> None:
    from sqlmodel import select

    from harmony_desktop.store.models import Student

    with services.store.write() as w:
        for st in w.session.exec(select(Student)).all():
            if st.legal_first_name in grades:
                grade, year = grades[st.legal_first_name]
                w.update(st, grade=grade, grade_year=year)


def test_retention_by_grade_uses_the_grade_each_student_had_in_the_year(
    services: Services, register: Register
) -> None:
    """Grades recorded for 2026-27 (the students moved up since) are worked out back to
    2025-26, one grade a year: Ana 5 -> 4, Diego 8 -> 7, Luis 12 -> 11 (so he is counted,
    not left out as graduating); Maya's 4 is recorded for 2025-26 itself. Active in
    2025-26: Ana, Maya, Luis (North), Diego (South); back in 2026-27: Ana and Maya."""
    _record_grades(
        services,
        {"Ana": ("5", "2026-27"), "Maya": ("4", "2025-26"), "Diego": ("8", "2026-27"),
         "Luis": ("12", "2026-27")},
    )  # fmt: skip
    report = services.reports.run(
        "retention", ReportParams(year="2025-26", today=dt.date(2027, 7, 15))
    )
    rows = {(r["breakdown"], r["group"]): r for r in report.sheet("retention").as_dicts()}
    everyone = rows[("all", "All students")]
    assert (everyone["active"], everyone["retained"], everyone["final_grade_left_out"]) == (4, 2, 0)
    assert everyone["retention_rate"] == pytest.approx(0.5)
    north = rows[("hub", "North Hub")]
    assert (north["active"], north["retained"], north["final_grade_left_out"]) == (3, 2, 0)
    grade_rows = {g: (r["active"], r["retained"]) for (b, g), r in rows.items() if b == "grade"}
    assert grade_rows == {"4": (2, 2), "7": (1, 0), "11": (1, 0)}
    assert report.notes == [WORKED_OUT_NOTE]


def test_grade_12_left_out_is_the_grade_in_the_year(services: Services, register: Register) -> None:
    """Luis in grade 12 for 2025-26 finished school in it: left out; Ana recorded in
    grade 12 for 2026-27 was in 11 in 2025-26: counted (and she came back)."""
    _record_grades(
        services,
        {"Ana": ("12", "2026-27"), "Maya": ("4", "2025-26"), "Diego": ("7", "2025-26"),
         "Luis": ("12", "2025-26")},
    )  # fmt: skip
    report = services.reports.run(
        "retention", ReportParams(year="2025-26", today=dt.date(2027, 7, 15))
    )
    rows = {(r["breakdown"], r["group"]): r for r in report.sheet("retention").as_dicts()}
    everyone = rows[("all", "All students")]
    assert (everyone["active"], everyone["retained"], everyone["final_grade_left_out"]) == (3, 2, 1)
    assert (rows[("grade", "11")]["active"], rows[("grade", "11")]["retained"]) == (1, 1)
    assert rows[("grade", "12")]["final_grade_left_out"] == 1
    assert report.notes == [WORKED_OUT_NOTE]


def test_a_term_asked_for_measures_its_whole_year_and_says_so(
    services: Services, register: Register
) -> None:
    """Retention compares whole programme years: asked for the Fall term of 2025-26
    (1 Sep – 19 Dec 2025), it measures 2025-26 whole, as it did before, but its scope
    said "1 Sep 2025 to 19 Dec 2025" over the year's figures. Now the scope names the
    year measured and a note says why: the same figures as the year (3 active, 2
    back, Luis in grade 12 left out), 1 Jul 2025 to 30 Jun 2026."""
    term = services.reports.run(
        "retention",
        ReportParams(first=dt.date(2025, 9, 1), last=dt.date(2025, 12, 19),
                     today=dt.date(2027, 7, 15)),
    )  # fmt: skip
    everyone = term.sheet("retention").as_dicts()[0]
    assert (everyone["active"], everyone["retained"], everyone["final_grade_left_out"]) == (3, 2, 1)
    assert term.scope == "All hubs (2) · 1 Jul 2025 to 30 Jun 2026"
    assert term.notes[0] == (
        "Retention compares whole programme years: the days asked for (1 Sep 2025 to"
        " 19 Dec 2025) are in 2025-26, so the whole of 2025-26 is measured."
    )
    year = services.reports.run(
        "retention", ReportParams(year="2025-26", today=dt.date(2027, 7, 15))
    )
    assert year.scope == term.scope
    assert not any("whole programme years" in note for note in year.notes)
    from harmony_desktop.domain import i18n

    i18n.set_language("es")
    try:
        spanish = services.reports.run("retention", term.params)
    finally:
        i18n.set_language("en")
    assert spanish.notes[0] == (
        "La retención compara años del programa completos: los días pedidos (del 1 sep"
        " 2025 al 19 dic 2025) están en 2025-26, así que se mide todo 2025-26."
    )


def test_back_at_another_hub_is_retained_in_the_programme_not_by_the_first_hub_alone(
    services: Services, register: Register
) -> None:
    """docs/REPORTS.md: active again is anywhere in scope. Diego (South's Choir, active
    in 2025-26) comes back in 2026-27 at North's Strings (present 7 Sep 2026): South's
    row of the report of every hub counts him retained (1 of 1), South's own report
    does not (0 of 1): its scope is South. (Documents what the report always did.)"""
    from harmony_desktop.store.models import AttendanceMark, Enrollment
    from harmony_desktop.store.replica import attendance_mark_id

    diego, day = register.students["Diego"], dt.date(2026, 9, 7)
    session = register.sessions[("Strings", day, "15:00")]
    with services.store.write() as w:
        w.insert(Enrollment(hub_id=register.north, student_id=diego,
                            ensemble_id=register.strings, status="enrolled",
                            enrolled_on=dt.date(2026, 9, 1)))  # fmt: skip
        w.insert(AttendanceMark(id=attendance_mark_id(session, diego), hub_id=register.north,
                                session_id=session, student_id=diego, code="P"))  # fmt: skip
    today = dt.date(2027, 7, 15)
    every = services.reports.run("retention", ReportParams(year="2025-26", today=today))
    rows = {(r["breakdown"], r["group"]): r for r in every.sheet("retention").as_dicts()}
    assert (rows[("hub", "South Hub")]["active"], rows[("hub", "South Hub")]["retained"]) == (1, 1)
    south = services.reports.run(
        "retention", ReportParams(hub_id=register.south, year="2025-26", today=today)
    )
    rows = {(r["breakdown"], r["group"]): r for r in south.sheet("retention").as_dicts()}
    assert (rows[("hub", "South Hub")]["active"], rows[("hub", "South Hub")]["retained"]) == (1, 0)
