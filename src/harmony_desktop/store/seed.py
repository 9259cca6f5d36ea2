"""Rows every database starts with: the default attendance codes (docs/DOMAIN.md;
how they sync: docs/SYNC.md).

The defaults are the same on every laptop (deterministic ids, identical values), so they
are part of a database's starting state rather than a change: they are written with the
``GENESIS`` clock and no outbox entry. Any real edit of a code (by a data manager) has a
later clock, wins everywhere, and syncs like every other change.
"""

from __future__ import annotations

from sqlmodel import Session, select

from harmony_desktop.domain.i18n import N_
from harmony_desktop.store.db import Store
from harmony_desktop.store.models import AttendanceCode
from harmony_desktop.store.replica import GENESIS_CLOCKS, attendance_code_id

#: code, label (stored in English, shown through the catalogue), counts_present, tardy, early_departure, excused
DEFAULT_CODES: tuple[tuple[str, str, bool, bool, bool, bool], ...] = (
    ("P", N_("Present"), True, False, False, False),
    ("L", N_("Late"), True, True, False, False),
    ("LE", N_("Left early"), True, False, True, False),
    ("OS", N_("Present off-site"), True, False, False, False),
    ("AE", N_("Excused absence"), False, False, False, True),
    ("AU", N_("Unexcused absence"), False, False, False, False),
)
#: The default codes' Spanish labels (the same as migration 0003_setup gives older files).
SPANISH_LABELS: dict[str, str] = {
    "P": "Presente",
    "L": "Tarde",
    "LE": "Salió temprano",
    "OS": "Fuera de sede",
    "AE": "Falta justificada",
    "AU": "Falta injustificada",
}


def seed_attendance_codes(session: Session) -> int:
    """Insert the default codes that are missing (deterministic ids); returns how many."""
    existing = set(session.exec(select(AttendanceCode.id)).all())
    added = 0
    for order, (code, label, present, tardy, early, excused) in enumerate(DEFAULT_CODES):
        code_id = attendance_code_id(code)
        if code_id in existing:
            continue
        session.add(
            AttendanceCode(
                id=code_id,
                clocks=GENESIS_CLOCKS,
                hub_id=None,
                code=code,
                label=label,
                label_es=SPANISH_LABELS.get(code, ""),
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
    with store.raw_write() as session:
        return seed_attendance_codes(session)
