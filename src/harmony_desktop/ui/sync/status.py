"""The sync part of the status bar: online/offline, last sync, changes waiting, progress."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from harmony_desktop.ui.language import time_text
from harmony_desktop.ui.sync.controller import SyncController
from harmony_sync.client import SyncError

if TYPE_CHECKING:
    from harmony_desktop.services.sync import SyncReport, SyncStatus


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate a sync status string (context ``SyncStatus``); ``n`` picks the plural form
    of a ``%n`` text (lupdate reads it as the third argument)."""
    return QCoreApplication.translate("SyncStatus", text, disambiguation or None, n)


def first_sentence(text: str) -> str:
    """The first sentence of an error message, for a one-line status bar."""
    head, dot, _rest = text.partition(". ")
    return head + (dot.strip() if dot else "")


def describe_last_sync(when: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """ "Last sync: today 14:05" / "yesterday 17:40" / "3 Sep 09:12" / "never"; with the
    year when it is not this year's, or after today (this computer's clock is behind:
    "5 Dec 2026 01:58", never a day that reads as a past one)."""
    if when is None:
        return tr("Last sync: never")
    local = when.astimezone() if when.tzinfo else when
    now = now or dt.datetime.now().astimezone()
    if local.date() == now.date():
        day = tr("today")
    elif local.date() == now.date() - dt.timedelta(days=1):
        day = tr("yesterday")
    else:
        whole = local.year != now.year or local.date() > now.date()
        day = QLocale().toString(
            QDate(local.year, local.month, local.day), "d MMM yyyy" if whole else "d MMM"
        )
    return tr("Last sync: {day} {time}").format(day=day, time=time_text(local.time()))


def review_covers() -> str:
    """What the review count covers, as the status bar's tooltip says it."""
    return tr(
        "Items on the Needs review page: changes that clashed with another laptop's, "
        "changes the server refused, and students that may be entered twice."
    )


def alone_explained() -> str:
    """What working alone means, for the status bar's tooltip on a laptop not enrolled."""
    return tr(
        "Everything is kept on this laptop and backed up every day. A site lead can "
        "join the programme's sync server with Sync ▸ Enroll this laptop; what was "
        "recorded here is sent at the first sync."
    )


def not_enrolled_here(server: str) -> str:
    """Why a laptop that synced with ``server`` does not sync on this computer."""
    return tr(
        "This laptop's data syncs with {server}, but this computer is not enrolled there "
        "(a backup put back on a new computer, or a lost sync token). Ask your "
        "administrator for a new enrollment code and enroll it with Sync ▸ Enroll this "
        "laptop; the changes waiting here are sent at the first sync."
    ).format(server=server)


class GivingWayLabel(QLabel):
    """A one-line label that gives way first when the status bar is short of room: it
    ends in "…" (its whole text stays in :meth:`text` and the tooltip says more) while
    its neighbours keep their full width.

    Without it, at 200 % or in Spanish, every label of the status bar was cut at once:
    "Última sincronización: hoy 9:30 p", "No se puede conectar con el serv".
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)

    def minimumSizeHint(self) -> QSize:
        """Room for a few words, not the whole text."""
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance("x" * 12)), hint.height()
        )

    def shown_text(self) -> str:
        """The text as it fits the label's width now ("…" at the end when it does not)."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the text, shortened with "…" when it does not fit."""
        painter = QPainter(self)
        painter.drawText(
            self.contentsRect(),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.shown_text(),
        )


class SyncStatusWidget(QWidget):
    """Always shows the last successful sync, changes waiting and online/offline."""

    enrollRequested = Signal()
    """The button was clicked on a laptop not enrolled yet: open the enrollment dialog."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName(tr("Sync status"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(10)
        self.online_label = QLabel()
        self.online_label.setAccessibleName(tr("Connection"))
        # The ○/● glyph comes from a fallback font the width estimate misses: room for it.
        self.online_label.setContentsMargins(0, 0, 6, 0)
        self.last_label = QLabel()
        self.last_label.setAccessibleName(tr("Last successful sync"))
        self.pending_label = QLabel()
        self.pending_label.setAccessibleName(tr("Changes waiting"))
        self.review_label = QLabel()
        self.review_label.setAccessibleName(tr("Needs review"))
        self.review_label.setToolTip(review_covers())
        self.review_label.hide()
        self.message_label = GivingWayLabel()
        self.message_label.setAccessibleName(tr("Sync message"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Sync progress"))
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.sync_button = QPushButton(tr("Sync now"))
        self.sync_button.setAccessibleName(tr("Sync now"))
        self.sync_button.setToolTip(tr("Send this laptop's changes and fetch everyone else's"))
        self.sync_button.clicked.connect(self._clicked)
        for widget in (
            self.message_label,
            self.progress,
            self.online_label,
            self.last_label,
            self.pending_label,
            self.review_label,
            self.sync_button,
        ):
            layout.addWidget(widget, 1 if widget is self.message_label else 0)
        for label in (self.online_label, self.last_label, self.pending_label, self.review_label):
            # never cut: the message beside them gives way instead
            label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        controller.statusChanged.connect(self.show_status)
        controller.onlineChanged.connect(self._show_online)
        controller.syncStarted.connect(self._started)
        controller.syncProgress.connect(self._progress)
        controller.syncFinished.connect(self._finished)
        controller.syncFailed.connect(self._failed)
        controller.reminder.connect(self._remind)
        self._enrolled = False
        #: the end-of-day reminder is the message shown: its count follows the counter's
        self._reminding = False
        self._show_online(controller.online)

    # -- slots -----------------------------------------------------------------------

    def _clicked(self) -> None:
        if self._enrolled:
            self.controller.sync_now()
        else:
            self.enrollRequested.emit()

    def show_status(self, status: SyncStatus) -> None:
        """Show a fresh :class:`SyncStatus`."""
        self._enrolled = status.enrolled
        self.sync_button.setText(tr("Sync now") if status.enrolled else tr("Set up sync…"))
        self.sync_button.setAccessibleName(self.sync_button.text())
        # A laptop working alone has nothing to sync with: no "last sync: never", no
        # growing count of waiting changes (the outbox keeps them for the day it joins
        # a server, but to a teacher a rising number reads as an error).
        # A laptop that knows its server but has no token here (its backup restored on
        # a new computer, its token lost) is no laptop working alone: its unsent changes
        # wait for the enrollment, and they count.
        elsewhere = not status.enrolled and bool(status.server_url)
        self.last_label.setVisible(status.enrolled)
        self.pending_label.setVisible(status.enrolled or elsewhere)
        self.last_label.setText(describe_last_sync(status.last_success))
        if status.pending == 0 and status.enrolled and status.last_success:
            self.pending_label.setText(tr("All changes synced"))
        elif status.pending == 0:
            self.pending_label.setText(tr("No changes waiting"))
        else:
            self.pending_label.setText(tr("%n change(s) waiting", "", status.pending))
        if self._reminding:  # the reminder says the count the counter beside it says
            if status.enrolled and status.pending:
                self._remind(status.pending)
            else:
                self._say("")
        if elsewhere:
            self.online_label.setText(tr("Not enrolled on this computer"))
            explained = not_enrolled_here(status.server_url or "")
            self.online_label.setToolTip(explained)
            self.sync_button.setToolTip(explained)
        elif not status.enrolled:
            self.online_label.setText(tr("Working alone on this laptop — backups daily"))
            self.online_label.setToolTip(alone_explained())
            self.sync_button.setToolTip(alone_explained())
        else:
            self.sync_button.setToolTip(tr("Send this laptop's changes and fetch everyone else's"))
            self._show_online(self.controller.online)

    def show_review_count(self, waiting: int) -> None:
        """The items of the "Needs review" page (the same count as its tab)."""
        self.review_label.setVisible(waiting > 0)
        self.review_label.setText(tr("Needs review: {n}").format(n=waiting))

    def _show_online(self, online: bool | None) -> None:
        if not self._enrolled:
            return
        status = self.controller.status
        address = (status.server_url if status else None) or ""
        if online is None:
            self.online_label.setText(tr("◌ Not checked yet"))
        elif online and self.controller.not_a_sync_server:
            self.online_label.setText(tr("⚠ Not a sync server"))
            self.online_label.setToolTip(
                tr(
                    "{address} answers, but not as a Harmony sync server. Check the server "
                    "address with your administrator."
                ).format(address=address)
            )
            return
        elif online:
            self.online_label.setText(tr("● Online"))
        else:
            self.online_label.setText(tr("○ Offline"))
        self.online_label.setToolTip(address)

    def _say(self, text: str, tip: str = "") -> None:
        """Show ``text`` as the sync message; its tooltip holds it whole (a narrow window
        ends it in "…") and ``tip``, what more there is to say. Any earlier reminder is
        over."""
        self._reminding = False
        self.message_label.setText(text)
        whole = tip if text in tip else "\n\n".join(filter(None, (text, tip)))
        self.message_label.setToolTip(whole)

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(tr("Syncing…"))
        self.progress.show()
        self._say("")

    def _progress(self, phase: str, done: int, total: int) -> None:
        if phase == "push" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(tr("Sending %v of %m"))
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(tr("Receiving {n}").format(n=done))

    def _finished(self, report: SyncReport) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        if report.clock_reset:  # the changes made while the clock was far ahead went out
            text = tr("Synced after resetting this computer's clock: sent {sent}, received {got}")
            text = text.format(sent=report.pushed, got=report.pulled)
        elif report.pushed or report.pulled:
            text = tr("Synced: sent {sent}, received {got}").format(
                sent=report.pushed, got=report.pulled
            )
        else:  # nothing waited on either side (the sync right after the first one)
            text = tr("Synced: up to date")
        self._say(text, report.summary())

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        message = (
            str(error)
            if isinstance(error, SyncError)
            else tr("Sync failed unexpectedly; your work is safe on this laptop.")
        )
        self._say(self.short_reason(error), message)

    def short_reason(self, error: Exception) -> str:
        """What a failed sync means, in a few words fit for the status bar."""
        code = getattr(error, "code", "")
        if code in ("unreachable", "server_error", "storage_unavailable"):
            wait_ms = self.controller.next_retry_ms()
            if wait_ms > 0:
                return tr("Server unreachable: retrying in {n} min. Your work is safe.").format(
                    n=max(1, round(wait_ms / 60000))
                )
            return tr("Server unreachable. Your work is safe on this laptop.")
        if code in ("device_revoked", "invalid_token", "missing_token"):
            return tr("Sync access revoked: enroll this laptop again (Sync menu).")
        if code == "not_enrolled":
            return tr("Not set up for sync: Sync ▸ Enroll this laptop.")
        if code == "clock_skew":
            return tr("This computer's clock is wrong: fix date and time, then sync.")
        if code == "version_mismatch":
            if getattr(error, "update", "desktop") == "server":
                return tr("The sync server needs an update: tell your administrator.")
            return tr("This app needs an update before it can sync.")
        if isinstance(error, SyncError):
            return tr("Sync failed: {why}").format(why=first_sentence(str(error)))
        return tr("Sync failed unexpectedly; your work is safe on this laptop.")

    def _remind(self, pending: int) -> None:
        """The end-of-day reminder: ``pending`` changes waiting (kept in step with the
        counter by :meth:`show_status` until another message takes its place)."""
        self._say(
            tr("End of the day: %n change(s) not synced yet. Sync before you leave?", "", pending)
        )
        self._reminding = True
