"""Needs review writes values as the window does: a day as "5 Jun 2014" ("5 jun 2014"),
never the wire's "2014-06-05"; a time as "3:30 PM"; a role, a volunteer's status and a
hub's kind of partner in words, translated, never "site_lead". Every name is generated."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from harmony_desktop.domain import i18n
from harmony_desktop.services.duplicates import DuplicatePair
from harmony_desktop.services.review import GradeSides, ReviewItem
from harmony_desktop.store.models import SYNCED_MODELS
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.sync import review
from harmony_desktop.ui.sync.review import DuplicatesModel, ReviewModel, held_text

DETECTED = "2026-09-14T17:05:00+00:00"


@pytest.fixture(params=["en", "es"])
def words(request: pytest.FixtureRequest) -> Iterator[str]:
    """The window in English, then in Spanish: Qt's translator and locale, and the
    services' language, as the app sets them together."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    code = str(request.param)
    locale = QLocale("es_MX" if code == "es" else "en_US")
    if code == "es":
        assert install_translator(app, locale)
    QLocale.setDefault(locale)
    before = i18n.current_language()
    i18n.set_language(code)
    yield code
    i18n.set_language(before)
    QLocale.setDefault(QLocale("en_US"))
    install_translator(app, QLocale("en_US"))


def conflict(table: str, field: str, current: object, other: object) -> ReviewItem:
    return ReviewItem(
        id=f"c-{table}-{field}",
        kind="conflict",
        table=table,
        row_id="r1",
        field_name=field,
        losing_value=other,
        winning_value=current,
        what="Record",
        detected_at=DETECTED,
    )


def shown(items: list[ReviewItem]) -> list[tuple[str, str]]:
    """The current and other value of each row, as the page shows them."""
    model = ReviewModel()
    model.set_items(items)
    current, other = ReviewModel.COLUMNS.index("current"), ReviewModel.COLUMNS.index("other")
    return [
        (
            model.data(model.index(row, current), Qt.ItemDataRole.DisplayRole),
            model.data(model.index(row, other), Qt.ItemDataRole.DisplayRole),
        )
        for row in range(model.rowCount())
    ]


def test_dates_and_roles_of_conflicts_are_written_as_the_window_writes_them(
    words: str, qapp: QApplication
) -> None:
    rows = shown(
        [
            conflict("student", "date_of_birth", "2014-06-05", "2014-05-06"),
            conflict("staff", "role", "site_lead", "teacher"),
            conflict("volunteer", "role", "teaching_assistant", "mentor"),
            conflict("volunteer", "status", "prospect", "active"),
            conflict("enrollment", "ended_on", "2026-12-18", None),
            conflict("hub", "partner_kind", "community_centre", "park"),
            conflict("session", "start", "15:30:00", "16:00:00"),
        ]
    )
    if words == "es":
        assert rows == [
            ("5 jun 2014", "6 may 2014"),
            ("Coordinador(a) de sede", "Maestro(a)"),
            ("Asistente de enseñanza", "Mentor(a)"),
            ("Interesado(a)", "Activo"),
            ("18 dic 2026", "(vacío)"),
            ("Centro comunitario", "Parque"),
            ("3:30\u202fp.m.", "4:00\u202fp.m."),
        ]
    else:
        assert rows == [
            ("5 Jun 2014", "6 May 2014"),
            ("Site lead", "Teacher"),
            ("Teaching assistant", "Mentor"),
            ("Prospect", "Active"),
            ("18 Dec 2026", "(empty)"),
            ("Community centre", "Park"),
            ("3:30\u202fPM", "4:00\u202fPM"),  # Qt's narrow space
        ]


def test_a_grade_to_review_is_shown_with_the_year_of_each_side(
    words: str, qapp: QApplication
) -> None:
    """A grade that lost with its year is one row, each side a grade with its year, as
    keeping it would store it; a year never recorded is not made up."""
    both = conflict("student", "grade", "8", "6")
    both.grade = GradeSides(current=("8", "2026-27"), other=("6", "2025-26"))
    unknown = conflict("student", "grade", "", "5")
    unknown.grade = GradeSides(current=("", ""), other=("5", ""))
    model = ReviewModel()
    model.set_items([both])
    field = model.data(model.index(0, ReviewModel.COLUMNS.index("field")))
    if words == "es":
        assert field == "Grado"
        assert shown([both, unknown]) == [
            ("8 del curso 2026-27", "6 del curso 2025-26"),
            ("(vacío)", "5"),
        ]
    else:
        assert field == "Grade"
        assert shown([both, unknown]) == [
            ("8 for 2026-27", "6 for 2025-26"),
            ("(empty)", "5"),
        ]


def test_what_this_laptop_holds_of_a_refused_change_is_in_words(
    words: str, qapp: QApplication
) -> None:
    held = {"role": "data_manager", "name": "Noa Prieto"}
    term = {"first_day": "2026-09-01", "last_day": "2026-12-18"}
    if words == "es":
        assert held_text(held, "staff") == (
            "Nombre: Noa Prieto; Función: Administrador(a) de datos"
        )
        assert held_text(term, "term") == "Desde: 1 sep 2026; Hasta: 18 dic 2026"
        assert held_text({"date_of_birth": "2015-03-25"}, "student") == "25 mar 2015"
    else:
        assert held_text(held, "staff") == "Name: Noa Prieto; Role: Data manager"
        assert held_text(term, "term") == "From: 1 Sep 2026; To: 18 Dec 2026"
        assert held_text({"date_of_birth": "2015-03-25"}, "student") == "25 Mar 2015"
    # what is not a day stays as it is (a code this version does not know, too)
    assert held_text({"date_of_birth": "not a day"}, "student") == "not a day"
    assert held_text({"role": "conductor"}, "staff") == "conductor"


def test_a_duplicate_pairs_birth_date_is_written_as_the_window_writes_it(
    words: str, qapp: QApplication
) -> None:
    model = DuplicatesModel()
    model.set_pairs([DuplicatePair("a", "b", "h", "Lia Mora Soto", dt.date(2014, 6, 5), "")])
    said = model.data(model.index(0, 1), Qt.ItemDataRole.DisplayRole)
    assert said == ("5 jun 2014" if words == "es" else "5 Jun 2014")


def _kinds(annotation: object) -> set[object]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return set(typing.get_args(annotation))
    return {annotation}


def test_every_date_and_time_field_of_the_synced_records_is_known() -> None:
    dates, times = set(), set()
    for model in SYNCED_MODELS.values():
        for name, info in model.model_fields.items():
            kinds = _kinds(info.annotation)
            if dt.date in kinds:
                dates.add(name)
            if dt.time in kinds:
                times.add(name)
    assert dates == review.DATE_FIELDS
    assert times == review.TIME_FIELDS
