"""The harmony-sync admin command line, in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from harmony_sync.server import accounts, db
from harmony_sync.server.cli import main


def run(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, Any]:
    """Run one command with --json; return its exit status and parsed output."""
    status = main([*args, "--database-url", url, "--json"])
    out = capsys.readouterr().out
    return status, json.loads(out) if out.strip() else None


def test_admin_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'admin.sqlite3'}"
    status, hub = run(capsys, url, "add-hub", "North Park")
    assert status == 0
    hub_id = hub["hub_id"]
    status, hubs = run(capsys, url, "list-hubs")
    assert hubs == [{"id": hub_id, "name": "North Park", "archived": False}]
    status, device = run(capsys, url, "enroll-device", "Laptop", "--hub", hub_id)
    code = device["enrollment_code"]
    assert len(accounts.normalize_code(code)) == 16
    status, _ = run(capsys, url, "add-data-manager", "Funders report")
    assert status == 0
    status, devices = run(capsys, url, "list-devices")
    assert [(d["name"], d["status"], d["data_manager"], d["hubs"]) for d in devices] == [
        ("Laptop", "awaiting enrollment", False, [hub_id]),
        ("Funders report", "awaiting enrollment", True, []),
    ]
    engine = db.make_engine(url)
    enrolled = accounts.enroll(engine, code, "0123456789abcdef", "")
    assert enrolled["hubs"] == [{"id": hub_id, "name": "North Park"}]
    status, _ = run(capsys, url, "revoke-device", str(device["device_key"]))
    assert status == 0
    assert main(["revoke-device", "999", "--database-url", url]) == 1
    status, before = run(capsys, url, "show-epoch")
    status, after = run(capsys, url, "new-epoch")
    assert before != after and after["epoch"]
    assert main(["enroll-device", "X", "--hub", "not-a-hub", "--database-url", url]) == 2
    assert "No such hub" in capsys.readouterr().err
    assert main(["add-hub", "Y", "--id", "nope", "--database-url", url]) == 2
    engine.dispose()


def test_plain_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'admin.sqlite3'}"
    assert main(["list-devices", "--database-url", url]) == 0
    assert "No devices yet." in capsys.readouterr().out
    assert main(["add-hub", "South", "--database-url", url]) == 0
    assert "Hub 'South' added" in capsys.readouterr().out


def test_output_into_a_closed_pipe_says_nothing(tmp_path: Path) -> None:
    """``harmony-sync list-hubs | head``: the reader stops reading and the command goes
    quietly (it ended in a BrokenPipeError traceback)."""
    url = f"sqlite:///{tmp_path / 'admin.sqlite3'}"
    assert main(["add-hub", "North Park", "--database-url", url]) == 0
    command = [sys.executable, "-m", "harmony_sync.server.cli", "list-hubs"]
    child = subprocess.Popen(
        [*command, "--database-url", url], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # closed before it writes: its output meets a broken pipe
    errors = child.stderr.read().decode()
    assert child.wait(timeout=60) == 1
    assert errors == ""
