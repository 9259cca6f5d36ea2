"""Starting while another program holds the database's write lock.

A command line's import, a backup or a sync in another process (a scheduled task) may be
writing when the app starts. The start-up check must not call that damage nor offer a
backup: it waits as long as every connection of the app waits, then says the database
is in use by another program and what to do (wait, or close it), and leaves the file
as it was. The other program here is a real one: a second process holding
``BEGIN EXCLUSIVE`` with a change not yet committed.

The app's wait (``BUSY_TIMEOUT_MS``, 10 s) is shortened for the tests.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from harmony_desktop.__main__ import main
from harmony_desktop.domain.errors import (
    StoreCorruptError,
    StoreUnavailableError,
    StoreWriteError,
    Trouble,
)
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.startup import open_app
from harmony_desktop.store import db as store_db
from harmony_desktop.store.db import check_integrity
from harmony_desktop.store.models import Hub
from tests.factories import make_hub

IN_USE = (
    "The database {database} is in use by another program, so it cannot be opened now "
    "(another harmony-desktop command, such as an import, a backup or a sync, may be "
    "writing to it). This is not damage to the database: nothing in it has been "
    "changed, and restoring a backup would not help (it would lose the changes made "
    "since it was taken). Wait for that program to finish, or close it, then start "
    "again. Nothing needs to be repaired."
)
IN_USE_ES = (
    "La base de datos {database} está en uso por otro programa, así que no se puede "
    "abrir ahora (otro comando de harmony-desktop, como una importación, un respaldo o "
    "una sincronización, puede estar escribiendo en ella). No es un daño de la base de "
    "datos: no se modificó nada en ella, y restaurar una copia de seguridad no ayudaría "
    "(perdería los cambios hechos desde que se tomó). Espere a que ese programa termine, "
    "o ciérrelo, y vuelva a iniciar. No hay nada que reparar."
)

#: Another program: takes the write lock, changes a row, says so, and holds the lock
#: until told to stop (a line on its standard input) or for the seconds given, then
#: rolls back (``hold``) or commits (``commit``).
HOLDER = """
import sqlite3, sys, threading
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE local_meta SET value = value || '' WHERE key = 'device_id'")
print("held", flush=True)
seconds = float(sys.argv[3])
if seconds:
    threading.Event().wait(seconds)
else:
    sys.stdin.readline()
conn.execute("COMMIT" if sys.argv[2] == "commit" else "ROLLBACK")
conn.close()
"""


@contextmanager
def held(
    database: Path, *, end: str = "rollback", seconds: float = 0
) -> Iterator[Callable[[], bool]]:
    """Another process holds ``database``'s write lock in the block (or for ``seconds``).
    Yields whether that process is done (its lock released)."""
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), end, str(seconds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "held\n"
        yield lambda: other.poll() is not None
    finally:
        if other.poll() is None and not seconds:
            assert other.stdin is not None
            other.stdin.write("\n")
            other.stdin.flush()
        assert other.wait(timeout=30) == 0


@pytest.fixture(autouse=True)
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 400)


def data_folder(tmp_path: Path, journal: str) -> Path:
    """A data folder with a hub, closed cleanly; its file in ``journal`` mode (a file in
    rollback-journal mode: copied in from a backup, say)."""
    data = tmp_path / "data"
    with open_app(data) as services:
        make_hub(services, students=3)
    if journal != "wal":
        conn = sqlite3.connect(data / "harmony.sqlite3")
        assert conn.execute(f"PRAGMA journal_mode={journal}").fetchone() == (journal,)
        conn.close()
    return data


@pytest.mark.parametrize("journal", ["wal", "delete"])
@pytest.mark.parametrize("check_later", [False, True], ids=["checked-first", "window"])
def test_a_database_another_program_is_writing_is_in_use_not_damaged(
    tmp_path: Path, journal: str, check_later: bool
) -> None:
    """In rollback-journal mode the integrity check itself met "database is locked"
    and called the file damaged, with the restore command to run; in WAL mode the check
    passed and the opening said "Could not prepare the database …: database is
    locked"."""
    data = data_folder(tmp_path, journal)
    database = data / "harmony.sqlite3"
    before = database.read_bytes()
    with held(database), pytest.raises(StoreUnavailableError) as refused:
        open_app(data, check_later=check_later, backup=not check_later)
    assert not isinstance(refused.value, StoreCorruptError)
    assert refused.value.trouble is Trouble.BUSY
    assert str(refused.value) == IN_USE.format(database=database)
    assert database.read_bytes() == before  # the other program rolled back; we wrote nothing
    assert list((data / "backups").iterdir()) == []
    check_integrity(database)
    with open_app(data) as services:  # the other program is gone: it opens as before
        assert len(HubDirectory(services.store).hubs()) == 1


def test_the_check_alone_says_in_use_for_a_locked_file(tmp_path: Path) -> None:
    data = data_folder(tmp_path, "delete")
    database = data / "harmony.sqlite3"
    with held(database), pytest.raises(StoreUnavailableError) as refused:
        check_integrity(database)
    assert refused.value.trouble is Trouble.BUSY
    assert refused.value.detail == "SQLITE_BUSY: database is locked"


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_lock_let_go_within_the_wait_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, journal: str
) -> None:
    """A short write by another program (a sync's page, a mark from a command) is
    waited for, as every write of the app waits: the start goes on once it commits."""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 10_000)
    data = data_folder(tmp_path, journal)
    began = time.monotonic()
    with held(data / "harmony.sqlite3", end="commit", seconds=0.5), open_app(data) as services:
        assert len(HubDirectory(services.store).hubs()) == 1
    assert time.monotonic() - began < 10


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_command_says_in_use_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    data = data_folder(tmp_path, "delete")
    database = data / "harmony.sqlite3"
    monkeypatch.setenv("LANGUAGE", language)
    from harmony_desktop.domain import i18n

    try:
        with held(database):
            assert main(["--data-dir", str(data), "sessions"]) == 2
    finally:
        i18n.set_language(None)
    out, err = capsys.readouterr()
    said = (IN_USE if language == "en" else IN_USE_ES).format(database=database)
    assert (out, err) == ("", f"harmony-desktop: {said}\n")


WRITE_REFUSED = (
    "This change was NOT saved: another program is writing to the database (another "
    "harmony-desktop command, such as an import, a backup or a sync). Everything saved "
    "before is safe. Wait a minute for it to finish, then do it again."
)


def test_a_change_made_while_another_program_keeps_writing_says_so_and_saves_nothing(
    tmp_path: Path,
) -> None:
    """With the app open, a change waits for another program's write as long as the
    app waits; past that it is refused in words (not SQLite's "database is locked"),
    nothing of it is kept, and the same change made again once the other program is
    done is saved."""
    data = data_folder(tmp_path, "wal")
    with open_app(data) as services:
        hubs = HubDirectory(services.store)
        (hub,) = hubs.hubs()
        pending = services.store.pending_changes()
        with (
            held(data / "harmony.sqlite3"),
            pytest.raises(StoreWriteError) as refused,
            services.store.write() as writer,
        ):
            writer.upsert(Hub, hub.id, name="Renamed hub")
        assert str(refused.value) == WRITE_REFUSED
        assert services.store.pending_changes() == pending
        assert hubs.hubs()[0].name == hub.name
        with services.store.write() as writer:  # the other program is done: it is saved
            writer.upsert(Hub, hub.id, name="Renamed hub")
        assert services.store.pending_changes() == pending + 1
        assert hubs.hubs()[0].name == "Renamed hub"
