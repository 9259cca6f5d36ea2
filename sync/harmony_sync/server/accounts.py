"""Hubs, devices, enrollment codes and device tokens.

Only SHA-256 hashes of tokens and enrollment codes are stored. Tokens are 256-bit random
strings; enrollment codes are 80-bit random, work once and expire.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from harmony_sync.hlc import GENESIS, HybridLogicalClock
from harmony_sync.server.errors import ApiError, unauthorized
from harmony_sync.server.models import Device, DeviceHub, HubRecord, ServerState, SyncedRow

HUBS = HubRecord.__table__  # type: ignore[attr-defined]
DEVICES = Device.__table__  # type: ignore[attr-defined]
DEVICE_HUBS = DeviceHub.__table__  # type: ignore[attr-defined]
STATE = ServerState.__table__  # type: ignore[attr-defined]
ROWS = SyncedRow.__table__  # type: ignore[attr-defined]

#: How long an enrollment code stays usable.
ENROLLMENT_TTL = timedelta(days=7)
#: The clock node of changes made on the server itself (a hub renamed by an administrator).
SERVER_NODE = "0000000000000001"
#: Longest hub or device name an administrator may give.
MAX_NAME = 100
#: Longest contact of a hub (its site lead's name and phone, on one line).
MAX_CONTACT = 100


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Treat a naive datetime read back from SQLite as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def secret_hash(secret: str) -> str:
    """The stored form of a token or enrollment code."""
    return hashlib.sha256(secret.encode()).hexdigest()


def normalize_code(code: str) -> str:
    """Enrollment codes are typed by people: ignore case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrollment_code() -> str:
    """A fresh code like ``ABCD-EFGH-IJKL-MNOP`` (80 random bits, base32)."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def is_utf8(text: str) -> bool:
    """False for strings with lone surrogates (valid JSON escapes, but not storable text)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_uuid(text: object) -> bool:
    """True for a string in lowercase canonical UUID form (PROTOCOL.md, section 1)."""
    if not isinstance(text, str) or len(text) != 36:
        return False
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def read_epoch(conn: Connection) -> str:
    """The current server epoch."""
    return str(conn.execute(select(STATE.c.epoch).where(STATE.c.id == 1)).scalar_one())


def programme_name(engine: Engine) -> str | None:
    """The programme's name every laptop prints (None: not set on the server)."""
    with engine.connect() as conn:
        return _programme_name(conn)


def _programme_name(conn: Connection) -> str | None:
    name = conn.execute(select(STATE.c.programme_name).where(STATE.c.id == 1)).scalar_one()
    return str(name) if name else None


def set_programme_name(engine: Engine, name: str | None) -> tuple[str | None, str | None]:
    """Set the programme's name (None: clear it, and laptops name it themselves again);
    return the name stored and the old one. Laptops print the new name from their next
    sync."""
    cleaned = None
    if name is not None:  # one line of text; runs of spaces between words become one
        cleaned = " ".join(filter(None, clean_name(name, "The programme's name").split(" ")))
    with engine.begin() as conn:
        old = _programme_name(conn)
        conn.execute(update(STATE).where(STATE.c.id == 1).values(programme_name=cleaned))
    return cleaned, old


@dataclass(frozen=True)
class DeviceContext:
    """The authenticated device behind a request and its hub scope."""

    key: int
    node: str
    name: str
    data_manager: bool
    hubs: frozenset[str]

    def can_read(self, hub_id: str | None) -> bool:
        """Programme-wide rows are readable by all; hub rows by devices of the hub."""
        return hub_id is None or self.data_manager or hub_id in self.hubs

    def can_write(self, hub_id: str | None, known_hubs: frozenset[str]) -> bool:
        """Programme-wide rows only by data managers; hub rows by devices of the hub."""
        if self.data_manager:
            return hub_id is None or hub_id in known_hubs
        return hub_id is not None and hub_id in self.hubs


def clean_name(name: str, what: str = "A name", longest: int = MAX_NAME) -> str:
    """``name`` without surrounding spaces; ValueError when empty, too long or not text."""
    name = name.strip()
    if not name:
        raise ValueError(f"{what} cannot be empty.")
    if len(name) > longest:
        raise ValueError(f"{what} can be at most {longest} characters long.")
    if not is_utf8(name) or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise ValueError(f"{what} must be plain text on one line.")
    return name


