"""Shared rows: families of rows that more hubs than their own may read.

A volunteer who assists at two hubs must reach the devices of both, and of no other.
Every synced row still has exactly one ``hub_id``, which alone decides who may *write*
it (``store._apply``); sharing only widens who may *read* it:

* the tables of ``harmony_sync.schema.SHARED`` form families named by a root row (a
  volunteer with their clearances and assignments); ``synced_row.scope_id`` holds the
  family of each such row, fixed when it is first stored (``scope_change`` otherwise);
* ``row_scope`` lists the rows that share a family with a hub: the root itself (with its
  own hub) and every live row of a granting table (an assignment, with the hub it
  assigns to). A pull returns a hub's rows, programme-wide rows, and the rows of every
  family shared with one of the device's hubs (:func:`visible`);
* making a family visible to a hub is an act of the family's own hub: a granting row
  that would share it with a hub that cannot see it yet is refused (``out_of_scope``)
  unless the pushing device may write the root's hub. A hub-C device that guesses a
  volunteer's id and "assigns" them to hub C therefore gets nothing;
* when a family becomes visible to a new hub, its rows get new change sequence numbers
  (under the writer lock, like every other write), so that hub's devices receive them
  even though their cursors are past the rows' old numbers. Devices that had them
  already merge identical clocks: nothing changes there.

A family no longer shared with a hub (the assignment was removed) stops reaching that
hub's devices; what they received before stays on them, as with any row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, true, update

from harmony_sync.schema import SHARED
from harmony_sync.server.accounts import ROWS, DeviceContext
from harmony_sync.server.models import RowScope

if TYPE_CHECKING:
    from harmony_sync.server.store import _Row

SCOPES = RowScope.__table__  # type: ignore[attr-defined]
_CHUNK = 500
_MISSING = object()


def shared_with(hubs: list[str]) -> Any:
    """The families shared with any of ``hubs`` (a subquery of scope ids)."""
    return select(SCOPES.c.scope_id).where(SCOPES.c.hub_id.in_(hubs))


def visible(device: DeviceContext) -> Any:
    """The WHERE clause of the synced rows ``device`` may pull: its hubs' rows,
    programme-wide rows, and the rows of the families shared with its hubs."""
    if device.data_manager:
        return true()
    hubs = sorted(device.hubs)
    return or_(
        ROWS.c.hub_id.is_(None),
        ROWS.c.hub_id.in_(hubs),
        ROWS.c.scope_id.in_(shared_with(hubs)),
    )


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


@dataclass
class ShareBook:
    """The sharing state one push needs, loaded once, and what the push changes in it.

    An ordinary push (no shared table) costs nothing: every method returns at once.
    """

    #: stored family of the shared rows this push touches
    scope_of: dict[tuple[str, str], str] = field(default_factory=dict)
    #: those of them that have a ``row_scope`` entry (they share their family now)
    granted: set[tuple[str, str]] = field(default_factory=set)
    #: (family, hub) pairs visible now, for the families this push touches
    visible: set[tuple[str, str]] = field(default_factory=set)
    #: hub of each root row named by this push (None: programme-wide)
    root_hub: dict[str, str | None] = field(default_factory=dict)
    #: shared rows admitted in this push -> their family
    written: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection, mutations: list[tuple[str, str, dict[str, Any]]]) -> ShareBook:
        """The book for a push of ``mutations`` (table, row id, values)."""
        book = cls()
        keys: dict[str, list[str]] = {}
        roots: dict[str, set[str]] = {}
        for table, row_id, values in mutations:
            rule = SHARED.get(table)
            if rule is None:
                continue
            keys.setdefault(table, []).append(row_id)
            named = row_id if rule.is_root else values.get(rule.via)
            if isinstance(named, str):
                roots.setdefault(rule.root, set()).add(named)
        if not keys:
            return book
        for table, row_ids in keys.items():
            for chunk in _chunks(sorted(set(row_ids))):
                for r in conn.execute(
                    select(ROWS.c.row_id, ROWS.c.scope_id).where(
                        ROWS.c.table_name == table, ROWS.c.row_id.in_(chunk)
                    )
                ):
                    if r.scope_id is not None:
                        book.scope_of[(table, r.row_id)] = r.scope_id
                for r in conn.execute(
                    select(SCOPES.c.row_id).where(
                        SCOPES.c.table_name == table, SCOPES.c.row_id.in_(chunk)
                    )
                ):
                    book.granted.add((table, r.row_id))
        for (table, _row_id), scope in book.scope_of.items():
            roots.setdefault(SHARED[table].root, set()).add(scope)
        for root, ids in roots.items():
            for chunk in _chunks(sorted(ids)):
                for r in conn.execute(
                    select(ROWS.c.row_id, ROWS.c.hub_id).where(
                        ROWS.c.table_name == root, ROWS.c.row_id.in_(chunk)
                    )
                ):
                    book.root_hub[r.row_id] = r.hub_id
        families = sorted({*book.scope_of.values(), *(i for ids in roots.values() for i in ids)})
        book.visible = _pairs(conn, families)
        return book

    def admit(
        self,
        rows: dict[tuple[str, str], _Row],
        device: DeviceContext,
        known_hubs: frozenset[str],
        table: str,
        row_id: str,
        hub_id: str | None,
        values: dict[str, Any],
        row: _Row,
    ) -> None:
        """Check a mutation of a shared table (after the ordinary hub checks passed) and
        note its family; raises ``Rejection`` when it would move a row to another family
        or share a family with a hub the device may not share it with."""
        from harmony_sync.server.store import Rejection

        rule = SHARED.get(table)
        if rule is None:
            return
        key = (table, row_id)
        if rule.is_root:
            self.written[key] = row_id
            if hub_id is not None:
                self.root_hub.setdefault(row_id, hub_id)
                self.visible.add((row_id, hub_id))
            return
        stored = self.scope_of.get(key) or self.written.get(key)
        named = values.get(rule.via)
        if stored is not None:
            if named is not None and named != stored:
                raise Rejection(
                    "scope_change",
                    f"{table} row {row_id}: the {rule.root} it belongs to is fixed when it is "
                    "created; this mutation moves it to another one.",
                )
            scope = stored
        elif isinstance(named, str):
            scope = named
        else:
            raise Rejection(
                "unknown_parent",
                f"{table} row {row_id}: a new row must carry {rule.via!r}, the {rule.root} "
                "it belongs to.",
            )
        parent = rows.get((rule.root, scope))
        root_hub = parent.hub_id if parent is not None else self.root_hub.get(scope, _MISSING)
        if root_hub is _MISSING:
            raise Rejection(
                "unknown_parent",
                f"{table} row {row_id}: its {rule.root} {scope} is not on the server. Push "
                f"the {rule.root} first (in the same push or an earlier one).",
            )
        sharing = (not row.exists and values.get("deleted") is not True) or (
            values.get("deleted") is False
        )
        if (
            rule.grants
            and hub_id is not None
            and sharing
            and key not in self.granted
            and (scope, hub_id) not in self.visible
        ):
            if not device.can_write(root_hub, known_hubs):  # type: ignore[arg-type]
                raise Rejection(
                    "out_of_scope",
                    f"{table} row {row_id} would share a {rule.root} of another hub with this "
                    f"hub; only a device of the {rule.root}'s own hub may do that.",
                )
            self.visible.add((scope, hub_id))
        self.written[key] = scope

    def commit(self, conn: Connection, rows: dict[tuple[str, str], _Row], seq: int) -> int:
        """After the push's rows are written: store the families of new rows, bring
        ``row_scope`` up to date, and give every family now visible to a new hub new
        sequence numbers. Returns the last sequence number assigned."""
        if not self.written:
            return seq
        families = sorted(set(self.written.values()))
        before = _pairs(conn, families)
        new_rows = [
            {"t": t, "r": r, "scope": scope}
            for (t, r), scope in self.written.items()
            if (t, r) not in self.scope_of
        ]
        if new_rows:
            conn.execute(
                update(ROWS)
                .where(ROWS.c.table_name == bindparam("t"), ROWS.c.row_id == bindparam("r"))
                .values(scope_id=bindparam("scope")),
                new_rows,
            )
        grants: list[dict[str, Any]] = []
        revoked: list[tuple[str, str]] = []
        for key, scope in self.written.items():
            rule = SHARED[key[0]]
            row = rows[key]
            if not rule.grants or row.hub_id is None:
                continue
            live = rule.is_root or not row.data.get("deleted", False)
            if live and key not in self.granted:
                grants.append(
                    {
                        "table_name": key[0],
                        "row_id": key[1],
                        "scope_id": scope,
                        "hub_id": row.hub_id,
                    }
                )
                self.granted.add(key)
            elif not live and key in self.granted:
                revoked.append(key)
                self.granted.discard(key)
        if grants:
            conn.execute(insert(SCOPES), grants)
        for table, row_id in revoked:
            conn.execute(
                delete(SCOPES).where(SCOPES.c.table_name == table, SCOPES.c.row_id == row_id)
            )
        # A family created by this push was written whole by it: nothing to re-send.
        created = {scope for (t, r), scope in self.written.items() if r == scope}
        created -= {scope for (t, r), scope in self.scope_of.items() if r == scope}
        widened = {scope for scope, _hub in _pairs(conn, families) - before} - created
        for scope in sorted(widened):
            seq = _resend(conn, scope, seq)
        return seq


def _pairs(conn: Connection, families: list[str]) -> set[tuple[str, str]]:
    """(family, hub) for every hub each of ``families`` is shared with."""
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(families):
        found.update(
            (r.scope_id, r.hub_id)
            for r in conn.execute(
                select(SCOPES.c.scope_id, SCOPES.c.hub_id).where(SCOPES.c.scope_id.in_(chunk))
            )
        )
    return found


def _resend(conn: Connection, scope: str, seq: int) -> int:
    """Give every row of the family ``scope`` a new sequence number, in their old order,
    so devices of a hub that has just been given the family pull all of it."""
    keys = conn.execute(
        select(ROWS.c.table_name, ROWS.c.row_id)
        .where(ROWS.c.scope_id == scope)
        .order_by(ROWS.c.seq)
    ).all()
    if not keys:
        return seq
    params = []
    for table, row_id in keys:
        seq += 1
        params.append({"t": table, "r": row_id, "s": seq})
    conn.execute(
        update(ROWS)
        .where(ROWS.c.table_name == bindparam("t"), ROWS.c.row_id == bindparam("r"))
        .values(seq=bindparam("s")),
        params,
    )
    return seq
