"""The programme's name at the top of the Programme window: what rosters, sign-in sheets
and reports are headed with.

A laptop working alone (or whose sync server has no name) changes it here; when the sync
server names the programme, the name is shown as plain text (no box to type in, no Save
name: a read-only box looks just like an editable one) with where it is changed, still
reached by Tab and the label's Alt key and read out by screen readers; a name typed on
this laptop before it joined is said to have been local only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import ProgrammeName
from harmony_desktop.store import settings
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.programme.pages import ERROR_STYLE, button, tr
from harmony_desktop.ui.programme.unsaved import UnsavedForm
from harmony_desktop.ui.tasks import Changes, TaskManager

#: What a new name tells the other views (printouts read it when they print).
NAME_CHANGED = Changes(setup=True)


class ProgrammeNameBox(QGroupBox, UnsavedForm):
    """The programme's name: a field and Save, or the server's name read-only. A name
    typed and not saved is asked about before the Hubs tab or the window is left."""

    def __init__(self, services: Services, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(tr("Programme"), parent)
        self.services = services
        self.tasks = tasks
        self.current: ProgrammeName | None = None
        self._then: Callable[[], object] | None = None  # once a save asked for is read back
        self._stored = False  # saved: the next read shows the name as stored
        self.field = QLineEdit()
        self.field.setMaxLength(settings.MAX_PROGRAMME_NAME)
        self.field.setAccessibleName(tr("Programme name"))
        self.field.setAccessibleDescription(
            tr("Printed at the top of rosters, sign-in sheets and reports")
        )
        self.field.returnPressed.connect(self.save)
        # On the Hubs tab (only the tab shown answers its Alt keys); Enter in it saves.
        self.label = QLabel(tr("Pro&gramme name:"))
        self.label.setBuddy(self.field)
        # The server's name: text, not a box (selectable, and reached by the keyboard so a
        # screen reader reads it with what it is and where it is changed).
        self.shown_name = QLabel()
        self.shown_name.setTextFormat(Qt.TextFormat.PlainText)
        self.shown_name.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.shown_name.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.shown_name.setAccessibleName(tr("Programme name"))
        font = self.shown_name.font()
        font.setBold(True)
        self.shown_name.setFont(font)
        self.shown_name.hide()
        self.save_button = button(tr("Save name"), tr("Save the programme's name"))
        self.save_button.clicked.connect(self.save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("About the programme's name"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Result"))
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.field, 1)
        row.addWidget(self.shown_name, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        self.message.hide()
        tasks.changed.connect(self._changed_elsewhere)

    def reload(self) -> None:
        """Read the name (and whether the server sets it) on the database thread."""
        QueryOp(
            self.tasks, op=lambda s: s.setup.programme_name(), success=self.show_name, parent=self
        ).failure(self._failed).run_in_background()

    def show_name(self, name: ProgrammeName) -> None:
        """Show ``name``: editable here, or the server's, read-only (a name being typed
        stays, unless the server now sets it)."""
        typed = self.field.text() if self.has_changes() and not self._stored else None
        self._stored = False
        self.current = name
        self.field.setText(name.name if typed is None or name.from_server else typed)
        self.field.setReadOnly(name.from_server)
        server = name.from_server
        had_focus = self.field.hasFocus() or self.shown_name.hasFocus()
        self.field.setVisible(not server)
        self.save_button.setVisible(not server)
        self.shown_name.setVisible(server)
        self.shown_name.setText(name.name if server else "")
        self.label.setBuddy(self.shown_name if server else self.field)
        if had_focus:
            (self.shown_name if server else self.field).setFocus()
        if server:
            text = tr(
                "Set on your sync server for every laptop of the programme, so it cannot "
                "be changed on this laptop: to change it, the office uses the sync "
                "server's administration (harmony-sync set-programme-name), and this "
                "laptop prints the new name from its next sync."
            )
            if name.local:
                text += " " + tr(
                    "The name typed on this laptop before it joined, “{name}”, was only "
                    "ever printed here: the server's name replaces it, and nothing else is lost."
                ).format(name=name.local)
        else:
            text = tr("Printed at the top of rosters, sign-in sheets and reports from this laptop.")
        self.note.setText(text)
        self.shown_name.setAccessibleDescription(text)
        then, self._then = self._then, None
        if then is not None:
            then()

    # -- typed changes (UnsavedForm) -----------------------------------------------------

    def has_changes(self) -> bool:
        current = self.current
        if current is None or current.from_server:
            return False
        return self.field.text() != current.name

    def changes_name(self) -> str:
        return self.field.text()

    def question(self) -> str:
        return tr("Save the programme's name “{name}”?").format(name=self.field.text())

    def save_changes(self, then: Callable[[], object]) -> None:
        self._then = then
        self.save()

    def discard_changes(self) -> None:
        self.field.setText(self.current.name if self.current is not None else "")
        self.message.hide()

    def save(self) -> None:
        """Store the typed name (a blank one keeps the name there was)."""
        if self.current is not None and self.current.from_server:
            return
        typed = self.field.text()
        self.save_button.setEnabled(False)
        CollectionOp(
            self.tasks,
            op=lambda s: s.setup.set_programme_name(typed),
            changes=NAME_CHANGED,
            parent=self,
        ).success(self._saved).failure(self._failed).run_in_background(initiator=self)

    def _saved(self, _result: object) -> None:
        self._stored = True
        self.save_button.setEnabled(True)
        self.message.setStyleSheet("")
        self.message.setText(tr("Saved: printouts from this laptop are headed with this name."))
        self.message.show()
        self.reload()

    def _failed(self, error: Exception) -> None:
        self._then = None  # refused: the typed name stays, with the message
        self.save_button.setEnabled(True)
        if isinstance(error, HarmonyError):
            text = str(error)  # says what is wrong and what to do
        else:
            text = tr("That did not work ({error}). Try again.").format(error=type(error).__name__)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.message.show()

    def _changed_elsewhere(self, changes: Changes, initiator: object) -> None:
        if (changes.sync or changes.setup) and initiator is not self:
            self.reload()
