"""Sync health: which devices are current, which are overdue or hold a large backlog.

One report serves the console's first page and ``harmony-sync admin health``, so the two
always agree. A device is **overdue** when it is ``overdue_school_days`` or more days late
(:meth:`Calendar.days_late`): counted from the first day one of its hubs' ensembles met
after its last complete sync (or its enrollment, if it never synced), that day and each
office day (Monday to Friday) after it, less the closure days the laptops synced, in its
hub's time zone. With the default 2, a Saturday hub that missed Saturday's marks is
flagged on Monday, 00:00; a Tuesday/Thursday hub's laptop last synced on Thursday is
flagged on Wednesday after a Tuesday it did not sync; a hub whose ensembles follow the
terms is never flagged between terms. A hub that meets on no day after the sync counts
Monday to Friday (:func:`school_days_since`): one the server knows no ensemble of, one
whose ensembles are all archived, one none of whose ensembles meets again
(:meth:`Calendar.weekdays_because`); and so does a data manager's laptop
(:data:`OFFICE_DAYS`). It is **over the backlog
limit** when it last reported more changes waiting than ``backlog_limit``. It is flagged
too when its last request was refused for something only someone at the laptop can fix
(:data:`REFUSALS`), and for :data:`REFUSED_CHANGES_DAYS` days after the server refused
one of its changes for good (:data:`CHANGE_REFUSALS`), unless an admin marked it as dealt
with (:func:`mark_refusals_dealt`). A hub is **overdue** when none of
its laptops synced within the same limit as a device. Archived hubs,
revoked devices and devices still awaiting enrollment are never flagged.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, insert, select

from harmony_sync.server.accounts import DEVICE_HUBS, DEVICES, HUBS, ROWS, as_utc
from harmony_sync.server.admin.contacts import CONTACTS, error_words
from harmony_sync.server.admin.i18n import DEFAULT, N_, Language, current
from harmony_sync.server.admin.models import RefusalsDealt
from harmony_sync.server.admin.settings import ConsoleSettings, zone
from harmony_sync.server.store import CONFLICTS, REJECTIONS

DEALT = RefusalsDealt.__table__  # type: ignore[attr-defined]

#: A device's state; the console shows it translated (``_(status)``).
ENROLLED, AWAITING, REVOKED = N_("enrolled"), N_("awaiting enrollment"), N_("revoked")

#: Which days a device's or hub's silence is counted in (``days_counted``): the days its
#: hubs' ensembles meet; Monday to Friday for a hub the server knows no ensemble of yet
#: (a new programme); Monday to Friday for a data manager's laptop, which meets nowhere
#: but carries the programme's set-up (school year, terms, staff, codes) every hub
#: pulls, and is used in the office on working days, terms or not.
MEETING_DAYS, WEEKDAYS, OFFICE_DAYS = "meetings", "weekdays", "office"

#: Why a hub's days are counted Monday to Friday (``weekdays_because``, WEEKDAYS only):
#: the server knows none of its ensembles; all of them are archived; none of them meets
#: after the sync (they ended, or have no weekly meeting) (:meth:`Calendar.weekdays_because`).
NO_ENSEMBLES, ARCHIVED, NO_MEETINGS = "no_ensembles", "ensembles_archived", "no_meetings"

#: How a hub's or laptop's days late are counted, in words (the Hubs page, and English in
#: ``admin health --json``'s ``days_counted_words``): by ``days_counted``, and for
#: WEEKDAYS by why (``weekdays_because``).
DAYS_COUNTED_WORDS = {
    MEETING_DAYS: N_(
        "Days late counted from the first day the hub's ensembles met after the last sync: "
        "that day and each office day (Monday to Friday) since, less closure days."
    ),
    NO_ENSEMBLES: N_(
        "Days late counted Monday to Friday after the last sync, less closure days: the "
        "server knows no ensemble of the hub yet."
    ),
    ARCHIVED: N_(
        "Days late counted Monday to Friday after the last sync, less closure days: every "
        "ensemble of the hub is archived, so it meets on no day."
    ),
    NO_MEETINGS: N_(
        "Days late counted Monday to Friday after the last sync, less closure days: no "
        "ensemble of the hub meets after it (they ended, or have no weekly meeting)."
    ),
    OFFICE_DAYS: N_(
        "Days late counted Monday to Friday after the last sync, less the programme's "
        "closure days: a data manager's laptop."
    ),
}

#: Refusals (PROTOCOL.md section 3) that last until someone at the laptop acts, and what
#: the office reads about each: the laptop's changes wait on it meanwhile.
REFUSALS = {
    "clock_skew": N_(
        "changes refused: its clock is wrong. Have its date, time and time zone corrected, "
        "then sync again"
    ),
    "version_mismatch": N_(
        "sync refused: its app and the server are of different versions. Update the app on "
        "this laptop (or the server)"
    ),
}


#: Changes the server refused for good (PROTOCOL.md section 5, rule 3) stay in "Needs
#: review" on the laptop until someone there deals with them; the server cannot see when
#: they do (a dismissed refusal is not reported, and a corrected record is just another
#: change), so a laptop is flagged while it has refusals recorded this recently that an
#: admin has not marked as dealt with (:func:`mark_refusals_dealt`).
REFUSED_CHANGES_DAYS = 7

#: Why a change was refused (the server's rejection codes), in words for the office.
CHANGE_REFUSALS = {
    "unknown_table": N_("the server does not know this kind of record"),
    "bad_row_id": N_("the record's identifier is malformed"),
    "bad_hub_id": N_("the record's hub identifier is malformed"),
    "bad_values": N_("a value does not fit its field"),
    "bad_clocks": N_("its time stamps are malformed or far in the future"),
    "bad_bases": N_("its record of earlier values is malformed"),
    "hub_change": N_("the record belongs to another hub on the server"),
    "unknown_parent": N_("a record it depends on is not on the server"),
    "parent_hub_mismatch": N_("the record it depends on belongs to another hub"),
    "out_of_scope": N_("this laptop may not change records of that hub"),
    "scope_change": N_("it would move a shared record to another family"),
    "unknown_hub": N_("its hub is not registered on the server"),
}

#: Each kind of record (synced table), in words.
RECORD_KINDS = {
    "hub": N_("hub"),
    "staff": N_("staff member"),
    "attendance_code": N_("attendance code"),
    "student": N_("student"),
    "contact": N_("family contact"),
    "ensemble": N_("ensemble"),
    "enrollment": N_("enrollment"),
    "enrollment_event": N_("enrollment change"),
    "session": N_("session"),
    "attendance_mark": N_("attendance mark"),
    "student_redirect": N_("merged student"),
    "volunteer": N_("volunteer"),
    "volunteer_assignment": N_("volunteer's ensemble"),
    "clearance_kind": N_("kind of clearance"),
    "volunteer_clearance": N_("volunteer's clearance"),
    "volunteer_shift": N_("volunteer shift"),
    "session_invitation": N_("session invitation"),
    "family_event": N_("family event"),
    "family_attendance": N_("family event attendance"),
    "programme_year": N_("programme year"),
    "term": N_("term"),
    "closure": N_("closure day"),
}

_FIELD = re.compile(r", field '([a-z_][a-z0-9_]{0,63})': ")


@dataclass
class RefusedChange:
    """One change of a laptop the server refused: what kind of record, which field, why.

    Never the record's values (the server does not keep them) nor its identifier.
    """

    at: datetime
    kind: str
    field: str | None
    code: str
    #: its ``rejected_mutation.id`` (never shown: the dealt-with button carries the newest)
    id: int = 0
    #: when an admin marked it as dealt with, and who (a console user's name)
    dealt_at: datetime | None = None
    dealt_by: str | None = None

    def kind_words(self, lang: Language | None = None) -> str:
        """The kind of record in words ("student", "estudiante")."""
        lang = lang or current()
        known = RECORD_KINDS.get(self.kind)
        return lang.gettext(known) if known else lang.gettext("unknown kind of record")

    def reason_words(self, lang: Language | None = None) -> str:
        """Why it was refused, in words."""
        lang = lang or current()
        known = CHANGE_REFUSALS.get(self.code)
        return lang.gettext(known) if known else lang.gettext("refused for another reason")


def refused_changes(engine: Engine, device_key: int, limit: int = 50) -> list[RefusedChange]:
    """A laptop's refused changes, newest first, each with who marked it as dealt with
    and when (the first marking that covered it), if anyone did."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                REJECTIONS.c.id,
                REJECTIONS.c.created_at,
                REJECTIONS.c.table_name,
                REJECTIONS.c.code,
                REJECTIONS.c.reason,
            )
            .where(REJECTIONS.c.device_key == device_key)
            .order_by(REJECTIONS.c.id.desc())
            .limit(limit)
        ).all()
        marks = conn.execute(
            select(DEALT.c.up_to, DEALT.c.marked_at, DEALT.c.marked_by)
            .where(DEALT.c.device_key == device_key)
            .order_by(DEALT.c.id)
        ).all()
    out = []
    for rid, at, table, code, reason in rows:
        match = _FIELD.search(reason or "") if code == "bad_values" else None
        change = RefusedChange(
            as_utc(at), table or "", match.group(1) if match else None, code, int(rid)
        )
        mark = next((m for m in marks if m.up_to >= rid), None)
        if mark is not None:
            change.dealt_at, change.dealt_by = as_utc(mark.marked_at), mark.marked_by
        out.append(change)
    return out


