"""The Volunteers and Events tabs, driven as a user would: clearance states in red, the
expiring list, the volunteer form, and a family event's roll counting siblings who
share a guardian."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.volunteers import add_months
from harmony_desktop.store.models import Hub
from harmony_desktop.ui.events.dialogs import FamilyEventDialog, MasterclassDialog, WalkInDialog
from harmony_desktop.ui.events.models import AdultColumn
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.volunteers.dialog import VolunteerDialog
from harmony_desktop.ui.volunteers.model import ExpiringColumn, VolunteerColumn
from tests.factories import HubFixture
from tests.ui.test_register import unnamed_controls
from tests.ui.test_volunteer_shifts import REAL_TODAY, add_volunteer

EVENT_DAY = dt.date(2026, 9, 10)  # a Thursday of the test hub's term


def show_volunteers(qtbot: QtBot, window: MainWindow) -> None:
    """Go to the Volunteers tab and wait for a fresh load."""
    page = window.volunteers
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        window.pages.setCurrentWidget(page)
        page.reload()


def test_the_volunteer_list_shows_who_is_not_cleared_in_red(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    add_volunteer(services, hub, "Clara", tb_expired=False)
    tomas = add_volunteer(services, hub, "Tomas", tb_expired=True)
    soon = add_volunteer(services, hub, "Sofi", tb_expired=False)
    tb = next(k for k in services.volunteers.kinds() if k.code == "tb")
    services.volunteers.record_clearance(
        soon, tb.id, add_months(REAL_TODAY + dt.timedelta(days=9), -tb.validity_months)
    )
    show_volunteers(qtbot, window)
    page = window.volunteers
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.expiring_model)
    states = {
        page.model.index(r, VolunteerColumn.NAME).data(): (
            page.model.index(r, VolunteerColumn.CLEARANCE).data(),
            page.model.index(r, VolunteerColumn.CLEARANCE).data(Qt.ItemDataRole.ForegroundRole),
        )
        for r in range(page.model.rowCount())
    }
    assert states["Tomas Tester"][0] == "Not cleared"
    assert states["Tomas Tester"][1].color() == QColor("#b00020")
    assert states["Sofi Tester"][0] == "Expiring"
    assert states["Clara Tester"][0] == "Cleared"
    assert page.count.text() == "3 volunteers · 1 active not cleared"
    assert unnamed_controls(window) == []
    expiring = [
        (
            page.expiring_model.index(r, ExpiringColumn.VOLUNTEER).data(),
            page.expiring_model.index(r, ExpiringColumn.WHEN).data(),
        )
        for r in range(page.expiring_model.rowCount())
    ]
    assert expiring == [("Tomas Tester", "expired 7 days ago"), ("Sofi Tester", "in 9 days")]
    # Sorting by clearance puts who is not cleared first; the search narrows the list.
    page.view.sortByColumn(VolunteerColumn.CLEARANCE, Qt.SortOrder.AscendingOrder)
    assert page.model.index(0, VolunteerColumn.NAME).data() == "Tomas Tester"
    qtbot.keyClicks(page.search, "sofi")
    assert page.model.rowCount() == 1
    page.search.clear()
    # Double-clicking an expiring clearance opens that volunteer's form.
    page.expiring_view.doubleClicked.emit(page.expiring_model.index(0, 0))
    form = page.active_dialog
    assert isinstance(form, VolunteerDialog) and form.volunteer is not None
    assert form.volunteer.id == tomas
    assert unnamed_controls(form) == []
    form.reject()


def test_the_volunteer_form_fills_the_tb_expiry_and_saves_in_one_go(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    show_volunteers(qtbot, window)
    page = window.volunteers
    page.new_button.click()
    form = page.active_dialog
    assert isinstance(form, VolunteerDialog)
    qtbot.keyClicks(form.first_name, "Nuevo")
    qtbot.keyClicks(form.fields["last_name"], "Voluntario")
    qtbot.keyClicks(form.fields["email"], "not an email")
    tb_row = next(r for r in form.clearance_rows if r.kind.code == "tb")
    tb_row.done.setChecked(True)  # today's date, typed over as a person does
    tb_row.done_on.selectAll()
    qtbot.keyClicks(tb_row.done_on, "2/3/2025")  # February 3 in US English
    assert tb_row.expires_on.date() == QDate(2029, 2, 3)
    assert tb_row.expires_on.text() == "3 Feb 2029"
    assert tb_row.state.text() == "Valid"
    form.save_button.click()
    assert "not an email address" in form.error.text() and form.isVisible()
    form.fields["email"].setText("nuevo@example.org")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        form.save_button.click()
    [saved] = [v for v in services.volunteers.for_hub(hub.hub_id) if v.first_name == "Nuevo"]
    tb = next(c for c in saved.clearances if c.kind_label == "TB clearance")
    assert (tb.done_on, tb.expires_on) == (dt.date(2025, 2, 3), dt.date(2029, 2, 3))
    assert [a.label for a in saved.assignments] == ["Test Park Hub"]  # the whole hub
    assert not saved.cleared  # the other clearances are missing
    assert page.selected_id() == saved.id


def test_a_family_event_roll_counts_siblings_who_share_a_guardian(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    mother = {"name": "Rosa Ortega", "phone": "(323) 555-0142", "relationship": "mother"}
    for first in ("Ana", "Ben"):
        sid = services.roster.create_student(
            hub.hub_id,
            {
                "legal_first_name": first,
                "legal_last_name": "Ortega",
                "date_of_birth": dt.date(2016, 5, 1),
            },
            [{**mother, "is_guardian": True, "priority": 1}],
        )
        services.enrollment.enroll(sid, hub.ensemble_id, hub.start)
    page = window.events
    window.pages.setCurrentWidget(page)
    page.new_family.click()
    dialog = page.active_dialog
    assert isinstance(dialog, FamilyEventDialog)
    assert unnamed_controls(dialog) == []
    qtbot.keyClicks(dialog.title, "Family night")
    dialog.day.setDate(QDate(EVENT_DAY.year, EVENT_DAY.month, EVENT_DAY.day))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        dialog.submit()
    roll = page.family
    qtbot.waitUntil(lambda: roll.model.rowCount() == 9, timeout=20_000)  # 8 guardians + Rosa
    qtmodeltester.check(page.model)
    qtmodeltester.check(roll.model)
    assert unnamed_controls(window) == []
    row = roll.model.row_of(
        next(roll.model.adult(r).key for r in range(9) if roll.model.adult(r).name == "Rosa Ortega")
    )
    assert roll.model.index(row, AdultColumn.FAMILY).data() == "Ana Ortega, Ben Ortega"
    roll.view.setFocus()
    roll.view.setCurrentIndex(roll.model.index(row, AdultColumn.CAME))
    qtbot.keyClick(roll.view, Qt.Key.Key_P)
    assert roll.model.index(row, AdultColumn.CAME).data() == "✓ Came"
    assert roll.measure.text() == "<b>Families reached: 2</b> · Adults: 1 · Walk-ins: 0"
    assert roll.view.currentIndex().row() == row + 1  # on to the next adult
    qtbot.keyClick(roll.view, Qt.Key.Key_Space)
    assert roll.measure.text() == "<b>Families reached: 3</b> · Adults: 2 · Walk-ins: 0"
    # A walk-in for Ana: an adult more, no family more.
    roll.walk_in_button.click()
    walk_in = roll.active_dialog
    assert isinstance(walk_in, WalkInDialog)
    qtbot.keyClicks(walk_in.name, "Abuela Ortega")
    qtbot.keyClicks(walk_in.filter, "ana")
    visible = [
        walk_in.students.item(i)
        for i in range(walk_in.students.count())
        if not walk_in.students.item(i).isHidden()
    ]
    [ana] = [item for item in visible if item.text() == "Ortega, Ana"]
    ana.setCheckState(Qt.CheckState.Checked)
    walk_in.submit()
    assert roll.measure.text() == "<b>Families reached: 3</b> · Adults: 3 · Walk-ins: 1"
    measure = services.events.family_event(page.current.id).measure  # type: ignore[union-attr]
    assert (measure.families_reached, measure.adults, measure.walk_ins) == (3, 3, 1)


@pytest.mark.usefixtures("us_english")
def test_a_masterclass_and_a_performance_from_the_events_tab(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    page = window.events
    window.pages.setCurrentWidget(page)
    page.new_masterclass.click()
    dialog = page.active_dialog
    assert isinstance(dialog, MasterclassDialog)
    assert unnamed_controls(dialog) == []
    dialog.submit()
    assert dialog.error.text() == "Give the masterclass a title."
    qtbot.keyClicks(dialog.title, "Bowing")
    qtbot.keyClicks(dialog.guest, "Guest Artist")
    dialog.day.setDate(QDate(EVENT_DAY.year, EVENT_DAY.month, EVENT_DAY.day))
    dialog.invite.item(1).setCheckState(Qt.CheckState.Checked)  # the choir
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        dialog.submit()
    assert "Invited: Beginning Strings, Choir." in page.details.facts.text()
    [masterclass] = services.events.masterclasses(hub.hub_id)
    assert masterclass.invited == ("Choir",)

    session = services.events.add_performance(
        hub.ensemble_id, EVENT_DAY, dt.time(18, 0), dt.time(19, 0),
        title="Concert", venue="Park stage", on_site=False,
    )  # fmt: skip
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    page.select(session)
    assert page.details.performance_box.isVisible()
    # Its hours as the window writes times (12-hour in US English), not "18:00".
    assert "6:00\u202fPM–7:00\u202fPM" in page.details.facts.text()
    assert "18:00" not in page.details.facts.text()
    shown = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    # EVENT_DAY (2026-09-10, a Thursday) as the window writes dates, a 12-hour time under
    # it (the title gets the room: a netbook's list)
    assert "Thu 10 Sep 2026\n6:00\u202fPM" in shown
    # each line whole: the column is as wide as the longest date or time
    metrics = page.view.fontMetrics()
    longest = max(metrics.horizontalAdvance(line) for text in shown for line in text.split("\n"))
    assert page.view.columnWidth(0) > longest
    page.details.audience.setValue(85)
    page.details.save_button.click()
    [performance] = services.events.performances(hub.hub_id)
    assert performance.audience_count == 85 and performance.venue == "Park stage"


def test_a_visiting_volunteers_record_is_kept_by_their_home_hub(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    hub: HubFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A volunteer of another hub who assists here: the form changes only what they
    assist at this hub; their record and clearances stay as their home hub keeps them."""
    with services.store.write() as w:
        home = w.insert(Hub(name="Home Hub")).id
    volunteers = services.volunteers
    vid = volunteers.save(home, {"first_name": "Visiting", "last_name": "Tester"})
    tb = next(k for k in volunteers.kinds() if k.code == "tb")
    volunteers.record_clearance(vid, tb.id, dt.date(2025, 5, 6))
    volunteers.set_assignments(vid, [(home, None), (hub.hub_id, None)])
    show_volunteers(qtbot, window)
    page = window.volunteers
    page.select(vid)
    page.edit_selected()
    form = page.active_dialog
    assert isinstance(form, VolunteerDialog) and form.visiting
    assert form.visiting_note.isVisible()
    assert "kept by Home Hub" in form.visiting_note.text()
    assert form.first_name.isReadOnly() and not form.status.isEnabled()
    tb_row = next(r for r in form.clearance_rows if r.kind.code == "tb")
    assert not tb_row.done.isEnabled()
    qtbot.keyClicks(form.first_name, "typed")  # read-only: nothing changes
    # This hub's part: assist one ensemble instead of the whole hub.
    for i in range(form.assists.count()):
        item = form.assists.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) == hub.ensemble_id
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        form.save_button.click()
    saved = volunteers.get(vid)
    assert saved.first_name == "Visiting" and saved.hub_id == home
    assert {(a.hub_id, a.ensemble_id) for a in saved.assignments} == {
        (home, None),
        (hub.hub_id, hub.ensemble_id),
    }
    tb_saved = next(c for c in saved.clearances if c.kind_id == tb.id)
    assert tb_saved.done_on == dt.date(2025, 5, 6)
    # Removing them here ends their visits; their record stays with the home hub.
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page.select(vid)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.remove_button.click()
    assert asked == [
        "Stop Visiting Tester assisting at this hub? Their record stays with their home hub."
    ]
    kept = volunteers.get(vid)
    assert [a.hub_id for a in kept.assignments] == [home]
    assert page.model.row_of(vid) < 0
    # A volunteer of this hub is edited in full.
    own = volunteers.save(hub.hub_id, {"first_name": "Own", "last_name": "Tester"})
    show_volunteers(qtbot, window)
    page.select(own)
    page.edit_selected()
    form = page.active_dialog
    assert isinstance(form, VolunteerDialog) and not form.visiting
    assert not form.first_name.isReadOnly() and not form.visiting_note.isVisible()
    form.reject()


def test_an_export_to_a_folder_says_what_to_do(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    show_volunteers(qtbot, window)
    page = window.volunteers
    target = tmp_path / "volunteers-hours.xlsx"
    target.mkdir()
    page.export_path("hours", target)
    qtbot.waitUntil(lambda: "folder" in page.message.text(), timeout=20_000)
    assert page.message.text() == f"{target} is a folder: choose a file name."
    assert list(target.iterdir()) == []
    good = tmp_path / "volunteers-hours.csv"
    page.export_path("hours", good)
    qtbot.waitUntil(lambda: "written" in page.message.text(), timeout=20_000)
    assert good.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("volunteers")) == [
        "volunteers-hours.csv",
        "volunteers-hours.xlsx",
    ]
