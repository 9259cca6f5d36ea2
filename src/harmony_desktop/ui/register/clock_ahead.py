"""The register's band when this computer's clock is ahead of what the sync server last
vouched for (:meth:`~harmony_desktop.services.clock_check.ClockCheck.ahead`): a year
mistyped, a date set a few days on. Red when the server found it so (marks taken now
would land on the wrong day), and while it is turned back only partly; amber when only a long time without a sync says so. It
never asks and never takes the keyboard: the roll goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from harmony_desktop.ui.wrong_day import DateBand

if TYPE_CHECKING:
    from harmony_desktop.services.clock_check import ClockAhead


def tr(text: str) -> str:
    """Translate a string of this band (context ``ClockAhead``)."""
    return QCoreApplication.translate("ClockAhead", text)


class ClockAheadBanner(DateBand):
    """This computer's date is ahead: what it says, what the sync server said, what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("clockAhead", parent)

    def show_ahead(self, ahead: ClockAhead | None) -> None:
        """Say ``ahead`` (hide when None)."""
        if ahead is None:
            self.hide()
            return
        today = ahead.now.date()
        if ahead.certain and ahead.turned_back:
            self.set_colours(self.RED)
            self.say(
                tr("⚠ This computer's date is still ahead."),
                tr(
                    "It says {today}: its clock was turned back, but not far enough. When "
                    "it last reached the sync server, the server's date was {recorded}, and "
                    "the time since then makes today probably {probably}: marks taken now "
                    "would be saved on the wrong day. Set the date and time in this "
                    "computer's settings, then close and reopen Harmony."
                ),
                today,
                ahead.server.date(),
                probably=ahead.probably.date(),
            )
            return
        if ahead.certain:
            self.set_colours(self.RED)
            self.say(
                tr("⚠ This computer's date is ahead."),
                tr(
                    "It says {today}, but when it last reached the sync server, the "
                    "server's date was {recorded}, and this computer's clock was ahead of "
                    "it. Today is probably {probably}: marks taken now would be saved on the "
                    "wrong day. Set the date and time in this computer's settings, then "
                    "close and reopen Harmony."
                ),
                today,
                ahead.server.date(),
                probably=ahead.probably.date(),
            )
            return
        self.set_colours(self.AMBER)
        self.say(
            tr("⚠ Check this computer's date."),
            tr(
                "It says {today}, but this computer last reached the sync server on "
                "{recorded}, more than ten months ago. If {today} is wrong, set the date "
                "and time in this computer's settings, then close and reopen Harmony. If it "
                "is right, take roll as usual, and sync when you can."
            ),
            today,
            ahead.server.date(),
        )
