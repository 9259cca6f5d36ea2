"""Export of the roster, contacts and attendance to CSV and .xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.exporting import ExportService
from harmony_desktop.services.importing import ImportService, read_table
from tests.factories import HubFixture, copy_hub


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    assert b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_roster_csv_round_trips_through_the_importer(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    student_id = hub.student_ids[0]
    services.roster.update_student(
        student_id, preferred_name="Annie", allergy_notes="peanuts, shellfish", photo_consent=True
    )
    services.roster.add_contact(
        student_id, name="Tío Pepe", relationship="uncle", phone="323-555-7777", is_emergency=True
    )
    export = ExportService(services.store)
    assert export.export("roster", hub.hub_id, tmp_path / "roster.csv") == 8
    rows = read_csv(tmp_path / "roster.csv")
    header, body = rows[0], rows[1:]
    assert len(body) == 8
    annie = next(r for r in body if r[header.index("Preferred name")] == "Annie")
    assert annie[header.index("Allergies")] == "peanuts, shellfish"
    assert annie[header.index("Emergency contact name")] == "Tío Pepe"
    assert annie[header.index("Ensembles")] == "Beginning Strings"

    other = copy_hub(services, hub.hub_id, "Second Hub")  # its ensembles have the same names
    report = ImportService(services.store).apply(other, read_table(tmp_path / "roster.csv"))
    assert (report.created, report.rejected) == (8, [])
    copied = {e.display_name: e for e in services.roster.entries(other)}
    original = {e.display_name: e for e in services.roster.entries(hub.hub_id)}
    assert copied.keys() == original.keys()
    for name, entry in original.items():
        assert copied[name].date_of_birth == entry.date_of_birth
        assert copied[name].grade == entry.grade
        assert copied[name].photo_consent == entry.photo_consent
    annie_copy = copied["Annie " + annie[header.index("Last name")]]
    names = [c.name for c in services.roster.contacts(annie_copy.student_id)]
    assert names == ["Guardian 0", "Tío Pepe"]
    (enrolled,) = services.enrollment.for_student(annie_copy.student_id)
    ensemble = services.setup.ensemble(enrolled.ensemble_id)
    assert (ensemble.hub_id, ensemble.name, enrolled.status) == (
        other, "Beginning Strings", "enrolled"
    )  # fmt: skip


def test_contacts_and_attendance_xlsx(services: Services, hub: HubFixture, tmp_path: Path) -> None:
    day = dt.date(2026, 9, 7)
    info = services.sessions.open(services.sessions.for_day(hub.hub_id, day)[0])
    roll = services.roll.roll(info.id)
    services.roll.mark(info.id, roll[0].student_id, "AU", by=hub.teacher_id)
    services.roll.mark_remaining_present(info.id, by=hub.teacher_id)
    export = ExportService(services.store)
    assert export.export("attendance", hub.hub_id, tmp_path / "att.xlsx") == 8
    assert (
        export.export(
            "attendance", hub.hub_id, tmp_path / "none.xlsx", first=day + dt.timedelta(days=1)
        )
        == 0
    )
    sheet = load_workbook(tmp_path / "att.xlsx").active
    assert sheet is not None
    values = list(sheet.values)
    assert values[0][:2] == ("Date", "Ensemble")
    assert all(isinstance(v[0], dt.datetime) and v[0].date() == day for v in values[1:])
    assert sorted(v[7] for v in values[1:]) == ["AU"] + ["P"] * 7

    assert export.export("contacts", hub.hub_id, tmp_path / "contacts.csv") == 8
    rows = read_csv(tmp_path / "contacts.csv")
    assert rows[0][3] == "Contact name" and {r[3] for r in rows[1:]} == {
        f"Guardian {i}" for i in range(8)
    }


def test_csv_cells_never_run_as_formulas(
    services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    services.roster.update_student(hub.student_ids[0], notes='=HYPERLINK("http://x")')
    services.roster.add_contact(hub.student_ids[0], name="Plus Phone", phone="+1 323 555 0100")
    ExportService(services.store).export("roster", hub.hub_id, tmp_path / "r.csv")
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    ExportService(services.store).export("contacts", hub.hub_id, tmp_path / "c.csv")
    assert "+1 323 555 0100" in (tmp_path / "c.csv").read_text(encoding="utf-8-sig")


def test_unknown_kind_and_suffix(services: Services, hub: HubFixture, tmp_path: Path) -> None:
    export = ExportService(services.store)
    with pytest.raises(ValidationError):
        export.export("grades", hub.hub_id, tmp_path / "x.csv")
    with pytest.raises(ValidationError):
        export.export("roster", hub.hub_id, tmp_path / "x.pdf")


def test_cli_export(services: Services, hub: HubFixture, tmp_path: Path) -> None:
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.store.close()
    out = tmp_path / "contacts.xlsx"
    assert main(["--data-dir", data_dir, "export", "contacts", "--out", str(out)]) == 0
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.max_row == 9  # header + 8 contacts
