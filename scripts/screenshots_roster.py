"""Screenshots of the roster page and its dialogs (docs/screenshots/roster-*.png).

Run: xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots_roster.py
(at 200 %: QT_SCALE_FACTOR=2 … --suffix 200pct)
(or with QT_QPA_PLATFORM=offscreen). Uses a throwaway data folder with generated data.
``--lang es``: in Spanish, saved as roster-NAME-es.png. On a netbook's screen:
``-screen 0 1024x600x24 … --suffix netbook``. ``--only NAME …``: save only those shots
(e.g. ``--only grade-year``: the form of a student whose grade is last year's;
``grade-age``: the same with a date of birth far from the grade, both notes under it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SUFFIX = ""
#: the shots to save (empty: all)
ONLY: set[str] = set()


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def shoot(widget: QWidget, name: str, app: QApplication) -> None:
    """Show, settle, grab and save ``widget`` as docs/screenshots/roster-NAME.png."""
    widget.show()
    _settle(app)
    if ONLY and name not in ONLY:
        return
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"roster-{name}{SUFFIX}.png"))
    print(OUT / f"roster-{name}{SUFFIX}.png")


def main(argv: list[str] | None = None) -> int:
    """Build a demo hub, open the page and its dialogs, save a PNG of each."""
    global SUFFIX, ONLY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", help="the window's language (en, es)")
    parser.add_argument("--suffix", default="", help="added to file names, e.g. 200pct")
    parser.add_argument("--only", nargs="*", default=[], help="save only these shots")
    args = parser.parse_args(argv)
    ONLY = set(args.only)
    parts = [args.lang if args.lang != "en" else "", args.suffix]
    SUFFIX = "".join(f"-{part}" for part in parts if part)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    import harmony_desktop.ui.roster  # noqa: F401  (None work-around first)
    from harmony_desktop.demo import generate_demo
    from harmony_desktop.startup import open_app
    from harmony_desktop.ui.app import install_translator
    from harmony_desktop.ui.roster import RosterPage
    from harmony_desktop.ui.roster.student_dialog import StudentDialog
    from harmony_desktop.ui.tasks import TaskManager

    services = open_app(tempfile.mkdtemp(prefix="harmony-shots-"))
    install_translator(app, QLocale(args.lang))
    tasks = TaskManager(services)
    today = dt.date(2026, 10, 7)
    generate_demo(services.store, hubs=1, students_per_hub=200, today=today)
    hub_id = services.hubs.hubs()[0].id
    entries = services.roster.entries(hub_id)
    first = next(e.student_id for e in entries if e.ensembles)
    twin = services.roster.student(entries[5].student_id)
    page = RosterPage(services, hub_id, tasks, today=today)
    page.resize(1200, 700)
    _settle(app, 1.0)
    shoot(page, "page", app)
    page.search.setText("garc viol")
    shoot(page, "search", app)
    page.search.clear()
    dialog = StudentDialog(services, hub_id, None, page, today=today)
    dialog.first_name.setText(twin.legal_first_name)
    dialog.last_name.setText(twin.legal_last_name)
    dialog.date_of_birth.setText("2015-01-32")
    shoot(dialog, "new-invalid", app)
    assert twin.date_of_birth is not None
    dialog.date_of_birth.setText(twin.date_of_birth.isoformat())
    dialog.contact_editors[0].name.setText("Rosa Garcia")
    dialog.contact_editors[0].phone.setText("(323) 555-1000")
    dialog.save()
    shoot(dialog, "duplicate", app)
    dialog.reject()
    edit = StudentDialog(services, hub_id, first, page, today=today)
    shoot(edit, "edit", app)
    edit.tabs.setCurrentIndex(1)
    shoot(edit, "contacts", app)
    edit.tabs.setCurrentIndex(2)
    shoot(edit, "health", app)
    edit.tabs.setCurrentIndex(3)
    shoot(edit, "enrollment", app)
    edit.reject()
    # a grade still recorded for last year, after the new year began: said under it
    services.roster.update_student(first, grade_year="2025-26")
    last_year = StudentDialog(services, hub_id, first, page, today=today)
    shoot(last_year, "grade-year", app)
    # … and a date of birth far from that grade: the age note under the year
    grade = services.roster.student(first).grade
    age = 6 if grade not in ("PK", "K", "1", "2", "3") else 13  # usually grade 1, or 8
    last_year.date_of_birth.setText(dt.date(today.year - age - 1, 5, 10).isoformat())
    shoot(last_year, "grade-age", app)
    last_year.reject()
    waitlists = page.open_waitlists()
    waitlists.ensemble.setCurrentIndex(0)
    shoot(waitlists, "waitlist", app)
    waitlists.reject()
    importer = page.open_import()
    importer.load_file(ROOT / "tests" / "data" / "import" / "cp1252_spanish.csv")
    _settle(app, 1.0)
    importer.dry_run()
    _settle(app, 1.0)
    shoot(importer, "import", app)
    importer.reject()
    preview = page.print_preview("roster")
    assert preview is not None
    preview.resize(1000, 760)
    _settle(app, 1.5)
    shoot(preview, "print-preview", app)
    preview.close()
    page.shutdown()
    tasks.shutdown()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
