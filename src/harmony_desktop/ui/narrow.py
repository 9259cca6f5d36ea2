"""Rows that fit a narrow window: a 1024×600 netbook, or 1366×768 at 125 % (1093×614).

:class:`FittingButton` keeps its whole text while there is room and shows a shorter one
when its row is squeezed (its text, accessible name and tooltip stay whole);
:class:`FlowLayout` lays widgets out in a row that wraps onto a second line rather than
widening the window.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)


class FittingButton(QPushButton):
    """A push button that shows the first of ``shorter`` texts that fits when it is
    narrower than its whole text (the last one is its narrowest width).

    ``text()`` stays whole, so a screen reader and the tests read the whole name; the
    tooltip names it whole while a shorter text shows (unless it has its own)."""

    def __init__(self, text: str, shorter: list[str], parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.shorter = [s for s in shorter if s and s != text]
        self._own_tip = ""
        # Room below the whole text's width (a push button's own policy refuses it).
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)

    def setToolTip(self, tip: str) -> None:
        """The button's own tooltip (kept whatever text shows)."""
        self._own_tip = tip
        super().setToolTip(tip)

    def _text_room(self) -> int:
        """The pixels the text has at the button's current width."""
        extra = super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())
        return self.width() - extra

    def shown_text(self) -> str:
        """The text on the button now: the whole one if it fits, else the first shorter
        one that does (the shortest if none)."""
        room = self._text_room()
        metrics = self.fontMetrics()
        for candidate in [self.text(), *self.shorter]:
            if metrics.horizontalAdvance(candidate) <= room:
                return candidate
        return self.shorter[-1] if self.shorter else self.text()

    def minimumSizeHint(self) -> QSize:
        """As narrow as the shortest text."""
        hint = super().minimumSizeHint()
        if not self.shorter:
            return hint
        metrics = self.fontMetrics()
        saved = metrics.horizontalAdvance(self.text()) - min(
            metrics.horizontalAdvance(s) for s in self.shorter
        )
        return QSize(max(0, hint.width() - max(0, saved)), hint.height())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        shown = self.shown_text()
        tip = self._own_tip or ("" if shown == self.text() else self.text().replace("&", ""))
        super().setToolTip(tip)

    def paintEvent(self, _event: object) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the row is too narrow.

    At the width where they fit on one line they look as a row of a QHBoxLayout would
    (each at its size hint); narrower, the items that do not fit go on a new line."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._lay_out(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._lay_out(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        width = sum(i.sizeHint().width() for i in self._shown()) + self._gap * max(
            0, len(self._shown()) - 1
        )
        height = max((i.sizeHint().height() for i in self._shown()), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """As wide as the widest item (each on a line of its own)."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lay_out(self, rect: QRect, *, move: bool) -> int:
        """Place the items (``move``) in ``rect``, each line's items centred on it as a
        row's are; the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[tuple[QLayoutItem, int, int]]] = [[]]
        x = area.x()
        for item in self._shown():
            width = min(item.sizeHint().width(), area.width())
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, x, width))
            x += width + self._gap
        y = area.y()
        for line in lines:
            height = max((item.sizeHint().height() for item, _x, _w in line), default=0)
            if move:
                for item, left, width in line:
                    own = item.sizeHint().height()
                    item.setGeometry(QRect(left, y + (height - own) // 2, width, own))
            y += height + self._gap
        return y - self._gap - rect.y() + margins.bottom()


def row_group(*widgets: QWidget, spacing: int = 6) -> QWidget:
    """``widgets`` side by side in one widget: they wrap onto a new line together."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    group.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return group
