"""The presences of each held session, for the kinds that walk every presence (ases,
grid, hours, leap, retention).

The figures are those of the ``counted`` block (:mod:`.sql`) kept to the present codes:
the present marks of held sessions while the student was enrolled in the session's
ensemble, each with the seconds it attended. Only the way they are read differs. In
``counted`` SQLite checks every mark against the enrolment spans, one B-tree probe per
mark, and hands over a row per mark; here it hands over a row per held session (a few
hundred times fewer), carrying the session's present marks read from its range of the
report index: the students who attended all of it as one separated string, the few
with times of their own or an early departure as a JSON array. The enrolment check is
then made per session against the spans (:class:`Roll`): a single set test when every
student marked is enrolled in the ensemble for the whole period, as nearly all are.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.sql import Sql, seconds_of

#: Separates the student ids of a session's whole presences (ids never hold control
#: characters; the few presences with text of their own travel as JSON).
_SEPARATOR = "\x1f"
#: Separates those ids from the other presences' JSON.
_RECORDS = "\x1e"

#: One presence with times of its own or an early departure: (student, arrival,
#: departure, left early 0/1, early-release reason if it left early, seconds attended).
Timed = tuple[str, str | None, str | None, int, str | None, int]


@dataclass(frozen=True, slots=True)
class HeldSession:
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
    #: every student counted present, once per mark: first the ``whole`` ones (no times
    #: of their own, no early departure), then the others
    students: list[str]
    whole: int
    #: the others' details as JSON array items, read only by the kinds that need them
    others: str

    def timed(self) -> list[Timed]:
        """The presences with times of their own or an early departure."""
        if not self.others:
            return []
        on_roll = set(self.students[self.whole :])
        return [tuple(t) for t in json.loads(f"[{self.others}]") if t[0] in on_roll]


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

    def on_roll(self, ensemble: str, day: str, students: list[str]) -> list[str]:
        """Those of ``students`` enrolled in ``ensemble`` on ``day``, in the same order."""
        cuts = self._cuts.get(ensemble)
        if cuts is None:
            return []
        key = (ensemble, bisect_right(cuts, day))
        roll = self._rolls.get(key)
        if roll is None:
            roll = self._rolls[key] = frozenset(
                student for student, start, end in self._spans[ensemble] if start <= day < end
            )
        if roll.issuperset(students):
            return students
        return [student for student in students if student in roll]


def spans(ctx: ReportContext, sql: Sql) -> list[tuple[str, str, str, str]]:
    """The merged enrolment spans of ``sql``'s period (``ctx.spans`` is the report's)."""
    return ctx.rows(
        f"WITH enrolled AS MATERIALIZED ({sql.enrolled()}) SELECT * FROM enrolled", sql.params
    )


def held_sessions(
    ctx: ReportContext,
    sql: Sql | None = None,
    enrolled: Sequence[tuple[str, str, str, str]] | None = None,
) -> list[HeldSession]:
    """Every held session of ``sql``'s scope (the report's by default) with the presences
    counted in it; ``enrolled`` are that period's spans (``ctx.spans`` by default)."""
    if sql is None:
        sql, enrolled = ctx.sql(), ctx.spans
    elif enrolled is None:
        enrolled = spans(ctx, sql)
    arrival, departure = seconds_of("m.arrival_time"), seconds_of("m.departure_time")
    plain = f"m.arrival_time IS NULL AND m.departure_time IS NULL AND m.code NOT IN {sql.early}"
    roll = Roll(enrolled)
    sessions = []
    # One row per held session. Its present marks are one range of the report index,
    # read whole and filtered by code (``+m.code``: cheaper than one look-up per
    # present code); group_concat leaves out NULLs, so one pass makes three lists: the
    # whole presences' students, the others' students and the others' details.
    for ensemble, hub, day, start, end, kind, seconds, marks in ctx.rows(
        f"""
        WITH h AS NOT MATERIALIZED (
            SELECT s.id, s.ensemble_id, s.hub_id, s.date, s.start, s."end", s.kind,
                   {seconds_of("s.start")} AS start_s, {seconds_of('s."end"')} AS end_s
            FROM session s WHERE {sql.is_held("s")}
        )
        SELECT h.ensemble_id, h.hub_id, h.date, h.start, h."end", h.kind,
               MAX(0, h.end_s - h.start_s),
               (SELECT COALESCE(group_concat(CASE WHEN {plain} THEN m.student_id END,
                                             char(31)), '')
                       || char(30)
                       || COALESCE(group_concat(CASE WHEN NOT ({plain}) THEN m.student_id END,
                                                char(31)), '')
                       || char(30)
                       || COALESCE(group_concat(CASE WHEN NOT ({plain}) THEN json_array(
                              m.student_id, m.arrival_time, m.departure_time,
                              m.code IN {sql.early},
                              CASE WHEN m.code IN {sql.early} THEN m.reason END,
                              MAX(0, MIN(h.end_s, COALESCE({departure}, h.end_s))
                                     - MAX(h.start_s, COALESCE({arrival}, h.start_s))))
                              END), '')
                FROM attendance_mark m INDEXED BY ix_attendance_mark_report
                WHERE m.session_id = h.id AND m.deleted = 0 AND +m.code IN {sql.present})
        FROM h
        """,
        sql.params,
    ):
        whole_ids, _sep, rest = marks.partition(_RECORDS)
        other_ids, _sep, others = rest.partition(_RECORDS)
        marked = whole_ids.split(_SEPARATOR) if whole_ids else []
        whole = len(marked)
        if other_ids:
            marked += other_ids.split(_SEPARATOR)
        present = roll.on_roll(ensemble, day, marked) if marked else marked
        if present is not marked:  # someone marked was not on the roll that day
            on_roll = set(present)
            whole = sum(1 for student in marked[:whole] if student in on_roll)
        sessions.append(
            HeldSession(ensemble, hub, day, start, end, kind, seconds, present, whole, others)
        )
    return sessions
