"""The programme set-up from a spreadsheet, and back: Hubs, Staff, Ensembles, Calendar
and Terms sheets (or CSV files named after them), headers in English or Spanish.

It follows the roster import's rules and shares its reading (``sheets.py``): the dry
run first, then all or nothing (a workbook with any rejected line writes nothing), line
numbers with reasons, the column mapping shown and the columns left out listed.
Re-importing the same workbook changes nothing: hubs and staff are matched by name
(staff who share a name by name and email: an ensemble's teacher is then written
"Ana García <ana.garcia2@example.org>"), ensembles by hub and name, closures by hub and
date, terms by year and name, and an empty cell never blanks out what is stored.

Several rows with the same hub and ensemble name are one ensemble meeting at several
times ("Mon Wed 15:30–17:00" on one row, "Sat 10:00–11:30" on the next).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session, select

from harmony_desktop.domain.errors import HarmonyError, ValidationError
from harmony_desktop.domain.i18n import _, data_label, ngettext, weekday_name
from harmony_desktop.domain.names import fold
from harmony_desktop.domain.schedule import (
    current,
    meetings,
    parse_time,
    parse_weekdays,
)
from harmony_desktop.domain.vocab import StaffRole
from harmony_desktop.services.access import Access, access
from harmony_desktop.services.calendar import check_term, label_for, start_year, year_label_of
from harmony_desktop.services.files import check_target, saving
from harmony_desktop.services.hubs import staff_hubs
from harmony_desktop.services.importing import count_words
from harmony_desktop.services.setup import (
    EnsembleRecord,
    HubRecord,
    SetupService,
    StaffRecord,
)
from harmony_desktop.services.sheets import (
    Cell,
    DateColumns,
    HeaderMatcher,
    NotADate,
    NotInOrder,
    RawTable,
    Rows,
    blank,
    cell_text,
    check_file,
    date_columns,
    normalise_header,
    parse_bool,
    parse_grade,
    read_csv,
    read_workbook,
    split_header,
    unmapped_columns,
)
from harmony_desktop.store import ChangeWriter, Store
from harmony_desktop.store.models import Closure, Ensemble, Hub, Staff, Term
from harmony_desktop.store.queries import get_live, live
from harmony_desktop.store.replica import closure_id

# -- the sheets and their columns ------------------------------------------------------------


def _w(text: str) -> tuple[str, ...]:
    """Names from a comma-separated list (the alias tables stay readable)."""
    return tuple(name.strip() for name in text.split(","))


HUBS, STAFF, ENSEMBLES, CALENDAR, TERMS = "Hubs", "Staff", "Ensembles", "Calendar", "Terms"
#: Sheets in the order they are applied (an ensemble names its hub and teacher).
SHEETS = (HUBS, STAFF, ENSEMBLES, CALENDAR, TERMS)

SHEET_NAMES = HeaderMatcher(
    {
        HUBS: _w("hubs, hub, sites, site, sedes, sede, centros"),
        STAFF: _w("staff, personal, team, teachers, equipo, maestros, empleados"),
        ENSEMBLES: _w("ensembles, ensemble, classes, ensambles, conjuntos, clases, grupos"),
        CALENDAR: _w(
            "calendar, closures, holidays, calendario, cierres, feriados, dias festivos, "
            "dias cerrados"
        ),
        TERMS: _w("terms, periods, periodos, trimestres, semestres"),
    }
)

#: Each sheet's name as written (the export, the command line's report): English, Spanish.
SHEET_LABELS: dict[str, tuple[str, str]] = {
    HUBS: ("Hubs", "Sedes"),
    STAFF: ("Staff", "Personal"),
    ENSEMBLES: ("Ensembles", "Conjuntos"),
    CALENDAR: ("Calendar", "Calendario"),
    TERMS: ("Terms", "Periodos"),
}
#: Each column's header as the export writes it: English, Spanish (both read back).
COLUMN_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    HUBS: {
        "name": ("Name", "Nombre"),
        "address": ("Address", "Dirección"),
        "partner": ("Partner", "Socio"),
        "partner_kind": ("Partner kind", "Tipo de socio"),
        "timezone": ("Time zone", "Zona horaria"),
    },
    STAFF: {
        "name": ("Name", "Nombre"),
        "role": ("Role", "Rol"),
        "hubs": ("Hubs", "Sedes"),
        "phone": ("Phone", "Teléfono"),
        "email": ("Email", "Correo electrónico"),
        "archived": ("Archived", "Archivado"),
    },
    ENSEMBLES: {
        "hub": ("Hub", "Sede"),
        "name": ("Name", "Nombre"),
        "teacher": ("Teacher", "Maestro"),
        "capacity": ("Capacity", "Capacidad"),
        "weekdays": ("Weekdays", "Días"),
        "start": ("Start", "Inicio"),
        "end": ("End", "Fin"),
        "first_day": ("First day", "Primer día"),
        "last_day": ("Last day", "Último día"),
        "follows_terms": ("Follows terms", "Sigue los periodos"),
        "grades": ("Grades", "Grados"),
        "level": ("Level", "Nivel"),
        "instrument_family": ("Instrument family", "Familia de instrumentos"),
        "location": ("Location", "Lugar"),
    },
    CALENDAR: {
        "date": ("Date", "Fecha"),
        "until": ("Until", "Hasta"),
        "hub": ("Hub", "Sede"),
        "reason": ("Reason", "Motivo"),
    },
    TERMS: {
        "year": ("Year", "Año"),
        "name": ("Name", "Nombre"),
        "first_day": ("First day", "Primer día"),
        "last_day": ("Last day", "Último día"),
    },
}


def sheet_label(sheet: str) -> str:
    """A sheet's name in the current language ("Conjuntos" for Ensembles in Spanish)."""
    english, spanish = SHEET_LABELS.get(sheet, (sheet, ""))
    return data_label(english, spanish)


