"""The programme's name in the Programme window: changed by keyboard on a laptop working
alone; shown read-only when the sync server names the programme, in English and
Spanish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import EnsembleRecord, HubRecord, StaffRecord
from harmony_desktop.store import settings
from harmony_desktop.ui import screen_fit
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.timefield import TimeField
from tests.ui.conftest import programme_window


@pytest.fixture
def window(qtbot: QtBot, services: Services, language: str) -> Iterator[ProgrammeWindow]:
    services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    with programme_window(qtbot, services) as win:
        qtbot.waitUntil(lambda: win.name_box.current is not None, timeout=20_000)
        yield win


LABELS = {"en_US": "Pro&gramme name:", "es_MX": "Nombre del progra&ma:"}
ALT_KEYS = {"en_US": "g", "es_MX": "m"}


def test_a_laptop_alone_renames_the_programme_by_keyboard(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    box = window.name_box
    assert box.label.text() == LABELS[language]
    assert box.field.text() == "Harmony Project" and not box.field.isReadOnly()
    # on the Hubs tab, under the hubs; its Alt key takes the keyboard there
    assert window.tabs.currentWidget() is window.hubs and window.hubs.isAncestorOf(box)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=20_000)
    qtbot.keyClick(window.tabs, ALT_KEYS[language], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(box.field.hasFocus, timeout=20_000)
    qtbot.keyClick(box.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.field, "  Eastside   Youth Strings ")
    qtbot.keyClick(box.field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: services.exporting.programme_name() == "Eastside Youth Strings", timeout=20_000
    )
    qtbot.waitUntil(lambda: box.field.text() == "Eastside Youth Strings", timeout=20_000)
    saved = {
        "en_US": "Saved: printouts from this laptop are headed with this name.",
        "es_MX": "Guardado: los impresos de esta computadora llevan este nombre en el encabezado.",
    }
    assert box.message.text() == saved[language]


def test_the_servers_name_is_shown_read_only_and_the_typed_one_was_local(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    services.setup.set_programme_name("Cedar Strings")  # typed before it joined
    services.store.settings.set(settings.SYNC_PROGRAMME_NAME, "Eastside Youth Strings")
    window.name_box.reload()
    box = window.name_box
    qtbot.waitUntil(lambda: box.shown_name.text() == "Eastside Youth Strings", timeout=20_000)
    # plain text, not a box that looks editable and takes no typing; no Save name
    assert box.shown_name.isVisible() and not box.field.isVisible()
    assert not box.save_button.isVisible()
    said = {
        "en_US": (
            "Set on your sync server",
            "so it cannot be changed on this laptop: to change it, the office uses the sync "
            "server's administration (harmony-sync set-programme-name)",
            "“Cedar Strings”",
            "nothing else is lost",
        ),
        "es_MX": (
            "Se define en su servidor de sincronización",
            "así que no se puede cambiar en esta computadora: para cambiarlo, la oficina usa "
            "la administración del servidor (harmony-sync set-programme-name)",
            "“Cedar Strings”",
            "no se pierde nada",
        ),
    }
    for words in said[language]:
        assert words in box.note.text()
    # the keyboard still reaches it (the label's Alt key, Tab): read out with where it is set
    name = {"en_US": "Programme name", "es_MX": "Nombre del programa"}
    assert box.shown_name.accessibleName() == name[language]
    assert box.shown_name.accessibleDescription() == box.note.text()
    assert box.shown_name.focusPolicy() & Qt.FocusPolicy.TabFocus
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=20_000)
    qtbot.keyClick(window.tabs, ALT_KEYS[language], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(box.shown_name.hasFocus, timeout=20_000)
    qtbot.keyClicks(box.shown_name, "Other")  # typing changes nothing
    qtbot.keyClick(box.shown_name, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert box.shown_name.text() == "Eastside Youth Strings"
    assert services.exporting.programme_name() == "Eastside Youth Strings"
    # the server stops naming it: the box and Save name are back, with the laptop's name
    services.store.settings.set(settings.SYNC_PROGRAMME_NAME, "")
    box.reload()
    qtbot.waitUntil(lambda: box.field.isVisible(), timeout=20_000)
    assert box.field.text() == "Cedar Strings" and not box.field.isReadOnly()
    assert box.save_button.isVisible() and not box.shown_name.isVisible()


def test_the_name_leaves_the_window_the_height_of_a_1280x720_screen(
    qtbot: QtBot, window: ProgrammeWindow, language: str
) -> None:
    """Above the tabs the name made the window at least 747 px high (Ensembles page); under
    the hubs it costs the tabs nothing: every page still fits 660 px (1280x720, less a
    title bar and a panel)."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert window.minimumSizeHint().height() <= 660, window.tabs.tabText(index)


