"""Reading spreadsheets as people's files really are, for every import (students, the
programme set-up).

Files come from spreadsheets, school information systems and form tools, so reading is
forgiving:

* **encoding**: UTF-8 with or without a BOM, UTF-16 with a BOM; anything else is
  identified by charset-normalizer (Windows-1252 first, as Excel on Windows writes it),
  never decoded blindly;
* **delimiter**: ``,``, ``;``, tab or ``|``, chosen by looking at the first lines
  together, so a title line above the header does not decide it;
* **title rows** above the header are skipped: the header is the first of the first
  rows with two known column names;
* **headers** match by their words, in English or Spanish (:class:`HeaderMatcher`):
  "Student's full name", "Grade (2025-26)", "Can your child walk home alone?" and
  "Correo electrónico" find their fields; a column that matches nothing is listed, never
  dropped silently (:func:`unmapped_columns`).

Cells are converted by :func:`parse_date`, :func:`parse_bool`, :func:`parse_grade` and
:func:`cell_text`. A date written with numbers only ("03/04/2014") is read in one order
for its whole column (:func:`date_columns`), never cell by cell: the column's own dates
decide ("25/03/2015" can only be day/month), else the file's other date columns, else
the language of its headers, else the app's; a column that holds both orders is refused
with an example of each. Every row is numbered as a spreadsheet shows it: a CSV file's
records from 1 (the header's row included), whatever line breaks its quoted cells hold.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import (
    _,
    babel_locale,
    current_language,
    format_date,
    ngettext,
)
from harmony_desktop.domain.names import stored_text
from harmony_desktop.services.files import check_source, not_a_workbook

Cell = str | int | float | dt.date | dt.datetime | bool | None
Rows = list[tuple[int, list[Cell]]]


@dataclass
class RawTable:
    """A file read into a header and rows, each with its row number as a spreadsheet
    shows it (a CSV file's record number, the header's included; a sheet's row)."""

    headers: list[str]
    rows: Rows
    encoding: str = ""
    source: str = ""

    @property
    def workbook(self) -> bool:
        """True for a sheet of an .xlsx workbook, whose cells have types (a number, a
        date); False for a text (CSV) file, every cell of which is text."""
        return self.encoding == "xlsx"


# -- headers -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def normalise_header(text: str) -> str:
    """A header name folded for matching: no accents, lower case, words only."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"(?<=[a-z])(?=\d)", " ", text)  # "guardian1" → "guardian 1"
    return " ".join(text.split())


#: Words that say nothing about which field a column holds, in the questions form tools
#: use as headers ("Can your child walk home alone?"), in English and Spanish.
_FILLER = """
    a an the of to for in at on by with and or is are be does do did can could will would
    should may we you your yours my our their his her this that these those what which who
    how if any please s child childs children kid kids want wants like play know about
    have has there here
    el la los las lo un una unos unas de del al a en con y o u es son su sus tu tus mi mis
    que cual cuales por favor para hijo hija hijos hijas nino nina ninos ninas quiere
    puede desea tiene hay
"""
FILLER_WORDS = frozenset(_FILLER.split())


@functools.lru_cache(maxsize=65536)
def header_words(text: str) -> frozenset[str]:
    """The words of a header that carry meaning: folded, without a part in brackets
    ("Grade (2025-26)" → grade) and without filler words."""
    text = re.sub(r"[(\[{][^)\]}]*[)\]}]", " ", str(text))
    return frozenset(w for w in normalise_header(text).split() if w not in FILLER_WORDS)


class HeaderMatcher:
    """Finds the field a column holds from its header, in English or Spanish.

    A header matches a field when, folded (accents, case, punctuation ignored), it is one
    of the field's names; otherwise when the meaningful words of one of its names all
    appear among the header's and make up at least half of them ("Student's full name"
    holds "full name"; "Can your child walk home alone?" holds "walk home"). The longest
    such name wins; two fields tied are ambiguous, and the column is left unmapped.
    """

    def __init__(
        self, aliases: Mapping[str, Iterable[str]], preferred: Mapping[str, str] | None = None
    ) -> None:
        self.fields = list(aliases)
        self.exact: dict[str, str] = {}
        self.by_words: dict[frozenset[str], set[str]] = {}
        for target, names in aliases.items():
            for name in names:
                self.exact.setdefault(normalise_header(name), target)
                words = header_words(name)
                if words:
                    self.by_words.setdefault(words, set()).add(target)
        for name, target in (preferred or {}).items():
            self.exact[normalise_header(name)] = target
            self.by_words[header_words(name)] = {target}
        self._found: dict[str, str | None] = {}

    def match(self, header: str) -> str | None:
        """The field ``header`` names, or None (nothing, or several fields equally)."""
        if header not in self._found:
            self._found[header] = self._match(header)
        return self._found[header]

    def _match(self, header: str) -> str | None:
        folded = normalise_header(header)
        if not folded:
            return None
        if folded in self.exact:
            return self.exact[folded]
        words = header_words(header)
        if not words:
            return None
        best, targets = 0, set()
        for name_words, fields in self.by_words.items():
            if name_words <= words and 2 * len(name_words) >= len(words):
                if len(name_words) > best:
                    best, targets = len(name_words), set(fields)
                elif len(name_words) == best:
                    targets |= fields
        return next(iter(targets)) if len(targets) == 1 else None

    def known(self, header: object) -> bool:
        """True when ``header`` names a field (to find the header row)."""
        return header is not None and self.match(str(header)) is not None

    def guess(self, headers: Iterable[str]) -> dict[int, str | None]:
        """Column index → field (None: unmapped); a field goes to its first column."""
        mapping: dict[int, str | None] = {}
        used: set[str] = set()
        for i, header in enumerate(headers):
            target = self.match(header)
            if target in used:
                target = None
            mapping[i] = target
            if target:
                used.add(target)
        return mapping


def unmapped_columns(table: RawTable, mapping: Mapping[int, str | None]) -> list[str]:
    """The columns an import leaves out: named ones not mapped, and any column without a
    name that holds data ("column 7 (no name)")."""
    found = []
    for index, header in enumerate(table.headers):
        if mapping.get(index):
            continue
        if header.strip():
            found.append(header.strip())
        elif any(index < len(cells) and not blank(cells[index]) for _n, cells in table.rows):
            found.append(_("column {number} (no name)").format(number=index + 1))
    return found


# -- reading files ---------------------------------------------------------------------------

#: Single-byte encodings tried for a file that is not UTF-8, most likely first: Excel on
#: Windows (Spanish or English) writes Windows-1252; old Macs Mac Roman; DOS cp850.
LEGACY_ENCODINGS = ("cp1252", "mac_roman", "cp850", "latin_1")
_DELIMITERS = (",", ";", "\t", "|")
#: Lines looked at together to choose the delimiter.
SNIFF_LINES = 20


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a CSV file's bytes.

    BOMs and UTF-8 are certain; for anything else charset-normalizer picks the encoding
    that reads cleanly, trying the usual spreadsheet encodings first. A file it cannot
    read at all is refused with what to do, never decoded into replacement characters.
    """
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
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best() or from_bytes(data).best()
    if best is None:
        raise ValidationError(
            _(
                "The file's text could not be read (it may not be a spreadsheet). Save it "
                'from your spreadsheet as "CSV UTF-8" or as .xlsx and try again.'
            )
        )
    return str(best), best.encoding


