"""A generated, entirely synthetic programme to try the app, test it and benchmark it.

Nothing here is real: hub addresses, names, phone numbers (the 555-01xx range reserved
for fiction), e-mails (``example.org``) and district ids are drawn from small lists with
a seeded random generator, so a given ``seed`` and ``today`` always produce the same
programme (the HLC stamps are the only thing that differs between two runs).

What one hub looks like: a site lead and a few teachers, up to ten ensembles by level
and instrument family with weekly after-school and Saturday schedules, about 200
students K-12 (English and Spanish names, many Spanish-speaking families) with one to
three contacts each, enrollment histories a programme could have (each student only
ever in ensembles whose grades include theirs that year; about half joined before the
history begins, and those moving up a level of their line completed the lower one in
June; some withdrew mid-way, some completed a level and did not come back) and a
waitlist for the popular ensembles, then ``years`` of sessions up to yesterday with
attendance marks: most students attend about nine sessions in ten, about one in ten is
chronically absent, some arrive late or leave early, holidays and heat days are
cancelled, concerts happen off-site, a few recent sessions have no roll yet, and today's
sessions are scheduled and untouched. Volunteers serve across the whole history as a real
programme's do: most from its start, some joining in a later year, one who left; each
cleared before their first shift, with a few clearances expiring or expired on purpose.

Everything is written through :meth:`ChangeWriter.insert_many`, the single write path,
one transaction per hub. **Outbox choice:** demo rows are not meant to reach a real
server, so by default they are written as local starting state, stamped but not queued
(``keep_outbox=False``); the rows keep their HLC clocks, so a later edit of a demo row
is tracked and synced like any other. The default attendance codes are the
database's starting state (``store.seed``), never queued. Pass ``keep_outbox=True`` to
get demo data that pushes like real data (sync tests and benchmarks). The hubs a demo
created are listed in the ``DEMO_RUNS`` local setting.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import random
import time
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic_core import PydanticUndefined
from sqlalchemy import func
from sqlalchemy.orm import configure_mappers
from sqlmodel import select

from harmony_desktop.domain.calendar import year_label_of
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.vocab import (
    EARLY_DEPARTURE_REASONS,
    EnrollmentStatus,
    FamilyEventKind,
    SessionKind,
    SessionStatus,
    ShiftStatus,
    StaffRole,
    StudentStatus,
    VolunteerRole,
    VolunteerStatus,
)
from harmony_desktop.services.volunteers import EXPIRING_WITHIN_DAYS, add_months
from harmony_desktop.store import settings
from harmony_desktop.store.db import Store
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Contact,
    Enrollment,
    EnrollmentEvent,
    Ensemble,
    FamilyAttendance,
    FamilyEvent,
    Hub,
    SessionInvitation,
    Staff,
    Student,
    SyncedRow,
    Volunteer,
    VolunteerAssignment,
    VolunteerClearance,
    VolunteerShift,
)
from harmony_desktop.store.replica import (
    ChangeWriter,
    attendance_mark_id,
    natural_id,
    session_id,
)
from harmony_desktop.store.seed import ensure_attendance_codes

#: Bumped whenever the generator's output for a given seed changes (bench caches key on it).
DEMO_VERSION = 8
DEFAULT_SEED = 1_000
DEFAULT_STUDENTS_PER_HUB = 200
#: The local setting listing the demo runs written into this database.
DEMO_META_KEY = settings.DEMO_RUNS.key


@dataclass(frozen=True)
class DemoScale:
    """A programme size: how many hubs and how many students in all."""

    hubs: int
    students: int


#: Harmony Project LA's size: 17 hubs, 3,500 students K-12.
FULL_SCALE = DemoScale(hubs=17, students=3_500)


@dataclass
class DemoSummary:
    """What :func:`generate_demo` wrote."""

    seed: int
    today: dt.date
    hub_ids: list[str] = field(default_factory=list)
    hubs: int = 0
    staff: int = 0
    students: int = 0
    contacts: int = 0
    ensembles: int = 0
    enrollments: int = 0
    enrollment_events: int = 0
    sessions: int = 0
    marks: int = 0
    volunteers: int = 0
    volunteer_assignments: int = 0
    clearances: int = 0
    volunteer_shifts: int = 0
    invitations: int = 0
    family_events: int = 0
    family_attendance: int = 0
    codes_added: int = 0
    seconds: float = 0.0
    #: CPU time of this process (wall ``seconds`` also counts waiting for the disk and CPU)
    cpu_seconds: float = 0.0

    def add(self, counts: dict[str, int]) -> None:
        """Add one hub's row counts."""
        for name, value in counts.items():
            setattr(self, name, getattr(self, name) + value)

    def describe(self) -> str:
        """One line for people."""
        return _(
            "{hubs} hubs, {students} students, {contacts} contacts, {ensembles} ensembles, "
            "{enrollments} enrollments, {sessions} sessions, {marks} attendance marks "
            "in {seconds:.1f} s ({cpu_seconds:.1f} s CPU)"
        ).format(**asdict(self))


# -- the word lists -----------------------------------------------------------------------

_HUB_PLACES: tuple[tuple[str, str, str, str], ...] = (
    # name, partner kind, partner, street
    ("Hollenbeck Park", "park", "City of Los Angeles Recreation and Parks", "St. Louis St"),
    ("MacArthur Park", "park", "City of Los Angeles Recreation and Parks", "Park View St"),
    ("Westlake Elementary", "school", "Los Angeles Unified School District", "Alvarado St"),
    ("Lafayette Park", "park", "City of Los Angeles Recreation and Parks", "Commonwealth Ave"),
    ("Exposition Park", "park", "City of Los Angeles Recreation and Parks", "Menlo Ave"),
    ("Watts Arts Center", "community centre", "Watts Community Arts Collective", "107th St"),
    ("Echo Park Lake", "park", "City of Los Angeles Recreation and Parks", "Glendale Blvd"),
    ("Highland Park Community Center", "community centre", "Arroyo Seco Neighbors", "Figueroa St"),
    ("Pacoima Middle School", "school", "Los Angeles Unified School District", "Van Nuys Blvd"),
    ("Lincoln Park", "park", "City of Los Angeles Recreation and Parks", "Mission Rd"),
    ("Rancho Cienega", "park", "City of Los Angeles Recreation and Parks", "Rodeo Rd"),
    ("Hollywood Elementary", "school", "Los Angeles Unified School District", "Wilton Pl"),
    ("Inglewood Crenshaw Academy", "school", "Inglewood Unified School District", "Crenshaw Blvd"),
    ("South Gate Park", "park", "City of South Gate Parks", "Tweedy Blvd"),
    ("Wilmington Harbor Center", "community centre", "Harbor Area Youth Alliance", "Avalon Blvd"),
    (
        "Van Nuys Sherman Oaks Park",
        "park",
        "City of Los Angeles Recreation and Parks",
        "Van Nuys Blvd",
    ),
    (
        "Boyle Heights Arts Academy",
        "school",
        "Los Angeles Unified School District",
        "Cesar Chavez Ave",
    ),
    ("Cypress Park", "park", "City of Los Angeles Recreation and Parks", "Cypress Ave"),
    ("Pico-Union Youth Center", "community centre", "Pico-Union Families Network", "Pico Blvd"),
    (
        "Venice Beach Rec Center",
        "park",
        "City of Los Angeles Recreation and Parks",
        "Ocean Front Walk",
    ),
)


