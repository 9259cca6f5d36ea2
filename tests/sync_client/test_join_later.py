"""A programme set up on one laptop alone, which later joins a sync server as a hub's
laptop (README, "How a new programme starts"): its whole set-up reaches the server.

The laptop made its staff programme-wide (it was the whole programme); the server takes
programme-wide rows only from a data manager's laptop. Enrolling for the hub re-scopes
the rows that belong to that hub alone and were never sent (docs/SYNC.md, "Joining
later"), so a data manager's laptop sees the ensembles' teachers, and the rows that
only a data manager's laptop can send are named at enrollment and explained in Needs
review. Everything runs against a real ``harmony-sync serve`` process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlmodel import select

from harmony_desktop.services.setup import EnsembleRecord, HubRecord, StaffRecord
from harmony_desktop.services.sync import Enrolled, SyncService
from harmony_desktop.store.models import Closure, Staff
from harmony_desktop.store.replica import ScopeFit, closure_id
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import Replica, ReplicaFactory

MON_WED = ((0, dt.time(15, 30), dt.time(17, 0)), (2, dt.time(15, 30), dt.time(17, 0)))
SAT = ((5, dt.time(10, 0), dt.time(11, 30)),)
WAIT = 30_000


def set_up_alone(site: Replica) -> tuple[str, dict[str, str], dict[str, str]]:
    """What a site lead does after "Set up a programme on this laptop": a hub, two
    teachers of it (the hub ticked), two ensembles taught by them. Returns the hub id,
    the staff ids and the ensemble ids by name."""
    setup = site.services.setup
    assert setup.access().programme_editable  # alone, the laptop is the whole programme
    hub = setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    staff = {
        name: setup.save_staff(StaffRecord(None, name, "teacher", hubs=(hub,)))
        for name in ("Rosa Teacher", "Omar Teacher")
    }
    ensembles = {
        name: setup.save_ensemble(
            EnsembleRecord(None, hub, name, teacher_id=staff[teacher], slots=slots)
        ).id
        for name, teacher, slots in (
            ("Strings", "Rosa Teacher", MON_WED),
            ("Choir", "Omar Teacher", SAT),
        )
    }
    return hub, staff, ensembles


def test_a_programme_set_up_alone_joins_as_a_hub_laptop_and_its_staff_reach_the_server(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    site = replica("site")
    hub, staff, ensembles = set_up_alone(site)
    with site.store.read() as s:  # made programme-wide: the laptop was the programme
        assert {r.name: r.hub_id for r in s.exec(select(Staff))} == {
            "Rosa Teacher": None,
            "Omar Teacher": None,
        }

    # the office registers the laptop's hub and gives it a hub laptop's code
    live.add_hub("Cedar Park Hub", hub)
    site.enroll([hub])
    report = site.sync.sync()

    assert report.rejected == 0
    assert site.review.review_items() == []
    assert site.store.pending_changes() == 0
    with site.store.read() as s:  # the same rows (ensembles point at them), now the hub's
        assert {r.id: r.hub_id for r in s.exec(select(Staff))} == {
            staff["Rosa Teacher"]: hub,
            staff["Omar Teacher"]: hub,
        }
    # the site lead may still change them here: they are the hub's
    rosa = next(r for r in site.services.setup.staff() if r.name == "Rosa Teacher")
    site.services.setup.save_staff(replace(rosa, phone="323 555 0100"))

    # a data manager's laptop sees each ensemble's teacher
    office = replica("office")
    office.enroll([hub], data_manager=True)
    office.sync.sync()
    assert sorted((e.name, e.teacher) for e in office.services.setup.ensembles(hub)) == [
        ("Choir", "Omar Teacher"),
        ("Strings", "Rosa Teacher"),
    ]
    assert {e.id for e in office.services.setup.ensembles(hub)} == set(ensembles.values())
    # and so does a second laptop of the hub, with the phone changed after joining
    site.sync.sync()
    other = replica("other")
    other.enroll([hub])
    other.sync.sync()
    assert sorted((r.name, r.phone) for r in other.services.setup.staff(hub)) == [
        ("Omar Teacher", ""),
        ("Rosa Teacher", "323 555 0100"),
    ]


def test_closures_of_a_one_hub_programme_become_the_hubs_and_a_term_is_named(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    site = replica("site")
    hub, _staff, _ensembles = set_up_alone(site)
    holiday = dt.date(2026, 11, 26)
    site.services.calendar.add_closure(holiday, "Thanksgiving")
    site.services.calendar.save_year("2026-27", dt.date(2026, 8, 24), dt.date(2027, 6, 11))
    site.services.calendar.save_term("2026-27", "Fall", dt.date(2026, 8, 24), dt.date(2026, 12, 18))

    live.add_hub("Cedar Park Hub", hub)
    site.enroll([hub])
    with site.store.read() as s:  # the hub's closure that day, under the hub's own id
        (closure,) = s.exec(select(Closure)).all()
        assert (closure.id, closure.hub_id, closure.reason) == (
            closure_id(hub, holiday),
            hub,
            "Thanksgiving",
        )
    site.sync.sync()

    other = replica("other")
    other.enroll([hub])
    other.sync.sync()
    assert other.services.calendar.is_closed(hub, holiday)


def _enroll(site: Replica, live: SyncServer, code: str) -> Enrolled:
    return site.sync.enroll(live.url, code, "")


def _device_key(live: SyncServer, rep: Replica) -> int:
    (key,) = [
        int(d["key"])
        for d in live.list_devices()
        if d["device_id"] == rep.store.device_id and d["status"] != "revoked"
    ]
    return key


def test_what_only_a_data_managers_laptop_may_send_is_named_and_sent_once_it_may(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    site = replica("site")
    hub, _staff, _ensembles = set_up_alone(site)
    calendar = site.services.calendar
    calendar.save_year("2026-27", dt.date(2026, 8, 24), dt.date(2027, 6, 11))
    calendar.save_term("2026-27", "Fall", dt.date(2026, 8, 24), dt.date(2026, 12, 18))
    late = next(c for c in site.services.setup.codes() if c.code == "L")
    site.services.setup.save_code(replace(late, label_es="Llegó tarde"))

    live.add_hub("Cedar Park Hub", hub)
    enrolled = _enroll(site, live, live.enrollment_code([hub]))
    assert enrolled.hubs == ["Cedar Park Hub"]
    assert enrolled.fit.rescoped == {"staff": 2}
    assert enrolled.fit.programme_only == {"programme_year": 1, "term": 1, "attendance_code": 1}
    assert enrolled.fit.other_hubs == {}
    assert enrolled.rescoped_text() == (
        "2 staff members set up on this laptop for the whole programme now belong to this "
        "laptop's hub, and are sent to the server with it."
    )
    assert enrolled.unsendable_text() == (
        "The server takes 1 school year, 1 term, and 1 attendance code only from a data "
        "manager's laptop: they are the whole programme's. They stay on this laptop and are "
        "listed under Needs review after the next sync. To send them, ask the office to make "
        "this laptop the programme's data manager's laptop (they revoke its code for the hub "
        "and give it a data manager's code, harmony-sync add-data-manager), then enroll it "
        "again with that code; or ask your data manager to enter them on their laptop."
    )
    report = site.sync.sync()
    assert (report.pushed, report.rejected) == (5, 3)  # the hub, 2 staff, 2 ensembles
    refused = site.review.review_items()
    assert sorted((i.kind, i.table, i.hub_id) for i in refused) == [
        ("rejected", "attendance_code", None),
        ("rejected", "programme_year", None),
        ("rejected", "term", None),
    ]

    # the office makes this laptop the programme's data manager's laptop
    live.revoke_device(_device_key(live, site))
    enrolled = _enroll(site, live, live.add_data_manager("Cedar Park laptop"))
    assert not enrolled.fit.unsendable and enrolled.unsendable_text() == ""
    assert enrolled.fit.requeued == 3  # the year and the term whole, the code's label
    assert site.review.review_items() == []
    report = site.sync.sync()
    assert (report.pushed, report.rejected, report.requeued) == (3, 0, 0)
    again = site.sync.sync()  # sent once: nothing goes again
    assert (again.pushed, again.rejected, again.requeued) == (0, 0, 0)

    other = replica("other")
    other.enroll([hub])
    other.sync.sync()
    assert [(t.name, t.first_day) for t in other.services.calendar.terms("2026-27")] == [
        ("Fall", dt.date(2026, 8, 24))
    ]
    assert other.services.calendar.year_bounds("2026-27") == (
        dt.date(2026, 8, 24),
        dt.date(2027, 6, 11),
    )
    assert next(c for c in other.services.setup.codes() if c.code == "L").label_es == (
        "Llegó tarde"
    )


def test_a_laptop_that_joined_with_an_older_version_sends_its_refused_staff_next_time(
    replica: ReplicaFactory, live: SyncServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before this fix the staff were refused and sat in Needs review; the site lead may
    even have dismissed one. The next sync sends both as the hub's."""
    site = replica("site")
    hub, staff, _ensembles = set_up_alone(site)
    live.add_hub("Cedar Park Hub", hub)
    with monkeypatch.context() as older:  # an older version: nothing re-scoped
        older.setattr(SyncService, "_fit_scope", lambda _self, _hubs, _dm: ScopeFit())
        site.enroll([hub])
        assert site.sync.sync().rejected == 2
    refused = site.review.review_items()
    assert sorted(i.row_id for i in refused) == sorted(staff.values())
    site.review.keep_value(refused[0].id, "winning")  # dismissed

    report = site.sync.sync()
    assert (report.rescoped, report.rejected) == (2, 0)
    assert report.summary().endswith(
        " (2 records set up on this laptop for the whole programme were sent as their hub's)"
    )
    assert site.review.review_items() == []
    office = replica("office")
    office.enroll([hub], data_manager=True)
    office.sync.sync()
    assert sorted(e.teacher for e in office.services.setup.ensembles(hub)) == [
        "Omar Teacher",
        "Rosa Teacher",
    ]


