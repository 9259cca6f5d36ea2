"""The day of a new event and an ensemble's first and last days, typed whole in the
window's language's order ("5/6/2026" is May 6 in US English, 5 June in Spanish); Save
refuses a box whose text is no date with the box's own words, the keyboard put in it,
and nothing is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.events.dialogs import FamilyEventDialog
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.programme.ensembles import EnsemblesPage
from tests.factories import HubFixture
from tests.ui.conftest import programme_window

#: "5/6/2026" in each language's order
FIVE_SIX = {"en_US": dt.date(2026, 5, 6), "es_MX": dt.date(2026, 6, 5)}
#: the example a refusal gives, in the language's order
EXAMPLE = {"en_US": "03/25/2014", "es_MX": "25/03/2014"}
#: the day a new event's dialog opens on
EVENT_DAY = dt.date(2026, 10, 2)


# -- a new event's day -----------------------------------------------------------------


@pytest.fixture
def event_dialog(qtbot: QtBot, language: str) -> Iterator[tuple[FamilyEventDialog, list[object]]]:
    """A new family event's dialog, shown and active; what its Save handed on."""
    owner = QWidget()
    qtbot.addWidget(owner)
    dialog = FamilyEventDialog(EVENT_DAY, owner)
    stored: list[object] = []

    def submit() -> None:
        stored.append(dialog.times()[0])

    dialog.on_submit = submit
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=20_000)
    yield dialog, stored


def save_button(dialog: QWidget) -> QWidget:
    box = dialog.findChild(QDialogButtonBox)
    assert isinstance(box, QDialogButtonBox)
    button = box.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


def type_day(qtbot: QtBot, dialog: FamilyEventDialog, text: str) -> None:
    """Into the date as a person gets there: Tab from the title and the kind."""
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "Family night")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # past the kind
    assert QApplication.focusWidget() is dialog.day
    qtbot.keyClicks(dialog.day, text)  # Tab selected the whole date: typed over


def test_an_event_s_day_is_typed_in_the_language_s_order(
    qtbot: QtBot, event_dialog: tuple[FamilyEventDialog, list[object]], language: str
) -> None:
    dialog, stored = event_dialog
    type_day(qtbot, dialog, "5/6/2026")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert stored == [FIVE_SIX[language]] and dialog.error.text() == ""
    assert dialog.result() == FamilyEventDialog.DialogCode.Accepted


@pytest.mark.parametrize("typed", ["31/31/2026", "6/"])
def test_an_event_s_day_that_is_no_date_is_refused_in_its_box(
    qtbot: QtBot, event_dialog: tuple[FamilyEventDialog, list[object]], language: str, typed: str
) -> None:
    dialog, stored = event_dialog
    type_day(qtbot, dialog, typed)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert stored == [] and dialog.isVisible()
    assert f"“{typed}”" in dialog.error.text() and EXAMPLE[language] in dialog.error.text()
    assert QApplication.focusWidget() is dialog.day  # the keyboard where it is put right
    qtbot.keyClick(dialog.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.day, "2026-10-09")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert stored == [dt.date(2026, 10, 9)]


def test_an_event_s_day_says_its_weekday_and_page_up_steps_a_week(
    qtbot: QtBot, event_dialog: tuple[FamilyEventDialog, list[object]], language: str
) -> None:
    """Friday 2 October 2026 is said with its weekday; Page Up (a week on) says Friday
    9 October, and that is the day saved."""
    dialog, stored = event_dialog
    assert dialog.day.text() == ("Fri 2 Oct 2026" if language == "en_US" else "vie 2 oct 2026")
    type_day(qtbot, dialog, "")  # Tab into the box, its whole date selected
    qtbot.keyClick(dialog.day, Qt.Key.Key_PageUp)
    assert dialog.day.text() == ("Fri 9 Oct 2026" if language == "en_US" else "vie 9 oct 2026")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert stored == [dt.date(2026, 10, 9)] and dialog.error.text() == ""


# -- an ensemble's first and last days ---------------------------------------------------


@pytest.fixture
def ensembles(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> Iterator[EnsemblesPage]:
    """The Ensembles page on the hub's first ensemble, its window active."""
    with programme_window(qtbot, services) as win:
        assert isinstance(win, ProgrammeWindow)
        page = win.ensembles
        page.hub_id = hub.hub_id
        win.show_page(page)
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            page.reload()
        page.view.selectRow(page.model.row_of(hub.ensemble_id))
        yield page


def first_day_of(services: Services, hub: HubFixture) -> dt.date | None:
    return next(
        e for e in services.setup.ensembles(hub.hub_id) if e.id == hub.ensemble_id
    ).first_day


def type_first_day(qtbot: QtBot, page: EnsemblesPage, text: str) -> None:
    """Tick "From" by the keyboard (if it is not), Tab into its date and type over it."""
    page.first_day.check.setFocus()
    if not page.first_day.check.isChecked():
        qtbot.keyClick(page.first_day.check, Qt.Key.Key_Space)
    assert page.first_day.check.isChecked()
    qtbot.keyClick(page.first_day.check, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.first_day.edit
    qtbot.keyClicks(page.first_day.edit, text)


def test_an_ensemble_s_first_day_is_typed_in_the_language_s_order(
    qtbot: QtBot, ensembles: EnsemblesPage, services: Services, hub: HubFixture, language: str
) -> None:
    page = ensembles
    type_first_day(qtbot, page, "5/6/2026")
    with qtbot.waitSignal(page.saved, timeout=20_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert first_day_of(services, hub) == FIVE_SIX[language]


def test_an_ensemble_s_first_day_that_is_no_date_is_refused_in_its_box(
    qtbot: QtBot, ensembles: EnsemblesPage, services: Services, hub: HubFixture, language: str
) -> None:
    page = ensembles
    before = first_day_of(services, hub)
    assert before is not None
    type_first_day(qtbot, page, "31/31/2026")
    assert page.has_changes()  # a text that is no date is a change, never lost unasked
    with qtbot.waitSignal(page.failed, timeout=20_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    text = page.message.text()
    assert "“31/31/2026”" in text and EXAMPLE[language] in text
    assert QApplication.focusWidget() is page.first_day.edit
    assert first_day_of(services, hub) == before  # nothing stored
    assert page.save_button.isEnabled()
