"""Crash-test driver: the real register window, offscreen, marking by key until killed.

Run as ``python -m tests.ui.crash_driver DATA_DIR`` from the project root. It creates a
generated hub in DATA_DIR (first run), opens the window on a school day, opens the first
session and presses a code key on each student in turn. After each mark is stored (the
page's ``markSaved`` signal) it prints ``ACK <student id> <code>`` and flushes, then
waits a few milliseconds. The test kills it with SIGKILL somewhere in that stream.
"""

from __future__ import annotations

import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from harmony_desktop.startup import open_app
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import make_hub
from tests.ui.conftest import TODAY

KEYS = (Qt.Key.Key_P, Qt.Key.Key_A, Qt.Key.Key_U, Qt.Key.Key_O)
CODES = ("P", "AE", "AU", "OS")
STUDENTS = 40


def main(data_dir: str, seed: int) -> int:
    """Mark every student once, acknowledging each stored mark on stdout."""
    app = QApplication([])
    services = open_app(data_dir)
    hubs = services.hubs.hubs()
    hub_id = hubs[0].id if hubs else make_hub(services, students=STUDENTS, capacity=STUDENTS).hub_id
    window = MainWindow(services, hub_id, today=TODAY, auto_sync=False)
    window.show()
    page = window.register
    while page.sessions_model.rowCount() == 0:
        app.processEvents()
    # As a teacher does: Enter on the first session in the list opens its roll.
    page.sessions_view.setFocus()
    page.sessions_view.setCurrentIndex(page.sessions_model.index(0, 0))
    QTest.keyClick(page.sessions_view, Qt.Key.Key_Return)
    while not page.roll_ready:
        app.processEvents()
    page.markSaved.connect(lambda sid, code: print(f"ACK {sid} {code}", flush=True))
    print("READY", flush=True)
    rng = random.Random(seed)
    for row in range(page.roll_model.rowCount()):
        page.roll_view.setCurrentIndex(page.roll_model.index(row, 1))
        QTest.keyClick(page.roll_view, KEYS[row % len(KEYS)])
        app.processEvents()
        time.sleep(rng.uniform(0.0, 0.015))
    print("DONE", flush=True)
    window.shutdown()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0))
