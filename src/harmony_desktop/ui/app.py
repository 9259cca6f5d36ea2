"""Start the desktop window: QApplication, data folder, hub, main window, event loop."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from harmony_desktop import APP_AUTHOR, APP_ID, APP_NAME, __version__
from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.paths import resource
from harmony_desktop.services.context import Services
from harmony_desktop.startup import open_app
from harmony_desktop.store import settings

if TYPE_CHECKING:
    from harmony_desktop.ui.main_window import MainWindow


#: Set (to anything) to have the window print ``READY_LINE`` on stdout once today's
#: view has loaded: the start-up benchmark times the launch up to it.
READY_ENV = "HARMONY_REPORT_READY"
READY_LINE = "harmony-desktop: today's view is ready"


def tr(text: str) -> str:
    """Translate a start-up string (context ``App``)."""
    return QCoreApplication.translate("App", text)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's name, organisation and icon (reused if it exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = resource("icons", "app.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translator(app)
    return app


def install_translator(app: QApplication, locale: QLocale | None = None) -> bool:
    """Load the UI catalogue for the user's language (resources/translations/*.qm).

    Returns True when one was found; English needs none.
    """
    if app.findChild(QTranslator, "harmony-ui") is not None:
        return True
    translator = QTranslator(app)
    translator.setObjectName("harmony-ui")
    found = translator.load(
        locale or QLocale(), "harmony_desktop", "_", str(resource("translations"))
    )
    if found:
        app.installTranslator(translator)
    else:
        translator.deleteLater()
    return found


def last_hub(services: Services) -> str | None:
    """The hub last chosen with File ▸ Switch hub, if it is still here."""
    saved = services.store.settings.get(settings.CURRENT_HUB)
    return saved if saved and any(h.id == saved for h in services.hubs.hubs()) else None


def report_ready(window: MainWindow) -> None:
    """Print ``READY_LINE`` once, when the register first shows today's sessions."""
    register = window.register

    def ready() -> None:
        register.dayLoaded.disconnect(ready)
        print(READY_LINE, flush=True)

    register.dayLoaded.connect(ready)


def is_frozen() -> bool:
    """True in an installed (PyInstaller) build; False when run from a clone."""
    return bool(getattr(sys, "frozen", False))


def run_window(
    data_dir: str | None, hub: str | None = None, *, demo_on_new: bool | None = None
) -> int:
    """Open the data folder and the hub (name or id, default the first), run the window.

    On a database with no hub, an installed app offers three ways in (join the
    programme, set one up on this laptop, try the demo); run from a clone it seeds the
    demo hub, as ``./dev run`` always has. ``demo_on_new`` overrides which.
    """
    from harmony_desktop.ui.backup import start_daily_backup
    from harmony_desktop.ui.main_window import MainWindow
    from harmony_desktop.ui.programme.first_start import ALONE, FirstStartDialog

    app = make_application()
    seed = (not is_frozen()) if demo_on_new is None else demo_on_new
    try:
        # The daily backup waits until the window is up (below): it never delays it.
        services = open_app(data_dir, seed_demo=seed, backup=False)
    except HarmonyError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    with services:
        try:
            chosen = services.hubs.find(hub or last_hub(services))
        except HarmonyError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            return 2
        first_start = None
        if chosen is None:
            first_start = FirstStartDialog(services)
            accepted = first_start.exec() == FirstStartDialog.DialogCode.Accepted
            first_start.shutdown()
            if not accepted or first_start.hub_id is None:
                return 1
            chosen = services.hubs.hub(first_start.hub_id)
        window = MainWindow(services, chosen.id)
        if os.environ.get(READY_ENV):
            report_ready(window)
        window.show()
        start_daily_backup(window, window.tasks)
        if first_start is not None and first_start.choice == ALONE:
            programme = window.open_programme()  # next: ensembles, staff, the calendar
            programme.show_page(programme.ensembles)
        code = app.exec()
        window.shutdown()
        return int(code)
