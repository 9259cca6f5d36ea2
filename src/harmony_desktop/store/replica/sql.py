"""Fixed SQL on the DBAPI connection of a session's transaction.

The replica's statements are few and fixed, and some run on every change: they go
straight to the driver (``sqlite3``), skipping SQLAlchemy's per-statement work, inside the
transaction the session began. Driver errors come out as SQLAlchemy's exception types,
exactly as they would through the session.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import exc
from sqlmodel import Session

#: A session, or the driver connection of its transaction (callers that run many
#: statements look it up once).
On = Session | sqlite3.Connection


def connection(on: On) -> sqlite3.Connection:
    """The driver connection of the session's transaction (beginning it if needed)."""
    if isinstance(on, sqlite3.Connection):
        return on
    dbapi = on.connection().connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection)
    return dbapi


def execute(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """Run one statement."""
    try:
        return conn.execute(sql, params)
    except sqlite3.Error as err:
        raise translated(sql, params, err) from err


def executemany(conn: sqlite3.Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """Run one statement for each parameter row (the driver's executemany)."""
    try:
        conn.executemany(sql, rows)
    except sqlite3.Error as err:
        raise translated(sql, (), err) from err


def commit(conn: sqlite3.Connection) -> None:
    """Commit the driver's transaction."""
    try:
        conn.commit()
    except sqlite3.Error as err:
        raise translated("COMMIT", (), err) from err


def rollback(conn: sqlite3.Connection) -> None:
    """Roll the driver's transaction back."""
    try:
        conn.rollback()
    except sqlite3.Error as err:
        raise translated("ROLLBACK", (), err) from err


def translated(sql: str, params: Any, err: sqlite3.Error) -> exc.StatementError:
    """A driver error as SQLAlchemy's exception type, as the session would raise it."""
    return exc.DBAPIError.instance(sql, params, err, sqlite3.Error)
