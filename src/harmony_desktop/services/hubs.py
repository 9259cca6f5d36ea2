"""Hubs and their staff: which hub a window opens, and who is taking roll.

Read-only queries; writes to hubs and staff belong to the roster/admin use cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from harmony_desktop.domain.errors import NotFoundError
from harmony_desktop.domain.i18n import _
from harmony_desktop.store import Store
from harmony_desktop.store.models import Ensemble, Hub, Staff


@dataclass(frozen=True)
class HubInfo:
    """A hub as a window title or a hub picker shows it."""

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


class HubDirectory:
    """Lists hubs and their staff."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def hubs(self) -> list[HubInfo]:
        """Every hub in the local database, by name."""
        with self.store.read() as s:
            rows = s.exec(select(Hub).where(col(Hub.deleted).is_(False))).all()
        return sorted(
            (HubInfo(h.id, h.name, h.partner, h.timezone) for h in rows),
            key=lambda h: h.name.casefold(),
        )

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

    def staff_for_hub(self, hub_id: str) -> list[StaffInfo]:
        """The hub's staff, by name (everyone who may take roll there)."""
        with self.store.read() as s:
            rows = s.exec(
                select(Staff).where(Staff.hub_id == hub_id, col(Staff.deleted).is_(False))
            ).all()
        return sorted(
            (StaffInfo(r.id, r.name, r.role) for r in rows), key=lambda r: r.name.casefold()
        )

    def ensembles(self, hub_id: str) -> list[tuple[str, str]]:
        """The hub's ensembles as (id, name), by name (e.g. to add an ad-hoc session)."""
        with self.store.read() as s:
            rows = s.exec(
                select(Ensemble).where(Ensemble.hub_id == hub_id, col(Ensemble.deleted).is_(False))
            ).all()
        return sorted(((e.id, e.name) for e in rows), key=lambda e: e[1].casefold())
