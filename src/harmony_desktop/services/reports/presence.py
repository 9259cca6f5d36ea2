"""The presences of each held session, for the kinds that walk every presence (ases,
grid, hours, leap), and who was on each roll (completion too).

The figures are those of the ``counted`` block (:mod:`.sql`) kept to the present codes:
the present marks of held sessions while the student was enrolled in the session's
ensemble, each with the seconds it attended. Only the way they are read differs. In
``counted`` SQLite checks every mark against the enrolment spans, one B-tree probe per
mark, and hands over a row per mark; here it hands over a row per held session (some
fifteen times fewer), carrying the session's present marks read from its range of the
report index: the students present as one separated string and, when asked for, the
few presences with times of their own or an early departure as JSON. The enrolment
check is then made per session against the spans (:class:`Roll`): one set test when
everyone marked was on the roll that day, as nearly always.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import NamedTuple

from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.sql import Sql, merge_spans, seconds_of

#: Separates the student ids of a session's presences (ids are UUIDs, made here or
#: checked as such by sync, so never hold control characters; the few presences with
#: text of their own, a reason, travel as JSON).
SEPARATOR = "\x1f"
#: Separates those ids from the other presences' JSON.
_RECORDS = "\x1e"

#: One presence with times of its own or an early departure: (student, arrival,
#: departure, left early 0/1, early-release reason if it left early, seconds attended).
Timed = tuple[str, str | None, str | None, int, str | None, int]


class HeldSession(NamedTuple):
    """One held session in scope and the presences counted in it."""

    ensemble_id: str
    hub_id: str
    #: date, start and end as stored
    date: str
    start: str
    end: str
    kind: str
    #: the session's length: what a presence with no times of its own attended
    seconds: int
    #: every student counted present, once per mark; with details, first the ``whole``
    #: ones (no times of their own, no early departure), then those of ``timed``
    students: list[str]
    #: (with details) how many of ``students`` were present for the whole session
    whole: int
    #: (with details) the other presences
    timed: list[Timed]


class Roll:
    """Who is on the roll of which ensemble on which day, from merged enrolment spans
    (student, ensemble, first day, day after the last; dates as stored text).

    An ensemble's roll changes only on the days its spans start or end: between two of
    them it is one set, worked out the first time a session falls there, so a
    session's marks are checked with one set test. Text compares as SQLite compares
    it, so the answers are the ``counted`` block's.
    """

    def __init__(self, spans: Sequence[tuple[str, str, str, str]]) -> None:
        self._spans: dict[str, list[tuple[str, str, str]]] = {}
        for student, ensemble, start, end in spans:
            self._spans.setdefault(ensemble, []).append((student, start, end))
        #: ensemble -> the days its roll changes, in order
        self._cuts = {
            ensemble: sorted({day for _s, start, end in found for day in (start, end)})
            for ensemble, found in self._spans.items()
        }
        #: (ensemble, index of the days between two cuts) -> the roll then
        self._rolls: dict[tuple[str, int], frozenset[str]] = {}

    def changes(self, ensemble: str) -> list[str]:
        """The days ``ensemble``'s roll changes, in order: :meth:`roll` is the same on
        every day from one of them to the day before the next."""
        return self._cuts.get(ensemble, [])

    def roll(self, ensemble: str, day: str) -> frozenset[str]:
        """The students enrolled in ``ensemble`` on ``day``."""
        cuts = self._cuts.get(ensemble)
        if cuts is None:
            return _NOBODY
        key = (ensemble, bisect_right(cuts, day))
        roll = self._rolls.get(key)
        if roll is None:
            roll = self._rolls[key] = frozenset(
                student for student, start, end in self._spans[ensemble] if start <= day < end
            )
        return roll

    def on_roll(self, ensemble: str, day: str, students: list[str]) -> list[str]:
        """Those of ``students`` enrolled in ``ensemble`` on ``day``, in the same order."""
        roll = self.roll(ensemble, day)
        if roll.issuperset(students):
            return students
        return [student for student in students if student in roll]


_NOBODY: frozenset[str] = frozenset()


def spans(ctx: ReportContext, sql: Sql) -> list[tuple[str, str, str, str]]:
    """The merged enrolment spans of ``sql``'s period (``ctx.spans`` is the report's)."""
    return merge_spans(ctx.rows(sql.enrollments(), sql.params))


def held_sessions(
    ctx: ReportContext,
    sql: Sql | None = None,
    enrolled: Sequence[tuple[str, str, str, str]] | None = None,
    *,
    details: bool = False,
) -> list[HeldSession]:
    """Every held session of ``sql``'s scope (the report's by default) with the presences
    counted in it; ``enrolled`` are that period's spans (``ctx.spans`` by default).

    Without ``details`` only the students present are read (``whole`` is 0 and
    ``timed`` empty); with them, which presences had times of their own or left early,
    their times, reasons and seconds attended."""
    if sql is None:
        sql, enrolled = ctx.sql(), ctx.spans
    elif enrolled is None:
        enrolled = spans(ctx, sql)
    roll = Roll(enrolled)
    # One row per held session. Its present marks are one range of the report index,
    # read whole and filtered by code (``+m.code``: cheaper than one look-up per
    # present code). With details, group_concat leaving out NULLs, one pass makes two
    # lists: the whole presences' students, and the others as JSON.
    plain = f"m.arrival_time IS NULL AND m.departure_time IS NULL AND m.code NOT IN {sql.early}"
    arrival, departure = seconds_of("m.arrival_time"), seconds_of("m.departure_time")
    marks = (
        f"""COALESCE(group_concat(CASE WHEN {plain} THEN m.student_id END, char(31)), '')
            || char(30)
            || COALESCE(group_concat(CASE WHEN NOT ({plain}) THEN json_array(
                   m.student_id, m.arrival_time, m.departure_time, m.code IN {sql.early},
                   CASE WHEN m.code IN {sql.early} THEN m.reason END,
                   MAX(0, MIN(h.end_s, COALESCE({departure}, h.end_s))
                          - MAX(h.start_s, COALESCE({arrival}, h.start_s))))
                   END), '')"""
        if details
        else "group_concat(m.student_id, char(31))"
    )
    sessions = []
    for ensemble, hub, day, start, end, kind, seconds, found in ctx.rows(
        f"""
        WITH h AS NOT MATERIALIZED (
            SELECT s.id, s.ensemble_id, s.hub_id, s.date, s.start, s."end", s.kind,
                   {seconds_of("s.start")} AS start_s, {seconds_of('s."end"')} AS end_s
            FROM session s WHERE {sql.is_held("s")}
        )
        SELECT h.ensemble_id, h.hub_id, h.date, h.start, h."end", h.kind,
               MAX(0, h.end_s - h.start_s),
               (SELECT {marks}
                FROM attendance_mark m INDEXED BY ix_attendance_mark_report
                WHERE m.session_id = h.id AND m.deleted = 0 AND +m.code IN {sql.present})
        FROM h
        """,
        sql.params,
    ):
        if not details:
            marked = found.split(SEPARATOR) if found else []
            present = roll.on_roll(ensemble, day, marked) if marked else marked
            sessions.append(
                HeldSession(ensemble, hub, day, start, end, kind, seconds, present, 0, [])
            )
            continue
        whole_ids, _sep, others = found.partition(_RECORDS)
        marked = whole_ids.split(SEPARATOR) if whole_ids else []
        whole = len(marked)
        timed: list[Timed] = []
        if others:
            timed = [tuple(t) for t in json.loads(f"[{others}]")]
            marked += [t[0] for t in timed]
        present = roll.on_roll(ensemble, day, marked) if marked else marked
        if present is not marked:  # someone marked was not on the roll that day
            on_roll = set(present)
            whole = sum(1 for student in marked[:whole] if student in on_roll)
            timed = [t for t in timed if t[0] in on_roll]
        sessions.append(
            HeldSession(ensemble, hub, day, start, end, kind, seconds, present, whole, timed)
        )
    return sessions


def days_present(sessions: Iterable[HeldSession]) -> Counter[str]:
    """How many distinct days each student was present (as stored dates: two sessions
    the same day are one day): each day's students made a set, then counted, with no
    Python loop per presence."""
    by_day: dict[str, list[list[str]]] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session.students)
    return Counter(chain.from_iterable(set(chain.from_iterable(day)) for day in by_day.values()))
