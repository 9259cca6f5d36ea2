"""The roster page: students, contacts, enrollment and waitlists, import, export, print."""

from harmony_desktop.printing.qtcompat import make_none_immortal
from harmony_desktop.ui.roster.page import RosterPage

# PySide6 6.12 on Python 3.11 drops a reference to None on every void call: see qtcompat.
make_none_immortal()

__all__ = ["RosterPage"]
