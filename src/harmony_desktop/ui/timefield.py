"""The time field of every dialog that asks for a time of day (late, left early, sign
out, a volunteer's times, an added session, a new event): a time typed as a person types
it at the door ("4pm", "4:30 p.m.", "16:30", "430"), read whole.

A ``QTimeEdit`` reads keys one section at a time: "4pm" kept the minutes already shown
(4:45 PM), "9:05 AM" kept PM, "16:30" became 1:30 PM and "25:00" 2:00 PM, all without a
word. This field reads what was typed when Enter is pressed, shows what it understood,
and says so when it is not a time. ↑/↓ move the time by five minutes.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from harmony_desktop.ui.language import time_text

_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{2}))?\s*"
    r"(?:(?P<half>[ap])\s*\.?\s*(?:m\s*\.?)?)?$"
)
_DIGITS = re.compile(
    r"^(?P<hour>\d{1,2})(?P<minute>\d{2})\s*(?:(?P<half>[ap])\s*\.?\s*(?:m\s*\.?)?)?$"
)


def not_a_time(typed: str) -> str:
    """What a dialog says when ``typed`` is no time, with an example of one."""
    return QCoreApplication.translate(
        "TimeField", "“{typed}” is not a time. Type it like {example}."
    ).format(typed=typed.strip(), example=time_text(dt.time(16, 30)))


def twelve_hour_locale() -> bool:
    """True when the window's language writes times with AM/PM."""
    return "a" in QLocale().timeFormat(QLocale.FormatType.ShortFormat).lower()


def parse_time(text: str, *, pm: bool, twelve_hour: bool) -> QTime | None:
    """The time ``text`` says, or None when it says none.

    "4pm", "4:30 PM", "4:30 p. m.", "16:30", "4.30", "430". Without AM/PM, a 12-hour
    language keeps the half of day already shown (``pm``); 13-23 are read as 24-hour.
    """
    cleaned = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").lower().split())
    found = _TIME.match(cleaned) or _DIGITS.match(cleaned)
    if found is None:
        return None
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    half = found["half"]
    if minute > 59:
        return None
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    elif hour > 23:
        return None
    elif twelve_hour and 1 <= hour <= 12:
        hour = hour % 12 + (12 if pm else 0)
    return QTime(hour, minute)


class TimeField(QLineEdit):
    """A time of day typed whole; ``time()``/``setTime()`` as a ``QTimeEdit`` has them."""

    timeChanged = Signal(QTime)
    """The time typed or set changed (an invalid ``QTime`` while it says no time)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time = QTime(0, 0)
        self._shown = self._time
        self.textEdited.connect(self._edited)

    def time(self) -> QTime:
        """The time the text says (the last one shown while it is being typed)."""
        typed = self.typed()
        return typed if typed is not None else self._time

    def typed(self) -> QTime | None:
        """The time the text says, or None if it says none."""
        return parse_time(self.text(), pm=self._time.hour() >= 12, twelve_hour=twelve_hour_locale())

    def setTime(self, value: QTime) -> None:
        """Show ``value`` as the window's language writes times."""
        self._time = QTime(value.hour(), value.minute())
        self.setText(time_text(dt.time(value.hour(), value.minute())))
        self._announce(self._time)

    def refusal(self) -> str | None:
        """Show what was typed as a time; or, when it is none, select it (typed over
        next) and return what to say (:func:`not_a_time`)."""
        typed = self.text()
        if self.tidy():
            return None
        self.setFocus()
        self.selectAll()
        return not_a_time(typed)

    def tidy(self) -> bool:
        """Show what was typed as a time ("4pm" → "4:00 PM"); False if it is none."""
        typed = self.typed()
        if typed is None:
            return False
        self.setTime(typed)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """↑/↓: five minutes later or earlier."""
        step = {Qt.Key.Key_Up: 5, Qt.Key.Key_Down: -5}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        self.setTime(self.time().addSecs(step * 60))
        self.selectAll()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Arriving on the field selects it: what is typed replaces the time shown."""
        super().focusInEvent(event)
        self.selectAll()

    def _edited(self, _text: str) -> None:
        typed = self.typed()
        self._announce(typed if typed is not None else QTime())

    def _announce(self, value: QTime) -> None:
        if value != self._shown:
            self._shown = value
            self.timeChanged.emit(value)
