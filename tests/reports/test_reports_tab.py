"""The Reports tab, driven as a user would, over the hand-built register."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import export
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.reports import ReportsPage
from tests.reports.register import Register


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, services: Services, register: Register
) -> Iterator[MainWindow]:
    install_translator(qapp, QLocale("en_US"))  # English, with its plural forms
    win = MainWindow(services, register.north, today=dt.date(2026, 7, 15), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()


def run(qtbot: QtBot, page: ReportsPage, kind: str, hub: str = "All hubs") -> None:
    page.kind_box.setCurrentIndex(page.kind_box.findData(kind))
    page.hub_box.setCurrentIndex(page.hub_box.findText(hub))
    with qtbot.waitSignal(page.reportShown, timeout=10_000):
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)


def test_run_sort_and_export(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    qtmodeltester,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = window.reports
    window.pages.setCurrentWidget(page)
    page.year_box.setCurrentIndex(page.year_box.findData("2025-26"))
    run(qtbot, page, "attendance")
    model = page.model
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and page.message == "5 rows"
    # The person first, the app's id last and narrow; the model keeps the file's order.
    shown = page.visible_columns()
    assert shown[0] == "student" and shown[-1] == "student_id"
    assert model.sheet.columns[0].key == "student_id"
    id_width = page.table.horizontalHeader().sectionSize(0)
    assert id_width < page.table.horizontalHeader().sectionSize(1)
    names = [model.index(r, 1).data() for r in range(5)]
    assert names == ["Garcia, Ana", "Kim, Sofia", "Lopez, Luis", "Nguyen, Maya", "Smith, Diego"]
    rate = model.sheet.column_index("rate")
    page.table.sortByColumn(rate, Qt.SortOrder.DescendingOrder)
    # 100 %, 75 %, 70 %, 60 %, then Sofia with no rate last
    assert [model.index(r, rate).data() for r in range(5)] == [
        "100.0\u00a0%", "75.0\u00a0%", "70.0\u00a0%", "60.0\u00a0%", ""]  # fmt: skip
    page.sheet_box.setCurrentIndex(page.sheet_box.findData("by_hub"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "North Hub", "South Hub", "All hubs"]  # fmt: skip
    # The count is the sheet's being read, not the first sheet's.
    assert page.message == "3 rows" and page.visible_columns()[0] == "hub"
    monkeypatch.setattr(export, "PROGRESS_ROWS", 1)  # a progress report per row
    for suffix in (".xlsx", ".csv", ".pdf"):
        with qtbot.waitSignal(page.fileWritten, timeout=20_000):
            page.write_file(tmp_path / f"out{suffix}")
        assert (tmp_path / f"out{suffix}").stat().st_size > 0
        if suffix == ".xlsx":  # the bar counted the rows of every sheet: 5 + 2 + 3
            assert page.progress.maximum() == 10 and page.progress.format() == "By hub"


def test_one_hub_and_ensemble(qtbot: QtBot, window: MainWindow, qtmodeltester) -> None:
    page = window.reports
    page.year_box.setCurrentIndex(page.year_box.findData("2025-26"))
    page.hub_box.setCurrentIndex(page.hub_box.findText("South Hub"))
    assert [page.ensemble_box.itemText(i) for i in range(page.ensemble_box.count())] == [
        "All ensembles", "Choir"]  # fmt: skip
    page.ensemble_box.setCurrentIndex(1)
    run(qtbot, page, "hours", hub="South Hub")
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "Smith, Diego"


def test_bad_period_is_said(qtbot: QtBot, window: MainWindow) -> None:
    page = window.reports
    page.dates_box.setChecked(True)
    page.first_edit.setDate(page.last_edit.date().addDays(3))
    page.kind_box.setCurrentIndex(page.kind_box.findData("attendance"))
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "before it starts" in page.period_refusal.text(), timeout=20_000)
    assert page.report is None and not page.xlsx_button.isEnabled()


def test_the_date_boxes_and_the_scope_write_months_alike_in_spanish(
    qtbot: QtBot, window: MainWindow, qapp: QApplication, services: Services, register: Register
) -> None:
    """The tab's date boxes (Qt) and the report's scope line (Babel) write September the
    same way, as the printouts do: "sep", never "sept"."""
    try:
        assert install_translator(qapp, QLocale("es_MX"))
        page = ReportsPage(services, register.north, window.tasks, today=dt.date(2025, 9, 30))
        qtbot.addWidget(page)
        page.show()
        assert page.first_edit.text() == "3 sep 2025"
        assert page.last_edit.text() == "30 sep 2025"
        page.dates_box.setChecked(True)
        run(qtbot, page, "attendance", hub="Todas las sedes")
        assert "del 3 sep 2025 al 30 sep 2025" in page.scope_label.text()
        assert "sept" not in page.scope_label.text()
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_volunteers_and_engagement_are_listed_and_run(
    qtbot: QtBot, window: MainWindow, services: Services, register: Register, tmp_path: Path,
    qtmodeltester,
) -> None:  # fmt: skip
    page = window.reports
    listed = [page.kind_box.itemData(i) for i in range(page.kind_box.count())]
    assert listed == [k.name for k in services.reports.kinds()]
    assert {"volunteers", "engagement"} <= set(listed)
    services.volunteers.save(
        register.north, {"first_name": "Vol", "last_name": "Tester", "status": "active"}
    )
    services.events.add_family_event(
        register.north, dt.date(2026, 7, 10), dt.time(18), dt.time(19), title="Summer night"
    )
    page.year_box.setCurrentIndex(page.year_box.findData("2026-27"))
    run(qtbot, page, "volunteers")
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 0  # no shift worked yet
    page.sheet_box.setCurrentIndex(page.sheet_box.findData("by_hub"))
    assert [page.model.index(0, c).data() for c in range(3)] == ["North Hub", "1", "1"]
    page.sheet_box.setCurrentIndex(page.sheet_box.findData("clearances"))
    assert page.model.rowCount() == 4  # four required clearances, all missing
    assert {page.model.index(r, 6).data() for r in range(4)} == {"missing"}
    run(qtbot, page, "engagement")
    qtmodeltester.check(page.model)
    assert [page.model.index(0, c).data() for c in (0, 2, 4, 5)] == [
        "North Hub", "Summer night", "0", "0"]  # fmt: skip
    with qtbot.waitSignal(page.fileWritten, timeout=20_000):
        page.write_file(tmp_path / "engagement.pdf")
    assert (tmp_path / "engagement.pdf").read_bytes()[:5] == b"%PDF-"


def test_row_count_uses_the_languages_plural_forms(window: MainWindow, qapp: QApplication) -> None:
    page = window.reports
    assert [page.rows_text(n) for n in (0, 1, 2, 2500)] == [
        "0 rows",
        "1 row",
        "2 rows",
        "2,500 rows",
    ]
    try:
        assert install_translator(qapp, QLocale("es_MX"))
        assert [page.rows_text(n) for n in (0, 1, 2, 7)] == [
            "0 filas", "1 fila", "2 filas", "7 filas"]  # fmt: skip
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_codes_are_shown_and_written_as_words(
    qtbot: QtBot, window: MainWindow, qapp: QApplication, tmp_path: Path
) -> None:
    page = window.reports
    window.pages.setCurrentWidget(page)
    page.year_box.setCurrentIndex(page.year_box.findData("2025-26"))
    run(qtbot, page, "hours")
    page.sheet_box.setCurrentIndex(page.sheet_box.findData("bands"))
    model = page.model
    measure = model.sheet.column_index("measure")
    measures = {model.index(r, measure).data() for r in range(model.rowCount())}
    assert measures == {"Hours attended", "Days attended", "Regular attendees (days attended)"}
    run(qtbot, page, "ases")
    page.sheet_box.setCurrentIndex(page.sheet_box.findData("early_release"))
    reason = page.model.sheet.column_index("reason")
    assert page.model.index(0, reason).data() == "Medical"
    with qtbot.waitSignal(page.fileWritten, timeout=20_000):
        page.write_file(tmp_path / "ases.csv")
    early = (tmp_path / "ases-early_release.csv").read_text(encoding="utf-8-sig")
    # The header keeps its key; the cell holds the words, not "medical".
    assert early.splitlines()[0].split(",")[2] == "reason"
    assert early.splitlines()[1].split(",")[2] == "Medical"
    by_day = (tmp_path / "ases-by_day.csv").read_text(encoding="utf-8-sig")
    assert ",Medical\n" in by_day and "medical" not in by_day
    # Ana left early on 22 September: 15:00 to 16:00 in the file, 12-hour in the tab.
    assert ",15:00,16:00,Medical\n" in by_day
    page.sheet_box.setCurrentIndex(page.sheet_box.findData("by_day"))
    sheet = page.model.sheet
    assert sheet is not None
    row = sheet.values("early_release_reason").index("medical")
    times = [sheet.column_index(key) for key in ("time_in", "time_out")]
    assert [page.model.index(row, c).data() for c in times] == ["3:00\u202fPM", "4:00\u202fPM"]
    try:
        assert install_translator(qapp, QLocale("es_MX"))
        run(qtbot, page, "ases")
        page.sheet_box.setCurrentIndex(page.sheet_box.findData("early_release"))
        assert page.model.index(0, reason).data() == "Médico"
        with qtbot.waitSignal(page.fileWritten, timeout=20_000):
            page.write_file(tmp_path / "ases.xlsx")
        from openpyxl import load_workbook

        book = load_workbook(tmp_path / "ases.xlsx", read_only=True)
        sheet = book.worksheets[1]
        cells = [tuple(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
        assert cells[0][2] == "reason" and cells[1][2] == "Médico"
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_a_column_of_codes_sorts_by_its_words(qapp: QApplication, qtmodeltester) -> None:
    from harmony_desktop.domain import i18n
    from harmony_desktop.services.reports.labels import reason_label
    from harmony_desktop.services.reports.model import Column, Sheet
    from harmony_desktop.ui.reports.model import ReportTableModel

    sheet = Sheet("early", "Early", [Column("reason", "Reason", labels=reason_label)])
    sheet.rows = [["medical"], ["picked_up_by_guardian"], ["ca_illness"]]
    model = ReportTableModel()
    model.set_sheet(sheet)
    qtmodeltester.check(model)
    with i18n.using("es"):
        model.sort(0)
        # "Enfermedad…", "Lo recogió…", "Médico": by the words, not by the codes
        # (ca_illness, medical, picked_up_by_guardian)
        assert [model.index(r, 0).data() for r in range(3)] == [
            "Enfermedad (salida temprana CA)",
            "Lo recogió su tutor(a)",
            "Médico",
        ]


def test_a_wide_grid_is_sized_to_its_widest_cell_wherever_it_is(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A grid of 2,500 students by 210 dates: each column is sized to its widest cell,
    even far down the grid, without Qt measuring every cell (twenty seconds)."""
    from harmony_desktop.services.reports.model import Column, Format, Report, Sheet

    page = window.reports
    window.pages.setCurrentWidget(page)
    days = [dt.date(2025, 9, 1) + dt.timedelta(days=i) for i in range(210)]
    columns = [Column("student_id", "Student id"), Column("student", "Student")] + [
        Column(day.isoformat(), day.isoformat(), Format.INT) for day in days
    ]
    rows = [
        [f"s{r}", f"Student number {r}"] + [(r + i) % 2 for i in range(210)] for r in range(2500)
    ]
    rows[2400][1] = "A student whose name is much longer than the rest"
    rows[2450][7] = 123456789
    # CPU time, not wall time: on a loaded machine (a parallel worker) the wall time adds
    # the wait for a core; measuring every cell costs some twenty seconds of CPU either way.
    began = time.process_time()
    page._shown(Report("grid", "Grid", "All hubs", [Sheet("grid", "Grid", columns, rows)]))
    seconds = time.process_time() - began
    header = page.table.horizontalHeader()
    assert page.model.rowCount() == 2500 and page.message == "2,500 rows"
    student = page.model.sheet.column_index("student")
    metrics = page.table.fontMetrics()
    assert header.sectionSize(student) >= metrics.horizontalAdvance(rows[2400][1])
    assert header.sectionSize(7) >= metrics.horizontalAdvance("123,456,789")
    assert header.sectionSize(5) < header.sectionSize(student) / 2  # a 0/1 column is narrow
    assert seconds < 5, f"{seconds:.1f} s of CPU to show the grid"


