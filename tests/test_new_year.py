"""Moving students up a grade when a programme year begins, and the grade's year every
grade is set with (``Student.grade_year``). A small hand-built roster; every name is
generated; the figures are written out by hand."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from harmony_desktop.cli import main
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import ImportService, read_table
from harmony_desktop.services.new_year import NewYearRefused, NewYearService
from harmony_desktop.services.roster import RosterService
from harmony_desktop.store import Store
from harmony_desktop.store.models import Enrollment, Ensemble, Hub, Outbox, Student

#: A day in programme year 2026-27 (1 July 2026 – 30 June 2027).
TODAY = dt.date(2026, 9, 8)
YEAR = "2026-27"


def _roster(services: Services) -> dict[str, str]:
    """One hub; an ensemble for grades 3 to 5 and one with no limit; eight students."""
    with services.store.write() as w:
        hub = w.insert(Hub(name="Test Park Hub", partner="Test Park", partner_kind="park"))
        strings = w.insert(
            Ensemble(hub_id=hub.id, name="Beginning Strings", grade_min="3", grade_max="5")
        )
        choir = w.insert(Ensemble(hub_id=hub.id, name="Choir"))
        ids = {"hub": hub.id}
        for first, last, grade, year, status in (
            ("Ana", "Aldana", "5", "2025-26", "active"),  # -> 6: outside Beginning Strings
            ("Ben", "Brook", "3", "2025-26", "active"),  # -> 4: still inside
            ("Cruz", "Calder", "12", "2025-26", "active"),  # finishes school
            ("Dana", "Dorwick", "", "", "active"),  # no grade: left alone
            ("Eli", "Ember", "7", "2026-27", "active"),  # already this year's
            ("Fay", "Fenwright", "K", "", "active"),  # year unknown: taken as last year's
            ("Gil", "Garrow", "2", "2024-25", "inactive"),  # two years behind: -> 4
            ("Hal", "Hollin", "4", "2025-26", "archived"),  # archived: left alone
        ):
            st = w.insert(
                Student(
                    hub_id=hub.id,
                    legal_first_name=first,
                    legal_last_name=last,
                    grade=grade,
                    grade_year=year,
                    status=status,
                    notes="Plays cello." if first == "Cruz" else "",
                )
            )
            ids[first] = st.id
        for first, ensemble in (
            ("Ana", strings),
            ("Ben", strings),
            ("Gil", choir),
            ("Cruz", strings),
        ):
            w.insert(
                Enrollment(
                    hub_id=hub.id,
                    student_id=ids[first],
                    ensemble_id=ensemble.id,
                    status="enrolled",
                    enrolled_on=dt.date(2025, 9, 1),
                )
            )
    return ids


def _grades(store: Store) -> dict[str, tuple[str, str, str]]:
    with store.read() as s:
        return {
            st.legal_first_name: (st.grade, st.grade_year, st.status)
            for st in s.exec(select(Student))
        }


def test_the_preview_says_what_will_happen_and_writes_nothing(services: Services) -> None:
    ids = _roster(services)
    before = _grades(services.store)
    plan = NewYearService(services.store, today=lambda: TODAY).preview(
        YEAR, [ids["hub"]], move_unknown=True
    )
    assert [(m.name, m.grade, m.new_grade) for m in plan.moving] == [
        ("Ana Aldana", "5", "6"),
        ("Ben Brook", "3", "4"),
        ("Fay Fenwright", "K", "1"),
        ("Gil Garrow", "2", "4"),
    ]
    assert [m.name for m in plan.finishing] == ["Cruz Calder"]
    assert [(o.name, o.ensemble, o.new_grade) for o in plan.outside] == [
        ("Ana Aldana", "Beginning Strings", "6")
    ]
    assert (plan.no_grade, plan.already, plan.unknown_year, plan.left_alone) == (1, 1, 1, 1)
    assert plan.summary()[:5] == [
        "4 students move up a grade for 2026-27.",
        "1 student in grade 12 finishes school: becomes inactive.",
        "1 student would be outside their ensemble's grades (listed, not changed).",
        "1 student has no grade: left alone.",
        "1 student already has a grade for 2026-27: not moved again.",
    ]
    assert plan.outside_text(plan.outside[0]) == (
        "Ana Aldana (Test Park Hub): grade 6, Beginning Strings is for grades 3 to 5"
    )
    assert _grades(services.store) == before


def test_moving_up_writes_once_through_the_change_writer_and_is_safe_twice(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _roster(services)
    service = NewYearService(services.store, today=lambda: TODAY)
    with services.store.read() as s:
        outbox_before = len(s.exec(select(Outbox)).all())
    writes = []
    real_write = services.store.write

    def counted_write():  # type: ignore[no-untyped-def]
        writes.append(1)
        return real_write()

    monkeypatch.setattr(services.store, "write", counted_write)
    done = service.apply(YEAR, [ids["hub"]], move_unknown=True)
    assert (len(done.moving), len(done.finishing), len(writes)) == (4, 1, 1)
    assert _grades(services.store) == {
        "Ana": ("6", YEAR, "active"),
        "Ben": ("4", YEAR, "active"),
        "Cruz": ("12", "2025-26", "inactive"),
        "Dana": ("", "", "active"),
        "Eli": ("7", YEAR, "active"),
        "Fay": ("1", YEAR, "active"),
        "Gil": ("4", YEAR, "inactive"),
        "Hal": ("4", "2025-26", "archived"),
    }
    with services.store.read() as s:
        cruz = s.get(Student, ids["Cruz"])
        assert cruz is not None
        assert cruz.notes == "Plays cello.\nFinished school (grade 12) before 2026-27."
        changes = s.exec(select(Outbox)).all()[outbox_before:]
    # one change per student written, each carrying only the fields that changed
    assert sorted(sorted(json.loads(c.values)) for c in changes) == [
        ["grade", "grade_year"]
    ] * 4 + [["notes", "status"]]
    assert {c.table_name for c in changes} == {"student"}

    again = service.apply(YEAR, [ids["hub"]], move_unknown=True)
    assert (again.changes, again.already, again.left_alone) == (0, 5, 2)
    assert _grades(services.store)["Ana"] == ("6", YEAR, "active")


def test_it_is_offered_from_the_first_day_of_the_year_and_not_for_one_that_is_over(
    services: Services,
) -> None:
    ids = _roster(services)
    early = NewYearService(services.store, today=lambda: dt.date(2026, 6, 30))
    assert early.refusal(YEAR) == (
        "2026-27 begins on 1 July 2026: students can be moved up a grade for it from that day."
    )
    with pytest.raises(NewYearRefused):
        early.apply(YEAR, [ids["hub"]])
    assert _grades(services.store)["Ana"] == ("5", "2025-26", "active")
    first_day = NewYearService(services.store, today=lambda: dt.date(2026, 7, 1))
    assert first_day.refusal(YEAR) is None and first_day.current_year() == YEAR
    assert first_day.refusal("2025-26") == (
        "2025-26 is over: students are moved up a grade for the year that is on now, 2026-27."
    )
    with pytest.raises(ValidationError):
        first_day.refusal("2026")


def test_a_grade_with_no_recorded_year_is_left_alone_unless_asked(services: Services) -> None:
    """A laptop updated in the middle of a year holds this year's grades with no year:
    unasked, they are not moved up (Fay, K with no year, stays K)."""
    ids = _roster(services)
    plan = NewYearService(services.store, today=lambda: TODAY).apply(YEAR, [ids["hub"]])
    assert (len(plan.moving), plan.unknown_left, plan.unknown_year) == (3, 1, 0)
    assert plan.summary()[0] == "3 students move up a grade for 2026-27."
    assert "1 student whose grade has no recorded school year is left alone." in plan.summary()
    assert _grades(services.store)["Fay"] == ("K", "", "active")


def test_the_command_line_previews_on_a_dry_run_and_moves_with_yes(
    services: Services, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _roster(services)
    kwdefaults = NewYearService.__init__.__kwdefaults__
    assert kwdefaults is not None
    monkeypatch.setitem(kwdefaults, "today", lambda: TODAY)
    data_dir = str(services.store.path.parent)
    services.store.close()
    assert main(["--data-dir", data_dir, "new-year", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Move students up a grade for 2026-27 (Test Park Hub):" in out
    assert "3 students move up a grade for 2026-27." in out
    assert "run it again with --move-unknown to move those students up too." in out
    assert main(["--data-dir", data_dir, "new-year", "--dry-run", "--move-unknown"]) == 0
    out = capsys.readouterr().out
    assert "4 students move up a grade for 2026-27." in out
    assert "--move-unknown" not in out
    assert "Finishes school: Cruz Calder (Test Park Hub)" in out
    assert (
        "Outside the ensemble's grades: Ana Aldana (Test Park Hub): grade 6, Beginning Strings"
        " is for grades 3 to 5"
    ) in out
    with Store(Path(data_dir) / services.store.path.name) as store:
        assert _grades(store)["Ana"] == ("5", "2025-26", "active")
    command = ["--data-dir", data_dir, "new-year", "--hub", "Test Park Hub", "--move-unknown"]
    assert main([*command, "--yes"]) == 0
    assert "Done: 4 moved up, 1 finished school." in capsys.readouterr().out
    with Store(Path(data_dir) / services.store.path.name) as store:
        assert _grades(store)["Ana"] == ("6", YEAR, "active")
    del ids


def test_every_grade_set_records_its_programme_year(services: Services, tmp_path: Path) -> None:
    ids = _roster(services)
    roster = RosterService(services.store, today=lambda: TODAY)
    new = roster.create_student(
        ids["hub"], {"legal_first_name": "Iva", "legal_last_name": "Ibsen", "grade": "4"}
    )
    none = roster.create_student(
        ids["hub"], {"legal_first_name": "Jon", "legal_last_name": "Jarrow"}
    )
    with services.store.read() as s:
        assert (s.get(Student, new).grade_year, s.get(Student, none).grade_year) == (YEAR, "")  # type: ignore[union-attr]
    # the form saved with the grade as it was keeps the grade's year ...
    roster.update_student(ids["Ana"], grade="5", school="Test Elementary")
    assert _grades(services.store)["Ana"] == ("5", "2025-26", "active")
    # ... and a grade changed is this year's
    roster.update_student(ids["Ana"], grade="6")
    assert _grades(services.store)["Ana"] == ("6", YEAR, "active")
    roster.update_student(ids["Ana"], grade="")
    assert _grades(services.store)["Ana"] == ("", "", "active")
    # an imported grade is this year's
    path = tmp_path / "roster.csv"
    path.write_text("First name,Last name,Grade\nBen,Brook,3\nKai,Kestrel,8\n")
    ImportService(services.store, today=lambda: TODAY).apply(ids["hub"], read_table(path))
    grades = _grades(services.store)
    assert (grades["Ben"], grades["Kai"]) == (("3", YEAR, "active"), ("8", YEAR, "active"))


def test_a_previous_release_database_gains_an_unknown_grade_year(tmp_path: Path) -> None:
    old = Path(__file__).parent / "data" / "previous_release" / "harmony-0002.sqlite3.gz"
    path = tmp_path / "harmony.sqlite3"
    with gzip.open(old, "rb") as packed, path.open("wb") as raw:
        shutil.copyfileobj(packed, raw)
    grades = dict(sqlite3.connect(path).execute("SELECT id, grade FROM student").fetchall())
    assert grades
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    after = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, grade, grade_year FROM student")}
    conn.close()
    assert after == {sid: (grade, "") for sid, grade in grades.items()}


def test_a_pulled_student_without_the_grade_year_reads_as_unknown(tmp_path: Path) -> None:
    """A row the server kept from before the field (or a laptop that never sent it)
    applies, its grade's year "" (unknown); one with it keeps it."""
    from harmony_desktop.store.replica import Replica
    from tests.support.store_template import new_store_file

    hub = "00000000-0000-0000-0000-00000000000b"
    clock = f"{1_795_000_000_000:015d}-00000-00000000000000bb"

    def row(n: int, **extra: str) -> dict[str, object]:
        values = {
            "legal_first_name": f"Nia{n}",
            "legal_last_name": "Norcott",
            "grade": "4",
            **extra,
        }
        return {
            "table": "student",
            "id": f"00000000-0000-0000-0000-00000000010{n}",
            "hub_id": hub,
            "values": values,
            "clocks": dict.fromkeys(values, clock),
        }

    with Store(new_store_file(tmp_path / "pulled" / "harmony.sqlite3")) as store:
        Replica(store, wall=lambda: 1_795_000_000_000).apply_page(
            [row(1), row(2, grade_year="2025-26")], [], 1
        )
        with store.read() as s:
            found = {st.legal_first_name: st.grade_year for st in s.exec(select(Student))}
    assert found == {"Nia1": "", "Nia2": "2025-26"}


def test_the_roster_reminder_counts_what_moving_up_would_change(services: Services) -> None:
    """The Roster tab's count is the preview's: Ana, Ben, Gil move up, Cruz finishes
    school (4); Ivo, inactive in grade 11 two years ago, would be past grade 12 and is
    left alone, so he is not counted (else the reminder would never go)."""
    ids = _roster(services)
    with services.store.write() as w:
        w.insert(
            Student(
                hub_id=ids["hub"], legal_first_name="Ivo", legal_last_name="Ivens",
                grade="11", grade_year="2024-25", status="inactive",
            )
        )  # fmt: skip
    service = NewYearService(services.store, today=lambda: TODAY)
    assert service.waiting([ids["hub"]]) == (YEAR, 4)
    service.apply(YEAR, [ids["hub"]])
    assert service.waiting([ids["hub"]]) == (YEAR, 0)
