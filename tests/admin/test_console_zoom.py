"""The console at 200 % zoom: a 1280x720 screen read at twice the size is 640x360 CSS
pixels (device scale factor 2). The office must reach every page's words without
scrolling the whole page sideways: only a wide table scrolls, inside its own box.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harmony_desktop.__main__ import main as desktop
from tests.admin.conftest import ADMIN_PASSWORD, Browser
from tests.admin.test_console_browser import eventually, issue_code, record_students
from tests.support.sync_server import SyncServer

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_reflows_at_200_percent_zoom(
    server: SyncServer, browser: Browser, tmp_path: Path, language: str
) -> None:
    north = server.add_hub("North Park")
    browser.open("/admin/login")
    browser.sign_in("office", ADMIN_PASSWORD)
    code = issue_code(browser, "North Park laptop 1", "North Park")
    laptop = tmp_path / "laptop"
    laptop.mkdir()  # a --data-dir must exist
    assert (
        desktop(["--data-dir", str(laptop), "enroll", "--server", server.url, "--code", code]) == 0
    )
    record_students(laptop, north, ["Ana", "Ben"])
    assert desktop(["--data-dir", str(laptop), "sync"]) == 0
    [device] = server.list_devices()
    browser.open(f"/admin?lang={language}")
    eventually(lambda: bool(browser.all("table.devices tbody tr[data-device]")), browser)
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 640, "height": 360, "deviceScaleFactor": 2, "mobile": False},
    )
    for path in (
        "/admin",
        "/admin/devices",
        f"/admin/devices/{device['key']}",
        f"/admin/devices/{device['key']}/revoke",
        "/admin/hubs",
        "/admin/audit",
    ):
        browser.open(path)
        wide, shown, view = browser.driver.execute_script(
            "const page = document.documentElement;"
            "return [page.scrollWidth, page.clientWidth, window.innerWidth]"
        )
        assert view == 640 and shown <= 640
        assert (path, wide) == (path, shown)  # nothing beyond the window's right edge
    # the device page's facts: the labels wrap, the values keep at least half the width
    # (the longest label, "Conflicts from its changes, waiting for review", used to take
    # its whole length and leave the values a word per line)
    browser.open(f"/admin/devices/{device['key']}")
    inner, values, labels = browser.driver.execute_script(
        "const list = document.querySelector('dl.facts');"
        "const width = e => e.getBoundingClientRect().width;"
        "const style = getComputedStyle(list);"
        "const inner = list.clientWidth - parseFloat(style.paddingLeft)"
        " - parseFloat(style.paddingRight);"
        "return [inner, [...list.querySelectorAll('dd')].map(width),"
        " [...list.querySelectorAll('dt')].map(width)];"
    )
    # eight facts, and whom to call about its hub (none set here)
    assert len(values) == 9 and min(values) >= inner / 2, (inner, values, labels)
    assert max(labels) <= inner * 0.4 + 1, (inner, labels)
