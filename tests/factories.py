"""Small, generated test data built through the services (never real people)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from harmony_desktop.services.context import Services
from harmony_desktop.store.models import Ensemble, Hub, Staff

FIRST = ["Ana", "Luis", "Maya", "Diego", "Sofia", "Mateo", "Emma", "Noah", "Valeria", "Liam"]
LAST = ["Garcia", "Lopez", "Nguyen", "Smith", "Hernandez", "Kim", "Rivera", "Jones", "Cruz", "Ali"]
EVERY_WEEKDAY = [{"weekday": d, "start": "15:30", "end": "17:00"} for d in range(5)]


@dataclass
class HubFixture:
    """Ids of a generated hub."""

    hub_id: str
    teacher_id: str
    ensemble_id: str
    second_ensemble_id: str
    student_ids: list[str] = field(default_factory=list)
    start: dt.date = dt.date(2026, 9, 1)


def make_hub(
    services: Services, *, students: int = 8, capacity: int = 30, start: dt.date | None = None
) -> HubFixture:
    """A hub with a teacher, two ensembles meeting every weekday and enrolled students."""
    start = start or dt.date(2026, 9, 1)
    with services.store.write() as w:
        hub = w.insert(Hub(name="Test Park Hub", partner="Test Park", partner_kind="park"))
        teacher = w.insert(Staff(hub_id=hub.id, name="Teacher One", role="teacher"))
        ensemble = w.insert(
            Ensemble(
                hub_id=hub.id,
                name="Beginning Strings",
                level="beginning",
                instrument_family="strings",
                schedule=json.dumps(EVERY_WEEKDAY),
                capacity=capacity,
                teacher_id=teacher.id,
                first_day=start,
                last_day=start + dt.timedelta(days=300),
            )
        )
        second = w.insert(
            Ensemble(
                hub_id=hub.id,
                name="Choir",
                level="all",
                instrument_family="voice",
                schedule=json.dumps([{"weekday": 5, "start": "10:00", "end": "11:30"}]),
                capacity=capacity,
                teacher_id=teacher.id,
                first_day=start,
            )
        )
    fixture = HubFixture(hub.id, teacher.id, ensemble.id, second.id, start=start)
    for i in range(students):
        sid = services.roster.create_student(
            hub.id,
            {
                "legal_first_name": FIRST[i % len(FIRST)],
                "legal_last_name": LAST[(i * 3) % len(LAST)] + ("" if i < 10 else str(i)),
                "date_of_birth": dt.date(2015, 1 + i % 12, 1 + i % 28),
                "grade": str(1 + i % 8),
                "instrument": "violin",
                "may_walk_home": i % 3 == 0,
            },
            [
                {
                    "name": f"Guardian {i}",
                    "relationship": "mother",
                    "phone": f"(323) 555-{1000 + i:04d}",
                    "is_guardian": True,
                    "authorized_pickup": True,
                    "priority": 1,
                }
            ],
        )
        services.enrollment.enroll(sid, ensemble.id, start)
        fixture.student_ids.append(sid)
    return fixture


def copy_hub(services: Services, source_hub_id: str, name: str) -> str:
    """A new hub with ensembles of the same names as ``source_hub_id``'s (no students),
    so that a roster exported from one imports into the other, enrollments and all."""
    from sqlmodel import select

    with services.store.write() as w:
        hub = w.insert(Hub(name=name))
        for ensemble in w.session.exec(select(Ensemble).where(Ensemble.hub_id == source_hub_id)):
            w.insert(Ensemble(hub_id=hub.id, name=ensemble.name, capacity=ensemble.capacity))
    return hub.id
