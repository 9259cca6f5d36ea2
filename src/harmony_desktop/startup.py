"""Start-up shared by the window, the command line and the self-test (no Qt here).

Finds the data folder, sets up rotating logs and the translations of text below the UI,
opens the store (migrating and checking it) with every service over it, and, on a
brand-new database, seeds a demo hub.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from harmony_desktop.domain import i18n
from harmony_desktop.paths import resolve_paths, resource
from harmony_desktop.services.context import Services
from harmony_desktop.store import settings

log = logging.getLogger(__name__)
LOG_FILE = "harmony-desktop.log"


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> None:
    """Log to a rotating file in the user log folder (5 × 1 MB) and warnings to stderr.

    Log lines carry ids and counts, never student names or notes.
    """
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    root = logging.getLogger()
    if any(getattr(h, "_harmony", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        log_dir / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._harmony = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


def open_app(data_dir: str | Path | None = None, *, seed_demo: bool = False) -> Services:
    """Open the data folder (``--data-dir``/``HARMONY_DATA_DIR``/platformdirs).

    Returns the :class:`Services` of its database; close them when done. ``seed_demo``
    adds a generated demo hub when the database has no hub yet, so a newcomer opening
    the app sees a real-looking hub.
    """
    paths = resolve_paths(data_dir).ensure()
    setup_logging(paths.log_dir)
    i18n.install(resource("translations"))
    services = Services.open_folder(paths)
    # The language chosen in the window, for this database; unset, the system's stays.
    i18n.set_language(services.store.settings.get(settings.LANGUAGE))
    if seed_demo:
        try:
            _seed_demo(services)
        except BaseException:
            services.close()
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
