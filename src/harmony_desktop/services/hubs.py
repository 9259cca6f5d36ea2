"""Hubs, their ensembles and staff: the one place they are looked up and found by name.

The window, the command line, printouts and exports all find a hub or an ensemble here.
Read-only queries; writes to hubs and staff belong to the roster/admin use cases.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import Session, select

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _, format_list
from harmony_desktop.domain.schedule import current, describe, meetings
from harmony_desktop.store import Store
from harmony_desktop.store.models import Ensemble, Hub, Staff
from harmony_desktop.store.queries import get_live, live


@dataclass(frozen=True)
class HubInfo:
    """A hub as a window title, a hub picker or a printed header shows it."""

    id: str
    name: str
    partner: str
    timezone: str


@dataclass(frozen=True)
class StaffInfo:
    """A staff member who can take roll."""

    id: str
    name: str
    role: str
    #: tells apart two staff members of one name
    email: str = ""


def staff_hubs(row: Staff) -> set[str]:
    """The hubs a staff member works at: those listed in ``hubs``, and the hub their row
    belongs to when it was made by an older version (before staff were programme-wide)."""
    try:
        listed = json.loads(row.hubs or "[]")
    except ValueError:
        listed = []
    found = {str(h) for h in listed if isinstance(h, str)} if isinstance(listed, list) else set()
    if row.hub_id:
        found.add(row.hub_id)
    return found


@dataclass(frozen=True)
class EnsembleInfo:
    """An ensemble as pickers and printed headers show it."""

    id: str
    hub_id: str
    name: str
    level: str
    capacity: int
    teacher: str
    schedule: str
    location: str
    schedule_days: tuple[int, ...]
    teacher_id: str | None = None
    archived: bool = False


def _schedule_text(schedule: str, on: dt.date | None = None) -> tuple[str, tuple[int, ...]]:
    """ "Mon–Fri 3:30 PM–5:00 PM" (in the current language) and the weekdays, as of ``on``:
    a changed schedule keeps its past meetings, with the days they were in effect."""
    found = current(meetings(schedule), on or dt.date.today())
    return describe(found), tuple(sorted({m.weekday for m in found}))


def no_hub_message() -> str:
    """What to do on a data folder with no hub: set one up, or join the programme."""
    return _(
        "There is no hub in this database yet. Either set up your programme on this "
        'laptop: open the app and choose "Set up a programme on this laptop", or run '
        '"harmony-desktop setup import programme.xlsx" with a Hubs sheet; or join your '
        'programme\'s server: "harmony-desktop enroll --server URL --code CODE", then '
        '"harmony-desktop sync" brings your hubs. To try the app with generated data: '
        '"harmony-desktop demo".'
    )


def _hub_info(row: Hub) -> HubInfo:
    return HubInfo(row.id, row.name, row.partner, row.timezone)


class HubDirectory:
    """Lists and finds hubs, their ensembles and their staff."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- hubs --------------------------------------------------------------------------

    def hubs(self) -> list[HubInfo]:
        """Every hub in the local database, by name."""
        with self.store.read() as s:
            rows = s.exec(select(Hub).where(live(Hub))).all()
        return sorted((_hub_info(h) for h in rows), key=lambda h: sort_key(h.name))

    def hub(self, hub_id: str) -> HubInfo:
        """One hub; :class:`NotFoundError` if there is no such hub."""
        with self.store.read() as s:
            return _hub_info(get_live(s, Hub, hub_id))

    def find(self, name_or_id: str | None) -> HubInfo | None:
        """The hub with this id or (case-insensitive) name, or the one hub whose name
        contains it; the first hub if None. Raises NotFoundError for no match."""
        hubs = self.hubs()
        if not hubs:
            return None
        if not name_or_id:
            return hubs[0]
        wanted = name_or_id.strip().casefold()
        for hub in hubs:
            if hub.id == name_or_id or hub.name.casefold() == wanted:
                return hub
        partial = [h for h in hubs if wanted in h.name.casefold()]
        if len(partial) == 1:
            return partial[0]
        raise NotFoundError(
            _("No hub is called {name}. Hubs here: {names}").format(
                name=name_or_id, names=", ".join(h.name for h in hubs)
            )
        )

    def find_hub(self, name_or_id: str | None) -> HubInfo:
        """Like :meth:`find`, but a database with no hub at all is an error too."""
        found = self.find(name_or_id)
        if found is None:
            raise NotFoundError(no_hub_message())
        return found

    # -- staff -------------------------------------------------------------------------

    def staff_for_hub(self, hub_id: str) -> list[StaffInfo]:
        """The hub's staff, by name (everyone who may take roll there: archived staff
        are not)."""
        with self.store.read() as s:
            # Staff are few (tens) and mostly programme-wide: filter their hubs here.
            rows = s.exec(select(Staff).where(live(Staff))).all()
        return sorted(
            (
                StaffInfo(r.id, r.name, r.role, r.email or "")
                for r in rows
                if hub_id in staff_hubs(r) and not r.archived
            ),
            key=lambda r: sort_key(r.name),
        )

    # -- ensembles ---------------------------------------------------------------------

    def ensembles(self, hub_id: str, *, archived: bool = False) -> list[EnsembleInfo]:
        """The hub's ensembles, by name; archived ones only when ``archived`` is True."""
        with self.store.read() as s:
            found = self._ensembles(s, hub_id)
        return found if archived else [e for e in found if not e.archived]

    def ensemble(self, ensemble_id: str) -> EnsembleInfo:
        """One ensemble; :class:`NotFoundError` if there is no such ensemble."""
        with self.store.read() as s:
            row = get_live(s, Ensemble, ensemble_id)
            found = [e for e in self._ensembles(s, row.hub_id or "") if e.id == ensemble_id]
        if not found:
            raise NotFoundError(_("That ensemble does not exist."))
        return found[0]

    def find_ensemble(self, hub_id: str | None, name_or_id: str) -> EnsembleInfo:
        """The ensemble named (or with id) ``name_or_id``, in one hub or any hub. A name
        several ensembles have is refused naming each one's hub and how to choose."""
        hubs = self.hubs()
        hub_ids = [hub_id] if hub_id else [h.id for h in hubs]
        wanted = name_or_id.strip().casefold()
        candidates = [e for h in hub_ids for e in self.ensembles(h, archived=True)]
        exact = [e for e in candidates if e.id == name_or_id or e.name.casefold() == wanted]
        if len(exact) == 1:
            return exact[0]
        partial = [e for e in candidates if wanted in e.name.casefold()]
        if not exact and len(partial) == 1:
            return partial[0]
        found = exact or partial
        if found:
            raise ValidationError(self._several_ensembles(name_or_id, found, hubs))
        raise NotFoundError(
            _("No ensemble {name!r}. Ensembles: {names}").format(
                name=name_or_id, names=", ".join(sorted({e.name for e in candidates}))
            )
        )

    @staticmethod
    def _several_ensembles(asked: str, found: list[EnsembleInfo], hubs: list[HubInfo]) -> str:
        """What to say when ``asked`` names several ensembles: which hubs have them and
        how to choose one (--hub; the whole name; the id, for two of one name at one
        hub)."""
        hub_names = {h.id: h.name for h in hubs}
        found = sorted(
            found,
            key=lambda e: (sort_key(e.name), sort_key(hub_names.get(e.hub_id, e.hub_id)), e.id),
        )
        places = [(e.name.casefold(), e.hub_id) for e in found]
        twins = {p for p in places if places.count(p) > 1}
        if not twins and len({name for name, _hub in places}) == 1:
            # One name at several hubs: the hub tells them apart.
            names = [hub_names.get(e.hub_id, e.hub_id) for e in found]
            return _(
                "Several hubs have an ensemble called {name!r}: {hubs}. Choose the hub with"
                ' --hub, e.g. --hub "{hub}" --ensemble "{ensemble}".'
            ).format(
                name=found[0].name,
                hubs=format_list(names),
                hub=names[0],
                ensemble=found[0].name,
            )
        listed = [
            _("{ensemble} (at {hub}, id {id})").format(
                ensemble=e.name, hub=hub_names.get(e.hub_id, e.hub_id), id=e.id
            )
            if (e.name.casefold(), e.hub_id) in twins
            else _("{ensemble} (at {hub})").format(
                ensemble=e.name, hub=hub_names.get(e.hub_id, e.hub_id)
            )
            for e in found
        ]
        return _(
            "{name!r} matches several ensembles: {names}. Give the whole name, with --hub"
            ' where several hubs have it (e.g. --hub "{hub}" --ensemble "{ensemble}"),'
            " or the ensemble's id."
        ).format(
            name=asked,
            names="; ".join(listed),
            hub=hub_names.get(found[0].hub_id, found[0].hub_id),
            ensemble=found[0].name,
        )

    @staticmethod
    def _ensembles(s: Session, hub_id: str) -> list[EnsembleInfo]:
        rows = s.exec(select(Ensemble).where(Ensemble.hub_id == hub_id, live(Ensemble))).all()
        teachers = dict(s.exec(select(Staff.id, Staff.name)).all())
        infos = []
        for e in rows:
            text, days = _schedule_text(e.schedule)
            infos.append(
                EnsembleInfo(
                    e.id,
                    e.hub_id or "",
                    e.name,
                    e.level,
                    e.capacity,
                    teachers.get(e.teacher_id or "", ""),
                    text,
                    e.location,
                    days,
                    e.teacher_id,
                    e.archived,
                )
            )
        return sorted(infos, key=lambda i: sort_key(i.name))
