"""reports: the student's statewide student id

Revision ID: 0004_reports
Revises: 0003_setup
Create Date: 2026-12-03 10:30:00.000000

- ``student`` gains ``statewide_student_id`` (optional, "" when unknown): the state's
  identifier (California's SSID) that a state participation upload asks for.
- ``attendance_mark`` gains a covering index over what reports read of a mark (its
  session first), so a report reaches a year of marks without visiting the table rows
  (their clocks make them wide).
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
    op.create_index("ix_attendance_mark_report", "attendance_mark", list(REPORT_INDEX))


#: What reports read of a mark, the session first (see sql.py in services/reports).
REPORT_INDEX = (
    "session_id", "deleted", "code", "student_id", "arrival_time", "departure_time", "reason",
)  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_attendance_mark_report", table_name="attendance_mark")
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.drop_column("statewide_student_id")
