"""Rows every database needs before anyone takes roll: the default attendance codes.

The codes are programme-wide (``hub_id`` None) and have deterministic ids
(:func:`harmony_sync.protocol.attendance_code_id`), so two laptops that seed them
independently converge on the same rows when they sync.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from harmony_desktop.store.changes import ChangeWriter
from harmony_desktop.store.models import AttendanceCode
from harmony_sync.protocol import attendance_code_id


@dataclass(frozen=True)
class DefaultCode:
    """One of the default attendance codes of DESIGN.md, with its flags."""

    code: str
    label: str
    counts_present: bool = False
    tardy: bool = False
    early_departure: bool = False
    excused: bool = False


#: The default set (DESIGN.md, "Attendance codes"), in the order shown to teachers.
DEFAULT_ATTENDANCE_CODES: tuple[DefaultCode, ...] = (
    DefaultCode("P", "Present", counts_present=True),
    DefaultCode("L", "Late", counts_present=True, tardy=True),
    DefaultCode("LE", "Left early", counts_present=True, early_departure=True),
    DefaultCode("OS", "Present off-site", counts_present=True),
    DefaultCode("AE", "Excused absence", excused=True),
    DefaultCode("AU", "Unexcused absence"),
)


def seed_attendance_codes(writer: ChangeWriter) -> int:
    """Insert the default attendance codes that are missing; return how many were added.

    A code counts as present when a row with its deterministic id exists (even a
    tombstoned one: a deliberate delete is respected) or when a live code with the same
    letters exists under another id, so seeding twice, or after a user defined the code
    by hand, never creates a duplicate.
    """
    existing = writer.session.exec(select(AttendanceCode)).all()
    ids = {row.id for row in existing}
    letters = {row.code for row in existing if not row.deleted}
    added = 0
    for order, default in enumerate(DEFAULT_ATTENDANCE_CODES):
        code_id = attendance_code_id(default.code)
        if code_id in ids or default.code in letters:
            continue
        writer.insert(
            AttendanceCode(
                id=code_id,
                hub_id=None,
                code=default.code,
                label=default.label,
                counts_present=default.counts_present,
                tardy=default.tardy,
                early_departure=default.early_departure,
                excused=default.excused,
                sort_order=(order + 1) * 10,
            )
        )
        added += 1
    return added
