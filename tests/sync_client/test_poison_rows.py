"""Rows a laptop cannot apply never stop its sync (a real server process).

The server here is a build that stores pushed values without checking them, as a server
database may hold rows stored before it checked. Another device pushes rows that do not
fit over HTTP; the laptop's ``harmony-desktop sync`` still exits 0, applies everything
else, moves its cursor on, and lists each bad row in "Needs review" with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harmony_desktop.__main__ import main
from harmony_desktop.services.review import ReviewService
from harmony_desktop.store import Store
from harmony_desktop.store.models import Ensemble, Student
from tests.support.sync_server import SyncServer
from tests.sync_client.raw_device import RawDevice, new_id


@pytest.fixture(scope="module")
def unchecked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncServer]:
    """A real server process that stores values without checking them."""
    server = SyncServer.sqlite(
        tmp_path_factory.mktemp("unchecked"),
        launcher=("-m", "tests.sync_client.unchecked_server"),
    )
    server.start()
    yield server
    server.stop()


def student(first: str, **more: Any) -> dict[str, Any]:
    return {"legal_first_name": first, "legal_last_name": "Generated", "deleted": False, **more}


def sync(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--data-dir", str(data), "sync"])
    return code, capsys.readouterr().out.strip()


def test_rows_that_do_not_fit_are_set_aside_and_sync_goes_on(
    tmp_path: Path, unchecked: SyncServer, capsys: pytest.CaptureFixture[str], qtmodeltester: Any
) -> None:
    hub = unchecked.add_hub("Poison Park")
    data = tmp_path / "laptop"
    data.mkdir()  # a --data-dir must exist
    code = unchecked.enrollment_code([hub])
    assert main(["--data-dir", str(data), "enroll", "--server", unchecked.url, "--code", code]) == 0
    rogue = RawDevice(unchecked, [hub])
    flagged, before = new_id(), new_id()
    rogue.push(
        [("student", flagged, hub, student("Flagged")), ("student", before, hub, student("Before"))]
    )
    assert sync(data, capsys)[0] == 0

    bad_date, bad_name, huge, after = new_id(), new_id(), new_id(), new_id()
    answer = rogue.push(
        [
            ("student", bad_date, hub, student("Baddate", date_of_birth="2026-02-30")),
            ("ensemble", huge, hub, {"name": "Huge", "capacity": 10**30, "deleted": False}),
            ("student", flagged, hub, {"deleted": "false"}),
            ("student", bad_name, hub, student("x", legal_first_name=None)),
            ("student", after, hub, student("After")),
        ]
    )
    assert [r["status"] for r in answer["results"]] == ["applied"] * 5  # stored unchecked

    status, line = sync(data, capsys)
    assert status == 0, line
    assert "pulled 5 rows" in line and "; 5 items need review in the app" in line
    # The cursor moved past them: the next sync pulls nothing and still succeeds.
    status, line = sync(data, capsys)
    assert status == 0 and "pulled 0 rows" in line, line

    with Store(data / "harmony.sqlite3") as store:
        with store.read() as s:
            assert s.get(Student, after) is not None and s.get(Student, before) is not None
            kept = s.get(Student, flagged)
            assert kept is not None and kept.deleted is False  # "false" is no tombstone
            assert s.get(Student, bad_date) is None and s.get(Student, bad_name) is None
            assert s.get(Ensemble, huge) is None
        # (The server also kept the flag it overwrote as a conflict of its own.)
        items = [i for i in ReviewService(store).review_items() if i.kind == "unapplied"]
    reasons = {item.row_id: item.winning_value["reason"] for item in items}
    assert set(reasons) == {bad_date, huge, flagged, bad_name}
    assert "'date_of_birth'" in reasons[bad_date] and "'capacity'" in reasons[huge]
    assert "'deleted'" in reasons[flagged] and "'legal_first_name'" in reasons[bad_name]
    assert not any("2026-02-30" in r or "Baddate" in r for r in reasons.values())

    # What "Needs review" shows for them.
    from harmony_desktop.ui.sync.review import ReviewModel

    model = ReviewModel()
    model.set_items(items)
    qtmodeltester.check(model)
    shown = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert all(text.startswith("Received change not applied:") for text in shown), shown