def test_columns_are_as_wide_as_qt_measuring_every_cell_makes_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The widths taken from each column's widest texts are those of Qt's own sizing
    over every row: names of every length in any order, figures either side of zero,
    rates, hours, codes shown as their words, empty cells."""
    from harmony_desktop.services.reports.model import Column, Format, Report, Sheet

    page = window.reports
    window.pages.setCurrentWidget(page)
    words = {"m": "Medical appointment", "x": "Excused"}
    columns = [
        Column("student", "Student"),
        Column("sessions", "Sessions", Format.INT),
        Column("change", "Change", Format.DECIMAL),
        Column("rate", "Rate", Format.RATE),
        Column("hours", "Hours", Format.HOURS),
        Column("reason", "Reason", labels=words.__getitem__),
    ]
    names = ["Ann", "Iiiiiiiiiiiiiiii Lil", "WWW MMM WWW", "Bo", "Lee Mwangi-Wambui"]
    rows = [
        [names[r % 5] + f" {r}", r % 7, (-1) ** r * r / 10, (r % 11) / 10, r * 1.5,
         ["m", "x", None][r % 3]]
        for r in range(300)
    ]  # fmt: skip
    rows[217][0] = "Wwwww Mmmmm Wwwwwwwww"  # short in letters, wide on screen
    page._shown(Report("t", "T", "All hubs", [Sheet("t", "T", columns, rows)]))
    header = page.table.horizontalHeader()
    header.setResizeContentsPrecision(-1)  # Qt's own sizing, every row
    for i in range(len(columns)):
        every_cell = page.table.sizeHintForColumn(i)
        assert page._cells_width(i) == every_cell, columns[i].key
        assert header.sectionSize(i) == max(every_cell, header.sectionSizeHint(i))


def test_a_narrowed_id_column_still_shows_its_whole_title(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    page = window.reports
    window.pages.setCurrentWidget(page)
    page.year_box.setCurrentIndex(page.year_box.findData("2025-26"))
    header = page.table.horizontalHeader()
    digits = page.table.fontMetrics().horizontalAdvance("0" * 10)
    run(qtbot, page, "attendance")
    id_column = page.model.sheet.column_index("student_id")
    assert page.model.headerData(id_column, Qt.Orientation.Horizontal) == "Student id"
    title_width = header.fontMetrics().horizontalAdvance("Student id")
    assert header.sectionSize(id_column) > title_width
    assert header.sectionSize(id_column) <= max(digits, title_width + 20)  # still narrow
    assert header.textElideMode() == Qt.TextElideMode.ElideRight  # "…" if narrowed by hand
    try:
        assert install_translator(qapp, QLocale("es_MX"))
        run(qtbot, page, "attendance", hub="Todas las sedes")
        title = page.model.headerData(id_column, Qt.Orientation.Horizontal)
        assert title == "ID del estudiante"
        title_width = header.fontMetrics().horizontalAdvance(title)
        assert header.sectionSize(id_column) > title_width > digits
        # still narrow: a whole id (36 characters) does not fit, it is cut short
        uuid = page.model.index(0, id_column).data()
        assert header.sectionSize(id_column) < page.table.fontMetrics().horizontalAdvance(uuid)
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_the_ensemble_box_fits_the_hubs_ensembles(
    qtbot: QtBot, window: MainWindow, services: Services, register: Register
) -> None:
    """The box opened holding "All ensembles" alone; a hub's longer names are read
    whole once the hub is chosen, not cut to "Beginning Stri"."""
    import json

    from harmony_desktop.store.models import Ensemble

    page = window.reports
    window.pages.setCurrentWidget(page)  # shown on North Hub: "Strings" at the widest
    qtbot.waitExposed(page, timeout=20_000)
    qtbot.wait(50)
    with services.store.write() as w:
        w.insert(Ensemble(hub_id=register.north, name="Beginning Strings and Winds",
                          schedule=json.dumps([])))  # fmt: skip
    page.hub_box.setCurrentIndex(page.hub_box.findText("South Hub"))
    page.hub_box.setCurrentIndex(page.hub_box.findText("North Hub"))
    page.ensemble_box.setCurrentIndex(page.ensemble_box.findText("Beginning Strings and Winds"))
    text = page.ensemble_box.fontMetrics().horizontalAdvance("Beginning Strings and Winds")
    qtbot.waitUntil(lambda: page.ensemble_box.width() > text, timeout=20_000)


def test_retention_opens_on_the_previous_year_until_a_year_is_picked(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Today is 15 Jul 2026: the current year 2026-27 has no next year yet, so its
    retention would read 0 % everywhere; the tab measures 2025-26, as the CLI does."""
    page = window.reports
    window.pages.setCurrentWidget(page)
    assert page.year_box.currentData() == "2026-27"
    page.kind_box.setCurrentIndex(page.kind_box.findData("retention"))
    assert page.year_box.currentData() == "2025-26"
    page.kind_box.setCurrentIndex(page.kind_box.findData("attendance"))
    assert page.year_box.currentData() == "2026-27"
    # A year the user picks stays, whatever the kind.
    page.kind_box.setCurrentIndex(page.kind_box.findData("retention"))
    page.year_box.setFocus()
    qtbot.keyClick(page.year_box, Qt.Key.Key_Up)  # retention of 2026-27, asked for
    assert page.year_box.currentData() == "2026-27"
    page.kind_box.setCurrentIndex(page.kind_box.findData("hours"))
    page.kind_box.setCurrentIndex(page.kind_box.findData("retention"))
    assert page.year_box.currentData() == "2026-27"
    page.year_box.setCurrentIndex(page.year_box.findData("2025-26"))
    page.kind_box.setCurrentIndex(page.kind_box.findData("hours"))  # left as it was
    assert page.year_box.currentData() == "2025-26"


