"""The sync controller: when to sync, and what the sync status is.

Every job runs on the window's :class:`~harmony_desktop.ui.tasks.TaskManager`: a sync
round and an enrollment on its network thread, the status query on its database thread.
Widgets never see a worker: results come back as this controller's signals, on the UI
thread. It decides *when* to sync:

* "Sync now" at any time (:meth:`SyncController.sync_now`);
* automatically soon after connectivity returns (``QNetworkInformation`` when the
  platform has a backend) and on a timer: every :data:`AUTO_INTERVAL_MS` while online,
  with exponential backoff (:data:`BACKOFF_MS`) while the server is unreachable; none
  once the server has refused the token (the laptop was revoked) until it is enrolled
  again or someone presses "Sync now";
* a gentle end-of-day reminder (:data:`REMINDER_AT`) when changes are still waiting on
  an enrolled laptop.

The status (changes waiting, last sync, items to review) is read again a moment after
any write the change notice reports, in the background, never on a key press; the last
one read is :attr:`SyncController.status`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from harmony_desktop.ui.tasks import (
    Cancelled,
    Changes,
    Lane,
    Progress,
    TaskManager,
    log_failure,
)
from harmony_sync.client import ProtocolError, ServerUnreachable, SyncError, TokenRejected

if TYPE_CHECKING:
    from harmony_desktop.services.sync import Enrolled, SyncReport, SyncService, SyncStatus

log = logging.getLogger(__name__)

#: Auto-sync period while online and enrolled.
AUTO_INTERVAL_MS = 10 * 60_000
#: Retry delays while the server is unreachable (the last one repeats).
BACKOFF_MS = (30_000, 60_000, 120_000, 300_000, 600_000, 900_000)
#: A sync this soon after the network comes back.
RECONNECT_DELAY_MS = 5_000
#: Local time of the end-of-day reminder.
REMINDER_AT = dt.time(17, 30)
#: The status is read this long after the last of a burst of writes (a teacher marking
#: a roll writes every second or so: one count after the burst, not one per key).
STATUS_DELAY_MS = 300


@dataclass
class _Outcome:
    """What a sync round hands back: its report or its error, and the status after it."""

    report: SyncReport | None
    error: Exception | None
    status: SyncStatus | None


class SyncController(QObject):
    """The sync schedule and the sync status of one window."""

    syncStarted = Signal()
    """A sync began."""
    syncProgress = Signal(str, int, int)
    """(phase, done, total) of the running sync; total 0 means unknown."""
    syncFinished = Signal(object)
    """A sync succeeded: the :class:`SyncReport`."""
    syncFailed = Signal(object)
    """A sync failed: the exception (a :class:`SyncError` says what to do)."""
    statusChanged = Signal(object)
    """A freshly read :class:`SyncStatus` (after a sync, a write, a review)."""
    onlineChanged = Signal(bool)
    """True when the server last answered, False when it was unreachable."""
    reminder = Signal(int)
    """End of the day and this many changes are still waiting."""

    def __init__(
        self,
        tasks: TaskManager,
        service: SyncService | None = None,
        parent: QObject | None = None,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        auto: bool = True,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._service = service
        self.now = now
        self.auto = auto
        self.online: bool | None = None
        #: The server address answers, but not as a sync server (HTTP 404 to the sync
        #: endpoints, a web page): the status bar says so instead of "Online".
        self.not_a_sync_server = False
        self.running = False
        self.status: SyncStatus | None = None
        self._failures = 0
        #: The server refused this laptop's token (revoked): no automatic sync until it
        #: is enrolled again; each one failed again and said so in a dialog.
        self.refused = False
        self._reminded_on: dt.date | None = None
        self._status_reading = False
        self._status_again = False
        self._status_epoch = 0

        self.status_timer = QTimer(self)
        self.status_timer.setSingleShot(True)
        self.status_timer.setInterval(STATUS_DELAY_MS)
        self.status_timer.timeout.connect(self.refresh_status)
        tasks.changed.connect(self._changed)
        self.auto_timer = QTimer(self)
        self.auto_timer.setSingleShot(True)
        self.auto_timer.timeout.connect(self._auto_sync)
        self.reminder_timer = QTimer(self)
        self.reminder_timer.setInterval(5 * 60_000)
        self.reminder_timer.timeout.connect(self.refresh_status)
        if auto:
            self.auto_timer.start(RECONNECT_DELAY_MS)
            self.reminder_timer.start()
            self._watch_network()

    @property
    def service(self) -> SyncService:
        """The sync service; the window's is looked up when first used (a window shown
        before its services are open builds this first: see ``ui/opening.py``)."""
        if self._service is None:
            self._service = self.tasks.services.sync
        return self._service

    # -- status ------------------------------------------------------------------------

    def _changed(self, _changes: Changes, _initiator: object) -> None:
        self.status_timer.start()  # restarts: one read after a burst of writes

    def refresh_status(self) -> None:
        """Read the status in the background; :attr:`statusChanged` brings it.

        At most one read is queued at a time: asked again meanwhile, it reads once more
        when the first one is back.
        """
        if self._status_reading:
            self._status_again = True
            return
        self._status_reading = True
        epoch = self._status_epoch
        self.tasks.run(
            lambda _progress: self.service.status(),
            lambda status: self._status_read(status, epoch),
            self._status_failed,
            owner=self,
        )

    def _status_read(self, status: SyncStatus, epoch: int) -> None:
        self._status_reading = False
        if epoch != self._status_epoch:
            # A sync finished while this was read: it may predate the sync's last
            # commit, so read again rather than show an older count.
            self._status_again = True
        else:
            self._show_status(status)
        if self._status_again:
            self._status_again = False
            self.refresh_status()
        elif self.auto:
            self.check_reminder()

    def _status_failed(self, exc: Exception) -> None:
        self._status_reading = False
        log.warning("could not read the sync status: %s", type(exc).__name__)

    def _show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.statusChanged.emit(status)

    def is_enrolled(self) -> bool | None:
        """Whether the last status read says this laptop is enrolled (None: not read yet)."""
        return None if self.status is None else self.status.enrolled

    def check_reminder(self) -> bool:
        """At the end of the day, once a day, remind if changes are waiting (as of the
        last status read) on an enrolled laptop; one working alone has nothing to sync."""
        now = self.now()
        if now.time() < REMINDER_AT or self._reminded_on == now.date():
            return False
        if self.status is None or not self.status.enrolled:
            return False
        pending = self.status.pending
        if pending == 0:
            return False
        self._reminded_on = now.date()
        self.reminder.emit(pending)
        return True

    # -- syncing -------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Start a sync unless one is running; False when one already was."""
        if self.running:
            return False
        self.running = True
        self.auto_timer.stop()
        self.syncStarted.emit()
        service = self.service

        def job(progress: Progress) -> _Outcome:
            try:
                report = service.sync(progress.report)
            except Cancelled:
                raise
            except Exception as exc:  # handed back with the status it left
                if not isinstance(exc, SyncError):  # a SyncError says what to do
                    log_failure(log, "sync", exc)
                return _Outcome(None, exc, _status_or_none(service))
            return _Outcome(report, None, service.status())

        self.tasks.run(
            job,
            self._sync_done,
            self._sync_crashed,
            lane=Lane.NETWORK,
            on_progress=self.syncProgress.emit,
            owner=self,
        )
        return True

    def _sync_done(self, outcome: _Outcome) -> None:
        if outcome.status is not None:
            self._status_epoch += 1
            self._show_status(outcome.status)
        if outcome.report is not None:
            self._synced(outcome.report)
        else:
            assert outcome.error is not None
            self._sync_failed(outcome.error)

    def _sync_crashed(self, exc: Exception) -> None:
        log.error("sync job failed: %s", type(exc).__name__)
        self._sync_failed(exc)

    def _synced(self, report: SyncReport) -> None:
        self.running = False
        self._failures = 0
        self.refused = False
        self._answered(not_a_sync_server=False)
        self.syncFinished.emit(report)
        self.auto_timer.start(AUTO_INTERVAL_MS)
        pulled = report.pulled or report.redirected or report.rebased
        changes = Changes.everything() if pulled else Changes(review=True, sync=True)
        self.tasks.notify(changes, self)

    def _sync_failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, ServerUnreachable):
            self.not_a_sync_server = False
            self._set_online(False)
            delay = BACKOFF_MS[min(self._failures, len(BACKOFF_MS) - 1)]
            self._failures += 1
            self.auto_timer.start(delay)
        else:
            if isinstance(exc, SyncError) and exc.code != "not_enrolled":
                # it answered; a person must act
                wrong = isinstance(exc, ProtocolError) and exc.code == "bad_response"
                self._answered(not_a_sync_server=wrong)
            self.refused = isinstance(exc, TokenRejected)
            if not self.refused:  # a revoked token never works again: enroll first
                self.auto_timer.start(AUTO_INTERVAL_MS)
        self.syncFailed.emit(exc)
        if self.status is None:
            self.refresh_status()

    def enroll(
        self,
        server: str,
        code: str,
        name: str,
        on_done: Callable[[Enrolled], object],
        on_error: Callable[[Exception], object],
    ) -> None:
        """Enroll this laptop on the network thread; the callbacks run on the UI thread."""
        service = self.service

        def done(enrolled: Enrolled) -> None:
            self.refused = False
            # the set-up made here before joining may now belong to the hub
            self.tasks.notify(Changes(sync=True, setup=True), self)
            on_done(enrolled)

        self.tasks.run(
            lambda _progress: service.enroll(server, code, name),
            done,
            on_error,
            lane=Lane.NETWORK,
            owner=self,
        )

    def next_retry_ms(self) -> int:
        """Milliseconds until the next automatic sync (-1 when none is planned)."""
        return self.auto_timer.remainingTime() if self.auto_timer.isActive() else -1

    def _auto_sync(self) -> None:
        if not self.is_enrolled() or self.refused:
            return  # not enrolled (or revoked): the app works offline, nothing to schedule
        self.sync_now()

    def _answered(self, *, not_a_sync_server: bool) -> None:
        """The server address answered: as a sync server, or not."""
        changed = not_a_sync_server != self.not_a_sync_server
        self.not_a_sync_server = not_a_sync_server
        if changed and self.online is True:
            self.onlineChanged.emit(True)  # the same "online", said differently
        self._set_online(True)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.onlineChanged.emit(online)

    def connectivity_returned(self) -> None:
        """The network is back: sync soon (and forget the backoff)."""
        self._failures = 0
        if not self.running and not self.refused:
            self.auto_timer.start(RECONNECT_DELAY_MS)

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:  # pragma: no cover - QtNetwork ships with Essentials
            return
        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend here: the backoff timer alone notices the return
        info = QNetworkInformation.instance()
        if info is not None:
            # A bound slot: Qt drops the connection when this controller is deleted.
            info.reachabilityChanged.connect(self._reachability_changed)

    def _reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.connectivity_returned()

    def shutdown(self) -> None:
        """Stop the timers (the window's task manager stops the threads)."""
        for timer in (self.auto_timer, self.reminder_timer, self.status_timer):
            timer.stop()


def _status_or_none(service: SyncService) -> SyncStatus | None:
    try:
        return service.status()
    except Exception:  # the status is a courtesy after a failure; the failure matters
        log.warning("could not read the sync status after a failed sync")
        return None
