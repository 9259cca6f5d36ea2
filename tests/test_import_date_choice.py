"""Every import asks how the file writes dates with numbers only, as the roster import
does: the volunteer import and the set-up import read an all-ambiguous file day first or
month first as chosen, and the command line's imports take ``--dates day-first|month-first``
and, refused a column with both orders, say what to type. Expected dates are written out
by hand; every name is generated."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from harmony_desktop.__main__ import main
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import read_table
from harmony_desktop.services.setup_import import SetupImportService, read_setup
from harmony_desktop.services.sheets import DAY_MONTH, MONTH_DAY, DateOrderConflict
from harmony_desktop.store import Store
from harmony_desktop.store.models import (
    Closure,
    Ensemble,
    Student,
    Term,
    Volunteer,
    VolunteerClearance,
)
from tests.factories import HubFixture

TODAY = dt.date(2026, 8, 20)


def write_csv(path: Path, lines: list[str]) -> Path:
    """``lines`` as a UTF-8 CSV file, CRLF as a spreadsheet saves one."""
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def clearances(store: Store) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    """Each volunteer's clearance (done, expires) by first name."""
    with store.read() as s:
        people = {v.id: v.first_name for v in s.exec(select(Volunteer)).all()}
        return {
            people[c.volunteer_id]: (c.done_on, c.expires_on)
            for c in s.exec(select(VolunteerClearance)).all()
            if c.volunteer_id in people
        }


def ambiguous_volunteers(tmp_path: Path) -> Path:
    """Every date could be day or month first."""
    return write_csv(
        tmp_path / "volunteers.csv",
        [
            "First name,Last name,TB clearance,TB expires",
            "Pia,Quiroga Lis,03/04/2025,02/01/2027",
            "Raul,Soler Vega,05/06/2025,",
        ],
    )


def both_orders_volunteers(tmp_path: Path) -> Path:
    """20/01/2025 can only be day first, 01/22/2025 only month first."""
    return write_csv(
        tmp_path / "both.csv",
        [
            "First name,Last name,TB clearance",
            "Pia,Quiroga Lis,20/01/2025",
            "Raul,Soler Vega,01/22/2025",
            "Sara,Tellez Ros,03/04/2025",
        ],
    )


# -- the volunteer import ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "pia", "raul"),
    [
        # Raul's TB expires 4 years after it was done (the kind's length, none given)
        (
            DAY_MONTH,
            (dt.date(2025, 4, 3), dt.date(2027, 1, 2)),
            (dt.date(2025, 6, 5), dt.date(2029, 6, 5)),
        ),
        (
            MONTH_DAY,
            (dt.date(2025, 3, 4), dt.date(2027, 2, 1)),
            (dt.date(2025, 5, 6), dt.date(2029, 5, 6)),
        ),
    ],
)
def test_the_volunteer_import_reads_an_ambiguous_file_in_the_order_chosen(
    tmp_path: Path,
    services: Services,
    hub: HubFixture,
    order: str,
    pia: tuple[dt.date, dt.date],
    raul: tuple[dt.date, dt.date],
) -> None:
    table = read_table(ambiguous_volunteers(tmp_path))
    words = "day/month" if order == DAY_MONTH else "month/day"
    report = services.volunteer_import.dry_run(hub.hub_id, table, date_order=order)
    assert report.dates[0].endswith(f"({words}), as chosen for this import.")
    services.volunteer_import.apply(hub.hub_id, table, date_order=order)
    found = clearances(services.store)
    assert found["Pia"] == pia
    assert found["Raul"] == raul


def test_the_volunteer_import_refuses_both_orders_unless_one_is_chosen(
    tmp_path: Path, services: Services, hub: HubFixture
) -> None:
    table = read_table(both_orders_volunteers(tmp_path))
    with pytest.raises(DateOrderConflict):
        services.volunteer_import.dry_run(hub.hub_id, table)
    report = services.volunteer_import.apply(hub.hub_id, table, date_order=DAY_MONTH)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (
            3,
            "01/22/2025 is not a date when read day/month, the order chosen for this import "
            "(TB clearance): write the date as YYYY-MM-DD, or choose the other order.",
        )
    ]
    found = clearances(services.store)
    assert found == {
        "Pia": (dt.date(2025, 1, 20), dt.date(2029, 1, 20)),
        "Sara": (dt.date(2025, 4, 3), dt.date(2029, 4, 3)),
    }


