"""Writing a report to .xlsx and .csv, and its values as text.

Header rows hold the columns' stable keys (docs/REPORTS.md), not their translated
titles, so a funder's template or a state upload reads the same file in every
language. A column of codes with words (:attr:`Column.labels`: early-release reasons,
the measures of the hours bands) holds the words, in the export's language, as the tab
and the printout show them.

* .xlsx: one worksheet per sheet, streamed out row by row (XlsxWriter's constant-memory
  mode: a 3,500 × 250 grid or 150,000 by-day rows never sit in memory twice), dates as
  dates, rates as percentages (never 0.0% above 0 nor 100.0% under 1), the header
  frozen, and an "About" worksheet
  with the title, the scope and the notes.
* .csv: UTF-8 with a BOM, CRLF. The first sheet goes to the file named; each further
  sheet to ``<name>-<sheet>.csv`` beside it. Rates are fractions (0.9231), hours two
  decimals rounded so that a column adds up to its total (:func:`footed_hundredths`),
  yes/no for flags, dates ISO 8601. A text that a spreadsheet would run as
  a formula is quoted.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _, format_date, format_time
from harmony_desktop.services.files import check_target, file_error
from harmony_desktop.services.reports.model import (
    Format,
    ProgressCallback,
    Report,
    Sheet,
    no_progress,
)

EXPORT_SUFFIXES = (".csv", ".xlsx")
#: Rows written between two progress reports (each may cancel the export).
PROGRESS_ROWS = 5000


def shown_percent(value: float, decimals: int) -> float:
    """A rate (a fraction) as a percentage rounded to ``decimals`` places that reads 100
    only when the rate is 100 % and 0 only when it is 0 %: 1,999 present of 2,000 is
    99.9 %, not 100.0 %; 1 of 2,000 is 0.1 %, not 0.0 %."""
    shown = round(value * 100, decimals)
    step = round(10.0**-decimals, decimals)
    if shown >= 100 and value < 1:
        return round(100 - step, decimals)
    if shown <= 0 < value:
        return step
    return shown


def display_text(value: Any, fmt: Format) -> str:
    """A value as the tab and the printout show it."""
    if value is None:
        return ""
    if fmt is Format.RATE:
        # no break between number and sign
        return f"{shown_percent(value, 1):.1f}\u00a0%"
    if fmt in (Format.HOURS, Format.DECIMAL):
        return f"{value:,.2f}"
    if fmt is Format.BOOL:
        return _("yes") if value else _("no")
    if fmt is Format.TIME and isinstance(value, str):
        try:
            return format_time(dt.time.fromisoformat(value))
        except ValueError:
            return value  # not a time after all: shown as it is
    if fmt is Format.MONTH and isinstance(value, str):
        day = _iso_date(f"{value}-01")
        return format_date(day, MONTH_PATTERN) if day is not None else value
    if fmt is Format.DATES and isinstance(value, str):
        days = [_iso_date(part.strip()) for part in value.split(";")]
        if value and all(days):
            return "; ".join(format_date(day, LIST_DATE_PATTERN) for day in days if day)
        return value
    if fmt is Format.INT and isinstance(value, int):
        return f"{value:,}"
    if fmt is Format.DATE or fmt is Format.BIRTH_DATE:
        # as the window writes dates ("Thu 3 Dec 2026", "jue 3 dic 2026"), a birth date
        # without its weekday; the files keep them as dates (ISO in a .csv)
        day = value if isinstance(value, dt.date) else _iso_date(str(value))
        if day is not None:
            return format_date(day, DATE_PATTERN if fmt is Format.DATE else BIRTH_DATE_PATTERN)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: The dates of the tab and the printout: the pattern of the window's other dates.
DATE_PATTERN = "EEE d MMM y"
#: A birth date in the tab and the printout.
BIRTH_DATE_PATTERN = "d MMM y"
#: A month in the tab and the printout: "Oct 2026", "oct 2026".
MONTH_PATTERN = "MMM y"
#: Each day of a list of days, shorter than a lone date: "3 Dec 2026", "3 dic 2026".
LIST_DATE_PATTERN = "d MMM y"


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None  # not a date after all: shown as it is


def _formula_safe(text: str) -> str:
    """Quote a text a spreadsheet would run as a formula ("=…", "@…", "+x", "-x")."""
    if text[:1] in ("=", "@") or (
        text[:1] in ("+", "-") and not text[1:2].isdigit() and text[1:2] not in (" ", "")
    ):
        return "'" + text
    return text


def csv_text(value: Any, fmt: Format) -> str:
    """A value as a CSV cell."""
    return "" if value is None else _CSV_TEXT.get(fmt, _csv_plain)(value)


def _csv_plain(value: Any) -> str:
    """A text (quoted if a spreadsheet would run it), a date (ISO 8601), a number."""
    if isinstance(value, str):
        return _formula_safe(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: How a value (not None) of each format is written to CSV; the rest: ``_csv_plain``.
_CSV_TEXT: dict[Format, Callable[[Any], str]] = {
    Format.RATE: lambda value: f"{shown_percent(value, 2) / 100:.4f}",
    Format.HOURS: "{:.2f}".format,
    Format.DECIMAL: "{:.2f}".format,
    Format.BOOL: lambda value: "yes" if value else "no",
}


#: The columns whose rows a sheet's totals add up, outermost first: a column of hours in
#: a .csv adds up to its hub's figure (and within it to its ensemble's), the one the
#: report's per-hub and per-ensemble sheets give.
TOTAL_GROUPS = ("hub", "site", "ensemble")
#: Hours are footed in millionths of a hundredth (the float noise of a sum of seconds ÷
#: 3,600 is far below; a figure of exact hundredths stays exact).
_UNITS = 10**6


def footed_hundredths(
    values: Sequence[float | None], groups: Sequence[tuple[str, ...]] | None = None
) -> list[int | None]:
    """``values`` (hours) as whole hundredths that add up exactly to their total rounded
    to a hundredth, and within each group (``groups``: one key per row, outermost first,
    e.g. (hub, ensemble)) to that group's share of it: the largest-remainder method,
    each figure its hundredths rounded down, and the hundredths left over going to the
    figures with the largest remainders (the first rows on a tie). Every figure is within
    a hundredth of its exact value; None stays None.

    3 × 1/3 h is 0.34 + 0.33 + 0.33 = 1.00, not 0.33 × 3 = 0.99."""
    keyed = [i for i, value in enumerate(values) if value is not None]
    exact = {i: round(float(values[i]) * 100 * _UNITS) for i in keyed}  # type: ignore[arg-type]
    total = sum(exact.values())
    target = total // _UNITS + (1 if 2 * (total % _UNITS) >= _UNITS else 0)
    out: list[int | None] = [None] * len(values)
    depth = len(groups[0]) if groups and keyed else 0

    def foot(rows: list[int], hundredths: int, level: int) -> None:
        if level == depth:
            for i, share in zip(
                rows, _apportion(hundredths, [exact[i] for i in rows]), strict=True
            ):
                out[i] = share
            return
        assert groups is not None
        by_group: dict[str, list[int]] = {}
        for i in rows:
            by_group.setdefault(groups[i][level], []).append(i)
        names = sorted(by_group)
        shares = _apportion(hundredths, [sum(exact[i] for i in by_group[n]) for n in names])
        for name, share in zip(names, shares, strict=True):
            foot(by_group[name], share, level + 1)

    foot(keyed, target, 0)
    return out


def _apportion(hundredths: int, parts: list[int]) -> list[int]:
    """``parts`` (in millionths of a hundredth) as whole hundredths adding up to
    ``hundredths``: each rounded down, then one more to the largest remainders."""
    shares = [part // _UNITS for part in parts]
    left = hundredths - sum(shares)
    for i in sorted(range(len(parts)), key=lambda i: (-(parts[i] % _UNITS), i))[:left]:
        shares[i] += 1
    return shares


def _hundredths_text(value: int | None) -> str:
    return "" if value is None else f"{value // 100}.{value % 100:02d}"


def sheet_paths(report: Report, path: Path) -> list[Path]:
    """Where the sheets of ``report`` go as CSV: ``path``, then ``<stem>-<sheet>.csv``."""
    return [
        path if i == 0 else path.with_name(f"{path.stem}-{sheet.key}{path.suffix}")
        for i, sheet in enumerate(report.sheets)
    ]


def write_report(
    report: Report,
    path: Path,
    *,
    progress: ProgressCallback = no_progress,
    exported_on: dt.date | None = None,
) -> Path:
    """Write ``report`` to ``path`` (.xlsx, or .csv and one more file per extra sheet);
    returns ``path``. The files are written beside and then moved into place, so a
    failure never leaves half a file under the name asked for. ``progress`` hears
    (sheet title, rows written, rows in all) every few thousand rows; if it raises (the
    user cancelled), nothing is left behind. The .xlsx's About sheet says the day it
    was exported (``exported_on``, today by default), as a printout's foot does."""
    suffix = path.suffix.casefold()
    if suffix not in EXPORT_SUFFIXES:
        raise ValidationError(
            _("Reports are written to .csv, .xlsx or .pdf files, not {name!r}.").format(
                name=path.name
            )
        )
    check_target(path)  # a folder that does not exist is never made
    rows = _RowCounter(report, progress)
    try:
        if suffix == ".xlsx":
            day = exported_on or dt.date.today()
            _atomic([path], lambda partials: _write_xlsx(report, partials[0], rows, day))
        else:
            _atomic(sheet_paths(report, path), lambda partials: _write_csvs(report, partials, rows))
    except OSError as exc:
        raise file_error(path, exc) from exc
    return path


