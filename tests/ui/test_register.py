"""The register window driven as a teacher would; every test checks what the store holds."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlmodel import select

from harmony_desktop.domain.vocab import SessionStatus
from harmony_desktop.services.context import Services
from harmony_desktop.services.roll import MarkState
from harmony_desktop.services.sessions import RollState
from harmony_desktop.store.models import ClassSession
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import (
    AdHocDialog,
    ArrivalDialog,
    CancelDialog,
    DepartureDialog,
    NoteDialog,
)
from harmony_desktop.ui.register.models import RollColumn, RollOrder
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.tasks import Changes
from tests.factories import HubFixture
from tests.ui.conftest import TODAY


def open_first_session(qtbot: QtBot, page: RegisterPage) -> str:
    """Keyboard: focus the sessions list, Enter opens the current (first) session."""
    page.sessions_view.setFocus()
    if not page.sessions_view.currentIndex().isValid():
        page.sessions_view.setCurrentIndex(page.sessions_model.index(0, 0))
    qtbot.keyClick(page.sessions_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.roll_ready, timeout=20_000)
    assert page.session is not None
    return page.session.id


def stored_marks(services: Services, session_id: str) -> dict[str, MarkState]:
    """What the store holds for each student of the session."""
    return {e.student_id: e.mark for e in services.roll.roll(session_id)}


def test_opens_on_today_with_sessions_and_status(
    qtbot: QtBot, window: MainWindow, hub: HubFixture, services: Services, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    page = window.register
    assert page.day == TODAY
    assert page.sessions_model.rowCount() == 1
    info = page.sessions_model.session(0)
    assert info.ensemble_name == "Beginning Strings" and info.state == RollState.NOT_STARTED
    assert page.sessions_model.index(0, 2).data() == "Not started"
    assert "Test Park Hub" in window.hub_label.text()
    assert "14 Sep 2026" in window.date_label.text()
    status = window.sync_ui.status
    qtbot.waitUntil(lambda: "never" in status.last_label.text(), timeout=20_000)
    pending = services.store.pending_changes()  # the hub set up offline, waiting
    assert status.pending_label.text() == f"{pending} changes waiting"
    assert "Test Park Hub" in window.windowTitle()
    qtmodeltester.check(page.sessions_model)


def test_opening_a_roll_records_nothing(
    qtbot: QtBot, page: RegisterPage, services: Services, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    session_id = open_first_session(qtbot, page)
    assert page.roll_model.rowCount() == 8
    assert all(m.code is None for m in stored_marks(services, session_id).values())
    shown = {page.roll_model.index(r, RollColumn.MARK).data() for r in range(8)}
    assert shown == {"Not recorded"}
    assert "0 of 8 marked" in page.progress_label.text()
    qtmodeltester.check(page.roll_model)


def test_take_full_roll_by_keyboard(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    page = window.register
    session_id = open_first_session(qtbot, page)
    order = [e.student_id for e in page.roll_model.entries()]
    view = page.roll_view
    assert view.currentIndex().row() == 0

    qtbot.keyClicks(view, "pp")  # rows 0, 1 present
    qtbot.keyClick(view, Qt.Key.Key_L)  # row 2 late: asks for the arrival time
    late = page.active_dialog
    assert isinstance(late, ArrivalDialog)
    late.time_edit.setTime(QTime(15, 47))
    qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    qtbot.keyClick(view, Qt.Key.Key_A)  # row 3 excused absence
    qtbot.keyClick(view, Qt.Key.Key_U)  # row 4 unexcused absence
    qtbot.keyClick(view, Qt.Key.Key_O)  # row 5 off-site
    qtbot.keyClick(view, Qt.Key.Key_E)  # row 6 left early: time, reason, pickups
    departure = page.active_dialog
    assert isinstance(departure, DepartureDialog)
    safety = departure.safety.text()
    chooser = departure.chooser.choices
    choices = [chooser.item(i).text() for i in range(chooser.count())]
    assert "(323) 555-" in choices[0] and "walk home" in safety
    departure.time_edit.setTime(QTime(16, 20))
    departure.reason_box.setCurrentIndex(departure.reason_box.findData("medical"))
    qtbot.keyClick(departure.time_edit, Qt.Key.Key_Return)  # nobody chosen yet: refused
    assert page.active_dialog is departure and "Choose who collected" in departure.error.text()
    qtbot.keyClick(departure.chooser.choices, Qt.Key.Key_Down)  # the first authorised adult
    qtbot.keyClick(departure.chooser.choices, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    qtbot.keyClick(view, Qt.Key.Key_1)  # row 7 by digit: the first code, present

    marks = stored_marks(services, session_id)
    codes = [marks[sid].code for sid in order]
    assert codes == ["P", "P", "L", "AE", "AU", "OS", "LE", "P"]
    assert marks[order[2]].arrival_time == dt.time(15, 47)
    assert marks[order[6]].departure_time == dt.time(16, 20)
    assert marks[order[6]].reason == "medical"
    assert marks[order[6]].collected_by.startswith("Guardian ")
    assert marks[order[6]].collected_at == dt.time(16, 20)
    entry = services.roll.roll(session_id)[0]
    assert entry.recorded_by == hub.teacher_id
    assert services.sessions.get(session_id).state == RollState.ROLL_TAKEN
    assert page.sessions_model.index(0, 2).data() == "Roll taken"
    assert "Saved" in page.save_label.text()
    # The status bar's count follows the change notice, read in the background.
    pending = services.store.pending_changes()
    assert pending > 0
    waiting = window.sync_ui.status.pending_label
    qtbot.waitUntil(lambda: waiting.text() == f"{pending} changes waiting", timeout=20_000)


def test_marks_are_counted_for_sync_in_the_background(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key press stores the mark and nothing else: the status bar's count of changes
    waiting is read afterwards, off the UI thread, because the change notice said so."""
    from harmony_desktop.services.sync import SyncService

    on_ui_thread: list[bool] = []
    read_status = SyncService.status

    def status(service: SyncService):  # type: ignore[no-untyped-def]
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return read_status(service)

    monkeypatch.setattr(SyncService, "status", status)
    page = window.register
    open_first_session(qtbot, page)
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=20_000)
    on_ui_thread.clear()
    qtbot.keyClicks(page.roll_view, "ppa")
    assert on_ui_thread == []  # the key presses read no status
    pending = services.store.pending_changes()
    waiting = window.sync_ui.status.pending_label
    qtbot.waitUntil(lambda: waiting.text() == f"{pending} changes waiting", timeout=20_000)
    assert on_ui_thread and not any(on_ui_thread)


