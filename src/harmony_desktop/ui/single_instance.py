"""One window per data folder: starting the app again brings the open window forward.

A teacher who clicks the icon twice (the first window still coming up, or hidden behind
another) would otherwise get a second window on the same register: a mark taken in one
is not seen in the other, and both would back up and sync the same database. The first
window holds a lock file in the data folder (:class:`QLockFile`: a lock left by a window
that crashed is taken over, as its process is gone) and watches the folder for a
request file; a second start finds the lock, writes that file, and exits without
opening the database once the window has come forward and removed it. If the open
window does not answer (it has stopped responding), the second start says so and what
to do instead.

A file in the data folder rather than a local socket: Qt's network module (and the
Kerberos and compression libraries it loads) would add 5 MB to the installed app for
this alone, and a file needs nothing outside the data folder. The folder is watched
(:class:`QFileSystemWatcher`) and also looked at every two seconds, for a folder on a
disk whose changes are not reported.

A lock file that cannot be made (a full or read-only disk) does not stop the start: the
start-up then says what is wrong with the disk.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QFileSystemWatcher,
    QLockFile,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from harmony_desktop import APP_NAME

log = logging.getLogger(__name__)

LOCK_NAME = "harmony-desktop.lock"
#: The file a second start writes for the open window to come forward.
REQUEST_NAME = "harmony-desktop.show"
#: How long a second start waits for the open window: it may itself be starting.
_WAIT_MS = 4000
#: How often the open window looks for a request its watcher was not told of.
_LOOK_MS = 2000


def tr(text: str) -> str:
    """Translate a string of this module (context ``SingleInstance``)."""
    return QCoreApplication.translate("SingleInstance", text)


class InstanceLock(QObject):
    """The lock of one data folder, held while its window runs (:meth:`acquire`), and
    the watch for a later start's request to come forward (:meth:`listen`)."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.request = folder / REQUEST_NAME
        self.lock = QLockFile(str(folder / LOCK_NAME))
        # Never stale by age: only a lock whose process is gone is taken over.
        self.lock.setStaleLockTime(0)
        self.watcher: QFileSystemWatcher | None = None
        self.timer: QTimer | None = None
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
            with contextlib.suppress(OSError):
                self.request.unlink(missing_ok=True)  # one a crashed window never saw
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("the data folder's lock file could not be made (%s)", self.lock.error().name)
        return True

    def listen(self) -> None:
        """Watch for a later start's request (after the window's first paint)."""
        if not self.held or self.watcher is not None:
            return
        self.watcher = QFileSystemWatcher([str(self.folder)], self)
        self.watcher.directoryChanged.connect(self.look)
        self.timer = QTimer(self)
        self.timer.setInterval(_LOOK_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()
        self.look()  # one made while this window was starting

    def look(self) -> None:
        """Come forward if a later start asked, and say so by removing its request."""
        if not self.held or not self.request.exists():
            return
        log.info("started again: this window was brought forward")
        bring_forward()
        with contextlib.suppress(OSError):
            self.request.unlink()

    def release(self) -> None:
        """Stop watching and give the lock up (the window has closed)."""
        if self.timer is not None:
            self.timer.stop()
            self.timer.deleteLater()
            self.timer = None
        if self.watcher is not None:
            self.watcher.deleteLater()
            self.watcher = None
        if self.held:
            self.lock.unlock()
            self.held = False


def bring_forward() -> bool:
    """Show the app's main window (restored if minimised, raised, active) and any
    dialog open over it; before the main window exists (the first start's choices), the
    dialog on screen. False when there is no window to show."""
    from harmony_desktop.ui.main_window import MainWindow

    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    mains = [w for w in shown if isinstance(w, MainWindow)]
    modal = QApplication.activeModalWidget()
    dialogs = [w for w in shown if isinstance(w, QDialog)]
    forward: list[QWidget] = [*(mains[:1] or dialogs[:1])]
    if modal is not None and modal not in forward:
        forward.append(modal)
    for window in forward:
        state = window.windowState() & ~Qt.WindowState.WindowMinimized
        window.setWindowState(state | Qt.WindowState.WindowActive)
        window.show()
        window.raise_()
        window.activateWindow()
    return bool(forward)


def ask_open_window(folder: Path, wait_ms: int | None = None) -> bool:
    """Ask the window holding ``folder`` to come forward; True once it has (it removes
    the request). A request it did not take in time is removed again."""
    request = folder / REQUEST_NAME
    try:
        fd = os.open(request, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
    except OSError:
        return False
    deadline = time.monotonic() + (_WAIT_MS if wait_ms is None else wait_ms) / 1000
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        request.unlink()
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
