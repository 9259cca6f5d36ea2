"""Import students and their contacts from CSV and .xlsx files, all or nothing.

Files come from spreadsheets, school information systems and form tools, so reading is
forgiving (``sheets.py``, shared with the programme set-up import): UTF-8 with or without
a BOM, UTF-16, Windows-1252 and other encodings found by charset-normalizer, CRLF,
quoted commas and newlines, ``;`` or tab separators, title rows above the header, Excel
dates and serial numbers, extra and missing columns, and English or Spanish headers
matched by their words ("Student's full name", "Correo electrónico").

The flow is always the same, for the window and the command line:

1. :func:`read_table` reads the file into a :class:`RawTable` (no database access);
2. :func:`guess_mapping` proposes a column → field mapping the user can correct; the
   columns left out are listed (:func:`unmapped_columns`), never dropped silently;
3. :meth:`ImportService.dry_run` says how many rows would be created, updated, left
   unchanged and rejected (each rejection with its row number, as a spreadsheet shows
   it, and reason), how many students the "Ensembles" column enrolls or waitlists, and
   in which order (day/month or month/day) the birth dates are read, decided once for
   the whole column (``sheets.date_columns``);
4. :meth:`ImportService.apply` runs the very same planning inside ONE write transaction
   and writes; any exception rolls the whole import back.

Existing students are matched by district student id, then by legal name and date of
birth. Empty cells never blank out what is already stored. The "Ensembles" column names
the hub's ensembles a student joins (several separated by ";" or ","): enrolled while
places are free, waitlisted beyond the capacity; an import never takes anyone out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from harmony_desktop.domain.calendar import start_year
from harmony_desktop.domain.errors import HarmonyError, ValidationError
from harmony_desktop.domain.grades import grade_far_from_age
from harmony_desktop.domain.i18n import _, ngettext
from harmony_desktop.domain.names import fold
from harmony_desktop.domain.vocab import EnrollmentStatus, StudentStatus
from harmony_desktop.services import sheets
from harmony_desktop.services.calendar import grade_year_now
from harmony_desktop.services.enrollment import EnrollmentService, enrolled_student_ids
from harmony_desktop.services.roster import GRADES, validate_contact, validate_student
from harmony_desktop.services.sheets import (
    Cell,
    DateColumns,
    HeaderMatcher,
    NotADate,
    NotInOrder,
    RawTable,
    blank,
    cell_text,
    date_columns,
    decode_bytes,
    normalise_header,
    parse_bool,
    parse_date,
    parse_grade,
    unmapped_columns,
)
from harmony_desktop.store import Store
from harmony_desktop.store.models import Contact, Enrollment, Ensemble, Student, new_id
from harmony_desktop.store.queries import live

__all__ = [
    "FIELD_ALIASES",
    "STUDENT_HEADERS",
    "Cell",
    "ImportRefused",
    "ImportReport",
    "ImportService",
    "RawTable",
    "Rejection",
    "check_mapping",
    "decode_bytes",
    "field_label",
    "guess_mapping",
    "normalise_header",
    "parse_bool",
    "parse_date",
    "parse_grade",
    "read_table",
    "split_full_name",
    "unmapped_columns",
]

# -- target fields ------------------------------------------------------------------------

#: Student fields an import can fill, with the header names (English and Spanish) that map
#: to them. Aliases are compared after :func:`normalise_header`.
STUDENT_FIELDS: dict[str, tuple[str, ...]] = {
    "legal_first_name": (
        "first name",
        "legal first name",
        "first",
        "given name",
        "student first name",
        "firstname",
        "nombre",
        "nombres",
        "primer nombre",
        "nombre del estudiante",
        "nombre del alumno",
        "nombre legal",
    ),
    "legal_last_name": (
        "last name",
        "legal last name",
        "last",
        "surname",
        "family name",
        "student last name",
        "lastname",
        "apellido",
        "apellidos",
        "apellido s",
        "apellido del estudiante",
        "apellido del alumno",
    ),
    "full_name": (
        "name",
        "student name",
        "full name",
        "student",
        "nombre completo",
        "nombre completo del estudiante",
        "nombre y apellido",
        "nombre y apellidos",
        "estudiante",
        "alumno",
        "alumna",
    ),
    "preferred_name": (
        "preferred name",
        "nickname",
        "goes by",
        "preferred",
        "nombre preferido",
        "apodo",
    ),
    "date_of_birth": (
        "date of birth",
        "dob",
        "birth date",
        "birthdate",
        "birthday",
        "fecha de nacimiento",
        "fecha nacimiento",
        "nacimiento",
        "f nacimiento",
        "fecha de nac",
    ),
    "grade": ("grade", "grade level", "gr", "grado", "nivel escolar", "curso"),
    # the programme year the grade is for ("2025-26"; the roster export's column)
    "grade_year": (
        "school year of grade",  # the export's header
        "curso escolar del grado",  # the Spanish export's header
        "school year of the grade",
        "grade year",
        "grade school year",
        "programme year of grade",
        "program year of grade",
        "year of grade",
        "curso del grado",
        "ano del grado",
        "ano escolar del grado",
    ),
    "school": ("school", "school name", "escuela", "nombre de la escuela", "colegio"),
    "district_student_id": (
        "district student id",
        "id de estudiante del distrito",  # the Spanish export's header
        "district id",
        "student id",
        "id",
        "sis id",
        "lausd id",
        "student number",
        "id del estudiante",
        "numero de estudiante",
        "id estudiante",
        "id del distrito",
        "matricula",
    ),
    "home_language": (
        "home language",
        "language",
        "primary language",
        "idioma",
        "idioma del hogar",
        "idioma en casa",
        "lengua materna",
        "language spoken at home",
        "idioma que se habla en casa",
    ),
    "guardian_language": (
        "guardian language",
        "idioma del tutor(a)",  # the Spanish export's header
        "parent language",
        "preferred language",
        "idioma del padre",
        "idioma de los padres",
        "idioma del tutor",
        "idioma preferido",
    ),
    "instrument": (
        "instrument",
        "instrumento",
        "instrument you want to play",
        "instrument of interest",
        "que instrumento quiere tocar",
    ),
    "level": ("level", "nivel", "music level", "nivel musical"),
    "medical_notes": (
        "medical notes",
        "medical",
        "medical conditions",
        "health",
        "health notes",
        "notas medicas",
        "condiciones medicas",
        "salud",
        "medico",
    ),
    "allergy_notes": ("allergies", "allergy", "allergy notes", "alergias", "alergia"),
    "photo_consent": (
        "photo consent",
        "permiso para fotos",  # the Spanish export's header
        "photo release",
        "media release",
        "photo ok",
        "photos",
        "consentimiento de fotos",
        "permiso de fotos",
        "autorizacion de fotos",
        "fotos",
    ),
    "may_walk_home": (
        "may walk home",
        "puede irse caminando",  # the Spanish export's header
        "walks home",
        "walk home",
        "can walk home",
        "puede caminar a casa",
        "camina a casa",
        "se va caminando",
    ),
    "status": ("status", "estado", "estatus"),
    "notes": ("notes", "comments", "notas", "comentarios", "observaciones"),
}

#: The ensembles a student joins (names of the hub's ensembles), not a student field.
ENSEMBLE_FIELD = "ensembles"
ENSEMBLE_ALIASES: tuple[str, ...] = (
    "ensembles",
    "ensemble",
    "class",
    "classes",
    "program",
    "programs",
    "ensembles enrolled",
    "conjunto",
    "conjuntos",
    "clase",
    "clases",
    "grupo",
    "grupos",
    "ensamble",
    "ensambles",
    "programa",
)

#: Contact slots: guardian 1, guardian 2 and an emergency contact, each with these parts.
CONTACT_PARTS: dict[str, tuple[str, ...]] = {
    "name": ("name", "nombre"),
    "relationship": ("relationship", "relation", "parentesco", "relacion"),
    "phone": ("phone", "cell", "mobile", "telefono", "celular", "tel", "phone number"),
    "email": ("email", "e mail", "correo", "correo electronico"),
    "custody_restriction": ("custody", "custody restriction", "custodia", "restriccion"),
}
CONTACT_SLOTS: dict[str, tuple[str, ...]] = {
    "guardian1": (
        "guardian",
        "guardian 1",
        "parent",
        "parent 1",
        "parent guardian",
        "mother",
        "madre",
        "padre tutor",
        "padre o tutor",
        "tutor",
        "tutor 1",
        "padre madre",
        "padre 1",
        "primary contact",
        "contact",
        "contact 1",
    ),
    "guardian2": (
        "guardian 2",
        "parent 2",
        "second guardian",
        "father",
        "padre",
        "tutor 2",
        "padre 2",
        "contact 2",
        "secondary contact",
    ),
    "emergency": (
        "emergency",
        "emergency contact",
        "emergencia",
        "contacto de emergencia",
        "contacto emergencia",
        "en caso de emergencia",
    ),
}


def _contact_aliases() -> dict[str, tuple[str, ...]]:
    aliases: dict[str, tuple[str, ...]] = {}
    for slot, prefixes in CONTACT_SLOTS.items():
        for part, words in CONTACT_PARTS.items():
            names: list[str] = []
            for prefix in prefixes:
                for word in words:
                    names.append(f"{prefix} {word}")
                    names.append(f"{word} {prefix}")
                    names.append(f"{word} del {prefix}")
                    names.append(f"{word} de {prefix}")
            if part == "name":
                names.extend(prefixes)
            aliases[f"{slot}_{part}"] = tuple(names)
    return aliases


#: Every target field of an import with its aliases.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    **STUDENT_FIELDS,
    **_contact_aliases(),
    ENSEMBLE_FIELD: ENSEMBLE_ALIASES,
}


def field_label(name: str) -> str:
    """The label of an import target field, as the mapping step shows it."""
    labels = {
        "legal_first_name": _("First name"),
        "legal_last_name": _("Last name"),
        "full_name": _('Full name ("Last, First")'),
        "preferred_name": _("Preferred name"),
        "date_of_birth": _("Date of birth"),
        "grade": _("Grade"),
        "grade_year": _("School year of grade"),
        "school": _("School"),
        "district_student_id": _("District student id"),
        "home_language": _("Home language"),
        "guardian_language": _("Guardian's language"),
        "instrument": _("Instrument"),
        "level": _("Level"),
        "medical_notes": _("Medical notes"),
        "allergy_notes": _("Allergies"),
        "photo_consent": _("Photo consent"),
        "may_walk_home": _("May walk home"),
        "status": _("Status"),
        "notes": _("Notes"),
        ENSEMBLE_FIELD: _("Ensembles (enroll, or waitlist when full)"),
    }
    if name in labels:
        return labels[name]
    slot, _sep, part = name.partition("_")
    slots = {
        "guardian1": _("Guardian 1"),
        "guardian2": _("Guardian 2"),
        "emergency": _("Emergency contact"),
    }
    parts = {
        "name": _("name"),
        "relationship": _("relationship"),
        "phone": _("phone"),
        "email": _("email"),
        "custody_restriction": _("custody restriction"),
    }
    return f"{slots.get(slot, slot)}: {parts.get(part, part)}"


#: The plain words are ambiguous on their own; these win.
PREFERRED_HEADERS: dict[str, str] = {
    "name": "full_name",
    "nombre": "legal_first_name",
    "parentesco": "guardian1_relationship",
    "relationship": "guardian1_relationship",
    "phone": "guardian1_phone",
    "telefono": "guardian1_phone",
    "email": "guardian1_email",
    "e mail": "guardian1_email",
    "correo": "guardian1_email",
    "correo electronico": "guardian1_email",
    "email address": "guardian1_email",
}

#: The column names of a student file (:class:`~harmony_desktop.services.sheets.HeaderMatcher`).
STUDENT_HEADERS = HeaderMatcher(FIELD_ALIASES, PREFERRED_HEADERS)


def read_table(path: Path | str) -> RawTable:
    """Read a student file (CSV or .xlsx). Raises :class:`ValidationError` if it cannot
    be read."""
    return sheets.read_table(path, STUDENT_HEADERS)


# -- the column mapping --------------------------------------------------------------------


def guess_mapping(headers: Iterable[str]) -> dict[int, str | None]:
    """Column index → target field (None: not imported) from the header names."""
    mapping: dict[int, str | None] = {}
    used: set[str] = set()
    for i, header in enumerate(headers):
        target = STUDENT_HEADERS.match(header)
        if target and target in used and target.startswith("guardian1_"):
            target = target.replace("guardian1_", "guardian2_")  # "Mother" after "Parent"
        if target in used:
            target = None
        mapping[i] = target
        if target:
            used.add(target)
    return mapping


def check_mapping(mapping: dict[int, str | None]) -> None:
    """Raise :class:`ValidationError` if the mapping cannot identify students."""
    targets = [t for t in mapping.values() if t]
    unknown = set(targets) - set(FIELD_ALIASES)
    if unknown:
        raise ValidationError(
            _("Unknown field(s) in the mapping: {names}").format(names=", ".join(sorted(unknown)))
        )
    doubled = sorted({t for t in targets if targets.count(t) > 1})
    if doubled:
        raise ValidationError(
            _("Two columns are mapped to {field}. Map each field once.").format(
                field=", ".join(field_label(t) for t in doubled)
            )
        )
    has_names = "full_name" in targets or {"legal_first_name", "legal_last_name"} <= set(targets)
    if not has_names:
        raise ValidationError(
            _(
                "Map a column to First name and one to Last name (or one to Full name); "
                "without names no student can be imported."
            )
        )


# -- converting cells ---------------------------------------------------------------------

_text = cell_text
_blank = blank


def split_full_name(text: str) -> tuple[str, str]:
    """First and last name from "Last, First" or "First Last" (last word is the surname)."""
    text = " ".join(text.split())
    if "," in text:
        last, _sep, first = text.partition(",")
        return first.strip(), last.strip()
    parts = text.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


# -- planning ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejection:
    """A row that will not be imported, and why."""

    line: int
    reason: str


@dataclass
class RowPlan:
    """What the import will do with one valid row."""

    line: int
    student_fields: dict[str, Any]
    contacts: list[dict[str, Any]]
    existing_id: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    #: ensembles to enroll the student in (or waitlist them for), in the file's order
    ensembles: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """The outcome of a dry run or an import: counts and every rejected row."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    contacts_created: int = 0
    contacts_updated: int = 0
    #: places taken from the "Ensembles" column, and students put on a waitlist
    enrolled: int = 0
    waitlisted: int = 0
    #: the file's columns this import leaves out (never silently)
    unmapped: list[str] = field(default_factory=list)
    #: how the date columns' dates written with numbers only are read ("Fecha de
    #: nacimiento: 03/04/2014 read as 3 April 2014 (day/month), as …"), one line each
    dates: list[str] = field(default_factory=list)
    #: rows imported all the same that are worth a look, and why ("Grade PK for a child
    #: of 13 …": :func:`~harmony_desktop.domain.grades.grade_far_from_age`)
    warnings: list[Rejection] = field(default_factory=list)
    applied: bool = False

    @property
    def total(self) -> int:
        """Rows read from the file (not counting the header)."""
        return self.created + self.updated + self.unchanged + len(self.rejected)

    def summary(self) -> str:
        """One line for people: "12 to create, 3 to update, 1 rejected"."""
        # Each count says its own word, so a language that agrees it with the count
        # does ("1 creado, 2 actualizados"); English says the same for one and many.
        line = ", ".join(count_words(self.applied, self.created, self.updated, self.unchanged))
        line += (
            ", "
            + ngettext("{count} rejected", "{count} rejected", len(self.rejected)).format(
                count=len(self.rejected)
            )
            + "."
        )
        if self.enrolled or self.waitlisted:
            e, w = self.enrolled, self.waitlisted
            enrolled = (
                ngettext("{count} enrolled in ensembles", "{count} enrolled in ensembles", e)
                if self.applied
                else ngettext("{count} to enroll in ensembles", "{count} to enroll in ensembles", e)
            ).format(count=e)
            waitlisted = (
                ngettext("{count} waitlisted", "{count} waitlisted", w)
                if self.applied
                else ngettext("{count} to waitlist", "{count} to waitlist", w)
            ).format(count=w)
            line += f" {enrolled}, {waitlisted}."
        return line


