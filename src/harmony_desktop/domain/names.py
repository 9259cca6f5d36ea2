"""People's names as the programme writes, finds and sorts them (docs/DOMAIN.md,
"Students and names").

Names are stored exactly as typed, in Unicode NFC (:func:`stored_text`). This module
decides how a stored name is shown (:func:`display_name`), found (:func:`fold`: "nunez"
finds Núñez) and sorted (:func:`name_sort_key`, in the collation of the user's language).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from harmony_desktop.domain.collation import SortKey, sort_key

#: Hyphens and dashes: a double surname is written "Mendoza-Ruiz" or "Mendoza Ruiz".
_DASHES = re.compile(r"[\u002d\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def display_name(first: str, last: str, preferred: str = "", *, last_first: bool = False) -> str:
    """A student's name as people read it: the preferred name if there is one, else the
    legal first name, then the last name ("Lupe Hernández").

    ``last_first`` gives the form rosters are read and filed in ("Hernández, Lupe").
    Pass no ``preferred`` for the legal name. Empty parts are left out.
    """
    given = (preferred or first).strip()
    family = last.strip()
    if last_first:
        return ", ".join(part for part in (family, given) if part)
    return " ".join(part for part in (given, family) if part)


def stored_text(text: str) -> str:
    """Text as it is stored: as typed, without surrounding spaces, in Unicode NFC (so
    "Núñez" typed with combining accents is the same name as Núñez typed precomposed)."""
    return unicodedata.normalize("NFC", text.strip())


@functools.lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """``text`` as search and the duplicate check compare it: accents and case ignored,
    hyphens read as spaces, runs of spaces as one ("Núñez-Ruiz" → "nunez ruiz")."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_DASHES.sub(" ", bare).casefold().split())


def surnames(last: str) -> list[str]:
    """The surnames of a last name: "Mendoza-Ruiz" and "Mendoza Ruiz" are Mendoza, Ruiz."""
    return _DASHES.sub(" ", last).split()


def name_sort_key(first: str, last: str, *, first_name_first: bool = False) -> tuple[object, ...]:
    """How a person sorts in a list, in the collation of the current language.

    By last name, each surname in turn (a double surname sorts by its first surname:
    "Mendoza, Zoe" < "Mendoza Ruiz, Ana" < "Mendozas, Ana"), then by first name; with
    ``first_name_first``, by first name, then last name.
    """
    family: tuple[SortKey, ...] = tuple(sort_key(part) for part in surnames(last))
    given = sort_key(first.strip())
    return (given, family) if first_name_first else (family, given)


def same_names(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """True if two people have the same first and last name once folded (accents, case,
    hyphens), also when one has them the other way round (first and last swapped)."""
    a = (fold(first_a), fold(last_a))
    return a in ((fold(first_b), fold(last_b)), (fold(last_b), fold(first_b)))


class NamedPerson(Protocol):
    """Anyone a picker lists: a name, and an email that tells two of one name apart."""

    @property
    def name(self) -> str: ...

    @property
    def email(self) -> str: ...


def people_labels(people: Sequence[NamedPerson]) -> list[str]:
    """How a picker names each of ``people``: the name, and the email beside it only
    when two of them share the name (``"Ana García <ana.g@…>"``)."""
    names = Counter(fold(p.name) for p in people)
    return [
        f"{p.name} <{p.email}>" if names[fold(p.name)] > 1 and p.email else p.name for p in people
    ]
