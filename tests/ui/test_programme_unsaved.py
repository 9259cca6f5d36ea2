"""The Programme window never drops typed changes without a word: a site lead types a
change and, without Save, chooses another row, presses New, switches tab, closes the
window (Close, Ctrl+W, Escape) or the main window. Each asks "Save the changes to …?"
(Save the default, Discard, Cancel), in English and in Spanish; nothing is asked when
the form is as stored, even after typing a value and typing it back."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import EnsembleRecord, HubRecord, StaffRecord
from harmony_desktop.store import settings
from harmony_desktop.store.models import Ensemble, Hub, Staff
from harmony_desktop.ui import restore
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme import ProgrammeWindow
from tests.factories import HubFixture
from tests.ui.conftest import programme_window, shown_main_window

ENTER, ESCAPE = Qt.Key.Key_Return, Qt.Key.Key_Escape
NONE, DISCARD = Qt.KeyboardModifier.NoModifier, Qt.Key.Key_D
#: "Save the changes to “{name}”?" as each language writes it
ASKS = {"en_US": "Save the changes to “{name}”?", "es_MX": "¿Guardar los cambios en “{name}”?"}
NO_NAME = {
    "en_US": "Give the staff member's name.",
    "es_MX": "Indique el nombre del miembro del personal.",
}


@contextlib.contextmanager
def asked(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> Iterator[list[str]]:
    """Answer every "Save the changes?" box shown meanwhile with ``key`` (Enter: Save,
    Escape: Cancel, DISCARD: Space on Discard); the texts the boxes showed, in order."""
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(10)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box.text())
            if key == DISCARD:  # Space on the Discard button
                (button,) = (
                    b
                    for b in box.buttons()
                    if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
                )
                qtbot.keyClick(button, Qt.Key.Key_Space)
            else:
                qtbot.keyClick(box, key, modifier)

    timer.timeout.connect(look)
    timer.start()
    try:
        yield seen
        # the question does not wait: it is answered here, as the user would, after
        qtbot.wait(30)
        qtbot.waitUntil(lambda: not question_open(), timeout=20_000)
    finally:
        timer.stop()


def question_open() -> bool:
    """Whether a "Save the changes?" box is on screen."""
    box = QApplication.activeModalWidget()
    return isinstance(box, QMessageBox) and box.isVisible()


def discard(qtbot: QtBot) -> contextlib.AbstractContextManager[list[str]]:
    return asked(qtbot, DISCARD)


@pytest.fixture
def stored(services: Services) -> dict[str, str]:
    """A hub with two staff (Kim Lead, Lee Teacher) and an ensemble of 20 places."""
    hub = services.setup.save_hub(HubRecord(None, "Parque Lincoln Hub", "1 Elm St"))
    kim = services.setup.save_staff(StaffRecord(None, "Kim Lead", "site_lead", (hub,), "555-0101"))
    lee = services.setup.save_staff(StaffRecord(None, "Lee Teacher", "teacher", (hub,), "555-0102"))
    services.setup.save_ensemble(EnsembleRecord(None, hub, "Beginning Strings", capacity=20))
    return {"hub": hub, "kim": kim, "lee": lee}


@pytest.fixture
def window(
    qtbot: QtBot, services: Services, stored: dict[str, str], language: str
) -> Iterator[ProgrammeWindow]:
    with programme_window(qtbot, services) as win:
        qtbot.waitUntil(lambda: win.staff.model.rowCount() == 2, timeout=20_000)
        yield win  # closed at the end without asking (conftest)


def staff_phone(services: Services, staff_id: str) -> str:
    with services.store.read() as s:
        return str(s.get(Staff, staff_id).phone)  # type: ignore[union-attr]


def choose_row(qtbot: QtBot, window: ProgrammeWindow, row: int) -> None:
    """Choose ``row`` of the staff list by keyboard (Home, then Down)."""
    view = window.staff.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _ in range(row):
        qtbot.keyClick(view, Qt.Key.Key_Down)


def test_another_row_asks_cancel_stays_discard_moves_on(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, stored: dict[str, str], language: str
) -> None:
    page = window.staff
    window.show_page(page)
    choose_row(qtbot, window, 0)
    assert page.name_edit.text() == "Kim Lead"
    page.phone_edit.setFocus()
    page.phone_edit.selectAll()
    qtbot.keyClicks(page.phone_edit, "555-0199")

    with asked(qtbot, ESCAPE) as seen:  # Cancel: the same row, the typed phone kept
        qtbot.keyClick(page.view, Qt.Key.Key_Down)
    assert seen == [ASKS[language].format(name="Kim Lead")]
    assert page.view.currentIndex().row() == 0
    assert (page.name_edit.text(), page.phone_edit.text()) == ("Kim Lead", "555-0199")

    with discard(qtbot) as seen:  # Discard: on to Lee, nothing stored
        qtbot.keyClick(page.view, Qt.Key.Key_Down)
    assert len(seen) == 1
    assert page.view.currentIndex().row() == 1
    assert (page.name_edit.text(), page.phone_edit.text()) == ("Lee Teacher", "555-0102")
    assert staff_phone(services, stored["kim"]) == "555-0101"

    with asked(qtbot, ESCAPE) as seen:  # back to Kim: the stored phone, nothing asked
        qtbot.keyClick(page.view, Qt.Key.Key_Up)
    assert seen == []
    assert page.phone_edit.text() == "555-0101"


def test_typed_back_asks_nothing(qtbot: QtBot, window: ProgrammeWindow) -> None:
    page = window.staff
    window.show_page(page)
    choose_row(qtbot, window, 0)
    page.phone_edit.selectAll()
    qtbot.keyClicks(page.phone_edit, "555-0199")
    page.phone_edit.selectAll()
    qtbot.keyClicks(page.phone_edit, "555-0101")
    with asked(qtbot, ESCAPE) as seen:
        qtbot.keyClick(page.view, Qt.Key.Key_Down)
        qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
        window.show_page(window.codes)
        qtbot.wait(50)
    assert seen == []
    assert window.tabs.currentWidget() is window.codes


def test_save_on_another_row_stores_then_moves_on(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, stored: dict[str, str]
) -> None:
    page = window.staff
    window.show_page(page)
    choose_row(qtbot, window, 0)
    page.phone_edit.selectAll()
    qtbot.keyClicks(page.phone_edit, "555-0199")
    with asked(qtbot, ENTER) as seen:  # Save is the default
        qtbot.keyClick(page.view, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: page.name_edit.text() == "Lee Teacher", timeout=20_000)
    assert len(seen) == 1
    assert page.view.currentIndex().row() == 1
    assert staff_phone(services, stored["kim"]) == "555-0199"


def test_new_asks_about_an_ensembles_capacity(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    page = window.ensembles
    window.show_page(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    page.view.selectRow(0)
    page.capacity_box.setFocus()
    page.capacity_box.selectAll()
    qtbot.keyClicks(page.capacity_box, "25")
    assert page.capacity_box.value() == 25
    with asked(qtbot, ENTER) as seen:
        qtbot.keyClick(page.new_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: page.name_edit.text() == "", timeout=20_000)
    assert seen == [ASKS[language].format(name="Beginning Strings")]
    assert page.current_id is None and page.capacity_box.value() == 20  # a new one's default
    with services.store.read() as s:
        (ensemble,) = s.exec(Ensemble.__table__.select()).all()  # type: ignore[attr-defined]
    assert ensemble.capacity == 25


def test_another_tab_asks_about_a_hubs_address(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    page = window.hubs
    window.show_page(page)
    page.view.selectRow(0)
    page.address_edit.setFocus()
    page.address_edit.selectAll()
    qtbot.keyClicks(page.address_edit, "300 Cedar Ave")
    with asked(qtbot, ESCAPE) as seen:  # Cancel: still on Hubs, the address typed
        qtbot.keyClick(page.address_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert seen == [ASKS[language].format(name="Parque Lincoln Hub")]
    assert window.tabs.currentWidget() is page
    assert page.address_edit.text() == "300 Cedar Ave"
    with discard(qtbot) as seen:
        window.tabs.setCurrentWidget(window.staff)  # the tab clicked
    assert len(seen) == 1 and window.tabs.currentWidget() is window.staff
    assert page.address_edit.text() == "1 Elm St"
    with services.store.read() as s:
        (hub,) = s.exec(Hub.__table__.select()).all()  # type: ignore[attr-defined]
    assert hub.address == "1 Elm St"


@pytest.mark.parametrize("how", ["close button", "escape", "title bar"])
def test_closing_asks_and_a_refused_save_stays(
    qtbot: QtBot,
    window: ProgrammeWindow,
    services: Services,
    stored: dict[str, str],
    how: str,
    language: str,
) -> None:
    page = window.staff
    window.show_page(page)
    choose_row(qtbot, window, 0)
    page.name_edit.setFocus()
    page.name_edit.clear()  # no name: the save is refused
    page.phone_edit.setText("555-0199")

    def close() -> None:
        if how == "close button":
            qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
        elif how == "ctrl+w":
            window.activateWindow()  # as after the box: the keyboard is the window's
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=20_000)
            qtbot.keyClick(page.name_edit, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        elif how == "escape":
            qtbot.keyClick(page.name_edit, ESCAPE)
        else:
            window.close()  # what the window manager's close button does

    with asked(qtbot, ESCAPE) as seen:  # Cancel
        close()
        qtbot.waitUntil(lambda: len(seen) == 1, timeout=20_000)
    assert window.isVisible() and page.phone_edit.text() == "555-0199"
    with asked(qtbot, ENTER) as seen:  # Save: refused, the window stays with why
        close()
        qtbot.waitUntil(lambda: page.message.text() != "", timeout=20_000)
    qtbot.wait(100)
    assert window.isVisible() and page.phone_edit.text() == "555-0199"
    assert page.message.text() == NO_NAME[language]
    assert staff_phone(services, stored["kim"]) == "555-0101"
    page.name_edit.setText("Kim Lead")
    with asked(qtbot, ENTER) as seen:  # Save: stored, then the window closes
        close()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert len(seen) == 1
    assert staff_phone(services, stored["kim"]) == "555-0199"


def test_escape_closes_an_unchanged_window_but_an_open_list_takes_it_first(
    qtbot: QtBot, window: ProgrammeWindow
) -> None:
    page = window.staff
    window.show_page(page)
    page.role_box.setFocus()
    page.role_box.showPopup()
    qtbot.waitUntil(lambda: page.role_box.view().isVisible(), timeout=20_000)
    popup = page.role_box.view()
    qtbot.keyClick(popup, ESCAPE)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=20_000)
    assert window.isVisible()
    with asked(qtbot, ESCAPE) as seen:
        qtbot.keyClick(page.role_box, ESCAPE)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert seen == []


def test_a_terms_dates_are_asked_about_on_another_term(
    qtbot: QtBot, services: Services, stored: dict[str, str], language: str
) -> None:
    services.calendar.save_term("2026-27", "Fall", dt.date(2026, 9, 8), dt.date(2026, 12, 18))
    services.calendar.save_term("2026-27", "Spring", dt.date(2027, 1, 11), dt.date(2027, 5, 28))
    with programme_window(qtbot, services) as window:
        page = window.calendar
        window.show_page(page)
        qtbot.waitUntil(lambda: page.terms_model.rowCount() == 2, timeout=20_000)
        page.terms_view.selectRow(0)
        assert page.term_name.text() == "Fall"
        page.term_last.setDate(QDate(2026, 12, 11))
        with asked(qtbot, ESCAPE) as seen:
            page.terms_view.selectRow(1)
        assert seen == [ASKS[language].format(name="Fall")]
        assert page.term_name.text() == "Fall" and page.term_last.date() == QDate(2026, 12, 11)
        with asked(qtbot, ENTER) as seen:
            page.terms_view.selectRow(1)
            qtbot.waitUntil(lambda: page.term_name.text() == "Spring", timeout=20_000)
        terms = {t.name: t.last_day for t in services.calendar.terms("2026-27")}
        assert terms == {"Fall": dt.date(2026, 12, 11), "Spring": dt.date(2027, 5, 28)}


@pytest.fixture
def window_main(qtbot: QtBot, services: Services, hub: HubFixture) -> Iterator[MainWindow]:
    """The main window (this module's ``window`` is Programme set-up)."""
    yield from shown_main_window(qtbot, services, hub)


def test_closing_the_main_window_asks_about_the_programme_window(
    qtbot: QtBot, window_main: MainWindow, language: str
) -> None:
    programme = window_main.open_programme()
    qtbot.waitUntil(lambda: programme.hubs.model.rowCount() == 1, timeout=20_000)
    page = programme.hubs
    page.view.selectRow(0)
    page.address_edit.setText("300 Cedar Ave")
    with asked(qtbot, ESCAPE) as seen:
        window_main.close()
    assert len(seen) == 1
    assert window_main.isVisible() and programme.isVisible()
    assert page.address_edit.text() == "300 Cedar Ave"
    with discard(qtbot) as seen:
        window_main.close()
    assert len(seen) == 1 and not window_main.isVisible() and not programme.isVisible()


# -- the question waits for nobody -------------------------------------------------------


def open_question() -> QMessageBox:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box


def test_a_question_left_unanswered_blocks_nothing(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, stored: dict[str, str], language: str
) -> None:
    """Close with a typed phone and nobody to answer: the close returns at once, the
    window stays with the question over it (modal to it only), a second close asks no
    second question, and the answer given later closes it."""
    page = window.staff
    window.show_page(page)
    choose_row(qtbot, window, 0)
    page.phone_edit.setFocus()
    page.phone_edit.selectAll()
    qtbot.keyClicks(page.phone_edit, "555-0199")
    began = time.monotonic()
    qtbot.keyClick(window.close_button, Qt.Key.Key_Space)  # nobody answers
    # A close that waited for the answer would never come back; the bound only leaves a
    # loaded machine (a parallel worker) its time.
    assert time.monotonic() - began < 10.0
    box = open_question()
    assert box.text() == ASKS[language].format(name="Kim Lead")
    assert box.windowModality() == Qt.WindowModality.WindowModal
    assert window.isVisible() and page.phone_edit.text() == "555-0199"
    window.close()  # again (the title bar): the same question, not a second one
    assert [b for b in window.findChildren(QMessageBox) if b.isVisible()] == [box]
    with discard(qtbot) as seen:
        pass
    assert seen == [ASKS[language].format(name="Kim Lead")]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert staff_phone(services, stored["kim"]) == "555-0101"


def test_a_test_may_end_with_the_question_unanswered(
    qtbot: QtBot, window: ProgrammeWindow, language: str
) -> None:
    """Typed text left and the window closed, the question open at the test's end: the
    teardown (pytest-qt closing the window, then conftest) asks nothing and waits for
    nobody (with a blocking question it waited forever)."""
    page = window.staff
    window.show_page(page)
    choose_row(qtbot, window, 1)
    page.phone_edit.setFocus()
    qtbot.keyClicks(page.phone_edit, "9")
    qtbot.keyClick(page.phone_edit, ESCAPE)
    assert open_question().text() == ASKS[language].format(name="Lee Teacher")


# -- the programme's name and the closure days ------------------------------------------

#: "Save the programme's name “{name}”?" and "Save the closure day you typed ({day})?"
NAME_ASKS = {
    "en_US": "Save the programme's name “Eastside Youth Strings”?",
    "es_MX": "¿Guardar el nombre del programa “Eastside Youth Strings”?",
}
CLOSURE_ASKS = {
    "en_US": "Save the closure day you typed (Mon 12 Oct 2026)?",
    "es_MX": "¿Guardar el día de cierre que escribió (lun 12 oct 2026)?",
}


def test_a_programme_name_typed_and_not_saved_is_asked_about(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    box = window.name_box
    qtbot.waitUntil(lambda: box.field.text() == "Harmony Project", timeout=20_000)
    assert window.tabs.currentWidget() is window.hubs
    box.field.setFocus()
    qtbot.keyClick(box.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.field, "Eastside Youth Strings")

    with asked(qtbot, ESCAPE) as seen:  # Escape closes, Cancel stays
        qtbot.keyClick(box.field, ESCAPE)
    assert seen == [NAME_ASKS[language]]
    assert window.isVisible() and box.field.text() == "Eastside Youth Strings"

    with discard(qtbot) as seen:  # another tab: Discard shows the stored name, goes on
        qtbot.keyClick(box.field, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert seen == [NAME_ASKS[language]]
    assert window.tabs.currentWidget() is window.ensembles
    assert box.field.text() == "Harmony Project"
    assert services.exporting.programme_name() == "Harmony Project"

    window.show_page(window.hubs)
    box.field.setFocus()
    qtbot.keyClick(box.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.field, "Eastside Youth Strings")
    with asked(qtbot, ENTER) as seen:  # Close, Save: stored, then the window closes
        qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert seen == [NAME_ASKS[language]]
    assert services.exporting.programme_name() == "Eastside Youth Strings"


@pytest.mark.parametrize("answer", ["save", "discard"])
def test_a_closure_day_typed_and_not_added_is_asked_about(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, answer: str, language: str
) -> None:
    page = window.calendar
    window.show_page(page)
    qtbot.waitUntil(lambda: page.closure_hub.count() == 2, timeout=20_000)
    page.closure_date.setFocus()  # 12 October, typed in the language's order
    page.closure_date.selectAll()
    qtbot.keyClicks(page.closure_date, "10/12/2026" if language == "en_US" else "12/10/2026")
    qtbot.keyClick(page.closure_date, Qt.Key.Key_Tab)
    assert page.closure_date.text() == {"en_US": "12 Oct 2026", "es_MX": "12 oct 2026"}[language]
    page.closure_reason.setFocus()
    qtbot.keyClicks(page.closure_reason, "Teacher training")

    with asked(qtbot, ESCAPE) as seen:  # Escape closes, Cancel: all stays as typed
        qtbot.keyClick(page.closure_reason, ESCAPE)
    assert seen == [CLOSURE_ASKS[language]]
    assert window.isVisible() and page.closure_reason.text() == "Teacher training"
    assert page.closure_date.date() == QDate(2026, 10, 12)
    assert services.calendar.closures() == []

    with asked(qtbot, ENTER if answer == "save" else DISCARD) as seen:
        qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert seen == [CLOSURE_ASKS[language]]
    added = [(c.date, c.reason, c.hub_id) for c in services.calendar.closures()]
    if answer == "save":
        assert added == [(dt.date(2026, 10, 12), "Teacher training", None)]
    else:
        assert added == []
        assert page.closure_reason.text() == "" and page.closure_date.date() == QDate(2026, 9, 1)


def test_a_closure_day_that_is_no_date_is_refused_and_nothing_is_closed(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    page = window.calendar
    window.show_page(page)
    qtbot.waitUntil(lambda: page.closure_hub.count() == 2, timeout=20_000)
    page.closure_date.setFocus()
    page.closure_date.selectAll()
    typed = "9/31/2026" if language == "en_US" else "31/9/2026"  # September has 30 days
    qtbot.keyClicks(page.closure_date, typed)
    qtbot.keyClick(page.add_closure_button, Qt.Key.Key_Space)
    assert f"“{typed}”" in page.message.text()
    assert page.closure_date.hasFocus()  # back where it is put right
    assert services.calendar.closures() == []


def test_a_closure_day_added_is_stored_so_only_more_typing_asks(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    page = window.calendar
    window.show_page(page)
    qtbot.waitUntil(lambda: page.closure_hub.count() == 2, timeout=20_000)
    page.closure_date.setDate(QDate(2026, 10, 12))
    page.closure_reason.setFocus()
    qtbot.keyClicks(page.closure_reason, "Teacher training")
    qtbot.keyClick(page.add_closure_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.closures_model.rowCount() == 1, timeout=20_000)
    page.closure_reason.setFocus()
    qtbot.keyClicks(page.closure_reason, " day")
    with asked(qtbot, ESCAPE) as seen:  # typed after it was added: asked, Cancel
        qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
    assert seen == [CLOSURE_ASKS[language]] and window.isVisible()
    for _ in " day":
        qtbot.keyClick(page.closure_reason, Qt.Key.Key_Backspace)
    with asked(qtbot, ESCAPE) as seen:  # as added: nothing asked, the window closes
        qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert seen == []
    assert [(c.date, c.reason) for c in services.calendar.closures()] == [
        (dt.date(2026, 10, 12), "Teacher training")
    ]


def test_the_main_windows_close_waits_for_nobody_and_shutdown_asks_nothing(
    qtbot: QtBot, window_main: MainWindow, services: Services, language: str
) -> None:
    """The main window closing with a typed address in Programme set-up: the question is
    shown over Programme set-up and the close returns at once, the main window open; the
    application stopping (shutdown, as at a test's end) then asks nothing and stores nothing."""
    programme = window_main.open_programme()
    qtbot.waitUntil(lambda: programme.hubs.model.rowCount() == 1, timeout=20_000)
    page = programme.hubs
    page.view.selectRow(0)
    page.address_edit.setFocus()
    page.address_edit.selectAll()
    qtbot.keyClicks(page.address_edit, "300 Cedar Ave")
    began = time.monotonic()
    window_main.close()  # nobody answers
    assert time.monotonic() - began < 10.0  # waiting for the answer would never return
    box = open_question()
    assert box.text() == ASKS[language].format(name="Test Park Hub")
    assert box.parentWidget().window() is programme  # over Programme set-up
    assert window_main.isVisible() and programme.isVisible()
    window_main.shutdown()
    qtbot.wait(50)
    assert not programme.isVisible()
    assert QApplication.activeModalWidget() is None  # the question gone, unanswered
    with services.store.read() as s:
        (hub,) = s.exec(Hub.__table__.select()).all()  # type: ignore[attr-defined]
    assert hub.address == ""


@pytest.mark.parametrize("action", ["switch hub", "restore a backup"])
def test_switching_hub_or_restoring_asks_first_and_cancel_does_nothing(
    qtbot: QtBot,
    window_main: MainWindow,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
    language: str,
) -> None:
    """Before, a backup chosen with a typed address in Programme set-up was kept to be
    put back even when the close was cancelled (then put back at the next quit, over
    the marks taken meanwhile); a switched hub's window opened beside the one that
    stayed. Now both ask first, and Cancel changes nothing."""
    other = services.setup.save_hub(HubRecord(None, "Another Hub"))
    backup = Path("/backups/harmony-2026-08-31.db")
    monkeypatch.setattr(restore, "choose_backup", lambda *_a, **_k: backup)
    hub_before = services.store.settings.get(settings.CURRENT_HUB)
    programme = window_main.open_programme()
    qtbot.waitUntil(lambda: programme.hubs.model.rowCount() == 2, timeout=20_000)
    page = programme.hubs
    page.view.selectRow(page.model.row_of(window_main.hub_id))
    page.address_edit.setFocus()
    qtbot.keyClicks(page.address_edit, "300 Cedar Ave")

    def act() -> None:
        if action == "switch hub":
            window_main.switch_hub(other)
        else:
            window_main.ask_restore()

    with asked(qtbot, ESCAPE) as seen:  # Cancel: nothing happens
        act()
    assert seen == [ASKS[language].format(name="Test Park Hub")]
    assert window_main.isVisible() and programme.isVisible()
    assert window_main.successor is None and window_main.restore_from is None
    assert services.store.settings.get(settings.CURRENT_HUB) == hub_before
    with discard(qtbot) as seen:  # Discard: the switch or the restore goes on
        act()
        qtbot.waitUntil(lambda: not window_main.isVisible(), timeout=20_000)
    assert len(seen) == 1
    if action == "switch hub":
        successor = window_main.successor
        assert successor is not None and successor.hub_id == other
        qtbot.addWidget(successor)
        successor.shutdown()
    else:
        assert window_main.restore_from == backup
