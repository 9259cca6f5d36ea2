"""An admin marks a laptop's refused changes as dealt with on its device page: its flag
for them clears at once, the page still lists them greyed with who marked them and when,
a later refusal flags it again, and the audit log says so; viewers cannot; the table
comes with migration 0009 on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from typing import Any

from alembic import command
from sqlalchemy import Engine, func, inspect, select, update

from harmony_sync.server import accounts, db
from harmony_sync.server.admin.health import DEALT, build_report, refused_changes
from harmony_sync.server.store import REJECTIONS
from tests.server.console import Console, post, signed_in
from tests.server.fakes import Laptop, new_id


def section(page: str, start: str, end: str = "</table>") -> str:
    """The part of ``page`` from ``start`` to the next ``end``."""
    return page.split(start, 1)[1].split(end, 1)[0]


def words(html: str) -> str:
    """What a person reads in a piece of a page (tags dropped, spaces folded)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def full_sync(laptop: Laptop, mutations: list[dict[str, Any]] | None = None) -> None:
    """session, push (if any), pull to the end: one complete sync."""
    laptop.client.headers.update({"Harmony-Outbox-Size": "0"})
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    if mutations:
        laptop.push(mutations)
    laptop.pull_all()


def bad_birthday(laptop: Laptop, hub: str) -> dict[str, Any]:
    """A new student whose date of birth is not a date: refused for good."""
    return laptop.mutation(
        "student", new_id(), hub, {"legal_first_name": "Zed", "date_of_birth": "31/02/2015"}
    )


def refuse(console: Console, laptop: Laptop, hub: str, count: int = 1) -> None:
    """A complete sync of ``count`` changes the server refuses, stamped with the console's
    clock (the server stamps refusals with its real one)."""
    with console.engine.connect() as conn:
        before = conn.execute(select(func.max(REJECTIONS.c.id))).scalar() or 0
    full_sync(laptop, [bad_birthday(laptop, hub) for _ in range(count)])
    with console.engine.begin() as conn:
        conn.execute(
            update(REJECTIONS).where(REJECTIONS.c.id > before).values(created_at=console.clock.now)
        )


def refused_rows(page: str, heading: str = "Changes the server refused") -> list[str]:
    """The refused-changes table's rows, as read."""
    body = section(section(page, heading), "<tbody>")
    return [words(row) for row in body.split("</tr>")[:-1]]


