"""Errors the services raise. Each message says what is wrong and what to do."""

from __future__ import annotations


class HarmonyError(Exception):
    """Base class for every error meant to be shown to a user."""


class ValidationError(HarmonyError):
    """Input was refused; nothing was written."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(HarmonyError):
    """A record the caller named does not exist (or was archived)."""


class CapacityError(ValidationError):
    """An ensemble is full."""


class StoreError(HarmonyError):
    """The local database cannot be opened or used."""


class StoreCorruptError(StoreError):
    """The local database failed its integrity check; it has not been changed."""
