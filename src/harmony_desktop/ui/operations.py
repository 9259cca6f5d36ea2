"""Background operations over the services, after Anki's ``QueryOp`` and ``CollectionOp``.

A read::

    QueryOp(tasks, op=lambda s: s.roster.entries(hub_id), success=self._loaded, parent=self)
        .failure(self._say_error)
        .run_in_background()

A write, which tells every view what changed once it is stored::

    CollectionOp(tasks, op=lambda s: s.roster.archive_student(sid),
                 changes=Changes(students=True), parent=self)
        .success(lambda _r: self._say("Archived."))
        .run_in_background(initiator=self)

``op`` runs on the database thread with the window's :class:`Services`, so it can reach
any use case and must touch no widget; ``success`` and ``failure`` run on the UI thread,
and not at all if ``parent`` was deleted meanwhile. Without ``failure``, an error is
logged and shown in the window's status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject

from harmony_desktop.ui.tasks import Changes, OnError, TaskManager, Ticket

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services

T = TypeVar("T")


class _Op(Generic[T]):
    def __init__(
        self, tasks: TaskManager, op: Callable[[Services], T], parent: QObject | None
    ) -> None:
        self._tasks = tasks
        self._op = op
        self._parent = parent
        self._failure: OnError | None = None

    def _submit(
        self, on_done: Callable[[T], object], after: Callable[[T], object] | None = None
    ) -> Ticket:
        services, op = self._tasks.services, self._op
        return self._tasks.run(
            lambda _progress: op(services),
            on_done,
            self._failure,
            owner=self._parent,
            after=after,
        )


class QueryOp(_Op[T]):
    """Read something on the database thread; hand the result to ``success``."""

    def __init__(
        self,
        tasks: TaskManager,
        *,
        op: Callable[[Services], T],
        success: Callable[[T], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, op, parent)
        self._success = success

    def failure(self, failure: OnError | None) -> QueryOp[T]:
        """Call ``failure(exception)`` on the UI thread if ``op`` raises."""
        self._failure = failure
        return self

    def run_in_background(self) -> Ticket:
        """Queue the query; returns its ticket (to cancel it)."""
        return self._submit(self._success)


class CollectionOp(_Op[T]):
    """Write something on the database thread, then announce ``changes``."""

    def __init__(
        self,
        tasks: TaskManager,
        *,
        op: Callable[[Services], T],
        changes: Changes,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, op, parent)
        self._changes = changes
        self._success: Callable[[T], object] | None = None

    def success(self, success: Callable[[T], object] | None) -> CollectionOp[T]:
        """Call ``success(result)`` on the UI thread once the write is stored."""
        self._success = success
        return self

    def failure(self, failure: OnError | None) -> CollectionOp[T]:
        """Call ``failure(exception)`` on the UI thread if ``op`` raises (nothing was
        written: every write is one transaction)."""
        self._failure = failure
        return self

    def run_in_background(self, *, initiator: object | None = None) -> Ticket:
        """Queue the write; after ``success``, every view hears of ``changes`` (even when
        ``parent`` is gone by then: the write happened)."""
        tasks, changes, success = self._tasks, self._changes, self._success
        return self._submit(
            success or (lambda _result: None),
            lambda _result: tasks.notify(changes, initiator),
        )
