"""The synced tables' fields, their types and ranges: one schema for server and client.

The server refuses a pushed value that does not fit its column (a permanent rejection
naming the table, row and field), and a client can check a pulled row with the same
rules before applying it (:func:`row_problems`, :func:`check_row`). Nothing that
passes here can fail to load into the desktop's SQLite tables:
``tests/test_sync_schema.py`` checks that every table, field, type, nullability and
default here matches ``harmony_desktop.store.models`` exactly.

Wire forms (``sync/PROTOCOL.md``, section 1): ``str`` a JSON string, ``int`` a JSON
integer (never ``true``/``false``, never ``1.0``), ``bool`` a JSON boolean (never
``"false"`` or ``0``), ``date`` a string ``YYYY-MM-DD`` naming a real calendar day,
``time`` a string ``HH:MM``, ``HH:MM:SS`` or ``HH:MM:SS.ffffff``. ``id`` and ``hub_id``
travel in the mutation's envelope, not as fields.

Problems never quote the value itself: rows are about children, and problems end up
in logs and on review screens.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["str", "int", "bool", "date", "time"]

#: Longest text of a few kinds of field, in characters.
ID_LENGTH = 36
SHORT = 64
NAME = 200
ADDRESS = 500
EMAIL = 320
TEXT = 10_000
#: A small integer that sorts or ranks rows.
RANK = 1_000_000

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")
#: A row id: a canonical lowercase UUID (what ``str(uuid.UUID(...))`` gives).
_ROW_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: Row ids written one after another (no separator).
_ROW_IDS = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*")


@dataclass(frozen=True)
class Field:
    """One synced field: its type, whether it may be null, its range, its default."""

    kind: Kind
    nullable: bool = False
    #: True when the field has no default: a new row must carry it
    required: bool = False
    #: most characters of a ``str`` field
    max_length: int | None = None
    #: inclusive range of an ``int`` field
    minimum: int | None = None
    maximum: int | None = None
    #: a ``str`` field holding another row's id (a lowercase canonical UUID)
    row_ref: bool = False

    def expected(self) -> str:
        """What a valid value looks like, in words (for rejection reasons)."""
        if self.row_ref:
            what = "a row id (a lowercase UUID)"
        elif self.kind == "str":
            what = f"text of at most {self.max_length:,} characters"
        elif self.kind == "int":
            what = f"a whole number from {self.minimum:,} to {self.maximum:,}"
        elif self.kind == "bool":
            what = "true or false (a JSON boolean)"
        elif self.kind == "date":
            what = "a calendar date (YYYY-MM-DD)"
        else:
            what = "a time of day (HH:MM or HH:MM:SS)"
        return what + (" or null" if self.nullable else "")

    def accepts(self, value: Any) -> bool:
        """True when ``value`` (a decoded JSON scalar) fits this field."""
        return self.check(value)

    @functools.cached_property
    def check(self) -> Callable[[Any], bool]:
        """:meth:`accepts` as one function decided once per field: a laptop checks every
        value of a first sync (hundreds of thousands of rows) with it."""
        nullable = self.nullable
        if self.kind == "bool":
            return lambda v: v is True or v is False or (v is None and nullable)
        if self.kind == "int":
            low, high = self.minimum, self.maximum
            if low is None or high is None:
                return lambda v: v is None and nullable
            return lambda v: (
                (type(v) is int and low <= v <= high)
                or (v is None and nullable)
                or (isinstance(v, int) and not isinstance(v, bool) and low <= v <= high)
            )
        if self.kind in ("date", "time"):
            pattern, parse = (
                (_DATE, dt.date.fromisoformat)
                if self.kind == "date"
                else (_TIME, dt.time.fromisoformat)
            )

            def moment(v: Any) -> bool:
                if v is None:
                    return nullable
                return (
                    isinstance(v, str)
                    and _plain_text(v)
                    and bool(pattern.match(v))
                    and _parses(parse, v)
                )

            return moment
        if self.row_ref:
            return lambda v: (
                (v is None and nullable)
                or (isinstance(v, str) and _ROW_ID.fullmatch(v) is not None)
            )
        longest = self.max_length
        if longest is None:
            return lambda v: v is None and nullable
        return lambda v: (
            (v is None and nullable)
            or (isinstance(v, str) and len(v) <= longest and _plain_text(v))
        )

    def check_all(self, values: Sequence[Any]) -> bool:
        """True when :meth:`check` accepts every one of ``values``, decided for the whole
        column at once (C-level passes over it, not a call per value): a first sync
        checks 150,000 marks' fields. False means *some value may not fit*: check each.

        It never says True where :meth:`check` would refuse a value; it may say False
        where each value fits (an ``int`` subclass, a row id in capitals), as the
        caller then checks each value.
        """
        types = set(map(type, values))
        if type(None) in types:
            if not self.nullable:
                return False
            types.discard(type(None))
            present = [v for v in values if v is not None]
        else:
            present = list(values)
        if not types:
            return True
        if self.kind == "bool":
            return types == {bool}
        if self.kind == "int":
            low, high = self.minimum, self.maximum
            return (
                types == {int}
                and low is not None
                and high is not None
                and low <= min(present)
                and max(present) <= high
            )
        if types != {str}:
            return False
        if self.kind in ("date", "time"):
            return all(self.check(v) for v in set(present))  # a column repeats its days
        if self.row_ref:
            # every value 36 characters long, so the pattern repeated over their
            # concatenation matches each one in its own place
            return set(map(len, present)) == {ID_LENGTH} and bool(
                _ROW_IDS.fullmatch("".join(present))
            )
        longest = self.max_length
        return (
            longest is not None
            and max(map(len, present)) <= longest
            # a NUL or a lone surrogate in any value is one in their concatenation
            and _plain_text("".join(present))
        )


def _plain_text(value: str) -> bool:
    """No NUL (PostgreSQL text cannot hold it) and no lone surrogates (not UTF-8)."""
    if "\x00" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def text(max_length: int, *, nullable: bool = False, required: bool = False) -> Field:
    """A text field."""
    return Field("str", nullable=nullable, required=required, max_length=max_length)


def ref(*, nullable: bool = False, required: bool = True) -> Field:
    """A field holding another row's id."""
    return Field("str", nullable=nullable, required=required, max_length=ID_LENGTH, row_ref=True)


