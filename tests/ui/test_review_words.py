"""Needs review speaks the staff's language: every synced field has a name in English
and in Spanish (an unnamed one showed as "Organisation" on the Spanish page), and why
a change was refused is said in words, the server's technical reason only in the
tooltip."""

from __future__ import annotations

from harmony_desktop.store.models import SYNCED_MODELS
from harmony_desktop.store.replica.wire import codec
from harmony_desktop.ui.sync.review import field_label, refusal_text, refusal_tip

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
