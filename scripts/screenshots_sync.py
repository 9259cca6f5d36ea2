"""Screenshots of the sync UI for docs/screenshots/ (generated data, a real server).

Run: ``xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python -m scripts.screenshots_sync``
(at 200 %: ``QT_SCALE_FACTOR=2 … -m scripts.screenshots_sync --suffix 200pct``; in
Spanish: ``… -m scripts.screenshots_sync --lang es``, file names ending in -es)
(from the repository root, or with ``QT_QPA_PLATFORM=offscreen``). Two laptops ("Park
laptop 1" and "Park laptop 2" on the server) change the same grade (in June and in
September: each side shown with its year), edit the same student, mark the same child
differently and enrol the same child offline, sync through a real ``harmony-sync
serve``; then the main window of the first laptop is shown with its sync status bar and
its "Needs review" page, where each value says which laptop wrote it.

Writes sync-statusbar.png, sync-statusbar-offline.png, sync-review.png and
sync-enroll.png into docs/screenshots/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from tests.factories import make_hub
from tests.support.ports import free_port
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, later_millisecond, name_laptops, open_session

from harmony_desktop.services.roster import RosterService
from harmony_desktop.store.models import Student
from harmony_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
#: when laptop B marks a child late
LATE = dt.time(16, 10)


def wait(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal: object, timeout_ms: int = 30_000) -> None:
    """Run the event loop until ``signal`` fires."""
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


#: added to every file name ("-200pct"), from ``--suffix``
SUFFIX = ""


def set_suffix(argv: list[str]) -> str:
    """Read ``--suffix`` (for example 200pct, for shots taken at ``QT_SCALE_FACTOR=2``)
    and ``--lang`` (es adds -es to the names); returns the language."""
    global SUFFIX
    parser = argparse.ArgumentParser(description="Screenshots for docs/screenshots/")
    parser.add_argument("--suffix", default="", help="added to file names, e.g. 200pct")
    parser.add_argument("--lang", default="en", help="the window's language (en, es)")
    args = parser.parse_args(argv)
    suffix = "-".join(filter(None, [args.lang if args.lang != "en" else "", args.suffix]))
    SUFFIX = f"-{suffix}" if suffix else ""
    return str(args.lang)


def save(widget: QWidget, name: str) -> None:
    """Grab ``widget`` into docs/screenshots/``name`` (with the suffix before .png)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / (name.removesuffix(".png") + SUFFIX + ".png")
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    lang = set_suffix(sys.argv[1:])
    os.environ.setdefault("HARMONY_TOKEN_STORE", "file")  # never the developer's keyring
    app = QApplication.instance() or QApplication(sys.argv)
    from PySide6.QtCore import QLocale

    from harmony_desktop.domain import i18n
    from harmony_desktop.paths import resource
    from harmony_desktop.ui.app import install_translator

    i18n.install(resource("translations"))  # the services' text too, as the app's start does
    # English as the app shows it (12-hour times), or Mexico's Spanish
    install_translator(app, QLocale("es_MX" if lang == "es" else "en"))
    root = Path(tempfile.mkdtemp(prefix="sync-shots-"))
    server = SyncServer.sqlite(root / "server")
    server.start()
    try:
        a, b = Replica(root / "a", server), Replica(root / "b", server)
        hub = make_hub(a.services, students=12)
        server.add_hub("Test Park Hub", hub.hub_id)
        a.enroll([hub.hub_id])
        b.enroll([hub.hub_id])
        name_laptops(server, **{"Park laptop 1": a, "Park laptop 2": b})
        with a.store.write() as w:  # a grade set before grades recorded their year
            w.update(w.get(Student, hub.student_ids[2]), grade="7", grade_year="")
        a.sync.sync()
        b.sync.sync()
        # the same grade changed on both: B in June (grade 6 for 2025-26), A in
        # September (grade 8 for 2026-27): one item, each grade with its year
        june, september = dt.date(2026, 6, 9), dt.date(2026, 9, 14)
        RosterService(b.store, today=lambda: june).update_student(hub.student_ids[2], grade="6")
        later_millisecond()
        RosterService(a.store, today=lambda: september).update_student(
            hub.student_ids[2], grade="8"
        )
        # offline on both laptops: the same fields edited, the same child marked
        # differently, the same child enrolled (B's edits are the later ones, A's mark)
        a.services.roster.update_student(hub.student_ids[0], school="Lincoln Elementary")
        a.services.roster.update_student(hub.student_ids[3], instrument="cello")
        b_session = open_session(b, hub.hub_id, hub.ensemble_id, "2026-09-14")
        b.services.roll.mark(b_session, hub.student_ids[1], "L", by=None, arrival_time=LATE)
        later_millisecond()
        b.services.roster.update_student(hub.student_ids[0], school="Roosevelt Elementary")
        b.services.roster.update_student(hub.student_ids[3], instrument="viola")
        child = {
            "legal_first_name": "Rosa",
            "legal_last_name": "Mendez",
            "date_of_birth": dt.date(2016, 4, 2),
        }
        for rep in (a, b):
            sid = rep.services.roster.create_student(
                hub.hub_id, dict(child), [{"name": "Guardian", "phone": "(323) 555-0199"}]
            )
            rep.services.enrollment.enroll(sid, hub.ensemble_id, hub.start)
        session = open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14")
        later_millisecond()
        for student in hub.student_ids[:5]:
            a.services.roll.mark(session, student, "P", by=None)
        b.sync.sync()
        a.sync.sync()  # pushes, gets the conflicts; then more roll is taken
        for student in hub.student_ids[5:9]:
            a.services.roll.mark(session, student, "L", by=None)

        window = MainWindow(a.services, hub.hub_id, today=dt.date(2026, 9, 14), auto_sync=False)
        ui = window.sync_ui
        ui.controller.service.http_session = a.http
        window.resize(1280, 720)
        window.show()
        wait(600)
        ui.controller.online = True
        ui.controller.refresh_status()
        ui.status._show_online(True)
        wait(200)
        save(window.statusBar(), "sync-statusbar.png")
        save(window, "sync-window.png")

        ui.show_review()
        wait_for(ui.review.loaded)
        ui.review.table.selectRow(0)
        wait(300)
        save(window, "sync-review.png")

        # offline: the server address no longer answers
        a.store.set_meta("sync.server_url", f"http://127.0.0.1:{free_port()}")
        ui.controller.sync_now()
        wait_for(ui.controller.syncFailed)
        wait(200)
        save(window.statusBar(), "sync-statusbar-offline.png")

        dialog = ui.show_enroll()
        dialog.server_edit.setText("https://sync.harmony-project.example")
        dialog.code_edit.setText("K7QD-3MPX-9TZW")
        wait(300)
        save(dialog, "sync-enroll.png")
        dialog.reject()
        window.shutdown()
        window.close()
        a.close()
        b.close()
    finally:
        server.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
