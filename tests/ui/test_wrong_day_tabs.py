"""The Volunteers and Events tabs on a laptop whose date is a year behind what the
register already recorded: they judge on the day the register trusts (the newest day
recorded, the earliest today can really be) and say so in the register's red band; and
on a laptop left open past midnight, on the new day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.events.models import EventColumn
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.volunteers.model import ExpiringColumn, VolunteerColumn
from harmony_desktop.ui.wrong_day import DAY_CHECK_MS
from tests.factories import HubFixture
from tests.ui.test_clock_behind import RECORDED, ms, open_window, recorded_hub, zone

__all__ = ["recorded_hub", "zone"]  # fixtures

#: The newest day recorded: Thursday 3 December 2026 (Mexico City).
RECORDED_DAY = dt.date(2026, 12, 3)
#: This computer's clock fell back a year: Wednesday 3 December 2025, 10:45 there.
YEAR_BEHIND = RECORDED - dt.timedelta(days=365)
#: Every clearance not named below expires long after both days.
LATER = dt.date(2028, 1, 31)


def add_volunteer(services: Services, hub: HubFixture, first: str, tb_expires: dt.date) -> str:
    """An active volunteer with every clearance done on 1 November 2025, the TB test
    expiring on ``tb_expires``, the others on :data:`LATER`."""
    volunteers = services.volunteers
    vid = volunteers.save(
        hub.hub_id, {"first_name": first, "last_name": "Tester", "status": "active"}
    )
    for kind in volunteers.kinds():
        expires = tb_expires if kind.code == "tb" else LATER
        volunteers.record_clearance(vid, kind.id, dt.date(2025, 11, 1), expires_on=expires)
    return vid


def on_computer_clock(services: Services, now: dt.datetime) -> None:
    """This computer's clock reads ``now`` (the store's wall and the volunteers' today)."""
    services.store.wall = lambda: ms(now)
    day = now.astimezone().date()
    services.volunteers.today = lambda: day


def show_volunteers(qtbot: QtBot, window: MainWindow) -> None:
    page = window.volunteers
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        window.pages.setCurrentWidget(page)
        page.reload()


def clearances(window: MainWindow) -> dict[str, str]:
    model = window.volunteers.model
    return {
        model.index(r, VolunteerColumn.NAME).data(): model.index(
            r, VolunteerColumn.CLEARANCE
        ).data()
        for r in range(model.rowCount())
    }


def expiring(window: MainWindow) -> list[tuple[str, str]]:
    model = window.volunteers.expiring_model
    return [
        (
            model.index(r, ExpiringColumn.VOLUNTEER).data(),
            model.index(r, ExpiringColumn.WHEN).data(),
        )
        for r in range(model.rowCount())
    ]


