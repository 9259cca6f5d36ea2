"""The main window: the pages in tabs (register, roster, volunteers, events, needs review),
the File menu (programme set-up, switch hub, restore from a backup, quit), the Sync menu,
and a status bar that always shows the hub, the date and the sync state.

The window owns the :class:`~harmony_desktop.ui.tasks.TaskManager` every page runs its
background work on; :meth:`MainWindow.shutdown` stops it when the window closes.

Only the register, today's view, is built with the window: each other page (and the
modules behind it) is built the first time its tab is shown or the code asks for it
(``window.roster`` …), which keeps them out of the start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop import APP_NAME
from harmony_desktop.domain import i18n
from harmony_desktop.store import settings
from harmony_desktop.ui.language import language_actions
from harmony_desktop.ui.register import RegisterPage
from harmony_desktop.ui.register.day import ENSEMBLES, DayView
from harmony_desktop.ui.screen_fit import (
    FRAME_ALLOWANCE,
    available_geometry,
    dialogs_on_screen,
    keep_on_screen,
)
from harmony_desktop.ui.sync import SyncUi
from harmony_desktop.ui.sync.status import GivingWayLabel
from harmony_desktop.ui.tasks import Changes, TaskManager
from harmony_desktop.ui.wrong_day import long_day

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services
    from harmony_desktop.services.hubs import HubInfo
    from harmony_desktop.store.today import FirstView
    from harmony_desktop.ui.events import EventsPage
    from harmony_desktop.ui.programme import ProgrammeWindow
    from harmony_desktop.ui.reports import ReportsPage
    from harmony_desktop.ui.roster import RosterPage
    from harmony_desktop.ui.volunteers import VolunteersPage


def tr(text: str) -> str:
    """Translate a main-window string (context ``MainWindow``)."""
    return QCoreApplication.translate("MainWindow", text)


#: File ▸ Switch hub
SWITCH_HUB_KEYS = "Ctrl+Shift+H"


class HubDialog(QDialog):
    """Which hub to show: the hubs of this laptop, the current one chosen."""

    def __init__(
        self, hubs: list[tuple[str, str]], current: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Switch hub"))
        self.setAccessibleName(tr("Switch hub"))
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Hubs"))
        for hub_id, name in hubs:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, hub_id)
            self.list.addItem(item)
            if hub_id == current:
                self.list.setCurrentItem(item)
        self.list.itemActivated.connect(lambda _item: self.accept())
        label = QLabel(tr("&Hub to show (↑/↓, Enter):"))
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Switch"))
        ok.setAccessibleName(tr("Switch"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        keep_on_screen(self)
        self.list.setFocus()

    def hub_id(self) -> str | None:
        """The chosen hub's id."""
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))


#: How often the window looks whether this computer's day has moved on, in milliseconds.
NEW_DAY_CHECK_MS = 60_000


