"""Choosing a language in menus: the window's own, and that of printouts and exports.

The languages are listed by their own names ("English", "Español"), so a user who cannot
read the current language still finds theirs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from harmony_desktop.domain import i18n


def tr(text: str) -> str:
    """Translate a language-menu string (context ``Language``)."""
    return QCoreApplication.translate("Language", text)


#: Each language's own name with its letter in a menu: the same in every language, as
#: the names are.
MENU_NAMES = {"en": "&English", "es": "E&spañol"}


def language_actions(
    menu: QMenu, checked: str, chosen: Callable[[str], None] | None = None
) -> dict[str, QAction]:
    """One checkable action per language in ``menu``, ``checked`` ticked; ``chosen(code)``
    is called when the user picks one."""
    group = QActionGroup(menu)
    actions: dict[str, QAction] = {}
    for code, name in i18n.LANGUAGES.items():
        action = menu.addAction(MENU_NAMES.get(code, name))
        action.setCheckable(True)
        action.setChecked(code == checked)
        action.setData(code)
        if chosen is not None:
            action.triggered.connect(functools.partial(chosen, code))
        group.addAction(action)
        actions[code] = action
    return actions


def add_language_choice(menu: QMenu) -> Callable[[], str]:
    """A "Language of printouts" submenu at the end of ``menu`` (the window's language
    ticked); returns a function giving the language chosen there."""
    menu.addSeparator()
    submenu = menu.addMenu(tr("&Language of printouts and exports"))
    submenu.setAccessibleName(tr("Language of printouts and exports"))
    actions = language_actions(submenu, i18n.current_language())

    def current() -> str:
        return next(code for code, action in actions.items() if action.isChecked())

    return current


def date_text(day: dt.date) -> str:
    """A date as the window's language writes it, short but whole: "Thu 3 Dec 2026",
    "jue 3 dic 2026" (the pattern the window's title uses)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


#: A date box's display format, and a date in a list or a sentence: "3 Dec 2026",
#: "3 dic 2026" (as the Reports tab's boxes and the printouts write a day).
DATE_BOX_FORMAT = "d MMM yyyy"


def day_text(day: dt.date) -> str:
    """A date without its weekday, as the window's language writes it: "15 Aug 2026",
    "15 ago 2026" (a date box's format; in a column or a sentence)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), DATE_BOX_FORMAT)


def time_text(moment: dt.time) -> str:
    """A time of day as the window's language writes it: "3:30 PM", "3:30 p.m."."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def seconds_text(moment: dt.time) -> str:
    """A time of day with its seconds, as the window's language writes it: "3:30:05 PM",
    "3:30:05 p.m." (a 24-hour language: "15:30:05"); what "Saved at" says, so each save
    changes the text even within a minute."""
    short = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
    with_seconds = short.replace("mm", "mm:ss", 1) if "ss" not in short else short
    return QLocale().toString(QTime(moment.hour, moment.minute, moment.second), with_seconds)


def hours_text(start: dt.time, end: dt.time) -> str:
    """A session's hours, the day half said once when both share it: "3:30–5:00 PM",
    "3:30–5:00 p.m.", "10:00 AM–12:30 PM" (a 24-hour language: "15:30–17:00")."""
    short = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
    # "h:mm AP" (US English and US Spanish): the start without its day half.
    if re.fullmatch(r"h:mm[\s\u202f]*[aA][pP]?", short) and (start.hour < 12) == (end.hour < 12):
        return f"{start.hour % 12 or 12}:{start.minute:02d}–{time_text(end)}"
    return f"{time_text(start)}–{time_text(end)}"
