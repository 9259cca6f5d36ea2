"""The start-up path stays short: what opening the window imports, and what opening an
up-to-date database reads (the migrations' head is known without Alembic)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from harmony_desktop.store import db
from harmony_desktop.store.db import Store


def test_known_head_matches_the_migration_scripts() -> None:
    # When this fails after adding a migration: set HEAD_REVISION and MIGRATION_FILES in
    # store/db.py to what the scripts say (until then every start-up loads Alembic).
    script = ScriptDirectory.from_config(db._alembic_config())
    assert (
        script.get_current_head(),
        db.migration_files(),
    ) == (db.HEAD_REVISION, db.MIGRATION_FILES)
    assert db.head_revision() == db.HEAD_REVISION


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    database = tmp_path / "harmony.sqlite3"
    Store(database).close()  # created and migrated (Alembic loads here)
    code = (
        "import sys; from pathlib import Path; from harmony_desktop.store.db import Store; "
        f"Store(Path({str(database)!r})).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
