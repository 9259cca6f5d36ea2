"""The programme's calendar: school years, terms and closure days (docs/DOMAIN.md,
"The school year").

A programme year runs from 1 July to 30 June unless a data manager stored other dates
for it (a :class:`~harmony_desktop.store.models.ProgrammeYear` row); its label is
"2025-26". Terms lie inside a year. A closure is a day with no sessions, for the whole
programme (``hub_id`` None) or for one hub.

Reads go through :class:`Calendar`, a snapshot loaded once per query (the sessions of a
month ask about every day); :class:`CalendarService` answers single questions and makes
the changes, each through the one tracked write path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from harmony_desktop.domain.calendar import (
    YEAR_STARTS,
    CalendarRules,
    TermInfo,
    YearInfo,
    default_bounds,
    label_for,
    start_year,
    year_label_of,
)
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.access import Access, access
from harmony_desktop.store import Store
from harmony_desktop.store.models import Closure, Hub, ProgrammeYear, Term
from harmony_desktop.store.queries import get_live, live
from harmony_desktop.store.replica import closure_id, programme_year_id
from harmony_desktop.store.today import plain, read_calendar

__all__ = [
    "YEAR_STARTS",
    "Calendar",
    "CalendarService",
    "ClosureInfo",
    "TermInfo",
    "YearInfo",
    "default_bounds",
    "label_for",
    "start_year",
    "year_label_of",
]


@dataclass(frozen=True)
class ClosureInfo:
    """A day with no sessions; ``hub_id`` None for the whole programme."""

    id: str
    hub_id: str | None
    date: dt.date
    reason: str
    hub_name: str = ""


@dataclass
class Calendar(CalendarRules):
    """The stored years, terms and closures, loaded once for many questions."""

    @classmethod
    def load(
        cls, s: Session, first: dt.date | None = None, last: dt.date | None = None
    ) -> Calendar:
        """Read the calendar (closures only from ``first`` to ``last`` when given)."""
        return read_calendar(plain(s), first, last, cls)


def grade_year_now(s: Session, today: dt.date) -> str:
    """The programme year a grade set on ``today`` is for ("2026-27"): the stored year
    holding ``today``, else 1 July – 30 June's (``Student.grade_year``)."""
    return Calendar.load(s, today, today).year_for(today).label


