"""One window per data folder: starting the app again brings the open window forward.

A teacher who clicks the icon twice (the first window still coming up, or hidden behind
another) would otherwise get a second window on the same register: a mark taken in one
is not seen in the other, and both would back up and sync the same database. The first
window holds a lock file in the data folder (:class:`QLockFile`: a lock left by a window
that crashed is taken over, as its process is gone) and listens on a local socket
beside it; a second start finds the lock, asks that window to come forward, and exits
without opening the database. If the open window does not answer (it has stopped
responding), the second start says so and what to do instead.

A lock file that cannot be made (a full or read-only disk) does not stop the start: the
start-up then says what is wrong with the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from harmony_desktop import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = "harmony-desktop.lock"
SOCKET_NAME = "harmony-desktop.socket"
#: What a second start sends, and what the open window answers once it is forward.
SHOW = b"show\n"
SHOWN = b"shown\n"
#: A socket's path longer than this does not fit a Unix socket address (108 bytes).
_SOCKET_PATH_MAX = 100
#: How long a second start waits for the open window: it may itself be starting.
_WAIT_MS = 4000


def tr(text: str) -> str:
    """Translate a string of this module (context ``SingleInstance``)."""
    return QCoreApplication.translate("SingleInstance", text)


def socket_name(folder: Path) -> str:
    """The local socket of ``folder``'s window: a file in the folder on Linux and
    macOS (nothing outside the data folder), a pipe named after the folder on Windows
    (or where the folder's path is too long for a socket's address)."""
    path = folder / SOCKET_NAME
    if sys.platform != "win32" and len(str(path).encode()) <= _SOCKET_PATH_MAX:
        return str(path)
    digest = hashlib.sha256(str(folder.resolve()).casefold().encode()).hexdigest()[:24]
    return f"harmony-desktop-{digest}"


class InstanceLock(QObject):
    """The lock of one data folder, held while its window runs (:meth:`acquire`), and
    the socket on which a later start asks that window to come forward
    (:meth:`listen`)."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.lock = QLockFile(str(folder / LOCK_NAME))
        # Never stale by age: only a lock whose process is gone is taken over.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None
        self.held = False

    def acquire(self) -> bool:
        """True when this start may open the folder: it holds the lock, or the lock file
        could not be made at all (a full or read-only disk, said by the start-up next).
        False when another window holds it."""
        if self.lock.tryLock(0):
            self.held = True
            # what it holds (a process id, the computer's name) is the owner's only
            with contextlib.suppress(OSError):
                os.chmod(self.lock.fileName(), 0o600)
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("the data folder's lock file could not be made (%s)", self.lock.error().name)
        return True

    def listen(self) -> None:
        """Listen for a later start's request (after the window's first paint: the
        network module loads then, not before today's view)."""
        if not self.held or self.server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        name = socket_name(self.folder)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # one left by a window that crashed: ours now
        if not server.listen(name):
            log.warning("no socket for a second start to reach: %s", server.errorString())
            return
        server.newConnection.connect(self._asked)
        self.server = server

    def release(self) -> None:
        """Stop listening and give the lock up (the window has closed)."""
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
        if self.held:
            self.lock.unlock()
            self.held = False

    def _asked(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            if connection is None:
                return

            def read(conn: QLocalSocket = connection) -> None:
                if not conn.canReadLine():
                    return
                if bytes(conn.readLine().data()) == SHOW:
                    log.info("started again: this window was brought forward")
                    bring_forward()
                    conn.write(SHOWN)
                    conn.flush()
                conn.disconnectFromServer()

            connection.readyRead.connect(read)
            connection.disconnected.connect(connection.deleteLater)
            read()


def bring_forward() -> bool:
    """Show the app's main window (restored if minimised, raised, active) and any
    dialog open over it. False when there is no window to show."""
    from harmony_desktop.ui.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not windows:
        return False
    window: QWidget = windows[0]
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()
    return True


def ask_open_window(folder: Path, wait_ms: int | None = None) -> bool:
    """Ask the window holding ``folder`` to come forward; True once it says it has."""
    from PySide6.QtCore import QDeadlineTimer, QThread
    from PySide6.QtNetwork import QLocalSocket

    deadline = QDeadlineTimer(_WAIT_MS if wait_ms is None else wait_ms)
    name = socket_name(folder)
    while not deadline.hasExpired():
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(min(500, max(1, deadline.remainingTime()))):
            socket.write(SHOW)
            socket.flush()
            answer = b""
            while not answer.endswith(b"\n") and not deadline.hasExpired():
                if not socket.waitForReadyRead(max(1, deadline.remainingTime())):
                    break
                answer += bytes(socket.readAll().data())
            socket.abort()
            return answer == SHOWN
        socket.abort()
        QThread.msleep(100)  # the open window may be starting and not listening yet
    return False


def say_already_open(folder: Path) -> None:
    """The message of a second start whose open window did not come forward."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        APP_NAME,
        tr(
            "Harmony Desktop is already open on this computer, with the data in {folder}, "
            "but its window did not come forward."
        ).format(folder=folder),
    )
    box.setInformativeText(
        tr(
            "Look for its window in the taskbar and use it: two windows on one register "
            "would not see each other's marks. If that window has stopped responding, "
            "close it (or restart the computer), then start Harmony Desktop again."
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    QTimer.singleShot(0, box.raise_)
    box.exec()
