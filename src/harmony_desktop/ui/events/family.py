"""The roll of a family event: the guardians of the hub's enrolled students, once per
person (a guardian of siblings is one row), then the walk-ins; one key says who came.

``P`` or Space: came, and on to the next; ``A`` or ``Del``: did not come. What the event
reached is shown as it changes: families reached (distinct students with an adult
there), adults, walk-ins. Like the register's marks, each key writes synchronously (a
few milliseconds) so the figure shown is the stored one; loading runs in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.context import Services
from harmony_desktop.services.events import AdultEntry, FamilyEventInfo, FamilyMeasure, kind_label
from harmony_desktop.ui.events.dialogs import WalkInDialog, checked
from harmony_desktop.ui.events.models import AdultColumn, FamilyRollModel, tr, wrap_title
from harmony_desktop.ui.keyed_table import KeyedTableView
from harmony_desktop.ui.language import date_text, hours_text
from harmony_desktop.ui.operations import QueryOp
from harmony_desktop.ui.tasks import Changes, TaskManager

if TYPE_CHECKING:
    from harmony_desktop.ui.wrong_day import WrongDayQuestion


class FamilyRollView(KeyedTableView):
    """The adults: arrows or j/k move, P/Space came, A/Del did not."""

    focus_column = AdultColumn.CAME

    cameKeyPressed = Signal(bool)
    """A key said whether the current adult came."""

    def plain_key(self, text: str, key: int) -> bool:
        """P or Space: came; A, Delete or Backspace: did not."""
        if text == "P" or key == Qt.Key.Key_Space:
            self.cameKeyPressed.emit(True)
        elif text == "A" or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.cameKeyPressed.emit(False)
        else:
            return False
        return True


class FamilyRollPanel(QWidget):
    """One family event's roll and what it reached."""

    loaded = Signal()
    """The roll of the event is on screen."""
    saved = Signal(object)
    """Who came was stored: the event's new :class:`FamilyMeasure`."""

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        staff: object,
        parent: QWidget | None = None,
        *,
        wrong_day: WrongDayQuestion | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.staff = staff  # callable giving who records, or None
        #: the register's question before a write on this computer's wrong "today"
        self.wrong_day = wrong_day
        self.shown: FamilyEventInfo | None = None
        self.active_dialog: QWidget | None = None
        self._generation = 0
        self.setAccessibleName(tr("Family event roll"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.title = QLabel()
        self.title.setAccessibleName(tr("Event"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        wrap_title(self.title)
        layout.addWidget(self.title)
        self.measure = QLabel()
        self.measure.setAccessibleName(tr("What the event reached"))
        layout.addWidget(self.measure)
        tools = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find an adult or a student"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Find on the roll"))
        self.search_label = QLabel(tr("Searc&h:"))
        self.search_label.setBuddy(self.search)
        self.walk_in_button = QPushButton(tr("&Add walk-in…"))
        self.walk_in_button.setAccessibleName(tr("Add walk-in"))
        self.remove_button = QPushButton(tr("&Remove walk-in"))
        self.remove_button.setAccessibleName(tr("Remove walk-in"))
        tools.addWidget(self.search_label)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.walk_in_button)
        tools.addWidget(self.remove_button)
        layout.addLayout(tools)
        self.model = FamilyRollModel(self)
        self.view = FamilyRollView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Adults"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setAccessibleName(tr("Adult rows"))
        self.view.verticalHeader().setDefaultSectionSize(34)
        header = self.view.horizontalHeader()
        header.setAccessibleName(tr("Roll columns"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AdultColumn.FAMILY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(AdultColumn.ADULT, 220)
        header.resizeSection(AdultColumn.RELATIONSHIP, 120)
        header.resizeSection(AdultColumn.CAME, 90)
        header.moveSection(AdultColumn.CAME, 0)  # who came, first
        layout.addWidget(self.view, 1)
        self.save_label = QLabel()
        self.save_label.setAccessibleName(tr("Save status"))
        keys = QLabel(tr("Keys: ↑/↓ or j/k move · P or Space came · A or Del did not come"))
        keys.setStyleSheet("color: #555")
        keys.setAccessibleName(tr("Roll keys"))
        bottom = QHBoxLayout()
        bottom.addWidget(keys, 1)
        bottom.addWidget(self.save_label)
        layout.addLayout(bottom)
        self.search.textChanged.connect(self.model.set_query)
        self.view.cameKeyPressed.connect(self.mark_current)
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.remove_button.clicked.connect(self.remove_walk_in)

    # -- loading -------------------------------------------------------------------------

    def show_event(self, event: FamilyEventInfo) -> None:
        """Show the roll of ``event`` (read in the background)."""
        self.shown = event
        self.title.setText(
            f"{event.title} — {kind_label(event.kind)}, {date_text(event.date)} "
            f"{hours_text(event.start, event.end)}"
        )
        self._show_measure(event.measure)
        self._generation += 1
        generation = self._generation
        event_id = event.id
        QueryOp(
            self.tasks,
            op=lambda s: s.events.family_roll(event_id),
            success=lambda adults: self._loaded(adults, generation),
            parent=self,
        ).failure(lambda exc: self._say(str(exc), error=True)).run_in_background()

    def _loaded(self, adults: list[AdultEntry], generation: int) -> None:
        if generation != self._generation:
            return
        current = self.current_adult()
        self.model.set_adults(adults)
        row = self.model.row_of(current.key) if current else 0
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(max(row, 0), AdultColumn.CAME))
        self.loaded.emit()

    def _show_measure(self, measure: FamilyMeasure) -> None:
        self.measure.setText(
            tr(
                "<b>Families reached: {families}</b> · Adults: {adults} · Walk-ins: {walk_ins}"
            ).format(
                families=measure.families_reached, adults=measure.adults, walk_ins=measure.walk_ins
            )
        )

    def current_adult(self) -> AdultEntry | None:
        """The adult on the current row."""
        index = self.view.currentIndex()
        return self.model.adult(index.row()) if index.isValid() else None

    def go_to(self, key: str) -> None:
        """Make the adult ``key`` current."""
        row = self.model.row_of(key)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, AdultColumn.CAME))

    # -- writing -------------------------------------------------------------------------

    def _by(self) -> str | None:
        staff = self.staff() if callable(self.staff) else None
        return str(staff) if staff else None

    def _on_wrong_day(self, retry: Callable[[], None]) -> bool:
        """True when a write to the shown event would land on this computer's wrong
        "today": then the question is asked (once in the window), ``retry`` runs if the
        teacher goes on."""
        question = self.wrong_day
        if self.shown is None or question is None or not question.needed(self.shown.date):
            return False
        if self.active_dialog is None:  # else already asking
            question.ask(self, self._open, retry)
        return True

    def mark_current(self, came: bool) -> None:
        """Record whether the current adult came; on to the next when they did."""
        adult = self.current_adult()
        if (
            self.shown is None
            or adult is None
            or self._on_wrong_day(lambda: self.mark_current(came))
        ):
            return
        try:
            measure = self.services.events.mark_adult(self.shown.id, adult, came, by=self._by())
        except HarmonyError as exc:
            self._say(str(exc), error=True)
            return
        row = self.view.currentIndex().row()
        self.model.set_attended(adult.key, came)
        self._stored(measure)
        if came and row == self.view.currentIndex().row():
            self.view.step_row(1)

    def _stored(self, measure: FamilyMeasure) -> None:
        self._show_measure(measure)
        self._say(tr("✓ Saved"))
        self.tasks.notify(Changes(events=True), self)
        self.saved.emit(measure)

    def add_walk_in(self) -> None:
        """Ask for a walk-in's name and students, then add them as come."""
        if self.shown is None or self._on_wrong_day(self.add_walk_in):
            return
        event = self.shown
        dialog = WalkInDialog(self.services.events.hub_students(event.hub_id, event.date), self)

        def submit() -> str | None:
            try:
                self.services.events.add_walk_in(
                    event.id,
                    dialog.name.text(),
                    relationship=dialog.relationship.text(),
                    student_ids=checked(dialog.students),
                    by=self._by(),
                )
            except HarmonyError as exc:
                return str(exc)
            return None

        dialog.on_submit = submit
        dialog.accepted.connect(self._reload_after_write)
        self._open(dialog)

    def remove_walk_in(self) -> None:
        """Remove the current walk-in (added by mistake)."""
        adult = self.current_adult()
        if self.shown is None or adult is None or not adult.walk_in:
            self._say(tr("Choose a walk-in to remove."), error=True)
            return
        if self._on_wrong_day(self.remove_walk_in):
            return
        self.services.events.remove_walk_in(self.shown.id, adult.key)
        self._reload_after_write()

    def _reload_after_write(self) -> None:
        if self.shown is None:
            return
        event = self.services.events.family_event(self.shown.id)
        self._stored(event.measure)
        self.show_event(event)

    def _open(self, dialog: QWidget) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _closed(self, dialog: QWidget) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()
        self.view.setFocus()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.save_label.setText(text)
        self.save_label.setStyleSheet(
            "color: #b00020; font-weight: bold" if error else "color: #1b6e20; font-weight: bold"
        )
