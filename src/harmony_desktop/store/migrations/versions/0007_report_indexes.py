"""report indexes: the held sessions read from one covering index

Revision ID: 0007_report_indexes
Revises: 0004_reports
Create Date: 2026-12-03 14:30:00.000000

- ``session`` gains a covering index over what reports read of a session, its hub and
  date first: every report starts from the held sessions of its hubs in its period
  (``held`` in services/reports/sql.py), and reads them from this index alone instead
  of visiting each session row from the hub index. Marks gain nothing here: a mark is
  written at every tap of the roll, a session a few times a season.
"""

from __future__ import annotations

from alembic import op

revision = "0007_report_indexes"
down_revision = "0004_reports"
branch_labels = None
depends_on = None

#: What reports read of a session, hub and date first (see sql.py in services/reports).
SESSION_REPORT_INDEX = (
    "hub_id", "date", "deleted", "status", "ensemble_id", "start", "end", "kind", "id",
)  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_session_report", "session", list(SESSION_REPORT_INDEX))


def downgrade() -> None:
    op.drop_index("ix_session_report", table_name="session")
