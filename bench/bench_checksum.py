"""A flipped byte inside a name, and what per-page checksums (SQLite's cksumvfs) cost.

    python -m bench.bench_checksum [--quick] [--cksumvfs PATH] [--marks 300] [--opens 7]

1. Flips one bit of one letter of a student's name inside a copy of the demo database
   (full scale by default) and runs ``PRAGMA quick_check`` (what every open runs) and
   ``PRAGMA integrity_check``: both answer "ok", and the store opens and shows the
   changed name. Neither check reads the values of a record, only the structure.
2. With ``--cksumvfs``: a shared library of SQLite's ``ext/misc/cksumvfs.c`` built
   against the same ``libsqlite3`` this Python uses, with
   ``-DSQLITE_CKSUMVFS_STATIC -DSQLITE_CKSUMVFS_INIT_FUNCNAME='"cksum_init"' -lsqlite3``
   (it is not part of the project: SQLite ships it as source only). A second copy is
   converted to checksummed pages (8 reserved bytes per page, then ``VACUUM``); in the
   same run, interleaved, each copy under its own VFS (plain ``unix`` as the baseline,
   ``cksmvfs`` for the checksummed one): opening the store (integrity and migration
   check) and recording one mark durably, as the register does on each key press.
   Then the same flip in the checksummed copy: is it caught?

Prints figures and the machine's load average; asserts nothing.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sqlite3
import sys
import tempfile
from functools import partial
from pathlib import Path

from sqlmodel import select

from bench._common import copy_database, demo_database, summarize_ms, timed_ms
from bench.bench_store import BENCH_TODAY, _tracked, _unmarked_targets
from harmony_desktop.demo import DEFAULT_SEED
from harmony_desktop.domain.errors import StoreCorruptError
from harmony_desktop.store.db import Store, check_integrity
from harmony_desktop.store.models import Student


def load() -> str:
    """The load average, to print beside every figure."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def flip_a_name(path: Path) -> tuple[str, str, str]:
    """Flip the case bit of one letter of a student's first name in the file itself.

    Returns (student id, the name before, the name as the file now holds it).
    """
    with Store(path) as store, store.read() as s:
        students = s.exec(select(Student).order_by(Student.id)).all()
    data = bytearray(path.read_bytes())
    for student in students:
        name = student.legal_first_name
        needle = f"{name}{student.legal_last_name}".encode()
        if len(name) >= 4 and data.count(needle) == 1:
            at = data.index(needle) + 2
            data[at] ^= 0x20  # "a" <-> "A": still valid text, a different name
            path.write_bytes(bytes(data))
            changed = bytes(data[at - 2 : at - 2 + len(name.encode())]).decode()
            return student.id, name, changed
    raise SystemExit("no student name found once in the file")


def pragma(path: Path, name: str) -> str:
    """The first answer of ``PRAGMA name`` on a read-only connection (or the error)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return str(conn.execute(f"PRAGMA {name}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return f"error: {err}"


def stored_name(path: Path, student_id: str) -> str:
    """The student's first name as the store reads it."""
    with Store(path) as store, store.read() as s:
        return s.exec(select(Student).where(Student.id == student_id)).one().legal_first_name


def part_one(path: Path, folder: Path) -> None:
    print(f"\n== 1. One flipped byte inside a name, without checksums ({load()})")
    copy = copy_database(path, folder / "flipped")
    student_id, before, after = flip_a_name(copy)
    print(f"name in the file: {before!r} -> {after!r} (one bit)")
    print(f"PRAGMA quick_check:     {pragma(copy, 'quick_check')}")
    print(f"PRAGMA integrity_check: {pragma(copy, 'integrity_check')}")
    try:
        print(f"the store opens; the name reads {stored_name(copy, student_id)!r}")
    except StoreCorruptError as err:
        print(f"the store refuses to open: {err}")


class Vfs:
    """Switch the default VFS of this process's libsqlite3 (new connections use it)."""

    def __init__(self, library: Path) -> None:
        self.sqlite = ctypes.CDLL("libsqlite3.so.0")
        self.sqlite.sqlite3_vfs_find.restype = ctypes.c_void_p
        self.sqlite.sqlite3_vfs_find.argtypes = [ctypes.c_char_p]
        self.sqlite.sqlite3_vfs_register.argtypes = [ctypes.c_void_p, ctypes.c_int]
        cksum = ctypes.CDLL(str(library))
        if cksum.sqlite3_register_cksumvfs(None) != 0:
            raise SystemExit("sqlite3_register_cksumvfs failed")

    def use(self, name: str) -> None:
        """Make ``name`` ("unix" or "cksmvfs") the default VFS."""
        found = self.sqlite.sqlite3_vfs_find(name.encode())
        if not found or self.sqlite.sqlite3_vfs_register(found, 1) != 0:
            raise SystemExit(f"no VFS {name}")


