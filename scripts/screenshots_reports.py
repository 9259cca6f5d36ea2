"""Screenshots of the Reports tab (docs/screenshots/reports-*.png) and printed report
pages (docs/printouts/report-*.png), from generated demo data.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python -m scripts.screenshots_reports
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python -m scripts.screenshots_reports \\
        --lang es                     # in Spanish: names end in -es
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x1440x24" \\
        .venv/bin/python -m scripts.screenshots_reports --suffix 200pct --out /tmp/shots

Generates a three-hub demo (450 students, entirely synthetic) in a throwaway data
folder, opens the real main window filling the screen, runs reports in the tab as a
data manager would and saves the whole screen; then prints reports to PDF and saves
their first pages with ``pdftoppm`` (poppler-utils), in the window's language, printed
on the demo's today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 18)
#: (kind, sheet, picture name, programme year or None for the current one) shown in the tab
TAB_SHOTS = (
    ("attendance", "attendance", "attendance", None),
    ("attendance", "by_hub", "attendance-by-hub", None),
    ("hours", "bands", "hours-bands", None),
    ("ases", "by_day", "ases-by-day", None),
    ("volunteers", "hours", "volunteers-hours", "2025-26"),
)
#: (kind, year or None for the year to date, pages) printed
PRINTOUTS = (("attendance", None, 2), ("retention", "2025-26", 2), ("ases", "2025-26", 3))


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait(app: QApplication, done: object, seconds: float = 120.0) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.01)


def _save(widget: QWidget, path: Path) -> None:
    """The window as it is drawn."""
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    """Generate the demo, run reports in the tab, save PNGs and PDF pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", help="the window's language (en, es)")
    parser.add_argument("--suffix", default="", help="added to file names, e.g. 200pct")
    parser.add_argument("--out", type=Path, help="one folder for everything (default: docs/)")
    args = parser.parse_args(argv)
    suffix = "".join(f"-{s}" for s in (args.lang if args.lang != "en" else "", args.suffix) if s)
    shots = args.out or ROOT / "docs" / "screenshots"
    printouts = args.out or ROOT / "docs" / "printouts"

    from harmony_desktop.demo import generate_demo
    from harmony_desktop.printing.reports import render_report_pdf
    from harmony_desktop.services.reports import ReportParams
    from harmony_desktop.startup import open_app
    from harmony_desktop.ui.app import install_translator, make_application
    from harmony_desktop.ui.main_window import MainWindow

    app = make_application()
    folder = Path(tempfile.mkdtemp(prefix="harmony-shots-"))
    services = open_app(str(folder / "data"))
    install_translator(app, QLocale(args.lang))
    generate_demo(services.store, hubs=3, total_students=450, today=TODAY)
    hub_id = services.hubs.hubs()[0].id
    window = MainWindow(services, hub_id, today=TODAY, auto_sync=False)
    screen = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    window.resize(screen.size())
    window.move(screen.topLeft())
    window.show()
    page = window.reports
    window.pages.setCurrentWidget(page)
    page.hub_box.setCurrentIndex(0)  # all hubs
    shots.mkdir(parents=True, exist_ok=True)
    current_year = page.year_box.currentData()
    for kind, sheet, name, year in TAB_SHOTS:
        page.kind_box.setCurrentIndex(page.kind_box.findData(kind))
        page.year_box.setCurrentIndex(page.year_box.findData(year or current_year))
        page.report = None
        page.run_report()
        _wait(app, lambda: page.report is not None)
        page.sheet_box.setCurrentIndex(page.sheet_box.findData(sheet))
        _settle(app, 0.5)
        _save(window, shots / f"reports-{name}{suffix}.png")
    printouts.mkdir(parents=True, exist_ok=True)
    for kind, year, pages in PRINTOUTS:
        report = services.reports.run(kind, ReportParams(year=year, today=TODAY), charts=True)
        pdf = render_report_pdf(report, folder / f"{kind}.pdf", printed_on=TODAY)
        for number in range(1, pages + 1):
            target = printouts / f"report-{kind}{suffix}-{number}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number),
                 "-singlefile", str(pdf), str(target)],
                check=True,
            )  # fmt: skip
            print(f"{target}.png")
    window.shutdown()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
