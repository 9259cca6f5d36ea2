"""At the door: the keyboard at launch, times inside the session, who collected each
student, switching hubs, and windows that fit the screen."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.sync import SyncService, SyncStatus
from harmony_desktop.store import settings
from harmony_desktop.store.models import Hub, Staff
from harmony_desktop.ui.app import last_hub
from harmony_desktop.ui.language import time_text
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import ArrivalDialog, DepartureDialog, default_time
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.screen_fit import available_geometry
from tests.factories import HubFixture
from tests.ui.conftest import TODAY
from tests.ui.test_register import open_first_session, stored_marks

START, END = dt.time(15, 30), dt.time(17, 0)


def test_times_offered_lie_inside_the_session() -> None:
    on = dt.time(16, 5)
    assert default_time(TODAY, START, END, TODAY, on, leaving=False) == on
    assert default_time(TODAY, START, END, TODAY, on, leaving=True) == on
    evening = dt.time(19, 19)  # a roll filled in after the class
    assert default_time(TODAY, START, END, TODAY, evening, leaving=False) == START
    assert default_time(TODAY, START, END, TODAY, evening, leaving=True) == END
    past = TODAY - dt.timedelta(days=7)  # a past roll, whatever the time now
    assert default_time(past, START, END, TODAY, on, leaving=True) == END


def test_tab_leaves_the_tables_and_arrows_move_within(qtbot: QtBot, page: RegisterPage) -> None:
    assert QApplication.focusWidget() is page.sessions_view  # at launch
    assert not page.sessions_view.tabKeyNavigation()
    open_first_session(qtbot, page)
    view = page.roll_view
    assert QApplication.focusWidget() is view and not view.tabKeyNavigation()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    opened = page.session
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view and page.session is opened
    assert "Ctrl+Enter" in page.all_present_button.text()
    assert "Ctrl+Enter" in page.keys_help.toolTip()  # the line under the roll leaves it there


def test_a_late_time_outside_the_session_is_asked_about(
    qtbot: QtBot, page: RegisterPage, services: Services
) -> None:
    session_id = open_first_session(qtbot, page)
    first = page.roll_model.entries()[0].student_id
    qtbot.keyClick(page.roll_view, Qt.Key.Key_L)
    late = page.active_dialog
    assert isinstance(late, ArrivalDialog)
    assert START <= late.arrival() <= END  # offered inside 15:30-17:00
    # The whole title fits: the student's name is never cut off.
    assert late.width() >= late.fontMetrics().horizontalAdvance(late.windowTitle())
    late.time_edit.setTime(QTime(19, 10))
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
    # Times as the window writes them (the locale's short format), not "15:30".
    session = f"outside the session ({time_text(START)}–{time_text(END)})"
    assert late.isVisible() and session in late.warning.text()
    assert stored_marks(services, session_id)[first].code is None
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)  # yes, really 19:10
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    assert stored_marks(services, session_id)[first].arrival_time == dt.time(19, 10)


def test_sign_out_walked_home_and_someone_else_with_the_site_lead(
    qtbot: QtBot, page: RegisterPage, services: Services, hub: HubFixture
) -> None:
    walker, rider = hub.student_ids[0], hub.student_ids[1]  # factories: i % 3 == 0 may walk
    services.roster.add_contact(
        rider, name="Parent Two", relationship="father", custody_restriction="No contact"
    )
    with services.store.write() as w:
        lead = w.insert(Staff(hub_id=hub.hub_id, name="Site Lead", role="site_lead"))
    session_id = open_first_session(qtbot, page)
    qtbot.keyClick(page.roll_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: page.roll_model.recorded_count() == len(hub.student_ids), timeout=20_000
    )

    page.roll.go_to(walker)
    qtbot.keyClick(page.roll_view, Qt.Key.Key_D)
    dialog = page.active_dialog
    assert isinstance(dialog, DepartureDialog) and not dialog.reason_box.isVisible()
    choices = dialog.chooser.choices
    qtbot.keyClick(choices, Qt.Key.Key_2)  # 1 the guardian, 2 walked home, 3 someone else
    qtbot.keyClick(choices, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    assert stored_marks(services, session_id)[walker].walked_home

    page.roll.go_to(rider)
    qtbot.keyClick(page.roll_view, Qt.Key.Key_D)
    dialog = page.active_dialog
    assert isinstance(dialog, DepartureDialog)
    choices = dialog.chooser.choices
    assert choices.count() == 2  # may not walk home: no such row
    qtbot.keyClick(choices, Qt.Key.Key_2)  # someone else
    chooser = dialog.chooser
    assert chooser.other_box.isVisible() and "No contact" in chooser.alert.text()
    chooser.other_name.setText("Aunt Someone")
    qtbot.keyClick(choices, Qt.Key.Key_Return)
    assert dialog.isVisible() and "site lead must confirm" in dialog.error.text()
    assert chooser.lead_box.currentData() == lead.id
    chooser.confirmed.setChecked(True)
    qtbot.keyClick(choices, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    mark = stored_marks(services, session_id)[rider]
    assert (mark.collected_by, mark.pickup_confirmed_by) == ("Aunt Someone", lead.id)
    assert START <= mark.collected_at <= END  # type: ignore[operator]
    row = page.roll_model.row_of(rider)
    assert "Aunt Someone" in page.roll_model.index(row, 2).data()


def test_switch_hub_is_kept_for_the_next_start(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    assert not window.switch_hub_action.isEnabled()  # one hub: nothing to switch to
    with services.store.write() as w:
        other = w.insert(Hub(name="Another Hub"))
    assert last_hub(services) is None
    dialog = window.choose_hub()
    assert window.switch_hub_action.shortcut().toString() == "Ctrl+Shift+H"
    row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).text() == "Another Hub")
    dialog.list.setCurrentRow(row)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.successor is not None and not window.isVisible(), timeout=20_000)
    new = window.successor
    assert new is not None
    qtbot.addWidget(new)
    assert new.hub_id == other.id and "Another Hub" in new.hub_label.text()
    assert services.store.settings.get(settings.CURRENT_HUB) == other.id
    assert last_hub(services) == other.id
    new.shutdown()


def test_the_window_opens_within_the_available_screen(window: MainWindow) -> None:
    area = available_geometry(window)
    assert window.frameGeometry().height() <= area.height()
    assert window.geometry().top() >= area.top()


def test_status_bar_counts_every_queued_change_read_off_the_ui_thread(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    on_ui_thread: list[bool] = []
    original = SyncService.status

    def status(self: SyncService) -> SyncStatus:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return original(self)

    monkeypatch.setattr(SyncService, "status", status)
    roster = window.roster
    qtbot.waitUntil(lambda: roster.model.total == len(hub.student_ids), timeout=20_000)
    # Roster edits: a student's form saved, then an enrolment change made in it.
    assert roster.select_student(hub.student_ids[2])
    dialog = roster.edit_selected()
    assert dialog is not None and dialog.enrollment is not None
    qtbot.keyClicks(dialog.preferred_name, "Mimi")
    panel = dialog.enrollment
    panel.ensemble.setCurrentIndex(panel.ensemble.findText("Choir"))
    qtbot.mouseClick(panel.waitlist_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Register marks by keyboard.
    page = window.register
    open_first_session(qtbot, page)
    qtbot.keyClicks(page.roll_view, "pau")
    pending = services.store.pending_changes()
    assert pending >= 6  # the profile, the waitlist (and its history), a session, 3 marks
    label = window.sync_ui.status.pending_label
    qtbot.waitUntil(lambda: label.text() == f"{pending} changes waiting", timeout=20_000)
    assert on_ui_thread and not any(on_ui_thread)
