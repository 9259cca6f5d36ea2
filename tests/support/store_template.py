"""A migrated, empty store file made once per test run and copied for each test.

Migrating a new SQLite file with Alembic takes 0.1-0.25 s; copying a migrated one takes a
few milliseconds. Every copy gets its own new device id, so copies are distinct laptops,
exactly like fresh stores.
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import sqlite3
import tempfile
from pathlib import Path

from harmony_desktop.store import Store, settings

_template: Path | None = None


def _build() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="harmony-store-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "harmony.sqlite3"
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    try:
        conn.execute("DELETE FROM local_meta")  # the device id and clock: made per copy
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    return path


def new_store_file(path: Path) -> Path:
    """Put a fresh migrated, empty store file at ``path`` (its folder is created)."""
    global _template
    if _template is None:
        _template = _build()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_template, path)
    conn = sqlite3.connect(path)
    try:
        # A test's file needs no fsync: this is set-up, not a mark a user was shown.
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute(
            "INSERT INTO local_meta (key, value) VALUES (?, ?)",
            (settings.DEVICE_ID.key, secrets.token_hex(8)),
        )
        conn.commit()
    finally:
        conn.close()
    return path
