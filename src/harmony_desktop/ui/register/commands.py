"""The commands of the register: every write to a roll, and its undo history.

Marks are written synchronously on the UI thread: one write is a few milliseconds
(``bench/bench_roll_ui.py`` measures key press → stored → painted), so the teacher's
"Saved" is true the moment it shows, and the next key press can never overtake a write.
Undo and redo replay whole mark states through ``RollService.set_states``, so a
correction is an ordinary change with its own outbox entry.

After each write :class:`RollEditor` tells the page what it stored (:attr:`stored`) and
every other view what changed (:meth:`TaskManager.notify`).

A roll opened on a certainly wrong "today" is shown without storing its session
(:attr:`RollEditor.unstored`): every write on it hands the session as listed to the
service, which stores it with the first write that writes anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.ui.register.models import tr
from harmony_desktop.ui.tasks import Changes, TaskManager

if TYPE_CHECKING:
    from harmony_desktop.domain.sessions import SessionInfo
    from harmony_desktop.services.context import Services
    from harmony_desktop.services.roll import Dismissal, MarkState

#: (student id, mark before, mark after)
Change = tuple[str, "MarkState", "MarkState"]


class MarkCommand(QUndoCommand):
    """An undoable change of one or more marks of a session."""

    def __init__(self, editor: RollEditor, session_id: str, changes: list[Change], text: str):
        super().__init__(text)
        self._editor = editor
        self._session_id = session_id
        self._changes = changes
        # The next undo or redo writes nothing: set when pushed (the write already
        # happened) and when a replay failed (the stack steps back over it).
        self.skip_next = True

    def redo(self) -> None:
        """Write the marks after the change again (not when first pushed: done then)."""
        if self.skip_next:
            self.skip_next = False
            return
        if not self._editor.replay(
            self._session_id, [(s, after) for s, _b, after in self._changes]
        ):
            self._editor.replay_failed = self

    def undo(self) -> None:
        """Write back the marks before the change."""
        if self.skip_next:
            self.skip_next = False
            return
        if not self._editor.replay(
            self._session_id, [(s, before) for s, before, _a in reversed(self._changes)]
        ):
            self._editor.replay_failed = self


class RollEditor(QObject):
    """Writes marks (synchronously), keeps their undo history, announces each write."""

    stored = Signal(str, object, bool)
    """Marks were written: (session id, [(student id, stored MarkState)], replayed —
    True for an undo or redo)."""
    failed = Signal(str)
    """A write was refused: what the teacher should read."""

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        staff: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.staff = staff
        self.undo_stack = QUndoStack(self)
        # what the last write that failed said (also sent as ``failed``)
        self.last_failure = ""
        # the command whose undo or redo could not be written, while the stack steps
        self.replay_failed: MarkCommand | None = None
        #: the open roll's session when it was opened without storing it (a certainly
        #: wrong "today"): the first write that goes ahead stores it (None: stored)
        self.unstored: SessionInfo | None = None

    # -- the writes ---------------------------------------------------------------------

    def mark(
        self,
        session_id: str,
        student_id: str,
        code: str,
        before: MarkState,
        *,
        arrival_time: dt.time | None = None,
        departure_time: dt.time | None = None,
        reason: str | None = None,
        dismissal: Dismissal | None = None,
    ) -> bool:
        """Mark a student; False (and :attr:`failed`) when refused."""
        return self._write(
            session_id,
            student_id,
            before,
            tr("Mark {code}").format(code=code),
            lambda roll, by: roll.mark(
                session_id,
                student_id,
                code,
                by=by,
                arrival_time=arrival_time,
                departure_time=departure_time,
                reason=reason,
                dismissal=dismissal,
                planned=self.planned(session_id),
            ),
        )

    def sign_out(
        self, session_id: str, student_id: str, dismissal: Dismissal, before: MarkState
    ) -> bool:
        """Record who collected a student at the end (or that they walked home)."""
        return self._write(
            session_id,
            student_id,
            before,
            tr("Sign out"),
            lambda roll, by: roll.sign_out(
                session_id, student_id, dismissal, by=by, planned=self.planned(session_id)
            ),
        )

    def clear(self, session_id: str, student_id: str, before: MarkState) -> bool:
        """Set a student back to not recorded."""
        return self._write(
            session_id,
            student_id,
            before,
            tr("Clear mark"),
            lambda roll, by: roll.clear(
                session_id, student_id, by=by, planned=self.planned(session_id)
            ),
        )

    def set_note(self, session_id: str, student_id: str, note: str, before: MarkState) -> bool:
        """Add or change the note on a student's mark."""
        return self._write(
            session_id,
            student_id,
            before,
            tr("Note"),
            lambda roll, by: roll.set_note(
                session_id, student_id, note, by=by, planned=self.planned(session_id)
            ),
        )

    def mark_remaining_present(self, session_id: str, before: dict[str, MarkState]) -> bool:
        """Mark every student not yet recorded present, as one undoable step."""
        roll = self.services.roll
        planned = self.planned(session_id)
        try:
            done = roll.mark_remaining_present(session_id, by=self.staff(), planned=planned)
            entries = {e.student_id: e for e in roll.roll(session_id, planned=planned)}
        except HarmonyError as exc:
            self.failed.emit(str(exc))
            return False
        changes = [
            (student_id, before[student_id], entries[student_id].mark)
            for student_id in done
            if student_id in entries and student_id in before
        ]
        if changes:
            text = tr("Mark %n present", "", len(changes))
            self.undo_stack.push(MarkCommand(self, session_id, changes, text))
        self._announce(session_id, [(s, after) for s, _b, after in changes], replayed=False)
        return True

    def undo(self) -> None:
        """Ctrl+Z: undo the last step; one that cannot be written (a full disk) stays
        the step to undo, so the next Ctrl+Z tries it again rather than the one before."""
        self._step(self.undo_stack.undo, +1)

    def redo(self) -> None:
        """Ctrl+Y: redo the step undone last; one that cannot be written stays to redo."""
        self._step(self.undo_stack.redo, -1)

    def _step(self, step: Callable[[], None], back: int) -> None:
        self.replay_failed = None
        step()
        failed, self.replay_failed = self.replay_failed, None
        if failed is not None:  # nothing was written: put the stack back, writing nothing
            failed.skip_next = True
            self.undo_stack.setIndex(self.undo_stack.index() + back)

    def replay(self, session_id: str, states: list[tuple[str, MarkState]]) -> bool:
        """Undo/redo: write whole mark states back, as ordinary tracked changes, all in
        one transaction (all or nothing). False when nothing could be written."""
        try:
            stored = self.services.roll.set_states(
                session_id, states, by=self.staff(), planned=self.planned(session_id)
            )
        except HarmonyError as exc:
            self.last_failure = str(exc)
            self.failed.emit(self.last_failure)
            return False
        written = [
            (student_id, state) for (student_id, _s), state in zip(states, stored, strict=True)
        ]
        if written:
            self._announce(session_id, written, replayed=True)
        return True

    def clear_history(self) -> None:
        """Forget the undo history (another session was opened)."""
        self.undo_stack.clear()

    def planned(self, session_id: str) -> SessionInfo | None:
        """The session ``session_id`` as listed, when its roll was opened without
        storing it (handed to every write, which stores it if it is not yet)."""
        unstored = self.unstored
        return unstored if unstored is not None and unstored.id == session_id else None

    # -- internals ------------------------------------------------------------------------

    def _write(
        self,
        session_id: str,
        student_id: str,
        before: MarkState,
        text: str,
        write: Callable[..., MarkState],
    ) -> bool:
        try:
            after = write(self.services.roll, self.staff())
        except HarmonyError as exc:
            self.last_failure = str(exc)
            self.failed.emit(self.last_failure)
            return False
        if before != after:
            self.undo_stack.push(MarkCommand(self, session_id, [(student_id, before, after)], text))
        self._announce(session_id, [(student_id, after)], replayed=False)
        return True

    def _announce(
        self, session_id: str, written: list[tuple[str, MarkState]], *, replayed: bool
    ) -> None:
        self.stored.emit(session_id, written, replayed)
        self.tasks.notify(Changes(marks=True, sessions=True), self)
