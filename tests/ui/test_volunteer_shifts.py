"""The volunteer panel of the register, driven by keyboard: a volunteer who is not
cleared needs a site lead's confirmation, signing in and out gives the right hours."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSplitter
from pytestqt.qtbot import QtBot
from sqlmodel import select

from harmony_desktop.domain.vocab import ShiftStatus
from harmony_desktop.services.context import Services
from harmony_desktop.services.volunteers import add_months
from harmony_desktop.store import settings
from harmony_desktop.store.models import Staff, VolunteerShift
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import VolunteerTimeDialog
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.register.volunteers import (
    ConfirmAssignmentDialog,
    ShiftColumn,
    VolunteerShiftPanel,
)
from tests.factories import HubFixture
from tests.ui.conftest import TODAY
from tests.ui.test_register import open_first_session

SESSION_DAY = TODAY  # the register judges clearances on the session's day (here TODAY)
REAL_TODAY = dt.date.today()  # the Volunteers tab's lists judge them on the real date


def add_volunteer(
    services: Services, hub: HubFixture, first: str, *, tb_expired: bool, day: dt.date = REAL_TODAY
) -> str:
    """An active volunteer with every clearance done a month before ``day``, or with a TB
    clearance that expired the week before it."""
    volunteers = services.volunteers
    vid = volunteers.save(
        hub.hub_id, {"first_name": first, "last_name": "Tester", "status": "active"}
    )
    for kind in volunteers.kinds():
        done = day - dt.timedelta(days=30)
        if kind.code == "tb" and tb_expired:
            done = add_months(day - dt.timedelta(days=7), -kind.validity_months)
        volunteers.record_clearance(vid, kind.id, done)
    return vid


@pytest.fixture
def people(services: Services, hub: HubFixture) -> dict[str, str]:
    """A site lead, a cleared volunteer and one whose TB clearance expired."""
    with services.store.write() as w:
        lead = w.insert(Staff(hub_id=hub.hub_id, name="Lead Person", role="site_lead")).id
    return {
        "lead": lead,
        "cleared": add_volunteer(services, hub, "Clara", tb_expired=False, day=SESSION_DAY),
        "expired": add_volunteer(services, hub, "Tomas", tb_expired=True, day=SESSION_DAY),
    }


def open_panel(qtbot: QtBot, page: RegisterPage) -> tuple[str, VolunteerShiftPanel]:
    """Open the first session and wait for its volunteers."""
    panel = page.volunteers
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        session_id = open_first_session(qtbot, page)
    return session_id, panel


def stored_shift(services: Services, session_id: str, volunteer_id: str) -> VolunteerShift | None:
    """The live shift of a volunteer at a session, if any."""
    with services.store.read() as s:
        return s.exec(
            select(VolunteerShift).where(
                VolunteerShift.session_id == session_id,
                VolunteerShift.volunteer_id == volunteer_id,
                VolunteerShift.deleted == False,  # noqa: E712
            )
        ).first()


def test_a_volunteer_with_an_expired_tb_clearance_cannot_be_assigned_without_confirmation(
    qtbot: QtBot, window: MainWindow, services: Services, people: dict[str, str], qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    page = window.register
    session_id, panel = open_panel(qtbot, page)
    qtmodeltester.check(panel.model)
    row = panel.model.row_of(people["expired"])
    clearance = panel.model.index(row, ShiftColumn.CLEARANCE)
    assert clearance.data() == "Not cleared"
    assert clearance.data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#b00020")
    assert "TB clearance: expired on" in clearance.data(Qt.ItemDataRole.ToolTipRole)
    cleared_row = panel.model.row_of(people["cleared"])
    assert panel.model.index(cleared_row, ShiftColumn.CLEARANCE).data() == "Cleared"

    # Alt+V goes to the volunteers; I signs the current one in (during the session).
    panel.clock = lambda: dt.time(16, 0)
    qtbot.keyClick(page, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert panel.view.hasFocus()
    panel.go_to(people["expired"])
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    dialog = panel.active_dialog
    assert isinstance(dialog, ConfirmAssignmentDialog)
    assert "TB clearance: expired on" in dialog.problems.text()
    assert dialog.lead.currentText() == "Lead Person"
    dialog.reject()
    assert stored_shift(services, session_id, people["expired"]) is None
    assert panel.model.index(row, ShiftColumn.STATUS).data() == ""

    qtbot.keyClick(panel.view, Qt.Key.Key_S)  # signing up assigns too
    dialog = panel.active_dialog
    assert isinstance(dialog, ConfirmAssignmentDialog)
    with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    shift = stored_shift(services, session_id, people["expired"])
    assert shift is not None and shift.status == "signed_up"
    assert shift.confirmed_by == people["lead"]
    assert shift.confirmation_note.startswith("TB clearance: expired on")
    assert panel.model.index(row, ShiftColumn.STATUS).data() == "Signed up ✓ Lead Person"
    # Confirmed for this session: signing in now asks nothing more.
    panel.go_to(people["expired"])
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    assert panel.active_dialog is None
    assert stored_shift(services, session_id, people["expired"]).status == "attended"  # type: ignore[union-attr]


@pytest.mark.usefixtures("us_english")
def test_signing_in_and_out_by_keyboard_gives_the_right_hours(
    qtbot: QtBot, window: MainWindow, services: Services, people: dict[str, str]
) -> None:
    page = window.register
    session_id, panel = open_panel(qtbot, page)
    panel.view.setFocus()
    panel.go_to(people["cleared"])
    # during the session (15:30-17:00): one key, the clock's time
    panel.clock = lambda: dt.time(15, 35)
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    assert panel.active_dialog is None  # cleared: nothing to confirm, no time to ask
    row = panel.model.row_of(people["cleared"])
    assert panel.view.currentIndex().row() == row + 1  # moved on, as the roll does
    panel.go_to(people["cleared"])
    panel.clock = lambda: dt.time(16, 50)
    qtbot.keyClick(panel.view, Qt.Key.Key_O)
    assert panel.active_dialog is None
    assert panel.model.index(row, ShiftColumn.SIGN_IN).data() == "3:35\u202fPM"
    assert panel.model.index(row, ShiftColumn.SIGN_OUT).data() == "4:50\u202fPM"
    assert panel.model.index(row, ShiftColumn.HOURS).data() == "1.25"
    assert panel.summary.text() == "0 here now · 1 signed out (1.25 h)"
    shift = stored_shift(services, session_id, people["cleared"])
    assert shift is not None and (shift.sign_in, shift.sign_out) == (
        dt.time(15, 35),
        dt.time(16, 50),
    )
    # N marks a no-show: no hours; Del takes the volunteer off the session.
    panel.go_to(people["cleared"])
    qtbot.keyClick(panel.view, Qt.Key.Key_N)
    assert panel.model.index(row, ShiftColumn.HOURS).data() == ""
    panel.go_to(people["cleared"])
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert stored_shift(services, session_id, people["cleared"]) is None
    # Signing out someone who never signed in is refused with a message.
    qtbot.keyClick(panel.view, Qt.Key.Key_O)
    assert panel.save_label.text() == "Clara Tester has not signed in: sign them in first (key I)."


def test_at_720p_the_panel_shows_two_whole_volunteers_and_a_spanish_clearance_on_one_line(
    qtbot: QtBot, services: Services, hub: HubFixture, people: dict[str, str], qapp
) -> None:  # type: ignore[no-untyped-def]
    """On a 1280×720 laptop the panel shows its header and two whole rows, without a
    sideways scroll bar, and the longest clearance ("Autorizado(a) · vence el …", a
    clearance expiring within the month) fits its column on one line."""
    from harmony_desktop.ui.app import install_translator

    soon = add_volunteer(services, hub, "Sofia", tb_expired=False, day=SESSION_DAY)
    tb = next(k for k in services.volunteers.kinds() if k.code == "tb")
    # done so that it lapses in about three weeks
    services.volunteers.record_clearance(
        soon, tb.id, add_months(SESSION_DAY + dt.timedelta(days=20), -tb.validity_months)
    )
    assert install_translator(qapp, QLocale("es_MX"))
    try:
        window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
            window.show()
        # A maximised window on a 1280×720 screen (after the show: the test screen is
        # 800 wide, and the window, no longer 1190 pixels at the least, is fitted to it).
        window.resize(1268, 672)
        qtbot.waitUntil(lambda: window.width() == 1268, timeout=20_000)
        _session, panel = open_panel(qtbot, window.register)
        view = panel.view
        assert panel.model.rowCount() == 3
        qtbot.waitUntil(lambda: view.rowHeight(0) > 0, timeout=20_000)
        qtbot.waitUntil(lambda: view.viewport().height() >= 2 * view.rowHeight(0), timeout=20_000)
        assert not view.horizontalScrollBar().isVisible()
        texts = [panel.model.index(row, ShiftColumn.CLEARANCE).data() for row in range(3)]
        longest = next(t for t in texts if t.startswith("Autorizado(a) · vence el"))
        assert view.columnWidth(ShiftColumn.CLEARANCE) > view.fontMetrics().horizontalAdvance(
            longest
        )
        window.shutdown()
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_before_a_session_is_open_the_volunteers_line_says_what_brings_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    """No session open yet: the panel's one line says how its volunteers come, not a bare
    heading over nothing."""
    panel = window.register.volunteers
    assert panel.session_id is None
    assert panel.view.isHidden() and panel.toggle.isHidden()
    assert panel.summary.text() == "Open a session to see its volunteers."


def test_a_hub_without_volunteers_folds_the_panel_and_the_roll_takes_the_room(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    """No volunteers at the hub: the panel is one line saying where to add them, and the
    roll gets its room; once a volunteer is added, the table comes back with two rows."""
    page = window.register
    session_id, panel = open_panel(qtbot, page)
    assert panel.model.rowCount() == 0
    assert panel.view.isHidden() and panel.keys_help.isHidden()
    assert "No volunteers at this hub" in panel.summary.text()
    assert panel.height() < panel.height_for_rows(1)
    split = panel.parentWidget()
    assert isinstance(split, QSplitter)
    qtbot.waitUntil(
        lambda: split.sizes()[1] <= panel.maximumHeight(), timeout=20_000
    )  # the roll has the rest
    add_volunteer(services, hub, "Rosa", tb_expired=False, day=SESSION_DAY)
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.show_session(session_id, page.day)
    assert panel.model.rowCount() == 1
    assert panel.view.isVisibleTo(panel) and panel.keys_help.isVisibleTo(panel)
    qtbot.waitUntil(lambda: panel.height() >= panel.height_for_rows(2), timeout=20_000)
    assert panel.summary.text() == "0 here now · 0 signed out (0.00 h)"


def test_hiding_the_volunteers_gives_the_roll_their_room_and_is_kept_on_this_laptop(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture, people: dict[str, str]
) -> None:
    """ "Hide" folds the table to its one-line summary and the roll takes the room; the
    choice is kept for the next window; Alt+V then goes to "Show", and Space brings the
    table back with the focus in it."""
    page = window.register
    _session, panel = open_panel(qtbot, page)
    split = panel.parentWidget()
    assert isinstance(split, QSplitter)
    assert panel.toggle.isVisibleTo(panel) and panel.toggle.text() == "Hide"
    qtbot.waitUntil(lambda: panel.height() >= panel.height_for_rows(2), timeout=20_000)
    roll_before = split.sizes()[0]

    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.view.isHidden() and panel.keys_help.isHidden()
    assert panel.toggle.text() == "Show"
    assert panel.summary.text() == "0 here now · 0 signed out (0.00 h)"  # the hours stay in sight
    folded = panel.maximumHeight()
    assert folded < panel.height_for_rows(1)
    qtbot.waitUntil(lambda: split.sizes()[1] <= folded, timeout=20_000)
    assert split.sizes()[0] >= roll_before + panel.height_for_rows(2) - folded - 8
    assert services.store.settings.get(settings.REGISTER_VOLUNTEERS_HIDDEN) is True

    # the next window on this laptop opens with the table hidden
    again = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.register.dayLoaded, timeout=20_000):
        again.show()
    _session, hidden = open_panel(qtbot, again.register)
    assert hidden.model.rowCount() == 2
    assert hidden.view.isHidden() and hidden.toggle.text() == "Show"

    # by keyboard: Alt+V reaches "Show", Space shows the table and moves into it
    qtbot.keyClick(again.register.roll_view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(hidden.toggle.hasFocus, timeout=20_000)
    qtbot.keyClick(hidden.toggle, Qt.Key.Key_Space)
    assert hidden.view.isVisibleTo(hidden) and hidden.toggle.text() == "Hide"
    qtbot.waitUntil(hidden.view.hasFocus, timeout=20_000)
    assert services.store.settings.get(settings.REGISTER_VOLUNTEERS_HIDDEN) is False
    again.shutdown()


def test_a_volunteers_times_after_noon_fit_their_columns_in_english_and_spanish(
    qtbot: QtBot, services: Services, hub: HubFixture, people: dict[str, str], language: str
) -> None:
    """Signed in at 12:48 and out at 12:58, both times whole in the In and Out columns
    of a 1280×720 window (in Spanish "2:48 p.…" and "4:08 p.…": 60 pixels held
    "2:48 PM" but not "2:48 p.m.")."""
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
        window.show()
    window.resize(1268, 672)  # a maximised window on a 1280×720 screen (after the show)
    qtbot.waitUntil(lambda: window.width() == 1268, timeout=20_000)
    _session, panel = open_panel(qtbot, window.register)
    panel.view.setFocus()
    panel.clock = lambda: dt.time(12, 58)  # before the session: its times are asked
    for key in (Qt.Key.Key_I, Qt.Key.Key_O):
        panel.go_to(people["cleared"])
        qtbot.keyClick(panel.view, key)
        dialog = panel.active_dialog
        assert isinstance(dialog, VolunteerTimeDialog)
        dialog.time_edit.selectAll()
        qtbot.keyClicks(dialog.time_edit, "12:48" if key == Qt.Key.Key_I else "12:58")
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)  # outside 15:30-17:00 ...
        assert dialog.warning.isVisible()
        with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
            qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)  # ... and kept
    row = panel.model.row_of(people["cleared"])
    expected = {
        "en_US": ("12:48\u202fPM", "12:58\u202fPM"),
        "es_MX": ("12:48\u202fp.m.", "12:58\u202fp.m."),
    }
    shown = tuple(
        panel.model.index(row, column).data()
        for column in (ShiftColumn.SIGN_IN, ShiftColumn.SIGN_OUT)
    )
    assert shown == expected[language]
    metrics = panel.view.fontMetrics()
    for column, text in zip((ShiftColumn.SIGN_IN, ShiftColumn.SIGN_OUT), shown, strict=True):
        # the text plus the cell's margins (a few pixels each side) or it ends in "…"
        assert panel.view.columnWidth(column) >= metrics.horizontalAdvance(text) + 8, text
    assert not panel.view.horizontalScrollBar().isVisible()
    window.shutdown()


def type_time(qtbot: QtBot, dialog: VolunteerTimeDialog, typed: str) -> None:
    """Type ``typed`` over the dialog's time and press Enter."""
    dialog.time_edit.selectAll()
    qtbot.keyClicks(dialog.time_edit, typed)
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)


