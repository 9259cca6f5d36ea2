"""Screenshots of the main window on a 1024×600 netbook (and 1280×720 for comparison).

    xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python scripts/screenshots_netbook.py \\
        --out /tmp/netbook [--lang es]

Generates one demo hub (entirely synthetic) on a fixed school day, opens the real main
window as the app opens it (within the screen), opens the first session with volunteer
shifts, shows the red wrong-date band, and saves the whole screen: the register with the
volunteers folded and unfolded, the Events tab, and Programme set-up's Ensembles page
(as it opens and maximised). Prints what it measured (roll rows in sight, sideways
scroll bars, the band's height, column widths, meetings in sight).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea, QTableView, QWidget

from harmony_desktop.demo import generate_demo
from harmony_desktop.startup import open_app
from harmony_desktop.ui.app import install_translator, make_application
from harmony_desktop.ui.main_window import MainWindow

TODAY = dt.date(2026, 11, 18)  # a Wednesday in term
NOW = dt.time(15, 50)


def settle(app: QApplication, seconds: float = 0.4) -> None:
    """Let the event loop paint (and the worker report) for a moment."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, path: Path) -> None:
    """The whole screen ``widget`` is on, into ``path``."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path)


def programme(app: QApplication, window: MainWindow, out: Path, stem: str) -> None:
    """Programme set-up's Ensembles page, on the ensemble with the most meetings: as it
    opens, and maximised (the screen's available height less a 48 px title bar, as a
    window manager leaves it; Xvfb has none)."""
    setup = window.open_programme()
    page = setup.ensembles
    setup.show_page(page)
    while page.model.rowCount() == 0 or window.tasks.busy():
        app.processEvents()
    records = page.model.records()
    most = max(range(len(records)), key=lambda r: len(records[r].slots))
    page.view.selectRow(most)
    settle(app, 0.5)
    while page.meetings.table.rowCount() < 4:  # four meetings a week, typed, not saved
        page.meetings.add_meeting()
    page.meetings.table.setCurrentCell(0, 0)
    settle(app, 0.3)
    view, table = page.view, page.meetings.table
    names = [view.columnWidth(c) for c in range(3)]
    cut = sum(  # the name on its line, with the room a cell keeps beside its text
        view.fontMetrics().horizontalAdvance(str(page.model.index(r, 0).data()).split("\n")[0]) + 7
        > names[0]
        for r in range(view.model().rowCount())
    )
    area = next(a for a in page.findChildren(QScrollArea) if a.widget() is page.editor)
    for label, height in (("as opened", setup.height()), ("maximised", None)):
        if height is None:
            avail = (setup.screen() or QGuiApplication.primaryScreen()).availableGeometry()
            setup.setGeometry(avail.x(), avail.y(), avail.width(), avail.height() - 48)
            settle(app, 0.5)
        rows = in_sight(table, area)
        print(
            f"programme {label}: window {setup.width()}x{setup.height()} "
            f"(least height {setup.minimumSizeHint().height()}); ensembles list columns "
            f"(name, teacher, meets) {names} px, row height {view.rowHeight(0)}, "
            f"{cut} of {view.model().rowCount()} names cut; meets table "
            f"{table.height()} px, {table.rowCount()} meetings, {rows} whole in sight; "
            f"details scroll {area.verticalScrollBar().isVisible()} (need "
            f"{page.editor.minimumSizeHint().height()} px, have {area.viewport().height()})"
        )
        save(setup, out / f"{stem}-programme{'-max' if height is None else ''}.png")
        names = [view.columnWidth(c) for c in range(3)]
    page.discard_changes()  # the meetings typed above
    setup.hide()


def in_sight(table: QTableView, area: QScrollArea) -> int:
    """The rows of ``table`` whole in its viewport and in ``area``'s, as it is scrolled."""
    seen = area.viewport().rect()
    whole = 0
    for row in range(table.rowCount()):
        rect = table.visualRect(table.model().index(row, 0))
        if not table.viewport().rect().contains(rect):
            continue
        top = table.viewport().mapTo(area.viewport(), rect.topLeft())
        bottom = table.viewport().mapTo(area.viewport(), rect.bottomLeft())
        whole += seen.contains(top) and seen.contains(bottom)
    return whole


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/netbook", help="folder for the PNGs")
    parser.add_argument("--lang", default="en", help="the window's language (en, es)")
    parser.add_argument("--tag", default="", help="added to file names, e.g. before")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    size = QGuiApplication.primaryScreen().size()
    stem = "-".join(filter(None, [f"{size.width()}x{size.height()}", args.lang, args.tag]))
    with tempfile.TemporaryDirectory() as folder:
        services = open_app(folder)
        install_translator(app, QLocale(args.lang))
        generate_demo(services.store, hubs=1, today=TODAY)
        hub = services.hubs.find(None)
        assert hub is not None
        window = MainWindow(services, hub.id, today=TODAY, clock=lambda: NOW, auto_sync=False)
        window.show()
        page = window.register
        while page.sessions_model.rowCount() == 0 or window.tasks.busy():
            app.processEvents()
        settle(app)
        page.clock_banner.show_behind(TODAY, TODAY + dt.timedelta(days=2))
        settle(app)
        save(window, out / f"{stem}-today.png")
        # the first session with volunteers on it
        for row in range(page.sessions_model.rowCount()):
            info = page.sessions_model.session(row)
            page.sessions_view.setCurrentIndex(page.sessions_model.index(row, 0))
            page.open_session(info)
            while not page.roll_ready or window.tasks.busy():
                app.processEvents()
            settle(app, 0.3)
            if page.volunteers.model.rowCount():
                break
        settle(app, 0.5)
        view = page.roll_view
        band = page.clock_banner.label
        lines = band.height() // max(1, band.fontMetrics().lineSpacing())
        vol = page.volunteers.view
        print(
            f"window {window.width()}x{window.height()}; band {band.height()} px "
            f"(~{lines} lines); roll rows {view.viewport().height() / view.rowHeight(0):.1f}; "
            f"roll sideways {view.horizontalScrollBar().isVisible()}; "
            f"volunteers shown {not vol.isHidden()}, sideways "
            f"{vol.horizontalScrollBar().isVisible()}"
        )
        save(window, out / f"{stem}-roll.png")
        page.clock_banner.hide()
        settle(app, 0.3)
        rows = view.viewport().height() / view.rowHeight(0)
        print(f"without the date band: roll rows {rows:.1f}")
        save(window, out / f"{stem}-roll-noband.png")
        if vol.isHidden():
            page.volunteers.toggle.click()
            settle(app, 0.5)
            rows = vol.viewport().height() / max(1, vol.rowHeight(0))
            print(
                f"unfolded: roll rows {view.viewport().height() / view.rowHeight(0):.1f}; "
                f"volunteer rows {rows:.1f}; sideways {vol.horizontalScrollBar().isVisible()}"
            )
            save(window, out / f"{stem}-roll-volunteers.png")
            page.volunteers.toggle.click()  # folded again: the laptop's choice is kept
            settle(app, 0.2)
        window.pages.setCurrentWidget(window.events)
        settle(app, 1.0)
        events = window.events.view
        widths = [events.columnWidth(c) for c in range(events.model().columnCount())]
        print(
            f"events sideways {events.horizontalScrollBar().isVisible()}; "
            f"columns (date, what, title, reached) {widths} px"
        )
        save(window, out / f"{stem}-events.png")
        programme(app, window, out, stem)
        window.shutdown()
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
