"""Trim ICU's data library (``libicudata.so.NN``, 30 MB) to what Harmony Desktop uses.

Qt links ICU on Linux; ICU keeps all its data (every locale's collation, names of zones,
currencies, units, languages; converters; dictionaries) in one package, the symbol
``icudtNN_dat`` of ``libicudata``. Qt asks ICU for collation (``QCollator``, sorting in
views), case mapping by locale, time zones and, when asked by name, legacy text encodings.
The app sets Qt's default locale to one of its own (``i18n.LOCALES``: en_US, es_MX), so
only root, English and Spanish data is ever looked up; ICU falls back along the locale's
parents to root for any locale whose data is missing (a ``ko`` collation sorts by the
root order, as ICU does for every language without its own rules).

:func:`trim_library` reads the package out of the library, keeps the items
:func:`keep_item` accepts, and links a new library with the same name and symbol (GNU
``ld`` and ``objcopy``, from binutils, which PyInstaller needs on Linux anyway).

The package format (ICU's ``ucmndata.h``): a data header (``headerSize`` bytes), then
the table of contents: ``count``, ``count`` pairs of (name offset, data offset), both
from the start of the table, the names (``icudt73l/coll/es.res``, sorted: ICU looks them
up by binary search), then each item, aligned to 16 bytes.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

#: Locale bundles named like a locale ("es_MX.res", "zh_Hant_TW.res", "root.res")
_LOCALE_ITEM = re.compile(r"^(root|[a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")
#: Items named like a locale that are not one
_NOT_LOCALES = {"res_index.res"}
#: Trees ICU never opens for Qt: transliteration (Qt has no transliterator API)
_DROP_TREES = {"translit"}
#: Converter tables above this size are the double-byte ones (Shift-JIS, GB18030, Big5,
#: EUC-KR, the EBCDIC DBCS pages): Qt opens them only for a QStringDecoder asked for such
#: an encoding by name, which the app never does (its imports decode in Python). The
#: single-byte tables (windows-125x, ISO-8859-x, IBM PC pages) are kept: 0.5 MB.
CONVERTER_LIMIT = 64 * 1024


def keep_item(name: str, size: int, languages: Iterable[str]) -> bool:
    """Whether the package item ``name`` (without its ``icudtNNl/`` prefix) stays:
    every locale-independent item, and the locale bundles of root and ``languages``
    (with every region and script of those languages); no dictionaries for word
    breaking in Thai, Lao, Khmer, Burmese, Chinese and Japanese (Qt breaks text itself),
    no transliterators, no double-byte converters."""
    tree, _, base = name.rpartition("/")
    if tree in _DROP_TREES:
        return False
    if base.endswith(".dict"):
        return False
    if base.endswith(".cnv"):
        return size <= CONVERTER_LIMIT
    match = _LOCALE_ITEM.match(base)
    if match and base not in _NOT_LOCALES:
        return match.group(1) == "root" or match.group(1) in set(languages)
    return True


def read_items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (full name, data) items of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if package[8] != 0:
        raise ValueError("a big-endian ICU package")
    toc = header_size
    (count,) = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        start = toc + name_offset
        name = package[start : package.index(b"\0", start)].decode("ascii")
        end = toc + entries[i + 1][1] if i + 1 < count else len(package)
        items.append((name, package[toc + data_offset : end]))
    return package[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package of ``items`` (sorted by name, as ICU expects)."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b""
    name_offsets = []
    table = 4 + 8 * len(items)
    for name, _data in items:
        name_offsets.append(table + len(names))
        names += name.encode("ascii") + b"\0"
    body_start = table + len(names)
    body_start += -body_start % 16
    body = b""
    data_offsets = []
    for _name, data in items:
        body += b"\0" * (-(body_start + len(body)) % 16)
        data_offsets.append(body_start + len(body))
        body += data
    toc = struct.pack("<I", len(items)) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets, strict=True)
    )
    toc += names
    toc += b"\0" * (body_start - len(toc))
    return header + toc + body


def filter_package(package: bytes, keep: Callable[[str, int], bool]) -> tuple[bytes, int]:
    """The package with only the items ``keep(name, size)`` accepts (``name`` without the
    ``icudtNNl/`` prefix), and how many items were dropped."""
    header, items = read_items(package)
    kept = [(n, d) for n, d in items if keep(n.split("/", 1)[1] if "/" in n else n, len(d))]
    return write_package(header, kept), len(items) - len(kept)


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol of ``library``: its name, file offset and size (``objdump``)."""
    symbols = subprocess.run(
        ["objdump", "-T", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in symbols.splitlines():
        fields = line.split()
        if fields and re.fullmatch(r"icudt\d+_dat", fields[-1]):
            address, size, name = int(fields[0], 16), int(fields[-2], 16), fields[-1]
            break
    else:
        raise ValueError(f"no icudtNN_dat symbol in {library}")
    headers = subprocess.run(
        ["objdump", "-h", "-w", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in headers.splitlines():
        fields = line.split()
        # Idx Name Size VMA LMA File-off Algn Flags
        if len(fields) >= 7 and fields[0].isdigit():
            sec_size, vma, offset = (int(fields[i], 16) for i in (2, 3, 5))
            if vma <= address < vma + sec_size:
                return name, offset + address - vma, size
    raise ValueError(f"{name} lies in no section of {library}")


def trim_library(
    library: Path, out_dir: Path, languages: Iterable[str]
) -> tuple[Path, int, int, int]:
    """Write ``out_dir/<library's name>``: ``library`` with only the data of root and
    ``languages``. Returns the new library, the items dropped, the old and new sizes."""
    languages = set(languages)
    name, offset, size = _symbol(library)
    with library.open("rb") as f:
        f.seek(offset)
        package = f.read(size)
    trimmed, dropped = filter_package(package, lambda item, n: keep_item(item, n, languages))
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / library.name
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "icu.dat"
        raw.write_bytes(trimmed)
        obj = Path(tmp) / "icu.o"
        # A relocatable object holding the bytes (symbols _binary_icu_dat_start...), made
        # read-only, 16-aligned and named as ICU's library exports it.
        subprocess.run(
            ["ld", "-r", "-b", "binary", "-z", "noexecstack", "-o", str(obj), "icu.dat"],
            cwd=tmp,
            check=True,
        )
        subprocess.run(
            [
                "objcopy",
                "--rename-section",
                ".data=.rodata,alloc,load,readonly,data,contents",
                "--set-section-alignment",
                ".rodata=16",
                "--redefine-sym",
                f"_binary_icu_dat_start={name}",
                "--strip-symbol",
                "_binary_icu_dat_end",
                "--strip-symbol",
                "_binary_icu_dat_size",
                str(obj),
            ],
            check=True,
        )
        subprocess.run(
            [
                "ld",
                "-shared",
                "-soname",
                library.name,
                "-z",
                "noexecstack",
                "--hash-style=both",
                "-o",
                str(out),
                str(obj),
            ],
            check=True,
        )
    return out, dropped, library.stat().st_size, out.stat().st_size


def can_trim() -> bool:
    """Whether the tools :func:`trim_library` needs are here."""
    return all(shutil.which(tool) for tool in ("ld", "objcopy", "objdump"))
