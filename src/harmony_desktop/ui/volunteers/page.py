"""The Volunteers tab: every volunteer of the hub with their clearance state (not cleared
in red), the clearances expiring within 30 days for the volunteer coordinator, the
volunteer form, the clearance kinds, import and exports.

Loading runs on the window's database thread; the search filters the loaded list in
memory. The tab reloads when the change notice says volunteers changed (a form here, the
register's volunteer panel, a sync), and when this computer's date turns (a laptop left
open past midnight).

Clearances are judged on this computer's date, unless the register knows that date is
certainly wrong (its clock is behind what was already recorded): then on the newest day
recorded, the day the register's volunteers are judged on too, and a red band says so.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.services.clock_check import at_least
from harmony_desktop.services.context import Services
from harmony_desktop.services.hubs import EnsembleInfo
from harmony_desktop.services.volunteers import (
    EXPIRING_WITHIN_DAYS,
    ClearanceKindInfo,
    ExpiringClearance,
    VolunteerInfo,
    table_title,
    write_private_table,
)
from harmony_desktop.store import settings
from harmony_desktop.ui.file_import import FileImportDialog
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.tasks import Changes, TaskManager
from harmony_desktop.ui.volunteers.dialog import VolunteerDialog
from harmony_desktop.ui.volunteers.kinds import ClearanceKindsDialog
from harmony_desktop.ui.volunteers.model import (
    NOT_CLEARED,
    ExpiringTableModel,
    VolunteerColumn,
    VolunteerIdRole,
    VolunteerTableModel,
    tr,
)
from harmony_desktop.ui.wrong_day import DAY_CHECK_MS, JudgedDayBand

Loaded = tuple[
    list[VolunteerInfo],
    list[ExpiringClearance],
    list[EnsembleInfo],
    list[ClearanceKindInfo],
    dt.date,
]


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setAccessibleName(tr("Rows"))
    view.horizontalHeader().setAccessibleName(tr("Columns"))
    view.horizontalHeader().setStretchLastSection(True)
    return view


class VolunteersPage(QWidget):
    """The volunteers of one hub and what the volunteer coordinator does with them."""

    loaded = Signal(int)
    """The list was (re)loaded: number of volunteers."""

    def __init__(
        self,
        services: Services,
        hub_id: str,
        tasks: TaskManager,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub_id = hub_id
        self.tasks = tasks
        #: this computer's date at the last load
        self.today = services.volunteers.today()
        #: the day the clearances were judged on at the last load: :attr:`today`, or the
        #: newest day the register recorded when this computer's date is certainly wrong
        self.judged_on = self.today
        self.ensembles: list[EnsembleInfo] = []
        self.kinds: list[ClearanceKindInfo] = []
        self.active_dialog: QWidget | None = None
        self._generation = 0
        self._select_next: str | None = None
        self.setAccessibleName(tr("Volunteers"))

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            tr("Search by name, organisation, instrument, skill or ensemble")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search the volunteers"))
        self.search_label = QLabel(tr("Searc&h:"))
        self.search_label.setBuddy(self.search)
        self.show_inactive = QCheckBox(tr("Show ina&ctive"))
        self.show_inactive.setAccessibleName(tr("Show inactive volunteers"))
        self.count = QLabel()
        self.count.setAccessibleName(tr("Number of volunteers shown"))

        self.model = VolunteerTableModel(self.today, self)
        self.view = _table(tr("Volunteers"))
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(VolunteerColumn.NAME, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((160, 95, 250, 125, 70, 200)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())

        self.expiring_title = QLabel()
        self.expiring_title.setAccessibleName(tr("Clearances expiring"))
        self.expiring_model = ExpiringTableModel(self)
        self.expiring_view = _table(tr("Clearances expiring within 30 days"))
        self.expiring_view.setModel(self.expiring_model)
        for column, width in enumerate((95, 180, 200, 160)):
            self.expiring_view.setColumnWidth(column, width)
        self.expiring_view.doubleClicked.connect(self._open_expiring)

        self.new_button = QPushButton(tr("&New volunteer"))
        self.edit_button = QPushButton(tr("&Open"))
        self.remove_button = QPushButton(tr("&Remove"))
        self.kinds_button = QPushButton(tr("Clearance &kinds…"))
        self.import_button = QPushButton(tr("&Import…"))
        self.export_button = QToolButton()
        self.export_button.setText(tr("E&xport"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for kind, label in (
            ("hours", tr("&Hours per volunteer, hub and month…")),
            ("clearances", tr("Clearance &status…")),
            ("summary", tr("S&ummary: active TAs and clearances…")),
            ("expiring", tr("Clearances &expiring within 30 days…")),
        ):
            menu.addAction(label, functools.partial(self.export_to_file, kind))
        self.export_button.setMenu(menu)
        for widget in (
            self.new_button, self.edit_button, self.remove_button, self.kinds_button,
            self.import_button, self.export_button,
        ):  # fmt: skip
            widget.setAccessibleName(widget.text().replace("&", "").rstrip("…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Volunteer messages"))
        self.wrong_day_band = JudgedDayBand()

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        top.addWidget(self.count)
        actions = QHBoxLayout()
        for w in (self.new_button, self.edit_button, self.remove_button, self.kinds_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.expiring_title)
        side_layout.addWidget(self.expiring_view, 1)
        # One above the other: both tables are wide (names, what is due, the hubs and
        # ensembles assisted) and a hub has a handful of volunteers, not hundreds.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setSizes([360, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self.wrong_day_band)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.search.textChanged.connect(self._search)
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        self.new_button.clicked.connect(self.new_volunteer)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.kinds_button.clicked.connect(self.edit_kinds)
        self.import_button.clicked.connect(self.import_file)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        tasks.changed.connect(self._on_changes)
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_day)
        self.day_timer.start()
        self._update_buttons()
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the volunteers, the expiring list, the ensembles and the kinds again."""
        hub_id = self.hub_id
        inactive = self.show_inactive.isChecked()
        self._generation += 1
        generation = self._generation
        self.count.setText(tr("Loading…"))
        self.today = today = self.services.volunteers.today()

        def load(s: Services) -> Loaded:
            # On the day it at least really is: the register's, if this date is wrong.
            day = at_least(today, s.clock.behind())
            return (
                s.volunteers.for_hub(hub_id, include_inactive=inactive, on=day),
                s.volunteers.expiring(hub_id, within_days=EXPIRING_WITHIN_DAYS, on=day),
                s.hubs.ensembles(hub_id),
                s.volunteers.kinds(),
                day,
            )

        QueryOp(
            self.tasks, op=load, success=lambda got: self._loaded(got, generation), parent=self
        ).failure(lambda exc: self.say(str(exc), error=True)).run_in_background()

    def _loaded(self, got: Loaded, generation: int) -> None:
        if generation != self._generation:
            return
        volunteers, expiring, self.ensembles, self.kinds, self.judged_on = got
        self.wrong_day_band.show_judged(
            self.today,
            self.judged_on,
            tr(
                "It says {today}, but this register already has changes from {recorded}, "
                "the earliest today can be: clearances here are judged on that day. Set the "
                "date and time in this computer's settings, then close and reopen Harmony."
            ),
        )
        selected, self._select_next = self._select_next or self.selected_id(), None
        self.model.set_today(self.judged_on)
        self.model.set_volunteers(volunteers)
        self.expiring_model.set_rows(expiring)
        self.expiring_title.setText(
            tr("<b>Expiring within %n day(s)</b> ({count})", "", EXPIRING_WITHIN_DAYS).format(
                count=len(expiring)
            )
        )
        if selected:
            self.select(selected)
        self._show_count()
        self._update_buttons()
        self.loaded.emit(self.model.rowCount())

    def _show_count(self) -> None:
        blocked = self.model.not_cleared()
        text = tr("%n volunteer(s)", "", self.model.rowCount())
        if blocked:
            text += " · " + tr("%n active not cleared", "", blocked)
        self.count.setText(text)
        self.count.setStyleSheet(f"color: {NOT_CLEARED.name()}" if blocked else "")

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        # after a sync too: the register compares the clock again then
        if changes.volunteers or changes.roster or changes.sync:
            self.reload()

    def check_day(self) -> None:
        """Load again if this computer's date turned since the last load (a laptop left
        open past midnight judges on the new day)."""
        if self.services.volunteers.today() != self.today:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """The tab shown: on today's date (it may have turned while another tab was)."""
        super().showEvent(event)
        self.check_day()

    def _search(self, text: str) -> None:
        self.model.set_query(text)
        self._show_count()

    # -- selection -----------------------------------------------------------------------

    def selected_id(self) -> str | None:
        """The id of the selected volunteer."""
        index = self.view.currentIndex()
        return self.model.data(index, VolunteerIdRole) if index.isValid() else None

    def select(self, volunteer_id: str) -> None:
        """Select ``volunteer_id`` if shown."""
        row = self.model.row_of(volunteer_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _open_expiring(self, index: Any) -> None:
        volunteer_id = self.expiring_model.data(index, VolunteerIdRole)
        if volunteer_id:
            if self.model.row_of(volunteer_id) < 0:
                self.search.clear()
            self.select(volunteer_id)
            self.edit_selected()

    # -- actions -------------------------------------------------------------------------

    def new_volunteer(self) -> None:
        """Open an empty volunteer form."""
        self._open_form(None)

    def edit_selected(self) -> None:
        """Open the selected volunteer's form."""
        volunteer_id = self.selected_id()
        if volunteer_id is None:
            return
        row = self.model.row_of(volunteer_id)
        self._open_form(self.model.volunteer(row))

    def _open_form(self, volunteer: VolunteerInfo | None) -> None:
        # Small reads, so the form is right even before the list has loaded.
        self.ensembles = self.services.hubs.ensembles(self.hub_id)
        self.kinds = self.services.volunteers.kinds()
        dialog = VolunteerDialog(
            self.services, self.hub_id, self.ensembles, self.kinds, volunteer, self.today, self,
            judged_on=self.judged_on,
        )  # fmt: skip
        dialog.saved.connect(self._saved)
        self._open(dialog)

    def _saved(self, volunteer_id: str) -> None:
        self.say(tr("Saved."))
        self._select_next = volunteer_id
        self.tasks.notify(Changes(volunteers=True), self)

    def remove_selected(self) -> None:
        """Remove the selected volunteer after asking."""
        volunteer_id = self.selected_id()
        if volunteer_id is None:
            return
        volunteer = self.model.volunteer(self.model.row_of(volunteer_id))
        hub_id = self.hub_id
        visiting = volunteer.hub_id not in (None, hub_id)
        if visiting:
            # Their record belongs to their home hub: this hub can only stop their visits.
            question = tr(
                "Stop {name} assisting at this hub? Their record stays with their home hub."
            )
        else:
            question = tr(
                "Remove {name}? Their record and assignments are deleted on every laptop; "
                "hours already recorded stay in the reports."
            )

        def op(s: Services) -> None:
            if visiting:
                s.volunteers.leave_hub(volunteer_id, hub_id)
            else:
                s.volunteers.remove(volunteer_id)

        answer = QMessageBox.question(
            self, tr("Remove volunteer"), question.format(name=volunteer.display_name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        CollectionOp(
            self.tasks,
            op=op,
            changes=Changes(volunteers=True),
            parent=self,
        ).success(lambda _r: self.say(tr("Removed."))).failure(
            lambda exc: self.say(str(exc), error=True)
        ).run_in_background()

    def edit_kinds(self) -> None:
        """The clearance kinds (editable on a data manager's laptop, or before enrolling)."""
        enrolled = self.services.store.settings.get(settings.SYNC_SERVER) is not None
        manager = self.services.store.settings.get(settings.SYNC_DATA_MANAGER)
        kinds = self.services.volunteers.kinds(include_inactive=True)
        dialog = ClearanceKindsDialog(
            self.services, kinds, editable=manager or not enrolled, parent=self
        )
        dialog.accepted.connect(lambda: self.tasks.notify(Changes(volunteers=True), self))
        dialog.accepted.connect(self.reload)
        self._open(dialog)

    def import_file(self) -> FileImportDialog:
        """The import window: choose a CSV or .xlsx file, say how it writes dates with
        numbers if the check asks, see the dry run, then import."""
        from harmony_desktop.services.importing import read_table

        hub_id = self.hub_id

        def dry_run(s: Services, path: Path, order: str | None) -> Any:
            return s.volunteer_import.dry_run(hub_id, read_table(path), date_order=order)

        def apply(s: Services, path: Path, order: str | None) -> Any:
            return s.volunteer_import.apply(hub_id, read_table(path), date_order=order)

        dialog = FileImportDialog(
            self.tasks,
            title=tr("Import volunteers"),
            dry_run=dry_run,
            apply=apply,
            rows=lambda report: [
                tr("row {row}: {reason}").format(row=r.line, reason=r.reason)
                for r in report.rejected
            ],
            importable=lambda report: report.created + report.updated > 0,
            changes=Changes(volunteers=True),
            parent=self,
        )
        dialog.imported.connect(
            lambda done: self.say(tr("Imported: {summary}").format(summary=done.summary()))
        )
        self._open(dialog)
        return dialog

    def import_path(self, path: Path) -> FileImportDialog:
        """The import window, checking ``path`` at once."""
        dialog = self.import_file()
        dialog.load_file(path)
        return dialog

    def export_to_file(self, kind: str) -> None:
        """Write a volunteer table (hours over the last year) to a file only you can read."""
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Export"), f"volunteers-{kind}.xlsx", tr("Excel (*.xlsx);;CSV (*.csv)")
        )
        if path:
            self.export_path(kind, Path(path))

    def export_path(self, kind: str, path: Path) -> None:
        """Write ``kind`` to ``path`` in the background."""
        hub_id = self.hub_id
        last = self.judged_on
        first = last - dt.timedelta(days=365)

        def export(s: Services) -> int:
            volunteers = s.volunteers
            if kind == "hours":
                headers, rows = volunteers.hours_table(hub_id, first, last)
            elif kind == "clearances":
                headers, rows = volunteers.clearance_table(hub_id, on=last)
            elif kind == "summary":
                headers, rows = volunteers.summary_table(hub_id, first, last, on=last)
            else:
                headers = [tr("Volunteer"), tr("Clearance"), tr("Expires"), tr("Days left")]
                rows = [
                    [e.volunteer_name, e.kind_label, e.expires_on, e.days_left]
                    for e in volunteers.expiring(hub_id, on=last)
                ]
            write_private_table(path, headers, rows, title=table_title(kind))
            return len(rows)

        QueryOp(
            self.tasks,
            op=export,
            success=lambda n: self.say(tr("%n row(s) written to {path}", "", n).format(path=path)),
            parent=self,
        ).failure(lambda exc: self.say(str(exc), error=True)).run_in_background()

    # -- helpers -----------------------------------------------------------------------------

    def _open(self, dialog: QWidget) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _closed(self, dialog: QWidget) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()

    def say(self, text: str, *, error: bool = False) -> None:
        """Show a message under the list."""
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {NOT_CLEARED.name()}" if error else "")

    def shutdown(self) -> None:
        """Nothing runs on its own here; kept for the window's symmetry."""