def sniff_delimiter(text: str) -> str:
    """The delimiter of CSV text: the one that splits the first lines into the same
    number of columns most often (a title line above the header is outvoted)."""
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        widths = []
        try:
            for record in reader:
                if any(cell.strip() for cell in record):
                    widths.append(len(record))
                if len(widths) >= SNIFF_LINES:
                    break
        except csv.Error:
            continue
        counts = Counter(w for w in widths if w > 1)
        if not counts:
            continue
        width, lines = max(counts.items(), key=lambda item: (item[1], item[0]))
        if (lines, width) > best_score:
            best, best_score = delimiter, (lines, width)
    return best


def read_csv(path: Path) -> tuple[Rows, str]:
    """Every record of a CSV file with its row number as a spreadsheet opening the file
    shows it (the first record, the header or a title, is row 1; a blank line is a row),
    and the encoding it was read in. Not the text line: a quoted cell holding line
    breaks is one row however many lines it takes."""
    text, encoding = decode_bytes(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return [(row, list(record)) for row, record in enumerate(reader, start=1)], encoding


def read_workbook(path: Path) -> dict[str, Rows]:
    """Every sheet of an .xlsx workbook: its rows with their sheet row numbers, each cell
    as its type holds it (text, a number, a date), except a whole number padded by its
    format, read as the text the sheet shows ("01234": :func:`_shown_value`)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; its words
        raise not_a_workbook(path) from exc  # are for programmers, not for the reader
    try:
        # A sheet is read from the archive only now: a part cut short or damaged (an
        # XML or zip error) is a damaged workbook too, said the same way.
        return {
            sheet.title: [
                (number, [_shown_value(cell) for cell in cells])
                for number, cells in enumerate(sheet.iter_rows(), start=1)
            ]
            for sheet in book.worksheets
        }
    except Exception as exc:
        raise not_a_workbook(path) from exc
    finally:
        book.close()


#: A number format of zeros only ("00000": Excel's "Zip Code", an id padded to its width).
_ZEROS_FORMAT = re.compile(r"0{2,}")


def _shown_value(cell: object) -> Cell:
    """A workbook cell's value; a whole number whose format pads it with zeros as the
    sheet shows it, as text: 1234 formatted "00000" is the ZIP code or id "01234", whose
    leading zero Excel keeps only in the format."""
    value: Cell = getattr(cell, "value", None)
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and float(value).is_integer()
        and value >= 0
        and _ZEROS_FORMAT.fullmatch(str(getattr(cell, "number_format", "") or ""))
    ):
        width = len(str(getattr(cell, "number_format", "")))
        return str(int(value)).zfill(width)
    return value


def blank(cell: Cell) -> bool:
    """True for an empty cell (or only spaces)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def split_header(rows: Rows, matcher: HeaderMatcher, encoding: str, source: str) -> RawTable:
    """The table under the header row: the first of the first ten rows in which at least
    two cells are known column names (title rows above it are skipped)."""
    rows = [(n, r) for n, r in rows if not all(blank(c) for c in r)]
    if not rows:
        raise ValidationError(_("{name} has no rows.").format(name=source))
    header_at = 0
    for i, (_n, cells) in enumerate(rows[:10]):
        if sum(1 for c in cells if matcher.known(c)) >= 2:
            header_at = i
            break
    headers = [str(c).strip() if c is not None else "" for c in rows[header_at][1]]
    return RawTable(headers, rows[header_at + 1 :], encoding, source)


def check_file(path: Path) -> str:
    """The file's lower-case suffix; ValidationError for an old .xls file, and for one
    that is missing, a folder, empty, unreadable or not what its name says
    (:func:`harmony_desktop.services.files.check_source`)."""
    suffix = path.suffix.casefold()
    if suffix == ".xls" and path.is_file():
        raise ValidationError(
            _("Old .xls workbooks cannot be read. Save the file as .xlsx or CSV and try again.")
        )
    check_source(path)
    return suffix


def read_table(path: Path | str, matcher: HeaderMatcher) -> RawTable:
    """Read a CSV file, or the biggest sheet of an .xlsx workbook, into a table."""
    path = Path(path)
    if check_file(path) in (".xlsx", ".xlsm"):
        sheets = read_workbook(path)
        biggest = max(sheets.values(), key=len, default=[])
        return split_header(biggest, matcher, "xlsx", path.name)
    rows, encoding = read_csv(path)
    return split_header(rows, matcher, encoding, path.name)


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


#: How a date written with numbers only ("03/04/2014") is read: the day first or the month.
DAY_MONTH = "day/month"
MONTH_DAY = "month/day"

_TIME_OF_DAY = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?\s*(am|pm|AM|PM)?$")
_NUMBERS_ONLY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
_BARE_NUMBER = re.compile(r"\d+(\.\d+)?")
#: Numbers that are years, not Excel serial numbers (a serial number in this range is a
#: day of 1905: no child, term or clearance of this programme's).
_YEARS = (1900, 2100)


class NotADate(ValueError):
    """A bare number where a date belongs: a year alone ("2015"), a number in a text
    file (never an Excel serial number there), or a numeric cell that is a year. Its
    :meth:`reason` says what to write instead."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def _example(self) -> str:
        number = float(self.text)
        year = int(number) if _YEARS[0] <= number <= _YEARS[1] else 2015
        return f"{year}-03-25"

    def reason(self, what: str | None = None) -> str:
        """Why the value is refused and what to write: of a birth date when ``what`` is
        None ("2015 is not a date: write the whole birth date, e.g. 2015-03-25."), else
        of the date ``what`` names."""
        if what is None:
            return _("{value} is not a date: write the whole birth date, e.g. {example}.").format(
                value=self.text, example=self._example()
            )
        return _("{value} is not a date ({what}): write the whole date, e.g. {example}.").format(
            value=self.text, what=what, example=self._example()
        )


class NotInOrder(ValueError):
    """A date written with numbers only that is no date in the order chosen for the
    import ("25/03/2015" read month/day). Its :meth:`reason` says what to do."""

    def __init__(self, text: str, order: str) -> None:
        super().__init__(text)
        self.text = text
        self.order = order

    def reason(self, what: str | None = None) -> str:
        """Why the value is refused: of a birth date when ``what`` is None, else of the
        date ``what`` names."""
        order = _order_words(self.order)
        if what is None:
            return _(
                "{value} is not a date when read {order}, the order chosen for this import: write "
                "the birth date as YYYY-MM-DD, or choose the other order."
            ).format(value=self.text, order=order)
        return _(
            "{value} is not a date when read {order}, the order chosen for this import ({what}): "
            "write the date as YYYY-MM-DD, or choose the other order."
        ).format(value=self.text, order=order, what=what)


def _date_text(text: str) -> str:
    """A date's text without a time of day after it ("2014-03-05 00:00:00")."""
    return _TIME_OF_DAY.sub("", text.strip()).strip()


def _numbers_only(value: Cell) -> tuple[int, int] | None:
    """The first two numbers of a date written with numbers only, the year last
    ("03/04/2014" → (3, 4)): day and month in an order the value alone may not tell."""
    if not isinstance(value, str):
        return None
    m = _NUMBERS_ONLY.fullmatch(_date_text(value))
    return (int(m[1]), int(m[2])) if m else None


def _order_shown(parts: tuple[int, int]) -> str | None:
    """The order a value can only be read in ("25/03/2015": day/month), or None when it
    could be either ("03/04/2014") or neither ("13/13/2015", refused as it stands)."""
    first, second = parts
    if 13 <= first <= 31 and 1 <= second <= 12:
        return DAY_MONTH
    if 13 <= second <= 31 and 1 <= first <= 12:
        return MONTH_DAY
    return None


def parse_date(
    value: Cell,
    *,
    today: dt.date | None = None,
    order: str | None = None,
    serials: bool = True,
) -> dt.date | None:
    """A date from a cell: a date, an Excel serial number, ISO, numbers only ("03/04/2014")
    in ``order`` (:data:`DAY_MONTH` or :data:`MONTH_DAY`, decided for the whole column by
    :func:`date_columns`; None: day/month only when the first number is over 12), or
    "4 Mar 2015" / "March 4, 2015" / "4 de marzo de 2015".

    A number is an Excel serial number only in a cell the workbook stores as a number
    (an ``int`` or ``float``, where ``serials``: a workbook) and only outside the years
    1900–2100: "2015" is a year, never 7 July 1905. Text is never a serial number, in a
    workbook either: a text cell "45123" is what someone typed, not 16 July 2023. None for
    an empty cell; :class:`NotADate` for a bare number that is no date,
    :class:`ValueError` for anything else that is not a date."""
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
        if not serials:
            raise NotADate(cell_text(value))
        return _serial(cell_text(value))
    text = str(value).strip()
    if _BARE_NUMBER.fullmatch(text):
        raise NotADate(text)  # text, even in a workbook: never a serial number
    text = _date_text(text)
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMBERS_ONLY.fullmatch(text):
        a, b, year = int(m[1]), int(m[2]), _two_digit_year(int(m[3]), today)
        day_first = a > 12 if order is None else order == DAY_MONTH
        month, day = (b, a) if day_first else (a, b)
        return dt.date(year, month, day)
    words = re.sub(r"[,.]", " ", normalise_header(text)).split()
    words = [w for w in words if w != "de"]
    if len(words) == 3:
        if words[0].isdigit() and words[1] in _MONTHS and words[2].isdigit():
            return dt.date(_two_digit_year(int(words[2]), today), _MONTHS[words[1]], int(words[0]))
        if words[0] in _MONTHS and words[1].isdigit() and words[2].isdigit():
            return dt.date(_two_digit_year(int(words[2]), today), _MONTHS[words[0]], int(words[1]))
    raise ValueError(text)


def _serial(text: str) -> dt.date:
    # Excel's 1900 date system (with its phantom 29 Feb 1900: epoch 30 Dec 1899).
    number = float(text)
    if _YEARS[0] <= number <= _YEARS[1]:
        raise NotADate(text)
    if not 1 <= number < 2_958_466:
        raise ValueError(number)
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


# -- dates: one order per column ---------------------------------------------------------

#: Words of headers in one language only (folded), to tell a file's language.
_SPANISH = """
    de del la las el los y su sus fecha fechas nacimiento nombre nombres apellido apellidos
    grado escuela colegio telefono correo electronico padre madre alergias alergia idioma
    hogar parentesco contacto emergencia estudiante alumno alumna instrumento instrumentos
    nivel notas permiso fotos sede sedes dia dias inicio fin primer primera ultimo ultima
    capacidad maestro maestra conjunto conjuntos ensamble ensambles periodo periodos hasta
    motivo razon vence vencimiento huellas acuerdo numero distrito celular direccion
    habilidades voluntario voluntaria puesto rol estado clase clases ano escolar cerrado
    descripcion lugar salon aula hora familia edad inscripcion matricula comentarios
    observaciones medicas salud caminando caminar casa puede preferido apodo hecho
"""
_SPANISH_WORDS = frozenset(_SPANISH.split())
_ENGLISH = """
    of the and your to date dates birth birthday birthdate dob name first last given
    surname full grade school phone parent guardian allergies allergy language home
    relationship contact emergency student instrument level notes photo consent release
    walk walks hub hubs day days start end capacity teacher ensemble ensembles term terms
    until reason expires expiry cleared done number district address skills role status
    class year closed closure closures holiday time location room mobile cell email
    preferred nickname family medical health comments volunteer
"""
_ENGLISH_WORDS = frozenset(_ENGLISH.split())
#: A day as the examples of the dry run write it: the day first, the month by name.
_READ_AS = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}


