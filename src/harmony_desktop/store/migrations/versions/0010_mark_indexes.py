"""mark indexes: two indexes fewer to write with every mark

Revision ID: 0010_mark_indexes
Revises: 0009_report_indexes2
Create Date: 2026-12-04 03:40:00.000000

Every mark written, by a tap on the roll or by a pulled page, writes each index of
``attendance_mark``; a first sync inserting 150,000 marks spends most of its time there.

- ``ix_attendance_mark_session_id`` goes: its one column is the first column of
  ``ix_attendance_mark_report`` (migration 0004), which answers every lookup by session
  (the roll, the foreign key check of a session's delete) as well.
- ``ix_attendance_mark_student_report`` (migration 0009) goes: the attendance report no
  longer reads a student's marks span by span, and nothing else reads it. Lookups by
  student keep ``ix_attendance_mark_student_id``.
"""

from __future__ import annotations

from alembic import op

revision = "0010_mark_indexes"
down_revision = "0009_report_indexes2"
branch_labels = None
depends_on = None

#: The dropped covering index of migration 0009, for the downgrade.
STUDENT_REPORT_INDEX = (
    "student_id", "deleted", "code", "session_id", "arrival_time", "departure_time", "reason",
)  # fmt: skip


def upgrade() -> None:
    op.drop_index("ix_attendance_mark_session_id", table_name="attendance_mark")
    op.drop_index("ix_attendance_mark_student_report", table_name="attendance_mark")


def downgrade() -> None:
    op.create_index(
        "ix_attendance_mark_student_report", "attendance_mark", list(STUDENT_REPORT_INDEX)
    )
    op.create_index("ix_attendance_mark_session_id", "attendance_mark", ["session_id"])
