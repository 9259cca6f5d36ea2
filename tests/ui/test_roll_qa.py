"""Found taking roll with a class waiting: undoing "mark all remaining present", keys on
a cancelled session, a sign-out before the student arrived, a long event title."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.roll import Dismissal
from harmony_desktop.ui.events.dialogs import FamilyEventDialog
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import ArrivalDialog, CancelDialog, DepartureDialog
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.register.volunteers import ShiftTimesDialog
from harmony_desktop.ui.timefield import parse_time
from tests.factories import HubFixture
from tests.ui.test_register import open_first_session, stored_marks
from tests.ui.test_volunteer_shifts import SESSION_DAY, add_volunteer, open_panel, stored_shift

CTRL = Qt.KeyboardModifier.ControlModifier


def test_undoing_all_remaining_present_goes_back_to_the_first_student_it_unmarked(
    qtbot: QtBot, page: RegisterPage
) -> None:
    open_first_session(qtbot, page)
    page.roll.order_box.setCurrentIndex(1)  # by first name: not the order the store keeps
    view = page.roll_view
    view.setCurrentIndex(page.roll_model.index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_P)
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert page.roll_model.recorded_count() == 8
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert page.roll_model.recorded_count() == 2
    # The teacher carries on where she was: the third student, the first not recorded.
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert page.roll_model.entry(2).mark.code == "AE"


def test_a_key_on_a_cancelled_session_says_why_nothing_was_marked(
    qtbot: QtBot, page: RegisterPage, services: Services
) -> None:
    session_id = open_first_session(qtbot, page)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert isinstance(dialog, CancelDialog)
    qtbot.keyClicks(dialog.reason_box, "Storm")
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.keyClick(dialog.reason_box, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.roll_ready and "Storm" in page.cancelled_label.text(), timeout=20_000
    )
    page.window().activateWindow()  # a window manager's job when a dialog closes
    page.roll_view.setFocus()
    qtbot.waitUntil(page.roll_view.hasFocus, timeout=20_000)
    qtbot.keyClick(page.roll_view, Qt.Key.Key_P)
    assert all(m.code is None for m in stored_marks(services, session_id).values())
    said = page.roll.save_label.text()
    assert said == "This session is cancelled. Restore it (Restore session) to take roll."
    page.roll.set_save_text("")
    qtbot.keyClick(page.roll_view, Qt.Key.Key_Return, CTRL)
    assert page.roll.save_label.text() == said


def test_a_sign_out_before_the_student_arrived_is_refused(
    qtbot: QtBot, page: RegisterPage, services: Services, hub: HubFixture
) -> None:
    session_id = open_first_session(qtbot, page)
    view = page.roll_view
    student = page.roll_model.entry(0).student_id
    qtbot.keyClick(view, Qt.Key.Key_L)
    late = page.active_dialog
    assert isinstance(late, ArrivalDialog)
    late.time_edit.setTime(QTime(16, 30))
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    page.roll.go_to(student)
    qtbot.keyClick(view, Qt.Key.Key_D)
    sign_out = page.active_dialog
    assert isinstance(sign_out, DepartureDialog)
    qtbot.keyClick(sign_out.chooser.choices, Qt.Key.Key_1)  # the guardian
    sign_out.time_edit.setTime(QTime(16, 0))
    qtbot.keyClick(sign_out.time_edit, Qt.Key.Key_Return)
    assert sign_out.isVisible() and sign_out.error.isVisible()
    assert "arrived at" in sign_out.error.text()
    assert stored_marks(services, session_id)[student].collected_at is None
    sign_out.time_edit.setTime(QTime(16, 45))
    qtbot.keyClick(sign_out.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    assert stored_marks(services, session_id)[student].collected_at == dt.time(16, 45)


def test_the_store_refuses_a_sign_out_before_the_arrival(
    services: Services, hub: HubFixture
) -> None:
    day = dt.date(2026, 9, 14)
    [info] = services.sessions.for_day(hub.hub_id, day)
    session_id = services.sessions.open(info).id
    student = hub.student_ids[0]
    services.roll.mark(session_id, student, "L", by=None, arrival_time=dt.time(16, 30))
    guardian = services.roll.pickup_info(student).authorized[0][0]
    with pytest.raises(ValidationError):
        services.roll.sign_out(
            session_id, student, Dismissal(at=dt.time(16, 0), collected_by=guardian), by=None
        )


def test_a_long_event_title_keeps_the_window_on_the_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.events
    window.pages.setCurrentWidget(page)
    before = window.minimumSizeHint().width()
    page.new_family.click()
    dialog = page.active_dialog
    assert isinstance(dialog, FamilyEventDialog)
    qtbot.keyClicks(dialog.title, "Family music night and potluck " * 8)
    dialog.day.setDate(QDate(2026, 9, 10))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.family.title.text() != "", timeout=20_000)
    assert "potluck" in page.family.title.text()
    qtbot.wait(200)  # the layouts settle
    assert window.minimumSizeHint().width() <= max(before, 1024)


def test_at_720p_the_roll_shows_seven_whole_children_and_five_under_the_clock_band(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """A window maximised on a 1280×720 screen, with volunteers under the roll: the roll's
    table shows 7 whole rows (5.7 before), and 5 under the red clock band (4.5 before).
    The order moved into the row of buttons above the roll, so the keys' help under it
    is one line of text in English and Spanish; the header's rows are closer; rows are
    38 pixels (42 before), the mark still a pill taller than the roll's font."""
    add_volunteer(services, hub, "Rosa", tb_expired=False, day=SESSION_DAY)
    add_volunteer(services, hub, "Lucía", tb_expired=True, day=SESSION_DAY)
    window = MainWindow(services, hub.hub_id, today=SESSION_DAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
        window.show()
    try:
        window.resize(1268, 672)
        page = window.register
        open_panel(qtbot, page)
        qtbot.wait(100)  # laid out
        keys = page.keys_help
        assert keys.text().startswith({"en_US": "Keys:", "es_MX": "Teclas:"}[language])
        assert "Alt+V" in keys.text() and "Ctrl+Z" in keys.text()
        assert keys.fontMetrics().horizontalAdvance(keys.text()) <= keys.contentsRect().width()
        assert keys.height() < 2 * keys.fontMetrics().lineSpacing()  # one line
        # every key is still named on hover
        assert all(k in keys.toolTip() for k in ("Ctrl+", "D ", "N ", "Alt+V"))
        # the order beside the buttons above the roll, whole, and the buttons whole
        roll = page.roll
        order = page.order_box
        assert order.isVisible() and order.mapTo(page, order.rect().center()).y() == (
            roll.undo_button.mapTo(page, roll.undo_button.rect().center()).y()
        )
        assert order.width() >= order.sizeHint().width()
        for b in (roll.undo_button, roll.redo_button, roll.all_present_button):
            assert b.fontMetrics().horizontalAdvance(b.text()) < b.contentsRect().width()
        view = page.roll_view
        assert view.rowHeight(0) == 38
        assert view.rowHeight(0) - 10 >= view.fontMetrics().height() + 8  # the mark's pill
        assert view.viewport().height() >= 7 * 38
        assert view.viewport().height() // view.rowHeight(0) == 7
        page.clock_banner.show_behind(SESSION_DAY, SESSION_DAY + dt.timedelta(days=3))
        qtbot.waitUntil(lambda: view.viewport().height() < 7 * 38, timeout=20_000)
        qtbot.wait(50)  # laid out
        assert view.viewport().height() // view.rowHeight(0) == 5
    finally:
        window.shutdown()


def test_a_long_message_beside_the_roll_is_shown_whole(
    qtbot: QtBot, window: MainWindow, page: RegisterPage
) -> None:
    window.resize(1280, 720)
    open_first_session(qtbot, page)
    view = page.roll_view
    qtbot.keyClick(view, Qt.Key.Key_A)  # absent, on to the next
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_D)  # an absent student cannot be signed out
    label = page.roll.save_label
    assert label.text() == "Only a student marked present can be signed out. Mark them first."
    qtbot.wait(50)  # laid out
    room = label.contentsRect()
    flags = int(label.alignment()) | (int(Qt.TextFlag.TextWordWrap) if label.wordWrap() else 0)
    needed = label.fontMetrics().boundingRect(room, flags, label.text())
    assert needed.width() <= room.width() and needed.height() <= room.height()


