"""Builds ``harmony-0002.sqlite3.gz``: a database made by the release before programme
set-up (store schema 0002), gzipped, for the migration test
(``tests/test_setup_migration.py``).

Run it with THAT release's code, not this one's::

    git archive 3ec4603 src sync | tar -x -C /tmp/previous
    PYTHONPATH=/tmp/previous/src:/tmp/previous/sync .venv/bin/python \\
        tests/data/previous_release/make_file.py

It holds a generated demo hub (no real people) with a term on every ensemble, a roll of
marks, and changes still waiting to be sent, among them an ensemble's changed term
dates, plus a conflict kept for review about one of them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import sqlite3
from pathlib import Path

from sqlmodel import select

from harmony_desktop.demo import generate_demo
from harmony_desktop.store import Store
from harmony_desktop.store.models import Conflict, Ensemble
from harmony_desktop.store.seed import ensure_attendance_codes

HERE = Path(__file__).resolve().parent
TARGET = HERE / "harmony-0002.sqlite3"
TODAY = dt.date(2026, 11, 18)


def main() -> None:
    """Write the file (replacing an older one)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    with Store(TARGET) as store:
        assert store.schema_revision() == "0002", "run this with the previous release"
        ensure_attendance_codes(store)
        generate_demo(store, hubs=1, students_per_hub=24, years=1, seed=7, today=TODAY)
        with store.write() as w:
            ensemble = w.session.exec(select(Ensemble).order_by(Ensemble.name)).first()
            assert ensemble is not None
            w.update(ensemble, term_end=dt.date(2027, 6, 1), capacity=ensemble.capacity + 1)
            w.session.add(
                Conflict(
                    table_name="ensemble",
                    row_id=ensemble.id,
                    hub_id=ensemble.hub_id,
                    field_name="term_start",
                    losing_value='"2026-08-31"',
                    losing_clock="0000000000000-0000-0000000000000000",
                    winning_value='"2026-08-25"',
                    winning_clock="0000000000000-0000-0000000000000001",
                    detected_at="2026-11-18T17:00:00Z",
                )
            )
    conn = sqlite3.connect(TARGET)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    with TARGET.open("rb") as raw, gzip.GzipFile(f"{TARGET}.gz", "wb", 9, mtime=0) as packed:
        shutil.copyfileobj(raw, packed)
    TARGET.unlink()


if __name__ == "__main__":
    main()
