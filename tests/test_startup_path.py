"""The start-up path stays short: what opening the window imports, what opening an
up-to-date database reads (the migrations' head is known without Alembic), and the
queries of today's view."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlmodel import select

from harmony_desktop.services.context import Services
from harmony_desktop.store import db
from harmony_desktop.store.db import Store
from harmony_desktop.store.models import Enrollment
from tests.factories import HubFixture


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


#: Loaded when their feature is first used, never by the window's start: the sync's HTTP
#: client, the migrations, spreadsheets, Babel's locale data, the keyring's backends, the
#: other tabs, the programme set-up, printing, the import of files.
NOT_AT_START = (
    "requests",
    "alembic",
    "openpyxl",
    "babel",
    "charset_normalizer",
    "keyring",
    "harmony_desktop.ui.roster",
    "harmony_desktop.ui.volunteers",
    "harmony_desktop.ui.events",
    "harmony_desktop.ui.reports",
    "harmony_desktop.ui.programme",
    "harmony_desktop.printing",
    "harmony_desktop.services.importing",
    "harmony_desktop.services.setup_import",
    "harmony_desktop.services.stats",
)


def test_the_window_modules_leave_the_rest_for_later() -> None:
    code = (
        "import sys, harmony_desktop.ui.app, harmony_desktop.ui.main_window; "
        "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "harmony_desktop.ui.register" in loaded  # the check sees what it should
    early = sorted(m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_AT_START))
    assert early == []


#: Never loaded before the window's first paint: the ORM, the models, the services.
NOT_BEFORE_FIRST_PAINT = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "harmony_desktop.store.db",
    "harmony_desktop.store.models",
    "harmony_desktop.store.replica",
    "harmony_desktop.services.context",
    "harmony_desktop.services.sessions",
    "harmony_desktop.services.roll",
    *NOT_AT_START,
)

FIRST_PAINT = """
import sys, datetime as dt
from pathlib import Path
from typing import cast
from harmony_desktop.ui.app import make_application
from harmony_desktop.store.today import read_first_view
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.opening import PendingServices

app = make_application()
first = read_first_view(Path(sys.argv[1]), dt.date(2026, 9, 15))
pending = PendingServices()
window = MainWindow(cast("Services", pending), first.hub_id, first=first)
window.show()
app.processEvents()
print(window.register.sessions_model.rowCount())
print("\\n".join(sys.modules))
pending.fail(RuntimeError("not opened in this test"))  # the jobs waiting for them end
window.shutdown()
"""


def test_the_first_paint_shows_today_before_the_orm_loads(
    services: Services, hub: HubFixture
) -> None:
    del hub
    path = services.store.path
    services.store.close()
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    rows, *modules = out.stdout.split()
    assert rows == "1"  # the strings meet that Tuesday
    assert "harmony_desktop.ui.register.page" in modules  # the check sees what it should
    early = sorted(
        m for m in modules if any(m == n or m.startswith(n + ".") for n in NOT_BEFORE_FIRST_PAINT)
    )
    assert early == []


def test_a_range_of_sessions_counts_its_students_without_a_query_each(
    services: Services, hub: HubFixture
) -> None:
    # Today's view lists four weeks of missing rolls: one query per session made that
    # list cost a sixth of a second at full scale.
    with services.store.read() as s:
        leaving = s.exec(
            select(Enrollment).where(Enrollment.student_id == hub.student_ids[0])
        ).one()
    services.enrollment.withdraw(leaving.id, dt.date(2026, 9, 15), "moved away")
    queries: list[str] = []
    event.listen(services.store.engine, "before_cursor_execute", lambda *a: queries.append(a[2]))

    def strings(first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
        infos = services.sessions.for_range(hub.hub_id, first, last)
        return [(i.date, i.expected) for i in infos if i.ensemble_id == hub.ensemble_id]

    week = strings(dt.date(2026, 9, 14), dt.date(2026, 9, 16))
    assert week == [  # gone from the day the enrollment ended
        (dt.date(2026, 9, 14), 8),
        (dt.date(2026, 9, 15), 7),
        (dt.date(2026, 9, 16), 7),
    ]
    few = len(queries)
    queries.clear()
    assert len(strings(dt.date(2026, 9, 1), dt.date(2026, 10, 30))) == 44  # weekdays
    assert len(queries) == few  # as many queries for two months as for three days
