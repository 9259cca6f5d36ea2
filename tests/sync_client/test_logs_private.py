"""A sync that fails never writes a child's data to a log (a real server process).

Another device pushes a student with generated names and notes; the laptop applies it,
then its database is made to refuse the next version on purpose: first with a
constraint (the row is set aside, the sync goes on), then with a failure of the
database itself (the sync fails, exit 3, and the failure is logged). Every log file,
the laptop's and the server's, is then searched for the names and notes: none is there.
The same through the window's sync controller and task manager.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from harmony_desktop.ui.sync.controller import SyncController
from harmony_desktop.ui.tasks import TaskManager
from tests.support.sync_server import SyncServer
from tests.sync_client.conftest import ReplicaFactory
from tests.sync_client.raw_device import RawDevice, new_id

#: The constraint failure: the row is refused, the sync goes on.
REFUSE_UPDATES = (
    "CREATE TRIGGER forced_refusal BEFORE UPDATE ON student "
    "BEGIN SELECT RAISE(ABORT, 'forced refusal'); END"
)
#: The failure of the database itself (as a full disk would be): the sync stops.
BREAK_UPDATES = (
    "CREATE TRIGGER forced_failure BEFORE UPDATE ON student "
    "BEGIN INSERT INTO no_such_table VALUES (1); END"
)


def private_student(tag: str) -> dict[str, Any]:
    """A student whose every text is a fresh generated word (easy to search for)."""

    def word(kind: str) -> str:
        return f"{kind}{tag}{secrets.token_hex(5)}"

    return {
        "legal_first_name": word("First"),
        "legal_last_name": word("Last"),
        "preferred_name": word("Pref"),
        "medical_notes": word("Medical"),
        "allergy_notes": word("Allergy"),
        "notes": word("Note"),
        "date_of_birth": "2015-03-04",
        "deleted": False,
    }


def sensitive(values: dict[str, Any]) -> set[str]:
    return {v for k, v in values.items() if isinstance(v, str) and k != "date_of_birth"}


def found_in_logs(folders: list[Path], words: set[str]) -> dict[str, list[str]]:
    """Every log file under ``folders`` that contains any of ``words``."""
    hits: dict[str, list[str]] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and (".log" in path.name or path.parent.name in ("logs", "log")):
                text = path.read_text(encoding="utf-8", errors="replace")
                for word in words:
                    if word in text:
                        hits.setdefault(word, []).append(str(path))
    return hits


def run_cli(data: Path, logs: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HARMONY_DATA_DIR": str(data),
        "HARMONY_LOG_DIR": str(logs),
        "HARMONY_TOKEN_STORE": "file",
    }
    return subprocess.run(
        [sys.executable, "-m", "harmony_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_failed_syncs_leave_no_names_or_notes_in_any_log(tmp_path: Path, live: SyncServer) -> None:
    hub = live.add_hub("Private Park")
    data, logs = tmp_path / "data", tmp_path / "logs"
    code = live.enrollment_code([hub])
    assert run_cli(data, logs, "enroll", "--server", live.url, "--code", code).returncode == 0
    rogue = RawDevice(live, [hub])
    child = new_id()
    first = private_student("a")
    rogue.push([("student", child, hub, first)])
    assert run_cli(data, logs, "sync").returncode == 0
    words = sensitive(first)

    conn = sqlite3.connect(data / "harmony.sqlite3")
    conn.execute(REFUSE_UPDATES)
    conn.close()
    second = private_student("b")
    rogue.push([("student", child, hub, second)])
    refused = run_cli(data, logs, "sync")
    assert refused.returncode == 0, refused.stdout + refused.stderr
    assert "need review" in refused.stdout
    words |= sensitive(second)

    conn = sqlite3.connect(data / "harmony.sqlite3")
    conn.execute("DROP TRIGGER forced_refusal")
    conn.execute(BREAK_UPDATES)
    conn.close()
    third = private_student("c")
    rogue.push([("student", child, hub, third)])
    failed = run_cli(data, logs, "sync")
    assert failed.returncode == 3, failed.stdout + failed.stderr
    assert "[internal] OperationalError" in failed.stdout
    words |= sensitive(third)

    assert found_in_logs([logs, data, live.folder], words) == {}
    log_text = (logs / "harmony-desktop.log").read_text(encoding="utf-8")
    assert "sync failed with OperationalError" in log_text  # it is logged, by type and place
    for stream in (refused, failed):
        assert not any(word in stream.stdout + stream.stderr for word in words)


def test_the_window_logs_a_failed_sync_without_values(
    qtbot: QtBot, tmp_path: Path, live: SyncServer, replica: ReplicaFactory
) -> None:
    hub = live.add_hub("Private Window Park")
    rep = replica("window")
    rep.enroll([hub])
    rogue = RawDevice(live, [hub])
    child = new_id()
    first = private_student("w")
    rogue.push([("student", child, hub, first)])
    rep.sync.sync()
    conn = sqlite3.connect(rep.store.path)
    conn.execute(BREAK_UPDATES)
    conn.close()
    second = private_student("x")
    rogue.push([("student", child, hub, second)])

    log_file = tmp_path / "window-logs" / "harmony-desktop.log"
    log_file.parent.mkdir()
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    tasks = TaskManager(rep.services)
    controller = SyncController(tasks, rep.sync, auto=False)
    try:
        with qtbot.waitSignal(controller.syncFailed, timeout=30_000) as failed:
            controller.sync_now()
        # The task manager's own path: a background job that raises the same error.
        with qtbot.waitSignal(tasks.error, timeout=30_000):
            tasks.run(lambda _p: rep.sync.sync(), lambda _r: None)
    finally:
        controller.shutdown()
        tasks.shutdown()
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    assert type(failed.args[0]).__name__ == "OperationalError"
    text = log_file.read_text(encoding="utf-8")
    assert "sync failed with OperationalError" in text
    assert "background job" in text and "OperationalError" in text
    assert found_in_logs([log_file.parent], sensitive(first) | sensitive(second)) == {}
