"""A date typed into the student form: read whole in the window's language's order
(Spanish: day/month, US English: month/day), YYYY-MM-DD always, said in words under the
field before it is saved, and refused with an example in that order when it is none;
a grade far from the age is a note, and the form still saves. Every name is generated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.roster.student_dialog import StudentDialog
from tests.factories import HubFixture

#: Programme year 2026-27: ages on 1 September 2026.
TODAY = dt.date(2026, 9, 8)


@pytest.fixture
def spanish(qtbot: QtBot) -> Iterator[None]:
    """The window in Spanish (es_MX) for one test, English again afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translator(app, QLocale("es_MX"))
    yield
    install_translator(app, QLocale("en_US"))


def new_student(qtbot: QtBot, services: Services, hub: HubFixture) -> StudentDialog:
    dialog = StudentDialog(services, hub.hub_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first_name, "Quenby")
    qtbot.keyClicks(dialog.last_name, "Marlowe")
    guardian, emergency = dialog.contact_editors
    qtbot.keyClicks(guardian.name, "Rhosyn Marlowe")
    qtbot.keyClicks(guardian.phone, "(213) 555-0142")
    qtbot.keyClicks(emergency.name, "Tamsin Marlowe")
    qtbot.keyClicks(emergency.phone, "(213) 555-0143")
    return dialog


def type_date(qtbot: QtBot, dialog: StudentDialog, text: str) -> None:
    dialog.date_of_birth.clear()
    qtbot.keyClicks(dialog.date_of_birth, text)


def saved_birth(qtbot: QtBot, services: Services, dialog: StudentDialog) -> dt.date | None:
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.student_id is not None
    return services.roster.student(dialog.student_id).date_of_birth


def test_in_english_5_6_2014_is_may_6_and_said_so_before_saving(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    dialog = new_student(qtbot, services, hub)
    assert dialog.date_of_birth.placeholderText() == "MM/DD/YYYY or YYYY-MM-DD"
    type_date(qtbot, dialog, "5/6/2014")
    assert dialog.date_read.full_text() == "Read as May 6, 2014"  # its tooltip too
    assert "May 6, 2014" in dialog.date_read.text()  # as much as its room holds
    assert dialog.save_button.isEnabled()
    assert saved_birth(qtbot, services, dialog) == dt.date(2014, 5, 6)


def test_in_spanish_5_6_2014_is_5_june_and_said_so_before_saving(
    qtbot: QtBot, services: Services, hub: HubFixture, spanish: None
) -> None:
    dialog = new_student(qtbot, services, hub)
    assert dialog.date_of_birth.placeholderText() == "DD/MM/AAAA o AAAA-MM-DD"
    type_date(qtbot, dialog, "5/6/2014")
    assert dialog.date_read.full_text() == "Leída como 5 de junio de 2014"
    assert "5 de junio de 2014" in dialog.date_read.text()
    assert dialog.save_button.isEnabled()
    assert saved_birth(qtbot, services, dialog) == dt.date(2014, 6, 5)


@pytest.mark.parametrize("locale", ["en_US", "es_MX"])
def test_yyyy_mm_dd_and_a_month_by_name_are_read_in_either_language(
    qtbot: QtBot, services: Services, hub: HubFixture, locale: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translator(app, QLocale(locale))
    try:
        dialog = new_student(qtbot, services, hub)
        type_date(qtbot, dialog, "2014-06-05")
        assert dialog.date_of_birth.typed() == dt.date(2014, 6, 5)
        type_date(qtbot, dialog, "5 jun 2014")
        assert dialog.date_of_birth.typed() == dt.date(2014, 6, 5)
        assert "2014" in dialog.date_read.text() and dialog.save_button.isEnabled()
    finally:
        install_translator(app, QLocale("en_US"))


def test_in_english_a_day_first_date_is_refused_with_a_month_first_example(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    """25/03/2014 is no date month first: refused, never read day first behind the
    site lead's back (one order for every date typed)."""
    dialog = new_student(qtbot, services, hub)
    type_date(qtbot, dialog, "25/03/2014")
    assert dialog.message.text() == (
        "“25/03/2014” is not a date. Type it like 03/25/2014 (month/day/year) or 2014-03-25."
    )
    assert not dialog.save_button.isEnabled()
    assert "a40000" in dialog.date_of_birth.styleSheet()  # the field is outlined
    assert dialog.date_read.text() == ""


def test_in_spanish_an_impossible_date_is_refused_with_a_day_first_example(
    qtbot: QtBot, services: Services, hub: HubFixture, spanish: None
) -> None:
    dialog = new_student(qtbot, services, hub)
    type_date(qtbot, dialog, "31/02/2014")
    assert dialog.message.text() == (
        "“31/02/2014” no es una fecha. Escríbala como 25/03/2014 (día/mes/año) o 2014-03-25."
    )
    assert not dialog.save_button.isEnabled()
    type_date(qtbot, dialog, "25/03/2014")  # day first: 25 March
    assert dialog.date_read.full_text() == "Leída como 25 de marzo de 2014"
    assert dialog.save_button.isEnabled()


def test_a_grade_far_from_the_age_is_a_note_and_the_form_saves(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    dialog = new_student(qtbot, services, hub)
    type_date(qtbot, dialog, "2013-05-10")  # 13 on 1 September 2026
    dialog.grade.setCurrentIndex(dialog.grade.findData("PK"))
    # under the grade: as much of it as fits ("Usually grade 8 at 13: check"), the
    # whole sentence in its tooltip
    assert dialog.grade_note.toolTip() == (
        "Grade PK for a child of 13 on 1 September 2026 (usually grade 8): check the grade "
        "or the date of birth."
    )
    assert dialog.grade_note.isVisible() and "8" in dialog.grade_note.text()
    assert dialog.save_button.isEnabled() and dialog.message.text() == ""  # not a refusal
    dialog.grade.setCurrentIndex(dialog.grade.findData("6"))  # 2 apart: no note
    assert dialog.grade_note.text() == ""
    dialog.grade.setCurrentIndex(dialog.grade.findData("PK"))
    assert saved_birth(qtbot, services, dialog) == dt.date(2013, 5, 10)
    assert dialog.student_id is not None
    assert services.roster.student(dialog.student_id).grade == "PK"
