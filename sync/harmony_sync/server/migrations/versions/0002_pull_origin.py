"""The last writer of each row state, so a device's pull skips what it pushed itself.

Revision ID: 0002_pull_origin
Revises: 0001
Create Date: 2026-12-03 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_pull_origin"
down_revision: str | None = "0003_console"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``synced_row.origin`` (null: every device of the scope receives the row)."""
    with op.batch_alter_table("synced_row") as batch:
        batch.add_column(sa.Column("origin", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    """Drop ``synced_row.origin``."""
    with op.batch_alter_table("synced_row") as batch:
        batch.drop_column("origin")
