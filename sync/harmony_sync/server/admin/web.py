"""The console's pages at ``/admin``: FastAPI routes rendering Jinja2 templates.

No JavaScript: every page is plain HTML and every change is a form posted to the
server, which answers with a redirect (or, for an enrollment code, the one page that
shows it). Security, in the order a request meets it:

- a request carrying an ``Authorization`` header (a device token) gets 401: device
  tokens never work here, and the session cookie is scoped to ``/admin`` so browsers
  never send it to ``/v1`` (where it would get 401 anyway);
- without a valid session cookie every page redirects to the sign-in page;
- every form carries the session's CSRF token (the sign-in form: a token matching a
  short-lived cookie) and is refused without it;
- viewers see every page but any change they post is refused (403).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import Engine, select
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmony_sync.server import accounts
from harmony_sync.server.accounts import HUBS, as_utc
from harmony_sync.server.admin import audit, contacts, health, i18n, users
from harmony_sync.server.admin.contacts import ContactMiddleware, ContactRecorder
from harmony_sync.server.admin.i18n import N_, Language
from harmony_sync.server.admin.settings import ConsoleSettings
from harmony_sync.server.admin.users import Identity

HERE = Path(__file__).parent
PREFIX = "/admin"
COOKIE = "harmony_console"
LOGIN_COOKIE = "harmony_console_login"
#: Enrollment code lifetimes offered on the devices page (days).
CODE_DAYS = (1, 3, 7)
SORTS = {
    "hub": N_("Hub"),
    "last_sync": N_("Last sync (oldest first)"),
    "backlog": N_("Changes waiting (most first)"),
    "flagged": N_("Flagged first"),
}
NOTICES = {
    "renamed": N_("Renamed."),
    "revoked": N_("Device revoked: its token no longer works."),
    "dealt": N_(
        "Marked as dealt with: these refused changes no longer flag the laptop. A change "
        "refused later flags it again."
    ),
    "dealt-already": N_(
        "Nothing more to mark: these refused changes were already marked as dealt with "
        "(who and when are beside each)."
    ),
    "created": N_("Hub created."),
    "archived": N_("Hub archived."),
    "restored": N_("Hub restored."),
    "contact-saved": N_("Contact saved."),
    "contact-cleared": N_("Contact cleared."),
    "programme-named": N_("The programme's name is saved: laptops print it from their next sync."),
    "programme-cleared": N_(
        "The programme's name is cleared: each laptop prints its own again from its next sync."
    ),
    "signed-out": N_("You are signed out."),
}
#: Words the console shows from the database, translated where shown (``_(word)``):
#: a sync's outcome and an account's role (the audit log's words are in audit.py).
SHOWN_WORDS = (
    N_("ok"),
    N_("refused"),
    N_("failed"),
    N_("syncing"),
    N_("stopped"),
    *audit.ROLES,
)
#: What the server's checks of a name or a device's hubs say (accounts.py, in English),
#: and the same in the console's words: matched whole, the fields taken from the match.
_ACCOUNT_ERRORS = (
    (r"A device name cannot be empty\.", N_("A device name cannot be empty.")),
    (r"A hub name cannot be empty\.", N_("A hub name cannot be empty.")),
    (
        r"A device name can be at most (?P<max>\d+) characters long\.",
        N_("A device name can be at most %(max)s characters long."),
    ),
    (
        r"A hub name can be at most (?P<max>\d+) characters long\.",
        N_("A hub name can be at most %(max)s characters long."),
    ),
    (
        r"A device name must be plain text on one line\.",
        N_("A device name must be plain text on one line."),
    ),
    (
        r"A hub name must be plain text on one line\.",
        N_("A hub name must be plain text on one line."),
    ),
    (
        r"A hub's contact can be at most (?P<max>\d+) characters long\.",
        N_("A hub's contact can be at most %(max)s characters long."),
    ),
    (
        r"A hub's contact must be plain text on one line\.",
        N_("A hub's contact must be plain text on one line."),
    ),
    (
        r"The programme's name can be at most (?P<max>\d+) characters long\.",
        N_("The programme's name can be at most %(max)s characters long."),
    ),
    (
        r"The programme's name must be plain text on one line\.",
        N_("The programme's name must be plain text on one line."),
    ),
    (
        r"A device needs at least one hub \(or make it a data manager\)\.",
        N_("A device needs at least one hub (or make it a data manager)."),
    ),
    (
        r"Hub (?P<name>'.*'|\".*\") is archived: restore it before adding devices\.",
        N_("Hub %(name)s is archived: restore it before adding devices."),
    ),
)


def explain(err: ValueError, lang: Language) -> str:
    """A name or hub refused by the server's checks, in the viewer's language."""
    text = str(err)
    for pattern, message in _ACCOUNT_ERRORS:
        match = re.fullmatch(pattern, text)
        if match:
            return lang.gettext(message, **match.groupdict())
    return text


class LoginRequired(Exception):
    """No valid session: send the browser to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class DeviceTokenRefused(Exception):
    """A device token (``Authorization`` header) was presented to the console."""


