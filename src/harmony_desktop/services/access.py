"""What this laptop may change in the programme's set-up.

A laptop on its own (never enrolled with a server) is the whole programme: it changes
everything. On a laptop enrolled with the server:

* hubs come from the server's administrator (``harmony-sync add-hub``) and are
  read-only here;
* programme-wide rows (staff, the school year and its terms, closures of the whole
  programme, attendance codes) are changed only on a data manager's laptop: the server
  refuses them from any other, so the app does not offer what would be refused;
* a hub's own rows (its ensembles, its closure days) are changed on its laptops.
"""

from __future__ import annotations

from dataclasses import dataclass

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.store import Store, settings


@dataclass(frozen=True)
class Access:
    """Whether this laptop syncs with a server, and as a data manager's laptop."""

    enrolled: bool = False
    data_manager: bool = False

    @property
    def hubs_editable(self) -> bool:
        """Hubs are created and renamed here only on a laptop that does not sync."""
        return not self.enrolled

    @property
    def programme_editable(self) -> bool:
        """Staff, the school year, programme-wide closures and attendance codes."""
        return not self.enrolled or self.data_manager

    def check_hubs(self) -> None:
        """Raise :class:`ValidationError` when hubs cannot be changed here."""
        if not self.hubs_editable:
            raise ValidationError(
                _(
                    "Hubs come from your programme's server on a laptop that syncs: ask "
                    "the administrator to add or rename the hub there, and it arrives "
                    "here at the next sync."
                )
            )

    def check_programme(self) -> None:
        """Raise :class:`ValidationError` when programme-wide rows cannot be changed here."""
        if not self.programme_editable:
            raise ValidationError(
                _(
                    "Staff, the school year, closures of the whole programme and "
                    "attendance codes are shared by the whole programme: a data "
                    "manager changes them on their laptop, and the change arrives here "
                    "at the next sync."
                )
            )


def access(store: Store) -> Access:
    """This laptop's :class:`Access`, from its sync settings."""
    values = store.settings.get_many([settings.SYNC_SERVER, settings.SYNC_DATA_MANAGER])
    return Access(
        enrolled=bool(values[settings.SYNC_SERVER.key]),
        data_manager=bool(values[settings.SYNC_DATA_MANAGER.key]),
    )
