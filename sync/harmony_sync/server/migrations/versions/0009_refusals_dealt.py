"""The office marks a laptop's refused changes as dealt with (the device page's "Dealt
with" button): who marked them, when, and up to which refusal.

Revision ID: 0009_refusals_dealt
Revises: 0008_hub_contact
Create Date: 2026-12-05 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_refusals_dealt"
down_revision: str | None = "0008_hub_contact"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``refusals_dealt`` (empty: every refusal recorded so far still flags as before)."""
    op.create_table(
        "refusals_dealt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_key", sa.Integer(), nullable=False),
        sa.Column("up_to", sa.Integer(), nullable=False),
        sa.Column("marked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("marked_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(["device_key"], ["device.key"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_refusals_dealt_device", "refusals_dealt", ["device_key", "up_to"])


def downgrade() -> None:
    """Drop ``refusals_dealt``: the refusals it covered flag again while recent."""
    op.drop_index("ix_refusals_dealt_device", table_name="refusals_dealt")
    op.drop_table("refusals_dealt")