class Refused(Exception):
    """A console request that cannot be served: shown as a page with this status."""

    def __init__(self, status: int, title: str, message: str, **values: Any) -> None:
        super().__init__(message)
        self.status = status
        #: English (marked with ``N_``); shown translated, ``%(name)s`` from ``values``
        self.title = title
        self.message = message
        self.values = values


@dataclass
class Console:
    """What the routes share: the database, the settings and the templates."""

    engine: Engine
    settings: ConsoleSettings
    templates: Jinja2Templates

    def now(self) -> datetime:
        """The console's current time (UTC)."""
        return self.settings.now()

    def audit(
        self,
        me: Identity,
        action: str,
        target: audit.Note | None = None,
        detail: audit.Note | None = None,
    ) -> None:
        """Record a change made by ``me`` (see audit.py for what the fields hold)."""
        audit.record(self.engine, me.name, action, target or "", detail, at=self.now())


def _console(request: Request) -> Console:
    console: Console = request.app.state.console
    return console


def refuse_device_tokens(request: Request) -> None:
    """401 for any request that carries an Authorization header (device tokens)."""
    if "authorization" in request.headers:
        raise DeviceTokenRefused


def signed_in(request: Request) -> Identity:
    """The signed-in user, or a redirect to the sign-in page."""
    console = _console(request)
    me = users.session_identity(console.engine, request.cookies.get(COOKIE), console.now())
    if me is None:
        raise LoginRequired(request.url.path if request.method == "GET" else PREFIX)
    return me


Me = Annotated[Identity, Depends(signed_in)]


def may_change(me: Me, csrf_token: Annotated[str, Form()] = "") -> Identity:
    """A form that changes something: the session's CSRF token, and an admin's role."""
    if not secrets.compare_digest(csrf_token.encode(), me.csrf_token.encode()):
        raise Refused(
            403,
            N_("Form refused"),
            N_(
                "This form did not come from a page of this console, or the page is from an "
                "earlier sign-in. Go back, reload the page and try again."
            ),
        )
    if not me.can_change:
        raise Refused(
            403,
            N_("Viewers cannot change anything"),
            N_(
                "Your account can look at every page but not change anything. Ask an "
                "administrator to make this change."
            ),
        )
    return me


Admin = Annotated[Identity, Depends(may_change)]


def _asked_language(request: Request) -> str | None:
    """The language a "English / Español" link asked for (``?lang=es``), if any."""
    asked = request.query_params.get("lang")
    return asked if asked in i18n.LANGUAGES else None


def language(request: Request) -> Language:
    """The viewer's language: the link's or cookie's choice, else the browser's, else
    English."""
    chosen = _asked_language(request) or request.cookies.get(i18n.COOKIE)
    code = i18n.choose(chosen, request.headers.get("accept-language"))
    return Language(code, _console(request).settings.zone)


def _switch_links(request: Request, me: Identity | None, lang: Language) -> list[dict[str, Any]]:
    """The "English / Español" links: each shows this page (a GET) in its language."""
    if request.method == "GET":
        path, query = (
            request.url.path,
            [(k, v) for k, v in request.query_params.multi_items() if k not in ("lang", "notice")],
        )
    else:  # a form's answer: its page
        path, query = (PREFIX if me else f"{PREFIX}/login"), []
    return [
        {
            "code": code,
            "name": name,
            "current": code == lang.code,
            "href": path + "?" + urlencode([*query, ("lang", code)]),
        }
        for code, name in i18n.LANGUAGES.items()
    ]


