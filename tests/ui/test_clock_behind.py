"""The register on a laptop whose clock is behind what it already recorded (a dead
battery's 2000-01-01, a BIOS date): a band above the day says so and stays, the keyboard
stays on the sessions and the roll, and the first mark on that wrong "today" is asked
about once. A correct clock shows no band."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.store import Store
from harmony_desktop.store import settings as local
from harmony_desktop.store.models import AttendanceMark
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.tasks import Changes
from tests.factories import HubFixture, make_hub
from tests.support.time_zone import time_zone
from tests.ui.test_roll_taker import open_session

#: The time zone of the laptops in these tests (the band writes local days).
ZONE = "America/Mexico_City"
#: The last change this laptop recorded: Thursday 3 December 2026, 10:45 in Mexico City.
RECORDED = dt.datetime(2026, 12, 3, 16, 45, tzinfo=dt.UTC)
#: A dead battery's date: Saturday 1 January 2000, 15:20 in Mexico City.
Y2K = dt.datetime(2000, 1, 1, 21, 20, tzinfo=dt.UTC)
#: A BIOS date in term: Monday 14 September 2026, 15:40 in Mexico City, while Beginning
#: Strings meets (15:30-17:00).
BIOS = dt.datetime(2026, 9, 14, 21, 40, tzinfo=dt.UTC)


def ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's time zone is Mexico City's (put back after the test)."""
    with time_zone(monkeypatch, ZONE):
        yield


@pytest.fixture
def recorded_hub(zone: None, store: Store, services: Services) -> HubFixture:
    """The test hub, every change made here on ``RECORDED``, and synced then (the
    server found the clock right: a clock behind that is certainly wrong)."""
    store.wall = lambda: ms(RECORDED)
    hub = make_hub(services)
    store.settings.set(local.SYNC_LAST_SUCCESS, RECORDED)
    return hub


def open_window(qtbot: QtBot, services: Services, hub: HubFixture, now: dt.datetime) -> MainWindow:
    """The main window with this computer's clock at ``now`` (its "today" and its time
    of day too), shown, its day loaded and its clock compared with the register."""
    services.store.wall = lambda: ms(now)
    local = now.astimezone()
    window = MainWindow(
        services,
        hub.hub_id,
        today=local.date(),
        auto_sync=False,
        clock=lambda: local.time().replace(second=0, microsecond=0),
    )
    qtbot.addWidget(window)
    page = window.register
    with qtbot.waitSignals([page.dayLoaded, page.clockChecked], timeout=20_000):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=20_000)
    return window


def stored_codes(services: Services, session_id: str) -> list[str | None]:
    with services.store.read() as s:
        marks = s.exec(
            AttendanceMark.__table__.select().where(  # type: ignore[attr-defined]
                AttendanceMark.session_id == session_id
            )
        ).all()
    return sorted(m.code for m in marks if m.code)


