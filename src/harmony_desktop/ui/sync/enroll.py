"""The enrollment dialog: server address + one-time code, sent on the network thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.ui.sync.controller import SyncController
from harmony_sync.client import SyncError

if TYPE_CHECKING:
    from harmony_desktop.services.sync import Enrolled


def tr(text: str) -> str:
    """Translate an enrollment string (context ``EnrollDialog``)."""
    return QCoreApplication.translate("EnrollDialog", text)


class EnrollDialog(QDialog):
    """Ask for the server address and the code; enroll without freezing the window.

    Enrolled, it closes and syncs, unless this laptop holds records its enrollment does
    not let it send (a programme set up here for the whole programme, joining as a hub's
    laptop): then it says which, and what to do, and syncs when the person goes on.
    """

    def __init__(
        self,
        controller: SyncController,
        parent: QWidget | None = None,
        *,
        hub: tuple[str, str] | None = None,
    ) -> None:
        """``hub``: this laptop's hub (name, id), said with its id selectable: the office
        needs the id to add a hub set up on this laptop to the server
        (``harmony-sync add-hub --id``)."""
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(tr("Enroll this laptop"))
        self.setAccessibleName(tr("Enroll this laptop"))
        self.setMinimumWidth(480)
        intro = QLabel(
            tr(
                "Connect this laptop to your programme's sync server. Your administrator "
                "gives you the address and a one-time code. The app keeps working offline "
                "either way."
            )
        )
        intro.setWordWrap(True)
        known = controller.status.server_url if controller.status else None
        self.server_edit = QLineEdit(known or "")
        self.server_edit.setPlaceholderText("https://sync.example.org")
        self.server_edit.setAccessibleName(tr("Server address"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("ABCD-EFGH-JKLM")
        self.code_edit.setAccessibleName(tr("Enrollment code"))
        # Empty: the server keeps the name the administrator gave this laptop (the
        # console lists laptops by it); typing one renames it.
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("as your administrator named it"))
        self.name_edit.setAccessibleName(tr("Laptop name"))
        #: "This laptop's hub: NAME (id …)", its text selectable (hidden without a hub)
        self.hub_label = QLabel()
        self.hub_label.setWordWrap(True)
        self.hub_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.hub_label.setAccessibleName(tr("This laptop's hub"))
        if hub is not None:
            self.hub_label.setText(
                tr("This laptop's hub: {name} (id {id})").format(name=hub[0], id=hub[1])
            )
            self.hub_label.setToolTip(
                tr("The office adds a hub set up on this laptop to the server with this id.")
            )
        else:
            self.hub_label.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Enrollment result"))
        form = QFormLayout()
        form.addRow(tr("Server &address:"), self.server_edit)
        form.addRow(tr("One-time &code:"), self.code_edit)
        form.addRow(tr("Laptop &name:"), self.name_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Enroll"))
        self.ok_button.setAccessibleName(tr("Enroll"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(tr("Cancel"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.hub_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.hubs: list[str] = []
        # set once enrolled, while the dialog says what this laptop cannot send
        self.enrolled: Enrolled | None = None

    def start(self) -> None:
        """Check the fields and enroll in the background (enrolled: sync)."""
        if self.enrolled is not None:
            self._finish()
            return
        server = self.server_edit.text().strip()
        code = self.code_edit.text().strip()
        if not server or not code:
            self.message.setText(tr("Type both the server address and the code."))
            return
        self.ok_button.setEnabled(False)
        self.message.setText(tr("Contacting the server…"))
        name = self.name_edit.text().strip()
        self.controller.enroll(server, code, name, self._done, self._failed)

    def _done(self, enrolled: Enrolled) -> None:
        self.hubs = enrolled.hubs
        self.ok_button.setEnabled(True)
        advice = enrolled.unsendable_text()
        if not advice:
            self._finish()
            return
        # Enrolled: the form is done; what this laptop cannot send is said before the
        # first sync, which it does not hold up.
        self.enrolled = enrolled
        for edit in (self.server_edit, self.code_edit, self.name_edit):
            edit.setReadOnly(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.ok_button.setText(tr("Sync now"))
        self.ok_button.setAccessibleName(tr("Sync now"))
        self.message.setText(
            "\n\n".join(filter(None, (tr("Enrolled."), enrolled.rescoped_text(), advice)))
        )
        self.message.setToolTip("")
        self.adjustSize()  # the dialog grows to show the whole message
        self.ok_button.setFocus()

    def _finish(self) -> None:
        self.accept()
        self.controller.sync_now()

    def _failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if getattr(error, "code", "") == "unreachable":
            # Nothing was enrolled: say so, and make trying again one key away.
            self.ok_button.setText(tr("Try again"))
            self.ok_button.setAccessibleName(tr("Try again"))
            self.message.setText(
                tr(
                    "Not enrolled: enrollment needs a connection to the sync server, and it "
                    "cannot be reached right now. Connect this laptop to the internet, then "
                    "press Try again."
                )
            )
            self.message.setToolTip(str(error))
            self.ok_button.setFocus()
        elif isinstance(error, SyncError | ValueError):
            self.message.setText(str(error))
        else:
            self.message.setText(tr("Enrollment failed unexpectedly. Try again."))
