"""Run slow database work off the UI thread; results come back through signals.

``BackgroundRunner.run(fn, on_done, on_error)`` starts one QThread per job (jobs are
short: loading a roster, a dry run, an import). Widgets are only touched in the
callbacks, which Qt delivers on the UI thread. Every thread is quit and waited, at the
end of its job and in :meth:`BackgroundRunner.shutdown`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class _Job(QObject):
    """Runs one callable in a worker thread and reports the outcome."""

    #: the callable returned this value
    succeeded = Signal(object)
    #: the callable raised this exception
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        """Call the function (in the worker thread)."""
        try:
            result = self._fn()
        except Exception as exc:  # reported to the UI, which shows it
            log.warning("background job failed: %s", type(exc).__name__)
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class _Relay(QObject):
    """Lives on the UI thread: queued signals from the job arrive here, then call back."""

    def __init__(
        self,
        runner: BackgroundRunner,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(runner)
        self.runner = runner
        self.on_done = on_done
        self.on_error = on_error
        self.worker_thread: QThread | None = None
        self.job: _Job | None = None

    @Slot(object)
    def succeeded(self, result: object) -> None:
        """The job's result, on the UI thread."""
        self.runner._finish(self, self.on_done, result)

    @Slot(object)
    def failed(self, exc: object) -> None:
        """The job's exception, on the UI thread."""
        self.runner._finish(self, self.on_error, exc)


class BackgroundRunner(QObject):
    """Starts jobs on worker threads and keeps them until they have finished."""

    #: the number of running jobs changed (for a busy indicator)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[_Relay] = []

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Call ``fn()`` on a worker thread, then ``on_done(result)`` or ``on_error(exc)``
        on the UI thread."""
        thread = QThread()
        job = _Job(fn)
        job.moveToThread(thread)
        relay = _Relay(self, on_done, on_error or self._ignore)
        relay.worker_thread, relay.job = thread, job
        # The relay lives on the UI thread, so Qt queues these calls to it.
        job.succeeded.connect(relay.succeeded)
        job.failed.connect(relay.failed)
        thread.started.connect(job.run)
        self._running.append(relay)
        self.busy_changed.emit(True)
        thread.start()

    @staticmethod
    def _ignore(_exc: Exception) -> None:
        return None

    def _finish(self, relay: _Relay, callback: Callable[[Any], None], value: Any) -> None:
        if relay.worker_thread is not None:
            relay.worker_thread.quit()
            relay.worker_thread.wait()
        self._running = [r for r in self._running if r is not relay]
        relay.worker_thread = relay.job = None
        relay.deleteLater()
        if not self._running:
            self.busy_changed.emit(False)
        callback(value)

    @property
    def busy(self) -> bool:
        """True while a job runs."""
        return bool(self._running)

    def shutdown(self) -> None:
        """Wait for every running job and stop its thread (call before closing)."""
        for relay in self._running:
            if relay.worker_thread is not None:
                relay.worker_thread.quit()
                relay.worker_thread.wait()
            relay.worker_thread = relay.job = None
        self._running.clear()
