"""Screenshots of the sync-health console for docs/screenshots/ (generated data).

Run from the repository root: ``.venv/bin/python -m scripts.screenshots_console``
(needs the ``chromium`` and ``chromium-driver`` Debian packages, as the tests do).

A server app on a temporary SQLite file gets five hubs and their laptops, which sync
through the real API (in-process) at moments spread over a week, with the console's
clock moved by hand; each hub's laptop syncs its ensembles first (South School meets every
weekday, West Center on Tuesday and Thursday, the others Monday to Thursday), so the
console counts silence in meeting days. One laptop of South School last synced on
Wednesday with a backlog (4 meeting days ago on Tuesday afternoon), so its hub is
flagged, and so is West Center's only laptop (Thursday's and Tuesday's classes missed; that
hub keeps Mountain time, so its times name their zone), and Harbor Annex's, whose only
ensemble is archived (silent since Wednesday, counted Monday to Friday); on Monday
a change of Eastside Library's laptop was refused. Then uvicorn serves the app on 127.0.0.1 and
headless Chromium takes full-page pictures of:

- console-health.png: sync health, one hub overdue, and which hubs synced today;
- console-devices.png: the devices page, with the enrollment-code form;
- console-revoke.png: the revoke confirmation, saying what happens to unsynced changes;
- console-health-es.png: sync health in Spanish, for a browser that prefers Spanish;
- console-audit.png, console-audit-es.png: the audit log of the office's week (a console
  user added, a mistyped name, a lost laptop revoked, a hub renamed, a refused change
  marked dealt with, a code issued), in English and in Spanish;
- console-device.png, console-device-es.png: Eastside Library's laptop, one of whose
  changes the server refused on Monday (a date of birth typed as text), with what to do
  and the button that marks it dealt with, greyed below it the one refused on Thursday (a
  note pasted into a name) that the office marked dealt with on Friday, and its sync
  history (a push refused that morning for its clock), in English and Spanish;
- console-hubs.png, console-hubs-es.png: the hubs, the one whose newest sync is oldest
  first: West Center, whose only laptop last synced on Wednesday, flagged, its time in
  its own zone (Mountain time, MST); Harbor Annex, whose only ensemble is archived, so
  it meets on no day, flagged too, counted Monday to Friday; the programme's name (set
  in the console, as the header of every picture shows), whom to call about each hub,
  and each hub's id, shortened (the whole of it in its tooltip), in English and Spanish.

Beside South School and West Center, flagged on Sync health, the office reads whom to
call; Eastside Library, flagged for its refused change, and Harbor Annex have no contact
set.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update
from tests.admin.conftest import Browser, start_chromium
from tests.server.console import PASSWORD, Clock, csrf_of
from tests.server.fakes import Laptop, new_id
from tests.support.ports import free_port

from harmony_sync.server import accounts, db
from harmony_sync.server.admin import audit, users
from harmony_sync.server.admin.settings import ConsoleSettings
from harmony_sync.server.app import create_app
from harmony_sync.server.store import REJECTIONS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
ZONE = ZoneInfo("America/Los_Angeles")
#: Whom the office calls about South School and West Center (invented names and 555-01xx
#: numbers); North Park and Eastside Library have no contact set.
SOUTH_LEAD = "Marisol Vega (site lead), 555-0131"
WEST_LEAD = "Daniel Ortiz, 555-0188"
#: "Now" in the pictures: a Tuesday afternoon.
NOW = datetime(2026, 11, 24, 16, 30, tzinfo=ZONE)


def at(days_before: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A moment ``days_before`` days before NOW's date, at the given local time."""
    day = NOW - timedelta(days=days_before)
    return day.replace(hour=hour, minute=minute, second=second)


def sync(laptop: Laptop, clock: Clock, when: datetime, waiting: int, rows: int = 0) -> None:
    """One complete sync at ``when`` (console time), reporting ``waiting`` changes."""
    clock.now = when
    laptop.client.headers.update(
        {"Harmony-Outbox-Size": str(waiting), "Harmony-App-Version": "harmony-desktop 0.1.0"}
    )
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    hub = laptop.enrollment["hubs"][0]["id"] if laptop.enrollment["hubs"] else None
    if rows and hub:
        marks = [
            laptop.mutation("student", new_id(), hub, {"legal_first_name": f"Student {n}"})
            for n in range(rows)
        ]
        laptop.push(marks)
    laptop.pull_all()


