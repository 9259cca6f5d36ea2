"""The sync engine: reconcile this laptop's store with the central server.

One :meth:`SyncService.sync` does, in order (``sync/PROTOCOL.md``):

1. **Check** the token, the versions, the server's epoch and the clocks (``/v1/session``).
   A clock more than 5 minutes off either way stops the sync before anything is sent.
2. **Push** the outbox, oldest first, in batches, until it is empty. Acknowledged
   (``applied``) and ``duplicate`` entries leave the outbox in the same transaction that
   stores the conflicts the server reported. Permanently ``rejected`` entries leave the
   outbox too, but are kept in the ``conflict`` table (``field_name`` ``"*rejected*"``)
   and shown in "Needs review": never silently dropped. A lost response is harmless:
   the retry comes back ``duplicate``.
3. **Pull** pages after the saved cursor. Each page is applied with a per-field merge
   (:func:`harmony_sync.protocol.merge_fields`) *and* its cursor saved in one
   transaction, and the page's clocks are observed into this device's HLC, so a crash
   between pages loses nothing and repeats nothing.
4. **Redirect** rows that still point at a merged-away student (duplicate merges made
   on other laptops), and push what that changed.

**Delete against update** (one rule, the same on every replica and the server): a delete
is a write of ``deleted = true`` to the row's ``deleted`` field. It wins or loses against
a concurrent write *of the same field* (an undelete) by HLC like any other field, and it
does not block concurrent edits of *other* fields: they merge into the tombstone and
come back if the row is ever restored. A deleted row stays deleted even if someone else
edited it offline meanwhile; their edit is not lost, it is in the tombstone.

**Server restored** (``epoch_changed``): the device re-bases: the cursor goes back to 0,
the outbox is replaced by the whole local state of the device's scope with each field's
*original* clock (grouped one outbox entry per row and clock), and everything is pulled
again. Merging by clock makes this idempotent.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import queue
import threading
import time
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from harmony_desktop import __version__
from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.credentials import TokenStore
from harmony_desktop.store import Store
from harmony_desktop.store.changes import (
    HLC_META_KEY,
    from_wire,
    mutation_id_for,
    pack_clocks,
    row_clocks,
    row_values,
    save_clock,
)
from harmony_desktop.store.models import (
    SYNCED_MODELS,
    Conflict,
    LocalMeta,
    Outbox,
    SyncedRow,
    data_fields,
)
from harmony_sync import hlc
from harmony_sync.client import (
    ClockSkew,
    EpochChanged,
    NotEnrolled,
    SyncClient,
    SyncError,
    TokenRejected,
)
from harmony_sync.protocol import merge_fields

log = logging.getLogger(__name__)

#: LocalMeta keys (never synced).
META_SERVER = "sync.server_url"
META_EPOCH = "sync.epoch"
META_CURSOR = "sync.cursor"
META_LAST_SUCCESS = "sync.last_success"
META_LAST_ATTEMPT = "sync.last_attempt"
META_LAST_ERROR = "sync.last_error"
META_LAST_REPORT = "sync.last_report"
META_DATA_MANAGER = "sync.data_manager"
META_RESOLVE = "sync.resolve_pending"

PUSH_BATCH = 1000
PULL_PAGE = 1000
#: Pages fetched ahead while the previous ones are applied (and at most applied at once).
PREFETCH_PAGES = 4
#: Marker in ``Conflict.field_name`` for a change the server permanently refused.
REJECTED_FIELD = "*rejected*"
#: The seeded default attendance codes: identical on every laptop by construction.

ProgressCallback = Callable[[str, int, int], None]


@dataclass
class SyncReport:
    """What one sync did (counts only: nothing about children)."""

    pushed: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: int = 0
    pages: int = 0
    conflicts: int = 0
    redirected: int = 0
    rebased: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        """One line fit for a log."""
        text = _(
            "sync ok: pushed {pushed} (duplicates {dup}, rejected {rej}), pulled {pulled} rows "
            "in {pages} pages, {conflicts} new conflicts, {secs:.2f}s"
        ).format(
            pushed=self.pushed,
            dup=self.duplicates,
            rej=self.rejected,
            pulled=self.pulled,
            pages=self.pages,
            conflicts=self.conflicts,
            secs=self.seconds,
        )
        if self.rebased:
            text += _(" (re-based after a server restore)")
        return text


@dataclass
class SyncStatus:
    """What the status bar shows."""

    enrolled: bool
    server_url: str | None
    last_success: dt.datetime | None
    pending: int
    last_error: str | None
    needs_review: int


@dataclass
class ReviewItem:
    """One entry of "Needs review": a losing value, or a change the server refused."""

    id: str
    kind: str  # "conflict" or "rejected"
    table: str
    row_id: str
    field_name: str
    losing_value: Any
    winning_value: Any
    what: str  # a human description of the row, e.g. "Student Ana Garcia"
    detected_at: str
    resolved: bool = False
    resolution: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SyncService:
    """Enrollment, sync and review of conflicts for one open store.

    ``http_session`` lets tests put a fault-injecting transport under the client;
    ``wall`` is this computer's wall clock in milliseconds (tests skew it).
    """

    def __init__(
        self,
        store: Store,
        data_dir: Path | None = None,
        *,
        tokens: TokenStore | None = None,
        http_session: requests.Session | None = None,
        wall: Callable[[], int] = hlc.wall_clock_ms,
        max_skew_ms: int = hlc.DEFAULT_MAX_DRIFT_MS,
    ) -> None:
        self.store = store
        self.data_dir = Path(data_dir) if data_dir else store.path.parent
        self.tokens = tokens or TokenStore(self.data_dir, store.device_id)
        self.http_session = http_session
        self.wall = wall
        self.max_skew_ms = max_skew_ms

    # -- enrollment ----------------------------------------------------------------

    def server_url(self) -> str | None:
        """The server this laptop is enrolled with (None before enrollment)."""
        return self.store.get_meta(META_SERVER)

    def is_enrolled(self) -> bool:
        """True when a server address and a device token are both known."""
        return bool(self.server_url()) and self.tokens.load() is not None

    def enroll(self, server_url: str, code: str, device_name: str = "") -> list[str]:
        """Enroll this laptop with a one-time code; returns the names of its hubs.

        The token goes to the keyring (or the private token file, see credentials.py).
        """
        client = SyncClient(server_url, session=self.http_session)
        body = client.enroll(code, self.store.device_id, device_name)
        self.tokens.save(str(body["device_token"]))
        with self.store.raw_write() as s:
            self._set(s, META_SERVER, client.base_url)
            self._set(s, META_DATA_MANAGER, "1" if body.get("data_manager") else "0")
            self._set(s, META_LAST_ERROR, "")
        log.info("enrolled with the sync server (device key %s)", body.get("device_key"))
        return [str(h.get("name", "")) for h in body.get("hubs", [])]

    def forget_enrollment(self) -> None:
        """Drop the token (the data stays); the laptop must be enrolled again to sync."""
        self.tokens.clear()

    def _client(self) -> SyncClient:
        url = self.server_url()
        token = self.tokens.load()
        if not url or not token:
            raise NotEnrolled(
                _(
                    "This laptop is not enrolled with a sync server yet. Choose Sync ▸ "
                    "Enroll and type the server address and the one-time code from your "
                    "administrator. Everything keeps working offline meanwhile."
                ),
                "not_enrolled",
            )
        return SyncClient(
            url,
            token,
            session=self.http_session,
            app_version=f"harmony-desktop {__version__}",
            outbox_size=self.store.pending_changes,
        )

    # -- status --------------------------------------------------------------------

    def status(self) -> SyncStatus:
        """Last success, changes waiting, last error, items needing review."""
        with self.store.read() as s:
            meta = {
                m.key: m.value
                for m in s.exec(select(LocalMeta).where(col(LocalMeta.key).startswith("sync.")))
            }
            from sqlalchemy import func

            pending = int(s.exec(select(func.count()).select_from(Outbox)).one())
            review = int(
                s.exec(
                    select(func.count())
                    .select_from(Conflict)
                    .where(col(Conflict.resolved_at).is_(None))
                ).one()
            )
        last = meta.get(META_LAST_SUCCESS)
        return SyncStatus(
            enrolled=bool(meta.get(META_SERVER)) and self.tokens.load() is not None,
            server_url=meta.get(META_SERVER),
            last_success=dt.datetime.fromisoformat(last) if last else None,
            pending=pending,
            last_error=meta.get(META_LAST_ERROR) or None,
            needs_review=review,
        )

    # -- the sync ------------------------------------------------------------------

    def sync(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Push, pull, redirect. Raises a :class:`SyncError` that says what to do."""
        started = time.perf_counter()
        report = SyncReport()
        notify = progress or (lambda _phase, _done, _total: None)
        self.store.set_meta(META_LAST_ATTEMPT, _now_iso())
        try:
            client = self._client()
            for attempt in range(2):
                try:
                    self._sync_once(client, report, notify)
                    break
                except EpochChanged as err:
                    if attempt:
                        raise
                    self._rebase(err.epoch)
                    report.rebased = True
        except SyncError as err:
            self.store.set_meta(META_LAST_ERROR, str(err))
            if isinstance(err, TokenRejected):
                log.warning("sync refused the device token (%s)", err.code)
            else:
                log.info("sync failed: %s", err.code)
            raise
        report.seconds = time.perf_counter() - started
        with self.store.raw_write() as s:
            self._set(s, META_LAST_SUCCESS, _now_iso())
            self._set(s, META_LAST_ERROR, "")
            self._set(s, META_LAST_REPORT, json.dumps(report.__dict__))
        log.info("%s", report.summary())
        return report

    def _sync_once(self, client: SyncClient, report: SyncReport, notify: ProgressCallback) -> None:
        info = client.session_info()
        self._check_skew(client)
        server_epoch = str(info["epoch"])
        data_manager = bool(info.get("data_manager"))
        if self.store.get_meta(META_DATA_MANAGER) != ("1" if data_manager else "0"):
            self.store.set_meta(META_DATA_MANAGER, "1" if data_manager else "0")
        epoch = self.store.get_meta(META_EPOCH)
        if epoch is None:
            self.store.set_meta(META_EPOCH, server_epoch)
            epoch = server_epoch
        elif epoch != server_epoch:
            raise EpochChanged(
                _("The server was restored from a backup; re-basing."),
                epoch=server_epoch,
            )
        self._push_all(client, epoch, report, notify)
        self._send_resolutions(client, epoch)
        self._pull_all(client, epoch, report, notify)
        from harmony_desktop.services.duplicates import apply_redirects

        redirected = apply_redirects(self.store)
        if redirected:
            report.redirected += redirected
            self._push_all(client, epoch, report, notify)

    def _check_skew(self, client: SyncClient) -> None:
        seen = client.last_server_time
        if seen is None:
            return
        # Compare the server's clock with *our* wall clock (the one our HLC uses).
        offset = self.wall() - seen.server_ms - seen.round_trip_ms // 2
        if abs(offset) <= self.max_skew_ms:
            return
        minutes = abs(offset) / 60000
        amount = (
            _("{hours:.1f} hours").format(hours=minutes / 60)
            if minutes >= 90
            else _("{minutes:.0f} minutes").format(minutes=minutes)
        )
        if offset > 0:
            message = _(
                "This computer's clock is {amount} ahead of the sync server's. Nothing was "
                "sent. Fix the date, time and time zone in this computer's settings (or ask "
                "your administrator to check the server's clock), then sync again."
            ).format(amount=amount)
        else:
            message = _(
                "This computer's clock is {amount} behind the sync server's. Nothing was "
                "sent. Fix the date, time and time zone in this computer's settings (or ask "
                "your administrator to check the server's clock), then sync again."
            ).format(amount=amount)
        raise ClockSkew(message, "clock_skew", offset_ms=offset)

    # -- push ----------------------------------------------------------------------

    def _push_all(
        self,
        client: SyncClient,
        epoch: str,
        report: SyncReport,
        notify: ProgressCallback,
    ) -> None:
        total = self.store.pending_changes()
        done = 0
        size = PUSH_BATCH
        notify("push", 0, total)
        while True:
            with self.store.read() as s:
                batch = list(s.exec(select(Outbox).order_by(col(Outbox.mutation_id)).limit(size)))
            if not batch:
                return
            mutations = [_mutation(e) for e in batch]
            try:
                response = client.push(epoch, mutations)
            except SyncError as err:
                if err.code != "request_too_large" or size == 1:
                    raise
                size = max(1, size // 4)  # very long notes: send fewer at a time
                continue
            self._apply_push_result(batch, response, report)
            done += len(batch)
            notify("push", done, max(total, done))

    def _apply_push_result(
        self,
        batch: list[Outbox],
        response: dict[str, Any],
        report: SyncReport,
    ) -> None:
        by_id = {e.mutation_id: e for e in batch}
        results = {int(r["mutation_id"]): r for r in response.get("results", [])}
        done_ids: list[int] = []
        now = _now_iso()
        with self.store.raw_write() as s:
            for mutation_id, result in results.items():
                entry = by_id.get(mutation_id)
                if entry is None:
                    continue
                status = result.get("status")
                if status == "applied":
                    report.pushed += 1
                elif status == "duplicate":
                    report.duplicates += 1
                elif status == "rejected":
                    report.rejected += 1
                    s.merge(
                        Conflict(
                            id=f"rejected-{self.store.device_id}-{mutation_id}",
                            table_name=entry.table_name,
                            row_id=entry.row_id,
                            hub_id=entry.hub_id,
                            field_name=REJECTED_FIELD,
                            losing_value=entry.values,
                            losing_clock=entry.clock,
                            winning_value=json.dumps(
                                {"code": result.get("code"), "reason": result.get("reason")}
                            ),
                            winning_clock="",
                            detected_at=now,
                        )
                    )
                else:
                    continue  # unknown status: keep the entry, try again next time
                done_ids.append(mutation_id)
            for conflict in response.get("conflicts", []):
                if self._store_conflict(s, conflict, now):
                    report.conflicts += 1
            if done_ids:
                s.execute(delete(Outbox).where(col(Outbox.mutation_id).in_(done_ids)))

    @staticmethod
    def _store_conflict(s: Session, c: dict[str, Any], now: str) -> bool:
        """Keep a server conflict locally; True when it is new."""
        conflict_id = f"server-{c['id']}"
        existing = s.get(Conflict, conflict_id)
        if existing is not None:
            if c.get("resolved") and existing.resolved_at is None:
                existing.resolved_at = now
                existing.resolution = existing.resolution or "resolved on another device"
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
                resolution="resolved on another device" if c.get("resolved") else "",
            )
        )
        return True

    def _send_resolutions(self, client: SyncClient, epoch: str) -> None:
        pending = json.loads(self.store.get_meta(META_RESOLVE) or "[]")
        if not pending:
            return
        client.resolve(epoch, [int(i) for i in pending])
        with self.store.raw_write() as s:
            now_pending = json.loads(self._get(s, META_RESOLVE) or "[]")
            left = [i for i in now_pending if i not in pending]
            self._set(s, META_RESOLVE, json.dumps(left))

    # -- pull ----------------------------------------------------------------------

    def _pull_all(
        self, client: SyncClient, epoch: str, report: SyncReport, notify: ProgressCallback
    ) -> None:
        """Pull until done. A helper thread fetches the next pages while this one applies.

        Whatever pages have arrived are applied together with the cursor of the last one
        in one transaction (a page and its cursor always commit together), so a large
        first sync pays for far fewer commits and overlaps network and disk.
        """
        start = int(self.store.get_meta(META_CURSOR) or 0)
        notify("pull", 0, 0)
        pages: queue.Queue[dict[str, Any] | BaseException] = queue.Queue(maxsize=PREFETCH_PAGES)
        stop = threading.Event()

        def fetch() -> None:
            cursor = start
            try:
                while not stop.is_set():
                    page = client.pull(epoch, cursor, PULL_PAGE)
                    pages.put(page)
                    cursor = int(page["cursor"])
                    if not page.get("has_more"):
                        return
            except BaseException as err:  # handed to the applying thread
                pages.put(err)

        fetcher = threading.Thread(target=fetch, name="harmony-sync-pull", daemon=True)
        fetcher.start()
        cursor = start
        try:
            done = False
            while not done:
                batch = [pages.get()]
                while len(batch) < PREFETCH_PAGES:
                    try:
                        batch.append(pages.get_nowait())
                    except queue.Empty:
                        break
                ready: list[dict[str, Any]] = []
                failure: BaseException | None = None
                for item in batch:
                    if isinstance(item, BaseException):
                        failure = item
                        break
                    ready.append(item)
                    if not item.get("has_more"):
                        done = True
                        break
                rows = [row for page in ready for row in page.get("rows", [])]
                conflicts = [c for page in ready for c in page.get("conflicts", [])]
                new_cursor = int(ready[-1]["cursor"]) if ready else cursor
                if rows or conflicts or new_cursor != cursor:
                    report.conflicts += self.apply_page(rows, conflicts, new_cursor)
                    report.pulled += len(rows)
                    report.pages += len(ready)
                cursor = new_cursor
                notify("pull", report.pulled, 0)
                if failure is not None:
                    raise failure
        finally:
            stop.set()
            while fetcher.is_alive():  # unblock a fetcher waiting on a full queue
                with contextlib.suppress(queue.Empty):
                    pages.get(timeout=0.05)
            fetcher.join()

    def apply_page(
        self, rows: list[dict[str, Any]], conflicts: list[dict[str, Any]], cursor: int
    ) -> int:
        """Merge one pulled page and save its cursor in ONE transaction.

        Returns the number of new conflicts stored. Raises :class:`ClockSkew` (and
        changes nothing) when a pulled clock is too far ahead of this computer's.
        """
        now = _now_iso()
        new_conflicts = 0
        with self.store.raw_write(foreign_keys=False) as s:
            clock = self._load_clock(s)
            newest = ""
            by_table: dict[str, list[dict[str, Any]]] = {}
            for row in rows:
                by_table.setdefault(str(row["table"]), []).append(row)
                for stamp in row.get("clocks", {}).values():
                    newest = max(newest, stamp)
            if newest:
                try:
                    clock.observe(newest)
                except hlc.ClockDriftError as err:
                    raise ClockSkew(
                        _(
                            "The server sent changes stamped {minutes:.0f} minutes ahead of "
                            "this computer's clock, so this computer's clock is probably "
                            "behind. Nothing was changed. Fix the date, time and time zone in "
                            "this computer's settings, then sync again."
                        ).format(minutes=err.ahead_ms / 60000),
                        "clock_skew",
                    ) from err
            for table, table_rows in by_table.items():
                model = SYNCED_MODELS.get(table)
                if model is None:
                    log.warning("pulled rows of unknown table %s skipped", table)
                    continue
                _merge_rows(s, model, table_rows)
            for conflict in conflicts:
                if self._store_conflict(s, conflict, now):
                    new_conflicts += 1
            save_clock(s, clock)
            self._set(s, META_CURSOR, str(cursor))
        return new_conflicts

    # -- re-base -------------------------------------------------------------------

    def _rebase(self, new_epoch: str) -> None:
        """Replace the outbox with the whole local state, cursor 0, new epoch."""
        data_manager = self.store.get_meta(META_DATA_MANAGER) == "1"
        created = _now_iso()
        with self.store.raw_write() as s:
            clock = self._load_clock(s)
            s.execute(delete(Outbox))
            entries: list[dict[str, Any]] = []
            for table, model in SYNCED_MODELS.items():
                for row in s.exec(select(model)):
                    if row.hub_id is None and not data_manager:
                        continue
                    values = row_values(row)
                    groups: dict[str, dict[str, Any]] = {}
                    for name, stamp in row_clocks(row).items():
                        groups.setdefault(stamp, {})[name] = values[name]
                    for stamp, group in sorted(groups.items()):
                        entries.append(
                            {
                                "mutation_id": mutation_id_for(clock.now()),
                                "table_name": table,
                                "row_id": row.id,
                                "hub_id": row.hub_id,
                                "values": json.dumps(group, sort_keys=True),
                                "clock": stamp,
                                "bases": "{}",
                                "created_at": created,
                            }
                        )
            for start in range(0, len(entries), 5000):
                s.execute(insert(Outbox.__table__), entries[start : start + 5000])  # type: ignore[attr-defined]
            save_clock(s, clock)
            self._set(s, META_EPOCH, new_epoch)
            self._set(s, META_CURSOR, "0")
        log.info("re-based after a server restore: %d entries queued", len(entries))

    # -- review --------------------------------------------------------------------

    def review_items(self, *, include_resolved: bool = False) -> list[ReviewItem]:
        """Conflicts and refused changes, newest first."""
        with self.store.read() as s:
            query = select(Conflict)
            if not include_resolved:
                query = query.where(col(Conflict.resolved_at).is_(None))
            items = []
            for c in s.exec(query.order_by(col(Conflict.detected_at).desc())):
                rejected = c.field_name == REJECTED_FIELD
                items.append(
                    ReviewItem(
                        id=c.id,
                        kind="rejected" if rejected else "conflict",
                        table=c.table_name,
                        row_id=c.row_id,
                        field_name=c.field_name,
                        losing_value=json.loads(c.losing_value),
                        winning_value=json.loads(c.winning_value),
                        what=describe_row(s, c.table_name, c.row_id),
                        detected_at=c.detected_at,
                        resolved=c.resolved_at is not None,
                        resolution=c.resolution,
                    )
                )
        return items

    def keep_value(self, item_id: str, keep: str) -> None:
        """Resolve a conflict by keeping ``"losing"`` or ``"winning"`` (or dismiss a refusal).

        Keeping the losing value writes it as a new edit (it syncs like any other).
        """
        if keep not in ("losing", "winning"):
            raise ValidationError(_("Choose which value to keep."))
        with self.store.write() as w:
            conflict = w.session.get(Conflict, item_id)
            if conflict is None:
                raise NotFoundError(_("That review item no longer exists."))
            if conflict.resolved_at is not None:
                return
            if keep == "losing" and conflict.field_name != REJECTED_FIELD:
                model = SYNCED_MODELS[conflict.table_name]
                row = w.session.get(model, conflict.row_id)
                if row is None:
                    raise NotFoundError(_("The record of this conflict no longer exists."))
                value = from_wire(model, conflict.field_name, json.loads(conflict.losing_value))
                w.update(row, **{conflict.field_name: value})
            conflict.resolved_at = _now_iso()
            conflict.resolution = f"kept {keep}"
            w.session.add(conflict)
            if conflict.id.startswith("server-"):
                pending = json.loads(self._get(w.session, META_RESOLVE) or "[]")
                pending.append(int(conflict.id.removeprefix("server-")))
                self._set(w.session, META_RESOLVE, json.dumps(pending))

    # -- meta helpers --------------------------------------------------------------

    def _load_clock(self, s: Session) -> hlc.HybridLogicalClock:
        """This device's HLC on ``s``, reading this service's wall clock."""
        return hlc.HybridLogicalClock(
            self.store.device_id, last=self._get(s, HLC_META_KEY), wall=self.wall
        )

    @staticmethod
    def _set(s: Session, key: str, value: str) -> None:
        s.merge(LocalMeta(key=key, value=value))

    @staticmethod
    def _get(s: Session, key: str) -> str | None:
        row = s.get(LocalMeta, key)
        return row.value if row else None


