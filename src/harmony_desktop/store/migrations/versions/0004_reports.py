"""reports: the student's statewide student id

Revision ID: 0004_reports
Revises: 0003_setup
Create Date: 2026-12-03 10:30:00.000000

- ``student`` gains ``statewide_student_id`` (optional, "" when unknown): the state's
  identifier (California's SSID) that a state participation upload asks for.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004_reports"
down_revision = "0003_setup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "statewide_student_id",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.drop_column("statewide_student_id")
