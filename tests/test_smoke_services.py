"""Quick end-to-end check of the services over a small hub."""

import datetime as dt

from harmony_desktop.services.context import Services
from tests.factories import HubFixture


def test_take_roll_on_a_scheduled_day(services: Services, hub: HubFixture) -> None:
    day = dt.date(2026, 9, 7)  # a Monday
    sessions = services.sessions.for_day(hub.hub_id, day)
    assert [s.ensemble_name for s in sessions] == ["Beginning Strings"]
    info = services.sessions.open(sessions[0])
    roll = services.roll.roll(info.id)
    assert len(roll) == 8 and not any(e.recorded for e in roll)
    services.roll.mark(info.id, roll[0].student_id, "P", by=hub.teacher_id)
    marked = services.roll.mark_remaining_present(info.id, by=hub.teacher_id)
    assert len(marked) == 7
    assert services.sessions.get(info.id).state == "roll_taken"
