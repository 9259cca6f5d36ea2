"""Whom the office calls about each hub, and the programme's name, in the console.

A hub's contact (its site lead's name and phone) is set by an admin on the Hubs page or
with ``harmony-sync set-hub-contact``; the console shows it beside a flagged hub on Sync
health, on the Hubs page and on a device's page. It stays on the server: laptops never
receive it and it is never logged; the audit log names the hub, not the contact. The
programme's name heads every page and an admin changes it on the Hubs page, by the same
rules as ``harmony-sync set-programme-name``.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from alembic import command
from sqlalchemy import Engine, inspect

from harmony_sync.server import accounts, db
from harmony_sync.server.cli import main
from tests.server.console import Console, csrf_of, post, signed_in
from tests.server.fakes import Laptop

CONTACT = "Rosa Quintero (site lead), 555-0142"


def section(page: str, start: str, end: str = "</table>") -> str:
    """The part of ``page`` from ``start`` to the next ``end``."""
    return page.split(start, 1)[1].split(end, 1)[0]


def words(html: str) -> str:
    """What a person reads in a piece of a page (tags dropped, spaces folded)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def full_sync(laptop: Laptop) -> dict:
    """A session and a pull to the end; returns the session's answer."""
    session = laptop.client.get("/v1/session", headers=laptop.headers)
    assert session.status_code == 200
    laptop.pull_all()
    return session.json()


def test_migration_0008_gives_each_hub_an_empty_contact_and_goes_back(
    database_url: str,
) -> None:
    engine = db.make_engine(database_url)
    try:
        command.upgrade(db.alembic_config(engine), "0007_programme_name")
        north = accounts.add_hub(engine, "North Park")
        db.upgrade(engine)
        assert accounts.hub_contacts(engine) == {}
        assert accounts.set_hub_contact(engine, north, "  Rosa   Quintero, 555-0142 ") == (
            "Rosa Quintero, 555-0142",
            True,
        )
        assert accounts.hub_contacts(engine) == {north: "Rosa Quintero, 555-0142"}
        assert accounts.set_hub_contact(engine, north, "Rosa Quintero, 555-0142") == (
            "Rosa Quintero, 555-0142",
            False,
        )
        assert accounts.set_hub_contact(engine, north, "   ") == (None, True)
        assert accounts.hub_contacts(engine) == {}
        command.downgrade(db.alembic_config(engine), "0007_programme_name")
        columns = {c["name"] for c in inspect(engine).get_columns("hub_registry")}
        assert "contact" not in columns and "archived_at" in columns
        assert [h["name"] for h in accounts.list_hubs(engine)] == ["North Park"]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("x" * 101, "A hub's contact can be at most 100 characters long."),
        ("Rosa\n555-0142", "A hub's contact must be plain text on one line."),
    ],
)
def test_a_contact_is_one_short_line(engine: Engine, hubs, typed: str, message: str) -> None:
    north, _ = hubs
    with pytest.raises(ValueError, match=re.escape(message)):
        accounts.set_hub_contact(engine, north, typed)
    assert accounts.hub_contacts(engine) == {}
    assert accounts.set_hub_contact(engine, north, "x" * 100) == ("x" * 100, True)


