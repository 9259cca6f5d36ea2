"""Enrollment of one student (panel in the student form) and an ensemble's waitlist.

Enrolling respects capacity: a full ensemble says so and offers the waitlist. The
waitlist is ordered by priority then date; "Enroll next" takes the first in line when
a place is free. Withdrawing needs a reason. Every step stays in the history.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import CapacityError, HarmonyError
from harmony_desktop.domain.vocab import EnrollmentStatus
from harmony_desktop.services.context import Services
from harmony_desktop.store.models import Enrollment
from harmony_desktop.ui.datefield import DateBox
from harmony_desktop.ui.language import day_text

_ERROR_STYLE = "color: #a40000; font-weight: bold;"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())


def _status_label(status: str) -> str:
    from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

    labels = {
        EnrollmentStatus.APPLIED.value: QT_TRANSLATE_NOOP("Enrollment", "Applied"),
        EnrollmentStatus.WAITLISTED.value: QT_TRANSLATE_NOOP("Enrollment", "Waitlisted"),
        EnrollmentStatus.ENROLLED.value: QT_TRANSLATE_NOOP("Enrollment", "Enrolled"),
        EnrollmentStatus.WITHDRAWN.value: QT_TRANSLATE_NOOP("Enrollment", "Withdrawn"),
        EnrollmentStatus.COMPLETED.value: QT_TRANSLATE_NOOP("Enrollment", "Completed"),
    }
    return QCoreApplication.translate("Enrollment", str(labels.get(status, status)))


class EnrollmentPanel(QWidget):
    """A student's enrollments with their history, and the actions on them."""

    #: enrollments changed (the roster should reload)
    changed = Signal()

    def __init__(
        self,
        services: Services,
        hub_id: str,
        student_id: str,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.student_id = student_id
        self.ensembles = services.hubs.ensembles(hub_id)
        self._names = {e.id: e.name for e in self.ensembles}
        self._enrollments: list[Enrollment] = []

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Ensemble"), self.tr("Status"), self.tr("Applied"), self.tr("Waitlist"),
             self.tr("Enrolled"), self.tr("Ended")]
        )  # fmt: skip
        self.table.setAccessibleName(self.tr("Enrollments"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.itemSelectionChanged.connect(self._show_history)
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Enrollment history"))
        self.history.setMaximumHeight(110)

        self.ensemble = QComboBox()
        self.ensemble.setAccessibleName(self.tr("Ensemble to enroll in"))
        # As wide as the row leaves it, not as the longest name: at 200 % the row's
        # buttons would otherwise run off the form.
        self.ensemble.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ensemble.setMinimumContentsLength(8)
        for e in self.ensembles:
            self.ensemble.addItem(e.name, e.id)
        # Typed whole ("5/6/2014" in the window's order) or picked from its calendar.
        self.on_date = DateBox(today or dt.date.today(), today=today)
        self.on_date.setAccessibleName(self.tr("Date of the change"))
        self.priority = QSpinBox()
        self.priority.setRange(1, 999)
        self.priority.setValue(100)
        self.priority.setToolTip(self.tr("Waitlist priority: lower is offered a place first"))
        self.priority.setAccessibleName(self.tr("Waitlist priority"))
        self.enroll_button = QPushButton(self.tr("E&nroll"))
        self.waitlist_button = QPushButton(self.tr("A&dd to waitlist"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for withdrawing (required)"))
        self.reason.setAccessibleName(self.tr("Withdrawal reason"))
        self.withdraw_button = QPushButton(self.tr("&Withdraw selected"))
        for button in (self.enroll_button, self.waitlist_button, self.withdraw_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.enroll_button.clicked.connect(self.enroll)
        self.waitlist_button.clicked.connect(self.add_to_waitlist)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Enrollment messages"))

        # Alt keys for the labelled fields and the buttons (the student form's tabs and
        # buttons take theirs: see StudentDialog).
        on_label = QLabel(self.tr("&on"))
        on_label.setBuddy(self.on_date)
        priority_label = QLabel(self.tr("p&riority"))
        priority_label.setBuddy(self.priority)
        actions = QHBoxLayout()
        actions.addWidget(self.ensemble, 2)
        actions.addWidget(on_label)
        actions.addWidget(self.on_date)
        actions.addWidget(self.enroll_button)
        actions.addWidget(priority_label)
        actions.addWidget(self.priority)
        actions.addWidget(self.waitlist_button)
        withdraw = QHBoxLayout()
        withdraw.addWidget(self.reason, 1)
        withdraw.addWidget(self.withdraw_button)
        self.immediate = QLabel(
            self.tr(
                "Enroll, Add to waitlist and Withdraw take effect at once: they are saved "
                "when you click them, whether or not you then save or cancel this form."
            )
        )
        self.immediate.setWordWrap(True)
        self.immediate.setAccessibleName(self.tr("These changes are immediate"))
        self.immediate.setStyleSheet("color: #7a4b00; background: #fff4d6; padding: 4px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.immediate)
        layout.addWidget(self.table, 1)
        history_label = QLabel(self.tr("H&istory of the selected enrollment"))
        history_label.setBuddy(self.history)
        layout.addWidget(history_label)
        layout.addWidget(self.history)
        layout.addLayout(actions)
        layout.addLayout(withdraw)
        layout.addWidget(self.message)
        # Tab in the order the fields are seen: left to right, row by row.
        chain: list[QWidget] = [
            self.table, self.history, self.ensemble, self.on_date, self.enroll_button,
            self.priority, self.waitlist_button, self.reason, self.withdraw_button,
        ]  # fmt: skip
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.reload()

    def reload(self) -> None:
        """Read the student's enrollments again."""
        self._enrollments = self.services.enrollment.for_student(self.student_id)
        self.table.setRowCount(len(self._enrollments))
        for row, e in enumerate(self._enrollments):
            waitlist = self._place_in_line(e) if e.status == EnrollmentStatus.WAITLISTED else ""
            ended = f"{day_text(e.ended_on)} {e.end_reason}".strip() if e.ended_on else ""
            for column, text in enumerate(
                [
                    self._names.get(e.ensemble_id, "?"),
                    _status_label(e.status),
                    day_text(e.applied_on) if e.applied_on else "",
                    waitlist,
                    day_text(e.enrolled_on) if e.enrolled_on else "",
                    ended,
                ]
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self._enrollments:
            self.table.selectRow(0)
        # The selected row may be unchanged while its enrollment is another one.
        self._show_history()

    def _place_in_line(self, enrollment: Enrollment) -> str:
        """ "2nd of 5 in line": the student's place in the ensemble's waitlist queue."""
        line = [w.enrollment_id for w in self.services.enrollment.waitlist(enrollment.ensemble_id)]
        if enrollment.id not in line:
            return ""
        return self.tr("{place} of {total} in line").format(
            place=line.index(enrollment.id) + 1, total=len(line)
        )

    def _selected(self) -> Enrollment | None:
        rows = self.table.selectionModel().selectedRows()
        return self._enrollments[rows[0].row()] if rows else None

    def _show_history(self) -> None:
        self.history.clear()
        chosen = self._selected()
        if chosen is None:
            return
        for event in self.services.enrollment.history(chosen.id):
            text = f"{day_text(event.on)}  {_status_label(event.status)}"
            if event.reason:
                text += f" — {event.reason}"
            self.history.addItem(text)

    def _run(self, action: str) -> None:
        ensemble_id = self.ensemble.currentData()
        refused = self.on_date.refusal()
        if refused:
            self._say(refused, error=True)
            return
        self.on_date.tidy()  # the date used, written as read
        day = _pydate(self.on_date.date())
        try:
            if action == "enroll":
                self.services.enrollment.enroll(self.student_id, ensemble_id, day)
                self._say(self.tr("Enrolled in {name}.").format(name=self.ensemble.currentText()))
            elif action == "waitlist":
                self.services.enrollment.add_to_waitlist(
                    self.student_id, ensemble_id, day, priority=self.priority.value()
                )
                self._say(
                    self.tr("Added to the waitlist of {name}.").format(
                        name=self.ensemble.currentText()
                    )
                )
            else:
                chosen = self._selected()
                if chosen is None:
                    self._say(self.tr("Select the enrollment to withdraw."), error=True)
                    return
                self.services.enrollment.withdraw(chosen.id, day, self.reason.text())
                self.reason.clear()
                self._say(self.tr("Withdrawn."))
        except CapacityError as exc:
            self._say(str(exc), error=True)
            return
        except HarmonyError as exc:
            self._say(str(exc), error=True)
            return
        self.reload()
        self.changed.emit()

    def enroll(self) -> None:
        """Enroll in the chosen ensemble (refused with a clear message when it is full)."""
        self._run("enroll")

    def add_to_waitlist(self) -> None:
        """Put the student on the chosen ensemble's waitlist with the chosen priority."""
        self._run("waitlist")

    def withdraw(self) -> None:
        """Withdraw the selected enrollment with the reason typed."""
        self._run("withdraw")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(_ERROR_STYLE if error else "")


class WaitlistDialog(QDialog):
    """An ensemble's waitlist, its capacity, and "Enroll next from waitlist"."""

    #: someone was enrolled from the waitlist
    changed = Signal()

    def __init__(
        self,
        services: Services,
        hub_id: str,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Waitlists"))
        self.resize(620, 440)
        self.services = services
        self.ensembles = services.hubs.ensembles(hub_id)
        self.ensemble = QComboBox()
        self.ensemble.setAccessibleName(self.tr("Ensemble"))
        for e in self.ensembles:
            self.ensemble.addItem(e.name, e.id)
        self.on_date = DateBox(today or dt.date.today(), today=today)
        self.on_date.setAccessibleName(self.tr("Enrollment date"))
        self.capacity = QLabel()
        self.capacity.setAccessibleName(self.tr("Places taken"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Student"), self.tr("Priority"), self.tr("Waitlisted on")]
        )
        self.table.setAccessibleName(self.tr("Waitlist"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.enroll_next = QPushButton(self.tr("Enroll next from waitlist"))
        self.enroll_next.setAccessibleName(self.tr("Enroll next from waitlist"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Waitlist messages"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.ensemble, 1)
        top.addWidget(QLabel(self.tr("on")))
        top.addWidget(self.on_date)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.capacity)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.enroll_next)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.ensemble.currentIndexChanged.connect(self.reload)
        self.on_date.dateChanged.connect(self.reload)
        self.enroll_next.clicked.connect(self.enroll_next_student)
        self.reload()

    def reload(self) -> None:
        """Show the chosen ensemble's places and waitlist."""
        ensemble_id = self.ensemble.currentData()
        if ensemble_id is None:
            return
        info = next(e for e in self.ensembles if e.id == ensemble_id)
        taken = self.services.enrollment.enrolled_count(ensemble_id, _pydate(self.on_date.date()))
        self.capacity.setText(
            self.tr("{taken} of %n place(s) taken", "", info.capacity).format(taken=taken)
        )
        waiting = self.services.enrollment.waitlist(ensemble_id)
        self.table.setRowCount(len(waiting))
        for row, w in enumerate(waiting):
            for column, text in enumerate(
                [str(row + 1), w.student_name, str(w.priority),
                 day_text(w.waitlisted_on) if w.waitlisted_on else ""]
            ):  # fmt: skip
                item = QTableWidgetItem(text)
                if column in (0, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.enroll_next.setEnabled(bool(waiting))

    def enroll_next_student(self) -> None:
        """Enroll the first student in line, if the ensemble has a free place."""
        refused = self.on_date.refusal()
        if refused:
            self.message.setText(refused)
            self.message.setStyleSheet(_ERROR_STYLE)
            return
        try:
            waiting = self.services.enrollment.waitlist(self.ensemble.currentData())
            enrolled = self.services.enrollment.enroll_next_from_waitlist(
                self.ensemble.currentData(), _pydate(self.on_date.date())
            )
        except HarmonyError as exc:
            self.message.setText(str(exc))
            self.message.setStyleSheet(_ERROR_STYLE)
            return
        if enrolled:
            self.message.setText(
                self.tr("{name} is enrolled.").format(name=waiting[0].student_name)
            )
            self.message.setStyleSheet("")
            self.changed.emit()
        self.reload()