def headers_language(headers: Iterable[str]) -> str | None:
    """The language a file's headers are written in ("es", "en"), or None when they do
    not tell (no word of either, or as many of each)."""
    spanish = english = 0
    for header in headers:
        for word in normalise_header(header).split():
            spanish += word in _SPANISH_WORDS
            english += word in _ENGLISH_WORDS
    if spanish == english:
        return None
    return "es" if spanish > english else "en"


def language_order(language: str | None = None) -> str:
    """The order in which ``language`` (default: the app's) writes a date with numbers
    only: day/month in Spanish (es_MX, "25/03/2015"), month/day in US English."""
    pattern = babel_locale(language).date_formats["short"].pattern
    return DAY_MONTH if pattern.find("d") < pattern.find("M") else MONTH_DAY


def _order_words(order: str) -> str:
    return _("day/month") if order == DAY_MONTH else _("month/day")


def _language_name(language: str) -> str:
    return _("Spanish") if language == "es" else _("English")


@dataclass(frozen=True)
class DateOrder:
    """The order one column's dates written with numbers only are read in, and why."""

    #: the column as the dry run names it (its header)
    column: str
    #: :data:`DAY_MONTH` or :data:`MONTH_DAY`
    order: str
    #: "column": a value of its own can only be read so; "file": one of another date
    #: column of the file; "headers": the headers' language; "app": the app's language;
    #: "chosen": the person importing chose it
    why: str
    #: (row, value, column) of the value that shows the order ("column", "file")
    shown_by: tuple[int, str, str] | None = None
    #: the language that decided ("headers", "app")
    language: str | None = None
    #: a value of the column that the order decides ("03/04/2014"): its day and month
    #: differ and neither is over 12
    example: str | None = None

    def note(self, today: dt.date | None = None) -> str | None:
        """What the dry run says of the column: "Fecha de nacimiento: 03/04/2014 read as
        3 April 2014 (day/month), as 25/03/2015 on row 2 shows."; None when no date of
        the column reads differently in the other order."""
        if self.example is None:
            return None
        day = parse_date(self.example, today=today, order=self.order)
        assert day is not None
        values = {
            "column": self.column,
            "example": _date_text(self.example),
            "date": format_date(day, _READ_AS.get(current_language(), _READ_AS["en"])),
            "order": _order_words(self.order),
        }
        if self.why == "column" and self.shown_by:
            row, value, _column = self.shown_by
            return _(
                "{column}: {example} read as {date} ({order}), as {value} on row {row} shows."
            ).format(**values, value=value, row=row)
        if self.why == "file" and self.shown_by:
            row, value, other = self.shown_by
            return _(
                "{column}: {example} read as {date} ({order}), as {value} in {other} on row "
                "{row} shows."
            ).format(**values, value=value, other=other, row=row)
        if self.why == "chosen":
            return _(
                "{column}: {example} read as {date} ({order}), as chosen for this import."
            ).format(**values)
        language = _language_name(self.language or "en")
        if self.why == "headers":
            return _(
                "{column}: {example} read as {date} ({order}), as the file's headers are in "
                "{language} and no date in the column tells the order. If the file means "
                "otherwise, write its dates as YYYY-MM-DD."
            ).format(**values, language=language)
        return _(
            "{column}: {example} read as {date} ({order}), as the app is in {language} and no "
            "date in the column tells the order. If the file means otherwise, write its "
            "dates as YYYY-MM-DD."
        ).format(**values, language=language)


