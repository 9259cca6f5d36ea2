"""The Hubs page fits a 1280x720 screen, and a 1024x600 one, in English and Spanish: no
column beyond the window's right edge, nothing to scroll sideways.

Its table used to scroll sideways at 1280 px: each hub's id (36 characters) took a column
of its own, and a flag under a sync time never wrapped. The id now shows its first
characters, the whole of it in the tooltip, and one click selects all of it to copy.

Headless Debian Chromium on the console app served from this process (uvicorn on
127.0.0.1), its clock set by hand: a Tuesday afternoon in Los Angeles, the console's zone
UTC, so each time names its zone (the widest case). An admin's page: the rename and
archive columns too. Four hubs: one flagged for a missed meeting, one whose ensembles are
all archived (flagged, with the longest words), one counted Monday to Friday for want of
ensembles, one current, two with whom to call.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import uvicorn
from selenium.webdriver.common.action_chains import ActionChains

from harmony_sync.server import accounts, db
from tests.admin.conftest import Browser, start_chromium
from tests.server.console import PASSWORD, Clock, Console
from tests.server.fakes import Laptop, new_id
from tests.support.ports import free_port

pytestmark = pytest.mark.slow

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 24, 16, 30, tzinfo=LOS_ANGELES)  # a Tuesday


def sync(console: Console, laptop: Laptop, when: datetime, rows: list | None = None) -> None:  # type: ignore[type-arg]
    """A complete sync of ``laptop`` at ``when`` (Los Angeles), pushing ``rows`` first."""
    console.clock.now = when
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    if rows:
        laptop.push(rows)
    laptop.pull_all()


def programme(console: Console) -> dict[str, str]:
    """The hubs, their laptops' syncs and whom to call; returns hub ids by name."""
    engine, client = console.engine, console.client()
    accounts.set_programme_name(engine, "Eastside Youth Strings")
    ids = {
        name: accounts.add_hub(engine, name)
        for name in ("West Center", "Eastside Library", "North Park", "South School")
    }
    tue_thu = [{"weekday": d, "start": "15:30", "end": "17:00"} for d in (1, 3)]
    weekdays = [{"weekday": d, "start": "15:30", "end": "17:00"} for d in range(5)]
    ensembles = {
        "West Center": [{"schedule": json.dumps(tue_thu)}],
        "Eastside Library": [{"schedule": json.dumps(tue_thu), "archived": True}],
        "North Park": [],
        "South School": [{"schedule": json.dumps(weekdays)}],
    }
    last_sync = {
        "West Center": NOW - timedelta(days=6, hours=1),  # Wednesday 15:30
        "Eastside Library": NOW - timedelta(days=6),
        "North Park": NOW - timedelta(minutes=18),
        "South School": NOW - timedelta(minutes=10),
    }
    for name, hub in ids.items():
        laptop = Laptop(client, engine, [hub])
        accounts.rename_device(engine, laptop.key, f"{name} laptop 1")
        values = {"name": name, "timezone": "America/Los_Angeles"}
        rows = [laptop.mutation("hub", hub, hub, values)]
        rows += [
            laptop.mutation("ensemble", new_id(), hub, {"name": "Strings", **e})
            for e in ensembles[name]
        ]
        sync(console, laptop, NOW - timedelta(days=7), rows)
        sync(console, laptop, last_sync[name])
    accounts.set_hub_contact(engine, ids["West Center"], "Daniel Ortiz, 555-0188")
    accounts.set_hub_contact(
        engine, ids["South School"], "Marisol Vega (site lead), 555-0131, after 3 pm"
    )
    console.flush()
    console.clock.now = NOW
    console.add_user("office")
    client.close()
    return ids


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """The console on 127.0.0.1 with the programme above: its address and hub ids."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    db.upgrade(engine)
    console = Console(engine, Clock(NOW))
    ids = programme(console)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(console.app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the console did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", ids
    finally:
        server.should_exit = True
        thread.join(10)
        engine.dispose()


def widths(browser: Browser) -> dict[str, int]:
    """How wide the page and the hubs table's box are, and how wide they show."""
    found = browser.driver.execute_script(
        "const page = document.scrollingElement;"
        "const box = document.querySelector('table.hubs').parentElement;"
        "return {page: page.scrollWidth, page_shown: page.clientWidth,"
        " table: box.scrollWidth, table_shown: box.clientWidth, view: window.innerWidth};"
    )
    return {key: int(value) for key, value in found.items()}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_hubs_page_fits_1280_and_1024_wide(
    served: tuple[str, dict[str, str]], language: str
) -> None:
    url, ids = served
    driver = start_chromium(width=1280, height=720)
    try:
        browser = Browser(driver, url)
        browser.open("/admin/login")
        browser.sign_in("office", PASSWORD)
        for width, height in ((1280, 720), (1024, 600)):
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            browser.open(f"/admin/hubs?lang={language}")
            seen = widths(browser)
            assert seen["view"] == width, seen
            assert seen["page"] <= seen["page_shown"], (width, seen)  # no page scroll
            assert seen["table"] <= seen["table_shown"], (width, seen)  # nor the table's
            # with what makes it wide: two flags, a note, whom to call, four renames
            flags = [e.text for e in browser.all("table.hubs .flag")]
            assert len(flags) == 2 and len(browser.all("table.hubs .note")) == 1, flags
            assert len(browser.all("table.hubs input[name=name]")) == 4
        # each id: its first characters, the whole id in the tooltip and in the text
        for name, hub in ids.items():
            code = browser.find(f"tr[data-hub='{hub}'] td.id code")
            assert code.get_attribute("title") == hub, name
            assert code.get_attribute("textContent") == hub
            assert code.size["width"] < 90, code.size  # 36 characters would take ~290
        # one click selects the whole id, for copying
        code = browser.find(f"tr[data-hub='{ids['North Park']}'] td.id code")
        ActionChains(driver).click(code).perform()
        assert driver.execute_script("return window.getSelection().toString()") == ids["North Park"]
    finally:
        driver.quit()