def _render(
    request: Request,
    template: str,
    me: Identity | None,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    console = _console(request)
    lang = language(request)
    notice = NOTICES.get(request.query_params.get("notice", ""))
    token = i18n.CURRENT.set(lang)
    try:
        response = console.templates.TemplateResponse(
            request,
            template,
            {
                "me": me,
                "settings": console.settings,
                "notice": lang.gettext(notice) if notice else None,
                "now": console.now(),
                "lang": lang.code,
                "languages": _switch_links(request, me, lang),
                # the programme's name heads every page once signed in
                "programme": accounts.programme_name(console.engine) if me else None,
                **context,
            },
            status_code=status,
        )
    finally:
        i18n.CURRENT.reset(token)
    response.headers["Content-Language"] = lang.code
    if _asked_language(request):  # remembered for the next pages
        response.set_cookie(
            i18n.COOKIE,
            lang.code,
            max_age=365 * 24 * 3600,
            path=PREFIX,
            secure=console.settings.secure_cookies,
            httponly=True,
            samesite="strict",
        )
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


def _see_other(path: str, notice: str | None = None) -> RedirectResponse:
    return RedirectResponse(path + (f"?notice={notice}" if notice else ""), status_code=303)


def _safe_next(target: str) -> str:
    """Only paths inside the console are followed after sign-in."""
    if target.startswith(PREFIX) and not target.startswith("//") and "\\" not in target:
        return target
    return PREFIX


router = APIRouter(
    prefix=PREFIX,
    tags=["console"],
    dependencies=[Depends(refuse_device_tokens)],
    default_response_class=HTMLResponse,
)


# -- sign-in ---------------------------------------------------------------------------


def _login_page(request: Request, status: int = 200, error: str = "", name: str = "") -> Response:
    console = _console(request)
    token = secrets.token_urlsafe(32)
    response = _render(
        request,
        "login.html",
        None,
        status,
        login_token=token,
        error=error,
        name=name,
        next=_safe_next(request.query_params.get("next", PREFIX)),
    )
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=3600,
        path=PREFIX,
        secure=console.settings.secure_cookies,
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("/login", summary="The sign-in page")
def login_page(request: Request) -> Response:
    """The sign-in form."""
    return _login_page(request)


@router.post("/login", summary="Sign in")
def login(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = PREFIX,
) -> Response:
    """Check the name and password; start a session."""
    console = _console(request)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not secrets.compare_digest(csrf_token.encode(), expected.encode()):
        raise Refused(
            403,
            N_("Sign-in form refused"),
            N_(
                "This sign-in form is too old or did not come from this console. Open the "
                "sign-in page again and retry."
            ),
        )
    address = request.client.host if request.client else "unknown"
    now = console.now()
    try:
        result = users.sign_in(
            console.engine, name, password, address, now, console.settings.session_hours
        )
    except users.Throttled as err:
        return _login_page(
            request,
            429,
            language(request).ngettext(
                "Too many failed sign-ins in a row. Wait %(num)d second, then try again.",
                "Too many failed sign-ins in a row. Wait %(num)d seconds, then try again.",
                err.seconds,
            ),
            name,
        )
    if result is None:
        # A name that is no user's may be a password typed in the wrong box: not kept.
        known = users.exists(console.engine, name)
        audit.record(
            console.engine,
            name.strip() if known else audit.UNKNOWN_NAME,
            audit.SIGN_IN_FAILED,
            at=now,
        )
        return _login_page(request, 401, language(request).gettext("Wrong name or password."), name)
    token, me = result
    console.audit(me, audit.SIGNED_IN, detail=audit.role(me.role))
    response = _see_other(_safe_next(next))
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(console.settings.session_hours * 3600),
        path=PREFIX,
        secure=console.settings.secure_cookies,
        httponly=True,
        samesite="strict",
    )
    response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
    return response