def headers(sheet: str, *names: str) -> list[str]:
    """The headers of these columns in the current language."""
    return [column_label(sheet, name) for name in names]


def column_label(sheet: str, name: str) -> str:
    """A column's header in the current language (as the export writes it)."""
    english, spanish = COLUMN_LABELS.get(sheet, {}).get(name, (name.replace("_", " "), ""))
    return data_label(english, spanish)


_HUB = _w("hub, hub name, site, sede, nombre de la sede, centro")
_NAME = _w("name, nombre")
_PHONE = _w("phone, cell, mobile, phone number, telefono, celular, tel")
_EMAIL = _w("email, e mail, email address, correo, correo electronico")

COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    HUBS: {
        "name": (*_NAME, *_HUB),
        "address": _w("address, street address, direccion, domicilio"),
        "partner": _w("partner, partner organisation, partner organization, socio, aliado"),
        "partner_kind": _w(
            "partner kind, kind, type, site type, tipo, tipo de sede, tipo de socio, "
            "tipo de aliado, clase de socio"
        ),
        "timezone": _w("time zone, timezone, tz, zona horaria"),
    },
    STAFF: {
        "name": (*_NAME, "staff", "full name", "staff name", "nombre completo"),
        "role": _w("role, position, job, title, rol, puesto, cargo"),
        "hubs": (*_HUB, "hubs", "sites", "sedes", "works at", "trabaja en"),
        "phone": _PHONE,
        "email": _EMAIL,
        "archived": _w("archived, left, archivado, archivada"),
    },
    ENSEMBLES: {
        "hub": _HUB,
        "name": (
            *_NAME,
            *_w("ensemble, class, ensemble name, class name, conjunto, ensamble, clase, grupo"),
        ),
        "teacher": _w(
            "teacher, teaching artist, instructor, maestro, maestra, profesor, profesora, docente"
        ),
        "capacity": _w("capacity, places, seats, max students, capacidad, cupo, lugares"),
        "weekdays": _w("weekdays, days, meets on, day, dias, dia, dias de la semana"),
        "start": _w("start, start time, from, begins, inicio, hora de inicio, desde"),
        "end": _w("end, end time, until, ends, fin, hora de fin, hasta, termina"),
        "first_day": _w(
            "first day, start date, first class, begins on, primer dia, fecha de inicio, "
            "primera clase"
        ),
        "last_day": _w(
            "last day, end date, last class, ends on, ultimo dia, fecha de fin, ultima clase"
        ),
        "follows_terms": _w(
            "follows terms, follows the term dates, term dates, sigue los periodos, "
            "sigue el calendario escolar"
        ),
        "grades": _w("grades, grade range, grade, grados, grado"),
        "level": _w("level, nivel"),
        "instrument_family": _w(
            "instrument family, family, instruments, familia, familia de instrumentos, instrumentos"
        ),
        "location": _w("location, room, place, lugar, salon, aula, ubicacion"),
    },
    CALENDAR: {
        "date": _w("date, day, closed on, fecha, dia, cerrado el"),
        "until": _w("until, to, through, last day, end date, hasta, ultimo dia"),
        "hub": _HUB,
        "reason": _w("reason, holiday, description, why, motivo, razon, descripcion, feriado"),
    },
    TERMS: {
        "year": _w("year, school year, programme year, program year, ano, ano escolar"),
        "name": (*_NAME, "term", "periodo", "trimestre"),
        "first_day": _w("first day, start, start date, begins, primer dia, inicio"),
        "last_day": _w("last day, end, end date, ends, ultimo dia, fin"),
    },
}
# The export's own headers are read back in either language, whatever the aliases say.
MATCHERS = {
    sheet: HeaderMatcher(
        columns,
        {label: name for name, both in COLUMN_LABELS[sheet].items() for label in both},
    )
    for sheet, columns in COLUMNS.items()
}
#: Columns a sheet cannot do without.
REQUIRED = {
    HUBS: _w("name"),
    STAFF: _w("name"),
    ENSEMBLES: _w("name"),
    CALENDAR: _w("date"),
    TERMS: _w("name, first_day, last_day"),
}
#: The columns of each sheet that hold dates (each read in one order: ``date_columns``).
DATE_COLUMNS = {
    ENSEMBLES: _w("first_day, last_day"),
    CALENDAR: _w("date, until"),
    TERMS: _w("first_day, last_day"),
}

#: The words the export writes in cells, English and Spanish (both read back, whatever
#: the app's language): the roles and partner kinds as the Programme window names them,
#: and yes or no. Days are Babel's (:func:`weekday_name`).
ROLE_LABELS: dict[str, tuple[str, str]] = {
    StaffRole.TEACHER.value: ("Teacher", "Maestro(a)"),
    StaffRole.TEACHING_ARTIST.value: ("Teaching artist", "Artista docente"),
    StaffRole.SITE_LEAD.value: ("Site lead", "Coordinador(a) de sede"),
    StaffRole.STAFF.value: ("Staff", "Personal"),
    StaffRole.DATA_MANAGER.value: ("Data manager", "Administrador(a) de datos"),
}
PARTNER_KIND_LABELS: dict[str, tuple[str, str]] = {
    "park": ("Park", "Parque"),
    "school": ("School", "Escuela"),
    "community_centre": ("Community centre", "Centro comunitario"),
    "other": ("Other", "Otro"),
}
YES_NO_LABELS: dict[bool, tuple[str, str]] = {True: ("yes", "sí"), False: ("no", "no")}


def cell_word(labels: dict[Any, tuple[str, str]], value: Any) -> str:
    """The word the export writes for ``value`` in the current language ("Maestro(a)"
    for a teacher in Spanish); a value the table does not know, as it is."""
    return data_label(*labels[value]) if value in labels else str(value)


def weekdays_text(days: Iterable[int]) -> str:
    """Days as the export writes them in the current language: "Mon Wed", "lun mié"."""
    return " ".join(weekday_name(d) for d in sorted(days))


