"""The FastAPI application: endpoints, version and token checks, error shapes, logs."""

from __future__ import annotations

import logging
import os
import time
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmony_sync.hlc import wall_clock_ms
from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from harmony_sync.server import accounts, db, logs, store
from harmony_sync.server.accounts import DeviceContext
from harmony_sync.server.admin.settings import ConsoleSettings
from harmony_sync.server.admin.web import install_console
from harmony_sync.server.errors import ApiError
from harmony_sync.server.schemas import (
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ResolveRequest,
    ResolveResponse,
    SessionResponse,
)

log = logging.getLogger("harmony_sync.server")

PROTOCOL_HEADER = "Harmony-Protocol-Version"
SCHEMA_HEADER = "Harmony-Schema-Version"
EPOCH_HEADER = "Harmony-Epoch"
#: Largest request body accepted (a full push of ordinary rows is far below it).
MAX_BODY_BYTES = 32 * 2**20
TIME_HEADER = "Harmony-Server-Time"
#: Optional: the device's wall clock (Unix milliseconds) as it sent the request.
DEVICE_TIME_HEADER = "Harmony-Device-Time"

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 422, 503)
}


def _millis(header: str | None) -> int | None:
    """An optional Unix-milliseconds header; None when absent or malformed (ignored)."""
    if header is None or not (header.isascii() and header.isdigit()) or len(header) > 15:
        return None
    return int(header)


