"""Names travel through a real sync server byte for byte, as they were stored (NFC)."""

from __future__ import annotations

import unicodedata

from sqlmodel import select

from harmony_desktop.store.models import Contact, Student
from tests.factories import make_hub
from tests.sync_client.conftest import ReplicaFactory

NAMES = [("Begoña", "Núñez-Ibáñez"), ("Zoë", "O’Connor"), ("Thanh", "Nguyễn"), ("Ji-woo", "김")]


def test_names_sync_byte_for_byte(replica: ReplicaFactory, live) -> None:  # type: ignore[no-untyped-def]
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=len(NAMES))
    for sid, (first, last) in zip(hub.student_ids, NAMES, strict=True):
        # typed decomposed, as some keyboards deliver accents: stored and sent as NFC
        a.services.roster.update_student(
            sid,
            legal_first_name=unicodedata.normalize("NFD", first),
            legal_last_name=unicodedata.normalize("NFD", last),
        )
        a.services.roster.add_contact(sid, name=f"{first} {last}", is_guardian=True)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    b.enroll([hub.hub_id])
    a.sync.sync()
    b.sync.sync()
    with b.store.read() as s:
        students = {
            (st.legal_first_name.encode(), st.legal_last_name.encode())
            for st in s.exec(select(Student))
        }
        contacts = {c.name.encode() for c in s.exec(select(Contact))}
    assert students == {(f.encode(), last.encode()) for f, last in NAMES}
    assert {f"{f} {last}".encode() for f, last in NAMES} <= contacts
