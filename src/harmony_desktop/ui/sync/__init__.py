"""The sync UI: status bar widget, Sync menu, enrollment dialog and review page.

:func:`install_sync_ui` wires it into the main window (``add_page`` and its status bar).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from harmony_desktop.services.sync import SyncService
from harmony_desktop.ui.sync.controller import SyncController
from harmony_desktop.ui.sync.enroll import EnrollDialog
from harmony_desktop.ui.sync.review import ReviewPage
from harmony_desktop.ui.sync.status import SyncStatusWidget


def tr(text: str) -> str:
    """Translate a Sync menu string (context ``SyncMenu``)."""
    return QCoreApplication.translate("SyncMenu", text)


class SyncUi:
    """The pieces installed in one window (kept on it as ``window.sync_ui``)."""

    def __init__(self, window: Any, service: SyncService, *, auto: bool = True) -> None:
        self.window = window
        self.controller = SyncController(service, window, auto=auto)
        self.status = SyncStatusWidget(self.controller)
        self.review = ReviewPage(self.controller, getattr(window, "hub_id", None))
        self.sync_action = QAction(tr("&Sync now"), window)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_or_enroll)
        self.status.enrollRequested.connect(self.show_enroll)
        self.enroll_action = QAction(tr("&Enroll this laptop…"), window)
        self.enroll_action.triggered.connect(self.show_enroll)
        self.review_action = QAction(tr("Needs &review"), window)
        self.review_action.triggered.connect(self.show_review)

    def sync_or_enroll(self) -> None:
        """Sync now, or ask for the enrollment first on a laptop not enrolled yet."""
        if self.controller.service.is_enrolled():
            self.controller.sync_now()
        else:
            self.show_enroll()

    def show_enroll(self) -> EnrollDialog:
        """Open the enrollment dialog (non-blocking)."""
        dialog = EnrollDialog(self.controller, self.window)
        dialog.open()
        return dialog

    def show_review(self) -> None:
        """Bring the review page to the front."""
        pages = getattr(self.window, "pages", None)
        if pages is not None:
            pages.setCurrentWidget(self.review)
        self.review.reload()

    def explain_error(self, error: Exception) -> None:
        """A revoked token or a version mismatch needs a person: say so in a dialog."""
        code = getattr(error, "code", "")
        if code in ("device_revoked", "invalid_token", "version_mismatch"):
            QMessageBox.warning(self.window, tr("Sync"), str(error))

    def shutdown(self) -> None:
        """Quit and wait the sync thread."""
        self.controller.shutdown()


def install_sync_ui(window: QMainWindow, *, auto: bool = True) -> None:
    """Add the sync status widget, the Sync menu/toolbar action and the review page.

    ``window`` is the main window (``add_page``, ``statusBar``, ``opened``); its own
    plain "changes waiting" label is replaced by the sync status widget.
    """
    opened = window.opened  # type: ignore[attr-defined]
    service = SyncService(opened.store, opened.paths.data_dir)
    ui = SyncUi(window, service, auto=auto)
    window.sync_ui = ui  # type: ignore[attr-defined]
    old_label = getattr(window, "sync_label", None)
    if old_label is not None:
        old_label.hide()
    window.statusBar().addPermanentWidget(ui.status)
    menu = window.menuBar().addMenu(tr("&Sync"))
    menu.addAction(ui.sync_action)
    menu.addAction(ui.review_action)
    menu.addSeparator()
    menu.addAction(ui.enroll_action)
    toolbar = window.addToolBar(tr("Sync"))
    toolbar.setObjectName("sync-toolbar")
    toolbar.setAccessibleName(tr("Sync toolbar"))
    toolbar.addAction(ui.sync_action)
    add_page = getattr(window, "add_page", None)
    if add_page is not None:
        add_page(ui.review, tr("Needs review"))
        pages = getattr(window, "pages", None)
        if pages is not None:
            counts = {"conflicts": 0}

            def retitle(*_args: object) -> None:
                waiting = counts["conflicts"] + ui.review.duplicates.rowCount()
                title = (
                    tr("Needs review ({n})").format(n=waiting) if waiting else tr("Needs review")
                )
                pages.setTabText(pages.indexOf(ui.review), title)

            def on_status(status: Any) -> None:
                counts["conflicts"] = status.needs_review
                retitle()

            ui.controller.statusChanged.connect(on_status)
            ui.review.loaded.connect(retitle)
    ui.controller.syncFailed.connect(ui.explain_error)
    register = getattr(window, "register", None)
    if register is not None and hasattr(register, "changed"):
        register.changed.connect(ui.controller.refresh_status)
    ui.controller.refresh_status()
    ui.review.reload()
    # The window's shutdown must also stop our thread.
    original_shutdown = getattr(window, "shutdown", None)

    def shutdown() -> None:
        ui.shutdown()
        if original_shutdown is not None:
            original_shutdown()

    window.shutdown = shutdown  # type: ignore[attr-defined]