def count_words(applied: bool, created: int, updated: int, unchanged: int) -> list[str]:
    """ "3 created", "1 updated", "0 unchanged" ("3 to create" … before the import), each
    in the form its count takes: "1 creado", "3 creados"."""
    if applied:
        made = ngettext("{count} created", "{count} created", created)
        changed = ngettext("{count} updated", "{count} updated", updated)
    else:
        made = ngettext("{count} to create", "{count} to create", created)
        changed = ngettext("{count} to update", "{count} to update", updated)
    kept = ngettext("{count} unchanged", "{count} unchanged", unchanged)
    return [made.format(count=created), changed.format(count=updated), kept.format(count=unchanged)]


class ImportRefused(HarmonyError):
    """A strict import met rejected rows; nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            ngettext(
                "Nothing was imported: {count} row was rejected.",
                "Nothing was imported: {count} rows were rejected.",
                len(report.rejected),
            ).format(count=len(report.rejected))
        )
        self.report = report


_CONTACT_SLOT_DEFAULTS: dict[str, dict[str, Any]] = {
    "guardian1": {"is_guardian": True, "authorized_pickup": True, "priority": 1},
    "guardian2": {"is_guardian": True, "authorized_pickup": True, "priority": 2},
    "emergency": {"is_emergency": True, "priority": 3},
}
_STATUSES = {
    "active": StudentStatus.ACTIVE.value,
    "activo": StudentStatus.ACTIVE.value,
    "activa": StudentStatus.ACTIVE.value,
    "inactive": StudentStatus.INACTIVE.value,
    "inactivo": StudentStatus.INACTIVE.value,
    "inactiva": StudentStatus.INACTIVE.value,
    "archived": StudentStatus.ARCHIVED.value,
    "archivado": StudentStatus.ARCHIVED.value,
    "archivada": StudentStatus.ARCHIVED.value,
}


def split_ensemble_names(text: str) -> list[str]:
    """The ensemble names of a cell: separated by ";", "," or new lines."""
    return [n for n in (" ".join(p.split()) for p in re.split(r"[;,\n]", text)) if n]


def _convert_row(
    cells: list[Cell], mapping: dict[int, str | None], today: dt.date, dates: DateColumns
) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """Student fields, contacts and ensemble names of one row; raises ValidationError
    with a reason."""
    student: dict[str, Any] = {}
    slots: dict[str, dict[str, Any]] = {}
    ensembles: list[str] = []
    for index, target in mapping.items():
        if not target or index >= len(cells):
            continue
        raw = cells[index]
        if _blank(raw):
            continue
        if target == ENSEMBLE_FIELD:
            ensembles = split_ensemble_names(_text(raw))
        elif target in STUDENT_FIELDS:
            student[target] = _convert_student_value(target, raw, today, dates)
        else:
            slot, _sep, part = target.partition("_")
            slots.setdefault(slot, {})[part] = _text(raw)
    if "full_name" in student:
        first, last = split_full_name(student.pop("full_name"))
        student.setdefault("legal_first_name", first)
        student.setdefault("legal_last_name", last)
    if not student.get("legal_first_name") or not student.get("legal_last_name"):
        raise ValidationError(_("The student's first and last name are required."))
    validate_student(student, today=today)
    contacts = []
    for slot, values in slots.items():
        if not values.get("name"):
            if any(values.values()):
                raise ValidationError(
                    _("{slot} has details but no name.").format(slot=field_label(f"{slot}_name"))
                )
            continue
        contact = {**_CONTACT_SLOT_DEFAULTS[slot], **values}
        if slot == "guardian1" and student.get("guardian_language"):
            contact.setdefault("language", student["guardian_language"])
        validate_contact(contact)
        contacts.append(contact)
    return student, contacts, ensembles


def _convert_student_value(target: str, raw: Cell, today: dt.date, dates: DateColumns) -> Any:
    if target == "date_of_birth":
        try:
            return dates.parse(target, raw, today=today)
        except (NotADate, NotInOrder) as exc:
            raise ValidationError(exc.reason(), target) from exc
        except (ValueError, OverflowError) as exc:
            raise ValidationError(
                _("{value!r} is not a date of birth.").format(value=_text(raw)), target
            ) from exc
    if target in ("photo_consent", "may_walk_home"):
        try:
            return parse_bool(raw)
        except ValueError as exc:
            raise ValidationError(
                _("{value!r} is not yes or no ({field}).").format(
                    value=_text(raw), field=field_label(target)
                ),
                target,
            ) from exc
    if target == "grade":
        grade = parse_grade(raw)
        if grade and grade not in GRADES:
            raise ValidationError(
                _("Grade must be PK, K or 1 to 12, not {grade!r}.").format(grade=grade), target
            )
        return grade
    if target == "grade_year":  # "2025-26", else refused with an example
        label = _text(raw).strip()
        try:
            start_year(label)
        except ValidationError as exc:
            raise ValidationError(str(exc), target) from exc
        return label
    if target == "status":
        status = _STATUSES.get(normalise_header(_text(raw)))
        if status is None:
            raise ValidationError(_("Unknown status {status!r}.").format(status=_text(raw)), target)
        return status
    return _text(raw)


class _Places:
    """The hub's ensembles as the "Ensembles" column names them, and the places the
    import takes in them, in the file's order (as :meth:`EnrollmentService.place` will)."""

    def __init__(self, s: Session, hub_id: str, today: dt.date) -> None:
        rows = s.exec(select(Ensemble).where(Ensemble.hub_id == hub_id, live(Ensemble))).all()
        self.ensembles = {fold(e.name): e for e in rows if not e.archived}
        self.taken = {e.id: len(enrolled_student_ids(s, e.id, today)) for e in rows}
        self.placed = set(
            s.exec(
                select(Enrollment.student_id, Enrollment.ensemble_id).where(
                    Enrollment.hub_id == hub_id,
                    live(Enrollment),
                    col(Enrollment.status).in_(
                        [EnrollmentStatus.ENROLLED.value, EnrollmentStatus.WAITLISTED.value]
                    ),
                )
            ).all()
        )

    def find(self, names: list[str]) -> list[str]:
        """The ids of the ensembles ``names``; ValidationError names one that is not here."""
        found: list[str] = []
        for name in names:
            ensemble = self.ensembles.get(fold(name))
            if ensemble is None:
                raise ValidationError(
                    _("There is no ensemble {name!r} at this hub. Ensembles here: {names}.").format(
                        name=name,
                        names=", ".join(sorted(e.name for e in self.ensembles.values())) or "—",
                    ),
                    ENSEMBLE_FIELD,
                )
            if ensemble.id not in found:
                found.append(ensemble.id)
        return found

    def take(
        self, student_id: str | None, ensemble_ids: list[str], report: ImportReport
    ) -> list[str]:
        """The ensembles the student is not in yet, counted as enrolled or waitlisted."""
        new = [e for e in ensemble_ids if (student_id, e) not in self.placed]
        for ensemble_id in new:
            capacity = next(e.capacity for e in self.ensembles.values() if e.id == ensemble_id)
            if self.taken[ensemble_id] < capacity:
                self.taken[ensemble_id] += 1
                report.enrolled += 1
            else:
                report.waitlisted += 1
        return new


