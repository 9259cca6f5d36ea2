"""``harmony-desktop --self-test``: prove that this build of the app works on this machine.

Meant first for the frozen app (an installer's last step, a support call, CI), it also
runs from source. It works only in a temporary data folder, never the user's, and runs
headless: unless ``QT_QPA_PLATFORM`` is set, Qt's ``offscreen`` platform is used.

Checks, in order (each reports ok, FAILED or UNAVAILABLE and how long it took):

``bundle``  resources and the Alembic migrations are where the path helper looks;
``locale``  a date, weekday, time and list in each of the app's languages through Babel,
            and through Qt and ICU (a date, Spanish sorting, upper case): the build keeps
            only these languages' locale data; a language it does not ship falls back;
``store``   a new database is created and migrated to the newest schema;
``mark``    a generated hub, class and student; a mark written, then read back after
            closing and reopening the database;
``print``   a printout rendered to PDF through Qt printing;
``ui``      the Qt UI started offscreen: the main window shown over that data, then
            closed, with no worker thread left running.

Exit status: 0 every check passed; 1 a check failed; 3 nothing failed but a part is
missing from this build (for example a build without the printing module).

Like :mod:`harmony_desktop.cli`, this is a composition root: with it, the one module
outside ``ui``/``printing`` that touches Qt, and only to start and stop the UI it checks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import logging
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from harmony_desktop import APP_NAME, __version__
from harmony_desktop.domain.i18n import LANGUAGES, N_, _

log = logging.getLogger(__name__)

STEPS: tuple[str, ...] = ("bundle", "locale", "store", "mark", "print", "ui")
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INCOMPLETE = 3

OK = N_("ok")
FAILED = N_("FAILED")
UNAVAILABLE = N_("UNAVAILABLE")

#: the generated hub (the main window must show its name)
SELF_TEST_HUB = "Self-test Hub"
#: the generated class, with a session today (the main window must list it)
SELF_TEST_CLASS = "Self-test Strings"
#: how long the window may lay itself out and load before it is checked
UI_SETTLE_SECONDS = 0.5
#: how long the window's worker threads may take to stop once it is closed
THREAD_STOP_SECONDS = 5.0
#: save the self-test's picture of the main window here (a PNG path), to look at it
SCREENSHOT_ENV = "HARMONY_SELFTEST_SCREENSHOT"
#: a day (Tuesday 15 September 2026) as each language of the app writes it: the medium
#: date, the weekday, 15:30 and a list of three, through Babel; the build ships only
#: these languages' data (build.spec)
LOCALE_DAY = dt.date(2026, 9, 15)
LOCALE_SAMPLES: dict[str, tuple[str, str, str, str]] = {
    "en": ("Sep 15, 2026", "Tuesday", "3:30 PM", "a, b, and c"),
    "es": ("15 sep 2026", "martes", "3:30 p.m.", "a, b y c"),
}
#: the printout the self-test renders, in order of preference (first one the build has)
PRINT_KINDS: tuple[str, ...] = ("class_roster", "roster", "sign_in_sheet", "blank_roll")


class Unavailable(Exception):
    """A part of the app is not in this build (reported, not a crash)."""


class CheckFailed(Exception):
    """A check found the build not working; the message says what is wrong."""


@dataclass
class CheckResult:
    """The outcome of one check."""

    name: str
    status: str
    detail: str
    seconds: float


@dataclass
class SelfTestReport:
    """Every check run, and the exit status they add up to."""

    results: list[CheckResult] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all passed, 1 something failed, 3 a part of the app is missing."""
        statuses = {r.status for r in self.results}
        if FAILED in statuses:
            return EXIT_FAILED
        if UNAVAILABLE in statuses:
            return EXIT_INCOMPLETE
        return EXIT_OK

    def result(self, name: str) -> CheckResult | None:
        """The result of check ``name``, if it ran."""
        return next((r for r in self.results if r.name == name), None)


