"""What each daily backup holds, in words: ``harmony-desktop restore --list`` and the
window's list of backups (File ▸ Restore from a backup…) say the same.

The date beside a backup is that of the newest change inside it (``store/backups.py``),
in the reader's language, with a word when the date in its name cannot be right (the
laptop's date was wrong the day it was taken) or the changes themselves are dated after
today (a clock set ahead when they were made). Loads no SQLAlchemy: listing stays quick.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from harmony_desktop.domain.i18n import _, format_date, format_time
from harmony_desktop.store.backups import BackupInfo

#: A date in the list: "Thu 3 Dec 2026", "jue 3 dic 2026".
DATE_PATTERN = "EEE d MMM y"
#: The date a file's name says: "4 Dec 2027", "4 dic 2027".
NAMED_PATTERN = "d MMM y"


@dataclass(frozen=True)
class Described:
    """What a backup holds, in words: a headline and, when there is one, a note (the
    window shows them on two lines, the command line on one)."""

    #: when its data was last changed ("Changes up to …"), or that it is damaged
    held: str
    #: a word on its dates (a wrong name, changes dated ahead), or on keeping a
    #: damaged file; "" for none
    note: str = ""
    #: the note in parentheses after the headline (not for a damaged file's)
    bracketed: bool = True

    def line(self) -> str:
        """Headline and note on one line."""
        if not self.note:
            return self.held
        return f"{self.held} ({self.note})" if self.bracketed else f"{self.held} {self.note}"


def describe(info: BackupInfo, today: dt.date | None = None) -> Described:
    """What ``info`` holds, for a person choosing a backup to put back."""
    today = today or dt.date.today()
    if info.damaged:
        return Described(
            _("Damaged ({problem}): it cannot be put back.").format(problem=info.problem),
            _(
                "It is kept: the app never deletes a backup it cannot read; delete it "
                "yourself if you have no use for it."
            ),
            bracketed=False,
        )
    changed = info.changed_at
    if changed is None:
        held = _("No changes recorded yet")
    else:
        held = _("Changes up to {date}, {time}").format(
            date=format_date(changed.date(), DATE_PATTERN), time=format_time(changed.time())
        )
    if info.ahead_of(today):
        return Described(
            held, _("dated after today: a computer's date was set ahead when they were made")
        )
    if info.misnamed(today):
        assert info.named is not None
        return Described(
            held,
            _("named {date}: the laptop's date was wrong when it was taken").format(
                date=format_date(info.named, NAMED_PATTERN)
            ),
        )
    return Described(held)


def describe_backup(info: BackupInfo, today: dt.date | None = None) -> str:
    """What ``info`` holds, on one line (``restore --list``)."""
    return describe(info, today).line()


def newest_marked(held: str) -> str:
    """The headline of the backup offered first: it holds the newest data."""
    return _("{description} — the newest").format(description=held)
