"""The ``attendance`` figures on the edges of how a session's marks are read: times
clipped to the session, presences with times off the roll, absences with times, only
excused or only unexcused absences in a session, a roll that changes on a session's
day, spans that overlap or touch, and codes that count for nothing. Every figure is
worked out by hand below.

West Hub, "Brass", 16:00–17:00, held on Tuesdays 2025-09-02, 09-09, 09-16 and 09-23,
and a second session on 09-23 at 18:00–19:30 (five sessions). "Drums", 16:00–17:00,
held on 2025-08-26 and 09-02. The period: 2025-08-25 to 2025-09-30.

* Eve Fox, Brass from 2025-09-01: 09-02 L arriving 15:30 (before the start: the whole
  hour), 09-09 P 16:30–17:30 (clipped at 17:00: half an hour), 09-16 LE arriving 16:50
  and leaving 16:20 (present, no time attended), 09-23 AE arriving 16:10 (an absence:
  its time counts for nothing), 09-23 P at 18:00 (1.5 hours). Held 5, present 4,
  excused 1, rate 0.8, chronically absent (1 of 5), no absences in a row, days 4,
  hours 1 + 0.5 + 0 + 1.5 = 3.0. Drums from 2025-09-01: P on 08-26 (before anyone is on
  its roll: not counted) and on 09-02: held 1, present 1, days 1, hours 1.0.
* Finn Gray, Brass from 2025-09-09 (a session's day: on the roll that day) until
  2025-09-23 (a session's day: off the roll that day): 09-02 L arriving 16:15 (before
  he enrolled: not counted), 09-09 AU, 09-16 AU, 09-23 P at 16:00 and AE at 18:00
  (after he left: not counted, and the presence does not end the run). Held 2,
  unexcused 2, rate 0, two absences in a row.
* Gus Hill, Brass 2025-09-01 to 09-10, again from 09-10 (touching), and 09-05 to 09-12
  (overlapping both): one span from 09-01, five sessions held, not seven. 09-02 AE,
  09-09 AE, 09-16 AU, 09-23 AU at 16:00, nothing at 18:00: excused 2, unexcused 2,
  unrecorded 1, four absences in a row, two of them unexcused.
* Hana Ito, Brass from 2025-09-01: 09-02 a mark with no code, 09-09 code "ZZ" and
  09-16 code "AF" (no such codes; "AF" sorts between the absent codes AE and AU): five
  sessions unrecorded, no rate.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import no_progress
from harmony_desktop.services.reports.sql import OPEN_END, merge_spans
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Enrollment,
    Ensemble,
    Hub,
    Student,
)
from harmony_desktop.store.replica import attendance_mark_id

D = dt.date
T = dt.time
TUESDAYS = [D(2025, 9, 2), D(2025, 9, 9), D(2025, 9, 16), D(2025, 9, 23)]
PERIOD = ReportParams(first=D(2025, 8, 25), last=D(2025, 9, 30), today=D(2025, 10, 1))


def build(services: Services) -> dict[str, str]:
    """Write the register of the module docstring; returns the ids by first name (and
    "hub")."""
    ids: dict[str, str] = {}
    with services.store.write() as w:
        hub = w.insert(Hub(name="West Hub"))
        ids["hub"] = hub.id
        schedule = json.dumps([{"weekday": 1, "start": "16:00", "end": "17:00"}])
        brass = w.insert(Ensemble(hub_id=hub.id, name="Brass", schedule=schedule))
        drums = w.insert(Ensemble(hub_id=hub.id, name="Drums", schedule=schedule))
        sessions: dict[tuple[str, dt.date, int], str] = {}

        def session(ens: Ensemble, day: dt.date, start: T, end: T) -> None:
            row = w.insert(ClassSession(hub_id=hub.id, ensemble_id=ens.id, date=day,
                                        start=start, end=end, status="held"))  # fmt: skip
            sessions[(ens.name, day, start.hour)] = row.id

        for day in TUESDAYS:
            session(brass, day, T(16), T(17))
        session(brass, D(2025, 9, 23), T(18), T(19, 30))
        session(drums, D(2025, 8, 26), T(16), T(17))
        session(drums, D(2025, 9, 2), T(16), T(17))

        def student(first: str, last: str) -> str:
            sid = w.insert(Student(hub_id=hub.id, legal_first_name=first, legal_last_name=last,
                                   grade="6", date_of_birth=D(2013, 2, 3))).id  # fmt: skip
            ids[first] = sid
            return sid

        def enroll(sid: str, ens: Ensemble, on: dt.date, ended: dt.date | None = None) -> None:
            w.insert(Enrollment(hub_id=hub.id, student_id=sid, ensemble_id=ens.id,
                                status="withdrawn" if ended else "enrolled",
                                enrolled_on=on, ended_on=ended))  # fmt: skip

        def mark(sid: str, day: dt.date, code: str | None, *, ens: Ensemble = brass,
                 hour: int = 16, **times: T) -> None:  # fmt: skip
            session_id = sessions[(ens.name, day, hour)]
            w.insert(AttendanceMark(id=attendance_mark_id(session_id, sid), hub_id=hub.id,
                                    session_id=session_id, student_id=sid, code=code,
                                    **times))  # type: ignore[arg-type]  # fmt: skip

        eve = student("Eve", "Fox")
        enroll(eve, brass, D(2025, 9, 1))
        enroll(eve, drums, D(2025, 9, 1))
        mark(eve, TUESDAYS[0], "L", arrival_time=T(15, 30))
        mark(eve, TUESDAYS[1], "P", arrival_time=T(16, 30), departure_time=T(17, 30))
        mark(eve, TUESDAYS[2], "LE", arrival_time=T(16, 50), departure_time=T(16, 20))
        mark(eve, TUESDAYS[3], "AE", arrival_time=T(16, 10))
        mark(eve, TUESDAYS[3], "P", hour=18)
        mark(eve, D(2025, 8, 26), "P", ens=drums)
        mark(eve, D(2025, 9, 2), "P", ens=drums)

        finn = student("Finn", "Gray")
        enroll(finn, brass, D(2025, 9, 9), D(2025, 9, 23))
        mark(finn, TUESDAYS[0], "L", arrival_time=T(16, 15))
        mark(finn, TUESDAYS[1], "AU")
        mark(finn, TUESDAYS[2], "AU")
        mark(finn, TUESDAYS[3], "P")
        mark(finn, TUESDAYS[3], "AE", hour=18)

        gus = student("Gus", "Hill")
        enroll(gus, brass, D(2025, 9, 1), D(2025, 9, 10))
        enroll(gus, brass, D(2025, 9, 10))
        enroll(gus, brass, D(2025, 9, 5), D(2025, 9, 12))
        for day, code in zip(TUESDAYS, ["AE", "AE", "AU", "AU"], strict=True):
            mark(gus, day, code)

        hana = student("Hana", "Ito")
        enroll(hana, brass, D(2025, 9, 1))
        mark(hana, TUESDAYS[0], None)
        mark(hana, TUESDAYS[1], "ZZ")
        mark(hana, TUESDAYS[2], "AF")  # sorts between the absent codes AE and AU
        ids["brass"], ids["drums"] = brass.id, drums.id
    return ids


def figures(services: Services) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Per student and ensemble: held, present, excused, unexcused, unrecorded, rate,
    chronically absent, in a row, days, hours."""
    report = services.reports.run("attendance", PERIOD)
    keys = ("sessions_held", "present", "excused", "unexcused", "unrecorded", "rate",
            "chronically_absent", "consecutive_absences", "days_attended",
            "hours_attended")  # fmt: skip
    return {
        (row["student"], row["ensemble"]): tuple(row[k] for k in keys)
        for row in report.sheets[0].as_dicts()
    }


