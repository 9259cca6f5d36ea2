"""Screenshots of a programme set up on one laptop joining a sync server as a hub's
laptop (generated data, a real server).

Run: ``xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python -m scripts.screenshots_join``
(``--lang es`` for Spanish, file names ending in -es; ``--size 1024x600`` for a netbook,
names ending in -1024; ``--out DIR`` to write elsewhere than docs/screenshots/).

The laptop is set up alone (a hub, two teachers of it, two ensembles, a school year and
a term), the office registers its hub on the server and gives it a hub laptop's code.
The enrollment dialog says what became of the set-up and what only a data manager's
laptop can send; after the sync, Needs review lists the refused school year and term,
with the selected one's explanation under the list.

Writes sync-join-enroll.png and sync-join-review.png.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica

from harmony_desktop.services.setup import EnsembleRecord, HubRecord, StaffRecord
from harmony_desktop.ui.main_window import MainWindow
from scripts.screenshots_sync import wait, wait_for

ROOT = Path(__file__).resolve().parents[1]
MON_WED = ((0, dt.time(15, 30), dt.time(17, 0)), (2, dt.time(15, 30), dt.time(17, 0)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", help="the window's language (en, es)")
    parser.add_argument("--size", default="1280x720", help="the window's size")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    suffix = "".join(
        [f"-{args.lang}" if args.lang != "en" else "", f"-{width}" if width != 1280 else ""]
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> None:
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        print(path)

    os.environ.setdefault("HARMONY_TOKEN_STORE", "file")  # never the developer's keyring
    app = QApplication.instance() or QApplication(sys.argv)
    from harmony_desktop.domain import i18n
    from harmony_desktop.paths import resource
    from harmony_desktop.ui.app import install_translator

    i18n.install(resource("translations"))
    if args.lang == "es":
        i18n.set_language("es")
    install_translator(app, QLocale("es_MX" if args.lang == "es" else "en"))
    root = Path(tempfile.mkdtemp(prefix="join-shots-"))
    server = SyncServer.sqlite(root / "server")
    server.start()
    try:
        site = Replica(root / "site", server)
        setup = site.services.setup
        hub = setup.save_hub(HubRecord(None, "Cedar Park Hub"))
        teachers = [
            setup.save_staff(StaffRecord(None, name, "teacher", hubs=(hub,)))
            for name in ("Rosa Teacher", "Omar Teacher")
        ]
        for name, teacher in zip(("Strings", "Choir"), teachers, strict=True):
            setup.save_ensemble(EnsembleRecord(None, hub, name, teacher_id=teacher, slots=MON_WED))
        calendar = site.services.calendar
        calendar.save_year("2026-27", dt.date(2026, 8, 24), dt.date(2027, 6, 11))
        calendar.save_term("2026-27", "Fall", dt.date(2026, 8, 24), dt.date(2026, 12, 18))
        server.add_hub("Cedar Park Hub", hub)

        window = MainWindow(site.services, hub, today=dt.date(2026, 9, 14), auto_sync=False)
        window.resize(width, height)
        window.show()
        wait(600)
        ui = window.sync_ui
        ui.controller.service.http_session = site.http
        dialog = ui.show_enroll()
        dialog.server_edit.setText(server.url)
        dialog.code_edit.setText(server.enrollment_code([hub]))
        dialog.ok_button.click()
        for _ in range(300):
            if dialog.enrolled is not None:
                break
            wait(100)
        wait(300)
        save(dialog, "sync-join-enroll")
        dialog.ok_button.click()
        wait_for(ui.controller.syncFinished)
        wait(300)

        ui.show_review()
        wait_for(ui.review.loaded)
        ui.review.table.selectRow(0)
        ui.review.table.setFocus(Qt.FocusReason.OtherFocusReason)
        wait(300)
        save(window, "sync-join-review")
        window.shutdown()
        window.close()
        site.close()
    finally:
        server.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