class Kept(logging.Handler):
    """Every log record's message and arguments, as text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.text = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.text += f"{record.getMessage()} {record.__dict__}\n"


def test_an_admin_sets_a_hubs_contact_and_the_office_sees_it_where_it_calls(
    engine: Engine, hubs
) -> None:
    kept = Kept()
    root = logging.getLogger()
    root.addHandler(kept)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    try:
        _contact_shown_where_the_office_calls(engine, hubs, kept)
    finally:
        root.removeHandler(kept)
        root.setLevel(old_level)


def _contact_shown_where_the_office_calls(engine: Engine, hubs, kept: Kept) -> None:
    north, south = hubs
    console = Console(engine)
    client = console.client()
    at_north, at_south = Laptop(client, engine, [north]), Laptop(client, engine, [south])
    full_sync(at_north)
    full_sync(at_south)
    console.flush()
    admin, csrf = signed_in(console, "ana")
    assert post(admin, f"/admin/hubs/{north}/contact", csrf, contact=CONTACT).status_code == 303
    hubs_page = admin.get("/admin/hubs?notice=contact-saved").text
    assert "Contact saved." in hubs_page
    north_row = section(hubs_page, f'data-hub="{north}">', "</tr>")
    south_row = section(hubs_page, f'data-hub="{south}">', "</tr>")
    assert f'name="contact" value="{CONTACT}"' in north_row
    assert 'name="contact" value=""' in south_row
    assert 'aria-label="Whom to call about North Park: name and phone"' in north_row
    # nobody is flagged: Sync health names no one to call
    assert "Call " not in admin.get("/admin").text
    # a week later North's laptop has not synced (South's has): North is flagged
    console.clock.advance(days=7)
    full_sync(at_south)
    console.flush()
    admin, _ = signed_in(console, "bea")
    health = admin.get("/admin").text
    hub_rows = section(health, '<table class="hubs">')
    assert words(section(hub_rows, f'data-hub="{north}">', "</tr>")) == (
        "North Park 1 1 of 1 flagged Call Rosa Quintero (site lead), 555-0142 not yet today 0"
    )
    assert "Call" not in section(hub_rows, f'data-hub="{south}">', "</tr>")
    # the device's page, for its hub; a hub without a contact says so
    facts = section(admin.get(f"/admin/devices/{at_north.key}").text, '<dl class="facts">', "</dl>")
    assert "<dt>Whom to call</dt><dd>" in facts
    assert "Call Rosa Quintero (site lead), 555-0142" in facts
    south_facts = admin.get(f"/admin/devices/{at_south.key}").text
    assert "no contact set (Hubs page)" in section(south_facts, '<dl class="facts">', "</dl>")
    spanish = admin.get("/admin?lang=es").text
    assert "Llamar a Rosa Quintero (site lead), 555-0142" in spanish
    # the audit log names the hub, never the contact
    log = admin.get("/admin/audit?lang=en").text
    assert "hub contact set" in log and "hub North Park" in log
    assert "Rosa" not in log and "555-0142" not in log
    # laptops never receive it, and it is never logged
    session = full_sync(at_north)
    rows, _ = Laptop(client, engine, [north]).pull_all()
    assert "Rosa" not in json.dumps(session) and "Rosa" not in json.dumps(rows)
    assert [r["values"] for r in rows if r["table"] == "hub"] == [
        {"name": "North Park", "deleted": False}
    ]
    assert "request" in kept.text  # the server did log its requests
    assert "Rosa" not in kept.text and "555-0142" not in kept.text
    # blank clears it
    cleared = post(admin, f"/admin/hubs/{north}/contact", csrf_of(health), contact=" ")
    assert cleared.headers["location"] == "/admin/hubs?notice=contact-cleared"
    assert accounts.hub_contacts(engine) == {}
    assert "hub contact cleared" in admin.get("/admin/audit").text


def test_a_refused_contact_is_explained_and_kept_to_correct(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    admin, csrf = signed_in(console, "ana")
    too_long = "Rosa Quintero " + "9" * 90
    refused = post(admin, f"/admin/hubs/{north}/contact", csrf, contact=too_long)
    assert refused.status_code == 400
    alert = '<p class="error" role="alert">A hub&#39;s contact can be at most 100 characters long.'
    assert alert in refused.text
    row = section(refused.text, f'data-hub="{north}">', "</tr>")
    assert f'value="{too_long}"' in row and 'aria-invalid="true"' in row
    spanish = post(admin, f"/admin/hubs/{north}/contact?lang=es", csrf, contact="a\tb")
    assert spanish.status_code == 400
    assert "El contacto de la sede debe ser texto simple en una sola línea." in spanish.text
    assert accounts.hub_contacts(engine) == {}
    assert "hub contact" not in admin.get("/admin/audit").text


def test_viewers_and_forged_forms_cannot_set_a_contact_or_the_name(engine: Engine, hubs) -> None:
    north, _ = hubs
    accounts.set_hub_contact(engine, north, CONTACT)
    console = Console(engine)
    viewer, csrf = signed_in(console, "vic", "viewer")
    page = viewer.get("/admin/hubs").text
    assert CONTACT in section(page, f'data-hub="{north}">', "</tr>")
    assert 'name="contact"' not in page and 'action="/admin/programme"' not in page
    assert post(viewer, f"/admin/hubs/{north}/contact", csrf, contact="x").status_code == 403
    assert post(viewer, "/admin/programme", csrf, name="x").status_code == 403
    admin, _ = signed_in(console, "ana")
    assert post(admin, f"/admin/hubs/{north}/contact", "forged", contact="x").status_code == 403
    assert post(admin, "/admin/programme", "forged", name="x").status_code == 403
    assert accounts.hub_contacts(engine) == {north: CONTACT}
    assert accounts.programme_name(engine) is None
    _, admin_csrf = signed_in(console, "bea")
    unknown = post(admin, "/admin/hubs/not-a-hub/contact", admin_csrf, contact="x")
    assert unknown.status_code in (403, 404)


def test_an_admin_names_the_programme_and_every_page_shows_it(engine: Engine, hubs) -> None:
    north, _ = hubs
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    admin, csrf = signed_in(console, "ana")
    header = section(admin.get("/admin").text, '<header class="top">', "</nav>")
    assert 'class="programme"' not in header
    named = post(admin, "/admin/programme", csrf, name="  Eastside   Youth Strings ")
    assert named.headers["location"] == "/admin/hubs?notice=programme-named"
    assert accounts.programme_name(engine) == "Eastside Youth Strings"
    for path in ("/admin", "/admin/hubs", f"/admin/devices/{laptop.key}", "/admin/audit"):
        header = section(admin.get(path).text, '<header class="top">', "</nav>")
        assert '<span class="programme">Eastside Youth Strings</span>' in header, path
    assert 'name="name" value="Eastside Youth Strings"' in admin.get("/admin/hubs").text
    # laptops get it at their next session, as when it is set from the command line
    assert full_sync(laptop)["programme_name"] == "Eastside Youth Strings"
    assert post(admin, "/admin/programme", csrf, name="Eastside Strings").status_code == 303
    # one line, at most 100 characters; the old name stays
    refused = post(admin, "/admin/programme", csrf, name="E" * 101)
    assert refused.status_code == 400
    assert "The programme&#39;s name can be at most 100 characters long." in refused.text
    assert f'value="{"E" * 101}"' in refused.text
    two_lines = post(admin, "/admin/programme?lang=es", csrf, name="Eastside\nStrings")
    assert two_lines.status_code == 400
    assert "El nombre del programa debe ser texto simple en una sola línea." in two_lines.text
    assert accounts.programme_name(engine) == "Eastside Strings"
    # blank clears it: each laptop prints its own again
    cleared = post(admin, "/admin/programme", csrf, name="   ")
    assert cleared.headers["location"] == "/admin/hubs?notice=programme-cleared"
    assert accounts.programme_name(engine) is None
    assert full_sync(laptop)["programme_name"] is None
    log = section(admin.get("/admin/audit?lang=en").text, "<tbody>")
    entries = [words(row) for row in log.split("</tr>")[:-1]]
    changes = [e.split(" ana ", 1)[1] for e in entries if " ana programme" in e]
    assert changes == [
        "programme name cleared was Eastside Strings",
        "programme named programme Eastside Strings was Eastside Youth Strings",
        "programme named programme Eastside Youth Strings",
    ]
    spanish = admin.get("/admin/audit?lang=es").text
    assert "nombre del programa borrado" in spanish


def test_the_command_line_sets_and_lists_a_hubs_contact(
    engine: Engine, hubs, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    north, south = hubs
    url = ["--database-url", database_url]
    assert main(["set-hub-contact", north, CONTACT, *url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"hub_id": north, "contact": CONTACT}
    assert main(["list-hubs", *url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{north}  North Park  [call {CONTACT}]",
        f"{south}  South School",
    ]
    assert main(["set-hub-contact", north, *url]) == 2
    assert "--clear" in capsys.readouterr().err
    assert main(["set-hub-contact", north, "a\nb", *url]) == 2
    assert "one line" in capsys.readouterr().err
    assert main(["set-hub-contact", north, "--clear", *url]) == 0
    assert capsys.readouterr().out == "Contact cleared.\n"
    assert accounts.hub_contacts(engine) == {}