@dataclass
class _Fixture:
    """What the checks share: the open app and the ids of the generated data."""

    data_dir: Path
    services: Any = None
    hub_id: str = ""
    ensemble_id: str = ""
    student_id: str = ""
    session_id: str = ""
    qt_app: Any = None


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def run_self_test(
    steps: Sequence[str] | None = None, *, out: TextIO | None = None
) -> SelfTestReport:
    """Run the checks named in ``steps`` (default: all) and print one line per check.

    The data folder is a fresh temporary one, removed afterwards; environment variables
    and log handlers the self-test sets are put back, so it can also run inside a test.
    """
    out = out or sys.stdout
    wanted = list(steps or STEPS)
    unknown = [s for s in wanted if s not in STEPS]
    if unknown:
        raise ValueError(_("unknown self-test step(s): {steps}").format(steps=", ".join(unknown)))
    report = SelfTestReport()
    started = time.perf_counter()
    print(_header(), file=out, flush=True)
    with (
        tempfile.TemporaryDirectory(prefix="harmony-selftest-", ignore_cleanup_errors=True) as tmp,
        _private_environment(Path(tmp)),
        _quiet_offscreen_warnings(),
    ):
        fx = _Fixture(data_dir=Path(tmp) / "data")
        checks: dict[str, Callable[[_Fixture], str]] = {
            "bundle": _check_bundle,
            "locale": _check_locale,
            "store": _check_store,
            "mark": _check_mark,
            "print": _check_print,
            "ui": _check_ui,
        }
        # Later checks need the store and the generated data: open them even when only
        # "ui" or "print" was asked for, but report only what was asked.
        needed = set(wanted)
        if needed & {"mark", "print", "ui"}:
            needed |= {"store", "mark"}
        try:
            for name in STEPS:
                if name not in needed:
                    continue
                result = _run_check(name, checks[name], fx)
                if name in wanted or result.status != OK:
                    report.results.append(result)
                    _print_result(result, out)
                if name in {"store", "mark"} and result.status != OK:
                    break  # nothing after this can run without the data
        finally:
            if fx.services is not None:
                fx.services.close()
    total = time.perf_counter() - started
    passed = sum(r.status == OK for r in report.results)
    if report.exit_code == EXIT_OK:
        summary = _("self-test passed: {passed} of {total} checks ok in {seconds:.1f} s")
    elif report.exit_code == EXIT_INCOMPLETE:
        summary = _(
            "self-test incomplete: {passed} of {total} checks ok, some parts are not in this build"
        )
    else:
        summary = _("self-test FAILED: {passed} of {total} checks ok")
    print(
        summary.format(passed=passed, total=len(report.results), seconds=total),
        file=out,
        flush=True,
    )
    return report


def main_self_test(steps: str | None = None) -> int:
    """``harmony-desktop --self-test[=STEP,STEP]``: run the checks, return the exit status."""
    chosen = [s.strip() for s in steps.split(",") if s.strip()] if steps else None
    # Redirected to a file on Windows, stdout has the ANSI code page: never crash the
    # report over a character it lacks (a translated message, a "×").
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            reconfigure(errors="replace")
    try:
        return run_self_test(chosen).exit_code
    except ValueError as exc:
        steps = _("steps")  # (outside the f-string, where xgettext finds it)
        print(f"harmony-desktop: {exc} ({steps}: {', '.join(STEPS)})", file=sys.stderr)
        return 2


# -- the checks -------------------------------------------------------------------------


def _check_bundle(fx: _Fixture) -> str:
    from harmony_desktop.paths import migrations_dir, resource_root

    migrations = migrations_dir()
    env = migrations / "env.py"
    versions = sorted((migrations / "versions").glob("[0-9]*.py"))
    if not env.is_file() or not versions:
        raise CheckFailed(
            _("the database migrations are missing from {folder}").format(folder=migrations)
        )
    root = resource_root()
    if is_frozen() and not root.is_dir():
        raise CheckFailed(_("the resources folder is missing: {folder}").format(folder=root))
    icons = len(list((root / "icons").glob("*.png"))) if root.is_dir() else 0
    catalogues = sum(  # compiled catalogues: .qm (Qt) and .mo (gettext)
        p.suffix in {".qm", ".mo"} for p in (root / "translations").rglob("*")
    )
    qt_languages = _qt_catalogues()
    return _(
        "{migrations} migrations, {icons} icons, {catalogues} translation catalogues, "
        "Qt's own in {languages}"
    ).format(
        migrations=len(versions),
        icons=icons,
        catalogues=catalogues,
        languages=", ".join(qt_languages),
    )


def _qt_catalogues() -> list[str]:
    """The app's languages other than English whose Qt catalogue (the words of the
    dialogs Qt draws: "Look in:", "Files of type:") loads; CheckFailed when one does not."""
    from harmony_desktop.ui.app import qt_catalogue, qt_catalogue_folders

    found, missing = [], []
    for code in LANGUAGES:
        if code == "en":
            continue
        catalogue = qt_catalogue(code)
        if catalogue is not None and catalogue.translate("QFileDialog", "Look in:"):
            found.append(code)
        else:
            missing.append(f"qtbase_{code}.qm")
    if missing:
        raise CheckFailed(
            _(
                "Qt's own catalogue {names} is missing (the words of its file and print "
                "dialogs would be in English); looked in {folders}"
            ).format(names=", ".join(missing), folders=", ".join(qt_catalogue_folders()))
        )
    return found


