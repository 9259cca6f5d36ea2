"""A roll taken by keyboard alone from a freshly opened window, counting every key.

Used by ``tests/ui/test_roll_keys.py`` (which asserts the count) and
``bench/bench_roll_keys.py`` (which prints it). Every key goes to the widget that has
the keyboard focus at that moment, as a real keyboard's would: a key that only works
because a test put the focus somewhere cannot sneak in. The dialogs' own Enter presses
(accepting the late and left-early dialogs) are counted apart.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from harmony_desktop.services.context import Services
from harmony_desktop.ui.main_window import MainWindow
from tests.factories import make_hub

#: A Monday in term: Beginning Strings meets 15:30-17:00 every weekday (factories).
TODAY = dt.date(2026, 9, 14)
ROLL_SIZE = 40
#: 36 counted present (35 present, 1 left early), 2 unexcused, 1 excused, 1 late,
#: spread over the list as they come.
SPREAD: dict[int, str] = {3: "AU", 9: "AE", 17: "AU", 24: "L", 30: "LE"}
#: The same exceptions at the very end: the teacher walks the whole list.
AT_THE_END: dict[int, str] = {35: "AU", 36: "AE", 37: "AU", 38: "L", 39: "LE"}


@dataclass
class KeyCount:
    """What the roll took."""

    keys: int = 0
    """Key presses, the dialogs' Enter aside."""
    dialog_enters: int = 0
    """Enter presses that accepted a dialog."""
    seconds: float = 0.0
    log: list[str] = field(default_factory=list)


def wait_until(predicate: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Run the event loop until ``predicate()`` holds (or fail after ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QTest.qWait(5)


class Keyboard:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self) -> None:
        self.count = KeyCount()

    def press(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        *,
        accepts_dialog: bool = False,
    ) -> None:
        """One key press (and release) on the focus widget."""
        target = QApplication.focusWidget()
        if target is None:
            raise AssertionError("a key was pressed with nothing focused")
        QTest.keyClick(target, key, modifier)
        if accepts_dialog:
            self.count.dialog_enters += 1
        else:
            self.count.keys += 1
        name = QKeySequence(QKeyCombination(modifier, key)).toString()
        self.count.log.append(f"{name} on {target.accessibleName()}")


def roll_hub(services: Services) -> str:
    """A hub whose Beginning Strings has ``ROLL_SIZE`` students; returns its id."""
    return make_hub(services, students=ROLL_SIZE, capacity=ROLL_SIZE).hub_id


def open_window(services: Services, hub_id: str) -> MainWindow:
    """The window as the app opens it: shown, activated, today's sessions loaded."""
    window = MainWindow(services, hub_id, today=TODAY, auto_sync=False)
    window.show()
    window.activateWindow()
    wait_until(lambda: window.register.sessions_model.rowCount() > 0)
    wait_until(lambda: QApplication.focusWidget() is not None)
    return window


def take_roll(window: MainWindow, plan: dict[int, str]) -> KeyCount:
    """Open today's session and take its roll by keyboard: ``plan`` maps row → code
    (every other student is present). Returns the keys it took."""
    page = window.register
    keys = {c.code: getattr(Qt.Key, f"Key_{c.key}") for c in page.codes if c.key}
    board = Keyboard()
    started = time.perf_counter()
    board.press(Qt.Key.Key_Return)  # the session on now is under the cursor
    wait_until(lambda: page.roll_ready)
    last = max(plan) if plan else -1
    for row in range(last + 1):
        code = plan.get(row, "P")
        board.press(keys[code])
        dialog = page.active_dialog
        if isinstance(dialog, QDialog):
            # A person types once the dialog is on screen, with its keyboard focus.
            wait_until(lambda d=dialog: d.isAncestorOf(QApplication.focusWidget()))
            if code == "LE":
                board.press(Qt.Key.Key_Down)  # the first authorised adult collected them
            board.press(Qt.Key.Key_Return, accepts_dialog=True)
            wait_until(lambda: page.active_dialog is None)
            if QApplication.activeWindow() is None:
                # What a window manager does when a dialog closes (offscreen has none).
                window.activateWindow()
            wait_until(lambda: window.isAncestorOf(QApplication.focusWidget()))
    if last + 1 < page.roll_model.rowCount():
        board.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: page.roll_model.recorded_count() == page.roll_model.rowCount())
    board.count.seconds = time.perf_counter() - started
    return board.count
