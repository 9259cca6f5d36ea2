"""A roll opened without storing its session (on a certainly wrong "today"): its roll is
read from the session as listed, and the first write that writes anything stores the
session in its own transaction; a write refused, or one that writes nothing, stores
nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.sessions import SessionInfo
from harmony_desktop.services.context import Services
from harmony_desktop.services.volunteers import NeedsConfirmation
from harmony_desktop.store.models import Staff
from tests.factories import HubFixture

#: A Monday in term: Beginning Strings meets 15:30-17:00, with the hub's 8 students.
MONDAY = dt.date(2026, 9, 14)


@pytest.fixture
def planned(services: Services, hub: HubFixture) -> SessionInfo:
    """Monday's Beginning Strings, as the day's list shows it: not stored."""
    [info] = services.sessions.for_day(hub.hub_id, MONDAY)
    assert not info.stored
    return info


def count(services: Services, table: str) -> int:
    with services.store.read() as s:
        return int(s.exec(text(f"SELECT count(*) FROM {table}")).one()[0])  # type: ignore[call-overload]


def stored_session(services: Services, session_id: str) -> tuple[str, str] | None:
    """(date, status) of the stored session, or None."""
    with services.store.read() as s:
        row = s.exec(  # type: ignore[call-overload]
            text("SELECT date, status FROM session WHERE id = :id AND deleted = 0"),
            params={"id": session_id},
        ).first()
    return None if row is None else (str(row[0]), str(row[1]))


class Counts:
    """What a block of code added: sessions, marks, shifts, outbox entries, and write
    transactions."""

    def __init__(self, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
        self.services = services
        self.writes = 0
        real = services.store.write

        def counted():  # type: ignore[no-untyped-def]
            self.writes += 1
            return real()

        monkeypatch.setattr(services.store, "write", counted)
        self.before = self._now()

    def _now(self) -> tuple[int, int, int, int]:
        return tuple(  # type: ignore[return-value]
            count(self.services, t)
            for t in ("session", "attendance_mark", "volunteer_shift", "outbox")
        )

    def added(self) -> dict[str, int]:
        now = self._now()
        names = ("sessions", "marks", "shifts", "outbox")
        return {
            **{n: a - b for n, a, b in zip(names, now, self.before, strict=True)},
            "writes": self.writes,
        }


@pytest.fixture
def counts(services: Services, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    yield Counts(services, monkeypatch)


def test_the_roll_of_a_session_not_stored_is_read_from_it_as_listed(
    services: Services, hub: HubFixture, planned: SessionInfo, counts: Counts
) -> None:
    entries = services.roll.roll(planned.id, planned=planned)
    assert sorted(e.student_id for e in entries) == sorted(hub.student_ids)
    assert len(entries) == 8
    assert not any(e.recorded for e in entries)
    with pytest.raises(NotFoundError):
        services.roll.roll(planned.id)  # without it, as before: no such session
    assert counts.added() == {"sessions": 0, "marks": 0, "shifts": 0, "outbox": 0, "writes": 0}


def test_the_first_mark_stores_the_session_held_in_the_same_transaction(
    services: Services, hub: HubFixture, planned: SessionInfo, counts: Counts
) -> None:
    student = hub.student_ids[0]
    services.roll.mark(planned.id, student, "P", by=hub.teacher_id, planned=planned)
    # One transaction: the session (held at once) and the mark, an outbox entry each.
    assert counts.added() == {"sessions": 1, "marks": 1, "shifts": 0, "outbox": 2, "writes": 1}
    assert stored_session(services, planned.id) == ("2026-09-14", "held")
    [info] = services.sessions.for_day(hub.hub_id, MONDAY)
    assert (info.stored, info.recorded, info.expected) == (True, 1, 8)
    # Stored now: the next mark writes the mark alone.
    services.roll.mark(planned.id, hub.student_ids[1], "AE", by=None, planned=planned)
    assert counts.added() == {"sessions": 1, "marks": 2, "shifts": 0, "outbox": 3, "writes": 2}


def test_a_refused_first_mark_stores_nothing(
    services: Services, hub: HubFixture, planned: SessionInfo, counts: Counts
) -> None:
    with pytest.raises(ValidationError):  # left early needs a reason
        services.roll.mark(planned.id, hub.student_ids[0], "E", by=None, planned=planned)
    with pytest.raises(ValidationError):  # not a code
        services.roll.mark(planned.id, hub.student_ids[0], "Q", by=None, planned=planned)
    assert stored_session(services, planned.id) is None
    assert counts.added() == {"sessions": 0, "marks": 0, "shifts": 0, "outbox": 0, "writes": 2}


def test_another_session_s_listing_does_not_store_this_one(
    services: Services, hub: HubFixture, planned: SessionInfo
) -> None:
    [tuesday] = services.sessions.for_day(hub.hub_id, MONDAY + dt.timedelta(days=1))
    with pytest.raises(NotFoundError):
        services.roll.mark(planned.id, hub.student_ids[0], "P", by=None, planned=tuesday)
    assert stored_session(services, planned.id) is None
    assert stored_session(services, tuesday.id) is None


def test_a_note_first_stores_the_session_scheduled_and_an_empty_one_nothing(
    services: Services, hub: HubFixture, planned: SessionInfo, counts: Counts
) -> None:
    student = hub.student_ids[0]
    services.roll.set_note(planned.id, student, "  ", by=None, planned=planned)
    services.roll.clear(planned.id, student, by=None, planned=planned)
    assert counts.added() == {"sessions": 0, "marks": 0, "shifts": 0, "outbox": 0, "writes": 2}
    services.roll.set_note(planned.id, student, "Came with a cast", by=None, planned=planned)
    assert counts.added() == {"sessions": 1, "marks": 1, "shifts": 0, "outbox": 2, "writes": 3}
    assert stored_session(services, planned.id) == ("2026-09-14", "scheduled")  # no code
    [entry] = [e for e in services.roll.roll(planned.id) if e.student_id == student]
    assert (entry.mark.code, entry.mark.note) == (None, "Came with a cast")


def test_mark_all_remaining_present_first_stores_the_session_with_every_mark(
    services: Services, hub: HubFixture, planned: SessionInfo, counts: Counts
) -> None:
    done = services.roll.mark_remaining_present(planned.id, by=None, planned=planned)
    assert sorted(done) == sorted(hub.student_ids)
    assert counts.added() == {"sessions": 1, "marks": 8, "shifts": 0, "outbox": 9, "writes": 1}
    assert stored_session(services, planned.id) == ("2026-09-14", "held")


def test_undo_of_a_first_mark_keeps_the_session(
    services: Services, hub: HubFixture, planned: SessionInfo, counts: Counts
) -> None:
    from harmony_desktop.services.roll import MarkState

    student = hub.student_ids[0]
    services.roll.set_states(planned.id, [(student, MarkState("P"))], by=None, planned=planned)
    services.roll.set_states(planned.id, [(student, MarkState())], by=None, planned=planned)
    assert counts.added() == {"sessions": 1, "marks": 1, "shifts": 0, "outbox": 3, "writes": 2}
    assert [e.mark.code for e in services.roll.roll(planned.id)] == [None] * 8


def test_a_volunteer_signed_in_first_stores_the_session_with_the_shift(
    services: Services, hub: HubFixture, planned: SessionInfo
) -> None:
    volunteers = services.volunteers
    with services.store.write() as w:
        lead = w.insert(Staff(hub_id=hub.hub_id, name="Lead Person", role="site_lead")).id
    vid = volunteers.save(hub.hub_id, {"first_name": "Vera", "last_name": "Tester"})
    # Not cleared (no clearance recorded): signing in needs a site lead, and the refused
    # sign-in stores no session either.
    [entry] = volunteers.session_volunteers(planned.id, planned=planned)
    assert (entry.volunteer.id, entry.volunteer.cleared, entry.shift.status) == (vid, False, None)
    with pytest.raises(NotFoundError):
        volunteers.session_volunteers(planned.id)
    with pytest.raises(NeedsConfirmation):
        volunteers.sign_in(planned.id, vid, by=None, at=dt.time(15, 40), planned=planned)
    assert stored_session(services, planned.id) is None
    before = count(services, "outbox")
    state = volunteers.sign_in(
        planned.id, vid, by=None, at=dt.time(15, 40), confirmed_by=lead, planned=planned
    )
    assert (state.status, state.sign_in) == ("attended", dt.time(15, 40))
    assert count(services, "outbox") - before == 2  # the session and the shift
    assert stored_session(services, planned.id) == ("2026-09-14", "scheduled")
    [entry] = volunteers.session_volunteers(planned.id)
    assert entry.shift.status == "attended"
