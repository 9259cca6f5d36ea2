"""Start the desktop window: QApplication, data folder, hub, main window, event loop."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from harmony_desktop import APP_AUTHOR, APP_ID, APP_NAME, __version__
from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import HarmonyError, StoreCorruptError, StoreUnavailableError
from harmony_desktop.paths import require_data_dir, resolve_paths, resource
from harmony_desktop.store import settings
from harmony_desktop.store.today import FirstView, read_first_view

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services
    from harmony_desktop.ui.main_window import MainWindow
    from harmony_desktop.ui.single_instance import InstanceLock

log = logging.getLogger(__name__)

#: Set (to anything) to have the window print ``READY_LINE`` on stdout once today's
#: view has loaded: the start-up benchmark times the launch up to it.
READY_ENV = "HARMONY_REPORT_READY"
READY_LINE = "harmony-desktop: today's view is ready"
#: ... and this one once the services are open and the window complete.
OPEN_LINE = "harmony-desktop: the services are open"
#: Set (to anything) to have the window, once today's view shows, press Enter on the
#: session it points at as a teacher would (a key event through the same path), then
#: P on its roll's first student, and print ``ROLL_LINE`` and ``MARK_LINE`` when they
#: are handled: the start-up benchmark times "launch to first key press handled".
KEYS_ENV = "HARMONY_BENCH_KEYS"
ROLL_LINE = "harmony-desktop: Enter opened the roll"
MARK_LINE = "harmony-desktop: P marked a student"
#: ... or this one instead, on a day without a session to open (a Sunday).
NO_SESSION_LINE = "harmony-desktop: no session today to open"


def skip_pyside_source_scan() -> None:
    """Spare every later import PySide6's scan of its source.

    Once loaded, PySide6 reads the source of each module imported after it, looking for
    its opt-in ``from __feature__ import …`` switches (which this app never uses), and
    files the module as using them or not: the services and SQLAlchemy, imported after
    the window's first paint, spent about 0.4 s of CPU on it. Filing every module as not
    using them is what the scan would conclude here. A PySide6 without the hook is left
    alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", lambda _module: False)  # noqa: B010


skip_pyside_source_scan()


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
    i18n.install(resource("translations"))  # the system's language until a database says
    install_translator(app)
    return app


class CatalogueTranslator(QTranslator):
    """The app's compiled catalogue. A string not found under its context is looked up
    under the empty one, where lupdate files the module-level ``tr()`` helpers' strings
    (it cannot see the context those pass to ``QCoreApplication.translate``)."""

    def translate(
        self, context: str, sourceText: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """``sourceText`` translated, under ``context`` or else the empty context; None
        (a null QString) when neither has it, so Qt asks its own catalogue next (an empty
        string would count as a translation and blank out Qt's dialogs)."""
        found = super().translate(context, sourceText, disambiguation, n)
        if not found and context:
            found = super().translate("", sourceText, disambiguation, n)
        return found or None


def install_translator(app: QCoreApplication, locale: QLocale | None = None) -> bool:
    """Show the window in ``locale``'s language (default: the app's language, from the
    setting or the system): the app's catalogue, Qt's own (buttons and dialogs Qt
    draws) and the default QLocale (dates). Replaces the catalogues of a previous call.

    Returns True when the app's catalogue was found. English's catalogue holds only the
    plural forms ("1 row", "2 rows"); the source text is English otherwise.
    """
    code = i18n.set_language(locale.name() if locale is not None else i18n.current_language())
    QLocale.setDefault(QLocale(i18n.LOCALES[code]))
    for name in ("harmony-ui", "harmony-qt"):
        for old in app.findChildren(QTranslator, name):
            app.removeTranslator(old)
            old.setObjectName("")  # until it is deleted, a later call must not find it
            old.deleteLater()
    if code != "en":
        qt = qt_catalogue(code, app)
        if qt is not None:
            qt.setObjectName("harmony-qt")
            app.installTranslator(qt)
        else:  # Qt's dialogs ("Look in:", "Files of type:") stay in English: say why
            log.warning(
                "Qt's own %s catalogue (qtbase_%s.qm) is in none of %s",
                code, code, ", ".join(qt_catalogue_folders()),
            )  # fmt: skip
    translator = CatalogueTranslator(app)
    translator.setObjectName("harmony-ui")
    found = translator.load(str(resource("translations", f"harmony_desktop_{code}.qm")))
    if found:
        app.installTranslator(translator)
    else:
        translator.deleteLater()
    return found


def qt_catalogue_folders() -> list[str]:
    """Where Qt's own catalogues may be: Qt's translations folder (in a frozen app, the
    one the build ships: ``PySide6/Qt/translations``, ``PySide6/translations`` on
    Windows), then the same places beside the PySide6 package, should Qt's paths not
    lead there."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(package / "Qt" / "translations"),
        str(package / "translations"),
    ]
    return list(dict.fromkeys(folder for folder in folders if folder))


def qt_catalogue(code: str, parent: QObject | None = None) -> QTranslator | None:
    """Qt's own catalogue of the language ``code`` (the words of the dialogs Qt draws:
    the file dialogs' "Look in:" and "Files of type:", the print dialog, the buttons of
    a message box), or None when no folder has it."""
    for folder in qt_catalogue_folders():
        translator = QTranslator(parent)
        if translator.load(QLocale(code), "qtbase", "_", folder):
            return translator
        translator.deleteLater()
    return None


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


def press_keys(window: MainWindow) -> None:
    """Press Enter, then (once the roll is open) P, as a teacher would at once; print
    when each was handled (see ``KEYS_ENV``)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    register = window.register

    def press(target: QWidget, key: Qt.Key, text: str) -> None:
        # To the widget the app gives the keyboard (under Xvfb no window manager
        # activates the window, so Qt's focus widget would be None).
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            QApplication.postEvent(target, event)

    def opened(_session_id: str) -> None:
        register.rollOpened.disconnect(opened)
        print(ROLL_LINE, flush=True)
        press(register.roll_view, Qt.Key.Key_P, "p")

    def marked(_student: str, _code: str) -> None:
        register.markSaved.disconnect(marked)
        print(MARK_LINE, flush=True)

    if register.sessions_model.rowCount() == 0:
        print(NO_SESSION_LINE, flush=True)
        return
    register.rollOpened.connect(opened)
    register.markSaved.connect(marked)
    press(register.sessions_view, Qt.Key.Key_Return, "\r")


