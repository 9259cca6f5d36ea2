"""The Programme window for keyboard and screen-reader users, in English and Spanish:
no two Alt+keys clash on a page (its widgets, the window's tabs), each Alt+key lands
where its label says, and every widget the keyboard can reach has a name to be read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import EnsembleRecord, HubRecord, StaffRecord
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.programme import ProgrammeWindow
from harmony_desktop.ui.tasks import TaskManager

TODAY = dt.date(2026, 9, 1)


@pytest.fixture(params=["en_US", "es_MX"])
def language(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    code = str(request.param)
    if code != "en_US":
        assert install_translator(app, QLocale(code))
    QLocale.setDefault(QLocale(code))
    yield code
    QLocale.setDefault(QLocale("en_US"))
    install_translator(app, QLocale("en_US"))


@pytest.fixture
def window(qtbot: QtBot, services: Services, language: str) -> Iterator[ProgrammeWindow]:
    hub_id = services.setup.save_hub(HubRecord(None, "Parque Lincoln Hub"))
    services.setup.save_staff(StaffRecord(None, "Rosa Campos", "teacher", (hub_id,)))
    services.setup.save_ensemble(EnsembleRecord(None, hub_id, "Cuerdas", capacity=20))
    tasks = TaskManager(services)
    win = ProgrammeWindow(services, tasks, None, today=TODAY)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.codes.loaded, timeout=5000):
        win.show()
    qtbot.waitUntil(lambda: win.ensembles.hub_box.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: win.ensembles.model.rowCount() == 1, timeout=5000)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    yield win
    win.close()
    tasks.shutdown()


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' in ``text`` (lower case), or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def reachable(window: ProgrammeWindow) -> list[tuple[str, str, QObject]]:
    """(key, label, target) for every Alt+key reachable on the page shown: its labels
    with a buddy, its buttons and the window's tabs."""
    found: list[tuple[str, str, QObject]] = []
    tabs: QTabBar = window.tabs.tabBar()
    for index in range(tabs.count()):
        text = tabs.tabText(index)
        if (key := mnemonic(text)) is not None:
            found.append((key, text, tabs))
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget is tabs:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        if (key := mnemonic(text)) is not None:
            found.append((key, text, widget))
    return found


def pages(window: ProgrammeWindow) -> list[QWidget]:
    return [window.tabs.widget(i) for i in range(window.tabs.count())]


def show(qtbot: QtBot, window: ProgrammeWindow, page: QWidget, record: bool) -> None:
    """Bring ``page`` forward; ``record``: with its first record chosen (Archive
    becomes Bring back on an archived one, and so on)."""
    window.show_page(page)
    view = getattr(page, "view", None)
    if view is not None and record and view.model().rowCount():
        view.selectRow(0)
    elif view is not None:
        page.start_new()  # type: ignore[attr-defined]
    qtbot.wait(10)


@pytest.mark.parametrize("record", [False, True])
def test_no_two_alt_keys_clash_on_any_page(
    qtbot: QtBot, window: ProgrammeWindow, language: str, record: bool
) -> None:
    clashes: list[str] = []
    for page in pages(window):
        show(qtbot, window, page, record)
        seen: dict[str, str] = {}
        for key, text, _target in reachable(window):
            if not (key.isascii() and key.isalnum()):
                clashes.append(f"{page.accessibleName()}: {text!r} takes Alt+{key}")
            if key in seen:
                clashes.append(f"{page.accessibleName()}: {seen[key]!r} and {text!r}")
            seen[key] = text
    assert clashes == [], language


def test_archived_records_keep_their_alt_keys_apart(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    """Archive turns into "Bring back" on an archived ensemble or staff member."""
    for page in (window.ensembles, window.staff):
        window.show_page(page)
        page.view.selectRow(0)
        with qtbot.waitSignal(page.loaded, timeout=5000):
            page.archive_button.click()
        qtbot.waitUntil(lambda p=page: p.view.currentIndex().row() == 0, timeout=5000)
        keys = [key for key, _text, _target in reachable(window)]
        assert len(keys) == len(set(keys)), [t for _k, t, _o in reachable(window)]


class _ButtonCatcher(QObject):
    """Takes a button's Alt+key (the shortcut event) without clicking it."""

    def __init__(self) -> None:
        super().__init__()
        self.caught: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and isinstance(watched, QAbstractButton):
            self.caught.append(watched)
            return True
        return False


def test_every_alt_key_lands_where_its_label_says(
    qtbot: QtBot, window: ProgrammeWindow, language: str
) -> None:
    app = QApplication.instance()
    assert app is not None
    catcher = _ButtonCatcher()
    app.installEventFilter(catcher)
    tabs = window.tabs.tabBar()
    try:
        for index, page in enumerate(pages(window)):
            show(qtbot, window, page, True)
            for key, text, target in reachable(window):
                window.tabs.setCurrentIndex(index)
                qtbot.wait(5)
                catcher.caught.clear()
                focus = QApplication.focusWidget() or window
                qtbot.keyClick(focus, key, Qt.KeyboardModifier.AltModifier)
                where = f"{page.accessibleName()}: Alt+{key} ({text!r})"
                if target is tabs:
                    wanted = next(i for i in range(tabs.count()) if tabs.tabText(i) == text)
                    assert window.tabs.currentIndex() == wanted, where
                elif isinstance(target, QAbstractButton):
                    assert catcher.caught == [target], where
                else:
                    assert isinstance(target, QLabel)
                    buddy = target.buddy()
                    assert buddy is not None, where
                    while buddy.focusProxy() is not None:
                        buddy = buddy.focusProxy()
                    assert QApplication.focusWidget() is buddy, where
    finally:
        app.removeEventFilter(catcher)


def test_every_focusable_widget_has_a_name_to_be_read(
    qtbot: QtBot, window: ProgrammeWindow, language: str
) -> None:
    window.ensembles.meetings.add_meeting()
    buddies: set[QWidget] = set()
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and label.text().strip():
            buddies.add(label.buddy())
    nameless: list[str] = []
    for page in pages(window):
        show(qtbot, window, page, True)
        for widget in window.findChildren(QWidget):
            if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if widget.focusProxy() is not None:
                continue  # the proxy is what the keyboard reaches
            if widget.accessibleName().strip() or widget in buddies:
                continue
            if widget.parent() is not None and type(widget.parent()).__name__ in (
                "QComboBox",
                "QAbstractSpinBox",
            ):
                continue
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            nameless.append(f"{page.accessibleName()}: {type(widget).__name__} {text!r}")
    assert sorted({n.split(": ", 1)[1] for n in nameless}) == [], language
