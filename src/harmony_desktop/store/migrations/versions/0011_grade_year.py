"""grade year: the programme year a student's grade is for

Revision ID: 0011_grade_year
Revises: 0010_mark_indexes
Create Date: 2026-12-06 05:00:00.000000

- ``student`` gains ``grade_year`` ("2026-27"; "" when unknown): set with every grade,
  moved on when students are moved up a grade for a new programme year
  (``services/new_year.py``), and read by retention for the grade a student had in a
  year. Existing students keep "" (nobody recorded which year their grade was for).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011_grade_year"
down_revision = "0010_mark_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "grade_year",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.drop_column("grade_year")
