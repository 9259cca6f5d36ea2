"""The roster: students, their contacts, search, duplicates, and archiving.

Search works on an in-memory list of :class:`RosterEntry` (3,500 rows filter in well
under a frame), loaded once per hub by :meth:`RosterService.entries`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import col, select

from harmony_desktop.domain import collation
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.grades import GRADES
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import (
    display_name,
    fold,
    name_sort_key,
    same_names,
    stored_text,
)
from harmony_desktop.domain.vocab import EnrollmentStatus, StudentStatus
from harmony_desktop.services.calendar import grade_year_now
from harmony_desktop.store import Store
from harmony_desktop.store.models import Contact, Enrollment, Ensemble, Student, data_fields
from harmony_desktop.store.queries import get_live, live

_PHONE_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class RosterEntry:
    """One student as the roster list shows and searches it."""

    student_id: str
    legal_name: str
    preferred_name: str
    last_name: str
    first_name: str
    grade: str
    district_student_id: str
    instrument: str
    level: str
    status: str
    ensembles: tuple[str, ...]
    date_of_birth: dt.date | None
    photo_consent: bool
    #: the searchable fields, folded (:func:`~harmony_desktop.domain.names.fold`)
    search_text: str = field(repr=False, default="")
    #: last name, then legal first name, in the collation of the current language
    sort_key: tuple[object, ...] = field(repr=False, default=(), compare=False)

    @property
    def display_name(self) -> str:
        """Preferred (or legal) first name and last name."""
        return display_name(self.first_name, self.last_name, self.preferred_name)

    def matches(self, query: str) -> bool:
        """True if every word of ``query`` appears in one of the searchable fields
        (accents, case and hyphens ignored; see :class:`RosterQuery`)."""
        return RosterQuery.parse(query).matches(self)


@dataclass(frozen=True)
class RosterQuery:
    """What a search box holds, parsed once per keystroke: folded words that must each
    appear in an entry's searchable text, and exact grade filters.

    "grade 3" (or "grado 3") is an exact grade filter rather than two loose words.
    """

    words: tuple[str, ...]
    grades: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> RosterQuery:
        """Fold ``text`` as the searchable fields are folded, and pick out grade filters."""
        words = fold(text).split()
        rest: list[str] = []
        grades: list[str] = []
        i = 0
        while i < len(words):
            if words[i] in ("grade", "grado") and i + 1 < len(words):
                grades.append(words[i + 1])
                i += 2
            else:
                rest.append(words[i])
                i += 1
        return cls(tuple(rest), tuple(grades))

    def matches(self, entry: RosterEntry) -> bool:
        """True if ``entry`` has every word and is in the grade asked for."""
        return bool(self.filter([entry]))

    def filter(self, entries: list[RosterEntry]) -> list[RosterEntry]:
        """The entries this query matches, in their order."""
        # One comprehension per condition rather than a call per entry: this runs on
        # every keystroke over the whole roster.
        found = entries
        for grade in self.grades:
            found = [e for e in found if e.grade.casefold() == grade]
        for word in self.words:
            found = [e for e in found if word in e.search_text]
        return found

    def narrows(self, previous: RosterQuery) -> bool:
        """True if everything this query matches, ``previous`` matched too (so the
        previous results can be filtered instead of the whole roster)."""
        return self.grades[: len(previous.grades)] == previous.grades and all(
            any(old in new for new in self.words) for old in previous.words
        )


def _stored(fields: dict[str, Any]) -> dict[str, Any]:
    """Text fields as they are stored: as typed, trimmed, in Unicode NFC."""
    return {k: (stored_text(v) if isinstance(v, str) else v) for k, v in fields.items()}


def normalise_phone(phone: str) -> str:
    """The digits of a phone number, without a leading US country code."""
    digits = "".join(_PHONE_DIGITS.findall(phone))
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def validate_student(values: dict[str, Any], *, today: dt.date | None = None) -> None:
    """Raise :class:`ValidationError` for the first thing wrong in a student's fields."""
    today = today or dt.date.today()
    for name, label in (("legal_first_name", _("First name")), ("legal_last_name", _("Last name"))):
        if name in values and not str(values[name] or "").strip():
            raise ValidationError(_("{label} is required.").format(label=label), name)
    dob = values.get("date_of_birth")
    if dob is not None:
        if not isinstance(dob, dt.date):
            raise ValidationError(_("Date of birth must be a date."), "date_of_birth")
        if dob > today:
            raise ValidationError(_("Date of birth is in the future."), "date_of_birth")
        age = (today - dob).days / 365.25
        if not 2 <= age <= 25:
            raise ValidationError(
                _(
                    "Date of birth gives an age of {age:.0f}; students are 3 to 19. Check the year."
                ).format(age=age),
                "date_of_birth",
            )
    grade = values.get("grade")
    if grade not in (None, "") and str(grade).upper() not in GRADES:
        raise ValidationError(
            _("Grade must be PK, K or 1 to 12, not {grade!r}.").format(grade=grade), "grade"
        )
    status = values.get("status")
    if status is not None and status not in {s.value for s in StudentStatus}:
        raise ValidationError(_("Unknown status {status!r}.").format(status=status), "status")


