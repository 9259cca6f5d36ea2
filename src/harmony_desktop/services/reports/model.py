"""What a report is: its parameters, its sheets of rows with stable columns, its charts.

Everything here is plain data (no Qt, no SQL), shared by the report kinds that fill it,
the Reports tab that shows it, the exporters (.csv, .xlsx) and the printing layer that
draws it (tables and charts on QPainter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: Called with (phase, done, total) between the steps of a report; it may raise to
#: cancel (the task manager's ``Progress.report`` does).
ProgressCallback = Callable[[str, int, int], None]


def no_progress(_phase: str, _done: int, _total: int) -> None:
    """A progress callback that ignores every report (the command line, tests)."""


class Format(StrEnum):
    """How a column's values are written and shown."""

    TEXT = "text"
    INT = "int"
    #: a fraction from 0 to 1, shown as a percentage (None: no rate)
    RATE = "rate"
    #: hours as a decimal number (two places)
    HOURS = "hours"
    #: a decimal number (two places)
    DECIMAL = "decimal"
    DATE = "date"
    #: a date written without its weekday in the tab and on paper ("14 Feb 2011"): a
    #: birth date, whose weekday nobody reads
    BIRTH_DATE = "birth_date"
    #: a time of day stored as "HH:MM": files keep it so, the tab and the printout show
    #: it as the language writes times ("4:15 PM", "4:15 p.m.")
    TIME = "time"
    #: a month stored as "YYYY-MM": files keep it so (it sorts), the tab and the
    #: printout write it in words ("Oct 2026", "oct 2026")
    MONTH = "month"
    #: days stored as "YYYY-MM-DD; YYYY-MM-DD": files keep them so, the tab and the
    #: printout write each in words ("3 Dec 2026; 23 Nov 2026")
    DATES = "dates"
    BOOL = "bool"


@dataclass(frozen=True)
class Column:
    """One column: ``key`` is stable (CSV and .xlsx headers, docs/REPORTS.md), ``title``
    is what people read in the tab and on paper (translated). ``labels``, if given,
    turns a stored code in the column ("ca_illness") into words in the current
    language; the tab, the printout and the exports all show the words."""

    key: str
    title: str
    format: Format = Format.TEXT
    labels: Callable[[str], str] | None = None

    def word(self, value: Any) -> Any:
        """``value`` as people read it: a code's words where the column has labels,
        else the value itself."""
        if self.labels is not None and isinstance(value, str) and value:
            return self.labels(value)
        return value


@dataclass
class Sheet:
    """One table of a report: columns and rows (one value per column, in order)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    #: how many of the last rows total the others (attendance's "All hubs"): a .csv
    #: foots the other rows' hours to them, and writes them as their own figure
    totals: int = 0

    def column_index(self, key: str) -> int:
        """The position of the column ``key``."""
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def values(self, key: str) -> list[Any]:
        """Every row's value in the column ``key``."""
        index = self.column_index(key)
        return [row[index] for row in self.rows]

    def fill(self, headers: list[str], rows: list[list[Any]]) -> Sheet:
        """Take the rows of a (headers, rows) table computed elsewhere (a service's
        export), whose columns are this sheet's in the same order; returns the sheet."""
        if len(headers) != len(self.columns):
            raise RuntimeError(
                f"sheet {self.key!r} has {len(self.columns)} columns, the table {len(headers)}"
            )
        self.rows.extend(list(row) for row in rows)
        return self

    def as_dicts(self) -> list[dict[str, Any]]:
        """The rows as {column key: value} (tests, scripts)."""
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


class ChartKind(StrEnum):
    """How a chart is drawn."""

    #: one small line chart per series, side by side (a weekly rate per hub)
    SMALL_MULTIPLES = "small_multiples"
    #: one horizontal bar per category (a rate per hub)
    BARS = "bars"


@dataclass
class Series:
    """A named run of values, one per category (None where there is no value)."""

    name: str
    values: list[float | None]
    #: the figure over the whole period, which the printout writes beside the series
    #: as its mean: a weekly rate's is the period's rate (present ÷ (present + absent)
    #: of all its marks, the tables' rate), not the mean of its weeks' rates, which
    #: counts a week of one session as much as a week of five. None: the values' mean.
    overall: float | None = None


@dataclass
class Chart:
    """A chart's data: categories along one axis, series of values over them."""

    title: str
    kind: ChartKind
    categories: list[str]
    series: list[Series]
    #: values are fractions shown as percentages (else plain numbers)
    percent: bool = True
    note: str = ""


@dataclass(frozen=True)
class ReportParams:
    """What the user asked for. Missing dates come from the programme year.

    ``hub_id`` None means every hub in this database; ``year`` is a programme year
    label ("2025-26"); ``first``/``last`` narrow or replace the year's bounds.
    """

    hub_id: str | None = None
    ensemble_id: str | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    year: str | None = None
    today: dt.date | None = None


@dataclass
class Report:
    """A report that ran: its kind, what it covers, its sheets, and notes for readers."""

    kind: str
    title: str
    #: one line saying what the report covers (hubs, ensemble, dates)
    scope: str
    sheets: list[Sheet]
    #: facts a reader must know (a year still in progress, a figure left out)
    notes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    params: ReportParams = field(default_factory=ReportParams)
    #: the file name it is saved under unless told otherwise, without its suffix:
    #: kind, scope and period ("attendance-echo-park-lake-2025-26"; "" for a report
    #: not run by the service: the kind's name is used)
    file_stem: str = ""

    def sheet(self, key: str) -> Sheet:
        """The sheet ``key``."""
        for sheet in self.sheets:
            if sheet.key == key:
                return sheet
        raise KeyError(key)

    @property
    def row_count(self) -> int:
        """Rows of the first (main) sheet."""
        return len(self.sheets[0].rows) if self.sheets else 0


@dataclass(frozen=True)
class ReportKind:
    """One kind of report: a stable name, its title, its sheets' columns, and how it is
    computed.

    ``sheets()`` gives the kind's sheets with their columns and no rows: the stable
    shape that docs/REPORTS.md documents and the tests check. ``run(context)`` returns
    the same sheets filled (notes for readers go to ``context.notes``);
    ``charts(context, report)``, if given, the charts a printout draws (computed only
    when printing). ``whole_year`` kinds default to the whole programme year rather
    than the year to date (retention, LEAP, ASES); ``previous_year`` kinds default to
    the year before today's.
    """

    name: str
    title: Callable[[], str]
    description: Callable[[], str]
    sheets: Callable[[], list[Sheet]]
    run: Callable[[Any], list[Sheet]]
    charts: Callable[[Any, Report], list[Chart]] | None = None
    whole_year: bool = False
    #: with no year and no dates, default to the year before today's (retention
    #: needs the year after the one it measures)
    previous_year: bool = False
    #: the report's word in a file name, in the user's language ("attendance",
    #: "asistencia"); None: its name (a funder's programme: "ases", "leap")
    file_word: Callable[[], str] | None = None
