"""``attendance``: one row per student per ensemble in the period (docs/REPORTS.md).

Sessions held while enrolled; present, excused and unexcused marks (from the codes'
flags); unrecorded; the attendance rate; chronic absence (absent on at least 10 % of
the held sessions while enrolled); the current run of absences counted back from the
period's end; distinct days and hours attended.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import chain, groupby
from operator import itemgetter
from typing import NamedTuple

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.i18n import _, pgettext
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.model import (
    Chart,
    ChartKind,
    Column,
    Format,
    Report,
    ReportKind,
    Series,
    Sheet,
)
from harmony_desktop.services.reports.presence import SEPARATOR, Roll
from harmony_desktop.services.reports.sql import seconds_of
from harmony_desktop.store.memory import collector_paused

#: Absent on at least this share of the held sessions while enrolled.
CHRONIC_ABSENCE_THRESHOLD = 0.10


def rate(present: int, absent: int) -> float | None:
    """present ÷ (present + absent); None when nothing is recorded (not 0 %)."""
    return present / (present + absent) if present + absent else None


def chronically_absent(absent: int, held: int) -> bool:
    """Absent on at least 10 % of the held sessions while enrolled."""
    return held > 0 and absent / held >= CHRONIC_ABSENCE_THRESHOLD


def sheets() -> list[Sheet]:
    """The columns of the ``attendance`` report."""
    return [
        Sheet(
            "attendance",
            _("Attendance"),
            [
                Column("student_id", _("Student id")),
                Column("student", _("Student")),
                Column("hub", _("Hub")),
                Column("ensemble", _("Ensemble")),
                Column("grade", _("Grade")),
                Column("sessions_held", _("Sessions held"), Format.INT),
                Column("present", pgettext("count", "Present"), Format.INT),
                Column("excused", _("Excused"), Format.INT),
                Column("unexcused", _("Unexcused"), Format.INT),
                Column("unrecorded", _("Unrecorded"), Format.INT),
                Column("rate", _("Rate"), Format.RATE),
                Column("chronically_absent", _("Chronically absent"), Format.BOOL),
                Column("consecutive_absences", _("Absences in a row"), Format.INT),
                Column("days_attended", _("Days attended"), Format.INT),
                Column("hours_attended", _("Hours attended"), Format.HOURS),
            ],
        ),
        Sheet(
            "by_ensemble",
            _("By ensemble"),
            [
                Column("hub", _("Hub")),
                Column("ensemble", _("Ensemble")),
                Column("teacher", _("Teacher")),
                *_summary_columns(),
            ],
        ),
        Sheet("by_hub", _("By hub"), [Column("hub", _("Hub")), *_summary_columns()]),
    ]


def _summary_columns() -> list[Column]:
    return [
        Column("sessions_held", _("Sessions held"), Format.INT),
        Column("students", _("Students"), Format.INT),
        Column("served", _("Served"), Format.INT),
        Column("present", pgettext("count", "Present"), Format.INT),
        Column("excused", _("Excused"), Format.INT),
        Column("unexcused", _("Unexcused"), Format.INT),
        Column("unrecorded", _("Unrecorded"), Format.INT),
        Column("rate", _("Rate"), Format.RATE),
        Column("chronically_absent", _("Chronically absent"), Format.INT),
        Column("hours_attended", _("Hours attended"), Format.HOURS),
    ]


def _summary_row(sessions: int, pairs: list[PairFigures]) -> list[object]:
    """Totals of a group of (student, ensemble) figures; a student counts once (served
    once if present at least once in any of them), and is chronically absent on their
    absences over all their held sessions in the group."""
    per_student: dict[str, list[int]] = {}
    served: set[str] = set()
    for f in pairs:
        totals = per_student.setdefault(f.student_id, [0, 0])
        totals[0] += f.excused + f.unexcused
        totals[1] += f.held
        if f.present:
            served.add(f.student_id)
    present = sum(f.present for f in pairs)
    excused = sum(f.excused for f in pairs)
    unexcused = sum(f.unexcused for f in pairs)
    unrecorded = sum(max(0, f.held - f.present - f.excused - f.unexcused) for f in pairs)
    return [
        sessions, len(per_student), len(served), present, excused, unexcused, unrecorded,
        rate(present, excused + unexcused),
        sum(chronically_absent(a, h) for a, h in per_student.values()),
        sum(f.seconds for f in pairs) / 3600,
    ]  # fmt: skip


class PairFigures(NamedTuple):
    """One student's figures in one ensemble over the period."""

    student_id: str
    ensemble_id: str
    held: int = 0
    present: int = 0
    excused: int = 0
    unexcused: int = 0
    days: int = 0
    seconds: int = 0
    #: absences since the last presence (or since the period began), most recent last
    run: int = 0