def test_a_report_that_cannot_run_takes_the_previous_one_away(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.reports
    window.pages.setCurrentWidget(page)
    run(qtbot, page, "ases")
    assert page.model.rowCount() > 0 and page.xlsx_button.isEnabled()
    page.kind_box.setCurrentIndex(page.kind_box.findData("attendance"))
    page.dates_box.setChecked(True)
    page.first_edit.setDate(page.last_edit.date().addDays(3))
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "before it starts" in page.period_refusal.text(), timeout=20_000)
    assert page.report is None and page.model.rowCount() == 0
    assert page.scope_label.text() == "" and page.sheet_box.count() == 0
    assert not page.xlsx_button.isEnabled() and not page.pdf_button.isEnabled()


def test_the_year_box_offers_only_years_that_have_begun(
    qtbot: QtBot, window: MainWindow, services: Services, register: Register
) -> None:
    """On 4 Dec 2026 the year 2027-28 has not begun: nothing to report in it. The box
    offers 2026-27 (the current one, chosen) and 2025-26, newest first."""
    page = ReportsPage(services, register.north, window.tasks, today=dt.date(2026, 12, 4))
    qtbot.addWidget(page)
    years = [page.year_box.itemData(i) for i in range(page.year_box.count())]
    assert years == ["2026-27", "2025-26"]
    assert page.year_box.currentData() == "2026-27"
    page.kind_box.setCurrentIndex(page.kind_box.findData("retention"))
    assert page.year_box.currentData() == "2025-26"


