"""staff_archive: a staff member who left is archived, never deleted

Revision ID: 0008_staff_archive
Revises: 0007_report_indexes
Create Date: 2026-12-03 14:10:00.000000

- ``staff`` gains ``archived`` (False for everyone already there): an archived staff
  member is off the lists of who may take roll or teach an ensemble, and still named on
  the rolls and reports of their time. It syncs like any other field (the server keeps
  synced rows generically, so it needs no migration of its own).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_staff_archive"
down_revision = "0007_report_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE: a batch copy of ``staff`` would drop a table that ensembles and
    # marks point at while foreign keys are enforced.
    op.add_column(
        "staff", sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    op.execute('ALTER TABLE "staff" DROP COLUMN "archived"')
