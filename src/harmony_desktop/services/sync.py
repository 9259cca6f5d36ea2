"""The sync loop: reconcile this laptop's store with the central server over HTTP.

One :meth:`SyncService.sync` does, in order (``sync/PROTOCOL.md``):

1. **Check** the token, the versions, the server's epoch and the clocks (``/v1/session``).
   A clock more than 5 minutes off either way stops the sync before anything is sent.
2. **Push** the outbox, oldest first, in batches, until it is empty; the server's answer
   is applied by :meth:`Replica.acknowledge` (a lost response is harmless: the retry
   comes back ``duplicate``).
3. **Pull** pages after the saved cursor, fetched on a helper thread while earlier ones
   are applied by :meth:`Replica.apply_page` (a page and its cursor in one transaction).
4. **Redirect** rows that still point at a merged-away student (duplicate merges made
   on other laptops), and push what that changed.

A server restored from a backup (``epoch_changed``) makes the device re-base
(:meth:`Replica.rebase`) and sync again. Everything that touches clocks, the outbox
or the wire format is in ``store.replica``; the invariants are in ``docs/SYNC.md``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harmony_desktop import __version__
from harmony_desktop.domain.i18n import _, format_list, ngettext
from harmony_desktop.services.credentials import TokenStore
from harmony_desktop.store import Store, settings
from harmony_desktop.store.memory import collector_paused
from harmony_desktop.store.replica import (
    MAX_SKEW_MS,
    BeforeCursor,
    PulledClockAhead,
    Replica,
    ScopeFit,
)
from harmony_sync.client import (
    ClockSkew,
    EpochChanged,
    NotEnrolled,
    ServerUnreachable,
    SyncClient,
    SyncError,
    TokenRejected,
)

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

#: A device id as the server lists it: the 16 hex digits that end its clocks.
_DEVICE_ID = re.compile(r"[0-9a-f]{16}")
#: The longest device name kept (the server's own limit is 200 characters).
MAX_DEVICE_NAME = 200

PUSH_BATCH = 1000
PULL_PAGE = 1000
#: Pages applied in one transaction, and fetched ahead while the previous ones apply.
PREFETCH_PAGES = 6
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
    #: this computer's clock had been set far ahead: the HLC was turned back, and this
    #: many changes made meanwhile were stamped afresh (``Replica.reset_clock_if_far_ahead``)
    clock_reset: bool = False
    restamped: int = 0
    #: records this laptop made for the whole programme before it joined, sent as its
    #: hub's; refused changes sent again once this laptop may send them
    #: (``Replica.fit_scope``)
    rescoped: int = 0
    requeued: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line fit for a log."""
        pulled = " ".join(
            (
                ngettext("pulled {n} row", "pulled {n} rows", self.pulled).format(n=self.pulled),
                ngettext("in {n} page", "in {n} pages", self.pages).format(n=self.pages),
            )
        )
        text = ", ".join(
            (
                _("sync ok: pushed {pushed} (duplicates {dup}, rejected {rej})").format(
                    pushed=self.pushed, dup=self.duplicates, rej=self.rejected
                ),
                pulled,
                ngettext(
                    "{conflicts} new conflict", "{conflicts} new conflicts", self.conflicts
                ).format(conflicts=self.conflicts),
                _("{secs:.2f}s").format(secs=self.seconds),
            )
        )
        if self.rebased:
            text += _(" (re-based after a server restore)")
        if self.clock_reset:
            text += ngettext(
                " (this computer's clock had been set far ahead: reset, and {n} change made "
                "meanwhile was stamped again and sent)",
                " (this computer's clock had been set far ahead: reset, and {n} changes made "
                "meanwhile were stamped again and sent)",
                self.restamped,
            ).format(n=self.restamped)
        if self.rescoped:
            text += ngettext(
                " ({n} record set up on this laptop for the whole programme was sent as its hub's)",
                " ({n} records set up on this laptop for the whole programme were sent as "
                "their hub's)",
                self.rescoped,
            ).format(n=self.rescoped)
        if self.requeued:
            text += ngettext(
                " ({n} change the server had refused from this laptop was sent again)",
                " ({n} changes the server had refused from this laptop were sent again)",
                self.requeued,
            ).format(n=self.requeued)
        return text


