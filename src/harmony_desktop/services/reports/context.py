"""What a report kind runs against: the resolved scope, one read snapshot, the SQL
builder, and the names it shows.

:class:`ReportContext` turns the user's :class:`~.model.ReportParams` into a scope:
which hubs (one, or every hub in the database), which ensemble, which days (from the
programme year, narrowed by ``--from``/``--to``), and what "today" is. Every query of
one report runs in one read transaction, so its sheets agree with each other.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from sqlmodel import Session

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _, format_date
from harmony_desktop.domain.names import display_name, name_sort_key
from harmony_desktop.services.reports.calendar import Calendar
from harmony_desktop.services.reports.filename import file_stem, period_words
from harmony_desktop.services.reports.model import ProgressCallback, ReportParams
from harmony_desktop.services.reports.sql import CodeSets, Sql, merge_spans

#: The period in a report's scope line: "1 Sep 2026 to 30 Sep 2026", "del 1 sep 2026 al …".
SCOPE_DATE = "d MMM y"


@dataclass(frozen=True)
class StudentInfo:
    """What reports show about a student."""

    id: str
    hub_id: str
    first: str
    last: str
    preferred: str
    grade: str
    date_of_birth: dt.date | None
    district_id: str
    statewide_id: str
    status: str
    #: the programme year ``grade`` is for ("" unknown)
    grade_year: str = ""

    @property
    def name(self) -> str:
        """ "Last, Preferred-or-first", as rosters read."""
        return display_name(self.first, self.last, self.preferred, last_first=True)


@dataclass(frozen=True)
class EnsembleInfo:
    """What reports show about an ensemble."""

    id: str
    hub_id: str
    name: str
    teacher: str


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


class ReportContext:
    """One report's scope and its read snapshot (see the module docstring)."""

    def __init__(
        self,
        session: Session,
        params: ReportParams,
        progress: ProgressCallback,
        *,
        whole_year: bool = False,
        previous_year: bool = False,
    ) -> None:
        self.session = session
        self.params = params
        self.progress = progress
        self.today = params.today or dt.date.today()
        self.notes: list[str] = []
        self.connection = session.connection()
        # The store is SQLite: the sqlite3 connection under the read session.
        self._raw = cast(sqlite3.Connection, self.connection.connection.driver_connection)
        # The GROUP BYs, DISTINCTs and window sorts over the marks build temporary
        # B-trees of a few megabytes: in memory they cost half what they cost in a file.
        self._raw.execute("PRAGMA temp_store=MEMORY")
        self.calendar = Calendar.load(session)
        self._resolve(whole_year=whole_year, previous_year=previous_year)

    # -- scope ------------------------------------------------------------------------

    def _resolve(self, *, whole_year: bool, previous_year: bool) -> None:
        params = self.params
        hubs = dict(self.rows("SELECT id, name FROM hub WHERE deleted = 0"))
        self.hub_names: dict[str, str] = {str(k): str(v) for k, v in hubs.items()}
        self.ensemble_id = params.ensemble_id
        hub_id = params.hub_id
        if self.ensemble_id is not None:
            found = self.rows(
                "SELECT hub_id, name FROM ensemble WHERE id = :id AND deleted = 0",
                {"id": self.ensemble_id},
            )
            if not found:
                raise ValidationError(_("That ensemble does not exist."))
            if hub_id is not None and found[0][0] != hub_id:
                raise ValidationError(_("That ensemble is not at that hub."))
            hub_id = str(found[0][0])
        if hub_id is not None and hub_id not in self.hub_names:
            raise ValidationError(_("That hub does not exist."))
        self.hub_ids: tuple[str, ...] = (
            (hub_id,)
            if hub_id is not None
            else tuple(sorted(self.hub_names, key=lambda h: self.hub_names[h]))
        )
        if params.year:
            year_first, year_last = self.calendar.bounds(params.year)
            self.year = params.year
        else:
            anchor = params.first or params.last or self.today
            info = self.calendar.year_for(anchor)
            if previous_year and params.first is None and params.last is None:
                info = self.calendar.year_for(info.first_day - dt.timedelta(days=1))
            self.year, year_first, year_last = info.label, info.first_day, info.last_day
        self.year_first, self.year_last = year_first, year_last
        first = params.first or year_first
        last = params.last or (year_last if whole_year else min(year_last, self.today))
        if params.first is None and params.last is not None and params.last < first:
            first = params.last
        # A year not begun has nothing to report, whole-year kinds included: a LEAP upload
        # of it would list every open enrollment as registered with 0 days.
        if params.year and params.first is None and params.last is None and first > self.today:
            raise ValidationError(
                _("The programme year {year} has not begun: it starts on {first}.").format(
                    year=params.year, first=format_date(first, SCOPE_DATE)
                )
            )
        if last < first:
            raise ValidationError(
                _("The period ends ({last}) before it starts ({first}).").format(
                    first=format_date(first, SCOPE_DATE), last=format_date(last, SCOPE_DATE)
                )
            )
        self.first, self.last = first, last

    @property
    def all_hubs(self) -> bool:
        """True when the report covers every hub in the database."""
        return self.params.hub_id is None and self.ensemble_id is None

    def describe(self) -> str:
        """One line: which hubs (or ensemble) and which days."""
        if self.ensemble_id is not None:
            where = f"{self.ensembles[self.ensemble_id].name} · {self.hub_names[self.hub_ids[0]]}"
        elif self.all_hubs:
            where = _("All hubs ({count})").format(count=len(self.hub_ids))
        else:
            where = self.hub_names[self.hub_ids[0]]
        return _("{where} · {first} to {last}").format(
            where=where,
            first=format_date(self.first, SCOPE_DATE),
            last=format_date(self.last, SCOPE_DATE),
        )

    def file_stem(self, word: str) -> str:
        """The report's file name without its suffix: ``word`` (the kind's, in the
        user's language), the ensemble and its hub, the hub or "all hubs", then the
        whole programme year ("2025-26") or the days ("2025-09-01-to-2025-12-19")."""
        if self.ensemble_id is not None:
            places = [self.ensembles[self.ensemble_id].name, self.hub_names[self.hub_ids[0]]]
        elif self.all_hubs:
            places = [_("all hubs")]
        else:
            places = [self.hub_names[self.hub_ids[0]]]
        period = period_words(
            self.first, self.last, self.year, self.year_first, self.year_last,
            # TRANSLATORS: two days in a report's file name, "2025-09-01-to-2025-12-19":
            # words in lowercase ASCII, hyphens for spaces
            between=_("{first}-to-{last}"),
        )  # fmt: skip
        return file_stem(word, places, period)

    # -- queries ----------------------------------------------------------------------

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Run ``sql`` on the report's snapshot; every row as a tuple."""
        return self.stream(sql, params).fetchall()

    def stream(self, sql: str, params: Mapping[str, Any] | None = None) -> sqlite3.Cursor:
        """Run ``sql`` on the report's snapshot; its rows as plain tuples, read as the
        caller iterates (a by-day sheet is a row per student per day).

        Straight through the sqlite3 connection under the read session, in the same
        transaction: SQLAlchemy's result rows cost more per row than the query itself
        once a result has a hundred thousand rows, and a report's text SQL needs none
        of their typing."""
        return self._raw.execute(sql, dict(params or {}))

    def step(self, phase: str, done: int, total: int) -> None:
        """Report progress (raises if the user cancelled)."""
        self.progress(phase, done, total)

    @cached_property
    def codes(self) -> CodeSets:
        """The attendance codes by meaning (their flags)."""
        return CodeSets.from_rows(
            self.rows(
                "SELECT code, counts_present, excused, early_departure, tardy "
                "FROM attendance_code WHERE deleted = 0"
            )
        )

    def sql(self, *, first: dt.date | None = None, last: dt.date | None = None) -> Sql:
        """A SQL builder for this scope (or for other days, same hubs and ensemble)."""
        return Sql(
            first=(first or self.first).isoformat(),
            last=(last or self.last).isoformat(),
            hub_ids=self.hub_ids,
            ensemble_id=self.ensemble_id,
            codes=self.codes,
            closures=bool(self.calendar.closed),
        )

    @cached_property
    def held_sessions(self) -> list[tuple[str, str, str, str, str, str, str]]:
        """The held sessions in scope: (id, ensemble, hub, date, start, end, kind), by
        date and start (dates and times as stored text)."""
        sql = self.sql()
        return self.rows(
            f"""
            WITH held AS MATERIALIZED ({sql.held()})
            SELECT id, ensemble_id, hub_id, date, start, "end", kind FROM held
            ORDER BY date, start, id
            """,
            sql.params,
        )

    @cached_property
    def spans(self) -> list[tuple[str, str, str, str]]:
        """The merged enrollment spans in scope: (student, ensemble, first day, day
        after the last), dates as stored text."""
        sql = self.sql()
        return merge_spans(self.rows(sql.enrollments(), sql.params))

    # -- names ------------------------------------------------------------------------

    @cached_property
    def students(self) -> dict[str, StudentInfo]:
        """Every live student of the database, by id (a few thousand rows at most)."""
        found = {}
        for row in self.rows(
            "SELECT id, hub_id, legal_first_name, legal_last_name, preferred_name, grade,"
            " date_of_birth, district_student_id, statewide_student_id, status, grade_year"
            " FROM student WHERE deleted = 0"
        ):
            found[row[0]] = StudentInfo(
                row[0], row[1] or "", row[2], row[3], row[4], row[5] or "", _date(row[6]),
                row[7] or "", row[8] or "", row[9] or "", row[10] or "",
            )  # fmt: skip
        return found

    def student_key(self, student_id: str) -> tuple[object, ...]:
        """Where a student sorts: last name, then first, in the user's collation."""
        cached = self._student_keys.get(student_id)
        if cached is None:
            st = self.students.get(student_id)
            cached = (
                (name_sort_key(st.preferred or st.first, st.last), student_id)
                if st
                else ((), student_id)
            )
            self._student_keys[student_id] = cached
        return cached

    @cached_property
    def _student_keys(self) -> dict[str, tuple[object, ...]]:
        return {}

    @cached_property
    def ensembles(self) -> dict[str, EnsembleInfo]:
        """Every live ensemble, by id, with its teacher's name."""
        return {
            row[0]: EnsembleInfo(row[0], row[1] or "", row[2], row[3] or "")
            for row in self.rows(
                "SELECT e.id, e.hub_id, e.name, st.name FROM ensemble e"
                " LEFT JOIN staff st ON st.id = e.teacher_id AND st.deleted = 0"
                " WHERE e.deleted = 0"
            )
        }

    def hub_name(self, hub_id: str | None) -> str:
        """A hub's name ("" if unknown)."""
        return self.hub_names.get(hub_id or "", "")

    def ensemble_name(self, ensemble_id: str) -> str:
        """An ensemble's name ("" if unknown)."""
        found = self.ensembles.get(ensemble_id)
        return found.name if found else ""

    def sort_rows(self, rows: list[list[Any]], keys: Sequence[Any]) -> None:
        """Sort ``rows`` in place by ``keys`` (one sort key per row, same order)."""
        order = sorted(range(len(rows)), key=lambda i: keys[i])
        rows[:] = [rows[i] for i in order]
