"""Screenshots of the Reports tab (docs/screenshots/reports-*.png) and a printed report
page with its chart (docs/printouts/report-*.png), from generated demo data.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m scripts.screenshots_reports
(or with QT_QPA_PLATFORM=offscreen). Needs ``pdftoppm`` (poppler-utils). Uses a
throwaway data folder.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
PRINTOUTS = ROOT / "docs" / "printouts"


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def _wait(app: QApplication, done: object, seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    """Generate a three-hub demo, run reports in the tab, save PNGs and PDF pages."""
    app = QApplication.instance() or QApplication(sys.argv)
    from harmony_desktop.demo import generate_demo
    from harmony_desktop.printing.reports import render_report_pdf
    from harmony_desktop.services.reports import ReportParams
    from harmony_desktop.startup import open_app
    from harmony_desktop.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="harmony-shots-"))
    services = open_app(str(folder / "data"))
    today = dt.date(2026, 11, 18)
    generate_demo(services.store, hubs=3, total_students=450, today=today)
    hub_id = services.hubs.hubs()[0].id
    window = MainWindow(services, hub_id, today=today, auto_sync=False)
    window.resize(1280, 720)
    window.show()
    page = window.reports
    window.pages.setCurrentWidget(page)
    page.hub_box.setCurrentIndex(0)  # all hubs
    SHOTS.mkdir(parents=True, exist_ok=True)
    for kind, sheet, name in (("attendance", "attendance", "attendance"),
                              ("attendance", "by_hub", "attendance-by-hub"),
                              ("hours", "bands", "hours-bands")):  # fmt: skip
        page.kind_box.setCurrentIndex(page.kind_box.findData(kind))
        page.report = None
        page.run_report()
        _wait(app, lambda: page.report is not None)
        page.sheet_box.setCurrentIndex(page.sheet_box.findData(sheet))
        _settle(app, 0.5)
        window.grab().save(str(SHOTS / f"reports-{name}.png"))
        print(SHOTS / f"reports-{name}.png")
    PRINTOUTS.mkdir(parents=True, exist_ok=True)
    for kind, params in (("attendance", ReportParams(today=today)),
                         ("retention", ReportParams(year="2025-26", today=today))):  # fmt: skip
        report = services.reports.run(kind, params, charts=True)
        pdf = render_report_pdf(report, folder / f"{kind}.pdf")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
             str(PRINTOUTS / f"report-{kind}")],
            check=True,
        )  # fmt: skip
        print(PRINTOUTS / f"report-{kind}-1.png")
    window.shutdown()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
