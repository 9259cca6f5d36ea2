"""Attendance codes as the register shows them: one key each, a colour from the flags.

The codes and their flags come from the store; nothing here knows what "AE" means.
Each code gets one letter key (the first letter of the code not already taken, then of
its label) and a digit key (its position), shown on its button.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor


@dataclass(frozen=True)
class CodeInfo:
    """One attendance code with its key and colour."""

    code: str
    label: str
    counts_present: bool
    tardy: bool
    early_departure: bool
    excused: bool
    key: str
    digit: str

    @property
    def colour(self) -> QColor:
        """Background of the code's pill: derived from the flags, never the letters."""
        if self.tardy:
            return QColor("#f2c14e")  # amber
        if self.early_departure:
            return QColor("#8fb8ed")  # blue
        if self.counts_present:
            return QColor("#7cc47f")  # green
        if self.excused:
            return QColor("#c7c2d8")  # lavender grey
        return QColor("#e57373")  # red: unexcused absence


def assign_keys(rows: list[tuple[str, str, bool, bool, bool, bool]]) -> list[CodeInfo]:
    """Give each (code, label, present, tardy, early, excused) a unique letter and digit."""
    taken: set[str] = {"J", "K", "N", "D"}  # j/k move, n adds a note, d signs out
    infos = []
    for position, (code, label, present, tardy, early, excused) in enumerate(rows):
        key = ""
        for char in (code + label).upper():
            if char.isalpha() and char not in taken:
                key = char
                break
        taken.add(key)
        digit = str(position + 1) if position < 9 else ""
        infos.append(CodeInfo(code, label, present, tardy, early, excused, key, digit))
    return infos
