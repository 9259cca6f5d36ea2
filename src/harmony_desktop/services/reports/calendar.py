"""The programme calendar as reports need it: the set-up's years, terms and closures
(:mod:`harmony_desktop.services.calendar`), plus the half-years and neighbouring years
that funders' returns are cut by."""

from __future__ import annotations

import datetime as dt

from harmony_desktop.domain.i18n import _
from harmony_desktop.services.calendar import Calendar, label_for, start_year

__all__ = ["Calendar", "half_years", "next_label", "previous_label"]


def next_label(label: str) -> str:
    """The programme year after ``label``."""
    return label_for(start_year(label) + 1)


def previous_label(label: str) -> str:
    """The programme year before ``label``."""
    return label_for(start_year(label) - 1)


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
