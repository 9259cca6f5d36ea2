"""Volunteers: the person record, clearances, assignments, shifts and hours.

A **volunteer** (a teaching assistant from the music industry, a mentor, a helper) has
contact details, skills and instruments, a status (prospect, active, inactive), a home
hub, and the hubs and ensembles they assist (``VolunteerAssignment``). They are visible
at their home hub and at every hub they assist (docs/SYNC.md, "Shared rows").

**Clearances** (docs/DOMAIN.md, "Volunteers and clearances"): the programme requires
kinds of clearance (``ClearanceKind``: by default a fingerprint / background check, a TB
clearance valid 4 years, safeguarding training valid for a period the programme sets,
and a signed volunteer agreement). A volunteer is **cleared** when every required,
active kind has a clearance that is done and not expired; otherwise they are *not
cleared*, and assigning them to a session needs a site lead's confirmation, recorded on
the shift.

**Shifts and hours**: a volunteer signs in and out at a session (``VolunteerShift``);
its status is signed up, attended, no-show or cancelled. Hours are the time between
signing in and out of attended shifts; nothing else counts, and no shift of a session
that did not take place (cancelled, or on a closure day of its hub or the programme).

Volunteers' data is about real people: nothing here logs a name, a phone or a note.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import exists
from sqlmodel import Session, col, or_, select

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import N_, _, data_label, format_date, format_time, pgettext
from harmony_desktop.domain.names import display_name, fold, name_sort_key, stored_text
from harmony_desktop.domain.sessions import SessionInfo
from harmony_desktop.domain.vocab import (
    SessionKind,
    SessionStatus,
    ShiftStatus,
    StaffRole,
    VolunteerRole,
    VolunteerStatus,
)
from harmony_desktop.services.exporting import flags_in_words, write_table
from harmony_desktop.services.roster import validate_contact
from harmony_desktop.services.sessions import store_session
from harmony_desktop.store import ChangeWriter, Store
from harmony_desktop.store.models import (
    ClassSession,
    ClearanceKind,
    Closure,
    Ensemble,
    Hub,
    Staff,
    Volunteer,
    VolunteerAssignment,
    VolunteerClearance,
    VolunteerShift,
)
from harmony_desktop.store.queries import find_live, get_live, live
from harmony_desktop.store.replica import natural_id

#: Clearances expiring within this many days are flagged (amber) and listed.
EXPIRING_WITHIN_DAYS = 30

#: The person fields a form or an import may set.
VOLUNTEER_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "email",
    "phone",
    "address",
    "organisation",
    "skills",
    "instruments",
    "role",
    "status",
    "notes",
)


class ClearanceState(StrEnum):
    """Where one clearance of one volunteer stands today."""

    OK = "ok"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    MISSING = "missing"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def clearance_state(
    done_on: dt.date | None,
    expires_on: dt.date | None,
    today: dt.date,
    *,
    within_days: int = EXPIRING_WITHIN_DAYS,
) -> ClearanceState:
    """Missing until done; valid through ``expires_on`` (expired the day after);
    expiring when that day is at most ``within_days`` away."""
    if done_on is None:
        return ClearanceState.MISSING
    if expires_on is not None and expires_on < today:
        return ClearanceState.EXPIRED
    if expires_on is not None and (expires_on - today).days <= within_days:
        return ClearanceState.EXPIRING
    return ClearanceState.OK


def shift_hours(status: str | None, sign_in: dt.time | None, sign_out: dt.time | None) -> float:
    """Hours of one shift: the time between signing in and out, only when attended."""
    if status != ShiftStatus.ATTENDED or sign_in is None or sign_out is None:
        return 0.0
    if sign_out < sign_in:
        return 0.0
    day = dt.date(2000, 1, 1)
    return (dt.datetime.combine(day, sign_out) - dt.datetime.combine(day, sign_in)).seconds / 3600


def role_label(role: str) -> str:
    """A volunteer role for people."""
    labels = {
        VolunteerRole.TEACHING_ASSISTANT: _("Teaching assistant"),
        VolunteerRole.MENTOR: _("Mentor"),
        VolunteerRole.EVENT_HELPER: _("Event helper"),
        VolunteerRole.OTHER: _("Other"),
    }
    return labels.get(role, role)  # type: ignore[call-overload]


def status_label(status: str) -> str:
    """A volunteer status for people."""
    labels = {
        VolunteerStatus.PROSPECT: _("Prospect"),
        VolunteerStatus.ACTIVE: _("Active"),
        VolunteerStatus.INACTIVE: _("Inactive"),
    }
    return labels.get(status, status)  # type: ignore[call-overload]


#: The labels of the clearance kinds every database starts with (migration 0006), in the
#: catalogue: kept as data in English, they are read in the language of the report or
#: export, as the default attendance codes' are; a kind a programme names itself is
#: shown as it was written.
DEFAULT_CLEARANCE_LABELS = (
    N_("Fingerprint / background check"),
    N_("TB clearance"),
    N_("Safeguarding training"),
    N_("Signed volunteer agreement"),
)


def clearance_label(label: str) -> str:
    """A clearance kind's label for people: a default kind's in the current language."""
    return data_label(label)


def clearance_state_label(state: ClearanceState) -> str:
    """Where a clearance stands, for people and exports: "valid", "expiring", …"""
    labels = {
        ClearanceState.OK: _("valid"),
        ClearanceState.EXPIRING: _("expiring"),
        ClearanceState.EXPIRED: _("expired"),
        ClearanceState.MISSING: _("missing"),
    }
    return labels[state]


def table_title(kind: str) -> str:
    """The sheet name of a volunteer table written to a workbook (``hours``,
    ``clearances``, ``summary``, ``expiring``), in the language it is written in."""
    titles = {
        "hours": _("Hours"),
        "clearances": _("Clearances"),
        "summary": _("Summary"),
        "expiring": _("Expiring"),
    }
    return titles.get(kind, kind)


def shift_label(status: str | None) -> str:
    """A shift status for people (None: not on this session)."""
    labels = {
        ShiftStatus.SIGNED_UP: _("Signed up"),
        ShiftStatus.ATTENDED: _("Attended"),
        ShiftStatus.NO_SHOW: _("No-show"),
        ShiftStatus.CANCELLED: _("Cancelled"),
    }
    return labels.get(status, "") if status else ""  # type: ignore[call-overload]


@dataclass(frozen=True)
class ClearanceKindInfo:
    """A kind of clearance the programme requires."""

    id: str
    code: str
    label: str
    validity_months: int
    required: bool
    sort_order: int
    active: bool


@dataclass(frozen=True)
class ClearanceInfo:
    """One required (or recorded) clearance of a volunteer and its state today."""

    kind_id: str
    kind_label: str  # for people: a default kind's in the language it was read in
    required: bool
    done_on: dt.date | None
    expires_on: dt.date | None
    note: str
    state: ClearanceState

    def problem(self) -> str | None:
        """Why this clearance keeps its volunteer from being cleared, or None."""
        if not self.required:
            return None
        if self.state == ClearanceState.MISSING:
            return _("{kind}: missing").format(kind=self.kind_label)
        if self.state == ClearanceState.EXPIRED and self.expires_on is not None:
            return _("{kind}: expired on {date}").format(
                kind=self.kind_label, date=format_date(self.expires_on, "d MMM y")
            )
        return None


@dataclass(frozen=True)
class Assignment:
    """Where a volunteer assists: a hub, and one of its ensembles or the whole hub."""

    hub_id: str
    hub_name: str
    ensemble_id: str | None
    ensemble_name: str

    @property
    def label(self) -> str:
        """ "North Park — Beginning Strings" or just the hub."""
        return f"{self.hub_name} — {self.ensemble_name}" if self.ensemble_name else self.hub_name


@dataclass(frozen=True)
class VolunteerInfo:
    """A volunteer with their clearances (in the order of the kinds) and assignments."""

    id: str
    hub_id: str | None
    first_name: str
    last_name: str
    preferred_name: str
    email: str
    phone: str
    address: str
    organisation: str
    skills: str
    instruments: str
    role: str
    status: str
    notes: str
    clearances: tuple[ClearanceInfo, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    sort_name: tuple[object, ...] = field(default=(), compare=False, repr=False)

    @property
    def display_name(self) -> str:
        """ "Preferred-or-first Last"."""
        return display_name(self.first_name, self.last_name, self.preferred_name)

    @property
    def problems(self) -> list[str]:
        """What keeps the volunteer from being cleared (empty when cleared)."""
        return [p for c in self.clearances if (p := c.problem()) is not None]

    @property
    def cleared(self) -> bool:
        """Every required clearance done and not expired."""
        return not self.problems

    @property
    def expiring(self) -> list[ClearanceInfo]:
        """Required clearances still valid but expiring soon."""
        return [c for c in self.clearances if c.required and c.state == ClearanceState.EXPIRING]

    def fields(self) -> dict[str, Any]:
        """The person fields, as a form edits them."""
        return {name: getattr(self, name) for name in VOLUNTEER_FIELDS}

    def search_text(self) -> str:
        """What a search in the volunteer list matches."""
        parts = (
            self.first_name,
            self.last_name,
            self.preferred_name,
            self.organisation,
            self.skills,
            self.instruments,
            role_label(self.role),
            status_label(self.status),
            *(a.label for a in self.assignments),
        )
        return fold(" ".join(parts))


@dataclass(frozen=True)
class ExpiringClearance:
    """One clearance expiring soon (or already expired), for the volunteer coordinator."""

    volunteer_id: str
    volunteer_name: str
    kind_label: str
    expires_on: dt.date
    days_left: int
    state: ClearanceState
    hubs: str


@dataclass(frozen=True)
class ShiftState:
    """A volunteer's shift at one session. ``status`` None: not on the session."""

    status: str | None = None
    sign_in: dt.time | None = None
    sign_out: dt.time | None = None
    #: the site lead who confirmed a volunteer who was not cleared ("" if none)
    confirmed_by: str = ""

    @property
    def hours(self) -> float:
        """Hours counted for this shift (attended, signed in and out)."""
        return shift_hours(self.status, self.sign_in, self.sign_out)