def _read_back(
    aliases: dict[str, tuple[str, ...]], labels: dict[str, tuple[str, str]]
) -> dict[str, str]:
    """Folded word → value: the aliases people write, and the export's own words."""
    words = {normalise_header(w): value for value, both in labels.items() for w in both}
    words.update({normalise_header(w): value for value, found in aliases.items() for w in found})
    return words


_ROLES = {
    StaffRole.TEACHER.value: _w("teacher, maestro, maestra, profesor, profesora, docente"),
    StaffRole.TEACHING_ARTIST.value: _w(
        "teaching artist, artista docente, artista, musico docente"
    ),
    StaffRole.SITE_LEAD.value: _w(
        "site lead, lead, site coordinator, coordinator, coordinador, coordinadora, "
        "lider de sede, coordinador de sede, coordinadora de sede"
    ),
    StaffRole.STAFF.value: _w("staff, personal, assistant, asistente"),
    StaffRole.DATA_MANAGER.value: _w(
        "data manager, gestor de datos, gestora de datos, administrador de datos"
    ),
}
_ROLE_WORDS = _read_back(_ROLES, ROLE_LABELS)
_PARTNER_KINDS = {
    "park": _w("park, parque"),
    "school": _w("school, escuela, colegio"),
    "community_centre": _w(
        "community centre, community center, centro comunitario, centre, center"
    ),
    "other": _w("other, otro, otra"),
}
_KIND_WORDS = _read_back(_PARTNER_KINDS, PARTNER_KIND_LABELS)


# -- reports ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetupRejection:
    """A line that cannot be imported, and why."""

    sheet: str
    line: int
    reason: str

    def __str__(self) -> str:
        return _("{sheet}, row {row}: {reason}").format(
            sheet=sheet_label(self.sheet), row=self.line, reason=self.reason
        )


@dataclass
class SheetReport:
    """What one sheet does: its columns and the rows created, changed or unchanged."""

    sheet: str
    source: str
    headers: list[str] = field(default_factory=list)
    mapping: dict[int, str | None] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, outcome: str) -> None:
        """Add one row's outcome ("created", "updated" or "unchanged")."""
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class SetupReport:
    """The outcome of a dry run or an import of a set-up workbook."""

    sheets: list[SheetReport] = field(default_factory=list)
    rejected: list[SetupRejection] = field(default_factory=list)
    #: sheets (or files) that are none of Hubs, Staff, Ensembles, Calendar, Terms
    ignored: list[str] = field(default_factory=list)
    #: how the date columns' dates written with numbers only are read, one line each
    dates: list[str] = field(default_factory=list)
    applied: bool = False

    def summary(self) -> str:
        """One line per sheet, then the rejected count."""
        lines = [
            _("{sheet}: {counts}.").format(
                sheet=sheet_label(r.sheet),
                counts=", ".join(count_words(self.applied, r.created, r.updated, r.unchanged)),
            )
            for r in self.sheets
        ]
        if self.rejected:
            lines.append(
                ngettext(
                    "{count} row rejected: nothing is imported until it is fixed.",
                    "{count} rows rejected: nothing is imported until they are fixed.",
                    len(self.rejected),
                ).format(count=len(self.rejected))
            )
        return "\n".join(lines)


class SetupRefused(HarmonyError):
    """The workbook had rejected lines: nothing was written."""

    def __init__(self, report: SetupReport) -> None:
        super().__init__(
            ngettext(
                "Nothing was imported: {count} row was rejected.",
                "Nothing was imported: {count} rows were rejected.",
                len(report.rejected),
            ).format(count=len(report.rejected))
        )
        self.report = report


T = TypeVar("T")


