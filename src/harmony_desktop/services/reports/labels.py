"""Words for the codes that report rows hold (early-release reasons, the measures of
the hours bands, retention's breakdowns), in the current language, for :attr:`Column.labels`.

The rows keep the stored codes (tests and the report SQL compare them); the tab, the
printout and the exported files show these words.
"""

from __future__ import annotations

from harmony_desktop.domain.i18n import N_, _

#: Early-release reasons (``domain.vocab``) and their words, in English for the
#: catalogue; :func:`reason_label` translates them.
_REASONS = {
    "picked_up_by_guardian": N_("Picked up by guardian"),
    "medical": N_("Medical"),
    "appointment": N_("Appointment"),
    "transport": N_("Transport"),
    "other": N_("Other"),
    "ca_family_emergency": N_("Family emergency (CA early release)"),
    "ca_illness": N_("Illness (CA early release)"),
    "ca_medical_appointment": N_("Medical appointment (CA early release)"),
    "ca_other_enrichment": N_("Other enrichment programme (CA early release)"),
    "ca_transportation": N_("Transportation (CA early release)"),
    "ca_parent_request": N_("Parent request under the site policy (CA early release)"),
}

#: The measures of the ``hours`` report's bands sheet.
_MEASURES = {
    "hours": N_("Hours attended"),
    "days": N_("Days attended"),
    "regular_attendees": N_("Regular attendees (days attended)"),
}

#: The breakdowns of the ``retention`` report's rows.
_BREAKDOWNS = {
    "all": N_("All students"),
    "hub": N_("Hub"),
    "ensemble": N_("Ensemble"),
    "grade": N_("Grade"),
    "first_year": N_("First year (cohort)"),
}


def reason_label(code: str) -> str:
    """An early-release reason code as words; a code the app does not know (a newer
    one from another laptop) as it is stored."""
    english = _REASONS.get(code)
    return _(english) if english else code


def band_measure_label(code: str) -> str:
    """A measure of the hours bands ("hours", "days", "regular_attendees") as words."""
    english = _MEASURES.get(code)
    return _(english) if english else code


def breakdown_label(code: str) -> str:
    """A breakdown of the ``retention`` report ("hub", "first_year") as words."""
    english = _BREAKDOWNS.get(code)
    return _(english) if english else code
