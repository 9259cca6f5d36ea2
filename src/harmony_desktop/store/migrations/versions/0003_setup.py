"""programme set-up: year, terms, closures; ensemble dates, grades, archive; staff hubs

Revision ID: 0003_setup
Revises: 0002
Create Date: 2026-12-03 09:00:00.000000

- new synced tables ``programme_year``, ``term`` and ``closure``;
- ``ensemble.term_start``/``term_end`` become ``first_day``/``last_day`` (the values,
  their field clocks, pending outbox entries and kept conflicts are carried over), and
  the ensemble gains ``grade_min``, ``grade_max``, ``follows_terms`` and ``archived``;
- ``staff`` gains ``hubs``: an existing staff row works at the hub it was created in;
- ``attendance_code`` gains ``label_es``, filled in for the default codes.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_setup"
down_revision = "0006_volunteers"
branch_labels = None
depends_on = None

#: Old ensemble field name → new one (column, clocks, outbox, conflicts).
RENAMED = {"term_start": "first_day", "term_end": "last_day"}
#: Spanish labels of the default codes (store/seed.py), by code.
SPANISH_LABELS = {
    "P": "Presente",
    "L": "Tarde",
    "LE": "Salió temprano",
    "OS": "Fuera de sede",
    "AE": "Falta justificada",
    "AU": "Falta injustificada",
}


def _synced_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hub_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    ]


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString()
    op.create_table(
        "programme_year",
        *_synced_columns(),
        sa.Column("label", text, nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("programme_year", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_year_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_year_label"), ["label"], unique=False)

    op.create_table(
        "term",
        *_synced_columns(),
        sa.Column("year_label", text, nullable=False),
        sa.Column("name", text, nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("term", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_term_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_term_year_label"), ["year_label"], unique=False)

    op.create_table(
        "closure",
        *_synced_columns(),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reason", text, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("closure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closure_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_closure_date"), ["date"], unique=False)

    # Plain ALTER TABLE (SQLite 3.25+): a batch copy of these tables would drop tables
    # that other rows point at while foreign keys are enforced.
    for old, new in RENAMED.items():
        op.execute(f'ALTER TABLE ensemble RENAME COLUMN "{old}" TO "{new}"')
    op.add_column("ensemble", sa.Column("grade_min", text, nullable=False, server_default=""))
    op.add_column("ensemble", sa.Column("grade_max", text, nullable=False, server_default=""))
    op.add_column(
        "ensemble",
        sa.Column("follows_terms", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "ensemble", sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("staff", sa.Column("hubs", text, nullable=False, server_default="[]"))
    op.add_column("attendance_code", sa.Column("label_es", text, nullable=False, server_default=""))

    bind = op.get_bind()
    _carry_over_renamed_fields(bind, RENAMED)
    # A staff member made before this version works at the hub their row belongs to.
    bind.execute(sa.text("UPDATE staff SET hubs = json_array(hub_id) WHERE hub_id IS NOT NULL"))
    # The default codes get their Spanish label on every laptop alike, under the clock
    # they already share, so no laptop has anything to send about it.
    for code, label in SPANISH_LABELS.items():
        bind.execute(
            sa.text("UPDATE attendance_code SET label_es = :label WHERE code = :code"),
            {"label": label, "code": code},
        )


def _renamed(mapping: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in mapping.items()}


def _carry_over_renamed_fields(bind: sa.Connection, names: dict[str, str]) -> None:
    """Field clocks, changes waiting to be sent and kept conflicts name the new fields."""
    for row_id, clocks in bind.execute(sa.text("SELECT id, clocks FROM ensemble")).all():
        stored = json.loads(clocks or "{}")
        if names.keys() & stored.keys():
            bind.execute(
                sa.text("UPDATE ensemble SET clocks = :clocks WHERE id = :id"),
                {"clocks": json.dumps(_renamed(stored, names), sort_keys=True), "id": row_id},
            )
    pending = bind.execute(
        sa.text("SELECT mutation_id, \"values\", bases FROM outbox WHERE table_name = 'ensemble'")
    ).all()
    for mutation_id, values, bases in pending:
        bind.execute(
            sa.text('UPDATE outbox SET "values" = :values, bases = :bases WHERE mutation_id = :id'),
            {
                "values": json.dumps(_renamed(json.loads(values), names)),
                "bases": json.dumps(_renamed(json.loads(bases), names)),
                "id": mutation_id,
            },
        )
    for old, new in names.items():
        bind.execute(
            sa.text(
                "UPDATE conflict SET field_name = :new "
                "WHERE table_name = 'ensemble' AND field_name = :old"
            ),
            {"new": new, "old": old},
        )


def downgrade() -> None:
    for table, column in (
        ("attendance_code", "label_es"),
        ("staff", "hubs"),
        ("ensemble", "archived"),
        ("ensemble", "follows_terms"),
        ("ensemble", "grade_max"),
        ("ensemble", "grade_min"),
    ):
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    for old, new in RENAMED.items():
        op.execute(f'ALTER TABLE ensemble RENAME COLUMN "{new}" TO "{old}"')
    _carry_over_renamed_fields(op.get_bind(), {new: old for old, new in RENAMED.items()})
    for table in ("closure", "term", "programme_year"):
        op.drop_table(table)
