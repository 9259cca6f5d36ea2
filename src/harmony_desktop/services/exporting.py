"""Export the roster, contacts and attendance to CSV and .xlsx, and the roster queries
printed documents share (who is enrolled, with their contacts). Hubs and ensembles are
looked up in :mod:`harmony_desktop.services.hubs`.

The roster export uses the column names the importer recognises, so an exported file
can be edited in a spreadsheet and imported back.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from harmony_desktop.domain import collation
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _, format_time
from harmony_desktop.domain.names import display_name, name_sort_key
from harmony_desktop.domain.vocab import EnrollmentStatus, StudentStatus
from harmony_desktop.services.enrollment import enrolled_student_ids
from harmony_desktop.services.files import check_target, saving
from harmony_desktop.store import Store, settings
from harmony_desktop.store.models import (
    AttendanceMark,
    ClassSession,
    Contact,
    Enrollment,
    Ensemble,
    Staff,
    Student,
)
from harmony_desktop.store.queries import live

EXPORT_KINDS = ("roster", "contacts", "attendance")


@dataclass(frozen=True)
class Member:
    """A student with their contacts and current ensembles, for printouts and exports."""

    student: Student
    contacts: tuple[Contact, ...]
    ensembles: tuple[str, ...]

    @property
    def display_name(self) -> str:
        """ "Last, Preferred-or-first" (how rosters are sorted and read)."""
        st = self.student
        return display_name(
            st.legal_first_name, st.legal_last_name, st.preferred_name, last_first=True
        )

    @property
    def sort_key(self) -> tuple[object, ...]:
        """Where the student sorts on a roster: last name (each surname in turn), then
        preferred-or-first name, in the collation of the current language."""
        st = self.student
        return name_sort_key(st.preferred_name or st.legal_first_name, st.legal_last_name)

    @property
    def legal_name(self) -> str:
        """Legal first and last name."""
        return display_name(self.student.legal_first_name, self.student.legal_last_name)

    @property
    def guardians(self) -> list[Contact]:
        """Guardians by priority."""
        return [c for c in self.contacts if c.is_guardian]

    @property
    def custody_flags(self) -> list[str]:
        """Every custody restriction recorded on the student's contacts."""
        return [
            f"{c.name}: {c.custody_restriction}" for c in self.contacts if c.custody_restriction
        ]


