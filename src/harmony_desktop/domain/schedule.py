"""An ensemble's weekly schedule: its meetings, and how a change keeps the past.

Stored as JSON (``Ensemble.schedule``)::

    [{"weekday": 0, "start": "15:30", "end": "17:00"},
     {"weekday": 2, "start": "15:30", "end": "17:00", "from": "2026-01-12"},
     {"weekday": 4, "start": "15:30", "end": "17:00", "until": "2026-01-11"}]

``weekday`` is 0-6 (Monday = 0). ``from`` and ``until`` (optional, inclusive) are the
days a meeting is in effect. Changing a schedule (:func:`change`) ends the meetings
that go away yesterday and starts new ones today, so the sessions already past stay
where they were and only future sessions move (docs/DOMAIN.md, "Sessions").
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import LOCALES, _, format_time, weekday_name

#: Short English day names (what the app shows; the UI translates them).
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: Day words people write that Babel's names do not give (folded: no accents, lower):
#: longer English abbreviations, and the letters of Spanish timetables ("L-V", "X" for
#: miércoles). The rest are Babel's, in every language the app speaks
#: (:func:`_day_words`).
_EXTRA_DAY_WORDS: dict[str, int] = {
    "tues": 1,
    "thur": 3,
    "thurs": 3,
    "l": 0,
    "x": 2,
    "j": 3,
    "v": 4,
    "d": 6,
}


@functools.lru_cache(maxsize=1)
def _day_words() -> dict[str, int]:
    """Every word for a weekday a spreadsheet may use, folded, to its number (Monday 0):
    Babel's wide, abbreviated and short names in English and Spanish ("Wednesday", "Wed",
    "We", "miércoles", "mié", "MI"), so what a Spanish export writes reads back whatever
    Babel's data, and the words above."""
    from babel.dates import get_day_names

    words = dict(_EXTRA_DAY_WORDS)
    for locale in LOCALES.values():
        for width in ("wide", "abbreviated", "short"):
            for number, name in get_day_names(width, locale=locale).items():
                words[_fold(name).strip(" .")] = number
    return words


@dataclass(frozen=True)
class Meeting:
    """One weekly meeting, in effect from ``first`` to ``until`` (None: open-ended)."""

    weekday: int
    start: dt.time
    end: dt.time
    first: dt.date | None = None
    until: dt.date | None = None

    @property
    def slot(self) -> tuple[int, dt.time, dt.time]:
        """(weekday, start, end): what a person sets."""
        return self.weekday, self.start, self.end

    def in_effect(self, day: dt.date) -> bool:
        """True when this meeting applies to ``day`` (any weekday)."""
        return (self.first is None or self.first <= day) and (
            self.until is None or day <= self.until
        )

    def meets_on(self, day: dt.date) -> bool:
        """True when this meeting takes place on ``day``."""
        return day.weekday() == self.weekday and self.in_effect(day)

    def key(self) -> tuple[int, dt.time, dt.time, dt.date, dt.date]:
        """Sort order: weekday, start, end, then the days in effect."""
        return (*self.slot, self.first or dt.date.min, self.until or dt.date.max)

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        found: dict[str, Any] = {
            "weekday": self.weekday,
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
        }
        if self.first is not None:
            found["from"] = self.first.isoformat()
        if self.until is not None:
            found["until"] = self.until.isoformat()
        return found


def _meeting(item: Any) -> Meeting | None:
    try:
        weekday = int(item["weekday"])
        start = dt.time.fromisoformat(item["start"])
        end = dt.time.fromisoformat(item["end"])
        first = dt.date.fromisoformat(item["from"]) if item.get("from") else None
        until = dt.date.fromisoformat(item["until"]) if item.get("until") else None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return Meeting(weekday, start, end, first, until) if 0 <= weekday <= 6 else None


def meetings(text: str | None) -> list[Meeting]:
    """Every meeting of a stored schedule, past ones included.

    A schedule is synced text; an entry this version cannot read (hand-edited, or from
    a newer version) is left out rather than stopping the register.
    """
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    return [m for m in (_meeting(i) for i in items if isinstance(i, dict)) if m is not None]


def dumps(found: Iterable[Meeting]) -> str:
    """The stored form of a schedule."""
    return json.dumps([m.to_json() for m in sorted(found, key=Meeting.key)])


def current(found: Iterable[Meeting], day: dt.date) -> list[Meeting]:
    """The meetings in effect on ``day`` (the schedule as people see it that day)."""
    return sorted((m for m in found if m.in_effect(day)), key=Meeting.key)


