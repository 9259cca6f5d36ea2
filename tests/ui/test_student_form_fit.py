"""The student form whole on a small screen with both notes under the grade showing: the
programme year the grade is for and a grade far from the age ("Lo habitual: grado 1").
Beside the grade, the age note once took its room from the right column: at 200 % in
Spanish, School was 30 px wide (109 px with no note). Every name is generated."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QStyle, QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.roster.student_dialog import StudentDialog
from tests.factories import HubFixture

#: In programme year 2026-27 (1 July 2026 - 30 June 2027).
TODAY = dt.date(2026, 9, 8)

#: The right column's fields, top to bottom.
RIGHT = ("school", "district_id", "statewide_id", "home_language", "guardian_language",
         "instrument", "level")  # fmt: skip

#: A netbook; a 1280×720 laptop; the same laptop at 200 % (QT_SCALE_FACTOR=2 on a
#: 1280×720 screen leaves 640×360 to lay out).
SCREENS = [QRect(0, 0, 1024, 600), QRect(0, 0, 1280, 720), QRect(0, 0, 640, 360)]


def shown(qtbot: QtBot, dialog: StudentDialog, screen: QRect) -> StudentDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.frameGeometry().height() <= screen.height(), timeout=20_000)
    qtbot.waitUntil(lambda: dialog.school.width() > 0, timeout=20_000)
    qtbot.wait(50)
    return dialog


def widths(dialog: StudentDialog) -> dict[str, int]:
    return {name: getattr(dialog, name).width() for name in RIGHT}


@pytest.mark.parametrize("language", ["en_US", "es_MX"])
@pytest.mark.parametrize("screen", SCREENS, ids=["1024x600", "1280x720", "200pct"])
def test_the_age_note_takes_no_room_from_the_fields(
    qtbot: QtBot,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
    screen: QRect,
    language: str,
) -> None:
    from harmony_desktop.ui import screen_fit

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translator(app, QLocale(language))
    try:
        monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
        student_id = hub.student_ids[0]
        # grade 7, still last year's, for a child of 6: both notes
        services.roster.update_student(
            student_id, grade="7", grade_year="2025-26", date_of_birth=dt.date(2020, 5, 10)
        )
        dialog = shown(qtbot, StudentDialog(services, hub.hub_id, student_id, today=TODAY), screen)
        # the form with no grade: no note at all
        plain = shown(qtbot, StudentDialog(services, hub.hub_id, None, today=TODAY), screen)
        assert plain.grade_note.text() == "" and plain.grade_year_note.text() == ""

        # the profile seen whole: no wider than the screen, nothing to scroll
        area = dialog.findChild(QScrollArea, "dialogBody")
        assert area is not None
        assert dialog.frameGeometry().width() <= screen.width()
        assert area.verticalScrollBar().maximum() == 0
        assert area.horizontalScrollBar().maximum() == 0

        # both notes shown, each saying as much as fits on its line: the usual grade at
        # least, the year at least
        usual = {"en_US": "grade 1", "es_MX": "grado 1"}[language]
        for note, said in ((dialog.grade_note, usual), (dialog.grade_year_note, "2025-26")):
            assert note.isVisible() and said in note.text()
            assert note.fontMetrics().horizontalAdvance(note.text()) <= note.contentsRect().width()

        # every field of the right column keeps the room it has with no note, and that
        # room is a field's (School: 109 px at 200 % in Spanish; 30 px was left to it)
        assert widths(dialog) == widths(plain)
        assert min(widths(dialog).values()) >= 100
        # the left column's fields too
        for name in ("first_name", "last_name", "preferred_name", "status"):
            field: QWidget = getattr(dialog, name)
            assert field.width() == getattr(plain, name).width() >= 140
        # the date of birth shows the whole date typed ("2020-05-10": "020-05-10" was
        # left of it at 200 % in Spanish), and the reading beside it says as much as
        # fits: the day and month at least
        birth = dialog.date_of_birth
        frame = birth.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        room = birth.width() - 2 * frame - 4  # the frame, 2 px margins
        assert birth.fontMetrics().horizontalAdvance(birth.text()) <= room
        read = dialog.date_read
        assert "10" in read.text()
        assert read.fontMetrics().horizontalAdvance(read.text()) <= read.contentsRect().width()
        # the grade itself shows its whole choice ("7"), beside nothing
        assert dialog.grade.width() == plain.grade.width()
        # under the grade, not beside it
        grade_bottom = dialog.grade.mapTo(dialog, QPoint(0, dialog.grade.height())).y()
        assert dialog.grade_year_note.mapTo(dialog, QPoint(0, 0)).y() >= grade_bottom
        assert dialog.grade_note.mapTo(dialog, QPoint(0, 0)).y() >= grade_bottom
    finally:
        install_translator(app, QLocale("en_US"))


def test_no_age_note_no_line(qtbot: QtBot, services: Services, hub: HubFixture) -> None:
    """The age note's line is there only while there is a note."""
    student_id = hub.student_ids[0]
    services.roster.update_student(student_id, grade="7", grade_year="2026-27")
    dialog = StudentDialog(services, hub.hub_id, student_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_of_birth.setText("2013-05-10")  # 13 on 1 September 2026: grade 7 is near
    assert not dialog.grade_note.isVisible() and dialog.grade_note.text() == ""
    dialog.date_of_birth.setText("2020-05-10")  # 6: usually grade 1
    assert dialog.grade_note.isVisible()
    assert dialog.grade_note.toolTip() == (
        "Grade 7 for a child of 6 on 1 September 2026 (usually grade 1): check the grade "
        "or the date of birth."
    )
    assert dialog.grade.accessibleDescription() == (
        "Grade for 2026-27 Grade 7 for a child of 6 on 1 September 2026 (usually grade 1): "
        "check the grade or the date of birth."
    )


def test_nothing_to_say_under_the_grade_no_blank_line(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    """A new student (no grade): Status follows the grade with no empty line between."""
    dialog = StudentDialog(services, hub.hub_id, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.height() > 0, timeout=20_000)
    qtbot.wait(50)

    def top(widget: QWidget) -> int:
        return widget.mapTo(dialog, QPoint(0, 0)).y()

    gap = top(dialog.status) - top(dialog.grade) - dialog.grade.height()
    between_names = top(dialog.last_name) - top(dialog.first_name) - dialog.first_name.height()
    assert gap == between_names  # the form's spacing, no line
    assert not dialog.grade_year_note.isVisible() and not dialog.grade_note.isVisible()
