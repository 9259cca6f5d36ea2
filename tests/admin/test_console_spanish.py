"""The console in Spanish in a real browser: Debian's Chromium whose language preference
is Spanish (its ``Accept-Language``), against a real ``harmony-sync serve`` process whose
clock is fixed (``HARMONY_SYNC_NOW``) so the dates shown can be written out here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlalchemy import insert

from harmony_sync.server import db
from harmony_sync.server.admin import audit
from tests.admin.conftest import (
    ADMIN_PASSWORD,
    START_TIMEOUT,
    Browser,
    add_console_user,
    start_chromium,
)
from tests.support.sync_server import SyncServer

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SyncServer]:
    """Tuesday 24 November 2026, 11:30 in Mexico City (17:30 UTC)."""
    running = SyncServer.sqlite(
        tmp_path,
        env={
            "HARMONY_SYNC_COOKIE_SECURE": "0",
            "HARMONY_SYNC_NOW": "2026-11-24T17:30:00Z",
            "HARMONY_SYNC_TIMEZONE": "America/Mexico_City",
        },
    )
    try:
        running.start(timeout=START_TIMEOUT)
        add_console_user(running, "office", "admin", ADMIN_PASSWORD)
        yield running
    finally:
        running.stop()


@pytest.fixture
def browser(server: SyncServer) -> Iterator[Browser]:
    """Chromium that prefers Mexican Spanish, then any Spanish, then English."""
    driver = start_chromium(languages="es-MX,es,en")
    try:
        yield Browser(driver, server.url)
    finally:
        driver.quit()


def test_spanish_browser_sees_spanish_then_switches_to_english(
    server: SyncServer, browser: Browser
) -> None:
    north = server.add_hub("North Park")
    server.enroll_device("North laptop 1", [north])

    browser.open("/admin")
    assert browser.path.startswith("/admin/login")
    assert browser.find("html").get_attribute("lang") == "es"
    assert browser.find("h1").text == "Iniciar sesión"
    browser.sign_in("office", ADMIN_PASSWORD)
    assert browser.path == "/admin"
    assert browser.find("h1").text == "Estado de la sincronización"
    assert "Al mar 24 nov 2026, 11:30 (America/Mexico_City)." in browser.text
    headings = [th.text for th in browser.all("table.hubs thead th")]
    assert headings == ["Sede", "Dispositivos", "Estado", "Sincronizados hoy",
                        "Conflictos pendientes de revisión"]  # fmt: skip
    assert "ningún dispositivo registrado" in browser.find(f"tr[data-hub='{north}']").text
    browser.click_link("Dispositivos")
    assert browser.find("h1").text == "Dispositivos"
    row = browser.find("table.devices tbody tr").text
    assert "esperando registro" in row and "el código vence el " in row
    assert "Todas las sedes" in browser.find("form.filters select[name=hub]").text

    # "English": this page again, in English, and every page after it too
    browser.click_link("English")
    assert browser.path == "/admin/devices?lang=en"
    assert browser.find("html").get_attribute("lang") == "en"
    assert browser.find("h1").text == "Devices"
    assert "awaiting enrollment" in browser.find("table.devices tbody tr").text
    cookie = browser.driver.get_cookie("harmony_console_lang")
    assert cookie is not None and cookie["value"] == "en"
    assert "expiry" in cookie  # kept when the browser closes, not only for this visit
    browser.open("/admin")
    assert browser.find("h1").text == "Sync health"
    assert "As of Tue 24 Nov 2026, 11:30 (America/Mexico_City)." in browser.text
    assert "not yet" not in browser.text and "no devices enrolled" in browser.text
    browser.sign_out()
    assert browser.find("h1").text == "Sign in" and "You are signed out." in browser.text
    # and back to Spanish with the other link
    browser.click_link("Español")
    assert browser.find("h1").text == "Iniciar sesión"
    assert browser.driver.get_cookie("harmony_console_lang")["value"] == "es"


def test_spanish_audit_log_shows_actions_and_details_in_spanish(
    server: SyncServer, browser: Browser
) -> None:
    north = server.add_hub("North Park")
    server.enroll_device("North laptop 1", [north])
    [device] = server.list_devices()
    # the command line's entries name the operating-system user running the tests
    user = audit.os_user()
    cli_es = f"línea de comandos ({user})" if user else "línea de comandos"
    cli_en = f"command line ({user})" if user else "command line"
    # an entry as the console recorded it before its details were stored language-neutral
    engine = db.make_engine(server.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(audit.AUDIT).values(
                    at=dt.datetime(2026, 11, 24, 17, 30, tzinfo=dt.UTC),
                    actor="office",
                    action="hub renamed",
                    target="hub North Park",
                    detail="was North Side",
                )
            )
    finally:
        engine.dispose()

    browser.open("/admin/devices")
    browser.sign_in("office", ADMIN_PASSWORD)
    # revoke the laptop (it never synced), then issue a code for its replacement
    browser.open(f"/admin/devices/{device['key']}")
    browser.click_link("Revocar este dispositivo")
    browser.click("form button.danger")
    browser.open("/admin/devices")
    browser.fill("form[action='/admin/devices/codes'] input[name=name]", "North laptop 2")
    Select(
        browser.find("form[action='/admin/devices/codes'] select[name=hub]")
    ).select_by_visible_text("North Park")
    Select(
        browser.find("form[action='/admin/devices/codes'] select[name=days]")
    ).select_by_visible_text("3 días")
    browser.click("form[action='/admin/devices/codes'] button")

    browser.click_link("Registro de actividad")
    assert browser.find("h1").text == "Registro de actividad"
    new = device["key"] + 1
    assert audit_rows(browser) == [
        ["mar 24 nov 2026, 11:30", "office", "código de registro emitido",
         f"dispositivo {new} (North laptop 2)", "para North Park; válido por 3 días"],
        ["mar 24 nov 2026, 11:30", "office", "dispositivo revocado",
         f"dispositivo {device['key']} (North laptop 1)", "nunca informó sus cambios pendientes"],
        ["mar 24 nov 2026, 11:30", "office", "inició sesión", "", "como administrador(a)"],
        # recorded before: its action translated, its English detail as it was written
        ["mar 24 nov 2026, 11:30", "office", "sede con nombre cambiado", "hub North Park",
         "was North Side"],
        ["mar 24 nov 2026, 11:30", cli_es, "código de registro emitido",
         f"dispositivo {device['key']} (North laptop 1)", "para North Park; válido por 7 días"],
        ["mar 24 nov 2026, 11:30", cli_es, "sede creada", "sede North Park", f"identificador {north}"],
        ["mar 24 nov 2026, 11:30", cli_es, "usuario de la consola agregado",
         "office", "como administrador(a)"],
    ]  # fmt: skip

    # the same entries for a reader of English
    browser.click_link("English")
    assert browser.find("h1").text == "Audit log"
    assert audit_rows(browser) == [
        ["Tue 24 Nov 2026, 11:30", "office", "enrollment code issued",
         f"device {new} (North laptop 2)", "for North Park; valid 3 days"],
        ["Tue 24 Nov 2026, 11:30", "office", "device revoked",
         f"device {device['key']} (North laptop 1)", "it never reported its changes waiting"],
        ["Tue 24 Nov 2026, 11:30", "office", "signed in", "", "as admin"],
        ["Tue 24 Nov 2026, 11:30", "office", "hub renamed", "hub North Park", "was North Side"],
        ["Tue 24 Nov 2026, 11:30", cli_en, "enrollment code issued",
         f"device {device['key']} (North laptop 1)", "for North Park; valid 7 days"],
        ["Tue 24 Nov 2026, 11:30", cli_en, "hub created", "hub North Park", f"id {north}"],
        ["Tue 24 Nov 2026, 11:30", cli_en, "console user added", "office", "as admin"],
    ]  # fmt: skip


def audit_rows(browser: Browser) -> list[list[str]]:
    """The audit table's rows, each its cells' text as shown."""
    return [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in browser.all("table.audit tbody tr")
    ]
