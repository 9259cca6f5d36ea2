"""Delegates of the roll: the mark cell as a coloured pill, unrecorded as a dashed one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from harmony_desktop.ui.register.codes import CodeInfo
from harmony_desktop.ui.register.models import CodeRole


class CodeDelegate(QStyledItemDelegate):
    """Paints a mark: the code on its flag colour; "Not recorded" dashed and grey."""

    def __init__(self, codes: list[CodeInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._codes = {c.code: c for c in codes}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Background and focus from the style, text drawn by us.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        code = index.data(CodeRole)
        # 5 pixels above and below the pill; fewer on a short row (a netbook's), the
        # pill still 10 pixels taller than its words
        room = (opt.rect.height() - opt.fontMetrics.height() - 10) // 2
        inset = min(5, max(2, room))
        rect = QRectF(opt.rect).adjusted(6, inset, -6, -inset)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(opt.font)
        info = self._codes.get(code or "")
        if info is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(info.colour)
            painter.drawRoundedRect(rect, 6, 6)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#111111"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, info.code)
        else:
            pen = QPen(QColor("#9e9e9e"))
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6, 6)
            font.setItalic(True)
            painter.setFont(font)
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            colour = (
                opt.palette.color(QPalette.ColorRole.HighlightedText)
                if selected
                else QColor("#6b6b6b")
            )
            painter.setPen(colour)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width() + 24, 130), max(hint.height(), 36))
