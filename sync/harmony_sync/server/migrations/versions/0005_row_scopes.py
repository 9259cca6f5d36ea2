"""Shared rows: a synced row's family (``synced_row.scope_id``) and the hubs each family
is shared with (``row_scope``), so a volunteer assigned to two hubs reaches the devices
of both and of no other.

Revision ID: 0005_row_scopes
Revises: 0003_console
Create Date: 2026-12-03 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005_row_scopes"
down_revision: str | None = "0002_pull_origin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.add_column(
        "synced_row",
        sa.Column("scope_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    )
    op.create_index("ix_synced_row_scope_seq", "synced_row", ["scope_id", "seq"], unique=False)
    op.create_table(
        "row_scope",
        sa.Column("table_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("row_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("scope_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
    )
    op.create_index("ix_row_scope_hub_scope", "row_scope", ["hub_id", "scope_id"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index("ix_row_scope_hub_scope", table_name="row_scope")
    op.drop_table("row_scope")
    op.drop_index("ix_synced_row_scope_seq", table_name="synced_row")
    with op.batch_alter_table("synced_row") as batch:
        batch.drop_column("scope_id")
