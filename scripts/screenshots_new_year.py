"""Screenshots of the Programme window's "Next grade" page (moving students up a grade
when a programme year begins) for docs/screenshots/ (generated data only, in a temporary
folder).

Run: ``xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python -m scripts.screenshots_new_year``
from the repository root; on a netbook's screen ``-screen 0 1024x600x24 … --size 1024x600
--suffix netbook``; at 200 % ``QT_SCALE_FACTOR=2 … --suffix 200pct`` (on a 2560x1440
screen); in Spanish ``--lang es``. A generated demo hub whose grades were recorded last
year (2025-26) is shown on 14 September 2026: the preview, before anything is written;
then the question; then the Roster tab's reminder that leads there. Writes
programme-new-year*.png, programme-new-year-ask*.png and roster-next-grade*.png.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from sqlmodel import select

from harmony_desktop.domain import i18n
from harmony_desktop.startup import open_app
from harmony_desktop.store.models import Student
from harmony_desktop.ui.app import make_application
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.tasks import TaskManager
from scripts.screenshots_sync import save, set_suffix, wait

TODAY = dt.date(2026, 9, 14)


def main() -> int:
    """Make the screenshots; 0 on success."""
    argv = sys.argv[1:]
    size = (1280, 720)
    if "--size" in argv:
        at = argv.index("--size")
        width, height = argv[at + 1].split("x")
        size = (int(width), int(height))
        del argv[at : at + 2]
    lang = set_suffix(argv)
    os.environ.setdefault("HARMONY_TOKEN_STORE", "file")  # never the developer's keyring
    if lang == "es":
        os.environ["LANG"] = "es_MX.UTF-8"
        QLocale.setDefault(QLocale("es_MX"))
    make_application(sys.argv[:1])
    i18n.set_language(lang)
    root = Path(tempfile.mkdtemp(prefix="new-year-shots-"))
    from harmony_desktop.demo import ensure_demo

    with open_app(root / "demo") as services:
        ensure_demo(services.store, today=TODAY, students=120)
        # As on a laptop in September before anybody moved them up: last year's grades.
        with services.store.write() as w:
            ids = [st.id for st in w.session.exec(select(Student)).all() if st.grade]
            w.upsert_many(Student, [{"id": sid, "grade_year": "2025-26"} for sid in ids])
        (hub,) = services.hubs.hubs()
        tasks = TaskManager(services)
        window = ProgrammeWindow(services, tasks, hub.id, today=TODAY)
        window.resize(*size)
        window.show()
        wait(1500)
        window.show_page(window.new_year)
        wait(1500)
        save(window, "programme-new-year.png")
        window.new_year.ask()
        wait(600)
        save(window.new_year.question or window, "programme-new-year-ask.png")
        window.close_dropping_changes()
        tasks.shutdown()
        # the Roster tab's reminder, which leads there
        from harmony_desktop.ui.main_window import MainWindow

        main = MainWindow(services, hub.id, today=TODAY, auto_sync=False)
        main.resize(*size)
        main.show()
        wait(1500)
        main.pages.setCurrentWidget(main.roster)
        wait(1500)
        save(main, "roster-next-grade.png")
        main.shutdown()
        main.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
