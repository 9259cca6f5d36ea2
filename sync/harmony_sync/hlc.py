"""Hybrid logical clock (HLC) timestamps, encoded as strings that sort by time.

A timestamp is ``"{millis:015d}-{counter:05d}-{node}"`` where ``node`` is the 16-hex-digit
device id. Comparing two encoded timestamps as strings orders them by wall time, then by
counter, then by device id: exactly the last-writer-wins rule of the sync invariants, with
ties broken by device id.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_COUNTER = 99_999
#: Two computers' wall clocks may differ by this much before a sync is refused
#: (docs/SYNC.md, "Clocks").
DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000
#: A stamp this far ahead of a wall clock cannot come from a clock that was merely
#: wrong for a while (a wrong year is about 366 days): it is refused as a mistake. Stamps
#: less far ahead are ordinary: edits made while a clock was wrong keep their stamps.
MAX_FUTURE_MS = 400 * 86_400_000
#: The timestamp of rows every device creates identically (for example the default codes).
GENESIS = "000000000000000-00000-0000000000000000"

_PATTERN = re.compile(r"^(\d{15})-(\d{5})-([0-9a-f]{16})$")
_NODE = re.compile(r"[0-9a-f]{16}")


class ClockError(ValueError):
    """A timestamp is malformed, or a remote clock is too far in the future."""


class ClockDriftError(ClockError):
    """A remote timestamp is further ahead of our wall clock than allowed."""

    def __init__(self, remote_ms: int, now_ms: int, max_drift_ms: int) -> None:
        self.ahead_ms = remote_ms - now_ms
        super().__init__(
            f"A clock is {self.ahead_ms / 60000:.1f} minutes ahead of this computer's clock "
            f"(at most {max_drift_ms / 60000:.0f} allowed). Check the date and time settings "
            "on both computers."
        )


@dataclass(frozen=True, order=True)
class Timestamp:
    """One HLC reading: wall milliseconds, a logical counter and the device (node) id."""

    millis: int
    counter: int
    node: str

    def encode(self) -> str:
        """Return the sortable string form stored in databases and sent over the wire."""
        return f"{self.millis:015d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        """Parse the string form, raising :class:`ClockError` when it is malformed."""
        match = _PATTERN.match(text)
        if not match:
            raise ClockError(f"Malformed clock timestamp {text!r}")
        return cls(int(match.group(1)), int(match.group(2)), match.group(3))


def is_valid(text: str) -> bool:
    """True when ``text`` is a well-formed encoded timestamp."""
    return bool(_PATTERN.match(text))


def wall_clock_ms() -> int:
    """The current wall-clock time in milliseconds since the Unix epoch."""
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """A per-device hybrid logical clock.

    ``now()`` stamps a local event; ``observe()`` folds in a timestamp received from
    elsewhere so that every later local stamp sorts after it. The clock never goes
    backwards even if the wall clock does.
    """

    def __init__(
        self,
        node: str,
        last: str | None = None,
        *,
        wall: Callable[[], int] = wall_clock_ms,
        max_drift_ms: int = DEFAULT_MAX_DRIFT_MS,
    ) -> None:
        if not _NODE.fullmatch(node):
            raise ClockError(f"A device id must be 16 lowercase hex digits, not {node!r}")
        self.node = node
        self._wall = wall
        self.max_drift_ms = max_drift_ms
        self._millis = 0
        self._counter = 0
        if last:
            # Timestamp.parse without building a Timestamp (read by every change)
            match = _PATTERN.match(last)
            if not match:
                raise ClockError(f"Malformed clock timestamp {last!r}")
            self._millis, self._counter = int(match.group(1)), int(match.group(2))

    @property
    def last(self) -> str:
        """The most recent timestamp issued or observed, encoded."""
        # Timestamp.encode's format, without building a Timestamp: this runs for every
        # change a device makes.
        return f"{self._millis:015d}-{self._counter:05d}-{self.node}"

    def now(self) -> str:
        """Return a new timestamp for a local event, later than every one seen before."""
        wall = self._wall()
        if wall > self._millis:
            self._millis, self._counter = wall, 0
        else:
            self._counter += 1
            if self._counter > MAX_COUNTER:
                # Extremely many events in one millisecond: borrow the next millisecond.
                self._millis, self._counter = self._millis + 1, 0
        return f"{self._millis:015d}-{self._counter:05d}-{self.node}"  # self.last, inline

    def observe(self, remote: str) -> None:
        """Fold in a remote timestamp; refuse one too far ahead of the wall clock."""
        ts = Timestamp.parse(remote)
        wall = self._wall()
        if ts.millis - wall > self.max_drift_ms:
            raise ClockDriftError(ts.millis, wall, self.max_drift_ms)
        if ts.millis > self._millis or (ts.millis == self._millis and ts.counter > self._counter):
            self._millis, self._counter = ts.millis, ts.counter


def check_not_future(
    stamp: str, *, now_ms: int | None = None, max_drift_ms: int = DEFAULT_MAX_DRIFT_MS
) -> None:
    """Raise :class:`ClockDriftError` if ``stamp`` is more than ``max_drift_ms`` ahead."""
    ts = Timestamp.parse(stamp)
    now = wall_clock_ms() if now_ms is None else now_ms
    if ts.millis - now > max_drift_ms:
        raise ClockDriftError(ts.millis, now, max_drift_ms)
