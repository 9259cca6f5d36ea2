"""Programme set-up in the window: the Programme window and the first-start choice."""

from harmony_desktop.ui.programme.window import ProgrammeWindow

__all__ = ["ProgrammeWindow"]
