"""Totals and their rows agree in the .xlsx a funder sums, and a student in two
ensembles is served once.

A small register of its own: Rounding Hub, "Winds" (Tuesdays 16:00–17:00) held on
2025-09-02 and "Choir" (Tuesdays 17:00–17:30) held the same day. Ana, Ben and Cruz are
in Winds and all arrive late, at 16:40: each attends 20 minutes, 1/3 h, shown 0.33.
Ana is in Choir too and is there the whole half hour.

By hand: Winds 3 × 1/3 h = 1.00 h, Choir 0.50 h, the hub 1.50 h; the rows, as shown,
add up to 0.83 + 0.33 + 0.33 = 1.49 h, but the cells keep the exact hours, so the sum
of the .xlsx column is the hub's 1.50; the .csv rounds one third up (0.34) so that its
rows add up to 1.50 too. The hub served 3 students (Ana once), its
ensembles 3 + 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.services.reports.export import write_report
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Enrollment,
    Ensemble,
    Hub,
    Student,
)
from harmony_desktop.store.replica import attendance_mark_id

DAY = dt.date(2025, 9, 2)  # a Tuesday
PERIOD = ReportParams(first=dt.date(2025, 9, 1), last=dt.date(2025, 9, 30), today=DAY)


@pytest.fixture
def rounding_hub(services: Services) -> None:
    """The register of the module docstring."""
    t = dt.time
    with services.store.write() as w:
        hub = w.insert(Hub(name="Rounding Hub"))

        def ensemble(name: str, start: str, end: str) -> tuple[str, str]:
            ens = w.insert(
                Ensemble(hub_id=hub.id, name=name,
                         schedule=json.dumps([{"weekday": 1, "start": start, "end": end}]))
            )  # fmt: skip
            session = w.insert(
                ClassSession(hub_id=hub.id, ensemble_id=ens.id, date=DAY,
                             start=t.fromisoformat(start), end=t.fromisoformat(end),
                             status="held", kind="regular")
            )  # fmt: skip
            return ens.id, session.id

        winds, winds_session = ensemble("Winds", "16:00", "17:00")
        choir, choir_session = ensemble("Choir", "17:00", "17:30")
        for first in ("Ana", "Ben", "Cruz"):
            sid = w.insert(
                Student(hub_id=hub.id, legal_first_name=first, legal_last_name="Rounder",
                        grade="5", date_of_birth=dt.date(2015, 1, 1))
            ).id  # fmt: skip
            places = [(winds, winds_session, "L", t(16, 40))]
            if first == "Ana":
                places.append((choir, choir_session, "P", None))
            for ens_id, session_id, code, arrival in places:
                w.insert(Enrollment(hub_id=hub.id, student_id=sid, ensemble_id=ens_id,
                                    status="enrolled", enrolled_on=dt.date(2025, 8, 25)))  # fmt: skip
                w.insert(
                    AttendanceMark(id=attendance_mark_id(session_id, sid), hub_id=hub.id,
                                   session_id=session_id, student_id=sid, code=code,
                                   arrival_time=arrival)
                )  # fmt: skip


def test_hours_rows_keep_exact_hours_so_the_xlsx_sums_to_the_total(
    services: Services, rounding_hub: None, tmp_path: Path
) -> None:
    report = services.reports.run("attendance", PERIOD)
    [hub] = report.sheet("by_hub").as_dicts()
    assert (hub["students"], hub["served"], hub["present"], hub["hours_attended"]) == (
        3, 3, 4, 1.5)  # fmt: skip
    ensembles = {r["ensemble"]: r for r in report.sheet("by_ensemble").as_dicts()}
    assert (ensembles["Winds"]["students"], ensembles["Choir"]["students"]) == (3, 1)
    assert ensembles["Winds"]["hours_attended"] == pytest.approx(1.0)
    out = write_report(report, tmp_path / "attendance.xlsx")
    rows = list(load_workbook(out)["Attendance"].iter_rows(values_only=True))
    hours = [row[rows[0].index("hours_attended")] for row in rows[1:]]
    assert hours == pytest.approx([0.5, 1 / 3, 1 / 3, 1 / 3])  # Ana (Choir, Winds), Ben, Cruz
    assert sum(hours) == pytest.approx(1.5)  # the hub's total, not 0.33 × 3 + 0.50
    # the .csv writes two places, and its rows add up to its totals: Winds's three
    # thirds are 0.34 + 0.33 + 0.33 = 1.00 (the first on the tie takes the hundredth),
    # not 0.33 × 3 = 0.99
    write_report(report, tmp_path / "attendance.csv")
    text = (tmp_path / "attendance-by_ensemble.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1:] == [
        "Rounding Hub,Choir,,1,1,1,1,0,0,0,1.0000,0,0.50",
        "Rounding Hub,Winds,,1,3,3,3,0,0,0,1.0000,0,1.00",
    ]
    by_hub = (tmp_path / "attendance-by_hub.csv").read_text(encoding="utf-8-sig")
    assert by_hub.splitlines()[1].endswith(",1.50")
    with (tmp_path / "attendance.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["ensemble"], r["hours_attended"]) for r in rows] == [
        ("Choir", "0.50"), ("Winds", "0.34"), ("Winds", "0.33"), ("Winds", "0.33")]  # fmt: skip
    assert sum(Decimal(r["hours_attended"]) for r in rows) == Decimal("1.50")

    served = services.reports.run("hours", PERIOD)
    by_student = served.sheet("by_student").as_dicts()
    assert len(by_student) == 3  # Ana once, over both ensembles
    ana = next(r for r in by_student if r["student"].endswith("Ana"))
    assert ana["hours_attended"] == pytest.approx(1 / 3 + 0.5)
    out = write_report(served, tmp_path / "hours.xlsx")
    book = load_workbook(out)
    rows = list(book[book.sheetnames[0]].iter_rows(values_only=True))
    column = rows[0].index("hours_attended")
    assert sum(row[column] for row in rows[1:]) == pytest.approx(1.5)
    assert book[book.sheetnames[0]].cell(2, column + 1).number_format == "0.00"