def number(minimum: int, maximum: int) -> Field:
    """A whole-number field with a default."""
    return Field("int", minimum=minimum, maximum=maximum)


FLAG = Field("bool")
OPTIONAL_DATE = Field("date", nullable=True)
DELETED = FLAG

#: Every synced table's fields (``id`` and ``hub_id`` are the envelope's).
TABLES: dict[str, dict[str, Field]] = {
    "hub": {
        "deleted": DELETED,
        "name": text(NAME, required=True),
        "address": text(ADDRESS),
        "partner": text(NAME),
        "partner_kind": text(SHORT),
        "timezone": text(SHORT),
    },
    "staff": {
        "deleted": DELETED,
        "name": text(NAME, required=True),
        "role": text(SHORT),
        "email": text(EMAIL),
        "phone": text(SHORT),
        "hubs": text(TEXT),
        "archived": FLAG,
    },
    "attendance_code": {
        "deleted": DELETED,
        "code": text(SHORT, required=True),
        "label": text(NAME, required=True),
        "counts_present": FLAG,
        "tardy": FLAG,
        "early_departure": FLAG,
        "excused": FLAG,
        "sort_order": number(-RANK, RANK),
        "active": FLAG,
        "label_es": text(NAME),
    },
    "student": {
        "deleted": DELETED,
        "legal_first_name": text(NAME, required=True),
        "legal_last_name": text(NAME, required=True),
        "preferred_name": text(NAME),
        "date_of_birth": OPTIONAL_DATE,
        "grade": text(SHORT),
        "grade_year": text(SHORT),
        "school": text(NAME),
        "district_student_id": text(SHORT),
        "statewide_student_id": text(SHORT),
        "home_language": text(SHORT),
        "guardian_language": text(SHORT),
        "instrument": text(SHORT),
        "level": text(SHORT),
        "medical_notes": text(TEXT),
        "allergy_notes": text(TEXT),
        "photo_consent": FLAG,
        "may_walk_home": FLAG,
        "status": text(SHORT),
        "notes": text(TEXT),
    },
    "contact": {
        "deleted": DELETED,
        "student_id": ref(),
        "name": text(NAME, required=True),
        "relationship": text(SHORT),
        "phone": text(SHORT),
        "phone_alt": text(SHORT),
        "email": text(EMAIL),
        "language": text(SHORT),
        "priority": number(-RANK, RANK),
        "is_guardian": FLAG,
        "is_emergency": FLAG,
        "authorized_pickup": FLAG,
        "custody_restriction": text(TEXT),
    },
    "ensemble": {
        "deleted": DELETED,
        "name": text(NAME, required=True),
        "level": text(SHORT),
        "instrument_family": text(SHORT),
        "schedule": text(TEXT),
        "capacity": number(0, 100_000),
        "teacher_id": ref(nullable=True, required=False),
        "first_day": OPTIONAL_DATE,
        "last_day": OPTIONAL_DATE,
        "location": text(NAME),
        "grade_min": text(SHORT),
        "grade_max": text(SHORT),
        "follows_terms": FLAG,
        "archived": FLAG,
    },
    "enrollment": {
        "deleted": DELETED,
        "student_id": ref(),
        "ensemble_id": ref(),
        "status": text(SHORT),
        "applied_on": OPTIONAL_DATE,
        "waitlisted_on": OPTIONAL_DATE,
        "waitlist_priority": number(-RANK, RANK),
        "enrolled_on": OPTIONAL_DATE,
        "ended_on": OPTIONAL_DATE,
        "end_reason": text(TEXT),
    },
    "enrollment_event": {
        "deleted": DELETED,
        "enrollment_id": ref(),
        "status": text(SHORT, required=True),
        "on": Field("date", required=True),
        "reason": text(TEXT),
        "recorded_by": text(NAME, nullable=True),
    },
    "session": {
        "deleted": DELETED,
        "ensemble_id": ref(),
        "date": Field("date", required=True),
        "start": Field("time", required=True),
        "end": Field("time", required=True),
        "status": text(SHORT),
        "kind": text(SHORT),
        "title": text(NAME),
        "on_site": FLAG,
        "location": text(NAME),
        "cancel_reason": text(TEXT),
        "guest_artist": text(NAME),
        "audience_count": Field("int", nullable=True, minimum=0, maximum=RANK),
    },
    "attendance_mark": {
        "deleted": DELETED,
        "session_id": ref(),
        "student_id": ref(),
        "code": text(SHORT, nullable=True),
        "arrival_time": Field("time", nullable=True),
        "departure_time": Field("time", nullable=True),
        "reason": text(TEXT),
        "note": text(TEXT),
        "recorded_by": text(NAME, nullable=True),
        "recorded_at": text(SHORT),
        "collected_by": text(NAME),
        "collected_at": Field("time", nullable=True),
        "walked_home": FLAG,
        "pickup_confirmed_by": text(NAME, nullable=True),
    },
    "student_redirect": {
        "deleted": DELETED,
        "target_id": ref(),
    },
    "volunteer": {
        "deleted": DELETED,
        "first_name": text(NAME, required=True),
        "last_name": text(NAME, required=True),
        "preferred_name": text(NAME),
        "email": text(EMAIL),
        "phone": text(SHORT),
        "address": text(ADDRESS),
        "organisation": text(NAME),
        "skills": text(TEXT),
        "instruments": text(TEXT),
        "role": text(SHORT),
        "status": text(SHORT),
        "notes": text(TEXT),
    },
    "volunteer_assignment": {
        "deleted": DELETED,
        "volunteer_id": ref(),
        "ensemble_id": ref(nullable=True, required=False),
    },
    "clearance_kind": {
        "deleted": DELETED,
        "code": text(SHORT, required=True),
        "label": text(NAME, required=True),
        "validity_months": number(0, 1_200),
        "required": FLAG,
        "sort_order": number(-RANK, RANK),
        "active": FLAG,
    },
    "volunteer_clearance": {
        "deleted": DELETED,
        "volunteer_id": ref(),
        "kind_id": ref(),
        "done_on": OPTIONAL_DATE,
        "expires_on": OPTIONAL_DATE,
        "note": text(TEXT),
    },
    "volunteer_shift": {
        "deleted": DELETED,
        "session_id": ref(),
        "volunteer_id": ref(),
        "status": text(SHORT),
        "sign_in": Field("time", nullable=True),
        "sign_out": Field("time", nullable=True),
        "confirmed_by": text(NAME, nullable=True),
        "confirmed_at": text(SHORT),
        "confirmation_note": text(TEXT),
        "recorded_by": text(NAME, nullable=True),
        "recorded_at": text(SHORT),
    },
    "session_invitation": {
        "deleted": DELETED,
        "session_id": ref(),
        "ensemble_id": ref(nullable=True, required=False),
        "invited_hub_id": ref(nullable=True, required=False),
    },
    "family_event": {
        "deleted": DELETED,
        "title": text(NAME, required=True),
        "kind": text(SHORT),
        "date": Field("date", required=True),
        "start": Field("time", required=True),
        "end": Field("time", required=True),
        "location": text(NAME),
        "notes": text(TEXT),
    },
    "family_attendance": {
        "deleted": DELETED,
        "event_id": ref(),
        "contact_id": ref(nullable=True, required=False),
        "student_id": ref(nullable=True, required=False),
        "adult_key": text(ID_LENGTH, required=True),
        "name": text(NAME),
        "relationship": text(SHORT),
        "attended": FLAG,
        "recorded_by": text(NAME, nullable=True),
        "recorded_at": text(SHORT),
    },
    "programme_year": {
        "deleted": DELETED,
        "label": text(SHORT, required=True),
        "first_day": Field("date", required=True),
        "last_day": Field("date", required=True),
    },
    "term": {
        "deleted": DELETED,
        "year_label": text(SHORT, required=True),
        "name": text(NAME, required=True),
        "first_day": Field("date", required=True),
        "last_day": Field("date", required=True),
    },
    "closure": {
        "deleted": DELETED,
        "date": Field("date", required=True),
        "reason": text(NAME),
    },
}

