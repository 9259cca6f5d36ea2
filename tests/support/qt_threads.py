"""Find QThreads a test left running, and say where each was started.

After napari's ``_dangling_qthreads`` fixture: ``QThread.start`` is wrapped for the
duration of a test so every thread started is remembered (weakly) with the line of the
project's code that started it; after the test, any still running is reported, then
stopped, so one leak cannot abort the whole run ("QThread: Destroyed while thread is
still running").
"""

from __future__ import annotations

import sys
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest
from PySide6.QtCore import QThread

ROOT = Path(__file__).resolve().parents[2]


def _started_from() -> str:
    """The innermost caller in this project (not Qt, not pytest): ``path:line``."""
    frame = sys._getframe(2)
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(ROOT) and path != Path(__file__):
            return f"{path.relative_to(ROOT)}:{frame.f_lineno}"
        frame = frame.f_back  # type: ignore[assignment]
    return "(outside the project)"


class QThreadWatch:
    """Remembers each QThread started while installed."""

    def __init__(self) -> None:
        self.started: WeakKeyDictionary[QThread, str] = WeakKeyDictionary()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Wrap ``QThread.start`` until ``monkeypatch`` is undone."""
        base_start = QThread.start
        started = self.started

        def start(thread: QThread, priority: QThread.Priority = QThread.Priority.InheritPriority):  # type: ignore[no-untyped-def]
            started[thread] = _started_from()
            base_start(thread, priority)

        monkeypatch.setattr(QThread, "start", start)

    def running(self) -> list[tuple[QThread, str]]:
        """Threads started while watched that are still running, with where from."""
        left = []
        for thread, where in list(self.started.items()):
            try:
                if thread.isRunning():
                    left.append((thread, where))
            except RuntimeError:  # the C++ object is gone: so is the thread
                continue
        return left

    @staticmethod
    def stop(threads: list[tuple[QThread, str]]) -> None:
        """Quit and wait each thread (a test's leak must not crash the next test)."""
        for thread, _where in threads:
            thread.quit()
            thread.wait(2000)

    @staticmethod
    def describe(threads: list[tuple[QThread, str]]) -> str:
        """What to print when a test leaked threads."""
        lines = [f"{len(threads)} QThread(s) still running after the test, started at:"]
        lines += [
            f"  {thread.objectName() or type(thread).__name__}: {where}"
            for thread, where in threads
        ]
        return "\n".join(lines)