@dataclass(frozen=True)
class ShiftEntry:
    """One volunteer as the register's volunteer panel shows them for a session."""

    volunteer: VolunteerInfo
    shift: ShiftState
    #: assigned to the session's ensemble (listed first)
    assigned_here: bool


class NeedsConfirmation(ValidationError):
    """The volunteer is not cleared: a site lead must confirm the assignment."""

    def __init__(self, volunteer_name: str, problems: list[str]) -> None:
        super().__init__(
            _(
                "{name} is not cleared ({problems}). A site lead must confirm before they "
                "are assigned to this session."
            ).format(name=volunteer_name, problems="; ".join(problems)),
            "confirmed_by",
        )
        self.volunteer_name = volunteer_name
        self.problems = problems


def validate_volunteer(values: dict[str, Any]) -> None:
    """Raise :class:`ValidationError` for the first thing wrong in a volunteer's fields."""
    for name, label in (("first_name", _("First name")), ("last_name", _("Last name"))):
        if name in values and not str(values[name] or "").strip():
            raise ValidationError(_("{label} is required.").format(label=label), name)
    unknown = set(values) - set(VOLUNTEER_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown volunteer field(s): {names}").format(names=", ".join(sorted(unknown)))
        )
    if "status" in values and values["status"] not in {s.value for s in VolunteerStatus}:
        raise ValidationError(
            _("Unknown status {status!r}: use prospect, active or inactive.").format(
                status=values["status"]
            ),
            "status",
        )
    if "role" in values and values["role"] not in {r.value for r in VolunteerRole}:
        raise ValidationError(
            _(
                "Unknown role {role!r}: use teaching_assistant, mentor, event_helper or other."
            ).format(role=values["role"]),
            "role",
        )
    validate_contact({k: values[k] for k in ("phone", "email") if values.get(k)})


