"""The language of the app, and translation of user-visible strings outside Qt.

The UI uses Qt's own ``tr()``; code below the UI marks strings with ``_()`` from here,
backed by stdlib gettext catalogues in ``resources/translations/<lang>/LC_MESSAGES``.

One language is the app's (:func:`set_language`: the user's setting, else the system's);
a printed document or an export may be made in another one, inside
``with using("es"):`` — per thread, so a Spanish export on a worker thread leaves the
window's English alone. Dates, weekdays and times outside Qt are formatted with Babel
(:func:`format_date`, :func:`format_weekday`, :func:`format_time`) in the same language.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import datetime as dt
import gettext
import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from harmony_desktop.domain.collation import language_code, set_collation_language

if TYPE_CHECKING:
    from babel import Locale

_DOMAIN = "harmony_desktop"

#: The languages the app speaks, each named in its own language (as a language menu
#: shows them, so a user who cannot read the current one still finds theirs).
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
#: The locale each language's dates and times are written in, by Babel (printed reports,
#: exports) and by Qt (the window, roster printouts) alike: the programme is in Los
#: Angeles, so US English and the Latin-American Spanish of its families, Mexico's
#: (12-hour times, "p.m.", "sep" for September). Not es_US: its US Spanish is the same
#: in every date and time but one, and on that one the two libraries disagree (Qt's data
#: writes "sept", Babel's "sep"), so the window and the reports wrote September two
#: ways. Both libraries agree on every name of es_MX (a test keeps it so).
LOCALES: dict[str, str] = {"en": "en_US", "es": "es_MX"}

_localedir: Path | None = None
_language = "en"
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "harmony_language", default=None
)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here."""
    return message


#: argparse's own words (usage, headings, errors), marked so they are in the catalogue:
#: argparse looks up its module-level ``_`` at every call, and :func:`set_language`
#: points it here, so ``--help`` and the parser's errors come out in the language.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def supported(language: str | None) -> str | None:
    """The app's code for ``language`` (a code or a locale name: "es_MX.UTF-8" → "es"),
    or None when the app does not speak it."""
    if not language:
        return None
    code = language_code(language)
    return code if code in LANGUAGES else None


def system_language() -> str:
    """The system's language as gettext reads it (``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``), if the app speaks it; else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if not value:
            continue
        # LANGUAGE is a list of preferences ("es_MX:es:en"): the first spoken one wins.
        for item in value.split(":"):
            if code := supported(item):
                return code
        if variable != "LANGUAGE":
            return "en"  # a locale the app does not speak: English, not the next variable
    return "en"


def install(localedir: Path, languages: list[str] | None = None) -> None:
    """Use the catalogues in ``localedir``, in ``languages[0]`` (default: the system's)."""
    global _localedir
    _localedir = Path(localedir)
    set_language(languages[0] if languages else None)


def set_language(language: str | None) -> str:
    """Make ``language`` ("en", "es", a locale name; None: the system's) the app's
    language for ``_()``, argparse and sorting names; returns the code used."""
    global _language
    chosen = supported(language)
    _language = chosen or system_language()
    # A language chosen in the app sorts names too; otherwise the system's collation
    # locale (LC_COLLATE) decides, as it did before any choice.
    set_collation_language(chosen)
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    return _language


def current_language() -> str:
    """The language text is made in now: the document's inside :func:`using`, else the
    app's."""
    return _override.get() or _language


@contextlib.contextmanager
def using(language: str | None) -> Iterator[str]:
    """Make text in ``language`` (None: the app's) in this thread until the block ends."""
    code = supported(language) or _language
    token = _override.set(code)
    try:
        yield code
    finally:
        _override.reset(token)


@lru_cache(maxsize=8)
def _catalogue(localedir: Path | None, language: str) -> gettext.NullTranslations:
    if localedir is None or language == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        _DOMAIN, localedir=str(localedir), languages=[language], fallback=True
    )


def _(message: str) -> str:
    """Return ``message`` translated into the current language."""
    return _catalogue(_localedir, current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` as ``n`` needs, in the current language."""
    return _catalogue(_localedir, current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated where ``context`` says which sense it has: a word that is
    one thing's label and also a column of counts ("Present": a code, "Presente"; a
    count of sessions, "Presentes") is translated once per sense. The catalogue files
    it under its context (``msgctxt``; xgettext reads a literal ``context`` only: the
    columns of counts use "count"); without a translation it stays ``message``."""
    return _catalogue(_localedir, current_language()).pgettext(context, message)


def data_label(english: str, spanish: str = "") -> str:
    """A label kept as data, in English and optionally in Spanish (an attendance code's
    ``label`` and ``label_es``): the Spanish one in Spanish when it is set, else the
    catalogue's translation of the English one (the default codes' are in it)."""
    if spanish and current_language() == "es":
        return spanish
    return _(english)


# -- dates and times (Babel) ----------------------------------------------------------


def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of ``language`` (default: the current one)."""
    from babel import Locale

    return Locale.parse(LOCALES[supported(language) or current_language()])


def format_list(items: list[str], language: str | None = None) -> str:
    """Items as a sentence lists them in the language: "a, b and c", "a, b y c"."""
    from babel.lists import format_list as babel_format_list

    return str(babel_format_list(items, locale=babel_locale(language))) if items else ""


def format_date(day: dt.date, style: str = "medium", language: str | None = None) -> str:
    """``day`` as the language writes it: "Nov 18, 2026" / "18 nov 2026"; ``style`` is
    a Babel style (short, medium, long, full) or pattern ("EEE d MMM y")."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, style, locale=babel_locale(language))


def format_weekday(day: dt.date, width: str = "wide", language: str | None = None) -> str:
    """The weekday of ``day``: "Wednesday" / "miércoles" (``width`` "abbreviated": "Wed" /
    "mié")."""
    pattern = "EEEE" if width == "wide" else "EEE"
    return format_date(day, pattern, language)


def weekday_name(
    index: int,
    width: Literal["abbreviated", "narrow", "short", "wide"] = "abbreviated",
    language: str | None = None,
) -> str:
    """The name of weekday ``index`` (0 Monday … 6 Sunday): "Wed" / "mié"."""
    from babel.dates import get_day_names

    return str(get_day_names(width, locale=babel_locale(language))[index])


def format_time(moment: dt.time | dt.datetime, language: str | None = None) -> str:
    """A time of day, short: "3:30 PM" / "3:30 p.m."."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(moment, "short", locale=babel_locale(language))
