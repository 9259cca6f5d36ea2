"""Tables of the web console: users, sessions, login throttle, audit log, device contacts.

They live in the server's own registry (``ServerModel``) so the server's Alembic
migrations and ``tests/server/test_migrations.py`` see them. Storage code uses their
``__table__`` with SQLAlchemy Core, like the rest of the server.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field

from harmony_sync.server.models import ServerModel


class ConsoleUser(ServerModel, table=True):
    """A person who signs in to the console: an ``admin`` (changes things) or a ``viewer``."""

    __tablename__ = "console_user"

    id: int | None = Field(default=None, primary_key=True)
    #: the sign-in name, stored as typed; unique regardless of case (``name_key``)
    name: str = Field(max_length=64)
    name_key: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=16)
    #: an Argon2id hash in PHC string form (argon2-cffi)
    password_hash: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
    disabled_at: datetime | None = None
    last_login_at: datetime | None = None


class ConsoleSession(ServerModel, table=True):
    """A signed-in browser: the cookie holds a random token, only its SHA-256 is kept."""

    __tablename__ = "console_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="console_user.id", index=True)
    #: the synchronizer token every form of this session must carry
    csrf_token: str = Field(max_length=64)
    created_at: datetime
    expires_at: datetime


class LoginThrottle(ServerModel, table=True):
    """Consecutive failed sign-ins of one name or one address, and until when to wait."""

    __tablename__ = "console_login_throttle"

    key: str = Field(primary_key=True, max_length=128)
    failures: int = 0
    blocked_until: datetime | None = None
    updated_at: datetime


class AuditEntry(ServerModel, table=True):
    """One thing a person did in the console (or through the admin command line)."""

    __tablename__ = "console_audit"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    #: the console user's name, or "command line"
    actor: str = Field(max_length=64)
    #: one of audit.ACTIONS, in English ("device revoked"): translated where shown
    action: str = Field(max_length=64)
    #: what it was done to: a console user's name, or a language-neutral note (audit.py)
    #: such as {"msg":"device","number":7,"name":"North laptop 1"}; entries recorded
    #: before notes hold English text ("device 7 (North laptop 1)")
    target: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    #: more about it, as a note ({"msg":"waiting","num":12}) or, before notes, English text
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class DeviceContact(ServerModel, table=True):
    """What a device reported at its last contact, and when it last synced completely."""

    __tablename__ = "device_contact"

    device_key: int = Field(foreign_key="device.key", primary_key=True)
    last_contact_at: datetime | None = None
    #: the end of its last complete sync (a pull that had nothing more to send)
    last_success_at: datetime | None = None
    #: changes waiting in the laptop's outbox, as it reported at its last contact
    outbox_size: int | None = None
    app_version: str | None = Field(default=None, max_length=64)
    protocol_version: int | None = None
    schema_version: int | None = None
    #: the machine-readable reason of its last refused or failed request, if the last failed
    last_error: str | None = Field(default=None, max_length=64)


class DeviceSync(ServerModel, table=True):
    """One sync of one device: from its session request to its last pull page."""

    __tablename__ = "device_sync"
    __table_args__ = (Index("ix_device_sync_device_id", "device_key", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    device_key: int
    started_at: datetime
    finished_at: datetime
    #: "syncing" until its pull completes, then "ok"; "refused" or "failed" with ``error``
    outcome: str = Field(max_length=16)
    #: consecutive syncs with nothing to send or receive are kept as one entry
    syncs: int = 1
    error: str | None = Field(default=None, max_length=64)
    pushed: int = 0
    rejected: int = 0
    conflicts: int = 0
    pulled: int = 0
    outbox_size: int | None = None
    app_version: str | None = Field(default=None, max_length=64)


class RefusalsDealt(ServerModel, table=True):
    """An admin marked a device's refused changes up to one refusal as dealt with.

    Every refusal of the device (``rejected_mutation``) with an id up to ``up_to`` no
    longer flags it; one refused later flags it again. Several markings of one device
    are kept, so each refusal shows who marked it and when.
    """

    __tablename__ = "refusals_dealt"
    __table_args__ = (Index("ix_refusals_dealt_device", "device_key", "up_to"),)

    id: int | None = Field(default=None, primary_key=True)
    device_key: int = Field(foreign_key="device.key")
    #: the newest ``rejected_mutation.id`` of the device the admin saw when marking
    up_to: int
    marked_at: datetime
    #: the console user's name, as the audit log keeps it
    marked_by: str = Field(max_length=64)
