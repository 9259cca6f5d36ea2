"""The services of one open store, built once and passed to the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from harmony_desktop.services.enrollment import EnrollmentService
from harmony_desktop.services.roll import RollService
from harmony_desktop.services.roster import RosterService
from harmony_desktop.services.sessions import SessionService
from harmony_desktop.services.stats import StatsService
from harmony_desktop.store import Store


@dataclass
class Services:
    """Every use case over one :class:`Store`."""

    store: Store
    roll: RollService
    sessions: SessionService
    roster: RosterService
    enrollment: EnrollmentService
    stats: StatsService

    @classmethod
    def open(cls, store: Store) -> Services:
        """Build the services for ``store``."""
        return cls(
            store=store,
            roll=RollService(store),
            sessions=SessionService(store),
            roster=RosterService(store),
            enrollment=EnrollmentService(store),
            stats=StatsService(store),
        )
