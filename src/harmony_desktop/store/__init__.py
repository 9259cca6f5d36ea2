"""The local store: SQLite through SQLModel, Alembic migrations, typed local settings,
and replication (``store.replica``: change tracking, clocks, outbox, pulls)."""

from harmony_desktop.store.db import Store
from harmony_desktop.store.replica import ChangeWriter

__all__ = ["ChangeWriter", "Store"]