def _check_locale(fx: _Fixture) -> str:
    """Dates outside Qt (Babel) and inside it (Qt's locale, ICU's collation and case) in
    every language of the app, and a language the app does not ship falling back."""
    from PySide6.QtCore import QCollator, QDate, QLocale

    from harmony_desktop.domain import i18n

    for code in LANGUAGES:
        try:
            made = (
                i18n.format_date(LOCALE_DAY, "medium", code),
                i18n.format_weekday(LOCALE_DAY, "wide", code),
                i18n.format_time(dt.time(15, 30), code).replace("\u202f", " "),
                i18n.format_list(["a", "b", "c"], code),
            )
        except Exception as exc:  # a locale's data missing from the build: say which
            raise CheckFailed(
                _(
                    "dates in {language} ({locale}) cannot be written, so printouts and "
                    "exports in it would fail: {error}"
                ).format(language=code, locale=i18n.LOCALES[code], error=exc)
            ) from exc
        expected = LOCALE_SAMPLES.get(code, made)
        if made != expected:
            raise CheckFailed(
                _("{language} dates come out as {made}, expected {expected}").format(
                    language=code, made=" | ".join(made), expected=" | ".join(expected)
                )
            )
    # A language the app does not ship is written in the app's own one, not an error.
    fallback = i18n.format_date(LOCALE_DAY, "medium", "ko")
    if fallback != i18n.format_date(LOCALE_DAY, "medium", i18n.current_language()):
        raise CheckFailed(_("a language the app does not ship gave {made}").format(made=fallback))
    # Qt: its own month names, and ICU's Spanish collation (ñ after n) and case mapping.
    spanish = QLocale(i18n.LOCALES["es"])
    month = spanish.toString(QDate(2026, 9, 15), "d MMM yyyy")
    collator = QCollator(spanish)
    order = sorted(["oa", "ñb", "nc"], key=collator.sortKey)
    upper = spanish.toUpper("ñandú")
    if (month, order, upper) != ("15 sep 2026", ["nc", "ñb", "oa"], "ÑANDÚ"):
        raise CheckFailed(
            _("Qt's Spanish locale data is incomplete: {month}, sorted {order}, {upper}").format(
                month=month, order=" < ".join(order), upper=upper
            )
        )
    return _("dates, times and sorting in {languages}").format(languages=", ".join(LANGUAGES))


def _check_store(fx: _Fixture) -> str:
    from harmony_desktop.startup import open_app
    from harmony_desktop.store.db import head_revision

    fx.services = open_app(fx.data_dir)
    revision = fx.services.store.schema_revision()
    if revision != head_revision():
        raise CheckFailed(
            _("schema at {revision}, expected {head}").format(
                revision=revision, head=head_revision()
            )
        )
    return _("new database migrated to schema {revision}").format(revision=revision)


def _check_mark(fx: _Fixture) -> str:
    from harmony_desktop.startup import open_app
    from harmony_desktop.store.models import Ensemble, Hub, Staff

    services = fx.services
    today = dt.date.today()
    with services.store.write() as w:
        hub = w.insert(Hub(name=SELF_TEST_HUB, partner="Self-test Park", partner_kind="park"))
        teacher = w.insert(Staff(hub_id=hub.id, name="Self-test Teacher", role="teacher"))
        schedule = [{"weekday": today.weekday(), "start": "15:30", "end": "17:00"}]
        ensemble = w.insert(
            Ensemble(
                hub_id=hub.id,
                name=SELF_TEST_CLASS,
                level="beginning",
                instrument_family="strings",
                schedule=json.dumps(schedule),
                capacity=20,
                teacher_id=teacher.id,
                first_day=today,
                last_day=today + dt.timedelta(days=90),
            )
        )
    student = services.roster.create_student(
        hub.id,
        {
            "legal_first_name": "Test",
            "legal_last_name": "Student",
            "date_of_birth": dt.date(today.year - 10, 1, 1),
            "grade": "5",
            "instrument": "violin",
        },
        [
            {
                "name": "Test Guardian",
                "relationship": "guardian",
                "phone": "(000) 555-0100",
                "is_guardian": True,
                "authorized_pickup": True,
                "priority": 1,
            }
        ],
    )
    services.enrollment.enroll(student, ensemble.id, today)
    session = services.sessions.materialise(ensemble.id, today, dt.time(15, 30), dt.time(17, 0))
    services.roll.mark(session, student, "P", by=teacher.id)
    fx.hub_id, fx.ensemble_id, fx.student_id, fx.session_id = (
        hub.id,
        ensemble.id,
        student,
        session,
    )
    # Read it back from disk, not from anything cached: close and reopen the database.
    fx.services.close()
    fx.services = open_app(fx.data_dir)
    entries = {e.student_id: e for e in fx.services.roll.roll(session)}
    code = entries[student].mark.code if student in entries else None
    if code != "P":
        raise CheckFailed(_("wrote P, read back {code}").format(code=code))
    return _("wrote a mark and read it back after reopening the database")


