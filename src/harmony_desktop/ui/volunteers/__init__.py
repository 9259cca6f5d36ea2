"""The Volunteers tab: volunteers, their clearances, the expiring list and the form."""

from harmony_desktop.ui.volunteers.page import VolunteersPage

__all__ = ["VolunteersPage"]
