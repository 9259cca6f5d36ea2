"""Is this computer's clock behind what its database has already recorded?

An old laptop whose battery died starts at 2000-01-01 or its BIOS date. The register
then opens on that day, and marks taken there land on the wrong day. Nothing online can
say so at the hub (the sync's own check against the server's clock needs the network),
but the database knows a moment that has certainly passed: the newest reading of this
device's hybrid logical clock. Every change made here records one, and every change
pulled from another laptop is folded into it (``Replica.newest_reading_ms``); the last
successful sync, whose clock the server found right, is one too.

The check says "behind", never "long ago": a laptop unused for months is fine. It fires
only when this computer's clock is more than :data:`BEHIND_AFTER` before that moment,
which no correct clock is: both are instants (UTC), so time zones and summer time do not
enter, and even a laptop whose time zone is set wrong but whose local time was typed in
by hand is at most 26 hours off.

Only the last successful sync is a moment a server confirmed. A clock behind it is
certainly wrong (:attr:`ClockBehind.certain`). A clock behind the stamps alone may be
right: a laptop whose year was mistyped stamped them ahead and its clock has since been
fixed (the first sync turns its sync clock back), or another laptop's clock ran ahead.
The register then names both possibilities and lets the roll go on without asking.

A clock set *ahead* (a year mistyped, a date a few days on) stamps every mark with a
far-future day, and nothing this computer wrote can say so: its own stamps follow its
clock. Only a clock outside it can, the sync server's, as the sync last saw it
(``SYNC_CLOCK_SEEN``: kept whether the sync went on or was refused for the clock).
:meth:`ClockCheck.ahead` says

- *certainly ahead* when the server found this computer's clock ahead of its own by more
  than the sync allows (5 minutes), this clock has not been turned back since, and by
  that much today is another day than this computer says: marks taken now would land on
  the wrong day. A clock a few minutes or hours ahead on the right day is the sync's
  business alone (it refuses, and says so), not the register's;
- *maybe ahead* when this computer says it is more than :data:`FAR_AHEAD_AFTER` (300
  days) after the newest moment the server vouched for (the last comparison, the last
  successful sync). A mistyped year is at least 365 days past it; a laptop that really
  went unsynced that long has missed a whole programme year and its summer, so asking
  whether the date is right costs little. Anything shorter is never called ahead: a
  laptop in a park without a network for a term is right, and a false alarm there
  teaches people to ignore the band.

A clock found ahead and then turned back only partly (the year set right, the month still
wrong; a date a week on set back a day) is still *certainly ahead*. The clock on the wall
cannot say how much time passed since the comparison once it has been set, so the check
measures it on a clock nobody sets (:func:`since_boot_ms`: the time since the computer
started, sleep included): the first time it finds the clock certainly ahead it notes what
the time then probably was and that clock's reading, and at every later look the time
now is probably that moment plus what that clock has counted since. A clock turned back
to within :data:`SYNC_ALLOWS` of it, or onto the right day, is right again and nothing is
said, however long it then runs; one still ahead by enough to change the date keeps the
red band, with how far it still is. What this needs is the check to have seen the clock
still ahead while Harmony was open (it is kept in memory, not in the database: another
start of the computer starts that clock again). Without it, a clock now before the
reading the server found ahead was turned back by an unknown amount and nothing is said
until the sync's next comparison (or the ten months without one); a clock past that
reading is taken as not turned back, as before.

The stamps this computer wrote while its clock was ahead are ahead too, and a clock set
right is behind them. They must not keep calling a corrected clock behind until the real
date catches up with them (weeks, for a clock a few weeks ahead; the sync turns back only
a clock more than 400 days ahead): when the last comparison found this clock ahead by
more than :data:`SYNC_ALLOWS` and the clock has been turned back since (it reads before
what the server found it reading), the behind check takes the newest stamp as that much
earlier (:meth:`ClockCheck.newest_recorded_ms`). Once the clock reads past that again,
the stamps count as they are (the ones ahead are then at most the time the clock stayed
ahead in front of it). The last successful sync is never discounted: the server found
the clock right then.

With no comparison yet (a laptop never synced, or set up alone) nothing is said.
Neither verdict asks before a mark: the band says it, and the roll goes on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from harmony_desktop.store import Store, settings
from harmony_desktop.store.replica import Replica

#: How far this computer's clock may be before the newest recorded moment before it is
#: called behind: more than any time zone mistake (at most 26 hours), so a correct clock
#: never is.
BEHIND_AFTER = dt.timedelta(days=2)
#: How far past the newest moment the sync server vouched for this computer's clock may be
#: before the register asks whether its date is right (see the module's notes).
FAR_AHEAD_AFTER = dt.timedelta(days=300)
#: How far ahead of the server's clock the sync lets this computer's be (its own limit).
SYNC_ALLOWS = dt.timedelta(minutes=5)
_ALLOWS_MS = SYNC_ALLOWS // dt.timedelta(milliseconds=1)


@dataclass(frozen=True)
class ClockBehind:
    """This computer's clock is behind what the database already recorded."""

    #: this computer's clock now (local time, with its offset)
    now: dt.datetime
    #: the newest moment the database recorded (local time, with its offset)
    recorded: dt.datetime
    #: the clock is behind the last successful sync too, a moment the server confirmed:
    #: it is certainly wrong (False: it may be right, and the stamps ahead)
    certain: bool = True

    @property
    def behind(self) -> dt.timedelta:
        """How far behind the recorded moment the clock is."""
        return self.recorded - self.now

    def certainly_wrong_on(self, day: dt.date) -> bool:
        """Whether ``day`` is this computer's date and certainly wrong (what the
        register then asks about before a write dated ``day``)."""
        return self.certain and self.now.date() == day


