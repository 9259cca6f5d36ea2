"""``harmony-desktop volunteers …`` and ``events export``: the expiring list, the import by
the roster import's rules (dry run, all or nothing, line numbers with reasons), and
private export files."""

from __future__ import annotations

import csv
import datetime as dt
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from harmony_desktop.__main__ import main
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import read_table
from harmony_desktop.store import Store
from harmony_desktop.store.models import Volunteer

TODAY = dt.date.today()  # `volunteers expiring` counts from the real today


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with a small demo hub (four volunteers) generated as of today."""
    folder = tmp_path / "data"
    demo = ["demo", "--students", "6", "--years", "1", "--today", TODAY.isoformat()]
    assert main(["--data-dir", str(folder), *demo]) == 0
    return folder


def volunteer_names(folder: Path) -> list[str]:
    """Every volunteer's first name in the folder's database, sorted."""
    with Store(folder / "harmony.sqlite3") as store, store.read() as s:
        return sorted(v.first_name for v in s.exec(select(Volunteer)).all())


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """A UTF-8 CSV file of ``rows``."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_expiring_lists_clearances_within_the_days_and_writes_a_private_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "expiring.csv"
    args = ["--data-dir", str(data), "volunteers", "expiring", "--within", "30", "--out", str(out)]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "3 clearances of Hollenbeck Park expired or expiring within 30 days."
    # The demo's first volunteer's TB clearance expires in 12 days, the second's expired
    # 20 days ago, the third's safeguarding training expires in 25 days.
    assert [line.split()[1:3] for line in lines[1:4]] == [
        ["expired", "20"],
        ["in", "12"],
        ["in", "25"],
    ]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["Volunteer", "Clearance", "Expires", "Days left", "State", "Hubs"]
    assert [(r[1], r[3], r[4]) for r in rows[1:]] == [
        ("TB clearance", "-20", "expired"),
        ("TB clearance", "12", "expiring"),
        ("Safeguarding training", "25", "expiring"),
    ]
    assert main([*args[:5], "5"]) == 0
    assert capsys.readouterr().out.startswith("1 clearance of ")


