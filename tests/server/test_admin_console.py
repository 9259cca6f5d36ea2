"""The console's pages and ``harmony-sync admin``: health flags, history, devices, hubs, audit.

Laptops here are :class:`tests.server.fakes.Laptop` speaking the real API in-process,
with the two optional headers of PROTOCOL.md section 2; the console's clock is moved by
hand to simulate quiet periods.
"""

from __future__ import annotations

import gettext
import io
import json
import re
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from sqlalchemy import Engine, select, update

from harmony_sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION
from harmony_sync.server import accounts
from harmony_sync.server.accounts import DEVICES, ROWS
from harmony_sync.server.admin import cli as admin_cli
from harmony_sync.server.admin import contacts
from harmony_sync.server.admin import i18n as admin_i18n
from harmony_sync.server.admin.health import build_report
from harmony_sync.server.admin.settings import ConsoleSettings
from harmony_sync.server.cli import main
from harmony_sync.server.store import REJECTIONS
from tests.server.console import WEDNESDAY, Console, csrf_of, post, signed_in
from tests.server.fakes import VERSION_HEADERS, Laptop, new_id


def report_headers(laptop: Laptop, waiting: int, app: str = "harmony-desktop 0.1.0") -> None:
    """Make the laptop send the optional headers from now on."""
    laptop.client.headers.update({"Harmony-Outbox-Size": str(waiting), "Harmony-App-Version": app})


def full_sync(laptop: Laptop, mutations: list[dict[str, Any]] | None = None) -> None:
    """session, push (if any), pull to the end: one complete sync."""
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    if mutations:
        laptop.push(mutations)
    laptop.pull_all()


def test_a_quiet_laptop_is_flagged_after_two_school_days(engine: Engine, hubs) -> None:
    north, south = hubs
    console = Console(engine)
    client = console.client()
    quiet, busy = Laptop(client, engine, [north]), Laptop(client, engine, [south])
    for laptop in (quiet, busy):
        report_headers(laptop, 0)
        full_sync(laptop)
    console.flush()
    report = build_report(engine, console.settings)
    assert report.flagged == [] and all(h.all_current for h in report.hubs)
    # Wednesday 15:00 -> Thursday 09:00: Wednesday was 1 school day ago, not yet overdue
    console.clock.advance(hours=18)
    full_sync(busy)
    console.flush()
    report = build_report(engine, console.settings)
    assert report.flagged == []
    # not flagged yet, but the office sees at a glance which hub has not synced today
    today = {h.id: [d.key for d in h.synced_today] for h in report.hubs}
    assert today == {north: [], south: [busy.key]}
    admin, _ = signed_in(console, "ana")
    hubs_table = admin.get("/admin").text.split('<table class="hubs">')[1].split("</table>")[0]
    assert '<th scope="col">Synced today</th>' in hubs_table
    north_row, south_row = (
        hubs_table.split(f'data-hub="{h}">')[1].split("</tr>")[0] for h in (north, south)
    )
    assert "<strong>not yet today</strong>" in north_row
    assert '<span class="ok">yes, all 1</span>' in south_row
    # Friday: Wednesday was 2 school days ago (Thursday went by without a sync) -> overdue;
    # the busy laptop synced on Thursday, 1 school day ago, so it is not
    console.clock.advance(days=1)
    report = build_report(engine, console.settings)
    assert [(d.key, d.school_days_silent) for d in report.overdue] == [(quiet.key, 2)]
    north_hub = next(h for h in report.hubs if h.id == north)
    south_hub = next(h for h in report.hubs if h.id == south)
    assert not north_hub.all_current and south_hub.all_current
    admin, _ = signed_in(console, "bea")  # Thursday's sign-in has expired by Friday
    page = admin.get("/admin").text
    assert "1 device needs attention." in page
    assert f'<tr class="flagged" data-device="{quiet.key}">' in page
    assert f'<tr class="" data-device="{busy.key}">' in page
    assert (
        "overdue: last synced 2 school days ago, Monday to Friday, as the server knows no ensemble of its hub yet (flagged at 2 or more)"
        in page
    )
    assert "1 of 1 flagged" in page and "all 1 current" in page
    # a sync clears the flag
    full_sync(quiet)
    console.flush()
    assert build_report(engine, console.settings).flagged == []


def test_a_large_backlog_is_flagged_and_shown(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 201, "harmony-desktop 9.9")
    full_sync(laptop)
    console.flush()
    [device] = build_report(engine, console.settings).devices
    assert device.over_backlog and not device.overdue and device.outbox_size == 201
    assert device.app_version == "harmony-desktop 9.9"
    assert (device.protocol_version, device.schema_version) == (PROTOCOL_VERSION, SCHEMA_VERSION)
    assert device.reasons(console.settings) == ["201 changes waiting (limit 200)"]
    report_headers(laptop, 200)  # at the limit is fine
    full_sync(laptop)
    console.flush()
    assert build_report(engine, console.settings).flagged == []


