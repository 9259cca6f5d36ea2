"""The date field of a form where a person types a date (the student's date of birth):
read whole, in the order of the window's language, and shown as it was read.

"5/6/2014" is 5 June in Spanish and May 6 in US English (the order of the language's
short dates, :func:`~harmony_desktop.services.sheets.language_order`); YYYY-MM-DD and a
month by name ("5 jun 2014") are read in any language. Beside the field,
:class:`DateReading` says the date in words ("June 5, 2014", "5 de junio de 2014") while
it is typed, so a wrong reading is seen before anything is saved; text that is no date
in that order is refused with an example written in it (:func:`not_a_date`).
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

from harmony_desktop.services.sheets import (
    DAY_MONTH,
    language_order,
    parse_typed_date,
    typed_date_example,
)


def tr(text: str) -> str:
    """Translate a date-field string (context ``DateField``)."""
    return QCoreApplication.translate("DateField", text)


def date_words(day: dt.date) -> str:
    """``day`` in words, as the window's language writes a long date without its
    weekday: "June 5, 2014", "5 de junio de 2014" (the month by name: no order to
    misread)."""
    pattern = QLocale().dateFormat(QLocale.FormatType.LongFormat)
    pattern = re.sub(r"d{4},?\s*", "", pattern).strip(" ,")  # no weekday
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def date_pattern() -> str:
    """What a date field's placeholder asks for, in the window's language's order:
    "MM/DD/YYYY or YYYY-MM-DD", "DD/MM/AAAA o AAAA-MM-DD"."""
    if language_order() == DAY_MONTH:
        return tr("DD/MM/YYYY or YYYY-MM-DD")
    return tr("MM/DD/YYYY or YYYY-MM-DD")


def not_a_date(typed: str) -> str:
    """What a form says when ``typed`` is no date in the window's language's order,
    with an example written in that order: "“25/03/2014” is not a date. Type it like
    03/25/2014 (month/day/year) or 2014-03-25."."""
    if language_order() == DAY_MONTH:
        text = tr("“{typed}” is not a date. Type it like {example} (day/month/year) or {iso}.")
    else:
        text = tr("“{typed}” is not a date. Type it like {example} (month/day/year) or {iso}.")
    return text.format(typed=typed.strip(), example=typed_date_example(), iso="2014-03-25")


class DateField(QLineEdit):
    """A date typed whole (:func:`~harmony_desktop.services.sheets.parse_typed_date`):
    ``typed()`` is the date, None while empty; :class:`ValueError` for text that is no
    date."""

    #: the date the text says changed: a ``dt.date``, or None (empty, or no date)
    dateChanged = Signal(object)

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(text, parent)
        self.today = today
        self.setPlaceholderText(date_pattern())
        self._shown = self._read()
        self.textChanged.connect(self._changed)

    def typed(self) -> dt.date | None:
        """The date the text says, None when it is empty; ValueError (or OverflowError)
        when it says none."""
        return parse_typed_date(self.text(), today=self.today)

    def refusal(self) -> str | None:
        """What to say when the text is no date (:func:`not_a_date`), else None."""
        try:
            self.typed()
        except (ValueError, OverflowError):
            return not_a_date(self.text())
        return None

    def _read(self) -> dt.date | None:
        try:
            return self.typed()
        except (ValueError, OverflowError):
            return None

    def _changed(self, _text: str) -> None:
        day = self._read()
        if day != self._shown:
            self._shown = day
            self.dateChanged.emit(day)


class FittingLabel(QLabel):
    """A label beside a field that says the longest of its texts that fits its width
    ("Read as June 5, 2014", else "Jun 5, 2014"): it never wraps onto a second line,
    so the form keeps its height on a small screen. The full text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_texts(self, *texts: str) -> None:
        """Say the first of ``texts`` (longest first) that fits; none for no texts."""
        self._texts = [t for t in texts if t]
        self.setToolTip(self._texts[0] if self._texts else "")
        self._fit()
        self.updateGeometry()

    def full_text(self) -> str:
        """The longest text, whatever fits."""
        return self._texts[0] if self._texts else ""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._texts:
            hint.setWidth(self.fontMetrics().horizontalAdvance(self._texts[0]) + 4)
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setWidth(
            self.fontMetrics().horizontalAdvance(self._texts[-1]) + 4 if self._texts else 0
        )
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width()
        shown = next(
            (t for t in self._texts if self.fontMetrics().horizontalAdvance(t) <= room),
            self._texts[-1] if self._texts else "",
        )
        if shown != self.text():
            self.setText(shown)


class DateReading(FittingLabel):
    """Beside a :class:`DateField`: the date it reads, in words ("Read as June 5, 2014";
    "Jun 5, 2014" where there is less room), or nothing while it is empty or no date
    (the form's message says why)."""

    def __init__(self, field: DateField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(tr("Date as read"))
        field.dateChanged.connect(self.show_date)
        self.show_date(field._read())

    def show_date(self, day: dt.date | None) -> None:
        """Say ``day`` in words (nothing for None)."""
        if day is None:
            self.set_texts()
        else:
            medium = QLocale().toString(QDate(day.year, day.month, day.day), _medium_pattern())
            self.set_texts(
                tr("Read as {date}").format(date=date_words(day)), date_words(day), medium
            )
        self.field.setAccessibleDescription(self.full_text())


def _medium_pattern() -> str:
    """The long date pattern with the month abbreviated: "MMM d, yyyy", "d 'de' MMM 'de'
    yyyy" (then without "de": "d MMM yyyy")."""
    pattern = QLocale().dateFormat(QLocale.FormatType.LongFormat)
    pattern = re.sub(r"d{4},?\s*", "", pattern).strip(" ,").replace("MMMM", "MMM")
    return pattern.replace(" 'de' ", " ")