def test_import_dry_run_reports_every_rejected_line_and_writes_nothing(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = volunteer_names(data)
    file = write_csv(
        tmp_path / "volunteers.csv",
        [
            ["First name", "Last name", "Email", "Status", "Hubs", "TB clearance", "TB expires"],
            ["Ada", "Import", "ada@example.org", "active", "Hollenbeck Park", "2025-01-10", ""],
            ["Bo", "", "bo@example.org", "active", "", "", ""],
            ["Cy", "Import", "cy@example.org", "active", "", "10/45/2025", ""],
            ["Ada", "Again", "ADA@example.org", "", "", "", ""],
            ["Di", "Import", "", "active", "Nowhere Park", "", ""],
            ["Ed", "Import", "", "retired", "", "", ""],
            ["Flo", "Import", "", "", "", "", "2030-01-01"],
        ],
    )
    args = ["--data-dir", str(data), "volunteers", "import", str(file)]
    assert main([*args, "--dry-run"]) == 1  # rejected rows: a script hears it
    out = capsys.readouterr().out
    assert "Dry run: 1 to create, 0 to update, 0 unchanged, 6 rejected." in out
    assert "  row 3: The volunteer's first and last name are required." in out
    assert "  row 4: '10/45/2025' is not a date (TB clearance)." in out
    assert "  row 5: The same volunteer as on row 2 (e-mail or name)." in out
    assert "  row 6: No hub is called 'Nowhere Park' on this laptop." in out
    assert "  row 7: Unknown status 'retired'" in out
    assert "  row 8: TB clearance has an expiry date but no date it was done." in out
    assert "TB clearance                   -> TB clearance: date done" in out
    assert volunteer_names(data) == before
    # --strict: nothing at all, exit 1; without it, the valid row in one transaction.
    assert main([*args, "--strict"]) == 1
    assert capsys.readouterr().err.strip() == "Nothing was imported: 6 rows were rejected."
    assert volunteer_names(data) == before
    assert main(args) == 1  # the valid row is imported; the six rejected ones are said
    captured = capsys.readouterr()
    assert "Imported: 1 created, 0 updated, 0 unchanged, 6 rejected." in captured.out
    assert captured.err.strip() == "6 rows were rejected and not imported (see above)."
    assert volunteer_names(data) == sorted([*before, "Ada"])
    with Store(data / "harmony.sqlite3") as store:
        services = Services.open(store)
        [ada] = [v for v in services.volunteers.for_hub(None) if v.first_name == "Ada"]
        tb = next(c for c in ada.clearances if c.kind_label == "TB clearance")
        assert (tb.done_on, tb.expires_on) == (dt.date(2025, 1, 10), dt.date(2029, 1, 10))
        assert ada.status == "active" and [a.hub_name for a in ada.assignments] == [
            "Hollenbeck Park"
        ]
    # The same file again changes nothing.
    assert main(args) == 1
    assert "Imported: 0 created, 0 updated, 1 unchanged, 6 rejected." in capsys.readouterr().out


def test_import_of_a_clean_file_exits_0_and_help_says_the_exit_status(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write_csv(
        tmp_path / "v.csv",
        [["First name", "Last name", "Email"], ["Gia", "Clean", "gia@example.org"]],
    )
    args = ["--data-dir", str(data), "volunteers", "import", str(file)]
    assert main([*args, "--dry-run"]) == 0
    assert main(args) == 0
    assert "Imported: 1 created, 0 updated, 0 unchanged, 0 rejected." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["volunteers", "import", "--help"])
    assert "1 when any row is rejected" in " ".join(capsys.readouterr().out.split())


def test_an_import_that_fails_midway_writes_nothing(data: Path, tmp_path: Path) -> None:
    file = write_csv(
        tmp_path / "v.csv",
        [["Name", "Email"], ["Ana Uno", "a1@example.org"], ["Ben Dos", "b2@example.org"]],
    )
    before = volunteer_names(data)
    with Store(data / "harmony.sqlite3") as store:
        services = Services.open(store)
        importer = services.volunteer_import
        hub = services.hubs.find_hub(None)
        table = read_table(file)
        assert importer.dry_run(hub.id, table).created == 2

        def crash() -> None:
            raise OSError("disk full")

        with pytest.raises(OSError):
            importer.apply(hub.id, table, before_commit=crash)
        pending = store.pending_changes()
    assert volunteer_names(data) == before
    assert pending == 0  # the demo's rows are starting state; the import left nothing


def test_a_file_without_names_is_explained(data: Path, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "v.csv", [["Email", "Phone"], ["x@example.org", "323-555-0100"]])
    assert main(["--data-dir", str(data), "volunteers", "import", str(file)]) == 2


@pytest.mark.parametrize(
    ("group", "kind", "header"),
    [
        ("volunteers", "hours", "Volunteer"),
        ("volunteers", "clearances", "Volunteer"),
        ("volunteers", "summary", "Hub"),
        ("events", "families", "Hub"),
        ("events", "performances", "Hub"),
        ("events", "masterclasses", "Hub"),
        ("events", "student-hours", "Hub"),
    ],
)
def test_exports_are_private_files(
    data: Path, tmp_path: Path, group: str, kind: str, header: str
) -> None:
    out = tmp_path / f"{kind}.xlsx"
    args = ["--data-dir", str(data), group, "export", kind, "--out", str(out), "--hub", "all"]
    assert main(args) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    table = read_table(out)
    assert table.headers[0] == header


def test_expiring_and_exports_in_spanish_name_the_programmes_first_clearances_in_spanish(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The clearance kinds every database starts with are stored in English; --lang es
    lists and writes them in Spanish, as the window shows them, with Spanish states and
    sheet names; --lang en from a Spanish app writes them in English."""
    out = tmp_path / "vencen.csv"
    base = ["--data-dir", str(data), "volunteers"]
    args = [*base, "expiring", "--within", "30", "--out", str(out), "--lang", "es"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "3 autorizaciones de Hollenbeck Park vencidas o que vencen en menos de 30 días."
    )
    assert "venció hace 20 días    Constancia de prueba de tuberculosis (TB)" in lines[1]
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == [
        "Voluntario(a)",
        "Autorización",
        "Vence",
        "Días restantes",
        "Vigencia",
        "Sedes",
    ]
    assert [(r[1], r[3], r[4]) for r in rows[1:]] == [
        ("Constancia de prueba de tuberculosis (TB)", "-20", "vencida"),
        ("Constancia de prueba de tuberculosis (TB)", "12", "por vencer"),
        ("Capacitación en protección de menores", "25", "por vencer"),
    ]

    book = tmp_path / "autorizaciones.xlsx"
    assert main([*base, "export", "clearances", "--out", str(book), "--lang", "es"]) == 0
    sheet = load_workbook(book).active
    assert sheet is not None and sheet.title == "Autorizaciones"
    values = list(sheet.values)
    assert values[0][3] == "Autorización"
    assert {row[3] for row in values[1:]} == {
        "Huellas digitales / verificación de antecedentes",
        "Constancia de prueba de tuberculosis (TB)",
        "Capacitación en protección de menores",
        "Acuerdo de voluntariado firmado",
    }
    capsys.readouterr()


def test_a_spanish_app_exports_in_english_when_asked_and_names_import_columns_in_spanish(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "es")  # the app in Spanish, as the system is
    out = tmp_path / "clearances.csv"
    base = ["--data-dir", str(data), "volunteers"]
    assert main([*base, "export", "clearances", "--out", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("16 filas escritas en ")  # the app's language
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][3] == "Clearance"
    assert {r[3] for r in rows[1:]} == {
        "Fingerprint / background check",
        "TB clearance",
        "Safeguarding training",
        "Signed volunteer agreement",
    }

    file = write_csv(
        tmp_path / "voluntarios.csv",
        [
            ["Nombre", "Apellido", "TB expires", "Talla de camiseta"],
            ["Ada", "Import", "10/45/2025", "M"],
        ],
    )
    assert main([*base, "import", str(file), "--dry-run"]) == 1
    out_text = capsys.readouterr().out
    assert "TB expires                     -> Constancia de prueba de tuberculosis (TB): vence" in (
        out_text
    )
    assert "Talla de camiseta              -> (se omite)" in out_text
    assert (
        "  fila 2: '10/45/2025' no es una fecha (Constancia de prueba de tuberculosis (TB))."
        in (out_text)
    )