def build(engine, clock: Clock) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Hubs, laptops and a week of syncs; returns device keys by name."""
    settings = ConsoleSettings(clock=clock, timezone="America/Los_Angeles", secure_cookies=False)
    app = create_app(engine, settings)
    client = TestClient(app)
    north = accounts.add_hub(engine, "North Park")
    south = accounts.add_hub(engine, "South School")
    east = accounts.add_hub(engine, "East Library")  # renamed in the console below
    keys: dict[str, int] = {}

    def laptop(name: str, hub: str | None) -> Laptop:
        made = Laptop(client, engine, [hub] if hub else [], data_manager=hub is None)
        accounts.rename_device(engine, made.key, name)
        keys[name] = made.key
        return made

    n1, n2 = laptop("North Park laptop 1", north), laptop("North Park laptop 2", north)
    s1, s2 = laptop("South School laptop 1", south), laptop("South School laptop 2", south)
    e1 = laptop("Eastside Library laptop", east)
    office = laptop("Programme office", None)
    lost = laptop("North Park laptop 3", north)
    west_hub = accounts.add_hub(engine, "West Center")
    west = laptop("West Center laptop", west_hub)
    harbor_hub = accounts.add_hub(engine, "Harbor Annex")
    harbor = laptop("Harbor Annex laptop", harbor_hub)
    # each hub's ensembles, synced the Tuesday before: South School meets every weekday,
    # West Center on Tuesday and Thursday, the others Monday to Thursday; Harbor Annex's
    # only ensemble is archived. West Center keeps Mountain time (its hub's row says so).
    for made, hub, weekdays, archived in (
        (n1, north, range(4), False),
        (s1, south, range(5), False),
        (e1, east, range(4), False),
        (west, west_hub, (1, 3), False),
        (harbor, harbor_hub, (0, 2), True),
    ):
        clock.now = at(7, 9)
        schedule = [{"weekday": d, "start": "15:30", "end": "17:00"} for d in weekdays]
        values = {"name": "Strings", "schedule": json.dumps(schedule), "archived": archived}
        rows = [made.mutation("ensemble", new_id(), hub, values)]
        if made is west:
            rows.append(
                made.mutation(
                    "hub", hub, hub, {"name": "West Center", "timezone": "America/Denver"}
                )
            )
        assert made.client.get("/v1/session", headers=made.headers).status_code == 200
        made.push(rows)
        made.pull_all()
    sync(west, clock, at(6, 15, 30), 0, rows=3)  # nobody at West Center synced since
    sync(harbor, clock, at(6, 17, 10), 0, rows=2)  # nor at Harbor Annex
    sync(lost, clock, at(6, 16, 40), 3, rows=2)  # lost on the way home, 3 changes unsent
    sync(s1, clock, at(6, 16, 10), 0, rows=14)  # last Wednesday
    sync(s1, clock, at(6, 17, 45), 148)  # it stopped syncing with a backlog
    for day in (5, 4, 1):  # Thursday, Friday, Monday
        sync(s2, clock, at(day, 17, 20), 0, rows=6)
        sync(n1, clock, at(day, 17, 5), 0, rows=9)
        if day == 1:  # Monday morning Eastside's laptop clock is an hour ahead: refused
            clock.now = at(1, 8, 10)
            assert e1.client.get("/v1/session", headers=e1.headers).status_code == 200
            ahead = str(int(time.time() * 1000) + 3_600_000)
            refused = e1.client.post(
                "/v1/push",
                json={"epoch": e1.epoch, "mutations": [e1.mutation("student", new_id(), east, {})]},
                headers={**e1.headers, "Harmony-Device-Time": ahead},
            )
            assert refused.status_code == 422
        sync(e1, clock, at(day, 16, 50), 0, rows=4)
        if day == 5:  # Thursday: a note pasted into a name on Eastside's laptop, refused
            refuse(engine, e1, clock, at(5, 16, 52), east, {"legal_first_name": "Student " * 30})
    # Monday: a date of birth typed as text on Eastside's laptop, refused for good
    refuse(
        engine,
        e1,
        clock,
        at(1, 16, 52),
        east,
        {"legal_first_name": "Student", "date_of_birth": "3/14/2016"},
    )
    sync(office, clock, at(1, 9, 30), 0)
    # two laptops of North Park edit the same student at once: a conflict to review
    student = new_id()
    clock.now = at(0, 15, 40)
    n1.push([n1.mutation("student", student, north, {"instrument": "viola"})])
    n2.push(
        [
            n2.mutation(
                "student", student, north, {"instrument": "cello"}, bases={"instrument": None}
            )
        ]
    )
    sync(n1, clock, at(0, 16, 5), 0)
    sync(n2, clock, at(0, 16, 12), 2)
    sync(s2, clock, at(0, 16, 20), 0, rows=5)
    sync(e1, clock, at(0, 15, 55), 12)
    assert app.state.console_contacts.flush()
    office_week(
        app,
        engine,
        clock,
        keys["North Park laptop 3"],
        east,
        {south: SOUTH_LEAD, west_hub: WEST_LEAD},
    )
    clock.now = NOW
    client.close()
    return keys


def refuse(
    engine: Engine, laptop: Laptop, clock: Clock, when: datetime, hub: str, values: dict
) -> None:
    """A new student the server refuses for good, pushed at ``when`` (console time)."""
    clock.now = when
    with engine.connect() as conn:
        before = conn.execute(select(func.max(REJECTIONS.c.id))).scalar() or 0
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    laptop.push([laptop.mutation("student", new_id(), hub, values)])
    laptop.pull_all()
    with engine.begin() as conn:  # the server stamps refusals with its real clock
        conn.execute(update(REJECTIONS).where(REJECTIONS.c.id > before).values(created_at=when))


def office_week(app, engine, clock: Clock, lost: int, east: str, leads: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """The office's week in the console, in order, through its own pages (the audit log);
    ``leads``: whom to call about some hubs, by hub id."""
    clock.now = at(6, 8, 45)  # harmony-sync admin add-user office --role admin
    users.add_user(engine, "office", "admin", PASSWORD, clock())
    audit.record(
        engine, audit.COMMAND_LINE, audit.USER_ADDED, "office", audit.role("admin"), at=clock()
    )
    browser = TestClient(app, follow_redirects=False)

    def sign_in(name: str, password: str) -> str:
        page = browser.get("/admin/login").text
        form = {"name": name, "password": password, "csrf_token": csrf_of(page)}
        browser.post("/admin/login", data=form)
        return csrf_of(browser.get("/admin").text) if name == "office" else ""

    def post(path: str, csrf: str, **form: str) -> None:
        assert browser.post(path, data={"csrf_token": csrf, **form}).status_code in (200, 303)

    clock.now = at(5, 8, 58)
    sign_in("ofice", PASSWORD)  # a mistyped name: not kept, "(unknown name)"
    clock.now = at(5, 8, 59)
    csrf = sign_in("office", PASSWORD)
    clock.now = at(5, 9, 4)
    post(f"/admin/devices/{lost}/revoke", csrf)
    clock.now = at(5, 9, 10)
    post(f"/admin/hubs/{east}/rename", csrf, name="Eastside Library")
    clock.now = at(5, 9, 11)
    post("/admin/programme", csrf, name="Eastside Youth Strings")
    for n, (hub, lead) in enumerate(leads.items()):
        clock.now = at(5, 9, 11, 20 + n)
        post(f"/admin/hubs/{hub}/contact", csrf, contact=lead)
    clock.now = at(5, 9, 12)
    post("/admin/logout", csrf)
    # Friday: Eastside's site lead fixed Thursday's refused name and synced; the office
    # marks it dealt with on the laptop's page (the one refusal it shows then)
    clock.now = at(4, 9, 0)
    csrf = sign_in("office", PASSWORD)
    with engine.connect() as conn:
        thursday = conn.execute(select(func.min(REJECTIONS.c.id))).scalar_one()
        eastside = conn.execute(
            select(REJECTIONS.c.device_key).where(REJECTIONS.c.id == thursday)
        ).scalar_one()
    clock.now = at(4, 9, 2)
    post(f"/admin/devices/{eastside}/refusals-dealt", csrf, up_to=str(thursday))
    clock.now = at(4, 9, 3)
    post("/admin/logout", csrf)
    clock.now = at(0, 10, 15)
    csrf = sign_in("office", PASSWORD)
    clock.now = at(0, 10, 18)
    post("/admin/devices/codes", csrf, name="Eastside Library laptop 2", hub=east, days="7")
    browser.close()


def shoot(browser: Browser, path: str, name: str) -> None:
    """A full-page PNG of ``path``."""
    browser.open(path)
    for _ in range(2):  # the height settles once the width is final
        height = browser.driver.execute_script("return document.documentElement.scrollHeight")
        browser.driver.set_window_size(1280, max(600, int(height) + 140))
    OUT.mkdir(parents=True, exist_ok=True)
    browser.driver.save_screenshot(str(OUT / name))
    browser.driver.set_window_size(1280, 900)
    print(OUT / name)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="console-shots-"))
    engine = db.make_engine(f"sqlite:///{folder / 'server.sqlite3'}")
    db.upgrade(engine)
    clock = Clock(NOW)
    keys = build(engine, clock)
    settings = ConsoleSettings(clock=clock, timezone="America/Los_Angeles", secure_cookies=False)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(engine, settings), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        for languages, pictures in (
            (
                "en-US,en",
                [
                    ("/admin", "console-health.png"),
                    ("/admin/devices", "console-devices.png"),
                    (
                        f"/admin/devices/{keys['South School laptop 1']}/revoke",
                        "console-revoke.png",
                    ),
                    ("/admin/audit", "console-audit.png"),
                    (f"/admin/devices/{keys['Eastside Library laptop']}", "console-device.png"),
                    ("/admin/hubs", "console-hubs.png"),
                ],
            ),
            (
                "es-MX,es",
                [
                    ("/admin", "console-health-es.png"),
                    ("/admin/hubs", "console-hubs-es.png"),
                    ("/admin/audit", "console-audit-es.png"),
                    (
                        f"/admin/devices/{keys['Eastside Library laptop']}",
                        "console-device-es.png",
                    ),
                ],
            ),
        ):
            driver = start_chromium(languages=languages)
            try:
                browser = Browser(driver, f"http://127.0.0.1:{port}")
                browser.open("/admin/login")
                browser.sign_in("office", PASSWORD)
                for path, name in pictures:
                    shoot(browser, path, name)
            finally:
                driver.quit()
    finally:
        server.should_exit = True
        thread.join(10)
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
