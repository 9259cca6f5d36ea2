"""Start-up shared by the window, the command line and the self-test (no Qt here).

Finds the data folder, sets up rotating logs and the translations of text below the UI,
opens the store (migrating and checking it) with every service over it, takes the daily
backup (never failing the start for it), and, on a database it has just created, seeds a
demo hub.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harmony_desktop.domain import i18n
from harmony_desktop.paths import resolve_paths, resource
from harmony_desktop.services.context import Services
from harmony_desktop.store import settings

log = logging.getLogger(__name__)
LOG_FILE = "harmony-desktop.log"


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """A rotating log file readable by its owner only (0600), whatever the folder's mode
    (``--data-dir`` may name an existing folder others can read)."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):  # a file made by an older version may be 0644
            os.fchmod(fd, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """A line that cannot be written to a full (or failing) disk is dropped: the
        app goes on, and says what matters itself; logging's own report (a traceback on
        the command line's standard error) would only bury it."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> None:
    """Log to a rotating file in the user log folder (5 × 1 MB), readable by its owner only.

    Log lines carry ids and counts, never student names or notes.
    """
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    root = logging.getLogger()
    if any(getattr(h, "_harmony", False) for h in root.handlers):
        return
    handler = PrivateLogFile(
        log_dir / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._harmony = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


def open_app(
    data_dir: str | Path | None = None,
    *,
    seed_demo: bool = False,
    backup: bool = True,
    warn: Callable[[str], object] | None = None,
    check_later: bool = False,
) -> Services:
    """Open the data folder (``--data-dir``/``HARMONY_DATA_DIR``/platformdirs).

    Returns the :class:`Services` of its database; close them when done. ``seed_demo``
    adds a generated demo hub to a database this call has just created, so a newcomer
    opening the app sees a real-looking hub (an existing file, even an empty one, is
    never seeded). ``backup`` takes the daily backup now if it is due (the window
    passes False and takes it in the background once it is up); when it cannot be made
    the start-up goes on and ``warn`` gets the reason and the space it needs.
    ``check_later`` runs the database's integrity check in the background (the window:
    see :meth:`~harmony_desktop.store.db.Store.checked`).
    """
    paths = resolve_paths(data_dir).ensure()
    setup_logging(paths.log_dir)
    i18n.install(resource("translations"))
    services = Services.open_folder(paths, check_later=check_later)
    try:
        # The language chosen in the window, for this database; unset, the system's.
        i18n.set_language(services.store.settings.get(settings.LANGUAGE))
        if seed_demo and services.store.created:
            _seed_demo(services)
        if backup and not services.store.created:  # a new database: nothing to back up
            outcome = services.store.backup_if_due()
            if outcome is not None and outcome.problem and warn is not None:
                warn(outcome.problem)
    except BaseException as exc:
        services.close()
        services.store.opening_failed(exc)  # damage or a full disk: say that, not what it broke
        raise
    return services


def _seed_demo(services: Services) -> None:
    try:
        from harmony_desktop.demo import ensure_demo
    except ModuleNotFoundError:  # a build without the demo generator
        log.warning("no demo generator in this build; not seeding a demo hub")
        return
    if ensure_demo(services.store):
        log.info("seeded a demo hub into a new database")
