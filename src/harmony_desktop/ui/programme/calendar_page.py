"""The School year page of the Programme window: the programme year's dates, its terms,
and the closure days (the whole programme, or one hub). Typed dates of the year or a
term, and a closure day typed and not added, are asked about before they would be
dropped (``unsaved.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.access import Access
from harmony_desktop.services.calendar import ClosureInfo, TermInfo, YearInfo
from harmony_desktop.services.context import Services
from harmony_desktop.ui.datefield import DateBox
from harmony_desktop.ui.language import date_text, day_text
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.programme.models import Column, RecordsModel
from harmony_desktop.ui.programme.pages import (
    ERROR_STYLE,
    SETUP_CHANGED,
    button,
    combo,
    line_edit,
    select_data,
    table_view,
    tr,
)
from harmony_desktop.ui.programme.unsaved import UnsavedForm
from harmony_desktop.ui.tasks import Changes, TaskManager

#: the year's dates and the term's fields, as the form shows them
_Form = tuple[dt.date, dt.date, str, dt.date, dt.date]
YEAR, TERM = slice(0, 2), slice(2, 5)
#: the closure form's day and reason
_Closure = tuple[dt.date, str]


#: what a date box says before the page has shown a date in it
_NO_DAY_YET = dt.date(2000, 1, 1)


def date_edit(name: str) -> DateBox:
    """A date box (typed whole, or picked from its calendar) and its accessible name."""
    edit = DateBox(_NO_DAY_YET)
    edit.setAccessibleName(name)
    return edit


def set_day(edit: DateBox, day: dt.date) -> None:
    """Show ``day`` in a date box."""
    edit.set_day(day)


def day_of(edit: DateBox) -> dt.date:
    """The date a date box says (the last one it read while its text is none)."""
    return edit.day() or _NO_DAY_YET


@dataclass(frozen=True)
class _Loaded:
    access: Access
    years: list[YearInfo]
    terms: list[TermInfo]
    closures: list[ClosureInfo]
    hubs: dict[str, str]
    current: str


class CalendarPage(QWidget, UnsavedForm):
    """The year, its terms, and the days closed."""

    loaded = Signal()
    """What the page shows was read."""
    saved = Signal()
    """A change was stored."""
    failed = Signal(str)
    """A change was refused: the message shown."""

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.today = today or dt.date.today()
        self.access = Access()
        self.year_label: str | None = None
        self._years: list[YearInfo] = []
        self._terms: list[TermInfo] = []
        self._generation = 0
        self._shown: _Form | None = None  # the form as last shown (what is stored)
        self._then: Callable[[], object] | None = None
        self._after_load: Callable[[], object] | None = None
        self._closure_shown: _Closure = (self.today, "")  # the closure form, nothing typed

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("About this page"))
        self.note.hide()

        # the year
        self.year_box = combo(tr("School year"), [])
        self.year_box.currentIndexChanged.connect(self._year_chosen)
        self.year_first = date_edit(tr("First day of the school year"))
        self.year_last = date_edit(tr("Last day of the school year"))
        self.save_year_button = button(tr("Save t&he year's dates"), tr("Save the year's dates"))
        self.save_year_button.clicked.connect(self.save_year)
        year_group = QGroupBox(tr("School year"))
        year_form = QFormLayout(year_group)
        year_form.addRow(tr("Yea&r:"), self.year_box)
        year_form.addRow(tr("F&irst day:"), self.year_first)
        year_form.addRow(tr("Last &day:"), self.year_last)
        year_form.addRow("", self.save_year_button)

        # its terms
        self.terms_model: RecordsModel[TermInfo] = RecordsModel(
            [
                Column(tr("Term"), lambda t: t.name),
                Column(tr("First day"), lambda t: day_text(t.first_day)),
                Column(tr("Last day"), lambda t: day_text(t.last_day)),
            ],
            self,
        )
        self.terms_view = table_view(self.terms_model, tr("Terms"))
        self.terms_view.selectionModel().currentRowChanged.connect(self._term_chosen)
        self.term_name = line_edit(tr("Term name"))
        self.term_first = date_edit(tr("First day of the term"))
        self.term_last = date_edit(tr("Last day of the term"))
        self.add_term_button = button(tr("Add &term"), tr("Add a term"))
        self.save_term_button = button(tr("Sa&ve term"), tr("Save the chosen term"))
        self.delete_term_button = button(tr("Remove ter&m"), tr("Remove the chosen term"))
        self.add_term_button.clicked.connect(lambda: self.save_term(new=True))
        self.save_term_button.clicked.connect(lambda: self.save_term(new=False))
        self.delete_term_button.clicked.connect(self.delete_term)
        terms_group = QGroupBox(tr("Terms"))
        terms_layout = QVBoxLayout(terms_group)
        terms_layout.addWidget(self.terms_view)
        term_form = QFormLayout()
        term_form.addRow(tr("&Name:"), self.term_name)
        term_form.addRow(tr("From:"), self.term_first)
        term_form.addRow(tr("To:"), self.term_last)
        terms_layout.addLayout(term_form)
        term_buttons = QHBoxLayout()
        for made in (self.add_term_button, self.save_term_button, self.delete_term_button):
            term_buttons.addWidget(made)
        term_buttons.addStretch(1)
        terms_layout.addLayout(term_buttons)

        # closures
        self.closures_model: RecordsModel[ClosureInfo] = RecordsModel(
            [
                Column(tr("Date"), lambda c: date_text(c.date)),
                Column(tr("Closed"), lambda c: c.hub_name or tr("Whole programme")),
                Column(tr("Reason"), lambda c: c.reason),
            ],
            self,
        )
        self.closures_view = table_view(self.closures_model, tr("Closure days"))
        self.closure_date = date_edit(tr("Day closed"))
        self.closure_hub = combo(tr("Who is closed"), [])
        self.closure_reason = line_edit(tr("Reason for the closure"))
        self.add_closure_button = button(tr("Add c&losure"), tr("Add a closure day"))
        self.remove_closure_button = button(
            tr("Reo&pen the day"), tr("Remove the chosen closure day")
        )
        self.add_closure_button.clicked.connect(self.add_closure)
        self.remove_closure_button.clicked.connect(self.remove_closure)
        closures_group = QGroupBox(tr("Closure days (no sessions)"))
        closures_layout = QVBoxLayout(closures_group)
        closures_layout.addWidget(self.closures_view)
        closure_form = QFormLayout()
        closure_form.addRow(tr("D&ate:"), self.closure_date)
        closure_form.addRow(tr("Closed f&or:"), self.closure_hub)
        closure_form.addRow(tr("Rea&son:"), self.closure_reason)
        closures_layout.addLayout(closure_form)
        closure_buttons = QHBoxLayout()
        closure_buttons.addWidget(self.add_closure_button)
        closure_buttons.addWidget(self.remove_closure_button)
        closure_buttons.addStretch(1)
        closures_layout.addLayout(closure_buttons)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Result"))

        left = QVBoxLayout()
        left.addWidget(year_group)
        left.addWidget(terms_group, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(closures_group, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        set_day(self.closure_date, self.today)
        tasks.changed.connect(self._changed_elsewhere)

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the years, terms and closures again."""
        today = self.today

        def load(s: Services) -> _Loaded:
            years = s.calendar.years(today)
            return _Loaded(
                s.calendar.access(),
                years,
                [t for y in years for t in s.calendar.terms(y.label)],
                s.calendar.closures(),
                {h.id: h.name for h in s.hubs.hubs()},
                s.calendar.programme_year_for(today).label,
            )

        self._generation += 1
        generation = self._generation

        def arrived(loaded: _Loaded) -> None:
            if generation == self._generation:  # an older read may predate the last change
                self._loaded(loaded)

        QueryOp(self.tasks, op=load, success=arrived, parent=self).failure(
            self._failed
        ).run_in_background()

    def _loaded(self, loaded: _Loaded) -> None:
        self.access = loaded.access
        self._years = loaded.years
        self._terms = loaded.terms
        wanted = self.year_label or loaded.current
        typed = self._form() if self._year_or_term_changed() else None  # stays on screen
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in loaded.years:
            self.year_box.addItem(year.label, year.label)
        select_data(self.year_box, wanted)
        self.year_box.blockSignals(False)
        self._show_year()
        if typed is not None:
            self._set_form(typed)
        self.closures_model.set_records(loaded.closures)
        hub = self.closure_hub.currentData()
        self.closure_hub.clear()
        self.closure_hub.addItem(tr("The whole programme"), None)
        for hub_id, name in sorted(loaded.hubs.items(), key=lambda kv: kv[1]):
            self.closure_hub.addItem(name, hub_id)
        select_data(self.closure_hub, hub)
        programme = self.access.programme_editable
        for widget in (
            self.save_year_button,
            self.add_term_button,
            self.save_term_button,
            self.delete_term_button,
        ):
            widget.setEnabled(programme)
        self.note.setVisible(not programme)
        self.note.setText(
            tr(
                "The school year and its terms are shared by the whole programme: a data "
                "manager sets them. Closure days of this laptop's hubs can be added here."
            )
        )
        self.loaded.emit()
        then, self._after_load = self._after_load, None
        if then is not None:
            then()

    def _changed_elsewhere(self, changes: Changes, initiator: object) -> None:
        if changes.setup and initiator is not self:
            self.reload()

    def _year_chosen(self) -> None:
        chosen = self.year_box.currentData()
        if self._year_or_term_changed():  # the year shown until the typed dates are saved or not
            self.year_box.blockSignals(True)
            select_data(self.year_box, self.year_label)
            self.year_box.blockSignals(False)

            def choose() -> None:
                select_data(self.year_box, chosen)

            if self.confirm_leave(choose):
                choose()
            return
        self.year_label = chosen
        self._show_year()

    def _show_year(self) -> None:
        label = self.year_box.currentData()
        year = next((y for y in self._years if y.label == label), None)
        if year is None:
            return
        self.year_label = year.label
        set_day(self.year_first, year.first_day)
        set_day(self.year_last, year.last_day)
        self.terms_model.set_records([t for t in self._terms if t.year_label == year.label])
        self.term_name.clear()
        set_day(self.term_first, year.first_day)
        set_day(self.term_last, year.last_day)
        self._shown = self._form()

    def _term_chosen(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid() or not self.row_may_change(
            self.terms_view, current, previous, changed=self._year_or_term_changed
        ):
            return
        term = self.terms_model.record(current.row())
        if term is not None:
            self.term_name.setText(term.name)
            set_day(self.term_first, term.first_day)
            set_day(self.term_last, term.last_day)
            self._shown = self._form()

    # -- typed changes (UnsavedForm) -----------------------------------------------------

    def _form(self) -> _Form:
        return (
            day_of(self.year_first),
            day_of(self.year_last),
            self.term_name.text(),
            day_of(self.term_first),
            day_of(self.term_last),
        )

    def _set_form(self, form: _Form) -> None:
        set_day(self.year_first, form[0])
        set_day(self.year_last, form[1])
        self.term_name.setText(form[2])
        set_day(self.term_first, form[3])
        set_day(self.term_last, form[4])

    def _closure_form(self) -> _Closure:
        return (day_of(self.closure_date), self.closure_reason.text())

    def _closure_changed(self) -> bool:
        """A closure day (or its reason) typed and not added."""
        return self._closure_form() != self._closure_shown

    def _year_or_term_changed(self) -> bool:
        if self._shown is None or not self.access.programme_editable:
            return False
        return self._form() != self._shown

    def has_changes(self) -> bool:
        return self._year_or_term_changed() or self._closure_changed()

    def question(self) -> str:
        if self._year_or_term_changed():
            return super().question()
        return tr("Save the closure day you typed ({day})?").format(
            day=date_text(day_of(self.closure_date))
        )

    def _chosen_term(self) -> TermInfo | None:
        return self.terms_model.record(self.terms_view.currentIndex().row())

    def changes_name(self) -> str:
        if self._shown is None:
            return ""
        if self._form()[TERM] == self._shown[TERM]:
            return self.year_label or ""
        term = self._chosen_term()
        return term.name if term is not None else self.term_name.text()

    def save_changes(self, then: Callable[[], object]) -> None:
        """Save what the question asked about: the year's and term's typed dates, or
        else the closure day typed (then a question about the other, if any)."""
        self._then = then
        if self._refused(self.year_first, self.year_last, self.term_first, self.term_last):
            return
        if not self._year_or_term_changed() or self._shown is None:
            self.add_closure()
            return
        form, label, term = self._form(), self.year_label, self._chosen_term()
        year_changed = form[YEAR] != self._shown[YEAR]
        term_changed = form[TERM] != self._shown[TERM]
        term_id = term.id if term is not None else None

        def write(s: Services) -> None:
            if label and year_changed:
                s.calendar.save_year(label, form[0], form[1])
            if label and term_changed:
                s.calendar.save_term(label, form[2], form[3], form[4], term_id)

        self._write(write, tr("Saved."), stored=form)

    def discard_changes(self) -> None:
        """Show again what the question asked about: the stored year and term, or else
        the closure form as it was (nothing typed, or the day last added)."""
        if self._shown is not None and self._year_or_term_changed():
            self._set_form(self._shown)
        else:
            set_day(self.closure_date, self._closure_shown[0])
            self.closure_reason.setText(self._closure_shown[1])
        self.message.clear()

    # -- changes ---------------------------------------------------------------------------

    def _write(
        self,
        op: Callable[[Services], Any],
        done: str,
        *,
        stored: _Form | None = None,
        part: slice = slice(0, 5),
        closure: _Closure | None = None,
    ) -> None:
        """Run ``op``; once it is stored, the ``part`` of the form it saved (``stored``)
        counts as stored, and so does the closure it added (``closure``)."""
        CollectionOp(self.tasks, op=op, changes=SETUP_CHANGED, parent=self).success(
            lambda _r: self._saved(done, stored, part, closure)
        ).failure(self._failed).run_in_background(initiator=self)

    def save_year(self) -> None:
        """Store the chosen year's first and last day."""
        label, first, last = self.year_label, day_of(self.year_first), day_of(self.year_last)
        if label and not self._refused(self.year_first, self.year_last):
            self._write(
                lambda s: s.calendar.save_year(label, first, last),
                tr("Year saved."),
                stored=self._form(),
                part=YEAR,
            )

    def save_term(self, *, new: bool) -> None:
        """Add a term, or save the chosen one."""
        label = self.year_label
        term = None if new else self.terms_model.record(self.terms_view.currentIndex().row())
        if not label or (not new and term is None):
            return
        if self._refused(self.term_first, self.term_last):
            return
        name, first, last = self.term_name.text(), day_of(self.term_first), day_of(self.term_last)
        term_id = term.id if term is not None else None
        self._write(
            lambda s: s.calendar.save_term(label, name, first, last, term_id),
            tr("Term saved."),
            stored=self._form(),
            part=TERM,
        )

    def delete_term(self) -> None:
        """Remove the chosen term."""
        term = self.terms_model.record(self.terms_view.currentIndex().row())
        if term is not None:
            term_id = term.id
            self._write(lambda s: s.calendar.delete_term(term_id), tr("Term removed."))

    def add_closure(self) -> None:
        """Close the chosen day for the programme or one hub."""
        if self._refused(self.closure_date):
            return
        day, hub_id = day_of(self.closure_date), self.closure_hub.currentData()
        reason = self.closure_reason.text()
        self._write(
            lambda s: s.calendar.add_closure(day, reason, hub_id),
            tr("{day} is closed: no sessions that day.").format(day=date_text(day)),
            closure=(day, reason),
        )

    def remove_closure(self) -> None:
        """Open the chosen closure day again."""
        closure = self.closures_model.record(self.closures_view.currentIndex().row())
        if closure is not None:
            row_id = closure.id
            self._write(lambda s: s.calendar.remove_closure(row_id), tr("The day is open again."))

    def _saved(
        self,
        text: str,
        stored: _Form | None = None,
        part: slice = YEAR,
        closure: _Closure | None = None,
    ) -> None:
        if closure is not None:
            self._closure_shown = closure
        if stored is not None and self._shown is not None:
            saved = range(5)[part]
            shown = [stored[i] if i in saved else self._shown[i] for i in range(5)]
            self._shown = cast(_Form, tuple(shown))
        self._after_load, self._then = self._then, None
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.reload()
        self.saved.emit()

    def _refused(self, *boxes: DateBox) -> bool:
        """Say the first box whose text is no date, and put the keyboard in it."""
        for box in boxes:
            refused = box.refusal()
            if refused:
                self._then = None  # the form stays, with the message
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(refused)
                self.failed.emit(refused)
                box.setFocus()
                return True
        return False

    def _failed(self, exc: Exception) -> None:
        self._then = None  # refused: the form stays, with the message
        if isinstance(exc, HarmonyError):
            text = str(exc)
        else:
            text = tr("That did not work ({error}). Try again.").format(error=type(exc).__name__)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.failed.emit(text)