def add_hub(engine: Engine, name: str, hub_id: str | None = None) -> str:
    """Register a hub and create its synced ``hub`` row (name only, at the genesis clock)."""
    name = clean_name(name, "A hub name")
    hub_id = hub_id or str(uuid.uuid4())
    if not is_uuid(hub_id):
        raise ValueError(f"A hub id must be a UUID in lowercase canonical form, not {hub_id!r}")
    with engine.begin() as conn:
        state = conn.execute(
            update(STATE)
            .where(STATE.c.id == 1)
            .values(last_seq=STATE.c.last_seq + 1)
            .returning(STATE.c.last_seq)
        ).scalar_one()
        conn.execute(insert(HUBS).values(id=hub_id, name=name, created_at=utcnow()))
        conn.execute(
            insert(ROWS).values(
                table_name="hub",
                row_id=hub_id,
                hub_id=hub_id,
                seq=state,
                data={"name": name, "deleted": False},
                clocks={"name": GENESIS, "deleted": GENESIS},
            )
        )
    return hub_id


def list_hubs(engine: Engine) -> list[dict[str, Any]]:
    """All registered hubs (archived ones too, marked)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(HUBS.c.id, HUBS.c.name, HUBS.c.archived_at).order_by(HUBS.c.name)
        ).all()
    return [{"id": r.id, "name": r.name, "archived": r.archived_at is not None} for r in rows]


def rename_hub(engine: Engine, hub_id: str, name: str) -> str:
    """Rename a hub in the registry and in its synced ``hub`` row; return the old name.

    The synced name gets a clock of :data:`SERVER_NODE` later than the stored one, so the
    laptops pull the new name like any other change.
    """
    name = clean_name(name, "A hub name")
    with engine.begin() as conn:
        seq = conn.execute(
            update(STATE)
            .where(STATE.c.id == 1)
            .values(last_seq=STATE.c.last_seq + 1)
            .returning(STATE.c.last_seq)
        ).scalar_one()
        old = conn.execute(select(HUBS.c.name).where(HUBS.c.id == hub_id)).scalar()
        if old is None:
            raise ValueError(f"No hub {hub_id} (see `harmony-sync list-hubs`)")
        conn.execute(update(HUBS).where(HUBS.c.id == hub_id).values(name=name))
        row = conn.execute(
            select(ROWS.c.data, ROWS.c.clocks).where(
                ROWS.c.table_name == "hub", ROWS.c.row_id == hub_id
            )
        ).first()
        if row is not None:
            clock = HybridLogicalClock(SERVER_NODE, row.clocks.get("name")).now()
            conn.execute(
                update(ROWS)
                .where(ROWS.c.table_name == "hub", ROWS.c.row_id == hub_id)
                .values(
                    seq=seq,
                    data={**row.data, "name": name},
                    clocks={**row.clocks, "name": clock},
                )
            )
    return str(old)


def set_hub_archived(engine: Engine, hub_id: str, archived: bool) -> bool:
    """Archive (or restore) a hub; False when it already was. Its data and devices stay.

    An archived hub takes no new devices and is left out of the sync-health flags; its
    laptops can still sync, so nothing they hold is lost.
    """
    with engine.begin() as conn:
        current = conn.execute(select(HUBS.c.archived_at).where(HUBS.c.id == hub_id)).first()
        if current is None:
            raise ValueError(f"No hub {hub_id} (see `harmony-sync list-hubs`)")
        if (current.archived_at is not None) == archived:
            return False
        conn.execute(
            update(HUBS)
            .where(HUBS.c.id == hub_id)
            .values(archived_at=utcnow() if archived else None)
        )
    return True


def hub_contacts(engine: Engine) -> dict[str, str]:
    """Whom the office calls about each hub that has a contact, by hub id. Staff contact
    data for the console and the command line only: never sent to laptops, never logged."""
    with engine.connect() as conn:
        rows = conn.execute(select(HUBS.c.id, HUBS.c.contact).where(HUBS.c.contact.is_not(None)))
        return {r.id: str(r.contact) for r in rows if r.contact}


def set_hub_contact(engine: Engine, hub_id: str, contact: str | None) -> tuple[str | None, bool]:
    """Set whom the office calls about a hub (free text on one line, at most
    :data:`MAX_CONTACT` characters; None or blank clears it); return the contact stored
    and whether it changed. Nothing is synced: laptops never see it."""
    cleaned = None
    if contact is not None and contact.strip():  # runs of spaces between words become one
        cleaned = " ".join(
            filter(None, clean_name(contact, "A hub's contact", MAX_CONTACT).split(" "))
        )
    with engine.begin() as conn:
        current = (
            conn.execute(select(HUBS.c.contact).where(HUBS.c.id == hub_id)).first()
            if is_uuid(hub_id)
            else None
        )
        if current is None:
            raise ValueError(f"No hub {hub_id} (see `harmony-sync list-hubs`)")
        if (current.contact or None) == cleaned:
            return cleaned, False
        conn.execute(update(HUBS).where(HUBS.c.id == hub_id).values(contact=cleaned))
    return cleaned, True


def create_device(
    engine: Engine,
    name: str,
    hub_ids: list[str],
    *,
    data_manager: bool = False,
    ttl: timedelta = ENROLLMENT_TTL,
) -> tuple[int, str]:
    """Create a device awaiting enrollment; return its key and the one-time code."""
    if not data_manager and not hub_ids:
        raise ValueError("A device needs at least one hub (or make it a data manager).")
    name = clean_name(name, "A device name")
    code = new_enrollment_code()
    now = utcnow()
    # a hub id is a UUID: anything else names no hub (and is never sent to the
    # database, where a NUL byte in it would fail the query itself)
    looked_up = [h for h in hub_ids if is_uuid(h)]
    with engine.begin() as conn:
        known = {r for (r,) in conn.execute(select(HUBS.c.id).where(HUBS.c.id.in_(looked_up)))}
        missing = sorted(set(hub_ids) - known)
        if missing:
            raise ValueError(f"No such hub: {', '.join(missing)} (see `harmony-sync list-hubs`)")
        archived = conn.execute(
            select(HUBS.c.name).where(HUBS.c.id.in_(hub_ids), HUBS.c.archived_at.is_not(None))
        ).scalar()
        if archived is not None:
            raise ValueError(f"Hub {archived!r} is archived: restore it before adding devices.")
        key = conn.execute(
            insert(DEVICES)
            .values(
                name=name,
                is_data_manager=data_manager,
                enroll_code_hash=secret_hash(normalize_code(code)),
                enroll_expires_at=now + ttl,
                created_at=now,
                last_mutation_id=0,
            )
            .returning(DEVICES.c.key)
        ).scalar_one()
        for hub_id in sorted(set(hub_ids)):
            conn.execute(insert(DEVICE_HUBS).values(device_key=key, hub_id=hub_id))
    return int(key), code


def _hubs_of(conn: Connection, device_key: int, data_manager: bool) -> list[dict[str, str]]:
    query = select(HUBS.c.id, HUBS.c.name).order_by(HUBS.c.name)
    if not data_manager:
        query = query.join(DEVICE_HUBS, DEVICE_HUBS.c.hub_id == HUBS.c.id).where(
            DEVICE_HUBS.c.device_key == device_key
        )
    return [{"id": r.id, "name": r.name} for r in conn.execute(query)]


def enroll(engine: Engine, code: str, node: str, device_name: str) -> dict[str, Any]:
    """Exchange a one-time code for a new device token (returned once, stored hashed)."""
    if not (is_utf8(code) and is_utf8(device_name)) or "\x00" in device_name:
        raise ApiError(422, "bad_request", "The code and device name must be plain text.")
    token = secrets.token_urlsafe(32)
    now = utcnow()
    code_hash = secret_hash(normalize_code(code))
    with engine.begin() as conn:
        device = conn.execute(
            select(DEVICES).where(DEVICES.c.enroll_code_hash == code_hash)
        ).first()
        expires = device.enroll_expires_at if device is not None else None
        if device is None or device.revoked_at is not None or device.token_hash is not None:
            raise ApiError(
                400,
                "invalid_enrollment_code",
                "This enrollment code is not valid (mistyped, already used or revoked). "
                "Ask your administrator for a new code.",
            )
        if expires is None or as_utc(expires) < now:
            raise ApiError(
                400,
                "enrollment_code_expired",
                "This enrollment code has expired. Ask your administrator for a new code.",
            )
        in_use = conn.execute(
            select(DEVICES.c.key).where(
                DEVICES.c.node == node,
                DEVICES.c.revoked_at.is_(None),
                DEVICES.c.token_hash.is_not(None),
            )
        ).first()
        if in_use is not None:
            raise ApiError(
                409,
                "device_id_in_use",
                "Another enrolled device already uses this device id. Revoke the old device "
                "(`harmony-sync revoke-device`) or reset the app's device id, then retry.",
            )
        done = conn.execute(
            update(DEVICES)
            .where(DEVICES.c.key == device.key, DEVICES.c.token_hash.is_(None))
            .values(
                node=node,
                name=device_name or device.name,
                token_hash=secret_hash(token),
                enroll_code_hash=None,
                enroll_expires_at=None,
                enrolled_at=now,
            )
        )
        if done.rowcount != 1:
            raise ApiError(409, "invalid_enrollment_code", "This code was just used. Ask again.")
        hubs = _hubs_of(conn, device.key, device.is_data_manager)
        epoch = read_epoch(conn)
    return {
        "device_token": token,
        "device_key": device.key,
        "device_id": node,
        "data_manager": device.is_data_manager,
        "hubs": hubs,
        "epoch": epoch,
    }


def authenticate(engine: Engine, token: str | None) -> DeviceContext:
    """The device owning ``token``; 401 when missing, unknown or revoked."""
    if not token:
        raise unauthorized(
            "missing_token",
            "This request needs a device token (header `Authorization: Bearer <token>`). "
            "Enroll this device first.",
        )
    with engine.connect() as conn:
        device = conn.execute(
            select(DEVICES).where(DEVICES.c.token_hash == secret_hash(token))
        ).first()
        if device is None:
            raise unauthorized(
                "invalid_token",
                "This device token is not known to the server. Enroll this device again "
                "with a new code from your administrator.",
            )
        if device.revoked_at is not None:
            raise unauthorized(
                "device_revoked",
                "This device has been revoked by an administrator and can no longer sync. "
                "Ask your administrator for a new enrollment code.",
            )
        hubs = frozenset(
            h
            for (h,) in conn.execute(
                select(DEVICE_HUBS.c.hub_id).where(DEVICE_HUBS.c.device_key == device.key)
            )
        )
    return DeviceContext(device.key, device.node, device.name, device.is_data_manager, hubs)


def session_info(engine: Engine, device: DeviceContext) -> dict[str, Any]:
    """The device's own record as the API reports it."""
    with engine.connect() as conn:
        last = conn.execute(
            select(DEVICES.c.last_mutation_id).where(DEVICES.c.key == device.key)
        ).scalar_one()
        hubs = _hubs_of(conn, device.key, device.data_manager)
        devices = _programme_devices(conn)
        epoch = read_epoch(conn)
        programme = _programme_name(conn)
    return {
        "device_key": device.key,
        "device_id": device.node,
        "device_name": device.name,
        "data_manager": device.data_manager,
        "hubs": hubs,
        "last_mutation_id": last,
        "devices": devices,
        "programme_name": programme,
        "epoch": epoch,
    }


