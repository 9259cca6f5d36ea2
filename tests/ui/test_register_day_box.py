"""The register's day bar, its date typed whole as a teacher types it: the register moves
to the typed day on Enter, on leaving the box or on a calendar pick, never at each
keystroke ("1/2" on the way to "1/23"); a text that is no date leaves the register on
its day and says why. "5/6/2026" is May 6 in US English and 5 June in Spanish."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.page import RegisterPage
from tests.ui.conftest import TODAY

#: "5/6/2026" in each language's order, and how the box writes it once read (its weekday
#: first)
FIVE_SIX = {
    "en_US": (dt.date(2026, 5, 6), "Wed 6 May 2026"),
    "es_MX": (dt.date(2026, 6, 5), "vie 5 jun 2026"),
}
#: the example a refusal gives, in the language's order
EXAMPLE = {"en_US": "03/25/2014", "es_MX": "25/03/2014"}


@pytest.fixture
def bar_page(qtbot: QtBot, language: str, window: MainWindow) -> RegisterPage:
    """The register on TODAY, its window active, the keyboard in the day's box with its
    text selected (as a click then Ctrl+A leave it)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=20_000)
    page = window.register
    page.date_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.date_edit, timeout=20_000)
    qtbot.keyClick(page.date_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    return page


def days_asked(page: RegisterPage) -> list[dt.date]:
    """The days the register is asked to show from now on (each one a load)."""
    asked: list[dt.date] = []
    page.dayChanged.connect(asked.append)
    return asked


def test_a_typed_day_is_loaded_on_enter_not_at_each_keystroke(
    qtbot: QtBot, bar_page: RegisterPage, language: str
) -> None:
    page = bar_page
    asked = days_asked(page)
    read: list[object] = []
    page.date_edit.dateChanged.connect(read.append)
    qtbot.keyClicks(page.date_edit, "5/6/2026")
    assert read  # the box read the text as it was typed ("5/6/2" is a date: 2002)…
    assert asked == [] and page.day == TODAY  # …and the register stayed where it was
    expected, shown = FIVE_SIX[language]
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.keyClick(page.date_edit, Qt.Key.Key_Return)
    assert asked == [expected] and page.day == expected
    assert page.date_edit.text() == shown
    assert not page.day_bar.refusal_label.isVisible()


def test_a_typed_day_is_loaded_on_leaving_the_box(
    qtbot: QtBot, bar_page: RegisterPage, language: str
) -> None:
    page = bar_page
    asked = days_asked(page)
    qtbot.keyClicks(page.date_edit, "2026-01-23")
    assert asked == []
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.keyClick(page.date_edit, Qt.Key.Key_Tab)
    assert asked == [dt.date(2026, 1, 23)] and page.day == dt.date(2026, 1, 23)


@pytest.mark.parametrize("typed", ["31/31/2026", "1/2", "next tuesday"])
def test_a_text_that_is_no_date_leaves_the_register_on_its_day_and_says_why(
    qtbot: QtBot, bar_page: RegisterPage, language: str, typed: str
) -> None:
    page = bar_page
    asked = days_asked(page)
    qtbot.keyClicks(page.date_edit, typed)
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Return)
    assert asked == [] and page.day == TODAY
    label = page.day_bar.refusal_label
    assert label.isVisible()
    assert f"“{typed}”" in label.text() and EXAMPLE[language] in label.text()
    assert page.date_edit.text() == typed  # kept, to be put right
    # Escape puts the register's day back in the box, and the message goes.
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Escape)
    assert page.date_edit.text() == (
        "Mon 14 Sep 2026" if language == "en_US" else "lun 14 sep 2026"
    )
    assert not label.isVisible() and asked == []


def test_the_arrow_and_page_keys_step_the_register_a_day_and_a_week(
    qtbot: QtBot, bar_page: RegisterPage
) -> None:
    page = bar_page
    asked = days_asked(page)
    for key, day in (
        (Qt.Key.Key_Up, dt.date(2026, 9, 15)),
        (Qt.Key.Key_PageUp, dt.date(2026, 9, 22)),
        (Qt.Key.Key_Down, dt.date(2026, 9, 21)),
        (Qt.Key.Key_PageDown, dt.date(2026, 9, 14)),
    ):
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            qtbot.keyClick(page.date_edit, key)
        assert page.day == day
    assert asked == [
        dt.date(2026, 9, 15),
        dt.date(2026, 9, 22),
        dt.date(2026, 9, 21),
        dt.date(2026, 9, 14),
    ]


