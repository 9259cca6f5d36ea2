"""Screenshots of what the window says when the database's disk keeps it from opening
(run as root under Xvfb: it mounts a small disk, a tmpfs, and fills it).

    xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_store_trouble.py full /tmp/store-trouble
    LANGUAGE=es xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_store_trouble.py full /tmp/store-trouble
    xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_store_trouble.py already-open /tmp/store-trouble

``already-open`` is a second start while a window holds the data folder and does not
answer (no root needed). ``in-use`` starts while another process holds the database's
write lock (as a command line's import or a sync from a scheduled task would, on a
file in WAL mode: today's view shows, and the box comes over it once the app has
waited its 10 seconds; no root needed). ``full`` puts a generated demo hub (entirely synthetic) on a
3 MB disk, fills the disk
and starts the app as a person would (``run_window``); ``read-only`` makes the database
0400 and its folder 0500 and starts it, run without root's right to ignore that (the
process drops CAP_DAC_OVERRIDE through ``setpriv``, as below). Each saves
<folder>/<kind>[-es].png (the whole screen) and <kind>[-es]-details.png (the box with
its details shown), prints the box's words and buttons, and closes the box.

    setpriv --bounding-set=-dac_override,-dac_read_search \\
        --inh-caps=-dac_override,-dac_read_search xvfb-run -a -s "-screen 0 1280x720x24" \\
        .venv/bin/python scripts/screenshots_store_trouble.py read-only /tmp/store-trouble
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def prepare(data: Path) -> None:
    from harmony_desktop.demo import generate_demo
    from harmony_desktop.startup import open_app

    with open_app(str(data)) as services:
        generate_demo(services.store, hubs=1, total_students=20, years=1)


def shoot(data: Path, out: Path, name: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from harmony_desktop.domain import i18n
    from harmony_desktop.ui.app import make_application, run_window

    make_application()
    suffix = "" if i18n.current_language() == "en" else f"-{i18n.current_language()}"
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(100, look)
            return
        if not seen:
            seen.append(box.text())
            QTimer.singleShot(400, look)  # painted
            return
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(out / f"{name}{suffix}.png"))
        print(box.text(), box.informativeText(), sep="\n\n")
        print("BUTTONS", [b.text() for b in box.buttons()])
        details = next((b for b in box.buttons() if "…" in b.text() or "..." in b.text()), None)
        if details is not None:
            details.click()
            QApplication.processEvents()
            box.grab().save(str(out / f"{name}{suffix}-details.png"))
            print(box.detailedText())
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(100, look)
    code = run_window(str(data))
    print("EXIT", code)
    return 0 if seen else 1


def already_open(folder: Path) -> int:
    """A second start whose open window does not answer: the lock is held by this
    process (alive, so not stale), whose "window" never takes the request."""
    from PySide6.QtCore import QLockFile

    from harmony_desktop.ui import single_instance

    data = folder / "already-open"
    shutil.rmtree(data, ignore_errors=True)
    prepare(data)
    held = QLockFile(str(data / single_instance.LOCK_NAME))
    if not held.tryLock(0):
        raise SystemExit("could not take the lock")
    single_instance._WAIT_MS = 500  # not the 4 s a person waits
    try:
        return shoot(data, folder, "already-open")
    finally:
        held.unlock()


#: Another program holding the write lock until its standard input closes.
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE local_meta SET value = value WHERE key = 'device_id'")
print("held", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def in_use(folder: Path) -> int:
    data = folder / "in-use"
    shutil.rmtree(data, ignore_errors=True)
    prepare(data)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data / "harmony.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "held\n"
        return shoot(data, folder, "in-use")
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["full", "read-only", "already-open", "in-use"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("HARMONY_LOG_DIR", str(folder / "logs"))
    if args.kind == "full":
        disk = folder / "disk"
        disk.mkdir(exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3M", "tmpfs", str(disk)], check=True)
        try:
            prepare(disk / "data")
            with (disk / "fill").open("wb") as fill:
                os.posix_fallocate(fill.fileno(), 0, shutil.disk_usage(disk).free)
            return shoot(disk / "data", folder, "disk-full")
        finally:
            subprocess.run(["umount", "-l", str(disk)], check=False)
    if args.kind == "already-open":
        return already_open(folder)
    if args.kind == "in-use":
        return in_use(folder)
    data = folder / "read-only"
    shutil.rmtree(data, ignore_errors=True)
    prepare(data)
    (data / "harmony.sqlite3").chmod(0o400)
    data.chmod(0o500)
    try:
        return shoot(data, folder, "read-only")
    finally:
        data.chmod(0o700)
        (data / "harmony.sqlite3").chmod(0o600)


if __name__ == "__main__":
    sys.exit(main())