@router.post("/logout", summary="Sign out")
def logout(request: Request, me: Me, csrf_token: Annotated[str, Form()] = "") -> Response:
    """End the session (viewers may sign out too)."""
    console = _console(request)
    if not secrets.compare_digest(csrf_token.encode(), me.csrf_token.encode()):
        raise Refused(403, N_("Form refused"), N_("Reload the page and sign out again."))
    users.sign_out(console.engine, request.cookies.get(COOKIE))
    console.audit(me, audit.SIGNED_OUT)
    response = _see_other(f"{PREFIX}/login", "signed-out")
    response.delete_cookie(COOKIE, path=PREFIX)
    return response


# -- sync health -----------------------------------------------------------------------


def _sort_devices(devices: list[health.DeviceHealth], sort: str) -> list[health.DeviceHealth]:
    def by_hub(d: health.DeviceHealth) -> tuple[str, str]:
        return ("~" if d.data_manager else d.hub_names.casefold(), d.name.casefold())

    devices = sorted(devices, key=by_hub)
    if sort == "last_sync":
        far_past = datetime.min.replace(tzinfo=UTC)
        devices.sort(key=lambda d: d.last_success_at or d.enrolled_at or far_past)
    elif sort == "backlog":
        devices.sort(key=lambda d: -(d.outbox_size or 0))
    elif sort == "flagged":
        devices.sort(key=lambda d: not d.flagged)
    return devices


@router.get("", summary="Sync health (the first page)")
def health_page(
    request: Request,
    me: Me,
    hub: str = "",
    sort: str = "hub",
    flagged: str = "",
    archived: str = "",
) -> Response:
    """Every hub and device: last sync, changes waiting, versions, conflicts, flags."""
    console = _console(request)
    report = health.build_report(console.engine, console.settings)
    hubs = [h for h in report.hubs if archived or not h.archived]
    chosen = next((h for h in report.hubs if h.id == hub), None)
    devices = [d for d in report.devices if d.status == health.ENROLLED]
    if chosen is not None:
        hubs = [chosen]
        devices = [d for d in devices if any(h["id"] == chosen.id for h in d.hubs)]
    elif not archived:
        archived_ids = {h.id for h in report.hubs if h.archived}
        devices = [
            d for d in devices if d.data_manager or any(h["id"] not in archived_ids for h in d.hubs)
        ]
    if flagged:
        devices = [d for d in devices if d.flagged]
    sort = sort if sort in SORTS else "hub"
    keep = {"hub": chosen.id if chosen else "", "flagged": flagged, "archived": archived}
    sort_links = {
        key: f"{PREFIX}?" + urlencode({"sort": key, **{k: v for k, v in keep.items() if v}})
        for key in SORTS
    }
    return _render(
        request,
        "health.html",
        me,
        report=report,
        hubs=hubs,
        all_hubs=report.hubs,
        devices=_sort_devices(devices, sort),
        chosen=chosen,
        sort=sort,
        sorts=SORTS,
        sort_links=sort_links,
        flagged=bool(flagged),
        archived=bool(archived),
        refused_days=health.REFUSED_CHANGES_DAYS,
        contacts=accounts.hub_contacts(console.engine),
    )


# -- devices ---------------------------------------------------------------------------


def _device(console: Console, key: int) -> health.DeviceHealth:
    report = health.build_report(console.engine, console.settings)
    found = next((d for d in report.devices if d.key == key), None)
    if found is None:
        raise Refused(404, N_("No such device"), N_("There is no device number %(key)s."), key=key)
    return found


@router.get("/devices", summary="Devices and enrollment codes")
def devices_page(request: Request, me: Me, hub: str = "") -> Response:
    """Every device, and the form that issues an enrollment code."""
    console = _console(request)
    report = health.build_report(console.engine, console.settings)
    devices = report.devices
    if hub:
        devices = [d for d in devices if any(h["id"] == hub for h in d.hubs)]
    return _render(
        request,
        "devices.html",
        me,
        devices=devices,
        hubs=report.hubs,
        hub=hub,
        code_days=CODE_DAYS,
        error="",
        form={},
    )