def mark_refusals_dealt(engine: Engine, device_key: int, up_to: int, by: str, at: datetime) -> int:
    """Mark the device's refused changes up to refusal ``up_to`` (the newest the admin
    saw) as dealt with; returns how many were not marked before (0: nothing recorded).

    A refusal recorded after ``up_to`` is left out, and flags the laptop as before.
    """
    with engine.begin() as conn:
        newest = conn.execute(
            select(func.max(REJECTIONS.c.id)).where(REJECTIONS.c.device_key == device_key)
        ).scalar()
        up_to = min(up_to, int(newest or 0))
        before = conn.execute(
            select(func.max(DEALT.c.up_to)).where(DEALT.c.device_key == device_key)
        ).scalar()
        count = conn.execute(
            select(func.count()).where(
                REJECTIONS.c.device_key == device_key,
                REJECTIONS.c.id > int(before or 0),
                REJECTIONS.c.id <= up_to,
            )
        ).scalar_one()
        if count:
            conn.execute(
                insert(DEALT).values(device_key=device_key, up_to=up_to, marked_at=at, marked_by=by)
            )
    return int(count)


def school_days_since(last: date, today: date, closed: Set[date] = frozenset()) -> int:
    """How many school days ago ``last`` was: the school days after ``last`` up to and
    including ``today``, Monday to Friday, less the days in ``closed``.

    As an office worker counts on a calendar: on a Monday, Thursday was 2 school days ago
    (Friday, then Monday itself, which has begun), and on the Saturday 1 (Friday). A
    closure day (a holiday Monday) is not counted, so the Tuesday after it Thursday was
    2 school days ago. The same day, or a ``today`` before ``last``, is 0.
    """
    days = (today - last).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (last + timedelta(days=offset)).weekday() < 5:
            count += 1
    return count - sum(1 for d in closed if last < d <= today and d.weekday() < 5)


