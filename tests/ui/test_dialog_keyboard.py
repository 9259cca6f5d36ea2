"""The student form, the import, and the register's note and late dialogs driven by the
keyboard alone, as a site lead or a teacher without a mouse would: Alt+letter to a
field, Tab in the order the fields are read (never caught in a table), Enter saves,
Escape cancels. The student form in English and in Spanish, with each language's
letters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import ArrivalDialog, NoteDialog
from harmony_desktop.ui.roster.student_dialog import StudentDialog
from tests.factories import HubFixture
from tests.support.access import clashes, misplaced, reachable
from tests.ui.conftest import TODAY


@pytest.fixture
def win(qtbot: QtBot, services: Services, hub: HubFixture, language: str) -> Iterator[MainWindow]:
    """The main window in ``language`` (made after the language is set), on TODAY."""
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
        window.show()
    yield window
    window.shutdown()


def active(qtbot: QtBot, dialog: QWidget) -> None:
    """Wait until ``dialog`` has the keyboard."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=20_000)


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def alt(qtbot: QtBot, key: str) -> None:
    """Alt+``key`` where the keyboard is."""
    qtbot.keyClick(focus(), key, Qt.KeyboardModifier.AltModifier)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focus(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def tab_order(start: QWidget, count: int) -> list[QWidget]:
    """The ``count`` widgets Tab goes through from ``start`` (``start`` first), as the
    focus chain says (a date or number box is one stop, its own line edit none)."""
    order = [start]
    while len(order) < count:
        following = order[-1].nextInFocusChain()
        while not (
            following.focusPolicy() & Qt.FocusPolicy.TabFocus
            and following.isVisible()
            and following.isEnabled()
            and not isinstance(following.parentWidget(), QAbstractSpinBox)
        ):
            following = following.nextInFocusChain()
        order.append(following)
    return order


#: The student form's letters in each language: last name, date of birth, the Contacts
#: tab; the contacts are Alt+1, Alt+2 in both.
STUDENT_LETTERS = {
    "en_US": {"last": "l", "birth": "b", "contacts": "a"},
    "es_MX": {"last": "l", "birth": "f", "contacts": "o"},
}


def test_a_new_student_is_entered_with_the_keyboard_alone(
    qtbot: QtBot, win: MainWindow, services: Services, hub: HubFixture, language: str
) -> None:
    letters = STUDENT_LETTERS[language]
    roster = win.roster
    before = len(services.roster.entries(hub.hub_id))
    dialog = roster.new_student()
    active(qtbot, dialog)
    assert focus() is dialog.first_name  # typing starts at the first name
    type_text(qtbot, "Ivo")
    alt(qtbot, letters["last"])
    assert focus() is dialog.last_name
    type_text(qtbot, "Tester")
    alt(qtbot, letters["birth"])
    assert focus() is dialog.date_of_birth
    type_text(qtbot, "2015-03-02")
    alt(qtbot, letters["contacts"])
    assert dialog.tabs.currentIndex() == 1
    guardian, emergency = dialog.contact_editors
    alt(qtbot, "1")
    assert focus() is guardian.name
    type_text(qtbot, "Rosa Tester")
    press(qtbot, Qt.Key.Key_Tab)  # relationship
    type_text(qtbot, "mother")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is guardian.phone
    type_text(qtbot, "(323) 555-0101")
    alt(qtbot, "2")
    assert focus() is emergency.name
    type_text(qtbot, "Tio Tester")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is emergency.phone
    type_text(qtbot, "(213) 555-0199")
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        press(qtbot, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    entries = services.roster.entries(hub.hub_id)
    assert len(entries) == before + 1
    assert dialog.student_id is not None
    student = services.roster.student(dialog.student_id)
    assert (student.legal_first_name, student.legal_last_name) == ("Ivo", "Tester")
    assert student.date_of_birth == dt.date(2015, 3, 2)
    contacts = services.roster.contacts(dialog.student_id)
    assert [(c.name, c.relationship, c.phone) for c in contacts] == [
        ("Rosa Tester", "mother", "(323) 555-0101"),
        ("Tio Tester", "", "(213) 555-0199"),
    ]


def test_escape_leaves_the_student_form_unsaved(
    qtbot: QtBot, win: MainWindow, services: Services, hub: HubFixture, language: str
) -> None:
    letters = STUDENT_LETTERS[language]
    before = len(services.roster.entries(hub.hub_id))
    dialog = win.roster.new_student()
    active(qtbot, dialog)
    type_text(qtbot, "Ivo")
    alt(qtbot, letters["last"])
    type_text(qtbot, "Tester")
    alt(qtbot, letters["contacts"])
    alt(qtbot, "1")
    type_text(qtbot, "Rosa Tester")
    assert dialog.last_name.text() == "Tester"
    assert dialog.contact_editors[0].name.text() == "Rosa Tester"
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert len(services.roster.entries(hub.hub_id)) == before


def seen_in_order(buttons: list[QWidget]) -> list[QWidget]:
    """``buttons`` left to right, as they are seen."""
    return sorted(buttons, key=lambda b: b.mapToGlobal(b.rect().topLeft()).x())


def test_tab_goes_down_the_left_column_then_the_right_then_the_buttons_as_seen(
    qtbot: QtBot, win: MainWindow, services: Services, hub: HubFixture, language: str
) -> None:
    """Both notes under the grade (last year's grade, far from the age) take no stop;
    after the right column, Save then Cancel, as they are seen (Cancel came first)."""
    student_id = hub.student_ids[0]
    services.roster.update_student(
        student_id, grade="7", grade_year="2025-26", date_of_birth=dt.date(2020, 5, 10)
    )
    roster = win.roster
    qtbot.waitUntil(lambda: roster.select_student(student_id), timeout=20_000)
    dialog = roster.edit_selected()
    assert isinstance(dialog, StudentDialog)
    active(qtbot, dialog)
    assert dialog.grade_note.isVisible() and dialog.grade_year_note.isVisible()
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert seen_in_order([cancel, dialog.save_button]) == [dialog.save_button, cancel]
    left = [dialog.first_name, dialog.last_name, dialog.preferred_name, dialog.date_of_birth,
            dialog.grade, dialog.status]  # fmt: skip
    right = [dialog.school, dialog.district_id, dialog.statewide_id, dialog.home_language,
             dialog.guardian_language, dialog.instrument, dialog.level]  # fmt: skip
    expected = [*left, *right, dialog.save_button, cancel]
    assert tab_order(dialog.first_name, len(expected)) == expected
    dialog.level.setFocus()
    press(qtbot, Qt.Key.Key_Tab)  # the keys themselves, past the last field
    assert focus() is dialog.save_button
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is cancel
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focus() is dialog.save_button
    # the Health and permissions tab: its left column, its right one, the buttons
    alt(qtbot, "h" if language == "en_US" else "y")
    assert dialog.tabs.currentIndex() == 2
    health = [dialog.allergy_notes, dialog.medical_notes, dialog.photo_consent,
              dialog.may_walk_home, dialog.notes, dialog.save_button, cancel]  # fmt: skip
    assert tab_order(dialog.allergy_notes, len(health)) == health
    # every Alt key on each tab its own, landing where its label says
    problems: list[str] = []
    for index in range(dialog.tabs.count()):

        def show(i: int = index) -> None:
            dialog.tabs.setCurrentIndex(i)

        show()
        problems += clashes(reachable(dialog), f"tab {index}")
        problems += misplaced(qtbot, dialog, f"tab {index}", show)
    assert problems == []
    dialog.reject()


def test_a_new_students_buttons_are_tabbed_as_seen(
    qtbot: QtBot, win: MainWindow, language: str
) -> None:
    dialog = win.roster.new_student()
    active(qtbot, dialog)
    type_text(qtbot, "Ivo")
    qtbot.keyClicks(dialog.last_name, "Tester")
    assert dialog.save_enroll_button is not None and dialog.save_enroll_button.isEnabled()
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    buttons = [dialog.save_button, dialog.save_enroll_button, cancel]
    assert seen_in_order(buttons) == buttons
    assert tab_order(dialog.level, 4) == [dialog.level, *buttons]
    dialog.reject()


def test_save_and_enroll_opens_the_new_students_enrollment_tab(
    qtbot: QtBot, win: MainWindow, services: Services, hub: HubFixture, language: str
) -> None:
    """A new student's form has no Enrollment tab (an enrollment needs a saved student):
    Alt+E (Spanish Alt+I) saves and opens the student's form on it, the keyboard on the
    ensemble to enroll in."""
    letters = STUDENT_LETTERS[language]
    before = {e.student_id for e in services.roster.entries(hub.hub_id)}
    dialog = win.roster.new_student()
    active(qtbot, dialog)
    assert dialog.save_enroll_button is not None
    assert not dialog.save_enroll_button.isEnabled()  # no name yet: as Save
    type_text(qtbot, "Ivo")
    alt(qtbot, letters["last"])
    type_text(qtbot, "Nuevo")
    assert dialog.save_enroll_button.isEnabled()
    alt(qtbot, "e" if language == "en_US" else "i")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    added = {e.student_id for e in services.roster.entries(hub.hub_id)} - before
    assert len(added) == 1
    (student_id,) = added
    assert services.roster.student(student_id).legal_last_name == "Nuevo"
    forms = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, StudentDialog) and w.isVisible() and w.student_id == student_id
    ]
    assert len(forms) == 1
    form = forms[0]
    assert form.enrollment is not None and form.tabs.currentWidget() is form.enrollment
    active(qtbot, form)
    assert focus() is form.enrollment.ensemble
    form.reject()


