"""The office sets whom to call about a hub with the keyboard alone, in a real Chromium
against a real server: Tab to the hub's contact field, type, Tab to its Save button,
Enter."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.admin.conftest import ADMIN_PASSWORD, Browser, replaced
from tests.support.sync_server import SyncServer

pytestmark = pytest.mark.slow

CONTACT = "Rosa Quintero (site lead), 555-0142"


def focused(browser: Browser) -> WebElement:
    """The element that has the keyboard focus."""
    return browser.driver.switch_to.active_element


def tab_to(browser: Browser, css: str, most: int = 60) -> WebElement:
    """Press Tab until the element matching ``css`` has the focus; fail after ``most``."""
    target = browser.find(css)
    for _ in range(most):
        if focused(browser) == target:
            return target
        focused(browser).send_keys(Keys.TAB)
    pytest.fail(f"{css} never got the focus by Tab")


def test_the_office_sets_a_hubs_contact_by_keyboard(server: SyncServer, browser: Browser) -> None:
    browser.open("/admin/hubs")
    browser.sign_in("office", ADMIN_PASSWORD)
    browser.open("/admin/hubs")
    browser.fill("form[action='/admin/hubs'] input[name=name]", "North Park")
    browser.click("form[action='/admin/hubs'] button")
    assert "Hub created." in browser.text
    [row] = browser.all("tr[data-hub]")
    hub = row.get_attribute("data-hub")
    field_css = f"form[action='/admin/hubs/{hub}/contact'] input[name=contact]"
    assert browser.find(field_css).get_attribute("value") == ""
    # from the top of the page, by keyboard only
    browser.find("body").click()
    field = tab_to(browser, field_css)
    assert field.get_attribute("aria-label") == "Whom to call about North Park: name and phone"
    field.send_keys(CONTACT)
    field.send_keys(Keys.TAB)
    button = focused(browser)
    assert button.tag_name == "button" and button.text == "Save"
    page = browser.find("html")
    button.send_keys(Keys.ENTER)
    WebDriverWait(browser.driver, 60).until(lambda _driver: replaced(page))
    assert browser.path == "/admin/hubs?notice=contact-saved"
    assert "Contact saved." in browser.text
    assert browser.find(field_css).get_attribute("value") == CONTACT
    # the audit log says who set a contact for which hub, not what the contact is
    browser.open("/admin/audit")
    assert "hub contact set" in browser.text and "hub North Park" in browser.text
    assert "555-0142" not in browser.text
