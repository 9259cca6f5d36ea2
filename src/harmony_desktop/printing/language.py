"""The language a printed document is made in: its words, dates, weekdays and times.

A site lead may print the sign-in sheet in Spanish for families while the window stays
in English, so a document does not use the window's installed translator: it has its own
(:class:`DocumentLanguage`, a QTranslator over the same compiled catalogue, and a QLocale
for dates and times). ``with document_language("es"):`` makes the document in Spanish on
this thread — the printed strings (``layout.tr``) and the services' ``_()`` alike; outside
such a block a document is in the app's language.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QLocale, QTime, QTranslator

from harmony_desktop.domain import i18n
from harmony_desktop.paths import resource

T = TypeVar("T")
_current: contextvars.ContextVar[DocumentLanguage | None] = contextvars.ContextVar(
    "harmony_document_language", default=None
)


class DocumentLanguage:
    """One language of printed documents: translation and date/time formats."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.locale = QLocale(i18n.LOCALES[code])
        self._translator: QTranslator | None = None
        # English's catalogue holds only its plural forms ("1 student", "2 students").
        translator = QTranslator()
        if translator.load(str(resource("translations", f"harmony_desktop_{code}.qm"))):
            self._translator = translator

    def tr(self, text: str, context: str = "Printing", n: int = -1) -> str:
        """``text`` in this language (as it is when the catalogue lacks it); ``n`` picks
        the plural form of a ``%n`` text and takes the place of ``%n``."""
        found = text
        if self._translator is not None:
            # lupdate files module-level tr() calls under the empty context.
            for ctx in (context, ""):
                if translated := self._translator.translate(ctx, text, None, n):
                    found = translated
                    break
        return found.replace("%n", str(n)) if n >= 0 else found

    def long_date(self, day: dt.date) -> str:
        """Weekday, day, month and year: "Wed 18 Nov 2026", "mié 18 nov 2026"."""
        return self.locale.toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")

    def date(self, day: dt.date) -> str:
        """Day, month and year: "18 Nov 2026", "18 nov 2026"."""
        return self.locale.toString(QDate(day.year, day.month, day.day), "d MMM yyyy")

    def weekday(self, day: dt.date) -> str:
        """The short weekday: "Wed", "mié"."""
        return self.locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)

    def day_month(self, day: dt.date) -> str:
        """Day and month in the language's order: "11/18", "18/11"."""
        first, second = (day.month, day.day) if self.code == "en" else (day.day, day.month)
        return f"{first}/{second}"

    def time(self, moment: dt.time) -> str:
        """A time of day in the language's short form: "3:30 PM", "3:30 p.m."."""
        return self.locale.toString(
            QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat
        )

    def date_time(self, moment: dt.datetime) -> str:
        """A date in words and a time, as a page's header writes its day: "Wed 18 Nov
        2026 3:30 PM", "mié 18 nov 2026 3:30 p.m." (not "11/18/26" and "18/11/2026",
        which a family reading the other language takes the wrong way round)."""
        return f"{self.long_date(moment.date())} {self.time(moment.time())}"


@lru_cache(maxsize=4)
def _language(code: str) -> DocumentLanguage:
    return DocumentLanguage(code)


def current() -> DocumentLanguage:
    """The language of the document being made: the chosen one, else the app's."""
    return _current.get() or _language(i18n.current_language())


@contextlib.contextmanager
def document_language(code: str | None) -> Iterator[DocumentLanguage]:
    """Make documents in ``code`` ("en", "es"; None: the app's language) in this block."""
    with i18n.using(code) as chosen:
        token = _current.set(_language(chosen))
        try:
            yield _current.get() or _language(chosen)
        finally:
            _current.reset(token)


def in_language(code: str | None, func: Callable[..., T], *args: Any) -> T:
    """``func(*args)`` with documents and exports made in ``code`` (for a background job
    or a paint request, which run outside the block that chose the language)."""
    with document_language(code):
        return func(*args)
