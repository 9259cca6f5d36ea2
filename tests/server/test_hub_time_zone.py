"""A hub's times in its own time zone: the console shows a hub's last sync in the zone its
days late and "Synced today" are counted in (the ``timezone`` of its synced row), naming
the zone when the console's differs.

North Park is in Los Angeles; the console runs in UTC. Its laptop synced on Thursday
19 November at 19:00 there, which is Friday 03:00 in UTC: on Friday morning in Los
Angeles it has "not yet" synced today, and the page says its last sync was on Thursday
at 19:00 PST, not on Friday at 03:00.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from harmony_sync.server.admin.health import build_report
from harmony_sync.server.admin.i18n import Language
from tests.server.console import signed_in
from tests.server.test_overdue_rule import FRI, THU, a_hub_in_los_angeles, pacific

TITLE = "In the hub&#39;s time zone, America/Los_Angeles; the console&#39;s is UTC."
TITLE_ES = "En la zona horaria de la sede, America/Los_Angeles; la de la consola es UTC."


def cell(page: str, row: str, css: str = "when") -> str:
    """The first ``<td class=css>`` of the table row marked ``row`` (``data-…="…"``)."""
    match = re.search(rf'<tr[^>]*{row}[^>]*>.*?<td class="{css}">(.*?)</td>', page, re.S)
    assert match, row
    return " ".join(match.group(1).split())


def test_a_hubs_last_sync_reads_in_its_own_time_zone(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = a_hub_in_los_angeles(engine, hubs, [])
    console.clock.now = pacific(FRI, 9)  # Friday 17:00 in UTC
    [device] = build_report(engine, console.settings).devices
    assert device.last_success_at == datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    admin, _ = signed_in(console, "ana")
    zone = f'<abbr class="zone" title="{TITLE}">PST</abbr>'
    page = admin.get("/admin?lang=en").text
    # Friday in Los Angeles: it has not synced today, and its last sync was Thursday's
    assert "<strong>not yet today</strong>" in page
    assert cell(page, f'data-device="{device.key}"').startswith(f"Thu 19 Nov, 19:00 {zone}<br>")
    hubs_page = admin.get("/admin/hubs?lang=en").text
    assert cell(hubs_page, f'data-hub="{north}"').startswith(f"Thu 19 Nov, 19:00 {zone}<br>")
    device_page = admin.get(f"/admin/devices/{device.key}?lang=en").text
    assert f"Thu 19 Nov, 19:00 {zone}<br>" in device_page  # last successful sync
    assert f"Thu 19 Nov 2026, 19:00 {zone}" in device_page  # last contact, in full
    revoke = admin.get(f"/admin/devices/{device.key}/revoke?lang=en").text
    assert "At its last contact (Thu 19 Nov 2026, 19:00 PST) it did not report" in revoke
    spanish = admin.get("/admin/hubs?lang=es").text
    zone_es = f'<abbr class="zone" title="{TITLE_ES}">PST</abbr>'
    assert cell(spanish, f'data-hub="{north}"').startswith(f"jue 19 nov, 19:00 {zone_es}<br>")
    health_es = admin.get("/admin?lang=es").text
    assert "<strong>todavía no hoy</strong>" in health_es
    assert cell(health_es, f'data-device="{device.key}"').startswith(
        f"jue 19 nov, 19:00 {zone_es}<br>"
    )
    # Thursday evening there (Friday 04:00 in UTC): synced today, and it reads Thursday
    console.clock.now = pacific(THU, 20)
    page = admin.get("/admin?lang=en").text
    assert '<span class="ok">yes, all 1</span>' in page
    assert cell(page, f'data-device="{device.key}"').startswith(f"Thu 19 Nov, 19:00 {zone}<br>")


def test_a_console_in_the_hubs_zone_names_no_zone(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = a_hub_in_los_angeles(engine, hubs, [])
    console.settings.timezone = "America/Los_Angeles"
    console.clock.now = pacific(FRI, 9)
    admin, _ = signed_in(console, "ana")
    hubs_page = admin.get("/admin/hubs?lang=en").text
    assert cell(hubs_page, f'data-hub="{north}"').startswith("Thu 19 Nov, 19:00<br>")
    assert 'class="zone"' not in hubs_page + admin.get("/admin?lang=en").text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("America/Los_Angeles", "PST"),  # in November
        ("America/New_York", "EST"),
        ("America/Bogota", "UTC-5"),  # the time zone database has no word for it
        ("Asia/Kolkata", "IST"),
        ("America/St_Johns", "NST"),
        ("Asia/Kathmandu", "UTC+5:45"),
        ("Etc/GMT+3", "UTC-3"),
        ("UTC", "UTC"),
    ],
)
def test_a_zone_is_named_by_its_abbreviation_else_its_offset(name: str, expected: str) -> None:
    moment = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    assert Language("es", ZoneInfo("UTC")).zone_name(moment, ZoneInfo(name)) == expected


def test_a_zone_is_named_only_when_its_time_differs() -> None:
    lang = Language("en", ZoneInfo("America/Los_Angeles"))
    summer, winter = datetime(2026, 7, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    # Phoenix keeps standard time: the same as Los Angeles in summer, an hour on in winter
    assert not lang.other_zone(summer, ZoneInfo("America/Phoenix"))
    assert lang.other_zone(winter, ZoneInfo("America/Phoenix"))
    assert not lang.other_zone(winter, ZoneInfo("America/Vancouver"))
    assert not lang.other_zone(winter, None)
