"""The date boxes of the dialogs (the register's "Add session…", enrollment dates,
volunteer clearances): a date typed whole in the window's language's order ("5/6/2014"
is May 6 in US English and 5 June in Spanish), with the month by name or as YYYY-MM-DD,
an impossible date refused, and the calendar opened and used by the keyboard alone."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.datefield import DateBox
from harmony_desktop.ui.register.dialogs import AdHocDialog

#: the register's day the dialog opens on (a Tuesday)
TODAY = dt.date(2026, 9, 8)


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """The window the dialog opens over (the register's)."""
    owner = QWidget()
    qtbot.addWidget(owner)
    return owner


def add_session(qtbot: QtBot, parent: QWidget) -> AdHocDialog:
    """The "Add session…" dialog, shown and active, the keyboard in its title."""
    dialog = AdHocDialog([("e1", "Beginning Strings")], TODAY, parent)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=20_000)
    dialog.title_edit.setFocus()
    assert QApplication.focusWidget() is dialog.title_edit
    return dialog


def type_date(qtbot: QtBot, dialog: AdHocDialog, text: str) -> None:
    """Tab from the title into the date, type ``text`` over it, Tab on: as a person does."""
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.date_edit
    qtbot.keyClicks(dialog.date_edit, text)  # Tab selected the whole date: typed over
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)


@pytest.mark.parametrize(
    ("typed", "english", "spanish"),
    [
        ("5/6/2014", dt.date(2014, 5, 6), dt.date(2014, 6, 5)),  # the language's order
        ("2014-06-05", dt.date(2014, 6, 5), dt.date(2014, 6, 5)),  # YYYY-MM-DD always
        ("5 Jun 2014", dt.date(2014, 6, 5), dt.date(2014, 6, 5)),  # a month by name
        ("5 de junio de 2014", dt.date(2014, 6, 5), dt.date(2014, 6, 5)),
    ],
)
def test_a_date_typed_whole_is_the_session_s_day(
    qtbot: QtBot, window: QWidget, language: str, typed: str, english: dt.date, spanish: dt.date
) -> None:
    dialog = add_session(qtbot, window)
    type_date(qtbot, dialog, typed)
    expected = english if language == "en_US" else spanish
    assert dialog.date_edit.date() == QDate(expected.year, expected.month, expected.day)
    # Left, the box writes the date as the window does: the reading is seen.
    shown = {"en_US": {5: "6 May 2014", 6: "5 Jun 2014"}, "es_MX": {6: "5 jun 2014"}}
    assert dialog.date_edit.text() == shown[language][expected.month]
    dialog.accept()
    assert dialog.result() == AdHocDialog.DialogCode.Accepted
    assert dialog.values()["day"] == expected


@pytest.mark.parametrize("typed", ["2/30/2014", "30/2/2014", "2014-02-30", "31 nothing"])
def test_an_impossible_date_is_refused_and_nothing_is_added(
    qtbot: QtBot, window: QWidget, language: str, typed: str
) -> None:
    dialog = add_session(qtbot, window)
    type_date(qtbot, dialog, typed)
    assert dialog.date_edit.text() == typed  # kept as typed, to be put right
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != AdHocDialog.DialogCode.Accepted
    example = "03/25/2014" if language == "en_US" else "25/03/2014"
    assert f"“{typed}”" in dialog.error.text() and example in dialog.error.text()


def test_the_calendar_opens_picks_and_closes_by_the_keyboard(qtbot: QtBot, window: QWidget) -> None:
    dialog = add_session(qtbot, window)
    box = dialog.date_edit
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box
    # Alt+Down opens it on the box's date; Right moves a day on; Enter picks it.
    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert box.popup is not None and box.calendar is not None
    qtbot.waitUntil(box.popup.isVisible, timeout=20_000)
    calendar = box.calendar
    assert calendar.selectedDate() == QDate(2026, 9, 8)
    focused = QApplication.focusWidget()
    assert focused is not None and calendar.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Right)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert not box.popup.isVisible()
    assert box.date() == QDate(2026, 9, 9) and box.text() == "9 Sep 2026"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=20_000)
    # F4 opens it too; Escape closes it and the date stays.
    qtbot.keyClick(box, Qt.Key.Key_F4)
    qtbot.waitUntil(box.popup.isVisible, timeout=20_000)
    focused = QApplication.focusWidget()
    assert focused is not None and calendar.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Down)  # a week on, not picked
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert not box.popup.isVisible() and dialog.isVisible()  # Escape closed only it
    assert box.date() == QDate(2026, 9, 9)
    dialog.accept()
    assert dialog.values()["day"] == dt.date(2026, 9, 9)


