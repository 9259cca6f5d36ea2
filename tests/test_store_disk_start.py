"""Starting on a disk that keeps a healthy database from opening: full, failing,
read-only, or a file or folder this account may not write.

None of them is damage: each is said as what it is, with what to do (free space on the
disk holding the folder, reconnect the disk, make it writable), never as a damaged
database and never with a backup to restore (the day's marks would be lost with it).
Nothing is written, moved or renamed. Only SQLITE_CORRUPT, SQLITE_NOTADB and a failed
integrity check are damage.

The full and read-only disks are real (a small tmpfs, remounted read-only); files this
account may not write are made so for a process that drops root's right to ignore
them (``setpriv``). A disk that fails to read cannot be made here: its SQLite errors
are raised by hand.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from harmony_desktop.domain import errors
from harmony_desktop.domain.errors import StoreCorruptError, StoreError
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.startup import open_app
from harmony_desktop.store import db as store_db
from harmony_desktop.store.db import check_integrity, restore_backup
from tests.factories import make_hub
from tests.support.small_disk import MB, fill, free_again, small_disk

#: What a full disk at start-up says, with the data folder and the database filled in.
FULL = (
    "The disk holding {data} is full, so the database {database} cannot be opened. "
    "This is not damage to the database: nothing in it has been changed, and restoring "
    "a backup would not help (it would lose the changes made since it was taken). Free "
    "some space on that disk (empty the wastebasket, move videos or old files "
    "elsewhere), then start again."
)
FULL_ES = (
    "El disco de {data} está lleno, así que no se puede abrir la base de datos "
    "{database}. No es un daño de la base de datos: no se modificó nada en ella, y "
    "restaurar una copia de seguridad no ayudaría (perdería los cambios hechos desde que "
    "se tomó). Libere espacio en ese disco (vacíe la papelera, mueva videos o archivos "
    "viejos a otro lugar) y vuelva a iniciar."
)
READ_ONLY = (
    "The data folder {data} is on a read-only disk, or you may not write to it or to "
    "the database's files in it, so the database cannot be opened. This is not damage "
    "to the database: nothing in it has been changed, and restoring a backup would not "
    "help (it would lose the changes made since it was taken). Make the disk writable "
    "again, or ask your administrator to let you write to that folder and the files in "
    "it, then start again; or copy the folder to a disk you can write to and start with "
    "--data-dir FOLDER."
)


def healthy_data_dir(disk: Path) -> Path:
    """A data folder with a hub of three students, closed cleanly (no WAL left)."""
    data = disk / "data"
    with open_app(data) as services:
        make_hub(services, students=3)
    assert not (data / "harmony.sqlite3-wal").exists()
    return data


def left_as_it_was(data: Path, before: bytes) -> None:
    """The database holds what it held; nothing was renamed, moved or backed up, and
    only SQLite's own empty side files (made by the failed opening) are beside it."""
    database = data / "harmony.sqlite3"
    assert database.read_bytes() == before
    beside = sorted(p.name for p in data.iterdir() if p.name not in ("backups", "logs"))
    assert set(beside) <= {"harmony.sqlite3", "harmony.sqlite3-wal", "harmony.sqlite3-shm"}
    wal = data / "harmony.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # nothing written
    assert list((data / "backups").iterdir()) == []


def opens_again(data: Path) -> None:
    """Once the disk is writable again, the same folder opens as before, whole."""
    check_integrity(data / "harmony.sqlite3")
    with open_app(data) as services:
        assert len(HubDirectory(services.store).hubs()) == 1


# -- a full disk -------------------------------------------------------------------------