# -- the set-up import ---------------------------------------------------------------------


def ambiguous_setup(folder: Path) -> list[Path]:
    """Hubs, Ensembles, Calendar and Terms whose every date could be day or month first."""
    folder.mkdir(exist_ok=True)
    return [
        write_csv(folder / "hubs.csv", ["Name", "Alder Park Hub"]),
        write_csv(
            folder / "ensembles.csv",
            [
                "Hub,Name,Weekdays,Start,End,First day,Last day",
                "Alder Park Hub,Beginning Strings,Mon Wed,15:30,17:00,08/09/2026,06/05/2027",
            ],
        ),
        write_csv(folder / "calendar.csv", ["Date,Until,Hub,Reason", "02/11/2026,,,Fall break"]),
        write_csv(
            folder / "terms.csv",
            ["Year,Name,First day,Last day", "2026-27,Fall,07/09/2026,11/12/2026"],
        ),
    ]


@pytest.mark.parametrize(
    ("order", "ensemble", "closure", "term"),
    [
        (
            DAY_MONTH,
            (dt.date(2026, 9, 8), dt.date(2027, 5, 6)),
            dt.date(2026, 11, 2),
            (dt.date(2026, 9, 7), dt.date(2026, 12, 11)),
        ),
        (
            MONTH_DAY,
            (dt.date(2026, 8, 9), dt.date(2027, 6, 5)),
            dt.date(2026, 2, 11),
            (dt.date(2026, 7, 9), dt.date(2026, 11, 12)),
        ),
    ],
)
def test_the_set_up_import_reads_an_ambiguous_workbook_in_the_order_chosen(
    tmp_path: Path,
    services: Services,
    order: str,
    ensemble: tuple[dt.date, dt.date],
    closure: dt.date,
    term: tuple[dt.date, dt.date],
) -> None:
    files = ambiguous_setup(tmp_path / "setup")
    importer = SetupImportService(services.store, today=lambda: TODAY)
    report = importer.apply(read_setup(files, date_order=order))
    assert not report.rejected, report.rejected
    with services.store.read() as s:
        ensembles = [(e.first_day, e.last_day) for e in s.exec(select(Ensemble)).all()]
        closures = [c.date for c in s.exec(select(Closure)).all()]
        terms = [(t.first_day, t.last_day) for t in s.exec(select(Term)).all()]
    assert (ensembles, closures, terms) == ([ensemble], [closure], [term])


def test_the_set_up_import_refuses_both_orders_unless_one_is_chosen(
    tmp_path: Path, services: Services
) -> None:
    folder = tmp_path / "setup"
    folder.mkdir()
    terms = write_csv(
        folder / "terms.csv",
        [
            "Year,Name,First day,Last day",
            "2026-27,Fall,25/08/2026,18/12/2026",
            "2027-28,Fall,08/24/2027,12/17/2027",
        ],
    )
    with pytest.raises(DateOrderConflict):
        read_setup([terms])
    importer = SetupImportService(services.store, today=lambda: TODAY)
    report = importer.dry_run(read_setup([terms], date_order=DAY_MONTH))
    assert [str(r) for r in report.rejected] == [
        "Terms, row 3: 08/24/2027 is not a date when read day/month, the order chosen for "
        "this import (first day): write the date as YYYY-MM-DD, or choose the other order. "
        "12/17/2027 is not a date when read day/month, the order chosen for this import "
        "(last day): write the date as YYYY-MM-DD, or choose the other order."
    ]


# -- the command line ----------------------------------------------------------------------


