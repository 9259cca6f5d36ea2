"""What each laptop reports when it syncs, and the history of its syncs.

Laptops send two optional headers with every ``/v1`` request (PROTOCOL.md, section 2):
``Harmony-Outbox-Size`` (changes waiting on the laptop) and ``Harmony-App-Version``.
:class:`ContactMiddleware` hands them, with the device's protocol and schema versions,
the time and the outcome, to a :class:`ContactRecorder`, which writes them behind the
sync's back. A sync is the run of requests from one ``/v1/session`` to the pull page
with nothing more to send; it succeeds there.

A failure to record is logged and never fails or slows the sync itself.
"""

from __future__ import annotations

import atexit
import json
import logging
import queue
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmony_sync.server.accounts import DEVICES, as_utc, secret_hash
from harmony_sync.server.admin.i18n import N_
from harmony_sync.server.admin.models import DeviceContact, DeviceSync

log = logging.getLogger("harmony_sync.server.console")

CONTACTS = DeviceContact.__table__  # type: ignore[attr-defined]
SYNCS = DeviceSync.__table__  # type: ignore[attr-defined]

OUTBOX_HEADER = "Harmony-Outbox-Size"
APP_VERSION_HEADER = "Harmony-App-Version"
#: A sync with no request for this long is over; the next request starts another.
SYNC_GAP = timedelta(minutes=30)
#: History entries kept per device (runs of syncs with nothing to do count once).
HISTORY_KEPT = 500
#: Errors that are a normal step of a sync (the client re-bases or splits its push).
ROUTINE_ERRORS = frozenset({"epoch_changed", "request_too_large"})
#: The server's error codes (PROTOCOL.md) as the office reads them in a sync's history,
#: translated where shown. The first ones are refusals: the server answered and said no
#: (someone has to act); the rest are failures of the server or the network.
REFUSED_ERRORS = {
    "clock_skew": N_("its clock is wrong"),
    "version_mismatch": N_("its app and the server are of different versions"),
    "version_missing": N_("its app did not say which version it is"),
    "missing_token": N_("it is not enrolled"),
    "invalid_token": N_("the server does not know its token: enroll it again"),
    "device_revoked": N_("it is revoked"),
    "out_of_scope": N_("it asked for a hub it is not enrolled for"),
    "bad_request": N_("the server could not read its request"),
    "not_found": N_("it asked the server for a page that does not exist"),
    "method_not_allowed": N_("it asked the server for a page that does not exist"),
}
FAILED_ERRORS = {
    "storage_unavailable": N_("the server's database was unavailable"),
    "internal_error": N_("the server failed unexpectedly"),
    "http_error": N_("the server answered with an error"),
}


def outcome_of(outcome: str, error: str | None) -> str:
    """A sync's outcome as shown: a known refusal is "refused" even where it was stored as
    "failed" (a 422 or 400 refusal before this was told apart)."""
    if error in REFUSED_ERRORS:
        return "refused"
    return outcome


def error_words(error: str | None) -> str | None:
    """A stored error code in words (English, marked for translation), or None when the
    code is not one the console knows (it is then shown as it is)."""
    if error is None:
        return None
    return REFUSED_ERRORS.get(error) or FAILED_ERRORS.get(error)


#: Largest outbox size taken from a header (anything larger is ignored as nonsense).
MAX_REPORTED = 10**9


@dataclass
class Contact:
    """One request of a device, as the console keeps it."""

    device_key: int
    path: str
    status: int
    error: str | None = None
    outbox_size: int | None = None
    app_version: str | None = None
    protocol_version: int | None = None
    schema_version: int | None = None
    applied: int = 0
    rejected: int = 0
    conflicts: int = 0
    pulled: int = 0
    complete: bool = False


def _small_int(raw: bytes | None, limit: int) -> int | None:
    if raw is None:
        return None
    text = raw.decode("latin-1").strip()
    if not text.isdigit() or len(text) > 12:
        return None
    value = int(text)
    return value if value <= limit else None


def _version_text(raw: bytes | None) -> str | None:
    if raw is None:
        return None
    text = raw.decode("latin-1").strip()
    if not text or len(text) > 64 or not all(32 <= ord(ch) < 127 for ch in text):
        return None
    return text


def read_headers(headers: dict[bytes, bytes]) -> dict[str, Any]:
    """The reported facts among a request's headers; malformed values are ignored."""
    return {
        "outbox_size": _small_int(headers.get(OUTBOX_HEADER.lower().encode()), MAX_REPORTED),
        "app_version": _version_text(headers.get(APP_VERSION_HEADER.lower().encode())),
        "protocol_version": _small_int(headers.get(b"harmony-protocol-version"), 10**6),
        "schema_version": _small_int(headers.get(b"harmony-schema-version"), 10**6),
    }


def _latest(conn: Connection, device_key: int) -> Any:
    return conn.execute(
        select(SYNCS).where(SYNCS.c.device_key == device_key).order_by(SYNCS.c.id.desc()).limit(1)
    ).first()


