"""The roster page as a site lead uses it: search, add, edit, enroll, withdraw, waitlist,
archive, import. Each test checks what the store holds afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from harmony_desktop.domain.vocab import EnrollmentStatus
from harmony_desktop.services.context import Services
from harmony_desktop.store.models import Student
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.roster import RosterPage
from harmony_desktop.ui.roster.enrollment_panel import WaitlistDialog
from harmony_desktop.ui.roster.model import RosterTableModel
from harmony_desktop.ui.roster.student_dialog import StudentDialog
from harmony_desktop.ui.tasks import Changes, TaskManager
from tests.factories import HubFixture, make_hub

TODAY = dt.date(2026, 9, 8)
DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def tasks(services: Services) -> Iterator[TaskManager]:
    """The background threads a window would give the page; stopped after the test."""
    manager = TaskManager(services)
    yield manager
    manager.shutdown()


def open_page(qtbot: QtBot, services: Services, tasks: TaskManager, hub_id: str) -> RosterPage:
    page = RosterPage(services, hub_id, tasks, today=TODAY)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show()
    return page


@pytest.fixture
def page(
    qtbot: QtBot, services: Services, tasks: TaskManager, hub: HubFixture
) -> Iterator[RosterPage]:
    page = RosterPage(services, hub.hub_id, tasks, today=TODAY)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.total == 8, timeout=20_000)
    yield page
    page.shutdown()


def reload(qtbot: QtBot, page: RosterPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()


def names_shown(page: RosterPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_roster_model_passes_qtmodeltester(qtmodeltester: object, page: RosterPage) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.model.set_query("garcia")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.model.sort(RosterTableModel.GRADE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_search_as_you_type_and_sort(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture
) -> None:
    services.roster.update_student(hub.student_ids[1], district_student_id="7654321")
    reload(qtbot, page)
    qtbot.keyClicks(page.search, "garc")
    assert names_shown(page) == ["Garcia, Ana"]
    assert page.count.text() == "1 of 8 students"
    page.search.clear()
    qtbot.keyClicks(page.search, "765432")  # district id
    assert len(names_shown(page)) == 1
    page.search.clear()
    qtbot.keyClicks(page.search, "grade 8")
    assert [page.model.entry(r).grade for r in range(page.model.rowCount())] == ["8"]
    page.search.clear()
    qtbot.keyClicks(page.search, "beginning violin")  # ensemble and instrument
    assert page.model.rowCount() == 8
    page.search.clear()
    page.view.sortByColumn(RosterTableModel.GRADE, Qt.SortOrder.DescendingOrder)
    grades = [int(page.model.entry(r).grade) for r in range(8)]
    assert grades == sorted(grades, reverse=True)


def test_the_roster_follows_changes_made_elsewhere(
    qtbot: QtBot, page: RosterPage, services: Services, tasks: TaskManager, hub: HubFixture
) -> None:
    services.roster.update_student(hub.student_ids[0], preferred_name="Nina")  # as a sync
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        tasks.notify(Changes(students=True), None)
    assert "Nina" in [page.model.entry(r).preferred_name for r in range(page.model.rowCount())]
    with qtbot.assertNotEmitted(page.loaded, wait=200):
        tasks.notify(Changes(marks=True), None)  # marks are not on the roster


def fill_new_student(
    qtbot: QtBot, dialog: StudentDialog, first: str, last: str, dob: str, phone: str
) -> None:
    qtbot.keyClicks(dialog.first_name, first)
    qtbot.keyClicks(dialog.last_name, last)
    qtbot.keyClicks(dialog.date_of_birth, dob)
    guardian, emergency = dialog.contact_editors
    qtbot.keyClicks(guardian.name, "Rosa " + last)
    qtbot.keyClicks(guardian.phone, phone)
    qtbot.keyClicks(emergency.name, "Tio " + last)
    qtbot.keyClicks(emergency.phone, "(213) 555-0199")


def test_add_a_student_validating_as_you_type(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture
) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChildren(StudentDialog)[-1]
    assert not dialog.save_button.isEnabled()
    assert "First name is required" in dialog.message.text()
    fill_new_student(qtbot, dialog, "Marisol", "Reyes", "2031-01-01", "(213) 555-0100")
    assert "in the future" in dialog.message.text() and not dialog.save_button.isEnabled()
    assert "a40000" in dialog.date_of_birth.styleSheet()  # the field is outlined
    dialog.date_of_birth.clear()
    qtbot.keyClicks(dialog.date_of_birth, "5/6/2014")
    assert dialog.save_button.isEnabled()
    dialog.grade.setCurrentIndex(dialog.grade.findData("4"))
    dialog.may_walk_home.setChecked(True)
    qtbot.keyClicks(dialog.allergy_notes, "peanuts")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    created = [e for e in services.roster.entries(hub.hub_id) if e.last_name == "Reyes"]
    assert len(created) == 1
    student = services.roster.student(created[0].student_id)
    assert (student.date_of_birth, student.grade, student.may_walk_home, student.allergy_notes) == (
        dt.date(2014, 5, 6), "4", True, "peanuts",
    )  # fmt: skip
    contacts = services.roster.contacts(student.id)
    assert [(c.name, c.is_guardian, c.authorized_pickup, c.is_emergency) for c in contacts] == [
        ("Rosa Reyes", True, True, False),
        ("Tio Reyes", False, False, True),
    ]
    assert page.selected_student_id() == student.id  # the new student is selected


def test_bad_phone_blocks_saving(qtbot: QtBot, page: RosterPage) -> None:
    dialog = page.new_student()
    fill_new_student(qtbot, dialog, "A", "B", "2014-01-01", "555")
    assert "does not look like a phone number" in dialog.message.text()
    assert dialog.message.text().startswith("Contact 1:")
    assert "a40000" in dialog.contact_editors[0].phone.styleSheet()
    assert not dialog.save_button.isEnabled()
    dialog.reject()


@pytest.mark.parametrize("same", ["name and birth date", "guardian phone"])
def test_duplicate_warning_before_saving(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture, same: str
) -> None:
    existing = services.roster.student(hub.student_ids[0])  # Ana Garcia, guardian (323) 555-1000
    count = len(services.roster.entries(hub.hub_id))
    dialog = page.new_student()
    if same == "guardian phone":
        fill_new_student(qtbot, dialog, "Pedro", "Sanchez", "2013-02-02", "323.555.1000")
    else:
        assert existing.date_of_birth is not None
        fill_new_student(
            qtbot, dialog, "ana", "GARCIA", existing.date_of_birth.isoformat(), "(213) 555-4444"
        )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.duplicate_banner.isVisibleTo(dialog)
    assert "Ana Garcia" in dialog.duplicate_banner.text()
    assert dialog.save_button.text() == "&Save anyway"
    assert len(services.roster.entries(hub.hub_id)) == count  # nothing saved yet
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(services.roster.entries(hub.hub_id)) == count + 1


def test_duplicate_warning_opens_that_student_and_fits_the_screen(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture
) -> None:
    existing = services.roster.student(hub.student_ids[0])
    dialog = page.new_student()
    assert existing.date_of_birth is not None
    qtbot.keyClicks(dialog.first_name, "Ana")
    qtbot.keyClicks(dialog.last_name, "Garcia")
    qtbot.keyClicks(dialog.date_of_birth, existing.date_of_birth.isoformat())
    assert "No contacts yet" in dialog.message.text()  # never "Only 0 contact"
    guardian, emergency = dialog.contact_editors
    qtbot.keyClicks(guardian.name, "Rosa Garcia")
    qtbot.keyClicks(guardian.phone, "(213) 555-4444")
    assert "Only one contact" in dialog.message.text()
    qtbot.keyClicks(emergency.name, "Tio Garcia")
    qtbot.keyClicks(emergency.phone, "(213) 555-0199")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.duplicate_banner.isVisibleTo(dialog)
    # The warning makes the form no taller than the screen; Save and Cancel stay in it.
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    for button in (dialog.save_button, dialog.open_existing_button):
        corner = button.mapTo(dialog, button.rect().bottomRight())
        assert dialog.rect().contains(corner) and button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.open_existing_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == StudentDialog.DialogCode.Rejected
    opened = [d for d in page.findChildren(StudentDialog) if d.isVisible()]
    assert [d.student_id for d in opened] == [existing.id]
    opened[0].reject()


def test_the_form_fits_a_screen_at_200_percent(
    qtbot: QtBot, page: RosterPage, hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1280×720 at 200 % leaves 640×360: the profile, contacts and health tabs show all
    their fields without scrolling (the enrollment table scrolls on its own tab), no
    tab is wider than the form, and Tab goes down the left column, then the right."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QScrollArea, QWidget

    from harmony_desktop.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(0, 0, 640, 360))
    page.select_student(hub.student_ids[0])  # enrolled: the form has an Enrollment tab
    dialog = page.edit_selected()
    assert dialog is not None
    area = dialog.findChild(QScrollArea, "dialogBody")
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "&Profile", "Cont&acts", "&Health and permissions", "&Enrollment"]  # fmt: skip
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: dialog.frameGeometry().height() <= 360, timeout=20_000)
        qtbot.wait(50)  # the layouts catch up with the tab shown
        assert dialog.tabs.width() <= area.viewport().width()
        if dialog.tabs.tabText(index) != "&Enrollment":
            assert area.verticalScrollBar().maximum() == 0, dialog.tabs.tabText(index)
    dialog.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    assert area.verticalScrollBar().maximum() == 0  # the enrollment tab's height is gone
    order = [dialog.first_name]
    while len(order) < 13:
        following: QWidget = order[-1].nextInFocusChain()
        while not (following.focusPolicy() & Qt.FocusPolicy.TabFocus):
            following = following.nextInFocusChain()
        order.append(following)
    assert order == [
        dialog.first_name, dialog.last_name, dialog.preferred_name, dialog.date_of_birth,
        dialog.grade, dialog.status, dialog.school, dialog.district_id, dialog.statewide_id,
        dialog.home_language, dialog.guardian_language, dialog.instrument, dialog.level,
    ]  # fmt: skip
    dialog.reject()


def test_edit_a_student_and_their_contacts(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture
) -> None:
    student_id = hub.student_ids[2]
    assert page.select_student(student_id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChildren(StudentDialog)[-1]
    assert dialog.student_id == student_id
    dialog.preferred_name.clear()
    qtbot.keyClicks(dialog.preferred_name, "Mimi")
    dialog.photo_consent.setChecked(True)
    qtbot.keyClicks(dialog.statewide_id, "1234567890")
    second = dialog.contact_editors[1]  # an empty slot offered for the second contact
    qtbot.keyClicks(second.name, "Abuela Rivera")
    qtbot.keyClicks(second.phone, "213-555-0177")
    qtbot.keyClicks(dialog.contact_editors[0].custody, "No contact with father")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    student = services.roster.student(student_id)
    assert student.preferred_name == "Mimi" and student.photo_consent
    assert student.statewide_student_id == "1234567890"
    contacts = services.roster.contacts(student_id)
    assert [c.name for c in contacts] == ["Guardian 2", "Abuela Rivera"]
    assert contacts[0].custody_restriction == "No contact with father"
    assert "Mimi" in [page.model.entry(r).preferred_name for r in range(page.model.rowCount())]


def test_enroll_and_withdraw_from_the_student_form(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture
) -> None:
    student_id = hub.student_ids[0]
    page.select_student(student_id)
    dialog = page.edit_selected()
    assert dialog is not None and dialog.enrollment is not None
    panel = dialog.enrollment
    panel.ensemble.setCurrentIndex(panel.ensemble.findText("Choir"))
    with qtbot.waitSignal(panel.changed, timeout=20_000):
        qtbot.mouseClick(panel.enroll_button, Qt.MouseButton.LeftButton)
    enrollments = {e.ensemble_id: e for e in services.enrollment.for_student(student_id)}
    assert enrollments[hub.second_ensemble_id].status == EnrollmentStatus.ENROLLED
    assert enrollments[hub.second_ensemble_id].enrolled_on == TODAY

    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "Choir")
    panel.table.selectRow(row)
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert "reason" in panel.message.text()  # a reason is required
    assert services.enrollment.for_student(student_id)[0].status == EnrollmentStatus.ENROLLED
    qtbot.keyClicks(panel.reason, "moved away")
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    choir = next(
        e
        for e in services.enrollment.for_student(student_id)
        if e.ensemble_id == hub.second_ensemble_id
    )
    assert (choir.status, choir.end_reason, choir.ended_on) == (
        EnrollmentStatus.WITHDRAWN,
        "moved away",
        TODAY,
    )
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "Choir")
    panel.table.selectRow(row)
    history = [panel.history.item(i).text() for i in range(panel.history.count())]
    assert history == ["8 Sep 2026  Enrolled", "8 Sep 2026  Withdrawn — moved away"]
    dialog.reject()


def test_the_enrollment_date_is_typed_whole(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture
) -> None:
    """ "9/1/2026" is September 1 in US English (a date box read it as 9 January); an
    impossible date is said and nothing is enrolled."""
    student_id = hub.student_ids[0]
    page.select_student(student_id)
    dialog = page.edit_selected()
    assert dialog is not None and dialog.enrollment is not None
    panel = dialog.enrollment
    panel.ensemble.setCurrentIndex(panel.ensemble.findText("Choir"))
    panel.on_date.selectAll()
    qtbot.keyClicks(panel.on_date, "9/31/2026")
    qtbot.mouseClick(panel.enroll_button, Qt.MouseButton.LeftButton)
    assert "“9/31/2026” is not a date" in panel.message.text()
    assert hub.second_ensemble_id not in {
        e.ensemble_id for e in services.enrollment.for_student(student_id)
    }
    panel.on_date.selectAll()
    qtbot.keyClicks(panel.on_date, "9/1/2026")
    with qtbot.waitSignal(panel.changed, timeout=20_000):
        qtbot.mouseClick(panel.enroll_button, Qt.MouseButton.LeftButton)
    enrollments = {e.ensemble_id: e for e in services.enrollment.for_student(student_id)}
    assert enrollments[hub.second_ensemble_id].enrolled_on == dt.date(2026, 9, 1)
    assert panel.on_date.text() == "1 Sep 2026"  # left: written as read
    dialog.reject()


def test_waitlist_promotion_respects_capacity(
    qtbot: QtBot, services: Services, tasks: TaskManager
) -> None:
    small = make_hub(services, students=2, capacity=2)  # Beginning Strings is full
    waiting = [
        services.roster.create_student(
            small.hub_id, {"legal_first_name": n, "legal_last_name": "Wait"}
        )
        for n in ("Late", "Early")
    ]
    page = open_page(qtbot, services, tasks, small.hub_id)
    # "Early" gets priority 1 from the form; "Late" keeps the default 100
    for student_id, priority in ((waiting[0], 100), (waiting[1], 1)):
        page.select_student(student_id)
        dialog = page.edit_selected()
        assert dialog is not None and dialog.enrollment is not None
        panel = dialog.enrollment
        panel.ensemble.setCurrentIndex(panel.ensemble.findText("Beginning Strings"))
        qtbot.mouseClick(panel.enroll_button, Qt.MouseButton.LeftButton)
        assert "is full (2 of 2 places)" in panel.message.text()
        panel.priority.setValue(priority)
        qtbot.mouseClick(panel.waitlist_button, Qt.MouseButton.LeftButton)
        dialog.reject()
    assert [w.student_id for w in services.enrollment.waitlist(small.ensemble_id)] == [
        waiting[1],
        waiting[0],
    ]
    # The student's form shows the place in the queue, not the priority number.
    page.select_student(waiting[0])
    dialog = page.edit_selected()
    assert dialog is not None and dialog.enrollment is not None
    assert dialog.enrollment.table.item(0, 3).text() == "2 of 2 in line"
    assert "take effect at once" in dialog.enrollment.immediate.text()
    dialog.reject()

    qtbot.mouseClick(page.waitlist_button, Qt.MouseButton.LeftButton)
    waitlists = page.findChildren(WaitlistDialog)[-1]
    waitlists.ensemble.setCurrentIndex(waitlists.ensemble.findText("Beginning Strings"))
    assert waitlists.capacity.text() == "2 of 2 places taken"
    assert waitlists.table.item(0, 1).text() == "Early Wait"
    qtbot.mouseClick(waitlists.enroll_next, Qt.MouseButton.LeftButton)
    assert "full" in waitlists.message.text()
    assert services.enrollment.enrolled_count(small.ensemble_id, TODAY) == 2

    enrolled = services.enrollment.for_student(small.student_ids[0])[0]
    services.enrollment.withdraw(enrolled.id, TODAY, "family moved")
    waitlists.reload()
    assert waitlists.capacity.text() == "1 of 2 places taken"
    qtbot.mouseClick(waitlists.enroll_next, Qt.MouseButton.LeftButton)
    assert waitlists.message.text() == "Early Wait is enrolled."
    assert services.enrollment.for_student(waiting[1])[0].status == EnrollmentStatus.ENROLLED
    assert services.enrollment.enrolled_count(small.ensemble_id, TODAY) == 2
    qtbot.mouseClick(waitlists.enroll_next, Qt.MouseButton.LeftButton)  # full again
    assert "full" in waitlists.message.text()
    assert services.enrollment.for_student(waiting[0])[0].status == EnrollmentStatus.WAITLISTED
    waitlists.reject()
    page.shutdown()


def test_archive_and_restore_never_delete(
    qtbot: QtBot,
    page: RosterPage,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    student_id = hub.student_ids[3]
    page.select_student(student_id)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert services.roster.student(student_id).status == "archived"
    assert page.model.row_of(student_id) == -1  # hidden unless "Show archived"
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show_archived.setChecked(True)
    assert page.select_student(student_id)
    assert page.archive_button.text() == "R&estore"
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert services.roster.student(student_id).status == "active"


def test_import_dialog_maps_checks_then_imports(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture
) -> None:
    dialog = page.open_import()
    with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
        dialog.load_file(DATA / "utf8_bom_crlf.csv")
    assert not dialog.import_button.isEnabled()  # a dry run comes first
    with qtbot.waitSignal(dialog.checked, timeout=20_000) as checked:
        qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    report = checked.args[0]
    assert (report.created, len(report.rejected)) == (4, 1)
    assert dialog.rejected_rows.item(0).text().startswith("row 6:")  # as a spreadsheet shows it
    assert len(services.roster.entries(hub.hub_id)) == 8  # the dry run wrote nothing
    dialog.set_field(6, None)  # ignore the School column: the dry run must be redone
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    entries = services.roster.entries(hub.hub_id)
    assert len(entries) == 12 and page.model.total == 12
    chidi = next(e for e in entries if e.district_student_id == "900101")
    assert services.roster.student(chidi.student_id).school == ""  # the column was ignored
    dialog.reject()


def _birth_dates_file(path: Path, *dates: str) -> Path:
    """Windows-1252, ';', Spanish headers: a birth date per (generated) child."""
    names = ["Aitana;Quintero Vela", "Bruno;Salcedo Ruiz", "Celia;Toral Mena"]
    rows = [f"{name};{day}" for name, day in zip(names, dates, strict=False)]
    path.write_bytes(
        "\r\n".join(["Nombre;Apellido(s);Fecha de nacimiento", *rows]).encode("cp1252")
    )
    return path


def test_the_import_dry_run_says_how_dates_are_read_and_refuses_both_orders(
    qtbot: QtBot, qapp: QApplication, page: RosterPage, services: Services, tmp_path: Path
) -> None:
    dialog = page.open_import()
    with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
        dialog.load_file(_birth_dates_file(tmp_path / "a.csv", "25/03/2015", "03/04/2014"))
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == (
        "Dry run: 2 to create, 0 to update, 0 unchanged, 0 rejected.\n"
        "Fecha de nacimiento: 03/04/2014 read as 3 April 2014 (day/month), as 25/03/2015 on "
        "row 2 shows."
    )
    assert dialog.import_button.isEnabled()

    # Both orders in the column: the file is refused before anything can be imported.
    with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
        dialog.load_file(_birth_dates_file(tmp_path / "b.csv", "25/03/2015", "03/14/2014"))
    qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "day first" in dialog.summary.text(), timeout=20_000)
    assert dialog.summary.text().startswith(
        "Fecha de nacimiento: some dates are written day first (25/03/2015 on row 2) and "
        "some month first (03/14/2014 on row 3)"
    )
    assert "a40000" in dialog.summary.styleSheet()  # said as an error
    assert not dialog.import_button.isEnabled()
    dialog.reject()

    try:
        assert install_translator(qapp, QLocale("es_MX"))
        spanish = page.open_import()
        with qtbot.waitSignal(spanish.file_loaded, timeout=20_000):
            spanish.load_file(_birth_dates_file(tmp_path / "c.csv", "03/04/2014", "2014-13-45"))
        with qtbot.waitSignal(spanish.checked, timeout=20_000):
            qtbot.mouseClick(spanish.dry_run_button, Qt.MouseButton.LeftButton)
        assert spanish.summary.text().splitlines()[1] == (
            "Fecha de nacimiento: 03/04/2014 se lee como 3 de abril de 2014 (día/mes), porque "
            "los encabezados del archivo están en español y ninguna fecha de la columna indica "
            "el orden. Si el archivo quiere decir otra cosa, escriba sus fechas como AAAA-MM-DD."
        )
        assert spanish.rejected_rows.item(0).text().startswith("fila 3: ")
        spanish.reject()
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_the_import_dialog_lets_the_user_say_the_order_of_the_files_dates(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    """A column with both orders is not the end of the import: the person who knows the
    file chooses its order, and only the date that cannot be read so is refused, on its
    row (on main the file was refused with no way on but editing it)."""
    dialog = page.open_import()
    with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
        dialog.load_file(
            _birth_dates_file(tmp_path / "b.csv", "25/03/2015", "03/14/2014", "03/04/2014")
        )
    assert dialog.chosen_date_order() is None  # as the file shows, until chosen
    qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "day first" in dialog.summary.text(), timeout=20_000)
    assert dialog.summary.text().endswith(
        '\nOr say above, in "Dates written with numbers", how the file writes its dates, and '
        "check again: the dates that cannot be read so are refused on their rows."
    )
    dialog.choose_date_order("day/month")
    assert dialog.date_order.currentText() == "Day first: 31/12/2014"
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == (
        "Dry run: 2 to create, 0 to update, 0 unchanged, 1 rejected.\n"
        "Fecha de nacimiento: 03/04/2014 read as 3 April 2014 (day/month), as chosen for "
        "this import."
    )
    assert dialog.rejected_rows.item(0).text() == (
        "row 3: 03/14/2014 is not a date when read day/month, the order chosen for this "
        "import: write the birth date as YYYY-MM-DD, or choose the other order."
    )
    # choosing again asks for a new check before anything is imported
    dialog.choose_date_order("month/day")
    assert not dialog.import_button.isEnabled()
    dialog.choose_date_order("day/month")
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        qtbot.mouseClick(dialog.dry_run_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    with services.store.read() as s:
        born = {
            st.legal_first_name: st.date_of_birth
            for st in s.exec(select(Student).where(Student.hub_id == hub.hub_id)).all()
        }
    assert (born["Aitana"], born["Celia"]) == (dt.date(2015, 3, 25), dt.date(2014, 4, 3))
    assert "Bruno" not in born
    dialog.reject()


def test_print_preview_paints_each_document(qtbot: QtBot, page: RosterPage) -> None:
    import gc

    from PySide6.QtPrintSupport import QPrintPreviewWidget

    # What the suite made before is frozen, out of the collections below: a full
    # collection late in the suite took about 4 seconds, and the printer made by each
    # call is young (what is collected now is what this test made).
    gc.freeze()
    try:
        for kind in ("roster", "signin", "blank-roll", "emergency", "no-photo"):
            preview = page.print_preview(kind)
            if kind == "signin":  # first: which of the ensemble's meeting days
                assert preview is None
                page.day_dialog.accept()
                preview = page.findChildren(QPrintPreviewDialog)[-1]
            assert preview is not None
            gc.collect()  # the printer must outlive this call (it is not a QObject)
            widget = preview.findChild(QPrintPreviewWidget)
            assert widget is not None
            widget.updatePreview()
            qtbot.waitUntil(lambda w=widget: w.pageCount() >= 1, timeout=20_000)
            preview.close()
    finally:
        gc.unfreeze()


def test_print_preview_without_a_printer_is_on_letter_paper(page: RosterPage) -> None:
    """No printer set up (as here): Letter, as the command line and the Reports tab
    print; Qt alone would take A4."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinterInfo

    assert QPrinterInfo.defaultPrinter().isNull()  # this test's premise
    preview = page.print_preview("roster")
    assert preview is not None
    printer = preview.printer()
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    preview.close()