@router.post("/devices/codes", summary="Issue a one-time enrollment code")
def issue_code(
    request: Request,
    me: Admin,
    name: Annotated[str, Form()] = "",
    hub: Annotated[str, Form()] = "",
    days: Annotated[str, Form()] = "7",
) -> Response:
    """Create a device awaiting enrollment and show its code, this once."""
    console = _console(request)
    data_manager = hub == "data-manager"
    ttl_days = int(days) if days.isdigit() and int(days) in CODE_DAYS else 7
    try:
        key, code = accounts.create_device(
            console.engine,
            name,
            [] if data_manager else [hub] if hub else [],
            data_manager=data_manager,
            ttl=timedelta(days=ttl_days),
        )
    except ValueError as err:
        report = health.build_report(console.engine, console.settings)
        return _render(
            request,
            "devices.html",
            me,
            400,
            devices=report.devices,
            hubs=report.hubs,
            hub="",
            code_days=CODE_DAYS,
            error=explain(err, language(request)),
            form={"name": name, "hub": hub, "days": ttl_days},
        )
    device = _device(console, key)
    console.audit(
        me,
        audit.CODE_ISSUED,
        audit.device(key, device.name),
        audit.code_for(None if device.data_manager else [h["name"] for h in device.hubs], ttl_days),
    )
    return _render(
        request,
        "code.html",
        me,
        device=device,
        code=code,
        days=ttl_days,
        server_url=str(request.base_url).rstrip("/"),
    )


@router.get("/devices/{key}", summary="One device and its sync history")
def device_page(request: Request, me: Me, key: int) -> Response:
    """A device's state, its syncs, and the rename and revoke actions."""
    console = _console(request)
    device = _device(console, key)
    return _render(
        request,
        "device.html",
        me,
        device=device,
        history=contacts.history(console.engine, key),
        refused=health.refused_changes(console.engine, key),
        contacts=accounts.hub_contacts(console.engine),
        error="",
    )


@router.post("/devices/{key}/rename", summary="Rename a device")
def rename_device(
    request: Request, me: Admin, key: int, name: Annotated[str, Form()] = ""
) -> Response:
    """Give a device a name people recognise."""
    console = _console(request)
    device = _device(console, key)
    try:
        old = accounts.rename_device(console.engine, key, name)
    except ValueError as err:
        return _render(
            request,
            "device.html",
            me,
            400,
            device=device,
            history=contacts.history(console.engine, key),
            refused=health.refused_changes(console.engine, key),
            contacts=accounts.hub_contacts(console.engine),
            error=explain(err, language(request)),
        )
    console.audit(
        me, audit.DEVICE_RENAMED, audit.device(key, name.strip()), audit.previous_name(old)
    )
    return _see_other(f"{PREFIX}/devices/{key}", "renamed")


@router.post("/devices/{key}/refusals-dealt", summary="Mark refused changes as dealt with")
def refusals_dealt(
    request: Request, me: Admin, key: int, up_to: Annotated[str, Form()] = ""
) -> Response:
    """Mark the device's refused changes shown (up to refusal ``up_to``, the newest on its
    page) as dealt with: they stop flagging it at once; a later refusal flags it again.
    A form without a sensible ``up_to`` marks nothing."""
    console = _console(request)
    device = _device(console, key)
    newest = int(up_to) if up_to.isdigit() and len(up_to) <= 18 else 0
    count = health.mark_refusals_dealt(console.engine, key, newest, me.name, console.now())
    if not count:  # marked already (another tab, another admin), or nothing to mark
        return _see_other(f"{PREFIX}/devices/{key}", "dealt-already")
    console.audit(me, audit.REFUSALS_DEALT, audit.device(key, device.name), audit.refusals(count))
    return _see_other(f"{PREFIX}/devices/{key}", "dealt")


