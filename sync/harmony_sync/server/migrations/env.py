"""Alembic environment: runs on the connection (or engine) handed over by
``harmony_sync.server.db``."""

from __future__ import annotations

from alembic import context

from harmony_sync.server import models  # noqa: F401  (registers the tables)
from harmony_sync.server.admin import models as console_models  # noqa: F401  (the console's)
from harmony_sync.server.models import ServerModel

target_metadata = ServerModel.metadata


def run_migrations() -> None:
    """Run the migrations online: inside the caller's locked transaction when it passes a
    connection (``db.upgrade``), else on a connection of the configured engine."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
