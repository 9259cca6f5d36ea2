"""The office marks a laptop's refused changes as dealt with by keyboard alone, in a real
Chromium against a real server: the laptop, flagged on Sync health, is current again at
once, and its page lists the change greyed with who marked it."""

from __future__ import annotations

import uuid

import httpx
import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from harmony_sync.hlc import HybridLogicalClock
from tests.admin.conftest import ADMIN_PASSWORD, Browser, replaced
from tests.admin.test_console_hub_contact import tab_to
from tests.server.fakes import VERSION_HEADERS
from tests.support.sync_server import SyncServer

pytestmark = pytest.mark.slow


def push_a_refused_change(server: SyncServer, hub: str) -> None:
    """Enroll a laptop through the API and push one student whose date of birth is not a
    date: the server refuses it for good (the laptop keeps it in Needs review)."""
    code = server.enroll_device("North laptop 1", [hub])
    node = uuid.uuid4().hex[:16]
    with httpx.Client(base_url=server.url, timeout=60) as client:
        enrolled = client.post(
            "/v1/enroll", json={"code": code, "device_id": node}, headers=VERSION_HEADERS
        )
        assert enrolled.status_code == 200, enrolled.text
        body = enrolled.json()
        headers = {**VERSION_HEADERS, "Authorization": f"Bearer {body['device_token']}"}
        stamp = HybridLogicalClock(node).now()
        values = {"legal_first_name": "Zed", "date_of_birth": "31/02/2015"}
        pushed = client.post(
            "/v1/push",
            json={
                "epoch": body["epoch"],
                "mutations": [
                    {
                        "mutation_id": 1,
                        "table": "student",
                        "row_id": str(uuid.uuid4()),
                        "hub_id": hub,
                        "values": values,
                        "clocks": dict.fromkeys(values, stamp),
                        "bases": dict.fromkeys(values),
                    }
                ],
            },
            headers=headers,
        )
        assert pushed.status_code == 200, pushed.text
        assert [r["status"] for r in pushed.json()["results"]] == ["rejected"]


def test_the_office_marks_refused_changes_dealt_with_by_keyboard(
    server: SyncServer, browser: Browser
) -> None:
    north = server.add_hub("North Park")
    push_a_refused_change(server, north)
    browser.open("/admin")
    browser.sign_in("office", ADMIN_PASSWORD)
    browser.open("/admin")
    assert "1 device needs attention." in browser.text
    assert "1 change refused by the server in the last 7 days" in browser.text
    browser.click_link("North laptop 1")
    device_path = browser.path
    assert browser.find("table.refused tbody tr").get_attribute("class") == ""
    # from the top of the page, by keyboard only
    browser.find("body").click()
    button = tab_to(browser, "form[action$='/refusals-dealt'] button")
    assert button.text == "Mark 1 refused change as dealt with"
    page = browser.find("html")
    button.send_keys(Keys.ENTER)
    WebDriverWait(browser.driver, 60).until(lambda _driver: replaced(page))
    assert browser.path == device_path + "?notice=dealt"
    assert "Marked as dealt with: these refused changes no longer flag the laptop." in (
        browser.text
    )
    assert browser.all("form[action$='/refusals-dealt']") == []
    [row] = browser.all("table.refused tbody tr")
    assert row.get_attribute("class") == "dealt"
    assert row.find_element("css selector", "td.dealt-by").text.startswith("marked by office, ")
    assert "1 change refused" not in browser.text
    # Sync health: current at once
    browser.open("/admin")
    assert "needs attention" not in browser.text
    assert "all 1 current" in browser.text
    # the audit log says who marked how many, never what the change was
    browser.open("/admin/audit")
    assert "refused changes marked dealt with" in browser.text
    assert "1 refused change" in browser.text
    assert "Zed" not in browser.text and "date_of_birth" not in browser.text
