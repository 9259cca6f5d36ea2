"""Local settings: the facts one database keeps about itself, declared once with a type.

Every key of the ``local_meta`` table is declared here, with its type and default (as
Picard declares its options), and read or written only through these declarations:
:meth:`Settings.get` / :meth:`Settings.set` on an open store, or :func:`read` /
:func:`write` inside a transaction. Local settings are never synced.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from harmony_desktop.domain.i18n import LANGUAGES

if TYPE_CHECKING:
    from sqlmodel import Session

    from harmony_desktop.store.db import Store

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One named, typed local setting; ``default`` is what an absent key reads as."""

    key: str
    default: T

    def decode(self, text: str) -> T:
        """The stored text as a value."""
        raise NotImplementedError

    def encode(self, value: T) -> str:
        """A value as the stored text."""
        raise NotImplementedError


@dataclass(frozen=True)
class TextSetting(Setting[str]):
    """A string."""

    default: str = ""

    def decode(self, text: str) -> str:
        """As stored."""
        return text

    def encode(self, value: str) -> str:
        """As given."""
        return value


@dataclass(frozen=True)
class OptionalTextSetting(Setting[str | None]):
    """A string that may be unset (None)."""

    default: str | None = None

    def decode(self, text: str) -> str | None:
        """As stored."""
        return text

    def encode(self, value: str | None) -> str:
        """As given; None cannot be stored (leave the key unset instead)."""
        if value is None:
            raise ValueError(f"setting {self.key} cannot store None")
        return value


@dataclass(frozen=True)
class IntSetting(Setting[int]):
    """A whole number."""

    default: int = 0

    def decode(self, text: str) -> int:
        """Parsed as an integer (an empty text is the default)."""
        return int(text) if text else self.default

    def encode(self, value: int) -> str:
        """Decimal digits."""
        return str(int(value))


@dataclass(frozen=True)
class FlagSetting(Setting[bool]):
    """A yes/no fact, stored as ``"1"`` or ``"0"``."""

    default: bool = False

    def decode(self, text: str) -> bool:
        """True for ``"1"``."""
        return text == "1"

    def encode(self, value: bool) -> str:
        """``"1"`` or ``"0"``."""
        return "1" if value else "0"


@dataclass(frozen=True)
class TimeSetting(Setting[dt.datetime | None]):
    """A moment, stored as ISO 8601 (UTC)."""

    default: dt.datetime | None = None

    def decode(self, text: str) -> dt.datetime | None:
        """Parsed ISO 8601 (an empty text is unset)."""
        return dt.datetime.fromisoformat(text) if text else None

    def encode(self, value: dt.datetime | None) -> str:
        """ISO 8601 to the second."""
        return value.isoformat(timespec="seconds") if value is not None else ""


@dataclass(frozen=True)
class JsonSetting(Setting[Any]):
    """A JSON document (a list or an object)."""

    default: Any = None

    def decode(self, text: str) -> Any:
        """Parsed JSON."""
        return json.loads(text) if text else self.default

    def encode(self, value: Any) -> str:
        """Compact JSON."""
        return json.dumps(value)


@dataclass(frozen=True)
class ChoiceSetting(Setting[str | None]):
    """One of a fixed set of codes, or unset (None); a stored code no longer among the
    choices reads as unset."""

    default: str | None = None
    choices: tuple[str, ...] = ()

    def decode(self, text: str) -> str | None:
        """The stored code, if it is still a choice."""
        return text if text in self.choices else None

    def encode(self, value: str | None) -> str:
        """The code; anything else is refused."""
        if value not in self.choices:
            raise ValueError(f"setting {self.key} is one of {self.choices}, not {value!r}")
        return str(value)


# -- every local setting ----------------------------------------------------------------

#: This database's device id: 16 hex digits, the node of its hybrid logical clock.
DEVICE_ID = TextSetting("device_id")
#: The last reading of this device's hybrid logical clock (read and written only by
#: ``store.replica``, in the transaction of each change).
CLOCK = TextSetting("hlc")
#: The programme's name on printed headers, as typed on this laptop (first start, or the
#: Programme window); the sync server's name (:data:`SYNC_PROGRAMME_NAME`) wins over it.
PROGRAMME_NAME = TextSetting("programme_name", "Harmony Project")
#: The longest programme name (the sync server's limit too).
MAX_PROGRAMME_NAME = 100
#: The language of the window and the command line ("en", "es"); unset: the system's.
LANGUAGE = ChoiceSetting("ui.language", None, choices=tuple(LANGUAGES))
#: The demo runs written into this database: [{hub_id, seed, today, version}].
DEMO_RUNS = JsonSetting("demo", [])

#: The register flags students with at least this many unexcused absences in a row.
ABSENCE_ALERT_THRESHOLD = IntSetting("register.absence_alert_threshold", 3)