def unsynced_consequence(
    device: health.DeviceHealth, settings: ConsoleSettings, lang: Language | None = None
) -> str:
    """What revoking ``device`` does to the changes it has not sent yet, in words."""
    lang = lang or Language(i18n.DEFAULT, settings.zone)
    if device.status == health.AWAITING:
        return lang.gettext(
            "It has not been enrolled yet: its enrollment code stops working, and no "
            "data is involved."
        )
    if device.status == health.REVOKED:
        return lang.gettext("It is already revoked.")
    after = lang.gettext(
        "They stay on the laptop, safe, but cannot reach the server while it is revoked. "
        "To get them here, issue a new enrollment code and enroll the laptop again: it "
        "then sends everything it holds. Nothing already on the server is lost."
    )
    if device.last_contact_at is None:
        return (
            lang.gettext("It has never synced, so anything recorded on it is only on the laptop.")
            + " "
            + after
        )
    when = lang.when(device.last_contact_at, device.zone)  # in its hub's zone, named
    if lang.other_zone(device.last_contact_at, device.zone):
        when += " " + lang.zone_name(device.last_contact_at, device.zone)
    if device.outbox_size is None:
        waiting = lang.gettext(
            "At its last contact (%(when)s) it did not report how many changes it held.",
            when=when,
        )
    elif device.outbox_size == 0:
        waiting = lang.gettext(
            "At its last contact (%(when)s) it had no changes waiting; anything recorded "
            "on it since then has not reached the server.",
            when=when,
        )
    else:
        waiting = lang.ngettext(
            "At its last contact (%(when)s) it reported %(num)d change waiting to be sent.",
            "At its last contact (%(when)s) it reported %(num)d changes waiting to be sent.",
            device.outbox_size,
            when=when,
        )
    return waiting + " " + after


@router.get("/devices/{key}/revoke", summary="Confirm revoking a device")
def confirm_revoke(request: Request, me: Me, key: int) -> Response:
    """Say what revoking does to the device's unsynced changes; ask to confirm."""
    console = _console(request)
    device = _device(console, key)
    return _render(
        request,
        "revoke.html",
        me,
        device=device,
        consequence=unsynced_consequence(device, console.settings, language(request)),
    )


@router.post("/devices/{key}/revoke", summary="Revoke a device")
def revoke(request: Request, me: Admin, key: int) -> Response:
    """Revoke the device's token (at once)."""
    console = _console(request)
    device = _device(console, key)
    accounts.revoke_device(console.engine, key)
    console.audit(
        me, audit.DEVICE_REVOKED, audit.device(key, device.name), audit.waiting(device.outbox_size)
    )
    return _see_other(f"{PREFIX}/devices/{key}", "revoked")


# -- hubs ------------------------------------------------------------------------------


def _hub_name(console: Console, hub_id: str) -> str:
    with console.engine.connect() as conn:
        name = conn.execute(select(HUBS.c.name).where(HUBS.c.id == hub_id)).scalar()
    if name is None:
        raise Refused(404, N_("No such hub"), N_("That hub does not exist."))
    return str(name)


def _hubs_page(
    request: Request,
    me: Identity,
    status: int = 200,
    error: str = "",
    tried: dict[str, str] | None = None,
) -> Response:
    """The hubs page; after a refused form, its ``error`` and what was typed (``tried``:
    ``{"hub": id, "contact": text}`` or ``{"programme": text}``) to correct it."""
    console = _console(request)
    report = health.build_report(console.engine, console.settings)
    hubs = health.hubs_oldest_sync_first(report.hubs)
    return _render(
        request,
        "hubs.html",
        me,
        status,
        hubs=hubs,
        contacts=accounts.hub_contacts(console.engine),
        error=error,
        tried=tried or {},
        max_contact=accounts.MAX_CONTACT,
    )


@router.get("/hubs", summary="Hubs")
def hubs_page(request: Request, me: Me) -> Response:
    """Every hub, with create, rename, archive and restore."""
    return _hubs_page(request, me)


@router.post("/hubs", summary="Create a hub")
def create_hub(request: Request, me: Admin, name: Annotated[str, Form()] = "") -> Response:
    """Register a hub (as ``harmony-sync add-hub``)."""
    console = _console(request)
    try:
        hub_id = accounts.add_hub(console.engine, name)
    except ValueError as err:
        return _hubs_page(request, me, 400, explain(err, language(request)))
    console.audit(me, audit.HUB_CREATED, audit.hub(name.strip()), audit.hub_id(hub_id))
    return _see_other(f"{PREFIX}/hubs", "created")


