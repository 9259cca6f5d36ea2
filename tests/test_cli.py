"""The command line: every group listed, global options before any subcommand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from harmony_desktop.__main__ import main
from harmony_desktop.cli import COMMAND_GROUPS, build_parser
from harmony_desktop.store import Store, settings
from harmony_desktop.store.models import Hub


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    commands = ("demo", "restore", "backup", "print", "import", "export", "sync", "enroll")
    more = ("volunteers", "events", "setup", "sessions", "hubs", "report", "new-year")
    for command in (*commands, *more):
        assert f"    {command} " in text, command
    assert len(COMMAND_GROUPS) == 10


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_before_or_after_the_subcommand(tmp_path: Path, where: str) -> None:
    data = tmp_path / "chosen"
    demo = ["demo", "--students", "6", "--years", "1", "--today", "2026-09-14"]
    if where == "before":
        argv = ["--data-dir", str(data), *demo]
    else:
        argv = [*demo, "--data-dir", str(data)]
    assert main(argv) == 0
    with Store(data / "harmony.sqlite3") as store, store.read() as s:
        assert len(s.exec(select(Hub)).all()) == 1


def test_backup_then_restore_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()  # a --data-dir must exist
    assert main(["--data-dir", str(data), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == data / "backups" and made.exists()
    assert main(["--data-dir", str(data), "restore", "--list"]) == 0
    # the path, a tab, and what it holds (a new database: nothing changed yet)
    assert capsys.readouterr().out.strip() == f"{made}\tNo changes recorded yet — the newest"


def test_restore_onto_a_new_computer_whose_data_folder_is_not_made_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old laptop"
    assert main(["--data-dir", str(old), "demo", "--students", "6", "--years", "1"]) == 0
    with Store(old / "harmony.sqlite3") as store:  # it synced with the programme's server
        store.settings.set(settings.SYNC_SERVER, "https://sync.example.org")
    assert main(["--data-dir", str(old), "backup"]) == 0
    backup = Path(capsys.readouterr().out.strip().splitlines()[-1])
    copied = tmp_path / "usb stick" / backup.name
    copied.parent.mkdir()
    copied.write_bytes(backup.read_bytes())

    new = tmp_path / "new laptop"  # nothing there yet: the app was never opened
    assert main(["--data-dir", str(new), "restore", str(copied)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert f"Restored {backup.name}." in said
    assert "enroll --server https://sync.example.org --code CODE" in said  # a laptop of its own
    with Store(new / "harmony.sqlite3") as store, store.read() as s:
        assert len(s.exec(select(Hub)).all()) == 1


def test_bad_input_says_what_is_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["export", "attendance", "--out", "x.csv", "--from", "14/9"])
    assert exited.value.code == 2
    assert "dates are YYYY-MM-DD, not '14/9'" in capsys.readouterr().err


def test_version_and_help_do_not_load_the_demo_generator() -> None:
    code = (
        "import sys; from harmony_desktop.cli import build_parser; build_parser(); "
        "print('harmony_desktop.demo' in sys.modules, 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


def test_output_into_a_closed_pipe_says_nothing(tmp_path: Path) -> None:
    """``harmony-desktop sessions | head -1``: the reader stops reading and the command
    goes quietly (it said "A file could not be read or written: Broken pipe")."""
    data = tmp_path / "data"
    demo = ["--data-dir", str(data), "demo", "--students", "6", "--years", "1"]
    assert main([*demo, "--today", "2026-09-14"]) == 0
    command = [sys.executable, "-m", "harmony_desktop", "--data-dir", str(data), "sessions"]
    child = subprocess.Popen(
        [*command, "--date", "2026-09-14"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # closed before it writes: every line meets a broken pipe
    errors = child.stderr.read().decode()
    assert child.wait(timeout=60) == 1
    assert errors == ""


def test_a_data_folder_that_does_not_exist_is_refused_and_nothing_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A USB disk not plugged in: its folder is simply missing. Opening it used to make
    # an empty database there, as if the programme were new.
    usb = tmp_path / "usb" / "harmony"
    for argv in (
        ["--data-dir", str(usb), "sessions"],
        ["sessions", "--data-dir", str(usb)],
        ["--data-dir", str(usb), "sync"],
        ["--data-dir", str(usb), "backup"],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err == (
            f"harmony-desktop: The data folder {usb} does not exist. If it is on a disk "
            "that is not connected, connect it and start again; to start a new database "
            "there, create the folder first.\n"
        )
    assert not (tmp_path / "usb").exists()
    # An existing empty folder is a new start, as before.
    usb.mkdir(parents=True)
    assert main(["--data-dir", str(usb), "backup"]) == 0
    assert (usb / "harmony.sqlite3").exists()


def test_hubs_prints_each_hub_with_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A laptop set up alone joins a server: the office needs its hub's id.
    from harmony_desktop.startup import open_app
    from tests.factories import make_hub

    data = tmp_path / "data"
    with open_app(data) as services:
        hub = make_hub(services, students=1)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "hubs"]) == 0
    assert capsys.readouterr().out == f"Test Park Hub\t{hub.hub_id}\n"
