"""The programme calendar as reports need it: years, their halves and terms, closures.

A programme year runs 1 July – 30 June and is labelled "2025-26".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlmodel import Session

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


def label_for(start_year: int) -> str:
    """ "2025-26" for the year starting in 2025."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def start_year(label: str) -> int:
    """The calendar year a label starts in; ValidationError unless like "2025-26"."""
    found = _LABEL.match(label.strip())
    if not found or int(found[2]) != (int(found[1]) + 1) % 100:
        raise ValidationError(
            _('A school year is written like "2025-26", not {label!r}.').format(label=label)
        )
    return int(found[1])


def next_label(label: str) -> str:
    """The year after ``label``."""
    return label_for(start_year(label) + 1)


def previous_label(label: str) -> str:
    """The year before ``label``."""
    return label_for(start_year(label) - 1)


@dataclass(frozen=True)
class YearInfo:
    """A programme year: its label and days."""

    label: str
    first_day: dt.date
    last_day: dt.date


@dataclass(frozen=True)
class TermInfo:
    """A term of a programme year."""

    name: str
    first_day: dt.date
    last_day: dt.date


class Calendar:
    """The default calendar: 1 July – 30 June, no terms, no closures."""

    has_closures = False

    @classmethod
    def load(cls, _session: Session) -> Calendar:
        """The calendar of the database open in ``session``."""
        return cls()

    def bounds(self, label: str) -> tuple[dt.date, dt.date]:
        """First and last day of the year ``label``."""
        year = start_year(label)
        return dt.date(year, 7, 1), dt.date(year + 1, 6, 30)

    def year_for(self, day: dt.date) -> YearInfo:
        """The programme year holding ``day``."""
        label = label_for(day.year if day.month >= 7 else day.year - 1)
        return YearInfo(label, *self.bounds(label))

    def terms(self, _label: str) -> list[TermInfo]:
        """The terms of a year, in date order."""
        return []


def half_years(first: dt.date, last: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """The halves (1 July – 31 December, 1 January – 30 June) meeting [first, last], each
    cut to the period: (label, first day, last day), in date order."""
    halves = []
    year = first.year - 1
    while dt.date(year, 1, 1) <= last:
        for label, h_first, h_last in (
            (_("{year} Jan–Jun").format(year=year), dt.date(year, 1, 1), dt.date(year, 6, 30)),
            (_("{year} Jul–Dec").format(year=year), dt.date(year, 7, 1), dt.date(year, 12, 31)),
        ):
            if h_first <= last and first <= h_last:
                halves.append((label, max(first, h_first), min(last, h_last)))
        year += 1
    return halves