@pytest.mark.parametrize(
    ("typed", "pm", "twelve", "read"),
    [
        ("4pm", False, True, (16, 0)),
        ("4:30 PM", False, True, (16, 30)),
        ("9:05 AM", True, True, (9, 5)),
        ("4:30 p. m.", False, True, (16, 30)),
        ("4:30\u202fp.m.", False, True, (16, 30)),
        ("16:30", False, True, (16, 30)),
        ("4:30", True, True, (16, 30)),  # the half of day already shown
        ("430", True, True, (16, 30)),
        ("4.30", False, False, (4, 30)),  # a 24-hour language
        ("25:00", True, True, None),
        ("4:75", True, True, None),
        ("13pm", True, True, None),
        ("four", True, True, None),
        ("", True, True, None),
    ],
)
def test_times_are_read_as_people_type_them(
    typed: str, pm: bool, twelve: bool, read: tuple[int, int] | None
) -> None:
    got = parse_time(typed, pm=pm, twelve_hour=twelve)
    assert (None if got is None else (got.hour(), got.minute())) == read


@pytest.mark.usefixtures("us_english")
def test_a_time_typed_at_the_door_is_read_whole_or_refused(
    qtbot: QtBot, page: RegisterPage, services: Services
) -> None:
    session_id = open_first_session(qtbot, page)
    first, second = (page.roll_model.entry(r).student_id for r in (0, 1))
    # the roll filled in after the session: the dialog offers its start (while the
    # session is on it offers the time now, which a run between 3:30 and 5 PM saw)
    page.clock = lambda: dt.time(18, 0)
    qtbot.keyClick(page.roll_view, Qt.Key.Key_L)
    late = page.active_dialog
    assert isinstance(late, ArrivalDialog)
    qtbot.waitUntil(
        late.time_edit.hasFocus, timeout=20_000
    )  # the time offered, selected: typed over
    assert late.time_edit.selectedText() == late.time_edit.text() == "3:30\u202fPM"
    qtbot.keyClicks(late.time_edit, "4pm")  # typed over the time offered
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    assert stored_marks(services, session_id)[first].arrival_time == dt.time(16, 0)

    qtbot.keyClick(page.roll_view, Qt.Key.Key_L)
    late = page.active_dialog
    assert isinstance(late, ArrivalDialog)
    qtbot.keyClicks(late.time_edit, "25:00")
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
    assert late.isVisible() and late.error.isVisible()
    assert late.error.text() == "“25:00” is not a time. Type it like 4:30\u202fPM."
    assert stored_marks(services, session_id)[second].code is None
    qtbot.keyClicks(late.time_edit, "4:10 pm")  # the wrong text is selected: typed over
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    assert stored_marks(services, session_id)[second].arrival_time == dt.time(16, 10)


