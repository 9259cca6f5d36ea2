"""Screenshots of the register window for docs/screenshots/ (run under Xvfb).

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots_register.py
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x1440x24" \\
        .venv/bin/python scripts/screenshots_register.py --suffix 200pct
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots_register.py \\
        --lang es     # in Spanish (file names end in -es), with the Roster tab

Generates one demo hub (about 200 students, two years of history; entirely synthetic)
in a temporary folder, opens the real main window on a fixed school day as the app
opens it (within the screen) and saves the whole screen, so each picture shows that the
window and its dialog fit: today's sessions at launch, a roll in progress (marked by
key, as a teacher would), the late dialog, the left-early dialog (who may take the
student, who did), someone else needing a site lead, the sign-out at the end, the
roster's new-student form with its duplicate warning, the sign-in sheet's meeting days,
and File ▸ Switch hub.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from harmony_desktop.demo import generate_demo
from harmony_desktop.startup import open_app
from harmony_desktop.store.models import Hub
from harmony_desktop.ui.app import install_translator, make_application
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import DepartureDialog
from harmony_desktop.ui.register.models import RollColumn

TODAY = dt.date(2026, 11, 18)  # a Wednesday in term
NOW = dt.time(15, 50)  # during the afternoon classes
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let the event loop paint (and the worker report) for a moment."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, name: str, suffix: str, *, prefix: str = "register") -> Path:
    """Grab the whole screen ``widget`` is on into docs/screenshots/<prefix>-<name>[-suffix].png.

    The screen, not just the widget: a dialog cut off by the screen's edge shows as cut.
    """
    path = OUT / f"{prefix}-{name}{'-' + suffix if suffix else ''}.png"
    screen = widget.screen() or QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path)
    return path


def dialog_fits(dialog: QWidget) -> None:
    """Fail loudly if a dialog (with its buttons) is not wholly on the screen."""
    screen = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = dialog.frameGeometry()
    if not screen.contains(frame):
        raise SystemExit(f"{dialog.windowTitle()!r} does not fit: {frame} on {screen}")


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suffix", default="", help="added to file names, e.g. 200pct")
    parser.add_argument(
        "--lang",
        default="en",
        help="the window's language; es adds -es to the names and "
        "also saves the Roster tab (roster-tab-es.png)",
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
        with services.store.write() as w:  # a second hub, so File ▸ Switch hub has a choice
            w.insert(Hub(name="Westlake School Hub"))
        window = MainWindow(services, hub.id, today=TODAY, clock=lambda: NOW, auto_sync=False)
        window.show()
        page = window.register
        while page.sessions_model.rowCount() == 0 or window.tasks.busy():
            app.processEvents()
        settle(app)
        save(window, "today", args.suffix)

        # The session on now (under the cursor at launch), two thirds marked by keyboard.
        QTest.keyClick(page.sessions_view, Qt.Key.Key_Return)
        while not page.roll_ready:
            app.processEvents()
        view = page.roll_view
        view.setFocus()
        view.setCurrentIndex(page.roll_model.index(0, RollColumn.MARK))
        plan = "PPPPLPPAPPPUPPOPPPPPAPP"
        late_shown = False
        for key in plan[: max(1, page.roll_model.rowCount() * 2 // 3)]:
            QTest.keyClick(view, key)
            app.processEvents()
            dialog = page.active_dialog
            if dialog is not None:  # late: arrival time, offered inside the session
                settle(app)
                if not late_shown:
                    dialog_fits(dialog)
                    save(dialog, "late", args.suffix)
                    late_shown = True
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

        # Dismissal: left early shows who may take the student and asks who did.
        restricted = next(
            (r for r, e in enumerate(page.roll_model.entries()) if e.has_custody_restriction),
            page.roll_model.rowCount() - 1,
        )
        view.setCurrentIndex(page.roll_model.index(restricted, RollColumn.MARK))
        QTest.keyClick(view, Qt.Key.Key_E)
        settle(app)
        departure = page.active_dialog
        if isinstance(departure, DepartureDialog):
            QTest.keyClick(departure.chooser.choices, Qt.Key.Key_Down)
            settle(app)
            dialog_fits(departure)
            save(departure, "departure", args.suffix)
            # Someone not on the list: the custody alert and the site lead's word.
            other = departure.chooser.choices.count()
            QTest.keyClick(departure.chooser.choices, str(other))
            departure.chooser.other_name.setText("Jordan Example")
            QTest.keyClick(departure.chooser.choices, Qt.Key.Key_Return)
            settle(app)
            dialog_fits(departure)
            save(departure, "departure-someone-else", args.suffix)
            departure.reject()
        settle(app, 0.1)

        # The sign-out at the end: Ctrl+Enter marks the rest present, D signs one out.
        window.activateWindow()  # a window manager's job when a dialog closes (none here)
        view.setFocus()
        settle(app)
        QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        settle(app)
        view.setCurrentIndex(page.roll_model.index(1, RollColumn.MARK))
        QTest.keyClick(view, Qt.Key.Key_D)
        settle(app)
        sign_out = page.active_dialog
        if isinstance(sign_out, DepartureDialog):
            QTest.keyClick(sign_out.chooser.choices, Qt.Key.Key_Down)
            settle(app)
            dialog_fits(sign_out)
            save(sign_out, "signout", args.suffix)
            QTest.keyClick(sign_out.chooser.choices, Qt.Key.Key_Return)
            settle(app)
            if sign_out.isVisible():  # a time outside the session is asked about
                QTest.keyClick(sign_out.chooser.choices, Qt.Key.Key_Return)
        window.activateWindow()
        view.setCurrentIndex(page.roll_model.index(0, RollColumn.MARK))
        view.scrollToTop()
        settle(app, 0.8)
        save(window, "roll-finished", args.suffix)
        # The volunteers hidden ("Hide" beside their heading): more roll rows.
        page.volunteers.toggle.click()
        settle(app, 0.3)
        save(window, "roll-volunteers-hidden", args.suffix)
        page.volunteers.toggle.click()  # shown again: this laptop's choice is kept
        settle(app, 0.1)

        # The roster's tall form with the duplicate warning, and the sign-in sheet's day.
        window.pages.setCurrentWidget(window.roster)
        roster = window.roster
        if args.lang != "en":
            while roster.model.rowCount() == 0 or window.tasks.busy():
                app.processEvents()
            settle(app, 0.5)
            save(window, "tab", args.suffix, prefix="roster")
        twin = services.roster.student(services.roster.entries(hub.id)[5].student_id)
        form = roster.new_student()
        form.first_name.setText(twin.legal_first_name)
        form.last_name.setText(twin.legal_last_name)
        form.date_of_birth.setText(twin.date_of_birth.isoformat() if twin.date_of_birth else "")
        form.contact_editors[0].name.setText("Rosa Example")
        form.contact_editors[0].phone.setText("(323) 555-1000")
        form.save()
        settle(app)
        dialog_fits(form)
        save(form, "duplicate-on-screen", args.suffix, prefix="roster")
        form.reject()
        roster.print_ensemble.setCurrentIndex(roster.print_ensemble.findText("Beginning Strings"))
        roster.print_preview("signin")
        settle(app)
        dialog_fits(roster.day_dialog)
        save(roster.day_dialog, "signin-day", args.suffix, prefix="roster")
        roster.day_dialog.reject()
        window.pages.setCurrentWidget(window.register)
        settle(app, 0.1)

        hubs = window.choose_hub()
        settle(app)
        dialog_fits(hubs)
        save(hubs, "switch-hub", args.suffix)
        hubs.reject()
        settle(app, 0.1)
        window.shutdown()
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