@dataclass(frozen=True)
class Enrolled:
    """What enrolling did: the laptop's hubs (their names) and what its records that
    never reached a server became (:meth:`Replica.fit_scope`)."""

    hubs: list[str]
    fit: ScopeFit

    def rescoped_text(self) -> str:
        """The records set up here for the whole programme that now belong to this
        laptop's hub, in words ("" when none)."""
        kinds = _kinds(self.fit.rescoped)
        if not kinds:
            return ""
        return ngettext(
            "{kinds} set up on this laptop for the whole programme now belongs to this "
            "laptop's hub, and is sent to the server with it.",
            "{kinds} set up on this laptop for the whole programme now belong to this "
            "laptop's hub, and are sent to the server with it.",
            sum(self.fit.rescoped.values()),
        ).format(kinds=kinds)

    def unsendable_text(self) -> str:
        """What this laptop holds that its enrollment does not let it send, and what to
        do about it ("" when it can send everything)."""
        parts = []
        kinds = _kinds(self.fit.programme_only)
        if kinds:
            parts.append(
                _(
                    "The server takes {kinds} only from a data manager's laptop: they are "
                    "the whole programme's. They stay on this laptop and are listed under "
                    "Needs review after the next sync. To send them, ask the office to make "
                    "this laptop the programme's data manager's laptop (they revoke its "
                    "code for the hub and give it a data manager's code, harmony-sync "
                    "add-data-manager), then enroll it again with that code; or ask your "
                    "data manager to enter them on their laptop."
                ).format(kinds=kinds)
            )
        if self.fit.other_hubs:
            count = sum(self.fit.other_hubs.values())
            hubs = format_list(
                [
                    _("{name} (id {id})").format(name=name, id=hub_id) if name else hub_id
                    for (hub_id, name) in sorted(self.fit.other_hubs, key=lambda h: (h[1], h[0]))
                ]
            )
            parts.append(
                ngettext(
                    "{n} record of {hubs} belongs to a hub this laptop is not enrolled for: "
                    "the server takes it only from that hub's laptops or a data manager's. "
                    "Ask the office for a code for that hub too (one the server does not "
                    "know yet is added with harmony-sync add-hub --id and the id above).",
                    "{n} records of {hubs} belong to hubs this laptop is not enrolled for: "
                    "the server takes them only from those hubs' laptops or a data "
                    "manager's. Ask the office for a code for those hubs too (one the server "
                    "does not know yet is added with harmony-sync add-hub --id and the id "
                    "above).",
                    count,
                ).format(n=count, hubs=hubs)
            )
        return " ".join(parts)


def _kinds(counts: dict[str, int]) -> str:
    """Records by kind and count, in words: "2 staff members and 1 term"."""
    nouns = {
        "staff": lambda n: ngettext("{n} staff member", "{n} staff members", n),
        "closure": lambda n: ngettext(
            "{n} closure day of the whole programme", "{n} closure days of the whole programme", n
        ),
        "programme_year": lambda n: ngettext("{n} school year", "{n} school years", n),
        "term": lambda n: ngettext("{n} term", "{n} terms", n),
        "attendance_code": lambda n: ngettext("{n} attendance code", "{n} attendance codes", n),
        "clearance_kind": lambda n: ngettext("{n} kind of clearance", "{n} kinds of clearance", n),
    }
    order = list(nouns)
    found = []
    for table, n in sorted(
        counts.items(), key=lambda c: (order.index(c[0]) if c[0] in nouns else len(order), c[0])
    ):
        noun = nouns.get(table) or (lambda n: ngettext("{n} other record", "{n} other records", n))
        found.append(noun(n).format(n=n))
    return format_list(found)


