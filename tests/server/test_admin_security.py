"""The console's locks: sessions, CSRF, roles, device tokens, cookies, the login throttle."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from harmony_sync.server import accounts, db
from harmony_sync.server.accounts import DEVICES
from harmony_sync.server.admin import users
from harmony_sync.server.admin.users import USERS
from tests.server.console import PASSWORD, Console, csrf_of, post, sign_in, signed_in
from tests.server.fakes import VERSION_HEADERS, Laptop


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """These checks do not depend on the database: SQLite only."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'console.sqlite3'}")
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def console(sqlite_engine: Engine) -> Console:
    """A console app whose clock the test moves."""
    return Console(sqlite_engine)


def console_routes(console: Console) -> list[tuple[str, str]]:
    """(method, path) of every console route, path parameters filled in."""
    out = []
    for path, operations in console.app.openapi()["paths"].items():
        if path.startswith("/admin"):
            path = path.replace("{key}", "1").replace("{hub_id}", str(uuid.uuid4()))
            out.extend((method.upper(), path) for method in sorted(operations))
    return out


def test_every_console_route_without_a_session_redirects_to_sign_in(console: Console) -> None:
    routes = console_routes(console)
    assert len(routes) >= 14  # health, devices, codes, device, rename, revoke x2, hubs x5, ...
    client = console.client()
    for method, path in routes:
        if path == "/admin/login":
            continue
        response = client.request(method, path, data={"csrf_token": "x", "name": "x"})
        assert response.status_code == 303, (method, path, response.text)
        assert response.headers["location"].startswith("/admin/login?next=/admin"), path
    # a stale or forged cookie is no session either
    client.cookies.set("harmony_console", "not-a-session", path="/admin")
    assert client.get("/admin/devices").status_code == 303


def test_sign_in_lands_on_the_page_asked_for(console: Console) -> None:
    console.add_user("ana")
    client = console.client()
    first = client.get("/admin/hubs")
    assert first.headers["location"] == "/admin/login?next=/admin/hubs"
    page = client.get(first.headers["location"])
    assert 'name="next" value="/admin/hubs"' in page.text
    done = client.post(
        "/admin/login",
        data={
            "name": "ANA ",  # names match regardless of case and spaces
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "/admin/hubs",
        },
    )
    assert done.status_code == 303 and done.headers["location"] == "/admin/hubs"
    assert client.get("/admin/hubs").status_code == 200
    # after sign-in, only console paths are followed (no open redirect)
    other = console.client()
    page = other.get("/admin/login")
    away = other.post(
        "/admin/login",
        data={
            "name": "ana",
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "https://elsewhere.example/",
        },
    )
    assert away.headers["location"] == "/admin"


def test_every_form_post_without_its_csrf_token_is_refused(
    console: Console, sqlite_engine: Engine
) -> None:
    hub = accounts.add_hub(sqlite_engine, "North Park")
    key, _ = accounts.create_device(sqlite_engine, "North laptop", [hub])
    client, csrf = signed_in(console, "ana")
    posts = [
        ("/admin/hubs", {"name": "Forged hub"}),
        (f"/admin/hubs/{hub}/rename", {"name": "Forged"}),
        (f"/admin/hubs/{hub}/archive", {}),
        (f"/admin/hubs/{hub}/restore", {}),
        (f"/admin/hubs/{hub}/contact", {"contact": "Forged, 555-0100"}),
        ("/admin/programme", {"name": "Forged programme"}),
        ("/admin/devices/codes", {"name": "Forged laptop", "hub": hub}),
        (f"/admin/devices/{key}/rename", {"name": "Forged"}),
        (f"/admin/devices/{key}/revoke", {}),
        (f"/admin/devices/{key}/refusals-dealt", {"up_to": "1"}),
        ("/admin/logout", {}),
    ]
    post_routes = {p for m, p in console_routes(console) if m == "POST"} - {"/admin/login"}
    assert len(post_routes) == len(posts)  # every form of the console is in this list
    for path, form in posts:
        for token in ({}, {"csrf_token": ""}, {"csrf_token": "guessed"}):
            response = client.post(path, data={**form, **token})
            assert response.status_code == 403, (path, token, response.text)
            assert "reload the page" in response.text.lower()
    assert accounts.list_hubs(sqlite_engine) == [
        {"id": hub, "name": "North Park", "archived": False}
    ]
    assert accounts.hub_contacts(sqlite_engine) == {}
    assert accounts.programme_name(sqlite_engine) is None
    assert [d["status"] for d in accounts.list_devices(sqlite_engine)] == ["awaiting enrollment"]
    assert client.get("/admin").status_code == 200  # still signed in
    # the same form with the token goes through
    assert post(client, "/admin/hubs", csrf, name="Real hub").status_code == 303
    # the sign-in form needs the token matching its cookie
    fresh = console.client()
    refused = fresh.post("/admin/login", data={"name": "ana", "password": PASSWORD})
    assert refused.status_code == 403 and "harmony_console" not in refused.cookies


