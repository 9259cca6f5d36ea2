"""Import students and their contacts from CSV and .xlsx files, all or nothing.

Files come from spreadsheets, school information systems and form tools, so reading is
forgiving: UTF-8 with or without a BOM, UTF-16, Windows-1252, CRLF, quoted commas and
newlines, ``;`` or tab separators, title rows above the header, Excel dates and serial
numbers, extra and missing columns, and English or Spanish header names.

The flow is always the same, for the window and the command line:

1. :func:`read_table` reads the file into a :class:`RawTable` (no database access);
2. :func:`guess_mapping` proposes a column → field mapping the user can correct;
3. :meth:`ImportService.dry_run` says how many rows would be created, updated, left
   unchanged and rejected (each rejection with its line number and reason);
4. :meth:`ImportService.apply` runs the very same planning inside ONE write transaction
   and writes; any exception rolls the whole import back.

Existing students are matched by district student id, then by legal name and date of
birth. Empty cells never blank out what is already stored.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from harmony_desktop.domain.errors import HarmonyError, ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import stored_text
from harmony_desktop.domain.vocab import StudentStatus
from harmony_desktop.services.roster import GRADES, validate_contact, validate_student
from harmony_desktop.store import Store
from harmony_desktop.store.models import Contact, Student, new_id
from harmony_desktop.store.queries import live

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
    "instrument": ("instrument", "instrumento"),
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
FIELD_ALIASES: dict[str, tuple[str, ...]] = {**STUDENT_FIELDS, **_contact_aliases()}


def field_label(name: str) -> str:
    """The label of an import target field, as the mapping step shows it."""
    labels = {
        "legal_first_name": _("First name"),
        "legal_last_name": _("Last name"),
        "full_name": _('Full name ("Last, First")'),
        "preferred_name": _("Preferred name"),
        "date_of_birth": _("Date of birth"),
        "grade": _("Grade"),
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


@functools.lru_cache(maxsize=65536)
def normalise_header(text: str) -> str:
    """A header name folded for matching: no accents, lower case, words only."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"(?<=[a-z])(?=\d)", " ", text)  # "guardian1" → "guardian 1"
    return " ".join(text.split())


_ALIAS_INDEX: dict[str, str] = {}
for _field, _names in FIELD_ALIASES.items():
    for _name in _names:
        _ALIAS_INDEX.setdefault(normalise_header(_name), _field)
# The plain words are ambiguous on their own; these win.
for _name, _field in (
    ("name", "full_name"),
    ("nombre", "legal_first_name"),
    ("parentesco", "guardian1_relationship"),
    ("relationship", "guardian1_relationship"),
    ("phone", "guardian1_phone"),
    ("telefono", "guardian1_phone"),
    ("email", "guardian1_email"),
    ("correo", "guardian1_email"),
):
    _ALIAS_INDEX[_name] = _field


# -- reading files ------------------------------------------------------------------------


Cell = str | int | float | dt.date | dt.datetime | bool | None


