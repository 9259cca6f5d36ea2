"""The Programme window driven as a site lead would: create a hub, two staff, an
ensemble meeting Mon and Wed 15:30–17:00 with 20 places, and a closure day; then the
``sessions`` command lists the Monday session and nothing on the closure day, and
raising the capacity lets the next waitlisted student in."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import StaffRecord
from harmony_desktop.store import settings
from harmony_desktop.store.models import Closure, Ensemble, Hub, Outbox, Staff
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.programme.pages import EditorPage
from harmony_desktop.ui.tasks import Changes, TaskManager
from harmony_desktop.ui.timefield import TimeField

TODAY = dt.date(2026, 9, 1)
MONDAY, LABOR_DAY = dt.date(2026, 9, 14), dt.date(2026, 9, 7)


@pytest.fixture
def tasks(services: Services) -> Iterator[TaskManager]:
    manager = TaskManager(services)
    yield manager
    manager.shutdown()


@pytest.fixture
def window(qtbot: QtBot, services: Services, tasks: TaskManager) -> ProgrammeWindow:
    win = ProgrammeWindow(services, tasks, None, today=TODAY)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.codes.loaded, timeout=20_000):
        win.show()
    return win


def save(qtbot: QtBot, page: EditorPage) -> None:  # type: ignore[type-arg]
    """Click Save and wait until the page shows the record it saved."""
    with qtbot.waitSignal(page.saved, timeout=20_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = page.current_id
    qtbot.waitUntil(
        lambda: page.view.currentIndex().row() == page.model.row_of(saved) >= 0, timeout=20_000
    )


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def test_set_up_a_programme_in_the_window(
    qtbot: QtBot,
    window: ProgrammeWindow,
    services: Services,
    qtmodeltester: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # a hub
    window.show_page(window.hubs)
    qtbot.mouseClick(window.hubs.new_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, window.hubs.name_edit, "Cedar Park Hub")
    type_into(qtbot, window.hubs.address_edit, "300 Cedar Ave")
    window.hubs.kind_box.setCurrentIndex(window.hubs.kind_box.findData("park"))
    save(qtbot, window.hubs)
    assert window.hubs.model.rowCount() == 1
    qtmodeltester.check(window.hubs.model)  # type: ignore[attr-defined]
    with services.store.read() as s:
        (hub,) = s.exec(Hub.__table__.select()).all()  # type: ignore[attr-defined]
    assert (hub.name, hub.partner_kind, hub.timezone) == (
        "Cedar Park Hub", "park", "America/Los_Angeles"
    )  # fmt: skip

    # two staff, both at the hub
    window.show_page(window.staff)
    qtbot.waitUntil(lambda: window.staff.hubs_list.count() == 1, timeout=20_000)
    for name, role in (("Lee Teacher", "teacher"), ("Kim Lead", "site_lead")):
        qtbot.mouseClick(window.staff.new_button, Qt.MouseButton.LeftButton)
        type_into(qtbot, window.staff.name_edit, name)
        window.staff.role_box.setCurrentIndex(window.staff.role_box.findData(role))
        window.staff.set_hubs([hub.id])
        save(qtbot, window.staff)
    assert [window.staff.model.index(r, 0).data() for r in range(2)] == ["Kim Lead", "Lee Teacher"]
    qtmodeltester.check(window.staff.model)  # type: ignore[attr-defined]
    with services.store.read() as s:
        staff = {r.name: r for r in s.exec(Staff.__table__.select())}  # type: ignore[attr-defined]
    assert json.loads(staff["Lee Teacher"].hubs) == [hub.id] and staff["Lee Teacher"].hub_id is None

    # an ensemble: Mon and Wed 15:30-17:00, 20 places, Lee teaching
    page = window.ensembles
    window.show_page(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    assert page.hub_box.currentText() == "Cedar Park Hub"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, page.name_edit, "Beginning Strings")
    page.teacher_box.setCurrentIndex(page.teacher_box.findText("Lee Teacher"))
    page.capacity_box.setValue(20)
    qtbot.mouseClick(page.meetings.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.meetings.add_button, Qt.MouseButton.LeftButton)
    second_day = page.meetings.table.cellWidget(1, 0)
    assert isinstance(second_day, QComboBox) and second_day.currentIndex() == 1  # Tuesday
    second_day.setCurrentIndex(2)  # Wednesday
    start = page.meetings.table.cellWidget(1, 1)
    assert isinstance(start, TimeField) and start.time() == QTime(15, 30)
    save(qtbot, page)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.index(0, 2).data() == "Mon, Wed 3:30\u202fPM–5:00\u202fPM"
    with services.store.read() as s:
        (ensemble,) = s.exec(Ensemble.__table__.select()).all()  # type: ignore[attr-defined]
    assert (ensemble.capacity, ensemble.teacher_id) == (20, staff["Lee Teacher"].id)

    # a closure day for the whole programme
    calendar = window.calendar
    window.show_page(calendar)
    calendar.closure_date.setDate(QDate(2026, 9, 7))
    type_into(qtbot, calendar.closure_reason, "Labor Day")
    with qtbot.waitSignal(calendar.saved, timeout=20_000):
        qtbot.mouseClick(calendar.add_closure_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: calendar.closures_model.rowCount() == 1, timeout=20_000)
    qtmodeltester.check(calendar.closures_model)  # type: ignore[attr-defined]
    assert calendar.closures_model.index(0, 1).data() == "Whole programme"
    assert calendar.message.text() == "Mon 7 Sep 2026 is closed: no sessions that day."
    with services.store.read() as s:
        (closure,) = s.exec(Closure.__table__.select()).all()  # type: ignore[attr-defined]
    assert (closure.date, closure.hub_id, closure.reason) == (LABOR_DAY, None, "Labor Day")

    # the command line sees the Monday session, and nothing on Labor Day
    from harmony_desktop.__main__ import main

    data_dir = services.store.path.parent
    assert main(["--data-dir", str(data_dir), "sessions", "--date", MONDAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Cedar Park Hub\tBeginning Strings\t15:30\t17:00\tnot started" in out
    assert main(["--data-dir", str(data_dir), "sessions", "--date", LABOR_DAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Cedar Park Hub: closed (Labor Day)" in out and "Beginning Strings" not in out


def test_raising_the_capacity_lets_the_next_waitlisted_student_in(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, hub: object
) -> None:
    from tests.factories import HubFixture

    assert isinstance(hub, HubFixture)
    page = window.ensembles
    page.hub_id = hub.hub_id
    with services.store.write() as w:
        w.update(w.get(Ensemble, hub.ensemble_id), capacity=8)  # the 8 enrolled fill it
    first, second = (
        services.roster.create_student(
            hub.hub_id, {"legal_first_name": n, "legal_last_name": "Wait"}
        )
        for n in ("Ada", "Bo")
    )
    services.enrollment.add_to_waitlist(first, hub.ensemble_id, dt.date(2026, 8, 1))
    services.enrollment.add_to_waitlist(second, hub.ensemble_id, dt.date(2026, 8, 2))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    page.view.selectRow(page.model.row_of(hub.ensemble_id))
    assert page.capacity_box.value() == 8
    assert page.model.index(page.model.row_of(hub.ensemble_id), 5).data() == "2"  # waiting
    page.capacity_box.setValue(9)
    save(qtbot, page)
    assert "1 student from the waitlist took a new place." in page.message.text()
    statuses = {e.ensemble_id: e.status for e in services.enrollment.for_student(first)}
    assert statuses == {hub.ensemble_id: "enrolled"}
    assert [w.student_id for w in services.enrollment.waitlist(hub.ensemble_id)] == [second]
    assert services.enrollment.enrolled_count(hub.ensemble_id, TODAY) == 9


def test_an_enrolled_laptop_reads_hubs_and_a_site_lead_leaves_codes_alone(
    qtbot: QtBot, services: Services, tasks: TaskManager, hub: object
) -> None:
    services.store.settings.set(settings.SYNC_SERVER, "https://sync.example.org")
    win = ProgrammeWindow(services, tasks, None, today=TODAY)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.codes.loaded, timeout=20_000):
        win.show()
    qtbot.waitUntil(lambda: win.hubs.model.rowCount() == 1, timeout=20_000)
    assert not win.hubs.save_button.isEnabled() and not win.hubs.new_button.isEnabled()
    assert "administrator" in win.hubs.note.text() and win.hubs.note.isVisibleTo(win.hubs)
    assert not win.codes.save_button.isEnabled()
    assert win.staff.save_button.isEnabled()  # a teacher for this hub can still be added
    assert win.ensembles.save_button.isEnabled()


def test_a_code_with_a_spanish_label(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, qtmodeltester: object
) -> None:
    page = window.codes
    window.show_page(page)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, page.code_edit, "se")
    type_into(qtbot, page.label_edit, "School event")
    type_into(qtbot, page.label_es_edit, "Evento escolar")
    page.excused_box.setChecked(True)  # away at a school event: an excused absence
    save(qtbot, page)
    codes = {c.code: c for c in services.setup.codes()}
    assert (codes["SE"].label_es, codes["SE"].excused, codes["SE"].active) == (
        "Evento escolar", True, True
    )  # fmt: skip
    # "mark all remaining present" needs one plain present code: OS may retire, then not P
    page.view.selectRow(page.model.row_of(codes["OS"].id))
    page.active_box.setChecked(False)
    save(qtbot, page)
    page.view.selectRow(page.model.row_of(codes["P"].id))
    assert page.code_edit.isReadOnly()  # marks keep a code's letters
    page.active_box.setChecked(False)
    with qtbot.waitSignal(page.failed, timeout=20_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Keep one active code that simply counts present" in page.message.text()
    # another view hears of set-up changes
    heard: list[Changes] = []
    window.codes.tasks.changed.connect(lambda changes, _who: heard.append(changes))
    page.active_box.setChecked(True)
    type_into(qtbot, page.label_es_edit, "Presente (a tiempo)")
    save(qtbot, page)
    assert heard and heard[-1].setup and heard[-1].register


def test_a_site_lead_archives_a_teacher_who_left_and_brings_them_back(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, hub: object, qtmodeltester: object
) -> None:
    from tests.factories import HubFixture

    assert isinstance(hub, HubFixture)
    lead = services.setup.save_staff(StaffRecord(None, "Kim Lead", "site_lead", (hub.hub_id,)))
    page = window.staff
    window.show_page(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    page.view.selectRow(page.model.row_of(hub.teacher_id))
    assert page.archive_button.text() == "&Archive" and page.archive_button.isEnabled()
    with services.store.read() as s:
        queued_before = len(s.exec(Outbox.__table__.select()).all())  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.saved, timeout=20_000):
        qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.archive_button.text() == "Bring b&ack", timeout=20_000)
    assert page.message.text() == "Archived: no longer offered to take roll or teach."
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    # archived people go last, marked in their column
    assert [page.model.index(r, 0).data() for r in range(2)] == ["Kim Lead", "Teacher One"]
    assert page.model.index(1, 5).data() == "✓"

    # the change goes to sync like any other: one outbox entry carrying the field
    with services.store.read() as s:
        queued = s.exec(Outbox.__table__.select()).all()  # type: ignore[attr-defined]
    assert len(queued) == queued_before + 1
    assert queued[-1].table_name == "staff" and queued[-1].row_id == hub.teacher_id
    assert json.loads(queued[-1].values) == {"archived": True}

    # off the list of who takes the roll (and of who may confirm a release)
    assert [s.name for s in services.hubs.staff_for_hub(hub.hub_id)] == ["Kim Lead"]
    assert [name for _id, name in services.roll.site_leads(hub.hub_id)] == ["Kim Lead"]
    # still named as the teacher of the ensembles they taught, as on their old rolls
    assert {e.teacher for e in services.hubs.ensembles(hub.hub_id)} == {"Teacher One"}

    # the ensembles page no longer offers them for a new ensemble, and shows them on theirs
    ensembles = window.ensembles
    ensembles.hub_id = hub.hub_id
    window.show_page(ensembles)
    with qtbot.waitSignal(ensembles.loaded, timeout=20_000):
        ensembles.reload()
    ensembles.view.selectRow(ensembles.model.row_of(hub.ensemble_id))
    assert ensembles.teacher_box.currentText() == "Teacher One (archived)"
    assert ensembles.model.index(ensembles.model.row_of(hub.ensemble_id), 1).data() == "Teacher One"
    qtbot.mouseClick(ensembles.new_button, Qt.MouseButton.LeftButton)
    offered = [ensembles.teacher_box.itemText(i) for i in range(ensembles.teacher_box.count())]
    assert offered == ["(no teacher yet)", "Kim Lead"]

    # brought back: on the lists again
    window.show_page(page)
    page.view.selectRow(page.model.row_of(hub.teacher_id))
    with qtbot.waitSignal(page.saved, timeout=20_000):
        qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.archive_button.text() == "&Archive", timeout=20_000)
    assert page.message.text() == "Brought back."
    assert [s.id for s in services.hubs.staff_for_hub(hub.hub_id)] == [lead, hub.teacher_id]


def test_an_ensemble_that_stops_meeting_is_archived_and_brought_back(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, hub: object
) -> None:
    from tests.factories import HubFixture

    assert isinstance(hub, HubFixture)
    page = window.ensembles
    page.hub_id = hub.hub_id
    window.show_page(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    page.view.selectRow(page.model.row_of(hub.second_ensemble_id))
    with qtbot.waitSignal(page.saved, timeout=20_000):
        qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.archive_button.text() == "Bring b&ack", timeout=20_000)
    assert [e.name for e in services.hubs.ensembles(hub.hub_id)] == ["Beginning Strings"]
    with qtbot.waitSignal(page.saved, timeout=20_000):
        qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.archive_button.text() == "&Archive", timeout=20_000)
    assert [e.name for e in services.hubs.ensembles(hub.hub_id)] == ["Beginning Strings", "Choir"]


def test_two_teachers_of_one_name_are_offered_with_their_emails(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, hub: object
) -> None:
    from tests.factories import HubFixture

    assert isinstance(hub, HubFixture)
    for email in ("ana.garcia@example.org", "agarcia@example.org"):
        services.setup.save_staff(
            StaffRecord(None, "Ana García", "teacher", (hub.hub_id,), email=email)
        )
    page = window.ensembles
    page.hub_id = hub.hub_id
    window.show_page(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    offered = [page.teacher_box.itemText(i) for i in range(page.teacher_box.count())]
    assert offered == [
        "(no teacher yet)",
        "Ana García <agarcia@example.org>",
        "Ana García <ana.garcia@example.org>",
        "Teacher One",
    ]