def time_dialog(panel: VolunteerShiftPanel) -> VolunteerTimeDialog:
    dialog = panel.active_dialog
    assert isinstance(dialog, VolunteerTimeDialog)
    return dialog


@pytest.mark.usefixtures("us_english")
def test_a_volunteer_signed_in_after_the_session_is_asked_the_time_and_counts_its_hours(
    qtbot: QtBot, window: MainWindow, services: Services, people: dict[str, str]
) -> None:
    """At 9:22 PM a teacher catches up on the 3:30-5:00 PM session: I asks when the
    volunteer arrived, offering 3:30 PM (Enter keeps it), O when they left, offering
    5:00 PM; the report counts 1.50 hours, not the clock's 9:22 PM and 0 hours."""
    page = window.register
    session_id, panel = open_panel(qtbot, page)
    panel.clock = lambda: dt.time(21, 22)
    qtbot.keyClick(page, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    panel.go_to(people["cleared"])
    row = panel.model.row_of(people["cleared"])

    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    dialog = time_dialog(panel)
    assert dialog.windowTitle() == "Sign in: Clara Tester"
    assert dialog.time_edit.text() == "3:30\u202fPM"  # the session's start
    assert "Session: 3:30\u202fPM–5:00\u202fPM" in dialog.findChild(QLabel).text()
    assert stored_shift(services, session_id, people["cleared"]) is None  # nothing yet
    with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.active_dialog is None, timeout=20_000)
    assert panel.view.hasFocus()
    assert panel.model.index(row, ShiftColumn.SIGN_IN).data() == "3:30\u202fPM"

    panel.go_to(people["cleared"])
    qtbot.keyClick(panel.view, Qt.Key.Key_O)
    dialog = time_dialog(panel)
    assert dialog.windowTitle() == "Sign out: Clara Tester"
    assert dialog.time_edit.text() == "5:00\u202fPM"  # the session's end
    with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    shift = stored_shift(services, session_id, people["cleared"])
    assert shift is not None and (shift.sign_in, shift.sign_out) == (
        dt.time(15, 30),
        dt.time(17, 0),
    )
    assert panel.model.index(row, ShiftColumn.HOURS).data() == "1.50"
    _headers, rows = services.volunteers.hours_table(page.hub_id, SESSION_DAY, SESSION_DAY)
    assert [r[0] for r in rows] == ["Tester, Clara"]
    assert rows[0][-2:] == [1, 1.5]  # one shift, an hour and a half


