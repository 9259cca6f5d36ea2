"""Re-base after the server was restored from a backup (a new epoch).

The outbox is replaced by the whole local state of this device's scope, each field with
its *original* clock (one entry per row and clock), the cursor goes back to 0 and the
new epoch is saved, in one transaction. Everything is then pushed and pulled again;
merging by clock makes that idempotent.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlmodel import col, select

from harmony_desktop.store import settings
from harmony_desktop.store.models import SYNCED_MODELS, Hub
from harmony_desktop.store.replica import outbox
from harmony_desktop.store.replica.clock import Wall, load_clock, mutation_id_for, save_clock
from harmony_desktop.store.replica.wire import row_clocks, row_values
from harmony_sync.schema import SHARED

if TYPE_CHECKING:
    from harmony_desktop.store.db import Store

log = logging.getLogger(__name__)

_BATCH = 5000


def rebase(store: Store, new_epoch: str, *, wall: Wall) -> int:
    """Re-queue the whole local state for ``new_epoch``; returns the entries queued.

    Programme-wide rows (no hub) are re-sent only by a data manager's laptop, the only
    kind the server lets write them. Rows shared with this laptop from a hub it does not
    hold (a volunteer of another hub who assists here) are left to their own hub's
    laptops, the only ones the server lets write them.
    """
    created = outbox.now_iso()
    with store.raw_write() as s:
        data_manager = settings.read(s, settings.SYNC_DATA_MANAGER)
        clock = load_clock(s, store.device_id, wall)
        outbox.clear(s)
        own_hubs = set(s.exec(select(Hub.id).where(col(Hub.deleted).is_(False))).all())
        entries: list[outbox.Entry] = []
        for table, model in SYNCED_MODELS.items():
            for row in s.exec(select(model)):
                if row.hub_id is None and not data_manager:
                    continue
                if table in SHARED and row.hub_id is not None and row.hub_id not in own_hubs:
                    continue
                entries += outbox.whole_row(
                    table,
                    row.id,
                    row.hub_id,
                    row_values(row),
                    row_clocks(row),
                    created,
                    lambda: mutation_id_for(clock.now()),
                )
        for start in range(0, len(entries), _BATCH):
            outbox.queue(s, entries[start : start + _BATCH])
        save_clock(s, clock)
        settings.write(s, settings.SYNC_EPOCH, new_epoch)
        settings.write(s, settings.SYNC_CURSOR, 0)
    log.info("re-based after a server restore: %d entries queued", len(entries))
    return len(entries)
