"""Screenshots of the first start and the Programme window for docs/screenshots/
(generated data only, in a temporary folder).

Run: ``xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python -m scripts.screenshots_programme``
from the repository root (at 200 %: ``QT_SCALE_FACTOR=2 …`` and ``--suffix 200pct``). The welcome dialog is shown on a brand-new database (its three
choices, then the "set up alone" form); then a generated demo hub gets a school year
with terms and closure days, and the Programme window is shown at 1280×720 on each tab.

Writes first-start.png, first-start-alone.png and programme-hubs.png,
programme-ensembles.png, programme-staff.png, programme-calendar.png and
programme-codes.png into docs/screenshots/. In Spanish: ``LANG=es_MX.UTF-8 … --suffix es``
(the window takes the system's language; programme-calendar-es.png and
programme-ensembles-es.png are kept).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from harmony_desktop.startup import open_app
from harmony_desktop.ui.app import make_application
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.programme.first_start import FirstStartDialog
from harmony_desktop.ui.tasks import TaskManager
from scripts.screenshots_sync import save, set_suffix, wait

TODAY = dt.date(2026, 9, 14)
SIZE = (1280, 720)


def first_start(root: Path) -> None:
    """The welcome dialog on a brand-new database."""
    with open_app(root / "new") as services:
        dialog = FirstStartDialog(services)
        dialog.show()
        wait(300)
        save(dialog, "first-start.png")
        dialog.alone_button.click()
        dialog.programme_name.setText("Eastside Youth Strings")
        dialog.hub_name.setText("Cedar Park Hub")
        dialog.hub_address.setText("300 Cedar Ave")
        wait(200)
        save(dialog, "first-start-alone.png")
        dialog.close()
        dialog.shutdown()


def programme(root: Path) -> None:
    """The Programme window on a generated demo hub, one tab after another."""
    from harmony_desktop.demo import ensure_demo

    with open_app(root / "demo") as services:
        ensure_demo(services.store, today=TODAY, students=120)
        calendar = services.calendar
        for name, first, last in (
            ("Fall", dt.date(2026, 8, 24), dt.date(2026, 12, 18)),
            ("Spring", dt.date(2027, 1, 11), dt.date(2027, 5, 28)),
        ):
            calendar.save_term("2026-27", name, first, last)
        (hub,) = services.hubs.hubs()
        calendar.add_closure(dt.date(2026, 9, 7), "Labor Day")
        calendar.add_closure(dt.date(2026, 11, 26), "Thanksgiving")
        calendar.add_closure(dt.date(2026, 10, 9), "Park event: field closed", hub.id)
        tasks = TaskManager(services)
        window = ProgrammeWindow(services, tasks, hub.id, today=TODAY)
        window.resize(*SIZE)
        window.show()
        wait(1500)
        for page, name in (
            (window.hubs, "programme-hubs.png"),
            (window.ensembles, "programme-ensembles.png"),
            (window.staff, "programme-staff.png"),
            (window.calendar, "programme-calendar.png"),
            (window.codes, "programme-codes.png"),
        ):
            window.show_page(page)
            view = getattr(page, "view", None)
            if view is not None and view.model().rowCount():
                view.selectRow(0)
            wait(600)
            save(window, name)
        window.close()
        tasks.shutdown()


def main() -> int:
    set_suffix(sys.argv[1:])
    """Make every screenshot; 0 on success."""
    os.environ.setdefault("HARMONY_TOKEN_STORE", "file")  # never the developer's keyring
    make_application(sys.argv[:1])
    root = Path(tempfile.mkdtemp(prefix="programme-shots-"))
    first_start(root)
    programme(root)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
