"""Volunteers, clearances and shifts; masterclass invitations; family events and their
attendance; a session's guest artist and audience count. Seeds the default clearance
kinds as starting state (deterministic ids, the genesis clock, never queued for sync).

Revision ID: 0006_volunteers
Revises: 0002
Create Date: 2026-12-03 10:05:49.201392
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006_volunteers"
down_revision = "0005_dismissal"
branch_labels = None
depends_on = None

#: id (natural_id("clearance_kind", code)), code, label, months valid (0: no expiry).
#: Written out here, not imported: a migration must not change when the app does.
DEFAULT_CLEARANCE_KINDS = (
    ("eecac298-aeb4-568f-91d3-24ef15a88014", "background", "Fingerprint / background check", 0),
    ("00f90377-4e32-5105-a224-da416e3db671", "tb", "TB clearance", 48),
    ("f7d727dc-658b-5df8-a279-7ef4bfd9b767", "safeguarding", "Safeguarding training", 12),
    ("0270f445-ca87-5c19-a035-0883132e3820", "agreement", "Signed volunteer agreement", 0),
)
GENESIS_CLOCKS = '{"*": "000000000000000-00000-0000000000000000"}'


def _seed_clearance_kinds() -> None:
    kinds = sa.table(
        "clearance_kind",
        *(
            sa.column(name)
            for name in (
                "id", "hub_id", "deleted", "clocks", "code", "label", "validity_months",
                "required", "sort_order", "active",
            )
        ),
    )  # fmt: skip
    op.bulk_insert(
        kinds,
        [
            {
                "id": kind_id,
                "hub_id": None,
                "deleted": False,
                "clocks": GENESIS_CLOCKS,
                "code": code,
                "label": label,
                "validity_months": months,
                "required": True,
                "sort_order": order,
                "active": True,
            }
            for order, (kind_id, code, label, months) in enumerate(DEFAULT_CLEARANCE_KINDS)
        ],
    )


def upgrade() -> None:
    """Create the tables and columns, and seed the default clearance kinds."""
    op.create_table(
        "clearance_kind",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("clearance_kind", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clearance_kind_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_clearance_kind_hub_id"), ["hub_id"], unique=False)

    op.create_table(
        "family_event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("location", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("family_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_event_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_event_hub_id"), ["hub_id"], unique=False)

    op.create_table(
        "volunteer",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("last_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("preferred_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("organisation", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("skills", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("instruments", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_volunteer_hub_id"), ["hub_id"], unique=False)

    op.create_table(
        "volunteer_clearance",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("volunteer_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kind_id"],
            ["clearance_kind.id"],
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("volunteer_clearance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_volunteer_clearance_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_volunteer_clearance_volunteer_id"), ["volunteer_id"], unique=False
        )

    op.create_table(
        "family_attendance",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("contact_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("student_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("adult_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("relationship", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["family_event.id"],
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("family_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_family_attendance_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_family_attendance_hub_id"), ["hub_id"], unique=False)

    op.create_table(
        "volunteer_assignment",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("volunteer_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ensemble_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ensemble_id"],
            ["ensemble.id"],
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("volunteer_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_assignment_hub_id"), ["hub_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_assignment_volunteer_id"), ["volunteer_id"], unique=False
        )

    op.create_table(
        "session_invitation",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("session_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ensemble_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("invited_hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ensemble_id"],
            ["ensemble.id"],
        ),
        sa.ForeignKeyConstraint(
            ["invited_hub_id"],
            ["hub.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session_invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_invitation_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_session_invitation_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "volunteer_shift",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("session_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("volunteer_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sign_in", sa.Time(), nullable=True),
        sa.Column("sign_out", sa.Time(), nullable=True),
        sa.Column("confirmed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("confirmed_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("confirmation_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("volunteer_shift", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_volunteer_shift_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_volunteer_shift_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_shift_volunteer_id"), ["volunteer_id"], unique=False
        )

    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "guest_artist",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("audience_count", sa.Integer(), nullable=True))
    _seed_clearance_kinds()


def downgrade() -> None:
    """Drop the tables and columns again."""
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_column("audience_count")
        batch_op.drop_column("guest_artist")

    with op.batch_alter_table("volunteer_shift", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_shift_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_shift_session_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_shift_hub_id"))

    op.drop_table("volunteer_shift")
    with op.batch_alter_table("session_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_invitation_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_invitation_hub_id"))

    op.drop_table("session_invitation")
    with op.batch_alter_table("volunteer_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_assignment_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_assignment_hub_id"))

    op.drop_table("volunteer_assignment")
    with op.batch_alter_table("family_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_attendance_hub_id"))
        batch_op.drop_index(batch_op.f("ix_family_attendance_event_id"))

    op.drop_table("family_attendance")
    with op.batch_alter_table("volunteer_clearance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_clearance_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_clearance_hub_id"))

    op.drop_table("volunteer_clearance")
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_hub_id"))

    op.drop_table("volunteer")
    with op.batch_alter_table("family_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_event_hub_id"))
        batch_op.drop_index(batch_op.f("ix_family_event_date"))

    op.drop_table("family_event")
    with op.batch_alter_table("clearance_kind", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clearance_kind_hub_id"))
        batch_op.drop_index(batch_op.f("ix_clearance_kind_code"))

    op.drop_table("clearance_kind")