def test_malformed_reports_are_ignored_not_refused(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 7)
    full_sync(laptop)
    for bad in ("-3", "lots", "9" * 20):
        laptop.client.headers.update({"Harmony-Outbox-Size": bad, "Harmony-App-Version": "\t" * 3})
        full_sync(laptop)
    console.flush()
    [device] = build_report(engine, console.settings).devices
    assert device.outbox_size == 7 and device.app_version == "harmony-desktop 0.1.0"


def test_sync_history_counts_each_sync_and_folds_idle_ones(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 2)
    rows = [
        laptop.mutation(
            "student", new_id(), north, {"legal_first_name": f"S{n}", "legal_last_name": "Test"}
        )
        for n in (1, 2)
    ]
    full_sync(laptop, rows)
    for _ in range(3):  # three syncs with nothing to do: one entry
        console.clock.advance(minutes=10)
        report_headers(laptop, 0)
        full_sync(laptop)
    console.clock.advance(minutes=10)
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    console.flush()  # a sync still running
    admin, _ = signed_in(console, "ana")
    page = admin.get(f"/admin/devices/{laptop.key}").text
    history = page[page.index("Sync history") :]
    assert history.count("<tr") == 4  # head + running + idle run + first sync
    assert "syncing" in history and "× 3" in history
    first = history[history.rindex("<tr") :]
    cells = [c.split("<")[0] for c in first.split('<td class="num">')[1:]]
    # sent 2, rejected 0, conflicts 0, received 1: the hub row (its own two students are
    # not echoed back to it)
    assert cells[:4] == ["2", "0", "0", "1"]
    # revoked: its next attempts are refused, recorded once with a count
    accounts.revoke_device(engine, laptop.key)
    for _ in range(2):
        assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 401
    console.flush()
    page = admin.get(f"/admin/devices/{laptop.key}").text
    assert "refused: it is revoked" in page and "× 2" in page
    [device] = build_report(engine, console.settings).devices
    assert device.last_error == "device_revoked" and device.status == "revoked"


