"""Which day a sign-in sheet is for: one of the days the ensemble meets.

A sign-in sheet for a day without class is a mistake (a Saturday sheet for a
Monday-and-Wednesday class), so the choice offers only meeting days: the sessions the
register would show, from a week back to five weeks ahead, today (or the next meeting)
first chosen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from harmony_desktop.printing import meeting_days
from harmony_desktop.services.context import Services
from harmony_desktop.ui.screen_fit import keep_on_screen


class SignInDayDialog(QDialog):
    """Choose the meeting day of a sign-in sheet (Enter prints the one chosen)."""

    def __init__(
        self,
        services: Services,
        hub_id: str,
        ensemble_id: str,
        ensemble_name: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign-in sheet: which day?"))
        self.setAccessibleName(self.tr("Sign-in sheet day"))
        self.days = meeting_days(services, hub_id, ensemble_id, today)
        self.day_box = QComboBox()
        self.day_box.setAccessibleName(self.tr("Meeting day"))
        # QDate.toString names days and months in English whatever the language: the
        # window's locale names them ("martes 8 de septiembre de 2026").
        pattern = self.tr("dddd d MMMM yyyy")  # a Qt date pattern, per language
        for day in self.days:
            label = QLocale().toString(QDate(day.year, day.month, day.day), pattern)
            if day == today:
                label = self.tr("Today, {date}").format(date=label)
            self.day_box.addItem(label, day)
        upcoming = [i for i, d in enumerate(self.days) if d >= today]
        if upcoming:
            self.day_box.setCurrentIndex(upcoming[0])
        intro = QLabel(
            self.tr("Days {ensemble} meets:").format(ensemble=ensemble_name)
            if self.days
            else self.tr("{ensemble} has no meeting from a week ago to five weeks ahead.").format(
                ensemble=ensemble_name
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Preview"))
        ok.setAccessibleName(self.tr("Preview"))
        ok.setEnabled(bool(self.days))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.tr("&Day:"), self.day_box)
        form.addRow(buttons)
        keep_on_screen(self)
        self.day_box.setFocus()

    def day(self) -> dt.date | None:
        """The chosen meeting day."""
        value = self.day_box.currentData()
        return value if isinstance(value, dt.date) else None
