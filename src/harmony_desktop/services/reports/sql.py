"""The SQL every report kind is built from: one definition of "held", "enrolled" and
"counted", written once (docs/REPORTS.md, "The building blocks").

* ``held``: the live sessions in scope (hubs, ensemble, dates) whose status is held and
  that do not fall on a closure day. Cancelled and still-scheduled sessions are not held.
* ``enrolled``: each student's spans in each ensemble, enrolled_on ≤ day < ended_on,
  from enrollments that reached the roll (enrolled, withdrawn, completed), with
  overlapping spans of the same student and ensemble merged, so nothing counts twice.
  A report's own spans (``ReportContext.spans``) are the same rows merged in Python
  (:func:`merge_spans`), cheaper than SQLite's window passes.
* ``counted``: the marks of held sessions while the student was enrolled, with their
  code's flags: present, excused absence, unexcused absence (a code's flags decide,
  never its letters); marks with no code, or a code that no longer exists, are not
  counted (the student is unrecorded in that session). Each present mark carries the
  seconds it attended: the overlap of [arrival, departure] with the session's
  [start, end], the whole session when it has no times.

All of it is set-based SQL run on SQLite through the read session's connection: no
Python loop ever visits a mark. Joins over marks are written ``CROSS JOIN`` so SQLite
walks sessions first and reaches their marks through the covering report index
(``ix_attendance_mark_report``, migration 0004_reports): the mark rows themselves, wide
with their clocks, are never read. The held sessions come from a covering index too,
by hub and date (``ix_session_report``, migration 0007_report_indexes). The kinds that
go through every mark of the period (attendance, ases, grid, hours, leap) read each
held session's range of the report index into one row instead (see ``presence.py``
and ``attendance.pair_figures``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

#: The end of time for an open enrollment (dates are ISO text in SQLite).
OPEN_END = "9999-12-31"


def seconds_of(column: str) -> str:
    """SQL for the seconds since midnight of a stored time ("HH:MM[:SS[.ffffff]]")."""
    return (
        f"(CAST(substr({column}, 1, 2) AS INTEGER) * 3600"
        f" + CAST(substr({column}, 4, 2) AS INTEGER) * 60"
        f" + CAST(substr({column}, 7, 2) AS INTEGER))"
    )


@dataclass(frozen=True)
class CodeSets:
    """The attendance codes by meaning, read from their flags.

    A code stored more than once (two laptops added it) counts present if any of its
    rows does, else excused if any row is excused.
    """

    present: tuple[str, ...]
    excused: tuple[str, ...]
    unexcused: tuple[str, ...]
    #: present codes whose flag says the student left early
    early: tuple[str, ...]
    #: present codes whose flag says the student arrived late
    tardy: tuple[str, ...]

    @property
    def absent(self) -> tuple[str, ...]:
        """Every code that counts absent (excused or not)."""
        return self.excused + self.unexcused

    @property
    def known(self) -> tuple[str, ...]:
        """Every code that counts one way or the other."""
        return self.present + self.absent

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[str, Any, Any, Any, Any]]) -> CodeSets:
        """From (code, counts_present, excused, early_departure, tardy) rows."""
        flags: dict[str, list[bool]] = {}
        for code, present, excused, early, tardy in rows:
            seen = flags.setdefault(code, [False, False, False, False])
            for i, value in enumerate((present, excused, early, tardy)):
                seen[i] = seen[i] or bool(value)
        present_codes = tuple(sorted(c for c, f in flags.items() if f[0]))
        return cls(
            present=present_codes,
            excused=tuple(sorted(c for c, f in flags.items() if not f[0] and f[1])),
            unexcused=tuple(sorted(c for c, f in flags.items() if not f[0] and not f[1])),
            early=tuple(sorted(c for c, f in flags.items() if f[0] and f[2])),
            tardy=tuple(sorted(c for c, f in flags.items() if f[0] and f[3])),
        )


class Sql:
    """Builds report SQL for one scope, collecting its bound parameters.

    ``in_list(name, values)`` binds a list (codes, hub ids) as ``:name0, :name1 …``;
    the building blocks below are CTE bodies that refer to ``:first``, ``:last``,
    the hub list and the optional ``:ensemble``.
    """

    def __init__(
        self,
        *,
        first: str,
        last: str,
        hub_ids: Sequence[str],
        ensemble_id: str | None,
        codes: CodeSets,
        closures: bool,
    ) -> None:
        self.params: dict[str, Any] = {"first": first, "last": last, "open_end": OPEN_END}
        self.codes = codes
        self.ensemble_id = ensemble_id
        self.closures = closures
        self.hubs = self.in_list("hub", hub_ids)
        if ensemble_id is not None:
            self.params["ensemble"] = ensemble_id
        self.present = self.in_list("present", codes.present)
        self.excused = self.in_list("excused", codes.excused)
        self.unexcused = self.in_list("unexcused", codes.unexcused)
        self.early = self.in_list("early", codes.early)
        self.known = self.in_list("known", codes.known)

    def in_list(self, name: str, values: Sequence[Any]) -> str:
        """``(:name0, :name1, …)`` with the values bound (``()`` for none: never true)."""
        names = []
        for i, value in enumerate(values):
            key = f"{name}{i}"
            self.params[key] = value
            names.append(f":{key}")
        return "(" + ", ".join(names) + ")"

    def bind(self, name: str, value: Any) -> str:
        """Bind one more value; returns its placeholder."""
        self.params[name] = value
        return f":{name}"

    # -- building blocks ------------------------------------------------------------

    def not_closed(self, alias: str) -> str:
        """A condition: the session ``alias`` is not on a closure day of its hub or of
        the whole programme."""
        if not self.closures:
            return "1"
        return (
            f"NOT EXISTS (SELECT 1 FROM closure cl WHERE cl.deleted = 0"
            f" AND cl.date = {alias}.date AND (cl.hub_id IS NULL OR cl.hub_id = {alias}.hub_id))"
        )

    def is_held(self, alias: str, *, first: str = ":first", last: str = ":last") -> str:
        """A condition: the session ``alias`` is held, live, in scope and not closed."""
        ensemble = f"AND {alias}.ensemble_id = :ensemble" if self.ensemble_id else ""
        return f"""
            {alias}.deleted = 0 AND {alias}.status = 'held'
            AND {alias}.date >= {first} AND {alias}.date <= {last}
            AND {alias}.hub_id IN {self.hubs} {ensemble}
            AND EXISTS (SELECT 1 FROM ensemble en WHERE en.id = {alias}.ensemble_id
                        AND en.deleted = 0)
            AND {self.not_closed(alias)}
        """

    def held(self, *, first: str = ":first", last: str = ":last") -> str:
        """CTE body: the held sessions in scope, with their times in seconds; ``seq``
        numbers them in time order (a cheap "later than")."""
        return f"""
            SELECT s.id, s.ensemble_id, s.hub_id, s.date, s.start, s."end", s.kind,
                   {seconds_of("s.start")} AS start_s, {seconds_of('s."end"')} AS end_s,
                   ROW_NUMBER() OVER (ORDER BY s.date, s.start, s.id) AS seq
            FROM session s
            WHERE {self.is_held("s", first=first, last=last)}
        """

    def enrollments(self, *, first: str = ":first", last: str = ":last") -> str:
        """Query: the spans [start_day, end_day) of enrollments overlapping the period, in
        the ensembles in scope, of live students, as stored (not merged: see
        :meth:`enrolled` and :func:`merge_spans`)."""
        ensemble = "AND e.ensemble_id = :ensemble" if self.ensemble_id else ""
        return f"""
            SELECT e.student_id, e.ensemble_id, e.enrolled_on AS start_day,
                   COALESCE(e.ended_on, :open_end) AS end_day
            FROM enrollment e
            JOIN ensemble en ON en.id = e.ensemble_id
            JOIN student st ON st.id = e.student_id
            WHERE e.deleted = 0 AND en.deleted = 0 AND st.deleted = 0
              AND e.status IN ('enrolled', 'withdrawn', 'completed')
              AND e.enrolled_on IS NOT NULL
              AND e.enrolled_on <= {last} AND COALESCE(e.ended_on, :open_end) > {first}
              AND COALESCE(e.ended_on, :open_end) > e.enrolled_on
              AND en.hub_id IN {self.hubs} {ensemble}
        """

    def enrolled(self, *, first: str = ":first", last: str = ":last") -> str:
        """CTE body: merged enrollment spans [start_day, end_day) overlapping the period,
        in the ensembles in scope, of live students (gaps and islands over the spans of
        each student and ensemble). :func:`merge_spans` makes the same rows in Python
        from :meth:`enrollments`, several times faster than these three window passes."""
        return f"""
            WITH raw AS ({self.enrollments(first=first, last=last)}),
            ordered AS (
                SELECT *, MAX(end_day) OVER (
                    PARTITION BY student_id, ensemble_id ORDER BY start_day, end_day
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
                FROM raw
            ),
            islands AS (
                SELECT *, SUM(CASE WHEN reach IS NULL OR start_day > reach THEN 1 ELSE 0 END)
                    OVER (PARTITION BY student_id, ensemble_id ORDER BY start_day, end_day
                          ROWS UNBOUNDED PRECEDING) AS island
                FROM ordered
            )
            SELECT student_id, ensemble_id, MIN(start_day) AS start_day, MAX(end_day) AS end_day
            FROM islands GROUP BY student_id, ensemble_id, island
        """

    def _mark_columns(self, columns: Sequence[str]) -> str:
        """The columns of a counted mark ``m`` of the held session ``h``; ``columns``
        names more columns of ``h``."""
        arrival, departure = seconds_of("m.arrival_time"), seconds_of("m.departure_time")
        more = "".join(f"h.{column}, " for column in columns)
        return f"""
            {more}m.student_id, h.ensemble_id, h.hub_id, h.id AS session_id, h.date,
            h.start, h."end", h.kind, h.seq, m.code, m.reason,
            m.arrival_time, m.departure_time,
            (m.code IN {self.present}) AS present,
            (m.code IN {self.excused}) AS excused,
            (m.code IN {self.unexcused}) AS unexcused,
            (m.code IN {self.early}) AS early,
            CASE WHEN m.code NOT IN {self.present} THEN 0
                 WHEN m.arrival_time IS NULL AND m.departure_time IS NULL
                 THEN MAX(0, h.end_s - h.start_s)
                 ELSE MAX(0, MIN(h.end_s, COALESCE({departure}, h.end_s))
                             - MAX(h.start_s, COALESCE({arrival}, h.start_s)))
            END AS seconds
        """

    def counted(
        self,
        held: str = "held",
        enrolled: str = "enrolled",
        *,
        codes: str | None = None,
        columns: Sequence[str] = (),
    ) -> str:
        """CTE body: the counted marks, one row each, with their flags and the seconds
        attended (0 unless present; the whole session unless the mark has times).
        ``codes`` (an :meth:`in_list` of known codes) keeps only the marks with those
        codes, read straight from the report index; ``columns`` names more columns of
        ``held`` to carry."""
        return f"""
            SELECT {self._mark_columns(columns)}
            FROM {held} h
            CROSS JOIN attendance_mark m INDEXED BY ix_attendance_mark_report
                 ON m.session_id = h.id AND m.deleted = 0
            CROSS JOIN {enrolled} sp ON sp.student_id = m.student_id
                 AND sp.ensemble_id = h.ensemble_id
                 AND h.date >= sp.start_day AND h.date < sp.end_day
            WHERE m.deleted = 0 AND m.code IN {codes or self.known}
        """

    def standard(self, *, codes: str | None = None) -> str:
        """``WITH`` the three building blocks: held and enrolled materialised, counted
        left as a view (each statement reads it once; never written to a temporary
        table of every mark first); ``codes`` as in :meth:`counted`."""
        return f"""
            WITH held AS MATERIALIZED ({self.held()}),
                 enrolled AS MATERIALIZED ({self.enrolled()}),
                 counted AS NOT MATERIALIZED ({self.counted(codes=codes)})
        """


def merge_spans(rows: Iterable[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """The :meth:`Sql.enrolled` rows made from :meth:`Sql.enrollments` rows (student,
    ensemble, first day, day after the last; dates as stored text, compared as SQLite
    compares them): each student's spans in each ensemble merged where they overlap or
    touch, in student, ensemble and date order."""
    merged: list[tuple[str, str, str, str]] = []
    for (student, ensemble), group in groupby(sorted(rows), itemgetter(0, 1)):
        spans = iter(group)
        _student, _ensemble, start, reach = next(spans)
        for _student, _ensemble, begins, ends in spans:
            if begins > reach:
                merged.append((student, ensemble, start, reach))
                start, reach = begins, ends
            elif ends > reach:
                reach = ends
        merged.append((student, ensemble, start, reach))
    return merged