def test_enrollment_code_is_shown_once_and_enrolls(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    admin, csrf = signed_in(console, "ana")
    page = admin.get("/admin/devices").text
    assert "Issue an enrollment code" in page and "South School" in page
    shown = post(admin, "/admin/devices/codes", csrf, name="North laptop 2", hub=north, days="3")
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    code = shown.text.split('id="enrollment-code">')[1].split("<")[0]
    assert len(accounts.normalize_code(code)) == 16
    assert "harmony-desktop enroll --server http://testserver --code " + code in shown.text
    with engine.connect() as conn:
        device = conn.execute(select(DEVICES)).one()
    assert device.name == "North laptop 2" and code not in str(device)
    assert (accounts.as_utc(device.enroll_expires_at) - accounts.utcnow()).days in (2, 3)
    # never shown again, nor kept in the audit log
    for path in ("/admin/devices", f"/admin/devices/{device.key}", "/admin/audit"):
        assert code not in admin.get(path).text
    assert "enrollment code issued" in admin.get("/admin/audit").text
    laptop_client = console.client()
    enrolled = laptop_client.post(
        "/v1/enroll",
        json={"code": code, "device_id": "00000000000000ab"},
        headers=VERSION_HEADERS,
    )
    assert enrolled.status_code == 200 and enrolled.json()["hubs"][0]["id"] == north
    # a data manager's code; a bad name is explained, nothing created
    shown = post(admin, "/admin/devices/codes", csrf, name="Office", hub="data-manager")
    assert "All hubs (data manager)" in shown.text
    bad = post(admin, "/admin/devices/codes", csrf, name="  ", hub=north)
    assert bad.status_code == 400 and "A device name cannot be empty." in bad.text
    assert len(accounts.list_devices(engine)) == 2


def test_rename_and_revoke_say_what_happens_to_unsynced_changes(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 12)
    full_sync(laptop)
    console.flush()
    admin, csrf = signed_in(console, "ana")
    renamed = post(admin, f"/admin/devices/{laptop.key}/rename", csrf, name="North laptop 1")
    assert renamed.status_code == 303
    confirm = admin.get(f"/admin/devices/{laptop.key}/revoke").text
    assert "Revoke North laptop 1?" in confirm
    assert "it reported 12 changes waiting to be sent" in confirm
    assert "enroll the laptop again" in confirm
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    done = post(admin, f"/admin/devices/{laptop.key}/revoke", csrf)
    assert done.headers["location"] == f"/admin/devices/{laptop.key}?notice=revoked"
    assert "Device revoked" in admin.get(done.headers["location"]).text
    refused = laptop.client.get("/v1/session", headers=laptop.headers)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "device_revoked"
    log = admin.get("/admin/audit").text
    assert "device renamed" in log and "device revoked" in log
    assert "it last reported 12 changes waiting" in log


def test_hubs_create_rename_archive_restore(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    laptop.pull_all()
    admin, csrf = signed_in(console, "ana")
    assert post(admin, "/admin/hubs", csrf, name="East Library").status_code == 303
    assert "East Library" in admin.get("/admin/hubs").text
    assert (
        post(admin, f"/admin/hubs/{north}/rename", csrf, name="North Park Annex").status_code == 303
    )
    # the laptops pull the new name as an ordinary change
    rows, _ = laptop.pull_all()
    assert [(r["table"], r["values"]["name"]) for r in rows] == [("hub", "North Park Annex")]
    with engine.connect() as conn:
        clock = conn.execute(
            select(ROWS.c.clocks).where(ROWS.c.table_name == "hub", ROWS.c.row_id == north)
        ).scalar_one()["name"]
    assert clock.endswith("-" + accounts.SERVER_NODE)
    assert post(admin, f"/admin/hubs/{north}/archive", csrf).status_code == 303
    assert [h["archived"] for h in accounts.list_hubs(engine) if h["id"] == north] == [True]
    health = admin.get("/admin").text  # archived hubs leave the health tables
    assert f'data-hub="{north}"' not in health and f'data-device="{laptop.key}"' not in health
    assert f'data-hub="{north}"' in admin.get("/admin?archived=1").text
    refused = post(admin, "/admin/devices/codes", csrf, name="x", hub=north)
    assert refused.status_code == 400 and "archived" in refused.text
    # an archived hub's laptops still sync, so nothing they hold is lost
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    assert post(admin, f"/admin/hubs/{north}/restore", csrf).status_code == 303
    assert f'data-hub="{north}"' in admin.get("/admin").text
    log = admin.get("/admin/audit").text
    for action in ("hub created", "hub renamed", "hub archived", "hub restored", "signed in"):
        assert action in log
    assert post(admin, "/admin/hubs", csrf, name="").status_code == 400
    assert admin.get("/admin/devices/999").status_code == 404


def test_health_page_filters_and_sorts(engine: Engine, hubs) -> None:
    north, south = hubs
    console = Console(engine)
    client = console.client()
    a, b = Laptop(client, engine, [north]), Laptop(client, engine, [south])
    report_headers(a, 5)
    full_sync(a)
    console.clock.advance(hours=1)
    report_headers(b, 50)
    full_sync(b)
    console.flush()
    admin, _ = signed_in(console, "ana")

    def order(query: str) -> list[int]:
        page = admin.get("/admin" + query).text
        return [int(p.split('"')[0]) for p in page.split('data-device="')[1:]]

    assert order("") == [a.key, b.key]  # by hub name
    assert order("?sort=backlog") == [b.key, a.key]
    assert order("?sort=last_sync") == [a.key, b.key]
    assert order(f"?hub={south}") == [b.key]
    assert order("?flagged=1") == []
    assert order("?sort=nonsense") == [a.key, b.key]


def test_admin_health_command_prints_the_same_flags(
    engine: Engine, hubs, database_url: str, monkeypatch, capsys
) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 3)
    full_sync(laptop)
    console.flush()
    url = ["--database-url", database_url]
    monkeypatch.setenv("HARMONY_SYNC_NOW", WEDNESDAY.isoformat())
    assert main(["admin", "health", *url]) == 0
    assert "Every enrolled device is current." in capsys.readouterr().out
    monkeypatch.setenv("HARMONY_SYNC_NOW", "2026-11-24T09:00:00Z")  # the next Tuesday
    assert main(["admin", "health", "--json", *url]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["overdue"] == 1 and data["hubs"][0]["all_current"] is False
    [device] = data["devices"]
    # Wednesday was 4 school days ago: Thursday, Friday, Monday, and Tuesday itself
    assert device["school_days_silent"] == 4 and device["outbox_size"] == 3
    assert device["flags"] == [
        "overdue: last synced 4 school days ago, Monday to Friday, as the server knows no ensemble of its hub yet (flagged at 2 or more)"
    ]
    assert main(["admin", "health", "--overdue-days", "5", *url]) == 0
    capsys.readouterr()
    assert main(["admin", "health", *url]) == 1
    text = capsys.readouterr().out
    assert "North Park: 1 of 1 flagged" in text and "FLAGGED #" in text
    assert "1 device needs attention." in text
    monkeypatch.setenv("HARMONY_SYNC_OVERDUE_DAYS", "zero")
    assert main(["admin", "health", *url]) == 2
    assert "HARMONY_SYNC_OVERDUE_DAYS must be a number" in capsys.readouterr().err


def test_add_user_takes_the_password_from_stdin_never_an_argument(
    engine: Engine, database_url: str, monkeypatch, capsys
) -> None:
    url = ["--database-url", database_url]
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    assert main(["admin", "add-user", "Ana", "--role", "admin", *url]) == 0
    assert "Console user 'Ana' added (admin)" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # there is no way to pass it as an argument
        main(["admin", "add-user", "Bo", "--role", "viewer", "--password", "x", *url])
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["admin", "add-user", "Bo", "--role", "viewer", *url]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another good secret\n"))
    assert main(["admin", "add-user", "ana", "--role", "viewer", *url]) == 2
    assert "already a console user" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another good secret\n"))
    assert main(["admin", "add-user", "Bo", "--role", "viewer", "--json", *url]) == 0
    capsys.readouterr()
    assert main(["admin", "list-users", "--json", *url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(u["name"], u["role"]) for u in listed] == [("Ana", "admin"), ("Bo", "viewer")]
    assert main(["admin", "disable-user", "Bo", *url]) == 0
    console = Console(engine)
    client = console.client()
    from tests.server.console import sign_in

    assert sign_in(client, "Bo", "another good secret").status_code == 401
    assert sign_in(client, "Ana", "a long enough secret").status_code == 303
    assert "console user added" in client.get("/admin/audit").text


def test_read_password_asks_twice_on_a_terminal(monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["first secret value", "other secret value"])
    monkeypatch.setattr(admin_cli.getpass, "getpass", lambda _prompt: next(answers))
    with pytest.raises(ValueError, match="differ"):
        admin_cli.read_password("ana", Terminal())


def test_cli_hub_and_device_commands_share_the_console_code(
    engine: Engine, hubs, database_url: str, capsys
) -> None:
    north, _ = hubs
    url = ["--database-url", database_url, "--json"]
    assert main(["rename-hub", north, "North Park Annex", *url]) == 0
    assert json.loads(capsys.readouterr().out)["was"] == "North Park"
    assert main(["archive-hub", north, *url]) == 0
    capsys.readouterr()
    assert main(["list-hubs", "--database-url", database_url]) == 0
    assert "North Park Annex  (archived)" in capsys.readouterr().out
    assert main(["enroll-device", "x", "--hub", north, *url]) == 2
    assert "archived" in capsys.readouterr().err
    assert main(["archive-hub", north, "--restore", *url]) == 0
    key, _ = accounts.create_device(engine, "Laptop", [north])
    assert main(["rename-device", str(key), "North laptop 9", *url]) == 0
    assert accounts.list_devices(engine)[0]["name"] == "North laptop 9"
    assert main(["rename-hub", north, "two\nlines", "--database-url", database_url]) == 2


def test_settings_from_the_environment() -> None:
    settings = ConsoleSettings.from_env(
        {
            "HARMONY_SYNC_OVERDUE_DAYS": "3",
            "HARMONY_SYNC_BACKLOG_LIMIT": "50",
            "HARMONY_SYNC_COOKIE_SECURE": "0",
            "HARMONY_SYNC_TIMEZONE": "America/Los_Angeles",
            "HARMONY_SYNC_NOW": "2026-11-24T09:00:00Z",
        }
    )
    assert (settings.overdue_school_days, settings.backlog_limit) == (3, 50)
    assert settings.secure_cookies is False and settings.now().isoformat() == (
        "2026-11-24T09:00:00+00:00"
    )
    assert ConsoleSettings.from_env({}).secure_cookies is True
    for bad in (
        {"HARMONY_SYNC_TIMEZONE": "Mars/Base"},
        {"HARMONY_SYNC_COOKIE_SECURE": "maybe"},
        {"HARMONY_SYNC_NOW": "tuesday"},
        {"HARMONY_SYNC_BACKLOG_LIMIT": "0"},
    ):
        with pytest.raises(ValueError, match=r"HARMONY_SYNC_|time zone"):
            ConsoleSettings.from_env(bad)


# -- Spanish -----------------------------------------------------------------------------

CONSOLE_DIR = Path(admin_i18n.__file__).parent
SPANISH_BROWSER = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}


def section(page: str, start: str, end: str = "</table>") -> str:
    """The part of ``page`` from ``start`` to the next ``end``."""
    return page.split(start, 1)[1].split(end, 1)[0]


def test_the_console_speaks_the_browsers_language_and_remembers_a_choice(
    engine: Engine, hubs
) -> None:
    north, south = hubs
    console = Console(engine)
    client = console.client()
    n1, n2 = Laptop(client, engine, [north]), Laptop(client, engine, [north])
    s1 = Laptop(client, engine, [south])
    for laptop in (n1, n2, s1):
        report_headers(laptop, 0)
        full_sync(laptop)  # Wednesday 18 November, 15:00 UTC
    console.clock.advance(days=5, hours=18)  # Tuesday 24 November, 09:00
    full_sync(n1)
    full_sync(s1)
    console.flush()
    admin, _ = signed_in(console, "ana")

    page = admin.get("/admin", headers=SPANISH_BROWSER)
    assert page.headers["content-language"] == "es"
    html = page.text
    assert '<html lang="es">' in html
    assert "<h1>Estado de la sincronización</h1>" in html
    assert "Al mar 24 nov 2026, 09:00 (UTC)." in html
    assert "1 dispositivo requiere atención." in html
    hubs_table = section(html, '<table class="hubs">')
    assert '<th scope="col">Sincronizados hoy</th>' in hubs_table
    north_row, south_row = (section(hubs_table, f'data-hub="{h}">', "</tr>") for h in hubs)
    assert "<strong>1 de 2</strong>" in north_row and "1 de 2 marcado<" in north_row
    assert '<span class="ok">sí, 1 de 1</span>' in south_row
    quiet = section(html, f'data-device="{n2.key}">', "</tr>")
    assert "mié 18 nov, 15:00" in quiet and "hace 6 días" in quiet
    # Wednesday was 4 school days before this Tuesday (Thursday, Friday, Monday, Tuesday)
    assert (
        "atrasado: se sincronizó por última vez hace 4 días de clases, de lunes a viernes, porque el servidor aún no conoce ninguna agrupación de su sede (se marca a partir de 2)"
        in quiet
    )
    # the choice of a link is kept (a cookie) over the browser's language
    assert '<strong lang="es" aria-current="true">Español</strong>' in html
    assert '<a href="/admin?lang=en" lang="en" hreflang="en">English</a>' in html
    english = admin.get("/admin?lang=en", headers=SPANISH_BROWSER)
    assert '<html lang="en">' in english.text and "<h1>Sync health</h1>" in english.text
    assert "As of Tue 24 Nov 2026, 09:00 (UTC)." in english.text
    assert admin.cookies.get("harmony_console_lang") == "en"
    later = admin.get("/admin/devices", headers=SPANISH_BROWSER).text
    assert '<html lang="en">' in later and "<h1>Devices</h1>" in later
    # and back: the sign-in page of a new visitor follows the browser, then the link
    visitor = console.client()
    login = visitor.get("/admin/login", headers=SPANISH_BROWSER).text
    assert "<h1>Iniciar sesión</h1>" in login and "Contraseña" in login
    wrong = visitor.post(
        "/admin/login",
        data={"name": "ana", "password": "not it", "csrf_token": csrf_of(login)},
        headers=SPANISH_BROWSER,
    )
    assert wrong.status_code == 401 and "Nombre o contraseña incorrectos." in wrong.text


def test_refusals_and_confirmations_in_spanish(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 7)
    full_sync(laptop)
    console.flush()
    admin, csrf = signed_in(console, "ana")
    admin.get("/admin?lang=es")
    blank = post(admin, "/admin/devices/codes", csrf, name="  ", hub=north)
    assert blank.status_code == 400
    assert "El nombre del dispositivo no puede quedar vacío." in blank.text
    long = post(admin, "/admin/hubs", csrf, name="x" * 101)
    assert "El nombre de la sede puede tener como máximo 100 caracteres." in long.text
    missing = admin.get("/admin/devices/999")
    assert missing.status_code == 404 and "No hay ningún dispositivo número 999." in missing.text
    revoke = admin.get(f"/admin/devices/{laptop.key}/revoke").text
    assert "<h1>¿Revocar " in revoke
    assert (
        "En su último contacto (mié 18 nov 2026, 15:00) informó 7 cambios pendientes de enviar."
        in revoke
    )
    code = post(admin, "/admin/devices/codes", csrf, name="North laptop 2", hub=north, days="1")
    # the code's expiry is on the real clock: Spanish names of days and months
    assert re.search(
        r"Sirve una sola vez, hasta el (lun|mar|mié|jue|vie|sáb|dom) \d{1,2} "
        r"(ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) \d{4}, \d\d:\d\d \(1 día\)\.",
        code.text,
    ), code.text
    viewer, viewer_csrf = signed_in(console, "bo", "viewer")
    viewer.get("/admin?lang=es")
    refused = post(viewer, "/admin/hubs", viewer_csrf, name="East")
    assert refused.status_code == 403 and "Los lectores no pueden cambiar nada" in refused.text
    audit = admin.get("/admin/audit").text
    assert "código de registro emitido" in audit and "inició sesión" in audit


@pytest.mark.parametrize(
    ("cookie", "header", "expected"),
    [
        (None, "es-MX,es;q=0.9,en;q=0.5", "es"),
        (None, "en-US,en;q=0.9,es;q=0.8", "en"),
        (None, "fr-FR, es;q=0.5, en;q=0.3", "es"),  # the first the console speaks
        (None, "en;q=0.2, es;q=0.7", "es"),  # by quality, not by order
        (None, "es;q=0, en", "en"),  # q=0: not wanted
        (None, "", "en"),
        (None, "de, fr", "en"),
        ("en", "es", "en"),  # the link's choice wins
        ("es", "en", "es"),
        ("pt", "es", "es"),  # a cookie naming no language of the console is ignored
    ],
)
def test_language_choice(cookie: str | None, header: str, expected: str) -> None:
    assert admin_i18n.choose(cookie, header) == expected


def test_every_console_string_has_a_spanish_translation_compiled() -> None:
    """Extract the console's strings as scripts/update_translations.sh does (Babel, the
    same mapping), and fail on any the committed Spanish catalogue lacks, leaves fuzzy or
    empty, or its compiled .mo does not hold."""
    with (CONSOLE_DIR / "locale" / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    extracted = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(CONSOLE_DIR), method_map, options_map
    ):
        extracted.add(message if isinstance(message, str) else message[0])
    assert len(extracted) > 150  # every page: a failed extraction must not pass for complete
    assert "Synced today" in extracted and "not yet today" in extracted
    po = CONSOLE_DIR / "locale" / "es" / "LC_MESSAGES" / "console.po"
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    finished = set()
    for entry in catalogue:
        forms = entry.string if isinstance(entry.string, (list, tuple)) else (entry.string,)
        if entry.id and not entry.fuzzy and all(forms):
            finished.add(entry.id[0] if entry.pluralizable else entry.id)
    assert sorted(extracted - finished) == []
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    held = {key[0] if isinstance(key, tuple) else key for key in compiled._catalog}
    assert sorted(extracted - held) == [], "run scripts/update_translations.sh to compile"


def test_console_templates_show_no_words_unmarked_for_translation() -> None:
    """Text in a template outside ``{% trans %}`` and ``{{ _() }}`` would stay English."""
    for template in sorted((CONSOLE_DIR / "templates").glob("*.html")):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"{%-? *trans\b.*?{%-? *endtrans *-?%}", " ", text, flags=re.S)
        text = re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", " ", text, flags=re.S)
        shown_attributes = re.findall(r'\b(?:placeholder|aria-label|title|alt)="([^"]*)"', text)
        assert [a for a in shown_attributes if a.strip()] == [], template.name
        text = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", " ", text, flags=re.S)  # commands
        text = re.sub(r"<[^>]*>", " ", text)
        assert re.findall(r"[^\W\d_]{2,}", text) == [], template.name


def test_a_laptop_whose_changes_are_refused_for_its_clock_is_flagged_with_what_to_do(
    engine: Engine, hubs
) -> None:
    north, south = hubs
    console = Console(engine)
    client = console.client()
    ahead, fine = Laptop(client, engine, [north]), Laptop(client, engine, [south])
    for laptop in (ahead, fine):
        report_headers(laptop, 0)
        full_sync(laptop)
    # the next morning: its clock a year ahead, its push is refused; it last synced yesterday
    console.clock.advance(hours=18)
    report_headers(ahead, 37)
    assert ahead.client.get("/v1/session", headers=ahead.headers).status_code == 200
    a_year_ahead = str(int(time.time() * 1000) + 365 * 86_400_000)
    refused = ahead.client.post(
        "/v1/push",
        json={"epoch": ahead.epoch, "mutations": [ahead.mutation("student", new_id(), north, {})]},
        headers={**ahead.headers, "Harmony-Device-Time": a_year_ahead},
    )
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "clock_skew"
    console.flush()
    report = build_report(engine, console.settings)
    assert [d.key for d in report.flagged] == [ahead.key]
    [device] = report.flagged
    assert not device.overdue and not device.over_backlog
    assert device.reasons(console.settings) == [
        "changes refused: its clock is wrong. Have its date, time and time zone corrected, "
        "then sync again"
    ]
    north_hub = next(h for h in report.hubs if h.id == north)
    assert not north_hub.all_current
    admin, _ = signed_in(console, "ana")
    page = admin.get("/admin").text
    assert "1 device needs attention." in page
    assert f'<tr class="flagged" data-device="{ahead.key}">' in page
    assert "changes refused: its clock is wrong." in page
    assert "last error: clock_skew" not in page  # the code is not what the office reads
    assert (
        "cambios rechazados: su reloj está mal. Pida que corrijan su fecha, hora y zona "
        "horaria, y vuelva a sincronizar" in admin.get(f"/admin/devices/{ahead.key}?lang=es").text
    )
    # the clock fixed, a complete sync clears the flag
    full_sync(ahead)
    console.flush()
    assert build_report(engine, console.settings).flagged == []


def test_a_laptop_refused_for_its_app_version_is_flagged_with_what_to_do(
    engine: Engine, hubs
) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 0)
    full_sync(laptop)
    old = {**laptop.headers, "Harmony-Schema-Version": str(SCHEMA_VERSION - 1)}
    response = laptop.client.get("/v1/session", headers=old)
    assert response.status_code == 409 and response.json()["error"]["code"] == "version_mismatch"
    console.flush()
    [device] = build_report(engine, console.settings).flagged
    assert device.reasons(console.settings) == [
        "sync refused: its app and the server are of different versions. Update the app on "
        "this laptop (or the server)"
    ]


