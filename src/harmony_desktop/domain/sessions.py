"""A session as today's list shows it, and its roll state (docs/DOMAIN.md): plain data,
made by ``store/today.py`` (the reading every list of sessions shares) and shown by the
register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from harmony_desktop.domain.vocab import SessionStatus


class RollState(StrEnum):
    """What a teacher sees on a session: derived, never stored."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ROLL_TAKEN = "roll_taken"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class SessionInfo:
    """One session of a day as the sessions list shows it."""

    id: str
    ensemble_id: str
    ensemble_name: str
    date: dt.date
    start: dt.time
    end: dt.time
    status: str
    kind: str
    title: str
    on_site: bool
    cancel_reason: str
    stored: bool
    expected: int
    recorded: int
    #: a regular session no longer on the schedule (changed, a closure) kept because
    #: it already has marks: the site lead should look at it
    off_schedule: bool = False
    #: the ensemble's teacher (who takes its roll unless someone else is chosen)
    teacher_id: str | None = None

    @property
    def state(self) -> RollState:
        """Not started, in progress, roll taken or cancelled."""
        if self.status == SessionStatus.CANCELLED:
            return RollState.CANCELLED
        if self.recorded == 0:
            return RollState.NOT_STARTED
        if self.recorded >= self.expected:
            return RollState.ROLL_TAKEN
        return RollState.IN_PROGRESS

    @property
    def label(self) -> str:
        """Ensemble name, plus the title of an ad-hoc session."""
        return f"{self.ensemble_name} — {self.title}" if self.title else self.ensemble_name
