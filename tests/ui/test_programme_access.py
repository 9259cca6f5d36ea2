"""The Programme window for keyboard and screen-reader users, in English and Spanish:
no two Alt+keys clash on a page (its widgets, the window's tabs), each Alt+key lands
where its label says, and every widget the keyboard can reach has a name to be read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.setup import EnsembleRecord, HubRecord, StaffRecord
from harmony_desktop.ui.programme import ProgrammeWindow
from tests.support.access import clashes, misplaced, nameless, reachable
from tests.ui.conftest import programme_window


@pytest.fixture
def window(qtbot: QtBot, services: Services, language: str) -> Iterator[ProgrammeWindow]:
    hub_id = services.setup.save_hub(HubRecord(None, "Parque Lincoln Hub"))
    services.setup.save_staff(StaffRecord(None, "Rosa Campos", "teacher", (hub_id,)))
    services.setup.save_ensemble(EnsembleRecord(None, hub_id, "Cuerdas", capacity=20))
    with programme_window(qtbot, services) as win:
        qtbot.waitUntil(lambda: win.ensembles.model.rowCount() == 1, timeout=20_000)
        yield win


def pages(window: ProgrammeWindow) -> list[QWidget]:
    return [window.tabs.widget(i) for i in range(window.tabs.count())]


def show(qtbot: QtBot, window: ProgrammeWindow, page: QWidget, record: bool) -> None:
    """Bring ``page`` forward; ``record``: with its first record chosen (Archive
    becomes Bring back on an archived one, and so on)."""
    window.show_page(page)
    view = getattr(page, "view", None)
    if view is not None and record and view.model().rowCount():
        view.selectRow(0)
    elif view is not None:
        page.start_new()  # type: ignore[attr-defined]
    qtbot.wait(10)


@pytest.mark.parametrize("record", [False, True])
def test_no_two_alt_keys_clash_on_any_page(
    qtbot: QtBot, window: ProgrammeWindow, language: str, record: bool
) -> None:
    problems: list[str] = []
    for page in pages(window):
        show(qtbot, window, page, record)
        problems += clashes(reachable(window), page.accessibleName())
    assert problems == [], language


def test_archived_records_keep_their_alt_keys_apart(
    qtbot: QtBot, window: ProgrammeWindow, services: Services, language: str
) -> None:
    """Archive turns into "Bring back" on an archived ensemble or staff member."""
    for page in (window.ensembles, window.staff):
        window.show_page(page)
        page.view.selectRow(0)
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            page.archive_button.click()
        qtbot.waitUntil(lambda p=page: p.view.currentIndex().row() == 0, timeout=20_000)
        assert clashes(reachable(window), page.accessibleName()) == []


def test_every_alt_key_lands_where_its_label_says(
    qtbot: QtBot, window: ProgrammeWindow, language: str
) -> None:
    problems: list[str] = []
    for index, page in enumerate(pages(window)):
        show(qtbot, window, page, True)
        problems += misplaced(
            qtbot, window, page.accessibleName(), lambda i=index: back_to(window, i)
        )
    assert problems == [], language


def back_to(window: ProgrammeWindow, index: int) -> None:
    """Undo what the last Alt key did: a box it ticked put back as stored (or the next
    tab's key asks "Save the changes?"), and tab ``index`` shown again."""
    for form in window.forms():
        form.drop_question()
        if form.has_changes():
            form.discard_changes()
    window.tabs.setCurrentIndex(index)


def test_every_focusable_widget_has_a_name_to_be_read(
    qtbot: QtBot, window: ProgrammeWindow, language: str
) -> None:
    window.ensembles.meetings.add_meeting()
    problems: list[str] = []
    for page in pages(window):
        show(qtbot, window, page, True)
        problems += nameless(window, page.accessibleName())
    assert sorted({n.split(": ", 1)[1] for n in problems}) == [], language
