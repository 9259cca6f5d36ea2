"""Screenshots of the Volunteers and Events tabs and the register's volunteer panel
(docs/screenshots/volunteers-*.png, events-*.png, register-volunteers*.png).

Run: xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots_volunteers.py
(at 200 %: QT_SCALE_FACTOR=2 … --suffix 200pct; ``--lang es``: in Spanish, names end in -es)
(or with QT_QPA_PLATFORM=offscreen). Uses a throwaway data folder with a generated demo
as of today (clearances expire relative to the real date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
#: added to every file name ("-200pct"), from ``--suffix``
SUFFIX = ""


def _settle(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def shoot(widget: QWidget, name: str, app: QApplication) -> None:
    """Show, settle, grab and save ``widget`` as docs/screenshots/NAME.png."""
    widget.show()
    _settle(app)
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}{SUFFIX}.png"))
    print(OUT / f"{name}{SUFFIX}.png")


def main() -> int:
    """Build a demo hub, open the tabs and dialogs, save a PNG of each."""
    global SUFFIX
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", help="the window's language (en, es)")
    parser.add_argument("--suffix", default="", help="added to file names, e.g. 200pct")
    args = parser.parse_args(sys.argv[1:])
    parts = [args.lang if args.lang != "en" else "", args.suffix]
    SUFFIX = "".join(f"-{part}" for part in parts if part)
    app = QApplication.instance() or QApplication(sys.argv)
    from PySide6.QtCore import QLocale

    from harmony_desktop.demo import generate_demo
    from harmony_desktop.startup import open_app
    from harmony_desktop.ui.app import install_translator
    from harmony_desktop.ui.main_window import MainWindow
    from harmony_desktop.ui.register.volunteers import ConfirmAssignmentDialog
    from harmony_desktop.ui.volunteers.dialog import VolunteerDialog

    services = open_app(tempfile.mkdtemp(prefix="harmony-shots-"))
    # The language as the app shows it (English: 12-hour times, its plural forms); after
    # open_app, which sets the system's language for the services' text.
    install_translator(app, QLocale(args.lang))
    # the last day Monday to Friday: the demo has no session on a Sunday to show the
    # register's volunteers panel on, and one ensemble's only on a Saturday
    today = dt.date.today()
    while today.weekday() >= 5:
        today -= dt.timedelta(days=1)
    generate_demo(services.store, hubs=1, students_per_hub=200, today=today)
    hub_id = services.hubs.hubs()[0].id
    window = MainWindow(services, hub_id, today=today, auto_sync=False)
    window.resize(1280, 720)
    window.show()
    _settle(app, 1.5)

    window.pages.setCurrentWidget(window.volunteers)
    _settle(app, 1.0)
    shoot(window, "volunteers-list", app)
    volunteers = services.volunteers.for_hub(hub_id)
    blocked = next(v for v in volunteers if not v.cleared and v.status == "active")
    form = VolunteerDialog(
        services, hub_id, window.volunteers.ensembles, window.volunteers.kinds, blocked,
        services.volunteers.today(), window,
    )  # fmt: skip
    shoot(form, "volunteers-form", app)
    form.reject()

    window.pages.setCurrentWidget(window.events)
    _settle(app, 1.0)
    page = window.events
    page.kind.setCurrentIndex(page.kind.findData("family"))
    _settle(app, 0.3)
    past = next(
        row for row in range(page.model.rowCount()) if page.model.event_at(row).date < today
    )
    page.view.setCurrentIndex(page.model.index(past, 0))
    _settle(app, 1.0)
    roll = page.family
    families = [r for r in range(roll.model.rowCount()) if len(roll.model.adult(r).student_ids) > 1]
    if families:
        roll.view.setCurrentIndex(roll.model.index(families[0], 0))
        roll.view.scrollTo(roll.model.index(max(0, families[0] - 3), 0))
    _settle(app, 0.5)
    shoot(window, "events-family-roll", app)

    window.pages.setCurrentWidget(window.register)
    register = window.register
    register.sessions_view.setFocus()
    register.sessions_view.setCurrentIndex(register.sessions_model.index(0, 0))
    register.open_session(register.sessions_model.session(0))
    _settle(app, 1.5)
    shoot(window, "register-volunteers", app)
    panel = register.volunteers
    entry = next(
        panel.model.entry(r)
        for r in range(panel.model.rowCount())
        if not panel.model.entry(r).volunteer.cleared
    )
    leads = [(s.id, s.name) for s in services.hubs.staff_for_hub(hub_id) if s.role == "site_lead"]
    confirm = ConfirmAssignmentDialog(
        entry.volunteer.display_name, entry.volunteer.problems, leads, window
    )
    shoot(confirm, "register-volunteer-confirm", app)
    confirm.reject()

    window.shutdown()
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