class _RowCounter:
    """Counts the rows written over every sheet and reports them now and then."""

    def __init__(self, report: Report, progress: ProgressCallback) -> None:
        self.total = sum(len(sheet.rows) for sheet in report.sheets)
        self.done = 0
        self.progress = progress

    def chunks(self, sheet: Sheet) -> Iterator[tuple[int, list[list[Any]]]]:
        """The sheet's rows in runs of PROGRESS_ROWS (with the index of each run's
        first row), reporting progress before each run."""
        for start in range(0, len(sheet.rows), PROGRESS_ROWS):
            self.progress(sheet.title, self.done, self.total)
            chunk = sheet.rows[start : start + PROGRESS_ROWS]
            yield start, chunk
            self.done += len(chunk)


def _atomic(paths: list[Path], write: Callable[[list[Path]], object]) -> None:
    """Write every file of ``paths`` beside it, then move them all into place: a
    failure or a cancel part-way leaves none of them (not the first sheets' CSVs)."""
    partials = [path.with_name(path.name + ".partial") for path in paths]
    try:
        for partial in partials:
            # Students' records: readable by their owner only, from the first byte.
            partial.touch(mode=0o600)
            partial.chmod(0o600)
        write(partials)
        for partial, path in zip(partials, paths, strict=True):
            partial.replace(path)
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)


