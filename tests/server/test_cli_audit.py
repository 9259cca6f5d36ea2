"""Changes made with ``harmony-sync`` on the command line are in the console's audit log,
as the console's own: who (the operating-system user), what, when; never a contact."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from harmony_sync.server.admin import audit
from harmony_sync.server.admin.i18n import Language
from harmony_sync.server.cli import main

SPANISH = Language("es", ZoneInfo("UTC"))
ENGLISH = Language("en", ZoneInfo("UTC"))
CONTACT = "Rosa Quintero (site lead), 555-0142"


def entries(engine: Engine, lang: Language = ENGLISH) -> list[tuple[str, str, str, str]]:
    found, _ = audit.page(engine, 1)
    shown = [audit.shown(e, lang) for e in reversed(found)]
    return [(e.actor, e.action, e.target, e.detail) for e in shown]


def test_hub_device_and_programme_commands_are_audited_with_the_os_user(
    engine: Engine, database_url: str, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("SUDO_USER", raising=False)
    monkeypatch.setenv("LOGNAME", "oficina")
    monkeypatch.setenv("HARMONY_SYNC_NOW", "2026-11-24T11:30:00Z")
    url = ["--database-url", database_url, "--json"]

    def run(*argv: str) -> dict:
        assert main([*argv, *url]) == 0
        return json.loads(capsys.readouterr().out)

    hub = run("add-hub", "North Park")["hub_id"]
    run("rename-hub", hub, "North Park Annex")
    run("set-hub-contact", hub, CONTACT)
    run("set-hub-contact", hub, CONTACT)  # unchanged: no entry
    run("set-hub-contact", hub, "--clear")
    key = run("enroll-device", "North laptop 1", "--hub", hub)["device_key"]
    run("rename-device", str(key), "North laptop 2")
    run("revoke-device", str(key))
    manager = run("add-data-manager", "Data manager")["device_key"]
    run("set-programme-name", "Eastside Youth Strings")
    run("set-programme-name", "--clear")
    run("archive-hub", hub)
    run("archive-hub", hub, "--restore")
    who = "command line (oficina)"
    assert entries(engine) == [
        (who, "hub created", "hub North Park", f"id {hub}"),
        (who, "hub renamed", "hub North Park Annex", "was North Park"),
        (who, "hub contact set", "hub North Park Annex", ""),
        (who, "hub contact cleared", "hub North Park Annex", ""),
        (
            who,
            "enrollment code issued",
            f"device {key} (North laptop 1)",
            "for North Park Annex; valid 7 days",
        ),
        (who, "device renamed", f"device {key} (North laptop 2)", "was North laptop 1"),
        (
            who,
            "device revoked",
            f"device {key} (North laptop 2)",
            "it never reported its changes waiting",
        ),
        (
            who,
            "enrollment code issued",
            f"device {manager} (Data manager)",
            "for all hubs (data manager); valid 7 days",
        ),
        (who, "programme named", "programme Eastside Youth Strings", ""),
        (who, "programme name cleared", "", "was Eastside Youth Strings"),
        (who, "hub archived", "hub North Park Annex", ""),
        (who, "hub restored", "hub North Park Annex", ""),
    ]
    found, _ = audit.page(engine, 1)
    assert {e["at"].isoformat() for e in found} == {"2026-11-24T11:30:00+00:00"}
    assert not any("Quintero" in str(e) or "555" in str(e) for e in found)
    spanish = entries(engine, SPANISH)
    assert spanish[0][:2] == ("línea de comandos (oficina)", "sede creada")


def test_the_person_behind_sudo_and_an_unknown_user(monkeypatch) -> None:
    monkeypatch.setenv("SUDO_USER", "rosa")
    monkeypatch.setenv("LOGNAME", "root")
    assert audit.command_line() == '{"msg":"cli","user":"rosa"}'
    assert audit.command_line("x" * 40) == '{"msg":"cli","user":"' + "x" * 32 + '"}'
    monkeypatch.delenv("SUDO_USER")
    monkeypatch.setattr(audit.getpass, "getuser", lambda: (_ for _ in ()).throw(OSError()))
    assert audit.command_line() == "command line"
    shown = audit.shown(
        {"at": None, "actor": "command line", "action": "hub created", "target": "", "detail": ""},
        SPANISH,
    )
    assert shown.actor == "línea de comandos"


def test_json_carries_hub_contacts_only_when_asked(
    engine: Engine, database_url: str, monkeypatch, capsys
) -> None:
    url = ["--database-url", database_url]
    assert main(["add-hub", "North Park", "--json", *url]) == 0
    north = json.loads(capsys.readouterr().out)["hub_id"]
    assert main(["add-hub", "South School", "--json", *url]) == 0
    south = json.loads(capsys.readouterr().out)["hub_id"]
    assert main(["set-hub-contact", north, CONTACT, *url]) == 0
    capsys.readouterr()
    assert main(["list-hubs", "--json", *url]) == 0
    out = capsys.readouterr().out
    assert "Quintero" not in out and "contact" not in out
    assert main(["list-hubs", "--json", "--with-contacts", *url]) == 0
    hubs = {h["id"]: h.get("contact", "absent") for h in json.loads(capsys.readouterr().out)}
    assert hubs == {north: CONTACT, south: None}
    assert main(["admin", "health", "--json", *url]) == 0
    out = capsys.readouterr().out
    assert "Quintero" not in out and "contact" not in out
    assert main(["admin", "health", "--json", "--with-contacts", *url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {h["id"]: h["contact"] for h in data["hubs"]} == {north: CONTACT, south: None}