DUPLICATE_KEYS = {
    "en_US": {"s": "&Save anyway", "t": "Open &that student instead"},
    "es_MX": {"g": "&Guardar de todos modos", "a": "&Abrir ese estudiante"},
}


def test_a_likely_duplicate_keeps_the_letters_apart(
    qtbot: QtBot, win: MainWindow, services: Services, hub: HubFixture, language: str
) -> None:
    """After Enter finds a likely duplicate, "Save anyway" keeps Save's letter and "Open
    that student instead" has its own."""
    existing = services.roster.student(hub.student_ids[0])
    assert existing.date_of_birth is not None
    dialog = win.roster.new_student()
    active(qtbot, dialog)
    type_text(qtbot, existing.legal_first_name)
    qtbot.keyClicks(dialog.last_name, existing.legal_last_name)
    qtbot.keyClicks(dialog.date_of_birth, existing.date_of_birth.isoformat())
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.duplicate_banner.isVisible() and dialog.isVisible()
    keys = {a.key: a.text for a in reachable(dialog)}
    expected = DUPLICATE_KEYS[language]
    assert {key: keys.get(key) for key in expected} == expected
    assert clashes(reachable(dialog), "duplicate") == []
    dialog.reject()


def test_contacts_are_numbered_in_tab_order_and_renumbered_after_a_removal(
    qtbot: QtBot, win: MainWindow, language: str
) -> None:
    dialog = win.roster.new_student()
    active(qtbot, dialog)
    add = "d" if language == "en_US" else "r"
    alt(qtbot, "a" if language == "en_US" else "o")
    alt(qtbot, add)  # Add contact: a third, with the keyboard in its name
    qtbot.waitUntil(
        lambda: len(dialog.contact_editors) == 3, timeout=20_000
    )  # a button's key clicks soon
    first, second, third = dialog.contact_editors
    qtbot.waitUntil(
        third.name.isVisible, timeout=20_000
    )  # a widget added to a layout shows soon after
    assert focus() is third.name
    word = "Contact" if language == "en_US" else "Contacto"
    assert [e.title() for e in dialog.contact_editors] == [f"{word} &{n}" for n in (1, 2, 3)]
    fields = [
        "name", "relationship", "phone", "phone_alt", "email", "language", "custody",
        "is_guardian", "is_emergency", "pickup", "remove",
    ]  # fmt: skip
    expected = [getattr(e, f) for e in (first, second, third) for f in fields]
    assert tab_order(first.name, len(expected) + 1) == [*expected, dialog.add_contact_button]
    second.remove.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # remove the second: the third becomes the second
    qtbot.waitUntil(lambda: len(dialog.contact_editors) == 2, timeout=20_000)
    assert dialog.contact_editors == [first, third]
    assert third.title() == f"{word} &2" and third.name.accessibleName() == f"{word} 2: " + (
        "Name" if language == "en_US" else "Nombre"
    )
    assert focus() is third.name
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is third.relationship
    alt(qtbot, "1")
    assert focus() is first.name
    alt(qtbot, "2")
    assert focus() is third.relationship  # back where the keyboard was in that contact
    assert clashes(reachable(dialog), "contacts") == []
    dialog.reject()


