"""The server's migration 0007 gives the server a programme name (none at first), on
SQLite and PostgreSQL; a server state from before keeps its epoch and sequence."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select

from harmony_sync.server import accounts, db
from harmony_sync.server.accounts import STATE


def test_an_older_server_gets_no_name_until_the_office_sets_one(database_url: str) -> None:
    engine = db.make_engine(database_url)
    try:
        command.upgrade(db.alembic_config(engine), "0006_marks_behind_far_stamps")
        hub = accounts.add_hub(engine, "North Park")  # one change: sequence 1
        with engine.connect() as conn:
            (epoch,) = conn.execute(select(STATE.c.epoch)).one()
        db.upgrade(engine)
        with engine.connect() as conn:
            row = conn.execute(select(STATE.c.epoch, STATE.c.last_seq)).one()
        assert (row.epoch, row.last_seq) == (epoch, 1)
        assert accounts.programme_name(engine) is None
        assert accounts.set_programme_name(engine, " North  Side Strings ") == (
            "North Side Strings",
            None,
        )
        assert accounts.programme_name(engine) == "North Side Strings"
        assert accounts.list_hubs(engine)[0]["id"] == hub
        command.downgrade(db.alembic_config(engine), "0006_marks_behind_far_stamps")
        columns = {c["name"] for c in inspect(engine).get_columns("server_state")}
        assert "programme_name" not in columns and "epoch" in columns
    finally:
        engine.dispose()