@pytest.mark.parametrize(("paper", "size"), [("Letter", "792 x 612"), ("A4", "842 x 595")])
def test_print_to_pdf_asks_for_the_paper(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    paper: str, size: str,
) -> None:  # fmt: skip
    """A programme on A4 paper gets an A4 PDF from the Reports tab, as from the roster's
    print preview and the command line (the tab always wrote Letter)."""
    import re
    import subprocess

    from PySide6.QtWidgets import QFileDialog

    offered: list[str] = []

    def save_as(*args: object) -> tuple[str, str]:
        filters = str(args[3]).split(";;")
        offered.extend(filters)
        return str(tmp_path / "report.pdf"), next(f for f in filters if paper in f)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    page = window.reports
    window.pages.setCurrentWidget(page)
    run(qtbot, page, "attendance")
    with qtbot.waitSignal(page.fileWritten, timeout=20_000):
        qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert offered == ["PDF, Letter paper (*.pdf)", "PDF, A4 paper (*.pdf)"]
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(rf"Page size:\s+{size} pts", info), info


@pytest.mark.parametrize(
    ("locale", "wrapped"),
    [
        ("en_US", ("Sessions held", "Sessions\nheld")),
        ("es_MX", ("Sesiones realizadas", "Sesiones\nrealizadas")),
    ],
)
def test_attendance_by_hub_fits_a_1280_window_without_scrolling_sideways(
    qtbot: QtBot, window: MainWindow, qapp: QApplication, locale: str, wrapped: tuple[str, str]
) -> None:
    """At 1280x720 the attendance by hub (twelve columns since "Served"/"Atendidos")
    scrolled sideways by about 30 px in Spanish (under Xvfb). When the titles on one
    line are wider than the table, a title of two words or more is written on two lines, so its column
    is as narrow as its longer half or its figures; the tooltip still reads it whole,
    on one line. The student id keeps its title on one line. The rows are a year of
    three hubs as big as the demo's, written out by hand."""
    from harmony_desktop.services.reports.attendance import sheets
    from harmony_desktop.services.reports.model import Report

    try:
        assert install_translator(qapp, QLocale(locale))
        window.resize(1280, 720)
        page = window.reports
        window.pages.setCurrentWidget(page)
        attendance, _by_ensemble, by_hub = sheets()
        by_hub.rows = [
            ["Hollenbeck Park", 124, 118, 118, 2191, 73, 194, 0, 0.891, 38, 3624.6],
            ["MacArthur Park", 145, 132, 132, 2599, 87, 139, 0, 0.920, 28, 4142.75],
            ["Westlake Elementary", 185, 139, 137, 2729, 81, 162, 0, 0.918, 27, 4285.75],
        ]
        page._shown(Report("attendance", "Attendance", "All hubs", [by_hub, attendance]))
        header = page.table.horizontalHeader()
        held = by_hub.column_index("sessions_held")
        title, two_lines = wrapped
        qapp.processEvents()
        assert header.length() <= page.table.viewport().width()
        assert page.table.horizontalScrollBar().maximum() == 0
        # Titles go on two lines only where one line does not fit: this platform's
        # font is narrower than Xvfb's (the screenshots'), so the window is made as
        # narrow as sits between the table's width with its titles on one line and on
        # two.
        assert page._fit is not None
        one_line = page._fit[1]
        page._apply_titles(True)
        two_line = header.length()
        page._apply_titles(page._too_wide())
        assert two_line < one_line - 40
        spare = page.table.viewport().width() - (one_line + two_line) // 2
        window.resize(window.width() - spare, 720)
        qtbot.waitUntil(
            lambda: page.model.headerData(held, Qt.Orientation.Horizontal) == two_lines,
            timeout=20_000,
        )
        qapp.processEvents()
        assert header.length() <= page.table.viewport().width()
        assert header.height() >= 2 * header.fontMetrics().height()  # both lines show
        assert page.table.horizontalScrollBar().maximum() == 0
        tooltip = page.model.headerData(
            held, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
        )
        assert tooltip == title
        narrowed = header.sectionSize(held)
        # drawn whole at that width: Qt would elide the two lines as one ("Sesiones\nrealiz…")
        assert header.shown_title(two_lines, narrowed) == two_lines
        assert "…" in header.shown_title(two_lines, 40)  # narrowed by hand: "Ses…" over "held"
        page.model.set_two_line_titles([])  # as it was: every title on one line
        assert narrowed < header.sectionSizeHint(held)
        page.sheet_box.setCurrentIndex(page.sheet_box.findData("attendance"))
        student_id = attendance.column_index("student_id")
        assert "\n" not in page.model.headerData(student_id, Qt.Orientation.Horizontal)
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_a_title_on_two_lines_breaks_at_its_middle_space() -> None:
    from harmony_desktop.ui.reports.model import two_lines

    assert two_lines("Sesiones realizadas") == "Sesiones\nrealizadas"
    assert two_lines("Absences in a row") == "Absences\nin a row"
    assert two_lines("Grade 12, left out") == "Grade 12,\nleft out"
    # one word, or a word of two letters alone on a line: as it is
    assert two_lines("Hours") == "Hours"
    assert two_lines("Sesiones de") == "Sesiones de"
    assert two_lines("Grade 12") == "Grade 12"


