"""List and fill the untranslated entries of the translation catalogues.

    .venv/bin/python scripts/translations.py missing es > todo.json   # {"English": ""}
    (write the Spanish into todo.json)
    .venv/bin/python scripts/translations.py fill es todo.json        # (--replace: correct)
    scripts/update_translations.sh                                     # merge and compile

One file for both catalogues: a string the Qt UI and the services both use is translated
once. ``fill`` only fills entries that are unfinished (or fuzzy), never overwrites a
finished one, and fails on a translation whose {placeholders} or %-formats differ from
the English.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
_FIELDS = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdrvm]")


def ts_path(lang: str) -> Path:
    """The Qt catalogue of ``lang``."""
    return FOLDER / f"harmony_desktop_{lang}.ts"


def po_path(lang: str) -> Path:
    """The gettext catalogue of ``lang``."""
    return FOLDER / lang / "LC_MESSAGES" / "harmony_desktop.po"


def missing(lang: str) -> list[str]:
    """Every English string with no finished translation in either catalogue."""
    found: list[str] = []
    for message in ET.parse(ts_path(lang)).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished" or not translation.text:
            found.append(message.findtext("source") or "")
    with po_path(lang).open("rb") as handle:
        for entry in read_po(handle):
            if entry.id and (not entry.string or entry.fuzzy):
                found.append(str(entry.id))
    return list(dict.fromkeys(found))


def check(source: str, text: str) -> None:
    """Refuse a translation whose placeholders differ from the English."""
    if sorted(_FIELDS.findall(source)) != sorted(_FIELDS.findall(text)):
        raise SystemExit(f"placeholders differ:\n  {source!r}\n  {text!r}")


def fill(lang: str, translations: dict[str, str], *, replace: bool = False) -> int:
    """Fill unfinished entries of both catalogues from ``translations`` (``replace``:
    finished ones too, to correct them); returns how many."""
    filled = 0
    tree = ET.parse(ts_path(lang))
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or not translations.get(source):
            continue
        if replace or translation.get("type") == "unfinished" or not translation.text:
            check(source, translations[source])
            translation.text = translations[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts_path(lang), encoding="utf-8", xml_declaration=True)
    with po_path(lang).open("rb") as handle:
        catalogue = read_po(handle)
    for entry in catalogue:
        unfinished = not entry.string or entry.fuzzy
        if entry.id and (replace or unfinished) and translations.get(str(entry.id)):
            check(str(entry.id), translations[str(entry.id)])
            entry.string = translations[str(entry.id)]
            entry.flags.discard("fuzzy")
            filled += 1
    with po_path(lang).open("wb") as handle:
        write_po(handle, catalogue, width=0)
    return filled


def main(argv: list[str] | None = None) -> int:
    """``missing LANG`` or ``fill LANG FILE.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("missing").add_argument("lang")
    filling = sub.add_parser("fill")
    filling.add_argument("lang")
    filling.add_argument("file", type=Path)
    filling.add_argument("--replace", action="store_true", help="correct finished entries too")
    args = parser.parse_args(argv)
    if args.command == "missing":
        json.dump({s: "" for s in missing(args.lang)}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    translations = json.loads(args.file.read_text(encoding="utf-8"))
    count = fill(args.lang, translations, replace=args.replace)
    print(f"{count} entries filled; now run scripts/update_translations.sh", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