def vacuumed_copy(path: Path, folder: Path, *, checksums: bool) -> Path:
    """A VACUUMed copy of ``path``; with ``checksums``, with 8 reserved bytes per page
    (cksumvfs must then be the default VFS). Both copies are VACUUMed alike, so neither
    is the more compact one."""
    copy = copy_database(path, folder)
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # VACUUM rewrites every page
        # The whole file must fit the page cache during the VACUUM: pages spilled before
        # cksumvfs has seen the new header are written without their checksum, and the
        # file then fails every check (an I/O error), as measured here.
        conn.execute(f"PRAGMA cache_size=-{copy.stat().st_size // 1000 * 2}")
        if checksums:
            conn.execute("SELECT cksum_init('main')")
        conn.execute("VACUUM")
    finally:
        conn.close()
    conn = sqlite3.connect(copy, isolation_level=None)  # a new connection sees reserve 8
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    reserved = copy.read_bytes()[20]
    if reserved != (8 if checksums else 0):
        raise SystemExit(f"the copy has {reserved} reserved bytes per page, not 8")
    return copy


def part_two(path: Path, folder: Path, library: Path, marks: int, opens: int) -> None:
    vfs = Vfs(library)
    vfs.use("unix")
    plain = vacuumed_copy(path, folder / "plain", checksums=False)
    (folder / "checksummed").mkdir()
    vfs.use("cksmvfs")
    checked = vacuumed_copy(path, folder / "checksummed", checksums=True)
    size_plain, size_checked = plain.stat().st_size, checked.stat().st_size
    print(f"\n== 2. Per-page checksums (cksumvfs), {load()}")
    print(
        f"file size: {size_plain / 1e6:.1f} MB plain, {size_checked / 1e6:.1f} MB checksummed "
        f"({(size_checked / size_plain - 1) * 100:+.1f} %)"
    )
    conversion = folder / "conversion"
    conversion.mkdir()
    print(
        "converting an existing file (copy, reserve 8, VACUUM): "
        f"{timed_ms(partial(vacuumed_copy, path, conversion, checksums=True)) / 1000:.2f} s"
    )

    print(f"\nopening the store (quick_check + migration check), {opens} times each, interleaved:")
    times: dict[str, list[float]] = {"plain": [], "checksummed": []}
    for _ in range(opens):
        for name, file, vfs_name in (("plain", plain, "unix"), ("checksummed", checked, "cksmvfs")):
            vfs.use(vfs_name)
            times[name].append(timed_ms(lambda f=file: Store(f).close()))
    for name, samples in times.items():
        print(f"  {name:<12} {summarize_ms(samples)}")

    print(f"\nrecording one mark durably (writer.upsert + outbox), {marks} each, interleaved:")
    vfs.use("unix")
    store_plain = Store(plain)
    vfs.use("cksmvfs")
    store_checked = Store(checked)
    try:
        targets, teacher = _unmarked_targets(store_plain, marks + 20)
        writes: dict[str, list[float]] = {"plain": [], "checksummed": []}
        for i, target in enumerate(targets):
            pair = [("plain", store_plain), ("checksummed", store_checked)]
            if i % 2:
                pair.reverse()  # neither always follows the other's checkpoint
            for name, store in pair:
                ms = timed_ms(partial(_tracked, store, target, "P", teacher))
                if i >= 20:
                    writes[name].append(ms)
    finally:
        store_plain.close()
        store_checked.close()
    for name, samples in writes.items():
        print(f"  {name:<12} {summarize_ms(samples)}")

    print("\nthe same flip in the checksummed copy:")
    vfs.use("cksmvfs")
    flipped = copy_database(checked, folder / "flipped-checksummed")
    student_id, before, after = flip_a_name(flipped)
    print(f"name in the file: {before!r} -> {after!r}")
    print(f"PRAGMA quick_check: {pragma(flipped, 'quick_check')}")
    try:
        check_integrity(flipped)
        print(f"the store opens; the name reads {stored_name(flipped, student_id)!r}")
    except StoreCorruptError:
        print("the store refuses to open it as damaged (StoreCorruptError)")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one 200-student hub")
    parser.add_argument("--cksumvfs", type=Path, help="a build of SQLite's cksumvfs.c")
    parser.add_argument("--marks", type=int, default=300)
    parser.add_argument("--opens", type=int, default=7)
    args = parser.parse_args(argv)
    path, _summary = demo_database(seed=DEFAULT_SEED, today=BENCH_TODAY, quick=args.quick)
    scale = "1 hub, 200 students" if args.quick else "17 hubs, 3,500 students"
    print(
        f"database: {scale}, two years, {path.stat().st_size / 1e6:.1f} MB; "
        f"SQLite {sqlite3.sqlite_version}"
    )
    with tempfile.TemporaryDirectory(prefix="harmony-bench-") as tmp:
        folder = Path(tmp)
        for sub in ("flipped", "plain", "flipped-checksummed"):
            (folder / sub).mkdir()
        part_one(path, folder)
        if args.cksumvfs is None:
            print("\n(no --cksumvfs given: the cost of per-page checksums is not measured)")
        elif not sys.platform.startswith("linux"):
            print("\n(--cksumvfs is measured on Linux only)")
        else:
            part_two(path, folder, args.cksumvfs.resolve(), args.marks, args.opens)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
