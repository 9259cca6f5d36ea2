"""Every folder the app uses, in one place.

User data (the database, backups) and logs live in the platformdirs user folders. Both
can be overridden, in this order: the ``--data-dir`` flag, the ``HARMONY_DATA_DIR``
environment variable (logs: ``HARMONY_LOG_DIR``, defaulting to ``<data dir>/logs`` when
the data dir is overridden). A folder named with ``--data-dir`` must exist
(:func:`require_data_dir`): a missing one is a disk not connected, not a new programme;
the default folder is created on the first start. Bundled read-only resources are found both from a source
checkout and inside a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from harmony_desktop import APP_AUTHOR
from harmony_desktop.domain.errors import DataFolderMissingError
from harmony_desktop.domain.i18n import _

DATA_DIR_ENV = "HARMONY_DATA_DIR"
LOG_DIR_ENV = "HARMONY_LOG_DIR"
_APP_DIR_NAME = "HarmonyDesktop"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one running instance."""

    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        """The local SQLite roster and register."""
        return self.data_dir / "harmony.sqlite3"

    @property
    def backups(self) -> Path:
        """Rolling daily backups of the database."""
        return self.data_dir / "backups"

    def ensure(self) -> AppPaths:
        """Create the folders (private to the user) and return self."""
        for folder in (self.data_dir, self.log_dir, self.backups):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Work out the data and log folders from the flag, the environment or platformdirs."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        data = Path(chosen).expanduser().resolve()
        log = Path(os.environ.get(LOG_DIR_ENV) or data / "logs")
    else:
        data = Path(platformdirs.user_data_dir(_APP_DIR_NAME, APP_AUTHOR))
        log = Path(
            os.environ.get(LOG_DIR_ENV) or platformdirs.user_log_dir(_APP_DIR_NAME, APP_AUTHOR)
        )
    return AppPaths(data_dir=data, log_dir=log)


def require_data_dir(data_dir: str | os.PathLike[str] | None) -> None:
    """Refuse a ``--data-dir`` folder that does not exist (a USB disk not plugged in):
    opening it would create an empty database there and the first start's set-up would
    appear as if the programme were new. An existing folder, even empty, is a new start;
    no folder named (the default, or ``HARMONY_DATA_DIR``) is left to be created."""
    if not data_dir:
        return
    folder = Path(data_dir).expanduser()
    if folder.exists():
        return
    raise DataFolderMissingError(
        _(
            "The data folder {folder} does not exist. If it is on a disk that is not "
            "connected, connect it and start again; to start a new database there, "
            "create the folder first."
        ).format(folder=folder),
        folder,
    )


def resource_root() -> Path:
    """The read-only ``resources/`` folder, from source or from a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource("icons", "app.png")``."""
    return resource_root().joinpath(*parts)


def migrations_dir() -> Path:
    """The Alembic migrations of the local store (inside the package, frozen or not)."""
    return Path(__file__).resolve().parent / "store" / "migrations"
