"""Needs review speaks the staff's language: every synced field has a name in English
and in Spanish (an unnamed one showed as "Organisation" on the Spanish page), and why
a change was refused is said in words, the server's technical reason only in the
tooltip."""

from __future__ import annotations

from harmony_desktop.store.models import SYNCED_MODELS
from harmony_desktop.store.replica.wire import codec
from harmony_desktop.ui.sync.review import (
    field_label,
    held_text,
    is_new_record,
    refusal_text,
    refusal_tip,
    refusals_text,
    shown_fields,
)

#: Not data a person edits: never shown as a changed field.
BOOKKEEPING = {"id", "clocks", "hub_id", "deleted"}


def _fallback(name: str) -> str:
    return name.replace("_", " ").capitalize()


def test_every_synced_field_has_a_name_in_both_languages(language: str) -> None:
    if language == "es_MX":
        # in Spanish a field left unnamed shows as its English words
        unnamed = sorted(
            f"{table}.{name}"
            for table, model in SYNCED_MODELS.items()
            for name in codec(model).fields
            if name not in BOOKKEEPING and field_label(name) == _fallback(name)
        )
        assert unnamed == []
        assert field_label("organisation") == "Organización"
        assert field_label("guardian_language") == "Idioma del tutor"
    else:
        assert field_label("organisation") == "Organisation"
        assert field_label("end_reason") == "Why it ended"


def test_a_refusal_is_said_in_words(language: str) -> None:
    reason = {"code": "out_of_scope", "reason": "This device is not enrolled for the row's hub."}
    unknown = {"code": "something_new", "reason": "A reason a newer server gives."}
    if language == "es_MX":
        assert refusal_text(reason) == (
            "Esta computadora no puede cambiar los registros de esa sede."
        )
        assert refusal_tip(reason) == (
            "Esta computadora no puede cambiar los registros de esa sede.\n"
            "This device is not enrolled for the row's hub."
        )
    else:
        assert refusal_text(reason) == "This laptop may not change that hub's records."
    # a code this version does not know: the server's words, as they came
    assert refusal_text(unknown) == "A reason a newer server gives."
    assert refusal_tip(unknown) == "A reason a newer server gives."


def test_a_refused_row_of_the_whole_programme_needs_a_data_managers_laptop(
    language: str,
) -> None:
    """A hub's laptop cannot send a staff member or a term of the whole programme: the
    refusal says whose laptop can (it said "This laptop may not change that hub's
    records", and the page's heading spoke of two laptops changing the same thing)."""
    reason = {
        "code": "out_of_scope",
        "reason": "Only data-manager devices write programme-wide rows.",
    }
    if language == "es_MX":
        assert refusal_text(reason, programme_wide=True) == (
            "El servidor solo acepta esto de la computadora de un administrador(a) de datos."
        )
        assert refusals_text().startswith(
            "El servidor de sincronización no aceptó algunos cambios de esta computadora"
        )
    else:
        assert refusal_text(reason, programme_wide=True) == (
            "The server takes this only from a data manager's laptop."
        )
        assert refusal_tip(reason, programme_wide=True) == (
            "The server takes this only from a data manager's laptop.\n"
            "Only data-manager devices write programme-wide rows."
        )


def test_a_refused_new_staff_member_is_named_in_the_words_of_the_staff_form(
    language: str,
) -> None:
    """Not "Archived, Deleted, Email, Hub id, Hubs, Name, Phone, Role": the fields the
    staff form fills in, in its order, without where the row belongs or its tombstone."""
    sent = {
        "archived": False,
        "deleted": False,
        "email": "",
        "hub_id": None,
        "hubs": '["3f6c9a0e-1b2d-4c3e-8f4a-5b6c7d8e9f01"]',
        "name": "Rosa Teacher",
        "phone": "",
        "role": "teacher",
    }
    assert is_new_record(sent) and not is_new_record({"phone": "555 0100"})
    assert shown_fields("staff", sent) == ["name", "role", "hubs", "phone", "email", "archived"]
    assert shown_fields("staff", sent, new=True) == ["name", "role", "hubs"]
    assert shown_fields("staff", {"deleted": True, "hub_id": None}) == ["deleted"]
    held = {**sent, "hubs": "Cedar Park Hub"}
    if language == "es_MX":
        assert held_text(held, "staff", new=True) == (
            "Nombre: Rosa Teacher; Función: Maestro(a); Sedes: Cedar Park Hub"
        )
        assert [field_label(n, "term") for n in ("name", "first_day", "last_day")] == [
            "Nombre",
            "Desde",
            "Hasta",
        ]
        assert field_label("deleted") == "Eliminado"
    else:
        assert held_text(held, "staff", new=True) == (
            "Name: Rosa Teacher; Role: Teacher; Hubs: Cedar Park Hub"
        )
        assert [field_label(n, "term") for n in ("name", "first_day", "last_day")] == [
            "Name",
            "From",
            "To",
        ]
        assert field_label("first_day") == "First day"