def email_part(*names: str) -> str:
    """The ASCII transliteration of names for an email's local part: accents dropped,
    never the letter ("Joaquín Núñez-Ruiz" → "joaquin.nunezruiz")."""
    parts = []
    for name in names:
        bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        parts.append("".join(ch for ch in bare.lower() if ch.isalnum()))
    return ".".join(p for p in parts if p)


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one ``|``-separated string."""
    return tuple(text.split("|"))


_FIRST_ES = _words(
    "Sofía|Valentina|Camila|Ximena|Mariana|Lucía|Daniela|Guadalupe|Itzel|Renata|Paola|Jimena|"
    "Fernanda|Alejandra|Esmeralda|Yesenia|Mateo|Santiago|Diego|Emiliano|Leonardo|Sebastián|"
    "Alejandro|Ángel|Jesús|Miguel|José|Luis|Carlos|Fernando|Adrián|Joaquín|Iker|Julián|"
    "Rafael|Tomás"
)
_FIRST_EN = _words(
    "Emma|Olivia|Ava|Mia|Chloe|Grace|Hannah|Zoe|Maya|Layla|Aaliyah|Nevaeh|Brianna|Jasmine|"
    "Madison|Naomi|Liam|Noah|Elijah|Ethan|Jayden|Isaiah|Caleb|Aiden|Dylan|Jordan|Marcus|"
    "Andre|Tyler|Kevin|Brandon|Jacob"
)
_FIRST_OTHER = _words("Min-jun|Ji-woo|Nareh|Aram|Thanh|Linh|Rizal|Mabel|Tigran|Hana")
_LAST_ES = _words(
    "García|Hernández|López|Martínez|González|Rodríguez|Pérez|Sánchez|Ramírez|Flores|Cruz|"
    "Morales|Reyes|Gutiérrez|Ortiz|Castillo|Chávez|Ramos|Vásquez|Mendoza|Romero|Herrera|"
    "Medina|Aguilar|Jiménez|Ruiz|Álvarez|Torres|Domínguez|Navarro|Salazar|Cervantes|Núñez|Peña"
)
_LAST_EN = _words(
    "Johnson|Williams|Brown|Jones|Davis|Miller|Wilson|Moore|Taylor|Anderson|Thomas|Jackson|"
    "White|Harris|Thompson|Robinson|Walker|Young|Allen|King|Wright|Scott|Green|Baker"
)
_LAST_OTHER = _words("Kim|Park|Nguyen|Tran|Santos|Reyes-Cruz|Petrosyan|Sarkisian")
#: Women's first names of the lists above (the lists give women's names first); a
#: Mother, Grandmother or Aunt gets one of these, a Father, Grandfather or Uncle another.
_WOMEN_FIRST = frozenset(_FIRST_ES[:16] + _FIRST_EN[:16] + ("Nareh", "Linh", "Mabel", "Hana"))
_MEN_FIRST = frozenset(_FIRST_ES[16:] + _FIRST_EN[16:] + ("Min-jun", "Aram", "Rizal", "Tigran"))
_WOMEN_RELATIONSHIPS = frozenset(("Mother", "Grandmother", "Aunt"))
_MEN_RELATIONSHIPS = frozenset(("Father", "Grandfather", "Uncle"))


def fits(first: str, relationship: str) -> bool:
    """Whether a generated first name suits a relationship (no "Leonardo, Mother")."""
    if relationship in _WOMEN_RELATIONSHIPS:
        return first not in _MEN_FIRST
    if relationship in _MEN_RELATIONSHIPS:
        return first not in _WOMEN_FIRST
    return True


_NICKNAMES = {
    "Alejandro": "Alex",
    "Alejandra": "Ale",
    "Guadalupe": "Lupe",
    "Fernanda": "Fer",
    "Sebastián": "Sebas",
    "Leonardo": "Leo",
    "Santiago": "Santi",
    "Valentina": "Vale",
    "Daniela": "Dani",
    "Jacob": "Jake",
    "Elijah": "Eli",
    "Brandon": "Bran",
    "Jesús": "Chuy",
    "José": "Pepe",
    "Emiliano": "Emi",
}
_SCHOOL_WORDS = _words(
    "Jacaranda|Sycamore|Arroyo|Vermont Avenue|Olympic|Figueroa|Sunset|Mariposa|Los Feliz|"
    "Crenshaw|Magnolia|Hoover|Catalina|Palm Grove|Bonnie Brae|Las Palmas|Oak Terrace|"
    "San Pedro Street|Mulholland|Cabrillo"
)
_TEACHER_FIRST = _words(
    "Ana|Roberto|Claire|David|Elena|Marcus|Sun-hee|Javier|Priya|Omar|Rebecca|Tomás|Lauren|"
    "Hector|Monique|Isaac"
)
_PERFORMANCE_VENUES = _words(
    "Grand Park bandshell|Ford Amphitheatre (community day)|City Hall rotunda|"
    "Central Library auditorium|Plaza de la Raza courtyard|Union Station forecourt"
)
_VOLUNTEER_ORGS = _words(
    "Echo Park Recording Co. (demo)|Westside Session Players (demo)|"
    "Film Scoring Collective (demo)|Harbor Jazz Society (demo)|Eastside Records (demo)|"
    "Sunset Sound Lab (demo)|Freelance musician"
)
_VOLUNTEER_SKILLS = _words(
    "Sectionals, bowing|Reading rhythms, percussion technique|Choir warm-ups, sight-singing|"
    "Brass embouchure, tone|Music technology, recording|Mentoring high schoolers"
)
#: Default clearance kinds (code, months valid) as the store seeds them.
_CLEARANCES = (("background", 0), ("tb", 48), ("safeguarding", 12), ("agreement", 0))
_MASTERCLASS_TITLES = _words(
    "Bowing and phrasing|Playing in a section|Rhythm from the drum kit up|"
    "Breath and tone for winds|Improvising on the blues|Film music: playing to picture"
)
_GUEST_ARTISTS = _words(
    "Dana Whitfield (demo guest)|Marisol Quintero (demo guest)|Theo Nakamura (demo guest)|"
    "Ruth Adeyemi (demo guest)|Gabriel Soto (demo guest)"
)
_FAMILY_TITLES: dict[FamilyEventKind, tuple[str, ...]] = {
    FamilyEventKind.FAMILY_NIGHT: _words("Fall family night|Family music night|Meet the ensembles"),
    FamilyEventKind.PARENT_WORKSHOP: _words(
        "Parent workshop: practising at home|Parent workshop: caring for an instrument"
    ),
}
_ABSENCE_REASONS = _words(
    "Sick|Doctor appointment|Family emergency|School event|Religious observance|Out of town"
)
_LATE_REASONS = _words("||Bus late|Traffic|School ran late|Tutoring")
_WITHDRAW_REASONS = _words(
    "Family moved away|Schedule conflict with sports|Transportation|Lost interest|"
    "Family request|Changed schools"
)
_ALLERGIES = _words(
    "Peanut allergy — EpiPen in backpack|Bee sting allergy|Tree nut allergy|"
    "Lactose intolerant|Shellfish allergy"
)
_MEDICAL = _words(
    "Asthma — inhaler in backpack|Type 1 diabetes — may need a snack|"
    "Wears glasses; sit near the front|Seizure plan on file with site lead|"
    "Hearing aid (left ear)"
)
_CUSTODY = _words(
    "Not authorized to pick up — court order on file|"
    "Supervised visits only; do not release student|"
    "No contact with student per custody agreement"
)

_INSTRUMENTS: tuple[tuple[str, str, int], ...] = (
    # instrument, family, weight
    ("Violin", "strings", 26),
    ("Viola", "strings", 8),
    ("Cello", "strings", 12),
    ("Double bass", "strings", 4),
    ("Flute", "winds", 7),
    ("Clarinet", "winds", 7),
    ("Oboe", "winds", 2),
    ("Bassoon", "winds", 1),
    ("Saxophone", "winds", 3),
    ("Trumpet", "winds", 6),
    ("Trombone", "winds", 4),
    ("French horn", "winds", 3),
    ("Tuba", "winds", 1),
    ("Percussion", "percussion", 9),
    ("Voice", "voice", 7),
)
_GRADE_WEIGHTS = (8, 9, 10, 10, 10, 9, 8, 7, 7, 6, 5, 5, 4)  # K, 1 … 12


@dataclass(frozen=True)
class _EnsembleTemplate:
    name: str
    level: str
    family: str  # general, strings, winds, percussion, voice, orchestra
    grades: tuple[int, int]
    slots: tuple[tuple[int, str, str], ...]  # weekday, start, end
    capacity: int
    popular: bool = False
    next_level: str = ""


#: In the order a hub gets them: a small hub has the first few.
_ENSEMBLES: tuple[_EnsembleTemplate, ...] = (
    _EnsembleTemplate(
        "Musicianship K-1",
        "Musicianship",
        "general",
        (0, 1),
        ((0, "15:00", "16:00"), (2, "15:00", "16:00")),
        25,
        popular=True,
        next_level="Musicianship 2-3",
    ),
    _EnsembleTemplate(
        "Beginning Strings",
        "Beginning",
        "strings",
        (2, 6),
        ((0, "16:15", "17:45"), (2, "16:15", "17:45")),
        30,
        popular=True,
        next_level="Intermediate Strings",
    ),
    _EnsembleTemplate(
        "Youth Orchestra",
        "Advanced",
        "orchestra",
        (6, 12),
        ((1, "17:30", "19:30"), (5, "10:00", "12:30")),
        60,
        popular=True,
    ),
    _EnsembleTemplate(
        "Musicianship 2-3",
        "Musicianship",
        "general",
        (2, 3),
        ((1, "15:00", "16:15"), (3, "15:00", "16:15")),
        25,
        next_level="Beginning Strings",
    ),
    _EnsembleTemplate(
        "Beginning Winds",
        "Beginning",
        "winds",
        (3, 7),
        ((1, "16:15", "17:45"), (3, "16:15", "17:45")),
        30,
        next_level="Intermediate Winds",
    ),
    _EnsembleTemplate(
        "Children's Choir", "All levels", "voice", (2, 6), ((4, "15:30", "17:00"),), 40
    ),
    _EnsembleTemplate(
        "Intermediate Strings",
        "Intermediate",
        "strings",
        (5, 9),
        ((0, "17:45", "19:15"), (3, "17:45", "19:15")),
        30,
        next_level="Youth Orchestra",
    ),
    _EnsembleTemplate(
        "Percussion Ensemble", "Beginning", "percussion", (3, 12), ((5, "09:00", "11:00"),), 20
    ),
    _EnsembleTemplate(
        "Intermediate Winds",
        "Intermediate",
        "winds",
        (6, 10),
        ((0, "17:45", "19:15"), (2, "17:45", "19:15")),
        30,
        next_level="Youth Orchestra",
    ),
    _EnsembleTemplate(
        "Youth Choir", "Intermediate", "voice", (7, 12), ((3, "17:00", "18:30"),), 40
    ),
)

_BY_NAME = {tpl.name: tpl for tpl in _ENSEMBLES}

_LA = "America/Los_Angeles"


def _la_zone() -> dt.tzinfo:
    try:
        return ZoneInfo(_LA)
    except ZoneInfoNotFoundError:  # Windows without the tzdata package
        return dt.timezone(dt.timedelta(hours=-8), "PST")


R = TypeVar("R", bound=SyncedRow)


class _FastRows:
    """Builds table-model instances without per-field instrumentation events.

    ``Model(**values)`` runs a SQLAlchemy ``set`` event for every field (about 60 µs a
    row), which dominates generating hundreds of thousands of marks. Rows built here are
    the same transient objects (tests compare ``model_dump()`` with the normal
    constructor) and are only ever given to :meth:`ChangeWriter.insert_many`, which reads
    their attributes and inserts them with a Core ``INSERT``; never ``session.add`` them.
    """

    def __init__(self) -> None:
        configure_mappers()
        self._defaults: dict[type[SyncedRow], dict[str, Any]] = {}

    def make(self, model: type[R], **values: Any) -> R:
        """A new ``model`` row holding ``values`` and the defaults of the other fields."""
        defaults = self._defaults.get(model)
        if defaults is None:
            defaults = {
                name: info.default
                for name, info in model.model_fields.items()
                if info.default is not PydanticUndefined
            }
            self._defaults[model] = defaults
        row: R = model._sa_class_manager.new_instance()  # type: ignore[attr-defined]
        state = row.__dict__
        state.update(defaults)
        state.update(values)
        object.__setattr__(row, "__pydantic_fields_set__", set(values))
        return row


# -- calendar -----------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) ``weekday`` of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holidays(year: int) -> dict[dt.date, str]:
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    return {
        _nth_weekday(year, 1, 0, 3): "Holiday: Martin Luther King Jr. Day",
        _nth_weekday(year, 2, 0, 3): "Holiday: Presidents' Day",
        dt.date(year, 3, 31): "Holiday: César Chávez Day",
        _nth_weekday(year, 5, 0, -1): "Holiday: Memorial Day",
        _nth_weekday(year, 9, 0, 1): "Holiday: Labor Day",
        dt.date(year, 11, 11): "Holiday: Veterans Day",
        thanksgiving: "Holiday: Thanksgiving",
        thanksgiving + dt.timedelta(days=1): "Holiday: Thanksgiving",
        thanksgiving + dt.timedelta(days=2): "Holiday: Thanksgiving",
    }


def _academic_year(day: dt.date) -> int:
    """The calendar year an academic year (August to June) starts in."""
    return day.year if day.month >= 8 else day.year - 1


def _in_term(day: dt.date) -> bool:
    """Programme weeks: late August to mid-June, minus winter and spring break."""
    md = (day.month, day.day)
    if (6, 13) <= md <= (8, 24):
        return False
    if md >= (12, 20) or md <= (1, 4):
        return False
    spring = _nth_weekday(day.year, 3, 0, -1)  # the week from the last Monday of March
    return not spring <= day < spring + dt.timedelta(days=7)


def _grade_label(grade: int) -> str:
    """A grade as the app stores it: "K" for kindergarten (0), then "1" to "12"."""
    return "K" if grade == 0 else str(grade)


def _hhmm(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _shift(t: dt.time, minutes: int) -> dt.time:
    total = max(0, min(23 * 60 + 59, t.hour * 60 + t.minute + minutes))
    return dt.time(total // 60, total % 60)


# -- one hub ------------------------------------------------------------------------------


@dataclass
class _Kid:
    row: Student
    family: str
    grade: int
    present_rate: float
    late_rate: float
    excused_share: float


@dataclass
class _Seat:
    """An enrollment as the register sees it: who was in which ensemble when."""

    student: _Kid
    start: dt.date
    end: dt.date | None  # first day no longer enrolled


@dataclass
class _Stint:
    """One ensemble of a student's history, before it is written as an enrollment."""

    tpl: _EnsembleTemplate
    start: dt.date
    end: dt.date | None = None  # first day no longer enrolled
    status: EnrollmentStatus = EnrollmentStatus.ENROLLED
    reason: str = ""