def _is_idle(row: Any) -> bool:
    return bool(
        row.outcome == "ok" and not (row.pushed or row.rejected or row.conflicts or row.pulled)
    )


def record(conn: Connection, c: Contact, now: datetime) -> None:
    """Store one contact: the device's latest report, and its sync history."""
    failed = c.error is not None and c.error not in ROUTINE_ERRORS
    _update_contact(conn, c, now, failed)
    latest = _latest(conn, c.device_key)
    current = None
    if (
        latest is not None
        and latest.outcome == "syncing"
        and now - as_utc(latest.finished_at) < SYNC_GAP
    ):
        current = latest
    starting = c.path == "/v1/session" and c.status < 400
    if current is not None and starting:
        # The previous sync never reached its last pull page.
        conn.execute(update(SYNCS).where(SYNCS.c.id == current.id).values(outcome="stopped"))
        current = None
    if failed and current is None and latest is not None and latest.error == c.error:
        # A laptop retrying after a refusal: one entry, counted, not one per attempt.
        conn.execute(
            update(SYNCS)
            .where(SYNCS.c.id == latest.id)
            .values(finished_at=now, syncs=latest.syncs + 1)
        )
        return
    values: dict[str, Any] = {"finished_at": now}
    if c.outbox_size is not None:
        values["outbox_size"] = c.outbox_size
    if c.app_version is not None:
        values["app_version"] = c.app_version
    if failed:
        values["outcome"] = "refused" if 400 <= c.status < 500 else "failed"
        values["error"] = c.error
    elif c.complete:
        values["outcome"] = "ok"
    if current is None:
        values.setdefault("outcome", "syncing")
        key = conn.execute(
            insert(SYNCS)
            .values(
                device_key=c.device_key,
                started_at=now,
                pushed=c.applied,
                rejected=c.rejected,
                conflicts=c.conflicts,
                pulled=c.pulled,
                **values,
            )
            .returning(SYNCS.c.id)
        ).scalar_one()
        _prune(conn, c.device_key)
    else:
        key = current.id
        values.update(
            pushed=current.pushed + c.applied,
            rejected=current.rejected + c.rejected,
            conflicts=current.conflicts + c.conflicts,
            pulled=current.pulled + c.pulled,
        )
        conn.execute(update(SYNCS).where(SYNCS.c.id == key).values(**values))
    if values.get("outcome") == "ok":
        _fold_idle(conn, c.device_key, key)


def _update_contact(conn: Connection, c: Contact, now: datetime, failed: bool) -> None:
    values: dict[str, Any] = {"last_contact_at": now}
    for name in ("outbox_size", "app_version", "protocol_version", "schema_version"):
        if getattr(c, name) is not None:
            values[name] = getattr(c, name)
    if failed:
        values["last_error"] = c.error
    elif c.complete:
        values["last_error"] = None
        values["last_success_at"] = now
    done = conn.execute(
        update(CONTACTS).where(CONTACTS.c.device_key == c.device_key).values(**values)
    )
    if done.rowcount == 0:
        conn.execute(insert(CONTACTS).values(device_key=c.device_key, **values))


def _fold_idle(conn: Connection, device_key: int, key: int) -> None:
    """Fold a sync that sent and received nothing into the idle run just before it."""
    two = conn.execute(
        select(SYNCS).where(SYNCS.c.device_key == device_key).order_by(SYNCS.c.id.desc()).limit(2)
    ).all()
    if len(two) < 2 or two[0].id != key or not (_is_idle(two[0]) and _is_idle(two[1])):
        return
    newest, previous = two
    conn.execute(
        update(SYNCS)
        .where(SYNCS.c.id == previous.id)
        .values(
            finished_at=newest.finished_at,
            syncs=previous.syncs + newest.syncs,
            outbox_size=newest.outbox_size,
            app_version=newest.app_version,
        )
    )
    conn.execute(delete(SYNCS).where(SYNCS.c.id == newest.id))


def _prune(conn: Connection, device_key: int) -> None:
    cutoff = conn.execute(
        select(SYNCS.c.id)
        .where(SYNCS.c.device_key == device_key)
        .order_by(SYNCS.c.id.desc())
        .offset(HISTORY_KEPT)
        .limit(1)
    ).scalar()
    if cutoff is not None:
        conn.execute(delete(SYNCS).where(SYNCS.c.device_key == device_key, SYNCS.c.id <= cutoff))