def report_damage(window: MainWindow) -> list[Exception]:
    """Wait (on the maintenance thread) for the integrity check the store began at open;
    if it finds the file damaged (or could not read it: a full disk), say so and what
    to do, and close the window. Until it has passed, every write waits for it, so
    nothing is written to a damaged file.

    Returns the list the error found is put in, for the exit status.
    """
    from harmony_desktop.ui.tasks import Lane

    found: list[Exception] = []

    def failed(error: Exception) -> None:
        found.append(error)
        chosen = _refused(window, error, store.backup_dir)
        window.restore_from = chosen if isinstance(chosen, Path) else None
        window.close()

    store = window.services.store
    window.tasks.run(
        lambda _progress: store.checked(), lambda _none: None, failed, lane=Lane.MAINTENANCE
    )
    return found


def is_frozen() -> bool:
    """True in an installed (PyInstaller) build; False when run from a clone."""
    return bool(getattr(sys, "frozen", False))


def run_window(
    data_dir: str | None,
    hub: str | None = None,
    *,
    demo_on_new: bool | None = None,
    today: dt.date | None = None,
) -> int:
    """Open the data folder and the hub (name or id, default the first), run the window.

    On an up-to-date database the window shows today's view at once, read without the
    ORM, and its services open behind it (``ui/opening.py``); any other database (new,
    to migrate or check first, ``--hub`` given) is opened first. On a database with no
    hub, an installed app offers three ways in (join the programme, set one up on this
    laptop, try the demo) and a backup to restore; run from a clone it seeds the demo
    hub, as ``./dev run`` always has. ``demo_on_new`` overrides which; ``today`` (tests)
    the day shown.

    A ``data_dir`` that does not exist (a disk not connected) is refused in a message
    box, and nothing is created.

    A backup chosen in the window (File ▸ Restore from a backup…) or at the first start
    is put back once the window and its services are closed, and the window opens again
    on it.
    """
    make_application()
    try:
        require_data_dir(data_dir)  # a disk not connected: no new database, no set-up
    except HarmonyError as exc:
        _refused(None, exc, None)
        return 2
    guard = _claim_folder(resolve_paths(data_dir).data_dir)
    if isinstance(guard, int):
        return guard  # a window is already open on this folder
    try:
        while True:
            outcome = _open_window(data_dir, hub, demo_on_new=demo_on_new, today=today)
            if outcome == TRY_AGAIN:
                continue  # another program had the database: it may be done now
            if not isinstance(outcome, Path):
                return outcome
            from harmony_desktop.ui.restore import restore_and_say

            if restore_and_say(outcome, resolve_paths(data_dir).ensure().database):
                hub = None  # the backup's own hubs
    finally:
        guard.release()