def test_an_open_roll_follows_changes_made_elsewhere(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    page = window.register
    session_id = open_first_session(qtbot, page)
    view = page.roll_view
    qtbot.keyClick(view, Qt.Key.Key_P)  # row 0 present; the cursor moves to row 1
    other = page.roll_model.entry(3).student_id
    services.roll.mark(session_id, other, "AE", by=None)  # as a sync would write it
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        window.tasks.notify(Changes(marks=True), None)
    qtbot.waitUntil(lambda: page.roll_model.entry(3).mark.code == "AE", timeout=20_000)
    assert view.currentIndex().row() == 1  # the teacher's place is kept
    assert "2 of 8 marked" in page.progress_label.text()
    assert page.sessions_model.session(0).recorded == 2
    qtbot.keyClick(view, Qt.Key.Key_P)  # and marking carries on
    assert stored_marks(services, session_id)[page.roll_model.entry(1).student_id].code == "P"


def test_departure_shows_custody_restriction_and_walk_home(
    qtbot: QtBot, page: RegisterPage, services: Services, hub: HubFixture
) -> None:
    student = hub.student_ids[1]  # i=1: may not walk home (factories: i % 3 == 0 may)
    services.roster.add_contact(
        student,
        name="Parent Two",
        relationship="father",
        custody_restriction="Court order: no contact with father",
    )
    session_id = open_first_session(qtbot, page)
    row = page.roll_model.row_of(student)
    assert "Custody" in page.roll_model.index(row, RollColumn.ALERTS).data()
    page.roll_view.setCurrentIndex(page.roll_model.index(row, RollColumn.MARK))
    qtbot.keyClick(page.roll_view, Qt.Key.Key_E)
    dialog = page.active_dialog
    assert isinstance(dialog, DepartureDialog)
    text = dialog.safety.text()
    assert "Court order: no contact with father" in text and "Custody restriction" in text
    assert "May NOT walk home" in text
    dialog.reject()  # Escape: nothing is written
    assert stored_marks(services, session_id)[student].code is None


def test_correct_a_mark_then_undo_and_redo(
    qtbot: QtBot, page: RegisterPage, services: Services
) -> None:
    session_id = open_first_session(qtbot, page)
    first = page.roll_model.entry(0).student_id
    view = page.roll_view
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert stored_marks(services, session_id)[first].code == "P"
    qtbot.keyClick(view, Qt.Key.Key_K)  # back up to the first student
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_U)  # correction: unexcused absence
    assert stored_marks(services, session_id)[first].code == "AU"

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_marks(services, session_id)[first].code == "P"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_marks(services, session_id)[first].code is None  # back to not recorded
    assert page.roll_model.index(0, RollColumn.MARK).data() == "Not recorded"
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_marks(services, session_id)[first].code == "P"
    qtbot.mouseClick(page.redo_button, Qt.MouseButton.LeftButton)
    assert stored_marks(services, session_id)[first].code == "AU"

    # Delete sets a student back to not recorded, and that is undoable too.
    view.setCurrentIndex(page.roll_model.index(0, RollColumn.MARK))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored_marks(services, session_id)[first].code is None
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert stored_marks(services, session_id)[first].code == "AU"