def test_a_laptop_with_refused_changes_is_flagged_and_its_page_says_what_and_what_to_do(
    engine: Engine, hubs
) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 0)
    full_sync(laptop)
    # a date of birth that is not a date: refused for good, the sync itself completes
    bad = laptop.mutation(
        "student", new_id(), north, {"legal_first_name": "Zed", "date_of_birth": "31/02/2015"}
    )
    full_sync(laptop, [bad])
    console.flush()
    report = build_report(engine, console.settings)
    [device] = report.flagged
    assert device.key == laptop.key and device.changes_refused == 1
    assert not device.overdue and not device.refused
    assert device.reasons(console.settings) == [
        "1 change refused by the server in the last 7 days: it waits in Needs review on the "
        "laptop. See this device's page for what to do"
    ]
    admin, _ = signed_in(console, "ana")
    health_page = admin.get("/admin").text
    assert "1 device needs attention." in health_page
    assert f'<tr class="flagged" data-device="{laptop.key}">' in health_page
    page = admin.get(f"/admin/devices/{laptop.key}").text
    refused = section(page, "Changes the server refused")
    assert "What to do:" in refused and "Sync ▸ Needs review" in refused
    cells = re.findall(r"<td>(.*?)</td>", section(refused, "<tbody>"))
    assert cells == ["student", "<code>date_of_birth</code>", "a value does not fit its field"]
    assert "Zed" not in page and "31/02/2015" not in page  # never the values
    assert bad["row_id"] not in page
    spanish = admin.get(f"/admin/devices/{laptop.key}?lang=es").text
    assert "Cambios que el servidor rechazó" in spanish
    assert "un valor no corresponde a su campo" in spanish
    # refused over a week ago: no longer flagged (the laptop's review holds it meanwhile)
    with engine.begin() as conn:
        conn.execute(
            update(REJECTIONS).values(created_at=console.clock.now - timedelta(days=7, minutes=1))
        )
    assert build_report(engine, console.settings).flagged == []


