"""Console settings, read from the environment (the same for ``serve`` and ``admin health``).

=============================== ======= ==================================================
variable                        default meaning
=============================== ======= ==================================================
``HARMONY_SYNC_OVERDUE_DAYS``   2       a device whose last sync was this many school
                                        days ago or more is overdue (health.py)
``HARMONY_SYNC_BACKLOG_LIMIT``  200     more changes waiting than this is flagged
``HARMONY_SYNC_TIMEZONE``       UTC     where meeting days are counted when a hub's row
                                        has no ``timezone``; times are shown in it (a
                                        hub's syncs in the hub's zone, named)
``HARMONY_SYNC_SESSION_HOURS``  12      a console sign-in lasts this long
``HARMONY_SYNC_COOKIE_SECURE``  1       ``0`` only for plain-http loopback (tests, dev)
``HARMONY_SYNC_NOW``            (none)  an ISO time taken as "now" by the console and
                                        ``admin health`` (tests and demonstrations)
=============================== ======= ==================================================
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENV_PREFIX = "HARMONY_SYNC_"


def _real_now() -> datetime:
    return datetime.now(UTC)


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``; ValueError naming it when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"Unknown time zone {name!r}: use a name like 'America/Los_Angeles' or 'UTC'."
        ) from None


@dataclass
class ConsoleSettings:
    """What the console and ``admin health`` need to judge and show sync health.

    ``clock`` returns the current time (timezone-aware UTC); tests replace it to simulate
    a quiet period without sleeping.
    """

    overdue_school_days: int = 2
    backlog_limit: int = 200
    timezone: str = "UTC"
    session_hours: float = 12.0
    secure_cookies: bool = True
    clock: Callable[[], datetime] = field(default=_real_now)

    def __post_init__(self) -> None:
        if self.overdue_school_days < 1:
            raise ValueError("HARMONY_SYNC_OVERDUE_DAYS must be a whole number of at least 1.")
        if self.backlog_limit < 1:
            raise ValueError("HARMONY_SYNC_BACKLOG_LIMIT must be a whole number of at least 1.")
        if not 0 < self.session_hours <= 24 * 30:
            raise ValueError("HARMONY_SYNC_SESSION_HOURS must be between 0 and 720.")
        zone(self.timezone)

    def now(self) -> datetime:
        """The current time (UTC), as the console sees it."""
        return self.clock()

    @property
    def zone(self) -> ZoneInfo:
        """The display time zone."""
        return zone(self.timezone)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ConsoleSettings:
        """Settings from ``HARMONY_SYNC_*`` variables; ValueError names a bad one."""
        env = os.environ if environ is None else environ

        def number(name: str, default: float, kind: type = int) -> float:
            raw = env.get(ENV_PREFIX + name, "").strip()
            if not raw:
                return default
            try:
                return float(kind(raw))
            except ValueError:
                raise ValueError(f"{ENV_PREFIX}{name} must be a number, not {raw!r}.") from None

        secure = env.get(ENV_PREFIX + "COOKIE_SECURE", "1").strip().lower()
        if secure not in ("1", "0", "true", "false", "yes", "no"):
            raise ValueError(f"{ENV_PREFIX}COOKIE_SECURE must be 1 or 0, not {secure!r}.")
        clock: Callable[[], datetime] = _real_now
        fixed = env.get(ENV_PREFIX + "NOW", "").strip()
        if fixed:
            try:
                moment = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(
                    f"{ENV_PREFIX}NOW must be an ISO time like 2026-11-24T09:00:00Z."
                ) from None
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            clock = lambda: moment.astimezone(UTC)  # noqa: E731
        return cls(
            overdue_school_days=int(number("OVERDUE_DAYS", 2)),
            backlog_limit=int(number("BACKLOG_LIMIT", 200)),
            timezone=env.get(ENV_PREFIX + "TIMEZONE", "").strip() or "UTC",
            session_hours=number("SESSION_HOURS", 12.0, float),
            secure_cookies=secure in ("1", "true", "yes"),
            clock=clock,
        )
