"""Programme set-up: the ensemble's ``term_start``/``term_end`` are now ``first_day`` and
``last_day``. Stored ensemble rows, their field clocks and kept conflicts are renamed in
place, so laptops that pull them from now on read the new names. The new synced tables
(``programme_year``, ``term``, ``closure``) need no server table: rows are stored
generically in ``synced_row``.

Revision ID: 0004_setup
Revises: 0003_console
Create Date: 2026-12-03 09:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004_setup"
down_revision: str | None = "0005_row_scopes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Old field name → new one.
RENAMED = {"term_start": "first_day", "term_end": "last_day"}

_ROWS = sa.table(
    "synced_row",
    sa.column("table_name", sa.String),
    sa.column("row_id", sa.String),
    sa.column("data", sa.JSON),
    sa.column("clocks", sa.JSON),
)
_CONFLICTS = sa.table(
    "conflict",
    sa.column("table_name", sa.String),
    sa.column("field_name", sa.String),
)


def _renamed(mapping: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in mapping.items()}


def _rename(names: dict[str, str]) -> None:
    bind = op.get_bind()
    found = bind.execute(
        sa.select(_ROWS.c.row_id, _ROWS.c.data, _ROWS.c.clocks).where(
            _ROWS.c.table_name == "ensemble"
        )
    ).all()
    rows = [r for r in found if names.keys() & (dict(r.data).keys() | dict(r.clocks).keys())]
    conflicts = bind.execute(
        sa.select(sa.func.count())
        .select_from(_CONFLICTS)
        .where(_CONFLICTS.c.table_name == "ensemble", _CONFLICTS.c.field_name.in_(list(names)))
    ).scalar()
    if not rows and not conflicts:
        return
    # Like every writer of a table with change sequences, hold the server-wide row lock
    # (no sequence number changes: laptops already renamed the fields themselves).
    bind.execute(sa.text("UPDATE server_state SET last_seq = last_seq"))
    for row in rows:
        bind.execute(
            sa.update(_ROWS)
            .where(_ROWS.c.table_name == "ensemble", _ROWS.c.row_id == row.row_id)
            .values(data=_renamed(dict(row.data), names), clocks=_renamed(dict(row.clocks), names))
        )
    for old, new in names.items():
        bind.execute(
            sa.update(_CONFLICTS)
            .where(_CONFLICTS.c.table_name == "ensemble", _CONFLICTS.c.field_name == old)
            .values(field_name=new)
        )


def upgrade() -> None:
    """Apply this migration."""
    _rename(RENAMED)


def downgrade() -> None:
    """Revert this migration."""
    _rename({new: old for old, new in RENAMED.items()})