def test_tab_goes_through_the_enrollment_tab_without_being_caught_in_its_table(
    qtbot: QtBot, win: MainWindow, hub: HubFixture, language: str
) -> None:
    roster = win.roster
    qtbot.waitUntil(lambda: roster.select_student(hub.student_ids[0]), timeout=20_000)
    dialog = roster.edit_selected()
    assert isinstance(dialog, StudentDialog) and dialog.enrollment is not None
    active(qtbot, dialog)
    alt(qtbot, "e" if language == "en_US" else "i")
    panel = dialog.enrollment
    assert dialog.tabs.currentWidget() is panel
    panel.table.setFocus()
    press(qtbot, Qt.Key.Key_Tab)  # out of the table (Tab once moved from cell to cell)
    assert focus() is panel.history
    assert tab_order(panel.table, 9) == [
        panel.table, panel.history, panel.ensemble, panel.on_date, panel.enroll_button,
        panel.priority, panel.waitlist_button, panel.reason, panel.withdraw_button,
    ]  # fmt: skip
    dialog.reject()


def test_an_import_by_the_keyboard_alone_enter_takes_each_step(
    qtbot: QtBot,
    win: MainWindow,
    services: Services,
    hub: HubFixture,
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    students = tmp_path / "students.csv"
    students.write_text("First name,Last name,Birth date\nIvo,Tester,2015-03-02\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(students), ""))
    before = len(services.roster.entries(hub.hub_id))
    dialog = win.roster.open_import()
    active(qtbot, dialog)
    with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_Return)  # Choose a file (the system's file dialog)
    combos = [dialog.mapping.cellWidget(row, 2) for row in range(3)]
    assert focus() is combos[0]  # where each column goes
    # Import waits, disabled, for the dry run.
    assert tab_order(dialog.choose, 9) == [
        dialog.choose, dialog.mapping, *combos, dialog.date_order, dialog.dry_run_button,
        dialog.close_button, dialog.rejected_rows,
    ]  # fmt: skip
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is combos[1]  # the table's cells no longer catch Tab
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        press(qtbot, Qt.Key.Key_Return)  # 1. Check
    assert len(services.roster.entries(hub.hub_id)) == before
    assert focus() is dialog.import_button
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        press(qtbot, Qt.Key.Key_Return)  # 2. Import
    assert len(services.roster.entries(hub.hub_id)) == before + 1
    assert focus() is dialog.close_button
    press(qtbot, Qt.Key.Key_Return)  # Close
    assert not dialog.isVisible()


def test_escape_closes_the_import_after_the_dry_run_without_importing(
    qtbot: QtBot, win: MainWindow, services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    students = tmp_path / "students.csv"
    students.write_text("First name,Last name,Birth date\nIvo,Tester,2015-03-02\n")
    before = len(services.roster.entries(hub.hub_id))
    dialog = win.roster.open_import()
    active(qtbot, dialog)
    with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
        dialog.load_file(students)
    alt(qtbot, "1")  # Alt+1: 1. Check
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert len(services.roster.entries(hub.hub_id)) == before


def open_roll(qtbot: QtBot, win: MainWindow) -> None:
    page = win.register
    page.sessions_view.setFocus()
    page.sessions_view.setCurrentIndex(page.sessions_model.index(0, 0))
    qtbot.keyClick(page.sessions_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.roll_ready, timeout=20_000)


def test_a_note_is_written_and_saved_with_enter(
    qtbot: QtBot, win: MainWindow, services: Services, language: str
) -> None:
    open_roll(qtbot, win)
    page = win.register
    assert page.session is not None
    student = page.roll_model.entry(0).student_id
    qtbot.keyClick(page.roll_view, Qt.Key.Key_N)
    dialog = page.active_dialog
    assert isinstance(dialog, NoteDialog)
    active(qtbot, dialog)
    assert focus() is dialog.edit
    type_text(qtbot, "Forgot violin")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a new line
    type_text(qtbot, "Mother called")
    assert dialog.isVisible()
    press(qtbot, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    [mark] = [e.mark for e in services.roll.roll(page.session.id) if e.student_id == student]
    assert mark.note == "Forgot violin\nMother called"


def test_escape_leaves_a_note_unsaved(
    qtbot: QtBot, win: MainWindow, services: Services, language: str
) -> None:
    open_roll(qtbot, win)
    page = win.register
    assert page.session is not None
    qtbot.keyClick(page.roll_view, Qt.Key.Key_N)
    dialog = page.active_dialog
    assert isinstance(dialog, NoteDialog)
    active(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Tab)  # on to the buttons
    assert focus() is not dialog.edit
    alt(qtbot, "n")  # Alt+N: back to the note (Nota in Spanish)
    assert focus() is dialog.edit
    type_text(qtbot, "Forgot violin")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert [e.mark.note for e in services.roll.roll(page.session.id)] == [""] * 8


def test_late_by_the_keyboard_alone(
    qtbot: QtBot, win: MainWindow, services: Services, language: str
) -> None:
    """L on a student, Alt+A (Alt+L in Spanish) to the time, typed over, Enter."""
    open_roll(qtbot, win)
    page = win.register
    assert page.session is not None
    student = page.roll_model.entry(0).student_id
    qtbot.keyClick(page.roll_view, Qt.Key.Key_L)
    dialog = page.active_dialog
    assert isinstance(dialog, ArrivalDialog)
    active(qtbot, dialog)
    assert focus() is dialog.time_edit
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is not dialog.time_edit  # on to the buttons
    alt(qtbot, "a" if language == "en_US" else "l")  # back to the time, selected whole
    assert focus() is dialog.time_edit and dialog.time_edit.hasSelectedText()
    type_text(qtbot, "3:50 pm")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    [mark] = [e.mark for e in services.roll.roll(page.session.id) if e.student_id == student]
    assert (mark.code, mark.arrival_time) == ("L", dt.time(15, 50))


def test_escape_leaves_the_late_dialog_unmarked(
    qtbot: QtBot, win: MainWindow, services: Services, language: str
) -> None:
    open_roll(qtbot, win)
    page = win.register
    assert page.session is not None
    student = page.roll_model.entry(0).student_id
    qtbot.keyClick(page.roll_view, Qt.Key.Key_L)
    dialog = page.active_dialog
    assert isinstance(dialog, ArrivalDialog)
    active(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Tab)
    alt(qtbot, "a" if language == "en_US" else "l")
    assert focus() is dialog.time_edit
    type_text(qtbot, "4:10 pm")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
    [mark] = [e.mark for e in services.roll.roll(page.session.id) if e.student_id == student]
    assert mark.code is None
