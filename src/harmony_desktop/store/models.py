"""SQLModel tables of the local store.

Synced tables derive from :class:`SyncedRow`: a client-generated UUID ``id`` (deterministic
for sessions and attendance marks), the ``hub_id`` that scopes the row for sync, a
``deleted`` tombstone, and ``clocks``, the JSON map of field → HLC timestamp of the last
write to that field. Never write these tables directly: go through
:class:`harmony_desktop.store.replica.ChangeWriter`, the single write path that stamps
clocks and appends to the outbox in the same transaction. ``Outbox`` and ``Conflict``
are written only by ``store.replica``, ``LocalMeta`` only through ``store.settings``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlmodel import Field, SQLModel


def new_id() -> str:
    """A fresh random UUID string for a new synced row."""
    return str(uuid.uuid4())


class SyncedRow(SQLModel):
    """Columns every synced table has."""

    #: fields that are bookkeeping, never sent as data
    BOOKKEEPING: ClassVar[frozenset[str]] = frozenset({"id", "clocks"})
    #: True for the hub table, whose rows scope themselves (hub_id == id)
    SELF_SCOPED: ClassVar[bool] = False

    id: str = Field(default_factory=new_id, primary_key=True)
    hub_id: str | None = Field(default=None, index=True)
    deleted: bool = False
    clocks: str = "{}"


class Hub(SyncedRow, table=True):
    """A hub site: a park or school where ensembles meet."""

    __tablename__ = "hub"
    SELF_SCOPED: ClassVar[bool] = True
    name: str
    address: str = ""
    partner: str = ""
    partner_kind: str = ""  # park, school, community centre
    timezone: str = "America/Los_Angeles"


class Staff(SyncedRow, table=True):
    """A staff member: teacher, teaching artist, site lead or data manager. Records marks.

    New staff rows are programme-wide (``hub_id`` None), so a data manager or a teacher
    of two hubs is known on every laptop; ``hubs`` lists the hubs they work at. Rows made
    by older versions keep the hub they were created in (a row's hub never changes).
    """

    __tablename__ = "staff"
    name: str
    role: str = "teacher"
    email: str = ""
    phone: str = ""
    #: JSON list of the ids of the hubs this person works at
    hubs: str = "[]"
    #: left the programme: off every list of who may take roll or teach, still named on
    #: the rolls and reports of their time
    archived: bool = False


class AttendanceCode(SyncedRow, table=True):
    """An attendance code; its flags, not its letters, carry its meaning."""

    __tablename__ = "attendance_code"
    code: str = Field(index=True)
    label: str
    counts_present: bool = False
    tardy: bool = False
    early_departure: bool = False
    excused: bool = False
    sort_order: int = 0
    active: bool = True
    #: the label in Spanish (rolls and printouts in Spanish show it)
    label_es: str = ""


class Student(SyncedRow, table=True):
    """A student of the programme. Archived, never hard-deleted by a teacher."""

    __tablename__ = "student"
    legal_first_name: str
    legal_last_name: str
    preferred_name: str = ""
    date_of_birth: dt.date | None = None
    grade: str = ""  # "K", "1" … "12"
    #: the programme year the grade is for ("2026-27"); "" when unknown (a grade set
    #: before grades recorded their year). Set with every grade, moved on by "Move
    #: students up a grade" (services/new_year.py)
    grade_year: str = ""
    school: str = ""
    district_student_id: str = Field(default="", index=True)
    #: the state's student identifier (California's SSID), "" when unknown
    statewide_student_id: str = ""
    home_language: str = ""
    guardian_language: str = ""
    instrument: str = ""
    level: str = ""
    medical_notes: str = ""
    allergy_notes: str = ""
    photo_consent: bool = False
    may_walk_home: bool = False
    status: str = "active"
    notes: str = ""


class Contact(SyncedRow, table=True):
    """A guardian, emergency contact or authorized pickup of one student."""

    __tablename__ = "contact"
    student_id: str = Field(foreign_key="student.id", index=True)
    name: str
    relationship: str = ""
    phone: str = ""
    phone_alt: str = ""
    email: str = ""
    language: str = ""
    priority: int = 1
    is_guardian: bool = False
    is_emergency: bool = False
    authorized_pickup: bool = False
    #: empty when there is none; otherwise what staff must know (e.g. "No contact with father")
    custody_restriction: str = ""


class Ensemble(SyncedRow, table=True):
    """A class at a hub with a weekly schedule and a capacity. Archived, never deleted."""

    __tablename__ = "ensemble"
    name: str
    level: str = ""
    instrument_family: str = ""
    #: JSON list of meetings {"weekday": 0-6 (Monday=0), "start": "HH:MM", "end": "HH:MM"},
    #: each optionally with "from"/"until" (YYYY-MM-DD): the days it is in effect, so a
    #: changed schedule changes only future sessions (docs/DOMAIN.md, "Sessions")
    schedule: str = "[]"
    capacity: int = 30
    teacher_id: str | None = Field(default=None, foreign_key="staff.id")
    #: first and last day of meetings (None: open-ended)
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    location: str = ""
    #: grades it is meant for ("PK", "K", "1" … "12"; "" for no limit)
    grade_min: str = ""
    grade_max: str = ""
    #: meets only inside the programme's terms (docs/DOMAIN.md, "The school year")
    follows_terms: bool = False
    #: no longer meets; its past sessions and marks stay
    archived: bool = False


class Enrollment(SyncedRow, table=True):
    """A student in an ensemble, with the dates of each step and waitlist priority."""

    __tablename__ = "enrollment"
    student_id: str = Field(foreign_key="student.id", index=True)
    ensemble_id: str = Field(foreign_key="ensemble.id", index=True)
    status: str = "applied"
    applied_on: dt.date | None = None
    waitlisted_on: dt.date | None = None
    #: lower is served first; ties by waitlisted_on
    waitlist_priority: int = 100
    enrolled_on: dt.date | None = None
    ended_on: dt.date | None = None
    end_reason: str = ""


class EnrollmentEvent(SyncedRow, table=True):
    """One step in an enrollment's status history (append-only)."""

    __tablename__ = "enrollment_event"
    enrollment_id: str = Field(foreign_key="enrollment.id", index=True)
    status: str
    on: dt.date
    reason: str = ""
    recorded_by: str | None = None


class ClassSession(SyncedRow, table=True):
    """One meeting of an ensemble. Its id is uuid5(ensemble, date, start)."""

    __tablename__ = "session"
    ensemble_id: str = Field(foreign_key="ensemble.id", index=True)
    date: dt.date = Field(index=True)
    start: dt.time
    end: dt.time
    status: str = "scheduled"
    kind: str = "regular"
    title: str = ""
    on_site: bool = True
    location: str = ""
    cancel_reason: str = ""
    #: a masterclass's guest artist
    guest_artist: str = ""
    #: a performance's audience (None: not counted)
    audience_count: int | None = None


class AttendanceMark(SyncedRow, table=True):
    """The mark of one student in one session. Its id is uuid5(session, student).

    ``code`` None means "not recorded" (for example after a mark was cleared).
    """

    __tablename__ = "attendance_mark"
    # looked up by session through ix_attendance_mark_report (migrations 0004, 0010)
    session_id: str = Field(foreign_key="session.id")
    student_id: str = Field(foreign_key="student.id", index=True)
    code: str | None = None
    arrival_time: dt.time | None = None
    departure_time: dt.time | None = None
    reason: str = ""
    note: str = ""
    recorded_by: str | None = None
    recorded_at: str = ""  # ISO 8601 UTC
    #: dismissal: the adult who collected the student (empty: not signed out, or walked)
    collected_by: str = ""
    #: when the student left with them (or walked home)
    collected_at: dt.time | None = None
    #: the student walked home alone (only where the student may)
    walked_home: bool = False
    #: staff id of the site lead who confirmed release to an adult not on the list
    pickup_confirmed_by: str | None = None


class StudentRedirect(SyncedRow, table=True):
    """After a duplicate merge: ``id`` (the merged-away student) now means ``target_id``."""

    __tablename__ = "student_redirect"
    target_id: str


class Volunteer(SyncedRow, table=True):
    """A volunteer (a teaching assistant from the music industry, a mentor, a helper).

    ``hub_id`` is the home hub, whose devices keep the record; the volunteer is also
    visible at every hub they are assigned to (``VolunteerAssignment``; docs/SYNC.md,
    "Shared rows").
    """

    __tablename__ = "volunteer"
    first_name: str
    last_name: str
    preferred_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    #: where they work (a studio, an orchestra, a label)
    organisation: str = ""
    skills: str = ""
    instruments: str = ""
    role: str = "teaching_assistant"
    status: str = "prospect"
    notes: str = ""


class VolunteerAssignment(SyncedRow, table=True):
    """A volunteer assists at a hub (``hub_id``), with one ensemble or the whole hub.

    Its id is natural_id("assignment", volunteer, hub, ensemble or "")."""

    __tablename__ = "volunteer_assignment"
    volunteer_id: str = Field(foreign_key="volunteer.id", index=True)
    ensemble_id: str | None = Field(default=None, foreign_key="ensemble.id")


class ClearanceKind(SyncedRow, table=True):
    """A kind of clearance the programme requires (programme-wide, no hub)."""

    __tablename__ = "clearance_kind"
    code: str = Field(index=True)
    label: str
    #: months a clearance stays valid after it is done; 0 = it does not expire
    validity_months: int = 0
    #: a volunteer without it (or with it expired) is not cleared
    required: bool = True
    sort_order: int = 0
    active: bool = True


class VolunteerClearance(SyncedRow, table=True):
    """One clearance of one volunteer: when it was done and when it expires.

    Its id is natural_id("clearance", volunteer, kind); its hub is the volunteer's."""

    __tablename__ = "volunteer_clearance"
    volunteer_id: str = Field(foreign_key="volunteer.id", index=True)
    kind_id: str = Field(foreign_key="clearance_kind.id")
    done_on: dt.date | None = None
    expires_on: dt.date | None = None
    note: str = ""


class VolunteerShift(SyncedRow, table=True):
    """A volunteer at a session: signed up, attended (signed in and out), no-show or
    cancelled. Its id is natural_id("shift", session, volunteer); its hub the session's.

    ``confirmed_by`` is the site lead who let a volunteer who was not cleared be
    assigned, ``confirmation_note`` what was missing or expired at the time.
    """

    __tablename__ = "volunteer_shift"
    session_id: str = Field(foreign_key="session.id", index=True)
    volunteer_id: str = Field(foreign_key="volunteer.id", index=True)
    status: str = "signed_up"
    sign_in: dt.time | None = None
    sign_out: dt.time | None = None
    confirmed_by: str | None = None
    confirmed_at: str = ""  # ISO 8601 UTC
    confirmation_note: str = ""
    recorded_by: str | None = None
    recorded_at: str = ""  # ISO 8601 UTC


class SessionInvitation(SyncedRow, table=True):
    """Who is invited to a masterclass: an ensemble's students, or a whole hub's.

    Its id is natural_id("invitation", session, ensemble or hub); its hub the session's."""

    __tablename__ = "session_invitation"
    session_id: str = Field(foreign_key="session.id", index=True)
    ensemble_id: str | None = Field(default=None, foreign_key="ensemble.id")
    invited_hub_id: str | None = Field(default=None, foreign_key="hub.id")


class FamilyEvent(SyncedRow, table=True):
    """A parent workshop, a family night: an event for the families of a hub."""

    __tablename__ = "family_event"
    title: str
    kind: str = "family_night"
    date: dt.date = Field(index=True)
    start: dt.time
    end: dt.time
    location: str = ""
    notes: str = ""


class FamilyAttendance(SyncedRow, table=True):
    """An adult at a family event, for one student (or none: a walk-in on their own).

    A guardian of two siblings has two contact rows, so two attendance rows, sharing one
    ``adult_key``: the event counts two families' students reached and one adult. A
    guardian's row id is natural_id("family", event, contact); a walk-in's is random.
    """

    __tablename__ = "family_attendance"
    event_id: str = Field(foreign_key="family_event.id", index=True)
    contact_id: str | None = Field(default=None, foreign_key="contact.id")
    student_id: str | None = Field(default=None, foreign_key="student.id")
    adult_key: str
    #: a walk-in's name and relationship (a guardian's are their contact's)
    name: str = ""
    relationship: str = ""
    attended: bool = True
    recorded_by: str | None = None
    recorded_at: str = ""  # ISO 8601 UTC


class Outbox(SQLModel, table=True):
    """Local changes waiting to be pushed, one row per write, in write order."""

    __tablename__ = "outbox"
    mutation_id: int = Field(primary_key=True)  # derived from the HLC: per-device increasing
    table_name: str
    row_id: str
    hub_id: str | None = None
    values: str  # JSON {field: wire value}
    clock: str
    bases: str  # JSON {field: previous clock or null}
    created_at: str


class LocalMeta(SQLModel, table=True):
    """Key/value facts about this database: device id, last HLC, sync cursor."""

    __tablename__ = "local_meta"
    key: str = Field(primary_key=True)
    value: str


class Conflict(SQLModel, table=True):
    """A value that lost a last-writer-wins merge, kept for review."""

    __tablename__ = "conflict"
    id: str = Field(default_factory=new_id, primary_key=True)
    table_name: str
    row_id: str = Field(index=True)
    hub_id: str | None = None
    field_name: str
    losing_value: str  # JSON
    losing_clock: str
    winning_value: str  # JSON
    winning_clock: str
    detected_at: str
    resolved_at: str | None = None
    resolution: str = ""


class ProgrammeYear(SyncedRow, table=True):
    """A programme (school) year, when it differs from the default 1 July – 30 June.

    Programme-wide (``hub_id`` None). Its id is derived from its label ("2025-26"), so
    two laptops setting the same year store one row.
    """

    __tablename__ = "programme_year"
    label: str = Field(index=True)
    first_day: dt.date
    last_day: dt.date


class Term(SyncedRow, table=True):
    """A term inside a programme year (fall, spring, summer). Programme-wide."""

    __tablename__ = "term"
    year_label: str = Field(index=True)
    name: str
    first_day: dt.date
    last_day: dt.date


class Closure(SyncedRow, table=True):
    """A day with no sessions: the whole programme (``hub_id`` None) or one hub closed.

    Its id is derived from (hub, date), so the same closure added on two laptops is one.
    """

    __tablename__ = "closure"
    date: dt.date = Field(index=True)
    reason: str = ""


#: Synced table name → model class. Must match harmony_sync.protocol.SYNCED_TABLES.
SYNCED_MODELS: dict[str, type[SyncedRow]] = {
    "hub": Hub,
    "staff": Staff,
    "attendance_code": AttendanceCode,
    "student": Student,
    "contact": Contact,
    "ensemble": Ensemble,
    "enrollment": Enrollment,
    "enrollment_event": EnrollmentEvent,
    "session": ClassSession,
    "attendance_mark": AttendanceMark,
    "student_redirect": StudentRedirect,
    "volunteer": Volunteer,
    "volunteer_assignment": VolunteerAssignment,
    "clearance_kind": ClearanceKind,
    "volunteer_clearance": VolunteerClearance,
    "volunteer_shift": VolunteerShift,
    "session_invitation": SessionInvitation,
    "family_event": FamilyEvent,
    "family_attendance": FamilyAttendance,
    "programme_year": ProgrammeYear,
    "term": Term,
    "closure": Closure,
}


def data_fields(model: type[SyncedRow]) -> list[str]:
    """The synced data fields of ``model`` (every column but id and clocks)."""
    return [name for name in model.model_fields if name not in SyncedRow.BOOKKEEPING]


def table_name(model: type[SQLModel] | SQLModel) -> str:
    """The table name of a model class or instance."""
    cls = model if isinstance(model, type) else type(model)
    name: Any = cls.__tablename__
    return str(name)
