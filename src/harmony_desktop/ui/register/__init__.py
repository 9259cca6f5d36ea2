"""The attendance register: a day's sessions and the roll of one session."""

from harmony_desktop.ui.register.page import RegisterPage

__all__ = ["RegisterPage"]