@dataclass
class DeviceHealth:
    """One device as the health page shows it."""

    key: int
    name: str
    status: str
    data_manager: bool
    hubs: list[dict[str, str]]
    enrolled_at: datetime | None
    enroll_expires_at: datetime | None
    last_contact_at: datetime | None = None
    last_success_at: datetime | None = None
    outbox_size: int | None = None
    app_version: str | None = None
    protocol_version: int | None = None
    schema_version: int | None = None
    last_error: str | None = None
    conflicts_waiting: int = 0
    #: how many days ago its last sync (or enrollment) was, in ``days_counted``
    school_days_silent: int | None = None
    #: MEETING_DAYS, WEEKDAYS (one of its hubs meets on no day after its last sync) or
    #: OFFICE_DAYS
    days_counted: str = MEETING_DAYS
    #: WEEKDAYS only: why (NO_ENSEMBLES, ARCHIVED, NO_MEETINGS), for its first such hub
    weekdays_because: str | None = None
    #: the time zone its days are counted in (its first hub's that has one, else the
    #: console's); its last sync and contact are shown in it
    zone: ZoneInfo | None = None
    #: the first meeting day of its hubs it has not synced since (MEETING_DAYS only)
    missed_meeting: date | None = None
    #: its last successful sync was today (in its hub's time zone)
    synced_today: bool = False
    overdue: bool = False
    over_backlog: bool = False
    #: its last request was refused for one of REFUSALS (and no sync completed since)
    refused: bool = False
    #: changes of its the server refused for good in the last REFUSED_CHANGES_DAYS days
    #: that no admin has marked as dealt with
    changes_refused: int = 0

    @property
    def flagged(self) -> bool:
        """Shown in red: overdue, over the backlog limit, refused, or changes refused."""
        return self.overdue or self.over_backlog or self.refused or bool(self.changes_refused)

    @property
    def last_error_words(self) -> str | None:
        """Its last error in words (English, marked for translation), if the console knows
        the code."""
        return error_words(self.last_error)

    @property
    def hub_names(self) -> str:
        """The hubs it syncs, for people."""
        if self.data_manager:
            return "All hubs (data manager)"
        return ", ".join(h["name"] for h in self.hubs)

    def reasons(self, settings: ConsoleSettings, lang: Language | None = None) -> list[str]:
        """Why it is flagged, in words (English unless ``lang`` says otherwise)."""
        lang = lang or current()
        out = []
        if self.overdue:
            days = self.school_days_silent or 0
            limit = settings.overdue_school_days
            synced = self.last_success_at is not None
            if self.days_counted == MEETING_DAYS and synced and self.missed_meeting:
                words = lang.ngettext(
                    "overdue: its meeting on %(day)s has not synced: %(num)d day late, that "
                    "day and the office days since (flagged at %(limit)d or more)",
                    "overdue: its meeting on %(day)s has not synced: %(num)d days late, that "
                    "day and the office days since (flagged at %(limit)d or more)",
                    days,
                    day=lang.day(self.missed_meeting),
                    limit=limit,
                )
            elif self.days_counted == MEETING_DAYS and self.missed_meeting:
                words = lang.ngettext(
                    "overdue: enrolled and never synced, and its meeting on %(day)s has passed: "
                    "%(num)d day late, that day and the office days since (flagged at "
                    "%(limit)d or more)",
                    "overdue: enrolled and never synced, and its meeting on %(day)s has passed: "
                    "%(num)d days late, that day and the office days since (flagged at "
                    "%(limit)d or more)",
                    days,
                    day=lang.day(self.missed_meeting),
                    limit=limit,
                )
            elif self.weekdays_because == ARCHIVED and synced:
                words = lang.ngettext(
                    "overdue: last synced %(num)d school day ago, Monday to Friday, as every "
                    "ensemble of its hub is archived (flagged at %(limit)d or more)",
                    "overdue: last synced %(num)d school days ago, Monday to Friday, as every "
                    "ensemble of its hub is archived (flagged at %(limit)d or more)",
                    days,
                    limit=limit,
                )
            elif self.weekdays_because == ARCHIVED:
                words = lang.ngettext(
                    "overdue: enrolled %(num)d school day ago and never synced, Monday to "
                    "Friday, as every ensemble of its hub is archived (flagged at %(limit)d "
                    "or more)",
                    "overdue: enrolled %(num)d school days ago and never synced, Monday to "
                    "Friday, as every ensemble of its hub is archived (flagged at %(limit)d "
                    "or more)",
                    days,
                    limit=limit,
                )
            elif self.weekdays_because == NO_MEETINGS and synced:
                words = lang.ngettext(
                    "overdue: last synced %(num)d school day ago, Monday to Friday, as no "
                    "ensemble of its hub meets after that sync (flagged at %(limit)d or more)",
                    "overdue: last synced %(num)d school days ago, Monday to Friday, as no "
                    "ensemble of its hub meets after that sync (flagged at %(limit)d or more)",
                    days,
                    limit=limit,
                )
            elif self.weekdays_because == NO_MEETINGS:
                words = lang.ngettext(
                    "overdue: enrolled %(num)d school day ago and never synced, Monday to "
                    "Friday, as no ensemble of its hub meets after its enrollment (flagged at "
                    "%(limit)d or more)",
                    "overdue: enrolled %(num)d school days ago and never synced, Monday to "
                    "Friday, as no ensemble of its hub meets after its enrollment (flagged at "
                    "%(limit)d or more)",
                    days,
                    limit=limit,
                )
            elif self.days_counted == WEEKDAYS and synced:
                words = lang.ngettext(
                    "overdue: last synced %(num)d school day ago, Monday to Friday, as the "
                    "server knows no ensemble of its hub yet (flagged at %(limit)d or more)",
                    "overdue: last synced %(num)d school days ago, Monday to Friday, as the "
                    "server knows no ensemble of its hub yet (flagged at %(limit)d or more)",
                    days,
                    limit=limit,
                )
            elif self.days_counted == WEEKDAYS:
                words = lang.ngettext(
                    "overdue: enrolled %(num)d school day ago and never synced, Monday to "
                    "Friday, as the server knows no ensemble of its hub yet (flagged at "
                    "%(limit)d or more)",
                    "overdue: enrolled %(num)d school days ago and never synced, Monday to "
                    "Friday, as the server knows no ensemble of its hub yet (flagged at "
                    "%(limit)d or more)",
                    days,
                    limit=limit,
                )
            elif synced:
                words = lang.ngettext(
                    "overdue: last synced %(num)d school day ago (flagged at %(limit)d or more)",
                    "overdue: last synced %(num)d school days ago (flagged at %(limit)d or more)",
                    days,
                    limit=limit,
                )
            else:
                words = lang.ngettext(
                    "overdue: enrolled %(num)d school day ago and never synced (flagged "
                    "at %(limit)d or more)",
                    "overdue: enrolled %(num)d school days ago and never synced (flagged "
                    "at %(limit)d or more)",
                    days,
                    limit=limit,
                )
            out.append(words)
        if self.over_backlog:
            out.append(
                lang.ngettext(
                    "%(num)d change waiting (limit %(limit)d)",
                    "%(num)d changes waiting (limit %(limit)d)",
                    self.outbox_size or 0,
                    limit=settings.backlog_limit,
                )
            )
        if self.refused and self.last_error in REFUSALS:
            out.append(lang.gettext(REFUSALS[self.last_error]))
        if self.changes_refused:
            out.append(
                lang.ngettext(
                    "%(num)d change refused by the server in the last %(days)d days: it waits "
                    "in Needs review on the laptop. See this device's page for what to do",
                    "%(num)d changes refused by the server in the last %(days)d days: they "
                    "wait in Needs review on the laptop. See this device's page for what to do",
                    self.changes_refused,
                    days=REFUSED_CHANGES_DAYS,
                )
            )
        return out

    def days_counted_words(self, lang: Language | None = None) -> str:
        """How its days late are counted, in words (:data:`DAYS_COUNTED_WORDS`)."""
        return _days_counted_words(self.days_counted, self.weekdays_because, lang)

    def as_dict(self, settings: ConsoleSettings) -> dict[str, Any]:
        """The JSON form (``admin health --json``)."""

        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "key": self.key,
            "name": self.name,
            "status": self.status,
            "data_manager": self.data_manager,
            "hubs": self.hubs,
            "last_success_at": iso(self.last_success_at),
            "last_contact_at": iso(self.last_contact_at),
            "school_days_silent": self.school_days_silent,
            "days_counted": self.days_counted,
            "weekdays_because": self.weekdays_because,
            "days_counted_words": self.days_counted_words(Language(DEFAULT, settings.zone)),
            "timezone": self.zone.key if self.zone else None,
            "missed_meeting": self.missed_meeting.isoformat() if self.missed_meeting else None,
            "synced_today": self.synced_today,
            "outbox_size": self.outbox_size,
            "app_version": self.app_version,
            "protocol_version": self.protocol_version,
            "schema_version": self.schema_version,
            "last_error": self.last_error,
            "conflicts_waiting": self.conflicts_waiting,
            "overdue": self.overdue,
            "over_backlog": self.over_backlog,
            "refused": self.refused,
            "changes_refused": self.changes_refused,
            "flags": self.reasons(settings, Language(DEFAULT, settings.zone)),  # always English
        }


