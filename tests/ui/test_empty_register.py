"""A brand-new programme's register says what is missing and takes the user there.

Before, a hub with no ensembles, or ensembles but nobody enrolled, showed only "No
sessions on this day." with nothing saying what to do next. A day off in a set-up hub
still says just that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.sessions import RegisterSetup
from harmony_desktop.services.setup import EnsembleRecord, HubRecord
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.day import DayView
from harmony_desktop.ui.register.page import RegisterPage
from harmony_desktop.ui.tasks import Changes, TaskManager
from tests.factories import HubFixture
from tests.ui.conftest import TODAY

SUNDAY = dt.date(2026, 9, 13)  # TODAY is a Monday
NO_ENSEMBLES = (
    "This hub has no ensembles yet, so there is no roll to take. Add an ensemble with its "
    "weekly schedule in File ▸ Programme set-up…, then add or import students on the "
    "Roster tab and enroll them."
)
NO_SCHEDULE = (
    "This hub's ensembles have no weekly schedule, so no sessions are listed. Add their "
    "meeting days in File ▸ Programme set-up…."
)
NO_STUDENTS = (
    "No students are enrolled in this hub's ensembles yet. On the Roster tab, add or "
    "import students and enroll them in an ensemble."
)


def new_hub(services: Services) -> str:
    """A hub as the first start makes it: a name, nothing else."""
    return services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))


def add_ensemble(
    services: Services, hub_id: str, *, meets: bool = True, name: str = "Beginning Winds"
) -> str:
    """An ensemble meeting Mondays 16:00-17:30 (or with no schedule)."""
    slots = ((0, dt.time(16), dt.time(17, 30)),) if meets else ()
    record = EnsembleRecord(None, hub_id, name, slots=slots)
    return services.setup.save_ensemble(record).id


def add_student(services: Services, hub_id: str, first: str) -> str:
    return services.roster.create_student(
        hub_id, {"legal_first_name": first, "legal_last_name": "Testa"}
    )


@pytest.fixture
def open_window(qtbot: QtBot, services: Services) -> Iterator[object]:
    windows: list[MainWindow] = []

    def make(hub_id: str) -> MainWindow:
        win = MainWindow(services, hub_id, today=TODAY, auto_sync=False)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.register.dayLoaded, timeout=20_000):
            win.show()
        windows.append(win)
        return win

    yield make
    for win in windows:
        if win.programme_window is not None:
            win.programme_window.close()
        win.shutdown()


def test_the_service_counts_ensembles_schedules_and_students(services: Services) -> None:
    hub_id = new_hub(services)
    assert services.sessions.setup(hub_id) == RegisterSetup(0, 0, 0)
    add_ensemble(services, hub_id, meets=False, name="Choir")
    assert services.sessions.setup(hub_id) == RegisterSetup(1, 0, 0)
    winds = add_ensemble(services, hub_id)
    ana, luis = add_student(services, hub_id, "Ana"), add_student(services, hub_id, "Luis")
    assert services.sessions.setup(hub_id) == RegisterSetup(2, 1, 0)  # not enrolled yet
    services.enrollment.enroll(ana, winds, TODAY)
    services.enrollment.enroll(luis, winds, TODAY)
    assert services.sessions.setup(hub_id) == RegisterSetup(2, 1, 2)


def test_a_hub_without_ensembles_says_so_and_enter_opens_the_ensembles(
    qtbot: QtBot, services: Services, open_window
) -> None:
    window = open_window(new_hub(services))
    page = window.register
    assert page.no_sessions_label.text() == NO_ENSEMBLES
    assert page.no_sessions_label.isVisible()
    # the roll's place does not ask to choose a session from an empty list
    assert page.placeholder.text() == (
        "There is no roll to take yet: what this hub still needs, and a button to it, are "
        "under the day's list."
    )
    button = page.sessions.setup_button
    assert button.isVisible()
    assert button.text() == "Set up ensembles…"
    assert button.hasFocus()  # the empty list had the keyboard
    qtbot.keyClick(button, Qt.Key.Key_Return)
    programme = window.programme_window
    assert programme is not None and programme.isVisible()
    assert programme.tabs.currentWidget() is programme.ensembles


def test_once_there_is_a_session_the_keyboard_is_back_on_the_list(
    qtbot: QtBot, services: Services, open_window
) -> None:
    """Before, the hidden button passed the keyboard to the next one, Set up sync…"""
    hub_id = new_hub(services)
    window = open_window(hub_id)
    page = window.register
    assert page.sessions.setup_button.hasFocus()
    add_ensemble(services, hub_id)  # meets on Mondays: TODAY
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        window.tasks.notify(Changes(setup=True))  # as the set-up window's Save does
    assert page.sessions_model.rowCount() == 1
    assert not page.sessions.setup_button.isVisible()
    assert page.sessions_view.hasFocus()


def test_ensembles_without_a_schedule_say_to_add_meeting_days(
    services: Services, open_window
) -> None:
    hub_id = new_hub(services)
    add_ensemble(services, hub_id, meets=False)
    page = open_window(hub_id).register
    assert page.no_sessions_label.text() == NO_SCHEDULE
    assert page.sessions.setup_button.text() == "Set up ensembles…"


def test_nobody_enrolled_says_so_and_the_button_goes_to_the_roster(
    qtbot: QtBot, services: Services, open_window
) -> None:
    hub_id = new_hub(services)
    add_ensemble(services, hub_id)
    add_student(services, hub_id, "Ana")  # on the roster, in no ensemble
    window = open_window(hub_id)
    page = window.register
    assert page.sessions_model.rowCount() == 1  # Monday: the session is listed
    assert not page.sessions.setup_button.isVisible()
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.set_day(SUNDAY)
    assert page.no_sessions_label.text() == NO_STUDENTS
    button = page.sessions.setup_button
    assert button.isVisible() and button.text() == "Go to the Roster"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.roster
    assert window.roster.new_button.hasFocus()


def test_a_day_off_in_a_set_up_hub_just_has_no_sessions(
    qtbot: QtBot, services: Services, hub: HubFixture, open_window
) -> None:
    page: RegisterPage = open_window(hub.hub_id).register
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.set_day(SUNDAY)
    assert page.no_sessions_label.text() == "No sessions on this day."
    assert page.no_sessions_label.isVisible()
    assert not page.sessions.setup_button.isVisible()
    assert page.placeholder.text() == (
        "No sessions on this day.\n\nChoose another day with ◀ ▶ or the date above, or add a "
        "one-off session with the “Add session…” button."
    )
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.set_day(TODAY)  # a Monday: back to choosing a session
    assert page.placeholder.text().startswith("Choose a session to take roll.")


def test_the_first_paint_of_an_empty_hub_reads_its_set_up_once_attached(
    qtbot: QtBot, services: Services
) -> None:
    hub_id = new_hub(services)
    tasks = TaskManager(services)
    page = RegisterPage(services, hub_id, tasks, today=TODAY, first=DayView(TODAY, [], []))
    qtbot.addWidget(page)
    page.show()
    assert page.no_sessions_label.text() == "No sessions on this day."  # not read yet
    with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
        page.attach()
    assert page.no_sessions_label.text() == NO_ENSEMBLES
    page.shutdown()
    tasks.shutdown()


def test_in_the_window_s_language(
    qtbot: QtBot, services: Services, open_window, language: str
) -> None:
    page = open_window(new_hub(services)).register
    start, button = {
        "en_US": ("This hub has no ensembles yet", "Set up ensembles…"),
        "es_MX": ("Esta sede todavía no tiene conjuntos", "Configurar conjuntos…"),
    }[language]
    assert page.no_sessions_label.text().startswith(start)
    assert page.sessions.setup_button.text() == button


def test_a_roll_with_nobody_enrolled_says_how_to_enroll(
    qtbot: QtBot, services: Services, open_window
) -> None:
    """Before, the roll was an empty table under "0 of 0 marked"."""
    hub_id = new_hub(services)
    add_ensemble(services, hub_id)
    page = open_window(hub_id).register
    with qtbot.waitSignal(page.rollOpened, timeout=20_000):
        page.open_session(page.sessions_model.session(0))
    assert page.roll.empty_label.isVisible()
    assert page.roll.empty_label.text() == (
        "No student is enrolled in this ensemble on this day. On the Roster tab, open a "
        "student and enroll them (Enrollment), or import students with their ensemble."
    )


def test_a_roll_with_students_says_nothing_of_the_kind(
    qtbot: QtBot, services: Services, hub: HubFixture, open_window
) -> None:
    page = open_window(hub.hub_id).register
    with qtbot.waitSignal(page.rollOpened, timeout=20_000):
        page.open_session(page.sessions_model.session(0))
    assert page.roll_model.rowCount() == 8
    assert not page.roll.empty_label.isVisible()
