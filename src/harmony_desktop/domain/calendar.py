"""The programme's calendar rules, without a database: programme years, their labels and
bounds, terms and closure days (docs/DOMAIN.md, "The school year").

A programme year runs from 1 July to 30 June unless a data manager stored other dates
for it; its label is "2025-26". Terms lie inside a year. A closure is a day with no
sessions, for the whole programme (``hub_id`` None) or for one hub.
:class:`CalendarRules` answers questions about a snapshot of the stored calendar; the
services load it (``services/calendar.py``), and so does today's view read without the
ORM (``store/today.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _

#: The default programme year starts on this (month, day) and ends the day before.
YEAR_STARTS = (7, 1)
_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


def year_label_of(day: dt.date) -> str:
    """The label of the default programme year (1 July – 30 June) holding ``day``."""
    start = day.year if (day.month, day.day) >= YEAR_STARTS else day.year - 1
    return label_for(start)


def label_for(start_year: int) -> str:
    """ "2025-26" for the year starting in 2025."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def start_year(label: str) -> int:
    """The calendar year a programme year label starts in; ValidationError if the label
    is not like "2025-26"."""
    found = _LABEL.match(label.strip())
    if not found or int(found[2]) != (int(found[1]) + 1) % 100:
        raise ValidationError(
            _('A school year is written like "2025-26", not {label!r}.').format(label=label),
            "label",
        )
    return int(found[1])


def default_bounds(label: str) -> tuple[dt.date, dt.date]:
    """1 July … 30 June of the year labelled ``label``."""
    year = start_year(label)
    first = dt.date(year, *YEAR_STARTS)
    return first, dt.date(year + 1, *YEAR_STARTS) - dt.timedelta(days=1)


@dataclass(frozen=True)
class YearInfo:
    """A programme year: its label and days; ``stored`` when its dates were set."""

    label: str
    first_day: dt.date
    last_day: dt.date
    stored: bool = False

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class TermInfo:
    """A term of a programme year."""

    id: str
    year_label: str
    name: str
    first_day: dt.date
    last_day: dt.date


@dataclass
class CalendarRules:
    """The stored years, terms and closures, loaded once for many questions."""

    years: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)
    term_list: list[TermInfo] = field(default_factory=list)
    #: (hub id or None, day) -> reason
    closed: dict[tuple[str | None, dt.date], str] = field(default_factory=dict)

    def bounds(self, label: str) -> tuple[dt.date, dt.date]:
        """First and last day of the year labelled ``label``: its stored dates, else
        1 July – 30 June stretched or trimmed to meet a stored neighbour, so the years
        follow each other without a gap."""
        if label in self.years:
            return self.years[label]
        first, last = default_bounds(label)
        year = start_year(label)
        before, after = self.years.get(label_for(year - 1)), self.years.get(label_for(year + 1))
        if before is not None:
            first = before[1] + dt.timedelta(days=1)
        if after is not None:
            last = after[0] - dt.timedelta(days=1)
        return first, last

    def year_for(self, day: dt.date) -> YearInfo:
        """The programme year holding ``day``."""
        for label, (first, last) in self.years.items():
            if first <= day <= last:
                return YearInfo(label, first, last, True)
        label = year_label_of(day)
        year = start_year(label)
        for candidate in (label, label_for(year - 1), label_for(year + 1)):
            if candidate not in self.years:
                first, last = self.bounds(candidate)
                if first <= day <= last:
                    return YearInfo(candidate, first, last, False)
        return YearInfo(label, *default_bounds(label))  # between oddly set years

    def terms(self, year_label: str) -> list[TermInfo]:
        """The terms of one year, in date order."""
        return [t for t in self.term_list if t.year_label == year_label]

    def in_term(self, day: dt.date) -> bool | None:
        """True when ``day`` lies in a term; None when its year has no terms at all (an
        ensemble that follows the terms then meets all year)."""
        terms = self.terms(self.year_for(day).label)
        if not terms:
            return None
        return any(t.first_day <= day <= t.last_day for t in terms)

    def closure(self, hub_id: str | None, day: dt.date) -> str | None:
        """Why ``hub_id`` is closed on ``day`` (the programme's closure first), or None."""
        for key in ((None, day), (hub_id, day)):
            if key in self.closed:
                return self.closed[key]
        return None
