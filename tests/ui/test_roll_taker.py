"""Who takes the roll: by default the session's teacher (not the first name in the list),
changeable in the register, remembered for that session; a session with no teacher is
taken by whoever was chosen last on this laptop. Every mark records the person."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.store.models import AttendanceMark, Ensemble, Staff
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import HubFixture

SATURDAY = dt.date(2026, 9, 19)  # Choir meets on Saturdays


def open_session(qtbot: QtBot, window: MainWindow, row: int = 0) -> str:
    page = window.register
    page.sessions_view.setFocus()
    page.sessions_view.setCurrentIndex(page.sessions_model.index(row, 0))
    qtbot.keyClick(page.sessions_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.roll_ready, timeout=20_000)
    assert page.session is not None
    return page.session.id


def mark_current(qtbot: QtBot, window: MainWindow, key: str = "P") -> None:
    page = window.register
    with qtbot.waitSignal(page.markSaved, timeout=20_000):
        qtbot.keyClick(page.roll_view, key)


def recorded_by(services: Services, session_id: str) -> list[str | None]:
    with services.store.read() as s:
        marks = s.exec(
            AttendanceMark.__table__.select().where(  # type: ignore[attr-defined]
                AttendanceMark.session_id == session_id
            )
        ).all()
    return sorted({m.recorded_by for m in marks if m.code})  # type: ignore[type-var]


def test_the_session_teacher_takes_the_roll_unless_someone_else_is_chosen(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    with services.store.write() as w:
        early = w.insert(
            Staff(name="Aaron Early", role="teacher", hubs=json.dumps([hub.hub_id]))
        )  # first in the list, and not this ensemble's teacher
        w.update(w.get(Ensemble, hub.second_ensemble_id), teacher_id=None)
    services.enrollment.enroll(hub.student_ids[0], hub.second_ensemble_id, hub.start)
    window = MainWindow(services, hub.hub_id, today=dt.date(2026, 9, 14), auto_sync=False)
    qtbot.addWidget(window)
    page = window.register
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        window.show()
    assert [page.staff_box.itemText(i) for i in range(page.staff_box.count())] == [
        "Aaron Early",
        "Teacher One",
    ]

    strings = open_session(qtbot, window)
    assert page.staff_box.currentText() == "Teacher One"  # the ensemble's teacher
    mark_current(qtbot, window)
    assert recorded_by(services, strings) == [hub.teacher_id]

    # a substitute takes over this roll: chosen in the register, kept for this session
    page.staff_box.setCurrentIndex(page.staff_box.findData(early.id))
    mark_current(qtbot, window)
    assert recorded_by(services, strings) == sorted([hub.teacher_id, early.id])

    # Choir on Saturday has no teacher: the one chosen last on this laptop takes it
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.set_day(SATURDAY)
    choir = open_session(qtbot, window)
    assert page.staff_box.currentText() == "Aaron Early"
    mark_current(qtbot, window)
    assert recorded_by(services, choir) == [early.id]

    # back on Monday the substitute is still shown for that roll
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.set_day(dt.date(2026, 9, 14))
    open_session(qtbot, window)
    assert page.staff_box.currentText() == "Aaron Early"
    window.shutdown()


def test_two_staff_of_one_name_are_told_apart_by_their_emails(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    with services.store.write() as w:
        chosen = None
        for email in ("ana.garcia@example.org", "agarcia@example.org"):
            row = w.insert(
                Staff(name="Ana García", role="teacher", email=email, hubs=json.dumps([hub.hub_id]))
            )
            chosen = chosen or row.id
    window = MainWindow(services, hub.hub_id, today=dt.date(2026, 9, 14), auto_sync=False)
    qtbot.addWidget(window)
    page = window.register
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        window.show()
    offered = [page.staff_box.itemText(i) for i in range(page.staff_box.count())]
    # The shared name with each one's email; a name of one person stays bare.
    assert sorted(offered) == [
        "Ana García <agarcia@example.org>",
        "Ana García <ana.garcia@example.org>",
        "Teacher One",
    ]
    page.staff_box.setCurrentIndex(page.staff_box.findText("Ana García <ana.garcia@example.org>"))
    strings = open_session(qtbot, window)
    page.staff_box.setCurrentIndex(page.staff_box.findText("Ana García <ana.garcia@example.org>"))
    mark_current(qtbot, window)
    assert recorded_by(services, strings) == [chosen]
