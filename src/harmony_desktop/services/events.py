"""Masterclasses, performances and family events, and what the programme counts of them.

* A **masterclass** is an ad-hoc session of kind masterclass with a guest artist and a
  title; besides its own ensemble it may invite the students of other ensembles or of a
  whole hub (``SessionInvitation``; its roll is taken like any other, see
  ``services/invitations.py``). Masterclass hours are reported apart from ensemble hours.
* A **performance** is a session of kind performance, on or off site (``OS`` counts
  present): a venue (the session's location), the students who performed (its roll) and
  an audience count.
* A **family event** (a parent workshop, a family night) is an event at a hub whose roll
  lists the guardians of the hub's enrolled students, plus walk-ins. The measure is
  **families reached**: how many distinct students had at least one guardian (or
  walk-in for them) attend; and the number of **adults**. A guardian of two siblings is
  one adult who reaches two students (docs/DOMAIN.md, "Family events").

Definitions of every figure are in docs/DOMAIN.md; nothing here logs a name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _, pgettext
from harmony_desktop.domain.names import display_name, fold, name_sort_key, stored_text
from harmony_desktop.domain.vocab import FamilyEventKind, SessionKind, SessionStatus
from harmony_desktop.services.enrollment import EnrolledOn, enrolled_student_ids
from harmony_desktop.services.exporting import flags_in_words
from harmony_desktop.services.invitations import invitations_of
from harmony_desktop.services.roster import normalise_phone
from harmony_desktop.store import ChangeWriter, Store
from harmony_desktop.store.models import (
    AttendanceCode,
    AttendanceMark,
    ClassSession,
    Contact,
    Ensemble,
    FamilyAttendance,
    FamilyEvent,
    Hub,
    SessionInvitation,
    Student,
    new_id,
)
from harmony_desktop.store.queries import find_live, get_live, live
from harmony_desktop.store.replica import natural_id, session_id

Table = tuple[list[str], list[list[Any]]]


def kind_label(kind: str) -> str:
    """A family event's kind for people."""
    labels = {
        FamilyEventKind.PARENT_WORKSHOP: _("Parent workshop"),
        FamilyEventKind.FAMILY_NIGHT: _("Family night"),
        FamilyEventKind.OTHER: _("Other"),
    }
    return labels.get(kind, kind)  # type: ignore[call-overload]


def _minutes(start: dt.time, end: dt.time) -> int:
    return max(0, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))


@dataclass(frozen=True)
class RollCount:
    """How a session's roll stands: expected, present, absent, not recorded."""

    expected: int = 0
    present: int = 0
    absent: int = 0

    @property
    def unrecorded(self) -> int:
        """Expected students with no mark."""
        return max(0, self.expected - self.present - self.absent)


@dataclass(frozen=True)
class MasterclassInfo:
    """A masterclass: who teaches it, who is invited, how many came."""

    session_id: str
    hub_id: str
    ensemble_id: str
    ensemble_name: str
    date: dt.date
    start: dt.time
    end: dt.time
    title: str
    guest_artist: str
    on_site: bool
    location: str
    status: str
    invited_ensembles: tuple[str, ...]
    invited_hubs: tuple[str, ...]
    invited: tuple[str, ...]
    roll: RollCount

    @property
    def student_hours(self) -> float:
        """Present students times the length of the class, in hours."""
        return round(self.roll.present * _minutes(self.start, self.end) / 60, 2)


@dataclass(frozen=True)
class PerformanceInfo:
    """A performance: where, who performed, how many listened."""

    session_id: str
    hub_id: str
    ensemble_name: str
    date: dt.date
    start: dt.time
    end: dt.time
    title: str
    venue: str
    on_site: bool
    status: str
    audience_count: int | None
    roll: RollCount


@dataclass(frozen=True)
class FamilyMeasure:
    """What a family event reached: distinct students, adults, and walk-ins among them."""

    families_reached: int = 0
    adults: int = 0
    walk_ins: int = 0


@dataclass(frozen=True)
class FamilyEventInfo:
    """A family event and what it reached."""

    id: str
    hub_id: str
    title: str
    kind: str
    date: dt.date
    start: dt.time
    end: dt.time
    location: str
    notes: str
    measure: FamilyMeasure


@dataclass(frozen=True)
class AdultEntry:
    """One adult on a family event's roll: a guardian (maybe of several students) or a
    walk-in, with the students they count for."""

    key: str
    name: str
    relationship: str
    contact_ids: tuple[str, ...]
    student_ids: tuple[str, ...]
    student_names: tuple[str, ...]
    attended: bool
    walk_in: bool
    sort_name: tuple[object, ...] = ()

    @property
    def family(self) -> str:
        """ "Ana López, Ben López": the students this adult counts for."""
        return ", ".join(self.student_names)


