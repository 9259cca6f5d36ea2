"""Under a student's grade, the form says which programme year the grade is for: "for
2026-27"; a grade still recorded for an earlier year says so and where students move up
(Programme set-up's Next grade tab); a grade whose year was never recorded says nothing
of a year. A grade changed in the form is this year's (what saving records). Every name
is generated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QRect
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.roster.student_dialog import StudentDialog
from tests.factories import HubFixture

#: In programme year 2026-27 (1 July 2026 - 30 June 2027).
TODAY = dt.date(2026, 9, 8)


@pytest.fixture
def spanish(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translator(app, QLocale("es_MX"))
    yield
    install_translator(app, QLocale("en_US"))


def form(qtbot: QtBot, services: Services, hub: HubFixture, grade: str, year: str) -> StudentDialog:
    """The form of a student whose grade ``grade`` is recorded for ``year``."""
    student_id = hub.student_ids[0]
    services.roster.update_student(student_id, grade=grade, grade_year=year)
    assert (services.roster.student(student_id).grade_year) == year
    dialog = StudentDialog(services, hub.hub_id, student_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_grade_of_this_year_says_its_year(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    dialog = form(qtbot, services, hub, "7", "2026-27")
    assert dialog.grade_year_note.text() == "Grade for 2026-27"
    assert dialog.grade.accessibleDescription() == "Grade for 2026-27"


def test_last_years_grade_says_so_and_where_students_move_up(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    dialog = form(qtbot, services, hub, "7", "2025-26")
    assert dialog.grade_year_note.toolTip() == (
        "Last year's grade (2025-26): Programme set-up's Next grade tab moves students up"
    )
    assert dialog.grade_year_note.text().startswith("Last year's")
    assert "2025-26" in dialog.grade_year_note.text()
    # changed here, the grade is this year's (saving records 2026-27)
    dialog.grade.setCurrentIndex(dialog.grade.findData("8"))
    assert dialog.grade_year_note.text() == "Grade for 2026-27"
    dialog.grade.setCurrentIndex(dialog.grade.findData("7"))  # as stored: its own year
    assert dialog.grade_year_note.text().startswith("Last year's")
    dialog.grade.setCurrentIndex(dialog.grade.findData(""))  # no grade: no year
    assert dialog.grade_year_note.text() == ""


def test_a_grade_two_years_old_is_an_earlier_years(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    dialog = form(qtbot, services, hub, "5", "2024-25")
    assert dialog.grade_year_note.toolTip() == (
        "Grade for 2024-25, an earlier year: Programme set-up's Next grade tab moves students up"
    )


def test_a_grade_with_no_recorded_year_says_nothing_of_a_year(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    dialog = form(qtbot, services, hub, "7", "")
    assert dialog.grade_year_note.text() == "" and dialog.grade_year_note.toolTip() == ""
    dialog.grade.setCurrentIndex(dialog.grade.findData("8"))  # saved, it is this year's
    assert dialog.grade_year_note.text() == "Grade for 2026-27"


def test_the_year_and_a_far_grade_are_both_said(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    dialog = form(qtbot, services, hub, "7", "2025-26")
    dialog.date_of_birth.clear()
    qtbot.keyClicks(dialog.date_of_birth, "2020-05-10")  # 6 on 1 September 2026
    assert dialog.grade_year_note.text().startswith("Last year's grade (2025-26)")
    assert dialog.grade_note.toolTip() == (
        "Grade 7 for a child of 6 on 1 September 2026 (usually grade 1): check the grade "
        "or the date of birth."
    )
    assert dialog.grade.accessibleDescription() == (
        "Last year's grade (2025-26): Programme set-up's Next grade tab moves students up "
        "Grade 7 for a child of 6 on 1 September 2026 (usually grade 1): check the grade "
        "or the date of birth."
    )


def test_in_spanish(qtbot: QtBot, services: Services, hub: HubFixture, spanish: None) -> None:
    dialog = form(qtbot, services, hub, "7", "2025-26")
    assert dialog.grade_year_note.toolTip() == (
        "Grado del año pasado (2025-26): la pestaña Grado siguiente de Configuración del "
        "programa pasa a los estudiantes al grado siguiente"
    )
    dialog.grade.setCurrentIndex(dialog.grade.findData("8"))
    assert dialog.grade_year_note.text() == "Grado del curso 2026-27"


@pytest.mark.parametrize("language", ["en_US", "es_MX"])
@pytest.mark.parametrize("screen", [QRect(0, 0, 1024, 600), QRect(0, 0, 640, 360)])
def test_the_note_fits_beside_the_grade_on_a_small_screen(
    qtbot: QtBot,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
    screen: QRect,
    language: str,
) -> None:
    """A netbook's 1024×600, and 1280×720 at 200 % (640×360): the profile still needs
    no scrolling and is no wider than the form, the note says as much as fits on its
    one line (the year at least), and it takes no room from the other column's fields."""
    from harmony_desktop.ui import screen_fit

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translator(app, QLocale(language))
    try:
        monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
        dialog = form(qtbot, services, hub, "7", "2025-26")
        area = dialog.findChild(QScrollArea, "dialogBody")
        assert area is not None
        qtbot.waitUntil(lambda: dialog.frameGeometry().height() <= screen.height(), timeout=20_000)
        qtbot.wait(50)
        assert dialog.frameGeometry().width() <= screen.width()
        assert dialog.tabs.width() <= area.viewport().width()
        assert area.verticalScrollBar().maximum() == 0
        note = dialog.grade_year_note
        assert note.isVisible() and "2025-26" in note.text()
        assert note.fontMetrics().horizontalAdvance(note.text()) <= note.contentsRect().width()
        # the right column's fields keep the room they have with no grade (no note): a
        # long note once squeezed "Magnolia Elementary" to "mentary" in Spanish
        this_year = form(qtbot, services, hub, "", "")
        qtbot.waitUntil(lambda: this_year.school.width() > 0, timeout=20_000)
        qtbot.wait(50)
        assert dialog.school.width() == this_year.school.width()
    finally:
        install_translator(app, QLocale("en_US"))