#: What leads a session's marks other than presences for the whole session (a
#: student id has no control character): an unexcused absence, a presence with times
#: of its own (and then the seconds it attended, then this again), an excused
#: absence; they sort in this order, before every presence for the whole session.
_UNEXCUSED, _TIMED, _EXCUSED = "\x1c", "\x1d", "\x1e"
#: Sorts before every student id and after every other mark.
_WHOLE = SEPARATOR

#: No students (shared by every empty list here: never changed)
_NONE: list[str] = []
#: No lists of students (a placeholder, never changed)
_NO_LISTS: list[list[str]] = []
#: After every day
_NEVER = "\U0010ffff"


class _Ensemble:
    """One ensemble's held sessions in time order, with the students of their counted
    marks by meaning (a list per session, once per mark), and the counts made from
    them."""

    def __init__(self) -> None:
        self.dates: list[str] = []
        #: every student present at each session
        self.present: list[list[str]] = []
        self.excused: list[list[str]] = []
        self.unexcused: list[list[str]] = []
        #: session length in seconds -> the presences for the whole session, per session
        self.whole: dict[int, list[list[str]]] = {}
        #: (student, seconds attended) of the presences with times of their own
        self.timed: list[tuple[str, int]] = []

    def counts(self) -> tuple[Counter[str], ...]:
        """Per student: present, excused, unexcused, days present and seconds attended,
        each one count over all the sessions' lists."""
        present: Counter[str] = Counter()
        seconds: Counter[str] = Counter()
        for length, lists in self.whole.items():
            found = Counter(chain.from_iterable(lists))
            if not present:  # the first length (most ensembles have one)
                present = found
                seconds = Counter({student: length * count for student, count in found.items()})
                continue
            present.update(found)
            for student, count in found.items():
                seconds[student] += length * count
        for student, attended in self.timed:
            present[student] += 1
            seconds[student] += attended
        excused = Counter(chain.from_iterable(self.excused))
        unexcused = Counter(chain.from_iterable(self.unexcused))
        return present, excused, unexcused, self.days(present), seconds

    def days(self, present: Counter[str]) -> Counter[str]:
        """Distinct days present: each presence, less the repeats on the (few) days
        with more than one session."""
        dates = self.dates
        later = [i for i in range(1, len(dates)) if dates[i] == dates[i - 1]]
        if not later:
            return present
        days = Counter(present)
        for _day, group in groupby(later, dates.__getitem__):
            indexes = list(group)
            # the day's sessions: the one before the first later one, and the later ones
            on_day = [self.present[indexes[0] - 1], *(self.present[i] for i in indexes)]
            for student, count in Counter(chain.from_iterable(on_day)).items():
                if count > 1:
                    days[student] -= count - 1
        return days

    def runs(self, students: set[str], *, unexcused_only: bool) -> Counter[str]:
        """The current run of each of ``students``: walking the sessions back from the
        period's end, the run marks of those whose run no break (a presence, or with
        ``unexcused_only`` an excused absence too) has closed yet; the walk stops once
        every run is closed."""
        runs: Counter[str] = Counter()
        open_runs = set(students)
        for i in range(len(self.dates) - 1, -1, -1):
            if not open_runs:
                break
            excused, unexcused = self.excused[i], self.unexcused[i]
            if unexcused_only:
                if unexcused:
                    runs.update(open_runs.intersection(unexcused))
                if excused:
                    open_runs.difference_update(excused)
            elif excused or unexcused:
                runs.update(open_runs.intersection(chain(excused, unexcused)))
            open_runs.difference_update(self.present[i])
        return runs