@dataclass
class HubHealth:
    """A hub and the devices enrolled for it."""

    id: str
    name: str
    archived: bool
    conflicts_waiting: int = 0
    devices: list[DeviceHealth] = field(default_factory=list)
    #: the newest successful sync of any of its enrolled laptops
    last_success_at: datetime | None = None
    #: how many days late it is since then (or its newest laptop's enrollment, if none
    #: has synced), in its time zone (Calendar.days_late); None without enrolled laptops
    school_days_silent: int | None = None
    #: MEETING_DAYS, or WEEKDAYS when it meets on no day after its newest sync
    days_counted: str = MEETING_DAYS
    #: WEEKDAYS only: why (NO_ENSEMBLES, ARCHIVED, NO_MEETINGS)
    weekdays_because: str | None = None
    #: the time zone its days are counted in (its synced row's, else the console's); its
    #: newest sync is shown in it
    zone: ZoneInfo | None = None
    #: the first day it met that none of its laptops has synced since
    missed_meeting: date | None = None
    #: not archived, has enrolled laptops, and none of them synced within the health
    #: page's limit (that many days late or more; every one of them is overdue): nobody
    #: there has synced
    overdue: bool = False

    def days_counted_words(self, lang: Language | None = None) -> str:
        """How its days late are counted, in words (:data:`DAYS_COUNTED_WORDS`)."""
        return _days_counted_words(self.days_counted, self.weekdays_because, lang)

    @property
    def active_devices(self) -> list[DeviceHealth]:
        """Its enrolled devices (not revoked, not awaiting enrollment)."""
        return [d for d in self.devices if d.status == ENROLLED]

    @property
    def flagged_devices(self) -> list[DeviceHealth]:
        """Its devices shown in red."""
        return [d for d in self.active_devices if d.flagged]

    @property
    def synced_today(self) -> list[DeviceHealth]:
        """Its enrolled devices whose last successful sync was today."""
        return [d for d in self.active_devices if d.synced_today]

    @property
    def all_current(self) -> bool:
        """True when it has enrolled devices and none of them is flagged."""
        return bool(self.active_devices) and not self.flagged_devices


