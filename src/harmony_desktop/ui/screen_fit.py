"""Windows and dialogs that fit the screen they open on.

A laptop at 1280×720, or a screen at 200 % scaling, has little height: a dialog taller
than the screen hides its buttons, and a window taller than the screen hides its status
bar. :func:`scrolling_dialog` puts a dialog's fields in a scroll area with the buttons
below it, and :func:`fit_to_screen` keeps any top-level widget inside the available
geometry (the screen less task bars and docks).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt, QTimer
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
    """Keep ``widget`` inside the available screen: no taller or wider than it, and
    moved onto it only when some of it is off (a dialog stays centred on its window)."""
    area = available_geometry(widget)
    tallest = area.height() - margin
    widest = area.width() - margin // 4
    widget.setMaximumHeight(max(widget.minimumHeight(), tallest))
    if widget.height() > tallest or widget.width() > widest:
        widget.resize(min(widget.width(), widest), min(widget.height(), tallest))
    frame = widget.frameGeometry()
    if area.contains(frame):
        return
    x = min(max(frame.x(), area.x()), area.x() + area.width() - frame.width())
    y = min(max(frame.y(), area.y()), area.y() + area.height() - frame.height())
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
            _fit_shown(watched)
        return False


def _fit_shown(widget: QWidget) -> None:
    """``widget`` is being shown: no taller than the screen, and on it."""
    area = available_geometry(widget)
    widget.setMaximumHeight(max(widget.minimumHeight(), area.height() - FRAME_ALLOWANCE))
    # After the show: a dialog centres itself on its window first (moving it now would
    # stop that), then it is nudged onto the screen if need be.
    QTimer.singleShot(0, widget, lambda: fit_to_screen(widget))


def keep_on_screen(widget: QWidget) -> None:
    """Fit ``widget`` to the screen whenever it is shown."""
    widget.installEventFilter(_FitOnShow(widget))


class _FitDialogsShown(QObject):
    """Fits each dialog shown, whoever made it (an application-wide event filter)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and watched.isWindow()
            and watched.findChild(_FitOnShow) is None  # it keeps itself on the screen
        ):
            _fit_shown(watched)
        return False


@contextmanager
def dialogs_on_screen() -> Iterator[None]:
    """Keep every dialog shown in the block on the screen, those Qt makes too (a file
    dialog is 412 pixels tall: at 200 % on 1280×720 its Open button was off the
    screen). Only for a block: a filter on the whole application sees every event."""
    app = QCoreApplication.instance()
    if app is None:
        yield
        return
    fitting = _FitDialogsShown()
    app.installEventFilter(fitting)
    try:
        yield
    finally:
        app.removeEventFilter(fitting)
        fitting.deleteLater()


def scrolling_dialog(dialog: QDialog, body: QWidget, buttons: QWidget) -> QScrollArea:
    """Lay ``dialog`` out as ``body`` in a scroll area and ``buttons`` always below it.

    The dialog opens at the size its contents ask for, but never taller than the
    screen: past that the fields scroll and the buttons stay in sight.
    """
    area = _BodyScroll()
    area.setObjectName("dialogBody")
    # Not a stop of its own for Tab: Tab goes from field to field, and the area scrolls
    # to the field with the focus.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(body)
    layout = QVBoxLayout(dialog)
    layout.addWidget(area, 1)
    layout.addWidget(buttons)
    keep_on_screen(dialog)
    return area


def grow_to_contents(dialog: QWidget) -> None:
    """After a dialog's contents grew (a warning, more fields): as tall as they need,
    up to the screen, and still wholly on it (once the layouts have caught up)."""

    def grow() -> None:
        if not dialog.isVisible():
            return
        for area in dialog.findChildren(_BodyScroll):  # their hints are cached
            body = area.widget()
            inner = body.layout() if body is not None else None
            if inner is not None:
                inner.activate()
            area.updateGeometry()
        outer = dialog.layout()
        if outer is not None:
            outer.invalidate()
        hint = dialog.sizeHint()  # not adjustSize(): it stops at 2/3 of the screen
        dialog.resize(max(dialog.width(), hint.width()), max(dialog.height(), hint.height()))
        fit_to_screen(dialog)

    QTimer.singleShot(0, dialog, grow)
