"""Dates in imported files as a site lead writes them: one order of day and month for
each column, decided from all its dates (never cell by cell) and said in the dry run; a
column with both orders refused; a year alone never read as an Excel serial date; and
rows numbered as a spreadsheet shows them. Every name is generated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import select

from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import ImportService, RawTable, read_table
from harmony_desktop.services.setup_import import SetupImportService, read_setup
from harmony_desktop.store import Store
from harmony_desktop.store.models import Closure, Student, Term, Volunteer, VolunteerClearance
from tests.factories import HubFixture

TODAY = dt.date(2026, 9, 1)


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.store, today=lambda: TODAY)


def write_csv(path: Path, lines: list[str], encoding: str = "cp1252") -> Path:
    """``lines`` as a CSV file the way Excel on Windows saves one (CRLF)."""
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def births(store: Store, hub_id: str) -> dict[str, dt.date | None]:
    """Each student's date of birth by first name."""
    with store.read() as s:
        rows = s.exec(select(Student).where(Student.hub_id == hub_id)).all()
    return {r.legal_first_name: r.date_of_birth for r in rows}


def spanish_roster(tmp_path: Path, *dates: str) -> Path:
    """The tester's file: Windows-1252, ';', Spanish headers, a birth date per row."""
    names = ["Aitana;Quintero Vela", "Bruno;Salcedo Ruiz", "Celia;Toral Mena", "Dario;Ubeda Paz"]
    rows = [f"{name};{day};3" for name, day in zip(names, dates, strict=False)]
    return write_csv(
        tmp_path / "inscripciones.csv", ["Nombre;Apellido(s);Fecha de nacimiento;Grado", *rows]
    )


# -- one order per column --------------------------------------------------------------------


