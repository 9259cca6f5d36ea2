"""List and fill the untranslated entries of the translation catalogues.

    .venv/bin/python scripts/translations.py missing es > todo.json   # {"English": ""}
    (write the Spanish into todo.json)
    .venv/bin/python scripts/translations.py fill es todo.json        # (--replace: correct)
    scripts/update_translations.sh                                     # merge and compile

One file for both catalogues: a string the Qt UI and the services both use is translated
once. A plural entry of the gettext catalogue (``ngettext``) is listed under its
singular with a list of its plural forms to fill, one per form of the language
(Spanish: ``["… {count} fila …", "… {count} filas …"]``). ``fill`` only fills entries that are unfinished (or fuzzy), never overwrites a
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
from typing import Any

from babel.messages.catalog import Message
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
            if entry.id and unfinished(entry):
                found.append(singular(entry))
    return list(dict.fromkeys(found))


def singular(entry: Message) -> str:
    """The English an entry is listed under: its msgid, a plural's singular."""
    return str(entry.id[0] if entry.pluralizable else entry.id)


def unfinished(entry: Message) -> bool:
    """Whether a gettext entry still needs a translation: empty, fuzzy, or a plural with
    an empty form."""
    if entry.fuzzy:
        return True
    if entry.pluralizable:
        forms = entry.string if isinstance(entry.string, (list, tuple)) else (entry.string,)
        return not all(forms)
    return not entry.string


def missing_json(lang: str) -> dict[str, str | list[str]]:
    """What ``missing`` prints: English → "" to fill, a plural's singular → one "" per
    plural form of ``lang``."""
    with po_path(lang).open("rb") as handle:
        catalogue = read_po(handle)
    plurals = {singular(e): catalogue.num_plurals for e in catalogue if e.id and e.pluralizable}
    return {s: [""] * plurals[s] if s in plurals else "" for s in missing(lang)}


def check(source: str, text: str) -> None:
    """Refuse a translation whose placeholders differ from the English."""
    if sorted(_FIELDS.findall(source)) != sorted(_FIELDS.findall(text)):
        raise SystemExit(f"placeholders differ:\n  {source!r}\n  {text!r}")


def fill(lang: str, translations: dict[str, Any], *, replace: bool = False) -> int:
    """Fill unfinished entries of both catalogues from ``translations`` (``replace``:
    finished ones too, to correct them); returns how many."""
    filled = 0
    tree = ET.parse(ts_path(lang))
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or not isinstance(translations.get(source), str):
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
        given = translations.get(singular(entry)) if entry.id else None
        if not given or not (replace or unfinished(entry)):
            continue
        if entry.pluralizable:
            if not isinstance(given, list) or len(given) != catalogue.num_plurals:
                raise SystemExit(
                    f"{singular(entry)!r} is a plural: give a list of {catalogue.num_plurals} forms"
                )
            for form in given:
                check(str(entry.id[1]), form)
            entry.string = tuple(given)
        else:
            check(str(entry.id), str(given))
            entry.string = given
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
        json.dump(missing_json(args.lang), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    translations = json.loads(args.file.read_text(encoding="utf-8"))
    count = fill(args.lang, translations, replace=args.replace)
    print(f"{count} entries filled; now run scripts/update_translations.sh", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
