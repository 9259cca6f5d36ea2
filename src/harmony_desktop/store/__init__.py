"""The local store: SQLite through SQLModel, Alembic migrations, typed local settings,
and replication (``store.replica``: change tracking, clocks, outbox, pulls).

``Store`` and ``ChangeWriter`` load (with SQLAlchemy) when first asked for, so the
window's first paint can read today's view (``store.today``) without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from harmony_desktop.store.db import Store
    from harmony_desktop.store.replica import ChangeWriter

__all__ = ["ChangeWriter", "Store"]

_LAZY = {"Store": "harmony_desktop.store.db", "ChangeWriter": "harmony_desktop.store.replica"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
