"""Guard against a Qt binding that leaks references to None (PySide6 6.12.0 did).

PySide6 6.12.0 dropped one reference to ``None`` on every call from C++ into a Python
override of a void virtual (paintEvent, delegates, key handlers). On CPython 3.11 that
aborts the app with "none_dealloc" after a few dozen repaints of a roll, which is why
pyproject.toml excludes it. This test fails if a future lock brings such a build back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


class _Painted(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1


def test_python_overrides_called_from_qt_keep_none_alive(qtbot: QtBot) -> None:
    widget = _Painted()
    qtbot.addWidget(widget)
    widget.resize(100, 100)
    widget.show()
    QApplication.processEvents()
    before = sys.getrefcount(None)
    for _ in range(300):
        widget.repaint()
    assert widget.paints >= 300
    assert abs(sys.getrefcount(None) - before) < 50
