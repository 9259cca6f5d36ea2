"""Opening a roll on this computer's certainly wrong "today" (a dead battery's date, a
BIOS date) writes nothing: the roll shows the students expected, read from the day's
list, and the session is stored only with the first write that goes ahead after the
wrong-day question, in that write's transaction. On a right day, opening the roll
stores the session as before (other laptops and the roll completion report see that
the roll was opened)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from harmony_desktop.services.context import Services
from harmony_desktop.store import settings as local
from harmony_desktop.ui.register.day import DayView
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.tasks import Changes, TaskManager
from tests.factories import HubFixture
from tests.ui.test_clock_behind import (
    BIOS,
    MONDAY,
    RECORDED,
    add_volunteers,
    ms,
    open_window,
    open_with_volunteers,
    recorded_hub,
    shift_status,
    stored_codes,
    zone,
)
from tests.ui.test_roll_taker import open_session

__all__ = ["recorded_hub", "zone"]  # fixtures

#: The afternoon of the last recorded change, Thursday 3 December 2026 (13:45 in Mexico
#: City): a right day, while Beginning Strings meets (15:30-17:00 every weekday).
THURSDAY = RECORDED + dt.timedelta(hours=3)


def count(services: Services, table: str) -> int:
    with services.store.read() as s:
        return int(s.exec(text(f"SELECT count(*) FROM {table}")).one()[0])  # type: ignore[call-overload]


def stored_session(services: Services, session_id: str) -> tuple[str, str] | None:
    """(date, status) of the stored session, or None."""
    with services.store.read() as s:
        row = s.exec(  # type: ignore[call-overload]
            text("SELECT date, status FROM session WHERE id = :id AND deleted = 0"),
            params={"id": session_id},
        ).first()
    return None if row is None else (str(row[0]), str(row[1]))


class Added:
    """What was written since it was made: session rows, marks, shifts, outbox
    entries, and write transactions (``Store.write`` blocks, on any thread)."""

    TABLES = ("session", "attendance_mark", "volunteer_shift", "outbox")

    def __init__(self, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
        self.services = services
        self.writes = 0
        real = services.store.write

        def counted():  # type: ignore[no-untyped-def]
            self.writes += 1
            return real()

        monkeypatch.setattr(services.store, "write", counted)
        self.before = self._now()

    def _now(self) -> list[int]:
        return [count(self.services, table) for table in self.TABLES]

    def __call__(self) -> dict[str, int]:
        names = ("sessions", "marks", "shifts", "outbox")
        return {
            **{n: a - b for n, a, b in zip(names, self._now(), self.before, strict=True)},
            "writes": self.writes,
        }


NOTHING = {"sessions": 0, "marks": 0, "shifts": 0, "outbox": 0, "writes": 0}


@pytest.fixture
def added(services: Services, monkeypatch: pytest.MonkeyPatch) -> Iterator[Added]:
    """Counts from when the test asks for it (after the hub was made)."""
    yield Added(services, monkeypatch)


def go_on(qtbot: QtBot, page: RegisterPage, signal: object) -> None:
    """The wrong-day question is open: "Take roll anyway", and wait for ``signal``."""
    box = page.active_dialog or page.volunteers.active_dialog
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Check this computer's date"
    button = next(b for b in box.buttons() if b.text() == "Take roll anyway")
    with qtbot.waitSignal(signal, timeout=20_000):
        button.click()


def progress(page: RegisterPage) -> str:
    return page.progress_label.accessibleDescription()


def test_opening_the_roll_on_the_wrong_today_writes_nothing_until_a_mark_goes_ahead(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    added = Added(services, monkeypatch)
    try:
        assert page.clock_behind is not None and page.clock_behind.certain
        monday = open_session(qtbot, window)
        # The roll is there: the 8 students expected, none marked ...
        assert page.roll_model.rowCount() == 8
        assert progress(page) == "0 of 8 marked · 8 not recorded"
        assert page.roll.current_entry() is not None
        # ... and nothing was written: no session dated 14 September 2026, nothing to send.
        assert stored_session(services, monday) is None
        assert added() == NOTHING

        # Something else changed (a sync, say): the roll is read again, still not stored.
        with qtbot.waitSignal(page.volunteers.loaded, timeout=20_000):
            window.tasks.notify(Changes(marks=True, sessions=True), None)
        qtbot.wait(50)
        assert page.save_label.text() == ""
        assert page.roll_model.rowCount() == 8

        # The first key asks; Escape writes nothing.
        qtbot.keyClick(page.roll_view, "P")
        box = page.active_dialog
        assert isinstance(box, QMessageBox)
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
        assert added() == NOTHING

        # Asked again and the teacher goes on: the session and the mark in ONE
        # transaction, an outbox entry each; the session held at once.
        first = page.roll.current_entry()
        assert first is not None
        qtbot.keyClick(page.roll_view, "P")
        go_on(qtbot, page, page.markSaved)
        assert added() == {"sessions": 1, "marks": 1, "shifts": 0, "outbox": 2, "writes": 1}
        assert stored_session(services, monday) == ("2026-09-14", "held")
        assert stored_codes(services, monday) == ["P"]
        assert progress(page) == "1 of 8 marked · 7 not recorded"
        assert page.roll.current_entry() != first  # on to the next student

        # Undo and redo work on it as on any roll (the session stays).
        # (the window comes back to the front after the question: offscreen has no window
        # manager to do it)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=20_000)
        page.roll_view.setFocus()
        qtbot.keyClick(page.roll_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert stored_codes(services, monday) == []
        assert progress(page) == "0 of 8 marked · 8 not recorded"
        qtbot.keyClick(page.roll_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert stored_codes(services, monday) == ["P"]
        assert progress(page) == "1 of 8 marked · 7 not recorded"

        # The next student's key marks at once (redo went back to the first one).
        redone = page.roll.current_entry()
        assert redone is not None and redone.student_id == first.student_id
        qtbot.keyClick(page.roll_view, Qt.Key.Key_Down)
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        assert page.active_dialog is None
        assert stored_codes(services, monday) == ["P", "P"]
        assert progress(page) == "2 of 8 marked · 6 not recorded"
        assert added()["sessions"] == 1
    finally:
        window.shutdown()


def test_mark_all_remaining_present_first_stores_the_session_with_every_mark(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    added = Added(services, monkeypatch)
    try:
        monday = open_session(qtbot, window)
        qtbot.keyClick(page.roll_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert added() == NOTHING
        go_on(qtbot, page, page.editor.stored)
        assert added() == {"sessions": 1, "marks": 8, "shifts": 0, "outbox": 9, "writes": 1}
        assert stored_session(services, monday) == ("2026-09-14", "held")
        assert progress(page) == "Roll taken: all 8 marked"
        window.activateWindow()  # after the question (offscreen has no window manager)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=20_000)
        page.roll_view.setFocus()
        qtbot.keyClick(page.roll_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert stored_codes(services, monday) == []
        assert progress(page) == "0 of 8 marked · 8 not recorded"
    finally:
        window.shutdown()


def test_a_note_first_stores_the_session_with_the_note(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harmony_desktop.ui.register.dialogs import NoteDialog

    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    added = Added(services, monkeypatch)
    try:
        monday = open_session(qtbot, window)
        qtbot.keyClick(page.roll_view, "N")
        box = page.active_dialog
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if b.text() == "Take roll anyway")
        button.click()
        qtbot.waitUntil(lambda: isinstance(page.active_dialog, NoteDialog), timeout=20_000)
        assert added() == NOTHING  # the question answered writes nothing by itself
        dialog = page.active_dialog
        assert isinstance(dialog, NoteDialog)
        dialog.edit.setPlainText("Came with a cast")
        with qtbot.waitSignal(page.editor.stored, timeout=20_000):
            qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        assert added() == {"sessions": 1, "marks": 1, "shifts": 0, "outbox": 2, "writes": 1}
        # No code yet: the session is stored scheduled, and nobody is marked.
        assert stored_session(services, monday) == ("2026-09-14", "scheduled")
        assert stored_codes(services, monday) == []
        assert progress(page) == "0 of 8 marked · 8 not recorded"
    finally:
        window.shutdown()


def test_a_volunteer_signed_in_first_stores_the_session_with_the_shift(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = add_volunteers(services, recorded_hub)
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    panel = page.volunteers
    added = Added(services, monkeypatch)
    try:
        monday = open_with_volunteers(qtbot, window)
        # The volunteers of the session not stored are listed, judged as before.
        assert panel.model.rowCount() == 2
        assert panel.save_label.text() == ""
        assert added() == NOTHING
        panel.go_to(people["Vera"])
        panel.view.setFocus()
        qtbot.keyClick(panel.view, "I")
        assert added() == NOTHING
        go_on(qtbot, page, panel.shiftSaved)
        assert added() == {"sessions": 1, "marks": 0, "shifts": 1, "outbox": 2, "writes": 1}
        assert stored_session(services, monday) == ("2026-09-14", "scheduled")
        assert shift_status(services, monday, people["Vera"]) == "attended"
        # The roll's first mark then writes the mark (and the session held) alone.
        page.roll_view.setFocus()
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        assert page.active_dialog is None
        assert stored_session(services, monday) == ("2026-09-14", "held")
        assert added() == {"sessions": 1, "marks": 1, "shifts": 1, "outbox": 4, "writes": 2}
    finally:
        window.shutdown()


def test_enter_before_the_clock_was_compared_writes_nothing_either(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's first paint: Enter pressed as the window opens, while the register's
    first comparison of the clock has not answered yet. The opening compares it."""
    services.store.wall = lambda: ms(BIOS)
    sessions = services.sessions.for_day(recorded_hub.hub_id, MONDAY)
    compared = threading.Event()
    real = services.clock.behind
    calls: list[int] = []

    def slow():  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:  # the register's own comparison, held back
            compared.wait(5)
        return real()

    monkeypatch.setattr(services.clock, "behind", slow)
    tasks = TaskManager(services)
    page = RegisterPage(
        services, recorded_hub.hub_id, tasks, today=MONDAY, first=DayView(MONDAY, sessions, [])
    )
    qtbot.addWidget(page)
    page.show()
    added = Added(services, monkeypatch)
    try:
        page.attach()
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=20_000)  # comparing, not answered
        assert page.clock_behind is None
        page.sessions_view.setFocus()
        page.sessions_view.setCurrentIndex(page.sessions_model.index(0, 0))
        qtbot.keyClick(page.sessions_view, Qt.Key.Key_Return)
        compared.set()
        qtbot.waitUntil(lambda: page.roll_ready, timeout=20_000)
        assert page.clock_behind is not None and page.clock_behind.certain
        assert page.roll_model.rowCount() == 8
        assert page.session is not None
        assert stored_session(services, page.session.id) is None
        assert added() == NOTHING
        # The key asks, as on that wrong "today" it must.
        qtbot.keyClick(page.roll_view, "P")
        assert isinstance(page.active_dialog, QMessageBox)
        page.active_dialog.reject()
    finally:
        compared.set()
        page.shutdown()
        tasks.shutdown()


def test_on_a_right_day_opening_the_roll_stores_the_session_as_before(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today is right (or may be: the amber band): opening stores the session at once,
    scheduled, one outbox entry; the first mark asks nothing."""
    for now, last_sync in ((THURSDAY, RECORDED), (BIOS, BIOS - dt.timedelta(days=3))):
        services.store.settings.set(local.SYNC_LAST_SUCCESS, last_sync)
        window = open_window(qtbot, services, recorded_hub, now)
        page = window.register
        added = Added(services, monkeypatch)
        try:
            assert page.clock_behind is None or not page.clock_behind.certain
            session = open_session(qtbot, window)
            day = now.astimezone().date().isoformat()
            assert stored_session(services, session) == (day, "scheduled")
            assert added() == {"sessions": 1, "marks": 0, "shifts": 0, "outbox": 1, "writes": 1}
            with qtbot.waitSignal(page.markSaved, timeout=20_000):
                qtbot.keyClick(page.roll_view, "P")
            assert page.active_dialog is None
            assert stored_session(services, session) == (day, "held")
        finally:
            window.shutdown()
