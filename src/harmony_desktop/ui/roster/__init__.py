"""The roster page: students, contacts, enrollment and waitlists, import, export, print."""

from harmony_desktop.ui.roster.page import RosterPage

__all__ = ["RosterPage"]
