"""Work-around for a reference-counting bug of PySide6 6.12 on Python 3.11.

PySide6 6.12 returns ``None`` from every void method (``QPainter.setPen``,
``QLabel.setText``…) without taking a reference, as if ``None`` were immortal; it is
immortal only from Python 3.12 (PEP 683). On 3.11 each call drops one reference to
``None`` and after a few thousand calls the interpreter aborts with "none_dealloc:
deallocating None" (a 60-student roster printout is enough). Giving ``None`` the huge
reference count 3.12 gives immortal objects makes the dropped references harmless.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL_REFS = 1 << 40
_done = False


def make_none_immortal() -> None:
    """On Python < 3.12, raise None's reference count so it can never reach zero."""
    global _done
    if _done or sys.version_info >= (3, 12) or not hasattr(sys, "getrefcount"):
        return
    # ob_refcnt is the first field of every PyObject in a release build of CPython.
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    refcnt.value += _IMMORTAL_REFS
    _done = True
