"""Alembic environment: runs on the engine handed over by ``harmony_sync.server.db``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from harmony_sync.server import models  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Run the migrations online on the configured engine."""
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