def _name_key(first: str, last: str, dob: dt.date | None) -> tuple[str, str, dt.date | None]:
    return (normalise_header(first), normalise_header(last), dob)


class ImportService:
    """Plans and applies imports of students and contacts into one hub."""

    def __init__(self, store: Store, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self._today = today

    def dry_run(
        self,
        hub_id: str,
        table: RawTable,
        mapping: dict[int, str | None] | None = None,
        *,
        date_order: str | None = None,
    ) -> ImportReport:
        """What :meth:`apply` would do, without writing anything. ``date_order``: the
        order of day and month the person chose for dates written with numbers only
        (None: as the file shows, :func:`~harmony_desktop.services.sheets.date_columns`)."""
        mapping = guess_mapping(table.headers) if mapping is None else mapping
        check_mapping(mapping)
        with self.store.read() as s:
            report, _plans = self._plan(s, hub_id, table, mapping, date_order)
        report.unmapped = unmapped_columns(table, mapping)
        return report

    def apply(
        self,
        hub_id: str,
        table: RawTable,
        mapping: dict[int, str | None] | None = None,
        *,
        strict: bool = False,
        before_commit: Callable[[], None] | None = None,
        date_order: str | None = None,
    ) -> ImportReport:
        """Import the valid rows in one transaction: all of them are written or none.
        ``date_order`` as for :meth:`dry_run`.

        ``strict`` refuses the whole import (raising :class:`ImportRefused`) when any row
        is rejected. ``before_commit`` runs inside the transaction after every write
        (tests use it to prove a failure rolls everything back).
        """
        mapping = guess_mapping(table.headers) if mapping is None else mapping
        check_mapping(mapping)
        with self.store.write() as w:
            report, plans = self._plan(w.session, hub_id, table, mapping, date_order)
            if strict and report.rejected:
                raise ImportRefused(report)
            new_students: list[dict[str, Any]] = []
            new_contacts: list[dict[str, Any]] = []
            for plan in plans:
                if plan.existing_id is None:
                    student_id = plan.existing_id = new_id()
                    new_students.append({**plan.student_fields, "id": student_id, "hub_id": hub_id})
                    for contact in plan.contacts:
                        new_contacts.append({**contact, "hub_id": hub_id, "student_id": student_id})
                    continue
                if plan.changes:
                    w.update(w.get(Student, plan.existing_id), **plan.changes)
                for contact in plan.contacts:
                    found_id = contact.pop("_existing_id", None)
                    if found_id is None:
                        new_contacts.append(
                            {**contact, "hub_id": hub_id, "student_id": plan.existing_id}
                        )
                    elif contact:
                        w.update(w.get(Contact, found_id), **contact)
            # Students first, then their contacts and places (foreign keys).
            w.insert_many_values(Student, new_students)
            w.insert_many_values(Contact, new_contacts)
            placing = EnrollmentService(self.store)
            today = self._today()
            for plan in plans:
                for ensemble_id in plan.ensembles:
                    assert plan.existing_id is not None
                    placing.place(w, plan.existing_id, ensemble_id, today)
            if before_commit is not None:
                before_commit()
        report.applied = True
        report.unmapped = unmapped_columns(table, mapping)
        return report

    def _plan(
        self,
        s: Session,
        hub_id: str,
        table: RawTable,
        mapping: dict[int, str | None],
        date_order: str | None = None,
    ) -> tuple[ImportReport, list[RowPlan]]:
        today = self._today()
        # Plain rows (attribute access, no ORM objects): 3,500 students and their
        # contacts load several times faster. Only rows that change are fetched as
        # objects, inside the import's transaction.
        student_table = Student.__table__  # type: ignore[attr-defined]
        contact_table = Contact.__table__  # type: ignore[attr-defined]
        students: list[Any] = list(
            s.connection().execute(
                select(student_table).where(student_table.c.hub_id == hub_id, live(Student))
            )
        )
        by_district = {
            st.district_student_id.casefold(): st for st in students if st.district_student_id
        }
        by_name = {
            _name_key(st.legal_first_name, st.legal_last_name, st.date_of_birth): st
            for st in students
        }
        contacts: dict[str, list[Any]] = {}
        for c in s.connection().execute(
            select(contact_table).where(contact_table.c.hub_id == hub_id, live(Contact))
        ):
            contacts.setdefault(c.student_id, []).append(c)
        places = _Places(s, hub_id, today) if ENSEMBLE_FIELD in mapping.values() else None

        # The order of day and month is decided once for the whole column, from all its
        # dates (a file refused here when they disagree), before any row is read; or in
        # the order the person chose (a date that disagrees refused on its row).
        dates = date_columns(
            table,
            {t: i for i, t in mapping.items() if t == "date_of_birth"},
            order=date_order,
        )
        report = ImportReport(dates=dates.notes(today))
        grade_year = grade_year_now(s, today)
        plans: list[RowPlan] = []
        seen_district: dict[str, int] = {}
        seen_name: dict[tuple[str, str, dt.date | None], tuple[int, str]] = {}
        for line, cells in table.rows:
            if all(_blank(c) for c in cells):
                continue
            try:
                fields, row_contacts, ensemble_names = _convert_row(cells, mapping, today, dates)
                ensemble_ids = places.find(ensemble_names) if places else []
                # an imported grade is for the year the row gives (a file exported
                # here), else this programme year's; a year with no grade changes nothing
                year_given = fields.pop("grade_year", "")
                if fields.get("grade"):
                    fields["grade_year"] = year_given or grade_year
            except ValidationError as exc:
                report.rejected.append(Rejection(line, str(exc)))
                continue
            district = str(fields.get("district_student_id", "")).casefold()
            key = _name_key(
                fields["legal_first_name"], fields["legal_last_name"], fields.get("date_of_birth")
            )
            earlier = seen_district.get(district) if district else None
            if earlier is None and key[2] is not None and key in seen_name:
                line_before, district_before = seen_name[key]
                # Two different district ids are two children who share a name and birthday.
                if not (district and district_before and district != district_before):
                    earlier = line_before
            if earlier is not None:
                report.rejected.append(
                    Rejection(
                        line,
                        _(
                            "The same student as on row {row} (district id or name and date of birth)."
                        ).format(row=earlier),
                    )
                )
                continue
            if district:
                seen_district[district] = line
            if key[2] is not None:
                seen_name.setdefault(key, (line, district))
            match = by_district.get(district) if district else None
            if match is None and key[2] is not None:
                match = by_name.get(key)
                if (
                    match is not None
                    and district
                    and match.district_student_id
                    and (match.district_student_id.casefold() != district)
                ):
                    match = None  # same name and birthday, different district id: another child
            archived = StudentStatus.ARCHIVED.value
            if ensemble_ids and archived in (fields.get("status"), getattr(match, "status", "")):
                report.rejected.append(
                    Rejection(
                        line, _("An archived student cannot be enrolled. Restore them first.")
                    )
                )
                continue
            # A grade far from the child's age (from the row, or what the roster holds
            # for the field the row leaves empty) is said, never refused.
            if "grade" in fields or "date_of_birth" in fields:
                note = grade_far_from_age(
                    fields.get("grade") or getattr(match, "grade", None),
                    fields.get("date_of_birth") or getattr(match, "date_of_birth", None),
                    today,
                )
                if note is not None:
                    report.warnings.append(Rejection(line, note.text()))
            plan = RowPlan(line, fields, row_contacts)
            if places is not None:
                plan.ensembles = places.take(match.id if match else None, ensemble_ids, report)
            if match is None:
                plan.student_fields = {k: v for k, v in fields.items() if v is not None}
                report.created += 1
                report.contacts_created += len(row_contacts)
            else:
                plan.existing_id = match.id
                plan.changes = {
                    k: v for k, v in fields.items() if v is not None and getattr(match, k) != v
                }
                plan.contacts = self._contact_changes(contacts.get(match.id, []), row_contacts)
                report.contacts_created += sum(1 for c in plan.contacts if "_existing_id" not in c)
                report.contacts_updated += sum(
                    1 for c in plan.contacts if "_existing_id" in c and len(c) > 1
                )
                if (
                    plan.changes
                    or plan.ensembles
                    or any(len(c) > 1 or "_existing_id" not in c for c in plan.contacts)
                ):
                    report.updated += 1
                else:
                    report.unchanged += 1
            plans.append(plan)
        return report, plans

    @staticmethod
    def _contact_changes(
        existing: list[Any], incoming: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Incoming contacts as inserts (no ``_existing_id``) or updates of a contact with
        the same name (only the fields that differ, plus ``_existing_id``)."""
        by_name: dict[str, list[Any]] = {}
        for c in sorted(existing, key=lambda c: c.priority):
            by_name.setdefault(normalise_header(c.name), []).append(c)
        out: list[dict[str, Any]] = []
        for values in incoming:
            # Each existing contact matches at most one incoming one (a guardian and an
            # emergency contact may share a name).
            same_name = by_name.get(normalise_header(values["name"]))
            found = same_name.pop(0) if same_name else None
            if found is None:
                out.append(dict(values))
                continue
            # Keep the flags and priority already set by staff; update the details.
            details = {
                k: v
                for k, v in values.items()
                if k in CONTACT_PARTS and k != "name" and v and getattr(found, k) != v
            }
            out.append({"_existing_id": found.id, **details})
        return out
