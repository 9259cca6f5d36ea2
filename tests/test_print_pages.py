"""How many pages a class's sheets take, in English and in Spanish, for classes of the
demo's students (preferred and legal names, guardians with long names): no second sheet
for the one name that did not fit, and the Spanish roster no longer than the English."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmony_desktop.demo import generate_demo
from harmony_desktop.printing import render_document
from harmony_desktop.services.context import Services
from harmony_desktop.store import Store
from harmony_desktop.store.models import Ensemble
from harmony_desktop.store.seed import ensure_attendance_codes
from tests.support.store_template import new_store_file
from tests.test_print import page_text, page_words, pages, smallest_font_points

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
TODAY = dt.date(2026, 10, 6)  # a Tuesday
EVERY_WEEKDAY = [{"weekday": d, "start": "15:30", "end": "17:00"} for d in range(5)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, str, list[str]]]:
    """A generated demo hub of 200 students: its services, its id and its students in
    the roster's order (by last name)."""
    folder = tmp_path_factory.mktemp("demo")
    with Store(new_store_file(folder / "harmony.sqlite3")) as store:
        ensure_attendance_codes(store)
        generate_demo(store, hubs=1, students_per_hub=200, today=TODAY)
        services = Services.open(store)
        hub = services.hubs.hubs()[0]
        students = [e.student_id for e in services.roster.entries(hub.id, include_archived=False)]
        yield services, hub.id, students


def class_of(demo: tuple[Services, str, list[str]], size: int) -> str:
    """A new ensemble of the first ``size`` students of the demo hub; its id."""
    services, hub_id, students = demo
    with services.store.write() as w:
        ensemble = w.insert(
            Ensemble(
                hub_id=hub_id, name=f"Strings {size}", level="beginning",
                instrument_family="strings", schedule=json.dumps(EVERY_WEEKDAY), capacity=60,
                first_day=dt.date(2026, 9, 1), last_day=dt.date(2027, 6, 4),
            )
        )  # fmt: skip
    for sid in students[:size]:
        services.enrollment.enroll(sid, ensemble.id, dt.date(2026, 9, 1))
    return ensemble.id


def printed(
    demo: tuple[Services, str, list[str]], kind: str, size: int, language: str, folder: Path
) -> Path:
    services, hub_id, _students = demo
    return render_document(
        kind, services, hub_id=hub_id, ensemble_id=class_of(demo, size), day=TODAY,
        pdf_path=folder / f"{kind}-{size}-{language}.pdf", page_size="Letter",
        language_code=language,
    )  # fmt: skip


def rows_of(pdf: Path) -> list[tuple[int, int]]:
    """(students, blank lines) on each page of a roll sheet: a numbered line with a name
    beside its number, or with nothing."""
    found = []
    for n in range(1, pages(pdf) + 1):
        text = page_text(pdf, n)
        named = re.findall(r"^[ \t]*\d+[ \t]+[^\W\d]", text, re.M)
        blank = re.findall(r"^[ \t]*\d+[ \t]*$", text, re.M)
        found.append((len(named), len(blank)))
    return found


# (students, language, the sheet's pages: students and blank lines on each) on Letter
# paper. About 30 lines fit on a page, 34 slightly tighter; a class that fits on one page
# stays on one, its blank lines filling the room left. From 27 students it was two pages
# (the class, then at least four blank lines): 26 names, and the 27th on a page of lines.
ROLL_SHEETS = [
    (20, "en", [(20, 10)]),
    (20, "es", [(20, 10)]),
    (26, "en", [(26, 4)]),
    (26, "es", [(26, 4)]),
    (27, "en", [(27, 3)]),
    (27, "es", [(27, 3)]),
    (28, "en", [(28, 2)]),
    (28, "es", [(28, 2)]),
    (30, "en", [(30, 0)]),
    (30, "es", [(30, 0)]),
    (31, "en", [(31, 0)]),  # tighter rows: no room left for a blank line
    (31, "es", [(31, 0)]),
    (33, "en", [(33, 1)]),
    (33, "es", [(33, 1)]),  # its header had one line more ("… regístrelo / después.")
    (34, "en", [(34, 0)]),  # the tightest rows (8 points)
    (34, "es", [(34, 0)]),  # two pages while the Spanish subtitle took two lines
    # Too many for one page: the second gets five and the lines.
    (35, "en", [(30, 0), (5, 25)]),
    (35, "es", [(30, 0), (5, 25)]),
    (40, "en", [(30, 0), (10, 20)]),
    (40, "es", [(30, 0), (10, 20)]),
]


@pytest.mark.parametrize(("size", "language", "expected"), ROLL_SHEETS)
def test_a_paper_roll_sheet_takes_a_second_page_only_for_students(
    demo: tuple[Services, str, list[str]],
    tmp_path: Path,
    size: int,
    language: str,
    expected: list[tuple[int, int]],
) -> None:
    pdf = printed(demo, "blank-roll", size, language, tmp_path)
    assert rows_of(pdf) == expected
    assert smallest_font_points(pdf) >= 7.9


def test_the_tightest_roll_sheet_is_still_8_points(
    demo: tuple[Services, str, list[str]], tmp_path: Path
) -> None:
    """34 students fit on one English sheet only at the tightest rows: their names at 8
    points, where a sheet with room prints them at 9."""
    tight = printed(demo, "blank-roll", 34, "en", tmp_path)
    assert rows_of(tight) == [(34, 0)]
    assert smallest_font_points(tight) >= 7.9
    assert name_points(tight) == pytest.approx(8.0, abs=0.2)
    roomy = printed(demo, "blank-roll", 20, "en", tmp_path)
    assert name_points(roomy) == pytest.approx(9.0, abs=0.2)


def name_points(pdf: Path) -> float:
    """The size of the first student's surname on the first page, in points."""
    word = next(w for w in page_words(pdf, 1) if w.text == "Aguilar,")
    return (word.y_max - word.y_min) / 1.164


# (students, English pages, Spanish pages) of the class roster on Letter paper. Before,
# the Spanish column titles ("Fotos permitidas", "Camina a casa") and "nombre legal:"
# narrowed the names and guardians until they wrapped: 2 Spanish pages for 20 students
# (1 in English), 3 for 40 and 45 (2 in English).
ROSTERS = [
    (20, 1, 1),
    (23, 1, 1),  # slightly tighter: 23 on one page, not 18 and 5
    (26, 2, 2),
    (27, 2, 2),
    (28, 2, 2),
    (35, 2, 2),
    (40, 2, 2),
    (45, 2, 2),
    (47, 3, 3),
]


@pytest.mark.parametrize(("size", "english", "spanish"), ROSTERS)
def test_the_spanish_roster_takes_as_many_pages_as_the_english(
    demo: tuple[Services, str, list[str]], tmp_path: Path, size: int, english: int, spanish: int
) -> None:
    for language, expected in (("en", english), ("es", spanish)):
        pdf = printed(demo, "roster", size, language, tmp_path)
        assert pages(pdf) == expected, language
        numbers = [
            int(m)
            for n in range(1, expected + 1)
            for m in re.findall(r"^[ \t]*(\d+)[ \t]+[^\W\d][^,\n]*,", page_text(pdf, n), re.M)
        ]
        assert numbers == list(range(1, size + 1)), language  # every student, in order
        assert smallest_font_points(pdf) >= 7.9
