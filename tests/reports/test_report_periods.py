"""Periods a data manager gets wrong, and a year whose next year has not begun, over
the hand-built register (tests/reports/register.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.domain import i18n
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import ReportParams
from tests.reports.register import Register


def test_a_period_that_ends_before_it_starts_writes_its_days_in_words(
    services: Services, register: Register
) -> None:
    """As the tab's date boxes and the scope line write them, not ISO."""
    params = ReportParams(first=dt.date(2026, 12, 20), last=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError) as raised:
        services.reports.run("attendance", params)
    assert str(raised.value) == "The period ends (1 Dec 2026) before it starts (20 Dec 2026)."
    with i18n.using("es"), pytest.raises(ValidationError) as raised:
        services.reports.run("attendance", params)
    assert str(raised.value) == "El periodo termina (1 dic 2026) antes de empezar (20 dic 2026)."


def test_a_year_that_has_not_begun(services: Services, register: Register) -> None:
    params = ReportParams(year="2030-31", today=dt.date(2026, 12, 4))
    with pytest.raises(ValidationError) as raised:
        services.reports.run("attendance", params)
    assert str(raised.value) == "The programme year 2030-31 has not begun: it starts on 1 Jul 2030."
    with i18n.using("es"), pytest.raises(ValidationError) as raised:
        services.reports.run("attendance", params)
    assert str(raised.value) == (
        "El año del programa 2030-31 todavía no empieza: empieza el 1 jul 2030."
    )


@pytest.mark.parametrize("kind", ["ases", "leap", "retention", "hours"])
def test_a_year_that_has_not_begun_is_refused_by_the_whole_year_kinds_too(
    services: Services, register: Register, kind: str
) -> None:
    """ases, leap and retention cover a whole year, so their period never ended before
    it began and a year to come ran: a LEAP upload of 2027-28 listed every open
    enrollment (Ana, Luis, Maya, Diego, Sofia: 5 rows) as registered with 0 days, and
    retention gave an empty sheet. Now they say the year has not begun, as the others
    always did."""
    params = ReportParams(year="2027-28", today=dt.date(2026, 12, 4))
    with pytest.raises(ValidationError) as raised:
        services.reports.run(kind, params)
    assert str(raised.value) == "The programme year 2027-28 has not begun: it starts on 1 Jul 2027."
    # the current year still runs, whole
    current = services.reports.run(kind, ReportParams(year="2026-27", today=dt.date(2026, 12, 4)))
    assert current.scope.endswith(
        "1 Jul 2026 to " + ("30 Jun 2027" if kind != "hours" else "4 Dec 2026")
    )


def test_retention_before_the_next_year_begins_is_not_measured(
    services: Services, register: Register
) -> None:
    """Retention of 2026-27 asked on 4 Dec 2026: 2027-28 has not begun, nobody can have
    come back yet. Active in 2026-27: Ana, Maya (North, grade 4); Diego was absent (AU).
    The rates are empty, not 0 %; the counts stay."""
    report = services.reports.run(
        "retention", ReportParams(year="2026-27", today=dt.date(2026, 12, 4))
    )
    rows = {(r["breakdown"], r["group"]): r for r in report.sheet("retention").as_dicts()}
    everyone = rows[("all", "All students")]
    assert (everyone["active"], everyone["retained"], everyone["retention_rate"]) == (2, 0, None)
    assert rows[("hub", "North Hub")]["retention_rate"] is None
    assert report.notes == [
        "2027-28 has not begun: the retention of 2026-27 can be measured from 1 Jul 2027."
    ]
    # Once it has begun, a rate is measured (and may still grow).
    later = services.reports.run(
        "retention", ReportParams(year="2026-27", today=dt.date(2027, 7, 1))
    )
    first = later.sheet("retention").as_dicts()[0]
    assert (first["active"], first["retained"], first["retention_rate"]) == (2, 0, 0.0)
    assert later.notes == [
        "2027-28 is not over yet: students may still come back.",
        # 2026-27 is over: Ana's and Maya's grades have no recorded year, so they are
        # today's, and the report says so
        "2 students' grades have no recorded school year: the grades as recorded on"
        " 1 Jul 2027 are used.",
    ]
