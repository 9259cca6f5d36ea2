"""Small widget helpers the parts of the register share."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QWidget

from harmony_desktop.ui.keyed_table import KeyedTableView
from harmony_desktop.ui.narrow import FittingButton


def button(text: str, accessible: str) -> QPushButton:
    """A push button with its accessible name."""
    widget = QPushButton(text)
    widget.setAccessibleName(accessible)
    return widget


def fitting_button(text: str, accessible: str, shorter: list[str]) -> FittingButton:
    """A push button with its accessible name that shows a ``shorter`` text when its row
    is squeezed (a narrow window)."""
    widget = FittingButton(text, shorter)
    widget.setAccessibleName(accessible)
    return widget


def without_key(text: str) -> str:
    """A button's text without its key in [ ] ("Note… [N]" → "Note…")."""
    return text.rsplit(" [", 1)[0].rstrip() if text.endswith("]") else text


class _OneLineFirst(QLabel):
    """A word-wrapped label that asks for its text on one line (a wrapped QLabel asks
    for a narrower, taller shape) and wraps only when its row has less room."""

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        text = self.fontMetrics().boundingRect(QRect(0, 0, 4000, 4000), 0, self.text())
        width = text.width() + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width, self.heightForWidth(width))


def heading(accessible: str, scale: float, like: QWidget, *, wrap: bool = False) -> QLabel:
    """A bold label ``scale`` times the size of ``like``'s font, for a title; ``wrap``:
    on one line while there is room, on two when its row is squeezed."""
    label = _OneLineFirst() if wrap else QLabel()
    label.setWordWrap(wrap)
    label.setAccessibleName(accessible)
    font = QFont(like.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


_ENDS = (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd)


def row_end(view: KeyedTableView, action: QAbstractItemView.CursorAction) -> QModelIndex | None:
    """Home/End: the first or last row, in the column the keys act on (a table's own
    Home/End go to the first or last column of the row); None for other moves."""
    model = view.model()
    if action not in _ENDS or model is None or model.rowCount() == 0:
        return None
    row = 0 if action == QAbstractItemView.CursorAction.MoveHome else model.rowCount() - 1
    return model.index(row, view.focus_column)