@dataclass
class RawTable:
    """A file read into a header and rows, each row with its line (or sheet row) number."""

    headers: list[str]
    rows: list[tuple[int, list[Cell]]]
    encoding: str = ""
    source: str = ""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a CSV file's bytes (BOMs, UTF-8, else Windows-1252)."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _read_csv(path: Path) -> RawTable:
    text, encoding = decode_bytes(path.read_bytes())
    sample = text[:8192]
    delimiter = ","
    first_line = sample.splitlines()[0] if sample else ""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    if counts[","] == 0 and max(counts.values()) > 0:
        delimiter = max(counts, key=lambda d: counts[d])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    line = 1
    for record in reader:
        rows.append((line, list(record)))
        line = reader.line_num + 1
    return _split_header(rows, encoding, path.name)


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            _("{name} could not be read as an Excel workbook: {error}").format(
                name=path.name, error=exc
            )
        ) from exc
    try:
        best: list[tuple[int, list[Cell]]] = []
        for sheet in book.worksheets:
            rows = [
                (number, list(values))
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
            if len(rows) > len(best):
                best = rows
    finally:
        book.close()
    return _split_header(best, "xlsx", path.name)


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _split_header(rows: list[tuple[int, list[Cell]]], encoding: str, source: str) -> RawTable:
    rows = [(n, r) for n, r in rows if not all(_blank(c) for c in r)]
    if not rows:
        raise ValidationError(_("{name} has no rows.").format(name=source))
    # A title row ("Spring roster 2026") may sit above the real header: take the first
    # of the first rows in which at least two cells are known column names.
    header_at = 0
    for i, (_n, cells) in enumerate(rows[:10]):
        known = sum(1 for c in cells if normalise_header(str(c or "")) in _ALIAS_INDEX)
        if known >= 2:
            header_at = i
            break
    headers = [str(c).strip() if c is not None else "" for c in rows[header_at][1]]
    return RawTable(headers, rows[header_at + 1 :], encoding, source)


def read_table(path: Path | str) -> RawTable:
    """Read a CSV or .xlsx file. Raises :class:`ValidationError` if it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise ValidationError(_("There is no file {path}.").format(path=path))
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".xls":
        raise ValidationError(
            _("Old .xls workbooks cannot be read. Save the file as .xlsx or CSV and try again.")
        )
    return _read_csv(path)


# -- the column mapping --------------------------------------------------------------------


def guess_mapping(headers: Iterable[str]) -> dict[int, str | None]:
    """Column index → target field (None: ignored) from the header names."""
    mapping: dict[int, str | None] = {}
    used: set[str] = set()
    for i, header in enumerate(headers):
        target = _ALIAS_INDEX.get(normalise_header(header))
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

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "ene", "enero"),
            ("feb", "february", "febrero"),
            ("mar", "march", "marzo"),
            ("apr", "april", "abr", "abril"),
            ("may", "mayo"),
            ("jun", "june", "junio"),
            ("jul", "july", "julio"),
            ("aug", "august", "ago", "agosto"),
            ("sep", "sept", "september", "septiembre", "setiembre"),
            ("oct", "october", "octubre"),
            ("nov", "november", "noviembre"),
            ("dec", "december", "dic", "diciembre"),
        ],
        start=1,
    )
    for name in names
}


def _two_digit_year(year: int, today: dt.date) -> int:
    if year >= 100:
        return year
    century = today.year // 100 * 100
    return century + year if century + year <= today.year else century - 100 + year


def parse_date(value: Cell, *, today: dt.date | None = None) -> dt.date | None:
    """A date from a cell: a date, an Excel serial number, ISO, US (M/D/Y) or D/M/Y when
    the day is over 12, or "4 Mar 2015" / "March 4, 2015" / "4 de marzo de 2015".
    None for an empty cell; :class:`ValueError` when it is not a date."""
    today = today or dt.date.today()
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return _serial(float(value))
    text = str(value).strip()
    if re.fullmatch(r"\d{4,5}(\.\d+)?", text):
        return _serial(float(text))
    text = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?\s*(am|pm|AM|PM)?$", "", text).strip()
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", text):
        a, b, year = int(m[1]), int(m[2]), _two_digit_year(int(m[3]), today)
        month, day = (b, a) if a > 12 else (a, b)
        return dt.date(year, month, day)
    words = re.sub(r"[,.]", " ", normalise_header(text)).split()
    words = [w for w in words if w != "de"]
    if len(words) == 3:
        if words[0].isdigit() and words[1] in _MONTHS and words[2].isdigit():
            return dt.date(_two_digit_year(int(words[2]), today), _MONTHS[words[1]], int(words[0]))
        if words[0] in _MONTHS and words[1].isdigit() and words[2].isdigit():
            return dt.date(_two_digit_year(int(words[2]), today), _MONTHS[words[0]], int(words[1]))
    raise ValueError(text)


def _serial(number: float) -> dt.date:
    # Excel's 1900 date system (with its phantom 29 Feb 1900: epoch 30 Dec 1899).
    if not 1 <= number < 2_958_466:
        raise ValueError(number)
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


_TRUE = {"y", "yes", "true", "1", "x", "si", "s", "ok", "sí", "verdadero", "allowed", "permitido"}
_FALSE = {"n", "no", "false", "0", "", "falso", "none", "not allowed", "no permitido"}


def parse_bool(value: Cell) -> bool | None:
    """Yes/no in English or Spanish (sí, no, x, 1, true); None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = normalise_header(str(value))
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(text)


def parse_grade(value: Cell) -> str:
    """A grade as stored: "PK", "K" or "1" … "12" (from "3rd", "Grade 03", "Kínder", "TK")."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(int(value))
    text = normalise_header(str(value))
    if not text:
        return ""
    if text in {"pk", "pre k", "prek", "tk", "pre kinder", "prekinder", "preescolar"}:
        return "PK"
    if text in {"k", "kg", "kinder", "kindergarten", "kinder garten"}:
        return "K"
    if m := re.fullmatch(
        r"(?:grade |grado |gr )?0*(\d{1,2})(?: ?(?:st|nd|rd|th|o|a|er|do))?(?: grade| grado)?", text
    ):
        return str(int(m[1]))
    return str(value).strip()


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # Names are stored as typed, in NFC: a file from a Mac may hold "Núñez" decomposed.
    return stored_text(" ".join(text.split()) if "\n" not in text else text)


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


@dataclass
class ImportReport:
    """The outcome of a dry run or an import: counts and every rejected row."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    contacts_created: int = 0
    contacts_updated: int = 0
    applied: bool = False

    @property
    def total(self) -> int:
        """Rows read from the file (not counting the header)."""
        return self.created + self.updated + self.unchanged + len(self.rejected)

    def summary(self) -> str:
        """One line for people: "12 to create, 3 to update, 1 rejected"."""
        if self.applied:
            text = _("{c} created, {u} updated, {n} unchanged, {r} rejected.")
        else:
            text = _("{c} to create, {u} to update, {n} unchanged, {r} rejected.")
        return text.format(c=self.created, u=self.updated, n=self.unchanged, r=len(self.rejected))


class ImportRefused(HarmonyError):
    """A strict import met rejected rows; nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            _("Nothing was imported: {count} row(s) were rejected.").format(
                count=len(report.rejected)
            )
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


def _convert_row(
    cells: list[Cell], mapping: dict[int, str | None], today: dt.date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Student fields and contacts of one row; raises ValidationError with a reason."""
    student: dict[str, Any] = {}
    slots: dict[str, dict[str, Any]] = {}
    for index, target in mapping.items():
        if not target or index >= len(cells):
            continue
        raw = cells[index]
        if _blank(raw):
            continue
        if target in STUDENT_FIELDS:
            student[target] = _convert_student_value(target, raw, today)
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
    return student, contacts


def _convert_student_value(target: str, raw: Cell, today: dt.date) -> Any:
    if target == "date_of_birth":
        try:
            return parse_date(raw, today=today)
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
    if target == "status":
        status = _STATUSES.get(normalise_header(_text(raw)))
        if status is None:
            raise ValidationError(_("Unknown status {status!r}.").format(status=_text(raw)), target)
        return status
    return _text(raw)


def _name_key(first: str, last: str, dob: dt.date | None) -> tuple[str, str, dt.date | None]:
    return (normalise_header(first), normalise_header(last), dob)


class ImportService:
    """Plans and applies imports of students and contacts into one hub."""

    def __init__(self, store: Store, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self._today = today

    def dry_run(
        self, hub_id: str, table: RawTable, mapping: dict[int, str | None] | None = None
    ) -> ImportReport:
        """What :meth:`apply` would do, without writing anything."""
        mapping = guess_mapping(table.headers) if mapping is None else mapping
        check_mapping(mapping)
        with self.store.read() as s:
            report, _plans = self._plan(s, hub_id, table, mapping)
        return report

    def apply(
        self,
        hub_id: str,
        table: RawTable,
        mapping: dict[int, str | None] | None = None,
        *,
        strict: bool = False,
        before_commit: Callable[[], None] | None = None,
    ) -> ImportReport:
        """Import the valid rows in one transaction: all of them are written or none.

        ``strict`` refuses the whole import (raising :class:`ImportRefused`) when any row
        is rejected. ``before_commit`` runs inside the transaction after every write
        (tests use it to prove a failure rolls everything back).
        """
        mapping = guess_mapping(table.headers) if mapping is None else mapping
        check_mapping(mapping)
        with self.store.write() as w:
            report, plans = self._plan(w.session, hub_id, table, mapping)
            if strict and report.rejected:
                raise ImportRefused(report)
            new_students: list[dict[str, Any]] = []
            new_contacts: list[dict[str, Any]] = []
            for plan in plans:
                if plan.existing_id is None:
                    student_id = new_id()
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
            # Students first, then their contacts (foreign keys).
            w.insert_many_values(Student, new_students)
            w.insert_many_values(Contact, new_contacts)
            if before_commit is not None:
                before_commit()
        report.applied = True
        return report

    def _plan(
        self, s: Session, hub_id: str, table: RawTable, mapping: dict[int, str | None]
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

        report = ImportReport()
        plans: list[RowPlan] = []
        seen_district: dict[str, int] = {}
        seen_name: dict[tuple[str, str, dt.date | None], tuple[int, str]] = {}
        for line, cells in table.rows:
            if all(_blank(c) for c in cells):
                continue
            try:
                fields, row_contacts = _convert_row(cells, mapping, today)
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
                            "The same student as on line {line} (district id or name and date of birth)."
                        ).format(line=earlier),
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
            plan = RowPlan(line, fields, row_contacts)
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
                if plan.changes or any(
                    len(c) > 1 or "_existing_id" not in c for c in plan.contacts
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
