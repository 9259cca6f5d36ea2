"""Grades and the ages that usually go with them (docs/DOMAIN.md, "Students and names").

A student's grade is PK, K or 1 to 12 (:data:`GRADES`). A child usually starts
kindergarten in the school year they are 5 on 1 September of; each year older is a grade
higher (6: grade 1, 13: grade 8, 17: grade 12), and a younger child is in pre-K. A grade
:data:`GRADES_APART` or more from the usual one for the programme year is worth a look
(a grade or a birth year typed wrong: grade PK for a child of 13), but never refused:
children are held back and skip grades. :func:`grade_far_from_age` says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from harmony_desktop.domain.calendar import start_year, year_label_of
from harmony_desktop.domain.i18n import _, current_language, format_date

#: Every grade a student may have, youngest first.
GRADES = ("PK", "K", *(str(g) for g in range(1, 13)))
#: The day whose age decides the usual grade: (month, day) in the programme year's
#: first calendar year. A child 5 on 1 September 2026 is in K in 2026-27.
AGE_DAY = (9, 1)
#: The age of a kindergarten child on :data:`AGE_DAY`.
KINDERGARTEN_AGE = 5
#: Grades between the usual one and the student's that make a note (2 apart does not).
GRADES_APART = 3
#: A day written in a note: the day, then the month by name.
_DAY = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}


def grade_number(grade: str) -> int | None:
    """A grade as a number, to count grades between two: PK -1, K 0, "1" … "12"; None
    for no grade or one that is not a grade."""
    if grade in GRADES:
        return GRADES.index(grade) - 1
    return None


def grade_name(number: int) -> str:
    """The grade of ``number`` (:func:`grade_number`), the nearest one past either end:
    PK for any child younger than pre-K, 12 for any older than grade 12."""
    return GRADES[max(0, min(len(GRADES) - 1, number + 1))]


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of a child born on ``birth`` on ``day`` (a 29 February birthday is on
    1 March in other years)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_day(today: dt.date) -> dt.date:
    """1 September of the programme year holding ``today`` (1 July – 30 June): the day
    whose age decides the usual grade; 1 September 2026 from 1 July 2026 to 30 June 2027."""
    return dt.date(start_year(year_label_of(today)), *AGE_DAY)


def usual_grade(birth: dt.date, today: dt.date) -> str:
    """The grade a child born on ``birth`` is usually in, in the programme year holding
    ``today``: K at 5 on 1 September, 1 at 6, … 12 at 17; PK younger, 12 older."""
    return grade_name(age_on(birth, age_day(today)) - KINDERGARTEN_AGE)


@dataclass(frozen=True)
class GradeAgeNote:
    """A grade far from the usual one for the child's age: what a form or an import's
    dry run says (a note; the student is saved all the same)."""

    grade: str
    age: int
    on: dt.date
    usual: str

    def text(self) -> str:
        """ "Grade PK for a child of 13 on 1 September 2026 (usually grade 8): check the
        grade or the date of birth."."""
        day = format_date(self.on, _DAY.get(current_language(), _DAY["en"]))
        return _(
            "Grade {grade} for a child of {age} on {day} (usually grade {usual}): check the "
            "grade or the date of birth."
        ).format(grade=self.grade, age=self.age, day=day, usual=self.usual)


def grade_far_from_age(
    grade: str | None, birth: dt.date | None, today: dt.date
) -> GradeAgeNote | None:
    """A note when ``grade`` is :data:`GRADES_APART` or more grades from the usual one
    for a child born on ``birth`` in the programme year holding ``today``; None when it
    is nearer, or when either is missing or not a grade."""
    number = grade_number(grade or "")
    if number is None or birth is None:
        return None
    on = age_day(today)
    age = age_on(birth, on)
    usual = grade_number(grade_name(age - KINDERGARTEN_AGE))
    assert usual is not None
    if abs(number - usual) < GRADES_APART:
        return None
    return GradeAgeNote(str(grade), age, on, grade_name(usual))
