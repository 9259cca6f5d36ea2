"""The Programme window by keyboard alone: New puts the keyboard in the form, every
label's Alt+key lands in a field, Tab walks out of the weekly meetings, and a closure
day is confirmed in the window's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import HubRecord
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.programme import ProgrammeWindow
from tests.ui.conftest import programme_window


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> Iterator[ProgrammeWindow]:
    services.setup.save_hub(HubRecord(None, "Parque Lincoln Hub"))
    with programme_window(qtbot, services) as win:
        yield win


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_new_puts_the_keyboard_in_the_first_field(qtbot: QtBot, window: ProgrammeWindow) -> None:
    for page, first in (
        (window.hubs, window.hubs.name_edit),
        (window.ensembles, window.ensembles.name_edit),
        (window.staff, window.staff.name_edit),
    ):
        window.show_page(page)
        page.new_button.setFocus()
        qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
        assert focused() is first
        qtbot.keyClicks(first, "Cuerdas")
        assert first.text() == "Cuerdas"
        first.clear()  # typed away again: the next page is shown without a question


def test_each_label_of_the_ensemble_form_takes_the_keyboard_to_its_field(
    qtbot: QtBot, window: ProgrammeWindow
) -> None:
    page = window.ensembles
    window.show_page(page)
    page.name_edit.setFocus()
    for letter, field in (
        (Qt.Key.Key_G, page.grade_min_box),
        (Qt.Key.Key_D, page.first_day.check),
        (Qt.Key.Key_M, page.meetings.table),
        (Qt.Key.Key_K, page.follows_terms),
        (Qt.Key.Key_T, page.teacher_box),
    ):
        qtbot.keyClick(focused(), letter, Qt.KeyboardModifier.AltModifier)
        assert focused() is field, letter
    page.meetings.add_meeting()
    qtbot.keyClick(focused(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Remove meeting
    qtbot.waitUntil(lambda: page.meetings.table.rowCount() == 0, timeout=20_000)


def test_tab_walks_through_the_weekly_meetings_and_out_to_add_meeting(
    qtbot: QtBot, window: ProgrammeWindow
) -> None:
    page = window.ensembles
    window.show_page(page)
    page.meetings.add_meeting()
    page.meetings.add_meeting()
    table = page.meetings.table
    table.cellWidget(0, 0).setFocus()
    seen: list[QWidget | None] = []
    for _ in range(20):  # a day box, each time box's hour, minute and AM/PM, the table
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused())
        if focused() is page.meetings.add_button:
            break
    assert focused() is page.meetings.add_button
    assert table.cellWidget(1, 2) in seen  # the second meeting's end on the way


@pytest.fixture
def spanish(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translator(app, QLocale("es_MX"))
    QLocale.setDefault(QLocale("es_MX"))
    yield
    QLocale.setDefault(QLocale("en_US"))
    install_translator(app, QLocale("en_US"))


def test_a_closure_day_is_confirmed_in_spanish(
    qtbot: QtBot, spanish: None, window: ProgrammeWindow
) -> None:
    calendar = window.calendar
    window.show_page(calendar)
    calendar.closure_date.selectAll()
    qtbot.keyClicks(calendar.closure_date, "7/9/2026")  # day/month in Spanish
    calendar.closure_reason.setText("Día del Trabajo")
    with qtbot.waitSignal(calendar.saved, timeout=20_000):
        calendar.add_closure_button.click()
    assert calendar.message.text() == "lun 7 sep 2026 está cerrado: no hay sesiones ese día."


def test_typing_a_new_record_while_the_last_save_finishes_is_kept(
    qtbot: QtBot, window: ProgrammeWindow, services: Services
) -> None:
    """Save, then New and type at once (a first save can take seconds): when the save
    finishes, the form keeps what is being typed instead of showing the saved record."""
    page = window.hubs
    window.show_page(page)
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    qtbot.keyClicks(page.name_edit, "Escuela Cedros")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.save_button.setFocus()
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)  # saves in the background
        qtbot.keyClick(page.new_button, Qt.Key.Key_Space)  # before the save is back
        qtbot.keyClicks(page.name_edit, "Parque Oeste")
    assert page.name_edit.text() == "Parque Oeste"
    assert page.current_id is None  # still a new record: Save adds a third hub
    assert "Escuela Cedros" in [h.name for h in services.hubs.hubs()]
    qtbot.keyClicks(page.name_edit, " Hub")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert sorted(h.name for h in services.hubs.hubs()) == [
        "Escuela Cedros",
        "Parque Lincoln Hub",
        "Parque Oeste Hub",
    ]
    assert page.name_edit.text() == "Parque Oeste Hub" and page.current_id is not None


def test_a_new_staff_members_hubs_stay_ticked_while_the_last_save_finishes(
    qtbot: QtBot, window: ProgrammeWindow, services: Services
) -> None:
    page = window.staff
    window.show_page(page)
    qtbot.waitUntil(lambda: page.hubs_list.count() == 1, timeout=20_000)
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    qtbot.keyClicks(page.name_edit, "Rosa Campos")
    # a new staff member of a one-hub programme comes ticked at it: untick Rosa's
    page.hubs_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
        qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
        qtbot.keyClicks(page.name_edit, "Tomas Vidal")
        page.hubs_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert page.name_edit.text() == "Tomas Vidal"
    assert page.hubs_list.item(0).checkState() == Qt.CheckState.Checked
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    saved = {s.name: s.hubs for s in services.setup.staff()}
    assert len(saved["Tomas Vidal"]) == 1 and not saved["Rosa Campos"]


def test_meeting_times_are_typed_whole_or_refused(
    qtbot: QtBot, window: ProgrammeWindow, services: Services
) -> None:
    """A weekly meeting's times are typed as people write them ("4pm", "17:45"); a time
    that is none ("25:00") is refused with an example, and nothing is saved."""
    page = window.ensembles
    window.show_page(page)
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    qtbot.keyClicks(page.name_edit, "Mariachi")
    page.meetings.add_meeting()
    start = page.meetings.table.cellWidget(0, 1)
    end = page.meetings.table.cellWidget(0, 2)
    start.setFocus()
    qtbot.keyClicks(start, "4pm")
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    assert focused() is end
    qtbot.keyClicks(end, "25:00")
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert "“25:00” is not a time" in page.message.text()
    assert focused() is end and end.selectedText() == "25:00"  # typed over next
    assert [e.name for e in services.setup.ensembles(page.hub_id or "")] == []
    qtbot.keyClicks(end, "17:45")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    (saved,) = services.setup.ensembles(page.hub_id or "")
    assert saved.slots == ((0, dt.time(16, 0), dt.time(17, 45)),)
    assert start.text() == "4:00\u202fPM" and end.text() == "5:45\u202fPM"  # as the window writes
