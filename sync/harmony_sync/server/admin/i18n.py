"""The console's languages: English and Spanish, by the browser's or the viewer's choice.

Strings are marked for gettext (``_``, ``ngettext`` and ``N_`` in Python, ``{% trans %}``
and ``_()`` in the templates) and extracted with Babel by scripts/update_translations.sh
into ``locale/console.pot``; the Spanish catalogue is ``locale/es/LC_MESSAGES/console.po``,
compiled to ``console.mo`` beside it. A request's language is the one its address asks
for (``?lang=es``: the "English / Español" links, which also set the
``harmony_console_lang`` cookie that keeps the choice), else the cookie's, else the
first of its ``Accept-Language`` that the console speaks, else English. Dates, times and
"3 hours ago" are formatted by Babel in that language.

The request being rendered sets :data:`CURRENT` (a context variable), which the
templates' gettext functions and the date filters read: imported macros see it too.
"""

from __future__ import annotations

import gettext as _gettext
import math
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_timedelta
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "console"
#: The console's languages, the first the default, with their names as links show them.
LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT = "en"
COOKIE = "harmony_console_lang"


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English: the source strings themselves)."""
    if lang == DEFAULT or lang not in LANGUAGES:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], DOMAIN)


def from_accept_language(header: str) -> str | None:
    """The first language of an ``Accept-Language`` header the console speaks, if any."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        base = tag.strip().split("-")[0].split("_")[0].lower()
        if quality > 0 and base in LANGUAGES:
            ranked.append((-quality, position, base))
    return min(ranked)[2] if ranked else None


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The language of a request: its cookie's choice, else its browser's, else English."""
    if cookie in LANGUAGES:
        return str(cookie)
    return from_accept_language(accept_language or "") or DEFAULT


class Language:
    """One viewer's language: its messages and its way of writing dates and times."""

    def __init__(self, code: str, zone: ZoneInfo) -> None:
        self.code = code if code in LANGUAGES else DEFAULT
        self.zone = zone
        self.messages = translations(self.code)

    def gettext(self, message: str, **values: Any) -> str:
        """``message`` in this language, with ``%(name)s`` fields filled from ``values``."""
        text = self.messages.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The form of ``singular``/``plural`` for ``n``; ``%(num)d`` is ``n``."""
        values.setdefault("num", n)
        return self.messages.ngettext(singular, plural, n) % values

    def when(self, moment: datetime | None, zone: ZoneInfo | None = None) -> str:
        """A moment in full, in the display time zone (or ``zone``): "Tue 24 Nov 2026,
        16:30"."""
        if moment is None:
            return self.gettext("never")
        # TRANSLATORS: a date and time in the CLDR pattern syntax (EEE weekday, d day, MMM
        # month, y year, HH:mm time); Babel writes the names in the viewer's language.
        return self._format(moment, self.gettext("EEE d MMM y, HH:mm"), zone)

    def short(self, moment: datetime | None, zone: ZoneInfo | None = None) -> str:
        """A moment without its year: "Tue 24 Nov, 16:30"."""
        if moment is None:
            return self.gettext("never")
        # TRANSLATORS: as "EEE d MMM y, HH:mm", without the year.
        return self._format(moment, self.gettext("EEE d MMM, HH:mm"), zone)

    def other_zone(self, moment: datetime, zone: ZoneInfo | None) -> bool:
        """Whether ``moment`` reads differently in ``zone`` than in the display zone (its
        UTC offsets then differ), so that a time shown in ``zone`` must name it."""
        if zone is None:
            return False
        return moment.astimezone(zone).utcoffset() != moment.astimezone(self.zone).utcoffset()

    def zone_name(self, moment: datetime, zone: ZoneInfo | None = None) -> str:
        """The short name of ``zone`` (else the display zone's) at ``moment``: its
        abbreviation when the time zone database has a word for it ("PST", "CET"), else
        its offset from UTC ("UTC-5", "UTC+5:30")."""
        local = moment.astimezone(zone or self.zone)
        abbreviation = local.tzname() or ""
        if abbreviation.isalpha():
            return abbreviation
        minutes = round((local.utcoffset() or timedelta()).total_seconds() / 60)
        hours, rest = divmod(abs(minutes), 60)
        sign = "-" if minutes < 0 else "+"
        return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"

    def day(self, day: date) -> str:
        """A day without its year: "Sat 28 Nov"."""
        # TRANSLATORS: a day in the CLDR pattern syntax (EEE weekday, d day, MMM month).
        return format_date(day, self.gettext("EEE d MMM"), locale=self.code)

    def moment(self, moment: datetime, pattern: str, zone: ZoneInfo | None = None) -> str:
        """``moment`` in the CLDR ``pattern`` (names in this language), in the display
        time zone or ``zone``."""
        return self._format(moment, pattern, zone)

    def _format(self, moment: datetime, pattern: str, zone: ZoneInfo | None = None) -> str:
        return format_datetime(moment, pattern, tzinfo=zone or self.zone, locale=self.code)

    def ago(self, moment: datetime | None, now: datetime) -> str:
        """How long before ``now``: "just now", "5 minutes ago", "3 hours ago", "2 days ago"."""
        if moment is None:
            return ""
        seconds = (now - moment).total_seconds()
        if seconds < 90:
            return self.gettext("just now")
        unit: Literal["minute", "hour", "day"] = "day"
        size = 86400
        if seconds < 5400:
            unit, size = "minute", 60
        elif seconds < 36 * 3600:
            unit, size = "hour", 3600
        return format_timedelta(
            timedelta(seconds=-round(seconds / size) * size),
            granularity=unit,
            threshold=math.inf,
            add_direction=True,
            locale=self.code,
        )


CURRENT: ContextVar[Language | None] = ContextVar("console_language", default=None)


def current(zone: ZoneInfo | None = None) -> Language:
    """The language of the page being rendered (English outside a request)."""
    found = CURRENT.get()
    return found if found is not None else Language(DEFAULT, zone or ZoneInfo("UTC"))
