"""Files people name: one is saved whole or not at all, and one that cannot be read or
written is refused with a sentence saying what is wrong and what to do (the file asked
for, never the hidden ``.partial`` beside it, and no errno).

Every export, printout and workbook the app writes goes through :func:`saving`; every
file an import reads is first looked at by :func:`check_source`. The window and the
command line show the same messages (the command line on one line, exit 2).
"""

from __future__ import annotations

import contextlib
import errno
import zipfile
from collections.abc import Iterator
from pathlib import Path

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _

#: The suffix of the file written beside the one asked for, then moved into place.
PARTIAL_SUFFIX = ".partial"

#: The first bytes of a zip archive (an .xlsx workbook is one).
_ZIP_MAGIC = b"PK\x03\x04"
#: The content types of a workbook's main part (.xlsx, .xlsm, .xltx, .xltm), as openpyxl
#: finds it in ``[Content_Types].xml``.
_WORKBOOK_TYPES = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    b"application/vnd.ms-excel.template.macroEnabled.main+xml",
)


def file_error(path: Path, exc: OSError) -> ValidationError:
    """Why the file ``path`` could not be written, said for a person: the file asked for
    (never the hidden ``.partial`` beside it), what to do, and no errno."""
    name = str(path)
    if isinstance(exc, IsADirectoryError):
        message = _("{path} is a folder: choose a file name.")
    elif isinstance(exc, FileNotFoundError):
        message = _(
            "Could not save {path}: the folder {folder} does not exist. Create it first, "
            "or choose another folder."
        )
    elif isinstance(exc, FileExistsError | NotADirectoryError):
        message = _(
            "Could not save {path}: a file stands where its folder should be. "
            "Choose another folder."
        )
    elif isinstance(exc, PermissionError):
        message = _(
            "Could not save {path}: this folder does not let you save files, or the "
            "file is open in another program (close it there and try again)."
        )
    elif exc.errno == errno.ENOSPC:
        message = _("Could not save {path}: the disk is full.")
    elif exc.errno == errno.EROFS:
        message = _("Could not save {path}: that disk is read-only. Choose another folder.")
    else:
        message = _("Could not save {path}. Choose another folder.")
    return ValidationError(message.format(path=name, folder=Path(path).absolute().parent))


def partial_path(path: Path) -> Path:
    """Where ``path`` is written before it is moved into place."""
    return path.with_name(path.name + PARTIAL_SUFFIX)


def check_target(path: Path) -> None:
    """Refuse at once a file name that cannot be saved to (a folder, a file where a
    folder should be, a folder that does not exist), before any work is done for it.

    A missing folder is never made: a typing mistake in a path (``Documnets/``) would
    otherwise quietly make folders wherever it pointed, and the file would be lost in
    them."""
    path = Path(path)
    if path.is_dir():
        raise file_error(path, IsADirectoryError(errno.EISDIR, "", str(path)))
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise file_error(path, NotADirectoryError(errno.ENOTDIR, "", str(path)))
            break
    if not path.absolute().parent.is_dir():
        raise file_error(path, FileNotFoundError(errno.ENOENT, "", str(path)))


@contextlib.contextmanager
def saving(path: Path) -> Iterator[Path]:
    """Yield the file to write in place of ``path`` (beside it, created readable by its
    owner only: people's records), then move it into place. A failure (or anything raised
    in the block) leaves the old file as it was and nothing beside it; an OSError comes
    out as a :class:`ValidationError` saying what to do (:func:`file_error`). The folder
    must exist (:func:`check_target`): none is made."""
    path = Path(path)
    partial = partial_path(path)
    try:
        check_target(path)
        partial.touch(mode=0o600)
        partial.chmod(0o600)  # an old partial keeps its mode through touch
        yield partial
        partial.chmod(0o600)  # a library may have made the file again
        partial.replace(path)
    except OSError as exc:
        raise file_error(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):  # none was made where no folder is
            partial.unlink(missing_ok=True)


def writable(path: Path) -> ValidationError | None:
    """Why ``path`` could not be saved, or None if it looks as if it can: tried by
    making (and removing) the file beside it. For a file another program writes (Qt's
    print dialog writing a PDF), checked before it starts."""
    try:
        with saving(path) as partial:
            partial.unlink()
            raise _Tried
    except _Tried:
        return None
    except ValidationError as exc:
        return exc


class _Tried(Exception):
    """The trial file was made: nothing to move into place."""


def read_error(path: Path, exc: OSError) -> ValidationError:
    """Why the file ``path`` could not be read, said for a person."""
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        message = _("There is no file {path}.")
    elif isinstance(exc, IsADirectoryError):
        message = _("{path} is a folder: choose a file.")
    elif isinstance(exc, PermissionError):
        message = _(
            "Could not open {path}: you may not read it, or it is open in another program "
            "(close it there and try again)."
        )
    else:
        message = _("Could not read {path}. Copy it to this computer and try again.")
    return ValidationError(message.format(path=path))


def not_a_workbook(path: Path) -> ValidationError:
    """The file ``path``, named .xlsx, is no workbook (or one too damaged to read)."""
    return ValidationError(
        _(
            "{path} is not an Excel workbook, though its name ends in {suffix}. "
            'Open it in your spreadsheet, save it as .xlsx or as "CSV UTF-8", and '
            "try again."
        ).format(path=path, suffix=path.suffix)
    )


def _holds_a_workbook(path: Path) -> bool:
    """True when the zip archive ``path`` declares a workbook part, as openpyxl looks
    for it: a Word document or a zip of photos renamed .xlsx is a zip, not a workbook.
    Reads only the archive's directory and its small list of content types."""
    try:
        with zipfile.ZipFile(path) as archive:
            types = archive.read("[Content_Types].xml")
    except (KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return False
    except OSError as exc:
        raise read_error(path, exc) from exc
    return any(kind in types for kind in _WORKBOOK_TYPES)


def check_source(path: Path) -> None:
    """Refuse a file to import that is missing, a folder, empty, unreadable, or not what
    its name says (an .xlsx that is no workbook, a binary file named .csv): one sentence
    saying what to do. Reads only the file's first bytes (and a zip's list of parts)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "", str(path))
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise read_error(path, exc) from exc
    suffix = path.suffix.casefold()
    if not head:
        raise ValidationError(
            _("{path} is empty: choose the file that holds the rows to import.").format(path=path)
        )
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(_ZIP_MAGIC) or not _holds_a_workbook(path):
            raise not_a_workbook(path)
    elif head.startswith(_ZIP_MAGIC):
        raise ValidationError(
            _(
                "{path} is a workbook, not a CSV text file: save it as .xlsx (or as "
                '"CSV UTF-8") and try again.'
            ).format(path=path)
        )
    elif b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            _(
                "{path} is not a CSV text file (it may be a picture or a program). Save "
                'your spreadsheet as "CSV UTF-8" or as .xlsx and try again.'
            ).format(path=path)
        )
