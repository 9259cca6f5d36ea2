"""dismissal: who collected each student, when, walked home, site lead's confirmation

Revision ID: 0005_dismissal
Revises: 0002
Create Date: 2026-12-03 10:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005_dismissal"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing marks get the "nobody recorded yet" values every new mark starts with.
    with op.batch_alter_table("attendance_mark", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "collected_by",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("collected_at", sa.Time(), nullable=True))
        batch_op.add_column(
            sa.Column("walked_home", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("pickup_confirmed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("attendance_mark", schema=None) as batch_op:
        batch_op.drop_column("pickup_confirmed_by")
        batch_op.drop_column("walked_home")
        batch_op.drop_column("collected_at")
        batch_op.drop_column("collected_by")