@dataclass
class SyncStatus:
    """What the status bar shows."""

    enrolled: bool
    server_url: str | None
    last_success: dt.datetime | None
    pending: int
    last_error: str | None
    needs_review: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def in_app_language(err: SyncError, url: str) -> SyncError:
    """``err`` with its message in the app's language, when its code is one staff meet.

    The sync client and the server speak English only (``harmony_sync`` has no
    translations): without this a Spanish window, and ``harmony-desktop sync`` in
    Spanish, showed their English sentences. The error keeps its class, code and details.
    """
    code = err.code
    if code == "unreachable" and type(err.__cause__).__name__ == "SSLError":
        text = _(
            "The secure connection to {url} failed. Check the server address (https://…) "
            "and this computer's date and time."
        )
    elif code == "unreachable":
        text = _(
            "The sync server at {url} cannot be reached right now. Your work is safe on "
            "this laptop; it will sync when the connection returns."
        )
    elif code in ("server_error", "internal_error"):
        text = _(
            "The sync server at {url} is not answering properly right now. Your work is "
            "safe on this laptop; try again in a few minutes."
        )
    elif code == "storage_unavailable":
        text = _(
            "The sync server's database is unavailable right now; nothing was changed. "
            "Your work is safe on this laptop; sync again in a few minutes."
        )
    elif code == "bad_response":
        text = _(
            "The server at {url} answered something this app does not understand. Check "
            "the server address."
        )
    elif code == "invalid_enrollment_code":
        text = _(
            "This enrollment code is not valid (mistyped, already used or revoked). Ask "
            "your administrator for a new code."
        )
    elif code == "enrollment_code_expired":
        text = _("This enrollment code has expired. Ask your administrator for a new code.")
    elif code == "device_id_in_use":
        text = _(
            "Another enrolled laptop already uses this laptop's device id (a copied disk, "
            "for example). Ask your administrator to revoke the old device, then enroll "
            "again."
        )
    elif code == "device_revoked":
        text = _(
            "An administrator revoked this laptop's sync access. Your work is safe on this "
            "laptop: ask your administrator for a new enrollment code and enroll again; the "
            "changes waiting here are then sent."
        )
    elif code in ("invalid_token", "missing_token"):
        text = _(
            "The sync server no longer accepts this laptop. Your work is safe on this "
            "laptop: ask your administrator for a new enrollment code and enroll again."
        )
    elif code == "version_mismatch" and getattr(err, "update", "desktop") == "server":
        text = _(
            "The sync server is older than this app. Your work is safe on this laptop: "
            "ask your administrator to update the sync server, then sync again."
        )
    elif code == "version_mismatch":
        text = _(
            "This app is too old for the sync server. Update the Harmony desktop app, "
            "then sync again. Your work is safe on this laptop."
        )
    else:
        return err
    err.args = (text.format(url=url),)
    return err