def test_a_row_a_server_took_keeps_its_scope_when_the_laptop_becomes_a_hubs(
    replica: ReplicaFactory, live: SyncServer
) -> None:
    """A data manager's laptop made a programme-wide teacher of one hub and sent it; the
    same laptop enrolled again for that hub does not make it the hub's: the server holds
    it programme-wide (its hub never changes)."""
    office = replica("office")
    hub = office.services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    live.add_hub("Cedar Park Hub", hub)
    office.enroll([hub], data_manager=True)
    teacher = office.services.setup.save_staff(
        StaffRecord(None, "Rosa Teacher", "teacher", hubs=(hub,))
    )
    assert office.sync.sync().rejected == 0

    live.revoke_device(_device_key(live, office))
    enrolled = _enroll(office, live, live.enrollment_code([hub]))
    assert enrolled.fit == ScopeFit()
    with office.store.read() as s:
        row = s.get(Staff, teacher)
        assert row is not None and row.hub_id is None
    report = office.sync.sync()
    assert (report.pushed, report.rejected, report.rescoped) == (0, 0, 0)


def test_a_programme_of_two_hubs_joins_for_one_and_the_enrollment_names_the_rest(
    tmp_path: Path, live: SyncServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """``harmony-desktop enroll`` says what became of the set-up and what this laptop
    cannot send: a teacher of both hubs, a staff member of no hub and a closure of the
    whole programme (the programme has two hubs), and the other hub's records."""
    from harmony_desktop.__main__ import main
    from harmony_desktop.startup import open_app

    data = tmp_path / "alone"
    opened = open_app(data)
    setup = opened.setup
    cedar = setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    elm = setup.save_hub(HubRecord(None, "Elm School Hub"))
    rosa = setup.save_staff(StaffRecord(None, "Rosa Teacher", "teacher", hubs=(cedar,)))
    both = setup.save_staff(StaffRecord(None, "Omar Teacher", "teacher", hubs=(cedar, elm)))
    setup.save_staff(StaffRecord(None, "Dana Office", "data_manager"))
    setup.save_ensemble(EnsembleRecord(None, cedar, "Strings", teacher_id=rosa, slots=MON_WED))
    setup.save_ensemble(EnsembleRecord(None, elm, "Choir", teacher_id=both, slots=SAT))
    opened.calendar.add_closure(dt.date(2026, 11, 26), "Thanksgiving")
    opened.close()

    live.add_hub("Cedar Park Hub", cedar)
    code = live.enrollment_code([cedar])
    assert main(["--data-dir", str(data), "enroll", "--server", live.url, "--code", code]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[1:] == [
        "1 staff member set up on this laptop for the whole programme now belongs to this "
        "laptop's hub, and is sent to the server with it.",
        "The server takes 2 staff members and 1 closure day of the whole programme only "
        "from a data manager's laptop: they are the whole programme's. They stay on this "
        "laptop and are listed under Needs review after the next sync. To send them, ask "
        "the office to make this laptop the programme's data manager's laptop (they revoke "
        "its code for the hub and give it a data manager's code, harmony-sync "
        "add-data-manager), then enroll it again with that code; or ask your data manager "
        "to enter them on their laptop. "
        f"2 records of Elm School Hub (id {elm}) belong to hubs this laptop is not enrolled "
        "for: the server takes them only from those hubs' laptops or a data manager's. Ask "
        "the office for a code for those hubs too (one the server does not know yet is "
        "added with harmony-sync add-hub --id and the id above).",
    ]


def test_the_enrollment_dialog_and_needs_review_say_what_only_a_data_manager_may_send(
    qtbot: QtBot, qapp: QApplication, replica: ReplicaFactory, live: SyncServer
) -> None:
    """Enrolled from Sync ▸ Enroll this laptop, the dialog stays open to say what this
    laptop cannot send and what to do, and syncs when the site lead goes on; Needs
    review then lists those records as refused, says why in the window's language, and
    the selected one's whole explanation is on the page."""
    from PySide6.QtCore import QLocale, Qt

    from harmony_desktop.ui.app import install_translator
    from harmony_desktop.ui.sync.controller import SyncController
    from harmony_desktop.ui.sync.enroll import EnrollDialog
    from harmony_desktop.ui.sync.review import ReviewPage
    from harmony_desktop.ui.tasks import TaskManager

    site = replica("site")
    hub, _staff, _ensembles = set_up_alone(site)
    site.services.calendar.save_year("2026-27", dt.date(2026, 8, 24), dt.date(2027, 6, 11))
    live.add_hub("Cedar Park Hub", hub)
    tasks = TaskManager(site.services)
    controller = SyncController(tasks, site.sync, auto=False)
    try:
        dialog = EnrollDialog(controller)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.server_edit, live.url)
        qtbot.keyClicks(dialog.code_edit, live.enrollment_code([hub]))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.enrolled is not None, timeout=WAIT)
        assert dialog.isVisible() and dialog.ok_button.text() == "Sync now"
        assert dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())
        assert dialog.message.text() == (
            "Enrolled.\n\n2 staff members set up on this laptop for the whole programme now "
            "belong to this laptop's hub, and are sent to the server with it.\n\nThe server "
            "takes 1 school year only from a data manager's laptop: they are the whole "
            "programme's. They stay on this laptop and are listed under Needs review after "
            "the next sync. To send them, ask the office to make this laptop the programme's "
            "data manager's laptop (they revoke its code for the hub and give it a data "
            "manager's code, harmony-sync add-data-manager), then enroll it again with that "
            "code; or ask your data manager to enter them on their laptop."
        )
        assert site.store.pending_changes() == 6  # nothing sent before the person goes on
        with qtbot.waitSignal(controller.syncFinished, timeout=WAIT) as finished:
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == EnrollDialog.DialogCode.Accepted
        assert finished.args is not None and finished.args[0].rejected == 1

        assert install_translator(qapp, QLocale("es_MX"))
        page = ReviewPage(controller, hub)
        qtbot.addWidget(page)
        page.show()
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.reload()
        model = page.model
        assert [[model.data(model.index(0, c)) for c in (1, 2, 3, 4)]] == [
            [
                "Registro nuevo rechazado",
                "Año: 2026-27; Primer día: 24 ago 2026; Último día: 11 jun 2027",
                "Esta computadora",
                "El servidor solo acepta esto de la computadora de un administrador(a) de datos.",
            ]
        ]
        assert page.explain.text().startswith(
            "El servidor de sincronización no aceptó algunos cambios de esta computadora"
        )
        assert page.detail.isHidden()
        page.table.selectRow(0)
        assert page.detail.isVisible()
        assert page.detail.text().endswith(
            ": El servidor solo acepta esto de la computadora de un administrador(a) de datos: "
            "el personal, el año escolar y sus periodos, los cierres de todo el programa, los "
            "códigos de asistencia y los tipos de autorización son de todo el programa. El "
            "cambio se queda en esta computadora. Si el programa se configuró en esta "
            "computadora, pida a la oficina que la haga la computadora del administrador(a) "
            "de datos del programa (revocan su código y le dan un código de administrador(a) "
            "de datos): registrada de nuevo con ese código, envía el cambio por sí sola. Si "
            "no, pida a su administrador(a) de datos que haga el cambio en su computadora y "
            "luego descártelo aquí."
        )
    finally:
        install_translator(qapp, QLocale("en_US"))
        controller.shutdown()
        tasks.shutdown()
