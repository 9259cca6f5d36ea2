"""The programme's name in the Programme window: changed by keyboard on a laptop working
alone; shown read-only when the sync server names the programme, in English and
Spanish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import HubRecord
from harmony_desktop.store import settings
from harmony_desktop.ui.programme import ProgrammeWindow
from tests.ui.conftest import programme_window


@pytest.fixture
def window(qtbot: QtBot, services: Services, language: str) -> Iterator[ProgrammeWindow]:
    services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    with programme_window(qtbot, services) as win:
        qtbot.waitUntil(lambda: win.name_box.current is not None, timeout=5000)
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
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.tabs, ALT_KEYS[language], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(box.field.hasFocus, timeout=5000)
    qtbot.keyClick(box.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.field, "  Eastside   Youth Strings ")
    qtbot.keyClick(box.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.exporting.programme_name() == "Eastside Youth Strings")
    qtbot.waitUntil(lambda: box.field.text() == "Eastside Youth Strings", timeout=5000)
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
    qtbot.waitUntil(lambda: box.field.text() == "Eastside Youth Strings", timeout=5000)
    assert box.field.isReadOnly() and not box.save_button.isVisible()
    said = {
        "en_US": ("Set on your sync server", "“Cedar Strings”", "nothing else is lost"),
        "es_MX": (
            "Se define en su servidor de sincronización",
            "“Cedar Strings”",
            "no se pierde nada",
        ),
    }
    for words in said[language]:
        assert words in box.note.text()
    # Enter in the read-only field changes nothing
    box.field.setFocus()
    qtbot.keyClick(box.field, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert services.exporting.programme_name() == "Eastside Youth Strings"


def test_the_name_leaves_the_window_the_height_of_a_1280x720_screen(
    qtbot: QtBot, window: ProgrammeWindow, language: str
) -> None:
    """Above the tabs the name made the window at least 747 px high (Ensembles page); under
    the hubs it costs the tabs nothing: every page still fits 660 px (1280x720, less a
    title bar and a panel)."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert window.minimumSizeHint().height() <= 660, window.tabs.tabText(index)
