"""Names in the window: search as you type ignores accents and hyphens, the student form
warns about an accent-less or swapped duplicate, and the roster and roll tables sort in
the collation of the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.domain.collation import set_collation_language
from harmony_desktop.services.context import Services
from harmony_desktop.ui.register.codes import assign_keys
from harmony_desktop.ui.register.models import RollOrder, RollTableModel
from harmony_desktop.ui.roster import RosterPage
from harmony_desktop.ui.roster.model import RosterTableModel
from harmony_desktop.ui.tasks import TaskManager
from tests.factories import HubFixture

TODAY = dt.date(2026, 9, 8)
BORN = dt.date(2015, 3, 4)
#: (first, last) of the hub's students after renaming, in no particular order
PEOPLE = [
    ("Aaliyah", "Hernández"),
    ("Ana", "Wright"),
    ("Ana", "Peña"),
    ("Ana", "Brown"),
    ("Beto", "Penner"),
    ("Ana", "Mendoza-Ruiz"),
    ("Ana", "Álvarez"),
    ("Ana", "Núñez"),
]


@pytest.fixture(autouse=True)
def _system_collation() -> Iterator[None]:
    set_collation_language(None)
    yield
    set_collation_language(None)


@pytest.fixture
def named(services: Services, hub: HubFixture) -> HubFixture:
    for sid, (first, last) in zip(hub.student_ids, PEOPLE, strict=True):
        services.roster.update_student(
            sid, legal_first_name=first, legal_last_name=last, date_of_birth=BORN
        )
    return hub


@pytest.fixture
def page(qtbot: QtBot, services: Services, named: HubFixture) -> Iterator[RosterPage]:
    tasks = TaskManager(services)
    page = RosterPage(services, named.hub_id, tasks, today=TODAY)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.total == len(PEOPLE), timeout=20_000)
    yield page
    page.shutdown()
    tasks.shutdown()


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; an accented letter arrives as a keyboard with that key
    (or a dead key) sends it: a key event carrying the character (QTest types ASCII only)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def shown(page: RosterPage) -> list[str]:
    return [page.model.index(r, RosterTableModel.NAME).data() for r in range(page.model.rowCount())]


def test_search_as_you_type_ignores_accents_case_and_hyphens(
    qtbot: QtBot, page: RosterPage
) -> None:
    for typed, expected in [
        ("nunez", ["Núñez, Ana"]),
        ("ALVAREZ", ["Álvarez, Ana"]),
        ("mendoza ruiz", ["Mendoza-Ruiz, Ana"]),
        ("hernandez aaliyah", ["Hernández, Aaliyah"]),
    ]:
        page.search.clear()
        qtbot.keyClicks(page.search, typed)
        assert shown(page) == expected, typed
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)  # typing back widens again
    assert shown(page) == ["Hernández, Aaliyah"]


@pytest.mark.parametrize(
    ("first", "last"),
    [("Aaliyah", "Hernandez"), ("aaliyah", "HERNÁNDEZ"), ("Hernández", "Aaliyah")],
)
def test_duplicate_warning_for_accentless_and_swapped_names(
    qtbot: QtBot, page: RosterPage, services: Services, named: HubFixture, first: str, last: str
) -> None:
    dialog = page.new_student()
    type_text(qtbot, dialog.first_name, first)
    type_text(qtbot, dialog.last_name, last)
    qtbot.keyClicks(dialog.date_of_birth, BORN.isoformat())
    guardian, _emergency = dialog.contact_editors
    type_text(qtbot, guardian.name, "Rosa Hernández")
    qtbot.keyClicks(guardian.phone, "(213) 555-4444")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.duplicate_banner.isVisibleTo(dialog)
    assert "Aaliyah Hernández" in dialog.duplicate_banner.text()
    assert len(services.roster.entries(named.hub_id)) == len(PEOPLE)  # nothing saved yet
    dialog.reject()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Álvarez", "Brown", "Hernández", "Mendoza-Ruiz", "Núñez", "Peña", "Penner"]),
        ("es", ["Álvarez", "Brown", "Hernández", "Mendoza-Ruiz", "Núñez", "Penner", "Peña"]),
    ],
)
def test_roster_table_sorts_in_the_language(
    qtbot: QtBot,
    qtmodeltester: object,
    services: Services,
    named: HubFixture,
    language: str,
    expected: list[str],
) -> None:
    set_collation_language(language)
    model = RosterTableModel()
    model.set_entries(services.roster.entries(named.hub_id))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    names = [model.entry(r).last_name for r in range(model.rowCount())]
    assert names == [*expected, "Wright"]
    model.sort(RosterTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert [model.entry(r).last_name for r in range(model.rowCount())] == [
        "Wright",
        *reversed(expected),
    ]


def test_roll_table_sorts_in_the_language(
    qtmodeltester: object, services: Services, named: HubFixture
) -> None:
    session = services.sessions.open(services.sessions.for_day(named.hub_id, named.start)[0])
    model = RollTableModel(assign_keys([("P", "Present", True, False, False, False)]))
    for language, penner_first in (("en", False), ("es", True)):
        set_collation_language(language)
        model.set_entries(services.roll.roll(session.id))
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        last = [model.entry(r).display_name.split(" ", 1)[1] for r in range(model.rowCount())]
        assert last[:2] == ["Álvarez", "Brown"]
        assert (last.index("Penner") < last.index("Peña")) is penner_first
    model.set_order(RollOrder.FIRST_NAME)
    first = [model.entry(r).display_name for r in range(model.rowCount())]
    assert first[0] == "Aaliyah Hernández" and first[-1] == "Beto Penner"
    assert first[1:3] == ["Ana Álvarez", "Ana Brown"]
