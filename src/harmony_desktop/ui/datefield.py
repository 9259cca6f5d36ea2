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

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.services.sheets import (
    DAY_MONTH,
    language_order,
    parse_typed_date,
    typed_date_example,
)
from harmony_desktop.ui.language import date_text, day_text


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
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        placeholder_when_emptied: bool = False,
    ) -> None:
        super().__init__(text, parent)
        self.today = today
        #: the placeholder's pattern is the language's (Babel's): a box that opens with
        #: a date (the register's day bar, on the first paint, before Babel is loaded)
        #: asks for it only once its text is cleared
        self._placeholder = not placeholder_when_emptied
        if self._placeholder:
            self.setPlaceholderText(date_pattern())
        #: the text the box last wrote for a date, and that date: read back without
        #: parsing it again (no Babel on the first paint of the register's day bar)
        self._written: tuple[str, dt.date] | None = None
        self._shown = self._read()
        self.textChanged.connect(self._changed)

    def typed(self) -> dt.date | None:
        """The date the text says, None when it is empty; ValueError (or OverflowError)
        when it says none."""
        text = self.text()
        if self._written is not None and text == self._written[0]:
            return self._written[1]
        return parse_typed_date(text, today=self.today)

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

    def _changed(self, text: str) -> None:
        if not text and not self._placeholder:
            self._placeholder = True
            self.setPlaceholderText(date_pattern())
        day = self._read()
        if day != self._shown:
            self._shown = day
            self.dateChanged.emit(day)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _calendar_icon(colour: QColor, size: int = 16) -> QIcon:
    """A small calendar drawn in the text's colour: a page with its binding on top."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(colour)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(1.5, 3.5, size - 3, size - 5))
    painter.fillRect(QRectF(2, 4, size - 4, 3), colour)
    for x in (5, 8, 11):
        for y in (9, 12):
            painter.fillRect(QRectF(x - 1, y - 1, 2, 2), colour)
    painter.end()
    return QIcon(pixmap)


def keys_hint() -> str:
    """The keys of a date box, for its tooltip and screen readers."""
    return tr(
        "Up or Down: a day later or earlier. Page Up or Page Down: a week. "
        "Alt+Down or F4: the calendar."
    )


def _weekday_names() -> list[str]:
    """Every weekday's name, short and long, in the window's language and in English
    (folded to lower case, longest first)."""
    names: set[str] = set()
    for locale in (QLocale(), QLocale(QLocale.Language.English)):
        for day in range(1, 8):
            for form in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
                names.add(locale.dayName(day, form).casefold().rstrip("."))
    return sorted(names, key=len, reverse=True)


def without_weekday(text: str) -> str:
    """``text`` without a weekday's name at its start ("Wed 18 Nov 2026" → "18 Nov
    2026", "mié 18 nov 2026", "Wednesday, 18 Nov 2026"): a box that writes the weekday
    reads back the date, whatever weekday the text says (only when the text is no date
    as it is: "Mar 5" is March 5)."""
    stripped = text.lstrip()
    folded = stripped.casefold()
    for name in _weekday_names():
        if folded.startswith(name):
            rest = stripped[len(name) :]
            match = re.match(r"\.?,?\s+", rest)
            if match:
                return rest[match.end() :]
    return text


class DateBox(DateField):
    """A date box of a dialog: typed whole like :class:`DateField` ("5/6/2014" in the
    window's language's order, "5 jun 2014", "2014-06-05"), or picked from a calendar
    (the button at its end; Alt+Down or F4 opens it, Enter picks, Escape closes). Once
    the text leaves the box it is written as the window writes dates ("6 May 2014"), so
    the date as read is seen; text that is no date stays, refused (:meth:`refusal`).

    What the call sites of a ``QDateEdit`` use: :meth:`date` and :meth:`setDate` (a
    ``QDate``; a null one is an empty box), minimum and maximum dates, and
    ``dateChanged`` (a ``dt.date`` or None, as the text is read: at every keystroke, so
    "1/2" on the way to "1/23" is read too). What costs something (a day's register
    loaded, a query) follows :attr:`dayCommitted` instead: the date the person settled
    on. Up and Down step a day, Page Up and Page Down a week, as the arrows of a date
    box did (said in its tooltip and to screen readers: :func:`keys_hint`).

    ``weekday``: the box writes the weekday too ("Wed 18 Nov 2026", "mié 18 nov 2026"),
    where the day of the week is what a person checks first (the register's day, an
    event's). A weekday at the start of the text is read past (:func:`without_weekday`):
    the date is what the numbers and the month say, so "Wed 18" edited to "Wed 19" is
    Thursday 19, written so once settled on."""

    dayCommitted = Signal(object)
    """The date the person settled on (a ``dt.date``; None for an empty box that may be
    empty): Enter, or the keyboard leaving the box, on a text the box takes; a calendar
    pick; a step of the arrow or page keys. Only when it is another date than the one
    the box was given (:meth:`set_day`) or last settled on; never while a date is typed,
    and never for a refused text (:meth:`refusal` says why)."""

    def __init__(
        self,
        day: dt.date | QDate | None = None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        empty_allowed: bool = False,
        weekday: bool = False,
    ) -> None:
        #: the box writes the weekday before the date
        self.weekday = weekday
        super().__init__("", parent, today=today, placeholder_when_emptied=day is not None)
        #: an empty box is a date not given (a clearance not done), not a refusal
        self.empty_allowed = empty_allowed
        self._minimum = dt.date(1753, 1, 1)
        self._maximum = dt.date(9999, 12, 31)
        #: the last date the box read: what :meth:`date` says while the text is no date
        self._good: dt.date | None = None
        # the date the box was given or last settled on (dayCommitted)
        self._committed: dt.date | None = None
        self.popup: QFrame | None = None
        self.calendar: QCalendarWidget | None = None
        self.pick = QAction(
            _calendar_icon(self.palette().text().color()), tr("Pick from a calendar"), self
        )
        self.pick.setToolTip(tr("Pick from a calendar (Alt+Down)"))
        self.pick.triggered.connect(self.show_calendar)
        self.addAction(self.pick, QLineEdit.ActionPosition.TrailingPosition)
        for button in self.findChildren(QToolButton):  # the action's, named as it
            button.setAccessibleName(self.pick.text())
        self.setToolTip(keys_hint())
        self.setAccessibleDescription(keys_hint())
        self.dateChanged.connect(self._read_changed)
        self.editingFinished.connect(self.tidy)
        self.editingFinished.connect(self.commit)
        if day is not None:
            self.setDate(day if isinstance(day, QDate) else _qdate(day))

    # -- the QDateEdit API -----------------------------------------------------------

    def date(self) -> QDate:
        """The date the box says (:meth:`day`); a null QDate for none."""
        day = self.day()
        return _qdate(day) if day else QDate()

    def setDate(self, value: QDate) -> None:
        """Show ``value`` as the window writes dates; a null QDate empties the box."""
        day = value.toPython() if value.isValid() else None
        self.set_day(day if isinstance(day, dt.date) else None)

    def setMinimumDate(self, value: QDate) -> None:
        day = value.toPython()
        assert isinstance(day, dt.date)
        self._minimum = day

    def setMaximumDate(self, value: QDate) -> None:
        day = value.toPython()
        assert isinstance(day, dt.date)
        self._maximum = day

    def setDateRange(self, first: QDate, last: QDate) -> None:
        self.setMinimumDate(first)
        self.setMaximumDate(last)

    def minimumDate(self) -> QDate:
        return _qdate(self._minimum)

    def maximumDate(self) -> QDate:
        return _qdate(self._maximum)

    # -- in Python dates ---------------------------------------------------------------

    def day(self) -> dt.date | None:
        """The date as typed when it is one in range, else the last one the box said;
        None when empty (a box that must say a date: the last one it said)."""
        if not self.text().strip():
            return None if self.empty_allowed else self._good
        day = self._in_range()
        return day if day is not None else self._good

    def written(self, day: dt.date) -> str:
        """``day`` as the box writes it: "6 May 2014", or with its weekday "Wed 6 May
        2014" (:attr:`weekday`)."""
        return date_text(day) if self.weekday else day_text(day)

    def fitting_width(self) -> int:
        """A width that shows any date of this year whole as the box writes it, with
        the calendar's button: what the box's minimum width may be."""
        year = (self.today or dt.date.today()).year
        # every month's name with every weekday's (22 to 28: each weekday once)
        widest = max(
            self.fontMetrics().horizontalAdvance(self.written(dt.date(year, month, day)))
            for month in range(1, 13)
            for day in range(22, 29)
        )
        margins = self.textMargins()
        icon = self.style().pixelMetric(self.style().PixelMetric.PM_SmallIconSize, None, self)
        # the frame and the text's own margins on both sides, the button and its room
        return widest + margins.left() + margins.right() + icon + 24

    def typed(self) -> dt.date | None:
        if self._written is not None and self.text() == self._written[0]:
            return self._written[1]
        text = self.text()
        try:
            return parse_typed_date(text, today=self.today)
        except (ValueError, OverflowError):
            bare = without_weekday(text)  # "mar 5 may" is Tuesday 5 May, "Mar 5" March 5
            if bare == text:
                raise
            return parse_typed_date(bare, today=self.today)

    def set_day(self, day: dt.date | None) -> None:
        """Show ``day`` ("6 May 2014", "Wed 6 May 2014"), or nothing for None."""
        text = self.written(day) if day else ""
        self._written = (text, day) if day else None
        self.setText(text)
        self._good = day
        self._shown = day  # read so even while its signals are blocked
        self._committed = day
        self.setCursorPosition(0)

    def refusal(self) -> str | None:
        """Why the text is no date this box takes (none, or out of range), else None."""
        if not self.text().strip():
            return None if self.empty_allowed else tr("Type a date, or pick one (Alt+Down).")
        refused = super().refusal()
        if refused:
            return refused
        day = self.typed()
        if day is not None and not self._minimum <= day <= self._maximum:
            return tr("{date} is not between {first} and {last}.").format(
                date=day_text(day), first=day_text(self._minimum), last=day_text(self._maximum)
            )
        return None

    def tidy(self) -> None:
        """Write a date read whole as the window writes dates, so it is seen as read."""
        day = self._in_range()
        if day is not None and self.text() != self.written(day):
            self.setText(self.written(day))
            self.setCursorPosition(0)
        self.setToolTip(self.refusal() or keys_hint())

    def commit(self) -> None:
        """Say the date the box holds as settled on (:attr:`dayCommitted`), unless its
        text is refused."""
        if self.refusal() is None and self.day() != self._committed:
            self._committed = self.day()
            self.dayCommitted.emit(self._committed)

    def _settle(self, day: dt.date) -> None:
        """Show ``day`` (picked, or stepped to) and settle on it."""
        settled = self._committed
        self.set_day(day)
        self.setToolTip(keys_hint())
        self._committed = settled
        self.commit()

    # -- the calendar ------------------------------------------------------------------

    def show_calendar(self) -> None:
        """Open the calendar under the box, on its date (today's when it has none)."""
        if self.popup is None:
            self.popup = QFrame(self, Qt.WindowType.Popup)
            self.popup.setFrameShape(QFrame.Shape.StyledPanel)
            self.calendar = QCalendarWidget(self.popup)
            self.calendar.setAccessibleName(tr("Calendar"))
            self.calendar.setGridVisible(True)
            layout = QVBoxLayout(self.popup)
            layout.setContentsMargins(1, 1, 1, 1)
            layout.addWidget(self.calendar)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
        assert self.calendar is not None
        self.calendar.setDateRange(_qdate(self._minimum), _qdate(self._maximum))
        shown = self.day() or self.today or dt.date.today()
        self.calendar.setSelectedDate(_qdate(shown))
        self.popup.adjustSize()
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(below.x(), screen.right() - self.popup.width())
        y = below.y()
        if y + self.popup.height() > screen.bottom():
            y = self.mapToGlobal(QPoint(0, 0)).y() - self.popup.height()
        self.popup.move(max(x, screen.left()), max(y, screen.top()))
        self.popup.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        if self.popup is not None:
            self.popup.hide()
        self.window().activateWindow()  # the popup gone: its window has the keys again
        self.setFocus()
        day = value.toPython()
        if isinstance(day, dt.date):
            self._settle(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.show_calendar()
            return
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 7,
                 Qt.Key.Key_PageDown: -7}  # fmt: skip
        if key in steps and not mods:
            day = self.day()  # a day (a week) on or back, as the arrows of a date box did
            if day is not None:
                step = dt.timedelta(days=steps[Qt.Key(key)])
                if self._minimum <= day + step <= self._maximum:
                    self._settle(day + step)
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.tidy()

    def _in_range(self) -> dt.date | None:
        day = self._read()
        return day if day is not None and self._minimum <= day <= self._maximum else None

    def _read_changed(self, _day: object) -> None:
        day = self._in_range()
        if day is not None:
            self._good = day


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
    "Jun 5, 2014" where there is less room, "Jun 5" where there is least: the year is
    in the field beside it), or nothing while it is empty or no date (the form's
    message says why)."""

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
            day_month = QLocale().toString(QDate(day.year, day.month, day.day), _day_month())
            self.set_texts(
                tr("Read as {date}").format(date=date_words(day)),
                date_words(day),
                medium,
                day_month,
            )
        self.field.setAccessibleDescription(self.full_text())


def _day_month() -> str:
    """The medium pattern without its year: "MMM d", "d MMM"."""
    return re.sub(r"[\s,]*y+[\s,]*", " ", _medium_pattern()).strip(" ,")


def _medium_pattern() -> str:
    """The long date pattern with the month abbreviated: "MMM d, yyyy", "d 'de' MMM 'de'
    yyyy" (then without "de": "d MMM yyyy")."""
    pattern = QLocale().dateFormat(QLocale.FormatType.LongFormat)
    pattern = re.sub(r"d{4},?\s*", "", pattern).strip(" ,").replace("MMMM", "MMM")
    return pattern.replace(" 'de' ", " ")
