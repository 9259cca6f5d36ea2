"""mark indexes: one index fewer to write with every mark

Revision ID: 0010_mark_indexes
Revises: 0009_report_indexes2
Create Date: 2026-12-04 03:40:00.000000

- ``attendance_mark`` loses ``ix_attendance_mark_session_id``. Its one column is the
  first column of ``ix_attendance_mark_report`` (migration 0004), which answers every
  lookup by session (the roll, the foreign key check of a session's delete) as well.
  Every mark written, by a tap on the roll or by a pulled page, wrote both: a first
  sync inserting 150,000 marks spends most of its time in these index inserts.
"""

from __future__ import annotations

from alembic import op

revision = "0010_mark_indexes"
down_revision = "0009_report_indexes2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_attendance_mark_session_id", table_name="attendance_mark")


def downgrade() -> None:
    op.create_index("ix_attendance_mark_session_id", "attendance_mark", ["session_id"])