class ExportService:
    """Roster queries for printouts, and exports to CSV / .xlsx."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- lookups -----------------------------------------------------------------------

    def programme_name(self) -> str:
        """The programme's name for printed headers: the sync server's, else the one typed
        on this laptop, else a default."""
        known = self.store.settings.get_many(
            (settings.SYNC_PROGRAMME_NAME, settings.PROGRAMME_NAME)
        )
        return (
            known[settings.SYNC_PROGRAMME_NAME.key]
            or known[settings.PROGRAMME_NAME.key]
            or settings.PROGRAMME_NAME.default
        )

    # -- members -------------------------------------------------------------------------

    def members(self, ensemble_id: str, day: dt.date) -> list[Member]:
        """Students enrolled in the ensemble on ``day`` (archived ones left out), by name."""
        with self.store.read() as s:
            ids = enrolled_student_ids(s, ensemble_id, day)
            return self._members(s, ids, include_archived=False)

    def hub_members(self, hub_id: str, *, include_archived: bool = False) -> list[Member]:
        """Every student of the hub, by name."""
        with self.store.read() as s:
            ids = list(
                s.exec(select(Student.id).where(Student.hub_id == hub_id, live(Student))).all()
            )
            return self._members(s, ids, include_archived=include_archived)

    @staticmethod
    def _members(s: Session, ids: Sequence[str], *, include_archived: bool) -> list[Member]:
        students: list[Student] = []
        contacts: dict[str, list[Contact]] = {}
        current: dict[str, list[str]] = {}
        # SQLite limits bound parameters; chunk large id lists.
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            students.extend(
                s.exec(select(Student).where(col(Student.id).in_(chunk), live(Student))).all()
            )
            for c in s.exec(
                select(Contact).where(col(Contact.student_id).in_(chunk), live(Contact))
            ):
                contacts.setdefault(c.student_id, []).append(c)
            for student_id, name in s.exec(
                select(Enrollment.student_id, Ensemble.name)
                .join(Ensemble, col(Ensemble.id) == Enrollment.ensemble_id)
                .where(
                    col(Enrollment.student_id).in_(chunk),
                    Enrollment.status == EnrollmentStatus.ENROLLED.value,
                    live(Enrollment),
                )
            ):
                current.setdefault(student_id, []).append(name)
        members = [
            Member(
                st,
                tuple(
                    sorted(
                        contacts.get(st.id, []),
                        key=lambda c: (c.priority, collation.sort_key(c.name)),
                    )
                ),
                tuple(sorted(current.get(st.id, []), key=collation.sort_key)),
            )
            for st in students
            if include_archived or st.status != StudentStatus.ARCHIVED
        ]
        members.sort(key=lambda m: (m.sort_key, m.student.id))
        return members

    # -- export tables -----------------------------------------------------------------

    def roster_table(self, hub_id: str) -> tuple[list[str], list[list[Any]]]:
        """One row per student, with two guardians and an emergency contact."""
        headers = [
            _("District student id"), _("Last name"), _("First name"), _("Preferred name"),
            _("Date of birth"), _("Grade"), _("School year of grade"), _("School"),
            _("Instrument"), _("Level"), _("Status"),
            _("Ensembles"), _("Home language"), _("Guardian language"), _("Photo consent"),
            _("May walk home"), _("Allergies"), _("Medical notes"), _("Guardian 1 name"),
            _("Guardian 1 relationship"), _("Guardian 1 phone"), _("Guardian 1 email"),
            _("Guardian 2 name"), _("Guardian 2 relationship"), _("Guardian 2 phone"),
            _("Guardian 2 email"), _("Emergency contact name"),
            _("Emergency contact relationship"), _("Emergency contact phone"), _("Notes"),
        ]  # fmt: skip
        rows: list[list[Any]] = []
        for m in self.hub_members(hub_id, include_archived=True):
            st = m.student
            guardians = m.guardians
            others = [c for c in m.contacts if c.is_emergency and c not in guardians[:2]]
            slots: list[Contact | None] = [*guardians[:2], None, None][:2]
            emergency = others[0] if others else None
            row: list[Any] = [
                st.district_student_id, st.legal_last_name, st.legal_first_name,
                st.preferred_name, st.date_of_birth, st.grade, st.grade_year, st.school,
                st.instrument, st.level, st.status, "; ".join(m.ensembles), st.home_language,
                st.guardian_language, _yes_no(st.photo_consent), _yes_no(st.may_walk_home),
                st.allergy_notes, st.medical_notes,
            ]  # fmt: skip
            for c in slots:
                row += [c.name, c.relationship, c.phone, c.email] if c else ["", "", "", ""]
            row += (
                [emergency.name, emergency.relationship, emergency.phone]
                if emergency
                else ["", "", ""]
            )
            row.append(st.notes)
            rows.append(row)
        return headers, rows

    def contacts_table(self, hub_id: str) -> tuple[list[str], list[list[Any]]]:
        """One row per contact of every student of the hub."""
        headers = [
            _("District student id"), _("Student last name"), _("Student first name"),
            _("Contact name"), _("Relationship"), _("Phone"), _("Other phone"), _("Email"),
            _("Language"), _("Priority"), _("Guardian"), _("Emergency contact"),
            _("Authorized pickup"), _("Custody restriction"),
        ]  # fmt: skip
        rows: list[list[Any]] = []
        for m in self.hub_members(hub_id, include_archived=True):
            st = m.student
            for c in m.contacts:
                rows.append(
                    [
                        st.district_student_id, st.legal_last_name, st.legal_first_name, c.name,
                        c.relationship, c.phone, c.phone_alt, c.email, c.language, c.priority,
                        _yes_no(c.is_guardian), _yes_no(c.is_emergency),
                        _yes_no(c.authorized_pickup), c.custody_restriction,
                    ]
                )  # fmt: skip
        return headers, rows

    def attendance_table(
        self, hub_id: str, first: dt.date | None = None, last: dt.date | None = None
    ) -> tuple[list[str], list[list[Any]]]:
        """One row per recorded mark of the hub (optionally between two dates)."""
        headers = [
            _("Date"), _("Ensemble"), _("Start"), _("Session status"), _("District student id"),
            _("Last name"), _("First name"), _("Code"), _("Arrival"), _("Departure"), _("Reason"),
            _("Note"), _("Recorded at"), _("Collected by"), _("Collected at"), _("Walked home"),
            _("Release confirmed by"),
        ]  # fmt: skip
        with self.store.read() as s:
            query = (
                select(AttendanceMark, ClassSession, Student, Ensemble)
                .join(ClassSession, col(ClassSession.id) == AttendanceMark.session_id)
                .join(Student, col(Student.id) == AttendanceMark.student_id)
                .join(Ensemble, col(Ensemble.id) == ClassSession.ensemble_id)
                .where(
                    AttendanceMark.hub_id == hub_id,
                    live(AttendanceMark),
                    col(AttendanceMark.code).is_not(None),
                )
            )
            if first:
                query = query.where(ClassSession.date >= first)
            if last:
                query = query.where(ClassSession.date <= last)
            found = s.exec(query).all()
            staff_names = {r.id: r.name for r in s.exec(select(Staff)).all()}
        found = sorted(
            found,
            key=lambda r: (
                r[1].date,
                r[1].start,
                collation.sort_key(r[3].name),
                name_sort_key(r[2].legal_first_name, r[2].legal_last_name),
                r[2].id,
            ),
        )
        rows = [
            [
                cs.date, en.name, format_time(cs.start), cs.status, st.district_student_id,
                st.legal_last_name, st.legal_first_name, m.code,
                format_time(m.arrival_time) if m.arrival_time else "",
                format_time(m.departure_time) if m.departure_time else "",
                m.reason, m.note, m.recorded_at, m.collected_by,
                format_time(m.collected_at) if m.collected_at else "",
                _yes_no(m.walked_home) if m.collected_at else "",
                staff_names.get(m.pickup_confirmed_by or "", ""),
            ]
            for m, cs, st, en in found
        ]  # fmt: skip
        return headers, rows

    def export(
        self,
        kind: str,
        hub_id: str,
        path: Path,
        *,
        first: dt.date | None = None,
        last: dt.date | None = None,
    ) -> int:
        """Write the ``kind`` table ("roster", "contacts", "attendance") to ``path`` (.csv
        or .xlsx); returns the number of data rows."""
        check_target(Path(path))  # a folder, say: refused before the table is built
        if kind == "roster":
            headers, rows = self.roster_table(hub_id)
        elif kind == "contacts":
            headers, rows = self.contacts_table(hub_id)
        elif kind == "attendance":
            headers, rows = self.attendance_table(hub_id, first, last)
        else:
            raise ValidationError(
                _("Unknown export {kind!r}; choose roster, contacts or attendance.").format(
                    kind=kind
                )
            )
        titles = {"roster": _("Roster"), "contacts": _("Contacts"), "attendance": _("Attendance")}
        write_table(path, headers, rows, title=titles[kind])
        return len(rows)


def flags_in_words(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """``rows`` with every True/False cell as "yes"/"no" in the user's language (the
    tables people export from a tab; the reports keep flags as flags)."""
    return [
        [(_("yes") if v else _("no")) if isinstance(v, bool) else v for v in row] for row in rows
    ]


def _yes_no(flag: bool) -> str:
    return _("yes") if flag else _("no")


def _csv_safe(value: Any) -> str:
    """A cell as CSV text; a leading = + - @ is quoted so a spreadsheet never runs it as a
    formula (phone numbers such as "+1 323…" stay as they are)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text[:1] in ("=", "@") or (
        text[:1] in ("+", "-") and not text[1:2].isdigit() and text[1:2] != " "
    ):
        return "'" + text
    return text


