"""Reports: the register turned into evidence for funders (docs/REPORTS.md).

Each kind (attendance, hours, retention, …) is one module of this package listed in
:mod:`.registry`; :class:`ReportService` runs them; :mod:`.export` writes them to .csv
and .xlsx; the printing layer draws them (``harmony_desktop.printing.reports``).
"""

from harmony_desktop.services.reports.model import (
    Chart,
    ChartKind,
    Column,
    Format,
    Report,
    ReportKind,
    ReportParams,
    Series,
    Sheet,
)
from harmony_desktop.services.reports.service import ReportService

__all__ = [
    "Chart",
    "ChartKind",
    "Column",
    "Format",
    "Report",
    "ReportKind",
    "ReportParams",
    "ReportService",
    "Series",
    "Sheet",
]
