"""pytest-qt: enrollment dialog, "Sync now" with progress, status states, review, merge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from harmony_desktop.services.duplicates import find_duplicates
from harmony_desktop.store import settings
from harmony_desktop.store.models import AttendanceMark, Student, StudentRedirect
from harmony_desktop.ui.sync.controller import BACKOFF_MS, SyncController
from harmony_desktop.ui.sync.enroll import EnrollDialog
from harmony_desktop.ui.sync.review import ReviewPage
from harmony_desktop.ui.sync.status import SyncStatusWidget
from harmony_desktop.ui.tasks import TaskManager
from tests.factories import make_hub
from tests.support.ports import free_port
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import (
    Replica,
    ReplicaFactory,
    later_millisecond,
    name_laptops,
    open_session,
    two_laptops,
)

WAIT = 30_000

ControllerFactory = Callable[..., SyncController]


@pytest.fixture
def controller_for() -> Iterator[ControllerFactory]:
    """``controller_for(replica, **options)``: a sync controller over the replica's store,
    on a task manager of its own; both stopped after the test."""
    made: list[tuple[TaskManager, SyncController]] = []

    def make(rep: Replica, **options: Any) -> SyncController:
        tasks = TaskManager(rep.services)
        controller = SyncController(tasks, rep.sync, auto=False, **options)
        made.append((tasks, controller))
        return controller

    yield make
    for tasks, controller in made:
        controller.shutdown()
        tasks.shutdown()


def read_status(qtbot: QtBot, controller: SyncController) -> None:
    """Read the sync status (in the background, as the app does) and wait for it."""
    with qtbot.waitSignal(controller.statusChanged, timeout=WAIT):
        controller.refresh_status()


@pytest.fixture
def ui(
    qtbot: QtBot, replica: ReplicaFactory, controller_for: ControllerFactory
) -> Iterator[tuple[Replica, SyncController, SyncStatusWidget]]:
    rep = replica("ui")
    controller = controller_for(rep)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    widget.show()
    read_status(qtbot, controller)
    yield rep, controller, widget


def test_enrollment_dialog_enrolls_then_syncs(qtbot: QtBot, ui, live: SyncServer) -> None:  # type: ignore[no-untyped-def]
    rep, controller, widget = ui
    assert widget.online_label.text() == "Working alone on this laptop — backups daily"
    assert widget.sync_button.text() == "Set up sync…"
    assert widget.pending_label.isHidden() and widget.last_label.isHidden()
    with qtbot.waitSignal(widget.enrollRequested, timeout=20_000):
        qtbot.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)
    assert not controller.running  # nothing to sync with yet
    hub = make_hub(rep.services, students=2)
    live.add_hub("Test Park Hub", hub.hub_id)
    code = live.enroll_device("Dialog laptop 7", [hub.hub_id])
    dialog = EnrollDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.server_edit, live.url)
    qtbot.keyClicks(dialog.code_edit, code)
    assert dialog.name_edit.text() == ""  # the administrator's name is kept unless typed
    with qtbot.waitSignal(controller.syncFinished, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == EnrollDialog.DialogCode.Accepted
    assert "Dialog laptop 7" in [d["name"] for d in live.list_devices()]
    assert rep.sync.is_enrolled() and rep.sync.server_url() == live.url
    assert rep.store.pending_changes() == 0
    assert widget.online_label.text().endswith("Online")
    assert widget.pending_label.text() == "All changes synced"
    assert "today" in widget.last_label.text()
    assert widget.sync_button.text() == "Sync now"


def test_enrollment_dialog_shows_a_refused_code(qtbot: QtBot, ui, live: SyncServer) -> None:  # type: ignore[no-untyped-def]
    _rep, controller, _widget = ui
    dialog = EnrollDialog(controller)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.server_edit, live.url)
    qtbot.keyClicks(dialog.code_edit, "WRONG-CODE")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "administrator" in dialog.message.text(), timeout=WAIT)
    assert dialog.ok_button.isEnabled()
    assert dialog.result() != EnrollDialog.DialogCode.Accepted


def test_enrolling_offline_says_it_needs_a_connection_and_tries_again(
    qtbot: QtBot, ui, live: SyncServer
) -> None:  # type: ignore[no-untyped-def]
    rep, controller, _widget = ui
    hub = make_hub(rep.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    code = live.enrollment_code([hub.hub_id])
    dialog = EnrollDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.server_edit, f"http://127.0.0.1:{free_port()}")  # nobody there
    qtbot.keyClicks(dialog.code_edit, code)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "Try again", timeout=WAIT)
    text = dialog.message.text()
    assert "Not enrolled" in text and "needs a connection" in text
    assert "when the connection returns" not in text + dialog.message.toolTip()
    assert not rep.sync.is_enrolled()
    dialog.server_edit.setText(live.url)  # the connection is back
    with qtbot.waitSignal(controller.syncFinished, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert rep.sync.is_enrolled()


def test_sync_now_shows_progress_and_keeps_ui_usable(qtbot: QtBot, ui, live: SyncServer) -> None:  # type: ignore[no-untyped-def]
    rep, controller, widget = ui
    hub = make_hub(rep.services, students=6)
    live.add_hub("Test Park Hub", hub.hub_id)
    rep.enroll([hub.hub_id])
    read_status(qtbot, controller)
    assert "changes waiting" in widget.pending_label.text()
    phases: list[tuple[str, int, int]] = []
    controller.syncProgress.connect(lambda p, d, t: phases.append((p, d, t)))
    with qtbot.waitSignal(controller.syncFinished, timeout=WAIT):
        qtbot.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)
        assert not widget.sync_button.isEnabled()  # one sync at a time
        assert not widget.progress.isHidden()  # progress shown while it runs
        # the UI thread is free: a local edit goes through meanwhile
        rep.services.roster.update_student(hub.student_ids[0], grade="7")
    assert {p for p, _d, _t in phases} == {"push", "pull"}
    assert widget.sync_button.isEnabled() and widget.progress.isHidden()
    assert widget.message_label.text().startswith("Synced: sent")
    assert widget.online_label.text().endswith("Online")
    rep.sync.sync()  # whatever the edit made meanwhile left waiting goes too
    with qtbot.waitSignal(controller.syncFinished, timeout=WAIT):
        qtbot.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)
    assert widget.message_label.text() == "Synced: up to date"  # not "sent 0, received 0"


def test_status_offline_backoff_and_reminder(
    qtbot: QtBot, replica: ReplicaFactory, controller_for: ControllerFactory
) -> None:
    rep = replica("offline")
    make_hub(rep.services, students=1)  # work done offline, waiting
    rep.store.set_meta("sync.server_url", f"http://127.0.0.1:{free_port()}")
    rep.sync.tokens.save("token")
    evening = dt.datetime(2026, 9, 14, 18, 0)
    controller = controller_for(rep, now=lambda: evening)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    try:
        read_status(qtbot, controller)
        for attempt in range(2):
            with qtbot.waitSignal(controller.syncFailed, timeout=WAIT):
                controller.sync_now()
            assert widget.online_label.text().endswith("Offline")
            assert "Server unreachable: retrying in" in widget.message_label.text()
            assert "cannot be reached" in widget.message_label.toolTip()
            # the backoff grows (Qt's coarse timers may run up to 5 % late)
            expected = BACKOFF_MS[attempt]
            assert expected - 2000 < controller.next_retry_ms() <= expected * 1.05
        assert "changes waiting" in widget.pending_label.text()
        with qtbot.waitSignal(controller.reminder, timeout=20_000):
            assert controller.check_reminder()
        assert "End of the day" in widget.message_label.text()
        assert not controller.check_reminder()  # once a day, gently
    finally:
        controller.shutdown()


def test_review_panel_keeps_either_value(
    qtbot: QtBot,
    qtmodeltester,
    replica: ReplicaFactory,
    live: SyncServer,
    controller_for: ControllerFactory,
) -> None:  # type: ignore[no-untyped-def]
    a, b, hub = two_laptops(replica, live)
    sid = hub.student_ids[0]
    a.services.roster.update_student(sid, school="Lincoln")
    later_millisecond()  # B's write is the later one
    b.services.roster.update_student(sid, school="Roosevelt")
    a.sync.sync()
    b.sync.sync()
    a.sync.sync()
    controller = controller_for(a)
    page = ReviewPage(controller, hub.hub_id)
    qtbot.addWidget(page)
    try:
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.reload()
        qtmodeltester.check(page.model)
        qtmodeltester.check(page.duplicates)
        assert page.model.rowCount() == 1
        assert not page.use_other.isEnabled()
        page.table.selectRow(0)
        # each value beside the laptop that wrote it (the fixture's laptops share a name)
        assert [page.model.index(0, c).data() for c in range(2, 6)] == [
            "Roosevelt",
            "test laptop",
            "Lincoln",
            "This laptop",
        ]
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            qtbot.mouseClick(page.use_other, Qt.MouseButton.LeftButton)
        assert page.model.rowCount() == 0
        assert a.services.roster.student(sid).school == "Lincoln"
        assert page.status.text() == "Nothing needs review."
        a.sync.sync()
        b.sync.sync()
        assert b.services.roster.student(sid).school == "Lincoln"
    finally:
        controller.shutdown()


def test_duplicate_merge_from_the_review_page(
    qtbot: QtBot,
    qtmodeltester,
    replica: ReplicaFactory,
    live: SyncServer,
    controller_for: ControllerFactory,
) -> None:  # type: ignore[no-untyped-def]
    a, b, hub = two_laptops(replica, live)
    child = {
        "legal_first_name": "Rosa",
        "legal_last_name": "Mendez",
        "date_of_birth": dt.date(2016, 4, 2),
    }
    guardian = [{"name": "Guardian", "phone": "(323) 555-0199", "is_guardian": True}]
    # offline, both laptops enrol the same child and take roll for her
    ids = []
    for rep in (a, b):
        sid = rep.services.roster.create_student(hub.hub_id, dict(child), list(guardian))
        rep.services.enrollment.enroll(sid, hub.ensemble_id, hub.start)
        session = open_session(rep, hub.hub_id, hub.ensemble_id)
        rep.services.roll.mark(session, sid, "P" if rep is a else "L", by=None)
        ids.append(sid)
    for rep in (a, b, a):
        rep.sync.sync()
    controller = controller_for(a)
    page = ReviewPage(controller, hub.hub_id)
    qtbot.addWidget(page)
    try:
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.reload()
        qtmodeltester.check(page.duplicates)
        assert page.duplicates.rowCount() == 1
        page.dup_table.selectRow(0)
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
        assert page.duplicates.rowCount() == 0
    finally:
        controller.shutdown()
    for rep in (a, b, a):
        rep.sync.sync()
    for rep in (a, b):
        with rep.store.read() as s:
            live_ids = [
                st.id
                for st in s.exec(select(Student).where(col(Student.deleted).is_(False)))
                if st.id in ids
            ]
            assert len(live_ids) == 1
            kept = live_ids[0]
            marks = s.exec(
                select(AttendanceMark).where(
                    col(AttendanceMark.deleted).is_(False), AttendanceMark.student_id.in_(ids)
                )
            ).all()  # type: ignore[attr-defined]
            assert [m.student_id for m in marks] == [kept]  # one mark for the session
            assert marks[0].code == "L"  # the later write (b's) wins the clash
            redirect = s.exec(select(StudentRedirect)).one()
            assert redirect.target_id == kept
        assert len(rep.services.enrollment.for_student(kept)) == 2  # every enrollment kept
        assert find_duplicates(rep.store, hub.hub_id) == []


def test_reminder_only_at_the_end_of_a_day_with_work_waiting(
    qtbot: QtBot, replica: ReplicaFactory, controller_for: ControllerFactory
) -> None:
    rep = replica("reminder")
    clock = {"now": dt.datetime(2026, 9, 14, 17, 45)}
    controller = controller_for(rep, now=lambda: clock["now"])
    try:
        read_status(qtbot, controller)
        assert not controller.check_reminder()  # nothing waiting (seeded codes don't count)
        hub = make_hub(rep.services, students=1)
        read_status(qtbot, controller)
        assert controller.status is not None and controller.status.pending > 0
        assert not controller.check_reminder()  # working alone: nothing to sync with
        rep.server.add_hub("Test Park Hub", hub.hub_id)  # type: ignore[union-attr]
        rep.enroll([hub.hub_id])
        read_status(qtbot, controller)
        clock["now"] = dt.datetime(2026, 9, 14, 16, 0)
        assert not controller.check_reminder()  # 16:00: too early
        clock["now"] = dt.datetime(2026, 9, 14, 17, 45)
        with qtbot.waitSignal(controller.reminder, timeout=20_000) as blocker:
            assert controller.check_reminder()
        assert blocker.args and blocker.args[0] > 0
        clock["now"] = dt.datetime(2026, 9, 15, 17, 45)
        assert controller.check_reminder()  # the next day, once again
    finally:
        controller.shutdown()


def test_a_laptop_working_alone_says_so_calmly_then_sends_its_work_when_it_joins(
    qtbot: QtBot, ui, live: SyncServer, replica: ReplicaFactory
) -> None:  # type: ignore[no-untyped-def]
    rep, controller, widget = ui
    hub = make_hub(rep.services, students=3)
    session_id = open_session(rep, hub.hub_id, hub.ensemble_id)
    for student, code in zip(hub.student_ids, ("P", "L", "AU"), strict=True):
        rep.services.roll.mark(session_id, student, code, by=hub.teacher_id)
    read_status(qtbot, controller)
    assert rep.store.pending_changes() > 0  # the outbox keeps the work for later
    assert widget.online_label.text() == "Working alone on this laptop — backups daily"
    assert widget.pending_label.isHidden()  # no counter growing with every mark
    assert "waiting" not in widget.message_label.text()
    assert "Enroll this laptop" in widget.sync_button.toolTip()

    # A site lead joins the programme's server from the status bar's button.
    live.add_hub("Test Park Hub", hub.hub_id)
    with qtbot.waitSignal(widget.enrollRequested, timeout=20_000):
        qtbot.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)
    dialog = EnrollDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.server_edit, live.url)
    qtbot.keyClicks(dialog.code_edit, live.enrollment_code([hub.hub_id]))
    with qtbot.waitSignal(controller.syncFinished, timeout=WAIT) as finished:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert finished.args and finished.args[0].pushed > 0
    assert rep.store.pending_changes() == 0
    assert widget.pending_label.isVisible() and widget.last_label.isVisible()
    assert widget.pending_label.text() == "All changes synced"

    # What was recorded alone is on the server: another laptop of the hub receives it.
    other = replica("other")
    other.enroll([hub.hub_id])
    other.sync.sync()
    assert sorted(st.student_id for st in other.services.roster.entries(hub.hub_id)) == sorted(
        hub.student_ids
    )
    with other.store.read() as s:
        marks = s.exec(select(AttendanceMark).where(AttendanceMark.session_id == session_id))
        assert sorted(m.code for m in marks) == ["AU", "L", "P"]


def test_a_long_message_gives_way_and_no_other_status_label_is_cut(qtbot: QtBot, ui) -> None:  # type: ignore[no-untyped-def]
    """At 200 % or in Spanish the status bar is short of room: the message ends in "…",
    while the connection, the last sync, the changes waiting and the button stay whole."""
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from harmony_desktop.services.sync import SyncStatus

    _rep, _controller, widget = ui
    last = dt.datetime(2026, 9, 14, 17, 5, tzinfo=dt.UTC)
    widget.show_status(SyncStatus(True, "https://sync.example.org", last, 3, None, 0))
    text = "Sync failed: " + "the server said something rather long. " * 4
    widget.message_label.setText(text)
    whole = (widget.online_label, widget.last_label, widget.pending_label, widget.sync_button)
    room = sum(w.sizeHint().width() for w in whole) + 200  # ~100 px for the message
    bar = QWidget()
    bar.setFixedWidth(room)
    QHBoxLayout(bar).addWidget(widget)
    bar.show()
    try:
        qtbot.waitExposed(bar, timeout=20_000)
        for label in whole:
            assert label.isVisible(), label.accessibleName()
            assert label.width() >= label.sizeHint().width(), label.accessibleName()
        assert widget.message_label.width() < widget.message_label.sizeHint().width()
        assert widget.message_label.text() == text  # the whole message is kept
        shown = widget.message_label.shown_text()
        assert shown.startswith("Sync failed") and shown.endswith("…")
    finally:
        widget.setParent(None)  # the fixture closes the widget
        bar.close()


def _late_or_absent(replica: ReplicaFactory, live: SyncServer):  # type: ignore[no-untyped-def]
    """Laptops "Park laptop 1" (A) and "Park laptop 2" (B): offline, A marks the child
    unexcused absent on Mon 14 Sep 2026, then B marks her late at 4:10 PM; A, B and A
    sync. Returns (a, b, hub, the mark's id)."""
    a, b, hub = two_laptops(replica, live)
    name_laptops(live, **{"Park laptop 1": a, "Park laptop 2": b})
    child = hub.student_ids[0]
    a.services.roll.mark(
        open_session(a, hub.hub_id, hub.ensemble_id, "2026-09-14"), child, "AU", by=None
    )
    later_millisecond()  # B's write is the later one
    b.services.roll.mark(
        open_session(b, hub.hub_id, hub.ensemble_id, "2026-09-14"),
        child,
        "L",
        by=None,
        arrival_time=dt.time(16, 10),
    )
    a.sync.sync()
    b.sync.sync()
    a.sync.sync()
    with a.store.read() as s:
        mark_id = s.exec(select(AttendanceMark)).one().id
    return a, b, hub, mark_id


def _marks(rep: Replica) -> list[tuple[str | None, dt.time | None]]:
    with rep.store.read() as s:
        return [(m.code, m.arrival_time) for m in s.exec(select(AttendanceMark))]


def _rows(page: ReviewPage) -> list[list[str]]:
    """Record, field, current value, its laptop, other value, its laptop."""
    return [[page.model.index(r, c).data() for c in range(6)] for r in range(page.model.rowCount())]


def _click_row(qtbot: QtBot, page: ReviewPage, row: int) -> None:
    """Click the first cell of ``row``, as a person picks a row."""
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_review_page_names_fields_and_states_in_spanish(
    qtbot: QtBot,
    qapp,  # type: ignore[no-untyped-def]
    qtmodeltester,
    replica: ReplicaFactory,
    live: SyncServer,
    controller_for: ControllerFactory,
) -> None:
    """Two laptops mark one child differently offline: the page shows one row for her
    mark, both marks whole, in the window's language (it showed a row for the code and
    one for the arrival time, and "Use other value" left an absence with an arrival
    time); the session's own moot conflict is settled, not shown. Beside each mark is
    the laptop that wrote it: the other one by the name the server gave it, this one as
    "Esta computadora". Using the other mark restores the absence, whole, on both
    laptops."""
    from PySide6.QtCore import QLocale

    from harmony_desktop.ui.app import install_translator
    from harmony_desktop.ui.sync.review import field_label, show_field_value

    a, b, _hub, _mark_id = _late_or_absent(replica, live)
    assert install_translator(qapp, QLocale("es_MX"))
    controller = controller_for(a)
    page = ReviewPage(controller, _hub.hub_id)
    qtbot.addWidget(page)
    page.show()
    try:
        qtbot.waitExposed(page, timeout=20_000)
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.reload()
        qtmodeltester.check(page.model)
        assert _rows(page) == [
            [
                "Ana Garcia, Beginning Strings el lun 14 sep 2026",
                "Marca de asistencia",
                "Tarde a las 4:10\u202fp.m.",
                "Park laptop 2",
                "Falta injustificada",
                "Esta computadora",
            ]
        ]
        headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
        assert headers[2:6] == ["Valor actual", "Computadora", "Otro valor / motivo", "Computadora"]
        spoken = page.model.headerData(
            5, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole
        )
        assert spoken == "Computadora que escribió el otro valor"
        # a laptop not told the other's name (an older server) says "another laptop"
        a.store.settings.set(settings.SYNC_DEVICE_NAMES, {})
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.reload()
        assert [row[3] for row in _rows(page)] == ["Otra computadora"]
        assert page.status.text() == "1 cambio y 0 posibles duplicados por revisar."
        assert show_field_value("status", "held") == "Asistencia tomada"
        assert show_field_value("status", "scheduled") == "Asistencia sin tomar"
        # a moment of recording as a day and time, not an ISO stamp
        shown = show_field_value("recorded_at", "2026-09-14T21:27:23+00:00")
        assert shown.startswith(("lun 14 sep 2026", "mar 15 sep 2026")) and "T" not in shown
        assert field_label("recorded_at") == "Registrado el"

        assert not page.use_other.isEnabled()
        _click_row(qtbot, page, 0)
        assert page.use_other.isEnabled() and page.use_other.text() == "Usar el otro valor"
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            qtbot.mouseClick(page.use_other, Qt.MouseButton.LeftButton)
        assert _rows(page) == []
        assert page.status.text() == "No hay nada pendiente de revisión."
        assert _marks(a) == [("AU", None)]  # an absence, with no arrival time
    finally:
        controller.shutdown()
        install_translator(qapp, QLocale("en_US"))
    for rep in (a, b):
        rep.sync.sync()
    assert _marks(b) == [("AU", None)]
    assert b.review.review_items() == []


def test_keeping_the_mark_in_use_from_the_review_page_writes_nothing(
    qtbot: QtBot,
    replica: ReplicaFactory,
    live: SyncServer,
    controller_for: ControllerFactory,
) -> None:
    a, b, hub, _mark_id = _late_or_absent(replica, live)
    controller = controller_for(b)
    page = ReviewPage(controller, hub.hub_id)
    qtbot.addWidget(page)
    page.show()
    try:
        qtbot.waitExposed(page, timeout=20_000)
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.reload()
        assert _rows(page) == [
            [
                "Ana Garcia, Beginning Strings on Mon 14 Sep 2026",
                "Attendance mark",
                "Late at 4:10\u202fPM",
                "This laptop",
                "Unexcused absence",
                "Park laptop 1",
            ]
        ]
        _click_row(qtbot, page, 0)
        assert page.keep_current.text() == "Keep current value"
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            qtbot.mouseClick(page.keep_current, Qt.MouseButton.LeftButton)
        assert _rows(page) == []
        assert b.store.pending_changes() == 0
        assert _marks(b) == [("L", dt.time(16, 10))]
    finally:
        controller.shutdown()
    for rep in (b, a):
        rep.sync.sync()
    assert _marks(a) == [("L", dt.time(16, 10))]
    assert a.review.review_items() == []


def test_a_laptop_restored_from_an_enrolled_laptops_backup_asks_to_be_enrolled_here(
    qtbot: QtBot, ui
) -> None:  # type: ignore[no-untyped-def]
    """Put back on a new computer, a backup holds the old laptop's server, not its token:
    the laptop is not working alone, and its unsent changes are worth counting."""
    rep, controller, widget = ui
    make_hub(rep.services, students=2)  # what the old laptop never sent
    rep.store.settings.set(settings.SYNC_SERVER, "https://sync.example.org")
    read_status(qtbot, controller)
    assert widget.online_label.text() == "Not enrolled on this computer"
    assert "https://sync.example.org" in widget.online_label.toolTip()
    assert "new enrollment code" in widget.online_label.toolTip()
    assert widget.pending_label.isVisible()
    assert widget.pending_label.text() == f"{rep.store.pending_changes()} changes waiting"
    assert widget.last_label.isHidden()  # the old laptop's last sync is not this one's
    with qtbot.waitSignal(widget.enrollRequested, timeout=20_000):
        qtbot.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)


def test_a_revoked_laptop_says_so_and_stops_syncing_by_itself(
    qtbot: QtBot, replica: ReplicaFactory, live: SyncServer, controller_for: ControllerFactory
) -> None:
    """Every automatic sync of a revoked laptop failed again and opened the same dialog,
    every ten minutes, over the register."""
    rep = replica("found")
    hub = make_hub(rep.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    rep.enroll([hub.hub_id])
    rep.sync.sync()
    for device in live.list_devices():
        if device["device_id"] == rep.store.device_id:
            live.revoke_device(int(device["key"]))
    controller = controller_for(rep)
    with qtbot.waitSignal(controller.syncFailed, timeout=WAIT) as failed:
        controller.sync_now()
    assert failed.args and failed.args[0].code == "device_revoked"
    assert "changes waiting here are then sent" in str(failed.args[0])
    assert controller.next_retry_ms() == -1  # no automatic sync planned
    controller.connectivity_returned()  # the network coming back does not start one
    assert controller.next_retry_ms() == -1