def write_table(
    path: Path, headers: list[str], rows: Iterable[Sequence[Any]], *, title: str = "Sheet"
) -> Path:
    """Write a table to ``path``: .xlsx (dates as dates, frozen header) or UTF-8 CSV with a
    BOM and CRLF, which every spreadsheet opens with accents intact.

    The file is readable by its owner only (people's records), written beside and moved
    into place: a failure leaves no half file, and says what to do
    (:func:`harmony_desktop.services.files.file_error`)."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in (".xlsx", ".csv", ".txt"):
        raise ValidationError(_("Export to a .csv or .xlsx file."))
    check_target(path)
    rows = list(rows)
    with saving(path) as partial:
        if suffix == ".xlsx":
            _write_xlsx(partial, headers, rows, title)
        else:
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(headers)
                for row in rows:
                    writer.writerow([_csv_safe(v) for v in row])
    return path


def _write_xlsx(path: Path, headers: list[str], rows: list[Sequence[Any]], title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    for column_cells in sheet.columns:
        width = max((len(str(c.value or "")) for c in column_cells[:200]), default=8)
        letter = column_cells[0].column_letter
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 40)
        for c in column_cells[1:]:
            if isinstance(c.value, dt.date):
                c.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    book.save(path)


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "@"):
        return "'" + value
    return value
