"""Putting a backup back: ``harmony-desktop restore``.

A backup of this laptop goes on as this laptop. A backup from another computer (the
old laptop's, copied to a new one after its disk died) becomes a laptop of its own
(``store.db.restore_backup``): the sync token kept in the data folder belongs to the
laptop whose database was replaced, so it is forgotten, and the restored laptop is
enrolled with a new code. Synced with the replaced laptop's token, the backup's changes
would have been taken for ones that laptop had already sent, and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harmony_desktop.services.credentials import TokenStore
from harmony_desktop.store import Store, settings
from harmony_desktop.store.db import holds_a_hub, restore_backup


@dataclass(frozen=True)
class RestoreOutcome:
    """What a restore did, for the person who asked for it."""

    #: where the replaced database was kept (None when there was none, or it held no
    #: hub: the empty one of a new computer's first start, not worth a word)
    moved: Path | None
    #: the backup came from another computer: it is now a laptop of its own
    new_device: bool
    #: it is a laptop of its own and synced with this server before: enroll it again
    enroll_with: str | None


def restore(backup: Path, database: Path) -> RestoreOutcome:
    """Put ``backup`` in place of ``database`` (kept beside it); see the module."""
    done = restore_backup(backup, database)
    server: str | None = None
    if done.new_device:
        with Store(database) as restored:
            device = restored.device_id
            server = restored.settings.get(settings.SYNC_SERVER)
        # The token file is the replaced laptop's; a keyring entry is kept under each
        # device id, so the new id has none.
        TokenStore(database.parent, device).clear()
    moved = done.moved if done.moved is not None and holds_a_hub(done.moved) else None
    return RestoreOutcome(moved, done.new_device, server)