def validate_contact(values: dict[str, Any]) -> None:
    """Raise :class:`ValidationError` for the first thing wrong in a contact's fields."""
    if "name" in values and not str(values["name"] or "").strip():
        raise ValidationError(_("A contact needs a name."), "name")
    for name in ("phone", "phone_alt"):
        phone = str(values.get(name) or "")
        if phone and not 7 <= len(normalise_phone(phone)) <= 15:
            raise ValidationError(
                _("{phone!r} does not look like a phone number.").format(phone=phone), name
            )
    email = str(values.get("email") or "")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise ValidationError(_("{email!r} is not an email address.").format(email=email), "email")


class RosterService:
    """Roster queries and edits for one laptop's hubs."""

    def __init__(self, store: Store, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        #: the day whose programme year a grade set now is recorded for
        self.today = today

    # -- queries -----------------------------------------------------------------------

    def entries(self, hub_id: str, *, include_archived: bool = True) -> list[RosterEntry]:
        """The hub's roster with each student's current ensembles, sorted by last name."""
        with self.store.read() as s:
            students = s.exec(select(Student).where(Student.hub_id == hub_id, live(Student))).all()
            names = dict(
                s.exec(select(Ensemble.id, Ensemble.name).where(Ensemble.hub_id == hub_id)).all()
            )
            current: dict[str, list[str]] = {}
            for student_id, ensemble_id in s.exec(
                select(Enrollment.student_id, Enrollment.ensemble_id).where(
                    Enrollment.hub_id == hub_id,
                    Enrollment.status == EnrollmentStatus.ENROLLED.value,
                    live(Enrollment),
                )
            ):
                current.setdefault(student_id, []).append(names.get(ensemble_id, ""))
        entries = []
        for st in students:
            if not include_archived and st.status == StudentStatus.ARCHIVED:
                continue
            ensembles = tuple(sorted(current.get(st.id, []), key=collation.sort_key))
            # Folded field by field: the same instrument, grade or ensemble name is
            # folded once for the whole roster (fold is cached).
            text = " ".join(
                fold(value)
                for value in (
                    st.legal_first_name,
                    st.legal_last_name,
                    st.preferred_name,
                    st.district_student_id,
                    st.instrument,
                    f"grade {st.grade}",
                    st.grade,
                    st.status,
                    *ensembles,
                )
            )
            entries.append(
                RosterEntry(
                    student_id=st.id,
                    legal_name=display_name(st.legal_first_name, st.legal_last_name),
                    preferred_name=st.preferred_name,
                    last_name=st.legal_last_name,
                    first_name=st.legal_first_name,
                    grade=st.grade,
                    district_student_id=st.district_student_id,
                    instrument=st.instrument,
                    level=st.level,
                    status=st.status,
                    ensembles=ensembles,
                    date_of_birth=st.date_of_birth,
                    photo_consent=st.photo_consent,
                    search_text=text,
                    sort_key=name_sort_key(st.legal_first_name, st.legal_last_name),
                )
            )
        entries.sort(key=lambda e: (e.sort_key, e.student_id))
        return entries

    @staticmethod
    def search(entries: list[RosterEntry], query: str) -> list[RosterEntry]:
        """The entries matching every word of ``query`` (empty query: all), in their
        order. Accents, case and hyphens are ignored: "nunez" finds Núñez, "mendoza
        ruiz" finds Mendoza-Ruiz."""
        return list(RosterQuery.parse(query).filter(entries))

    @staticmethod
    def narrows(previous: str, query: str) -> bool:
        """True if the results of ``query`` are among those of ``previous`` (typing on),
        so a view can filter what it shows instead of the whole roster."""
        return bool(previous.strip()) and RosterQuery.parse(query).narrows(
            RosterQuery.parse(previous)
        )

    def student(self, student_id: str) -> Student:
        """One student (archived ones included)."""
        with self.store.read() as s:
            return get_live(s, Student, student_id)

    def contacts(self, student_id: str) -> list[Contact]:
        """A student's contacts by priority."""
        with self.store.read() as s:
            rows = s.exec(
                select(Contact).where(Contact.student_id == student_id, live(Contact))
            ).all()
        return sorted(rows, key=lambda c: (c.priority, collation.sort_key(c.name)))

    def possible_duplicates(
        self,
        hub_id: str | None,
        first_name: str,
        last_name: str,
        date_of_birth: dt.date | None,
        phones: list[str] = [],  # noqa: B006  (never mutated)
        *,
        exclude: str | None = None,
    ) -> list[Student]:
        """Students that look like the same child: the same names and birth date, or the
        same guardian phone. ``hub_id`` None searches every hub on this laptop.

        Names are compared folded (accents, case and hyphens ignored: "Hernandez" is
        "Hernández"), also with first and last name swapped."""
        wanted = {normalise_phone(p) for p in phones if normalise_phone(p)}
        with self.store.read() as s:
            query = select(Student).where(live(Student))
            if hub_id is not None:
                query = query.where(Student.hub_id == hub_id)
            found: dict[str, Student] = {}
            if date_of_birth is not None:
                for st in s.exec(query.where(Student.date_of_birth == date_of_birth)):
                    if same_names(first_name, last_name, st.legal_first_name, st.legal_last_name):
                        found[st.id] = st
            if wanted:
                rows = s.exec(
                    select(Contact.student_id, Contact.phone, Contact.phone_alt).where(
                        live(Contact)
                    )
                ).all()
                ids = {
                    sid
                    for sid, p1, p2 in rows
                    if normalise_phone(p1) in wanted or (p2 and normalise_phone(p2) in wanted)
                }
                for st in s.exec(query.where(col(Student.id).in_(ids))):
                    found[st.id] = st
        found.pop(exclude or "", None)
        return sorted(
            found.values(),
            key=lambda st: (name_sort_key(st.legal_first_name, st.legal_last_name), st.id),
        )

    # -- changes -----------------------------------------------------------------------

    def create_student(
        self,
        hub_id: str,
        fields: dict[str, Any],
        contacts: list[dict[str, Any]] = [],  # noqa: B006
    ) -> str:
        """Create a student and their contacts in one transaction; returns the id."""
        fields = _stored(fields)
        self._check_fields(Student, fields)
        validate_student({"legal_first_name": "", "legal_last_name": "", **fields})
        contacts = [_stored(contact) for contact in contacts]
        for contact in contacts:
            self._check_fields(Contact, contact)
            validate_contact({"name": "", **contact})
        with self.store.write() as w:
            if fields.get("grade"):
                fields["grade_year"] = grade_year_now(w.session, self.today())
            student = w.insert(Student(hub_id=hub_id, **fields))
            for contact in contacts:
                w.insert(Contact(hub_id=hub_id, student_id=student.id, **contact))
            return student.id

    def update_student(self, student_id: str, **fields: Any) -> None:
        """Change a student's fields (validated first)."""
        fields = _stored(fields)
        self._check_fields(Student, fields)
        validate_student(fields)
        with self.store.write() as w:
            student = w.get(Student, student_id)
            if (
                "grade" in fields
                and "grade_year" not in fields
                and fields["grade"] != student.grade
            ):
                # A grade set now is this programme year's grade; one left as it was keeps
                # the year it was recorded for (saving the form moves no grade's year).
                fields["grade_year"] = (
                    grade_year_now(w.session, self.today()) if fields["grade"] else ""
                )
            w.update(student, **fields)

    def archive_student(self, student_id: str) -> None:
        """Archive a student: hidden from rolls and new enrollments, never deleted."""
        self.update_student(student_id, status=StudentStatus.ARCHIVED.value)

    def restore_student(self, student_id: str) -> None:
        """Bring an archived student back to active."""
        self.update_student(student_id, status=StudentStatus.ACTIVE.value)

    def add_contact(self, student_id: str, **fields: Any) -> str:
        """Add a guardian, emergency contact or pickup to a student."""
        fields = _stored(fields)
        self._check_fields(Contact, fields)
        validate_contact({"name": "", **fields})
        with self.store.write() as w:
            student = w.get(Student, student_id)
            return w.insert(Contact(hub_id=student.hub_id, student_id=student_id, **fields)).id

    def update_contact(self, contact_id: str, **fields: Any) -> None:
        """Change a contact's fields."""
        fields = _stored(fields)
        self._check_fields(Contact, fields)
        validate_contact(fields)
        with self.store.write() as w:
            w.update(w.get(Contact, contact_id), **fields)

    def remove_contact(self, contact_id: str) -> None:
        """Remove a contact (a tombstone, so the removal syncs)."""
        with self.store.write() as w:
            w.delete(w.get(Contact, contact_id))

    @staticmethod
    def _check_fields(model: type[Student] | type[Contact], fields: dict[str, Any]) -> None:
        allowed = set(data_fields(model)) - {"hub_id", "deleted", "student_id"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(
                _("Unknown field(s): {names}").format(names=", ".join(sorted(unknown)))
            )