def _programme_devices(conn: Connection) -> list[dict[str, str]]:
    """The device id and name of every enrolled device of the programme, revoked ones
    too (their changes stay), this one included: any of them may have written a row this
    device holds (a shared volunteer's home-hub laptop, a data manager, ...), and a
    programme has tens of laptops. A device id enrolled twice (revoked, then enrolled
    again) is named as last enrolled. Sorted by device id. Every device is told the
    same list (PROTOCOL.md, section 5, says why)."""
    query = select(DEVICES.c.node, DEVICES.c.name).where(DEVICES.c.node.is_not(None))
    names: dict[str, str] = {}
    for row in conn.execute(query.order_by(DEVICES.c.enrolled_at, DEVICES.c.key)):
        names[row.node] = row.name  # the last enrolled of one device id wins
    return [{"device_id": node, "name": names[node]} for node in sorted(names)]


def list_devices(engine: Engine) -> list[dict[str, Any]]:
    """Every device with its scope and state (no secrets)."""
    with engine.connect() as conn:
        scopes: dict[int, list[str]] = {}
        for key, hub_id in conn.execute(select(DEVICE_HUBS.c.device_key, DEVICE_HUBS.c.hub_id)):
            scopes.setdefault(key, []).append(hub_id)
        out = []
        for d in conn.execute(select(DEVICES).order_by(DEVICES.c.key)):
            if d.revoked_at is not None:
                status = "revoked"
            elif d.token_hash is not None:
                status = "enrolled"
            else:
                status = "awaiting enrollment"
            out.append(
                {
                    "key": d.key,
                    "name": d.name,
                    "device_id": d.node,
                    "data_manager": d.is_data_manager,
                    "hubs": sorted(scopes.get(d.key, [])),
                    "status": status,
                    "last_mutation_id": d.last_mutation_id,
                    "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
                }
            )
    return out


def revoke_device(engine: Engine, key: int) -> bool:
    """Revoke a device (its token stops working at once); False if there is no such device."""
    with engine.begin() as conn:
        done = conn.execute(
            update(DEVICES)
            .where(DEVICES.c.key == key, DEVICES.c.revoked_at.is_(None))
            .values(revoked_at=utcnow(), enroll_code_hash=None)
        )
        if done.rowcount == 1:
            return True
        return conn.execute(select(DEVICES.c.key).where(DEVICES.c.key == key)).first() is not None


def rename_device(engine: Engine, key: int, name: str) -> str:
    """Give a device a new name people recognise; return the old one."""
    name = clean_name(name, "A device name")
    with engine.begin() as conn:
        old = conn.execute(select(DEVICES.c.name).where(DEVICES.c.key == key)).scalar()
        if old is None:
            raise ValueError(f"No device {key} (see `harmony-sync list-devices`)")
        conn.execute(update(DEVICES).where(DEVICES.c.key == key).values(name=name))
    return str(old)
