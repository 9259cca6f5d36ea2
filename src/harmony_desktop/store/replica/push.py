"""What a push sends, and what its answer changes locally.

Acknowledged (``applied``) and ``duplicate`` changes leave the outbox in the same
transaction that stores the conflicts the server reported. Permanently ``rejected``
changes leave it too, but are kept for review (see ``conflicts``): never silently
dropped. A change with a status this version does not know stays queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from harmony_desktop.store.replica import outbox
from harmony_desktop.store.replica.clock import keep_reading
from harmony_desktop.store.replica.conflicts import store_rejection, store_server_conflict

if TYPE_CHECKING:
    from harmony_desktop.store.db import Store


@dataclass
class PushTally:
    """What one push's answer did."""

    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    conflicts: int = 0


def next_batch(store: Store, size: int) -> list[outbox.Queued]:
    """The ``size`` oldest waiting changes."""
    with store.read() as s:
        return outbox.oldest(s, size)


def acknowledge(store: Store, batch: list[outbox.Queued], response: dict[str, Any]) -> PushTally:
    """Apply a push's answer to the outbox and the conflicts, in one transaction."""
    tally = PushTally()
    by_id = {e.mutation_id: e for e in batch}
    results = {int(r["mutation_id"]): r for r in response.get("results", [])}
    done: list[int] = []
    now = outbox.now_iso()
    with store.raw_write() as s:
        for mutation_id, result in results.items():
            change = by_id.get(mutation_id)
            if change is None:
                continue
            status = result.get("status")
            if status == "applied":
                tally.applied += 1
            elif status == "duplicate":
                tally.duplicates += 1
            elif status == "rejected":
                tally.rejected += 1
                store_rejection(s, store.device_id, change, result, now)
            else:
                continue  # unknown status: keep the change, try again next time
            done.append(mutation_id)
        for conflict in response.get("conflicts", []):
            if store_server_conflict(s, conflict, now):
                tally.conflicts += 1
        s.flush()
        if done:
            keep_reading(s, store.device_id)  # the newest entry may be about to leave
        outbox.remove(s, done)
    return tally