def _now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _now_time() -> dt.time:
    return dt.datetime.now().time().replace(second=0, microsecond=0)


class VolunteerService:
    """Volunteers, their clearances and assignments, their shifts and hours."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        clock: Callable[[], dt.time] = _now_time,
    ) -> None:
        self.store = store
        self.today = today
        self._clock = clock

    # -- clearance kinds (programme-wide) ---------------------------------------------

    def kinds(self, *, include_inactive: bool = False) -> list[ClearanceKindInfo]:
        """The clearance kinds, in display order."""
        with self.store.read() as s:
            return clearance_kinds(s, include_inactive=include_inactive)

    def update_kind(self, kind_id: str, **fields: Any) -> None:
        """Change a kind's label, validity (months; 0 = no expiry), required or active
        flag. Programme-wide: only a data manager's laptop can sync the change."""
        allowed = {"label", "validity_months", "required", "active", "sort_order"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(
                _("Unknown clearance kind field(s): {names}").format(
                    names=", ".join(sorted(unknown))
                )
            )
        if "label" in fields:
            fields["label"] = stored_text(str(fields["label"]))
            if not fields["label"]:
                raise ValidationError(_("A clearance kind needs a name."), "label")
        months = fields.get("validity_months")
        if months is not None and not 0 <= int(months) <= 1200:
            raise ValidationError(
                _("Validity is a number of months from 0 (no expiry) to 1200."), "validity_months"
            )
        with self.store.write() as w:
            row = get_live(w.session, ClearanceKind, kind_id)
            w.update(row, **fields)

    def add_kind(self, code: str, label: str, *, validity_months: int = 0) -> str:
        """Add a clearance kind (programme-wide); returns its id."""
        code = fold(code).replace(" ", "_")
        if not code or not label.strip():
            raise ValidationError(_("A clearance kind needs a code and a name."), "label")
        kind_id = natural_id("clearance_kind", code)
        with self.store.write() as w:
            order = len(clearance_kinds(w.session, include_inactive=True))
            w.upsert(
                ClearanceKind,
                kind_id,
                hub_id=None,
                code=code,
                label=stored_text(label),
                validity_months=validity_months,
                required=True,
                sort_order=order,
                active=True,
            )
        return kind_id

    # -- volunteers ---------------------------------------------------------------------

    def for_hub(
        self, hub_id: str | None, *, include_inactive: bool = True, on: dt.date | None = None
    ) -> list[VolunteerInfo]:
        """The volunteers of a hub (home there, or assisting there), by name; every
        volunteer on this laptop when ``hub_id`` is None. Their clearances are judged on
        ``on`` (this computer's today when None)."""
        with self.store.read() as s:
            return volunteers_of(s, hub_id, on or self.today(), include_inactive=include_inactive)

    def get(self, volunteer_id: str) -> VolunteerInfo:
        """One volunteer; :class:`NotFoundError` if there is none."""
        with self.store.read() as s:
            row = get_live(s, Volunteer, volunteer_id, message=_("That volunteer does not exist."))
            return _infos(s, [row], self.today())[0]

    def save(self, hub_id: str, values: dict[str, Any], *, volunteer_id: str | None = None) -> str:
        """Create a volunteer whose home is ``hub_id``, or update ``volunteer_id``;
        returns the id. Text is stored as typed (trimmed, NFC)."""
        values = {k: (stored_text(v) if isinstance(v, str) else v) for k, v in values.items()}
        if volunteer_id is None:
            values = {
                "role": VolunteerRole.TEACHING_ASSISTANT.value,
                "status": VolunteerStatus.PROSPECT.value,
                **values,
            }
            for required in ("first_name", "last_name"):
                values.setdefault(required, "")
        validate_volunteer(values)
        with self.store.write() as w:
            if volunteer_id is None:
                get_live(w.session, Hub, hub_id)
                row = w.insert(Volunteer(hub_id=hub_id, **values))
                return row.id
            row = get_live(
                w.session, Volunteer, volunteer_id, message=_("That volunteer does not exist.")
            )
            w.update(row, **values)
            return row.id

    def save_record(
        self,
        hub_id: str,
        values: dict[str, Any],
        *,
        volunteer_id: str | None = None,
        assignments: set[tuple[str, str | None]] | None = None,
        clearances: dict[str, tuple[dt.date | None, dt.date | None] | None] | None = None,
    ) -> str:
        """What the volunteer form saves, in ONE transaction: the person (new at
        ``hub_id``, or ``volunteer_id``), their assignments at ``hub_id`` (those at other
        hubs are kept), and their clearances (kind id -> (done, expires), or None to
        forget it; kinds not given are left as they are). Returns the id."""
        values = {k: (stored_text(v) if isinstance(v, str) else v) for k, v in values.items()}
        validate_volunteer(values)
        for required in ("first_name", "last_name"):
            if volunteer_id is None and not values.get(required):
                validate_volunteer({required: ""})
        with self.store.write() as w:
            if volunteer_id is None:
                get_live(w.session, Hub, hub_id)
                volunteer_id = w.insert(Volunteer(hub_id=hub_id, **values)).id
            else:
                row = get_live(
                    w.session, Volunteer, volunteer_id, message=_("That volunteer does not exist.")
                )
                w.update(row, **values)
            if assignments is not None:
                current = w.session.exec(
                    select(VolunteerAssignment).where(
                        VolunteerAssignment.volunteer_id == volunteer_id,
                        live(VolunteerAssignment),
                    )
                ).all()
                elsewhere = {(a.hub_id or "", a.ensemble_id) for a in current if a.hub_id != hub_id}
                self.assign_in(w, volunteer_id, elsewhere | set(assignments))
            for kind_id, dates in (clearances or {}).items():
                if dates is None:
                    found = find_live(
                        w.session,
                        VolunteerClearance,
                        natural_id("clearance", volunteer_id, kind_id),
                    )
                    if found is not None:
                        w.delete(found)
                else:
                    self.record_clearance_in(w, volunteer_id, kind_id, dates[0], dates[1], "")
        return volunteer_id

    def remove(self, volunteer_id: str) -> None:
        """Delete a volunteer record (a tombstone that syncs), with their assignments."""
        with self.store.write() as w:
            row = get_live(
                w.session, Volunteer, volunteer_id, message=_("That volunteer does not exist.")
            )
            for assignment in w.session.exec(
                select(VolunteerAssignment).where(
                    VolunteerAssignment.volunteer_id == volunteer_id, live(VolunteerAssignment)
                )
            ).all():
                w.delete(assignment)
            w.delete(row)

    def leave_hub(self, volunteer_id: str, hub_id: str) -> None:
        """End a volunteer's assignments at ``hub_id`` (what a hub they visit may do:
        their record belongs to their home hub); the other hubs' stay."""
        with self.store.write() as w:
            for assignment in w.session.exec(
                select(VolunteerAssignment).where(
                    VolunteerAssignment.volunteer_id == volunteer_id,
                    VolunteerAssignment.hub_id == hub_id,
                    live(VolunteerAssignment),
                )
            ).all():
                w.delete(assignment)

    def set_assignments(
        self, volunteer_id: str, assignments: Iterable[tuple[str, str | None]]
    ) -> None:
        """Make ``assignments`` ((hub, ensemble or None for the whole hub), …) the hubs
        and ensembles the volunteer assists: new ones are added, missing ones ended."""
        wanted = {(hub, ensemble or None) for hub, ensemble in assignments}
        with self.store.write() as w:
            self.assign_in(w, volunteer_id, wanted)

    @staticmethod
    def assign_in(w: ChangeWriter, volunteer_id: str, wanted: set[tuple[str, str | None]]) -> None:
        """:meth:`set_assignments` inside the caller's transaction (an import)."""
        get_live(w.session, Volunteer, volunteer_id, message=_("That volunteer does not exist."))
        for hub_id, ensemble_id in wanted:
            get_live(w.session, Hub, hub_id)
            if ensemble_id is not None:
                ensemble = get_live(w.session, Ensemble, ensemble_id)
                if ensemble.hub_id != hub_id:
                    raise ValidationError(_("That ensemble meets at another hub."), "ensemble")
        current = w.session.exec(
            select(VolunteerAssignment).where(
                VolunteerAssignment.volunteer_id == volunteer_id, live(VolunteerAssignment)
            )
        ).all()
        for row in current:
            if (row.hub_id, row.ensemble_id) not in wanted:
                w.delete(row)
        have = {(row.hub_id, row.ensemble_id) for row in current}
        for hub_id, ensemble_id in sorted(wanted - have, key=lambda pair: (pair[0], pair[1] or "")):
            w.upsert(
                VolunteerAssignment,
                natural_id("assignment", volunteer_id, hub_id, ensemble_id or ""),
                hub_id=hub_id,
                volunteer_id=volunteer_id,
                ensemble_id=ensemble_id,
            )

    # -- clearances -------------------------------------------------------------------

    def record_clearance(
        self,
        volunteer_id: str,
        kind_id: str,
        done_on: dt.date | None,
        *,
        expires_on: dt.date | None = None,
        note: str = "",
    ) -> ClearanceInfo:
        """Record when a clearance was done; its expiry defaults to the kind's validity
        after ``done_on`` (none for a kind that does not expire)."""
        with self.store.write() as w:
            return self.record_clearance_in(w, volunteer_id, kind_id, done_on, expires_on, note)

    def record_clearance_in(
        self,
        w: ChangeWriter,
        volunteer_id: str,
        kind_id: str,
        done_on: dt.date | None,
        expires_on: dt.date | None,
        note: str,
    ) -> ClearanceInfo:
        """:meth:`record_clearance` inside the caller's transaction (an import)."""
        volunteer = get_live(
            w.session, Volunteer, volunteer_id, message=_("That volunteer does not exist.")
        )
        kind = get_live(
            w.session, ClearanceKind, kind_id, message=_("That clearance kind does not exist.")
        )
        today = self.today()
        label = clearance_label(kind.label)  # a default kind's in the current language
        if done_on is not None and done_on > today:
            raise ValidationError(
                _("{kind} cannot be done in the future.").format(kind=label), "done_on"
            )
        if expires_on is None and done_on is not None and kind.validity_months:
            expires_on = add_months(done_on, kind.validity_months)
        if expires_on is not None and done_on is not None and expires_on < done_on:
            raise ValidationError(
                _("{kind} cannot expire before it was done.").format(kind=label), "expires_on"
            )
        w.upsert(
            VolunteerClearance,
            natural_id("clearance", volunteer_id, kind_id),
            hub_id=volunteer.hub_id,
            volunteer_id=volunteer_id,
            kind_id=kind_id,
            done_on=done_on,
            expires_on=expires_on,
            note=stored_text(note),
        )
        return ClearanceInfo(
            kind.id,
            label,
            kind.required,
            done_on,
            expires_on,
            stored_text(note),
            clearance_state(done_on, expires_on, today),
        )

    def remove_clearance(self, volunteer_id: str, kind_id: str) -> None:
        """Forget a recorded clearance (it becomes missing)."""
        with self.store.write() as w:
            row = find_live(
                w.session, VolunteerClearance, natural_id("clearance", volunteer_id, kind_id)
            )
            if row is not None:
                w.delete(row)

    def expiring(
        self,
        hub_id: str | None = None,
        *,
        within_days: int = EXPIRING_WITHIN_DAYS,
        on: dt.date | None = None,
    ) -> list[ExpiringClearance]:
        """Clearances of active and prospective volunteers that expire within
        ``within_days`` days of ``on`` (this computer's today when None), or have expired,
        soonest first (for the coordinator)."""
        if within_days < 0:
            raise ValidationError(_("The number of days cannot be negative."), "within")
        today = on or self.today()
        found = []
        for volunteer in self.for_hub(hub_id, include_inactive=False, on=today):
            hubs = ", ".join(sorted({a.hub_name for a in volunteer.assignments}, key=sort_key))
            for c in volunteer.clearances:
                if c.expires_on is None or c.done_on is None:
                    continue
                days = (c.expires_on - today).days
                if days <= within_days:
                    found.append(
                        ExpiringClearance(
                            volunteer.id,
                            volunteer.display_name,
                            c.kind_label,
                            c.expires_on,
                            days,
                            ClearanceState.EXPIRED if days < 0 else ClearanceState.EXPIRING,
                            hubs,
                        )
                    )
        found.sort(key=lambda e: (e.expires_on, sort_key(e.volunteer_name), e.kind_label))
        return found

    # -- shifts -------------------------------------------------------------------------

    def session_volunteers(
        self,
        session_id: str,
        *,
        not_before: dt.date | None = None,
        planned: SessionInfo | None = None,
    ) -> list[ShiftEntry]:
        """Who may volunteer at a session: the hub's active and prospective volunteers
        (those assisting its ensemble first) and anyone already on it, with their shift.
        Clearances are judged on the session's day (the day the volunteer is with the
        children), not on the day this is asked; on ``not_before`` if that is later (a
        session dated by a computer whose clock is behind: its real day is at least the
        newest day the register recorded). ``planned``: the session as listed, read
        from if it is not stored yet (a roll opened on a certainly wrong "today")."""
        with self.store.read() as s:
            session = _session_or_planned(s, session_id, planned)
            hub_id = session.hub_id or ""
            shifts = {
                r.volunteer_id: r
                for r in s.exec(
                    select(VolunteerShift).where(
                        VolunteerShift.session_id == session_id, live(VolunteerShift)
                    )
                )
            }
            candidates = s.exec(
                select(Volunteer).where(
                    live(Volunteer),
                    or_(
                        col(Volunteer.id).in_(list(shifts)),
                        col(Volunteer.hub_id) == hub_id,
                        col(Volunteer.id).in_(_assigned_here(hub_id)),
                    ),
                )
            ).all()
            rows = [v for v in candidates if v.id in shifts or v.status != VolunteerStatus.INACTIVE]
            here = set(
                s.exec(
                    select(VolunteerAssignment.volunteer_id).where(
                        VolunteerAssignment.ensemble_id == session.ensemble_id,
                        live(VolunteerAssignment),
                    )
                ).all()
            )
            infos = _infos(s, rows, _judged_on(session.date, not_before))
            staff = dict(s.exec(select(Staff.id, Staff.name)).all())
        entries = []
        for info in infos:
            shift = shifts.get(info.id)
            state = (
                ShiftState(
                    shift.status,
                    shift.sign_in,
                    shift.sign_out,
                    staff.get(shift.confirmed_by or "", ""),
                )
                if shift
                else ShiftState()
            )
            entries.append(ShiftEntry(info, state, assigned_here=info.id in here))
        entries.sort(
            key=lambda e: (e.shift.status is None, not e.assigned_here, e.volunteer.sort_name)
        )
        return entries

    def set_shift(
        self,
        session_id: str,
        volunteer_id: str,
        status: ShiftStatus,
        *,
        by: str | None,
        sign_in: dt.time | None = None,
        sign_out: dt.time | None = None,
        confirmed_by: str | None = None,
        not_before: dt.date | None = None,
        planned: SessionInfo | None = None,
    ) -> ShiftState:
        """Put a volunteer on a session with ``status`` (signing in is attended with a
        sign-in time, now unless given).

        Signing up or attending assigns the volunteer: one who is not cleared on the
        session's day (on ``not_before`` if later, see :meth:`session_volunteers`) needs
        ``confirmed_by``, a site lead of the hub, recorded on the shift with what was
        missing or expired (:class:`NeedsConfirmation` otherwise). A shift confirmed
        once stays confirmed. The session ``planned``, if not stored yet, is stored with
        the shift.
        """
        with self.store.write() as w:
            if planned is not None and planned.id == session_id:
                store_session(w, planned.ensemble_id, planned.date, planned.start, planned.end)
            session = _session(w.session, session_id)
            if session.status == SessionStatus.CANCELLED:
                raise ValidationError(
                    _("This session is cancelled. Restore it before signing volunteers in."),
                    "session",
                )
            volunteer = get_live(
                w.session, Volunteer, volunteer_id, message=_("That volunteer does not exist.")
            )
            judged_on = _judged_on(session.date, not_before)
            info = _infos(w.session, [volunteer], judged_on)[0]  # cleared that day
            shift_id = natural_id("shift", session_id, volunteer_id)
            current = find_live(w.session, VolunteerShift, shift_id)
            fields: dict[str, Any] = {"status": status.value}
            assigns = status in (ShiftStatus.SIGNED_UP, ShiftStatus.ATTENDED)
            already = current is not None and current.confirmed_by
            if assigns and not info.cleared and not already:
                if confirmed_by is None:
                    raise NeedsConfirmation(info.display_name, info.problems)
                lead = find_live(w.session, Staff, confirmed_by)
                if (
                    lead is None
                    or lead.role != StaffRole.SITE_LEAD
                    or lead.hub_id != session.hub_id
                ):
                    raise ValidationError(
                        _(
                            "Only a site lead of this hub can confirm a volunteer who is not cleared."
                        ),
                        "confirmed_by",
                    )
                fields.update(
                    confirmed_by=confirmed_by,
                    confirmed_at=_now_utc(),
                    confirmation_note="; ".join(info.problems),
                )
            if status == ShiftStatus.ATTENDED:
                was_in = current is not None and current.status == ShiftStatus.ATTENDED
                start = (
                    sign_in or (current.sign_in if was_in and current else None) or self._clock()
                )
                if sign_out is not None and sign_out < start:
                    raise ValidationError(_("Signing out must come after signing in."), "sign_out")
                end = (
                    sign_out
                    if sign_out is not None
                    else (current.sign_out if was_in and current else None)
                )
                # Signed in again after an earlier sign-out: that sign-out no longer holds.
                fields.update(sign_in=start, sign_out=end if end is None or end >= start else None)
            else:
                fields.update(sign_in=None, sign_out=None)
            w.upsert(
                VolunteerShift,
                shift_id,
                hub_id=session.hub_id,
                session_id=session_id,
                volunteer_id=volunteer_id,
                recorded_by=by,
                recorded_at=_now_utc(),
                **fields,
            )
            confirmer = fields.get("confirmed_by") or (current.confirmed_by if current else None)
            lead_row = w.session.get(Staff, confirmer) if confirmer else None
        return ShiftState(
            status.value,
            fields.get("sign_in"),
            fields.get("sign_out"),
            lead_row.name if lead_row else "",
        )

    def sign_in(
        self,
        session_id: str,
        volunteer_id: str,
        *,
        by: str | None,
        at: dt.time | None = None,
        confirmed_by: str | None = None,
        not_before: dt.date | None = None,
        planned: SessionInfo | None = None,
    ) -> ShiftState:
        """The volunteer arrives: attended, signed in ``at`` (now)."""
        return self.set_shift(
            session_id,
            volunteer_id,
            ShiftStatus.ATTENDED,
            by=by,
            sign_in=at or self._clock(),
            confirmed_by=confirmed_by,
            not_before=not_before,
            planned=planned,
        )

    def sign_out(
        self, session_id: str, volunteer_id: str, *, by: str | None, at: dt.time | None = None
    ) -> ShiftState:
        """The volunteer leaves: signed out ``at`` (now); they must have signed in, at
        ``at`` or before."""
        with self.store.read() as s:
            current = find_live(s, VolunteerShift, natural_id("shift", session_id, volunteer_id))
        if current is None or current.status != ShiftStatus.ATTENDED or current.sign_in is None:
            raise ValidationError(_("Sign the volunteer in before signing them out."), "sign_out")
        out = at or self._clock()
        if out < current.sign_in:
            raise ValidationError(
                _(
                    "The volunteer signed in at {arrived}: signing out at {time} would be "
                    "before that."
                ).format(arrived=format_time(current.sign_in), time=format_time(out)),
                "sign_out",
            )
        return self.set_shift(
            session_id,
            volunteer_id,
            ShiftStatus.ATTENDED,
            by=by,
            sign_in=current.sign_in,
            sign_out=out,
        )

    def clear_shift(self, session_id: str, volunteer_id: str) -> None:
        """Take a volunteer off a session (recorded by mistake): no status at all."""
        with self.store.write() as w:
            row = find_live(
                w.session, VolunteerShift, natural_id("shift", session_id, volunteer_id)
            )
            if row is not None:
                w.delete(row)

    # -- reports ------------------------------------------------------------------------

    def hours_table(
        self, hub_id: str | None, first: dt.date, last: dt.date
    ) -> tuple[list[str], list[list[Any]]]:
        """Attended hours per volunteer, per hub and per month (see :func:`volunteer_hours`)."""
        with self.store.read() as s:
            return volunteer_hours(s, hub_id, first, last)

    def clearance_table(
        self, hub_id: str | None, *, on: dt.date | None = None
    ) -> tuple[list[str], list[list[Any]]]:
        """Every volunteer's clearance status on ``on`` (this computer's today when None;
        see :func:`clearance_status`)."""
        with self.store.read() as s:
            headers, rows = clearance_status(s, hub_id, on or self.today())
        return headers, flags_in_words(rows)

    def summary_table(
        self, hub_id: str | None, first: dt.date, last: dt.date, *, on: dt.date | None = None
    ) -> tuple[list[str], list[list[Any]]]:
        """Per hub: volunteers by status, active teaching assistants, cleared on ``on``
        (this computer's today when None), hours (see :func:`volunteer_summary`)."""
        with self.store.read() as s:
            return volunteer_summary(s, hub_id, first, last, on or self.today())


# -- the volunteer tables, shared by the Volunteers tab's exports, ``volunteers export``
# and the ``volunteers`` report (one read session each, so a report's sheets agree) -----


def volunteers_of(
    s: Session, hub_id: str | None, today: dt.date, *, include_inactive: bool = True
) -> list[VolunteerInfo]:
    """The volunteers of a hub (home there, or assisting there), by name; every volunteer
    in the database when ``hub_id`` is None."""
    query = select(Volunteer).where(live(Volunteer))
    if hub_id is not None:
        query = query.where(
            or_(
                col(Volunteer.hub_id) == hub_id,
                col(Volunteer.id).in_(_assigned_here(hub_id)),
            )
        )
    rows = s.exec(query).all()
    if not include_inactive:
        rows = [r for r in rows if r.status != VolunteerStatus.INACTIVE]
    return _infos(s, rows, today)


def volunteer_hours(
    s: Session,
    hub_id: str | None,
    first: dt.date,
    last: dt.date,
    *,
    ensemble_id: str | None = None,
    exact: bool = False,
) -> tuple[list[str], list[list[Any]]]:
    """Attended hours per volunteer, per hub and per month, split by kind of session
    (ensemble sessions apart from masterclasses and performances), over sessions that
    were not cancelled and are not on a closure day; only the sessions of
    ``ensemble_id`` when given. Rows: volunteer, role, hub, month (YYYY-MM), kind of
    session, shifts, hours (to two places; every place with ``exact``, for a report whose
    formats round them, so that the rows add up to the hub's total)."""
    if last < first:
        raise ValidationError(_("The period ends before it starts."), "to")
    query = (
        select(VolunteerShift, col(ClassSession.date), col(ClassSession.kind))
        .join(ClassSession, col(ClassSession.id) == VolunteerShift.session_id)
        .where(
            live(VolunteerShift),
            live(ClassSession),
            VolunteerShift.status == ShiftStatus.ATTENDED.value,
            # a cancelled session did not take place: its shifts count no hours, as
            # its students' marks count nothing (restoring it brings them back)
            ClassSession.status != SessionStatus.CANCELLED.value,
            # nor did a session on a closure day of its hub or of the whole programme,
            # which the reports do not count as held (services/reports/sql.py)
            ~exists().where(
                live(Closure),
                col(Closure.date) == col(ClassSession.date),
                or_(col(Closure.hub_id).is_(None), col(Closure.hub_id) == col(ClassSession.hub_id)),
            ),
            ClassSession.date >= first,
            ClassSession.date <= last,
        )
    )
    if hub_id is not None:
        query = query.where(VolunteerShift.hub_id == hub_id)
    if ensemble_id is not None:
        query = query.where(ClassSession.ensemble_id == ensemble_id)
    shifts = s.exec(query).all()
    people = {
        v.id: v
        for v in s.exec(
            select(Volunteer).where(
                col(Volunteer.id).in_({shift.volunteer_id for shift, _d, _k in shifts})
            )
        )
    }
    hubs = dict(s.exec(select(Hub.id, Hub.name)).all())
    totals: dict[tuple[str, str, str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for shift, day, kind in shifts:
        hours = shift_hours(shift.status, shift.sign_in, shift.sign_out)
        group = _kind_group(kind)
        key = (shift.volunteer_id, shift.hub_id or "", f"{day:%Y-%m}", group)
        totals[key][0] += 1
        totals[key][1] += hours
    headers = [
        _("Volunteer"),
        _("Role"),
        _("Hub"),
        _("Month"),
        _("Sessions of"),
        _("Shifts"),
        _("Hours"),
    ]
    rows: list[list[Any]] = []
    for (volunteer_id, hub, month, group), (count, hours) in totals.items():
        person = people.get(volunteer_id)
        name = (
            display_name(
                person.first_name, person.last_name, person.preferred_name, last_first=True
            )
            if person
            else volunteer_id
        )
        rows.append(
            [
                name,
                role_label(person.role) if person else "",
                hubs.get(hub, hub),
                month,
                group,
                int(count),
                hours if exact else round(hours, 2),
            ]
        )
    rows.sort(key=lambda r: (sort_key(r[0]), r[2], r[3], r[4]))
    return headers, rows


def clearance_status(
    s: Session, hub_id: str | None, today: dt.date
) -> tuple[list[str], list[list[Any]]]:
    """Every volunteer's clearance status on ``today``: one row per volunteer and
    required kind. Rows: volunteer, status, cleared (True/False), clearance, done, expires,
    state (valid, expiring, expired, missing)."""
    headers = [
        _("Volunteer"),
        _("Status"),
        _("Cleared"),
        _("Clearance"),
        _("Done"),
        _("Expires"),
        _("State"),
    ]
    rows: list[list[Any]] = []
    for v in volunteers_of(s, hub_id, today):
        for c in v.clearances:
            rows.append(
                [
                    display_name(v.first_name, v.last_name, v.preferred_name, last_first=True),
                    status_label(v.status),
                    v.cleared,
                    c.kind_label,
                    c.done_on,
                    c.expires_on,
                    clearance_state_label(c.state),
                ]
            )
    return headers, rows


def volunteer_summary(
    s: Session,
    hub_id: str | None,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    *,
    ensemble_id: str | None = None,
) -> tuple[list[str], list[list[Any]]]:
    """Per hub: volunteers by status, active teaching assistants, how many are cleared
    (on ``today``), and attended hours in the period (of ``ensemble_id``'s sessions only,
    when given). A volunteer assisting at two hubs counts at both."""
    volunteers = volunteers_of(s, hub_id, today)
    _headers, hour_rows = volunteer_hours(
        s, hub_id, first, last, ensemble_id=ensemble_id, exact=True
    )
    hubs = dict(s.exec(select(Hub.id, Hub.name).where(live(Hub))).all())
    per_hub: dict[str, list[VolunteerInfo]] = defaultdict(list)
    for v in volunteers:
        places = {a.hub_id for a in v.assignments} or {v.hub_id or ""}
        for place in places:
            if hub_id is None or place == hub_id:
                per_hub[place].append(v)
    hours: dict[str, float] = defaultdict(float)
    for row in hour_rows:
        hours[row[2]] += float(row[6])
    headers = [
        _("Hub"),
        pgettext("count", "Active"),
        _("Active teaching assistants"),
        _("Prospects"),
        pgettext("count", "Inactive"),
        _("Active and cleared"),
        _("Active, not cleared"),
        _("Clearances expiring within 30 days"),
        _("Hours"),
    ]
    rows: list[list[Any]] = []
    for place, people in sorted(per_hub.items(), key=lambda kv: sort_key(hubs.get(kv[0], kv[0]))):
        active = [v for v in people if v.status == VolunteerStatus.ACTIVE]
        name = hubs.get(place, place)
        rows.append(
            [
                name,
                len(active),
                sum(1 for v in active if v.role == VolunteerRole.TEACHING_ASSISTANT),
                sum(1 for v in people if v.status == VolunteerStatus.PROSPECT),
                sum(1 for v in people if v.status == VolunteerStatus.INACTIVE),
                sum(1 for v in active if v.cleared),
                sum(1 for v in active if not v.cleared),
                sum(len(v.expiring) for v in active),
                round(hours.get(name, 0.0), 2),
            ]
        )
    return headers, rows


def write_private_table(
    path: Path, headers: list[str], rows: list[list[Any]], *, title: str = "Sheet"
) -> Path:
    """Write a table as ``services.exporting.write_table`` does (.csv or .xlsx), to a file
    only its owner can read: written 0600 beside it from the first byte, then moved into
    place (a failure leaves nothing, and says what to do)."""
    return write_table(Path(path), headers, rows, title=title)


def _kind_group(kind: str) -> str:
    """How hours are split: ensemble sessions (regular, rehearsal), masterclasses,
    performances."""
    if kind == SessionKind.MASTERCLASS:
        return _("masterclass")
    if kind == SessionKind.PERFORMANCE:
        return _("performance")
    return _("ensemble")


def _assigned_here(hub_id: str) -> Any:
    """Subquery: the volunteers with a live assignment at ``hub_id``."""
    return select(VolunteerAssignment.volunteer_id).where(
        VolunteerAssignment.hub_id == hub_id, live(VolunteerAssignment)
    )


def _session(s: Session, session_id: str) -> ClassSession:
    return get_live(
        s,
        ClassSession,
        session_id,
        message=_("That session does not exist. Open it from the sessions list."),
    )


def _session_or_planned(s: Session, session_id: str, planned: SessionInfo | None) -> ClassSession:
    """The stored session ``session_id``, or else ``planned`` (the session as listed,
    not stored yet) as it would be stored: a row read, never added."""
    session = find_live(s, ClassSession, session_id)
    if session is not None or planned is None or planned.id != session_id:
        return session or _session(s, session_id)
    ensemble = get_live(s, Ensemble, planned.ensemble_id)
    return ClassSession(
        id=session_id,
        hub_id=ensemble.hub_id,
        ensemble_id=planned.ensemble_id,
        date=planned.date,
        start=planned.start,
        end=planned.end,
        status=planned.status,
    )


def clearance_kinds(s: Session, *, include_inactive: bool) -> list[ClearanceKindInfo]:
    """The clearance kinds (only the active ones unless ``include_inactive``), in order."""
    rows = s.exec(select(ClearanceKind).where(live(ClearanceKind))).all()
    kinds = [
        ClearanceKindInfo(
            r.id, r.code, r.label, r.validity_months, r.required, r.sort_order, r.active
        )
        for r in rows
        if include_inactive or r.active
    ]
    return sorted(kinds, key=lambda k: (k.sort_order, k.code))


def _judged_on(day: dt.date, not_before: dt.date | None) -> dt.date:
    """The day a volunteer's clearances are judged on: ``day``, or ``not_before`` if
    later."""
    return max(day, not_before) if not_before is not None else day


def _infos(s: Session, rows: Iterable[Volunteer], today: dt.date) -> list[VolunteerInfo]:
    """Volunteer rows as :class:`VolunteerInfo`, with clearances and assignments, by name."""
    rows = list(rows)
    ids = [r.id for r in rows]
    kinds = clearance_kinds(s, include_inactive=False)
    recorded: dict[str, dict[str, VolunteerClearance]] = defaultdict(dict)
    assigned: dict[str, list[VolunteerAssignment]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for c in s.exec(
            select(VolunteerClearance).where(
                col(VolunteerClearance.volunteer_id).in_(chunk), live(VolunteerClearance)
            )
        ):
            recorded[c.volunteer_id][c.kind_id] = c
        for a in s.exec(
            select(VolunteerAssignment).where(
                col(VolunteerAssignment.volunteer_id).in_(chunk), live(VolunteerAssignment)
            )
        ):
            assigned[a.volunteer_id].append(a)
    hubs = dict(s.exec(select(Hub.id, Hub.name)).all())
    ensembles = dict(s.exec(select(Ensemble.id, Ensemble.name)).all())
    infos = []
    for r in rows:
        clearances = []
        for kind in kinds:
            got = recorded[r.id].get(kind.id)
            done, expires = (got.done_on, got.expires_on) if got else (None, None)
            clearances.append(
                ClearanceInfo(
                    kind.id,
                    clearance_label(kind.label),
                    kind.required,
                    done,
                    expires,
                    got.note if got else "",
                    clearance_state(done, expires, today),
                )
            )
        places = sorted(
            (
                Assignment(
                    a.hub_id or "",
                    hubs.get(a.hub_id or "", _("another hub")),
                    a.ensemble_id,
                    ensembles.get(a.ensemble_id, "") if a.ensemble_id else "",
                )
                for a in assigned[r.id]
            ),
            key=lambda a: (sort_key(a.hub_name), sort_key(a.ensemble_name)),
        )
        infos.append(
            VolunteerInfo(
                **{name: getattr(r, name) for name in VOLUNTEER_FIELDS},
                id=r.id,
                hub_id=r.hub_id,
                clearances=tuple(clearances),
                assignments=tuple(places),
                sort_name=name_sort_key(r.preferred_name or r.first_name, r.last_name),
            )
        )
    infos.sort(key=lambda v: (v.sort_name, v.id))
    return infos