class MainWindow(QMainWindow):
    """One open hub: pages in tabs, hub/date/sync state in the status bar.

    ``auto_sync`` False leaves syncing to the user (no timers, no network watch): for
    tests and benchmarks, which must not sync on their own.
    """

    def __init__(
        self,
        services: Services,
        hub_id: str,
        *,
        today: dt.date | None = None,
        clock: Callable[[], dt.time] | None = None,
        auto_sync: bool = True,
        first: FirstView | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.hub_id = hub_id
        # ``first``: today's view read before the services were open (the first paint;
        # see ui/opening.py): nothing here may use them until attach().
        hubs = first.hubs if first else [(h.id, h.name) for h in services.hubs.hubs()]
        self.hub_name = dict(hubs).get(hub_id, hub_id)
        self.tasks = TaskManager(services, self)
        self.setWindowTitle(f"{self.hub_name} — {APP_NAME}")
        self.setAccessibleName(tr("Harmony Desktop main window"))
        # Within the screen less task bars and title bar, at 1280×720 and at 200 %.
        # On a smaller screen (a 1024×600 netbook) it opens at the screen's size at once,
        # so the parts are laid out for it rather than squeezed after.
        area = available_geometry(self)
        self.resize(
            min(1280, area.width() - FRAME_ALLOWANCE // 4),
            min(800, area.height() - FRAME_ALLOWANCE),
        )
        keep_on_screen(self)

        self.pages = QTabWidget()
        self.pages.setAccessibleName(tr("Pages"))
        self.pages.setDocumentMode(True)
        self.setCentralWidget(self.pages)

        # The hub and the date without "Hub:" and "Date:", and a long hub name (in the
        # title too) cut: room for the sync message, whole in Spanish at 1280 px.
        self.hub_label = GivingWayLabel(self.hub_name)
        self.hub_label.setMaximumWidth(self.hub_label.fontMetrics().horizontalAdvance("x" * 20))
        self.hub_label.setToolTip(tr("Hub: {name}").format(name=self.hub_name))
        self.hub_label.setAccessibleName(tr("Hub"))
        self.date_label = QLabel()
        self.date_label.setAccessibleName(tr("Date shown"))
        status = self.statusBar()
        status.setAccessibleName(tr("Status bar"))
        status.setSizeGripEnabled(False)  # it clipped the sync state at the right edge
        status.addPermanentWidget(self.hub_label)
        status.addPermanentWidget(self.date_label)
        self.tasks.error.connect(lambda message: status.showMessage(message, 15_000))

        self._today = today
        self._clock = clock
        self._auto_sync = auto_sync
        self.successor: MainWindow | None = None
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.switch_hub_action = QAction(tr("S&witch hub…"), self)
        self.switch_hub_action.setShortcut(QKeySequence(SWITCH_HUB_KEYS))
        self.switch_hub_action.setEnabled(len(hubs) > 1)
        self.switch_hub_action.setToolTip(tr("Show another hub of this laptop"))
        self.switch_hub_action.triggered.connect(self.choose_hub)
        file_menu = self.menuBar().addMenu(tr("&File"))
        self.programme_action = QAction(tr("&Programme set-up…"), self)
        self.programme_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.programme_action.triggered.connect(self.open_programme)
        self.programme_window: ProgrammeWindow | None = None
        self._today = today
        self.restore_from: Path | None = None  # put back once the window has closed
        self.restore_action = QAction(tr("&Restore from a backup…"), self)
        self.restore_action.setToolTip(
            tr("Put back one of the daily backups, or a copy from another computer")
        )
        self.restore_action.triggered.connect(self.ask_restore)
        file_menu.addAction(self.programme_action)
        file_menu.addAction(self.switch_hub_action)
        file_menu.addSeparator()
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.chosen_language: str | None = None
        self._add_language_menu()

        # ``clock`` (the time of day) only for screenshots and tests of a fixed moment.
        self.register = RegisterPage(
            services,
            hub_id,
            self.tasks,
            today=first.day if first else today,
            clock=clock,
            first=DayView(first.day, first.sessions, first.missing) if first else None,
        )
        self.register.dayChanged.connect(self._show_date)
        self.register.setupRequested.connect(self.go_on_setting_up)
        self._show_date(self.register.day)
        self.add_page(self.register, tr("Register"))
        # The other pages wait for their tab (see the module's docstring).
        self._unbuilt: dict[str, tuple[QWidget, str, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}
        self.pages.currentChanged.connect(self._build_current)
        self._add_later("roster", tr("Roster"), self._make_roster)
        self._add_later("volunteers", tr("Volunteers"), self._make_volunteers)
        self._add_later("events", tr("Events"), self._make_events)
        self._add_later("reports", tr("Reports"), self._make_reports)
        self.sync_ui = SyncUi(self, self.tasks, hub_id, auto=auto_sync)
        self.sync_ui.install(self.pages)
        self._closed = False
        self.tasks.changed.connect(self._setup_changed)
        # A laptop left open, or asleep, overnight: the window opens again on the new day
        # (looked at every minute and when the app comes back to the front).
        self._opened_on = dt.date.today()  # this computer's day when the window opened
        if auto_sync:  # not in tests and benchmarks, which fix their own day
            self._day_timer = QTimer(self)
            self._day_timer.setInterval(NEW_DAY_CHECK_MS)
            self._day_timer.timeout.connect(self.look_at_the_date)
            self._day_timer.start()
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._app_state_changed)
        # At launch the keyboard is on today's sessions: ↑/↓ choose, Enter opens the roll.
        self.register.sessions_view.setFocus()

    def _setup_changed(self, changes: Changes, _initiator: object) -> None:
        """A hub renamed or added (File ▸ Programme set-up…, or a sync): its name in the
        title and the status bar, and Switch hub… offered when there are two."""
        if changes.setup:
            self.tasks.run(lambda _progress: self.services.hubs.hubs(), self._show_hubs)

    def _show_hubs(self, hubs: list[HubInfo]) -> None:
        names = {h.id: h.name for h in hubs}
        self.hub_name = names.get(self.hub_id, self.hub_name)
        self.setWindowTitle(f"{self.hub_name} — {APP_NAME}")
        self.hub_label.setText(self.hub_name)
        self.hub_label.setToolTip(tr("Hub: {name}").format(name=self.hub_name))
        self.switch_hub_action.setEnabled(len(hubs) > 1)

    def attach(self) -> None:
        """Complete the window once its services are open (after a first paint)."""
        self.register.attach()

    def _add_language_menu(self) -> None:
        """Settings → Language: English / Español, each named in its own language."""
        # Se&ttings: Alt+S is the Sync menu's.
        menu = self.menuBar().addMenu(tr("Se&ttings")).addMenu(tr("&Language"))
        menu.setAccessibleName(tr("Language"))
        self.language_actions = language_actions(
            menu, i18n.current_language(), self.choose_language
        )

    def choose_language(self, code: str) -> None:
        """Keep ``code`` as this database's language and reopen the window in it (every
        mark is already stored, so closing loses nothing; Programme set-up's typed changes
        are asked about first, and Cancel changes nothing)."""
        if not self._programme_lets_go(lambda: self.choose_language(code)):
            return
        self.services.store.settings.set(settings.LANGUAGE, code)
        if code == i18n.current_language():
            return
        self.chosen_language = code
        self.close()

    def add_page(self, widget: QWidget, title: str) -> None:
        """Add a page (roster, sync review …) as a tab."""
        if not widget.accessibleName():
            widget.setAccessibleName(title)
        self.pages.addTab(widget, title)

    def _add_later(self, name: str, title: str, build: Callable[[], QWidget]) -> None:
        """A tab whose page ``build`` makes when the tab is first shown (or asked for)."""
        placeholder = QWidget()
        placeholder.setAccessibleName(title)
        self._unbuilt[name] = (placeholder, title, build)
        self.pages.addTab(placeholder, title)

    def _build_current(self, index: int) -> None:
        shown = self.pages.widget(index)
        for name, (placeholder, _title, _build) in list(self._unbuilt.items()):
            if placeholder is shown:
                self._page(name)

    def _page(self, name: str) -> QWidget:
        """The page ``name``, built now in its placeholder's tab if it was not yet."""
        built = self._built.get(name)
        if built is not None:
            return built
        placeholder, title, build = self._unbuilt.pop(name)
        page = build()
        self._built[name] = page
        if not page.accessibleName():
            page.setAccessibleName(title)
        index = self.pages.indexOf(placeholder)
        current = self.pages.currentIndex()
        # Swapped in one go, the tab staying current if it was: no signal says the
        # current page changed, as to the user it has not.
        with QSignalBlocker(self.pages):
            self.pages.removeTab(index)
            self.pages.insertTab(index, page, title)
            self.pages.setCurrentIndex(current)
        placeholder.deleteLater()
        return page

    def _make_roster(self) -> QWidget:
        from harmony_desktop.ui.roster import RosterPage

        page = RosterPage(self.services, self.hub_id, self.tasks, today=self._today)
        page.newYearRequested.connect(self.open_next_grade)
        return page

    def _make_volunteers(self) -> QWidget:
        from harmony_desktop.ui.volunteers import VolunteersPage

        return VolunteersPage(self.services, self.hub_id, self.tasks)

    def _make_events(self) -> QWidget:
        from harmony_desktop.ui.events import EventsPage

        return EventsPage(
            self.services,
            self.hub_id,
            self.tasks,
            staff=lambda: self.register.staff_id,
            today=self._today,
            wrong_day=self.register.wrong_day,
        )

    def _make_reports(self) -> QWidget:
        from harmony_desktop.ui.reports import ReportsPage

        return ReportsPage(self.services, self.hub_id, self.tasks, today=self._today)

    @property
    def roster(self) -> RosterPage:
        """The Roster page (built now if its tab was never shown)."""
        return cast("RosterPage", self._page("roster"))

    @property
    def volunteers(self) -> VolunteersPage:
        """The Volunteers page (built now if its tab was never shown)."""
        return cast("VolunteersPage", self._page("volunteers"))

    @property
    def events(self) -> EventsPage:
        """The Events page (built now if its tab was never shown)."""
        return cast("EventsPage", self._page("events"))

    @property
    def reports(self) -> ReportsPage:
        """The Reports page (built now if its tab was never shown)."""
        return cast("ReportsPage", self._page("reports"))

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.look_at_the_date()

    def look_at_the_date(self) -> None:
        """Every minute, and when the app comes back to the front: the register compares
        this computer's date with what it recorded (in the background: its band comes if
        the date went wrong, and goes once it is right again), then the window opens
        again on the computer's day if that moved on (:meth:`check_new_day`). Before the
        services are open (the first paint), the day alone."""
        if self._closed or self.successor is not None:
            return
        if not self.register.attached:
            self.check_new_day()
            return
        self.register.check_clock(then=lambda day: self.check_new_day(day))

    def check_new_day(self, now: dt.date | None = None) -> MainWindow | None:
        """If this computer's day has moved on since the window opened (``now``: its day
        now), open the window again on the new day, on the same hub and tab, so the
        register's "today" and its sessions are the new day's and no roll is taken on
        yesterday's. Not while a question or dialog is open, or Programme set-up is
        (the next check tries again): every mark is already stored. Nor when the
        register found the computer's date gone certainly wrong while it was open on a
        day it trusted (:attr:`RegisterPage.date_gone_wrong`): the register keeps its
        day and says so. Returns the new window, if one was opened."""
        now = now or dt.date.today()
        if now == self._opened_on or self._closed or self.successor is not None:
            return None
        if self.register.date_gone_wrong is not None:
            return None
        if QApplication.activeModalWidget() is not None:
            return None
        programme = self.programme_window
        if programme is not None and programme.isVisible():
            return None
        window = MainWindow(self.services, self.hub_id, today=now, auto_sync=self._auto_sync)
        window._opened_on = now
        window.setGeometry(self.geometry())
        window.pages.setCurrentIndex(self.pages.currentIndex())
        window.statusBar().showMessage(
            tr("A new day: the register now shows today, {day}. Every mark is saved.").format(
                day=long_day(now)
            ),
            60_000,
        )
        self.successor = window
        window.show()
        self.close()
        return window

    def choose_hub(self) -> HubDialog:
        """Ask which hub to show (non-blocking); choosing one switches to it."""
        dialog = HubDialog([(h.id, h.name) for h in self.services.hubs.hubs()], self.hub_id, self)
        dialog.accepted.connect(lambda: self.switch_hub(dialog.hub_id()))
        dialog.open()
        return dialog

    def switch_hub(self, hub_id: str | None) -> MainWindow | None:
        """Show ``hub_id`` in a new window in this one's place; the choice is kept for
        the next start. Every mark is already stored, so nothing is lost."""
        if not hub_id or hub_id == self.hub_id:
            return None
        if not self._programme_lets_go(lambda: self.switch_hub(hub_id)):
            return None  # asked about Programme set-up's typed changes: goes on from the answer
        self.services.store.settings.set(settings.CURRENT_HUB, hub_id)
        window = MainWindow(self.services, hub_id, today=self._today, auto_sync=self._auto_sync)
        window.setGeometry(self.geometry())
        self.successor = window
        window.show()
        self.close()
        return window

    def ask_restore(self) -> Path | None:
        """Ask for a backup to put back; if one is chosen, close the window so it can be
        (every mark is already stored). Returns the backup chosen."""
        from harmony_desktop.ui.restore import choose_backup

        with dialogs_on_screen():  # the file dialog too (its buttons below a small screen)
            chosen = choose_backup(self, self.services.store.backup_dir, replacing=True)
        if chosen is not None:
            backup = chosen

            def restore() -> None:
                self.restore_from = backup
                self.close()

            # Programme set-up's typed changes first: Cancel keeps working, nothing put back
            if self._programme_lets_go(restore):
                restore()
        return chosen

    def _programme_lets_go(self, again: Callable[[], object]) -> bool:
        """Whether Programme set-up holds no typed changes, so the window may close or be
        replaced now; otherwise it asks (without waiting) and ``again`` runs once they are
        saved or discarded (Cancel: nothing happens)."""
        programme = self.programme_window
        return self._closed or programme is None or programme.may_close(again)

    def open_programme(self) -> ProgrammeWindow:
        """Show the Programme window (hubs, ensembles, staff, school year, codes)."""
        if self.programme_window is None:
            from harmony_desktop.ui.programme import ProgrammeWindow

            self.programme_window = ProgrammeWindow(
                self.services, self.tasks, self.hub_id, self, today=self._today
            )
        self.programme_window.show()
        self.programme_window.raise_()
        self.programme_window.activateWindow()
        return self.programme_window

    def open_next_grade(self) -> None:
        """The Roster tab's reminder: Programme set-up on its Next grade tab."""
        programme = self.open_programme()
        programme.show_page(programme.new_year)

    def go_on_setting_up(self, where: str) -> None:
        """An empty register's button: the ensembles of Programme set-up, or the Roster
        with the keyboard on New student."""
        if where == ENSEMBLES:
            programme = self.open_programme()
            programme.show_page(programme.ensembles)
            return
        roster = self.roster
        self.pages.setCurrentWidget(roster)
        roster.new_button.setFocus()

    def _show_date(self, day: dt.date) -> None:
        label = QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")
        self.date_label.setText(label)
        self.date_label.setToolTip(tr("Date: {date}").format(date=label))

    def shutdown(self) -> None:
        """Stop the timers and the background threads (idempotent)."""
        if self._closed:
            return
        self._closed = True
        timer = getattr(self, "_day_timer", None)
        if timer is not None:
            timer.stop()
        if self.programme_window is not None:  # stopping: no question is asked now
            self.programme_window.close_dropping_changes()
        self.sync_ui.shutdown()
        self.register.shutdown()
        for name in ("roster", "reports"):  # only pages built (shown) have work to stop
            if name in self._built:
                getattr(self, name).shutdown()
        self.tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every mark is already stored; just stop the background threads (once the
        Programme window's typed changes are saved or discarded, as its user says: the
        window stays open while it asks, and closes if they say Save or Discard)."""
        if not self._programme_lets_go(self.close):
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)