def test_sync_history_says_each_refusal_and_failure_in_words(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    report_headers(laptop, 3)
    full_sync(laptop)
    # its clock an hour ahead: the push is refused with a 422
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    an_hour_ahead = str(int(time.time() * 1000) + 3_600_000)
    pushed = laptop.client.post(
        "/v1/push",
        json={
            "epoch": laptop.epoch,
            "mutations": [laptop.mutation("student", new_id(), north, {})],
        },
        headers={**laptop.headers, "Harmony-Device-Time": an_hour_ahead},
    )
    assert pushed.status_code == 422
    console.flush()
    # the server's database down for a moment (recorded as the middleware would)
    console.clock.advance(hours=1)
    with engine.begin() as conn:
        contacts.record(
            conn,
            contacts.Contact(laptop.key, "/v1/session", 503, "storage_unavailable"),
            console.clock.now,
        )
        # a code the console does not know is shown as it is
        console.clock.advance(hours=1)
        contacts.record(
            conn, contacts.Contact(laptop.key, "/v1/pull", 502, "gateway_odd"), console.clock.now
        )
    admin, _ = signed_in(console, "ana")
    outcomes = [
        re.sub(r"<[^>]+>", "", row.split("</td>")[2].split("<td>")[-1]).strip()
        for row in section(admin.get(f"/admin/devices/{laptop.key}").text, "<tbody>").split(
            "</tr>"
        )[:-1]
    ]
    assert outcomes == [
        "failed (gateway_odd)",
        "failed: the server's database was unavailable",
        "refused: its clock is wrong",
        "ok",
    ]
    spanish = admin.get(f"/admin/devices/{laptop.key}?lang=es").text
    assert "rechazada: su reloj está mal" in spanish
    assert "fallida: la base de datos del servidor no estaba disponible" in spanish
    assert "clock_skew" not in spanish and "storage_unavailable" not in spanish
    # a 422 stored as "failed" before refusals were told apart is shown refused too
    with engine.begin() as conn:
        conn.execute(
            update(contacts.SYNCS)
            .where(contacts.SYNCS.c.error == "clock_skew")
            .values(outcome="failed")
        )
    [entry] = [e for e in contacts.history(engine, laptop.key) if e["error"] == "clock_skew"]
    assert entry["outcome"] == "refused"
    # the health page's "last error": in words when the console knows the code
    assert "last error: gateway_odd" in admin.get("/admin?lang=en").text
    console.clock.advance(hours=1)
    with engine.begin() as conn:
        contacts.record(
            conn,
            contacts.Contact(laptop.key, "/v1/session", 503, "storage_unavailable"),
            console.clock.now,
        )
    health_page = admin.get("/admin").text
    assert "last error: the server's database was unavailable" in health_page


def test_hubs_page_shows_each_hubs_newest_sync_oldest_first_and_flags_a_silent_hub(
    engine: Engine, hubs
) -> None:
    north, south = hubs
    accounts.add_hub(engine, "East Library")  # no laptops yet
    console = Console(engine)
    client = console.client()
    at_north = Laptop(client, engine, [north])
    at_south = Laptop(client, engine, [south])
    full_sync(at_north)  # Wednesday 18 November, 15:00 UTC
    full_sync(at_south)
    console.clock.advance(days=2)  # Friday: only South syncs
    full_sync(at_south)
    console.flush()
    console.clock.advance(days=3, hours=-7)  # Monday 23 November, 08:00
    admin, _ = signed_in(console, "ana")

    def rows() -> list[tuple[str, str, str]]:
        got = admin.get("/admin/hubs?lang=en")
        assert got.status_code == 200, got.text
        table = section(got.text, "<tbody>")
        out = []
        for row in table.split("</tr>")[:-1]:
            name = re.search(r'<th scope="row">([^<]*)', row)
            when = re.search(r'<td class="when">(.*?)</td>', row, re.S)
            assert name and when
            text = " ".join(re.sub(r"<[^>]+>", " ", when.group(1)).split())
            out.append((name.group(1), "flagged" if 'class="flagged"' in row else "", text))
        return out

    # Monday: North last synced Wednesday, 3 school days ago (Thu, Fri, Mon): flagged;
    # South on Friday, 1 school day ago
    assert rows() == [
        (
            "North Park",
            "flagged",
            "Wed 18 Nov, 15:00 5 days ago last sync 3 school days ago, Monday to Friday, as the server knows no ensemble of this hub yet (flagged at 2 or more)",
        ),
        (
            "South School",
            "",
            "Fri 20 Nov, 15:00 3 days ago Days late counted Monday to Friday after the last "
            "sync, less closure days: the server knows no ensemble of the hub yet.",
        ),
        ("East Library", "", "no devices enrolled"),
    ]
    console.clock.advance(days=1)  # Tuesday: South's Friday is 2 school days ago too
    admin, _ = signed_in(console, "ben")  # a new day, a new session
    assert rows() == [
        (
            "North Park",
            "flagged",
            "Wed 18 Nov, 15:00 6 days ago last sync 4 school days ago, Monday to Friday, as the server knows no ensemble of this hub yet (flagged at 2 or more)",
        ),
        (
            "South School",
            "flagged",
            "Fri 20 Nov, 15:00 4 days ago last sync 2 school days ago, Monday to Friday, as the server knows no ensemble of this hub yet (flagged at 2 or more)",
        ),
        ("East Library", "", "no devices enrolled"),
    ]
    [north_hub] = [
        h for h in build_report(engine, console.settings).as_dict()["hubs"] if h["id"] == north
    ]
    assert north_hub["overdue"] and north_hub["school_days_silent"] == 4
    spanish = admin.get("/admin/hubs?lang=es").text
    assert (
        "última sincronización hace 4 días de clases, de lunes a viernes, porque el servidor aún no conoce ninguna agrupación de esta sede (se marca a partir de 2)"
        in spanish
    )