def test_titles_go_on_two_lines_again_when_the_window_is_resized(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    """Two-line titles are decided again when the window is resized, not only when a
    sheet is shown: one line in a window with room for them all, two lines once it is
    made too narrow for that, one line again when it is widened. The rows are the hubs
    of the 1280 test."""
    from harmony_desktop.services.reports.attendance import sheets
    from harmony_desktop.services.reports.model import Report

    window.resize(2600, 720)  # room for every title on one line
    page = window.reports
    window.pages.setCurrentWidget(page)
    qapp.processEvents()
    attendance, _by_ensemble, by_hub = sheets()
    by_hub.rows = [
        ["Hollenbeck Park", 124, 118, 118, 2191, 73, 194, 0, 0.891, 38, 3624.6],
        ["MacArthur Park", 145, 132, 132, 2599, 87, 139, 0, 0.920, 28, 4142.75],
    ]
    page._shown(Report("attendance", "Attendance", "All hubs", [by_hub, attendance]))
    held = by_hub.column_index("sessions_held")
    header = page.table.horizontalHeader()

    def title() -> str:
        return str(page.model.headerData(held, Qt.Orientation.Horizontal))

    assert title() == "Sessions held"
    wide = header.sectionSize(held)
    assert page._fit is not None
    one_line = page._fit[1]
    # too narrow for one line (by 40 px), wide enough for two
    window.resize(window.width() - (page.table.viewport().width() - one_line) - 40, 720)
    qtbot.waitUntil(lambda: title() == "Sessions\nheld", timeout=20_000)
    assert header.sectionSize(held) < wide
    qapp.processEvents()
    assert header.length() <= page.table.viewport().width()
    assert page.table.horizontalScrollBar().maximum() == 0
    window.resize(2600, 720)
    qtbot.waitUntil(lambda: title() == "Sessions held", timeout=20_000)
    assert header.sectionSize(held) == wide
