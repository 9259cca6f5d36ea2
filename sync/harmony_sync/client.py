"""HTTP client of the sync protocol (``sync/PROTOCOL.md``), built on ``requests``.

It knows the wire, not the desktop: no import of ``harmony_desktop`` here. Every call
carries the protocol and schema versions and the device token, and every failure is
turned into one :class:`SyncError` subclass whose message says what to do.

Tests inject faults through the ``session`` argument (a ``requests.Session`` with a
fault-injecting adapter mounted), so the real server is never mocked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from harmony_sync.hlc import wall_clock_ms
from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION

if TYPE_CHECKING:
    import requests

PROTOCOL_HEADER = "Harmony-Protocol-Version"
SCHEMA_HEADER = "Harmony-Schema-Version"
#: Optional: changes waiting in the laptop's outbox, and its app version (for the console).
OUTBOX_HEADER = "Harmony-Outbox-Size"
APP_VERSION_HEADER = "Harmony-App-Version"
#: This computer's wall clock (Unix milliseconds) as the request is sent: the server
#: checks it, not the clocks of the changes, which may come from a time the clock was wrong.
DEVICE_TIME_HEADER = "Harmony-Device-Time"
#: Connect and read timeouts (seconds). A first sync page of 1,000 rows is well under this.
DEFAULT_TIMEOUT = (5.0, 120.0)


class SyncError(Exception):
    """A sync failed; ``str(error)`` says what happened and what to do.

    ``code`` is the machine-readable reason (the server's error code when it sent one);
    ``retryable`` is True when trying again later may succeed without anyone acting.
    """

    retryable = False

    def __init__(self, message: str, code: str = "sync_error", **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class ServerUnreachable(SyncError):
    """The server could not be reached or did not answer (network, DNS, timeout, 5xx)."""

    retryable = True


class NotEnrolled(SyncError):
    """This laptop has no device token yet."""


class TokenRejected(SyncError):
    """The server refused the device token (revoked or unknown): enroll again."""


class EnrollmentRefused(SyncError):
    """The enrollment code was refused (mistyped, used, expired)."""


class VersionMismatch(SyncError):
    """Protocol or schema versions differ; ``update`` is ``"desktop"`` or ``"server"``."""

    def __init__(self, message: str, code: str = "version_mismatch", **details: Any) -> None:
        super().__init__(message, code, **details)
        self.update = str(details.get("update") or "desktop")


class EpochChanged(SyncError):
    """The server was restored from a backup: the device must re-base."""

    def __init__(self, message: str, code: str = "epoch_changed", **details: Any) -> None:
        super().__init__(message, code, **details)
        self.epoch = str(details.get("epoch") or "")


class ClockSkew(SyncError):
    """This computer's clock and the server's disagree by more than allowed."""


class ProtocolError(SyncError):
    """The server answered something this client does not understand."""


@dataclass
class ServerTime:
    """The server's wall clock as seen in the last response, and our clock then."""

    server_ms: int
    local_ms: int
    round_trip_ms: int

    @property
    def offset_ms(self) -> int:
        """How far this computer's clock is ahead of the server's (negative: behind)."""
        return self.local_ms - (self.server_ms + self.round_trip_ms // 2)


class SyncClient:
    """Calls the sync server's endpoints for one device.

    ``base_url`` is the server address (``https://sync.example.org``); ``token`` the
    device token from :meth:`enroll` (None before enrollment). ``outbox_size`` returns
    how many changes wait to be sent and ``app_version`` names the app: both go to the
    server with every request, so its console can tell who is falling behind. ``wall``
    is this computer's wall clock in milliseconds (tests skew it), sent with every
    request for the server's clock check.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        app_version: str | None = None,
        outbox_size: Callable[[], int] | None = None,
        wall: Callable[[], int] = wall_clock_ms,
    ) -> None:
        self.base_url = normalize_server_url(base_url)
        self.wall = wall
        self.app_version = app_version
        self.outbox_size = outbox_size
        self.token = token
        # Imported here: the desktop app loads this module at start-up, requests (a
        # fifth of a second) only once something syncs.
        import requests

        self.http = session or requests.Session()
        self.timeout = timeout
        #: the server's clock as seen in the last successful response
        self.last_server_time: ServerTime | None = None

    # -- endpoints -----------------------------------------------------------------

    def enroll(self, code: str, device_id: str, device_name: str = "") -> dict[str, Any]:
        """Exchange a one-time code for a device token (also stored on this client)."""
        body = self._call(
            "POST",
            "/v1/enroll",
            {"code": code.strip(), "device_id": device_id, "device_name": device_name[:200]},
            auth=False,
        )
        self.token = str(body["device_token"])
        return body

    def session_info(self) -> dict[str, Any]:
        """Who the token belongs to, its hubs, the epoch and the server's time."""
        return self._call("GET", "/v1/session", None)

    def push(self, epoch: str | None, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        """Send a batch of mutations; the server applies each exactly once, in order."""
        return self._call("POST", "/v1/push", {"epoch": epoch, "mutations": mutations})

    def pull(
        self,
        epoch: str | None,
        cursor: int,
        limit: int = 1000,
        *,
        own_rows: bool = False,
        compact_clocks: bool = True,
    ) -> dict[str, Any]:
        """One page of rows changed after ``cursor`` (``own_rows``: including those whose
        current state this device pushed, which it normally has already).

        ``compact_clocks``: ask for a row whose fields share one clock as
        ``{"*": clock}``; a server that does not know the field sends every field's
        clock, so the page may hold either form (the replica expands it)."""
        body: dict[str, Any] = {"epoch": epoch, "cursor": cursor, "limit": limit}
        if compact_clocks:
            body["clocks"] = "compact"
        if own_rows:
            body["own_rows"] = True
        return self._call("POST", "/v1/pull", body)

    def resolve(self, epoch: str | None, conflict_ids: list[int]) -> dict[str, Any]:
        """Mark server conflicts as reviewed."""
        return self._call(
            "POST", "/v1/conflicts/resolve", {"epoch": epoch, "conflict_ids": conflict_ids}
        )

    # -- plumbing ------------------------------------------------------------------

    def _headers(self, auth: bool) -> dict[str, str]:
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: str(SCHEMA_VERSION),
            "Accept": "application/json",
            DEVICE_TIME_HEADER: str(self.wall()),
        }
        if self.app_version:
            headers[APP_VERSION_HEADER] = self.app_version[:64]
        if self.outbox_size is not None:
            headers[OUTBOX_HEADER] = str(max(0, int(self.outbox_size())))
        if auth:
            if not self.token:
                raise NotEnrolled(
                    "This laptop is not enrolled with a sync server yet. Enroll it with the "
                    "server address and the one-time code from your administrator.",
                    "not_enrolled",
                )
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _call(
        self, method: str, path: str, body: dict[str, Any] | None, *, auth: bool = True
    ) -> dict[str, Any]:
        import requests

        headers = self._headers(auth)
        started = time.time_ns() // 1_000_000
        try:
            response = self.http.request(
                method, self.base_url + path, json=body, headers=headers, timeout=self.timeout
            )
        except requests.exceptions.SSLError as err:
            raise ServerUnreachable(
                f"The secure connection to {self.base_url} failed ({type(err).__name__}). "
                "Check the server address (https://…) and the computer's date and time.",
                "unreachable",
            ) from err
        except requests.RequestException as err:
            raise ServerUnreachable(
                f"The sync server at {self.base_url} cannot be reached right now "
                f"({type(err).__name__}). Your work is safe on this laptop; it will sync "
                "when the connection returns.",
                "unreachable",
            ) from err
        finished = time.time_ns() // 1_000_000
        payload = _json(response)
        if response.status_code >= 400:
            raise _error_for(response.status_code, payload, self.base_url)
        if not isinstance(payload, dict):
            raise ProtocolError(
                f"The server at {self.base_url} sent an answer this app does not understand "
                f"(HTTP {response.status_code}). Check the server address.",
                "bad_response",
            )
        server_ms = payload.get("server_time_ms")
        if isinstance(server_ms, int):
            self.last_server_time = ServerTime(server_ms, finished, finished - started)
        return payload


def normalize_server_url(url: str) -> str:
    """``example.org:8765/`` → ``https://example.org:8765`` (http kept for loopback)."""
    url = url.strip().rstrip("/")
    if not url:
        raise ValueError("The server address is empty.")
    if "://" not in url:
        local = url.startswith(("127.", "localhost", "[::1]"))
        url = ("http://" if local else "https://") + url
    return url


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _error_for(status: int, payload: Any, base_url: str) -> SyncError:
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict):
        if status >= 500 or status in (502, 503, 504):
            return ServerUnreachable(
                f"The sync server at {base_url} is not answering properly (HTTP {status}). "
                "Your work is safe on this laptop; try again in a few minutes.",
                "server_error",
            )
        return ProtocolError(
            f"The server at {base_url} answered HTTP {status}, which this app does not "
            "understand. Check the server address.",
            "bad_response",
        )
    code = str(error.get("code") or "error")
    message = str(error.get("message") or f"HTTP {status}")
    details = {k: v for k, v in error.items() if k not in ("code", "message")}
    if code == "version_mismatch":
        return VersionMismatch(message, code, **details)
    if code == "epoch_changed":
        return EpochChanged(message, code, **details)
    if code == "clock_skew":
        return ClockSkew(message, code, **details)
    if status == 401:
        return TokenRejected(message, code, **details)
    if code in ("invalid_enrollment_code", "enrollment_code_expired", "device_id_in_use"):
        return EnrollmentRefused(message, code, **details)
    if status >= 500:
        return ServerUnreachable(message, code, **details)
    return SyncError(message, code, **details)
