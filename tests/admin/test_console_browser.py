"""The programme office's console in a real browser, against a real server and laptops.

The laptop is the desktop app's own command line (``harmony-desktop enroll`` and
``harmony-desktop sync``) on a data folder of its own; its roster changes are made
through the desktop's services. The quiet period is simulated by restarting the server
with ``HARMONY_SYNC_NOW`` a week ahead: no sleeping.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

from harmony_desktop.__main__ import main as desktop
from harmony_desktop.startup import open_app
from tests.admin.conftest import ADMIN_PASSWORD, START_TIMEOUT, VIEWER_PASSWORD, Browser
from tests.support.sync_server import SyncServer

pytestmark = pytest.mark.slow


def eventually(check: Callable[[], bool], browser: Browser, timeout: float = 30.0) -> None:
    """Reload until ``check()`` holds: contacts are written just after the response."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, browser.text
        time.sleep(0.2)
        browser.driver.refresh()


def record_students(data: Path, hub_id: str, names: list[str]) -> None:
    """Enter generated students on the laptop (changes waiting to be synced)."""
    with open_app(data) as services:
        for n, name in enumerate(names):
            services.roster.create_student(
                hub_id,
                {
                    "legal_first_name": name,
                    "legal_last_name": "Example",
                    "date_of_birth": dt.date(2016, 1 + n, 1),
                    "grade": "3",
                    "instrument": "cello",
                },
                [],
            )


def issue_code(browser: Browser, device: str, hub: str) -> str:
    """Use the devices page to issue a code; return it as the page shows it."""
    browser.open("/admin/devices")
    browser.fill("form[action='/admin/devices/codes'] input[name=name]", device)
    Select(
        browser.find("form[action='/admin/devices/codes'] select[name=hub]")
    ).select_by_visible_text(hub)
    browser.click("form[action='/admin/devices/codes'] button")
    assert "it is not shown again" in browser.text
    return browser.find("#enrollment-code").text


def test_office_enrolls_watches_and_revokes_a_laptop(
    server: SyncServer, browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    north = server.add_hub("North Park")
    server.add_hub("South School")
    browser.open("/admin")
    assert browser.path.startswith("/admin/login")
    browser.sign_in("office", ADMIN_PASSWORD)
    assert browser.path == "/admin" and "Sync health" in browser.text

    # an enrollment code, and a real laptop enrolled with it
    code = issue_code(browser, "North laptop 1", "North Park")
    laptop = tmp_path / "laptop"
    laptop.mkdir()  # a --data-dir must exist
    enroll = ["--data-dir", str(laptop), "enroll", "--server", server.url, "--code", code]
    assert desktop([*enroll, "--name", "North laptop 1"]) == 0
    assert "North Park" in capsys.readouterr().out
    [device] = server.list_devices()
    key = device["key"]
    record_students(laptop, north, ["Ana", "Ben", "Cleo"])
    assert desktop(["--data-dir", str(laptop), "sync"]) == 0
    assert "sync ok" in capsys.readouterr().out

    browser.open("/admin")
    row = f"tr[data-device='{key}']"
    eventually(lambda: "current" in browser.find(row).text, browser)
    assert "flagged" not in browser.find(row).get_attribute("class")
    assert "harmony-desktop" in browser.find(row).text  # the app version it sent
    assert "all 1 current" in browser.find(f"tr[data-hub='{north}']").text
    browser.click(f"{row} a")
    history = browser.find("table.history tbody tr").text
    assert history.startswith(browser.find("table.history tbody tr td").text)
    assert " ok " in f" {history} " and " 3 " in f" {history} "  # three students sent

    # seven days of silence (a clock override on the server, no sleeping): the days after
    # the sync up to and including today are one whole week, five school days whatever
    # the weekday today (after eight days it would be five or six)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    server.stop()
    server.env["HARMONY_SYNC_NOW"] = later.isoformat()
    server.start(timeout=START_TIMEOUT)
    browser.open("/admin")
    assert browser.path.startswith("/admin/login")  # days later the session is over
    browser.sign_in("office", ADMIN_PASSWORD)
    flagged = browser.find(row)
    assert "flagged" in flagged.get_attribute("class")
    assert (
        "overdue: last synced 5 school days ago, Monday to Friday, as the server knows no ensemble of its hub yet (flagged at 2 or more)"
        in flagged.text
    )
    assert "1 of 1 flagged" in browser.find(f"tr[data-hub='{north}']").text
    assert "1 device needs attention." in browser.text
    health = subprocess.run(
        [
            sys.executable,
            "-m",
            "harmony_sync.server.cli",
            "admin",
            "health",
            "--json",
            "--database-url",
            server.database_url,
        ],
        capture_output=True,
        text=True,
        env=server.env,
        timeout=60,
    )
    assert health.returncode == 1
    assert json.loads(health.stdout)["devices"][0]["flags"] == [
        "overdue: last synced 5 school days ago, Monday to Friday, as the server knows no ensemble of its hub yet (flagged at 2 or more)"
    ]

    # revoke, with the confirmation saying what happens to unsynced changes
    browser.click(f"{row} a")
    browser.click_link("Revoke this device")
    confirmation = browser.find(".consequence").text
    assert "it had no changes waiting" in confirmation
    assert "enroll the laptop again" in confirmation
    browser.click("form button.danger")
    assert "Device revoked" in browser.text
    record_students(laptop, north, ["Dara"])
    assert desktop(["--data-dir", str(laptop), "sync"]) == 2  # a person must act
    assert "[device_revoked]" in capsys.readouterr().out
    eventually(lambda: "refused: it is revoked" in browser.text, browser)

    # as the confirmation promised: enrolled again, the laptop sends what it kept
    code = issue_code(browser, "North laptop 1 again", "North Park")
    assert (
        desktop(["--data-dir", str(laptop), "enroll", "--server", server.url, "--code", code]) == 0
    )
    assert desktop(["--data-dir", str(laptop), "sync"]) == 0
    capsys.readouterr()
    browser.open("/admin/audit")
    for action in ("enrollment code issued", "device revoked", "signed in"):
        assert action in browser.text
    assert code not in browser.text


def test_a_viewer_sees_everything_and_cannot_revoke(server: SyncServer, browser: Browser) -> None:
    north = server.add_hub("North Park")
    server.enroll_device("North laptop 1", [north])
    [device] = server.list_devices()
    browser.open("/admin/devices")
    browser.sign_in("board", VIEWER_PASSWORD)
    assert browser.path == "/admin/devices"
    assert "North laptop 1" in browser.text and "Issue an enrollment code" not in browser.text
    browser.click_link("North laptop 1")
    assert "Revoke this device" not in browser.text and "Rename" not in browser.text
    browser.open(f"/admin/devices/{device['key']}/revoke")
    assert "Only administrators can revoke devices." in browser.text
    assert browser.all("button.danger") == []
    # even a hand-made form with the viewer's own valid token is refused
    browser.driver.execute_script(
        """const form = document.createElement('form');
        form.method = 'post'; form.action = arguments[0];
        const token = document.querySelector('input[name=csrf_token]').cloneNode();
        form.appendChild(token); document.body.appendChild(form); form.submit();""",
        f"/admin/devices/{device['key']}/revoke",
    )
    eventually(lambda: "Viewers cannot change anything" in browser.driver.page_source, browser, 5)
    assert server.list_devices()[0]["status"] == "awaiting enrollment"
