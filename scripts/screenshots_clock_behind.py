"""Screenshots of the register on a laptop whose clock is behind (run under Xvfb and
libfaketime): the window opened as the app opens it, on a data folder used until today.

    .venv/bin/python scripts/screenshots_clock_behind.py prepare /tmp/clock-behind
    faketime '2000-01-01 09:00:00' xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_clock_behind.py shoot /tmp/clock-behind y2k
    faketime '2026-11-18 15:50:00' xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_clock_behind.py shoot /tmp/clock-behind ask

``prepare`` (at the real time) generates one demo hub (entirely synthetic), as if this
laptop had synced an hour ago with a server now out of reach; ``--lang es`` keeps
Spanish as the folder's language. ``shoot`` runs the real start-up (first paint, the
services behind it, the daily backup, the sync's first attempt) under the faked clock,
saves docs/screenshots/register-clock-behind-<name>[-es].png and prints what the band,
the status bar and the date say. ``ask`` presses Enter and P on the session on now: the
question asked before the first mark on that wrong day. ``maybe`` first moves the last
successful sync to three days before the faked date, so that date may be right (the
changes stamped ahead, on a computer whose clock ran ahead): the amber band, and the
roll goes on without asking.

    faketime '2026-11-18 15:50:00' xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_clock_behind.py shoot /tmp/clock-behind maybe

``open`` presses Enter on the session on now and shoots the roll it opens
(``-open``), then P, the question (``-open-ask``), and "Take roll anyway" (``-open-marked``):
each time it prints the sessions stored on that day and the outbox entries, read from
the file. On a certainly wrong date, opening the roll stores nothing; the session is
stored with the first mark.

    faketime '2026-11-14 10:00:00' xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_clock_behind.py shoot /tmp/clock-behind open

``gone``: the clock goes wrong while the register is open. It starts at the real time,
with libfaketime reading the faked time from a file the script writes (``+0``: the real
time), opens the session on now and marks its first student present; then the file says
2000-01-01 09:00 (a dead battery's date, as if the computer's clock had been changed) and
the window takes its one-minute look at the date (the timer's slot, called at once):
the register keeps its day and the open roll, and the band says the date went wrong.

    echo +0 > /tmp/clock-file
    FAKETIME_TIMESTAMP_FILE=/tmp/clock-file FAKETIME_NO_CACHE=1 \\
    FAKETIME_DONT_FAKE_MONOTONIC=1 \\
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 \\
        xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_clock_behind.py shoot /tmp/clock-behind gone
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def prepare(folder: Path, lang: str) -> None:
    from harmony_desktop.demo import generate_demo
    from harmony_desktop.services.credentials import TOKEN_FILE
    from harmony_desktop.startup import open_app
    from harmony_desktop.store import settings

    with open_app(str(folder)) as services:
        generate_demo(services.store, hubs=1, today=dt.date.today())
        store = services.store
        store.settings.set(settings.SYNC_SERVER, "http://127.0.0.1:9")
        store.settings.set(
            settings.SYNC_LAST_SUCCESS,
            dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1),
        )
        store.settings.set(settings.LANGUAGE, lang)
    token = folder / TOKEN_FILE
    token.write_text("synthetic-token-for-screenshots")
    token.chmod(0o600)


def written(folder: Path, day: dt.date) -> str:
    """The sessions stored on ``day`` and the outbox entries, read from the file (a
    read-only connection beside the app's)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{folder / 'harmony.sqlite3'}?mode=ro", uri=True)
    try:
        sessions = conn.execute(
            "SELECT count(*) FROM session WHERE date = ? AND deleted = 0", (day.isoformat(),)
        ).fetchone()[0]
        outbox = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    finally:
        conn.close()
    return f"sessions stored on {day.isoformat()}: {sessions}, outbox entries: {outbox}"


def shoot(folder: Path, name: str) -> int:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QGuiApplication, QKeyEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from harmony_desktop.ui.app import make_application, run_window
    from harmony_desktop.ui.main_window import MainWindow

    if name == "maybe":
        from harmony_desktop.startup import open_app
        from harmony_desktop.store import settings

        with open_app(str(folder)) as services:
            synced = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=3)
            services.store.settings.set(settings.SYNC_LAST_SUCCESS, synced)
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    state = {"stage": "wait"}

    def press(target: object, key: Qt.Key, text: str) -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(
                target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            )  # type: ignore[arg-type]

    def tick() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows:
            return
        window = windows[0]
        page = window.register
        waited = time.monotonic() - started
        if state["stage"] == "wait":
            if not page.attached or (page.clock_behind is None and waited < 15):
                return
            if window.tasks.busy() and waited < 15:
                return
            if name in ("ask", "gone", "open") and page.sessions_model.rowCount():
                print("BEFORE", written(folder, page.today))
                press(page.sessions_view, Qt.Key.Key_Return, "\r")
                state["stage"] = "opening"
                return
            state["stage"] = "shoot"
            return
        if state["stage"] == "opening":
            if page.roll_ready and name == "open":
                state["stage"] = "opened"
                state["at"] = waited
                return
            if page.roll_ready:
                press(page.roll_view, Qt.Key.Key_P, "p")
                state["stage"] = "gone wrong" if name == "gone" else "asking"
            return
        if state["stage"] == "gone wrong":
            if page.roll_model.rowCount() and page.save_label.text():
                clock_file = os.environ["FAKETIME_TIMESTAMP_FILE"]
                Path(clock_file).write_text("@2000-01-01 09:00:00\n")
                if hasattr(window, "look_at_the_date"):
                    page.clockChecked.connect(lambda _behind: state.update(looked="yes"))
                    window.look_at_the_date()  # the window's one-minute look, at once
                else:  # an older build: the window's look was check_new_day alone
                    window.check_new_day()
                    state["looked"] = "yes"
                state["stage"] = "shoot"
            return
        if state["stage"] == "opened":  # the roll on screen, the status bar updated
            if waited < max(9, state["at"] + 2):  # type: ignore[operator]
                return
            say(window, "open", folder)
            if not page.roll_model.rowCount():  # nobody to mark that day
                state["stage"] = "done"
                QTimer.singleShot(200, window.close)
                return
            press(page.roll_view, Qt.Key.Key_P, "p")
            state["stage"] = "open asking"
            return
        if state["stage"] == "open asking":
            box = page.active_dialog
            if box is None:
                return
            QApplication.processEvents()
            say(window, "open-ask", folder)
            accept = QMessageBox.ButtonRole.AcceptRole  # "Take roll anyway"
            [go_on] = [b for b in box.buttons() if box.buttonRole(b) == accept]  # type: ignore[attr-defined]
            go_on.click()
            state["stage"] = "open marking"
            state["at"] = waited
            return
        if state["stage"] == "open marking":
            if not page.save_label.text() or waited < state["at"] + 2:  # type: ignore[operator]
                return
            say(window, "open-marked", folder)
            state["stage"] = "done"
            QTimer.singleShot(200, window.close)
            return
        if state["stage"] == "asking":
            if page.active_dialog is None:
                return
            state["stage"] = "shoot"
            return
        if state["stage"] == "shoot":
            if waited < 9:  # the sync's first attempt (5 s after start) has answered
                return
            if name == "gone" and "looked" not in state and waited < 30:
                return  # the register's comparison has not answered yet
            state["stage"] = "done"
            suffix = "-es" if (os.environ.get("SHOT_LANG") == "es") else ""
            path = OUT / f"register-clock-behind-{name}{suffix}.png"
            QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
            print(path)
            if name == "gone":
                windows = [w for w in QApplication.topLevelWidgets()
                           if isinstance(w, MainWindow) and w.isVisible()]  # fmt: skip
                window = windows[-1]
                page = window.register
                print("WINDOWS", len(windows), "REOPENED", window.successor is not None)
                print("ROLL", page.session.label if page.session else None, page.roll_ready)
            print("BAND", page.clock_banner.isVisible(), page.clock_banner.label.text())
            print("TITLE", page.day_title.text())
            print("DATE", window.date_label.text())
            sync = window.sync_ui.status
            for label in ("online_label", "last_label", "pending_label", "message_label"):
                print("SYNC", label, getattr(sync, label).text())
            print("STATUS", window.statusBar().currentMessage())
            if page.active_dialog is not None:
                print("ASK", page.active_dialog.text())  # type: ignore[attr-defined]
                page.active_dialog.reject()  # type: ignore[attr-defined]
            QTimer.singleShot(200, window.close)

    def say(window: MainWindow, shot: str, folder: Path) -> None:
        """Shoot ``shot`` and print what the roll, the status bar and the file say."""
        suffix = "-es" if (os.environ.get("SHOT_LANG") == "es") else ""
        path = OUT / f"register-clock-behind-{shot}{suffix}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)
        register = window.register
        print("BAND", register.clock_banner.isVisible(), register.clock_banner.label.text())
        if register.session is not None:
            print("ROLL", register.session.label, register.roll_model.rowCount(), "students")
            print("PROGRESS", register.progress_label.accessibleDescription())
            print("SAVED", register.save_label.text())
        print("PENDING", window.sync_ui.status.pending_label.text())
        if register.active_dialog is not None:
            print("ASK", register.active_dialog.text())  # type: ignore[attr-defined]
        print("WRITTEN", written(folder, register.today))

    make_application()  # the one run_window uses
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(100)
    code = run_window(str(folder))
    print("EXIT", code, "backups", sorted(p.name for p in (folder / "backups").glob("*")))
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["prepare", "shoot"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("name", nargs="?", default="y2k")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    if args.action == "prepare":
        prepare(args.folder, args.lang)
        return 0
    return shoot(args.folder, args.name)


if __name__ == "__main__":
    sys.exit(main())