def test_a_calendar_pick_moves_the_register_once(qtbot: QtBot, bar_page: RegisterPage) -> None:
    page = bar_page
    box = page.date_edit
    asked = days_asked(page)
    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert box.popup is not None and box.calendar is not None
    qtbot.waitUntil(box.popup.isVisible, timeout=20_000)
    focused = QApplication.focusWidget()
    assert focused is not None and box.calendar.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Right)  # Tuesday 15 Sep
    assert asked == []  # moving about the calendar is not a pick
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert asked == [dt.date(2026, 9, 15)] and page.day == dt.date(2026, 9, 15)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=20_000)
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the box asks for nothing more
    assert asked == [dt.date(2026, 9, 15)]


def test_the_day_loaded_again_leaves_what_the_teacher_is_typing(
    qtbot: QtBot, bar_page: RegisterPage
) -> None:
    """A sync or a new session loads the shown day again: a date half typed stays."""
    page = bar_page
    qtbot.keyClicks(page.date_edit, "9/2")
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.reload_day()
    assert page.date_edit.text() == "9/2" and page.day == TODAY


def test_the_buttons_still_move_the_day_and_put_a_refused_text_right(
    qtbot: QtBot, bar_page: RegisterPage, language: str
) -> None:
    page = bar_page
    qtbot.keyClicks(page.date_edit, "99/99")
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Return)
    assert page.day_bar.refusal_label.isVisible()
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.mouseClick(page.next_day_button, Qt.MouseButton.LeftButton)
    assert page.day == dt.date(2026, 9, 15)
    assert page.date_edit.text() == (
        "Tue 15 Sep 2026" if language == "en_US" else "mar 15 sep 2026"
    )
    assert not page.day_bar.refusal_label.isVisible()


# -- the weekday ------------------------------------------------------------------------

#: TODAY (Monday 14 September 2026) as the box writes it, its weekday first
MONDAY = {"en_US": "Mon 14 Sep 2026", "es_MX": "lun 14 sep 2026"}


def test_the_box_says_the_weekday(qtbot: QtBot, language: str, page: RegisterPage) -> None:
    """The window opens on Monday's register, and the box says it is a Monday; the next
    day's button moves it to Tuesday."""
    assert page.date_edit.text() == MONDAY[language]
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.mouseClick(page.next_day_button, Qt.MouseButton.LeftButton)
    assert page.date_edit.text() == (
        "Tue 15 Sep 2026" if language == "en_US" else "mar 15 sep 2026"
    )
    # the whole text is in sight, the calendar's button after it
    box = page.date_edit
    assert box.width() >= box.fontMetrics().horizontalAdvance(box.text()) + 16


def test_a_day_edited_in_place_reads_past_the_weekday_and_writes_the_right_one(
    qtbot: QtBot, bar_page: RegisterPage, language: str
) -> None:
    """In "Mon 14 Sep 2026", the teacher puts 16 for 14 and presses Enter: Wednesday 16
    September is loaded, and the box says Wednesday."""
    page = bar_page
    box = page.date_edit
    asked = days_asked(page)
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(4):  # past "Mon " ("lun ")
        qtbot.keyClick(box, Qt.Key.Key_Right)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, "16")
    assert box.refusal() is None  # read as it is typed: "Mon 16 Sep 2026" is a date
    assert asked == []
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert asked == [dt.date(2026, 9, 16)] and page.day == dt.date(2026, 9, 16)
    assert box.text() == ("Wed 16 Sep 2026" if language == "en_US" else "mié 16 sep 2026")
    assert not page.day_bar.refusal_label.isVisible()


def test_page_down_says_the_weekday_a_week_back_and_the_keys_are_told(
    qtbot: QtBot, bar_page: RegisterPage, language: str
) -> None:
    page = bar_page
    box = page.date_edit
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert box.text() == ("Mon 7 Sep 2026" if language == "en_US" else "lun 7 sep 2026")
    hint = {
        "en_US": "Up or Down: a day later or earlier. Page Up or Page Down: a week. "
        "Alt+Down or F4: the calendar.",
        "es_MX": "Flecha arriba o abajo: un día después o antes. Re Pág o Av Pág: una "
        "semana. Alt+Flecha abajo o F4: el calendario.",
    }[language]
    assert box.toolTip() == hint and box.accessibleDescription() == hint
    # a refused text's tooltip says why; put right, the keys again
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "99/99")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert "“99/99”" in box.toolTip()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.toolTip() == hint
