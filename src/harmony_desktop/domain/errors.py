"""Errors the services raise. Each message says what is wrong and what to do.

Also :func:`log_failure`, the one way an unexpected exception is logged: by type and
place, never by message.
"""

from __future__ import annotations

import enum
import logging
import traceback
from pathlib import Path


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


class DataFolderMissingError(HarmonyError):
    """The data folder named with ``--data-dir`` does not exist (a disk not connected);
    nothing was created."""

    def __init__(self, message: str, folder: Path) -> None:
        super().__init__(message)
        self.folder = folder


class StoreError(HarmonyError):
    """The local database cannot be opened or used."""


class StoreCorruptError(StoreError):
    """The local database failed its integrity check; it has not been changed.

    Its message is the command line's (it names the ``restore`` command); the window
    says it in words of its own from :attr:`path`, :attr:`detail` (SQLite's own words,
    in English, for "Show Details") and :attr:`empty`.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        detail: str | None = None,
        empty: bool = False,
    ) -> None:
        super().__init__(message)
        #: the damaged file
        self.path = path
        #: what SQLite reported ("database disk image is malformed"), untranslated
        self.detail = detail
        #: True for a file of 0 bytes (damaged, not new)
        self.empty = empty


class Trouble(enum.Enum):
    """What keeps a healthy database from being opened (:class:`StoreUnavailableError`)."""

    #: the disk holding it is full (SQLite cannot even make its shared-memory file)
    FULL = "full"
    #: the disk could not be read or written: disconnected, or failing
    DISK = "disk"
    #: a read-only disk, or a file or folder this account may not write
    READ_ONLY = "read_only"
    #: another program (a command, an import, a backup, a sync in another process) kept
    #: it locked for longer than the app waits (SQLITE_BUSY)
    BUSY = "busy"


class StoreUnavailableError(StoreError):
    """The local database could not be opened or checked because of where it is kept,
    not what it holds: a full disk, a disk error, a read-only disk or file, or another
    program keeping it locked (:attr:`Trouble.BUSY`). Nothing has
    been changed, and restoring a backup would not help (it would lose the changes
    made since it), so none is offered.

    Its message is the command line's; the window says it in words of its own from
    :attr:`trouble`, :attr:`folder` and :attr:`detail`.
    """

    def __init__(
        self,
        message: str,
        *,
        trouble: Trouble,
        path: Path,
        folder: Path,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.trouble = trouble
        #: the database
        self.path = path
        #: the folder on the disk to free space on, reconnect or make writable
        self.folder = folder
        #: what SQLite or the system reported ("disk I/O error"), untranslated
        self.detail = detail


class StoreWriteError(StoreError):
    """A change could not be written (a full disk, a disk error); nothing of it was saved."""


def log_failure(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """Log an unexpected failure: its type and where it happened, not its message.

    A database error's message can quote the values of a row (SQLAlchemy appends the
    bound parameters unless the engine hides them, and a conversion error quotes the
    value it could not convert), and logs hold no student data.
    """
    where = "".join(traceback.format_tb(exc.__traceback__))
    cause = exc.__cause__ or exc.__context__
    also = f" (from {type(cause).__name__})" if cause is not None else ""
    logger.error("%s failed with %s%s:\n%s", what, type(exc).__name__, also, where.rstrip())
