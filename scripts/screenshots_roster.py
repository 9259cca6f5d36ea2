"""Screenshots of the roster page and its dialogs (docs/screenshots/roster-*.png).

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_roster.py
(or with QT_QPA_PLATFORM=offscreen). Uses a throwaway data folder with generated data.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def shoot(widget: QWidget, name: str, app: QApplication) -> None:
    """Show, settle, grab and save ``widget`` as docs/screenshots/roster-NAME.png."""
    widget.show()
    _settle(app)
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"roster-{name}.png"))
    print(OUT / f"roster-{name}.png")


def main() -> int:
    """Build a demo hub, open the page and its dialogs, save a PNG of each."""
    app = QApplication.instance() or QApplication(sys.argv)
    import harmony_desktop.ui.roster  # noqa: F401  (None work-around first)
    from harmony_desktop.app import open_app
    from harmony_desktop.ui.roster import RosterPage
    from harmony_desktop.ui.roster.student_dialog import StudentDialog

    sys.path.insert(0, str(ROOT))
    from tests.factories import make_hub

    opened = open_app(tempfile.mkdtemp(prefix="harmony-shots-"))
    services = opened.services
    hub = make_hub(services, students=40, capacity=40)
    first = hub.student_ids[0]
    services.roster.update_student(
        first, preferred_name="Annie", allergy_notes="peanuts", district_student_id="1234567"
    )
    services.enrollment.add_to_waitlist(
        hub.student_ids[1], hub.second_ensemble_id, hub.start, priority=10
    )
    today = dt.date(2026, 9, 8)
    page = RosterPage(opened, hub.hub_id, today=today)
    page.resize(1200, 700)
    _settle(app, 1.0)
    shoot(page, "page", app)
    page.search.setText("garcia")
    shoot(page, "search", app)
    page.search.clear()
    dialog = StudentDialog(opened, hub.hub_id, None, page, today=today)
    dialog.first_name.setText("Ana")
    dialog.last_name.setText("Garcia")
    dialog.date_of_birth.setText("2015-01-32")
    shoot(dialog, "new-invalid", app)
    dialog.date_of_birth.setText("2015-01-01")
    dialog.contact_editors[0].name.setText("Rosa Garcia")
    dialog.contact_editors[0].phone.setText("(323) 555-1000")
    dialog.save()
    shoot(dialog, "duplicate", app)
    dialog.reject()
    edit = StudentDialog(opened, hub.hub_id, first, page, today=today)
    shoot(edit, "edit", app)
    edit.tabs.setCurrentIndex(1)
    shoot(edit, "contacts", app)
    edit.tabs.setCurrentIndex(2)
    shoot(edit, "enrollment", app)
    edit.reject()
    waitlists = page.open_waitlists()
    waitlists.ensemble.setCurrentIndex(1)
    shoot(waitlists, "waitlist", app)
    waitlists.reject()
    importer = page.open_import()
    importer.load_file(ROOT / "tests" / "data" / "import" / "cp1252_spanish.csv")
    _settle(app, 1.0)
    importer.dry_run()
    _settle(app, 1.0)
    shoot(importer, "import", app)
    importer.reject()
    page.shutdown()
    opened.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
