"""Browser tests of the console: Debian's Chromium, driven by Selenium, against a real
``harmony-sync serve`` process on 127.0.0.1 and real laptops (``harmony-desktop``).

Chromium runs headless with every background service off (no updates, no sync, no QUIC,
no network of its own): it only ever talks to the loopback server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.ports import free_port
from tests.support.sync_server import SyncServer

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Generous: on a loaded 2-core machine a server process can take long to import and start.
START_TIMEOUT = 120.0
ADMIN_PASSWORD = "office admin password"
VIEWER_PASSWORD = "office viewer password"


def start_chromium(
    width: int = 1280, height: int = 900, languages: str = "en-US,en"
) -> webdriver.Chrome:
    """Headless Debian Chromium through its matching chromedriver; ``languages`` is the
    browser's language preference (its ``Accept-Language``)."""
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.fail("chromium and chromium-driver are missing: run ./dev test (it installs them)")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--lang={languages.split(',')[0]}")
    options.add_experimental_option("prefs", {"intl.accept_languages": languages})
    # chromedriver's own port from this process's block: left to selenium, it is found by
    # binding port 0 and closing it, which another worker could be given meanwhile.
    service = Service(CHROMEDRIVER, port=free_port())
    return webdriver.Chrome(service=service, options=options)


class Browser:
    """A Chromium window on the console, with the few actions the tests need."""

    def __init__(self, driver: webdriver.Chrome, base_url: str) -> None:
        self.driver = driver
        self.base_url = base_url

    def open(self, path: str) -> None:
        """Load a console page."""
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        """The current page's path and query."""
        return self.driver.current_url.removeprefix(self.base_url)

    @property
    def text(self) -> str:
        """Everything the page shows, as a person reads it."""
        return self.driver.find_element(By.TAG_NAME, "body").text

    def find(self, css: str) -> WebElement:
        """The element matching a CSS selector."""
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str) -> list[WebElement]:
        """Every element matching a CSS selector."""
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css: str, value: str) -> None:
        """Type into a field (replacing what it held)."""
        field = self.find(css)
        field.clear()
        field.send_keys(value)

    def _navigating(self, element: WebElement) -> None:
        """Click ``element`` and wait until the next page has replaced this one."""
        page = self.find("html")
        element.click()
        WebDriverWait(self.driver, 60).until(lambda _driver: replaced(page))

    def click(self, css: str) -> None:
        """Click a button or link that loads another page, and wait for it."""
        self._navigating(self.find(css))

    def click_link(self, text: str) -> None:
        """Follow the link showing ``text`` and wait for the page."""
        self._navigating(self.driver.find_element(By.PARTIAL_LINK_TEXT, text))

    def sign_in(self, name: str, password: str) -> None:
        """Use the sign-in form (the page must be showing it)."""
        assert "/admin/login" in self.path, self.path
        self.fill("input[name=name]", name)
        self.fill("input[name=password]", password)
        self.click("form button[type=submit]")

    def sign_out(self) -> None:
        """Use the header's sign-out button."""
        self.click("form.signout button")


def replaced(page: WebElement) -> bool:
    """Whether ``page`` (the old page's root) has left the document: Selenium's
    ``staleness_of``, also when chromedriver, asked in the middle of the navigation, answers
    "Node with given id does not belong to the document" instead of a stale element."""
    try:
        page.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as err:
        if "does not belong to the document" in str(err):
            return True
        raise
    return False


def add_console_user(server: SyncServer, name: str, role: str, password: str) -> None:
    """``harmony-sync admin add-user``, the password on standard input."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "harmony_sync.server.cli",
            "admin",
            "add-user",
            name,
            "--role",
            role,
            "--database-url",
            server.database_url,
        ],
        input=password + "\n",
        capture_output=True,
        text=True,
        env=server.env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(autouse=True)
def _token_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Laptops in these tests never touch the real keyring."""
    monkeypatch.setenv("HARMONY_TOKEN_STORE", "file")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SyncServer]:
    """A real server on plain-http loopback (so the session cookie is not Secure)."""
    running = SyncServer.sqlite(tmp_path, env={"HARMONY_SYNC_COOKIE_SECURE": "0"})
    try:
        running.start(timeout=START_TIMEOUT)
        add_console_user(running, "office", "admin", ADMIN_PASSWORD)
        add_console_user(running, "board", "viewer", VIEWER_PASSWORD)
        yield running
    finally:
        running.stop()


@pytest.fixture
def browser(server: SyncServer) -> Iterator[Browser]:
    """A headless Chromium on the server's console."""
    driver = start_chromium()
    try:
        yield Browser(driver, server.url)
    finally:
        driver.quit()
