"""Needs review says what each row is and whose, in the user's language: a volunteer by
name, an enrollment by its student and ensemble (they showed as the table's English
words, "Volunteer", "Enrollment", on the Spanish page too)."""

from __future__ import annotations

from sqlmodel import select

from harmony_desktop.domain.i18n import using
from harmony_desktop.services.context import Services
from harmony_desktop.services.review import describe_row
from harmony_desktop.store.models import Enrollment, Student, Volunteer
from tests.factories import make_hub


def test_rows_are_described_by_whose_they_are(services: Services) -> None:
    hub = make_hub(services, students=1)
    store = services.store
    with store.write() as w:
        volunteer = w.insert(Volunteer(hub_id=hub.hub_id, first_name="Rosa", last_name="Mendez"))
    with store.read() as s:
        enrollment = s.exec(select(Enrollment)).first()
        student = s.get(Student, hub.student_ids[0])
        assert enrollment is not None and student is not None
        first, last = student.legal_first_name, student.legal_last_name
        with using("en"):
            assert describe_row(s, "volunteer", volunteer.id) == "Volunteer Rosa Mendez"
            said = describe_row(s, "enrollment", enrollment.id)
            assert said.startswith(f"Enrollment of {first} {last} in ")
            assert describe_row(s, "term", "no-such-id") == "Term"
        with using("es"):
            assert describe_row(s, "volunteer", volunteer.id) == "Voluntario(a) Rosa Mendez"
            said = describe_row(s, "enrollment", enrollment.id)
            assert said.startswith(f"Inscripción de {first} {last} en ")
            assert describe_row(s, "term", "no-such-id") == "Periodo"
            assert describe_row(s, "volunteer", "no-such-id") == "Voluntario(a)"
