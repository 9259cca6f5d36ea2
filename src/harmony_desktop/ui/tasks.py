"""The one way the UI runs work off its thread, and the one notice of what changed.

:class:`TaskManager` (after Anki's ``TaskManager``) owns the window's worker threads,
one per :class:`Lane`:

* ``DATABASE``: every query and write the UI does not do inline, one at a time in the
  order submitted (loading a day or a roll, the roster, the sync status, review, import);
* ``NETWORK``: talking to the sync server (enrollment, a sync round), so a slow or dead
  network never holds up a database query behind it;
* ``MAINTENANCE``: long housekeeping (the daily backup, a copy of the whole database),
  which must hold up neither a query nor a sync.

A job is a plain function with no Qt in it. It gets a :class:`Progress` to report how far
it got (shown on the UI thread) and to notice cancellation; its result or its error comes
back on the UI thread, to the callbacks given with it. Widgets are never touched from a
worker. :class:`~harmony_desktop.ui.operations.QueryOp` and
:class:`~harmony_desktop.ui.operations.CollectionOp` are the usual way to submit one.

After every write, whether inline (a mark) or in the background, the writer calls
:meth:`TaskManager.notify` with the :class:`Changes` it made; views subscribe to
:attr:`TaskManager.changed` and refresh what they show (the register, the roster, the
sync status bar, the review page).

:meth:`TaskManager.shutdown` cancels what is queued, asks a running job to stop at its
next progress report, then quits and waits for every thread.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from harmony_desktop.domain.errors import HarmonyError, log_failure
from harmony_desktop.ui.opening import PendingServices
from harmony_sync.client import SyncError

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services

log = logging.getLogger(__name__)

T = TypeVar("T")
OnDone = Callable[[Any], object]
OnError = Callable[[Exception], object]
OnProgress = Callable[[str, int, int], object]


class Lane(enum.Enum):
    """Which worker thread runs a job."""

    DATABASE = "database"
    NETWORK = "network"
    MAINTENANCE = "maintenance"


class Cancelled(Exception):
    """The job was cancelled; raised inside it by :meth:`Progress.report`."""


class Progress:
    """Handed to a running job: report progress, notice cancellation. Thread-safe."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._emit: OnProgress | None = None

    def report(self, phase: str, done: int, total: int = 0) -> None:
        """Say how far the job got (``total`` 0: unknown); raises :class:`Cancelled` if
        the job was cancelled meanwhile, so a job stops at its next report."""
        if self._cancel.is_set():
            raise Cancelled(phase)
        if self._emit is not None:
            self._emit(phase, done, total)

    def cancel(self) -> None:
        """Ask the job to stop (it never starts if it is still queued)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()


@dataclass(frozen=True)
class Changes:
    """What a write changed; each view refreshes only if it shows that.

    Every write that reaches a synced table also changes the number of changes waiting
    to be sent, which the sync status shows whatever the flags.
    """

    marks: bool = False
    """Attendance marks and notes."""
    sessions: bool = False
    """Sessions: opened, cancelled, restored, added."""
    students: bool = False
    """Students and their contacts (created, edited, archived, imported, merged)."""
    enrollment: bool = False
    """Enrollments and waitlists."""
    review: bool = False
    """Conflicts, refused changes and duplicates waiting for a decision."""
    sync: bool = False
    """Sync bookkeeping: enrollment of this laptop, last sync."""
    volunteers: bool = False
    """Volunteers, their clearances, assignments and shifts."""
    events: bool = False
    """Family events and their attendance; masterclass and performance details."""
    setup: bool = False
    """Programme set-up: hubs, ensembles and their schedules, staff, the school year,
    terms, closures, attendance codes."""

    @classmethod
    def everything(cls) -> Changes:
        """Anything may have changed (after a sync pulled rows, or a restore)."""
        return cls(**{f.name: True for f in dataclasses.fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        names = (f.name for f in dataclasses.fields(self))
        return Changes(**{n: getattr(self, n) or getattr(other, n) for n in names})

    @property
    def roster(self) -> bool:
        """Who is on a roll or roster may have changed."""
        return self.students or self.enrollment

    @property
    def register(self) -> bool:
        """A day's sessions or a roll may have changed."""
        return self.marks or self.sessions or self.roster or self.setup


@dataclass
class Ticket:
    """One submitted job: cancel it, or see whether it reported back."""

    number: int
    lane: Lane
    progress: Progress

    def cancel(self) -> None:
        """Cancel the job; its callbacks will not be called."""
        self.progress.cancel()


class _Runner(QObject):
    """Lives in one worker thread and runs its jobs in order."""

    done = Signal(int, object)
    """A job finished: (job number, result)."""
    failed = Signal(int, object)
    """A job raised: (job number, exception)."""
    progressed = Signal(int, str, int, int)
    """A job reported progress: (job number, phase, done, total)."""

    @Slot(int, object, object)
    def run(self, number: int, job: Callable[[Progress], Any], progress: Progress) -> None:
        if progress.cancelled:
            self.failed.emit(number, Cancelled())
            return
        progress._emit = lambda phase, done, total: self.progressed.emit(number, phase, done, total)
        try:
            result = job(progress)
        except Cancelled as exc:
            self.failed.emit(number, exc)
        except Exception as exc:  # handed to the UI thread, which says what went wrong
            if not isinstance(exc, HarmonyError | SyncError):  # those say what to do
                log_failure(log, f"background job {number}", exc)
            self.failed.emit(number, exc)
        else:
            self.done.emit(number, result)
        finally:
            progress._emit = None