def test_volunteers_import_takes_dates_and_refuses_both_orders_saying_what_to_type(
    tmp_path: Path, services: Services, hub: HubFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(services.store.path.parent)
    both = str(both_orders_volunteers(tmp_path))
    assert main(["--data-dir", data, "volunteers", "import", both]) == 2
    err = capsys.readouterr().err
    assert (
        "TB clearance: some dates are written day first (20/01/2025 on row 2) and some month "
        "first (01/22/2025 on row 3)"
    ) in err
    assert "run the same command again with --dates day-first or --dates month-first" in err
    assert clearances(services.store) == {}

    assert main(["--data-dir", data, "volunteers", "import", both, "--dates", "month-first"]) == 1
    out, err = capsys.readouterr()
    assert "row 2: 20/01/2025 is not a date when read month/day" in out
    assert "1 row was rejected and not imported" in err
    assert clearances(services.store) == {
        "Raul": (dt.date(2025, 1, 22), dt.date(2029, 1, 22)),
        "Sara": (dt.date(2025, 3, 4), dt.date(2029, 3, 4)),
    }

    ambiguous = str(ambiguous_volunteers(tmp_path))
    args = ["--data-dir", data, "volunteers", "import", ambiguous, "--dates", "day-first"]
    assert main(args) == 0
    assert clearances(services.store)["Pia"] == (dt.date(2025, 4, 3), dt.date(2027, 1, 2))

    with pytest.raises(SystemExit) as wrong:
        main(["--data-dir", data, "volunteers", "import", ambiguous, "--dates", "dmy"])
    assert wrong.value.code == 2
    assert (
        "invalid choice: 'dmy' (choose from 'day-first', 'month-first')" in capsys.readouterr().err
    )


def test_the_student_import_takes_dates(
    tmp_path: Path, services: Services, hub: HubFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(services.store.path.parent)
    path = write_csv(
        tmp_path / "students.csv",
        ["First name,Last name,Date of birth", "Gala,Iriarte Mar,03/04/2015"],
    )
    base = ["--data-dir", data, "import", str(path), "--hub", "Test Park Hub"]
    assert main([*base, "--dates", "day-first"]) == 0
    assert "03/04/2015 read as 3 April 2015 (day/month), as chosen" in capsys.readouterr().out
    with services.store.read() as s:
        born = s.exec(select(Student.date_of_birth).where(Student.legal_first_name == "Gala"))
        assert born.all() == [dt.date(2015, 4, 3)]


def test_setup_import_takes_dates_and_help_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(p) for p in ambiguous_setup(tmp_path / "setup")]
    (tmp_path / "data").mkdir()
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "setup", "import", *files, "--dates", "month-first"]) == 0
    with Store(tmp_path / "data" / "harmony.sqlite3") as store, store.read() as s:
        assert [(t.first_day, t.last_day) for t in s.exec(select(Term)).all()] == [
            (dt.date(2026, 7, 9), dt.date(2026, 11, 12))
        ]
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["setup", "import", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--dates {day-first,month-first}" in help_text
    assert "day-first (3 April 2014) or month-first (March 4, 2014)" in help_text


def test_a_real_setup_import_refused_for_both_orders_exits_2_saying_what_to_type_in_spanish(
    tmp_path: Path,
) -> None:
    """A real process under a Spanish system locale: exit status 2, the rows of each order
    and the option to type on stderr, nothing on stdout, no database made."""
    folder = tmp_path / "setup"
    folder.mkdir()
    terms = write_csv(
        folder / "periodos.csv",
        [
            "Año,Nombre,Primer día,Último día",
            "2026-27,Otoño,25/08/2026,18/12/2026",
            "2026-27,Primavera,01/11/2027,06/11/2027",
            "2027-28,Otoño,08/24/2027,12/17/2027",
        ],
    )
    (tmp_path / "data").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="es_MX.UTF-8", HARMONY_DATA_DIR=str(tmp_path / "data"))
    run = subprocess.run(
        [sys.executable, "-m", "harmony_desktop", "setup", "import", str(terms)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    assert (
        "periodos.csv, Primer día: algunas fechas están escritas con el día primero "
        "(25/08/2026 en la fila 2) y otras con el mes primero (08/24/2027 en la fila 4)"
    ) in run.stderr
    assert "--dates day-first" in run.stderr and "--dates month-first" in run.stderr
    assert not (tmp_path / "data" / "harmony.sqlite3").exists()