#: Rows whose hub is their parent's: (field naming the parent, parent's table). A mark's
#: id is derived from its session's, so it could be guessed; its hub must be the
#: session's, or a device of another hub could create the mark first.
HUB_FROM_PARENT: dict[str, tuple[str, str]] = {
    "attendance_mark": ("session_id", "session"),
    "volunteer_shift": ("session_id", "session"),
    "session_invitation": ("session_id", "session"),
    "family_attendance": ("event_id", "family_event"),
    "volunteer_clearance": ("volunteer_id", "volunteer"),
}


@dataclass(frozen=True)
class Sharing:
    """How the rows of one table are shared with hubs other than their own.

    Rows that belong together (a volunteer, their clearances and their assignments) form
    a *family* named by its root row (the volunteer). The family is visible to the
    root's own hub and to the hub of every live row of a ``grants`` table (a volunteer
    assigned to hub A: the assignment's hub is A). Sharing never lets a device write a
    row of another hub: every row keeps its one ``hub_id``, checked as always.
    """

    #: the table of the family's root row
    root: str
    #: the field naming the root row (``"id"``: this row is the root)
    via: str
    #: a live row of this table shares its family with the row's own hub
    grants: bool = False

    @property
    def is_root(self) -> bool:
        """True for the root table of a family."""
        return self.via == "id"