def _mutation(entry: Outbox) -> dict[str, Any]:
    values = json.loads(entry.values)
    return {
        "mutation_id": entry.mutation_id,
        "table": entry.table_name,
        "row_id": entry.row_id,
        "hub_id": entry.hub_id,
        "values": values,
        "clocks": dict.fromkeys(values, entry.clock),
        "bases": json.loads(entry.bases or "{}"),
    }


_FIELD_CACHE: dict[type[SyncedRow], tuple[list[str], set[str], dict[str, Any]]] = {}


def _fields(model: type[SyncedRow]) -> tuple[list[str], set[str], dict[str, Any]]:
    """(data fields, required fields, field -> wire converter) of a model, cached.

    The converters do what :func:`from_wire` does, decided once per field instead of
    once per value: a first sync converts millions of values.
    """
    cached = _FIELD_CACHE.get(model)
    if cached is None:
        names = data_fields(model)
        required = {n for n in names if model.model_fields[n].is_required()}
        converters: dict[str, Any] = {}
        for name in names:
            annotation = model.model_fields[name].annotation
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            kind = args[0] if len(args) == 1 else annotation
            table: dict[Any, Any] = {
                dt.date: dt.date.fromisoformat,
                dt.time: dt.time.fromisoformat,
                bool: bool,
            }
            converters[name] = table.get(kind)
        cached = _FIELD_CACHE[model] = (names, required, converters)
    return cached


