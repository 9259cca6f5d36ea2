"""The Reports tab's first and last day, typed whole in the window's language's order
("5/6/2026" is May 6 in US English, 5 June in Spanish): a first day after the last, or a
text that is no date, is refused with a clear message, the keyboard in the box to put
right, and nothing is run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.reports import ReportsPage
from tests.reports.register import Register

#: the example a refusal gives, in the language's order
EXAMPLE = {"en_US": "03/25/2014", "es_MX": "25/03/2014"}
#: what the refusal of a first day after the last says
ENDS_BEFORE = {
    "en_US": "The period ends (6 May 2026) before it starts (10 Jul 2026). Choose a first "
    "day on or before the last.",
    "es_MX": "El periodo termina (5 jun 2026) antes de empezar (10 jul 2026). Elija un primer "
    "día igual o anterior al último.",
}


@pytest.fixture(params=["en_US", "es_MX"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    code = str(request.param)
    install_translator(qapp, QLocale(code))
    QLocale.setDefault(QLocale(code))
    yield code
    QLocale.setDefault(QLocale("en_US"))
    install_translator(qapp, QLocale("en_US"))


@pytest.fixture
def page(
    qtbot: QtBot, language: str, services: Services, register: Register
) -> Iterator[ReportsPage]:
    """The Reports tab on 15 Jul 2026, "Only from" ticked, its window active; every
    report asked of the service is counted (``page.asked``)."""
    win = MainWindow(services, register.north, today=dt.date(2026, 7, 15), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    win.pages.setCurrentWidget(win.reports)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=20_000)
    reports = win.reports
    asked: list[Any] = []
    run = services.reports.run

    def counted(kind: str, params: Any, **kwargs: Any) -> Any:
        asked.append(params)
        return run(kind, params, **kwargs)

    services.reports.run = counted  # type: ignore[method-assign]
    reports.asked = asked  # type: ignore[attr-defined]
    reports.kind_box.setCurrentIndex(reports.kind_box.findData("attendance"))
    reports.dates_box.setFocus()
    qtbot.keyClick(reports.dates_box, Qt.Key.Key_Space)
    assert reports.dates_box.isChecked() and reports.first_edit.isEnabled()
    yield reports
    win.shutdown()


def type_period(qtbot: QtBot, page: ReportsPage, first: str, last: str) -> None:
    """Tab from "Only from" into the first day, type it, Tab on to the last (past "to")."""
    qtbot.keyClick(page.dates_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.first_edit
    qtbot.keyClicks(page.first_edit, first)  # Tab selected the whole date: typed over
    qtbot.keyClick(page.first_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.last_edit
    qtbot.keyClicks(page.last_edit, last)
    qtbot.keyClick(page.last_edit, Qt.Key.Key_Tab)


def test_a_typed_period_is_read_in_the_language_s_order(
    qtbot: QtBot, page: ReportsPage, language: str, qtmodeltester: Any
) -> None:
    type_period(qtbot, page, "5/6/2026", "2026-07-10")
    with qtbot.waitSignal(page.reportShown, timeout=10_000):
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    first = dt.date(2026, 5, 6) if language == "en_US" else dt.date(2026, 6, 5)
    asked = page.asked  # type: ignore[attr-defined]
    assert [(p.first, p.last) for p in asked] == [(first, dt.date(2026, 7, 10))]
    assert page.first_edit.text() == ("6 May 2026" if language == "en_US" else "5 jun 2026")
    qtmodeltester.check(page.model)


def test_a_first_day_after_the_last_is_refused_and_nothing_runs(
    qtbot: QtBot, page: ReportsPage, language: str
) -> None:
    type_period(qtbot, page, "2026-07-10", "5/6/2026")  # May 6, or 5 June in Spanish
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert page.period_refusal.text() == ENDS_BEFORE[language]
    assert page.asked == [] and page.report is None  # type: ignore[attr-defined]
    assert page.run_button.isEnabled() and not page.cancel_button.isEnabled()
    assert QApplication.focusWidget() is page.first_edit


@pytest.mark.parametrize("typed", ["31/31/2026", "6/"])
def test_a_day_that_is_no_date_is_refused_and_nothing_runs(
    qtbot: QtBot, page: ReportsPage, language: str, typed: str
) -> None:
    type_period(qtbot, page, "2026-07-01", typed)
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    text = page.period_refusal.text()
    assert f"“{typed}”" in text and EXAMPLE[language] in text
    assert page.asked == [] and page.report is None  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is page.last_edit


def test_a_refused_period_is_said_under_its_boxes_and_goes_once_put_right(
    qtbot: QtBot, page: ReportsPage, language: str, qtmodeltester: Any
) -> None:
    """The refusal is said right under the period's boxes (not in the status line at the
    foot of the tab), read out with the box at fault, the keyboard in it with its text
    selected; typing a first day on or before the last takes it away, and Run runs."""
    type_period(qtbot, page, "2026-07-10", "5/6/2026")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    label, first = page.period_refusal, page.first_edit
    assert label.isVisible() and label.text() == ENDS_BEFORE[language]
    assert page.status_label.text() == ""
    # just under the boxes: below the period's row, above the Run button
    below = label.mapTo(page, label.rect().topLeft()).y()
    assert first.mapTo(page, first.rect().bottomLeft()).y() < below
    assert below < page.run_button.mapTo(page, page.run_button.rect().topLeft()).y()
    assert label.buddy() is first and first.accessibleDescription() == ENDS_BEFORE[language]
    assert QApplication.focusWidget() is first and first.selectedText() == first.text()
    qtbot.keyClicks(first, "2026-05-01")  # typed over the selected first day
    assert not label.isVisible()
    assert "Page" in first.accessibleDescription() or "Pág" in first.accessibleDescription()
    with qtbot.waitSignal(page.reportShown, timeout=10_000):
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert not label.isVisible()
    qtmodeltester.check(page.model)


def test_a_day_that_is_no_date_is_said_on_leaving_its_box(
    qtbot: QtBot, page: ReportsPage, language: str
) -> None:
    """Leaving a box whose text is no date says so under the boxes at once, before Run;
    the date put right, it goes."""
    type_period(qtbot, page, "31/31/2026", "2026-07-10")
    label = page.period_refusal
    assert label.isVisible() and "“31/31/2026”" in label.text()
    assert EXAMPLE[language] in label.text()
    assert label.buddy() is page.first_edit
    page.first_edit.setFocus()
    qtbot.keyClick(page.first_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.first_edit, "2026-07-01")
    assert not label.isVisible()
    assert page.asked == []  # type: ignore[attr-defined]
