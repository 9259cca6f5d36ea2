"""Sorting text as the user's language sorts it (docs/DOMAIN.md, "Students and names").

The collation is the Unicode Collation Algorithm, from pyuca, with its Default Unicode
Collation Element Table (DUCET 10.0): the root collation that CLDR tailors for each
language. English uses the root as it is: an accent is a secondary difference, so
"Álvarez" sorts among the A's, and "Peña" before "Penner". A language whose CLDR
collation changes the root adds its rules to ``_TAILORINGS``; Spanish has one,
``&N<ñ<<<Ñ``: ñ is a letter of its own between n and o, so in Spanish "Peña" comes after
"Penner".

The language comes from one place: :func:`set_collation_language`, for the window and
the command line to call with the user's choice; until then it is the system locale's.

The whole table (31,000 entries) takes 0.15–0.5 s to load, so it is loaded only when a
text needs it: names in the Latin, Greek, Cyrillic, Armenian and Hebrew scripts (accents
included, as every text is decomposed first) need only the entries below U+0600, which
load in a few hundredths of a second and give the very same keys. Every key is cached.
"""

from __future__ import annotations

import copy
import functools
import locale
import os
import re
import threading
import unicodedata
from typing import Any

from pyuca.collator import COLL_ELEMENT_PATTERN, Collator_10_0_0
from pyuca.trie import Node
from pyuca.utils import hexstrings2int

#: A collation key: compare two keys to compare the texts they were made from.
SortKey = tuple[float, ...]

#: Language → (base letter, letter that sorts as its own letter right after it), as in
#: CLDR's tailoring of the root collation for that language.
_TAILORINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (("n", "ñ"), ("N", "Ñ")),
}

#: Code points below this are all a decomposed Latin, Greek or Cyrillic name needs.
_BASIC_LIMIT = 0x0600

_lock = threading.Lock()
#: (language, whole table?) → collator; ("", …) are the untailored root tables
_collators: dict[tuple[str, bool], Collator_10_0_0] = {}
#: the language set by the window or the command line, else the system's (read once)
_language: str | None = None


class _Collator(Collator_10_0_0):
    """pyuca's collator over the entries of code points below ``limit`` (None: all)."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        super().__init__()

    def load(self, filename: str) -> None:
        """Load the table file, skipping entries at or above ``limit``."""
        if self.limit is None:
            super().load(filename)
            return
        # The file's format, as pyuca reads it: "0061 0301 ; [.1C47.0020.0002][…] # …".
        with open(filename, encoding="utf-8") as keys:
            for line in keys:
                points, _sep, rest = line.partition(";")
                if not rest or line.startswith(("#", "@")):
                    continue
                chars = hexstrings2int(points.split())
                if chars[0] < self.limit:
                    elements = COLL_ELEMENT_PATTERN.finditer(rest.split("#", 1)[0])
                    self.table.add(chars, [hexstrings2int(m.groups()) for m in elements])


def system_language() -> str:
    """The language of the system locale for sorting ("es" for es_MX.UTF-8), "en" if
    there is none (the C locale)."""
    for variable in ("LC_ALL", "LC_COLLATE", "LANG"):
        if value := os.environ.get(variable):
            return language_code(value)
    try:
        name = locale.getlocale(locale.LC_COLLATE)[0] or locale.getlocale()[0]
    except ValueError:  # an unknown locale name in the environment
        name = None
    return language_code(name or "")


def language_code(tag: str) -> str:
    """The language of a locale name: "es" for "es_MX.UTF-8", "es-419" or Windows'
    "Spanish_Mexico.1252"; "en" for "C", "POSIX" or nothing."""
    head = re.split(r"[_\-.@]", tag.strip())[0].casefold()
    if head.isalpha() and 2 <= len(head) <= 3 and head != "c":
        return head
    if head.isalpha():
        # Windows names the language in English ("Spanish"); the locale module knows them.
        normalised = locale.normalize(head)
        if re.match(r"^[a-z]{2,3}_", normalised):
            return normalised.split("_")[0]
    return "en"


def set_collation_language(language: str | None) -> None:
    """Sort in ``language`` (a code or a locale name: "es", "es_MX"); None: in the
    system's language, as the system locale says now."""
    global _language
    _language = language_code(language) if language else system_language()


def collation_language() -> str:
    """The language text is sorted in now (the system's until one is set)."""
    if _language is None:
        set_collation_language(None)
    assert _language is not None
    return _language


def sort_key(text: str) -> SortKey:
    """The collation key of ``text`` in the current language."""
    return _sort_key(collation_language(), text)


@functools.lru_cache(maxsize=200_000)
def _sort_key(language: str, text: str) -> SortKey:
    decomposed = unicodedata.normalize("NFD", text)
    whole = max(decomposed, default="\0") >= chr(_BASIC_LIMIT)
    key: SortKey = _collator(language, whole).sort_key(decomposed)
    return key


def _collator(language: str, whole: bool) -> Collator_10_0_0:
    found = _collators.get((language, whole))
    if found is not None:
        return found
    with _lock:
        if ("", whole) not in _collators:
            _collators["", whole] = _Collator(None if whole else _BASIC_LIMIT)
        root = _collators["", whole]
        rules = _TAILORINGS.get(language, ())
        _collators[language, whole] = _tailored(root, rules) if rules else root
        return _collators[language, whole]


def _tailored(root: Collator_10_0_0, rules: tuple[tuple[str, str], ...]) -> Collator_10_0_0:
    """A copy of ``root`` where each (base, letter) sorts ``letter`` as a letter of its
    own right after ``base`` (CLDR ``&base<letter``); the root table is not changed."""
    tailored = copy.copy(root)
    tailored.table = copy.copy(root.table)
    tailored.table.root = _copy_node(root.table.root)
    for base, letter in rules:
        elements = root.table.find_prefix([ord(base)])[1]
        # A primary weight between the base letter's and the next one's; secondary and
        # tertiary (case) as the base letter has them.
        primary, secondary, tertiary = elements[0][:3]
        weights = [[primary + 0.5, secondary, tertiary]]
        path = [ord(ch) for ch in unicodedata.normalize("NFD", letter)]
        node = tailored.table.root
        for point in path:
            children = node.children = dict(node.children or {})
            node = children[point] = _copy_node(children.get(point))
        node.value = weights
    return tailored


def _copy_node(node: Node | None) -> Any:
    fresh = Node()
    if node is not None:
        fresh.value = node.value
        fresh.children = node.children
    return fresh