@router.post("/hubs/{hub_id}/rename", summary="Rename a hub")
def rename_hub(
    request: Request, me: Admin, hub_id: str, name: Annotated[str, Form()] = ""
) -> Response:
    """Rename a hub here and on every laptop (as ``harmony-sync rename-hub``)."""
    console = _console(request)
    _hub_name(console, hub_id)
    try:
        old = accounts.rename_hub(console.engine, hub_id, name)
    except ValueError as err:
        return _hubs_page(request, me, 400, explain(err, language(request)))
    console.audit(me, audit.HUB_RENAMED, audit.hub(name.strip()), audit.previous_name(old))
    return _see_other(f"{PREFIX}/hubs", "renamed")


@router.post("/hubs/{hub_id}/contact", summary="Set whom to call about a hub")
def set_hub_contact(
    request: Request, me: Admin, hub_id: str, contact: Annotated[str, Form()] = ""
) -> Response:
    """Set (or, blank, clear) the hub's contact (as ``harmony-sync set-hub-contact``).
    The audit log names the hub, never the contact."""
    console = _console(request)
    name = _hub_name(console, hub_id)
    try:
        stored, changed = accounts.set_hub_contact(console.engine, hub_id, contact)
    except ValueError as err:
        return _hubs_page(
            request, me, 400, explain(err, language(request)), {"hub": hub_id, "contact": contact}
        )
    if changed:
        action = audit.HUB_CONTACT_SET if stored else audit.HUB_CONTACT_CLEARED
        console.audit(me, action, audit.hub(name))
    return _see_other(f"{PREFIX}/hubs", "contact-saved" if stored else "contact-cleared")


@router.post("/programme", summary="Name the programme")
def set_programme_name(request: Request, me: Admin, name: Annotated[str, Form()] = "") -> Response:
    """Set (or, blank, clear) the programme's name every laptop prints (as ``harmony-sync
    set-programme-name``)."""
    console = _console(request)
    try:
        new, old = accounts.set_programme_name(console.engine, name if name.strip() else None)
    except ValueError as err:
        return _hubs_page(request, me, 400, explain(err, language(request)), {"programme": name})
    if new != old:
        console.audit(
            me,
            audit.PROGRAMME_NAMED if new else audit.PROGRAMME_NAME_CLEARED,
            audit.programme(new) if new else None,
            audit.previous_name(old) if old else None,
        )
    return _see_other(f"{PREFIX}/hubs", "programme-named" if new else "programme-cleared")


def _set_archived(request: Request, me: Identity, hub_id: str, archived: bool) -> Response:
    console = _console(request)
    name = _hub_name(console, hub_id)
    if accounts.set_hub_archived(console.engine, hub_id, archived):
        console.audit(me, audit.HUB_ARCHIVED if archived else audit.HUB_RESTORED, audit.hub(name))
    return _see_other(f"{PREFIX}/hubs", "archived" if archived else "restored")


@router.post("/hubs/{hub_id}/archive", summary="Archive a hub")
def archive_hub(request: Request, me: Admin, hub_id: str) -> Response:
    """Archive a hub (as ``harmony-sync archive-hub``)."""
    return _set_archived(request, me, hub_id, True)


@router.post("/hubs/{hub_id}/restore", summary="Restore an archived hub")
def restore_hub(request: Request, me: Admin, hub_id: str) -> Response:
    """Bring an archived hub back (as ``harmony-sync archive-hub --restore``)."""
    return _set_archived(request, me, hub_id, False)


# -- audit log -------------------------------------------------------------------------


@router.get("/audit", summary="Audit log")
def audit_page(request: Request, me: Me, page: int = 1) -> Response:
    """Who did what in the console, newest first."""
    console = _console(request)
    page = max(1, min(page, 10**6))
    entries, pages = audit.page(console.engine, page)
    lang = language(request)
    shown = [audit.shown(entry, lang) for entry in entries]
    return _render(request, "audit.html", me, entries=shown, page=page, pages=pages)


# -- installation ----------------------------------------------------------------------