def history(engine: Engine, device_key: int, limit: int = 100) -> list[dict[str, Any]]:
    """A device's syncs, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(SYNCS)
            .where(SYNCS.c.device_key == device_key)
            .order_by(SYNCS.c.id.desc())
            .limit(limit)
        ).all()
    return [
        {
            "started_at": as_utc(r.started_at),
            "finished_at": as_utc(r.finished_at),
            "outcome": outcome_of(r.outcome, r.error),
            "error": r.error,
            "error_words": error_words(r.error),
            "syncs": r.syncs,
            "pushed": r.pushed,
            "rejected": r.rejected,
            "conflicts": r.conflicts,
            "pulled": r.pulled,
            "outbox_size": r.outbox_size,
            "app_version": r.app_version,
        }
        for r in rows
    ]


def _device_of_token(engine: Engine, headers: dict[bytes, bytes]) -> int | None:
    """The device a refused request's bearer token belongs to (revoked ones included)."""
    raw = headers.get(b"authorization", b"").decode("latin-1")
    if raw[:7].lower() != "bearer " or len(raw) > 200:
        return None
    with engine.connect() as conn:
        key = conn.execute(
            select(DEVICES.c.key).where(DEVICES.c.token_hash == secret_hash(raw[7:].strip()))
        ).scalar()
    return int(key) if key is not None else None


class ContactRecorder:
    """Writes contacts from one background thread, in the order requests were answered.

    Recording never delays or blocks a sync: the request only queues a few numbers. One
    thread per engine takes the queue in order (a device's requests are sequential, so
    its history is built in order) and writes whatever has queued in one transaction.
    The thread stops after a few idle seconds and starts again with the next contact.
    """

    IDLE_SECONDS = 5.0
    BATCH = 200

    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.clock = clock
        self._queue: queue.Queue[
            tuple[str, int, str | None, dict[str, Any], dict[bytes, bytes], datetime]
        ] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        _recorders.add(self)

    def submit(
        self,
        path: str,
        status: int,
        error: str | None,
        state: dict[str, Any],
        headers: dict[bytes, bytes],
    ) -> None:
        """Queue one answered request (cheap: no database work here)."""
        facts: dict[str, Any] = {
            k: state[k] for k in ("device_key", "sync_push", "sync_pull") if k in state
        }
        self._queue.put((path, status, error, facts, headers, self.clock()))
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="console-contacts", daemon=True
                )
                self._thread.start()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written; False on timeout."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=self.IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            batch = [first]
            while len(batch) < self.BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._write(batch)
            except SQLAlchemyError as err:
                log.warning(
                    "device contacts not recorded",
                    extra={"event": "contact_not_recorded", "kind": type(err).__name__},
                )
            finally:
                for _ in batch:
                    self._queue.task_done()

    def _write(
        self,
        batch: list[tuple[str, int, str | None, dict[str, Any], dict[bytes, bytes], datetime]],
    ) -> None:
        contacts: list[tuple[Contact, datetime]] = []
        for path, status, error, facts, headers, at in batch:
            key = facts.get("device_key")
            if key is None and status >= 400:
                key = _device_of_token(self.engine, headers)
            if key is None:
                continue
            contact = Contact(int(key), path, status, error, **read_headers(headers))
            if status < 400:
                contact.applied, contact.rejected, contact.conflicts = facts.get(
                    "sync_push", (0, 0, 0)
                )
                contact.pulled, contact.complete = facts.get("sync_pull", (0, False))
            contacts.append((contact, at))
        if contacts:
            with self.engine.begin() as conn:
                for contact, at in contacts:
                    record(conn, contact, at)


_recorders: weakref.WeakSet[ContactRecorder] = weakref.WeakSet()


@atexit.register
def _flush_all() -> None:
    """On a clean shutdown, write what is still queued."""
    for recorder in list(_recorders):
        recorder.flush(5.0)


class ContactMiddleware:
    """Pure ASGI middleware: queues each device request of ``/v1`` (not enrollment).

    Push and pull handlers leave their counts in ``request.state`` (``sync_push``:
    applied, rejected, conflicts; ``sync_pull``: rows, complete). Error bodies are read
    for their code; nothing else of a body is looked at.
    """

    def __init__(self, app: ASGIApp, recorder: ContactRecorder) -> None:
        self.app = app
        self.recorder = recorder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/v1/") or path == "/v1/enroll":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        headers = dict(scope.get("headers") or [])
        held: list[Message] = []
        body = bytearray()

        async def send_recorded(message: Message) -> None:
            if message["type"] == "http.response.start":
                if message["status"] < 400:
                    self.recorder.submit(path, message["status"], None, state, headers)
                    await send(message)
                else:
                    held.append(message)  # sent with the body, once the code is known
                return
            if message["type"] == "http.response.body" and held:
                body.extend(message.get("body", b""))  # error bodies are a few hundred bytes
                if message.get("more_body"):
                    return
                status = held[0]["status"]
                self.recorder.submit(path, status, _error_code(body), state, headers)
                await send(held.pop())
                await send({"type": "http.response.body", "body": bytes(body)})
                return
            await send(message)

        await self.app(scope, receive, send_recorded)


def _error_code(body: bytes | bytearray) -> str:
    try:
        code = json.loads(bytes(body))["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return "http_error"
    return str(code)[:64] if isinstance(code, str) else "http_error"
