"""Small widget helpers the parts of the register share."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def button(text: str, accessible: str) -> QPushButton:
    """A push button with its accessible name."""
    widget = QPushButton(text)
    widget.setAccessibleName(accessible)
    return widget


def heading(accessible: str, scale: float, like: QWidget) -> QLabel:
    """A bold label ``scale`` times the size of ``like``'s font, for a title."""
    label = QLabel()
    label.setAccessibleName(accessible)
    font = QFont(like.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
