"""The words in a set-up workbook's cells: a Spanish export writes them in Spanish (days
by Babel, yes and no, roles, kinds of partner), and the import reads them back in either
language. Every name here is generated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from harmony_desktop.__main__ import main
from harmony_desktop.domain.i18n import weekday_name
from harmony_desktop.domain.schedule import meetings, parse_weekdays
from harmony_desktop.services.context import Services
from harmony_desktop.services.hubs import staff_hubs
from harmony_desktop.services.setup_import import SetupImportService
from harmony_desktop.store import Store
from harmony_desktop.store.models import Closure, Ensemble, Hub, Staff, Term
from tests.test_setup_import import CLEAN, TODAY, workbook

#: A programme using every role, every kind of partner, yes and no, and six of the days.
PROGRAMME: dict[str, list[list[Any]]] = {
    "Hubs": [
        ["Name", "Address", "Partner kind", "Time zone"],
        ["Alder Park Hub", "100 Alder Way", "park", "America/Los_Angeles"],
        ["Birch School Hub", "200 Birch Ave", "escuela", ""],
        ["Cedar Centre Hub", "300 Cedar St", "community centre", ""],
        ["Dogwood Hub", "", "other", ""],
    ],
    "Staff": [
        ["Name", "Role", "Hub", "Phone", "Email", "Archived"],
        [
            "Quinn Teacher",
            "Teacher",
            "Alder Park Hub; Dogwood Hub",
            "(323) 555-0701",
            "quinn@example.org",
            "no",
        ],
        ["Rowan Artist", "teaching artist", "Alder Park Hub; Birch School Hub", "", "", ""],
        ["Sage Lead", "Coordinadora de sede", "Birch School Hub; Cedar Centre Hub", "", "", ""],
        ["Tatum Data", "data manager", "", "", "tatum@example.org", ""],
        ["Uma Helper", "staff", "Cedar Centre Hub", "", "", "sí"],
    ],
    "Ensembles": [
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
            "Follows terms",
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
            "no",
            "3-5",
        ],
        ["Alder Park Hub", "Beginning Strings", "", "", "Sat", "10:00", "11:30", "", "", "", ""],
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
            "yes",
            "K-2",
        ],
        ["Cedar Centre Hub", "Percussion", "Sage Lead", 12, "Tue Thu", "16:00", "17:00"],
        ["Dogwood Hub", "Family Band", "Quinn Teacher", 15, "domingo", "13:00", "14:00"],
    ],
    "Calendar": CLEAN["Calendar"],
    "Terms": CLEAN["Terms"],
}


def programme(path: Path) -> dict[str, Any]:
    """The set-up stored in the database ``path``, with names for ids: what two
    databases holding the same programme have alike."""
    with Store(path) as store, store.read() as s:
        hubs = {h.id: h for h in s.exec(select(Hub).where(Hub.deleted.is_(False)))}
        staff = {r.id: r for r in s.exec(select(Staff).where(Staff.deleted.is_(False)))}
        ensembles = s.exec(select(Ensemble).where(Ensemble.deleted.is_(False))).all()
        closures = s.exec(select(Closure).where(Closure.deleted.is_(False))).all()
        terms = s.exec(select(Term).where(Term.deleted.is_(False))).all()
        return {
            "hubs": sorted(
                (h.name, h.address, h.partner, h.partner_kind, h.timezone) for h in hubs.values()
            ),
            "staff": sorted(
                (
                    r.name,
                    r.role,
                    tuple(sorted(hubs[h].name for h in staff_hubs(r))),
                    r.phone,
                    r.email,
                    r.archived,
                )
                for r in staff.values()
            ),
            "ensembles": sorted(
                (
                    hubs[e.hub_id].name if e.hub_id else "",
                    e.name,
                    staff[e.teacher_id].name if e.teacher_id else "",
                    e.capacity,
                    tuple(sorted(m.slot for m in meetings(e.schedule))),
                    e.first_day,
                    e.last_day,
                    e.follows_terms,
                    e.grade_min,
                    e.grade_max,
                )
                for e in ensembles
            ),
            "closures": sorted(
                (c.date, hubs[c.hub_id].name if c.hub_id else "", c.reason) for c in closures
            ),
            "terms": sorted((t.year_label, t.name, t.first_day, t.last_day) for t in terms),
        }


def column(path: Path, sheet: str, number: int) -> list[Any]:
    """The cells of column ``number`` (from 1) of ``sheet``, under its header."""
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    return [row[number - 1] for row in rows[1:]]


def test_a_spanish_export_writes_its_words_in_spanish_and_reads_back_the_same_programme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, empty = tmp_path / "source", tmp_path / "empty"
    source.mkdir()  # a --data-dir must exist
    empty.mkdir()
    english = workbook(tmp_path / "programme.xlsx", PROGRAMME)
    assert main(["--data-dir", str(source), "setup", "import", str(english)]) == 0
    spanish = tmp_path / "programa.xlsx"
    assert main(["--data-dir", str(source), "setup", "export", str(spanish), "--lang", "es"]) == 0

    assert column(spanish, "Sedes", 4) == ["Parque", "Escuela", "Centro comunitario", "Otro"]
    assert column(spanish, "Personal", 2) == [
        "Maestro(a)",
        "Artista docente",
        "Coordinador(a) de sede",
        "Administrador(a) de datos",
        "Personal",
    ]
    assert column(spanish, "Personal", 6) == ["no", "no", "no", "no", "sí"]
    # Beginning Strings on two rows (two meeting times), Choir, Percussion, Family Band.
    assert column(spanish, "Conjuntos", 5) == ["lun mié", "sáb", "lun mié vie", "mar jue", "dom"]
    assert column(spanish, "Conjuntos", 10) == ["no", "no", "sí", "no", "no"]

    capsys.readouterr()
    assert main(["--data-dir", str(empty), "setup", "import", str(spanish), "--dry-run"]) == 0
    assert main(["--data-dir", str(empty), "setup", "import", str(spanish)]) == 0
    out = capsys.readouterr().out
    assert "Staff: 5 created, 0 updated, 0 unchanged." in out
    assert "Ensembles: 4 created, 0 updated, 0 unchanged." in out

    before, after = programme(source / "harmony.sqlite3"), programme(empty / "harmony.sqlite3")
    assert after == before
    # …and that programme is the one the English workbook gave, word for word.
    assert [(h[0], h[3]) for h in after["hubs"]] == [
        ("Alder Park Hub", "park"),
        ("Birch School Hub", "school"),
        ("Cedar Centre Hub", "community_centre"),
        ("Dogwood Hub", "other"),
    ]
    assert [(r[0], r[1], r[5]) for r in after["staff"]] == [
        ("Quinn Teacher", "teacher", False),
        ("Rowan Artist", "teaching_artist", False),
        ("Sage Lead", "site_lead", False),
        ("Tatum Data", "data_manager", False),
        ("Uma Helper", "staff", True),
    ]
    assert [(e[1], [slot[0] for slot in e[4]], e[7]) for e in after["ensembles"]] == [
        ("Beginning Strings", [0, 2, 5], False),
        ("Choir", [0, 2, 4], True),
        ("Percussion", [1, 3], False),
        ("Family Band", [6], False),
    ]
    assert len(after["closures"]) == 4 and len(after["terms"]) == 2


def test_the_english_export_keeps_english_words(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()  # a --data-dir must exist
    assert (
        main(
            [
                "--data-dir",
                str(data),
                "setup",
                "import",
                str(workbook(tmp_path / "p.xlsx", PROGRAMME)),
            ]
        )
        == 0
    )
    out = tmp_path / "out.xlsx"
    assert main(["--data-dir", str(data), "setup", "export", str(out), "--lang", "en"]) == 0
    assert column(out, "Hubs", 4) == ["Park", "School", "Community centre", "Other"]
    assert column(out, "Staff", 2) == [
        "Teacher",
        "Teaching artist",
        "Site lead",
        "Data manager",
        "Staff",
    ]
    assert column(out, "Staff", 6) == ["no", "no", "no", "no", "yes"]
    assert column(out, "Ensembles", 5) == ["Mon Wed", "Sat", "Mon Wed Fri", "Tue Thu", "Sun"]
    assert column(out, "Ensembles", 10) == ["no", "no", "yes", "no", "no"]


def test_the_import_reads_the_words_of_either_language_on_any_line(
    tmp_path: Path, services: Services
) -> None:
    """English and Spanish words mixed in one workbook, as two people might fill it."""
    importer = SetupImportService(services.store, today=lambda: TODAY)
    mixed = {
        "Hubs": [
            ["Name", "Partner kind"],
            ["Alder Park Hub", "Centro comunitario"],
            ["Birch School Hub", "Community centre"],
            ["Cedar Hub", "Otro"],
        ],
        "Staff": [
            ["Name", "Role", "Hub", "Archived"],
            ["Quinn Teacher", "Maestro(a)", "Alder Park Hub", "sí"],
            ["Rowan Artist", "Teaching artist", "Alder Park Hub; Birch School Hub", "no"],
            ["Sage Lead", "Coordinador(a) de sede", "Birch School Hub", "yes"],
            ["Tatum Data", "Administrador(a) de datos", "", "No"],
            ["Uma Helper", "Personal", "Cedar Hub", "Sí"],
        ],
        "Ensembles": [
            ["Hub", "Name", "Teacher", "Weekdays", "Start", "End", "Follows terms"],
            ["Alder Park Hub", "Choir", "Rowan Artist", "mar jue sáb", "15:30", "16:30", "sí"],
            ["Birch School Hub", "Choir", "Rowan Artist", "Tue Thu Sat", "15:30", "16:30", "yes"],
        ],
    }
    report = importer.apply([workbook(tmp_path / "mixed.xlsx", mixed)])
    assert report.rejected == []
    kinds = {h.name: h.partner_kind for h in services.setup.hubs()}
    assert kinds == {
        "Alder Park Hub": "community_centre",
        "Birch School Hub": "community_centre",
        "Cedar Hub": "other",
    }
    with services.store.read() as s:
        people = {r.name: (r.role, r.archived) for r in s.exec(select(Staff))}
        choirs = [(meetings(e.schedule), e.follows_terms) for e in s.exec(select(Ensemble))]
    assert people == {
        "Quinn Teacher": ("teacher", True),
        "Rowan Artist": ("teaching_artist", False),
        "Sage Lead": ("site_lead", True),
        "Tatum Data": ("data_manager", False),
        "Uma Helper": ("staff", True),
    }
    assert [([m.weekday for m in found], follows) for found, follows in choirs] == [
        ([1, 3, 5], True),
        ([1, 3, 5], True),
    ]


Width = Literal["abbreviated", "short", "wide"]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", ["abbreviated", "short", "wide"])
def test_every_day_name_babel_writes_reads_back(language: str, width: Width) -> None:
    days = " ".join(weekday_name(day, width, language) for day in (6, 0, 3))
    assert parse_weekdays(days) == [0, 3, 6]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Mon Wed", [0, 2]),
        ("lun mié vie", [0, 2, 4]),
        ("LUNES, MIÉRCOLES", [0, 2]),
        ("Monday and Friday", [0, 4]),
        ("Mon-Fri", [0, 1, 2, 3, 4]),
        ("L-V", [0, 1, 2, 3, 4]),
        ("Tues, Thurs", [1, 3]),
        ("thur", [3]),
        ("X", [2]),
        ("J", [3]),
        ("sáb. y dom.", [5, 6]),
        ("D", [6]),
    ],
)
def test_the_day_words_people_write_still_read(text: str, days: list[int]) -> None:
    """What Babel does not write, people do: "Tues", "Thurs", the letters of a Spanish
    timetable."""
    assert parse_weekdays(text) == days
