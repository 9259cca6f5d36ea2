"""The one question before writing on this computer's wrong "today".

When this computer's clock is certainly behind what the register recorded
(:attr:`~harmony_desktop.services.clock_check.ClockBehind.certain`), a student's mark, a
volunteer signed in or out and a family event's attendance dated the computer's "today"
land on the wrong day, and so does a session cancelled or added on it. The first such
write in the window asks once; going on ("Take roll anyway", "Cancel session anyway",
"Add session anyway") covers the register's roll, its sessions, its volunteers and the
events page alike. The register page
owns the question (it compares the clock) and hands it to the other two; it lives
outside the pages' packages because the pages never import each other.

The Volunteers and Events tabs judge on the day it at least really is
(:func:`~harmony_desktop.services.clock_check.at_least`), and say so in
:class:`JudgedDayBand`, the register's red band in their words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QWidget

if TYPE_CHECKING:
    from harmony_desktop.services.clock_check import ClockBehind


def tr(text: str) -> str:
    """Translate a register string (context ``Register``: the question is the
    register's, asked on its behalf by the volunteers and the events page too)."""
    return QCoreApplication.translate("Register", text)


def long_day(day: dt.date) -> str:
    """``day`` as the register titles a day: "Saturday 1 January 2000", "sábado 1 de
    enero de 2000"."""
    pattern = tr("dddd d MMMM yyyy")  # a Qt date pattern, per language
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


#: What is asked about: a mark (or a volunteer, an event's attendance) on the roll ...
ROLL = "roll"
#: ... cancelling a session dated the wrong "today" ...
CANCEL = "cancel"
#: ... or adding a session (its date starts on the day shown).
ADD = "add"


class WrongDayQuestion:
    """Whether a write on ``today`` must be asked about, and the asking."""

    def __init__(self, today: dt.date) -> None:
        #: the window's "today" (this computer's date when it opened)
        self.today = today
        #: this computer's clock is behind what the register recorded (None: it is not,
        #: or not known yet)
        self.behind: ClockBehind | None = None
        #: the teacher went on ("Take roll anyway", "Cancel session anyway", "Add session
        #: anyway") in this window
        self.accepted = False

    @property
    def certain(self) -> bool:
        """The clock is certainly behind: "today" is certainly wrong."""
        return self.behind is not None and self.behind.certain

    def needed(self, day: dt.date | None) -> bool:
        """Whether a write dated ``day`` must be asked about first."""
        return self.certain and not self.accepted and day == self.today

    def not_before(self, day: dt.date | None) -> dt.date | None:
        """The day a record dated ``day`` is at least really on: the newest day the
        register recorded when ``day`` is the certainly wrong "today" (None otherwise)."""
        if not self.certain or day != self.today or self.behind is None:
            return None
        recorded = self.behind.recorded.date()
        return recorded if recorded > day else None

    def ask(
        self,
        parent: QWidget,
        open_dialog: Callable[[QMessageBox], None],
        retry: Callable[[], None],
        action: str = ROLL,
    ) -> QMessageBox:
        """Ask (the box shown with ``open_dialog``) before ``action`` (:data:`ROLL`,
        :data:`CANCEL` or :data:`ADD`: what the box says lands on the wrong day, and its
        go-on button); ``retry`` runs once it has closed if the teacher goes on, and no
        later write in the window is asked about."""
        behind = self.behind
        assert behind is not None
        if action == CANCEL:
            lands = tr("The session cancelled now is the one on {today}.")
            go_on_text = tr("Cancel session anyway")
        elif action == ADD:
            lands = tr("A session added now is dated {today} unless you change its date.")
            go_on_text = tr("Add session anyway")
        else:
            lands = tr("Marks taken now are saved on {today}.")
            go_on_text = tr("Take roll anyway")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Check this computer's date"),
            (
                tr(
                    "This computer says today is {today}, but this register already has "
                    "changes from {recorded}."
                )
                + " "
                + lands
                + "\n\n"
                + tr(
                    "If you can, set the date and time in this computer's settings first, "
                    "then close and reopen Harmony."
                )
            ).format(today=long_day(self.today), recorded=long_day(behind.recorded.date())),
            parent=parent,
        )
        box.setAccessibleName(tr("Check this computer's date"))
        go_on = box.addButton(go_on_text, QMessageBox.ButtonRole.AcceptRole)
        go_on.setAccessibleName(go_on_text)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setText(tr("Cancel"))
        cancel.setAccessibleName(tr("Cancel"))
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            if box.clickedButton() is go_on:
                self.accepted = True
                QTimer.singleShot(0, retry)  # once the question has closed

        box.finished.connect(lambda _result: answered())
        open_dialog(box)
        return box


#: How often a page compares this computer's date with the day it judged on (a laptop
#: left open past midnight judges on the new day), in milliseconds.
DAY_CHECK_MS = 60_000


class DateBand(QFrame):
    """A band over a page about this computer's date: a bold head and a sentence naming
    the computer's day and the register's; red (certainly wrong) or amber (maybe).
    Hidden until said; never takes the keyboard."""

    RED = "background: #fdecea; border: 2px solid #b00020;"
    AMBER = "background: #fff4e5; border: 2px solid #b26a00;"

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.set_colours(self.RED)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label.setAccessibleName(tr("This computer's date is wrong"))
        layout.addWidget(self.label, 1)
        self.hide()

    def set_colours(self, colours: str) -> None:
        """:attr:`RED` or :attr:`AMBER`."""
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ {colours} border-radius: 6px; }}")

    def say(self, head: str, body: str, today: dt.date, recorded: dt.date, **days: dt.date) -> None:
        """Show ``head`` in bold and ``body`` with its ``{today}`` and ``{recorded}`` (and
        any other day named in ``days``)."""
        named = {"today": today, "recorded": recorded, **days}
        text = body.format(
            **{name: escape(long_day(day), quote=False) for name, day in named.items()}
        )
        self.label.setText(f"<b>{escape(head, quote=False)}</b> {text}")
        self.label.setAccessibleDescription(f"{head} {text}")
        self.show()


class JudgedDayBand(DateBand):
    """The register's red band on another tab: this computer's date is certainly wrong,
    and what the tab judged on instead. Hidden when the tab judged on the computer's
    date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("judgedDay", parent)

    def show_judged(self, today: dt.date, judged_on: dt.date, body: str) -> None:
        """Say that this computer's date, ``today``, is wrong and the tab judged on
        ``judged_on`` (``body``: the tab's sentence, with ``{today}`` and ``{recorded}``);
        hide when they are the same day."""
        if judged_on == today:
            self.hide()
            return
        self.say(tr("⚠ This computer's date is wrong."), body, today, judged_on)
