"""``hours``: hours of provision (docs/REPORTS.md).

Per ensemble, the sessions held and the hours offered; per student and hub (the hub
where the sessions were held), the hours and days attended with their 21st CCLC
annual-report bands, "regular attendee" (30 days or more), and curriculum and
extra-curricular hours kept apart; and how many students fall in each band, per hub
and (over several hubs) in the programme, each student once.
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
    HeldSession,
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
            Column("hub", _("Hub")), Column("measure", _("Measure"), labels=band_measure_label), Column("band", _("Band")),
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
    # Hours belong to the hub where the session was held, not to the student's hub
    # now: a student who moved hub mid-year has a row at each, and counts once in the
    # programme's bands. Everyone present for the whole of a session attended its
    # length: sessions of one hub, length and kind are counted together, a Counter per
    # length rather than a loop per presence.
    by_length: dict[tuple[str, int, bool], list[list[str]]] = {}
    for session in held:
        key = (session.hub_id, session.seconds or 0, session.kind in CURRICULUM_KINDS)
        by_length.setdefault(key, []).append(session.students)
    attended: dict[tuple[str, str], int] = {}
    in_curriculum: dict[tuple[str, str], int] = {}
    for (hub, length, curriculum), students in by_length.items():
        for student_id, times in Counter(chain.from_iterable(students)).items():
            place = (student_id, hub)
            attended[place] = attended.get(place, 0) + times * length
            if curriculum:
                in_curriculum[place] = in_curriculum.get(place, 0) + times * length
    # Presences with times of their own attended their own seconds, not the whole.
    for session in held:
        for student_id, *_times, seconds in session.timed:
            place = (student_id, session.hub_id)
            extra = (seconds or 0) - (session.seconds or 0)
            attended[place] += extra
            if session.kind in CURRICULUM_KINDS:
                in_curriculum[place] = in_curriculum.get(place, 0) + extra
    ctx.step(_("Counting hours"), 1, 2)
    hub_sessions: dict[str, list[HeldSession]] = {}
    for session in held:
        hub_sessions.setdefault(session.hub_id, []).append(session)
    days_at = {hub: days_present(found) for hub, found in hub_sessions.items()}
    # Every student on a roll in the period has a row at each hub whose ensemble they
    # were enrolled in (0 hours if they never came), and at each hub they attended.
    places = dict.fromkeys(
        (student_id, info.hub_id)
        for student_id, ensemble_id, *_days in ctx.spans
        if (info := ctx.ensembles.get(ensemble_id)) is not None
    )
    places.update(dict.fromkeys(attended))
    keys = []
    for student_id, hub in places:
        seconds = attended.get((student_id, hub), 0)
        curriculum_seconds = in_curriculum.get((student_id, hub), 0)
        days = days_at.get(hub, Counter()).get(student_id, 0)
        hours = seconds / 3600
        st = ctx.students.get(student_id)
        row: list[Any] = [
            student_id, st.name if st else "", ctx.hub_name(hub),
            st.grade if st else "", hours, curriculum_seconds / 3600,
            (seconds - curriculum_seconds) / 3600, days, hours_band(round(hours, 2)),
            days_band(days), days >= REGULAR_DAYS,
        ]  # fmt: skip
        by_student.rows.append(row)
        keys.append((sort_key(row[2]), ctx.student_key(student_id)))
    ctx.sort_rows(by_student.rows, keys)
    groups: list[tuple[str, list[tuple[float, int]]]] = []
    for row in by_student.rows:
        if not groups or groups[-1][0] != row[2]:
            groups.append((row[2], []))
        groups[-1][1].append((row[4], row[7]))
    if len(ctx.hub_ids) > 1:
        # the programme: each student once, with their hours at every hub and the
        # distinct days they came to any
        total: dict[str, float] = {}
        for student_id, hub in places:
            total[student_id] = total.get(student_id, 0) + attended.get((student_id, hub), 0)
        days_anywhere = days_present(held)
        groups.append((
            _("All hubs"),
            [(seconds / 3600, days_anywhere.get(student_id, 0))
             for student_id, seconds in total.items()],
        ))  # fmt: skip
    for hub_name, members in groups:
        counts = Counter(
            label
            for hours, days in members
            for label in (("hours", hours_band(round(hours, 2))), ("days", days_band(days)))
        )
        for measure, table in (("hours", HOUR_BANDS), ("days", DAY_BANDS)):
            for _lower, label in table:
                bands.rows.append([hub_name, measure, label, counts.get((measure, label), 0)])
        bands.rows.append([
            hub_name, "regular_attendees", f"≥{REGULAR_DAYS}",
            sum(1 for _hours, days in members if days >= REGULAR_DAYS),
        ])  # fmt: skip
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
    # TRANSLATORS: the report's word in its file name: lowercase, hyphens for spaces
    file_word=lambda: _("hours"),
    description=lambda: _(
        "Hours offered per ensemble; hours and days attended per student with their "
        "21st CCLC bands, regular attendees, curriculum and extra-curricular hours."
    ),
    sheets=sheets,
    run=run,
)
