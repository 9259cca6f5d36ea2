"""Console users, their passwords (Argon2id), sign-in sessions and the failed-login throttle.

Passwords are hashed with argon2-cffi's defaults (Argon2id, RFC 9106 low-memory profile)
and re-hashed on sign-in when those defaults change. A session cookie holds a random
256-bit token; only its SHA-256 is stored, next to the session's CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, insert, select, update

from harmony_sync.server.accounts import as_utc, is_utf8, secret_hash
from harmony_sync.server.admin.audit import COMMAND_LINE, UNKNOWN_NAME
from harmony_sync.server.admin.models import ConsoleSession, ConsoleUser, LoginThrottle

USERS = ConsoleUser.__table__  # type: ignore[attr-defined]
SESSIONS = ConsoleSession.__table__  # type: ignore[attr-defined]
THROTTLE = LoginThrottle.__table__  # type: ignore[attr-defined]

ROLES = ("admin", "viewer")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
#: Failed sign-ins in a row (per name) after which each further attempt must wait.
FREE_FAILURES = 5
#: The same, per client address (several people may share an office's address).
FREE_FAILURES_PER_ADDRESS = 20
#: The first wait; it doubles with each further failure, up to ``MAX_WAIT``.
FIRST_WAIT = timedelta(seconds=2)
MAX_WAIT = timedelta(minutes=15)

_hasher = PasswordHasher()
#: Verified against when the name is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Identity:
    """The signed-in console user behind a request."""

    user_id: int
    name: str
    role: str
    csrf_token: str

    @property
    def can_change(self) -> bool:
        """Admins change things; viewers only look."""
        return self.role == "admin"


def name_key(name: str) -> str:
    """Sign-in names are unique and matched regardless of case and surrounding spaces."""
    return name.strip().casefold()


def check_password(password: str) -> str:
    """``password`` if acceptable; ValueError saying what is wrong otherwise."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"The password must be at least {MIN_PASSWORD} characters long.")
    if len(password) > MAX_PASSWORD or not is_utf8(password) or "\x00" in password:
        raise ValueError("The password must be ordinary text of at most 1024 characters.")
    return password


#: Names the audit log gives actors that are not console users, and so no console user
#: may have.
_RESERVED = frozenset(name_key(n) for n in (COMMAND_LINE, UNKNOWN_NAME))


def add_user(engine: Engine, name: str, role: str, password: str, now: datetime) -> int:
    """Create a console user; ValueError when the name, role or password will not do."""
    name = name.strip()
    if not name or len(name) > 64 or not name.isprintable() or not is_utf8(name):
        raise ValueError("A user name must be 1 to 64 printable characters.")
    if name.startswith("{") or name_key(name) in _RESERVED:
        # the audit log's "Who" would read it as the command line or an unknown name
        raise ValueError(
            f"{name!r} cannot be a console user's name: the audit log uses it for changes "
            "made on the command line. Choose another name."
        )
    if role not in ROLES:
        raise ValueError(f"The role must be one of: {', '.join(ROLES)}.")
    hashed = _hasher.hash(check_password(password))
    with engine.begin() as conn:
        taken = conn.execute(select(USERS.c.id).where(USERS.c.name_key == name_key(name))).first()
        if taken is not None:
            raise ValueError(f"There is already a console user called {name!r}.")
        return int(
            conn.execute(
                insert(USERS)
                .values(
                    name=name,
                    name_key=name_key(name),
                    role=role,
                    password_hash=hashed,
                    created_at=now,
                )
                .returning(USERS.c.id)
            ).scalar_one()
        )


def exists(engine: Engine, name: str) -> bool:
    """True when a console user has this name."""
    with engine.connect() as conn:
        found = conn.execute(select(USERS.c.id).where(USERS.c.name_key == name_key(name))).first()
    return found is not None


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Every console user (no password hashes)."""
    with engine.connect() as conn:
        rows = conn.execute(select(USERS).order_by(USERS.c.name_key)).all()
    return [
        {
            "name": r.name,
            "role": r.role,
            "disabled": r.disabled_at is not None,
            "last_login_at": as_utc(r.last_login_at).isoformat() if r.last_login_at else None,
        }
        for r in rows
    ]


def set_disabled(engine: Engine, name: str, disabled: bool, now: datetime) -> None:
    """Disable (sessions end at once) or re-enable a console user."""
    with engine.begin() as conn:
        user_id = conn.execute(
            select(USERS.c.id).where(USERS.c.name_key == name_key(name))
        ).scalar()
        if user_id is None:
            raise ValueError(
                f"No console user called {name!r} (see `harmony-sync admin list-users`)."
            )
        conn.execute(
            update(USERS).where(USERS.c.id == user_id).values(disabled_at=now if disabled else None)
        )
        if disabled:
            conn.execute(delete(SESSIONS).where(SESSIONS.c.user_id == user_id))


def set_password(engine: Engine, name: str, password: str) -> None:
    """Replace a user's password; their sessions end."""
    hashed = _hasher.hash(check_password(password))
    with engine.begin() as conn:
        user_id = conn.execute(
            select(USERS.c.id).where(USERS.c.name_key == name_key(name))
        ).scalar()
        if user_id is None:
            raise ValueError(
                f"No console user called {name!r} (see `harmony-sync admin list-users`)."
            )
        conn.execute(update(USERS).where(USERS.c.id == user_id).values(password_hash=hashed))
        conn.execute(delete(SESSIONS).where(SESSIONS.c.user_id == user_id))