def test_mark_all_remaining_present_is_one_undoable_step(
    qtbot: QtBot, page: RegisterPage, services: Services
) -> None:
    session_id = open_first_session(qtbot, page)
    first = page.roll_model.entry(0).student_id
    qtbot.keyClick(page.roll_view, Qt.Key.Key_A)
    qtbot.mouseClick(page.all_present_button, Qt.MouseButton.LeftButton)
    marks = stored_marks(services, session_id)
    assert marks[first].code == "AE"
    assert sum(1 for m in marks.values() if m.code == "P") == 7
    # (in whole words; a narrow roll shows "8 of 8 marked")
    assert "all 8 marked" in page.progress_label.accessibleDescription()
    assert page.progress_label.text() in ("Roll taken: all 8 marked", "8 of 8 marked")
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    marks = stored_marks(services, session_id)
    assert marks[first].code == "AE"
    assert sum(1 for m in marks.values() if m.code is None) == 7


def test_note_on_a_mark(qtbot: QtBot, page: RegisterPage, services: Services) -> None:
    session_id = open_first_session(qtbot, page)
    student = page.roll_model.entry(0).student_id
    qtbot.keyClick(page.roll_view, Qt.Key.Key_N)
    dialog = page.active_dialog
    assert isinstance(dialog, NoteDialog)
    qtbot.keyClicks(dialog.edit, "Forgot violin")
    dialog.accept()
    assert stored_marks(services, session_id)[student].note == "Forgot violin"
    assert stored_marks(services, session_id)[student].code is None  # a note is not a mark
    assert "Forgot violin" in page.roll_model.index(0, RollColumn.NOTE).data()