@pytest.mark.parametrize("check_later", [False, True], ids=["checked-first", "window"])
def test_a_full_disk_at_start_up_is_said_as_a_full_disk_not_damage(
    tmp_path: Path, check_later: bool
) -> None:
    """The tester's case: the data folder on a 3 MB disk filled up, then the app started.
    SQLite cannot make the shared-memory file beside the database and says "disk I/O
    error"; that was reported as a damaged database, with its backups offered."""
    with small_disk(tmp_path / "disk", 3 * MB) as disk:
        data = healthy_data_dir(disk)
        database = data / "harmony.sqlite3"
        before = database.read_bytes()
        fill(disk, leave=0)
        with pytest.raises(StoreError) as refused:
            # the window's way (the check in the background), or the command line's
            open_app(data, check_later=check_later, backup=not check_later)
        assert not isinstance(refused.value, StoreCorruptError)
        assert str(refused.value) == FULL.format(data=data, database=database)
        assert isinstance(refused.value, errors.StoreUnavailableError)
        assert refused.value.trouble is errors.Trouble.FULL
        assert refused.value.folder == data and refused.value.path == database
        left_as_it_was(data, before)
        free_again(disk)
        opens_again(data)


def test_a_full_disk_at_start_up_of_a_file_not_in_wal_mode(tmp_path: Path) -> None:
    """A file in rollback-journal mode (copied in from a backup, say) is read fine, but
    opening it switches it to WAL mode, which needs room: that was "Could not prepare
    the database … (sqlite3.OperationalError) database or disk is full (Background on
    this error at: https://sqlalche.me/…)"."""
    with small_disk(tmp_path / "disk", 3 * MB) as disk:
        data = healthy_data_dir(disk)
        database = data / "harmony.sqlite3"
        with sqlite3.connect(database) as conn:
            assert conn.execute("PRAGMA journal_mode=DELETE").fetchone() == ("delete",)
        conn.close()
        before = database.read_bytes()
        fill(disk, leave=0)
        with pytest.raises(StoreError) as refused:
            open_app(data)
        assert str(refused.value) == FULL.format(data=data, database=database)
        left_as_it_was(data, before)
        free_again(disk)
        opens_again(data)


# -- the command line ----------------------------------------------------------------------


def run_cli(
    data: Path, *args: str, language: str = "en", **env: str
) -> subprocess.CompletedProcess[str]:
    """``harmony-desktop --data-dir DATA ARGS`` in ``language``; its log in the data
    folder, as on a laptop (``--data-dir`` puts it there): on the full disk too."""
    environ = {k: v for k, v in os.environ.items() if k != "HARMONY_LOG_DIR"}
    environ.update(LANGUAGE=language, LANG="C.UTF-8", **env)
    return subprocess.run(
        [sys.executable, "-m", "harmony_desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
    )


def test_every_command_says_a_full_disk_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 3 * MB) as disk:
        data = healthy_data_dir(disk)
        database = data / "harmony.sqlite3"
        before = database.read_bytes()
        fill(disk, leave=0)
        said = FULL.format(data=data, database=database)
        out = tmp_path / "out"
        out.mkdir()  # (a folder that does not exist is refused before the database opens)
        commands = [
            ["sessions"],
            ["report", "attendance", "--hub", "all", "--out", str(out / "attendance.xlsx")],
            ["export", "roster", "--out", str(out / "roster.csv")],
            ["print", "roster", "--ensemble", "Beginning Strings", "--pdf", str(out / "r.pdf")],
            ["backup"],
        ]
        for command in commands:
            result = run_cli(data, *command)
            assert (result.returncode, result.stdout) == (2, ""), command
            assert result.stderr == f"harmony-desktop: {said}\n", command
        # sync, from a scheduled task: its one line, on standard output
        synced = run_cli(data, "sync")
        assert synced.returncode == 2 and synced.stderr == ""
        assert synced.stdout.endswith(f" sync FAILED [local_database]: {said}\n")
        spanish = run_cli(data, "sessions", language="es")
        assert spanish.returncode == 2
        assert (
            spanish.stderr == f"harmony-desktop: {FULL_ES.format(data=data, database=database)}\n"
        )
        assert list(out.iterdir()) == []
        left_as_it_was(data, before)
        free_again(disk)
        assert run_cli(data, "sessions").returncode == 0
        opens_again(data)