@dataclass(frozen=True)
class ClockAhead:
    """This computer's clock is ahead of what the sync server last vouched for."""

    #: this computer's clock now (local time, with its offset)
    now: dt.datetime
    #: the server's clock the last time it was seen (certain), or the newest moment it
    #: vouched for (maybe): local time, with its offset
    server: dt.datetime
    #: the server found this clock ahead by enough to change the date, and it has not
    #: been turned back since (False: only a long time without a sync says so)
    certain: bool
    #: how far ahead of the server's this clock was then (certain; else zero); for a
    #: clock turned back since, how far ahead it still is
    by: dt.timedelta = dt.timedelta(0)
    #: the clock was turned back since the server found it ahead, but not far enough
    turned_back: bool = False

    @property
    def probably(self) -> dt.datetime:
        """What the time most likely is now (certain: this clock less what it was ahead)."""
        return self.now - self.by


def is_behind(now_ms: int, recorded_ms: int | None) -> bool:
    """Whether a clock reading ``now_ms`` is clearly behind ``recorded_ms`` (both
    milliseconds since the epoch): by more than :data:`BEHIND_AFTER`."""
    if recorded_ms is None:
        return False
    return recorded_ms - now_ms > BEHIND_AFTER // dt.timedelta(milliseconds=1)


def local_time(ms: int) -> dt.datetime:
    """Milliseconds since the epoch as this computer's local time."""
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).astimezone()


