"""Slow database work off the UI thread, results back on it through signals.

One :class:`DatabaseWorker` per window owns one QThread (Anki's "one thread for the
database"). A job is a plain function with no Qt in it; its result or its error comes
back on the UI thread through a queued signal and is handed to the callbacks given with
the job. Widgets are never touched from the worker. :meth:`DatabaseWorker.shutdown`
quits and waits the thread; the window calls it when it closes.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

Job = Callable[[], Any]
OnDone = Callable[[Any], None]
OnError = Callable[[Exception], None]


class _Runner(QObject):
    """Lives in the worker thread and runs jobs in order."""

    done = Signal(int, object)
    """A job finished: (job number, result)."""
    failed = Signal(int, object)
    """A job raised: (job number, exception)."""

    @Slot(int, object)
    def run(self, number: int, job: Job) -> None:
        try:
            result = job()
        except Exception as exc:  # handed to the UI thread, which shows it
            log.exception("background job %d failed", number)
            self.failed.emit(number, exc)
        else:
            self.done.emit(number, result)


class DatabaseWorker(QObject):
    """Runs jobs one at a time on a worker thread; callbacks run on the UI thread."""

    _submit = Signal(int, object)
    """Internal: queue (job number, job) to the runner in the worker thread."""
    idle = Signal()
    """Every submitted job has reported back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("harmony-database")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.done.connect(self._on_done)
        self._runner.failed.connect(self._on_failed)
        self._thread.finished.connect(self._runner.deleteLater)
        self._numbers = itertools.count(1)
        self._callbacks: dict[int, tuple[OnDone, OnError | None]] = {}
        self._thread.start()

    def submit(self, job: Job, on_done: OnDone, on_error: OnError | None = None) -> int:
        """Run ``job`` on the worker thread; ``on_done(result)`` runs on the UI thread."""
        number = next(self._numbers)
        self._callbacks[number] = (on_done, on_error)
        self._submit.emit(number, job)
        return number

    def busy(self) -> bool:
        """True while a submitted job has not reported back."""
        return bool(self._callbacks)

    def shutdown(self) -> None:
        """Finish the running job, drop queued callbacks, quit and wait the thread."""
        self._callbacks.clear()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()

    @Slot(int, object)
    def _on_done(self, number: int, result: object) -> None:
        callbacks = self._callbacks.pop(number, None)
        if callbacks is not None:
            callbacks[0](result)
        if not self._callbacks:
            self.idle.emit()

    @Slot(int, object)
    def _on_failed(self, number: int, exc: Exception) -> None:
        callbacks = self._callbacks.pop(number, None)
        if callbacks is not None and callbacks[1] is not None:
            callbacks[1](exc)
        if not self._callbacks:
            self.idle.emit()
