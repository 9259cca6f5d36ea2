"""A small hand-built register whose every figure is worked out by hand in the tests.

Two hubs, programme years 2025-26 and 2026-27 (1 July – 30 June).

North Hub, "Strings" (teacher "Teacher North"), Mondays 15:00–17:00, held on
2025-09-01, 09-08, 09-15, 09-22, 09-29, 10-06, 10-13, 10-20, 10-27, 11-03 (ten sessions,
20 hours offered). Not held: 2025-09-10 (cancelled), 2025-11-10 (status held but North
is closed that day), 2025-11-17 (still scheduled). 2026-27: held on 2026-09-07.

South Hub, "Choir", Saturdays 10:00–11:30, held on 2025-09-06, 09-13, 09-20, plus a
performance on 2025-09-13 12:00–13:00. 2026-27: held on 2026-09-12.

Students (marks in date order; P present, L late, LE left early, AE excused, AU
unexcused):

* Ana Garcia, grade 4, Strings from 2025-09-01: P P AE LE(left 16:00, "medical") P P
  L(arrived 15:30) P AU AU; also P on the cancelled and on the closed day. 2026-09-07 P.
* Luis Lopez, grade 12, Strings from 2025-09-15 (mid-term): P on 2025-09-08 (before he
  enrolled), then P on the seven sessions 09-15 … 10-27, nothing on 11-03.
* Maya Nguyen, grade 4, Strings 2025-09-01, withdrawn 2025-10-01: P P AU P AU, then AU
  on 10-06 (after she left). Enrolled again 2026-09-01; 2026-09-07 P.
* Diego Smith, grade 7, Choir from 2025-09-01: 09-06 P, 09-13 P and P at the
  performance, 09-20 AU. 2026-09-12 AU.
* Sofia Kim, grade 2, waitlisted for Strings 2025-08-20, enrolled 2025-09-01 (12 days
  later): never marked.
* Noah Jones, grade 3, waitlisted for Strings since 2025-09-01.

Terms of 2025-26: Fall 2025-08-15 – 2025-12-19, Spring 2026-01-05 – 2026-06-05.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from harmony_desktop.services.context import Services
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Closure,
    Enrollment,
    Ensemble,
    Hub,
    Staff,
    Student,
    Term,
)
from harmony_desktop.store.replica import attendance_mark_id, closure_id

D = dt.date
STRINGS_HELD = [
    D(2025, 9, 1), D(2025, 9, 8), D(2025, 9, 15), D(2025, 9, 22), D(2025, 9, 29),
    D(2025, 10, 6), D(2025, 10, 13), D(2025, 10, 20), D(2025, 10, 27), D(2025, 11, 3),
]  # fmt: skip
CHOIR_HELD = [D(2025, 9, 6), D(2025, 9, 13), D(2025, 9, 20)]


@dataclass
class Register:
    """Ids of the hand-built register."""

    north: str = ""
    south: str = ""
    strings: str = ""
    choir: str = ""
    students: dict[str, str] = field(default_factory=dict)
    sessions: dict[tuple[str, dt.date, str], str] = field(default_factory=dict)


def build(services: Services) -> Register:
    """Write the register described in the module docstring."""
    reg = Register()
    t = dt.time
    with services.store.write() as w:
        north = w.insert(Hub(name="North Hub"))
        south = w.insert(Hub(name="South Hub"))
        teacher = w.insert(Staff(hub_id=north.id, name="Teacher North"))
        strings = w.insert(
            Ensemble(
                hub_id=north.id, name="Strings", teacher_id=teacher.id,
                schedule=json.dumps([{"weekday": 0, "start": "15:00", "end": "17:00"}]),
            )
        )  # fmt: skip
        choir = w.insert(
            Ensemble(
                hub_id=south.id, name="Choir",
                schedule=json.dumps([{"weekday": 5, "start": "10:00", "end": "11:30"}]),
            )
        )  # fmt: skip
        reg.north, reg.south, reg.strings, reg.choir = north.id, south.id, strings.id, choir.id
        w.insert(Closure(id=closure_id(north.id, D(2025, 11, 10)), hub_id=north.id,
                         date=D(2025, 11, 10), reason="Veterans Day"))  # fmt: skip

        def session(ens: Ensemble, day: dt.date, start: dt.time, end: dt.time,
                    status: str = "held", kind: str = "regular") -> str:  # fmt: skip
            row = w.insert(
                ClassSession(hub_id=ens.hub_id, ensemble_id=ens.id, date=day, start=start,
                             end=end, status=status, kind=kind)
            )  # fmt: skip
            reg.sessions[(ens.name, day, start.isoformat("minutes"))] = row.id
            return row.id

        for day in [*STRINGS_HELD, D(2025, 11, 10), D(2026, 9, 7)]:
            session(strings, day, t(15), t(17))
        session(strings, D(2025, 9, 10), t(15), t(17), "cancelled")
        session(strings, D(2025, 11, 17), t(15), t(17), "scheduled")
        for day in [*CHOIR_HELD, D(2026, 9, 12)]:
            session(choir, day, t(10), t(11, 30))
        session(choir, D(2025, 9, 13), t(12), t(13), kind="performance")

        def student(first: str, last: str, grade: str, hub: Hub) -> str:
            row = w.insert(Student(hub_id=hub.id, legal_first_name=first, legal_last_name=last,
                                   grade=grade, date_of_birth=D(2015, 3, 4),
                                   district_student_id=f"D-{last}"))  # fmt: skip
            reg.students[first] = row.id
            return row.id

        def enroll(sid: str, ens: Ensemble, on: dt.date, ended: dt.date | None = None) -> None:
            w.insert(Enrollment(hub_id=ens.hub_id, student_id=sid, ensemble_id=ens.id,
                                status="withdrawn" if ended else "enrolled",
                                enrolled_on=on, ended_on=ended))  # fmt: skip

        def mark(ens: Ensemble, sid: str, day: dt.date, code: str, start: str = "",
                 **times: dt.time | str) -> None:  # fmt: skip
            start = start or ("15:00" if ens is strings else "10:00")
            session_id = reg.sessions[(ens.name, day, start)]
            w.insert(AttendanceMark(id=attendance_mark_id(session_id, sid), hub_id=ens.hub_id,
                                    session_id=session_id, student_id=sid, code=code,
                                    **times))  # type: ignore[arg-type]  # fmt: skip

        ana = student("Ana", "Garcia", "4", north)
        luis = student("Luis", "Lopez", "12", north)
        maya = student("Maya", "Nguyen", "4", north)
        diego = student("Diego", "Smith", "7", south)
        enroll(ana, strings, D(2025, 9, 1))
        enroll(luis, strings, D(2025, 9, 15))
        enroll(maya, strings, D(2025, 9, 1), D(2025, 10, 1))
        enroll(maya, strings, D(2026, 9, 1))
        enroll(diego, choir, D(2025, 9, 1))
        w.insert(Enrollment(hub_id=north.id, student_id=student("Sofia", "Kim", "2", north),
                            ensemble_id=strings.id, status="enrolled",
                            waitlisted_on=D(2025, 8, 20), enrolled_on=D(2025, 9, 1)))  # fmt: skip
        w.insert(Enrollment(hub_id=north.id, student_id=student("Noah", "Jones", "3", north),
                            ensemble_id=strings.id, status="waitlisted",
                            waitlisted_on=D(2025, 9, 1)))  # fmt: skip
        w.insert(Term(year_label="2025-26", name="Fall", first_day=D(2025, 8, 15),
                      last_day=D(2025, 12, 19)))  # fmt: skip
        w.insert(Term(year_label="2025-26", name="Spring", first_day=D(2026, 1, 5),
                      last_day=D(2026, 6, 5)))  # fmt: skip
        for day, code in zip(STRINGS_HELD, ["P", "P", "AE", "LE", "P", "P", "L", "P", "AU", "AU"],
                             strict=True):  # fmt: skip
            extra: dict[str, dt.time | str] = {}
            if code == "LE":
                extra = {"departure_time": t(16), "reason": "medical"}
            if code == "L":
                extra = {"arrival_time": t(15, 30)}
            mark(strings, ana, day, code, **extra)
        mark(strings, ana, D(2025, 9, 10), "P")
        mark(strings, ana, D(2025, 11, 10), "P")
        mark(strings, ana, D(2026, 9, 7), "P")
        mark(strings, luis, D(2025, 9, 8), "P")
        for day in STRINGS_HELD[2:9]:
            mark(strings, luis, day, "P")
        for day, code in zip(STRINGS_HELD[:6], ["P", "P", "AU", "P", "AU", "AU"], strict=True):
            mark(strings, maya, day, code)
        mark(strings, maya, D(2026, 9, 7), "P")
        mark(choir, diego, D(2025, 9, 6), "P")
        mark(choir, diego, D(2025, 9, 13), "P")
        mark(choir, diego, D(2025, 9, 13), "P", start="12:00")
        mark(choir, diego, D(2025, 9, 20), "AU")
        mark(choir, diego, D(2026, 9, 12), "AU")
    return reg
