"""A printed report's page furniture, read back from the PDF with pdftotext: the days
in the header, under the chart and in the footer are written in words, in the language
the report is printed in, as the Reports tab writes them."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harmony_desktop.printing.language import document_language
from harmony_desktop.printing.reports import render_report_pdf
from harmony_desktop.services.reports import (
    Chart,
    ChartKind,
    Column,
    Format,
    Report,
    Series,
    Sheet,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def small_report() -> Report:
    sheet = Sheet("s", "Hubs", [Column("hub", "Hub"), Column("n", "N")], [["Test Park", 3]])
    report = Report("k", "Attendance", "All hubs (1) · 1 Sep 2026 to 30 Sep 2026", [sheet])
    report.charts = [
        Chart(
            "Weekly rate",
            ChartKind.SMALL_MULTIPLES,
            ["2026-09-07", "2026-09-14", "2026-09-21"],
            [Series("Test Park", [0.9, 0.8, 0.95])],
        )
    ]
    return report


@pytest.mark.parametrize(
    ("language", "printed", "weeks"),
    [
        ("en", "Printed Thu 3 Dec 2026 · Harmony Desktop", ("7 Sep 2026", "21 Sep 2026")),
        ("es", "Impreso jue 3 dic 2026 · Harmony Desktop", ("7 sep 2026", "21 sep 2026")),
    ],
)
def test_printed_days_are_written_in_words(
    tmp_path: Path, language: str, printed: str, weeks: tuple[str, str]
) -> None:
    with document_language(language):
        pdf = render_report_pdf(
            small_report(), tmp_path / "report.pdf", printed_on=dt.date(2026, 12, 3)
        )
    text = text_of(pdf)
    assert text.count(printed) == 2  # the chart's page and the table's
    for week in weeks:
        assert week in text
    assert "2026-12-03" not in text and "2026-09-07" not in text
    assert "sept" not in text  # the chart writes months as the scope line does


def test_the_weeks_under_side_by_side_charts_do_not_run_into_each_other(tmp_path: Path) -> None:
    report = small_report()
    report.charts[0].categories = ["2026-08-24", "2026-10-05", "2026-11-16"]
    report.charts[0].series.append(Series("Second Hub", [0.7, 0.75, 0.8]))
    with document_language("en"):
        pdf = render_report_pdf(report, tmp_path / "report.pdf", printed_on=dt.date(2026, 12, 3))
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    words = [
        (float(m[1]), float(m[2]), float(m[3]), m[4])
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html
        )
    ]
    line_y = next(y for _x, y, _x2, w in words if w == "16")
    line = sorted((x, x2, w) for x, y, x2, w in words if abs(y - line_y) < 1)
    assert [w for _x, _x2, w in line] == ["24", "Aug", "2026", "16", "Nov", "2026"] * 2
    for (_x, right, _w), (left, _x2, _w2) in itertools.pairwise(line):
        assert right < left  # a gap between every two words


def test_columns_are_as_wide_as_what_they_hold(tmp_path: Path) -> None:
    """A long hub name is not squeezed into a column as narrow as a count's: the columns
    of short numbers give their room to the names (a participation upload of 45
    students printed eight to a page, each hub name on five lines)."""
    hub = "Centro Comunitario Ramón Martínez de la Fuente Hub"
    columns = [
        Column("district_id", "District student ID"),
        Column("state_id", "Statewide student ID"),
        Column("first", "Legal first name"),
        Column("last", "Legal last name"),
        Column("born", "Date of birth", Format.DATE),
        Column("grade", "Grade"),
        Column("hub", "Hub"),
        Column("start", "Programme start", Format.DATE),
        Column("days", "Days in programme", Format.INT),
    ]
    rows = [
        [f"1000{i:05d}", "", "Luis Ángel", f"Domínguez-Echeverría {i}", "2013-06-04", "8",
         hub, "2026-08-31", 9]
        for i in range(45)
    ]  # fmt: skip
    sheet = Sheet("leap", "Participation", columns, rows)
    report = Report("leap", "Participation upload", "One hub · 1 Jul 2026 to 6 Oct 2026", [sheet])
    with document_language("en"):
        pdf = render_report_pdf(report, tmp_path / "leap.pdf", printed_on=dt.date(2026, 10, 7))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+2\b", info.stdout), info.stdout
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    words = [
        (float(m[1]), float(m[2]), m[3])
        for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" [^>]*>([^<]*)<', html)
    ]
    centro = [y for _x, y, w in words if w == "Centro"]
    fuente = [y for _x, y, w in words if w == "Fuente"]
    assert len(centro) == len(fuente) >= 20
    assert all(abs(a - b) < 1 for a, b in zip(centro, fuente, strict=True))  # one line


def test_a_chart_writes_the_period_rate_beside_each_hub(tmp_path: Path) -> None:
    """Weekly rates of 90 %, 80 % and 95 % average 88 %, but when the period's rate
    (present ÷ all marks, the tables' figure) is 84 % the printout says 84 %, the
    figure a funder finds in the tables; a series without one keeps the plain mean."""
    report = small_report()
    report.charts[0].series[0].overall = 0.84
    report.charts[0].series.append(Series("Other Park", [0.5, 1.0, None]))
    with document_language("en"):
        pdf = render_report_pdf(report, tmp_path / "report.pdf", printed_on=dt.date(2026, 12, 3))
    text = text_of(pdf)
    assert "mean 84 %" in text and "mean 88 %" not in text
    assert "mean 75 %" in text  # Other Park: (50 % + 100 %) / 2


def test_no_text_smaller_than_8_points(tmp_path: Path) -> None:
    """Charts and tables alike: the weeks under a chart were 6 points, its means 7, the
    foot of a table's pages 6.5."""
    report = small_report()
    report.charts.append(
        Chart("Retention", ChartKind.BARS, ["Test Park"], [Series("Rate", [0.8])], percent=True)
    )
    with document_language("en"):
        pdf = render_report_pdf(report, tmp_path / "report.pdf", printed_on=dt.date(2026, 12, 3))
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = [
        (float(m[2]) - float(m[1])) / 1.164
        for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
    ]
    assert len(heights) > 20 and min(heights) >= 7.9, sorted(heights)[:5]


def test_pages_are_numbered_through_the_whole_report(tmp_path: Path) -> None:
    """A report's pages are numbered from its first to its last, chart pages included,
    each with the day it was printed: a funder's copy dropped on the floor goes back in
    order (each table counted its own pages from 1, and a chart page had no number)."""
    report = small_report()
    names = Sheet(
        "names", "Students", [Column("name", "Student"), Column("n", "Days", Format.INT)],
        [[f"Student {i}", i] for i in range(40)],
    )  # fmt: skip
    report.sheets.append(names)
    with document_language("en"):
        pdf = render_report_pdf(report, tmp_path / "report.pdf", printed_on=dt.date(2026, 12, 3))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    total = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]
    assert total == 4  # the chart, the hubs, the 40 students on two pages
    for n in range(1, total + 1):
        page = subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert f"Page {n} of {total}" in page, n
        assert "Printed Thu 3 Dec 2026 · Harmony Desktop" in page, n
        assert "All hubs (1) · 1 Sep 2026 to 30 Sep 2026" in page, n


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Nothing to report for this period: Family events; Performances."),
        ("es", "No hay nada que informar en este periodo: Family events; Performances."),
    ],
)
def test_empty_tables_share_one_page(tmp_path: Path, language: str, said: str) -> None:
    """Tables with nothing in them are named together on one page, not given a page each
    (the engagement report of a hub with no events printed five pages, each saying only
    that there was nothing to report)."""
    report = small_report()
    report.charts = []
    for title in ("Family events", "Performances"):
        report.sheets.append(Sheet(title.lower(), title, [Column("hub", "Hub")], []))
    with document_language(language):
        pdf = render_report_pdf(report, tmp_path / "report.pdf", printed_on=dt.date(2026, 12, 3))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+2\b", info.stdout)
    last = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert said in " ".join(last.split())