def measure_of(rows: Iterable[FamilyAttendance]) -> FamilyMeasure:
    """Families reached (distinct students), adults (distinct adult keys) and walk-ins
    among the attended rows of one event."""
    attended = [r for r in rows if r.attended and not r.deleted]
    students = {r.student_id for r in attended if r.student_id}
    adults = {r.adult_key for r in attended}
    walk_ins = {r.adult_key for r in attended if r.contact_id is None}
    return FamilyMeasure(len(students), len(adults), len(walk_ins))


def _adult_identity(contact: Contact) -> tuple[str, ...]:
    """Contacts of different students that are one person: the same name (folded) and
    the same phone, or else the same e-mail; without either, the contact alone."""
    name = fold(contact.name)
    phone = normalise_phone(contact.phone)
    if phone:
        return ("phone", name, phone)
    if contact.email.strip():
        return ("email", name, contact.email.strip().casefold())
    return ("contact", contact.id)


class EventService:
    """Masterclasses, performances and family events of a hub."""

    def __init__(self, store: Store, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self._today = today

    # -- ad-hoc sessions ------------------------------------------------------------------

    @staticmethod
    def _add_session(
        w: ChangeWriter,
        ensemble_id: str,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        **fields: Any,
    ) -> str:
        """Store an ad-hoc session of ``ensemble_id`` (same rules as
        ``SessionService.add_ad_hoc``) inside the caller's transaction."""
        if end <= start:
            raise ValidationError(_("The session must end after it starts."), "end")
        ensemble = get_live(w.session, Ensemble, ensemble_id)
        sid = session_id(ensemble_id, day, start)
        if find_live(w.session, ClassSession, sid) is not None:
            raise ValidationError(
                _("This ensemble already has a session starting at {time} that day.").format(
                    time=start.strftime("%H:%M")
                ),
                "start",
            )
        w.upsert(
            ClassSession,
            sid,
            hub_id=ensemble.hub_id,
            ensemble_id=ensemble_id,
            date=day,
            start=start,
            end=end,
            **{"location": ensemble.location, **fields},
        )
        return sid

    def add_masterclass(
        self,
        ensemble_id: str,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        *,
        title: str,
        guest_artist: str,
        invite_ensembles: Iterable[str] = (),
        invite_hubs: Iterable[str] = (),
        on_site: bool = True,
        location: str = "",
    ) -> str:
        """Add a masterclass of ``ensemble_id`` taught by ``guest_artist``, inviting the
        students of other ensembles and hubs too; returns the session id."""
        title, guest_artist = stored_text(title), stored_text(guest_artist)
        if not title:
            raise ValidationError(_("Give the masterclass a title."), "title")
        if not guest_artist:
            raise ValidationError(_("Name the guest artist."), "guest_artist")
        fields: dict[str, Any] = {
            "kind": SessionKind.MASTERCLASS.value,
            "title": title,
            "guest_artist": guest_artist,
            "on_site": on_site,
        }
        if location.strip():
            fields["location"] = stored_text(location)
        with self.store.write() as w:
            sid = self._add_session(w, ensemble_id, day, start, end, **fields)
            self._set_invitations(w, sid, set(invite_ensembles) - {ensemble_id}, set(invite_hubs))
        return sid

    def set_invitations(
        self, session_id_: str, ensembles: Iterable[str], hubs: Iterable[str]
    ) -> None:
        """Make ``ensembles`` and ``hubs`` the ones a masterclass invites."""
        with self.store.write() as w:
            self._set_invitations(w, session_id_, set(ensembles), set(hubs))

    @staticmethod
    def _set_invitations(w: ChangeWriter, sid: str, ensembles: set[str], hubs: set[str]) -> None:
        session = get_live(w.session, ClassSession, sid)
        if session.kind != SessionKind.MASTERCLASS:
            raise ValidationError(_("Only a masterclass invites other ensembles."), "kind")
        for ensemble_id in ensembles:
            get_live(w.session, Ensemble, ensemble_id)
        for hub_id in hubs:
            get_live(w.session, Hub, hub_id)
        wanted = {("ensemble", e) for e in ensembles} | {("hub", h) for h in hubs}
        current = w.session.exec(
            select(SessionInvitation).where(
                SessionInvitation.session_id == sid, live(SessionInvitation)
            )
        ).all()
        have = set()
        for row in current:
            key = ("ensemble", row.ensemble_id) if row.ensemble_id else ("hub", row.invited_hub_id)
            if key in wanted:
                have.add(key)
            else:
                w.delete(row)
        for what, target in sorted(wanted - have):
            w.upsert(
                SessionInvitation,
                natural_id("invitation", sid, what, str(target)),
                hub_id=session.hub_id,
                session_id=sid,
                ensemble_id=target if what == "ensemble" else None,
                invited_hub_id=target if what == "hub" else None,
            )

    def add_performance(
        self,
        ensemble_id: str,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        *,
        title: str,
        venue: str,
        on_site: bool,
        audience_count: int | None = None,
    ) -> str:
        """Add a performance of ``ensemble_id`` at ``venue``; returns the session id."""
        _check_audience(audience_count)
        with self.store.write() as w:
            return self._add_session(
                w,
                ensemble_id,
                day,
                start,
                end,
                kind=SessionKind.PERFORMANCE.value,
                title=stored_text(title),
                on_site=on_site,
                audience_count=audience_count,
                **({"location": stored_text(venue)} if venue.strip() else {}),
            )

    def set_performance(
        self,
        session_id_: str,
        *,
        audience_count: int | None = None,
        venue: str | None = None,
        on_site: bool | None = None,
        clear_audience: bool = False,
    ) -> None:
        """Record a performance's audience count (``clear_audience``: not counted), venue
        or whether it was on site."""
        _check_audience(audience_count)
        fields: dict[str, Any] = {}
        if audience_count is not None or clear_audience:
            fields["audience_count"] = audience_count
        if venue is not None:
            fields["location"] = stored_text(venue)
        if on_site is not None:
            fields["on_site"] = on_site
        with self.store.write() as w:
            row = get_live(w.session, ClassSession, session_id_)
            if row.kind != SessionKind.PERFORMANCE:
                raise ValidationError(_("Only a performance has an audience."), "kind")
            w.update(row, **fields)

    # -- reading sessions -----------------------------------------------------------------

    def masterclasses(
        self, hub_id: str | None, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[MasterclassInfo]:
        """The masterclasses of a hub (every hub: None) in a period, by date."""
        with self.store.read() as s:
            return masterclass_infos(s, hub_id, first, last)

    def performances(
        self, hub_id: str | None, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[PerformanceInfo]:
        """The performances of a hub (every hub: None) in a period, by date."""
        with self.store.read() as s:
            return performance_infos(s, hub_id, first, last)

    # -- family events ----------------------------------------------------------------------

    def add_family_event(
        self,
        hub_id: str,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        *,
        title: str,
        kind: FamilyEventKind = FamilyEventKind.FAMILY_NIGHT,
        location: str = "",
        notes: str = "",
    ) -> str:
        """Add a family event at ``hub_id``; returns its id."""
        values = _event_values(title=title, start=start, end=end, kind=kind.value)
        with self.store.write() as w:
            get_live(w.session, Hub, hub_id)
            row = w.insert(
                FamilyEvent(
                    hub_id=hub_id,
                    date=day,
                    location=stored_text(location),
                    notes=stored_text(notes),
                    **values,
                )
            )
            return row.id

    def update_family_event(self, event_id: str, **fields: Any) -> None:
        """Change a family event's title, kind, date, times, location or notes."""
        with self.store.write() as w:
            row = get_live(
                w.session, FamilyEvent, event_id, message=_("That event does not exist.")
            )
            merged = {
                "title": fields.get("title", row.title),
                "start": fields.get("start", row.start),
                "end": fields.get("end", row.end),
                "kind": fields.get("kind", row.kind),
            }
            values = _event_values(**merged)
            for name in ("date", "location", "notes"):
                if name in fields:
                    value = fields[name]
                    values[name] = stored_text(value) if isinstance(value, str) else value
            w.update(row, **values)

    def remove_family_event(self, event_id: str) -> None:
        """Delete a family event and its attendance (tombstones that sync)."""
        with self.store.write() as w:
            row = get_live(
                w.session, FamilyEvent, event_id, message=_("That event does not exist.")
            )
            for attendance in w.session.exec(
                select(FamilyAttendance).where(
                    FamilyAttendance.event_id == event_id, live(FamilyAttendance)
                )
            ).all():
                w.delete(attendance)
            w.delete(row)

    def family_events(
        self, hub_id: str | None, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[FamilyEventInfo]:
        """The family events of a hub (every hub: None) in a period, newest first, with
        what each reached."""
        with self.store.read() as s:
            return family_event_infos(s, hub_id, first, last)

    def family_event(self, event_id: str) -> FamilyEventInfo:
        """One family event with what it reached."""
        with self.store.read() as s:
            e = get_live(s, FamilyEvent, event_id, message=_("That event does not exist."))
            rows = _attendance_by_event(s, [event_id]).get(event_id, [])
        return FamilyEventInfo(
            e.id, e.hub_id or "", e.title, e.kind, e.date, e.start, e.end, e.location, e.notes,
            measure_of(rows),
        )  # fmt: skip

    def family_roll(self, event_id: str) -> list[AdultEntry]:
        """The roll of a family event: every guardian of the students enrolled at the
        hub that day, once per person (a guardian of siblings is one entry), then the
        walk-ins; by the family's last name."""
        with self.store.read() as s:
            event = get_live(s, FamilyEvent, event_id, message=_("That event does not exist."))
            enrolled = _hub_students(s, event.hub_id or "", event.date)
            rows = _attendance_by_event(s, [event_id]).get(event_id, [])
            marked_students = {r.student_id for r in rows if r.student_id}
            students = {
                st.id: st
                for st in s.exec(
                    select(Student).where(col(Student.id).in_(set(enrolled) | marked_students))
                )
            }
            contacts = s.exec(
                select(Contact).where(
                    col(Contact.student_id).in_(enrolled),
                    live(Contact),
                    col(Contact.is_guardian).is_(True),
                )
            ).all()
        by_contact = {r.contact_id: r for r in rows if r.contact_id}
        groups: dict[tuple[str, ...], list[Contact]] = defaultdict(list)
        for contact in contacts:
            groups[_adult_identity(contact)].append(contact)

        def names(ids: Iterable[str]) -> tuple[tuple[str, ...], tuple[object, ...]]:
            found = [students[i] for i in ids if i in students]
            found.sort(
                key=lambda st: name_sort_key(
                    st.preferred_name or st.legal_first_name, st.legal_last_name
                )
            )
            shown = tuple(
                display_name(st.legal_first_name, st.legal_last_name, st.preferred_name)
                for st in found
            )
            first = found[0] if found else None
            key = (
                name_sort_key(first.preferred_name or first.legal_first_name, first.legal_last_name)
                if first
                else ()
            )
            return shown, key

        entries = []
        for members in groups.values():
            members.sort(key=lambda c: (c.priority, c.id))
            recorded = [by_contact[c.id] for c in members if c.id in by_contact]
            key = recorded[0].adult_key if recorded else min(c.id for c in members)
            student_ids = tuple(dict.fromkeys(c.student_id for c in members))
            shown, order = names(student_ids)
            entries.append(
                AdultEntry(
                    key=key,
                    name=members[0].name,
                    relationship=members[0].relationship,
                    contact_ids=tuple(c.id for c in members),
                    student_ids=student_ids,
                    student_names=shown,
                    attended=any(r.attended for r in recorded),
                    walk_in=False,
                    sort_name=(0, order, sort_key(members[0].name)),
                )
            )
        walk_ins: dict[str, list[FamilyAttendance]] = defaultdict(list)
        for r in rows:
            if r.contact_id is None:
                walk_ins[r.adult_key].append(r)
        for key, group in walk_ins.items():
            student_ids = tuple(dict.fromkeys(r.student_id for r in group if r.student_id))
            shown, order = names(student_ids)
            entries.append(
                AdultEntry(
                    key=key,
                    name=group[0].name,
                    relationship=group[0].relationship,
                    contact_ids=(),
                    student_ids=student_ids,
                    student_names=shown,
                    attended=any(r.attended for r in group),
                    walk_in=True,
                    sort_name=(1, order, sort_key(group[0].name)),
                )
            )
        entries.sort(key=lambda e: (e.sort_name, e.key))
        return entries

    def mark_adult(
        self, event_id: str, adult: AdultEntry, attended: bool, *, by: str | None
    ) -> FamilyMeasure:
        """Record whether an adult of the roll came; returns the event's new measure.

        A guardian of several students gets one row per student (one per contact row),
        all with the same adult key, so the event counts one adult and every student."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.store.write() as w:
            event = get_live(
                w.session, FamilyEvent, event_id, message=_("That event does not exist.")
            )
            if adult.walk_in:
                rows = w.session.exec(
                    select(FamilyAttendance).where(
                        FamilyAttendance.event_id == event_id,
                        FamilyAttendance.adult_key == adult.key,
                        live(FamilyAttendance),
                    )
                ).all()
                for row in rows:
                    w.update(row, attended=attended, recorded_by=by, recorded_at=now)
            else:
                for contact_id in adult.contact_ids:
                    contact = get_live(w.session, Contact, contact_id)
                    w.upsert(
                        FamilyAttendance,
                        natural_id("family", event_id, contact_id),
                        hub_id=event.hub_id,
                        event_id=event_id,
                        contact_id=contact_id,
                        student_id=contact.student_id,
                        adult_key=adult.key,
                        attended=attended,
                        recorded_by=by,
                        recorded_at=now,
                    )
            rows = _attendance_by_event(w.session, [event_id]).get(event_id, [])
        return measure_of(rows)

    def add_walk_in(
        self,
        event_id: str,
        name: str,
        *,
        relationship: str = "",
        student_ids: Iterable[str] = (),
        by: str | None,
    ) -> str:
        """Add an adult who is not on the roll, counting for ``student_ids`` (of the
        hub) if any; they attended. Returns their adult key."""
        name = stored_text(name)
        if not name:
            raise ValidationError(_("Type the walk-in's name."), "name")
        key = new_id()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.store.write() as w:
            event = get_live(
                w.session, FamilyEvent, event_id, message=_("That event does not exist.")
            )
            targets: list[str | None] = list(dict.fromkeys(student_ids)) or [None]
            for student_id in targets:
                if student_id is not None:
                    student = get_live(w.session, Student, student_id)
                    if student.hub_id != event.hub_id:
                        raise ValidationError(_("That student is at another hub."), "students")
                w.insert(
                    FamilyAttendance(
                        id=natural_id("walk_in", key, student_id or ""),
                        hub_id=event.hub_id,
                        event_id=event_id,
                        student_id=student_id,
                        adult_key=key,
                        name=name,
                        relationship=stored_text(relationship),
                        attended=True,
                        recorded_by=by,
                        recorded_at=now,
                    )
                )
        return key

    def remove_walk_in(self, event_id: str, adult_key: str) -> None:
        """Remove a walk-in added by mistake."""
        with self.store.write() as w:
            for row in w.session.exec(
                select(FamilyAttendance).where(
                    FamilyAttendance.event_id == event_id,
                    FamilyAttendance.adult_key == adult_key,
                    col(FamilyAttendance.contact_id).is_(None),
                    live(FamilyAttendance),
                )
            ).all():
                w.delete(row)

    def hub_students(self, hub_id: str, day: dt.date) -> list[tuple[str, str]]:
        """(id, name) of the students enrolled at a hub on ``day``, by name (for walk-ins)."""
        with self.store.read() as s:
            ids = _hub_students(s, hub_id, day)
            rows = s.exec(select(Student).where(col(Student.id).in_(ids), live(Student))).all()
        rows = sorted(
            rows,
            key=lambda st: name_sort_key(
                st.preferred_name or st.legal_first_name, st.legal_last_name
            ),
        )
        return [
            (
                st.id,
                display_name(
                    st.legal_first_name, st.legal_last_name, st.preferred_name, last_first=True
                ),
            )
            for st in rows
        ]

    # -- the engagement report ----------------------------------------------------------

    def engagement_tables(
        self, hub_id: str | None, first: dt.date, last: dt.date
    ) -> dict[str, Table]:
        """The engagement tables of a hub (every hub: None); see :func:`engagement`."""
        with self.store.read() as s:
            tables = engagement(s, hub_id, first, last)
        return {key: (headers, flags_in_words(rows)) for key, (headers, rows) in tables.items()}


# -- what the programme counts (shared by the Events exports, ``events export`` and the
# ``engagement`` report; each takes one read session, so a report's sheets agree) ------


def masterclass_infos(
    s: Session,
    hub_id: str | None,
    first: dt.date | None = None,
    last: dt.date | None = None,
    *,
    ensemble_id: str | None = None,
) -> list[MasterclassInfo]:
    """The masterclasses of a hub (every hub: None; only ``ensemble_id``'s when given)
    in a period, by date."""
    rows = _sessions(s, hub_id, SessionKind.MASTERCLASS, first, last, ensemble_id)
    invitations = invitations_of(s, [r.id for r, _e in rows])
    counts = _roll_counts(s, rows, invitations)
    hubs = dict(s.exec(select(Hub.id, Hub.name)).all())
    names = dict(s.exec(select(Ensemble.id, Ensemble.name)).all())
    infos = []
    for row, ensemble in rows:
        invited = invitations.get(row.id, [])
        ens = tuple(i.ensemble_id for i in invited if i.ensemble_id)
        hub_ids = tuple(i.invited_hub_id for i in invited if i.invited_hub_id)
        labels = [names.get(e, _("another ensemble")) for e in ens]
        labels += [_("all of {hub}").format(hub=hubs.get(h, _("another hub"))) for h in hub_ids]
        infos.append(
            MasterclassInfo(
                row.id,
                row.hub_id or "",
                row.ensemble_id,
                ensemble.name,
                row.date,
                row.start,
                row.end,
                row.title,
                row.guest_artist,
                row.on_site,
                row.location,
                row.status,
                ens,
                hub_ids,
                tuple(sorted(labels, key=sort_key)),
                counts[row.id],
            )
        )
    return infos


def performance_infos(
    s: Session,
    hub_id: str | None,
    first: dt.date | None = None,
    last: dt.date | None = None,
    *,
    ensemble_id: str | None = None,
) -> list[PerformanceInfo]:
    """The performances of a hub (every hub: None; only ``ensemble_id``'s when given) in
    a period, by date."""
    rows = _sessions(s, hub_id, SessionKind.PERFORMANCE, first, last, ensemble_id)
    counts = _roll_counts(s, rows, {})
    return [
        PerformanceInfo(
            row.id,
            row.hub_id or "",
            ensemble.name,
            row.date,
            row.start,
            row.end,
            row.title,
            row.location,
            row.on_site,
            row.status,
            row.audience_count,
            counts[row.id],
        )
        for row, ensemble in rows
    ]


def family_event_infos(
    s: Session, hub_id: str | None, first: dt.date | None = None, last: dt.date | None = None
) -> list[FamilyEventInfo]:
    """The family events of a hub (every hub: None) in a period, newest first, with what
    each reached."""
    query = select(FamilyEvent).where(live(FamilyEvent))
    if hub_id is not None:
        query = query.where(FamilyEvent.hub_id == hub_id)
    if first is not None:
        query = query.where(FamilyEvent.date >= first)
    if last is not None:
        query = query.where(FamilyEvent.date <= last)
    events = s.exec(query).all()
    by_event = _attendance_by_event(s, [e.id for e in events])
    infos = [
        FamilyEventInfo(
            e.id,
            e.hub_id or "",
            e.title,
            e.kind,
            e.date,
            e.start,
            e.end,
            e.location,
            e.notes,
            measure_of(by_event.get(e.id, [])),
        )
        for e in events
    ]
    infos.sort(key=lambda i: (i.date, i.start, i.id), reverse=True)
    return infos


def engagement(
    s: Session,
    hub_id: str | None,
    first: dt.date,
    last: dt.date,
    *,
    ensemble_id: str | None = None,
) -> dict[str, Table]:
    """The engagement tables: family events (per event, and per hub), performances,
    masterclasses, and student hours with masterclass hours apart from ensemble hours.
    ``ensemble_id`` narrows the sessions (performances, masterclasses, hours); family
    events belong to a hub, not an ensemble, and stay the hub's."""
    if last < first:
        raise ValidationError(_("The period ends before it starts."), "to")
    hubs = dict(s.exec(select(Hub.id, Hub.name)).all())

    def in_order(row: FamilyEventInfo | PerformanceInfo | MasterclassInfo) -> tuple[Any, ...]:
        # By date and time, then hub and title: the same order on every laptop.
        return (row.date, row.start, sort_key(hubs.get(row.hub_id, "")), sort_key(row.title))

    events = sorted(family_event_infos(s, hub_id, first, last), key=in_order)
    shows = sorted(performance_infos(s, hub_id, first, last, ensemble_id=ensemble_id), key=in_order)
    classes = sorted(
        masterclass_infos(s, hub_id, first, last, ensemble_id=ensemble_id), key=in_order
    )
    families: Table = (
        [_("Hub"), _("Date"), _("Event"), _("Kind"), _("Families reached"), _("Adults"), _("Walk-ins")],
        [
            [hubs.get(e.hub_id, e.hub_id), e.date, e.title, kind_label(e.kind),
             e.measure.families_reached, e.measure.adults, e.measure.walk_ins]
            for e in events
        ],
    )  # fmt: skip
    performances: Table = (
        [_("Hub"), _("Date"), _("Ensemble"), _("Performance"), _("Venue"), _("On site"),
         _("Performers"), _("Audience")],
        [
            [hubs.get(p.hub_id, p.hub_id), p.date, p.ensemble_name, p.title, p.venue,
             p.on_site, p.roll.present, p.audience_count]
            for p in shows
            if p.status != SessionStatus.CANCELLED
        ],
    )  # fmt: skip
    masterclasses: Table = (
        [_("Hub"), _("Date"), _("Masterclass"), _("Guest artist"), _("Invited"),
         _("Expected"), pgettext("count", "Present"), _("Absent"), _("Not recorded"), _("Student hours")],
        [
            [hubs.get(m.hub_id, m.hub_id), m.date, m.title, m.guest_artist,
             ", ".join([m.ensemble_name, *m.invited]), m.roll.expected, m.roll.present,
             m.roll.absent, m.roll.unrecorded, m.student_hours]
            for m in classes
            if m.status != SessionStatus.CANCELLED
        ],
    )  # fmt: skip
    return {
        "family_events": families,
        "families_per_hub": _families_per_hub(s, hub_id, first, last, hubs),
        "performances": performances,
        "masterclasses": masterclasses,
        "student_hours": _student_hours(s, hub_id, first, last, hubs, ensemble_id),
    }


def _families_per_hub(
    s: Session, hub_id: str | None, first: dt.date, last: dt.date, hubs: dict[str, str]
) -> Table:
    """Per hub: events held, distinct students reached over the period (a student
    reached at two events counts once) and adult attendances (summed over events)."""
    query = select(FamilyEvent).where(
        live(FamilyEvent), FamilyEvent.date >= first, FamilyEvent.date <= last
    )
    if hub_id is not None:
        query = query.where(FamilyEvent.hub_id == hub_id)
    events = s.exec(query).all()
    by_event = _attendance_by_event(s, [e.id for e in events])
    totals: dict[str, list[Any]] = {}
    for e in events:
        entry = totals.setdefault(e.hub_id or "", [0, set(), 0])
        entry[0] += 1
        rows = by_event.get(e.id, [])
        entry[1].update(r.student_id for r in rows if r.attended and r.student_id)
        entry[2] += measure_of(rows).adults
    return (
        [_("Hub"), _("Family events"), _("Families reached"), _("Adult attendances")],
        [
            [hubs.get(h, h), count, len(students), adults]
            for h, (count, students, adults) in sorted(
                totals.items(), key=lambda kv: sort_key(hubs.get(kv[0], kv[0]))
            )
        ],
    )


def _student_hours(
    s: Session,
    hub_id: str | None,
    first: dt.date,
    last: dt.date,
    hubs: dict[str, str],
    ensemble_id: str | None = None,
) -> Table:
    """Per hub: present students times session length, held sessions only, split into
    ensemble sessions (regular and rehearsals), masterclasses and performances."""
    present = set(
        s.exec(
            select(AttendanceCode.code).where(
                col(AttendanceCode.counts_present).is_(True), live(AttendanceCode)
            )
        ).all()
    )
    query = (
        # One row per held session with its present marks counted by SQLite (marks read
        # from their covering report index), not a row per mark.
        sa_select(
            col(ClassSession.hub_id),
            col(ClassSession.kind),
            col(ClassSession.start),
            col(ClassSession.end),
            func.count(),
        )
        .join(AttendanceMark, col(AttendanceMark.session_id) == ClassSession.id)
        .where(
            live(ClassSession),
            live(AttendanceMark),
            col(ClassSession.status) == SessionStatus.HELD.value,
            col(ClassSession.date) >= first,
            col(ClassSession.date) <= last,
            col(AttendanceMark.code).in_(present),
        )
        .group_by(col(ClassSession.id))
    )
    if hub_id is not None:
        query = query.where(col(ClassSession.hub_id) == hub_id)
    if ensemble_id is not None:
        query = query.where(col(ClassSession.ensemble_id) == ensemble_id)
    # Minutes kept whole and turned into hours once per hub: the same figures as adding
    # each mark's hours, without the drift of adding 1/60ths a mark at a time.
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for hub, kind, start, end, marks in s.connection().execute(query):
        group = kind if kind in (SessionKind.MASTERCLASS, SessionKind.PERFORMANCE) else "ensemble"
        totals[hub or ""][group] += _minutes(start, end) * marks
    for groups in totals.values():
        for group in groups:
            groups[group] /= 60
    return (
        [_("Hub"), _("Ensemble hours"), _("Masterclass hours"), _("Performance hours")],
        [
            [hubs.get(h, h), round(t["ensemble"], 2), round(t[SessionKind.MASTERCLASS], 2),
             round(t[SessionKind.PERFORMANCE], 2)]
            for h, t in sorted(totals.items(), key=lambda kv: sort_key(hubs.get(kv[0], kv[0])))
        ],
    )  # fmt: skip


def _check_audience(count: int | None) -> None:
    if count is not None and not 0 <= count <= 1_000_000:
        raise ValidationError(_("The audience is a number from 0 to 1,000,000."), "audience_count")


def _event_values(*, title: str, start: dt.time, end: dt.time, kind: str) -> dict[str, Any]:
    title = stored_text(title)
    if not title:
        raise ValidationError(_("Give the event a title."), "title")
    if end <= start:
        raise ValidationError(_("The event must end after it starts."), "end")
    if kind not in {k.value for k in FamilyEventKind}:
        raise ValidationError(_("Unknown kind of event {kind!r}.").format(kind=kind), "kind")
    return {"title": title, "start": start, "end": end, "kind": kind}


def _sessions(
    s: Session,
    hub_id: str | None,
    kind: SessionKind,
    first: dt.date | None,
    last: dt.date | None,
    ensemble_id: str | None = None,
) -> list[tuple[ClassSession, Ensemble]]:
    query = (
        select(ClassSession, Ensemble)
        .join(Ensemble, col(Ensemble.id) == ClassSession.ensemble_id)
        .where(live(ClassSession), ClassSession.kind == kind.value)
    )
    if hub_id is not None:
        query = query.where(ClassSession.hub_id == hub_id)
    if first is not None:
        query = query.where(ClassSession.date >= first)
    if last is not None:
        query = query.where(ClassSession.date <= last)
    if ensemble_id is not None:
        query = query.where(ClassSession.ensemble_id == ensemble_id)
    rows = [(row, ensemble) for row, ensemble in s.exec(query)]
    rows.sort(key=lambda pair: (pair[0].date, pair[0].start, pair[0].id))
    return rows


def _roll_counts(
    s: Session,
    rows: list[tuple[ClassSession, Ensemble]],
    invitations: dict[str, list[SessionInvitation]],
) -> dict[str, RollCount]:
    """Expected, present and absent students of each session (present by the codes'
    flags; marks with no code are not recorded)."""
    present = set(
        s.exec(
            select(AttendanceCode.code).where(
                col(AttendanceCode.counts_present).is_(True), live(AttendanceCode)
            )
        ).all()
    )
    ids = [row.id for row, _e in rows]
    # Each session's recorded and present marks counted by SQLite, one GROUP BY (the
    # marks read from their covering report index), not a row per mark.
    marked: dict[str, tuple[int, int]] = {}
    for start in range(0, len(ids), 500):
        for sid, recorded, here in s.connection().execute(
            sa_select(
                col(AttendanceMark.session_id),
                func.count(),
                func.sum(case((col(AttendanceMark.code).in_(present), 1), else_=0)),
            )
            .where(
                col(AttendanceMark.session_id).in_(ids[start : start + 500]),
                live(AttendanceMark),
                col(AttendanceMark.code).is_not(None),
            )
            .group_by(col(AttendanceMark.session_id))
        ):
            marked[sid] = (recorded, here)
    # Who is expected, from every span of the ensembles concerned read once (the
    # sessions' own and those their invitations name), not a query per session.
    hub_ensembles: dict[str, list[str]] = defaultdict(list)
    for ensemble_id, ensemble_hub in s.exec(
        select(Ensemble.id, Ensemble.hub_id).where(live(Ensemble))
    ):
        hub_ensembles[ensemble_hub or ""].append(ensemble_id)
    invited: dict[str, list[str]] = {}
    for row, _ensemble in rows:
        named = [i.ensemble_id for i in invitations.get(row.id, ()) if i.ensemble_id]
        for i in invitations.get(row.id, ()):
            if not i.ensemble_id and i.invited_hub_id:
                named.extend(hub_ensembles.get(i.invited_hub_id, ()))
        invited[row.id] = [e for e in dict.fromkeys(named) if e != row.ensemble_id]
    spans = EnrolledOn(
        s, list({row.ensemble_id for row, _e in rows} | {e for v in invited.values() for e in v})
    )
    counts = {}
    for row, _ensemble in rows:
        expected = spans.student_ids(row.ensemble_id, row.date)
        for other in invited[row.id]:
            expected.extend(spans.student_ids(other, row.date))
        recorded, here = marked.get(row.id, (0, 0))
        counts[row.id] = RollCount(
            max(len(dict.fromkeys(expected)), recorded), here, recorded - here
        )
    return counts


def _attendance_by_event(s: Session, event_ids: list[str]) -> dict[str, list[FamilyAttendance]]:
    found: dict[str, list[FamilyAttendance]] = defaultdict(list)
    for start in range(0, len(event_ids), 500):
        for row in s.exec(
            select(FamilyAttendance).where(
                col(FamilyAttendance.event_id).in_(event_ids[start : start + 500]),
                live(FamilyAttendance),
            )
        ):
            found[row.event_id].append(row)
    return found


def _hub_students(s: Session, hub_id: str, day: dt.date) -> list[str]:
    """Students enrolled in any ensemble of the hub on ``day``."""
    ensembles = s.exec(select(Ensemble.id).where(Ensemble.hub_id == hub_id, live(Ensemble))).all()
    ids: list[str] = []
    for ensemble_id in ensembles:
        ids.extend(enrolled_student_ids(s, ensemble_id, day))
    return list(dict.fromkeys(ids))
