"""The local store: SQLite through SQLModel, Alembic migrations, and change tracking."""

from harmony_desktop.store.changes import ChangeWriter
from harmony_desktop.store.db import Store

__all__ = ["ChangeWriter", "Store"]
