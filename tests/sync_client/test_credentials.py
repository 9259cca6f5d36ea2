"""The device token: OS keyring when there is one, else a 0600 file (documented fallback)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from harmony_desktop.services.credentials import KEYRING_SERVICE, TokenStore


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend standing in for the OS one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def test_token_goes_to_the_keyring_when_one_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HARMONY_TOKEN_STORE", raising=False)
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        tokens = TokenStore(tmp_path, "0123456789abcdef")
        assert tokens.use_keyring and "keyring" in tokens.location
        tokens.save("secret-token")
        assert backend.secrets == {(KEYRING_SERVICE, "0123456789abcdef"): "secret-token"}
        assert not (tmp_path / "sync-token").exists()  # never on disk
        assert TokenStore(tmp_path, "0123456789abcdef").load() == "secret-token"
        tokens.clear()
        assert tokens.load() is None
    finally:
        keyring.set_keyring(previous)


def test_file_fallback_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import fail

    monkeypatch.delenv("HARMONY_TOKEN_STORE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        tokens = TokenStore(tmp_path / "data", "0123456789abcdef")
        assert not tokens.use_keyring and "readable only by you" in tokens.location
        tokens.save("secret-token")
        path = tmp_path / "data" / "sync-token"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        assert tokens.load() == "secret-token"
        tokens.clear()
        assert not path.exists() and tokens.load() is None
    finally:
        keyring.set_keyring(previous)
