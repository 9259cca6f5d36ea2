"""This build's schema revision, known without loading Alembic."""

from __future__ import annotations

from harmony_desktop.paths import migrations_dir

#: The newest migration, and how many migration files there are (a test checks both
#: against the scripts). While ``versions`` holds that many files, a database at this
#: revision is up to date without asking Alembic, whose loading and reading of every
#: script cost each start-up half a second. A migration added without updating these
#: only makes the start-up ask Alembic again: slower, never wrong (and the window's
#: first paint takes the normal way).
HEAD_REVISION = "0011_grade_year"
MIGRATION_FILES = 11


def migration_files() -> int:
    """How many migration scripts this build has."""
    return len(list((migrations_dir() / "versions").glob("[0-9]*.py")))
