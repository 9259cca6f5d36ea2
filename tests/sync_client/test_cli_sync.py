"""``harmony-desktop enroll`` and ``harmony-desktop sync`` for scheduled tasks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from harmony_desktop.__main__ import main
from tests.support.ports import free_port
from tests.support.sync_server import SyncServer


def test_enroll_then_sync_prints_one_line(
    tmp_path: Path, live: SyncServer, capsys: pytest.CaptureFixture[str]
) -> None:
    hub = live.add_hub("CLI Hub")
    code = live.enrollment_code([hub])
    data = tmp_path / "cli-data"
    data.mkdir()  # a --data-dir must exist
    assert main(["--data-dir", str(data), "enroll", "--server", live.url, "--code", code]) == 0
    out = capsys.readouterr().out
    assert "CLI Hub" in out and "readable only by you" in out
    token_file = data / "sync-token"
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600

    assert main(["--data-dir", str(data), "sync"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "sync ok" in lines[0] and "pulled 1 row in 1 page," in lines[0]


def test_sync_exit_codes_for_a_log(
    tmp_path: Path, live: SyncServer, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "cli-offline"
    data.mkdir()
    assert main(["--data-dir", str(data), "sync"]) == 2  # not enrolled: a person must act
    line = capsys.readouterr().out.strip()
    assert "[not_enrolled]" in line and "\n" not in line
    hub = live.add_hub("CLI Hub 2")
    code = live.enrollment_code([hub])
    assert main(["--data-dir", str(data), "enroll", "--server", live.url, "--code", code]) == 0
    # the same code twice is refused with advice
    assert main(["--data-dir", str(data), "enroll", "--server", live.url, "--code", code]) == 2
    assert "Ask your administrator" in capsys.readouterr().err
    # the server unreachable: exit 1 (retry later)
    from harmony_desktop.startup import open_app
    from harmony_desktop.store import settings

    opened = open_app(data)
    opened.store.settings.set(settings.SYNC_SERVER, f"http://127.0.0.1:{free_port()}")
    opened.close()
    assert main(["--data-dir", str(data), "sync"]) == 1
    line = capsys.readouterr().out.strip()
    assert "[unreachable]" in line and "\n" not in line


def test_the_summary_line_counts_one_and_many_in_both_languages() -> None:
    from harmony_desktop.domain import i18n
    from harmony_desktop.services.sync import SyncReport

    one = SyncReport(pushed=1, pulled=1, pages=1, conflicts=1, seconds=0.5)
    many = SyncReport(pushed=3, pulled=1200, pages=2, conflicts=0, seconds=1.25)
    assert one.summary() == (
        "sync ok: pushed 1 (duplicates 0, rejected 0), pulled 1 row in 1 page, "
        "1 new conflict, 0.50s"
    )
    assert many.summary() == (
        "sync ok: pushed 3 (duplicates 0, rejected 0), pulled 1200 rows in 2 pages, "
        "0 new conflicts, 1.25s"
    )
    i18n.set_language("es")
    try:
        assert one.summary() == (
            "sincronización bien: enviadas 1 (duplicadas 0, rechazadas 0), recibida 1 fila "
            "en 1 página, 1 conflicto nuevo, 0.50 s"
        )
    finally:
        i18n.set_language("en")


def test_enrolling_keeps_the_name_the_administrator_gave_unless_one_is_typed(
    tmp_path: Path, live: SyncServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two laptops from one disk image are both "vm" to the OS: the console told them
    apart only by the administrator's names, which enrolling used to replace."""
    hub = live.add_hub("Named Hub")
    kept = live.enroll_device("North laptop 1", [hub])
    renamed = live.enroll_device("North laptop 2", [hub])
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    assert main(["--data-dir", str(one), "enroll", "--server", live.url, "--code", kept]) == 0
    args = ["--data-dir", str(two), "enroll", "--server", live.url, "--code", renamed]
    assert main([*args, "--name", "Library cart laptop"]) == 0
    capsys.readouterr()
    names = [d["name"] for d in live.list_devices()]
    assert "North laptop 1" in names and "Library cart laptop" in names
    assert "North laptop 2" not in names