def _claim_folder(folder: Path) -> InstanceLock | int:
    """The data folder's lock for this window (:mod:`~harmony_desktop.ui.single_instance`),
    listening once the event loop runs. When another window holds it, that window is
    asked to come forward: 0 once it has; if it closed meanwhile, this start takes the
    lock and opens; else 1 after a message saying what to do."""
    from harmony_desktop.ui.single_instance import InstanceLock, ask_open_window, say_already_open

    with contextlib.suppress(OSError):  # the start-up says what is wrong with the disk
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    guard = InstanceLock(folder)
    if guard.acquire():
        QTimer.singleShot(300, guard.listen)  # after the first paint
        return guard
    if ask_open_window(folder):
        return 0
    if guard.acquire():  # that window closed meanwhile: this one opens instead
        QTimer.singleShot(300, guard.listen)
        return guard
    from harmony_desktop.store.today import read_language

    i18n.set_language(read_language(resolve_paths(str(folder)).database))
    install_translator(QApplication.instance())  # type: ignore[arg-type]
    say_already_open(folder)
    return 1


def _open_window(
    data_dir: str | None,
    hub: str | None,
    *,
    demo_on_new: bool | None,
    today: dt.date | None,
) -> int | Path:
    """Run the window once (see :func:`run_window`): its exit code, or the backup to put
    back before it opens again."""
    app = make_application()
    first = read_first_view(resolve_paths(data_dir).database, today or dt.date.today(), hub)
    if first is not None:
        return _run_first_paint(app, data_dir, first)
    from harmony_desktop.startup import open_app

    seed = (not is_frozen()) if demo_on_new is None else demo_on_new
    try:
        # The daily backup and the integrity check wait until the window is up (below):
        # neither delays it.
        services = open_app(data_dir, seed_demo=seed, backup=False, check_later=True)
    except (HarmonyError, OSError) as exc:
        return _refused(None, exc, resolve_paths(data_dir).backups, can_retry=True) or 2
    with services:
        install_translator(app)  # the language chosen in this database's settings
        try:
            try:
                chosen = services.hubs.find(hub or last_hub(services))
            except Exception as exc:
                if not isinstance(exc, HarmonyError):
                    # damage or a full disk: say that, not what it broke
                    services.store.opening_failed(exc)
                raise
        except HarmonyError as exc:
            return _refused(None, exc, resolve_paths(data_dir).backups, can_retry=True) or 2
        alone = False
        if chosen is None:
            # Only a database without a hub asks: its module loads only then.
            from harmony_desktop.ui.programme.first_start import ALONE, FirstStartDialog

            first_start = FirstStartDialog(services)
            accepted = first_start.exec() == FirstStartDialog.DialogCode.Accepted
            first_start.shutdown()
            if first_start.restore_from is not None:
                return first_start.restore_from  # put back once the services are closed
            if not accepted or first_start.hub_id is None:
                return 1
            chosen = services.hubs.hub(first_start.hub_id)
            alone = first_start.choice == ALONE
            # kept as File > Switch hub keeps it: a hub added later (by name first in
            # the list) does not take its place at the next start
            services.store.settings.set(settings.CURRENT_HUB, chosen.id)
        from harmony_desktop.ui.main_window import MainWindow

        window = MainWindow(services, chosen.id, today=today)
        if os.environ.get(READY_ENV):
            report_ready(window)
        window.show()
        damage = _after_show(window)
        if alone:
            programme = window.open_programme()  # next: ensembles, staff, the calendar
            programme.show_page(programme.ensembles)
        return _run_loop(app, window, services, damage)


#: What :func:`_open_window` returns when the person chose to try opening again (a
#: database another program was writing to): never an exit status.
TRY_AGAIN = -1


def _refused(
    parent: QWidget | None, error: Exception, backups: Path | None, *, can_retry: bool = False
) -> Path | int | None:
    """Say why the database cannot be used; for a damaged one, offer its backups (and
    only for a damaged one: a full or read-only disk is said with what to do). The
    backup chosen to be put back, :data:`TRY_AGAIN` (a database in use, where
    ``can_retry``), or None."""
    from harmony_desktop.ui.screen_fit import dialogs_on_screen

    if isinstance(error, StoreCorruptError):
        from harmony_desktop.ui.restore import offer_backups

        with dialogs_on_screen():  # the box, and the file dialog it opens, on the screen
            return offer_backups(parent, error, backups)  # the window's words, not the CLI's
    if isinstance(error, StoreUnavailableError):
        from harmony_desktop.ui.store_trouble import say_trouble

        with dialogs_on_screen():
            again = say_trouble(parent, error, can_retry=can_retry)  # the window's words
        return TRY_AGAIN if again else None
    QMessageBox.critical(parent, APP_NAME, _refusal(error))
    return None