def _write_csvs(report: Report, paths: list[Path], rows: _RowCounter) -> None:
    for sheet, path in zip(report.sheets, paths, strict=True):
        _write_csv(sheet, path, rows)


def _write_csv(sheet: Sheet, path: Path, rows: _RowCounter) -> None:
    # One converter per column, chosen once (not a chain of checks per cell).
    texts = [_CSV_TEXT.get(c.format, _csv_plain) for c in sheet.columns]
    footed = _footed_columns(sheet)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow([c.key for c in sheet.columns])
        for start, chunk in rows.chunks(sheet):
            lines = [
                ["" if v is None else text(v) for v, text in zip(row, texts, strict=True)]
                for row in _in_words(sheet, chunk)
            ]
            for column, hundredths in footed.items():
                for line, value in zip(lines, hundredths[start:], strict=False):
                    line[column] = _hundredths_text(value)
            out.writerows(lines)


def _footed_columns(sheet: Sheet) -> dict[int, list[int | None]]:
    """The hours columns of ``sheet`` as hundredths that add up to their totals
    (:func:`footed_hundredths`), by column index."""
    hours = [i for i, c in enumerate(sheet.columns) if c.format is Format.HOURS]
    if not hours or not sheet.rows:
        return {}
    keys = [c.key for c in sheet.columns]
    by = [keys.index(key) for key in TOTAL_GROUPS if key in keys]
    # The rows that total the others (a programme row) are no group of their own: the
    # others foot to their figure, each rounded on its own as a total is.
    body, totals = (
        sheet.rows[: len(sheet.rows) - sheet.totals],
        sheet.rows[len(sheet.rows) - sheet.totals :],
    )
    groups = [tuple(str(row[i] or "") for i in by) for row in body] if by else None
    return {
        i: [
            *footed_hundredths([row[i] for row in body], groups),
            *(footed_hundredths([row[i]])[0] for row in totals),
        ]
        for i in hours
    }


