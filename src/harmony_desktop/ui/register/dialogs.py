"""Small dialogs of the register: arrival/departure time, note, cancel, ad-hoc session.

Every dialog is opened with ``open()`` (window-modal, non-blocking) so the event loop
keeps running; the caller connects ``accepted``. Enter accepts, Escape cancels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.vocab import (
    CA_EARLY_RELEASE_REASONS,
    EARLY_DEPARTURE_REASONS,
    SessionKind,
)
from harmony_desktop.services.roll import PickupInfo
from harmony_desktop.ui.register.models import reason_label


def tr(text: str) -> str:
    """Translate a dialog string (context ``RegisterDialogs``)."""
    return QCoreApplication.translate("RegisterDialogs", text)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_text)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(tr("Cancel"))
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


class ArrivalDialog(QDialog):
    """Late: when did the student arrive? Defaults to now."""

    def __init__(self, student: str, code_label: str, now: dt.time, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("{code}: {student}").format(code=code_label, student=student))
        self.setAccessibleName(tr("Arrival time"))
        self.time_edit = QTimeEdit(_qtime(now))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(tr("Arrival time"))
        form = QFormLayout(self)
        form.addRow(QLabel(tr("<b>{student}</b> arrived late.").format(student=student)))
        form.addRow(tr("Arrived at:"), self.time_edit)
        form.addRow(_buttons(self, tr("Mark late")))
        self.time_edit.setFocus()

    def arrival(self) -> dt.time:
        """The chosen arrival time."""
        return _pytime(self.time_edit.time())


class DepartureDialog(QDialog):
    """Left early: time, reason, and who may take the student (safety at dismissal)."""

    def __init__(
        self,
        student: str,
        code_label: str,
        now: dt.time,
        pickup: PickupInfo,
        parent: QWidget,
        *,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("{code}: {student}").format(code=code_label, student=student))
        self.setAccessibleName(tr("Early departure"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)

        self.safety = QLabel(self._safety_html(student, pickup))
        self.safety.setTextFormat(Qt.TextFormat.RichText)
        self.safety.setWordWrap(True)
        self.safety.setAccessibleName(tr("Who may take this student"))
        self.safety.setObjectName("pickupSafety")
        self.safety.setStyleSheet(
            "QLabel#pickupSafety { background: #fff8e1; border: 1px solid #e0c060;"
            " border-radius: 6px; padding: 8px; }"
        )
        layout.addWidget(self.safety)

        form = QFormLayout()
        self.time_edit = QTimeEdit(_qtime(now))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(tr("Departure time"))
        self.reason_box = QComboBox()
        self.reason_box.setAccessibleName(tr("Reason for leaving early"))
        for code in (*EARLY_DEPARTURE_REASONS, *CA_EARLY_RELEASE_REASONS):
            self.reason_box.addItem(reason_label(code), code)
        if reason and (i := self.reason_box.findData(reason)) >= 0:
            self.reason_box.setCurrentIndex(i)
        form.addRow(tr("Left at:"), self.time_edit)
        form.addRow(tr("Reason:"), self.reason_box)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, tr("Mark left early")))
        self.time_edit.setFocus()

    @staticmethod
    def _safety_html(student: str, pickup: PickupInfo) -> str:
        lines = [f"<b>{escape(student)}</b>"]
        for name, restriction in pickup.restrictions:
            lines.append(
                "<span style='color:#b00020'><b>"
                + tr("Custody restriction")
                + f"</b> ({escape(name)}): {escape(restriction)}</span>"
            )
        if pickup.may_walk_home:
            lines.append("<span style='color:#1b6e20'>" + tr("May walk home alone.") + "</span>")
        else:
            lines.append(
                "<b>" + tr("May NOT walk home: release only to an authorized adult.") + "</b>"
            )
        if pickup.authorized:
            lines.append(tr("Authorized pickups:"))
            items = "".join(
                f"<li>{escape(n)} ({escape(rel)}) {escape(phone)}</li>"
                for n, rel, phone in pickup.authorized
            )
            lines.append(f"<ul style='margin:0'>{items}</ul>")
        else:
            lines.append(
                "<span style='color:#b00020'>"
                + tr("No authorized pickup on file. Call the site lead.")
                + "</span>"
            )
        return "<br>".join(lines)

    def departure(self) -> dt.time:
        """The chosen departure time."""
        return _pytime(self.time_edit.time())

    def reason(self) -> str:
        """The chosen reason code."""
        return str(self.reason_box.currentData())


class NoteDialog(QDialog):
    """A note on one student's mark."""

    def __init__(self, student: str, note: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Note for {student}").format(student=student))
        self.setAccessibleName(tr("Note"))
        self.edit = QPlainTextEdit(note)
        self.edit.setAccessibleName(tr("Note text"))
        self.edit.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Note (kept with this mark, visible to staff):")))
        layout.addWidget(self.edit)
        layout.addWidget(_buttons(self, tr("Save note")))
        self.edit.setFocus()

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
        form.addRow(tr("Reason:"), self.reason_box)
        form.addRow(self.error)
        self.buttons = _buttons(self, tr("Cancel session"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Keep session"))
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
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(tr("Date"))
        self.start_edit = QTimeEdit(QTime(16, 0))
        self.start_edit.setDisplayFormat("HH:mm")
        self.start_edit.setAccessibleName(tr("Start time"))
        self.end_edit = QTimeEdit(QTime(17, 30))
        self.end_edit.setDisplayFormat("HH:mm")
        self.end_edit.setAccessibleName(tr("End time"))
        self.off_site = QCheckBox(tr("Off-site (performance, visit)"))
        self.off_site.setAccessibleName(tr("Off-site"))
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        form = QFormLayout(self)
        form.addRow(tr("Ensemble:"), self.ensemble_box)
        form.addRow(tr("Kind:"), self.kind_box)
        form.addRow(tr("Title:"), self.title_edit)
        form.addRow(tr("Date:"), self.date_edit)
        form.addRow(tr("Starts:"), self.start_edit)
        form.addRow(tr("Ends:"), self.end_edit)
        form.addRow("", self.off_site)
        form.addRow(self.error)
        form.addRow(_buttons(self, tr("Add session")))

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
