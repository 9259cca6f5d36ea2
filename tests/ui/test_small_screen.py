"""The main window on a 1024×600 netbook (and 1366×768 at 125 %, 1093×614): every tab
fits the width, in English and Spanish, and the roll keeps five rows.

Before, the window could not be narrower than 1190 pixels (1184 in Spanish): "Add
session…", "Cancel session…", the code buttons and the roll's tools were off the
screen's right edge.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
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
    window = MainWindow(services, hub.hub_id, today=SESSION_DAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=5000):
        window.show()
    try:
        window.resize(*size)
        qtbot.waitUntil(lambda: window.width() == size[0])
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
    finally:
        window.shutdown()
