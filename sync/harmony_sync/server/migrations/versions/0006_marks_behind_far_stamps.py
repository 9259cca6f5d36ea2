"""A device's "already applied" mark goes back before the changes refused for a stamp
too far ahead.

Servers before this revision moved ``device.last_mutation_id`` past every refused
change, including those refused because their stamp was more than 400 days ahead (a
laptop whose year was mistyped). Once that laptop's clock is fixed it stamps, and
numbers, its changes from the right time again: lower ids than those refused ones, which
such a mark would take for duplicates and drop. The mark of a device with such refusals
goes back to just before the first of them. At worst a change applied after it is
applied again if the device ever re-sends it, which merging makes harmless.

Revision ID: 0006_marks_behind_far_stamps
Revises: 0004_setup
Create Date: 2026-12-05 03:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_marks_behind_far_stamps"
down_revision: str | None = "0004_setup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: How those refusals were recorded (``store.validate``): the code and the reason's start.
_FAR_AHEAD = (
    "FROM rejected_mutation r WHERE r.device_key = device.key AND r.code = 'bad_clocks' "
    "AND r.reason LIKE 'A clock is % days ahead of the server''s%' "
    "AND r.mutation_id <= device.last_mutation_id"
)


def upgrade() -> None:
    """Move the marks back."""
    op.execute(
        sa.text(
            f"UPDATE device SET last_mutation_id = (SELECT min(r.mutation_id) - 1 {_FAR_AHEAD}) "
            f"WHERE EXISTS (SELECT 1 {_FAR_AHEAD})"
        )
    )


def downgrade() -> None:
    """Nothing to undo: the marks stay where they are (an older server moves them on)."""
