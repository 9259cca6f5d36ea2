"""A real, small, nearly full disk for tests: a tmpfs mounted on a folder.

    with small_disk(tmp_path / "disk", 16 * MB) as disk:
        ...                             # the app's data folder lives inside ``disk``
        fill(disk, leave=64 * 1024)     # a filler file leaves 64 KB free
        free_again(disk)                # delete the filler

Mounting needs root (CAP_SYS_ADMIN); where it is refused the test is skipped with the
reason. Writes on the mounted folder then fail the way they do on a full laptop disk:
``ENOSPC``, which SQLite reports as "database or disk is full".
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

MB = 1024 * 1024
FILLER = "filler.bin"


@contextlib.contextmanager
def small_disk(folder: Path, size: int) -> Iterator[Path]:
    """Mount a ``size``-byte tmpfs on ``folder`` for the block; unmount after it."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def free_bytes(folder: Path) -> int:
    """Bytes free on the disk holding ``folder``."""
    return shutil.disk_usage(folder).free


def fill(disk: Path, leave: int) -> None:
    """Take all but about ``leave`` bytes of the disk with a filler file."""
    filler = disk / FILLER
    with filler.open("ab") as out:
        grow = free_bytes(disk) - leave
        if grow > 0:
            os.posix_fallocate(out.fileno(), out.seek(0, os.SEEK_END), grow)


def free_again(disk: Path) -> None:
    """Remove the filler: the space comes back."""
    (disk / FILLER).unlink(missing_ok=True)
