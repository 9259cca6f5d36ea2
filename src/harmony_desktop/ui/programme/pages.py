"""The pages of the Programme window that list records and edit one at a time: hubs,
staff and attendance codes (ensembles and the school year have pages of their own).

Each page is a table on the left and a form on the right. Loading runs on the window's
database thread (``QueryOp``), saving too (``CollectionOp``), which then tells every view
that the set-up changed. What this laptop may change (``services/access.py``) decides
whether a page can edit at all; the services refuse anything else with a message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.domain.vocab import StaffRole
from harmony_desktop.services.access import Access
from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import (
    DEFAULT_TIMEZONE,
    PARTNER_KINDS,
    CodeRecord,
    HubRecord,
    StaffRecord,
)
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.programme.models import Column, RecordsModel
from harmony_desktop.ui.programme.unsaved import UnsavedForm
from harmony_desktop.ui.tasks import Changes, TaskManager

R = TypeVar("R")
ERROR_STYLE = "color: #a40000; font-weight: bold;"
#: What a set-up change tells the other views.
SETUP_CHANGED = Changes(setup=True, sessions=True, enrollment=True)


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate a Programme window string (context ``Programme``); ``n`` picks the plural form
    of a ``%n`` text (lupdate reads it as the third argument)."""
    return QCoreApplication.translate("Programme", text, disambiguation or None, n)


def role_label(role: str) -> str:
    """A staff role in words."""
    labels = {
        StaffRole.TEACHER.value: tr("Teacher"),
        StaffRole.TEACHING_ARTIST.value: tr("Teaching artist"),
        StaffRole.SITE_LEAD.value: tr("Site lead"),
        StaffRole.STAFF.value: tr("Staff"),
        StaffRole.DATA_MANAGER.value: tr("Data manager"),
    }
    return labels.get(role, role)


def partner_kind_label(kind: str) -> str:
    """A partner kind in words."""
    labels = {
        "park": tr("Park"),
        "school": tr("School"),
        "community_centre": tr("Community centre"),
        "other": tr("Other"),
    }
    return labels.get(kind, kind)


def button(text: str, accessible: str) -> QPushButton:
    """A push button with its accessible name."""
    made = QPushButton(text)
    made.setAccessibleName(accessible)
    return made


