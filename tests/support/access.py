"""Keyboard and screen-reader checks shared by the window tests.

- :func:`reachable`: every Alt+key a window offers at once (its visible labels with a
  buddy, buttons, group boxes, tab bars and menu bar);
- :func:`clashes`: two of them on one key, or a key that cannot be typed with Alt (an
  accented letter, a space);
- :func:`menu_clashes`: the same inside each menu of a menu bar;
- :func:`menu_keys`, :func:`menu_problems`: the letters of a menu's items (a drop-down
  button's menu), and an item without one or two on one letter, in it and its submenus;
- :func:`misplaced`: each Alt+key pressed, and where it did not land where its label says;
- :func:`nameless`: focusable widgets with neither an accessible name nor a labelled buddy,
  or whose accessible name keeps a label's ``&`` (read aloud as "ampersand").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QShortcutEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot


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


@dataclass(frozen=True)
class AltKey:
    """One Alt+key: its letter, the label that shows it and the widget it belongs to
    (a tab bar's or a menu bar's ``index`` is the tab's or the menu's)."""

    key: str
    text: str
    target: QObject
    index: int = -1


def _shown_in(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisible() and widget.window() is top


def reachable(root: QWidget) -> list[AltKey]:
    """Every Alt+key of ``root``'s window reachable now: labels with a buddy, buttons,
    group boxes, the tabs of every tab bar shown and the menus of its menu bar.

    A label with an ``&`` but no buddy is listed too: its Alt+key leads nowhere, and
    :func:`misplaced` says so."""
    top = root.window()
    found: list[AltKey] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not _shown_in(widget, top):
            continue
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if not (widget.isTabVisible(index) and widget.isTabEnabled(index)):
                    continue
                text = widget.tabText(index)
                if (key := mnemonic(text)) is not None:
                    found.append(AltKey(key, text, widget, index))
            continue
        if isinstance(widget, QMenuBar):
            for index, action in enumerate(widget.actions()):
                if action.isVisible() and (key := mnemonic(action.text())) is not None:
                    found.append(AltKey(key, action.text(), widget, index))
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        if (key := mnemonic(text)) is not None:
            found.append(AltKey(key, text, widget))
    return found


def _bad_key(key: str) -> bool:
    return not (key.isascii() and key.isalnum())


def clashes(found: list[AltKey], where: str) -> list[str]:
    """Two labels on one Alt+key, or a key Alt cannot type, each said with ``where``."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for alt in found:
        if _bad_key(alt.key):
            problems.append(f"{where}: {alt.text!r} takes Alt+{alt.key}")
        if alt.key in seen:
            problems.append(f"{where}: {seen[alt.key]!r} and {alt.text!r}")
        seen[alt.key] = alt.text
    return problems


def _items(menu: QMenu) -> list[QAction]:
    """The items a menu shows (no separators)."""
    return [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]


def menu_keys(menu: QMenu) -> list[AltKey]:
    """The letter of each item of ``menu`` that has one (typed alone while it is open)."""
    return [
        AltKey(key, action.text(), menu)
        for action in _items(menu)
        if (key := mnemonic(action.text())) is not None
    ]


def _submenus(title: str, menu: QMenu) -> list[tuple[str, QMenu]]:
    """``menu`` and every submenu under it, each with its path of titles."""
    found = [(title, menu)]
    for action in _items(menu):
        if (sub := action.menu()) is not None:
            found += _submenus(f"{title} ▸ {action.text()}", sub)
    return found


def menu_clashes(bar: QMenuBar, where: str) -> list[str]:
    """:func:`clashes` among the items of each menu (and submenu) of ``bar``."""
    problems: list[str] = []
    for action in bar.actions():
        if (top := action.menu()) is not None:
            for title, menu in _submenus(action.text(), top):
                problems += clashes(menu_keys(menu), f"{where}, menu {title}")
    return problems


