"""The Reports tab (see ``page.py``)."""

from harmony_desktop.ui.reports.page import ReportsPage

__all__ = ["ReportsPage"]
