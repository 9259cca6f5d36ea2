"""Constants and pure rules shared by the desktop client and the central server.

The wire format itself is documented in ``sync/PROTOCOL.md``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

#: Bumped when the shape of requests or responses changes incompatibly.
PROTOCOL_VERSION = 1
#: Bumped when the set of synced tables or their fields changes incompatibly.
#: 2: programme set-up (programme_year, term, closure; ensemble.term_start/term_end
#: renamed first_day/last_day, which a version-1 laptop would still send); volunteers,
#: clearances, shifts, masterclass invitations, family events and their attendance; a
#: session's guest artist and audience count.
#: 3: ``staff.archived`` (a staff member who left).
#: 4: ``student.grade_year`` (the programme year a student's grade is for).
SCHEMA_VERSION = 4

#: Synced tables. Every synced row has a string UUID ``id``, a ``hub_id`` (``None`` for
#: programme-wide rows such as attendance codes) and a ``deleted`` tombstone flag.
SYNCED_TABLES: tuple[str, ...] = (
    "hub",
    "staff",
    "attendance_code",
    "student",
    "contact",
    "ensemble",
    "enrollment",
    "enrollment_event",
    "session",
    "attendance_mark",
    "student_redirect",
    "volunteer",
    "volunteer_assignment",
    "clearance_kind",
    "volunteer_clearance",
    "volunteer_shift",
    "session_invitation",
    "family_event",
    "family_attendance",
    "programme_year",
    "term",
    "closure",
)

#: Fields that are row identity or bookkeeping, never merged as data.
IDENTITY_FIELDS = frozenset({"id"})

#: Namespace for the deterministic ids of natural keys (docs/SYNC.md, "Identity").
HARMONY_NAMESPACE = uuid.UUID("7d6f3a52-5f0e-4c8e-9a53-0c6b8e2f1a10")
_NAMESPACE_BYTES = HARMONY_NAMESPACE.bytes
#: RFC 4122's version 5 and variant bits, as ``uuid.UUID(..., version=5)`` sets them
_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_SET = (0x5000 << 64) | (0x8000 << 48)


def _uuid5(name: str) -> str:
    """``str(uuid.uuid5(HARMONY_NAMESPACE, name))``, written without building a UUID
    object (a mark's id is computed for every mark written: 500 for "mark all
    present"); the same SHA-1 and bits, in 40 % of the time. ``tests`` check both agree."""
    digest = hashlib.sha1(_NAMESPACE_BYTES + name.encode()).digest()
    text = f"{int.from_bytes(digest[:16], 'big') & _CLEAR | _SET:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def session_id(ensemble_id: str, on: date, start: time) -> str:
    """Deterministic id of the session of ``ensemble_id`` on ``on`` starting at ``start``."""
    key = f"session:{ensemble_id}:{on.isoformat()}:{start.strftime('%H:%M')}"
    return _uuid5(key)


@functools.lru_cache(maxsize=4096)  # a session's marks are looked up again and again
def attendance_mark_id(session: str, student: str) -> str:
    """Deterministic id of the one attendance mark of ``student`` in ``session``."""
    return _uuid5(f"mark:{session}:{student}")


def attendance_code_id(code: str) -> str:
    """Deterministic id of a programme-wide attendance code such as ``"P"``."""
    return _uuid5(f"code:{code}")


def natural_id(kind: str, *parts: str) -> str:
    """Deterministic id of the one row of ``kind`` for a natural key (``parts``).

    For rows two laptops may create independently for the same thing (a volunteer's TB
    clearance, a volunteer's shift in a session): both write the same row, so they merge.
    """
    return _uuid5(":".join((kind, *parts)))


def programme_year_id(label: str) -> str:
    """Deterministic id of the programme year labelled ``label`` (such as ``"2025-26"``)."""
    return _uuid5(f"year:{label}")


def closure_id(hub_id: str | None, on: date) -> str:
    """Deterministic id of the closure of ``hub_id`` (None: the whole programme) on ``on``."""
    return _uuid5(f"closure:{hub_id or '*'}:{on.isoformat()}")


@dataclass
class MergeResult:
    """Outcome of merging incoming field values into a row's current state."""

    values: dict[str, Any]
    clocks: dict[str, str]
    #: fields whose incoming value won and changed the row
    changed: dict[str, Any] = field(default_factory=dict)
    #: (field, losing value, losing clock, winning value, winning clock) for real conflicts
    losers: list[tuple[str, Any, str, Any, str]] = field(default_factory=list)


def tie_key(value: Any) -> str:
    """The order that breaks a tie between two values written with the same clock.

    An HLC reading names its device, so two different values with one identical clock
    come from one device that reused a reading (a disk image copied to a second laptop,
    a wall clock set back below a restored backup's). Every replica must still keep the
    same value: the one whose canonical JSON sorts last wins.
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _differs(a: Any, b: Any) -> bool:
    """Values differ (``1`` and ``true`` do: JSON tells them apart, Python does not)."""
    return type(a) is not type(b) or a != b


def _device(clock: str) -> str:
    """The device id that ends an HLC reading (``millis-counter-device``)."""
    return clock.rpartition("-")[2]


def merge_fields(
    values: dict[str, Any],
    clocks: dict[str, str],
    incoming: dict[str, Any],
    incoming_clocks: dict[str, str],
    incoming_bases: dict[str, str | None] | None = None,
) -> MergeResult:
    """Merge ``incoming`` into a row, per field, last writer wins by HLC.

    Encoded HLC strings compare by time, then counter, then device id, so string
    comparison is the rule. Identical clocks with equal values mean the same write seen
    twice: nothing changes and nothing is reported. Identical clocks with different
    values are broken by :func:`tie_key`, the same way on the server and on every
    laptop, and the losing value is reported.

    A losing value that differs from the winner is reported in ``losers`` when the two
    writes were concurrent, so no value is ever dropped silently:

    * an incoming write older than the current value was made without seeing it, so it is
      concurrent, unless the same device wrote both: a device's writes are in order (its
      later write had seen its earlier one), which can still arrive second when its
      unsent changes are sent twice (the device enrolled again after it was lost, and
      a computer restored from its backup);
    * an incoming write newer than the current value is concurrent only when its writer had
      not seen the current value, i.e. its ``incoming_bases`` clock (the clock of the value
      it replaced on its own device) is not the current clock. Without bases (a pull of
      already-merged server state) a newer value simply wins.
    """
    merged = dict(values)
    merged_clocks = dict(clocks)
    result = MergeResult(merged, merged_clocks)
    for name, new_value in incoming.items():
        if name in IDENTITY_FIELDS:
            continue
        new_clock = incoming_clocks[name]
        old_clock = merged_clocks.get(name)
        if old_clock is None:
            merged[name] = new_value
            merged_clocks[name] = new_clock
            result.changed[name] = new_value
            continue
        old_value = merged.get(name)
        if new_clock == old_clock:
            old_key, new_key = tie_key(old_value), tie_key(new_value)
            if new_key > old_key:
                merged[name] = new_value
                result.changed[name] = new_value
                result.losers.append((name, old_value, old_clock, new_value, new_clock))
            elif new_key < old_key:
                result.losers.append((name, new_value, new_clock, old_value, old_clock))
        elif new_clock > old_clock:
            merged[name] = new_value
            merged_clocks[name] = new_clock
            result.changed[name] = new_value
            concurrent = incoming_bases is not None and incoming_bases.get(name) != old_clock
            if concurrent and _differs(old_value, new_value):
                result.losers.append((name, old_value, old_clock, new_value, new_clock))
        elif _differs(old_value, new_value) and _device(new_clock) != _device(old_clock):
            result.losers.append((name, new_value, new_clock, old_value, old_clock))
    return result