def pair_figures(
    ctx: ReportContext, *, run_codes: str = "absent"
) -> tuple[list[PairFigures], dict[str, int]]:
    """Per student and ensemble with a span in scope, their :class:`PairFigures`; and
    the held sessions per ensemble.

    One statement: a row per held session, by ensemble and time, carrying its counted
    marks as one separated string read from its range of the report index (no GROUP BY
    over the marks): the students present for the whole session, and the absences and
    the presences with times of their own (with the seconds they attended) each led by
    a control character, so that sorting the session's list sets them apart. Who was
    on the roll that day is checked per session against the spans
    (:class:`~.presence.Roll`: one set test, the roll looked up again only on the days
    it changes). Each ensemble then counts its sessions' lists whole, with no Python
    step per mark: presences by session length (their seconds), days less the repeats
    of days with two sessions, and the current run walking the sessions back from the
    period's end until every run is closed. The held sessions while enrolled are the
    ensemble's session dates within each span.

    ``run_codes`` "unexcused" counts runs of unexcused absences instead (an excused
    absence or a presence ends them).
    """
    sql = ctx.sql()
    plain = "m.arrival_time IS NULL AND m.departure_time IS NULL"
    arrival, departure = seconds_of("m.arrival_time"), seconds_of("m.departure_time")
    start, end = seconds_of("s.start"), seconds_of('s."end"')
    # Per session one range of the report index, its marks: each counted one an item
    # of one separated string, a presence for the whole session its student, any
    # other led by a control character (sorting before every student id): an
    # unexcused absence, a presence with times of its own (with the seconds it
    # attended), an excused absence. Marks with no code or an unknown one are no item
    # (group_concat leaves out NULLs). No GROUP BY over the marks.
    rows = ctx.stream(
        f"""
        SELECT s.ensemble_id, s.date, MAX(0, {end} - {start}),
            (SELECT group_concat(
                CASE WHEN +m.code IN {sql.present}
                     THEN CASE WHEN {plain} THEN m.student_id
                               ELSE char({ord(_TIMED)}) || MAX(0,
                                   MIN({end}, COALESCE({departure}, {end}))
                                   - MAX({start}, COALESCE({arrival}, {start})))
                                   || char({ord(_TIMED)}) || m.student_id END
                     WHEN m.code IN {sql.excused} THEN char({ord(_EXCUSED)}) || m.student_id
                     WHEN m.code IN {sql.unexcused} THEN char({ord(_UNEXCUSED)}) || m.student_id
                END, char({ord(SEPARATOR)}))
             FROM attendance_mark m INDEXED BY ix_attendance_mark_report
             WHERE m.session_id = s.id AND m.deleted = 0)
        FROM session s WHERE {sql.is_held("s")}
        ORDER BY s.ensemble_id, s.date, s.start, s.id
        """,
        sql.params,
    )
    ctx.step(_("Counting sessions"), 2, 3)
    roll = Roll(ctx.spans)
    ensembles: dict[str, _Ensemble] = {}
    for ensemble_id, group in groupby(rows, itemgetter(0)):
        tally = ensembles[ensemble_id] = _Ensemble()
        dates, presences = tally.dates, tally.present
        excuses, unexcuses = tally.excused, tally.unexcused
        # The roll changes only on the days in ``changes``: sessions come in date order,
        # so it is looked up again only once one of them has passed.
        changes = roll.changes(ensemble_id)
        following = 0
        next_change = changes[0] if changes else _NEVER
        on_roll = roll.roll(ensemble_id, "")
        length, whole_lists = -1, _NO_LISTS
        for _ensemble, day, seconds, marked in group:
            dates.append(day)
            if day >= next_change:
                following = bisect_right(changes, day, following)
                next_change = changes[following] if following < len(changes) else _NEVER
                on_roll = roll.roll(ensemble_id, day)
            if marked is None:
                presences.append(_NONE)
                excuses.append(_NONE)
                unexcuses.append(_NONE)
                continue
            items = marked.split(SEPARATOR)
            items.sort()
            if items[0] < _WHOLE:  # more than presences for the whole session
                timed_at = bisect_left(items, _TIMED)
                excused_at = bisect_left(items, _EXCUSED, timed_at)
                whole_at = bisect_left(items, _WHOLE, excused_at)
                unexcused = [item[1:] for item in items[:timed_at]]
                excused = [item[1:] for item in items[excused_at:whole_at]]
                whole = items[whole_at:]
                if (excused or unexcused) and not on_roll.issuperset(chain(excused, unexcused)):
                    # someone marked absent was not on the roll that day
                    excused = [student for student in excused if student in on_roll]
                    unexcused = [student for student in unexcused if student in on_roll]
                excuses.append(excused or _NONE)
                unexcuses.append(unexcused or _NONE)
                if not on_roll.issuperset(whole):
                    whole = [student for student in whole if student in on_roll]
                if timed_at < excused_at:
                    timed = [
                        (student, int(attended))
                        for _empty, attended, student in (
                            item.split(_TIMED) for item in items[timed_at:excused_at]
                        )
                        if student in on_roll
                    ]
                    tally.timed += timed
                    presences.append(whole + [student for student, _seconds in timed])
                else:
                    presences.append(whole)
            else:
                whole = items
                if not on_roll.issuperset(whole):
                    whole = [student for student in whole if student in on_roll]
                presences.append(whole)
                excuses.append(_NONE)
                unexcuses.append(_NONE)
            if whole:
                if seconds != length:
                    length = seconds
                    whole_lists = tally.whole.setdefault(length, [])
                whole_lists.append(whole)
    held: Counter[tuple[str, str]] = Counter()
    students: dict[str, set[str]] = {}
    for student_id, ensemble_id, start_day, end_day in ctx.spans:
        dates = ensembles[ensemble_id].dates if ensemble_id in ensembles else _NONE
        held[student_id, ensemble_id] += bisect_left(dates, end_day) - bisect_left(dates, start_day)
        students.setdefault(ensemble_id, set()).add(student_id)
    counts = {
        ensemble_id: (
            *tally.counts(),
            tally.runs(students.get(ensemble_id, set()), unexcused_only=run_codes == "unexcused"),
        )
        for ensemble_id, tally in ensembles.items()
    }
    nothing: tuple[Counter[str], ...] = (Counter(),) * 6
    found_pairs = []
    for (student_id, ensemble_id), sessions_held in sorted(held.items()):
        of_present, of_excused, of_unexcused, of_days, of_seconds, of_runs = counts.get(
            ensemble_id, nothing
        )
        found_pairs.append(
            PairFigures(
                student_id, ensemble_id, sessions_held, of_present[student_id],
                of_excused[student_id], of_unexcused[student_id], of_days[student_id],
                of_seconds[student_id], of_runs[student_id],
            )
        )  # fmt: skip
    return found_pairs, {ensemble_id: len(tally.dates) for ensemble_id, tally in ensembles.items()}


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``attendance`` sheets: per student and ensemble, per ensemble, per hub."""
    with collector_paused():
        return _fill(ctx)


def _fill(ctx: ReportContext) -> list[Sheet]:
    sheet, by_ensemble, by_hub = sheets()
    ctx.step(_("Counting marks"), 0, 3)
    found, sessions = pair_figures(ctx)
    ctx.step(_("Sorting"), 3, 3)
    keys = []
    #: where an ensemble's rows sort: its hub's name, then its own
    places: dict[str, tuple[object, object]] = {}
    for f in found:
        st = ctx.students.get(f.student_id)
        ensemble = ctx.ensembles.get(f.ensemble_id)
        hub = ctx.hub_name(ensemble.hub_id if ensemble else None)
        absent = f.excused + f.unexcused
        sheet.rows.append(
            [
                f.student_id, st.name if st else "", hub, ensemble.name if ensemble else "",
                st.grade if st else "", f.held, f.present, f.excused, f.unexcused,
                max(0, f.held - f.present - absent), rate(f.present, absent),
                chronically_absent(absent, f.held), f.run, f.days, f.seconds / 3600,
            ]
        )  # fmt: skip
        where = places.get(f.ensemble_id)
        if where is None:
            where = places[f.ensemble_id] = (
                sort_key(hub),
                sort_key(ensemble.name if ensemble else ""),
            )
        keys.append((*where, ctx.student_key(f.student_id)))
    ctx.sort_rows(sheet.rows, keys)
    groups: dict[str, list[PairFigures]] = {}
    for f in found:
        groups.setdefault(f.ensemble_id, []).append(f)
    hubs: dict[str, list[str]] = {}
    for ensemble_id in sessions.keys() | groups.keys():
        ensemble = ctx.ensembles.get(ensemble_id)
        hub_id = ensemble.hub_id if ensemble else ""
        hubs.setdefault(hub_id, []).append(ensemble_id)
        by_ensemble.rows.append(
            [ctx.hub_name(hub_id), ensemble.name if ensemble else "",
             ensemble.teacher if ensemble else "",
             *_summary_row(sessions.get(ensemble_id, 0), groups.get(ensemble_id, []))]
        )  # fmt: skip
    by_ensemble.rows.sort(key=lambda r: (sort_key(r[0]), sort_key(r[1])))
    for hub_id, ensemble_ids in hubs.items():
        by_hub.rows.append(
            [ctx.hub_name(hub_id),
             *_summary_row(sum(sessions.get(e, 0) for e in ensemble_ids),
                           [f for e in ensemble_ids for f in groups.get(e, [])])]
        )  # fmt: skip
    by_hub.rows.sort(key=lambda r: sort_key(r[0]))
    if len(ctx.hub_ids) > 1:
        # The programme: what a funder asks first. Each student once (served once,
        # chronically absent on their absences over all their sessions), which no sum
        # of the hubs' rows gives: a student at two hubs is in both.
        by_hub.rows.append([_("All hubs"), *_summary_row(sum(sessions.values()), found)])
        by_hub.totals = 1
    return [sheet, by_ensemble, by_hub]


def weekly_rates(ctx: ReportContext) -> Chart:
    """The weekly attendance rate of each hub in scope (weeks start on Monday)."""
    sql = ctx.sql()
    rows = ctx.rows(
        f"""
        {sql.standard()}
        SELECT hub_id, date(date, 'weekday 0', '-6 days') AS week,
               SUM(present), SUM(excused) + SUM(unexcused)
        FROM counted GROUP BY hub_id, week
        """,
        sql.params,
    )
    weeks = sorted({row[1] for row in rows})
    position = {week: i for i, week in enumerate(weeks)}
    by_hub: dict[str, list[float | None]] = {}
    totals: dict[str, list[int]] = {}
    for hub_id, week, present, absent in rows:
        values = by_hub.setdefault(hub_id, [None] * len(weeks))
        values[position[week]] = rate(present, absent)
        total = totals.setdefault(hub_id, [0, 0])
        total[0] += present
        total[1] += absent
    series = [
        Series(ctx.hub_name(hub_id), by_hub[hub_id], overall=rate(*totals[hub_id]))
        for hub_id in ctx.hub_ids
        if hub_id in by_hub
    ]
    return Chart(
        _("Weekly attendance rate per hub"),
        ChartKind.SMALL_MULTIPLES,
        weeks,
        series,
        note=_("Present ÷ (present + absent), week by week from Monday."),
    )


def charts(ctx: ReportContext, _report: Report) -> list[Chart]:
    """The printout's chart: weekly attendance rate per hub."""
    return [weekly_rates(ctx)]


KIND = ReportKind(
    name="attendance",
    title=lambda: _("Attendance"),
    # TRANSLATORS: the report's word in its file name: lowercase, hyphens for spaces
    file_word=lambda: _("attendance"),
    description=lambda: _(
        "Per student and ensemble: sessions held while enrolled, present, excused, "
        "unexcused, unrecorded, rate, chronic absence, absences in a row, days and hours."
    ),
    sheets=sheets,
    run=run,
    charts=charts,
)
