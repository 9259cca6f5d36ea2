"""Moving students up a grade when a programme year begins (docs/DOMAIN.md, "A new
programme year").

From the first day of programme year Y, every student of the hubs asked for whose grade
is recorded for an earlier year moves up one grade a year (grade 3 for 2025-26 is grade
4 for 2026-27), and their ``grade_year`` becomes Y. A student in grade 12 finishes
school: an active one becomes inactive, and a line in their notes says why; their grade
stays 12 and its year stays the year they were in it. Students with no grade are left
alone (counted), archived students too. A student whose grade is already Y's is not
moved again: this is what keeps two laptops, or one run twice, from moving anybody up
two grades (the grade and its year travel together, field by field, so a laptop that
has pulled another's move finds those students already moved). A grade whose year is
unknown ("", set before grades recorded their year) is left alone unless the person
says it is last year's: a laptop updated in the middle of a year holds this year's
grades with no year, and moving them up unasked would put a whole hub a grade ahead.

:meth:`NewYearService.preview` says what would happen and writes nothing;
:meth:`NewYearService.apply` plans again inside ONE write transaction and writes it
through the change writer, set-based (``upsert_many``), so it syncs like any edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from harmony_desktop.domain import collation
from harmony_desktop.domain.calendar import start_year
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.grades import GRADES, grade_name, grade_number
from harmony_desktop.domain.i18n import _, current_language, format_date, ngettext
from harmony_desktop.domain.names import display_name, name_sort_key
from harmony_desktop.domain.vocab import EnrollmentStatus, StudentStatus
from harmony_desktop.services.calendar import Calendar
from harmony_desktop.store import Store
from harmony_desktop.store.models import Enrollment, Ensemble, Hub, Student
from harmony_desktop.store.queries import live

#: The last grade of school: a student in it finishes school with the year.
FINAL_GRADE = "12"
_FINAL = GRADES.index(FINAL_GRADE) - 1
#: How a day is written in a refusal: "1 July 2027", "1 de julio de 2027".
_DAY = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}


def finished_note(year: str) -> str:
    """The line a leaver's notes gain: why they became inactive."""
    return _("Finished school (grade 12) before {year}.").format(year=year)


@dataclass(frozen=True)
class Move:
    """One student moved up: from which grade (and its year) to which."""

    student_id: str
    name: str
    hub: str
    grade: str
    grade_year: str
    new_grade: str


@dataclass(frozen=True)
class OutsideEnsemble:
    """A student whose new grade is outside an ensemble they are enrolled in (listed,
    never changed: the site lead decides)."""

    student_id: str
    name: str
    hub: str
    ensemble: str
    new_grade: str
    grade_min: str
    grade_max: str