LEFT_OPEN = (
    "import os, sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "conn.execute(\"UPDATE local_meta SET value = value WHERE key = 'device_id'\")\n"
    "os._exit(0)\n"  # as a crash: the WAL and the shared memory stay beside the database
)


def stopped_on_a_full_disk(disk: Path, data: Path) -> None:
    """The app stopped (a crash) with its WAL and shared memory beside the database,
    then the disk filled up: the database opens and reads, and cannot be written."""
    free_again(disk)
    subprocess.run([sys.executable, "-c", LEFT_OPEN, str(data / "harmony.sqlite3")], check=True)
    assert (data / "harmony.sqlite3-shm").exists()
    fill(disk, leave=0)


def test_a_disk_that_filled_while_the_app_ran_puts_no_traceback_on_the_command_line(
    tmp_path: Path,
) -> None:
    """A line the log (on the same full disk) cannot take must not become "--- Logging
    error ---" and a traceback; a sync that cannot record its attempt says the disk is
    full, not "[internal] StoreWriteError: see the app's log file"."""
    with small_disk(tmp_path / "disk", 3 * MB) as disk:
        data = healthy_data_dir(disk)
        stopped_on_a_full_disk(disk, data)
        listed = run_cli(data, "sessions", "--date", "2026-09-14")
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.startswith("Sessions on Mon 2026-09-14:")
        assert listed.stderr.startswith("harmony-desktop: The backup was not made:")
        assert listed.stderr.count("\n") == 1  # that warning alone
        stopped_on_a_full_disk(disk, data)
        synced = run_cli(data, "sync")
        assert synced.returncode == 2
        assert synced.stdout.endswith(
            " sync FAILED [local_database]: The disk is full: this change was NOT saved. "
            f"Free some space on the disk holding {data}, then do it again. Everything "
            "saved before is safe.\n"
        )
        assert "Traceback" not in synced.stderr and "Logging error" not in synced.stderr


# -- a read-only disk, files this account may not write ------------------------------------


def test_a_wal_backup_on_a_read_only_disk_is_not_called_damaged(tmp_path: Path) -> None:
    """A copy of a laptop's live database (WAL mode) on a write-protected USB stick:
    SQLite cannot make its shared memory there, so it cannot be read in place. That is
    no damage: copy it to this computer first."""
    data = tmp_path / "data"
    with open_app(data) as services:
        make_hub(services, students=2)
    database = data / "harmony.sqlite3"
    before = database.read_bytes()
    with small_disk(tmp_path / "stick", 4 * MB) as stick:
        shutil.copyfile(database, stick / "copy.sqlite3")
        subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
        with pytest.raises(StoreError) as refused:
            restore_backup(stick / "copy.sqlite3", database)
        assert not isinstance(refused.value, StoreCorruptError)
        assert str(refused.value) == (
            f"The backup {stick / 'copy.sqlite3'} could not be read where it is "
            "(SQLITE_CANTOPEN: unable to open database file). Nothing has been changed. "
            "Copy it to a folder on this computer, then put it back from there."
        )
    assert database.read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == ["backups", "harmony.sqlite3"]


def without_root_rights() -> list[str]:
    """A command prefix that runs a process as root without root's right to read and
    write files whatever their mode (as any other user is)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run a process that file modes bind")
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


@pytest.mark.parametrize("how", ["chmod", "left-by-another-user"])
def test_a_database_this_account_may_not_write_is_said_so_not_damaged(
    tmp_path: Path, how: str
) -> None:
    """``chmod 0400`` on the database and ``0500`` on its folder; or its WAL and shared
    memory left behind, owned by another account, by the app once run as that account
    (``sudo``): that was "damaged (unable to open database file)"."""
    prefix = without_root_rights()
    data = tmp_path / "data"
    with open_app(data) as services:
        make_hub(services, students=2)
    database = data / "harmony.sqlite3"
    if how == "chmod":
        database.chmod(0o400)
        data.chmod(0o500)
    else:
        subprocess.run([sys.executable, "-c", LEFT_OPEN, str(database)], check=True)
        for side in ("-wal", "-shm"):
            os.chown(data / f"harmony.sqlite3{side}", 65534, 65534)  # nobody
    before = sorted((p.name, p.stat().st_size) for p in data.iterdir())
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "harmony_desktop", "--data-dir", str(data), "sessions"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HARMONY_LOG_DIR": str(tmp_path / "logs")},
        )
    finally:
        data.chmod(0o700)
        database.chmod(0o600)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"harmony-desktop: {READ_ONLY.format(data=data)}\n"
    assert sorted((p.name, p.stat().st_size) for p in data.iterdir()) == before


# -- which SQLite errors are damage --------------------------------------------------------


def sqlite_error(kind: type[sqlite3.Error], message: str, name: str) -> sqlite3.Error:
    """An error as SQLite raises it, with its extended code and the code's name."""
    error = kind(message)
    error.sqlite_errorcode = getattr(sqlite3, name)  # type: ignore[attr-defined]
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("raised", "free", "said"),
    [
        (("disk I/O error", "SQLITE_IOERR_READ"), 10**9, "disk"),
        (("disk I/O error", "SQLITE_IOERR_SHMSIZE"), 4096, "full"),
        (("disk I/O error", "SQLITE_IOERR_SHMSIZE"), 10**9, "disk"),
        (("database or disk is full", "SQLITE_FULL"), 10**9, "full"),
        (("attempt to write a readonly database", "SQLITE_READONLY_CANTINIT"), 10**9, "read"),
        (("unable to open database file", "SQLITE_CANTOPEN"), 10**9, "disk"),
        (("database disk image is malformed", "SQLITE_CORRUPT"), 10**9, "damaged"),
        (("file is not a database", "SQLITE_NOTADB"), 10**9, "damaged"),
    ],
    ids=[
        "read-error",
        "no-room-for-shared-memory",
        "shared-memory-error-with-room",
        "full",
        "read-only",
        "cannot-open",
        "corrupt",
        "not-a-database",
    ],
)
def test_only_damage_is_called_damage(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    raised: tuple[str, str],
    free: int,
    said: str,
) -> None:
    """A disk that fails to read (a USB disk pulled out, a failing disk) cannot be made
    here: SQLite's errors are raised by hand, as the integrity check opens the file."""
    database = tmp_path / "harmony.sqlite3"
    database.write_bytes(b"SQLite format 3\x00")
    message, name = raised
    kind = sqlite3.DatabaseError if said == "damaged" else sqlite3.OperationalError
    real_connect = sqlite3.connect

    def connect(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if isinstance(target, str) and target.startswith("file:") and "mode=ro" in target:
            raise sqlite_error(kind, message, name)
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(store_db, "free_space", lambda _folder: free)
    with pytest.raises(StoreError) as refused:
        check_integrity(database)
    text = str(refused.value)
    if said == "damaged":
        assert isinstance(refused.value, StoreCorruptError)
        assert text.startswith(f"The database {database} is damaged ({message}).")
        return
    assert not isinstance(refused.value, StoreCorruptError)
    assert "damaged" not in text and "harmony-desktop restore" not in text
    if said == "full":
        assert text.startswith(f"The disk holding {tmp_path} is full, so the database ")
    elif said == "disk":
        assert text.startswith(
            f"The database {database} could not be read from its disk ({name}: {message}): "
            "the disk may have been disconnected, or be failing. This is not damage"
        )
        assert text.endswith(
            f"Check that the disk holding {tmp_path} is connected, then start again. If "
            "this keeps happening, ask your administrator for help: the disk may be failing."
        )
    else:
        assert text.startswith(f"The data folder {tmp_path} is on a read-only disk")