@dataclass
class _Seen:
    """What one column's values say of their order: every (row, value) that can only be
    read day first, and every one that can only be read month first."""

    header: str
    day_first: list[tuple[int, str]] = field(default_factory=list)
    month_first: list[tuple[int, str]] = field(default_factory=list)
    example: str | None = None

    def shown(self) -> tuple[str, tuple[int, str]] | None:
        if self.day_first:
            return DAY_MONTH, self.day_first[0]
        if self.month_first:
            return MONTH_DAY, self.month_first[0]
        return None


#: The rows of each order a refusal names before it says how many more there are.
LISTED_ROWS = 5


def _rows_text(found: list[tuple[int, str]]) -> str:
    """Dates and their rows: "25/03/2015 on row 2, 13/05/2014 on row 5", the first
    :data:`LISTED_ROWS` of them, then "and 3 more"."""
    listed = ", ".join(
        _("{value} on row {row}").format(value=value, row=row) for row, value in found[:LISTED_ROWS]
    )
    more = len(found) - LISTED_ROWS
    if more <= 0:
        return listed
    return ngettext("{listed} and {n} more", "{listed} and {n} more", more).format(
        listed=listed, n=more
    )


class DateOrderConflict(ValidationError):
    """A date column holds dates that can only be read day first and others that can
    only be read month first: no order reads all of them. Its message names the rows
    of each; ``rows`` holds them (day first, month first), for whoever offers to choose
    the order instead (:func:`date_columns`' ``order``)."""

    def __init__(
        self,
        message: str,
        column: str,
        day_first: list[tuple[int, str]],
        month_first: list[tuple[int, str]],
    ) -> None:
        super().__init__(message)
        self.column = column
        self.rows = (list(day_first), list(month_first))


