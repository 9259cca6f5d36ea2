"""Tables of the central sync server, declared once with SQLModel.

Storage code uses these classes' ``__table__`` with SQLAlchemy Core so one push is a few
set-based statements. The Alembic migrations in ``migrations/versions`` create the same
tables; ``tests/server/test_migrations.py`` checks the two agree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


class ServerModel(SQLModel, registry=registry()):
    """Base of the server's tables: their own metadata, apart from the desktop's.

    Both programs' tables live in one Python process in tests and share names
    (``conflict``), so each side keeps its own registry.
    """


class ServerState(ServerModel, table=True):
    """The one row of server-wide state: the epoch and the change sequence counter.

    Every writing transaction starts by updating this row, which serializes writers until
    commit, so change sequence numbers become visible in the order they were assigned.
    """

    __tablename__ = "server_state"

    id: int = Field(default=1, primary_key=True)
    epoch: str = Field(max_length=36)
    last_seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    created_at: datetime
    #: the programme's name, printed at the top of every laptop's rosters and sheets; null
    #: until the office sets it (``harmony-sync set-programme-name``)
    programme_name: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class HubRecord(ServerModel, table=True):
    """A hub (site) registered by an administrator; the unit of access control."""

    __tablename__ = "hub_registry"

    id: str = Field(primary_key=True, max_length=36)
    name: str
    created_at: datetime
    #: archived hubs take no new devices and are left out of the sync-health flags
    archived_at: datetime | None = None
    #: whom the office calls about the hub (its site lead's name and phone, one short
    #: line); staff contact data for the console only: never sent to laptops, never logged
    contact: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Device(ServerModel, table=True):
    """An enrolled (or enrollment-pending) laptop, identified to the API by its token."""

    __tablename__ = "device"

    key: int | None = Field(default=None, primary_key=True)
    name: str
    #: the HLC node id sent at enrollment (16 hex digits); null until enrolled
    node: str | None = Field(default=None, max_length=16, index=True)
    is_data_manager: bool = False
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    enroll_code_hash: str | None = Field(default=None, max_length=64, unique=True)
    enroll_expires_at: datetime | None = None
    created_at: datetime
    enrolled_at: datetime | None = None
    revoked_at: datetime | None = None
    last_seen_at: datetime | None = None
    #: highest mutation id applied (or rejected) for this device in the current epoch; a
    #: change refused for a stamp too far ahead does not count (``store.StampTooFarAhead``)
    last_mutation_id: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class DeviceHub(ServerModel, table=True):
    """One hub in a device's scope."""

    __tablename__ = "device_hub"

    device_key: int = Field(foreign_key="device.key", primary_key=True)
    hub_id: str = Field(foreign_key="hub_registry.id", primary_key=True, max_length=36)


class SyncedRow(ServerModel, table=True):
    """The merged current state of one synced row, generic over the desktop's columns.

    ``seq`` is the change sequence number of the row's latest change; pulls read rows by
    ``seq`` through its unique index, so a no-op pull is one index probe. ``origin`` is
    the last writer of the current state (see ``store.push``).
    """

    __tablename__ = "synced_row"
    __table_args__ = (
        Index("ix_synced_row_hub_seq", "hub_id", "seq"),
        Index("ix_synced_row_scope_seq", "scope_id", "seq"),
    )

    table_name: str = Field(primary_key=True, max_length=64)
    row_id: str = Field(primary_key=True, max_length=36)
    hub_id: str | None = Field(default=None, max_length=36)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    clocks: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    #: the device whose push made the current state, when that device holds every field of
    #: it (so its pulls skip the row: no echo); null when the state mixes in fields it may
    #: not have, or was made by an administrator
    origin: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    #: the family of a shared row (``harmony_sync.schema.SHARED``): its root row's id;
    #: the family is visible to the hubs ``row_scope`` lists for it
    scope_id: str | None = Field(default=None, max_length=36)


class RowScope(ServerModel, table=True):
    """One row that shares a family of rows with a hub: the family's root (with its own
    hub) or a live granting row such as a volunteer's assignment to a hub.

    A device reads the rows of every family that has an entry for one of its hubs.
    Maintained by ``scopes.py`` in the push that writes the granting row.
    """

    __tablename__ = "row_scope"
    __table_args__ = (Index("ix_row_scope_hub_scope", "hub_id", "scope_id"),)

    table_name: str = Field(primary_key=True, max_length=64)
    row_id: str = Field(primary_key=True, max_length=36)
    scope_id: str = Field(max_length=36)
    hub_id: str = Field(max_length=36)


class Conflict(ServerModel, table=True):
    """A losing value from a merge, kept for review by the hub's staff."""

    __tablename__ = "conflict"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    hub_id: str | None = Field(default=None, max_length=36, index=True)
    table_name: str = Field(max_length=64)
    row_id: str = Field(max_length=36)
    field_name: str
    losing_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    losing_clock: str = Field(max_length=40)
    winning_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    winning_clock: str = Field(max_length=40)
    device_key: int | None = None
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: int | None = None


class RejectedMutation(ServerModel, table=True):
    """A mutation refused for good, with the reason; the queue moved on past it."""

    __tablename__ = "rejected_mutation"

    id: int | None = Field(default=None, primary_key=True)
    device_key: int = Field(index=True)
    mutation_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    table_name: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    row_id: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    code: str = Field(max_length=64)
    reason: str
    created_at: datetime
