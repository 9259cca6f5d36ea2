"""Work around PySide6 6.12 over-releasing None/True/False on CPython 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call from C++ into a Python
override of a void virtual (``paintEvent``, a delegate's ``paint``, ``keyPressEvent``,
``QUndoCommand.redo`` …) drops one reference to ``None`` that it never took; similar
drift hits ``True``/``False``. On 3.11 those are ordinary static objects whose count
starts at a few thousand, so after a few dozen repaints of the roll the interpreter
aborts with "Fatal Python error: none_dealloc". CPython 3.12 made them immortal
(PEP 683), which makes the bug harmless there.

On CPython older than 3.12 :func:`install` gives the three singletons a very large
reference count (what 3.12 does), and :class:`RefcountGuard` re-checks it now and then.
They are static objects that are never freed, so a larger count changes nothing else.
Remove this module once the app requires Python 3.12+ or PySide6 is fixed.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

NEEDED = sys.implementation.name == "cpython" and sys.version_info < (3, 12)
#: 2**40 over-releases last for years even at a million per second.
_BOOST = 1 << 40
_FLOOR = 1 << 39
_CHECK_MS = 60_000


def _singletons() -> tuple[object, ...]:
    return (None, True, False)


def top_up() -> int:
    """Raise the count of None/True/False back above the floor; returns how many were."""
    if not NEEDED:
        return 0
    raised = 0
    for obj in _singletons():
        if sys.getrefcount(obj) < _FLOOR:
            counter = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
            counter.value += _BOOST
            raised += 1
    return raised


class RefcountGuard(QObject):
    """Keeps :func:`top_up` applied while the application runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(_CHECK_MS)
        self._timer.timeout.connect(self.check)
        if NEEDED:
            self.check()
            self._timer.start()

    def check(self) -> None:
        """Top up now."""
        if top_up():
            log.info("PySide6 refcount workaround applied (CPython %s)", sys.version.split()[0])


def install() -> None:
    """Apply the workaround now (idempotent; a no-op on CPython 3.12+)."""
    top_up()
