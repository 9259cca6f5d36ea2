"""Whom the office calls about each hub (its site lead's name and phone), set in the
console or with ``harmony-sync set-hub-contact``; never sent to laptops.

Revision ID: 0008_hub_contact
Revises: 0007_programme_name
Create Date: 2026-12-05 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_hub_contact"
down_revision: str | None = "0007_programme_name"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``hub_registry.contact`` (null: no contact set)."""
    with op.batch_alter_table("hub_registry") as batch:
        batch.add_column(sa.Column("contact", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop ``hub_registry.contact``."""
    with op.batch_alter_table("hub_registry") as batch:
        batch.drop_column("contact")