def _links(**links: tuple[str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI links of a 200 answer: which request a client sends next with what it got
    (they document the sync flow, and let the fuzz tests chain requests)."""
    return {
        200: {
            "links": {
                name: {"operationId": operation, "requestBody": body}
                for name, (operation, body) in links.items()
            }
        }
    }


_EPOCH = "$response.body#/epoch"


def _server_time() -> dict[str, Any]:
    now_ms = wall_clock_ms()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now_ms / 1000))
    return {"server_time": f"{stamp}.{now_ms % 1000:03d}Z", "server_time_ms": now_ms}


def _reply(request: Request, body: dict[str, Any]) -> dict[str, Any]:
    """A success body with the server time; remembers the epoch for the response header."""
    request.state.epoch = body["epoch"]
    return {**body, **_server_time()}


def _version(value: str | None, name: str, ours: int, what: str) -> None:
    if value is None:
        raise ApiError(
            400,
            "version_missing",
            f"The {name} header is missing. Every request must carry {PROTOCOL_HEADER} and "
            f"{SCHEMA_HEADER}; this server speaks protocol {PROTOCOL_VERSION}, schema "
            f"{SCHEMA_VERSION}.",
        )
    try:
        theirs = int(value.strip())
    except ValueError:
        raise ApiError(
            400, "version_missing", f"The {name} header must be a whole number."
        ) from None
    if theirs < ours:
        raise ApiError(
            409,
            "version_mismatch",
            f"This desktop app uses {what} version {theirs} but the server needs {ours}. "
            "Update the Harmony desktop app, then sync again.",
            update="desktop",
            server_version=ours,
            client_version=theirs,
        )
    if theirs > ours:
        raise ApiError(
            409,
            "version_mismatch",
            f"This desktop app uses {what} version {theirs} but the server only knows {ours}. "
            "Ask your administrator to update the sync server (harmony-sync), then sync again.",
            update="server",
            server_version=ours,
            client_version=theirs,
        )


def check_versions(
    protocol: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
    schema: Annotated[str | None, Header(alias=SCHEMA_HEADER)] = None,
) -> None:
    """Refuse a request whose protocol or schema version differs from the server's."""
    _version(protocol, PROTOCOL_HEADER, PROTOCOL_VERSION, "protocol")
    _version(schema, SCHEMA_HEADER, SCHEMA_VERSION, "data schema")


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if authorization and authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return None


def current_device(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
) -> DeviceContext:
    """The device whose bearer token authorizes this request (401 otherwise).

    :class:`RequestLogMiddleware` has already checked the token before the body was
    read; this dependency picks that device up (and declares the header in OpenAPI).
    """
    device = getattr(request.state, "device", None)
    if not isinstance(device, DeviceContext):
        device = accounts.authenticate(request.app.state.engine, bearer_token(authorization))
    request.state.device_key = device.key
    return device


AuthorizedDevice = Annotated[DeviceContext, Depends(current_device)]


def create_app(engine: Engine | None = None, console: ConsoleSettings | None = None) -> FastAPI:
    """Build the application serving ``engine``'s database, and the programme office's
    console at /admin (``console`` defaults to the settings in the environment).

    Without an engine this is the factory any ASGI server or process manager can start
    (``uvicorn --factory harmony_sync.server.app:create_app``, one call per worker
    process): the configuration comes from the environment (``HARMONY_SYNC_DATABASE_URL``,
    ``HARMONY_SYNC_POOL_SIZE``, ``HARMONY_SYNC_LOG_LEVEL``), logs are JSON lines, and the
    schema is brought up to date (at once when it already is; one process at a time
    otherwise).
    """
    if engine is None:
        logs.configure(os.environ.get(logs.LOG_LEVEL_ENV, "info"))
        engine = db.engine_from_environment()
    app = FastAPI(
        title="Harmony sync server",
        version=f"protocol {PROTOCOL_VERSION}, schema {SCHEMA_VERSION}",
        description="See sync/PROTOCOL.md for the full protocol.",
    )
    app.state.engine = engine

    api = APIRouter(prefix="/v1", dependencies=[Depends(check_versions)], responses=_ERRORS)

    @api.post("/enroll", response_model=EnrollResponse, operation_id="enroll")
    def enroll(body: EnrollRequest, request: Request) -> dict[str, Any]:
        """Exchange a one-time enrollment code for this device's token (shown once)."""
        result = accounts.enroll(engine, body.code, body.device_id, body.device_name)
        log.info("device enrolled", extra={"event": "enroll", "device": result["device_key"]})
        return _reply(request, result)

    @api.get(
        "/session",
        response_model=SessionResponse,
        operation_id="session",
        responses=_links(PushWithEpoch=("push", {"epoch": _EPOCH})),
    )
    def session(device: AuthorizedDevice, request: Request) -> dict[str, Any]:
        """Who this token belongs to, its hubs, and the server's epoch and time."""
        return _reply(request, accounts.session_info(engine, device))

    @api.post(
        "/push",
        response_model=PushResponse,
        operation_id="push",
        responses=_links(
            ResolveTheConflicts=(
                "resolve",
                {"epoch": _EPOCH, "conflict_ids": ["$response.body#/conflicts/0/id"]},
            ),
            PullFromTheStart=("pull", {"epoch": _EPOCH, "cursor": 0}),
        ),
    )
    def push(
        body: PushRequest,
        device: AuthorizedDevice,
        request: Request,
        device_time: Annotated[str | None, Header(alias=DEVICE_TIME_HEADER)] = None,
    ) -> dict[str, Any]:
        """Apply a batch of mutations exactly once, in order (PROTOCOL.md, "Push")."""
        outcome = store.push(
            engine, device, body.epoch, body.mutations, device_time_ms=_millis(device_time)
        )
        request.state.sync_push = (  # for the console's sync history
            outcome.count("applied"),
            outcome.count("rejected"),
            len(outcome.conflicts),
        )
        log.info(
            "push",
            extra={
                "event": "push",
                "device": device.key,
                "applied": outcome.count("applied"),
                "duplicates": outcome.count("duplicate"),
                "rejected": outcome.count("rejected"),
                "conflicts": len(outcome.conflicts),
                "last_mutation_id": outcome.last_mutation_id,
            },
        )
        return _reply(
            request,
            {
                "epoch": outcome.epoch,
                "results": outcome.results,
                "last_mutation_id": outcome.last_mutation_id,
                "conflicts": outcome.conflicts,
            },
        )

    @api.post(
        "/pull",
        response_model=PullResponse,
        operation_id="pull",
        responses=_links(
            NextPage=("pull", {"epoch": _EPOCH, "cursor": "$response.body#/cursor"}),
            ResolveTheConflicts=(
                "resolve",
                {"epoch": _EPOCH, "conflict_ids": ["$response.body#/conflicts/0/id"]},
            ),
        ),
    )
    def pull(body: PullRequest, device: AuthorizedDevice, request: Request) -> Response:
        """A page of rows changed after the cursor, in this device's hubs."""
        # The body is written straight from the stored JSON (see ``store.pull_json``): it
        # is a PullResponse, without decoding and validating every row again.
        page = store.pull_json(
            engine,
            device,
            body.epoch,
            body.cursor,
            body.limit,
            own_rows=body.own_rows,
            compact=body.compact_clocks,
            extra=_server_time(),
        )
        request.state.epoch = page.epoch
        request.state.sync_pull = (page.rows, page.last)  # the console's
        return Response(content=page.text, media_type="application/json")

    @api.post(
        "/conflicts/resolve",
        response_model=ResolveResponse,
        operation_id="resolve",
        responses=_links(PullAgain=("pull", {"epoch": _EPOCH, "cursor": 0})),
    )
    def resolve(body: ResolveRequest, device: AuthorizedDevice, request: Request) -> dict[str, Any]:
        """Mark conflicts of this device's hubs as reviewed."""
        result = store.resolve_conflicts(engine, device, body.epoch, body.conflict_ids)
        return _reply(request, result)

    app.include_router(api)

    @app.get("/health")
    def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/ready", responses={503: {"model": ErrorResponse}})
    def ready(request: Request) -> dict[str, Any]:
        """Readiness: the database answers and holds the server's tables."""
        epoch = store.current_epoch(engine)  # fails (503) unless the schema is there
        return _reply(
            request,
            {
                "status": "ready",
                "epoch": epoch,
                "protocol_version": PROTOCOL_VERSION,
                "schema_version": SCHEMA_VERSION,
            },
        )

    # Middleware added last runs first: the console's contact recorder sits outside the
    # request log, so it also sees the requests the log refuses before any body is read
    # (a revoked token, a version mismatch, an oversized upload).
    app.add_middleware(RequestLogMiddleware, engine=engine)
    install_console(app, engine, console)
    _install_error_handlers(app)
    return app


class RequestTooLarge(StarletteHTTPException):
    """The request body grew past :data:`MAX_BODY_BYTES` while it was being read."""

    def __init__(self) -> None:
        super().__init__(413, "request body too large")


def too_large() -> ApiError:
    """413 ``request_too_large``."""
    return ApiError(
        413,
        "request_too_large",
        f"The request body is larger than {MAX_BODY_BYTES // 2**20} MB. "
        "Push fewer mutations at a time.",
    )


def storage_unavailable() -> ApiError:
    """503 ``storage_unavailable``: nothing was changed, retry later."""
    return ApiError(
        503,
        "storage_unavailable",
        "The server's database is unavailable right now; nothing was changed. "
        "Sync again in a few minutes.",
    )


def _limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that counts the body as it streams (chunked or not) and raises
    :class:`RequestTooLarge` as soon as it passes ``limit``: nothing past the limit is
    ever read or buffered."""
    seen = 0

    async def counting() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise RequestTooLarge()
        return message

    return counting


class RequestLogMiddleware:
    """Pure ASGI middleware: checks versions and the device token of ``/v1`` requests
    before any of the body is read, stops reading a body at :data:`MAX_BODY_BYTES`,
    adds the version and time headers, and logs one JSON line per request (method,
    path, status, duration, device number; never bodies or tokens)."""

    def __init__(self, app: ASGIApp, engine: Engine) -> None:
        self.app = app
        self.engine = engine

    async def _epoch(self) -> str | None:
        """The current epoch (for responses whose handler did not read it), or None."""
        try:
            return await anyio.to_thread.run_sync(store.current_epoch, self.engine)
        except SQLAlchemyError:
            return None

    async def _refuse_early(self, scope: Scope, state: dict[str, Any]) -> ApiError | None:
        """The error a request gets before its body is read (PROTOCOL.md: versions, then
        token, then body), or None. A device found by its token is left in ``state``."""
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            return too_large()
        path = str(scope.get("path", ""))
        if not path.startswith("/v1/"):
            return None
        try:
            check_versions(_header(headers, PROTOCOL_HEADER), _header(headers, SCHEMA_HEADER))
            if path != "/v1/enroll":
                token = bearer_token(_header(headers, "authorization"))
                state["device"] = await anyio.to_thread.run_sync(
                    accounts.authenticate, self.engine, token
                )
                state["device_key"] = state["device"].key
        except ApiError as err:
            return err
        except SQLAlchemyError as err:
            log.error(
                "storage error",
                extra={"event": "storage_error", "kind": type(err).__name__, "during": "token"},
            )
            return storage_unavailable()
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        state = scope.setdefault("state", {})  # shared with Request.state downstream

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers[TIME_HEADER] = str(wall_clock_ms())
                headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
                headers[SCHEMA_HEADER] = str(SCHEMA_VERSION)
                epoch = state.get("epoch") or await self._epoch()
                if epoch:
                    headers[EPOCH_HEADER] = epoch
            await send(message)

        try:
            refused = await self._refuse_early(scope, state)
            if refused is not None:
                # The body stays unread; the connection closes after this answer.
                await _error(refused, close=True)(scope, receive, send_with_headers)
                return
            await self.app(scope, _limited(receive, MAX_BODY_BYTES), send_with_headers)
        finally:
            log.info(
                "request",
                extra={
                    "event": "request",
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                    "device": state.get("device_key"),
                },
            )


def _header(headers: dict[bytes, bytes], name: str) -> str | None:
    value = headers.get(name.lower().encode("latin-1"))
    return value.decode("latin-1") if value is not None else None


def _error(err: ApiError, *, close: bool = False) -> JSONResponse:
    """The JSON error response; ``close`` when the request body was left unread."""
    response = JSONResponse(err.body(), status_code=err.status)
    if isinstance(err.details.get("epoch"), str):
        response.headers[EPOCH_HEADER] = err.details["epoch"]
    if close:
        response.headers["Connection"] = "close"
    return response


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, err: ApiError) -> JSONResponse:
        return _error(err)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, err: RequestValidationError) -> JSONResponse:
        problems = []
        for item in err.errors()[:5]:
            where = ".".join(str(p) for p in item.get("loc", ()))
            problems.append(f"{where}: {item.get('msg', 'invalid')}")
        message = "The request is malformed: " + "; ".join(problems) + ". See PROTOCOL.md."
        return _error(ApiError(422, "bad_request", message))

    @app.exception_handler(RequestTooLarge)
    async def request_too_large(_request: Request, _err: RequestTooLarge) -> JSONResponse:
        return _error(too_large(), close=True)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, err: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(err.status_code, "http_error")
        return _error(ApiError(err.status_code, code, str(err.detail)))

    @app.exception_handler(SQLAlchemyError)
    async def storage_error(_request: Request, err: SQLAlchemyError) -> JSONResponse:
        transient = isinstance(err, DBAPIError)
        extra: dict[str, Any] = {
            "event": "storage_error",
            "kind": type(err).__name__,
            "transient": transient,
        }
        if isinstance(err, DBAPIError) and "too many" in str(err.orig).lower():
            # A fixed hint, never the driver's message (it may quote values).
            extra["hint"] = (
                "the database refused a connection (too many clients): workers x pool "
                "size must stay below max_connections"
            )
        elif isinstance(err, SQLAlchemyTimeoutError):
            extra["hint"] = "no free connection in this process's pool: raise --pool-size"
        log.error("storage error", extra=extra)
        return _error(storage_unavailable())

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, err: Exception) -> JSONResponse:
        log.error("unexpected error", extra={"event": "bug", "kind": type(err).__name__})
        return _error(ApiError(500, "internal_error", "The server failed unexpectedly."))