@dataclass
class HealthReport:
    """Every hub and device at one moment."""

    as_of: datetime
    settings: ConsoleSettings
    hubs: list[HubHealth]
    devices: list[DeviceHealth]

    @property
    def flagged(self) -> list[DeviceHealth]:
        """Every device shown in red."""
        return [d for d in self.devices if d.flagged]

    @property
    def overdue(self) -> list[DeviceHealth]:
        """Every overdue device."""
        return [d for d in self.devices if d.overdue]

    def as_dict(self, contacts: dict[str, str] | None = None) -> dict[str, Any]:
        """The JSON form (``admin health --json``); with ``contacts`` (hub id -> whom to
        call, ``--with-contacts``), each hub's ``contact`` too, null when it has none."""
        english = Language(DEFAULT, self.settings.zone)
        out: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "overdue_school_days": self.settings.overdue_school_days,
            "backlog_limit": self.settings.backlog_limit,
            "flagged": len(self.flagged),
            "overdue": len(self.overdue),
            "hubs": [
                {
                    "id": h.id,
                    "name": h.name,
                    "archived": h.archived,
                    "all_current": h.all_current,
                    "devices": [d.key for d in h.devices],
                    "conflicts_waiting": h.conflicts_waiting,
                    "last_success_at": h.last_success_at.isoformat() if h.last_success_at else None,
                    "school_days_silent": h.school_days_silent,
                    "days_counted": h.days_counted,
                    "weekdays_because": h.weekdays_because,
                    "days_counted_words": h.days_counted_words(english),
                    "timezone": h.zone.key if h.zone else None,
                    "missed_meeting": h.missed_meeting.isoformat() if h.missed_meeting else None,
                    "overdue": h.overdue,
                }
                for h in self.hubs
            ],
            "devices": [d.as_dict(self.settings) for d in self.devices],
        }
        if contacts is not None:
            hubs: list[dict[str, Any]] = out["hubs"]
            for hub in hubs:
                hub["contact"] = contacts.get(hub["id"])
        return out


def _days_counted_words(counted: str, because: str | None, lang: Language | None) -> str:
    lang = lang or current()
    return lang.gettext(DAYS_COUNTED_WORDS[because or counted])


def _hub_zones(engine: Engine, settings: ConsoleSettings) -> dict[str, ZoneInfo]:
    """Each hub's time zone from its synced row (the laptops set it), else the default."""
    zones: dict[str, ZoneInfo] = {}
    with engine.connect() as conn:
        for row_id, data in conn.execute(
            select(ROWS.c.row_id, ROWS.c.data).where(ROWS.c.table_name == "hub")
        ):
            name = data.get("timezone") if isinstance(data, dict) else None
            if isinstance(name, str) and name:
                try:
                    zones[row_id] = zone(name)
                except ValueError:
                    continue
    return zones


@dataclass
class Closures:
    """The closure days the laptops synced: the whole programme's, and each hub's."""

    programme: set[date] = field(default_factory=set)
    hubs: dict[str, set[date]] = field(default_factory=dict)

    def of_hub(self, hub_id: str) -> set[date]:
        """The days a hub is closed."""
        return self.programme | self.hubs.get(hub_id, set())

    def of_hubs(self, hub_ids: list[str]) -> set[date]:
        """The days every one of these hubs is closed (no school day for a laptop that
        serves them all); the programme's alone for none (a data manager)."""
        if not hub_ids:
            return set(self.programme)
        return set.intersection(*(self.of_hub(h) for h in hub_ids))


def _closures(engine: Engine) -> Closures:
    """Every closure day not deleted, from the synced ``closure`` rows."""
    return _calendar(engine).closures


