"""A save refused after the form moved on: Save, then New (or another row) before the
save is stored, and the save is refused. What was typed comes back, on the row it was
typed on, with why; or, when something has been typed since, that stays and the message
says the refused entry was not saved. In English and Spanish, by keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import HubRecord, StaffRecord
from harmony_desktop.store.models import Staff
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.programme.pages import StaffPage
from tests.ui.conftest import programme_window

NO_NAME = {
    "en_US": "Give the staff member's name.",
    "es_MX": "Indique el nombre del miembro del personal.",
}
SHOWN_AGAIN = {
    "en_US": "What you typed is shown again, not saved: correct it and save again.",
    "es_MX": "Lo que escribió se muestra de nuevo, sin guardar: corríjalo y guarde otra vez.",
}
NOT_KEPT = {
    "en_US": "The entry before this one was not saved: type it again.",
    "es_MX": "El registro anterior a este no se guardó: escríbalo de nuevo.",
}


@pytest.fixture
def kim(services: Services) -> str:
    hub = services.setup.save_hub(HubRecord(None, "Parque Lincoln Hub"))
    services.setup.save_staff(StaffRecord(None, "Lee Teacher", "teacher", (hub,), "555-0102"))
    return services.setup.save_staff(StaffRecord(None, "Kim Lead", "site_lead", (hub,), "555-0101"))


@pytest.fixture
def window(qtbot: QtBot, services: Services, kim: str, language: str) -> Iterator[ProgrammeWindow]:
    with programme_window(qtbot, services) as win:
        qtbot.waitUntil(lambda: win.staff.model.rowCount() == 2, timeout=20_000)
        win.show_page(win.staff)
        yield win


def phone_of(services: Services, staff_id: str) -> str:
    with services.store.read() as s:
        return str(s.get(Staff, staff_id).phone)  # type: ignore[union-attr]


def type_on_kim(qtbot: QtBot, page: StaffPage, phone: str, *, no_name: bool) -> None:
    """On Kim Lead's row, by keyboard: a new phone, and (``no_name``) the name wiped, which
    the save refuses."""
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Home)  # Kim Lead (the list is by name)
    if no_name:
        page.name_edit.setFocus()
        qtbot.keyClick(page.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(page.name_edit, Qt.Key.Key_Delete)
    page.phone_edit.setFocus()
    qtbot.keyClick(page.phone_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.phone_edit, phone)


def test_a_refused_change_comes_back_on_its_row_after_new(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, kim: str, language: str
) -> None:
    page = window.staff
    type_on_kim(qtbot, page, "555-0199", no_name=True)
    assert page.current_id == kim
    with qtbot.waitSignal(page.failed, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
        qtbot.keyClick(page.new_button, Qt.Key.Key_Space)  # before the save is back
        assert page.current_id is None and page.phone_edit.text() == ""
    # back on Kim's row, the typed values kept, with why and what to do
    assert page.current_id == kim
    assert page.view.currentIndex().row() == 0
    assert page.name_edit.text() == "" and page.phone_edit.text() == "555-0199"
    assert page.message.text() == f"{NO_NAME[language]} {SHOWN_AGAIN[language]}"
    assert phone_of(services, kim) == "555-0101"
    assert page.has_changes()  # so another row or New asks before it goes
    page.name_edit.setFocus()
    qtbot.keyClicks(page.name_edit, "Kim Lead")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert phone_of(services, kim) == "555-0199"
    assert sorted(s.name for s in services.setup.staff()) == ["Kim Lead", "Lee Teacher"]


def test_a_refused_new_entry_comes_back_as_new_after_another_row(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    page = window.staff
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    qtbot.keyClicks(page.phone_edit, "555-0177")  # typed, but no name
    with qtbot.waitSignal(page.failed, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
        page.view.setFocus()
        qtbot.keyClick(page.view, Qt.Key.Key_Home)  # Kim Lead, before the save is back
        assert page.name_edit.text() == "Kim Lead"
    assert page.current_id is None and page.view.currentIndex().row() == -1
    assert page.name_edit.text() == "" and page.phone_edit.text() == "555-0177"
    assert page.message.text() == f"{NO_NAME[language]} {SHOWN_AGAIN[language]}"
    assert sorted(s.name for s in services.setup.staff()) == ["Kim Lead", "Lee Teacher"]
    page.name_edit.setFocus()
    qtbot.keyClicks(page.name_edit, "Rosa Campos")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    phones = {s.name: s.phone for s in services.setup.staff()}
    assert phones == {"Kim Lead": "555-0101", "Lee Teacher": "555-0102", "Rosa Campos": "555-0177"}


def test_what_is_typed_after_new_stays_and_the_message_says_the_refused_is_lost(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    page = window.staff
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
    qtbot.keyClicks(page.phone_edit, "555-0177")
    with qtbot.waitSignal(page.failed, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
        qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
        qtbot.keyClicks(page.name_edit, "Tomas Vidal")  # typing again before it is back
    assert page.name_edit.text() == "Tomas Vidal" and page.phone_edit.text() == ""
    assert page.message.text() == f"{NOT_KEPT[language]} {NO_NAME[language]}"
    assert sorted(s.name for s in services.setup.staff()) == ["Kim Lead", "Lee Teacher"]


def test_closing_while_a_refused_save_is_stored_keeps_the_window_and_the_typing(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, kim: str, language: str
) -> None:
    """Save, then Close before the save is back: the window waits for it; refused, it
    stays open on the typed values and why (closing did not drop them unseen)."""
    page = window.staff
    type_on_kim(qtbot, page, "555-0199", no_name=True)
    with qtbot.waitSignal(page.failed, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
        qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
        assert window.isVisible()  # waiting for the save
    qtbot.wait(50)
    assert window.isVisible()
    assert page.phone_edit.text() == "555-0199"
    assert page.message.text() == NO_NAME[language]
    assert phone_of(services, kim) == "555-0101"


def test_closing_while_a_save_is_stored_closes_once_it_is(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, kim: str
) -> None:
    page = window.staff
    type_on_kim(qtbot, page, "555-0177", no_name=False)
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert phone_of(services, kim) == "555-0177"
