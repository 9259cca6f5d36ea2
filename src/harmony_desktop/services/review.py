""" "Needs review": values that lost a merge and changes the server refused.

Nothing is dropped silently by a sync: a losing value that differs from the winner, and a
change the server refused for good, are kept (by ``store.replica``) until someone looks
at them here and keeps one value or dismisses the refusal.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlmodel import Session, col, select

from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _, format_date
from harmony_desktop.domain.names import display_name
from harmony_desktop.services.calendar import Calendar
from harmony_desktop.services.roll import MarkState, RollService, consistent_state
from harmony_desktop.store import ChangeWriter, Store, settings
from harmony_desktop.store.models import (
    SYNCED_MODELS,
    AttendanceCode,
    AttendanceMark,
    ClassSession,
    ClearanceKind,
    Conflict,
    Contact,
    Enrollment,
    Ensemble,
    Hub,
    Staff,
    Student,
    Volunteer,
    VolunteerAssignment,
    VolunteerClearance,
    VolunteerShift,
)
from harmony_desktop.store.queries import live
from harmony_desktop.store.replica import (
    GENESIS,
    ConflictRecord,
    Replica,
    close_conflicts,
    from_wire,
    resolve_conflict,
    row_clocks,
    row_values,
    writer_of,
    written_at,
)
from harmony_desktop.store.today import CodeFlags

#: ``ReviewItem.field_name`` of one child's mark whose fields lost a merge together.
WHOLE_MARK = "*mark*"
#: How the id of such an item begins (its conflicts' ids follow, space-separated).
_MARK_ITEM = "mark:"
#: The fields of a mark a teacher sets (what keeping one side writes).
_STATE_FIELDS = frozenset(f.name for f in fields(MarkState))
#: A student's grade and the programme year it is for: kept together (``_GradeSide``).
_GRADE_FIELDS = ("grade", "grade_year")


@dataclass(frozen=True)
class Writer:
    """The laptop that wrote one side of a review item (the device id that ends the
    value's clock): this laptop, or another one, named when the sync server told this
    laptop its name (``name``; "" when it did not)."""

    this_laptop: bool = False
    name: str = ""


#: The device id of clocks every database starts with (written by no laptop).
_NOBODY = GENESIS[-16:]


class Writers:
    """Who wrote a clock, as seen from this laptop (``device_id``), with the device
    names the sync server gave it."""

    def __init__(self, device_id: str, names: dict[str, str]) -> None:
        self.device_id = device_id
        self.names = names

    def of(self, *clocks: str) -> Writer | None:
        """The writer of the newest of ``clocks``; None when there is none (no clock, or
        a value every database starts with)."""
        node = writer_of(max(clocks, default=""))
        if node is None or node == _NOBODY:
            return None
        if node == self.device_id:
            return Writer(this_laptop=True)
        name = self.names.get(node)
        return Writer(name=name if isinstance(name, str) else "")


@dataclass(frozen=True)
class MarkSides:
    """One child's mark that two laptops recorded differently: the one in use and the
    other one, each whole (code with its times, reason and who collected the child),
    as keeping it would store it."""

    student: str
    ensemble: str
    date: dt.date | None
    current: MarkState
    other: MarkState
    #: attendance code -> (label, Spanish label), for both sides' codes
    labels: dict[str, tuple[str, str]]
    #: the fields that lost the merge
    fields: tuple[str, ...]


@dataclass(frozen=True)
class GradeSides:
    """A student's grade that two laptops changed: each side as a grade with the
    programme year it is for ("" for no grade, or a year not recorded), as keeping it
    would store it."""

    current: tuple[str, str]
    other: tuple[str, str]


@dataclass
class ReviewItem:
    """One entry of "Needs review": a losing value, or a change the server refused."""

    id: str
    kind: str  # "conflict", "rejected" (refused by the server) or "unapplied" (pulled, not applied)
    table: str
    row_id: str
    field_name: str
    losing_value: Any
    winning_value: Any
    what: str  # a human description of the row, e.g. "Student Ana Garcia"
    detected_at: str
    resolved: bool = False
    resolution: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: for one child's mark (``field_name`` :data:`WHOLE_MARK`): both whole marks
    mark: MarkSides | None = None
    #: for a student's grade or its year that lost a merge (one item for both when
    #: they lost together): each side's grade with its year
    grade: GradeSides | None = None
    #: the laptop that wrote the value in use (None: unknown, or a refusal)
    current_by: Writer | None = None
    #: the laptop that wrote the other value (or the refused or unapplied change)
    other_by: Writer | None = None
    #: for a refused or unapplied change: the values this laptop holds of the fields it
    #: changes (wire values, except a staff member's hubs and an ensemble's teacher:
    #: their names; empty when it holds no such row), written by ``current_by``
    in_use: dict[str, Any] = field(default_factory=dict)
    #: the row's hub (None: a row of the whole programme, such as a staff member, a
    #: term or a closure of the whole programme)
    hub_id: str | None = None


class ReviewService:
    """List and resolve the review items of one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def review_items(self, *, include_resolved: bool = False) -> list[ReviewItem]:
        """Conflicts and refused changes, newest first.

        The fields of one attendance mark that lost the same sync's merge are one item
        (:data:`WHOLE_MARK`): the child's mark in use and the other one, each whole."""
        records = Replica(self.store).conflicts(include_resolved=include_resolved)
        groups: dict[tuple[str, str, bool], list[ConflictRecord]] = {}
        for c in records:
            if c.kind == "conflict" and c.table == "attendance_mark":
                groups.setdefault(_group_key(c), []).append(c)
        items: list[ReviewItem] = []
        with self.store.read() as s:
            names = settings.read(s, settings.SYNC_DEVICE_NAMES)
            writers = Writers(self.store.device_id, names if isinstance(names, dict) else {})
            together = _lost_together(records)
            for c in records:
                group = groups.get(_group_key(c)) if c.table == "attendance_mark" else None
                if c.id in together.values():
                    continue  # a grade's year, shown with the grade that lost with it
                if group is None or c.kind != "conflict":
                    item = _field_item(s, c, writers)
                    if _is_grade(c):
                        item.grade = _grade_sides(s, c, records, together.get(c.id))
                    items.append(item)
                elif c is group[0]:
                    mark = _mark_item(s, group, writers)
                    items.extend([mark] if mark else [_field_item(s, g, writers) for g in group])
        return items

    def keep_value(self, item_id: str, keep: str) -> None:
        """Resolve a conflict by keeping ``"losing"`` or ``"winning"`` (or dismiss a refusal).

        Keeping the losing value writes it as a new edit (it syncs like any other). For
        one child's mark, keeping the other side writes that whole mark through the
        register's rules as one change, and resolves every conflict of the item; keeping
        the mark in use writes nothing.
        """
        if keep not in ("losing", "winning"):
            raise ValidationError(_("Choose which value to keep."))
        with self.store.write() as w:
            if not item_id.startswith(_MARK_ITEM):
                grade = _grade_conflicts(w.session, item_id)
                if grade is None:
                    resolve_conflict(w, item_id, keep)
                    return
                if keep == "losing":
                    _restore_other_grade(w, grade)
                close_conflicts(w.session, [c.id for c in grade], keep)
                return
            ids = item_id.removeprefix(_MARK_ITEM).split()
            if keep == "losing":
                self._restore_other_mark(w, ids)
            close_conflicts(w.session, ids, keep)

    def _restore_other_mark(self, w: ChangeWriter, conflict_ids: list[str]) -> None:
        """Write the losing side of one child's mark, whole and consistent."""
        found = [w.session.get(Conflict, i) for i in conflict_ids]
        conflicts = [c for c in found if c is not None]
        if len(conflicts) != len(found):
            raise NotFoundError(_("That review item no longer exists."))
        if all(c.resolved_at is not None for c in conflicts):
            return  # decided already (here, or on another laptop)
        mark = w.session.get(AttendanceMark, conflicts[0].row_id)
        if mark is None:
            raise NotFoundError(_("The record of this conflict no longer exists."))
        losing = {c.field_name: json.loads(c.losing_value) for c in conflicts}
        RollService(self.store).restore_state(
            w, mark.session_id, mark.student_id, _other_side(mark, losing), by=None
        )


def _is_grade(c: ConflictRecord) -> bool:
    """Whether ``c`` is a student's grade, or its year, that lost a merge."""
    return c.kind == "conflict" and c.table == "student" and c.field_name in _GRADE_FIELDS


def _lost_together(records: list[ConflictRecord]) -> dict[str, str]:
    """The grades whose year lost with them (one write: the same losing clock, both
    decided or both not): the grade's conflict id -> the year's."""
    years = {
        (c.row_id, c.losing_clock, c.resolved_at is None): c.id
        for c in records
        if _is_grade(c) and c.field_name == "grade_year"
    }
    found: dict[str, str] = {}
    for c in records:
        if _is_grade(c) and c.field_name == "grade":
            year = years.get((c.row_id, c.losing_clock, c.resolved_at is None))
            if year is not None:
                found[c.id] = year
    return found


def _grade_sides(
    s: Session, c: ConflictRecord, records: list[ConflictRecord], year_id: str | None
) -> GradeSides | None:
    """Both sides of a student's grade that lost a merge, each with its year (None when
    the student is gone)."""
    student = s.get(Student, c.row_id)
    if student is None:
        return None
    losing = {c.field_name: c.losing_value}
    year = next((r for r in records if r.id == year_id), None)
    if year is not None:
        losing["grade_year"] = year.losing_value
    other = grade_side(s, student, losing, c.losing_clock)
    return GradeSides(
        current=(student.grade, student.grade_year),
        other=(other["grade"], other["grade_year"]),
    )


def _grade_conflicts(s: Session, conflict_id: str) -> list[Conflict] | None:
    """For a student's grade (or its year) that lost a merge: that conflict and, first or
    after it, the one of the other field that lost with it (the same write: the same
    losing clock) if there is one; None for any other conflict, or a decided one."""
    conflict = s.get(Conflict, conflict_id)
    if (
        conflict is None
        or conflict.resolved_at is not None
        or conflict.table_name != "student"
        or conflict.field_name not in _GRADE_FIELDS
    ):
        return None
    other = s.exec(
        select(Conflict).where(
            Conflict.table_name == "student",
            Conflict.row_id == conflict.row_id,
            col(Conflict.field_name).in_(_GRADE_FIELDS),
            Conflict.field_name != conflict.field_name,
            Conflict.losing_clock == conflict.losing_clock,
            col(Conflict.resolved_at).is_(None),
        )
    ).first()
    return [conflict] if other is None else [conflict, other]


def grade_side(
    s: Session, student: Student, losing: dict[str, Any], losing_clock: str
) -> dict[str, str]:
    """The grade and its programme year the other laptop wrote, from the values that
    lost (``losing``: "grade", "grade_year" or both, written together at
    ``losing_clock``): a grade keeps its own year, or the student would end up with
    grade 8 marked for the year of grade 7.

    A field that did not lose is worked out: the value held now when it was written no
    later than the one that lost (the other laptop held it too); else, for the year, the
    programme year holding the day the other grade was written (every grade the app
    writes is for the year holding that day: the form, an import, Next grade), "" with
    no grade; else, for the grade, the grade held now."""
    grade = losing.get("grade", student.grade)
    year = losing.get("grade_year")
    clocks = row_clocks(student)
    if "grade" not in losing:
        return {"grade": str(grade), "grade_year": str(year)}
    if year is None:
        held_since = clocks.get("grade_year", "")
        when = written_at(losing_clock)
        if not grade:
            year = ""
        elif held_since <= losing_clock or when is None:
            year = student.grade_year
        else:
            day = when.astimezone().date()
            year = Calendar.load(s, day, day).year_for(day).label
    return {"grade": str(grade), "grade_year": str(year)}


def _restore_other_grade(w: ChangeWriter, conflicts: list[Conflict]) -> None:
    """Write the losing side of a student's grade: the grade with its own year."""
    student = w.session.get(Student, conflicts[0].row_id)
    if student is None:
        raise NotFoundError(_("The record of this conflict no longer exists."))
    losing = {c.field_name: json.loads(c.losing_value) for c in conflicts}
    w.update(student, **grade_side(w.session, student, losing, conflicts[0].losing_clock))


def _group_key(c: ConflictRecord) -> tuple[str, str, bool]:
    """The conflicts of one mark detected in one sync share this."""
    return (c.row_id, c.detected_at, c.resolved_at is not None)


def _field_item(s: Session, c: ConflictRecord, writers: Writers) -> ReviewItem:
    in_use: dict[str, Any] = {}
    if c.kind == "conflict":
        current_by = writers.of(c.winning_clock)
    else:
        in_use, current_by = _held(s, c, writers)
    return ReviewItem(
        id=c.id,
        kind=c.kind,
        table=c.table,
        row_id=c.row_id,
        field_name=c.field_name,
        losing_value=c.losing_value,
        winning_value=c.winning_value,
        what=describe_row(s, c.table, c.row_id),
        detected_at=c.detected_at,
        resolved=c.resolved_at is not None,
        resolution=c.resolution,
        current_by=current_by,
        other_by=writers.of(c.losing_clock),
        in_use=in_use,
        hub_id=c.hub_id,
    )


def _held(s: Session, c: ConflictRecord, writers: Writers) -> tuple[dict[str, Any], Writer | None]:
    """The values this laptop holds of the fields a refused (or unapplied) change sets,
    and the laptop that wrote the newest of them: whom to ask about the record (a shared
    volunteer's record is kept by their home hub's laptops)."""
    changed = c.losing_value
    if isinstance(changed, str):
        try:
            changed = json.loads(changed)
        except ValueError:
            changed = None
    model = SYNCED_MODELS.get(c.table)
    row = s.get(model, c.row_id) if model is not None and isinstance(changed, dict) else None
    if row is None or not isinstance(changed, dict):
        return {}, None
    values, clocks = row_values(row), row_clocks(row)
    names = [name for name in changed if name in values]
    return (
        {name: _readable(s, name, values[name]) for name in names},
        writers.of(*(clocks[name] for name in names if name in clocks)),
    )


def _readable(s: Session, name: str, value: Any) -> Any:
    """A held value as staff know it: a staff member's hubs and an ensemble's teacher by
    name (the ids they hold mean nothing to anyone); any other value as it is."""
    if name == "hubs" and isinstance(value, str):
        try:
            listed = json.loads(value)
        except ValueError:
            return value
        if not isinstance(listed, list):
            return value
        hubs = [s.get(Hub, h) for h in listed if isinstance(h, str)]
        return ", ".join(sorted(h.name for h in hubs if h is not None))
    if name == "teacher_id" and isinstance(value, str):
        teacher = s.get(Staff, value)
        return teacher.name if teacher is not None else value
    return value


def _state_of(mark: AttendanceMark) -> MarkState:
    """The mark state a stored mark holds ("not recorded" once deleted)."""
    if mark.deleted:
        return MarkState()
    return MarkState(**{name: getattr(mark, name) for name in _STATE_FIELDS})


def _other_side(mark: AttendanceMark, losing: dict[str, Any]) -> MarkState:
    """The mark in use with the values that lost (wire values) put back."""
    state = _state_of(mark)
    values = {
        name: from_wire(AttendanceMark, name, value)
        for name, value in losing.items()
        if name in _STATE_FIELDS
    }
    return replace(state, **values)


def _code_rows(s: Session, codes: set[str]) -> dict[str, AttendanceCode]:
    if not codes:
        return {}
    rows = s.exec(
        select(AttendanceCode).where(col(AttendanceCode.code).in_(codes), live(AttendanceCode))
    ).all()
    return {r.code: r for r in rows}


def _mark_item(s: Session, group: list[ConflictRecord], writers: Writers) -> ReviewItem | None:
    """One review item for the conflicts of one mark (None when the mark is gone). The
    mark in use was written by whoever wrote its newest value of the fields that lost;
    the other one by whoever wrote the newest value that lost."""
    first = group[0]
    mark = s.get(AttendanceMark, first.row_id)
    if mark is None:
        return None
    current = _state_of(mark)
    clocks = row_clocks(mark)
    other = _other_side(mark, {c.field_name: c.losing_value for c in group})
    codes = _code_rows(s, {x for x in (current.code, other.code) if x is not None})
    if other.code is None:
        other = consistent_state(other, None)
    elif other.code in codes:
        row = codes[other.code]
        flags = CodeFlags(row.code, row.counts_present, row.tardy, row.early_departure, True)
        other = consistent_state(other, flags)
    session = s.get(ClassSession, mark.session_id)
    ensemble = s.get(Ensemble, session.ensemble_id) if session else None
    sides = MarkSides(
        student=_student_name(s, mark.student_id),
        ensemble=ensemble.name if ensemble else "",
        date=session.date if session else None,
        current=current,
        other=other,
        labels={code: (row.label, row.label_es) for code, row in codes.items()},
        fields=tuple(sorted({c.field_name for c in group})),
    )
    return ReviewItem(
        id=_MARK_ITEM + " ".join(c.id for c in group),
        kind="conflict",
        table=first.table,
        row_id=first.row_id,
        field_name=WHOLE_MARK,
        losing_value=other,
        winning_value=current,
        what=describe_row(s, first.table, first.row_id),
        detected_at=first.detected_at,
        resolved=first.resolved_at is not None,
        resolution=first.resolution,
        mark=sides,
        current_by=writers.of(*(clocks.get(name, "") for name in sides.fields)),
        other_by=writers.of(*(c.losing_clock for c in group)),
    )


def _student_name(s: Session, student_id: str) -> str:
    st = s.get(Student, student_id)
    if st is None:
        return _("unknown student")
    return display_name(st.legal_first_name, st.legal_last_name, st.preferred_name)


def describe_row(s: Session, table: str, row_id: str) -> str:
    """A short description of a synced row for the review panel, in the user's language:
    what it is and whose ("Volunteer Ana Lopez", "Enrollment of Diego Ali in Beginning
    Strings")."""

    def student_name(student_id: str) -> str:
        return _student_name(s, student_id)

    def volunteer_name(volunteer_id: str) -> str:
        v = s.get(Volunteer, volunteer_id)
        if v is None:
            return _("unknown volunteer")
        return display_name(v.first_name, v.last_name, v.preferred_name)

    def ensemble_name(ensemble_id: str | None) -> str:
        ensemble = s.get(Ensemble, ensemble_id) if ensemble_id else None
        return ensemble.name if ensemble is not None else "?"

    if table == "student":
        return _("Student {name}").format(name=student_name(row_id))
    if table == "attendance_mark":
        mark = s.get(AttendanceMark, row_id)
        if mark is None:
            return _("Attendance mark")
        session = s.get(ClassSession, mark.session_id)
        when = format_date(session.date) if session else "?"
        return _("Mark of {name} on {date}").format(name=student_name(mark.student_id), date=when)
    if table == "contact":
        contact = s.get(Contact, row_id)
        if contact is not None:
            return _("Contact {name} of {student}").format(
                name=contact.name, student=student_name(contact.student_id)
            )
    if table == "session":
        session = s.get(ClassSession, row_id)
        if session is not None:
            return _("Session of {ensemble} on {date}").format(
                ensemble=ensemble_name(session.ensemble_id), date=format_date(session.date)
            )
    if table == "volunteer" and s.get(Volunteer, row_id) is not None:
        return _("Volunteer {name}").format(name=volunteer_name(row_id))
    if table == "enrollment":
        enrollment = s.get(Enrollment, row_id)
        if enrollment is not None:
            return _("Enrollment of {student} in {ensemble}").format(
                student=student_name(enrollment.student_id),
                ensemble=ensemble_name(enrollment.ensemble_id),
            )
    if table == "volunteer_shift":
        shift = s.get(VolunteerShift, row_id)
        if shift is not None:
            session = s.get(ClassSession, shift.session_id)
            return _("Shift of {volunteer} on {date}").format(
                volunteer=volunteer_name(shift.volunteer_id),
                date=format_date(session.date) if session else "?",
            )
    if table == "volunteer_clearance":
        clearance = s.get(VolunteerClearance, row_id)
        if clearance is not None:
            kind = s.get(ClearanceKind, clearance.kind_id)
            return _("Clearance {kind} of {volunteer}").format(
                kind=kind.label if kind is not None else "?",
                volunteer=volunteer_name(clearance.volunteer_id),
            )
    if table == "volunteer_assignment":
        assignment = s.get(VolunteerAssignment, row_id)
        if assignment is not None:
            return _("Assignment of {volunteer}").format(
                volunteer=volunteer_name(assignment.volunteer_id)
            )
    model = SYNCED_MODELS.get(table)
    row = s.get(model, row_id) if model else None
    name = ""
    if row is not None:
        name = getattr(row, "name", "") or getattr(row, "label", "") or getattr(row, "title", "")
    noun = _table_noun(table)
    return _("{record} {name}").format(record=noun, name=name) if name else noun


def _table_noun(table: str) -> str:
    """What a row of ``table`` is, in the user's language ("Ensemble", "Conjunto")."""
    nouns = {
        "hub": _("Hub"),
        "staff": _("Staff member"),
        "attendance_code": _("Attendance code"),
        "student": _("Student"),
        "contact": _("Contact"),
        "ensemble": _("Ensemble"),
        "enrollment": _("Enrollment"),
        "enrollment_event": _("Enrollment history"),
        "session": _("Session"),
        "attendance_mark": _("Attendance mark"),
        "student_redirect": _("Merged student"),
        "volunteer": _("Volunteer"),
        "volunteer_assignment": _("Volunteer's assignment"),
        "clearance_kind": _("Kind of clearance"),
        "volunteer_clearance": _("Clearance"),
        "volunteer_shift": _("Volunteer's shift"),
        "session_invitation": _("Invitation"),
        "family_event": _("Family event"),
        "family_attendance": _("Family attendance"),
        "programme_year": _("Programme year"),
        "term": _("Term"),
        "closure": _("Closure"),
    }
    return nouns.get(table) or table.replace("_", " ").capitalize()
