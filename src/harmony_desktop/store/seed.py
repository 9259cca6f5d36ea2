"""Rows every database starts with: the default attendance codes (DESIGN.md)."""

from __future__ import annotations

from sqlmodel import select

from harmony_desktop.store.changes import ChangeWriter
from harmony_desktop.store.db import Store
from harmony_desktop.store.models import AttendanceCode
from harmony_sync.protocol import attendance_code_id

#: code, label, counts_present, tardy, early_departure, excused
DEFAULT_CODES: tuple[tuple[str, str, bool, bool, bool, bool], ...] = (
    ("P", "Present", True, False, False, False),
    ("L", "Late", True, True, False, False),
    ("LE", "Left early", True, False, True, False),
    ("OS", "Present off-site", True, False, False, False),
    ("AE", "Excused absence", False, False, False, True),
    ("AU", "Unexcused absence", False, False, False, False),
)


def seed_attendance_codes(writer: ChangeWriter) -> int:
    """Insert the default codes that are missing (deterministic ids); returns how many."""
    existing = set(writer.session.exec(select(AttendanceCode.id)).all())
    added = 0
    for order, (code, label, present, tardy, early, excused) in enumerate(DEFAULT_CODES):
        code_id = attendance_code_id(code)
        if code_id in existing:
            continue
        writer.insert(
            AttendanceCode(
                id=code_id,
                hub_id=None,
                code=code,
                label=label,
                counts_present=present,
                tardy=tardy,
                early_departure=early,
                excused=excused,
                sort_order=order,
            )
        )
        added += 1
    return added


def ensure_attendance_codes(store: Store) -> int:
    """Seed the default codes into ``store`` if any are missing."""
    with store.read() as s:
        have = len(s.exec(select(AttendanceCode.id)).all())
    if have >= len(DEFAULT_CODES):
        return 0
    with store.write() as w:
        return seed_attendance_codes(w)
