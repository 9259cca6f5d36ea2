"""Consecutive unexcused absences, for the register's alert."""

from __future__ import annotations

import datetime as dt

from harmony_desktop.services.context import Services
from harmony_desktop.store import settings
from tests.reports.register import Register

TODAY = dt.date(2025, 11, 20)


def test_runs_of_unexcused_absences(services: Services, register: Register) -> None:
    alerts = services.reports.absence_alerts(register.north, TODAY, threshold=1)
    # Ana ends on AU AU. Maya's last mark before she left is AU, but she left; Luis and
    # Sofia have no unexcused absence.
    assert [(a.student, a.ensemble, a.absences) for a in alerts] == [("Garcia, Ana", "Strings", 2)]
    assert services.reports.absence_alerts(register.north, TODAY, threshold=3) == []
    # An excused absence ends a run: on 10-01 Ana's last marks were P P AE LE P → none
    assert services.reports.absence_alerts(register.north, dt.date(2025, 10, 1), 1) == []
    south = services.reports.absence_alerts(register.south, TODAY, threshold=1)
    assert [(a.student, a.absences) for a in south] == [("Smith, Diego", 1)]


def test_threshold_is_a_setting(services: Services, register: Register) -> None:
    assert services.reports.absence_alerts(register.north, TODAY) == []  # default 3
    services.store.settings.set(settings.ABSENCE_ALERT_THRESHOLD, 2)
    assert [a.absences for a in services.reports.absence_alerts(register.north, TODAY)] == [2]
