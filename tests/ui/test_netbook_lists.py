"""Lists on a 1024x600 netbook, in English and Spanish: an event's title, an ensemble's
name and an ensemble's weekly meetings read whole.

Before, on the netbook in Spanish, the Events list's titles had 73 px ("Concierto de …",
whole only on hover), Programme set-up's ensembles list cut name, teacher and days at
about 100 px each, and the Meets table showed two meetings, scrolling from the third.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QScrollArea, QTableView
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import EnsembleRecord, HubRecord, StaffRecord
from harmony_desktop.ui import screen_fit
from harmony_desktop.ui.events import page as events_page
from harmony_desktop.ui.events.models import EventColumn
from tests.factories import HubFixture
from tests.ui.conftest import TODAY, programme_window
from tests.ui.test_small_screen import NETBOOK, window_of

NETBOOK_SCREEN = QRect(0, 0, 1024, 600)


def whole_in(view: QTableView, text: str, width: int, lines: int) -> bool:
    """``text`` whole in a cell ``width`` pixels wide of ``view``, on ``lines`` lines at
    most (wrapped at its spaces; the cell keeps a few pixels beside its text)."""
    metrics = view.fontMetrics()
    room = width - 8
    box = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, text)
    return box.width() <= room and box.height() <= lines * metrics.lineSpacing()


def test_an_events_title_reads_whole_on_a_netbook(
    qtbot: QtBot,
    services: Services,
    hub: HubFixture,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: object,
) -> None:
    for day, title in (
        (dt.date(2026, 11, 12), "Rhythm from the drum kit up"),
        (dt.date(2026, 11, 13), "Concierto de primavera"),
    ):
        services.events.add_performance(
            hub.ensemble_id, day, dt.time(18, 0), dt.time(19, 30),
            title=title, venue="Test Park", on_site=True, audience_count=137,
        )  # fmt: skip
    monkeypatch.setattr(events_page, "available_geometry", lambda _w: NETBOOK_SCREEN)
    with window_of(qtbot, services, hub, TODAY, NETBOOK) as window:
        page = window.events
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            window.pages.setCurrentWidget(page)
        qtbot.wait(50)
        qtmodeltester.check(page.model)  # type: ignore[attr-defined]
        view = page.view
        # The title has the room: each whole on the two lines of its row.
        width = view.columnWidth(EventColumn.TITLE)
        assert width >= 130, width
        for row in range(page.model.rowCount()):
            title = str(page.model.index(row, EventColumn.TITLE).data())
            assert whole_in(view, title, width, 2), (title, width)
        # The time under the date (two lines, as the figures beside), read out on one.
        date = page.model.index(0, EventColumn.DATE)
        day, time = str(date.data()).split("\n")
        assert date.data(Qt.ItemDataRole.AccessibleTextRole) == f"{day} {time}"
        assert day == {"en_US": "Fri 13 Nov 2026", "es_MX": "vie 13 nov 2026"}[language]
        # The date, the time and the kind are whole too, and nothing scrolls sideways.
        for row in range(page.model.rowCount()):
            for line in str(page.model.index(row, EventColumn.DATE).data()).split("\n"):
                assert whole_in(view, line, view.columnWidth(EventColumn.DATE), 1), line
            kind = str(page.model.index(row, EventColumn.WHAT).data())
            assert whole_in(view, kind, view.columnWidth(EventColumn.WHAT), 2), kind
        columns = sum(view.columnWidth(c) for c in range(page.model.columnCount()))
        assert columns <= view.viewport().width()
        assert not view.horizontalScrollBar().isVisible()


def add_ensembles(services: Services) -> None:
    hub = services.setup.save_hub(HubRecord(None, "Cedar Park Hub"))
    teacher = services.setup.save_staff(StaffRecord(None, "Rebecca García", "teacher", (hub,)))
    four = tuple((day, dt.time(16, 15), dt.time(17, 45)) for day in range(4))
    for name, slots in (
        ("Intermediate Strings Ensemble", four),
        ("Youth Orchestra", ((1, dt.time(17, 30), dt.time(19, 30)),)),
    ):
        services.setup.save_ensemble(
            EnsembleRecord(None, hub, name, teacher_id=teacher, capacity=60, slots=slots)
        )


@pytest.mark.parametrize("screen", [(1024, 600), (1280, 720)], ids=["1024x600", "1280x720"])
def test_an_ensembles_name_and_four_meetings_read_whole(
    qtbot: QtBot,
    services: Services,
    language: str,
    screen: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: object,
) -> None:
    add_ensembles(services)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(0, 0, *screen))
    with programme_window(qtbot, services) as window:
        page = window.ensembles
        qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=20_000)
        window.show_page(page)
        row = page.model.row_of(page.model.records()[0].id)
        page.view.selectRow(row)
        table = page.meetings.table
        qtbot.waitUntil(lambda: table.rowCount() == 4, timeout=20_000)
        qtbot.wait(50)
        qtmodeltester.check(page.model)  # type: ignore[attr-defined]
        # Four meetings in sight at once: in the table and in the details beside it,
        # with the window as it opens and maximised (on the netbook, less a 40 px panel
        # and a 48 px title bar: 512 px).
        area = next(a for a in page.findChildren(QScrollArea) if a.widget() is page.editor)
        heights = [window.height()] + ([512] if screen == (1024, 600) else [])
        for height in heights:
            window.resize(window.width(), height)
            qtbot.waitUntil(lambda h=height: window.height() == h, timeout=20_000)
            area.verticalScrollBar().setValue(0)
            qtbot.wait(50)
            seen = area.viewport().rect()
            for meeting in range(4):
                rect = table.visualRect(table.model().index(meeting, 0))
                assert table.viewport().rect().contains(rect), (height, meeting)
                top = table.viewport().mapTo(area.viewport(), rect.topLeft())
                bottom = table.viewport().mapTo(area.viewport(), rect.bottomLeft())
                assert seen.contains(top) and seen.contains(bottom), (height, meeting)
            assert not table.verticalScrollBar().isVisible()
        view, model = page.view, page.model
        name = model.index(row, 0)
        days = {
            "en_US": "Mon–Thu 4:15\u202fPM–5:45\u202fPM",
            "es_MX": "lun–jue 4:15\u202fp.m.–5:45\u202fp.m.",
        }
        under = f"Rebecca García · {days[language]}"
        # On the netbook the teacher and the days do not fit beside the name: the name
        # is whole on its line, the teacher and the days under it; the columns that held
        # them are hidden, and the whole cell is on hover and read out. (At 1280x720 the
        # same when they do not fit side by side; either way all of it is whole.)
        assert model.two_lines or screen == (1280, 720)
        if model.two_lines:
            assert name.data() == f"Intermediate Strings Ensemble\n{under}"
            assert name.data(Qt.ItemDataRole.ToolTipRole) == name.data()
            assert name.data(Qt.ItemDataRole.AccessibleTextRole) == (
                f"Intermediate Strings Ensemble, {under}"
            )
            assert view.isColumnHidden(1) and view.isColumnHidden(2)
            assert view.rowHeight(row) >= 2 * view.fontMetrics().lineSpacing()
            for line in ("Intermediate Strings Ensemble", under):
                assert whole_in(view, line, view.columnWidth(0), 1), line
        else:
            assert name.data() == "Intermediate Strings Ensemble"
            for column, text in enumerate(("Intermediate Strings Ensemble", "Rebecca García")):
                assert whole_in(view, text, view.columnWidth(column), 1), text
        assert model.index(row, 1).data() == "Rebecca García"  # the columns keep their data
        assert not view.horizontalScrollBar().isVisible()

        # Programme set-up is no taller at least than before, on every tab.
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(20)
            assert window.minimumSizeHint().height() <= 498, window.tabs.tabText(index)
