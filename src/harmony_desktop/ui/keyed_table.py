"""A table a person drives by keys: the roll, the volunteers' sign-in, a family roll.

Arrows or ``j``/``k`` move the current row, which stays in the table's action column; a
key pressed without Ctrl or Alt goes to :meth:`KeyedTableView.plain_key` first, so one
key acts on the current row; everything else (Page Up/Down, Home, Tab…) is the table's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView


class KeyedTableView(QTableView):
    """A table view whose rows are acted on by single keys (see the module)."""

    #: The column the current row's cursor sits in (the one the keys act on).
    focus_column: int = 0

    def step_row(self, step: int) -> None:
        """Move the current row by ``step`` (clamped)."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        row = self.currentIndex().row()
        row = 0 if row < 0 else max(0, min(model.rowCount() - 1, row + step))
        self.setCurrentIndex(model.index(row, self.focus_column))

    def plain_key(self, text: str, key: int) -> bool:
        """A key pressed without Ctrl or Alt: ``text`` upper-cased ("" for keys such as
        Delete), ``key`` the Qt key. Returns True when it was used."""
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Moving and acting keys first; everything else as usual."""
        mods = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if mods == Qt.KeyboardModifier.NoModifier:
            text = event.text().upper()
            if text in ("J", "K"):
                self.step_row(1 if text == "J" else -1)
                return
            if self.plain_key(text, event.key()):
                return
        super().keyPressEvent(event)
