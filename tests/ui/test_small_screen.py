"""The main window on a 1024×600 netbook (and 1366×768 at 125 %, 1093×614): every tab
fits the width, in English and Spanish, and the roll keeps five rows.

Before, the window could not be narrower than 1190 pixels (1184 in Spanish): "Add
session…", "Cancel session…", the code buttons and the roll's tools were off the
screen's right edge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports.alerts import AbsenceAlert
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.narrow import FittingButton
from tests.factories import HubFixture
from tests.ui.conftest import TODAY
from tests.ui.test_register import open_first_session
from tests.ui.test_volunteer_shifts import SESSION_DAY, add_volunteer

#: The window on a 1024×600 netbook and on 1366×768 at 125 % (1093×614), less the room
#: kept for the title bar and a task bar (ui/screen_fit.py).
NETBOOK = (1012, 552)
SCALED_125 = (1081, 566)


@contextmanager
def window_of(
    qtbot: QtBot, services: Services, hub: HubFixture, today: dt.date, size: tuple[int, int]
) -> Iterator[MainWindow]:
    """The main window on ``today``, shown and resized to ``size``, shut down after."""
    window = MainWindow(services, hub.hub_id, today=today, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=5000):
        window.show()
    try:
        window.resize(*size)
        qtbot.waitUntil(lambda: window.width() == size[0])
        yield window
    finally:
        window.shutdown()


def test_every_tab_fits_a_1024_pixel_screen(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=5000):
        window.show()
    try:
        open_first_session(qtbot, window.register)
        for index in range(window.pages.count()):
            window.pages.setCurrentIndex(index)  # builds the page
            qtbot.wait(20)
        for index in range(window.pages.count()):
            page = window.pages.widget(index)
            assert page.minimumSizeHint().width() <= 1000, window.pages.tabText(index)
        assert window.minimumSizeHint().width() <= 1000
    finally:
        window.shutdown()


@pytest.mark.parametrize("size", [NETBOOK, SCALED_125], ids=["1024x600", "1093x614"])
def test_on_a_netbook_the_roll_shows_five_rows_and_every_button(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str, size: tuple[int, int]
) -> None:
    add_volunteer(services, hub, "Rosa", tb_expired=False, day=SESSION_DAY)
    with window_of(qtbot, services, hub, SESSION_DAY, size) as window:
        page = window.register
        open_first_session(qtbot, page)
        qtbot.wait(100)  # laid out, the volunteers loaded
        view = page.roll_view
        assert view.viewport().height() // view.rowHeight(0) >= 5
        assert not view.horizontalScrollBar().isVisible()  # the columns narrowed
        right = window.width()
        roll = page.roll
        for widget in (
            page.add_session_button,
            page.cancel_button,
            *roll.code_buttons.values(),
            roll.all_present_button,
            roll.order_box,
            window.sync_ui.status.sync_button,
        ):
            corner = widget.mapTo(window, widget.rect().topRight())
            assert corner.x() < right, widget.accessibleName()
            assert widget.width() >= widget.minimumSizeHint().width(), widget.accessibleName()
        # A squeezed code button shows its code; its name stays whole for screen readers.
        present = roll.code_buttons["P"]
        assert isinstance(present, FittingButton)
        assert present.shown_text().startswith("P")
        assert present.accessibleName() in ("Mark Present", "Marcar Presente")
        # The volunteers fold to their heading for the roll's sake; Show brings them back.
        volunteers = page.volunteers
        assert volunteers.view.isHidden()
        volunteers.toggle.click()
        assert not volunteers.view.isHidden()
        # The report's choices wrap onto a second line, every one inside the window.
        reports = window.reports
        window.pages.setCurrentWidget(reports)
        qtbot.wait(50)  # laid out
        for widget in (
            reports.kind_box,
            reports.year_box,
            reports.last_edit,
            reports.pdf_button,
        ):
            corner = widget.mapTo(window, widget.rect().topRight())
            assert widget.isVisible() and corner.x() < right, widget.accessibleName()
        assert reports.last_edit.mapTo(window, reports.last_edit.rect().topLeft()).y() > (
            reports.kind_box.mapTo(window, reports.kind_box.rect().topLeft()).y()
        )


def test_on_a_netbook_the_date_band_missing_rolls_and_call_home_leave_the_roll_its_rows(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """The red wrong-date band, the missing-roll flag and three students to call home
    all at once on a 1024×600 screen. Before, the alerts sat above the roll and left it
    three whole rows in English, two in Spanish; under the day's list, the roll keeps
    four, and every alert is whole (each two lines there in Spanish)."""
    with window_of(qtbot, services, hub, TODAY, NETBOOK) as window:
        page = window.register
        open_first_session(qtbot, page)
        page.clock_banner.show_behind(TODAY, TODAY + dt.timedelta(days=2))
        first = page.sessions_model.sessions()[0]
        page.banner.show_missing([first, first, first], TODAY + dt.timedelta(days=7))
        alerts = page.absence_alerts
        qtbot.waitUntil(lambda: not window.tasks.busy())  # its own load (none) is done
        alerts._show(
            [AbsenceAlert(f"s{i}", f"Estudiante{i}, Ana", "Beginning Strings", 3) for i in range(3)]
        )
        qtbot.wait(100)  # laid out
        assert page.clock_banner.isVisible() and page.banner.isVisible()
        assert alerts.isVisible()
        view = page.roll_view
        assert view.viewport().height() // view.rowHeight(0) >= 4
        # every alert whole, none scrolled out of sight
        listed = alerts.list
        assert listed.verticalScrollBar().maximum() == 0
        assert not listed.horizontalScrollBar().isVisible()
        last = listed.visualItemRect(listed.item(2))
        assert last.bottom() < listed.viewport().height()


def test_the_import_window_fits_a_netbook_screen(
    qtbot: QtBot, services: Services, hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The roster's import window opened 620 pixels tall: on a 1024×600 screen its
    rejected rows ran off the bottom. Now no taller than the screen less its frame
    (600 − 48), every button in sight."""
    from PySide6.QtCore import QRect

    from harmony_desktop.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(0, 0, 1024, 600))
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=5000):
        window.show()
    try:
        dialog = window.roster.open_import()
        qtbot.waitExposed(dialog)
        assert dialog.height() == 552
        assert dialog.frameGeometry().bottom() < 600
        for widget in (dialog.choose, dialog.import_button, dialog.close_button):
            bottom = widget.mapToGlobal(widget.rect().bottomLeft()).y()
            assert bottom < 600, widget.accessibleName()
        dialog.reject()
    finally:
        window.shutdown()


def test_the_programme_window_is_no_wider_than_a_netbook_screen(
    qtbot: QtBot, services: Services, hub: HubFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Programme set-up… opened 1180 pixels wide: on a 1024×600 screen the hub's
    details and "Save name" were past the right edge. Now 1024 − 12 wide."""
    from PySide6.QtCore import QRect

    from harmony_desktop.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(0, 0, 1024, 600))
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=5000):
        window.show()
    try:
        programme = window.open_programme()
        qtbot.waitUntil(lambda: programme.width() == 1012)
        assert programme.frameGeometry().right() < 1024
        save = programme.name_box.findChildren(QPushButton)[-1]
        assert save.mapToGlobal(save.rect().topRight()).x() < 1024, save.text()
        programme.close()
    finally:
        window.shutdown()