def test_a_date_over_12_decides_the_order_of_the_whole_column(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """25/03/2015 can only be day/month: 03/04/2014 and 12/11/2013 beside it are too (on
    main they were read month/day, cell by cell, and two children got wrong birthdays)."""
    table = read_table(spanish_roster(tmp_path, "25/03/2015", "03/04/2014", "12/11/2013"))
    report = importer.dry_run(hub.hub_id, table)  # what the site lead reads before importing
    importer.apply(hub.hub_id, table)
    found = births(services.store, hub.hub_id)
    assert (found["Aitana"], found["Bruno"], found["Celia"]) == (
        dt.date(2015, 3, 25),
        dt.date(2014, 4, 3),
        dt.date(2013, 11, 12),
    )
    assert report.dates == [
        "Fecha de nacimiento: 03/04/2014 read as 3 April 2014 (day/month), as 25/03/2015 on "
        "row 2 shows."
    ]
    with i18n.using("es"):
        assert importer.dry_run(hub.hub_id, table).dates == [
            "Fecha de nacimiento: 03/04/2014 se lee como 3 de abril de 2014 (día/mes), como "
            "muestra 25/03/2015 en la fila 2."
        ]


def test_a_date_whose_second_part_is_over_12_makes_the_column_month_day(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """Spanish headers, but 03/25/2015 can only be month/day: so is 04/03/2014, even with
    the app in Spanish."""
    i18n.set_language("es")
    table = read_table(spanish_roster(tmp_path, "03/25/2015", "04/03/2014", "11/12/2013"))
    report = importer.apply(hub.hub_id, table)
    assert report.created == 3 and not report.rejected
    found = births(services.store, hub.hub_id)
    assert (found["Aitana"], found["Bruno"], found["Celia"]) == (
        dt.date(2015, 3, 25),
        dt.date(2014, 4, 3),
        dt.date(2013, 11, 12),
    )
    assert report.dates == [
        "Fecha de nacimiento: 04/03/2014 se lee como 3 de abril de 2014 (mes/día), como "
        "muestra 03/25/2015 en la fila 2."
    ]


def test_when_every_date_could_be_either_the_headers_language_decides(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    # Spanish headers, every date ambiguous, the app in English: day/month.
    table = read_table(spanish_roster(tmp_path, "03/04/2014", "12/11/2013", "05/05/2015"))
    report = importer.apply(hub.hub_id, table)
    assert report.dates == [
        "Fecha de nacimiento: 03/04/2014 read as 3 April 2014 (day/month), as the file's "
        "headers are in Spanish and no date in the column tells the order. If the file means "
        "otherwise, write its dates as YYYY-MM-DD."
    ]
    found = births(services.store, hub.hub_id)
    assert (found["Aitana"], found["Bruno"], found["Celia"]) == (
        dt.date(2014, 4, 3),
        dt.date(2013, 11, 12),
        dt.date(2015, 5, 5),
    )
    # English headers (a US school system's export), the app in Spanish: month/day.
    i18n.set_language("es")
    english = write_csv(
        tmp_path / "sis.csv",
        ["First name,Last name,Date of birth", "Elio,Varga Sol,03/04/2014"],
        "utf-8",
    )
    report = importer.apply(hub.hub_id, read_table(english))
    assert report.dates == [
        "Date of birth: 03/04/2014 se lee como 4 de marzo de 2014 (mes/día), porque los "
        "encabezados del archivo están en inglés y ninguna fecha de la columna indica el "
        "orden. Si el archivo quiere decir otra cosa, escriba sus fechas como AAAA-MM-DD."
    ]
    assert births(services.store, hub.hub_id)["Elio"] == dt.date(2014, 3, 4)


@pytest.mark.parametrize(
    ("language", "expected", "note"),
    [
        (
            "es",
            dt.date(2014, 4, 3),
            "C: 03/04/2014 se lee como 3 de abril de 2014 (día/mes), porque la aplicación "
            "está en español y ninguna fecha de la columna indica el orden. Si el archivo "
            "quiere decir otra cosa, escriba sus fechas como AAAA-MM-DD.",
        ),
        (
            "en",
            dt.date(2014, 3, 4),
            "C: 03/04/2014 read as 4 March 2014 (month/day), as the app is in English and no "
            "date in the column tells the order. If the file means otherwise, write its "
            "dates as YYYY-MM-DD.",
        ),
    ],
)
def test_headers_that_tell_no_language_leave_the_order_to_the_apps(
    services: Services,
    hub: HubFixture,
    importer: ImportService,
    language: str,
    expected: dt.date,
    note: str,
) -> None:
    i18n.set_language(language)
    table = RawTable(["A", "B", "C"], [(2, ["Fabio", "Gil Rueda", "03/04/2014"])])
    mapping: dict[int, str | None] = {0: "legal_first_name", 1: "legal_last_name"}
    report = importer.apply(hub.hub_id, table, {**mapping, 2: "date_of_birth"})
    assert report.dates == [note]
    assert births(services.store, hub.hub_id)["Fabio"] == expected


def test_both_orders_in_one_column_refuse_the_file_and_say_where(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    table = read_table(spanish_roster(tmp_path, "25/03/2015", "03/04/2014", "03/14/2014"))
    before = births(services.store, hub.hub_id)
    english = (
        "Fecha de nacimiento: some dates are written day first (25/03/2015 on row 2) and "
        "some month first (03/14/2014 on row 4), so the others cannot be read for sure. "
        "Correct the column so that all its dates are in one order, or write them as "
        "YYYY-MM-DD, and check the file again."
    )
    with pytest.raises(ValidationError) as refused:
        importer.dry_run(hub.hub_id, table)
    assert str(refused.value) == english
    with pytest.raises(ValidationError) as refused:
        importer.apply(hub.hub_id, table)
    assert str(refused.value) == english
    with i18n.using("es"), pytest.raises(ValidationError) as refused:
        importer.dry_run(hub.hub_id, table)
    assert str(refused.value) == (
        "Fecha de nacimiento: algunas fechas están escritas con el día primero (25/03/2015 "
        "en la fila 2) y otras con el mes primero (03/14/2014 en la fila 4), así que las "
        "demás no se pueden leer con seguridad. Corrija la columna para que todas sus fechas "
        "estén en el mismo orden, o escríbalas como AAAA-MM-DD, y vuelva a revisar el archivo."
    )
    assert births(services.store, hub.hub_id) == before  # nothing written


def test_iso_dates_and_workbook_date_cells_are_read_as_they_are(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """A workbook's real date cells and ISO text say nothing of the order and are never
    changed by it; its text cells written with numbers follow the column's rule."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nombre", "Apellido(s)", "Fecha de nacimiento"])
    sheet.append(["Gala", "Hoyos Rey", dt.datetime(2014, 3, 4)])
    sheet.append(["Hugo", "Ibarra Sanz", "2013-02-01"])
    sheet.append(["Iris", "Jara Polo", "25/03/2015"])
    sheet.append(["Joel", "Kuri Vidal", "03/04/2014"])
    book.save(tmp_path / "libro.xlsx")
    report = importer.apply(hub.hub_id, read_table(tmp_path / "libro.xlsx"))
    assert report.created == 4 and not report.rejected
    found = births(services.store, hub.hub_id)
    assert found["Gala"] == dt.date(2014, 3, 4)
    assert found["Hugo"] == dt.date(2013, 2, 1)
    assert found["Iris"] == dt.date(2015, 3, 25)
    assert found["Joel"] == dt.date(2014, 4, 3)


# -- a year alone ----------------------------------------------------------------------------


def test_a_bare_number_in_a_text_file_is_no_date(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """On main "2015" was an Excel serial number, 7 July 1905, rejected as 121 years old."""
    table = read_table(spanish_roster(tmp_path, "2015", "41883", "2014-04-03"))
    report = importer.dry_run(hub.hub_id, table)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "2015 is not a date: write the whole birth date, e.g. 2015-03-25."),
        (3, "41883 is not a date: write the whole birth date, e.g. 2015-03-25."),
    ]
    with i18n.using("es"):
        reasons = [r.reason for r in importer.dry_run(hub.hub_id, table).rejected]
    assert reasons == [
        "2015 no es una fecha: escriba la fecha de nacimiento completa, por ejemplo, 2015-03-25.",
        "41883 no es una fecha: escriba la fecha de nacimiento completa, por ejemplo, 2015-03-25.",
    ]


def test_a_year_in_a_number_cell_of_a_workbook_is_no_date_a_serial_number_is(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["First name", "Last name", "Date of birth"])
    sheet.append(["Kira", "Lobo Mar", 2015])  # a number cell: a year
    sheet.append(["Leo", "Mena Cruz", 41883])  # a number cell: Excel's 1 Sep 2014
    sheet.append(["Mia", "Nieto Paz", "2016"])  # a text cell: a year too
    book.save(tmp_path / "sis.xlsx")
    table = read_table(tmp_path / "sis.xlsx")
    report = importer.apply(hub.hub_id, table)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "2015 is not a date: write the whole birth date, e.g. 2015-03-25."),
        (4, "2016 is not a date: write the whole birth date, e.g. 2016-03-25."),
    ]
    assert births(services.store, hub.hub_id)["Leo"] == dt.date(2014, 9, 1)


# -- rows as a spreadsheet numbers them ------------------------------------------------------


def test_rows_are_numbered_as_a_spreadsheet_shows_them(
    tmp_path: Path,
    services: Services,
    hub: HubFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A quoted cell with two line breaks is one row: the row after it is row 3, not
    text line 5 (on main the rejection said line 6 for what a spreadsheet shows as row 4)."""
    from harmony_desktop.__main__ import main

    path = write_csv(
        tmp_path / "notas.csv",
        [
            "Nombre;Apellido(s);Fecha de nacimiento;Alergias",
            'Nora;Ortiz Lara;2014-05-06;"cacahuates:\nlleva EpiPen\nen la mochila"',
            "Omar;Pardo Gil;2013-07-08;",
            "Sin apellido;;2015-01-02;",
            "Nora;Ortiz Lara;2014-05-06;",
        ],
    )
    table = read_table(path)
    assert [row for row, _cells in table.rows] == [2, 3, 4, 5]
    data_dir = str(services.store.path.parent)
    services.store.close()
    args = ["--data-dir", data_dir, "import", str(path), "--dry-run"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "  row 4: The student's first and last name are required.\n" in out
    assert "  row 5: The same student as on row 2 (district id or name and date of birth).\n" in out
    monkeypatch.setenv("LANG", "es_MX.UTF-8")  # the command line in Spanish
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "  fila 4: Se necesitan el nombre y el apellido del estudiante.\n" in out
    assert (
        "  fila 5: Es el mismo estudiante que en la fila 2 (ID del distrito, o nombre y fecha "
        "de nacimiento)." in out
    )


# -- the command line ------------------------------------------------------------------------


def test_the_dry_run_on_the_command_line_says_the_order_read(
    tmp_path: Path, services: Services, hub: HubFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.store.close()
    path = spanish_roster(tmp_path, "25/03/2015", "03/04/2014", "12/11/2013")
    assert main(["--data-dir", data_dir, "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    at = out.index("Dry run: 3 to create, 0 to update, 0 unchanged, 0 rejected.")
    assert out[at + 1] == (
        "Fecha de nacimiento: 03/04/2014 read as 3 April 2014 (day/month), as 25/03/2015 on "
        "row 2 shows."
    )
    both = spanish_roster(tmp_path, "25/03/2015", "03/14/2014")
    assert main(["--data-dir", data_dir, "import", str(both)]) == 2  # the file is refused
    err = capsys.readouterr().err
    assert "(25/03/2015 on row 2)" in err and "(03/14/2014 on row 3)" in err
    with Store(Path(data_dir) / "harmony.sqlite3") as store:
        assert "Aitana" not in births(store, hub.hub_id)


# -- volunteers and the programme set-up -----------------------------------------------------


def test_a_volunteer_files_clearance_dates_follow_its_column_that_tells(
    tmp_path: Path, services: Services, hub: HubFixture
) -> None:
    """TB clearance 20/01/2025 is day/month: so are 05/02/2025 beside it and, every one of
    its own dates being ambiguous, the TB expires column of the same file."""
    path = write_csv(
        tmp_path / "voluntarios.csv",
        [
            "First name,Last name,TB clearance,TB expires",
            "Pia,Quiroga Lis,20/01/2025,03/04/2026",
            "Raul,Soler Vega,05/02/2025,",
            "Sara,Tellez Ros,2025,",
        ],
        "utf-8",
    )
    table = read_table(path)
    report = services.volunteer_import.apply(hub.hub_id, table)
    assert report.dates == [
        "TB clearance: 05/02/2025 read as 5 February 2025 (day/month), as 20/01/2025 on row 2 "
        "shows.",
        "TB expires: 03/04/2026 read as 3 April 2026 (day/month), as 20/01/2025 in TB "
        "clearance on row 2 shows.",
    ]
    assert [(r.line, r.reason) for r in report.rejected] == [
        (4, "2025 is not a date (TB clearance): write the whole date, e.g. 2025-03-25.")
    ]
    with services.store.read() as s:
        people = {v.id: v.first_name for v in s.exec(select(Volunteer)).all()}
        done = {
            people[c.volunteer_id]: (c.done_on, c.expires_on)
            for c in s.exec(select(VolunteerClearance)).all()
            if c.volunteer_id in people
        }
    assert done["Pia"] == (dt.date(2025, 1, 20), dt.date(2026, 4, 3))
    assert done["Raul"][0] == dt.date(2025, 2, 5)
    with i18n.using("es"):
        reasons = [r.reason for r in services.volunteer_import.dry_run(hub.hub_id, table).rejected]
    assert reasons == [
        # the clearance named in Spanish, as its other refusals do
        "2025 no es una fecha (Constancia de prueba de tuberculosis (TB)): escriba la fecha "
        "completa, por ejemplo, 2025-03-25."
    ]


def test_a_set_up_sheet_reads_each_date_column_in_one_order(
    tmp_path: Path, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    """Terms: 18/12/2026 in Último día makes Primer día's 01/09/2026 1 September (on main:
    9 January); Calendario's only date, with Spanish headers, 2 November."""
    write_csv(
        tmp_path / "periodos.csv",
        [
            "Año;Nombre;Primer día;Último día",
            "2026-27;Otoño;01/09/2026;18/12/2026",
            "2026-27;Primavera;11/01/2027;11/06/2027",
        ],
    )
    write_csv(tmp_path / "calendario.csv", ["Fecha;Hasta;Sede;Motivo", "02/11/2026;;;Muertos"])
    files = [tmp_path / "periodos.csv", tmp_path / "calendario.csv"]
    importer = SetupImportService(services.store, today=lambda: TODAY)
    report = importer.apply(read_setup(files))
    assert not report.rejected
    assert report.dates == [
        "calendario.csv, Fecha: 02/11/2026 read as 2 November 2026 (day/month), as the file's "
        "headers are in Spanish and no date in the column tells the order. If the file means "
        "otherwise, write its dates as YYYY-MM-DD.",
        "periodos.csv, Primer día: 01/09/2026 read as 1 September 2026 (day/month), as "
        "18/12/2026 in Último día on row 2 shows.",
        "periodos.csv, Último día: 11/06/2027 read as 11 June 2027 (day/month), as 18/12/2026 "
        "on row 2 shows.",
    ]
    with services.store.read() as s:
        terms = {t.name: (t.first_day, t.last_day) for t in s.exec(select(Term)).all()}
        closures = [c.date for c in s.exec(select(Closure)).all()]
    assert terms == {
        "Otoño": (dt.date(2026, 9, 1), dt.date(2026, 12, 18)),
        "Primavera": (dt.date(2027, 1, 11), dt.date(2027, 6, 11)),
    }
    assert closures == [dt.date(2026, 11, 2)]

    # The command line's dry run says it too; a sheet with both orders is refused.
    (tmp_path / "fresh").mkdir()  # a --data-dir must exist
    data_dir = str(tmp_path / "fresh")
    from harmony_desktop.__main__ import main

    assert main(["--data-dir", data_dir, "setup", "import", *map(str, files), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        "  periodos.csv, Primer día: 01/09/2026 read as 1 September 2026 (day/month), as "
        "18/12/2026 in Último día on row 2 shows."
    ) in out
    write_csv(
        tmp_path / "calendario.csv",
        ["Fecha;Hasta;Sede;Motivo", "25/12/2026;;;Navidad", "12/31/2026;;;Fin de año"],
    )
    with pytest.raises(ValidationError, match=r"\(25/12/2026 on row 2\).*\(12/31/2026 on row 3\)"):
        read_setup(files)
    assert main(["--data-dir", data_dir, "setup", "import", *map(str, files)]) == 2
    assert "calendario.csv, Fecha: some dates are written day first" in capsys.readouterr().err


# -- the order chosen, and every row of a column with both -------------------------------


def test_both_orders_in_one_column_name_every_row_of_each(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """Which rows disagree, not only the first of each order (on main: one row each)."""
    names = [f"Nino{n};Prueba Uno" for n in range(9)]
    dates = [
        "25/03/2015",  # row 2: day first
        "03/14/2014",  # row 3: month first
        "13/05/2014",  # row 4: day first
        "05/13/2014",  # row 5: month first
        "03/04/2014",  # row 6: either
        "14/02/2013",  # row 7: day first
        "15/02/2013",  # row 8: day first
        "16/02/2013",  # row 9: day first
        "17/02/2013",  # row 10: day first
    ]
    rows = [f"{name};{day}" for name, day in zip(names, dates, strict=True)]
    path = write_csv(tmp_path / "ambas.csv", ["Nombre;Apellido(s);Fecha de nacimiento", *rows])
    with pytest.raises(ValidationError) as refused:
        importer.dry_run(hub.hub_id, read_table(path))
    assert str(refused.value) == (
        "Fecha de nacimiento: some dates are written day first (25/03/2015 on row 2, "
        "13/05/2014 on row 4, 14/02/2013 on row 7, 15/02/2013 on row 8, 16/02/2013 on row 9 "
        "and 1 more) and some month first (03/14/2014 on row 3, 05/13/2014 on row 5), so the "
        "others cannot be read for sure. Correct the column so that all its dates are in one "
        "order, or write them as YYYY-MM-DD, and check the file again."
    )
    with i18n.using("es"), pytest.raises(ValidationError) as refused:
        importer.dry_run(hub.hub_id, read_table(path))
    assert "(03/14/2014 en la fila 3, 05/13/2014 en la fila 5)" in str(refused.value)
    assert "16/02/2013 en la fila 9 y 1 más)" in str(refused.value)


def test_an_order_chosen_reads_both_and_refuses_only_the_rows_it_cannot(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """Day first chosen for a column with both orders: the month-first date is refused on
    its row, the rest imported (on main the whole file was refused, with no choice)."""
    from harmony_desktop.services.sheets import DAY_MONTH, MONTH_DAY

    table = read_table(spanish_roster(tmp_path, "25/03/2015", "03/14/2014", "03/04/2014"))
    report = importer.dry_run(hub.hub_id, table, date_order=DAY_MONTH)
    assert (report.created, [(r.line, r.reason) for r in report.rejected]) == (
        2,
        [
            (
                3,
                "03/14/2014 is not a date when read day/month, the order chosen for this "
                "import: write the birth date as YYYY-MM-DD, or choose the other order.",
            )
        ],
    )
    assert report.dates == [
        "Fecha de nacimiento: 03/04/2014 read as 3 April 2014 (day/month), as chosen for "
        "this import."
    ]
    with i18n.using("es"):
        spanish = importer.dry_run(hub.hub_id, table, date_order=DAY_MONTH)
    assert spanish.rejected[0].reason == (
        "03/14/2014 no es una fecha leída como día/mes, el orden elegido para esta "
        "importación: escriba la fecha de nacimiento como AAAA-MM-DD, o elija el otro orden."
    )
    assert spanish.dates == [
        "Fecha de nacimiento: 03/04/2014 se lee como 3 de abril de 2014 (día/mes), como se "
        "eligió para esta importación."
    ]
    importer.apply(hub.hub_id, table, date_order=DAY_MONTH)
    found = births(services.store, hub.hub_id)
    assert (found["Aitana"], found["Celia"]) == (dt.date(2015, 3, 25), dt.date(2014, 4, 3))
    assert "Bruno" not in found

    # Month first chosen for a file whose dates all could be either, its headers in
    # Spanish (which alone would read them day first).
    ambiguous = read_table(spanish_roster(tmp_path, "03/04/2014", "12/11/2013"))
    report = importer.apply(hub.hub_id, ambiguous, date_order=MONTH_DAY)
    assert report.created == 2 and not report.rejected
    with services.store.read() as s:
        born = {
            (r.legal_first_name, r.date_of_birth)
            for r in s.exec(select(Student).where(Student.hub_id == hub.hub_id)).all()
        }
    assert {("Aitana", dt.date(2014, 3, 4)), ("Bruno", dt.date(2013, 12, 11))} <= born


def test_an_english_file_with_the_app_in_english_is_read_day_first_when_its_dates_say_so(
    tmp_path: Path, services: Services, hub: HubFixture, importer: ImportService
) -> None:
    """English headers, the app in English (both would say month/day), but 31/12/2014 can
    only be day first: the column is read day first, never refused as "English means US"."""
    i18n.set_language("en")
    path = write_csv(
        tmp_path / "uk.csv",
        [
            "First name,Last name,Date of birth",
            "Dana,Ellis Ford,31/12/2014",
            "Eric,Fulton Gray,05/06/2015",
        ],
        "utf-8",
    )
    report = importer.apply(hub.hub_id, read_table(path))
    assert not report.rejected
    assert report.dates == [
        "Date of birth: 05/06/2015 read as 5 June 2015 (day/month), as 31/12/2014 on row 2 shows."
    ]
    found = births(services.store, hub.hub_id)
    assert (found["Dana"], found["Eric"]) == (dt.date(2014, 12, 31), dt.date(2015, 6, 5))