@pytest.mark.usefixtures("us_english")
def test_a_volunteers_time_outside_the_session_is_confirmed_and_one_before_the_arrival_refused(
    qtbot: QtBot, window: MainWindow, services: Services, people: dict[str, str]
) -> None:
    page = window.register
    session_id, panel = open_panel(qtbot, page)
    panel.clock = lambda: dt.time(21, 22)
    panel.view.setFocus()
    panel.go_to(people["cleared"])

    # Escape: nothing stored.
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    qtbot.keyClick(time_dialog(panel), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.active_dialog is None, timeout=20_000)
    assert stored_shift(services, session_id, people["cleared"]) is None

    # A time typed outside 3:30-5:00 PM is said first; Enter again keeps it.
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    dialog = time_dialog(panel)
    type_time(qtbot, dialog, "3:10 pm")
    assert dialog.isVisible() and dialog.warning.text() == (
        "3:10\u202fPM is outside the session (3:30\u202fPM–5:00\u202fPM). Press Enter "
        "again to keep it, or correct the time."
    )
    assert stored_shift(services, session_id, people["cleared"]) is None
    with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    assert stored_shift(services, session_id, people["cleared"]).sign_in == dt.time(15, 10)  # type: ignore[union-attr]

    # A sign-out before that arrival is refused, in the dialog, saying why.
    panel.go_to(people["cleared"])
    qtbot.keyClick(panel.view, Qt.Key.Key_O)
    dialog = time_dialog(panel)
    type_time(qtbot, dialog, "3:00 pm")
    assert dialog.isVisible() and dialog.error.text() == (
        "Clara Tester signed in at 3:10\u202fPM: they cannot sign out before that."
    )
    assert stored_shift(services, session_id, people["cleared"]).sign_out is None  # type: ignore[union-attr]
    type_time(qtbot, dialog, "4:40 pm")  # inside the session: no question
    qtbot.waitUntil(lambda: panel.active_dialog is None, timeout=20_000)
    shift = stored_shift(services, session_id, people["cleared"])
    assert shift is not None and shift.sign_out == dt.time(16, 40)

    # A volunteer not signed in cannot be signed out: said, nothing asked.
    panel.go_to(people["expired"])
    qtbot.keyClick(panel.view, Qt.Key.Key_O)
    assert panel.active_dialog is None
    assert panel.save_label.text() == "Tomas Tester has not signed in: sign them in first (key I)."

    # During the session, a sign-out at a clock time before the arrival (corrected to
    # 4:10 PM) is refused too, naming the arrival; the sign-out kept stays.
    panel.clock = lambda: dt.time(16, 5)
    services.volunteers.set_shift(
        session_id, people["cleared"], ShiftStatus.ATTENDED, by=None, sign_in=dt.time(16, 10)
    )
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.reload()
    panel.go_to(people["cleared"])
    qtbot.keyClick(panel.view, Qt.Key.Key_O)
    assert panel.active_dialog is None
    assert panel.save_label.text() == (
        "Clara Tester signed in at 4:10\u202fPM: they cannot sign out before that. "
        "Correct the times with T."
    )
    assert stored_shift(services, session_id, people["cleared"]).sign_out == dt.time(16, 40)  # type: ignore[union-attr]


