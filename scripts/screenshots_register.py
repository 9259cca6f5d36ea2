"""Screenshots of the register window for docs/screenshots/ (run under Xvfb).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_register.py
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x1600x24" \\
        .venv/bin/python scripts/screenshots_register.py --suffix 200pct
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_register.py \\
        --lang es     # in Spanish, with the Roster tab

Generates one demo hub (about 200 students, two years of history; entirely synthetic)
in a temporary folder, opens the real main window at 1280×720 on a fixed school day and
saves: today's sessions, a roll in progress (marked by key, as a teacher would), and
the left-early dialog with the pickup safety panel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from harmony_desktop.demo import generate_demo
from harmony_desktop.startup import open_app
from harmony_desktop.ui.app import install_translator, make_application
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.models import RollColumn

TODAY = dt.date(2026, 11, 18)  # a Wednesday in term
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let the event loop paint (and the worker report) for a moment."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, name: str, suffix: str) -> Path:
    """Grab ``widget`` into docs/screenshots/register-<name>[-suffix].png."""
    path = OUT / f"register-{name}{'-' + suffix if suffix else ''}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suffix", default="", help="added to file names, e.g. 200pct")
    parser.add_argument(
        "--lang", default="en", help="the window's language; es adds -es to the names and "
        "also saves the Roster tab (roster-tab-es.png)"
    )
    args = parser.parse_args(argv)
    if args.lang != "en":
        args.suffix = "-".join(filter(None, [args.lang, args.suffix]))
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        services = open_app(folder)
        install_translator(app, QLocale(args.lang))
        generate_demo(services.store, hubs=1, today=TODAY)
        hub = services.hubs.find(None)
        assert hub is not None
        window = MainWindow(services, hub.id, today=TODAY, auto_sync=False)
        window.resize(1280, 720)
        window.show()
        page = window.register
        while page.sessions_model.rowCount() == 0 or window.tasks.busy():
            app.processEvents()
        settle(app)
        save(window, "today", args.suffix)

        # The biggest session of the day, two thirds marked by keyboard.
        sessions = page.sessions_model.sessions()
        biggest = max(range(len(sessions)), key=lambda r: sessions[r].expected)
        page.sessions_view.selectRow(biggest)
        while not page.roll_ready:
            app.processEvents()
        view = page.roll_view
        view.setFocus()
        view.setCurrentIndex(page.roll_model.index(0, RollColumn.MARK))
        plan = "PPPPLPPAPPPUPPOPPPPPAPP"
        for key in plan[: max(1, page.roll_model.rowCount() * 2 // 3)]:
            QTest.keyClick(view, key)
            app.processEvents()
            dialog = page.active_dialog
            if dialog is not None:  # late: arrival time
                dialog.time_edit.setTime(QTime(15, 52))  # type: ignore[attr-defined]
                dialog.accept()  # type: ignore[attr-defined]
                app.processEvents()
        view.setCurrentIndex(page.roll_model.index(2, RollColumn.MARK))
        QTest.keyClick(view, Qt.Key.Key_N)
        app.processEvents()
        if page.active_dialog is not None:
            page.active_dialog.edit.setPlainText("Forgot violin, used a loaner")  # type: ignore[attr-defined]
            page.active_dialog.accept()  # type: ignore[attr-defined]
        view.setCurrentIndex(page.roll_model.index(page.roll_model.first_unrecorded(), 1))
        view.scrollToTop()
        settle(app, 0.8)  # the sync count is refreshed 300 ms after the last write
        save(window, "roll", args.suffix)

        # Dismissal: left early shows who may take the student.
        restricted = next(
            (r for r, e in enumerate(page.roll_model.entries()) if e.has_custody_restriction),
            page.roll_model.rowCount() - 1,
        )
        view.setCurrentIndex(page.roll_model.index(restricted, RollColumn.MARK))
        QTest.keyClick(view, Qt.Key.Key_E)
        settle(app)
        if page.active_dialog is not None:
            save(page.active_dialog, "departure", args.suffix)
            page.active_dialog.reject()  # type: ignore[attr-defined]
        settle(app, 0.1)
        if args.lang != "en":
            window.pages.setCurrentWidget(window.roster)
            while window.roster.model.rowCount() == 0 or window.tasks.busy():
                app.processEvents()
            settle(app, 0.5)
            path = OUT / f"roster-tab-{args.suffix}.png"
            window.grab().save(str(path))
            print(path)
        window.shutdown()
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