def check_box(text: str) -> QCheckBox:
    """A check box read out by its label (without the Alt+key's ``&``)."""
    made = QCheckBox(text)
    made.setAccessibleName(text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    return made


def table_view(model: RecordsModel[Any], name: str) -> QTableView:
    """A read-only, row-selecting table for a records model."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class _SharedColumns(QObject):
    """Keeps a list's columns inside its width (see :func:`share_columns`)."""

    def __init__(self, view: QTableView, flexible: Sequence[int], under: Sequence[int]) -> None:
        super().__init__(view)
        self.view = view
        self.flexible = list(flexible)
        self.under = list(under)
        self._one_line_rows = view.verticalHeader().defaultSectionSize()
        self._fitting = False
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setWordWrap(False)  # one line a row, cut with "…"
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.fit)
        model.dataChanged.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self, *_args: object) -> None:
        """Each column as wide as its contents when they all fit, the last taking what is
        left over; otherwise the flexible columns share what the others leave, the
        narrowest whole and the widest cut (at least 40 px each). With ``under``
        columns, when they do not all fit, those are hidden and shown under the first
        column on a second line, which takes what the others leave."""
        if self._fitting:  # the model's second line changed the data: already fitting
            return
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        view, header = self.view, self.view.horizontalHeader()
        count = header.count()
        if count == 0:
            return
        room = view.viewport().width()
        two_lines = self._choose_lines(room)
        shown = [c for c in range(count) if not view.isColumnHidden(c)]
        wanted = {c: max(view.sizeHintForColumn(c), header.sectionSizeHint(c) + 4) for c in shown}
        widths = dict(wanted)
        flexible = [c for c in self.flexible if c in wanted]
        if two_lines:  # the first column takes what the figures leave, half at least
            left = room - sum(w for c, w in wanted.items() if c != 0)
            widths[0] = max(40, left, min(wanted[0], room // 2))
        elif sum(wanted.values()) > room:
            left = room - sum(w for c, w in wanted.items() if c not in flexible)
            flexible.sort(key=lambda c: wanted[c])
            for done, column in enumerate(flexible):
                share = left // (len(flexible) - done)
                widths[column] = max(40, min(wanted[column], share))
                left -= widths[column]
        else:
            widths[shown[-1]] += room - sum(wanted.values())
        for column, width in widths.items():
            header.resizeSection(column, width)

    def _choose_lines(self, room: int) -> bool:
        """Whether the ``under`` columns go under the first on a second line: when the
        list's columns, each as wide as its widest text on one line, do not fit ``room``."""
        view, header = self.view, self.view.horizontalHeader()
        model = view.model()
        if not self.under or not isinstance(model, RecordsModel):
            return False
        metrics = view.fontMetrics()
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
        beside = 2 * (margin + 1) + 1  # the room a cell keeps beside its text
        rows = range(model.rowCount())
        one_line = sum(
            max(
                header.sectionSizeHint(c) + 4,
                max((metrics.horizontalAdvance(model.line(r, c)) for r in rows), default=0)
                + beside,
            )
            for c in range(header.count())
        )
        two_lines = one_line > room
        if two_lines != model.two_lines:
            model.set_two_lines(two_lines)
            for column in self.under:
                view.setColumnHidden(column, two_lines)
            lines = 2 * metrics.lineSpacing() + 6
            rows_high = max(self._one_line_rows, lines) if two_lines else self._one_line_rows
            view.verticalHeader().setDefaultSectionSize(rows_high)
        return two_lines


def share_columns(view: QTableView, flexible: Sequence[int], under: Sequence[int] = ()) -> None:
    """Fit ``view``'s columns to its width, never sideways scrolling on a narrow window
    (a 1024-pixel netbook): columns keep their contents' width while they fit; when they
    do not, the ``flexible`` (text) columns share the room left, their text cut with "…"
    (whole in the tooltip and read out whole). With ``under`` (columns the first
    column's :class:`~harmony_desktop.ui.programme.models.Column` repeats on a second
    line), those are hidden instead, and the first column, two lines tall, takes the room
    left."""
    _SharedColumns(view, flexible, under)


class _DetailsScroll(QScrollArea):
    """A form that scrolls only when the window is shorter than the form: on a 1024x600
    netbook (the window 552 px high) the Ensembles details need 532 px of their own.
    The field the keyboard goes to (Tab, or a label's Alt key) is scrolled into sight."""

    def __init__(self) -> None:
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        body = self.widget()
        if now is not None and body is not None and body.isAncestorOf(now):
            self.ensureWidgetVisible(now)

    def sizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().sizeHint()
        hint = body.sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().minimumSizeHint()
        width = body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width, DETAILS_MIN_HEIGHT)


# The least height a page's details are given before they scroll.
DETAILS_MIN_HEIGHT = 160


def details_scroll(details: QWidget) -> QScrollArea:
    """``details`` (a page's form) in a frameless scroll area: whole when there is room,
    scrolled (with the keyboard's focus kept in sight) on a short screen."""
    scroll = _DetailsScroll()
    scroll.setWidget(details)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setAccessibleName(details.accessibleName() or tr("Details"))
    return scroll


class EditorPage(QWidget, UnsavedForm, Generic[R]):
    """A list of records and a form for one of them: New, Save. Before the form is given
    another record, typed changes are saved or discarded as the user says (``UnsavedForm``).

    Subclasses give the columns, build the form, fill it from a record, read a record
    back from it, and say how to load and save.
    """

    loaded = Signal()
    """The records are on screen."""
    saved = Signal(object)
    """A record was saved: what the service returned."""
    failed = Signal(str)
    """A load or a save failed: the message shown."""

    #: what the table is called (screen readers)
    list_name = ""

    def __init__(self, services: Services, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.access = Access()
        self.current_id: str | None = None
        self._generation = 0
        self._reselecting = False
        # how many times the form was given another record or a new one (a save
        # that comes back after the user moved on leaves the form alone)
        self._edits = 0
        # the form holds a new record being typed (a reload must not clear it)
        self._typing_new = False
        # the form as last filled (what is stored), and what to do once a save that
        # was asked for (Save the changes?) is stored and read back
        self._shown: object = None
        self._then: Callable[[], object] | None = None
        # the record a save under way is storing: a form holding it asks nothing (New
        # pressed before the save is back goes on; a refused save says so)
        self._saving: object = None
        # whether the form held typed changes when the last read arrived
        self._typed_at_load: bool | None = None
        self._keep_typed = False
        self._after_load: Callable[[], object] | None = None
        self.model: RecordsModel[R] = RecordsModel(self.columns(), self)
        self.view = table_view(self.model, self.list_name)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("About this page"))
        self.note.hide()
        self.form = QFormLayout()
        self.new_button = button(tr("Ne&w"), tr("New"))
        self.save_button = button(tr("&Save"), tr("Save"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Result"))
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)

        self.editor = QGroupBox(tr("Details"))
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addLayout(self.form)
        self.build_form()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        for extra in self.extra_buttons():
            buttons.addWidget(extra)
        buttons.addStretch(1)
        editor_layout.addLayout(buttons)
        editor_layout.addWidget(self.message)
        editor_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        body = QHBoxLayout()
        # the list's side (a page may put a row above the list alone: the details
        # beside it keep their height)
        self.list_side = QVBoxLayout()
        self.list_side.addWidget(self.view)
        body.addLayout(self.list_side, 3)
        body.addWidget(details_scroll(self.editor), 2)
        layout.addLayout(body, 1)
        tasks.changed.connect(self._changed_elsewhere)

    # -- what a page gives -------------------------------------------------------------

    def columns(self) -> Sequence[Column[R]]:
        """The table's columns."""
        raise NotImplementedError

    def build_form(self) -> None:
        """Add the form's fields to :attr:`form`."""
        raise NotImplementedError

    def extra_buttons(self) -> list[QPushButton]:
        """Buttons besides New and Save."""
        return []

    def load(self, services: Services) -> tuple[Access, list[R]]:
        """Read the records (on the database thread)."""
        raise NotImplementedError

    def fill(self, record: R | None) -> None:
        """Show ``record`` in the form (None: an empty form for a new one)."""
        raise NotImplementedError

    def record(self) -> R:
        """The record the form holds."""
        raise NotImplementedError

    def save_op(self, record: R) -> Callable[[Services], Any]:
        """The write that saves ``record`` (run on the database thread)."""
        raise NotImplementedError

    def editable(self, access: Access) -> bool:
        """Whether this laptop may change these records at all."""
        return True

    def read_only_note(self) -> str:
        """Why the page cannot change anything here."""
        return ""

    def saved_text(self, result: Any) -> str:
        """What to say after a save."""
        return tr("Saved.")

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the records again, keeping the one shown (only the newest read counts:
        an older one may have started before the last save)."""
        self._generation += 1
        generation = self._generation

        def arrived(loaded: Any) -> None:
            if generation == self._generation:
                self._loaded(loaded)

        QueryOp(self.tasks, op=self.load, success=arrived, parent=self).failure(
            self._failed
        ).run_in_background()

    def typed_before_load(self) -> None:
        """Note whether the form holds typed changes, before a read refills the lists
        the form chooses from (a subclass calls it first; a teacher archived meanwhile
        leaves its list, which is not typing)."""
        if self._typed_at_load is None:
            self._typed_at_load = self.has_changes()

    def _loaded(self, loaded: tuple[Access, list[R]]) -> None:
        self.typed_before_load()
        self._keep_typed, self._typed_at_load = bool(self._typed_at_load), None
        self.access, records = loaded
        keep = self.current_id
        self.model.set_records(records)
        can_edit = self.editable(self.access)
        self.note.setVisible(not can_edit)
        self.note.setText(self.read_only_note())
        for widget in (self.new_button, self.save_button, *self.extra_buttons()):
            widget.setEnabled(can_edit)
        row = self.model.row_of(keep)
        if row >= 0:
            # The same record again (after a save): what the save said stays on screen.
            self._reselecting = True
            try:
                self.view.selectRow(row)
            finally:
                self._reselecting = False
        elif keep is not None or not self._typing_new:
            self.current_id = None
            self.show_record(None)
        self.loaded.emit()
        then, self._after_load = self._after_load, None
        if then is not None:
            then()

    def _changed_elsewhere(self, changes: Changes, initiator: object) -> None:
        if changes.setup and initiator is not self:
            self.reload()

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reselecting:
            if self._keep_typed:  # read again under the typing: what was typed stays
                return
        elif not self.row_may_change(self.view, current, previous):
            return
        record = self.model.record(current.row())
        self.current_id = getattr(record, "id", None) if record is not None else None
        self.show_record(record)
        if record is not None:
            self._typing_new = False
        if not self._reselecting:
            self._edits += 1
            self.message.clear()

    def start_new(self) -> None:
        """Clear the form for a new record (once typed changes are saved or discarded)."""
        if not self.confirm_leave(self.start_new):
            return
        self._putting_back = True  # no row is chosen: nothing to ask or fill
        try:
            self.view.clearSelection()
            self.view.selectionModel().clearCurrentIndex()
        finally:
            self._putting_back = False
        self.current_id = None
        self._edits += 1
        self._typing_new = True
        self.show_record(None)
        self.message.setText(tr("New: fill in the details, then Save."))
        self.first_field().setFocus()  # typing goes into the form at once

    def first_field(self) -> QWidget:
        """The form's first field (where New puts the keyboard)."""
        field = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
        widget = field.widget() if field is not None else None
        return widget or self

    def show_record(self, record: R | None) -> None:
        """Fill the form with ``record`` (None: a new one) and remember it as stored."""
        self.fill(record)
        self._shown = self._form()

    def _form(self) -> object:
        """What the form holds (a form that cannot be read differs from everything)."""
        try:
            return self.record()
        except HarmonyError:
            return object()

    # -- typed changes (UnsavedForm) -----------------------------------------------------

    def has_changes(self) -> bool:
        if self._shown is None:  # not read yet
            return False
        form = self._form()
        return self.editable(self.access) and form != self._shown and form != self._saving

    def changes_name(self) -> str:
        stored = self.model.record(self.model.row_of(self.current_id))
        shown = stored if stored is not None else self._form()
        return str(getattr(shown, "name", "") or getattr(shown, "code", "") or "")

    def save_changes(self, then: Callable[[], object]) -> None:
        self._then = then
        self.save()

    def saving_then(self, then: Callable[[], object]) -> bool:
        if self._saving is None:
            return False
        before = self._then
        self._then = then if before is None else (lambda: (before(), then()))
        return True

    def discard_changes(self) -> None:
        self.show_record(self.model.record(self.model.row_of(self.current_id)))
        self.message.clear()

    # -- saving ------------------------------------------------------------------------

    def archive_current(self, write: Callable[[Services, str, bool], Any]) -> None:
        """Archive the chosen record, or bring it back: ``write(services, id, archived)``
        on the database thread, then :meth:`archived_done`."""
        current = self.model.record(self.model.row_of(self.current_id))
        record_id = getattr(current, "id", None)
        if current is None or record_id is None:
            return
        archived = not getattr(current, "archived", False)
        if not self.has_changes():
            self._shown = None  # as stored: filled again from the archived record
        CollectionOp(
            self.tasks,
            op=lambda s: write(s, record_id, archived),
            changes=SETUP_CHANGED,
            parent=self,
        ).success(lambda _r: self.archived_done(record_id, archived)).failure(
            self._failed
        ).run_in_background(initiator=self)

    def archived_done(self, record_id: str, archived: bool) -> None:
        """An archive or its undoing is stored: show the record again."""
        self._saved(record_id)

    def save(self) -> None:
        """Save the form in the background; say how it went."""
        try:
            record = self.record()
        except HarmonyError as exc:
            self._failed(exc)
            return
        self.save_button.setEnabled(False)
        self._saving = record
        began = self._edits
        typing_new = self._typing_new
        CollectionOp(
            self.tasks, op=self.save_op(record), changes=SETUP_CHANGED, parent=self
        ).success(lambda result: self._saved(result, began)).failure(
            lambda exc: self._refused(exc, began, record, typing_new)
        ).run_in_background(initiator=self)

    def _refused(self, exc: Exception, began: int, record: R, typing_new: bool) -> None:
        """A save was refused. If the form moved on meanwhile (New, or another row,
        pressed while it was being stored), the refused values are brought back (on their
        row, or as the new record they were) with the message, unless something has been
        typed since: then that stays and the message says the refused record was not
        saved and must be typed again."""
        moved_on = began != self._edits
        self._saving = None
        if not moved_on:
            self._failed(exc)
            return
        name = str(getattr(record, "name", "") or getattr(record, "code", "") or "")
        if self.has_changes():
            self._failed(exc)
            said = (
                tr("“{name}” was not saved, and what you typed for it is not kept: type it again.")
                if name
                else tr("The entry before this one was not saved: type it again.")
            )
            self.message.setText(f"{said.format(name=name)} {self.message.text()}")
            return
        record_id = getattr(record, "id", None)
        row = self.model.row_of(record_id) if record_id is not None else -1
        self._putting_back = True  # back on the row it was saved from; nothing to ask
        try:
            if row >= 0:
                self.view.selectRow(row)
            else:
                self.view.clearSelection()
                self.view.selectionModel().clearCurrentIndex()
        finally:
            self._putting_back = False
        self.current_id = record_id if row >= 0 else None
        self._typing_new = typing_new or row < 0
        self._edits += 1
        self.show_record(self.model.record(row))  # what is stored, to tell changes by
        self.fill(record)  # and what was typed, not saved
        self._failed(exc)
        self.message.setText(
            f"{self.message.text()} "
            + tr("What you typed is shown again, not saved: correct it and save again.")
        )

    def _saved(self, result: Any, began: int | None = None) -> None:
        """A save is stored: show the saved record, unless the form was given another
        one (or a new one) since the save began (``began``: :attr:`_edits` then)."""
        self.save_button.setEnabled(True)
        self._saving = None
        saved_id = getattr(result, "id", result)
        if isinstance(saved_id, str) and (began is None or began == self._edits):
            self.current_id = saved_id
            self._typing_new = False
        if began is not None and began == self._edits:
            self._shown = self._form()  # stored: the read that follows fills it again
        self._after_load, self._then = self._then, None
        self.message.setStyleSheet("")
        self.message.setText(self.saved_text(result))
        self.reload()
        self.saved.emit(result)

    def _failed(self, exc: Exception) -> None:
        self._then = None  # refused: the form stays, with the message
        self._saving = None
        self.save_button.setEnabled(self.editable(self.access))
        if isinstance(exc, HarmonyError):
            text = str(exc)  # says what is wrong and what to do
        else:
            text = tr("That did not work ({error}). Try again.").format(error=type(exc).__name__)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.failed.emit(text)


def line_edit(name: str) -> QLineEdit:
    """A line edit with its accessible name."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    return edit


def combo(name: str, items: Sequence[tuple[str, Any]], *, editable: bool = False) -> QComboBox:
    """A combo box of (label, data) with its accessible name."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setEditable(editable)
    for label, data in items:
        box.addItem(label, data)
    return box


def select_data(box: QComboBox, data: Any) -> None:
    """Choose the item holding ``data`` (the first item if there is none)."""
    box.setCurrentIndex(max(0, box.findData(data)))


# -- hubs ------------------------------------------------------------------------------------


class HubsPage(EditorPage[HubRecord]):
    """The hubs: name, address, partner, time zone. Read-only on a laptop that syncs."""

    list_name = tr("Hubs")

    def columns(self) -> Sequence[Column[HubRecord]]:
        return [
            Column(tr("Name"), lambda h: h.name),
            Column(tr("Partner"), lambda h: h.partner),
            Column(tr("Kind"), lambda h: partner_kind_label(h.partner_kind)),
            Column(tr("Time zone"), lambda h: h.timezone),
            Column(tr("Address"), lambda h: h.address),
        ]

    def __init__(self, services: Services, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        share_columns(self.view, [0, 1, 4])  # name, partner, address: no sideways scrolling

    def build_form(self) -> None:
        self.name_edit = line_edit(tr("Hub name"))
        self.address_edit = line_edit(tr("Address"))
        self.partner_edit = line_edit(tr("Partner"))
        self.kind_box = combo(
            tr("Kind of partner"),
            [("—", "")] + [(partner_kind_label(k), k) for k in PARTNER_KINDS],
        )
        zones = sorted(bytes(z.data()).decode() for z in QTimeZone.availableTimeZoneIds())
        self.timezone_box = combo(tr("Time zone"), [(z, z) for z in zones], editable=True)
        self.form.addRow(tr("&Name:"), self.name_edit)
        self.form.addRow(tr("&Address:"), self.address_edit)
        self.form.addRow(tr("&Partner:"), self.partner_edit)
        self.form.addRow(tr("&Kind:"), self.kind_box)
        self.form.addRow(tr("&Time zone:"), self.timezone_box)

    def load(self, services: Services) -> tuple[Access, list[HubRecord]]:
        return services.setup.access(), services.setup.hubs()

    def editable(self, access: Access) -> bool:
        return access.hubs_editable

    def read_only_note(self) -> str:
        return tr(
            "This laptop syncs with your programme's server: hubs are added and renamed by "
            "the administrator there, and arrive here at the next sync."
        )

    def fill(self, record: HubRecord | None) -> None:
        record = record or HubRecord(None, "")
        self.name_edit.setText(record.name)
        self.address_edit.setText(record.address)
        self.partner_edit.setText(record.partner)
        select_data(self.kind_box, record.partner_kind)
        self.timezone_box.setCurrentText(record.timezone or DEFAULT_TIMEZONE)

    def record(self) -> HubRecord:
        return HubRecord(
            self.current_id,
            self.name_edit.text(),
            self.address_edit.text(),
            self.partner_edit.text(),
            self.kind_box.currentData() or "",
            self.timezone_box.currentText(),
        )

    def save_op(self, record: HubRecord) -> Callable[[Services], Any]:
        return lambda s: s.setup.save_hub(record)


# -- staff -----------------------------------------------------------------------------------


class StaffPage(EditorPage[StaffRecord]):
    """The staff: name, role, the hubs they work at, phone, email."""

    list_name = tr("Staff")

    def __init__(self, services: Services, tasks: TaskManager, parent: QWidget | None = None):
        self.hub_names: dict[str, str] = {}
        super().__init__(services, tasks, parent)

    def columns(self) -> Sequence[Column[StaffRecord]]:
        return [
            Column(tr("Name"), lambda r: r.name),
            Column(tr("Role"), lambda r: role_label(r.role)),
            Column(
                tr("Hubs"),
                lambda r: ", ".join(sorted(self.hub_names.get(h, "?") for h in r.hubs)),
            ),
            Column(tr("Phone"), lambda r: r.phone),
            Column(tr("Email"), lambda r: r.email),
            Column(tr("Archived"), lambda r: r.archived),
        ]

    def build_form(self) -> None:
        self.archive_button = button(tr("&Archive"), tr("Archive this staff member"))
        self.archive_button.setToolTip(
            tr(
                "Someone who left: off the lists of who takes roll and of teachers, still "
                "named on the rolls and reports of their time."
            )
        )
        self.archive_button.clicked.connect(self.toggle_archived)
        self.name_edit = line_edit(tr("Staff member's name"))
        self.role_box = combo(tr("Role"), [(role_label(r.value), r.value) for r in StaffRole])
        self.hubs_list = QListWidget()
        self.hubs_list.setAccessibleName(tr("Hubs they work at"))
        self.hubs_list.setMaximumHeight(120)
        self.phone_edit = line_edit(tr("Phone"))
        self.email_edit = line_edit(tr("Email"))
        self.form.addRow(tr("&Name:"), self.name_edit)
        self.form.addRow(tr("&Role:"), self.role_box)
        self.form.addRow(tr("&Hubs:"), self.hubs_list)
        self.form.addRow(tr("&Phone:"), self.phone_edit)
        self.form.addRow(tr("E&mail:"), self.email_edit)

    def load(self, services: Services) -> Any:
        hubs = {h.id: h.name for h in services.hubs.hubs()}
        return services.setup.access(), services.setup.staff(), hubs

    def _loaded(self, loaded: Any) -> None:
        self.typed_before_load()  # before the hubs' list is refilled
        access, records, self.hub_names = loaded
        ticked = {  # kept for a new record being typed (a saved one is filled again)
            self.hubs_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.hubs_list.count())
            if self.hubs_list.item(i).checkState() == Qt.CheckState.Checked
        }
        self.hubs_list.clear()
        for hub_id, name in sorted(self.hub_names.items(), key=lambda kv: kv[1]):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, hub_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if hub_id in ticked else Qt.CheckState.Unchecked
            )
            self.hubs_list.addItem(item)
        super()._loaded((access, records))

    def fill(self, record: StaffRecord | None) -> None:
        if record is None:  # new: in a programme of one hub they work there
            only = tuple(self.hub_names) if len(self.hub_names) == 1 else ()
            record = StaffRecord(None, "", hubs=only)
        self.name_edit.setText(record.name)
        select_data(self.role_box, record.role)
        for row in range(self.hubs_list.count()):
            item = self.hubs_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in record.hubs
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.phone_edit.setText(record.phone)
        self.email_edit.setText(record.email)
        self.archive_button.setText(tr("Bring b&ack") if record.archived else tr("&Archive"))
        self.archive_button.setAccessibleName(
            tr("Bring this staff member back")
            if record.archived
            else tr("Archive this staff member")
        )
        self.archive_button.setEnabled(record.id is not None and self.editable(self.access))

    def extra_buttons(self) -> list[QPushButton]:
        return [self.archive_button]

    def set_hubs(self, hub_ids: Sequence[str]) -> None:
        """Tick exactly these hubs, as a person would."""
        for row in range(self.hubs_list.count()):
            item = self.hubs_list.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in hub_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def record(self) -> StaffRecord:
        hubs = tuple(
            str(self.hubs_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.hubs_list.count())
            if self.hubs_list.item(row).checkState() == Qt.CheckState.Checked
        )
        return StaffRecord(
            self.current_id,
            self.name_edit.text(),
            str(self.role_box.currentData()),
            hubs,
            self.phone_edit.text(),
            self.email_edit.text(),
        )

    def save_op(self, record: StaffRecord) -> Callable[[Services], Any]:
        return lambda s: s.setup.save_staff(record)

    def toggle_archived(self) -> None:
        """Archive the chosen staff member (or bring them back)."""
        self.archive_current(
            lambda s, staff_id, archived: s.setup.set_staff_archived(staff_id, archived)
        )

    def archived_done(self, staff_id: str, archived: bool) -> None:
        self._saved(staff_id)
        self.message.setText(
            tr("Archived: no longer offered to take roll or teach.")
            if archived
            else tr("Brought back.")
        )


# -- attendance codes --------------------------------------------------------------------------


class CodesPage(EditorPage[CodeRecord]):
    """The attendance codes: labels in English and Spanish, flags, order, new codes.
    Changed on a data manager's laptop (or a laptop on its own)."""

    list_name = tr("Attendance codes")

    def columns(self) -> Sequence[Column[CodeRecord]]:
        return [
            Column(tr("Code"), lambda c: c.code),
            Column(tr("Label"), lambda c: c.label),
            Column(tr("Spanish label"), lambda c: c.label_es),
            Column(tr("Present"), lambda c: c.counts_present),
            Column(tr("Late"), lambda c: c.tardy),
            Column(tr("Left early"), lambda c: c.early_departure),
            Column(tr("Excused"), lambda c: c.excused),
            Column(tr("Order"), lambda c: c.sort_order),
            Column(tr("Offered"), lambda c: c.active),
        ]

    def build_form(self) -> None:
        self.code_edit = line_edit(tr("Code letters"))
        self.code_edit.setMaxLength(8)
        self.label_edit = line_edit(tr("Label"))
        self.label_es_edit = line_edit(tr("Spanish label"))
        self.present_box = check_box(tr("Counts as &present"))
        self.tardy_box = check_box(tr("La&te (asks the arrival time)"))
        self.early_box = check_box(tr("Left ea&rly (asks the time and who collected)"))
        self.excused_box = check_box(tr("E&xcused absence"))
        self.order_box = QSpinBox()
        self.order_box.setRange(-1000, 1000)
        self.order_box.setAccessibleName(tr("Order"))
        self.active_box = check_box(tr("Offered in the re&gister"))
        self.form.addRow(tr("Co&de:"), self.code_edit)
        self.form.addRow(tr("&Label:"), self.label_edit)
        self.form.addRow(tr("Spanish la&bel:"), self.label_es_edit)
        for box in (self.present_box, self.tardy_box, self.early_box, self.excused_box):
            self.form.addRow("", box)
        self.form.addRow(tr("&Order:"), self.order_box)
        self.form.addRow("", self.active_box)

    def load(self, services: Services) -> tuple[Access, list[CodeRecord]]:
        return services.setup.access(), services.setup.codes()

    def editable(self, access: Access) -> bool:
        return access.programme_editable

    def read_only_note(self) -> str:
        return tr(
            "Attendance codes are shared by the whole programme: a data manager changes "
            "them on their laptop, and the change arrives here at the next sync."
        )

    def fill(self, record: CodeRecord | None) -> None:
        new = record is None or record.id is None  # (a refused new code is new still)
        record = record or CodeRecord(None, "", "", sort_order=self.model.rowCount())
        self.code_edit.setText(record.code)
        self.code_edit.setReadOnly(not new)  # marks keep a code's letters
        self.label_edit.setText(record.label)
        self.label_es_edit.setText(record.label_es)
        self.present_box.setChecked(record.counts_present)
        self.tardy_box.setChecked(record.tardy)
        self.early_box.setChecked(record.early_departure)
        self.excused_box.setChecked(record.excused)
        self.order_box.setValue(record.sort_order)
        self.active_box.setChecked(record.active)

    def record(self) -> CodeRecord:
        return CodeRecord(
            self.current_id,
            self.code_edit.text(),
            self.label_edit.text(),
            self.label_es_edit.text(),
            self.present_box.isChecked(),
            self.tardy_box.isChecked(),
            self.early_box.isChecked(),
            self.excused_box.isChecked(),
            self.order_box.value(),
            self.active_box.isChecked(),
        )

    def save_op(self, record: CodeRecord) -> Callable[[Services], Any]:
        return lambda s: s.setup.save_code(record)
