"""Small dialogs of the register: arrival/departure time, note, cancel, ad-hoc session.

Every dialog is opened with ``open()`` (window-modal, non-blocking) so the event loop
keeps running; the caller connects ``accepted``. Enter accepts, Escape cancels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.vocab import (
    CA_EARLY_RELEASE_REASONS,
    EARLY_DEPARTURE_REASONS,
    SessionKind,
)
from harmony_desktop.ui.datefield import DateBox
from harmony_desktop.ui.language import time_text
from harmony_desktop.ui.register.models import reason_label
from harmony_desktop.ui.register.pickup import PickupChooser
from harmony_desktop.ui.timefield import TimeField

if TYPE_CHECKING:
    from harmony_desktop.services.roll import Dismissal, PickupInfo
from harmony_desktop.ui.screen_fit import grow_to_contents, scrolling_dialog


def tr(text: str) -> str:
    """Translate a dialog string (context ``RegisterDialogs``)."""
    return QCoreApplication.translate("RegisterDialogs", text)


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str | None = None) -> QDialogButtonBox:
    """OK (``ok_text``) and Cancel (``cancel_text``, else "Cancel"); either may carry an
    Alt key (``&``), which its accessible name leaves out."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_text.replace("&", ""))
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(cancel_text or tr("Cancel"))
    cancel.setAccessibleName(tr("Cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class CheckedDialog(QDialog):
    """A dialog whose OK runs ``on_submit`` first; an error message keeps it open."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.on_submit: Callable[[], str | None] | None = None
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setAccessibleName(tr("Error"))
        self.error.setWordWrap(True)
        self.error.hide()

    def accept(self) -> None:
        """Run ``on_submit``; close only if it reports no error."""
        if self.on_submit is not None:
            problem = self.on_submit()
            if problem:
                self.error.setText(problem)
                self.error.show()
                return
        super().accept()


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


def default_time(
    day: dt.date,
    start: dt.time,
    end: dt.time,
    today: dt.date,
    now: dt.time,
    *,
    leaving: bool,
) -> dt.time:
    """The time a late or left-early dialog offers: inside the session.

    Now while the session is on; otherwise its start for an arrival and its end for a
    departure (a roll filled in afterwards, or ahead of time).
    """
    if day == today and start <= now <= end:
        return now
    return end if leaving else start


class TimedDialog(QDialog):
    """A dialog with a time that belongs inside the session; a time outside it is
    accepted only after the dialog has said so and Enter is pressed again."""

    def __init__(self, session: tuple[dt.time, dt.time], parent: QWidget) -> None:
        super().__init__(parent)
        self.session_start, self.session_end = session
        # Shown as the window writes times ("4:15 PM", "4:15 p.m."); typed as people do.
        self.time_edit = TimeField()
        self.time_edit.timeChanged.connect(self._time_changed)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #8a4b00; font-weight: bold")
        self.warning.setAccessibleName(tr("Time check"))
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setAccessibleName(tr("Error"))
        self.error.setWordWrap(True)
        self.error.hide()
        self._warned_for: QTime | None = None
        # saves what was chosen; what it returns (a full disk) keeps the dialog open
        self.on_submit: Callable[[], str | None] | None = None

    def fit_title(self) -> None:
        """Wide enough that the window title (student's name) is never cut off."""
        title = self.windowTitle() + " — " + QCoreApplication.applicationName()
        self.setMinimumWidth(
            max(self.minimumWidth(), self.fontMetrics().horizontalAdvance(title) + 160)
        )

    def time(self) -> dt.time:
        """The chosen time."""
        return _pytime(self.time_edit.time())

    def outside_session(self) -> bool:
        """True when the chosen time is before the start or after the end."""
        return not self.session_start <= self.time() <= self.session_end

    def problem(self) -> str | None:
        """What else must be settled before accepting (subclasses add theirs)."""
        return None

    def accept(self) -> None:
        """Accept once the time reads as one, the choices are complete and the time is
        confirmed."""
        refused = self.time_edit.refusal()
        if refused:
            self.error.setText(refused)
            self.error.show()
            grow_to_contents(self)
            return
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            grow_to_contents(self)
            return
        self.error.hide()
        if self.outside_session() and self._warned_for != self.time_edit.time():
            self._warned_for = self.time_edit.time()
            self.warning.setText(
                tr(
                    "{time} is outside the session ({start}–{end}). Press Enter again to "
                    "keep it, or correct the time."
                ).format(
                    time=time_text(self.time()),
                    start=time_text(self.session_start),
                    end=time_text(self.session_end),
                )
            )
            self.warning.show()
            grow_to_contents(self)
            return
        failed = self.on_submit() if self.on_submit is not None else None
        if failed:
            self.error.setText(failed)
            self.error.show()
            grow_to_contents(self)
            return
        super().accept()

    def _time_changed(self, value: QTime) -> None:
        # Enter re-sends the same time (the spin box "interprets" it): not a change.
        if value != self._warned_for:
            self._warned_for = None
            self.warning.hide()


class ArrivalDialog(TimedDialog):
    """Late: when did the student arrive? Offers a time inside the session."""

    def __init__(
        self,
        student: str,
        code_label: str,
        default: dt.time,
        session: tuple[dt.time, dt.time],
        parent: QWidget,
    ) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(tr("{code}: {student}").format(code=code_label, student=student))
        self.setAccessibleName(tr("Arrival time"))
        self.time_edit.setTime(_qtime(default))
        self.time_edit.setAccessibleName(tr("Arrival time"))
        body = QWidget()
        form = QFormLayout(body)
        form.addRow(QLabel(tr("<b>{student}</b> arrived late.").format(student=escape(student))))
        form.addRow(tr("&Arrived at:"), self.time_edit)  # the label's Alt+A: the time
        form.addRow(self.warning)
        form.addRow(self.error)
        scrolling_dialog(self, body, _buttons(self, tr("&Mark late"), tr("&Cancel")))
        self.fit_title()
        self.time_edit.setFocus()

    def arrival(self) -> dt.time:
        """The chosen arrival time."""
        return self.time()


class VolunteerTimeDialog(TimedDialog):
    """A volunteer signed in or out when the clock is not inside the session (a
    register filled in after class, or ahead of it): when did they arrive or leave?
    Offers the session's start (in) or end (out); a time outside the session is
    confirmed first, and a sign-out before the volunteer signed in is refused."""

    def __init__(
        self,
        volunteer: str,
        *,
        leaving: bool,
        default: dt.time,
        session: tuple[dt.time, dt.time],
        parent: QWidget,
        arrived: dt.time | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.volunteer = volunteer
        self.leaving = leaving
        self.arrived = arrived  # signing out: they cannot leave before they came
        title = tr("Sign out: {volunteer}") if leaving else tr("Sign in: {volunteer}")
        self.setWindowTitle(title.format(volunteer=volunteer))
        what = tr("Volunteer sign-out time") if leaving else tr("Volunteer sign-in time")
        self.setAccessibleName(what)
        self.time_edit.setTime(_qtime(default))
        self.time_edit.setAccessibleName(what)
        body = QWidget()
        form = QFormLayout(body)
        question = (
            tr("When did <b>{volunteer}</b> leave?")
            if leaving
            else tr("When did <b>{volunteer}</b> arrive?")
        )
        hours = tr("Session: {start}–{end}").format(
            start=time_text(self.session_start), end=time_text(self.session_end)
        )
        intro = QLabel(f"{question.format(volunteer=escape(volunteer))}<br>{hours}")
        intro.setWordWrap(True)
        form.addRow(intro)
        # (the label's Alt key is the time; the button's is &S)
        form.addRow(tr("Signed &out at:") if leaving else tr("Signed &in at:"), self.time_edit)
        form.addRow(self.warning)
        form.addRow(self.error)
        ok = tr("&Sign out") if leaving else tr("&Sign in")
        scrolling_dialog(self, body, _buttons(self, ok, tr("&Cancel")))
        self.fit_title()
        self.time_edit.setFocus()

    def problem(self) -> str | None:
        """A sign-out before the volunteer signed in."""
        if self.leaving and self.arrived is not None and self.time() < self.arrived:
            return tr("{volunteer} signed in at {time}: they cannot sign out before that.").format(
                volunteer=self.volunteer, time=time_text(self.arrived)
            )
        return None


class DepartureDialog(TimedDialog):
    """Left early: who took the student (safety at dismissal), when, and why."""

    def __init__(
        self,
        student: str,
        code_label: str,
        default: dt.time,
        session: tuple[dt.time, dt.time],
        pickup: PickupInfo,
        site_leads: list[tuple[str, str]],
        parent: QWidget,
        *,
        reason: str = "",
        with_reason: bool = True,
        arrived: dt.time | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.arrived = arrived  # a late student cannot leave before they came
        self.setWindowTitle(tr("{code}: {student}").format(code=code_label, student=student))
        self.setAccessibleName(tr("Early departure") if with_reason else tr("Sign out"))
        self.setMinimumWidth(460)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.chooser = PickupChooser(student, pickup, site_leads)
        self.chooser.changed.connect(self.error.hide)
        self.chooser.changed.connect(lambda: grow_to_contents(self))
        self.safety = self.chooser.safety
        layout.addWidget(self.chooser)

        form = QFormLayout()
        self.time_edit.setTime(_qtime(default))
        self.time_edit.setAccessibleName(tr("Departure time"))
        self.reason_box = QComboBox()
        self.reason_box.setAccessibleName(tr("Reason for leaving early"))
        for code in (*EARLY_DEPARTURE_REASONS, *CA_EARLY_RELEASE_REASONS):
            self.reason_box.addItem(reason_label(code), code)
        if reason and (i := self.reason_box.findData(reason)) >= 0:
            self.reason_box.setCurrentIndex(i)
        form.addRow(tr("Left &at:"), self.time_edit)
        if with_reason:
            form.addRow(tr("&Reason:"), self.reason_box)
        else:
            self.reason_box.hide()
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addStretch(1)  # spare height below the fields, not between them
        ok_text = tr("&Mark left early") if with_reason else tr("&Sign out")
        scrolling_dialog(self, body, _buttons(self, ok_text))
        self.fit_title()
        self.chooser.choices.setFocus()

    def problem(self) -> str | None:
        """Nobody chosen yet, someone not authorised without a site lead's word, or a
        time before the student arrived."""
        if self.arrived is not None and self.time() < self.arrived:
            return tr("The student arrived at {time}: they cannot leave before that.").format(
                time=time_text(self.arrived)
            )
        return self.chooser.problem()

    def departure(self) -> dt.time:
        """The chosen departure time."""
        return self.time()

    def dismissal(self) -> Dismissal:
        """Who collected the student, at the departure time."""
        return self.chooser.dismissal(self.time())

    def reason(self) -> str:
        """The chosen reason code."""
        return str(self.reason_box.currentData())


class NoteDialog(CheckedDialog):
    """A note on one student's mark. A note that cannot be saved (a full disk) keeps the
    dialog open with the reason and the text typed."""

    def __init__(self, student: str, note: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Note for {student}").format(student=student))
        self.setAccessibleName(tr("Note"))
        self.edit = QPlainTextEdit(note)
        self.edit.setAccessibleName(tr("Note text"))
        self.edit.setPlaceholderText(tr("Enter saves the note; Shift+Enter starts a new line."))
        self.edit.setTabChangesFocus(True)
        self.edit.installEventFilter(self)
        label = QLabel(tr("&Note (kept with this mark, visible to staff):"))
        label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, tr("&Save note"), tr("&Cancel")))
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the note saves it, as in every register dialog; Shift+Enter is a new
        line."""
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def note(self) -> str:
        """The note text."""
        return self.edit.toPlainText()


class CancelDialog(CheckedDialog):
    """Why is a session cancelled?"""

    def __init__(self, session_label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Cancel session"))
        self.setAccessibleName(tr("Cancel session"))
        self.reason_box = QComboBox()
        self.reason_box.setEditable(True)
        self.reason_box.setAccessibleName(tr("Reason for cancelling"))
        self.reason_box.addItems(
            [tr("Weather"), tr("Venue unavailable"), tr("Teacher absent"), tr("Holiday")]
        )
        self.reason_box.setCurrentText("")
        line = self.reason_box.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("Choose or type a reason"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                tr(
                    "Cancel <b>{session}</b>? It will leave every attendance count. "
                    "You can restore it later."
                ).format(session=escape(session_label))
            )
        )
        form.addRow(tr("&Reason:"), self.reason_box)
        form.addRow(self.error)
        self.buttons = _buttons(self, tr("&Cancel session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("&Keep session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            tr("Keep session")
        )
        form.addRow(self.buttons)

    def reason(self) -> str:
        """The reason given."""
        return self.reason_box.currentText().strip()


class AdHocDialog(CheckedDialog):
    """Add a rehearsal, performance or masterclass outside the weekly schedule."""

    def __init__(self, ensembles: list[tuple[str, str]], day: dt.date, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Add a session"))
        self.setAccessibleName(tr("Add a session"))
        self.ensemble_box = QComboBox()
        self.ensemble_box.setAccessibleName(tr("Ensemble"))
        for ensemble_id, name in ensembles:
            self.ensemble_box.addItem(name, ensemble_id)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(tr("Kind of session"))
        for kind, label in (
            (SessionKind.REHEARSAL, tr("Rehearsal")),
            (SessionKind.PERFORMANCE, tr("Performance")),
            (SessionKind.MASTERCLASS, tr("Masterclass")),
        ):
            self.kind_box.addItem(label, kind.value)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(tr("Title"))
        self.title_edit.setPlaceholderText(tr("e.g. Winter concert at City Hall"))
        # Typed whole ("5/6/2014" in the window's order, "5 jun 2014") or picked from
        # its calendar (Alt+Down).
        self.date_edit = DateBox(day, today=day)
        self.date_edit.setAccessibleName(tr("Date"))
        # Typed as people type times ("4pm", "16:30"), shown as the window writes them.
        self.start_edit = TimeField()
        self.start_edit.setTime(QTime(16, 0))
        self.start_edit.setAccessibleName(tr("Start time"))
        self.end_edit = TimeField()
        self.end_edit.setTime(QTime(17, 30))
        self.end_edit.setAccessibleName(tr("End time"))
        self.off_site = QCheckBox(tr("&Off-site (performance, visit)"))
        self.off_site.setAccessibleName(tr("Off-site"))
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        form = QFormLayout(self)
        form.addRow(tr("&Ensemble:"), self.ensemble_box)
        form.addRow(tr("&Kind:"), self.kind_box)
        form.addRow(tr("&Title:"), self.title_edit)
        form.addRow(tr("&Date:"), self.date_edit)
        form.addRow(tr("&Starts:"), self.start_edit)
        form.addRow(tr("E&nds:"), self.end_edit)
        form.addRow("", self.off_site)
        form.addRow(self.error)
        form.addRow(_buttons(self, tr("&Add session"), tr("&Cancel")))

    def accept(self) -> None:
        """Read the date and both times whole first: one that is none is said, nothing
        added."""
        for field in (self.date_edit, self.start_edit, self.end_edit):
            refused = field.refusal()
            if refused:
                self.error.setText(refused)
                self.error.show()
                grow_to_contents(self)
                return
        super().accept()

    def _kind_changed(self) -> None:
        self.off_site.setChecked(self.kind_box.currentData() == SessionKind.PERFORMANCE.value)

    def values(self) -> dict[str, object]:
        """What was entered, ready for ``sessions.add_ad_hoc``."""
        date = self.date_edit.date()
        return {
            "ensemble_id": self.ensemble_box.currentData(),
            "day": dt.date(date.year(), date.month(), date.day()),
            "start": _pytime(self.start_edit.time()),
            "end": _pytime(self.end_edit.time()),
            "kind": SessionKind(self.kind_box.currentData()),
            "title": self.title_edit.text(),
            "on_site": not self.off_site.isChecked(),
        }