@pytest.mark.usefixtures("us_english")
def test_a_volunteers_times_are_typed_whole_and_a_sign_out_before_the_sign_in_is_refused(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    cleared = add_volunteer(services, hub, "Clara", tb_expired=False, day=SESSION_DAY)
    session_id, panel = open_panel(qtbot, window.register)
    panel.view.setFocus()
    panel.go_to(cleared)
    panel.clock = lambda: dt.time(15, 45)
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    panel.go_to(cleared)
    qtbot.keyClick(panel.view, Qt.Key.Key_T)
    times = panel.active_dialog
    assert isinstance(times, ShiftTimesDialog)
    qtbot.waitUntil(times.sign_in.hasFocus, timeout=20_000)
    qtbot.keyClicks(times.sign_in, "3:30pm")  # typed over the time shown
    qtbot.keyClick(times.sign_in, Qt.Key.Key_Tab)
    assert times.sign_out.hasFocus()  # one Tab, not one per part of the time
    qtbot.keyClicks(times.sign_out, "3pm")
    qtbot.keyClick(times.sign_out, Qt.Key.Key_Return)
    assert times.isVisible() and times.error.text() == "Signing out must come after signing in."
    error = times.error  # shown whole: the dialog grows to it
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=20_000)
    qtbot.keyClicks(times.sign_out, "5:15 pm")
    qtbot.keyClick(times.sign_out, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.active_dialog is None, timeout=20_000)
    shift = stored_shift(services, session_id, cleared)
    assert shift is not None and (shift.sign_in, shift.sign_out) == (
        dt.time(15, 30),
        dt.time(17, 15),
    )