def test_a_clock_years_behind_opens_on_an_empty_day_with_the_band(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    window = open_window(qtbot, services, recorded_hub, Y2K)
    page = window.register
    try:
        assert page.day == dt.date(2000, 1, 1)
        assert page.sessions_model.rowCount() == 0
        assert page.no_sessions_label.isVisible()
        band = page.clock_banner
        assert band.isVisible()
        assert band.label.text() == (
            "<b>⚠ This computer's date is wrong.</b> It says Saturday 1 January 2000, but "
            "this register already has changes from Thursday 3 December 2026. Marks taken "
            "today would be saved on the wrong day. Set the date and time in this "
            "computer's settings, then close and reopen Harmony."
        )
        # Above the day: the first thing on the page.
        assert (
            band.geometry().bottom() < page.day_bar.mapTo(page, page.day_bar.rect().topLeft()).y()
        )
        # It never takes the keyboard: it is not in the Tab chain, the sessions keep it.
        assert band.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert band.label.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert QApplication.focusWidget() is page.sessions_view
        # The status bar's date is the computer's, as it was.
        assert window.date_label.text() == "Sat 1 Jan 2000"
    finally:
        window.shutdown()


def test_a_correct_clock_shows_no_band(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    # The same afternoon, and a laptop back after months unused: neither is "behind".
    for now in (RECORDED + dt.timedelta(hours=3), RECORDED + dt.timedelta(days=200)):
        window = open_window(qtbot, services, recorded_hub, now)
        try:
            assert window.register.clock_behind is None
            assert not window.register.clock_banner.isVisible()
        finally:
            window.shutdown()


def test_the_band_stays_after_a_sync_when_the_date_was_fixed_with_the_register_open(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    """The register opened on 2000-01-01 ("today" is read once); the date is fixed
    meanwhile and a sync finishes: the register still shows 1 January 2000, so the band
    still says to reopen Harmony."""
    window = open_window(qtbot, services, recorded_hub, Y2K)
    page = window.register
    try:
        assert page.clock_banner.isVisible()
        services.store.wall = lambda: ms(RECORDED + dt.timedelta(hours=3))
        with qtbot.waitSignal(page.clockChecked, timeout=20_000):
            window.tasks.notify(Changes(sync=True), None)
        assert page.clock_behind is not None
        assert page.clock_banner.isVisible()
        assert "Saturday 1 January 2000" in page.clock_banner.label.text()
        assert page.day == dt.date(2000, 1, 1)
    finally:
        window.shutdown()


def test_the_first_mark_on_the_wrong_today_is_asked_about_once(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    try:
        assert page.clock_banner.isVisible()
        assert "It says Monday 14 September 2026" in page.clock_banner.label.text()

        # Another day was chosen on purpose (a past roll being fixed): no question.
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            page.set_day(dt.date(2026, 9, 11))
        friday = open_session(qtbot, window)
        assert QApplication.focusWidget() is page.roll_view  # the band took nothing
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        assert stored_codes(services, friday) == ["P"]

        # "Today" by this computer's clock: the first key asks, and stores nothing yet.
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            page.set_day(dt.date(2026, 9, 14))
        monday = open_session(qtbot, window)
        qtbot.keyClick(page.roll_view, "P")
        box = page.active_dialog
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "Check this computer's date"
        assert box.text() == (
            "This computer says today is Monday 14 September 2026, but this register "
            "already has changes from Thursday 3 December 2026. Marks taken now are saved "
            "on Monday 14 September 2026.\n\nIf you can, set the date and time in this "
            "computer's settings first, then close and reopen Harmony."
        )
        assert box.defaultButton() is box.escapeButton()  # Enter does not go on by mistake
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: page.active_dialog is None, timeout=20_000)
        assert stored_codes(services, monday) == []
        assert window.focusWidget() is page.roll_view

        # Asked again until the teacher goes on; then the key they pressed is marked.
        qtbot.keyClick(page.roll_view, "A")
        box = page.active_dialog
        assert isinstance(box, QMessageBox)
        go_on = next(b for b in box.buttons() if b.text() == "Take roll anyway")
        with qtbot.waitSignal(page.markSaved, timeout=20_000) as saved:
            go_on.click()
        assert saved.args[1] == "AE"  # A: excused absence
        assert stored_codes(services, monday) == ["AE"]
        # The keyboard is back on the roll (re-activating the window is a window
        # manager's job: offscreen has none).
        assert window.focusWidget() is page.roll_view

        # Once is enough: the next keys mark at once, and the band stays.
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        assert page.active_dialog is None
        assert stored_codes(services, monday) == ["AE", "P"]
        assert page.clock_banner.isVisible()
    finally:
        window.shutdown()


def test_a_date_after_the_last_sync_may_be_right_and_the_roll_goes_on(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    """Changes dated 3 December, but the last sync (whose clock the server found right)
    was in September and this computer says 14 September: its date may be right (the
    changes stamped on a computer whose clock ran ahead) or wrong. The band says both,
    in amber, and the first mark is not asked about."""
    services.store.settings.set(local.SYNC_LAST_SUCCESS, BIOS - dt.timedelta(days=3))
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    try:
        behind = page.clock_behind
        assert behind is not None and not behind.certain
        band = page.clock_banner
        assert band.isVisible()
        assert band.label.text() == (
            "<b>⚠ Check this computer's date.</b> It says Monday 14 September 2026, but "
            "this register has changes dated as late as Thursday 3 December 2026. If "
            "Monday 14 September 2026 is wrong, set the date and time in this computer's "
            "settings, then close and reopen Harmony. If it is right, those changes were "
            "made on a computer whose clock was ahead: take roll as usual."
        )
        assert "#b26a00" in band.styleSheet()  # amber, not the red of a wrong date
        monday = open_session(qtbot, window)
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        assert page.active_dialog is None
        assert stored_codes(services, monday) == ["P"]
        # Behind the last sync by more than two days: certainly wrong, red again.
        services.store.settings.set(local.SYNC_LAST_SUCCESS, BIOS + dt.timedelta(days=3))
        with qtbot.waitSignal(page.clockChecked, timeout=20_000):
            window.tasks.notify(Changes(sync=True), None)
        assert page.clock_behind is not None and page.clock_behind.certain
        assert "#b00020" in band.styleSheet()
        assert band.label.text().startswith("<b>⚠ This computer's date is wrong.</b>")
    finally:
        window.shutdown()


def test_the_band_in_spanish(
    qtbot: QtBot, language: str, services: Services, recorded_hub: HubFixture
) -> None:
    window = open_window(qtbot, services, recorded_hub, Y2K)
    try:
        text = window.register.clock_banner.label.text()
        if language == "es_MX":
            assert text.startswith("<b>⚠ La fecha de esta computadora está mal.</b>")
            # as the register titles a day in Spanish
            assert "sáb 1 de enero de 2000" in text
            assert "jue 3 de diciembre de 2026" in text
        else:
            assert "Saturday 1 January 2000" in text
    finally:
        window.shutdown()


def test_the_last_sync_is_never_written_as_a_past_day_on_a_clock_behind(
    qapp: QApplication,
) -> None:
    from harmony_desktop.ui.sync.status import describe_last_sync

    def said(when: dt.datetime, now: dt.datetime) -> str:
        return describe_last_sync(when, now).replace("\u202f", " ")

    synced = dt.datetime(2026, 12, 5, 1, 58)
    # The clock behind: the sync's whole date, not "5 Dec" as if it were last month.
    assert said(synced, dt.datetime(2000, 1, 1, 9, 0)) == "Last sync: 5 Dec 2026 1:58 AM"
    assert said(synced, dt.datetime(2026, 11, 18, 15, 50)) == "Last sync: 5 Dec 2026 1:58 AM"
    # A correct clock, as before.
    assert said(synced, dt.datetime(2026, 12, 5, 9, 0)) == "Last sync: today 1:58 AM"
    assert said(synced, dt.datetime(2026, 12, 6, 9, 0)) == "Last sync: yesterday 1:58 AM"
    assert said(synced, dt.datetime(2026, 12, 19, 9, 0)) == "Last sync: 5 Dec 1:58 AM"
    assert said(synced, dt.datetime(2027, 1, 4, 9, 0)) == "Last sync: 5 Dec 2026 1:58 AM"


# -- the volunteers under the roll and the family events, on that wrong "today" ------------

#: Monday 14 September 2026, the BIOS date's "today"; Friday 11 September, a day before it.
MONDAY = dt.date(2026, 9, 14)
FRIDAY = dt.date(2026, 9, 11)


def add_volunteers(services: Services, hub: HubFixture) -> dict[str, str]:
    """A site lead; Clara, whose safeguarding training expired on 1 October 2026 (after
    the BIOS date, before the last recorded change; her other clearances run to 1 June
    2028); Vera, cleared until 30 June 2027. Both did every clearance on 1 June 2026.
    Recorded on ``RECORDED``."""
    from harmony_desktop.store.models import Staff

    with services.store.write() as w:
        lead = w.insert(Staff(hub_id=hub.hub_id, name="Lead Person", role="site_lead")).id
    volunteers = services.volunteers
    ids = {"lead": lead}
    for first, expiry in (("Clara", dt.date(2026, 10, 1)), ("Vera", dt.date(2027, 6, 30))):
        vid = volunteers.save(
            hub.hub_id, {"first_name": first, "last_name": "Tester", "status": "active"}
        )
        for kind in volunteers.kinds():
            expires = None  # a signed agreement does not expire
            if kind.validity_months:
                short = first == "Vera" or kind.code == "safeguarding"
                expires = expiry if short else dt.date(2028, 6, 1)
            volunteers.record_clearance(vid, kind.id, dt.date(2026, 6, 1), expires_on=expires)
        ids[first] = vid
    return ids


def open_with_volunteers(qtbot: QtBot, window: MainWindow, row: int = 0) -> str:
    """Open a session of the day shown and wait for its volunteers."""
    with qtbot.waitSignal(window.register.volunteers.loaded, timeout=20_000):
        return open_session(qtbot, window, row)


def clearance(window: MainWindow, volunteer_id: str, role: Qt.ItemDataRole) -> object:
    from harmony_desktop.ui.register.volunteers import ShiftColumn

    model = window.register.volunteers.model
    return model.data(model.index(model.row_of(volunteer_id), ShiftColumn.CLEARANCE), role)


def shift_status(services: Services, session_id: str, volunteer_id: str) -> str | None:
    from harmony_desktop.store.models import VolunteerShift

    with services.store.read() as s:
        rows = s.exec(
            VolunteerShift.__table__.select().where(  # type: ignore[attr-defined]
                VolunteerShift.session_id == session_id,
                VolunteerShift.volunteer_id == volunteer_id,
                VolunteerShift.deleted == False,  # noqa: E712
            )
        ).all()
    return rows[0].status if rows else None


def family_event(services: Services, hub: HubFixture, day: dt.date, title: str) -> str:
    return services.events.add_family_event(
        hub.hub_id, day, dt.time(18, 0), dt.time(19, 30), title=title
    )


def open_event(qtbot: QtBot, window: MainWindow, event_id: str):  # type: ignore[no-untyped-def]
    """The events page with the family event ``event_id``'s roll on screen."""
    page = window.events
    window.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.row_of(event_id) >= 0, timeout=20_000)
    with qtbot.waitSignal(page.family.loaded, timeout=20_000):
        page.select(event_id)
    page.family.view.setFocus()
    return page.family


def event_adults(services: Services, hub: HubFixture, event_id: str) -> int:
    [event] = [e for e in services.events.family_events(hub.hub_id, FRIDAY, MONDAY)
               if e.id == event_id]  # fmt: skip
    return event.measure.adults


def test_volunteers_on_the_wrong_today_are_asked_about_once_for_the_roll_and_events_too(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    people = add_volunteers(services, recorded_hub)
    evening = family_event(services, recorded_hub, MONDAY, "Autumn family night")
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    panel = page.volunteers
    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    try:
        # A day before the wrong "today", chosen on purpose: judged on that day, as always.
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            page.set_day(FRIDAY)
        friday = open_with_volunteers(qtbot, window)
        assert clearance(window, people["Clara"], display) == "Cleared · expires 1 Oct 2026"
        assert clearance(window, people["Vera"], display) == "Cleared"
        panel.go_to(people["Vera"])
        panel.view.setFocus()
        with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
            qtbot.keyClick(panel.view, "S")  # signed up: no question on another day
        assert shift_status(services, friday, people["Vera"]) == "signed_up"

        # "Today" by this computer's clock: its real day is at least 3 December 2026, so
        # Clara's training (expired 1 October) does not clear her, and Vera's clearance
        # is not called valid from a wrong date: its expiry is shown to check.
        with qtbot.waitSignal(page.dayLoaded, timeout=20_000):
            page.set_day(MONDAY)
        monday = open_with_volunteers(qtbot, window)
        assert clearance(window, people["Clara"], display) == "Not cleared"
        assert clearance(window, people["Clara"], tip) == (
            "Safeguarding training: expired on 1 Oct 2026"
        )
        assert clearance(window, people["Vera"], display) == ("Valid? · expires 30 Jun 2027")
        assert clearance(window, people["Vera"], tip) == (
            "This computer's date is wrong, so Harmony cannot tell whether this clearance "
            "is still valid. It was valid on 3 Dec 2026, the newest day this register "
            "recorded, and expires on 30 Jun 2027."
        )

        # Signing Vera in asks the register's question, and stores nothing until then.
        panel.go_to(people["Vera"])
        panel.view.setFocus()
        qtbot.keyClick(panel.view, "I")
        box = panel.active_dialog
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "Check this computer's date"
        assert box.text().startswith("This computer says today is Monday 14 September 2026")
        assert box.defaultButton() is box.escapeButton()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: panel.active_dialog is None, timeout=20_000)
        assert shift_status(services, monday, people["Vera"]) is None
        qtbot.keyClick(panel.view, "I")
        box = panel.active_dialog
        assert isinstance(box, QMessageBox)
        go_on = next(b for b in box.buttons() if b.text() == "Take roll anyway")
        with qtbot.waitSignal(panel.shiftSaved, timeout=20_000) as saved:
            go_on.click()
        assert saved.args == [people["Vera"], "attended"]
        assert shift_status(services, monday, people["Vera"]) == "attended"

        # Clara now needs a site lead, as a volunteer who is not cleared does.
        from harmony_desktop.ui.register.volunteers import ConfirmAssignmentDialog

        panel.go_to(people["Clara"])
        qtbot.keyClick(panel.view, "I")
        dialog = panel.active_dialog
        assert isinstance(dialog, ConfirmAssignmentDialog)
        assert "Safeguarding training: expired on 1 Oct 2026" in dialog.problems.text()
        dialog.reject()
        qtbot.waitUntil(lambda: panel.active_dialog is None, timeout=20_000)
        assert shift_status(services, monday, people["Clara"]) is None

        # Once is enough for the window: the roll marks at once ...
        page.roll_view.setFocus()
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        assert page.active_dialog is None
        assert stored_codes(services, monday) == ["P"]

        # ... and so does the family event of that Monday.
        family = open_event(qtbot, window, evening)
        with qtbot.waitSignal(family.saved, timeout=20_000):
            qtbot.keyClick(family.view, "P")
        assert family.active_dialog is None
        assert event_adults(services, recorded_hub, evening) == 1
    finally:
        window.shutdown()


def test_a_family_event_on_the_wrong_today_is_asked_about_once_and_covers_the_roll(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    before = family_event(services, recorded_hub, FRIDAY, "Friday family night")
    evening = family_event(services, recorded_hub, MONDAY, "Autumn family night")
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    try:
        # Another day's event: no question.
        family = open_event(qtbot, window, before)
        with qtbot.waitSignal(family.saved, timeout=20_000):
            qtbot.keyClick(family.view, "P")
        assert event_adults(services, recorded_hub, before) == 1

        # That wrong "today"'s event: asked first, nothing stored until they go on.
        family = open_event(qtbot, window, evening)
        qtbot.keyClick(family.view, "P")
        box = family.active_dialog
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "Check this computer's date"
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: family.active_dialog is None, timeout=20_000)
        assert event_adults(services, recorded_hub, evening) == 0
        family.add_walk_in()  # a walk-in is asked about too
        box = family.active_dialog
        assert isinstance(box, QMessageBox)
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: family.active_dialog is None, timeout=20_000)

        qtbot.keyClick(family.view, "P")
        box = family.active_dialog
        assert isinstance(box, QMessageBox)
        go_on = next(b for b in box.buttons() if b.text() == "Take roll anyway")
        with qtbot.waitSignal(family.saved, timeout=20_000):
            go_on.click()
        assert event_adults(services, recorded_hub, evening) == 1

        # The register's roll of that Monday is not asked about again.
        window.pages.setCurrentWidget(page)
        monday = open_session(qtbot, window)
        with qtbot.waitSignal(page.markSaved, timeout=20_000):
            qtbot.keyClick(page.roll_view, "P")
        assert page.active_dialog is None
        assert stored_codes(services, monday) == ["P"]
    finally:
        window.shutdown()


def test_a_date_that_may_be_right_asks_nothing_for_volunteers_or_events(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    """The amber case (behind the stamps, not the last sync): nothing asked, and
    clearances judged on the session's day as always."""
    services.store.settings.set(local.SYNC_LAST_SUCCESS, BIOS - dt.timedelta(days=3))
    people = add_volunteers(services, recorded_hub)
    evening = family_event(services, recorded_hub, MONDAY, "Autumn family night")
    window = open_window(qtbot, services, recorded_hub, BIOS)
    page = window.register
    panel = page.volunteers
    try:
        behind = page.clock_behind
        assert behind is not None and not behind.certain
        monday = open_with_volunteers(qtbot, window)
        assert clearance(window, people["Clara"], Qt.ItemDataRole.DisplayRole) == (
            "Cleared · expires 1 Oct 2026"
        )
        panel.go_to(people["Vera"])
        panel.view.setFocus()
        with qtbot.waitSignal(panel.shiftSaved, timeout=20_000):
            qtbot.keyClick(panel.view, "I")
        assert panel.active_dialog is None
        assert shift_status(services, monday, people["Vera"]) == "attended"
        family = open_event(qtbot, window, evening)
        with qtbot.waitSignal(family.saved, timeout=20_000):
            qtbot.keyClick(family.view, "P")
        assert family.active_dialog is None
        assert event_adults(services, recorded_hub, evening) == 1
    finally:
        window.shutdown()


def test_the_clearance_to_check_in_spanish(
    qtbot: QtBot, language: str, services: Services, recorded_hub: HubFixture
) -> None:
    people = add_volunteers(services, recorded_hub)
    window = open_window(qtbot, services, recorded_hub, BIOS)
    try:
        open_with_volunteers(qtbot, window)
        text = clearance(window, people["Vera"], Qt.ItemDataRole.DisplayRole)
        tip = clearance(window, people["Vera"], Qt.ItemDataRole.ToolTipRole)
        if language == "es_MX":
            assert text == "¿Vigente? · vence el 30 jun 2027"
            assert isinstance(tip, str) and tip.startswith("La fecha de esta computadora está mal")
        else:
            assert text == "Valid? · expires 30 Jun 2027"
    finally:
        window.shutdown()