@pytest.mark.usefixtures("us_english")
def test_a_volunteer_not_cleared_signed_in_after_class_is_confirmed_at_the_time_given(
    qtbot: QtBot, window: MainWindow, services: Services, people: dict[str, str]
) -> None:
    page = window.register
    session_id, panel = open_panel(qtbot, page)
    panel.clock = lambda: dt.time(21, 22)
    panel.view.setFocus()
    panel.go_to(people["expired"])
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    type_time(qtbot, time_dialog(panel), "3:45 pm")
    qtbot.waitUntil(
        lambda: isinstance(panel.active_dialog, ConfirmAssignmentDialog), timeout=20_000
    )
    confirm = panel.active_dialog
    assert isinstance(confirm, ConfirmAssignmentDialog) and confirm.isVisible()
    with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
        qtbot.mouseClick(confirm.confirm_button, Qt.MouseButton.LeftButton)
    shift = stored_shift(services, session_id, people["expired"])
    assert shift is not None and shift.sign_in == dt.time(15, 45)
    assert shift.confirmed_by == people["lead"]


@pytest.mark.usefixtures("us_english")
def test_a_past_sessions_volunteer_is_asked_the_time_whatever_the_clock(
    qtbot: QtBot, window: MainWindow, services: Services, people: dict[str, str]
) -> None:
    """A week-old session's register filled in now, at 4:00 PM (inside its hours, on
    another day): the time is asked, the session's start offered."""
    page = window.register
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.set_day(SESSION_DAY - dt.timedelta(days=7))
    session_id, panel = open_panel(qtbot, page)
    panel.clock = lambda: dt.time(16, 0)
    panel.view.setFocus()
    panel.go_to(people["cleared"])
    qtbot.keyClick(panel.view, Qt.Key.Key_I)
    dialog = time_dialog(panel)
    assert dialog.time_edit.text() == "3:30\u202fPM"
    with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    assert stored_shift(services, session_id, people["cleared"]).sign_in == dt.time(15, 30)  # type: ignore[union-attr]