class _Problems:
    """Every problem of one line: each check runs, and the line is refused once with all
    of them (a misspelt day does not hide a teacher missing from the Staff sheet)."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def check(self, read: Callable[[], T], default: T) -> T:
        """``read()``, or ``default`` with its problem noted."""
        try:
            return read()
        except HarmonyError as exc:
            self.reasons.append(str(exc))
            return default

    def refuse(self) -> None:
        """Refuse the line with every problem found (ValidationError), if any."""
        if self.reasons:
            raise ValidationError(" ".join(self.reasons))


class _DryRun(Exception):
    """Raised at the end of a dry run to roll its transaction back."""


@dataclass
class _Sheet:
    name: str
    table: RawTable
    mapping: dict[int, str | None]
    #: the order each date column is read in, decided once for the sheet
    dates: DateColumns = field(default_factory=DateColumns)

    def date(self, value: Cell | None, today: dt.date, target: str, what: str) -> dt.date | None:
        """The date in ``value``, a cell of the column ``target`` (None: empty), read in
        its column's order; ValidationError saying why it is not one (``what``: the
        column in words)."""
        try:
            return self.dates.parse(target, value, today=today)
        except (NotADate, NotInOrder) as exc:
            raise ValidationError(exc.reason(what)) from exc
        except (ValueError, OverflowError) as exc:
            raise ValidationError(
                _("{value!r} is not a date ({what}).").format(value=cell_text(value), what=what)
            ) from exc

    def rows(self) -> Iterable[tuple[int, dict[str, Cell]]]:
        for line, cells in self.table.rows:
            values = {
                target: cells[i]
                for i, target in self.mapping.items()
                if target and i < len(cells) and not blank(cells[i])
            }
            if values:
                yield line, values


@dataclass(frozen=True)
class SetupFiles:
    """The set-up sheets read from a workbook or CSV files, and the sheets left out."""

    sheets: list[_Sheet]
    #: sheets (or files) that are none of Hubs, Staff, Ensembles, Calendar, Terms
    ignored: list[str]


# -- reading ---------------------------------------------------------------------------------


def read_setup(paths: Sequence[Path | str], *, date_order: str | None = None) -> SetupFiles:
    """The set-up sheets of an .xlsx workbook or of CSV files named after their sheet
    (``hubs.csv``, ``personal.csv`` …), and what was left out. ValidationError when a
    file cannot be read (a damaged workbook, one no spreadsheet wrote) or no sheet is a
    set-up sheet. Touches no database: the command line reads the files first, so a file
    it refuses leaves the data folder as it was. ``date_order``: the order of day and
    month the person importing chose for dates written with numbers only (:data:`DAY_MONTH`
    or :data:`MONTH_DAY`; None: as each column's dates show, :func:`date_columns`)."""
    found: dict[str, _Sheet] = {}
    ignored: list[str] = []
    for item in paths:
        path = Path(item)
        sources: list[tuple[str, Rows, str, str]] = []
        if check_file(path) in (".xlsx", ".xlsm"):
            for title, rows in read_workbook(path).items():
                sources.append((title, rows, "xlsx", f"{path.name} [{title}]"))
        else:
            rows, encoding = read_csv(path)
            sources.append((path.stem, rows, encoding, path.name))
        for title, rows, encoding, source in sources:
            kind = SHEET_NAMES.match(title)
            if kind is None or kind in found:
                if any(not blank(c) for _n, cells in rows for c in cells):
                    ignored.append(source)
                continue
            table = split_header(rows, MATCHERS[kind], encoding, source)
            mapping = MATCHERS[kind].guess(table.headers)
            # Each date column's order of day and month, decided once from all its dates
            # (a workbook refused here, before any database, when they disagree).
            dates = date_columns(
                table,
                {t: i for i, t in mapping.items() if t in DATE_COLUMNS.get(kind, ())},
                where=source,
                order=date_order,
            )
            found[kind] = _Sheet(kind, table, mapping, dates)
    if not found:
        raise ValidationError(
            _(
                "No set-up sheet found. Name the sheets (or CSV files) Hubs, Staff, "
                "Ensembles, Calendar and Terms (or Sedes, Personal, Conjuntos, Calendario, "
                "Periodos)."
            )
        )
    for sheet in found.values():
        missing = [name for name in REQUIRED[sheet.name] if name not in sheet.mapping.values()]
        if missing:
            raise ValidationError(
                _("{source} has no {columns} column.").format(
                    source=sheet.table.source,
                    columns=", ".join(column_label(sheet.name, m) for m in missing),
                )
            )
    return SetupFiles([found[name] for name in SHEETS if name in found], ignored)


# -- cells -----------------------------------------------------------------------------------


def _flag(value: Cell | None, what: str) -> bool | None:
    try:
        return parse_bool(value)
    except ValueError as exc:
        raise ValidationError(
            _("{value!r} is not yes or no ({what}).").format(value=cell_text(value), what=what)
        ) from exc


def _names(value: Cell | None) -> list[str]:
    return [n for n in (" ".join(p.split()) for p in re.split(r"[;,\n]", cell_text(value))) if n]


def _grades(value: Cell | None) -> tuple[str, str]:
    text = cell_text(value)
    parts = [p for p in re.split(r"\s*(?:-|–|—|to|a|hasta)\s*", text, flags=re.I) if p]
    if len(parts) == 1:
        return parse_grade(parts[0]), parse_grade(parts[0])
    if len(parts) == 2:
        return parse_grade(parts[0]), parse_grade(parts[1])
    raise ValidationError(_("Grades are written like 3-5 or K-2, not {text!r}.").format(text=text))


# -- importing -------------------------------------------------------------------------------


class SetupImportService:
    """Dry-runs and imports set-up workbooks, and exports the set-up as one."""

    def __init__(self, store: Store, *, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self._today = today
        self.setup = SetupService(store, today=today)

    def dry_run(self, source: SetupFiles | Sequence[Path | str]) -> SetupReport:
        """What :meth:`apply` would do with these files (or the sheets :func:`read_setup`
        read from them); nothing is written."""
        files = source if isinstance(source, SetupFiles) else read_setup(source)
        report = SetupReport(ignored=list(files.ignored))
        try:
            with self.store.write() as w:
                self._apply(w, files.sheets, report)
                raise _DryRun
        except _DryRun:
            pass
        return report

    def apply(
        self,
        source: SetupFiles | Sequence[Path | str],
        *,
        before_commit: Callable[[], None] | None = None,
    ) -> SetupReport:
        """Import every sheet of these files (or of the sheets :func:`read_setup` read)
        in one transaction; :class:`SetupRefused` (and nothing written) if any line is
        rejected."""
        files = source if isinstance(source, SetupFiles) else read_setup(source)
        report = SetupReport(ignored=list(files.ignored))
        with self.store.write() as w:
            self._apply(w, files.sheets, report)
            if report.rejected:
                raise SetupRefused(report)
            if before_commit is not None:
                before_commit()
        report.applied = True
        return report

    def _apply(self, w: ChangeWriter, sheets: list[_Sheet], report: SetupReport) -> None:
        rights = access(self.store)
        #: folded names whose Staff lines were refused: an ensemble naming one says so
        self._refused_staff: set[str] = set()
        apply_sheet = {
            HUBS: self._hubs,
            STAFF: self._staff,
            ENSEMBLES: self._ensembles,
            CALENDAR: self._calendar,
            TERMS: self._terms,
        }
        for sheet in sheets:
            sheet_report = SheetReport(
                sheet.name,
                sheet.table.source,
                sheet.table.headers,
                sheet.mapping,
                unmapped_columns(sheet.table, sheet.mapping),
            )
            report.sheets.append(sheet_report)
            report.dates.extend(sheet.dates.notes(self._today()))
            apply_sheet[sheet.name](w, sheet, sheet_report, report, rights)

    def _row(
        self,
        w: ChangeWriter,
        sheet: str,
        line: int,
        report: SetupReport,
        sheet_report: SheetReport,
        change: Callable[[], str],
    ) -> None:
        """Run one row's change in a savepoint: count it, or reject the line."""
        try:
            with w.session.begin_nested():
                outcome = change()
        except HarmonyError as exc:
            report.rejected.append(SetupRejection(sheet, line, str(exc)))
            return
        sheet_report.count(outcome)

    @staticmethod
    def _outcome(w: ChangeWriter, before: int, created: bool) -> str:
        if created:
            return "created"
        return "updated" if w.changes > before else "unchanged"

    # -- hubs ------------------------------------------------------------------------------

    def _hubs(
        self,
        w: ChangeWriter,
        sheet: _Sheet,
        sheet_report: SheetReport,
        report: SetupReport,
        rights: Access,
    ) -> None:
        for line, values in sheet.rows():

            def change(values: dict[str, Cell] = values) -> str:
                name = cell_text(values.get("name"))
                existing = _hub_named(w.session, name)
                record = existing or HubRecord(None, name)
                problems = _Problems()

                def partner_kind() -> str:
                    if "partner_kind" not in values:
                        return record.partner_kind
                    kind = _KIND_WORDS.get(normalise_header(cell_text(values["partner_kind"])))
                    if not kind:
                        raise ValidationError(
                            _("The partner is a park, a school, a community centre or other.")
                        )
                    return kind

                kind = problems.check(partner_kind, record.partner_kind)
                wanted = replace(
                    record,
                    address=cell_text(values["address"]) if "address" in values else record.address,
                    partner=cell_text(values["partner"]) if "partner" in values else record.partner,
                    partner_kind=kind,
                    timezone=cell_text(values["timezone"])
                    if "timezone" in values
                    else record.timezone,
                )
                if existing is not None and wanted == existing:
                    problems.refuse()
                    return "unchanged"  # also on a laptop whose hubs come from the server
                before = w.changes
                problems.check(lambda: self.setup.apply_hub(w, wanted, checked=rights), "")
                problems.refuse()
                return self._outcome(w, before, existing is None)

            self._row(w, HUBS, line, report, sheet_report, change)

    # -- staff -----------------------------------------------------------------------------

    def _staff(
        self,
        w: ChangeWriter,
        sheet: _Sheet,
        sheet_report: SheetReport,
        report: SetupReport,
        rights: Access,
    ) -> None:
        rows = list(sheet.rows())
        clashing = _same_name_other_details(rows)
        several = _names_of_several_people(rows)
        for line, values in rows:
            if line in clashing:
                report.rejected.append(SetupRejection(STAFF, line, clashing[line]))
                self._refused_staff.add(fold(cell_text(values.get("name"))))
                continue

            def change(values: dict[str, Cell] = values) -> str:
                name = cell_text(values.get("name"))
                row = _staff_meant(
                    w.session, name, cell_text(values.get("email")), several=fold(name) in several
                )
                problems = _Problems()
                hubs: set[str] = set()
                for hub_name in _names(values.get("hubs")):
                    try:
                        hubs.add(_hub_id(w.session, hub_name))
                    except ValidationError as exc:
                        problems.reasons.append(str(exc))
                if row is not None:
                    hubs |= staff_hubs(row)
                role = row.role if row is not None else StaffRole.TEACHER.value
                if "role" in values:
                    text = cell_text(values["role"])
                    role = _ROLE_WORDS.get(normalise_header(text), text)
                record = StaffRecord(
                    id=row.id if row else None,
                    name=name,
                    role=role,
                    hubs=tuple(sorted(hubs)),
                    phone=cell_text(values["phone"]) if "phone" in values else _get(row, "phone"),
                    email=cell_text(values["email"]) if "email" in values else _get(row, "email"),
                )
                archived = problems.check(
                    lambda: _flag(values.get("archived"), _("archived")), None
                )
                before = w.changes
                staff_id = problems.check(
                    lambda: self.setup.apply_staff(w, record, checked=rights), ""
                )
                problems.refuse()
                if archived is not None:  # someone who left stays off the lists
                    w.update(get_live(w.session, Staff, staff_id), archived=archived)
                return self._outcome(w, before, row is None)

            self._row(w, STAFF, line, report, sheet_report, change)

    # -- ensembles -------------------------------------------------------------------------

    def _ensembles(
        self,
        w: ChangeWriter,
        sheet: _Sheet,
        sheet_report: SheetReport,
        report: SetupReport,
        _rights: Access,
    ) -> None:
        today = self._today()
        groups: dict[tuple[str, str], list[tuple[int, dict[str, Cell]]]] = {}
        for line, values in sheet.rows():
            try:
                hub_id = _hub_id(w.session, cell_text(values.get("hub")), default_one=True)
            except ValidationError as exc:
                report.rejected.append(SetupRejection(ENSEMBLES, line, str(exc)))
                continue
            key = (hub_id, fold(cell_text(values.get("name"))))
            groups.setdefault(key, []).append((line, values))
        for (hub_id, _folded), rows in groups.items():
            first_line = rows[0][0]

            def change(hub_id: str = hub_id, rows: list[Any] = rows) -> str:
                return self._ensemble(w, sheet, hub_id, rows, today)

            self._row(w, ENSEMBLES, first_line, report, sheet_report, change)

    def _ensemble(
        self,
        w: ChangeWriter,
        sheet: _Sheet,
        hub_id: str,
        rows: list[tuple[int, dict[str, Cell]]],
        today: dt.date,
    ) -> str:
        merged: dict[str, Cell] = {}
        slots: list[tuple[int, dt.time, dt.time]] = []
        days = _Problems()  # said after the teacher and capacity, in the sheet's order
        for line, values in rows:
            try:
                slots.extend(_slots(values))
            except ValidationError as exc:
                if line == rows[0][0]:  # the line the rejection names already
                    days.reasons.append(str(exc))
                else:
                    days.reasons.append(_("row {row}: {reason}").format(row=line, reason=exc))
            merged.update(
                {k: v for k, v in values.items() if k not in ("weekdays", "start", "end")}
            )
        name = cell_text(merged.get("name"))
        existing = next(
            (
                e
                for e in w.session.exec(
                    select(Ensemble).where(Ensemble.hub_id == hub_id, live(Ensemble))
                )
                if not e.archived and fold(e.name) == fold(name)
            ),
            None,
        )
        if existing is not None:
            base = self.setup.record_of(w.session, existing, today)
        else:
            base = EnsembleRecord(None, hub_id, name)

        def teacher_id() -> str | None:
            if "teacher" not in merged:
                return base.teacher_id
            named, email = teacher_parts(cell_text(merged["teacher"]))
            if fold(named) in self._refused_staff:
                raise ValidationError(
                    _(
                        "{name} cannot teach here until their rows on the Staff sheet are "
                        "fixed (see above)."
                    ).format(name=named)
                )
            teacher = _teacher_meant(w.session, named, email)
            if teacher is None:
                raise ValidationError(
                    _("No staff member is called {name}: add them to the Staff sheet.").format(
                        name=cell_text(merged["teacher"])
                    )
                )
            return teacher.id

        def capacity() -> int:
            if "capacity" not in merged:
                return base.capacity
            text = cell_text(merged["capacity"])
            if not text.isdigit():
                raise ValidationError(
                    _("Capacity is a number of places, not {text!r}.").format(text=text)
                )
            return int(text)

        problems = _Problems()
        teacher = problems.check(teacher_id, base.teacher_id)
        places = problems.check(capacity, base.capacity)
        problems.reasons.extend(days.reasons)
        grades = (base.grade_min, base.grade_max)
        if "grades" in merged:
            grades = problems.check(lambda: _grades(merged["grades"]), grades)
        grade_min, grade_max = grades
        follows = problems.check(
            lambda: _flag(merged.get("follows_terms"), _("follows terms")), None
        )
        first_day = problems.check(
            lambda: sheet.date(merged.get("first_day"), today, "first_day", _("first day")), None
        )
        last_day = problems.check(
            lambda: sheet.date(merged.get("last_day"), today, "last_day", _("last day")), None
        )
        record = replace(
            base,
            name=name,
            teacher_id=teacher,
            capacity=places,
            grade_min=grade_min,
            grade_max=grade_max,
            first_day=first_day or base.first_day,
            last_day=last_day or base.last_day,
            follows_terms=base.follows_terms if follows is None else follows,
            level=cell_text(merged["level"]) if "level" in merged else base.level,
            instrument_family=cell_text(merged["instrument_family"])
            if "instrument_family" in merged
            else base.instrument_family,
            location=cell_text(merged["location"]) if "location" in merged else base.location,
            slots=tuple(sorted(set(slots))) if slots else base.slots,
        )
        before = w.changes
        if problems.reasons:  # what the service would say of the rest, too
            problems.check(lambda: self.setup.apply_ensemble(w, record), None)
        problems.refuse()
        self.setup.apply_ensemble(w, record)
        return self._outcome(w, before, existing is None)

    # -- calendar and terms ----------------------------------------------------------------

    def _calendar(
        self,
        w: ChangeWriter,
        sheet: _Sheet,
        sheet_report: SheetReport,
        report: SetupReport,
        rights: Access,
    ) -> None:
        today = self._today()
        for line, values in sheet.rows():

            def change(values: dict[str, Cell] = values) -> str:
                problems = _Problems()
                first = problems.check(
                    lambda: sheet.date(values.get("date"), today, "date", _("date")), None
                )
                last = (
                    problems.check(
                        lambda: sheet.date(values.get("until"), today, "until", _("until")), None
                    )
                    or first
                )
                if first and last and (last < first or (last - first).days > 366):
                    problems.reasons.append(_("The last day must follow the date, within a year."))
                hub_name = cell_text(values.get("hub"))
                hub_id = (
                    problems.check(lambda: _hub_id(w.session, hub_name), None) if hub_name else None
                )
                if hub_id is None and not hub_name:
                    problems.check(rights.check_programme, None)
                problems.refuse()
                assert first is not None and last is not None
                reason = cell_text(values.get("reason"))
                before, created = w.changes, False
                day = first
                while day <= last:
                    row_id = closure_id(hub_id, day)
                    known = w.session.get(Closure, row_id)
                    created = created or known is None or known.deleted
                    w.upsert(Closure, row_id, hub_id=hub_id, date=day, reason=reason)
                    day += dt.timedelta(days=1)
                return self._outcome(w, before, created)

            self._row(w, CALENDAR, line, report, sheet_report, change)

    def _terms(
        self,
        w: ChangeWriter,
        sheet: _Sheet,
        sheet_report: SheetReport,
        report: SetupReport,
        rights: Access,
    ) -> None:
        today = self._today()
        for line, values in sheet.rows():

            def change(values: dict[str, Cell] = values) -> str:
                problems = _Problems()
                problems.check(rights.check_programme, None)
                first = problems.check(
                    lambda: sheet.date(values.get("first_day"), today, "first_day", _("first day")),
                    None,
                )
                last = problems.check(
                    lambda: sheet.date(values.get("last_day"), today, "last_day", _("last day")),
                    None,
                )
                problems.refuse()
                assert first is not None and last is not None
                year = cell_text(values.get("year")) or year_label_of(first)
                if re.fullmatch(r"\d{4}", year):
                    year = label_for(int(year))
                start_year(year)
                name = cell_text(values.get("name"))
                existing = next(
                    (
                        t
                        for t in w.session.exec(
                            select(Term).where(Term.year_label == year, live(Term))
                        )
                        if fold(t.name) == fold(name)
                    ),
                    None,
                )
                before = w.changes
                _save_term(w, year, name, first, last, existing)
                return self._outcome(w, before, existing is None)

            self._row(w, TERMS, line, report, sheet_report, change)

    # -- export ----------------------------------------------------------------------------

    def export(self, path: Path | str) -> Path:
        """Write the set-up as a workbook this import reads back unchanged, its sheets
        and headers in the current language (``i18n.using``)."""
        path = Path(path)
        if path.suffix.casefold() != ".xlsx":
            raise ValidationError(_("Export the set-up to an .xlsx workbook."))
        check_target(path)
        today = self._today()
        with self.store.read() as s:
            hubs = {h.id: h for h in s.exec(select(Hub).where(live(Hub)))}
            staff = {r.id: r for r in s.exec(select(Staff).where(live(Staff)))}
            ensembles = [
                e for e in s.exec(select(Ensemble).where(live(Ensemble))) if not e.archived
            ]
            closures = s.exec(select(Closure).where(live(Closure))).all()
            terms = s.exec(select(Term).where(live(Term))).all()
        hub_name = {h.id: h.name for h in hubs.values()}
        sheets: list[tuple[str, list[str], list[list[Any]]]] = [
            (
                HUBS,
                headers(HUBS, "name", "address", "partner", "partner_kind", "timezone"),
                sorted(
                    (
                        [
                            h.name,
                            h.address,
                            h.partner,
                            cell_word(PARTNER_KIND_LABELS, h.partner_kind),
                            h.timezone,
                        ]
                        for h in hubs.values()
                    ),
                    key=lambda r: fold(r[0]),
                ),
            ),
            (
                STAFF,
                headers(STAFF, "name", "role", "hubs", "phone", "email", "archived"),
                sorted(
                    (
                        [
                            r.name,
                            cell_word(ROLE_LABELS, r.role),
                            "; ".join(sorted(hub_name[h] for h in staff_hubs(r) if h in hub_name)),
                            r.phone,
                            r.email,
                            cell_word(YES_NO_LABELS, bool(r.archived)),
                        ]
                        for r in staff.values()
                    ),
                    key=lambda r: fold(r[0]),
                ),
            ),
            (
                ENSEMBLES,
                headers(
                    ENSEMBLES,
                    "hub",
                    "name",
                    "teacher",
                    "capacity",
                    "weekdays",
                    "start",
                    "end",
                    "first_day",
                    "last_day",
                    "follows_terms",
                    "grades",
                    "level",
                    "instrument_family",
                    "location",
                ),
                _ensemble_rows(ensembles, hub_name, staff, today),
            ),
            (
                CALENDAR,
                headers(CALENDAR, "date", "hub", "reason"),
                sorted(
                    ([c.date, hub_name.get(c.hub_id or "", ""), c.reason] for c in closures),
                    key=lambda r: (r[0], fold(r[1])),
                ),
            ),
            (
                TERMS,
                headers(TERMS, "year", "name", "first_day", "last_day"),
                sorted(
                    ([t.year_label, t.name, t.first_day, t.last_day] for t in terms),
                    key=lambda r: (r[0], r[2]),
                ),
            ),
        ]
        write_workbook(path, [(sheet_label(name), cols, rows) for name, cols, rows in sheets])
        return path


def _get(row: Staff | None, name: str) -> str:
    return str(getattr(row, name)) if row is not None else ""


def _slots(values: dict[str, Cell]) -> list[tuple[int, dt.time, dt.time]]:
    if "weekdays" not in values:
        if "start" in values or "end" in values:
            raise ValidationError(_("Give the days it meets (for example Mon Wed)."))
        return []
    days = parse_weekdays(cell_text(values["weekdays"]))
    if "start" not in values or "end" not in values:
        raise ValidationError(_("Give the start and end time of the meetings (15:30, 17:00)."))
    start, end = parse_time(values["start"]), parse_time(values["end"])
    return [(day, start, end) for day in days]


def _save_term(
    w: ChangeWriter, year: str, name: str, first: dt.date, last: dt.date, existing: Term | None
) -> None:
    """A term of ``year``, checked as the calendar service checks it."""
    name = check_term(w.session, year, name, first, last, existing.id if existing else None)
    if existing is None:
        w.insert(Term(year_label=year, name=name, first_day=first, last_day=last))
    else:
        w.update(existing, first_day=first, last_day=last)


def _hub_named(s: Session, name: str) -> HubRecord | None:
    row = _one_named(s, Hub, name)
    if row is None:
        return None
    return HubRecord(row.id, row.name, row.address, row.partner, row.partner_kind, row.timezone)


def _names_of_several_people(rows: Sequence[tuple[int, dict[str, Cell]]]) -> set[str]:
    """Folded names the sheet gives with two or more different emails: as many people
    (two teachers called Ana García), told apart by their emails."""
    emails: dict[str, set[str]] = {}
    for _line, values in rows:
        email = cell_text(values.get("email")).casefold()
        if email:
            emails.setdefault(fold(cell_text(values.get("name"))), set()).add(email)
    return {name for name, found in emails.items() if len(found) > 1}


def _same_name_other_details(rows: Sequence[tuple[int, dict[str, Cell]]]) -> dict[int, str]:
    """Staff lines the import cannot tell apart, with the reason.

    Staff are matched by name, and by email where the sheet gives one name with several
    emails (several people). Lines of one person (the same name, and the same email when
    several people share the name) with a different role or phone would be merged and one
    would lose their details, so they are refused; so is a line without an email among
    several people of one name. Lines with the same details are one person listed once
    per hub, which is fine.
    """
    several = _names_of_several_people(rows)
    by_person: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = {}
    out: dict[int, str] = {}
    for line, values in rows:
        name = fold(cell_text(values.get("name")))
        email = cell_text(values.get("email")).casefold()
        if name in several and not email:
            out[line] = _(
                "Several people called {name} are on this sheet: give this row the "
                "person's email, to tell them apart."
            ).format(name=cell_text(values.get("name")))
            continue
        details = tuple(cell_text(values.get(k)) for k in ("role", "phone", "email"))
        by_person.setdefault((name, email if name in several else ""), []).append((line, details))
    for lines in by_person.values():
        if len({details for _line, details in lines}) > 1:
            numbers = ", ".join(str(line) for line, _details in lines)
            for line, _details in lines:
                out[line] = _(
                    "The same name is on rows {rows} with a different role, phone or "
                    "email. Two people of one name each need their own email on their "
                    "rows; one person at several hubs has the same role, phone and email "
                    "on each row."
                ).format(rows=numbers)
    return out


def _staff_meant(s: Session, name: str, email: str, *, several: bool) -> Staff | None:
    """The staff member a Staff line means: the one of that name, or, where several
    people share it (on the sheet or here), the one of that name and email."""
    wanted = fold(name)
    found = [r for r in s.exec(select(Staff).where(live(Staff))) if fold(r.name) == wanted]
    if not several and len(found) <= 1:
        return found[0] if found else None
    mail = email.casefold()
    return next((r for r in found if mail and r.email.casefold() == mail), None)


#: "Ana García <ana.garcia2@example.org>": a teacher named with their email.
_NAMED_ADDRESS = re.compile(r"^(?P<name>[^<>]*)<\s*(?P<email>[^<>\s]+@[^<>\s]+)\s*>\s*$")


def teacher_parts(text: str) -> tuple[str, str]:
    """(name, email) of an Ensembles line's teacher: "Ana García", "Ana García
    <ana@example.org>" or the email alone."""
    text = text.strip()
    found = _NAMED_ADDRESS.match(text)
    if found:
        return found["name"].strip(), found["email"]
    if "@" in text and " " not in text:
        return "", text
    return text, ""


def teacher_text(teacher: Staff, shared_names: set[str]) -> str:
    """How the export writes an ensemble's teacher: their name, with their email when
    another staff member has the same name."""
    if fold(teacher.name) in shared_names and teacher.email:
        return f"{teacher.name} <{teacher.email}>"
    return teacher.name


def _teacher_meant(s: Session, name: str, email: str) -> Staff | None:
    """The staff member an Ensembles line names as teacher (by email when it gives one);
    a name two staff members share is refused with what to write instead."""
    rows = s.exec(select(Staff).where(live(Staff))).all()
    if email:
        found = [
            r
            for r in rows
            if r.email.casefold() == email.casefold() and (not name or fold(r.name) == fold(name))
        ]
    else:
        found = [r for r in rows if fold(r.name) == fold(name)]
    if len(found) > 1:
        raise ValidationError(
            _(
                "Two staff members are called {name}: write the teacher with their email, "
                "as {name} <email>."
            ).format(name=name)
        )
    return found[0] if found else None


def _one_named(s: Session, model: Any, name: str) -> Any:
    wanted = fold(name)
    return next(
        (r for r in s.exec(select(model).where(live(model))) if fold(r.name) == wanted), None
    )


def _hub_id(s: Session, name: str, *, default_one: bool = False) -> str:
    """The id of the hub called ``name`` (the only hub, when blank and there is one)."""
    hubs = s.exec(select(Hub).where(live(Hub))).all()
    if not name:
        if default_one and len(hubs) == 1:
            return hubs[0].id
        raise ValidationError(_("Say which hub (the Hub column)."))
    found = [h for h in hubs if fold(h.name) == fold(name)]
    if not found:
        raise ValidationError(
            _("There is no hub called {name}. Hubs: {names}.").format(
                name=name, names=", ".join(sorted(h.name for h in hubs)) or "—"
            )
        )
    return found[0].id


def _ensemble_rows(
    ensembles: list[Ensemble], hub_name: dict[str, str], staff: dict[str, Staff], today: dt.date
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    names = [fold(r.name) for r in staff.values()]
    shared = {n for n in names if names.count(n) > 1}
    for e in sorted(
        ensembles, key=lambda e: (fold(hub_name.get(e.hub_id or "", "")), fold(e.name))
    ):
        by_time: dict[tuple[dt.time, dt.time], list[int]] = {}
        for m in current(meetings(e.schedule), today):
            by_time.setdefault((m.start, m.end), []).append(m.weekday)
        teacher = staff.get(e.teacher_id or "")
        grades = e.grade_min if e.grade_min == e.grade_max else f"{e.grade_min}-{e.grade_max}"
        common = [
            hub_name.get(e.hub_id or "", ""),
            e.name,
            teacher_text(teacher, shared) if teacher else "",
            e.capacity,
        ]
        rest = [
            e.first_day,
            e.last_day,
            cell_word(YES_NO_LABELS, bool(e.follows_terms)),
            grades.strip("-"),
            e.level,
            e.instrument_family,
            e.location,
        ]
        times = sorted(by_time.items(), key=lambda kv: (min(kv[1]), kv[0]))
        for (start, end), days in times:
            rows.append(
                [
                    *common,
                    weekdays_text(days),
                    start.strftime("%H:%M"),
                    end.strftime("%H:%M"),
                    *rest,
                ]
            )
        if not times:  # no meetings (yet): one row all the same
            rows.append([*common, "", "", "", *rest])
    return rows


def write_workbook(path: Path, sheets: list[tuple[str, list[str], list[list[Any]]]]) -> None:
    """An .xlsx file with one sheet per (title, headers, rows): bold frozen headers,
    dates as dates, and text that looks like a formula stored as text (read back the
    same, never run)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, exactly as typed: never a formula
        for column_cells in sheet.columns:
            width = max((len(str(c.value or "")) for c in column_cells[:200]), default=8)
            sheet.column_dimensions[column_cells[0].column_letter].width = min(
                max(width + 2, 8), 40
            )
            for c in column_cells[1:]:
                if isinstance(c.value, dt.date):
                    c.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    with saving(path) as partial:  # whole or not at all, 0600, a clear message
        book.save(partial)
