"""The programme's name, kept by the server and told to every laptop at each session
(PROTOCOL.md, section 5), so every laptop prints the same name on its rosters and sheets.

Revision ID: 0007_programme_name
Revises: 0006_marks_behind_far_stamps
Create Date: 2026-12-05 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_programme_name"
down_revision: str | None = "0006_marks_behind_far_stamps"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``server_state.programme_name`` (null: not set; laptops keep their own)."""
    with op.batch_alter_table("server_state") as batch:
        batch.add_column(sa.Column("programme_name", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop ``server_state.programme_name``."""
    with op.batch_alter_table("server_state") as batch:
        batch.drop_column("programme_name")
