"""The words of the reports' tables in Spanish, as a site lead reads them on paper and
in the tab: written out by hand."""

from __future__ import annotations

from harmony_desktop.domain import i18n
from harmony_desktop.services.reports.registry import kinds


def titles(kind: str, sheet: str, *keys: str) -> list[str]:
    """The titles of ``keys`` in a sheet of a report kind, in the current language."""
    found = next(s for s in kinds()[kind].sheets() if s.key == sheet)
    by_key = {c.key: c.title for c in found.columns}
    return [by_key[key] for key in keys]


def test_columns_of_counts_are_plural_in_spanish() -> None:
    """A count of sessions or people is "Presentes", "Activos": not the singular of a
    code's or a volunteer's label ("Presente", "Activo"), which keeps its form."""
    with i18n.using("es"):
        assert titles(
            "attendance", "attendance", "present", "excused", "unexcused", "unrecorded"
        ) == ["Presentes", "Justificadas", "Injustificadas", "Sin registrar"]
        assert titles("engagement", "masterclasses", "expected", "present", "absent") == [
            "Esperados",
            "Presentes",
            "Ausentes",
        ]
        assert titles("retention", "retention", "active", "retained") == [
            "Activos",
            "Activos el año siguiente",
        ]
        assert titles("volunteers", "by_hub", "active", "prospects", "inactive") == [
            "Activos",
            "Interesados",
            "Inactivos",
        ]
        # The same English words as labels keep their singular.
        assert i18n._("Present") == "Presente"  # the attendance code
        assert i18n._("Active") == "Activo"  # a volunteer's status
    with i18n.using("en"):
        assert titles("attendance", "attendance", "present", "excused") == [
            "Present",
            "Excused",
        ]
        assert titles("volunteers", "by_hub", "active", "inactive") == ["Active", "Inactive"]


def test_two_columns_of_a_sheet_are_not_called_the_same() -> None:
    """A clearance's volunteer status and the clearance's own state were both "Estado";
    no sheet of any report has two columns of one title, in either language."""
    for language in ("en", "es"):
        with i18n.using(language):
            for kind in kinds().values():
                for sheet in kind.sheets():
                    names = [c.title for c in sheet.columns]
                    assert len(names) == len(set(names)), (language, kind.name, sheet.key, names)
    with i18n.using("es"):
        assert titles("volunteers", "clearances", "status", "state") == ["Estado", "Vigencia"]
        assert [s.title for s in kinds()["ases"].sheets()][:2] == [
            "Asistencia ASES",
            "Salidas tempranas",
        ]