class SyncService:
    """Enrollment, status and the sync loop (push, pull) for one open store.

    ``http_session`` lets tests put a fault-injecting transport under the client;
    ``wall`` is this computer's wall clock in milliseconds (tests skew it; by default
    the store's, :attr:`Store.wall`).
    ``before_cursor_saved``, when set, is called inside each pulled page's transaction
    after its rows are merged and before its cursor is saved; whatever it raises rolls
    the page back (tests simulate a crash there).
    """

    def __init__(
        self,
        store: Store,
        data_dir: Path | None = None,
        *,
        tokens: TokenStore | None = None,
        http_session: requests.Session | None = None,
        wall: Callable[[], int] | None = None,
        max_skew_ms: int = MAX_SKEW_MS,
    ) -> None:
        self.store = store
        self.data_dir = Path(data_dir) if data_dir else store.path.parent
        self.tokens = tokens or TokenStore(self.data_dir, store.device_id)
        self.http_session = http_session
        self._wall = wall
        self.max_skew_ms = max_skew_ms
        self.before_cursor_saved: BeforeCursor | None = None

    @property
    def wall(self) -> Callable[[], int]:
        """This computer's wall clock in milliseconds."""
        return self._wall or self.store.wall

    @property
    def replica(self) -> Replica:
        """The replication side of the store (clocks, outbox, pulled pages)."""
        return Replica(self.store, wall=self.wall)

    # -- enrollment ----------------------------------------------------------------

    def server_url(self) -> str | None:
        """The server this laptop is enrolled with (None before enrollment)."""
        return self.store.settings.get(settings.SYNC_SERVER)

    def is_enrolled(self) -> bool:
        """True when a server address and a device token are both known."""
        return bool(self.server_url()) and self.tokens.load() is not None

    def enroll(self, server_url: str, code: str, device_name: str = "") -> Enrolled:
        """Enroll this laptop with a one-time code; returns the names of its hubs and
        what became of the records it made before it joined (:class:`Enrolled`).

        The token goes to the keyring (or the private token file, see credentials.py).
        """
        client = SyncClient(server_url, session=self.http_session)
        try:
            body = client.enroll(code, self.store.device_id, device_name)
        except ServerUnreachable as exc:
            if exc.code != "unreachable":  # it answered, but not as a sync server does
                in_app_language(exc, client.base_url)
                raise
            # Not enrolled yet, so nothing will "sync when the connection returns".
            raise ServerUnreachable(
                _(
                    "Enrollment needs a connection to the sync server, and {url} cannot be "
                    "reached right now. Connect this laptop to the internet, then try "
                    "again. Everything keeps working offline meanwhile."
                ).format(url=client.base_url),
                "unreachable",
            ) from exc
        except SyncError as exc:
            in_app_language(exc, client.base_url)
            raise
        self.tokens.save(str(body["device_token"]))
        data_manager = bool(body.get("data_manager"))
        with self.store.raw_write() as s:
            settings.write(s, settings.SYNC_SERVER, client.base_url)
            settings.write(s, settings.SYNC_DATA_MANAGER, data_manager)
            settings.write(s, settings.SYNC_LAST_ERROR, "")
        log.info("enrolled with the sync server (device key %s)", body.get("device_key"))
        hubs = [h for h in body.get("hubs", []) if isinstance(h, dict)]
        # What this laptop made before it joined, fitted to the scope it joined with,
        # before anything is pushed (docs/SYNC.md, "Joining later")
        fit = self._fit_scope(hubs, data_manager)
        return Enrolled([str(h.get("name", "")) for h in hubs], fit)

    def _fit_scope(self, hubs: list[Any], data_manager: bool) -> ScopeFit:
        """:meth:`Replica.fit_scope` for the hubs a server answer lists, logged."""
        ids = [str(h["id"]) for h in hubs if isinstance(h, dict) and isinstance(h.get("id"), str)]
        fit = self.replica.fit_scope(ids, data_manager=data_manager)
        if fit.rescoped or fit.requeued:
            log.info(
                "records made before joining: %d sent as their hub's (%s), %d refused "
                "changes queued again",
                sum(fit.rescoped.values()),
                ", ".join(f"{table} {n}" for table, n in sorted(fit.rescoped.items())),
                fit.requeued,
            )
        if fit.unsendable:
            log.warning(
                "waiting that this laptop may not send: %s programme-wide, %d of other hubs",
                ", ".join(f"{table} {n}" for table, n in sorted(fit.programme_only.items())),
                sum(fit.other_hubs.values()),
            )
        return fit

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
            wall=self.wall,
        )

    # -- status --------------------------------------------------------------------

    def status(self) -> SyncStatus:
        """Last success, changes waiting, last error, items needing review."""
        known = self.store.settings.get_many(
            (settings.SYNC_SERVER, settings.SYNC_LAST_SUCCESS, settings.SYNC_LAST_ERROR)
        )
        pending, review = self.replica.waiting()
        server = known[settings.SYNC_SERVER.key]
        return SyncStatus(
            enrolled=bool(server) and self.tokens.load() is not None,
            server_url=server,
            last_success=known[settings.SYNC_LAST_SUCCESS.key],
            pending=pending,
            last_error=known[settings.SYNC_LAST_ERROR.key] or None,
            needs_review=review,
        )

    # -- the sync ------------------------------------------------------------------

    def sync(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Push, pull, redirect. Raises a :class:`SyncError` that says what to do."""
        started = time.perf_counter()
        report = SyncReport()
        notify = progress or (lambda _phase, _done, _total: None)
        self.store.settings.set(settings.SYNC_LAST_ATTEMPT, _now())
        try:
            client = self._client()
            for attempt in range(2):
                try:
                    self._sync_once(client, report, notify)
                    break
                except EpochChanged as err:
                    if attempt:
                        raise
                    self.replica.rebase(str(err.epoch))
                    report.rebased = True
        except SyncError as err:
            in_app_language(err, self.server_url() or "")
            self.store.settings.set(settings.SYNC_LAST_ERROR, str(err))
            if isinstance(err, TokenRejected):
                log.warning("sync refused the device token (%s)", err.code)
            else:
                log.info("sync failed: %s", err.code)
            raise
        report.seconds = time.perf_counter() - started
        with self.store.raw_write() as s:
            settings.write(s, settings.SYNC_LAST_SUCCESS, _now())
            settings.write(s, settings.SYNC_LAST_ERROR, "")
            settings.write(s, settings.SYNC_LAST_REPORT, report.__dict__)
        log.info("%s", report.summary())
        return report

    def _sync_once(self, client: SyncClient, report: SyncReport, notify: ProgressCallback) -> None:
        info = client.session_info()
        if self._check_skew(client):  # this computer's clock is right: the HLC must be too
            self._reset_clock(report)
            self._check_mark(info.get("last_mutation_id"))
        self._keep_device_names(info.get("devices"))
        if "programme_name" in info:  # older servers leave it out
            self._keep_programme_name(info["programme_name"])
        server_epoch = str(info["epoch"])
        data_manager = bool(info.get("data_manager"))
        if self.store.settings.get(settings.SYNC_DATA_MANAGER) != data_manager:
            self.store.settings.set(settings.SYNC_DATA_MANAGER, data_manager)
        epoch = self.store.settings.get(settings.SYNC_EPOCH)
        if epoch is None:
            self.store.settings.set(settings.SYNC_EPOCH, server_epoch)
            epoch = server_epoch
        elif epoch != server_epoch:
            raise EpochChanged(
                _("The server was restored from a backup; re-basing."),
                epoch=server_epoch,
            )
        fit = self._fit_scope(info.get("hubs") or [], data_manager)
        report.rescoped += sum(fit.rescoped.values())
        report.requeued += fit.requeued
        self._push_all(client, epoch, report, notify)
        self._send_resolutions(client, epoch)
        self._pull_all(client, epoch, report, notify)
        from harmony_desktop.services.duplicates import apply_redirects

        redirected = apply_redirects(self.store)
        if redirected:
            report.redirected += redirected
            self._push_all(client, epoch, report, notify)
        if self.replica.settle_moot():  # the server and the office hear of it now
            self._send_resolutions(client, epoch)

    def _keep_device_names(self, devices: object) -> None:
        """Keep the names of the devices the server listed (PROTOCOL.md, section 5) with
        those already known; an older server lists none."""
        if not isinstance(devices, list):
            return
        told: dict[str, str] = {}
        for device in devices:
            if not isinstance(device, dict):
                continue
            node, name = device.get("device_id"), device.get("name")
            if isinstance(node, str) and _DEVICE_ID.fullmatch(node) and isinstance(name, str):
                name = " ".join(name.split())[:MAX_DEVICE_NAME]
                if name:
                    told[node] = name
        known = self.store.settings.get(settings.SYNC_DEVICE_NAMES)
        names = {**known, **told} if isinstance(known, dict) else told
        if names != known:
            self.store.settings.set(settings.SYNC_DEVICE_NAMES, names)

    def _keep_programme_name(self, told: object) -> None:
        """Print the programme's name the server gave (PROTOCOL.md, section 5) from now
        on; none (null): the server has no name, and this laptop prints its own again."""
        name = (
            " ".join(told.split())[: settings.MAX_PROGRAMME_NAME] if isinstance(told, str) else ""
        )
        if name == (self.store.settings.get(settings.SYNC_PROGRAMME_NAME) or ""):
            return
        with self.store.raw_write() as s:
            if name:
                settings.write(s, settings.SYNC_PROGRAMME_NAME, name)
            else:
                settings.clear(s, settings.SYNC_PROGRAMME_NAME)
        log.info("the server's programme name is %s", "set" if name else "not set")

    def _reset_clock(self, report: SyncReport) -> None:
        """Turn the HLC back if it is still far ahead after this computer's clock was
        fixed (a mistyped year), before anything is pushed (docs/SYNC.md, section 3)."""
        reset = self.replica.reset_clock_if_far_ahead()
        if reset is None:
            return
        report.clock_reset = True
        report.restamped += reset.changes
        log.warning(
            "this computer's clock had been set %d days ahead: the sync clock was reset; "
            "%d changes stamped again (%d refused ones queued again), %d records restamped",
            reset.ahead_ms // 86_400_000,
            reset.changes,
            reset.requeued,
            reset.rows,
        )

    def _check_mark(self, mark: object) -> None:
        """Stop before pushing when the server's "already applied" mark for this laptop
        is far in the future (an older server counted changes stamped far ahead as
        applied): everything pushed now would be taken for a duplicate and lost."""
        if not self.replica.mark_far_ahead(mark):
            return
        raise SyncError(
            _(
                "The sync server still counts changes this laptop made while its clock "
                "was set far ahead as received, so it would ignore the changes made "
                "since. Nothing was sent: your work is safe on this laptop. Ask your "
                "administrator to update the sync server (or, if it is up to date, to run "
                "“harmony-sync new-epoch”), then sync again."
            ),
            "mark_ahead",
        )

    def _check_skew(self, client: SyncClient) -> bool:
        """Refuse to sync when this computer's clock and the server's differ by more than
        ``max_skew_ms``; True when they were compared (and agree)."""
        seen = client.last_server_time
        if seen is None:
            return False
        # Compare the server's clock with *our* wall clock (the one our HLC uses).
        here = self.wall()
        offset = here - seen.server_ms - seen.round_trip_ms // 2
        # kept, agreed or not: the register's warning of a clock ahead (ClockCheck.ahead)
        self.store.settings.set(
            settings.SYNC_CLOCK_SEEN, {"server_ms": here - offset, "here_ms": here}
        )
        if abs(offset) <= self.max_skew_ms:
            return True
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
        replica = self.replica
        total = replica.pending()
        done = 0
        size = PUSH_BATCH
        notify("push", 0, total)
        while True:
            batch = replica.next_batch(size)
            if not batch:
                return
            try:
                response = client.push(epoch, [change.mutation() for change in batch])
            except SyncError as err:
                if err.code != "request_too_large" or size == 1:
                    raise
                size = max(1, size // 4)  # very long notes: send fewer at a time
                continue
            tally = replica.acknowledge(batch, response)
            report.pushed += tally.applied
            report.duplicates += tally.duplicates
            report.rejected += tally.rejected
            report.conflicts += tally.conflicts
            done += len(batch)
            notify("push", done, max(total, done))

    def _send_resolutions(self, client: SyncClient, epoch: str) -> None:
        replica = self.replica
        waiting = replica.resolutions_waiting()
        if not waiting:
            return
        client.resolve(epoch, waiting)
        replica.resolutions_sent(waiting)

    # -- pull ----------------------------------------------------------------------

    def _pull_all(
        self, client: SyncClient, epoch: str, report: SyncReport, notify: ProgressCallback
    ) -> None:
        """Pull until done. A helper thread fetches the next pages while this one applies.

        Up to ``PREFETCH_PAGES`` pages are applied together with the cursor of the last
        one in one transaction (a page and its cursor always commit together): the
        applier waits for that many unless the pull is complete, so a large first sync
        pays for few commits while the next pages download.

        Python's cyclic garbage collector is paused meanwhile: pulled rows are plain
        dicts, lists and text without reference cycles, and a first sync's 150 pages
        set it off again and again, each time walking every row decoded so far.
        """
        with collector_paused():
            self._pull_pages(client, epoch, report, notify)

    def _pull_pages(
        self, client: SyncClient, epoch: str, report: SyncReport, notify: ProgressCallback
    ) -> None:
        start = self.store.settings.get(settings.SYNC_CURSOR)
        # After a restore from a backup, ask for this device's own changes too.
        own_rows = self.store.settings.get(settings.SYNC_PULL_OWN)
        notify("pull", 0, 0)
        pages: queue.Queue[dict[str, Any] | BaseException] = queue.Queue(maxsize=PREFETCH_PAGES)
        stop = threading.Event()

        def fetch() -> None:
            cursor = start
            try:
                while not stop.is_set():
                    page = client.pull(epoch, cursor, PULL_PAGE, own_rows=own_rows)
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
                ready: list[dict[str, Any]] = []
                failure: BaseException | None = None
                while len(ready) < PREFETCH_PAGES:
                    item = pages.get()
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
            if own_rows:
                self.store.settings.set(settings.SYNC_PULL_OWN, False)
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
        try:
            return self.replica.apply_page(
                rows, conflicts, cursor, before_cursor=self.before_cursor_saved
            )
        except PulledClockAhead as err:
            raise ClockSkew(
                _(
                    "The server sent changes stamped {minutes:.0f} minutes ahead of "
                    "this computer's clock, so this computer's clock is probably "
                    "behind. Nothing was changed. Fix the date, time and time zone in "
                    "this computer's settings, then sync again."
                ).format(minutes=err.ahead_ms / 60000),
                "clock_skew",
            ) from err
