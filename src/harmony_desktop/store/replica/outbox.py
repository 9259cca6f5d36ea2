"""The outbox: local changes waiting to be pushed, one entry per change, in write order.

An entry is built in one place (:func:`entry`) whoever queues it: the change writer, a
bulk insert, or a re-base. Its ``mutation_id`` comes from the HLC (see ``clock``), so
ids increase on a device even across a restore from an older backup.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from harmony_desktop.store.replica import sql
from harmony_desktop.store.replica.clock import mutation_id_for
from harmony_desktop.store.replica.wire import dumps_flat

#: One outbox row, in the column order of :data:`INSERT_SQL`.
Entry = tuple[int, str, str, str | None, str, str, str, str]

INSERT_SQL = (
    'INSERT INTO outbox (mutation_id, table_name, row_id, hub_id, "values", clock, bases, '
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_SELECT_SQL = (
    'SELECT mutation_id, table_name, row_id, hub_id, "values", clock, bases FROM outbox '
    "ORDER BY mutation_id LIMIT ?"
)


def now_iso() -> str:
    """The current UTC time as stored in ``created_at`` and conflict times."""
    second = int(time.time())
    if second != _last_second[0]:  # formatted once a second, not once a change
        _last_second[:] = [second, _iso_of(second)]
    return str(_last_second[1])


def _iso_of(second: int) -> str:
    return dt.datetime.fromtimestamp(second, dt.UTC).isoformat(timespec="seconds")


_last_second: list[int | str] = [-1, ""]


def entry(
    table: str,
    row_id: str,
    hub_id: str | None,
    values: dict[str, Any],
    clock: str,
    bases: dict[str, str | None],
    created: str,
    *,
    mutation_id: int | None = None,
    bases_text: str | None = None,
) -> Entry:
    """The outbox row of one change: ``values`` (wire values) written at ``clock``,
    replacing fields whose clocks were ``bases``. ``mutation_id`` defaults to the one
    derived from ``clock`` (a re-base passes fresh ids for changes it re-queues);
    ``bases_text``, the bases already written as JSON."""
    return (
        mutation_id_for(clock) if mutation_id is None else mutation_id,
        table,
        row_id,
        hub_id,
        dumps_flat(values),
        clock,
        bases_text if bases_text is not None else dumps_flat(bases) if bases else "{}",
        created,
    )


def whole_row(
    table: str,
    row_id: str,
    hub_id: str | None,
    values: dict[str, Any],
    clocks: dict[str, str],
    created: str,
    next_id: Callable[[], int],
) -> list[Entry]:
    """The entries that send a row's whole state (``values``, wire values, each field
    with its own clock in ``clocks``): one per clock, oldest first, each with the id
    ``next_id()`` gives it and no bases. A re-base sends every row so, and a row this
    laptop never had accepted is sent so once it may be (``scope``)."""
    groups: dict[str, dict[str, Any]] = {}
    for name, stamp in clocks.items():
        groups.setdefault(stamp, {})[name] = values[name]
    return [
        entry(table, row_id, hub_id, group, stamp, {}, created, mutation_id=next_id())
        for stamp, group in sorted(groups.items())
    ]


def queue(session: sql.On, entries: Sequence[Entry]) -> None:
    """Append ``entries`` to the outbox in the session's transaction (one executemany)."""
    if len(entries) == 1:  # one change (a mark): execute costs less than executemany
        sql.execute(sql.connection(session), INSERT_SQL, entries[0])
    elif entries:
        sql.executemany(sql.connection(session), INSERT_SQL, entries)


def pending(session: Session) -> int:
    """How many changes wait in the outbox."""
    return int(sql.execute(sql.connection(session), "SELECT count(*) FROM outbox").fetchone()[0])


@dataclass(frozen=True)
class Queued:
    """One waiting change, as read back for a push."""

    mutation_id: int
    table: str
    row_id: str
    hub_id: str | None
    values: str  # JSON
    clock: str
    bases: str  # JSON

    def mutation(self) -> dict[str, Any]:
        """The change in the wire form of a push (``sync/PROTOCOL.md``)."""
        values = json.loads(self.values)
        return {
            "mutation_id": self.mutation_id,
            "table": self.table,
            "row_id": self.row_id,
            "hub_id": self.hub_id,
            "values": values,
            "clocks": dict.fromkeys(values, self.clock),
            "bases": json.loads(self.bases or "{}"),
        }


def oldest(session: Session, limit: int) -> list[Queued]:
    """The ``limit`` oldest waiting changes, in mutation id order."""
    rows = sql.execute(sql.connection(session), _SELECT_SQL, (limit,)).fetchall()
    return [Queued(*row) for row in rows]


def remove(session: Session, mutation_ids: Sequence[int]) -> None:
    """Drop pushed changes from the outbox."""
    if mutation_ids:
        sql.executemany(
            sql.connection(session),
            "DELETE FROM outbox WHERE mutation_id = ?",
            [(i,) for i in mutation_ids],
        )


def clear(session: Session) -> None:
    """Empty the outbox (a re-base re-queues the whole state)."""
    sql.execute(sql.connection(session), "DELETE FROM outbox")
