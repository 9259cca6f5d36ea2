"""The server's set-up migration renames the ensemble's stored term dates (values, field
clocks, kept conflicts) to first_day/last_day in place, on SQLite and PostgreSQL, and
leaves every other row and every change sequence number alone."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import insert, select, text, update

from harmony_sync.server import accounts, db
from harmony_sync.server.accounts import STATE
from harmony_sync.server.models import Conflict, SyncedRow

ROWS = SyncedRow.__table__  # type: ignore[attr-defined]
CONFLICTS = Conflict.__table__  # type: ignore[attr-defined]
ENSEMBLE = "6f1c0000-0000-4000-8000-0000000000e1"
CLOCK_A = "0001764000000000-0000-00000000000000a1"
CLOCK_B = "0001764000000001-0000-00000000000000a1"


def test_ensemble_term_dates_are_renamed_in_place(database_url: str) -> None:
    engine = db.make_engine(database_url)
    try:
        command.upgrade(db.alembic_config(engine), "0003_console")
        hub = accounts.add_hub(engine, "North Park")
        data = {"name": "Strings", "term_start": "2026-09-01", "term_end": None, "capacity": 20}
        clocks = {"name": CLOCK_A, "term_start": CLOCK_B, "term_end": CLOCK_A, "capacity": CLOCK_A}
        with engine.begin() as conn:
            seq = conn.execute(
                update(STATE).values(last_seq=STATE.c.last_seq + 2).returning(STATE.c.last_seq)
            ).scalar_one()
            conn.execute(
                insert(ROWS).values(
                    table_name="ensemble",
                    row_id=ENSEMBLE,
                    hub_id=hub,
                    seq=seq - 1,
                    data=data,
                    clocks=clocks,
                )
            )
            conn.execute(
                insert(CONFLICTS).values(
                    seq=seq,
                    hub_id=hub,
                    table_name="ensemble",
                    row_id=ENSEMBLE,
                    field_name="term_start",
                    losing_value="2026-08-31",
                    losing_clock=CLOCK_A,
                    winning_value="2026-09-01",
                    winning_clock=CLOCK_B,
                    created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
                )
            )
        with engine.connect() as conn:
            hub_row_before = conn.execute(
                select(ROWS.c.seq, ROWS.c.data).where(ROWS.c.table_name == "hub")
            ).one()

        db.upgrade(engine)

        with engine.connect() as conn:
            row = conn.execute(
                select(ROWS.c.seq, ROWS.c.data, ROWS.c.clocks).where(ROWS.c.row_id == ENSEMBLE)
            ).one()
            field = conn.execute(select(CONFLICTS.c.field_name)).scalar_one()
            hub_row_after = conn.execute(
                select(ROWS.c.seq, ROWS.c.data).where(ROWS.c.table_name == "hub")
            ).one()
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == db.HEAD_REVISION
        assert row.seq == seq - 1  # laptops renamed their own copies: nothing to pull again
        assert row.data == {"name": "Strings", "first_day": "2026-09-01", "last_day": None,
                            "capacity": 20}  # fmt: skip
        assert row.clocks == {"name": CLOCK_A, "first_day": CLOCK_B, "last_day": CLOCK_A,
                              "capacity": CLOCK_A}  # fmt: skip
        assert field == "first_day"
        assert hub_row_after == hub_row_before
    finally:
        engine.dispose()
