"""The window before its store: today's view first, the services a moment later.

At a start on an up-to-date database the window is built from
:func:`~harmony_desktop.store.today.read_first_view` (plain ``sqlite3``) and shown
before SQLAlchemy, the models and the services are imported. They load on a thread of
their own (:class:`Opener`): imports hold the GIL, but one ``import`` cannot be cut into
small steps on the UI thread, while a thread gives the UI thread the interpreter every
few milliseconds, so the window stays responsive meanwhile. The thread begins only once
the window's first paint is on the screen (:class:`AfterFirstPaint`): a paint makes
hundreds of Python calls (each cell's ``data()``), and with the imports running each
would wait for the interpreter — today's view reached the screen 0.2–0.5 s after it was
ready. The database thread's jobs simply wait for the services.

Until they are open the window stands on :class:`PendingServices`, which any use waits
for, and :class:`InputGate` holds every key press and click: the first one waits (busy
cursor) for the services, the window is completed with them, and then it is handled as
usual. So no input is lost, and none acts on a window that is not ready.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services

log = logging.getLogger(__name__)

#: What the gate holds until the services are open.
GATED = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
        QEvent.Type.Shortcut,
    }
)


def on_ui_thread() -> bool:
    """True on the application's (UI) thread."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


class PendingServices:
    """Stands in for the :class:`Services` being opened: any attribute waits for them
    (on the UI thread with a busy cursor, painting meanwhile but holding input)."""

    def __init__(self, begin: Callable[[], None] | None = None) -> None:
        self._done = threading.Event()
        self._services: Services | None = None
        self._error: BaseException | None = None
        #: begins the opening if it has not begun (waiting must never wait for nothing)
        self._begin = begin

    def resolve(self, services: Services) -> None:
        """The services are open."""
        self._services = services
        self._done.set()

    def fail(self, error: BaseException) -> None:
        """Opening failed: every wait raises ``error``."""
        self._error = error
        self._done.set()

    @property
    def done(self) -> bool:
        """True once opening finished (or failed)."""
        return self._done.is_set()

    @property
    def error(self) -> BaseException | None:
        """Why opening failed, if it did."""
        return self._error

    def begin(self) -> None:
        """Begin the opening now if it has not begun (the UI thread is about to wait
        for something that waits for the services: a job, or the services themselves)."""
        if self._begin is not None and not self._done.is_set():
            self._begin()

    def wait(self) -> Services:
        """The open services, once they are.

        On the UI thread this begins the opening if the first paint has not (a key
        press or a close that early must never wait for nothing). A job on a worker
        thread only waits: the jobs queued while the window is built (the absence
        alerts, the sync status) would otherwise begin it before the first paint, whose
        many small Python calls the opening's imports slow down.
        """
        if not self._done.is_set():
            if on_ui_thread():
                self.begin()
                QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    while not self._done.wait(0.02):
                        QCoreApplication.processEvents(
                            QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
                        )
                finally:
                    QGuiApplication.restoreOverrideCursor()
            else:
                self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._services is not None
        return self._services

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wait(), name)


class Opener(QObject):
    """Opens the services on a thread; :attr:`opened` (on the UI thread) when done."""

    opened = Signal()
    """Opening finished, or failed (see :attr:`pending`)."""

    def __init__(
        self, open_services: Callable[[], Services], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.pending = PendingServices(self.start)
        self._open = open_services
        self._thread = threading.Thread(target=self._run, name="harmony-open", daemon=True)
        self._starting = threading.Lock()

    def start(self) -> None:
        """Begin opening (once: later calls do nothing). Anything about to wait for
        the services calls it first, so nothing waits for a thread not yet begun."""
        with self._starting:  # the UI thread and the database thread may both ask
            if self._thread.ident is None:
                self._thread.start()

    def when_opened(self, then: Callable[[], object]) -> None:
        """Call ``then`` on the UI thread once opening has finished (or failed) — also
        when it finished before this was asked: a job on the database thread (the
        absence alerts, say) can need the services, and so open them, while the window
        is still being built, and a signal emitted before its connection is lost."""
        self.opened.connect(then)
        if self.pending.done:  # emitted already, or about to be: ``then`` runs twice at most
            QTimer.singleShot(0, self, then)

    def join(self) -> None:
        """Wait until opening has finished (or failed); begins it if it had not (a
        window closed before its first paint still opens and closes its store)."""
        self.start()
        self._thread.join()

    def _run(self) -> None:
        try:
            services = self._open()
        except BaseException as exc:  # reported on the UI thread
            log.warning("opening the store failed: %s", type(exc).__name__)
            self.pending.fail(exc)
        else:
            self.pending.resolve(services)
        self.opened.emit()


class AfterFirstPaint(QObject):
    """Calls ``then`` once, as soon as ``window``'s first paint has been handed to the
    window system (the event after its first paint event), or after ``patience_ms``
    if no paint comes (a window the system never shows)."""

    def __init__(self, window: QObject, then: Callable[[], None], patience_ms: int = 2000) -> None:
        super().__init__(window)
        self._window: QObject | None = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(patience_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the first paint, call ``then`` from the next turn of the event loop."""
        if self._then is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        window, then = self._window, self._then
        if window is not None and then is not None:
            # dropped first: neither outlives its use through this object
            self._window = self._then = None
            window.removeEventFilter(self)
            then()


class InputGate(QObject):
    """Holds the user's input until ``finish()`` (which waits for the services and
    completes the window, False if they failed) has run once; then lets it through."""

    def __init__(self, finish: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._finish = finish
        self._open = False
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def release(self) -> None:
        """Input goes straight to the window from now on."""
        if not self._open:
            self._open = True
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Before the services are open, the first key press or click waits for them."""
        if not self._open and event.type() in GATED:
            if not self._finish():
                return True  # the services could not open: the window is closing
            self.release()
        return False