def _day(value: Any) -> date | None:
    """A synced date ("2026-11-19"), or None when missing or malformed."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class _Meeting:
    """One weekly meeting of an ensemble: its weekday (Monday 0), in effect from
    ``first`` to ``until`` (None: open-ended), ending at ``end`` (None: not readable)."""

    weekday: int
    first: date | None
    until: date | None
    end: time | None = None


def _time(value: Any) -> time | None:
    """A synced "HH:MM" as a time (None when it is not one)."""
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        return None


def _meetings(schedule: Any) -> list[_Meeting]:
    """The meetings of a synced ``schedule`` (JSON text, or an already parsed list); an
    entry the server cannot read is left out, as the laptop does."""
    if isinstance(schedule, str):
        try:
            schedule = json.loads(schedule or "[]")
        except ValueError:
            return []
    if not isinstance(schedule, list):
        return []
    out = []
    for item in schedule:
        if not isinstance(item, dict):
            continue
        try:
            weekday = int(item["weekday"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= weekday <= 6:
            out.append(
                _Meeting(
                    weekday, _day(item.get("from")), _day(item.get("until")), _time(item.get("end"))
                )
            )
    return out


@dataclass(frozen=True)
class _Ensemble:
    """What the health page needs of a synced ensemble: when it may meet at all."""

    meetings: tuple[_Meeting, ...]
    first_day: date | None
    last_day: date | None
    follows_terms: bool
    archived: bool


def _label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass
class Calendar:
    """The programme's calendar as the laptops synced it, and on which days each hub meets.

    A day counts for a hub (:meth:`meeting_days`) when one of its ensembles, not archived,
    has a meeting in effect that day (its ``schedule``, with each meeting's ``from`` and
    ``until``), between the ensemble's ``first_day`` and ``last_day``, inside a term when
    it follows the term dates (in a year without terms it meets all year), and the day is
    no closure of the programme or the hub. This is the laptop's own rule for the day's
    sessions (``Planner`` in src/harmony_desktop/store/today.py, with ``CalendarRules`` in
    src/harmony_desktop/domain/calendar.py and ``Meeting`` in domain/schedule.py; see
    docs/DOMAIN.md, "The school year" and "Sessions"), written again here because the
    server does not import the desktop app: change both together.

    A hub that meets on no day after a laptop's sync counts Monday to Friday less closures
    instead (:meth:`office_days`), as the health page did before for every hub
    (:func:`school_days_since`): one the server knows no ensemble of (not even an archived
    one: a new programme whose laptops have not synced their set-up), one whose ensembles
    are all archived, and one none of whose ensembles meets again (they ended, or have no
    weekly meeting) (:meth:`weekdays_because`). Its laptop still holds roster and contact
    changes, so its silence is counted on the office's days rather than never.
    """

    closures: Closures = field(default_factory=Closures)
    #: stored programme years: label -> (first day, last day)
    years: dict[str, tuple[date, date]] = field(default_factory=dict)
    #: terms by their year's label: (first day, last day)
    terms: dict[str, list[tuple[date, date]]] = field(default_factory=dict)
    #: each hub's ensembles not deleted (archived ones too)
    ensembles: dict[str, list[_Ensemble]] = field(default_factory=dict)
    _in_term: dict[date, bool | None] = field(default_factory=dict, repr=False)
    _days: dict[tuple[str, date, date], list[date]] = field(default_factory=dict, repr=False)
    _office: dict[tuple[str, date, date], list[date]] = field(default_factory=dict, repr=False)
    _because: dict[tuple[str, date, time | None], str | None] = field(
        default_factory=dict, repr=False
    )

    def _bounds(self, label: str) -> tuple[date, date]:
        """A year's stored dates, else 1 July - 30 June met by stored neighbours
        (``CalendarRules.bounds``)."""
        if label in self.years:
            return self.years[label]
        start = int(label[:4])
        first, last = date(start, 7, 1), date(start + 1, 6, 30)
        before, after = self.years.get(_label(start - 1)), self.years.get(_label(start + 1))
        if before is not None:
            first = before[1] + timedelta(days=1)
        if after is not None:
            last = after[0] - timedelta(days=1)
        return first, last

    def _year_of(self, day: date) -> str:
        """The label of the programme year holding ``day`` (``CalendarRules.year_for``)."""
        for label, (first, last) in self.years.items():
            if first <= day <= last:
                return label
        start = day.year if (day.month, day.day) >= (7, 1) else day.year - 1
        for candidate in (start, start - 1, start + 1):
            label = _label(candidate)
            if label not in self.years:
                first, last = self._bounds(label)
                if first <= day <= last:
                    return label
        return _label(start)

    def in_term(self, day: date) -> bool | None:
        """True inside a term, False outside, None when ``day``'s year has no terms."""
        if day not in self._in_term:
            terms = self.terms.get(self._year_of(day))
            self._in_term[day] = any(a <= day <= b for a, b in terms) if terms else None
        return self._in_term[day]

    def meeting_days(self, hub_id: str, first: date, last: date) -> list[date]:
        """The days from ``first`` to ``last`` (both included) the hub's ensembles meet, in
        order; never its closure days (none for a hub without ensembles that meet)."""
        key = (hub_id, first, last)
        if key in self._days:
            return self._days[key]
        closed = self.closures.of_hub(hub_id)
        days: set[date] = set()
        for ensemble in self.ensembles.get(hub_id, []):
            if ensemble.archived:
                continue
            for meeting in ensemble.meetings:
                start = max(d for d in (first, ensemble.first_day, meeting.first) if d)
                end = min(d for d in (last, ensemble.last_day, meeting.until) if d)
                day = start + timedelta(days=(meeting.weekday - start.weekday()) % 7)
                while day <= end:
                    if not (ensemble.follows_terms and self.in_term(day) is False):
                        days.add(day)
                    day += timedelta(days=7)
        found = sorted(days - closed)
        self._days[key] = found
        return found

    def office_days(self, hub_id: str, first: date, last: date) -> list[date]:
        """The days from ``first`` to ``last`` (both included), Monday to Friday, less the
        hub's closure days: the days of a hub counted on :data:`WEEKDAYS`."""
        key = (hub_id, first, last)
        if key not in self._office:
            closed = self.closures.of_hub(hub_id)
            self._office[key] = [
                day
                for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
                if day.weekday() < 5 and day not in closed
            ]
        return self._office[key]

    def weekdays_because(self, hub_id: str, last: date, at: time | None = None) -> str | None:
        """Why the hub's days are counted Monday to Friday for a laptop last synced on
        ``last`` (at ``at``, its local time, when known), or None when they are its
        meeting days.

        :data:`NO_ENSEMBLES`: the server knows none of its ensembles; :data:`ARCHIVED`:
        all of them are archived; :data:`NO_MEETINGS`: none meets after that sync, as far
        as the server knows (they ended, or have no weekly meeting). A break is not that:
        an ensemble that follows the terms, one that starts later, or a closure leaves
        the hub meeting again after it, and between terms nobody is late.
        """
        key = (hub_id, last, at)
        if key not in self._because:
            ensembles = self.ensembles.get(hub_id, [])
            if not ensembles:
                because: str | None = NO_ENSEMBLES
            elif all(e.archived for e in ensembles):
                because = ARCHIVED
            else:
                because = None if self._meets_after(hub_id, last, at) else NO_MEETINGS
            self._because[key] = because
        return self._because[key]

    def _meets_after(self, hub_id: str, last: date, at: time | None) -> bool:
        """Whether one of the hub's ensembles, not archived, meets after a sync on
        ``last`` at ``at``: on a later day, or later that day (a meeting on ``last``
        that ended after the sync), terms and closures as in :meth:`meeting_days`."""
        closed = self.closures.of_hub(hub_id)
        for ensemble in self.ensembles.get(hub_id, []):
            if ensemble.archived:
                continue
            for meeting in ensemble.meetings:
                ends = [d for d in (ensemble.last_day, meeting.until) if d]
                if not ends:
                    return True  # weekly from its first day on: it meets again
                start = max(d for d in (last, ensemble.first_day, meeting.first) if d)
                day = start + timedelta(days=(meeting.weekday - start.weekday()) % 7)
                while day <= min(ends):
                    if (
                        day not in closed
                        and not (ensemble.follows_terms and self.in_term(day) is False)
                        and (
                            day > last
                            or (at is not None and meeting.end is not None and at < meeting.end)
                        )
                    ):
                        return True
                    day += timedelta(days=7)
        return False

    def ends_on(self, hub_id: str, day: date) -> time | None:
        """When the hub's last meeting of ``day`` ends (None: it does not meet that day,
        or the server does not know when its meetings end)."""
        if day not in self.meeting_days(hub_id, day, day):
            return None
        ends = [
            meeting.end
            for ensemble in self.ensembles.get(hub_id, [])
            if not ensemble.archived
            and not (ensemble.follows_terms and self.in_term(day) is False)
            and (ensemble.first_day is None or ensemble.first_day <= day)
            and (ensemble.last_day is None or day <= ensemble.last_day)
            for meeting in ensemble.meetings
            if meeting.weekday == day.weekday()
            and (meeting.first is None or meeting.first <= day)
            and (meeting.until is None or day <= meeting.until)
        ]
        known = [end for end in ends if end is not None]
        return max(known) if known else None

    def days_late(
        self,
        hub_ids: Sequence[str],
        last: date,
        today: date,
        first: date | None = None,
        at: time | None = None,
    ) -> tuple[int, date | None]:
        """How late a laptop serving ``hub_ids`` that last synced on ``last`` (at ``at``,
        its local time, when known) is by ``today``, and the first meeting day it has not
        synced since (None: none yet). A meeting on ``last`` itself that ended after the
        sync is not synced either: a sync before Saturday's class does not carry its
        marks.

        Counted from that meeting day: the day itself, then each office day after it up
        to and including ``today`` (Monday to Friday, less the closure days of every one
        of the hubs). So a hub is late by the office's days once it has missed a meeting,
        whichever days it meets: a Saturday hub that missed Saturday's marks is 2 days
        late on Monday, not two weeks later; a Tuesday/Thursday hub last synced on
        Thursday is 0 days late until Tuesday's meeting. 0 before any missed meeting.

        A hub that meets on no day after the sync (:meth:`weekdays_because`) counts each
        office day instead, less its closures, from the first after the sync: last
        synced on a Wednesday, such a hub is 4 days late on the next Tuesday (Thursday,
        Friday, Monday, Tuesday), 3 if that Monday was closed.

        ``first`` (at most ``last``) lets many questions share one list of each hub's days.
        """
        if today < last:
            return 0, None
        first = min(first or last, last)
        missed: date | None = None
        for hub_id in hub_ids:
            weekdays = self.weekdays_because(hub_id, last, at) is not None
            if weekdays:
                days = self.office_days(hub_id, first, today)
            else:
                days = self.meeting_days(hub_id, first, today)
            after = bisect_left(days, last)
            if after < len(days) and days[after] == last:
                end = None if weekdays or at is None else self.ends_on(hub_id, last)
                if end is None or at is None or at >= end:
                    after += 1  # that day's meetings were over when it synced
            if after < len(days) and (missed is None or days[after] < missed):
                missed = days[after]
        if missed is None:
            return 0, None
        return 1 + school_days_since(missed, today, self.closures.of_hubs(list(hub_ids))), missed


