"""The first start of an installed app on a brand-new database: three ways in.

* **Join your programme**: enroll this laptop with the programme's server (the Sync
  menu's enrollment dialog); its hubs, ensembles and rosters arrive by sync.
* **Set up a programme on this laptop**: no server, now or ever; a first hub is created
  here and the Programme window opens to add ensembles, staff and the calendar.
* **Try the demo**: a generated hub (no real people) to look around.

Beside Close, **Restore a backup…** puts back a copy of a laptop's daily backup (its
disk died) once the dialog is closed (``ui/restore.py``); the window opens on it.

Run from a clone (``./dev run``) the app opens on the demo instead, as before.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop import APP_NAME
from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.context import Services
from harmony_desktop.services.hubs import HubInfo
from harmony_desktop.services.setup import DEFAULT_TIMEZONE, HubRecord
from harmony_desktop.services.sync import SyncService
from harmony_desktop.store import settings
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.programme.pages import ERROR_STYLE, button, combo, line_edit, tr
from harmony_desktop.ui.screen_fit import dialogs_on_screen, grow_to_contents, scrolling_dialog
from harmony_desktop.ui.sync.controller import SyncController
from harmony_desktop.ui.sync.enroll import EnrollDialog
from harmony_desktop.ui.tasks import Changes, TaskManager

JOIN, ALONE, DEMO, RESTORE = "join", "alone", "demo", "restore"


def _make_demo(services: Services) -> None:
    from harmony_desktop.demo import ensure_demo

    ensure_demo(services.store)


class _Pages(QStackedWidget):
    """The dialog's pages, as tall as the one shown: the short set-up form does not
    scroll for the height of the three choices (a stacked widget asks for its tallest)."""

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return super().sizeHint() if page is None else page.sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return super().minimumSizeHint() if page is None else page.minimumSizeHint()

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        if page is None:
            return super().heightForWidth(width)
        return max(page.heightForWidth(width), page.minimumSizeHint().height())


class FirstStartDialog(QDialog):
    """Join the programme, set one up on this laptop, or try the demo."""

    busy = Signal(bool)
    """Work started (True) or ended (False)."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        sync: SyncService | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = TaskManager(services, self)
        #: the sync engine to join with (the services' own unless given)
        self.sync = sync
        self.controller: SyncController | None = None
        self.choice: str | None = None
        #: the hub to open once the dialog is accepted
        self.hub_id: str | None = None
        #: a backup to put back (the window opens on it; ``ui/app.py``)
        self.restore_from: Path | None = None
        self.enrolled = bool(services.store.settings.get(settings.SYNC_SERVER))
        self.setWindowTitle(tr("Welcome to {app}").format(app=APP_NAME))
        self.setAccessibleName(tr("Welcome"))
        self.setMinimumWidth(620)

        self.pages = _Pages()
        self.pages.addWidget(self._choices())
        self.pages.addWidget(self._alone_form())
        self.pages.currentChanged.connect(self._page_shown)
        self.message = QLabel()
        self.message.hide()  # until there is something to say: its line goes to the choices
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("What is happening"))
        self.quit_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.quit_buttons.rejected.connect(self.reject)
        # Rare (a laptop replaced after its disk died): a button beside Close, not a
        # fourth choice the dialog would need the height of.
        # Alt+U: Alt+B is the set-up form's Back, shown beside it
        self.restore_button = button(tr("Restore a back&up…"), tr("Restore a backup"))
        self.restore_button.setToolTip(
            tr(
                "A laptop's disk died or it was replaced, and you have a copy of one of its "
                "daily backups (harmony-YYYY-MM-DD.sqlite3): put it back on this one."
            )
        )
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore)
        self.quit_buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        # On a small screen (1280×720 at 200 %) the choices scroll; what is happening and
        # the buttons stay in sight below them.
        footer = QWidget()
        below = QVBoxLayout(footer)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.message)
        below.addWidget(self.quit_buttons)
        self.body = scrolling_dialog(self, self.pages, footer)
        self.footer = footer
        # Tab as they are seen: Restore a backup…, then Close (once both are in place)
        close = self.quit_buttons.button(QDialogButtonBox.StandardButton.Close)
        QWidget.setTabOrder(self.restore_button, close)
        self._fit_contents()

    # -- the three ways in ------------------------------------------------------------------

    def _choices(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            tr(
                "<h2>Welcome</h2><p>This laptop has no programme yet. How do you want to "
                "start? Whatever you choose, the app works without a network.</p>"
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        if self.enrolled:
            join_title = tr("&Receive your programme from its server")
            join_text = tr(
                "This laptop is already enrolled: sync now to receive its hubs, ensembles "
                "and rosters."
            )
        else:
            join_title = tr("&Join your programme")
            join_text = tr(
                "Your programme runs a sync server: your administrator gives you its address "
                "and a one-time code. Your hubs, ensembles and rosters arrive by sync."
            )
        self.join_button = QCommandLinkButton(join_title, join_text)
        self.alone_button = QCommandLinkButton(
            tr("&Set up a programme on this laptop"),
            tr(
                "No server needed: one hub, kept on this laptop for good. Add its "
                "ensembles, staff and school year, or import them from a spreadsheet. You "
                "can still join a server later."
            ),
        )
        self.demo_button = QCommandLinkButton(
            tr("&Try the demo"),
            tr(
                "A made-up hub with generated students and attendance, to look around. "
                "Nothing in it is about real people."
            ),
        )
        for made, name in (
            (self.join_button, tr("Join your programme")),
            (self.alone_button, tr("Set up a programme on this laptop")),
            (self.demo_button, tr("Try the demo")),
        ):
            made.setAccessibleName(name)
        self.join_button.clicked.connect(self.join)
        self.alone_button.clicked.connect(self._show_alone_form)
        self.demo_button.clicked.connect(self.try_demo)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)  # the dialog's margins are enough
        layout.setSpacing(2)  # the buttons' own margins part them: at 200 % all fit on 1280×720
        layout.addWidget(intro)
        layout.addWidget(self.join_button)
        layout.addWidget(self.alone_button)
        layout.addWidget(self.demo_button)
        layout.addStretch(1)
        return page

    def _alone_form(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            tr(
                "<h3>Your first hub</h3><p>A hub is a site where ensembles meet: a park, a "
                "school, a community centre. You can add more hubs later (File → Programme "
                "set-up).</p>"
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.programme_name = line_edit(tr("Programme name"))
        self.programme_name.setPlaceholderText(tr("printed at the top of rosters and sheets"))
        self.hub_name = line_edit(tr("Hub name"))
        self.hub_name.setPlaceholderText(tr("for example Lincoln Park"))
        self.hub_address = line_edit(tr("Address"))
        zones = sorted(bytes(z.data()).decode() for z in QTimeZone.availableTimeZoneIds())
        self.hub_timezone = combo(tr("Time zone"), [(z, z) for z in zones], editable=True)
        local = bytes(QTimeZone.systemTimeZoneId().data()).decode()
        # a laptop left on UTC says nothing about where the hub is: offer the default
        placed = local in zones and not local.startswith(("Etc/", "UTC"))
        self.hub_timezone.setCurrentText(local if placed else DEFAULT_TIMEZONE)
        form = QFormLayout()
        form.addRow(tr("&Programme name:"), self.programme_name)
        form.addRow(tr("Hub &name:"), self.hub_name)
        form.addRow(tr("&Address:"), self.hub_address)
        form.addRow(tr("&Time zone:"), self.hub_timezone)
        self.create_button = button(tr("&Create the hub"), tr("Create the hub"))
        self.back_button = button(tr("&Back"), tr("Back to the three choices"))
        self.create_button.clicked.connect(self.set_up_alone)
        self.back_button.clicked.connect(self._show_choices)
        buttons = QDialogButtonBox()
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)  # the dialog's margins are enough
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        layout.addStretch(1)
        return page

    # -- join -----------------------------------------------------------------------------

    def join(self) -> None:
        """Enroll (the Sync menu's dialog), then sync; open the first hub that arrives."""
        self.choice = JOIN
        if self.controller is None:
            self.controller = SyncController(self.tasks, self.sync, self, auto=False)
            self.controller.syncStarted.connect(self._receiving)
            self.controller.syncFinished.connect(lambda _report: self._synced())
            self.controller.syncFailed.connect(self._sync_failed)
        if self.enrolled:
            self.controller.sync_now()
            return
        self.enroll_dialog = EnrollDialog(self.controller, self)
        self.enroll_dialog.open()

    def _receiving(self) -> None:
        """The first sync has begun: the other choices wait until it ends."""
        self._say(tr("Receiving your programme from the server…"))
        self._hold(True)

    def _sync_failed(self, exc: Exception) -> None:
        self._hold(False)
        self._say(str(exc), error=True)  # the sync says what went wrong and what to do

    def _synced(self) -> None:
        QueryOp(
            self.tasks, op=lambda s: s.hubs.hubs(), success=self._hubs_arrived, parent=self
        ).failure(self._failed).run_in_background()

    def _hubs_arrived(self, hubs: list[HubInfo]) -> None:
        if hubs:
            self._finish(hubs[0].id)
            return
        self._hold(False)
        self._say(
            tr(
                "This laptop is enrolled, but no hub has arrived yet: the administrator "
                "adds hubs to this laptop on the server. Then choose the first button "
                "again to sync."
            ),
            error=True,
        )
        self.enrolled = True

    # -- alone ----------------------------------------------------------------------------

    def _show_choices(self) -> None:
        self.pages.setCurrentIndex(0)
        self.alone_button.setFocus()

    def _show_alone_form(self) -> None:
        self.pages.setCurrentIndex(1)
        # the clicked choice had become the default button: Return now creates the hub
        self.create_button.setDefault(True)
        self.programme_name.setFocus()

    def set_up_alone(self) -> None:
        """Create the first hub on this laptop."""
        self.choice = ALONE
        record = HubRecord(
            None,
            self.hub_name.text(),
            self.hub_address.text(),
            timezone=self.hub_timezone.currentText(),
        )
        programme = self.programme_name.text()

        def create(s: Services) -> str:
            hub_id = s.setup.save_hub(record)
            s.setup.set_programme_name(programme)
            return hub_id

        self._run(
            create,
            tr("Creating the hub…"),
            Changes(setup=True),
        )

    # -- demo -----------------------------------------------------------------------------

    def try_demo(self) -> None:
        """Generate the demo hub (a few seconds), then open it."""
        self.choice = DEMO

        def make(s: Services) -> str:
            _make_demo(s)
            return s.hubs.hubs()[0].id

        self._run(make, tr("Making the demo hub (a few seconds)…"), Changes.everything())

    # -- restore ----------------------------------------------------------------------------

    def restore(self) -> None:
        """Choose a backup file; it is put back, and the window opens on it, once this
        dialog and its services are closed."""
        from harmony_desktop.ui.restore import choose_backup

        with dialogs_on_screen():  # the file dialog too
            chosen = choose_backup(self, self.services.store.backup_dir, replacing=False)
        if chosen is not None:
            self.choice = RESTORE
            self.restore_from = chosen
            self.accept()

    # -- shared -------------------------------------------------------------------------------

    def _fit_contents(self) -> None:
        """As tall as the choices need at the dialog's width (Qt would stop at 2/3 of
        the screen, or leave room for text as narrow as a label can wrap); no taller
        than the screen once shown (``screen_fit``)."""
        layout = self.layout()
        assert layout is not None  # scrolling_dialog's
        width = max(self.minimumWidth(), self.sizeHint().width())
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        height = self.pages.heightForWidth(inner) + layout.spacing()
        height += max(self.footer.heightForWidth(inner), self.footer.sizeHint().height())
        self.resize(width, height + margins.top() + margins.bottom())

    def _page_shown(self) -> None:
        """The page shown is seen from its top, at its own height."""
        self.pages.updateGeometry()
        self.body.verticalScrollBar().setValue(0)

    def _hold(self, holding: bool) -> None:
        """While something runs (the first sync, the demo, a new hub), nothing else can
        be chosen; afterwards the choices are back."""
        self.pages.setEnabled(not holding)
        self.restore_button.setEnabled(not holding)
        self.busy.emit(holding)

    def _run(self, op: object, doing: str, changes: Changes) -> None:
        self._say(doing)
        self._hold(True)
        CollectionOp(self.tasks, op=op, changes=changes, parent=self).success(  # type: ignore[arg-type]
            self._finish
        ).failure(self._failed).run_in_background()

    def _failed(self, exc: Exception) -> None:
        self._hold(False)
        if isinstance(exc, ModuleNotFoundError):
            text = tr("This build has no demo generator. Join your programme or set one up.")
        elif isinstance(exc, HarmonyError):
            text = str(exc)
        else:
            text = tr("That did not work ({error}). Try again.").format(error=type(exc).__name__)
        self._say(text, error=True)

    def _finish(self, hub_id: str) -> None:
        self.busy.emit(False)
        self.hub_id = hub_id
        self.accept()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))
        grow_to_contents(self)  # the message whole, the choices above it scrolling if need be

    def shutdown(self) -> None:
        """Stop the dialog's background threads (call once it is closed)."""
        if self.controller is not None:
            self.controller.shutdown()
        self.tasks.shutdown()
