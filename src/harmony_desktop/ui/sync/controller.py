"""The sync controller: runs every sync job on its own worker QThread.

Widgets never see the worker: the runner emits signals (queued across threads) and the
controller re-emits them on the UI thread. It also decides *when* to sync:

* "Sync now" at any time (:meth:`SyncController.sync_now`);
* automatically soon after connectivity returns (``QNetworkInformation`` when the
  platform has a backend) and on a timer: every :data:`AUTO_INTERVAL_MS` while online,
  with exponential backoff (:data:`BACKOFF_MS`) while the server is unreachable;
* a gentle end-of-day reminder (:data:`REMINDER_AT`) when changes are still waiting.

The controller's own QThread is quit and waited in :meth:`shutdown`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from harmony_desktop.services.sync import SyncReport, SyncService, SyncStatus
from harmony_sync.client import ServerUnreachable, SyncError

log = logging.getLogger(__name__)

#: Auto-sync period while online and enrolled.
AUTO_INTERVAL_MS = 10 * 60_000
#: Retry delays while the server is unreachable (the last one repeats).
BACKOFF_MS = (30_000, 60_000, 120_000, 300_000, 600_000, 900_000)
#: A sync this soon after the network comes back.
RECONNECT_DELAY_MS = 5_000
#: Local time of the end-of-day reminder.
REMINDER_AT = dt.time(17, 30)


class _Runner(QObject):
    """Lives in the sync thread; runs one job at a time."""

    progress = Signal(str, int, int)
    """(phase "push"/"pull", done, total — 0 when unknown) while a sync runs."""
    done = Signal(int, object)
    """(job number, result)."""
    failed = Signal(int, object)
    """(job number, exception)."""

    @Slot(int, object)
    def run(self, number: int, job: Callable[[Callable[[str, int, int], None]], Any]) -> None:
        try:
            result = job(self.progress.emit)
        except Exception as exc:  # reported on the UI thread
            if not isinstance(exc, SyncError):
                log.exception("sync job failed")
            self.failed.emit(number, exc)
        else:
            self.done.emit(number, result)


class SyncController(QObject):
    """Owns the sync thread and the sync schedule of one window."""

    syncStarted = Signal()
    """A sync began."""
    syncProgress = Signal(str, int, int)
    """(phase, done, total) of the running sync; total 0 means unknown."""
    syncFinished = Signal(object)
    """A sync succeeded: the :class:`SyncReport`."""
    syncFailed = Signal(object)
    """A sync failed: the exception (a :class:`SyncError` says what to do)."""
    statusChanged = Signal(object)
    """New :class:`SyncStatus` (after a sync, a write, a review)."""
    onlineChanged = Signal(bool)
    """True when the server last answered, False when it was unreachable."""
    reviewChanged = Signal()
    """Conflicts, refusals or duplicates may have changed: reload the review page."""
    reminder = Signal(int)
    """End of the day and this many changes are still waiting."""

    _submit = Signal(int, object)

    def __init__(
        self,
        service: SyncService,
        parent: QObject | None = None,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        auto: bool = True,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.now = now
        self.online: bool | None = None
        self.running = False
        self._failures = 0
        self._reminded_on: dt.date | None = None
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._next = 0
        self._thread = QThread()
        self._thread.setObjectName("harmony-sync")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.progress.connect(self.syncProgress)
        self._runner.done.connect(self._on_done)
        self._runner.failed.connect(self._on_failed)
        self._thread.finished.connect(self._runner.deleteLater)
        self._thread.start()

        self.auto_timer = QTimer(self)
        self.auto_timer.setSingleShot(True)
        self.auto_timer.timeout.connect(self._auto_sync)
        self.reminder_timer = QTimer(self)
        self.reminder_timer.setInterval(5 * 60_000)
        self.reminder_timer.timeout.connect(self.check_reminder)
        if auto:
            self.auto_timer.start(RECONNECT_DELAY_MS)
            self.reminder_timer.start()
            self._watch_network()

    # -- jobs ----------------------------------------------------------------------

    def run(
        self,
        job: Callable[[Callable[[str, int, int], None]], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``job(progress)`` on the sync thread; callbacks run on the UI thread."""
        self._next += 1
        self._callbacks[self._next] = (on_done, on_error)
        self._submit.emit(self._next, job)

    def busy(self) -> bool:
        """True while a job has not reported back."""
        return bool(self._callbacks)

    @Slot(int, object)
    def _on_done(self, number: int, result: object) -> None:
        callbacks = self._callbacks.pop(number, None)
        if callbacks:
            callbacks[0](result)

    @Slot(int, object)
    def _on_failed(self, number: int, exc: Exception) -> None:
        callbacks = self._callbacks.pop(number, None)
        if callbacks:
            callbacks[1](exc)

    # -- syncing -------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Start a sync unless one is running; False when one already was."""
        if self.running:
            return False
        self.running = True
        self.auto_timer.stop()
        self.syncStarted.emit()
        self.run(lambda progress: self.service.sync(progress), self._synced, self._sync_failed)
        return True

    def _synced(self, report: SyncReport) -> None:
        self.running = False
        self._failures = 0
        self._set_online(True)
        self.syncFinished.emit(report)
        self.refresh_status()
        self.reviewChanged.emit()
        self.auto_timer.start(AUTO_INTERVAL_MS)

    def _sync_failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, ServerUnreachable):
            self._set_online(False)
            delay = BACKOFF_MS[min(self._failures, len(BACKOFF_MS) - 1)]
            self._failures += 1
            self.auto_timer.start(delay)
        else:
            if isinstance(exc, SyncError) and exc.code != "not_enrolled":
                self._set_online(True)  # it answered; a person must act
            self.auto_timer.start(AUTO_INTERVAL_MS)
        self.syncFailed.emit(exc)
        self.refresh_status()

    def next_retry_ms(self) -> int:
        """Milliseconds until the next automatic sync (-1 when none is planned)."""
        return self.auto_timer.remainingTime() if self.auto_timer.isActive() else -1

    def _auto_sync(self) -> None:
        if not self.service.server_url():
            return  # not enrolled: the app works offline, nothing to schedule
        self.sync_now()

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.onlineChanged.emit(online)

    def connectivity_returned(self) -> None:
        """The network is back: sync soon (and forget the backoff)."""
        self._failures = 0
        if not self.running:
            self.auto_timer.start(RECONNECT_DELAY_MS)

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:  # pragma: no cover - QtNetwork ships with Essentials
            return
        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend here: the backoff timer alone notices the return
        info = QNetworkInformation.instance()
        if info is None:
            return

        def changed(reachability: Any) -> None:
            if reachability == QNetworkInformation.Reachability.Online:
                self.connectivity_returned()

        info.reachabilityChanged.connect(changed)

    # -- status and reminder ---------------------------------------------------------

    def refresh_status(self) -> SyncStatus:
        """Read the status (two small counts) and broadcast it."""
        status = self.service.status()
        self.statusChanged.emit(status)
        return status

    def check_reminder(self) -> bool:
        """At the end of the day, once a day, remind if changes are waiting."""
        now = self.now()
        if now.time() < REMINDER_AT or self._reminded_on == now.date():
            return False
        pending = self.service.status().pending
        if pending == 0:
            return False
        self._reminded_on = now.date()
        self.reminder.emit(pending)
        return True

    def shutdown(self) -> None:
        """Stop the timers, quit and wait the sync thread (a running sync finishes)."""
        self.auto_timer.stop()
        self.reminder_timer.stop()
        self._callbacks.clear()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
