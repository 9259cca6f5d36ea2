"""Windows and dialogs that fit the screen they open on.

A laptop at 1280×720, or a screen at 200 % scaling, has little height: a dialog taller
than the screen hides its buttons, and a window taller than the screen hides its status
bar. :func:`scrolling_dialog` puts a dialog's fields in a scroll area with the buttons
below it, and :func:`fit_to_screen` keeps any top-level widget inside the available
geometry (the screen less task bars and docks).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QVBoxLayout, QWidget

#: Room left for the window manager's title bar and borders around a top-level window.
FRAME_ALLOWANCE = 48


def available_geometry(widget: QWidget) -> QRect:
    """The available geometry of the screen ``widget`` is on (or the primary screen)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    parent = widget.parentWidget()
    if parent is not None and parent.window().screen() is not None:
        screen = parent.window().screen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, *, margin: int = FRAME_ALLOWANCE) -> None:
    """Shrink ``widget`` to the available screen, then move it fully onto it."""
    area = available_geometry(widget)
    width = min(widget.width(), area.width() - margin // 2)
    height = min(widget.height(), area.height() - margin)
    widget.setMaximumHeight(max(widget.minimumHeight(), area.height() - margin))
    widget.resize(width, height)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - width - margin // 4)
    y = min(max(frame.y(), area.y()), area.bottom() - height - margin)
    widget.move(max(area.x(), x), max(area.y(), y))


class _BodyScroll(QScrollArea):
    """A scroll area that asks for its whole contents (the screen caps it later)."""

    def sizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().sizeHint()
        hint = body.sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())


class _FitOnShow(QObject):
    """Keeps a top-level widget inside the screen each time it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            fit_to_screen(watched)
        return False


def keep_on_screen(widget: QWidget) -> None:
    """Fit ``widget`` to the screen whenever it is shown."""
    widget.installEventFilter(_FitOnShow(widget))


def scrolling_dialog(dialog: QDialog, body: QWidget, buttons: QWidget) -> QScrollArea:
    """Lay ``dialog`` out as ``body`` in a scroll area and ``buttons`` always below it.

    The dialog opens at the size its contents ask for, but never taller than the
    screen: past that the fields scroll and the buttons stay in sight.
    """
    area = _BodyScroll()
    area.setObjectName("dialogBody")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    layout = QVBoxLayout(dialog)
    layout.addWidget(area, 1)
    layout.addWidget(buttons)
    keep_on_screen(dialog)
    return area