@dataclass
class NewYearPlan:
    """What moving students up for ``year`` does in ``hub_ids`` (nothing written yet)."""

    year: str
    hub_ids: tuple[str, ...]
    moving: list[Move] = field(default_factory=list)
    #: grade 12, active: become inactive (their grade stays)
    finishing: list[Move] = field(default_factory=list)
    outside: list[OutsideEnsemble] = field(default_factory=list)
    #: students with no grade: left alone
    no_grade: int = 0
    #: students whose grade is already ``year``'s (moved before, here or on another laptop)
    already: int = 0
    #: students among ``moving`` and ``finishing`` whose grade's year was unknown
    unknown_year: int = 0
    #: students whose grade's year is unknown, left alone because the person asked
    unknown_left: int = 0
    #: archived students, and grade 12 students already inactive: left alone
    left_alone: int = 0

    @property
    def changes(self) -> int:
        """How many students the move writes."""
        return len(self.moving) + len(self.finishing)

    def summary(self) -> list[str]:
        """What happens, a line each, in the app's language (the command line prints
        them; the Programme window shows them above its list). Only the first line is
        there when its count is 0: a "0 students …" line says nothing."""
        counts = [
            len(self.moving),
            len(self.finishing),
            len({o.student_id for o in self.outside}),
            self.no_grade,
            self.already,
        ]
        lines = [
            ngettext(
                "{n} student moves up a grade for {year}.",
                "{n} students move up a grade for {year}.",
                len(self.moving),
            ).format(n=len(self.moving), year=self.year),
            ngettext(
                "{n} student in grade 12 finishes school: becomes inactive.",
                "{n} students in grade 12 finish school: become inactive.",
                len(self.finishing),
            ).format(n=len(self.finishing)),
            ngettext(
                "{n} student would be outside their ensemble's grades (listed, not changed).",
                "{n} students would be outside their ensemble's grades (listed, not changed).",
                len({o.student_id for o in self.outside}),
            ).format(n=len({o.student_id for o in self.outside})),
            ngettext(
                "{n} student has no grade: left alone.",
                "{n} students have no grade: left alone.",
                self.no_grade,
            ).format(n=self.no_grade),
            ngettext(
                "{n} student already has a grade for {year}: not moved again.",
                "{n} students already have a grade for {year}: not moved again.",
                self.already,
            ).format(n=self.already, year=self.year),
        ]
        lines = [line for i, line in enumerate(lines) if i == 0 or counts[i]]
        if self.unknown_year:
            lines.append(
                ngettext(
                    "{n} of them has a grade with no recorded school year (set before this"
                    " version): taken as last year's.",
                    "{n} of them have a grade with no recorded school year (set before this"
                    " version): taken as last year's.",
                    self.unknown_year,
                ).format(n=self.unknown_year)
            )
        if self.unknown_left:
            lines.append(
                ngettext(
                    "{n} student whose grade has no recorded school year is left alone.",
                    "{n} students whose grade has no recorded school year are left alone.",
                    self.unknown_left,
                ).format(n=self.unknown_left)
            )
        if self.left_alone:
            lines.append(
                ngettext(
                    "{n} archived or already inactive student is left alone.",
                    "{n} archived or already inactive students are left alone.",
                    self.left_alone,
                ).format(n=self.left_alone)
            )
        return lines

    def outside_text(self, item: OutsideEnsemble) -> str:
        """ "Ana Díaz (Test Park Hub): grade 6, Beginning Strings is for grades 3 to 5"."""
        return _("{name} ({hub}): grade {grade}, {ensemble} is for grades {low} to {high}").format(
            name=item.name,
            hub=item.hub,
            grade=item.new_grade,
            ensemble=item.ensemble,
            low=item.grade_min or GRADES[0],
            high=item.grade_max or FINAL_GRADE,
        )


class NewYearRefused(ValidationError):
    """Moving up for this year is not offered now (the message says why)."""