#: Tables whose rows are shared beyond their own hub (PROTOCOL.md, "Shared rows").
SHARED: dict[str, Sharing] = {
    "volunteer": Sharing("volunteer", "id", grants=True),
    "volunteer_clearance": Sharing("volunteer", "volunteer_id"),
    "volunteer_assignment": Sharing("volunteer", "volunteer_id", grants=True),
}


@dataclass(frozen=True)
class FieldProblem:
    """One field of one row that does not fit the schema."""

    table: str
    field: str
    #: what is wrong, without quoting the value
    problem: str

    def message(self, row_id: str | None = None) -> str:
        """A sentence naming the table, the row (when known) and the field."""
        row = f" row {row_id}" if row_id else ""
        return f"{self.table}{row}, field {self.field!r}: {self.problem}."


class InvalidRow(ValueError):
    """A row's values do not fit the schema; ``problems`` says which fields and why."""

    def __init__(self, problems: list[FieldProblem], row_id: str | None = None) -> None:
        super().__init__(" ".join(p.message(row_id) for p in problems))
        self.problems = problems
        self.row_id = row_id


def _describe(value: Any) -> str:
    """The JSON type of a value (never the value: it may be a child's data)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return f"text of {len(value):,} characters"
    return "a " + type(value).__name__


def field_problem(table: str, name: str, value: Any) -> FieldProblem | None:
    """Why ``value`` does not fit ``table.name``, or None when it does."""
    fields = TABLES.get(table)
    if fields is None:
        return FieldProblem(table, name, "the table is not synced")
    spec = fields.get(name)
    if spec is None:
        return FieldProblem(table, name, "the table has no such field")
    if spec.accepts(value):
        return None
    return FieldProblem(table, name, f"must be {spec.expected()}, not {_describe(value)}")


def row_problems(
    table: str, values: dict[str, Any], *, complete: bool = False
) -> list[FieldProblem]:
    """Every field of ``values`` that does not fit ``table``'s schema.

    ``complete=True`` also reports the required fields that are missing (for a row
    about to be inserted whole, such as a pulled row new to a laptop). A mutation may
    carry any subset of fields, so the server checks with ``complete=False``.
    """
    fields = TABLES.get(table)
    if fields is None:
        return [FieldProblem(table, "*", "the table is not synced")]
    problems = []
    for name, value in values.items():
        spec = fields.get(name)
        if spec is None or not spec.check(value):  # the common case costs one call
            problem = field_problem(table, name, value)
            if problem is not None:
                problems.append(problem)
    if complete:
        problems.extend(
            FieldProblem(table, name, "is required and missing")
            for name, spec in fields.items()
            if spec.required and name not in values
        )
    return problems


def check_row(
    table: str, values: dict[str, Any], *, row_id: str | None = None, complete: bool = False
) -> None:
    """Raise :class:`InvalidRow` when any field of ``values`` does not fit the schema."""
    problems = row_problems(table, values, complete=complete)
    if problems:
        raise InvalidRow(problems, row_id)
