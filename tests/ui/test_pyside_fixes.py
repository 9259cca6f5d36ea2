"""The PySide6 6.12 / CPython 3.11 refcount workaround (ui/pyside_fixes.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from harmony_desktop.ui import pyside_fixes

PROBE = textwrap.dedent(
    """
    import gc, sys
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    if sys.argv[1] == "fixed":
        from harmony_desktop.ui.pyside_fixes import install
        install()
    class Painted(QWidget):
        def paintEvent(self, event):
            pass
    w = Painted(); w.resize(50, 50); w.show(); app.processEvents()
    gc.collect(); before = sys.getrefcount(None)
    for _ in range(int(sys.argv[2])):
        w.repaint()
    gc.collect(); print(sys.getrefcount(None) - before, flush=True)
    """
)


def run_probe(mode: str, repaints: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, mode, str(repaints)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )


@pytest.mark.skipif(not pyside_fixes.NEEDED, reason="None is immortal on CPython 3.12+")
def test_without_the_fix_repaints_crash_the_interpreter() -> None:
    # If this starts failing, PySide6 fixed the bug: pyside_fixes can go.
    result = run_probe("bare", 20_000)
    assert result.returncode != 0 and "dealloc" in result.stderr


@pytest.mark.skipif(not pyside_fixes.NEEDED, reason="None is immortal on CPython 3.12+")
def test_with_the_fix_the_same_repaints_are_harmless() -> None:
    result = run_probe("fixed", 20_000)
    assert result.returncode == 0, result.stderr[-500:]
    assert sys.getrefcount(None) > 2**39  # installed in this process by the conftest