@dataclass(frozen=True)
class DateColumns:
    """How a table's date columns are read: each one's order, decided once for all its
    rows (:func:`date_columns`), and whether a number cell may be an Excel serial
    number (in a workbook; text, a text cell of a workbook too, never is)."""

    orders: dict[str, DateOrder] = field(default_factory=dict)
    serials: bool = True

    def parse(self, target: str, value: Cell, *, today: dt.date | None = None) -> dt.date | None:
        """The date in ``value``, a cell of the column mapped to ``target``
        (:func:`parse_date`'s errors)."""
        order = self.orders.get(target)
        try:
            return parse_date(
                value, today=today, order=order.order if order else None, serials=self.serials
            )
        except NotADate:
            raise
        except ValueError as exc:
            if order is not None and order.why == "chosen" and _numbers_only(value):
                raise NotInOrder(_date_text(str(value)), order.order) from exc
            raise

    def notes(self, today: dt.date | None = None) -> list[str]:
        """What the dry run says of the orders read (:meth:`DateOrder.note`)."""
        return [n for order in self.orders.values() if (n := order.note(today))]


def date_columns(
    table: RawTable, columns: Mapping[str, int], *, where: str = "", order: str | None = None
) -> DateColumns:
    """Decide the order of each date column of ``table`` (target → column index) from
    all its values, once: a value whose first number is over 12 ("25/03/2015") means
    day/month for the whole column, one whose second is ("03/25/2015") month/day. When
    every value could be either, the file's other date columns decide, else the
    language of its headers ("Fecha de nacimiento": day/month), else the app's.

    :class:`DateOrderConflict` names a column that holds both orders, with the rows of
    each, and what to do. ``order`` (:data:`DAY_MONTH` or :data:`MONTH_DAY`): the order
    the person importing chose, for every column, whatever its dates show; a value that
    cannot be read in it is refused on its row (:class:`NotInOrder`), never the file.
    ``where`` goes before each column's name (a workbook's sheet)."""
    chosen = order
    seen: dict[str, _Seen] = {}
    for target, index in columns.items():
        header = table.headers[index] if index < len(table.headers) else ""
        found = seen[target] = _Seen(
            header or _("column {number} (no name)").format(number=index + 1)
        )
        for row, cells in table.rows:
            parts = _numbers_only(cells[index]) if index < len(cells) else None
            if parts is None:
                continue
            text = _date_text(str(cells[index]))
            shown = _order_shown(parts)
            if shown == DAY_MONTH:
                found.day_first.append((row, text))
            elif shown == MONTH_DAY:
                found.month_first.append((row, text))
            elif (
                found.example is None
                and parts[0] != parts[1]
                and 1 <= min(parts) <= max(parts) <= 12
            ):
                found.example = text
        if found.day_first and found.month_first and chosen is None:
            column = _where(where, found.header)
            raise DateOrderConflict(
                _(
                    "{column}: some dates are written day first ({day_rows}) and some month "
                    "first ({month_rows}), so the others cannot be read for sure. Correct the "
                    "column so that all its dates are in one order, or write them as "
                    "YYYY-MM-DD, and check the file again."
                ).format(
                    column=column,
                    day_rows=_rows_text(found.day_first),
                    month_rows=_rows_text(found.month_first),
                ),
                column,
                found.day_first,
                found.month_first,
            )
    shown_in_file = {target: told for target, found in seen.items() if (told := found.shown())}
    file_orders = {order for order, _shown in shown_in_file.values()}
    language = headers_language(table.headers)
    orders: dict[str, DateOrder] = {}
    for target, found in seen.items():
        column = _where(where, found.header)
        if chosen is not None:
            # One that shows the other order, or that is no date in either, is refused
            # on its row (:class:`NotInOrder`).
            orders[target] = DateOrder(column, chosen, "chosen", example=found.example)
        elif target in shown_in_file:
            order, (row, value) = shown_in_file[target]
            orders[target] = DateOrder(
                column, order, "column", (row, value, column), example=found.example
            )
        elif len(file_orders) == 1:
            other, (order, (row, value)) = next(iter(shown_in_file.items()))
            orders[target] = DateOrder(
                column,
                order,
                "file",
                (row, value, seen[other].header),
                example=found.example,
            )
        elif language:
            orders[target] = DateOrder(
                column,
                language_order(language),
                "headers",
                language=language,
                example=found.example,
            )
        else:
            app = current_language()
            orders[target] = DateOrder(
                column, language_order(app), "app", language=app, example=found.example
            )
    return DateColumns(orders, serials=table.workbook)