def test_up_and_down_step_a_day_and_an_empty_box_is_no_date_where_allowed(
    qtbot: QtBot,
) -> None:
    box = DateBox(dt.date(2026, 2, 28), today=TODAY)
    qtbot.addWidget(box)
    changed: list[object] = []
    box.dateChanged.connect(changed.append)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.date() == QDate(2026, 3, 1) and changed == [dt.date(2026, 3, 1)]
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.date() == QDate(2026, 2, 27)
    box.setMaximumDate(QDate(2026, 2, 27))
    qtbot.keyClick(box, Qt.Key.Key_Up)  # past the last day it takes: stays
    assert box.date() == QDate(2026, 2, 27)
    box.set_day(dt.date(2026, 3, 2))
    assert box.refusal() == "2 Mar 2026 is not between 1 Jan 1753 and 27 Feb 2026."
    box.clear()
    assert box.refusal() is not None  # this box must say a date
    optional = DateBox(today=TODAY, empty_allowed=True)
    qtbot.addWidget(optional)
    assert optional.text() == "" and optional.date().isNull() and optional.refusal() is None


def test_a_day_is_committed_on_enter_leaving_a_pick_or_a_step_never_while_typed(
    qtbot: QtBot, language: str
) -> None:
    """``dayCommitted`` is what a costly reaction follows (the register's day, a query):
    not every keystroke's reading, as ``dateChanged`` is; and once per date settled on."""
    form = QWidget()
    qtbot.addWidget(form)
    box = DateBox(TODAY, form, today=TODAY)
    after = QLineEdit(form)
    after.move(0, 40)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=20_000)
    box.setFocus()
    read: list[object] = []
    settled: list[object] = []
    box.dateChanged.connect(read.append)
    box.dayCommitted.connect(settled.append)
    box.selectAll()
    qtbot.keyClicks(box, "5/6/2014")
    assert read and settled == []  # read at each keystroke, settled on none of them
    qtbot.keyClick(box, Qt.Key.Key_Return)
    five_six = dt.date(2014, 5, 6) if language == "en_US" else dt.date(2014, 6, 5)
    assert settled == [five_six]
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the same date again: nothing new
    qtbot.keyClick(box, Qt.Key.Key_PageUp)  # a week on
    qtbot.keyClick(box, Qt.Key.Key_Down)  # a day back
    assert settled == [five_six, five_six + dt.timedelta(days=7), five_six + dt.timedelta(days=6)]
    box.selectAll()
    qtbot.keyClicks(box, "2/30/2014")  # no date: refused, nothing settled
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert len(settled) == 3 and box.refusal() is not None
    box.selectAll()
    qtbot.keyClicks(box, "2014-07-01")
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the box settles on it
    assert QApplication.focusWidget() is after
    assert settled[3:] == [dt.date(2014, 7, 1)]
    box.set_day(dt.date(2014, 8, 1))  # given a date: not one settled on by a person
    assert settled[4:] == []


def test_a_box_opened_on_a_date_asks_for_the_pattern_once_it_is_emptied(qtbot: QtBot) -> None:
    """The register's day bar opens on a date: its placeholder (the language's pattern,
    from Babel) is not worked out on the first paint, but is there once the box is
    cleared; the date it wrote is read back as that date."""
    box = DateBox(dt.date(2026, 5, 6), today=dt.date(2026, 5, 6))
    qtbot.addWidget(box)
    assert box.placeholderText() == ""
    assert box.text() == "6 May 2026" and box.day() == dt.date(2026, 5, 6)
    box.clear()
    assert box.placeholderText() == "MM/DD/YYYY or YYYY-MM-DD"
    qtbot.keyClicks(box, "5/7/2026")
    assert box.typed() == dt.date(2026, 5, 7)
    empty = DateBox(today=dt.date(2026, 5, 6))
    qtbot.addWidget(empty)
    assert empty.placeholderText() == "MM/DD/YYYY or YYYY-MM-DD"
