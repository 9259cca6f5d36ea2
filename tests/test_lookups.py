"""One way to name a student, to read live rows, and to find hubs and ensembles."""

from __future__ import annotations

import pytest
from sqlmodel import select

from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.names import display_name
from harmony_desktop.services.context import Services
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.store.models import Contact, Ensemble, Hub
from harmony_desktop.store.queries import find_live, get_live, live
from tests.factories import HubFixture


def test_display_name_forms() -> None:
    assert display_name("Guadalupe", "Hernández", "Lupe") == "Lupe Hernández"
    assert display_name("Guadalupe", "Hernández") == "Guadalupe Hernández"
    assert display_name("Guadalupe", "Hernández", "Lupe", last_first=True) == "Hernández, Lupe"
    assert display_name("María José", "Mendoza-Ruiz", last_first=True) == (
        "Mendoza-Ruiz, María José"
    )
    assert display_name(" Ana ", "", "") == "Ana"
    assert display_name("", "Kim", last_first=True) == "Kim"


def test_every_screen_names_a_student_the_same_way(services: Services, hub: HubFixture) -> None:
    sid = hub.student_ids[0]
    services.roster.update_student(sid, legal_first_name="María José", preferred_name="Majo")
    student = services.roster.student(sid)
    entry = next(e for e in services.roster.entries(hub.hub_id) if e.student_id == sid)
    assert entry.display_name == f"Majo {student.legal_last_name}"
    assert entry.legal_name == f"María José {student.legal_last_name}"
    session = services.sessions.open(services.sessions.for_day(hub.hub_id, hub.start)[0])
    roll = next(e for e in services.roll.roll(session.id) if e.student_id == sid)
    assert roll.display_name == entry.display_name
    assert roll.sort_name == f"{student.legal_last_name}, majo".casefold()


def test_get_live_treats_a_tombstone_as_missing(services: Services, hub: HubFixture) -> None:
    contact_id = services.roster.contacts(hub.student_ids[0])[0].id
    services.roster.remove_contact(contact_id)
    with services.store.read() as s:
        assert s.get(Contact, contact_id) is not None  # the tombstone stays, so it syncs
        assert find_live(s, Contact, contact_id) is None
        with pytest.raises(NotFoundError, match="That contact does not exist"):
            get_live(s, Contact, contact_id)
        with pytest.raises(NotFoundError, match="Open it from the list"):
            get_live(s, Hub, "no-such-id", message="Open it from the list.")
        live_ids = s.exec(
            select(Contact.id).where(Contact.student_id == hub.student_ids[0], live(Contact))
        ).all()
    assert contact_id not in live_ids
    assert services.roster.contacts(hub.student_ids[0]) == []


def test_hub_directory_finds_hubs_and_ensembles(services: Services, hub: HubFixture) -> None:
    directory = HubDirectory(services.store)
    assert directory.find_hub(None).id == hub.hub_id
    assert directory.find_hub("test park").id == hub.hub_id
    assert directory.hub(hub.hub_id).name == "Test Park Hub"
    with pytest.raises(NotFoundError, match="That hub does not exist"):
        directory.hub("nope")
    strings = directory.find_ensemble(None, "beginning strings")
    assert strings.id == hub.ensemble_id and strings.teacher == "Teacher One"
    # Weekdays and times as the language writes them (a narrow no-break space before PM).
    assert strings.schedule == "Mon–Fri 3:30\u202fPM–5:00\u202fPM"
    assert strings.schedule_days == (0, 1, 2, 3, 4)
    assert directory.ensemble(hub.second_ensemble_id).schedule == "Sat 10:00\u202fAM–11:30\u202fAM"
    with i18n.using("es"):
        spanish = directory.ensemble(hub.second_ensemble_id).schedule
    assert spanish == "sáb 10:00\u202fa.m.–11:30\u202fa.m."
    assert [e.name for e in directory.ensembles(hub.hub_id)] == ["Beginning Strings", "Choir"]
    with services.store.write() as w:
        w.insert(Ensemble(hub_id=hub.hub_id, name="Beginning Winds"))
    with pytest.raises(ValidationError, match="matches several ensembles"):
        directory.find_ensemble(hub.hub_id, "beginning")
    with pytest.raises(NotFoundError, match="No ensemble 'Brass'"):
        directory.find_ensemble(hub.hub_id, "Brass")
    with services.store.write() as w:
        w.delete(w.get(Ensemble, hub.second_ensemble_id))
    with pytest.raises(NotFoundError, match="That ensemble does not exist"):
        directory.ensemble(hub.second_ensemble_id)


def test_a_database_without_hubs_says_so(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no hub in this database"):
        HubDirectory(services.store).find_hub(None)
    assert HubDirectory(services.store).find(None) is None
