"""``hours``: hours of provision (docs/REPORTS.md).

Per ensemble, the sessions held and the hours offered; per student, the hours and
days attended with their 21st CCLC annual-report bands, "regular attendee" (30 days
or more), and curriculum and extra-curricular hours kept apart; and how many students
fall in each band.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import Any

from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.reports.context import ReportContext
from harmony_desktop.services.reports.labels import band_measure_label
from harmony_desktop.services.reports.model import Column, Format, ReportKind, Sheet
from harmony_desktop.services.reports.presence import (
    days_present,
    held_sessions,
)
from harmony_desktop.store.memory import collector_paused

#: Session kinds that are the curriculum; every other kind (rehearsal, performance) is
#: extra-curricular.
CURRICULUM_KINDS = ("regular", "masterclass")
#: 21st CCLC annual-report bands of hours attended: (lower bound, label); a student
#: with no hour at all is in band "0".
HOUR_BANDS = ((0.0, "0"), (1e-9, "<15"), (15, "15–44"), (45, "45–89"), (90, "90–179"),
              (180, "180–269"), (270, "270+"))  # fmt: skip
DAY_BANDS = ((0, "<10"), (10, "10–29"), (30, "30–59"), (60, "60+"))
#: A regular attendee attended on at least this many days.
REGULAR_DAYS = 30


def band(value: float, bands: tuple[tuple[float, str], ...]) -> str:
    """The label of the last band whose lower bound ``value`` reaches."""
    found = bands[0][1]
    for lower, label in bands:
        if value >= lower:
            found = label
    return found


def hours_band(hours: float) -> str:
    """The 21st CCLC band of ``hours`` attended."""
    return band(hours, HOUR_BANDS)


def days_band(days: int) -> str:
    """The band of ``days`` attended."""
    return band(days, DAY_BANDS)


def sheets() -> list[Sheet]:
    """The columns of the ``hours`` report."""
    return [
        Sheet("by_student", _("Hours per student"), [
            Column("student_id", _("Student id")), Column("student", _("Student")),
            Column("hub", _("Hub")), Column("grade", _("Grade")),
            Column("hours_attended", _("Hours attended"), Format.HOURS),
            Column("curriculum_hours", _("Curriculum hours"), Format.HOURS),
            Column("extracurricular_hours", _("Extra-curricular hours"), Format.HOURS),
            Column("days_attended", _("Days attended"), Format.INT),
            Column("hours_band", _("Hours band")), Column("days_band", _("Days band")),
            Column("regular_attendee", _("Regular attendee"), Format.BOOL),
        ]),
        Sheet("by_ensemble", _("Hours offered"), [
            Column("hub", _("Hub")), Column("ensemble", _("Ensemble")),
            Column("sessions_held", _("Sessions held"), Format.INT),
            Column("hours_offered", _("Hours offered"), Format.HOURS),
            Column("curriculum_hours", _("Curriculum hours"), Format.HOURS),
            Column("extracurricular_hours", _("Extra-curricular hours"), Format.HOURS),
        ]),
        Sheet("bands", _("Bands"), [
            Column("measure", _("Measure"), labels=band_measure_label), Column("band", _("Band")),
            Column("students", _("Students"), Format.INT),
        ]),
    ]  # fmt: skip


def run(ctx: ReportContext) -> list[Sheet]:
    """Fill the ``hours`` sheets."""
    with collector_paused():
        return _fill(ctx)


def _fill(ctx: ReportContext) -> list[Sheet]:
    by_student, by_ensemble, bands = sheets()
    ctx.step(_("Counting hours"), 0, 2)
    held = held_sessions(ctx, details=True)
    days_attended = days_present(held)
    # Everyone present for the whole of a session attended its length: sessions of one
    # length and kind are counted together, a Counter per length rather than a loop
    # per presence.
    by_length: dict[tuple[int, bool], list[list[str]]] = {}
    for session in held:
        key = (session.seconds or 0, session.kind in CURRICULUM_KINDS)
        by_length.setdefault(key, []).append(session.students)
    attended: dict[str, int] = {}
    in_curriculum: dict[str, int] = {}
    for (length, curriculum), students in by_length.items():
        for student_id, times in Counter(chain.from_iterable(students)).items():
            attended[student_id] = attended.get(student_id, 0) + times * length
            if curriculum:
                in_curriculum[student_id] = in_curriculum.get(student_id, 0) + times * length
    # Presences with times of their own attended their own seconds, not the whole.
    for session in held:
        for student_id, *_times, seconds in session.timed:
            extra = (seconds or 0) - (session.seconds or 0)
            attended[student_id] += extra
            if session.kind in CURRICULUM_KINDS:
                in_curriculum[student_id] = in_curriculum.get(student_id, 0) + extra
    ctx.step(_("Counting hours"), 1, 2)
    counts: dict[tuple[str, str], int] = {}
    keys = []
    for student_id in dict.fromkeys(span[0] for span in ctx.spans):
        seconds = attended.get(student_id, 0)
        curriculum_seconds = in_curriculum.get(student_id, 0)
        days = days_attended.get(student_id, 0)
        hours = seconds / 3600
        st = ctx.students.get(student_id)
        row: list[Any] = [
            student_id, st.name if st else "", ctx.hub_name(st.hub_id if st else None),
            st.grade if st else "", hours, curriculum_seconds / 3600,
            (seconds - curriculum_seconds) / 3600, days, hours_band(round(hours, 2)),
            days_band(days), days >= REGULAR_DAYS,
        ]  # fmt: skip
        by_student.rows.append(row)
        keys.append((sort_key(row[2]), ctx.student_key(student_id)))
        for measure, label in (("hours", row[8]), ("days", row[9])):
            counts[(measure, label)] = counts.get((measure, label), 0) + 1
    ctx.sort_rows(by_student.rows, keys)
    for measure, table in (("hours", HOUR_BANDS), ("days", DAY_BANDS)):
        for _lower, label in table:
            bands.rows.append([measure, label, counts.get((measure, label), 0)])
    bands.rows.append(
        ["regular_attendees", f"≥{REGULAR_DAYS}", sum(1 for r in by_student.rows if r[10])]
    )
    offered: dict[tuple[str, str], list[int]] = {}
    for session in held:
        found = offered.setdefault((session.hub_id, session.ensemble_id), [0, 0, 0])
        found[0] += 1
        found[1] += session.seconds or 0
        if session.kind in CURRICULUM_KINDS:
            found[2] += session.seconds or 0
    for (hub, ensemble), (sessions, seconds, curriculum_seconds) in sorted(offered.items()):
        by_ensemble.rows.append(
            [ctx.hub_name(hub), ctx.ensemble_name(ensemble), sessions,
             seconds / 3600, curriculum_seconds / 3600,
             (seconds - curriculum_seconds) / 3600]
        )  # fmt: skip
    by_ensemble.rows.sort(key=lambda r: (sort_key(r[0]), sort_key(r[1])))
    ctx.step(_("Counting hours"), 2, 2)
    return [by_student, by_ensemble, bands]


KIND = ReportKind(
    name="hours",
    title=lambda: _("Hours of provision"),
    description=lambda: _(
        "Hours offered per ensemble; hours and days attended per student with their "
        "21st CCLC bands, regular attendees, curriculum and extra-curricular hours."
    ),
    sheets=sheets,
    run=run,
)
