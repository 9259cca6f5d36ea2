"""Programme set-up: hubs, staff, ensembles and attendance codes (docs/DOMAIN.md).

Every change goes through the one tracked write path and syncs; nothing here deletes:
an ensemble that stops meeting is archived, a code is retired. Each ``apply_*`` method
changes one row inside the caller's transaction (the set-up spreadsheet import applies a
whole workbook in one); the ``save_*`` methods are the same in a transaction of their
own, for the Programme window. What a laptop may change is decided in ``access.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlmodel import Session, select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import fold, stored_text
from harmony_desktop.domain.schedule import (
    change,
    check_slots,
    current,
    describe,
    dumps,
    meetings,
)
from harmony_desktop.domain.vocab import EnrollmentStatus, StaffRole
from harmony_desktop.services.access import Access, access
from harmony_desktop.services.enrollment import EnrollmentService, enrolled_student_ids
from harmony_desktop.services.hubs import staff_hubs
from harmony_desktop.services.roster import GRADES, normalise_phone
from harmony_desktop.services.sessions import SessionInfo, SessionService
from harmony_desktop.store import ChangeWriter, Store, settings
from harmony_desktop.store.models import AttendanceCode, Enrollment, Ensemble, Hub, Staff
from harmony_desktop.store.queries import get_live, live
from harmony_desktop.store.replica import attendance_code_id

#: What a hub's partner is (``Hub.partner_kind``).
PARTNER_KINDS = ("park", "school", "community_centre", "other")
#: The largest capacity the shared schema accepts.
MAX_CAPACITY = 100_000
DEFAULT_TIMEZONE = "America/Los_Angeles"
_TZ_NAME = re.compile(r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

Slot = tuple[int, dt.time, dt.time]


@dataclass(frozen=True)
class HubRecord:
    """A hub as the set-up shows and saves it (``id`` None: a new hub)."""

    id: str | None
    name: str
    address: str = ""
    partner: str = ""
    partner_kind: str = ""
    timezone: str = DEFAULT_TIMEZONE


@dataclass(frozen=True)
class StaffRecord:
    """A staff member (``id`` None: a new one). ``hub_id`` is the hub their row belongs
    to, None for the programme-wide rows (see docs/DOMAIN.md, "Staff")."""

    id: str | None
    name: str
    role: str = StaffRole.TEACHER.value
    hubs: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    hub_id: str | None = None
    #: left the programme (see :meth:`SetupService.set_staff_archived`)
    archived: bool = False


@dataclass(frozen=True)
class EnsembleRecord:
    """An ensemble as the set-up shows and saves it (``id`` None: a new one).

    ``slots`` are the meetings in effect today; ``teacher``, ``enrolled``, ``waiting``
    and ``schedule_text`` are shown, never saved.
    """

    id: str | None
    hub_id: str
    name: str
    level: str = ""
    instrument_family: str = ""
    location: str = ""
    teacher_id: str | None = None
    capacity: int = 30
    grade_min: str = ""
    grade_max: str = ""
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    follows_terms: bool = False
    archived: bool = False
    slots: tuple[Slot, ...] = ()
    teacher: str = field(default="", compare=False)
    enrolled: int = field(default=0, compare=False)
    waiting: int = field(default=0, compare=False)
    schedule_text: str = field(default="", compare=False)


@dataclass(frozen=True)
class CodeRecord:
    """An attendance code (``id`` None: a new one)."""

    id: str | None
    code: str
    label: str
    label_es: str = ""
    counts_present: bool = False
    tardy: bool = False
    early_departure: bool = False
    excused: bool = False
    sort_order: int = 0
    active: bool = True


@dataclass
class EnsembleSaved:
    """What saving an ensemble did besides the ensemble itself."""

    id: str
    #: students the new places went to, from the waitlist, in order
    enrolled_from_waitlist: list[str] = field(default_factory=list)
    #: sessions with marks the schedule no longer makes: kept, for the site lead
    kept_sessions: list[SessionInfo] = field(default_factory=list)
    #: True when the row changed at all
    changed: bool = True


def _clean(text: str | None) -> str:
    return stored_text(" ".join(str(text or "").split()))


def _required(text: str | None, message: str, name: str) -> str:
    value = _clean(text)
    if not value:
        raise ValidationError(message, name)
    return value


def check_timezone(name: str) -> str:
    """The IANA time zone ``name`` (America/Los_Angeles), or ValidationError."""
    name = name.strip()
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # Without a time zone database on this computer, trust a well-formed name.
        if zoneinfo.available_timezones() or not _TZ_NAME.match(name):
            raise ValidationError(
                _("{name!r} is not a time zone (for example America/Los_Angeles).").format(
                    name=name
                ),
                "timezone",
            ) from None
    return name


def _check_contact(phone: str, email: str) -> None:
    if phone and not 7 <= len(normalise_phone(phone)) <= 15:
        raise ValidationError(
            _("{phone!r} does not look like a phone number.").format(phone=phone), "phone"
        )
    if email and not _EMAIL.fullmatch(email):
        raise ValidationError(_("{email!r} is not an email address.").format(email=email), "email")


def _grade_index(grade: str) -> int:
    return GRADES.index(grade)


def check_grades(low: str, high: str) -> tuple[str, str]:
    """A grade range ("" for no limit at either end), checked."""
    low, high = low.strip().upper(), high.strip().upper()
    for grade, name in ((low, "grade_min"), (high, "grade_max")):
        if grade and grade not in GRADES:
            raise ValidationError(
                _("Grade must be PK, K or 1 to 12, not {grade!r}.").format(grade=grade), name
            )
    if low and high and _grade_index(low) > _grade_index(high):
        raise ValidationError(_("The lowest grade is above the highest."), "grade_max")
    return low, high


@dataclass(frozen=True)
class ProgrammeName:
    """The name printed at the top of rosters and sheets."""

    name: str
    #: the sync server gave it (for every laptop): it cannot be changed here
    from_server: bool = False
    #: the other name typed on this laptop, which the server's replaced on printouts
    local: str | None = None


class SetupService:
    """Reads and changes the programme's hubs, staff, ensembles and attendance codes."""

    def __init__(self, store: Store, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self._today = today

    def access(self) -> Access:
        """What this laptop may change."""
        return access(self.store)

    def today(self) -> dt.date:
        """The day changes take effect (a changed schedule moves sessions from today)."""
        return self._today()

    # -- the programme ---------------------------------------------------------------------

    def programme_name(self) -> ProgrammeName:
        """The programme's name on printouts, and whether the sync server sets it."""
        with self.store.read() as s:
            server = settings.read(s, settings.SYNC_PROGRAMME_NAME)
            typed = settings.read_text(s, settings.PROGRAMME_NAME.key)  # None: never typed
        if server:
            return ProgrammeName(server, from_server=True, local=typed if typed != server else None)
        return ProgrammeName(typed or settings.PROGRAMME_NAME.default)

    def set_programme_name(self, name: str) -> None:
        """Name the programme on this laptop's printed headers; a blank name leaves the
        one it has. Refused when the sync server names the programme (its name wins)."""
        if self.store.settings.get(settings.SYNC_PROGRAMME_NAME):
            raise ValidationError(
                _(
                    "The programme's name is set on your sync server, for every laptop: "
                    "ask the office to change it there (harmony-sync set-programme-name)."
                ),
                "programme_name",
            )
        name = " ".join(name.split())
        if len(name) > settings.MAX_PROGRAMME_NAME:
            raise ValidationError(
                _("The programme's name can be at most {n} characters long.").format(
                    n=settings.MAX_PROGRAMME_NAME
                ),
                "programme_name",
            )
        if name:
            self.store.settings.set(settings.PROGRAMME_NAME, name)

    # -- hubs --------------------------------------------------------------------------

    def hubs(self) -> list[HubRecord]:
        """Every hub, by name."""
        with self.store.read() as s:
            rows = s.exec(select(Hub).where(live(Hub))).all()
        return sorted(
            (
                HubRecord(h.id, h.name, h.address, h.partner, h.partner_kind, h.timezone)
                for h in rows
            ),
            key=lambda h: fold(h.name),
        )

    def save_hub(self, record: HubRecord) -> str:
        """Create or change a hub; returns its id."""
        with self.store.write() as w:
            return self.apply_hub(w, record)

    def apply_hub(
        self, w: ChangeWriter, record: HubRecord, *, checked: Access | None = None
    ) -> str:
        """:meth:`save_hub` inside the caller's transaction."""
        (checked or self.access()).check_hubs()
        name = _required(record.name, _("Give the hub a name."), "name")
        kind = record.partner_kind.strip()
        if kind and kind not in PARTNER_KINDS:
            raise ValidationError(
                _("The partner is a park, a school, a community centre or other."), "partner_kind"
            )
        for other in w.session.exec(select(Hub).where(live(Hub))):
            if other.id != record.id and fold(other.name) == fold(name):
                raise ValidationError(
                    _("There is already a hub called {name}.").format(name=other.name), "name"
                )
        values = {
            "name": name,
            "address": _clean(record.address),
            "partner": _clean(record.partner),
            "partner_kind": kind,
            "timezone": check_timezone(record.timezone or DEFAULT_TIMEZONE),
        }
        if record.id is None:
            return w.insert(Hub(**values)).id  # type: ignore[arg-type]
        w.update(get_live(w.session, Hub, record.id), **values)
        return record.id

    # -- staff -------------------------------------------------------------------------

    def staff(self, hub_id: str | None = None) -> list[StaffRecord]:
        """Every staff member, or those working at ``hub_id``, by name (archived ones
        last: pickers leave them out)."""
        with self.store.read() as s:
            rows = s.exec(select(Staff).where(live(Staff))).all()
        found = []
        for row in rows:
            hubs = staff_hubs(row)
            if hub_id is None or hub_id in hubs:
                found.append(
                    StaffRecord(
                        id=row.id,
                        name=row.name,
                        role=row.role,
                        hubs=tuple(sorted(hubs)),
                        phone=row.phone,
                        email=row.email,
                        hub_id=row.hub_id,
                        archived=row.archived,
                    )
                )
        return sorted(found, key=lambda r: (r.archived, fold(r.name), r.email.casefold()))

    def save_staff(self, record: StaffRecord) -> str:
        """Create or change a staff member; returns their id."""
        with self.store.write() as w:
            return self.apply_staff(w, record)

    def apply_staff(
        self, w: ChangeWriter, record: StaffRecord, *, checked: Access | None = None
    ) -> str:
        """:meth:`save_staff` inside the caller's transaction.

        A new staff member is programme-wide, except on a laptop that syncs without being
        a data manager's: the server takes no programme-wide row from it, so the new row
        belongs to the one hub they are added for. (A laptop set up alone that later
        joins a server as a hub's laptop gives the staff it made of that hub alone their
        hub when it enrolls: docs/SYNC.md, "Joining later".)
        """
        rights = checked or self.access()
        name = _required(record.name, _("Give the staff member's name."), "name")
        role = record.role.strip() or StaffRole.TEACHER.value
        if role not in {r.value for r in StaffRole}:
            raise ValidationError(
                _(
                    "Unknown role {role!r}: teacher, teaching artist, site lead, staff or "
                    "data manager."
                ).format(role=role),
                "role",
            )
        hubs = sorted(set(record.hubs))
        for listed in hubs:
            get_live(w.session, Hub, listed)
        phone, email = _clean(record.phone), _clean(record.email)
        _check_contact(phone, email)
        for other in w.session.exec(select(Staff).where(live(Staff))):
            if other.id != record.id and fold(other.name) == fold(name):
                # Two people of one name happen (two Ana Garcías): their own emails tell
                # them apart, as a set-up workbook does.
                if email and other.email and email.casefold() != other.email.casefold():
                    continue
                raise ValidationError(
                    _(
                        "There is already a staff member called {name}. Two people of one "
                        "name each need their own email, to tell them apart."
                    ).format(name=other.name),
                    "name",
                )
        values = {
            "name": name,
            "role": role,
            "phone": phone,
            "email": email,
            "hubs": json.dumps(hubs),
        }
        if record.id is None:
            owner: str | None = None
            if not rights.programme_editable:
                if len(hubs) != 1:
                    raise ValidationError(
                        _(
                            "Choose the one hub this person works at: on this laptop a new "
                            "staff member is added for one hub."
                        ),
                        "hubs",
                    )
                owner = hubs[0]
            return w.insert(Staff(hub_id=owner, **values)).id  # type: ignore[arg-type]
        row = get_live(w.session, Staff, record.id)
        if row.hub_id is None:
            rights.check_programme()
        elif row.hub_id not in hubs:
            hubs.append(row.hub_id)  # the hub the row belongs to stays theirs
            values["hubs"] = json.dumps(sorted(hubs))
        w.update(row, **values)
        return record.id

    def set_staff_archived(self, staff_id: str, archived: bool = True) -> None:
        """Archive a staff member who left (off the lists of who takes roll and of
        teachers; still named on the rolls and reports of their time), or bring them
        back. Like any change to them, a programme-wide person is archived where the
        programme is changed."""
        rights = self.access()
        with self.store.write() as w:
            row = get_live(w.session, Staff, staff_id)
            if row.hub_id is None:
                rights.check_programme()
            w.update(row, archived=archived)

    # -- ensembles ---------------------------------------------------------------------

    def ensembles(self, hub_id: str, *, day: dt.date | None = None) -> list[EnsembleRecord]:
        """The hub's ensembles (archived ones last), with their meetings in effect on
        ``day`` (today), places taken that day and students waiting."""
        day = day or self.today()
        with self.store.read() as s:
            rows = s.exec(select(Ensemble).where(Ensemble.hub_id == hub_id, live(Ensemble))).all()
            return sorted(
                (self.record_of(s, row, day) for row in rows),
                key=lambda r: (r.archived, fold(r.name)),
            )

    def ensemble(self, ensemble_id: str, *, day: dt.date | None = None) -> EnsembleRecord:
        """One ensemble."""
        with self.store.read() as s:
            return self.record_of(s, get_live(s, Ensemble, ensemble_id), day or self.today())

    @staticmethod
    def record_of(s: Session, row: Ensemble, day: dt.date) -> EnsembleRecord:
        """An ensemble row as a record, read in the session's transaction, with its
        meetings in effect on ``day`` and the places taken that day."""
        found = current(meetings(row.schedule), day)
        teacher = s.get(Staff, row.teacher_id) if row.teacher_id else None
        waiting = s.exec(
            select(Enrollment.id).where(
                Enrollment.ensemble_id == row.id,
                Enrollment.status == EnrollmentStatus.WAITLISTED.value,
                live(Enrollment),
            )
        ).all()
        return EnsembleRecord(
            id=row.id,
            hub_id=row.hub_id or "",
            name=row.name,
            level=row.level,
            instrument_family=row.instrument_family,
            location=row.location,
            teacher_id=row.teacher_id,
            capacity=row.capacity,
            grade_min=row.grade_min,
            grade_max=row.grade_max,
            first_day=row.first_day,
            last_day=row.last_day,
            follows_terms=row.follows_terms,
            archived=row.archived,
            slots=tuple(m.slot for m in found),
            teacher=teacher.name if teacher is not None else "",
            enrolled=len(enrolled_student_ids(s, row.id, day)),
            waiting=len(waiting),
            schedule_text=describe(found),
        )

    def save_ensemble(self, record: EnsembleRecord, *, fill_waitlist: bool = True) -> EnsembleSaved:
        """Create or change an ensemble (see :meth:`apply_ensemble`); afterwards, the
        sessions with marks its schedule no longer makes are listed for the site lead."""
        with self.store.write() as w:
            saved = self.apply_ensemble(w, record, fill_waitlist=fill_waitlist)
        if saved.changed and record.id is not None:
            saved.kept_sessions = SessionService(self.store).off_schedule(record.hub_id, saved.id)
        return saved

    def apply_ensemble(
        self,
        w: ChangeWriter,
        record: EnsembleRecord,
        *,
        fill_waitlist: bool = True,
        by: str | None = None,
    ) -> EnsembleSaved:
        """Create or change an ensemble inside the caller's transaction.

        A changed schedule keeps its past meetings and moves only future sessions
        (:func:`~harmony_desktop.domain.schedule.change`). When the capacity grows (or a
        new ensemble has places) and ``fill_waitlist`` is set, the new places go to the
        waitlist, in its order.
        """
        today = self.today()
        hub = get_live(w.session, Hub, record.hub_id)
        name = _required(record.name, _("Give the ensemble a name."), "name")
        for other in w.session.exec(
            select(Ensemble).where(Ensemble.hub_id == hub.id, live(Ensemble))
        ):
            if other.id != record.id and not other.archived and fold(other.name) == fold(name):
                raise ValidationError(
                    _("{hub} already has an ensemble called {name}.").format(
                        hub=hub.name, name=other.name
                    ),
                    "name",
                )
        if record.teacher_id:
            teacher = get_live(w.session, Staff, record.teacher_id)
            kept = w.session.get(Ensemble, record.id) if record.id else None
            if teacher.archived and (kept is None or kept.teacher_id != teacher.id):
                raise ValidationError(
                    _(
                        "{teacher} is archived: bring them back under Staff first, or "
                        "choose another teacher."
                    ).format(teacher=teacher.name),
                    "teacher_id",
                )
            if hub.id not in staff_hubs(teacher):
                raise ValidationError(
                    _(
                        "{teacher} does not work at {hub}: add the hub to their hubs under "
                        "Staff first."
                    ).format(teacher=teacher.name, hub=hub.name),
                    "teacher_id",
                )
        if not 0 <= record.capacity <= MAX_CAPACITY:
            raise ValidationError(
                _("Capacity is a number of places from 0 to {most:,}.").format(most=MAX_CAPACITY),
                "capacity",
            )
        grade_min, grade_max = check_grades(record.grade_min, record.grade_max)
        if record.first_day and record.last_day and record.last_day < record.first_day:
            raise ValidationError(_("The last day cannot be before the first day."), "last_day")
        slots = check_slots(record.slots)
        values = {
            "name": name,
            "level": _clean(record.level),
            "instrument_family": _clean(record.instrument_family),
            "location": _clean(record.location),
            "teacher_id": record.teacher_id or None,
            "capacity": record.capacity,
            "grade_min": grade_min,
            "grade_max": grade_max,
            "first_day": record.first_day,
            "last_day": record.last_day,
            "follows_terms": record.follows_terms,
            "archived": record.archived,
        }
        if record.id is None:
            schedule = dumps(change([], slots, today, new_ensemble=True))
            row = w.insert(Ensemble(hub_id=hub.id, schedule=schedule, **values))  # type: ignore[arg-type]
            grew, changed = True, True
        else:
            row = get_live(w.session, Ensemble, record.id)
            if row.hub_id != hub.id:
                raise ValidationError(_("An ensemble cannot move to another hub."), "hub_id")
            stored = meetings(row.schedule)
            if [m.slot for m in current(stored, today)] != slots:
                values["schedule"] = dumps(change(stored, slots, today, new_ensemble=not stored))
            grew = record.capacity > row.capacity
            before = w.changes
            w.update(row, **values)
            changed = w.changes > before
        filled: list[str] = []
        if fill_waitlist and grew and not row.archived:
            filled = EnrollmentService(self.store).fill_from_waitlist(w, row.id, today, by=by)
        return EnsembleSaved(row.id, filled, changed=changed)

    def set_archived(self, ensemble_id: str, archived: bool = True) -> None:
        """Archive an ensemble (no new sessions; its past sessions and marks stay), or
        bring it back."""
        with self.store.write() as w:
            w.update(get_live(w.session, Ensemble, ensemble_id), archived=archived)

    # -- attendance codes ----------------------------------------------------------------

    def codes(self) -> list[CodeRecord]:
        """Every attendance code, retired ones too, in display order."""
        with self.store.read() as s:
            rows = s.exec(select(AttendanceCode).where(live(AttendanceCode))).all()
        return [
            CodeRecord(
                id=c.id,
                code=c.code,
                label=c.label,
                label_es=c.label_es,
                counts_present=c.counts_present,
                tardy=c.tardy,
                early_departure=c.early_departure,
                excused=c.excused,
                sort_order=c.sort_order,
                active=c.active,
            )
            for c in sorted(rows, key=lambda c: (c.sort_order, c.code))
        ]

    def save_code(self, record: CodeRecord) -> str:
        """Create or change an attendance code; returns its id."""
        with self.store.write() as w:
            return self.apply_code(w, record)

    def apply_code(
        self, w: ChangeWriter, record: CodeRecord, *, checked: Access | None = None
    ) -> str:
        """:meth:`save_code` inside the caller's transaction. A code's letters never
        change (marks store them); its labels, flags, order and whether it is offered do."""
        (checked or self.access()).check_programme()
        letters = record.code.strip().upper()
        if not letters or not re.fullmatch(r"[A-Z0-9]{1,8}", letters):
            raise ValidationError(_("A code is 1 to 8 letters or digits (for example SE)."), "code")
        values = {
            "label": _required(record.label, _("Give the code a label."), "label"),
            "label_es": _clean(record.label_es),
            "counts_present": record.counts_present,
            "tardy": record.tardy,
            "early_departure": record.early_departure,
            "excused": record.excused,
            "sort_order": record.sort_order,
            "active": record.active,
        }
        if record.tardy and record.early_departure:
            raise ValidationError(
                _("A code is late or left early, not both: make two codes."), "tardy"
            )
        if record.excused and record.counts_present:
            raise ValidationError(
                _("An excused code is an absence: it cannot count as present."), "excused"
            )
        others = [
            c
            for c in w.session.exec(select(AttendanceCode).where(live(AttendanceCode)))
            if c.id != record.id
        ]
        if record.id is None:
            if any(c.code.upper() == letters for c in others):
                raise ValidationError(
                    _("There is already a code {code}.").format(code=letters), "code"
                )
            new_id = attendance_code_id(letters)
            w.upsert(AttendanceCode, new_id, code=letters, **values)
            return new_id
        row = get_live(w.session, AttendanceCode, record.id)
        if row.code != letters:
            raise ValidationError(
                _(
                    "The letters of a code never change: marks keep them. Add a new code "
                    "and retire this one instead."
                ),
                "code",
            )
        after: list[AttendanceCode | CodeRecord] = [*others, replace(record, code=letters)]
        if _is_plain_present(row) and not any(_is_plain_present(c) for c in after):
            raise ValidationError(
                _(
                    'Keep one active code that simply counts present: "mark all '
                    'remaining present" uses it.'
                ),
                "active",
            )
        w.update(row, **values)
        return row.id


def _is_plain_present(code: AttendanceCode | CodeRecord) -> bool:
    return code.active and code.counts_present and not code.tardy and not code.early_departure