def since_boot_ms() -> int:
    """Milliseconds on a clock nobody sets: since this computer started, its sleep
    included where the system counts it (Linux's boot time; elsewhere the monotonic
    clock, which on Windows and macOS counts sleep too)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime_ns(boottime) // 1_000_000
    return time.monotonic_ns() // 1_000_000


@dataclass(frozen=True)
class _Anchor:
    """What the time probably was when the check last found the clock certainly ahead,
    and the reading then of the clock nobody sets."""

    #: the comparison it follows (the server's clock, this one's)
    seen: tuple[int, int]
    #: the time then, probably (ms since the epoch)
    probably_ms: int
    #: :func:`since_boot_ms` then
    counted_ms: int


class ClockCheck:
    """Compares this computer's clock (the store's ``wall``) with the database.

    ``counter`` is the clock nobody sets (:func:`since_boot_ms`; a test's own)."""

    def __init__(self, store: Store, counter: Callable[[], int] = since_boot_ms) -> None:
        self.store = store
        self.counter = counter
        self._anchor: _Anchor | None = None

    def newest_recorded_ms(self) -> int | None:
        """The newest moment the database recorded, in milliseconds since the epoch: the
        clock's newest reading, or the last successful sync (None: nothing yet). The
        clock's reading counts less what the sync last found this clock ahead by while
        it has been turned back since (the stamps it wrote meanwhile are that far ahead:
        the module's notes)."""
        reading = Replica(self.store).newest_reading_ms()
        seen = self._seen()
        if (
            reading
            and seen is not None
            and seen[1] - seen[0] > _ALLOWS_MS
            and self.store.wall() < seen[1]  # turned back since the server found it ahead
        ):
            reading -= seen[1] - seen[0]
        readings = [reading, self.last_sync_ms()]
        return max((r for r in readings if r), default=None)

    def _seen(self) -> tuple[int, int] | None:
        """The sync's last comparison: the server's clock and this one's (ms), or None."""
        seen = self.store.settings.get(settings.SYNC_CLOCK_SEEN)
        if not isinstance(seen, dict):  # never compared (or not what this version keeps)
            return None
        server_ms, here_ms = seen.get("server_ms"), seen.get("here_ms")
        if isinstance(server_ms, int) and isinstance(here_ms, int):
            return server_ms, here_ms
        return None

    def last_sync_ms(self) -> int | None:
        """When the last successful sync ended (the server found this computer's clock
        right then), in milliseconds since the epoch; None: never."""
        synced = self.store.settings.get(settings.SYNC_LAST_SUCCESS)
        if synced is None:
            return None
        if synced.tzinfo is None:
            synced = synced.replace(tzinfo=dt.UTC)
        return int(synced.timestamp() * 1000)

    def today(self) -> dt.date:
        """This computer's date now (its local time)."""
        return local_time(self.store.wall()).date()

    def behind(self) -> ClockBehind | None:
        """What the register must say when this computer's clock is behind what the
        database recorded (None when it is not)."""
        now_ms = self.store.wall()
        recorded_ms = self.newest_recorded_ms()
        if recorded_ms is None or not is_behind(now_ms, recorded_ms):
            return None
        certain = is_behind(now_ms, self.last_sync_ms())
        return ClockBehind(local_time(now_ms), local_time(recorded_ms), certain)

    def ahead(self) -> ClockAhead | None:
        """What the register must say when this computer's clock is ahead of what the
        sync server last vouched for (None when it is not, or nothing can say)."""
        now_ms = self.store.wall()
        seen = self._seen()
        vouched = [self.last_sync_ms()]
        if seen is not None:
            server_ms, here_ms = seen
            vouched.append(server_ms)
            found = self._still_ahead(now_ms, server_ms, here_ms)
            if found is not None:
                return found
        newest = max((v for v in vouched if v), default=None)
        if newest is None or now_ms - newest <= FAR_AHEAD_AFTER // dt.timedelta(milliseconds=1):
            return None
        return ClockAhead(local_time(now_ms), local_time(newest), certain=False)

    def _still_ahead(self, now_ms: int, server_ms: int, here_ms: int) -> ClockAhead | None:
        """Certainly ahead: not turned back since the server found it so, or turned back
        less than the time counted since (the module's notes)."""
        by_ms = here_ms - server_ms
        if by_ms <= _ALLOWS_MS:
            return None
        counted = self.counter()
        anchor = self._anchor
        if anchor is not None and anchor.seen != (server_ms, here_ms):
            anchor = self._anchor = None  # another comparison since
        if anchor is not None:  # the time since counted on the clock nobody sets
            probably_ms = anchor.probably_ms + max(0, counted - anchor.counted_ms)
        elif now_ms >= here_ms:
            # ahead then, and not turned back since (now before that reading: it was)
            probably_ms = now_ms - by_ms
            self._anchor = _Anchor((server_ms, here_ms), probably_ms, counted)
        else:
            return None  # turned back before the check saw it ahead: nothing to count on
        still = now_ms - probably_ms
        turned_back = still < by_ms - _ALLOWS_MS
        now = local_time(now_ms)
        if still <= _ALLOWS_MS or local_time(probably_ms).date() == now.date():
            return None
        return ClockAhead(
            now,
            local_time(server_ms),
            certain=True,
            by=dt.timedelta(milliseconds=still),
            turned_back=turned_back,
        )


def at_least(today: dt.date, behind: ClockBehind | None) -> dt.date:
    """The day it at least really is when this computer says ``today``: the newest day
    the register recorded when the clock is certainly behind it (:attr:`ClockBehind.certain`),
    else ``today``. What the register judges a volunteer's clearances on, and the
    Volunteers and Events tabs too."""
    if behind is None or not behind.certain:
        return today
    return max(today, behind.recorded.date())