def test_gui_signin_sheet_offers_meeting_days_and_names_pickups(
    qtbot: QtBot, page: RosterPage, services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    services.roster.add_contact(
        hub.student_ids[1], name="Restricted Adult", custody_restriction="No contact at all"
    )
    page.print_ensemble.setCurrentIndex(page.print_ensemble.findText("Choir"))
    assert page.print_preview("signin") is None
    days = page.day_dialog.days
    assert days and {d.weekday() for d in days} == {5}  # Choir meets on Saturdays only
    assert page.day_dialog.day() == dt.date(2026, 9, 12)  # the next one after TODAY
    page.day_dialog.reject()
    page.print_ensemble.setCurrentIndex(page.print_ensemble.findText("Beginning Strings"))
    page.print_preview("signin")
    chooser = page.day_dialog
    assert chooser.day() == TODAY and all(d.weekday() < 5 for d in chooser.days)
    chooser.accept()
    preview = page.findChildren(QPrintPreviewDialog)[-1]
    # ./dev installs poppler-utils: without it this check must fail, not vanish.
    assert shutil.which("pdftotext"), (
        "pdftotext missing: run ./dev test, which installs poppler-utils"
    )
    printer = page._preview_printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "gui-signin.pdf"
    printer.setOutputFileName(str(pdf))
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    preview.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Tue 8 Sep 2026, 3:30 PM–5:00 PM" in text and "May be collected by" in text
    assert "Guardian 0" in text and "SEE SITE LEAD" in text
    assert "No contact at all" not in text and "Restricted Adult" not in text


def test_the_signin_day_chooser_names_days_in_the_windows_language(
    qapp: QApplication, page: RosterPage
) -> None:
    """Not "Tuesday 8 September 2026" in a Spanish window."""
    page.print_preview("signin")
    english = page.day_dialog
    assert english.day_box.currentText() == "Today, Tuesday 8 September 2026"
    english.reject()
    try:
        assert install_translator(qapp, QLocale("es_MX"))
        page.print_preview("signin")
        chooser = page.day_dialog
        assert chooser.day_box.currentText() == "Hoy, martes 8 de septiembre de 2026"
        labels = [chooser.day_box.itemText(i) for i in range(chooser.day_box.count())]
        assert "miércoles 9 de septiembre de 2026" in labels
        chooser.reject()
    finally:
        install_translator(qapp, QLocale("en_US"))


def test_export_from_the_page(qtbot: QtBot, page: RosterPage, tmp_path: Path) -> None:
    target = tmp_path / "roster.csv"
    page.export_to_file("roster", target)
    qtbot.waitUntil(lambda: "exported" in page.message.text(), timeout=20_000)
    assert page.message.text() == "8 rows exported to roster.csv."
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 9 and lines[0].startswith("District student id,Last name")


def test_export_to_a_folder_says_what_to_do(qtbot: QtBot, page: RosterPage, tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    target.mkdir()
    page.export_to_file("roster", target)
    qtbot.waitUntil(lambda: "folder" in page.message.text(), timeout=20_000)
    assert page.message.text() == f"{target} is a folder: choose a file name."
    assert list(target.iterdir()) == []


def print_to_pdf(page: RosterPage, target: Path) -> None:
    """Print the roster from its preview to the PDF ``target``, as the preview's print
    button does once the file is chosen."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    preview = page.print_preview("roster")
    assert preview is not None
    printer = preview.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    preview.close()


def test_print_to_pdf_writes_it_whole(page: RosterPage, tmp_path: Path) -> None:
    target = tmp_path / "out" / "roster.pdf"
    target.parent.mkdir()
    print_to_pdf(page, target)
    assert page.message.text() == "Saved roster.pdf."
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["roster.pdf"]


def test_print_to_pdf_in_a_folder_or_open_elsewhere_says_what_to_do(
    page: RosterPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    folder = tmp_path / "out"
    target = folder / "roster.pdf"
    target.mkdir(parents=True)
    print_to_pdf(page, target)
    assert page.message.text() == f"{target} is a folder: choose a file name."
    assert [p.name for p in folder.iterdir()] == ["roster.pdf"] and target.is_dir()

    target.rmdir()
    target.write_bytes(b"%PDF the old one, open in a reader")

    def refuse(self: Path, other: object) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "replace", refuse)
    print_to_pdf(page, target)
    assert page.message.text() == (
        f"Could not save {target}: this folder does not let you save files, or the file is "
        "open in another program (close it there and try again)."
    )
    assert target.read_bytes() == b"%PDF the old one, open in a reader"
    assert [p.name for p in folder.iterdir()] == ["roster.pdf"]


def test_print_to_pdf_into_a_folder_that_does_not_exist_says_so_and_makes_none(
    page: RosterPage, tmp_path: Path
) -> None:
    """The file name typed in the print dialog, with a mistake in its folder: the
    folders were made and the PDF saved in them."""
    target = tmp_path / "Documnets" / "roster.pdf"
    print_to_pdf(page, target)
    assert page.message.text() == (
        f"Could not save {target}: the folder {tmp_path / 'Documnets'} does not exist. "
        "Create it first, or choose another folder."
    )
    assert not target.parent.exists()


def test_a_printer_that_cannot_be_used_says_what_to_do(
    page: RosterPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's Print on a printer switched off or unplugged: Qt cannot start
    painting on it. Said below the roster, nothing sent, no traceback."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    preview = page.print_preview("roster")
    assert preview is not None
    printer = preview.printer()
    printer.setPrinterName("")  # the default printer, whatever this machine has
    printer.setOutputFileName("")  # to paper, not to a file
    monkeypatch.setattr(QPainter, "begin", lambda painter, device: False)
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    preview.close()
    assert page.message.text() == (
        "Could not print: the printer could not be used. Check that it is switched on and "
        "connected, then print again, or print to PDF instead."
    )
