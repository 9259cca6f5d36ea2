"""Writing a report to .xlsx and .csv, and its values as text.

Header rows hold the columns' stable keys (docs/REPORTS.md), not their translated
titles, so a funder's template or a state upload reads the same file in every
language.

* .xlsx: one worksheet per sheet (write-only mode: a 3,500 × 250 grid streams out),
  dates as dates, rates as percentages, the header frozen, and an "About" worksheet
  with the title, the scope and the notes.
* .csv: UTF-8 with a BOM, CRLF. The first sheet goes to the file named; each further
  sheet to ``<name>-<sheet>.csv`` beside it. Rates are fractions (0.9231), hours two
  decimals, yes/no for flags, dates ISO 8601. A text that a spreadsheet would run as
  a formula is quoted.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.reports.model import Format, Report, Sheet

EXPORT_SUFFIXES = (".csv", ".xlsx")


def display_text(value: Any, fmt: Format) -> str:
    """A value as the tab and the printout show it."""
    if value is None:
        return ""
    if fmt is Format.RATE:
        return f"{value * 100:.1f}\u00a0%"  # no break between number and sign
    if fmt in (Format.HOURS, Format.DECIMAL):
        return f"{value:,.2f}"
    if fmt is Format.BOOL:
        return _("yes") if value else _("no")
    if fmt is Format.INT and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _formula_safe(text: str) -> str:
    """Quote a text a spreadsheet would run as a formula ("=…", "@…", "+x", "-x")."""
    if text[:1] in ("=", "@") or (
        text[:1] in ("+", "-") and not text[1:2].isdigit() and text[1:2] not in (" ", "")
    ):
        return "'" + text
    return text


def csv_text(value: Any, fmt: Format) -> str:
    """A value as a CSV cell."""
    if value is None:
        return ""
    if fmt is Format.RATE:
        return f"{value:.4f}"
    if fmt in (Format.HOURS, Format.DECIMAL):
        return f"{value:.2f}"
    if fmt is Format.BOOL:
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _formula_safe(value)
    return str(value)


def sheet_paths(report: Report, path: Path) -> list[Path]:
    """Where the sheets of ``report`` go as CSV: ``path``, then ``<stem>-<sheet>.csv``."""
    return [
        path if i == 0 else path.with_name(f"{path.stem}-{sheet.key}{path.suffix}")
        for i, sheet in enumerate(report.sheets)
    ]


def write_report(report: Report, path: Path) -> Path:
    """Write ``report`` to ``path`` (.xlsx, or .csv and one more file per extra sheet);
    returns ``path``. The files are written beside and then moved into place, so a
    failure never leaves half a file under the name asked for."""
    suffix = path.suffix.casefold()
    if suffix not in EXPORT_SUFFIXES:
        raise ValidationError(
            _("Reports are written to .csv, .xlsx or .pdf files, not {name!r}.").format(
                name=path.name
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        _atomic(path, lambda target: _write_xlsx(report, target))
    else:
        for sheet, target in zip(report.sheets, sheet_paths(report, path), strict=True):
            _atomic(target, lambda partial, sheet=sheet: _write_csv(sheet, partial))
    return path


def _atomic(path: Path, write: Any) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        write(partial)
        partial.chmod(0o600)  # students' records: readable by their owner only
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _write_csv(sheet: Sheet, path: Path) -> None:
    formats = [c.format for c in sheet.columns]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow([c.key for c in sheet.columns])
        for row in sheet.rows:
            out.writerow([csv_text(v, f) for v, f in zip(row, formats, strict=True)])


def _write_xlsx(report: Report, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()
    for sheet in report.sheets:
        ws = book.create_sheet(_unique_title(sheet.title, used))
        ws.freeze_panes = "A2"
        widths = [max(len(c.key), 8) for c in sheet.columns]
        for row in sheet.rows[:200]:
            for i, value in enumerate(row):
                widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
        for i, width in enumerate(widths):
            ws.column_dimensions[_letter(i)].width = min(width + 2, 40)
        header = []
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, value=column.key)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        number_formats = [_number_format(c.format) for c in sheet.columns]
        needs_cells = any(number_formats)
        for row in sheet.rows:
            if not needs_cells:
                ws.append([_xlsx_value(v) for v in row])
                continue
            cells: list[Any] = []
            for value, number_format in zip(row, number_formats, strict=True):
                if number_format and value is not None:
                    cell = WriteOnlyCell(ws, value=_xlsx_value(value))
                    cell.number_format = number_format
                    cells.append(cell)
                else:
                    cells.append(_xlsx_value(value))
            ws.append(cells)
    about = book.create_sheet(_unique_title(_("About"), used))
    for line in (report.title, report.scope, *report.notes):
        about.append([line])
    book.save(path)


def _number_format(fmt: Format) -> str:
    return {
        Format.RATE: "0.0%",
        Format.HOURS: "0.00",
        Format.DECIMAL: "0.00",
        Format.DATE: "yyyy-mm-dd",
    }.get(fmt, "")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _formula_safe(value)
    return value


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


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