def twenty_hubs() -> Report:
    """A programme of 20 hubs with long names, two of them alike but for their last word."""
    names = [
        "Hollenbeck Park", "MacArthur Park", "Westlake Elementary", "Lafayette Park",
        "Exposition Park", "Watts Arts Center", "Echo Park Lake",
        "Highland Park Community Center", "Pacoima Middle School", "Lincoln Park",
        "Rancho Cienega", "Hollywood Elementary", "Inglewood Crenshaw Academy",
        "South Gate Park", "Wilmington Harbor Center", "Boyle Heights Arts Academy",
        "Cypress Park", "Centro Comunitario Ramón Martínez de la Fuente",
        "Van Nuys Sherman Oaks Park East", "Van Nuys Sherman Oaks Park West",
    ]  # fmt: skip
    weeks = ["2026-09-07", "2026-09-14", "2026-09-21"]
    sheet = Sheet("s", "Hubs", [Column("hub", "Hub")], [[name] for name in names])
    report = Report("k", "Attendance", "All hubs (20) · 1 Sep 2026 to 30 Sep 2026", [sheet])
    report.charts = [
        Chart(
            "Weekly rate", ChartKind.SMALL_MULTIPLES, weeks,
            [Series(name, [0.9, 0.8, 0.7]) for name in names],
        ),
        Chart(
            "Retention", ChartKind.BARS, names, [Series("Rate", [0.5] * len(names))],
            percent=True,
        ),
    ]  # fmt: skip
    return report


def page_words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(x min, y min, x max, y max, word) of a page's words, in points."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [
        (float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5])
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html
        )
    ]


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_twenty_hubs_are_told_apart_on_the_charts(tmp_path: Path, size: str) -> None:
    """With 20 hubs side by side, a long name was cut short to fit beside its mean:
    "Van Nuys Sherman Oaks Park East" and "… West" both read "Van Nuys Sherman Oaks …".
    Each name is now printed whole, wrapped between its words, at 8 points at least; the
    bars' names too, inside the page."""
    with document_language("en"):
        pdf = render_report_pdf(
            twenty_hubs(), tmp_path / "report.pdf", page_size=size,
            printed_on=dt.date(2026, 12, 3),
        )  # fmt: skip
    for page in (1, 2):
        words = page_words(pdf, page)
        said = [w for *_box, w in words]
        assert not any("…" in w for w in said), page
        assert said.count("East") == 1 and said.count("West") == 1, page
        assert said.count("Sherman") == 2 and said.count("Fuente") == 1, page
        width = 792 if size == "Letter" else 842  # landscape, 12 mm (34 points) margins
        assert all(x0 >= 33 and x1 <= width - 33 for x0, _y0, x1, _y1, _w in words), page
        assert min((y1 - y0) / 1.164 for _x0, y0, _x1, y1, _w in words) >= 7.9
    # Each wrapped name sits above its own chart: "East" under "Van" in the panel of
    # the 19th hub, left of the 20th's.
    words = page_words(pdf, 1)
    vans = sorted((x0, y0) for x0, y0, _x1, _y1, w in words if w == "Van")
    east = next((x0, y0) for x0, y0, _x1, _y1, w in words if w == "East")
    west = next((x0, y0) for x0, y0, _x1, _y1, w in words if w == "West")
    assert len(vans) == 2 and vans[0][0] <= east[0] < vans[1][0] <= west[0]
    assert east[1] > vans[0][1] and west[1] > vans[1][1]  # on the line below