class _Lane(QObject):
    """One worker thread and its runner."""

    submit = Signal(int, object, object)

    def __init__(self, lane: Lane, parent: QObject) -> None:
        super().__init__(parent)
        self.worker = QThread()
        self.worker.setObjectName(f"harmony-{lane.value}")
        self.runner = _Runner()
        self.runner.moveToThread(self.worker)
        self.submit.connect(self.runner.run)
        self.worker.finished.connect(self.runner.deleteLater)
        self.worker.start()

    def stop(self) -> None:
        if self.worker.isRunning():
            self.worker.quit()
            self.worker.wait()


@dataclass
class _Pending:
    on_done: OnDone
    on_error: OnError | None
    on_progress: OnProgress | None
    owner: QObject | None
    ticket: Ticket
    after: OnDone | None = None


class TaskManager(QObject):
    """Runs jobs on the database and network threads; callbacks run on the UI thread."""

    changed = Signal(object, object)
    """A write happened: (:class:`Changes`, initiator — the object that wrote, or None)."""
    idle = Signal()
    """Every submitted job has reported back."""
    error = Signal(str)
    """A background operation failed and no one handled it: the message to show."""

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._lanes = {lane: _Lane(lane, self) for lane in Lane}
        for lane in self._lanes.values():
            lane.runner.done.connect(self._on_done)
            lane.runner.failed.connect(self._on_failed)
            lane.runner.progressed.connect(self._on_progress)
        self._numbers = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._closed = False

    # -- running ----------------------------------------------------------------------

    def run(
        self,
        job: Callable[[Progress], T],
        on_done: Callable[[T], object],
        on_error: OnError | None = None,
        *,
        lane: Lane = Lane.DATABASE,
        on_progress: OnProgress | None = None,
        owner: QObject | None = None,
        after: Callable[[T], object] | None = None,
    ) -> Ticket:
        """Run ``job(progress)`` on ``lane``'s thread; ``on_done(result)`` on the UI thread.

        ``on_error(exception)`` gets any failure (without it, the failure is logged and
        :attr:`error` says what went wrong). If ``owner`` is deleted, or the ticket
        cancelled, before the job reports back, none of these run; ``after(result)``
        runs once the job succeeded even then (a write that happened must be announced).
        """
        ticket = Ticket(next(self._numbers), lane, Progress())
        if self._closed:
            ticket.cancel()
            return ticket
        self._pending[ticket.number] = _Pending(
            on_done, on_error, on_progress, owner, ticket, after
        )
        self._lanes[lane].submit.emit(ticket.number, job, ticket.progress)
        return ticket

    def busy(self, lane: Lane | None = None) -> bool:
        """True while a job (on ``lane``, or on any) has not reported back."""
        return any(lane is None or p.ticket.lane is lane for p in self._pending.values())

    def cancel_all(self) -> None:
        """Cancel every job not yet reported back; no callback of theirs will run."""
        for pending in self._pending.values():
            pending.ticket.cancel()

    def shutdown(self) -> None:
        """Cancel everything, let a running job stop, quit and wait for every thread
        (idempotent; the window calls it when it closes)."""
        self._closed = True
        self.cancel_all()
        self._pending.clear()
        if isinstance(self.services, PendingServices):
            # still opening behind the first paint: a job under way may wait for them
            self.services.begin()
        for lane in self._lanes.values():
            lane.stop()

    # -- the change notice --------------------------------------------------------------

    def notify(self, changes: Changes, initiator: object | None = None) -> None:
        """Tell every view that ``changes`` were written (by ``initiator``)."""
        if not self._closed:
            self.changed.emit(changes, initiator)

    # -- results, back on the UI thread -------------------------------------------------

    @staticmethod
    def _wanted(pending: _Pending | None) -> bool:
        """True when the callbacks of ``pending`` should still run."""
        if pending is None or pending.ticket.progress.cancelled:
            return False
        # The page or dialog that asked may be gone.
        return pending.owner is None or shiboken6.isValid(pending.owner)

    def _reported(self) -> None:
        if not self._pending:
            self.idle.emit()

    @Slot(int, object)
    def _on_done(self, number: int, result: object) -> None:
        pending = self._pending.pop(number, None)
        try:
            if pending is not None and self._wanted(pending):
                pending.on_done(result)
        finally:
            try:
                if pending is not None and pending.after is not None:
                    pending.after(result)
            finally:
                self._reported()

    @Slot(int, object)
    def _on_failed(self, number: int, exc: Exception) -> None:
        pending = self._pending.pop(number, None)
        try:
            if pending is None or not self._wanted(pending) or isinstance(exc, Cancelled):
                return
            if pending.on_error is not None:
                pending.on_error(exc)
            else:
                log.error("background job %d failed: %s", number, type(exc).__name__)
                self.error.emit(str(exc) or type(exc).__name__)
        finally:
            self._reported()

    @Slot(int, str, int, int)
    def _on_progress(self, number: int, phase: str, done: int, total: int) -> None:
        pending = self._pending.get(number)
        if pending is not None and pending.on_progress is not None and self._wanted(pending):
            pending.on_progress(phase, done, total)
