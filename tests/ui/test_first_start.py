"""The first start on a database with no hub: an installed app offers three ways in
(join the programme, set one up on this laptop, try the demo); run from a clone
(``./dev run``) it opens on the demo as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from harmony_desktop.printing import DocumentBuilder
from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import EnsembleRecord, HubRecord
from harmony_desktop.startup import open_app
from harmony_desktop.ui import app as app_module
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme.first_start import ALONE, DEMO, FirstStartDialog
from harmony_desktop.ui.sync.enroll import EnrollDialog
from tests.ui.conftest import (
    SMALL,
    collect_what_the_test_left,
    comes_true,
    on_screen,
    qt_file_dialogs,
)


@pytest.fixture(autouse=True)
def _collect_widgets_here() -> Iterator[None]:
    """Free the windows ``run_window`` left behind on this (the UI) thread: collected
    later by chance on a worker thread, their deletion crashed the next test."""
    yield from collect_what_the_test_left()


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> Iterator[FirstStartDialog]:
    made = FirstStartDialog(services)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.shutdown()


def set_up_alone(qtbot: QtBot, dialog: FirstStartDialog, name: str) -> None:
    """Choose "Set up a programme on this laptop", name the hub, create it."""
    qtbot.mouseClick(dialog.alone_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    qtbot.keyClicks(dialog.hub_name, name)
    dialog.hub_timezone.setCurrentText("America/Chicago")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.hub_name, Qt.Key.Key_Return)  # the form's default button


def test_set_up_alone_creates_the_first_hub(
    qtbot: QtBot, dialog: FirstStartDialog, services: Services
) -> None:
    assert services.hubs.hubs() == []
    # a hub needs a name: the dialog says so and stays open
    qtbot.mouseClick(dialog.alone_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "name" in dialog.message.text().lower(), timeout=10_000)
    assert dialog.isVisible() and services.hubs.hubs() == []
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    set_up_alone(qtbot, dialog, "Riverside Community Centre")
    (hub,) = services.setup.hubs()
    assert (hub.name, hub.timezone) == ("Riverside Community Centre", "America/Chicago")
    assert (dialog.choice, dialog.hub_id) == (ALONE, hub.id)
    assert services.setup.access().hubs_editable  # on its own, this laptop is the programme


def test_the_programme_is_named_at_the_first_start_and_printed_with_that_name(
    qtbot: QtBot, dialog: FirstStartDialog, services: Services
) -> None:
    """Before, the form asked only for the hub: every printout of a new programme was
    headed "Harmony Project", a name no one had typed, and nothing could change it."""
    qtbot.mouseClick(dialog.alone_button, Qt.MouseButton.LeftButton)
    assert dialog.programme_name.hasFocus()  # the form begins with the programme
    qtbot.keyClicks(dialog.programme_name, "  Eastside   Youth Strings ")
    qtbot.keyClicks(dialog.hub_name, "Cedar Park Hub")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.hub_name, Qt.Key.Key_Return)
    assert services.exporting.programme_name() == "Eastside Youth Strings"
    (hub,) = services.setup.hubs()
    strings = services.setup.save_ensemble(EnsembleRecord(None, hub.id, "Strings")).id
    document = DocumentBuilder(services).build(
        "roster", hub_id=hub.id, ensemble_id=strings, day=dt.date(2026, 12, 5)
    )
    assert document.subtitle.startswith("Eastside Youth Strings · Cedar Park Hub · Strings · ")


def test_a_blank_programme_name_keeps_the_one_it_has(services: Services) -> None:
    services.setup.set_programme_name("   ")
    assert services.exporting.programme_name() == "Harmony Project"


def test_try_the_demo_makes_a_generated_hub(
    qtbot: QtBot, dialog: FirstStartDialog, services: Services
) -> None:
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    (hub,) = services.hubs.hubs()
    assert (dialog.choice, dialog.hub_id) == (DEMO, hub.id)
    assert services.setup.ensembles(hub.id)


def test_join_opens_the_enrollment_dialog(qtbot: QtBot, dialog: FirstStartDialog) -> None:
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    enroll = dialog.enroll_dialog
    assert isinstance(enroll, EnrollDialog)
    qtbot.waitUntil(enroll.isVisible, timeout=20_000)
    enroll.reject()
    assert dialog.isVisible() and dialog.hub_id is None  # the three choices stay


def _empty_data_dir(tmp_path: Path) -> Path:
    """A new, empty data folder (one that does not exist at all is refused: a disk not
    connected)."""
    folder = tmp_path / "app-data"
    folder.mkdir(exist_ok=True)
    return folder


def test_an_installed_app_asks_and_opens_the_programme_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "is_frozen", lambda: True)
    asked: list[FirstStartDialog] = []

    def answer(dialog: FirstStartDialog) -> int:
        asked.append(dialog)
        dialog.show()
        set_up_alone(qtbot, dialog, "Maple School Hub")
        return int(dialog.result())

    seen: list[tuple[str, str]] = []

    def look(_app: QApplication) -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        programme = window.programme_window
        assert programme is not None and programme.isVisible()
        seen.append(
            (
                window.services.hubs.hub(window.hub_id).name,
                programme.tabs.currentWidget() is programme.ensembles,
            )
        )
        window.close()
        return 0

    monkeypatch.setattr(FirstStartDialog, "exec", answer)
    monkeypatch.setattr(QApplication, "exec", look)
    assert app_module.run_window(str(_empty_data_dir(tmp_path))) == 0
    assert len(asked) == 1 and seen == [("Maple School Hub", True)]

    # A second hub, first by name, arrives later (set up or imported): the next start
    # still opens the hub the site lead made, not the first one in the list.
    with open_app(_empty_data_dir(tmp_path), backup=False) as services:
        services.setup.save_hub(HubRecord(None, "Aspen Park Hub", timezone="America/Chicago"))
    reopened: list[str] = []

    def look_again(_app: QApplication) -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        reopened.append(window.services.hubs.hub(window.hub_id).name)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", look_again)
    assert app_module.run_window(str(_empty_data_dir(tmp_path))) == 0
    assert len(asked) == 1 and reopened == ["Maple School Hub"]


def test_run_from_a_clone_opens_on_the_demo(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "is_frozen", lambda: False)

    def never(_dialog: FirstStartDialog) -> int:
        raise AssertionError("a clone opens on the demo without asking")

    opened: list[str] = []

    def look(_app: QApplication) -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        opened.append(window.hub_id)
        window.close()
        return 0

    monkeypatch.setattr(FirstStartDialog, "exec", never)
    monkeypatch.setattr(QApplication, "exec", look)
    data = _empty_data_dir(tmp_path)
    assert app_module.run_window(str(data)) == 0
    with open_app(data) as services:
        (hub,) = services.hubs.hubs()
    assert opened == [hub.id]


# -- a small screen: 1280×720 at 200 % -----------------------------------------------------


@pytest.fixture
def shown(qtbot: QtBot, services: Services) -> Iterator[Callable[[], FirstStartDialog]]:
    """Shows a first-start dialog on the small screen (made when called: a language may
    be chosen first); its threads are stopped after the test, passed or not."""
    made: list[FirstStartDialog] = []

    def show() -> FirstStartDialog:
        dialog = FirstStartDialog(services)
        made.append(dialog)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: SMALL.contains(dialog.frameGeometry()), timeout=20_000)
        return dialog

    yield show
    for dialog in made:
        dialog.shutdown()


def tab_stops(start: QWidget, count: int) -> list[QWidget]:
    """``start`` and the widgets Tab reaches after it."""
    order = [start]
    while len(order) < count:
        following: QWidget = order[-1].nextInFocusChain()
        while not (following.focusPolicy() & Qt.FocusPolicy.TabFocus and following.isVisible()):
            following = following.nextInFocusChain()
        order.append(following)
    return order


def alt(widget: QAbstractButton | QLabel) -> str:
    """The letter of ``widget``'s Alt key ("" if it has none)."""
    return QKeySequence.mnemonic(widget.text()).toString()[len("Alt+") :]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_first_start_fits_a_small_screen_and_every_choice_takes_the_keyboard(
    qtbot: QtBot, shown: Callable[[], FirstStartDialog], small_screen: QRect, language: str
) -> None:
    """At 200 % on 1280×720 the dialog was squashed to 2/3 of the screen: the choices'
    descriptions cut off. Now each choice, Restore a backup… and Close are whole on the
    screen; Tab goes through them; each has an Alt key of its own on its page (the set-up
    form's Back was Alt+B, as Restore a backup… was beside it)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if language == "es":
        assert install_translator(app, QLocale("es_MX"))
    try:
        dialog = shown()
        choices = [dialog.join_button, dialog.alone_button, dialog.demo_button]
        close = dialog.quit_buttons.button(QDialogButtonBox.StandardButton.Close)
        footer = [dialog.restore_button, close]
        qtbot.waitUntil(lambda: all(on_screen(b) for b in footer), timeout=20_000)
        if language == "en":
            assert [b.text() for b in (*choices, dialog.restore_button)] == [
                "&Join your programme", "&Set up a programme on this laptop", "&Try the demo",
                "Restore a back&up…"]  # fmt: skip
            assert all(on_screen(b) for b in choices)  # all three in sight at once
        else:
            assert dialog.restore_button.text() == "Restaurar un r&espaldo…"
        assert tab_stops(dialog.join_button, 5) == [*choices, *footer]
        dialog.join_button.setFocus()
        for button in choices[1:]:  # Tab to it: the choices scroll to it if need be
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            assert button.hasFocus()
            qtbot.waitUntil(lambda button=button: on_screen(button), timeout=20_000)

        def keys() -> list[str]:
            """The Alt keys of the page shown (Close has Esc)."""
            shown = [w for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
            shown += [w for w in dialog.findChildren(QLabel) if w.isVisible() and w.buddy()]
            return [alt(w) for w in shown if w is not close]

        first_page = keys()  # the three choices and Restore a backup…
        assert len(first_page) == 4 and len(set(first_page)) == 4, first_page
        dialog.activateWindow()  # an Alt key acts in the active window
        qtbot.waitUntil(dialog.isActiveWindow, timeout=20_000)
        qtbot.keyClick(dialog, alt(dialog.alone_button), Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(
            lambda: dialog.pages.currentIndex() == 1, timeout=20_000
        )  # a click, animated
        assert all(on_screen(b) for b in (dialog.create_button, dialog.back_button, *footer))
        second_page = keys()  # programme, hub name, address, time zone, create, back, restore
        assert len(second_page) == 7 and len(set(second_page)) == 7, second_page
        # a short form: no scrolling (once the layouts have caught up)
        qtbot.waitUntil(lambda: dialog.body.verticalScrollBar().maximum() == 0, timeout=20_000)
        qtbot.keyClick(dialog, alt(dialog.back_button), Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 0, timeout=20_000)
        assert dialog.alone_button.hasFocus()
        dialog.reject()
    finally:
        if language == "es":
            install_translator(app, QLocale("en_US"))


def test_a_message_on_a_small_screen_leaves_the_buttons_in_sight(
    qtbot: QtBot, shown: Callable[[], FirstStartDialog], small_screen: QRect
) -> None:
    """What went wrong is said below the choices, wrapped; the choices scroll and
    Restore a backup… and Close stay whole on the screen."""
    dialog = shown()
    assert dialog.message.isHidden()  # nothing to say: its line is the choices'
    dialog._say("That did not work (RuntimeError). Try again. " * 4, error=True)
    close = dialog.quit_buttons.button(QDialogButtonBox.StandardButton.Close)
    qtbot.waitUntil(lambda: all(on_screen(w) for w in (dialog.message, close)), timeout=20_000)
    assert on_screen(dialog.restore_button)
    dialog.alone_button.setFocus()
    qtbot.keyClick(dialog.alone_button, Qt.Key.Key_Tab)  # the choices scroll to the demo
    assert dialog.demo_button.hasFocus()
    qtbot.waitUntil(lambda: on_screen(dialog.demo_button), timeout=20_000)


def test_the_backup_file_dialog_fits_a_small_screen(
    qtbot: QtBot, shown: Callable[[], FirstStartDialog], small_screen: QRect
) -> None:
    """Restore a backup… opens a file dialog of Qt's own, 412 pixels tall at 200 %: its
    Open and Cancel buttons were below a 1280×720 screen."""
    dialog = shown()
    seen: list[tuple[bool, int]] = []

    def look() -> None:
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, QFileDialog) or not chooser.isVisible():
            QTimer.singleShot(50, look)
            return
        buttons = chooser.findChildren(QDialogButtonBox)[0].buttons()
        fits = comes_true(qtbot, lambda: all(on_screen(b) for b in buttons))
        seen.append((fits and SMALL.contains(chooser.frameGeometry()), len(buttons)))
        chooser.reject()

    QTimer.singleShot(50, look)
    with qt_file_dialogs():
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert seen == [(True, 2)]  # Open and Cancel
    assert dialog.restore_from is None and dialog.isVisible()