def _pack(clocks: dict[str, str]) -> str:
    """:func:`pack_clocks`, with a fast path for rows written once (most pulled rows)."""
    first = next(iter(clocks.values()), None)
    if first is not None and all(c == first for c in clocks.values()):
        return json.dumps({"*": first})
    return pack_clocks(clocks)


def _convert(converter: Any, value: Any) -> Any:
    if value is None or converter is None:
        return value
    if converter is bool:
        return bool(value)
    return converter(value) if isinstance(value, str) else value


def _merge_rows(s: Session, model: type[SyncedRow], rows: list[dict[str, Any]]) -> None:
    """Merge pulled rows of one table: bulk insert the new ones, merge fields of the rest."""
    names, required, converters = _fields(model)
    ids = [str(r["id"]) for r in rows]
    known: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        known.update(s.exec(select(model.id).where(col(model.id).in_(chunk))).all())
    existing: dict[str, SyncedRow] = {}
    if known:
        wanted = sorted(known)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in s.exec(select(model).where(col(model.id).in_(chunk))):
                existing[row.id] = row
    fresh: dict[str, dict[str, Any]] = {}
    for pulled in rows:
        row_id = str(pulled["id"])
        values = {k: v for k, v in pulled["values"].items() if k in converters}
        clocks = {k: v for k, v in pulled["clocks"].items() if k in converters}
        values["hub_id"] = pulled.get("hub_id")
        if "hub_id" not in clocks and clocks:
            clocks["hub_id"] = min(clocks.values())
        current = existing.get(row_id)
        if current is None:
            if not required <= values.keys():
                log.warning("pulled %s row without its required fields skipped", model.__name__)
                continue
            record = {"id": row_id, "clocks": _pack(clocks)}
            for name in names:
                if name in values:
                    record[name] = _convert(converters[name], values[name])
                else:
                    record[name] = model.model_fields[name].get_default(call_default_factory=True)
            fresh[row_id] = record
            continue
        merged = merge_fields(row_values(current), row_clocks(current), values, clocks)
        if not merged.changed:
            continue
        for name, value in merged.changed.items():
            setattr(current, name, _convert(converters[name], value))
        current.clocks = pack_clocks(merged.clocks)
        s.add(current)
    if fresh:
        _bulk_insert(s, model, list(fresh.values()))
    s.flush()


