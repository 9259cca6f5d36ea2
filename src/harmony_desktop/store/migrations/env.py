"""Alembic environment for the local store.

The app runs it through ``Store._migrate`` with a live connection; developers can also
point it at a file URL (``sqlalchemy.url``) to autogenerate a new revision.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlmodel import SQLModel

from harmony_desktop.store import models  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if _connection is not None:
    _run(_connection)
else:
    # Like the app's engines: an error never quotes a row's values.
    engine = create_engine(
        context.config.get_main_option("sqlalchemy.url") or "", hide_parameters=True
    )
    with engine.begin() as conn:
        _run(conn)
