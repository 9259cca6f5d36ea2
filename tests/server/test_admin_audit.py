"""The audit log in the reader's language: actions translated where shown, targets and
details stored language-neutral and written out in English or Spanish, and entries
recorded before (English text) shown as they were recorded."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, insert, select

from harmony_sync.server import accounts
from harmony_sync.server.admin import audit
from harmony_sync.server.admin.i18n import Language
from tests.server.console import WEDNESDAY, Console, post, signed_in
from tests.server.fakes import Laptop

ENGLISH = Language("en", ZoneInfo("UTC"))
SPANISH = Language("es", ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("note", "english", "spanish"),
    [
        (audit.device(7, "North laptop 1"), "device 7 (North laptop 1)",
         "dispositivo 7 (North laptop 1)"),
        (audit.device(7), "device 7", "dispositivo 7"),
        (audit.hub("North Park"), "hub North Park", "sede North Park"),
        (audit.hub_id("0a1b2c"), "id 0a1b2c", "identificador 0a1b2c"),
        (audit.role("admin"), "as admin", "como administrador(a)"),
        (audit.role("viewer"), "as viewer", "como lector(a)"),
        (audit.previous_name("North Park"), "was North Park", "antes se llamaba North Park"),
        (audit.code_for(["North Park"], 1), "for North Park; valid 1 day",
         "para North Park; válido por 1 día"),
        (audit.code_for(["North Park", "South School"], 7),
         "for North Park and South School; valid 7 days",
         "para North Park y South School; válido por 7 días"),
        (audit.code_for(None, 3), "for all hubs (data manager); valid 3 days",
         "para todas las sedes (administrador(a) de datos); válido por 3 días"),
        (audit.waiting(12), "it last reported 12 changes waiting",
         "la última vez informó 12 cambios pendientes"),
        (audit.waiting(1), "it last reported 1 change waiting",
         "la última vez informó 1 cambio pendiente"),
        (audit.waiting(0), "it last reported 0 changes waiting",
         "la última vez informó 0 cambios pendientes"),
        (audit.waiting(None), "it never reported its changes waiting",
         "nunca informó sus cambios pendientes"),
    ],
)  # fmt: skip
def test_a_note_is_written_in_the_readers_language(
    note: audit.Note, english: str, spanish: str
) -> None:
    stored = note.stored()
    assert audit.written(stored, ENGLISH) == english
    assert audit.written(stored, SPANISH) == spanish


def test_notes_are_stored_without_words_of_any_language() -> None:
    assert audit.waiting(12).stored() == '{"msg":"waiting","num":12}'
    assert audit.waiting(None).stored() == '{"msg":"waiting","num":null}'
    assert audit.device(7, "Laptop «Ñ»").stored() == (
        '{"msg":"device","number":7,"name":"Laptop «Ñ»"}'
    )
    assert audit.code_for(["North Park"], 3).stored() == (
        '{"msg":"code","hubs":["North Park"],"days":3}'
    )
    assert audit.code_for(None, 1).stored() == '{"msg":"code","all_hubs":true,"days":1}'


@pytest.mark.parametrize(
    "recorded",
    [
        # as entries were written before details were stored as notes
        "device 7 (North laptop 1)",
        "hub North Park",
        "as admin",
        "for North Park, South School; valid 3 days",
        "it last reported 12 changes waiting",
        "North laptop → North laptop 1",
        "was North Park",
        "6f1c2a4e-0d1b-4c5e-9f00-1234567890ab",
        # a console user's name, and text that only looks like a note
        "Ana",
        "{ana}",
        '{"msg": "waiting", "num": "12"}',
        '{"msg": "waiting"}',
        '{"msg": "shouted", "num": 1}',
        '{"msg": "device", "number": true}',
        '{"msg": "code", "hubs": [], "days": 3}',
        '{"num": 12}',
        '["waiting", 12]',
        "",
    ],
)
def test_text_that_is_not_a_note_is_shown_as_recorded(recorded: str) -> None:
    assert audit.written(recorded, SPANISH) == recorded
    assert audit.written(recorded, ENGLISH) == recorded


def entry(actor: str, action: str, target: str = "", detail: str = "") -> dict[str, object]:
    return {"at": WEDNESDAY, "actor": actor, "action": action, "target": target, "detail": detail}


def test_an_entry_shown_in_spanish() -> None:
    shown = audit.shown(
        entry(
            "ana",
            "device revoked",
            audit.device(3, "South laptop").stored(),
            audit.waiting(4).stored(),
        ),
        SPANISH,
    )
    assert shown == audit.Shown(
        WEDNESDAY,
        "ana",
        "dispositivo revocado",
        "dispositivo 3 (South laptop)",
        "la última vez informó 4 cambios pendientes",
    )
    by_command = audit.shown(entry("command line", "password changed", "Ana"), SPANISH)
    assert (by_command.actor, by_command.action, by_command.target, by_command.detail) == (
        "línea de comandos",
        "contraseña cambiada",
        "Ana",
        "",
    )
    unknown = audit.shown(entry("(unknown name)", "sign-in failed"), SPANISH)
    assert (unknown.actor, unknown.action) == ("(nombre desconocido)", "inicio de sesión fallido")
    # an action this version does not know (a newer server wrote it), and a user who
    # happens to be called "command line" is not: only the command line's own entries
    # are; names are never translated
    newer = audit.shown(entry("signed in", "hub merged", "hub North Park"), SPANISH)
    assert (newer.actor, newer.action, newer.target) == (
        "signed in",
        "hub merged",
        "hub North Park",
    )


def test_only_known_actions_are_recorded(engine: Engine) -> None:
    with pytest.raises(ValueError, match="Not an audit action"):
        audit.record(engine, "ana", "device shouted at", at=WEDNESDAY)
    audit.record(engine, "ana", audit.SIGNED_IN, detail=audit.role("admin"), at=WEDNESDAY)
    with engine.connect() as conn:
        row = conn.execute(select(audit.AUDIT)).one()
    assert (row.action, row.target, row.detail) == (
        "signed in",
        "",
        '{"msg":"role","role":"admin"}',
    )


def test_audit_page_in_spanish_with_old_and_new_entries(engine: Engine, hubs) -> None:
    north, _ = hubs
    # an entry as the console recorded it before: English text, shown as recorded
    with engine.begin() as conn:
        conn.execute(
            insert(audit.AUDIT).values(
                at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
                actor="ana",
                action="device revoked",
                target="device 1 (Old laptop)",
                detail="it last reported 9 changes waiting",
            )
        )
    console = Console(engine)
    laptop = Laptop(console.client(), engine, [north])
    laptop.client.headers.update({"Harmony-Outbox-Size": "12"})
    assert laptop.client.get("/v1/session", headers=laptop.headers).status_code == 200
    console.flush()
    admin, csrf = signed_in(console, "ana")
    key = laptop.key
    assert (
        post(admin, f"/admin/devices/{key}/rename", csrf, name="<b>Norte</b> 1").status_code == 303
    )
    assert post(admin, f"/admin/devices/{key}/revoke", csrf).status_code == 303
    assert post(admin, "/admin/hubs", csrf, name="East Library").status_code == 303
    [east] = [h["id"] for h in accounts.list_hubs(engine) if h["name"] == "East Library"]
    code = post(admin, "/admin/devices/codes", csrf, name="Office", hub="data-manager", days="3")
    assert code.status_code == 200

    spanish = rows(admin.get("/admin/audit?lang=es").text)
    assert spanish == [
        ["ana", "código de registro emitido", f"dispositivo {key + 1} (Office)",
         "para todas las sedes (administrador(a) de datos); válido por 3 días"],
        ["ana", "sede creada", "sede East Library", f"identificador {east}"],
        ["ana", "dispositivo revocado", f"dispositivo {key} (&lt;b&gt;Norte&lt;/b&gt; 1)",
         "la última vez informó 12 cambios pendientes"],
        ["ana", "dispositivo con nombre cambiado",
         f"dispositivo {key} (&lt;b&gt;Norte&lt;/b&gt; 1)",
         "antes se llamaba test laptop"],
        ["ana", "inició sesión", "", "como administrador(a)"],
        ["ana", "dispositivo revocado", "device 1 (Old laptop)",
         "it last reported 9 changes waiting"],
    ]  # fmt: skip
    english = rows(admin.get("/admin/audit?lang=en").text)
    assert english == [
        ["ana", "enrollment code issued", f"device {key + 1} (Office)",
         "for all hubs (data manager); valid 3 days"],
        ["ana", "hub created", "hub East Library", f"id {east}"],
        ["ana", "device revoked", f"device {key} (&lt;b&gt;Norte&lt;/b&gt; 1)",
         "it last reported 12 changes waiting"],
        ["ana", "device renamed", f"device {key} (&lt;b&gt;Norte&lt;/b&gt; 1)",
         "was test laptop"],
        ["ana", "signed in", "", "as admin"],
        ["ana", "device revoked", "device 1 (Old laptop)", "it last reported 9 changes waiting"],
    ]  # fmt: skip


def rows(html: str) -> list[list[str]]:
    """The audit table's cells after the date, row by row, as the page's HTML holds them."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    found = []
    for row in body.split("<tr>")[1:]:
        cells = [c.split("</td>")[0] for c in row.split("<td>")[1:]]
        found.append(cells[1:])
    return found
