"""The Programme window's "Next grade" page: move students up a grade for the
programme year on now (``services/new_year.py``).

What will happen is on the page before anything is written, read again whenever the hub
or the choice changes and after every write elsewhere: how many move up, who finishes
school, who would be outside their ensemble's grades (by name; never changed), who has
no grade. One button names the year and the number of students; one question; one
write on the database thread, announced to every view. Before the year's first day (or
with nobody to move) the button is off and the page says why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.context import Services
from harmony_desktop.services.new_year import NewYearPlan, NewYearService
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.programme.pages import ERROR_STYLE, button, check_box, tr
from harmony_desktop.ui.tasks import Changes, TaskManager

#: What moving students up tells the other views.
STUDENTS_CHANGED = Changes(students=True, enrollment=True)
_EVERY_HUB = "*"


@dataclass(frozen=True)
class _Loaded:
    year: str
    hubs: list[tuple[str, str]]
    refused: str | None
    plan: NewYearPlan


class NewYearPage(QWidget):
    """Preview and move students up a grade for the programme year on now."""

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        hub_id: str | None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.today = today
        self.year = ""
        self.plan: NewYearPlan | None = None
        self.question: QMessageBox | None = None
        self._hub_wanted = hub_id
        self._generation = 0
        self.title = QLabel(tr("Move students up a grade"))
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.note = QLabel(
            tr(
                "Each student moves up one grade a year, and their grade is then recorded for"
                " the new year. Students in grade 12 finish school: they become inactive, and"
                " a line in their notes says why. Nothing is written until you confirm. A"
                " student already moved up for this year, here or on another laptop, is not"
                " moved again."
            )
        )
        self.note.setWordWrap(True)
        self.hub_box = QComboBox()
        self.hub_box.setAccessibleName(tr("Students of"))
        self.unknown = check_box(
            tr(
                "Also move up students whose grade has no recorded &school year (taken as last year's)"
            )
        )
        # unticked: a grade with no recorded year may be this year's already
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        hub_label = QLabel(tr("Students &of:"))
        hub_label.setBuddy(self.hub_box)
        form.addRow(hub_label, self.hub_box)
        form.addRow(self.unknown)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(tr("What will happen"))
        self.names_label = QLabel(
            tr("&Who finishes school, and who would be outside their ensemble's grades:")
        )
        self.names_label.setWordWrap(True)
        self.names = QTreeWidget()
        self.names.setColumnCount(3)
        self.names.setHeaderLabels([tr("Student"), tr("Hub"), tr("What happens")])
        self.names.setRootIsDecorated(False)
        self.names.setAlternatingRowColors(True)
        self.names.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.names.header().setStretchLastSection(True)
        self.names.setAccessibleName(
            tr("Who finishes school, and who would be outside their ensemble's grades")
        )
        self.names_label.setBuddy(self.names)
        self.move_button = button(tr("&Move students up a grade…"), tr("Move students up a grade"))
        self.move_button.setEnabled(False)
        self.move_button.clicked.connect(self.ask)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Message"))
        actions = QHBoxLayout()
        actions.addWidget(self.move_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.names_label)
        layout.addWidget(self.names, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.hub_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.unknown.toggled.connect(lambda _on: self.reload())
        tasks.changed.connect(self._changed_elsewhere)

    # -- reading ------------------------------------------------------------------------

    def _service(self, s: Services) -> NewYearService:
        today = self.today
        if today is None:
            return s.new_year
        return NewYearService(s.store, today=lambda: today)

    def reload(self) -> None:
        """Read what moving up would do now."""
        move_unknown = self.unknown.isChecked()
        chosen = self.hub_box.currentData()

        def load(s: Services) -> _Loaded:
            service = self._service(s)
            hubs = [(h.id, h.name) for h in s.hubs.hubs()]
            year = service.current_year()
            if chosen == _EVERY_HUB:
                ids = [h for h, _n in hubs]
            elif chosen in {h for h, _n in hubs}:
                ids = [chosen]
            elif self._hub_wanted in {h for h, _n in hubs}:
                ids = [self._hub_wanted or ""]
            else:
                ids = [h for h, _n in hubs[:1]]
            plan = service.preview(year, ids, move_unknown=move_unknown)
            return _Loaded(year, hubs, service.refusal(year), plan)

        self._generation += 1
        generation = self._generation

        def arrived(loaded: _Loaded) -> None:
            if generation == self._generation:
                self._loaded(loaded)

        QueryOp(self.tasks, op=load, success=arrived, parent=self).failure(
            self._failed
        ).run_in_background()

    def _loaded(self, loaded: _Loaded) -> None:
        self.year, self.plan = loaded.year, loaded.plan
        self.title.setText(tr("Move students up a grade for {year}").format(year=loaded.year))
        chosen = loaded.plan.hub_ids
        self.hub_box.blockSignals(True)
        self.hub_box.clear()
        if len(loaded.hubs) > 1:
            self.hub_box.addItem(
                tr("Every hub on this laptop (%n hub(s))", "", len(loaded.hubs)), _EVERY_HUB
            )
        for hub_id, name in loaded.hubs:
            self.hub_box.addItem(name, hub_id)
        if len(chosen) == 1 and len(loaded.hubs) > 1:
            self.hub_box.setCurrentIndex(max(0, self.hub_box.findData(chosen[0])))
        self.hub_box.blockSignals(False)
        plan = loaded.plan
        # the choice only when some grade's year is unknown (set before it was recorded)
        self.unknown.setVisible(bool(plan.unknown_year or plan.unknown_left))
        self.summary.setText("\n".join("• " + line for line in plan.summary()))
        self.names.clear()
        rows = [
            (move.name, move.hub, tr("Finishes school (grade 12): becomes inactive"))
            for move in plan.finishing
        ] + [
            (
                item.name,
                item.hub,
                tr("Grade {grade}: {ensemble} is for grades {low} to {high}").format(
                    grade=item.new_grade,
                    ensemble=item.ensemble,
                    low=item.grade_min or "PK",
                    high=item.grade_max or "12",
                ),
            )
            for item in plan.outside
        ]
        for row in rows:
            self.names.addTopLevelItem(QTreeWidgetItem(list(row)))
        if not rows:
            self.names.addTopLevelItem(QTreeWidgetItem([tr("Nobody."), "", ""]))
        self.names.setColumnHidden(1, len(loaded.plan.hub_ids) < 2)
        if loaded.refused is not None:
            self.move_button.setText(tr("&Move students up a grade…"))
            self.move_button.setEnabled(False)
            self._say(loaded.refused, error=True)
            return
        self.move_button.setText(
            tr("&Move students up a grade for {year}…").format(year=loaded.year)
        )
        self.move_button.setEnabled(plan.changes > 0)
        nobody = tr("Nobody to move up for {year}.").format(year=loaded.year)
        if plan.changes == 0 and not self.message.text():
            self._say(nobody)
        elif plan.changes and self.message.text() == nobody:
            self._say("")

    def _changed_elsewhere(self, changes: Changes) -> None:
        if (changes.students or changes.setup or changes.sync) and self.isVisible():
            self.reload()

    # -- writing ------------------------------------------------------------------------

    def ask(self) -> None:
        """The one question before the write (not waited for)."""
        plan = self.plan
        if plan is None or plan.changes == 0:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Move students up a grade"))
        box.setText(
            tr("Move %n student(s) up a grade for {year}?", "", len(plan.moving)).format(
                year=plan.year
            )
        )
        box.setInformativeText(
            tr("%n student(s) in grade 12 will become inactive.", "", len(plan.finishing))
        )
        move = box.addButton(tr("Move them up"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(move)
        self.question = box

        def answered() -> None:
            self.question = None
            if box.clickedButton() is move:
                self.apply(plan)

        box.finished.connect(lambda _r: answered())
        box.open()

    def apply(self, plan: NewYearPlan) -> None:
        """Move the students up (one write) and read the page again."""
        year, hub_ids = plan.year, list(plan.hub_ids)
        move_unknown = self.unknown.isChecked()
        self.move_button.setEnabled(False)

        def op(s: Services) -> NewYearPlan:
            return self._service(s).apply(year, hub_ids, move_unknown=move_unknown)

        def done(result: NewYearPlan) -> None:
            self._say(
                tr("Done: {moved} moved up, {finished} finished school.").format(
                    moved=len(result.moving), finished=len(result.finishing)
                )
            )
            self.reload()

        CollectionOp(self.tasks, op=op, changes=STUDENTS_CHANGED, parent=self).success(
            done
        ).failure(self._failed).run_in_background(initiator=self)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, HarmonyError):
            text = str(exc)
        else:
            text = tr("That did not work ({error}). Try again.").format(error=type(exc).__name__)
        self._say(text, error=True)
        if self.plan is not None:
            self.move_button.setEnabled(self.plan.changes > 0)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
