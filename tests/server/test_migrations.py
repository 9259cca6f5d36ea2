"""The Alembic migrations create exactly the tables the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select
from sqlmodel import SQLModel

from harmony_sync.server import db
from harmony_sync.server.accounts import STATE


def test_migrated_schema_matches_models(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_head_revision_constant_matches_scripts(engine: Engine) -> None:
    script = ScriptDirectory.from_config(db.alembic_config(engine))
    assert script.get_current_head() == db.HEAD_REVISION
    assert db.schema_revision(engine) == db.HEAD_REVISION


def test_upgrade_is_idempotent_and_keeps_epoch(engine: Engine) -> None:
    with engine.connect() as conn:
        epoch = conn.execute(select(STATE.c.epoch)).scalar_one()
    db.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(select(STATE.c.epoch)).scalar_one() == epoch
