"""Values that lost a merge, and changes the server refused: kept for review, never lost.

Four sources fill the ``conflict`` table, all in the transaction of the sync step that
learnt of them: conflicts the server reports after a push, conflicts that arrive with a
pulled page, permanent refusals of a pushed change (``field_name`` is
:data:`REJECTED_FIELD`), and pulled rows this laptop could not apply (``field_name`` is
:data:`~harmony_desktop.store.replica.unapplied.UNAPPLIED_FIELD`, see ``unapplied.py``). Resolving a server conflict here queues its id, and the next
sync tells the server (``SYNC_RESOLVE_PENDING``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from harmony_desktop.domain.errors import NotFoundError
from harmony_desktop.domain.i18n import _
from harmony_desktop.store import settings
from harmony_desktop.store.models import SYNCED_MODELS, Conflict
from harmony_desktop.store.replica.outbox import Queued, now_iso
from harmony_desktop.store.replica.unapplied import UNAPPLIED_FIELD
from harmony_desktop.store.replica.wire import codec, from_wire, to_wire, unpack_clocks
from harmony_desktop.store.replica.writer import ChangeWriter

#: Marker in ``Conflict.field_name`` for a change the server permanently refused.
REJECTED_FIELD = "*rejected*"
_ELSEWHERE = "resolved on another device"
_SETTLED = "nothing to decide"
#: Fields that record who wrote a change and when (a mark's, a shift's): a value of them
#: that lost a merge goes with a change of the record itself, reviewed on its own.
_BOOKKEEPING = frozenset({"recorded_at", "recorded_by"})


def store_server_conflict(s: Session, c: dict[str, Any], now: str) -> bool:
    """Keep a conflict the server reported; True when it is new here."""
    conflict_id = f"server-{c['id']}"
    existing = s.get(Conflict, conflict_id)
    if existing is not None:
        if c.get("resolved") and existing.resolved_at is None:
            existing.resolved_at = now
            existing.resolution = existing.resolution or _ELSEWHERE
            s.add(existing)
        return False
    s.add(
        Conflict(
            id=conflict_id,
            table_name=str(c["table"]),
            row_id=str(c["row_id"]),
            hub_id=c.get("hub_id"),
            field_name=str(c["field"]),
            losing_value=json.dumps(c.get("losing_value")),
            losing_clock=str(c.get("losing_clock", "")),
            winning_value=json.dumps(c.get("winning_value")),
            winning_clock=str(c.get("winning_clock", "")),
            detected_at=str(c.get("created_at") or now),
            resolved_at=now if c.get("resolved") else None,
            resolution=_ELSEWHERE if c.get("resolved") else "",
        )
    )
    return True


def store_rejection(
    s: Session, device_id: str, change: Queued, result: dict[str, Any], now: str
) -> None:
    """Keep a change the server refused for good, with its reason, for review."""
    s.merge(
        Conflict(
            id=f"rejected-{device_id}-{change.mutation_id}",
            table_name=change.table,
            row_id=change.row_id,
            hub_id=change.hub_id,
            field_name=REJECTED_FIELD,
            losing_value=change.values,
            losing_clock=change.clock,
            # the bases too, so the change can be queued again as it was (a refusal for
            # a stamp too far ahead, once this laptop's clock is reset: clock_reset.py)
            winning_value=json.dumps(
                {
                    "code": result.get("code"),
                    "reason": result.get("reason"),
                    "bases": json.loads(change.bases or "{}"),
                }
            ),
            winning_clock="",
            detected_at=now,
        )
    )


@dataclass(frozen=True)
class ConflictRecord:
    """One stored conflict or refusal, values decoded from JSON.

    ``kind`` is ``"conflict"`` (a losing value), ``"rejected"`` (a change the server
    refused) or ``"unapplied"`` (a pulled row this laptop could not apply); ``rejected``
    is True for the last two, which can only be dismissed.
    """

    id: str
    rejected: bool
    table: str
    row_id: str
    field_name: str
    losing_value: Any
    winning_value: Any
    detected_at: str
    resolved_at: str | None
    resolution: str
    kind: str = "conflict"
    #: the clocks of the two values ("" where there is none: a refusal's reason)
    losing_clock: str = ""
    winning_clock: str = ""
    #: the row's hub (None: a row of the whole programme)
    hub_id: str | None = None


def _kind(field_name: str) -> str:
    if field_name == REJECTED_FIELD:
        return "rejected"
    if field_name == UNAPPLIED_FIELD:
        return "unapplied"
    return "conflict"


def list_conflicts(s: Session, *, include_resolved: bool = False) -> list[ConflictRecord]:
    """Stored conflicts and refusals, newest first."""
    query = select(Conflict)
    if not include_resolved:
        query = query.where(col(Conflict.resolved_at).is_(None))
    return [
        ConflictRecord(
            id=c.id,
            rejected=c.field_name in (REJECTED_FIELD, UNAPPLIED_FIELD),
            table=c.table_name,
            row_id=c.row_id,
            field_name=c.field_name,
            losing_value=json.loads(c.losing_value),
            winning_value=json.loads(c.winning_value),
            detected_at=c.detected_at,
            resolved_at=c.resolved_at,
            resolution=c.resolution,
            kind=_kind(c.field_name),
            losing_clock=c.losing_clock,
            winning_clock=c.winning_clock,
            hub_id=c.hub_id,
        )
        for c in s.exec(query.order_by(col(Conflict.detected_at).desc()))
    ]


def unresolved_count(s: Session) -> int:
    """How many items wait on the Needs review page: each conflict and refusal, except
    that the fields of one attendance mark that lost the same sync are one item (the
    child's whole mark, as the page shows it), and so are a student's grade and its year
    that lost together (one write: the same losing clock)."""
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM conflict WHERE resolved_at IS NULL"
        " GROUP BY CASE WHEN table_name = 'attendance_mark' AND field_name NOT IN (?, ?)"
        " THEN 'mark ' || row_id || ' ' || detected_at"
        " WHEN table_name = 'student' AND field_name IN ('grade', 'grade_year')"
        " THEN 'grade ' || row_id || ' ' || losing_clock ELSE 'one ' || id END)"
    )
    return int(s.connection().exec_driver_sql(sql, (REJECTED_FIELD, UNAPPLIED_FIELD)).scalar_one())


def resolve(w: ChangeWriter, conflict_id: str, keep: str) -> None:
    """Resolve a conflict keeping ``"losing"`` or ``"winning"`` (or dismiss a refusal).

    Keeping the losing value writes it as a new change (it syncs like any other); a
    server conflict's id is queued so the next sync marks it resolved there too.
    """
    conflict = w.session.get(Conflict, conflict_id)
    if conflict is None:
        raise NotFoundError(_("That review item no longer exists."))
    if conflict.resolved_at is not None:
        return
    if keep == "losing" and _kind(conflict.field_name) == "conflict":
        model = SYNCED_MODELS[conflict.table_name]
        row = w.session.get(model, conflict.row_id)
        if row is None:
            raise NotFoundError(_("The record of this conflict no longer exists."))
        value = from_wire(model, conflict.field_name, json.loads(conflict.losing_value))
        w.update(row, **{conflict.field_name: value})
    close(w.session, [conflict_id], keep)


def close(s: Session, conflict_ids: list[str], keep: str) -> None:
    """Mark conflicts resolved, keeping ``"losing"`` or ``"winning"``, without writing
    any value (the caller wrote what was kept, in the same transaction); server
    conflicts are queued so the next sync tells the server. Already resolved ones are
    left as they are; an unknown id raises :class:`NotFoundError` (nothing is marked)."""
    found = [s.get(Conflict, conflict_id) for conflict_id in conflict_ids]
    if any(c is None for c in found):
        raise NotFoundError(_("That review item no longer exists."))
    now = now_iso()
    waiting = list(settings.read(s, settings.SYNC_RESOLVE_PENDING))
    queued = False
    for conflict in found:
        assert conflict is not None
        if conflict.resolved_at is not None:
            continue
        conflict.resolved_at = now
        conflict.resolution = f"kept {keep}"
        s.add(conflict)
        if conflict.id.startswith("server-"):
            waiting.append(int(conflict.id.removeprefix("server-")))
            queued = True
    if queued:
        settings.write(s, settings.SYNC_RESOLVE_PENDING, waiting)


def settle_moot(s: Session, now: str) -> int:
    """Resolve the conflicts nobody needs to decide; returns how many.

    A conflict is moot when the record now holds the value that lost, written after the
    value that won (a later change brought it back: two laptops that open one session offline each make it
    "scheduled", then "held"), or when its field only records who wrote a change and
    when. Server conflicts settled here are queued, so the server (and every laptop,
    and the office console) hears they are resolved."""
    settled = 0
    waiting = list(settings.read(s, settings.SYNC_RESOLVE_PENDING))
    for conflict in s.exec(select(Conflict).where(col(Conflict.resolved_at).is_(None))).all():
        model = SYNCED_MODELS.get(conflict.table_name)
        if model is None or _kind(conflict.field_name) != "conflict":
            continue
        if conflict.field_name not in _BOOKKEEPING:
            row = s.get(model, conflict.row_id)
            fields = codec(model).fields
            if row is None or conflict.field_name not in fields:
                continue
            # a value written after the winner (not a row left behind the server's,
            # such as a pulled change this laptop could not apply)
            written = unpack_clocks(row.clocks, fields).get(conflict.field_name)
            if written is None or written <= conflict.winning_clock:
                continue
            held = to_wire(getattr(row, conflict.field_name))
            if held != json.loads(conflict.losing_value):
                continue
        conflict.resolved_at = now
        conflict.resolution = _SETTLED
        s.add(conflict)
        settled += 1
        if conflict.id.startswith("server-"):
            waiting.append(int(conflict.id.removeprefix("server-")))
    if settled:
        settings.write(s, settings.SYNC_RESOLVE_PENDING, waiting)
    return settled


def resolutions_waiting(s: Session) -> list[int]:
    """Server conflict ids resolved here and not yet reported."""
    return [int(i) for i in settings.read(s, settings.SYNC_RESOLVE_PENDING)]


def resolutions_sent(s: Session, sent: list[int]) -> None:
    """Forget the resolutions the server acknowledged (keep any queued meanwhile)."""
    left = [i for i in resolutions_waiting(s) if i not in sent]
    settings.write(s, settings.SYNC_RESOLVE_PENDING, left)
