"""A grade far from the child's age is noticed, never refused: the usual grade is K at 5
on 1 September of the programme year, one more a year; 3 grades or more from it make a
note (children are held back and skip grades, so 2 do not). Every expected figure is
worked out by hand here."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.domain import i18n
from harmony_desktop.domain.grades import age_day, age_on, grade_far_from_age, usual_grade

#: In the programme year 2026-27: ages are counted on 1 September 2026.
TODAY = dt.date(2026, 10, 15)


@pytest.mark.parametrize(
    ("birth", "usual"),
    [
        (dt.date(2021, 9, 1), "K"),  # 5 on 1 Sep 2026, that very day
        (dt.date(2021, 9, 2), "PK"),  # 4 on 1 Sep 2026 (5 the next day)
        (dt.date(2020, 9, 2), "K"),  # 5
        (dt.date(2020, 9, 1), "1"),  # 6
        (dt.date(2013, 5, 10), "8"),  # 13
        (dt.date(2009, 8, 31), "12"),  # 17
        (dt.date(2008, 3, 1), "12"),  # 18: no grade after 12
        (dt.date(2023, 1, 1), "PK"),  # 3: no grade before PK
        (dt.date(2020, 2, 29), "1"),  # 6 on 1 Sep 2026 (a leap-day birthday)
    ],
)
def test_the_usual_grade_of_a_birth_date(birth: dt.date, usual: str) -> None:
    assert usual_grade(birth, TODAY) == usual


def test_ages_are_counted_on_1_september_of_the_programme_year() -> None:
    # The programme year runs 1 July - 30 June: 30 June 2027 is still in 2026-27.
    assert age_day(dt.date(2026, 7, 1)) == dt.date(2026, 9, 1)
    assert age_day(dt.date(2027, 6, 30)) == dt.date(2026, 9, 1)
    assert age_day(dt.date(2027, 7, 1)) == dt.date(2027, 9, 1)
    assert age_on(dt.date(2013, 9, 1), dt.date(2026, 9, 1)) == 13
    assert age_on(dt.date(2013, 9, 2), dt.date(2026, 9, 1)) == 12
    # A child of 4 on 1 September 2026 is in PK all year, though 5 in the spring.
    assert usual_grade(dt.date(2021, 12, 1), dt.date(2027, 5, 1)) == "PK"
    # ...and in K from the next programme year.
    assert usual_grade(dt.date(2021, 12, 1), dt.date(2027, 7, 1)) == "K"


@pytest.mark.parametrize(
    ("grade", "noted"),
    [
        ("PK", True),  # 9 grades below 8
        ("5", True),  # 3 below
        ("6", False),  # 2 below: held back twice happens
        ("8", False),
        ("10", False),  # 2 above
        ("11", True),  # 3 above
        ("", False),  # no grade: nothing to compare
    ],
)
def test_a_grade_3_or_more_from_the_usual_one_is_noted(grade: str, noted: bool) -> None:
    thirteen = dt.date(2013, 5, 10)  # 13 on 1 Sep 2026: usually grade 8
    assert (grade_far_from_age(grade, thirteen, TODAY) is not None) is noted


def test_the_ends_of_the_grades() -> None:
    three = dt.date(2023, 1, 1)  # 3 on 1 Sep 2026: PK at the youngest
    assert grade_far_from_age("K", three, TODAY) is None
    assert grade_far_from_age("1", three, TODAY) is None  # PK, K, 1: 2 apart
    assert grade_far_from_age("2", three, TODAY) is not None
    nineteen = dt.date(2007, 1, 1)  # 19: grade 12 at the oldest
    assert grade_far_from_age("10", nineteen, TODAY) is None
    assert grade_far_from_age("9", nineteen, TODAY) is not None
    assert grade_far_from_age("8", None, TODAY) is None  # no birth date


def test_the_note_says_the_grade_the_age_and_the_usual_grade() -> None:
    note = grade_far_from_age("PK", dt.date(2013, 5, 10), TODAY)
    assert note is not None
    assert note.text() == (
        "Grade PK for a child of 13 on 1 September 2026 (usually grade 8): check the grade "
        "or the date of birth."
    )
    with i18n.using("es"):
        assert note.text() == (
            "Grado PK para una edad de 13 años al 1 de septiembre de 2026 (lo habitual: "
            "grado 8): revise el grado o la fecha de nacimiento."
        )
