"""The register's consecutive-absence alert: students of the hub with a run of
unexcused absences at or above the threshold (a setting, 3 by default), so someone can
call home. Hidden when there is no one to call.

It loads on the task manager's database thread, and again after marks, sessions or
enrollments change.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QListWidget, QSizePolicy, QVBoxLayout, QWidget

from harmony_desktop.ui.operations import QueryOp
from harmony_desktop.ui.tasks import Changes, TaskManager

if TYPE_CHECKING:
    from harmony_desktop.services.reports.alerts import AbsenceAlert


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    """Translate an alert string (context ``AbsenceAlert``); ``n`` picks the plural form
    of a ``%n`` text (lupdate reads it as the third argument)."""
    return QCoreApplication.translate("AbsenceAlert", text, disambiguation or None, n)


class AbsenceAlertPanel(QWidget):
    """A short list: "Ana Garcia · Strings · 3 unexcused absences in a row"."""

    #: the alerts were loaded (how many)
    loaded = Signal(int)

    def __init__(
        self, tasks: TaskManager, hub_id: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.hub_id = hub_id
        self.today = today
        self.alerts: list[AbsenceAlert] = []
        self.setAccessibleName(tr("Students to call home"))
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Students with unexcused absences in a row"))
        # As tall as its alerts, up to three (then it scrolls): the roll below keeps the
        # room on a small screen.
        self.list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Under the day's list, a third of the window wide: a long alert takes a second
        # line rather than a sideways scroll.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.setVisible(False)
        tasks.changed.connect(self._changed)
        # First loaded by the register's attach(): a job here would wait for, and so
        # begin, the opening of services still pending behind the first paint.

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.register:
            self.refresh()

    def refresh(self) -> None:
        """Load the alerts again in the background."""
        hub_id, today = self.hub_id, self.today
        QueryOp(
            self.tasks,
            op=lambda s: s.reports.absence_alerts(hub_id, today),
            success=self._show,
            parent=self,
        ).run_in_background()

    def _show(self, alerts: list[AbsenceAlert]) -> None:
        self.alerts = alerts
        self.list.clear()
        for alert in alerts:
            self.list.addItem(
                tr(
                    "{student} · {ensemble} · %n unexcused absence(s) in a row", "", alert.absences
                ).format(student=alert.student, ensemble=alert.ensemble)
            )
        self.title.setText(
            tr("%n student(s) missed several sessions in a row without an excuse: call home.",
               "", len(alerts))
        )  # fmt: skip
        self._fit()
        self.setVisible(bool(alerts))
        self.loaded.emit(len(alerts))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrower or wider (the window, the splitter): the alerts wrap on more or fewer
        lines, and the list is as tall as they are again."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    #: alerts shown without scrolling
    SHOWN = 3

    def _fit(self) -> None:
        """Make the list exactly as tall as its first :attr:`SHOWN` alerts."""
        self.list.doItemsLayout()  # the rows' wrapped heights at the list's width now
        rows = min(self.list.count(), self.SHOWN)
        height = sum(self.list.visualItemRect(self.list.item(i)).height() for i in range(rows))
        scroll = self.list.horizontalScrollBar()
        extra = scroll.sizeHint().height() if scroll.isVisible() else 0
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + extra)