def _in_words(sheet: Sheet, rows: list[list[Any]]) -> list[list[Any]]:
    """``rows`` with the codes of labelled columns as words (the rows themselves when
    no column has labels: most sheets, and the big ones, are left as they are)."""
    labelled = [i for i, c in enumerate(sheet.columns) if c.labels is not None]
    if not labelled:
        return rows
    worded = []
    for row in rows:
        row = list(row)
        for i in labelled:
            row[i] = sheet.columns[i].word(row[i])
        worded.append(row)
    return worded


def _write_xlsx(report: Report, path: Path, rows: _RowCounter, day: dt.date) -> None:
    """Stream ``report`` into ``path`` with XlsxWriter's constant-memory mode: each row
    goes to disk as it is written (the report is never held twice), and a cell costs a
    few string operations rather than an XML element (openpyxl's writer without lxml
    builds and serializes an ElementTree element per cell, several times slower)."""
    import xlsxwriter

    options = {
        "constant_memory": True,
        # A text stays the text it is: never a number, a formula or a link.
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "default_date_format": _NUMBER_FORMATS[Format.DATE],
    }
    # The row files go to a private folder beside the export (never the system temp
    # folder), removed whatever happens.
    with tempfile.TemporaryDirectory(
        dir=path.parent, prefix=".harmony-export-", ignore_cleanup_errors=True
    ) as scratch:
        book = xlsxwriter.Workbook(str(path), {**options, "tmpdir": scratch})
        try:
            _fill_workbook(book, report, rows, day)
        except BaseException:
            # Cancelled or failed: not closed (that would write the whole file); the
            # row files are let go so the folder can be removed.
            for ws in book.worksheets():
                handle = getattr(ws, "row_data_fh", None)
                if handle is not None:
                    handle.close()
            raise
        book.close()


def _fill_workbook(book: Any, report: Report, rows: _RowCounter, day: dt.date) -> None:
    """Every sheet of ``report``, then the "About" sheet, into ``book``: the title, the
    scope, the notes and the day it was exported (the figures of a year in progress
    are those of that day)."""
    bold = book.add_format({"bold": True})
    styles = {
        fmt: book.add_format({"num_format": number_format})
        for fmt, number_format in _NUMBER_FORMATS.items()
    }
    rates = _RateStyles(book, styles[Format.RATE])
    used: set[str] = set()
    for sheet in report.sheets:
        ws = book.add_worksheet(_unique_title(sheet.title, used))
        ws.freeze_panes(1, 0)
        for i, width in enumerate(_widths(sheet)):
            ws.set_column(i, i, width)
        for i, column in enumerate(sheet.columns):
            ws.write_string(0, i, column.key, bold)
        styled = [styles.get(c.format) for c in sheet.columns]
        for start, chunk in rows.chunks(sheet):
            _write_rows(ws, start + 1, _in_words(sheet, chunk), styled, rates)
    about = book.add_worksheet(_unique_title(_("About"), used))
    exported = _("Exported {when} · Harmony Desktop").format(when=format_date(day, DATE_PATTERN))
    for row, line in enumerate((report.title, report.scope, *report.notes, exported)):
        about.write_string(row, 0, line)


#: A rate's number format: a percentage with one decimal.
RATE_FORMAT = "0.0%"
#: The most decimals a rate near 0 % or 100 % is given (a rate is a count over a count
#: of at most millions: a hundred-millionth of a percent tells any two apart).
MOST_RATE_DECIMALS = 8


def rate_decimals(value: float) -> int:
    """How many decimals a rate's percentage needs so that it reads 100 only at 100 %
    and 0 only at 0 %, however the spreadsheet rounds: 1 for most; 2 for 1,999 of 2,000
    (99.95 %, which one decimal would round to 100.0); 2 for 1 of 2,001 (0.05 %,
    not 0.0)."""
    percent = value * 100
    for decimals in range(1, MOST_RATE_DECIMALS + 1):
        half = 0.5 * 10.0**-decimals * 1.000001  # room for the last bit of a float
        if not (0 < percent < half or 100 - half < percent < 100):
            return decimals
    return MOST_RATE_DECIMALS


def rate_format(decimals: int) -> str:
    """The number format of a percentage with ``decimals`` decimals. Its "." is the
    format's decimal point, which a spreadsheet shows as its own (``99,95 %`` in a
    language that writes decimal commas): never a literal text."""
    return "0." + "0" * decimals + "%"