def _calendar(engine: Engine) -> Calendar:
    """The synced closures, programme years, terms and ensembles, in one query."""
    calendar = Calendar()
    with engine.connect() as conn:
        rows = conn.execute(
            select(ROWS.c.table_name, ROWS.c.hub_id, ROWS.c.data).where(
                ROWS.c.table_name.in_(["closure", "programme_year", "term", "ensemble"])
            )
        )
        for table, hub_id, data in rows:
            if not isinstance(data, dict) or data.get("deleted"):
                continue
            if table == "closure":
                day = _day(data.get("date"))
                if day is None:
                    continue
                if hub_id is None:
                    calendar.closures.programme.add(day)
                else:
                    calendar.closures.hubs.setdefault(hub_id, set()).add(day)
            elif table == "ensemble":
                if hub_id is None:
                    continue
                calendar.ensembles.setdefault(hub_id, []).append(
                    _Ensemble(
                        tuple(_meetings(data.get("schedule"))),
                        _day(data.get("first_day")),
                        _day(data.get("last_day")),
                        bool(data.get("follows_terms")),
                        bool(data.get("archived")),
                    )
                )
            else:
                first, last = _day(data.get("first_day")), _day(data.get("last_day"))
                if first is None or last is None:
                    continue
                if table == "programme_year" and isinstance(data.get("label"), str):
                    calendar.years[data["label"]] = (first, last)
                elif table == "term" and isinstance(data.get("year_label"), str):
                    calendar.terms.setdefault(data["year_label"], []).append((first, last))
    return calendar