@dataclass
class _Service:
    """When a volunteer serves: from ``start`` (their first possible shift) to ``end``
    (their last day, for one who left), with one ensemble or the whole hub."""

    n: int  # the volunteer's place in the hub's list (the special cases go by it)
    volunteer: Volunteer
    ensemble: Ensemble | None
    start: dt.date
    end: dt.date | None


class _HubBuilder:
    """Generates every row of one demo hub, parents before children."""

    def __init__(
        self,
        *,
        index: int,
        seed: int,
        students: int,
        today: dt.date,
        years: int,
        place: int | None = None,
        staff_emails: set[str] | None = None,
    ) -> None:
        self.index = index
        #: staff emails already given in this programme (each person has their own)
        self.staff_emails = staff_emails if staff_emails is not None else set()
        #: which of the hub places this hub takes (so a second demo gets other names)
        self.place = index if place is None else place
        self.rng = random.Random(f"harmony-demo:{seed}:{index}")
        self.n_students = students
        self.today = today
        self.window_start = today - dt.timedelta(days=round(365.25 * years))
        self.zone = _la_zone()
        self.rows: list[SyncedRow] = []
        self.counts: dict[str, int] = {}
        self._district_seq = 0
        self._phone_seq = self.rng.randrange(100)
        self._kid_status: dict[str, set[EnrollmentStatus]] = {}
        self._seated: set[tuple[str, str]] = set()
        #: ensemble name -> the hub's ensembles a student may move up to it from
        self._below: dict[str, tuple[list[_EnsembleTemplate], list[_EnsembleTemplate]]] = {}
        #: ensemble id -> students enrolled in it today (capacity applies to these)
        self._enrolled_now: defaultdict[str, int] = defaultdict(int)
        self.fast = _FastRows()

    # -- helpers ---------------------------------------------------------------------

    def _id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _add(self, row: SyncedRow, counter: str) -> None:
        self.rows.append(row)
        self.counts[counter] = self.counts.get(counter, 0) + 1

    def _phone(self) -> str:
        # 555-0100 … 555-0199 is reserved for fiction in every North American area code.
        self._phone_seq += 1
        area = self.rng.choice(("213", "323", "310", "818", "562", "626"))
        return f"({area}) 555-01{self._phone_seq % 100:02d}"

    def _day_between(self, first: dt.date, last: dt.date) -> dt.date:
        span = max(0, (last - first).days)
        return first + dt.timedelta(days=self.rng.randint(0, span))

    # -- the build -------------------------------------------------------------------

    def build(self) -> tuple[list[SyncedRow], dict[str, int]]:
        """Return the hub's rows in insert order, and their counts by kind."""
        self._hub_and_staff()
        self._ensembles()
        kids = self._students()
        seats = self._enrollments(kids)
        self._sessions_and_marks(seats)
        self._volunteers_and_events(kids, seats)
        return self.rows, self.counts

    def _hub_and_staff(self) -> None:
        place, kind, partner, street = _HUB_PLACES[self.place % len(_HUB_PLACES)]
        name = place if self.place < len(_HUB_PLACES) else f"{place} {self.place + 1}"
        self.hub = Hub(
            id=self._id(),
            name=name,
            address=f"{self.rng.randint(100, 4999)} {street}, Los Angeles, CA "
            f"900{self.rng.randint(10, 99)}",
            partner=partner,
            partner_kind=kind,
            timezone=_LA,
        )
        self.hub.hub_id = self.hub.id
        self._add(self.hub, "hubs")
        n_ens = max(3, min(len(_ENSEMBLES), round(self.n_students / 20)))
        self.templates = _ENSEMBLES[:n_ens]
        self.site_lead = self._staff(StaffRole.SITE_LEAD)
        self.teachers = [self._staff(StaffRole.TEACHER) for _n in range(max(2, n_ens // 2 + 1))]

    def _staff(self, role: StaffRole) -> Staff:
        first = self.rng.choice(_TEACHER_FIRST)
        last = self.rng.choice(_LAST_ES + _LAST_EN)
        # Two teachers of one name at two hubs happen in a real programme; their emails
        # tell them apart, as a programme office gives the second one "ana.garcia2".
        local = email_part(first, last)
        email, n = f"{local}@harmony-demo.example.org", 1
        while email in self.staff_emails:
            n += 1
            email = f"{local}{n}@harmony-demo.example.org"
        self.staff_emails.add(email)
        row = Staff(
            id=self._id(),
            hub_id=self.hub.id,
            name=f"{first} {last}",
            role=role.value,
            email=email,
            phone=self._phone(),
            hubs=json.dumps([self.hub.id]),
        )
        self._add(row, "staff")
        return row

    def _ensembles(self) -> None:
        self.ensembles: list[tuple[Ensemble, _EnsembleTemplate]] = []
        ay_now = _academic_year(self.today)
        first_day = dt.date(_academic_year(self.window_start), 8, 25)
        last_day = dt.date(ay_now + 1, 6, 12)
        for i, tpl in enumerate(self.templates):
            teacher = self.teachers[i % len(self.teachers)]
            row = Ensemble(
                id=self._id(),
                hub_id=self.hub.id,
                name=tpl.name,
                level=tpl.level,
                instrument_family=tpl.family,
                schedule=json.dumps(
                    [{"weekday": w, "start": s, "end": e} for w, s, e in tpl.slots]
                ),
                capacity=tpl.capacity,
                teacher_id=teacher.id,
                first_day=first_day,
                last_day=last_day,
                location=self.rng.choice(("Room 1", "Room 2", "Gym", "Auditorium", "Room 4")),
                grade_min=_grade_label(tpl.grades[0]),
                grade_max=_grade_label(tpl.grades[1]),
            )
            self._add(row, "ensembles")
            self.ensembles.append((row, tpl))
        self.by_name = {tpl.name: row for row, tpl in self.ensembles}
        self.by_template = {tpl.name: tpl for _row, tpl in self.ensembles}

    def _name(self, spanish_home: bool) -> tuple[str, str]:
        roll = self.rng.random()
        if spanish_home:
            first = self.rng.choice(_FIRST_ES if roll < 0.75 else _FIRST_EN)
            last = self.rng.choice(_LAST_ES)
        elif roll < 0.12:
            first, last = self.rng.choice(_FIRST_OTHER), self.rng.choice(_LAST_OTHER)
        else:
            first = self.rng.choice(_FIRST_EN if roll < 0.8 else _FIRST_ES)
            last = self.rng.choice(_LAST_EN if roll < 0.7 else _LAST_ES)
        return first, last

    def _name_for(self, spanish_home: bool, relationship: str) -> tuple[str, str]:
        """A name (as :meth:`_name`) whose first name suits ``relationship``."""
        first, last = self._name(spanish_home)
        while not fits(first, relationship):
            first, last = self._name(spanish_home)
        return first, last

    def _students(self) -> list[_Kid]:
        rng = self.rng
        ay = _academic_year(self.today)
        schools = {
            "elementary": [f"{w} Elementary" for w in rng.sample(_SCHOOL_WORDS, 3)],
            "middle": [f"{w} Middle School" for w in rng.sample(_SCHOOL_WORDS, 2)],
            "high": [f"{w} High School" for w in rng.sample(_SCHOOL_WORDS, 1)],
        }
        instruments = [i for i, _f, _w in _INSTRUMENTS]
        families = {i: f for i, f, _w in _INSTRUMENTS}
        weights = [w for _i, _f, w in _INSTRUMENTS]
        kids: list[_Kid] = []
        for _n in range(self.n_students):
            grade = rng.choices(range(13), weights=_GRADE_WEIGHTS)[0]
            lang_roll = rng.random()
            if lang_roll < 0.62:
                home, guardian_lang = "Spanish", ("Spanish" if rng.random() < 0.75 else "English")
            elif lang_roll < 0.92:
                home = guardian_lang = "English"
            else:
                home = rng.choice(("Korean", "Tagalog", "Armenian", "Vietnamese"))
                guardian_lang = home if rng.random() < 0.6 else "English"
            first, last = self._name(home == "Spanish")
            if rng.random() < 0.15 and home == "Spanish":
                last = f"{last} {rng.choice(_LAST_ES)}"
            # Born so that the student is in ``grade`` this academic year (cut-off Sept 1).
            born = self._day_between(dt.date(ay - 6 - grade, 9, 2), dt.date(ay - 5 - grade, 9, 1))
            if grade <= 1:
                instrument, family = "", "general"
            else:
                instrument = rng.choices(instruments, weights=weights)[0]
                family = families[instrument]
            band = "elementary" if grade <= 5 else "middle" if grade <= 8 else "high"
            self._district_seq += 1
            chronic = rng.random() < 0.10
            row = Student(
                id=self._id(),
                hub_id=self.hub.id,
                legal_first_name=first,
                legal_last_name=last,
                preferred_name=_NICKNAMES.get(first, "") if rng.random() < 0.5 else "",
                date_of_birth=born,
                grade=_grade_label(grade),
                grade_year=year_label_of(self.today),  # today's grades: this year's
                school=rng.choice(schools[band]),
                district_student_id=f"9{self.index:02d}{self._district_seq:07d}",
                # the state's id (10 digits, synthetic); one student in ten has none yet,
                # as new enrolments often do (no random draw: the rest stays as it was)
                statewide_student_id=(
                    ""
                    if self._district_seq % 10 == 0
                    else f"7{self.index:02d}{self._district_seq:07d}"
                ),
                home_language=home,
                guardian_language=guardian_lang,
                instrument=instrument,
                level=(
                    "Musicianship"
                    if grade <= 1
                    else "Beginning"
                    if grade <= 5
                    else rng.choice(("Beginning", "Intermediate", "Advanced"))
                ),
                medical_notes=rng.choice(_MEDICAL) if rng.random() < 0.05 else "",
                allergy_notes=rng.choice(_ALLERGIES) if rng.random() < 0.07 else "",
                photo_consent=rng.random() < 0.88,
                may_walk_home=(grade >= 6 and rng.random() < 0.55)
                or (grade in (4, 5) and rng.random() < 0.1),
                status=StudentStatus.ACTIVE.value,
            )
            self._add(row, "students")
            self._contacts(row, home, guardian_lang)
            kids.append(
                _Kid(
                    row=row,
                    family=family,
                    grade=grade,
                    present_rate=rng.uniform(0.55, 0.82) if chronic else rng.uniform(0.92, 0.985),
                    late_rate=rng.uniform(0.06, 0.15) if rng.random() < 0.3 else 0.02,
                    excused_share=0.25 if chronic else 0.5,
                )
            )
        return kids

    def _contacts(self, student: Student, home: str, language: str) -> None:
        rng = self.rng
        spanish = home == "Spanish"
        guardian_last = student.legal_last_name.split(" ")[0]
        relationship = rng.choices(
            ("Mother", "Father", "Grandmother", "Aunt", "Legal guardian"), weights=(60, 25, 8, 4, 3)
        )[0]
        firsts = _FIRST_ES if spanish else _FIRST_EN + _FIRST_ES
        guardian_first = rng.choice([f for f in firsts if fits(f, relationship)])
        contacts = [
            Contact(
                id=self._id(),
                hub_id=self.hub.id,
                student_id=student.id,
                name=f"{guardian_first} {guardian_last}",
                relationship=relationship,
                phone=self._phone(),
                phone_alt=self._phone() if rng.random() < 0.4 else "",
                email=f"{email_part(guardian_first)}{rng.randint(1, 99)}@example.org"
                if rng.random() < 0.6
                else "",
                language=language,
                priority=1,
                is_guardian=True,
                is_emergency=True,
                authorized_pickup=True,
            )
        ]
        if rng.random() < 0.75:
            who = rng.choice(
                (
                    "Grandmother",
                    "Grandfather",
                    "Aunt",
                    "Uncle",
                    "Neighbor",
                    "Older sibling",
                    "Father",
                    "Mother",
                )
            )
            is_parent = who in ("Father", "Mother") and who != relationship
            first, last = self._name_for(spanish, who)
            contacts.append(
                Contact(
                    id=self._id(),
                    hub_id=self.hub.id,
                    student_id=student.id,
                    name=f"{first} {guardian_last if is_parent else last}",
                    relationship=who,
                    phone=self._phone(),
                    language=language,
                    priority=2,
                    is_guardian=is_parent,
                    is_emergency=True,
                    authorized_pickup=rng.random() < 0.8,
                )
            )
        if rng.random() < 0.30:
            who = rng.choice(("Older sibling (18+)", "Grandmother", "Aunt", "Family friend"))
            first, _last = self._name_for(spanish, who)
            contacts.append(
                Contact(
                    id=self._id(),
                    hub_id=self.hub.id,
                    student_id=student.id,
                    name=f"{first} {guardian_last}",
                    relationship=who,
                    phone=self._phone(),
                    language=language,
                    priority=3,
                    authorized_pickup=True,
                )
            )
        if rng.random() < 0.025:
            first, _last = self._name_for(spanish, "Father")
            contacts.append(
                Contact(
                    id=self._id(),
                    hub_id=self.hub.id,
                    student_id=student.id,
                    name=f"{first} {guardian_last}",
                    relationship="Father",
                    priority=len(contacts) + 1,
                    authorized_pickup=False,
                    custody_restriction=rng.choice(_CUSTODY),
                )
            )
        for contact in contacts:
            self._add(contact, "contacts")

    # -- enrollments -------------------------------------------------------------------

    def _primary_for(self, kid: _Kid) -> _EnsembleTemplate:
        fits = [tpl for _row, tpl in self.ensembles if tpl.grades[0] <= kid.grade <= tpl.grades[1]]
        for family in (kid.family, "orchestra", "general", "voice"):
            matching = [t for t in fits if t.family == family]
            if family == "orchestra" and kid.family not in ("strings", "winds", "percussion"):
                continue
            if matching:
                return matching[0] if kid.grade <= 6 else matching[-1]
        if fits:
            return fits[0]
        return min(
            (tpl for _r, tpl in self.ensembles),
            key=lambda t: min(abs(kid.grade - t.grades[0]), abs(kid.grade - t.grades[1])),
        )

    def _enrollments(self, kids: list[_Kid]) -> dict[str, list[_Seat]]:
        """Each student's enrollment history, the waitlists, and who is inactive.

        A student's history (:meth:`_stints`) ends in the ensemble that fits their grade
        today; the students already in an ensemble keep their places, so of those
        starting in a full ensemble this year the latest wait for a place, as do about
        one in twenty new applicants. About three in ten also sing or play in a second
        ensemble that fits their grade (:meth:`_second`)."""
        rng = self.rng
        seats: dict[str, list[_Seat]] = {row.id: [] for row, _t in self.ensembles}
        self._below = {tpl.name: self._lower_levels(tpl) for _r, tpl in self.ensembles}
        popular = [row for row, tpl in self.ensembles if tpl.popular]
        # About one student in twenty is a new applicant still waiting for a place; more
        # wait because their ensemble is full (see _seat_history and _enrollment).
        n_waiting = max(len(popular) * 2, self.n_students // 20) if popular else 0
        waiting, enrolled = kids[:n_waiting], kids[n_waiting:]

        histories: list[tuple[_Kid, list[_Stint]]] = []
        for kid in enrolled:
            tpl = self._primary_for(kid)
            second = None
            if rng.random() < 0.3:
                extras = [
                    t
                    for _r, t in self.ensembles
                    if t is not tpl
                    and t.grades[0] <= kid.grade <= t.grades[1]
                    and t.family in ("voice", "percussion", "orchestra")
                ]
                if extras:
                    second = rng.choice(extras)
            histories.append((kid, self._stints(kid, tpl)))
            if second is not None:
                histories.append((kid, self._second(kid, second)))
        # Places go to those longest in the ensemble (a stable sort: ties in list order).
        histories.sort(key=lambda history: history[1][-1].start)
        for kid, stints in histories:
            self._seat_history(kid, stints, seats)
        for position, kid in enumerate(waiting):
            fitting = [
                t
                for _r, t in self.ensembles
                if t.popular and t.grades[0] <= kid.grade <= t.grades[1]
            ]
            tpl = fitting[position % len(fitting)] if fitting else self._primary_for(kid)
            applied = self._day_between(
                self.today - dt.timedelta(days=400), self.today - dt.timedelta(days=3)
            )
            self._enrollment(kid, tpl, applied, EnrollmentStatus.WAITLISTED, None, "", seats)
        for kid in kids:
            kid_seats = self._kid_status.get(kid.row.id, set())
            if kid_seats and not kid_seats & {
                EnrollmentStatus.ENROLLED,
                EnrollmentStatus.WAITLISTED,
            }:
                kid.row.status = StudentStatus.INACTIVE.value
        return seats

    def _grade_in(self, kid: _Kid, year: int) -> int:
        """The student's grade in the academic year starting in ``year`` (K is 0, and
        below 0 the years before they started school)."""
        return kid.grade - (_academic_year(self.today) - year)

    def _next_up(self, tpl: _EnsembleTemplate) -> _EnsembleTemplate | None:
        """The ensemble a student of ``tpl`` moves up to at this hub: its next level, or
        the level after that where this hub has no such ensemble. None at the top."""
        name = tpl.next_level
        while name:
            here = self.by_template.get(name)
            if here is not None:
                return here
            name = _BY_NAME[name].next_level
        return None

    def _lower_levels(
        self, tpl: _EnsembleTemplate
    ) -> tuple[list[_EnsembleTemplate], list[_EnsembleTemplate]]:
        """The hub's ensembles a student may have moved up to ``tpl`` from: those whose
        next level here is ``tpl`` (its line), then the same family's lower ensembles
        and musicianship (for an ensemble no line leads to, such as the choirs, or a
        student who joined an instrument straight from Musicianship K-1)."""
        line = [t for _r, t in self.ensembles if self._next_up(t) is tpl]
        others = [
            t
            for _r, t in self.ensembles
            if t is not tpl
            and t not in line
            and t.grades[0] < tpl.grades[0]
            and t.family in (tpl.family, "general")
        ]
        others.sort(key=lambda t: t.family != tpl.family)
        return line, others

    def _line(
        self, kid: _Kid, tpl: _EnsembleTemplate, since: dt.date
    ) -> list[tuple[_EnsembleTemplate, int]]:
        """The ensembles of the student's history as (ensemble, first academic year in
        it), oldest first, ending with ``tpl`` this year.

        Going back a year at a time from ``tpl``, the student was in an ensemble whose
        grades include theirs that year: the same one, or a lower level of its line
        (they moved up at the end of that year; where both fit, either, at random), as
        far back as ``since``'s year, the year they started kindergarten, or the line's
        lowest level allows."""
        rng = self.rng
        ay_now = _academic_year(self.today)
        floor = max(_academic_year(since), ay_now - kid.grade)
        below = {  # the line first, its branch of the student's family first
            name: [*sorted(line, key=lambda t: t.family != kid.family), *others]
            for name, (line, others) in self._below.items()
        }

        def fits(t: _EnsembleTemplate, year: int) -> bool:
            return t.grades[0] <= self._grade_in(kid, year) <= t.grades[1]

        reach: dict[tuple[str, int], int] = {}

        def earliest(t: _EnsembleTemplate, year: int) -> int:
            """The earliest year a history in ``t`` in ``year`` can go back to."""
            key = (t.name, year)
            if key not in reach:
                reach[key] = min(
                    [earliest(u, year - 1) for u in (t, *below[t.name]) if fits(u, year - 1)]
                    if year > floor
                    else [],
                    default=year,
                )
            return reach[key]

        goal = earliest(tpl, ay_now)
        path = [(tpl, ay_now)]
        for year in range(ay_now - 1, goal - 1, -1):
            current = path[-1][0]
            ways = [
                u
                for u in (current, *below[current.name])
                if fits(u, year) and earliest(u, year) == goal
            ]
            lower = [u for u in ways if u is not current]
            if lower and (current not in ways or rng.random() < 0.5):
                path.append((lower[0], year))
            else:
                path[-1] = (current, year)
        path.reverse()
        return path

    def _intake(self, year: int, spread: int) -> dt.date:
        """A first day in an ensemble at the start of academic year ``year`` (from 25
        August, up to ``spread`` days later), not after two weeks ago this year."""
        day = dt.date(year, 8, 25) + dt.timedelta(days=self.rng.randint(0, spread))
        latest = max(self.today - dt.timedelta(days=14), dt.date(year, 8, 25))
        return min(day, latest, self.today)

    def _stints(self, kid: _Kid, tpl: _EnsembleTemplate) -> list[_Stint]:
        """One student's enrollment history, ending in ``tpl`` (which fits their grade).

        About half joined before the history's window (up to 600 days before it) and
        the others in one of its years; each year they were in an ensemble that fits
        their grade then (:meth:`_line`), and moving up a level closes the earlier
        enrollment at the end of the year (completed, "Moved up to …") and opens the
        next in late August. About one in eight withdrew on a day of the window; of
        those due to move up this year, one in four completed the level in June and did
        not come back."""
        rng = self.rng
        ay_now = _academic_year(self.today)
        w0 = self.window_start
        latest_start = self.today - dt.timedelta(days=14)
        if rng.random() < 0.55:
            since = self._day_between(w0 - dt.timedelta(days=600), w0)
        else:
            intake_year = rng.choice((_academic_year(w0) + 1, ay_now))
            since = dt.date(intake_year, 8, 25) + dt.timedelta(days=rng.randint(0, 40))
            if since > latest_start or since < w0:
                since = self._day_between(w0, latest_start)
        if (6, 1) <= (since.month, since.day) <= (8, 24):  # none join in June or the summer
            since = dt.date(since.year, 8, 25) + dt.timedelta(days=rng.randint(0, 20))
        since = min(since, self.today)
        line = self._line(kid, tpl, since)
        stints = []
        for i, (t, year) in enumerate(line):
            if i == 0 and year == _academic_year(since):
                start = since
            else:
                start = self._intake(year, 40 if i == 0 else 10)
            stints.append(_Stint(t, start))
        for (_t, year), before, after in zip(line[1:], stints, stints[1:], strict=False):
            before.end = dt.date(year, 6, 12)  # the last day of the year before
            before.status = EnrollmentStatus.COMPLETED
            before.reason = _("Moved up to {name}").format(name=after.tpl.name)
        if rng.random() < 0.13:
            left = self._day_between(
                max(stints[0].start, w0) + dt.timedelta(days=30), self.today - dt.timedelta(days=7)
            )
            if left < self.today:
                stints = [s for s in stints if s.start < left]
                last = stints[-1]
                if last.end is not None and left >= last.end:  # before the next level
                    left = self._day_between(last.end, last.end.replace(month=7, day=31))
                last.end, last.status = left, EnrollmentStatus.WITHDRAWN
                last.reason = rng.choice(_WITHDRAW_REASONS)
        elif len(line) > 1 and line[-1][1] == ay_now and rng.random() < 0.25:
            stints.pop()
            stints[-1].reason = _("Completed the level")
        return stints

    def _seat_history(self, kid: _Kid, stints: list[_Stint], seats: dict[str, list[_Seat]]) -> None:
        """Write one student's enrollments. Where the ensemble they would be in now is
        full, one who was to move up into it this year completed the earlier level and
        waits for a place; a newcomer waits for a place (see :meth:`_enrollment`)."""
        last = stints[-1]
        ensemble = self.by_name[last.tpl.name]
        full = last.end is None and self._enrolled_now[ensemble.id] >= ensemble.capacity
        if full and len(stints) > 1 and _academic_year(last.start) == _academic_year(self.today):
            *stints, last = stints
            stints[-1].reason = _("Completed the level")
            finished = stints[-1].end or self.today
            applied = self._day_between(
                finished - dt.timedelta(days=45), self.today - dt.timedelta(days=3)
            )
            for s in stints:
                self._enrollment(kid, s.tpl, s.start, s.status, s.end, s.reason, seats)
            self._enrollment(kid, last.tpl, applied, EnrollmentStatus.WAITLISTED, None, "", seats)
            return
        if full:
            stints = [last]  # new to it (those longest in it came first): waits
        for s in stints:
            self._enrollment(kid, s.tpl, s.start, s.status, s.end, s.reason, seats)

    def _second(self, kid: _Kid, tpl: _EnsembleTemplate) -> list[_Stint]:
        """A second ensemble (a choir, percussion, the orchestra) from the start of this
        year or the last (this year if their grade did not fit it then); about one in
        eight withdrew from it."""
        rng = self.rng
        ay_now = _academic_year(self.today)
        year = rng.choice((_academic_year(self.window_start) + 1, ay_now))
        if self._grade_in(kid, year) < tpl.grades[0]:
            year = ay_now
        stint = _Stint(tpl, self._intake(year, 40))
        left = self.today - dt.timedelta(days=7)
        if rng.random() < 0.13 and stint.start + dt.timedelta(days=30) < left:
            stint.end = self._day_between(stint.start + dt.timedelta(days=30), left)
            stint.status = EnrollmentStatus.WITHDRAWN
            stint.reason = rng.choice(_WITHDRAW_REASONS)
        return [stint]

    def _enrollment(
        self,
        kid: _Kid,
        tpl: _EnsembleTemplate,
        start: dt.date,
        status: EnrollmentStatus,
        end: dt.date | None,
        reason: str,
        seats: dict[str, list[_Seat]],
    ) -> None:
        rng = self.rng
        ensemble = self.by_name[tpl.name]
        if (kid.row.id, ensemble.id) in self._seated:
            return  # already in this ensemble (e.g. moved up into an ensemble they also had)
        self._seated.add((kid.row.id, ensemble.id))
        if status is EnrollmentStatus.ENROLLED:
            if self._enrolled_now[ensemble.id] >= ensemble.capacity:
                # Full: the student waits for a place, as on the real waitlists.
                status = EnrollmentStatus.WAITLISTED
                start = self._day_between(
                    self.today - dt.timedelta(days=300), self.today - dt.timedelta(days=3)
                )
            else:
                self._enrolled_now[ensemble.id] += 1
        self._kid_status.setdefault(kid.row.id, set()).add(status)
        waitlisted = status is EnrollmentStatus.WAITLISTED
        applied_on = start if waitlisted else start - dt.timedelta(days=rng.randint(20, 120))
        was_waitlisted = waitlisted or (tpl.popular and rng.random() < 0.6)
        waitlisted_on = (
            applied_on + dt.timedelta(days=rng.randint(1, 6)) if was_waitlisted else None
        )
        if waitlisted_on is not None and waitlisted_on > self.today - dt.timedelta(days=1):
            waitlisted_on = applied_on
        priority = 100
        if was_waitlisted:
            # Siblings of current students first, then returning families, then everyone.
            priority = rng.choices((10, 50, 100), weights=(2, 3, 10))[0]
        row = Enrollment(
            id=self._id(),
            hub_id=self.hub.id,
            student_id=kid.row.id,
            ensemble_id=ensemble.id,
            status=status.value,
            applied_on=applied_on,
            waitlisted_on=waitlisted_on,
            waitlist_priority=priority,
            enrolled_on=None if waitlisted else start,
            ended_on=end,
            end_reason=reason,
        )
        self._add(row, "enrollments")
        steps: list[tuple[EnrollmentStatus, dt.date, str]] = [
            (EnrollmentStatus.APPLIED, applied_on, "")
        ]
        if waitlisted_on is not None:
            steps.append((EnrollmentStatus.WAITLISTED, waitlisted_on, ""))
        if not waitlisted:
            steps.append((EnrollmentStatus.ENROLLED, start, ""))
        if end is not None:
            steps.append((status, end, reason))
        for step, on, why in steps:
            self._add(
                self.fast.make(
                    EnrollmentEvent,
                    id=self._id(),
                    hub_id=self.hub.id,
                    enrollment_id=row.id,
                    status=step.value,
                    on=on,
                    reason=why,
                    recorded_by=self.site_lead.id,
                ),
                "enrollment_events",
            )
        if not waitlisted:
            seats[ensemble.id].append(_Seat(kid, start, end))

    # -- sessions and the register ------------------------------------------------------

    def _cancellations(self) -> dict[dt.date, str]:
        """Hub-wide closures: holidays, heat and rain days, an emergency closure."""
        rng = self.rng
        closed: dict[dt.date, str] = {}
        for year in range(self.window_start.year, self.today.year + 1):
            closed.update(_holidays(year))
            outdoor = self.hub.partner_kind == "park"
            for _n in range(rng.randint(2, 4) if outdoor else rng.randint(0, 1)):
                closed[self._day_between(dt.date(year, 8, 25), dt.date(year, 10, 15))] = _(
                    "Excessive heat warning — outdoor site closed"
                )
            if outdoor:
                closed[self._day_between(dt.date(year, 1, 10), dt.date(year, 3, 10))] = _(
                    "Heavy rain — park facility closed"
                )
        return closed

    def _sessions_and_marks(self, seats: dict[str, list[_Seat]]) -> None:
        rng = self.rng
        closed = self._cancellations()
        recent = self.today - dt.timedelta(days=14)
        days = (self.today - self.window_start).days + 1
        calendar = [self.window_start + dt.timedelta(days=i) for i in range(days)]
        term_days = [d for d in calendar if _in_term(d)]
        missing_roll_done = False
        for ensemble, tpl in self.ensembles:
            teacher_id = ensemble.teacher_id
            plan: list[tuple[dt.date, dt.time, dt.time, str]] = []
            for day in term_days:
                for weekday, slot_start, slot_end in tpl.slots:
                    if day.weekday() == weekday:
                        plan.append(
                            (day, _hhmm(slot_start), _hhmm(slot_end), SessionKind.REGULAR.value)
                        )
            # A winter and a spring concert each academic year, off-site, in the evening.
            for year in range(_academic_year(self.window_start), _academic_year(self.today) + 1):
                for concert in (
                    dt.date(year, 12, rng.randint(8, 16)),
                    dt.date(year + 1, 5, rng.randint(15, 30)),
                ):
                    if self.window_start <= concert <= self.today:
                        plan.append(
                            (
                                concert,
                                dt.time(18, 0),
                                dt.time(19, 30),
                                SessionKind.PERFORMANCE.value,
                            )
                        )
            plan = sorted(
                {(day, start): (day, start, end, kind) for day, start, end, kind in plan}.values()
            )
            ensemble_seats = sorted(seats[ensemble.id], key=lambda s: s.start)
            starts = [s.start for s in ensemble_seats]
            for day, start, end, kind in plan:
                performance = kind == SessionKind.PERFORMANCE.value
                session = self.fast.make(
                    ClassSession,
                    id=session_id(ensemble.id, day, start),
                    hub_id=self.hub.id,
                    ensemble_id=ensemble.id,
                    date=day,
                    start=start,
                    end=end,
                    kind=kind,
                    on_site=not performance,
                    title=(_("Winter concert") if day.month == 12 else _("Spring concert"))
                    if performance
                    else "",
                    location=rng.choice(_PERFORMANCE_VENUES) if performance else "",
                )
                reason = closed.get(day)
                if reason is None and not performance and rng.random() < 0.004:
                    reason = _("Teacher out sick — no substitute available")
                if day == self.today:
                    session.status = SessionStatus.SCHEDULED.value
                    self._add(session, "sessions")
                    continue
                if reason is not None and not performance:
                    session.status = SessionStatus.CANCELLED.value
                    session.cancel_reason = reason
                    self._add(session, "sessions")
                    continue
                if day >= recent and (not missing_roll_done or rng.random() < 0.12):
                    # Roll not taken yet: the register shows it as missing, not as absent.
                    missing_roll_done = True
                    session.status = SessionStatus.SCHEDULED.value
                    self._add(session, "sessions")
                    continue
                session.status = SessionStatus.HELD.value
                self._add(session, "sessions")
                upto = bisect.bisect_right(starts, day)
                taken = dt.datetime.combine(
                    day, _shift(start, rng.randint(2, 10)), tzinfo=self.zone
                ).astimezone(dt.UTC)
                for seat in ensemble_seats[:upto]:
                    if seat.end is not None and day >= seat.end:
                        continue
                    taken += dt.timedelta(seconds=rng.randint(3, 20))
                    self._mark(
                        session,
                        seat.student,
                        teacher_id,
                        performance,
                        taken.isoformat(timespec="seconds"),
                    )

    def _mark(
        self,
        session: ClassSession,
        kid: _Kid,
        teacher_id: str | None,
        off_site: bool,
        recorded_at: str,
    ) -> None:
        rng = self.rng
        arrival: dt.time | None = None
        departure: dt.time | None = None
        reason = ""
        roll = rng.random()
        if roll < kid.present_rate:
            code = "OS" if off_site else "P"
            second = rng.random()
            if not off_site and second < kid.late_rate:
                code = "L"
                arrival = _shift(session.start, rng.randint(5, 35))
                reason = rng.choice(_LATE_REASONS)
            elif not off_site and second > 0.985:
                code = "LE"
                departure = _shift(session.end, -rng.randint(10, 45))
                reason = rng.choice(EARLY_DEPARTURE_REASONS)
        elif rng.random() < kid.excused_share:
            code = "AE"
            reason = rng.choice(_ABSENCE_REASONS)
        else:
            code = "AU"
        self._add(
            self.fast.make(
                AttendanceMark,
                id=attendance_mark_id(session.id, kid.row.id),
                hub_id=self.hub.id,
                session_id=session.id,
                student_id=kid.row.id,
                code=code,
                arrival_time=arrival,
                departure_time=departure,
                reason=reason,
                recorded_by=teacher_id,
                recorded_at=recorded_at,
            ),
            "marks",
        )

    # -- volunteers, masterclasses, family events, audiences ---------------------------

    def _volunteers_and_events(self, kids: list[_Kid], seats: dict[str, list[_Seat]]) -> None:
        """Volunteers with their clearances (some expiring, one expired), their shifts,
        a masterclass and a family event each term, and the audience of each concert.
        Runs after everything else, so the rows generated before stay the same."""
        self._siblings(kids)
        self._audiences()
        volunteers = self._volunteers()
        self._shifts(volunteers)
        self._masterclasses(seats)
        self._family_events(seats)

    def _siblings(self, kids: list[_Kid]) -> None:
        """Some students share a last name and a guardian (siblings): their first
        guardian becomes the same person, so a family event counts one adult for both."""
        firsts: dict[str, Contact] = {}
        for row in self.rows:
            if isinstance(row, Contact) and row.priority == 1 and row.is_guardian:
                firsts.setdefault(row.student_id, row)
        by_last: defaultdict[str, list[_Kid]] = defaultdict(list)
        for kid in kids:
            by_last[kid.row.legal_last_name].append(kid)
        for group in by_last.values():
            if len(group) < 2 or self.rng.random() > 0.35:
                continue
            elder, younger = group[0], group[1]
            shared, other = firsts.get(elder.row.id), firsts.get(younger.row.id)
            if shared is not None and other is not None:
                other.name, other.phone, other.email = shared.name, shared.phone, shared.email
                other.relationship = shared.relationship

    def _audiences(self) -> None:
        """How many came to each concert that happened."""
        for row in self.rows:
            if (
                isinstance(row, ClassSession)
                and row.kind == SessionKind.PERFORMANCE.value
                and row.status == SessionStatus.HELD.value
            ):
                row.audience_count = self.rng.randint(60, 320)

    def _volunteers(self) -> list[_Service]:
        """Teaching assistants and mentors from the music industry, and their clearances.

        Each volunteer who serves starts on a day of the demo's history: most were
        already serving when it begins, the others joined at the start of a later
        programme year (or part-way through it); one now inactive served for a while and
        left. Their background check, TB test and signed agreement are dated before their
        first shift, and a clearance that expires was renewed before it lapsed, so the
        stored row is the latest one. The special cases: the first volunteer's TB
        clearance expires within the month, the second's expired (the site lead let them
        in since, see :meth:`_shifts`), the third's safeguarding training is expiring,
        and the last is a prospect who has only signed the agreement, still waiting for
        their checks."""
        rng = self.rng
        kinds = {code: (natural_id("clearance_kind", code), months) for code, months in _CLEARANCES}
        made: list[_Service] = []
        count = max(4, self.n_students // 30)
        names: set[tuple[str, str]] = set()
        for n in range(count):
            first = rng.choice(_FIRST_EN + _FIRST_ES)
            last = rng.choice(_LAST_EN + _LAST_ES)
            while (first, last) in names:  # two volunteers of one name confuse everyone
                first = rng.choice(_FIRST_EN + _FIRST_ES)
            names.add((first, last))
            status = VolunteerStatus.ACTIVE
            if n == count - 1:
                status = VolunteerStatus.PROSPECT
            elif n == count - 2 and count > 4:
                status = VolunteerStatus.INACTIVE
            volunteer = Volunteer(
                id=self._id(),
                hub_id=self.hub.id,
                first_name=first,
                last_name=last,
                email=f"{email_part(first)}.volunteer{self.rng.randint(1, 99)}@example.org",
                phone=self._phone(),
                organisation=rng.choice(_VOLUNTEER_ORGS),
                skills=rng.choice(_VOLUNTEER_SKILLS),
                instruments=rng.choice([i for i, _f, _w in _INSTRUMENTS]),
                role=(
                    VolunteerRole.MENTOR if n % 5 == 4 else VolunteerRole.TEACHING_ASSISTANT
                ).value,
                status=status.value,
            )
            self._add(volunteer, "volunteers")
            ensemble = (
                rng.choice([row for row, _t in self.ensembles]) if rng.random() < 0.7 else None
            )
            self._add(
                VolunteerAssignment(
                    id=natural_id(
                        "assignment", volunteer.id, self.hub.id, ensemble.id if ensemble else ""
                    ),
                    hub_id=self.hub.id,
                    volunteer_id=volunteer.id,
                    ensemble_id=ensemble.id if ensemble else None,
                ),
                "volunteer_assignments",
            )
            service = self._service(n, status, volunteer, ensemble)
            for code, (kind_id, months) in kinds.items():
                if status == VolunteerStatus.PROSPECT and code != "agreement":
                    continue  # checks still pending
                done = self._fixed_clearance(n, code, months)
                if done is None:  # a prospect signed the agreement lately
                    done = (
                        self._cleared_on(service, code, months)
                        if service is not None
                        else self.today - dt.timedelta(days=rng.randint(7, 60))
                    )
                self._add(
                    VolunteerClearance(
                        id=natural_id("clearance", volunteer.id, kind_id),
                        hub_id=self.hub.id,
                        volunteer_id=volunteer.id,
                        kind_id=kind_id,
                        done_on=done,
                        expires_on=add_months(done, months) if months else None,
                    ),
                    "clearances",
                )
            if service is not None:
                made.append(service)
        return made

    def _service(
        self, n: int, status: VolunteerStatus, volunteer: Volunteer, ensemble: Ensemble | None
    ) -> _Service | None:
        """When volunteer ``n`` serves: from the history's first weeks (the first two,
        whose TB cases need a long record, and about half the others), or from a day in
        the first months of a later programme year; the inactive one left a few months
        before today. None for a prospect, who has not served yet."""
        if status == VolunteerStatus.PROSPECT:
            return None
        rng = self.rng
        first_year = _academic_year(self.window_start)
        last_join = self.today - dt.timedelta(weeks=3)
        later = [
            year
            for year in range(first_year + 1, _academic_year(self.today) + 1)
            if dt.date(year, 8, 25) <= last_join
        ]
        if n < 2 or status == VolunteerStatus.INACTIVE or not later or rng.random() < 0.5:
            start = self.window_start + dt.timedelta(days=rng.randint(0, 45))
        else:
            year = rng.choice(later)
            start = self._day_between(dt.date(year, 8, 25), min(dt.date(year + 1, 3, 1), last_join))
            # A clearance dated on purpose (the third's training) was done to start:
            # one who would have joined before it joins a few weeks after it.
            for code, months in _CLEARANCES:
                fixed = self._fixed_clearance(n, code, months)
                if fixed is not None and fixed >= start:
                    start = fixed + dt.timedelta(days=rng.randint(3, 30))
        end = None
        if status == VolunteerStatus.INACTIVE:
            end = self._day_between(
                start + dt.timedelta(days=120), self.today - dt.timedelta(days=90)
            )
        return _Service(n, volunteer, ensemble, start, end)

    def _fixed_clearance(self, n: int, code: str, months: int) -> dt.date | None:
        """The day a clearance made on purpose was done: the first volunteer's TB
        clearance expires in 12 days, the second's expired 20 days ago, the third's
        safeguarding training expires in 25 days. None for the others."""
        if code == "tb" and n == 0:
            return add_months(self.today + dt.timedelta(days=12), -months)
        if code == "tb" and n == 1:
            return add_months(self.today - dt.timedelta(days=20), -months)
        if code == "safeguarding" and n == 2:
            return add_months(self.today + dt.timedelta(days=25), -months)
        return None

    def _cleared_on(self, service: _Service, code: str, months: int) -> dt.date:
        """The day a clearance was (last) done: before the volunteer's first day, then
        renewed a few weeks before each expiry while they serve, never expiring within
        the month for an active volunteer (those cases are made on purpose)."""
        rng = self.rng
        lead = (3, 30) if code == "agreement" else (14, 120)
        done = service.start - dt.timedelta(days=rng.randint(*lead))
        if not months:
            return done
        serving_until = service.end or self.today + dt.timedelta(days=EXPIRING_WITHIN_DAYS + 1)
        while add_months(done, months) <= serving_until:
            renewed = add_months(done, months) - dt.timedelta(days=rng.randint(7, 45))
            done = min(renewed, self.today - dt.timedelta(days=rng.randint(1, 14)))
        return done

    def _shifts(self, volunteers: list[_Service]) -> None:
        """From their first day (to their last, for one who left) a volunteer with an
        ensemble comes to most of its held sessions, missing one now and then; one who
        helps the whole hub comes to a session of any ensemble in most weeks.
        They sign in a little before and out a little after; now and then one does not
        come. The volunteer whose TB clearance expired was let in by the site lead since,
        and that is recorded on each of those shifts."""
        rng = self.rng
        held: defaultdict[str, list[ClassSession]] = defaultdict(list)
        for row in self.rows:
            if (
                isinstance(row, ClassSession)
                and row.status == SessionStatus.HELD.value
                and row.kind == SessionKind.REGULAR.value
                and row.date < self.today
            ):
                held[row.ensemble_id].append(row)
        weeks: defaultdict[dt.date, list[ClassSession]] = defaultdict(list)
        for rows in held.values():
            rows.sort(key=lambda r: (r.date, r.start))
            for row in rows:
                weeks[row.date - dt.timedelta(days=row.date.weekday())].append(row)
        any_ensemble = [
            sorted(rows, key=lambda r: (r.date, r.start, r.ensemble_id))
            for _monday, rows in sorted(weeks.items())
        ]
        # The second volunteer's TB clearance holds through this day, expired after it.
        tb_months = dict(_CLEARANCES)["tb"]
        tb_expires = add_months(self._fixed_clearance(1, "tb", tb_months) or self.today, tb_months)
        for service in volunteers:
            if service.ensemble is not None:
                sessions = [
                    s
                    for s in held.get(service.ensemble.id, [])
                    if rng.random() >= 0.12  # not every meeting
                ]
            else:
                sessions = [rng.choice(week) for week in any_ensemble if rng.random() < 0.75]
            for session in sessions:
                if session.date < service.start or (
                    service.end is not None and session.date > service.end
                ):
                    continue
                expired = service.n == 1 and session.date > tb_expires
                if rng.random() < 0.05:
                    status, sign_in, sign_out = ShiftStatus.NO_SHOW, None, None
                else:
                    status = ShiftStatus.ATTENDED
                    sign_in = _shift(session.start, -rng.randint(5, 15))
                    sign_out = _shift(session.end, rng.randint(0, 20))
                recorded = dt.datetime.combine(session.date, session.start, tzinfo=self.zone)
                self._add(
                    self.fast.make(
                        VolunteerShift,
                        id=natural_id("shift", session.id, service.volunteer.id),
                        hub_id=self.hub.id,
                        session_id=session.id,
                        volunteer_id=service.volunteer.id,
                        status=status.value,
                        sign_in=sign_in,
                        sign_out=sign_out,
                        confirmed_by=self.site_lead.id if expired else None,
                        confirmed_at=recorded.astimezone(dt.UTC).isoformat(timespec="seconds")
                        if expired
                        else "",
                        confirmation_note="TB clearance: expired" if expired else "",
                        recorded_by=self.site_lead.id,
                        recorded_at=recorded.astimezone(dt.UTC).isoformat(timespec="seconds"),
                    ),
                    "volunteer_shifts",
                )

    def _term_days(self, month: int, weekday: int, nth: int) -> list[dt.date]:
        """The ``nth`` ``weekday`` of ``month`` in every academic year of the window."""
        days = []
        for year in range(_academic_year(self.window_start), _academic_year(self.today) + 1):
            day = _nth_weekday(year + (month < 8), month, weekday, nth)
            if self.window_start <= day <= self.today + dt.timedelta(days=30):
                days.append(day)
        return days

    def _masterclasses(self, seats: dict[str, list[_Seat]]) -> None:
        """A masterclass each term (November, March) with a guest artist, hosted by the
        most advanced ensemble and inviting two others; its roll is taken."""
        rng = self.rng
        if len(self.ensembles) < 2:
            return
        host = self.ensembles[-1][0]
        guests = [row for row, _t in self.ensembles[:-1]]
        taken = {row.id for row in self.rows if isinstance(row, ClassSession)}
        for day in self._term_days(11, 3, 2) + self._term_days(3, 3, 2):
            start, end = dt.time(17, 15), dt.time(18, 45)
            sid = session_id(host.id, day, start)
            if sid in taken:
                continue
            invited = rng.sample(guests, min(2, len(guests)))
            past = day < self.today
            session = self.fast.make(
                ClassSession,
                id=sid,
                hub_id=self.hub.id,
                ensemble_id=host.id,
                date=day,
                start=start,
                end=end,
                kind=SessionKind.MASTERCLASS.value,
                title=rng.choice(_MASTERCLASS_TITLES),
                guest_artist=rng.choice(_GUEST_ARTISTS),
                location=host.location,
                status=(SessionStatus.HELD if past else SessionStatus.SCHEDULED).value,
            )
            self._add(session, "sessions")
            for ensemble in invited:
                self._add(
                    SessionInvitation(
                        id=natural_id("invitation", sid, "ensemble", ensemble.id),
                        hub_id=self.hub.id,
                        session_id=sid,
                        ensemble_id=ensemble.id,
                    ),
                    "invitations",
                )
            if not past:
                continue
            present: dict[str, _Kid] = {}
            for ensemble in [host, *invited]:
                for seat in seats.get(ensemble.id, []):
                    if seat.start <= day and (seat.end is None or day < seat.end):
                        present[seat.student.row.id] = seat.student
            taken_at = dt.datetime.combine(day, start, tzinfo=self.zone).astimezone(dt.UTC)
            for kid in present.values():
                self._mark(
                    session, kid, self.site_lead.id, False, taken_at.isoformat(timespec="seconds")
                )

    def _family_events(self, seats: dict[str, list[_Seat]]) -> None:
        """A family night each fall and a parent workshop each spring; about a third of
        the families come, siblings' guardian once, and a few walk-ins."""
        rng = self.rng
        guardians: defaultdict[str, list[Contact]] = defaultdict(list)
        for row in self.rows:
            if isinstance(row, Contact) and row.is_guardian:
                guardians[row.student_id].append(row)
        plan = [(day, FamilyEventKind.FAMILY_NIGHT) for day in self._term_days(10, 3, 3)]
        plan += [(day, FamilyEventKind.PARENT_WORKSHOP) for day in self._term_days(4, 3, 3)]
        for day, kind in sorted(plan):
            event = FamilyEvent(
                id=self._id(),
                hub_id=self.hub.id,
                title=rng.choice(_FAMILY_TITLES[kind]),
                kind=kind.value,
                date=day,
                start=dt.time(18, 0),
                end=dt.time(19, 30),
                location=rng.choice(("Gym", "Auditorium", "Room 1")),
            )
            self._add(event, "family_events")
            if day >= self.today:
                continue
            enrolled = {
                seat.student.row.id
                for rows in seats.values()
                for seat in rows
                if seat.start <= day and (seat.end is None or day < seat.end)
            }
            people: defaultdict[tuple[str, str], list[Contact]] = defaultdict(list)
            for student_id in sorted(enrolled):
                for contact in guardians.get(student_id, []):
                    people[(contact.name, contact.phone or contact.id)].append(contact)
            recorded = dt.datetime.combine(day, dt.time(18, 10), tzinfo=self.zone)
            at = recorded.astimezone(dt.UTC).isoformat(timespec="seconds")
            for members in people.values():
                if rng.random() > (0.35 if members[0].priority == 1 else 0.1):
                    continue
                key = min(c.id for c in members)
                for contact in members:
                    self._add(
                        FamilyAttendance(
                            id=natural_id("family", event.id, contact.id),
                            hub_id=self.hub.id,
                            event_id=event.id,
                            contact_id=contact.id,
                            student_id=contact.student_id,
                            adult_key=key,
                            attended=True,
                            recorded_by=self.site_lead.id,
                            recorded_at=at,
                        ),
                        "family_attendance",
                    )
            for _n in range(rng.randint(2, 5)):
                key = self._id()
                who = rng.choice(("Grandmother", "Uncle", "Neighbor", "Aunt"))
                first, last = self._name_for(rng.random() < 0.6, who)
                for_student = (
                    rng.choice(sorted(enrolled)) if enrolled and rng.random() < 0.7 else None
                )
                self._add(
                    FamilyAttendance(
                        id=natural_id("walk_in", key, for_student or ""),
                        hub_id=self.hub.id,
                        event_id=event.id,
                        student_id=for_student,
                        adult_key=key,
                        name=f"{first} {last}",
                        relationship=who,
                        attended=True,
                        recorded_by=self.site_lead.id,
                        recorded_at=at,
                    ),
                    "family_attendance",
                )


# -- public API ---------------------------------------------------------------------------


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` uneven sizes (hubs differ) that sum exactly."""
    weights = [rng.uniform(0.7, 1.3) for _n in range(parts)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


def generate_demo(
    store: Store,
    *,
    hubs: int = 1,
    students_per_hub: int = DEFAULT_STUDENTS_PER_HUB,
    total_students: int | None = None,
    years: int = 2,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    keep_outbox: bool = False,
) -> DemoSummary:
    """Generate a synthetic programme into ``store``; see the module docstring.

    ``total_students`` (for example :data:`FULL_SCALE`) overrides ``students_per_hub`` and
    is split unevenly across the hubs. The same ``seed`` and ``today`` give the same rows.
    Raises :class:`ValidationError` if this seed's demo is already in the database.
    """
    if hubs < 1 or years < 1:
        raise ValidationError(_("A demo needs at least one hub and one year."))
    today = today or dt.date.today()
    began, began_cpu = time.perf_counter(), time.process_time()
    sizes = (
        _split(total_students, hubs, random.Random(f"harmony-demo:{seed}:sizes"))
        if total_students is not None
        else [students_per_hub] * hubs
    )
    if min(sizes) < 5:
        raise ValidationError(_("A demo hub needs at least 5 students."))
    summary = DemoSummary(seed=seed, today=today)
    hubs_before = hub_count(store)
    summary.codes_added = ensure_attendance_codes(store)
    with store.read() as session:
        staff_emails = {e for e in session.exec(select(Staff.email)) if e}
    for index, size in enumerate(sizes):
        builder = _HubBuilder(
            index=index,
            seed=seed,
            students=size,
            today=today,
            years=years,
            place=hubs_before + index,
            staff_emails=staff_emails,
        )
        rows, counts = builder.build()
        with store.write() as writer:
            if writer.session.get(Hub, builder.hub.id) is not None:
                raise ValidationError(
                    _(
                        "The demo with seed {seed} is already in this database; "
                        "choose another seed."
                    ).format(seed=seed)
                )
            _write_hub(writer, rows, keep_outbox=keep_outbox)
            _record_demo(writer, builder.hub.id, seed, today)
        summary.hub_ids.append(builder.hub.id)
        summary.add(counts)
    summary.seconds = time.perf_counter() - began
    summary.cpu_seconds = time.process_time() - began_cpu
    return summary


def _write_hub(writer: ChangeWriter, rows: Sequence[SyncedRow], *, keep_outbox: bool) -> None:
    """Insert one hub's rows through the change writer, queued for sync only with
    ``keep_outbox`` (the module docstring explains why)."""
    writer.insert_many(rows, queue=keep_outbox)


def _record_demo(writer: ChangeWriter, hub_id: str, seed: int, today: dt.date) -> None:
    runs: list[dict[str, Any]] = list(settings.read(writer.session, settings.DEMO_RUNS))
    runs.append(
        {"hub_id": hub_id, "seed": seed, "today": today.isoformat(), "version": DEMO_VERSION}
    )
    settings.write(writer.session, settings.DEMO_RUNS, runs)


def generate_full_scale(
    store: Store,
    *,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    keep_outbox: bool = False,
) -> DemoSummary:
    """Generate the :data:`FULL_SCALE` programme (17 hubs, 3,500 students, two years)."""
    return generate_demo(
        store,
        hubs=FULL_SCALE.hubs,
        total_students=FULL_SCALE.students,
        seed=seed,
        today=today,
        keep_outbox=keep_outbox,
    )


def hub_count(store: Store) -> int:
    """How many hub rows the database has (tombstoned ones included)."""
    with store.read() as session:
        return int(session.exec(select(func.count()).select_from(Hub)).one())


def ensure_demo(
    store: Store,
    *,
    today: dt.date | None = None,
    students: int = DEFAULT_STUDENTS_PER_HUB,
) -> bool:
    """Seed one demo hub if the database has no hub at all; True if it did.

    Used on the first start of the app so there is something to look at (about two
    seconds for the default 200 students).
    """
    if hub_count(store) > 0:
        return False
    generate_demo(store, hubs=1, students_per_hub=students, seed=DEFAULT_SEED, today=today)
    return True
