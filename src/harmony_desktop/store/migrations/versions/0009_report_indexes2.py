"""report indexes 2: a student's marks read from one covering index

Revision ID: 0009_report_indexes2
Revises: 0008_staff_archive
Create Date: 2026-12-03 17:10:00.000000

- ``attendance_mark`` gains a second covering index over what reports read of a mark,
  its student first. The attendance report tallies each student's marks span by span
  of enrollment (``pair_figures`` in services/reports/attendance.py): read by student,
  a span's marks arrive together, so nothing sorts every mark of the period to group
  them, and a mark outside the span is never read. It costs each tap of the roll one
  more index entry to write (measured with ``bench.bench_store --only writes``).
"""

from __future__ import annotations

from alembic import op

revision = "0009_report_indexes2"
down_revision = "0008_staff_archive"
branch_labels = None
depends_on = None

#: What reports read of a mark, the student first (see sql.py in services/reports).
STUDENT_REPORT_INDEX = (
    "student_id", "deleted", "code", "session_id", "arrival_time", "departure_time", "reason",
)  # fmt: skip


def upgrade() -> None:
    op.create_index(
        "ix_attendance_mark_student_report", "attendance_mark", list(STUDENT_REPORT_INDEX)
    )


def downgrade() -> None:
    op.drop_index("ix_attendance_mark_student_report", table_name="attendance_mark")