# -- sign-in ---------------------------------------------------------------------------


class Throttled(Exception):
    """Too many failed sign-ins: wait ``seconds`` before trying again."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"wait {seconds} s")
        self.seconds = seconds


def _throttle_keys(name: str, address: str) -> list[tuple[str, int]]:
    return [
        ("name:" + name_key(name)[:100], FREE_FAILURES),
        ("addr:" + address[:100], FREE_FAILURES_PER_ADDRESS),
    ]


def check_throttle(engine: Engine, name: str, address: str, now: datetime) -> None:
    """Raise :class:`Throttled` while this name or address must wait."""
    keys = [k for k, _ in _throttle_keys(name, address)]
    with engine.connect() as conn:
        rows = conn.execute(select(THROTTLE).where(THROTTLE.c.key.in_(keys))).all()
    waits = [
        as_utc(r.blocked_until) - now
        for r in rows
        if r.blocked_until is not None and as_utc(r.blocked_until) > now
    ]
    if waits:
        raise Throttled(max(1, int(max(waits).total_seconds() + 0.999)))


def _record_failure(engine: Engine, name: str, address: str, now: datetime) -> None:
    with engine.begin() as conn:
        for key, free in _throttle_keys(name, address):
            row = conn.execute(select(THROTTLE).where(THROTTLE.c.key == key)).first()
            failures = (row.failures if row is not None else 0) + 1
            blocked = None
            if failures >= free:
                wait = min(FIRST_WAIT * 2 ** min(failures - free, 20), MAX_WAIT)
                blocked = now + wait
            values = {"failures": failures, "blocked_until": blocked, "updated_at": now}
            if row is None:
                conn.execute(insert(THROTTLE).values(key=key, **values))
            else:
                conn.execute(update(THROTTLE).where(THROTTLE.c.key == key).values(**values))


def sign_in(
    engine: Engine, name: str, password: str, address: str, now: datetime, hours: float
) -> tuple[str, Identity] | None:
    """Check a name and password; return (cookie token, identity), or None when wrong.

    Raises :class:`Throttled` without checking anything while the name or the address
    must wait after too many failures in a row.
    """
    check_throttle(engine, name, address, now)
    with engine.connect() as conn:
        user = conn.execute(select(USERS).where(USERS.c.name_key == name_key(name))).first()
    stored = user.password_hash if user is not None else _DUMMY_HASH
    try:
        ok = _hasher.verify(stored, password) and user is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or user.disabled_at is not None:
        _record_failure(engine, name, address, now)
        return None
    token = secrets.token_urlsafe(32)
    identity = Identity(int(user.id), str(user.name), str(user.role), secrets.token_urlsafe(32))
    with engine.begin() as conn:
        if _hasher.check_needs_rehash(stored):
            conn.execute(
                update(USERS)
                .where(USERS.c.id == user.id)
                .values(password_hash=_hasher.hash(password))
            )
        conn.execute(update(USERS).where(USERS.c.id == user.id).values(last_login_at=now))
        conn.execute(delete(SESSIONS).where(SESSIONS.c.expires_at < now))
        conn.execute(delete(THROTTLE).where(THROTTLE.c.key == _throttle_keys(name, address)[0][0]))
        conn.execute(
            insert(SESSIONS).values(
                token_hash=secret_hash(token),
                user_id=user.id,
                csrf_token=identity.csrf_token,
                created_at=now,
                expires_at=now + timedelta(hours=hours),
            )
        )
    return token, identity


def session_identity(engine: Engine, token: str | None, now: datetime) -> Identity | None:
    """The user of a session cookie, or None (no cookie, unknown, expired or disabled)."""
    if not token or len(token) > 100:
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(SESSIONS.c.expires_at, SESSIONS.c.csrf_token, USERS)
            .join(USERS, USERS.c.id == SESSIONS.c.user_id)
            .where(SESSIONS.c.token_hash == secret_hash(token))
        ).first()
    if row is None or as_utc(row.expires_at) <= now or row.disabled_at is not None:
        return None
    return Identity(int(row.id), str(row.name), str(row.role), str(row.csrf_token))


def sign_out(engine: Engine, token: str | None) -> None:
    """End a session."""
    if token:
        with engine.begin() as conn:
            conn.execute(delete(SESSIONS).where(SESSIONS.c.token_hash == secret_hash(token)))