def test_cancel_and_restore_a_session(qtbot: QtBot, page: RegisterPage, services: Services) -> None:
    session_id = open_first_session(qtbot, page)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert isinstance(dialog, CancelDialog)
    dialog.accept()  # no reason: refused, the dialog stays open
    assert dialog.isVisible() and dialog.error.isVisible()
    assert services.sessions.get(session_id).status != SessionStatus.CANCELLED
    dialog.reason_box.setCurrentText("Park flooded")
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        dialog.accept()
    info = services.sessions.get(session_id)
    assert info.status == SessionStatus.CANCELLED and info.cancel_reason == "Park flooded"
    assert page.sessions_model.index(0, 2).data() == "Cancelled"
    assert "Park flooded" in page.cancelled_label.text()
    assert not page.code_buttons["P"].isEnabled()
    qtbot.keyClick(page.roll_view, Qt.Key.Key_P)  # marking a cancelled session does nothing
    assert all(m.code is None for m in stored_marks(services, session_id).values())

    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert services.sessions.get(session_id).status == SessionStatus.SCHEDULED
    assert page.code_buttons["P"].isEnabled()


def test_find_and_fix_a_missing_roll(
    qtbot: QtBot, page: RegisterPage, services: Services, hub: HubFixture
) -> None:
    assert page.missing_banner.isVisible()
    oldest = page.missing[0]
    assert oldest.date == dt.date(2026, 9, 1)
    with qtbot.waitSignal(page.rollOpened, timeout=20_000) as opened:
        qtbot.mouseClick(page.missing_button, Qt.MouseButton.LeftButton)
    assert opened.args[0] == oldest.id
    assert page.day == oldest.date
    assert page.past_label.isVisible()
    assert page.sessions_model.index(0, 2).data() == "Missing roll"
    pending = services.store.pending_changes()
    qtbot.mouseClick(page.all_present_button, Qt.MouseButton.LeftButton)
    assert services.sessions.get(oldest.id).state == RollState.ROLL_TAKEN
    # The correction is tracked for sync like any other change.
    assert services.store.pending_changes() >= pending + len(hub.student_ids)
    assert oldest.id not in {m.id for m in services.sessions.missing_rolls(hub.hub_id, TODAY)}

    # The flag's links lead straight to a session too.
    before = len(page.missing)
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.reload_day()
    assert len(page.missing) == before - 1
    target = page.missing[-1]
    with qtbot.waitSignal(page.rollOpened, timeout=20_000) as opened:
        page.missing_label.linkActivated.emit(target.id)
    assert opened.args[0] == target.id and page.day == target.date


def test_add_an_ad_hoc_performance(
    qtbot: QtBot, page: RegisterPage, services: Services, hub: HubFixture
) -> None:
    qtbot.mouseClick(page.add_session_button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert isinstance(dialog, AdHocDialog)
    dialog.ensemble_box.setCurrentIndex(dialog.ensemble_box.findData(hub.ensemble_id))
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("performance"))
    qtbot.keyClicks(dialog.title_edit, "Winter concert")
    dialog.start_edit.setTime(QTime(18, 0))
    dialog.end_edit.setTime(QTime(19, 30))
    with qtbot.waitSignal(page.rollOpened, timeout=20_000) as opened:
        dialog.accept()
    sessions = services.sessions.for_day(hub.hub_id, TODAY)
    added = next(s for s in sessions if s.title == "Winter concert")
    assert added.id == opened.args[0]
    assert added.kind == "performance" and not added.on_site
    assert added.start == dt.time(18, 0)
    assert page.sessions_model.rowCount() == 2
    qtbot.keyClick(page.roll_view, Qt.Key.Key_O)
    assert sum(1 for m in stored_marks(services, added.id).values() if m.code == "OS") == 1


def test_sort_order_is_the_teachers_choice(qtbot: QtBot, page: RegisterPage) -> None:
    open_first_session(qtbot, page)
    by_last = [tuple(e.sort_name.split(", ")) for e in page.roll_model.entries()]
    assert by_last == sorted(by_last)
    current = page.roll_model.entry(2).student_id
    page.roll_view.setCurrentIndex(page.roll_model.index(2, RollColumn.MARK))
    page.order_box.setCurrentIndex(page.order_box.findData(RollOrder.FIRST_NAME))
    names = [e.display_name.casefold() for e in page.roll_model.entries()]
    assert names == sorted(names)
    assert page.roll_model.entry(page.roll_view.currentIndex().row()).student_id == current


