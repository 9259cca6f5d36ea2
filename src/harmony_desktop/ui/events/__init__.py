"""The Events tab: family events and their roll, masterclasses, performances."""

from harmony_desktop.ui.events.page import EventsPage

__all__ = ["EventsPage"]
