"""Duplicate students: found after a sync, merged on review, redirected everywhere.

Two laptops offline may each enrol the same child. After a sync both records are on
every laptop. :func:`find_duplicates` pairs students of one hub with the same legal name
(ignoring case and spaces), the same date of birth and a guardian phone in common.

Merging (:func:`merge_students`) keeps the older record (by the clock of its creation,
so every laptop would choose the same one) and, in one transaction:

* moves every contact and enrollment of the other record to it;
* moves every attendance mark to the kept student's deterministic mark id
  (``uuid5(session, student)``); when both records have a mark for the same session
  the one whose code was written later (by HLC) wins, the other is kept in the
  tombstone;
* tombstones the merged-away student and writes a :class:`StudentRedirect` row
  ``old id → kept id``, which syncs.

Every laptop applies redirects after each sync (:func:`apply_redirects`): rows that
still point at the old id (for example a mark taken offline on a third laptop before it
heard of the merge) are moved the same way, so the old id ends up referenced nowhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import col, select

from harmony_desktop.domain.errors import NotFoundError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.roster import normalise_phone
from harmony_desktop.store import Store
from harmony_desktop.store.models import (
    AttendanceMark,
    Contact,
    Enrollment,
    Student,
    StudentRedirect,
)
from harmony_desktop.store.queries import live
from harmony_desktop.store.replica import ChangeWriter, attendance_mark_id, row_clocks

#: Mark fields copied when a mark moves to the kept student.
_MARK_FIELDS = (
    "code",
    "arrival_time",
    "departure_time",
    "reason",
    "note",
    "recorded_by",
    "recorded_at",
)


@dataclass
class DuplicatePair:
    """Two student records that look like the same child."""

    keep_id: str
    drop_id: str
    hub_id: str | None
    name: str
    date_of_birth: dt.date | None
    shared_phone: str
    #: enrollments and marks of each record, to show on review
    keep_counts: tuple[int, int] = (0, 0)
    drop_counts: tuple[int, int] = (0, 0)


@dataclass
class MergeOutcome:
    """What a merge moved."""

    contacts: int = 0
    enrollments: int = 0
    marks: int = 0
    clashes: int = 0
    details: dict[str, Any] = field(default_factory=dict)


def _created(student: Student) -> str:
    clocks = row_clocks(student)
    return min(clocks.values()) if clocks else ""


def _key(st: Student) -> tuple[str | None, str, str, dt.date | None]:
    return (
        st.hub_id,
        " ".join(st.legal_first_name.split()).casefold(),
        " ".join(st.legal_last_name.split()).casefold(),
        st.date_of_birth,
    )


def find_duplicates(store: Store, hub_id: str | None = None) -> list[DuplicatePair]:
    """Pairs of live students with the same name, date of birth and a guardian phone."""
    with store.read() as s:
        redirected = set(s.exec(select(StudentRedirect.id)).all())
        query = select(Student).where(live(Student))
        if hub_id is not None:
            query = query.where(Student.hub_id == hub_id)
        groups: dict[tuple[Any, ...], list[Student]] = {}
        for st in s.exec(query):
            if st.id in redirected or st.date_of_birth is None:
                continue
            groups.setdefault(_key(st), []).append(st)
        candidates = [g for g in groups.values() if len(g) > 1]
        if not candidates:
            return []
        ids = [st.id for g in candidates for st in g]
        phones: dict[str, set[str]] = {}
        for contact in s.exec(
            select(Contact).where(
                col(Contact.student_id).in_(ids),
                live(Contact),
            )
        ):
            for phone in (contact.phone, contact.phone_alt):
                if normalise_phone(phone):
                    phones.setdefault(contact.student_id, set()).add(normalise_phone(phone))
        pairs: list[DuplicatePair] = []
        for group in candidates:
            group.sort(key=lambda st: (_created(st), st.id))
            keep = group[0]
            for other in group[1:]:
                shared = phones.get(keep.id, set()) & phones.get(other.id, set())
                if not shared:
                    continue
                pairs.append(
                    DuplicatePair(
                        keep_id=keep.id,
                        drop_id=other.id,
                        hub_id=keep.hub_id,
                        name=f"{keep.legal_first_name} {keep.legal_last_name}",
                        date_of_birth=keep.date_of_birth,
                        shared_phone=sorted(shared)[0],
                        keep_counts=_counts(s, keep.id),
                        drop_counts=_counts(s, other.id),
                    )
                )
    return pairs


def _counts(s: Any, student_id: str) -> tuple[int, int]:
    enrollments = len(
        s.exec(
            select(Enrollment.id).where(Enrollment.student_id == student_id, live(Enrollment))
        ).all()
    )
    marks = len(
        s.exec(
            select(AttendanceMark.id).where(
                AttendanceMark.student_id == student_id,
                live(AttendanceMark),
            )
        ).all()
    )
    return enrollments, marks


def merge_students(store: Store, keep_id: str, drop_id: str) -> MergeOutcome:
    """Merge ``drop_id`` into ``keep_id`` (see the module docstring); one transaction."""
    if keep_id == drop_id:
        raise ValidationError(_("A student cannot be merged with itself."))
    with store.write() as w:
        keep = w.get(Student, keep_id)
        drop = w.session.get(Student, drop_id)
        if drop is None:
            raise NotFoundError(_("The duplicate student no longer exists."))
        if keep.hub_id != drop.hub_id:
            raise ValidationError(_("Only students of the same hub can be merged."))
        outcome = _move_everything(w, drop_id, keep_id)
        if not drop.deleted:
            w.delete(drop)
        existing = w.session.get(StudentRedirect, drop_id)
        if existing is None:
            w.insert(StudentRedirect(id=drop_id, hub_id=drop.hub_id, target_id=keep_id))
        elif existing.target_id != keep_id or existing.deleted:
            w.update(existing, target_id=keep_id, deleted=False)
    return outcome


def _move_everything(w: ChangeWriter, drop_id: str, keep_id: str) -> MergeOutcome:
    outcome = MergeOutcome()
    s = w.session
    for contact in s.exec(
        select(Contact).where(Contact.student_id == drop_id, live(Contact))
    ).all():
        w.update(contact, student_id=keep_id)
        outcome.contacts += 1
    for enrollment in s.exec(
        select(Enrollment).where(Enrollment.student_id == drop_id, live(Enrollment))
    ).all():
        w.update(enrollment, student_id=keep_id)
        outcome.enrollments += 1
    for mark in s.exec(
        select(AttendanceMark).where(AttendanceMark.student_id == drop_id, live(AttendanceMark))
    ).all():
        target_id = attendance_mark_id(mark.session_id, keep_id)
        target = s.get(AttendanceMark, target_id)
        fields = {name: getattr(mark, name) for name in _MARK_FIELDS}
        if target is None or target.deleted:
            w.upsert(
                AttendanceMark,
                target_id,
                hub_id=mark.hub_id,
                session_id=mark.session_id,
                student_id=keep_id,
                **fields,
            )
        else:
            outcome.clashes += 1
            mine = row_clocks(mark).get("code", "")
            theirs = row_clocks(target).get("code", "")
            if mine > theirs:  # the later write of the code wins (HLC order)
                w.update(target, **fields)
        w.delete(mark)
        outcome.marks += 1
    return outcome


def redirect_targets(store: Store) -> dict[str, str]:
    """Old student id → final kept id, following chains of merges."""
    with store.read() as s:
        raw = {
            r.id: r.target_id for r in s.exec(select(StudentRedirect).where(live(StudentRedirect)))
        }
    final: dict[str, str] = {}
    for old in raw:
        target, seen = raw[old], {old}
        while target in raw and target not in seen:
            seen.add(target)
            target = raw[target]
        final[old] = target
    return final


def apply_redirects(store: Store) -> int:
    """Move rows still pointing at merged-away students; returns how many moved."""
    targets = redirect_targets(store)
    if not targets:
        return 0
    old_ids = list(targets)
    with store.read() as s:
        stale: set[str] = set()
        for model in (Contact, Enrollment, AttendanceMark):
            stale.update(
                s.exec(
                    select(model.student_id).where(
                        col(model.student_id).in_(old_ids),
                        live(model),
                    )
                ).all()
            )
        stale.update(
            s.exec(select(Student.id).where(col(Student.id).in_(old_ids), live(Student))).all()
        )
    if not stale:
        return 0
    moved = 0
    with store.write() as w:
        for old in sorted(stale):
            target = targets[old]
            if w.session.get(Student, target) is None:
                continue  # the kept student has not arrived yet: next sync
            outcome = _move_everything(w, old, target)
            moved += outcome.contacts + outcome.enrollments + outcome.marks
            student = w.session.get(Student, old)
            if student is not None and not student.deleted:
                w.delete(student)
                moved += 1
    return moved