def test_the_hand_worked_figures(services: Services) -> None:
    build(services)
    assert figures(services) == {
        ("Fox, Eve", "Brass"): (5, 4, 1, 0, 0, pytest.approx(0.8), True, 0, 4, 3.0),
        ("Fox, Eve", "Drums"): (1, 1, 0, 0, 0, 1.0, False, 0, 1, 1.0),
        ("Gray, Finn", "Brass"): (2, 0, 0, 2, 0, 0.0, True, 2, 0, 0.0),
        ("Hill, Gus", "Brass"): (5, 0, 2, 2, 1, 0.0, True, 4, 0, 0.0),
        ("Ito, Hana", "Brass"): (5, 0, 0, 0, 5, None, False, 0, 0, 0.0),
    }


def test_runs_of_unexcused_absences(services: Services) -> None:
    ids = build(services)
    alerts = services.reports.absence_alerts(ids["hub"], D(2025, 10, 1), threshold=1)
    # Gus: AU AU since the excused 09-09; Finn has left, so nobody calls home about him.
    assert [(a.student, a.absences) for a in alerts] == [("Hill, Gus", 2)]


def test_overlapping_and_touching_spans_merge_as_in_sql(services: Services) -> None:
    ids = build(services)
    with services.store.read() as session:
        ctx = ReportContext(session, PERIOD, no_progress)
        sql = ctx.sql()
        in_sql = ctx.rows(
            f"WITH enrolled AS MATERIALIZED ({sql.enrolled()}) SELECT * FROM enrolled",
            sql.params,
        )
        merged = merge_spans(ctx.rows(sql.enrollments(), sql.params))
    assert merged == [tuple(row) for row in in_sql]
    gus = [span[1:] for span in merged if span[0] == ids["Gus"]]
    assert gus == [(ids["brass"], "2025-09-01", OPEN_END)]


def test_merge_spans_by_hand() -> None:
    rows = [
        ("s2", "e1", "2025-01-10", "2025-01-20"),
        ("s1", "e1", "2025-03-01", "2025-04-01"),  # a gap after the first: its own span
        ("s1", "e1", "2025-01-01", "2025-02-01"),
        ("s1", "e1", "2025-01-15", "2025-01-20"),  # inside the first
        ("s1", "e1", "2025-02-01", "2025-02-10"),  # touches the first
        ("s1", "e2", "2025-01-05", "2025-01-06"),
        ("s1", "e1", "2025-03-01", "2025-03-05"),  # same start, ends sooner
    ]
    assert merge_spans(rows) == [
        ("s1", "e1", "2025-01-01", "2025-02-10"),
        ("s1", "e1", "2025-03-01", "2025-04-01"),
        ("s1", "e2", "2025-01-05", "2025-01-06"),
        ("s2", "e1", "2025-01-10", "2025-01-20"),
    ]
    assert merge_spans([]) == []