def _refusal(error: Exception) -> str:
    """What to tell a person of an error opening the data folder (no terminal to read)."""
    if isinstance(error, HarmonyError):
        return str(error)
    if isinstance(error, OSError):  # a log or data folder that cannot be written
        from harmony_desktop.services.files import file_error

        if error.filename:
            return str(file_error(Path(str(error.filename)), error))
        return f"{error.strerror or type(error).__name__}"
    return repr(error)


def _after_show(window: MainWindow) -> list[Exception]:
    """The integrity check's verdict, then the daily backup, in the background."""
    from harmony_desktop.ui.backup import start_daily_backup

    damage = report_damage(window)  # queued first: the backup is of a checked file
    start_daily_backup(window, window.tasks)
    return damage


def _open_behind(data_dir: str | None, hub_id: str) -> Services:
    """Open the services on the opening thread, and load (import) what the register
    asks of them first, so the UI thread finds them ready."""
    from harmony_desktop.startup import open_app

    services = open_app(data_dir, backup=False, check_later=True)
    try:
        services.roll.codes()
        services.hubs.staff_for_hub(hub_id)
        services.sessions  # noqa: B018 - built (imported) now, not on the UI thread
        services.volunteers  # noqa: B018
    except BaseException:
        services.close()
        raise
    return services


def _run_first_paint(app: QApplication, data_dir: str | None, first: FirstView) -> int | Path:
    """Show ``first`` at once, open the services behind it, complete the window."""
    from harmony_desktop.ui.main_window import MainWindow
    from harmony_desktop.ui.opening import AfterFirstPaint, InputGate, Opener

    i18n.set_language(first.language)
    install_translator(app)
    opener = Opener(lambda: _open_behind(data_dir, first.hub_id))
    window = MainWindow(cast("Services", opener.pending), first.hub_id, first=first)
    damage: list[Exception] = []
    failed: list[Exception] = []
    #: a backup to put back, offered for a damaged file; or TRY_AGAIN, for one in use
    chosen: list[Path | int | None] = []
    waiting: list[bool] = []

    def finish() -> bool:
        """Wait for the services (once) and complete the window; False if they failed."""
        nonlocal damage
        if window.register.attached or failed or waiting:
            return not failed  # done, or under way further up (opened while waiting)
        waiting.append(True)
        try:
            opener.pending.wait()
        except Exception as exc:
            failed.append(exc)
            gate.release()  # input must reach the dialogs, and a window opened after this
            chosen.append(_refused(window, exc, resolve_paths(data_dir).backups, can_retry=True))
            window.close()
            return False
        window.attach()
        gate.release()
        damage = _after_show(window)
        if os.environ.get(READY_ENV):
            print(OPEN_LINE, flush=True)
        return True

    def painted() -> None:
        """Today's view is on the screen: now open the services behind it."""
        if os.environ.get(READY_ENV):
            print(READY_LINE, flush=True)
        opener.start()
        if os.environ.get(KEYS_ENV):
            press_keys(window)

    gate = InputGate(finish, window)
    opener.when_opened(finish)  # finish() runs once; a second call returns at once
    AfterFirstPaint(window, painted)
    window.show()
    code = app.exec()
    opener.join()  # the window may close before its services are open
    if opener.pending.error is not None:
        window.shutdown()
        return next((path for path in chosen if path is not None), 2)
    services = opener.pending.wait()
    with services:
        if not window.register.attached:  # closed before it was complete
            window.shutdown()
            return int(code)
        return _run_loop(app, window, services, damage, code)


def _run_loop(
    app: QApplication,
    window: MainWindow,
    services: Services,
    damage: list[Exception],
    code: int | None = None,
) -> int | Path:
    """Run the event loop (unless ``code`` says it already ran) until the window
    closes; build it again in a newly chosen language. A backup chosen to be put back is
    returned instead of the exit code."""
    from harmony_desktop.ui.main_window import MainWindow

    while True:
        if code is None:
            code = app.exec()
        window.shutdown()
        if damage:  # said so in a dialog (a backup to put back, perhaps); nothing written
            return window.restore_from or 2
        while window.successor is not None:  # the hub was switched: its window
            window = window.successor
            window.shutdown()
        if window.restore_from is not None:
            return window.restore_from
        if window.chosen_language is None:
            return int(code)
        # A new language was chosen: build the window again in it, on the same tab.
        install_translator(app, QLocale(window.chosen_language))
        geometry, tab = window.saveGeometry(), window.pages.currentIndex()
        window.deleteLater()
        window = MainWindow(services, window.hub_id)
        window.restoreGeometry(geometry)
        window.pages.setCurrentIndex(tab)
        window.show()
        code = None