def test_volunteers_on_a_date_a_year_behind_are_judged_on_the_newest_day_recorded(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    on_computer_clock(services, RECORDED)
    add_volunteer(services, recorded_hub, "Clara", LATER)
    tomas = add_volunteer(services, recorded_hub, "Tomas", dt.date(2026, 6, 30))
    add_volunteer(services, recorded_hub, "Sofi", dt.date(2026, 12, 20))
    on_computer_clock(services, YEAR_BEHIND)
    window = open_window(qtbot, services, recorded_hub, YEAR_BEHIND)
    try:
        show_volunteers(qtbot, window)
        page = window.volunteers
        # On 3 December 2025 all three were cleared; on 3 December 2026 Tomas's TB test
        # expired 156 days before (30 June), Sofi's expires in 17 days (20 December).
        assert clearances(window) == {
            "Clara Tester": "Cleared",
            "Tomas Tester": "Not cleared",
            "Sofi Tester": "Expiring",
        }
        assert page.count.text() == "3 volunteers · 1 active not cleared"
        assert expiring(window) == [
            ("Tomas Tester", "expired 156 days ago"),
            ("Sofi Tester", "in 17 days"),
        ]
        assert page.expiring_title.text() == "<b>Expiring within 30 days</b> (2)"
        assert (page.today, page.judged_on) == (dt.date(2025, 12, 3), RECORDED_DAY)
        band = page.wrong_day_band
        assert band.isVisible()
        assert band.label.text() == (
            "<b>⚠ This computer's date is wrong.</b> It says Wednesday 3 December 2025, "
            "but this register already has changes from Thursday 3 December 2026, the "
            "earliest today can be: clearances here are judged on that day. Set the date "
            "and time in this computer's settings, then close and reopen Harmony."
        )
        assert band.focusPolicy() == Qt.FocusPolicy.NoFocus
        # The form judges Tomas's TB test on that day too.
        page.select(tomas)
        page.edit_selected()
        dialog = page.active_dialog
        rows = {row.kind.code: row for row in dialog.clearance_rows}  # type: ignore[union-attr]
        assert rows["tb"].state.text() == "Expired"
        dialog.reject()  # type: ignore[union-attr]
    finally:
        window.shutdown()


def test_a_correct_date_shows_no_band_on_the_volunteers_tab(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    on_computer_clock(services, RECORDED)
    add_volunteer(services, recorded_hub, "Sofi", dt.date(2026, 12, 20))
    window = open_window(qtbot, services, recorded_hub, RECORDED)
    try:
        show_volunteers(qtbot, window)
        assert window.volunteers.judged_on == RECORDED_DAY
        assert not window.volunteers.wrong_day_band.isVisible()
        assert expiring(window) == [("Sofi Tester", "in 17 days")]
    finally:
        window.shutdown()


def test_the_volunteers_tab_left_open_past_midnight_judges_on_the_new_day(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    on_computer_clock(services, RECORDED)
    add_volunteer(services, recorded_hub, "Vera", RECORDED_DAY)
    add_volunteer(services, recorded_hub, "Sofi", dt.date(2026, 12, 20))
    window = open_window(qtbot, services, recorded_hub, RECORDED)
    try:
        show_volunteers(qtbot, window)
        page = window.volunteers
        # Vera's TB test expires today: still valid, expiring.
        assert clearances(window) == {"Vera Tester": "Expiring", "Sofi Tester": "Expiring"}
        assert expiring(window) == [("Vera Tester", "in 0 days"), ("Sofi Tester", "in 17 days")]
        # 00:05 on Friday 4 December in Mexico City; the teacher comes back to the tab.
        on_computer_clock(services, dt.datetime(2026, 12, 4, 6, 5, tzinfo=dt.UTC))
        window.pages.setCurrentWidget(window.register)
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            window.pages.setCurrentWidget(page)
        assert clearances(window) == {"Vera Tester": "Not cleared", "Sofi Tester": "Expiring"}
        assert expiring(window) == [
            ("Vera Tester", "expired 1 day ago"),
            ("Sofi Tester", "in 16 days"),
        ]
        assert not page.wrong_day_band.isVisible()
        assert page.judged_on == dt.date(2026, 12, 4)
        # Left on the tab, it looks at the date every minute.
        assert page.day_timer.isActive()
        assert page.day_timer.interval() == DAY_CHECK_MS == 60_000
        on_computer_clock(services, dt.datetime(2026, 12, 5, 6, 5, tzinfo=dt.UTC))
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            page.day_timer.timeout.emit()
        assert expiring(window)[1] == ("Sofi Tester", "in 15 days")
    finally:
        window.shutdown()


def event_titles(window: MainWindow) -> list[str]:
    model = window.events.model
    return [model.index(r, EventColumn.TITLE).data() for r in range(model.rowCount())]


def test_events_on_a_date_a_year_behind_are_listed_around_the_newest_day_recorded(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    on_computer_clock(services, RECORDED)
    for day, title in (
        (dt.date(2026, 11, 20), "Winter family night"),  # two weeks before the day recorded
        (dt.date(2026, 5, 15), "Spring family night"),
        (dt.date(2025, 10, 1), "Last autumn's night"),  # over a year before it
    ):
        services.events.add_family_event(
            recorded_hub.hub_id, day, dt.time(18, 0), dt.time(19, 30), title=title
        )
    on_computer_clock(services, YEAR_BEHIND)
    window = open_window(qtbot, services, recorded_hub, YEAR_BEHIND)
    try:
        page = window.events
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            window.pages.setCurrentWidget(page)
            page.reload()
        # Around 3 December 2025 the list stopped at 3 June 2026 and kept October 2025;
        # around 3 December 2026 it spans 3 December 2025 to 4 June 2027.
        assert event_titles(window) == ["Winter family night", "Spring family night"]
        assert (page.today, page.judged_on) == (dt.date(2025, 12, 3), RECORDED_DAY)
        band = page.wrong_day_band
        assert band.isVisible()
        assert band.label.text() == (
            "<b>⚠ This computer's date is wrong.</b> It says Wednesday 3 December 2025, "
            "but this register already has changes from Thursday 3 December 2026, the "
            "earliest today can be: the events listed are those of the year before that "
            "day and the six months after. Set the date and time in this computer's "
            "settings, then close and reopen Harmony."
        )
    finally:
        window.shutdown()


def test_what_an_event_reached_is_on_two_lines_and_whole_on_hover(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture
) -> None:
    """On a 1024-pixel netbook "Reached" was cut ("19 participante…"): its figures are
    on two lines, the column as wide as the longest, and the whole text on hover."""
    services.events.add_performance(
        hub.ensemble_id, dt.date(2026, 9, 10), dt.time(18, 0), dt.time(19, 30),
        title="Spring concert", venue="Test Park", on_site=True, audience_count=137,
    )  # fmt: skip
    page = window.events
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        window.pages.setCurrentWidget(page)
        page.reload()
    cell = page.model.index(0, EventColumn.FIGURE)
    assert cell.data() == "0 performers\naudience 137"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "0 performers · audience 137"
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == "0 performers · audience 137"
    title = page.model.index(0, EventColumn.TITLE)
    assert title.data(Qt.ItemDataRole.ToolTipRole) == "Spring concert"
    widest = page.view.fontMetrics().horizontalAdvance("audience 137")
    assert page.view.columnWidth(EventColumn.FIGURE) >= widest + 8