#: Alt key of the Ensembles page's last field, "R&oom:" / "Sa&lón:"
ROOM_KEYS = {"en_US": "o", "es_MX": "l"}


@pytest.mark.parametrize("screen", [(1024, 600), (1280, 720)], ids=["1024x600", "1280x720"])
def test_every_tab_fits_a_1024x600_netbook_and_nothing_is_cut_at_1280x720(
    qtbot: QtBot,
    services: Services,
    language: str,
    screen: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a 1024x600 netbook the window was at least 658 px high (the Ensembles page
    578): Close was below the screen's edge. Now every page fits 512 px (600, less a
    40 px panel and 48 px of title bar); the Ensembles details scroll there, and its last
    field's Alt key scrolls to it. At 1280x720 the window stays 660 px high and no
    page's details scroll."""
    services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(0, 0, *screen))
    with programme_window(qtbot, services) as window:  # fitted to the screen as it shows
        tall = {(1024, 600): 552, (1280, 720): 660}[screen]
        qtbot.waitUntil(lambda: window.height() == tall, timeout=20_000)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(20)
            name = window.tabs.tabText(index)
            assert window.minimumSizeHint().height() <= 512, name
            assert window.close_button.geometry().bottom() < window.height(), name
            scrolled = [
                area.accessibleName()
                for area in window.tabs.currentWidget().findChildren(QScrollArea)
                if area.isVisible() and area.verticalScrollBar().isVisible()
            ]
            wanted = ["Details"] if screen == (1024, 600) and index == 1 else []
            assert scrolled == [{"en_US": w, "es_MX": "Detalles"}[language] for w in wanted], name
        page = window.ensembles
        window.show_page(page)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=20_000)
        qtbot.keyClick(page.name_edit, ROOM_KEYS[language], Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(page.location_edit.hasFocus, timeout=20_000)
        room = page.location_edit
        bottom = room.mapTo(window, room.rect().bottomLeft()).y()
        assert bottom < window.tabs.geometry().bottom()


@pytest.mark.parametrize("screen", [(1024, 600), (1280, 720)], ids=["1024x600", "1280x720"])
def test_the_ensembles_lists_fit_sideways_on_a_netbook(
    qtbot: QtBot,
    services: Services,
    language: str,
    screen: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 1024x600 (the window 1012 wide) the ensembles list scrolled sideways (in
    Spanish 3 px, its Meets column 320 px wide) and so did the Meets table (in English,
    its Ends column cut); at 1280x720 the list did too. Now the columns share the room:
    the name, teacher and days are cut with "…" (whole in the tooltip), the figures and
    the meeting times stay whole."""
    hub = services.setup.save_hub(
        HubRecord(None, "Cedar Park Hub", "1965 St. Louis St, Los Angeles, CA 90054")
    )
    teacher = services.setup.save_staff(StaffRecord(None, "Rebecca García", "teacher", (hub,)))
    slots = ((1, dt.time(17, 30), dt.time(19, 30)), (5, dt.time(10, 0), dt.time(12, 30)))
    services.setup.save_ensemble(
        EnsembleRecord(None, hub, "Youth Orchestra", teacher_id=teacher, capacity=60, slots=slots)
    )
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(0, 0, *screen))
    with programme_window(qtbot, services) as window:
        page = window.ensembles
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
        window.show_page(page)
        page.view.selectRow(0)
        qtbot.waitUntil(lambda: page.meetings.table.rowCount() == 2, timeout=20_000)
        qtbot.wait(50)
        assert window.width() == {(1024, 600): 1012, (1280, 720): 1180}[screen]
        for view in (page.view, page.meetings.table):
            columns = sum(view.columnWidth(c) for c in range(view.model().columnCount()))
            assert columns <= view.viewport().width(), view.accessibleName()
            assert not view.horizontalScrollBar().isVisible(), view.accessibleName()
        table = page.meetings.table
        for column in (1, 2):  # the times whole: "12:30 PM" / "12:30 p.m."
            edit = table.cellWidget(1, column)
            assert isinstance(edit, TimeField)
            assert edit.fontMetrics().horizontalAdvance(edit.text()) < table.columnWidth(column)
        day = table.cellWidget(0, 0)  # the day whole: "Wednesday" / "Miércoles"
        assert isinstance(day, QComboBox)
        day.setCurrentIndex(2)
        assert day.sizeHint().width() <= table.columnWidth(0)
        for column in (3, 4, 5, 6):  # the figures whole
            header = page.view.horizontalHeader()
            assert page.view.columnWidth(column) >= header.sectionSizeHint(column)
        days = page.model.index(0, 2)
        assert days.data(Qt.ItemDataRole.ToolTipRole) == days.data()
        window.show_page(window.hubs)
        qtbot.wait(50)
        assert not window.hubs.view.horizontalScrollBar().isVisible()