def test_an_admin_marks_refused_changes_dealt_with_and_the_flag_clears_at_once(
    engine: Engine, hubs
) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    full_sync(laptop)
    # Wednesday 15:00: two refused changes in one sync
    refuse(console, laptop, north, 2)
    console.flush()
    [device] = build_report(engine, console.settings).flagged
    assert device.changes_refused == 2
    admin, csrf = signed_in(console, "ana")
    health = admin.get("/admin").text
    assert "1 device needs attention." in health
    assert "1 of 1 flagged" in section(health, f'data-hub="{north}">', "</tr>")
    page = admin.get(f"/admin/devices/{laptop.key}").text
    newest = max(r.id for r in refused_changes(engine, laptop.key))
    assert f'<input type="hidden" name="up_to" value="{newest}">' in page
    assert "Mark the 2 refused changes as dealt with" in page
    assert refused_rows(page) == [
        "Wed 18 Nov, 15:00 student date_of_birth a value does not fit its field not yet",
        "Wed 18 Nov, 15:00 student date_of_birth a value does not fit its field not yet",
    ]

    # an hour later, ana presses the button
    console.clock.advance(hours=1)
    marked = post(admin, f"/admin/devices/{laptop.key}/refusals-dealt", csrf, up_to=str(newest))
    assert marked.status_code == 303
    assert marked.headers["location"] == f"/admin/devices/{laptop.key}?notice=dealt"
    assert build_report(engine, console.settings).flagged == []
    health = admin.get("/admin").text
    assert "needs attention" not in health
    assert "all 1 current" in section(health, f'data-hub="{north}">', "</tr>")
    assert f'<tr class="" data-device="{laptop.key}">' in health
    page = admin.get(f"/admin/devices/{laptop.key}?notice=dealt").text
    assert "Marked as dealt with: these refused changes no longer flag the laptop." in page
    assert "refusals-dealt" not in page  # nothing left to mark
    # still listed, greyed, with who and when
    assert page.count('<tr class="dealt">') == 2
    assert (
        refused_rows(page)
        == [
            "Wed 18 Nov, 15:00 student date_of_birth a value does not fit its field "
            "marked by ana, Wed 18 Nov, 16:00",
        ]
        * 2
    )
    # the audit log: who, which device, how many; never what the changes were
    log = section(admin.get("/admin/audit").text, "<tbody>")
    [entry] = [words(r) for r in log.split("</tr>")[:-1] if "refused" in r]
    assert entry == (
        f"Wed 18 Nov 2026, 16:00 ana refused changes marked dealt with device {laptop.key} "
        "(test laptop) 2 refused changes"
    )
    assert "Zed" not in log and "date_of_birth" not in log and "student" not in log
    spanish = admin.get("/admin/audit?lang=es").text
    assert "2 cambios rechazados" in spanish

    # pressed again (a second tab): nothing more to mark, nothing logged
    again = post(admin, f"/admin/devices/{laptop.key}/refusals-dealt", csrf, up_to=str(newest))
    assert again.status_code == 303
    assert again.headers["location"] == f"/admin/devices/{laptop.key}?notice=dealt-already"
    assert (
        "Nothing more to mark: these refused changes were already marked as dealt with"
        in admin.get(again.headers["location"] + "&lang=en").text
    )
    assert (
        "No queda nada por marcar: estos cambios rechazados ya se dieron por resueltos"
        in admin.get(again.headers["location"] + "&lang=es").text
    )
    with engine.connect() as conn:
        assert conn.execute(select(DEALT.c.marked_by, DEALT.c.up_to)).all() == [("ana", newest)]

    # two hours later another change is refused: the laptop is flagged again, for it alone
    console.clock.advance(hours=2)
    refuse(console, laptop, north)
    console.flush()
    [device] = build_report(engine, console.settings).flagged
    assert device.changes_refused == 1
    page = admin.get(f"/admin/devices/{laptop.key}?lang=en").text
    assert "Mark 1 refused change as dealt with" in page
    assert [r.endswith("not yet") for r in refused_rows(page)] == [True, False, False]