def test_other_dates_and_no_sessions(qtbot: QtBot, page: RegisterPage, services: Services) -> None:
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.mouseClick(page.next_day_button, Qt.MouseButton.LeftButton)
    assert page.day == TODAY + dt.timedelta(days=1)
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.set_day(dt.date(2026, 9, 13))  # a Sunday: nothing meets
    assert page.sessions_model.rowCount() == 0 and page.no_sessions_label.isVisible()
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.day == TODAY and page.sessions_model.rowCount() == 1
    with services.store.read() as s:  # browsing days stores nothing
        assert s.exec(select(ClassSession)).all() == []


CONTROLS = (
    QAbstractButton,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
)


def unnamed_controls(top: QWidget) -> list[str]:
    """Visible controls under ``top`` without an accessible name (Qt's inner parts aside)."""
    found = []
    for w in top.findChildren(QWidget):
        parent = w.parentWidget()
        if (
            not isinstance(w, CONTROLS)
            or not w.isVisible()
            or w.accessibleName()
            or w.objectName().startswith("qt_")
            or isinstance(parent, QAbstractSpinBox | QComboBox)  # their own line edit
            or type(w).__name__ in {"QCalendarWidget", "QTableCornerButton"}
        ):
            continue
        found.append(f"{type(w).__name__}:{w.objectName()}")
    return found


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    page = window.register
    open_first_session(qtbot, page)
    assert unnamed_controls(window) == []
    qtbot.keyClick(page.roll_view, Qt.Key.Key_E)
    assert page.active_dialog is not None
    assert unnamed_controls(page.active_dialog) == []
    page.active_dialog.close()
    qtbot.keyClick(page.roll_view, Qt.Key.Key_L)
    assert page.active_dialog is not None
    assert unnamed_controls(page.active_dialog) == []
    page.active_dialog.close()
    for dialog in (
        AdHocDialog([("e", "Strings")], TODAY, window),
        CancelDialog("Strings", window),
        NoteDialog("A student", "", window),
    ):
        dialog.show()
        unnamed = unnamed_controls(dialog)
        dialog.close()
        assert unnamed == []


@pytest.mark.parametrize("size", [(1280, 720)])
def test_layout_fits_a_small_laptop_screen(window: MainWindow, size: tuple[int, int]) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1]
    window.resize(*size)
    page = window.register
    right_edge = page.add_session_button.mapTo(window, page.add_session_button.rect().topRight())
    assert right_edge.x() <= size[0]


@pytest.mark.parametrize(
    ("locale", "evening", "session"),
    [
        ("en_US", "7:10\u202fPM", "3:30\u202fPM–5:00\u202fPM"),
        ("es_US", "7:10\u202fp.m.", "3:30\u202fp.m.–5:00\u202fp.m."),
    ],
)
def test_times_are_written_as_the_language_does(
    qtbot: QtBot, page: RegisterPage, locale: str, evening: str, session: str
) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        open_first_session(qtbot, page)
        qtbot.keyClick(page.roll_view, Qt.Key.Key_L)
        late = page.active_dialog
        assert isinstance(late, ArrivalDialog)
        late.time_edit.setTime(QTime(19, 10))
        assert late.time_edit.text() == evening  # not "19:10"
        qtbot.keyClick(late.time_edit, Qt.Key.Key_Return)
        assert evening in late.warning.text() and f"({session})" in late.warning.text()
        late.reject()
        qtbot.mouseClick(page.add_session_button, Qt.MouseButton.LeftButton)
        added = page.active_dialog
        assert isinstance(added, AdHocDialog)
        added.start_edit.setTime(QTime(18, 0))
        assert added.start_edit.text() == evening.replace("7:10", "6:00")
        added.reject()
    finally:
        QLocale.setDefault(before)
