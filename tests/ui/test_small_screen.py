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
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QPushButton, QStyle, QTableView
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports.alerts import AbsenceAlert
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.narrow import FittingButton
from harmony_desktop.ui.register.models import SessionColumn
from tests.factories import HubFixture
from tests.ui.conftest import BACKGROUND_WAIT, TODAY
from tests.ui.test_register import open_first_session
from tests.ui.test_volunteer_shifts import SESSION_DAY, add_volunteer

#: The window on a 1024×600 netbook and on 1366×768 at 125 % (1093×614), less the room
#: kept for the title bar and a task bar (ui/screen_fit.py).
NETBOOK = (1012, 552)
SCALED_125 = (1081, 566)


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Every load the window started on its threads (the roll, the session's volunteers,
    the alerts) has come back, then the layout that followed has run: a fixed wait
    alone was too short on a loaded machine (the volunteers not yet there)."""
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=BACKGROUND_WAIT)
    qtbot.wait(100)


@contextmanager
def window_of(
    qtbot: QtBot, services: Services, hub: HubFixture, today: dt.date, size: tuple[int, int]
) -> Iterator[MainWindow]:
    """The main window on ``today``, shown and resized to ``size``, shut down after."""
    window = MainWindow(services, hub.hub_id, today=today, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=BACKGROUND_WAIT):
        window.show()
    try:
        window.resize(*size)
        qtbot.waitUntil(lambda: window.width() == size[0], timeout=20_000)
        yield window
    finally:
        window.shutdown()


def test_every_tab_fits_a_1024_pixel_screen(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    window = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=BACKGROUND_WAIT):
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
        settled(qtbot, window)  # the volunteers loaded, then laid out
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
        settled(qtbot, window)  # its own load (none) is done
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
    with qtbot.waitSignal(window.register.dayLoaded, timeout=BACKGROUND_WAIT):
        window.show()
    try:
        dialog = window.roster.open_import()
        qtbot.waitExposed(dialog, timeout=20_000)
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
    with qtbot.waitSignal(window.register.dayLoaded, timeout=BACKGROUND_WAIT):
        window.show()
    try:
        programme = window.open_programme()
        qtbot.waitUntil(lambda: programme.width() == 1012, timeout=20_000)
        assert programme.frameGeometry().right() < 1024
        save = programme.name_box.findChildren(QPushButton)[-1]
        assert save.mapToGlobal(save.rect().topRight()).x() < 1024, save.text()
        programme.close()
    finally:
        window.shutdown()


def test_on_a_netbook_the_volunteers_shown_keep_every_column_and_two_rows(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """Show on a 1024×600 netbook: before, the table got 0.7 of a row and a sideways
    scroll bar, In, Out and Hours off to the right (its columns 210 + 240 + 160 + …
    pixels in a 668-pixel table). Now the name, clearance and status narrow, every
    column is in sight and two whole volunteers show; the roll keeps the rest."""
    add_volunteer(services, hub, "Rosa", tb_expired=False, day=SESSION_DAY)
    add_volunteer(services, hub, "Tomás", tb_expired=True, day=SESSION_DAY)
    with window_of(qtbot, services, hub, SESSION_DAY, NETBOOK) as window:
        page = window.register
        open_first_session(qtbot, page)
        settled(qtbot, window)  # the volunteers loaded, then laid out
        volunteers = page.volunteers
        assert volunteers.view.isHidden()  # folded for the roll's sake
        volunteers.toggle.click()
        qtbot.wait(100)  # laid out
        view = volunteers.view
        assert not view.isHidden()
        assert not view.horizontalScrollBar().isVisible()
        header = view.horizontalHeader()
        hours = header.sectionViewportPosition(5) + header.sectionSize(5)
        assert hours <= view.viewport().width()
        assert header.sectionSize(5) >= 60  # "Hours" whole
        assert view.viewport().height() // view.rowHeight(0) >= 2
        # a clearance cut short in its narrower column is whole in its tooltip
        index = volunteers.model.index(0, 1)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
        roll = page.roll_view
        assert roll.viewport().height() // roll.rowHeight(0) >= 2


def test_on_a_netbook_the_wrong_date_band_is_two_lines(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """The red band on a 1024×600 screen, with the longest dates of the year: two lines
    in English and in Spanish (three in Spanish before, 42 pixels of the roll's)."""
    with window_of(qtbot, services, hub, TODAY, NETBOOK) as window:
        page = window.register
        band = page.clock_banner
        band.show_behind(dt.date(2026, 9, 30), dt.date(2026, 11, 18))
        qtbot.wait(50)  # laid out
        label = band.label
        assert label.isVisible()
        assert label.height() < 3 * label.fontMetrics().lineSpacing()


def test_on_a_netbook_the_events_list_does_not_scroll_sideways(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """Before, the events list's columns (180 + 100 + 120 + "Reached") were wider than
    its 431-pixel pane on a 1024×600 screen, "Reached" behind a sideways scroll bar."""
    services.events.add_family_event(
        hub.hub_id, TODAY, dt.time(18, 0), dt.time(19, 30), title="Fall family night"
    )
    with window_of(qtbot, services, hub, TODAY, NETBOOK) as window:
        window.pages.setCurrentWidget(window.events)
        view = window.events.view
        qtbot.waitUntil(lambda: view.model().rowCount() > 0, timeout=20_000)
        qtbot.wait(50)  # laid out
        assert not view.horizontalScrollBar().isVisible()
        header = view.horizontalHeader()
        assert header.sectionViewportPosition(3) + header.sectionSize(3) <= (
            view.viewport().width()
        )


def test_on_a_netbook_mark_the_rest_present_still_says_the_rest(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """Squeezed, "Mark all remaining present" read "All present" ("Todos presentes"), as
    if it marked everyone, those already late or absent too. Now "Rest present"."""
    with window_of(qtbot, services, hub, SESSION_DAY, NETBOOK) as window:
        page = window.register
        open_first_session(qtbot, page)
        qtbot.wait(50)  # laid out
        button = page.roll.all_present_button
        assert isinstance(button, FittingButton)
        # its narrowest text (shown on a netbook in Spanish, and in English with more
        # codes) says "the rest"; whatever shows is one of its texts
        assert button.shorter[-1] in ("Rest present", "Resto presentes")
        assert button.shown_text() in (button.text(), *button.shorter)
        assert button.accessibleName() in (
            "Mark all remaining present",
            "Marcar presentes a los demás",
        )


def test_a_session_cut_short_in_the_day_list_is_whole_in_its_tooltip(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    with window_of(qtbot, services, hub, TODAY, NETBOOK) as window:
        model = window.register.sessions_model
        index = model.index(0, 1)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
        assert index.data() == model.session(0).label


def _whole_in_its_cell(view: QTableView, row: int, column: int) -> bool:
    """The text of a cell of the day list whole: every word as narrow as the cell (a
    longer one is cut short, "Musicians…") and its lines as short as the row."""
    text = str(view.model().index(row, column).data())
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = view.columnWidth(column) - 2 * margin - 1
    words = [w for line in text.split("\n") for w in line.split()]
    box = metrics.boundingRect(QRect(0, 0, room, 10000), Qt.TextFlag.TextWordWrap, text)
    return all(metrics.horizontalAdvance(w) <= room for w in words) and (
        box.height() <= view.rowHeight(row) - 4
    )


def test_on_a_netbook_the_day_list_shows_each_session_whole_with_its_time_under_it(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str, qtmodeltester: object
) -> None:
    """On a 1024×600 netbook the day list's Session column was 70 to 80 pixels wide
    beside Time, State and Marked: "Musicians… K-1", "Inter… Winds", the whole name
    only on hover. Now the hours go on a second line under the name (the Time column
    hidden) and each row is as tall as its lines; ↓ and Enter still open a roll. At
    1280×720 the list is as it was: the time in its own column."""
    services.sessions.add_ad_hoc(
        hub.ensemble_id, TODAY, dt.time(18, 0), dt.time(19, 0), title="Sectionals"
    )
    with window_of(qtbot, services, hub, TODAY, NETBOOK) as window:
        page = window.register
        model = page.sessions_model
        view = page.sessions_view
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=20_000)
        qtbot.wait(50)  # laid out
        for row in range(model.rowCount()):
            assert _whole_in_its_cell(view, row, SessionColumn.SESSION), row
        assert view.isColumnHidden(SessionColumn.TIME)
        shown = str(model.index(1, SessionColumn.SESSION).data())
        assert shown.replace("\u202f", " ") in (  # (the time's narrow space)
            "Beginning Strings — Sectionals\n6:00–7:00 PM",
            "Beginning Strings — Sectionals\n6:00–7:00 p.m.",
        )
        assert view.rowHeight(0) == 40  # a short name and its time: two lines
        assert view.rowHeight(1) > 40  # a name on two lines and its time
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        # the keyboard as before: ↓ chooses the next session, Enter opens its roll
        view.setFocus()
        view.setCurrentIndex(model.index(0, SessionColumn.SESSION))
        qtbot.keyClick(view, Qt.Key.Key_Down)
        qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.roll_ready, timeout=BACKGROUND_WAIT)
        assert page.session is not None and page.session.title == "Sectionals"
        # a wide window: the time in its column again, the name alone beside it
        window.resize(1268, 672)
        qtbot.waitUntil(lambda: not view.isColumnHidden(SessionColumn.TIME), timeout=20_000)
        assert model.index(1, SessionColumn.SESSION).data() == "Beginning Strings — Sectionals"
        assert view.rowHeight(1) == 40
        for row in range(model.rowCount()):
            assert _whole_in_its_cell(view, row, SessionColumn.SESSION), row
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_on_a_netbook_the_roll_shows_nearly_eight_students(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    """A roll of 23 to 30 students on a 1024×600 netbook showed 6.2 rows in English and
    5.8 in Spanish (the volunteers folded, no date band): the title took two lines
    beside its progress, the Spanish keys two lines, and the rows were 38 pixels. Now
    the title is on one line (the progress in short words, whole on hover), the keys
    on one line in Spanish too, and the rows 32 pixels on a short window: 7.9 rows
    with the demo's hub (scripts/screenshots_netbook.py), in both languages.
    At 1280×720 the rows stay 38 pixels and the progress whole."""
    with window_of(qtbot, services, hub, SESSION_DAY, NETBOOK) as window:
        page = window.register
        open_first_session(qtbot, page)
        qtbot.wait(100)  # laid out
        roll = page.roll
        view = page.roll_view
        # 8.2 rows here (6.4 in English and 6.1 in Spanish before)
        assert view.viewport().height() / view.rowHeight(0) >= 8
        assert view.rowHeight(0) == 32
        title = roll.title
        assert title.height() < 2 * title.fontMetrics().lineSpacing()  # one line
        assert roll.progress_label.text() in ("0 of 8 marked", "0 de 8 marcados")
        assert roll.progress_label.toolTip() in (
            "0 of 8 marked · 8 not recorded",
            "0 de 8 marcados · 8 sin registrar",
        )
        keys = roll.keys_help
        assert keys.height() < 2 * keys.fontMetrics().lineSpacing()  # one line
        window.resize(1268, 672)
        qtbot.waitUntil(lambda: view.rowHeight(0) == 38, timeout=20_000)
        qtbot.wait(50)  # laid out
        assert roll.progress_label.text() == roll.progress_label.accessibleDescription()
        assert roll.progress_label.toolTip() == ""


def test_the_volunteer_form_fits_a_netbook_screen(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """The volunteer form was 652 pixels tall at the least: on a 1024×600 screen its Save
    and Cancel were below the screen's edge. Its fields now scroll, the buttons stay in
    sight, in English and in Spanish."""
    from harmony_desktop.ui import screen_fit
    from tests.ui.test_volunteers_ui import show_volunteers

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(0, 0, 1024, 600))
    show_volunteers(qtbot, window)
    window.volunteers.new_button.click()
    form = window.volunteers.active_dialog
    assert form is not None
    qtbot.waitExposed(form, timeout=20_000)
    qtbot.waitUntil(lambda: form.frameGeometry().bottom() < 600, timeout=20_000)
    assert form.height() <= 552
    bottom = form.save_button.mapToGlobal(form.save_button.rect().bottomLeft()).y()
    assert bottom < 600
    form.reject()