class CalendarService:
    """Answers calendar questions and changes the year, terms and closures."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- questions (the reports and sessions ask these) ------------------------------

    def calendar(self, first: dt.date | None = None, last: dt.date | None = None) -> Calendar:
        """A snapshot for many questions (closures from ``first`` to ``last``)."""
        with self.store.read() as s:
            return Calendar.load(s, first, last)

    def programme_year_for(self, day: dt.date) -> YearInfo:
        """The programme year holding ``day``."""
        return self.calendar().year_for(day)

    def year_bounds(self, label: str) -> tuple[dt.date, dt.date]:
        """First and last day of the programme year labelled ``label`` ("2025-26")."""
        start_year(label)
        return self.calendar().bounds(label)

    def terms(self, year_label: str) -> list[TermInfo]:
        """The terms of the programme year ``year_label``, in date order."""
        return self.calendar().terms(year_label)

    def is_closed(self, hub_id: str | None, day: dt.date) -> bool:
        """True when the programme, or the hub ``hub_id``, is closed on ``day``."""
        return self.closure_reason(hub_id, day) is not None

    def closure_reason(self, hub_id: str | None, day: dt.date) -> str | None:
        """Why the hub is closed on ``day`` ("" when no reason was given), or None."""
        return self.calendar(day, day).closure(hub_id, day)

    def years(self, today: dt.date | None = None) -> list[YearInfo]:
        """The stored years with the current and the next one, newest first."""
        today = today or dt.date.today()
        cal = self.calendar()
        current = cal.year_for(today)
        labels = {*cal.years, current.label, label_for(start_year(current.label) + 1)}
        found = []
        for label in labels:
            first, last = cal.bounds(label)
            found.append(YearInfo(label, first, last, label in cal.years))
        return sorted(found, key=lambda y: y.label, reverse=True)

    def closures(
        self,
        *,
        hub_id: str | None = None,
        first: dt.date | None = None,
        last: dt.date | None = None,
    ) -> list[ClosureInfo]:
        """Closure days by date: the programme's and every hub's, or with ``hub_id`` the
        programme's and that hub's."""
        with self.store.read() as s:
            query = select(Closure).where(live(Closure))
            if first is not None:
                query = query.where(Closure.date >= first)
            if last is not None:
                query = query.where(Closure.date <= last)
            rows = s.exec(query).all()
            names = dict(s.exec(select(Hub.id, Hub.name)).all())
        return sorted(
            (
                ClosureInfo(c.id, c.hub_id, c.date, c.reason, names.get(c.hub_id or "", ""))
                for c in rows
                if hub_id is None or c.hub_id in (None, hub_id)
            ),
            key=lambda c: (c.date, c.hub_name),
        )

    # -- changes -----------------------------------------------------------------------

    def access(self) -> Access:
        """What this laptop may change (enrolled laptops: see :mod:`access`)."""
        return access(self.store)

    def save_year(self, label: str, first_day: dt.date, last_day: dt.date) -> YearInfo:
        """Set the dates of the programme year ``label``; its terms must still fit."""
        self.access().check_programme()
        start_year(label)
        _check_days(first_day, last_day)
        if (last_day - first_day).days > 400:
            raise ValidationError(_("A school year lasts at most about a year."), "last_day")
        with self.store.write() as w:
            cal = Calendar.load(w.session)
            for other, (o_first, o_last) in cal.years.items():
                if other != label and first_day <= o_last and o_first <= last_day:
                    raise ValidationError(
                        _("These dates overlap the school year {other}.").format(other=other),
                        "first_day",
                    )
            outside = [
                t.name for t in cal.terms(label) if t.first_day < first_day or t.last_day > last_day
            ]
            if outside:
                raise ValidationError(
                    _("The terms {names} would fall outside the year: change them first.").format(
                        names=", ".join(outside)
                    ),
                    "first_day",
                )
            w.upsert(
                ProgrammeYear,
                programme_year_id(label),
                label=label,
                first_day=first_day,
                last_day=last_day,
            )
        return YearInfo(label, first_day, last_day, True)

    def save_term(
        self,
        year_label: str,
        name: str,
        first_day: dt.date,
        last_day: dt.date,
        term_id: str | None = None,
    ) -> str:
        """Add a term (or change ``term_id``); it must lie in its year and overlap no
        other term. Returns the term's id."""
        self.access().check_programme()
        with self.store.write() as w:
            name = check_term(w.session, year_label, name, first_day, last_day, term_id)
            if term_id is None:
                term = Term(
                    year_label=year_label, name=name, first_day=first_day, last_day=last_day
                )
                return w.insert(term).id
            w.update(
                get_live(w.session, Term, term_id),
                year_label=year_label,
                name=name,
                first_day=first_day,
                last_day=last_day,
            )
            return term_id

    def delete_term(self, term_id: str) -> None:
        """Remove a term (a tombstone: the removal syncs)."""
        self.access().check_programme()
        with self.store.write() as w:
            w.delete(get_live(w.session, Term, term_id))

    def add_closure(self, day: dt.date, reason: str, hub_id: str | None = None) -> str:
        """Close the whole programme (``hub_id`` None) or one hub on ``day``. Adding the
        same closure again changes only its reason. Returns the closure's id."""
        if hub_id is None:
            self.access().check_programme()
        reason = " ".join(reason.split())
        with self.store.write() as w:
            if hub_id is not None:
                get_live(w.session, Hub, hub_id)
            row_id = closure_id(hub_id, day)
            w.upsert(Closure, row_id, hub_id=hub_id, date=day, reason=reason)
        return row_id

    def remove_closure(self, row_id: str) -> None:
        """Open a closed day again (the closure becomes a tombstone)."""
        with self.store.write() as w:
            row = get_live(w.session, Closure, row_id)
            if row.hub_id is None:
                self.access().check_programme()
            w.delete(row)


def check_term(
    s: Session,
    year_label: str,
    name: str,
    first_day: dt.date,
    last_day: dt.date,
    term_id: str | None = None,
) -> str:
    """The term's name, tidied, once the term is known to fit: inside its year, no
    other term of that year with its name or overlapping its days."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the term a name (for example Fall)."), "name")
    start_year(year_label)
    _check_days(first_day, last_day)
    cal = Calendar.load(s)
    year_first, year_last = cal.bounds(year_label)
    if first_day < year_first or last_day > year_last:
        raise ValidationError(
            _("A term of {label} lies between {first} and {last}.").format(
                label=year_label, first=year_first.isoformat(), last=year_last.isoformat()
            ),
            "first_day",
        )
    for other in cal.terms(year_label):
        if other.id == term_id:
            continue
        if other.name.casefold() == name.casefold():
            raise ValidationError(
                _("{year} already has a term called {name}.").format(
                    year=year_label, name=other.name
                ),
                "name",
            )
        if first_day <= other.last_day and other.first_day <= last_day:
            raise ValidationError(
                _("These dates overlap the term {name}.").format(name=other.name), "first_day"
            )
    return name


def _check_days(first_day: dt.date, last_day: dt.date) -> None:
    if last_day < first_day:
        raise ValidationError(_("The last day cannot be before the first day."), "last_day")