# -- a date typed into a form --------------------------------------------------------------


def parse_typed_date(
    text: str, *, order: str | None = None, today: dt.date | None = None
) -> dt.date | None:
    """A date a person typed into a form: YYYY-MM-DD always, numbers only ("5/6/2014")
    in ``order`` (default: the app's language's, :func:`language_order`: 5 June in
    Spanish, May 6 in US English), or with the month by name ("5 jun 2014", "June 5,
    2014", "5 de junio de 2014"). One order for every date typed, never guessed from
    the numbers: "25/03/2014" in US English is refused, not read day first.

    None for empty text; :class:`ValueError` (:class:`NotADate` for a bare number) for
    text that is no date in that order (:func:`typed_date_example` says what to write)."""
    if not text.strip():
        return None
    return parse_date(text, today=today, order=order or language_order(), serials=False)


def typed_date_example(order: str | None = None) -> str:
    """25 March 2014 written with numbers in ``order`` (default: the app's language's):
    "25/03/2014" day first, "03/25/2014" month first; an example no one can misread."""
    order = order or language_order()
    return "25/03/2014" if order == DAY_MONTH else "03/25/2014"


def _where(where: str, header: str) -> str:
    return f"{where}, {header}" if where else header


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


def cell_text(value: Cell) -> str:
    """A cell as text: whole numbers without ".0", dates as YYYY-MM-DD, spaces tidied,
    in NFC (a file from a Mac may hold "Núñez" decomposed)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return stored_text(" ".join(text.split()) if "\n" not in text else text)