class ConsoleHeadersMiddleware:
    """Security headers on every console response: no scripts, no framing, no caching."""

    HEADERS = {
        "Content-Security-Policy": (
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI call."""
        if scope["type"] != "http" or not scope.get("path", "").startswith(PREFIX):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _filters(settings: ConsoleSettings) -> dict[str, Callable[..., str]]:
    """Dates and times in the language of the page being rendered (Babel)."""

    def when(moment: datetime | None) -> str:
        return i18n.current(settings.zone).when(as_utc(moment) if moment else None)

    def short(moment: datetime | None) -> str:
        return i18n.current(settings.zone).short(as_utc(moment) if moment else None)

    def ago(moment: datetime | None) -> str:
        return i18n.current(settings.zone).ago(as_utc(moment) if moment else None, settings.now())

    def day(value: date | None) -> str:
        return i18n.current(settings.zone).day(value) if value else ""

    def in_zone(moment: datetime | None, zone: ZoneInfo | None, full: bool = False) -> Markup:
        """A moment in a hub's time zone ``zone``, naming the zone when its time differs
        from the console's ("Thu 19 Nov, 19:00 PST", its name in full as a tooltip)."""
        lang = i18n.current(settings.zone)
        moment = as_utc(moment) if moment else None
        text = (lang.when if full else lang.short)(moment, zone)
        if moment is None or zone is None or not lang.other_zone(moment, zone):
            return Markup.escape(text)
        title = lang.gettext(
            "In the hub's time zone, %(zone)s; the console's is %(console)s.",
            zone=zone.key,
            console=settings.zone.key,
        )
        return Markup('{} <abbr class="zone" title="{}">{}</abbr>').format(
            text, title, lang.zone_name(moment, zone)
        )

    def short_in(moment: datetime | None, zone: ZoneInfo | None) -> Markup:
        return in_zone(moment, zone)

    def when_in(moment: datetime | None, zone: ZoneInfo | None) -> Markup:
        return in_zone(moment, zone, full=True)

    return {
        "when": when,
        "short": short,
        "ago": ago,
        "day": day,
        "short_in": short_in,
        "when_in": when_in,
    }


def _gettext(message: str) -> str:
    return i18n.current().messages.gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.current().messages.ngettext(singular, plural, n)


def install_console(app: FastAPI, engine: Engine, settings: ConsoleSettings | None = None) -> None:
    """Add the console (pages, static files, device-contact recording) to ``app``."""
    settings = settings or ConsoleSettings.from_env()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.add_extension("jinja2.ext.i18n")
    templates.env.policies["ext.i18n.trimmed"] = True
    # "newstyle": {% trans %} and _() fill %(name)s fields themselves, escaping them.
    templates.env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True
    )
    templates.env.filters.update(_filters(settings))
    app.state.console = Console(engine, settings, templates)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.include_router(router)
    recorder = ContactRecorder(engine, settings.now)
    app.state.console_contacts = recorder
    app.add_middleware(ContactMiddleware, recorder=recorder)
    app.add_middleware(ConsoleHeadersMiddleware)

    @app.exception_handler(LoginRequired)
    async def login_required(_request: Request, err: LoginRequired) -> Response:
        return RedirectResponse(f"{PREFIX}/login?next={quote(err.next_path)}", status_code=303)

    @app.exception_handler(DeviceTokenRefused)
    async def device_token(_request: Request, _err: DeviceTokenRefused) -> Response:
        message = (  # JSON for programs: English
            "Device tokens do not work on the console. Sign in at /admin/login with a "
            "console account (harmony-sync admin add-user)."
        )
        return JSONResponse(
            {"error": {"code": "device_token_not_accepted", "message": message}},
            status_code=401,
        )

    @app.exception_handler(Refused)
    async def refused(request: Request, err: Refused) -> Response:
        console = _console(request)
        me = await anyio.to_thread.run_sync(
            users.session_identity, console.engine, request.cookies.get(COOKIE), console.now()
        )
        lang = language(request)
        return _render(
            request,
            "error.html",
            me,
            err.status,
            title=lang.gettext(err.title),
            message=lang.gettext(err.message, **err.values),
        )