def _check_print(fx: _Fixture) -> str:
    try:
        from harmony_desktop import printing
    except ImportError as exc:
        raise Unavailable(_("printing is not in this build ({error})").format(error=exc)) from exc
    render = getattr(printing, "render_document", None)
    if render is None:
        raise Unavailable(_("printing.render_document is not in this build"))
    _ensure_qt_app(fx)
    kinds = _available_print_kinds(printing)
    pdf = fx.data_dir / "self-test.pdf"
    render(
        kinds[0],
        fx.services,
        hub_id=fx.hub_id,
        ensemble_id=fx.ensemble_id,
        pdf_path=pdf,
        page_size="Letter",
    )
    data = pdf.read_bytes() if pdf.exists() else b""
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise CheckFailed(_("the PDF was not written ({size} bytes)").format(size=len(data)))
    if b"/Font" not in data:
        raise CheckFailed(_("the PDF has no fonts: its text would be missing"))
    return _("rendered {kind} to PDF ({size} KB)").format(kind=kinds[0], size=len(data) // 1024)


def _check_ui(fx: _Fixture) -> str:
    try:
        from harmony_desktop.ui.main_window import MainWindow
    except ImportError as exc:
        raise Unavailable(
            _("the main window is not in this build ({error})").format(error=exc)
        ) from exc
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QLabel

    app = _ensure_qt_app(fx)
    already_running = {id(t) for t in _running_qthreads()}

    def threads_left() -> list[Any]:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return [t for t in _running_qthreads() if id(t) not in already_running]

    window = MainWindow(fx.services, fx.hub_id)
    try:
        window.show()
        # Let the window lay itself out and its workers load the hub's data.
        _spin(app, seconds=UI_SETTLE_SECONDS, until=lambda: False)
        if not window.isVisible():
            raise CheckFailed(_("the main window did not show"))
        pixmap = window.grab()
        if pixmap.isNull() or pixmap.width() < 200 or pixmap.height() < 150:
            raise CheckFailed(_("the main window painted nothing"))
        shot = os.environ.get(SCREENSHOT_ENV)
        if shot:
            pixmap.save(shot)
        texts = [window.windowTitle(), *(label.text() for label in window.findChildren(QLabel))]
        if not any(SELF_TEST_HUB in text for text in texts):
            raise CheckFailed(_("the main window does not show the hub it opened"))
        if not any(SELF_TEST_CLASS in text for text in _view_texts(window)):
            raise CheckFailed(_("the main window does not list today's session of the class"))
        _check_single_instance(fx.data_dir)
    finally:
        # Always stop the window's timers and database thread, even after a failure:
        # a QThread destroyed while running aborts the whole process.
        window.close()
        shutdown = getattr(window, "shutdown", None)
        if callable(shutdown):
            shutdown()
        window.deleteLater()
        _spin(app, seconds=THREAD_STOP_SECONDS, until=lambda: not threads_left())
    left = threads_left()
    if left:
        raise CheckFailed(
            _("{count} worker thread(s) still running after the window closed").format(
                count=len(left)
            )
        )
    return _("main window shown ({size}, platform {platform}) and closed cleanly").format(
        size=f"{pixmap.width()}×{pixmap.height()}", platform=app.platformName()
    )


def _check_single_instance(folder: Path) -> None:
    """The data folder's lock, and the watch on which a second start's request brings
    the open window forward."""
    from harmony_desktop.ui.single_instance import InstanceLock

    guard = InstanceLock(folder)
    try:
        if not guard.acquire() or not guard.held:
            raise CheckFailed(_("the data folder's lock could not be taken"))
        guard.listen()
        if guard.watcher is None or str(folder) not in guard.watcher.directories():
            raise CheckFailed(_("the data folder is not watched for a second start"))
    finally:
        guard.release()


def _view_texts(window: Any) -> Iterator[str]:
    """Every cell's text in the item views of ``window`` (what its tables and lists show)."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QAbstractItemView

    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # list models keep columnCount private: one column
            columns = 1
        for row in range(min(model.rowCount(QModelIndex()), 500)):
            for column in range(columns):
                value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    yield str(value)


def _available_print_kinds(printing: Any) -> list[str]:
    declared = getattr(printing, "DOCUMENT_KINDS", None) or getattr(printing, "KINDS", None)
    if declared:
        names = [getattr(k, "value", k) for k in declared]
        preferred = [k for k in PRINT_KINDS if k in names]
        return preferred or [str(names[0])]
    return list(PRINT_KINDS)


# -- Qt -----------------------------------------------------------------------------------


def _ensure_qt_app(fx: _Fixture) -> Any:
    """The running QApplication, set up as the real app does when the UI is in the build."""
    if fx.qt_app is None:
        argv = [sys.argv[0] if sys.argv else "harmony-desktop"]
        try:
            from harmony_desktop.ui.app import make_application
        except ImportError:  # a build without the window: a plain application will do
            from PySide6.QtWidgets import QApplication

            fx.qt_app = QApplication.instance() or QApplication(argv)
        else:
            fx.qt_app = make_application(argv)
    return fx.qt_app


@contextlib.contextmanager
def _quiet_offscreen_warnings() -> Iterator[None]:
    """Hide Qt's offscreen-platform chatter (e.g. "does not support propagateSizeHints")
    from the report; every other Qt message still goes to stderr."""
    try:
        from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler
    except ImportError:  # pragma: no cover - Qt is a dependency
        yield
        return

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if "This plugin does not support" in message:
            return
        print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _spin(app: Any, *, seconds: float, until: Callable[[], bool]) -> None:
    """Run the Qt event loop for up to ``seconds``, stopping early once ``until()``."""
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and not until():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _running_qthreads() -> list[Any]:
    from PySide6.QtCore import QThread

    running = []
    for obj in gc.get_objects():
        if isinstance(obj, QThread):
            with contextlib.suppress(RuntimeError):  # C++ object already deleted
                if obj.isRunning():
                    running.append(obj)
    return running


# -- plumbing -----------------------------------------------------------------------------


def _run_check(name: str, check: Callable[[_Fixture], str], fx: _Fixture) -> CheckResult:
    started = time.perf_counter()
    try:
        detail = check(fx)
        status = OK
    except Unavailable as exc:
        status, detail = UNAVAILABLE, str(exc)
    except CheckFailed as exc:
        status, detail = FAILED, str(exc)
    except Exception as exc:
        status, detail = FAILED, f"{type(exc).__name__}: {exc}"
        # The data is generated, so a traceback carries no student data.
        traceback.print_exc(file=sys.stderr)
    return CheckResult(name, status, detail, time.perf_counter() - started)


def _print_result(result: CheckResult, out: TextIO) -> None:
    print(
        f"  {_(result.status):<12}{result.name:<8}{result.detail}  ({result.seconds * 1000:.0f} ms)",
        file=out,
        flush=True,
    )


def _header() -> str:
    where = _("frozen") if is_frozen() else _("from source")
    try:
        from PySide6 import __version__ as pyside_version
    except ImportError:  # pragma: no cover - Qt is a dependency
        pyside_version = "-"
    return _("{app} {version} self-test ({where}; {os}; Python {python}; PySide6 {qt})").format(
        app=APP_NAME,
        version=__version__,
        where=where,
        os=f"{platform.system()} {platform.machine()}",
        python=platform.python_version(),
        qt=pyside_version,
    )


@contextlib.contextmanager
def _private_environment(tmp: Path) -> Iterator[None]:
    """Point data and logs at ``tmp`` and Qt at offscreen; put everything back after."""
    from harmony_desktop.paths import DATA_DIR_ENV, LOG_DIR_ENV

    saved = {k: os.environ.get(k) for k in (DATA_DIR_ENV, LOG_DIR_ENV, "QT_QPA_PLATFORM")}
    handlers = list(logging.getLogger().handlers)
    os.environ[DATA_DIR_ENV] = str(tmp / "data")
    os.environ[LOG_DIR_ENV] = str(tmp / "logs")
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if handler not in handlers:  # ours: close it so the folder can be removed
                root.removeHandler(handler)
                handler.close()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