def check_slots(
    slots: Iterable[tuple[int, dt.time, dt.time]],
) -> list[tuple[int, dt.time, dt.time]]:
    """The slots, checked: a meeting ends after it starts, no two overlap on one day."""
    checked = sorted(set(slots))
    for weekday, start, end in checked:
        if not 0 <= weekday <= 6:
            raise ValidationError(_("A weekday is 0 (Monday) to 6 (Sunday)."), "schedule")
        if end <= start:
            raise ValidationError(
                _("A meeting must end after it starts ({day} {start}).").format(
                    day=weekday_name(weekday), start=format_time(start)
                ),
                "schedule",
            )
    for (day_a, start_a, end_a), (day_b, start_b, _end_b) in itertools.pairwise(checked):
        if day_a == day_b and start_b < end_a:
            raise ValidationError(
                _("Two meetings overlap on {day} ({a} and {b}).").format(
                    day=weekday_name(day_a), a=format_time(start_a), b=format_time(start_b)
                ),
                "schedule",
            )
    return checked


def change(
    stored: Iterable[Meeting],
    slots: Iterable[tuple[int, dt.time, dt.time]],
    today: dt.date,
    *,
    new_ensemble: bool = False,
) -> list[Meeting]:
    """The schedule after a person set it to ``slots`` on ``today``.

    Meetings that ended before today stay as they are (the past never moves). A meeting
    in effect that is still wanted is kept; one no longer wanted ends yesterday (or
    vanishes if it had not started yet). A wanted slot not yet in effect starts today,
    except on a ``new_ensemble``, whose meetings apply from its first day.
    """
    wanted = check_slots(slots)
    kept: list[Meeting] = []
    live: set[tuple[int, dt.time, dt.time]] = set()
    for meeting in stored:
        ended = meeting.until is not None and meeting.until < today
        if ended:
            kept.append(meeting)
        elif meeting.slot in wanted and meeting.slot not in live:
            kept.append(meeting)
            live.add(meeting.slot)
        elif meeting.first is None or meeting.first < today:
            kept.append(Meeting(*meeting.slot, meeting.first, today - dt.timedelta(days=1)))
    start = None if new_ensemble else today
    kept.extend(Meeting(*slot, start) for slot in wanted if slot not in live)
    return sorted(kept, key=Meeting.key)


def describe(found: Iterable[Meeting]) -> str:
    """ "Mon, Wed 3:30 PM–5:00 PM, Sat 10:00 AM–11:30 AM" in the current language
    ("lun, mié 3:30 p.m.–5:00 p.m."); consecutive days run "Mon–Fri"."""
    by_time: dict[tuple[dt.time, dt.time], list[int]] = {}
    for m in found:
        by_time.setdefault((m.start, m.end), []).append(m.weekday)
    parts = []
    for (start, end), days in sorted(by_time.items(), key=lambda kv: (min(kv[1]), kv[0])):
        days = sorted(set(days))
        runs: list[list[int]] = []
        for d in days:
            if runs and d == runs[-1][-1] + 1:
                runs[-1].append(d)
            else:
                runs.append([d])
        names = [
            weekday_name(r[0]) if len(r) == 1 else f"{weekday_name(r[0])}–{weekday_name(r[-1])}"
            for r in runs
        ]
        parts.append(f"{', '.join(names)} {format_time(start)}–{format_time(end)}")
    return ", ".join(parts)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def parse_weekdays(text: str) -> list[int]:
    """Weekdays from a cell: "Mon Wed", "lun mié", "Monday, Wednesday", "Mon-Fri",
    "L-V". ValidationError names a word that is not a day."""
    folded = _fold(text)
    day_words = _day_words()
    days: set[int] = set()
    for part in re.split(r"[\s,;/+&]+|\by\b|\band\b", folded):
        part = part.strip(" .")
        if not part:
            continue
        if "-" in part or "–" in part:
            ends = [p.strip(" .") for p in re.split(r"[-–]", part)]
            if len(ends) == 2 and all(e in day_words for e in ends):
                first, last = day_words[ends[0]], day_words[ends[1]]
                days.update(range(first, last + 1) if first <= last else ())
                continue
        if part not in day_words:
            raise ValidationError(
                _("{word!r} is not a day of the week (Mon Wed, lun mié).").format(word=part),
                "weekdays",
            )
        days.add(day_words[part])
    if not days:
        raise ValidationError(_("Give the days it meets (for example Mon Wed)."), "weekdays")
    return sorted(days)


def parse_time(value: object) -> dt.time:
    """A time of day from a cell: a time, "15:30", "3:30 PM", "15.30", "1530", or an
    Excel fraction of a day (0.6458…)."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    text = _fold(str(value or "")).replace(" ", "")
    text = text.replace("a.m.", "am").replace("p.m.", "pm").replace(".", ":")
    found = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?(?::\d{2})?(am|pm)?", text)
    if found is None:
        raise ValidationError(
            _("{value!r} is not a time of day (15:30 or 3:30 PM).").format(value=str(value)),
            "time",
        )
    hour, minute = int(found[1]), int(found[2] or 0)
    suffix = found[3] or ""
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise ValidationError(
            _("{value!r} is not a time of day (15:30 or 3:30 PM).").format(value=str(value)),
            "time",
        )
    return dt.time(hour, minute)
