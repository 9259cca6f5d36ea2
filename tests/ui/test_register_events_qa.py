"""QA of the register, the door, the volunteers beside the roll and the Events tab (second
pass): times typed whole in the add-session and event dialogs, the volunteers' summary,
where the keyboard goes after a new family event, and the roll's keys."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.events.dialogs import EventDialog
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import (
    AdHocDialog,
    ArrivalDialog,
    DepartureDialog,
    VolunteerTimeDialog,
)
from harmony_desktop.ui.register.models import RollColumn
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.timefield import TimeField
from tests.factories import HubFixture
from tests.ui.conftest import TODAY
from tests.ui.test_register import open_first_session, stored_marks
from tests.ui.test_volunteer_shifts import SESSION_DAY, add_volunteer, open_panel


def type_over(qtbot: QtBot, field: TimeField, text: str) -> None:
    """Tab into ``field`` as a person does (the time shown is selected; Ctrl+A when
    already there) and type over it."""
    if field.hasFocus():
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    else:
        field.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(field.hasFocus, timeout=20_000)
    assert field.selectedText() == field.text()
    qtbot.keyClicks(field, text)


@pytest.mark.usefixtures("us_english")
def test_an_added_session_reads_its_times_whole_or_refuses_them(
    qtbot: QtBot, page: RegisterPage, services: Services, hub: HubFixture
) -> None:
    qtbot.mouseClick(page.add_session_button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert isinstance(dialog, AdHocDialog)
    qtbot.keyClicks(dialog.title_edit, "Sectional")
    type_over(qtbot, dialog.start_edit, "4pm")  # over "4:00 PM": the minutes were kept
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Tab)
    assert dialog.end_edit.hasFocus()  # one Tab, not one per part of the time
    qtbot.keyClicks(dialog.end_edit, "25:00")
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == "“25:00” is not a time. Type it like 4:30\u202fPM."
    assert dialog.end_edit.hasFocus() and dialog.end_edit.selectedText() == "25:00"
    assert not any(s.title == "Sectional" for s in services.sessions.for_day(hub.hub_id, TODAY))
    qtbot.keyClicks(dialog.end_edit, "17:45")  # 24-hour, typed over the wrong text
    with qtbot.waitSignal(page.rollOpened, timeout=20_000):
        qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return)
    added = next(s for s in services.sessions.for_day(hub.hub_id, TODAY) if s.title == "Sectional")
    assert (added.start, added.end) == (dt.time(16, 0), dt.time(17, 45))


@pytest.mark.usefixtures("us_english")
@pytest.mark.parametrize("which", ["family", "masterclass", "performance"])
def test_an_events_times_are_typed_whole_or_refused(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture, which: str
) -> None:
    page = window.events
    window.pages.setCurrentWidget(page)
    button = {
        "family": page.new_family,
        "masterclass": page.new_masterclass,
        "performance": page.new_performance,
    }[which]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert isinstance(dialog, EventDialog)
    qtbot.keyClicks(dialog.title, "Spring sharing")  # type: ignore[attr-defined]
    if which == "masterclass":
        qtbot.keyClicks(dialog.guest, "A guest cellist")  # type: ignore[attr-defined]
    type_over(qtbot, dialog.start, "seven")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == "“seven” is not a time. Type it like 4:30\u202fPM."
    assert dialog.start.hasFocus()
    qtbot.keyClicks(dialog.start, "6:15 p.m.")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.end.hasFocus()
    qtbot.keyClicks(dialog.end, "19:30")  # over "7:30 PM" or "6:45 PM"
    qtbot.keyClick(dialog.end, Qt.Key.Key_Up)  # five minutes later
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    first, last = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    events = services.events
    found = {
        "family": events.family_events,
        "masterclass": events.masterclasses,
        "performance": events.performances,
    }[which](hub.hub_id, first, last)
    [event] = [e for e in found if e.title == "Spring sharing"]
    assert (event.start, event.end) == (dt.time(18, 15), dt.time(19, 35))
    if which != "family":  # the keyboard is on the new event in the list, not the button
        assert window.focusWidget() is page.view
        assert page.model.event_at(page.view.currentIndex().row()).id == event.session_id  # type: ignore[union-attr]


@pytest.mark.usefixtures("us_english")
def test_a_late_student_who_leaves_early_keeps_the_arrival_on_the_roll(
    qtbot: QtBot, page: RegisterPage, services: Services
) -> None:
    session_id = open_first_session(qtbot, page)
    view = page.roll_view
    student = page.roll_model.entry(0).student_id
    qtbot.keyClick(view, Qt.Key.Key_L)
    late = page.active_dialog
    assert isinstance(late, ArrivalDialog)
    qtbot.keyClicks(late.time_edit, "3:50pm")
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # back to them: they leave early
    qtbot.keyClick(view, Qt.Key.Key_E)
    left = page.active_dialog
    assert isinstance(left, DepartureDialog)
    qtbot.keyClick(left.chooser.choices, Qt.Key.Key_1)  # the guardian
    type_over(qtbot, left.time_edit, "3:40pm")  # before they came
    qtbot.keyClick(left.time_edit, Qt.Key.Key_Return)
    assert left.isVisible() and "arrived at 3:50\u202fPM" in left.error.text()
    type_over(qtbot, left.time_edit, "4:35pm")
    qtbot.keyClick(left.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    mark = stored_marks(services, session_id)[student]
    assert (mark.code, mark.arrival_time, mark.departure_time) == (
        "LE",
        dt.time(15, 50),
        dt.time(16, 35),
    )
    row = page.roll_model.row_of(student)
    shown = page.roll_model.index(row, RollColumn.TIME).data()
    assert shown.startswith("arrived 3:50\u202fPM, left 4:35\u202fPM, collected 4:35\u202fPM")


@pytest.mark.usefixtures("us_english")
def test_the_volunteers_summary_counts_who_is_here_now_and_the_hours_of_those_who_left(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    stays = add_volunteer(services, hub, "Clara", tb_expired=False, day=SESSION_DAY)
    leaves = add_volunteer(services, hub, "Ines", tb_expired=False, day=SESSION_DAY)
    _session_id, panel = open_panel(qtbot, window.register)
    panel.view.setFocus()
    for volunteer, at in ((stays, dt.time(15, 30)), (leaves, dt.time(15, 45))):
        panel.go_to(volunteer)
        panel.clock = lambda at=at: at
        qtbot.keyClick(panel.view, Qt.Key.Key_I)
    assert panel.summary.text() == "2 here now · 0 signed out (0.00 h)"
    panel.go_to(leaves)
    panel.clock = lambda: dt.time(16, 45)
    qtbot.keyClick(panel.view, Qt.Key.Key_O)
    # Ines left after an hour; Clara is still here (was "2 signed in · 1.00 h").
    assert panel.summary.text() == "1 here now · 1 signed out (1.00 h)"


@pytest.mark.usefixtures("us_english")
def test_a_past_sessions_volunteers_who_never_signed_out_are_not_here_now(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    page = window.register
    page.set_day(TODAY - dt.timedelta(days=3))  # Friday
    volunteer = add_volunteer(services, hub, "Clara", tb_expired=False, day=TODAY)
    qtbot.waitUntil(lambda: page.sessions_model.rowCount() > 0, timeout=20_000)
    _session_id, panel = open_panel(qtbot, page)
    panel.view.setFocus()
    panel.go_to(volunteer)
    panel.clock = lambda: dt.time(15, 30)
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    # another day's session: the time is asked, its start offered (Enter keeps it)
    dialog = panel.active_dialog
    assert isinstance(dialog, VolunteerTimeDialog)
    with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    assert panel.summary.text() == "1 did not sign out · 0 signed out (0.00 h)"


def test_after_a_new_family_event_the_keyboard_is_on_its_roll(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    page = window.events
    window.pages.setCurrentWidget(page)
    page.new_family.setFocus()
    qtbot.keyClick(page.new_family, Qt.Key.Key_Space)  # as a person presses the button
    dialog = page.active_dialog
    assert isinstance(dialog, EventDialog)
    qtbot.keyClicks(dialog.title, "Spring family night")  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.family.loaded, timeout=20_000):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    # (offscreen, the window is not made active again when the dialog closes: its
    # focus widget is where the keyboard is once it is)
    qtbot.waitUntil(lambda: window.focusWidget() is page.family.view, timeout=20_000)
    window.activateWindow()
    qtbot.waitUntil(page.family.view.hasFocus, timeout=20_000)
    assert page.family.title.text().startswith("Spring family night")
    first = page.family.current_adult()
    assert first is not None and page.family.view.currentIndex().row() == 0
    qtbot.keyClick(page.family.view, Qt.Key.Key_P)  # the first adult came: one key
    assert page.family.measure.text().startswith("<b>Families reached: ")
    [event] = [
        e for e in services.events.family_events(page.hub_id, TODAY, TODAY)
        if e.title == "Spring family night"
    ]  # fmt: skip
    assert event.measure.adults == 1


def test_tab_from_the_roll_reaches_the_volunteers_and_home_end_go_to_the_ends(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    add_volunteer(services, hub, "Clara", tb_expired=False, day=SESSION_DAY)
    add_volunteer(services, hub, "Ines", tb_expired=False, day=SESSION_DAY)
    page = window.register
    _session_id, panel = open_panel(qtbot, page)
    view = page.roll_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=20_000)
    last = page.roll_model.rowCount() - 1
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (last, RollColumn.MARK)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, RollColumn.MARK)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert panel.view.hasFocus()  # the volunteers under the roll, at once
    qtbot.keyClick(panel.view, Qt.Key.Key_End)
    assert panel.view.currentIndex().row() == panel.model.rowCount() - 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    assert panel.view.currentIndex().row() == 0
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)  # on from the table, not to its next cell
    assert panel.toggle.hasFocus()
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Backtab)
    assert panel.view.hasFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Backtab)
    assert view.hasFocus()  # and back to the roll
    # above the roll, its row of buttons: the order, then "Mark all remaining present"
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert page.all_present_button.hasFocus()
    qtbot.keyClick(page.all_present_button, Qt.Key.Key_Backtab)
    assert page.order_box.hasFocus()
    qtbot.keyClick(page.order_box, Qt.Key.Key_Tab)
    qtbot.keyClick(page.all_present_button, Qt.Key.Key_Tab)
    assert view.hasFocus()
    assert "Alt+V volunteers" in page.keys_help.text()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert panel.view.hasFocus()