def build_report(engine: Engine, settings: ConsoleSettings) -> HealthReport:
    """Read every hub and device and judge each device against the settings."""
    now = settings.now()
    zones = _hub_zones(engine, settings)
    calendar = _calendar(engine)
    closures = calendar.closures
    with engine.connect() as conn:
        hubs = {
            r.id: HubHealth(r.id, r.name, r.archived_at is not None)
            for r in conn.execute(
                select(HUBS.c.id, HUBS.c.name, HUBS.c.archived_at).order_by(HUBS.c.name)
            )
        }
        scopes: dict[int, list[str]] = {}
        for key, hub_id in conn.execute(select(DEVICE_HUBS.c.device_key, DEVICE_HUBS.c.hub_id)):
            scopes.setdefault(key, []).append(hub_id)
        contacts = {r.device_key: r for r in conn.execute(select(CONTACTS))}
        by_device: dict[int, int] = {}
        for hub_id, device_key, count in conn.execute(
            select(CONFLICTS.c.hub_id, CONFLICTS.c.device_key, func.count())
            .where(CONFLICTS.c.resolved_at.is_(None))
            .group_by(CONFLICTS.c.hub_id, CONFLICTS.c.device_key)
        ):
            if hub_id in hubs:
                hubs[hub_id].conflicts_waiting += int(count)
            if device_key is not None:
                by_device[device_key] = by_device.get(device_key, 0) + int(count)
        devices = list(conn.execute(select(DEVICES).order_by(DEVICES.c.key)))
        since_refusals = now - timedelta(days=REFUSED_CHANGES_DAYS)
        dealt = (
            select(DEALT.c.device_key, func.max(DEALT.c.up_to).label("up_to"))
            .group_by(DEALT.c.device_key)
            .subquery()
        )
        changes_refused = {
            int(key): int(count)
            for key, count in conn.execute(
                select(REJECTIONS.c.device_key, func.count())
                .select_from(
                    REJECTIONS.outerjoin(dealt, dealt.c.device_key == REJECTIONS.c.device_key)
                )
                .where(
                    REJECTIONS.c.created_at >= since_refusals,
                    REJECTIONS.c.id > func.coalesce(dealt.c.up_to, 0),
                )
                .group_by(REJECTIONS.c.device_key)
            )
        }
    report = HealthReport(now, settings, list(hubs.values()), [])
    # one list of each hub's meeting days, from the oldest sync (or enrollment) judged; a
    # day early, for a hub's time zone may be behind UTC
    starts = []
    for d in devices:
        contact = contacts.get(d.key)
        since = (contact.last_success_at if contact else None) or d.enrolled_at
        if since is not None:
            starts.append(as_utc(since))
    first = (min(starts, default=now) - timedelta(days=1)).date()
    for d in devices:
        if d.revoked_at is not None:
            status = REVOKED
        elif d.token_hash is not None:
            status = ENROLLED
        else:
            status = AWAITING
        hub_ids = sorted(scopes.get(d.key, []), key=lambda h: hubs[h].name if h in hubs else h)
        health = DeviceHealth(
            key=d.key,
            name=d.name,
            status=status,
            data_manager=d.is_data_manager,
            hubs=[{"id": h, "name": hubs[h].name} for h in hub_ids if h in hubs],
            enrolled_at=as_utc(d.enrolled_at) if d.enrolled_at else None,
            enroll_expires_at=as_utc(d.enroll_expires_at) if d.enroll_expires_at else None,
            conflicts_waiting=by_device.get(d.key, 0),
        )
        contact = contacts.get(d.key)
        if contact is not None:
            health.last_contact_at = _utc(contact.last_contact_at)
            health.last_success_at = _utc(contact.last_success_at)
            health.outbox_size = contact.outbox_size
            health.app_version = contact.app_version
            health.protocol_version = contact.protocol_version
            health.schema_version = contact.schema_version
            health.last_error = contact.last_error
        active_hubs = [h for h in hub_ids if h in hubs and not hubs[h].archived]
        judged = status == ENROLLED and (d.is_data_manager or bool(active_hubs))
        since = health.last_success_at or health.enrolled_at
        tz = next((zones[h] for h in active_hubs if h in zones), settings.zone)
        health.zone = tz
        today = now.astimezone(tz).date()
        if health.last_success_at is not None:
            synced_on = health.last_success_at.astimezone(tz).date()
            health.synced_today = synced_on == today
        local = since.astimezone(tz) if since is not None else None
        last, at = (local.date(), local.time()) if local is not None else (today, None)
        if d.is_data_manager:
            health.days_counted = OFFICE_DAYS
        else:
            because = [calendar.weekdays_because(h, last, at) for h in active_hubs]
            health.weekdays_because = next((b for b in because if b), None)
            if health.weekdays_because:
                health.days_counted = WEEKDAYS
        if judged and local is not None:
            if d.is_data_manager:
                health.school_days_silent = school_days_since(last, today, closures.programme)
            else:
                health.school_days_silent, health.missed_meeting = calendar.days_late(
                    active_hubs, last, today, first, at
                )
            health.overdue = health.school_days_silent >= settings.overdue_school_days
            health.over_backlog = (health.outbox_size or 0) > settings.backlog_limit
        health.refused = judged and health.last_error in REFUSALS
        health.changes_refused = changes_refused.get(d.key, 0) if judged else 0
        report.devices.append(health)
        for h in hub_ids:
            if h in hubs:
                hubs[h].devices.append(health)
    for hub in report.hubs:
        _judge_hub(hub, zones.get(hub.id, settings.zone), now, settings, calendar, first)
    return report


def _judge_hub(
    hub: HubHealth,
    tz: ZoneInfo,
    now: datetime,
    settings: ConsoleSettings,
    calendar: Calendar,
    first: date | None = None,
) -> None:
    """A hub's newest sync, and whether it is overdue by the devices' rule: counted in
    the days it meets (Monday to Friday when it meets on no day after that sync)."""
    hub.zone = tz
    active = hub.active_devices
    synced = [d.last_success_at for d in active if d.last_success_at is not None]
    hub.last_success_at = max(synced) if synced else None
    since = [d.last_success_at or d.enrolled_at for d in active]
    newest = max((m for m in since if m is not None), default=None)
    today = now.astimezone(tz).date()
    local = newest.astimezone(tz) if newest is not None else None
    last, at = (local.date(), local.time()) if local is not None else (today, None)
    hub.weekdays_because = calendar.weekdays_because(hub.id, last, at)
    if hub.weekdays_because:
        hub.days_counted = WEEKDAYS
    if local is None:
        return
    hub.school_days_silent, hub.missed_meeting = calendar.days_late(
        [hub.id], last, today, first, at
    )
    hub.overdue = not hub.archived and hub.school_days_silent >= settings.overdue_school_days


def hubs_oldest_sync_first(hubs: list[HubHealth]) -> list[HubHealth]:
    """Hubs whose newest sync is oldest first (never synced before any), then the hubs
    without enrolled laptops, then archived ones; by name within each."""
    far_past = datetime.min.replace(tzinfo=UTC)

    def key(h: HubHealth) -> tuple[bool, bool, datetime, str]:
        return (h.archived, not h.active_devices, h.last_success_at or far_past, h.name.casefold())

    return sorted(hubs, key=key)


def _utc(moment: datetime | None) -> datetime | None:
    return as_utc(moment) if moment is not None else None
