"""The console's audit log: who did what, and when. Entries are only ever added."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select

from harmony_sync.server.accounts import as_utc
from harmony_sync.server.admin.models import AuditEntry

AUDIT = AuditEntry.__table__  # type: ignore[attr-defined]

#: The actor recorded for changes made with the ``harmony-sync`` command line.
COMMAND_LINE = "command line"


def record(
    engine: Engine, actor: str, action: str, target: str = "", detail: str = "", *, at: datetime
) -> None:
    """Add one entry. Never pass secrets (codes, passwords, tokens) in any field."""
    with engine.begin() as conn:
        conn.execute(
            insert(AUDIT).values(
                at=at, actor=actor[:64], action=action[:64], target=target, detail=detail
            )
        )


def page(engine: Engine, number: int, size: int = 50) -> tuple[list[dict[str, Any]], int]:
    """One page of entries, newest first, and the number of pages."""
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(AUDIT)).scalar_one())
        rows = conn.execute(
            select(AUDIT).order_by(AUDIT.c.id.desc()).limit(size).offset(max(0, number - 1) * size)
        ).all()
    entries = [
        {
            "at": as_utc(r.at),
            "actor": r.actor,
            "action": r.action,
            "target": r.target,
            "detail": r.detail,
        }
        for r in rows
    ]
    return entries, max(1, -(-total // size))
