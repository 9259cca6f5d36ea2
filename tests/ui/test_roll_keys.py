"""A 40-student roll by keyboard from a freshly opened window: at most 42 keys."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.services.context import Services
from harmony_desktop.services.sessions import RollState
from tests.support.roll_keys import AT_THE_END, SPREAD, open_window, roll_hub, take_roll

#: What the paper sheet's teacher would beat: one key per student, one to open, one spare.
MOST_KEYS = 42


@pytest.mark.parametrize(
    ("plan", "expected_keys"),
    [
        # Enter, 31 rows one key each, ↓ for the pickup, Ctrl+Enter for the other 9.
        (SPREAD, 1 + 31 + 1 + 1),
        # Enter, 40 rows one key each, ↓ for the pickup: the whole list walked.
        (AT_THE_END, 1 + 40 + 1),
    ],
    ids=["spread", "at-the-end"],
)
def test_a_40_student_roll_in_at_most_42_keys(
    qtbot: QtBot,
    services: Services,
    plan: dict[int, str],
    expected_keys: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hub_id = roll_hub(services)
    window = open_window(services, hub_id)
    qtbot.addWidget(window)
    page = window.register
    # At launch the session list has the focus and today's session is under the cursor.
    assert QApplication.focusWidget() is page.sessions_view
    assert page.sessions_view.currentIndex().isValid() and page.session is None

    count = take_roll(window, plan)
    with capsys.disabled():
        print(f"\n40-student roll: {count.keys} keys + {count.dialog_enters} dialog Enter")
    assert count.keys == expected_keys <= MOST_KEYS, count.log
    assert count.dialog_enters == 2  # the late and the left-early dialogs

    assert page.session is not None
    session_id = page.session.id
    codes = [e.mark.code for e in services.roll.roll(session_id)]
    assert len(codes) == 40
    assert {c: codes.count(c) for c in set(codes)} == {"P": 35, "LE": 1, "AU": 2, "AE": 1, "L": 1}
    left = next(e.mark for e in services.roll.roll(session_id) if e.mark.code == "LE")
    assert left.collected_by.startswith("Guardian ") and left.collected_at is not None
    assert services.sessions.get(session_id).state == RollState.ROLL_TAKEN
    # in whole words (on hover when a narrow roll shows "40 of 40 marked")
    assert page.progress_label.accessibleDescription() == "Roll taken: all 40 marked"
    assert page.progress_label.text() in ("Roll taken: all 40 marked", "40 of 40 marked")
    window.shutdown()