class NewYearService:
    """Preview and apply "Move students up a grade" for a programme year."""

    def __init__(self, store: Store, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self.today = today

    def current_year(self) -> str:
        """The programme year holding today: the one students move up for."""
        with self.store.read() as s:
            return Calendar.load(s, self.today(), self.today()).year_for(self.today()).label

    def refusal(self, year: str) -> str | None:
        """Why moving students up for ``year`` is not offered today, or None when it is:
        only from the year's first day, and only for the year holding today."""
        start_year(year)  # a label like "2026-27", else ValidationError
        today = self.today()
        with self.store.read() as s:
            calendar = Calendar.load(s, today, today)
        first, _last = calendar.bounds(year)
        current = calendar.year_for(today).label
        if today < first:
            return _(
                "{year} begins on {day}: students can be moved up a grade for it from that day."
            ).format(year=year, day=format_date(first, _DAY.get(current_language(), _DAY["en"])))
        if year != current:
            return _(
                "{year} is over: students are moved up a grade for the year that is on now, {current}."
            ).format(year=year, current=current)
        return None

    def waiting(self, hub_ids: Sequence[str]) -> tuple[str, int]:
        """The programme year on now and how many students of ``hub_ids`` moving up for
        it would change (the preview's own count: grades with no recorded year not
        among them): the Roster tab's reminder that students are still to move up."""
        year = self.current_year()
        return year, self.preview(year, hub_ids).changes

    def preview(
        self, year: str, hub_ids: Sequence[str], *, move_unknown: bool = False
    ) -> NewYearPlan:
        """What :meth:`apply` would do; writes nothing."""
        with self.store.read() as s:
            return _plan(s, year, hub_ids, move_unknown)

    def apply(
        self, year: str, hub_ids: Sequence[str], *, move_unknown: bool = False
    ) -> NewYearPlan:
        """Move the students up, in one write transaction through the change writer;
        returns what was done. Refused (:class:`NewYearRefused`) before the year begins."""
        reason = self.refusal(year)
        if reason is not None:
            raise NewYearRefused(reason, "year")
        with self.store.write() as w:
            # Planned again inside the write: what another sync or window changed since
            # the preview counts, and a second run finds the students already moved.
            plan = _plan(w.session, year, hub_ids, move_unknown)
            w.upsert_many(
                Student,
                [
                    {"id": m.student_id, "grade": m.new_grade, "grade_year": year}
                    for m in plan.moving
                ],
            )
            if plan.finishing:
                ids = [m.student_id for m in plan.finishing]
                notes = dict(
                    w.session.exec(
                        select(Student.id, Student.notes).where(col(Student.id).in_(ids))
                    ).all()
                )
                line = finished_note(year)
                w.upsert_many(
                    Student,
                    [
                        {
                            "id": sid,
                            "status": StudentStatus.INACTIVE.value,
                            "notes": f"{notes[sid]}\n{line}" if notes.get(sid) else line,
                        }
                        for sid in ids
                    ],
                )
        return plan


def _years_between(grade_year: str, year: str) -> int | None:
    """Programme years from ``grade_year`` to ``year``; None for a label that is none."""
    try:
        return start_year(year) - start_year(grade_year)
    except ValidationError:
        return None


def _plan(s: Session, year: str, hub_ids: Sequence[str], move_unknown: bool) -> NewYearPlan:
    plan = NewYearPlan(year, tuple(hub_ids))
    hubs = dict(s.exec(select(Hub.id, Hub.name).where(col(Hub.id).in_(list(hub_ids)))).all())
    students = s.exec(
        select(Student).where(live(Student), col(Student.hub_id).in_(list(hub_ids)))
    ).all()
    new_grades: dict[str, Move] = {}
    for st in sorted(
        students, key=lambda st: (name_sort_key(st.legal_first_name, st.legal_last_name), st.id)
    ):
        number = grade_number(st.grade.upper())
        if st.status == StudentStatus.ARCHIVED.value:
            plan.left_alone += 1
            continue
        if number is None:
            plan.no_grade += 1
            continue
        if st.grade_year == year:
            plan.already += 1
            continue
        if st.grade_year:
            years = _years_between(st.grade_year, year)
            if years is None or years < 0:  # a later year's grade, or no label: leave it
                plan.left_alone += 1
                continue
        elif not move_unknown:
            plan.unknown_left += 1
            continue
        else:
            years = 1
        name = display_name(st.legal_first_name, st.legal_last_name, st.preferred_name)
        hub = hubs.get(st.hub_id or "", "")
        if number + years > _FINAL:  # finished school: grade 12 in an earlier year
            if st.status != StudentStatus.ACTIVE.value:
                plan.left_alone += 1
                continue
            plan.finishing.append(Move(st.id, name, hub, st.grade, st.grade_year, st.grade))
        else:
            move = Move(st.id, name, hub, st.grade, st.grade_year, grade_name(number + years))
            plan.moving.append(move)
            new_grades[st.id] = move
        plan.unknown_year += not st.grade_year
    plan.outside = _outside(s, new_grades)
    return plan


def _outside(s: Session, moves: dict[str, Move]) -> list[OutsideEnsemble]:
    """The moving students whose new grade is outside an ensemble they are enrolled in
    today (a grade range set, the ensemble not archived)."""
    if not moves:
        return []
    rows = s.exec(
        select(Enrollment.student_id, Ensemble.name, Ensemble.grade_min, Ensemble.grade_max)
        .join(Ensemble, col(Ensemble.id) == Enrollment.ensemble_id)
        .where(
            live(Enrollment),
            live(Ensemble),
            col(Ensemble.archived).is_(False),
            Enrollment.status == EnrollmentStatus.ENROLLED.value,
            col(Enrollment.student_id).in_(list(moves)),
        )
    ).all()
    found = []
    for student_id, ensemble, low, high in rows:
        move = moves[student_id]
        grade = grade_number(move.new_grade)
        assert grade is not None
        below = bool(low) and grade < (grade_number(low) or -1)
        above = bool(high) and grade > (grade_number(high) or _FINAL)
        if below or above:
            found.append(
                OutsideEnsemble(
                    student_id, move.name, move.hub, ensemble, move.new_grade, low, high
                )
            )
    found.sort(key=lambda o: (collation.sort_key(o.ensemble), collation.sort_key(o.name)))
    return found
