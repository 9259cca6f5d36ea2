"""The ``leap`` and ``completion`` kinds against the hand-built register."""

from __future__ import annotations

import datetime as dt

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.services.reports.export import display_text
from tests.reports.register import Register

YEAR = ReportParams(year="2025-26", today=dt.date(2026, 7, 15))


def test_leap_rows(services: Services, register: Register) -> None:
    rows = services.reports.run("leap", YEAR).sheets[0].as_dicts()
    # Noah is only waitlisted: not registered. Sofia never came: 0 days.
    assert [(r["legal_last_name"], r["program_start_date"], r["program_days"]) for r in rows] == [
        ("Garcia", dt.date(2025, 9, 1), 7),
        ("Kim", dt.date(2025, 9, 1), 0),
        ("Lopez", dt.date(2025, 9, 15), 7),
        ("Nguyen", dt.date(2025, 9, 1), 3),
        ("Smith", dt.date(2025, 9, 1), 2),
    ]
    ana = rows[0]
    assert (ana["district_student_id"], ana["birth_date"], ana["grade"], ana["site"]) == (
        "D-Garcia", dt.date(2015, 3, 4), "4", "North Hub")  # fmt: skip
    assert ana["local_id"] == register.students["Ana"] and ana["statewide_student_id"] == ""


def test_completion(services: Services, register: Register) -> None:
    report = services.reports.run("completion", YEAR)
    rows = {r["ensemble"]: r for r in report.sheet("completion").as_dicts()}
    # Strings: ten held + 11-17 still scheduled are due (11-10 closed, 09-10 cancelled);
    # Sofia is never marked, so no Strings roll is complete.
    strings = rows["Strings"]
    assert (strings["sessions_due"], strings["rolls_taken"], strings["rolls_missing"]) == (
        11,
        0,
        11,
    )
    assert strings["teacher"] == "Teacher North"
    assert strings["missing_dates"].split("; ")[-2:] == ["2025-11-03", "2025-11-17"]
    choir = rows["Choir"]
    assert (choir["sessions_due"], choir["rolls_taken"], choir["completion_rate"]) == (4, 4, 1.0)
    missing = report.sheet("missing").as_dicts()
    first = missing[0]  # 09-01: Ana, Maya and Sofia on the roll, two marked
    assert (first["date"], first["on_roll"], first["recorded"]) == (dt.date(2025, 9, 1), 3, 2)
    last = missing[-1]  # 11-17: Ana, Luis and Sofia on the roll, nobody marked
    assert (last["date"], last["on_roll"], last["recorded"]) == (dt.date(2025, 11, 17), 3, 0)
    # The tab and the printout write the days and times as the window does; the files
    # keep "2025-11-03; 2025-11-17" and "15:00".
    completion = report.sheet("completion")
    days = completion.columns[completion.column_index("missing_dates")]
    start = report.sheet("missing").columns[report.sheet("missing").column_index("start")]
    assert last["start"] == "15:00"
    assert display_text(last["start"], start.format) == "3:00\u202fPM"
    shown = display_text(strings["missing_dates"], days.format)
    assert shown.endswith("; 3 Nov 2025; 17 Nov 2025") and "2025-" not in shown
    with i18n.using("es"):
        assert display_text(last["start"], start.format) == "3:00\u202fp.m."
        shown = display_text(strings["missing_dates"], days.format)
        assert shown.startswith("1 sep 2025; 8 sep 2025; ") and shown.endswith("17 nov 2025")


def test_grid(services: Services, register: Register) -> None:
    sheet = services.reports.run("grid", YEAR).sheets[0]
    keys = [c.key for c in sheet.columns]
    # ten Strings Mondays and three Choir Saturdays, in date order
    assert keys[:7] == ["student_id", "student", "hub", "grade", "2025-09-01", "2025-09-06",
                        "2025-09-08"]  # fmt: skip
    assert len(keys) == 4 + 13
    # The tab and the printout read each date in words, not as its ISO key.
    assert [c.title for c in sheet.columns[4:6]] == ["Mon 1 Sep 2025", "Sat 6 Sep 2025"]
    with i18n.using("es"):
        spanish = services.reports.run("grid", YEAR).sheets[0]
    assert [c.key for c in spanish.columns] == keys
    assert [c.title for c in spanish.columns[4:6]] == ["lun 1 sep 2025", "sáb 6 sep 2025"]
    rows = {r["student"]: r for r in sheet.as_dicts()}
    # Mondays P P AE LE P P L P AU AU; nothing on the Saturdays
    assert [k for k in keys[4:] if rows["Garcia, Ana"][k]] == [
        "2025-09-01", "2025-09-08", "2025-09-22", "2025-09-29", "2025-10-06", "2025-10-13",
        "2025-10-20"]  # fmt: skip
    assert rows["Garcia, Ana"]["2025-09-15"] == 0
    assert [k for k in keys[4:] if rows["Smith, Diego"][k]] == ["2025-09-06", "2025-09-13"]
    assert next(k for k in keys[4:] if rows["Lopez, Luis"][k]) == "2025-09-15"
    assert sum(rows["Kim, Sofia"][k] for k in keys[4:]) == 0


def test_a_session_with_nobody_on_its_roll_is_not_due(
    services: Services, register: Register
) -> None:
    """docs/REPORTS.md: a held session with nobody on its roll that day (Choir on 30 Aug
    2025, before Diego joined on 1 Sep) has no roll to take: completion still counts
    Choir's 4 sessions due, while attendance counts the 5 sessions it held. (Documents
    what the report always did.)"""
    from harmony_desktop.store.models import ClassSession

    with services.store.write() as w:
        w.insert(ClassSession(hub_id=register.south, ensemble_id=register.choir,
                              date=dt.date(2025, 8, 30), start=dt.time(10),
                              end=dt.time(11, 30), status="held"))  # fmt: skip
    completion = services.reports.run("completion", YEAR).sheet("completion").as_dicts()
    [choir] = [r for r in completion if r["ensemble"] == "Choir"]
    assert (choir["sessions_due"], choir["rolls_taken"]) == (4, 4)
    attendance = services.reports.run("attendance", YEAR).sheet("by_ensemble").as_dicts()
    [choir] = [r for r in attendance if r["ensemble"] == "Choir"]
    assert choir["sessions_held"] == 5