def test_the_button_marks_only_the_refusals_its_page_showed(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    refuse(console, laptop, north)
    admin, csrf = signed_in(console, "ana")
    page = admin.get(f"/admin/devices/{laptop.key}").text
    shown = re.search(r'name="up_to" value="(\d+)"', page)
    assert shown is not None
    # the laptop syncs another refused change while the page is open
    refuse(console, laptop, north)
    post(admin, f"/admin/devices/{laptop.key}/refusals-dealt", csrf, up_to=shown.group(1))
    [device] = build_report(engine, console.settings).flagged
    assert device.changes_refused == 1
    # a number beyond the device's refusals marks only those it has; nonsense marks none
    other = Laptop(console.client(), engine, [north])
    refuse(console, other, north)
    post(admin, f"/admin/devices/{other.key}/refusals-dealt", csrf, up_to="x1")
    assert {d.key for d in build_report(engine, console.settings).flagged} == {
        laptop.key,
        other.key,
    }
    post(admin, f"/admin/devices/{laptop.key}/refusals-dealt", csrf, up_to="999999999")
    assert [d.key for d in build_report(engine, console.settings).flagged] == [other.key]
    with engine.connect() as conn:
        newest_other = conn.execute(
            select(REJECTIONS.c.id).where(REJECTIONS.c.device_key == other.key)
        ).scalar_one()
        ups = conn.execute(select(DEALT.c.device_key, DEALT.c.up_to).order_by(DEALT.c.id)).all()
    # laptop's marks stop below other's refusal: other's refusal stays its own
    assert [key for key, _ in ups] == [laptop.key, laptop.key]
    assert all(up < newest_other for _, up in ups)


def test_a_viewer_sees_the_refusals_but_cannot_mark_them(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    refuse(console, laptop, north)
    viewer, csrf = signed_in(console, "vera", role="viewer")
    page = viewer.get(f"/admin/devices/{laptop.key}").text
    assert "refusals-dealt" not in page
    assert "an administrator marks them as dealt with here" in words(page)
    refused = post(viewer, f"/admin/devices/{laptop.key}/refusals-dealt", csrf, up_to="1000")
    assert refused.status_code == 403
    assert len(build_report(engine, console.settings).flagged) == 1
    with engine.connect() as conn:
        assert conn.execute(select(DEALT)).all() == []


def test_the_device_page_in_spanish(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    refuse(console, laptop, north)
    admin, csrf = signed_in(console, "ana")
    page = admin.get(f"/admin/devices/{laptop.key}?lang=es").text
    assert "Dar por resuelto 1 cambio rechazado" in page
    assert '<th scope="col">Resuelto</th>' in page
    newest = refused_changes(engine, laptop.key)[0].id
    post(admin, f"/admin/devices/{laptop.key}/refusals-dealt", csrf, up_to=str(newest))
    page = admin.get(f"/admin/devices/{laptop.key}?notice=dealt").text
    assert "Dados por resueltos: estos cambios rechazados ya no marcan la computadora." in page
    assert refused_rows(page, "Cambios que el servidor rechazó") == [
        "mié 18 nov, 15:00 estudiante date_of_birth un valor no corresponde a su campo "
        "lo dio por resuelto ana, mié 18 nov, 15:00"
    ]


def test_an_older_server_gets_the_table_empty_and_its_refusals_still_flag(
    database_url: str,
) -> None:
    engine = db.make_engine(database_url)
    try:
        command.upgrade(db.alembic_config(engine), "0008_hub_contact")
        assert "refusals_dealt" not in inspect(engine).get_table_names()
        db.upgrade(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("refusals_dealt")}
        assert columns == {"id", "device_key", "up_to", "marked_at", "marked_by"}
        hub = accounts.add_hub(engine, "North Park")
        console = Console(engine)
        laptop = Laptop(console.client(), engine, [hub])
        refuse(console, laptop, hub)
        assert [d.changes_refused for d in build_report(engine, console.settings).flagged] == [1]
        admin, csrf = signed_in(console, "ana")
        newest = refused_changes(engine, laptop.key)[0].id
        post(admin, f"/admin/devices/{laptop.key}/refusals-dealt", csrf, up_to=str(newest))
        assert build_report(engine, console.settings).flagged == []
        console.clock.advance(days=8)  # overdue by then, but not for its refusals
        assert [d.changes_refused for d in build_report(engine, console.settings).devices] == [0]
        command.downgrade(db.alembic_config(engine), "0008_hub_contact")
        assert "refusals_dealt" not in inspect(engine).get_table_names()
        with engine.connect() as conn:  # the refusals themselves stay
            assert conn.execute(select(REJECTIONS.c.id)).scalars().all() == [newest]
    finally:
        engine.dispose()


def test_a_refusal_past_the_window_flags_no_more_yet_can_be_marked(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    refuse(console, laptop, north)
    assert [d.key for d in build_report(engine, console.settings).flagged] == [laptop.key]
    console.clock.advance(days=7, minutes=1)
    assert [d.changes_refused for d in build_report(engine, console.settings).devices] == [0]
    # yet still listed and markable on its page
    admin, _ = signed_in(console, "ana")
    assert "Mark 1 refused change as dealt with" in admin.get(f"/admin/devices/{laptop.key}").text
