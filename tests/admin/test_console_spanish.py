"""The console in Spanish in a real browser: Debian's Chromium whose language preference
is Spanish (its ``Accept-Language``), against a real ``harmony-sync serve`` process whose
clock is fixed (``HARMONY_SYNC_NOW``) so the dates shown can be written out here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
