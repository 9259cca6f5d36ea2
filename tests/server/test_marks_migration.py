"""The server's migration 0006 moves back a device's "already applied" mark that an
older server had moved past changes refused for a stamp too far ahead, on SQLite and
PostgreSQL, and leaves every other mark alone."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import insert, select, update

from harmony_sync.server import accounts, db
from harmony_sync.server.accounts import DEVICES
from harmony_sync.server.store import REJECTIONS

FAR = "A clock is 730 days ahead of the server's; no clock that was merely wrong ..."


def test_marks_go_back_before_the_first_change_refused_for_a_far_stamp(
    database_url: str,
) -> None:
    engine = db.make_engine(database_url)
    try:
        command.upgrade(db.alembic_config(engine), "0004_setup")
        hub = accounts.add_hub(engine, "North Park")
        ahead, other, later = (accounts.create_device(engine, n, [hub])[0] for n in "abc")
        refusals = [
            (ahead, 300, "out_of_scope", "This device is not enrolled for the row's hub."),
            (ahead, 700, "bad_clocks", FAR),
            (ahead, 900, "bad_clocks", FAR),
            (other, 40, "bad_clocks", "Every clock must be an HLC string (see PROTOCOL.md)."),
            (other, 50, "out_of_scope", "This device is not enrolled for the row's hub."),
            (later, 400, "bad_clocks", FAR),
            (later, 2000, "bad_clocks", FAR),  # an earlier epoch's: above the mark
        ]
        marks = {ahead: 900, other: 50, later: 1000}
        with engine.begin() as conn:
            for key, mark in marks.items():
                conn.execute(
                    update(DEVICES).where(DEVICES.c.key == key).values(last_mutation_id=mark)
                )
            conn.execute(
                insert(REJECTIONS),
                [
                    {
                        "device_key": key,
                        "mutation_id": mutation_id,
                        "code": code,
                        "reason": reason,
                        "created_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
                    }
                    for key, mutation_id, code, reason in refusals
                ],
            )

        db.upgrade(engine)

        with engine.connect() as conn:
            query = select(DEVICES.c.key, DEVICES.c.last_mutation_id)
            after = {int(key): int(mark) for key, mark in conn.execute(query)}
        assert after == {ahead: 699, other: 50, later: 399}
    finally:
        engine.dispose()
