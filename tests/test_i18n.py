"""Exports and text below the UI in the chosen language (Babel for dates and times)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import ImportService, guess_mapping, read_table
from tests.factories import HubFixture, copy_hub


def test_babel_dates_weekdays_and_times_follow_the_language() -> None:
    day, moment = dt.date(2026, 11, 18), dt.time(15, 30)
    assert i18n.format_date(day, language="en") == "Nov 18, 2026"
    assert i18n.format_date(day, language="es") == "18 nov 2026"
    assert i18n.format_weekday(day, language="es") == "miércoles"
    assert i18n.weekday_name(5, language="es") == "sáb"
    assert i18n.format_time(moment, language="en") == "3:30\u202fPM"
    with i18n.using("es"):
        assert i18n.format_time(moment) == "3:30\u202fp.m."
        assert i18n.format_weekday(day, "abbreviated") == "mié"
    assert i18n.current_language() == "en"


def test_a_spanish_roster_export_reads_back_into_the_same_fields(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    services.roster.update_student(hub.student_ids[0], photo_consent=True)
    english, spanish = tmp_path / "roster.csv", tmp_path / "lista.csv"
    services.exporting.export("roster", hub.hub_id, english)
    with i18n.using("es"):
        assert services.exporting.export("roster", hub.hub_id, spanish) == 8
    with spanish.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:3] == ["ID de estudiante del distrito", "Apellido", "Nombre"]
    assert "Nombre del tutor 1" in header and "Permiso para fotos" in header
    consent = [r[header.index("Permiso para fotos")] for r in rows[1:]]
    assert sorted(set(consent)) == ["no", "sí"]
    english_header = read_table(english).headers
    assert guess_mapping(header) == guess_mapping(english_header)
    other = copy_hub(services, hub.hub_id, "Second Hub")  # its ensembles have the same names
    report = ImportService(services.store).apply(other, read_table(spanish))
    assert (report.created, report.rejected) == (8, [])
    copied = {e.display_name: e.photo_consent for e in services.roster.entries(other)}
    assert copied == {e.display_name: e.photo_consent for e in services.roster.entries(hub.hub_id)}


def test_a_spanish_attendance_export_writes_spanish_times_and_headers(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    day = dt.date(2026, 9, 7)
    info = services.sessions.open(services.sessions.for_day(hub.hub_id, day)[0])
    services.roll.mark_remaining_present(info.id, by=hub.teacher_id)
    with i18n.using("es"):
        services.exporting.export("attendance", hub.hub_id, tmp_path / "asistencia.xlsx")
    book = load_workbook(tmp_path / "asistencia.xlsx")
    sheet = book.active
    assert sheet is not None and sheet.title == "Asistencia"
    rows = list(sheet.values)
    assert rows[0][:4] == ("Fecha", "Conjunto", "Inicio", "Estado de la sesión")
    assert rows[1][2] == "3:30\u202fp.m."
    assert rows[1][0] == dt.datetime(2026, 9, 7)  # still a real date in the workbook


def test_a_report_written_in_spanish_from_the_command_line(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    from harmony_desktop.__main__ import main

    day = dt.date(2026, 9, 7)
    info = services.sessions.open(services.sessions.for_day(hub.hub_id, day)[0])
    services.roll.mark_remaining_present(info.id, by=hub.teacher_id)
    data_dir = str(services.store.path.parent)
    services.close()
    out = tmp_path / "asistencia.xlsx"
    args = ["report", "attendance", "--from", "2026-09-01", "--to", "2026-09-30"]
    assert main(["--data-dir", data_dir, *args, "--out", str(out), "--lang", "es"]) == 0
    book = load_workbook(out)  # its column names are machine keys, in any language
    assert book.sheetnames == ["Asistencia", "Por conjunto", "Por sede", "Acerca de"]
    about = [row[0] for row in book["Acerca de"].values]
    assert about[:2] == ["Asistencia", "Todas las sedes (1) · del 1 sep 2026 al 30 sep 2026"]
    assert i18n.current_language() == "en"  # only the report was in Spanish


def test_the_translation_script_lists_and_fills_plural_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from babel.messages.pofile import read_po, write_po
    from scripts import translations

    from harmony_desktop.paths import resource

    folder = tmp_path / "translations"
    shutil.copytree(resource("translations"), folder)
    monkeypatch.setattr(translations, "FOLDER", folder)
    singular = "Nothing was imported: {count} row was rejected."
    po = translations.po_path("es")
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    catalogue[singular].string = ("", "")  # as msgmerge leaves a new plural entry
    with po.open("wb") as handle:
        write_po(handle, catalogue, width=0)

    assert translations.missing_json("es") == {singular: ["", ""]}
    with pytest.raises(SystemExit, match="a list of 2 forms"):
        translations.fill("es", {singular: "se rechazaron {count} filas"})
    with pytest.raises(SystemExit, match="placeholders differ"):
        translations.fill("es", {singular: ["una fila", "{count} filas"]})
    forms = ["se rechazó {count} fila", "se rechazaron {count} filas"]
    assert translations.fill("es", {singular: forms}) == 1
    assert translations.missing_json("es") == {}
    with po.open("rb") as handle:
        assert read_po(handle)[singular].string == tuple(forms)


#: the functions whose literal argument the catalogues' extraction reads (xgettext's
#: keywords, and lupdate's tr() and translate())
MARKERS = {"_", "N_", "ngettext", "pgettext", "tr", "translate"}


def test_no_string_to_translate_hides_in_an_f_string() -> None:
    """xgettext and lupdate do not look inside an f-string's braces: a ``_("(ignored)")``
    there is never extracted, so it is never translated ("(ignored)" was printed in
    English by the Spanish import). Every marked literal sits outside f-strings."""
    import ast

    import harmony_desktop

    root = Path(harmony_desktop.__file__).resolve().parent
    hidden = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call) or not call.args:
                    continue
                func = call.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                literal = any(
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    for arg in call.args
                )
                if name in MARKERS and literal:
                    hidden.append(f"{path.relative_to(root)}:{call.lineno} {ast.unparse(call)}")
    assert not hidden
