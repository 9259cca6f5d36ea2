"""Where this laptop's sync device token lives.

The token is a secret: whoever has it can read and change the hub's roster. It is kept
in the operating system's keyring (Windows Credential Manager, macOS Keychain, the
Secret Service on Linux desktops) through the ``keyring`` package, under the service
name :data:`KEYRING_SERVICE` and the device id as the user name.

**Fallback.** Where no keyring backend exists (a headless Linux box running the
scheduled ``harmony-desktop sync``, a minimal kiosk image), the token is written to
``<data dir>/sync-token`` with permissions 0600 (readable and writable by the user
only), in a folder that is itself 0700. The app says which of the two it used
(:attr:`TokenStore.location`). Set ``HARMONY_TOKEN_STORE=file`` to force the file (for
portable installs and tests).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from pathlib import Path

from harmony_desktop.domain.i18n import _

log = logging.getLogger(__name__)

KEYRING_SERVICE = "harmony-desktop-sync"
TOKEN_FILE = "sync-token"
FORCE_ENV = "HARMONY_TOKEN_STORE"


def _keyring_usable() -> bool:
    if os.environ.get(FORCE_ENV, "").lower() == "file":
        return False
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # no backend can even be loaded
        return False
    if isinstance(backend, fail.Keyring):
        return False
    priority = getattr(backend, "priority", 1)
    try:
        return float(priority) > 0
    except (TypeError, ValueError):
        return True


class TokenStore:
    """Saves, loads and forgets the device token of one data folder."""

    def __init__(self, data_dir: Path, device_id: str) -> None:
        self.data_dir = Path(data_dir)
        self.device_id = device_id
        self.file = self.data_dir / TOKEN_FILE
        #: the token once read, so the status bar does not ask the keyring every time
        self._cached: str | None = None

    @functools.cached_property
    def use_keyring(self) -> bool:
        """True when the token goes to the system keyring. Probed the first time it is
        needed (loading the keyring's backends takes a good part of a second), which for
        the window is its status read in the background, not its start-up."""
        return _keyring_usable()

    @property
    def location(self) -> str:
        """Where the token is kept, for the user and the logs (never the token)."""
        if self.use_keyring:
            return _("the system keyring ({service})").format(service=KEYRING_SERVICE)
        return _("the file {path} (readable only by you)").format(path=self.file)

    def save(self, token: str) -> None:
        """Store ``token``, replacing any previous one."""
        self._cached = token
        if self.use_keyring:
            try:
                import keyring

                keyring.set_password(KEYRING_SERVICE, self.device_id, token)
                self.file.unlink(missing_ok=True)
                return
            except Exception as err:  # locked or broken keyring: fall back, say so
                log.warning("keyring unavailable (%s); using the token file", type(err).__name__)
                self.use_keyring = False
        self._write_file(token)

    def load(self) -> str | None:
        """The stored token, or None when this laptop is not enrolled."""
        if self._cached is not None:
            return self._cached
        self._cached = self._read()
        return self._cached

    def _read(self) -> str | None:
        if self.use_keyring:
            try:
                import keyring

                token = keyring.get_password(KEYRING_SERVICE, self.device_id)
                if token:
                    return token
            except Exception as err:
                log.warning("keyring unreadable (%s); trying the token file", type(err).__name__)
        if self.file.exists():
            text = self.file.read_text(encoding="utf-8").strip()
            return text or None
        return None

    def clear(self) -> None:
        """Forget the token (after it was revoked, or to enroll again)."""
        self._cached = None
        if self.use_keyring:
            with contextlib.suppress(Exception):
                import keyring

                keyring.delete_password(KEYRING_SERVICE, self.device_id)
        self.file.unlink(missing_ok=True)

    def _write_file(self, token: str) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = self.file.with_suffix(".partial")
        # Created 0600 from the start, so the secret is never briefly world-readable.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token)
        os.chmod(partial, 0o600)
        partial.replace(self.file)
