"""The clearance kinds the programme requires: their names, how long each stays valid,
and whether it is required. Programme-wide: changes sync from a data manager's laptop
(the server refuses them from any other), so other laptops see the table read-only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.errors import HarmonyError
from harmony_desktop.services.context import Services
from harmony_desktop.services.volunteers import ClearanceKindInfo
from harmony_desktop.ui.volunteers.model import NOT_CLEARED, tr


class ClearanceKindsDialog(QDialog):
    """Edit the clearance kinds (names, months valid, required, in use)."""

    def __init__(
        self,
        services: Services,
        kinds: list[ClearanceKindInfo],
        *,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.kinds = kinds
        self.setWindowTitle(tr("Clearance kinds"))
        self.setAccessibleName(tr("Clearance kinds"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "What every volunteer must have before working with children. Months valid: "
                "0 means it does not expire."
            )
            if editable
            else tr(
                "What every volunteer must have. Only the programme office (a data "
                "manager's laptop) changes these."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        for col, head in enumerate((tr("Name"), tr("Months valid"), tr("Required"), tr("In use"))):
            grid.addWidget(QLabel(f"<b>{head}</b>"), 0, col)
        self.rows: list[tuple[ClearanceKindInfo, QLineEdit, QSpinBox, QCheckBox, QCheckBox]] = []
        for row, kind in enumerate(kinds, start=1):
            label = QLineEdit(kind.label)
            label.setAccessibleName(tr("Name of {kind}").format(kind=kind.label))
            months = QSpinBox()
            months.setRange(0, 1200)
            months.setValue(kind.validity_months)
            months.setAccessibleName(tr("Months {kind} stays valid").format(kind=kind.label))
            required = QCheckBox()
            required.setChecked(kind.required)
            required.setAccessibleName(tr("{kind} is required").format(kind=kind.label))
            active = QCheckBox()
            active.setChecked(kind.active)
            active.setAccessibleName(tr("{kind} is in use").format(kind=kind.label))
            for col, widget in enumerate((label, months, required, active)):
                widget.setEnabled(editable)
                grid.addWidget(widget, row, col)
            self.rows.append((kind, label, months, required, active))
        layout.addLayout(grid)
        self.error = QLabel()
        self.error.setAccessibleName(tr("What is wrong"))
        self.error.setStyleSheet(f"color: {NOT_CLEARED.name()}")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            if editable
            else QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        layout.addWidget(buttons)

    def save(self) -> None:
        """Store the kinds that changed."""
        try:
            for kind, label, months, required, active in self.rows:
                changed = {
                    name: value
                    for name, value, before in (
                        ("label", label.text(), kind.label),
                        ("validity_months", months.value(), kind.validity_months),
                        ("required", required.isChecked(), kind.required),
                        ("active", active.isChecked(), kind.active),
                    )
                    if value != before
                }
                if changed:
                    self.services.volunteers.update_kind(kind.id, **changed)
        except HarmonyError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