def test_a_device_token_gets_401_on_the_console(console: Console, sqlite_engine: Engine) -> None:
    hub = accounts.add_hub(sqlite_engine, "North Park")
    client = console.client()
    laptop = Laptop(client, sqlite_engine, [hub])
    bearer = {"Authorization": f"Bearer {laptop.token}"}
    for method, path in console_routes(console):
        response = client.request(method, path, headers=bearer)
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "device_token_not_accepted"
    # not even next to a valid console session
    signed, _ = signed_in(console, "ana")
    assert signed.get("/admin", headers=bearer).status_code == 401


def test_a_console_cookie_gets_401_on_the_sync_api(console: Console) -> None:
    client, _ = signed_in(console, "ana")
    cookie = client.cookies.get("harmony_console")
    assert cookie
    plain = console.client()
    for method, path, body in [
        ("GET", "/v1/session", None),
        ("POST", "/v1/push", {"epoch": None, "mutations": []}),
        ("POST", "/v1/pull", {"epoch": None, "cursor": 0}),
        ("POST", "/v1/conflicts/resolve", {"epoch": None, "conflict_ids": []}),
    ]:
        response = plain.request(
            method,
            path,
            json=body,
            headers={**VERSION_HEADERS, "Cookie": f"harmony_console={cookie}"},
        )
        assert response.status_code == 401, (path, response.text)
        assert response.json()["error"]["code"] == "missing_token"


