"""The programme set-up from a spreadsheet: a clean workbook imported twice creates
everything once; a workbook with rejected lines writes nothing and says which lines and
why; CSV files with Spanish headers; the export reads back unchanged; the command line.
Every name here is generated."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import text
from sqlmodel import select

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup_import import SetupImportService, SetupRefused
from harmony_desktop.store import Store
from harmony_desktop.store.models import Closure, Ensemble, Hub, Staff, Term

TODAY = dt.date(2026, 8, 20)


def snapshot(store: Store) -> str:
    """A digest of every row of every table (outbox and settings included)."""
    digest = hashlib.sha256()
    with store.read() as s:
        names = [
            r[0]
            for r in s.connection().execute(
                text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            )
        ]
        for name in names:
            for row in s.connection().execute(text(f'SELECT * FROM "{name}" ORDER BY 1')):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


CLEAN: dict[str, list[list[Any]]] = {
    "Hubs": [
        ["Name", "Address", "Partner kind", "Time zone", "Notes"],
        ["Alder Park Hub", "100 Alder Way", "park", "America/Los_Angeles", "gate code at desk"],
        ["Birch School Hub", "200 Birch Ave", "escuela", "", ""],
    ],
    "Staff": [
        ["Name", "Role", "Hub", "Phone", "Email"],
        ["Quinn Teacher", "Teacher", "Alder Park Hub", "(323) 555-0701", "quinn@example.org"],
        ["Rowan Artist", "teaching artist", "Alder Park Hub; Birch School Hub", "", ""],
        ["Sage Lead", "Coordinadora de sede", "Birch School Hub", "", "sage@example.org"],
    ],
    "Ensembles": [
        ["Spring 2026 ensembles"],  # a title line above the header
        [
            "Hub",
            "Name",
            "Teacher",
            "Capacity",
            "Weekdays",
            "Start",
            "End",
            "First day",
            "Last day",
            "Grades",
        ],
        [
            "Alder Park Hub",
            "Beginning Strings",
            "Quinn Teacher",
            20,
            "Mon Wed",
            "15:30",
            "17:00",
            dt.date(2026, 9, 1),
            dt.date(2027, 6, 11),
            "3-5",
        ],
        ["Alder Park Hub", "Beginning Strings", "", "", "Sat", "10:00", "11:30", "", "", ""],
        [
            "Birch School Hub",
            "Choir",
            "Rowan Artist",
            30,
            "lun mié vie",
            "3:30 PM",
            "4:30 PM",
            "",
            "",
            "K-2",
        ],
    ],
    "Calendar": [
        ["Date", "Until", "Hub", "Reason"],
        [dt.date(2026, 9, 7), "", "", "Labor Day"],
        [dt.date(2026, 11, 26), dt.date(2026, 11, 27), "", "Thanksgiving"],
        [dt.date(2026, 10, 5), "", "Alder Park Hub", "Park maintenance"],
    ],
    "Terms": [
        ["Year", "Name", "First day", "Last day"],
        ["2026-27", "Fall", dt.date(2026, 9, 1), dt.date(2026, 12, 18)],
        ["2026-27", "Spring", dt.date(2027, 1, 11), dt.date(2027, 6, 11)],
    ],
}


@pytest.fixture
def importer(services: Services) -> SetupImportService:
    return SetupImportService(services.store, today=lambda: TODAY)


def _rows(store: Store, model: Any) -> list[Any]:
    with store.read() as s:
        return list(s.exec(select(model).where(model.deleted.is_(False))).all())


def test_a_clean_workbook_imported_twice_creates_everything_once(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    path = workbook(tmp_path / "programme.xlsx", CLEAN)
    before = snapshot(services.store)
    dry = importer.dry_run([path])
    assert snapshot(services.store) == before  # a dry run writes nothing
    assert dry.rejected == [] and not dry.applied
    assert [(r.sheet, r.created, r.updated, r.unchanged) for r in dry.sheets] == [
        ("Hubs", 2, 0, 0),
        ("Staff", 3, 0, 0),
        ("Ensembles", 2, 0, 0),
        ("Calendar", 3, 0, 0),
        ("Terms", 2, 0, 0),
    ]
    assert dry.sheets[0].unmapped == ["Notes"]  # listed, never dropped silently

    done = importer.apply([path])
    assert done.applied and [r.created for r in done.sheets] == [2, 3, 2, 3, 2]
    hubs = {h.name: h for h in _rows(services.store, Hub)}
    assert hubs["Birch School Hub"].partner_kind == "school"
    staff = {r.name: r for r in _rows(services.store, Staff)}
    assert staff["Sage Lead"].role == "site_lead" and staff["Sage Lead"].hub_id is None
    assert sorted(json.loads(staff["Rowan Artist"].hubs)) == sorted(
        [hubs["Alder Park Hub"].id, hubs["Birch School Hub"].id]
    )
    ensembles = {e.name: e for e in _rows(services.store, Ensemble)}
    strings = ensembles["Beginning Strings"]
    assert (strings.capacity, strings.grade_min, strings.grade_max) == (20, "3", "5")
    assert strings.teacher_id == staff["Quinn Teacher"].id
    assert [(m["weekday"], m["start"], m["end"]) for m in json.loads(strings.schedule)] == [
        (0, "15:30", "17:00"),
        (2, "15:30", "17:00"),
        (5, "10:00", "11:30"),
    ]
    choir = ensembles["Choir"]
    assert [m["weekday"] for m in json.loads(choir.schedule)] == [0, 2, 4]
    assert json.loads(choir.schedule)[0]["start"] == "15:30"
    closures = sorted((c.date, c.hub_id, c.reason) for c in _rows(services.store, Closure))
    assert closures == [
        (dt.date(2026, 9, 7), None, "Labor Day"),
        (dt.date(2026, 10, 5), hubs["Alder Park Hub"].id, "Park maintenance"),
        (dt.date(2026, 11, 26), None, "Thanksgiving"),
        (dt.date(2026, 11, 27), None, "Thanksgiving"),
    ]
    assert sorted(t.name for t in _rows(services.store, Term)) == ["Fall", "Spring"]

    after_first = snapshot(services.store)
    again = importer.apply([path])
    assert [(r.created, r.updated) for r in again.sheets] == [(0, 0)] * 5
    assert [r.unchanged for r in again.sheets] == [2, 3, 2, 3, 2]
    assert snapshot(services.store) == after_first  # not one change, not one outbox entry

    # the sessions follow: Monday 7 September is Labor Day, Wednesday the 9th meets
    alder = hubs["Alder Park Hub"].id
    assert services.sessions.for_day(alder, dt.date(2026, 9, 7)) == []
    assert [i.ensemble_name for i in services.sessions.for_day(alder, dt.date(2026, 9, 9))] == [
        "Beginning Strings"
    ]


def test_a_workbook_with_rejects_writes_nothing(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    bad = {name: [list(r) for r in rows] for name, rows in CLEAN.items()}
    bad["Staff"][3][2] = "Cedar Hub"  # no such hub
    bad["Ensembles"][4][4] = "lun mié jue2"  # not a day
    bad["Ensembles"][3][2] = "Nobody Known"  # not on the Staff sheet
    bad["Calendar"][2][1] = dt.date(2026, 11, 1)  # until before the date
    path = workbook(tmp_path / "bad.xlsx", bad)
    before = snapshot(services.store)
    dry = importer.dry_run([path])
    assert [(r.sheet, r.line) for r in dry.rejected] == [
        ("Staff", 4),
        ("Ensembles", 3),
        ("Ensembles", 5),
        ("Calendar", 3),
    ]
    reasons = [r.reason for r in dry.rejected]
    assert "There is no hub called Cedar Hub" in reasons[0]
    assert "No staff member is called Nobody Known" in reasons[1]
    assert "'jue2' is not a day of the week" in reasons[2]
    assert "The last day must follow the date" in reasons[3]
    with pytest.raises(SetupRefused, match="4 rows"):
        importer.apply([path])
    assert snapshot(services.store) == before


def test_a_misspelt_day_names_its_line_once_and_a_later_line_of_the_ensemble_by_number(
    tmp_path: Path, importer: SetupImportService
) -> None:
    bad = {name: [list(r) for r in rows] for name, rows in CLEAN.items()}
    bad["Ensembles"][2][4] = "Mon Wendsday"  # the ensemble's first line (line 3)
    path = workbook(tmp_path / "bad.xlsx", bad)
    (first,) = importer.dry_run([path]).rejected
    assert str(first) == (
        "Ensembles, row 3: 'wendsday' is not a day of the week (Mon Wed, lun mié)."
    )
    bad["Ensembles"][2][4] = "Mon Wed"
    bad["Ensembles"][3][4] = "Sta"  # its second line (line 4), reported at line 3
    path = workbook(tmp_path / "bad2.xlsx", bad)
    (second,) = importer.dry_run([path]).rejected
    assert str(second) == (
        "Ensembles, row 3: row 4: 'sta' is not a day of the week (Mon Wed, lun mié)."
    )
    bad["Ensembles"][2][4] = "Mon Wendsday"  # both lines wrong: both said, in one rejection
    path = workbook(tmp_path / "bad3.xlsx", bad)
    (both,) = importer.dry_run([path]).rejected
    assert str(both) == (
        "Ensembles, row 3: 'wendsday' is not a day of the week (Mon Wed, lun mié). "
        "row 4: 'sta' is not a day of the week (Mon Wed, lun mié)."
    )


def test_every_problem_of_a_line_is_reported(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    """A misspelt day does not hide a teacher missing from the Staff sheet, nor a bad
    capacity; a closure with a bad date and an unknown hub says both."""
    bad = {name: [list(r) for r in rows] for name, rows in CLEAN.items()}
    bad["Ensembles"][4][2] = "Nobody Known"  # Choir, line 5
    bad["Ensembles"][4][3] = "thirty"
    bad["Ensembles"][4][4] = "lun mié jue2"
    bad["Calendar"][3] = ["soon", "", "Cedar Hub", "Park maintenance"]
    path = workbook(tmp_path / "bad.xlsx", bad)
    before = snapshot(services.store)
    rejected = importer.dry_run([path]).rejected
    assert [str(r) for r in rejected] == [
        "Ensembles, row 5: No staff member is called Nobody Known: add them to the Staff "
        "sheet. Capacity is a number of places, not 'thirty'. 'jue2' is not a day of the "
        "week (Mon Wed, lun mié).",
        "Calendar, row 4: 'soon' is not a date (date). There is no hub called Cedar Hub. "
        "Hubs: Alder Park Hub, Birch School Hub.",
    ]
    with pytest.raises(SetupRefused, match="2 rows"):
        importer.apply([path])
    assert snapshot(services.store) == before


def test_the_spanish_partner_kind_column(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    (tmp_path / "sedes.csv").write_text(
        "Nombre,Socio,Tipo de socio\nParque Ceiba,Parques de la Ciudad,parque\n"
        "Escuela Roble,Distrito Escolar,escuela\n",
        encoding="utf-8",
    )
    report = importer.apply([tmp_path / "sedes.csv"])
    assert report.sheets[0].mapping == {0: "name", 1: "partner", 2: "partner_kind"}
    assert sorted((h.name, h.partner, h.partner_kind) for h in _rows(services.store, Hub)) == [
        ("Escuela Roble", "Distrito Escolar", "school"),
        ("Parque Ceiba", "Parques de la Ciudad", "park"),
    ]


def test_csv_files_with_spanish_headers(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    (tmp_path / "sedes.csv").write_text(
        "Nombre;Dirección;Tipo\nParque Ceiba;Calle 5 #10;parque\n", encoding="cp1252"
    )
    (tmp_path / "personal.csv").write_text(
        "Nombre,Rol,Sede,Teléfono\nDana Maestra,maestra,Parque Ceiba,(213) 555-0801\n",
        encoding="utf-8",
    )
    (tmp_path / "conjuntos.csv").write_text(
        "Sede,Nombre,Maestro,Capacidad,Días,Inicio,Fin\n"
        "Parque Ceiba,Coro,Dana Maestra,25,lun mié,15:30,17:00\n",
        encoding="utf-8",
    )
    files = [tmp_path / n for n in ("conjuntos.csv", "personal.csv", "sedes.csv")]
    report = importer.apply(files)
    assert [(r.sheet, r.created) for r in report.sheets] == [
        ("Hubs", 1),
        ("Staff", 1),
        ("Ensembles", 1),
    ]
    (hub,) = _rows(services.store, Hub)
    assert (hub.name, hub.address, hub.partner_kind) == ("Parque Ceiba", "Calle 5 #10", "park")
    (coro,) = _rows(services.store, Ensemble)
    assert coro.capacity == 25 and [m["weekday"] for m in json.loads(coro.schedule)] == [0, 2]


def test_the_export_reads_back_unchanged(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    importer.apply([workbook(tmp_path / "programme.xlsx", CLEAN)])
    (tmp_path / "out").mkdir()
    exported = importer.export(tmp_path / "out" / "setup.xlsx")
    before = snapshot(services.store)
    report = importer.apply([exported])
    assert [(r.sheet, r.created, r.updated) for r in report.sheets] == [
        ("Hubs", 0, 0),
        ("Staff", 0, 0),
        ("Ensembles", 0, 0),
        ("Calendar", 0, 0),
        ("Terms", 0, 0),
    ]
    assert snapshot(services.store) == before


def test_hubs_come_from_the_server_on_an_enrolled_laptop(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    """Known hubs pass unchanged; a new one is refused with what to do."""
    from harmony_desktop.store import settings

    importer.apply([workbook(tmp_path / "programme.xlsx", {"Hubs": CLEAN["Hubs"]})])
    services.store.settings.set(settings.SYNC_SERVER, "https://sync.example.org")
    more = [*CLEAN["Hubs"], ["Cedar Hub", "", "", "", ""]]
    report = importer.dry_run([workbook(tmp_path / "more.xlsx", {"Hubs": more})])
    assert report.sheets[0].unchanged == 2
    assert [(r.line, "ask the administrator" in r.reason) for r in report.rejected] == [(4, True)]


def test_cli_setup_import_export_and_sessions(
    tmp_path: Path, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.store.close()
    path = workbook(tmp_path / "programme.xlsx", CLEAN)
    assert main(["--data-dir", data_dir, "setup", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Hubs (from programme.xlsx [Hubs]):" in out
    assert "Weekdays                       -> Weekdays" in out
    assert "Not imported (no field matches): Notes." in out
    assert "Ensembles: 2 to create, 0 to update, 0 unchanged." in out
    assert main(["--data-dir", data_dir, "setup", "import", str(path)]) == 0
    assert "Calendar: 3 created, 0 updated, 0 unchanged." in capsys.readouterr().out

    assert main(["--data-dir", data_dir, "sessions", "--date", "2026-09-09"]) == 0
    out = capsys.readouterr().out
    assert "Alder Park Hub\tBeginning Strings\t15:30\t17:00\tnot started" in out
    assert "Birch School Hub\tChoir\t15:30\t16:30\tnot started" in out
    assert main(["--data-dir", data_dir, "sessions", "--date", "2026-09-07", "--hub", "Alder"]) == 0
    out = capsys.readouterr().out
    assert "Alder Park Hub: closed (Labor Day)" in out and "Beginning Strings" not in out

    exported = tmp_path / "back.xlsx"
    assert main(["--data-dir", data_dir, "setup", "export", str(exported)]) == 0
    assert exported.exists()
    bad = workbook(tmp_path / "bad.xlsx", {"Calendar": [["Date", "Hub"], ["soon", ""]]})
    assert main(["--data-dir", data_dir, "setup", "import", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "Calendar, row 2: 'soon' is not a date (date)." in captured.out
    assert captured.err.splitlines() == [
        "Nothing was imported: 1 row was rejected.",
        "Fix the rows listed above in bad.xlsx, then run the same command again.",
    ]


def test_two_people_with_one_name_are_refused_one_person_per_hub_is_not(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    hubs = CLEAN["Hubs"]
    two_people = workbook(
        tmp_path / "two.xlsx",
        {
            "Hubs": hubs,
            "Staff": [
                ["Name", "Role", "Hub", "Phone"],
                ["Ana Example", "teacher", "Alder Park Hub", "(323) 555-0711"],
                ["Ana Example", "teacher", "Birch School Hub", "(323) 555-0722"],
            ],
            "Ensembles": [
                ["Hub", "Name", "Teacher", "Weekdays", "Start", "End"],
                ["Alder Park Hub", "Choir", "Ana Example", "Mon", "15:30", "17:00"],
            ],
        },
    )
    before = snapshot(services.store)
    dry = importer.dry_run([two_people])
    assert [(r.sheet, r.line) for r in dry.rejected] == [
        ("Staff", 2),
        ("Staff", 3),
        ("Ensembles", 2),
    ]
    assert "same name is on rows 2, 3" in dry.rejected[0].reason
    assert "until their rows on the Staff sheet are fixed" in dry.rejected[2].reason
    with pytest.raises(SetupRefused):
        importer.apply([two_people])
    assert snapshot(services.store) == before

    one_person = workbook(
        tmp_path / "one.xlsx",
        {
            "Hubs": hubs,
            "Staff": [
                ["Name", "Role", "Hub", "Phone"],
                ["Ana Example", "teacher", "Alder Park Hub", "(323) 555-0711"],
                ["Ana Example", "teacher", "Birch School Hub", "(323) 555-0711"],
            ],
        },
    )
    importer.apply([one_person])
    (ana,) = _rows(services.store, Staff)
    hub_ids = {h.name: h.id for h in _rows(services.store, Hub)}
    assert sorted(json.loads(ana.hubs)) == sorted(hub_ids.values())
    once = snapshot(services.store)
    again = importer.apply([one_person])
    assert [(s.sheet, s.updated, s.created) for s in again.sheets] == [
        ("Hubs", 0, 0),
        ("Staff", 0, 0),
    ]
    assert snapshot(services.store) == once


def test_two_teachers_called_ana_garcia_are_told_apart_by_email(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    staff = [
        ["Name", "Role", "Hub", "Phone", "Email"],
        ["Ana García", "teacher", "Alder Park Hub", "(323) 555-0711", "ana.garcia@example.org"],
        ["Ana García", "teacher", "Birch School Hub", "(323) 555-0722", "agarcia@example.org"],
    ]
    ensembles = [
        ["Hub", "Name", "Teacher", "Weekdays", "Start", "End"],
        ["Alder Park Hub", "Choir", "Ana García <ana.garcia@example.org>", "Mon", "15:30", "17:00"],
        ["Birch School Hub", "Choir", "agarcia@example.org", "Tue", "15:30", "17:00"],
    ]
    path = workbook(
        tmp_path / "two.xlsx", {"Hubs": CLEAN["Hubs"], "Staff": staff, "Ensembles": ensembles}
    )
    report = importer.apply([path])
    assert report.rejected == []
    people = {r.email: r for r in _rows(services.store, Staff)}
    assert sorted(people) == ["agarcia@example.org", "ana.garcia@example.org"]
    hub_ids = {h.name: h.id for h in _rows(services.store, Hub)}
    teachers = {e.hub_id: e.teacher_id for e in _rows(services.store, Ensemble)}
    assert teachers == {
        hub_ids["Alder Park Hub"]: people["ana.garcia@example.org"].id,
        hub_ids["Birch School Hub"]: people["agarcia@example.org"].id,
    }
    once = snapshot(services.store)
    assert importer.apply([path]).rejected == [] and snapshot(services.store) == once
    exported = importer.export(tmp_path / "out.xlsx")
    assert [(s.created, s.updated) for s in importer.apply([exported]).sheets] == [(0, 0)] * 5
    assert snapshot(services.store) == once

    # a bare name two people share, and a line of the sheet without its email, say what to do
    unclear = workbook(
        tmp_path / "unclear.xlsx",
        {
            "Hubs": CLEAN["Hubs"],
            "Staff": [*staff, ["Ana García", "teacher", "Alder Park Hub", "", ""]],
            "Ensembles": [
                ensembles[0],
                ["Alder Park Hub", "Strings", "Ana García", "Wed", "15:30", "17:00"],
            ],
        },
    )
    dry = importer.dry_run([unclear])
    assert [(r.sheet, r.line) for r in dry.rejected] == [("Staff", 4), ("Ensembles", 2)]
    assert "give this row the person's email" in dry.rejected[0].reason
    assert "until their rows on the Staff sheet are fixed" in dry.rejected[1].reason
    bare = workbook(
        tmp_path / "bare.xlsx",
        {
            "Ensembles": [
                ensembles[0],
                ["Alder Park Hub", "Strings", "Ana García", "Wed", "15:30", "17:00"],
            ]
        },
    )
    (refused,) = importer.dry_run([bare]).rejected
    assert "write the teacher with their email, as Ana García <email>" in refused.reason
    assert snapshot(services.store) == once


def test_a_staff_member_who_left_is_archived_by_the_workbook_and_exported_so(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    importer.apply([workbook(tmp_path / "programme.xlsx", CLEAN)])
    staff = [*CLEAN["Staff"]]
    staff[0] = [*staff[0], "Archived"]
    staff[1] = [*staff[1], "sí"]  # Quinn Teacher left
    report = importer.apply([workbook(tmp_path / "left.xlsx", {"Staff": staff})])
    assert [(s.sheet, s.updated) for s in report.sheets] == [("Staff", 1)]
    archived = {r.name: r.archived for r in _rows(services.store, Staff)}
    assert archived == {"Quinn Teacher": True, "Rowan Artist": False, "Sage Lead": False}
    hub_ids = {h.name: h.id for h in _rows(services.store, Hub)}
    assert services.hubs.staff_for_hub(hub_ids["Alder Park Hub"])[0].name == "Rowan Artist"
    exported = importer.export(tmp_path / "out.xlsx")
    once = snapshot(services.store)
    assert [(s.created, s.updated) for s in importer.apply([exported]).sheets] == [(0, 0)] * 5
    assert snapshot(services.store) == once
    from openpyxl import load_workbook

    rows = list(load_workbook(exported)["Staff"].iter_rows(values_only=True))
    assert rows[0][-1] == "Archived" and [r[-1] for r in rows[1:]] == ["yes", "no", "no"]


def _spanish_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``harmony-desktop ARGS`` under a Spanish system locale (no language chosen)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    env.update(LANG="es_MX.UTF-8", HARMONY_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(
        [sys.executable, "-m", "harmony_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_cli_setup_import_in_spanish_names_the_sheets_and_columns_in_spanish(
    tmp_path: Path,
) -> None:
    bad = {name: [list(r) for r in rows] for name, rows in CLEAN.items()}
    bad["Ensembles"][3][2] = "Nobody Known"
    path = workbook(tmp_path / "programme.xlsx", bad)
    run = _spanish_cli(tmp_path, "setup", "import", str(path), "--dry-run")
    assert run.returncode == 1, run.stderr
    out = run.stdout
    assert "Conjuntos (de programme.xlsx [Ensembles]):" in out
    assert "Weekdays                       -> Días" in out
    assert "First day                      -> Primer día" in out
    assert "Sedes: 2 por crear, 0 por actualizar, 0 sin cambios." in out
    assert "Conjuntos, fila 3: " in out
    for english in ("Ensembles (from", "-> weekdays", "-> first day", "Hubs:", "Ensembles, row"):
        assert english not in out


def test_setup_export_in_spanish_reads_back_unchanged(
    tmp_path: Path, services: Services, importer: SetupImportService
) -> None:
    from openpyxl import load_workbook

    from harmony_desktop.__main__ import main

    importer.apply([workbook(tmp_path / "programme.xlsx", CLEAN)])
    data_dir = str(services.store.path.parent)
    services.store.close()
    out = tmp_path / "programa.xlsx"
    assert main(["--data-dir", data_dir, "setup", "export", str(out), "--lang", "es"]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Sedes", "Personal", "Conjuntos", "Calendario", "Periodos"]
    assert [c.value for c in book["Sedes"][1]] == [
        "Nombre",
        "Dirección",
        "Socio",
        "Tipo de socio",
        "Zona horaria",
    ]
    assert [c.value for c in book["Conjuntos"][1]][:7] == [
        "Sede",
        "Nombre",
        "Maestro",
        "Capacidad",
        "Días",
        "Inicio",
        "Fin",
    ]
    assert [c.value for c in book["Periodos"][1]] == ["Año", "Nombre", "Primer día", "Último día"]
    english = tmp_path / "programme-en.xlsx"
    assert main(["--data-dir", data_dir, "setup", "export", str(english), "--lang", "en"]) == 0
    assert load_workbook(english).sheetnames == ["Hubs", "Staff", "Ensembles", "Calendar", "Terms"]
    with Store(Path(data_dir) / "harmony.sqlite3") as store:
        again = SetupImportService(store, today=lambda: TODAY)
        before = snapshot(store)
        report = again.apply([out])
        assert [(r.sheet, r.created, r.updated, r.unmapped) for r in report.sheets] == [
            ("Hubs", 0, 0, []),
            ("Staff", 0, 0, []),
            ("Ensembles", 0, 0, []),
            ("Calendar", 0, 0, []),
            ("Terms", 0, 0, []),
        ]
        assert snapshot(store) == before