def _bulk_insert(s: Session, model: type[SyncedRow], records: list[dict[str, Any]]) -> None:
    """INSERT many rows through the driver's executemany, with the columns' own bind
    processing (dates, times, booleans stored exactly as the ORM stores them)."""
    table: Any = model.__table__  # type: ignore[attr-defined]
    conn = s.connection()
    dialect = conn.dialect
    columns = [c.name for c in table.columns]
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns]
    quoted = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'
    params = [
        tuple(
            proc(rec[name]) if proc is not None and rec[name] is not None else rec[name]
            for name, proc in zip(columns, processors, strict=True)
        )
        for rec in records
    ]
    conn.exec_driver_sql(sql, params)


def describe_row(s: Session, table: str, row_id: str) -> str:
    """A short human description of a synced row for the review panel."""
    from harmony_desktop.store.models import AttendanceMark, ClassSession, Contact, Student

    def student_name(student_id: str) -> str:
        st = s.get(Student, student_id)
        if st is None:
            return _("unknown student")
        first = st.preferred_name or st.legal_first_name
        return f"{first} {st.legal_last_name}".strip()

    if table == "student":
        return _("Student {name}").format(name=student_name(row_id))
    if table == "attendance_mark":
        mark = s.get(AttendanceMark, row_id)
        if mark is None:
            return _("Attendance mark")
        session = s.get(ClassSession, mark.session_id)
        when = session.date.isoformat() if session else "?"
        return _("Mark of {name} on {date}").format(name=student_name(mark.student_id), date=when)
    if table == "contact":
        contact = s.get(Contact, row_id)
        if contact is not None:
            return _("Contact {name} of {student}").format(
                name=contact.name, student=student_name(contact.student_id)
            )
    model = SYNCED_MODELS.get(table)
    row = s.get(model, row_id) if model else None
    name = ""
    if row is not None:
        name = getattr(row, "name", "") or getattr(row, "label", "") or getattr(row, "title", "")
    return f"{table.replace('_', ' ').capitalize()} {name}".strip()