def test_session_cookie_is_httponly_samesite_and_scoped_to_the_console(
    sqlite_engine: Engine,
) -> None:
    secure = Console(sqlite_engine, secure_cookies=True)
    secure.add_user("ana")
    client = secure.client()
    page = client.get("/admin/login")
    answer = client.post(
        "/admin/login",
        data={"name": "ana", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
    )
    assert answer.status_code == 303
    header = next(
        h for h in answer.headers.get_list("set-cookie") if h.startswith("harmony_console=")
    )
    attributes = {part.strip().split("=")[0].lower() for part in header.split(";")}
    assert {"httponly", "secure", "path", "samesite", "max-age"} <= attributes
    assert "Path=/admin" in header and "SameSite=strict" in header
    # the plain-http setting for loopback tests drops only Secure
    plain = Console(sqlite_engine)
    client = plain.client()
    answer = sign_in(client, "ana")
    header = next(
        h for h in answer.headers.get_list("set-cookie") if h.startswith("harmony_console=")
    )
    assert "Secure" not in header and "HttpOnly" in header


def test_pages_forbid_scripts_framing_and_caching(console: Console) -> None:
    client, _ = signed_in(console, "ana")
    page = client.get("/admin")
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert "script-src" not in page.headers["content-security-policy"]  # none allowed
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    assert "<script" not in page.text
    css = client.get("/admin/static/console.css")
    assert css.status_code == 200 and "tr.flagged" in css.text


def test_ten_bad_passwords_in_a_row_are_slowed_down(console: Console) -> None:
    console.add_user("ana")
    client = console.client()
    statuses = [sign_in(client, "ana", f"wrong password {n}").status_code for n in range(10)]
    # five mistakes are free; after that every attempt must wait, longer each time
    assert statuses == [401] * 5 + [429] * 5
    waiting = sign_in(client, "ana")  # even the right password is not checked now
    assert waiting.status_code == 429
    assert re.search(r"Wait \d+ seconds", waiting.text)
    assert "harmony_console" not in waiting.cookies
    console.clock.advance(seconds=3)  # the first wait (2 s) is over: one more try
    assert sign_in(client, "ana", "wrong again").status_code == 401
    assert sign_in(client, "ana").status_code == 429  # the next wait is 4 s
    console.clock.advance(seconds=5)
    assert sign_in(client, "ana").status_code == 303
    # success clears the name's count: one mistake does not lock again
    other = console.client()
    assert sign_in(other, "ana", "typo").status_code == 401
    assert sign_in(other, "ana").status_code == 303


def test_unknown_names_are_throttled_too_and_not_kept(console: Console) -> None:
    client = console.client()
    statuses = [sign_in(client, "my secret pass", "x").status_code for _ in range(7)]
    assert statuses == [401] * 5 + [429] * 2
    admin, _ = signed_in(console, "ana")
    log = admin.get("/admin/audit").text
    assert "my secret pass" not in log and "(unknown name)" in log


def test_a_viewer_sees_every_page_but_cannot_change_anything(
    console: Console, sqlite_engine: Engine
) -> None:
    hub = accounts.add_hub(sqlite_engine, "North Park")
    client = console.client()
    laptop = Laptop(client, sqlite_engine, [hub])
    viewer, csrf = signed_in(console, "vic", role="viewer")
    for path in [
        "/admin",
        "/admin/devices",
        f"/admin/devices/{laptop.key}",
        "/admin/hubs",
        "/admin/audit",
        f"/admin/devices/{laptop.key}/revoke",
    ]:
        page = viewer.get(path)
        assert page.status_code == 200, path
        assert '/revoke" method' not in page.text and 'action="/admin/hubs"' not in page.text
    assert (
        "Only administrators can revoke devices."
        in viewer.get(f"/admin/devices/{laptop.key}/revoke").text
    )
    for path, form in [
        (f"/admin/devices/{laptop.key}/revoke", {}),
        (f"/admin/devices/{laptop.key}/rename", {"name": "Mine now"}),
        ("/admin/devices/codes", {"name": "x", "hub": hub}),
        ("/admin/hubs", {"name": "Viewer hub"}),
        (f"/admin/hubs/{hub}/archive", {}),
    ]:
        refused = post(viewer, path, csrf, **form)
        assert refused.status_code == 403, path
        assert "Viewers cannot change anything" in refused.text
    with sqlite_engine.connect() as conn:
        device = conn.execute(select(DEVICES).where(DEVICES.c.key == laptop.key)).one()
    assert device.revoked_at is None and device.name == "test laptop"
    assert len(accounts.list_hubs(sqlite_engine)) == 1
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    # a viewer may still sign out
    assert post(viewer, "/admin/logout", csrf).status_code == 303
    assert viewer.get("/admin").status_code == 303


def test_sign_out_ends_the_session_and_expiry_ends_it_too(console: Console) -> None:
    client, csrf = signed_in(console, "ana")
    cookie = client.cookies.get("harmony_console")
    assert post(client, "/admin/logout", csrf).status_code == 303
    replay = console.client()
    replay.cookies.set("harmony_console", cookie, path="/admin")
    assert replay.get("/admin").status_code == 303  # the old cookie is dead
    again, _ = signed_in(console, "bea")
    console.clock.advance(hours=12, seconds=1)
    assert again.get("/admin").status_code == 303


def test_passwords_are_stored_as_argon2id_hashes(console: Console, sqlite_engine: Engine) -> None:
    console.add_user("ana")
    with sqlite_engine.connect() as conn:
        stored = conn.execute(select(USERS.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize(
    "name", ["command line", "  Command Line ", "(unknown name)", '{"msg":"cli","user":"x"}']
)
def test_no_console_user_takes_a_name_the_audit_log_gives_the_command_line(
    sqlite_engine: Engine, name: str
) -> None:
    """The audit log's "Who" shows the command line and unknown sign-in names by these
    names: a console user called so would pass for them."""
    with pytest.raises(ValueError, match="command line"):
        users.add_user(sqlite_engine, name, "admin", PASSWORD, datetime.now(UTC))
    assert not users.exists(sqlite_engine, name)
    users.add_user(sqlite_engine, "command liner", "admin", PASSWORD, datetime.now(UTC))
    assert users.exists(sqlite_engine, "command liner")