def menu_problems(menu: QMenu, where: str) -> list[str]:
    """In ``menu`` and each of its submenus: two items on one letter, a letter that
    cannot be typed, or an item with no letter at all (``where`` names the menu)."""
    problems: list[str] = []
    for title, shown in _submenus(where, menu):
        problems += clashes(menu_keys(shown), title)
        problems += [
            f"{title}: {action.text()!r} has no letter"
            for action in _items(shown)
            if mnemonic(action.text()) is None
        ]
    return problems


class ShortcutCatcher(QObject):
    """Takes the Alt+key (the shortcut event) of a button or a menu bar without clicking
    the button or opening the menu."""

    def __init__(self) -> None:
        super().__init__()
        self.caught: list[tuple[QObject, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and isinstance(
            watched, (QAbstractButton, QMenuBar)
        ):
            assert isinstance(event, QShortcutEvent)
            self.caught.append((watched, event.key().toString()))
            return True
        return False


def _focus_target(widget: QWidget) -> QWidget:
    while (proxy := widget.focusProxy()) is not None:
        widget = proxy
    return widget


def misplaced(
    qtbot: QtBot,
    root: QWidget,
    where: str,
    restore: Callable[[], None] = lambda: None,
) -> list[str]:
    """Press each Alt+key of :func:`reachable` (``restore`` first, to undo what the last
    one did, such as another tab shown) and say each that did not land where its label
    says: its button, its label's buddy, its group box, its tab, its menu. A disabled
    button's key is skipped: it does nothing until the button is enabled."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    catcher = ShortcutCatcher()
    app.installEventFilter(catcher)
    problems: list[str] = []
    try:
        for alt in reachable(root):
            if isinstance(alt.target, QAbstractButton) and not alt.target.isEnabled():
                continue
            restore()
            qtbot.wait(5)
            catcher.caught.clear()
            focus = QApplication.focusWidget()
            if focus is None or focus.window() is not root.window():
                focus = root.window()
            qtbot.keyClick(focus, alt.key, Qt.KeyboardModifier.AltModifier)
            qtbot.wait(5)
            said = f"{where}: Alt+{alt.key} ({alt.text!r})"
            target = alt.target
            if isinstance(target, QTabBar):
                if target.currentIndex() != alt.index:
                    problems.append(f"{said} showed tab {target.currentIndex()}")
            elif isinstance(target, (QAbstractButton, QMenuBar)):
                if [w for w, _k in catcher.caught] != [target]:
                    problems.append(
                        f"{said} reached {[type(w).__name__ for w, _ in catcher.caught]}"
                    )
            elif isinstance(target, QGroupBox):
                now = QApplication.focusWidget()
                if now is None or not target.isAncestorOf(now):
                    problems.append(f"{said} left the focus on {type(now).__name__}")
            else:
                assert isinstance(target, QLabel)
                buddy = target.buddy()
                if buddy is None:
                    problems.append(f"{said} has no buddy")
                elif QApplication.focusWidget() is not _focus_target(buddy):
                    problems.append(
                        f"{said} left the focus on {type(QApplication.focusWidget()).__name__}"
                    )
    finally:
        app.removeEventFilter(catcher)
        restore()
    return problems


def nameless(root: QWidget, where: str) -> list[str]:
    """Visible widgets of ``root``'s window the keyboard reaches that have neither an
    accessible name nor a label (with text) whose buddy they are, or whose accessible
    name still carries a mnemonic's ``&`` (a label's text copied as it is)."""
    top = root.window()
    buddies: set[QWidget] = set()
    for label in top.findChildren(QLabel):
        if label.buddy() is not None and label.text().strip():
            buddies.add(_focus_target(label.buddy()))
            buddies.add(label.buddy())
    found: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not _shown_in(widget, top) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.focusProxy() is not None:
            continue  # the proxy is what the keyboard reaches
        name = widget.accessibleName()
        if (key := mnemonic(name)) is not None and key.isalnum():
            found.append(f"{where}: {type(widget).__name__} named {name!r}")
            continue
        if name.strip() or widget in buddies:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            continue  # their own line edit
        if widget.objectName().startswith("qt_") or type(widget).__name__ in (
            "QCalendarWidget",
            "QTableCornerButton",
        ):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        found.append(f"{where}: {type(widget).__name__} {text!r}")
    return found