#: Number formats of the columns that need one (plain numbers and texts need none).
_NUMBER_FORMATS = {
    Format.RATE: RATE_FORMAT,
    Format.HOURS: "0.00",
    Format.DECIMAL: "0.00",
    Format.DATE: "yyyy-mm-dd",
    Format.BIRTH_DATE: "yyyy-mm-dd",
}


#: The widest a cell of these formats shows: "99.95%" (a rate given more decimals
#: near 0 % or 100 % is as wide as the header's 8), "2025-09-01", "FALSE".
_SHOWN_WIDTHS = {Format.RATE: 7, Format.DATE: 10, Format.BIRTH_DATE: 10, Format.BOOL: 5}
#: The widest a column is made, in characters (a longer text wraps out of sight).
MOST_WIDTH = 40


def _widths(sheet: Sheet) -> list[int]:
    """Column widths in characters: the header's key or the widest cell as the
    spreadsheet shows it, over every row (a long hub name far down the sheet is not cut
    short): a rate as a percentage and hours with two decimals (not the float's
    eighteen digits), a code as its words ("Regular attendees (days attended)", not
    ``regular_attendees``)."""
    widths = []
    for i, column in enumerate(sheet.columns):
        width = max(len(column.key), 8)
        shown = _SHOWN_WIDTHS.get(column.format)
        values = [row[i] for row in sheet.rows if row[i] is not None and row[i] != ""]
        if shown is not None:
            width = max(width, shown if values else 0)
        elif column.format in (Format.HOURS, Format.DECIMAL):
            numbers = [v for v in values if isinstance(v, int | float)]
            if numbers:
                width = max(width, len(f"{max(numbers, key=abs):.2f}"))
        elif values:
            if column.labels is not None:
                values = [column.word(value) for value in set(values)]
            width = max(width, max(len(str(value)) for value in values))
        widths.append(min(width + 2, MOST_WIDTH))
    return widths


def _write_rows(
    ws: Any, first: int, rows: list[list[Any]], styles: list[Any], rates: _RateStyles
) -> None:
    """``rows`` from the worksheet row ``first`` (0 is the header) on: texts as texts, numbers as numbers,
    dates as dates (the workbook's date format where the column has none), flags as
    booleans; an empty value leaves the cell empty. The writer is chosen by the
    value's type (one ``type()`` per cell, not the generic ``write``'s chain of
    checks). ``rates`` gives a rate near 0 % or 100 % the decimals it needs."""
    rate, near_edge = rates.rate, rates.near_edge
    write_string, write_number = ws.write_string, ws.write_number
    write_boolean, write_datetime = ws.write_boolean, ws.write_datetime
    for r, row in enumerate(rows, start=first):
        for c, value in enumerate(row):
            kind = type(value)
            if kind is str:
                if value:
                    write_string(r, c, _formula_safe(value), styles[c])
            elif kind is int or kind is float:
                style = styles[c]
                if style is rate and (0 < value <= NEAR_ZERO_RATE or NEAR_ONE_RATE <= value < 1):
                    style = near_edge(value)  # 1 of 2,001 reads 0.05%, not 0.0%
                write_number(r, c, value, style)
            elif kind is bool:
                write_boolean(r, c, value, styles[c])
            elif kind is dt.date or kind is dt.datetime:
                write_datetime(r, c, value, styles[c])
            elif value is not None:
                ws.write(r, c, value, styles[c])


#: Rates above 0 and under this, or from ``NEAR_ONE_RATE`` and under 1, may need more
#: than one decimal (see :func:`rate_decimals`).
NEAR_ZERO_RATE = 0.0005
NEAR_ONE_RATE = 0.9995


class _RateStyles:
    """The workbook's rate formats: one decimal, and each longer one made when a cell
    first needs it."""

    def __init__(self, book: Any, rate: Any) -> None:
        self._book = book
        self.rate = rate
        self._by_decimals: dict[int, Any] = {1: rate}

    def near_edge(self, value: float) -> Any:
        """The format of a rate near 0 % or 100 %."""
        decimals = rate_decimals(value)
        style = self._by_decimals.get(decimals)
        if style is None:
            style = self._book.add_format({"num_format": rate_format(decimals)})
            self._by_decimals[decimals] = style
        return style


def _unique_title(title: str, used: set[str]) -> str:
    """A worksheet title: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.casefold())
    return candidate
