"""Screenshots of the register on a laptop whose clock is a year ahead of what the sync
server last found (run under Xvfb): the red band before the roll, at 1280x720 and on a
1024x600 netbook, in English and Spanish; and the amber band of a laptop a year
without a sync.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots_clock_ahead.py

A generated demo hub (entirely synthetic) in a temporary folder; the store's wall clock
is set a year ahead, as the register reads it. Saves
docs/screenshots/register-clock-ahead[-maybe][-netbook][-es].png.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
YEAR = dt.timedelta(days=365)


def main() -> int:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from harmony_desktop.demo import generate_demo
    from harmony_desktop.domain import i18n
    from harmony_desktop.startup import open_app
    from harmony_desktop.store import settings
    from harmony_desktop.ui.app import install_translator, make_application
    from harmony_desktop.ui.main_window import MainWindow

    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    server = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=3)
    for kind in ("certain", "maybe"):
        folder = Path(tempfile.mkdtemp(prefix="harmony-clock-ahead-"))
        with open_app(str(folder)) as services:
            generate_demo(services.store, hubs=1, today=dt.date.today())
            store = services.store
            if kind == "certain":
                store.settings.set(settings.SYNC_LAST_SUCCESS, server - dt.timedelta(days=1))
                seen = {"server_ms": int(server.timestamp() * 1000)}
                seen["here_ms"] = seen["server_ms"] + YEAR // dt.timedelta(milliseconds=1)
                store.settings.set(settings.SYNC_CLOCK_SEEN, seen)
            else:
                store.settings.set(settings.SYNC_LAST_SUCCESS, server - dt.timedelta(days=10))
            now = dt.datetime.now(dt.UTC) + YEAR
            store.wall = lambda now=now: int(now.timestamp() * 1000)
            hub = services.hubs.hubs()[0].id
            for lang in ("en", "es"):
                install_translator(app, QLocale("es_MX" if lang == "es" else "en_US"))
                for size, suffix in (((1280, 720), ""), ((1024, 600), "-netbook")):
                    window = MainWindow(
                        services, hub, today=now.astimezone().date(), auto_sync=False
                    )
                    window.resize(*size)
                    window.show()
                    page = window.register
                    for _ in range(400):
                        app.processEvents()
                        if page.attached and page.clock_ahead_banner.isVisible():
                            break
                        QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
                    for _ in range(30):
                        app.processEvents()
                    name = "register-clock-ahead" + ("-maybe" if kind == "maybe" else "")
                    name += suffix + ("-es" if lang == "es" else "") + ".png"
                    window.grab().save(str(OUT / name))
                    print(name, page.clock_ahead_banner.label.accessibleDescription())
                    window.shutdown()
                    window.close()
                    window.deleteLater()
            i18n.set_language(None)
            install_translator(app, QLocale("en_US"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