#: The sync server this laptop is enrolled with.
SYNC_SERVER = OptionalTextSetting("sync.server_url")
#: The server epoch this laptop last synced in (a restored server starts a new one).
SYNC_EPOCH = OptionalTextSetting("sync.epoch")
#: The server change sequence up to which every pulled row is applied.
SYNC_CURSOR = IntSetting("sync.cursor", 0)
SYNC_LAST_SUCCESS = TimeSetting("sync.last_success")
SYNC_LAST_ATTEMPT = TimeSetting("sync.last_attempt")
#: The message of the last failed sync ("" after a success).
SYNC_LAST_ERROR = TextSetting("sync.last_error")
#: Counts of the last successful sync (a SyncReport as JSON).
SYNC_LAST_REPORT = JsonSetting("sync.last_report", {})
#: The sync server's clock and this computer's the last time a sync compared them, agreed
#: or not: {"server_ms": …, "here_ms": …} (milliseconds since the epoch). The one moment
#: a clock outside this computer vouched for: what says this computer's clock is ahead.
SYNC_CLOCK_SEEN = JsonSetting("sync.clock_seen", {})
#: Whether the server enrolled this laptop as a data manager (programme-wide writes).
SYNC_DATA_MANAGER = FlagSetting("sync.data_manager", False)
#: Server conflict ids reviewed here whose resolution is not yet sent.
SYNC_RESOLVE_PENDING = JsonSetting("sync.resolve_pending", [])
#: This database was restored from a backup: pull this device's own changes back too
#: (the server leaves them out otherwise) until a pull completes.
SYNC_PULL_OWN = FlagSetting("sync.pull_own_rows", False)
#: The names the sync server gave the devices this laptop hears from: {device id: name}
#: (a clock ends with its writer's device id; "Needs review" says who wrote a value).
SYNC_DEVICE_NAMES = JsonSetting("sync.device_names", {})
#: The programme's name the sync server gave at the last sync (PROTOCOL.md, section 5);
#: unset while the server has none (or is older), and this laptop prints its own.
SYNC_PROGRAMME_NAME = OptionalTextSetting("sync.programme_name")

#: The hub the window shows (File ▸ Switch hub); unset: the first hub by name.
CURRENT_HUB = OptionalTextSetting("ui.hub")
#: The register's volunteers folded to their one-line summary on this laptop (the
#: "Hide" button beside them), so the roll shows more rows.
REGISTER_VOLUNTEERS_HIDDEN = FlagSetting("register.volunteers_hidden", False)

#: Every declared setting (per-hub settings are made by their functions below).
ALL: tuple[Setting[Any], ...] = (
    DEVICE_ID,
    CLOCK,
    PROGRAMME_NAME,
    LANGUAGE,
    DEMO_RUNS,
    ABSENCE_ALERT_THRESHOLD,
    SYNC_SERVER,
    SYNC_EPOCH,
    SYNC_CURSOR,
    SYNC_LAST_SUCCESS,
    SYNC_LAST_ATTEMPT,
    SYNC_LAST_ERROR,
    SYNC_LAST_REPORT,
    SYNC_DATA_MANAGER,
    SYNC_RESOLVE_PENDING,
    SYNC_PULL_OWN,
    SYNC_DEVICE_NAMES,
    SYNC_PROGRAMME_NAME,
    CURRENT_HUB,
    REGISTER_VOLUNTEERS_HIDDEN,
)


def register_staff(hub_id: str) -> OptionalTextSetting:
    """Who last took roll on this laptop at ``hub_id`` (a staff id)."""
    return OptionalTextSetting(f"register.staff.{hub_id}")


# -- access ------------------------------------------------------------------------------

#: Fixed SQL of one setting (the replica runs it on the driver connection for the clock,
#: which is read and written by every change).
READ_SQL = "SELECT value FROM local_meta WHERE key = ?"
WRITE_SQL = (
    "INSERT INTO local_meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_DELETE_SQL = "DELETE FROM local_meta WHERE key = ?"


def read_text(session: Session, key: str) -> str | None:
    """The stored text of ``key`` inside the session's transaction (None if unset)."""
    row = session.connection().exec_driver_sql(READ_SQL, (key,)).first()
    return None if row is None else str(row[0])


def write_text(session: Session, key: str, text: str) -> None:
    """Store ``text`` under ``key`` in the session's transaction."""
    session.connection().exec_driver_sql(WRITE_SQL, (key, text))


def read(session: Session, setting: Setting[T]) -> T:
    """``setting``'s value inside the session's transaction."""
    text = read_text(session, setting.key)
    return setting.default if text is None else setting.decode(text)


def write(session: Session, setting: Setting[T], value: T) -> None:
    """Set ``setting`` inside the session's transaction."""
    write_text(session, setting.key, setting.encode(value))


def clear(session: Session, setting: Setting[Any]) -> None:
    """Unset ``setting`` (it reads as its default again)."""
    session.connection().exec_driver_sql(_DELETE_SQL, (setting.key,))


def read_many(session: Session, wanted: Iterable[Setting[Any]]) -> dict[str, Any]:
    """Several settings in one query, by key."""
    wanted = list(wanted)
    keys = [s.key for s in wanted]
    marks = ", ".join("?" for _ in keys)
    stored: dict[str, str] = dict(
        session.connection()
        .exec_driver_sql(f"SELECT key, value FROM local_meta WHERE key IN ({marks})", tuple(keys))
        .all()
    )
    return {s.key: s.decode(stored[s.key]) if s.key in stored else s.default for s in wanted}


class Settings:
    """Typed access to one open store's local settings, each call its own transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, setting: Setting[T]) -> T:
        """The current value of ``setting``."""
        with self._store.read() as s:
            return read(s, setting)

    def set(self, setting: Setting[T], value: T) -> None:
        """Change ``setting`` (committed at once)."""
        with self._store.raw_write() as s:
            write(s, setting, value)

    def get_many(self, wanted: Iterable[Setting[Any]]) -> dict[str, Any]:
        """Several settings read in one transaction, by key."""
        with self._store.read() as s:
            return read_many(s, wanted)
